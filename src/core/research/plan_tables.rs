//! The approach in the dataset: support plans (one row per plan, per goal
//! and per small step) and the researcher's interview notes (one row per
//! note), each a CSV of its own next to the long and wide tables, described
//! in the codebook.
//!
//! A plan travels inside every professional's export of the respondent as it
//! stood then; the tables hold the latest one per respondent: the plan
//! changed last, then the file made last, then the later moment.

use std::collections::BTreeMap;

use super::dataset::{write_csv, Cell};
use super::import::{Record, ResearchData};
use super::interview::{Interview, GUIDE};
use crate::core::exchange::Envelope;
use crate::core::instrument::{Domain, Moment, Role, INTERVENTIONS};
use crate::core::plan::{Capacity, Idea, Lever, Plan, Reached, Say, OTHER_INTERVENTION};
use crate::core::util::{iso8601, parse_iso8601};

/// File name of the plans table.
pub const PLANS_CSV_NAME: &str = "balans_plans.csv";

/// File name of the goals table.
pub const PLAN_GOALS_CSV_NAME: &str = "balans_plan_goals.csv";

/// File name of the small steps table.
pub const PLAN_STEPS_CSV_NAME: &str = "balans_plan_steps.csv";

/// File name of the interview notes table.
pub const INTERVIEW_CSV_NAME: &str = "balans_interview.csv";

/// What a column holds (the codebook's `type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An identifier or date as text.
    String,
    /// Free text.
    Text,
    /// A code with value labels.
    Code,
    /// 1 chosen, 0 not chosen.
    Choice,
    /// A count.
    Count,
    /// A number that need not be whole (a share, a difference).
    Number,
}

impl Kind {
    /// The codebook's name of the type.
    pub fn code(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Text => "text",
            Kind::Code => "code",
            Kind::Choice => "choice",
            Kind::Count => "count",
            Kind::Number => "number",
        }
    }
}

/// One column of a plan or interview table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetColumn {
    /// Name in the CSV header.
    pub name: String,
    /// What it holds.
    pub kind: Kind,
    /// Catalogue key of its label.
    pub label_key: &'static str,
    /// A placeholder of the label and the catalogue key of its text.
    pub arg: Option<(&'static str, &'static str)>,
    /// Value labels: the value as written, and the catalogue key of its label.
    pub values: Vec<(String, String)>,
    /// Catalogue key of what an empty cell means, if it can be empty.
    pub empty_key: Option<&'static str>,
    /// Catalogue key of how a derived column is made (the codebook's
    /// construction), if it is derived.
    pub rule_key: Option<&'static str>,
}

/// A plan or interview table.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// Its file name.
    pub file: &'static str,
    /// Who provides its data, for the codebook's `forms` (`professional`
    /// for plans, `researcher` for interview notes).
    pub source: &'static str,
    /// The columns, in order.
    pub columns: Vec<SheetColumn>,
    /// The rows; each has one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The table as UTF-8 CSV, like the long and wide tables.
    pub fn to_csv(&self) -> String {
        write_csv(self.columns.iter().map(|c| c.name.as_str()), &self.rows)
    }
}

fn codes(pairs: impl IntoIterator<Item = (i32, &'static str)>) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .map(|(code, key)| (code.to_string(), key.to_string()))
        .collect()
}

/// A column builder: `col(name, kind, label)` then `.arg`, `.values`, `.empty`.
fn col(name: impl Into<String>, kind: Kind, label_key: &'static str) -> SheetColumn {
    SheetColumn {
        name: name.into(),
        kind,
        label_key,
        arg: None,
        values: match kind {
            Kind::Choice => codes([
                (0, "research.value.not_chosen"),
                (1, "research.value.chosen"),
            ]),
            _ => Vec::new(),
        },
        empty_key: None,
        rule_key: None,
    }
}

impl SheetColumn {
    fn arg(mut self, name: &'static str, key: &'static str) -> Self {
        self.arg = Some((name, key));
        self
    }

    fn values(mut self, values: Vec<(String, String)>) -> Self {
        self.values = values;
        self
    }

    fn empty(mut self, key: &'static str) -> Self {
        self.empty_key = Some(key);
        self
    }
}

fn respondent_col() -> SheetColumn {
    col("respondent", Kind::String, "research.var.respondent")
}

fn say_cols() -> [SheetColumn; 2] {
    [
        col("idea", Kind::Code, "plan.var.idea")
            .values(codes(Idea::ALL.map(|i| (i.code(), i.label_key()))))
            .empty("plan.var.empty_say"),
        col("agreed", Kind::Code, "plan.var.agreed")
            .values(codes([(0, "plan.agreed.no"), (1, "plan.agreed.yes")]))
            .empty("plan.var.empty_say"),
    ]
}

fn reached_col(moment: Moment) -> SheetColumn {
    let (name, label) = match moment {
        Moment::T2 => ("reached_t2", "plan.var.reached_t2"),
        _ => ("reached_t1", "plan.var.reached_t1"),
    };
    col(name, Kind::Code, label)
        .values(codes(Reached::ALL.map(|r| (r.code(), r.label_key()))))
        .empty("plan.var.empty_reached")
}

fn text(t: &str) -> Cell {
    if t.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(t.to_string())
    }
}

