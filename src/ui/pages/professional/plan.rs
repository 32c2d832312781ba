//! `/pro/:wid/r/:code/plan`: the support plan, made with the citizen, in
//! the steps of the work process: question for help, clarification, goals
//! (with the citizen's say and whether each was reached at T1 and T2), the
//! approach, and small steps. Every change is saved at once; the plan
//! prints as one page for the citizen and travels to the researcher with
//! the professional's own form.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use super::{day, form_progress, respondent_path, use_target, with_respondent, WorkspaceHandle};
use crate::core::instrument::{Answer, Domain, Moment, INTERVENTIONS};
use crate::core::plan::{
    plan_key, Capacity, Idea, Lever, Plan, PlanError, Reached, Say, MAX_PLAN_TEXT,
    OTHER_INTERVENTION,
};
use crate::core::professional::{import_key, ImportedForm};
use crate::core::util::Millis;
use crate::ui::autosave::{Autosaved, Opened};
use crate::ui::browser;
use crate::ui::components::{ErrorPanel, PlanSheet};
use crate::ui::pages::research::tr;
use crate::ui::pages::screen_path;
use crate::ui::state::{now, use_app_state};
use crate::ui::store::{self, Loaded, LoadedRecord};

/// `/pro/:wid/r/:code/plan`.
#[component]
pub fn PlanPage() -> impl IntoView {
    let target = use_target();
    move || {
        with_respondent(target.get(), |handle, target| {
            view! { <PlanEditor handle=handle code=target.code/> }.into_any()
        })
    }
}

/// The open plan and the last refused change, shared by the editor's parts.
#[derive(Clone, Copy)]
struct Edit {
    plan: Autosaved<Plan>,
    error: RwSignal<Option<PlanError>>,
}

impl Edit {
    /// Makes a change (saved at once); a refusal is shown, never a panic.
    fn run<R>(&self, f: impl FnOnce(&mut Plan, Millis) -> Result<R, PlanError>) -> Option<R> {
        match self.plan.change(|p| f(p, now())) {
            Ok(out) => {
                self.error.set(None);
                Some(out)
            }
            Err(e) => {
                self.error.set(Some(e));
                None
            }
        }
    }

    /// Reads the plan (reactive).
    fn read<R>(&self, f: impl FnOnce(&Plan) -> R) -> R {
        self.plan.value.with(f)
    }
}

// One type per kind of accessor keeps one copy of each field's view code in
// the wasm, however many fields use it.
type GetText = Arc<dyn Fn(&Plan) -> String + Send + Sync>;
type SetText = Arc<dyn Fn(&mut Plan, Millis, String) -> Result<(), PlanError> + Send + Sync>;
type GetFlag = Arc<dyn Fn(&Plan) -> bool + Send + Sync>;
type SetFlag = Arc<dyn Fn(&mut Plan, Millis, bool) -> Result<(), PlanError> + Send + Sync>;
type GetChoice = Arc<dyn Fn(&Plan) -> &'static str + Send + Sync>;
type SetChoice = Arc<dyn Fn(&mut Plan, Millis, &str) -> Result<(), PlanError> + Send + Sync>;

/// How a text field looks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Area,
    Line,
    Date,
}

fn text_field(
    edit: Edit,
    id: String,
    testid: &'static str,
    label_key: &'static str,
    field: Field,
    get: GetText,
    set: SetText,
) -> AnyView {
    let state = use_app_state();
    let value = move || edit.read(|p| get(p));
    let input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let set = set.clone();
        edit.run(|p, now| set(p, now, text));
    };
    let control = match field {
        Field::Area => view! {
            <textarea id=id.clone() rows="3" data-testid=testid maxlength=MAX_PLAN_TEXT.to_string()
                prop:value=value on:input=input></textarea>
        }
        .into_any(),
        _ => view! {
            <input id=id.clone() class="text-input" data-testid=testid maxlength=MAX_PLAN_TEXT.to_string()
                type=if field == Field::Date { "date" } else { "text" } autocomplete="off"
                prop:value=value on:input=input/>
        }
        .into_any(),
    };
    view! {
        <div class="plan-field">
            <label for=id class="field-label">{tr(state, label_key)}</label>
            {control}
        </div>
    }
    .into_any()
}

