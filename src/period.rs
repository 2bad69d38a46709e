//! Period ids: `2013-h1` (first six months), `2013-h2` (last six months) and `2013` (the year).
//! They sort in the order a bloc reports: `2013-h1` < `2013-h2` < `2013` < `2014-h1`.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::i18n::Language;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    FirstHalf,
    SecondHalf,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PeriodId {
    year: u16,
    part: Part,
}

impl PeriodId {
    pub fn new(year: u16, part: Part) -> Option<PeriodId> {
        (1000..=9999)
            .contains(&year)
            .then_some(PeriodId { year, part })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn part(self) -> Part {
        self.part
    }

    pub fn is_year(self) -> bool {
        self.part == Part::Year
    }

    /// The period of the same length just before: `2024-h1` for `2024-h2`, `2023-h2` for
    /// `2024-h1`, `2023` for `2024`.
    pub fn preceding(self) -> Option<PeriodId> {
        match self.part {
            Part::FirstHalf => PeriodId::new(self.year.checked_sub(1)?, Part::SecondHalf),
            Part::SecondHalf => PeriodId::new(self.year, Part::FirstHalf),
            Part::Year => PeriodId::new(self.year.checked_sub(1)?, Part::Year),
        }
    }

    /// The same period a year earlier (*cùng kỳ*).
    pub fn year_earlier(self) -> Option<PeriodId> {
        PeriodId::new(self.year.checked_sub(1)?, self.part)
    }

    /// The period of the same length just after (the one a period's `targets` aim at).
    pub fn following(self) -> Option<PeriodId> {
        match self.part {
            Part::FirstHalf => PeriodId::new(self.year, Part::SecondHalf),
            Part::SecondHalf => PeriodId::new(self.year.checked_add(1)?, Part::FirstHalf),
            Part::Year => PeriodId::new(self.year.checked_add(1)?, Part::Year),
        }
    }

    pub fn default_title(self, language: Language) -> String {
        let year = self.year;
        match (language, self.part) {
            (Language::Vi, Part::FirstHalf) => format!("6 tháng đầu năm {year}"),
            (Language::Vi, Part::SecondHalf) => format!("6 tháng cuối năm {year}"),
            (Language::Vi, Part::Year) => format!("Năm {year}"),
            (Language::En, Part::FirstHalf) => format!("First half of {year}"),
            (Language::En, Part::SecondHalf) => format!("Second half of {year}"),
            (Language::En, Part::Year) => format!("Year {year}"),
        }
    }
}

impl FromStr for PeriodId {
    /// E059, with the text as written.
    type Err = crate::messages::Message;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || crate::messages::Message::new("E059").arg("value", text);
        let (year_text, part) = match text.split_once('-') {
            Some((year, "h1")) => (year, Part::FirstHalf),
            Some((year, "h2")) => (year, Part::SecondHalf),
            Some(_) => return Err(invalid()),
            None => (text, Part::Year),
        };
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let year: u16 = year_text.parse().map_err(|_| invalid())?;
        PeriodId::new(year, part).ok_or_else(invalid)
    }
}

impl fmt::Display for PeriodId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.part {
            Part::FirstHalf => write!(f, "{}-h1", self.year),
            Part::SecondHalf => write!(f, "{}-h2", self.year),
            Part::Year => write!(f, "{}", self.year),
        }
    }
}

impl Serialize for PeriodId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> PeriodId {
        text.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_back() {
        for text in ["2013-h1", "2013-h2", "2013"] {
            assert_eq!(p(text).to_string(), text);
        }
        for bad in [
            "2013-H1", "13-h1", "2013-h3", "2013-", "x", "", "20133", "0999",
        ] {
            assert!(bad.parse::<PeriodId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn orders_halves_before_the_year() {
        let mut ids = [p("2014-h1"), p("2013"), p("2013-h2"), p("2013-h1")];
        ids.sort();
        let texts: Vec<_> = ids.iter().map(ToString::to_string).collect();
        assert_eq!(texts, ["2013-h1", "2013-h2", "2013", "2014-h1"]);
    }

    #[test]
    fn neighbours() {
        assert_eq!(p("2024-h2").preceding(), Some(p("2024-h1")));
        assert_eq!(p("2024-h1").preceding(), Some(p("2023-h2")));
        assert_eq!(p("2024").preceding(), Some(p("2023")));
        assert_eq!(p("2024-h1").year_earlier(), Some(p("2023-h1")));
        assert_eq!(p("2023-h2").following(), Some(p("2024-h1")));
        assert_eq!(p("1000").preceding(), None);
    }

    #[test]
    fn titles_in_both_languages() {
        assert_eq!(
            p("2013-h1").default_title(Language::Vi),
            "6 tháng đầu năm 2013"
        );
        assert_eq!(
            p("2013-h2").default_title(Language::Vi),
            "6 tháng cuối năm 2013"
        );
        assert_eq!(p("2013").default_title(Language::Vi), "Năm 2013");
        assert_eq!(
            p("2013-h1").default_title(Language::En),
            "First half of 2013"
        );
        assert_eq!(
            p("2013-h2").default_title(Language::En),
            "Second half of 2013"
        );
        assert_eq!(p("2013").default_title(Language::En), "Year 2013");
    }
}
