//! How a metric's value reads (SPEC Part 2 "Metrics"): scaled amounts (`40000000` đồng →
//! `40 triệu đồng`), approximate values (`hơn 40 triệu đồng`), computed figures (percentages
//! with one decimal, means with two) and the bloc-wide totals (`sum`, `mean`, `none`), which
//! say `khoảng` when an approximate value is in them.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::config::{MetricDef, MetricKind, Scale, Total};
use crate::i18n::{self, Language};
use crate::model::Qualifier;

/// How many base units one shown unit holds.
pub fn factor(scale: Scale) -> Decimal {
    Decimal::from(match scale {
        Scale::Thousand => 1_000_i64,
        Scale::Million => 1_000_000,
        Scale::Billion => 1_000_000_000,
    })
}

/// The word of a scale: `triệu` (en: `million`).
pub fn scale_word(scale: Scale, language: Language) -> &'static str {
    match (language, scale) {
        (Language::Vi, Scale::Thousand) => "nghìn",
        (Language::Vi, Scale::Million) => "triệu",
        (Language::Vi, Scale::Billion) => "tỷ",
        (Language::En, Scale::Thousand) => "thousand",
        (Language::En, Scale::Million) => "million",
        (Language::En, Scale::Billion) => "billion",
    }
}

/// The unit as shown: `triệu đồng` for a scaled amount, else the metric's unit.
pub fn shown_unit(def: &MetricDef, language: Language) -> String {
    let unit = def.unit.as_deref().unwrap_or("").trim();
    match def.scale.filter(|_| def.kind() == MetricKind::Amount) {
        Some(scale) if unit.is_empty() => scale_word(scale, language).to_string(),
        Some(scale) => format!("{} {unit}", scale_word(scale, language)),
        None => unit.to_string(),
    }
}

/// The number as shown in the metric's unit: scaled, at most two decimals for a scaled amount.
pub fn number(value: Decimal, def: &MetricDef, language: Language) -> String {
    match def.scale.filter(|_| def.kind() == MetricKind::Amount) {
        Some(scale) => {
            let scaled = (value / factor(scale)).round_dp(2);
            i18n::format_decimal(scaled, language)
        }
        None => i18n::format_decimal(value, language),
    }
}

/// The word before an approximate number: `hơn`, `khoảng`, `gần`, `dưới` (en: over, about, …).
pub fn qualifier_word(qualifier: Qualifier, language: Language) -> &'static str {
    match (language, qualifier) {
        (Language::Vi, Qualifier::Over) => "hơn",
        (Language::Vi, Qualifier::About) => "khoảng",
        (Language::Vi, Qualifier::Nearly) => "gần",
        (Language::Vi, Qualifier::Under) => "dưới",
        (_, q) => q.as_str(),
    }
}

/// `hơn 40` (the qualifier's word, then the number).
pub fn value(
    value: Decimal,
    def: &MetricDef,
    qualifier: Option<Qualifier>,
    language: Language,
) -> String {
    let number = number(value, def, language);
    match qualifier {
        Some(q) => format!("{} {number}", qualifier_word(q, language)),
        None => number,
    }
}

/// A value with its unit: `hơn 40 triệu đồng`, `100%`, `35 hội nghị`.
pub fn with_unit(text: &str, unit: &str) -> String {
    if unit.is_empty() {
        text.to_string()
    } else if unit == "%" {
        format!("{text}%")
    } else {
        format!("{text} {unit}")
    }
}

/// "khoảng" / "about": what a total or comparison that includes an approximate value says.
pub fn about(language: Language) -> &'static str {
    qualifier_word(Qualifier::About, language)
}

/// A change against an earlier value, in the metric's unit: `+19`, `−3`, `khoảng +5`.
pub fn change(change: Decimal, def: &MetricDef, approximate: bool, language: Language) -> String {
    let text = match def.scale.filter(|_| def.kind() == MetricKind::Amount) {
        Some(scale) => i18n::format_change((change / factor(scale)).round_dp(2), language),
        None => i18n::format_change(change, language),
    };
    if approximate {
        format!("{} {text}", about(language))
    } else {
        text
    }
}