fn check_field(
    edit: Edit,
    testid: String,
    label_key: &'static str,
    get: GetFlag,
    set: SetFlag,
) -> AnyView {
    let state = use_app_state();
    let checked = move || edit.read(|p| get(p));
    let selected = checked.clone();
    view! {
        <label class="option" class:selected=selected data-testid=testid>
            <input type="checkbox" prop:checked=checked on:change=move |ev| {
                let on = event_target_checked(&ev);
                let set = set.clone();
                edit.run(|p, now| set(p, now, on));
            }/>
            <span>{tr(state, label_key)}</span>
        </label>
    }
    .into_any()
}

/// Options of a choice: (form value, catalogue key); "" is "not recorded".
type Options = &'static [(&'static str, &'static str)];

const IDEAS: Options = &[
    ("", "plan.say.unknown"),
    ("citizen", "plan.idea.citizen"),
    ("together", "plan.idea.together"),
    ("professional", "plan.idea.professional"),
    ("other", "plan.idea.other"),
];

const AGREED: Options = &[
    ("", "plan.say.unknown"),
    ("yes", "plan.agreed.yes"),
    ("no", "plan.agreed.no"),
];

const REACHED: Options = &[
    ("", "plan.reached.unknown"),
    ("yes", "plan.reached.yes"),
    ("partly", "plan.reached.partly"),
    ("no", "plan.reached.no"),
    ("dropped", "plan.reached.dropped"),
];

fn select_field(
    edit: Edit,
    id: String,
    testid: &'static str,
    label_key: &'static str,
    options: Options,
    get: GetChoice,
    set: SetChoice,
) -> AnyView {
    let state = use_app_state();
    let current = move || edit.read(|p| get(p));
    let options = options
        .iter()
        .map(|(value, key)| {
            let current = current.clone();
            view! {
                <option value=*value prop:selected=move || current() == *value>{tr(state, key)}</option>
            }
        })
        .collect_view();
    view! {
        <div class="plan-field">
            <label for=id.clone() class="field-label">{tr(state, label_key)}</label>
            <select id=id data-testid=testid on:change=move |ev| {
                let value = event_target_value(&ev);
                let set = set.clone();
                edit.run(|p, now| set(p, now, &value));
            }>{options}</select>
        </div>
    }
    .into_any()
}

fn idea_name(say: &Say) -> &'static str {
    say.idea.map_or("", Idea::name)
}

