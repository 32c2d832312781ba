//! `/research/interview`: the researcher's interviews with professionals,
//! after T0 and before T2. The list of respondents, and per respondent and
//! interview (`?r=<code>&m=<1|2>`) the facts to start from (the support
//! plan and the two questionnaires side by side, when imported) and the
//! guide with a note per question, saved on this device as it is typed.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::calendar::InterviewCalendar;
use super::{number, tr, use_research_state};
use crate::core::instrument::Role;
use crate::core::links::{validate_respondent_code, RespondentCodeError};
use crate::core::professional::{compare, Group, Pair, Topic};
use crate::core::questionnaire::quarantined_from;
use crate::core::research::{
    guide, interview_key, plan_of, Answering, Interview, InterviewMoment, NoteError, ResearchData,
    Theme, INTERVIEW_PREFIX,
};
use crate::ui::autosave::{Autosaved, Opened};
use crate::ui::components::{ErrorPanel, PlanSheet};
use crate::ui::pages::answer_text;
use crate::ui::state::{now, use_app_state, AppState};
use crate::ui::store::{self, LoadedRecord};

/// Every interview stored on this device (unreadable ones are set aside by
/// the store and left out).
pub fn stored_interviews() -> Vec<Interview> {
    store::record_keys(INTERVIEW_PREFIX)
        .iter()
        .filter(|key| quarantined_from(key).is_none())
        .filter_map(|key| match store::load_record::<Interview>(key) {
            LoadedRecord::Found(interview) => Some(interview),
            _ => None,
        })
        .collect()
}

fn interview_href(code: &str, moment: InterviewMoment) -> String {
    format!(
        "/research/interview?r={}&m={}",
        String::from(js_sys::encode_uri_component(code)),
        moment.number()
    )
}

/// `/research/interview[?r=<code>&m=<1|2>]`.
#[component]
pub fn InterviewPage() -> impl IntoView {
    let query = use_query_map();
    let chosen = Memo::new(move |_| {
        let query = query.read();
        let code = query
            .get("r")
            .filter(|c| validate_respondent_code(c).is_ok());
        let moment = query
            .get("m")
            .and_then(|m| InterviewMoment::from_number(&m));
        code.zip(moment)
    });
    let state = use_app_state();
    move || {
        // Built in the language of the moment: switching rebuilds the screen
        // (the notes are saved, so nothing is lost).
        state.lang.track();
        match chosen.get() {
            Some((code, moment)) => view! { <InterviewView code=code moment=moment/> }.into_any(),
            None => view! { <InterviewList/> }.into_any(),
        }
    }
}

