//! The professional's screens: the workspace of a study, respondents and
//! their moments, invitations with a QR code, importing citizens' files and
//! the two pictures side by side. The professional's own form reuses the
//! question, review and send screens (`/q/:qid/…`) with role `Professional`.

mod backup;
mod calendar;
mod compare;
mod import;
mod invitation;
mod plan;
mod respondent;
mod say;
mod start;
mod together;
mod workspace;

pub use backup::start_auto_backup;
pub(crate) use backup::{apply as apply_restore, RestoreReport};
pub use compare::ComparePage;
pub use invitation::InvitationPage;
pub use plan::PlanPage;
pub use respondent::RespondentPage;
pub use say::TogetherPage;
pub use start::{ProStart, StudyLinkFlow};
pub use together::TogetherConsentPage;
pub use workspace::WorkspacePage;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::core::error::Problem;
use crate::core::i18n::Lang;
use crate::core::ids::normalize_respondent_code;
use crate::core::instrument::{Moment, Role};
use crate::core::professional::{import_key, workspace_id, workspace_key, ImportedForm, Workspace};
use crate::core::questionnaire::{MigrateError, Progress, Questionnaire};
use crate::core::util::Millis;
use crate::ui::autosave::{self, Autosaved};
use crate::ui::components::{AnyProblem, ErrorPanel, ScreenError};
use crate::ui::state::{use_app_state, AppState};
use crate::ui::store::{self, Loaded, LoadedRecord, StoreError};

/// The open workspace, saved the moment it changes like every record
/// (`ui::autosave`): a save merges what another window stored, and what
/// another window saves shows here too.
#[derive(Clone, Copy)]
pub struct WorkspaceHandle {
    /// The workspace; the source of truth while the screen is open.
    pub ws: RwSignal<Workspace>,
    record: Autosaved<Workspace>,
}

impl WorkspaceHandle {
    fn new(ws: Workspace, state: AppState) -> Self {
        let record = Autosaved::new(workspace_key(&ws.id), ws, state);
        WorkspaceHandle {
            ws: record.value,
            record,
        }
    }

    /// Changes the workspace and saves it at once; a failed save is shown
    /// by the app frame, and the change stays on screen.
    pub fn change<R>(&self, f: impl FnOnce(&mut Workspace) -> R) -> R {
        self.record.update(f)
    }

    /// The workspace's address.
    pub fn path(&self) -> String {
        workspace_path(&self.ws.with_untracked(|w| w.id.clone()))
    }
}

/// Saves a new workspace and reports the outcome (merging, like every
/// save, with one another window may have stored with the same key pair).
fn save_workspace(state: AppState, ws: &Workspace) {
    autosave::save(state, &workspace_key(&ws.id), &mut ws.clone());
}

/// Moves the stored records of a respondent's people after a rename
/// (`before` and `after` from [`Workspace::person_records`], in the same
/// order): the professional's own forms, the imported citizens' forms and,
/// for a new respondent code, the support plan. Each is written under its
/// new key before the old one is deleted, so a failed write loses nothing.
/// The imported files themselves are kept as they came: what was sent
/// keeps its old label.
fn move_person_records(
    state: AppState,
    wid: &crate::core::ids::WorkspaceId,
    codes: (&str, &str),
    before: &[PersonRecords],
    after: &[PersonRecords],
) {
    use crate::core::plan::{plan_key, Plan};
    for (old, new) in before.iter().zip(after) {
        if old.2 != new.2 {
            if let Loaded::Found(mut q) = store::load_questionnaire(&old.2) {
                q.id = new.2.clone();
                q.invitation.respondent = codes.1.into();
                q.invitation.member = new.0.clone();
                let saved = store::save_questionnaire(&q);
                if saved.is_ok() {
                    store::delete_questionnaire(&old.2);
                }
                state.report(saved);
            }
        }
        if old.3 != new.3 {
            if let LoadedRecord::Found(form) =
                store::load_record::<ImportedForm>(&import_key(&old.3))
            {
                let saved = store::save_record(&import_key(&new.3), &form);
                if saved.is_ok() {
                    store::delete_record(&import_key(&old.3));
                }
                state.report(saved);
            }
        }
    }
    if codes.0 != codes.1 {
        let (from, to) = (
            plan_key(wid, &codes.0.into()),
            plan_key(wid, &codes.1.into()),
        );
        if let LoadedRecord::Found(mut plan) = store::load_record::<Plan>(&from) {
            plan.respondent = codes.1.into();
            let saved = store::save_merged_record(&to, &mut plan).map(|_| ());
            if saved.is_ok() {
                store::delete_record(&from);
            }
            state.report(saved);
        }
    }
}

