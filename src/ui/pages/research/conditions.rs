//! "Onder welke condities": the mixed models by moment for every outcome
//! (computed when the screen opens), and for a chosen condition and outcome
//! the mean trajectories per group, the change by group compared between
//! groups, the model with condition × moment, and a forest plot of every
//! condition's effect on the change; all restricted to one place when
//! chosen, all downloadable as CSV.

use leptos::prelude::*;

use super::analysis::RoleSwitch;
use leptos_router::components::A;

use super::charts::{effect_svg, Point as ChartPoint};
use super::interview::stored_interviews;
use super::place::{with_place, PlaceFilter};
use super::{
    data_table, heading, number, offer_download, p_value, tr, use_research_state, CSV_MIME,
};
use crate::core::i18n::{text, text_with, Lang};
use crate::core::instrument::{Moment, Role};
use crate::core::research::{
    condition_report, conditions_sheet, forest, forest_csv, measure_label, models_csv,
    moment_models, Condition, ConditionReport, Conditions, ForestRow, Grouping, Measure, MixedFit,
    MixedProblem, MomentModel, Outcomes, Place, RankTest, Term, CONDITIONS, CONDITIONS_CSV_NAME,
    CONDITION_CHANGE_CSV_NAME, FOREST_CSV_NAME, MODELS_CSV_NAME, TRAJECTORIES_CSV_NAME,
};
use crate::ui::state::{use_app_state, AppState};

/// The label of a condition in `lang`.
pub(super) fn condition_label(c: &Condition, lang: Lang) -> String {
    match c.arg {
        Some((name, key)) => text_with(lang, c.label_key, &[(name, &text(lang, key))]),
        None => text(lang, c.label_key),
    }
}

/// The label of a group of condition `c` in `lang`.
fn group_label(c: &Condition, level: &str, lang: Lang) -> String {
    let limit = |v: f64| number(lang, Some(v), if v.fract() == 0.0 { 0 } else { 1 });
    match (c.grouping, level) {
        (Grouping::AtLeast(at), "1") => format!("< {}", limit(at)),
        (Grouping::AtLeast(at), _) => format!("≥ {}", limit(at)),
        (Grouping::Within(v), "1") => format!(
            "{} (≤ {})",
            text(lang, "research.cond.group.alike"),
            limit(v)
        ),
        (Grouping::Within(v), _) => format!(
            "{} (> {})",
            text(lang, "research.cond.group.differ"),
            limit(v)
        ),
        (Grouping::Codes(codes), _) => codes
            .iter()
            .find(|(code, _)| code.to_string() == level)
            .map(|(_, key)| text(lang, key))
            .unwrap_or_else(|| level.to_string()),
        (Grouping::Categories, _) => level.to_string(),
    }
}

