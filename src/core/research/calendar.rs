//! The researcher's interview moments as calendar reminders: interview 1
//! four weeks after a respondent's T0, interview 2 four weeks before their
//! T2 (both can be changed on the screen before the file is made), as an
//! iCalendar file. Only the pseudonymous code goes in.

use super::import::ResearchData;
use crate::core::i18n::{text_with, Lang};
use crate::core::instrument::Moment;
use crate::core::professional::{REMINDER_DAYS, T2_AFTER_DAYS};
use crate::core::util::{ical, parse_iso8601, CalendarEvent, Millis};

const DAY: Millis = 86_400_000;

/// Days after T0 that interview 1 is planned.
pub const INTERVIEW_1_AFTER_T0_DAYS: u64 = 28;

/// Days before T2 that interview 2 is planned.
pub const INTERVIEW_2_BEFORE_T2_DAYS: u64 = 28;

/// When a respondent's T0 began, by the files read in: the earliest start
/// of a T0 form of theirs (citizen's or professional's).
pub fn t0_of(data: &ResearchData, code: &str) -> Option<Millis> {
    data.records
        .iter()
        .filter(|r| r.envelope.respondent == code && r.envelope.moment == Moment::T0)
        .filter_map(|r| parse_iso8601(&r.envelope.started_at))
        .min()
}

/// The two interview days planned from a T0 time.
pub fn planned_interviews(t0: Millis) -> [Millis; 2] {
    [
        t0 + INTERVIEW_1_AFTER_T0_DAYS * DAY,
        t0 + (T2_AFTER_DAYS - INTERVIEW_2_BEFORE_T2_DAYS) * DAY,
    ]
}

/// One respondent's two interview days, as planned or as changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterviewPlan {
    /// The pseudonymous respondent code.
    pub respondent: String,
    /// Interview 1 and interview 2.
    pub days: [Millis; 2],
}

/// The calendar file of the plans, for the study `study_name`.
pub fn interview_calendar(
    plans: &[InterviewPlan],
    study_name: &str,
    lang: Lang,
    now: Millis,
) -> String {
    let events: Vec<CalendarEvent> = plans
        .iter()
        .flat_map(|p| {
            p.days.iter().zip(["1", "2"]).map(move |(day, n)| {
                let args = [("code", p.respondent.as_str()), ("n", n)];
                CalendarEvent {
                    uid: format!("balans-interview-{}-{n}@balans", p.respondent),
                    day: *day,
                    summary: text_with(lang, "interview.calendar.summary", &args),
                    description: text_with(lang, "interview.calendar.description", &args),
                    alarm: Some((
                        REMINDER_DAYS,
                        text_with(lang, "interview.calendar.alarm", &args),
                    )),
                }
            })
        })
        .collect();
    let name = text_with(lang, "interview.calendar.name", &[("study", study_name)]);
    ical(&events, &name, now)
}
