//! Moves keyboard focus to a heading, so keyboard and screen-reader users
//! start at the top of what changed. A heading that is not there (yet) is
//! simply not focused: nothing to report.

use leptos::prelude::{Effect, Get, NodeRef};
use wasm_bindgen::JsCast;

/// Moves focus to `heading` each time `step()` changes (not when first
/// shown), so keyboard and screen-reader users follow a screen's steps.
pub fn focus_on_step_change<T: PartialEq + Clone + 'static>(
    step: impl Fn() -> T + 'static,
    heading: NodeRef<leptos::html::H1>,
) {
    Effect::new(move |previous: Option<T>| {
        let now = step();
        if previous.is_some_and(|p| p != now) {
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        }
        now
    });
}

/// Moves focus to the main heading of a newly shown screen.
pub fn focus_main_heading() {
    if let Some(heading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("main h1").ok().flatten())
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = heading.focus();
    }
}
