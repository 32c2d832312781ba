//! `/pro/:wid/r/:code/compare?m=T0&h=member`: the two pictures side by side,
//! per dimension and burden domain, differences of two or more points
//! marked and first, and the change since the previous moment. Prints as a
//! handout for the conversation.

use leptos::prelude::*;
use leptos_router::components::A;

use super::say::{latest_say, AnglesChart, CitizenSay};
use super::WorkspaceHandle;
use super::{day, respondent_path, use_target, who_when, with_respondent, Target};
use crate::core::instrument::{Answer, Item, Moment, Role, Section, ITEMS};
use crate::core::professional::{
    compare, import_key, previous_moment, three_angles, Comparison, Group, ImportedForm, Pair, Row,
    ScorePair, Topic, MARK_DIFFERENCE,
};
use crate::core::questionnaire::{Progress, Questionnaire};
use crate::ui::browser;
use crate::ui::pages::answer_text;
use crate::ui::state::{use_app_state, AppState};
use crate::ui::store::{self, Loaded, LoadedRecord};

/// `/pro/:wid/r/:code/compare`.
#[component]
pub fn ComparePage() -> impl IntoView {
    let target = use_target();
    move || {
        with_respondent(target.get(), |handle, target| {
            view! { <CompareView handle=handle target=target/> }.into_any()
        })
    }
}

/// Both forms of one person at one moment, as stored on this device.
struct Sources {
    citizen: Option<ImportedForm>,
    professional: Option<Questionnaire>,
}

fn load_sources(handle: WorkspaceHandle, target: &Target, moment: Moment) -> Sources {
    let member = target.member.as_deref();
    handle.ws.with_untracked(|ws| Sources {
        citizen: match store::load_record::<ImportedForm>(&import_key(&ws.citizen_id(
            &target.code,
            member,
            moment,
        ))) {
            LoadedRecord::Found(form) => Some(form),
            _ => None,
        },
        professional: match store::load_questionnaire(&ws.form_id(&target.code, member, moment)) {
            Loaded::Found(q) => Some(*q),
            _ => None,
        },
    })
}

impl Sources {
    fn pair(&self) -> Pair<'_> {
        Pair {
            citizen: self.citizen.as_ref().map(|f| &f.envelope.answers),
            professional: self.professional.as_ref().map(|q| &q.answers),
        }
    }
}

