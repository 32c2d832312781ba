//! The analysis the study asks for, from the imported records:
//!
//! - per role, for every measure (the dimensions, each burden domain,
//!   draagkracht, draaglast and balans): n and mean per moment; the change
//!   T0→T1, T1→T2 and T0→T2 (paired t-test with Cohen's d_z, Wilcoxon
//!   signed-rank test) over the people measured at both moments; the Friedman
//!   test with Kendall's W over the people measured at all three; the 95 %
//!   interval of each mean change, and Holm-adjusted p-values with one
//!   role's change table as the family;
//! - per burden domain and moment: agreement between the citizen's and the
//!   professional's picture of the same person (quadratic-weighted Cohen's
//!   kappa on the 5-point "how is it going", and the mean difference in
//!   burden score, citizen − professional).
//!
//! A person is a respondent code with a household member (or none); the
//! numbers come from [`super::stats`].

use std::collections::BTreeMap;

use super::compare::{holm, mean_ci, MeanCi};
use super::dataset::Measure;
use super::import::ResearchData;
use super::stats::{
    friedman, mean, paired_t, weighted_kappa, wilcoxon, Friedman, PairedT, Wilcoxon,
};
use crate::core::instrument::{item_by_id, Domain, Moment, Role};
use crate::core::instrument::{score, Scores};
use crate::core::instrument::{Answer, Answers};

/// The three comparisons of two moments, in table order.
pub const COMPARISONS: [(Moment, Moment); 3] = [
    (Moment::T0, Moment::T1),
    (Moment::T1, Moment::T2),
    (Moment::T0, Moment::T2),
];

/// File name of the change table.
pub const CHANGE_CSV_NAME: &str = "balans_change.csv";
/// File name of the moments table (n, means, Friedman).
pub const MOMENTS_CSV_NAME: &str = "balans_moments.csv";
/// File name of the agreement table.
pub const AGREEMENT_CSV_NAME: &str = "balans_agreement.csv";

/// The change between two moments for one measure and role.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The earlier moment.
    pub from: Moment,
    /// The later moment.
    pub to: Moment,
    /// People with a score at both moments.
    pub n: usize,
    /// Their mean at the earlier moment.
    pub mean_from: Option<f64>,
    /// Their mean at the later moment.
    pub mean_to: Option<f64>,
    /// The paired t-test of later − earlier.
    pub t: Option<PairedT>,
    /// The Wilcoxon signed-rank test of later − earlier.
    pub wilcoxon: Option<Wilcoxon>,
    /// The mean change with its 95 % interval (`None` below two people).
    pub ci: Option<MeanCi>,
    /// The t-test's p-value, Holm-adjusted over the role's change table.
    pub p_t_holm: Option<f64>,
    /// The Wilcoxon p-value, Holm-adjusted over the role's change table.
    pub p_wilcoxon_holm: Option<f64>,
}

/// Everything about one measure for one role.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureRow {
    /// Whose forms.
    pub role: Role,
    /// Which score.
    pub measure: Measure,
    /// Number of scores per moment.
    pub n: [usize; 3],
    /// Mean score per moment (all scores at that moment).
    pub mean: [Option<f64>; 3],
    /// T0→T1, T1→T2, T0→T2.
    pub changes: Vec<Change>,
    /// People with a score at all three moments.
    pub friedman_n: usize,
    /// The Friedman test over them.
    pub friedman: Option<Friedman>,
}

/// Citizen–professional agreement in one domain at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// The life domain.
    pub domain: Domain,
    /// The moment.
    pub moment: Moment,
    /// People for whom both gave a "how is it going" answer on the scale.
    pub n: usize,
    /// Quadratic-weighted Cohen's kappa over the five levels.
    pub kappa: Option<f64>,
    /// Mean of citizen − professional burden score (0–100): positive means
    /// the citizen sees more burden than the professional does.
    pub mean_diff: Option<f64>,
}

/// The whole analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// Per role (citizen first), per measure in [`Measure::ALL`] order.
    pub measures: Vec<MeasureRow>,
    /// Per domain, per moment.
    pub agreement: Vec<Agreement>,
}

type Person = (String, Option<String>);

/// One form's scores and answers.
type Form<'a> = (Scores, &'a Answers);

/// The scores and answers of every record, by role (professional or not),
/// person and moment.
struct Scored<'a> {
    by_role: BTreeMap<(bool, Person), [Option<Form<'a>>; 3]>,
}

impl<'a> Scored<'a> {
    fn new(data: &'a ResearchData) -> Self {
        let mut by_role: BTreeMap<_, [Option<_>; 3]> = BTreeMap::new();
        for record in &data.records {
            let e = &record.envelope;
            let person = (e.respondent.to_string(), e.member.clone());
            let slot = by_role
                .entry((e.role == Role::Professional, person))
                .or_insert_with(|| [None, None, None]);
            slot[e.moment.index()] = Some((score(&e.answers), &e.answers));
        }
        Scored { by_role }
    }

