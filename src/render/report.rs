//! The one report of a period and the one result of a scoring (SPEC Part 3, "One truth in
//! every output"): every figure with what travels with it — its qualifier (*hơn*, *khoảng*),
//! whether it is sample data, the earlier values it is compared with, its targets, the changes
//! and percentages computed from them (approximate or sample when any value they come from is),
//! the bloc-wide totals and means, the members that have not reported, the sections the report
//! has; and for a scoring the ranks with their ties, self-assessment, adjustments and awards.
//! Each is computed once per build ([`Reports`]); the review page, the `.docx`, `data.xlsx`,
//! `data.json` and `data.csv` are views of it that only choose words and number formats, so no
//! output can say something another does not.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::config::{MetricDef, MetricKind, Scale, Total};
use crate::model::{
    Achievement, Adjustment, Association, AwardStatus, Markdown, Period, Qualifier, ScoreRow,
    Scoring, Site,
};
use crate::period::{Part, PeriodId};

/// A value as written in a file, with its qualifier and sample mark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub value: Decimal,
    pub qualifier: Option<Qualifier>,
    pub sample: bool,
}

impl Point {
    pub fn approximate(&self) -> bool {
        self.qualifier.is_some()
    }

    /// `key` in the file of `association` for `period`.
    pub fn of(association: &Association, period: PeriodId, key: &str) -> Option<Point> {
        let achievement = association.achievements.get(&period)?;
        Some(Point {
            value: achievement.values.get(key).copied().flatten()?,
            qualifier: achievement.qualifier(key),
            sample: achievement.sample.covers(key),
        })
    }
}

/// A value computed from others (a change, a percentage, a total): approximate when any value
/// it comes from is approximate, sample when any is sample data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Derived {
    pub value: Decimal,
    pub approximate: bool,
    pub sample: bool,
}

impl Derived {
    fn from(value: Decimal, sources: &[Point]) -> Derived {
        Derived {
            value,
            approximate: sources.iter().any(Point::approximate),
            sample: sources.iter().any(|p| p.sample),
        }
    }

    /// `now − before`.
    pub fn change(now: Point, before: Point) -> Derived {
        Derived::from(now.value - before.value, &[now, before])
    }

    /// `part` in percent of `whole`, one decimal (SPEC Part 2: `116,7%`); `None` for a zero
    /// whole. A percentage is approximate only through the result (a target is exact).
    pub fn percent(part: Point, whole: Point) -> Option<Derived> {
        if whole.value.is_zero() {
            return None;
        }
        let value = (part.value / whole.value * Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
        Some(Derived {
            value: value.normalize(),
            approximate: part.approximate(),
            sample: part.sample || whole.sample,
        })
    }
}

/// One metric of a member in a period, with everything it is compared with.
#[derive(Debug, Clone)]
pub struct FigureLine<'a> {
    pub key: &'a str,
    pub def: &'a MetricDef,
    /// `None`: the key is in the file with no value yet.
    pub value: Option<Point>,
    /// The preceding period of the same length (`2013-h1` for `2013-h2`).
    pub previous: Option<Point>,
    pub change: Option<Derived>,
    /// The same period a year earlier, when that is not the preceding one.
    pub year_earlier: Option<Point>,
    pub year_change: Option<Derived>,
    /// The target the member set in the preceding period (*kế hoạch*).
    pub target: Option<Point>,
    pub target_percent: Option<Derived>,
    /// The year's registered target (*kế hoạch năm*), in the reviews of `YYYY-h1` and `YYYY`.
    pub year_target: Option<Point>,
    pub year_target_percent: Option<Derived>,
    /// The member's note on this figure (`notes:`).
    pub note: Option<&'a str>,
}

impl FigureLine<'_> {
    /// Some value of the line, given or computed, is sample data.
    pub fn has_sample(&self) -> bool {
        let points = [
            self.value,
            self.previous,
            self.year_earlier,
            self.target,
            self.year_target,
        ];
        points.iter().flatten().any(|p| p.sample)
    }
}

