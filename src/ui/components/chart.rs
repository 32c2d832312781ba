//! The person's balance as a bar chart: the three capacity dimensions and
//! their total against the burden. Labels and values are text (they wrap and
//! grow with zoom and larger text); each bar is a small SVG.

use leptos::prelude::*;

use crate::core::instrument::Scores;
use crate::ui::state::use_app_state;

/// One bar: a catalogue key for its label, its score, and its colour class.
type Bar = (&'static str, Option<f64>, &'static str);

/// Bars from 0 to 100 for what helps and what is hard.
#[component]
pub fn BalanceChart(
    /// The scores to show.
    scores: Scores,
) -> impl IntoView {
    let state = use_app_state();
    let strength: Vec<Bar> = vec![
        ("summary.competences", scores.competences, "bar-strength"),
        ("summary.network", scores.network, "bar-strength"),
        ("summary.services", scores.services, "bar-strength"),
        (
            "summary.strength_total",
            scores.draagkracht,
            "bar-strength-total",
        ),
    ];
    let burden: Vec<Bar> = vec![("summary.burden", scores.draaglast, "bar-burden")];
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

fn bar_row((key, value, class): Bar) -> impl IntoView {
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
        </li>
    }
}
