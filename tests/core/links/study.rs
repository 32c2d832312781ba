//! Setting up a study: the form's checks, the secret key file (read by this
//! app, the age crate and the `age` command-line tool), and the study file a
//! deployment builds in.

use std::fs;
use std::process::Command;

use balans::core::exchange::encrypt_bytes;
use balans::core::keys::{generate_identity, identity_file, parse_identity, public_key};
use balans::core::links::{
    default_study_from, demo_study, identity_file_name, parse_places, parse_study,
    parse_study_file, places_text, study_file, study_file_name, study_fragment, DefaultStudy,
    Place, StudyDraft, StudyError, StudyFileError, MAX_PLACES_TEXT,
};

fn draft() -> StudyDraft {
    StudyDraft {
        name: "  Balans Voorbeeldstad 2026 ".into(),
        contact: "onderzoek@voorbeeldstad.example".into(),
        consent_extra: "Wij bewaren de gegevens vijf jaar.\r\nDaarna wissen wij ze.".into(),
        places: String::new(),
    }
}

#[test]
fn a_draft_becomes_a_study_with_the_new_key() {
    let identity = generate_identity();
    let key = public_key(&identity);
    let study = draft().to_study(&key).unwrap();
    assert_eq!(study.name, "Balans Voorbeeldstad 2026");
    assert_eq!(study.researcher_key, key);
    assert_eq!(
        study.consent_extra.as_deref(),
        Some("Wij bewaren de gegevens vijf jaar.\nDaarna wissen wij ze.")
    );
    // The study link for professionals opens as the same study.
    assert_eq!(parse_study(&study_fragment(&study)).unwrap(), study);
}

#[test]
fn the_form_says_what_is_wrong() {
    let key = public_key(&generate_identity());
    let with = |f: &dyn Fn(&mut StudyDraft)| {
        let mut d = draft();
        f(&mut d);
        d.to_study(&key).unwrap_err()
    };
    assert_eq!(with(&|d| d.name = " ".into()), StudyError::NoName);
    assert_eq!(with(&|d| d.name = "x".repeat(81)), StudyError::NameTooLong);
    assert_eq!(with(&|d| d.contact = String::new()), StudyError::NoContact);
    assert_eq!(
        with(&|d| d.consent_extra = "x".repeat(401)),
        StudyError::ConsentTooLong
    );
    assert_eq!(
        with(&|d| d.name = "Balans\tTab".into()),
        StudyError::ControlCharacter
    );
    assert_eq!(
        draft().to_study("age1notakey").unwrap_err(),
        StudyError::BadKey
    );
    assert_eq!(StudyError::NoName.field(), Some("name"));
    // An empty consent text means none.
    let mut d = draft();
    d.consent_extra = "  ".into();
    assert_eq!(d.to_study(&key).unwrap().consent_extra, None);
}

#[test]
fn the_key_file_has_the_age_keygen_format() {
    let identity = generate_identity();
    let file = identity_file(&identity, 1_777_888_999_000, "Keep this\nfile safe");
    let lines: Vec<&str> = file.lines().collect();
    assert_eq!(lines[0], "# created: 2026-05-04T10:03:19Z");
    assert_eq!(lines[1], format!("# public key: {}", public_key(&identity)));
    assert_eq!(
        lines[2], "# Keep this file safe",
        "a comment stays one line"
    );
    assert!(lines[3].starts_with("AGE-SECRET-KEY-1"));
    assert_eq!(lines.len(), 4);
    // This app reads it back…
    let back = parse_identity(&file).unwrap();
    assert_eq!(public_key(&back), public_key(&identity));
    // …and so does the age crate's own identity file parser.
    let parsed = age::IdentityFile::from_buffer(file.as_bytes())
        .unwrap()
        .into_identities()
        .unwrap();
    assert_eq!(parsed.len(), 1);
    assert_eq!(
        identity_file_name("Balans Voorbeeldstad 2026", 1_777_888_999_000),
        "balans-key_balans-voorbeeldstad-2026_2026-05-04.txt"
    );
}