#[component]
fn CompareView(handle: WorkspaceHandle, target: Target) -> impl IntoView {
    let state = use_app_state();
    let moment = target.moment;
    let now = load_sources(handle, &target, moment);
    let previous = previous_moment(moment, |m| load_sources(handle, &target, m).pair().any());
    let before = previous.map(|m| (m, load_sources(handle, &target, m)));
    let comparison = compare(now.pair(), before.as_ref().map(|(m, s)| (*m, s.pair())));
    let marked = comparison.marked_count();
    let back = handle
        .ws
        .with_untracked(|w| respondent_path(&w.id, &target.code));
    let who = who_when(state, &target.code, target.member.as_deref(), moment);

    let citizen_line = match &now.citizen {
        Some(form) => state.tw(
            "pro.compare.citizen_from",
            &[
                (
                    "date",
                    &crate::core::i18n::long_day(
                        state.lang.get(),
                        form.envelope
                            .completed_at
                            .as_deref()
                            .unwrap_or(&form.envelope.started_at)
                            .get(..10)
                            .unwrap_or_default(),
                    ),
                ),
                ("imported", &day(state.lang.get(), form.imported_at)),
            ],
        ),
        None => state.t("pro.compare.citizen_missing"),
    };
    let professional_line = match now.professional.as_ref().map(Questionnaire::progress) {
        Some(Progress::InProgress) => state.t("pro.compare.professional_in_progress"),
        Some(_) => state.t("pro.compare.professional_done"),
        None => state.t("pro.compare.professional_missing"),
    };
    let previous_line = match previous {
        Some(m) => state.tw("pro.compare.previous", &[("moment", m.code())]),
        None => state.t("pro.compare.no_previous"),
    };
    // On paper the topics with marks come first (print CSS), and only the
    // first of them carries the column heads: which one that is.
    let first_on_paper = comparison
        .groups
        .iter()
        .position(|g| g.marked_count() > 0)
        .unwrap_or(0);
    let groups = comparison
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| group_view(state, g, &comparison, i == first_on_paper))
        .collect_view();
    let context = context_view(state, &now);
    // Issue 13: what the citizen wants to talk about comes first, then the
    // three angles over every moment on this device.
    let say = latest_say(handle, &target.code, target.member.as_deref());
    let all = Moment::ALL.map(|m| load_sources(handle, &target, m));
    let angles = three_angles([all[0].pair(), all[1].pair(), all[2].pair()]);
    let show_angles = angles.iter().any(|a| a.any());

    view! {
        <section class="pro-compare" data-testid="compare-page" data-moment=moment.code()>
            <p class="no-print"><A href=back>{move || state.t("pro.respondent.back")}</A></p>
            <h1 tabindex="-1">{move || state.t("pro.compare.title")}</h1>
            <p class="compare-who" data-testid="compare-who">{who}</p>
            <CitizenSay say=say/>
            <ul class="compare-sources">
                <li data-testid="source-citizen" data-present=now.citizen.is_some().to_string()>{citizen_line}</li>
                <li data-testid="source-professional" data-present=now.professional.is_some().to_string()>{professional_line}</li>
                <li data-testid="source-previous" data-moment=previous.map(Moment::code).unwrap_or_default()>{previous_line}</li>
            </ul>
            <p class="banner banner-info" data-testid="marked-count" data-count=marked>
                {move || if marked == 0 {
                    state.tw("pro.compare.marked_none", &[("points", &MARK_DIFFERENCE.to_string())])
                } else {
                    state.tw("pro.compare.marked", &[("n", &marked.to_string()), ("points", &MARK_DIFFERENCE.to_string())])
                }}
            </p>
            <p class="no-print">
                <button type="button" class="button" data-testid="print-compare" on:click=move |_| browser::print_page()>
                    {move || state.t("pro.compare.print")}
                </button>
            </p>
            {show_angles.then(|| view! { <AnglesChart angles=angles/> })}
            // One wrapper, so that paper can put the topics with marks first.
            <div class="compare-groups">{groups}</div>
            {context}
        </section>
    }
}

fn score_text(state: AppState, side: &'static str, score: ScorePair) -> Option<String> {
    let now = score.now?;
    let mut text = state.tw(side, &[("score", &format!("{now:.0}"))]);
    if let Some(change) = score.change() {
        text.push_str(&format!(" ({change:+.0})"));
    }
    Some(text)
}

