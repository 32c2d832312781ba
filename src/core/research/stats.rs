//! The statistics of the analysis: the paired t-test with Cohen's d_z, the
//! Wilcoxon signed-rank test, the Friedman test with Kendall's W and the
//! quadratic-weighted Cohen's kappa.
//!
//! Every function follows one reference implementation exactly, so the
//! numbers can be checked against it (`tests/reference/stats_reference.py`
//! writes the reference values, `tests/core/research/stats.rs` compares them to 1e-9):
//!
//! | here | reference |
//! |---|---|
//! | [`paired_t`] | `scipy.stats.ttest_rel(after, before)`; d_z = mean / sd of the differences (ddof 1) |
//! | [`wilcoxon`] | `scipy.stats.wilcoxon(after, before)` with its defaults (scipy 1.17) |
//! | [`friedman`] | `scipy.stats.friedmanchisquare`; W = χ² / (n (k − 1)) |
//! | [`weighted_kappa`] | `sklearn.metrics.cohen_kappa_score(weights="quadratic", labels=…)` |
//!
//! Distributions come from `statrs`; ranks, exact distributions and the
//! rest are written out here so every choice is visible.

use statrs::distribution::{ChiSquared, ContinuousCDF, StudentsT};
use statrs::function::erf::erfc;

/// Largest number of pairs for the exact Wilcoxon distribution (as scipy).
const EXACT_MAX: usize = 50;

/// Largest number of pairs for which, with ties or zeros, every one of the
/// 2^n sign patterns is enumerated (as scipy: 2^13 is below its 9 999
/// resamples, so its permutation test is exact there).
const PERMUTATION_MAX: usize = 13;

/// The paired t-test of `after − before`.
#[derive(Clone, Debug, PartialEq)]
pub struct PairedT {
    /// Number of pairs.
    pub n: usize,
    /// Mean of `after − before`.
    pub mean_diff: f64,
    /// Standard deviation of the differences (n − 1 in the denominator).
    pub sd_diff: f64,
    /// Degrees of freedom, n − 1.
    pub df: usize,
    /// The t statistic; `None` when every difference is the same.
    pub t: Option<f64>,
    /// Two-sided p-value; `None` when `t` is.
    pub p: Option<f64>,
    /// Cohen's d_z: mean difference / sd of the differences.
    pub d_z: Option<f64>,
}

/// Mean of `values` (0 for none).
pub fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.iter().sum::<f64>() / values.len() as f64
}

/// Sample standard deviation (n − 1), computed around the mean in two passes
/// for accuracy.
fn sd(values: &[f64]) -> f64 {
    let m = mean(values);
    let ss: f64 = values.iter().map(|v| (v - m) * (v - m)).sum();
    (ss / (values.len() - 1) as f64).sqrt()
}

fn differences(before: &[f64], after: &[f64]) -> Vec<f64> {
    before.iter().zip(after).map(|(b, a)| a - b).collect()
}

/// The paired t-test of `after − before` (two-sided). `None` for fewer than
/// two pairs or unequal lengths.
pub fn paired_t(before: &[f64], after: &[f64]) -> Option<PairedT> {
    if before.len() != after.len() || before.len() < 2 {
        return None;
    }
    let d = differences(before, after);
    let n = d.len();
    let mean_diff = mean(&d);
    let sd_diff = sd(&d);
    let df = n - 1;
    let (t, p, d_z) = if sd_diff > 0.0 {
        let t = mean_diff / (sd_diff / (n as f64).sqrt());
        let dist = StudentsT::new(0.0, 1.0, df as f64).ok()?;
        let p = (2.0 * dist.sf(t.abs())).min(1.0);
        (Some(t), Some(p), Some(mean_diff / sd_diff))
    } else {
        (None, None, None)
    };
    Some(PairedT {
        n,
        mean_diff,
        sd_diff,
        df,
        t,
        p,
        d_z,
    })
}

/// How the Wilcoxon p-value was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WilcoxonMethod {
    /// The exact distribution of W+ (at most 50 pairs, no ties, no zeros).
    Exact,
    /// Every sign pattern enumerated (at most 13 pairs, with ties or zeros).
    Permutation,
    /// The normal approximation with the tie-corrected variance and no
    /// continuity correction (more than 50 pairs, or ties or zeros with
    /// more than 13).
    Normal,
}

impl WilcoxonMethod {
    /// Short code for tables and CSV.
    pub fn code(self) -> &'static str {
        match self {
            WilcoxonMethod::Exact => "exact",
            WilcoxonMethod::Permutation => "permutation",
            WilcoxonMethod::Normal => "normal",
        }
    }
}

