//! The person's own balance: what helps against what is hard.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{current_role, not_open_view, screen_path, use_open_questionnaire, Gate};
use crate::core::i18n::long_date;
use crate::core::instrument::{Moment, Role, Scores};
use crate::core::questionnaire::{change_sentences, questionnaire_id, Questionnaire, Screen};
use crate::core::util::Millis;
use crate::ui::components::{BalanceChart, ModeQuestion, TopicMarks};
use crate::ui::state::use_app_state;
use crate::ui::store::{self, Loaded};

/// The same person's latest earlier moment on this device, with when it
/// was filled in and its scores (issue 13: the summary says how things
/// changed since then).
fn earlier(q: &Questionnaire) -> Option<(Moment, Millis, Scores)> {
    Moment::ALL
        .into_iter()
        .filter(|m| *m < q.invitation.moment)
        .rev()
        .find_map(|m| {
            let mut inv = q.invitation.clone();
            inv.moment = m;
            match store::load_questionnaire(&questionnaire_id(&inv, q.role)) {
                Loaded::Found(before) if !before.answers.is_empty() => Some((
                    m,
                    before.completed_at.unwrap_or(before.updated_at),
                    before.scores(),
                )),
                _ => None,
            }
        })
}

/// Balans within ±10 points counts as "about equal" in the sentence.
const EVEN_BAND: f64 = 10.0;

/// `/q/:qid/summary`.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let (qid, gate) = use_open_questionnaire();
    move || match gate.get() {
        Gate::Open => view! { <Summary qid=qid/> }.into_any(),
        other => not_open_view(other),
    }
}

#[component]
fn Summary(qid: Memo<String>) -> impl IntoView {
    let state = use_app_state();
    state.change(|q| q.screen = Screen::Summary);
    let scores = state
        .current
        .with_untracked(|c| c.as_ref().map(|q| q.scores()))
        .unwrap_or_default();
    let shortfalls = state
        .current
        .with_untracked(|c| c.as_ref().map(|q| (q.shortfalls(), q.clone())));
    let role = current_role(state);
    let citizen = role == Role::Citizen;
    let before = state
        .current
        .with_untracked(|c| c.as_ref().and_then(earlier));
    let change = before.clone().map(|(m, at, b)| {
        let sentences = change_sentences(&scores, &b)
            .into_iter()
            .map(|k| view! { <li>{move || state.t(k)}</li> })
            .collect_view();
        view! {
            <section class="panel" data-testid="change-since" data-moment=m.code()>
                // A date, not "T0": the moment's code means nothing to
                // the citizen.
                <h2>{move || state.tw("summary.change.title", &[("date", &long_date(state.lang.get(), at))])}</h2>
                <ul>{sentences}</ul>
            </section>
        }
    });
    let before_scores = before.map(|(_, _, b)| b);
    let to_complete = shortfalls.map(|(list, q)| {
        list.into_iter()
            .filter(|s| !s.items.is_empty())
            .map(|s| {
                let needed = s.needed.to_string();
                let label = s.label_key;
                let links = s
                    .items
                    .iter()
                    .filter_map(|item| {
                        let page = q.page_of(item.id)?;
                        // Back to the review from there, then on to here.
                        let href = format!("{}?from=review", screen_path(&q.id, Screen::Page(page)));
                        let key = item.text_key(role);
                        Some(view! {
                            <li><A href=href attr:data-testid=format!("complete-{}", item.id)>{move || state.t(key)}</A></li>
                        })
                    })
                    .collect_view();
                view! {
                    <section class="panel to-complete" data-testid="to-complete" data-part=label>
                        <h2>{move || state.t(label)}</h2>
                        <p>{move || state.tw("summary.complete_intro", &[("n", &needed)])}</p>
                        <ul class="complete-links">{links}</ul>
                    </section>
                }
            })
            .collect_view()
    });
    let sentence = match scores.balans {
        None => "summary.balance_unknown",
        Some(b) if b > EVEN_BAND => "summary.balance_positive",
        Some(b) if b < -EVEN_BAND => "summary.balance_negative",
        Some(_) => "summary.balance_even",
    };
    view! {
        <section class="summary">
            <h1 tabindex="-1">{move || state.t("summary.title")}</h1>
            <p>{move || state.t("summary.intro")}</p>
            <p>{move || state.t("summary.explain_strength")}</p>
            <p>{move || state.t("summary.explain_burden")}</p>
            {match before_scores {
                Some(b) => view! { <BalanceChart scores=scores.clone() before=b/> }.into_any(),
                None => view! { <BalanceChart scores=scores.clone()/> }.into_any(),
            }}
            <p class="balance-sentence" data-testid="balance-sentence" data-key=sentence>{move || state.t(sentence)}</p>
            {change}
            {to_complete}
            {citizen.then(|| view! { <TopicMarks/> <ModeQuestion/> })}
            <A href=move || screen_path(&qid.get(), Screen::Send) attr:class="button button-primary" attr:data-testid="to-send">
                {move || state.t("summary.to_send")}
            </A>
        </section>
    }
}
