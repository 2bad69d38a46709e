//! The figures of a period (`data.xlsx`) and the scoring table (`bang-diem-<period>.xlsx`) as
//! Excel workbooks written with `rust_xlsxwriter`: one row per value, real numbers in the
//! number cells (never text), headers in the site's language from the message catalogue.
//! The workbook's creation date is the document's own date, so two builds give the same bytes.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

use crate::i18n::Language;
use crate::messages;
use crate::model::{Scoring, Site};
use crate::period::PeriodId;

fn t(id: &'static str, language: Language) -> String {
    messages::text(id, language)
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

fn header(sheet: &mut Worksheet, row: u32, labels: &[String]) -> Result<(), XlsxError> {
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    for (col, label) in labels.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, label, &bold)?;
    }
    Ok(())
}

/// `reports/<period>/data.xlsx`: the period's figures, one row per member and metric.
pub fn period(site: &Site, id: PeriodId) -> Result<Vec<u8>, XlsxError> {
    let language = site.config.language;
    let period_title = site
        .periods
        .get(&id)
        .map(|p| p.title.clone())
        .unwrap_or_else(|| id.default_title(language));
    let title = format!("{} – {}", site.config.title, period_title);
    let mut workbook = workbook(site, id, &title);
    let sheet = workbook.add_worksheet();
    sheet.set_name(t("xlsx-sheet-figures", language))?;
    sheet.write_string_with_format(0, 0, &title, &Format::new().set_bold())?;
    let labels = [
        "xlsx-number",
        "xlsx-association",
        "xlsx-association-slug",
        "xlsx-metric",
        "xlsx-metric-key",
        "xlsx-unit",
        "xlsx-value",
        "xlsx-previous",
        "xlsx-target-next",
        "xlsx-sample",
    ]
    .map(|id| t(id, language));
    header(sheet, 2, &labels)?;
    for (col, width) in [6.0, 36.0, 22.0, 36.0, 22.0, 12.0, 14.0, 14.0, 14.0, 10.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(3, 0)?;
    let mut row = 3u32;
    let preceding = id.preceding();
    for association in &site.associations {
        let Some(achievement) = association.achievements.get(&id) else {
            continue;
        };
        for (key, value) in &achievement.values {
            let def = site.metric_def(association, key);
            sheet.write_number(row, 0, f64::from(row - 2))?;
            sheet.write_string(row, 1, &association.name)?;
            sheet.write_string(row, 2, association.slug.as_str())?;
            sheet.write_string(row, 3, def.map_or("", |d| d.label.as_str()))?;
            sheet.write_string(row, 4, key)?;
            sheet.write_string(row, 5, def.and_then(|d| d.unit.as_deref()).unwrap_or(""))?;
            if let Some(value) = value {
                write_number(sheet, row, 6, *value)?;
            }
            let previous = preceding
                .and_then(|p| association.achievements.get(&p))
                .and_then(|a| a.values.get(key).copied().flatten());
            if let Some(previous) = previous {
                write_number(sheet, row, 7, previous)?;
            }
            if let Some(target) = achievement.targets.get(key) {
                write_number(sheet, row, 8, *target)?;
            }
            if achievement.sample.covers(key) {
                sheet.write_string(row, 9, t("xlsx-yes", language))?;
            }
            row += 1;
        }
    }
    workbook.save_to_buffer()
}

/// `scoring/<period>/bang-diem-<period>.xlsx`: the table in rank order with the maximum of every
/// criterion first, and the criteria on a second sheet.
pub fn scoring(site: &Site, scoring: &Scoring, title: &str) -> Result<Vec<u8>, XlsxError> {
    let language = site.config.language;
    let mut workbook = workbook(site, scoring.period, title);
    let criteria: Vec<_> = scoring.groups.iter().flat_map(|g| &g.criteria).collect();
    let sheet = workbook.add_worksheet();
    sheet.set_name(t("xlsx-sheet-scores", language))?;
    sheet.write_string_with_format(0, 0, title, &Format::new().set_bold())?;
    let mut labels = vec![
        t("xlsx-number", language),
        t("xlsx-association", language),
        t("xlsx-association-slug", language),
    ];
    labels.extend(criteria.iter().map(|c| c.id.clone()));
    let tail = criteria.len() as u16 + 3;
    labels.extend(
        ["xlsx-adjustments", "xlsx-total", "xlsx-rank", "xlsx-award"].map(|id| t(id, language)),
    );
    header(sheet, 2, &labels)?;
    sheet.set_column_width(0, 6.0)?;
    sheet.set_column_width(1, 36.0)?;
    sheet.set_column_width(2, 22.0)?;
    sheet.set_column_width(tail + 3, 36.0)?;
    sheet.set_freeze_panes(3, 3)?;
    let italic = Format::new().set_italic();
    sheet.write_string_with_format(3, 1, t("xlsx-max", language), &italic)?;
    for (i, c) in criteria.iter().enumerate() {
        write_number(sheet, 3, 3 + i as u16, c.max)?;
    }
    write_number(sheet, 3, tail + 1, scoring.max_total())?;
    for (n, line) in scoring.rows.iter().enumerate() {
        let row = 4 + n as u32;
        let name = site
            .association(&line.association)
            .map_or(line.association.as_str(), |a| a.name.as_str());
        sheet.write_number(row, 0, (n + 1) as f64)?;
        sheet.write_string(row, 1, name)?;
        sheet.write_string(row, 2, line.association.as_str())?;
        for (i, score) in line.scores.iter().enumerate() {
            write_number(sheet, row, 3 + i as u16, *score)?;
        }
        if !line.adjustments.is_empty() {
            let total: Decimal = line.adjustments.iter().map(|a| a.points).sum();
            write_number(sheet, row, tail, total)?;
        }
        write_number(sheet, row, tail + 1, line.total)?;
        sheet.write_number(row, tail + 2, line.rank as f64)?;
        if let Some(award) = &line.award {
            sheet.write_string(row, tail + 3, award)?;
        }
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name(t("xlsx-sheet-criteria", language))?;
    header(
        sheet,
        0,
        &[
            "xlsx-group",
            "xlsx-criterion-id",
            "xlsx-criterion",
            "xlsx-max",
        ]
        .map(|id| t(id, language)),
    )?;
    sheet.set_column_width(0, 40.0)?;
    sheet.set_column_width(2, 70.0)?;
    let mut row = 1u32;
    for group in &scoring.groups {
        for criterion in &group.criteria {
            sheet.write_string(row, 0, &group.title)?;
            sheet.write_string(row, 1, &criterion.id)?;
            sheet.write_string(row, 2, &criterion.title)?;
            write_number(sheet, row, 3, criterion.max)?;
            row += 1;
        }
    }
    workbook.save_to_buffer()
}