/// A computed percentage: one decimal, trailing zeros dropped (`116,7%`, `100%`).
pub fn percent(
    part: Decimal,
    whole: Decimal,
    approximate: bool,
    language: Language,
) -> Option<String> {
    if whole.is_zero() {
        return None;
    }
    let percent = (part / whole * Decimal::from(100)).to_f64()?;
    let text = i18n::format_percent(percent, language);
    Some(if approximate {
        format!("{} {text}", about(language))
    } else {
        text
    })
}

/// The bloc-wide figure of members' values, `None` when the metric's `total` is `none`.
/// `values` are (number, approximate).
pub fn total(def: &MetricDef, values: &[(Decimal, bool)], language: Language) -> Option<Combined> {
    if values.is_empty() {
        return None;
    }
    let approximate = values.iter().any(|(_, a)| *a);
    let sum: Decimal = values.iter().map(|(v, _)| *v).sum();
    let (plain, text) = match def.total() {
        Total::None => return None,
        Total::Sum => (sum, number(sum, def, language)),
        Total::Mean => {
            let mean = sum / Decimal::from(values.len());
            let shown = match def.scale.filter(|_| def.kind() == MetricKind::Amount) {
                Some(scale) => mean / factor(scale),
                None => mean,
            };
            (
                mean.round_dp(2),
                i18n::format_decimal(shown.round_dp(2), language),
            )
        }
    };
    Some(Combined {
        plain: plain.normalize().to_string(),
        text: if approximate {
            format!("{} {text}", about(language))
        } else {
            text
        },
        approximate,
        mean: def.total() == Total::Mean,
    })
}

/// A total or mean as the page shows it and as exports carry it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Combined {
    /// `khoảng 1.234`
    pub text: String,
    /// `1234`
    pub plain: String,
    pub approximate: bool,
    /// A mean (`Trung bình`), not a sum (`Tổng cộng`).
    pub mean: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn def(kind: MetricKind, scale: Option<Scale>, total: Option<Total>) -> MetricDef {
        MetricDef {
            label: "x".into(),
            unit: Some("đồng".into()),
            kind: Some(kind),
            scale,
            total,
            ..MetricDef::default()
        }
    }

    #[test]
    fn scaled_and_approximate_amounts() {
        let d = def(MetricKind::Amount, Some(Scale::Million), None);
        let v = Decimal::from(40_000_000);
        assert_eq!(value(v, &d, Some(Qualifier::Over), Language::Vi), "hơn 40");
        assert_eq!(shown_unit(&d, Language::Vi), "triệu đồng");
        assert_eq!(shown_unit(&d, Language::En), "million đồng");
        assert_eq!(
            with_unit(
                &value(v, &d, Some(Qualifier::Over), Language::Vi),
                "triệu đồng"
            ),
            "hơn 40 triệu đồng"
        );
        assert_eq!(number(Decimal::from(45_500_000), &d, Language::Vi), "45,5");
        assert_eq!(with_unit("100", "%"), "100%");
    }

    #[test]
    fn totals_by_kind() {
        let count = def(MetricKind::Count, None, None);
        let values = [(Decimal::from(35), false), (Decimal::from(19), true)];
        let t = total(&count, &values, Language::Vi).unwrap();
        assert_eq!((t.text.as_str(), t.plain.as_str()), ("khoảng 54", "54"));
        let percent_def = MetricDef {
            unit: Some("%".into()),
            kind: None,
            ..count.clone()
        };
        assert!(total(&percent_def, &values, Language::Vi).is_none());
        let mean = def(MetricKind::Decimal, None, Some(Total::Mean));
        let values = [
            (Decimal::from_str("8.5").unwrap(), false),
            (Decimal::from_str("8.3").unwrap(), false),
            (Decimal::from(8), false),
        ];
        let t = total(&mean, &values, Language::Vi).unwrap();
        assert_eq!(t.text, "8,27");
        assert!(t.mean);
        assert_eq!(
            percent(Decimal::from(35), Decimal::from(30), false, Language::Vi).as_deref(),
            Some("116,7%")
        );
        assert_eq!(
            percent(Decimal::from(30), Decimal::from(30), false, Language::Vi).as_deref(),
            Some("100%")
        );
    }
}
