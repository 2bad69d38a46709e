//! The figures of a period (`data.xlsx`) and the scoring (`bang-diem-<period>.xlsx`) as Excel
//! workbooks written with `rust_xlsxwriter`, views of the same report model as the page: one
//! row per member and metric with the value, its qualifier (*hơn*), every comparison and
//! percentage the review shows, and which of the row's values are sample data; real numbers in
//! the number cells (never text), in the unit the page shows them in; headings in the site's
//! language from the glossary. They print on A4 landscape, fitted to the width, the heading
//! rows repeated, with no internal column (no slugs). The workbook's creation date is the
//! document's own date, so two builds give the same bytes.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::super::figures;
use super::super::report::{Derived, FigureLine, PeriodReport, Point, ScoreLine, ScoringResult};
use super::super::review::{
    award_term, rank_display, report_heading, scoring_title, tie_break_text,
};
use super::super::views::Views;
use crate::config::{MetricDef, MetricKind};
use crate::i18n::Language;
use crate::messages;
use crate::model::{Scoring, Site};
use crate::period::PeriodId;

/// A4 in Excel's paper sizes.
const A4: u8 = 9;

fn t(id: &'static str, language: Language) -> String {
    messages::text(id, language)
}

fn term(name: &str, language: Language) -> String {
    messages::glossary(name, language)
}

fn workbook(site: &Site, id: PeriodId, title: &str) -> Workbook {
    let date = site
        .periods
        .get(&id)
        .and_then(|p| p.document.signed.or(p.date))
        .and_then(|d| ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok())
        .or_else(|| ExcelDateTime::from_ymd(id.year(), 1, 1).ok());
    let mut properties = DocProperties::new()
        .set_title(title)
        .set_author(&site.config.title);
    if let Some(date) = &date {
        properties = properties.set_creation_datetime(date);
    }
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties);
    workbook
}

/// `#,##0` for whole numbers, `#,##0.0#` otherwise: Excel shows them in the reader's locale.
fn number_format(value: Decimal) -> &'static str {
    if value.normalize().scale() == 0 {
        "#,##0"
    } else {
        "#,##0.0#"
    }
}

fn write_number(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Decimal,
) -> Result<(), XlsxError> {
    let format = Format::new().set_num_format(number_format(value));
    sheet.write_number_with_format(row, col, value.to_f64().unwrap_or(0.0), &format)?;
    Ok(())
}

/// A change of a percentage: a number shown with its unit, percentage points (`2` shows
/// `2 điểm %`; the row's unit column says `%`, which the change is not in).
fn write_points(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Decimal,
    unit: &str,
) -> Result<(), XlsxError> {
    let format = format!("{}\" {unit}\"", number_format(value));
    let format = Format::new().set_num_format(&format);
    sheet.write_number_with_format(row, col, value.to_f64().unwrap_or(0.0), &format)?;
    Ok(())
}

/// A percentage as a number with a `%` after it (`116.7` shows `116,7%` in a Vietnamese
/// Excel): the value the page shows, not a fraction Excel would multiply by 100.
fn write_percent(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Decimal,
) -> Result<(), XlsxError> {
    let format = if value.normalize().scale() == 0 {
        "#,##0\"%\""
    } else {
        "#,##0.0\"%\""
    };
    let format = Format::new().set_num_format(format);
    sheet.write_number_with_format(row, col, value.to_f64().unwrap_or(0.0), &format)?;
    Ok(())
}

/// A value in the unit the page shows it in (`40` for 40 000 000 đồng in triệu đồng).
fn shown(value: Decimal, def: &MetricDef) -> Decimal {
    match def.scale.filter(|_| def.kind() == MetricKind::Amount) {
        Some(scale) => (value / figures::factor(scale)).round_dp(2).normalize(),
        None => value,
    }
}

fn header(sheet: &mut Worksheet, row: u32, labels: &[String]) -> Result<(), XlsxError> {
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    for (col, label) in labels.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, label, &bold)?;
    }
    Ok(())
}

/// A4 landscape, fitted to the page's width, the heading rows repeated on every page.
fn print_setup(sheet: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

/// The columns of `data.xlsx`, in order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Number,
    Member,
    Metric,
    Unit,
    Value,
    Qualifier,
    Previous,
    Change,
    YearEarlier,
    YearChange,
    Target,
    TargetPercent,
    YearTarget,
    YearTargetPercent,
    NextTarget,
    Sample,
    Note,
}

