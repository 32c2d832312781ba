//! The analysis of a made-up dataset equals scipy and scikit-learn to 1e-9.
//!
//! The scores of two synthetic datasets are fixtures
//! (`tests/fixtures/stats/analysis_<name>.csv`); this test checks that the
//! app still produces exactly those scores, then that its analysis equals
//! `tests/fixtures/stats/analysis_reference.json`, which
//! `tests/reference/analysis_reference.py` computed from the same CSVs with
//! scipy 1.17, scikit-learn 1.9 and statsmodels 0.15 (Holm). After a deliberate change to the
//! generator or the scoring, rewrite both:
//!
//! ```sh
//! UPDATE_FIXTURES=1 cargo test --test core research::analysis
//! python3 tests/reference/analysis_reference.py
//! ```

use std::fs;

use balans::core::instrument::{Moment, Role};
use balans::core::links::demo_study;
use balans::core::research::{
    analyse, long_table, synthetic_envelopes, Analysis, Importer, Measure, ResearchData,
    COMPARISONS,
};
use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

/// (name, seed, respondents): a small set reaches the exact and permutation
/// Wilcoxon branches, a large one the normal approximation.
const DATASETS: [(&str, u64, usize); 2] = [("small", 3, 12), ("large", 2026, 80)];

fn data(seed: u64, people: usize) -> ResearchData {
    let mut importer = Importer::new(ResearchData::default());
    for (i, e) in synthetic_envelopes(seed, people, &demo_study())
        .into_iter()
        .enumerate()
    {
        importer.add(&format!("{i}.age"), Ok(e));
    }
    importer.finish().0
}

