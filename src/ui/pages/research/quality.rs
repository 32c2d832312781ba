//! `/research/quality`: how sound the instrument is. Cronbach's α per scale,
//! role and moment; per item the floor, ceiling, missing shares, item–rest
//! and α without it; and the ICC(A,1) of the citizen's and professional's
//! scores. The numbers come from `core::research::quality`.

use leptos::prelude::*;

use super::analysis::RoleSwitch;
use leptos_router::components::A;

use super::charts::{with_interval, Point};
use super::place::{with_place, PlaceFilter};
use super::{data_table, heading, number, offer_download, tr, use_research_state, CSV_MIME};
use crate::core::i18n::Lang;
use crate::core::instrument::{Moment, Role};
use crate::core::research::{
    measure_label, quality, Alpha, Place, Quality, QUALITY_ICC_CSV_NAME, QUALITY_ITEMS_CSV_NAME,
    QUALITY_SCALES_CSV_NAME,
};
use crate::ui::state::{use_app_state, AppState};

/// A share as a whole percentage ("12%"), or "–".
pub fn percent(lang: Lang, share: Option<f64>) -> String {
    match share {
        Some(s) => format!("{}%", number(lang, Some(s * 100.0), 0)),
        None => "–".to_string(),
    }
}

/// α with its interval, as "0,84 (0,78–0,89)".
pub fn alpha_text(lang: Lang, alpha: Option<&Alpha>) -> String {
    with_interval(
        lang,
        alpha.map(|a| Point {
            value: a.alpha,
            lower: Some(a.lower),
            upper: Some(a.upper),
        }),
        2,
    )
}

