//! Invitation links from fixture files: `ok_*` must open, `fail_*` must be
//! refused with the error its name says.

use std::fs;

use balans::core::i18n::Lang;
use balans::core::instrument::Moment;
use balans::core::links::{
    demo_invitation, demo_study, fits_print, invitation_fragment, parse_invitation,
    parse_invitation_with, parse_study, qr_svg, study_fragment, LinkError, RespondentCodeError,
    Study, StudyKeysError,
};

fn fixture(name: &str) -> String {
    fs::read_to_string(format!("tests/fixtures/links/{name}")).unwrap()
}

#[test]
fn good_links_open() {
    // Version 1 (JSON) links still open: the study as it travelled then,
    // without the list of places studies now carry.
    let demo = parse_invitation(&fixture("ok_demo.txt")).expect("demo link opens");
    let mut expected = demo_invitation(Lang::Nl);
    expected.study.places.clear();
    assert_eq!(demo, expected);
    let with_pro = parse_invitation(&fixture("ok_with_professional.txt")).unwrap();
    assert_eq!(with_pro.respondent, "R-0042");
    assert_eq!(with_pro.moment, Moment::T1);
    assert_eq!(with_pro.member.as_deref(), Some("partner"));
    assert_eq!(with_pro.language, Lang::En);
    assert_eq!(with_pro.recipients().len(), 2);
}

#[test]
fn every_fail_fixture_is_refused_with_its_reason() {
    let expected = [
        ("fail_truncated.txt", LinkError::Damaged),
        ("fail_tampered.txt", LinkError::Damaged),
        ("fail_garbage_payload.txt", LinkError::Damaged),
        (
            "fail_newer_version.txt",
            LinkError::NewerVersion { found: 4 },
        ),
        ("fail_bad_key.txt", LinkError::BadKey),
        (
            "fail_name_as_code.txt",
            LinkError::BadRespondent(RespondentCodeError::NoDigit),
        ),
        ("fail_not_balans.txt", LinkError::NotBalans),
        ("fail_study_link_as_invitation.txt", LinkError::NotBalans),
        ("fail_empty.txt", LinkError::Missing),
        // A study's list of keys (link version 3).
        (
            "fail_keys_empty.txt",
            LinkError::StudyKeys(StudyKeysError::NoKey),
        ),
        (
            "fail_keys_twice.txt",
            LinkError::StudyKeys(StudyKeysError::Twice),
        ),
        (
            "fail_keys_too_many.txt",
            LinkError::StudyKeys(StudyKeysError::TooMany),
        ),
        ("fail_keys_not_age.txt", LinkError::BadKey),
    ];
    let on_disk = fs::read_dir("tests/fixtures/links")
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().starts_with("fail_")
        })
        .count();
    assert_eq!(
        on_disk,
        expected.len(),
        "every fail_ fixture is listed here"
    );
    for (name, error) in expected {
        assert_eq!(parse_invitation(&fixture(name)), Err(error), "{name}");
    }
}

#[test]
fn links_round_trip_and_fit_a_qr_code() {
    let mut invitation = demo_invitation(Lang::En);
    invitation.member = Some("kind 1".into());
    invitation.professional_key =
        Some("age16087n3gjql39uw05hr8kchkphkvkpzktx9k42ejv2xehrxc0qacsukgzkx".into());
    let fragment = invitation_fragment(&invitation);
    assert!(fragment.starts_with("i2."), "{fragment}");
    assert_eq!(parse_invitation(&fragment), Ok(invitation));
    assert!(
        fragment.len() <= 120,
        "fragment is {} bytes",
        fragment.len()
    );

    let study = demo_study();
    assert_eq!(parse_study(&study_fragment(&study)), Ok(study));
}

#[test]
fn a_cut_off_link_is_damaged_at_every_length() {
    let fragment = invitation_fragment(&demo_invitation(Lang::Nl));
    for cut in 5..fragment.len() {
        let result = parse_invitation(&fragment[..cut]);
        assert!(
            matches!(result, Err(LinkError::Damaged) | Err(LinkError::NotBalans)),
            "cut at {cut}: {result:?}"
        );
    }
}

/// The invitation a professional prints: the built-in study, a household
/// member, the professional as a reader (key, name and pseudonymous id) and
/// their team.
fn printed_invitation() -> balans::core::links::Invitation {
    let mut invitation = demo_invitation(Lang::Nl);
    invitation.study = demo_study().at(Some("Voorbeeldstad".into()), Some("Wijkteam Zuid".into()));
    invitation.respondent = "R-0107".into();
    invitation.member = Some("kind 2".into());
    invitation.professional_key =
        Some("age16087n3gjql39uw05hr8kchkphkvkpzktx9k42ejv2xehrxc0qacsukgzkx".into());
    invitation.professional_name = Some("Sanne de Vries".into());
    invitation.professional_id = Some("a1b2c3d4e5".into());
    invitation
}