fn count(n: usize) -> Cell {
    Cell::Int(i32::try_from(n).unwrap_or(i32::MAX))
}

fn flag(on: bool) -> Cell {
    Cell::Int(i32::from(on))
}

fn say_cells(say: &Say) -> [Cell; 2] {
    [
        say.idea.map_or(Cell::Empty, |i| Cell::Int(i.code())),
        say.agreed.map_or(Cell::Empty, |a| Cell::Int(i32::from(a))),
    ]
}

/// The label key of "intervention {option} works on this lever".
fn intervention_lever_label(lever: Lever) -> &'static str {
    match lever {
        Lever::Motivation => "plan.var.intervention_lever.motivation",
        Lever::SocialNorms => "plan.var.intervention_lever.social_norms",
        Lever::Competences => "plan.var.intervention_lever.competences",
    }
}

/// Which of two exports' plans is the newer: the plan changed last, then
/// the file made last, then the later moment.
fn plan_recency(e: &Envelope) -> (u64, u64, Moment) {
    (
        e.plan.as_ref().map_or(0, |p| p.updated_at),
        parse_iso8601(&e.exported_at).unwrap_or(0),
        e.moment,
    )
}

/// The latest plan of every respondent that has one, by respondent code,
/// with the record it came from.
pub fn latest_plans(data: &ResearchData) -> Vec<(&Record, &Plan)> {
    let mut latest: BTreeMap<&str, &Record> = BTreeMap::new();
    for record in &data.records {
        let e = &record.envelope;
        if e.role != Role::Professional || e.plan.is_none() {
            continue;
        }
        let newer = latest
            .get(e.respondent.as_str())
            .is_none_or(|known| plan_recency(e) > plan_recency(&known.envelope));
        if newer {
            latest.insert(&e.respondent, record);
        }
    }
    latest
        .into_values()
        .filter_map(|r| r.envelope.plan.as_ref().map(|p| (r, p)))
        .collect()
}

/// The latest plan of respondent `code`, if one was imported.
pub fn plan_of<'a>(data: &'a ResearchData, code: &str) -> Option<&'a Plan> {
    latest_plans(data)
        .into_iter()
        .find(|(r, _)| r.envelope.respondent == code)
        .map(|(_, p)| p)
}

