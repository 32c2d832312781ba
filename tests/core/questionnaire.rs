//! The stored schema: round trips, fixtures of every released schema version
//! that must still load with nothing lost, refusal (never a silent
//! overwrite) of values that cannot be read, merging two windows' copies,
//! and rescue files for values set aside.

use crate::support::Lcg;
use std::fs;

use balans::core::exchange::{
    decrypt_bytes, rescue_file, rescue_readers, Rescue, RescueError, RESCUE_FORMAT,
};
use balans::core::i18n::Lang;
use balans::core::instrument::{Answer, Role};
use balans::core::keys::parse_identity;
use balans::core::links::demo_invitation;
use balans::core::merge::Merge;
use balans::core::questionnaire::{
    check_stored, decode_questionnaire, decode_settings, decode_versioned, encode_questionnaire,
    encode_settings, max_stored_len, quarantine_key, quarantined_from, MigrateError, Progress,
    Questionnaire, Screen, Settings, MAX_STORED_LOCAL, MAX_STORED_STAFF, SCHEMA_VERSION,
    SEND_REMINDER_AFTER,
};
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/storage";

fn fixture(name: &str) -> String {
    fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
}

/// Every released schema version: its fixture, newest last.
fn released_fixtures() -> Vec<(u32, String)> {
    (1..=SCHEMA_VERSION)
        .map(|v| (v, fixture(&format!("schema_v{v}.json"))))
        .collect()
}

/// Every leaf of a JSON value with its path, e.g. `/answers/net.talk/value`.
fn leaves(value: &Value, path: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                leaves(v, format!("{path}/{k}"), out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{path}/{i}"), out);
            }
        }
        other => out.push((path, other.clone())),
    }
}

fn sample() -> Questionnaire {
    Questionnaire::new(demo_invitation(Lang::Nl), Role::Citizen, 1_000)
}

/// One window's copy, with one answer given at `at`.
fn window_with(item: &str, value: i32, at: u64) -> Questionnaire {
    let mut q = sample();
    q.set_answer(item, Some(Answer::Value(value)), at).unwrap();
    q
}

#[test]
fn a_questionnaire_round_trips() {
    let mut q = sample();
    q.set_answer("net.talk", Some(Answer::Value(5)), 2_000)
        .unwrap();
    q.set_answer("net.lonely", Some(Answer::Value(2)), 2_500)
        .unwrap();
    q.set_answer("net.lonely", None, 3_000).unwrap();
    q.screen = Screen::Page(7);
    let stored = encode_questionnaire(&q);
    assert!(stored.contains(&format!("\"schema\":{SCHEMA_VERSION}")));
    assert_eq!(decode_questionnaire(&stored), Ok(q));
}

#[test]
fn there_is_a_fixture_for_every_released_schema_version() {
    for (version, text) in released_fixtures() {
        assert_eq!(check_stored(&text), Ok(version), "schema_v{version}.json");
    }
}

/// Where a field of schema `version` lives now: schema 3 moved the times of
/// `sent_at` to `saved_at` (docs/formats.md, "Versions and migrations").
fn path_now(version: u32, path: &str) -> String {
    match path.strip_prefix("/sent_at/") {
        Some(index) if version < 3 => format!("/saved_at/{index}"),
        _ => path.to_string(),
    }
}

// Guards the promise in docs/formats.md: a value of any earlier schema
// migrates with nothing lost. Every field of every fixture must come back
// unchanged after load and save with this version (or where a migration
// moved it).
#[test]
fn every_released_schema_fixture_still_loads_with_nothing_lost() {
    for (version, text) in released_fixtures() {
        let q = decode_questionnaire(&text)
            .unwrap_or_else(|e| panic!("schema_v{version}.json does not load: {e:?}"));
        let saved: Value = serde_json::from_str(&encode_questionnaire(&q)).unwrap();
        let mut old = Vec::new();
        leaves(
            &serde_json::from_str(&text).unwrap(),
            String::new(),
            &mut old,
        );
        for (path, value) in old {
            if path == "/schema" {
                continue;
            }
            assert_eq!(
                saved.pointer(&path_now(version, &path)),
                Some(&value),
                "schema_v{version}.json: {path} was lost or changed"
            );
        }
    }
}