impl Column {
    fn heading(self, language: Language) -> String {
        let name = match self {
            Column::Number => "number",
            Column::Member => "member",
            Column::Metric => "metric",
            Column::Unit => "unit",
            Column::Value => "value",
            Column::Qualifier => "qualifier",
            Column::Previous => "previous",
            Column::Change => "change",
            Column::YearEarlier => "year-earlier",
            Column::YearChange => "vs-year-earlier",
            Column::Target => "target",
            Column::TargetPercent => "target-percent",
            Column::YearTarget => "year-target",
            Column::YearTargetPercent => "year-target-percent",
            Column::NextTarget => "target-next",
            Column::Sample => "sample-values",
            Column::Note => "note",
        };
        term(name, language)
    }

    fn width(self) -> f64 {
        match self {
            Column::Number => 5.0,
            Column::Member | Column::Metric => 30.0,
            Column::Unit => 12.0,
            Column::Sample | Column::Note => 24.0,
            _ => 12.0,
        }
    }
}

/// The columns the report fills (a comparison no figure has is left out, as on the page).
fn columns(report: &PeriodReport) -> Vec<Column> {
    let figures = || report.members.iter().flat_map(|m| &m.figures);
    let any = |f: &dyn Fn(&FigureLine) -> bool| figures().any(f);
    let mut out = vec![
        Column::Number,
        Column::Member,
        Column::Metric,
        Column::Unit,
        Column::Value,
        Column::Qualifier,
    ];
    if any(&|f| f.previous.is_some()) {
        out.extend([Column::Previous, Column::Change]);
    }
    if any(&|f| f.year_earlier.is_some()) {
        out.extend([Column::YearEarlier, Column::YearChange]);
    }
    if any(&|f| f.target.is_some()) {
        out.extend([Column::Target, Column::TargetPercent]);
    }
    if any(&|f| f.year_target.is_some()) {
        out.extend([Column::YearTarget, Column::YearTargetPercent]);
    }
    if report.members.iter().any(|m| !m.targets.is_empty()) {
        out.push(Column::NextTarget);
    }
    out.push(Column::Sample);
    if any(&|f| f.note.is_some()) {
        out.push(Column::Note);
    }
    out
}

/// Which values of a row are sample data, in words: `kỳ này; kỳ trước; kế hoạch`.
fn sample_words(line: &FigureLine, next: Option<&Point>, language: Language) -> String {
    let lower = |name: &str| super::super::views::lowercase_first(&term(name, language));
    let mut words = Vec::new();
    let mut add = |point: &Option<Point>, name: &str| {
        if point.is_some_and(|p| p.sample) {
            words.push(lower(name));
        }
    };
    add(&line.value, "this-period");
    add(&line.previous, "previous");
    add(&line.year_earlier, "year-earlier");
    add(&line.target, "target");
    add(&line.year_target, "year-target");
    add(&next.copied(), "target-next");
    words.join("; ")
}

/// The qualifier of the row's value in words (`hơn`), and of the earlier value when that one
/// is approximate (`kỳ trước: khoảng`).
fn qualifier_words(line: &FigureLine, language: Language) -> String {
    let mut words = Vec::new();
    if let Some(q) = line.value.and_then(|p| p.qualifier) {
        words.push(figures::qualifier_word(q, language).to_string());
    }
    for (point, name) in [
        (&line.previous, "previous"),
        (&line.year_earlier, "year-earlier"),
    ] {
        if let Some(q) = point.and_then(|p| p.qualifier) {
            words.push(format!(
                "{}: {}",
                super::super::views::lowercase_first(&term(name, language)),
                figures::qualifier_word(q, language)
            ));
        }
    }
    words.join("; ")
}

