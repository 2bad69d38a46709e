//! The bloc's whole year as data (SPEC Part 3 "The whole year"): the meetings of the bloc with
//! their attendance and votes, the year's awards proposal (collectives and individuals), and how
//! a cross-scored table combined its scorers' sheets. Plain data, filled in by `content`.

use indexmap::IndexMap;
use jiff::civil::Date;
use rust_decimal::Decimal;

use super::parts::{AwardStatus, DocumentMeta, Markdown, SampleMark};
use crate::period::PeriodId;
use crate::slug::Slug;

/// A person named in a document: the chair or the secretary of a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// `Chủ tịch Hội Luật gia tỉnh`.
    pub position: Option<String>,
}

/// One vote of a meeting (*biểu quyết*): its subject and the ballots of the members present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub subject: String,
    pub agree: u32,
    pub disagree: u32,
    pub abstain: u32,
}

impl Vote {
    pub fn ballots(&self) -> u32 {
        self.agree + self.disagree + self.abstain
    }
}

/// A meeting of the bloc (`content/meetings/<slug>.md`): what its minutes (*biên bản*) record.
#[derive(Debug, Clone)]
pub struct Meeting {
    pub source: std::path::PathBuf,
    pub slug: Slug,
    pub title: String,
    pub date: Date,
    /// `"08:00"`, as written (checked to be a time of day).
    pub start: Option<String>,
    pub end: Option<String>,
    pub place: Option<String>,
    /// The period whose review lists the meeting.
    pub period: Option<PeriodId>,
    pub chair: Option<Person>,
    pub secretary: Option<Person>,
    /// Members present, in the order written.
    pub present: Vec<Slug>,
    /// Members absent, with the reason.
    pub absent: IndexMap<Slug, String>,
    pub guests: Vec<String>,
    pub votes: Vec<Vote>,
    /// The proceedings (*diễn biến, nội dung*).
    pub body: Markdown,
    /// `number` (số of the minutes) and the signer-free rest of a document's front matter.
    pub document: DocumentMeta,
    pub draft: bool,
    pub extra: serde_json::Value,
    /// `extra: { sample: true }` or some keys (`[start, end, chair, votes]`) that are invented.
    pub sample: SampleMark,
}

impl Meeting {
    pub fn year(&self) -> i32 {
        i32::from(self.date.year())
    }
}

/// A proposal for a collective (a member) in the awards file.
#[derive(Debug, Clone)]
pub struct CollectiveAward {
    pub member: Slug,
    pub award: String,
    pub achievement: Option<String>,
    pub status: AwardStatus,
    pub decision: Option<String>,
}

/// A proposal for a person of a member.
#[derive(Debug, Clone)]
pub struct IndividualAward {
    pub name: String,
    pub position: Option<String>,
    pub member: Slug,
    pub award: String,
    pub achievement: Option<String>,
    pub status: AwardStatus,
    pub decision: Option<String>,
}

/// The year's awards proposal (`content/awards/<year>.yaml`): the *Tờ trình* and its lists.
#[derive(Debug, Clone)]
pub struct Awards {
    pub source: std::path::PathBuf,
    pub year: i32,
    /// Số của tờ trình, its date and signer (`date` is the signing date).
    pub document: DocumentMeta,
    /// Kính gửi.
    pub to: Option<String>,
    /// Quotas: award title → the most proposals of it in the year.
    pub limits: IndexMap<String, u32>,
    pub collectives: Vec<CollectiveAward>,
    pub individuals: Vec<IndividualAward>,
    pub extra: serde_json::Value,
    pub sample: SampleMark,
}

/// How the sheets of a cross-scoring are combined into one score per criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Combine {
    #[default]
    Mean,
    Median,
    /// The mean once each criterion's highest and lowest score are dropped.
    TrimmedMean,
}

impl Combine {
    pub const ALL: [Combine; 3] = [Combine::Mean, Combine::Median, Combine::TrimmedMean];

