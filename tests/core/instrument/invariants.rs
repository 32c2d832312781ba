//! The instrument's invariants: stable unique ids, mirrored forms, complete
//! catalogues.

use std::collections::HashSet;

use balans::core::i18n::{catalogue, has_text, Lang};
use balans::core::instrument::{
    pages, Forms, ItemKind, Missing, Moment, Role, Section, ITEMS, SCALES,
};

#[test]
fn item_ids_are_unique_and_well_formed() {
    let mut seen = HashSet::new();
    for item in ITEMS {
        assert!(seen.insert(item.id), "duplicate item id {}", item.id);
        assert!(
            item.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_'),
            "item id {} must be lowercase ascii, digits, '.' and '_'",
            item.id
        );
    }
}

#[test]
fn every_citizen_item_has_a_professional_twin_on_the_same_scale() {
    for item in ITEMS.iter().filter(|i| i.on_form(Role::Citizen)) {
        assert!(item.on_form(Role::Professional), "{} has no twin", item.id);
        for lang in Lang::ALL {
            assert!(has_text(lang, item.text_key(Role::Citizen)), "{}", item.id);
            assert!(
                has_text(lang, item.text_key(Role::Professional)),
                "{} has no professional wording in {lang:?}",
                item.id
            );
        }
    }
    // Only the approach section is professional-only.
    for item in ITEMS.iter().filter(|i| i.forms == Forms::ProfessionalOnly) {
        assert_eq!(item.section, Section::Approach, "{}", item.id);
    }
}

#[test]
fn every_catalogue_has_the_same_keys() {
    let keys = |lang| catalogue(lang).iter().map(|(k, _)| *k).collect::<Vec<_>>();
    let nl = keys(Lang::Nl);
    let unique: HashSet<_> = nl.iter().collect();
    assert_eq!(
        unique.len(),
        nl.len(),
        "duplicate key in the Dutch catalogue"
    );
    for lang in Lang::ALL {
        let other: HashSet<_> = keys(lang).into_iter().collect();
        let missing: Vec<_> = nl.iter().filter(|k| !other.contains(*k)).collect();
        let extra: Vec<_> = other.iter().filter(|k| !unique.contains(k)).collect();
        assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang:?} has keys Dutch lacks: {extra:?}");
        for (key, text) in catalogue(lang) {
            assert!(!text.trim().is_empty(), "{lang:?} {key} is empty");
        }
    }
}

#[test]
fn every_option_and_missing_code_has_a_label() {
    for lang in Lang::ALL {
        for scale in SCALES {
            for (_, key) in scale.options {
                assert!(has_text(lang, key), "{lang:?} lacks {key}");
            }
        }
        for m in Missing::ALL {
            assert!(has_text(lang, m.label_key()));
        }
        for section in Section::ALL {
            for role in Role::ALL {
                assert!(has_text(lang, section.title_key(role)));
            }
        }
    }
}

#[test]
fn every_item_scale_is_a_registered_scale() {
    for item in ITEMS {
        if let ItemKind::Single(s) | ItemKind::Multiple(s) = item.kind {
            assert!(
                SCALES.contains(&s),
                "{} uses an unregistered scale",
                item.id
            );
        }
    }
}

#[test]
fn the_forms_cover_every_concept() {
    let ids: Vec<&str> = ITEMS.iter().map(|i| i.id).collect();
    for competence in [
        "selfconfidence",
        "selfknowledge",
        "perseverance",
        "responsibility",
        "assertiveness",
    ] {
        let n = ids
            .iter()
            .filter(|id| id.starts_with(&format!("comp.{competence}.")))
            .count();
        assert_eq!(n, 2, "two items for {competence}");
    }
    for domain in [
        "finances",
        "housing",
        "daytime",
        "parenting",
        "physical",
        "mental",
        "education",
        "safety",
    ] {
        assert!(ids.contains(&format!("dom.{domain}.status").as_str()));
        assert!(ids.contains(&format!("dom.{domain}.helper").as_str()));
    }
    for section in Section::ALL {
        assert!(ITEMS.iter().any(|i| i.section == section), "{section:?}");
    }
}

#[test]
fn pages_group_a_domain_and_skip_intro_after_t0() {
    let t0 = pages(Role::Citizen, Moment::T0);
    let t1 = pages(Role::Citizen, Moment::T1);
    assert!(t0.iter().any(|p| p.section == Section::Intro));
    assert!(!t1.iter().any(|p| p.section == Section::Intro));
    let burden: Vec<_> = t0.iter().filter(|p| p.section == Section::Burden).collect();
    assert_eq!(burden.len(), 8, "one screen per life domain");
    assert!(burden.iter().all(|p| p.items.len() == 2));
    assert!(!t0.iter().any(|p| p.section == Section::Approach));
    assert!(pages(Role::Professional, Moment::T1)
        .iter()
        .any(|p| p.section == Section::Approach));
}
