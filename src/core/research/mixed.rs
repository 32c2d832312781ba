//! The linear mixed model of the study: a score by moment (and, when a
//! condition is chosen, by condition and condition × moment), with a random
//! intercept per person, fitted by REML, with Satterthwaite degrees of
//! freedom for every fixed effect. It uses every person with at least one
//! measurement, where the paired tests drop anyone who missed a moment.
//!
//! The reference is R: `lmerTest::lmer(score ~ moment * condition +
//! (1 | person), REML = TRUE)` with lme4's optimiser tolerances tightened
//! (`tests/reference/mixed_reference.R`). Moment and condition are treatment
//! contrasts against T0 and the first group, and the coefficients come in
//! R's order and carry R's names (`(Intercept)`, `momentT1`, `condB`,
//! `momentT1:condB`, …).
//!
//! Why it stays fast for 10 000 people: with a random intercept only, a
//! person's covariance is σe²·I + σu²·J, whose inverse is closed-form
//! (σe⁻²·(I − c·J), c = σu² / (σe² + n·σu²)). Everything the likelihood needs
//! is then a sum over people of a few per-person totals, and people with
//! the same design rows (same moments, same group) share them, so one
//! evaluation costs a few dozen small p × p updates whatever the number of
//! people. The variance ratio is one number, found by bisection on the
//! exact derivative of the profiled REML criterion.
//!
//! Satterthwaite's degrees of freedom follow lmerTest: the variance
//! parameters are (θ = σu/σe, σe); their covariance is twice the inverse
//! Hessian of the REML criterion, and the gradient of each coefficient's
//! variance with respect to them is taken numerically (central differences
//! with Richardson extrapolation, as numDeriv).

use std::collections::BTreeMap;

use super::compare::{above, t_p, t_quantile};
use crate::core::instrument::Moment;

/// A fixed effect of the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term {
    /// The mean at T0 (of the first group).
    Intercept,
    /// The difference of a later moment from T0 (in the first group).
    Moment(Moment),
    /// A group's difference from the first group at T0 (its index in the
    /// levels).
    Level(usize),
    /// How much more a group changed from T0 to a moment than the first
    /// group did.
    Interaction(Moment, usize),
}

/// One fixed effect with its test.
#[derive(Clone, Debug, PartialEq)]
pub struct Coefficient {
    /// Which effect.
    pub term: Term,
    /// R's name of it (`momentT1:condB`).
    pub name: String,
    /// The estimate.
    pub estimate: f64,
    /// Its standard error.
    pub se: f64,
    /// Satterthwaite degrees of freedom; `None` when the variance
    /// parameters' curvature cannot be found.
    pub df: Option<f64>,
    /// estimate / se.
    pub t: f64,
    /// Two-sided p-value with `df` degrees of freedom.
    pub p: Option<f64>,
    /// Lower end of the 95 % interval (t with `df`).
    pub low: Option<f64>,
    /// Upper end.
    pub high: Option<f64>,
}

/// A fitted model.
#[derive(Clone, Debug, PartialEq)]
pub struct MixedFit {
    /// The fixed effects, in R's order.
    pub coefficients: Vec<Coefficient>,
    /// Variance of the person intercepts (σu²).
    pub var_person: f64,
    /// Residual variance (σe²).
    pub var_residual: f64,
    /// People in the model.
    pub n_people: usize,
    /// Measurements in the model.
    pub n_obs: usize,
    /// The REML criterion (−2 × restricted log-likelihood), as lme4's
    /// `REMLcrit`.
    pub reml_criterion: f64,
    /// The person variance is estimated at zero (lme4's "singular fit").
    pub singular: bool,
}

impl MixedFit {
    /// The coefficient of `term`.
    pub fn coefficient(&self, term: Term) -> Option<&Coefficient> {
        self.coefficients.iter().find(|c| c.term == term)
    }

    /// Share of the variance that lies between people (the intraclass
    /// correlation of the model).
    pub fn icc(&self) -> f64 {
        self.var_person / (self.var_person + self.var_residual)
    }
}

