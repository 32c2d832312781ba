//! Sending: the answers encrypted with age to every reader, through the share
//! sheet or as a download; and deleting them from the device.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::invite::Readers;
use super::{
    not_open_view, professional_return_path, respondent_plan, use_open_questionnaire, Gate,
};
use crate::core::exchange::{encrypt, Envelope};
use crate::core::i18n::long_date;
use crate::core::instrument::Role;
use crate::core::questionnaire::Screen;
use crate::ui::browser::{self, DownloadOptions, ShareError};
use crate::ui::components::ConfirmButtons;
use crate::ui::state::{now, use_app_state, AppState};
use crate::ui::store;

/// MIME type of an armored age file.
const AGE_MIME: &str = "application/octet-stream";

#[derive(Clone, Debug, PartialEq, Eq)]
enum SendStatus {
    Idle,
    Working,
    Done(String),
    Cancelled,
    Failed,
}

/// `/q/:qid/send`.
#[component]
pub fn SendPage() -> impl IntoView {
    let (_, gate) = use_open_questionnaire();
    move || match gate.get() {
        Gate::Open => view! { <Send/> }.into_any(),
        other => not_open_view(other),
    }
}

/// The encrypted export of the open questionnaire and its file name.
fn make_export(state: AppState) -> Option<Result<(String, String), ()>> {
    let q = state.current.get_untracked()?;
    // A professional's form carries the respondent's support plan as it is now.
    let envelope =
        Envelope::of(&q, state.lang.get_untracked(), now()).with_plan(respondent_plan(&q).as_ref());
    Some(
        encrypt(&envelope, &q.invitation.recipients())
            .map(|armored| (armored, envelope.file_name()))
            .map_err(|_| ()),
    )
}

fn mark_sent(state: AppState) {
    state.change(|q| {
        let at = now();
        q.sent_at.push(at);
        if q.completed_at.is_none() {
            q.completed_at = Some(at);
        }
    });
}

