//! Charts as inline SVG, drawn in Rust so they need no JavaScript: horizontal bars, one row per
//! member (a shared metric) or per period (a member's trend). Labelled, with a `<title>` and
//! `<desc>` for screen readers; the page shows the same numbers in a table beside them.

use std::fmt::Write;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// One bar: its label, its value and the value as the page prints it.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: Decimal,
    pub display: String,
}

#[derive(Debug, Clone)]
pub struct BarChart {
    /// Unique within the page (used for `aria-labelledby`).
    pub id: String,
    pub title: String,
    /// A sentence for screen readers, e.g. "Values in hội nghị".
    pub description: String,
    pub bars: Vec<Bar>,
}

/// The drawing is narrow (a phone's width) and scales to its box: text stays readable on a
/// phone (14 px drawn, about 12.5 px at 390 px) and the chart never wider than a reading column
/// on a desktop (style.css sizes the box).
const WIDTH: f64 = 400.0;
/// Each bar has its label on a line above it, so long names and values never share a line.
const ROW: f64 = 44.0;
const LABEL_BASELINE: f64 = 14.0;
const BAR_TOP: f64 = 20.0;
const BAR: f64 = 14.0;
const TOP: f64 = 6.0;
const SIDE: f64 = 2.0;
/// Advance of a character at 14 px, a little on the wide side (so a value is never clipped).
const CHAR: f64 = 8.0;
const MAX_LABEL_CHARS: usize = 48;

fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL_CHARS {
        label.to_string()
    } else {
        let cut: String = label.chars().take(MAX_LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Renders a chart; an empty chart renders nothing.
pub fn bar_chart(chart: &BarChart) -> String {
    if chart.bars.is_empty() {
        return String::new();
    }
    let values: Vec<f64> = chart
        .bars
        .iter()
        .map(|b| b.value.to_f64().unwrap_or(0.0))
        .collect();
    let max = values.iter().copied().fold(0.0_f64, f64::max);
    let min = values.iter().copied().fold(0.0_f64, f64::min);
    let span = if max - min > 0.0 { max - min } else { 1.0 };
    // Room after the longest bar for the longest value, whole.
    let value_width = chart
        .bars
        .iter()
        .map(|b| b.display.chars().count() as f64 * CHAR)
        .fold(0.0_f64, f64::max)
        + 8.0;
    let plot = (WIDTH - 2.0 * SIDE - value_width).max(WIDTH / 3.0);
    let zero_x = SIDE + (-min) / span * plot;
    let height = TOP * 2.0 + ROW * chart.bars.len() as f64;
    let id = escape(&chart.id);
    let mut svg = String::with_capacity(400 + chart.bars.len() * 300);
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(&chart.title),
        escape(&chart.description)
    );
    for (i, (bar, value)) in chart.bars.iter().zip(&values).enumerate() {
        let y = TOP + ROW * i as f64;
        let length = (value.abs() / span * plot).max(if *value == 0.0 { 0.0 } else { 1.0 });
        let x = if *value < 0.0 {
            zero_x - length
        } else {
            zero_x
        };
        let _ = write!(
            svg,
            r#"<g><text class="chart-label" x="{SIDE}" y="{:.1}">{}</text><rect class="chart-bar{}" x="{x:.1}" y="{:.1}" width="{length:.1}" height="{BAR}" rx="2"/><text class="chart-value" x="{:.1}" y="{:.1}">{}</text></g>"#,
            y + LABEL_BASELINE,
            escape(&shorten(&bar.label)),
            if *value < 0.0 { " negative" } else { "" },
            y + BAR_TOP,
            zero_x.max(x + length) + 6.0,
            y + BAR_TOP + BAR - 2.5,
            escape(&bar.display)
        );
    }
    let _ = write!(
        svg,
        r#"<line class="chart-axis" x1="{zero_x:.1}" y1="{TOP}" x2="{zero_x:.1}" y2="{:.1}"/></svg>"#,
        height - TOP
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: i64) -> Bar {
        Bar {
            label: label.into(),
            value: Decimal::from(value),
            display: value.to_string(),
        }
    }

    #[test]
    fn bars_are_proportional_and_labelled() {
        let svg = bar_chart(&BarChart {
            id: "c1".into(),
            title: "Hội nghị <đã> tổ chức".into(),
            description: "Đơn vị: hội nghị".into(),
            bars: vec![
                bar("Hội Luật gia", 35),
                bar("Hội Chữ thập đỏ", 70),
                bar("Zero", 0),
            ],
        });
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(
            svg.contains("<title id=\"c1-title\">Hội nghị &lt;đã&gt; tổ chức</title>"),
            "{svg}"
        );
        assert!(svg.contains(">Hội Luật gia</text>") && svg.contains(">35</text>"));
        let widths: Vec<f64> = svg
            .match_indices("width=\"")
            .skip(1)
            .map(|(i, _)| {
                let rest = &svg[i + 7..];
                rest[..rest.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        assert_eq!(widths.len(), 3);
        assert!((widths[1] / widths[0] - 2.0).abs() < 0.01, "{widths:?}");
        assert_eq!(widths[2], 0.0);
    }

    #[test]
    fn negative_values_go_left_of_the_axis() {
        let svg = bar_chart(&BarChart {
            id: "c".into(),
            title: "t".into(),
            description: "d".into(),
            bars: vec![bar("a", -5), bar("b", 5)],
        });
        assert!(svg.contains("chart-bar negative"));
    }

    #[test]
    fn the_longest_value_fits_inside_the_drawing() {
        let svg = bar_chart(&BarChart {
            id: "c".into(),
            title: "t".into(),
            description: "d".into(),
            bars: vec![
                Bar {
                    label: "Liên hiệp các Hội Khoa học và Kỹ thuật".into(),
                    value: Decimal::from(136),
                    display: "khoảng +13,6% (mẫu)".into(),
                },
                bar("b", 5),
            ],
        });
        // The value's text starts after the longest bar and ends inside the 400 px drawing.
        let start: f64 = svg
            .split("class=\"chart-value\" x=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        let text = "khoảng +13,6% (mẫu)".chars().count() as f64 * CHAR;
        assert!(start + text <= WIDTH, "{start} + {text}");
        assert!(svg.contains(">Liên hiệp các Hội Khoa học và Kỹ thuật</text>"));
    }

    #[test]
    fn empty_chart_is_nothing() {
        let chart = BarChart {
            id: "x".into(),
            title: "t".into(),
            description: "d".into(),
            bars: vec![],
        };
        assert_eq!(bar_chart(&chart), "");
    }
}
