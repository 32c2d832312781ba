//! The citizen's own say (issue 13): "hier wil ik over praten" marks and
//! how the questionnaire was filled in. Saved at once like an answer
//! (`AppState::change`); read-aloud and keyboard like every question.

use leptos::prelude::*;

use super::icons::TopicIcon;
use crate::core::instrument::{FormText, Role};
use crate::core::questionnaire::{Mode, OwnSay, Topic};
use crate::ui::components::ErrorPanel;
use crate::ui::speech::{self, SpeechError};
use crate::ui::state::{now, use_app_state, AppState};

fn says<R>(state: AppState, f: impl FnOnce(&OwnSay) -> R) -> Option<R> {
    state.current.with(|c| c.as_ref().map(|q| f(&q.own_say)))
}

fn set_topic(state: AppState, topic: Topic, on: bool) {
    state.change(|q| q.change_say(now(), |s, at| s.set_topic(topic, on, at)));
}

/// A read-aloud button for a block of the say: speaks `keys` in order.
fn read_aloud(state: AppState, testid: &'static str, keys: Vec<&'static str>) -> impl IntoView {
    let problem = RwSignal::new(None::<SpeechError>);
    let read = move |_| {
        let lang = state.lang.get_untracked();
        let text = keys
            .iter()
            .map(|k| crate::core::i18n::text(lang, k))
            .collect::<Vec<_>>()
            .join(". ");
        problem.set(speech::speak(&text, lang).err());
    };
    view! {
        <button type="button" class="read-aloud" data-testid=testid on:click=read>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path d="M4 9v6h4l5 4V5L8 9H4zm12.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4z" fill="currentColor"/>
            </svg>
            <span>{move || state.t(FormText::ReadAloud.key(Role::Citizen))}</span>
        </button>
        <p class="read-aloud-problem" role="status">
            {move || problem.get().map(|e| view! { <ErrorPanel error=e/> })}
        </p>
    }
}

/// One topic as a checkbox with its icon.
fn topic_box(state: AppState, topic: Topic, label: Option<&'static str>) -> impl IntoView {
    let checked = move || says(state, |s| s.is_marked(topic)).unwrap_or(false);
    let text = move || match label {
        Some(key) => state.tw(key, &[("topic", &state.t(topic.label_key()))]),
        None => state.t(topic.label_key()),
    };
    view! {
        <label class="option option-icon" class:selected=checked data-testid=format!("topic-{}", topic.code())>
            <input type="checkbox" prop:checked=checked
                on:change=move |ev| set_topic(state, topic, event_target_checked(&ev))/>
            <TopicIcon topic=topic/>
            <span>{text}</span>
        </label>
    }
}

/// The mark of one topic at the end of its section of questions.
#[component]
pub fn SectionMark(
    /// The section's topic.
    topic: Topic,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="section-mark" data-testid="section-mark">
            {topic_box(state, topic, Some("say.mark"))}
            <p class="item-hint">{move || state.t("say.mark_hint")}</p>
        </div>
    }
}

/// Every topic, "something else" with own words, and "nothing in
/// particular": the summary's block.
#[component]
pub fn TopicMarks() -> impl IntoView {
    let state = use_app_state();
    let group = |topics: &[Topic]| {
        topics
            .iter()
            .map(|t| topic_box(state, *t, None))
            .collect_view()
    };
    let domains: Vec<Topic> = Topic::ALL[3..11].to_vec();
    let other_on = move || says(state, |s| s.is_marked(Topic::Other)).unwrap_or(false);
    let words = move || says(state, |s| s.other_words.value.clone()).unwrap_or_default();
    let nothing = move || says(state, OwnSay::wants_nothing).unwrap_or(false);
    let mut spoken = vec!["say.title", "say.intro"];
    spoken.extend(Topic::ALL.iter().map(|t| t.label_key()));
    spoken.push("say.nothing");
    view! {
        <fieldset class="item panel own-say" data-testid="topic-marks">
            <legend class="item-legend">{move || state.t("say.title")}</legend>
            {read_aloud(state, "read-aloud-topics", spoken)}
            <p class="item-hint">{move || state.t("say.intro")}</p>
            <p class="chart-group" aria-hidden="true">{move || state.t("say.strength")}</p>
            <div class="options options-two">{group(&Topic::CAPACITY)}</div>
            <p class="chart-group" aria-hidden="true">{move || state.t("say.worries")}</p>
            <div class="options options-two">{group(&domains)}</div>
            <div class="options">{topic_box(state, Topic::Other, None)}</div>
            {move || other_on().then(|| view! {
                <label for="topic-other-words" class="field-label">{state.t("say.other_words")}</label>
                <input id="topic-other-words" type="text" data-testid="topic-other-words" maxlength="1000"
                    prop:value=words
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        state.change(|q| q.change_say(now(), |s, at| s.set_other_words(&text, at)));
                    }/>
            })}
            <div class="options options-missing">
                <label class="option option-missing" class:selected=nothing data-testid="topic-none">
                    <input type="checkbox" prop:checked=nothing on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.change(|q| q.change_say(now(), |s, at| s.set_nothing(on, at)));
                    }/>
                    <span>{move || state.t("say.nothing")}</span>
                </label>
            </div>
        </fieldset>
    }
}

/// "How did you fill in this questionnaire?"
#[component]
pub fn ModeQuestion() -> impl IntoView {
    let state = use_app_state();
    let current = move || says(state, |s| s.mode.value).flatten();
    let mut spoken = vec!["mode.title"];
    spoken.extend(Mode::ALL.iter().map(|m| m.label_key()));
    let options = Mode::ALL
        .into_iter()
        .map(|mode| {
            let chosen = move || current() == Some(mode);
            view! {
                <label class="option" class:selected=chosen data-testid=format!("mode-{}", mode.name())>
                    <input type="radio" name="mode" value=mode.name() prop:checked=chosen on:change=move |_| {
                        state.change(|q| q.change_say(now(), |s, at| s.set_mode(Some(mode), at)));
                    }/>
                    <span>{move || state.t(mode.label_key())}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="item panel own-say" data-testid="mode-question">
            <legend class="item-legend">{move || state.t("mode.title")}</legend>
            {read_aloud(state, "read-aloud-mode", spoken)}
            <p class="item-hint">{move || state.t("mode.hint")}</p>
            <div class="options">{options}</div>
        </fieldset>
    }
}
