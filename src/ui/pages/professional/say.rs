//! The citizen's own say on the professional's screens (issue 13): the
//! topics they want to talk about, first on the comparison and the
//! respondent page, and the three angles in one picture.

use leptos::prelude::*;

use leptos_router::components::A;

use super::import::{import_one, Outcome};
use super::{moment_query, respondent_path, use_target, with_respondent, Target, WorkspaceHandle};
use crate::core::exchange::{encrypt, Envelope};
use crate::core::instrument::{Moment, Role};
use crate::core::professional::{import_key, Angles, ImportedForm, Topic as Block};
use crate::core::questionnaire::{Mode, Topic};
use crate::ui::browser::{self, DownloadOptions};
use crate::ui::components::{AnyProblem, ErrorPanel, TopicIcon};
use crate::ui::state::{now, use_app_state, AppState};
use crate::ui::store::{self, LoadedRecord};

/// The citizen's imported form of a person at a moment, if it is there.
pub fn citizen_form(
    handle: WorkspaceHandle,
    code: &str,
    member: Option<&str>,
    moment: Moment,
) -> Option<ImportedForm> {
    let id = handle
        .ws
        .with_untracked(|w| w.citizen_id(code, member, moment));
    match store::load_record::<ImportedForm>(&import_key(&id)) {
        LoadedRecord::Found(form) => Some(form),
        _ => None,
    }
}

/// The latest moment whose imported citizen's form says something of their
/// own say (topics or mode), with that form's envelope.
pub fn latest_say(
    handle: WorkspaceHandle,
    code: &str,
    member: Option<&str>,
) -> Option<(Moment, Envelope)> {
    Moment::ALL.into_iter().rev().find_map(|m| {
        citizen_form(handle, code, member, m)
            .filter(|f| f.envelope.topics.is_some() || f.envelope.mode.is_some())
            .map(|f| (m, f.envelope))
    })
}

/// Catalogue key of the mode in the professional's words.
pub fn mode_key(mode: Mode) -> &'static str {
    match mode {
        Mode::Alone => "pro.mode.alone",
        Mode::WithSomeoneClose => "pro.mode.with_someone_close",
        Mode::WithProfessional => "pro.mode.with_professional",
    }
}

/// The marked topics as words: "Geld en schulden, Mensen om u heen, …"
/// ("something else" in the citizen's own words).
pub fn topic_words(state: AppState, envelope: &Envelope) -> Option<String> {
    let topics = envelope.topics.as_ref()?;
    let words: Vec<String> = topics
        .marked
        .iter()
        .map(|t| match t {
            Topic::Other if !topics.other.is_empty() => {
                state.tw("pro.say.other", &[("text", &topics.other)])
            }
            t => state.t(t.label_key()),
        })
        .collect();
    (!words.is_empty()).then(|| words.join(", "))
}

/// "De inwoner wil praten over …", with icons, the words for something
/// else and how the form was filled in.
#[component]
pub fn CitizenSay(
    /// The moment and envelope of the citizen's latest say, if any.
    say: Option<(Moment, Envelope)>,
) -> impl IntoView {
    let state = use_app_state();
    let body = match &say {
        None => view! { <p data-testid="say-unknown">{state.t("pro.say.unknown")}</p> }.into_any(),
        Some((moment, e)) => {
            let topics = e.topics.clone().unwrap_or_default();
            let items = topics
                .marked
                .iter()
                .map(|t| {
                    let words = match t {
                        Topic::Other if !topics.other.is_empty() => {
                            state.tw("pro.say.other", &[("text", &topics.other)])
                        }
                        t => state.t(t.label_key()),
                    };
                    view! { <li data-testid=format!("say-topic-{}", t.code())><TopicIcon topic=*t/>" "{words}</li> }
                })
                .collect_view();
            let none = topics
                .none
                .then(|| view! { <p data-testid="say-none">{state.t("pro.say.none")}</p> });
            let mode = e.mode.map(|m| {
                view! { <p data-testid="say-mode" data-mode=m.name()>{state.tw("pro.say.mode", &[("mode", &state.t(mode_key(m)))])}</p> }
            });
            view! {
                <ul class="say-topics">{items}</ul>
                {none}
                {mode}
                <p class="hint">{state.tw("pro.say.moment", &[("moment", moment.code())])}</p>
            }
            .into_any()
        }
    };
    view! {
        <section class="panel citizen-say" data-testid="citizen-say">
            <h2>{state.t("pro.say.title")}</h2>
            {body}
        </section>
    }
}