/// Why a model has no numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MixedProblem {
    /// Fewer measurements than the model has parameters, or nobody.
    TooFew,
    /// Some effect cannot be estimated: a group without a measurement at a
    /// moment, or a moment nobody reached.
    RankDeficient,
    /// Nobody was measured twice, so person and residual variance cannot be
    /// told apart.
    NotIdentifiable,
    /// The variance ratio runs off to infinity: no residual variance left.
    NoConvergence,
    /// Fewer than two groups of the condition have people.
    OneGroup,
}

impl MixedProblem {
    /// Catalogue key of the plain reason shown in the empty cell.
    pub fn reason_key(self) -> &'static str {
        match self {
            MixedProblem::TooFew => "research.model.too_few",
            MixedProblem::RankDeficient => "research.model.rank_deficient",
            MixedProblem::NotIdentifiable => "research.model.not_identifiable",
            MixedProblem::NoConvergence => "research.model.no_convergence",
            MixedProblem::OneGroup => "research.model.one_group",
        }
    }
}

/// People with the same design rows: their shared design and summed data.
#[derive(Clone, Debug)]
struct Group {
    /// How many people.
    m: f64,
    /// Measurements per person.
    n: f64,
    /// Column sums of the person's design (X'1).
    s: Vec<f64>,
    /// X'X of one person.
    xtx: Vec<f64>,
    /// Σ X'y.
    sxy: Vec<f64>,
    /// Σ 1'y.
    st: f64,
    /// Σ (1'y)².
    stt: f64,
    /// Σ y'y.
    syy: f64,
}

/// The data of a model, reduced to the groups.
struct Model {
    p: usize,
    n_obs: usize,
    groups: Vec<Group>,
}

/// Cholesky factor (lower, row-major) of a p × p symmetric matrix, or
/// `None` when it is not positive definite to working precision.
fn cholesky(a: &[f64], p: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; p * p];
    for i in 0..p {
        for j in 0..=i {
            let mut sum = a[i * p + j];
            for k in 0..j {
                sum -= l[i * p + k] * l[j * p + k];
            }
            if i == j {
                // Relative to the original diagonal: a pivot this small
                // means the columns are (nearly) dependent.
                if !above(sum, 1e-10 * a[i * p + i].abs().max(f64::MIN_POSITIVE)) {
                    return None;
                }
                l[i * p + i] = sum.sqrt();
            } else {
                l[i * p + j] = sum / l[j * p + j];
            }
        }
    }
    Some(l)
}

fn log_det(l: &[f64], p: usize) -> f64 {
    (0..p).map(|i| 2.0 * l[i * p + i].ln()).sum()
}

fn solve(l: &[f64], p: usize, b: &[f64]) -> Vec<f64> {
    let mut y = b.to_vec();
    for i in 0..p {
        for k in 0..i {
            y[i] -= l[i * p + k] * y[k];
        }
        y[i] /= l[i * p + i];
    }
    for i in (0..p).rev() {
        for k in i + 1..p {
            y[i] -= l[k * p + i] * y[k];
        }
        y[i] /= l[i * p + i];
    }
    y
}

