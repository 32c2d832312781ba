//! `core::research`: importing exports, the dataset with its codebook and
//! SPSS syntax, the statistics and analysis, and the interview.

mod analysis;
mod compare;
mod conditions;
mod dataset;
mod gen_exports;
mod import;
mod interview;
mod mixed;
mod quality;
mod report;
mod rscript;
mod spss;
mod stats;

use serde_json::Value;

/// A reference fixture in `tests/fixtures/stats/`, written by a script in
/// `tests/reference/` with the package its test names.
fn stats_fixture(name: &str) -> Value {
    let path = format!("tests/fixtures/stats/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A JSON array of numbers.
fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect()
}
