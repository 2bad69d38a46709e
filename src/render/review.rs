//! The review page of a period and the scoring page as templates show them: views of the one
//! [`PeriodReport`] and [`ScoringResult`] (see [`super::report`]) in the site's language, with
//! the glossary's words. Every figure carries its own sample mark, and a comparison or
//! percentage carries the mark of what it is computed from, so a real figure is never marked
//! and an invented one never shown bare.

use rust_decimal::Decimal;
use serde::Serialize;

use super::charts::{Bar, BarChart, bar_chart};
use super::figures;
use super::report::{
    Derived, FigureLine, MemberLine, PeriodReport, ScoreLine, ScoringResult, Section,
};
use super::views::{
    AssociationLink, ChartView, PeriodLink, TargetView, Views, lowercase_first, trend,
};
use crate::config::{MetricKind, Total};
use crate::i18n::{self, DateStyle};
use crate::model::AwardStatus;
use crate::urls;

/// One figure of a member in a period, with its comparisons, as the page prints them.
#[derive(Serialize)]
pub struct Figure<'a> {
    pub key: &'a str,
    pub label: &'a str,
    /// As shown: `triệu đồng` for an amount in millions.
    pub unit: String,
    pub reported: bool,
    /// The number as shown, with its qualifier: `hơn 40`.
    pub value: Option<String>,
    /// The value with its unit: `hơn 40 triệu đồng`, `100%`.
    pub display: Option<String>,
    /// `over`, `about`, `nearly`, `under` when the value is approximate.
    pub qualifier: Option<&'static str>,
    /// The value as a plain number (`10202`, `95.5`).
    pub plain: Option<String>,
    /// The value itself is sample data.
    pub sample: bool,
    /// The preceding period's value (`18`), the change as a signed number (`+17`) and in words
    /// (`tăng 17`); `change_sample` when either value is sample data, `previous_sample` when
    /// the earlier value itself is (each marked where it stands, never a real one).
    pub previous: Option<String>,
    pub previous_sample: bool,
    pub change: Option<String>,
    pub change_words: Option<String>,
    /// `up`, `down` or `same`, for styling.
    pub trend: Option<&'static str>,
    pub change_sample: bool,
    pub year_earlier: Option<String>,
    pub year_earlier_sample: bool,
    pub year_change: Option<String>,
    pub year_change_words: Option<String>,
    pub year_trend: Option<&'static str>,
    pub year_change_sample: bool,
    /// The target set in the preceding period, with its unit (`30 hội nghị`), and the share of
    /// it reached (`116,7%`).
    pub target: Option<String>,
    pub target_sample: bool,
    pub target_percent: Option<String>,
    pub target_percent_sample: bool,
    /// The year's registered target (*kế hoạch năm*) and the share of it reached, in the
    /// reviews of `YYYY-h1` and `YYYY`.
    pub year_target: Option<String>,
    pub year_target_sample: bool,
    pub year_target_percent: Option<String>,
    pub year_target_percent_sample: bool,
    /// The member's note on this figure (`notes:`), shown as a numbered footnote.
    pub note: Option<&'a str>,
    pub note_number: Option<usize>,
}

/// A member's part of a period's review.
#[derive(Serialize)]
pub struct MemberReport<'a> {
    pub association: AssociationLink<'a>,
    /// Its mark in section I when it reported, as on paper: `a)` under the members' part, else
    /// `1.`, `2.`, … ([`super::report::Outline`]).
    pub mark: String,
    /// Its role in the period's year: "Khối trưởng năm 2013".
    pub role_label: Option<String>,
    pub is_host: bool,
    /// A figure or a summary is filled in.
    pub reported: bool,
    /// It has a file for the period, even an empty one.
    pub has_file: bool,
    pub summary: Option<&'a str>,
    pub figures: Vec<Figure<'a>>,
    pub highlights: Vec<&'a str>,
    pub plans: Vec<&'a str>,
    /// Goals this member set for the following period.
    pub targets: Vec<TargetView<'a>>,
    /// The whole file is sample data.
    pub sample: bool,
    /// Some value of its figures, given or computed, is sample data.
    pub has_sample_figures: bool,
    /// Some figure has a note (`notes:`): the footnotes follow the table.
    pub has_notes: bool,
    pub source: String,
}

