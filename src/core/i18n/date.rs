//! Dates in words, the way people write them: "1 december 2026" in Dutch,
//! "1 December 2026" in English. An ISO date ("2026-12-01") is for files;
//! a citizen with low literacy reads the month's name more easily.

use super::{text, Lang};
use crate::core::util::{civil_date, Millis};

/// The catalogue key of month `month` (1–12); `None` for any other number.
pub fn month_key(month: u32) -> Option<&'static str> {
    const KEYS: [&str; 12] = [
        "date.month.1",
        "date.month.2",
        "date.month.3",
        "date.month.4",
        "date.month.5",
        "date.month.6",
        "date.month.7",
        "date.month.8",
        "date.month.9",
        "date.month.10",
        "date.month.11",
        "date.month.12",
    ];
    KEYS.get(usize::try_from(month).ok()?.checked_sub(1)?)
        .copied()
}

/// The day of `ms` (UTC) in words: "1 december 2026" / "1 December 2026".
pub fn long_date(lang: Lang, ms: Millis) -> String {
    let (year, month, day) = civil_date(ms);
    words(lang, year, month, day).unwrap_or_else(|| crate::core::util::date(ms))
}

/// A `YYYY-MM-DD` day (as a date field gives it) in words; the text as it
/// came when it is not such a day, so nothing typed is ever lost.
pub fn long_day(lang: Lang, iso_day: &str) -> String {
    let num = |r: std::ops::Range<usize>| iso_day.get(r)?.parse::<u32>().ok();
    let parsed = (iso_day.len() == 10)
        .then(|| Some((num(0..4)?, num(5..7)?, num(8..10)?)))
        .flatten()
        .filter(|(_, _, d)| (1..=31).contains(d));
    parsed
        .and_then(|(y, m, d)| words(lang, i64::from(y), m, d))
        .unwrap_or_else(|| iso_day.to_string())
}

fn words(lang: Lang, year: i64, month: u32, day: u32) -> Option<String> {
    let month = text(lang, month_key(month)?);
    Some(format!("{day} {month} {year}"))
}