#[component]
fn Send() -> impl IntoView {
    let state = use_app_state();
    state.change(|q| q.screen = Screen::Send);
    let status = RwSignal::new(SendStatus::Idle);
    let can_share = browser::can_share_files();
    let Some(q) = state.current.get_untracked() else {
        return ().into_any();
    };
    let with_professional = q.invitation.professional_key.is_some();
    // A professional's own form: other words, and back to their workspace.
    let back_href = professional_return_path(&q).unwrap_or_else(|| "/".to_string());
    let professional = q.role == Role::Professional;
    let study = q.invitation.study.name.clone();
    let last_sent = Memo::new(move |_| {
        state
            .current
            .with(|c| c.as_ref().and_then(|q| q.sent_at.last().copied()))
    });

    let download = move |_| {
        status.set(SendStatus::Working);
        match make_export(state) {
            Some(Ok((armored, name))) => {
                match browser::download(&armored, &name, DownloadOptions::default().mime(AGE_MIME))
                {
                    Ok(()) => {
                        mark_sent(state);
                        status.set(SendStatus::Done(name));
                    }
                    Err(_) => status.set(SendStatus::Failed),
                }
            }
            _ => status.set(SendStatus::Failed),
        }
    };
    let share = move |_| {
        status.set(SendStatus::Working);
        let Some(Ok((armored, name))) = make_export(state) else {
            status.set(SendStatus::Failed);
            return;
        };
        spawn_local(async move {
            match browser::share_file(&armored, &name, AGE_MIME).await {
                Ok(()) => {
                    mark_sent(state);
                    status.set(SendStatus::Done(name));
                }
                Err(ShareError::Cancelled) => status.set(SendStatus::Cancelled),
                Err(_) => status.set(SendStatus::Failed),
            }
        });
    };

    view! {
        <section class="send">
            <h1 tabindex="-1">{move || state.t("send.title")}</h1>
            {if professional {
                // Counted when the screen opens: the plan is edited elsewhere.
                let plan = respondent_plan(&q).filter(|p| !p.is_empty());
                let goals = plan.as_ref().map_or(0, |p| p.goals().count());
                let steps = plan.as_ref().map_or(0, |p| p.steps().count());
                view! {
                    <p>{move || state.tw("pro.send.text", &[("study", &study)])}</p>
                    <p data-testid="send-plan" data-goals=goals data-steps=steps>{move || if plan.is_some() {
                        state.tw("plan.send.with", &[("goals", &goals.to_string()), ("steps", &steps.to_string())])
                    } else {
                        state.t("plan.send.without")
                    }}</p>
                    <p>{move || state.t("pro.send.how")}</p>
                }.into_any()
            } else {
                view! {
                    <p>{move || state.t("send.text")}
                        {with_professional.then(|| view! { " " {move || state.t("send.text_professional")} })}
                    </p>
                    <Readers invitation=q.invitation.clone()/>
                    <p>{move || state.t("send.how")}</p>
                }.into_any()
            }}
            {move || last_sent.get().map(|at| view! {
                <p class="banner banner-info" data-testid="sent-before">
                    {move || state.tw("send.sent_before", &[("date", &long_date(state.lang.get(), at))])}
                </p>
            })}
            <div class="send-actions">
                {can_share.then(|| view! {
                    <button type="button" class="button button-primary" data-testid="share" on:click=share
                        disabled=move || status.get() == SendStatus::Working>
                        {move || state.t("send.share")}
                    </button>
                })}
                <button type="button" class="button" class:button-primary=!can_share data-testid="download"
                    on:click=download disabled=move || status.get() == SendStatus::Working>
                    {move || state.t("send.download")}
                </button>
            </div>
            <div role="status" aria-live="polite" data-testid="send-status">
                {move || match status.get() {
                    SendStatus::Idle => None,
                    SendStatus::Working => Some(view! { <p>{state.t("send.working")}</p> }.into_any()),
                    SendStatus::Done(file) => Some(view! {
                        <p class="banner banner-success" data-testid="send-done">{state.tw("send.done", &[("file", &file)])}</p>
                    }.into_any()),
                    SendStatus::Cancelled => Some(view! { <p class="banner banner-info">{state.t("send.share_cancelled")}</p> }.into_any()),
                    SendStatus::Failed => Some(view! {
                        <div class="banner banner-error" role="alert">
                            <p><strong>{state.t("send.error")}</strong></p>
                            <p>{state.t("send.error_hint")}</p>
                        </div>
                    }.into_any()),
                }}
            </div>
            <p><A href=back_href attr:class="button" attr:data-testid="send-back">{move || state.t(if professional { "pro.ws.back" } else { "send.back_home" })}</A></p>
            <DeleteAnswers/>
        </section>
    }
    .into_any()
}

/// "Delete my answers from this device", after a confirmation.
#[component]
fn DeleteAnswers() -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let confirm_heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if confirming.get() {
            if let Some(h) = confirm_heading.get() {
                let _ = h.focus();
            }
        }
    });
    let delete = move || {
        if let Some(id) = state
            .current
            .with_untracked(|c| c.as_ref().map(|q| q.id.clone()))
        {
            store::delete_questionnaire(&id);
        }
        state.current.set(None);
        state.notice.set(Some("delete.done"));
        navigate("/", NavigateOptions::default());
    };
    view! {
        <section class="danger-zone">
            {move || if confirming.get() {
                view! {
                    <div class="panel panel-warning" role="alertdialog" aria-labelledby="delete-title" aria-describedby="delete-text" data-testid="delete-confirm">
                        <h2 id="delete-title" tabindex="-1" node_ref=confirm_heading>{state.t("delete.confirm_title")}</h2>
                        <p id="delete-text">{state.t("delete.confirm_text")}</p>
                        <ConfirmButtons no_key="delete.no" yes_key="delete.yes" testid="delete"
                            on_no=move || confirming.set(false) on_yes=delete.clone()/>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button-danger-outline" data-testid="delete" on:click=move |_| confirming.set(true)>
                        {state.t("delete.button")}
                    </button>
                }.into_any()
            }}
        </section>
    }
}