fn group_view(
    state: AppState,
    group: &Group,
    comparison: &Comparison,
    first_on_paper: bool,
) -> impl IntoView {
    let title = state.t(group.topic.title_key());
    let marked = group.marked_count();
    let scores = [
        score_text(state, "pro.compare.score_citizen", group.citizen_score),
        score_text(
            state,
            "pro.compare.score_professional",
            group.professional_score,
        ),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let burden = matches!(group.topic, Topic::Domain(_));
    // "(in brackets the change)" only when a bracket shows one (issue 12).
    let with_change = [group.citizen_score, group.professional_score]
        .iter()
        .any(|s| s.now.is_some() && s.change().is_some());
    let scale_key = match (burden, with_change) {
        (true, true) => "pro.compare.score_burden",
        (true, false) => "pro.compare.score_burden_plain",
        (false, true) => "pro.compare.score_capacity",
        (false, false) => "pro.compare.score_capacity_plain",
    };
    let previous = comparison.previous;
    let behaviour = (!group.behaviour.is_empty()).then(|| {
        view! {
            <h3>{state.t("pro.compare.behaviour")}</h3>
            {table(state, &group.behaviour, previous)}
        }
    });
    view! {
        <section class="compare-group" class:first-on-paper=first_on_paper
            data-testid=format!("group-{}", group.topic.code()) data-marked=marked>
            <h2>
                {title}
                {(marked > 0).then(|| view! {
                    " " <span class="mark-count">{state.tw("pro.compare.group_marked", &[("n", &marked.to_string())])}</span>
                })}
            </h2>
            {(!scores.is_empty()).then(|| view! {
                <p class="scores">
                    {scores}
                    " " <span class="hint">{state.t(scale_key)}</span>
                </p>
            })}
            {table(state, &group.rows, previous)}
            {behaviour}
        </section>
    }
}

fn table(state: AppState, rows: &[Row], previous: Option<Moment>) -> impl IntoView {
    let head_change = previous.map(|m| {
        view! { <th scope="col">{state.tw("pro.compare.col_change", &[("moment", m.code())])}</th> }
    });
    let body = rows
        .iter()
        .map(|row| row_view(state, row, previous.is_some()))
        .collect_view();
    view! {
        <table class="compare-table">
            <thead>
                <tr>
                    <th scope="col">{state.t("pro.compare.col_question")}</th>
                    <th scope="col">{state.t("pro.compare.col_citizen")}</th>
                    <th scope="col">{state.t("pro.compare.col_professional")}</th>
                    <th scope="col">{state.t("pro.compare.col_difference")}</th>
                    {head_change}
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}

fn answer_cell(state: AppState, item: &Item, answer: &Option<Answer>) -> String {
    match answer {
        Some(a) => answer_text(state, item, Role::Professional, a),
        None => state.t("pro.compare.none"),
    }
}

fn signed(n: i32) -> String {
    // A real minus sign reads better than a hyphen.
    match n {
        n if n > 0 => format!("+{n}"),
        n if n < 0 => format!("−{}", -n),
        _ => "0".to_string(),
    }
}

fn row_view(state: AppState, row: &Row, with_change: bool) -> impl IntoView {
    let item = row.item;
    let difference = match (row.difference, row.differs_unordered()) {
        (Some(d), _) => signed(d),
        (None, true) => state.t("pro.compare.differs"),
        (None, false) => String::new(),
    };
    let change = with_change.then(|| {
        let side = |key: &str, change: Option<i32>| {
            change.map(|c| state.tw(key, &[("change", &signed(c))]))
        };
        let text = [
            side("pro.compare.change_citizen", row.citizen_change()),
            side("pro.compare.change_professional", row.professional_change()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        let label = state.t("pro.compare.col_change_short");
        view! { <td data-label=label data-testid="change">{text}</td> }
    });
    view! {
        <tr class:marked=row.marked class:unanswered=row.citizen.is_none() && row.professional.is_none()
            data-testid=format!("row-{}", item.id)
            data-marked=row.marked.to_string() data-difference=row.difference.map(|d| d.to_string())>
            <th scope="row">
                {row.marked.then(|| view! {
                    <span class="mark" aria-hidden="true">"▲ "</span>
                    <span class="visually-hidden">{state.t("pro.compare.marked_row")}</span>
                })}
                // The professional's wording of the question: a staff screen
                // speaks about the inwoner, never as the inwoner (issue 12).
                {state.t(item.text_key(Role::Professional))}
            </th>
            <td data-label=state.t("pro.compare.col_citizen") data-testid="citizen">{answer_cell(state, item, &row.citizen)}</td>
            <td data-label=state.t("pro.compare.col_professional") data-testid="professional">{answer_cell(state, item, &row.professional)}</td>
            <td data-label=state.t("pro.compare.col_difference") data-testid="difference">{difference}</td>
            {change}
        </tr>
    }
}

/// The citizen's question in their own words and the professional's approach.
fn context_view(state: AppState, sources: &Sources) -> impl IntoView {
    let own_words =
        sources
            .citizen
            .as_ref()
            .and_then(|f| match f.envelope.answers.get("intro.question") {
                Some(Answer::Text(t)) => Some(t.clone()),
                _ => None,
            });
    let approach = sources.professional.as_ref().map(|q| {
        ITEMS
            .iter()
            .filter(|i| i.section == Section::Approach)
            .map(|item| {
                let answer = q.answers.get(item.id).cloned();
                view! {
                    <dt>{state.t(item.text_key(Role::Professional))}</dt>
                    <dd>{answer_cell(state, item, &answer)}</dd>
                }
            })
            .collect_view()
    });
    view! {
        <section class="compare-group" data-testid="compare-context">
            <h2>{state.t("pro.compare.context")}</h2>
            <h3>{state.t("pro.compare.own_words")}</h3>
            <p class="study-text" data-testid="own-words">
                {own_words.unwrap_or_else(|| state.t("pro.compare.none"))}
            </p>
            <h3>{state.t("section.approach")}</h3>
            {match approach {
                Some(list) => view! { <dl class="facts">{list}</dl> }.into_any(),
                None => view! { <p>{state.t("pro.compare.professional_missing")}</p> }.into_any(),
            }}
        </section>
    }
}