/// A target a member sets for the following period.
#[derive(Debug, Clone)]
pub struct TargetLine<'a> {
    pub key: &'a str,
    pub def: &'a MetricDef,
    pub point: Point,
}

/// The targets a member set in one period's achievements, each with its metric's definition
/// (a target of a metric the site does not define is left out).
pub fn target_lines<'a>(
    site: &'a Site,
    association: &'a Association,
    achievement: &'a Achievement,
) -> Vec<TargetLine<'a>> {
    achievement
        .targets
        .iter()
        .filter_map(|(key, value)| {
            Some(TargetLine {
                key,
                def: site.metric_def(association, key)?,
                point: Point {
                    value: *value,
                    qualifier: None,
                    sample: achievement.sample.covers(key),
                },
            })
        })
        .collect()
}

/// One member's part of the review.
#[derive(Debug, Clone)]
pub struct MemberLine<'a> {
    pub association: &'a Association,
    pub achievement: Option<&'a Achievement>,
    /// A figure or a summary is filled in (a file `blocpress new period` wrote and nobody filled
    /// in is not a report).
    pub reported: bool,
    /// The metrics of its file, in file order.
    pub figures: Vec<FigureLine<'a>>,
    /// Its own tasks for the next period (the bloc's common ones are said once, not here).
    pub plans: Vec<&'a Markdown>,
    pub targets: Vec<TargetLine<'a>>,
    /// The whole file is sample data.
    pub sample: bool,
}

impl MemberLine<'_> {
    pub fn has_sample(&self) -> bool {
        self.sample
            || self.figures.iter().any(FigureLine::has_sample)
            || self.targets.iter().any(|t| t.point.sample)
    }
}

/// A metric of the bloc-wide table and its total or mean.
#[derive(Debug, Clone)]
pub struct BlocColumn<'a> {
    pub key: &'a str,
    pub def: &'a MetricDef,
    /// `sum`, `mean` or `none` (no total cell).
    pub total_kind: Total,
    /// `None` when the metric's `total` is `none`.
    pub total: Option<Derived>,
    pub reported_by: usize,
}

#[derive(Debug, Clone)]
pub struct BlocRow<'a> {
    pub association: &'a Association,
    /// One value per column, `None` where the member did not report it.
    pub values: Vec<Option<Point>>,
}

/// The metrics that two or more members report, side by side.
#[derive(Debug, Clone, Default)]
pub struct BlocTable<'a> {
    pub columns: Vec<BlocColumn<'a>>,
    pub rows: Vec<BlocRow<'a>>,
}

impl BlocTable<'_> {
    pub fn has_total(&self) -> bool {
        self.columns.iter().any(|c| c.total.is_some())
    }

    pub fn has_mean(&self) -> bool {
        self.columns
            .iter()
            .any(|c| c.total_kind == Total::Mean && c.total.is_some())
    }
}

/// A numbered section of the report body, in the order the report reads (SPEC Part 3, "Report
/// sections"). A section with nothing to say is not in the list, and the others are numbered
/// by their position (I, II, …), on the page and on paper alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// I. The results: the bloc-wide table, then each member.
    Results,
    /// The general assessment: the period's `assessment`.
    Assessment,
    /// The directions for the next period: the bloc's common tasks, then each member's.
    Directions,
    /// The recommendations: the period's `recommendations`.
    Recommendations,
}

/// How sections I and III divide (NĐ 30: `1.`, `2.`, … under a Roman numeral, then `a)`, `b)`,
/// …), decided once so the page and the Word report number every part alike.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Outline {
    /// `1. Tổng hợp các chỉ tiêu chung của Khối`, when the bloc has shared metrics.
    pub bloc: Option<usize>,
    /// `2. Kết quả của các đơn vị thành viên`, when it follows the bloc-wide part; the members
    /// are then lettered under it, else each member is a numbered part of its own.
    pub members: Option<usize>,
    /// The mark of each reporting member, in order: `a)` or `1.`.
    pub member_marks: Vec<String>,
    /// `3. Kết quả chấm điểm thi đua`, when the period has a scoring.
    pub scoring: Option<usize>,
    /// In the directions, `1. Nhiệm vụ chung của Khối` and `2. Nhiệm vụ của các đơn vị thành
    /// viên` when there are both (one of them alone needs no number).
    pub tasks_numbered: bool,
}