#[derive(Serialize)]
pub struct SharedColumn<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub unit: String,
    /// The total or mean as shown (`khoảng 54`), empty when the metric's `total` is `none`.
    pub total: String,
    pub total_plain: String,
    /// `sum`, `mean` or `none`.
    pub total_kind: &'static str,
    /// A sample value is in the total.
    pub total_sample: bool,
    pub reported_by: usize,
}

#[derive(Serialize)]
pub struct SharedCell {
    pub text: String,
    pub sample: bool,
}

#[derive(Serialize)]
pub struct SharedRow<'a> {
    pub association: AssociationLink<'a>,
    /// One cell per shared column, `None` when not reported.
    pub values: Vec<Option<SharedCell>>,
}

/// The bloc-wide table of the metrics several members report.
#[derive(Serialize)]
pub struct SharedTable<'a> {
    pub columns: Vec<SharedColumn<'a>>,
    pub rows: Vec<SharedRow<'a>>,
    /// Any column has a total; a sum (the footer row *Cộng*); a mean (the row *Bình quân*).
    pub has_total: bool,
    pub has_sum: bool,
    pub has_mean: bool,
}

/// A numbered section of the review: `key` names it for the template (`results`,
/// `directions`), `number` is its Roman numeral by position.
#[derive(Serialize)]
pub struct SectionView {
    pub key: &'static str,
    pub number: String,
    pub heading: String,
}

#[derive(Serialize)]
pub struct PeriodSummary<'a> {
    #[serde(flatten)]
    pub link: PeriodLink,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub date_long: Option<String>,
    pub host: Option<AssociationLink<'a>>,
    pub location: Option<&'a str>,
    /// `extra: { sample: [location] }`: the place is invented, and the page says so.
    pub location_sample: bool,
    pub summary: Option<&'a str>,
    pub is_year: bool,
    pub members_reported: usize,
    /// The members of the bloc that year (those expected to report).
    pub members_expected: usize,
    /// "Chưa có đơn vị nào báo cáo" / "8/8 đơn vị đã báo cáo".
    pub reported_text: String,
    /// Some member reported a figure or a summary: the report is issued and listed as published.
    pub has_figures: bool,
    /// Some member has a file for the period, even an empty one.
    pub has_forms: bool,
    /// `draft: true` (shown only with `--drafts`).
    pub draft: bool,
    pub has_scoring: bool,
    pub scoring_url: Option<String>,
    pub data_json_url: String,
    pub data_csv_url: String,
    /// Downloads for offices: the spreadsheet always, the Word report when the report is issued
    /// and `documents:` allows.
    pub data_xlsx_url: String,
    pub docx_url: Option<String>,
    pub extra: &'a serde_json::Value,
}

/// The review article of a period.
#[derive(Serialize)]
pub struct Report<'a> {
    #[serde(flatten)]
    pub period: PeriodSummary<'a>,
    /// The article's heading: the period file's title, else "Sơ kết công tác thi đua 6 tháng …".
    pub heading: String,
    pub narrative: Option<&'a str>,
    /// The period's `summary`: the article's lead.
    pub lead: Option<&'a str>,
    /// The numbered sections, in order.
    pub sections: Vec<SectionView>,
    /// The bloc's common tasks for the next period (the directions, before each member's own).
    pub plans: Vec<&'a str>,
    /// Some member has plans or targets of its own.
    pub has_member_plans: bool,
    pub year: i32,
    /// The page of the year's registration, when there is one.
    pub registration_url: Option<String>,
    pub members: Vec<MemberReport<'a>>,
    /// The members of that year that have not reported (a figure or a summary).
    pub not_reported: Vec<AssociationLink<'a>>,
    /// Which columns of the members' tables have something in them.
    pub columns: ReportColumns,
    pub shared: SharedTable<'a>,
    pub charts: Vec<ChartView>,
    pub preceding: Option<PeriodLink>,
    pub following: Option<PeriodLink>,
    /// The default title of the next period (what the directions plan for), lowercase.
    pub next_period: String,
    pub scoring: Option<ScoringView<'a>>,
    /// The numbered parts of sections I and III, as the Word report numbers them.
    pub outline: super::report::Outline,
    pub has_sample: bool,
}

/// Columns of the members' result tables; an empty one is hidden.
#[derive(Serialize, Default)]
pub struct ReportColumns {
    pub previous: bool,
    pub year_earlier: bool,
    pub target: bool,
    pub year_target: bool,
}

#[derive(Serialize)]
pub struct CriterionView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub max: String,
}