fn inverse(l: &[f64], p: usize) -> Vec<f64> {
    let mut inv = vec![0.0; p * p];
    for j in 0..p {
        let mut e = vec![0.0; p];
        e[j] = 1.0;
        for (i, v) in solve(l, p, &e).into_iter().enumerate() {
            inv[i * p + j] = v;
        }
    }
    inv
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The profiled criterion at variance ratio γ = σu²/σe², with σe² = 1:
/// what the bisection and the final estimates need.
struct Profile {
    /// Σ log(1 + nγ) + log|A| + (N − p) log q (the REML criterion up to a
    /// constant, σe² profiled out).
    criterion: f64,
    /// Its derivative in γ.
    slope: f64,
    beta: Vec<f64>,
    /// A⁻¹ = (X'H⁻¹X)⁻¹.
    a_inv: Vec<f64>,
    /// The weighted residual sum of squares r'H⁻¹r.
    q: f64,
}

impl Model {
    /// Builds the groups from each person's design rows and scores.
    fn new(people: &[Vec<(Vec<f64>, f64)>], p: usize) -> Model {
        let mut by_design: BTreeMap<Vec<u64>, Group> = BTreeMap::new();
        let mut n_obs = 0;
        for rows in people.iter().filter(|r| !r.is_empty()) {
            n_obs += rows.len();
            let key: Vec<u64> = rows
                .iter()
                .flat_map(|(x, _)| x.iter().map(|v| v.to_bits()))
                .collect();
            let group = by_design.entry(key).or_insert_with(|| {
                let mut s = vec![0.0; p];
                let mut xtx = vec![0.0; p * p];
                for (x, _) in rows {
                    for i in 0..p {
                        s[i] += x[i];
                        for j in 0..p {
                            xtx[i * p + j] += x[i] * x[j];
                        }
                    }
                }
                Group {
                    m: 0.0,
                    n: rows.len() as f64,
                    s,
                    xtx,
                    sxy: vec![0.0; p],
                    st: 0.0,
                    stt: 0.0,
                    syy: 0.0,
                }
            });
            group.m += 1.0;
            let mut total = 0.0;
            for (x, y) in rows {
                total += y;
                group.syy += y * y;
                for (sum, xi) in group.sxy.iter_mut().zip(x) {
                    *sum += xi * y;
                }
            }
            group.st += total;
            group.stt += total * total;
        }
        Model {
            p,
            n_obs,
            groups: by_design.into_values().collect(),
        }
    }

    fn n_people(&self) -> usize {
        self.groups.iter().map(|g| g.m as usize).sum()
    }

    /// A = Σ m (X'X − c s s') and b = Σ (X'y − c s T) with c from `c_of(n)`.
    fn normal_equations(&self, c_of: impl Fn(f64) -> f64) -> (Vec<f64>, Vec<f64>, f64) {
        let p = self.p;
        let mut a = vec![0.0; p * p];
        let mut b = vec![0.0; p];
        let mut yy = 0.0;
        for g in &self.groups {
            let c = c_of(g.n);
            for i in 0..p {
                b[i] += g.sxy[i] - c * g.s[i] * g.st;
                for j in 0..p {
                    a[i * p + j] += g.m * (g.xtx[i * p + j] - c * g.s[i] * g.s[j]);
                }
            }
            yy += g.syy - c * g.stt;
        }
        (a, b, yy)
    }

    fn profile(&self, gamma: f64) -> Option<Profile> {
        let p = self.p;
        let (a, b, yy) = self.normal_equations(|n| gamma / (1.0 + n * gamma));
        let l = cholesky(&a, p)?;
        let beta = solve(&l, p, &b);
        let q = yy - dot(&b, &beta);
        if !above(q, 0.0) {
            return None;
        }
        let a_inv = inverse(&l, p);
        let dof = (self.n_obs - p) as f64;
        let mut log_h = 0.0;
        let mut slope = 0.0;
        let mut dq = 0.0;
        for g in &self.groups {
            let w = 1.0 + g.n * gamma;
            log_h += g.m * w.ln();
            let dc = 1.0 / (w * w);
            // d log|H| / dγ, and d log|A| / dγ = −tr(A⁻¹ Σ m c' s s').
            let mut sas = 0.0;
            for i in 0..p {
                for j in 0..p {
                    sas += g.s[i] * a_inv[i * p + j] * g.s[j];
                }
            }
            slope += g.m * g.n / w - g.m * dc * sas;
            // Σ over the group of (1'r)², with 1'r = T − s'β.
            let fitted = dot(&g.s, &beta);
            let rr = g.stt - 2.0 * fitted * g.st + g.m * fitted * fitted;
            dq -= dc * rr;
        }
        slope += dof * dq / q;
        Some(Profile {
            criterion: log_h + log_det(&l, p) + dof * q.ln(),
            slope,
            beta,
            a_inv,
            q,
        })
    }

    /// The REML criterion at θ = σu/σe and σ = σe, with the covariance of
    /// the fixed effects there (lmerTest's `devfun_vp` and `get_covbeta`).
    fn at(&self, theta: f64, sigma: f64) -> Option<(f64, Vec<f64>)> {
        let p = self.p;
        let se2 = sigma * sigma;
        let su2 = theta * theta * se2;
        let (a, b, yy) = self.normal_equations(|n| su2 / (se2 + n * su2));
        // The normal equations above are σe² times the real ones.
        let a: Vec<f64> = a.iter().map(|v| v / se2).collect();
        let b: Vec<f64> = b.iter().map(|v| v / se2).collect();
        let yy = yy / se2;
        let l = cholesky(&a, p)?;
        let beta = solve(&l, p, &b);
        let rss = yy - dot(&b, &beta);
        let log_v: f64 = self
            .groups
            .iter()
            .map(|g| g.m * ((g.n - 1.0) * se2.ln() + (se2 + g.n * su2).ln()))
            .sum();
        let dof = (self.n_obs - p) as f64;
        let criterion = log_v + log_det(&l, p) + rss + dof * (2.0 * std::f64::consts::PI).ln();
        Some((criterion, inverse(&l, p)))
    }
}

/// The ratio γ = σu²/σe² that minimises the profiled criterion: a coarse
/// search over a log grid, then bisection on the exact derivative to the
/// last bit. `Err` when the minimum runs off the grid's top.
fn optimise(model: &Model) -> Result<(f64, Profile), MixedProblem> {
    let at_zero = model.profile(0.0).ok_or(MixedProblem::RankDeficient)?;
    let grid: Vec<f64> = (0..=70)
        .map(|k| 10f64.powf(-6.0 + k as f64 / 7.0))
        .collect();
    let mut best = (0.0, at_zero.criterion);
    let mut best_index = None;
    for (k, &g) in grid.iter().enumerate() {
        if let Some(prof) = model.profile(g) {
            if prof.criterion < best.1 {
                best = (g, prof.criterion);
                best_index = Some(k);
            }
        }
    }
    let Some(k) = best_index else {
        // The criterion rises from γ = 0: a person variance of zero, unless
        // the slope there says otherwise (then the minimum is below 1e-6).
        if at_zero.slope >= 0.0 {
            return Ok((0.0, at_zero));
        }
        return bisect(model, 0.0, grid[0]);
    };
    if k == grid.len() - 1 {
        return Err(MixedProblem::NoConvergence);
    }
    let low = if k == 0 { 0.0 } else { grid[k - 1] };
    bisect(model, low, grid[k + 1])
}

/// Bisection for the zero of the criterion's slope in [low, high].
fn bisect(model: &Model, mut low: f64, mut high: f64) -> Result<(f64, Profile), MixedProblem> {
    let slope = |g: f64| model.profile(g).map(|p| p.slope);
    if slope(low).is_some_and(|s| s >= 0.0) {
        let prof = model.profile(low).ok_or(MixedProblem::NoConvergence)?;
        return Ok((low, prof));
    }
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if mid <= low || mid >= high {
            break;
        }
        match slope(mid) {
            Some(s) if s < 0.0 => low = mid,
            Some(_) => high = mid,
            None => return Err(MixedProblem::NoConvergence),
        }
    }
    let gamma = 0.5 * (low + high);
    let prof = model.profile(gamma).ok_or(MixedProblem::NoConvergence)?;
    Ok((gamma, prof))
}

