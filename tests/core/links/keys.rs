//! A study with a second key (issue 14): the keys travel as a list in the
//! study link (version 3), the invitation (version 3), the study file
//! (version 2) and the envelope (version 5); every file is encrypted to all
//! of them and opens with each key alone; a study with one key keeps the
//! versions older apps read.

use std::fs;
use std::process::Command;

use balans::core::exchange::{
    decrypt, encrypt, rescue_readers, Envelope, EXPORT_VERSION, EXPORT_VERSION_WITHOUT_PLAN,
};
use balans::core::i18n::Lang;
use balans::core::instrument::{Answer, Role};
use balans::core::keys::{generate_identity, parse_identity, public_key};
use balans::core::links::{
    add_study_key, check_study_keys, demo_invitation, demo_study, invitation_fragment_with,
    parse_invitation, parse_invitation_with, parse_study, parse_study_file, study_file,
    study_fragment, Invitation, Study, StudyKeysError, DEMO_RESEARCHER_KEY, MAX_STUDY_KEYS,
};
use balans::core::questionnaire::Questionnaire;

const SECOND_KEY: &str = "age136favwqar70f0gkrx63h2l53qvjdeswsynhdd9tukwycl482s3zq6axvf7";
const PROFESSIONAL_KEY: &str = "age16087n3gjql39uw05hr8kchkphkvkpzktx9k42ejv2xehrxc0qacsukgzkx";

fn fixture(path: &str) -> String {
    fs::read_to_string(format!("tests/fixtures/{path}")).unwrap()
}

fn identity(file: &str) -> age::x25519::Identity {
    parse_identity(&fixture(file)).unwrap()
}

fn two_key_study() -> Study {
    let mut study = demo_study().at(None, None);
    study.name = "Balans twee sleutels".into();
    study.places.clear();
    add_study_key(&study, SECOND_KEY).unwrap()
}

fn two_key_invitation() -> Invitation {
    let mut invitation = demo_invitation(Lang::Nl);
    invitation.study = two_key_study();
    invitation.respondent = "R-0201".into();
    invitation.professional_key = Some(PROFESSIONAL_KEY.into());
    invitation
}

#[test]
fn a_second_key_is_checked_when_added() {
    let study = demo_study();
    assert_eq!(
        add_study_key(&study, &format!("  {SECOND_KEY}\n"))
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        vec![DEMO_RESEARCHER_KEY, SECOND_KEY]
    );
    assert_eq!(add_study_key(&study, "  "), Err(StudyKeysError::NoKey));
    assert_eq!(
        add_study_key(&study, "age1notakey"),
        Err(StudyKeysError::NotAge)
    );
    assert_eq!(
        add_study_key(&study, &fixture("second-identity.txt")),
        Err(StudyKeysError::NotAge),
        "a whole key file is not a public key"
    );
    let secret = fixture("second-identity.txt")
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .unwrap()
        .to_string();
    assert_eq!(
        add_study_key(&study, &secret),
        Err(StudyKeysError::SecretKey)
    );
    assert_eq!(
        add_study_key(&study, DEMO_RESEARCHER_KEY),
        Err(StudyKeysError::Twice)
    );
    // Bech32 ignores case: the same key in capitals is the same key.
    assert_eq!(
        add_study_key(&study, &DEMO_RESEARCHER_KEY.to_uppercase()),
        Err(StudyKeysError::Twice)
    );
    let pasted = public_key(&generate_identity());
    let added = add_study_key(&study, &pasted.to_uppercase()).unwrap();
    assert_eq!(added.more_keys, vec![pasted]);
    let mut full = study.clone();
    for _ in 1..MAX_STUDY_KEYS {
        full = add_study_key(&full, &public_key(&generate_identity())).unwrap();
    }
    assert_eq!(full.keys().count(), MAX_STUDY_KEYS);
    assert_eq!(
        add_study_key(&full, &public_key(&generate_identity())),
        Err(StudyKeysError::TooMany)
    );
    assert_eq!(check_study_keys(&full), Ok(()));
}

