//! The dataset downloads: the long and wide CSVs hold the same values,
//! column names are valid in SPSS, R and pandas, and the codebook and SPSS
//! syntax describe every column in both languages.

use std::collections::{HashMap, HashSet};

use balans::core::i18n::Lang;
use balans::core::instrument::{Answer, Missing};
use balans::core::links::demo_study;
use balans::core::research::{
    codebook_csv, long_table, spss_syntax, synthetic_envelopes, variable_label, variables,
    wide_table, Importer, ResearchData, Var,
};

fn data() -> ResearchData {
    let mut importer = Importer::new(ResearchData::default());
    for (i, e) in synthetic_envelopes(5, 40, &demo_study())
        .into_iter()
        .enumerate()
    {
        importer.add(&format!("file-{i}.age"), Ok(e));
    }
    importer.finish().0
}

fn parse(csv_text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn wide_and_long_csv_hold_the_same_values() {
    let data = data();
    let (long_header, long_rows) = parse(&long_table(&data).to_csv());
    let (wide_header, wide_rows) = parse(&wide_table(&data).to_csv());
    assert_eq!(long_rows.len(), data.len());

    let wide_col: HashMap<&str, usize> = wide_header
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let wide_row: HashMap<(&str, &str), &Vec<String>> = wide_rows
        .iter()
        .map(|r| ((r[0].as_str(), r[1].as_str()), r))
        .collect();
    assert_eq!(wide_row.len(), wide_rows.len(), "one wide row per person");
    assert_eq!(wide_rows.len(), data.people());

    let mut compared = 0;
    let mut non_empty = 0;
    let mut seen_in_wide: HashSet<(usize, usize)> = HashSet::new();
    for row in &long_rows {
        let (respondent, member, role, moment) = (&row[0], &row[1], &row[2], &row[3]);
        let suffix = format!("_{}_{}", &role[..1], moment.to_ascii_lowercase());
        let wide = wide_row[&(respondent.as_str(), member.as_str())];
        let wide_index = wide_rows
            .iter()
            .position(|r| std::ptr::eq(r, wide))
            .unwrap();
        for (name, value) in long_header.iter().zip(row).skip(4) {
            match wide_col.get(format!("{name}{suffix}").as_str()) {
                Some(&at) => {
                    assert_eq!(&wide[at], value, "{respondent} {member} {name}{suffix}");
                    seen_in_wide.insert((wide_index, at));
                    compared += 1;
                    non_empty += usize::from(!value.is_empty());
                }
                // Not asked of this role at this moment: empty in long too.
                None => assert_eq!(value, "", "{name} for {role} {moment}"),
            }
        }
    }
    // Every wide cell that no long row filled is empty.
    for (i, row) in wide_rows.iter().enumerate() {
        for (at, value) in row.iter().enumerate().skip(2) {
            if !seen_in_wide.contains(&(i, at)) {
                assert_eq!(value, "", "{} {}: {}", row[0], row[1], wide_header[at]);
            }
        }
    }
    assert!(
        compared > 10_000 && non_empty > 5_000,
        "{compared} {non_empty}"
    );
}

fn valid_name(name: &str) -> bool {
    const RESERVED: &[&str] = &[
        "all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with", "if",
        "else", "repeat", "while", "function", "for", "in", "next", "break", "true", "false",
        "null", "inf", "nan", "na",
    ];
    name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.ends_with('_')
        && !RESERVED.contains(&name)
}

#[test]
fn column_names_are_valid_in_spss_r_and_pandas() {
    let data = data();
    for table in [long_table(&data), wide_table(&data)] {
        let mut seen = HashSet::new();
        for column in &table.columns {
            assert!(valid_name(&column.name), "{}", column.name);
            assert!(seen.insert(column.name.clone()), "{} twice", column.name);
        }
    }
    let long = long_table(&data);
    let names: Vec<&str> = long.columns.iter().map(|c| c.name.as_str()).collect();
    for expected in [
        "respondent",
        "comp_selfconfidence_1",
        "dom_finances_status",
        "approach_interventions_7",
        "score_draagkracht",
        "score_dom_safety",
        "score_balans",
    ] {
        assert!(names.contains(&expected), "{expected}");
    }
}

#[test]
fn cells_keep_codes_missing_values_and_safe_text() {
    let mut data = data();
    let answers = &mut data.records[0].envelope.answers;
    answers.insert("net.talk".into(), Answer::Missing(Missing::NoAnswer));
    answers.insert("net.practical".into(), Answer::Value(2));
    answers.remove("net.contact");
    answers.insert(
        "intro.question".into(),
        Answer::Text("=1+1, \"quoted\"\nsecond line".into()),
    );
    data.records[0].envelope.role = balans::core::instrument::Role::Citizen;
    data.records[0].envelope.moment = balans::core::instrument::Moment::T0;
    let target = data.records[0].file.clone();
    let (header, rows) = parse(&long_table(&data).to_csv());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows
        .iter()
        .find(|r| r[col("source_file")] == target)
        .unwrap();
    assert_eq!(row[col("net_talk")], "98");
    assert_eq!(row[col("net_practical")], "2");
    assert_eq!(row[col("net_contact")], "");
    assert_eq!(
        row[col("intro_question")],
        "'=1+1, \"quoted\" / second line"
    );
    // A score is written with every digit, never with an exponent.
    let score = &row[col("score_network")];
    assert!(!score.contains('e'), "{score}");
}

#[test]
fn the_codebook_labels_every_variable_in_dutch_and_english() {
    let (header, rows) = parse(&codebook_csv());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // The long table's variables, then the plan and interview tables' (research::interview).
    let long: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[col("file")] == "balans_long.csv")
        .collect();
    assert_eq!(long.len(), variables().len());
    for row in &rows {
        for field in ["label_nl", "label_en"] {
            let label = &row[col(field)];
            assert!(
                !label.is_empty() && !label.contains('['),
                "{}: {field} = {label:?}",
                row[0]
            );
        }
        assert!(!row[col("missing_nl")].contains('['), "{}", row[0]);
        assert!(!row[col("construction_en")].contains('['), "{}", row[0]);
    }
    let find = |name: &str| rows.iter().find(|r| r[0] == name).unwrap();
    let item = find("comp_perseverance_2");
    assert!(item[col("values_nl")].starts_with("1 = "));
    assert!(item[col("missing_en")].contains("97 = "));
    assert!(item[col("construction_en")].contains("Reverse-keyed"));
    assert!(item[col("wide_variables")].contains("comp_perseverance_2_p_t2"));
    let domain = find("dom_parenting_status");
    assert!(domain[col("missing_nl")].contains("99 = "));
    let score = find("score_competences");
    assert!(score[col("construction_nl")].contains("comp_perseverance_2"));
    assert_eq!(find("intro_age_group")[col("moments")], "T0");
    assert_eq!(find("approach_say_goals")[col("forms")], "professional");
    // Labels differ by language where the catalogues do.
    let var = Var::Item(balans::core::instrument::item_by_id("net.talk").unwrap());
    assert_ne!(
        variable_label(&var, Lang::Nl),
        variable_label(&var, Lang::En)
    );
}

