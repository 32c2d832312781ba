//! The analysis: per role, means and Friedman per measure, change between
//! moments (paired t-test, Cohen's d_z, Wilcoxon), and citizen–professional
//! agreement per domain; as tables, simple SVG charts and CSV downloads.
//! Every table can be limited to one municipality or team, and a table per
//! municipality holds n, means per moment and the change from T0.

use leptos::prelude::*;
use leptos_router::components::A;

use super::charts::{interval_chart, kappa_rows, ChartRow, Point};
use super::place::{with_place, PlaceFilter};
use super::{
    data_table, heading, number, offer_download, p_value, tr, use_research_state, CSV_MIME,
};
use crate::core::i18n::{text, Lang};
use crate::core::instrument::{Domain, Moment, Role};
use crate::core::research::{
    analyse, by_municipality, measure_label, places_csv, report_numbers, Analysis, Measure, Place,
    PlaceRow, ReportNumbers, AGREEMENT_CSV_NAME, CHANGE_CSV_NAME, FROM_START, MOMENTS_CSV_NAME,
    PLACES_CSV_NAME,
};
use crate::ui::state::{use_app_state, AppState};

/// Catalogue key of a role's name on the analysis' role switch.
fn role_key(role: Role) -> &'static str {
    match role {
        Role::Citizen => "research.analysis.role.citizen",
        Role::Professional => "research.analysis.role.professional",
    }
}

/// The citizen / professional switch above a research table: which role's
/// forms the tables below show (the analysis, conditions and quality
/// screens share it).
#[component]
pub(super) fn RoleSwitch(
    /// The chosen role.
    role: RwSignal<Role>,
    /// The radio group's name, unique on the page.
    name: &'static str,
    /// Prefix of each radio's `data-testid` (`<prefix><role code>`).
    testid_prefix: &'static str,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <fieldset class="role-switch">
            <legend>{tr(state, "research.analysis.role")}</legend>
            {Role::ALL.into_iter().map(|r| view! {
                <label class="option" class:selected=move || role.get() == r>
                    <input type="radio" name=name data-testid=format!("{testid_prefix}{}", r.code())
                        prop:checked=move || role.get() == r
                        on:change=move |_| role.set(r)/>
                    <span>{move || state.t(role_key(r))}</span>
                </label>
            }).collect_view()}
        </fieldset>
    }
}

/// `/research/analysis`.
#[component]
pub fn AnalysisPage() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let place = RwSignal::new(None::<Place>);
    let analysis = Memo::new(move |_| with_place(research, place.get().as_ref(), analyse));
    let numbers = Memo::new(move |_| with_place(research, place.get().as_ref(), report_numbers));
    let by_place = Memo::new(move |_| with_place(research, place.get().as_ref(), by_municipality));
    let role = RwSignal::new(Role::Citizen);
    let download = move |csv: fn(&Analysis) -> String,
                         name: &'static str,
                         key: &'static str,
                         testid: &'static str| {
        view! {
            <li>
                <button type="button" class="button" data-testid=testid
                    on:click=move |_| analysis.with_untracked(|a| offer_download(state, &csv(a), name, CSV_MIME))>
                    {tr(state, key)} " (" {name} ")"
                </button>
            </li>
        }
    };
    let empty = move || research.data.with(|d| d.is_empty());
    view! {
        <section data-testid="analysis-page">
            <h1 tabindex="-1">{tr(state, "research.analysis.title")}</h1>
            <p>{tr(state, "research.analysis.intro")}</p>
            {move || empty().then(|| view! {
                <p class="banner banner-info" data-testid="analysis-empty">
                    {state.t("research.dataset.empty")} " "
                    <A href="/research/import">{state.t("research.hub.import_go")}</A>
                </p>
            })}
            // The downloads first: the tables below are long (issue 18).
            <h2>{tr(state, "research.analysis.downloads")}</h2>
            <ul class="download-list download-row">
                {download(Analysis::moments_csv, MOMENTS_CSV_NAME, "research.analysis.download_moments", "download-moments")}
                {download(Analysis::change_csv, CHANGE_CSV_NAME, "research.analysis.download_change", "download-change")}
                {download(Analysis::agreement_csv, AGREEMENT_CSV_NAME, "research.analysis.download_agreement", "download-agreement")}
                <li>
                    <button type="button" class="button" data-testid="download-places"
                        on:click=move |_| by_place.with_untracked(|rows| offer_download(state, &places_csv(rows), PLACES_CSV_NAME, CSV_MIME))>
                        {tr(state, "research.analysis.download_places")} " (" {PLACES_CSV_NAME} ")"
                    </button>
                </li>
            </ul>
            <div class="cond-controls">
                <RoleSwitch role=role name="analysis-role" testid_prefix="role-"/>
                <PlaceFilter place=place id="analysis-place"/>
            </div>
            <MomentsSection analysis=analysis numbers=numbers role=role/>
            <ChangeSection analysis=analysis role=role/>
            <PlacesSection rows=by_place role=role/>
            <AgreementSection analysis=analysis/>
            <h2>{tr(state, "research.analysis.methods_title")}</h2>
            <p class="methods" data-testid="methods">{tr(state, "research.analysis.methods")}</p>
        </section>
    }
}