/// Respondents with imported forms or interviews, and how far each got.
#[component]
fn InterviewList() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let interviews = stored_interviews();
    let rows = move || {
        let mut codes: Vec<String> = research.data.with(|d| {
            d.records
                .iter()
                .map(|r| r.envelope.respondent.to_string())
                .collect()
        });
        codes.extend(interviews.iter().map(|i| i.respondent.to_string()));
        codes.sort_unstable();
        codes.dedup();
        codes
            .into_iter()
            .map(|code| {
                let has_plan = research.data.with(|d| plan_of(d, &code).is_some());
                let professionals = research.data.with(|d| d.professional_ids(&code)).join(", ");
                let links = InterviewMoment::ALL
                    .into_iter()
                    .map(|m| {
                        let notes = interviews
                            .iter()
                            .find(|i| i.respondent == code && i.moment == m)
                            .map_or(0, |i| i.filled().count());
                        let of_code = state.tw("interview.list.of_code", &[("code", &code)]);
                        view! {
                            // Named with the respondent: a screen reader's
                            // list of links otherwise reads the same two
                            // names once per respondent (issue 12).
                            <A href=interview_href(&code, m) attr:class="button"
                                attr:data-testid=format!("open-interview-{}", m.number())>
                                {state.t(m.label_key())}
                                <span class="visually-hidden">" " {of_code}</span>
                                {(notes > 0).then(|| view! {
                                    " " <span class="hint">{state.tw("interview.list.notes", &[("n", &notes.to_string())])}</span>
                                })}
                            </A>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="card" data-testid="interview-row" data-code=code.clone()>
                        <h2>{state.tw("respondent.label", &[("code", &code)])}</h2>
                        <p>{state.t(if has_plan { "interview.list.plan" } else { "interview.list.no_plan" })}</p>
                        {(!professionals.is_empty()).then(|| view! {
                            <p data-testid="interview-professional">
                                {state.tw("interview.list.professional", &[("ids", &professionals)])}
                            </p>
                        })}
                        <div class="moment-actions">{links}</div>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section data-testid="interview-list">
            <h1 tabindex="-1">{tr(state, "interview.title")}</h1>
            <p>{tr(state, "interview.intro")}</p>
            <OpenByCode/>
            <ul class="card-list">{rows}</ul>
            <InterviewCalendar/>
        </section>
    }
}

/// Opens an interview for any respondent code, also one not imported yet.
#[component]
fn OpenByCode() -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<RespondentCodeError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked().trim().to_string();
        match validate_respondent_code(&typed) {
            Ok(()) => navigate(
                &interview_href(&typed, InterviewMoment::First),
                NavigateOptions::default(),
            ),
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="inline-form panel" on:submit=submit novalidate>
            <label for="interview-code" class="field-label">{tr(state, "interview.list.code")}</label>
            <div class="input-row">
                <input id="interview-code" type="text" class="text-input" data-testid="interview-code"
                    autocomplete="off" spellcheck="false" maxlength="40" aria-describedby="interview-code-error"
                    bind:value=code on:input=move |_| error.set(None)/>
                <button type="submit" class="button" data-testid="interview-open">{tr(state, "interview.list.open")}</button>
            </div>
            <p id="interview-code-error" class="field-error" role="alert">{move || error.get().map(|e| view! { <ErrorPanel error=e/> })}</p>
        </form>
    }
}

/// The two questionnaires of `code` at the interview's moment, side by side:
/// per topic both scores and how many items differ by two or more points,
/// and those items.
fn summary_view(
    state: AppState,
    data: &ResearchData,
    code: &str,
    moment: InterviewMoment,
) -> AnyView {
    let at = moment.questionnaire_moment();
    let answers = |role: Role| {
        data.records
            .iter()
            .find(|r| {
                let e = &r.envelope;
                e.respondent == code && e.member.is_none() && e.role == role && e.moment == at
            })
            .map(|r| &r.envelope.answers)
    };
    let pair = Pair {
        citizen: answers(Role::Citizen),
        professional: answers(Role::Professional),
    };
    if !pair.any() {
        return view! {
            <p class="banner banner-info" data-testid="interview-no-forms">
                {state.tw("interview.facts.no_forms", &[("moment", at.code())])}
            </p>
        }
        .into_any();
    }
    let lang = state.lang.get_untracked();
    let present = |side: Option<_>| {
        state.t(if side.is_some() {
            "interview.facts.present"
        } else {
            "interview.facts.missing"
        })
    };
    let sources = state.tw(
        "interview.facts.sources",
        &[
            ("moment", at.code()),
            ("citizen", &present(pair.citizen)),
            ("professional", &present(pair.professional)),
        ],
    );
    let comparison = compare(pair, None);
    // The balance topic has no 0–100 score; it shows its two 0–10 answers.
    let cell = |g: &Group, role: Role| match g.topic {
        Topic::Balance
            if [g.value("bal.worries", role), g.value("bal.strength", role)] == [None, None] =>
        {
            "–".to_string()
        }
        Topic::Balance => {
            let value = |id| {
                g.value(id, role)
                    .map_or_else(|| "–".to_string(), |v| v.to_string())
            };
            state.tw(
                "interview.facts.balance_cell",
                &[
                    ("worries", &value("bal.worries")),
                    ("strength", &value("bal.strength")),
                ],
            )
        }
        _ => {
            let score = match role {
                Role::Citizen => g.citizen_score.now,
                Role::Professional => g.professional_score.now,
            };
            number(lang, score, 0)
        }
    };
    let row = |g: &Group| {
        view! {
            <tr data-testid="interview-topic" data-topic=g.topic.code() data-marked=g.marked_count()>
                <th scope="row">{state.t(g.topic.title_key())}</th>
                <td class="num num-words" data-testid="interview-topic-citizen">{cell(g, Role::Citizen)}</td>
                <td class="num num-words" data-testid="interview-topic-professional">{cell(g, Role::Professional)}</td>
                <td class="num">{g.marked_count()}</td>
            </tr>
        }
    };
    let marked = comparison
        .groups
        .iter()
        .flat_map(|g| g.rows.iter().chain(&g.behaviour))
        .filter(|r| r.marked)
        .map(|r| {
            let side = |a: &Option<crate::core::instrument::Answer>| {
                a.as_ref()
                    .map(|a| answer_text(state, r.item, Role::Professional, a))
                    .unwrap_or_default()
            };
            view! {
                <li data-testid="interview-marked">
                    {state.t(r.item.text_key(Role::Citizen))} " "
                    <span class="hint">{state.tw("interview.facts.marked_item", &[
                        ("citizen", &side(&r.citizen)),
                        ("professional", &side(&r.professional)),
                    ])}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <p>{sources}</p>
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="interview-compare-caption">
            <table class="data-table" data-testid="interview-compare">
                <caption id="interview-compare-caption">{state.t("interview.facts.compare_caption")}</caption>
                <thead><tr>
                    <th scope="col">{state.t("interview.facts.col_topic")}</th>
                    <th scope="col" class="num">{state.t("pro.compare.col_citizen")}</th>
                    <th scope="col" class="num">{state.t("pro.compare.col_professional")}</th>
                    <th scope="col" class="num">{state.t("interview.facts.col_marked")}</th>
                </tr></thead>
                <tbody>{comparison.groups.iter().map(row).collect_view()}</tbody>
            </table>
        </div>
        <h3>{state.t("interview.facts.marked")}</h3>
        {if marked.is_empty() {
            view! { <p>{state.t("interview.facts.marked_none")}</p> }.into_any()
        } else {
            view! { <ul>{marked}</ul> }.into_any()
        }}
    }
    .into_any()
}

/// One interview: the facts first, then the guide with the notes.
#[component]
fn InterviewView(code: String, moment: InterviewMoment) -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let Opened { record, set_aside } =
        Autosaved::open(interview_key(&code.as_str().into(), moment), state, || {
            Interview::new(&code, moment, now())
        });
    let error = RwSignal::new(None::<NoteError>);
    let plan = research.data.with_untracked(|d| plan_of(d, &code).cloned());
    let summary = research
        .data
        .with_untracked(|d| summary_view(state, d, &code, moment));
    let mut questions = Vec::new();
    let mut theme: Option<Theme> = None;
    for q in guide(moment) {
        if theme != Some(q.theme) {
            theme = Some(q.theme);
            questions.push(view! { <h3>{state.t(q.theme.title_key())}</h3> }.into_any());
        }
        let id = format!("note-{}", q.id.replace('.', "-"));
        let qid = q.id;
        let save = move |text: String| match record.change(|i| i.set_note(qid, &text, now())) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(e)),
        };
        let field = match q.answering {
            Answering::Open => view! {
                <div class="plan-field">
                    <label for=id.clone() class="field-label">{state.t(q.text_key())}</label>
                    <textarea id=id rows="4" data-testid=format!("note-{qid}") maxlength=crate::core::research::MAX_NOTE.to_string()
                        prop:value=move || record.value.with(|i| i.note(qid).to_string())
                        on:input=move |ev| save(event_target_value(&ev))></textarea>
                </div>
            }
            .into_any(),
            Answering::Number => view! {
                <div class="plan-field">
                    <label for=id.clone() class="field-label">{state.t(q.text_key())}</label>
                    <input id=id type="text" inputmode="numeric" maxlength="3" class="text-input number-input"
                        autocomplete="off" data-testid=format!("note-{qid}")
                        prop:value=move || record.value.with(|i| i.note(qid).to_string())
                        on:input=move |ev| save(event_target_value(&ev))/>
                </div>
            }
            .into_any(),
            Answering::YesNo => {
                let options = [
                    ("yes", "interview.answer.yes"),
                    ("no", "interview.answer.no"),
                    ("", "interview.answer.unset"),
                ];
                view! {
                    <fieldset class="plan-field role-switch" data-testid=format!("note-{qid}")>
                        <legend class="field-label">{state.t(q.text_key())}</legend>
                        {options.into_iter().map(|(value, key)| {
                            let chosen = move || record.value.with(|i| i.note(qid) == value);
                            view! {
                                <label class="option" class:selected=chosen>
                                    <input type="radio" name=id.clone() value=value
                                        data-testid=format!("note-{qid}-{}", if value.is_empty() { "unset" } else { value })
                                        prop:checked=chosen
                                        on:change=move |_| save(value.to_string())/>
                                    <span>{state.t(key)}</span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                }
                .into_any()
            }
        };
        questions.push(field);
    }
    view! {
        <section class="interview" data-testid="interview-page" data-code=code.clone() data-moment=moment.number()>
            <p><A href="/research/interview">{tr(state, "interview.back")}</A></p>
            <h1 tabindex="-1">{state.tw("interview.heading", &[("n", &moment.number().to_string()), ("code", &code)])}</h1>
            <p class="section-eyebrow">{state.t(moment.label_key())}</p>
            {set_aside.then(|| view! {
                <p class="banner banner-error" role="alert">{state.t("interview.set_aside")}</p>
            })}
            <section class="panel interview-facts" aria-labelledby="interview-facts-title">
                <h2 id="interview-facts-title">{state.t("interview.facts.title")}</h2>
                {match plan {
                    Some(plan) => view! { <PlanSheet plan=Signal::stored(plan) staff=true/> }.into_any(),
                    None => view! {
                        <p class="banner banner-info" data-testid="interview-no-plan">{state.t("interview.facts.no_plan")}</p>
                    }.into_any(),
                }}
                <h3>{state.t("interview.facts.forms")}</h3>
                {summary}
            </section>
            <section aria-labelledby="interview-guide-title">
                <h2 id="interview-guide-title">{state.t("interview.guide.title")}</h2>
                <p class="hint">{state.t("interview.guide.saved")}</p>
                {questions}
                <p class="banner banner-error" role="alert" data-testid="interview-error"
                    class:visually-hidden=move || error.with(Option::is_none)>
                    {move || error.get().map(|e| view! { <ErrorPanel error=e/> })}
                </p>
            </section>
        </section>
    }
}
