//! The study's second question, under which conditions: per outcome and
//! role the mixed model by moment; for a chosen condition the mean
//! trajectory per group, the change T0→T1 and T0→T2 per group compared
//! between groups, and the model with condition × moment; and for one
//! outcome every condition's effect on the change (the forest plot).
//!
//! Families for Holm's adjustment are the tables as shown and downloaded:
//! one condition's change table for one role (every measure and both
//! comparisons), separately for Welch's test and the rank test.

use std::collections::BTreeMap;

use super::compare::{hedges_g, holm, kruskal, mann_whitney, mean_ci, welch};
use super::compare::{Kruskal, MannWhitney, MeanCi, Welch};
use super::conditions::{Conditions, PersonKey, CONDITIONS};
use super::dataset::{write_csv, Cell, Measure};
use super::import::ResearchData;
use super::mixed::{fit_by_moment, fit_with_condition, Coefficient, MixedFit, MixedProblem, Term};
use crate::core::instrument::{score, Moment, Role, Scores};

/// The comparisons of the change by condition: from the start.
pub const FROM_START: [(Moment, Moment); 2] = [(Moment::T0, Moment::T1), (Moment::T0, Moment::T2)];

/// File name of the change-by-condition table.
pub const CONDITION_CHANGE_CSV_NAME: &str = "balans_condition_change.csv";
/// File name of the models table.
pub const MODELS_CSV_NAME: &str = "balans_models.csv";
/// File name of the trajectories table.
pub const TRAJECTORIES_CSV_NAME: &str = "balans_trajectories.csv";
/// File name of the forest-plot table.
pub const FOREST_CSV_NAME: &str = "balans_condition_effects.csv";

/// Every person's scores per role and moment, computed once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcomes {
    by_person: BTreeMap<(bool, PersonKey), [Option<Scores>; 3]>,
}

impl Outcomes {
    /// The scores of every record in `data`.
    pub fn of(data: &ResearchData) -> Outcomes {
        let mut by_person: BTreeMap<_, [Option<Scores>; 3]> = BTreeMap::new();
        for record in &data.records {
            let e = &record.envelope;
            let key = (
                e.role == Role::Professional,
                (e.respondent.to_string(), e.member.clone()),
            );
            by_person.entry(key).or_default()[e.moment.index()] = Some(score(&e.answers));
        }
        Outcomes { by_person }
    }

    /// Per person of `role` with at least one score: the measure per moment.
    pub fn series(&self, role: Role, measure: Measure) -> Vec<(&PersonKey, [Option<f64>; 3])> {
        let pro = role == Role::Professional;
        self.by_person
            .iter()
            .filter(|((p, _), _)| *p == pro)
            .map(|((_, person), scores)| {
                let mut out = [None; 3];
                for (slot, s) in out.iter_mut().zip(scores) {
                    *slot = s.as_ref().and_then(|s| measure.of(s));
                }
                (person, out)
            })
            .filter(|(_, s)| s.iter().any(Option::is_some))
            .collect()
    }
}

/// The model by moment of one measure and role.
#[derive(Clone, Debug, PartialEq)]
pub struct MomentModel {
    /// Whose forms.
    pub role: Role,
    /// Which score.
    pub measure: Measure,
    /// The fit, or why there is none.
    pub fit: Result<MixedFit, MixedProblem>,
}

/// score ~ moment + (1 | person) for every measure and role.
pub fn moment_models(outcomes: &Outcomes) -> Vec<MomentModel> {
    Role::ALL
        .iter()
        .flat_map(|&role| Measure::ALL.iter().map(move |&m| (role, m)))
        .map(|(role, measure)| {
            let series: Vec<[Option<f64>; 3]> = outcomes
                .series(role, measure)
                .into_iter()
                .map(|(_, s)| s)
                .collect();
            MomentModel {
                role,
                measure,
                fit: fit_by_moment(&series),
            }
        })
        .collect()
}