#[test]
fn the_age_command_line_tool_decrypts_with_the_key_file() {
    let identity = generate_identity();
    let dir = std::env::temp_dir().join(format!("balans-study-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let key_file = dir.join("key.txt");
    fs::write(&key_file, identity_file(&identity, 0, "test")).unwrap();
    let export = dir.join("export.age");
    let armored = encrypt_bytes(b"{\"hello\":\"age\"}", &[public_key(&identity).as_str()]).unwrap();
    fs::write(&export, armored).unwrap();
    let output = Command::new("age")
        .arg("--decrypt")
        .arg("-i")
        .arg(&key_file)
        .arg(&export)
        .output()
        .expect("the `age` command-line tool is installed (scripts/setup installs it)");
    fs::remove_dir_all(&dir).unwrap();
    assert!(
        output.status.success(),
        "age failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.stdout, b"{\"hello\":\"age\"}");
}

#[test]
fn a_study_file_round_trips() {
    let study = draft().to_study(&public_key(&generate_identity())).unwrap();
    let text = study_file(&study);
    assert_eq!(parse_study_file(&text).unwrap(), study);
    assert_eq!(
        study_file_name(&study),
        "balans-study_balans-voorbeeldstad-2026.json"
    );
}

#[test]
fn study_file_fixtures_are_read_or_refused() {
    let mut seen = 0;
    for entry in fs::read_dir("tests/fixtures/study").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let text = fs::read_to_string(&path).unwrap();
        let result = parse_study_file(&text);
        if name.starts_with("fail_") {
            assert!(result.is_err(), "{name} must be refused");
        } else {
            assert!(result.is_ok(), "{name}: {result:?}");
        }
        seen += 1;
    }
    assert!(seen >= 6);
    let read = |name: &str| {
        parse_study_file(&fs::read_to_string(format!("tests/fixtures/study/{name}")).unwrap())
    };
    assert_eq!(
        read("fail_newer_version.json"),
        Err(StudyFileError::NewerVersion { found: 3 })
    );
    assert_eq!(
        read("fail_other_format.json"),
        Err(StudyFileError::NotStudyFile)
    );
    assert_eq!(read("fail_bad_key.json"), Err(StudyFileError::Invalid));
}

#[test]
fn the_default_study_is_the_demo_unless_one_is_built_in() {
    assert_eq!(default_study_from(None), DefaultStudy::Demo(demo_study()));
    assert_eq!(
        default_study_from(Some("  ")),
        DefaultStudy::Demo(demo_study())
    );
    let text = fs::read_to_string("tests/fixtures/study/ok_study.json").unwrap();
    let deployed = default_study_from(Some(&text));
    assert_eq!(deployed.study().unwrap().name, "Balans Voorbeeldstad 2026");
    assert!(matches!(deployed, DefaultStudy::Deployed(_)));
    // A broken built-in file is reported, never replaced by the demo key.
    let broken = default_study_from(Some("{\"format\":\"balans-study\""));
    assert_eq!(broken, DefaultStudy::Broken(StudyFileError::NotStudyFile));
    assert_eq!(broken.study(), None);
}

#[test]
fn this_builds_default_study_can_be_used() {
    // A deployment that builds with BALANS_DEFAULT_STUDY also runs the tests
    // with it: a study file that cannot be read fails here, not in the field.
    match balans::core::links::default_study() {
        DefaultStudy::Broken(e) => panic!("BALANS_DEFAULT_STUDY cannot be used: {e}"),
        DefaultStudy::Deployed(s) | DefaultStudy::Demo(s) => assert!(!s.name.is_empty()),
    }
    let built_in = option_env!("BALANS_DEFAULT_STUDY").is_some_and(|s| !s.trim().is_empty());
    assert_eq!(
        matches!(
            balans::core::links::default_study(),
            DefaultStudy::Deployed(_)
        ),
        built_in
    );
}

/// Issue 12: the researcher lists the municipalities and their teams, one
/// line each; the list travels in the study link and the study file.
#[test]
fn the_places_are_read_line_by_line_and_travel_in_link_and_file() {
    let typed = "  Voorbeeldstad: Wijkteam Noord , Wijkteam Zuid,\r\n\n Dorpen\nRivierstad:Team 1";
    let places = parse_places(typed).unwrap();
    let place = |m: &str, teams: &[&str]| Place {
        municipality: m.into(),
        teams: teams.iter().map(|t| t.to_string()).collect(),
    };
    assert_eq!(
        places,
        vec![
            place("Voorbeeldstad", &["Wijkteam Noord", "Wijkteam Zuid"]),
            place("Dorpen", &[]),
            place("Rivierstad", &["Team 1"]),
        ]
    );
    assert_eq!(parse_places(&places_text(&places)).unwrap(), places);
    assert_eq!(parse_places(" \n ").unwrap(), vec![]);

    let key = public_key(&generate_identity());
    let study = StudyDraft {
        places: typed.into(),
        ..draft()
    }
    .to_study(&key)
    .unwrap();
    assert_eq!(study.places, places);
    assert_eq!(parse_study(&study_fragment(&study)).unwrap(), study);
    assert_eq!(parse_study_file(&study_file(&study)).unwrap(), study);

    // The longest list allowed still makes a study link that opens.
    let mut long = String::new();
    for i in 0.. {
        let line = format!("Gemeente {i:02}: Wijkteam Noord {i}, Wijkteam Zuid {i}\n");
        if (long.clone() + &line).trim().chars().count() > MAX_PLACES_TEXT {
            break;
        }
        long.push_str(&line);
    }
    let full = StudyDraft {
        places: long,
        consent_extra: "x".repeat(400),
        ..draft()
    }
    .to_study(&key)
    .unwrap();
    assert!(full.places.len() > 20);
    assert_eq!(parse_study(&study_fragment(&full)).unwrap(), full);
}

#[test]
fn wrong_places_say_what_is_wrong() {
    let cases = [
        (": Wijkteam Noord", StudyError::PlaceWithoutMunicipality),
        (
            "Voorbeeldstad\nVoorbeeldstad: Noord",
            StudyError::PlaceTwice,
        ),
        ("Voorbeeldstad: Noord, Zuid, Noord", StudyError::PlaceTwice),
        (
            &*format!("Voorbeeldstad: {}", "x".repeat(61)),
            StudyError::PlaceNameTooLong,
        ),
        (&*"Stad: Team\n".repeat(200), StudyError::PlacesTooLong),
        ("Voorbeeld\tstad", StudyError::ControlCharacter),
    ];
    for (typed, error) in cases {
        assert_eq!(parse_places(typed), Err(error), "{typed}");
    }
    let key = public_key(&generate_identity());
    let err = StudyDraft {
        places: ": Noord".into(),
        ..draft()
    }
    .to_study(&key)
    .unwrap_err();
    assert_eq!(err.field(), Some("places"));
}
