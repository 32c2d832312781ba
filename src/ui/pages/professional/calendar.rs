//! "Put it in your calendar": the T1 and T2 due dates of one respondent or
//! of the whole workspace as an iCalendar file (`core::professional::
//! workspace_calendar`), with a reminder a week before. Only codes go in.

use leptos::prelude::*;

use super::WorkspaceHandle;
use crate::core::professional::{calendar_file_name, workspace_calendar};
use crate::ui::browser::{self, DownloadOptions};
use crate::ui::components::{ErrorPanel, ScreenError};
use crate::ui::state::{now, use_app_state};

/// MIME type of an iCalendar file.
const ICS_MIME: &str = "text/calendar";

/// A button that downloads the calendar of `code`, or of every respondent.
#[component]
pub fn CalendarButton(
    /// The workspace.
    handle: WorkspaceHandle,
    /// One respondent's code; every respondent when absent.
    #[prop(optional, into)]
    code: Option<String>,
) -> impl IntoView {
    let state = use_app_state();
    let failed = RwSignal::new(false);
    let code = StoredValue::new(code);
    let label_key = if code.with_value(Option::is_some) {
        "pro.calendar.download_one"
    } else {
        "pro.calendar.download_all"
    };
    let testid = if code.with_value(Option::is_some) {
        "calendar-one"
    } else {
        "calendar-all"
    };
    let download = move |_| {
        let only = code.get_value();
        let made = handle.ws.with_untracked(|ws| {
            workspace_calendar(ws, only.as_deref(), state.lang.get_untracked(), now())
                .map(|text| (text, calendar_file_name(ws, only.as_deref())))
        });
        let saved = made.is_some_and(|(text, name)| {
            browser::download(&text, &name, DownloadOptions::default().mime(ICS_MIME)).is_ok()
        });
        failed.set(!saved);
    };
    view! {
        <div class="calendar-download">
            <button type="button" class="button" data-testid=testid on:click=download>
                {move || state.t(label_key)}
            </button>
            <p class="hint">{move || state.t("pro.calendar.hint")}</p>
            <p role="alert">{move || failed.get().then(|| view! { <ErrorPanel error=ScreenError::DownloadFailed/> })}</p>
        </div>
    }
}