#[test]
fn one_key_keeps_the_old_versions_and_the_old_text() {
    let study = demo_study();
    let json = serde_json::to_value(&study).unwrap();
    assert_eq!(json["k"], DEMO_RESEARCHER_KEY, "one key stays text");
    assert!(study_fragment(&study).starts_with("s1."));
    let mut invitation = demo_invitation(Lang::Nl);
    invitation.study = study.at(None, None);
    invitation.study.name = "Een ander onderzoek".into();
    assert!(invitation_fragment_with(&invitation, None).starts_with("i2."));
    assert!(study_file(&study).contains("\"version\": 1"));
    let q = Questionnaire::new(demo_invitation(Lang::Nl), Role::Citizen, 1_000);
    assert_eq!(
        Envelope::of(&q, Lang::Nl, 2_000).version,
        EXPORT_VERSION_WITHOUT_PLAN
    );
}

#[test]
fn two_keys_travel_as_a_list_in_every_format() {
    let study = two_key_study();
    let json = serde_json::to_value(&study).unwrap();
    assert_eq!(
        json["k"],
        serde_json::json!([DEMO_RESEARCHER_KEY, SECOND_KEY])
    );
    // Study link: version 3, JSON.
    let fragment = study_fragment(&study);
    assert!(fragment.starts_with("s3."), "{fragment}");
    assert_eq!(parse_study(&fragment), Ok(study.clone()));
    // Invitation: version 3, the compact record and the further keys.
    let invitation = two_key_invitation();
    let fragment = invitation_fragment_with(&invitation, None);
    assert!(fragment.starts_with("i3."), "{fragment}");
    assert_eq!(
        parse_invitation_with(&fragment, None),
        Ok(invitation.clone())
    );
    assert_eq!(
        invitation.recipients(),
        vec![DEMO_RESEARCHER_KEY, SECOND_KEY, PROFESSIONAL_KEY]
    );
    // The built-in study with two keys: the app knows them, the link stays
    // version 2 and short.
    let mut built_in = invitation.clone();
    built_in.study = study.clone();
    let fragment = invitation_fragment_with(&built_in, Some(&study));
    assert!(fragment.starts_with("i2."), "{fragment}");
    assert_eq!(parse_invitation_with(&fragment, Some(&study)), Ok(built_in));
    // Study file: version 2.
    let file = study_file(&study);
    assert!(file.contains("\"version\": 2"), "{file}");
    assert_eq!(parse_study_file(&file), Ok(study));
}

#[test]
fn fixtures_of_version_3_links_and_version_2_study_files_open() {
    let invitation = parse_invitation(&fixture("links/ok_v3_two_keys.txt")).unwrap();
    assert_eq!(invitation.study.keys().count(), 2);
    assert_eq!(
        invitation.recipients(),
        vec![DEMO_RESEARCHER_KEY, SECOND_KEY, PROFESSIONAL_KEY]
    );
    let study = parse_study(&fixture("links/ok_v3_study_two_keys.txt")).unwrap();
    assert_eq!(
        study.keys().collect::<Vec<_>>(),
        vec![DEMO_RESEARCHER_KEY, SECOND_KEY]
    );
    let file = parse_study_file(&fixture("study/ok_v2_study_two_keys.json")).unwrap();
    assert_eq!(file.more_keys, vec![SECOND_KEY.to_string()]);
    for name in ["fail_keys_twice.json", "fail_keys_empty.json"] {
        assert!(
            parse_study_file(&fixture(&format!("study/{name}"))).is_err(),
            "{name}"
        );
    }
    // The workspace and questionnaire ids hash the first key only: a study
    // that gains a key keeps its workspaces.
    let one = demo_study();
    let two = add_study_key(&one, SECOND_KEY).unwrap();
    assert_eq!(
        balans::core::professional::workspace_id(&one),
        balans::core::professional::workspace_id(&two)
    );
}