/// The four lines of the picture: catalogue key, and whether its marks
/// come from the behaviour items.
const LINES: [(&str, bool); 4] = [
    ("pro.angles.self_image", false),
    ("pro.angles.picture", false),
    ("pro.angles.behaviour_citizen", true),
    ("pro.angles.behaviour_professional", true),
];

fn topic_of(block: Block) -> Topic {
    match block {
        Block::Network => Topic::Network,
        Block::Services => Topic::Services,
        _ => Topic::Competences,
    }
}

/// The three angles in one picture: per capacity dimension a dot plot of
/// the four lines over T0–T2 (0–100), marked moments ringed, the marked
/// questions listed, and the same numbers as a table for screen readers.
#[component]
pub fn AnglesChart(
    /// The three dimensions.
    angles: Vec<Angles>,
) -> impl IntoView {
    let state = use_app_state();
    let dims = angles
        .into_iter()
        .map(|a| dimension_view(state, a))
        .collect_view();
    view! {
        <section class="angles" data-testid="angles-chart">
            <h2>{state.t("pro.angles.title")}</h2>
            <p class="hint">{state.t("pro.angles.desc")}</p>
            <p class="angles-legend" aria-hidden="true">
                {Moment::ALL.iter().enumerate().map(|(i, m)| view! {
                    <span class=format!("angles-key dot-t{i}")>{m.code()}</span>" "
                }).collect_view()}
            </p>
            {dims}
        </section>
    }
}

fn value_text(state: AppState, v: Option<f64>) -> String {
    v.map_or_else(|| state.t("pro.angles.none"), |v| format!("{v:.0}"))
}

