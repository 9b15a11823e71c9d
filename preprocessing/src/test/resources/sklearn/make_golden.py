#!/usr/bin/python3
"""Golden expected outputs from scikit-learn for the preprocessing module's built-in steps.

How to rerun (from this directory):

    apt-get install -y python3-sklearn python3-pandas     # Debian 12: scikit-learn 1.2.1
    /usr/bin/python3 make_golden.py

The script is deterministic (fixed seed, no clock, no randomness outside numpy.random.default_rng(SEED)).
It (re)writes, next to itself:

  - synthetic_numeric_fit.csv / synthetic_numeric_unseen.csv   numeric data with NaN, a constant column,
                                                               an all-NaN column, ties for even-count medians
  - synthetic_categorical_fit.csv / synthetic_categorical_unseen.csv
                                                               string data with NaN and categories unseen at fit
  - synthetic_positive_fit.csv                                 strictly positive data for Box-Cox
  - tokens_fit.json / tokens_unseen.json                       token lists for FeatureHasher
  - corpus_fit.txt / corpus_unseen.txt                         one short sentence per line, for text vectorizers
  - cases/<case_id>.json                                       one file per case (format below)
  - README.md                                                  the list of cases

and reads iris.csv and breast_cancer.csv (copies of ../../../../../../shared/data, see README.md for attribution).

Produced with: scikit-learn 1.2.1, numpy 1.24.2, scipy 1.10.1, pandas 1.5.3 (Debian 12 packages, Python 3.11).
Each case file also records the versions that produced it under "versions".

Case file format (JSON, UTF-8):

  {
    "case": "standard_scaler_iris",
    "description": "...",
    "estimator": {"class": "sklearn.preprocessing.StandardScaler",
                  "params_set": {...only the parameters the script passed...},
                  "params": {...all get_params(deep=False), defaults included...}},
    "fit_input": INPUT,
    "fit": {"warnings": [...], "state": {"mean_": [...], ...}}      or  {"error": {"class": ..., "message": ...}}
    "transforms": [ {"name": "fit_input" | "unseen", "input": INPUT (only for unseen), "warnings": [...],
                     "output": {"feature_names_out": [...] or null, "shape": [rows, cols], "values": [[...], ...]}}
                    or {"name": ..., "input": ..., "error": {"class": "ValueError", "message": "..."}} ],
    "versions": {...}
  }

  INPUT is one of
    {"kind": "frame", "source": "...", "columns": [...], "dtypes": [...], "rows": [[...], ...]}
    {"kind": "documents", "source": "...", "documents": ["...", ...]}
    {"kind": "token_lists", "source": "...", "samples": [["tok", ...], ...]}

Value encoding: floats are written with Python's repr (shortest string that round-trips to the same double,
i.e. full double precision; nothing is rounded). NaN is written as null; +/-infinity as the strings
"Infinity" / "-Infinity". Sparse outputs (e.g. of the text vectorizers) are written dense.
A missing value in a string column is NaN in the pandas frame (what read_csv gives) and null in JSON.
The "state" holds every public fitted attribute (name ending in "_") plus a few derived ones that sklearn
exposes as properties (idf_, infrequent_categories_) or keeps in a nested estimator (PowerTransformer's
standardizing scaler, as "_scaler.mean_" / "_scaler.scale_").
"""

import inspect
import json
import os
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
import scipy.sparse as sp
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfVectorizer
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import (
    FunctionTransformer,
    KBinsDiscretizer,
    MaxAbsScaler,
    MinMaxScaler,
    OneHotEncoder,
    OrdinalEncoder,
    PowerTransformer,
    RobustScaler,
    StandardScaler,
)
from sklearn.utils import murmurhash3_32

SEED = 20261201
HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")

VERSIONS = {
    "python": sys.version.split()[0],
    "scikit-learn": sklearn.__version__,
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "pandas": pd.__version__,
}


# ---------------------------------------------------------------------------------------------------------
# JSON conversion


def jsonable(obj):
    """Converts numpy / sklearn values to plain JSON values, keeping full double precision."""
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        f = float(obj)
        if np.isnan(f):
            return None
        if np.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    if isinstance(obj, (pd.DataFrame, pd.Series)):
        return jsonable(obj.to_numpy())
    if isinstance(obj, np.str_):
        return str(obj)
    if sp.issparse(obj):
        return jsonable(obj.toarray())
    if isinstance(obj, np.ndarray):
        return [jsonable(x) for x in obj.tolist()] if obj.dtype != object else [jsonable(x) for x in obj]
    if isinstance(obj, (list, tuple)):
        return [jsonable(x) for x in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted(jsonable(x) for x in obj)
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in sorted(obj.items(), key=lambda kv: str(kv[0]))}
    if isinstance(obj, slice):
        return {"start": obj.start, "stop": obj.stop}
    if isinstance(obj, type):
        return f"{obj.__module__}.{obj.__qualname__}"
    if isinstance(obj, np.dtype):
        return str(obj)
    if callable(obj) and hasattr(obj, "__name__"):
        module = getattr(obj, "__module__", None) or "numpy"
        return f"{module}.{obj.__name__}"
    if hasattr(obj, "get_params"):
        return estimator_description(obj, None)
    raise TypeError(f"cannot convert {type(obj)}: {obj!r}")


