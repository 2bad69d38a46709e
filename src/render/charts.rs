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
/// Between the end of a bar and its value.
const GAP: f64 = 6.0;
/// The text size of labels and values (style.css: `.chart-value { font-size: 14px }`).
const FONT: f64 = 14.0;
const MAX_LABEL_CHARS: usize = 48;

fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// How wide `text` is drawn at [`FONT`], on the wide side: advances of DejaVu Sans (the
/// fallback sans-serif of Linux desktops and the widest of the theme's fonts) plus 3 %, so a
/// value after the longest bar is never clipped (`+13,6% (mẫu)` is 102.7 px in DejaVu Sans).
fn text_width(text: &str) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            '0'..='9' => 0.637,
            '%' => 0.950,
            'm' | 'M' | 'W' | 'w' => 0.975,
            ' ' | ',' | '.' | ':' | ';' | 'i' | 'l' | 'j' => 0.32,
            '(' | ')' | '[' | ']' | 't' | 'f' | 'r' => 0.430,
            '+' | '−' | '-' | '=' | '–' => 0.838,
            c if c.is_uppercase() => 0.78,
            _ => 0.64,
        })
        .sum();
    em * FONT * 1.03
}

/// The label whole when it fits the drawing's width, else cut with an ellipsis where it does.
fn shorten(label: &str) -> String {
    let room = WIDTH - 2.0 * SIDE;
    if label.chars().count() <= MAX_LABEL_CHARS && text_width(label) <= room {
        return label.to_string();
    }
    let mut cut: String = label.chars().take(MAX_LABEL_CHARS - 1).collect();
    while !cut.is_empty() && text_width(&format!("{}…", cut.trim_end())) > room {
        cut.pop();
    }
    format!("{}…", cut.trim_end())
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
        .map(|b| text_width(&b.display))
        .fold(0.0_f64, f64::max)
        + GAP
        + SIDE;
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
            zero_x.max(x + length) + GAP,
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
        // Measured, not estimated: the text's advance in DejaVu Sans at 14 px (PIL's
        // ImageFont.getlength), the widest of the fonts the theme falls back to. With eight
        // pixels a character the value ended at 403 px and was clipped on a phone.
        let text = 159.04;
        assert!(start + text <= WIDTH, "{start} + {text}");
        assert!(text_width("khoảng +13,6% (mẫu)") >= text);
        assert!(text_width("+13,6% (mẫu)") >= 102.69);
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