/// `a`, `b`, … `z`, then `aa` (a bloc has far fewer members).
pub fn letter(n: usize) -> String {
    let letters: Vec<char> = ('a'..='z').collect();
    let mut n = n;
    let mut out = String::new();
    loop {
        out.insert(0, letters[n % 26]);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out
}

/// The review of one period.
#[derive(Debug, Clone)]
pub struct PeriodReport<'a> {
    pub period: &'a Period,
    pub id: PeriodId,
    pub year: i32,
    /// Every member of the bloc that year, in display order.
    pub members: Vec<MemberLine<'a>>,
    pub bloc: BlocTable<'a>,
    /// The bloc's common tasks for the next period.
    pub common_tasks: &'a [Markdown],
    pub sections: Vec<Section>,
    /// Some member reported a figure or a summary: the report is issued (its `.docx` made, the
    /// period listed as published). Without one the page says who has not reported.
    pub issued: bool,
}

impl<'a> PeriodReport<'a> {
    pub fn build(site: &'a Site, period: &'a Period) -> PeriodReport<'a> {
        let id = period.id;
        let year = i32::from(id.year());
        let members: Vec<MemberLine<'a>> = site
            .members_in(year)
            .map(|association| member_line(site, association, period))
            .collect();
        let issued = members.iter().any(|m| m.reported);
        let bloc = bloc_table(site, id, &members);
        let mut sections = vec![Section::Results];
        if period.assessment.is_some() {
            sections.push(Section::Assessment);
        }
        if !period.plans.is_empty()
            || members
                .iter()
                .any(|m| !m.plans.is_empty() || !m.targets.is_empty())
        {
            sections.push(Section::Directions);
        }
        if period.recommendations.is_some() {
            sections.push(Section::Recommendations);
        }
        PeriodReport {
            period,
            id,
            year,
            members,
            bloc,
            common_tasks: &period.plans,
            sections,
            issued,
        }
    }

    /// How the report's parts are numbered; `scored` when the period has a scoring (its part
    /// closes section I).
    pub fn outline(&self, scored: bool) -> Outline {
        let reporting = self.reporting().count();
        let mut number = 0;
        let mut next = || {
            number += 1;
            number
        };
        let with_bloc = !self.bloc.columns.is_empty();
        let bloc = with_bloc.then(&mut next);
        let members = with_bloc.then(&mut next);
        let member_marks = (0..reporting)
            .map(|i| match members {
                Some(_) => format!("{})", letter(i)),
                None => format!("{}.", next()),
            })
            .collect();
        let scoring = scored.then(&mut next);
        let tasks_numbered = !self.common_tasks.is_empty()
            && self
                .members
                .iter()
                .any(|m| !m.plans.is_empty() || !m.targets.is_empty());
        Outline {
            bloc,
            members,
            member_marks,
            scoring,
            tasks_numbered,
        }
    }

    /// The members that report (or have a file) in the period, and those that have not.
    pub fn reporting(&self) -> impl Iterator<Item = &MemberLine<'a>> {
        self.members.iter().filter(|m| m.reported)
    }

    pub fn not_reported(&self) -> impl Iterator<Item = &MemberLine<'a>> {
        self.members.iter().filter(|m| !m.reported)
    }

    /// Some value of the report, given or computed, is sample data.
    pub fn has_sample(&self) -> bool {
        self.members.iter().any(MemberLine::has_sample)
    }

    /// The member's line, by slug.
    pub fn member(&self, slug: &str) -> Option<&MemberLine<'a>> {
        self.members
            .iter()
            .find(|m| m.association.slug.as_str() == slug)
    }
}

