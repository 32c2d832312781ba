"""What both reference scripts share."""
import numpy as np


def wilcoxon_method(before, after):
    """The branch scipy.stats.wilcoxon takes with method='auto' (scipy 1.17,
    scipy/stats/_wilcoxon.py): exact up to 50 pairs without ties or zeros,
    a full permutation test up to 13 pairs with them, else the normal
    approximation."""
    d = np.asarray(after) - np.asarray(before)
    nonzero = np.abs(d[d != 0])
    ties = len(np.unique(nonzero)) < len(nonzero)
    if len(d) > 50:
        return "normal"
    if not ties and not (d == 0).any():
        return "exact"
    return "permutation" if len(d) <= 13 else "normal"
