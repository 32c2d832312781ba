//! Typed ids: the pseudonymous respondent code, a questionnaire's id, a
//! workspace's id and an item's id. Each is text underneath (and travels as
//! plain text in files and storage), but as its own type a function that
//! takes a workspace id and a respondent code can no longer be called with
//! the two swapped.
//!
//! Each id reads as `&str` (`Deref`, `AsRef`, `Borrow`), compares with text,
//! and is made from text with `From`; checking what a valid respondent code
//! is stays with the links (`links::validate_respondent_code`).

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id of this text, as it is (no checks: see the module doc).
            pub fn new(text: impl Into<String>) -> Self {
                Self(text.into())
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
                Self(text)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.to_string())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    };
}

text_id!(
    /// A pseudonymous respondent code (`R-0107`), never a name.
    RespondentCode
);

text_id!(
    /// The stable id of a questionnaire on a device: the same invitation and
    /// role always give the same id.
    QuestionnaireId
);

text_id!(
    /// The id of a study's workspace on a professional's device.
    WorkspaceId
);

text_id!(
    /// The stable id of an item (`comp.selfconfidence.1`), which never
    /// changes meaning.
    ItemId
);
