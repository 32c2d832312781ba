//! R scripts that read the dataset's CSV files with base R only (nothing to
//! install): one per CSV (long, wide, and the plan and interview tables).
//!
//! What a script does, column by column:
//!
//! - every cell is read as text first, so nothing is guessed; an empty cell
//!   becomes `NA`;
//! - a column that can hold missing codes (97 "weet ik niet", 98 "wil ik
//!   niet zeggen", 99 "n.v.t.") gets a companion factor `<name>_missing`
//!   that says which code it was, and the code itself becomes `NA`. A
//!   companion column rather than an attribute, because attributes are lost
//!   by subsetting and `merge()`, and a column can be tabulated
//!   (`table(d$comp_selfconfidence_1_missing)`);
//! - a column with value labels becomes a factor with the codebook's labels
//!   (ordered for an ordinal scale); numbers become numeric, text stays text;
//! - every column gets a `label` attribute with the codebook's label.
//!
//! Every string is written in ASCII with `\u{…}` escapes, so the script
//! reads the same whatever the R session's encoding.

use super::codebook::{column_label, sheet_label, value_labels};
use super::dataset::{missing_codes, Table, Var};
use super::plan_tables::{Kind, Sheet};
use crate::core::exchange::APP_VERSION;
use crate::core::i18n::{text, text_with, Lang};
use crate::core::instrument::{ItemKind, INSTRUMENT_VERSION};

/// What the script does with one column.
struct RColumn {
    name: String,
    label: String,
    /// Numeric (else text or factor).
    numeric: bool,
    /// Value labels (value as written, label), without missing codes.
    values: Vec<(String, String)>,
    /// Whether the factor is ordered.
    ordered: bool,
    /// Missing codes with their labels.
    missing: Vec<(i32, String)>,
}

/// A string literal for R: ASCII only, with escapes.
fn r_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            _ => out.push_str(&format!("\\u{{{:04x}}}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

fn r_vector(items: impl IntoIterator<Item = String>) -> String {
    format!("c({})", items.into_iter().collect::<Vec<_>>().join(", "))
}

/// A comment line: the text on one line.
fn comment(text: &str) -> String {
    format!("# {}\n", text.replace(['\r', '\n'], " "))
}

fn columns_of_table(table: &Table, lang: Lang) -> Vec<RColumn> {
    table
        .columns
        .iter()
        .map(|c| {
            let labels = value_labels(&c.var, lang);
            let missing: Vec<(i32, String)> = missing_codes(&c.var)
                .into_iter()
                .map(|m| (m.code(), text(lang, m.label_key())))
                .collect();
            let codes: Vec<String> = missing.iter().map(|(c, _)| c.to_string()).collect();
            let ordered = matches!(&c.var, Var::Item(item)
                if matches!(item.kind, ItemKind::Single(scale) if scale.ordinal));
            RColumn {
                name: c.name.clone(),
                label: column_label(&c.var, c.wide, lang),
                numeric: c.var.is_numeric(),
                values: labels
                    .into_iter()
                    .filter(|(v, _)| !codes.contains(v))
                    .collect(),
                ordered,
                missing,
            }
        })
        .collect()
}

fn columns_of_sheet(sheet: &Sheet, lang: Lang) -> Vec<RColumn> {
    sheet
        .columns
        .iter()
        .map(|c| RColumn {
            name: c.name.clone(),
            label: sheet_label(c, lang),
            numeric: matches!(c.kind, Kind::Code | Kind::Choice | Kind::Count),
            values: c
                .values
                .iter()
                .map(|(v, key)| (v.clone(), text(lang, key)))
                .collect(),
            ordered: false,
            missing: Vec::new(),
        })
        .collect()
}

/// The helpers every script defines first.
const HELPERS: &str = r#"balans_text <- function(x) { x[x == ""] <- NA; x }
balans_number <- function(x) as.numeric(balans_text(x))
balans_missing <- function(d, name, codes, labels, label) {
  x <- d[[name]]
  hit <- !is.na(x) & x %in% codes
  d[[paste0(name, "_missing")]] <- factor(ifelse(hit, x, NA), levels = codes, labels = labels)
  attr(d[[paste0(name, "_missing")]], "label") <- label
  x[hit] <- NA
  d[[name]] <- x
  d
}
"#;

fn script(columns: &[RColumn], csv_name: &str, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str("# Encoding: UTF-8.\n");
    out.push_str(&comment(&format!(
        "Balans {APP_VERSION}, instrument {INSTRUMENT_VERSION}: {}",
        text_with(lang, "research.r.intro", &[("file", csv_name)])
    )));
    out.push_str(&comment(&text(lang, "research.r.folder")));
    out.push_str(&comment(&text(lang, "research.r.missing")));
    out.push('\n');
    out.push_str(&format!("balans_file <- {}\n", r_string(csv_name)));
    out.push_str(HELPERS);
    out.push_str(
        "balans <- read.csv(balans_file, colClasses = \"character\", na.strings = character(0),\n  \
         fileEncoding = \"UTF-8\", check.names = FALSE)\n\n",
    );
    for c in columns {
        let name = r_string(&c.name);
        let convert = if c.numeric && c.values.is_empty() {
            "balans_number"
        } else {
            "balans_text"
        };
        out.push_str(&format!(
            "balans[[{name}]] <- {convert}(balans[[{name}]])\n"
        ));
        if !c.missing.is_empty() {
            let missing_label = text_with(lang, "research.r.missing_label", &[("label", &c.label)]);
            out.push_str(&format!(
                "balans <- balans_missing(balans, {name}, {}, {}, {})\n",
                r_vector(
                    c.missing
                        .iter()
                        .map(|(code, _)| r_string(&code.to_string()))
                ),
                r_vector(c.missing.iter().map(|(_, l)| r_string(l))),
                r_string(&missing_label),
            ));
        }
        if !c.values.is_empty() {
            out.push_str(&format!(
                "balans[[{name}]] <- factor(balans[[{name}]], levels = {}, labels = {}{})\n",
                r_vector(c.values.iter().map(|(v, _)| r_string(v))),
                r_vector(c.values.iter().map(|(_, l)| r_string(l))),
                if c.ordered { ", ordered = TRUE" } else { "" },
            ));
        }
        out.push_str(&format!(
            "attr(balans[[{name}]], \"label\") <- {}\n",
            r_string(&c.label)
        ));
    }
    out.push_str("\nrm(balans_text, balans_number, balans_missing)\n");
    out
}

/// The R script that reads `csv_name` (the CSV of `table`: the long or the
/// wide table), with labels in `lang`.
pub fn r_script(table: &Table, csv_name: &str, lang: Lang) -> String {
    script(&columns_of_table(table, lang), csv_name, lang)
}

/// The R script that reads a plan or interview table's CSV.
pub fn r_script_for_sheet(sheet: &Sheet, lang: Lang) -> String {
    script(&columns_of_sheet(sheet, lang), sheet.file, lang)
}

/// The file name of the R script for `csv_name` in `lang`:
/// `balans_long.csv` → `balans_long_nl.R`.
pub fn r_script_name(csv_name: &str, lang: Lang) -> String {
    format!(
        "{}_{}.R",
        csv_name.strip_suffix(".csv").unwrap_or(csv_name),
        lang.code()
    )
}
