//! Export envelopes encrypted with age: decrypt with the right key, a clear
//! error with any other, and the standard armored format.

use std::fs;

use balans::core::error::Problem;
use balans::core::exchange::{decrypt, encrypt, Envelope, ImportError, EXPORT_FORMAT};
use balans::core::i18n::Lang;
use balans::core::instrument::{Answer, Missing, Role};
use balans::core::keys::parse_identity;
use balans::core::links::demo_invitation;
use balans::core::questionnaire::Questionnaire;

fn identity(name: &str) -> age::x25519::Identity {
    parse_identity(&fs::read_to_string(format!("tests/fixtures/{name}")).unwrap()).unwrap()
}

fn sample_envelope() -> Envelope {
    let mut q = Questionnaire::new(demo_invitation(Lang::Nl), Role::Citizen, 1_700_000_000_000);
    q.set_answer(
        "comp.selfconfidence.1",
        Some(Answer::Value(4)),
        1_700_000_001_000,
    )
    .unwrap();
    q.set_answer(
        "dom.parenting.status",
        Some(Answer::Missing(Missing::NotApplicable)),
        1_700_000_002_000,
    )
    .unwrap();
    q.set_answer(
        "intro.question",
        Some(Answer::Text("Hulp met <b>post</b> & \"rekeningen\"".into())),
        1_700_000_003_000,
    )
    .unwrap();
    Envelope::of(&q, Lang::Nl, 1_700_000_004_000)
}

