//! One screen of questions, with progress and back/next. Skipping is always
//! allowed.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{current_role, not_open_view, screen_path, use_open_questionnaire, Gate};
use crate::core::instrument::{Dimension, FormText, Page, Role, Section};
use crate::core::questionnaire::{Screen, Topic};
use crate::ui::components::{ItemInput, SectionMark, TopicIcon};
use crate::ui::speech;
use crate::ui::state::use_app_state;

/// `/q/:qid/page/:n`: the n-th screen (1-based) of the open questionnaire.
#[component]
pub fn QuestionPage() -> impl IntoView {
    let (qid, gate) = use_open_questionnaire();
    move || match gate.get() {
        Gate::Open => view! { <Questions qid=qid/> }.into_any(),
        other => not_open_view(other),
    }
}

#[component]
fn Questions(qid: Memo<String>) -> impl IntoView {
    let state = use_app_state();
    let params = use_params_map();
    let query = use_query_map();
    let role = current_role(state);
    let pages: Vec<Page> = state
        .current
        .with_untracked(|c| c.as_ref().map(|q| q.pages()).unwrap_or_default());
    // The same rule as the home screen's count.
    let total = state
        .current
        .with_untracked(|c| c.as_ref().map(|q| q.question_count()))
        .unwrap_or(pages.len());
    let pages = StoredValue::new(pages);
    let index = Memo::new(move |_| {
        let n: usize = params
            .read()
            .get("n")
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        n.clamp(1, total.max(1)) - 1
    });
    let from_review = Memo::new(move |_| query.read().get("from").as_deref() == Some("review"));
    let heading = NodeRef::<leptos::html::H1>::new();

    // Remember the position, stop reading the previous question aloud, and
    // move focus to the new question's heading.
    on_cleanup(speech::stop);
    Effect::new(move |_| {
        let i = index.get();
        speech::stop();
        state.change(|q| q.screen = Screen::Page(i));
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });

    let page = move || pages.with_value(|p| p.get(index.get()).cloned());
    let heading_text = move || {
        page().map(|p| match (p.section, p.items.as_slice()) {
            (Section::Burden, [first, ..]) => match first.relates_to {
                Some(Dimension::Domain(d)) => state.t(d.heading_key(role)),
                _ => state.t(first.text_key(role)),
            },
            (_, [only]) => state.t(only.text_key(role)),
            _ => state.t(p.section.title_key(role)),
        })
    };
    let single_item = move || page().is_some_and(|p| p.items.len() == 1);
    // The topic of this screen's section, for its icon, and whether the
    // citizen can mark it here: at the end of a capacity section, and on
    // each life domain's screen (issue 13).
    let topic_here = move || {
        let i = index.get();
        pages.with_value(|all| {
            let p = all.get(i)?;
            let last_of_section = all.get(i + 1).is_none_or(|n| n.section != p.section);
            let topic = match (p.section, p.items.first().and_then(|it| it.relates_to)) {
                (Section::Burden, Some(Dimension::Domain(d))) => Topic::of_domain(d),
                (Section::Competences, _) => Topic::Competences,
                (Section::Network, _) => Topic::Network,
                (Section::Services, _) => Topic::Services,
                _ => return None,
            };
            Some((topic, last_of_section || p.section == Section::Burden))
        })
    };
    let answered_here = move || {
        let ids: Vec<&str> = page()
            .map(|p| p.items.iter().map(|i| i.id).collect())
            .unwrap_or_default();
        state.current.with(|c| {
            c.as_ref()
                .is_some_and(|q| ids.iter().any(|id| q.answers.contains_key(*id)))
        })
    };
    let href = move |screen: Screen| screen_path(&qid.get(), screen);
    let next_href = move || {
        let i = index.get();
        if i + 1 < total {
            href(Screen::Page(i + 1))
        } else {
            href(Screen::Review)
        }
    };
    let next_label = move || {
        if index.get() + 1 == total {
            state.t(FormText::ToReview.key(role))
        } else if answered_here() {
            state.t(FormText::Next.key(role))
        } else {
            state.t(FormText::Skip.key(role))
        }
    };
    let progress_text = move || {
        state.tw(
            FormText::Progress.key(role),
            &[
                ("n", &(index.get() + 1).to_string()),
                ("total", &total.to_string()),
            ],
        )
    };

    view! {
        <section class="question-screen">
            <div class="progress-block">
                <p class="progress-text" aria-live="polite" data-testid="progress">{progress_text}</p>
                <div
                    class="progress"
                    role="progressbar"
                    aria-label=move || state.t(FormText::ProgressLabel.key(role))
                    aria-valuemin="0"
                    aria-valuemax=total
                    aria-valuenow=move || index.get() + 1
                >
                    <div class="progress-fill" style:width=move || format!("{}%", (index.get() + 1) * 100 / total.max(1))></div>
                </div>
            </div>
            <p class="section-eyebrow" data-testid="section-title">
                {move || topic_here().map(|(t, _)| view! { <TopicIcon topic=t/> })}
                {move || page().map(|p| state.t(p.section.title_key(role)))}
            </p>
            <h1 id="question-heading" tabindex="-1" node_ref=heading data-testid="question-heading">{heading_text}</h1>
            // Keyed by item: each question gets fresh controls. Patching one
            // question's radios into the next one's renamed a still-checked
            // radio into the new group, which unchecked the real answer there
            // (HTML's radio group rule) when going back between two answered
            // screens.
            <For
                each=move || page().map(|p| p.items).unwrap_or_default()
                key=|item| item.id
                let:item
            >
                {match untrack(single_item).then(|| "question-heading".to_string()) {
                    Some(id) => view! { <ItemInput item=item labelled_by=id/> }.into_any(),
                    None => view! { <ItemInput item=item/> }.into_any(),
                }}
            </For>
            {move || topic_here()
                .filter(|(_, mark)| *mark && role == Role::Citizen)
                .map(|(t, _)| view! { <SectionMark topic=t/> })}
            <p class="saved-indicator" aria-hidden="true">
                {move || answered_here().then(|| state.t(FormText::Saved.key(role)))}
            </p>
            <nav class="step-nav" aria-label=move || state.t(FormText::ProgressLabel.key(role))>
                {move || (index.get() > 0).then(|| view! {
                    <A href=move || href(Screen::Page(index.get().saturating_sub(1))) attr:class="button" attr:data-testid="back">
                        {move || state.t(FormText::Back.key(role))}
                    </A>
                })}
                <A href=next_href attr:class="button button-primary" attr:data-testid="next">{next_label}</A>
            </nav>
            {move || from_review.get().then(|| view! {
                <p><A href=move || href(Screen::Review) attr:class="button" attr:data-testid="back-to-review">
                    {move || state.t(FormText::BackToReview.key(role))}
                </A></p>
            })}
        </section>
    }
}