#[test]
fn schema_1_answers_get_the_questionnaires_change_time() {
    let q = decode_questionnaire(&fixture("schema_v1.json")).unwrap();
    assert_eq!(q.answers.len(), 5);
    assert_eq!(q.answers["comp.selfconfidence.1"], Answer::Value(4));
    assert_eq!(
        q.answers["intro.question"],
        Answer::Text("Hulp met de post".into())
    );
    assert_eq!(q.screen, Screen::Page(12));
    assert!(q.consent.is_some());
    // Version 1 only knew the questionnaire's last change: every answer gets
    // that time, which is never later than the real one.
    assert_eq!(q.changed.len(), 5);
    assert!(q.changed.values().all(|t| *t == q.updated_at));
}

#[test]
fn schema_2_keeps_cleared_answers_as_changes() {
    let q = decode_questionnaire(&fixture("schema_v2.json")).unwrap();
    assert_eq!(q.answers.len(), 7);
    assert_eq!(q.changed.len(), 8);
    assert!(!q.answers.contains_key("comp.selfknowledge.1"));
    assert_eq!(q.changed["comp.selfknowledge.1"], 1_767_225_790_000);
    assert_eq!(q.screen, Screen::Send);
}

// Issue 12: a download set `sent_at`, so a file saved on the phone read
// "Verstuurd". Schema 2 cannot tell a download from a share; the migration
// reads every such time as saved, not sent, so nobody who only saved is told
// the answers left the device.
#[test]
fn schema_2_sendings_become_savings_not_sent() {
    let q = decode_questionnaire(&fixture("schema_v2.json")).unwrap();
    assert_eq!(q.saved_at, vec![1_767_225_950_000]);
    assert!(q.sent_at.is_empty());
    assert_eq!(q.progress(), Progress::Saved);
    assert_eq!(q.saved_not_sent(), Some(1_767_225_950_000));
    // Nothing was sent, so the answers still wait to be sent.
    assert_eq!(q.unsent_since(), Some(1_767_225_700_000));
    // A record of schema 1 that was "sent" reads the same way.
    let mut v1: Value = serde_json::from_str(&fixture("schema_v1.json")).unwrap();
    v1["sent_at"] = Value::from(vec![5_u64]);
    let q = decode_questionnaire(&v1.to_string()).unwrap();
    assert_eq!((q.saved_at, q.sent_at), (vec![5], vec![]));
    // A `sent_at` that is not a list is refused, not guessed.
    let mut bad: Value = serde_json::from_str(&fixture("schema_v2.json")).unwrap();
    bad["sent_at"] = Value::from("yesterday");
    assert_eq!(
        decode_questionnaire(&bad.to_string()),
        Err(MigrateError::Invalid)
    );
}

#[test]
fn schema_3_keeps_saved_and_sent_apart() {
    let q = decode_questionnaire(&fixture("schema_v3.json")).unwrap();
    assert_eq!(q.saved_at, vec![1_767_225_950_000]);
    assert_eq!(q.sent_at, vec![1_767_226_100_000]);
    assert_eq!(q.progress(), Progress::Sent);
    assert_eq!(q.saved_not_sent(), None);
}

#[test]
fn saving_a_file_is_not_sending_it() {
    let mut q = sample();
    q.set_answer("net.talk", Some(Answer::Value(3)), 2_000)
        .unwrap();
    q.record_saved(3_000);
    assert_eq!(q.progress(), Progress::Saved);
    assert_eq!(q.completed_at, Some(3_000));
    assert_eq!(q.saved_not_sent(), Some(3_000));
    // The reminder still counts the answer as waiting to be sent.
    assert_eq!(q.unsent_since(), Some(2_000));
    assert!(q.needs_send_reminder(2_000 + SEND_REMINDER_AFTER));
    q.record_sent(4_000);
    assert_eq!(q.progress(), Progress::Sent);
    assert_eq!(q.saved_not_sent(), None);
    assert_eq!(q.unsent_since(), None);
    // Saving again after sending waits to be sent again.
    q.record_saved(5_000);
    assert_eq!(q.saved_not_sent(), Some(5_000));
    // Another window's saving merges in like a sending.
    let mut other = sample();
    other.record_saved(6_000);
    assert!(q.merge(&other).progress);
    assert_eq!(q.saved_at, vec![3_000, 5_000, 6_000]);
    assert!(!q.merge(&other).changed());
}