#[test]
fn the_demo_key_decrypts_what_was_encrypted_to_it() {
    let envelope = sample_envelope();
    let armored = encrypt(&envelope, &[envelope.study.researcher_key.as_str()]).unwrap();
    assert!(armored.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    let back = decrypt(armored.as_bytes(), &identity("demo-identity.txt")).unwrap();
    assert_eq!(back, envelope);
    assert_eq!(back.format, EXPORT_FORMAT);
    assert_eq!(back.exported_at, "2023-11-14T22:13:24Z");
}

#[test]
fn a_key_that_is_not_a_recipient_gets_a_clear_error() {
    let envelope = sample_envelope();
    let armored = encrypt(&envelope, &[envelope.study.researcher_key.as_str()]).unwrap();
    let err = decrypt(armored.as_bytes(), &identity("other-identity.txt")).unwrap_err();
    assert_eq!(err, ImportError::NotForThisKey);
    // Display is the English message and hint (what balans-tool prints).
    assert_eq!(
        err.to_string(),
        "This file was not locked for this key. Choose the key that belongs to this study. \
         Or ask the sender to make the file again."
    );
    assert_eq!(err.message_key(), "import.error.wrong_key");
}

#[test]
fn every_recipient_can_decrypt() {
    let envelope = sample_envelope();
    let other = identity("other-identity.txt").to_public().to_string();
    let armored = encrypt(&envelope, &[envelope.study.researcher_key.as_str(), &other]).unwrap();
    for key in ["demo-identity.txt", "other-identity.txt"] {
        assert_eq!(
            decrypt(armored.as_bytes(), &identity(key)).unwrap(),
            envelope
        );
    }
}

#[test]
fn damaged_truncated_and_foreign_files_are_told_apart() {
    let envelope = sample_envelope();
    let armored = encrypt(&envelope, &[envelope.study.researcher_key.as_str()]).unwrap();
    let key = identity("demo-identity.txt");

    let truncated = &armored.as_bytes()[..armored.len() / 2];
    assert_eq!(decrypt(truncated, &key), Err(ImportError::Damaged));

    // Flip one character inside the armored body (after the header line).
    let mut tampered = armored.clone().into_bytes();
    let at = tampered.len() - 60;
    tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
    assert_eq!(decrypt(&tampered, &key), Err(ImportError::Damaged));

    assert_eq!(
        decrypt(b"Hello, this is a letter.", &key),
        Err(ImportError::NotAge)
    );
    assert_eq!(decrypt(b"", &key), Err(ImportError::NotAge));

    let not_balans = balans::core::exchange::encrypt_bytes(
        b"{\"hello\":1}",
        &[envelope.study.researcher_key.as_str()],
    )
    .unwrap();
    assert_eq!(
        decrypt(not_balans.as_bytes(), &key),
        Err(ImportError::NotBalans)
    );

    let mut newer = serde_json::to_value(&envelope).unwrap();
    newer["version"] = 99.into();
    let newer = balans::core::exchange::encrypt_bytes(
        newer.to_string().as_bytes(),
        &[envelope.study.researcher_key.as_str()],
    )
    .unwrap();
    assert_eq!(
        decrypt(newer.as_bytes(), &key),
        Err(ImportError::NewerVersion { found: 99 })
    );
}

#[test]
fn file_names_say_study_respondent_role_and_moment() {
    let mut envelope = sample_envelope();
    assert_eq!(
        envelope.file_name(),
        "balans_balans-demo_DEMO-001_citizen_T0.age"
    );
    envelope.member = Some("Partner".into());
    assert_eq!(
        envelope.file_name(),
        "balans_balans-demo_DEMO-001_partner_citizen_T0.age"
    );
}

/// Issue 12: the researcher needs to know whom to interview, so the
/// professional's id from the invitation travels in the export, as version 3;
/// a file without one keeps the version older apps read.
#[test]
fn the_professional_id_travels_in_the_export_as_version_3() {
    use balans::core::exchange::{
        parse_envelope, EXPORT_VERSION, EXPORT_VERSION_WITHOUT_PLAN, EXPORT_VERSION_WITH_PLAN,
        EXPORT_VERSION_WITH_PROFESSIONAL_ID, EXPORT_VERSION_WITH_SAY,
    };
    assert_eq!(
        (
            EXPORT_VERSION_WITHOUT_PLAN,
            EXPORT_VERSION_WITH_PLAN,
            EXPORT_VERSION_WITH_PROFESSIONAL_ID,
            EXPORT_VERSION_WITH_SAY,
            EXPORT_VERSION
        ),
        (1, 2, 3, 4, 5)
    );
    let without = sample_envelope();
    assert_eq!(
        (without.version, without.professional_id.as_deref()),
        (1, None)
    );
    let json = serde_json::to_string(&without).unwrap();
    assert!(!json.contains("professional_id"), "{json}");

    let mut invitation = demo_invitation(Lang::Nl);
    invitation.professional_id = Some("a1b2c3d4e5".into());
    let q = Questionnaire::new(invitation, Role::Citizen, 1_700_000_000_000);
    let with = Envelope::of(&q, Lang::Nl, 1_700_000_004_000).with_plan(None);
    assert_eq!(with.version, 3);
    assert_eq!(with.professional_id.as_deref(), Some("a1b2c3d4e5"));
    let armored = encrypt(&with, &[with.study.researcher_key.as_str()]).unwrap();
    let back = decrypt(armored.as_bytes(), &identity("demo-identity.txt")).unwrap();
    assert_eq!(back, with);

    // The fixture of this version reads, with its id; the previous
    // version's fixtures still read (export_fixtures_are_read_or_refused).
    let v3 = parse_envelope(
        &fs::read("tests/fixtures/exports/ok_v3_citizen_with_professional_id.json").unwrap(),
    )
    .unwrap();
    assert_eq!(
        (v3.version, v3.professional_id.as_deref()),
        (3, Some("0f1e2d3c4b"))
    );
    let v2 = parse_envelope(
        &fs::read("tests/fixtures/exports/ok_v2_professional_with_plan.json").unwrap(),
    )
    .unwrap();
    assert_eq!((v2.version, v2.professional_id), (2, None));
}

/// The citizen app checks a link's keys with `bech32` alone (without `age`,
/// which it loads later): it must accept and refuse exactly what age does.
#[test]
fn public_keys_are_checked_as_age_parses_them() {
    use balans::core::keys::{generate_identity, is_valid_public_key, public_key};
    let good = public_key(&generate_identity());
    let mut keys = vec![
        good.clone(),
        good.to_uppercase(),
        good[..good.len() - 1].to_string(),
        format!("{good}q"),
        good.replacen("age1", "agf1", 1),
        good.replacen("age1", "AGE1", 1),
        String::new(),
        "age1".to_string(),
        // A valid Bech32 string of 20 bytes, not 32.
        "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq".to_string(),
        "AGE-SECRET-KEY-1QQQQ".to_string(),
    ];
    // Every single-character change of a good key.
    for (i, c) in good.char_indices().skip(4) {
        let other = if c == 'q' { 'p' } else { 'q' };
        keys.push(format!("{}{other}{}", &good[..i], &good[i + 1..]));
    }
    // A Bech32m string with the right prefix and length (age wants Bech32).
    let data = [7u8; 32];
    let hrp = bech32::Hrp::parse("age").unwrap();
    keys.push(bech32::encode::<bech32::Bech32m>(hrp, &data).unwrap());
    keys.push(bech32::encode::<bech32::Bech32>(hrp, &data).unwrap());
    let mut accepted = 0;
    for key in &keys {
        let by_age = key.parse::<age::x25519::Recipient>().is_ok();
        assert_eq!(is_valid_public_key(key), by_age, "{key:?}");
        accepted += usize::from(by_age);
    }
    // The good key, its upper-case form and the Bech32 encoding of 32 bytes.
    assert_eq!(accepted, 3);
}

/// Each hostile fixture is refused, naming the field it got wrong (or as
/// not Balans where the JSON cannot even hold the value).
#[test]
fn hostile_fields_are_refused_naming_the_field() {
    use balans::core::exchange::parse_envelope;
    let cases: &[(&str, Option<&str>)] = &[
        ("fail_time_multibyte_at_byte_13.json", Some("completed_at")),
        ("fail_time_multibyte_at_byte_14.json", Some("completed_at")),
        ("fail_time_multibyte_at_byte_15.json", Some("completed_at")),
        ("fail_time_multibyte_at_byte_16.json", Some("completed_at")),
        ("fail_member_multibyte_too_long.json", Some("member")),
        ("fail_member_empty.json", Some("member")),
        ("fail_member_10000_chars.json", Some("member")),
        ("fail_member_html.json", Some("member")),
        ("fail_member_formula.json", Some("member")),
        ("fail_member_control.json", Some("member")),
        ("fail_study_name_control.json", Some("study")),
        ("fail_study_name_long.json", Some("study")),
        ("fail_answer_text_control.json", Some("answers")),
        ("fail_answer_text_too_long.json", Some("answers")),
        ("fail_answer_out_of_range.json", Some("answers")),
        ("fail_answer_not_an_i32.json", None),
        ("fail_too_many_answers.json", Some("answers")),
        ("fail_version_zero.json", Some("version")),
        ("fail_version_too_big.json", None),
        (
            "fail_instrument_version_zero.json",
            Some("instrument_version"),
        ),
        (
            "fail_instrument_version_negative.json",
            Some("instrument_version"),
        ),
        (
            "fail_instrument_version_overflow.json",
            Some("instrument_version"),
        ),
        ("fail_time_31_february.json", Some("started_at")),
        ("fail_time_not_iso.json", Some("exported_at")),
        ("fail_app_version_html.json", Some("app_version")),
        ("fail_consent_time.json", Some("consent/given_at")),
        ("fail_professional_id_long.json", Some("professional_id")),
        // The citizen's own say (issue 13).
        ("fail_topics_marked_and_none.json", Some("topics")),
        ("fail_mode_on_professional_form.json", Some("mode")),
        ("fail_topics_unknown_topic.json", None),
        (
            "fail_plan_levers_of_unknown_intervention.json",
            Some("plan"),
        ),
        // The study's keys (envelope version 5): 1–4 different age keys.
        ("fail_study_keys_empty.json", Some("study")),
        ("fail_study_keys_twice.json", Some("study")),
        ("fail_study_keys_too_many.json", Some("study")),
        ("fail_study_keys_not_age.json", Some("study")),
    ];
    for (name, field) in cases {
        let text = fs::read(format!("tests/fixtures/exports/{name}")).unwrap();
        let expected = match field {
            Some(field) => ImportError::BadField { field },
            None => ImportError::NotBalans,
        };
        assert_eq!(parse_envelope(&text), Err(expected.clone()), "{name}");
        // The message names the field in both languages.
        if let Some(field) = field {
            for lang in Lang::ALL {
                assert!(expected.message(lang).contains(field), "{name} {lang:?}");
                assert!(!expected.hint(lang).is_empty());
            }
        }
    }
    // Formula and HTML text in an answer is an answer like any other.
    let ok = fs::read("tests/fixtures/exports/ok_v1_citizen_formula_and_html_text.json").unwrap();
    assert!(parse_envelope(&ok).is_ok());
}

#[test]
fn versions_and_times_are_held_to_what_exists() {
    use balans::core::exchange::{instrument_version_fits, time_fits};
    for good in ["1.0", "1.12", "2.0"] {
        assert!(instrument_version_fits(good), "{good}");
    }
    for bad in [
        "0",
        "0.0",
        "-1.0",
        "+1.0",
        "4294967296.0",
        "1.4294967296",
        "1",
        "1.",
        ".1",
        "1.0.0",
        "١.٠",
        " 1.0",
        "",
    ] {
        assert!(!instrument_version_fits(bad), "{bad}");
    }
    assert!(time_fits("2026-03-01T10:15:00Z"));
    assert!(time_fits("2028-02-29T23:59:59Z"));
    for bad in [
        "2026-02-29T10:00:00Z",
        "2026-04-31T10:00:00Z",
        "2026-03-01T10:15:60Z",
        "2026-03-01T24:00:00Z",
        "2026-03-01 10:15:00Z",
        "2026-03-01T10:15:00+01:00",
        "0000-01-01T00:00:00Z",
        "2026-03-01T10:15:00.000Z",
        "+026-03-01T10:15:00Z",
    ] {
        assert!(!time_fits(bad), "{bad}");
    }
}

/// The envelope's member rule is the workspace's: a label a file brings is
/// held to what the professional could type.
#[test]
fn a_member_label_from_a_file_obeys_the_workspace_rule() {
    use balans::core::exchange::member_label_fits;
    use balans::core::professional::{is_known_role, validate_member};
    for label in [
        "partner",
        "kind 1",
        "ander gezinslid 2",
        "broer of zus",
        "Oma Jansen",
        "",
        " ",
        " kind",
        "kind ",
        "<b>kind</b>",
        "=1+1",
        "é".repeat(24).as_str(),
        "é".repeat(25).as_str(),
        "a".repeat(10_000).as_str(),
        "kind\u{7}",
        "kind\u{200b}",
    ] {
        let trimmed_same = label.trim() == label;
        assert_eq!(
            member_label_fits(label),
            trimmed_same && validate_member(label).is_ok(),
            "{label:?}"
        );
    }
    // The role labels the workspace's list makes (professional::members).
    for known in ["partner", "kind-2", "ouder-1", "broer-zus-1", "gezinslid-3"] {
        assert!(is_known_role(known), "{known}");
    }
    for older in [
        "Oma Jansen",
        "kind twee",
        "Kind 2",
        "kind",
        "partner-2",
        "ouders",
        "kind-123",
    ] {
        assert!(!is_known_role(older), "{older}");
    }
}

/// One changed character in the age header is "damaged", never "made by a
/// newer version"; only a header naming a newer age format is that.
#[test]
fn a_changed_header_character_is_damaged_not_newer() {
    let armored = encrypt(
        &sample_envelope(),
        &[sample_envelope().study.researcher_key.as_str()],
    )
    .unwrap();
    let key = identity("demo-identity.txt");
    let lines: Vec<&str> = armored.lines().collect();
    // Every character of the armor's first line and of the first base64
    // line, which holds `age-encryption.org/v1` and the recipient.
    let mut tried = 0;
    for line in 0..2 {
        for at in 0..lines[line].len() {
            let mut changed: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            let c = changed[line].as_bytes()[at];
            let other = if c == b'A' { 'B' } else { 'A' };
            changed[line].replace_range(at..at + 1, &other.to_string());
            let file = changed.join("\n");
            let result = decrypt(file.as_bytes(), &key);
            assert!(
                matches!(
                    result,
                    Err(ImportError::Damaged) | Err(ImportError::NotForThisKey)
                ),
                "line {line} char {at}: {result:?}"
            );
            tried += 1;
        }
    }
    assert!(tried > 60);
    // The very first base64 character ("YWdl…" is "age…") is damaged.
    let mut first = lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    first[1].replace_range(0..1, "Z");
    assert_eq!(
        decrypt(first.join("\n").as_bytes(), &key),
        Err(ImportError::Damaged)
    );
    // A binary file that names a newer age format is "newer".
    let newer = b"age-encryption.org/v2\n-> X25519 abc\nxyz\n--- abc\n";
    assert!(matches!(
        decrypt(newer, &key),
        Err(ImportError::NewerVersion { .. })
    ));
}

/// A rescue file is recognised at import, and the researcher is told how to
/// open it.
#[test]
fn a_rescue_file_is_recognised_and_explained() {
    use balans::core::exchange::{rescue_file, Rescue, RESCUE_FORMAT};
    use balans::core::questionnaire::MigrateError;
    let researcher = sample_envelope().study.researcher_key.clone();
    let stored = format!("{{\"schema\":99,\"invitation\":{{\"s\":{{\"k\":\"{researcher}\"}}}}}}");
    let (armored, name) = rescue_file(
        "balans.q.0123456789abcdef",
        &stored,
        &MigrateError::Corrupt,
        1_700_000_000_000,
    )
    .unwrap();
    assert!(name.starts_with("balans_rescue_"));
    let key = identity("demo-identity.txt");
    assert_eq!(
        decrypt(armored.as_bytes(), &key),
        Err(ImportError::RescueFile)
    );
    let plain: Rescue = serde_json::from_slice(
        &balans::core::exchange::decrypt_bytes(armored.as_bytes(), &key).unwrap(),
    )
    .unwrap();
    assert_eq!(plain.format, RESCUE_FORMAT);
    let hint = ImportError::RescueFile.hint(Lang::Nl);
    assert!(hint.contains("age --decrypt"), "{hint}");
    assert_eq!(ImportError::RescueFile.code(), "rescue");
}
