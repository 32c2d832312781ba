//! The statistics of instrument quality: Cronbach's α with the Feldt
//! interval, item–rest correlations, the intraclass correlation ICC(A,1)
//! with its interval, and the t-based interval of a mean.
//!
//! Each follows one reference exactly, so the numbers can be checked against
//! it (`tests/reference/quality_reference.py` writes the values,
//! `tests/core/research/quality.rs` compares them to 1e-9):
//!
//! | here | reference |
//! |---|---|
//! | [`cronbach_alpha`] | `pingouin.cronbach_alpha` (α); its interval is rounded, so the Feldt bounds come from `scipy.stats.f.isf` as pingouin computes them |
//! | [`item_rest`] | `numpy.corrcoef(item, sum of the other items)` |
//! | [`icc_a1`] | `pingouin.intraclass_corr`, row `ICC(A,1)` (McGraw & Wong's interval, as R's `psych::ICC`) |
//! | [`report_mean_ci`] | `scipy.stats.t.interval(0.95, n − 1, mean, sem)` |
//!
//! Kept apart from `stats.rs` so the two grow without stepping on each
//! other; the F quantile here is shared by α and the ICC.

use statrs::distribution::{ContinuousCDF, FisherSnedecor};
use statrs::function::beta::{beta_reg, inv_beta_reg, ln_beta};

/// Two-sided level of every interval here.
const LEVEL: f64 = 0.95;

/// Cronbach's α of a scale with its 95 % Feldt interval.
#[derive(Clone, Debug, PartialEq)]
pub struct Alpha {
    /// People (rows) the α is over.
    pub n: usize,
    /// Items (columns).
    pub k: usize,
    /// Cronbach's α.
    pub alpha: f64,
    /// Lower bound of the 95 % Feldt interval.
    pub lower: f64,
    /// Upper bound of the 95 % Feldt interval.
    pub upper: f64,
}

/// The intraclass correlation ICC(A,1): two-way model, absolute agreement,
/// one rater, with its 95 % interval.
#[derive(Clone, Debug, PartialEq)]
pub struct Icc {
    /// Targets (people) rated by every rater.
    pub n: usize,
    /// Raters (here: citizen and professional).
    pub k: usize,
    /// ICC(A,1).
    pub icc: f64,
    /// F = MS rows / MS error.
    pub f: f64,
    /// Degrees of freedom of F: n − 1 and (n − 1)(k − 1).
    pub df: (usize, usize),
    /// p-value of F.
    pub p: f64,
    /// Lower bound of the 95 % interval (McGraw & Wong).
    pub lower: Option<f64>,
    /// Upper bound of the 95 % interval.
    pub upper: Option<f64>,
}

/// A mean with its 95 % interval from the t distribution.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportMean {
    /// Number of values.
    pub n: usize,
    /// Their mean.
    pub mean: f64,
    /// Lower bound; `None` for fewer than two values.
    pub lower: Option<f64>,
    /// Upper bound.
    pub upper: Option<f64>,
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// Sample variance (n − 1), around the mean in two passes.
fn variance(values: &[f64]) -> f64 {
    let m = mean(values);
    values.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (values.len() - 1) as f64
}

/// The p-quantile of the F distribution with (d1, d2) degrees of freedom
/// (d2 need not be whole). statrs inverts the regularized incomplete beta
/// function to about 1e-8; a few Newton steps on `beta_reg` take it to the
/// precision of a double, which the 1e-9 comparison with scipy needs.
pub fn f_quantile(p: f64, d1: f64, d2: f64) -> Option<f64> {
    if !(0.0..1.0).contains(&p) || d1 <= 0.0 || d2 <= 0.0 || !d1.is_finite() || !d2.is_finite() {
        return None;
    }
    let (a, b) = (d1 / 2.0, d2 / 2.0);
    let mut z = inv_beta_reg(a, b, p);
    let ln_b = ln_beta(a, b);
    for _ in 0..8 {
        if !(z > 0.0 && z < 1.0) {
            break;
        }
        let density = ((a - 1.0) * z.ln() + (b - 1.0) * (1.0 - z).ln() - ln_b).exp();
        if !(density.is_finite() && density > 0.0) {
            break;
        }
        let step = (beta_reg(a, b, z) - p) / density;
        let next = (z - step).clamp(z / 2.0, (1.0 + z) / 2.0);
        if next == z {
            break;
        }
        z = next;
    }
    let x = d2 * z / (d1 * (1.0 - z));
    x.is_finite().then_some(x)
}

/// Cronbach's α of complete rows (one per person, one value per item), as
/// `pingouin.cronbach_alpha`: α = k/(k − 1) · (1 − Σ item variances /
/// variance of the sum), with the Feldt interval
/// 1 − (1 − α) · F⁻¹(0.975 resp. 0.025; n − 1, (n − 1)(k − 1)).
/// `None` for fewer than two rows or items, ragged rows, or a sum without
/// variance.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Option<Alpha> {
    let n = rows.len();
    let k = rows.first()?.len();
    if n < 2 || k < 2 || rows.iter().any(|r| r.len() != k) {
        return None;
    }
    let item_variances: f64 = (0..k)
        .map(|j| variance(&rows.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .sum();
    let sums: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let total = variance(&sums);
    if total <= 0.0 {
        return None;
    }
    let (nf, kf) = (n as f64, k as f64);
    let alpha = kf / (kf - 1.0) * (1.0 - item_variances / total);
    let (df1, df2) = (nf - 1.0, (nf - 1.0) * (kf - 1.0));
    let tail = (1.0 - LEVEL) / 2.0;
    let lower = 1.0 - (1.0 - alpha) * f_quantile(1.0 - tail, df1, df2)?;
    let upper = 1.0 - (1.0 - alpha) * f_quantile(tail, df1, df2)?;
    Some(Alpha {
        n,
        k,
        alpha,
        lower,
        upper,
    })
}

/// Pearson's correlation of `x` and `y`; `None` when either has no
/// variance or there are fewer than two values.
fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// The correlation of item `j` with the sum of the other items over
/// complete rows (the corrected item–total correlation, psych's `r.drop`).
pub fn item_rest(rows: &[Vec<f64>], j: usize) -> Option<f64> {
    if rows.iter().any(|r| r.len() <= j) {
        return None;
    }
    let item: Vec<f64> = rows.iter().map(|r| r[j]).collect();
    let rest: Vec<f64> = rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .filter(|(i, _)| *i != j)
                .map(|(_, v)| v)
                .sum()
        })
        .collect();
    pearson(&item, &rest)
}