/// One person's moment with the ids of its stored records (see
/// [`Workspace::person_records`]).
type PersonRecords = (
    Option<String>,
    Moment,
    crate::core::ids::QuestionnaireId,
    crate::core::ids::QuestionnaireId,
);

/// `/pro/<wid>`.
pub fn workspace_path(wid: &str) -> String {
    format!("/pro/{wid}")
}

/// `/pro/<wid>/r/<code>`.
pub fn respondent_path(wid: &str, code: &str) -> String {
    format!("/pro/{wid}/r/{code}")
}

/// The query naming a moment and an optional household member.
fn moment_query(moment: Moment, member: Option<&str>) -> String {
    let mut query = format!("?m={}", moment.code());
    if let Some(m) = member {
        query.push_str("&h=");
        query.push_str(&String::from(js_sys::encode_uri_component(m)));
    }
    query
}

/// Where the send screen of a professional's form leads back to: the
/// respondent's page in the workspace. `None` for a citizen's form.
pub fn return_path(q: &Questionnaire) -> Option<String> {
    (q.role == Role::Professional)
        .then(|| respondent_path(&workspace_id(&q.invitation.study), &q.invitation.respondent))
}

/// Where a citizen's form filled in together on this device is finished:
/// the professional's page that makes its file and imports it (issue 13).
pub fn together_path(q: &Questionnaire) -> String {
    let inv = &q.invitation;
    format!(
        "{}/together{}",
        respondent_path(&workspace_id(&inv.study), &inv.respondent),
        moment_query(inv.moment, inv.member.as_deref())
    )
}

/// Where a citizen's form filled in together on this device starts: the
/// consent screen, read with the citizen (issue 13).
pub fn together_consent_path(q: &Questionnaire) -> String {
    let inv = &q.invitation;
    format!(
        "{}/together/consent{}",
        respondent_path(&workspace_id(&inv.study), &inv.respondent),
        moment_query(inv.moment, inv.member.as_deref())
    )
}

/// The support plan of the respondent of a professional's form, as stored
/// in the workspace of its study (`None` for a citizen's form, or when
/// there is no readable plan).
pub fn respondent_plan(q: &Questionnaire) -> Option<crate::core::plan::Plan> {
    if q.role != Role::Professional {
        return None;
    }
    let key =
        crate::core::plan::plan_key(&workspace_id(&q.invitation.study), &q.invitation.respondent);
    match store::load_record(&key) {
        LoadedRecord::Found(plan) => Some(plan),
        _ => None,
    }
}

/// The progress of the professional's form `id`, if it was started.
fn form_progress(id: &str) -> Option<Progress> {
    match store::load_questionnaire(id) {
        Loaded::Found(q) => Some(q.progress()),
        _ => None,
    }
}

/// Every workspace on this device, oldest first.
pub(crate) fn list_workspaces() -> Vec<Workspace> {
    let mut list: Vec<Workspace> = store::record_keys(crate::core::professional::WORKSPACE_PREFIX)
        .iter()
        .filter_map(|key| match store::load_record(key) {
            LoadedRecord::Found(ws) => Some(ws),
            _ => None,
        })
        .collect();
    list.sort_by_key(|w: &Workspace| w.created_at);
    list
}

/// A date for people, in words ("2 december 2026"), as the citizen's
/// screens write it; files and date fields keep `YYYY-MM-DD`. Held together
/// by non-breaking spaces: in a narrow moment chip a line break inside the
/// date ("2 / december 2026") read badly.
fn day(lang: Lang, at: Millis) -> String {
    crate::core::i18n::long_date(lang, at).replace(' ', "\u{a0}")
}

/// What a route's parameters name: workspace, respondent, moment, member.
#[derive(Clone, Debug, PartialEq)]
struct Target {
    wid: String,
    code: String,
    moment: Moment,
    member: Option<String>,
}