#[test]
fn unreadable_values_are_refused_not_guessed() {
    assert_eq!(
        decode_questionnaire("{\"schema\":2,\"id\":"),
        Err(MigrateError::Corrupt)
    );
    assert_eq!(decode_questionnaire("not json"), Err(MigrateError::Corrupt));
    assert_eq!(
        decode_questionnaire("{\"id\":\"x\"}"),
        Err(MigrateError::Invalid)
    );
    assert_eq!(decode_questionnaire("[1,2]"), Err(MigrateError::Invalid));
    assert_eq!(
        decode_questionnaire("{\"schema\":0}"),
        Err(MigrateError::Invalid)
    );
    assert_eq!(
        decode_questionnaire("{\"schema\":1,\"id\":\"x\"}"),
        Err(MigrateError::Invalid)
    );
    let v1 = fixture("schema_v1.json");
    let broken_answers = v1.replacen("\"answers\":{", "\"answers\":[{", 1);
    assert!(decode_questionnaire(&broken_answers).is_err());
    for (_, text) in released_fixtures() {
        let mut value: Value = serde_json::from_str(&text).unwrap();
        value["schema"] = Value::from(SCHEMA_VERSION + 5);
        let future = value.to_string();
        assert_eq!(
            decode_questionnaire(&future),
            Err(MigrateError::FutureVersion {
                found: SCHEMA_VERSION + 5
            })
        );
    }
    assert_eq!(
        check_stored("{\"schema\":99999999999}"),
        Err(MigrateError::FutureVersion { found: u32::MAX })
    );
}

/// `text` (stored JSON) padded with spaces after its last `}` to `len`
/// bytes: still the same valid JSON, only longer.
fn padded(text: &str, len: usize) -> String {
    let mut out = text.trim_end().to_string();
    out.push_str(&" ".repeat(len.saturating_sub(out.len())));
    out
}

// Issue 14: a stored value longer than any Balans writes is refused as
// too large before it is parsed (the store sets it aside exactly, unread,
// and the person is told); up to the bound it reads as before.
#[test]
fn a_stored_value_too_large_to_read_is_refused_unparsed() {
    let stored = encode_questionnaire(&window_with("net.talk", 4, 2_000));
    let at_bound = padded(&stored, MAX_STORED_LOCAL);
    assert_eq!(at_bound.len(), MAX_STORED_LOCAL);
    let read = decode_questionnaire(&at_bound).unwrap();
    assert_eq!(read.answers.get("net.talk"), Some(&Answer::Value(4)));
    let over = padded(&stored, MAX_STORED_LOCAL + 1);
    assert_eq!(decode_questionnaire(&over), Err(MigrateError::TooLarge));
    // Refused before parsing: not JSON at all, and still "too large".
    let garbage = "{".repeat(MAX_STORED_LOCAL + 1);
    assert_eq!(decode_questionnaire(&garbage), Err(MigrateError::TooLarge));
    // Multibyte text counts in bytes: fewer characters than the bound.
    let wide = "é".repeat(MAX_STORED_LOCAL / 2 + 1);
    assert!(wide.chars().count() < MAX_STORED_LOCAL);
    assert_eq!(decode_questionnaire(&wide), Err(MigrateError::TooLarge));

    // Staff records have the larger bound.
    let record = r#"{"schema":4,"n":1}"#;
    let value: Value = decode_versioned(&padded(record, MAX_STORED_STAFF)).unwrap();
    assert_eq!(value["n"], 1);
    assert_eq!(
        decode_versioned::<Value>(&padded(record, MAX_STORED_STAFF + 1)),
        Err(MigrateError::TooLarge)
    );
    assert_eq!(
        check_stored(&padded(record, MAX_STORED_STAFF + 1)),
        Err(MigrateError::TooLarge)
    );
    assert_eq!(check_stored(record), Ok(4));

    // Settings hold no answers: too large reads as the defaults.
    let settings = encode_settings(&Settings {
        lang: Some(Lang::En),
        large_text: true,
    });
    assert_eq!(
        decode_settings(&padded(&settings, MAX_STORED_LOCAL)).lang,
        Some(Lang::En)
    );
    assert_eq!(
        decode_settings(&padded(&settings, MAX_STORED_LOCAL + 1)),
        Settings::default()
    );

    // The error says so, in its own words and code (also in a rescue file).
    use balans::core::error::Problem;
    assert_eq!(MigrateError::TooLarge.code(), "too_large");
    assert_eq!(
        MigrateError::TooLarge.message_key(),
        "storage.unreadable.too_large"
    );
    assert_eq!(
        MigrateError::TooLarge.hint_key(),
        "storage.unreadable.too_large_hint"
    );
}

