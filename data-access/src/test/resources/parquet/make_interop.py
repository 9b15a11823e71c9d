#!/usr/bin/env python3
"""Parquet interop fixtures for ParquetInteropTest, made with pandas and pyarrow.

Run once by hand (CI does not need Python) whenever a fixture should change, and commit what it writes:

    python3 make_interop.py            # in this directory; needs pandas and pyarrow

It does two things:

1. Writes Parquet files the way pandas, pyarrow and Spark do (several codecs, page versions and types) plus
   expected.json, the values our reader must produce from each: {file: {column: {type, nullable, values}}},
   values as JSON: LONG as integers, DOUBLE as strings (repr, so NaN and infinities survive), BOOLEAN and STRING
   as themselves, TIMESTAMP as integer microseconds since 1970-01-01T00:00:00Z, null as null.
2. Reads written_by_mlops.parquet (made by ParquetFixtures.main from our writer; ParquetInteropTest checks that
   our writer still makes exactly these bytes) with pyarrow and pandas, checks every value, and records what it
   saw in written_by_mlops.read_by_pandas.txt as evidence.
"""

import datetime as dt
import decimal
import json
import math
import os
import sys

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def path(name):
    return os.path.join(HERE, name)


def micros(t):
    """Microseconds since the epoch of a datetime (naive ones taken as UTC) or a date (midnight UTC)."""
    if t is None:
        return None
    if isinstance(t, dt.datetime):
        if t.tzinfo is None:
            t = t.replace(tzinfo=dt.timezone.utc)
        d = t - EPOCH
        return (d.days * 86_400 + d.seconds) * 1_000_000 + d.microseconds
    return (t - dt.date(1970, 1, 1)).days * 86_400 * 1_000_000


def dbl(x):
    return None if x is None else repr(float(x))


def column(type_, nullable, values):
    return {"type": type_, "nullable": nullable, "values": values}


expected = {}

# 1a. A pandas DataFrame written by pandas itself (pyarrow engine, its defaults: snappy, dictionary pages).
people = pd.DataFrame({
    "name": ["ann", None, "zoë ✓", "ann", ""],
    "age": pd.array([31, None, 45, 31, 0], dtype="Int64"),
    "height": [1.62, math.nan, 1.80, -0.0, 1e300],
    "member": [True, False, True, True, False],
    "small": pd.array([1, -2, 3, 2_147_483_647, -2_147_483_648], dtype="int32"),
    "ratio": pd.array([0.5, 0.25, -1.5, 3.0, 0.0], dtype="float32"),
    "joined": pd.to_datetime(["2020-01-02 03:04:05.123456", None, "1969-12-31 23:59:59.999999",
                              "2026-11-27 10:15:30", "1900-01-01"], format="ISO8601"),
    "seen_utc": pd.to_datetime(["2020-01-02T03:04:05.123456Z", "2021-06-01T00:00:00Z", None,
                                "1970-01-01T00:00:00Z", "2262-04-11T00:00:00Z"], utc=True, format="ISO8601"),
})
people.to_parquet(path("pandas_people.parquet"), index=False)
expected["pandas_people.parquet"] = {
    "name": column("STRING", True, ["ann", None, "zoë ✓", "ann", ""]),
    "age": column("LONG", True, [31, None, 45, 31, 0]),
    # pandas writes a float NaN as a null (pyarrow's from_pandas treats NaN as missing).
    "height": column("DOUBLE", True, [dbl(1.62), None, dbl(1.80), dbl(-0.0), dbl(1e300)]),
    "member": column("BOOLEAN", True, [True, False, True, True, False]),
    "small": column("LONG", True, [1, -2, 3, 2_147_483_647, -2_147_483_648]),
    "ratio": column("DOUBLE", True, [dbl(0.5), dbl(0.25), dbl(-1.5), dbl(3.0), dbl(0.0)]),
    "joined": column("TIMESTAMP", True, [micros(t.to_pydatetime()) if not pd.isna(t) else None
                                         for t in people["joined"]]),
    "seen_utc": column("TIMESTAMP", True, [micros(t.to_pydatetime()) if not pd.isna(t) else None
                                           for t in people["seen_utc"]]),
}

