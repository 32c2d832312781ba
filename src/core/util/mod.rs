//! Small helpers every group may use: timestamps (`Millis`, ISO 8601), text
//! for file names and ids (`slug`, `hex`) and `mailto:` addresses. Nothing
//! here knows about the study; anything that does belongs in a group of its
//! own.

mod text;
mod time;

pub use text::{hex, mailto, slug, slug_keep_case};
pub use time::{civil_date, date, iso8601, parse_iso8601, Millis};
