//! Values from an imported file, made ready for the screen. A file is
//! anyone's: its texts may hold control characters, be very long, or put a
//! multibyte character where a byte cut would fall; none of that may stop
//! the page (the release build aborts on a panic), so every value a screen
//! shows from a file goes through here. `fuzz/` feeds these random input.

use crate::core::exchange::time_fits;

/// Longest file name shown, in characters; longer names are cut with `…`.
pub const MAX_SHOWN_FILE_NAME: usize = 120;

/// A time from a file as date and minutes (`2026-03-01 10:15`), when it is a
/// real time in the form Balans writes; `None` otherwise.
pub fn shown_time(at: &str) -> Option<String> {
    if !time_fits(at) {
        return None;
    }
    // A fitting time is 20 ASCII bytes, so byte 16 is a character boundary.
    at.get(..16).map(|t| t.replacen('T', " ", 1))
}

/// A text from a file (such as a file name) for one line of the screen:
/// control characters become `�`, and a text over `max` characters is cut
/// after `max - 1` of them with `…`. Never cuts inside a character.
pub fn shown_line(text: &str, max: usize) -> String {
    let clean = |c: char| if c.is_control() { '\u{fffd}' } else { c };
    if text.chars().count() <= max {
        return text.chars().map(clean).collect();
    }
    let mut out: String = text
        .chars()
        .take(max.saturating_sub(1))
        .map(clean)
        .collect();
    out.push('…');
    out
}

/// A file name for the outcome table and the result lines.
pub fn shown_file_name(name: &str) -> String {
    shown_line(name, MAX_SHOWN_FILE_NAME)
}
