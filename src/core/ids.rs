//! Typed ids: the pseudonymous respondent code, a questionnaire's id, a
//! workspace's id and an item's id. Each is text underneath (and travels as
//! plain text in files and storage), but as its own type a function that
//! takes a workspace id and a respondent code can no longer be called with
//! the two swapped.
//!
//! Each id reads as `&str` (`Deref`, `AsRef`, `Borrow`), compares with text,
//! and is made from text with `From`; checking what a valid respondent code
//! is stays with the links (`links::validate_respondent_code`).
//!
//! A respondent code is upper case however it is made: from text, from a
//! link, from a file or from storage ([`normalize_respondent_code`]). So
//! "r-0107" and "R-0107" are one respondent everywhere, and a code compares
//! with text regardless of case (issue 12).

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

/// The one form of a respondent code: ASCII letters in upper case (codes
/// are A–Z, 0–9 and '-'; anything else is left as it is for the check to
/// refuse). Every code that enters the app passes here: [`RespondentCode`]
/// applies it whenever one is made or read.
pub fn normalize_respondent_code(code: &str) -> String {
    code.to_ascii_uppercase()
}

/// Text ids that are kept as they are.
fn as_is(text: String) -> String {
    text
}

macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident, $normalize:expr, $text_eq:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id of this text (no checks: see the module doc).
            pub fn new(text: impl Into<String>) -> Self {
                Self($normalize(text.into()))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self::new(text)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::new(text)
            }
        }

        // Read through `new`, so that what a file, link or storage holds is
        // brought into the id's one form.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map(Self::new)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                $text_eq(&self.0, other)
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                $text_eq(&self.0, other)
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                $text_eq(&self.0, other)
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                $text_eq(&other.0, self)
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                $text_eq(&other.0, self)
            }
        }
    };
}

text_id!(
    /// A pseudonymous respondent code (`R-0107`), never a name; always in
    /// upper case ([`normalize_respondent_code`]), and equal to text that
    /// differs only in case ("r-0107").
    RespondentCode,
    |text: String| normalize_respondent_code(&text),
    |code: &str, text: &str| code.eq_ignore_ascii_case(text)
);

text_id!(
    /// The stable id of a questionnaire on a device: the same invitation and
    /// role always give the same id.
    QuestionnaireId,
    as_is,
    |id: &str, text: &str| id == text
);

text_id!(
    /// The id of a study's workspace on a professional's device.
    WorkspaceId,
    as_is,
    |id: &str, text: &str| id == text
);

text_id!(
    /// The stable id of an item (`comp.selfconfidence.1`), which never
    /// changes meaning.
    ItemId,
    as_is,
    |id: &str, text: &str| id == text
);