def dumps(value, indent=0):
    """JSON with one key per line, lists of scalars (a row, a state vector) kept on one line."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f'{pad} {json.dumps(k, ensure_ascii=False)}: {dumps(v, indent + 1)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        items = [pad + " " + dumps(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":") if isinstance(value, list) else None)


def estimator_description(est, params_set):
    cls = type(est)
    module = cls.__module__
    # public module path, e.g. sklearn.preprocessing._data -> sklearn.preprocessing
    public = ".".join(p for p in module.split(".") if not p.startswith("_"))
    out = {"class": f"{public}.{cls.__name__}"}
    if params_set is not None:
        out["params_set"] = jsonable(params_set)
    out["params"] = jsonable(est.get_params(deep=False))
    return out


def fitted_state(est):
    state = {}
    for name, value in sorted(vars(est).items()):
        if name.endswith("_") and not name.startswith("_") and not name.endswith("__"):
            if name == "transformers_":
                state[name] = [
                    {"name": n, "transformer": t if isinstance(t, str) else {
                        **estimator_description(t, None), "state": fitted_state(t)}, "columns": jsonable(c)}
                    for n, t, c in value
                ]
            elif name == "named_transformers_":
                continue  # same objects as transformers_
            else:
                state[name] = jsonable(value)
    # properties and nested estimators that hold fitted state
    if isinstance(est, TfidfVectorizer) and est.use_idf:
        state["idf_"] = jsonable(est.idf_)
    if isinstance(est, OneHotEncoder) and est._infrequent_enabled:
        state["infrequent_categories_"] = jsonable(est.infrequent_categories_)
    if isinstance(est, PowerTransformer) and est.standardize:
        state["_scaler.mean_"] = jsonable(est._scaler.mean_)
        state["_scaler.scale_"] = jsonable(est._scaler.scale_)
        state["_scaler.var_"] = jsonable(est._scaler.var_)
    return state


def record_warnings(caught):
    return [{"category": w.category.__name__, "message": str(w.message)} for w in caught]


def error_of(exc):
    return {"class": type(exc).__name__, "message": str(exc)}


# ---------------------------------------------------------------------------------------------------------
# Inputs


def frame_input(df, source):
    return {
        "kind": "frame",
        "source": source,
        "columns": [str(c) for c in df.columns],
        "dtypes": [str(t) for t in df.dtypes],
        "rows": jsonable(df.to_numpy(dtype=object)),
    }


def documents_input(docs, source):
    return {"kind": "documents", "source": source, "documents": list(docs)}


def tokens_input(samples, source):
    return {"kind": "token_lists", "source": source, "samples": [list(s) for s in samples]}


def read_csv(name):
    return pd.read_csv(os.path.join(HERE, name))


def make_synthetic():
    rng = np.random.default_rng(SEED)

    # numeric: 20 rows (even count, so medians of columns without NaN average two middle values)
    n = 20
    num = pd.DataFrame({
        "age": rng.integers(18, 80, n).astype(float),
        "income": np.round(rng.lognormal(10.0, 0.6, n), 2),
        "score": np.round(rng.normal(0.0, 1.0, n), 3),
        "count": rng.integers(0, 4, n).astype(float),  # few distinct values: ties, duplicate quantiles
        "constant": np.full(n, 7.5),
        "all_missing": np.full(n, np.nan),
    })
    for col, frac in (("age", 0.15), ("income", 0.2), ("score", 0.1)):
        idx = rng.choice(n, int(round(frac * n)), replace=False)
        num.loc[idx, col] = np.nan
    num_unseen = pd.DataFrame({
        "age": [17.0, 95.0, np.nan, 40.0, 55.5],
        "income": [1.0, 500000.0, 22000.0, np.nan, 0.0],
        "score": [-5.0, 5.0, 0.0, np.nan, -0.001],
        "count": [np.nan, 10.0, -1.0, 2.0, 0.0],
        "constant": [7.5, 0.0, np.nan, 8.0, -1.0],
        "all_missing": [1.0, np.nan, 2.0, np.nan, np.nan],
    })

    # categorical: 40 rows with skewed frequencies so that min_frequency / max_categories matter
    m = 40
    colors = rng.choice(["red", "green", "blue", "yellow", "purple"], m, p=[0.4, 0.3, 0.15, 0.1, 0.05])
    sizes = rng.choice(["S", "M", "L", "XL"], m, p=[0.3, 0.4, 0.25, 0.05])
    flags = rng.choice(["yes", "no"], m, p=[0.6, 0.4])
    cat = pd.DataFrame({"color": colors.astype(object), "size": sizes.astype(object),
                        "flag": flags.astype(object)})
    cat.loc[rng.choice(m, 4, replace=False), "color"] = np.nan
    cat.loc[rng.choice(m, 2, replace=False), "size"] = np.nan
    cat_unseen = pd.DataFrame({
        "color": ["red", "orange", np.nan, "purple", "blue", "black"],
        "size": ["M", "XXL", "S", np.nan, "XL", "L"],
        "flag": ["yes", "no", "maybe", "yes", np.nan, "no"],
    }, dtype=object)

    # strictly positive data for Box-Cox
    pos = pd.DataFrame({
        "a": np.round(rng.lognormal(0.0, 1.0, 30), 4),
        "b": np.round(rng.gamma(2.0, 3.0, 30), 4) + 0.01,
        "c": np.round(rng.uniform(1.0, 100.0, 30), 4),
    })
    pos_unseen = pd.DataFrame({"a": [0.5, 2.0, 10.0], "b": [0.02, 5.0, 40.0], "c": [1.0, 50.0, 150.0]})

    # token lists for the feature hasher
    vocab = ["apple", "banana", "cherry", "date", "elderberry", "fig", "grape", "kiwi", "lemon", "mango",
             "Äpfel", "naïve", "日本", ""]
    tokens = [list(rng.choice(vocab[:12], rng.integers(1, 6))) for _ in range(12)]
    tokens.append(["apple", "apple", "apple"])  # repeated token: values add up
    tokens.append([])  # empty sample: all zeros
    tokens_unseen = [["Äpfel", "naïve", "日本"], ["", "apple"], ["zucchini", "quince", "apple"]]

    return num, num_unseen, cat, cat_unseen, pos, pos_unseen, tokens, tokens_unseen


CORPUS_FIT = [
    "The quick brown fox jumps over the lazy dog.",
    "A lazy dog sleeps in the sun.",
    "The fox is quick and the dog is lazy.",
    "Data pipelines turn raw data into features.",
    "Features feed the model, the model makes predictions.",
    "Fit the pipeline once and apply it everywhere.",
    "The same pipeline gives the same numbers in training and serving.",
    "Missing values need a policy: error, ignore or impute.",
    "Unknown categories need a policy too.",
    "Scaling puts features on the same scale.",
    "The model was trained on scaled features.",
    "Text becomes tokens, tokens become counts.",
    "Counts become TF-IDF weights.",
    "Rare tokens are dropped by min_df.",
    "Frequent tokens are kept by max_features.",
    "Hashing maps tokens to a fixed number of columns.",
    "Hashing needs no vocabulary at all.",
    "A vocabulary is fitted on the training text.",
    "The brown dog and the brown fox are friends.",
    "Quick models, quick predictions, quick feedback.",
    "Data drift changes the data the model sees.",
    "Monitor drift and retrain the model when needed.",
    "Is the data clean? Check the data first!",
    "Numbers like 42 and 3.14 are tokens too.",
    "CamelCase Words and UPPER case words are lower-cased.",
    "E-mail: someone@example.com is split into tokens.",
    "Café, naïve and Zürich keep their accents.",
    "I a x y z: single letters are not tokens.",
    "The end of the training text.",
    "The the the the repeated words count many times.",
]

CORPUS_UNSEEN = [
    "The quick fox meets a new zebra.",
    "Completely unseen vocabulary here.",
    "",
    "DATA data Data model MODEL.",
    "Brown brown brown dog dog.",
]


def write_inputs(num, num_unseen, cat, cat_unseen, pos, pos_unseen, tokens, tokens_unseen):
    num.to_csv(os.path.join(HERE, "synthetic_numeric_fit.csv"), index=False, float_format="%r")
    num_unseen.to_csv(os.path.join(HERE, "synthetic_numeric_unseen.csv"), index=False, float_format="%r")
    cat.to_csv(os.path.join(HERE, "synthetic_categorical_fit.csv"), index=False)
    cat_unseen.to_csv(os.path.join(HERE, "synthetic_categorical_unseen.csv"), index=False)
    pos.to_csv(os.path.join(HERE, "synthetic_positive_fit.csv"), index=False, float_format="%r")
    pos_unseen.to_csv(os.path.join(HERE, "synthetic_positive_unseen.csv"), index=False, float_format="%r")
    for name, data in (("tokens_fit.json", tokens), ("tokens_unseen.json", tokens_unseen)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            json.dump([[str(t) for t in s] for s in data], f, ensure_ascii=False, indent=1)
            f.write("\n")
    for name, docs in (("corpus_fit.txt", CORPUS_FIT), ("corpus_unseen.txt", CORPUS_UNSEEN)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            f.write("\n".join(docs) + "\n")


# ---------------------------------------------------------------------------------------------------------
# Running one case

CASES = []


def run_case(case_id, description, est, params_set, fit_X, fit_input, unseen=(), extra=None):
    """Fits est on fit_X, transforms fit_X and each (name, X, input_json) in unseen, writes the case file."""
    doc = {
        "case": case_id,
        "description": description,
        "estimator": estimator_description(est, params_set),
        "fit_input": fit_input,
    }
    _, fit_warnings, fit_error = call_recording(lambda: est.fit(fit_X))
    if fit_error is None:
        doc["fit"] = {"warnings": fit_warnings, "state": fitted_state(est)}
    else:
        doc["fit"] = {"warnings": fit_warnings, "error": fit_error}
    transforms = []
    if fit_error is None:
        for name, X, input_json in [("fit_input", fit_X, None)] + list(unseen):
            t = {"name": name}
            if input_json is not None:
                t["input"] = input_json
            out, t["warnings"], error = call_recording(lambda: est.transform(X))
            if error is not None:
                t["error"] = error
            else:
                names = None
                if hasattr(est, "get_feature_names_out"):  # HashingVectorizer, FeatureHasher: none in 1.2
                    names, _, names_error = call_recording(est.get_feature_names_out)
                    if names_error is not None:
                        t["feature_names_out_error"] = names_error
                t["output"] = {"feature_names_out": jsonable(names),
                               "shape": list(out.shape), "values": jsonable(out)}
            transforms.append(t)
    doc["transforms"] = transforms
    if extra:
        doc.update(jsonable(extra))
    doc["versions"] = VERSIONS
    path = os.path.join(CASES_DIR, case_id + ".json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(dumps(doc))
        f.write("\n")
    outcome = ("fit error " + fit_error["class"]) if fit_error else ", ".join(
        f"{t['name']}: " + ("error " + t["error"]["class"] if "error" in t else "x".join(map(str, t["output"]["shape"])))
        for t in transforms)
    CASES.append((case_id, doc["estimator"]["class"], jsonable(params_set), fit_input["source"], outcome,
                  description))


def call_recording(fn):
    """Calls fn (a scikit-learn call) and returns (result, warnings, error); only sklearn's errors are caught."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn()
            error = None
        except Exception as exc:  # the expected outcome is sklearn's error
            result = None
            error = error_of(exc)
    return result, record_warnings(caught), error


