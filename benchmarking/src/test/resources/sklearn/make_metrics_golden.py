#!/usr/bin/python3
"""Golden metric values from scikit-learn / scipy for dev.mlops.benchmarking's ClassificationMetrics,
RegressionMetrics and PairedComparison.

How to rerun (from this directory):

    apt-get install -y python3-sklearn python3-scipy     # Debian 12: scikit-learn 1.2.1, scipy 1.10.1
    /usr/bin/python3 make_metrics_golden.py

Deterministic: fixed seed (numpy.random.default_rng(SEED)), no clock. Reads iris.csv and breast_cancer.csv from
../../../../../preprocessing/src/test/resources/sklearn/ and (re)writes metrics_golden.json next to itself.

Format (JSON, floats by Python's repr = exact doubles; NaN as null):
  {"versions": {...},
   "classification": [{"case", "description", "labels": [...], "y_true": [class index], "y_pred": [class index],
                       "proba": [[p per label], ...] or null,
                       "expected": {"accuracy", "balanced_accuracy", "precision"/"recall"/"f1"/"support": [per label],
                                    "precision_macro", ... "f1_weighted", ("precision", "recall", "f1" for binary as
                                    precision_binary ...), "confusion": [[...]],
                                    "precision_zero_division"/"recall_zero_division": [label indexes],
                                    "roc_auc" | "roc_auc_ovr_macro", "roc_auc_ovr_weighted", "log_loss":
                                    number, or absent with "<name>_error": sklearn's error message},
                       "warnings": [...]}],
   "regression": [{"case", "description", "y_true", "y_pred", "expected": {"mae", "rmse", "r2", "mape"}}],
   "mcnemar": [{"b": A right & B wrong, "c": A wrong & B right, "exact_p": binomtest(b, b+c, 0.5).pvalue,
                "chi2_statistic": (|b-c|-1)^2/(b+c), "chi2_p": chi2.sf(statistic, 1)}]}

Definitions used (scikit-learn 1.2.1 defaults): per-class precision/recall/F1 with labels=range(K), average=None;
averages with labels=None (classes present in y_true or y_pred), zero_division="warn" (-> 0.0);
confusion_matrix with labels=range(K); roc_auc_score binary on proba[:, 1]; multi-class
roc_auc_score(multi_class="ovr", labels=range(K)); log_loss(labels=range(K)) with eps="auto"
(= np.finfo(float64).eps = 2.220446049250313e-16 in 1.2.1, not 1e-15), clipping to [eps, 1-eps] then
renormalising rows. McNemar as statsmodels.stats.contingency_tables.mcnemar: exact = two-sided binomial test,
otherwise chi-square with continuity correction (|b-c|-1)^2/(b+c) (not clamped at 0 when b == c).
"""

import json
import os
import platform
import warnings

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy import stats
from sklearn import metrics
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = 20261201
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "..", "..", "preprocessing", "src", "test", "resources", "sklearn")


def num(x):
    x = float(x)
    return None if np.isnan(x) else x


def call(fn, *args, **kwargs):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            return fn(*args, **kwargs), None, [str(m.message) for m in w]
        except ValueError as e:
            return None, str(e), [str(m.message) for m in w]


