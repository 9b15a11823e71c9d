#!/usr/bin/python3
"""Writes describe_golden.json: pandas' describe() of iris.csv and of a small synthetic frame with nulls.

DescribeTest builds the same frames in Java and compares Frame.describe() with these values.
Run from this directory with Debian's pandas:  /usr/bin/python3 make_describe_golden.py
"""
import json
import math
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
IRIS = os.path.join(HERE, "..", "data", "iris.csv")

# The synthetic frame: nulls (None), negative and large numbers, a tie-free STRING column and a BOOLEAN one.
SYNTHETIC = {
    "x": {"type": "DOUBLE", "values": [2.5, None, -1.25, 3.0, 1e-3, None, 7.75, 2.5, -0.5, 1e6 + 0.1]},
    "n": {"type": "LONG", "values": [3, 1, None, 4, 1, 5, 9, None, 2, 6]},
    "s": {"type": "STRING", "values": ["b", "a", None, "b", "c", "b", None, "a", "d", "b"]},
    "flag": {"type": "BOOLEAN", "values": [True, None, False, True, True, None, False, True, None, True]},
}


def num(v):
    v = float(v)
    return None if math.isnan(v) else v


def describe(series, kind):
    d = series.describe()
    if kind in ("DOUBLE", "LONG"):
        keys = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]
        out = {k: num(d[k]) for k in keys}
        out["count"] = int(d["count"])
    else:
        out = {"count": int(d["count"]), "unique": int(d["unique"]), "top": d["top"], "freq": int(d["freq"])}
        if kind == "BOOLEAN":
            out["top"] = bool(out["top"])
    return out


def main():
    iris = pd.read_csv(IRIS)
    iris_kinds = {c: ("STRING" if iris[c].dtype == object else "DOUBLE") for c in iris.columns}
    synthetic = pd.DataFrame({name: pd.Series(col["values"], dtype="object") for name, col in SYNTHETIC.items()})
    for name, col in SYNTHETIC.items():
        if col["type"] in ("DOUBLE", "LONG"):
            synthetic[name] = pd.to_numeric(synthetic[name])
    golden = {
        "generator": "make_describe_golden.py with pandas " + pd.__version__,
        "iris": {c: describe(iris[c], k) for c, k in iris_kinds.items()},
        "synthetic": {
            "input": SYNTHETIC,
            "describe": {c: describe(synthetic[c], col["type"]) for c, col in SYNTHETIC.items()},
        },
    }
    with open(os.path.join(HERE, "describe_golden.json"), "w", encoding="utf-8") as out:
        json.dump(golden, out, indent=2, sort_keys=False)
        out.write("\n")


if __name__ == "__main__":
    main()