/// One group's mean at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// People in the group with a score then.
    pub n: usize,
    /// Their mean with its 95 % interval (`None` below two people).
    pub ci: Option<MeanCi>,
    /// Their mean (also for one person).
    pub mean: Option<f64>,
}

/// The rank test between the groups.
#[derive(Clone, Debug, PartialEq)]
pub enum RankTest {
    /// Two groups.
    MannWhitney(MannWhitney),
    /// More than two.
    Kruskal(Kruskal),
}

impl RankTest {
    /// Its p-value.
    pub fn p(&self) -> f64 {
        match self {
            RankTest::MannWhitney(m) => m.p,
            RankTest::Kruskal(k) => k.p,
        }
    }
}

/// The change of one measure between two moments, by group.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupChange {
    /// Which score.
    pub measure: Measure,
    /// The earlier moment.
    pub from: Moment,
    /// The later moment.
    pub to: Moment,
    /// Per group (in level order): people measured at both moments, and
    /// their mean change with its 95 % interval.
    pub groups: Vec<(usize, Option<MeanCi>)>,
    /// Two groups: the second's mean change minus the first's (Welch).
    pub welch: Option<Welch>,
    /// Two groups: Hedges' g of the second against the first.
    pub hedges_g: Option<f64>,
    /// Mann–Whitney (two groups) or Kruskal–Wallis (more).
    pub rank: Option<RankTest>,
    /// Welch's p, Holm-adjusted over the table.
    pub p_welch_holm: Option<f64>,
    /// The rank test's p, Holm-adjusted over the table.
    pub p_rank_holm: Option<f64>,
    /// Catalogue key of why the comparison is empty, if it is.
    pub reason: Option<&'static str>,
}

/// Everything about one condition for one role.
#[derive(Clone, Debug, PartialEq)]
pub struct ConditionReport {
    /// Index in [`CONDITIONS`].
    pub condition: usize,
    /// Whose forms.
    pub role: Role,
    /// The groups that occur (codes or texts), in order.
    pub levels: Vec<String>,
    /// Per measure: per group, per moment, the mean with its interval.
    pub trajectories: Vec<(Measure, Vec<[Point; 3]>)>,
    /// Per measure and comparison.
    pub changes: Vec<GroupChange>,
    /// Per measure: score ~ moment * condition + (1 | person).
    pub models: Vec<(Measure, Result<MixedFit, MixedProblem>)>,
}

/// The series of `role` and `measure` with each person's group index.
fn grouped(
    outcomes: &Outcomes,
    groups: &BTreeMap<PersonKey, String>,
    levels: &[String],
    role: Role,
    measure: Measure,
) -> Vec<([Option<f64>; 3], usize)> {
    outcomes
        .series(role, measure)
        .into_iter()
        .filter_map(|(person, s)| {
            let g = groups.get(person)?;
            Some((s, levels.iter().position(|l| l == g)?))
        })
        .collect()
}

fn point(values: &[f64]) -> Point {
    Point {
        n: values.len(),
        ci: mean_ci(values),
        mean: (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64),
    }
}

fn group_change(
    people: &[([Option<f64>; 3], usize)],
    k: usize,
    measure: Measure,
    from: Moment,
    to: Moment,
) -> GroupChange {
    let mut diffs: Vec<Vec<f64>> = vec![Vec::new(); k];
    for (s, g) in people {
        if let (Some(a), Some(b)) = (s[from.index()], s[to.index()]) {
            diffs[*g].push(b - a);
        }
    }
    let groups = diffs.iter().map(|d| (d.len(), mean_ci(d))).collect();
    let present: Vec<&Vec<f64>> = diffs.iter().filter(|d| !d.is_empty()).collect();
    let reason = if k < 2 || present.len() < 2 {
        Some("research.cond.reason.one_group")
    } else if diffs.iter().any(|d| d.len() < 2) {
        Some("research.cond.reason.small_group")
    } else {
        None
    };
    let (welch_test, g, rank) = if reason.is_some() {
        (None, None, None)
    } else if k == 2 {
        (
            welch(&diffs[1], &diffs[0]),
            hedges_g(&diffs[1], &diffs[0]),
            mann_whitney(&diffs[1], &diffs[0]).map(RankTest::MannWhitney),
        )
    } else {
        (None, None, kruskal(&diffs).map(RankTest::Kruskal))
    };
    GroupChange {
        measure,
        from,
        to,
        groups,
        welch: welch_test,
        hedges_g: g,
        rank,
        p_welch_holm: None,
        p_rank_holm: None,
        reason,
    }
}