/// The must-show of the second key, natively: a citizen's export of a
/// two-key study opens with each study key alone (and the professional's).
#[test]
fn an_export_opens_with_each_key_alone() {
    let mut q = Questionnaire::new(two_key_invitation(), Role::Citizen, 1_000);
    q.set_answer("comp.selfconfidence.1", Some(Answer::Value(4)), 1_500)
        .unwrap();
    let envelope = Envelope::of(&q, Lang::Nl, 2_000);
    assert_eq!(envelope.version, EXPORT_VERSION);
    assert_eq!(EXPORT_VERSION, 5);
    let armored = encrypt(&envelope, &q.invitation.recipients()).unwrap();
    for file in [
        "demo-identity.txt",
        "second-identity.txt",
        "other-identity.txt",
    ] {
        let back = decrypt(armored.as_bytes(), &identity(file)).unwrap();
        assert_eq!(back, envelope, "{file}");
    }
    let stranger = generate_identity();
    assert!(decrypt(armored.as_bytes(), &stranger).is_err());
    // A version 5 fixture reads, with both keys.
    let fixture_envelope = balans::core::exchange::parse_envelope(
        fixture("exports/ok_v5_citizen_two_keys.json").as_bytes(),
    )
    .unwrap();
    assert_eq!(fixture_envelope.study.keys().count(), 2);
}

/// The `age` command-line tool opens the same file with each study key
/// alone. `scripts/setup` installs `age` and `scripts/test` sets
/// `BALANS_REQUIRE_AGE`, so there it never skips.
#[test]
fn the_age_tool_opens_an_export_with_each_key_alone() {
    if Command::new("age").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("BALANS_REQUIRE_AGE").is_none(),
            "BALANS_REQUIRE_AGE is set but the `age` tool is missing (scripts/setup installs it)"
        );
        eprintln!(
            "skipped: the `age` command-line tool is not installed (scripts/setup installs it)"
        );
        return;
    }
    let q = Questionnaire::new(two_key_invitation(), Role::Citizen, 1_000);
    let envelope = Envelope::of(&q, Lang::Nl, 2_000);
    let armored = encrypt(&envelope, &q.invitation.recipients()).unwrap();
    let dir = std::env::temp_dir().join(format!("balans-twokeys-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let export = dir.join("export.age");
    fs::write(&export, armored).unwrap();
    for key in ["demo-identity.txt", "second-identity.txt"] {
        let output = Command::new("age")
            .arg("--decrypt")
            .arg("-i")
            .arg(format!("tests/fixtures/{key}"))
            .arg(&export)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{key}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let read: Envelope = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(read, envelope, "{key}");
    }
    fs::remove_dir_all(&dir).unwrap();
}

/// A rescue file goes to every key of the study, also when the stored text
/// is no longer JSON.
#[test]
fn a_rescue_file_goes_to_every_study_key() {
    let q = Questionnaire::new(two_key_invitation(), Role::Citizen, 1_000);
    let stored = balans::core::questionnaire::encode_questionnaire(&q);
    let expected = vec![
        DEMO_RESEARCHER_KEY.to_string(),
        SECOND_KEY.to_string(),
        PROFESSIONAL_KEY.to_string(),
    ];
    assert_eq!(rescue_readers("balans.q.x", &stored), expected);
    let cut = &stored[..stored.len() - 3];
    assert_eq!(rescue_readers("balans.q.x", cut), expected);
}

/// A stored questionnaire of a two-key study (schema 4, `k` a list) reads
/// with every field as it was, and keeps the id of its one-key twin: ids
/// hash the first key only.
#[test]
fn a_stored_questionnaire_of_a_two_key_study_reads_unchanged() {
    use balans::core::questionnaire::{decode_questionnaire, questionnaire_id};
    let text = fixture("storage/schema_v4_two_keys.json");
    let q = decode_questionnaire(&text).unwrap();
    assert_eq!(
        q.invitation.recipients(),
        vec![DEMO_RESEARCHER_KEY, SECOND_KEY]
    );
    assert_eq!(q.id, questionnaire_id(&q.invitation, q.role));
    let twin = decode_questionnaire(&fixture("storage/schema_v4.json")).unwrap();
    assert_eq!(q.id, twin.id);
    let stored: serde_json::Value = serde_json::from_str(&text).unwrap();
    let again: serde_json::Value =
        serde_json::from_str(&balans::core::questionnaire::encode_questionnaire(&q)).unwrap();
    assert_eq!(again, stored);
}
