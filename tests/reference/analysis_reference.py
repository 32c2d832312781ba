#!/usr/bin/env python3
"""Reference values for tests/core/research/analysis.rs, from scipy, scikit-learn and statsmodels.

Reads the scores of the synthetic datasets (tests/fixtures/stats/
analysis_<name>.csv, written by `UPDATE_FIXTURES=1 cargo test --test
core research::analysis`) and computes, independently of the app, what its analysis must
show:

- per role and measure: n and mean per moment; for T0->T1, T1->T2, T0->T2
  over the people (respondent + member) with a score at both moments:
  scipy.stats.ttest_rel(later, earlier), d_z = mean / sd (ddof 1) of the
  differences, scipy.stats.wilcoxon(later, earlier) with its defaults;
  scipy.stats.friedmanchisquare over the people with all three moments,
  Kendall's W = chi2 / (n (k - 1)); the 95 % interval of the mean change
  (scipy.stats.ttest_1samp(d, 0).confidence_interval(0.95)); Holm-adjusted
  p-values (statsmodels multipletests, method="holm") with one role's change
  table as the family, for the t-test and the Wilcoxon test separately;
- per domain and moment: sklearn cohen_kappa_score(citizen, professional,
  labels=[1..5], weights="quadratic") on dom_<domain>_status, and the mean of
  citizen - professional score_dom_<domain>, over the people with both.

    python3 tests/reference/analysis_reference.py
"""
import csv
import json
import math
import os

import numpy as np
from scipy import stats
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.multitest import multipletests

from common import wilcoxon_method

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures", "stats")
DOMAINS = ["finances", "housing", "daytime", "parenting", "physical", "mental", "education", "safety"]
MEASURES = (["competences", "network", "services", "draagkracht"]
            + [f"dom_{d}" for d in DOMAINS] + ["draaglast", "balans", "behaviour"])
MOMENTS = ["T0", "T1", "T2"]
COMPARISONS = [(0, 1), (1, 2), (0, 2)]


def num(text):
    return float(text) if text != "" else None


def clean(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def analyse(rows):
    people = {}
    for r in rows:
        person = (r["respondent"], r["member"])
        people.setdefault((r["role"], person), [None, None, None])[MOMENTS.index(r["moment"])] = r
    out = {"measures": [], "agreement": []}
    for role in ["citizen", "professional"]:
        series = [v for (rl, _), v in sorted(people.items()) if rl == role]
        for measure in MEASURES:
            col = f"score_{measure}"
            values = [[num(m[col]) if m else None for m in s] for s in series]
            row = {"role": role, "measure": measure, "n": [], "mean": [], "changes": []}
            for k in range(3):
                at = [v[k] for v in values if v[k] is not None]
                row["n"].append(len(at))
                row["mean"].append(float(np.mean(at)) if at else None)
            for a, b in COMPARISONS:
                pairs = [(v[a], v[b]) for v in values if v[a] is not None and v[b] is not None]
                before = [p[0] for p in pairs]
                after = [p[1] for p in pairs]
                change = {"n": len(pairs), "mean_diff": None, "ci_low": None, "ci_high": None,
                          "t": None, "p_t": None, "d_z": None,
                          "wilcoxon_w": None, "p_wilcoxon": None, "wilcoxon_method": None}
                d = np.asarray(after) - np.asarray(before)
                if len(pairs) >= 2:
                    change["mean_diff"] = float(np.mean(d))
                    sd = float(np.std(d, ddof=1))
                    if sd > 0:
                        ci = stats.ttest_1samp(d, 0).confidence_interval(0.95)
                        change.update(ci_low=float(ci.low), ci_high=float(ci.high))
                    else:
                        change.update(ci_low=float(np.mean(d)), ci_high=float(np.mean(d)))
                    if sd > 0:
                        t = stats.ttest_rel(after, before)
                        change.update(t=float(t.statistic), p_t=float(t.pvalue), d_z=float(np.mean(d) / sd))
                if len(pairs) >= 1 and (d != 0).any():
                    w = stats.wilcoxon(after, before)
                    change.update(wilcoxon_w=float(w.statistic), p_wilcoxon=float(w.pvalue),
                                  wilcoxon_method=wilcoxon_method(before, after))
                row["changes"].append(change)
            blocks = [v for v in values if None not in v]
            row["friedman_n"] = len(blocks)
            row["friedman_chi2"] = row["p_friedman"] = row["kendall_w"] = None
            if blocks:
                cols = [[b[k] for b in blocks] for k in range(3)]
                f = stats.friedmanchisquare(*cols)
                if not math.isnan(f.statistic):
                    row["friedman_chi2"] = float(f.statistic)
                    row["p_friedman"] = float(f.pvalue)
                    row["kendall_w"] = float(f.statistic / (len(blocks) * 2))
            out["measures"].append(row)
    # Holm within each role's change table, for the t-test and the Wilcoxon
    # test separately: statsmodels multipletests(method="holm") over the
    # p-values present.
    for role in ["citizen", "professional"]:
        changes = [c for row in out["measures"] if row["role"] == role for c in row["changes"]]
        for key in ["p_t", "p_wilcoxon"]:
            present = [c for c in changes if c[key] is not None]
            adjusted = multipletests([c[key] for c in present], method="holm")[1] if present else []
            for c in changes:
                c[key + "_holm"] = None
            for c, a in zip(present, adjusted):
                c[key + "_holm"] = float(a)
    for domain in DOMAINS:
        for k, moment in enumerate(MOMENTS):
            codes, diffs = [], []
            for (role, person), moments in sorted(people.items()):
                if role != "citizen":
                    continue
                pro = people.get(("professional", person), [None] * 3)[k]
                cit = moments[k]
                if not (cit and pro):
                    continue
                c, p = num(cit[f"dom_{domain}_status"]), num(pro[f"dom_{domain}_status"])
                if c is not None and p is not None and 1 <= c <= 5 and 1 <= p <= 5:
                    codes.append((int(c), int(p)))
                cs, ps = num(cit[f"score_dom_{domain}"]), num(pro[f"score_dom_{domain}"])
                if cs is not None and ps is not None:
                    diffs.append(cs - ps)
            kappa = None
            if codes:
                kappa = clean(float(cohen_kappa_score([c for c, _ in codes], [p for _, p in codes],
                                                      labels=[1, 2, 3, 4, 5], weights="quadratic")))
            out["agreement"].append({"domain": domain, "moment": moment, "n": len(codes), "kappa": kappa,
                                     "mean_diff": float(np.mean(diffs)) if diffs else None})
    return out


result = {"source": "tests/reference/analysis_reference.py"}
for name in ["small", "large"]:
    with open(os.path.join(FIXTURES, f"analysis_{name}.csv"), newline="", encoding="utf-8") as f:
        result[name] = analyse(list(csv.DictReader(f)))
with open(os.path.join(FIXTURES, "analysis_reference.json"), "w") as f:
    json.dump(result, f, indent=1)
    f.write("\n")