/// The report of condition number `index` for `role`.
pub fn condition_report(
    outcomes: &Outcomes,
    conditions: &Conditions,
    index: usize,
    role: Role,
) -> ConditionReport {
    let (groups, levels) = conditions.groups(index);
    let k = levels.len();
    let mut trajectories = Vec::new();
    let mut changes = Vec::new();
    let mut models = Vec::new();
    for measure in Measure::ALL {
        let people = grouped(outcomes, &groups, &levels, role, measure);
        let per_group: Vec<[Point; 3]> = (0..k)
            .map(|g| {
                std::array::from_fn(|m| {
                    let values: Vec<f64> = people
                        .iter()
                        .filter(|(_, pg)| *pg == g)
                        .filter_map(|(s, _)| s[m])
                        .collect();
                    point(&values)
                })
            })
            .collect();
        trajectories.push((measure, per_group));
        for (from, to) in FROM_START {
            changes.push(group_change(&people, k, measure, from, to));
        }
        models.push((measure, fit_with_condition(&people, &levels)));
    }
    let p_w: Vec<Option<f64>> = changes
        .iter()
        .map(|c| c.welch.as_ref().map(|w| w.p))
        .collect();
    let p_r: Vec<Option<f64>> = changes
        .iter()
        .map(|c| c.rank.as_ref().map(RankTest::p))
        .collect();
    for ((c, w), r) in changes.iter_mut().zip(holm(&p_w)).zip(holm(&p_r)) {
        c.p_welch_holm = w;
        c.p_rank_holm = r;
    }
    ConditionReport {
        condition: index,
        role,
        levels,
        trajectories,
        changes,
        models,
    }
}

/// One row of the forest plot: a group's extra change T0→T2 against the
/// first group of its condition, from the model with condition × moment.
#[derive(Clone, Debug, PartialEq)]
pub struct ForestRow {
    /// Index in [`CONDITIONS`].
    pub condition: usize,
    /// The group compared with the first.
    pub level: String,
    /// The first group.
    pub reference: String,
    /// The interaction T2 × group, or why there is none.
    pub effect: Result<Coefficient, MixedProblem>,
    /// Its p-value, Holm-adjusted over the rows of the plot (one role and
    /// outcome: the table as shown and downloaded).
    pub p_holm: Option<f64>,
}

/// Every condition's effect on the change T0→T2 of `measure` for `role`.
pub fn forest(
    outcomes: &Outcomes,
    conditions: &Conditions,
    role: Role,
    measure: Measure,
) -> Vec<ForestRow> {
    let mut rows = Vec::new();
    for index in 0..CONDITIONS.len() {
        let (groups, levels) = conditions.groups(index);
        let people = grouped(outcomes, &groups, &levels, role, measure);
        let reference = levels.first().cloned().unwrap_or_default();
        match fit_with_condition(&people, &levels) {
            Ok(fit) => {
                for (l, level) in levels.iter().enumerate().skip(1) {
                    if let Some(c) = fit.coefficient(Term::Interaction(Moment::T2, l)) {
                        rows.push(ForestRow {
                            condition: index,
                            level: level.clone(),
                            reference: reference.clone(),
                            effect: Ok(c.clone()),
                            p_holm: None,
                        });
                    }
                }
            }
            Err(problem) => rows.push(ForestRow {
                condition: index,
                level: levels.get(1).cloned().unwrap_or_default(),
                reference,
                effect: Err(problem),
                p_holm: None,
            }),
        }
    }
    let raw: Vec<Option<f64>> = rows
        .iter()
        .map(|r| r.effect.as_ref().ok().and_then(|c| c.p))
        .collect();
    for (row, p) in rows.iter_mut().zip(holm(&raw)) {
        row.p_holm = p;
    }
    rows
}

