//! The interview moments in the researcher's calendar: per respondent with
//! a T0 read in, interview 1 four weeks after T0 and interview 2 four weeks
//! before T2 (`core::research::planned_interviews`), each date editable
//! here before the iCalendar file is made. Only codes go in.

use leptos::prelude::*;

use super::{tr, use_research_state};
use crate::core::research::{interview_calendar, planned_interviews, t0_of, InterviewPlan};
use crate::core::util::{date, parse_iso8601, Millis};
use crate::ui::browser::{self, DownloadOptions};
use crate::ui::components::{ErrorPanel, ScreenError};
use crate::ui::state::{now, use_app_state};

/// A day typed in a date field (`YYYY-MM-DD`), as noon UTC of that day.
fn day_of(text: &str) -> Option<Millis> {
    parse_iso8601(&format!("{text}T12:00:00Z"))
}

/// The planned (or changed) interview days of every respondent with a T0.
#[component]
pub fn InterviewCalendar() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    // Per respondent its two dates as typed (ISO days), starting from the
    // planned ones; the researcher may change them before downloading.
    let plans = RwSignal::new(Vec::<(String, [String; 2])>::new());
    Effect::new(move |_| {
        let planned: Vec<(String, [String; 2])> = research.data.with(|d| {
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
                    Some((code, [date(first), date(second)]))
                })
                .collect()
        });
        plans.set(planned);
    });
    let failed = RwSignal::new(false);
    let download = move |_| {
        let chosen: Vec<InterviewPlan> = plans.with_untracked(|p| {
            p.iter()
                .filter_map(|(code, [a, b])| {
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
                .map(|(i, (code, days))| {
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
                                            plans.update(|p| if let Some(row) = p.get_mut(i) { row.1[n] = typed; });
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
                    <p role="alert">{move || failed.get().then(|| view! { <ErrorPanel error=ScreenError::DownloadFailed/> })}</p>
                </section>
            }
        })
    }
}
