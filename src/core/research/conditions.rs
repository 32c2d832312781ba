//! The conditions under which the approach may work, one row per person
//! (respondent + household member), derived from what was imported: the
//! latest plan of the respondent (the same for every member of the
//! household), the professional's approach answers, both pictures at T0,
//! the study context of the invitation, and the interview's closed
//! continuity answers.
//!
//! Every condition is one entry in [`CONDITIONS`]: its column name, label,
//! how it is made (for the codebook), where its value comes from
//! ([`Source`]) and how values become groups ([`Grouping`]). Adding a
//! condition is adding an entry (and, for a new kind of data, a `Source`).

use std::collections::{BTreeMap, BTreeSet};

use super::dataset::{write_csv, Cell, Measure};
use super::import::{Record, ResearchData};
use super::interview::Interview;
use super::plan_tables::{latest_plans, Kind, Sheet, SheetColumn};
use crate::core::instrument::{score, Answer, Moment, Role};
use crate::core::plan::{Plan, Reached, OTHER_INTERVENTION};

/// File name of the conditions table.
pub const CONDITIONS_CSV_NAME: &str = "balans_conditions.csv";

/// Where a condition's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Share of the plan's goals (with whose idea recorded) that were the
    /// citizen's own idea or made together.
    GoalsOwnShare,
    /// Share of the goals and small steps (with agreement recorded) the
    /// citizen agreed to.
    AgreedShare,
    /// The professional's answer (a code) to an approach item, from the
    /// earliest professional form of the person.
    Professional(&'static str),
    /// Number of small steps in the plan.
    Steps,
    /// Whether the plan names an intervention type (its code).
    Intervention(i32),
    /// Share of the assessed goals reached at a moment.
    Reached(Moment),
    /// Citizen − professional score of a measure at T0.
    AgreementT0(Measure),
    /// Municipality of the invitation.
    Municipality,
    /// District team of the invitation.
    Team,
    /// The professional's pseudonymous id.
    ProfessionalId,
    /// 0 main respondent, 1 household member.
    Member,
    /// A yes/no answer of the interview (yes in either interview counts).
    InterviewYesNo(&'static str),
    /// A number answered in the interview (the latest interview's).
    InterviewNumber(&'static str),
    /// How the citizen's questionnaire was filled in (its mode code), from
    /// the earliest citizen's form that says.
    Mode,
    /// Whether an intervention or small step of the plan works on the
    /// behaviour-change lever with this code.
    Lever(i32),
}

/// How a condition's values become groups.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Grouping {
    /// Two groups: below the value, and at least the value.
    AtLeast(f64),
    /// Two groups by distance from zero: within the value (alike), and
    /// further (different).
    Within(f64),
    /// Codes with labels; each code is a group.
    Codes(&'static [(i32, &'static str)]),
    /// Every text value is a group of its own.
    Categories,
}

/// One condition.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Condition {
    /// Column name, e.g. `goals_own_share`.
    pub id: &'static str,
    /// Catalogue key of its label.
    pub label_key: &'static str,
    /// A placeholder of the label and the catalogue key of its text.
    pub arg: Option<(&'static str, &'static str)>,
    /// Catalogue key of how it is made and grouped.
    pub rule_key: &'static str,
    /// Where the value comes from.
    pub source: Source,
    /// How values become groups.
    pub grouping: Grouping,
}

const YES_NO: &[(i32, &str)] = &[
    (0, "research.value.not_chosen"),
    (1, "research.value.chosen"),
];
const ANSWER_YES_NO: &[(i32, &str)] = &[(0, "interview.answer.no"), (1, "interview.answer.yes")];
const MODES: &[(i32, &str)] = &[
    (1, "mode.alone"),
    (2, "mode.with_someone_close"),
    (3, "mode.with_professional"),
];
const MAIN_MEMBER: &[(i32, &str)] = &[
    (0, "research.cond.value.main"),
    (1, "research.cond.value.member"),
];

const fn condition(
    id: &'static str,
    label_key: &'static str,
    rule_key: &'static str,
    source: Source,
    grouping: Grouping,
) -> Condition {
    Condition {
        id,
        label_key,
        arg: None,
        rule_key,
        source,
        grouping,
    }
}

const fn intervention(id: &'static str, code: i32, option: &'static str) -> Condition {
    Condition {
        arg: Some(("option", option)),
        ..condition(
            id,
            "research.cond.intervention",
            "research.cond.rule.intervention",
            Source::Intervention(code),
            Grouping::Codes(YES_NO),
        )
    }
}