/// `reports/<period>/data.xlsx`: the period's figures, one row per member and metric.
pub fn period(views: &Views, report: &PeriodReport) -> Result<Vec<u8>, XlsxError> {
    let site = views.site;
    let language = site.config.language;
    let heading = report_heading(report, language, |key| views.tr(key));
    let title = format!("{} – {heading}", site.config.title);
    let mut workbook = workbook(site, report.id, &title);
    let sheet = workbook.add_worksheet();
    sheet.set_name(t("xlsx-sheet-figures", language))?;
    sheet.write_string_with_format(0, 0, &title, &Format::new().set_bold())?;
    let columns = columns(report);
    let labels: Vec<String> = columns.iter().map(|c| c.heading(language)).collect();
    header(sheet, 2, &labels)?;
    for (col, column) in columns.iter().enumerate() {
        sheet.set_column_width(col as u16, column.width())?;
    }
    sheet.set_freeze_panes(3, 0)?;
    print_setup(sheet, 2)?;
    let mut row = 3u32;
    for member in report.members.iter().filter(|m| m.achievement.is_some()) {
        for line in member.figures.iter().filter(|f| f.value.is_some()) {
            let def = line.def;
            let next = member.targets.iter().find(|t| t.key == line.key);
            for (col, column) in columns.iter().enumerate() {
                let col = col as u16;
                let point = |p: &Option<Point>| p.map(|p| shown(p.value, def));
                let change = |d: &Option<Derived>| d.map(|d| shown(d.value, def));
                let number = match column {
                    Column::Number => Some(Decimal::from(row - 2)),
                    Column::Value => point(&line.value),
                    Column::Previous => point(&line.previous),
                    Column::Change => change(&line.change),
                    Column::YearEarlier => point(&line.year_earlier),
                    Column::YearChange => change(&line.year_change),
                    Column::Target => point(&line.target),
                    Column::YearTarget => point(&line.year_target),
                    Column::NextTarget => next.map(|t| shown(t.point.value, def)),
                    _ => None,
                };
                if let Some(number) = number {
                    let change = matches!(column, Column::Change | Column::YearChange);
                    if change
                        && figures::change_unit(def, language) != figures::shown_unit(def, language)
                    {
                        let points = term("percentage-points-short", language);
                        write_points(sheet, row, col, number, &points)?;
                    } else {
                        write_number(sheet, row, col, number)?;
                    }
                    continue;
                }
                let percent = match column {
                    Column::TargetPercent => line.target_percent,
                    Column::YearTargetPercent => line.year_target_percent,
                    _ => None,
                };
                if let Some(percent) = percent {
                    write_percent(sheet, row, col, percent.value)?;
                    continue;
                }
                let text = match column {
                    Column::Member => member.association.name.clone(),
                    Column::Metric => def.label.clone(),
                    Column::Unit => figures::shown_unit(def, language),
                    Column::Qualifier => qualifier_words(line, language),
                    Column::Sample => sample_words(line, next.map(|t| &t.point), language),
                    Column::Note => line.note.unwrap_or_default().to_string(),
                    _ => String::new(),
                };
                if !text.is_empty() {
                    sheet.write_string(row, col, &text)?;
                }
            }
            row += 1;
        }
    }
    workbook.save_to_buffer()
}

/// `scoring/<period>/bang-diem-<period>.xlsx`: the table in rank order with the maximum of every
/// criterion first, self-assessment, adjustments with their reasons, ranks (shared ones said
/// so) and awards with their decisions; the criteria on a second sheet.
pub fn scoring(views: &Views, result: &ScoringResult) -> Result<Vec<u8>, XlsxError> {
    let site = views.site;
    let language = site.config.language;
    let title = scoring_title(result, language, |key| views.tr(key));
    let mut workbook = workbook(site, result.scoring.period, &title);
    scores_sheet(workbook.add_worksheet(), result, &title, language)?;
    criteria_sheet(workbook.add_worksheet(), result.scoring, language)?;
    workbook.save_to_buffer()
}

/// The columns of the scores sheet after the criteria, by their glossary names: only those the
/// scoring has something in.
struct ScoreColumns {
    names: Vec<&'static str>,
    /// The sheet column of the first of them.
    first: u16,
}

impl ScoreColumns {
    fn new(result: &ScoringResult, first: u16) -> ScoreColumns {
        let mut names = Vec::new();
        if result.has_self_scores() {
            names.extend(["self", "agreed", "difference"]);
        }
        if result.has_adjustments() {
            names.extend(["adjustments", "reason"]);
        }
        names.extend(["total-score", "rank"]);
        if result.has_awards() {
            names.extend(["award", "decision"]);
        }
        if result.has_sample() {
            names.push("sample");
        }
        ScoreColumns { names, first }
    }

    /// The sheet column of `name`, if the scoring has it.
    fn column(&self, name: &str) -> Option<u16> {
        self.names
            .iter()
            .position(|n| *n == name)
            .map(|i| self.first + i as u16)
    }
}

