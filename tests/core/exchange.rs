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
