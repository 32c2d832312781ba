//! The stored schema: round trips, fixtures of every released schema version
//! that must still load, and refusal (never a silent overwrite) of values
//! that cannot be read.

use std::fs;

use balans::core::{
    decode_questionnaire, demo_invitation, encode_questionnaire, Answer, Lang, MigrateError,
    Questionnaire, Role, Screen,
};

#[test]
fn a_questionnaire_round_trips() {
    let mut q = Questionnaire::new(demo_invitation(Lang::Nl), Role::Citizen, 1);
    q.set_answer("net.talk", Some(Answer::Value(5)), 2).unwrap();
    q.screen = Screen::Page(7);
    let stored = encode_questionnaire(&q);
    assert!(stored.contains("\"schema\":1"));
    assert_eq!(decode_questionnaire(&stored), Ok(q));
}

#[test]
fn every_released_schema_fixture_still_loads_with_nothing_lost() {
    let v1 = fs::read_to_string("tests/fixtures/storage/schema_v1.json").unwrap();
    let q = decode_questionnaire(&v1).expect("schema 1 loads");
    assert_eq!(q.answers.len(), 5);
    assert_eq!(q.answers["comp.selfconfidence.1"], Answer::Value(4));
    assert_eq!(
        q.answers["intro.question"],
        Answer::Text("Hulp met de post".into())
    );
    assert_eq!(q.screen, Screen::Page(12));
    assert!(q.consent.is_some());
}

#[test]
fn unreadable_values_are_refused_not_guessed() {
    assert_eq!(
        decode_questionnaire("{\"schema\":1,\"id\":"),
        Err(MigrateError::Corrupt)
    );
    assert_eq!(decode_questionnaire("not json"), Err(MigrateError::Corrupt));
    assert_eq!(
        decode_questionnaire("{\"id\":\"x\"}"),
        Err(MigrateError::Invalid)
    );
    assert_eq!(
        decode_questionnaire("{\"schema\":1,\"id\":\"x\"}"),
        Err(MigrateError::Invalid)
    );
    let v1 = fs::read_to_string("tests/fixtures/storage/schema_v1.json").unwrap();
    let future = v1.replacen("\"schema\":1", "\"schema\":7", 1);
    assert_eq!(
        decode_questionnaire(&future),
        Err(MigrateError::FutureVersion { found: 7 })
    );
}