def classification_case(name, description, labels, y_true, y_pred, proba):
    k = len(labels)
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = np.asarray(y_pred, dtype=np.int64)
    every = list(range(k))
    exp = {}
    warns = []

    def put(key, fn, *args, **kwargs):
        value, err, w = call(fn, *args, **kwargs)
        warns.extend(w)
        if err is not None:
            exp[key + "_error"] = err
        else:
            exp[key] = value

    put("accuracy", lambda: num(metrics.accuracy_score(y_true, y_pred)))
    put("balanced_accuracy", lambda: num(metrics.balanced_accuracy_score(y_true, y_pred)))
    (p, r, f, s), _, w = call(metrics.precision_recall_fscore_support, y_true, y_pred, labels=every,
                              average=None, zero_division="warn")
    warns.extend(w)
    exp["precision"] = [num(v) for v in p]
    exp["recall"] = [num(v) for v in r]
    exp["f1"] = [num(v) for v in f]
    exp["support"] = [int(v) for v in s]
    for avg in ("macro", "micro", "weighted"):
        (pa, ra, fa, _), _, w = call(metrics.precision_recall_fscore_support, y_true, y_pred, average=avg,
                                     zero_division="warn")
        warns.extend(w)
        exp["precision_" + avg] = num(pa)
        exp["recall_" + avg] = num(ra)
        exp["f1_" + avg] = num(fa)
    if k == 2:
        (pa, ra, fa, _), _, w = call(metrics.precision_recall_fscore_support, y_true, y_pred, average="binary",
                                     pos_label=1, labels=every, zero_division="warn")
        warns.extend(w)
        exp["precision_binary"] = num(pa)
        exp["recall_binary"] = num(ra)
        exp["f1_binary"] = num(fa)
    exp["confusion"] = metrics.confusion_matrix(y_true, y_pred, labels=every).tolist()
    exp["precision_zero_division"] = [c for c in every if np.sum(y_pred == c) == 0]
    exp["recall_zero_division"] = [c for c in every if np.sum(y_true == c) == 0]
    if proba is not None:
        pr = np.asarray(proba, dtype=np.float64)
        if k == 2:
            put("roc_auc", lambda: num(metrics.roc_auc_score(y_true, pr[:, 1])))
        else:
            for avg in ("macro", "weighted"):
                put("roc_auc_ovr_" + avg, lambda: num(metrics.roc_auc_score(
                    y_true, pr, multi_class="ovr", average=avg, labels=every)))
        put("log_loss", lambda: num(metrics.log_loss(y_true, pr, labels=every)))
    return {"case": name, "description": description, "labels": list(labels), "y_true": y_true.tolist(),
            "y_pred": y_pred.tolist(), "proba": None if proba is None else np.asarray(proba).tolist(),
            "expected": exp, "warnings": sorted(set(warns))}