const fn agreement(id: &'static str, measure: Measure, label: &'static str) -> Condition {
    Condition {
        arg: Some(("measure", label)),
        ..condition(
            id,
            "research.cond.agreement_t0",
            "research.cond.rule.agreement_t0",
            Source::AgreementT0(measure),
            Grouping::Within(10.0),
        )
    }
}

const fn lever(id: &'static str, code: i32, name: &'static str) -> Condition {
    Condition {
        arg: Some(("lever", name)),
        ..condition(
            id,
            "research.cond.lever",
            "research.cond.rule.lever",
            Source::Lever(code),
            Grouping::Codes(YES_NO),
        )
    }
}

/// Every condition, in table order.
pub const CONDITIONS: &[Condition] = &[
    condition(
        "goals_own_share",
        "research.cond.goals_own_share",
        "research.cond.rule.goals_own_share",
        Source::GoalsOwnShare,
        Grouping::AtLeast(0.5),
    ),
    condition(
        "agreed_share",
        "research.cond.agreed_share",
        "research.cond.rule.agreed_share",
        Source::AgreedShare,
        Grouping::AtLeast(1.0),
    ),
    condition(
        "say_goals",
        "research.cond.say_goals",
        "research.cond.rule.say",
        Source::Professional("approach.say_goals"),
        Grouping::AtLeast(4.0),
    ),
    condition(
        "say_plan",
        "research.cond.say_plan",
        "research.cond.rule.say",
        Source::Professional("approach.say_plan"),
        Grouping::AtLeast(4.0),
    ),
    condition(
        "steps",
        "research.cond.steps",
        "research.cond.rule.steps",
        Source::Steps,
        Grouping::AtLeast(3.0),
    ),
    intervention("intervention_1", 1, "scale.interventions.1"),
    intervention("intervention_2", 2, "scale.interventions.2"),
    intervention("intervention_3", 3, "scale.interventions.3"),
    intervention("intervention_4", 4, "scale.interventions.4"),
    intervention("intervention_5", 5, "scale.interventions.5"),
    intervention("intervention_6", 6, "scale.interventions.6"),
    intervention("intervention_7", 7, "scale.interventions.7"),
    condition(
        "reached_t1_share",
        "research.cond.reached_t1",
        "research.cond.rule.reached",
        Source::Reached(Moment::T1),
        Grouping::AtLeast(0.5),
    ),
    condition(
        "reached_t2_share",
        "research.cond.reached_t2",
        "research.cond.rule.reached",
        Source::Reached(Moment::T2),
        Grouping::AtLeast(0.5),
    ),
    agreement(
        "agree_t0_competences",
        Measure::Competences,
        "research.measure.competences",
    ),
    agreement(
        "agree_t0_network",
        Measure::Network,
        "research.measure.network",
    ),
    agreement(
        "agree_t0_services",
        Measure::Services,
        "research.measure.services",
    ),
    condition(
        "municipality",
        "research.var.municipality",
        "research.cond.rule.place",
        Source::Municipality,
        Grouping::Categories,
    ),
    condition(
        "team",
        "research.var.team",
        "research.cond.rule.place",
        Source::Team,
        Grouping::Categories,
    ),
    condition(
        "professional_id",
        "research.var.professional_id",
        "research.cond.rule.professional",
        Source::ProfessionalId,
        Grouping::Categories,
    ),
    condition(
        "household_member",
        "research.cond.member",
        "research.cond.rule.member",
        Source::Member,
        Grouping::Codes(MAIN_MEMBER),
    ),
    condition(
        "mode",
        "research.var.mode",
        "research.cond.rule.mode",
        Source::Mode,
        Grouping::Codes(MODES),
    ),
    lever("lever_motivation", 1, "plan.lever.motivation"),
    lever("lever_social_norms", 2, "plan.lever.social_norms"),
    lever("lever_competences", 3, "plan.lever.competences"),
    condition(
        "changed_worker",
        "research.cond.changed_worker",
        "research.cond.rule.changed_worker",
        Source::InterviewYesNo("continuity.changed_worker"),
        Grouping::Codes(ANSWER_YES_NO),
    ),
    condition(
        "caseload",
        "research.cond.caseload",
        "research.cond.rule.caseload",
        Source::InterviewNumber("continuity.caseload_number"),
        Grouping::AtLeast(40.0),
    ),
];