/// α of the rows without item `j`.
pub fn alpha_if_dropped(rows: &[Vec<f64>], j: usize) -> Option<Alpha> {
    let without: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .filter(|(i, _)| *i != j)
                .map(|(_, v)| *v)
                .collect()
        })
        .collect();
    cronbach_alpha(&without)
}

/// ICC(A,1) of complete rows (one per target, one value per rater), as
/// `pingouin.intraclass_corr` computes it from the two-way ANOVA:
/// (MSR − MSE) / (MSR + (k − 1) MSE + k (MSC − MSE) / n), with McGraw and
/// Wong's interval (its degrees of freedom need not be whole). `None` for
/// fewer than two targets or raters, ragged rows, or no variance at all.
pub fn icc_a1(rows: &[Vec<f64>]) -> Option<Icc> {
    let n = rows.len();
    let k = rows.first()?.len();
    if n < 2 || k < 2 || rows.iter().any(|r| r.len() != k) {
        return None;
    }
    let (nf, kf) = (n as f64, k as f64);
    let all: Vec<f64> = rows.iter().flatten().copied().collect();
    let grand = mean(&all);
    let ss_total: f64 = all.iter().map(|v| (v - grand) * (v - grand)).sum();
    let ss_rows: f64 = rows.iter().map(|r| (mean(r) - grand).powi(2)).sum::<f64>() * kf;
    let ss_cols: f64 = (0..k)
        .map(|j| (mean(&rows.iter().map(|r| r[j]).collect::<Vec<_>>()) - grand).powi(2))
        .sum::<f64>()
        * nf;
    let ss_error = (ss_total - ss_rows - ss_cols).max(0.0);
    let (df_rows, df_cols, df_error) = (nf - 1.0, kf - 1.0, (nf - 1.0) * (kf - 1.0));
    let (msr, msc, mse) = (ss_rows / df_rows, ss_cols / df_cols, ss_error / df_error);
    let denominator = msr + (kf - 1.0) * mse + kf * (msc - mse) / nf;
    if denominator <= 0.0 || mse <= 0.0 {
        return None;
    }
    let icc = (msr - mse) / denominator;
    let f = msr / mse;
    let p = FisherSnedecor::new(df_rows, df_error).ok()?.sf(f);
    // McGraw & Wong (1996), case 2A, in pingouin's (and psych's) form.
    let fj = msc / mse;
    let a = nf * (1.0 + (kf - 1.0) * icc) - kf * icc;
    let vn = df_error * (kf * icc * fj + a).powi(2);
    let vd = df_rows * kf * kf * icc * icc * fj * fj + a * a;
    let v = vn / vd;
    let upper_q = 1.0 - (1.0 - LEVEL) / 2.0;
    let f_u = f_quantile(upper_q, df_rows, v);
    let f_l = f_quantile(upper_q, v, df_rows);
    let spread = kf * msc + (kf * nf - kf - nf) * mse;
    let lower = f_u
        .map(|fu| nf * (msr - fu * mse) / (fu * spread + nf * msr))
        .filter(|v| v.is_finite());
    let upper = f_l
        .map(|fl| nf * (fl * msr - mse) / (spread + nf * fl * msr))
        .filter(|v| v.is_finite());
    icc.is_finite().then_some(Icc {
        n,
        k,
        icc,
        f,
        df: (n - 1, (n - 1) * (k - 1)),
        p,
        lower,
        upper,
    })
}

/// The mean of `values` with its 95 % t interval, as
/// `scipy.stats.t.interval(0.95, n − 1, loc=mean, scale=sd/√n)`. `None`
/// without values; no interval for one value or no spread.
pub fn report_mean_ci(values: &[f64]) -> Option<ReportMean> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let m = mean(values);
    let bounds = (n >= 2)
        .then(|| {
            let se = (variance(values) / n as f64).sqrt();
            // t(0.975; ν)² = F(0.95; 1, ν): the polished F quantile
            // serves here too.
            let t = f_quantile(LEVEL, 1.0, (n - 1) as f64)?.sqrt();
            (se > 0.0).then_some((m - t * se, m + t * se))
        })
        .flatten();
    Some(ReportMean {
        n,
        mean: m,
        lower: bounds.map(|b| b.0),
        upper: bounds.map(|b| b.1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f_quantile_inverts_the_f_distribution() {
        for (d1, d2) in [(1.0, 1.0), (9.0, 72.0), (40.0, 3.7), (119.0, 1071.0)] {
            let dist = FisherSnedecor::new(d1, d2).unwrap();
            for p in [0.025, 0.5, 0.975] {
                let x = f_quantile(p, d1, d2).unwrap();
                assert!((dist.cdf(x) - p).abs() < 1e-13, "{d1} {d2} {p}");
            }
        }
    }
}
