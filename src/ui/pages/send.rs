//! Sending: the answers encrypted with age to every reader, through the share
//! sheet or saved as a file; and deleting them from the device.
//!
//! Saving a file is not sending it (issue 12): a saved file is recorded as
//! saved, and the screen says so and guides the actual sending (the share
//! sheet, or an e-mail to the study's contact with the file attached by hand)
//! until the person says they sent it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::invite::Readers;
use super::{
    not_open_view, professional_return_path, respondent_plan, together_path,
    use_open_questionnaire, Gate,
};
use crate::core::exchange::Envelope;
use crate::core::i18n::long_date;
use crate::core::instrument::{FormText, Role};
use crate::core::questionnaire::Screen;
use crate::core::util::{mailto, Millis};
use crate::ui::browser::{self, DownloadOptions, ShareError};
use crate::ui::components::{AnyProblem, ConfirmButtons, ErrorPanel, ScreenError};
use crate::ui::state::{now, use_app_state, AppState};
use crate::ui::store;

/// MIME type of an armored age file.
const AGE_MIME: &str = "application/octet-stream";

/// A second tap this soon after a save is the rest of a double tap, not a
/// wish for a second file (issue 12: a double tap saved two files).
const DOUBLE_TAP: Millis = 1_500;

#[derive(Clone, Debug, PartialEq, Eq)]
enum SendStatus {
    Idle,
    Working,
    /// Sent: the share sheet took the file, or the person said they sent it.
    Sent,
    /// Saved on the device; the saved-file panel says what comes next.
    Saved,
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
async fn make_export(state: AppState) -> Result<(String, String), AnyProblem> {
    let q = state
        .current
        .get_untracked()
        .ok_or(ScreenError::NoQuestionnaire)?;
    // A professional's form carries the respondent's support plan as it is now.
    let envelope =
        Envelope::of(&q, state.lang.get_untracked(), now()).with_plan(respondent_plan(&q).as_ref());
    let armored = browser::seal(&envelope.plaintext(), &q.invitation.recipients()).await?;
    Ok((armored, envelope.file_name()))
}

#[component]
fn Send() -> impl IntoView {
    let state = use_app_state();
    state.change(|q| q.screen = Screen::Send);
    let status = RwSignal::new(SendStatus::Idle);
    // Why the last attempt failed, shown with its hint by the error panel.
    let failure = RwSignal::new(None::<AnyProblem>);
    let can_share = browser::can_share_files();
    let Some(q) = state.current.get_untracked() else {
        return ().into_any();
    };
    // Filled in together on the professional's device (issue 13): the file
    // is made on the professional's screen, which also imports it.
    if state.transient.get_untracked().as_deref() == Some(q.id.as_str()) {
        let finish = together_path(&q);
        return view! {
            <section class="send">
                <h1 tabindex="-1">{move || state.t("send.title")}</h1>
                <p class="banner banner-info">{move || state.t("together.banner")}</p>
                <p><A href=finish attr:class="button button-primary" attr:data-testid="together-finish">
                    {move || state.t("together.finish")}
                </A></p>
            </section>
        }
        .into_any();
    }
    let with_professional = q.invitation.professional_key.is_some();
    // A professional's own form: other words, and back to their workspace.
    let back_href = professional_return_path(&q).unwrap_or_else(|| "/".to_string());
    let professional = q.role == Role::Professional;
    let study = q.invitation.study.name.clone();
    // Shown only while no saved file waits to be sent: then the saved-file
    // panel speaks instead.
    let last_sent = Memo::new(move |_| {
        state.current.with(|c| {
            c.as_ref()
                .filter(|q| q.saved_not_sent().is_none())
                .and_then(|q| q.sent_at.iter().max().copied())
        })
    });
    let saved_waiting = Memo::new(move |_| {
        state
            .current
            .with(|c| c.as_ref().and_then(|q| q.saved_not_sent()))
    });
    let last_save = StoredValue::new(None::<Millis>);

    let download = move |_| {
        let at = now();
        if last_save
            .get_value()
            .is_some_and(|last| at.saturating_sub(last) < DOUBLE_TAP)
        {
            return;
        }
        status.set(SendStatus::Working);
        spawn_local(async move {
            let saved = make_export(state).await.and_then(|(armored, name)| {
                browser::download(&armored, &name, DownloadOptions::default().mime(AGE_MIME))
                    .map_err(AnyProblem::from)
            });
            match saved {
                Ok(()) => {
                    last_save.set_value(Some(at));
                    state.change(|q| q.record_saved(at));
                    status.set(SendStatus::Saved);
                }
                Err(problem) => {
                    failure.set(Some(problem));
                    status.set(SendStatus::Failed);
                }
            }
        });
    };
    let share = move |_| {
        status.set(SendStatus::Working);
        spawn_local(async move {
            // The module is loaded well before this screen, so the seal
            // resolves at once and the tap still counts as the person's own
            // for the share sheet.
            let (armored, name) = match make_export(state).await {
                Ok(made) => made,
                Err(problem) => {
                    failure.set(Some(problem));
                    status.set(SendStatus::Failed);
                    return;
                }
            };
            match browser::share_file(&armored, &name, AGE_MIME).await {
                Ok(()) => {
                    state.change(|q| q.record_sent(now()));
                    status.set(SendStatus::Sent);
                }
                Err(ShareError::Cancelled) => status.set(SendStatus::Cancelled),
                Err(problem) => {
                    failure.set(Some(problem.into()));
                    status.set(SendStatus::Failed);
                }
            }
        });
    };

    view! {
        <section class="send">
            <h1 tabindex="-1">{move || state.t(FormText::SendTitle.key(q.role))}</h1>
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
                // One sentence names every reader (issue 12: with a
                // professional the screen said both "only the researcher" and
                // "the researcher and your professional").
                // A study with more keys has more readers on its side
                // (issue 14): "the researchers".
                let more_keys = !q.invitation.study.more_keys.is_empty();
                let readers_key = match (more_keys, with_professional) {
                    (false, false) => "send.text",
                    (false, true) => "send.text_professional",
                    (true, false) => "send.text_researchers",
                    (true, true) => "send.text_researchers_professional",
                };
                view! {
                    <p data-testid="send-readers">{move || state.t(readers_key)}</p>
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
                    SendStatus::Sent => Some(view! {
                        <p class="banner banner-success" data-testid="send-done">{state.t("send.done")}</p>
                    }.into_any()),
                    SendStatus::Saved => None,
                    SendStatus::Cancelled => Some(view! { <p class="banner banner-info">{state.t("send.share_cancelled")}</p> }.into_any()),
                    SendStatus::Failed => failure.get().map(|problem| view! {
                        <div class="banner banner-error" role="alert">
                            <p><ErrorPanel error=problem testid="send-error"/></p>
                        </div>
                    }.into_any()),
                }}
            </div>
            {move || saved_waiting.get().map(|_| view! { <SavedNotSent can_share=can_share status=status/> })}
            <p><A href=back_href attr:class="button" attr:data-testid="send-back">{move || state.t(if professional { "pro.ws.back" } else { "send.back_home" })}</A></p>
            <DeleteAnswers/>
        </section>
    }
    .into_any()
}

