//! `/pro/:wid/r/:code`: one respondent: each household member's moments
//! with every step and its date, and what to do next for each moment:
//! invite, fill in the professional's form, compare. Also adding household
//! members and importing the citizen's files.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::import::ImportBox;
use super::say::{latest_say, AnglesChart, CitizenSay};
use super::workspace::{person_plans, NextLine};
use super::{
    day, moment_key, moment_query, respondent_path, use_target, with_respondent, WorkspaceHandle,
};
use crate::core::instrument::Moment;
use crate::core::instrument::Role;
use crate::core::professional::{three_angles, MemberError, MomentStatus, Pair, Step};
use crate::core::questionnaire::{
    Consent, Mode, Progress, Questionnaire, Screen, CONSENT_TEXT_VERSION,
};
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
    // Issue 13: the citizen's own say first, and the three angles of the
    // respondent themself over every moment on this device; both read
    // again when the workspace changes (a file imported below).
    let say = move || {
        handle.ws.track();
        view! { <CitizenSay say=latest_say(handle, &code.get_value(), None)/> }
    };
    let angles = move || {
        let ws = handle.ws.get();
        let c = code.get_value();
        let citizen = Moment::ALL
            .map(|m| super::say::citizen_form(handle, &c, None, m).map(|f| f.envelope.answers));
        let professional =
            Moment::ALL.map(
                |m| match store::load_questionnaire(&ws.form_id(&c, None, m)) {
                    Loaded::Found(q) => Some(q.answers),
                    _ => None,
                },
            );
        let pair = |i: usize| Pair {
            citizen: citizen[i].as_ref(),
            professional: professional[i].as_ref(),
        };
        let angles = three_angles([pair(0), pair(1), pair(2)]);
        angles
            .iter()
            .any(|a| a.any())
            .then(|| view! { <AnglesChart angles=angles/> })
    };
    view! {
        <section class="pro-respondent" data-testid="respondent-page" data-code=code.get_value()>
            <p><A href=handle.path() attr:data-testid="back-to-workspace">{move || state.t("pro.ws.back")}</A></p>
            <h1 tabindex="-1">{move || state.tw("respondent.label", &[("code", &code.get_value())])}</h1>
            {say}
            <p>
                <A href=format!("{}/plan", respondent_path(&handle.ws.with_untracked(|w| w.id.clone()), &code.get_value()))
                    attr:class="button" attr:data-testid="open-plan">{tr(state, "plan.open")}</A>
            </p>
            <p class="hint" data-testid="together-hint">{move || state.t("pro.together.hint")}</p>
            {people}
            {angles}
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
    let together_name = named(&state.t("pro.together.button"));
    let member_for_together = member.clone();
    let code_for_together = code.clone();
    let navigate_together = navigate.clone();
    // "Samen invullen" (issue 13): the citizen's questionnaire on this
    // device, never stored; its file is made and imported at the end.
    let start_together = move |_| {
        let ws = handle.ws.get_untracked();
        let at = now();
        let inv = ws.invitation(
            &code_for_together,
            member_for_together.as_deref(),
            moment,
            true,
            state.lang.get_untracked(),
        );
        let study_text = inv.study.consent_extra.clone();
        let mut q = Questionnaire::new(inv, Role::Citizen, at);
        // The professional reads the consent with the citizen before
        // starting (the hint above the button says so).
        q.consent = Some(Consent {
            given_at: at,
            text_version: CONSENT_TEXT_VERSION.to_string(),
            study_text,
        });
        q.change_say(at, |s, at| s.set_mode(Some(Mode::WithProfessional), at));
        let path = screen_path(&q.id, Screen::Page(0));
        state.transient.set(Some(q.id.to_string()));
        state.current.set(Some(q));
        navigate_together(&path, NavigateOptions::default());
    };
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
                <button type="button" class="button" data-testid="together" aria-label=together_name on:click=start_together>{state.t("pro.together.button")}</button>
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
