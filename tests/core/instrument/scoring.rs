//! Scoring on fixture answer sets (`tests/fixtures/answers/*.json`). Each
//! fixture states in its "about" field how its expected values follow from
//! the rule in `src/core/scoring.rs`.
//!
//! balanced.json by hand: competences all 4 → 75, the reverse item 2 → 75;
//! network all 3 → 50 (reverse 3 → 50); services all 1 → 33.33;
//! draagkracht (75 + 50 + 33.33) / 3 = 52.78; burden = 100 − status score:
//! 2 → 75, 4 → 25, 3 → 50, 5 → 0, 2 → 75, 5 → 0 → draaglast 225 / 6 = 37.5;
//! behaviour (100 + 50 + 0 + 100 + 50 + 0) / 6 = 50.

use std::fs;

use balans::core::instrument::{score, Answers, Domain, Scores};
use serde_json::Value;

fn check(expected: &Value, actual: Option<f64>, what: &str, file: &str) {
    match (expected.as_f64(), actual) {
        (None, None) => {}
        (Some(e), Some(a)) => assert!((e - a).abs() < 1e-9, "{file}: {what} {a} != {e}"),
        (e, a) => panic!("{file}: {what} expected {e:?}, got {a:?}"),
    }
}

fn assert_scores(file: &str, expected: &Value, scores: &Scores) {
    let fields = [
        ("competences", scores.competences),
        ("network", scores.network),
        ("services", scores.services),
        ("draagkracht", scores.draagkracht),
        ("draaglast", scores.draaglast),
        ("balans", scores.balans),
        ("behaviour", scores.behaviour),
    ];
    for (name, value) in fields {
        check(&expected[name], value, name, file);
    }
    for domain in Domain::ALL {
        check(
            &expected["domains"][domain.code()],
            scores.domain(domain),
            domain.code(),
            file,
        );
    }
}

#[test]
fn fixture_answer_sets_score_as_stated() {
    let mut count = 0;
    for entry in fs::read_dir("tests/fixtures/answers").unwrap() {
        let path = entry.unwrap().path();
        let fixture: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let answers: Answers = serde_json::from_value(fixture["answers"].clone()).unwrap();
        let file = path.display().to_string();
        assert_scores(&file, &fixture["expected"], &score(&answers));
        count += 1;
    }
    assert!(count >= 3, "the answer fixtures went missing");
}

#[test]
fn an_empty_questionnaire_has_no_scores() {
    let scores = score(&Answers::new());
    assert_eq!(scores.draagkracht, None);
    assert_eq!(scores.draaglast, None);
    assert_eq!(scores.balans, None);
}