/// Richardson-extrapolated central differences: `d(h)` is a difference
/// quotient with step h; four halvings, error of order h² removed each time.
fn richardson(d: impl Fn(f64) -> Option<f64>, h: f64) -> Option<f64> {
    const LEVELS: usize = 4;
    let mut table: Vec<f64> = (0..LEVELS)
        .map(|k| d(h / 2f64.powi(k as i32)))
        .collect::<Option<_>>()?;
    for m in 1..LEVELS {
        let factor = 4f64.powi(m as i32);
        for k in 0..LEVELS - m {
            table[k] = (factor * table[k + 1] - table[k]) / (factor - 1.0);
        }
    }
    Some(table[0])
}

/// numDeriv's step: a tenth… here a hundredth of the value, or 1e-4 at zero.
fn step(x: f64) -> f64 {
    if x.abs() < 1e-5 {
        1e-4
    } else {
        0.01 * x.abs()
    }
}

/// Satterthwaite degrees of freedom for every coefficient.
fn satterthwaite(model: &Model, theta: f64, sigma: f64) -> Option<Vec<Option<f64>>> {
    let x = [theta, sigma];
    let h = [step(theta), step(sigma)];
    let f = |t: f64, s: f64| model.at(t, s).map(|(c, _)| c);
    let f0 = f(theta, sigma)?;
    let mut hess = [[0.0; 2]; 2];
    for i in 0..2 {
        let shift = |v: f64, k: usize| {
            let mut y = x;
            y[i] += v * if k == i { 1.0 } else { 0.0 };
            y
        };
        hess[i][i] = richardson(
            |h| {
                let up = shift(h, i);
                let down = shift(-h, i);
                Some((f(up[0], up[1])? - 2.0 * f0 + f(down[0], down[1])?) / (h * h))
            },
            h[i],
        )?;
    }
    hess[0][1] = richardson(
        |t| {
            let (a, b) = (t, t * h[1] / h[0]);
            let pp = f(theta + a, sigma + b)?;
            let pm = f(theta + a, sigma - b)?;
            let mp = f(theta - a, sigma + b)?;
            let mm = f(theta - a, sigma - b)?;
            Some((pp - pm - mp + mm) / (4.0 * a * b))
        },
        h[0],
    )?;
    hess[1][0] = hess[0][1];
    // Covariance of (θ, σ): twice the inverse Hessian (lmerTest drops
    // non-positive eigenvalues; a 2 × 2 that is not positive definite gives
    // no degrees of freedom here).
    let det = hess[0][0] * hess[1][1] - hess[0][1] * hess[1][0];
    if !(above(det, 0.0) && above(hess[0][0], 0.0)) {
        return None;
    }
    let cov = [
        [2.0 * hess[1][1] / det, -2.0 * hess[0][1] / det],
        [-2.0 * hess[1][0] / det, 2.0 * hess[0][0] / det],
    ];
    let p = model.p;
    let (_, c0) = model.at(theta, sigma)?;
    let var = |t: f64, s: f64, j: usize| model.at(t, s).map(|(_, c)| c[j * p + j]);
    (0..p)
        .map(|j| {
            let g = [
                richardson(
                    |d| Some((var(theta + d, sigma, j)? - var(theta - d, sigma, j)?) / (2.0 * d)),
                    h[0],
                )?,
                richardson(
                    |d| Some((var(theta, sigma + d, j)? - var(theta, sigma - d, j)?) / (2.0 * d)),
                    h[1],
                )?,
            ];
            let v = g[0] * (cov[0][0] * g[0] + cov[0][1] * g[1])
                + g[1] * (cov[1][0] * g[0] + cov[1][1] * g[1]);
            let cjj = c0[j * p + j];
            let df = 2.0 * cjj * cjj / v;
            Some((df.is_finite() && df > 0.0).then_some(df))
        })
        .collect()
}

