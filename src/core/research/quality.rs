//! How sound the instrument is, from the imported records:
//!
//! - per scale, role and moment: Cronbach's α with its 95 % Feldt interval,
//!   the item–rest correlation and α if the item were dropped, for the
//!   reflective scales (competences, network, and the eight burden status
//!   items as one scale); the usage and behaviour counts are indices (each
//!   item counts something of its own, so the items need not agree) and get
//!   the item statistics without α;
//! - per item: its mean and sd, the share of answers at the floor and at the
//!   ceiling, and the share of forms with each missing code or skipped;
//! - per measure and moment: the agreement of the citizen's and the
//!   professional's score of the same person, ICC(A,1) with its interval.
//!
//! # The rules
//! Reverse-keyed items are turned first (code → min + max − code), so every
//! item of a scale points the same way and floor and ceiling mean the same
//! thing for each. α, item–rest and α-if-dropped are over the forms that
//! answered every item of the scale on its scale (listwise): "weet ik niet",
//! "wil ik niet zeggen", skipped and — for the burden scale — "n.v.t." leave
//! the form out. Floor and ceiling shares are of the substantive answers,
//! missing shares of all forms of that role and moment.

use std::collections::BTreeMap;

use super::dataset::{Measure, Var};
use super::import::{Record, ResearchData};
use super::reliability::{alpha_if_dropped, cronbach_alpha, icc_a1, item_rest, Alpha, Icc};
use crate::core::instrument::{score, Answer, Missing};
use crate::core::instrument::{Dimension, Item, Moment, Role, ITEMS};

/// File name of the scale table (α per scale, role and moment).
pub const QUALITY_SCALES_CSV_NAME: &str = "balans_quality_scales.csv";
/// File name of the item table.
pub const QUALITY_ITEMS_CSV_NAME: &str = "balans_quality_items.csv";
/// File name of the ICC table.
pub const QUALITY_ICC_CSV_NAME: &str = "balans_quality_icc.csv";

/// A group of items whose quality is reported together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QualityScale {
    /// The ten competence items (reflective).
    Competences,
    /// The six network items (reflective).
    Network,
    /// The eight "how is it going" items of the life domains (reflective).
    Burden,
    /// The use of community services (an index).
    Services,
    /// What the person did in the last four weeks (an index).
    Behaviour,
}

impl QualityScale {
    /// Every scale, reflective ones first.
    pub const ALL: [QualityScale; 5] = [
        QualityScale::Competences,
        QualityScale::Network,
        QualityScale::Burden,
        QualityScale::Services,
        QualityScale::Behaviour,
    ];

    /// Short code for tables and CSV.
    pub fn code(self) -> &'static str {
        match self {
            QualityScale::Competences => "competences",
            QualityScale::Network => "network",
            QualityScale::Burden => "burden",
            QualityScale::Services => "services",
            QualityScale::Behaviour => "behaviour",
        }
    }

    /// Catalogue key of the scale's name.
    pub fn label_key(self) -> &'static str {
        match self {
            QualityScale::Competences => "research.quality.scale.competences",
            QualityScale::Network => "research.quality.scale.network",
            QualityScale::Burden => "research.quality.scale.burden",
            QualityScale::Services => "research.quality.scale.services",
            QualityScale::Behaviour => "research.quality.scale.behaviour",
        }
    }

    /// Whether the items reflect one underlying trait, so that α means
    /// something (an index's items need not agree).
    pub fn is_reflective(self) -> bool {
        matches!(
            self,
            QualityScale::Competences | QualityScale::Network | QualityScale::Burden
        )
    }

    /// The items of the scale, in questionnaire order.
    pub fn items(self) -> Vec<&'static Item> {
        ITEMS
            .iter()
            .filter(|i| {
                matches!(
                    (self, i.scored_in),
                    (QualityScale::Competences, Some(Dimension::Competences))
                        | (QualityScale::Network, Some(Dimension::Network))
                        | (QualityScale::Burden, Some(Dimension::Domain(_)))
                        | (QualityScale::Services, Some(Dimension::Services))
                        | (QualityScale::Behaviour, Some(Dimension::Behaviour))
                )
            })
            .collect()
    }
}