fn text(t: impl Into<String>) -> Cell {
    Cell::Text(t.into())
}

fn cell(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Num)
}

impl ConditionReport {
    fn id(&self) -> &'static str {
        CONDITIONS.get(self.condition).map_or("", |c| c.id)
    }

    /// The change-by-condition table as CSV: one row per measure,
    /// comparison and group.
    pub fn changes_csv(&self) -> String {
        let header = [
            "condition",
            "role",
            "measure",
            "from",
            "to",
            "group",
            "n",
            "mean_change",
            "ci_low",
            "ci_high",
            "diff",
            "diff_low",
            "diff_high",
            "welch_df",
            "p_welch",
            "p_welch_holm",
            "hedges_g",
            "rank_test",
            "rank_statistic",
            "p_rank",
            "p_rank_holm",
            "reason",
        ];
        let mut rows = Vec::new();
        for c in &self.changes {
            for (level, (n, ci)) in self.levels.iter().zip(&c.groups) {
                let w = c.welch.as_ref();
                let (test, stat) = match &c.rank {
                    Some(RankTest::MannWhitney(m)) => ("mann_whitney", Some(m.u)),
                    Some(RankTest::Kruskal(k)) => ("kruskal_wallis", Some(k.h)),
                    None => ("", None),
                };
                rows.push(vec![
                    text(self.id()),
                    text(self.role.code()),
                    text(c.measure.code()),
                    text(c.from.code()),
                    text(c.to.code()),
                    text(level.clone()),
                    Cell::Int(i32::try_from(*n).unwrap_or(i32::MAX)),
                    cell(ci.as_ref().map(|c| c.mean)),
                    cell(ci.as_ref().map(|c| c.low)),
                    cell(ci.as_ref().map(|c| c.high)),
                    cell(w.map(|w| w.diff)),
                    cell(w.map(|w| w.low)),
                    cell(w.map(|w| w.high)),
                    cell(w.map(|w| w.df)),
                    cell(w.map(|w| w.p)),
                    cell(c.p_welch_holm),
                    cell(c.hedges_g),
                    text(test),
                    cell(stat),
                    cell(c.rank.as_ref().map(RankTest::p)),
                    cell(c.p_rank_holm),
                    text(
                        c.reason
                            .unwrap_or("")
                            .trim_start_matches("research.cond.reason."),
                    ),
                ]);
            }
        }
        write_csv(header.into_iter(), &rows)
    }

    /// The trajectories as CSV: one row per measure, group and moment.
    pub fn trajectories_csv(&self) -> String {
        let header = [
            "condition",
            "role",
            "measure",
            "group",
            "moment",
            "n",
            "mean",
            "ci_low",
            "ci_high",
        ];
        let mut rows = Vec::new();
        for (measure, groups) in &self.trajectories {
            for (level, points) in self.levels.iter().zip(groups) {
                for (moment, p) in Moment::ALL.iter().zip(points) {
                    rows.push(vec![
                        text(self.id()),
                        text(self.role.code()),
                        text(measure.code()),
                        text(level.clone()),
                        text(moment.code()),
                        Cell::Int(i32::try_from(p.n).unwrap_or(i32::MAX)),
                        cell(p.mean),
                        cell(p.ci.as_ref().map(|c| c.low)),
                        cell(p.ci.as_ref().map(|c| c.high)),
                    ]);
                }
            }
        }
        write_csv(header.into_iter(), &rows)
    }

    /// The models as CSV (see [`models_csv`]).
    pub fn models_csv(&self) -> String {
        models_csv(
            self.id(),
            self.models.iter().map(|(m, f)| (self.role, *m, f)),
        )
    }
}

