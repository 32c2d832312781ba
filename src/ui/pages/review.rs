//! The review: every question with its answer, skipped ones marked, each
//! with a link to change it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::{answer_text, current_role, not_open_view, screen_path, use_open_questionnaire, Gate};
use crate::core::instrument::{FormText, Role};
use crate::core::questionnaire::Screen;
use crate::ui::state::{now, use_app_state};

/// `/q/:qid/review`.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let (qid, gate) = use_open_questionnaire();
    move || match gate.get() {
        Gate::Open => view! { <Review qid=qid/> }.into_any(),
        other => not_open_view(other),
    }
}

#[component]
fn Review(qid: Memo<String>) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let role = current_role(state);
    state.change(|q| q.screen = Screen::Review);
    let Some(q) = state.current.get_untracked() else {
        return ().into_any();
    };
    let skipped = q.skipped().len();
    let rows = q
        .pages()
        .into_iter()
        .enumerate()
        .flat_map(|(i, page)| page.items.into_iter().map(move |item| (i, item)))
        .map(|(i, item)| {
            let answer = q.answers.get(item.id).cloned();
            let is_skipped = answer.is_none();
            let question_key = item.text_key(role);
            let change_href = format!("{}?from=review", screen_path(&q.id, Screen::Page(i)));
            view! {
                <li class="review-row" class:skipped=is_skipped data-testid=format!("review-{}", item.id)
                    data-skipped=is_skipped.to_string()>
                    <p class="review-question">{move || state.t(question_key)}</p>
                    <p class="review-answer">
                        {match answer.clone() {
                            Some(a) => view! { <span>{move || answer_text(state, item, role, &a)}</span> }.into_any(),
                            None => view! { <span class="skipped-mark">{move || state.t("review.skipped")}</span> }.into_any(),
                        }}
                    </p>
                    <A href=change_href attr:class="link-button"
                        attr:aria-label=move || state.tw("review.change_label", &[("question", &state.t(question_key))])>
                        {move || state.t("review.change")}
                    </A>
                </li>
            }
        })
        .collect_view();
    // The summary speaks to the citizen about their own balance; a
    // professional goes straight on to sending (the comparison is theirs).
    let next = match role {
        Role::Citizen => Screen::Summary,
        Role::Professional => Screen::Send,
    };
    let finish = move |_| {
        state.change(|q| {
            if q.completed_at.is_none() {
                q.completed_at = Some(now());
            }
            q.screen = next;
        });
        navigate(
            &screen_path(&qid.get_untracked(), next),
            NavigateOptions::default(),
        );
    };
    view! {
        <section class="review">
            <h1 tabindex="-1">{move || state.t(FormText::ReviewTitle.key(role))}</h1>
            <p>{move || state.t(FormText::ReviewIntro.key(role))}</p>
            <p class="review-count" data-testid="skipped-count" data-count=skipped>
                {move || if skipped == 0 {
                    state.t(FormText::ReviewNoneSkipped.key(role))
                } else {
                    state.tw(FormText::ReviewSkippedCount.key(role), &[("n", &skipped.to_string())])
                }}
            </p>
            <ol class="review-list">{rows}</ol>
            <button type="button" class="button button-primary" data-testid="finish" on:click=finish>
                {move || state.t(FormText::ReviewFinish.key(role))}
            </button>
        </section>
    }
    .into_any()
}
