//! Messages: a one-off notice, and an error with what to do about it.

use leptos::prelude::*;

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

/// An error: a title, what happened, and what to do.
#[component]
pub fn ErrorPanel(
    /// Catalogue key of the title.
    title_key: &'static str,
    /// Catalogue key of what happened.
    message_key: &'static str,
    /// Catalogue key of what to do.
    hint_key: &'static str,
    /// Extra content, e.g. a button back to the start.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="panel panel-error" role="alert" data-testid="error-panel" data-error=message_key>
            <h1 tabindex="-1">{move || state.t(title_key)}</h1>
            <p>{move || state.t(message_key)}</p>
            <p class="hint">{move || state.t(hint_key)}</p>
            {children.map(|c| c())}
        </section>
    }
}
