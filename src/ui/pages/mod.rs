//! The screens, one module each, plus what they share.

mod home;
// The lock at rest (issue 17): staff app only.
mod lock;
pub use lock::{lock_now_button, LockGate, LockOffer};
mod invite;
// Both apps' later screens in chunks of their own (issue 15).
mod lazy;
pub use lazy::{
    preload_research, preload_screens, preload_staff_screens, ChunkMissing, LazyComparePage,
    LazyInvitationPage, LazyPlanPage, LazyResearchPage, LazyRespondentPage, LazyReviewPage,
    LazySendPage, LazySummaryPage, LazyTogetherConsentPage, LazyTogetherPage, StaffQuestionPage,
    StaffReviewPage, StaffSendPage, StaffSummaryPage,
};
mod question;
mod review;
mod send;
mod summary;
// Professional pages (issue 3) go here.
pub(crate) mod professional;
pub use professional::{
    return_path as professional_return_path, start_auto_backup, together_consent_path,
    together_path, ComparePage, InvitationPage, ProStart, RespondentPage, StaffStoreError,
    StudyLinkFlow, TogetherConsentPage, TogetherPage, WorkspacePage,
};

// Researcher pages (issue 4) go here.
mod research;

// Support plan and interview pages (issue 8) go here. The plan lives with
// the professional's screens, the interview with the researcher's (one
// route, `/research/interview`).
pub use professional::{respondent_plan, PlanPage};

pub use home::Home;
pub use question::QuestionPage;
pub use research::ResearchPage;
pub use review::ReviewPage;
pub use send::SendPage;
pub use summary::SummaryPage;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

use crate::core::instrument::{Answer, Item, Role};
use crate::core::questionnaire::{MigrateError, Screen};
use crate::ui::components::{AnyProblem, ErrorPanel, ScreenError};
use crate::ui::state::{use_app_state, AppState};
use crate::ui::store::Loaded;

/// The address of a screen of questionnaire `id`.
pub fn screen_path(id: &str, screen: Screen) -> String {
    match screen {
        Screen::Page(i) => format!("/q/{id}/page/{}", i + 1),
        Screen::Review => format!("/q/{id}/review"),
        Screen::Summary => format!("/q/{id}/summary"),
        Screen::Send => format!("/q/{id}/send"),
    }
}

/// What a questionnaire route found on the device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gate {
    Open,
    Missing,
    Unreadable,
    /// A form filled in together on this device whose consent is not
    /// given yet: the consent screen comes first (issue 13).
    NeedsConsent,
}

/// Opens the questionnaire named in the route and says whether it is there.
fn use_open_questionnaire() -> (Memo<String>, Memo<Gate>) {
    let state = use_app_state();
    let params = use_params_map();
    let qid = Memo::new(move |_| params.read().get("qid").unwrap_or_default());
    let gate = Memo::new(move |_| {
        let id = qid.get();
        untrack(|| match state.open(&id) {
            None | Some(Loaded::Found(_)) if state.needs_consent(&id) => Gate::NeedsConsent,
            None | Some(Loaded::Found(_)) => Gate::Open,
            Some(Loaded::Absent) => Gate::Missing,
            Some(Loaded::Quarantined(_)) => Gate::Unreadable,
        })
    });
    (qid, gate)
}

/// The message shown when a questionnaire route finds nothing to open.
fn not_open_view(gate: Gate) -> AnyView {
    let state = use_app_state();
    if gate == Gate::NeedsConsent {
        if let Some(q) = state.current.get_untracked() {
            return redirect_view(together_consent_path(&q));
        }
    }
    let error: AnyProblem = match gate {
        // The home screen lists what was set aside, with the way to save it.
        Gate::Unreadable => MigrateError::Corrupt.into(),
        _ => ScreenError::NoQuestionnaire.into(),
    };
    view! {
        <ErrorPanel title_key="q.not_found" error=error>
            <p><A href="/" attr:class="button">{move || state.t("link.error.home")}</A></p>
        </ErrorPanel>
    }
    .into_any()
}

/// The role of the open questionnaire.
fn current_role(state: AppState) -> Role {
    state
        .current
        .with_untracked(|c| c.as_ref().map(|q| q.role))
        .unwrap_or(Role::Citizen)
}

/// An answer in words, as the review and comparison show it, in the
/// wording of `role`'s form (the professional reads "De inwoner zelf"
/// where the citizen reads "Ikzelf").
pub fn answer_text(state: AppState, item: &Item, role: Role, answer: &Answer) -> String {
    let label = |code: i32| {
        item.scale()
            .and_then(|s| s.label_key_for(code, role))
            .map(|k| state.t(k))
    };
    match answer {
        Answer::Value(v) => label(*v).unwrap_or_else(|| v.to_string()),
        Answer::Choices(codes) => codes
            .iter()
            .filter_map(|c| label(*c))
            .collect::<Vec<_>>()
            .join(", "),
        Answer::Text(t) => t.clone(),
        Answer::Missing(m) => state.t(m.label_key_for(role)),
    }
}

/// Goes to `path` (replacing this address in the history) once this render
/// is done, since the router is mid-update while a route renders; shows a
/// loading line meanwhile.
pub fn redirect_view(path: String) -> AnyView {
    let state = use_app_state();
    let navigate = use_navigate();
    Effect::new(move |_| {
        navigate(
            &path,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        )
    });
    view! { <p>{move || state.t("common.loading")}</p> }.into_any()
}

/// What only the staff app can show, handed to shared screens through
/// context so the citizen app never links the staff code in.
#[derive(Clone, Copy)]
pub struct StaffScreens {
    /// Opens a study link (`#s1…`): the professional's workspace set-up.
    pub study_link: fn(String) -> AnyView,
}

impl StaffScreens {
    /// The staff app's screens.
    pub fn new() -> Self {
        StaffScreens {
            study_link: |fragment| view! { <StudyLinkFlow fragment=fragment/> }.into_any(),
        }
    }
}

/// Whether an address belongs to the staff app (`public/boot.js` decides
/// the same way which app to load).
pub fn is_staff_path(path: &str) -> bool {
    ["/pro", "/research"].iter().any(|p| is_under(path, p))
}

/// Whether `path` is a research address (as `public/boot.js`'s
/// RESEARCH_PATH): the research screens' chunk loads only there.
pub fn is_research_path(path: &str) -> bool {
    is_under(path, "/research")
}

/// `path` is `prefix` or below it (`/pro/…`, not `/professional`).
fn is_under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The citizen app's fallback: a staff address is loaded in full (the staff
/// app answers it); anything else is not found.
#[component]
pub fn ElsewhereOrNotFound() -> impl IntoView {
    // The router's path: the address bar may not show it yet at this point.
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    if is_staff_path(&path) {
        crate::ui::browser::load_page(&path);
        return view! { <p>{move || use_app_state().t("common.loading")}</p> }.into_any();
    }
    view! { <NotFound/> }.into_any()
}

/// The fallback for unknown addresses.
#[component]
pub fn NotFound() -> impl IntoView {
    let state = use_app_state();
    view! {
        <ErrorPanel title_key="notfound.title" error=ScreenError::NotFound>
            <p><A href="/" attr:class="button">{move || state.t("link.error.home")}</A></p>
        </ErrorPanel>
    }
}
