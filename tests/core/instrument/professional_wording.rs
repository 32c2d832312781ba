//! The professional's form speaks about the inwoner, never as the inwoner:
//! every text its question screens can show (item, explanation, options,
//! missing codes, section titles, domain headings, buttons) exists in every
//! language, has its own key wherever the citizen's text is in the citizen's
//! voice, and carries none of the citizen's "ik", "mijn", "u", "uw".

use std::collections::BTreeSet;

use balans::core::i18n::{catalogue, Lang};
use balans::core::instrument::{
    form_keys, Domain, FormText, Missing, Role, Section, ITEMS, SCALES,
};

/// Words in which the citizen speaks as themself or is spoken to.
fn person_words(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Nl => &[
            "ik", "ikzelf", "mij", "mijn", "me", "mezelf", "u", "uw", "uzelf", "je", "jij", "jouw",
            "we", "wij", "ons", "onze",
        ],
        Lang::En => &[
            "i", "i'd", "i'm", "me", "my", "myself", "you", "your", "yourself", "we", "our",
        ],
    }
}

/// The person words in `text`, matched as whole words, any case.
fn person_words_in(text: &str, lang: Lang) -> Vec<String> {
    text.split(|c: char| !(c.is_alphabetic() || c == '\''))
        .map(str::to_lowercase)
        .filter(|w| person_words(lang).contains(&w.as_str()))
        .collect()
}

fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    catalogue(lang)
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, text)| *text)
}

/// The approach items are the professional's own account of the help ("Ik
/// ken deze inwoner goed", "Welke aanpak heeft u gekozen?"): there "ik" and
/// "u" are the professional, who fills in the form.
fn professionals_own_account(key: &str) -> bool {
    ITEMS
        .iter()
        .any(|i| i.section == Section::Approach && i.text_key(Role::Professional) == key)
}

/// The send screen's own lines for the professional's form (the question
/// and review screens' texts are in `form_keys`).
const PROFESSIONAL_SEND_KEYS: [&str; 4] = [
    "pro.send.text",
    "pro.send.how",
    "plan.send.with",
    "plan.send.without",
];

#[test]
fn every_professional_form_text_exists_and_is_not_in_the_citizens_voice() {
    let mut keys = form_keys(Role::Professional);
    keys.extend(PROFESSIONAL_SEND_KEYS);
    assert!(
        keys.len() > 100,
        "only {} keys: the list is broken",
        keys.len()
    );
    let mut wrong = Vec::new();
    for lang in Lang::ALL {
        for key in &keys {
            let Some(text) = lookup(lang, key) else {
                wrong.push(format!("{lang:?} lacks {key}"));
                continue;
            };
            let found = person_words_in(text, lang);
            if !found.is_empty() && !professionals_own_account(key) {
                wrong.push(format!("{lang:?} {key}: {found:?} in \"{text}\""));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_professional_form_has_its_own_keys_for_the_citizens_texts() {
    for item in ITEMS.iter().filter(|i| i.on_form(Role::Citizen)) {
        assert_ne!(
            item.text_key(Role::Citizen),
            item.text_key(Role::Professional)
        );
        // An explanation on one form is an explanation on the other.
        assert_eq!(
            item.hint_key(Role::Citizen).is_some(),
            item.hint_key(Role::Professional).is_some(),
            "{}",
            item.id
        );
        if let (Some(citizen), Some(professional)) = (
            item.hint_key(Role::Citizen),
            item.hint_key(Role::Professional),
        ) {
            assert_ne!(citizen, professional, "{}", item.id);
        }
    }
    for section in Section::ALL {
        assert_ne!(
            section.title_key(Role::Citizen),
            section.title_key(Role::Professional)
        );
    }
    for domain in Domain::ALL {
        assert_ne!(
            domain.heading_key(Role::Citizen),
            domain.heading_key(Role::Professional)
        );
    }
    for missing in Missing::ALL {
        assert_ne!(
            missing.label_key_for(Role::Citizen),
            missing.label_key_for(Role::Professional)
        );
    }
    // Options and buttons are shared where the citizen's text says nothing
    // about who answers ("Mee eens", "Volgende"); where it does, the keys
    // differ, which the first test then checks in every language.
    let citizen_voice = |key: &str| {
        Lang::ALL
            .into_iter()
            .any(|lang| lookup(lang, key).is_some_and(|t| !person_words_in(t, lang).is_empty()))
    };
    let mut shared_in_citizen_voice = Vec::new();
    for scale in SCALES {
        let citizen = scale.options_for(Role::Citizen);
        let professional = scale.options_for(Role::Professional);
        let codes = |o: &[(i32, &str)]| o.iter().map(|(c, _)| *c).collect::<Vec<_>>();
        assert_eq!(
            codes(citizen),
            codes(professional),
            "{}: same codes, same order",
            scale.id
        );
        for (c, p) in citizen.iter().zip(professional) {
            if c.1 == p.1 && citizen_voice(c.1) {
                shared_in_citizen_voice.push(c.1);
            }
        }
    }
    for text in FormText::ALL {
        let (c, p) = (text.key(Role::Citizen), text.key(Role::Professional));
        if c == p && citizen_voice(c) {
            shared_in_citizen_voice.push(c);
        }
    }
    assert!(
        shared_in_citizen_voice.is_empty(),
        "the professional's form shows the citizen's {shared_in_citizen_voice:?}"
    );
}

#[test]
fn the_citizens_form_keeps_the_citizens_wording() {
    // Guards the check itself and that the citizen's form did not change:
    // the citizen's texts do speak as the citizen.
    let citizen: BTreeSet<&str> = form_keys(Role::Citizen);
    for key in [
        "scale.asker.1",
        "missing.not_applicable",
        "section.intro",
        "q.to_review",
    ] {
        assert!(citizen.contains(key), "{key}");
        let text = lookup(Lang::Nl, key).unwrap_or_default();
        assert!(!person_words_in(text, Lang::Nl).is_empty(), "{key}: {text}");
    }
    assert!(!citizen.iter().any(|k| k.starts_with("pro.q.")));
    assert_eq!(person_words_in("Heeft u geen kinderen?", Lang::Nl), ["u"]);
    assert!(person_words_in("Uitleg voor de inwoner", Lang::Nl).is_empty());
    assert_eq!(person_words_in("I'd rather not say", Lang::En), ["i'd"]);
}
