//! The dataset: a long table (one row per respondent × member × role ×
//! moment) and a wide table (one row per person), written as UTF-8 CSV that
//! SPSS, R and pandas read.
//!
//! Column names are the item ids with `.` turned into `_`
//! (`comp.selfconfidence.1` → `comp_selfconfidence_1`): lowercase ASCII,
//! starting with a letter, at most 64 characters, no dots, no reserved words.
//! A multiple-choice item gets one 0/1 column per option
//! (`approach_interventions_3`); scores are `score_<measure>`. In the wide
//! table every long column except the four key columns becomes
//! `<column>_<c|p>_<t0|t1|t2>` (citizen or professional, moment), for the
//! roles and moments at which it is asked.
//!
//! Cells: a scale code; 97 "weet ik niet", 98 "wil ik niet zeggen", 99 "n.v.t.";
//! empty when skipped, not asked, or (scores) not enough answers. Free text
//! keeps its words but not its line breaks (" / " instead, because SPSS
//! reads one case per line), and a text starting with `=`, `+`, `-` or `@`
//! gets a leading `'` so spreadsheet programs never run it as a formula.

use std::collections::BTreeMap;

use super::conditions::{condition_cells, Condition, Conditions, Grouping, CONDITIONS};
use super::import::{Record, RecordKey, ResearchData};
use crate::core::instrument::{score, Scores};
use crate::core::instrument::{Answer, Missing};
use crate::core::instrument::{Domain, Item, ItemKind, Moment, Role, ITEMS};
use crate::core::questionnaire::Topic;

/// File name of the long CSV.
pub const LONG_CSV_NAME: &str = "balans_long.csv";

/// File name of the wide CSV.
pub const WIDE_CSV_NAME: &str = "balans_wide.csv";

/// A score the dataset and the analysis report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    /// Own competences, 0–100.
    Competences,
    /// Network, 0–100.
    Network,
    /// Community services, 0–100.
    Services,
    /// Draagkracht: mean of the three capacity dimensions, 0–100.
    Draagkracht,
    /// Burden in one life domain, 0–100.
    Domain(Domain),
    /// Draaglast: mean of the applicable domains, 0–100.
    Draaglast,
    /// Balans: draagkracht − draaglast, −100–100.
    Balans,
    /// Actual behaviour in the last four weeks, 0–100.
    Behaviour,
}

impl Measure {
    /// Every measure, in the order of the tables.
    pub const ALL: [Measure; 15] = [
        Measure::Competences,
        Measure::Network,
        Measure::Services,
        Measure::Draagkracht,
        Measure::Domain(Domain::Finances),
        Measure::Domain(Domain::Housing),
        Measure::Domain(Domain::Daytime),
        Measure::Domain(Domain::Parenting),
        Measure::Domain(Domain::Physical),
        Measure::Domain(Domain::Mental),
        Measure::Domain(Domain::Education),
        Measure::Domain(Domain::Safety),
        Measure::Draaglast,
        Measure::Balans,
        Measure::Behaviour,
    ];

    /// Short code: `competences`, `dom_finances`, `balans`, …
    pub fn code(self) -> String {
        match self {
            Measure::Competences => "competences".into(),
            Measure::Network => "network".into(),
            Measure::Services => "services".into(),
            Measure::Draagkracht => "draagkracht".into(),
            Measure::Domain(d) => format!("dom_{}", d.code()),
            Measure::Draaglast => "draaglast".into(),
            Measure::Balans => "balans".into(),
            Measure::Behaviour => "behaviour".into(),
        }
    }