def regression_case(name, description, y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    exp = {
        "mae": num(metrics.mean_absolute_error(y_true, y_pred)),
        "rmse": num(np.sqrt(metrics.mean_squared_error(y_true, y_pred))),
        "r2": num(metrics.r2_score(y_true, y_pred)),
        "mape": num(metrics.mean_absolute_percentage_error(y_true, y_pred)),
    }
    return {"case": name, "description": description, "y_true": y_true.tolist(), "y_pred": y_pred.tolist(),
            "expected": exp}


def random_proba(rng, n, k, decimals=None):
    p = rng.dirichlet(np.ones(k), size=n)
    if decimals is not None:
        p = np.round(p, decimals)
        p[:, -1] = np.round(1.0 - p[:, :-1].sum(axis=1), decimals)
        p = np.clip(p, 0.0, 1.0)
    return p


def noisy_pred(rng, y, k, right):
    y = np.asarray(y)
    wrong = (y + rng.integers(1, k, size=len(y))) % k
    return np.where(rng.random(len(y)) < right, y, wrong)


def main():
    rng = np.random.default_rng(SEED)
    cls = []

    # Binary
    y = rng.integers(0, 2, size=40)
    p1 = np.clip(0.5 * y + rng.random(40) * 0.6 - 0.05, 0.0, 1.0)
    proba = np.column_stack([1.0 - p1, p1])
    cls.append(classification_case("binary_random", "40 rows, probabilities from noisy truth, labels no/yes",
                                   ["no", "yes"], y, (p1 >= 0.5).astype(int), proba))
    p1t = np.round(p1 * 4) / 4
    cls.append(classification_case("binary_ties", "probabilities rounded to quarters: many tied scores",
                                   ["neg", "pos"], y, (p1t > 0.5).astype(int), np.column_stack([1 - p1t, p1t])))
    cls.append(classification_case("binary_perfect", "perfect predictions, probabilities 0 and 1 (clipped)",
                                   ["a", "b"], y, y, np.column_stack([1.0 - y, y.astype(float)])))
    cls.append(classification_case("binary_worst", "every prediction wrong, confident",
                                   ["a", "b"], y, 1 - y, np.column_stack([y.astype(float), 1.0 - y])))
    cls.append(classification_case("binary_one_class_in_truth", "y_true all positive: ROC AUC undefined",
                                   ["a", "b"], np.ones(10, dtype=int), np.array([1, 1, 0, 1, 1, 1, 0, 1, 1, 1]),
                                   np.column_stack([np.linspace(0.05, 0.9, 10), 1 - np.linspace(0.05, 0.9, 10)])))
    cls.append(classification_case("binary_never_predicts_positive", "the model never predicts b: zero division",
                                   ["a", "b"], y, np.zeros(40, dtype=int), np.column_stack([1 - p1 / 3, p1 / 3])))
    cls.append(classification_case("binary_no_probabilities", "class predictions only", ["a", "b"], y,
                                   noisy_pred(rng, y, 2, 0.7), None))

    # Three classes
    y3 = rng.integers(0, 3, size=60)
    cls.append(classification_case("multiclass3_random", "60 rows, 3 classes, 70% right, Dirichlet probabilities",
                                   ["x", "y", "z"], y3, noisy_pred(rng, y3, 3, 0.7), random_proba(rng, 60, 3)))
    pr = random_proba(rng, 60, 3, decimals=1)
    cls.append(classification_case("multiclass3_ties", "probabilities at one decimal (ties), predictions argmax",
                                   ["x", "y", "z"], y3, pr.argmax(axis=1), pr))
    pred = noisy_pred(rng, y3, 3, 0.8)
    pred[pred == 2] = 0
    cls.append(classification_case("multiclass3_never_predicted", "class z never predicted: zero division",
                                   ["x", "y", "z"], y3, pred, random_proba(rng, 60, 3)))
    yabs = y3.copy()
    yabs[yabs == 1] = 0
    cls.append(classification_case("multiclass3_absent_from_truth",
                                   "class y absent from y_true but predicted: recall zero division, OVR AUC undefined",
                                   ["x", "y", "z"], yabs, noisy_pred(rng, yabs, 3, 0.6), random_proba(rng, 60, 3)))
    bad = random_proba(rng, 30, 3)
    bad[0] = [0.0, 1.0, 0.0]
    bad[1] = [0.0, 0.0, 1.0]
    bad[2] = [0.2, 0.2, 0.2]
    bad[3] = [0.7, 0.7, 0.0]
    bad[4] = [1.0, 1.0, 1.0]
    bad[5] = [1.0, 0.0, 0.0]
    yb = y3[:30]
    cls.append(classification_case("multiclass3_unnormalised",
                                   "rows not summing to 1, with 0 and 1: log loss clips and renormalises, "
                                   "OVR AUC raises",
                                   ["x", "y", "z"], yb, bad.argmax(axis=1), bad))
    cls.append(classification_case("multiclass3_perfect", "perfect", ["x", "y", "z"], y3, y3,
                                   np.eye(3)[y3]))
    cls.append(classification_case("multiclass3_worst", "always wrong, confident", ["x", "y", "z"], y3,
                                   (y3 + 1) % 3, np.eye(3)[(y3 + 1) % 3]))

    # Four classes
    y4 = rng.integers(0, 4, size=80)
    cls.append(classification_case("multiclass4_random", "80 rows, 4 classes", ["a", "b", "c", "d"], y4,
                                   noisy_pred(rng, y4, 4, 0.6), random_proba(rng, 80, 4)))
    pr4 = random_proba(rng, 80, 4, decimals=2)
    cls.append(classification_case("multiclass4_ties", "4 classes, probabilities at 2 decimals",
                                   ["a", "b", "c", "d"], y4, pr4.argmax(axis=1), pr4))

    # Real data: logistic regression predictions on every third row, fitted on the others
    iris = pd.read_csv(os.path.join(DATA, "iris.csv"))
    names = sorted(iris["target"].unique())
    X = iris.drop(columns="target").to_numpy()
    t = np.array([names.index(v) for v in iris["target"]])
    test = np.arange(len(t)) % 3 == 0
    model = LogisticRegression(C=0.05, max_iter=5000).fit(X[~test], t[~test])
    cls.append(classification_case("iris_logistic", "iris, LogisticRegression(C=0.05, max_iter=5000) fitted on rows "
                                    "i % 3 != 0, evaluated on rows i % 3 == 0",
                                    names, t[test], model.predict(X[test]), model.predict_proba(X[test])))
    bc = pd.read_csv(os.path.join(DATA, "breast_cancer.csv"))
    target = bc.columns[-1]
    bnames = sorted(bc[target].unique())
    Xb = bc.drop(columns=target).to_numpy()
    tb = np.array([bnames.index(v) for v in bc[target]])
    testb = np.arange(len(tb)) % 3 == 0
    mb = make_pipeline(StandardScaler(), LogisticRegression(C=0.01, max_iter=5000)).fit(Xb[~testb], tb[~testb])
    cls.append(classification_case("breast_cancer_logistic", "breast cancer, StandardScaler + "
                                   "LogisticRegression(C=0.01) fitted on rows i % 3 != 0, evaluated on the others",
                                   bnames, tb[testb], mb.predict(Xb[testb]), mb.predict_proba(Xb[testb])))

    reg = []
    yt = rng.normal(10, 3, size=50)
    reg.append(regression_case("regression_random", "50 rows, noisy predictions", yt, yt + rng.normal(0, 1, 50)))
    reg.append(regression_case("regression_perfect", "perfect", yt, yt))
    reg.append(regression_case("regression_constant_target_perfect", "constant y_true predicted exactly: r2 = 1",
                               np.full(8, 2.5), np.full(8, 2.5)))
    reg.append(regression_case("regression_constant_target", "constant y_true, imperfect: r2 forced to 0",
                               np.full(8, 2.5), np.linspace(2, 3, 8)))
    yz = rng.normal(0, 1, 20)
    yz[[0, 5, 9]] = 0.0
    reg.append(regression_case("regression_zeros_in_truth", "zeros in y_true: MAPE divides by float64 eps",
                               yz, yz + rng.normal(0, 0.1, 20)))
    yz2 = np.array([0.0, 1.0, -2.0, 0.0])
    reg.append(regression_case("regression_zero_exact", "zeros predicted exactly and not", yz2,
                               np.array([0.0, 1.5, -2.0, 1e-17])))
    Xi = iris[["sepal_length_cm", "sepal_width_cm", "petal_length_cm"]].to_numpy()
    yi = iris["petal_width_cm"].to_numpy()
    lr = LinearRegression().fit(Xi[~test], yi[~test])
    reg.append(regression_case("iris_linear", "iris petal width from the other three measurements, "
                               "LinearRegression fitted on rows i % 3 != 0, evaluated on the others",
                               yi[test], lr.predict(Xi[test])))

    mc = []
    for b, c in [(1, 0), (0, 3), (3, 9), (12, 12), (20, 4), (7, 17), (30, 45), (100, 70), (5, 25), (40, 40),
                 (13, 12), (250, 180)]:
        stat = (abs(b - c) - 1) ** 2 / (b + c)
        mc.append({"b": b, "c": c, "exact_p": float(stats.binomtest(b, b + c, 0.5).pvalue),
                   "chi2_statistic": float(stat), "chi2_p": float(stats.chi2.sf(stat, 1))})

    out = {"versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
                        "pandas": pd.__version__, "sklearn": sklearn.__version__,
                        "log_loss_eps_auto": float(np.finfo(np.float64).eps)},
           "seed": SEED, "classification": cls, "regression": reg, "mcnemar": mc}
    with open(os.path.join(HERE, "metrics_golden.json"), "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1, allow_nan=False)
        fh.write("\n")


if __name__ == "__main__":
    main()