fn agreed_name(say: &Say) -> &'static str {
    match say.agreed {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

fn agreed_of(name: &str) -> Option<bool> {
    match name {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// The citizen's question in their own words, from their imported T0 form.
fn own_words(handle: WorkspaceHandle, code: &str) -> Option<String> {
    let id = handle
        .ws
        .with_untracked(|w| w.citizen_id(code, None, Moment::T0));
    match store::load_record::<ImportedForm>(&import_key(&id)) {
        LoadedRecord::Found(form) => match form.envelope.answers.get("intro.question") {
            Some(Answer::Text(t)) if !t.trim().is_empty() => Some(t.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The professional's own forms of the respondent that exist: (moment, id).
fn own_forms(handle: WorkspaceHandle, code: &str) -> Vec<(Moment, String)> {
    let ws = handle.ws.get_untracked();
    Moment::ALL
        .into_iter()
        .filter_map(|m| {
            let id = ws.form_id(code, None, m);
            match store::load_questionnaire(&id) {
                Loaded::Found(q) => Some((
                    m,
                    screen_path(&q.id, crate::core::questionnaire::Screen::Send),
                )),
                _ => None,
            }
        })
        .collect()
}

/// Whether T1 and T2 are there yet, and when they are due: whether a goal
/// was reached at a moment can only be told once it is (issue 12).
#[derive(Clone, Copy)]
struct FollowUps {
    t1: (bool, Millis),
    t2: (bool, Millis),
}

impl FollowUps {
    /// Of the respondent themself (the plan is theirs), as of now.
    fn of(handle: WorkspaceHandle, code: &str) -> FollowUps {
        let at = now();
        let statuses = handle
            .ws
            .with_untracked(|w| w.statuses(code, None, form_progress));
        let of = |moment: Moment| {
            statuses
                .iter()
                .find(|s| s.moment == moment)
                .map_or((false, 0), |s| (s.is_there(at), s.due_at))
        };
        FollowUps {
            t1: of(Moment::T1),
            t2: of(Moment::T2),
        }
    }

    fn get(self, moment: Moment) -> (bool, Millis) {
        match moment {
            Moment::T2 => self.t2,
            _ => self.t1,
        }
    }
}

#[component]
fn PlanEditor(handle: WorkspaceHandle, code: String) -> impl IntoView {
    let state = use_app_state();
    let (wid, name) = handle
        .ws
        .with_untracked(|w| (w.id.clone(), w.display_name.clone()));
    let Opened { record, set_aside } =
        Autosaved::open(plan_key(&wid, &code.as_str().into()), state, || {
            Plan::new(&code, now())
        });
    let edit = Edit {
        plan: record,
        error: RwSignal::new(None),
    };
    let who = state.tw("respondent.label", &[("code", &code)]);
    let words = own_words(handle, &code);
    let forms = own_forms(handle, &code);
    let follow_ups = FollowUps::of(handle, &code);
    // Issue 13: what the citizen marked to talk about, in the clarification.
    let topics =
        super::say::latest_say(handle, &code, None).and_then(
            |(_, e)| match super::say::topic_words(state, &e) {
                Some(words) => Some(state.tw("plan.clarify.topics", &[("topics", &words)])),
                None => e.topics.filter(|t| t.none).map(|_| state.t("pro.say.none")),
            },
        );
    view! {
        <section class="pro-plan" data-testid="plan-page" data-code=code.clone()>
            <div class="no-print">
                <p><A href=respondent_path(&wid, &code)>{tr(state, "pro.respondent.back")}</A></p>
                <h1 tabindex="-1">{tr(state, "plan.title")}</h1>
                <p class="compare-who">{who}</p>
                <p>{tr(state, "plan.intro")}</p>
                {set_aside.then(|| view! {
                    <p class="banner banner-error" role="alert" data-testid="plan-set-aside">{tr(state, "plan.set_aside")}</p>
                })}
                <QuestionStep edit=edit own_words=words/>
                <ClarifyStep edit=edit topics=topics/>
                <GoalsStep edit=edit follow_ups=follow_ups/>
                <ApproachStep edit=edit/>
                <SmallSteps edit=edit/>
                <section class="panel plan-share" aria-labelledby="plan-h-share">
                    <h2 id="plan-h-share">{tr(state, "plan.share.title")}</h2>
                    <p>{tr(state, "plan.share.print_text")}</p>
                    <p><button type="button" class="button button-primary" data-testid="plan-print"
                        on:click=move |_| browser::print_page()>{tr(state, "plan.share.print")}</button></p>
                    <p>{tr(state, "plan.share.send_text")}</p>
                    {if forms.is_empty() {
                        view! { <p class="hint" data-testid="plan-no-form">{tr(state, "plan.share.no_form")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plan-sends">
                                {forms.into_iter().map(|(m, href)| view! {
                                    <li><A href=href attr:class="button" attr:data-testid=format!("plan-send-{}", m.code())>
                                        {move || state.tw("plan.share.send", &[("moment", m.code())])}
                                    </A></li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <p class="banner banner-error plan-error" role="alert" data-testid="plan-error"
                    class:visually-hidden=move || edit.error.with(Option::is_none)>
                    {move || edit.error.get().map(|e| view! { <ErrorPanel error=e/> })}
                </p>
            </div>
            <div class="print-only">
                <PlanSheet plan=record.value with=name/>
            </div>
        </section>
    }
}

/// Step 1: the question for help.
#[component]
fn QuestionStep(edit: Edit, own_words: Option<String>) -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="plan-step" aria-labelledby="plan-h-question">
            <h2 id="plan-h-question">{tr(state, "plan.step.question")}</h2>
            {own_words.map(|w| view! {
                <p class="item-hint" data-testid="plan-own-words">{move || state.tw("plan.question.own_words", &[("text", &w)])}</p>
            })}
            {text_field(edit, "plan-question".into(), "plan-question", "plan.question.label", Field::Area,
                Arc::new(|p| p.head.question.clone()),
                Arc::new(|p, now, t| p.edit_head(now, |h| h.question = t)))}
        </section>
    }
}

/// Step 2: what the clarification found.
#[component]
fn ClarifyStep(edit: Edit, topics: Option<String>) -> impl IntoView {
    let state = use_app_state();
    let burden = Domain::ALL
        .into_iter()
        .map(|d| {
            check_field(
                edit,
                format!("plan-burden-{}", d.code()),
                d.name_key(),
                Arc::new(move |p| p.head.burden.contains(&d)),
                Arc::new(move |p, now, on| p.set_burden(d, on, now)),
            )
        })
        .collect_view();
    let capacity = Capacity::ALL
        .into_iter()
        .map(|c| {
            check_field(
                edit,
                format!("plan-capacity-{}", c.code()),
                c.label_key(),
                Arc::new(move |p| p.head.capacity.contains(&c)),
                Arc::new(move |p, now, on| p.set_capacity(c, on, now)),
            )
        })
        .collect_view();
    view! {
        <section class="plan-step" aria-labelledby="plan-h-clarify">
            <h2 id="plan-h-clarify">{tr(state, "plan.step.clarify")}</h2>
            {topics.map(|t| view! { <p class="banner banner-info" data-testid="plan-topics">{t}</p> })}
            <fieldset class="plan-choices">
                <legend class="field-label">{tr(state, "plan.clarify.burden")}</legend>
                <div class="options options-two">{burden}</div>
            </fieldset>
            <fieldset class="plan-choices">
                <legend class="field-label">{tr(state, "plan.clarify.capacity")}</legend>
                <div class="options">{capacity}</div>
            </fieldset>
            {text_field(edit, "plan-clarification".into(), "plan-clarification", "plan.clarify.note", Field::Area,
                Arc::new(|p| p.head.clarification.clone()),
                Arc::new(|p, now, t| p.edit_head(now, |h| h.clarification = t)))}
        </section>
    }
}

/// The say fields of a goal or step: whose idea, agreed.
fn say_fields(
    edit: Edit,
    prefix: String,
    of: fn(&Plan, u64) -> Say,
    id: u64,
    goal: bool,
) -> AnyView {
    let set_say = move |p: &mut Plan, now: Millis, f: &dyn Fn(&mut Say)| {
        if goal {
            p.edit_goal(id, now, |g| f(&mut g.say))
        } else {
            p.edit_step(id, now, |s| f(&mut s.say))
        }
    };
    view! {
        {select_field(edit, format!("{prefix}-idea"), "say-idea", "plan.say.idea", IDEAS,
            Arc::new(move |p| idea_name(&of(p, id))),
            Arc::new(move |p, now, v| set_say(p, now, &|s| s.idea = Idea::from_name(v))))}
        {select_field(edit, format!("{prefix}-agreed"), "say-agreed", "plan.say.agreed", AGREED,
            Arc::new(move |p| agreed_name(&of(p, id))),
            Arc::new(move |p, now, v| set_say(p, now, &|s| s.agreed = agreed_of(v))))}
    }
    .into_any()
}

fn goal_say(p: &Plan, id: u64) -> Say {
    p.goal(id).map(|g| g.say).unwrap_or_default()
}

fn step_say(p: &Plan, id: u64) -> Say {
    p.step(id).map(|s| s.say).unwrap_or_default()
}

/// Steps 3 and 6: goals, the citizen's say in them, and whether they were reached.
#[component]
fn GoalsStep(edit: Edit, follow_ups: FollowUps) -> impl IntoView {
    let state = use_app_state();
    // The cards are made again only when goals come or go (not while one
    // is typed in, which would lose the focus); cheaper in the wasm than a
    // keyed list.
    let ids = Memo::new(move |_| edit.read(|p| p.goals().map(|g| g.id).collect::<Vec<_>>()));
    let add = move |_| {
        edit.run(|p, now| p.add_goal(now));
    };
    view! {
        <section class="plan-step" aria-labelledby="plan-h-goals">
            <h2 id="plan-h-goals">{tr(state, "plan.step.goals")}</h2>
            <p class="item-hint">{tr(state, "plan.goals.hint")}</p>
            <ol class="plan-cards">
                {move || ids.get().into_iter().map(|id| goal_card(edit, id, follow_ups)).collect_view()}
            </ol>
            <p><button type="button" class="button" data-testid="plan-add-goal" on:click=add>{tr(state, "plan.goals.add")}</button></p>
        </section>
    }
}

fn goal_card(edit: Edit, id: u64, follow_ups: FollowUps) -> impl IntoView {
    let state = use_app_state();
    let number = move || edit.read(|p| p.goal_number(id).unwrap_or(0)).to_string();
    let reached = |moment: Moment| -> GetChoice {
        Arc::new(move |p| {
            p.goal(id)
                .and_then(|g| g.reached(moment))
                .map_or("", Reached::name)
        })
    };
    let set_reached = |moment: Moment| -> SetChoice {
        Arc::new(move |p, now, v| p.set_reached(id, moment, Reached::from_name(v), now))
    };
    // Before the moment is there, a line says from when; a state already
    // recorded (from another window, say) stays editable.
    let reached_field =
        move |moment: Moment, testid: &'static str, label: &'static str, later: &'static str| {
            let (there, due_at) = follow_ups.get(moment);
            let recorded = edit
                .plan
                .value
                .with_untracked(|p| p.goal(id).and_then(|g| g.reached(moment)).is_some());
            if there || recorded {
                select_field(
                    edit,
                    format!("goal-{id}-{}", moment.code()),
                    testid,
                    label,
                    REACHED,
                    reached(moment),
                    set_reached(moment),
                )
            } else {
                view! {
                    <p class="item-hint plan-field" data-testid=format!("{testid}-later")>
                        {move || state.tw(later, &[("date", &day(state.lang.get(), due_at))])}
                    </p>
                }
                .into_any()
            }
        };
    view! {
        <li class="plan-card" data-testid="plan-goal">
            <h3>{move || state.tw("plan.goal.heading", &[("n", &number())])}</h3>
            {text_field(edit, format!("goal-{id}-text"), "goal-text", "plan.goal.text", Field::Area,
                Arc::new(move |p| p.goal(id).map(|g| g.text.clone()).unwrap_or_default()),
                Arc::new(move |p, now, t| p.edit_goal(id, now, |g| g.text = t)))}
            <div class="plan-grid">
                {say_fields(edit, format!("goal-{id}"), goal_say, id, true)}
                {reached_field(Moment::T1, "goal-t1", "plan.goal.reached_t1", "plan.goal.later_t1")}
                {reached_field(Moment::T2, "goal-t2", "plan.goal.reached_t2", "plan.goal.later_t2")}
            </div>
            <button type="button" class="button button-danger-outline" data-testid="remove-goal"
                on:click=move |_| { edit.run(|p, now| p.remove_goal(id, now)); }>
                {move || state.tw("plan.goal.remove_n", &[("n", &number())])}
            </button>
        </li>
    }
}

/// Step 4: the approach: interventions from the list and free entries.
#[component]
fn ApproachStep(edit: Edit) -> impl IntoView {
    let state = use_app_state();
    let listed = INTERVENTIONS
        .options
        .iter()
        .filter(|(code, _)| *code != OTHER_INTERVENTION)
        .map(|&(code, key)| {
            check_field(
                edit,
                format!("plan-intervention-{code}"),
                key,
                Arc::new(move |p| p.head.interventions.contains(&code)),
                Arc::new(move |p, now, on| p.set_intervention(code, on, now)),
            )
        })
        .collect_view();
    let others = Memo::new(move |_| edit.read(|p| p.head.other_interventions.len()));
    // The chosen interventions (and the ones in own words, as code 7), each
    // with its levers (issue 13).
    let chosen = Memo::new(move |_| {
        edit.read(|p| {
            let has_other = p
                .head
                .other_interventions
                .iter()
                .any(|t| !t.trim().is_empty());
            INTERVENTIONS
                .options
                .iter()
                .filter(|(code, _)| {
                    p.head.interventions.contains(code)
                        || (*code == OTHER_INTERVENTION && has_other)
                })
                .map(|&(code, key)| (code, key))
                .collect::<Vec<_>>()
        })
    });
    let lever_rows = move || {
        chosen
            .get()
            .into_iter()
            .map(|(code, key)| {
                let boxes = Lever::ALL
                    .into_iter()
                    .map(|l| {
                        check_field(
                            edit,
                            format!("plan-lever-{code}-{}", l.name()),
                            l.label_key(),
                            Arc::new(move |p| p.intervention_levers(code).contains(&l)),
                            Arc::new(move |p, now, on| p.set_intervention_lever(code, l, on, now)),
                        )
                    })
                    .collect_view();
                view! {
                    <fieldset class="plan-choices lever-row" data-testid=format!("plan-levers-{code}")>
                        <legend class="field-label">{move || state.tw("plan.levers.for", &[("intervention", &state.t(key))])}</legend>
                        <div class="options options-three">{boxes}</div>
                    </fieldset>
                }
            })
            .collect_view()
    };
    let explain = Lever::ALL
        .into_iter()
        .map(|l| view! { <dt>{tr(state, l.label_key())}</dt><dd>{tr(state, l.explain_key())}</dd> })
        .collect_view();
    let add = move |_| {
        edit.run(|p, now| p.edit_head(now, |h| h.other_interventions.push(String::new())));
    };
    view! {
        <section class="plan-step" aria-labelledby="plan-h-approach">
            <h2 id="plan-h-approach">{tr(state, "plan.step.approach")}</h2>
            <fieldset class="plan-choices">
                <legend class="field-label">{tr(state, "plan.approach.listed")}</legend>
                <div class="options">{listed}</div>
            </fieldset>
            <ul class="plan-others">
                {move || (0..others.get()).map(|i| view! {
                    <li class="plan-other" data-testid="plan-other">
                        {text_field(edit, format!("plan-other-{i}"), "plan-other-text", "plan.approach.other", Field::Line,
                            Arc::new(move |p| p.head.other_interventions.get(i).cloned().unwrap_or_default()),
                            Arc::new(move |p, now, t| p.edit_head(now, |h| {
                                if let Some(slot) = h.other_interventions.get_mut(i) {
                                    *slot = t;
                                }
                            })))}
                        <button type="button" class="button button-danger-outline" data-testid="remove-other"
                            on:click=move |_| { edit.run(|p, now| p.edit_head(now, |h| {
                                if i < h.other_interventions.len() {
                                    h.other_interventions.remove(i);
                                }
                            })); }>
                            {tr(state, "plan.approach.remove_other")}
                        </button>
                    </li>
                }).collect_view()}
            </ul>
            <p><button type="button" class="button" data-testid="plan-add-other" on:click=add>{tr(state, "plan.approach.add_other")}</button></p>
            <h3>{tr(state, "plan.levers.title")}</h3>
            <p class="item-hint">{tr(state, "plan.levers.hint")}</p>
            <dl class="lever-explain" data-testid="lever-explain">{explain}</dl>
            {lever_rows}
        </section>
    }
}

/// Step 5: small steps, each with what, how, with whom and when.
#[component]
fn SmallSteps(edit: Edit) -> impl IntoView {
    let state = use_app_state();
    // The cards in date order (issue 12). Sorted again when steps come or
    // go, not while a date is typed: a card that jumps away under the
    // cursor would lose the focus.
    let ids = Memo::new(move |_| edit.read(|p| p.steps().map(|s| s.id).collect::<Vec<_>>()));
    let cards = move || {
        // Only the set of steps is tracked; their dates are read as they are.
        let ids = ids.get();
        let order: Vec<u64> = edit.plan.value.with_untracked(|p| {
            p.steps_by_date()
                .into_iter()
                .map(|s| s.id)
                .filter(|id| ids.contains(id))
                .collect()
        });
        order
            .into_iter()
            .enumerate()
            .map(|(i, id)| step_card(edit, id, i + 1))
            .collect_view()
    };
    let add = move |_| {
        edit.run(|p, now| p.add_step(None, now));
    };
    view! {
        <section class="plan-step" aria-labelledby="plan-h-steps">
            <h2 id="plan-h-steps">{tr(state, "plan.step.steps")}</h2>
            <p class="item-hint">{tr(state, "plan.steps.hint")}</p>
            <ol class="plan-cards">
                {cards}
            </ol>
            <p><button type="button" class="button" data-testid="plan-add-step" on:click=add>{tr(state, "plan.steps.add")}</button></p>
        </section>
    }
}

fn step_card(edit: Edit, id: u64, n: usize) -> impl IntoView {
    let state = use_app_state();
    // The cards are made again whenever the order can change.
    let number = move || n.to_string();
    let line = |testid: &'static str,
                label: &'static str,
                get: fn(&crate::core::plan::SmallStep) -> String,
                set: fn(&mut crate::core::plan::SmallStep, String)| {
        let field = if testid == "step-date" {
            Field::Date
        } else {
            Field::Line
        };
        text_field(
            edit,
            format!("step-{id}-{testid}"),
            testid,
            label,
            field,
            Arc::new(move |p| p.step(id).map(get).unwrap_or_default()),
            Arc::new(move |p, now, t| p.edit_step(id, now, |s| set(s, t))),
        )
    };
    let goals = Memo::new(move |_| {
        edit.read(|p| {
            p.goals()
                .enumerate()
                .map(|(i, g)| (g.id, i + 1, g.text.chars().take(40).collect::<String>()))
                .collect::<Vec<_>>()
        })
    });
    let current = move || edit.read(|p| p.step(id).and_then(|s| s.goal));
    let pick_goal = move |ev: leptos::ev::Event| {
        let goal = event_target_value(&ev).parse::<u64>().ok();
        edit.run(|p, now| p.edit_step(id, now, |s| s.goal = goal));
    };
    let goal_select = format!("step-{id}-goal");
    view! {
        <li class="plan-card" data-testid="plan-step">
            <h3>{move || state.tw("plan.step_card.heading", &[("n", &number())])}</h3>
            {line("step-what", "plan.step_card.what", |s| s.what.clone(), |s, t| s.what = t)}
            {line("step-how", "plan.step_card.how", |s| s.how.clone(), |s, t| s.how = t)}
            {line("step-who", "plan.step_card.with_whom", |s| s.with_whom.clone(), |s, t| s.with_whom = t)}
            <div class="plan-grid">
                {line("step-date", "plan.step_card.date", |s| s.date.clone(), |s, t| s.date = t)}
                <div class="plan-field">
                    <label for=goal_select.clone() class="field-label">{tr(state, "plan.step_card.goal")}</label>
                    <select id=goal_select data-testid="step-goal" on:change=pick_goal>
                        <option value="" prop:selected=move || current().is_none()>{tr(state, "plan.step_card.no_goal")}</option>
                        {move || goals.get().into_iter().map(|(gid, n, text)| view! {
                            <option value=gid.to_string() prop:selected=move || current() == Some(gid)>
                                {state.tw("plan.step_card.goal_option", &[("n", &n.to_string()), ("text", &text)])}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                {say_fields(edit, format!("step-{id}"), step_say, id, false)}
            </div>
            <fieldset class="plan-choices lever-row">
                <legend class="field-label">{tr(state, "plan.levers.step")}</legend>
                <div class="options options-three">
                    {Lever::ALL.into_iter().map(|l| check_field(
                        edit,
                        format!("step-lever-{}", l.name()),
                        l.label_key(),
                        Arc::new(move |p| p.step(id).is_some_and(|s| s.levers.contains(&l))),
                        Arc::new(move |p, now, on| p.set_step_lever(id, l, on, now)),
                    )).collect_view()}
                </div>
            </fieldset>
            <button type="button" class="button button-danger-outline" data-testid="remove-step"
                on:click=move |_| { edit.run(|p, now| p.remove_step(id, now)); }>
                {move || state.tw("plan.step_card.remove_n", &[("n", &number())])}
            </button>
        </li>
    }
}