    /// Catalogue key of the measure's name (a domain's name is filled into
    /// `research.measure.domain`).
    pub fn label_key(self) -> &'static str {
        match self {
            Measure::Competences => "research.measure.competences",
            Measure::Network => "research.measure.network",
            Measure::Services => "research.measure.services",
            Measure::Draagkracht => "research.measure.draagkracht",
            Measure::Domain(_) => "research.measure.domain",
            Measure::Draaglast => "research.measure.draaglast",
            Measure::Balans => "research.measure.balans",
            Measure::Behaviour => "research.measure.behaviour",
        }
    }

    /// The measure's value in a questionnaire's scores.
    pub fn of(self, scores: &Scores) -> Option<f64> {
        match self {
            Measure::Competences => scores.competences,
            Measure::Network => scores.network,
            Measure::Services => scores.services,
            Measure::Draagkracht => scores.draagkracht,
            Measure::Domain(d) => scores.domain(d),
            Measure::Draaglast => scores.draaglast,
            Measure::Balans => scores.balans,
            Measure::Behaviour => scores.behaviour,
        }
    }

    /// Lowest and highest possible value.
    pub fn range(self) -> (f64, f64) {
        match self {
            Measure::Balans => (-100.0, 100.0),
            _ => (0.0, 100.0),
        }
    }
}

/// A column that describes the record rather than an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meta {
    /// Pseudonymous respondent code.
    Respondent,
    /// Household member (empty for the main respondent).
    Member,
    /// `citizen` or `professional`.
    Role,
    /// `T0`, `T1` or `T2`.
    Moment,
    /// Study name.
    Study,
    /// Municipality from the invitation.
    Municipality,
    /// District team from the invitation.
    Team,
    /// Pseudonymous id of the professional who invited or answered.
    ProfessionalId,
    /// Language answered in.
    Language,
    /// Instrument version.
    InstrumentVersion,
    /// App version that made the export.
    AppVersion,
    /// When answering began.
    StartedAt,
    /// When the form was completed.
    CompletedAt,
    /// When the file was made.
    ExportedAt,
    /// When consent was given.
    ConsentGivenAt,
    /// Which consent text was shown.
    ConsentVersion,
    /// The file the record came from.
    SourceFile,
}

impl Meta {
    /// Every meta column, in table order.
    pub const ALL: [Meta; 17] = [
        Meta::Respondent,
        Meta::Member,
        Meta::Role,
        Meta::Moment,
        Meta::Study,
        Meta::Municipality,
        Meta::Team,
        Meta::ProfessionalId,
        Meta::Language,
        Meta::InstrumentVersion,
        Meta::AppVersion,
        Meta::StartedAt,
        Meta::CompletedAt,
        Meta::ExportedAt,
        Meta::ConsentGivenAt,
        Meta::ConsentVersion,
        Meta::SourceFile,
    ];

    /// Catalogue key of the column's label in the codebook.
    pub fn label_key(self) -> &'static str {
        match self {
            Meta::Respondent => "research.var.respondent",
            Meta::Member => "research.var.member",
            Meta::Role => "research.var.role",
            Meta::Moment => "research.var.moment",
            Meta::Study => "research.var.study",
            Meta::Municipality => "research.var.municipality",
            Meta::Team => "research.var.team",
            Meta::ProfessionalId => "research.var.professional_id",
            Meta::Language => "research.var.language",
            Meta::InstrumentVersion => "research.var.instrument_version",
            Meta::AppVersion => "research.var.app_version",
            Meta::StartedAt => "research.var.started_at",
            Meta::CompletedAt => "research.var.completed_at",
            Meta::ExportedAt => "research.var.exported_at",
            Meta::ConsentGivenAt => "research.var.consent_given_at",
            Meta::ConsentVersion => "research.var.consent_version",
            Meta::SourceFile => "research.var.source_file",
        }
    }

    /// Column name.
    pub fn code(self) -> &'static str {
        match self {
            Meta::Respondent => "respondent",
            Meta::Member => "member",
            Meta::Role => "role",
            Meta::Moment => "moment",
            Meta::Study => "study",
            Meta::Municipality => "municipality",
            Meta::Team => "team",
            Meta::ProfessionalId => "professional_id",
            Meta::Language => "language",
            Meta::InstrumentVersion => "instrument_version",
            Meta::AppVersion => "app_version",
            Meta::StartedAt => "started_at",
            Meta::CompletedAt => "completed_at",
            Meta::ExportedAt => "exported_at",
            Meta::ConsentGivenAt => "consent_given_at",
            Meta::ConsentVersion => "consent_version",
            Meta::SourceFile => "source_file",
        }
    }

    /// Whether this is one of the four columns that identify a long row.
    pub fn is_key(self) -> bool {
        matches!(
            self,
            Meta::Respondent | Meta::Member | Meta::Role | Meta::Moment
        )
    }
}

