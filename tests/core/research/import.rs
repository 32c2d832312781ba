//! Importing many exports: every file gets an outcome, one bad file never
//! stops a batch, and duplicates keep the latest completed form.

use std::fs;

use balans::core::exchange::{encrypt, encrypt_bytes, Envelope, ImportError};
use balans::core::instrument::{Answer, Moment, Role};
use balans::core::keys::parse_identity;
use balans::core::links::demo_study;
use balans::core::research::{synthetic_envelopes, Importer, Outcome, ResearchData, Summary};

fn key(name: &str) -> age::x25519::Identity {
    parse_identity(&fs::read_to_string(format!("tests/fixtures/{name}")).unwrap()).unwrap()
}

fn sealed(envelope: &Envelope) -> Vec<u8> {
    encrypt(envelope, &[envelope.study.researcher_key.as_str()])
        .unwrap()
        .into_bytes()
}

fn sample() -> Vec<Envelope> {
    synthetic_envelopes(11, 8, &demo_study())
}

#[test]
fn a_mixed_batch_gives_one_outcome_per_file_and_never_stops() {
    let identity = key("demo-identity.txt");
    let envelopes = sample();
    let mut importer = Importer::new(ResearchData::default());
    let good = sealed(&envelopes[0]);
    let truncated = &good[..good.len() / 2];
    let other = key("other-identity.txt").to_public().to_string();
    let for_other = encrypt(&envelopes[1], &[other.as_str()]).unwrap();
    let mut newer = serde_json::to_value(&envelopes[2]).unwrap();
    newer["version"] = (balans::core::exchange::EXPORT_VERSION + 1).into();
    let newer = encrypt_bytes(
        newer.to_string().as_bytes(),
        &[envelopes[2].study.researcher_key.as_str()],
    )
    .unwrap();

    importer.add_file("a.age", &good, &identity);
    importer.add_file("truncated.age", truncated, &identity);
    importer.add_file("other.age", for_other.as_bytes(), &identity);
    importer.add_file("notes.txt", b"boodschappen: brood, melk", &identity);
    importer.add_file("newer.age", newer.as_bytes(), &identity);
    importer.add_file("b.age", &sealed(&envelopes[3]), &identity);

    let codes: Vec<&str> = importer
        .outcomes()
        .iter()
        .map(|o| o.outcome.code())
        .collect();
    assert_eq!(
        codes,
        [
            "imported",
            "damaged",
            "wrong_key",
            "not_balans",
            "newer",
            "imported"
        ]
    );
    let summary = importer.summary();
    assert_eq!(
        (summary.files, summary.imported, summary.damaged),
        (6, 2, 1)
    );
    assert_eq!(importer.data().len(), 2);
}

#[test]
fn duplicates_keep_the_latest_completed_and_both_files_show_the_conflict() {
    let original = sample().remove(0);
    let mut resent = original.clone();
    resent.completed_at = Some("2027-01-01T10:00:00Z".into());
    resent.answers.insert("net.talk".into(), Answer::Value(1));

    // Whichever comes first, the later completed form is kept.
    for order in [[&original, &resent], [&resent, &original]] {
        let mut importer = Importer::new(ResearchData::default());
        importer.add("first.age", Ok(order[0].clone()));
        importer.add("second.age", Ok(order[1].clone()));
        assert_eq!(importer.data().len(), 1);
        assert_eq!(importer.data().records[0].envelope, resent);
        for (row, other) in importer.outcomes().iter().zip(["second.age", "first.age"]) {
            let Outcome::Duplicate {
                kept,
                other_file,
                same,
                ..
            } = &row.outcome
            else {
                panic!("{} should be a duplicate: {:?}", row.file, row.outcome);
            };
            assert_eq!(other_file, other);
            assert!(!same);
            let is_resent = (row.file == "first.age") == std::ptr::eq(order[0], &resent);
            assert_eq!(*kept, is_resent, "{}", row.file);
        }
        // The summary adds up to the one questionnaire kept (issue 12).
        let summary = Summary::of(importer.outcomes());
        assert_eq!((summary.imported, summary.duplicate), (0, 2));
        assert_eq!(
            summary.imported + summary.duplicate_kept,
            importer.data().len()
        );
    }
}

