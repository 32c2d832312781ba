//! iCalendar (RFC 5545) text: all-day events with an optional reminder, so
//! that a professional's or researcher's own calendar reminds them of a
//! moment. Only what the caller puts in the texts leaves the app: the
//! callers put in the pseudonymous respondent code, never a name or answer.

use super::time::{date, iso8601, Millis};

/// One all-day event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEvent {
    /// A stable id: a calendar that imports the file again updates the
    /// event instead of adding a second one.
    pub uid: String,
    /// The day (any time in it, UTC).
    pub day: Millis,
    /// The title.
    pub summary: String,
    /// The longer text.
    pub description: String,
    /// A reminder this many days before, with this text.
    pub alarm: Option<(u32, String)>,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            // Other control characters have no place in a calendar line.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded at 75 octets (§3.1) without splitting a
/// character, ended by CRLF.
fn line(out: &mut String, text: &str) {
    let mut width = 0;
    for c in text.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// `YYYYMMDD` of a day.
fn day(ms: Millis) -> String {
    date(ms).replace('-', "")
}

/// `YYYYMMDDTHHMMSSZ` of a time.
fn stamp(ms: Millis) -> String {
    iso8601(ms).replace(['-', ':'], "")
}

/// The calendar file with `events`, named `name`, made at `now`.
pub fn ical(events: &[CalendarEvent], name: &str, now: Millis) -> String {
    const DAY: Millis = 86_400_000;
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Balans//Balans//NL");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape(&e.uid)));
        line(&mut out, &format!("DTSTAMP:{}", stamp(now)));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", day(e.day)));
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", day(e.day + DAY)));
        line(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        line(&mut out, &format!("DESCRIPTION:{}", escape(&e.description)));
        line(&mut out, "TRANSP:TRANSPARENT");
        if let Some((days, text)) = &e.alarm {
            line(&mut out, "BEGIN:VALARM");
            line(&mut out, "ACTION:DISPLAY");
            line(&mut out, &format!("TRIGGER:-P{days}D"));
            line(&mut out, &format!("DESCRIPTION:{}", escape(text)));
            line(&mut out, "END:VALARM");
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}
