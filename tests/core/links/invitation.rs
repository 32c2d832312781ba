//! Invitation links from fixture files: `ok_*` must open, `fail_*` must be
//! refused with the error its name says.

use std::fs;

use balans::core::i18n::Lang;
use balans::core::instrument::Moment;
use balans::core::links::{
    demo_invitation, demo_study, invitation_fragment, parse_invitation, parse_study,
    study_fragment, LinkError, RespondentCodeError,
};

fn fixture(name: &str) -> String {
    fs::read_to_string(format!("tests/fixtures/links/{name}")).unwrap()
}

#[test]
fn good_links_open() {
    let demo = parse_invitation(&fixture("ok_demo.txt")).expect("demo link opens");
    assert_eq!(demo, demo_invitation(Lang::Nl));
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
            LinkError::NewerVersion { found: 2 },
        ),
        ("fail_bad_key.txt", LinkError::BadKey),
        (
            "fail_name_as_code.txt",
            LinkError::BadRespondent(RespondentCodeError::NoDigit),
        ),
        ("fail_not_balans.txt", LinkError::NotBalans),
        ("fail_study_link_as_invitation.txt", LinkError::NotBalans),
        ("fail_empty.txt", LinkError::Missing),
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
    assert_eq!(parse_invitation(&fragment), Ok(invitation));
    // A version-15 QR code at error level M holds 520 bytes; stay well below.
    assert!(fragment.len() < 480, "fragment is {} bytes", fragment.len());

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