#[test]
fn the_same_file_twice_keeps_the_first_and_says_it_is_the_same() {
    let e = sample().remove(0);
    let mut importer = Importer::new(ResearchData::default());
    importer.add("a.age", Ok(e.clone()));
    importer.add("copy of a.age", Ok(e.clone()));
    assert_eq!(importer.data().records[0].file, "a.age");
    assert!(matches!(
        importer.outcomes()[1].outcome,
        Outcome::Duplicate {
            kept: false,
            same: true,
            ..
        }
    ));
    assert!(matches!(
        importer.outcomes()[0].outcome,
        Outcome::Duplicate {
            kept: true,
            same: true,
            ..
        }
    ));
}

#[test]
fn a_second_batch_adds_to_the_first() {
    let envelopes = sample();
    let (first, second) = envelopes.split_at(10);
    let mut importer = Importer::new(ResearchData::default());
    for (i, e) in first.iter().enumerate() {
        importer.add(&format!("{i}.age"), Ok(e.clone()));
    }
    let (data, _) = importer.finish();
    // Stored on the device and read back between batches.
    let stored = serde_json::to_string(&data).unwrap();
    let data: ResearchData = serde_json::from_str(&stored).unwrap();

    let mut importer = Importer::new(data);
    importer.add("again.age", Ok(first[0].clone()));
    for (i, e) in second.iter().enumerate() {
        importer.add(&format!("b{i}.age"), Ok(e.clone()));
    }
    assert_eq!(importer.data().len(), envelopes.len());
    // A file seen in an earlier batch is a duplicate of the stored record.
    assert!(matches!(
        &importer.outcomes()[0].outcome,
        Outcome::Duplicate { kept: false, same: true, other_file, .. } if other_file == "0.age"
    ));
    let counts = importer.data().counts();
    let total: usize = counts.iter().flatten().sum();
    assert_eq!(total, envelopes.len());
    assert!(counts[0][Moment::T0.index()] >= 8);
    assert!(importer.data().people() >= 8);
}

#[test]
fn answers_that_do_not_fit_the_instrument_are_refused() {
    let mut e = sample().remove(0);
    assert_eq!(e.role, Role::Citizen);
    e.answers
        .insert("comp.selfconfidence.1".into(), Answer::Value(9));
    let mut importer = Importer::new(ResearchData::default());
    importer.add_file("bad.age", &sealed(&e), &key("demo-identity.txt"));
    assert_eq!(
        importer.outcomes()[0].outcome,
        Outcome::Failed(ImportError::BadField { field: "answers" })
    );

    // A professional-only item on a citizen's form does not fit either.
    let mut e = sample().remove(0);
    e.answers
        .insert("approach.say_goals".into(), Answer::Value(3));
    assert_eq!(
        balans::core::research::check_envelope(&e),
        Err(ImportError::BadField { field: "answers" })
    );
    // A respondent code that is a name is refused.
    let mut e = sample().remove(0);
    e.respondent = "Jansen".into();
    assert_eq!(
        balans::core::research::check_envelope(&e),
        Err(ImportError::BadField {
            field: "respondent"
        })
    );
    // An instrument newer than this app is "made by a newer version".
    let mut e = sample().remove(0);
    e.instrument_version = "1.9".into();
    assert!(matches!(
        balans::core::research::check_envelope(&e),
        Err(ImportError::NewerVersion { .. })
    ));
    // Item ids this version does not know are left alone.
    let mut e = sample().remove(0);
    e.answers.insert("future.item".into(), Answer::Value(3));
    assert_eq!(balans::core::research::check_envelope(&e), Ok(()));
}

/// Issue 12: a file with "r-0107" is the respondent "R-0107": the same key,
/// so a second file of it is a duplicate, not a second respondent.
#[test]
fn a_lower_case_code_in_a_file_is_the_upper_case_respondent() {
    let identity = key("demo-identity.txt");
    let envelope = sample().remove(0);
    let code = envelope.respondent.to_string();
    let mut old = serde_json::to_value(&envelope).unwrap();
    old["respondent"] = code.to_ascii_lowercase().into();
    assert_ne!(old["respondent"], code.as_str());
    let old = encrypt_bytes(
        old.to_string().as_bytes(),
        &[envelope.study.researcher_key.as_str()],
    )
    .unwrap();
    let mut importer = Importer::new(ResearchData::default());
    importer.add_file("old.age", old.as_bytes(), &identity);
    importer.add_file("new.age", &sealed(&envelope), &identity);
    let (data, outcomes) = importer.finish();
    // Both files show the conflict: the very same contents.
    for outcome in &outcomes {
        assert!(
            matches!(outcome.outcome, Outcome::Duplicate { same: true, .. }),
            "{outcome:?}"
        );
    }
    assert_eq!(data.len(), 1);
    assert_eq!(data.records[0].envelope.respondent.as_str(), code);
}

