//! The interview moments in the researcher's calendar: per respondent with
//! a T0 read in, interview 1 four weeks after T0 and interview 2 four weeks
//! before T2 (`core::research::planned_interviews`), each date editable
//! here before the iCalendar file is made. A changed day is kept in the
//! interview's own record (with its notes, so in the researcher's backup
//! too) and shown again after a reload. Only codes go in.

use leptos::prelude::*;

use super::interview::stored_interviews;
use super::{tr, use_research_state};
use crate::core::research::{
    interview_calendar, interview_key, planned_interviews, t0_of, Interview, InterviewMoment,
    InterviewPlan,
};
use crate::core::util::{date, parse_iso8601, Millis};
use crate::ui::autosave;
use crate::ui::browser::{self, DownloadOptions};
use crate::ui::components::{AnyProblem, ErrorPanel, ScreenError};
use crate::ui::state::{now, use_app_state, AppState};
use crate::ui::store::{self, LoadedRecord};

/// A day typed in a date field (`YYYY-MM-DD`), as noon UTC of that day.
fn day_of(text: &str) -> Option<Millis> {
    parse_iso8601(&format!("{text}T12:00:00Z"))
}

/// Keeps the day typed for interview `n` (0 or 1) of `code` in that
/// interview's record, merged with what is stored (`""`: the planned day).
fn keep_day(state: AppState, code: &str, n: usize, day: &str) -> Result<(), AnyProblem> {
    let moment = InterviewMoment::ALL
        .get(n)
        .copied()
        .unwrap_or(InterviewMoment::First);
    let key = interview_key(&code.into(), moment);
    let mut interview = match store::load_stored::<Interview>(&key) {
        LoadedRecord::Found(i) => i,
        // An unreadable record was set aside by the store; this starts anew.
        LoadedRecord::Absent | LoadedRecord::Quarantined(_) => Interview::new(code, moment, now()),
    };
    interview.set_day(day, now())?;
    autosave::save(state, &key, &mut interview);
    Ok(())
}

/// The planned (or changed) interview days of every respondent with a T0.
#[component]
pub fn InterviewCalendar() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    // Per respondent its two dates as shown (ISO days): the kept ones, else
    // the planned ones; and the planned ones, for a field that is cleared.
    let plans = RwSignal::new(Vec::<(String, [String; 2], [String; 2])>::new());
    Effect::new(move |_| {
        let kept = stored_interviews();
        let kept_day = |code: &str, n: usize| {
            kept.iter()
                .find(|i| i.respondent == code && Some(&i.moment) == InterviewMoment::ALL.get(n))
                .and_then(|i| i.day().map(str::to_string))
        };
        let planned: Vec<(String, [String; 2], [String; 2])> = research.data.with(|d| {
            let mut codes: Vec<String> = d
                .records
                .iter()
                .map(|r| r.envelope.respondent.to_string())
                .collect();
            codes.sort_unstable();
            codes.dedup();
            codes
                .into_iter()
                .filter_map(|code| {
                    let [first, second] = planned_interviews(t0_of(d, &code)?);
                    let planned = [date(first), date(second)];
                    let shown =
                        [0, 1].map(|n| kept_day(&code, n).unwrap_or_else(|| planned[n].clone()));
                    Some((code, shown, planned))
                })
                .collect()
        });
        plans.set(planned);
    });
    let failed = RwSignal::new(false);
    let refused = RwSignal::new(None::<AnyProblem>);
    let download = move |_| {
        let chosen: Vec<InterviewPlan> = plans.with_untracked(|p| {
            p.iter()
                .filter_map(|(code, [a, b], _)| {
                    Some(InterviewPlan {
                        respondent: code.clone(),
                        days: [day_of(a)?, day_of(b)?],
                    })
                })
                .collect()
        });
        let study = research
            .study
            .with_untracked(|s| s.as_ref().map(|s| s.name.clone()))
            .unwrap_or_else(|| "Balans".to_string());
        let text = interview_calendar(&chosen, &study, state.lang.get_untracked(), now());
        let name = format!("balans_interviews_{}.ics", crate::core::util::slug(&study));
        failed.set(
            browser::download(
                &text,
                &name,
                DownloadOptions::default().mime("text/calendar"),
            )
            .is_err(),
        );
    };
    move || {
        let rows = plans.get();
        (!rows.is_empty()).then(|| {
            let fields = rows
                .into_iter()
                .enumerate()
                .map(|(i, (code, days, _))| {
                    let inputs = (0..2)
                        .map(|n| {
                            let id = format!("interview-day-{i}-{}", n + 1);
                            let label = tr(state, if n == 0 { "interview.calendar.date_1" } else { "interview.calendar.date_2" });
                            let value = days[n].clone();
                            view! {
                                <p class="date-field">
                                    <label for=id.clone()>{label}</label>
                                    <input id=id type="date" class="text-input" data-testid=format!("interview-day-{}", n + 1)
                                        prop:value=value
                                        on:change=move |ev| {
                                            let typed = event_target_value(&ev);
                                            let Some((code, _, planned)) = plans.with_untracked(|p| p.get(i).cloned()) else { return };
                                            match keep_day(state, &code, n, &typed) {
                                                Ok(()) => {
                                                    refused.set(None);
                                                    // Cleared: back to the planned day.
                                                    let shown = if typed.trim().is_empty() { planned[n].clone() } else { typed.trim().to_string() };
                                                    plans.update(|p| if let Some(row) = p.get_mut(i) { row.1[n] = shown; });
                                                }
                                                Err(e) => refused.set(Some(e)),
                                            }
                                        }/>
                                </p>
                            }
                        })
                        .collect_view();
                    view! {
                        <fieldset class="card" data-testid="interview-dates" data-code=code.clone()>
                            <legend>{state.tw("respondent.label", &[("code", &code)])}</legend>
                            {inputs}
                        </fieldset>
                    }
                })
                .collect_view();
            view! {
                <section class="interview-calendar" data-testid="interview-calendar">
                    <h2>{tr(state, "interview.calendar.title")}</h2>
                    <p>{tr(state, "interview.calendar.intro")}</p>
                    {fields}
                    <p><button type="button" class="button button-primary" data-testid="interview-calendar-download" on:click=download>
                        {tr(state, "interview.calendar.download_all")}
                    </button></p>
                    <p role="alert">
                        {move || refused.get().map(|e| view! { <ErrorPanel error=e/> })}
                        {move || failed.get().then(|| view! { <ErrorPanel error=ScreenError::DownloadFailed/> })}
                    </p>
                </section>
            }
        })
    }
}