def make(cls, **params):
    return cls(**params), params


# ---------------------------------------------------------------------------------------------------------
# The cases


def main():
    os.makedirs(CASES_DIR, exist_ok=True)
    for f in os.listdir(CASES_DIR):
        if f.endswith(".json"):
            os.remove(os.path.join(CASES_DIR, f))

    num, num_unseen, cat, cat_unseen, pos, pos_unseen, tokens, tokens_unseen = make_synthetic()
    write_inputs(num, num_unseen, cat, cat_unseen, pos, pos_unseen, tokens, tokens_unseen)
    # read back what was written, so the inputs are exactly the committed files
    num = read_csv("synthetic_numeric_fit.csv")
    num_unseen = read_csv("synthetic_numeric_unseen.csv")
    cat = read_csv("synthetic_categorical_fit.csv").astype(object)
    cat_unseen = read_csv("synthetic_categorical_unseen.csv").astype(object)
    pos = read_csv("synthetic_positive_fit.csv")
    pos_unseen = read_csv("synthetic_positive_unseen.csv")

    iris = read_csv("iris.csv")
    iris_num = iris.drop(columns=["target"])
    bc = read_csv("breast_cancer.csv")
    bc_num = bc.drop(columns=["target"])

    I = {
        "num": frame_input(num, "synthetic_numeric_fit.csv"),
        "num_u": frame_input(num_unseen, "synthetic_numeric_unseen.csv"),
        "cat": frame_input(cat, "synthetic_categorical_fit.csv"),
        "cat_u": frame_input(cat_unseen, "synthetic_categorical_unseen.csv"),
        "pos": frame_input(pos, "synthetic_positive_fit.csv"),
        "pos_u": frame_input(pos_unseen, "synthetic_positive_unseen.csv"),
        "iris": frame_input(iris_num, "iris.csv without column target"),
        "bc": frame_input(bc_num, "breast_cancer.csv without column target"),
    }
    num_unseen_t = [("unseen", num_unseen, I["num_u"])]
    cat_unseen_t = [("unseen", cat_unseen, I["cat_u"])]
    num4 = num.drop(columns=["all_missing"])
    num4_u = num_unseen.drop(columns=["all_missing"])
    I["num4"] = frame_input(num4, "synthetic_numeric_fit.csv without column all_missing")
    num4_unseen_t = [("unseen", num4_u,
                      frame_input(num4_u, "synthetic_numeric_unseen.csv without column all_missing"))]

    # ---- SimpleImputer
    for strategy in ("mean", "median", "most_frequent", "constant"):
        est, p = make(SimpleImputer, strategy=strategy)
        run_case(f"simple_imputer_{strategy}_numeric",
                 f"SimpleImputer strategy={strategy} on numeric data with NaN, a constant column and an all-NaN "
                 "column (mean/median/most_frequent drop the all-NaN column with a warning; constant keeps it)",
                 est, p, num, I["num"], num_unseen_t)
        est, p = make(SimpleImputer, strategy=strategy, add_indicator=True)
        run_case(f"simple_imputer_{strategy}_numeric_add_indicator",
                 f"SimpleImputer strategy={strategy}, add_indicator=True: indicator columns only for features "
                 "with missing values at fit time; new missing values at transform get no indicator",
                 est, p, num, I["num"], num_unseen_t)
    est, p = make(SimpleImputer, strategy="constant", fill_value=-1.0)
    run_case("simple_imputer_constant_fill_value_numeric", "SimpleImputer constant with fill_value=-1.0",
             est, p, num, I["num"], num_unseen_t)
    for strategy in ("most_frequent", "constant"):
        est, p = make(SimpleImputer, strategy=strategy)
        run_case(f"simple_imputer_{strategy}_categorical",
                 f"SimpleImputer strategy={strategy} on string columns with NaN (constant default fill for "
                 "strings is 'missing_value'; most_frequent ties resolve to the smallest value)",
                 est, p, cat, I["cat"], cat_unseen_t)
    est, p = make(SimpleImputer, strategy="constant", fill_value="MISSING", add_indicator=True)
    run_case("simple_imputer_constant_categorical_add_indicator",
             "SimpleImputer constant fill_value='MISSING' with add_indicator on string columns",
             est, p, cat, I["cat"], cat_unseen_t)
    est, p = make(SimpleImputer, strategy="mean")
    run_case("simple_imputer_mean_categorical_error",
             "SimpleImputer mean on string columns is an error at fit", est, p, cat, I["cat"])

    # ---- scalers
    scalers = [
        ("standard_scaler", StandardScaler, {}),
        ("standard_scaler_with_mean_false", StandardScaler, {"with_mean": False}),
        ("standard_scaler_with_std_false", StandardScaler, {"with_std": False}),
        ("min_max_scaler", MinMaxScaler, {}),
        ("min_max_scaler_range_minus1_1", MinMaxScaler, {"feature_range": (-1, 1)}),
        ("max_abs_scaler", MaxAbsScaler, {}),
        ("robust_scaler", RobustScaler, {}),
        ("robust_scaler_quantile_range_10_90", RobustScaler, {"quantile_range": (10.0, 90.0)}),
    ]
    for name, cls, params in scalers:
        est, p = make(cls, **params)
        run_case(f"{name}_iris", f"{cls.__name__} {params or 'defaults'} on iris (4 numeric columns)",
                 est, p, iris_num, I["iris"])
        est, p = make(cls, **params)
        run_case(f"{name}_breast_cancer", f"{cls.__name__} {params or 'defaults'} on breast_cancer (30 columns)",
                 est, p, bc_num, I["bc"])
        est, p = make(cls, **params)
        run_case(f"{name}_synthetic",
                 f"{cls.__name__} {params or 'defaults'} on synthetic data: NaN ignored in fit and kept in output, "
                 "constant column (zero variance/range -> scale 1), all-NaN column, out-of-range unseen values",
                 est, p, num, I["num"], num_unseen_t)

    # ---- OneHotEncoder (always dense output)
    ohe_cases = [
        ("one_hot_encoder_error", {"handle_unknown": "error"},
         "handle_unknown='error': unseen categories at transform are an error; NaN seen at fit is a category"),
        ("one_hot_encoder_ignore", {"handle_unknown": "ignore"},
         "handle_unknown='ignore': unseen categories encode as all zeros"),
        ("one_hot_encoder_infrequent_min_frequency_int",
         {"handle_unknown": "infrequent_if_exist", "min_frequency": 3},
         "infrequent_if_exist with min_frequency=3 (count < 3 is infrequent); unseen go to the infrequent column "
         "if the feature has one, else all zeros"),
        ("one_hot_encoder_infrequent_min_frequency_float",
         {"handle_unknown": "infrequent_if_exist", "min_frequency": 0.1},
         "infrequent_if_exist with min_frequency=0.1 (count < 0.1 * n_samples is infrequent)"),
        ("one_hot_encoder_infrequent_max_categories",
         {"handle_unknown": "infrequent_if_exist", "max_categories": 3},
         "infrequent_if_exist with max_categories=3 (at most 3 output columns per feature including the "
         "infrequent one; least frequent first, ties by stable sort on category order)"),
        ("one_hot_encoder_infrequent_min_frequency_and_max_categories",
         {"handle_unknown": "infrequent_if_exist", "min_frequency": 2, "max_categories": 4},
         "infrequent_if_exist with min_frequency=2 and max_categories=4"),
        ("one_hot_encoder_drop_first", {"drop": "first"}, "drop='first' (first category in sorted order)"),
        ("one_hot_encoder_drop_if_binary", {"drop": "if_binary"},
         "drop='if_binary' (only features with exactly 2 categories lose their first column)"),
        ("one_hot_encoder_drop_first_ignore", {"drop": "first", "handle_unknown": "ignore"},
         "drop='first' with handle_unknown='ignore': unseen encode as all zeros, like the dropped category"),
        ("one_hot_encoder_drop_if_binary_infrequent",
         {"drop": "if_binary", "handle_unknown": "infrequent_if_exist", "min_frequency": 3},
         "drop='if_binary' combined with infrequent categories"),
    ]
    for case_id, params, desc in ohe_cases:
        est, p = make(OneHotEncoder, sparse_output=False, **params)
        run_case(case_id + "_synthetic", "OneHotEncoder " + desc, est, p, cat, I["cat"], cat_unseen_t)
    est, p = make(OneHotEncoder, sparse_output=False)
    iris_target = iris[["target"]].astype(object)
    run_case("one_hot_encoder_iris_target", "OneHotEncoder on iris species", est, p, iris_target,
             frame_input(iris_target, "iris.csv column target"))
    est, p = make(OneHotEncoder, sparse_output=False, categories=[["S", "M", "L", "XL"]], handle_unknown="ignore")
    run_case("one_hot_encoder_explicit_categories", "OneHotEncoder with explicit categories (order kept, not sorted)",
             est, p, cat[["size"]], frame_input(cat[["size"]], "synthetic_categorical_fit.csv column size"),
             [("unseen", cat_unseen[["size"]], frame_input(cat_unseen[["size"]],
                                                           "synthetic_categorical_unseen.csv column size"))])

    # ---- OrdinalEncoder
    est, p = make(OrdinalEncoder)
    run_case("ordinal_encoder_default_synthetic",
             "OrdinalEncoder defaults: sorted categories, NaN stays NaN (encoded_missing_value=nan), unseen is an error",
             est, p, cat, I["cat"], cat_unseen_t)
    est, p = make(OrdinalEncoder, handle_unknown="use_encoded_value", unknown_value=-1)
    run_case("ordinal_encoder_unknown_value_synthetic",
             "OrdinalEncoder handle_unknown='use_encoded_value', unknown_value=-1", est, p, cat, I["cat"],
             cat_unseen_t)
    est, p = make(OrdinalEncoder, handle_unknown="use_encoded_value", unknown_value=-1, encoded_missing_value=-2)
    run_case("ordinal_encoder_unknown_value_encoded_missing_synthetic",
             "OrdinalEncoder unknown_value=-1, encoded_missing_value=-2 (NaN seen at fit is not a category code)",
             est, p, cat, I["cat"], cat_unseen_t)
    est, p = make(OrdinalEncoder, handle_unknown="use_encoded_value", unknown_value=np.nan)
    run_case("ordinal_encoder_unknown_value_nan_synthetic", "OrdinalEncoder unknown_value=nan",
             est, p, cat, I["cat"], cat_unseen_t)
    est, p = make(OrdinalEncoder)
    run_case("ordinal_encoder_iris_target", "OrdinalEncoder on iris species", est, p, iris_target,
             frame_input(iris_target, "iris.csv column target"))

    # ---- KBinsDiscretizer
    iris_unseen = pd.DataFrame({"sepal_length_cm": [0.0, 4.3, 7.9, 100.0],
                                "sepal_width_cm": [-1.0, 2.0, 4.4, 5.0],
                                "petal_length_cm": [1.0, 3.5, 6.9, 7.0],
                                "petal_width_cm": [0.1, 1.3, 2.5, 2.6]})
    iris_unseen_t = [("unseen", iris_unseen, frame_input(iris_unseen, "hand-made rows outside and on iris' range"))]
    for strategy in ("uniform", "quantile"):
        for encode in ("ordinal", "onehot-dense"):
            for n_bins in (3, 5):
                est, p = make(KBinsDiscretizer, n_bins=n_bins, encode=encode, strategy=strategy)
                run_case(f"kbins_{strategy}_{encode.replace('-', '_')}_{n_bins}_iris",
                         f"KBinsDiscretizer n_bins={n_bins} encode={encode} strategy={strategy} on iris; values "
                         "outside the fitted range go to the first/last bin; bins are right-open "
                         "(searchsorted side='right' on the inner edges)",
                         est, p, iris_num, I["iris"], iris_unseen_t)
    bc5 = bc_num[["mean_radius", "mean_concavity", "worst_area", "smoothness_error"]]
    for strategy in ("uniform", "quantile"):
        est, p = make(KBinsDiscretizer, n_bins=5, encode="ordinal", strategy=strategy)
        run_case(f"kbins_{strategy}_ordinal_5_breast_cancer",
                 f"KBinsDiscretizer n_bins=5 ordinal {strategy} on 4 breast_cancer columns", est, p, bc5,
                 frame_input(bc5, "breast_cancer.csv columns mean_radius, mean_concavity, worst_area, smoothness_error"))
    cnt = num[["count"]]
    cnt_u = num_unseen[["count"]].fillna(1.0)
    est, p = make(KBinsDiscretizer, n_bins=5, encode="ordinal", strategy="quantile")
    run_case("kbins_quantile_ordinal_5_duplicate_edges_synthetic",
             "KBinsDiscretizer quantile on a column with 4 distinct values: bins narrower than 1e-8 are removed "
             "with a warning, n_bins_ shrinks", est, p, cnt, frame_input(cnt, "synthetic_numeric_fit.csv column count"),
             [("unseen", cnt_u, frame_input(cnt_u, "synthetic_numeric_unseen.csv column count, NaN replaced by 1.0"))])
    est, p = make(KBinsDiscretizer, n_bins=3, encode="ordinal", strategy="uniform")
    run_case("kbins_uniform_nan_error_synthetic", "KBinsDiscretizer does not accept NaN: error at fit",
             est, p, num4, I["num4"])
    const = num[["constant"]]
    est, p = make(KBinsDiscretizer, n_bins=3, encode="ordinal", strategy="uniform")
    run_case("kbins_uniform_constant_column_synthetic",
             "KBinsDiscretizer on a constant column: a warning, edges [-inf, inf], a single bin",
             est, p, const, frame_input(const, "synthetic_numeric_fit.csv column constant"))

    # ---- FunctionTransformer(np.log1p)
    est, p = make(FunctionTransformer, func=np.log1p, feature_names_out="one-to-one")
    run_case("function_transformer_log1p_breast_cancer", "FunctionTransformer(np.log1p) on breast_cancer",
             est, p, bc_num, I["bc"])
    est, p = make(FunctionTransformer, func=np.log1p, feature_names_out="one-to-one")
    run_case("function_transformer_log1p_synthetic",
             "FunctionTransformer(np.log1p) on synthetic data: NaN stays NaN, log1p(-1) = -Infinity, "
             "log1p(x < -1) = NaN (with RuntimeWarnings)", est, p, num, I["num"], num_unseen_t)

    # ---- PowerTransformer
    for method, standardize in (("yeo-johnson", True), ("yeo-johnson", False), ("box-cox", True), ("box-cox", False)):
        tag = f"{method.replace('-', '_')}_standardize_{str(standardize).lower()}"
        est, p = make(PowerTransformer, method=method, standardize=standardize)
        run_case(f"power_transformer_{tag}_iris", f"PowerTransformer {method} standardize={standardize} on iris",
                 est, p, iris_num, I["iris"], iris_unseen_t if method == "yeo-johnson" else [])
        est, p = make(PowerTransformer, method=method, standardize=standardize)
        run_case(f"power_transformer_{tag}_positive_synthetic",
                 f"PowerTransformer {method} standardize={standardize} on strictly positive synthetic data",
                 est, p, pos, I["pos"], [("unseen", pos_unseen, I["pos_u"])])
    est, p = make(PowerTransformer, method="yeo-johnson")
    run_case("power_transformer_yeo_johnson_standardize_true_breast_cancer",
             "PowerTransformer yeo-johnson on breast_cancer (30 columns)", est, p, bc_num, I["bc"])
    num_pt = num[["age", "income", "score", "count"]]
    num_pt_u = num_unseen[["age", "income", "score", "count"]]
    est, p = make(PowerTransformer, method="yeo-johnson")
    run_case("power_transformer_yeo_johnson_standardize_true_synthetic",
             "PowerTransformer yeo-johnson with NaN (ignored in fit, kept in output) and negative values. (The "
             "constant and all-NaN columns are left out: sklearn gives an arbitrary lambda for them and "
             "rounding noise such as 3.55e-15 instead of 0 after standardizing.)", est, p, num_pt,
             frame_input(num_pt, "synthetic_numeric_fit.csv columns age, income, score, count"),
             [("unseen", num_pt_u, frame_input(num_pt_u, "synthetic_numeric_unseen.csv columns age, income, score, count"))])
    est, p = make(PowerTransformer, method="box-cox")
    run_case("power_transformer_box_cox_breast_cancer_error",
             "PowerTransformer box-cox on breast_cancer, which has zeros: an error at fit", est, p, bc_num, I["bc"])
    est, p = make(PowerTransformer, method="box-cox")
    run_case("power_transformer_box_cox_unseen_nonpositive_error",
             "PowerTransformer box-cox fitted on positive data, transform of non-positive data is an error",
             est, p, pos, I["pos"],
             [("unseen", pos_unseen - 1.0, frame_input(pos_unseen - 1.0, "synthetic_positive_unseen.csv minus 1.0"))])

    # ---- FeatureHasher
    all_tokens = sorted({str(t) for s in tokens + tokens_unseen for t in s})
    hashes = {t: int(murmurhash3_32(t.encode("utf-8"), seed=0, positive=False)) for t in all_tokens}
    for alternate_sign in (True, False):
        est, p = make(FeatureHasher, n_features=16, input_type="string", alternate_sign=alternate_sign)
        run_case(f"feature_hasher_16_alternate_sign_{str(alternate_sign).lower()}",
                 f"FeatureHasher n_features=16 input_type='string' alternate_sign={alternate_sign}: "
                 "h = MurmurHash3_x86_32(UTF-8 bytes, seed 0) as signed int; column = abs(h) % n_features; "
                 "value += (alternate_sign and h < 0) ? -1 : 1",
                 est, p, tokens, tokens_input(tokens, "tokens_fit.json"),
                 [("unseen", tokens_unseen, tokens_input(tokens_unseen, "tokens_unseen.json"))],
                 extra={"murmurhash3_32_signed_seed0": hashes})

    # ---- text
    docs_fit = documents_input(CORPUS_FIT, "corpus_fit.txt")
    docs_unseen = [("unseen", CORPUS_UNSEEN, documents_input(CORPUS_UNSEEN, "corpus_unseen.txt"))]

    def text_case(case_id, cls, desc, **params):
        est, p = make(cls, **params)
        extra = {}
        if "max_features" in params:
            extra["max_features_cutoff"] = max_features_cutoff(params)
        if cls is HashingVectorizer:
            analyzer = est.build_analyzer()
            terms = sorted({t for d in CORPUS_FIT + CORPUS_UNSEEN for t in analyzer(d)})
            extra["murmurhash3_32_signed_seed0"] = {
                t: int(murmurhash3_32(t.encode("utf-8"), seed=0, positive=False)) for t in terms}
        run_case(case_id, desc, est, p, CORPUS_FIT, docs_fit, docs_unseen, extra=extra or None)

    def max_features_cutoff(params):
        """The terms competing at the max_features cut. sklearn 1.2 orders candidates (alphabetical) by total
        count with numpy's default, unstable argsort, so when terms tie at the cut which of them survive is
        not defined by a rule; tests should compare such cases only on the untied terms."""
        p = {k: v for k, v in params.items() if k in ("lowercase", "ngram_range", "min_df", "max_df")}
        limit = params["max_features"]
        cv = CountVectorizer(**p).fit(CORPUS_FIT)
        totals = np.asarray(cv.transform(CORPUS_FIT).sum(axis=0)).ravel()
        names = cv.get_feature_names_out()
        if len(totals) <= limit:
            return {"tie": False}
        cut = np.sort(totals)[::-1][limit - 1]
        tie = bool(np.sort(totals)[::-1][limit] == cut)
        return {"tie": tie, "total_count_at_cut": int(cut),
                "terms_above_cut": sorted(str(n) for n, t in zip(names, totals) if t > cut),
                "terms_at_cut": sorted(str(n) for n, t in zip(names, totals) if t == cut)}

    text_case("count_vectorizer_default", CountVectorizer,
              "CountVectorizer defaults: lowercase, token_pattern (?u)\\b\\w\\w+\\b (tokens of 2+ word chars), "
              "vocabulary sorted, unseen terms ignored")
    text_case("count_vectorizer_ngram_1_2_min_df_2_max_features_20", CountVectorizer,
              "CountVectorizer lowercase, ngram_range=(1,2), min_df=2, max_features=20 (max_features keeps the "
              "terms with the highest total count over the corpus, after min_df; here 11 terms tie at the cut, "
              "see max_features_cutoff)",
              lowercase=True, ngram_range=(1, 2), min_df=2, max_features=20)
    text_case("count_vectorizer_ngram_1_2_min_df_2_max_features_11", CountVectorizer,
              "CountVectorizer lowercase, ngram_range=(1,2), min_df=2, max_features=11 (no tie at the cut: the 11 "
              "terms with the highest total count)", lowercase=True, ngram_range=(1, 2), min_df=2, max_features=11)
    text_case("count_vectorizer_binary_min_df_2", CountVectorizer, "CountVectorizer binary=True, min_df=2",
              binary=True, min_df=2)
    text_case("count_vectorizer_no_lowercase", CountVectorizer, "CountVectorizer lowercase=False", lowercase=False)
    for norm in (None, "l2"):
        for alternate_sign in (False, True):
            text_case(f"hashing_vectorizer_32_norm_{norm or 'none'}_alternate_sign_{str(alternate_sign).lower()}",
                      HashingVectorizer,
                      f"HashingVectorizer n_features=32 norm={norm} alternate_sign={alternate_sign}: tokens as in "
                      "CountVectorizer, then hashed like FeatureHasher",
                      n_features=32, norm=norm, alternate_sign=alternate_sign)
    text_case("hashing_vectorizer_32_ngram_1_2_l2", HashingVectorizer,
              "HashingVectorizer n_features=32 ngram_range=(1,2) norm='l2' alternate_sign=False (bigram token is "
              "the two words joined by one space)", n_features=32, ngram_range=(1, 2), alternate_sign=False)
    text_case("tfidf_vectorizer_default", TfidfVectorizer,
              "TfidfVectorizer defaults: idf = ln((1 + n) / (1 + df)) + 1 (smooth_idf), tf = raw count, "
              "rows L2-normalized")
    text_case("tfidf_vectorizer_smooth_idf_false", TfidfVectorizer,
              "TfidfVectorizer smooth_idf=False: idf = ln(n / df) + 1", smooth_idf=False)
    text_case("tfidf_vectorizer_sublinear_tf", TfidfVectorizer,
              "TfidfVectorizer sublinear_tf=True: tf = 1 + ln(count)", sublinear_tf=True)
    text_case("tfidf_vectorizer_norm_none", TfidfVectorizer, "TfidfVectorizer norm=None", norm=None)
    text_case("tfidf_vectorizer_use_idf_false", TfidfVectorizer, "TfidfVectorizer use_idf=False", use_idf=False)
    text_case("tfidf_vectorizer_min_df_2_max_features_20", TfidfVectorizer,
              "TfidfVectorizer min_df=2 max_features=20 (terms tie at the cut, see max_features_cutoff)",
              min_df=2, max_features=20)
    text_case("tfidf_vectorizer_min_df_2_max_features_10", TfidfVectorizer,
              "TfidfVectorizer min_df=2 max_features=10 (no tie at the cut)", min_df=2, max_features=10)
    text_case("tfidf_vectorizer_ngram_1_2_min_df_2_sublinear_smooth_false", TfidfVectorizer,
              "TfidfVectorizer ngram_range=(1,2) min_df=2 sublinear_tf=True smooth_idf=False",
              ngram_range=(1, 2), min_df=2, sublinear_tf=True, smooth_idf=False)

    # ---- ColumnTransformer over breast_cancer
    for remainder in ("drop", "passthrough"):
        params = {
            "transformers": [
                ("std", StandardScaler(), ["mean_radius", "mean_texture", "mean_perimeter"]),
                ("minmax", MinMaxScaler(), ["worst_area", "worst_smoothness"]),
                ("log", FunctionTransformer(np.log1p, feature_names_out="one-to-one"), ["area_error"]),
            ],
            "remainder": remainder,
        }
        est, p = make(ColumnTransformer, **params)
        run_case(f"column_transformer_remainder_{remainder}_breast_cancer",
                 f"ColumnTransformer with remainder='{remainder}': output columns in transformer order, then "
                 "the remainder columns in input order; names prefixed '<transformer>__' / 'remainder__'",
                 est, p, bc_num, I["bc"])
    mixed = iris.copy()
    mixed["target"] = mixed["target"].astype(object)
    est, p = make(ColumnTransformer, transformers=[
        ("onehot", OneHotEncoder(sparse_output=False), ["target"]),
        ("robust", RobustScaler(), ["petal_length_cm", "petal_width_cm"]),
    ], remainder="passthrough")
    run_case("column_transformer_mixed_iris",
             "ColumnTransformer one-hot of the species + robust scaling, remainder passthrough on iris",
             est, p, mixed, frame_input(mixed, "iris.csv"))

    write_readme()