    /// As written in the file: `trimmed_mean`.
    pub fn as_str(self) -> &'static str {
        match self {
            Combine::Mean => "mean",
            Combine::Median => "median",
            Combine::TrimmedMean => "trimmed_mean",
        }
    }

    pub fn parse(text: &str) -> Option<Combine> {
        Combine::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// One combined score from every scorer's score of a criterion, rounded to hundredths (half
    /// away from zero, as a person rounds). `None` without any score. A trimmed mean of fewer
    /// than three scores is their mean (there is nothing to drop).
    pub fn apply(self, scores: &[Decimal]) -> Option<Decimal> {
        if scores.is_empty() {
            return None;
        }
        let mut sorted = scores.to_vec();
        sorted.sort();
        let mean =
            |values: &[Decimal]| values.iter().sum::<Decimal>() / Decimal::from(values.len());
        let value = match self {
            Combine::Mean => mean(&sorted),
            Combine::Median => {
                let n = sorted.len();
                if n % 2 == 1 {
                    sorted[n / 2]
                } else {
                    (sorted[n / 2 - 1] + sorted[n / 2]) / Decimal::TWO
                }
            }
            Combine::TrimmedMean if sorted.len() >= 3 => mean(&sorted[1..sorted.len() - 1]),
            Combine::TrimmedMean => mean(&sorted),
        };
        Some(
            value
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                .normalize(),
        )
    }
}

/// A scoring made of each member's sheet of the others (*chấm điểm chéo*): the rule and the
/// sheets as written, so forms can be filled from them again.
#[derive(Debug, Clone, Default)]
pub struct CrossScoring {
    pub combine: Combine,
    pub exclude_self: bool,
    /// Scorer → scored member → one score per criterion, in the order of the criteria.
    pub sheets: IndexMap<Slug, IndexMap<Slug, Vec<Decimal>>>,
}

impl CrossScoring {
    /// The scorers whose sheet counts for `scored` (a scorer's own column is left out when
    /// `exclude_self`).
    pub fn scorers_of<'a>(&'a self, scored: &'a Slug) -> impl Iterator<Item = &'a Slug> + 'a {
        self.sheets
            .iter()
            .filter(move |(scorer, sheet)| {
                sheet.contains_key(scored) && !(self.exclude_self && *scorer == scored)
            })
            .map(|(scorer, _)| scorer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(values: &[&str]) -> Vec<Decimal> {
        values.iter().map(|v| v.parse().unwrap()).collect()
    }

    #[test]
    fn combined_scores_by_hand() {
        let scores = d(&["9", "8", "10", "7.5"]);
        // (9 + 8 + 10 + 7.5) / 4 = 8.625 → 8.63
        assert_eq!(Combine::Mean.apply(&scores), Some("8.63".parse().unwrap()));
        // sorted 7.5 8 9 10: (8 + 9) / 2
        assert_eq!(Combine::Median.apply(&scores), Some("8.5".parse().unwrap()));
        // drop 7.5 and 10: (8 + 9) / 2
        assert_eq!(
            Combine::TrimmedMean.apply(&scores),
            Some("8.5".parse().unwrap())
        );
        // (10 + 9 + 9) / 3 = 9.333… → 9.33; median of three is the middle one
        let three = d(&["10", "9", "9"]);
        assert_eq!(Combine::Mean.apply(&three), Some("9.33".parse().unwrap()));
        assert_eq!(Combine::Median.apply(&three), Some("9".parse().unwrap()));
        assert_eq!(
            Combine::TrimmedMean.apply(&three),
            Some("9".parse().unwrap())
        );
        // Two scores: nothing to drop.
        assert_eq!(
            Combine::TrimmedMean.apply(&d(&["6", "5"])),
            Some("5.5".parse().unwrap())
        );
        assert_eq!(Combine::Mean.apply(&[]), None);
        // Hundredths half away from zero: 2/3 → 0.67, (0.125·3 + 0.13)/4 …
        assert_eq!(
            Combine::Mean.apply(&d(&["0", "1", "1"])),
            Some("0.67".parse().unwrap())
        );
        assert_eq!(
            Combine::Mean.apply(&d(&["0.25", "0"])),
            Some("0.13".parse().unwrap())
        );
    }
}