/// The Wilcoxon signed-rank test of `after − before` (two-sided).
#[derive(Clone, Debug, PartialEq)]
pub struct Wilcoxon {
    /// Number of pairs, zeros included.
    pub n: usize,
    /// Pairs with a difference other than zero (the ones ranked).
    pub n_nonzero: usize,
    /// W = the smaller of the positive and negative rank sums (as scipy reports).
    pub statistic: f64,
    /// The z of the normal approximation, when that was used (−|z|, as scipy).
    pub z: Option<f64>,
    /// Two-sided p-value.
    pub p: f64,
    /// How `p` was found.
    pub method: WilcoxonMethod,
}

/// Average ranks (1-based) of `values`, and the sizes of the groups of tied
/// values. Ties are exact equality, as in scipy's `rankdata`.
pub fn average_ranks(values: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| values[*a].total_cmp(&values[*b]));
    let mut ranks = vec![0.0; values.len()];
    let mut groups = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold ranks start+1 ..= end; their mean:
        let rank = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        groups.push(end - start);
        start = end;
    }
    (ranks, groups)
}

/// Number of subsets of {1, …, n} by their sum: the exact null distribution
/// of W+ times 2^n.
fn signed_rank_counts(n: usize) -> Vec<u64> {
    let max = n * (n + 1) / 2;
    let mut counts = vec![0u64; max + 1];
    counts[0] = 1;
    for rank in 1..=n {
        for sum in (rank..=max).rev() {
            counts[sum] += counts[sum - rank];
        }
    }
    counts
}

/// The Wilcoxon signed-rank test of `after − before`, two-sided, as
/// `scipy.stats.wilcoxon(after, before)` with its defaults:
///
/// - zeros are dropped before ranking (Wilcoxon's method), ties get average
///   ranks;
/// - at most 50 pairs without ties or zeros: the exact distribution;
/// - at most 13 pairs with ties or zeros: all 2^n sign patterns;
/// - otherwise the normal approximation, variance corrected for ties, no
///   continuity correction.
///
/// `None` for unequal lengths or when every difference is zero.
pub fn wilcoxon(before: &[f64], after: &[f64]) -> Option<Wilcoxon> {
    if before.len() != after.len() {
        return None;
    }
    let d = differences(before, after);
    let n = d.len();
    let nonzero: Vec<f64> = d.iter().copied().filter(|v| *v != 0.0).collect();
    let zeros = n - nonzero.len();
    let count = nonzero.len();
    if count == 0 {
        return None;
    }
    let magnitudes: Vec<f64> = nonzero.iter().map(|v| v.abs()).collect();
    let (ranks, groups) = average_ranks(&magnitudes);
    let r_plus: f64 = nonzero
        .iter()
        .zip(&ranks)
        .filter(|(v, _)| **v > 0.0)
        .map(|(_, r)| r)
        .sum();
    let r_minus: f64 = nonzero
        .iter()
        .zip(&ranks)
        .filter(|(v, _)| **v < 0.0)
        .map(|(_, r)| r)
        .sum();
    let has_ties = groups.iter().any(|g| *g > 1);
    let method = if n > EXACT_MAX {
        WilcoxonMethod::Normal
    } else if !has_ties && zeros == 0 {
        WilcoxonMethod::Exact
    } else if n <= PERMUTATION_MAX {
        WilcoxonMethod::Permutation
    } else {
        WilcoxonMethod::Normal
    };
    let (p, z) = match method {
        WilcoxonMethod::Exact => {
            // Without ties W+ is a whole number.
            let w = r_plus.round() as usize;
            let counts = signed_rank_counts(count);
            let total = 2f64.powi(count as i32);
            let below: u64 = counts[..=w].iter().sum();
            let above: u64 = counts[w..].iter().sum();
            let p = 2.0 * (below.min(above) as f64) / total;
            (p.min(1.0), None)
        }
        WilcoxonMethod::Permutation => {
            // Doubled average ranks are whole numbers, so every sum compares
            // exactly.
            let doubled: Vec<u64> = ranks.iter().map(|r| (r * 2.0).round() as u64).collect();
            let observed = (r_plus * 2.0).round() as u64;
            let (mut below, mut above) = (0u64, 0u64);
            for pattern in 0u32..(1 << count) {
                let sum: u64 = doubled
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| pattern & (1 << i) != 0)
                    .map(|(_, r)| r)
                    .sum();
                below += u64::from(sum <= observed);
                above += u64::from(sum >= observed);
            }
            let p = 2.0 * below.min(above) as f64 / f64::from(1u32 << count);
            (p.min(1.0), None)
        }
        WilcoxonMethod::Normal => {
            let c = count as f64;
            let mean_w = c * (c + 1.0) / 4.0;
            let tie_correction: f64 = groups.iter().map(|&t| (t * t * t - t) as f64).sum();
            let se = ((c * (c + 1.0) * (2.0 * c + 1.0) - tie_correction / 2.0) / 24.0).sqrt();
            let z = (r_plus - mean_w) / se;
            // 2 × P(Z > |z|) = erfc(|z| / √2).
            let p = erfc(z.abs() / std::f64::consts::SQRT_2);
            (p.min(1.0), Some(-z.abs()))
        }
    };
    Some(Wilcoxon {
        n,
        n_nonzero: count,
        statistic: r_plus.min(r_minus),
        z,
        p,
        method,
    })
}

