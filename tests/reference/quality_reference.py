#!/usr/bin/env python3
"""Reference values for tests/core/research/quality.rs, from pingouin and scipy.

    pip install scipy pingouin      # versions used: see "versions" in the output
    UPDATE_FIXTURES=1 cargo test --test core research::quality   # writes the CSVs
    python3 tests/reference/quality_reference.py

Two parts:

- "cases": hand-made and random matrices. Cronbach's alpha from
  pingouin.cronbach_alpha; its interval is rounded to three decimals, so the
  Feldt bounds are computed here with scipy.stats.f.isf exactly as pingouin
  does (and checked against pingouin's rounded ones). ICC(A,1) with its
  interval from pingouin.intraclass_corr (rounding switched off). The mean's
  95 % interval from scipy.stats.t.interval.
- "datasets": the item answers of the synthetic datasets
  (tests/fixtures/stats/quality_<name>.csv). For every scale, role and
  moment: reverse-keyed items turned, missing codes (97 weet ik niet,
  98 wil ik niet zeggen, 99 n.v.t.) and empty cells (skipped) counted and
  left out listwise; alpha, item-rest (numpy.corrcoef with the sum of the
  other items), alpha if dropped; per item mean, sd, floor, ceiling and the
  missing shares. ICC(A,1) of citizen and professional score per measure
  and moment over the people with both.

Everything about the instrument the app would know (which items form a
scale, which are reverse-keyed, the ranges) is written out here again, so a
mistake there shows as a difference.
"""
import csv
import json
import math
import os
import sys

import numpy as np
import pandas as pd
import pingouin as pg
import scipy
from scipy import stats

pg.options["round"] = None

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures", "stats")
MOMENTS = ["T0", "T1", "T2"]
ROLES = ["citizen", "professional"]
DOMAINS = ["finances", "housing", "daytime", "parenting", "physical", "mental", "education", "safety"]
SCALES = {
    "competences": ([f"comp_{c}_{i}" for c in ["selfconfidence", "selfknowledge", "perseverance",
                                                "responsibility", "assertiveness"] for i in (1, 2)], 1, 5, True),
    "network": (["net_talk", "net_practical", "net_emergency", "net_contact", "net_lonely", "net_giveback"],
                1, 5, True),
    "burden": ([f"dom_{d}_status" for d in DOMAINS], 1, 5, True),
    "services": (["svc_community_centre", "svc_health_centre", "svc_club", "svc_volunteering",
                  "svc_information"], 0, 3, False),
    "behaviour": (["beh_own_solution", "beh_paperwork", "beh_kept_appointment", "beh_asked_help",
                   "beh_met_people", "beh_activity"], 0, 2, False),
}
REVERSED = {"comp_perseverance_2", "net_lonely"}
MEASURES = (["competences", "network", "services", "draagkracht"]
            + [f"dom_{d}" for d in DOMAINS] + ["draaglast", "balans", "behaviour"])
MISSING = {"97": 0, "98": 1, "99": 2}


def feldt(alpha, n, k, ci=0.95):
    df1 = n - 1
    df2 = df1 * (k - 1)
    lower = 1 - (1 - alpha) * stats.f.isf((1 - ci) / 2, df1, df2)
    upper = 1 - (1 - alpha) * stats.f.isf((1 + ci) / 2, df1, df2)
    return float(lower), float(upper)


def alpha_of(matrix):
    """Alpha and Feldt bounds, or None as the app gives none."""
    m = np.asarray(matrix, dtype=float)
    n, k = m.shape if m.ndim == 2 else (0, 0)
    if n < 2 or k < 2 or np.var(m.sum(axis=1), ddof=1) <= 0:
        return None
    a, rounded = pg.cronbach_alpha(data=pd.DataFrame(m))
    lower, upper = feldt(a, n, k)
    assert abs(round(lower, 3) - rounded[0]) < 1e-9 and abs(round(upper, 3) - rounded[1]) < 1e-9
    return {"n": n, "k": k, "alpha": float(a), "lower": lower, "upper": upper}