# 1b. Every type we read, built as an Arrow table, written with GZIP and version-2 data pages.
nan = float("nan")
typed = pa.table({
    "i8": pa.array([-128, 127, None], pa.int8()),
    "i16": pa.array([-32768, 32767, 0], pa.int16()),
    "u8": pa.array([0, 255, None], pa.uint8()),
    "u32": pa.array([0, 4_294_967_295, 7], pa.uint32()),
    "u64": pa.array([0, 9_223_372_036_854_775_807, None], pa.uint64()),
    "i64": pa.array([-9_223_372_036_854_775_808, 9_223_372_036_854_775_807, 0], pa.int64()),
    "f32": pa.array([1.5, None, -0.0], pa.float32()),
    "f64": pa.array([nan, None, float("-inf")], pa.float64()),
    "flag": pa.array([None, True, False], pa.bool_()),
    "text": pa.array(["x", None, "日本語"], pa.string()),
    "big_text": pa.array(["a" * 1000, "b", None], pa.large_string()),
    "category": pa.array(["red", "green", "red"]).dictionary_encode(),
    "ts_ms_utc": pa.array([0, 1_600_000_000_123, None], pa.timestamp("ms", tz="UTC")),
    "ts_us_naive": pa.array([-1, 1_600_000_000_123_456, 0], pa.timestamp("us")),
    "ts_ns_utc": pa.array([1_600_000_000_123_456_789, -1, None], pa.timestamp("ns", tz="UTC")),
    "day": pa.array([dt.date(2026, 11, 27), dt.date(1969, 12, 31), None], pa.date32()),
    "price": pa.array([decimal.Decimal("12.34"), decimal.Decimal("-0.01"), None], pa.decimal128(9, 2)),
    "amount": pa.array([decimal.Decimal("123456789012.345678"), None, decimal.Decimal("0")],
                       pa.decimal128(30, 6)),
})
pq.write_table(typed, path("pyarrow_types_gzip_v2.parquet"), compression="gzip", data_page_version="2.0")
# The same, uncompressed, without dictionary pages and with INT32/INT64-backed decimals.
pq.write_table(typed, path("pyarrow_types_plain.parquet"), compression="none", use_dictionary=False,
               store_decimal_as_integer=True)
typed_expected = {
    "i8": column("LONG", True, [-128, 127, None]),
    "i16": column("LONG", True, [-32768, 32767, 0]),
    "u8": column("LONG", True, [0, 255, None]),
    "u32": column("LONG", True, [0, 4_294_967_295, 7]),
    "u64": column("LONG", True, [0, 9_223_372_036_854_775_807, None]),
    "i64": column("LONG", True, [-9_223_372_036_854_775_808, 9_223_372_036_854_775_807, 0]),
    "f32": column("DOUBLE", True, [dbl(1.5), None, dbl(-0.0)]),
    "f64": column("DOUBLE", True, [dbl(nan), None, dbl(float("-inf"))]),
    "flag": column("BOOLEAN", True, [None, True, False]),
    "text": column("STRING", True, ["x", None, "日本語"]),
    "big_text": column("STRING", True, ["a" * 1000, "b", None]),
    "category": column("STRING", True, ["red", "green", "red"]),
    "ts_ms_utc": column("TIMESTAMP", True, [0, 1_600_000_000_123_000, None]),
    "ts_us_naive": column("TIMESTAMP", True, [-1, 1_600_000_000_123_456, 0]),
    # nanoseconds are truncated toward the past, as TimestampColumn does: -1 ns is -1 us.
    "ts_ns_utc": column("TIMESTAMP", True, [1_600_000_000_123_456, -1, None]),
    "day": column("TIMESTAMP", True, [micros(dt.date(2026, 11, 27)), micros(dt.date(1969, 12, 31)), None]),
    "price": column("DOUBLE", True, [dbl(12.34), dbl(-0.01), None]),
    "amount": column("DOUBLE", True, [dbl(123456789012.345678), None, dbl(0.0)]),
}
expected["pyarrow_types_gzip_v2.parquet"] = typed_expected
expected["pyarrow_types_plain.parquet"] = typed_expected

# 1c. Spark's legacy INT96 timestamps, several row groups, and required (not null) columns.
n = 2_500
int96 = pa.table({
    "id": pa.array(range(n), pa.int64()),
    "at": pa.array([1_600_000_000_000_000 + i * 1_000_001 for i in range(n)], pa.timestamp("us", tz="UTC")),
}, schema=pa.schema([pa.field("id", pa.int64(), nullable=False),
                     pa.field("at", pa.timestamp("us", tz="UTC"), nullable=False)]))