/// A column of the citizen's own say (issue 13): not an item, but asked
/// on every citizen's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SayVar {
    /// `topic_<code>`: 1 the citizen wants to talk about it, 0 not.
    Topic(Topic),
    /// `topic_other_text`: their own words for "something else".
    OtherText,
    /// `topic_none`: 1 the citizen said there is nothing in particular.
    Nothing,
    /// `mode`: how the form was filled in (`Mode::code`).
    Mode,
}

impl SayVar {
    /// Every column, in table order.
    pub fn all() -> Vec<SayVar> {
        let mut all: Vec<SayVar> = Topic::ALL.into_iter().map(SayVar::Topic).collect();
        all.extend([SayVar::OtherText, SayVar::Nothing, SayVar::Mode]);
        all
    }

    /// Column name.
    pub fn name(self) -> String {
        match self {
            SayVar::Topic(t) => format!("topic_{}", t.code()),
            SayVar::OtherText => "topic_other_text".into(),
            SayVar::Nothing => "topic_none".into(),
            SayVar::Mode => "mode".into(),
        }
    }
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Var {
    /// A description of the record.
    Meta(Meta),
    /// The code of a single-choice item, or a text item's words.
    Item(&'static Item),
    /// One option of a multiple-choice item: 1 chosen, 0 not chosen.
    Choice(&'static Item, i32),
    /// A score.
    Score(Measure),
    /// The citizen's own say: topics and mode.
    Say(SayVar),
    /// A condition of the person (wide table only): its value, or with
    /// `true` its group.
    Condition(&'static Condition, bool),
}

impl Var {
    /// Whether the column holds numbers (else text).
    pub fn is_numeric(&self) -> bool {
        match self {
            Var::Meta(_) => false,
            Var::Item(item) => !matches!(item.kind, ItemKind::Text),
            Var::Choice(..) | Var::Score(_) => true,
            Var::Say(v) => *v != SayVar::OtherText,
            Var::Condition(c, group) => *group || !matches!(c.grouping, Grouping::Categories),
        }
    }

    /// Whether the column applies to a role's form at a moment.
    pub fn applies(&self, role: Role, moment: Moment) -> bool {
        match self {
            Var::Item(item) | Var::Choice(item, _) => item.on_form(role) && item.asked_at(moment),
            Var::Meta(_) | Var::Score(_) | Var::Condition(..) => true,
            Var::Say(_) => role == Role::Citizen,
        }
    }

    /// The long column name.
    pub fn name(&self) -> String {
        match self {
            Var::Meta(m) => m.code().to_string(),
            Var::Item(item) => item_column(item),
            Var::Choice(item, code) => format!("{}_{code}", item_column(item)),
            Var::Score(measure) => format!("score_{}", measure.code()),
            Var::Say(v) => v.name(),
            Var::Condition(c, false) => format!("cond_{}", c.id),
            Var::Condition(c, true) => format!("cond_{}_group", c.id),
        }
    }
}

fn item_column(item: &Item) -> String {
    item.id.replace('.', "_")
}

/// One column of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Its name in the CSV header.
    pub name: String,
    /// What it holds.
    pub var: Var,
    /// In the wide table: the role and moment it belongs to.
    pub wide: Option<(Role, Moment)>,
}

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// No value (skipped, not asked, not enough answers).
    Empty,
    /// A code.
    Int(i32),
    /// A score.
    Num(f64),
    /// Text.
    Text(String),
}

impl Cell {
    /// The cell as written in the CSV.
    pub fn to_csv(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Int(v) => v.to_string(),
            // Rust writes the shortest text that reads back as the same
            // number, never with an exponent: exact for R, pandas and SPSS.
            Cell::Num(v) => v.to_string(),
            Cell::Text(t) => safe_text(t),
        }
    }
}

/// Line breaks become " / " (SPSS reads one case per line); a leading
/// `=`, `+`, `-` or `@` gets a `'` so a spreadsheet never runs it.
fn safe_text(text: &str) -> String {
    let one_line = text.replace("\r\n", "\n").replace(['\n', '\r'], " / ");
    if one_line.starts_with(['=', '+', '-', '@', '\t']) {
        format!("'{one_line}")
    } else {
        one_line
    }
}

/// A table: columns and rows of cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// The rows; each has one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The table as UTF-8 CSV with a header row (no byte-order mark, which
    /// R and pandas would read as part of the first name).
    pub fn to_csv(&self) -> String {
        write_csv(self.columns.iter().map(|c| c.name.as_str()), &self.rows)
    }