fn member_line<'a>(
    site: &'a Site,
    association: &'a Association,
    period: &'a Period,
) -> MemberLine<'a> {
    let id = period.id;
    let achievement = association.achievements.get(&id);
    let Some(achievement) = achievement else {
        return MemberLine {
            association,
            achievement: None,
            reported: false,
            figures: Vec::new(),
            plans: Vec::new(),
            targets: Vec::new(),
            sample: false,
        };
    };
    let preceding = id.preceding();
    let year_earlier = id.year_earlier().filter(|p| Some(*p) != preceding);
    let preceding_achievement = preceding.and_then(|p| association.achievements.get(&p));
    // The yearly registration counts in the reviews of the first half and of the year.
    let registration = (id.is_year() || id.part() == Part::FirstHalf)
        .then(|| site.registrations.get(&i32::from(id.year())))
        .flatten();
    let figures = achievement
        .values
        .keys()
        .filter_map(|key| {
            let def = site.metric_def(association, key)?;
            let value = Point::of(association, id, key);
            let previous = preceding.and_then(|p| Point::of(association, p, key));
            let earlier = year_earlier.and_then(|p| Point::of(association, p, key));
            let target = preceding_achievement.and_then(|a| {
                Some(Point {
                    value: *a.targets.get(key)?,
                    qualifier: None,
                    sample: a.sample.covers(key),
                })
            });
            let year_target = registration.and_then(|r| {
                Some(Point {
                    value: *r.targets.get(&association.slug)?.get(key)?,
                    qualifier: None,
                    sample: r.sample.covers(key),
                })
            });
            let with = |other: Option<Point>, f: fn(Point, Point) -> Option<Derived>| {
                value.zip(other).and_then(|(v, o)| f(v, o))
            };
            Some(FigureLine {
                key,
                def,
                value,
                previous,
                change: with(previous, |v, p| Some(Derived::change(v, p))),
                year_earlier: earlier,
                year_change: with(earlier, |v, p| Some(Derived::change(v, p))),
                target,
                target_percent: with(target, Derived::percent),
                year_target,
                year_target_percent: with(year_target, Derived::percent),
                note: achievement.notes.get(key).map(String::as_str),
            })
        })
        .collect();
    let targets = target_lines(site, association, achievement);
    MemberLine {
        association,
        achievement: Some(achievement),
        reported: achievement.is_reported(),
        figures,
        plans: achievement
            .plans
            .iter()
            .filter(|m| {
                !period
                    .plans
                    .iter()
                    .any(|p| p.source.trim() == m.source.trim())
            })
            .collect(),
        targets,
        sample: achievement.sample.is_all(),
    }
}

/// Metrics reported by two or more members: the site's first (in site.yaml's order), then
/// members' own metrics in the order first met.
fn bloc_table<'a>(site: &'a Site, id: PeriodId, members: &[MemberLine<'a>]) -> BlocTable<'a> {
    let reporters: Vec<&MemberLine<'a>> =
        members.iter().filter(|m| m.achievement.is_some()).collect();
    let mut counts: indexmap::IndexMap<&'a str, usize> = site
        .config
        .metrics
        .keys()
        .map(|k| (k.as_str(), 0))
        .collect();
    for member in &reporters {
        for figure in member.figures.iter().filter(|f| f.value.is_some()) {
            *counts.entry(figure.key).or_insert(0) += 1;
        }
    }
    let mut columns = Vec::new();
    for (key, count) in counts {
        if count < 2 {
            continue;
        }
        let def = site.config.metrics.get(key).or_else(|| {
            reporters
                .iter()
                .find_map(|m| m.association.metrics.get(key))
        });
        let Some(def) = def else { continue };
        let values: Vec<Point> = reporters
            .iter()
            .filter_map(|m| Point::of(m.association, id, key))
            .collect();
        columns.push(BlocColumn {
            key,
            def,
            total_kind: def.total(),
            total: total(def, &values),
            reported_by: values.len(),
        });
    }
    let rows = reporters
        .iter()
        .map(|m| BlocRow {
            association: m.association,
            values: columns
                .iter()
                .map(|c| Point::of(m.association, id, c.key))
                .collect(),
        })
        .collect();
    BlocTable { columns, rows }
}

/// The bloc-wide figure of members' values: their sum, or their mean (two decimals), as the
/// metric's `total` asks; `None` for `none` or no values.
pub fn total(def: &MetricDef, values: &[Point]) -> Option<Derived> {
    if values.is_empty() {
        return None;
    }
    let sum: Decimal = values.iter().map(|p| p.value).sum();
    let value = match def.total() {
        Total::None => return None,
        Total::Sum => sum,
        Total::Mean => {
            let mean = sum / Decimal::from(values.len());
            // A scaled amount's mean is rounded in the unit it is shown in.
            match def.scale.filter(|_| def.kind() == MetricKind::Amount) {
                Some(scale) => {
                    let factor = factor(scale);
                    (mean / factor).round_dp(2) * factor
                }
                None => mean.round_dp(2),
            }
        }
    };
    Some(Derived::from(value.normalize(), values))
}

/// How many base units one shown unit holds.
pub fn factor(scale: Scale) -> Decimal {
    Decimal::from(match scale {
        Scale::Thousand => 1_000_i64,
        Scale::Million => 1_000_000,
        Scale::Billion => 1_000_000_000,
    })
}

/// One member's line of a scoring.
#[derive(Debug, Clone)]
pub struct ScoreLine<'a> {
    pub association: &'a Association,
    pub row: &'a ScoreRow,
    pub rank: usize,
    /// Another member has the same rank (after the tie-break).
    pub tied: bool,
    /// The criteria alone (what self-assessment is compared with).
    pub criteria_total: Decimal,
    pub self_total: Option<Decimal>,
    /// Agreed minus self-assessed.
    pub difference: Option<Decimal>,
    pub adjustments: &'a [Adjustment],
    pub adjustments_total: Option<Decimal>,
    pub total: Decimal,
    pub award: Option<Award<'a>>,
    /// The row is sample data.
    pub sample: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Award<'a> {
    pub title: &'a str,
    pub status: AwardStatus,
    pub decision: Option<&'a str>,
}

