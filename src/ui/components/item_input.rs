//! One question's answer control. Every change is saved the moment it is made.

use leptos::prelude::*;

use crate::core::instrument::{
    spoken_text, Answer, FormText, Item, ItemKind, Missing, Role, Scale,
};
use crate::ui::components::ErrorPanel;
use crate::ui::speech::{self, SpeechError};
use crate::ui::state::{now, use_app_state};

/// The answer control of one item of the open questionnaire.
#[component]
pub fn ItemInput(
    /// The item to answer.
    item: &'static Item,
    /// Id of the heading that already shows the question; without it the
    /// question is shown as the fieldset's legend.
    #[prop(optional, into)]
    labelled_by: Option<String>,
) -> impl IntoView {
    let state = use_app_state();
    let role = state
        .current
        .with_untracked(|c| c.as_ref().map(|q| q.role))
        .unwrap_or(Role::Citizen);
    let answer = Memo::new(move |_| {
        state
            .current
            .with(|c| c.as_ref().and_then(|q| q.answers.get(item.id).cloned()))
    });
    let set = move |new: Option<Answer>| {
        state.change(|q| {
            // The controls only offer answers that fit, so a refusal here
            // would be a bug; the stored answers stay as they were.
            let _ = q.set_answer(item.id, new, now());
        });
    };
    let hint_id = format!("hint-{}", item.id.replace('.', "-"));
    // Only some items carry an explanation below the question.
    let hint = item.hint_key(role);
    let hint_view = {
        let hint_id = hint_id.clone();
        move || hint.map(|key| view! { <p class="item-hint" id=hint_id.clone()>{state.t(key)}</p> })
    };
    let describedby = move || hint.map(|_| hint_id.clone());
    let question_key = item.text_key(role);
    let legend = {
        let hidden = labelled_by.is_some();
        move || {
            (!hidden)
                .then(|| view! { <legend class="item-legend">{state.t(question_key)}</legend> })
        }
    };

    let control = match item.kind {
        ItemKind::Single(scale) => single(item, role, scale, answer, set).into_any(),
        ItemKind::Multiple(scale) => multiple(item, role, scale, answer, set).into_any(),
        ItemKind::Text => {
            text_area(item, role, question_key, labelled_by.clone(), answer, set).into_any()
        }
    };
    let is_text = matches!(item.kind, ItemKind::Text);

    view! {
        <fieldset
            class="item"
            data-testid=format!("item-{}", item.id)
            aria-labelledby=labelled_by.clone().filter(|_| !is_text)
            aria-describedby=describedby
        >
            {legend}
            <ReadAloud item=item role=role/>
            {hint_view}
            {control}
            <ClearAnswer answer=answer role=role on_clear=move || set(None)/>
        </fieldset>
    }
}

fn option_class(selected: bool) -> &'static str {
    if selected {
        "option selected"
    } else {
        "option"
    }
}