/// Fits the model to each person's design rows and scores.
fn fit(
    people: &[Vec<(Vec<f64>, f64)>],
    terms: &[(Term, String)],
) -> Result<MixedFit, MixedProblem> {
    let p = terms.len();
    let model = Model::new(people, p);
    if model.n_obs <= p + 1 || model.n_people() == 0 {
        return Err(MixedProblem::TooFew);
    }
    if model.groups.iter().all(|g| g.n < 2.0) {
        return Err(MixedProblem::NotIdentifiable);
    }
    let (gamma, prof) = optimise(&model)?;
    let dof = (model.n_obs - p) as f64;
    let var_residual = prof.q / dof;
    let sigma = var_residual.sqrt();
    let theta = gamma.sqrt();
    let reml_criterion = model
        .at(theta, sigma)
        .map(|(c, _)| c)
        .ok_or(MixedProblem::NoConvergence)?;
    let dfs = satterthwaite(&model, theta, sigma);
    let coefficients = terms
        .iter()
        .enumerate()
        .map(|(j, (term, name))| {
            let estimate = prof.beta[j];
            let se = (var_residual * prof.a_inv[j * p + j]).sqrt();
            let t = estimate / se;
            let df = dfs.as_ref().and_then(|d| d.get(j).copied().flatten());
            let half = df.and_then(t_quantile).map(|q| q * se);
            Coefficient {
                term: *term,
                name: name.clone(),
                estimate,
                se,
                df,
                t,
                p: df.and_then(|d| t_p(t, d)),
                low: half.map(|h| estimate - h),
                high: half.map(|h| estimate + h),
            }
        })
        .collect();
    Ok(MixedFit {
        coefficients,
        var_person: gamma * var_residual,
        var_residual,
        n_people: model.n_people(),
        n_obs: model.n_obs,
        reml_criterion,
        singular: gamma == 0.0,
    })
}

