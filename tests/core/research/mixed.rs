//! The linear mixed model equals R's lme4 1.1-31 + lmerTest 3.1-3 (R 4.2):
//! fixed effects and their standard errors to 1e-6 relative, variance
//! components, the REML criterion and Satterthwaite degrees of freedom to
//! 1e-4 relative (1e-8 absolute near zero). The data and values are in
//! `tests/fixtures/stats/mixed_reference.json`, written by
//! `tests/reference/mixed_reference.R` with the optimiser's tolerances
//! tightened (run it again to check them).

use balans::core::research::{fit_by_moment, fit_with_condition, MixedFit, MixedProblem};
use serde_json::Value;
use std::collections::BTreeMap;

fn reference() -> Value {
    super::stats_fixture("mixed_reference.json")
}

fn close(case: &str, what: &str, got: f64, want: &Value, relative: f64) {
    let want = want.as_f64().unwrap_or_else(|| panic!("{case}: no {what}"));
    let ok = (got - want).abs() <= relative * want.abs() || (got - want).abs() <= 1e-8;
    assert!(ok, "{case}: {what} is {got}, R says {want}");
}

fn fit_case(case: &Value) -> MixedFit {
    let moments = ["T0", "T1", "T2"];
    let levels: Option<Vec<String>> = case["levels"]
        .as_array()
        .map(|l| l.iter().map(|v| v.as_str().unwrap().to_string()).collect());
    let mut people: BTreeMap<i64, ([Option<f64>; 3], usize)> = BTreeMap::new();
    for row in case["data"].as_array().unwrap() {
        let m = moments
            .iter()
            .position(|m| *m == row["moment"].as_str().unwrap())
            .unwrap();
        let level = levels.as_ref().map_or(0, |l| {
            l.iter()
                .position(|v| v == row["cond"].as_str().unwrap())
                .unwrap()
        });
        let entry = people
            .entry(row["person"].as_i64().unwrap())
            .or_insert(([None; 3], level));
        entry.0[m] = Some(row["score"].as_f64().unwrap());
    }
    let people: Vec<_> = people.into_values().collect();
    match &levels {
        None => fit_by_moment(&people.iter().map(|p| p.0).collect::<Vec<_>>()).unwrap(),
        Some(levels) => fit_with_condition(&people, levels).unwrap(),
    }
}

#[test]
fn mixed_model_equals_lme4_and_lmertest() {
    let reference = reference();
    let cases = reference["cases"].as_array().unwrap();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let fit = fit_case(case);
        assert_eq!(
            fit.n_people as u64,
            case["n_people"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(fit.n_obs as u64, case["n_obs"].as_u64().unwrap(), "{name}");
        assert_eq!(fit.singular, case["singular"].as_bool().unwrap(), "{name}");
        close(
            name,
            "var_person",
            fit.var_person,
            &case["var_person"],
            1e-4,
        );
        close(
            name,
            "var_residual",
            fit.var_residual,
            &case["var_residual"],
            1e-4,
        );
        close(
            name,
            "REML criterion",
            fit.reml_criterion,
            &case["reml_criterion"],
            1e-4,
        );
        let want = case["coefficients"].as_array().unwrap();
        assert_eq!(fit.coefficients.len(), want.len(), "{name}");
        for (c, w) in fit.coefficients.iter().zip(want) {
            let ctx = format!("{name} {}", c.name);
            assert_eq!(c.name, w["name"].as_str().unwrap(), "{ctx}");
            close(&ctx, "estimate", c.estimate, &w["estimate"], 1e-6);
            close(&ctx, "se", c.se, &w["se"], 1e-6);
            close(&ctx, "t", c.t, &w["t"], 1e-6);
            close(&ctx, "df", c.df.unwrap(), &w["df"], 1e-4);
            close(&ctx, "p", c.p.unwrap(), &w["p"], 1e-4);
            close(&ctx, "low", c.low.unwrap(), &w["low"], 1e-6);
            close(&ctx, "high", c.high.unwrap(), &w["high"], 1e-6);
        }
    }
    assert!(cases.len() >= 6);
}

#[test]
fn a_model_without_enough_data_says_why() {
    // Nobody measured twice: person and residual variance cannot be told apart.
    let once: Vec<[Option<f64>; 3]> = (0..30)
        .map(|i| {
            let mut s = [None; 3];
            s[i % 3] = Some(f64::from(i as u8));
            s
        })
        .collect();
    assert_eq!(fit_by_moment(&once), Err(MixedProblem::NotIdentifiable));
    // Nobody reached T2: its effect cannot be estimated.
    let no_t2: Vec<[Option<f64>; 3]> = (0..10)
        .map(|i| [Some(f64::from(i)), Some(f64::from(i * i)), None])
        .collect();
    assert_eq!(fit_by_moment(&no_t2), Err(MixedProblem::RankDeficient));
    assert_eq!(fit_by_moment(&[]), Err(MixedProblem::TooFew));
    // Everyone in the same group.
    let people: Vec<([Option<f64>; 3], usize)> = (0..10)
        .map(|i| ([Some(f64::from(i)), Some(1.0), Some(2.0)], 0))
        .collect();
    assert_eq!(
        fit_with_condition(&people, &["A".into(), "B".into()]),
        Err(MixedProblem::OneGroup)
    );
}
