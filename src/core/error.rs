//! The one shape every error has: what happened, what to do about it, and a
//! short stable code.
//!
//! Every operation keeps its own `#[non_exhaustive]` error enum (`LinkError`,
//! `ImportError`, …); each implements [`Problem`], so the UI shows any of them
//! with one panel and `balans-tool` prints any of them with `Display`. The
//! message and the hint are catalogue keys, not text, so the same error reads
//! in Dutch on a phone and in English in a terminal.
//!
//! Why a hint for every variant: a message alone ("This file is damaged")
//! leaves a person stuck; the hint says what to do next ("Ask the sender to
//! send the file again"), as rage pairs every error with a recovery hint.

use std::fmt;

use crate::core::i18n::{text_with, Lang};

/// An error a person can read and act on. `Display` is required so that
/// every error also prints (in English) where there is no screen; the
/// `display_as_problem!` macro of this module writes it from the catalogue.
pub trait Problem: fmt::Display {
    /// Catalogue key of the message: what happened, in one sentence.
    fn message_key(&self) -> &'static str;

    /// Catalogue key of the hint: what the person can do about it.
    fn hint_key(&self) -> &'static str;

    /// A short stable snake_case code, unique within its enum: for `data-`
    /// attributes, rescue files and logs. Never changes once released.
    fn code(&self) -> &'static str;

    /// Values for `{name}` placeholders in the message and the hint (such as
    /// the respondent code a file names). Most errors have none.
    fn args(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// The message in `lang`, placeholders filled in.
    fn message(&self, lang: Lang) -> String {
        fill(lang, self.message_key(), &self.args())
    }

    /// The hint in `lang`, placeholders filled in.
    fn hint(&self, lang: Lang) -> String {
        fill(lang, self.hint_key(), &self.args())
    }
}

fn fill(lang: Lang, key: &str, args: &[(&'static str, String)]) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    text_with(lang, key, &args)
}

/// Writes a problem's message and hint in English, for `Display`: the two
/// catalogue sentences side by side, so a terminal shows the same words as
/// the English screen.
pub fn write_english(problem: &dyn Problem, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(
        f,
        "{} {}",
        problem.message(Lang::En),
        problem.hint(Lang::En)
    )
}

/// Implements `Display` (English message and hint, via [`write_english`])
/// and `std::error::Error` for error enums that implement [`Problem`].
macro_rules! display_as_problem {
    ($($error:ty),+ $(,)?) => {$(
        impl ::std::fmt::Display for $error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::core::error::write_english(self, f)
            }
        }

        impl ::std::error::Error for $error {}
    )+};
}
pub(crate) use display_as_problem;
