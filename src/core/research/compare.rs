//! Comparing independent groups, for the change by condition: the mean with
//! its confidence interval, Welch's difference of two means, Hedges' g, the
//! Mann–Whitney U and Kruskal–Wallis tests, and Holm's adjustment of a
//! family of p-values.
//!
//! Like [`super::stats`], every function follows one reference exactly
//! (`tests/reference/compare_reference.py` writes the values,
//! `tests/core/research/compare.rs` compares them to 1e-9):
//!
//! | here | reference |
//! |---|---|
//! | [`mean_ci`] | `scipy.stats.ttest_1samp(x, 0).confidence_interval(0.95)` |
//! | [`welch`] | `scipy.stats.ttest_ind(x, y, equal_var=False)` and its `confidence_interval(0.95)` |
//! | [`hedges_g`] | `pingouin.compute_effsize(x, y, eftype="hedges")` |
//! | [`mann_whitney`] | `scipy.stats.mannwhitneyu(x, y)` with its defaults (scipy 1.17) |
//! | [`kruskal`] | `scipy.stats.kruskal(*groups)` |
//! | [`holm`] | `statsmodels.stats.multitest.multipletests(p, method="holm")` |

use statrs::distribution::{ChiSquared, Continuous, ContinuousCDF, StudentsT};
use statrs::function::erf::erfc;

use super::stats::{average_ranks, mean};

/// Confidence level of every interval, as a fraction.
pub const CONFIDENCE: f64 = 0.95;

/// Whether `value` is a number above `limit` (false for NaN).
pub(crate) fn above(value: f64, limit: f64) -> bool {
    value > limit
}

/// Sample variance (n − 1), around the mean in two passes.
fn variance(values: &[f64]) -> f64 {
    let m = mean(values);
    values.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (values.len() - 1) as f64
}

/// The two-sided `CONFIDENCE` quantile of Student's t with `df` degrees of
/// freedom: statrs' inverse, polished by Newton steps on the distribution
/// function so it agrees with scipy's `t.ppf` to machine precision.
pub fn t_quantile(df: f64) -> Option<f64> {
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    let target = 1.0 - (1.0 - CONFIDENCE) / 2.0;
    let mut q = dist.inverse_cdf(target);
    for _ in 0..4 {
        let density = dist.pdf(q);
        if !above(density, 0.0) {
            break;
        }
        // 1 − cdf via sf keeps the upper tail's digits.
        q += (dist.sf(q) - (1.0 - target)) / density;
    }
    q.is_finite().then_some(q)
}

/// Two-sided p-value of `t` under Student's t with `df` degrees of freedom.
pub fn t_p(t: f64, df: f64) -> Option<f64> {
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    Some((2.0 * dist.sf(t.abs())).min(1.0))
}

/// A mean with its confidence interval.
#[derive(Clone, Debug, PartialEq)]
pub struct MeanCi {
    /// Number of values.
    pub n: usize,
    /// Their mean.
    pub mean: f64,
    /// Their standard deviation (n − 1).
    pub sd: f64,
    /// Lower end of the 95 % interval.
    pub low: f64,
    /// Upper end of the 95 % interval.
    pub high: f64,
}

/// The mean of `values` with its 95 % t-interval. `None` for fewer than two
/// values; when every value is the same the interval is that value.
pub fn mean_ci(values: &[f64]) -> Option<MeanCi> {
    let n = values.len();
    if n < 2 {
        return None;
    }
    let m = mean(values);
    let sd = variance(values).sqrt();
    let half = t_quantile((n - 1) as f64)? * sd / (n as f64).sqrt();
    Some(MeanCi {
        n,
        mean: m,
        sd,
        low: m - half,
        high: m + half,
    })
}