/// Issue 12: invitations short enough for paper. For the built-in study the
/// fragment is at most 120 characters, and with a 30-character origin the
/// link fits a QR code of version 10 or lower at error correction M.
#[test]
fn a_built_in_study_invitation_fits_a_small_qr_code() {
    let invitation = printed_invitation();
    let fragment = invitation_fragment(&invitation);
    assert!(
        fragment.len() <= 120,
        "fragment is {} characters: {fragment}",
        fragment.len()
    );
    assert_eq!(parse_invitation(&fragment), Ok(invitation.clone()));
    let origin = "https://balans.voorbeeldstad.nl"; // 31 characters
    assert!(origin.len() >= 30);
    let link = format!("{origin}/#{fragment}");
    let qr = qr_svg(&link).unwrap();
    assert!(
        qr.version <= 10,
        "QR version {} for {} characters",
        qr.version,
        link.len()
    );
    assert!(fits_print(link.len()));
    println!(
        "built-in: fragment {} characters, QR version {}",
        fragment.len(),
        qr.version
    );
}

/// A study that is not built in travels whole, still far shorter than the
/// JSON of version 1, and opens in any app.
#[test]
fn another_study_travels_whole_in_a_compact_link() {
    let mut invitation = printed_invitation();
    invitation.study = Study {
        name: "Sociaal domein Oefendorp 2027".into(),
        consent_extra: Some(
            "De gemeente Oefendorp bewaart uw antwoorden niet. "
                .repeat(7)
                .trim()
                .into(),
        ),
        researcher_key: "age16087n3gjql39uw05hr8kchkphkvkpzktx9k42ejv2xehrxc0qacsukgzkx".into(),
        places: Vec::new(),
        ..invitation.study.clone()
    };
    let fragment = invitation_fragment(&invitation);
    assert_eq!(
        parse_invitation_with(&fragment, None),
        Ok(invitation.clone())
    );
    let json_length = {
        let mut old = invitation.clone();
        old.professional_id = None;
        serde_json::to_string(&old).unwrap().len() * 4 / 3
    };
    assert!(
        fragment.len() < json_length,
        "{} vs {json_length}",
        fragment.len()
    );
    println!(
        "whole study: fragment {} characters (JSON {json_length})",
        fragment.len()
    );
}

/// A short link made for the study built into another deployment is refused
/// with its own message instead of opening the wrong study.
#[test]
fn a_short_link_of_another_built_in_study_is_refused() {
    let fragment = invitation_fragment(&printed_invitation());
    let mut other = demo_study();
    other.researcher_key = "age16087n3gjql39uw05hr8kchkphkvkpzktx9k42ejv2xehrxc0qacsukgzkx".into();
    assert_eq!(
        parse_invitation_with(&fragment, Some(&other)),
        Err(LinkError::OtherStudy)
    );
    assert_eq!(
        parse_invitation_with(&fragment, None),
        Err(LinkError::OtherStudy)
    );
}

/// A team that is not in the study's list still travels, by name.
#[test]
fn a_place_outside_the_list_travels_by_name() {
    let mut invitation = printed_invitation();
    invitation.study = demo_study().at(Some("Elders".into()), Some("Team West".into()));
    assert_eq!(
        parse_invitation(&invitation_fragment(&invitation)),
        Ok(invitation.clone())
    );
    invitation.study = demo_study().at(None, None);
    assert_eq!(
        parse_invitation(&invitation_fragment(&invitation)),
        Ok(invitation)
    );
}

/// Every version-2 invitation fixture keeps opening as it did.
#[test]
fn version_2_fixtures_open() {
    let printed = parse_invitation(&fixture("ok_v2_built_in.txt")).unwrap();
    assert_eq!(printed, printed_invitation());
}

/// Issue 12: "r-0107" and "R-0107" were two respondents. Links made before
/// codes were upper case keep opening, both versions, and give the code in
/// upper case, so the citizen's file and questionnaire are "R-0107"'s.
#[test]
fn old_links_with_a_lower_case_code_open_as_the_upper_case_code() {
    let v1 = parse_invitation(&fixture("ok_v1_lowercase_code.txt")).unwrap();
    assert_eq!(v1.respondent.as_str(), "R-0107");
    let v2 = parse_invitation(&fixture("ok_v2_lowercase_code.txt")).unwrap();
    assert_eq!(v2.respondent.as_str(), "R-0107");
    assert_eq!(v2, printed_invitation());
    // The same invitation, whichever case its link had.
    assert_eq!(
        invitation_fragment(&v2),
        fixture("ok_v2_built_in.txt").trim().trim_start_matches('#')
    );
}

#[test]
fn a_respondent_code_is_upper_case_however_it_is_made() {
    use balans::core::ids::{normalize_respondent_code, RespondentCode};
    assert_eq!(normalize_respondent_code("r-0107"), "R-0107");
    assert_eq!(normalize_respondent_code("Ab-9z"), "AB-9Z");
    // Only ASCII letters change: anything else is left for the check.
    assert_eq!(normalize_respondent_code("é-1"), "é-1");
    let made = RespondentCode::from("r-0107");
    assert_eq!(made.as_str(), "R-0107");
    let read: RespondentCode = serde_json::from_str("\"r-0107\"").unwrap();
    assert_eq!(read.as_str(), "R-0107");
    assert_eq!(serde_json::to_string(&read).unwrap(), "\"R-0107\"");
    // Compared with text regardless of case, both ways round.
    assert_eq!(made, "r-0107");
    assert_eq!("r-0107", made);
    assert_eq!(made, "r-0107".to_string());
    assert!(made != "R-0108");
}
