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
        "balans_balans-demo_demo-001_citizen_T0.age"
    );
    envelope.member = Some("Partner".into());
    assert_eq!(
        envelope.file_name(),
        "balans_balans-demo_demo-001_partner_citizen_T0.age"
    );
}

/// Issue 12: the researcher needs to know whom to interview, so the
/// professional's id from the invitation travels in the export, as version 3;
/// a file without one keeps the version older apps read.
#[test]
fn the_professional_id_travels_in_the_export_as_version_3() {
    use balans::core::exchange::{
        parse_envelope, EXPORT_VERSION, EXPORT_VERSION_WITHOUT_PLAN, EXPORT_VERSION_WITH_PLAN,
    };
    assert_eq!(
        (
            EXPORT_VERSION_WITHOUT_PLAN,
            EXPORT_VERSION_WITH_PLAN,
            EXPORT_VERSION
        ),
        (1, 2, 3)
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
