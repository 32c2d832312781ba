//! The properties the fuzz targets check. `tests/core/fuzz_corpus.rs` runs the
//! same functions over the committed corpus and every crash input found, as
//! ordinary `cargo test` tests (no nightly needed).
//!
//! Beyond "never panic", each checks what the app relies on: what a parser
//! accepts is valid and survives a round trip.

use std::sync::OnceLock;

use balans::core::exchange::{decrypt, parse_envelope, rescue_readers};
use balans::core::keys::{is_valid_public_key, parse_identity};
use balans::core::links::{
    check_study_keys, invitation_fragment, link_kind, parse_invitation, parse_study,
    study_fragment, validate_respondent_code,
};
use balans::core::questionnaire::{
    check_stored, decode_questionnaire, decode_settings, decode_versioned, encode_questionnaire,
};

/// Invitation and study links (`parse_invitation`, `parse_study`): an
/// accepted link has valid keys and code, and reads back the same when
/// written again.
pub fn link(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = link_kind(text);
    if let Ok(invitation) = parse_invitation(text) {
        assert!(validate_respondent_code(&invitation.respondent).is_ok());
        assert!(is_valid_public_key(&invitation.study.researcher_key));
        assert!(check_study_keys(&invitation.study).is_ok());
        let again = parse_invitation(&invitation_fragment(&invitation));
        assert_eq!(
            again.as_ref(),
            Ok(&invitation),
            "an invitation written back reads the same"
        );
    }
    if let Ok(study) = parse_study(text) {
        assert!(is_valid_public_key(&study.researcher_key));
        assert!(check_study_keys(&study).is_ok());
        let again = parse_study(&study_fragment(&study));
        assert_eq!(
            again.as_ref(),
            Ok(&study),
            "a study written back reads the same"
        );
    }
}

/// Stored values and their migration: whatever loads is saved and loaded
/// again unchanged (nothing lost), and merging a copy with itself changes
/// nothing.
pub fn storage(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = check_stored(text);
    let _ = decode_settings(text);
    let _ = decode_versioned::<serde_json::Value>(text);
    for key in rescue_readers("balans.q.fuzz", text) {
        assert!(is_valid_public_key(&key));
    }
    if let Ok(q) = decode_questionnaire(text) {
        let again = decode_questionnaire(&encode_questionnaire(&q));
        assert_eq!(
            again.as_ref(),
            Ok(&q),
            "a loaded questionnaire saves and loads the same"
        );
        let mut merged = q.clone();
        assert!(!merged.merge(&q).changed(), "merging a copy with itself");
        assert_eq!(merged, q);
    }
}

fn demo_identity() -> &'static age::x25519::Identity {
    static IDENTITY: OnceLock<age::x25519::Identity> = OnceLock::new();
    IDENTITY.get_or_init(|| {
        parse_identity(include_str!("../tests/fixtures/demo-identity.txt"))
            .expect("the demo identity parses")
    })
}

/// Importing an export: ASCII armor or binary age, decryption with the demo
/// key, and the envelope (also fed in directly, as a decrypted plaintext).
/// An accepted envelope is a Balans export of a version this app reads.
pub fn import(data: &[u8]) {
    if let Ok(envelope) = decrypt(data, demo_identity()) {
        assert_eq!(envelope.format, balans::core::exchange::EXPORT_FORMAT);
        assert!(envelope.version <= balans::core::exchange::EXPORT_VERSION);
    }
    if let Ok(envelope) = parse_envelope(data) {
        assert_eq!(envelope.format, balans::core::exchange::EXPORT_FORMAT);
        assert!(envelope.version <= balans::core::exchange::EXPORT_VERSION);
    }
}

/// What the import screens show of a file: every value formatted for the
/// screen (`shown_time`, `shown_line`, `shown_file_name`) from the raw bytes
/// as text, and, when the bytes are an envelope the app accepts, from its
/// fields. Beyond "never panics" (the release build aborts on a panic,
/// which kills the page): a shown line has no control character and is
/// never longer than its limit, a shown time is one this app writes, and
/// an accepted envelope's every field fits the screen's rules.
pub fn screen(data: &[u8]) {
    use balans::core::exchange::{member_label_fits, time_fits, MAX_MEMBER_LABEL};
    use balans::core::research::{shown_file_name, shown_line, shown_time, MAX_SHOWN_FILE_NAME};
    let text = String::from_utf8_lossy(data);
    let name = shown_file_name(&text);
    assert!(name.chars().count() <= MAX_SHOWN_FILE_NAME);
    assert!(!name.chars().any(char::is_control));
    for max in [0, 1, 16, 24] {
        assert!(shown_line(&text, max).chars().count() <= max.max(1));
    }
    if let Some(t) = shown_time(&text) {
        assert!(time_fits(&text));
        assert_eq!(t.len(), 16);
    }
    if let Ok(envelope) = parse_envelope(data) {
        for t in [
            Some(&envelope.started_at),
            envelope.completed_at.as_ref(),
            Some(&envelope.exported_at),
        ]
        .into_iter()
        .flatten()
        {
            assert!(shown_time(t).is_some(), "an accepted time shows");
        }
        if let Some(member) = &envelope.member {
            assert!(member_label_fits(member));
            assert!(member.chars().count() <= MAX_MEMBER_LABEL);
            let _ = balans::core::professional::is_known_role(member);
        }
        let _ = shown_line(&envelope.study.name, 80);
    }
}
