//! Spreadsheets in and out (SPEC Part 2 "Spreadsheets in and out"): `export` writes one `.xlsx`
//! form per member (and a scoring grid) from the loaded site; `import` reads returned forms back,
//! refusing any cell it cannot trust, and turns them into new texts for `content/` that
//! [`crate::content::write`] checks and writes all at once.
//!
//! A form carries its own identity and layout in a hidden sheet (`blocpress`): the site, the
//! member, the period, and which metric or criterion each row holds. Import never trusts the
//! file name (people rename files) and compares the visible labels with that layout, so a
//! deleted or moved row is refused rather than read into the wrong metric.

pub mod changes;
pub mod export;
pub mod import;
pub mod registry;
pub mod xlsx;
pub mod yaml_edit;

use rust_decimal::Decimal;

use crate::config::MetricDef;
use crate::i18n::Language;
use crate::messages::Message;
use crate::model::{Association, Site};
use crate::period::PeriodId;

/// The hidden sheet that holds a form's identity and layout.
pub const META_SHEET: &str = "blocpress";
/// Bumped when the layout changes in a way older forms cannot be read with (2: the column of
/// approximate words, and the form's id in `forms.yaml`).
pub const FORM_VERSION: &str = "2";

/// What a workbook is: a member's figures for a period, or the bloc's scoring grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Achievement,
    Scoring,
}

impl FormKind {
    pub fn code(self) -> &'static str {
        match self {
            FormKind::Achievement => "achievement",
            FormKind::Scoring => "scoring",
        }
    }
}

/// The members asked to report in `period`: those whose `joined`/`left` years cover it.
pub fn expected_members(site: &Site, period: PeriodId) -> Vec<&Association> {
    site.members_in(i32::from(period.year())).collect()
}

/// The year's registered target of a member for a metric (*kế hoạch năm*), from
/// `content/registrations/<year>.yaml`.
pub fn registered_target(
    site: &Site,
    period: PeriodId,
    slug: &str,
    metric: &str,
) -> Option<Decimal> {
    let registration = site.registrations.get(&i32::from(period.year()))?;
    registration
        .targets
        .iter()
        .find(|(member, _)| member.as_str() == slug)
        .and_then(|(_, targets)| targets.get(metric).copied())
}

/// The metrics a member reports, in the order its form lists them: the bloc's common figures
/// first, then the member's own, as the review shows them (a key defined in both appears once,
/// among the common ones, with the member's definition).
pub fn form_metrics<'a>(site: &'a Site, member: &'a Association) -> Vec<(&'a str, &'a MetricDef)> {
    let mut all: Vec<(&str, &MetricDef)> = site
        .config
        .metrics
        .iter()
        .map(|(k, d)| (k.as_str(), member.metrics.get(k).unwrap_or(d)))
        .collect();
    for (key, def) in &member.metrics {
        if !site.config.metrics.contains_key(key) {
            all.push((key.as_str(), def));
        }
    }
    all
}

/// The default file name of a member's form: `hoi-luat-gia-2014-h1.xlsx`.
pub fn form_file_name(slug: &str, period: PeriodId) -> String {
    format!("{slug}-{period}.xlsx")
}

/// The default file name of the scoring grid: `cham-diem-2014.xlsx`.
pub fn scoring_file_name(period: PeriodId) -> String {
    format!("cham-diem-{period}.xlsx")
}

/// The default file name of a scorer's cross-scoring sheet: `cham-cheo-hoi-luat-gia-2013.xlsx`.
pub fn cross_file_name(scorer: &str, period: PeriodId) -> String {
    format!("cham-cheo-{scorer}-{period}.xlsx")
}

/// A text of the form itself (headings, instructions) in the site's language.
pub(crate) fn words(id: &'static str, language: Language) -> String {
    Message::new(id).render(language)
}

/// `A1`-style name of a 0-based cell.
pub fn cell_name(row: u32, col: u16) -> String {
    let mut letters = String::new();
    let mut n = col as u32 + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// The column letters of a 0-based column.
pub fn column_name(col: u16) -> String {
    let cell = cell_name(0, col);
    cell.trim_end_matches('1').to_string()
}

/// A figure as YAML writes it: `1080`, `95.5`.
pub fn plain_number(value: Decimal) -> String {
    value.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 6), "G7");
        assert_eq!(cell_name(9, 26), "AA10");
        assert_eq!(column_name(27), "AB");
    }
}
