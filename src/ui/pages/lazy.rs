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
//! after the preload) it renders at once, like any other screen. A chunk
//! that could not be fetched (the phone lost its connection when the
//! preload ran, and connections are closed by the time the screen opens)
//! never aborts the page: the split functions are `fallible`, so the load
//! comes back as [`ChunkMissing`] and the screen says so, with a button
//! that loads the page again (which preloads again before connections
//! close). Leptos's own `#[lazy]` would panic there, and the release build
//! aborts on a panic. One lazy
//! function per group of screens, taking the screen as an argument: one
//! chunk per group loads faster at every start (one fetch and one
//! instantiation instead of one per screen and per piece two screens share)
//! and compresses better.

use leptos::prelude::*;

use crate::ui::components::{ErrorPanel, ScreenError};

use super::home::DeviceOverview;
use super::{
    ComparePage, InvitationPage, PlanPage, QuestionPage, ResearchPage, RespondentPage, ReviewPage,
    SendPage, SummaryPage, TogetherConsentPage, TogetherPage,
};

/// A screen whose chunk could not be fetched: see the module's comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkMissing;

#[cfg(any(feature = "split", feature = "split-staff"))]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// The screen, or what to do when its chunk is missing.
fn shown(screen: Result<AnyView, ChunkMissing>) -> AnyView {
    screen.unwrap_or_else(|ChunkMissing| view! { <ScreenNotLoaded/> }.into_any())
}

/// Renders what a lazy screen function returns once its chunk is there.
#[cfg(any(feature = "split", feature = "split-staff"))]
macro_rules! lazy_screen {
    ($call:expr) => {
        Suspend::new(async move { shown($call.await) }).into_any()
    };
}
/// Renders what a plain screen function returns.
#[cfg(not(all(feature = "split", feature = "split-staff")))]
macro_rules! plain_screen {
    ($call:expr) => {
        shown($call)
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

/// In place of a screen whose chunk is missing: what happened (the answers
/// are kept: they were stored as they were given) and a button that loads
/// the page again at this address.
#[component]
fn ScreenNotLoaded() -> impl IntoView {
    let state = crate::ui::state::use_app_state();
    view! {
        <ErrorPanel title_key="screen.unloaded.title" error=ScreenError::ScreenNotLoaded>
            <button type="button" class="button button-primary" data-testid="screen-reload"
                on:click=|_| crate::ui::browser::reload()>
                {move || state.t("screen.unloaded.reload")}
            </button>
        </ErrorPanel>
    }
}

/// The citizen app's screens after the first question: one chunk.
#[derive(Clone, Copy)]
enum Later {
    Review,
    Summary,
    Send,
    Overview,
}

// The split functions: `fallible` (the load's failure comes back as
// `ChunkMissing`), with a module name of their own, which names the chunk's
// file (`balans.split_later_screens.wasm`), and their preload function.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        later_screens,
        wasm_split_path = ::leptos::wasm_split,
        preload(__preload_later_screens),
        fallible
    )
)]
fn later_screen(screen: Later) -> Result<AnyView, ChunkMissing> {
    Ok(match screen {
        Later::Review => view! { <ReviewPage/> }.into_any(),
        Later::Summary => view! { <SummaryPage/> }.into_any(),
        Later::Send => view! { <SendPage/> }.into_any(),
        Later::Overview => view! { <DeviceOverview/> }.into_any(),
    })
}

#[cfg_attr(
    feature = "split-staff",
    leptos::wasm_split::wasm_split(
        research_screens,
        wasm_split_path = ::leptos::wasm_split,
        preload(__preload_research_screens),
        fallible
    )
)]
fn research_screens() -> Result<AnyView, ChunkMissing> {
    Ok(view! { <ResearchPage/> }.into_any())
}

/// `/q/:qid/review` in the citizen app.
#[component]
pub fn LazyReviewPage() -> impl IntoView {
    citizen_screen!(later_screen(Later::Review))
}

/// `/q/:qid/summary` in the citizen app.
#[component]
pub fn LazySummaryPage() -> impl IntoView {
    citizen_screen!(later_screen(Later::Summary))
}

/// `/q/:qid/send` in the citizen app.
#[component]
pub fn LazySendPage() -> impl IntoView {
    citizen_screen!(later_screen(Later::Send))
}

/// The questionnaires on the device and the demo invitation (`/` without
/// an invitation).
pub fn device_overview() -> AnyView {
    citizen_screen!(later_screen(Later::Overview))
}

/// Loads the citizen app's chunk (a no-op without the `split` feature). A
/// chunk that fails to load is tried again when its screen opens, which
/// says so if it fails again.
pub async fn preload_screens() -> Result<(), ChunkMissing> {
    #[cfg(feature = "split")]
    __preload_later_screens().await?;
    Ok(())
}