#[test]
fn each_stored_key_has_the_bound_of_where_it_lives() {
    // localStorage: questionnaires (also the professional's own), plans,
    // settings; and values set aside from them.
    for key in [
        "balans.q.7d7dafdc63ba4f07",
        "balans.pro.p.760cc579be09aae0.R-0101",
        "balans.settings",
        "balans.quarantine.balans.q.7d7dafdc63ba4f07",
        "balans.quarantine.balans.q.7d7dafdc63ba4f07~2",
    ] {
        assert_eq!(max_stored_len(key), MAX_STORED_LOCAL, "{key}");
    }
    // The staff database: workspace, imports, backup state, research.
    for key in [
        "balans.pro.w.760cc579be09aae0",
        "balans.pro.c.abc",
        "balans.pro.b.760cc579be09aae0",
        "balans.research.data",
        "balans.research.rec.0011223344556677",
        "balans.quarantine.balans.pro.w.760cc579be09aae0",
        "balans.quarantine.balans.research.data~1",
    ] {
        assert_eq!(max_stored_len(key), MAX_STORED_STAFF, "{key}");
    }
    // Room for the largest questionnaire that can still be sent: every
    // open answer at the export's limit, in four-byte characters, with
    // room to spare; a staff record larger; both far below what would hold
    // the page.
    let open_items = balans::core::instrument::ITEMS
        .iter()
        .filter(|i| i.scale().is_none())
        .count();
    assert!(open_items * balans::core::exchange::MAX_ANSWER_TEXT * 4 * 3 < MAX_STORED_LOCAL);
    const { assert!(MAX_STORED_STAFF > MAX_STORED_LOCAL) };
}

#[test]
fn quarantine_keys_never_collide_and_name_their_origin() {
    let key = "balans.q.7d7dafdc63ba4f07";
    assert_eq!(
        quarantine_key(key, 0),
        "balans.quarantine.balans.q.7d7dafdc63ba4f07"
    );
    assert_ne!(quarantine_key(key, 1), quarantine_key(key, 0));
    assert_ne!(quarantine_key(key, 1), quarantine_key(key, 2));
    for slot in [0, 1, 17] {
        assert_eq!(quarantined_from(&quarantine_key(key, slot)), Some(key));
    }
    assert_eq!(quarantined_from(key), None);
    assert_eq!(quarantined_from("balans.quarantine."), None);
}

// Two windows on one questionnaire: each answers other questions, then each
// merges the other's copy. Both must end with every answer (issue 5).
#[test]
fn two_windows_answering_different_questions_keep_every_answer() {
    let mut a = window_with("net.talk", 5, 2_000);
    let mut b = window_with("net.lonely", 1, 2_100);
    a.screen = Screen::Page(3);
    b.screen = Screen::Page(9);
    let a_before = a.clone();
    let merged = a.merge(&b);
    assert_eq!(merged.answers, 1);
    b.merge(&a_before);
    assert_eq!(a.answers, b.answers);
    assert_eq!(a.answers.len(), 2);
    // Each window stays where its person is.
    assert_eq!(a.screen, Screen::Page(3));
    assert_eq!(b.screen, Screen::Page(9));
}