const LATER: [Moment; 2] = [Moment::T1, Moment::T2];

/// score ~ moment + (1 | person): `people` holds each person's score per
/// moment (T0, T1, T2); people without any score are left out.
pub fn fit_by_moment(people: &[[Option<f64>; 3]]) -> Result<MixedFit, MixedProblem> {
    let terms = vec![
        (Term::Intercept, "(Intercept)".to_string()),
        (Term::Moment(Moment::T1), "momentT1".to_string()),
        (Term::Moment(Moment::T2), "momentT2".to_string()),
    ];
    let rows: Vec<Vec<(Vec<f64>, f64)>> = people
        .iter()
        .map(|scores| {
            scores
                .iter()
                .enumerate()
                .filter_map(|(m, v)| {
                    let v = (*v)?;
                    Some((vec![1.0, f64::from(m == 1), f64::from(m == 2)], v))
                })
                .collect()
        })
        .collect();
    fit(&rows, &terms)
}

/// score ~ moment * cond + (1 | person): each person's scores and the index
/// of their group in `levels` (the first level is the reference). Levels
/// without anyone are dropped, as R drops unused factor levels.
pub fn fit_with_condition(
    people: &[([Option<f64>; 3], usize)],
    levels: &[String],
) -> Result<MixedFit, MixedProblem> {
    let used: Vec<usize> = (0..levels.len())
        .filter(|l| {
            people
                .iter()
                .any(|(s, g)| g == l && s.iter().any(Option::is_some))
        })
        .collect();
    if used.len() < 2 {
        return Err(MixedProblem::OneGroup);
    }
    let others = &used[1..];
    let mut terms = vec![
        (Term::Intercept, "(Intercept)".to_string()),
        (Term::Moment(Moment::T1), "momentT1".to_string()),
        (Term::Moment(Moment::T2), "momentT2".to_string()),
    ];
    for &l in others {
        terms.push((Term::Level(l), format!("cond{}", levels[l])));
    }
    for &l in others {
        for m in LATER {
            terms.push((
                Term::Interaction(m, l),
                format!("moment{}:cond{}", m.code(), levels[l]),
            ));
        }
    }
    let rows: Vec<Vec<(Vec<f64>, f64)>> = people
        .iter()
        .filter(|(_, g)| used.contains(g))
        .map(|(scores, g)| {
            scores
                .iter()
                .enumerate()
                .filter_map(|(m, v)| {
                    let v = (*v)?;
                    let mut x = vec![1.0, f64::from(m == 1), f64::from(m == 2)];
                    for &l in others {
                        x.push(f64::from(*g == l));
                    }
                    for &l in others {
                        x.push(f64::from(*g == l && m == 1));
                        x.push(f64::from(*g == l && m == 2));
                    }
                    Some((x, v))
                })
                .collect()
        })
        .collect();
    fit(&rows, &terms)
}
