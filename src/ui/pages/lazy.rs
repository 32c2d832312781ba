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
//! works offline. With `split-staff` (the staff app's build) the same
//! holds for the research screens, which boot.js preloads on `/research`
//! only, and for the other staff screens, which it preloads
//! (`preload_staff_screens`) in idle time after the first screen. Without the features (Trunk's other bundles, the wasm tests) they
//! are plain functions.
//!
//! A screen shows through `lazy_screen!`: when its chunk is there (always
//! after the preload) it renders at once, like any other screen.

use leptos::prelude::*;

use super::home::DeviceOverview;
use super::{
    ComparePage, InvitationPage, PlanPage, QuestionPage, ResearchPage, RespondentPage, ReviewPage,
    SendPage, SummaryPage, TogetherConsentPage, TogetherPage,
};

/// Renders what a lazy `*_screen` function returns once its chunk is there.
#[cfg(any(feature = "split", feature = "split-staff"))]
macro_rules! lazy_screen {
    ($screen:ident) => {
        Suspend::new(async move { $screen().await }).into_any()
    };
}
/// Renders what a plain `*_screen` function returns.
#[cfg(not(all(feature = "split", feature = "split-staff")))]
macro_rules! plain_screen {
    ($screen:ident) => {
        $screen()
    };
}
#[cfg(feature = "split")]
use lazy_screen as citizen_screen;
#[cfg(feature = "split-staff")]
use lazy_screen as staff_screen;
#[cfg(not(feature = "split"))]
use plain_screen as citizen_screen;
#[cfg(not(feature = "split-staff"))]
use plain_screen as staff_screen;

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

#[cfg_attr(feature = "split-staff", leptos::lazy)]
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
    #[cfg(feature = "split-staff")]
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
    staff_screen!(research_screens)
}

/// Loads the research screens' chunk (a no-op without `split-staff`).
pub async fn preload_research() {
    #[cfg(feature = "split-staff")]
    __preload_research_screens().await;
}

// The staff app's screens after the professional's first. Written out one
// by one: `#[lazy]` names a chunk after where it is written, so a macro
// making them would give them all one name.

#[cfg_attr(feature = "split-staff", leptos::lazy)]
fn respondent_screen() -> AnyView {
    view! { <RespondentPage/> }.into_any()
}

#[cfg_attr(feature = "split-staff", leptos::lazy)]
fn invitation_screen() -> AnyView {
    view! { <InvitationPage/> }.into_any()
}

#[cfg_attr(feature = "split-staff", leptos::lazy)]
fn compare_screen() -> AnyView {
    view! { <ComparePage/> }.into_any()
}

#[cfg_attr(feature = "split-staff", leptos::lazy)]
fn together_screen() -> AnyView {
    view! { <TogetherPage/> }.into_any()
}

#[cfg_attr(feature = "split-staff", leptos::lazy)]
fn together_consent_screen() -> AnyView {
    view! { <TogetherConsentPage/> }.into_any()
}

#[cfg_attr(feature = "split-staff", leptos::lazy)]
fn plan_screen() -> AnyView {
    view! { <PlanPage/> }.into_any()
}

#[cfg_attr(feature = "split-staff", leptos::lazy)]
fn staff_question_screen() -> AnyView {
    view! { <QuestionPage/> }.into_any()
}

#[cfg_attr(feature = "split-staff", leptos::lazy)]
fn staff_review_screen() -> AnyView {
    view! { <ReviewPage/> }.into_any()
}

#[cfg_attr(feature = "split-staff", leptos::lazy)]
fn staff_summary_screen() -> AnyView {
    view! { <SummaryPage/> }.into_any()
}

#[cfg_attr(feature = "split-staff", leptos::lazy)]
fn staff_send_screen() -> AnyView {
    view! { <SendPage/> }.into_any()
}

/// `/pro/:wid/r/:code` in the staff app.
#[component]
pub fn LazyRespondentPage() -> impl IntoView {
    staff_screen!(respondent_screen)
}

/// `/pro/:wid/r/:code/invite` in the staff app.
#[component]
pub fn LazyInvitationPage() -> impl IntoView {
    staff_screen!(invitation_screen)
}

/// `/pro/:wid/r/:code/compare` in the staff app.
#[component]
pub fn LazyComparePage() -> impl IntoView {
    staff_screen!(compare_screen)
}

/// `/pro/:wid/r/:code/together` in the staff app.
#[component]
pub fn LazyTogetherPage() -> impl IntoView {
    staff_screen!(together_screen)
}

/// `/pro/:wid/r/:code/together/consent` in the staff app.
#[component]
pub fn LazyTogetherConsentPage() -> impl IntoView {
    staff_screen!(together_consent_screen)
}

/// `/pro/:wid/r/:code/plan` in the staff app.
#[component]
pub fn LazyPlanPage() -> impl IntoView {
    staff_screen!(plan_screen)
}

/// `/q/:qid/page/:n` in the staff app (a form filled in together).
#[component]
pub fn StaffQuestionPage() -> impl IntoView {
    staff_screen!(staff_question_screen)
}

/// `/q/:qid/review` in the staff app.
#[component]
pub fn StaffReviewPage() -> impl IntoView {
    staff_screen!(staff_review_screen)
}

/// `/q/:qid/summary` in the staff app.
#[component]
pub fn StaffSummaryPage() -> impl IntoView {
    staff_screen!(staff_summary_screen)
}

/// `/q/:qid/send` in the staff app.
#[component]
pub fn StaffSendPage() -> impl IntoView {
    staff_screen!(staff_send_screen)
}

/// Loads the chunks of the staff screens after the first (a no-op without
/// `split-staff`); not the research screens'.
pub async fn preload_staff_screens() {
    #[cfg(feature = "split-staff")]
    {
        __preload_respondent_screen().await;
        __preload_invitation_screen().await;
        __preload_compare_screen().await;
        __preload_together_screen().await;
        __preload_together_consent_screen().await;
        __preload_plan_screen().await;
        __preload_staff_question_screen().await;
        __preload_staff_review_screen().await;
        __preload_staff_summary_screen().await;
        __preload_staff_send_screen().await;
    }
}
