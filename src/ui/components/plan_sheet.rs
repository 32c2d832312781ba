//! The support plan on one page: printed for the citizen in plain words
//! (`plan.print.*`), and shown to the researcher before the interview in
//! the professional's words (`plan.view.*`). One view for both, so the two
//! never drift apart and the wasm carries the layout once.

use leptos::prelude::*;

use crate::core::i18n::{long_day, Lang};
use crate::core::instrument::{Moment, INTERVENTIONS};
use crate::core::plan::{Idea, Lever, Plan, Reached, OTHER_INTERVENTION};
use crate::core::util::date;
use crate::ui::state::{use_app_state, AppState};

/// The key for the citizen's sheet or the staff view.
fn pick(staff: bool, (view, print): (&'static str, &'static str)) -> &'static str {
    if staff {
        view
    } else {
        print
    }
}

/// `YYYY-MM-DD` in words, as people in the language write it
/// ("1 december 2026").
fn day_text(lang: Lang, iso: &str) -> String {
    long_day(lang, iso)
}

fn idea_key(staff: bool, idea: Idea) -> &'static str {
    if staff {
        return idea.label_key();
    }
    match idea {
        Idea::Citizen => "plan.print.idea.citizen",
        Idea::Together => "plan.print.idea.together",
        Idea::Professional => "plan.print.idea.professional",
        Idea::Other => "plan.print.idea.other",
    }
}

fn reached_key(staff: bool, reached: Reached) -> &'static str {
    if staff {
        return reached.label_key();
    }
    match reached {
        Reached::Yes => "plan.print.reached.yes",
        Reached::Partly => "plan.print.reached.partly",
        Reached::No => "plan.print.reached.no",
        Reached::Dropped => "plan.print.reached.dropped",
    }
}

/// "Bedacht door: uzelf · Afgesproken: ja · Na een half jaar: gelukt".
fn goal_facts(state: AppState, staff: bool, goal: &crate::core::plan::Goal) -> String {
    let mut facts = Vec::new();
    if let Some(idea) = goal.say.idea {
        facts.push(state.tw(
            pick(staff, ("plan.view.idea", "plan.print.idea")),
            &[("who", &state.t(idea_key(staff, idea)))],
        ));
    }
    if let Some(agreed) = goal.say.agreed {
        facts.push(state.t(match (staff, agreed) {
            (true, true) => "plan.view.agreed_yes",
            (true, false) => "plan.view.agreed_no",
            (false, true) => "plan.print.agreed_yes",
            (false, false) => "plan.print.agreed_no",
        }));
    }
    for (moment, keys) in [
        (
            Moment::T1,
            ("plan.view.reached_t1", "plan.print.reached_t1"),
        ),
        (
            Moment::T2,
            ("plan.view.reached_t2", "plan.print.reached_t2"),
        ),
    ] {
        if let Some(r) = goal.reached(moment) {
            facts.push(state.tw(
                pick(staff, keys),
                &[("state", &state.t(reached_key(staff, r)))],
            ));
        }
    }
    facts.join(" · ")
}

