//! Compact interval charts for the analysis screen and the study report:
//! one table row per measure, a small SVG with a marker and its interval
//! per moment, and the numbers in the cells beside it. Rows are a fixed
//! 30 px, so fifteen measures take about 500 px instead of the 1 600 of a
//! chart that scales with the page's width. Moments differ in shape
//! (circle, square, diamond) as well as shade, so a black-and-white print
//! reads the same.

use leptos::prelude::*;

use super::{number, tr};
use crate::core::i18n::Lang;
use crate::core::instrument::Moment;
use crate::ui::state::AppState;

/// One value with its interval (either bound may be missing).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// The value (a mean, a kappa).
    pub value: f64,
    /// Lower bound of its interval.
    pub lower: Option<f64>,
    /// Upper bound of its interval.
    pub upper: Option<f64>,
}

/// One row of a chart: a label and a point per moment.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartRow {
    /// What the row shows (a measure, a domain).
    pub label: String,
    /// `data-key` of the row, for tests.
    pub key: String,
    /// T0, T1, T2.
    pub points: [Option<Point>; 3],
    /// The scale's ends.
    pub range: (f64, f64),
}

const WIDTH: f64 = 160.0;
const HEIGHT: f64 = 30.0;
const PAD: f64 = 6.0;

fn x(value: f64, (min, max): (f64, f64)) -> f64 {
    let clamped = value.clamp(min, max);
    PAD + (clamped - min) / (max - min) * (WIDTH - 2.0 * PAD)
}

/// The marker of a moment: circle, square or diamond.
fn marker(moment: usize, cx: f64, cy: f64) -> AnyView {
    match moment {
        0 => view! { <circle cx=cx cy=cy r="3.5" class="dot dot-t0"/> }.into_any(),
        1 => view! { <rect x=cx - 3.5 y=cy - 3.5 width="7" height="7" class="dot dot-t1"/> }
            .into_any(),
        _ => {
            let points = format!(
                "{cx},{} {},{cy} {cx},{} {},{cy}",
                cy - 4.5,
                cx + 4.5,
                cy + 4.5,
                cx - 4.5
            );
            view! { <polygon points=points class="dot dot-t2"/> }.into_any()
        }
    }
}

/// The small picture of one row. Hidden from screen readers: the cells
/// beside it say the same in numbers.
fn row_svg(row: &ChartRow) -> impl IntoView {
    let lanes = row
        .points
        .iter()
        .enumerate()
        .filter_map(|(m, p)| p.map(|p| (6.0 + 9.0 * m as f64, m, p)))
        .collect();
    lanes_svg(row.range, HEIGHT, lanes)
}

/// Height of an effect's picture: one lane.
const EFFECT_HEIGHT: f64 = 16.0;

/// The small picture of one effect with its interval on −`extent`…`extent`
/// with zero marked (a forest plot's row), as a square. Hidden from screen
/// readers: the cells beside it say the same in numbers.
pub fn effect_svg(point: Option<Point>, extent: f64) -> impl IntoView {
    let extent = if extent.is_finite() && extent > 0.0 {
        extent
    } else {
        1.0
    };
    let lanes = point
        .into_iter()
        .map(|p| (EFFECT_HEIGHT / 2.0, 1, p))
        .collect();
    lanes_svg((-extent, extent), EFFECT_HEIGHT, lanes)
}

/// Axes, the middle (and zero, when the range spans it), and per lane
/// (its height, its moment's marker, the point) a marker with its interval.
fn lanes_svg(range: (f64, f64), height: f64, lanes: Vec<(f64, usize, Point)>) -> impl IntoView {
    let zero = (range.0 < 0.0 && range.1 > 0.0).then(|| x(0.0, range));
    let lanes = lanes
        .into_iter()
        .map(|(y, m, p)| {
            let whisker = match (p.lower, p.upper) {
                (Some(lo), Some(hi)) => Some(view! {
                    <line x1=x(lo, range) x2=x(hi, range) y1=y y2=y class="chart-ci"/>
                }),
                _ => None,
            };
            view! { <g>{whisker}{marker(m, x(p.value, range), y)}</g> }
        })
        .collect_view();
    view! {
        <svg class="interval-svg" width=WIDTH height=height viewBox=format!("0 0 {WIDTH} {height}")
            aria-hidden="true" focusable="false">
            <line x1=PAD x2=PAD y1="1" y2=height - 1.0 class="chart-axis"/>
            <line x1=WIDTH - PAD x2=WIDTH - PAD y1="1" y2=height - 1.0 class="chart-axis"/>
            <line x1=WIDTH / 2.0 x2=WIDTH / 2.0 y1="1" y2=height - 1.0 class="chart-grid"/>
            {zero.map(|z| view! { <line x1=z x2=z y1="1" y2=height - 1.0 class="chart-zero"/> })}
            {lanes}
        </svg>
    }
}

