//! `/pro/:wid`: the workspace: key backup, respondents with their planning
//! at a glance, adding a respondent, and importing citizens' files.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::backup::WorkspaceBackup;
use super::calendar::CalendarButton;
use super::import::ImportBox;
use super::start::KeyBackupButton;
use super::StaffStoreError;
use super::{day, form_progress, respondent_path, use_target, with_workspace, WorkspaceHandle};
use crate::core::error::Problem;
use crate::core::professional::{next_moment, MomentStatus, NextMoment, Respondent, Step};
use crate::ui::components::{AnyProblem, ErrorPanel};
use crate::ui::state::{now, use_app_state};
use crate::ui::store::StoreError;

/// `/pro/:wid`.
#[component]
pub fn WorkspacePage() -> impl IntoView {
    let target = use_target();
    move || {
        let wid = target.with(|t| t.wid.clone());
        with_workspace(&wid, |handle| {
            view! { <Overview handle=handle/> }.into_any()
        })
    }
}

#[component]
fn Overview(handle: WorkspaceHandle) -> impl IntoView {
    let state = use_app_state();
    let ws = handle.ws;
    let study = move || ws.with(|w| w.study.name.clone());
    let name = move || ws.with(|w| w.display_name.clone());
    let public_key = move || ws.with(|w| w.public_key.clone());
    let backed_up = move || ws.with(|w| w.backed_up_at.is_some());
    view! {
        <section class="pro-workspace" data-testid="workspace">
            <p class="section-eyebrow">{study}</p>
            <h1 tabindex="-1">{move || state.t("pro.ws.title")}</h1>
            <p>{move || state.tw("pro.start.as_name", &[("name", &name())])}</p>
            {move || (!backed_up()).then(|| view! {
                <div class="panel panel-warning" role="alert" data-testid="backup-warning">
                    <p><strong>{state.t("pro.ws.no_backup")}</strong></p>
                    <p>{state.t("pro.create.key_loss")}</p>
                    <KeyBackupButton handle=handle primary=true/>
                </div>
            })}
            // The passphrase comes once the key backup exists: the backup
            // is the way back when the passphrase is forgotten.
            {move || backed_up().then(|| view! { <crate::ui::pages::LockOffer/> })}

            <h2>{move || state.t("pro.ws.respondents")}</h2>
            <AddRespondent handle=handle/>
            <RespondentList handle=handle/>
            {move || handle.ws.with(|w| !w.respondents.is_empty()).then(|| view! { <CalendarButton handle=handle/> })}

            <h2>{move || state.t("pro.import.title")}</h2>
            <p>{move || state.t("pro.import.intro")}</p>
            <ImportBox handle=handle/>

            <WorkspaceBackup handle=handle/>

            <details class="key-details">
                <summary>{move || state.t("pro.ws.key_title")}</summary>
                <p>{move || state.t("pro.backup.public_key")} " " <code class="key" data-testid="public-key">{public_key}</code></p>
                <p>{move || state.t("pro.ws.key_text")}</p>
                {move || backed_up().then(|| view! { <KeyBackupButton handle=handle/> })}
            </details>
        </section>
    }
}

/// A respondent added on screen whose save failed.
#[derive(Clone, Debug)]
struct NotSaved {
    code: String,
    store: StaffStoreError,
}

impl Problem for NotSaved {
    fn message_key(&self) -> &'static str {
        match self.store.0 {
            StoreError::Full => "pro.respondent.not_saved_full",
            _ => "pro.respondent.not_saved",
        }
    }

    fn hint_key(&self) -> &'static str {
        self.store.hint_key()
    }

    fn code(&self) -> &'static str {
        self.store.code()
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        vec![("code", self.code.clone())]
    }
}

crate::core::error::display_as_problem!(NotSaved);

/// A form to add a respondent by pseudonymous code.
#[component]
fn AddRespondent(handle: WorkspaceHandle) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AnyProblem>);
    let input = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let added = handle.change(|w| w.add_respondent(&code.get_untracked(), now()));
        // The save happened in the change: when it failed (storage full),
        // the respondent is on screen but not kept, and the person must
        // know that here, not find "workspace not found" on the next page.
        let not_saved = state.storage_problem.get_untracked().map(StaffStoreError);
        match (added, not_saved) {
            (Ok(added), Some(e)) => {
                error.set(Some(AnyProblem::from(NotSaved {
                    code: added.to_string(),
                    store: e,
                })));
            }
            (Ok(added), None) => {
                code.set(String::new());
                let wid = handle.ws.with_untracked(|w| w.id.clone());
                navigate(&respondent_path(&wid, &added), NavigateOptions::default());
            }
            (Err(e), _) => {
                error.set(Some(AnyProblem::from(e)));
                if let Some(i) = input.get() {
                    let _ = i.focus();
                }
            }
        }
    };
    view! {
        <form class="inline-form panel" on:submit=submit novalidate data-testid="add-respondent">
            <label for="respondent-code" class="field-label">{move || state.t("pro.respondent.code_label")}</label>
            <p class="item-hint" id="respondent-code-hint">{move || state.t("pro.respondent.code_hint")}</p>
            <div class="input-row">
                <input id="respondent-code" type="text" class="text-input" node_ref=input
                    data-testid="respondent-code" autocomplete="off" spellcheck="false" maxlength="40"
                    aria-describedby="respondent-code-hint respondent-code-error"
                    bind:value=code on:input=move |_| error.set(None)/>
                <button type="submit" class="button button-primary" data-testid="add-respondent-button">
                    {move || state.t("pro.respondent.add")}
                </button>
            </div>
            <p id="respondent-code-error" class="field-error" role="alert" data-testid="respondent-error">
                {move || error.get().map(|e| view! { <ErrorPanel error=e/> })}
            </p>
        </form>
    }
}