/// The condition with column name `id`.
pub fn condition_by_id(id: &str) -> Option<&'static Condition> {
    CONDITIONS.iter().find(|c| c.id == id)
}

/// A condition's value for one person.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A number (share, count, code or difference).
    Num(f64),
    /// A text (a place or an id).
    Text(String),
}

/// A person: respondent code and household member.
pub type PersonKey = (String, Option<String>);

/// What one person brings to the conditions.
struct Facts<'a> {
    member: bool,
    plan: Option<&'a Plan>,
    /// The person's records, citizen and professional, earliest moment first.
    records: Vec<&'a Record>,
    interviews: Vec<&'a Interview>,
}

fn share(part: usize, whole: usize) -> Option<Value> {
    (whole > 0).then(|| Value::Num(part as f64 / whole as f64))
}

fn text_value(text: Option<&str>) -> Option<Value> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| Value::Text(t.to_string()))
}

impl Facts<'_> {
    fn first(&self, role: Role) -> Option<&Record> {
        self.records
            .iter()
            .copied()
            .find(|r| r.envelope.role == role)
    }

    /// The first record with a value, citizen's before professional's.
    fn context(&self, get: impl Fn(&Record) -> Option<&str>) -> Option<Value> {
        text_value(self.records.iter().find_map(|r| get(r)))
    }

    fn value(&self, source: Source) -> Option<Value> {
        match source {
            Source::GoalsOwnShare => {
                let plan = self.plan?;
                let ideas: Vec<_> = plan.goals().filter_map(|g| g.say.idea).collect();
                share(
                    ideas.iter().filter(|i| i.citizens_own()).count(),
                    ideas.len(),
                )
            }
            Source::AgreedShare => {
                let plan = self.plan?;
                let agreed: Vec<bool> = plan
                    .goals()
                    .map(|g| g.say)
                    .chain(plan.steps().map(|s| s.say))
                    .filter_map(|s| s.agreed)
                    .collect();
                share(agreed.iter().filter(|a| **a).count(), agreed.len())
            }
            Source::Professional(id) => {
                let record = self.first(Role::Professional)?;
                match record.envelope.answers.get(id) {
                    Some(Answer::Value(v)) => Some(Value::Num(f64::from(*v))),
                    _ => None,
                }
            }
            Source::Steps => Some(Value::Num(self.plan?.steps().count() as f64)),
            Source::Intervention(code) => {
                let head = &self.plan?.head;
                let named = head.interventions.contains(&code)
                    || (code == OTHER_INTERVENTION
                        && head
                            .other_interventions
                            .iter()
                            .any(|t| !t.trim().is_empty()));
                Some(Value::Num(f64::from(u8::from(named))))
            }
            Source::Reached(moment) => {
                let plan = self.plan?;
                let assessed: Vec<Reached> = plan
                    .goals()
                    .filter_map(|g| g.reached(moment))
                    .filter(|r| *r != Reached::Dropped)
                    .collect();
                share(
                    assessed.iter().filter(|r| **r == Reached::Yes).count(),
                    assessed.len(),
                )
            }
            Source::AgreementT0(measure) => {
                let at_t0 = |role: Role| {
                    self.records
                        .iter()
                        .find(|r| r.envelope.role == role && r.envelope.moment == Moment::T0)
                        .and_then(|r| measure.of(&score(&r.envelope.answers)))
                };
                Some(Value::Num(
                    at_t0(Role::Citizen)? - at_t0(Role::Professional)?,
                ))
            }
            Source::Municipality => self.context(|r| r.envelope.study.municipality.as_deref()),
            Source::Team => self.context(|r| r.envelope.study.team.as_deref()),
            Source::ProfessionalId => self.context(|r| r.envelope.professional_id.as_deref()),
            Source::Member => Some(Value::Num(f64::from(u8::from(self.member)))),
            Source::InterviewYesNo(id) => {
                let answers: Vec<bool> = self
                    .interviews
                    .iter()
                    .filter_map(|i| i.yes_no(id))
                    .collect();
                (!answers.is_empty())
                    .then(|| Value::Num(f64::from(u8::from(answers.contains(&true)))))
            }
            Source::Mode => self
                .records
                .iter()
                .filter(|r| r.envelope.role == Role::Citizen)
                .find_map(|r| r.envelope.mode)
                .map(|m| Value::Num(f64::from(m.code()))),
            Source::Lever(code) => {
                let plan = self.plan?;
                let on =
                    |levers: &[crate::core::plan::Lever]| levers.iter().any(|l| l.code() == code);
                let used =
                    plan.head.levers.values().any(|l| on(l)) || plan.steps().any(|s| on(&s.levers));
                Some(Value::Num(f64::from(u8::from(used))))
            }
            Source::InterviewNumber(id) => self
                .interviews
                .iter()
                .rev()
                .find_map(|i| i.number(id))
                .map(|n| Value::Num(f64::from(n))),
        }
    }
}

