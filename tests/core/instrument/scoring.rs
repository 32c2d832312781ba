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

/// Issue 12: the summary said "te weinig antwoorden" without saying which
/// questions would complete a score.
#[test]
fn shortfalls_name_the_questions_that_would_complete_a_score() {
    use balans::core::instrument::{shortfalls, Answer, Missing};
    let ids =
        |s: &balans::core::instrument::Shortfall| s.items.iter().map(|i| i.id).collect::<Vec<_>>();
    // Nothing answered: every summary score is short, burden needs 4 of 8.
    let empty = shortfalls(&Answers::new());
    let keys: Vec<_> = empty.iter().map(|s| s.label_key).collect();
    assert_eq!(
        keys,
        [
            "summary.competences",
            "summary.network",
            "summary.services",
            "summary.burden"
        ]
    );
    assert_eq!(empty[0].needed, 5);
    assert_eq!(empty[0].items.len(), 10);
    assert_eq!(empty[3].needed, 4);
    assert!(ids(&empty[3]).iter().all(|id| id.ends_with(".status")));

    // Four competences answered, one "weet ik niet": one more is needed.
    // The "weet ik niet" item is still listed (a real answer there counts);
    // the answered ones are not.
    let mut answers = Answers::new();
    for id in [
        "comp.selfconfidence.1",
        "comp.selfknowledge.1",
        "comp.perseverance.1",
        "comp.responsibility.1",
    ] {
        answers.insert(id.into(), Answer::Value(4));
    }
    answers.insert(
        "comp.assertiveness.1".into(),
        Answer::Missing(Missing::DontKnow),
    );
    let comp = shortfalls(&answers)
        .into_iter()
        .find(|s| s.label_key == "summary.competences")
        .unwrap();
    assert_eq!(comp.needed, 1);
    assert_eq!(comp.items.len(), 6);
    assert!(ids(&comp).contains(&"comp.assertiveness.1"));
    assert!(!ids(&comp).contains(&"comp.selfconfidence.1"));

    // A fifth real answer completes it: no shortfall for competences.
    answers.insert("comp.assertiveness.1".into(), Answer::Value(3));
    assert!(score(&answers).competences.is_some());
    assert!(shortfalls(&answers)
        .iter()
        .all(|s| s.label_key != "summary.competences"));
}