/// Welch's comparison of two independent means.
#[derive(Clone, Debug, PartialEq)]
pub struct Welch {
    /// mean(x) − mean(y).
    pub diff: f64,
    /// Its standard error.
    pub se: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// diff / se.
    pub t: f64,
    /// Two-sided p-value.
    pub p: f64,
    /// Lower end of the 95 % interval of the difference.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// Welch's t-test of mean(x) − mean(y) with its 95 % interval. `None` when
/// a group has fewer than two values or both have no spread.
pub fn welch(x: &[f64], y: &[f64]) -> Option<Welch> {
    if x.len() < 2 || y.len() < 2 {
        return None;
    }
    let (nx, ny) = (x.len() as f64, y.len() as f64);
    let (vx, vy) = (variance(x) / nx, variance(y) / ny);
    let se2 = vx + vy;
    if !above(se2, 0.0) {
        return None;
    }
    let se = se2.sqrt();
    let df = se2 * se2 / (vx * vx / (nx - 1.0) + vy * vy / (ny - 1.0));
    let diff = mean(x) - mean(y);
    let t = diff / se;
    let half = t_quantile(df)? * se;
    Some(Welch {
        diff,
        se,
        df,
        t,
        p: t_p(t, df)?,
        low: diff - half,
        high: diff + half,
    })
}

/// Hedges' g of x against y: Cohen's d with the pooled standard deviation
/// (n − 1), times 1 − 3 / (4 (nx + ny) − 9). `None` when a group has fewer
/// than two values or there is no spread.
pub fn hedges_g(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() < 2 || y.len() < 2 {
        return None;
    }
    let (nx, ny) = (x.len() as f64, y.len() as f64);
    let pooled = (((nx - 1.0) * variance(x) + (ny - 1.0) * variance(y)) / (nx + ny - 2.0)).sqrt();
    if !above(pooled, 0.0) {
        return None;
    }
    let d = (mean(x) - mean(y)) / pooled;
    Some(d * (1.0 - 3.0 / (4.0 * (nx + ny) - 9.0)))
}

/// How a Mann–Whitney p-value was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MwuMethod {
    /// The exact distribution of U (no ties, a group of at most 8).
    Exact,
    /// The normal approximation, tie-corrected, with continuity correction.
    Normal,
}

impl MwuMethod {
    /// Short code for tables and CSV.
    pub fn code(self) -> &'static str {
        match self {
            MwuMethod::Exact => "exact",
            MwuMethod::Normal => "normal",
        }
    }
}

/// The Mann–Whitney U test of two independent groups.
#[derive(Clone, Debug, PartialEq)]
pub struct MannWhitney {
    /// U of the first group (as scipy reports).
    pub u: f64,
    /// Two-sided p-value.
    pub p: f64,
    /// How `p` was found.
    pub method: MwuMethod,
}

/// Largest group for the exact distribution when the other is larger (as
/// scipy).
const MWU_EXACT_MAX: usize = 8;

/// Number of ways to reach each U with groups of `m` and `n`: the
/// coefficients of the Gaussian binomial [m + n choose m]_q, built as the
/// product of (1 − q^(n+i)) / (1 − q^i) for i = 1..m (every intermediate is
/// again a Gaussian binomial, so the integers stay exact).
fn u_counts(m: usize, n: usize) -> Vec<i128> {
    let (m, n) = (m.min(n), m.max(n));
    let mut poly = vec![0i128; m * n + 1];
    poly[0] = 1;
    for i in 1..=m {
        let a = n + i;
        for k in (a..poly.len()).rev() {
            poly[k] -= poly[k - a];
        }
        for k in i..poly.len() {
            poly[k] += poly[k - i];
        }
    }
    poly
}