#[test]
fn the_later_change_of_one_question_wins_including_a_clearing() {
    let mut a = window_with("net.talk", 5, 2_000);
    let mut b = window_with("net.talk", 2, 3_000);
    let mut a2 = a.clone();
    a2.merge(&b);
    assert_eq!(a2.answers["net.talk"], Answer::Value(2));
    let mut b2 = b.clone();
    assert!(!b2.merge(&a).changed());
    assert_eq!(b2.answers["net.talk"], Answer::Value(2));

    // Clearing later beats the other window's earlier answer.
    a.set_answer("net.talk", None, 4_000).unwrap();
    b.merge(&a);
    assert!(!b.answers.contains_key("net.talk"));
    assert_eq!(b.changed["net.talk"], 4_000);
}

#[test]
fn a_change_after_a_merge_is_newer_than_what_was_merged() {
    let mut a = sample();
    // b's clock is ahead (or b answered in the same millisecond).
    let mut b = window_with("net.talk", 2, 9_000);
    a.merge(&b);
    a.set_answer("net.talk", Some(Answer::Value(4)), 5_000)
        .unwrap();
    b.merge(&a);
    assert_eq!(b.answers["net.talk"], Answer::Value(4));
}

#[test]
fn progress_is_merged_never_lost() {
    let mut a = sample();
    let mut b = sample();
    b.consent = decode_questionnaire(&fixture("schema_v1.json"))
        .unwrap()
        .consent;
    b.completed_at = Some(5_000);
    b.sent_at = vec![6_000];
    a.sent_at = vec![7_000];
    let merged = a.merge(&b);
    assert!(merged.progress);
    assert!(a.consent.is_some());
    assert_eq!(a.completed_at, Some(5_000));
    assert_eq!(a.sent_at, vec![6_000, 7_000]);
    let mut other = Questionnaire::new(
        balans::core::links::Invitation {
            respondent: "X-123".into(),
            ..demo_invitation(Lang::Nl)
        },
        Role::Citizen,
        1,
    );
    assert!(!other.merge(&a).changed(), "a different questionnaire");
    assert!(!other.merge_from(&a));
}

// Whatever two windows do, merging in either order gives the same answers,
// and merging is idempotent: windows converge instead of ping-ponging.
#[test]
fn merging_converges_in_any_order() {
    let items = ["net.talk", "net.lonely", "net.practical", "bal.worries"];
    let mut rng = Lcg(42);
    for _ in 0..500 {
        let mut copies = [sample(), sample()];
        for _ in 0..rng.next(8) {
            let copy = &mut copies[rng.next(2) as usize];
            let item = items[rng.next(items.len() as u64) as usize];
            let answer = match rng.next(3) {
                0 => None,
                _ => Some(Answer::Value(1 + rng.next(5) as i32)),
            };
            let at = 1_000 + rng.next(20);
            let _ = copy.set_answer(item, answer, at);
        }
        let [a, b] = copies;
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab.answers, ba.answers);
        assert_eq!(ab.changed, ba.changed);
        let again = ab.clone();
        assert!(!ab.merge(&again).changed());
        assert!(!ab.merge(&ba).changed());
    }
}

#[test]
fn answers_waiting_long_unsent_get_a_reminder() {
    let mut q = sample();
    assert_eq!(q.unsent_since(), None);
    q.set_answer("net.talk", Some(Answer::Value(5)), 10_000)
        .unwrap();
    assert_eq!(q.unsent_since(), Some(10_000));
    assert!(!q.needs_send_reminder(10_000 + SEND_REMINDER_AFTER - 1));
    assert!(q.needs_send_reminder(10_000 + SEND_REMINDER_AFTER));
    q.sent_at.push(20_000);
    assert_eq!(q.unsent_since(), None);
    assert!(!q.needs_send_reminder(u64::MAX));
    // A change after sending waits again.
    q.set_answer("net.talk", Some(Answer::Value(4)), 30_000)
        .unwrap();
    assert_eq!(q.unsent_since(), Some(30_000));
}

fn demo_identity() -> age::x25519::Identity {
    parse_identity(&fs::read_to_string("tests/fixtures/demo-identity.txt").unwrap()).unwrap()
}

