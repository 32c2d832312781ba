//! The language catalogues: every user-facing text, one file per language,
//! keyed by id. Components only ever name keys.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

mod en;
mod nl;

/// A language the app speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Dutch, the first language.
    #[default]
    #[serde(rename = "nl")]
    Nl,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every language, Dutch first.
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// BCP 47 code, also used for the page's `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// Parses a language code such as "nl" or "en-GB".
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }
}

/// The catalogue of one language: (key, text) pairs.
pub fn catalogue(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Nl => nl::TEXTS,
        Lang::En => en::TEXTS,
    }
}

fn index(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static NL: OnceLock<HashMap<&str, &str>> = OnceLock::new();
    static EN: OnceLock<HashMap<&str, &str>> = OnceLock::new();
    let cell = match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    cell.get_or_init(|| catalogue(lang).iter().copied().collect())
}

/// Whether the catalogue has a text for `key`.
pub fn has_text(lang: Lang, key: &str) -> bool {
    index(lang).contains_key(key)
}

/// The text for `key`. A missing key (which the tests rule out) shows as the
/// key itself in brackets so it is noticed, never as a blank.
pub fn text(lang: Lang, key: &str) -> String {
    match index(lang).get(key) {
        Some(t) => (*t).to_string(),
        None => format!("[{key}]"),
    }
}

/// The text for `key` with `{name}` placeholders filled in.
pub fn text_with(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut out = text(lang, key);
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}
