//! Language-dependent formats: numbers (`10.202` / `10,202`), percentages, changes and dates
//! (`21/06/2013` / `June 21, 2013`). The UI strings themselves live in the theme
//! (`themes/default/i18n/<lang>.yaml`) and are loaded by the renderer.

use std::fmt::Write;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Vi,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        match code {
            "vi" => Some(Language::Vi),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    fn separators(self) -> (char, char) {
        match self {
            Language::Vi => ('.', ','),
            Language::En => (',', '.'),
        }
    }
}

/// `10202` → `10.202` (vi) or `10,202` (en); `95.5` → `95,5` or `95.5`. Exact: the digits
/// written in the data are the digits shown.
pub fn format_decimal(value: Decimal, language: Language) -> String {
    format_plain(&value.normalize().to_string(), language)
}

/// Formats a plain number text (`-1234.5`) with the language's separators.
pub fn format_plain(plain: &str, language: Language) -> String {
    let (group, decimal) = language.separators();
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::with_capacity(plain.len() + int_part.len() / 3 + 1);
    out.push_str(sign);
    let len = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac_part.is_empty() {
        out.push(decimal);
        out.push_str(frac_part);
    }
    out
}

/// A float rounded to `decimals` places, trailing zeros dropped: `95.50` → `95,5`.
pub fn format_float(value: f64, decimals: u32, language: Language) -> String {
    if !value.is_finite() {
        return String::from("–");
    }
    let text = format!("{:.*}", decimals as usize, value);
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    let text = if text == "-0" {
        String::from("0")
    } else {
        text
    };
    format_plain(&text, language)
}

/// A signed change: `+19`, `−3` (a real minus sign), `0`.
pub fn format_change(value: Decimal, language: Language) -> String {
    let magnitude = format_decimal(value.abs(), language);
    if value.is_sign_positive() && !value.is_zero() {
        format!("+{magnitude}")
    } else if value.is_zero() {
        magnitude
    } else {
        format!("\u{2212}{magnitude}")
    }
}

/// `95,5%` / `95.5%`, one decimal at most.
pub fn format_percent(value: f64, language: Language) -> String {
    format!("{}%", format_float(value, 1, language))
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `21/06/2013`, `June 21, 2013`
    Short,
    /// `ngày 21 tháng 6 năm 2013` (NĐ 30/2020 style), `June 21, 2013`
    Long,
}

pub fn format_date(date: Date, style: DateStyle, language: Language) -> String {
    let (day, month, year) = (date.day(), date.month(), date.year());
    let mut out = String::new();
    match (language, style) {
        (Language::Vi, DateStyle::Short) => {
            let _ = write!(out, "{day:02}/{month:02}/{year}");
        }
        (Language::Vi, DateStyle::Long) => {
            // Administrative style pads days under 10 and the months January and February.
            if month <= 2 {
                let _ = write!(out, "ngày {day:02} tháng {month:02} năm {year}");
            } else {
                let _ = write!(out, "ngày {day:02} tháng {month} năm {year}");
            }
        }
        (Language::En, _) => {
            let name = MONTHS_EN[(month - 1) as usize];
            let _ = write!(out, "{name} {day}, {year}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(format_decimal(d("10202"), Language::Vi), "10.202");
        assert_eq!(format_decimal(d("10202"), Language::En), "10,202");
        assert_eq!(format_decimal(d("95.5"), Language::Vi), "95,5");
        assert_eq!(format_decimal(d("95.50"), Language::En), "95.5");
        assert_eq!(format_decimal(d("40000000"), Language::Vi), "40.000.000");
        assert_eq!(
            format_decimal(d("-1234567.25"), Language::Vi),
            "-1.234.567,25"
        );
        assert_eq!(format_decimal(d("999"), Language::Vi), "999");
        assert_eq!(format_decimal(d("0"), Language::En), "0");
    }

    #[test]
    fn changes_and_percentages() {
        assert_eq!(format_change(d("19"), Language::Vi), "+19");
        assert_eq!(format_change(d("-3.5"), Language::Vi), "\u{2212}3,5");
        assert_eq!(format_change(d("0"), Language::Vi), "0");
        assert_eq!(format_percent(87.5, Language::Vi), "87,5%");
        assert_eq!(format_percent(100.0, Language::En), "100%");
        assert_eq!(format_percent(-0.04, Language::En), "0%");
        assert_eq!(format_float(1234.56, 1, Language::Vi), "1.234,6");
    }

    #[test]
    fn dates_in_both_languages() {
        let date = Date::new(2013, 6, 21).unwrap();
        assert_eq!(
            format_date(date, DateStyle::Short, Language::Vi),
            "21/06/2013"
        );
        assert_eq!(
            format_date(date, DateStyle::Long, Language::Vi),
            "ngày 21 tháng 6 năm 2013"
        );
        assert_eq!(
            format_date(date, DateStyle::Short, Language::En),
            "June 21, 2013"
        );
        let early = Date::new(2023, 2, 1).unwrap();
        assert_eq!(
            format_date(early, DateStyle::Long, Language::Vi),
            "ngày 01 tháng 02 năm 2023"
        );
    }
}
