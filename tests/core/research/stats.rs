//! The statistics equal reference values from scipy 1.17 and scikit-learn
//! 1.9 to 1e-9. The values and their inputs are in
//! `tests/fixtures/stats/reference.json`, written by
//! `tests/reference/stats_reference.py` (run it again to check them).

use super::numbers;
use balans::core::research::{friedman, paired_t, weighted_kappa, wilcoxon, WilcoxonMethod};
use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

fn reference() -> Value {
    super::stats_fixture("reference.json")
}

fn close(name: &str, what: &str, got: f64, want: &Value) {
    let want = want.as_f64().unwrap_or_else(|| panic!("{name}: no {what}"));
    assert!(
        (got - want).abs() <= TOLERANCE,
        "{name}: {what} is {got}, scipy says {want}"
    );
}

#[test]
fn paired_t_test_equals_scipy_ttest_rel() {
    let reference = reference();
    let cases = reference["paired"].as_array().unwrap();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let result = paired_t(&numbers(&case["before"]), &numbers(&case["after"])).unwrap();
        let want = &case["t"];
        if want.is_null() {
            assert_eq!(result.t, None, "{name}: t should be undefined");
            assert_eq!(result.p, None, "{name}");
            continue;
        }
        assert_eq!(result.n as u64, want["n"].as_u64().unwrap(), "{name}");
        assert_eq!(result.df as u64, want["df"].as_u64().unwrap(), "{name}");
        close(name, "mean_diff", result.mean_diff, &want["mean_diff"]);
        close(name, "sd_diff", result.sd_diff, &want["sd_diff"]);
        close(name, "t", result.t.unwrap(), &want["t"]);
        close(name, "p", result.p.unwrap(), &want["p"]);
        close(name, "d_z", result.d_z.unwrap(), &want["d_z"]);
    }
    assert!(cases.len() >= 10);
}

#[test]
fn wilcoxon_equals_scipy_wilcoxon_with_its_defaults() {
    let reference = reference();
    let mut methods = Vec::new();
    for case in reference["paired"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let result = wilcoxon(&numbers(&case["before"]), &numbers(&case["after"])).unwrap();
        let want = &case["wilcoxon"];
        assert_eq!(
            result.method.code(),
            want["method"].as_str().unwrap(),
            "{name}: method"
        );
        close(name, "statistic", result.statistic, &want["statistic"]);
        close(name, "p", result.p, &want["p"]);
        if result.method == WilcoxonMethod::Normal {
            close(name, "z", result.z.unwrap(), &want["z"]);
        }
        methods.push(result.method);
    }
    // Every branch is exercised.
    for method in [
        WilcoxonMethod::Exact,
        WilcoxonMethod::Permutation,
        WilcoxonMethod::Normal,
    ] {
        assert!(methods.contains(&method), "no case for {method:?}");
    }
}

#[test]
fn friedman_equals_scipy_friedmanchisquare() {
    let reference = reference();
    for case in reference["friedman"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let blocks: Vec<Vec<f64>> = case["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .map(numbers)
            .collect();
        let result = friedman(&blocks).unwrap();
        close(name, "chi2", result.chi2, &case["chi2"]);
        close(name, "p", result.p, &case["p"]);
        close(name, "kendall_w", result.kendall_w, &case["kendall_w"]);
    }
}

#[test]
fn weighted_kappa_equals_sklearn_cohen_kappa_score() {
    let reference = reference();
    for case in reference["kappa"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let codes = |key: &str| -> Vec<i32> {
            case[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_i64().unwrap() as i32)
                .collect()
        };
        let pairs: Vec<(i32, i32)> = codes("a").into_iter().zip(codes("b")).collect();
        let kappa = weighted_kappa(&pairs, &codes("categories")).unwrap();
        close(name, "kappa", kappa, &case["kappa"]);
    }
}

#[test]
fn undefined_cases_give_none_not_nan() {
    // Guards against NaN reaching the tables: too few pairs, no differences,
    // everyone in one category, every block tied.
    assert_eq!(paired_t(&[1.0], &[2.0]), None);
    assert_eq!(wilcoxon(&[1.0, 2.0], &[1.0, 2.0]), None);
    assert_eq!(weighted_kappa(&[(3, 3), (3, 3)], &[1, 2, 3, 4, 5]), None);
    assert_eq!(weighted_kappa(&[], &[1, 2, 3]), None);
    assert_eq!(friedman(&[vec![1.0, 1.0, 1.0], vec![2.0, 2.0, 2.0]]), None);
    assert_eq!(friedman(&[]), None);
}
