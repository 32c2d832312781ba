//! Citizen texts in plain Dutch (B1): no sentence longer than 15 words, and
//! none of the study's jargon a citizen would not know. The concepts behind
//! that jargon are explained in everyday words on the citizen's screens
//! ("Wat u helpt", "Zorgen en problemen").

use balans::core::i18n::{catalogue, Lang};

/// Key prefixes of texts a citizen reads. Professional and researcher
/// screens (pro., research., plan. interview texts, item.*.professional) may
/// use professional language.
const CITIZEN_PREFIXES: &[&str] = &[
    "app.",
    "nav.",
    "lang.",
    "common.",
    "notfound.",
    "home.",
    "moment.",
    "member.",
    "respondent.label",
    "invite.",
    "consent.",
    "link.",
    "q.",
    "section.",
    "domain.",
    "missing.",
    "scale.",
    "review.",
    "summary.",
    "send.",
    "delete.",
    "storage.",
    "a11y.",
    // The support plan as printed for the citizen (issue 8).
    "plan.print.",
];

/// Words from the study and from IT a citizen should not meet.
const JARGON: &[&str] = &[
    "draagkracht",
    "draaglast",
    "voorliggend veld",
    "zelforganiserend",
    "zelfredzaamheid",
    "respondent",
    "instrument",
    "dimensie",
    "competentie",
    "interventie",
    "indicator",
    "casemanager",
    "encryptie",
    "versleutel",
    "age-bestand",
    "x25519",
    "localstorage",
    "quotum",
    "cache",
    "browserdata",
    "n.v.t.",
];

const MAX_WORDS: usize = 15;

fn is_citizen_text(key: &str) -> bool {
    if let Some(rest) = key.strip_prefix("item.") {
        return rest.ends_with(".citizen") || rest.ends_with(".hint");
    }
    CITIZEN_PREFIXES.iter().any(|p| key.starts_with(p))
}

fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '?' | '!') {
            let next = text[i + 1..].chars().next();
            if next.is_none_or(char::is_whitespace) {
                out.push(text[start..=i].trim());
                start = i + 1;
            }
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

#[test]
fn citizen_sentences_are_short() {
    let mut too_long = Vec::new();
    let mut checked = 0;
    for (key, text) in catalogue(Lang::Nl)
        .iter()
        .filter(|(k, _)| is_citizen_text(k))
    {
        for sentence in sentences(text) {
            checked += 1;
            let words = sentence.split_whitespace().count();
            if words > MAX_WORDS {
                too_long.push(format!("{key} ({words} words): {sentence}"));
            }
        }
    }
    assert!(checked > 200, "only {checked} sentences checked");
    assert!(
        too_long.is_empty(),
        "sentences over {MAX_WORDS} words:\n{}",
        too_long.join("\n")
    );
}

#[test]
fn citizen_texts_avoid_jargon() {
    let mut found = Vec::new();
    for (key, text) in catalogue(Lang::Nl)
        .iter()
        .filter(|(k, _)| is_citizen_text(k))
    {
        let lower = text.to_lowercase();
        for word in JARGON {
            if lower.contains(word) {
                found.push(format!("{key}: '{word}' in {text}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "jargon in citizen texts:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checks_catch_what_they_should() {
    // Guards the test itself: a long sentence and a jargon word are seen.
    assert_eq!(sentences("Een. Twee drie? Vier!").len(), 3);
    assert_eq!(sentences("Bel 0.5 keer per dag.").len(), 1);
    assert!(is_citizen_text("item.net.talk.citizen"));
    assert!(!is_citizen_text("item.net.talk.professional"));
    assert!(!is_citizen_text("pro.title"));
    assert!(is_citizen_text("plan.print.title"));
    assert!(!is_citizen_text("plan.var.goals"));
}