/// A scoring as every output shows it.
#[derive(Debug, Clone)]
pub struct ScoringResult<'a> {
    pub scoring: &'a Scoring,
    /// In rank order.
    pub rows: Vec<ScoreLine<'a>>,
    /// Members not scored, with the reason the file gives.
    pub absent: Vec<(&'a Association, &'a str)>,
    /// Members of the year neither scored nor listed as absent.
    pub unscored: Vec<&'a Association>,
    /// The whole scoring is sample data.
    pub sample: bool,
}

impl<'a> ScoringResult<'a> {
    pub fn build(site: &'a Site, scoring: &'a Scoring) -> ScoringResult<'a> {
        let rows: Vec<ScoreLine<'a>> = scoring
            .rows
            .iter()
            .filter_map(|row| {
                let association = site.association(&row.association)?;
                let criteria_total = row.criteria_total();
                let self_total = row.self_total();
                Some(ScoreLine {
                    association,
                    row,
                    rank: row.rank,
                    tied: scoring.rows.iter().filter(|r| r.rank == row.rank).count() > 1,
                    criteria_total,
                    self_total,
                    difference: self_total.map(|t| criteria_total - t),
                    adjustments: &row.adjustments,
                    adjustments_total: (!row.adjustments.is_empty())
                        .then(|| row.adjustments.iter().map(|a| a.points).sum()),
                    total: row.total,
                    award: row.award.as_deref().map(|title| Award {
                        title,
                        status: row.award_status,
                        decision: row.award_decision.as_deref(),
                    }),
                    sample: scoring.sample.covers(row.association.as_str()),
                })
            })
            .collect();
        let year = i32::from(scoring.period.year());
        ScoringResult {
            scoring,
            absent: scoring
                .absent
                .iter()
                .filter_map(|(slug, reason)| Some((site.association(slug)?, reason.as_str())))
                .collect(),
            unscored: site
                .members_in(year)
                .filter(|a| {
                    !rows.iter().any(|r| r.association.slug == a.slug)
                        && !scoring.absent.contains_key(&a.slug)
                })
                .collect(),
            rows,
            sample: scoring.sample.is_all(),
        }
    }

    pub fn has_self_scores(&self) -> bool {
        self.scoring.has_self_scores
    }

    pub fn has_adjustments(&self) -> bool {
        self.rows.iter().any(|r| r.adjustments_total.is_some())
    }

    pub fn has_awards(&self) -> bool {
        self.rows.iter().any(|r| r.award.is_some())
    }

    pub fn has_sample(&self) -> bool {
        self.sample || self.rows.iter().any(|r| r.sample)
    }

    /// The line of a member, by slug.
    pub fn line(&self, slug: &str) -> Option<&ScoreLine<'a>> {
        self.rows
            .iter()
            .find(|r| r.association.slug.as_str() == slug)
    }
}

