#!/usr/bin/python3
"""Golden values for dev.mlops.preprocessing drift statistics (DriftReportTest, KolmogorovSmirnovTest).

Run from this directory with Debian's python3 (scipy and numpy from python3-sklearn):

    /usr/bin/python3 make_drift_golden.py      # writes drift_golden.json

Contents:
  * ks_2samp: seeded sample pairs and scipy.stats.ks_2samp(a, b, method='asymp') statistic and p-value.
    (The default method='auto' is exact for samples up to 10,000; we implement the 'asymp' mode only.)
  * kstwo_sf: scipy.stats.kstwo.sf(d, n), the distribution 'asymp' evaluates at n = round(n1*n2/(n1+n2)),
    on a grid that reaches every branch of scipy's _kolmogn (Ruben-Gambino, Durbin/MTW, Pomeranz, Pelz-Good,
    Smirnov's one-sided formula).
  * psi: reference decile edges (numpy.quantile, linear; deduplicated), counts with right-closed bins
    (bin i holds edges[i-1] < x <= edges[i], open at both ends), and
    PSI = sum((a - e) * ln(a / e)), e = max(ref_count / ref_total, eps), a = max(cur_count / cur_total, eps),
    eps = 1e-4, as documented in DataProfile.drift.
"""
import json
import os

import numpy as np
import scipy
from scipy import stats

EPS = 1e-4


def samples():
    rng = np.random.default_rng(20261201)
    base = rng.normal(size=300)
    out = []
    out.append(("equal", base, base.copy()))
    out.append(("same_distribution", rng.normal(size=500), rng.normal(size=500)))
    out.append(("shifted", rng.normal(size=500), rng.normal(loc=0.3, size=500)))
    out.append(("different_sizes", rng.normal(size=1000), rng.normal(loc=0.1, size=300)))
    out.append(("ties", rng.integers(0, 5, size=400).astype(float), rng.integers(0, 6, size=350).astype(float)))
    out.append(("small", rng.normal(size=20), rng.normal(loc=0.5, size=30)))
    out.append(("tiny", rng.normal(size=3), rng.normal(size=4)))
    out.append(("large_shift", rng.normal(size=2000), rng.normal(loc=0.5, size=1500)))
    out.append(("scaled", rng.normal(size=700), rng.normal(scale=1.3, size=650)))
    out.append(("disjoint", rng.uniform(0, 1, size=50), rng.uniform(2, 3, size=60)))
    out.append(("exponential_vs_lognormal", rng.exponential(size=800), rng.lognormal(sigma=0.6, size=900)))
    return out


def kstwo_grid():
    cases = []
    for n in [1, 2, 5, 20, 50, 140, 141, 300, 1000, 5000, 20000, 100000, 100001, 300000]:
        for d in [0.0001, 0.001, 0.004, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.45, 0.5, 0.6, 0.8,
                  0.95, 0.999]:
            cases.append({"n": n, "d": d, "sf": float(stats.kstwo.sf(d, n))})
    return cases


def bins_and_counts(ref, cur, bins=10):
    qs = np.arange(1, bins) / bins
    edges = np.unique(np.quantile(ref, qs))  # sorted, deduplicated
    ref_counts = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=len(edges) + 1)
    cur_counts = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=len(edges) + 1)
    return qs, edges, ref_counts, cur_counts


def psi_of(ref_counts, cur_counts):
    e = np.maximum(ref_counts / ref_counts.sum(), EPS)
    a = np.maximum(cur_counts / cur_counts.sum(), EPS)
    return float(np.sum((a - e) * np.log(a / e)))


def main():
    ks = []
    for name, a, b in samples():
        r = stats.ks_2samp(a, b, method="asymp")
        ks.append({"name": name, "a": a.tolist(), "b": b.tolist(),
                   "statistic": float(r.statistic), "pvalue": float(r.pvalue)})
    rng = np.random.default_rng(7)
    psi = []
    psi_pairs = [
        ("same", rng.normal(size=400), rng.normal(size=400)),
        ("shifted", rng.normal(size=400), rng.normal(loc=1.0, size=300)),
        ("ties_and_empty_bins", rng.integers(0, 4, size=500).astype(float), rng.integers(2, 4, size=200).astype(float)),
        ("outside_reference_range", rng.uniform(0, 1, size=300), rng.uniform(0.5, 2, size=300)),
    ]
    for name, ref, cur in psi_pairs:
        qs, edges, rc, cc = bins_and_counts(ref, cur)
        psi.append({"name": name, "reference": ref.tolist(), "current": cur.tolist(), "edges": edges.tolist(),
                    "reference_counts": rc.tolist(), "current_counts": cc.tolist(), "psi": psi_of(rc, cc)})
    categorical = [
        {"name": "categories", "reference_counts": [50, 30, 20, 0], "current_counts": [20, 30, 40, 10]},
        {"name": "identical", "reference_counts": [5, 5, 90], "current_counts": [10, 10, 180]},
    ]
    for c in categorical:
        c["psi"] = psi_of(np.array(c["reference_counts"], float), np.array(c["current_counts"], float))
        e = np.array(c["reference_counts"], float) / sum(c["reference_counts"])
        a = np.array(c["current_counts"], float) / sum(c["current_counts"])
        c["linf"] = float(np.max(np.abs(a - e)))
    out = {"generator": "make_drift_golden.py", "scipy": scipy.__version__, "numpy": np.__version__,
           "epsilon": EPS, "ks_2samp_asymp": ks, "kstwo_sf": kstwo_grid(), "psi_numeric": psi,
           "psi_categorical": categorical}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "drift_golden.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
