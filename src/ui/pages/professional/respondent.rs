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
use super::say::{latest_say, AnglesChart, CitizenSay};
use super::workspace::{person_plans, NextLine};
use super::{
    day, moment_key, moment_query, move_person_records, respondent_path, together_consent_path,
    use_target, with_respondent, PersonRecords, WorkspaceHandle,
};
use crate::core::instrument::Moment;
use crate::core::instrument::Role;
use crate::core::professional::{
    three_angles, AddRespondentError, MemberError, MemberRole, MomentStatus, Pair, Step,
};
use crate::core::questionnaire::{Mode, Progress, Questionnaire};
use crate::ui::components::{ConfirmButtons, ErrorPanel};
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
    // Which member's tools are open, and which change awaits its "yes":
    // kept here, because every change to the workspace draws the people
    // anew (also one made in another window) and must not close them.
    let tools = ToolsState {
        open: RwSignal::new(None),
        confirming: RwSignal::new(None),
    };
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
                    Some(m) => state.member_label(m),
                    None => state.t("pro.respondent.main"),
                };
                let tools = member.clone().map(|m| view! { <MemberTools handle=handle code=code.get_value() label=m tools=tools/> });
                view! {
                    <section class="card person" data-testid="person" data-member=member.clone().unwrap_or_default()>
                        <h2>{title}</h2>
                        {tools}
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
            <CalendarButton handle=handle code=code.get_value()/>
            <AddMember handle=handle code=code.get_value()/>
            <RespondentTools handle=handle code=code.get_value()/>
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
            let lang = state.lang.get();
            let when = match step {
                Step::Invited => status.invited_at.map(|at| day(lang, at)),
                Step::CitizenAnswered => status.imported_at.map(|at| day(lang, at)),
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
        Some(m) => state.member_name(m),
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
        let mut q = Questionnaire::new(inv, Role::Citizen, at);
        q.change_say(at, |s, at| s.set_mode(Some(Mode::WithProfessional), at));
        // No consent yet: the citizen reads the consent screen with the
        // professional and ticks the box themselves, like every citizen.
        let path = together_consent_path(&q);
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
            <p class="status">{state.tw("pro.plan.due", &[("date", &day(state.lang.get(), status.due_at))])}</p>
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

/// The roles of the list, for a `<select>`: value is the role's code.
fn role_options(state: crate::ui::state::AppState) -> impl IntoView {
    MemberRole::ALL
        .into_iter()
        .map(|role| view! { <option value=role.code()>{move || state.t(role.name_key())}</option> })
        .collect_view()
}

/// A form to add a household member, chosen from a list of roles (with a
/// number where a household can have more than one): never a name.
#[component]
fn AddMember(handle: WorkspaceHandle, code: String) -> impl IntoView {
    let state = use_app_state();
    let role = RwSignal::new(MemberRole::Partner.code().to_string());
    let error = RwSignal::new(None::<MemberError>);
    let added = RwSignal::new(None::<String>);
    let code = StoredValue::new(code);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(r) = MemberRole::from_code(&role.get_untracked()) else {
            return;
        };
        match handle.change(|w| w.add_member_role(&code.get_value(), r, now())) {
            Ok(label) => {
                error.set(None);
                added.set(Some(label));
            }
            Err(e) => {
                added.set(None);
                error.set(Some(e));
            }
        }
    };
    view! {
        <form class="inline-form panel" on:submit=submit novalidate data-testid="add-member">
            <h2>{move || state.t("pro.member.title")}</h2>
            <label for="member-role" class="field-label">{move || state.t("pro.member.label")}</label>
            <p class="item-hint" id="member-hint">{move || state.t("pro.member.hint")}</p>
            <div class="input-row">
                <select id="member-role" class="text-input" data-testid="member-role"
                    aria-describedby="member-hint member-error"
                    on:change=move |ev| { role.set(event_target_value(&ev)); error.set(None); }>
                    {role_options(state)}
                </select>
                <button type="submit" class="button" data-testid="add-member-button">{move || state.t("pro.member.add")}</button>
            </div>
            <p class="status" role="status" data-testid="member-added">{move || added.get().map(|l| state.tw("pro.member.added", &[("member", &state.member_name(&l))]))}</p>
            <p id="member-error" class="field-error" role="alert">{move || error.get().map(|e| view! { <ErrorPanel error=e/> })}</p>
        </form>
    }
}

/// Which member's tools are open, and whether a removal (`true`) or a new
/// role (`false`) waits for its confirmation.
#[derive(Clone, Copy)]
struct ToolsState {
    open: RwSignal<Option<String>>,
    confirming: RwSignal<Option<(String, bool)>>,
}

/// Another role for a household member, or removing them: each asks first.
#[component]
fn MemberTools(
    handle: WorkspaceHandle,
    code: String,
    label: String,
    tools: ToolsState,
) -> impl IntoView {
    let state = use_app_state();
    let code = StoredValue::new(code);
    let label = StoredValue::new(label);
    let role = RwSignal::new(MemberRole::Partner.code().to_string());
    let mine = move |l: &Option<String>| l.as_deref() == Some(label.get_value().as_str());
    let is_open = move || tools.open.with(mine);
    let confirming = Signal::derive(move || {
        tools
            .confirming
            .get()
            .filter(|(l, _)| *l == label.get_value())
            .map(|(_, removing)| removing)
    });
    let ask = move |removing: bool| tools.confirming.set(Some((label.get_value(), removing)));
    let cancel = move || tools.confirming.set(None);
    let error = RwSignal::new(None::<MemberError>);
    let select_id = format!("member-role-{}", label.get_value());
    let rename = move || {
        let Some(r) = MemberRole::from_code(&role.get_untracked()) else {
            return;
        };
        let (code, label) = (code.get_value(), label.get_value());
        let before = handle.ws.with_untracked(|w| w.person_records(&code));
        match handle.change(|w| w.rename_member(&code, &label, r, now())) {
            Ok(new) => {
                let (wid, after) = handle
                    .ws
                    .with_untracked(|w| (w.id.clone(), w.person_records(&code)));
                // The same three moments, under the old label and the new.
                let of = |records: Vec<PersonRecords>, who: &str| -> Vec<PersonRecords> {
                    records
                        .into_iter()
                        .filter(|p| p.0.as_deref() == Some(who))
                        .collect()
                };
                let (before, after) = (of(before, &label), of(after, &new));
                move_person_records(state, &wid, (&code, &code), &before, &after);
                cancel();
                tools.open.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let remove = move || {
        cancel();
        tools.open.set(None);
        handle.change(|w| w.remove_member(&code.get_value(), &label.get_value(), now()));
    };
    let who = move || state.member_name(&label.get_value());
    view! {
        <details class="person-tools" data-testid="member-tools" prop:open=is_open
            on:toggle=move |ev| {
                let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                if open != is_open() {
                    tools.open.set(open.then(|| label.get_value()));
                }
            }>
            <summary>{move || state.t("pro.person.tools")}</summary>
            <div class="input-row">
                <label for=select_id.clone() class="field-label">{move || state.t("pro.member.new_role")}</label>
                <select id=select_id class="text-input" data-testid="member-new-role"
                    on:change=move |ev| { role.set(event_target_value(&ev)); error.set(None); }>
                    {role_options(state)}
                </select>
                <button type="button" class="button" data-testid="member-rename" on:click=move |_| ask(false)>
                    {move || state.t("pro.member.rename")}
                </button>
            </div>
            <button type="button" class="button button-danger" data-testid="member-remove" on:click=move |_| ask(true)>
                {move || state.t("pro.member.remove")}
            </button>
            {move || confirming.get().map(|removing| {
                let question = if removing {
                    state.tw("pro.member.remove_confirm", &[("member", &who())])
                } else {
                    let new = MemberRole::from_code(&role.get()).map(|r| state.t(r.name_key())).unwrap_or_default();
                    state.tw("pro.member.rename_confirm", &[("member", &who()), ("role", &new)])
                };
                view! {
                    <div class="panel confirm" role="alertdialog" aria-labelledby="member-confirm-q">
                        <p id="member-confirm-q">{question}</p>
                        <p class="item-hint">{move || state.t("pro.person.files_stay")}</p>
                        <ConfirmButtons no_key="delete.no" yes_key=if removing { "pro.member.remove_yes" } else { "pro.member.rename_yes" }
                            testid="member-confirm" on_no=cancel
                            on_yes=move || if removing { remove() } else { rename() }/>
                    </div>
                }
            })}
            <p class="field-error" role="alert">{move || error.get().map(|e| view! { <ErrorPanel error=e/> })}</p>
        </details>
    }
}

/// A corrected code for the respondent, or removing them: each asks first.
#[component]
fn RespondentTools(handle: WorkspaceHandle, code: String) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let code = StoredValue::new(code);
    let new_code = RwSignal::new(String::new());
    let confirming = RwSignal::new(None::<bool>); // Some(true): remove; Some(false): new code
    let error = RwSignal::new(None::<AddRespondentError>);
    let rename = {
        let navigate = navigate.clone();
        move || {
            let old = code.get_value();
            let before = handle.ws.with_untracked(|w| w.person_records(&old));
            match handle.change(|w| w.rename_respondent(&old, &new_code.get_untracked(), now())) {
                Ok(new) => {
                    let (wid, after) = handle
                        .ws
                        .with_untracked(|w| (w.id.clone(), w.person_records(&new)));
                    move_person_records(state, &wid, (&old, &new), &before, &after);
                    confirming.set(None);
                    navigate(&respondent_path(&wid, &new), NavigateOptions::default());
                }
                Err(e) => {
                    confirming.set(None);
                    error.set(Some(e));
                }
            }
        }
    };
    let remove = move || {
        handle.change(|w| w.remove_respondent(&code.get_value(), now()));
        navigate(&handle.path(), NavigateOptions::default());
    };
    let rename = StoredValue::new_local(rename);
    let remove = StoredValue::new_local(remove);
    view! {
        <details class="person-tools panel" data-testid="respondent-tools">
            <summary>{move || state.tw("pro.respondent.tools", &[("code", &code.get_value())])}</summary>
            <form class="inline-form" novalidate on:submit=move |ev| { ev.prevent_default(); confirming.set(Some(false)); }>
                <label for="respondent-new-code" class="field-label">{move || state.t("pro.respondent.new_code")}</label>
                <div class="input-row">
                    <input id="respondent-new-code" type="text" class="text-input" data-testid="respondent-new-code"
                        autocomplete="off" maxlength="24" aria-describedby="respondent-tools-error"
                        bind:value=new_code on:input=move |_| error.set(None)/>
                    <button type="submit" class="button" data-testid="respondent-rename">{move || state.t("pro.respondent.rename")}</button>
                </div>
            </form>
            <button type="button" class="button button-danger" data-testid="respondent-remove" on:click=move |_| confirming.set(Some(true))>
                {move || state.t("pro.respondent.remove")}
            </button>
            {move || confirming.get().map(|removing| {
                let question = if removing {
                    state.tw("pro.respondent.remove_confirm", &[("code", &code.get_value())])
                } else {
                    state.tw("pro.respondent.rename_confirm", &[("code", &code.get_value()), ("new", new_code.get_untracked().trim())])
                };
                view! {
                    <div class="panel confirm" role="alertdialog" aria-labelledby="respondent-confirm-q">
                        <p id="respondent-confirm-q">{question}</p>
                        <p class="item-hint">{move || state.t("pro.person.files_stay")}</p>
                        <ConfirmButtons no_key="delete.no" yes_key=if removing { "pro.respondent.remove_yes" } else { "pro.respondent.rename_yes" }
                            testid="respondent-confirm" on_no=move || confirming.set(None)
                            on_yes=move || if removing { remove.with_value(|f| f()) } else { rename.with_value(|f| f()) }/>
                    </div>
                }
            })}
            <p id="respondent-tools-error" class="field-error" role="alert">{move || error.get().map(|e| view! { <ErrorPanel error=e/> })}</p>
        </details>
    }
}