/// Research data kept before codes were upper case (schema 3) with records
/// of "r-0107" and "R-0107" for one moment: read as one respondent, the
/// form completed last kept, as importing the two files would.
#[test]
fn kept_research_data_with_lower_case_codes_reads_one_record_per_key() {
    use balans::core::questionnaire::{decode_versioned, encode_versioned};
    let text =
        fs::read_to_string("tests/fixtures/storage/research_v3_lowercase_codes.json").unwrap();
    let data: ResearchData = decode_versioned(&text).unwrap();
    let kept: Vec<(&str, &str)> = data
        .records
        .iter()
        .map(|r| (r.file.as_str(), r.envelope.respondent.as_str()))
        .collect();
    assert_eq!(
        kept,
        vec![
            ("later.age", "R-0107"),
            ("balans_balans-demo_r-0200_citizen_T0.age", "R-0200")
        ]
    );
    assert_eq!(data.people(), 2);
    let again: ResearchData = decode_versioned(&encode_versioned(&data)).unwrap();
    assert_eq!(again, data);
}

/// A duplicate says what told the two files apart: completed later, or
/// completed at the same time and only exported later.
#[test]
fn a_duplicate_says_whether_it_was_completed_or_only_exported_later() {
    use balans::core::research::DecidedBy;
    let first = sample().remove(0);
    let mut exported_later = first.clone();
    exported_later.exported_at = "2027-01-01T00:00:00Z".into();
    let mut importer = Importer::new(ResearchData::default());
    importer.add("a.age", Ok(first.clone()));
    importer.add("b.age", Ok(exported_later.clone()));
    for row in importer.outcomes() {
        let Outcome::Duplicate {
            decided_by, kept, ..
        } = &row.outcome
        else {
            panic!("{row:?}");
        };
        assert_eq!(*decided_by, DecidedBy::Exported);
        assert_eq!(*kept, row.file == "b.age");
    }
    let mut completed_later = first.clone();
    completed_later.completed_at = Some("2027-01-01T00:00:00Z".into());
    let mut importer = Importer::new(ResearchData::default());
    importer.add("a.age", Ok(first.clone()));
    importer.add("c.age", Ok(completed_later));
    importer.add("d.age", Ok(first.clone()));
    assert!(matches!(
        importer.outcomes()[1].outcome,
        Outcome::Duplicate {
            decided_by: DecidedBy::Completed,
            kept: true,
            ..
        }
    ));
    let mut importer = Importer::new(ResearchData::default());
    importer.add("a.age", Ok(first.clone()));
    importer.add("same.age", Ok(first));
    assert!(matches!(
        importer.outcomes()[1].outcome,
        Outcome::Duplicate {
            decided_by: DecidedBy::Tie,
            kept: false,
            ..
        }
    ));
}

/// What an import worker checked is read with one parse and gives the same
/// envelope; a plaintext that is not one still says exactly why (the page
/// reads it in full again), also when it is from a newer version whose body
/// this version cannot hold, or a rescue file.
#[test]
fn a_checked_plaintext_reads_once_and_a_bad_one_still_says_why() {
    use balans::core::exchange::{EXPORT_FORMAT, RESCUE_FORMAT};
    use balans::core::research::{read_checked, read_decrypted};
    let envelope = sample().remove(0);
    let plain = serde_json::to_vec(&envelope).unwrap();
    assert_eq!(read_decrypted(&plain), Ok(envelope.clone()));
    assert_eq!(read_checked(&plain), Ok(envelope.clone()));

    let newer_body =
        serde_json::json!({ "format": EXPORT_FORMAT, "version": 99, "answers": "new" });
    let newer_body = newer_body.to_string().into_bytes();
    let newer = Err(ImportError::NewerVersion { found: 99 });
    assert_eq!(read_decrypted(&newer_body), newer);
    assert_eq!(read_checked(&newer_body), newer);

    let rescue = serde_json::json!({ "format": RESCUE_FORMAT, "version": 1 }).to_string();
    assert_eq!(
        read_checked(rescue.as_bytes()),
        Err(ImportError::RescueFile)
    );
    assert_eq!(read_checked(b"{\"hello\":1}"), Err(ImportError::NotBalans));

    let mut long_member = envelope;
    long_member.member = Some("x".repeat(10_000));
    let long_member = serde_json::to_vec(&long_member).unwrap();
    assert_eq!(
        read_decrypted(&long_member),
        Err(ImportError::BadField { field: "member" })
    );
}