    /// Per person of `role`: the measure at each moment.
    fn series(&self, role: Role, measure: Measure) -> Vec<[Option<f64>; 3]> {
        self.by_role
            .iter()
            .filter(|((pro, _), _)| *pro == (role == Role::Professional))
            .map(|(_, moments)| {
                let mut out = [None; 3];
                for (slot, m) in out.iter_mut().zip(moments) {
                    *slot = m.as_ref().and_then(|(s, _)| measure.of(s));
                }
                out
            })
            .collect()
    }
}

fn measure_row(scored: &Scored, role: Role, measure: Measure) -> MeasureRow {
    let series = scored.series(role, measure);
    let mut n = [0; 3];
    let mut means = [None; 3];
    for m in 0..3 {
        let values: Vec<f64> = series.iter().filter_map(|s| s[m]).collect();
        n[m] = values.len();
        means[m] = (!values.is_empty()).then(|| mean(&values));
    }
    let changes = COMPARISONS
        .iter()
        .map(|&(from, to)| {
            let (before, after): (Vec<f64>, Vec<f64>) = series
                .iter()
                .filter_map(|s| Some((s[from.index()]?, s[to.index()]?)))
                .unzip();
            Change {
                from,
                to,
                n: before.len(),
                mean_from: (!before.is_empty()).then(|| mean(&before)),
                mean_to: (!after.is_empty()).then(|| mean(&after)),
                t: paired_t(&before, &after),
                wilcoxon: wilcoxon(&before, &after),
                ci: mean_ci(
                    &before
                        .iter()
                        .zip(&after)
                        .map(|(b, a)| a - b)
                        .collect::<Vec<_>>(),
                ),
                // Filled in by `adjust` once the role's whole table is known.
                p_t_holm: None,
                p_wilcoxon_holm: None,
            }
        })
        .collect();
    let blocks: Vec<Vec<f64>> = series
        .iter()
        .filter_map(|s| Some(vec![s[0]?, s[1]?, s[2]?]))
        .collect();
    MeasureRow {
        role,
        measure,
        n,
        mean: means,
        changes,
        friedman_n: blocks.len(),
        friedman: friedman(&blocks),
    }
}

fn agreement(scored: &Scored, domain: Domain, moment: Moment) -> Agreement {
    let status_id = format!("dom.{}.status", domain.code());
    let scale = item_by_id(&status_id)
        .and_then(|i| i.scale())
        .expect("every domain has a status item on a scale");
    let categories: Vec<i32> = scale.options.iter().map(|o| o.0).collect();
    let measure = Measure::Domain(domain);
    let mut pairs = Vec::new();
    let mut diffs = Vec::new();
    for ((pro, person), moments) in &scored.by_role {
        if *pro {
            continue;
        }
        let professional = scored
            .by_role
            .get(&(true, person.clone()))
            .and_then(|m| m[moment.index()].as_ref());
        let citizen = moments[moment.index()].as_ref();
        let (Some((c_scores, c_answers)), Some((p_scores, p_answers))) = (citizen, professional)
        else {
            continue;
        };
        let code = |answers: &Answers| match answers.get(status_id.as_str()) {
            Some(Answer::Value(v)) if categories.contains(v) => Some(*v),
            _ => None,
        };
        if let (Some(c), Some(p)) = (code(c_answers), code(p_answers)) {
            pairs.push((c, p));
        }
        if let (Some(c), Some(p)) = (measure.of(c_scores), measure.of(p_scores)) {
            diffs.push(c - p);
        }
    }
    Agreement {
        domain,
        moment,
        n: pairs.len(),
        kappa: weighted_kappa(&pairs, &categories),
        mean_diff: (!diffs.is_empty()).then(|| mean(&diffs)),
    }
}

/// Holm's adjustment within each role's change table: the family is the
/// table as shown and downloaded (every measure and comparison of one
/// role), separately for the t-test and the Wilcoxon test.
fn adjust(measures: &mut [MeasureRow]) {
    for role in Role::ALL {
        let mut changes: Vec<&mut Change> = measures
            .iter_mut()
            .filter(|r| r.role == role)
            .flat_map(|r| r.changes.iter_mut())
            .collect();
        let p_t: Vec<Option<f64>> = changes
            .iter()
            .map(|c| c.t.as_ref().and_then(|t| t.p))
            .collect();
        let p_w: Vec<Option<f64>> = changes
            .iter()
            .map(|c| c.wilcoxon.as_ref().map(|w| w.p))
            .collect();
        for ((c, t), w) in changes.iter_mut().zip(holm(&p_t)).zip(holm(&p_w)) {
            c.p_t_holm = t;
            c.p_wilcoxon_holm = w;
        }
    }
}