/// `/research/:screen?` in the staff app. Its chunk is preloaded by
/// `public/boot.js` when the page opens at a research address, before
/// connections close; reached from another staff screen, the page loads
/// again at that address (as a staff address does in the citizen app), so
/// that the chunk is never fetched after connections closed.
#[component]
pub fn LazyResearchPage() -> impl IntoView {
    #[cfg(feature = "split-staff")]
    if !crate::ui::browser::opened_at(super::is_research_path) {
        let path = leptos_router::hooks::use_location()
            .pathname
            .get_untracked();
        crate::ui::browser::load_page(&path);
        return view! { <p>{move || crate::ui::state::use_app_state().t("common.loading")}</p> }
            .into_any();
    }
    staff_screen!(research_screens())
}

/// Loads the research screens' chunk (a no-op without `split-staff`).
pub async fn preload_research() -> Result<(), ChunkMissing> {
    #[cfg(feature = "split-staff")]
    __preload_research_screens().await?;
    Ok(())
}

/// The staff app's screens after the professional's first: one chunk.
#[derive(Clone, Copy)]
enum StaffLater {
    Respondent,
    Invitation,
    Compare,
    Together,
    TogetherConsent,
    Plan,
    Question,
    Review,
    Summary,
    Send,
}

#[cfg_attr(
    feature = "split-staff",
    leptos::wasm_split::wasm_split(
        staff_later_screens,
        wasm_split_path = ::leptos::wasm_split,
        preload(__preload_staff_later_screens),
        fallible
    )
)]
fn staff_later_screen(screen: StaffLater) -> Result<AnyView, ChunkMissing> {
    Ok(match screen {
        StaffLater::Respondent => view! { <RespondentPage/> }.into_any(),
        StaffLater::Invitation => view! { <InvitationPage/> }.into_any(),
        StaffLater::Compare => view! { <ComparePage/> }.into_any(),
        StaffLater::Together => view! { <TogetherPage/> }.into_any(),
        StaffLater::TogetherConsent => view! { <TogetherConsentPage/> }.into_any(),
        StaffLater::Plan => view! { <PlanPage/> }.into_any(),
        StaffLater::Question => view! { <QuestionPage/> }.into_any(),
        StaffLater::Review => view! { <ReviewPage/> }.into_any(),
        StaffLater::Summary => view! { <SummaryPage/> }.into_any(),
        StaffLater::Send => view! { <SendPage/> }.into_any(),
    })
}

/// `/pro/:wid/r/:code` in the staff app.
#[component]
pub fn LazyRespondentPage() -> impl IntoView {
    staff_screen!(staff_later_screen(StaffLater::Respondent))
}

/// `/pro/:wid/r/:code/invite` in the staff app.
#[component]
pub fn LazyInvitationPage() -> impl IntoView {
    staff_screen!(staff_later_screen(StaffLater::Invitation))
}

/// `/pro/:wid/r/:code/compare` in the staff app.
#[component]
pub fn LazyComparePage() -> impl IntoView {
    staff_screen!(staff_later_screen(StaffLater::Compare))
}

/// `/pro/:wid/r/:code/together` in the staff app.
#[component]
pub fn LazyTogetherPage() -> impl IntoView {
    staff_screen!(staff_later_screen(StaffLater::Together))
}

/// `/pro/:wid/r/:code/together/consent` in the staff app.
#[component]
pub fn LazyTogetherConsentPage() -> impl IntoView {
    staff_screen!(staff_later_screen(StaffLater::TogetherConsent))
}

/// `/pro/:wid/r/:code/plan` in the staff app.
#[component]
pub fn LazyPlanPage() -> impl IntoView {
    staff_screen!(staff_later_screen(StaffLater::Plan))
}

/// `/q/:qid/page/:n` in the staff app (a form filled in together).
#[component]
pub fn StaffQuestionPage() -> impl IntoView {
    staff_screen!(staff_later_screen(StaffLater::Question))
}

/// `/q/:qid/review` in the staff app.
#[component]
pub fn StaffReviewPage() -> impl IntoView {
    staff_screen!(staff_later_screen(StaffLater::Review))
}

/// `/q/:qid/summary` in the staff app.
#[component]
pub fn StaffSummaryPage() -> impl IntoView {
    staff_screen!(staff_later_screen(StaffLater::Summary))
}

/// `/q/:qid/send` in the staff app.
#[component]
pub fn StaffSendPage() -> impl IntoView {
    staff_screen!(staff_later_screen(StaffLater::Send))
}

/// Loads the chunk of the staff screens after the first (a no-op without
/// `split-staff`); not the research screens'.
pub async fn preload_staff_screens() -> Result<(), ChunkMissing> {
    #[cfg(feature = "split-staff")]
    __preload_staff_later_screens().await?;
    Ok(())
}
