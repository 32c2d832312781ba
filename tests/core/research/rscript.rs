//! The R scripts run in R (`Rscript`, Debian's `r-base-core`) against the
//! CSV they were made for, without errors or warnings, and what R then
//! holds equals the CSV and the codebook: every value (a code's factor
//! label, a number, a text; an empty cell `NA`; a missing code `NA` with the
//! code's label in `<name>_missing`) and every `label` attribute.
//! `scripts/setup` installs R and `scripts/test` sets `BALANS_REQUIRE_R`;
//! elsewhere, without R, this test says so and passes.

use std::collections::HashMap;
use std::fs;
use std::process::Command;

use balans::core::i18n::Lang;
use balans::core::links::demo_study;
use balans::core::research::{
    codebook_csv, goals_sheet, interview_sheet, long_table, plans_sheet, r_script,
    r_script_for_sheet, r_script_name, steps_sheet, synthetic_envelopes, wide_table, Importer,
    ResearchData,
};

/// Appended to each script: writes what R holds, as text, for the
/// comparison. Factors as their labels, numbers with 17 digits, `NA` as
/// `<NA>`, a missing code as `<NA:label>`.
const DUMP: &str = r#"
balans_out <- lapply(names(balans)[!grepl("_missing$", names(balans)) | !(sub("_missing$", "", names(balans)) %in% names(balans))], function(n) {
  x <- balans[[n]]
  v <- if (is.factor(x)) as.character(x) else if (is.numeric(x)) sprintf("%.17g", x) else x
  v[is.na(x)] <- "<NA>"
  m <- balans[[paste0(n, "_missing")]]
  if (!is.null(m)) v[!is.na(m)] <- paste0("<NA:", as.character(m[!is.na(m)]), ">")
  v
})
names(balans_out) <- names(balans)[!grepl("_missing$", names(balans)) | !(sub("_missing$", "", names(balans)) %in% names(balans))]
write.csv(as.data.frame(balans_out, check.names = FALSE, stringsAsFactors = FALSE), "values.csv", row.names = FALSE, fileEncoding = "UTF-8")
labels <- vapply(names(balans), function(n) { l <- attr(balans[[n]], "label"); if (is.null(l)) "<none>" else l }, "")
write.csv(data.frame(name = names(balans), label = labels, class = vapply(balans, function(x) class(x)[1], "")), "labels.csv", row.names = FALSE, fileEncoding = "UTF-8")
"#;

fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// Runs `script` with `csv` in a fresh folder; returns R's values and
/// labels by column name.
fn run_r(dir: &std::path::Path, name: &str, csv: &str, script: &str) -> RResult {
    let folder = dir.join(name);
    fs::create_dir_all(&folder).unwrap();
    let csv_name = script
        .lines()
        .find_map(|l| l.strip_prefix("balans_file <- \""))
        .and_then(|l| l.strip_suffix('"'))
        .unwrap()
        .to_string();
    fs::write(folder.join(&csv_name), csv).unwrap();
    fs::write(folder.join("script.R"), format!("{script}{DUMP}")).unwrap();
    let output = Command::new("Rscript")
        .current_dir(&folder)
        .args(["--vanilla", "script.R"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{name}: {stderr}");
    assert!(
        !stderr.contains("Warning") && !stderr.contains("Error"),
        "{name}: {stderr}"
    );
    let (header, rows) = read_csv(&fs::read_to_string(folder.join("values.csv")).unwrap());
    let values = header
        .iter()
        .enumerate()
        .map(|(i, h)| (h.clone(), rows.iter().map(|r| r[i].clone()).collect()))
        .collect();
    let (_, label_rows) = read_csv(&fs::read_to_string(folder.join("labels.csv")).unwrap());
    let labels = label_rows
        .into_iter()
        .map(|r| (r[0].clone(), (r[1].clone(), r[2].clone())))
        .collect();
    RResult { values, labels }
}

struct RResult {
    values: HashMap<String, Vec<String>>,
    /// name → (label attribute, class)
    labels: HashMap<String, (String, String)>,
}

fn data() -> ResearchData {
    let mut importer = Importer::new(ResearchData::default());
    for (i, e) in synthetic_envelopes(15, 12, &demo_study())
        .into_iter()
        .enumerate()
    {
        importer.add(&format!("{i}.age"), Ok(e));
    }
    importer.finish().0
}

/// One codebook row: label, value labels and missing codes ("code = label").
struct BookRow {
    label: String,
    values: HashMap<String, String>,
    missing: HashMap<String, String>,
}

/// The codebook's rows by (file, variable).
fn codebook(lang: Lang) -> HashMap<(String, String), BookRow> {
    let (header, rows) = read_csv(&codebook_csv());
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let code = lang.code();
    let (label, values, missing) = (
        col(&format!("label_{code}")),
        col(&format!("values_{code}")),
        col(&format!("missing_{code}")),
    );
    let pairs = |text: &str| -> HashMap<String, String> {
        text.split("; ")
            .filter_map(|pair| pair.split_once(" = "))
            .map(|(v, l)| (v.to_string(), l.to_string()))
            .collect()
    };
    rows.into_iter()
        .map(|r| {
            (
                (r[col("file")].clone(), r[col("variable")].clone()),
                BookRow {
                    label: r[label].clone(),
                    values: pairs(&r[values]),
                    missing: pairs(&r[missing]),
                },
            )
        })
        .collect()
}

#[test]
fn r_scripts_read_every_csv_with_the_codebooks_labels() {
    if Command::new("Rscript").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("BALANS_REQUIRE_R").is_none(),
            "Rscript is required here but not installed (scripts/setup installs r-base-core)"
        );
        eprintln!("R is not installed: R scripts not run (see this file's header)");
        return;
    }
    let data = data();
    let dir = std::env::temp_dir().join(format!("balans-r-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let mut cells = 0;
    for lang in [Lang::Nl, Lang::En] {
        let book = codebook(lang);
        for (kind, table) in [("long", long_table(&data)), ("wide", wide_table(&data))] {
            let csv_name = format!("balans_{kind}.csv");
            let script = r_script(&table, &csv_name, lang);
            assert_eq!(
                r_script_name(&csv_name, lang),
                format!("balans_{kind}_{}.R", lang.code())
            );
            assert!(script.is_ascii(), "the script is plain ASCII");
            let name = format!("{kind}_{}", lang.code());
            let r = run_r(&dir, &name, &table.to_csv(), &script);
            for (i, column) in table.columns.iter().enumerate() {
                let ctx = format!("{name} {}", column.name);
                // The long variable the wide column comes from.
                let long_name = match column.wide {
                    Some(_) => column.name[..column.name.len() - 5].to_string(),
                    None => column.name.clone(),
                };
                let row_book = &book[&("balans_long.csv".to_string(), long_name)];
                let (label, _) = &r.labels[&column.name];
                if column.wide.is_none() {
                    assert_eq!(label, &row_book.label, "{ctx}: label");
                } else {
                    assert!(label.starts_with(row_book.label.as_str()), "{ctx}: {label}");
                }
                let got = &r.values[&column.name];
                assert_eq!(got.len(), table.rows.len(), "{ctx}");
                for (row, value) in table.rows.iter().zip(got) {
                    let csv = row[i].to_csv();
                    let want = if csv.is_empty() {
                        "<NA>".to_string()
                    } else if let Some(l) = row_book.missing.get(&csv) {
                        format!("<NA:{l}>")
                    } else if let Some(l) = row_book.values.get(&csv) {
                        l.clone()
                    } else {
                        csv.clone()
                    };
                    if column.var.is_numeric()
                        && row_book.values.is_empty()
                        && !want.starts_with('<')
                    {
                        let (a, b): (f64, f64) = (value.parse().unwrap(), csv.parse().unwrap());
                        assert_eq!(a, b, "{ctx}");
                    } else {
                        assert_eq!(value, &want, "{ctx}");
                    }
                    cells += 1;
                }
            }
        }
        for sheet in [
            plans_sheet(&data),
            goals_sheet(&data),
            steps_sheet(&data),
            interview_sheet(&[]),
        ] {
            let script = r_script_for_sheet(&sheet, lang);
            let name = format!("{}_{}", sheet.file, lang.code());
            let r = run_r(&dir, &name, &sheet.to_csv(), &script);
            for column in &sheet.columns {
                let (label, _) = &r.labels[&column.name];
                let key = (sheet.file.to_string(), column.name.clone());
                assert_eq!(label, &book[&key].label, "{name} {}", column.name);
            }
        }
    }
    assert!(cells > 10_000, "only {cells} cells compared");
    fs::remove_dir_all(&dir).unwrap();
}
