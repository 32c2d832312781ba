//! What the dataset's columns mean: labels in Dutch and English (from the
//! catalogues), value labels, missing codes and how each score is made; as a
//! codebook CSV and as SPSS syntax that reads a dataset CSV and applies them.

use std::collections::BTreeMap;

use super::conditions::{conditions_sheet, Conditions};
use super::dataset::{
    missing_codes, variables, wide_suffix, Measure, Meta, SayVar, Table, Var, LONG_CSV_NAME,
};
use super::plan_tables::{approach_sheets, SheetColumn};
use crate::core::exchange::APP_VERSION;
use crate::core::i18n::{text, text_with, Lang};
use crate::core::instrument::Missing;
use crate::core::instrument::{Dimension, Item, ItemKind, Moment, Role, INSTRUMENT_VERSION, ITEMS};
use crate::core::questionnaire::Mode;

/// File name of the codebook.
pub const CODEBOOK_NAME: &str = "balans_codebook.csv";

/// SPSS caps variable labels at 256 bytes and value labels at 120.
const MAX_VARIABLE_LABEL: usize = 250;
const MAX_VALUE_LABEL: usize = 120;

/// The name of a measure in `lang` ("Draaglast: Geld en schulden").
pub fn measure_label(measure: Measure, lang: Lang) -> String {
    match measure {
        Measure::Domain(d) => text_with(
            lang,
            measure.label_key(),
            &[(
                "domain",
                &text(lang, crate::core::professional::staff_domain_key(d)),
            )],
        ),
        _ => text(lang, measure.label_key()),
    }
}

fn role_label(role: Role, lang: Lang) -> String {
    text(
        lang,
        match role {
            Role::Citizen => "research.role.citizen",
            Role::Professional => "research.role.professional",
        },
    )
}

/// The question as a label: the citizen's wording, or the professional's for
/// the items only they answer.
fn question(item: &Item, lang: Lang) -> String {
    let role = if item.on_form(Role::Citizen) {
        Role::Citizen
    } else {
        Role::Professional
    };
    text(lang, item.text_key(role))
}

/// The label of a long variable in `lang`.
pub fn variable_label(var: &Var, lang: Lang) -> String {
    match var {
        Var::Meta(meta) => text(lang, meta.label_key()),
        Var::Item(item) => question(item, lang),
        Var::Choice(item, code) => {
            let option = item
                .scale()
                .and_then(|s| s.label_key(*code))
                .map(|k| text(lang, k))
                .unwrap_or_default();
            text_with(
                lang,
                "research.var.choice",
                &[("question", &question(item, lang)), ("option", &option)],
            )
        }
        Var::Say(v) => say_label(*v, lang),
        Var::Score(measure) => {
            let (min, max) = measure.range();
            text_with(
                lang,
                "research.var.score",
                &[
                    ("measure", &measure_label(*measure, lang)),
                    ("min", &min.to_string()),
                    ("max", &max.to_string()),
                ],
            )
        }
        Var::Condition(c, group) => {
            let label = match c.arg {
                Some((name, key)) => text_with(lang, c.label_key, &[(name, &text(lang, key))]),
                None => text(lang, c.label_key),
            };
            if *group {
                text_with(lang, "research.cond.group_of", &[("label", &label)])
            } else {
                label
            }
        }
    }
}

/// The label of a column of the citizen's own say.
fn say_label(var: SayVar, lang: Lang) -> String {
    match var {
        SayVar::Topic(t) => text_with(
            lang,
            "research.var.topic",
            &[("topic", &text(lang, t.label_key()))],
        ),
        SayVar::OtherText => text(lang, "research.var.topic_other_text"),
        SayVar::Nothing => text(lang, "research.var.topic_none"),
        SayVar::Mode => text(lang, "research.var.mode"),
    }
}

/// The label of a table column (a wide column says its role and moment).
pub(crate) fn column_label(var: &Var, wide: Option<(Role, Moment)>, lang: Lang) -> String {
    let label = variable_label(var, lang);
    match wide {
        None => label,
        Some((role, moment)) => text_with(
            lang,
            "research.var.wide",
            &[
                ("label", &label),
                ("role", &role_label(role, lang)),
                ("moment", moment.code()),
            ],
        ),
    }
}