/// Every report and scoring of a build, each computed the first time an output asks for it
/// and shared by all the others (pages, documents and data files render in parallel).
pub struct Reports<'a> {
    site: &'a Site,
    periods: BTreeMap<PeriodId, OnceLock<PeriodReport<'a>>>,
    scorings: BTreeMap<PeriodId, OnceLock<ScoringResult<'a>>>,
}

impl<'a> Reports<'a> {
    pub fn new(site: &'a Site) -> Reports<'a> {
        Reports {
            site,
            periods: site
                .periods
                .keys()
                .map(|&id| (id, OnceLock::new()))
                .collect(),
            scorings: site
                .scorings
                .keys()
                .map(|&id| (id, OnceLock::new()))
                .collect(),
        }
    }

    pub fn site(&self) -> &'a Site {
        self.site
    }

    /// The report of a period the site has.
    pub fn period(&self, id: PeriodId) -> Option<&PeriodReport<'a>> {
        let period = self.site.periods.get(&id)?;
        Some(
            self.periods
                .get(&id)?
                .get_or_init(|| PeriodReport::build(self.site, period)),
        )
    }

    pub fn scoring(&self, id: PeriodId) -> Option<&ScoringResult<'a>> {
        let scoring = self.site.scorings.get(&id)?;
        Some(
            self.scorings
                .get(&id)?
                .get_or_init(|| ScoringResult::build(self.site, scoring)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn p(value: &str, qualifier: Option<Qualifier>, sample: bool) -> Point {
        Point {
            value: Decimal::from_str(value).unwrap(),
            qualifier,
            sample,
        }
    }

    #[test]
    fn a_computed_value_carries_the_marks_of_what_it_comes_from() {
        // 35 real against 18 sample: the change and the percentage are sample, 35 is not.
        let now = p("35", None, false);
        let before = p("18", None, true);
        let change = Derived::change(now, before);
        assert_eq!(change.value, Decimal::from(17));
        assert!(change.sample && !change.approximate);
        let percent = Derived::percent(now, p("30", None, true)).unwrap();
        assert_eq!(percent.value.to_string(), "116.7");
        assert!(percent.sample);
        // "hơn 40" against an exact 32: about +8.
        let over = p("40", Some(Qualifier::Over), false);
        let change = Derived::change(over, p("32", None, false));
        assert!(change.approximate && !change.sample);
        assert!(Derived::percent(now, p("0", None, false)).is_none());
        assert_eq!(
            Derived::percent(p("1", None, false), p("8", None, false))
                .unwrap()
                .value
                .to_string(),
            "12.5"
        );
        assert_eq!(
            Derived::percent(p("1", None, false), p("16", None, false))
                .unwrap()
                .value
                .to_string(),
            "6.3",
            "halves round away from zero"
        );
    }

    #[test]
    fn totals_and_means() {
        let sum = MetricDef {
            label: "x".into(),
            ..MetricDef::default()
        };
        let values = [p("35", None, false), p("19", Some(Qualifier::About), true)];
        let t = total(&sum, &values).unwrap();
        assert_eq!(t.value, Decimal::from(54));
        assert!(t.approximate && t.sample);
        let mean = MetricDef {
            kind: Some(MetricKind::Decimal),
            total: Some(Total::Mean),
            ..sum.clone()
        };
        let values = [
            p("8.5", None, false),
            p("8.3", None, false),
            p("8", None, false),
        ];
        assert_eq!(total(&mean, &values).unwrap().value.to_string(), "8.27");
        let percent = MetricDef {
            unit: Some("%".into()),
            ..sum
        };
        assert!(total(&percent, &values).is_none());
    }
}