def icc_of(rows):
    m = np.asarray(rows, dtype=float)
    if len(m) < 2:
        return None
    n, k = m.shape
    long = pd.DataFrame([(i, j, m[i, j]) for i in range(n) for j in range(k)],
                        columns=["target", "rater", "score"])
    with np.errstate(all="ignore"):
        table = pg.intraclass_corr(data=long, targets="target", raters="rater", ratings="score")
    row = table.set_index("Type").loc["ICC(A,1)"]
    if not np.isfinite(row["ICC"]) or not np.isfinite(row["F"]):
        return None
    # pingouin rounds the interval to two decimals: compute it as pingouin
    # does (McGraw & Wong, case 2A) with scipy's F quantiles, and check
    # that it rounds to pingouin's.
    x = m
    grand = x.mean()
    ssr = k * ((x.mean(axis=1) - grand) ** 2).sum()
    ssc = n * ((x.mean(axis=0) - grand) ** 2).sum()
    sse = ((x - grand) ** 2).sum() - ssr - ssc
    msr, msc, mse = ssr / (n - 1), ssc / (k - 1), sse / ((n - 1) * (k - 1))
    icc = row["ICC"]
    fj = msc / mse
    vn = (n - 1) * (k - 1) * (k * icc * fj + n * (1 + (k - 1) * icc) - k * icc) ** 2
    vd = (n - 1) * k**2 * icc**2 * fj**2 + (n * (1 + (k - 1) * icc) - k * icc) ** 2
    v = vn / vd
    f2u = stats.f.ppf(0.975, n - 1, v)
    f2l = stats.f.ppf(0.975, v, n - 1)
    lower = float(n * (msr - f2u * mse) / (f2u * (k * msc + (k * n - k - n) * mse) + n * msr))
    upper = float(n * (f2l * msr - mse) / (k * msc + (k * n - k - n) * mse + n * f2l * msr))
    for mine, theirs in zip((lower, upper), row["CI95"]):
        assert abs(round(mine, 2) - theirs) < 1e-9, (mine, theirs)
    return {"n": n, "k": k, "icc": float(row["ICC"]), "f": float(row["F"]), "df1": int(row["df1"]),
            "df2": int(row["df2"]), "p": float(row["pval"]),
            "lower": lower if math.isfinite(lower) else None, "upper": upper if math.isfinite(upper) else None}


def mean_ci_of(values):
    v = np.asarray(values, dtype=float)
    sem = np.std(v, ddof=1) / math.sqrt(len(v))
    lo, hi = stats.t.interval(0.95, len(v) - 1, loc=np.mean(v), scale=sem)
    return {"values": [float(x) for x in v], "mean": float(np.mean(v)), "lower": float(lo), "upper": float(hi)}


rng = np.random.default_rng(20261202)
cases = {"alpha": [], "icc": [], "mean_ci": []}


def alpha_case(name, matrix):
    matrix = [[float(x) for x in row] for row in matrix]
    out = alpha_of(matrix)
    items = len(matrix[0])
    rest = [float(np.corrcoef(np.asarray(matrix)[:, j], np.delete(np.asarray(matrix), j, axis=1).sum(axis=1))[0, 1])
            for j in range(items)]
    dropped = [float(pg.cronbach_alpha(data=pd.DataFrame(np.delete(np.asarray(matrix), j, axis=1)))[0])
               for j in range(items)] if items > 2 else None
    finite = lambda values: [v if math.isfinite(v) else None for v in values] if values else values
    cases["alpha"].append({"name": name, "rows": matrix, "result": out, "item_rest": finite(rest),
                           "alpha_if_dropped": finite(dropped)})


alpha_case("hand: four people, three items", [[1, 2, 2], [2, 3, 3], [4, 4, 5], [3, 3, 3]])
# pingouin's own example, from its docs (Likert, long format made wide).
for n, k in ((12, 5), (60, 10), (250, 6)):
    latent = rng.normal(0, 1, n)
    matrix = np.clip(np.round(3 + latent[:, None] + rng.normal(0, 1, (n, k))), 1, 5)
    alpha_case(f"agree5, n={n}, k={k}", matrix)
alpha_case("hand: two items pull against each other: alpha below zero",
           [[1, 5, 3], [2, 4, 3], [3, 3, 2], [4, 1, 4], [5, 2, 3]])