#[test]
fn spss_syntax_reads_every_column_and_applies_labels() {
    let data = data();
    for (table, file) in [
        (long_table(&data), "balans_long.csv"),
        (wide_table(&data), "balans_wide.csv"),
    ] {
        for lang in Lang::ALL {
            let syntax = spss_syntax(&table, file, lang);
            assert!(syntax.contains(&format!("/FILE='{file}'")));
            assert!(syntax.contains("/ENCODING='UTF8'"));
            for column in &table.columns {
                let declared = syntax
                    .lines()
                    .any(|l| l.trim_start().starts_with(&format!("{} ", column.name)));
                assert!(declared, "{} not read", column.name);
            }
            assert!(
                !syntax.contains('['),
                "a label is missing from the catalogue"
            );
            for line in syntax.lines() {
                assert!(line.len() <= 250, "line too long for SPSS: {line}");
                // Every string literal is closed on its own line.
                assert_eq!(line.matches('\'').count() % 2, 0, "{line}");
            }
            assert!(syntax.contains("MISSING VALUES"));
            assert!(syntax.contains("(97, 98, 99)."));
            assert!(syntax.contains("VALUE LABELS"));
        }
    }
}

/// Issue 12: a Dutch spreadsheet opens the Excel download with accents,
/// columns and decimals intact: BOM, semicolons, decimal comma, the same
/// values as the standard CSV (which keeps its points and commas).
#[test]
fn the_excel_csv_has_a_bom_semicolons_and_decimal_commas() {
    use balans::core::links::demo_study;
    use balans::core::research::{long_table, synthetic_envelopes, Cell, Importer, ResearchData};
    let mut importer = Importer::new(ResearchData::default());
    for (i, e) in synthetic_envelopes(3, 6, &demo_study())
        .into_iter()
        .enumerate()
    {
        importer.add(&format!("{i}.age"), Ok(e));
    }
    let table = long_table(&importer.finish().0);
    let excel = table.to_excel_csv();
    let body = excel
        .strip_prefix('\u{feff}')
        .expect("starts with a byte-order mark");
    let standard = table.to_csv();
    assert!(!standard.starts_with('\u{feff}'));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(header, names);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), table.rows.len());
    let mut decimals = 0;
    for (row, cells) in rows.iter().zip(&table.rows) {
        for (field, cell) in row.iter().zip(cells) {
            match cell {
                Cell::Num(v) => {
                    assert!(!field.contains('.'), "{field}");
                    assert_eq!(field.replace(',', ".").parse::<f64>().unwrap(), *v);
                    decimals += usize::from(field.contains(','));
                }
                other => assert_eq!(field, other.to_csv()),
            }
        }
    }
    assert!(decimals > 0, "the sample has decimal scores");
}

/// Issue 12: the researcher sees where and through whom each form came in:
/// the professional's id stands next to municipality and team, in the long
/// and the wide table, and the codebook labels it.
#[test]
fn the_professional_id_stands_next_to_municipality_and_team() {
    let data = data();
    let (header, rows) = parse(&long_table(&data).to_csv());
    let at = header.iter().position(|h| h == "municipality").unwrap();
    assert_eq!(
        header[at..at + 3],
        ["municipality", "team", "professional_id"]
    );
    let ids: HashSet<&str> = rows.iter().map(|r| r[at + 2].as_str()).collect();
    assert!(
        ids.len() >= 2 && ids.iter().all(|id| id.len() == 10),
        "{ids:?}"
    );
    // The interview list shows them per respondent.
    let first = &rows[0];
    assert_eq!(
        data.professional_ids(&first[0]),
        vec![first[at + 2].clone()]
    );
    assert!(data.professional_ids("R-9999").is_empty());
    let (wide_header, _) = parse(&wide_table(&data).to_csv());
    assert!(wide_header.iter().any(|h| h == "professional_id_c_t0"));
    let (book, book_rows) = parse(&codebook_csv());
    let label = book.iter().position(|h| h == "label_nl").unwrap();
    assert!(book_rows
        .iter()
        .any(|r| r[0] == "professional_id" && r[label] == "Code van de professional"));
}