/// The value labels of a variable: (value as written in the CSV, label),
/// missing codes last.
pub fn value_labels(var: &Var, lang: Lang) -> Vec<(String, String)> {
    let mut labels: Vec<(String, String)> = match var {
        Var::Meta(Meta::Role) => Role::ALL
            .iter()
            .map(|r| (r.code().to_string(), role_label(*r, lang)))
            .collect(),
        Var::Meta(Meta::Moment) => Moment::ALL
            .iter()
            .map(|m| {
                let name = text(lang, m.label_key());
                (m.code().to_string(), format!("{} ({name})", m.code()))
            })
            .collect(),
        Var::Meta(Meta::Language) => Lang::ALL
            .iter()
            .map(|l| (l.code().to_string(), text(lang, l.name_key())))
            .collect(),
        Var::Item(item) => match &item.kind {
            ItemKind::Single(scale) => scale
                .options
                .iter()
                .map(|(code, key)| (code.to_string(), text(lang, key)))
                .collect(),
            _ => Vec::new(),
        },
        Var::Choice(..) | Var::Say(SayVar::Topic(_) | SayVar::Nothing) => vec![
            ("0".to_string(), text(lang, "research.value.not_chosen")),
            ("1".to_string(), text(lang, "research.value.chosen")),
        ],
        Var::Say(SayVar::Mode) => Mode::ALL
            .iter()
            .map(|m| (m.code().to_string(), text(lang, m.label_key())))
            .collect(),
        Var::Condition(c, group) if *group || !c.has_group_column() => c
            .group_labels()
            .into_iter()
            .map(|(v, key)| (v, text(lang, key)))
            .collect(),
        _ => Vec::new(),
    };
    labels.extend(
        missing_codes(var)
            .into_iter()
            .map(|m| (m.code().to_string(), text(lang, m.label_key()))),
    );
    labels
}

fn dimension_measure(dim: Dimension) -> Measure {
    match dim {
        Dimension::Competences => Measure::Competences,
        Dimension::Network => Measure::Network,
        Dimension::Services => Measure::Services,
        Dimension::Domain(d) => Measure::Domain(d),
        Dimension::Behaviour => Measure::Behaviour,
    }
}

fn scored_items(measure: Measure) -> Vec<&'static Item> {
    ITEMS
        .iter()
        .filter(|i| i.scored_in.map(dimension_measure) == Some(measure))
        .collect()
}