/// One row per plan: the clarification and approach as 0/1 columns, and
/// counts of goals and steps with the citizen's say and goals reached.
pub fn plans_sheet(data: &ResearchData) -> Sheet {
    let mut columns = vec![
        respondent_col(),
        col("source_file", Kind::String, "research.var.source_file"),
        col("plan_updated_at", Kind::String, "plan.var.updated_at"),
        col("question", Kind::Text, "plan.var.question").empty("plan.var.empty_text"),
        col("clarification", Kind::Text, "plan.var.clarification").empty("plan.var.empty_text"),
    ];
    columns.extend(Domain::ALL.map(|d| {
        col(
            format!("burden_{}", d.code()),
            Kind::Choice,
            "plan.var.burden",
        )
        .arg("domain", crate::core::professional::staff_domain_key(d))
    }));
    columns.extend(Capacity::ALL.map(|c| {
        col(
            format!("capacity_{}", c.code()),
            Kind::Choice,
            "plan.var.capacity",
        )
        .arg("capacity", c.label_key())
    }));
    columns.extend(INTERVENTIONS.options.iter().map(|(code, key)| {
        let label = if *code == OTHER_INTERVENTION {
            "plan.var.intervention_other"
        } else {
            "plan.var.intervention"
        };
        col(format!("intervention_{code}"), Kind::Choice, label).arg("option", key)
    }));
    columns.push(
        col(
            "interventions_other",
            Kind::Text,
            "plan.var.interventions_other",
        )
        .empty("plan.var.empty_text"),
    );
    // Levers (issue 13): per intervention (empty when it was not chosen),
    // and whether the plan works on each lever at all, a condition for the
    // analysis.
    for (code, key) in INTERVENTIONS.options.iter() {
        for lever in Lever::ALL {
            columns.push(
                col(
                    format!("intervention_{code}_lever_{}", lever.name()),
                    Kind::Choice,
                    intervention_lever_label(lever),
                )
                .arg("option", key)
                .empty("plan.var.empty_lever"),
            );
        }
    }
    columns.extend(Lever::ALL.map(|l| {
        col(
            format!("lever_{}", l.name()),
            Kind::Choice,
            "plan.var.lever_any",
        )
        .arg("lever", l.label_key())
    }));
    for (name, label) in [
        ("goals", "plan.var.goals"),
        ("goals_own_idea", "plan.var.goals_own_idea"),
        ("goals_agreed", "plan.var.goals_agreed"),
        ("goals_reached_t1", "plan.var.goals_reached_t1"),
        ("goals_reached_t2", "plan.var.goals_reached_t2"),
        ("steps", "plan.var.steps"),
        ("steps_own_idea", "plan.var.steps_own_idea"),
        ("steps_agreed", "plan.var.steps_agreed"),
    ] {
        columns.push(col(name, Kind::Count, label));
    }
    let rows = latest_plans(data)
        .into_iter()
        .map(|(record, plan)| {
            let h = &plan.head;
            let mut row = vec![
                Cell::Text(plan.respondent.to_string()),
                Cell::Text(record.file.clone()),
                Cell::Text(iso8601(plan.updated_at)),
                text(&h.question),
                text(&h.clarification),
            ];
            row.extend(Domain::ALL.map(|d| flag(h.burden.contains(&d))));
            row.extend(Capacity::ALL.map(|c| flag(h.capacity.contains(&c))));
            let others: Vec<&str> = h
                .other_interventions
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .collect();
            row.extend(INTERVENTIONS.options.iter().map(|(code, _)| {
                flag(
                    h.interventions.contains(code)
                        || (*code == OTHER_INTERVENTION && !others.is_empty()),
                )
            }));
            row.push(text(&others.join(" / ")));
            for (code, _) in INTERVENTIONS.options.iter() {
                let chosen = h.interventions.contains(code)
                    || (*code == OTHER_INTERVENTION && !others.is_empty());
                for lever in Lever::ALL {
                    row.push(if chosen {
                        flag(plan.intervention_levers(*code).contains(&lever))
                    } else {
                        Cell::Empty
                    });
                }
            }
            row.extend(Lever::ALL.map(|l| flag(plan.works_on(l))));
            let (goals, steps) = (plan.goal_say(), plan.step_say());
            row.extend([
                count(goals.total),
                count(goals.own_idea),
                count(goals.agreed),
                count(plan.reached_counts(Moment::T1).yes),
                count(plan.reached_counts(Moment::T2).yes),
                count(steps.total),
                count(steps.own_idea),
                count(steps.agreed),
            ]);
            row
        })
        .collect();
    Sheet {
        file: PLANS_CSV_NAME,
        source: Role::Professional.code(),
        columns,
        rows,
    }
}