#[test]
fn a_rescue_file_holds_the_stored_text_for_its_own_readers_only() {
    let key = "balans.q.7d7dafdc63ba4f07";
    // Cut off in the middle, as a damaged value would be.
    let v2 = fixture("schema_v2.json");
    let stored = &v2[..v2.len() - 40];
    assert_eq!(
        rescue_readers(key, stored),
        vec![balans::core::links::DEMO_RESEARCHER_KEY.to_string()]
    );
    let (armored, name) =
        rescue_file(key, stored, &MigrateError::Corrupt, 1_767_225_600_000).expect("a rescue file");
    assert_eq!(name, "balans_rescue_2026-01-01_q-7d7dafdc63ba4f07.age");
    assert!(armored.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    let plain = decrypt_bytes(armored.as_bytes(), &demo_identity()).unwrap();
    let rescue: Rescue = serde_json::from_slice(&plain).unwrap();
    assert_eq!(rescue.format, RESCUE_FORMAT);
    assert_eq!(rescue.key, key);
    assert_eq!(rescue.reason, "corrupt");
    assert_eq!(rescue.stored, stored);
}

#[test]
fn rescue_readers_come_from_the_invitation_not_from_answers() {
    let key = "balans.q.0000000000000000";
    let other = "age16087n3gjql39uw05hr8kchkphkvkpzktx9k42ejv2xehrxc0qacsukgzkx";
    // A key typed into a free-text answer is escaped inside the JSON string,
    // so a damaged value cannot trick the rescue into encrypting for it.
    let mut q = sample();
    q.set_answer(
        "intro.question",
        Some(Answer::Text(format!("\"k\":\"{other}\""))),
        5,
    )
    .unwrap();
    let stored = encode_questionnaire(&q);
    let readers = rescue_readers(key, &stored);
    assert_eq!(
        readers,
        vec![balans::core::links::DEMO_RESEARCHER_KEY.to_string()]
    );
    let cut = &stored[..stored.len() - 5];
    assert_eq!(rescue_readers(key, cut), readers);
    // With a professional on the invitation, they may read it too.
    let with_pro = stored.replacen(
        "\"l\":\"nl\"",
        &format!("\"p\":\"{other}\",\"l\":\"nl\""),
        1,
    );
    assert_eq!(rescue_readers(key, &with_pro).len(), 2);
    // Records that name no readers cannot be rescued by the app.
    assert!(rescue_readers("balans.settings", &stored).is_empty());
    assert!(matches!(
        rescue_file("balans.q.x", "garbage", &MigrateError::Corrupt, 0),
        Err(RescueError::NoReaders)
    ));
}

// Found by `cargo fuzz run storage` (fuzz/regressions/storage/crash-856f…):
// merging a copy with itself sorted sending times that were stored out of
// order, so the copy changed while the merge reported no change.
#[test]
fn merging_with_nothing_new_leaves_a_copy_exactly_as_it_was() {
    let mut q = sample();
    q.sent_at = vec![9_000, 0];
    let before = q.clone();
    assert!(!q.merge(&before).changed());
    assert_eq!(q, before);
    let mut other = before.clone();
    other.sent_at.push(5_000);
    assert!(q.merge(&other).progress);
    assert_eq!(q.sent_at, vec![0, 5_000, 9_000]);
}

/// Issue 12: the home screen counted 49 questions (items), the question
/// screens 41 (screens). One rule now: a question is a screen.
#[test]
fn home_and_question_screens_count_questions_the_same_way() {
    let mut q = sample();
    assert_eq!(q.question_count(), q.pages().len());
    assert!(
        q.question_count() < q.items().len(),
        "a domain screen holds two items"
    );
    assert_eq!(q.questions_answered(), 0);
    // Both items of one life domain's screen: one question answered.
    let page = q.page_of("dom.finances.status").unwrap();
    assert_eq!(q.page_of("dom.finances.helper"), Some(page));
    q.set_answer("dom.finances.status", Some(Answer::Value(3)), 2_000)
        .unwrap();
    assert_eq!(q.questions_answered(), 1);
    q.set_answer("dom.finances.helper", Some(Answer::Value(1)), 2_001)
        .unwrap();
    assert_eq!(q.questions_answered(), 1);
    assert_eq!(q.answered_count(), 2);
    assert_eq!(q.page_of("no.such.item"), None);
}

/// Issue 12: the summary links each short score to its questions, which
/// must all be on this form.
#[test]
fn a_questionnaires_shortfalls_link_to_its_own_screens() {
    let q = sample();
    let shortfalls = q.shortfalls();
    assert_eq!(shortfalls.len(), 4);
    for s in &shortfalls {
        assert!(!s.items.is_empty());
        for item in &s.items {
            assert!(
                q.page_of(item.id).is_some(),
                "{} is not on a screen",
                item.id
            );
        }
    }
}

/// Issue 12 (schema 4): a questionnaire opened from a link with "r-0107"
/// was kept under an id hashed from the lower-case code. It reads with the
/// code in upper case and the id the link gives now, so opening the old
/// link again (or the new one) resumes it; nothing else changes.
#[test]
fn schema_3_lower_case_code_reads_as_the_upper_case_codes_questionnaire() {
    use balans::core::links::parse_invitation;
    use balans::core::questionnaire::questionnaire_id;
    let text = fixture("schema_v3_lowercase_code.json");
    let q = decode_questionnaire(&text).unwrap();
    assert_eq!(q.invitation.respondent.as_str(), "R-0107");
    assert_eq!(q.id, questionnaire_id(&q.invitation, Role::Citizen));
    assert_eq!(q.id.as_str(), "63ba907ebf812553");
    // The id of the old link, opened today, is the same.
    let old_link = parse_invitation(&fixture_link("ok_v1_lowercase_code.txt")).unwrap();
    assert_eq!(
        questionnaire_id(&old_link, Role::Citizen),
        questionnaire_id(&q.invitation, Role::Citizen)
    );
    // Everything else is kept as it was.
    let saved: Value = serde_json::from_str(&encode_questionnaire(&q)).unwrap();
    let mut old = Vec::new();
    leaves(
        &serde_json::from_str(&text).unwrap(),
        String::new(),
        &mut old,
    );
    for (path, value) in old {
        match path.as_str() {
            "/schema" => assert_eq!(saved["schema"], SCHEMA_VERSION),
            "/id" => assert_eq!(saved["id"], "63ba907ebf812553"),
            "/invitation/r" => assert_eq!(saved["invitation"]["r"], "R-0107"),
            _ => assert_eq!(saved.pointer(&path), Some(&value), "{path} was lost"),
        }
    }
    // A record whose id was not made from its code keeps its id.
    let mut other: Value = serde_json::from_str(&text).unwrap();
    other["id"] = Value::from("kept-as-it-was");
    let q = decode_questionnaire(&other.to_string()).unwrap();
    assert_eq!(q.id.as_str(), "kept-as-it-was");
    assert_eq!(q.invitation.respondent.as_str(), "R-0107");
    // A broken code is refused, not guessed.
    other["invitation"]["r"] = Value::from(7);
    assert_eq!(
        decode_questionnaire(&other.to_string()),
        Err(MigrateError::Invalid)
    );
}

/// The two copies of one questionnaire, the old one under its lower-case
/// id and one begun since under the upper-case id, merge with every
/// answer of both (what `store::rekey_lowercase_codes` writes).
#[test]
fn an_old_lower_case_copy_merges_into_the_upper_case_one() {
    let old = decode_questionnaire(&fixture("schema_v3_lowercase_code.json")).unwrap();
    let mut new = Questionnaire::new(old.invitation.clone(), Role::Citizen, 1_767_300_000_000);
    new.set_answer("net.lonely", Some(Answer::Value(1)), 1_767_300_000_100)
        .unwrap();
    assert_eq!(new.id, old.id);
    assert!(new.merge(&old).changed());
    assert_eq!(new.answers.len(), old.answers.len() + 1);
    assert!(old
        .answers
        .iter()
        .all(|(k, v)| new.answers.get(k) == Some(v)));
    assert_eq!(new.sent_at, old.sent_at);
}

fn fixture_link(name: &str) -> String {
    fs::read_to_string(format!("tests/fixtures/links/{name}")).unwrap()
}