/// A select from a list of (value, label) built reactively.
fn select(
    id: &'static str,
    label: impl Fn() -> String + Send + Sync + 'static,
    options: impl Fn() -> Vec<(String, String)> + Send + Sync + 'static,
    current: impl Fn() -> String + Send + Sync + Copy + 'static,
    set: impl Fn(String) + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="cond-control">
            <label for=id class="field-label">{label}</label>
            <select id=id class="text-input" data-testid=id on:change=move |ev| set(event_target_value(&ev))
                prop:value=current>
                {move || options().into_iter().map(|(value, label)| {
                    let selected = value == current();
                    view! { <option value=value selected=selected>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// `/research/conditions`.
#[component]
pub fn ConditionsPage() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let interviews = StoredValue::new(stored_interviews());
    let place = RwSignal::new(None::<Place>);
    let role = RwSignal::new(Role::Citizen);
    let measure = RwSignal::new(Measure::Draagkracht);
    let condition = RwSignal::new(0usize);
    // The data of the chosen place: scores once, conditions once.
    let scoped = Memo::new(move |_| {
        let p = place.get();
        with_place(research, p.as_ref(), |d| {
            let conditions = interviews.with_value(|i| Conditions::of(d, i));
            (Outcomes::of(d), conditions)
        })
    });
    let models = Memo::new(move |_| scoped.with(|(o, _)| moment_models(o)));
    let report = Memo::new(move |_| {
        let (c, r) = (condition.get(), role.get());
        scoped.with(|(o, conds)| condition_report(o, conds, c, r))
    });
    let forest_rows = Memo::new(move |_| {
        let (r, m) = (role.get(), measure.get());
        scoped.with(|(o, conds)| forest(o, conds, r, m))
    });
    let empty = move || research.data.with(|d| d.is_empty());
    let download = move |what: &'static str| {
        let (contents, name) = match what {
            "conditions" => (
                scoped.with_untracked(|(_, c)| conditions_sheet(c).to_csv()),
                CONDITIONS_CSV_NAME,
            ),
            "change" => (
                report.with_untracked(ConditionReport::changes_csv),
                CONDITION_CHANGE_CSV_NAME,
            ),
            "trajectories" => (
                report.with_untracked(ConditionReport::trajectories_csv),
                TRAJECTORIES_CSV_NAME,
            ),
            "models" => {
                let by_moment = models.with_untracked(|m| {
                    models_csv("", m.iter().map(|m| (m.role, m.measure, &m.fit)))
                });
                let by_condition = report.with_untracked(ConditionReport::models_csv);
                // One file: the models by moment, then the chosen condition's.
                let rest: String = by_condition
                    .split_once("\r\n")
                    .map(|(_, r)| r.to_string())
                    .unwrap_or_default();
                (by_moment + &rest, MODELS_CSV_NAME)
            }
            _ => (
                forest_rows.with_untracked(|rows| {
                    forest_csv(role.get_untracked(), measure.get_untracked(), rows)
                }),
                FOREST_CSV_NAME,
            ),
        };
        offer_download(state, &contents, name, CSV_MIME);
    };
    let download_button = move |what: &'static str, name: &'static str| {
        view! {
            <button type="button" class="button" data-testid=format!("download-cond-{what}")
                on:click=move |_| download(what)>
                {tr(state, "research.analysis.download")} " (" {name} ")"
            </button>
        }
    };
    view! {
        <section class="conditions" data-testid="conditions-page"
            data-condition=move || report.with(|r| CONDITIONS.get(r.condition).map_or("", |c| c.id))>
            <h1 tabindex="-1">{tr(state, "research.cond.title")}</h1>
            <p>{tr(state, "research.cond.intro")}</p>
            {move || empty().then(|| view! {
                <p class="banner banner-info" data-testid="conditions-empty">
                    {state.t("research.dataset.empty")} " "
                    <A href="/research/import">{state.t("research.hub.import_go")}</A>
                </p>
            })}
            <div class="cond-controls panel">
                <RoleSwitch role=role name="conditions-role" testid_prefix="cond-role-"/>
                {select(
                    "cond-outcome",
                    tr(state, "research.cond.outcome"),
                    move || {
                        let lang = state.lang.get();
                        Measure::ALL.iter().map(|m| (m.code(), measure_label(*m, lang))).collect()
                    },
                    move || measure.get().code(),
                    move |v| {
                        if let Some(m) = Measure::ALL.iter().find(|m| m.code() == v) {
                            measure.set(*m);
                        }
                    },
                )}
                {select(
                    "cond-condition",
                    tr(state, "research.cond.condition"),
                    move || {
                        let lang = state.lang.get();
                        CONDITIONS.iter().map(|c| (c.id.to_string(), condition_label(c, lang))).collect()
                    },
                    move || CONDITIONS.get(condition.get()).map_or(String::new(), |c| c.id.to_string()),
                    move |v| {
                        if let Some(i) = CONDITIONS.iter().position(|c| c.id == v) {
                            condition.set(i);
                        }
                    },
                )}
                <PlaceFilter place=place id="cond-place"/>
            </div>
            <TrajectorySection report=report measure=measure download=download_button("trajectories", TRAJECTORIES_CSV_NAME)/>
            <ChangeSection report=report measure=measure download=download_button("change", CONDITION_CHANGE_CSV_NAME)/>
            <ModelSection report=report measure=measure models=models role=role download=download_button("models", MODELS_CSV_NAME)/>
            <ForestSection rows=forest_rows download=download_button("forest", FOREST_CSV_NAME)/>
            <section>
                <h2>{tr(state, "research.cond.table_title")}</h2>
                <p>{tr(state, "research.cond.table_text")}</p>
                <p>{download_button("conditions", CONDITIONS_CSV_NAME)}</p>
            </section>
            <h2>{tr(state, "research.analysis.methods_title")}</h2>
            <p class="methods" data-testid="cond-methods">{tr(state, "research.cond.methods")}</p>
        </section>
    }
}

fn chosen_condition(report: &ConditionReport) -> &'static Condition {
    CONDITIONS.get(report.condition).unwrap_or(&CONDITIONS[0])
}

const TRAJ_WIDTH: f64 = 320.0;
const TRAJ_HEIGHT: f64 = 180.0;
const TRAJ_LEFT: f64 = 34.0;
const TRAJ_TOP: f64 = 12.0;

/// Mean trajectories per group (SVG) with the same numbers as a table.
#[component]
fn TrajectorySection(
    report: Memo<ConditionReport>,
    measure: RwSignal<Measure>,
    download: impl IntoView + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let chart = move || {
        let lang = state.lang.get();
        let m = measure.get();
        report.with(|r| {
            let c = chosen_condition(r);
            let groups = r
                .trajectories
                .iter()
                .find(|(tm, _)| *tm == m)
                .map(|(_, g)| g.clone())
                .unwrap_or_default();
            let values: Vec<f64> = groups
                .iter()
                .flatten()
                .flat_map(|p| {
                    let ci = p.ci.as_ref();
                    [p.mean, ci.map(|c| c.low), ci.map(|c| c.high)]
                })
                .flatten()
                .collect();
            let (lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
            let (lo, hi) = if lo.is_finite() && hi > lo { (lo, hi) } else { m.range() };
            let pad = (hi - lo) * 0.08;
            // Never beyond what the score can be.
            let (lo, hi) = ((lo - pad).max(m.range().0), (hi + pad).min(m.range().1));
            let x = |i: usize| TRAJ_LEFT + 20.0 + i as f64 * (TRAJ_WIDTH - TRAJ_LEFT - 40.0) / 2.0;
            let y = move |v: f64| TRAJ_TOP + (hi - v) / (hi - lo) * TRAJ_HEIGHT;
            let axis = view! {
                <g class="chart-axis-group">
                    <line x1=TRAJ_LEFT x2=TRAJ_LEFT y1=TRAJ_TOP y2=TRAJ_TOP + TRAJ_HEIGHT class="chart-axis"/>
                    <line x1=TRAJ_LEFT x2=TRAJ_WIDTH y1=TRAJ_TOP + TRAJ_HEIGHT y2=TRAJ_TOP + TRAJ_HEIGHT class="chart-axis"/>
                    <text x=TRAJ_LEFT - 4.0 y=TRAJ_TOP + 4.0 text-anchor="end" class="chart-tick">{number(lang, Some(hi), 0)}</text>
                    <text x=TRAJ_LEFT - 4.0 y=TRAJ_TOP + TRAJ_HEIGHT text-anchor="end" class="chart-tick">{number(lang, Some(lo), 0)}</text>
                    {Moment::ALL.iter().enumerate().map(|(i, mo)| view! {
                        <text x=x(i) y=TRAJ_TOP + TRAJ_HEIGHT + 16.0 text-anchor="middle" class="chart-tick">{mo.code()}</text>
                    }).collect_view()}
                </g>
            };
            let lines = groups.iter().enumerate().map(|(g, points)| {
                let offset = (g as f64 - (groups.len() as f64 - 1.0) / 2.0) * 5.0;
                let line = points.iter().enumerate().filter_map(|(i, p)| p.mean.map(|v| format!("{:.1},{:.1}", x(i) + offset, y(v)))).collect::<Vec<_>>().join(" ");
                let label = r.levels.get(g).map(|l| group_label(c, l, lang)).unwrap_or_default();
                view! {
                    <g class=format!("traj traj-{}", g % 4)>
                        <polyline points=line class="traj-line"/>
                        {points.iter().enumerate().filter_map(|(i, p)| {
                            let v = p.mean?;
                            let ci = p.ci.clone();
                            let label = label.clone();
                            Some(view! {
                                <g>
                                    {ci.map(|ci| view! { <line x1=x(i) + offset x2=x(i) + offset y1=y(ci.low) y2=y(ci.high) class="traj-ci"/> })}
                                    <circle cx=x(i) + offset cy=y(v) r="4" class="traj-dot">
                                        <title>{format!("{label} {}: {}", Moment::ALL[i].code(), number(lang, Some(v), 1))}</title>
                                    </circle>
                                </g>
                            })
                        }).collect_view()}
                    </g>
                }
            }).collect_view();
            let legend = r.levels.iter().enumerate().map(|(g, l)| view! {
                <li class=format!("traj-key traj-{}", g % 4)><span class="traj-swatch" aria-hidden="true"></span>{group_label(c, l, lang)}</li>
            }).collect_view();
            view! {
                <figure class="chart research-chart traj-chart">
                    <svg viewBox=format!("0 0 {} {}", TRAJ_WIDTH + 4.0, TRAJ_TOP + TRAJ_HEIGHT + 24.0) role="img"
                        aria-labelledby="traj-title traj-desc" data-testid="trajectory-chart">
                        <title id="traj-title">{state.t("research.cond.traj_chart")}</title>
                        <desc id="traj-desc">{state.t("research.cond.traj_chart_desc")}</desc>
                        {axis}
                        {lines}
                    </svg>
                    <ul class="traj-legend">{legend}</ul>
                </figure>
            }
        })
    };
    let rows = move || {
        let lang = state.lang.get();
        let m = measure.get();
        report.with(|r| {
            let c = chosen_condition(r);
            let groups = r.trajectories.iter().find(|(tm, _)| *tm == m).map(|(_, g)| g.clone()).unwrap_or_default();
            groups.iter().enumerate().flat_map(|(g, points)| {
                let label = r.levels.get(g).map(|l| group_label(c, l, lang)).unwrap_or_default();
                points.iter().enumerate().map(move |(i, p)| {
                    let ci = p.ci.as_ref();
                    view! {
                        <tr data-testid="trajectory-row">
                            <th scope="row">{label.clone()}</th>
                            <td>{Moment::ALL[i].code()}</td>
                            <td class="num">{p.n}</td>
                            <td class="num">{number(lang, p.mean, 1)}</td>
                            <td class="num">{ci.map_or("–".to_string(), |c| format!("{} – {}", number(lang, Some(c.low), 1), number(lang, Some(c.high), 1)))}</td>
                        </tr>
                    }
                }).collect::<Vec<_>>()
            }).collect_view()
        })
    };
    view! {
        <section data-testid="trajectory-section">
            <h2>{tr(state, "research.cond.traj_title")}</h2>
            <p>{tr(state, "research.cond.traj_text")}</p>
            {chart}
            {data_table("traj-caption", tr(state, "research.cond.traj_caption"), "trajectory-table",
                view! {
                    {heading(state, "research.cond.col.group", false)}
                    {heading(state, "research.var.moment", false)}
                    {heading(state, "n", true)}
                    {heading(state, "research.analysis.col.mean", true)}
                    {heading(state, "research.cond.col.ci", true)}
                }, rows)}
            <p>{download}</p>
        </section>
    }
}

fn ci_text(lang: Lang, low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(l), Some(h)) => format!(
            "{} – {}",
            number(lang, Some(l), 1),
            number(lang, Some(h), 1)
        ),
        _ => "–".to_string(),
    }
}

/// The change by group for every measure (the Holm family), the chosen
/// outcome's rows marked.
#[component]
fn ChangeSection(
    report: Memo<ConditionReport>,
    measure: RwSignal<Measure>,
    download: impl IntoView + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let rows = move || {
        let lang = state.lang.get();
        let chosen = measure.get();
        report.with(|r| {
            let c = chosen_condition(r);
            r.changes.iter().map(|ch| {
                let groups = r.levels.iter().zip(&ch.groups).map(|(l, (n, ci))| {
                    format!("{}: n {}, {} [{}]", group_label(c, l, lang), n,
                        number(lang, ci.as_ref().map(|c| c.mean), 1),
                        ci_text(lang, ci.as_ref().map(|c| c.low), ci.as_ref().map(|c| c.high)))
                }).collect::<Vec<_>>();
                let w = ch.welch.as_ref();
                let reason = ch.reason.map(|k| text(lang, k));
                let rank_p = ch.rank.as_ref().map(RankTest::p);
                view! {
                    <tr data-testid="cond-change-row" data-measure=ch.measure.code()
                        data-comparison=format!("{}-{}", ch.from.code(), ch.to.code())
                        class:chosen=ch.measure == chosen>
                        <th scope="row">{measure_label(ch.measure, lang)}</th>
                        <td>{ch.from.code()} "→" {ch.to.code()}</td>
                        <td class="cond-groups">{groups.into_iter().map(|g| view! { <span class="cond-group">{g}</span> }).collect_view()}</td>
                        {match reason {
                            Some(reason) => view! { <td colspan="6" class="reason" data-testid="cond-reason">{reason}</td> }.into_any(),
                            None => view! {
                                <td class="num">{number(lang, w.map(|w| w.diff), 1)} " [" {ci_text(lang, w.map(|w| w.low), w.map(|w| w.high))} "]"</td>
                                <td class="num">{number(lang, ch.hedges_g, 2)}</td>
                                <td class="num">{p_value(lang, w.map(|w| w.p))}</td>
                                <td class="num" data-testid="p-welch-holm" data-p=ch.p_welch_holm.map(|p| p.to_string())>{p_value(lang, ch.p_welch_holm)}</td>
                                <td class="num">{p_value(lang, rank_p)}</td>
                                <td class="num" data-testid="p-rank-holm" data-p=ch.p_rank_holm.map(|p| p.to_string())>{p_value(lang, ch.p_rank_holm)}</td>
                            }.into_any(),
                        }}
                    </tr>
                }
            }).collect_view()
        })
    };
    view! {
        <section data-testid="cond-change-section">
            <h2>{tr(state, "research.cond.change_title")}</h2>
            <p>{tr(state, "research.cond.change_text")}</p>
            {data_table("cond-change-caption", tr(state, "research.cond.change_caption"), "cond-change-table",
                view! {
                    {heading(state, "research.analysis.col.measure", false)}
                    {heading(state, "research.analysis.col.comparison", false)}
                    {heading(state, "research.cond.col.groups", false)}
                    {heading(state, "research.cond.col.diff", true)}
                    {heading(state, "g", true)}
                    {heading(state, "research.cond.col.p_welch", true)}
                    {heading(state, "research.cond.col.p_welch_holm", true)}
                    {heading(state, "research.cond.col.p_rank", true)}
                    {heading(state, "research.cond.col.p_rank_holm", true)}
                }, rows)}
            <p>{download}</p>
        </section>
    }
}

fn term_label(term: Term, c: &Condition, levels: &[String], lang: Lang) -> String {
    let level = |l: usize| {
        levels
            .get(l)
            .map(|v| group_label(c, v, lang))
            .unwrap_or_default()
    };
    match term {
        Term::Intercept => text(lang, "research.cond.term.intercept"),
        Term::Moment(m) => text_with(lang, "research.cond.term.moment", &[("moment", m.code())]),
        Term::Level(l) => text_with(lang, "research.cond.term.level", &[("group", &level(l))]),
        Term::Interaction(m, l) => text_with(
            lang,
            "research.cond.term.interaction",
            &[("group", &level(l)), ("moment", m.code())],
        ),
    }
}

fn coefficient_rows(
    fit: &Result<MixedFit, MixedProblem>,
    lang: Lang,
    label: impl Fn(Term) -> String,
) -> AnyView {
    match fit {
        Err(problem) => view! {
            <tr><td colspan="6" class="reason" data-testid="model-reason">{text(lang, problem.reason_key())}</td></tr>
        }.into_any(),
        Ok(fit) => fit.coefficients.iter().map(|c| view! {
            <tr data-testid="model-row" data-term=c.name.clone()>
                <th scope="row">{label(c.term)}</th>
                <td class="num">{number(lang, Some(c.estimate), 2)}</td>
                <td class="num">{number(lang, Some(c.se), 2)}</td>
                <td class="num">{ci_text(lang, c.low, c.high)}</td>
                <td class="num">{number(lang, c.df, 1)}</td>
                <td class="num" data-p=c.p.map(|p| p.to_string())>{p_value(lang, c.p)}</td>
            </tr>
        }).collect_view().into_any(),
    }
}

fn model_facts(fit: &Result<MixedFit, MixedProblem>, lang: Lang) -> String {
    match fit {
        Ok(f) => text_with(
            lang,
            "research.cond.model_facts",
            &[
                ("people", &f.n_people.to_string()),
                ("obs", &f.n_obs.to_string()),
                ("person", &number(lang, Some(f.var_person), 1)),
                ("residual", &number(lang, Some(f.var_residual), 1)),
                ("icc", &number(lang, Some(f.icc()), 2)),
            ],
        ),
        Err(_) => String::new(),
    }
}

/// The chosen outcome's model with the condition, and the models by moment
/// of every outcome.
#[component]
fn ModelSection(
    report: Memo<ConditionReport>,
    measure: RwSignal<Measure>,
    models: Memo<Vec<MomentModel>>,
    role: RwSignal<Role>,
    download: impl IntoView + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let heads = move || {
        view! {
            {heading(state, "research.cond.col.term", false)}
            {heading(state, "research.cond.col.estimate", true)}
            {heading(state, "research.cond.col.se", true)}
            {heading(state, "research.cond.col.ci", true)}
            {heading(state, "df", true)}
            {heading(state, "p", true)}
        }
    };
    let condition_rows = move || {
        let lang = state.lang.get();
        let m = measure.get();
        report.with(|r| {
            let c = chosen_condition(r);
            r.models
                .iter()
                .find(|(mm, _)| *mm == m)
                .map(|(_, fit)| coefficient_rows(fit, lang, |t| term_label(t, c, &r.levels, lang)))
        })
    };
    let facts = move || {
        let lang = state.lang.get();
        let m = measure.get();
        report.with(|r| {
            r.models
                .iter()
                .find(|(mm, _)| *mm == m)
                .map(|(_, f)| model_facts(f, lang))
        })
    };
    let moment_rows = move || {
        let lang = state.lang.get();
        let r = role.get();
        models.with(|all| {
            all.iter().filter(|m| m.role == r).map(|m| {
                let t1 = m.fit.as_ref().ok().and_then(|f| f.coefficient(Term::Moment(Moment::T1)).cloned());
                let t2 = m.fit.as_ref().ok().and_then(|f| f.coefficient(Term::Moment(Moment::T2)).cloned());
                let reason = m.fit.as_ref().err().map(|p| text(lang, p.reason_key()));
                let n = m.fit.as_ref().ok().map(|f| format!("{} / {}", f.n_people, f.n_obs));
                view! {
                    <tr data-testid="moment-model-row" data-measure=m.measure.code()>
                        <th scope="row">{measure_label(m.measure, lang)}</th>
                        {match reason {
                            Some(reason) => view! { <td colspan="5" class="reason">{reason}</td> }.into_any(),
                            None => view! {
                                <td class="num">{number(lang, t1.as_ref().map(|c| c.estimate), 1)} " [" {ci_text(lang, t1.as_ref().and_then(|c| c.low), t1.as_ref().and_then(|c| c.high))} "]"</td>
                                <td class="num">{p_value(lang, t1.as_ref().and_then(|c| c.p))}</td>
                                <td class="num">{number(lang, t2.as_ref().map(|c| c.estimate), 1)} " [" {ci_text(lang, t2.as_ref().and_then(|c| c.low), t2.as_ref().and_then(|c| c.high))} "]"</td>
                                <td class="num">{p_value(lang, t2.as_ref().and_then(|c| c.p))}</td>
                                <td class="num">{n}</td>
                            }.into_any(),
                        }}
                    </tr>
                }
            }).collect_view()
        })
    };
    view! {
        <section data-testid="model-section">
            <h2>{tr(state, "research.cond.model_title")}</h2>
            <p>{tr(state, "research.cond.model_text")}</p>
            {data_table("model-caption", tr(state, "research.cond.model_caption"), "model-table", heads(), condition_rows)}
            <p class="hint" data-testid="model-facts">{facts}</p>
            <h3>{tr(state, "research.cond.moment_models_title")}</h3>
            {data_table("moment-models-caption", tr(state, "research.cond.moment_models_caption"), "moment-models-table",
                view! {
                    {heading(state, "research.analysis.col.measure", false)}
                    {heading(state, "research.cond.col.t1", true)}
                    {heading(state, "p", true)}
                    {heading(state, "research.cond.col.t2", true)}
                    {heading(state, "p", true)}
                    {heading(state, "research.cond.col.n_model", true)}
                }, moment_rows)}
            <p>{download}</p>
        </section>
    }
}

/// The forest plot as a compact table: per condition and group a small
/// picture of its extra change T0→T2 with the 95 % interval (zero marked),
/// and the numbers beside it: estimate, interval, p and Holm's p. The
/// conditions screen and the study report draw the same. `compact` (the
/// report, on paper) leaves the rows without numbers out of the table and
/// names those conditions under it, by reason.
pub(super) fn forest_table(
    state: AppState,
    testid: &'static str,
    caption: impl Fn() -> String + Send + Sync + 'static,
    rows: Signal<Vec<ForestRow>>,
    compact: bool,
) -> impl IntoView {
    // One scale for every row, so their pictures compare.
    let extent = move || {
        rows.with(|rows| {
            rows.iter()
                .filter_map(|r| r.effect.as_ref().ok())
                .flat_map(|c| {
                    [
                        c.low.unwrap_or(c.estimate).abs(),
                        c.high.unwrap_or(c.estimate).abs(),
                    ]
                })
                .filter(|v| v.is_finite())
                .fold(1.0f64, f64::max)
                * 1.1
        })
    };
    let scale = move || {
        let lang = state.lang.get();
        let e = extent();
        format!(
            "{} … 0 … {}",
            number(lang, Some(-e), 0),
            number(lang, Some(e), 0)
        )
    };
    let body = move || {
        let lang = state.lang.get();
        let e = extent();
        rows.with(|rows| rows.iter().filter(|r| !compact || r.effect.is_ok()).map(|r| {
            let c = CONDITIONS.get(r.condition).unwrap_or(&CONDITIONS[0]);
            let group = (!r.level.is_empty()).then(|| {
                format!("{} vs {}", group_label(c, &r.level, lang), group_label(c, &r.reference, lang))
            });
            let ok = r.effect.as_ref().ok();
            view! {
                <tr data-testid="forest-row" data-condition=c.id data-level=r.level.clone()
                    data-effect=ok.map(|c| c.estimate.to_string())
                    data-p=ok.and_then(|c| c.p).map(|p| p.to_string())
                    data-p-holm=r.p_holm.map(|p| p.to_string())>
                    <th scope="row">
                        {condition_label(c, lang)}
                        {group.map(|g| view! { <span class="forest-group">{g}</span> })}
                    </th>
                    {match &r.effect {
                        Ok(coef) => view! {
                            <td class="chart-col">{effect_svg(Some(ChartPoint { value: coef.estimate, lower: coef.low, upper: coef.high }), e)}</td>
                            <td class="num">{number(lang, Some(coef.estimate), 2)}</td>
                            <td class="num">{ci_text(lang, coef.low, coef.high)}</td>
                            <td class="num">{p_value(lang, coef.p)}</td>
                            <td class="num" data-testid="forest-p-holm">{p_value(lang, r.p_holm)}</td>
                        }.into_any(),
                        Err(p) => view! { <td colspan="5" class="reason">{text(lang, p.reason_key())}</td> }.into_any(),
                    }}
                </tr>
            }
        }).collect_view())
    };
    // On paper: the conditions without numbers in a sentence per reason.
    let without = move || {
        let lang = state.lang.get();
        let mut by_reason: Vec<(&'static str, Vec<String>)> = Vec::new();
        rows.with(|rows| {
            for r in rows.iter().filter(|_| compact) {
                let Err(problem) = &r.effect else { continue };
                let c = CONDITIONS.get(r.condition).unwrap_or(&CONDITIONS[0]);
                let label = condition_label(c, lang);
                match by_reason
                    .iter_mut()
                    .find(|(k, _)| *k == problem.reason_key())
                {
                    Some((_, labels)) => labels.push(label),
                    None => by_reason.push((problem.reason_key(), vec![label])),
                }
            }
        });
        by_reason
            .into_iter()
            .map(|(key, labels)| {
                view! {
                    <p class="hint forest-without" data-testid="forest-without" data-reason=key>
                        {text_with(lang, "research.cond.without", &[("reason", &text(lang, key)), ("conditions", &labels.join(", "))])}
                    </p>
                }
            })
            .collect_view()
    };
    let caption_id = format!("{testid}-caption");
    let labelled = caption_id.clone();
    let region_labelled = caption_id.clone();
    view! {
        <figure class="interval-chart forest-table" data-testid=testid>
            <p class="chart-title" id=caption_id>{caption}</p>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby=region_labelled>
                <table class="data-table chart-table" aria-labelledby=labelled>
                    <thead>
                        <tr>
                            {heading(state, "research.cond.condition", false)}
                            <th scope="col" class="chart-col">{scale}</th>
                            {heading(state, "research.analysis.col.mean_diff", true)}
                            {heading(state, "research.cond.col.ci", true)}
                            {heading(state, "p", true)}
                            {heading(state, "research.cond.col.p_holm", true)}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <figcaption class="hint">{tr(state, "research.cond.forest_chart_desc")}</figcaption>
            {without}
        </figure>
    }
}

/// Every condition's effect on the change T0→T2 of the chosen outcome.
#[component]
fn ForestSection(rows: Memo<Vec<ForestRow>>, download: impl IntoView + 'static) -> impl IntoView {
    let state = use_app_state();
    view! {
        <section data-testid="forest-section">
            <h2>{tr(state, "research.cond.forest_title")}</h2>
            <p>{tr(state, "research.cond.forest_text")}</p>
            {forest_table(state, "forest-table", tr(state, "research.cond.forest_caption"), rows.into(), false)}
            <p>{download}</p>
        </section>
    }
}