impl Condition {
    /// The group of a value: a code for numbers (`AtLeast`, `Within`: 1 the
    /// first group, 2 the second; `Codes`: the code), the text itself for
    /// categories. `None` when the value does not fit.
    pub fn group(&self, value: &Value) -> Option<String> {
        match (self.grouping, value) {
            (Grouping::AtLeast(at), Value::Num(v)) => {
                Some(if *v >= at { "2" } else { "1" }.to_string())
            }
            (Grouping::Within(limit), Value::Num(v)) => {
                Some(if v.abs() <= limit { "1" } else { "2" }.to_string())
            }
            (Grouping::Codes(codes), Value::Num(v)) => codes
                .iter()
                .find(|(c, _)| f64::from(*c) == *v)
                .map(|(c, _)| c.to_string()),
            (Grouping::Categories, Value::Text(t)) => Some(t.clone()),
            _ => None,
        }
    }

    /// Whether the table has a separate `<id>_group` column (for values
    /// that are not already groups).
    pub fn has_group_column(&self) -> bool {
        matches!(self.grouping, Grouping::AtLeast(_) | Grouping::Within(_))
    }

    /// The group codes with the catalogue key of their label and, for a
    /// limit, the limit to fill in as `{at}`.
    pub fn group_labels(&self) -> Vec<(String, &'static str)> {
        match self.grouping {
            Grouping::AtLeast(_) => vec![
                ("1".into(), "research.cond.group.below"),
                ("2".into(), "research.cond.group.at_least"),
            ],
            Grouping::Within(_) => vec![
                ("1".into(), "research.cond.group.alike"),
                ("2".into(), "research.cond.group.differ"),
            ],
            Grouping::Codes(codes) => codes.iter().map(|(c, k)| (c.to_string(), *k)).collect(),
            Grouping::Categories => Vec::new(),
        }
    }

    /// The limit of a two-group rule, as written in labels.
    pub fn limit(&self) -> Option<f64> {
        match self.grouping {
            Grouping::AtLeast(v) | Grouping::Within(v) => Some(v),
            _ => None,
        }
    }
}

/// The conditions of every person.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conditions {
    /// People in order, with one value per entry of [`CONDITIONS`].
    pub people: Vec<(PersonKey, Vec<Option<Value>>)>,
}

impl Conditions {
    /// The conditions of everyone in `data`; `interviews` are the
    /// researcher's notes on this device.
    pub fn of(data: &ResearchData, interviews: &[Interview]) -> Conditions {
        let plans: BTreeMap<&str, &Plan> = latest_plans(data)
            .into_iter()
            .map(|(r, p)| (r.envelope.respondent.as_str(), p))
            .collect();
        let mut records: BTreeMap<PersonKey, Vec<&Record>> = BTreeMap::new();
        for record in &data.records {
            let e = &record.envelope;
            records
                .entry((e.respondent.to_string(), e.member.clone()))
                .or_default()
                .push(record);
        }
        let people = records
            .into_iter()
            .map(|(key, mut recs)| {
                recs.sort_by_key(|r| (r.envelope.moment, r.envelope.role == Role::Professional));
                let mut mine: Vec<&Interview> = interviews
                    .iter()
                    .filter(|i| i.respondent.as_str() == key.0)
                    .collect();
                mine.sort_by_key(|i| i.moment);
                let facts = Facts {
                    member: key.1.is_some(),
                    plan: plans.get(key.0.as_str()).copied(),
                    records: recs,
                    interviews: mine,
                };
                let values = CONDITIONS.iter().map(|c| facts.value(c.source)).collect();
                (key, values)
            })
            .collect();
        Conditions { people }
    }

    /// The value of condition number `index` for `person`.
    pub fn value(&self, person: &PersonKey, index: usize) -> Option<&Value> {
        self.people
            .binary_search_by(|(k, _)| k.cmp(person))
            .ok()
            .and_then(|i| self.people[i].1.get(index))
            .and_then(Option::as_ref)
    }