NOTES = """## Definitions a Java implementation must match (observed in these files, scikit-learn 1.2.1)

How to compare: given the golden fitted state, each transform below is a closed formula and matched the
golden output bit for bit when recomputed in numpy (checked for StandardScaler, MinMaxScaler, RobustScaler).
Fitted statistics come from numpy reductions (pairwise summation, sorting, Brent's optimizer), so compare
fitted state with a small relative tolerance (1e-12 is ample for means/variances; PowerTransformer lambdas
only to the optimizer's tolerance, about 1e-8) and then transform with the golden state to compare outputs
exactly, or compare outputs with a tolerance.

- Missing values: NaN (null here) is ignored when fitting every scaler, imputer and PowerTransformer, and
  passes through transform as NaN. A column that is all NaN at fit: SimpleImputer mean/median/most_frequent
  silently drops it from the output (no warning in 1.2; output has one column fewer, statistics_ holds NaN);
  strategy constant keeps it. Scalers keep it with NaN state and NaN output.
- SimpleImputer: median of an even count is the mean of the two middle values (income: 16 values);
  most_frequent ties go to the smallest value (numbers) / first in sorted order (strings: flag has yes=20,
  no=20 and gives "no"); constant defaults to 0 for numbers and "missing_value" for strings. add_indicator
  adds columns `missingindicator_<col>` only for columns with a missing value at fit, after the imputed
  columns; a missing value at transform in another column gets no indicator (error_on_new=False).
- StandardScaler: ddof=0; mean_ = pairwise sum / n (numpy's np.sum on the column, not a naive loop: 12 of
  30 breast_cancer means differ in the last bit from an exact sum); var_ by the corrected two-pass formula
  (sum((x-m)^2) - (sum(x-m))^2/n)/n, which differs from np.var in the last bit; scale_ = sqrt(var_), and 1.0
  where var_ is 0 (also with_mean=False); transform = (x - mean_) / scale_ (with_std=False: scale_ is null).
- MinMaxScaler: scale_ = (max-min of feature_range) / data_range_ (data_range_ 0 -> 1), min_ = range_min -
  data_min_ * scale_, transform = x * scale_ + min_ (NOT (x - min) / range: the last bits differ, e.g.
  0.3777777777777779). No clipping: unseen values fall outside the range.
- MaxAbsScaler: x / max|x|; 0 -> 1.
- RobustScaler: center_ = median, scale_ = q_high - q_low with np.nanpercentile's default linear
  interpolation (index h = q/100 * (n-1) on the sorted non-NaN values, numpy 1.24's lerp: a + (b-a)*t for
  t < 0.5, b - (b-a)*(1-t) otherwise); scale 0 -> 1. transform = (x - center_) / scale_.
- KBinsDiscretizer: uniform edges = np.linspace(min, max, n_bins+1); quantile edges = np.percentile (as
  above) at np.linspace(0, 100, n_bins+1) (so 33.333333333333336, not 100/3 rounded differently), which gives
  edges such as 2.6333333333333386; then edges closer than 1e-8 to the previous one are removed (a warning,
  n_bins_ shrinks; see the duplicate_edges case). Transform: bin = number of inner edges <= x
  (searchsorted side='right' on edges[1:-1]), so bins are [e_i, e_{i+1}) and values outside the fitted
  range go to the first or last bin. A constant column gets edges [-inf, inf] and one bin (a warning).
  NaN is an error. onehot-dense feature names are `<col>_0.0`, `<col>_1.0`, ... (the bin index formatted
  as a float).
- OneHotEncoder / OrdinalEncoder: categories sorted (strings by code point), NaN seen at fit becomes the
  last category, named `<col>_nan` in feature names. OneHotEncoder names: `<col>_<category>`.
  Infrequent: with min_frequency int, count < min_frequency is infrequent; float: count < min_frequency *
  n_samples; max_categories then keeps max_categories - 1 frequent categories, marking the least frequent as
  infrequent by a STABLE sort on count over the sorted categories (ties: the alphabetically first are made
  infrequent first). NaN counts like any category and can be infrequent. All infrequent categories share one
  column named `<col>_infrequent_sklearn`, placed last for that feature. With handle_unknown=
  'infrequent_if_exist' unseen values go to that column if the feature has one, else all zeros; drop='first'
  drops categories_[i][0]; drop='if_binary' only for features with exactly 2 categories; drop with
  handle_unknown='ignore' encodes unseen as all zeros (same as the dropped category), with a warning.
  OrdinalEncoder: unseen -> unknown_value; NaN seen at fit -> encoded_missing_value (default NaN); but NaN
  at transform in a column that had no NaN at fit is an UNKNOWN value (-> unknown_value, not
  encoded_missing_value; see ordinal_encoder_unknown_value_encoded_missing_synthetic, flag column).
- FunctionTransformer(np.log1p): log1p(-1) = -Infinity, log1p(x < -1) = NaN, no error.
- PowerTransformer: lambda per column by MLE with scipy's Brent optimizer (yeo-johnson: sklearn's own
  negative log-likelihood, bracket (-2, 2); box-cox: scipy.stats.boxcox), on non-NaN values; standardize=True
  then applies a StandardScaler (state as _scaler.*). Box-Cox needs strictly positive data, at fit and at
  transform (ValueError otherwise).
- FeatureHasher (input_type='string') and HashingVectorizer: h = MurmurHash3_x86_32 of the token's UTF-8
  bytes with seed 0, read as a signed 32-bit int; column = abs(h) % n_features; value = +1, or -1 when
  alternate_sign and h < 0; repeated tokens add up; the empty string is a token for FeatureHasher. The hashes
  of all tokens used are in each case file (murmurhash3_32_signed_seed0). Neither has feature names in 1.2.
  HashingVectorizer then normalizes rows (norm='l2' default; all-zero rows stay zero).
- Text tokenizing: lowercase first, then token_pattern (?u)\\b\\w\\w+\\b (Unicode word characters, at least 2,
  so "I", "a", "x" are dropped, "3.14" gives "14", "e-mail" gives "mail", "tf-idf" gives "tf", "idf");
  n-grams join tokens with one space; the vocabulary is sorted (code point order) and indexed from 0.
  min_df counts documents; max_features keeps the terms with the highest TOTAL count (sum over documents,
  not document frequency) among those passing min_df/max_df. sklearn orders them with numpy's default
  unstable argsort, so when terms tie at the cut which survive is not a rule (in the max_features_20 cases
  sklearn kept "words" and dropped "lazy", though a stable sort would do the opposite): those cases carry
  max_features_cutoff with the tied terms; use the max_features_10/11 cases (no tie) for exact comparison.
  stop_words_ lists the terms removed by min_df/max_features.
- TfidfVectorizer: idf = ln((1 + n) / (1 + df)) + 1 with smooth_idf (default), ln(n / df) + 1 without;
  tf = raw count, or 1 + ln(count) with sublinear_tf; value = tf * idf, then each row L2-normalized (rows with
  no known terms stay all zeros).
- ColumnTransformer: output = each transformer's columns in the order given, then the remainder columns in
  input order (passthrough); names `<transformer name>__<name>` and `remainder__<col>`.
"""