/// The table of α per scale and moment for one role.
pub fn scales_table(
    state: AppState,
    quality: Memo<Quality>,
    role: Signal<Role>,
    testid: &'static str,
    caption: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let rows = move || {
        let lang = state.lang.get();
        let role = role.get();
        quality.with(|q| {
            q.scales
                .iter()
                .filter(|s| s.role == role)
                .map(|s| {
                    let alpha = if s.scale.is_reflective() {
                        alpha_text(lang, s.alpha.as_ref())
                    } else {
                        state.t("research.quality.no_alpha")
                    };
                    view! {
                        <tr data-testid="quality-scale-row" data-scale=s.scale.code() data-moment=s.moment.code()
                            data-alpha=s.alpha.as_ref().map(|a| a.alpha.to_string()).unwrap_or_default()>
                            <th scope="row">{state.t(s.scale.label_key())}</th>
                            <td>{s.moment.code()}</td>
                            <td class="num">{s.forms}</td>
                            <td class="num">{s.complete}</td>
                            <td class="num">{alpha}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    data_table(
        format!("{testid}-caption"),
        caption,
        testid,
        view! {
            {heading(state, "research.quality.col.scale", false)}
            {heading(state, "research.var.moment", false)}
            {heading(state, "research.quality.col.forms", true)}
            {heading(state, "research.quality.col.complete", true)}
            <th scope="col" class="num">"α (" {tr(state, "research.quality.col.ci")} ")"</th>
        },
        rows,
    )
}

/// The ICC(A,1) table: one row per measure, n and ICC (interval) per moment.
pub fn icc_table(
    state: AppState,
    quality: Memo<Quality>,
    testid: &'static str,
    caption: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let rows = move || {
        let lang = state.lang.get();
        quality.with(|q| {
            crate::core::research::ICC_MEASURES
                .iter()
                .map(|measure| {
                    let cells = Moment::ALL
                        .iter()
                        .map(|m| {
                            let row = q
                                .icc
                                .iter()
                                .find(|r| r.measure == *measure && r.moment == *m);
                            let n = row.map_or(0, |r| r.n);
                            let icc = row.and_then(|r| r.icc.as_ref()).map(|i| Point {
                                value: i.icc,
                                lower: i.lower,
                                upper: i.upper,
                            });
                            view! {
                                <td class="num">{n}</td>
                                <td class="num">{with_interval(lang, icc, 2)}</td>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr data-testid="quality-icc-row" data-measure=measure.code()>
                            <th scope="row">{measure_label(*measure, lang)}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    data_table(
        format!("{testid}-caption"),
        caption,
        testid,
        view! {
            {heading(state, "research.analysis.col.measure", false)}
            {Moment::ALL.iter().map(|m| view! {
                <th scope="col" class="num">"n " {m.code()}</th>
                <th scope="col" class="num">"ICC " {m.code()}</th>
            }).collect_view()}
        },
        rows,
    )
}

/// `/research/quality`.
#[component]
pub fn QualityPage() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let place = RwSignal::new(None::<Place>);
    let quality = Memo::new(move |_| with_place(research, place.get().as_ref(), quality));
    let role = RwSignal::new(Role::Citizen);
    let moment = RwSignal::new(Moment::T0);
    let empty = move || research.data.with(|d| d.is_empty());
    let download = move |csv: fn(&Quality) -> String,
                         name: &'static str,
                         key: &'static str,
                         testid: &'static str| {
        view! {
            <li>
                <button type="button" class="button" data-testid=testid
                    on:click=move |_| quality.with_untracked(|q| offer_download(state, &csv(q), name, CSV_MIME))>
                    {tr(state, key)} " (" {name} ")"
                </button>
            </li>
        }
    };
    view! {
        <section data-testid="quality-page">
            <h1 tabindex="-1">{tr(state, "research.quality.title")}</h1>
            <p>{tr(state, "research.quality.intro")}</p>
            {move || empty().then(|| view! {
                <p class="banner banner-info" data-testid="quality-empty">
                    {state.t("research.dataset.empty")} " "
                    <A href="/research/import">{state.t("research.hub.import_go")}</A>
                </p>
            })}
            <h2>{tr(state, "research.quality.downloads")}</h2>
            <ul class="download-list download-row">
                {download(Quality::scales_csv, QUALITY_SCALES_CSV_NAME, "research.quality.download_scales", "download-quality-scales")}
                {download(Quality::items_csv, QUALITY_ITEMS_CSV_NAME, "research.quality.download_items", "download-quality-items")}
                {download(Quality::icc_csv, QUALITY_ICC_CSV_NAME, "research.quality.download_icc", "download-quality-icc")}
            </ul>
            <div class="cond-controls">
                <RoleSwitch role=role name="quality-role" testid_prefix="quality-role-"/>
                <PlaceFilter place=place id="quality-place"/>
            </div>
            <section data-testid="quality-scales-section">
                <h2>{tr(state, "research.quality.scales_title")}</h2>
                <p>{tr(state, "research.quality.scales_text")}</p>
                {scales_table(state, quality, role.into(), "quality-scales-table", tr(state, "research.quality.scales_caption"))}
                <p class="hint" data-testid="quality-index-note">{tr(state, "research.quality.index_note")}</p>
            </section>
            <section data-testid="quality-items-section">
                <h2>{tr(state, "research.quality.items_title")}</h2>
                <p>{tr(state, "research.quality.items_text")}</p>
                <fieldset class="role-switch">
                    <legend>{tr(state, "research.quality.moment")}</legend>
                    {Moment::ALL.into_iter().map(|m| view! {
                        <label class="option" class:selected=move || moment.get() == m>
                            <input type="radio" name="quality-moment" data-testid=format!("quality-moment-{}", m.code())
                                prop:checked=move || moment.get() == m
                                on:change=move |_| moment.set(m)/>
                            <span>{m.code()}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <ItemsTable quality=quality role=role moment=moment/>
            </section>
            <section data-testid="quality-icc-section">
                <h2>{tr(state, "research.quality.icc_title")}</h2>
                <p>{tr(state, "research.quality.icc_text")}</p>
                {icc_table(state, quality, "quality-icc-table", tr(state, "research.quality.icc_caption"))}
            </section>
            <h2>{tr(state, "research.quality.methods_title")}</h2>
            <p class="methods" data-testid="quality-methods">{tr(state, "research.quality.methods")}</p>
        </section>
    }
}

#[component]
fn ItemsTable(
    quality: Memo<Quality>,
    role: RwSignal<Role>,
    moment: RwSignal<Moment>,
) -> impl IntoView {
    let state = use_app_state();
    let rows = move || {
        let lang = state.lang.get();
        let (role, moment) = (role.get(), moment.get());
        quality.with(|q| {
            q.scales
                .iter()
                .filter(|s| s.role == role && s.moment == moment)
                .map(|s| {
                    let scale = s.scale;
                    // A row naming the scale above its items.
                    let group = view! {
                        <tr class="group-row">
                            <th scope="colgroup" colspan="12">{state.t(scale.label_key())}</th>
                        </tr>
                    };
                    let items = s.items.iter().map(|i| {
                        let name = i.item.id.replace('.', "_");
                        view! {
                            <tr data-testid="quality-item-row" data-item=i.item.id data-scale=scale.code()>
                                <th scope="row">
                                    <span class="variable-name">{name}</span>
                                    {i.item.reverse.then(|| view! { " " <span class="hint">{state.t("research.quality.reversed")}</span> })}
                                </th>
                                <td class="num">{i.valid}</td>
                                <td class="num">{number(lang, i.mean, 2)}</td>
                                <td class="num">{number(lang, i.sd, 2)}</td>
                                <td class="num">{percent(lang, i.floor)}</td>
                                <td class="num">{percent(lang, i.ceiling)}</td>
                                {i.missing.iter().map(|m| view! { <td class="num">{percent(lang, *m)}</td> }).collect_view()}
                                <td class="num">{number(lang, i.item_rest, 2)}</td>
                                <td class="num">{number(lang, i.alpha_if_dropped, 2)}</td>
                            </tr>
                        }
                    }).collect_view();
                    view! { {group}{items} }
                })
                .collect_view()
        })
    };
    data_table(
        "quality-items-caption",
        tr(state, "research.quality.items_caption"),
        "quality-items-table",
        view! {
            {heading(state, "research.quality.col.item", false)}
            {heading(state, "research.quality.col.valid", true)}
            {heading(state, "research.analysis.col.mean", true)}
            {heading(state, "sd", true)}
            {heading(state, "research.quality.col.floor", true)}
            {heading(state, "research.quality.col.ceiling", true)}
            {heading(state, "research.quality.col.dont_know", true)}
            {heading(state, "research.quality.col.no_answer", true)}
            {heading(state, "research.quality.col.not_applicable", true)}
            {heading(state, "research.quality.col.skipped", true)}
            {heading(state, "research.quality.col.item_rest", true)}
            {heading(state, "research.quality.col.alpha_dropped", true)}
        },
        rows,
    )
}