#[derive(Serialize)]
pub struct GroupView<'a> {
    pub number: usize,
    /// The group's id (`id:` in the file, else its position).
    pub id: &'a str,
    /// "Nhóm 1": how every output names the group.
    pub name: String,
    pub title: &'a str,
    pub criteria: Vec<CriterionView<'a>>,
    pub max: String,
}

#[derive(Serialize)]
pub struct AdjustmentView<'a> {
    pub points: String,
    pub reason: &'a str,
    pub bonus: bool,
    /// The footnote's number on the scoring page (1, 2, …).
    pub note: usize,
}

#[derive(Serialize)]
pub struct ScoreRowView<'a> {
    pub rank: usize,
    pub tied: bool,
    /// `1`, or `2 (đồng hạng)` when the rank is shared.
    pub rank_display: String,
    pub association: AssociationLink<'a>,
    /// Every criterion's score, in order.
    pub scores: Vec<String>,
    /// The same scores by group, with the group's subtotal.
    pub groups: Vec<GroupScores>,
    pub adjustments: Vec<AdjustmentView<'a>>,
    pub adjustments_total: String,
    pub total: String,
    pub total_plain: String,
    pub award: Option<&'a str>,
    /// `proposed` or `granted`.
    pub award_status: &'static str,
    /// "Đề nghị tặng …" / "Được tặng …".
    pub award_text: Option<String>,
    pub award_decision: Option<&'a str>,
    /// The self-assessed total (criteria only), and the agreed criteria total beside it.
    pub self_total: Option<String>,
    pub criteria_total: String,
    /// Agreed minus self-assessed: `−1,5`.
    pub self_difference: Option<String>,
    /// "Xếp thứ 1/8", "Đồng xếp thứ 2/8".
    pub rank_text: String,
    /// The row is sample data.
    pub sample: bool,
    /// How many scorers' sheets were combined into the scores (a cross-scored member).
    pub scorers: Option<usize>,
}

#[derive(Serialize)]
pub struct GroupScores {
    pub scores: Vec<String>,
    pub total: String,
}

#[derive(Serialize)]
pub struct ScoringView<'a> {
    pub title: String,
    pub period: PeriodLink,
    pub url: String,
    pub groups: Vec<GroupView<'a>>,
    pub criteria_count: usize,
    pub max_total: String,
    pub rows: Vec<ScoreRowView<'a>>,
    pub unscored: Vec<AssociationLink<'a>>,
    /// Members not scored, with the reason given in the file.
    pub absent: Vec<AbsentView<'a>>,
    pub has_self_scores: bool,
    /// How a cross-scoring was combined and from how many scorers (`cross_scores`).
    pub combined: Option<String>,
    /// "Khi bằng tổng điểm, xét lần lượt điểm của nhóm 1, tiêu chí 4.1" when the file has a
    /// `tie_break`.
    pub tie_break_text: Option<String>,
    /// Every adjustment with its footnote number, in table order.
    pub notes: Vec<NoteView<'a>>,
    /// The whole scoring is sample data.
    pub sample: bool,
    /// Some row is sample data.
    pub has_sample: bool,
    pub has_adjustments: bool,
    pub has_awards: bool,
    /// Downloads for offices: the spreadsheet always, the Word table when `documents:` allows.
    pub xlsx_url: String,
    pub docx_url: Option<String>,
    pub extra: &'a serde_json::Value,
}

#[derive(Serialize)]
pub struct AbsentView<'a> {
    pub association: AssociationLink<'a>,
    pub reason: &'a str,
}

#[derive(Serialize)]
pub struct NoteView<'a> {
    pub note: usize,
    pub bonus: bool,
    pub association: &'a str,
    pub points: String,
    pub reason: &'a str,
}

