//! The person's own balance: what helps against what is hard.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{current_role, not_open_view, screen_path, use_open_questionnaire, Gate};
use crate::core::questionnaire::Screen;
use crate::ui::components::BalanceChart;
use crate::ui::state::use_app_state;

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
            <BalanceChart scores=scores/>
            <p class="balance-sentence" data-testid="balance-sentence" data-key=sentence>{move || state.t(sentence)}</p>
            {to_complete}
            <A href=move || screen_path(&qid.get(), Screen::Send) attr:class="button button-primary" attr:data-testid="to-send">
                {move || state.t("summary.to_send")}
            </A>
        </section>
    }
}