alpha_case("weak items, n=30, k=4: alpha below zero",
           np.clip(np.round(3 + rng.normal(0, 1.2, (30, 4))), 1, 5))


def icc_case(name, rows):
    rows = [[float(x) for x in r] for r in rows]
    cases["icc"].append({"name": name, "rows": rows, "result": icc_of(rows)})


# McGraw & Wong / Shrout & Fleiss' six targets, four judges.
icc_case("Shrout & Fleiss 1979", [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]])
for n in (8, 40, 150):
    truth = rng.normal(50, 15, n)
    pro = truth + rng.normal(4, 8, n)
    icc_case(f"two raters, n={n}, the second higher", np.stack([truth + rng.normal(0, 8, n), pro], axis=1))
icc_case("scores in steps of 12.5", np.round(rng.uniform(0, 8, (25, 2))) * 12.5)

for n in (2, 5, 30, 400):
    cases["mean_ci"].append(mean_ci_of(rng.normal(40, 20, n)))


def code(text):
    return None if text == "" else text


def dataset(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = {"scales": [], "icc": []}
    for scale, (items, low, high, reflective) in SCALES.items():
        for role in ROLES:
            for moment in MOMENTS:
                forms = [r for r in rows if r["role"] == role and r["moment"] == moment]
                matrix, item_rows = [], []
                for r in forms:
                    values = []
                    for item in items:
                        c = code(r[item])
                        if c is None or c in MISSING:
                            values.append(None)
                        else:
                            v = int(c)
                            values.append(float(low + high - v if item in REVERSED else v))
                    matrix.append(values)
                complete = [v for v in matrix if None not in v]
                for j, item in enumerate(items):
                    cells = [code(r[item]) for r in forms]
                    values = [v[j] for v in matrix if v[j] is not None]
                    counts = [sum(1 for c in cells if c == m) for m in ("97", "98", "99")]
                    counts.append(sum(1 for c in cells if c is None))
                    entry = {
                        "item": item, "valid": len(values),
                        "mean": float(np.mean(values)) if values else None,
                        "sd": float(np.std(values, ddof=1)) if len(values) >= 2 else None,
                        "floor": sum(1 for v in values if v == low) / len(values) if values else None,
                        "ceiling": sum(1 for v in values if v == high) / len(values) if values else None,
                        "missing": [c / len(forms) if forms else None for c in counts],
                        "item_rest": None, "alpha_if_dropped": None,
                    }
                    if reflective and len(complete) >= 2:
                        m = np.asarray(complete)
                        rest = np.delete(m, j, axis=1).sum(axis=1)
                        if np.var(m[:, j]) > 0 and np.var(rest) > 0:
                            entry["item_rest"] = float(np.corrcoef(m[:, j], rest)[0, 1])
                        dropped = alpha_of(np.delete(m, j, axis=1))
                        entry["alpha_if_dropped"] = dropped["alpha"] if dropped else None
                    item_rows.append(entry)
                out["scales"].append({
                    "scale": scale, "role": role, "moment": moment, "forms": len(forms),
                    "complete": len(complete),
                    "alpha": alpha_of(complete) if reflective else None,
                    "items": item_rows,
                })
    people = {}
    for r in rows:
        people.setdefault((r["respondent"], r["member"], r["moment"]), {})[r["role"]] = r
    for measure in MEASURES:
        for moment in MOMENTS:
            pairs = []
            for (_, _, m), by_role in sorted(people.items()):
                if m != moment or len(by_role) != 2:
                    continue
                c, p = by_role["citizen"][f"score_{measure}"], by_role["professional"][f"score_{measure}"]
                if c != "" and p != "":
                    pairs.append([float(c), float(p)])
            out["icc"].append({"measure": measure, "moment": moment, "n": len(pairs), "icc": icc_of(pairs)})
    return out


result = {
    "source": "tests/reference/quality_reference.py",
    "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                 "pandas": pd.__version__, "pingouin": pg.__version__},
    "cases": cases,
}
for name in ["small", "large"]:
    result[name] = dataset(os.path.join(FIXTURES, f"quality_{name}.csv"))
with open(os.path.join(FIXTURES, "quality_reference.json"), "w") as f:
    json.dump(result, f, indent=1)
    f.write("\n")