/// The Mann–Whitney U test (two-sided), as `scipy.stats.mannwhitneyu(x, y)`:
/// exact when there are no ties and a group has at most 8 values, else the
/// normal approximation with tie correction and continuity correction.
/// `None` when a group is empty.
pub fn mann_whitney(x: &[f64], y: &[f64]) -> Option<MannWhitney> {
    let (n1, n2) = (x.len(), y.len());
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let all: Vec<f64> = x.iter().chain(y).copied().collect();
    let (ranks, groups) = average_ranks(&all);
    let r1: f64 = ranks[..n1].iter().sum();
    let u1 = r1 - (n1 * (n1 + 1)) as f64 / 2.0;
    let (f1, f2) = (n1 as f64, n2 as f64);
    let u = u1.max(f1 * f2 - u1);
    let ties = groups.iter().any(|g| *g > 1);
    let exact = !ties && (n1 <= MWU_EXACT_MAX || n2 <= MWU_EXACT_MAX);
    let (p, method) = if exact {
        let counts = u_counts(n1, n2);
        let total: f64 = counts.iter().map(|c| *c as f64).sum();
        // Without ties U is a whole number.
        let from = u.round() as usize;
        let upper: f64 = counts[from.min(counts.len())..]
            .iter()
            .map(|c| *c as f64)
            .sum();
        (2.0 * upper / total, MwuMethod::Exact)
    } else {
        let n = f1 + f2;
        let tie_term: f64 = groups.iter().map(|&t| (t * t * t - t) as f64).sum();
        let s = (f1 * f2 / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)))).sqrt();
        let z = (u - f1 * f2 / 2.0 - 0.5) / s;
        // P(Z > z) = erfc(z / √2) / 2, doubled.
        (erfc(z / std::f64::consts::SQRT_2), MwuMethod::Normal)
    };
    Some(MannWhitney {
        u: u1,
        p: p.clamp(0.0, 1.0),
        method,
    })
}

/// The Kruskal–Wallis H test of k independent groups.
#[derive(Clone, Debug, PartialEq)]
pub struct Kruskal {
    /// H, corrected for ties.
    pub h: f64,
    /// Degrees of freedom, k − 1.
    pub df: usize,
    /// p-value from the χ² distribution.
    pub p: f64,
}

/// The Kruskal–Wallis test, as `scipy.stats.kruskal(*groups)`. `None` for
/// fewer than two groups, an empty group, or when every value is the same.
pub fn kruskal(groups: &[Vec<f64>]) -> Option<Kruskal> {
    if groups.len() < 2 || groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let all: Vec<f64> = groups.iter().flatten().copied().collect();
    let (ranks, ties) = average_ranks(&all);
    let n = all.len() as f64;
    let mut start = 0;
    let mut sum = 0.0;
    for g in groups {
        let r: f64 = ranks[start..start + g.len()].iter().sum();
        sum += r * r / g.len() as f64;
        start += g.len();
    }
    let correction =
        1.0 - ties.iter().map(|&t| (t * t * t - t) as f64).sum::<f64>() / (n * n * n - n);
    if !above(correction, 0.0) {
        return None;
    }
    let h = (12.0 / (n * (n + 1.0)) * sum - 3.0 * (n + 1.0)) / correction;
    let df = groups.len() - 1;
    let p = ChiSquared::new(df as f64).ok()?.sf(h);
    Some(Kruskal { h, df, p })
}

/// Holm's step-down adjustment, as statsmodels' `multipletests(p,
/// method="holm")`: the family is every p-value present; a missing one
/// stays missing and does not count.
pub fn holm(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut present: Vec<(usize, f64)> = p
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))
        .collect();
    present.sort_by(|a, b| a.1.total_cmp(&b.1));
    let m = present.len();
    let mut out = vec![None; p.len()];
    let mut running: f64 = 0.0;
    for (rank, (i, v)) in present.into_iter().enumerate() {
        running = running.max(((m - rank) as f64 * v).min(1.0));
        out[i] = Some(running);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u_counts_are_the_gaussian_binomial() {
        // Groups of 2 and 2: U = 0..4 in 1, 1, 2, 1, 1 ways.
        assert_eq!(u_counts(2, 2), vec![1, 1, 2, 1, 1]);
        let c = u_counts(3, 5);
        assert_eq!(c.iter().sum::<i128>(), 56);
    }

    #[test]
    fn holm_keeps_order_and_skips_missing() {
        let adj = holm(&[Some(0.01), None, Some(0.04), Some(0.03)]);
        assert_eq!(adj[1], None);
        assert!((adj[0].unwrap() - 0.03).abs() < 1e-15);
        assert!((adj[3].unwrap() - 0.06).abs() < 1e-15);
        assert!((adj[2].unwrap() - 0.06).abs() < 1e-15);
    }
}