/// "52,1 (48,0–56,2)", or "–" without a value.
pub fn with_interval(lang: Lang, point: Option<Point>, decimals: usize) -> String {
    match point {
        None => "–".to_string(),
        Some(p) => match (p.lower, p.upper) {
            (Some(lo), Some(hi)) => format!(
                "{} ({}–{})",
                number(lang, Some(p.value), decimals),
                number(lang, Some(lo), decimals),
                number(lang, Some(hi), decimals)
            ),
            _ => number(lang, Some(p.value), decimals),
        },
    }
}

/// A figure with a caption, the moments' legend and one row per
/// [`ChartRow`]: label, picture, and the value (interval) per moment.
/// `scale_label` names the picture's column (its range).
pub fn interval_chart(
    state: AppState,
    testid: &'static str,
    caption: impl Fn() -> String + Send + Sync + 'static,
    scale_label: impl Fn() -> String + Send + Sync + 'static,
    rows: Signal<Vec<ChartRow>>,
    decimals: usize,
) -> impl IntoView {
    // Without intervals the legend says nothing about lines.
    let legend = move || {
        let with_lines = rows.with(|r| {
            r.iter()
                .flat_map(|row| row.points.iter().flatten())
                .any(|p| p.lower.is_some())
        });
        state.t(if with_lines {
            "research.chart.legend"
        } else {
            "research.chart.legend_points"
        })
    };
    let caption_id = format!("{testid}-caption");
    let labelled = caption_id.clone();
    let region_labelled = caption_id.clone();
    view! {
        <figure class="interval-chart" data-testid=testid>
            // The title stays above the region that scrolls sideways on a
            // phone, so it is never cut off.
            <p class="chart-title" id=caption_id>{caption}</p>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby=region_labelled>
                <table class="data-table chart-table" aria-labelledby=labelled>
                    <thead>
                        <tr>
                            <th scope="col"><span class="visually-hidden">{tr(state, "research.analysis.col.measure")}</span></th>
                            <th scope="col" class="chart-col">{scale_label}</th>
                            {Moment::ALL.iter().map(|m| view! { <th scope="col" class="num">{m.code()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let lang = state.lang.get();
                            rows.get().into_iter().map(|row| view! {
                                <tr data-testid="chart-row" data-key=row.key.clone()>
                                    <th scope="row">{row.label.clone()}</th>
                                    <td class="chart-col">{row_svg(&row)}</td>
                                    {row.points.iter().map(|p| view! {
                                        <td class="num">{with_interval(lang, *p, decimals)}</td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <figcaption class="hint">{legend}</figcaption>
        </figure>
    }
}

/// One chart row per life domain: the citizen–professional kappa at T0, T1
/// and T2 on −1…1 (the analysis screen and the report draw the same chart).
pub fn kappa_rows(analysis: &crate::core::research::Analysis, lang: Lang) -> Vec<ChartRow> {
    use crate::core::instrument::Domain;
    Domain::ALL
        .iter()
        .map(|d| {
            let mut points = [None; 3];
            for g in analysis.agreement.iter().filter(|g| g.domain == *d) {
                points[g.moment.index()] = g.kappa.map(|k| Point {
                    value: k,
                    lower: None,
                    upper: None,
                });
            }
            ChartRow {
                label: crate::core::i18n::text(
                    lang,
                    crate::core::professional::staff_domain_key(*d),
                ),
                key: d.code().to_string(),
                points,
                range: (-1.0, 1.0),
            }
        })
        .collect()
}
