//! How a metric's value reads (SPEC Part 2 "Metrics"): scaled amounts (`40000000` đồng →
//! `40 triệu đồng`), approximate values (`hơn 40 triệu đồng`), computed figures (percentages
//! with one decimal, means with two) and the bloc-wide totals (`sum`, `mean`, `none`), which
//! say `khoảng` when an approximate value is in them.

use rust_decimal::Decimal;

use super::report::{Derived, Point};
use crate::config::{MetricDef, MetricKind, Scale};
use crate::i18n::{self, Language};
use crate::messages;
use crate::model::Qualifier;

pub use super::report::factor;

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

/// A value of the report as it reads: `hơn 40` (scaled, with its qualifier's word).
pub fn point(point: &Point, def: &MetricDef, language: Language) -> String {
    value(point.value, def, point.qualifier, language)
}

/// A percentage's values are in `%`, its changes in percentage points: 96% to 98% is `tăng 2
/// điểm phần trăm`, never `tăng 2%` (that would be relative, a change of 2% of 96).
fn in_percent(def: &MetricDef, language: Language) -> bool {
    shown_unit(def, language) == "%"
}

/// The unit a change is counted in: the metric's own (`triệu đồng`, `hội viên`), except a
/// percentage's, which moves in points (`điểm phần trăm`, en `percentage points`).
pub fn change_unit(def: &MetricDef, language: Language) -> String {
    if in_percent(def, language) {
        messages::glossary("percentage-points", language)
    } else {
        shown_unit(def, language)
    }
}

/// A computed change as a signed number: `+17`, `khoảng +8` (tables with a "Tăng, giảm" head
/// and a unit column), a percentage's in points: `+2 điểm %` (the unit column says `%`).
pub fn signed_change(change: &Derived, def: &MetricDef, language: Language) -> String {
    let text = self::change(change.value, def, change.approximate, language);
    if in_percent(def, language) {
        format!(
            "{text} {}",
            messages::glossary("percentage-points-short", language)
        )
    } else {
        text
    }
}

/// A computed change in words, in its unit ([`change_unit`]): `tăng 17 hội nghị`, `giảm khoảng 3
/// triệu đồng`, `tăng 2 điểm phần trăm`, `không đổi` (en: `up 17 conferences`, …).
pub fn change_words(change: &Derived, def: &MetricDef, language: Language) -> String {
    if change.value.is_zero() {
        return messages::glossary("unchanged", language);
    }
    let direction = if change.value > Decimal::ZERO {
        "increase"
    } else {
        "decrease"
    };
    let magnitude = number(change.value.abs(), def, language);
    let about = if change.approximate {
        format!("{} ", about(language))
    } else {
        String::new()
    };
    let words = format!(
        "{} {about}{magnitude}",
        messages::glossary(direction, language)
    );
    with_unit(&words, &change_unit(def, language))
}

/// A computed percentage (one decimal, trailing zeros dropped): `116,7%`, `khoảng 114,3%`.
pub fn percent(percent: &Derived, language: Language) -> String {
    let text = format!("{}%", i18n::format_decimal(percent.value, language));
    if percent.approximate {
        format!("{} {text}", about(language))
    } else {
        text
    }
}

/// A bloc-wide total or mean as it reads: `1.734`, `khoảng 271`, `8,27`.
pub fn total(total: &Derived, def: &MetricDef, language: Language) -> String {
    let text = number(total.value, def, language);
    if total.approximate {
        format!("{} {text}", about(language))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Total;

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
    fn computed_values_read_in_words_and_percent() {
        let count = def(MetricKind::Count, None, None);
        let d = |v: i64, approximate: bool| Derived {
            value: Decimal::from(v),
            approximate,
            sample: false,
        };
        assert_eq!(
            change_words(&d(17, false), &count, Language::Vi),
            "tăng 17 đồng"
        );
        assert_eq!(
            change_words(&d(-3, true), &count, Language::Vi),
            "giảm khoảng 3 đồng"
        );
        assert_eq!(
            change_words(&d(0, false), &count, Language::En),
            "unchanged"
        );
        assert_eq!(
            signed_change(&d(-3, false), &count, Language::Vi),
            "\u{2212}3"
        );
        let share = Derived {
            value: Decimal::new(1167, 1),
            approximate: false,
            sample: true,
        };
        assert_eq!(percent(&share, Language::Vi), "116,7%");
        assert_eq!(percent(&d(100, true), Language::En), "about 100%");
        let money = def(MetricKind::Amount, Some(Scale::Million), None);
        assert_eq!(
            total(&d(271_000_000, true), &money, Language::Vi),
            "khoảng 271"
        );
        assert_eq!(
            change_words(&d(150_000_000, false), &money, Language::Vi),
            "tăng 150 triệu đồng"
        );
        assert_eq!(
            change_words(&d(150_000_000, false), &money, Language::En),
            "up 150 million đồng"
        );
        // A percentage moves in points, in words and in a table (whose unit column says %).
        let rate = MetricDef {
            label: "x".into(),
            unit: Some("%".into()),
            ..MetricDef::default()
        };
        assert_eq!(
            change_words(&d(2, false), &rate, Language::Vi),
            "tăng 2 điểm phần trăm"
        );
        assert_eq!(
            change_words(&d(-2, true), &rate, Language::En),
            "down about 2 percentage points"
        );
        assert_eq!(
            signed_change(&d(2, false), &rate, Language::Vi),
            "+2 điểm %"
        );
        assert_eq!(change_words(&d(0, false), &rate, Language::Vi), "không đổi");
    }
}