/// Models as CSV: one row per fixed effect, with the variance components
/// and counts repeated; a model without numbers has one row with its reason.
pub fn models_csv<'a>(
    condition: &str,
    models: impl Iterator<Item = (Role, Measure, &'a Result<MixedFit, MixedProblem>)>,
) -> String {
    let header = [
        "condition",
        "role",
        "measure",
        "term",
        "estimate",
        "se",
        "df",
        "t",
        "p",
        "ci_low",
        "ci_high",
        "var_person",
        "var_residual",
        "n_people",
        "n_obs",
        "reason",
    ];
    let mut rows = Vec::new();
    for (role, measure, fit) in models {
        let start = vec![text(condition), text(role.code()), text(measure.code())];
        match fit {
            Ok(fit) => {
                for c in &fit.coefficients {
                    let mut row = start.clone();
                    row.extend([
                        text(c.name.clone()),
                        Cell::Num(c.estimate),
                        Cell::Num(c.se),
                        cell(c.df),
                        Cell::Num(c.t),
                        cell(c.p),
                        cell(c.low),
                        cell(c.high),
                        Cell::Num(fit.var_person),
                        Cell::Num(fit.var_residual),
                        Cell::Int(i32::try_from(fit.n_people).unwrap_or(i32::MAX)),
                        Cell::Int(i32::try_from(fit.n_obs).unwrap_or(i32::MAX)),
                        Cell::Empty,
                    ]);
                    rows.push(row);
                }
            }
            Err(problem) => {
                let mut row = start;
                row.extend((0..12).map(|_| Cell::Empty));
                row.push(text(
                    problem.reason_key().trim_start_matches("research.model."),
                ));
                rows.push(row);
            }
        }
    }
    write_csv(header.into_iter(), &rows)
}

/// The forest plot's rows as CSV.
pub fn forest_csv(role: Role, measure: Measure, rows: &[ForestRow]) -> String {
    let header = [
        "role",
        "measure",
        "condition",
        "group",
        "reference",
        "effect_t2",
        "se",
        "df",
        "p",
        "p_holm",
        "ci_low",
        "ci_high",
        "reason",
    ];
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            let mut row = vec![
                text(role.code()),
                text(measure.code()),
                text(CONDITIONS.get(r.condition).map_or("", |c| c.id)),
                text(r.level.clone()),
                text(r.reference.clone()),
            ];
            match &r.effect {
                Ok(c) => row.extend([
                    Cell::Num(c.estimate),
                    Cell::Num(c.se),
                    cell(c.df),
                    cell(c.p),
                    cell(r.p_holm),
                    cell(c.low),
                    cell(c.high),
                    Cell::Empty,
                ]),
                Err(p) => {
                    row.extend((0..7).map(|_| Cell::Empty));
                    row.push(text(p.reason_key().trim_start_matches("research.model.")));
                }
            }
            row
        })
        .collect();
    write_csv(header.into_iter(), &rows)
}

/// One place to restrict the analysis to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// A municipality of the invitations.
    Municipality(String),
    /// A district team of the invitations.
    Team(String),
}

/// Every municipality and team in `data`, municipalities first, by name.
pub fn places(data: &ResearchData) -> Vec<Place> {
    let mut out = std::collections::BTreeSet::new();
    for record in &data.records {
        let study = &record.envelope.study;
        if let Some(m) = study
            .municipality
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
        {
            out.insert(Place::Municipality(m.to_string()));
        }
        if let Some(t) = study
            .team
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            out.insert(Place::Team(t.to_string()));
        }
    }
    out.into_iter().collect()
}

/// The records of `data` from one place (by the invitation's study context).
pub fn only_place(data: &ResearchData, place: &Place) -> ResearchData {
    let keep = |r: &&super::import::Record| {
        let study = &r.envelope.study;
        match place {
            Place::Municipality(m) => study.municipality.as_deref().map(str::trim) == Some(m),
            Place::Team(t) => study.team.as_deref().map(str::trim) == Some(t),
        }
    };
    ResearchData {
        records: data.records.iter().filter(keep).cloned().collect(),
    }
}
