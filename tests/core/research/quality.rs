//! The instrument-quality statistics equal pingouin 0.7 and scipy 1.17 to
//! 1e-9: Cronbach's α (`pingouin.cronbach_alpha`, its Feldt interval with
//! `scipy.stats.f.isf` as pingouin computes it, because pingouin rounds the
//! interval), item–rest correlations (`numpy.corrcoef`), ICC(A,1) with its
//! interval (`pingouin.intraclass_corr`), the t interval of a mean
//! (`scipy.stats.t.interval`), and the item tables of two synthetic
//! datasets. The values are in `tests/fixtures/stats/quality_reference.json`
//! (versions inside), written by `tests/reference/quality_reference.py` from
//! `tests/fixtures/stats/quality_<name>.csv`. After a deliberate change to
//! the generator or the instrument, rewrite both:
//!
//! ```sh
//! UPDATE_FIXTURES=1 cargo test --test core research::quality
//! python3 tests/reference/quality_reference.py
//! ```

use std::fs;

use super::numbers;
use balans::core::instrument::{Moment, Role};
use balans::core::links::demo_study;
use balans::core::research::{
    alpha_if_dropped, cronbach_alpha, icc_a1, item_rest, long_table, quality, report_mean_ci,
    synthetic_envelopes, Importer, Measure, Quality, QualityScale, ResearchData,
};
use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

/// (name, seed, respondents), as the analysis test uses.
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

fn reference() -> Value {
    super::stats_fixture("quality_reference.json")
}