    /// The table for a Dutch spreadsheet (Excel with Dutch settings): a
    /// UTF-8 byte-order mark so accents survive, semicolons between fields
    /// and a decimal comma. The standard [`Table::to_csv`] stays the one for
    /// SPSS, R and pandas; this one is only for opening by double-click.
    pub fn to_excel_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let header = self.columns.iter().map(|c| c.name.clone());
        let rows = self.rows.iter().map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Cell::Num(_) => cell.to_csv().replace('.', ","),
                    _ => cell.to_csv(),
                })
                .collect::<Vec<_>>()
        });
        let mut out = String::from("\u{feff}");
        for record in std::iter::once(header.collect::<Vec<_>>()).chain(rows) {
            // Writing to memory cannot fail; an error would leave the line out.
            let _ = writer.write_record(&record);
        }
        out.push_str(&String::from_utf8_lossy(
            &writer.into_inner().unwrap_or_default(),
        ));
        out
    }
}

/// File name of the long table for a Dutch spreadsheet.
pub const LONG_EXCEL_NAME: &str = "balans_long_excel.csv";

/// File name of the wide table for a Dutch spreadsheet.
pub const WIDE_EXCEL_NAME: &str = "balans_wide_excel.csv";

/// A header and rows of cells as UTF-8 CSV: CRLF line ends, no byte-order
/// mark. Every table of the dataset is written this way.
pub(crate) fn write_csv<'a>(header: impl Iterator<Item = &'a str>, rows: &[Vec<Cell>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(header)
        .expect("writing to memory cannot fail");
    for row in rows {
        writer
            .write_record(row.iter().map(Cell::to_csv))
            .expect("writing to memory cannot fail");
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("every cell is UTF-8")
}

/// The variables of the long table, in order: meta, items, scores.
pub fn variables() -> Vec<Var> {
    let mut vars: Vec<Var> = Meta::ALL.into_iter().map(Var::Meta).collect();
    for item in ITEMS {
        match &item.kind {
            ItemKind::Multiple(scale) => {
                vars.extend(scale.options.iter().map(|o| Var::Choice(item, o.0)));
            }
            _ => vars.push(Var::Item(item)),
        }
    }
    vars.extend(Measure::ALL.into_iter().map(Var::Score));
    vars.extend(SayVar::all().into_iter().map(Var::Say));
    vars
}

/// The cell of a column of the citizen's own say: empty when the file
/// carries none (the citizen marked nothing, or an older file).
fn say_cell(var: SayVar, e: &crate::core::exchange::Envelope) -> Cell {
    let topics = e.topics.as_ref();
    match var {
        SayVar::Topic(t) => {
            topics.map_or(Cell::Empty, |x| Cell::Int(i32::from(x.marked.contains(&t))))
        }
        SayVar::OtherText => text_or_empty(topics.map(|x| x.other.trim())),
        SayVar::Nothing => topics.map_or(Cell::Empty, |x| Cell::Int(i32::from(x.none))),
        SayVar::Mode => e.mode.map_or(Cell::Empty, |m| Cell::Int(m.code())),
    }
}

fn text_or_empty(text: Option<&str>) -> Cell {
    match text {
        Some(t) if !t.is_empty() => Cell::Text(t.to_string()),
        _ => Cell::Empty,
    }
}

fn meta_cell(meta: Meta, record: &Record) -> Cell {
    let e = &record.envelope;
    let text = |t: &str| Cell::Text(t.to_string());
    match meta {
        Meta::Respondent => text(&e.respondent),
        Meta::Member => text_or_empty(e.member.as_deref()),
        Meta::Role => text(e.role.code()),
        Meta::Moment => text(e.moment.code()),
        Meta::Study => text(&e.study.name),
        Meta::Municipality => text_or_empty(e.study.municipality.as_deref()),
        Meta::Team => text_or_empty(e.study.team.as_deref()),
        Meta::ProfessionalId => text_or_empty(e.professional_id.as_deref()),
        Meta::Language => text(e.language.code()),
        Meta::InstrumentVersion => text(&e.instrument_version),
        Meta::AppVersion => text(&e.app_version),
        Meta::StartedAt => text(&e.started_at),
        Meta::CompletedAt => text_or_empty(e.completed_at.as_deref()),
        Meta::ExportedAt => text(&e.exported_at),
        Meta::ConsentGivenAt => text_or_empty(e.consent.as_ref().map(|c| c.given_at.as_str())),
        Meta::ConsentVersion => text_or_empty(e.consent.as_ref().map(|c| c.text_version.as_str())),
        Meta::SourceFile => text(&record.file),
    }
}

/// The cell of `var` for one record (whose scores are `scores`).
fn cell(var: &Var, record: &Record, scores: &Scores) -> Cell {
    let e = &record.envelope;
    if !var.applies(e.role, e.moment) {
        return Cell::Empty;
    }
    match var {
        Var::Meta(meta) => meta_cell(*meta, record),
        Var::Item(item) => match e.answers.get(item.id) {
            Some(Answer::Value(v)) => Cell::Int(*v),
            Some(Answer::Missing(m)) => Cell::Int(m.code()),
            Some(Answer::Text(t)) if !t.trim().is_empty() => Cell::Text(t.clone()),
            _ => Cell::Empty,
        },
        Var::Choice(item, code) => match e.answers.get(item.id) {
            Some(Answer::Choices(codes)) if !codes.is_empty() => {
                Cell::Int(i32::from(codes.contains(code)))
            }
            Some(Answer::Missing(m)) => Cell::Int(m.code()),
            _ => Cell::Empty,
        },
        Var::Score(measure) => measure.of(scores).map_or(Cell::Empty, Cell::Num),
        Var::Say(v) => say_cell(*v, e),
        // Conditions belong to the person, not a record: filled in by
        // `wide_table_with`.
        Var::Condition(..) => Cell::Empty,
    }
}

/// The long table: one row per record, sorted by respondent, member, role
/// and moment.
pub fn long_table(data: &ResearchData) -> Table {
    let vars = variables();
    let columns = vars
        .iter()
        .map(|v| Column {
            name: v.name(),
            var: *v,
            wide: None,
        })
        .collect();
    let mut records: Vec<&Record> = data.records.iter().collect();
    records.sort_by_key(|r| r.key());
    let rows = records
        .into_iter()
        .map(|record| {
            let scores = score(&record.envelope.answers);
            vars.iter().map(|v| cell(v, record, &scores)).collect()
        })
        .collect();
    Table { columns, rows }
}

/// Role and moment suffix of a wide column: `_c_t0` … `_p_t2`.
pub fn wide_suffix(role: Role, moment: Moment) -> String {
    let r = match role {
        Role::Citizen => 'c',
        Role::Professional => 'p',
    };
    format!("_{r}_{}", moment.code().to_ascii_lowercase())
}

/// The wide table: one row per person (respondent and member), with every
/// long column but the keys repeated per role and moment at which it
/// applies, variable by variable.
pub fn wide_table(data: &ResearchData) -> Table {
    let vars = variables();
    let mut columns = vec![
        Column {
            name: Meta::Respondent.code().to_string(),
            var: Var::Meta(Meta::Respondent),
            wide: None,
        },
        Column {
            name: Meta::Member.code().to_string(),
            var: Var::Meta(Meta::Member),
            wide: None,
        },
    ];
    for var in vars
        .iter()
        .filter(|v| !matches!(v, Var::Meta(m) if m.is_key()))
    {
        for role in Role::ALL {
            for moment in Moment::ALL {
                if var.applies(role, moment) {
                    columns.push(Column {
                        name: format!("{}{}", var.name(), wide_suffix(role, moment)),
                        var: *var,
                        wide: Some((role, moment)),
                    });
                }
            }
        }
    }
    let mut people: BTreeMap<(String, Option<String>), Vec<&Record>> = BTreeMap::new();
    for record in &data.records {
        let key = record.key();
        people
            .entry((key.respondent.to_string(), key.member))
            .or_default()
            .push(record);
    }
    let rows = people
        .into_iter()
        .map(|((respondent, member), records)| {
            let scored: Vec<(RecordKey, &Record, Scores)> = records
                .into_iter()
                .map(|r| (r.key(), r, score(&r.envelope.answers)))
                .collect();
            let mut row = vec![Cell::Text(respondent), text_or_empty(member.as_deref())];
            for column in &columns[2..] {
                let (role, moment) = column.wide.expect("wide columns have a role and moment");
                let found = scored
                    .iter()
                    .find(|(k, _, _)| k.role == role && k.moment == moment);
                row.push(match found {
                    Some((_, record, scores)) => cell(&column.var, record, scores),
                    None => Cell::Empty,
                });
            }
            row
        })
        .collect();
    Table { columns, rows }
}

/// The missing codes a column can hold.
pub fn missing_codes(var: &Var) -> Vec<Missing> {
    match var {
        Var::Item(item) | Var::Choice(item, _) => Missing::offered_for(item),
        _ => Vec::new(),
    }
}

/// The wide table with every person's conditions joined at the end, as
/// `cond_<id>` (and `cond_<id>_group` for a two-group rule), the same values
/// as in `balans_conditions.csv`.
pub fn wide_table_with(data: &ResearchData, conditions: &Conditions) -> Table {
    let mut table = wide_table(data);
    for c in CONDITIONS {
        let mut parts = vec![false];
        if c.has_group_column() {
            parts.push(true);
        }
        for group in parts {
            let var = Var::Condition(c, group);
            table.columns.push(Column {
                name: var.name(),
                var,
                wide: None,
            });
        }
    }
    let width = table.columns.len();
    for row in &mut table.rows {
        let key = (
            match row.first() {
                Some(Cell::Text(t)) => t.clone(),
                _ => String::new(),
            },
            match row.get(1) {
                Some(Cell::Text(t)) => Some(t.clone()),
                _ => None,
            },
        );
        let values = conditions
            .people
            .binary_search_by(|(k, _)| k.cmp(&key))
            .ok()
            .map(|i| conditions.people[i].1.clone());
        match values {
            Some(values) => row.extend(condition_cells(&values)),
            None => row.resize(width, Cell::Empty),
        }
    }
    table
}
