//! `/pro/:wid/r/:code`: one respondent: each household member's moments
//! with every step and its date, and what to do next for each moment:
//! invite, fill in the professional's form, compare. Also adding household
//! members and importing the citizen's files.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::calendar::CalendarButton;
use super::import::ImportBox;
use super::workspace::{person_plans, NextLine};
use super::{
    day, moment_key, moment_query, respondent_path, use_target, with_respondent, WorkspaceHandle,
};
use crate::core::instrument::Role;
use crate::core::professional::{MemberError, MomentStatus, Step};
use crate::core::questionnaire::{Progress, Questionnaire};
use crate::ui::components::ErrorPanel;
use crate::ui::pages::research::tr;
use crate::ui::pages::screen_path;
use crate::ui::state::{now, use_app_state};
use crate::ui::store::{self, Loaded};

/// `/pro/:wid/r/:code`.
#[component]
pub fn RespondentPage() -> impl IntoView {
    let target = use_target();
    move || {
        with_respondent(target.get(), |handle, target| {
            view! { <RespondentView handle=handle code=target.code/> }.into_any()
        })
    }
}

#[component]
fn RespondentView(handle: WorkspaceHandle, code: String) -> impl IntoView {
    let state = use_app_state();
    let code = StoredValue::new(code);
    let people = move || {
        let ws = handle.ws.get();
        // The page checked the respondent exists when it opened, but another
        // window may remove it from the stored workspace since: then there
        // is nobody to show, rather than a stopped page.
        let r = ws.respondent(&code.get_value())?.clone();
        let people = person_plans(&ws, &r, now())
            .into_iter()
            .map(|(member, statuses, next)| {
                let title = match &member {
                    Some(m) => state.tw("member.label", &[("member", m)]),
                    None => state.t("pro.respondent.main"),
                };
                view! {
                    <section class="card person" data-testid="person" data-member=member.clone().unwrap_or_default()>
                        <h2>{title}</h2>
                        <NextLine next=next/>
                        <ol class="moment-list">
                            {statuses.into_iter().map(|s| view! {
                                <MomentCard handle=handle code=code.get_value() member=member.clone() status=s/>
                            }).collect_view()}
                        </ol>
                    </section>
                }
            })
            .collect_view();
        Some(people)
    };
    view! {
        <section class="pro-respondent" data-testid="respondent-page" data-code=code.get_value()>
            <p><A href=handle.path() attr:data-testid="back-to-workspace">{move || state.t("pro.ws.back")}</A></p>
            <h1 tabindex="-1">{move || state.tw("respondent.label", &[("code", &code.get_value())])}</h1>
            <p>
                <A href=format!("{}/plan", respondent_path(&handle.ws.with_untracked(|w| w.id.clone()), &code.get_value()))
                    attr:class="button" attr:data-testid="open-plan">{tr(state, "plan.open")}</A>
            </p>
            {people}
            <CalendarButton handle=handle code=code.get_value()/>
            <AddMember handle=handle code=code.get_value()/>
            <h2>{move || state.t("pro.import.title")}</h2>
            <p>{move || state.t("pro.import.intro_respondent")}</p>
            <ImportBox handle=handle expected=code.get_value()/>
        </section>
    }
}

