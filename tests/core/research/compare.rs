//! Comparing groups equals scipy 1.17, statsmodels 0.15 and pingouin 0.7 to
//! 1e-9. The values and their inputs are in
//! `tests/fixtures/stats/compare_reference.json`, written by
//! `tests/reference/compare_reference.py` (run it again to check them).

use super::numbers;
use balans::core::research::{hedges_g, holm, kruskal, mann_whitney, mean_ci, welch};
use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

fn reference() -> Value {
    super::stats_fixture("compare_reference.json")
}

/// Absolute below 1, relative above (a U of 74 777.5 has no 1e-9 absolute digits to spare).
fn close(name: &str, what: &str, got: f64, want: &Value) {
    let want = want.as_f64().unwrap_or_else(|| panic!("{name}: no {what}"));
    assert!(
        (got - want).abs() <= TOLERANCE * want.abs().max(1.0),
        "{name}: {what} is {got}, the reference says {want}"
    );
}

#[test]
fn two_groups_equal_scipy_and_pingouin() {
    let reference = reference();
    let cases = reference["pairs"].as_array().unwrap();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let (x, y) = (numbers(&case["x"]), numbers(&case["y"]));
        for (label, v) in [("x", &x), ("y", &y)] {
            let want = &case[format!("mean_ci_{label}")];
            let got = mean_ci(v).unwrap();
            close(name, "mean", got.mean, &want["mean"]);
            close(name, "sd", got.sd, &want["sd"]);
            close(name, "mean ci low", got.low, &want["low"]);
            close(name, "mean ci high", got.high, &want["high"]);
        }
        let w = welch(&x, &y).unwrap();
        let want = &case["welch"];
        close(name, "welch diff", w.diff, &want["diff"]);
        close(name, "welch t", w.t, &want["t"]);
        close(name, "welch df", w.df, &want["df"]);
        close(name, "welch p", w.p, &want["p"]);
        close(name, "welch low", w.low, &want["low"]);
        close(name, "welch high", w.high, &want["high"]);
        close(
            name,
            "hedges g",
            hedges_g(&x, &y).unwrap(),
            &case["hedges_g"],
        );
        let u = mann_whitney(&x, &y).unwrap();
        let want = &case["mann_whitney"];
        assert_eq!(u.method.code(), want["method"].as_str().unwrap(), "{name}");
        close(name, "U", u.u, &want["u"]);
        close(name, "p_U", u.p, &want["p"]);
    }
    assert!(cases.len() >= 8);
}

#[test]
fn kruskal_wallis_equals_scipy() {
    let reference = reference();
    for case in reference["kruskal"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let groups: Vec<Vec<f64>> = case["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(numbers)
            .collect();
        let k = kruskal(&groups).unwrap();
        assert_eq!(k.df, groups.len() - 1);
        close(name, "H", k.h, &case["h"]);
        close(name, "p", k.p, &case["p"]);
    }
}

#[test]
fn holm_equals_statsmodels_multipletests() {
    let reference = reference();
    for case in reference["holm"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let p: Vec<Option<f64>> = numbers(&case["p"]).into_iter().map(Some).collect();
        let got = holm(&p);
        for (g, w) in got.iter().zip(case["adjusted"].as_array().unwrap()) {
            close(name, "adjusted p", g.unwrap(), w);
        }
    }
}

#[test]
fn small_groups_give_no_numbers() {
    assert_eq!(mean_ci(&[1.0]), None);
    assert_eq!(welch(&[1.0], &[1.0, 2.0, 3.0]), None);
    assert_eq!(welch(&[1.0, 1.0], &[2.0, 2.0]), None);
    assert_eq!(hedges_g(&[1.0, 1.0], &[1.0, 1.0]), None);
    assert_eq!(mann_whitney(&[], &[1.0]), None);
    assert_eq!(kruskal(&[vec![1.0, 2.0]]), None);
}
