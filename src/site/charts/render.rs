//! A chart as SVG: year grid and labels on top, a row per version or standard, the as-of date as
//! a line with its label below. Sizes are in viewBox units; the page scales the SVG to its width
//! (see `css/charts.css`), colours come from classes, so that the theme's tokens apply.

use super::axis::Axis;
use super::{Bar, Chart, ChartView, LabelView, Row};
use std::fmt::Write;

/// The viewBox width: small, so that its 12-unit text stays legible scaled down to a phone.
const WIDTH: f64 = 400.0;
const LABELS: f64 = 70.0;
const RIGHT: f64 = 394.0;
const TOP: f64 = 18.0;
const LANE: f64 = 11.0;
/// Lanes of a row with several versions: thinner.
const THIN: f64 = 6.0;
const GAP: f64 = 1.0;
const ROW: f64 = 20.0;

fn esc(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
}

/// A row's label before it is placed: its middle in viewBox units.
struct Label {
    text: String,
    href: Option<String>,
    middle: f64,
}

/// The SVG of `chart` and its row labels. The labels are HTML placed over the SVG's label
/// column (`top` in percent of its height): links inside `role="img"` would be hidden from
/// assistive technology (axe: nested-interactive), and HTML text keeps the page's font size
/// when the SVG is scaled down to a phone.
pub fn render(chart: &Chart) -> ChartView {
    let dates = chart
        .rows
        .iter()
        .flat_map(|r| &r.lanes)
        .flat_map(|l| &l.bars)
        .flat_map(|b| [b.from, b.to])
        .flatten()
        .chain([chart.as_of]);
    let axis = Axis::around(dates, LABELS, RIGHT);
    let mut rows = String::new();
    let mut labels = Vec::with_capacity(chart.rows.len());
    let mut y = TOP;
    for row in &chart.rows {
        y = draw_row(&mut rows, &mut labels, (row, &axis, chart), y);
    }
    let height = y + 16.0;
    let id = chart.id;
    let mut svg = format!(
        "<svg class=\"timeline-chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n\
         <desc id=\"{id}-desc\">{}</desc>\n",
        esc(&chart.title),
        esc(&chart.desc)
    );
    for (year, x, middle, label) in axis.years() {
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{y}\"/>",
            TOP - 4.0
        );
        if label {
            let _ = write!(
                svg,
                "<text class=\"year\" x=\"{middle:.1}\" y=\"11\" text-anchor=\"middle\">{year}</text>"
            );
        }
    }
    let _ = writeln!(
        svg,
        "<line class=\"grid\" x1=\"{RIGHT}\" y1=\"{}\" x2=\"{RIGHT}\" y2=\"{y}\"/>",
        TOP - 4.0
    );
    svg.push_str(&rows);
    let x = axis.x(chart.as_of);
    let anchor = if x > RIGHT - 60.0 { "end" } else { "middle" };
    let _ = write!(
        svg,
        "<line class=\"as-of\" x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{}\"/>\
         <text class=\"as-of\" x=\"{x:.1}\" y=\"{}\" text-anchor=\"{anchor}\">as of {}</text>\n</svg>",
        TOP - 4.0,
        y + 2.0,
        y + 13.0,
        chart.as_of
    );
    let summary = if chart.summary {
        chart
            .rows
            .iter()
            .flat_map(|r| &r.lanes)
            .map(|l| {
                let periods: Vec<String> = l.bars.iter().map(Bar::describe).collect();
                match periods.is_empty() {
                    true => format!("{}: no dated period.", l.name),
                    false => format!("{}: {}.", l.name, periods.join("; ")),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let labels = labels
        .into_iter()
        .map(|l| LabelView {
            text: l.text,
            href: l.href,
            top: format!("{:.2}", l.middle / height * 100.0),
        })
        .collect();
    ChartView {
        svg,
        labels,
        summary,
        rows: chart.rows.len(),
    }
}

/// Draws one row from `y`; returns where the next one starts.
fn draw_row(
    out: &mut String,
    labels: &mut Vec<Label>,
    (row, axis, chart): (&Row, &Axis, &Chart),
    y: f64,
) -> f64 {
    let lanes = row.lanes.len().max(1) as f64;
    let lane = if row.lanes.len() > 1 { THIN } else { LANE };
    let height = (lanes * (lane + GAP)).max(ROW - 4.0);
    labels.push(Label {
        text: row.label.clone(),
        href: row.href.clone(),
        middle: y + height / 2.0,
    });
    let top = y + (height - lanes * (lane + GAP) + GAP) / 2.0;
    for (i, l) in row.lanes.iter().enumerate() {
        let ly = top + i as f64 * (lane + GAP);
        for bar in &l.bars {
            let x1 = bar.from.map_or(axis.left, |d| axis.x(d));
            let x2 = bar.to.map_or(axis.right, |d| axis.x(d));
            let width = (x2 - x1).max(1.5);
            let mut class = bar.kind.class().to_owned();
            if bar.from.is_none() {
                class.push_str(" unknown");
            }
            // Announced: it begins after the as-of date.
            if bar.from.is_some_and(|d| d > chart.as_of) {
                class.push_str(" announced");
            }
            let _ = write!(
                out,
                "<rect class=\"{class}\" x=\"{x1:.1}\" y=\"{ly:.1}\" width=\"{width:.1}\" height=\"{lane}\""
            );
            if chart.bar_titles {
                let _ = write!(
                    out,
                    "><title>{}: {}</title></rect>",
                    esc(&l.name),
                    esc(&bar.describe())
                );
            } else {
                out.push_str("/>");
            }
        }
    }
    out.push('\n');
    y + height + 4.0
}