/// What one part of the analysis shows, and under which ids.
struct Part {
    /// Prefix of the part's ids: `<id>-section`, `<id>-table`,
    /// `<id>-caption` (its download is at the top of the page).
    id: &'static str,
    title_key: &'static str,
    text_key: &'static str,
    caption_key: &'static str,
}

/// A part of the analysis: title, what it shows, a chart and the table.
fn part(
    state: AppState,
    part: Part,
    chart: impl IntoView + 'static,
    headings: impl IntoView + 'static,
    rows: impl IntoView + 'static,
) -> impl IntoView {
    let Part {
        id,
        title_key,
        text_key,
        caption_key,
    } = part;
    view! {
        <section data-testid=format!("{id}-section")>
            <h2>{tr(state, title_key)}</h2>
            <p>{tr(state, text_key)}</p>
            {chart}
            {data_table(format!("{id}-caption"), tr(state, caption_key), format!("{id}-table"), headings, rows)}
        </section>
    }
}

/// Headings from catalogue keys or symbols, and whether each is numeric.
fn headings(state: AppState, list: &'static [(&'static str, bool)]) -> impl IntoView {
    list.iter()
        .map(|&(label, numeric)| heading(state, label, numeric))
        .collect_view()
}

#[component]
fn MomentsSection(
    analysis: Memo<Analysis>,
    numbers: Memo<ReportNumbers>,
    role: RwSignal<Role>,
) -> impl IntoView {
    let state = use_app_state();
    let rows = move || {
        let lang = state.lang.get();
        let role = role.get();
        analysis.with(|a| {
            a.measures
                .iter()
                .filter(|r| r.role == role)
                .map(|r| {
                    let f = r.friedman.as_ref();
                    view! {
                        <tr data-testid="moments-row" data-measure=r.measure.code()>
                            <th scope="row">{measure_label(r.measure, lang)}</th>
                            {r.n.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view()}
                            {r.mean.iter().map(|m| view! { <td class="num">{number(lang, *m, 1)}</td> }).collect_view()}
                            <td class="num">{r.friedman_n}</td>
                            <td class="num">{number(lang, f.map(|f| f.chi2), 2)}</td>
                            <td class="num">{p_value(lang, f.map(|f| f.p))}</td>
                            <td class="num">{number(lang, f.map(|f| f.kendall_w), 2)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let chart_rows = Signal::derive(move || {
        let lang = state.lang.get();
        let role = role.get();
        numbers.with(|n| {
            n.means
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
                .collect::<Vec<_>>()
        })
    });
    part(
        state,
        Part {
            id: "moments",
            title_key: "research.analysis.moments_title",
            text_key: "research.analysis.moments_text",
            caption_key: "research.analysis.moments_caption",
        },
        interval_chart(
            state,
            "means-chart",
            tr(state, "research.analysis.means_chart"),
            tr(state, "research.analysis.means_chart_desc"),
            chart_rows,
            1,
        ),
        view! {
            {heading(state, "research.analysis.col.measure", false)}
            {Moment::ALL.iter().map(|m| view! { <th scope="col" class="num">"n " {m.code()}</th> }).collect_view()}
            {Moment::ALL.iter().map(|m| view! {
                <th scope="col" class="num">{tr(state, "research.analysis.col.mean")} " " {m.code()}</th>
            }).collect_view()}
            {headings(state, &[
                ("research.analysis.col.friedman_n", true),
                ("χ²", true),
                ("p", true),
                ("research.analysis.col.kendall_w", true),
            ])}
        },
        rows,
    )
}

/// The rows of a role's change table: per measure (all, or `only`) and
/// comparison n, mean change with its 95 % interval, the tests' p-values
/// with Holm's beside them, and d_z. `compact` (the study report) leaves
/// out t and df and rounds the change to one decimal. The analysis screen
/// and the report show the same.
pub(super) fn change_rows(
    state: AppState,
    analysis: Memo<Analysis>,
    role: Signal<Role>,
    only: Option<&'static [Measure]>,
    row_testid: &'static str,
    compact: bool,
) -> impl Fn() -> AnyView + Send + Sync + 'static {
    move || {
        let lang = state.lang.get();
        let role = role.get();
        analysis.with(|a| {
            a.measures
                .iter()
                .filter(|r| r.role == role && only.is_none_or(|m| m.contains(&r.measure)))
                .flat_map(|r| r.changes.iter().map(move |c| (r.measure, c)))
                .map(|(measure, c)| {
                    let t = c.t.as_ref();
                    let w = c.wilcoxon.as_ref();
                    let df = t.map(|t| t.df.to_string()).unwrap_or_else(|| "–".into());
                    let ci = c.ci.as_ref().map_or("–".to_string(), |ci| {
                        format!("{} – {}", number(lang, Some(ci.low), 1), number(lang, Some(ci.high), 1))
                    });
                    view! {
                        <tr data-testid=row_testid data-measure=measure.code()
                            data-comparison=format!("{}-{}", c.from.code(), c.to.code())>
                            <th scope="row">{measure_label(measure, lang)}</th>
                            <td>{c.from.code()} "→" {c.to.code()}</td>
                            <td class="num">{c.n}</td>
                            <td class="num">{number(lang, t.map(|t| t.mean_diff), if compact { 1 } else { 2 })}</td>
                            <td class="num">{ci}</td>
                            {(!compact).then(|| view! {
                                <td class="num">{number(lang, t.and_then(|t| t.t), 2)}</td>
                                <td class="num">{df}</td>
                            })}
                            <td class="num">{p_value(lang, t.and_then(|t| t.p))}</td>
                            <td class="num" data-testid="p-t-holm" data-p=c.p_t_holm.map(|p| p.to_string())>{p_value(lang, c.p_t_holm)}</td>
                            <td class="num">{number(lang, t.and_then(|t| t.d_z), 2)}</td>
                            <td class="num">{p_value(lang, w.map(|w| w.p))}</td>
                            <td class="num" data-testid="p-wilcoxon-holm">{p_value(lang, c.p_wilcoxon_holm)}</td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any()
        })
    }
}

/// The headings of [`change_rows`].
pub(super) fn change_headings(state: AppState, compact: bool) -> impl IntoView {
    view! {
        {headings(state, &[
            ("research.analysis.col.measure", false),
            ("research.analysis.col.comparison", false),
            ("n", true),
            ("research.analysis.col.mean_diff", true),
            ("research.cond.col.ci", true),
        ])}
        {(!compact).then(|| headings(state, &[("t", true), ("df", true)]))}
        {headings(state, &[
            ("research.analysis.col.p_t", true),
            ("research.analysis.col.p_t_holm", true),
            ("d_z", true),
            ("research.analysis.col.p_wilcoxon", true),
            ("research.analysis.col.p_wilcoxon_holm", true),
        ])}
    }
}

#[component]
fn ChangeSection(analysis: Memo<Analysis>, role: RwSignal<Role>) -> impl IntoView {
    let state = use_app_state();
    part(
        state,
        Part {
            id: "change",
            title_key: "research.analysis.change_title",
            text_key: "research.analysis.change_text",
            caption_key: "research.analysis.change_caption",
        },
        (),
        change_headings(state, false),
        change_rows(state, analysis, role.into(), None, "change-row", false),
    )
}

/// The measures of the table per municipality on screen (its CSV has all).
const PLACE_MEASURES: [Measure; 3] = [Measure::Draagkracht, Measure::Draaglast, Measure::Balans];

/// Per municipality: n and mean per moment and the change from T0, for
/// draagkracht, draaglast and balans of the chosen role.
#[component]
fn PlacesSection(rows: Memo<Vec<PlaceRow>>, role: RwSignal<Role>) -> impl IntoView {
    let state = use_app_state();
    let body = move || {
        let lang = state.lang.get();
        let role = role.get();
        rows.with(|rows| {
            rows.iter()
                .filter(|r| r.role == role && PLACE_MEASURES.contains(&r.measure))
                .map(|r| {
                    let changes = FROM_START.iter().map(|(from, to)| {
                        let c = r.changes.iter().find(|c| (c.from, c.to) == (*from, *to));
                        let mean = c.and_then(|c| c.t.as_ref()).map(|t| t.mean_diff);
                        let ci = c.and_then(|c| c.ci.as_ref()).map_or(String::new(), |ci| {
                            format!(" [{} – {}]", number(lang, Some(ci.low), 1), number(lang, Some(ci.high), 1))
                        });
                        view! {
                            <td class="num">{c.map_or(0, |c| c.n)}</td>
                            <td class="num">{number(lang, mean, 1)}{ci}</td>
                        }
                    }).collect_view();
                    let n_text = r.n.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" ");
                    view! {
                        <tr data-testid="place-row" data-municipality=r.municipality.clone() data-measure=r.measure.code()
                            data-n=n_text>
                            <th scope="row">{r.municipality.clone()}</th>
                            <td>{measure_label(r.measure, lang)}</td>
                            {r.n.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view()}
                            {r.mean.iter().map(|m| view! { <td class="num">{number(lang, *m, 1)}</td> }).collect_view()}
                            {changes}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    part(
        state,
        Part {
            id: "places",
            title_key: "research.analysis.places_title",
            text_key: "research.analysis.places_text",
            caption_key: "research.analysis.places_caption",
        },
        (),
        view! {
            {heading(state, "research.var.municipality", false)}
            {heading(state, "research.analysis.col.measure", false)}
            {Moment::ALL.iter().map(|m| view! { <th scope="col" class="num">"n " {m.code()}</th> }).collect_view()}
            {Moment::ALL.iter().map(|m| view! {
                <th scope="col" class="num">{tr(state, "research.analysis.col.mean")} " " {m.code()}</th>
            }).collect_view()}
            {FROM_START.iter().map(|(from, to)| view! {
                <th scope="col" class="num">"n " {from.code()} "→" {to.code()}</th>
                <th scope="col" class="num">{tr(state, "research.analysis.col.mean_diff")} " " {from.code()} "→" {to.code()}</th>
            }).collect_view()}
        },
        body,
    )
}

fn domain_name(domain: Domain, lang: Lang) -> String {
    text(lang, crate::core::professional::staff_domain_key(domain))
}

#[component]
fn AgreementSection(analysis: Memo<Analysis>) -> impl IntoView {
    let state = use_app_state();
    let rows = move || {
        let lang = state.lang.get();
        analysis.with(|a| {
            a.agreement
                .iter()
                .map(|g| {
                    view! {
                        <tr data-testid="agreement-row" data-domain=g.domain.code() data-moment=g.moment.code()>
                            <th scope="row">{domain_name(g.domain, lang)}</th>
                            <td>{g.moment.code()}</td>
                            <td class="num">{g.n}</td>
                            <td class="num">{number(lang, g.kappa, 2)}</td>
                            <td class="num">{number(lang, g.mean_diff, 1)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let chart_rows = Signal::derive(move || {
        let lang = state.lang.get();
        analysis.with(|a| kappa_rows(a, lang))
    });
    part(
        state,
        Part {
            id: "agreement",
            title_key: "research.analysis.agreement_title",
            text_key: "research.analysis.agreement_text",
            caption_key: "research.analysis.agreement_caption",
        },
        interval_chart(
            state,
            "kappa-chart",
            tr(state, "research.analysis.kappa_chart"),
            tr(state, "research.analysis.kappa_chart_desc"),
            chart_rows,
            2,
        ),
        headings(
            state,
            &[
                ("research.analysis.col.domain", false),
                ("research.var.moment", false),
                ("n", true),
                ("research.analysis.col.kappa", true),
                ("research.analysis.col.agreement_diff", true),
            ],
        ),
        rows,
    )
}