fn single(
    item: &'static Item,
    role: Role,
    scale: Scale,
    answer: Memo<Option<Answer>>,
    set: impl Fn(Option<Answer>) + Copy + 'static,
) -> impl IntoView {
    let state = use_app_state();
    // A long numeric scale (0–10) shows eleven number tiles that wrap in
    // rows, with its two end labels written out once as text above and
    // below: in 4.5 rem tiles "0 – helemaal niet" wrapped a letter a line.
    // Each radio keeps the full label as its accessible name.
    let numeric = scale.options_for(role).len() > 6;
    let options = scale
        .options_for(role)
        .iter()
        .map(|&(code, key)| {
            let chosen = move || answer.get() == Some(Answer::Value(code));
            let shown = move || {
                if numeric {
                    code.to_string()
                } else {
                    state.t(key)
                }
            };
            view! {
                <label class=move || option_class(chosen()) data-testid=format!("opt-{}-{}", item.id, code)>
                    <input
                        type="radio"
                        name=item.id
                        value=code
                        aria-label=move || numeric.then(|| state.t(key))
                        prop:checked=chosen
                        on:change=move |_| set(Some(Answer::Value(code)))
                    />
                    <span aria-hidden=numeric.then_some("true")>{shown}</span>
                </label>
            }
        })
        .collect_view();
    let end = move |at: Option<&(i32, &'static str)>, class: &'static str| {
        at.filter(|_| numeric).map(|&(_, key)| {
            view! { <p class=class aria-hidden="true" data-testid="scale-end">{move || state.t(key)}</p> }
        })
    };
    let low = end(scale.options_for(role).first(), "scale-end scale-end-low");
    let high = end(scale.options_for(role).last(), "scale-end scale-end-high");
    let grid = if numeric {
        "options options-scale"
    } else {
        "options"
    };
    let missing = Missing::offered_for(item)
        .into_iter()
        .map(|m| {
            let chosen = move || answer.get() == Some(Answer::Missing(m));
            view! {
                <label class=move || format!("{} option-missing", option_class(chosen())) data-testid=format!("opt-{}-{}", item.id, m.code())>
                    <input
                        type="radio"
                        name=item.id
                        value=m.code()
                        prop:checked=chosen
                        on:change=move |_| set(Some(Answer::Missing(m)))
                    />
                    <span>{move || state.t(m.label_key_for(role))}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        {low}
        <div class=grid>{options}</div>
        {high}
        <p class="or" aria-hidden="true">{move || state.t(FormText::OtherOptions.key(role))}</p>
        <div class="options options-missing">{missing}</div>
    }
}

fn multiple(
    item: &'static Item,
    role: Role,
    scale: Scale,
    answer: Memo<Option<Answer>>,
    set: impl Fn(Option<Answer>) + Copy + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let chosen_codes = move || match answer.get() {
        Some(Answer::Choices(c)) => c,
        _ => Vec::new(),
    };
    let options = scale
        .options_for(role)
        .iter()
        .map(|&(code, key)| {
            let checked = move || chosen_codes().contains(&code);
            let toggle = move |_| {
                let mut codes = chosen_codes();
                if let Some(at) = codes.iter().position(|c| *c == code) {
                    codes.remove(at);
                } else {
                    codes.push(code);
                    codes.sort_unstable();
                }
                set(Some(Answer::Choices(codes)));
            };
            view! {
                <label class=move || option_class(checked()) data-testid=format!("opt-{}-{}", item.id, code)>
                    <input type="checkbox" value=code prop:checked=checked on:change=toggle/>
                    <span>{move || state.t(key)}</span>
                </label>
            }
        })
        .collect_view();
    let missing = Missing::offered_for(item)
        .into_iter()
        .map(|m| {
            let checked = move || answer.get() == Some(Answer::Missing(m));
            let toggle = move |_| set((!checked()).then_some(Answer::Missing(m)));
            view! {
                <label class=move || format!("{} option-missing", option_class(checked())) data-testid=format!("opt-{}-{}", item.id, m.code())>
                    <input type="checkbox" value=m.code() prop:checked=checked on:change=toggle/>
                    <span>{move || state.t(m.label_key_for(role))}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <p class="item-hint">{move || state.t(FormText::ChooseAny.key(role))}</p>
        <div class="options">{options}</div>
        <p class="or" aria-hidden="true">{move || state.t(FormText::OtherOptions.key(role))}</p>
        <div class="options options-missing">{missing}</div>
    }
}

fn text_area(
    item: &'static Item,
    role: Role,
    question_key: &'static str,
    labelled_by: Option<String>,
    answer: Memo<Option<Answer>>,
    set: impl Fn(Option<Answer>) + Copy + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let id = format!("text-{}", item.id.replace('.', "-"));
    let current = move || match answer.get() {
        Some(Answer::Text(t)) => t,
        _ => String::new(),
    };
    let label = labelled_by.is_none().then(|| {
        let id = id.clone();
        view! { <label for=id class="item-legend">{move || state.t(question_key)}</label> }
    });
    view! {
        {label}
        <p class="item-hint">{move || state.t(FormText::TextHint.key(role))}</p>
        <textarea
            id=id
            rows="5"
            data-testid=format!("text-{}", item.id)
            aria-labelledby=labelled_by
            prop:value=current
            on:input=move |ev| set(Some(Answer::Text(event_target_value(&ev))))
        ></textarea>
    }
}

/// Speaks the question and its options in the current language.
#[component]
fn ReadAloud(item: &'static Item, role: Role) -> impl IntoView {
    let state = use_app_state();
    let problem = RwSignal::new(None::<SpeechError>);
    let read = move |_| {
        let lang = state.lang.get_untracked();
        problem.set(speech::speak(&spoken_text(item, role, lang), lang).err());
    };
    view! {
        <button type="button" class="read-aloud" data-testid=format!("read-aloud-{}", item.id) on:click=read>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path d="M4 9v6h4l5 4V5L8 9H4zm12.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4z" fill="currentColor"/>
            </svg>
            <span>{move || state.t(FormText::ReadAloud.key(role))}</span>
        </button>
        <p class="read-aloud-problem" role="status" data-testid="read-aloud-problem">
            {move || problem.get().map(|e| view! { <ErrorPanel error=e/> })}
        </p>
    }
}

/// "Clear answer", shown once something is answered, so skipping stays
/// possible after a first click.
#[component]
fn ClearAnswer(
    answer: Memo<Option<Answer>>,
    role: Role,
    on_clear: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_app_state();
    move || {
        answer.get().filter(|a| !matches!(a, Answer::Text(_))).map(|_| {
            view! {
                <button type="button" class="link-button clear-answer" data-testid="clear-answer" on:click=move |_| on_clear()>
                    {state.t(FormText::Clear.key(role))}
                </button>
            }
        })
    }
}