fn names(items: &[&'static Item]) -> String {
    items
        .iter()
        .map(|i| Var::Item(i).name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a variable is made, in `lang` (empty for plain answers).
pub fn construction(var: &Var, lang: Lang) -> String {
    match var {
        Var::Item(item) => match item.scored_in {
            Some(dim) => {
                let score = Var::Score(dimension_measure(dim)).name();
                let mut out = text_with(lang, "research.construct.item_in", &[("score", &score)]);
                if item.reverse {
                    out.push(' ');
                    out.push_str(&text(lang, "research.construct.reversed"));
                }
                if matches!(dim, Dimension::Domain(_)) {
                    out.push(' ');
                    out.push_str(&text(lang, "research.construct.burden_item"));
                }
                out
            }
            None => String::new(),
        },
        Var::Choice(..) => text(lang, "research.construct.choice"),
        Var::Score(measure) => score_construction(*measure, lang),
        Var::Say(SayVar::Topic(_) | SayVar::OtherText | SayVar::Nothing) => {
            text(lang, "research.construct.topics")
        }
        Var::Say(SayVar::Mode) => text(lang, "research.construct.mode"),
        Var::Condition(c, _) => text(lang, c.rule_key),
        Var::Meta(_) => String::new(),
    }
}

fn score_construction(measure: Measure, lang: Lang) -> String {
    match measure {
        Measure::Competences | Measure::Network | Measure::Services | Measure::Behaviour => {
            let items = scored_items(measure);
            let reversed: Vec<&'static Item> =
                items.iter().copied().filter(|i| i.reverse).collect();
            let mut out = text_with(
                lang,
                "research.construct.mean",
                &[
                    ("items", &names(&items)),
                    ("n", &items.len().to_string()),
                    ("min", &items.len().div_ceil(2).to_string()),
                ],
            );
            if !reversed.is_empty() {
                out.push(' ');
                out.push_str(&text_with(
                    lang,
                    "research.construct.reversed_items",
                    &[("items", &names(&reversed))],
                ));
            }
            out
        }
        Measure::Domain(_) => text_with(
            lang,
            "research.construct.domain",
            &[("item", &names(&scored_items(measure)))],
        ),
        Measure::Draagkracht => text(lang, "research.construct.draagkracht"),
        Measure::Draaglast => text(lang, "research.construct.draaglast"),
        Measure::Balans => text(lang, "research.construct.balans"),
    }
}

fn kind_code(var: &Var) -> &'static str {
    match var {
        Var::Meta(_) => "string",
        Var::Item(item) if matches!(item.kind, ItemKind::Text) => "text",
        Var::Item(_) => "code",
        Var::Choice(..) => "choice",
        Var::Score(_) => "score",
        Var::Say(SayVar::OtherText) => "text",
        Var::Say(SayVar::Mode) => "code",
        Var::Say(_) => "choice",
        Var::Condition(..) => "condition",
    }
}

fn missing_text(var: &Var, lang: Lang) -> String {
    let mut parts: Vec<String> = missing_codes(var)
        .into_iter()
        .map(|m| format!("{} = {}", m.code(), text(lang, m.label_key())))
        .collect();
    let empty = match var {
        Var::Score(_) => Some("research.codebook.empty_score"),
        Var::Item(_) | Var::Choice(..) => Some("research.codebook.empty_item"),
        Var::Say(SayVar::Mode) => Some("research.codebook.empty_mode"),
        Var::Say(_) => Some("research.codebook.empty_topics"),
        // An empty `member` means the main respondent, as its label says.
        Var::Meta(m) if !m.is_key() => Some("research.codebook.empty_meta"),
        Var::Meta(_) => None,
        Var::Condition(..) => Some("research.cond.empty"),
    };
    parts.extend(empty.map(|k| text(lang, k)));
    parts.join("; ")
}

fn applies_to(var: &Var) -> (String, String) {
    let roles: Vec<&str> = Role::ALL
        .iter()
        .filter(|r| Moment::ALL.iter().any(|m| var.applies(**r, *m)))
        .map(|r| r.code())
        .collect();
    let moments: Vec<&str> = Moment::ALL
        .iter()
        .filter(|m| Role::ALL.iter().any(|r| var.applies(*r, **m)))
        .map(|m| m.code())
        .collect();
    (roles.join(" "), moments.join(" "))
}

fn wide_names(var: &Var) -> String {
    if matches!(var, Var::Meta(m) if m.is_key()) {
        return match var {
            Var::Meta(Meta::Respondent | Meta::Member) => var.name(),
            _ => String::new(),
        };
    }
    let mut out = Vec::new();
    for role in Role::ALL {
        for moment in Moment::ALL {
            if var.applies(role, moment) {
                out.push(format!("{}{}", var.name(), wide_suffix(role, moment)));
            }
        }
    }
    out.join(" ")
}

/// The label of a plan or interview column in `lang`.
pub(crate) fn sheet_label(column: &SheetColumn, lang: Lang) -> String {
    match column.arg {
        Some((name, key)) => text_with(lang, column.label_key, &[(name, &text(lang, key))]),
        None => text(lang, column.label_key),
    }
}

/// The codebook as CSV: one row per long variable, with its labels, values,
/// missing codes and construction in Dutch and English, the forms and
/// moments that ask it, its names in the wide table, and `file`
/// (`balans_long.csv`); then one row per column of the plan and interview
/// tables, each naming its own file.
pub fn codebook_csv() -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "variable",
        "type",
        "label_nl",
        "label_en",
        "values_nl",
        "values_en",
        "missing_nl",
        "missing_en",
        "construction_nl",
        "construction_en",
        "forms",
        "moments",
        "wide_variables",
        "file",
    ];
    writer.write_record(header).expect("writing to memory");
    for var in variables() {
        let values = |lang| {
            value_labels(&var, lang)
                .into_iter()
                .filter(|(v, _)| !is_missing_code(v))
                .map(|(v, l)| format!("{v} = {l}"))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let (forms, moments) = applies_to(&var);
        writer
            .write_record([
                var.name(),
                kind_code(&var).to_string(),
                variable_label(&var, Lang::Nl),
                variable_label(&var, Lang::En),
                values(Lang::Nl),
                values(Lang::En),
                missing_text(&var, Lang::Nl),
                missing_text(&var, Lang::En),
                construction(&var, Lang::Nl),
                construction(&var, Lang::En),
                forms,
                moments,
                wide_names(&var),
                LONG_CSV_NAME.to_string(),
            ])
            .expect("writing to memory");
    }
    let conditions = conditions_sheet(&Conditions::default());
    for sheet in approach_sheets().iter().chain([&conditions]) {
        for column in &sheet.columns {
            let values = |lang| {
                column
                    .values
                    .iter()
                    .map(|(v, key)| format!("{v} = {}", text(lang, key)))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let empty = |lang| column.empty_key.map(|k| text(lang, k)).unwrap_or_default();
            let rule = |lang| column.rule_key.map(|k| text(lang, k)).unwrap_or_default();
            writer
                .write_record([
                    column.name.clone(),
                    column.kind.code().to_string(),
                    sheet_label(column, Lang::Nl),
                    sheet_label(column, Lang::En),
                    values(Lang::Nl),
                    values(Lang::En),
                    empty(Lang::Nl),
                    empty(Lang::En),
                    rule(Lang::Nl),
                    rule(Lang::En),
                    sheet.source.to_string(),
                    String::new(),
                    String::new(),
                    sheet.file.to_string(),
                ])
                .expect("writing to memory");
        }
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8")
}

fn is_missing_code(value: &str) -> bool {
    Missing::ALL.iter().any(|m| m.code().to_string() == value)
}

/// At most `max` bytes of `text`, cut at a character boundary.
fn truncate_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// An SPSS string literal: apostrophes doubled, long text split into
/// pieces joined with `+` so no syntax line grows too long.
fn spss_string(text: &str) -> String {
    let one_line = text.replace(['\r', '\n'], " ");
    let mut pieces = Vec::new();
    let mut rest = one_line.as_str();
    while !rest.is_empty() {
        let piece = truncate_bytes(rest, 100);
        let piece = if piece.is_empty() {
            // A single character wider than the limit cannot happen in UTF-8
            // (4 bytes at most), but never loop forever.
            rest
        } else {
            piece
        };
        pieces.push(format!("'{}'", piece.replace('\'', "''")));
        rest = &rest[piece.len()..];
    }
    if pieces.is_empty() {
        return "''".to_string();
    }
    pieces.join("\n    + ")
}

/// Names in indented lines of at most about 100 bytes.
fn name_lines(names: &[&str]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for name in names {
        match lines.last_mut() {
            Some(line) if line.len() + name.len() < 100 => {
                line.push(' ');
                line.push_str(name);
            }
            _ => lines.push(format!("  {name}")),
        }
    }
    lines.join("\n")
}

fn level(var: &Var) -> &'static str {
    match var {
        Var::Score(_) => "SCALE",
        Var::Condition(c, false) if c.has_group_column() => "SCALE",
        Var::Item(item) => match item.scale() {
            Some(scale) if scale.ordinal => "ORDINAL",
            _ => "NOMINAL",
        },
        _ => "NOMINAL",
    }
}

/// SPSS syntax that reads `csv_name` (the CSV of `table`) as UTF-8 and
/// applies variable labels, value labels, missing values, measurement
/// levels and display formats, with labels in `lang`. String widths are the
/// widest value in the table, so nothing is cut off.
pub fn spss_syntax(table: &Table, csv_name: &str, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "* Encoding: UTF-8.\n* Balans {APP_VERSION}, instrument {INSTRUMENT_VERSION}: {}\n",
        text_with(lang, "research.spss.intro", &[("file", csv_name)])
    ));
    out.push_str(&format!("* {}\n", text(lang, "research.spss.folder")));
    out.push_str("* CD 'C:\\path\\to\\folder'.\n\n");
    out.push_str(&format!(
        "GET DATA\n  /TYPE=TXT\n  /FILE='{csv_name}'\n  /ENCODING='UTF8'\n  /ARRANGEMENT=DELIMITED\n  /DELCASE=LINE\n  /FIRSTCASE=2\n  /DELIMITERS=','\n  /QUALIFIER='\"'\n  /VARIABLES=\n"
    ));
    // String widths come from the data; PSPP refuses to label string
    // variables of different widths together, so the width is part of the
    // value-label groups below.
    let widths: Vec<Option<usize>> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            (!column.var.is_numeric()).then(|| {
                table
                    .rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|cell| cell.to_csv().len())
                    // A labelled value must fit too, also in an empty column.
                    .chain(value_labels(&column.var, lang).iter().map(|(v, _)| v.len()))
                    .max()
                    .unwrap_or(1)
                    .clamp(1, 32_767)
            })
        })
        .collect();
    for (column, width) in table.columns.iter().zip(&widths) {
        let format = match (width, &column.var) {
            (Some(width), _) => format!("A{width}"),
            // Read every digit; FORMATS below sets what is shown.
            (None, Var::Score(_) | Var::Condition(..)) => "F24.0".to_string(),
            (None, _) => "F2.0".to_string(),
        };
        out.push_str(&format!("    {} {format}\n", column.name));
    }
    out.push_str(".\nCACHE.\nEXECUTE.\nDATASET NAME balans WINDOW=FRONT.\n\n");

    out.push_str("VARIABLE LABELS\n");
    let labels: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            let label = column_label(&c.var, c.wide, lang);
            format!(
                "{} {}",
                c.name,
                spss_string(truncate_bytes(&label, MAX_VARIABLE_LABEL))
            )
        })
        .collect();
    out.push_str("  ");
    out.push_str(&labels.join("\n  /"));
    out.push_str(".\n\n");

    // Variables sharing the same value labels are labelled together.
    // String variables also need the same width (see above).
    type LabelGroup = (Vec<(String, String)>, Option<usize>);
    let mut groups: BTreeMap<LabelGroup, Vec<&str>> = BTreeMap::new();
    let mut order: Vec<LabelGroup> = Vec::new();
    for (c, width) in table.columns.iter().zip(&widths) {
        let labels = value_labels(&c.var, lang);
        if labels.is_empty() {
            continue;
        }
        let key = (labels, *width);
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(&c.name);
    }
    if !order.is_empty() {
        out.push_str("VALUE LABELS\n");
        let blocks: Vec<String> = order
            .iter()
            .map(|key| {
                let labels = &key.0;
                let string_var = labels.iter().any(|(v, _)| v.parse::<i32>().is_err());
                let values: Vec<String> = labels
                    .iter()
                    .map(|(v, l)| {
                        let value = if string_var {
                            spss_string(v)
                        } else {
                            v.clone()
                        };
                        format!(
                            "    {value} {}",
                            spss_string(truncate_bytes(l, MAX_VALUE_LABEL))
                        )
                    })
                    .collect();
                format!(
                    "{}\n{}",
                    name_lines(&groups[key]).trim_start(),
                    values.join("\n")
                )
            })
            .collect();
        out.push_str("  ");
        out.push_str(&blocks.join("\n  /"));
        out.push_str(".\n\n");
    }

    let mut missing: BTreeMap<Vec<i32>, Vec<&str>> = BTreeMap::new();
    for c in &table.columns {
        let codes: Vec<i32> = missing_codes(&c.var).iter().map(|m| m.code()).collect();
        if !codes.is_empty() {
            missing.entry(codes).or_default().push(&c.name);
        }
    }
    for (codes, names) in &missing {
        let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
        out.push_str(&format!(
            "MISSING VALUES\n{} ({}).\n",
            name_lines(names),
            codes.join(", ")
        ));
    }

    let mut levels: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for c in &table.columns {
        if c.var.is_numeric() {
            levels.entry(level(&c.var)).or_default().push(&c.name);
        }
    }
    for (level, names) in &levels {
        out.push_str(&format!(
            "VARIABLE LEVEL\n{} ({level}).\n",
            name_lines(names)
        ));
    }
    let scores: Vec<&str> = table
        .columns
        .iter()
        .filter(|c| {
            matches!(c.var, Var::Score(_))
                || matches!(c.var, Var::Condition(c, false) if c.has_group_column())
        })
        .map(|c| c.name.as_str())
        .collect();
    if !scores.is_empty() {
        out.push_str(&format!("FORMATS\n{} (F8.2).\n", name_lines(&scores)));
    }
    out.push_str("EXECUTE.\n");
    out
}
