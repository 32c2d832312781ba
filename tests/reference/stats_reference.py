#!/usr/bin/env python3
"""Reference values for tests/core/research/stats.rs, from scipy and scikit-learn.

    pip install scipy scikit-learn      # versions used: see "versions" in the output
    python3 tests/reference/stats_reference.py > tests/fixtures/stats/reference.json

The inputs are drawn here with a fixed seed and written next to the results,
so the Rust test reads exactly the same numbers. Every value is a multiple of
1/4096 or a whole number: exactly representable, so the JSON round trip cannot
move an input by even one bit (which could change which values are tied).
"""
import json
import sys

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.metrics import cohen_kappa_score

from common import wilcoxon_method

rng = np.random.default_rng(20260504)


def dyadic(values):
    return [float(round(v * 4096) / 4096) for v in values]


def scores(n, step=25.0, low=0, high=4):
    """Scores like an item's 0-100 steps: many ties and zero differences."""
    return [float(v * step) for v in rng.integers(low, high + 1, n)]


def paired_case(name, before, after):
    case = {"name": name, "before": before, "after": after}
    d = np.asarray(after) - np.asarray(before)
    if np.std(d) > 0:
        t = stats.ttest_rel(after, before)
        case["t"] = {
            "n": len(d),
            "mean_diff": float(np.mean(d)),
            "sd_diff": float(np.std(d, ddof=1)),
            "t": float(t.statistic),
            "df": int(t.df),
            "p": float(t.pvalue),
            "d_z": float(np.mean(d) / np.std(d, ddof=1)),
        }
    else:
        case["t"] = None
    if (d != 0).any():
        w = stats.wilcoxon(after, before)
        method = wilcoxon_method(before, after)
        case["wilcoxon"] = {
            "statistic": float(w.statistic),
            "p": float(w.pvalue),
            "method": method,
        }
        if method == "normal":
            z = stats.wilcoxon(after, before, method="asymptotic")
            assert z.pvalue == w.pvalue
            case["wilcoxon"]["z"] = float(z.zstatistic)
    else:
        case["wilcoxon"] = None
    return case


def shifted(values, shift, noise):
    return [float(v + shift + e) for v, e in zip(values, noise)]


paired = []
paired.append(paired_case("hand: five pairs, no ties",
                          [50.0, 60.0, 70.0, 80.0, 90.0], [55.0, 58.0, 80.0, 86.0, 99.0]))
for n in (8, 13):
    b = scores(n)
    paired.append(paired_case(f"item scores, n={n}: ties and zeros", b, scores(n)))
for n in (14, 30, 120):
    b = scores(n)
    a = [min(100.0, v + s) for v, s in zip(b, scores(n, step=12.5, low=-1, high=3))]
    paired.append(paired_case(f"item scores, n={n}: ties and zeros", b, a))
for n in (12, 30, 50):
    b = dyadic(rng.normal(50, 15, n))
    a = dyadic(rng.normal(55, 15, n))
    paired.append(paired_case(f"continuous, n={n}", b, a))
for n in (51, 200):
    b = dyadic(rng.normal(50, 15, n))
    paired.append(paired_case(f"continuous, n={n}", b, dyadic(np.asarray(b) + rng.normal(-2, 8, n))))
paired.append(paired_case("every difference the same: t undefined",
                          [10.0, 20.0, 30.0, 40.0], [15.0, 25.0, 35.0, 45.0]))
paired.append(paired_case("one large shift: tiny p", dyadic(rng.normal(20, 5, 40)), dyadic(rng.normal(60, 5, 40))))

friedman = []


def friedman_case(name, blocks):
    cols = [list(c) for c in zip(*blocks)]
    f = stats.friedmanchisquare(*cols)
    n, k = len(blocks), len(cols)
    return {"name": name, "blocks": blocks, "chi2": float(f.statistic), "p": float(f.pvalue),
            "kendall_w": float(f.statistic / (n * (k - 1)))}


friedman.append(friedman_case("hand: four people, no ties",
                              [[1.0, 2.0, 3.0], [2.0, 3.0, 1.0], [1.0, 3.0, 2.0], [1.0, 2.0, 3.0]]))
for n in (10, 60):
    blocks = [[float(v) for v in row] for row in np.stack([scores(n), scores(n), scores(n)], axis=1)]
    friedman.append(friedman_case(f"item scores, n={n}: ties within blocks", blocks))
blocks = [[float(v) for v in row] for row in
          np.stack([dyadic(rng.normal(m, 10, 25)) for m in (50, 54, 58)], axis=1)]
friedman.append(friedman_case("continuous, n=25: a rising trend", blocks))
friedman.append(friedman_case("some blocks fully tied",
                              [[50.0, 50.0, 50.0], [40.0, 50.0, 60.0], [30.0, 30.0, 70.0], [20.0, 60.0, 40.0]]))
friedman.append(friedman_case("four moments", [[float(v) for v in row] for row in rng.integers(0, 5, (15, 4))]))

kappa = []


def kappa_case(name, a, b, categories=(1, 2, 3, 4, 5)):
    k = cohen_kappa_score(a, b, labels=list(categories), weights="quadratic")
    return {"name": name, "a": [int(v) for v in a], "b": [int(v) for v in b],
            "categories": list(categories), "kappa": float(k)}


kappa.append(kappa_case("hand: perfect agreement", [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]))
kappa.append(kappa_case("hand: near misses", [1, 2, 3, 4, 5, 3], [2, 2, 4, 4, 4, 1]))
for n in (20, 150):
    a = rng.integers(1, 6, n)
    b = np.clip(a + rng.integers(-1, 2, n), 1, 5)
    kappa.append(kappa_case(f"close raters, n={n}", a, b))
a = rng.integers(1, 6, 40)
kappa.append(kappa_case("independent raters, n=40", a, rng.integers(1, 6, 40)))
kappa.append(kappa_case("unevenly used categories {1,2,5}", [1, 2, 5, 5, 1, 2, 5], [1, 5, 5, 2, 1, 2, 2]))
kappa.append(kappa_case("scale 0-10", rng.integers(0, 11, 30), rng.integers(0, 11, 30), categories=range(0, 11)))

json.dump({
    "source": "tests/reference/stats_reference.py",
    "versions": {"python": sys.version.split()[0], "numpy": np.__version__,
                 "scipy": scipy.__version__, "scikit-learn": sklearn.__version__},
    "paired": paired,
    "friedman": friedman,
    "kappa": kappa,
}, sys.stdout, indent=1)
print()