fn dimension_view(state: AppState, a: Angles) -> impl IntoView {
    let topic = topic_of(a.topic);
    let rows = LINES
        .iter()
        .enumerate()
        .map(|(line, (key, behaviour))| {
            let dots = Moment::ALL
                .into_iter()
                .enumerate()
                .filter_map(|(i, m)| {
                    let v = a.moments[i].all()[line]?.clamp(0.0, 100.0);
                    let marked = a.marked_at(m, *behaviour);
                    // Later moments a little lower, so equal values stay apart.
                    let y = 5.0 + i as f64 * 3.0;
                    Some(view! {
                        <circle cx=4.0 + v cy=y r="3.2" class=format!("dot dot-t{i}") class:dot-marked=marked
                            data-moment=m.code() data-marked=marked.to_string()/>
                        <text x=4.0 + v y=y + 1.2 class="dot-label">{i.to_string()}</text>
                    })
                })
                .collect_view();
            view! {
                <div class="angles-row" data-line=*key>
                    <span class="angles-label">{state.t(key)}</span>
                    <svg class="angles-strip" viewBox="0 0 108 16" aria-hidden="true">
                        <line x1="4" x2="104" y1="8" y2="8" class="angles-track"/>
                        <line x1="54" x2="54" y1="3" y2="13" class="angles-track"/>
                        {dots}
                    </svg>
                </div>
            }
        })
        .collect_view();
    let marks = if a.marked.is_empty() {
        view! { <p class="hint">{state.t("pro.angles.no_marks")}</p> }.into_any()
    } else {
        view! {
            <ul class="angles-marks">
                {a.marked.iter().map(|m| view! {
                    <li data-testid="angles-mark" data-item=m.item.id data-moment=m.moment.code()>
                        {state.tw("pro.angles.marked", &[
                            ("moment", m.moment.code()),
                            ("question", &state.t(m.item.text_key(Role::Citizen))),
                            ("citizen", &m.citizen.to_string()),
                            ("professional", &m.professional.to_string()),
                        ])}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let table_rows = LINES
        .iter()
        .enumerate()
        .map(|(line, (key, _))| {
            view! {
                <tr>
                    <th scope="row">{state.t(key)}</th>
                    {(0..3).map(|i| view! { <td>{value_text(state, a.moments[i].all()[line])}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    let title = state.t(a.topic.title_key());
    view! {
        <section class="angles-dim" data-testid=format!("angles-{}", topic.code())>
            <h3><TopicIcon topic=topic/>" "{title.clone()}</h3>
            <div class="angles-plot" aria-hidden="true">
                {rows}
                // In the rows' own grid, so 0 and 100 stand under the ends of
                // the strips at every width and on paper.
                <div class="angles-row">
                    <span></span>
                    <p class="angles-scale"><span>"0"</span><span>"50"</span><span>"100"</span></p>
                </div>
            </div>
            // A table takes the width of its cells whatever its own width
            // says, so the hiding wrapper is a block (a hidden table made
            // the phone page scroll sideways).
            <div class="visually-hidden"><table>
                <caption>{title}</caption>
                <thead><tr>
                    <th scope="col">{state.t("pro.angles.measure")}</th>
                    {Moment::ALL.iter().map(|m| view! { <th scope="col">{m.code()}</th> }).collect_view()}
                </tr></thead>
                <tbody>{table_rows}</tbody>
            </table></div>
            {marks}
        </section>
    }
}

/// `/pro/:wid/r/:code/together?m=…`: the end of "samen invullen": makes
/// the file of the citizen's form filled in together on this device (for
/// the researcher and the professional), imports it into the workspace at
/// once, and forgets the form, which was never stored (issue 13).
#[component]
pub fn TogetherPage() -> impl IntoView {
    let target = use_target();
    move || {
        with_respondent(target.get(), |handle, target| {
            view! { <Together handle=handle target=target/> }.into_any()
        })
    }
}

#[component]
fn Together(handle: WorkspaceHandle, target: Target) -> impl IntoView {
    let state = use_app_state();
    let done = RwSignal::new(false);
    let problem = RwSignal::new(None::<AnyProblem>);
    let (code, moment, member) = (target.code.clone(), target.moment, target.member.clone());
    let open = move || {
        let id = state.transient.get();
        state.current.with(|c| {
            c.as_ref().is_some_and(|q| {
                // Without the citizen's consent there is no file to make.
                q.consent.is_some()
                    && id.as_deref() == Some(q.id.as_str())
                    && q.invitation.respondent == code
                    && q.invitation.moment == moment
                    && q.invitation.member == member
            })
        })
    };
    let expected = StoredValue::new(target.code.clone());
    let make = move |_: leptos::ev::MouseEvent| {
        let Some(q) = state.current.get_untracked() else {
            return;
        };
        let envelope = Envelope::of(&q, state.lang.get_untracked(), now());
        let name = envelope.file_name();
        let made = encrypt(&envelope, &q.invitation.recipients())
            .map_err(AnyProblem::from)
            .and_then(|armored| {
                browser::download(&armored, &name, DownloadOptions::default())
                    .map(|()| armored)
                    .map_err(AnyProblem::from)
            });
        let armored = match made {
            Ok(armored) => armored,
            Err(e) => return problem.set(Some(e)),
        };
        match import_one(
            state,
            handle,
            name,
            armored.as_bytes(),
            Some(&expected.get_value()),
        ) {
            Outcome::Imported { .. } => {
                state.transient.set(None);
                state.current.set(None);
                done.set(true);
            }
            Outcome::Refused { error, .. } => problem.set(Some(error)),
        }
    };
    let back = respondent_path(&target.wid, &target.code);
    let make = StoredValue::new(make);
    let compare = format!(
        "{back}/compare{}",
        moment_query(target.moment, target.member.as_deref())
    );
    view! {
        <section class="pro-together" data-testid="together-page">
            <h1 tabindex="-1">{state.t("pro.together.title")}</h1>
            {move || if done.get() {
                view! {
                    <p class="banner banner-success" role="status" data-testid="together-done">{state.t("pro.together.done")}</p>
                    <p><A href=compare.clone() attr:class="button button-primary" attr:data-testid="together-compare">{state.t("pro.compare.button")}</A></p>
                }.into_any()
            } else if open() {
                view! {
                    <p>{state.t("pro.together.hint")}</p>
                    <p><button type="button" class="button button-primary" data-testid="together-make" on:click=move |ev| make.with_value(|f| f(ev))>
                        {state.t("pro.together.make")}
                    </button></p>
                }.into_any()
            } else {
                view! { <p data-testid="together-nothing">{state.t("pro.together.nothing")}</p> }.into_any()
            }}
            <p role="alert">{move || problem.get().map(|e| view! { <ErrorPanel error=e/> })}</p>
            <p><A href=back.clone()>{state.t("pro.respondent.back")}</A></p>
        </section>
    }
}
