//! What read-aloud says for a question: the question, its explanation, then
//! every answer option, each as its own sentence so the voice pauses.

use super::answers::Missing;
use super::items::{Item, Role};
use crate::core::i18n::{text, Lang};

/// The text spoken for `item` as `role` reads it, in `lang`.
pub fn spoken_text(item: &Item, role: Role, lang: Lang) -> String {
    let mut parts = vec![text(lang, item.text_key(role))];
    if let Some(hint) = item.hint_key(role) {
        parts.push(text(lang, hint));
    }
    if let Some(scale) = item.scale() {
        parts.extend(
            scale
                .options_for(role)
                .iter()
                .map(|(_, key)| text(lang, key)),
        );
        parts.extend(
            Missing::offered_for(item)
                .into_iter()
                .map(|m| text(lang, m.label_key_for(role))),
        );
    }
    parts
        .iter()
        .map(|p| {
            let p = p.trim();
            if p.ends_with(['.', '?', '!']) {
                p.to_string()
            } else {
                format!("{p}.")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::instrument::item_by_id;

    #[test]
    fn speaks_question_hint_and_every_option() {
        let item = item_by_id("dom.parenting.status").unwrap();
        let nl = spoken_text(item, Role::Citizen, Lang::Nl);
        assert!(nl.starts_with("Hoe gaat het nu met de opvoeding van uw kinderen?"));
        assert!(nl.contains("Heeft u geen kinderen thuis?"));
        for option in [
            "Heel slecht.",
            "Gaat wel.",
            "Heel goed.",
            "Weet ik niet.",
            "Geldt niet voor mij.",
        ] {
            assert!(nl.contains(option), "{option} missing from {nl}");
        }
        let en = spoken_text(item, Role::Citizen, Lang::En);
        assert!(en.starts_with("How is raising your children going now?"));
    }

    #[test]
    fn the_professionals_form_speaks_about_the_inwoner() {
        let item = item_by_id("dom.parenting.status").unwrap();
        let nl = spoken_text(item, Role::Professional, Lang::Nl);
        assert!(nl.starts_with("Hoe gaat het nu met de opvoeding door deze inwoner?"));
        assert!(nl.contains("Geen kinderen thuis?"));
        assert!(nl.contains("Niet bekend."));
        assert!(!nl.contains("Geldt niet voor mij"), "{nl}");
        assert!(!nl.contains("Heeft u"), "{nl}");
        let asker = item_by_id("intro.asker").unwrap();
        let nl = spoken_text(asker, Role::Professional, Lang::Nl);
        assert!(nl.contains("De inwoner zelf."), "{nl}");
        assert!(!nl.contains("Ikzelf"), "{nl}");
    }

    #[test]
    fn free_text_items_speak_only_the_question() {
        let item = item_by_id("intro.question").unwrap();
        assert_eq!(
            spoken_text(item, Role::Citizen, Lang::Nl),
            "Waar wilt u hulp bij? Schrijf het op in uw eigen woorden."
        );
    }
}