pq.write_table(int96, path("spark_style_int96.parquet"), use_deprecated_int96_timestamps=True,
               row_group_size=1_000)
expected["spark_style_int96.parquet"] = {
    "id": column("LONG", False, list(range(n))),
    "at": column("TIMESTAMP", False, [1_600_000_000_000_000 + i * 1_000_001 for i in range(n)]),
}

# 1d. Files we must refuse with a clear message.
pq.write_table(pa.table({"id": [1, 2], "tags": pa.array([[1, 2], []], pa.list_(pa.int64()))}),
               path("unsupported_list.parquet"))
pq.write_table(pa.table({"blob": pa.array([b"\x00\x01", b""], pa.binary())}), path("unsupported_binary.parquet"))
pq.write_table(pa.table({"x": [1.0, 2.0]}), path("unsupported_zstd.parquet"), compression="zstd")

with open(path("expected.json"), "w", encoding="utf-8") as f:
    json.dump(expected, f, ensure_ascii=False, indent=1, sort_keys=True)
    f.write("\n")

# 2. Our file, read by pyarrow and pandas.
ours = path("written_by_mlops.parquet")
if not os.path.exists(ours):
    sys.exit("written_by_mlops.parquet is missing: run ParquetFixtures.main first")
table = pq.read_table(ours)
meta = pq.read_metadata(ours)
frame = pd.read_parquet(ours)
want = {
    "id": [1, 2, 3, 4, 5, 6],
    "score": [0.5, nan, -0.0, float("inf"), 1e-300, None],
    "count": [-9_223_372_036_854_775_808, 9_223_372_036_854_775_807, 0, -1, None, 42],
    "active": [True, False, None, True, True, False],
    "email": ["ann@example.org", None, "", "zoë ✓ 日本", "ann@example.org", "b"],
    "seen": [dt.datetime(2026, 11, 27, 10, 15, 30, 123456, tzinfo=dt.timezone.utc),
             dt.datetime(1969, 7, 20, 20, 17, 40, tzinfo=dt.timezone.utc), None,
             dt.datetime(1900, 1, 1, 0, 0, 0, 1, tzinfo=dt.timezone.utc),
             dt.datetime(2262, 4, 11, 23, 47, 16, 854775, tzinfo=dt.timezone.utc),
             EPOCH],
    "weight": [1.0, 2.0, 3.0, 4.0, 5.0, float("-inf")],
    "kind": ["a", "b", "a", "c", "a", "b"],
}


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    return a == b


for name, values in want.items():
    got = table.column(name).to_pylist()
    assert len(got) == len(values) and all(same(g, v) for g, v in zip(got, values)), (name, got, values)
assert str(table.schema.field("seen").type) == "timestamp[us, tz=UTC]", table.schema.field("seen").type
assert not table.schema.field("id").nullable and table.schema.field("score").nullable
stored = json.loads(meta.metadata[b"mlops.schema"])
assert [f["tags"] for f in stored["fields"] if f["name"] == "email"] == [["pii", "source:crm"]]

with open(path("written_by_mlops.read_by_pandas.txt"), "w", encoding="utf-8") as f:
    f.write("written_by_mlops.parquet, as pyarrow and pandas read it (make_interop.py checked every value)\n")
    f.write(f"python {sys.version.split()[0]}, pandas {pd.__version__}, pyarrow {pa.__version__}\n\n")
    f.write(f"created_by: {meta.created_by}\nrow groups: {meta.num_row_groups}, rows: {meta.num_rows}\n")
    f.write("codecs: " + ", ".join(sorted({meta.row_group(0).column(i).compression
                                           for i in range(meta.num_columns)})) + "\n\n")
    f.write("pyarrow schema:\n" + table.schema.remove_metadata().to_string() + "\n\n")
    f.write("mlops.schema metadata:\n" + meta.metadata[b"mlops.schema"].decode("utf-8") + "\n\n")
    f.write("pandas dtypes:\n" + frame.dtypes.to_string() + "\n\n")
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        f.write("pandas frame:\n" + frame.to_string() + "\n")
print("ok: wrote fixtures and expected.json; pandas and pyarrow read written_by_mlops.parquet as expected")