def write_readme():
    lines = [
        "# scikit-learn golden outputs",
        "",
        "Expected outputs of scikit-learn's preprocessing steps, for the preprocessing module's tests to",
        "compare against. Generated by `make_golden.py` (read its header for the file format, value encoding",
        "and how to rerun) with " + ", ".join(f"{k} {v}" for k, v in VERSIONS.items()) + ".",
        "Do not edit the generated files by hand; change the script and rerun it.",
        "",
        "## Data",
        "",
        "| file | what | source |",
        "| --- | --- | --- |",
        "| iris.csv | 150 x 5, `target`: setosa, versicolor, virginica | R. A. Fisher (1936), UCI Machine Learning "
        "Repository, CC BY 4.0 (written from the copy scikit-learn 1.2.1 ships, as `load_iris()` returns it) |",
        "| breast_cancer.csv | 569 x 31, `target`: malignant, benign (written as names, not 0/1) | Wisconsin "
        "Diagnostic Breast Cancer (Wolberg, Street, Mangasarian, 1995), UCI Machine Learning Repository, CC BY 4.0 "
        "(written from the copy scikit-learn 1.2.1 ships, as `load_breast_cancer()` returns it) |",
        "| synthetic_numeric_{fit,unseen}.csv | numeric with NaN, a constant and an all-NaN column | make_golden.py |",
        "| synthetic_categorical_{fit,unseen}.csv | strings with NaN; unseen has categories not seen at fit | "
        "make_golden.py |",
        "| synthetic_positive_{fit,unseen}.csv | strictly positive numbers (Box-Cox) | make_golden.py |",
        "| tokens_{fit,unseen}.json | token lists (FeatureHasher), incl. non-ASCII and empty tokens | make_golden.py |",
        "| corpus_{fit,unseen}.txt | one sentence per line (text vectorizers) | make_golden.py |",
        "",
        "## Cases",
        "",
        f"{len(CASES)} files in `cases/`. Outcome: shape of each transform output, or the error class "
        "(the expected outcome is then sklearn's error, recorded with its message).",
        "",
        "| case | class | parameters set | fit input | outcome |",
        "| --- | --- | --- | --- | --- |",
    ]
    for case_id, cls, params, source, outcome, _ in CASES:
        p = json.dumps(params, ensure_ascii=False)
        if len(p) > 160:
            p = p[:157] + "..."
        p = p.replace("|", "\\|")
        lines.append(f"| `{case_id}` | {cls.replace('sklearn.', '')} | `{p}` | {source} | {outcome} |")
    lines.append("")
    lines.append(NOTES)
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
