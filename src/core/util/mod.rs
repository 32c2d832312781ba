//! Small helpers every group may use: timestamps (`Millis`, ISO 8601), text
//! for file names and ids (`slug`, `hex`) `mailto:` addresses and
//! iCalendar files. Nothing
//! here knows about the study; anything that does belongs in a group of its
//! own.

mod ical;
mod text;
mod time;

pub use ical::{ical, CalendarEvent};
pub use text::{hex, mailto, slug, slug_keep_case};
pub use time::{civil_date, date, iso8601, parse_iso8601, Millis};
