//! `/research/report`: the study report in one page, laid out for A4 print
//! (the browser's "save as PDF" makes the file). Who took part, the means
//! with their intervals per role as compact charts with the numbers beside,
//! the change in draagkracht, draaglast and balans, agreement, instrument
//! quality, every condition's effect on the change per role (the conditions
//! screen's forest plot, with Holm's p beside the raw p), and the methods
//! in plain words. It can be made for one municipality. In the page's
//! language.

use leptos::prelude::*;
use leptos_router::components::A;

use super::analysis::{change_headings, change_rows};
use super::charts::{interval_chart, kappa_rows, ChartRow, Point};
use super::conditions::forest_table;
use super::interview::stored_interviews;
use super::quality::{icc_table, scales_table};
use super::{data_table, heading, tr, use_research_state};
use crate::core::exchange::APP_VERSION;
use crate::core::instrument::{Moment, Role, INSTRUMENT_VERSION};
use crate::core::research::{
    analyse, forest, in_municipality, measure_label, municipalities, quality, report_numbers,
    Analysis, Conditions, ForestRow, GroupCount, Measure, Outcomes, ReportNumbers, ResearchData,
};
use crate::core::util::date;
use crate::ui::browser;
use crate::ui::state::{use_app_state, AppState};

/// The measures of the report's change table.
const CHANGE_MEASURES: [Measure; 3] = [Measure::Draagkracht, Measure::Draaglast, Measure::Balans];

fn role_name(state: AppState, role: Role) -> String {
    state.t(match role {
        Role::Citizen => "research.analysis.role.citizen",
        Role::Professional => "research.analysis.role.professional",
    })
}

/// A table of people per group and moment.
fn group_table(
    state: AppState,
    testid: &'static str,
    caption_key: &'static str,
    first_key: &'static str,
    groups: Memo<Vec<GroupCount>>,
) -> impl IntoView {
    let rows = move || {
        groups
            .get()
            .into_iter()
            .map(|g| {
                let name = if g.name.is_empty() {
                    state.t("research.report.unknown_place")
                } else {
                    g.name.clone()
                };
                let within = g.within.clone().map(|w| {
                    if w.is_empty() {
                        state.t("research.report.unknown_place")
                    } else {
                        w
                    }
                });
                view! {
                    <tr>
                        <th scope="row">{name}{within.map(|w| view! { <span class="hint">" (" {w} ")"</span> })}</th>
                        {g.people.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view()}
                    </tr>
                }
            })
            .collect_view()
    };
    data_table(
        format!("{testid}-caption"),
        tr(state, caption_key),
        testid,
        view! {
            {heading(state, first_key, false)}
            {Moment::ALL.iter().map(|m| heading(state, m.code(), true)).collect_view()}
        },
        rows,
    )
}

fn mean_rows(numbers: &ReportNumbers, role: Role, state: AppState) -> Vec<ChartRow> {
    let lang = state.lang.get();
    numbers
        .means
        .iter()
        .filter(|r| r.role == role)
        .map(|r| ChartRow {
            label: measure_label(r.measure, lang),
            key: r.measure.code(),
            points: r.moments.clone().map(|m| {
                m.map(|m| Point {
                    value: m.mean,
                    lower: m.lower,
                    upper: m.upper,
                })
            }),
            range: r.measure.range(),
        })
        .collect()
}

/// The change table of one role for draagkracht, draaglast and balans:
/// the analysis screen's rows, compact, with Holm's p and the interval.
fn change_table(state: AppState, analysis: Memo<Analysis>, role: Role) -> impl IntoView {
    let testid = match role {
        Role::Citizen => "report-change-citizen",
        Role::Professional => "report-change-professional",
    };
    data_table(
        format!("{testid}-caption"),
        move || {
            state.tw(
                "research.report.change_caption",
                &[("role", &role_name(state, role))],
            )
        },
        testid,
        change_headings(state, true),
        change_rows(
            state,
            analysis,
            Signal::stored(role),
            Some(&CHANGE_MEASURES),
            "report-change-row",
            true,
        ),
    )
}