/// `I`, `II`, … (a report has at most a handful of sections and appendices).
pub fn roman(n: usize) -> String {
    const TABLE: [(usize, &str); 5] = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

impl<'a> Views<'a> {
    fn term(&self, name: &str) -> String {
        crate::messages::glossary(name, self.lang())
    }

    /// A period's key facts for lists and the top of its review.
    pub fn period_summary(&self, report: &PeriodReport<'a>) -> PeriodSummary<'a> {
        let site = self.site;
        let period = report.period;
        let id = report.id;
        let members_reported = report.reporting().count();
        let members_expected = report.members.len();
        let reported_text = if members_reported == 0 {
            self.tr("none_reported")
        } else {
            format!(
                "{members_reported}/{members_expected} {}",
                self.tr("members_reported")
            )
        };
        let has_scoring = site.scorings.contains_key(&id);
        PeriodSummary {
            link: self.period_link(id),
            date: period.date.map(|d| d.to_string()),
            date_display: period
                .date
                .map(|d| i18n::format_date(d, DateStyle::Short, self.lang())),
            date_long: period
                .date
                .map(|d| i18n::format_date(d, DateStyle::Long, self.lang())),
            host: period
                .host
                .as_ref()
                .and_then(|slug| site.association(slug))
                .map(|a| self.association_link(a)),
            location: period.location.as_deref(),
            location_sample: period.sample.covers("location"),
            summary: period.summary.as_deref(),
            is_year: id.is_year(),
            members_reported,
            members_expected,
            reported_text,
            has_figures: report.issued,
            has_forms: report.members.iter().any(|m| m.achievement.is_some()),
            draft: period.draft,
            has_scoring,
            scoring_url: has_scoring.then(|| self.url(&urls::scoring(id))),
            data_json_url: self.url(&urls::report_json(id)),
            data_csv_url: self.url(&urls::report_csv(id)),
            data_xlsx_url: self.url(&urls::report_xlsx(id)),
            docx_url: (report.issued && site.document_settings(&period.document).is_ok())
                .then(|| self.url(&urls::report_docx(id))),
            extra: &period.extra,
        }
    }

    fn figure(&self, line: &FigureLine<'a>, note_number: Option<usize>) -> Figure<'a> {
        let lang = self.lang();
        let def = line.def;
        let unit = figures::shown_unit(def, lang);
        let shown = line.value.map(|p| figures::point(&p, def, lang));
        let with_unit =
            |p: &super::report::Point| figures::with_unit(&figures::point(p, def, lang), &unit);
        let signed = |d: &Derived| figures::signed_change(d, def, lang);
        let words = |d: &Derived| figures::change_words(d, def, lang);
        let percent = |d: &Derived| figures::percent(d, lang);
        let sample = |d: &Option<Derived>| d.is_some_and(|d| d.sample);
        Figure {
            key: line.key,
            label: &def.label,
            reported: line.value.is_some(),
            display: shown.as_deref().map(|v| figures::with_unit(v, &unit)),
            value: shown,
            unit: unit.clone(),
            qualifier: line.value.and_then(|p| p.qualifier).map(|q| q.as_str()),
            plain: line.value.map(|p| p.value.normalize().to_string()),
            sample: line.value.is_some_and(|p| p.sample),
            previous: line.previous.as_ref().map(with_unit),
            previous_sample: line.previous.is_some_and(|p| p.sample),
            change: line.change.as_ref().map(signed),
            change_words: line.change.as_ref().map(words),
            trend: line.change.map(|c| trend(c.value)),
            change_sample: sample(&line.change),
            year_earlier: line.year_earlier.as_ref().map(with_unit),
            year_earlier_sample: line.year_earlier.is_some_and(|p| p.sample),
            year_change: line.year_change.as_ref().map(signed),
            year_change_words: line.year_change.as_ref().map(words),
            year_trend: line.year_change.map(|c| trend(c.value)),
            year_change_sample: sample(&line.year_change),
            target: line.target.as_ref().map(with_unit),
            target_sample: line.target.is_some_and(|p| p.sample),
            target_percent: line.target_percent.as_ref().map(percent),
            target_percent_sample: sample(&line.target_percent),
            year_target: line.year_target.as_ref().map(with_unit),
            year_target_sample: line.year_target.is_some_and(|p| p.sample),
            year_target_percent: line.year_target_percent.as_ref().map(percent),
            year_target_percent_sample: sample(&line.year_target_percent),
            note: line.note,
            note_number,
        }
    }

    pub fn target_views(&self, targets: &[super::report::TargetLine<'a>]) -> Vec<TargetView<'a>> {
        targets
            .iter()
            .map(|t| {
                let unit = figures::shown_unit(t.def, self.lang());
                let value = figures::point(&t.point, t.def, self.lang());
                TargetView {
                    key: t.key,
                    label: &t.def.label,
                    display: figures::with_unit(&value, &unit),
                    unit,
                    value,
                    sample: t.point.sample,
                }
            })
            .collect()
    }

    fn member_report(
        &self,
        report: &PeriodReport<'a>,
        member: &MemberLine<'a>,
    ) -> MemberReport<'a> {
        let mut notes = 0;
        let figures: Vec<Figure<'a>> = member
            .figures
            .iter()
            .map(|line| {
                let number = line.note.map(|_| {
                    notes += 1;
                    notes
                });
                self.figure(line, number)
            })
            .collect();
        let achievement = member.achievement;
        MemberReport {
            association: self.association_link(member.association),
            mark: String::new(),
            role_label: self.role_label_in(member.association, Some(report.year)),
            is_host: report.period.host.as_ref() == Some(&member.association.slug),
            reported: member.reported,
            has_file: achievement.is_some(),
            summary: achievement
                .and_then(|a| a.summary.as_ref())
                .map(|m| m.html.as_str()),
            has_sample_figures: member.figures.iter().any(FigureLine::has_sample),
            has_notes: notes > 0,
            figures,
            highlights: achievement
                .map(|a| a.highlights.iter().map(|m| m.html.as_str()).collect())
                .unwrap_or_default(),
            plans: member.plans.iter().map(|m| m.html.as_str()).collect(),
            targets: self.target_views(&member.targets),
            sample: member.sample,
            source: achievement
                .map(|a| crate::diagnostics::display_path(&a.source))
                .unwrap_or_default(),
        }
    }

    /// The title of a scoring file (its `title:`, else "Chấm điểm thi đua năm 2013").
    pub fn scoring_name(&self, scoring: &crate::model::Scoring) -> String {
        title_of_scoring(scoring, self.lang(), |k| self.tr(k))
    }

    /// The heading of a report section, without its number.
    pub fn section_heading(&self, report: &PeriodReport<'a>, section: Section) -> String {
        match section {
            // The Word report's words: "Kết quả công tác thi đua 6 tháng đầu năm 2013".
            Section::Results => format!(
                "{} {}",
                self.tr("results_heading"),
                super::views::lowercase_first(&report.id.default_title(self.lang()))
            ),
            Section::Directions => format!(
                "{} {}",
                self.tr("directions_heading"),
                next_period(report, self.lang())
            ),
            Section::Assessment => self.tr("assessment_heading"),
            Section::Recommendations => self.tr("recommendations_heading"),
        }
    }

    /// The article's heading: the period file's title, else "Sơ kết công tác thi đua 6 tháng …".
    pub fn report_heading(&self, report: &PeriodReport<'a>) -> String {
        report_heading(report, self.lang(), |key| self.tr(key))
    }

    pub fn report(
        &self,
        report: &PeriodReport<'a>,
        scoring: Option<&ScoringResult<'a>>,
    ) -> Report<'a> {
        let site = self.site;
        let period = report.period;
        let id = report.id;
        let outline = report.outline(scoring.is_some());
        let mut members: Vec<MemberReport<'a>> = report
            .members
            .iter()
            .map(|m| self.member_report(report, m))
            .collect();
        for (member, mark) in members
            .iter_mut()
            .filter(|m| m.reported)
            .zip(&outline.member_marks)
        {
            member.mark.clone_from(mark);
        }
        let mut columns = ReportColumns::default();
        for f in report.members.iter().flat_map(|m| &m.figures) {
            columns.previous |= f.change.is_some();
            columns.year_earlier |= f.year_change.is_some();
            columns.target |= f.target.is_some() && f.value.is_some();
            columns.year_target |= f.year_target.is_some();
        }
        let (shared, charts) = self.shared_table(report);
        let scoring = scoring.map(|s| self.scoring(s));
        let exists = |p: Option<crate::period::PeriodId>| {
            p.filter(|p| site.periods.contains_key(p))
                .map(|p| self.period_link(p))
        };
        Report {
            sections: report
                .sections
                .iter()
                .enumerate()
                .map(|(i, &section)| SectionView {
                    key: section_key(section),
                    number: roman(i + 1),
                    heading: self.section_heading(report, section),
                })
                .collect(),
            has_member_plans: members
                .iter()
                .any(|m| !m.plans.is_empty() || !m.targets.is_empty()),
            year: report.year,
            registration_url: site
                .registrations
                .contains_key(&report.year)
                .then(|| self.url(&urls::registration(report.year))),
            heading: self.report_heading(report),
            period: self.period_summary(report),
            narrative: period.narrative.as_ref().map(|m| m.html.as_str()),
            lead: period.summary.as_deref(),
            plans: report
                .common_tasks
                .iter()
                .map(|m| m.html.as_str())
                .collect(),
            not_reported: report
                .not_reported()
                .map(|m| self.association_link(m.association))
                .collect(),
            members,
            columns,
            shared,
            charts,
            preceding: exists(id.preceding()),
            following: exists(id.following()),
            next_period: next_period(report, self.lang()),
            has_sample: report.has_sample() || scoring.as_ref().is_some_and(|s| s.has_sample),
            scoring,
            outline,
        }
    }

    /// The bloc-wide table; and one chart per shared metric of each member's change against the
    /// preceding period (members of very different size compare by how they moved, not by their
    /// raw size).
    fn shared_table(&self, report: &PeriodReport<'a>) -> (SharedTable<'a>, Vec<ChartView>) {
        let lang = self.lang();
        let bloc = &report.bloc;
        let columns: Vec<SharedColumn<'a>> = bloc
            .columns
            .iter()
            .map(|c| SharedColumn {
                key: c.key,
                label: &c.def.label,
                unit: figures::shown_unit(c.def, lang),
                total: c
                    .total
                    .as_ref()
                    .map(|t| figures::total(t, c.def, lang))
                    .unwrap_or_default(),
                total_plain: c
                    .total
                    .map(|t| t.value.normalize().to_string())
                    .unwrap_or_default(),
                total_kind: match c.total_kind {
                    Total::Sum => "sum",
                    Total::Mean => "mean",
                    Total::None => "none",
                },
                total_sample: c.total.is_some_and(|t| t.sample),
                reported_by: c.reported_by,
            })
            .collect();
        let rows = bloc
            .rows
            .iter()
            .map(|row| SharedRow {
                association: self.association_link(row.association),
                values: row
                    .values
                    .iter()
                    .zip(&bloc.columns)
                    .map(|(value, column)| {
                        value.map(|p| SharedCell {
                            text: figures::point(&p, column.def, lang),
                            sample: p.sample,
                        })
                    })
                    .collect(),
            })
            .collect();
        let mut charts = Vec::new();
        for column in &bloc.columns {
            // The change against the preceding period: in % for counts and amounts, in points
            // for percentages and decimals.
            let relative = matches!(column.def.kind(), MetricKind::Count | MetricKind::Amount);
            let bars: Vec<Bar> = bloc
                .rows
                .iter()
                .filter_map(|row| {
                    let member = report.member(row.association.slug.as_str())?;
                    let line = member.figures.iter().find(|f| f.key == column.key)?;
                    let change = line.change?;
                    let previous = line.previous?;
                    let (value, display) = if relative {
                        let percent = Derived::percent(
                            super::report::Point {
                                value: change.value,
                                qualifier: None,
                                sample: change.sample,
                            },
                            previous,
                        )?;
                        let text = format!("{}%", i18n::format_change(percent.value, lang));
                        (percent.value, text)
                    } else {
                        (
                            change.value,
                            figures::change(change.value, column.def, false, lang),
                        )
                    };
                    let mut display = display;
                    if change.approximate {
                        display = format!("{} {display}", figures::about(lang));
                    }
                    if change.sample {
                        display = format!("{display} ({})", self.term("sample-short"));
                    }
                    Some(Bar {
                        label: row.association.short_name.clone(),
                        value,
                        display,
                    })
                })
                .collect();
            if bars.len() >= 2 {
                // A percentage's change is in points, a decimal's in its own unit.
                let unit = figures::change_unit(column.def, lang);
                let preceding = report
                    .id
                    .preceding()
                    .map(|p| lowercase_first(&p.default_title(lang)))
                    .unwrap_or_default();
                let chart = BarChart {
                    id: format!("chart-{}-{}", report.id, column.key),
                    title: if relative || unit.is_empty() {
                        format!(
                            "{}: {} {}",
                            column.def.label,
                            self.tr(if relative {
                                "chart_change_percent"
                            } else {
                                "chart_change"
                            }),
                            preceding
                        )
                    } else {
                        format!(
                            "{}: {} ({unit}) {} {}",
                            column.def.label,
                            self.tr("chart_change_word"),
                            self.tr("chart_against"),
                            preceding
                        )
                    },
                    description: format!(
                        "{}: {}",
                        self.term("unit"),
                        if relative {
                            "%"
                        } else if unit.is_empty() {
                            "—"
                        } else {
                            unit.as_str()
                        }
                    ),
                    bars,
                };
                charts.push(ChartView {
                    title: chart.title.clone(),
                    svg: bar_chart(&chart),
                });
            }
        }
        (
            SharedTable {
                has_total: bloc.has_total(),
                has_sum: bloc
                    .columns
                    .iter()
                    .any(|c| c.total_kind == Total::Sum && c.total.is_some()),
                has_mean: bloc.has_mean(),
                columns,
                rows,
            },
            charts,
        )
    }

    /// "Xếp thứ 2/8", or "Đồng xếp thứ 2/8" when the rank is shared.
    pub fn rank_text(&self, rank: usize, of: usize, tied: bool) -> String {
        let key = if tied { "rank_shared" } else { "rank_of" };
        format!("{} {rank}/{of}", self.tr(key))
    }

    /// `1`, or `2 (đồng hạng)` when the rank is shared.
    pub fn rank_display(&self, line: &ScoreLine<'a>) -> String {
        rank_display(line.rank, line.tied, self.lang())
    }

    /// "Đề nghị tặng …" / "Được tặng …".
    pub fn award_text(&self, status: AwardStatus, title: &str) -> String {
        format!("{} {title}", self.term(award_term(status)))
    }

    pub fn group_name(&self, id: &str) -> String {
        format!("{} {id}", self.term("group"))
    }

    pub fn scoring(&self, result: &ScoringResult<'a>) -> ScoringView<'a> {
        let site = self.site;
        let scoring = result.scoring;
        let signed = |d: Decimal| i18n::format_change(d, self.lang());
        let of = result.rows.len();
        let mut note = 0;
        let mut notes = Vec::new();
        let rows: Vec<ScoreRowView<'a>> = result
            .rows
            .iter()
            .map(|line| {
                let row = line.row;
                let association = line.association;
                let adjustments: Vec<AdjustmentView<'a>> = line
                    .adjustments
                    .iter()
                    .map(|a| {
                        note += 1;
                        notes.push(NoteView {
                            note,
                            bonus: a.points >= Decimal::ZERO,
                            association: &association.short_name,
                            points: signed(a.points),
                            reason: &a.reason,
                        });
                        AdjustmentView {
                            points: signed(a.points),
                            reason: &a.reason,
                            bonus: a.points >= Decimal::ZERO,
                            note,
                        }
                    })
                    .collect();
                let award_status = line
                    .award
                    .map_or(AwardStatus::Proposed, |a| a.status)
                    .as_str();
                ScoreRowView {
                    rank: line.rank,
                    tied: line.tied,
                    rank_display: self.rank_display(line),
                    rank_text: self.rank_text(line.rank, of, line.tied),
                    association: self.association_link(association),
                    scores: row.scores.iter().map(|s| self.num(*s)).collect(),
                    groups: {
                        let mut scores = row.scores.iter();
                        scoring
                            .groups
                            .iter()
                            .zip(&row.group_totals)
                            .map(|(group, total)| GroupScores {
                                scores: scores
                                    .by_ref()
                                    .take(group.criteria.len())
                                    .map(|s| self.num(*s))
                                    .collect(),
                                total: self.num(*total),
                            })
                            .collect()
                    },
                    adjustments,
                    adjustments_total: line.adjustments_total.map(signed).unwrap_or_default(),
                    total: self.num(line.total),
                    total_plain: line.total.normalize().to_string(),
                    award: line.award.map(|a| a.title),
                    award_status,
                    award_text: line.award.map(|a| self.award_text(a.status, a.title)),
                    award_decision: line.award.and_then(|a| a.decision),
                    criteria_total: self.num(line.criteria_total),
                    self_total: line.self_total.map(|t| self.num(t)),
                    self_difference: line.difference.map(signed),
                    sample: line.sample,
                    scorers: row.scorers,
                }
            })
            .collect();
        let tie_break_text = tie_break_text(scoring, self.lang());
        let period = self.period_link(scoring.period);
        ScoringView {
            title: scoring_title(result, self.lang(), |k| self.tr(k)),
            url: self.url(&urls::scoring(scoring.period)),
            period,
            groups: scoring
                .groups
                .iter()
                .enumerate()
                .map(|(i, g)| GroupView {
                    number: i + 1,
                    id: &g.id,
                    name: self.group_name(&g.id),
                    title: &g.title,
                    max: self.num(g.criteria.iter().map(|c| c.max).sum()),
                    criteria: g
                        .criteria
                        .iter()
                        .map(|c| CriterionView {
                            id: &c.id,
                            title: &c.title,
                            max: self.num(c.max),
                        })
                        .collect(),
                })
                .collect(),
            criteria_count: scoring.groups.iter().map(|g| g.criteria.len()).sum(),
            max_total: self.num(scoring.max_total()),
            has_adjustments: result.has_adjustments(),
            has_awards: result.has_awards(),
            rows,
            unscored: result
                .unscored
                .iter()
                .map(|a| self.association_link(a))
                .collect(),
            absent: result
                .absent
                .iter()
                .map(|(a, reason)| AbsentView {
                    association: self.association_link(a),
                    reason,
                })
                .collect(),
            has_self_scores: result.has_self_scores(),
            combined: super::views::combined_note(scoring, self.lang()),
            tie_break_text,
            notes,
            sample: result.sample,
            has_sample: result.has_sample(),
            xlsx_url: self.url(&urls::scoring_xlsx(scoring.period)),
            docx_url: site
                .document_settings(&scoring.document)
                .is_ok()
                .then(|| self.url(&urls::scoring_docx(scoring.period))),
            extra: &scoring.extra,
        }
    }
}

/// The template's name of a section.
pub fn section_key(section: Section) -> &'static str {
    match section {
        Section::Results => "results",
        Section::Assessment => "assessment",
        Section::Directions => "directions",
        Section::Recommendations => "recommendations",
    }
}

/// The glossary's name of an award's status.
pub fn award_term(status: AwardStatus) -> &'static str {
    match status {
        AwardStatus::Proposed => "award-proposed",
        AwardStatus::Granted => "award-granted",
    }
}

/// The tie-break rule in words, without a full stop: "Khi bằng tổng điểm, xét lần lượt điểm của
/// nhóm 1, tiêu chí 2.1"; none when the scoring gives no rule. The page, the appendix and the
/// workbook all print this one sentence.
pub fn tie_break_text(scoring: &crate::model::Scoring, language: i18n::Language) -> Option<String> {
    if scoring.tie_break.is_empty() {
        return None;
    }
    let term = |name: &str| crate::messages::glossary(name, language);
    let items: Vec<String> = scoring
        .tie_break
        .iter()
        .map(|id| {
            let name = if scoring.groups.iter().any(|g| &g.id == id) {
                "group"
            } else {
                "criterion"
            };
            format!("{} {id}", term(name).to_lowercase())
        })
        .collect();
    Some(format!("{} {}", term("tie-break"), items.join(", ")))
}

/// `1`, or `2 (đồng hạng)` when the rank is shared (en `2 (tied)`).
pub fn rank_display(rank: usize, tied: bool, language: i18n::Language) -> String {
    if tied {
        format!("{rank} ({})", crate::messages::glossary("tied", language))
    } else {
        rank.to_string()
    }
}

/// The default title of the period the directions plan for, lowercase: "6 tháng cuối năm 2013".
pub fn next_period(report: &PeriodReport, language: i18n::Language) -> String {
    report
        .id
        .following()
        .map(|p| lowercase_first(&p.default_title(language)))
        .unwrap_or_default()
}

/// The report's heading: the period file's title, else "Sơ kết công tác thi đua 6 tháng đầu năm
/// 2013" / "Tổng kết công tác thi đua năm 2013" (`tr` gives the theme's words).
pub fn report_heading(
    report: &PeriodReport,
    language: i18n::Language,
    tr: impl Fn(&str) -> String,
) -> String {
    let period = report.period;
    let id = report.id;
    if period.source.is_some() && period.title != id.default_title(language) {
        period.title.clone()
    } else {
        let key = if id.is_year() {
            "report_title_year"
        } else {
            "report_title_half"
        };
        format!(
            "{} {}",
            tr(key),
            lowercase_first(&id.default_title(language))
        )
    }
}

/// The scoring's title: its `title:`, else "Chấm điểm thi đua năm 2013".
pub fn scoring_title(
    result: &ScoringResult,
    language: i18n::Language,
    tr: impl Fn(&str) -> String,
) -> String {
    title_of_scoring(result.scoring, language, tr)
}

/// [`scoring_title`] of the scoring file itself.
pub fn title_of_scoring(
    scoring: &crate::model::Scoring,
    language: i18n::Language,
    tr: impl Fn(&str) -> String,
) -> String {
    scoring.title.clone().unwrap_or_else(|| {
        format!(
            "{} {}",
            tr("scoring"),
            lowercase_first(&scoring.period.default_title(language))
        )
    })
}
