//! The buttons that end a confirmation of something that cannot be undone.

use leptos::prelude::*;

use crate::ui::state::use_app_state;

/// "No" (keep things as they are) and the dangerous "yes", side by side.
#[component]
pub fn ConfirmButtons(
    /// Catalogue key of the "no" button.
    no_key: &'static str,
    /// Catalogue key of the "yes" button.
    yes_key: &'static str,
    /// Prefix of the buttons' `data-testid`: `<prefix>-no` and `<prefix>-yes`.
    testid: &'static str,
    /// What "no" does.
    on_no: impl Fn() + 'static,
    /// What "yes" does.
    on_yes: impl Fn() + 'static,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="step-nav">
            <button type="button" class="button" data-testid=format!("{testid}-no") on:click=move |_| on_no()>
                {move || state.t(no_key)}
            </button>
            <button type="button" class="button button-danger" data-testid=format!("{testid}-yes") on:click=move |_| on_yes()>
                {move || state.t(yes_key)}
            </button>
        </div>
    }
}