/// Per role, every condition's effect on the change T0→T2 of `measure`
/// (the conditions screen's forest plot).
fn conditions_tables(
    state: AppState,
    scoped: Memo<(Outcomes, Conditions)>,
    measure: RwSignal<Measure>,
) -> impl IntoView {
    Role::ALL
        .into_iter()
        .map(|role| {
            let rows: Memo<Vec<ForestRow>> = Memo::new(move |_| {
                let m = measure.get();
                scoped.with(|(o, c)| forest(o, c, role, m))
            });
            let testid = match role {
                Role::Citizen => "report-forest-citizen",
                Role::Professional => "report-forest-professional",
            };
            let caption = move || {
                state.tw(
                    "research.report.conditions_caption",
                    &[
                        ("role", &role_name(state, role)),
                        ("measure", &measure_label(measure.get(), state.lang.get())),
                    ],
                )
            };
            forest_table(state, testid, caption, rows.into(), true)
        })
        .collect_view()
}

/// `/research/report`.
#[component]
pub fn ReportPage() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let places = Memo::new(move |_| research.data.with(municipalities));
    // `None`: every municipality.
    let place = RwSignal::new(None::<String>);
    let data = Memo::new(move |_| {
        research.data.with(|d| match place.get() {
            Some(m) => in_municipality(d, &m),
            None => d.clone(),
        })
    });
    let numbers = Memo::new(move |_| data.with(report_numbers));
    let analysis = Memo::new(move |_| data.with(analyse));
    let quality = Memo::new(move |_| data.with(quality));
    // The conditions of the people in the report (its municipality's), as
    // on the conditions screen: from the imports and the interview notes.
    let interviews = StoredValue::new(stored_interviews());
    let scoped = Memo::new(move |_| {
        data.with(|d| {
            let conditions = interviews.with_value(|i| Conditions::of(d, i));
            (Outcomes::of(d), conditions)
        })
    });
    let cond_measure = RwSignal::new(Measure::Draagkracht);
    let empty = move || data.with(ResearchData::is_empty);
    let study = move || {
        research.data.with(|d| {
            d.records
                .first()
                .map(|r| r.envelope.study.name.clone())
                .unwrap_or_default()
        })
    };
    let heading_text = move || match place.get() {
        Some(m) => state.tw(
            "research.report.heading_for",
            &[("study", &study()), ("municipality", &m)],
        ),
        None => state.tw("research.report.heading", &[("study", &study())]),
    };
    let made = move || {
        state.tw(
            "research.report.made",
            &[
                ("date", &date(browser::now())),
                ("version", APP_VERSION),
                ("instrument", INSTRUMENT_VERSION),
            ],
        )
    };
    let by_role = Memo::new(move |_| {
        numbers.with(|n| {
            Role::ALL
                .iter()
                .enumerate()
                .map(|(i, r)| GroupCount {
                    name: role_name(state, *r),
                    within: None,
                    people: n.by_role[i],
                })
                .collect::<Vec<_>>()
        })
    });
    let by_municipality = Memo::new(move |_| numbers.with(|n| n.by_municipality.clone()));
    let by_team = Memo::new(move |_| numbers.with(|n| n.by_team.clone()));
    let kappa_rows = Signal::derive(move || {
        let lang = state.lang.get();
        analysis.with(|a| kappa_rows(a, lang))
    });
    let means_chart = move |role: Role, testid: &'static str| {
        interval_chart(
            state,
            testid,
            move || {
                state.tw(
                    "research.report.means_caption",
                    &[("role", &role_name(state, role))],
                )
            },
            tr(state, "research.analysis.means_chart_desc"),
            Signal::derive(move || numbers.with(|n| mean_rows(n, role, state))),
            1,
        )
    };
    view! {
        <section data-testid="report-page" class="report-page">
            <div class="no-print">
                <h1 tabindex="-1">{tr(state, "research.report.title")}</h1>
                <p>{tr(state, "research.report.intro")}</p>
                <div class="report-controls">
                    <div class="field">
                        <label for="report-municipality" class="field-label">{tr(state, "research.report.municipality")}</label>
                        <select id="report-municipality" class="text-input" data-testid="report-municipality"
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                place.set((!value.is_empty()).then_some(value));
                            }>
                            <option value="" selected=move || place.get().is_none()>{tr(state, "research.report.all")}</option>
                            {move || places.get().into_iter().map(|m| {
                                let value = m.clone();
                                let selected = m.clone();
                                view! { <option value=value selected=move || place.get().as_deref() == Some(selected.as_str())>{m}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="report-outcome" class="field-label">{tr(state, "research.report.conditions_outcome")}</label>
                        <select id="report-outcome" class="text-input" data-testid="report-outcome"
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                if let Some(m) = Measure::ALL.iter().find(|m| m.code() == value) {
                                    cond_measure.set(*m);
                                }
                            }>
                            {move || {
                                let lang = state.lang.get();
                                Measure::ALL.iter().map(|m| {
                                    let m = *m;
                                    view! { <option value=m.code() selected=move || cond_measure.get() == m>{measure_label(m, lang)}</option> }
                                }).collect_view()
                            }}
                        </select>
                    </div>
                    <button type="button" class="button" data-testid="report-print"
                        on:click=move |_| browser::print_page()>
                        {tr(state, "research.report.print")}
                    </button>
                </div>
            </div>
            {move || empty().then(|| view! {
                <p class="banner banner-info" data-testid="report-empty">
                    {state.t("research.report.empty")} " "
                    <A href="/research/import">{state.t("research.hub.import_go")}</A>
                </p>
            })}
            <article class="report" data-testid="report" data-people=move || numbers.with(|n| n.people)
                data-forms=move || numbers.with(|n| n.forms)>
                <header class="report-head">
                    <h2 class="report-title" data-testid="report-heading">{heading_text}</h2>
                    <p class="hint">{made}</p>
                </header>
                <section class="report-section" data-testid="report-people">
                    <h3>{tr(state, "research.report.people_title")}</h3>
                    <p>{move || numbers.with(|n| state.tw("research.report.people_text",
                        &[("people", &n.people.to_string()), ("forms", &n.forms.to_string())]))}</p>
                    <div class="report-columns">
                        {group_table(state, "report-by-role", "research.report.by_role_caption", "research.var.role", by_role)}
                        {group_table(state, "report-by-municipality", "research.report.by_municipality_caption", "research.var.municipality", by_municipality)}
                    </div>
                    {group_table(state, "report-by-team", "research.report.by_team_caption", "research.report.col.team", by_team)}
                </section>
                <section class="report-section" data-testid="report-means">
                    <h3>{tr(state, "research.report.means_title")}</h3>
                    <p>{tr(state, "research.report.means_text")}</p>
                    {means_chart(Role::Citizen, "report-means-citizen")}
                    {means_chart(Role::Professional, "report-means-professional")}
                </section>
                <section class="report-section" data-testid="report-change">
                    <h3>{tr(state, "research.report.change_title")}</h3>
                    <p>{tr(state, "research.report.change_text")}</p>
                    {change_table(state, analysis, Role::Citizen)}
                    {change_table(state, analysis, Role::Professional)}
                </section>
                <section class="report-section" data-testid="report-agreement">
                    <h3>{tr(state, "research.report.agreement_title")}</h3>
                    <p>{tr(state, "research.analysis.agreement_text")}</p>
                    {interval_chart(state, "report-kappa", tr(state, "research.analysis.kappa_chart"),
                        tr(state, "research.analysis.kappa_chart_desc"), kappa_rows, 2)}
                    <p>{tr(state, "research.quality.icc_text")}</p>
                    {icc_table(state, quality, "report-icc", tr(state, "research.quality.icc_caption"))}
                </section>
                <section class="report-section" data-testid="report-quality">
                    <h3>{tr(state, "research.report.quality_title")}</h3>
                    <p>{tr(state, "research.quality.scales_text")}</p>
                    {Role::ALL.into_iter().map(|role| {
                        let testid = match role {
                            Role::Citizen => "report-alpha-citizen",
                            Role::Professional => "report-alpha-professional",
                        };
                        scales_table(state, quality, Signal::derive(move || role), testid,
                            move || format!("{}: {}", role_name(state, role), state.t("research.quality.scales_caption")))
                    }).collect_view()}
                    <p class="hint">{tr(state, "research.quality.index_note")}</p>
                </section>
                <section class="report-section" data-testid="report-conditions">
                    <h3>{tr(state, "research.report.conditions_title")}</h3>
                    <p>{move || state.tw("research.report.conditions_text",
                        &[("measure", &measure_label(cond_measure.get(), state.lang.get()))])}</p>
                    {conditions_tables(state, scoped, cond_measure)}
                    <p class="methods" data-testid="report-conditions-methods">{tr(state, "research.report.conditions_methods")}</p>
                </section>
                <section class="report-section" data-testid="report-methods">
                    <h3>{tr(state, "research.report.methods_title")}</h3>
                    <p>{tr(state, "research.report.methods")}</p>
                    <p class="methods">{tr(state, "research.analysis.methods")}</p>
                    <p class="methods">{tr(state, "research.quality.methods")}</p>
                </section>
            </article>
        </section>
    }
}
