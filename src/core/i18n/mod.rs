//! The language catalogues: every user-facing text, keyed by id. Components
//! only ever name keys, and only as whole literals or through typed methods
//! such as `Moment::label_key()`, never built with `format!`, so
//! `tests/catalogue_keys.rs` sees every key.
//!
//! One folder per language (`nl/`, `en/`), in it one file per [`Part`] with
//! the same keys in both languages. Where a new text goes:
//! - shown by both apps (the frame, error messages and their hints, storage,
//!   read-aloud): `common.rs`;
//! - on a screen of the citizen app (`/`, `/q/…`, which also runs the
//!   professional's own form): `citizen.rs`;
//! - only on a staff screen: `professional.rs`, `plan.rs`, `research.rs` or
//!   `interview.rs`.
//!
//! The citizen app links only the common and citizen parts: the lookup names
//! just those two, and the staff parts are added by [`include_staff_texts`],
//! which only the staff app calls, so the linker leaves every staff sentence
//! out of the citizen's `balans_bg.wasm` (`scripts/size-check.mjs` checks
//! it). A staff key looked up in the citizen app shows as a bracketed key;
//! `tests/catalogue_keys.rs` proves no citizen-app screen names one. Native
//! builds (the tool, the tests) always see every part.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

mod date;
mod en;
mod nl;

pub use date::{long_date, long_day, month_key};

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

    /// Catalogue key of the language's name in its own words ("Nederlands").
    pub fn name_key(self) -> &'static str {
        match self {
            Lang::Nl => "lang.nl",
            Lang::En => "lang.en",
        }
    }

    /// Parses a language code such as "nl" or "en-GB".
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }
}

/// The pairs of one part of one language's catalogue: (key, text).
type Texts = &'static [(&'static str, &'static str)];

/// A part of the catalogue: one file per language. Only `Common` and
/// `Citizen` are in the citizen app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// Texts both apps show: the frame, error messages and their hints,
    /// storage, read-aloud.
    Common,
    /// The citizen app's screens, with both forms' questions (the
    /// professional's own form runs there too).
    Citizen,
    /// The professional's workspace, invitations, import and comparison.
    Professional,
    /// The support plan: editor, printed sheet, staff view, codebook.
    Plan,
    /// The researcher's screens: study, import, dataset, codebook, analysis.
    Research,
    /// The interviews with professionals.
    Interview,
}

impl Part {
    /// Every part, the citizen app's first.
    pub const ALL: [Part; 6] = [
        Part::Common,
        Part::Citizen,
        Part::Professional,
        Part::Plan,
        Part::Research,
        Part::Interview,
    ];

    /// Whether the citizen app carries this part.
    pub fn in_citizen_app(self) -> bool {
        matches!(self, Part::Common | Part::Citizen)
    }

    /// The part's file name in `src/core/i18n/<lang>/`, without `.rs`.
    pub fn file(self) -> &'static str {
        match self {
            Part::Common => "common",
            Part::Citizen => "citizen",
            Part::Professional => "professional",
            Part::Plan => "plan",
            Part::Research => "research",
            Part::Interview => "interview",
        }
    }
}

/// The (key, text) pairs of one part of one language. It names every part,
/// so only tests and tools call it; the app looks texts up with [`text`].
pub fn part_texts(lang: Lang, part: Part) -> &'static [(&'static str, &'static str)] {
    match part {
        Part::Common => citizen_parts(lang)[0],
        Part::Citizen => citizen_parts(lang)[1],
        Part::Professional => staff_parts(lang)[0],
        Part::Plan => staff_parts(lang)[1],
        Part::Research => staff_parts(lang)[2],
        Part::Interview => staff_parts(lang)[3],
    }
}

/// The whole catalogue of one language, every part: (key, text) pairs. For
/// tests and tools, like [`part_texts`].
pub fn catalogue(lang: Lang) -> Vec<(&'static str, &'static str)> {
    Part::ALL
        .iter()
        .flat_map(|p| part_texts(lang, *p).iter().copied())
        .collect()
}

/// The parts the citizen app carries.
fn citizen_parts(lang: Lang) -> [Texts; 2] {
    match lang {
        Lang::Nl => [nl::common::TEXTS, nl::citizen::TEXTS],
        Lang::En => [en::common::TEXTS, en::citizen::TEXTS],
    }
}

/// The staff parts, in `Part` order. Named only by [`include_staff_texts`]
/// and [`part_texts`], so the citizen app does not link them.
fn staff_parts(lang: Lang) -> [Texts; 4] {
    match lang {
        Lang::Nl => [
            nl::professional::TEXTS,
            nl::plan::TEXTS,
            nl::research::TEXTS,
            nl::interview::TEXTS,
        ],
        Lang::En => [
            en::professional::TEXTS,
            en::plan::TEXTS,
            en::research::TEXTS,
            en::interview::TEXTS,
        ],
    }
}

/// The staff parts, once the staff app has added them.
static STAFF: OnceLock<fn(Lang) -> [Texts; 4]> = OnceLock::new();

/// Adds the staff parts (professional, plan, research, interview) to the
/// lookup. The staff app calls it before it mounts; the citizen app never
/// does, which is what keeps the staff texts out of its bundle. Native
/// builds need not call it: there every part is always looked up.
pub fn include_staff_texts() {
    // A second call finds the same function already set: nothing to do.
    let _ = STAFF.set(staff_parts);
}

fn citizen_index(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static NL: OnceLock<HashMap<&str, &str>> = OnceLock::new();
    static EN: OnceLock<HashMap<&str, &str>> = OnceLock::new();
    let cell = match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    cell.get_or_init(|| {
        citizen_parts(lang)
            .iter()
            .flat_map(|p| p.iter().copied())
            .collect()
    })
}

fn staff_index(lang: Lang) -> Option<&'static HashMap<&'static str, &'static str>> {
    // The tool and the tests run codebook and analysis code, which name staff
    // texts, without starting an app.
    #[cfg(not(target_arch = "wasm32"))]
    include_staff_texts();
    let parts = STAFF.get()?;
    static NL: OnceLock<HashMap<&str, &str>> = OnceLock::new();
    static EN: OnceLock<HashMap<&str, &str>> = OnceLock::new();
    let cell = match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    Some(cell.get_or_init(|| parts(lang).iter().flat_map(|p| p.iter().copied()).collect()))
}

fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    citizen_index(lang)
        .get(key)
        .or_else(|| staff_index(lang)?.get(key))
        .copied()
}

/// Whether the catalogue has a text for `key`.
pub fn has_text(lang: Lang, key: &str) -> bool {
    lookup(lang, key).is_some()
}

/// The text for `key`. A missing key (which the tests rule out) shows as the
/// key itself in brackets so it is noticed, never as a blank.
pub fn text(lang: Lang, key: &str) -> String {
    match lookup(lang, key) {
        Some(t) => t.to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_citizen_lookup_holds_only_the_citizen_parts() {
        for lang in Lang::ALL {
            let citizen = citizen_index(lang);
            assert!(citizen.contains_key("home.title"));
            assert!(citizen.contains_key("storage.error.full"));
            assert!(!citizen.contains_key("interview.q.approach.goals"));
            assert!(!citizen.contains_key("research.analysis.title"));
        }
    }

    #[test]
    fn native_builds_see_every_part() {
        assert_eq!(text(Lang::Nl, "interview.nav"), "Interviews");
        assert!(has_text(Lang::En, "research.analysis.title"));
        assert_eq!(text(Lang::En, "no.such.key"), "[no.such.key]");
    }
}