/// Every respondent with each household member's moments at a glance.
#[component]
fn RespondentList(handle: WorkspaceHandle) -> impl IntoView {
    let state = use_app_state();
    move || {
        let ws = handle.ws.get();
        if ws.respondents.is_empty() {
            return view! { <p class="empty-hint" data-testid="no-respondents">{state.t("pro.ws.none")}</p> }
                .into_any();
        }
        let at = now();
        let rows = ws
            .respondents
            .iter()
            .map(|r| {
                let people = person_plans(&ws, r, at);
                let href = respondent_path(&ws.id, &r.code);
                let label = state.tw("respondent.label", &[("code", &r.code)]);
                let people = people
                    .into_iter()
                    .map(|(member, statuses, next)| {
                        let data_member = member.clone().unwrap_or_default();
                        let name = member.map(|m| state.member_label(&m));
                        view! {
                            <div class="person-plan" data-member=data_member>
                                {name.map(|n| view! { <p class="person-name">{n}</p> })}
                                <MomentChips statuses=statuses/>
                                <NextLine next=next/>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="card respondent-card" data-testid="respondent-row" data-code=r.code.to_string()>
                        <h3><A href=href attr:data-testid="open-respondent">{label}</A></h3>
                        {people}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="card-list" data-testid="respondent-list">{rows}</ul> }.into_any()
    }
}

/// Statuses and next moment of every person in a respondent's household.
pub(super) fn person_plans(
    ws: &crate::core::professional::Workspace,
    r: &Respondent,
    now: crate::core::util::Millis,
) -> Vec<(Option<String>, Vec<MomentStatus>, Option<NextMoment>)> {
    r.people()
        .into_iter()
        .map(|member| {
            let statuses = ws.statuses(&r.code, member.as_deref(), form_progress);
            let next = next_moment(&statuses, now);
            (member, statuses, next)
        })
        .collect()
}

/// T0, T1 and T2 side by side, each with the furthest step reached.
#[component]
pub(super) fn MomentChips(statuses: Vec<MomentStatus>) -> impl IntoView {
    let state = use_app_state();
    let chips = statuses
        .into_iter()
        .map(|s| {
            let steps = s.steps();
            let codes = steps.iter().map(|x| x.code()).collect::<Vec<_>>().join(" ");
            let text = if steps.is_empty() {
                state.tw(
                    "pro.plan.planned",
                    &[("date", &day(state.lang.get(), s.due_at))],
                )
            } else {
                steps
                    .iter()
                    .map(|x| state.t(x.label_key()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let complete = s.has(Step::CitizenAnswered) && s.has(Step::ProfessionalAnswered);
            view! {
                <li class="moment-chip" class:complete=complete class:started=s.started()
                    data-testid=format!("chip-{}", s.moment.code()) data-steps=codes>
                    <strong>{s.moment.code()}</strong>" "<span>{text}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="moment-chips">{chips}</ol> }
}

/// "Next: T1, due now (2027-07-05)", with a word when what is left is the
/// professional's own form; or that all three forms are finished.
#[component]
pub(super) fn NextLine(next: Option<NextMoment>) -> impl IntoView {
    let state = use_app_state();
    match next {
        Some(n) => view! {
            <p class=format!("next-moment urgency-{}", n.urgency.code()) data-testid="next-moment"
                data-moment=n.moment.code() data-urgency=n.urgency.code()>
                {state.tw("pro.plan.next", &[
                    ("moment", n.moment.code()),
                    ("status", &state.t(n.urgency.label_key())),
                    ("date", &day(state.lang.get(), n.due_at)),
                ])}
                // A sentence of its own, on a line of its own: run on, it read
                // "… 2 december 2026 Uw eigen lijst …".
                {n.started.then(|| view! {
                    <span class="next-moment-own" data-testid="own-form-open">{state.tw("pro.plan.own_form_open", &[("moment", n.moment.code())])}</span>
                })}
            </p>
        }
        .into_any(),
        None => view! {
            <p class="next-moment" data-testid="next-moment" data-moment="">{state.t("pro.plan.all_started")}</p>
        }
        .into_any(),
    }
}