/// What one item's answer is, for the quality tables.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Cell {
    /// A code on the scale, turned when the item is reverse-keyed.
    Value(f64),
    /// A missing code.
    Missing(Missing),
    /// Absent, or not on the item's scale.
    Skipped,
}

fn cell(item: &Item, answer: Option<&Answer>) -> Cell {
    let Some(scale) = item.scale() else {
        return Cell::Skipped;
    };
    match answer {
        Some(Answer::Value(v)) if scale.contains(*v) => {
            let v = if item.reverse {
                scale.min() + scale.max() - v
            } else {
                *v
            };
            Cell::Value(f64::from(v))
        }
        Some(Answer::Missing(m)) => Cell::Missing(*m),
        _ => Cell::Skipped,
    }
}

/// The statistics of one item at one role and moment.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemQuality {
    /// The item.
    pub item: &'static Item,
    /// Substantive answers.
    pub valid: usize,
    /// Their mean (after turning).
    pub mean: Option<f64>,
    /// Their standard deviation (n − 1).
    pub sd: Option<f64>,
    /// Share of the substantive answers at the lowest code (after turning).
    pub floor: Option<f64>,
    /// Share of the substantive answers at the highest code.
    pub ceiling: Option<f64>,
    /// Share of all forms with "weet ik niet", "wil ik niet zeggen",
    /// "n.v.t." and skipped, in that order.
    pub missing: [Option<f64>; 4],
    /// Correlation with the sum of the other items (listwise; reflective
    /// scales only).
    pub item_rest: Option<f64>,
    /// α of the scale without this item (listwise; reflective scales only).
    pub alpha_if_dropped: Option<f64>,
}

/// One scale at one role and moment.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleQuality {
    /// The scale.
    pub scale: QualityScale,
    /// Whose forms.
    pub role: Role,
    /// The moment.
    pub moment: Moment,
    /// Forms of that role and moment.
    pub forms: usize,
    /// Forms with every item answered on its scale (the α sample).
    pub complete: usize,
    /// α with its interval; `None` for an index or too few forms.
    pub alpha: Option<Alpha>,
    /// The items.
    pub items: Vec<ItemQuality>,
}

/// Agreement of the citizen's and professional's scores of one measure at
/// one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct IccRow {
    /// The score.
    pub measure: Measure,
    /// The moment.
    pub moment: Moment,
    /// People with both scores.
    pub n: usize,
    /// ICC(A,1) with its interval, when defined.
    pub icc: Option<Icc>,
}

/// The whole instrument-quality report.
#[derive(Clone, Debug, PartialEq)]
pub struct Quality {
    /// Per scale, role and moment (scale, then role, then moment).
    pub scales: Vec<ScaleQuality>,
    /// Per measure and moment.
    pub icc: Vec<IccRow>,
}

fn mean_sd(values: &[f64]) -> (Option<f64>, Option<f64>) {
    if values.is_empty() {
        return (None, None);
    }
    let n = values.len() as f64;
    let m = values.iter().sum::<f64>() / n;
    let sd = (values.len() >= 2)
        .then(|| (values.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (n - 1.0)).sqrt());
    (Some(m), sd)
}

fn share(count: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| count as f64 / of as f64)
}