/// The first sheet: the title, the headings, the row of maxima, one row per member in rank
/// order, then the tie-break rule and the members not scored.
fn scores_sheet(
    sheet: &mut Worksheet,
    result: &ScoringResult,
    title: &str,
    language: Language,
) -> Result<(), XlsxError> {
    let scoring = result.scoring;
    let criteria: Vec<_> = scoring.groups.iter().flat_map(|g| &g.criteria).collect();
    sheet.set_name(t("xlsx-sheet-scores", language))?;
    sheet.write_string_with_format(0, 0, title, &Format::new().set_bold())?;
    if result.has_sample() {
        sheet.write_string(1, 0, term("sample", language))?;
    }
    let mut labels = vec![term("number", language), term("member", language)];
    labels.extend(criteria.iter().map(|c| c.id.clone()));
    let tail = ScoreColumns::new(result, labels.len() as u16);
    labels.extend(tail.names.iter().map(|name| term(name, language)));
    header(sheet, 2, &labels)?;
    sheet.set_column_width(0, 5.0)?;
    sheet.set_column_width(1, 32.0)?;
    for (i, name) in tail.names.iter().enumerate() {
        let width = match *name {
            "reason" | "award" | "decision" => 30.0,
            _ => 11.0,
        };
        sheet.set_column_width(tail.first + i as u16, width)?;
    }
    sheet.set_freeze_panes(3, 2)?;
    print_setup(sheet, 2)?;
    let italic = Format::new().set_italic();
    sheet.write_string_with_format(3, 1, term("max", language), &italic)?;
    for (i, c) in criteria.iter().enumerate() {
        write_number(sheet, 3, 2 + i as u16, c.max)?;
    }
    if let Some(col) = tail.column("total-score") {
        write_number(sheet, 3, col, scoring.max_total())?;
    }
    for (n, line) in result.rows.iter().enumerate() {
        score_row(sheet, 4 + n as u32, n + 1, line, &tail, language)?;
    }
    let mut row = 5 + result.rows.len() as u32;
    if let Some(rule) = tie_break_text(scoring, language) {
        sheet.write_string(row, 1, format!("{rule}."))?;
        row += 1;
    }
    for (association, reason) in &result.absent {
        sheet.write_string(row, 1, format!("{}: {reason}", association.name))?;
        row += 1;
    }
    Ok(())
}

/// A member's row of the scores sheet: its number, name and criteria scores, then every
/// column after the criteria that it has a value for (numbers as numbers, the rest as text).
fn score_row(
    sheet: &mut Worksheet,
    row: u32,
    number: usize,
    line: &ScoreLine,
    tail: &ScoreColumns,
    language: Language,
) -> Result<(), XlsxError> {
    sheet.write_number(row, 0, number as f64)?;
    sheet.write_string(row, 1, &line.association.name)?;
    for (i, score) in line.row.scores.iter().enumerate() {
        write_number(sheet, row, 2 + i as u16, *score)?;
    }
    let mut put = |name: &str, value: Option<Decimal>| -> Result<(), XlsxError> {
        if let (Some(col), Some(value)) = (tail.column(name), value) {
            write_number(sheet, row, col, value)?;
        }
        Ok(())
    };
    // The bloc's score stands whether or not the member assessed itself (the page and
    // the appendix show it for every member).
    put("self", line.self_total)?;
    put("agreed", Some(line.criteria_total))?;
    put("difference", line.difference)?;
    put("adjustments", line.adjustments_total)?;
    put("total-score", Some(line.total))?;
    if !line.tied {
        put("rank", Some(Decimal::from(line.rank)))?;
    }
    let mut text = |name: &str, value: String| -> Result<(), XlsxError> {
        if let Some(col) = tail.column(name).filter(|_| !value.is_empty()) {
            sheet.write_string(row, col, &value)?;
        }
        Ok(())
    };
    let signed = |d: Decimal| crate::i18n::format_change(d, language);
    text(
        "reason",
        line.adjustments
            .iter()
            .map(|a| format!("{}: {}", signed(a.points), a.reason))
            .collect::<Vec<_>>()
            .join("; "),
    )?;
    if line.tied {
        text("rank", rank_display(line.rank, true, language))?;
    }
    if let Some(award) = line.award {
        text(
            "award",
            format!(
                "{} {}",
                term(award_term(award.status), language),
                award.title
            ),
        )?;
        text("decision", award.decision.unwrap_or_default().to_string())?;
    }
    if line.sample {
        text("sample", t("xlsx-yes", language))?;
    }
    Ok(())
}

/// The second sheet: every criterion with its group and maximum.
fn criteria_sheet(
    sheet: &mut Worksheet,
    scoring: &Scoring,
    language: Language,
) -> Result<(), XlsxError> {
    sheet.set_name(t("xlsx-sheet-criteria", language))?;
    header(
        sheet,
        0,
        &[
            term("group", language),
            t("xlsx-criterion-id", language),
            term("criterion", language),
            term("max", language),
        ],
    )?;
    sheet.set_column_width(0, 40.0)?;
    sheet.set_column_width(2, 70.0)?;
    print_setup(sheet, 0)?;
    let mut row = 1u32;
    for group in &scoring.groups {
        for criterion in &group.criteria {
            sheet.write_string(
                row,
                0,
                format!("{} {}. {}", term("group", language), group.id, group.title),
            )?;
            sheet.write_string(row, 1, &criterion.id)?;
            sheet.write_string(row, 2, &criterion.title)?;
            write_number(sheet, row, 3, criterion.max)?;
            row += 1;
        }
    }
    Ok(())
}