    /// Per person, the group of condition number `index`, and the groups
    /// that occur, in order (codes by number, categories by text).
    pub fn groups(&self, index: usize) -> (BTreeMap<PersonKey, String>, Vec<String>) {
        let Some(condition) = CONDITIONS.get(index) else {
            return (BTreeMap::new(), Vec::new());
        };
        let mut by_person = BTreeMap::new();
        let mut seen = BTreeSet::new();
        for (key, values) in &self.people {
            if let Some(group) = values
                .get(index)
                .and_then(Option::as_ref)
                .and_then(|v| condition.group(v))
            {
                seen.insert(group.clone());
                by_person.insert(key.clone(), group);
            }
        }
        let mut levels: Vec<String> = seen.into_iter().collect();
        if !matches!(condition.grouping, Grouping::Categories) {
            levels.sort_by_key(|l| l.parse::<i64>().unwrap_or(i64::MAX));
        }
        (by_person, levels)
    }
}

fn value_cell(value: Option<&Value>) -> Cell {
    match value {
        Some(Value::Num(v)) if v.fract() == 0.0 && v.abs() < 1e9 => Cell::Int(*v as i32),
        Some(Value::Num(v)) => Cell::Num(*v),
        Some(Value::Text(t)) => Cell::Text(t.clone()),
        None => Cell::Empty,
    }
}

/// The columns of the conditions table after respondent and member: per
/// condition its value, and for a two-group rule `<id>_group`.
pub fn condition_columns() -> Vec<SheetColumn> {
    let mut columns = Vec::new();
    for c in CONDITIONS {
        let kind = match c.grouping {
            Grouping::Categories => Kind::String,
            Grouping::Codes(_) => Kind::Code,
            _ => Kind::Number,
        };
        let mut column = SheetColumn {
            name: c.id.to_string(),
            kind,
            label_key: c.label_key,
            arg: c.arg,
            values: Vec::new(),
            empty_key: Some("research.cond.empty"),
            rule_key: Some(c.rule_key),
        };
        if !c.has_group_column() {
            column.values = c
                .group_labels()
                .into_iter()
                .map(|(v, k)| (v, k.to_string()))
                .collect();
            columns.push(column);
            continue;
        }
        columns.push(column);
        columns.push(SheetColumn {
            name: format!("{}_group", c.id),
            kind: Kind::Code,
            label_key: c.label_key,
            arg: c.arg,
            values: c
                .group_labels()
                .into_iter()
                .map(|(v, k)| (v, k.to_string()))
                .collect(),
            empty_key: Some("research.cond.empty"),
            rule_key: Some(c.rule_key),
        });
    }
    columns
}

/// The cells of one person's conditions, in [`condition_columns`] order.
pub fn condition_cells(values: &[Option<Value>]) -> Vec<Cell> {
    let mut cells = Vec::new();
    for (c, value) in CONDITIONS.iter().zip(values) {
        cells.push(value_cell(value.as_ref()));
        if c.has_group_column() {
            cells.push(
                value
                    .as_ref()
                    .and_then(|v| c.group(v))
                    .and_then(|g| g.parse::<i32>().ok())
                    .map_or(Cell::Empty, Cell::Int),
            );
        }
    }
    cells
}

/// The conditions table: one row per person.
pub fn conditions_sheet(conditions: &Conditions) -> Sheet {
    let mut columns = vec![
        SheetColumn {
            name: "respondent".into(),
            kind: Kind::String,
            label_key: "research.var.respondent",
            arg: None,
            values: Vec::new(),
            empty_key: None,
            rule_key: None,
        },
        SheetColumn {
            name: "member".into(),
            kind: Kind::String,
            label_key: "research.var.member",
            arg: None,
            values: Vec::new(),
            empty_key: Some("research.codebook.empty_meta"),
            rule_key: None,
        },
    ];
    columns.extend(condition_columns());
    let rows = conditions
        .people
        .iter()
        .map(|((respondent, member), values)| {
            let mut row = vec![
                Cell::Text(respondent.clone()),
                member.clone().map_or(Cell::Empty, Cell::Text),
            ];
            row.extend(condition_cells(values));
            row
        })
        .collect();
    Sheet {
        file: CONDITIONS_CSV_NAME,
        source: "derived",
        columns,
        rows,
    }
}

impl Conditions {
    /// The conditions table as CSV.
    pub fn to_csv(&self) -> String {
        let sheet = conditions_sheet(self);
        write_csv(sheet.columns.iter().map(|c| c.name.as_str()), &sheet.rows)
    }
}