fn scale_quality(
    scale: QualityScale,
    role: Role,
    moment: Moment,
    records: &[&Record],
) -> ScaleQuality {
    let items = scale.items();
    let forms: Vec<&Record> = records
        .iter()
        .copied()
        .filter(|r| r.envelope.role == role && r.envelope.moment == moment)
        .collect();
    let cells: Vec<Vec<Cell>> = forms
        .iter()
        .map(|r| {
            items
                .iter()
                .map(|i| cell(i, r.envelope.answers.get(i.id)))
                .collect()
        })
        .collect();
    let complete: Vec<Vec<f64>> = cells
        .iter()
        .filter_map(|row| {
            row.iter()
                .map(|c| match c {
                    Cell::Value(v) => Some(*v),
                    _ => None,
                })
                .collect::<Option<Vec<f64>>>()
        })
        .collect();
    let reflective = scale.is_reflective();
    let item_stats = items
        .iter()
        .enumerate()
        .map(|(j, item)| {
            let column: Vec<Cell> = cells.iter().map(|row| row[j]).collect();
            let values: Vec<f64> = column
                .iter()
                .filter_map(|c| match c {
                    Cell::Value(v) => Some(*v),
                    _ => None,
                })
                .collect();
            let (mean, sd) = mean_sd(&values);
            let (min, max) = item
                .scale()
                .map_or((0.0, 0.0), |s| (f64::from(s.min()), f64::from(s.max())));
            let count = |wanted: Cell| column.iter().filter(|c| **c == wanted).count();
            ItemQuality {
                item,
                valid: values.len(),
                mean,
                sd,
                floor: share(values.iter().filter(|v| **v == min).count(), values.len()),
                ceiling: share(values.iter().filter(|v| **v == max).count(), values.len()),
                missing: [
                    share(count(Cell::Missing(Missing::DontKnow)), forms.len()),
                    share(count(Cell::Missing(Missing::NoAnswer)), forms.len()),
                    share(count(Cell::Missing(Missing::NotApplicable)), forms.len()),
                    share(count(Cell::Skipped), forms.len()),
                ],
                item_rest: reflective.then(|| item_rest(&complete, j)).flatten(),
                alpha_if_dropped: reflective
                    .then(|| alpha_if_dropped(&complete, j).map(|a| a.alpha))
                    .flatten(),
            }
        })
        .collect();
    ScaleQuality {
        scale,
        role,
        moment,
        forms: forms.len(),
        complete: complete.len(),
        alpha: reflective.then(|| cronbach_alpha(&complete)).flatten(),
        items: item_stats,
    }
}

/// The measures whose citizen–professional agreement is reported.
pub const ICC_MEASURES: [Measure; 15] = Measure::ALL;

fn icc_rows(records: &[&Record]) -> Vec<IccRow> {
    type Person = (String, Option<String>);
    // (person, moment) → [citizen scores, professional scores]
    let mut pairs: BTreeMap<(Person, Moment), [Option<crate::core::instrument::Scores>; 2]> =
        BTreeMap::new();
    for r in records {
        let e = &r.envelope;
        let slot = pairs
            .entry(((e.respondent.to_string(), e.member.clone()), e.moment))
            .or_default();
        slot[usize::from(e.role == Role::Professional)] = Some(score(&e.answers));
    }
    let mut out = Vec::new();
    for measure in ICC_MEASURES {
        for moment in Moment::ALL {
            let rows: Vec<Vec<f64>> = pairs
                .iter()
                .filter(|((_, m), _)| *m == moment)
                .filter_map(|(_, [c, p])| {
                    Some(vec![measure.of(c.as_ref()?)?, measure.of(p.as_ref()?)?])
                })
                .collect();
            out.push(IccRow {
                measure,
                moment,
                n: rows.len(),
                icc: icc_a1(&rows),
            });
        }
    }
    out
}

/// The instrument-quality tables of the imported records.
pub fn quality(data: &ResearchData) -> Quality {
    let records: Vec<&Record> = data.records.iter().collect();
    let scales = QualityScale::ALL
        .iter()
        .flat_map(|&s| {
            Role::ALL
                .iter()
                .flat_map(move |&r| Moment::ALL.iter().map(move |&m| (s, r, m)))
        })
        .map(|(s, r, m)| scale_quality(s, r, m, &records))
        .collect();
    Quality {
        scales,
        icc: icc_rows(&records),
    }
}