fn sheet(state: AppState, plan: &Plan, staff: bool, with: Option<&str>) -> AnyView {
    let lang = state.lang.get();
    let h = &plan.head;
    let made = match with {
        Some(name) => state.tw(
            "plan.print.made_with",
            &[
                ("name", name),
                ("date", &day_text(lang, &date(plan.updated_at))),
            ],
        ),
        None => state.tw(
            pick(staff, ("plan.view.updated", "plan.print.made")),
            &[("date", &day_text(lang, &date(plan.updated_at)))],
        ),
    };
    let none = move |keys| view! { <p class="plan-none">{state.t(pick(staff, keys))}</p> };
    let list = |keys: Vec<&'static str>| {
        keys.into_iter()
            .map(|k| state.t(k))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let burden = list(h.burden.iter().map(|d| d.name_key()).collect());
    let capacity = list(h.capacity.iter().map(|c| c.label_key()).collect());
    let seen = [
        (
            (!burden.is_empty()).then_some(burden),
            ("plan.view.burden", "plan.print.burden"),
        ),
        (
            (!capacity.is_empty()).then_some(capacity),
            ("plan.view.capacity", "plan.print.capacity"),
        ),
        (
            Some(h.clarification.trim().to_string()).filter(|t| !t.is_empty()),
            ("plan.view.clarification", "plan.print.clarification"),
        ),
    ]
    .into_iter()
    .filter_map(|(text, keys)| {
        text.map(|t| view! { <p><strong>{state.t(pick(staff, keys))}</strong>" "{t}</p> })
    })
    .collect::<Vec<_>>();
    let goals: Vec<_> = plan
        .goals()
        .map(|g| {
            let facts = goal_facts(state, staff, g);
            view! {
                <li data-testid="sheet-goal">
                    <span class="plan-goal-text">{g.text.clone()}</span>
                    {(!facts.is_empty()).then(|| view! { <br/><span class="plan-facts">{facts}</span> })}
                </li>
            }
        })
        .collect();
    // The levers in plain words on paper, by name for staff (issue 13).
    let levers = move |list: &[Lever]| -> Option<String> {
        let words: Vec<String> = list
            .iter()
            .map(|l| state.t(if staff { l.label_key() } else { l.plain_key() }))
            .collect();
        (!words.is_empty()).then(|| {
            format!(
                "{} {}",
                state.t(pick(staff, ("plan.view.levers", "plan.print.levers"))),
                words.join(if staff { ", " } else { " " })
            )
        })
    };
    let help: Vec<(String, Option<String>)> = h
        .interventions
        .iter()
        .filter_map(|c| {
            INTERVENTIONS
                .label_key(*c)
                .map(|k| (state.t(k), levers(plan.intervention_levers(*c))))
        })
        .chain(
            h.other_interventions
                .iter()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .map(|t| (t, levers(plan.intervention_levers(OTHER_INTERVENTION)))),
        )
        .collect();
    let steps: Vec<_> = plan
        .steps_by_date()
        .into_iter()
        .map(|s| {
            let goal = s
                .goal
                .and_then(|g| plan.goal_number(g))
                .map(|n| n.to_string())
                .unwrap_or_default();
            let when = (!s.date.is_empty()).then(|| day_text(lang, &s.date));
            // Labelled cells: on a phone each row shows as a small card.
            view! {
                <tr data-testid="sheet-step">
                    <td data-label=state.t("plan.print.col_what")>{s.what.clone()}
                        {levers(&s.levers).map(|l| view! { <br/><span class="plan-facts" data-testid="sheet-step-levers">{l}</span> })}
                    </td>
                    <td data-label=state.t("plan.print.col_how")>{s.how.clone()}</td>
                    <td data-label=state.t("plan.print.col_with")>{s.with_whom.clone()}</td>
                    <td data-label=state.t("plan.print.col_when") class="plan-when">{when}</td>
                    <td data-label=state.t("plan.print.col_goal") class="num">{goal}</td>
                </tr>
            }
        })
        .collect();
    let question = h.question.trim().to_string();
    view! {
        <h2 class="plan-sheet-title">{state.t(pick(staff, ("plan.view.title", "plan.print.title")))}</h2>
        <p class="plan-made">{made}</p>
        <h3>{state.t(pick(staff, ("plan.view.question", "plan.print.question")))}</h3>
        {if question.is_empty() {
            none(("plan.view.not_filled", "plan.print.not_filled")).into_any()
        } else {
            view! { <p class="plan-question">{question}</p> }.into_any()
        }}
        {(!seen.is_empty()).then(|| view! {
            <h3>{state.t(pick(staff, ("plan.view.seen", "plan.print.seen")))}</h3>
            {seen}
        })}
        <h3>{state.t(pick(staff, ("plan.view.goals", "plan.print.goals")))}</h3>
        {if goals.is_empty() {
            none(("plan.view.no_goals", "plan.print.no_goals")).into_any()
        } else {
            view! { <ol class="plan-goals">{goals}</ol> }.into_any()
        }}
        {(!help.is_empty()).then(|| view! {
            <h3>{state.t(pick(staff, ("plan.view.help", "plan.print.help")))}</h3>
            <ul class="plan-help">{help.into_iter().map(|(h, l)| view! {
                <li>{h}{l.map(|l| view! { <br/><span class="plan-facts" data-testid="sheet-levers">{l}</span> })}</li>
            }).collect_view()}</ul>
        })}
        <h3>{state.t(pick(staff, ("plan.view.steps", "plan.print.steps")))}</h3>
        {if steps.is_empty() {
            none(("plan.view.no_steps", "plan.print.no_steps")).into_any()
        } else {
            view! {
                <table class="plan-steps">
                    <thead><tr>
                        <th scope="col">{state.t("plan.print.col_what")}</th>
                        <th scope="col">{state.t("plan.print.col_how")}</th>
                        <th scope="col">{state.t("plan.print.col_with")}</th>
                        <th scope="col">{state.t("plan.print.col_when")}</th>
                        <th scope="col" class="num">{state.t("plan.print.col_goal")}</th>
                    </tr></thead>
                    <tbody>{steps}</tbody>
                </table>
            }.into_any()
        }}
        {(!staff).then(|| view! { <p class="plan-footer">{state.t("plan.print.footer")}</p> })}
    }
    .into_any()
}

/// The plan on one page. `staff` shows the professional's words (for the
/// researcher), otherwise the citizen's; `with` names the professional who
/// made it with the citizen.
#[component]
pub fn PlanSheet(
    /// The plan; the sheet follows its changes.
    #[prop(into)]
    plan: Signal<Plan>,
    /// Whether staff read it (researcher) rather than the citizen.
    #[prop(optional)]
    staff: bool,
    /// The professional's display name, for the citizen's sheet.
    #[prop(optional, into)]
    with: Option<String>,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="plan-sheet" data-testid="plan-sheet">
            {move || plan.with(|p| sheet(state, p, staff, with.as_deref()))}
        </section>
    }
}
