//! The start screen: an invitation in the address opens it; otherwise the
//! questionnaires on this device and the demo.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::invite::InvitationFlow;
use super::{screen_path, StaffScreens};
use crate::core::instrument::Role;
use crate::core::links::{demo_invitation, invitation_fragment, link_kind, LinkKind};
use crate::core::questionnaire::{Progress, Questionnaire, Screen};
use crate::ui::browser;
use crate::ui::components::{SetAsideList, StorageStatus};
use crate::ui::state::{now, use_app_state};
use crate::ui::store;

/// One day in milliseconds, for "waiting for N days".
const DAY: u64 = 24 * 60 * 60 * 1000;

/// `/`: opens an invitation from the fragment, or lists what is on the device.
#[component]
pub fn Home() -> impl IntoView {
    let location = use_location();
    let fragment = Memo::new(move |_| location.hash.get().trim_start_matches('#').to_string());
    // Leaving for another route (the invitation's consent leads to the first
    // question) clears the fragment before this route is replaced: showing
    // the overview for that moment would fetch its chunk (issue 15) before
    // the first question.
    let here = Memo::new(move |_| location.pathname.get() == "/");
    move || {
        if !here.get() {
            return ().into_any();
        }
        let fragment = fragment.get();
        // Short fragments are in-page anchors (such as the skip link's
        // `#main`); anything longer was meant as a link and gets a verdict.
        let meant_as_link =
            link_kind(&fragment).is_some() && fragment.len() > 1 || fragment.len() >= 8;
        if meant_as_link && link_kind(&fragment) == Some(LinkKind::Study) {
            match use_context::<StaffScreens>() {
                Some(staff) => (staff.study_link)(fragment),
                // The citizen app: load the page again, and public/boot.js
                // starts the staff app for a study link.
                None => {
                    browser::reload();
                    view! { <p>{move || use_app_state().t("common.loading")}</p> }.into_any()
                }
            }
        } else if meant_as_link {
            view! { <InvitationFlow fragment=fragment/> }.into_any()
        } else {
            super::lazy::device_overview()
        }
    }
}

/// The questionnaires on this device and the demo invitation.
#[component]
pub(super) fn DeviceOverview() -> impl IntoView {
    let state = use_app_state();
    // Re-read when another window changes what is stored. A professional's
    // own forms belong to their workspace, not this list.
    let list = Memo::new(move |_| {
        state.storage_revision.track();
        let (list, _) = store::list_questionnaires();
        list.into_iter()
            .filter(|q| q.role == Role::Citizen)
            .collect::<Vec<_>>()
    });
    let demo_href = move || {
        format!(
            "/#{}",
            invitation_fragment(&demo_invitation(state.lang.get()))
        )
    };
    let rows = move || {
        list.get()
            .into_iter()
            .map(|q| view! { <QuestionnaireRow q=q/> })
            .collect_view()
    };
    let is_empty = move || list.with(Vec::is_empty);
    // A memo, so the storage panel (and its answer to "ask the browser")
    // stays put while the list changes.
    let has_stored = Memo::new(move |_| !is_empty());
    view! {
        <section class="home">
            <h1>{move || state.t("home.title")}</h1>
            <p class="lead">{move || state.t("app.tagline")}</p>
            <p>{move || state.t("home.intro")}</p>
            <SetAsideList/>
            <h2>{move || state.t("home.in_progress")}</h2>
            <ul class="card-list" data-testid="questionnaire-list">{rows}</ul>
            {move || is_empty().then(|| view! { <p class="empty-hint" data-testid="empty-hint">{move || state.t("home.none")}</p> })}
            // Nothing to keep yet: the warning about the browser deleting
            // answers would only alarm (issue 12).
            {move || has_stored.get().then(|| view! { <StorageStatus/> })}
            <section class="panel demo">
                <h2>{move || state.t("home.demo_title")}</h2>
                <p>{move || state.t("home.demo_text")}</p>
                <a href=demo_href class="button button-primary" data-testid="demo-invitation">{move || state.t("home.demo_button")}</a>
            </section>
            <section class="panel">
                <h2>{move || state.t("pro.home.title")}</h2>
                <p>{move || state.t("pro.home.text")}</p>
                <A href="/pro" attr:class="button" attr:data-testid="to-professional">{move || state.t("pro.home.button")}</A>
            </section>
            <p class="home-research">
                <A href="/research" attr:data-testid="to-research">{move || state.t("research.home_link")}</A>
            </p>
        </section>
    }
}

/// One questionnaire on the device, with a reminder when its answers have
/// waited long to be sent.
#[component]
fn QuestionnaireRow(q: Questionnaire) -> impl IntoView {
    let state = use_app_state();
    let href = screen_path(&q.id, q.screen);
    let status = match q.progress() {
        Progress::InProgress => "home.status.in_progress",
        Progress::Completed => "home.status.completed",
        Progress::Saved => "home.status.saved",
        Progress::Sent => "home.status.sent",
    };
    // A sent questionnaire is there to look at, not to go on with.
    let action = match q.progress() {
        Progress::Sent => "home.open",
        _ => "home.resume",
    };
    // Counted as the question screens count them ("Vraag 12 van 41").
    let answered = q.questions_answered().to_string();
    let total = q.question_count().to_string();
    let at = now();
    let reminder = q.needs_send_reminder(at).then(|| {
        let days = q
            .unsent_since()
            .map_or(0, |since| at.saturating_sub(since) / DAY)
            .to_string();
        let send = screen_path(&q.id, Screen::Send);
        view! {
            <div class="banner banner-error" data-testid="send-reminder">
                <p>{move || state.tw("storage.reminder", &[("days", &days)])}</p>
                <p><A href=send attr:class="button">{move || state.t("storage.reminder_link")}</A></p>
            </div>
        }
    });
    let inv = q.invitation.clone();
    let moment_key = inv.moment.label_key();
    view! {
        <li class="card" data-testid="questionnaire-row" data-id=q.id.to_string()>
            <h3>{inv.study.name.clone()}</h3>
            <p>
                {move || state.tw("respondent.label", &[("code", &inv.respondent)])}
                " · " {move || state.t(moment_key)}
                {inv.member.clone().map(|m| view! { " · " {move || state.member_label(&m)} })}
            </p>
            <p class="status" data-status=format!("{:?}", q.progress())>
                {move || state.t(status)} " · "
                {move || state.tw("home.answered", &[("n", &answered), ("total", &total)])}
            </p>
            {reminder}
            <A href=href attr:class="button" attr:data-testid="resume">{move || state.t(action)}</A>
        </li>
    }
}