/// The long CSV cut down to what the analysis reads.
fn scores_csv(data: &ResearchData) -> String {
    let table = long_table(data);
    let keep: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            ["respondent", "member", "role", "moment"].contains(&c.name.as_str())
                || c.name.starts_with("score_")
                || (c.name.starts_with("dom_") && c.name.ends_with("_status"))
        })
        .map(|(i, _)| i)
        .collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(keep.iter().map(|&i| table.columns[i].name.as_str()))
        .unwrap();
    for row in &table.rows {
        writer
            .write_record(keep.iter().map(|&i| row[i].to_csv()))
            .unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

fn close(context: &str, got: Option<f64>, want: &Value) {
    match (got, want.as_f64()) {
        (None, None) => {}
        (Some(g), Some(w)) => assert!(
            (g - w).abs() <= TOLERANCE,
            "{context}: {g} but the reference says {w}"
        ),
        (g, _) => panic!("{context}: {g:?} but the reference says {want}"),
    }
}

fn check(name: &str, analysis: &Analysis, reference: &Value) {
    let mut checked = 0;
    for row in reference["measures"].as_array().unwrap() {
        let role = if row["role"] == "citizen" {
            Role::Citizen
        } else {
            Role::Professional
        };
        let measure = *Measure::ALL
            .iter()
            .find(|m| m.code() == row["measure"].as_str().unwrap())
            .unwrap();
        let got = analysis.row(role, measure).unwrap();
        let ctx = format!("{name} {} {}", row["role"], row["measure"]);
        for m in 0..3 {
            assert_eq!(got.n[m] as u64, row["n"][m].as_u64().unwrap(), "{ctx} n");
            close(&format!("{ctx} mean {m}"), got.mean[m], &row["mean"][m]);
        }
        for (i, (from, to)) in COMPARISONS.iter().enumerate() {
            let want = &row["changes"][i];
            let c = &got.changes[i];
            let ctx = format!("{ctx} {}→{}", from.code(), to.code());
            assert_eq!((c.from, c.to), (*from, *to));
            assert_eq!(c.n as u64, want["n"].as_u64().unwrap(), "{ctx} n");
            let t = c.t.as_ref();
            close(
                &format!("{ctx} mean_diff"),
                t.map(|t| t.mean_diff),
                &want["mean_diff"],
            );
            close(&format!("{ctx} t"), t.and_then(|t| t.t), &want["t"]);
            close(&format!("{ctx} p_t"), t.and_then(|t| t.p), &want["p_t"]);
            close(&format!("{ctx} d_z"), t.and_then(|t| t.d_z), &want["d_z"]);
            let ci = c.ci.as_ref();
            close(&format!("{ctx} ci_low"), ci.map(|c| c.low), &want["ci_low"]);
            close(
                &format!("{ctx} ci_high"),
                ci.map(|c| c.high),
                &want["ci_high"],
            );
            close(&format!("{ctx} p_t_holm"), c.p_t_holm, &want["p_t_holm"]);
            close(
                &format!("{ctx} p_wilcoxon_holm"),
                c.p_wilcoxon_holm,
                &want["p_wilcoxon_holm"],
            );
            let w = c.wilcoxon.as_ref();
            close(
                &format!("{ctx} W"),
                w.map(|w| w.statistic),
                &want["wilcoxon_w"],
            );
            close(&format!("{ctx} p_w"), w.map(|w| w.p), &want["p_wilcoxon"]);
            if let Some(w) = w {
                assert_eq!(w.method.code(), want["wilcoxon_method"], "{ctx}");
            }
            checked += 1;
        }
        assert_eq!(got.friedman_n as u64, row["friedman_n"].as_u64().unwrap());
        let f = got.friedman.as_ref();
        close(
            &format!("{ctx} chi2"),
            f.map(|f| f.chi2),
            &row["friedman_chi2"],
        );
        close(&format!("{ctx} p_f"), f.map(|f| f.p), &row["p_friedman"]);
        close(
            &format!("{ctx} W"),
            f.map(|f| f.kendall_w),
            &row["kendall_w"],
        );
    }
    for want in reference["agreement"].as_array().unwrap() {
        let a = analysis
            .agreement
            .iter()
            .find(|a| {
                a.domain.code() == want["domain"].as_str().unwrap()
                    && Some(a.moment) == Moment::from_code(want["moment"].as_str().unwrap())
            })
            .unwrap();
        let ctx = format!("{name} agreement {} {}", want["domain"], want["moment"]);
        assert_eq!(a.n as u64, want["n"].as_u64().unwrap(), "{ctx}");
        close(&format!("{ctx} kappa"), a.kappa, &want["kappa"]);
        close(&format!("{ctx} mean_diff"), a.mean_diff, &want["mean_diff"]);
        checked += 1;
    }
    assert!(checked > 100, "{name}: only {checked} rows checked");
}

#[test]
fn the_analysis_equals_scipy_and_sklearn_on_synthetic_datasets() {
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        for (name, seed, people) in DATASETS {
            let fixture = format!("tests/fixtures/stats/analysis_{name}.csv");
            fs::write(&fixture, scores_csv(&data(seed, people))).unwrap();
        }
    }
    let reference: Value = serde_json::from_str(
        &fs::read_to_string("tests/fixtures/stats/analysis_reference.json").unwrap(),
    )
    .unwrap();
    let mut methods = Vec::new();
    for (name, seed, people) in DATASETS {
        let data = data(seed, people);
        let csv = scores_csv(&data);
        let fixture = format!("tests/fixtures/stats/analysis_{name}.csv");
        assert_eq!(
            csv,
            fs::read_to_string(&fixture).unwrap(),
            "the scores of dataset {name} changed: see this file's header to rewrite the fixtures"
        );
        let analysis = analyse(&data);
        check(name, &analysis, &reference[name]);
        methods.extend(
            analysis
                .measures
                .iter()
                .flat_map(|r| r.changes.iter())
                .filter_map(|c| c.wilcoxon.as_ref().map(|w| w.method)),
        );
    }
    methods.sort_by_key(|m| m.code());
    methods.dedup();
    assert_eq!(
        methods.len(),
        3,
        "every Wilcoxon branch is reached: {methods:?}"
    );
}

#[test]
fn analysis_tables_download_as_csv() {
    let analysis = analyse(&data(3, 12));
    let change = analysis.change_csv();
    assert!(change.starts_with("role,measure,from,to,n,mean_from"));
    // Two roles × 15 measures × 3 comparisons, plus the header.
    assert_eq!(change.lines().count(), 1 + 2 * 15 * 3);
    assert_eq!(analysis.moments_csv().lines().count(), 1 + 2 * 15);
    assert_eq!(analysis.agreement_csv().lines().count(), 1 + 8 * 3);
}
