//! The person's balance as an SVG bar chart: the three capacity dimensions
//! and their total against the burden.

use leptos::prelude::*;

use crate::core::Scores;
use crate::ui::state::use_app_state;

const WIDTH: f64 = 300.0;
const ROW: f64 = 46.0;
const BAR: f64 = 18.0;

/// Bars from 0 to 100 for what helps and what is hard.
#[component]
pub fn BalanceChart(
    /// The scores to show.
    scores: Scores,
) -> impl IntoView {
    let state = use_app_state();
    let rows: Vec<(&'static str, Option<f64>, &'static str)> = vec![
        ("summary.competences", scores.competences, "bar-strength"),
        ("summary.network", scores.network, "bar-strength"),
        ("summary.services", scores.services, "bar-strength"),
        (
            "summary.strength_total",
            scores.draagkracht,
            "bar-strength-total",
        ),
        ("summary.burden", scores.draaglast, "bar-burden"),
    ];
    let height = ROW * rows.len() as f64 + 36.0;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (key, value, class))| {
            // A gap before the burden bar separates "what helps" from "what is hard".
            let y = ROW * i as f64 + if i == 4 { 30.0 } else { 0.0 };
            let width = value.unwrap_or(0.0).clamp(0.0, 100.0) / 100.0 * WIDTH;
            let value_text = move || match value {
                Some(v) => state.tw("summary.score", &[("score", &format!("{:.0}", v))]),
                None => state.t("summary.not_enough"),
            };
            view! {
                <g data-testid=format!("bar-{key}") data-value=value.map(|v| format!("{v:.1}"))>
                    <text x="0" y=y + 14.0 class="chart-label">{move || state.t(key)}</text>
                    <rect x="0" y=y + 20.0 width=WIDTH height=BAR rx="4" class="bar-track"/>
                    <rect x="0" y=y + 20.0 width=width height=BAR rx="4" class=class/>
                    <text x=WIDTH y=y + 14.0 text-anchor="end" class="chart-value">{value_text}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {height}")
                role="img"
                aria-labelledby="chart-title chart-desc"
                data-testid="balance-chart"
            >
                <title id="chart-title">{move || state.t("summary.chart_title")}</title>
                <desc id="chart-desc">{move || state.t("summary.chart_desc")}</desc>
                {bars}
            </svg>
        </figure>
    }
}