/// One moment of one person: each step with its date, and the actions.
#[component]
fn MomentCard(
    handle: WorkspaceHandle,
    code: String,
    member: Option<String>,
    status: MomentStatus,
) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let moment = status.moment;
    let wid = handle.ws.with_untracked(|w| w.id.clone());
    let query = moment_query(moment, member.as_deref());
    let base = respondent_path(&wid, &code);
    let invite_href = format!("{base}/invite{query}");
    let compare_href = format!("{base}/compare{query}");
    let can_compare = status.has(Step::CitizenAnswered) || status.professional.is_some();
    let step_rows = Step::ALL
        .into_iter()
        .map(|step| {
            let reached = status.has(step);
            let when = match step {
                Step::Invited => status.invited_at.map(day),
                Step::CitizenAnswered => status.imported_at.map(day),
                _ => None,
            };
            let extra = (step == Step::Invited && reached && !status.invited_with_key)
                .then(|| state.t("pro.plan.without_key"));
            view! {
                <li class="step" class:reached=reached data-step=step.code() data-reached=reached.to_string()>
                    <span class="step-mark" aria-hidden="true">{if reached { "✓" } else { "○" }}</span>
                    <span class="visually-hidden">{state.t(if reached { "pro.plan.done" } else { "pro.plan.not_yet" })}</span>
                    " " {state.t(step.label_key())}
                    {when.map(|d| view! { " · " {d} })}
                    {extra.map(|e| view! { " · " <em>{e}</em> })}
                </li>
            }
        })
        .collect_view();
    let form_label = match status.professional {
        None => "pro.form.start",
        Some(Progress::InProgress) => "pro.form.resume",
        Some(_) => "pro.form.open",
    };
    // Nine cards say "Uitnodiging": the accessible name tells which one
    // ("Uitnodiging T1 – partner"), and still starts with the visible text.
    let who = match &member {
        Some(m) => m.clone(),
        None => state.t("pro.respondent.main"),
    };
    let named = move |action: &str| {
        state.tw(
            "pro.respondent.action_for",
            &[("action", action), ("moment", moment.code()), ("who", &who)],
        )
    };
    let invite_name = named(&state.t("pro.invite.button"));
    let form_name = named(&state.t(form_label));
    let compare_name = named(&state.t("pro.compare.button"));
    let member_for_form = member.clone();
    let open_form = move |_| {
        let ws = handle.ws.get_untracked();
        let member = member_for_form.as_deref();
        let id = ws.form_id(&code, member, moment);
        let q = match store::load_questionnaire(&id) {
            Loaded::Found(q) => *q,
            // Absent, or unreadable and set aside by the store: start afresh.
            _ => {
                let inv = ws.invitation(&code, member, moment, true, state.lang.get_untracked());
                let q = Questionnaire::new(inv, Role::Professional, now());
                state.report(store::save_questionnaire(&q));
                q
            }
        };
        let path = screen_path(&q.id, q.screen);
        state.current.set(Some(q));
        navigate(&path, NavigateOptions::default());
    };
    view! {
        <li class="moment-card" data-testid=format!("moment-{}", moment.code())>
            <h3>{format!("{} · {}", moment.code(), state.t(moment_key(moment)))}</h3>
            <p class="status">{state.tw("pro.plan.due", &[("date", &day(status.due_at))])}</p>
            <ul class="steps">{step_rows}</ul>
            <div class="moment-actions">
                <A href=invite_href attr:class="button" attr:data-testid="invite" attr:aria-label=invite_name>{state.t("pro.invite.button")}</A>
                <button type="button" class="button" data-testid="pro-form" aria-label=form_name on:click=open_form>{state.t(form_label)}</button>
                {can_compare.then(|| view! {
                    <A href=compare_href attr:class="button button-primary" attr:data-testid="compare" attr:aria-label=compare_name>{state.t("pro.compare.button")}</A>
                })}
            </div>
        </li>
    }
}

/// A form to add a household member by a label, never a name.
#[component]
fn AddMember(handle: WorkspaceHandle, code: String) -> impl IntoView {
    let state = use_app_state();
    let label = RwSignal::new(String::new());
    let error = RwSignal::new(None::<MemberError>);
    let code = StoredValue::new(code);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match handle.change(|w| w.add_member(&code.get_value(), &label.get_untracked(), now())) {
            Ok(_) => {
                label.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="inline-form panel" on:submit=submit novalidate data-testid="add-member">
            <h2>{move || state.t("pro.member.title")}</h2>
            <label for="member-label" class="field-label">{move || state.t("pro.member.label")}</label>
            <p class="item-hint" id="member-hint">{move || state.t("pro.member.hint")}</p>
            <div class="input-row">
                <input id="member-label" type="text" class="text-input" data-testid="member-label"
                    autocomplete="off" maxlength="40" aria-describedby="member-hint member-error"
                    bind:value=label on:input=move |_| error.set(None)/>
                <button type="submit" class="button" data-testid="add-member-button">{move || state.t("pro.member.add")}</button>
            </div>
            <p id="member-error" class="field-error" role="alert">{move || error.get().map(|e| view! { <ErrorPanel error=e/> })}</p>
        </form>
    }
}