/// A saved file that still waits to be sent: says so, where the file is and
/// what to do next, and takes the person's word that they sent it.
#[component]
fn SavedNotSent(
    /// Whether the share sheet can send the file (then that is the next step).
    can_share: bool,
    /// The send screen's status, set to sent when the person confirms.
    status: RwSignal<SendStatus>,
) -> impl IntoView {
    let state = use_app_state();
    let Some(q) = state.current.get_untracked() else {
        return ().into_any();
    };
    // The name the file was saved under: the same for every export of this
    // questionnaire, so it is known after a reload too.
    let file = Envelope::of(&q, state.lang.get_untracked(), now()).file_name();
    let contact = q.invitation.study.contact.clone();
    let study = q.invitation.study.name.clone();
    let next = if can_share {
        view! { <p>{move || state.t("send.next_share")}</p> }.into_any()
    } else {
        let mail = {
            let (contact, study, file) = (contact.clone(), study.clone(), file.clone());
            move || {
                mailto(
                    &contact,
                    &state.tw("send.mail_subject", &[("study", &study)]),
                    &state.tw("send.mail_body", &[("file", &file)]),
                )
            }
        };
        match mail() {
            Some(_) => view! {
                <p>{move || state.tw("send.next_mail", &[("contact", &contact)])}</p>
                <p><a class="button button-primary" data-testid="send-mail" href=move || mail().unwrap_or_default()>
                    {move || state.t("send.mail_button")}
                </a></p>
            }
            .into_any(),
            None => view! { <p>{move || state.tw("send.next_contact", &[("contact", &contact)])}</p> }.into_any(),
        }
    };
    let confirm = move |_| {
        state.change(|q| q.record_sent(now()));
        status.set(SendStatus::Sent);
    };
    view! {
        <section class="panel panel-warning" data-testid="send-saved" aria-labelledby="send-saved-title">
            <h2 id="send-saved-title">{move || state.t("send.saved")}</h2>
            <p data-testid="send-saved-file">{move || state.tw("send.saved_where", &[("file", &file)])}</p>
            {next}
            <p><button type="button" class="button" data-testid="confirm-sent" on:click=confirm>
                {move || state.t("send.confirm_sent")}
            </button></p>
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