/// The Friedman test over k related samples.
#[derive(Clone, Debug, PartialEq)]
pub struct Friedman {
    /// Number of blocks (people measured at every moment).
    pub n: usize,
    /// Number of related samples (moments).
    pub k: usize,
    /// The χ² statistic, corrected for ties.
    pub chi2: f64,
    /// Degrees of freedom, k − 1.
    pub df: usize,
    /// p-value from the χ² distribution.
    pub p: f64,
    /// Kendall's W = χ² / (n (k − 1)), from 0 (no agreement) to 1.
    pub kendall_w: f64,
}

/// The Friedman test, as `scipy.stats.friedmanchisquare(*columns)`: ranks
/// within each block (average ranks for ties), the tie-corrected statistic,
/// and the χ² distribution with k − 1 degrees of freedom. `blocks` holds one
/// row per person, one value per moment. `None` for fewer than three
/// samples, no blocks, ragged rows, or when every block is fully tied.
pub fn friedman(blocks: &[Vec<f64>]) -> Option<Friedman> {
    let n = blocks.len();
    let k = blocks.first()?.len();
    if k < 3 || blocks.iter().any(|b| b.len() != k) {
        return None;
    }
    let mut rank_sums = vec![0.0; k];
    let mut ties = 0.0;
    for block in blocks {
        let (ranks, groups) = average_ranks(block);
        for (sum, r) in rank_sums.iter_mut().zip(ranks) {
            *sum += r;
        }
        ties += groups
            .iter()
            .map(|&t| (t * (t * t - 1)) as f64)
            .sum::<f64>();
    }
    let (nf, kf) = (n as f64, k as f64);
    let c = 1.0 - ties / (kf * (kf * kf - 1.0) * nf);
    if c <= 0.0 {
        return None;
    }
    let ssbn: f64 = rank_sums.iter().map(|r| r * r).sum();
    let chi2 = (12.0 / (kf * nf * (kf + 1.0)) * ssbn - 3.0 * nf * (kf + 1.0)) / c;
    let p = ChiSquared::new(kf - 1.0).ok()?.sf(chi2);
    Some(Friedman {
        n,
        k,
        chi2,
        df: k - 1,
        p,
        kendall_w: chi2 / (nf * (kf - 1.0)),
    })
}

/// Cohen's kappa with quadratic weights for two raters on an ordered scale,
/// as `sklearn.metrics.cohen_kappa_score(a, b, labels=categories,
/// weights="quadratic")`: weights are squared distances between positions in
/// `categories`, so pass the whole scale. Pairs with a code outside
/// `categories` are left out. `None` without pairs or when the expected
/// disagreement is zero (everyone in one category).
pub fn weighted_kappa(pairs: &[(i32, i32)], categories: &[i32]) -> Option<f64> {
    let k = categories.len();
    let position = |code: i32| categories.iter().position(|c| *c == code);
    let mut observed = vec![vec![0.0; k]; k];
    let mut total = 0.0;
    for (a, b) in pairs {
        if let (Some(i), Some(j)) = (position(*a), position(*b)) {
            observed[i][j] += 1.0;
            total += 1.0;
        }
    }
    if total == 0.0 {
        return None;
    }
    let rows: Vec<f64> = observed.iter().map(|r| r.iter().sum()).collect();
    let cols: Vec<f64> = (0..k)
        .map(|j| observed.iter().map(|r| r[j]).sum())
        .collect();
    let (mut disagreement, mut expected) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            let w = ((i as f64) - (j as f64)).powi(2);
            disagreement += w * observed[i][j];
            expected += w * rows[i] * cols[j] / total;
        }
    }
    if expected == 0.0 {
        return None;
    }
    Some(1.0 - disagreement / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_ranks_share_ties() {
        let (ranks, groups) = average_ranks(&[3.0, 1.0, 3.0, 2.0]);
        assert_eq!(ranks, vec![3.5, 1.0, 3.5, 2.0]);
        assert_eq!(groups, vec![1, 1, 2]);
    }

    #[test]
    fn signed_rank_counts_sum_to_all_subsets() {
        let counts = signed_rank_counts(10);
        assert_eq!(counts.iter().sum::<u64>(), 1 << 10);
        assert_eq!(counts.len(), 56);
        // {1..3}: sums 0,1,2,3,3,4,5,6.
        assert_eq!(signed_rank_counts(3), vec![1, 1, 1, 2, 1, 1, 1]);
    }
}