/// Reads `:wid`, `:code`, `?m=` and `?h=` (reactive).
fn use_target() -> Memo<Target> {
    let params = use_params_map();
    let query = use_query_map();
    Memo::new(move |_| {
        let params = params.read();
        let query = query.read();
        Target {
            wid: params.get("wid").unwrap_or_default(),
            // An address typed or kept with "r-0107" opens "R-0107".
            code: params
                .get("code")
                .map(|c| normalize_respondent_code(&c))
                .unwrap_or_default(),
            moment: query
                .get("m")
                .and_then(|m| Moment::from_code(&m))
                .unwrap_or(Moment::T0),
            member: query.get("h").filter(|h| !h.is_empty()),
        }
    })
}

/// Loads workspace `wid` and shows `body` with it, or says why it cannot.
fn with_workspace(wid: &str, body: impl FnOnce(WorkspaceHandle) -> AnyView) -> AnyView {
    let state = use_app_state();
    match store::load_record::<Workspace>(&workspace_key(&wid.into())) {
        LoadedRecord::Found(ws) => body(WorkspaceHandle::new(ws, state)),
        LoadedRecord::Absent => missing_view(ScreenError::NoWorkspace),
        // Not "not found": it is there, set aside.
        LoadedRecord::Quarantined(MigrateError::TooLarge) => {
            problem_view("pro.storage.too_large_title", WorkspaceTooLarge.into())
        }
        LoadedRecord::Quarantined(_) => missing_view(ScreenError::WorkspaceUnreadable),
    }
}

/// Loads the workspace of `target` and shows `body` for its respondent, or
/// says why it cannot (no workspace, or no such respondent in it).
fn with_respondent(
    target: Target,
    body: impl FnOnce(WorkspaceHandle, Target) -> AnyView,
) -> AnyView {
    with_workspace(&target.wid.clone(), move |handle| {
        if handle
            .ws
            .with_untracked(|w| w.respondent(&target.code).is_none())
        {
            return missing_view(ScreenError::NoRespondent);
        }
        body(handle, target)
    })
}

/// The message when a workspace or respondent is not on this device.
fn missing_view(error: ScreenError) -> AnyView {
    problem_view("pro.ws.missing_title", error.into())
}

/// A message that takes the screen, with the way back to the start.
fn problem_view(title_key: &'static str, error: AnyProblem) -> AnyView {
    let state = use_app_state();
    view! {
        <ErrorPanel title_key=title_key error=error>
            <p><A href="/pro" attr:class="button">{move || state.t("pro.start.title")}</A></p>
        </ErrorPanel>
    }
    .into_any()
}

/// Catalogue key of a moment's name in the professional's words ("Intake").
fn moment_key(moment: Moment) -> &'static str {
    match moment {
        Moment::T0 => "pro.moment.T0",
        Moment::T1 => "pro.moment.T1",
        Moment::T2 => "pro.moment.T2",
    }
}

/// A line naming the respondent, member and moment, for headings.
fn who_when(state: AppState, code: &str, member: Option<&str>, moment: Moment) -> String {
    let mut text = state.tw("respondent.label", &[("code", code)]);
    if let Some(m) = member {
        text.push_str(" · ");
        text.push_str(&state.member_label(m));
    }
    text.push_str(" · ");
    text.push_str(&format!(
        "{} ({})",
        state.t(moment_key(moment)),
        moment.code()
    ));
    text
}

/// A failed save on a staff screen (a workspace, the researcher's data),
/// told in staff words: the citizen's sentence speaks of "your last
/// answer", which a professional adding a respondent did not give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaffStoreError(pub StoreError);

impl Problem for StaffStoreError {
    fn message_key(&self) -> &'static str {
        match self.0 {
            StoreError::Full => "pro.storage.full",
            StoreError::Unavailable => "pro.storage.unavailable",
            _ => "pro.storage.other",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self.0 {
            StoreError::Full => "pro.storage.full_hint",
            StoreError::Unavailable => "pro.storage.unavailable_hint",
            _ => "pro.storage.other_hint",
        }
    }

    fn code(&self) -> &'static str {
        self.0.code()
    }
}

crate::core::error::display_as_problem!(StaffStoreError);

/// The stored workspace was far larger than Balans ever writes (issue 14):
/// set aside unread, told in staff words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkspaceTooLarge;

impl Problem for WorkspaceTooLarge {
    fn message_key(&self) -> &'static str {
        "pro.storage.too_large"
    }

    fn hint_key(&self) -> &'static str {
        "pro.storage.too_large_hint"
    }

    fn code(&self) -> &'static str {
        "workspace_too_large"
    }
}

crate::core::error::display_as_problem!(WorkspaceTooLarge);
