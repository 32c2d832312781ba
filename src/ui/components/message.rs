//! Messages: a one-off notice, and an error with what to do about it.
//!
//! Every error on every screen is shown by [`ErrorPanel`] from the error
//! value itself (anything that implements [`Problem`]), so its hint always
//! comes along: the message says what happened, the hint what to do.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::error::Problem;
use crate::ui::state::use_app_state;

/// Shows and clears the app's one-off notice.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let state = use_app_state();
    view! {
        <div role="status" aria-live="polite" class="notice-region">
            {move || state.notice.get().map(|key| view! {
                <div class="banner banner-info" data-testid="notice">
                    <p>{state.t(key)}</p>
                    <button type="button" class="link-button" on:click=move |_| state.notice.set(None)>
                        {state.t("common.close")}
                    </button>
                </div>
            })}
        </div>
    }
}

/// Any error, ready to show. Shared, so that signals, lists and views can
/// clone it; made from any [`Problem`] with `.into()`.
#[derive(Clone)]
pub struct AnyProblem(Arc<dyn Problem + Send + Sync>);

impl<P: Problem + Send + Sync + 'static> From<P> for AnyProblem {
    fn from(problem: P) -> Self {
        AnyProblem(Arc::new(problem))
    }
}

impl AnyProblem {
    /// The error itself.
    pub fn problem(&self) -> &(dyn Problem + Send + Sync) {
        self.0.as_ref()
    }
}

/// Errors a screen finds by itself, with no operation's error behind them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScreenError {
    /// The address names no screen.
    NotFound,
    /// The questionnaire in the address is not on this device.
    NoQuestionnaire,
    /// The workspace in the address is not on this device.
    NoWorkspace,
    /// The workspace on this device could not be read (it was set aside).
    WorkspaceUnreadable,
    /// The respondent in the address is not in the workspace.
    NoRespondent,
    /// The browser could not read a citizen's file that was chosen.
    FileUnreadable,
    /// The browser could not read the key file that was chosen.
    KeyFileUnreadable,
    /// The browser did not save a file the person asked for.
    DownloadFailed,
    /// A screen's WebAssembly chunk could not be fetched (issue 15).
    ScreenNotLoaded,
}

impl Problem for ScreenError {
    fn message_key(&self) -> &'static str {
        match self {
            ScreenError::NotFound => "notfound.text",
            ScreenError::NoQuestionnaire => "q.not_found",
            ScreenError::NoWorkspace => "pro.ws.missing",
            ScreenError::WorkspaceUnreadable => "storage.unreadable.corrupt",
            ScreenError::NoRespondent => "pro.respondent.missing",
            ScreenError::FileUnreadable => "pro.import.error.read",
            ScreenError::KeyFileUnreadable => "research.key.unreadable",
            ScreenError::DownloadFailed => "send.error",
            ScreenError::ScreenNotLoaded => "screen.unloaded.text",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            ScreenError::NotFound => "link.hint.missing",
            ScreenError::NoQuestionnaire => "q.not_found_hint",
            ScreenError::NoWorkspace => "pro.ws.missing_hint",
            ScreenError::WorkspaceUnreadable => "storage.unreadable.hint",
            ScreenError::NoRespondent => "pro.respondent.missing_hint",
            ScreenError::FileUnreadable => "pro.import.hint.read",
            ScreenError::KeyFileUnreadable => "research.key.unreadable_hint",
            ScreenError::DownloadFailed => "export.hint.encrypt",
            ScreenError::ScreenNotLoaded => "screen.unloaded.hint",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ScreenError::NotFound => "not_found",
            ScreenError::NoQuestionnaire => "no_questionnaire",
            ScreenError::NoWorkspace => "no_workspace",
            ScreenError::WorkspaceUnreadable => "workspace_unreadable",
            ScreenError::NoRespondent => "no_respondent",
            ScreenError::FileUnreadable => "file_unreadable",
            ScreenError::KeyFileUnreadable => "key_file_unreadable",
            ScreenError::DownloadFailed => "download_failed",
            ScreenError::ScreenNotLoaded => "screen_not_loaded",
        }
    }
}

crate::core::error::display_as_problem!(ScreenError);

/// An error: what happened and what to do about it, from the error value.
///
/// With a `title_key` it is the whole screen's message: a panel with a
/// heading, `role="alert"` and `data-testid="error-panel"`. Without one it is
/// the short text beside the field or button it is about, placed inside that
/// field's own error line (which keeps its `id`, role and test id).
/// Either way it carries `data-error` (the message key) and `data-code`.
#[component]
pub fn ErrorPanel(
    /// The error to show.
    #[prop(into)]
    error: AnyProblem,
    /// Catalogue key of a heading: given when the error takes the screen.
    #[prop(optional)]
    title_key: Option<&'static str>,
    /// `data-testid` of the inline text (the panel's is `error-panel`).
    #[prop(optional)]
    testid: Option<&'static str>,
    /// Extra content, e.g. a button back to the start.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let state = use_app_state();
    let (message_key, code) = (error.problem().message_key(), error.problem().code());
    let shown = error.clone();
    // Read again when the language changes.
    let message = move || shown.problem().message(state.lang.get());
    let hint = move || error.problem().hint(state.lang.get());
    match title_key {
        Some(title_key) => view! {
            <section class="panel panel-error" role="alert" data-testid="error-panel"
                data-error=message_key data-code=code>
                <h1 tabindex="-1">{move || state.t(title_key)}</h1>
                <p>{message}</p>
                <p class="hint">{hint}</p>
                {children.map(|c| c())}
            </section>
        }
        .into_any(),
        None => view! {
            <span class="error-text" data-testid=testid data-error=message_key data-code=code>
                <strong>{message}</strong>
                " "
                <span class="hint">{hint}</span>
                {children.map(|c| c())}
            </span>
        }
        .into_any(),
    }
}
