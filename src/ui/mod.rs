//! The Leptos layer: a thin view over `crate::core`. Only `store` touches
//! localStorage (and, through `mirror` and `db`, the staff database); only `browser` touches other browser APIs directly.

mod autosave;
pub mod browser;
pub mod db;
mod lock;
mod mirror;
// Public so that `tests/web.rs` can mount a component on its own.
pub mod components;
mod pages;
mod speech;
mod state;
pub mod store;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The error panel and what it shows, public so browser tests can mount it.
pub use components::{AnyProblem, ErrorPanel, ScreenError};
pub use state::{use_app_state, AppState};
// The question screen, for the component tests (`tests/web.rs`); the other
// screens stay private to the app.
pub use pages::QuestionPage;

/// Mounts the citizen app: start screen, invitations, questionnaires and
/// sending. Its route tree never names a professional or researcher screen,
/// so the linker leaves their code out and a citizen's phone downloads only
/// what a citizen uses (see `scripts/bench`, P1).
pub fn start_citizen() {
    console_error_panic_hook::set_once();
    mount_to_body(CitizenApp);
}

/// Mounts the whole app, with the professional's and researcher's screens
/// (`public/boot.js` loads it for `/pro`, `/research` and study links).
pub fn start_staff() {
    console_error_panic_hook::set_once();
    browser::remember_opening_address();
    // Only this app links the staff texts (see `core::i18n`).
    crate::core::i18n::include_staff_texts();
    // It links age to decrypt anyway; the citizen app loads a module for it.
    browser::seal_directly_with(crate::core::exchange::encrypt_bytes);
    // The staff records are read from the database before the first screen
    // shows (a few milliseconds; the screens read them at once after).
    // Not Leptos's `spawn_local`: its executor starts with the mount.
    wasm_bindgen_futures::spawn_local(async {
        let _ = store::open_staff_storage().await;
        lock::watch();
        mount_to_body(StaffApp);
    });
}

/// The citizen's screens. Addresses of the staff screens lead to a full page
/// load, which `public/boot.js` answers with the staff app.
#[component]
pub fn CitizenApp() -> impl IntoView {
    provide_context(AppState::load());
    view! {
        <Router>
            <components::Shell>
                <Routes fallback=pages::ElsewhereOrNotFound>
                    <Route path=path!("/") view=pages::Home/>
                    <Route path=path!("/q/:qid/page/:n") view=pages::QuestionPage/>
                    <Route path=path!("/q/:qid/review") view=pages::LazyReviewPage/>
                    <Route path=path!("/q/:qid/summary") view=pages::LazySummaryPage/>
                    <Route path=path!("/q/:qid/send") view=pages::LazySendPage/>
                </Routes>
            </components::Shell>
        </Router>
    }
}

/// A preload's failure, for `public/boot.js`, which logs it: the screen
/// tries again when it opens (`pages::lazy`).
fn chunk_not_loaded(_: pages::ChunkMissing) -> wasm_bindgen::JsValue {
    wasm_bindgen::JsValue::from_str("a WebAssembly chunk did not load")
}

/// Loads the citizen app's later screens (`public/boot.js` calls it through
/// the citizen app's `preloadScreens` in idle time after the first
/// question, before connections close); see `pages::preload_screens`.
pub async fn preload_screens() -> Result<(), wasm_bindgen::JsValue> {
    pages::preload_screens().await.map_err(chunk_not_loaded)
}

/// Loads the research screens (`public/boot.js` calls it through the staff
/// app's `preloadResearch` on `/research`, before connections close); see
/// `pages::preload_research`.
pub async fn preload_research() -> Result<(), wasm_bindgen::JsValue> {
    pages::preload_research().await.map_err(chunk_not_loaded)
}

/// Loads the staff app's screens after the professional's first
/// (`public/boot.js` calls it through the staff app's `preloadScreens` in
/// idle time after the first screen, before connections close); see
/// `pages::preload_staff_screens`.
pub async fn preload_staff_screens() -> Result<(), wasm_bindgen::JsValue> {
    pages::preload_staff_screens()
        .await
        .map_err(chunk_not_loaded)
}

/// Every screen: the citizen's and the staff's.
#[component]
pub fn StaffApp() -> impl IntoView {
    provide_context(AppState::load());
    provide_context(pages::StaffScreens::new());
    pages::start_auto_backup();
    provide_context(components::HeaderTools(pages::lock_now_button));
    view! {
        <Router>
            <components::Shell>
                <pages::LockGate>
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::Home/>
                    <Route path=path!("/q/:qid/page/:n") view=pages::StaffQuestionPage/>
                    <Route path=path!("/q/:qid/review") view=pages::StaffReviewPage/>
                    <Route path=path!("/q/:qid/summary") view=pages::StaffSummaryPage/>
                    <Route path=path!("/q/:qid/send") view=pages::StaffSendPage/>
                    // Professional routes (issue 3) go here.
                    <Route path=path!("/pro") view=pages::ProStart/>
                    <Route path=path!("/pro/:wid") view=pages::WorkspacePage/>
                    <Route path=path!("/pro/:wid/r/:code") view=pages::LazyRespondentPage/>
                    <Route path=path!("/pro/:wid/r/:code/invite") view=pages::LazyInvitationPage/>
                    <Route path=path!("/pro/:wid/r/:code/compare") view=pages::LazyComparePage/>
                    <Route path=path!("/pro/:wid/r/:code/together") view=pages::LazyTogetherPage/>
                    <Route path=path!("/pro/:wid/r/:code/together/consent") view=pages::LazyTogetherConsentPage/>

                    // Researcher routes (issue 4) go here.
                    <Route path=path!("/research/:screen?") view=pages::LazyResearchPage/>

                    // Support plan and interview routes (issue 8) go here.
                    // (The interview is a screen of `/research/:screen?`.)
                    <Route path=path!("/pro/:wid/r/:code/plan") view=pages::LazyPlanPage/>
                </Routes>
                </pages::LockGate>
            </components::Shell>
        </Router>
    }
}
