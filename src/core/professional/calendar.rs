//! Calendar reminders of a workspace: the due dates of T1 and T2 per
//! respondent (the dates the workspace already computes), each with a
//! reminder a week before, as an iCalendar file for the professional's own
//! calendar. Only the pseudonymous code goes in, never a name or an answer.

use super::workspace::{Respondent, Workspace};
use crate::core::i18n::{text_with, Lang};
use crate::core::instrument::Moment;
use crate::core::util::{ical, CalendarEvent, Millis};

/// Days before a due date that the calendar reminds.
pub const REMINDER_DAYS: u32 = 7;

fn events(ws: &Workspace, r: &Respondent, lang: Lang) -> Vec<CalendarEvent> {
    [Moment::T1, Moment::T2]
        .into_iter()
        .map(|moment| {
            let args = [("code", r.code.as_str()), ("moment", moment.code())];
            CalendarEvent {
                uid: format!("balans-{}-{}-{}@balans", ws.id, r.code, moment.code()),
                day: r.due_at(moment),
                summary: text_with(lang, "pro.calendar.summary", &args),
                description: text_with(lang, "pro.calendar.description", &args),
                alarm: Some((REMINDER_DAYS, text_with(lang, "pro.calendar.alarm", &args))),
            }
        })
        .collect()
}

/// The calendar of one respondent (`Some(code)`) or of every respondent in
/// the workspace (`None`); `None` when the code is not in the workspace.
pub fn workspace_calendar(
    ws: &Workspace,
    only: Option<&str>,
    lang: Lang,
    now: Millis,
) -> Option<String> {
    let chosen: Vec<&Respondent> = match only {
        Some(code) => vec![ws.respondent(code)?],
        None => ws.respondents.iter().collect(),
    };
    let events: Vec<CalendarEvent> = chosen.iter().flat_map(|r| events(ws, r, lang)).collect();
    let name = text_with(lang, "pro.calendar.name", &[("study", &ws.study.name)]);
    Some(ical(&events, &name, now))
}

/// The file name: study, respondent (or all), never a real name.
pub fn calendar_file_name(ws: &Workspace, only: Option<&str>) -> String {
    let who = only
        .map(crate::core::util::slug)
        .unwrap_or_else(|| "alle".to_string());
    format!(
        "balans_{}_{}_agenda.ics",
        crate::core::util::slug(&ws.study.name),
        who
    )
}