/// One row per goal: its words, the citizen's say, and whether it was
/// reached at T1 and T2.
pub fn goals_sheet(data: &ResearchData) -> Sheet {
    let [idea, agreed] = say_cols();
    let columns = vec![
        respondent_col(),
        col("goal", Kind::Count, "plan.var.goal_number"),
        col("goal_text", Kind::Text, "plan.var.goal_text").empty("plan.var.empty_text"),
        idea,
        agreed,
        reached_col(Moment::T1),
        reached_col(Moment::T2),
    ];
    let mut rows = Vec::new();
    for (_, plan) in latest_plans(data) {
        for (i, goal) in plan.goals().enumerate() {
            let [idea, agreed] = say_cells(&goal.say);
            let reached = |m| goal.reached(m).map_or(Cell::Empty, |r| Cell::Int(r.code()));
            rows.push(vec![
                Cell::Text(plan.respondent.to_string()),
                count(i + 1),
                text(&goal.text),
                idea,
                agreed,
                reached(Moment::T1),
                reached(Moment::T2),
            ]);
        }
    }
    Sheet {
        file: PLAN_GOALS_CSV_NAME,
        source: Role::Professional.code(),
        columns,
        rows,
    }
}

/// One row per small step: what, how, with whom, by when, for which goal,
/// and the citizen's say.
pub fn steps_sheet(data: &ResearchData) -> Sheet {
    let [idea, agreed] = say_cols();
    let columns = vec![
        respondent_col(),
        col("step", Kind::Count, "plan.var.step_number"),
        col("goal", Kind::Count, "plan.var.step_goal").empty("plan.var.empty_goal"),
        col("what", Kind::Text, "plan.var.what").empty("plan.var.empty_text"),
        col("how", Kind::Text, "plan.var.how").empty("plan.var.empty_text"),
        col("with_whom", Kind::Text, "plan.var.with_whom").empty("plan.var.empty_text"),
        col("date", Kind::String, "plan.var.date").empty("plan.var.empty_text"),
        idea,
        agreed,
    ]
    .into_iter()
    .chain(Lever::ALL.map(|l| {
        col(
            format!("lever_{}", l.name()),
            Kind::Choice,
            "plan.var.step_lever",
        )
        .arg("lever", l.label_key())
    }))
    .collect::<Vec<_>>();
    let mut rows = Vec::new();
    for (_, plan) in latest_plans(data) {
        for (i, step) in plan.steps().enumerate() {
            let [idea, agreed] = say_cells(&step.say);
            rows.push(vec![
                Cell::Text(plan.respondent.to_string()),
                count(i + 1),
                step.goal
                    .and_then(|g| plan.goal_number(g))
                    .map_or(Cell::Empty, count),
                text(&step.what),
                text(&step.how),
                text(&step.with_whom),
                text(&step.date),
                idea,
                agreed,
            ]);
            if let Some(row) = rows.last_mut() {
                row.extend(Lever::ALL.map(|l| flag(step.levers.contains(&l))));
            }
        }
    }
    Sheet {
        file: PLAN_STEPS_CSV_NAME,
        source: Role::Professional.code(),
        columns,
        rows,
    }
}

/// One row per note with words in it: respondent, interview (1 or 2),
/// question id and the note, sorted by respondent, interview and the
/// guide's order.
pub fn interview_sheet(interviews: &[Interview]) -> Sheet {
    let columns = vec![
        respondent_col(),
        col("moment", Kind::Code, "interview.var.moment").values(codes([
            (1, "interview.moment.1"),
            (2, "interview.moment.2"),
        ])),
        col("question", Kind::String, "interview.var.question").values(
            GUIDE
                .iter()
                .map(|g| (g.id.to_string(), g.text_key().to_string()))
                .collect(),
        ),
        col("note", Kind::Text, "interview.var.note"),
    ];
    let mut sorted: Vec<&Interview> = interviews.iter().collect();
    sorted.sort_unstable_by(|a, b| (&a.respondent, a.moment).cmp(&(&b.respondent, b.moment)));
    let rows = sorted
        .into_iter()
        .flat_map(|interview| {
            interview.filled().map(|(question, note)| {
                vec![
                    Cell::Text(interview.respondent.to_string()),
                    Cell::Int(i32::from(interview.moment.number())),
                    Cell::Text(question.id.to_string()),
                    Cell::Text(note.to_string()),
                ]
            })
        })
        .collect();
    Sheet {
        file: INTERVIEW_CSV_NAME,
        source: "researcher",
        columns,
        rows,
    }
}

/// The four tables without rows: what the codebook describes.
pub fn approach_sheets() -> [Sheet; 4] {
    let empty = ResearchData::default();
    [
        plans_sheet(&empty),
        goals_sheet(&empty),
        steps_sheet(&empty),
        interview_sheet(&[]),
    ]
}