fn matrix(value: &Value) -> Vec<Vec<f64>> {
    value.as_array().unwrap().iter().map(numbers).collect()
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

/// The long CSV cut down to what the quality tables read.
fn items_csv(data: &ResearchData) -> String {
    let table = long_table(data);
    let scale_columns: Vec<String> = QualityScale::ALL
        .iter()
        .flat_map(|s| s.items())
        .map(|i| i.id.replace('.', "_"))
        .collect();
    let keep: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            ["respondent", "member", "role", "moment"].contains(&c.name.as_str())
                || c.name.starts_with("score_")
                || scale_columns.contains(&c.name)
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

#[test]
fn alpha_feldt_and_item_rest_equal_pingouin_and_scipy() {
    let reference = reference();
    let cases = reference["cases"]["alpha"].as_array().unwrap();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let rows = matrix(&case["rows"]);
        let got = cronbach_alpha(&rows).unwrap();
        let want = &case["result"];
        assert_eq!(got.n as u64, want["n"].as_u64().unwrap(), "{name}");
        close(&format!("{name} alpha"), Some(got.alpha), &want["alpha"]);
        close(&format!("{name} lower"), Some(got.lower), &want["lower"]);
        close(&format!("{name} upper"), Some(got.upper), &want["upper"]);
        for (j, w) in case["item_rest"].as_array().unwrap().iter().enumerate() {
            close(&format!("{name} item-rest {j}"), item_rest(&rows, j), w);
            close(
                &format!("{name} alpha if {j} dropped"),
                alpha_if_dropped(&rows, j).map(|a| a.alpha),
                &case["alpha_if_dropped"][j],
            );
        }
    }
    assert!(cases.len() >= 5);
    assert!(
        cases
            .iter()
            .any(|c| c["result"]["alpha"].as_f64().unwrap() < 0.0),
        "a case with a negative α"
    );
}

#[test]
fn icc_a1_equals_pingouin_intraclass_corr() {
    let reference = reference();
    for case in reference["cases"]["icc"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let got = icc_a1(&matrix(&case["rows"])).unwrap();
        let want = &case["result"];
        close(&format!("{name} icc"), Some(got.icc), &want["icc"]);
        close(&format!("{name} F"), Some(got.f), &want["f"]);
        close(&format!("{name} p"), Some(got.p), &want["p"]);
        close(&format!("{name} lower"), got.lower, &want["lower"]);
        close(&format!("{name} upper"), got.upper, &want["upper"]);
        assert_eq!(got.df.1 as u64, want["df2"].as_u64().unwrap(), "{name}");
    }
}

#[test]
fn mean_interval_equals_scipy_t_interval() {
    let reference = reference();
    for case in reference["cases"]["mean_ci"].as_array().unwrap() {
        let values = numbers(&case["values"]);
        let got = report_mean_ci(&values).unwrap();
        let ctx = format!("n={}", values.len());
        close(&ctx, Some(got.mean), &case["mean"]);
        close(&ctx, got.lower, &case["lower"]);
        close(&ctx, got.upper, &case["upper"]);
    }
}

fn check(name: &str, q: &Quality, reference: &Value) {
    let mut checked = 0;
    for want in reference["scales"].as_array().unwrap() {
        let scale = *QualityScale::ALL
            .iter()
            .find(|s| s.code() == want["scale"].as_str().unwrap())
            .unwrap();
        let role = if want["role"] == "citizen" {
            Role::Citizen
        } else {
            Role::Professional
        };
        let moment = Moment::from_code(want["moment"].as_str().unwrap()).unwrap();
        let got = q.scale(scale, role, moment).unwrap();
        let ctx = format!("{name} {} {} {}", scale.code(), role.code(), moment.code());
        assert_eq!(got.forms as u64, want["forms"].as_u64().unwrap(), "{ctx}");
        assert_eq!(
            got.complete as u64,
            want["complete"].as_u64().unwrap(),
            "{ctx}"
        );
        let a = got.alpha.as_ref();
        let wa = &want["alpha"];
        close(&format!("{ctx} alpha"), a.map(|a| a.alpha), &wa["alpha"]);
        close(&format!("{ctx} lower"), a.map(|a| a.lower), &wa["lower"]);
        close(&format!("{ctx} upper"), a.map(|a| a.upper), &wa["upper"]);
        let items = want["items"].as_array().unwrap();
        assert_eq!(got.items.len(), items.len(), "{ctx}");
        for (g, w) in got.items.iter().zip(items) {
            let ctx = format!("{ctx} {}", w["item"]);
            assert_eq!(g.item.id.replace('.', "_"), w["item"].as_str().unwrap());
            assert_eq!(g.valid as u64, w["valid"].as_u64().unwrap(), "{ctx}");
            close(&format!("{ctx} mean"), g.mean, &w["mean"]);
            close(&format!("{ctx} sd"), g.sd, &w["sd"]);
            close(&format!("{ctx} floor"), g.floor, &w["floor"]);
            close(&format!("{ctx} ceiling"), g.ceiling, &w["ceiling"]);
            for m in 0..4 {
                close(
                    &format!("{ctx} missing {m}"),
                    g.missing[m],
                    &w["missing"][m],
                );
            }
            close(&format!("{ctx} item-rest"), g.item_rest, &w["item_rest"]);
            close(
                &format!("{ctx} alpha if dropped"),
                g.alpha_if_dropped,
                &w["alpha_if_dropped"],
            );
            checked += 1;
        }
    }
    for want in reference["icc"].as_array().unwrap() {
        let measure = *Measure::ALL
            .iter()
            .find(|m| m.code() == want["measure"].as_str().unwrap())
            .unwrap();
        let moment = Moment::from_code(want["moment"].as_str().unwrap()).unwrap();
        let got = q
            .icc
            .iter()
            .find(|r| r.measure == measure && r.moment == moment)
            .unwrap();
        let ctx = format!("{name} icc {} {}", measure.code(), moment.code());
        assert_eq!(got.n as u64, want["n"].as_u64().unwrap(), "{ctx}");
        let i = got.icc.as_ref();
        let w = &want["icc"];
        close(&format!("{ctx} icc"), i.map(|i| i.icc), &w["icc"]);
        close(
            &format!("{ctx} lower"),
            i.and_then(|i| i.lower),
            &w["lower"],
        );
        close(
            &format!("{ctx} upper"),
            i.and_then(|i| i.upper),
            &w["upper"],
        );
        checked += 1;
    }
    assert!(checked >= 255, "{name}: only {checked} rows checked");
}

#[test]
fn quality_tables_equal_pingouin_on_synthetic_datasets() {
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        for (name, seed, people) in DATASETS {
            let fixture = format!("tests/fixtures/stats/quality_{name}.csv");
            fs::write(&fixture, items_csv(&data(seed, people))).unwrap();
        }
    }
    let reference = reference();
    for (name, seed, people) in DATASETS {
        let data = data(seed, people);
        assert_eq!(
            items_csv(&data),
            fs::read_to_string(format!("tests/fixtures/stats/quality_{name}.csv")).unwrap(),
            "the answers of dataset {name} changed: see this file's header to rewrite the fixtures"
        );
        let q = quality(&data);
        check(name, &q, &reference[name]);
        // The rules show in the large set: an index has no α, the burden
        // scale loses the people with an "n.v.t." domain.
        if name == "large" {
            let burden = q
                .scale(QualityScale::Burden, Role::Citizen, Moment::T0)
                .unwrap();
            let competences = q
                .scale(QualityScale::Competences, Role::Citizen, Moment::T0)
                .unwrap();
            assert!(burden.complete < competences.complete / 2);
            assert!(burden.items.iter().any(|i| i.missing[2].unwrap() > 0.3));
            assert!(competences.alpha.as_ref().unwrap().alpha > 0.7);
            assert!(q
                .scales
                .iter()
                .filter(|s| !s.scale.is_reflective())
                .all(|s| s.alpha.is_none() && s.items.iter().all(|i| i.item_rest.is_none())));
        }
    }
}

#[test]
fn quality_tables_download_as_csv() {
    let q = quality(&data(3, 12));
    let scales = q.scales_csv();
    assert!(scales.starts_with("scale,kind,role,moment,items,forms,n_complete,alpha"));
    // Five scales × two roles × three moments.
    assert_eq!(scales.lines().count(), 1 + 5 * 2 * 3);
    // (10 + 6 + 8 + 5 + 6) items × two roles × three moments.
    assert_eq!(q.items_csv().lines().count(), 1 + 35 * 2 * 3);
    assert_eq!(q.icc_csv().lines().count(), 1 + 15 * 3);
    assert!(q.items_csv().contains(",comp_perseverance_2,1,"));
}
