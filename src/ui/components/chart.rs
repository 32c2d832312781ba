//! The person's balance as a bar chart: the three capacity dimensions and
//! their total against the burden. Labels and values are text (they wrap and
//! grow with zoom and larger text); each bar is a small SVG.

use leptos::prelude::*;

use crate::core::instrument::Scores;
use crate::ui::state::use_app_state;

/// One bar: a catalogue key for its label, its score, its colour class, and
/// the score at the person's earlier moment (a thin bar below, issue 13).
type Bar = (&'static str, Option<f64>, &'static str, Option<f64>);

/// Bars from 0 to 100 for what helps and what is hard.
#[component]
pub fn BalanceChart(
    /// The scores to show.
    scores: Scores,
    /// The scores of the person's earlier moment, when it is on the device.
    #[prop(optional)]
    before: Option<Scores>,
) -> impl IntoView {
    let state = use_app_state();
    let b = before.unwrap_or_default();
    let strength: Vec<Bar> = vec![
        (
            "summary.competences",
            scores.competences,
            "bar-strength",
            b.competences,
        ),
        ("summary.network", scores.network, "bar-strength", b.network),
        (
            "summary.services",
            scores.services,
            "bar-strength",
            b.services,
        ),
        (
            "summary.strength_total",
            scores.draagkracht,
            "bar-strength-total",
            b.draagkracht,
        ),
    ];
    let burden: Vec<Bar> = vec![(
        "summary.burden",
        scores.draaglast,
        "bar-burden",
        b.draaglast,
    )];
    view! {
        <figure class="chart" data-testid="balance-chart" aria-labelledby="chart-title">
            <figcaption id="chart-title">
                <strong>{move || state.t("summary.chart_title")}</strong>
                <span class="chart-desc">{move || state.t("summary.chart_desc")}</span>
            </figcaption>
            <h2 class="chart-group">{move || state.t("summary.strength_group")}</h2>
            <ul class="chart-rows">{strength.into_iter().map(bar_row).collect_view()}</ul>
            <h2 class="chart-group">{move || state.t("summary.burden_group")}</h2>
            <ul class="chart-rows">{burden.into_iter().map(bar_row).collect_view()}</ul>
        </figure>
    }
}

fn bar_row((key, value, class, before): Bar) -> impl IntoView {
    let state = use_app_state();
    let width = value.unwrap_or(0.0).clamp(0.0, 100.0);
    let value_text = move || match value {
        Some(v) => state.tw("summary.score", &[("score", &format!("{v:.0}"))]),
        None => state.t("summary.not_enough"),
    };
    view! {
        <li class="chart-row" data-testid=format!("bar-{key}") data-value=value.map(|v| format!("{v:.1}"))>
            <span class="chart-label">{move || state.t(key)}</span>
            <span class="chart-value">{value_text}</span>
            <svg class="chart-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                <rect x="0" y="0" width="100" height="10" rx="2" class="bar-track"/>
                <rect x="0" y="0" width=width height="10" rx="2" class=class/>
            </svg>
            {before.map(|v| view! {
                <span class="chart-before" data-testid="bar-before">
                    {move || state.tw("summary.before", &[("score", &format!("{v:.0}"))])}
                </span>
                <svg class="chart-bar chart-bar-before" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
                    <rect x="0" y="0" width=v.clamp(0.0, 100.0) height="4" class="bar-before"/>
                </svg>
            })}
        </li>
    }
}
