#!/usr/bin/env python3
"""Reference values for tests/core/research/compare.rs, from scipy,
statsmodels and pingouin.

    python3 tests/reference/compare_reference.py > tests/fixtures/stats/compare_reference.json

- mean_ci: scipy.stats.ttest_1samp(x, 0).confidence_interval(0.95)
- welch: scipy.stats.ttest_ind(x, y, equal_var=False) and its
  confidence_interval(0.95), df from the result
- hedges_g: pingouin.compute_effsize(x, y, eftype="hedges")
- mann_whitney: scipy.stats.mannwhitneyu(x, y) with its defaults
- kruskal: scipy.stats.kruskal(*groups)
- holm: statsmodels.stats.multitest.multipletests(p, method="holm")

Inputs are drawn here with a fixed seed, as multiples of 1/4096 or whole
numbers, and written next to the results.
"""
import json
import sys

import numpy as np
import pingouin
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.multitest import multipletests

rng = np.random.default_rng(20261202)


def dyadic(values):
    return [float(round(v * 4096) / 4096) for v in values]


def steps(n, step=100 / 9, low=-4, high=4):
    return [float(v * step) for v in rng.integers(low, high + 1, n)]


def two(name, x, y):
    case = {"name": name, "x": x, "y": y}
    for label, v in (("x", x), ("y", y)):
        if len(v) >= 2:
            r = stats.ttest_1samp(v, 0)
            ci = r.confidence_interval(0.95)
            case[f"mean_ci_{label}"] = {"mean": float(np.mean(v)), "sd": float(np.std(v, ddof=1)),
                                        "low": float(ci.low), "high": float(ci.high)}
    w = stats.ttest_ind(x, y, equal_var=False)
    ci = w.confidence_interval(0.95)
    case["welch"] = {"diff": float(np.mean(x) - np.mean(y)), "t": float(w.statistic), "df": float(w.df),
                     "p": float(w.pvalue), "low": float(ci.low), "high": float(ci.high)}
    case["hedges_g"] = float(pingouin.compute_effsize(x, y, eftype="hedges"))
    u = stats.mannwhitneyu(x, y)
    ties = len(np.unique(x + y)) < len(x + y)
    exact = not (len(x) > 8 and len(y) > 8) and not ties
    case["mann_whitney"] = {"u": float(u.statistic), "p": float(u.pvalue), "method": "exact" if exact else "normal"}
    return case


pairs = [
    two("hand: small, no ties", [1.5, 3.0, 4.25, 8.0, 2.0], [5.0, 6.5, 7.0, 9.25]),
    two("exact: 6 and 30, no ties", dyadic(rng.normal(10, 4, 6)), dyadic(rng.normal(6, 4, 30))),
    two("exact: 8 and 8", dyadic(rng.normal(0, 1, 8)), dyadic(rng.normal(1, 1, 8))),
    two("normal: 9 and 12, no ties", dyadic(rng.normal(0, 1, 9)), dyadic(rng.normal(0.5, 2, 12))),
    two("normal: change scores with ties, 25 and 40", steps(25), steps(40)),
    two("normal: ties in a small group", steps(5), steps(7)),
    two("large: 400 and 350", dyadic(rng.normal(5, 12, 400)), dyadic(rng.normal(2, 10, 350))),
    two("unequal spread", dyadic(rng.normal(0, 1, 15)), dyadic(rng.normal(0, 10, 50))),
]

kruskal = []
for name, groups in [
    ("three groups, ties", [steps(10), steps(14), steps(9)]),
    ("four groups, continuous", [dyadic(rng.normal(m, 3, n)) for m, n in ((0, 5), (1, 12), (2, 30), (0, 7))]),
    ("two groups", [steps(20), steps(20)]),
]:
    k = stats.kruskal(*groups)
    kruskal.append({"name": name, "groups": groups, "h": float(k.statistic), "p": float(k.pvalue)})

holm = []
for name, p in [
    ("hand", [0.01, 0.04, 0.03, 0.005]),
    ("ties and ones", [0.02, 0.02, 0.5, 1.0, 0.9, 0.001]),
    ("random 30", [float(v) for v in rng.uniform(0, 0.2, 30)]),
    ("tiny", [1e-12, 3e-10, 0.2]),
]:
    holm.append({"name": name, "p": p, "adjusted": [float(v) for v in multipletests(p, method="holm")[1]]})

json.dump({
    "source": "tests/reference/compare_reference.py",
    "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                 "statsmodels": statsmodels.__version__, "pingouin": pingouin.__version__},
    "pairs": pairs,
    "kruskal": kruskal,
    "holm": holm,
}, sys.stdout, indent=1)
print()