/// Runs the whole analysis on the imported records.
pub fn analyse(data: &ResearchData) -> Analysis {
    let scored = Scored::new(data);
    let mut measures: Vec<MeasureRow> = Role::ALL
        .iter()
        .flat_map(|&role| Measure::ALL.iter().map(move |&measure| (role, measure)))
        .map(|(role, measure)| measure_row(&scored, role, measure))
        .collect();
    adjust(&mut measures);
    let agreement = Domain::ALL
        .iter()
        .flat_map(|&d| Moment::ALL.iter().map(move |&m| (d, m)))
        .map(|(d, m)| agreement(&scored, d, m))
        .collect();
    Analysis {
        measures,
        agreement,
    }
}

fn num(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn write_csv(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(header).expect("writing to memory");
    for row in rows {
        writer.write_record(row).expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8")
}

impl Analysis {
    /// The change table as CSV: one row per role, measure and comparison.
    pub fn change_csv(&self) -> String {
        let header = [
            "role",
            "measure",
            "from",
            "to",
            "n",
            "mean_from",
            "mean_to",
            "mean_diff",
            "sd_diff",
            "ci_low",
            "ci_high",
            "t",
            "df",
            "p_t",
            "p_t_holm",
            "d_z",
            "wilcoxon_w",
            "wilcoxon_z",
            "p_wilcoxon",
            "p_wilcoxon_holm",
            "wilcoxon_method",
        ];
        let rows = self
            .measures
            .iter()
            .flat_map(|row| {
                row.changes.iter().map(move |c| {
                    let t = c.t.as_ref();
                    let w = c.wilcoxon.as_ref();
                    vec![
                        row.role.code().to_string(),
                        row.measure.code(),
                        c.from.code().to_string(),
                        c.to.code().to_string(),
                        c.n.to_string(),
                        num(c.mean_from),
                        num(c.mean_to),
                        num(t.map(|t| t.mean_diff)),
                        num(t.map(|t| t.sd_diff)),
                        num(c.ci.as_ref().map(|ci| ci.low)),
                        num(c.ci.as_ref().map(|ci| ci.high)),
                        num(t.and_then(|t| t.t)),
                        t.map(|t| t.df.to_string()).unwrap_or_default(),
                        num(t.and_then(|t| t.p)),
                        num(c.p_t_holm),
                        num(t.and_then(|t| t.d_z)),
                        num(w.map(|w| w.statistic)),
                        num(w.and_then(|w| w.z)),
                        num(w.map(|w| w.p)),
                        num(c.p_wilcoxon_holm),
                        w.map(|w| w.method.code().to_string()).unwrap_or_default(),
                    ]
                })
            })
            .collect();
        write_csv(&header, rows)
    }

    /// The moments table as CSV: n and mean per moment, and the Friedman test.
    pub fn moments_csv(&self) -> String {
        let header = [
            "role",
            "measure",
            "n_t0",
            "n_t1",
            "n_t2",
            "mean_t0",
            "mean_t1",
            "mean_t2",
            "friedman_n",
            "friedman_chi2",
            "friedman_df",
            "p_friedman",
            "kendall_w",
        ];
        let rows = self
            .measures
            .iter()
            .map(|row| {
                let f = row.friedman.as_ref();
                vec![
                    row.role.code().to_string(),
                    row.measure.code(),
                    row.n[0].to_string(),
                    row.n[1].to_string(),
                    row.n[2].to_string(),
                    num(row.mean[0]),
                    num(row.mean[1]),
                    num(row.mean[2]),
                    row.friedman_n.to_string(),
                    num(f.map(|f| f.chi2)),
                    f.map(|f| f.df.to_string()).unwrap_or_default(),
                    num(f.map(|f| f.p)),
                    num(f.map(|f| f.kendall_w)),
                ]
            })
            .collect();
        write_csv(&header, rows)
    }

    /// The agreement table as CSV: one row per domain and moment.
    pub fn agreement_csv(&self) -> String {
        let header = ["domain", "moment", "n", "kappa_quadratic", "mean_diff"];
        let rows = self
            .agreement
            .iter()
            .map(|a| {
                vec![
                    a.domain.code().to_string(),
                    a.moment.code().to_string(),
                    a.n.to_string(),
                    num(a.kappa),
                    num(a.mean_diff),
                ]
            })
            .collect();
        write_csv(&header, rows)
    }

    /// The row of one role and measure.
    pub fn row(&self, role: Role, measure: Measure) -> Option<&MeasureRow> {
        self.measures
            .iter()
            .find(|r| r.role == role && r.measure == measure)
    }
}
