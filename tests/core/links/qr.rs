//! The QR code of an invitation decodes, with an independent decoder
//! (`rqrr`), to exactly the invitation link, and typical links stay within
//! the length that reads from a printed A4 sheet.
// The decoder is a native-only dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

use crate::support::qr::{decode_svg, svg_modules};
use balans::core::i18n::Lang;
use balans::core::instrument::Moment;
use balans::core::keys::generate_identity;
use balans::core::links::{
    demo_study, fits_print, invitation_link, parse_invitation, qr_svg, LINK_PRINT_BUDGET,
};
use balans::core::professional::Workspace;

const BASE: &str = "https://balans.example.nl/";

fn workspace() -> Workspace {
    Workspace::new(demo_study(), "Sanne de Vries", &generate_identity(), 0).unwrap()
}

#[test]
fn the_svg_decodes_to_exactly_the_invitation_link() {
    let ws = workspace();
    for (member, with_key) in [(None, true), (Some("partner"), true), (None, false)] {
        let inv = ws.invitation("R-0107", member, Moment::T1, with_key, Lang::Nl);
        let link = invitation_link(BASE, &inv);
        let qr = qr_svg(&link).unwrap();
        // At 3 px per module, about the size of a QR code on a phone screen.
        assert_eq!(decode_svg(&qr.svg, 3), vec![link.clone()]);
        let fragment = link.split_once('#').unwrap().1;
        assert_eq!(parse_invitation(fragment).unwrap(), inv);
    }
}

#[test]
fn the_svg_has_the_quiet_zone_and_one_unit_per_module() {
    let link = invitation_link(
        BASE,
        &workspace().invitation("R-1", None, Moment::T0, true, Lang::Nl),
    );
    let qr = qr_svg(&link).unwrap();
    let (side, dark) = svg_modules(&qr.svg);
    assert_eq!(side, qr.modules + 8);
    // The quiet zone (4 modules on every side) is light.
    for i in 0..side {
        for j in 0..4 {
            assert!(!dark[j * side + i] && !dark[i * side + j]);
        }
    }
    // The top-left finder pattern starts right after it.
    assert!(dark[4 * side + 4]);
}

#[test]
fn a_typical_invitation_with_the_professional_fits_the_print_budget() {
    // The demo study with municipality and team, a household member, the
    // professional's key and a longish name: the usual worst case.
    let mut ws = workspace();
    ws.rename("Mr. Annemarie van den Berg-Oosterhuis", 0)
        .unwrap();
    let inv = ws.invitation(
        "GEM-WIJK-000123",
        Some("kind-2"),
        Moment::T2,
        true,
        Lang::Nl,
    );
    let link = invitation_link(BASE, &inv);
    assert!(
        fits_print(link.len()),
        "{} characters, budget {LINK_PRINT_BUDGET}",
        link.len()
    );
    let qr = qr_svg(&link).unwrap();
    assert!(qr.version <= 17, "version {}", qr.version);
    assert_eq!(decode_svg(&qr.svg, 2), vec![link]);
}

/// Issue 12: the professional reads the code's size in words, not "57 × 57
/// modules (versie 10)"; a link within the print budget is easy to scan.
#[test]
fn the_code_size_is_said_in_words() {
    let budget = qr_svg(&"a".repeat(LINK_PRINT_BUDGET)).unwrap();
    assert!(budget.version <= 10, "{}", budget.version);
    assert_eq!(budget.size_key(), "pro.invite.qr_small");
    let dense = qr_svg(&"a".repeat(300)).unwrap();
    assert!((11..=15).contains(&dense.version), "{}", dense.version);
    assert_eq!(dense.size_key(), "pro.invite.qr_medium");
    let long = qr_svg(&"a".repeat(800)).unwrap();
    assert!(long.version > 15, "{}", long.version);
    assert_eq!(long.size_key(), "pro.invite.qr_large");
}
