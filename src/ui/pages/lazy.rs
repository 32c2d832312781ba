//! Screens in WebAssembly chunks of their own (issue 15). The citizen app's
//! screens that come after the first question: its first download holds
//! only what the invitation's steps and the first question need. The staff
//! app's research screens: a professional never downloads them.
//!
//! With the `split` feature (the citizen app's build in
//! scripts/wasm-split.mjs) each citizen `*_screen` function is `#[lazy]`:
//! calling it fetches its chunk once, and `public/boot.js` calls
//! `preload_screens` in idle time after the first question, before
//! connections close, so a screen never waits for the network later and
//! works offline. With `split-research` (the staff app's build) the same
//! holds for the research screens, which boot.js preloads on `/research`
//! only. Without the features (Trunk's other bundles, the wasm tests) they
//! are plain functions.
//!
//! A screen shows through `lazy_screen!`: when its chunk is there (always
//! after the preload) it renders at once, like any other screen.

use leptos::prelude::*;

use super::home::DeviceOverview;
use super::{ResearchPage, ReviewPage, SendPage, SummaryPage};

/// Renders what a lazy `*_screen` function returns once its chunk is there.
#[cfg(any(feature = "split", feature = "split-research"))]
macro_rules! lazy_screen {
    ($screen:ident) => {
        Suspend::new(async move { $screen().await }).into_any()
    };
}
/// Renders what a plain `*_screen` function returns.
#[cfg(not(all(feature = "split", feature = "split-research")))]
macro_rules! plain_screen {
    ($screen:ident) => {
        $screen()
    };
}
#[cfg(feature = "split")]
use lazy_screen as citizen_screen;
#[cfg(feature = "split-research")]
use lazy_screen as research_screen;
#[cfg(not(feature = "split"))]
use plain_screen as citizen_screen;
#[cfg(not(feature = "split-research"))]
use plain_screen as research_screen;

#[cfg_attr(feature = "split", leptos::lazy)]
fn review_screen() -> AnyView {
    view! { <ReviewPage/> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
fn summary_screen() -> AnyView {
    view! { <SummaryPage/> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
fn send_screen() -> AnyView {
    view! { <SendPage/> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
fn overview_screen() -> AnyView {
    view! { <DeviceOverview/> }.into_any()
}

#[cfg_attr(feature = "split-research", leptos::lazy)]
fn research_screens() -> AnyView {
    view! { <ResearchPage/> }.into_any()
}

/// `/q/:qid/review` in the citizen app.
#[component]
pub fn LazyReviewPage() -> impl IntoView {
    citizen_screen!(review_screen)
}

/// `/q/:qid/summary` in the citizen app.
#[component]
pub fn LazySummaryPage() -> impl IntoView {
    citizen_screen!(summary_screen)
}

/// `/q/:qid/send` in the citizen app.
#[component]
pub fn LazySendPage() -> impl IntoView {
    citizen_screen!(send_screen)
}

/// The questionnaires on the device and the demo invitation (`/` without
/// an invitation).
pub fn device_overview() -> AnyView {
    citizen_screen!(overview_screen)
}

/// Loads every chunk (a no-op without the `split` feature). A chunk that
/// fails to load is left to load when its screen opens.
pub async fn preload_screens() {
    #[cfg(feature = "split")]
    {
        __preload_review_screen().await;
        __preload_summary_screen().await;
        __preload_send_screen().await;
        __preload_overview_screen().await;
    }
}

/// `/research/:screen?` in the staff app. Its chunk is preloaded by
/// `public/boot.js` when the page opens at a research address, before
/// connections close; reached from another staff screen, the page loads
/// again at that address (as a staff address does in the citizen app), so
/// that the chunk is never fetched after connections closed.
#[component]
pub fn LazyResearchPage() -> impl IntoView {
    #[cfg(feature = "split-research")]
    // A research address, as boot.js's RESEARCH_PATH.
    if !crate::ui::browser::opened_at(|path| path == "/research" || path.starts_with("/research/"))
    {
        let path = leptos_router::hooks::use_location()
            .pathname
            .get_untracked();
        crate::ui::browser::load_page(&path);
        return view! { <p>{move || crate::ui::state::use_app_state().t("common.loading")}</p> }
            .into_any();
    }
    research_screen!(research_screens)
}

/// Loads the research screens' chunk (a no-op without `split-research`).
pub async fn preload_research() {
    #[cfg(feature = "split-research")]
    __preload_research_screens().await;
}