fn num(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn write_csv(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; an error would leave the line out.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row);
    }
    String::from_utf8_lossy(&writer.into_inner().unwrap_or_default()).into_owned()
}

impl Quality {
    /// One row per scale, role and moment: forms, complete forms, α and its
    /// interval (empty for an index).
    pub fn scales_csv(&self) -> String {
        let header = [
            "scale",
            "kind",
            "role",
            "moment",
            "items",
            "forms",
            "n_complete",
            "alpha",
            "alpha_lower",
            "alpha_upper",
        ];
        let rows = self
            .scales
            .iter()
            .map(|s| {
                let a = s.alpha.as_ref();
                vec![
                    s.scale.code().to_string(),
                    if s.scale.is_reflective() {
                        "scale"
                    } else {
                        "index"
                    }
                    .to_string(),
                    s.role.code().to_string(),
                    s.moment.code().to_string(),
                    s.items.len().to_string(),
                    s.forms.to_string(),
                    s.complete.to_string(),
                    num(a.map(|a| a.alpha)),
                    num(a.map(|a| a.lower)),
                    num(a.map(|a| a.upper)),
                ]
            })
            .collect();
        write_csv(&header, rows)
    }

    /// One row per scale, role, moment and item.
    pub fn items_csv(&self) -> String {
        let header = [
            "scale",
            "role",
            "moment",
            "item",
            "variable",
            "reversed",
            "valid",
            "mean",
            "sd",
            "floor",
            "ceiling",
            "missing_dont_know",
            "missing_no_answer",
            "missing_not_applicable",
            "skipped",
            "item_rest",
            "alpha_if_dropped",
        ];
        let rows = self
            .scales
            .iter()
            .flat_map(|s| {
                s.items.iter().map(move |i| {
                    vec![
                        s.scale.code().to_string(),
                        s.role.code().to_string(),
                        s.moment.code().to_string(),
                        i.item.id.to_string(),
                        Var::Item(i.item).name(),
                        u8::from(i.item.reverse).to_string(),
                        i.valid.to_string(),
                        num(i.mean),
                        num(i.sd),
                        num(i.floor),
                        num(i.ceiling),
                        num(i.missing[0]),
                        num(i.missing[1]),
                        num(i.missing[2]),
                        num(i.missing[3]),
                        num(i.item_rest),
                        num(i.alpha_if_dropped),
                    ]
                })
            })
            .collect();
        write_csv(&header, rows)
    }

    /// One row per measure and moment: n, ICC(A,1), its interval, F and p.
    pub fn icc_csv(&self) -> String {
        let header = [
            "measure",
            "moment",
            "n",
            "icc_a1",
            "icc_lower",
            "icc_upper",
            "f",
            "df1",
            "df2",
            "p",
        ];
        let rows = self
            .icc
            .iter()
            .map(|r| {
                let i = r.icc.as_ref();
                vec![
                    r.measure.code(),
                    r.moment.code().to_string(),
                    r.n.to_string(),
                    num(i.map(|i| i.icc)),
                    num(i.and_then(|i| i.lower)),
                    num(i.and_then(|i| i.upper)),
                    num(i.map(|i| i.f)),
                    i.map(|i| i.df.0.to_string()).unwrap_or_default(),
                    i.map(|i| i.df.1.to_string()).unwrap_or_default(),
                    num(i.map(|i| i.p)),
                ]
            })
            .collect();
        write_csv(&header, rows)
    }

    /// The scale at one role and moment.
    pub fn scale(&self, scale: QualityScale, role: Role, moment: Moment) -> Option<&ScaleQuality> {
        self.scales
            .iter()
            .find(|s| s.scale == scale && s.role == role && s.moment == moment)
    }
}
