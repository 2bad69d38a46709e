//! Reads returned forms. Every cell that will become a figure is checked before anything is
//! written: the workbook must be a form of this site (its hidden `blocpress` sheet says so), its
//! labels must still be where the form put them (no row or column deleted or moved), no merged
//! or hidden cell may hide an input, a formula must carry its computed value, and each value must
//! be a number of the metric's kind within its range. Refusals name `file!sheet!cell`.

use std::collections::HashMap;
use std::io::BufReader;
use std::path::Path;
use std::str::FromStr;

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use indexmap::IndexMap;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use super::export::{COL_LABEL, COL_NEXT, COL_NOTE, COL_RESULT, HEADER_ROW};
use super::{FORM_VERSION, META_SHEET, cell_name};
use crate::config::{MetricDef, MetricKind};
use crate::diagnostics::Diagnostic;
use crate::i18n::Language;
use crate::model::Site;
use crate::period::PeriodId;
use crate::slug::Slug;

/// A member's returned form, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct AchievementReturn {
    pub member: Slug,
    pub period: PeriodId,
    /// In form order: metric key → result (`None`: left empty).
    pub values: Vec<(String, Option<Decimal>)>,
    pub targets: Vec<(String, Option<Decimal>)>,
    pub notes: Vec<(String, Option<String>)>,
    pub summary: Option<String>,
    pub highlights: Vec<String>,
    pub plans: Vec<String>,
}

/// The scoring grid, read and checked: scores per member and criterion id.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoringReturn {
    pub period: PeriodId,
    /// The period whose scoring file gave the criteria (used when `period` has none yet).
    pub criteria_from: PeriodId,
    pub self_scores: IndexMap<String, IndexMap<String, Decimal>>,
    pub scores: IndexMap<String, IndexMap<String, Decimal>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FormReturn {
    Achievement(AchievementReturn),
    Scoring(ScoringReturn),
}

impl FormReturn {
    /// What the form fills: two forms for the same thing in one import are refused.
    pub fn target(&self) -> String {
        match self {
            FormReturn::Achievement(a) => format!("{}/{}", a.member, a.period),
            FormReturn::Scoring(s) => format!("scoring/{}", s.period),
        }
    }
}

/// The hidden sheet as rows of text.
struct Meta {
    rows: Vec<Vec<String>>,
}

impl Meta {
    fn value(&self, name: &str) -> Option<&str> {
        self.rows
            .iter()
            .find(|r| r.first().map(String::as_str) == Some(name))
            .and_then(|r| r.get(1))
            .map(String::as_str)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [String]> + 'a {
        self.rows
            .iter()
            .filter(move |r| r.first().map(String::as_str) == Some(name))
            .map(|r| &r[1..])
    }
}

/// One worksheet's cached values, formulas, merged regions and hidden rows and columns.
struct Sheet {
    /// `file!sheet!` prefix of cell references.
    prefix: String,
    values: Range<Data>,
    formulas: Range<String>,
    merged: Vec<calamine::Dimensions>,
    hidden_rows: Vec<u32>,
    hidden_cols: Vec<u32>,
    styles: calamine::StyleRange,
}

impl Sheet {
    /// Whether the cell shows its value as a percentage (`95,5%` typed in Excel is stored as
    /// 0.955 with a `%` format).
    fn shows_percent(&self, row: u32, col: u16) -> bool {
        self.styles
            .get((row, col as u32))
            .and_then(|s| s.number_format.as_ref())
            .is_some_and(|f| {
                // `%` outside quoted literals.
                f.format_code
                    .split('"')
                    .step_by(2)
                    .any(|part| part.contains('%'))
            })
    }

    fn at(&self, row: u32, col: u16) -> String {
        format!("{}{}", self.prefix, cell_name(row, col))
    }

    fn diagnostic(&self, row: u32, col: u16, code: &'static str) -> Diagnostic {
        Diagnostic::new(self.at(row, col), code)
    }

    /// Whether the cell still holds the text the export wrote there; `code` when not (E354 a
    /// heading, E355 a row's label: a row inserted or deleted above would put every figure
    /// below on the wrong line, so that row is not read).
    fn holds(
        &self,
        row: u32,
        col: u16,
        expected: &str,
        code: &'static str,
        problems: &mut Vec<Diagnostic>,
    ) -> bool {
        let found = self.text(row, col);
        if found == expected.trim() {
            return true;
        }
        problems.push(
            self.diagnostic(row, col, code)
                .arg("expected", expected)
                .arg("found", found),
        );
        false
    }

    fn text(&self, row: u32, col: u16) -> String {
        match self.values.get_value((row, col as u32)) {
            Some(Data::String(s)) => s.trim().to_string(),
            Some(Data::Empty) | None => String::new(),
            Some(other) => other.to_string().trim().to_string(),
        }
    }

    fn formula(&self, row: u32, col: u16) -> Option<&str> {
        self.formulas
            .get_value((row, col as u32))
            .map(String::as_str)
            .filter(|f| !f.trim().is_empty())
    }

    /// An input cell must show its value: not inside a merged region other than the form's own,
    /// not in a hidden row or column.
    fn check_visible(
        &self,
        row: u32,
        col: u16,
        own_merge: Option<(u16, u16)>,
    ) -> Result<(), Diagnostic> {
        for region in &self.merged {
            let inside = (region.start.0..=region.end.0).contains(&row)
                && (region.start.1..=region.end.1).contains(&(col as u32));
            let own = own_merge.is_some_and(|(first, last)| {
                region.start == (row, first as u32) && region.end == (row, last as u32)
            });
            if inside && !own {
                let (r, c) = region.start;
                return Err(self.diagnostic(row, col, "E356").arg(
                    "range",
                    format!(
                        "{}:{}",
                        cell_name(r, c as u16),
                        cell_name(region.end.0, region.end.1 as u16)
                    ),
                ));
            }
        }
        if self.hidden_rows.contains(&row) || self.hidden_cols.contains(&(col as u32)) {
            return Err(self.diagnostic(row, col, "E357"));
        }
        Ok(())
    }

    /// A number cell: empty, or a number (a formula's cached value counts). Text is refused
    /// with the number it most likely meant.
    fn number(&self, row: u32, col: u16) -> Result<Option<Decimal>, Diagnostic> {
        let value = self
            .values
            .get_value((row, col as u32))
            .unwrap_or(&Data::Empty);
        let decimal = |f: f64| {
            Decimal::from_str(&f.to_string())
                .ok()
                .or_else(|| Decimal::from_f64(f))
                .map(|d| d.round_dp(6).normalize())
        };
        match value {
            Data::Empty => match self.formula(row, col) {
                Some(formula) => Err(self
                    .diagnostic(row, col, "E358")
                    .arg("formula", format!("={formula}"))),
                None => Ok(None),
            },
            Data::Int(i) => Ok(Some(Decimal::from(*i))),
            Data::Float(f) if f.is_finite() => Ok(decimal(*f)),
            Data::String(s) if s.trim().is_empty() => Ok(None),
            Data::String(s) => Err(text_in_number(self.at(row, col), s.trim())),
            other => Err(self
                .diagnostic(row, col, "E359")
                .arg("text", other.to_string())
                .arg("fix", String::new())),
        }
    }

    /// A text cell: what a person typed, numbers included; `None` when empty.
    fn input_text(&self, row: u32, col: u16) -> Result<Option<String>, Diagnostic> {
        let value = self
            .values
            .get_value((row, col as u32))
            .unwrap_or(&Data::Empty);
        match value {
            Data::Empty => match self.formula(row, col) {
                Some(formula) => Err(self
                    .diagnostic(row, col, "E358")
                    .arg("formula", format!("={formula}"))),
                None => Ok(None),
            },
            Data::String(s) => Ok(Some(clean_text(s)).filter(|s| !s.is_empty())),
            other => Ok(Some(other.to_string()).filter(|s| !s.is_empty())),
        }
    }
}

/// Cell text as it goes into YAML: line breaks unified, trailing spaces dropped.
fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// `1.080` typed as text (thousands dots), `95,5` (decimal comma), or other text.
fn text_in_number(at: String, text: &str) -> Diagnostic {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut groups = text.split('.');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    let thousands = !rest.is_empty()
        && (1..=3).contains(&first.len())
        && digits(first)
        && rest.iter().all(|g| g.len() == 3 && digits(g));
    if thousands {
        return Diagnostic::new(at, "E360")
            .arg("text", text)
            .arg("fix", text.replace('.', ""));
    }
    if let Some((whole, fraction)) = text.split_once(',')
        && digits(&whole.replace('.', ""))
        && digits(fraction)
    {
        return Diagnostic::new(at, "E361")
            .arg("text", text)
            .arg("fix", format!("{}.{fraction}", whole.replace('.', "")));
    }
    let fix = Decimal::from_str(text)
        .map(|d| d.normalize().to_string())
        .unwrap_or_default();
    Diagnostic::new(at, "E359")
        .arg("text", text)
        .arg("fix", fix)
}

/// Reads one returned form. `shown` is the file as the person named it (for messages).
pub fn read_form(site: &Site, path: &Path, shown: &str) -> Result<FormReturn, Vec<Diagnostic>> {
    let mut workbook: Xlsx<BufReader<std::fs::File>> =
        open_workbook(path).map_err(|e: calamine::XlsxError| {
            vec![Diagnostic::new(shown, "E350").arg("error", e.to_string())]
        })?;
    let meta_range = workbook
        .worksheet_range(META_SHEET)
        .map_err(|_| vec![Diagnostic::new(shown, "E351")])?;
    let meta = Meta {
        rows: meta_range
            .rows()
            .map(|r| r.iter().map(|c| c.to_string().trim().to_string()).collect())
            .collect(),
    };
    let meta_at = |name: &str| {
        let row = meta
            .rows
            .iter()
            .position(|r| r.first().map(String::as_str) == Some(name))
            .unwrap_or(0);
        format!("{shown}!{META_SHEET}!{}", cell_name(row as u32, 1))
    };
    if meta.value("version") != Some(FORM_VERSION) {
        return Err(vec![Diagnostic::new(shown, "E351")]);
    }
    let form_site = meta.value("site").unwrap_or("");
    if form_site != site.config.base_url {
        return Err(vec![
            Diagnostic::new(meta_at("site"), "E352")
                .arg("form_site", meta.value("site_title").unwrap_or(form_site))
                .arg("site", site.config.title.as_str()),
        ]);
    }
    let period: PeriodId = meta
        .value("period")
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| vec![Diagnostic::new(shown, "E351")])?;
    let sheet_name = meta.value("sheet").unwrap_or("").to_string();
    let values = workbook
        .worksheet_range(&sheet_name)
        .map_err(|_| vec![Diagnostic::new(shown, "E366").arg("sheet", sheet_name.as_str())])?;
    let formulas = workbook.worksheet_formula(&sheet_name).unwrap_or_default();
    let merged = workbook
        .merge_cells_by_sheet_name(&sheet_name)
        .unwrap_or_default();
    let (hidden_rows, hidden_cols) = hidden::rows_and_columns(path, &sheet_name);
    let styles = workbook
        .worksheet_style(&sheet_name)
        .unwrap_or_else(|_| calamine::StyleRange::empty());
    let sheet = Sheet {
        prefix: format!("{shown}!{sheet_name}!"),
        values,
        formulas,
        merged,
        hidden_rows,
        hidden_cols,
        styles,
    };
    match meta.value("form") {
        Some("achievement") => read_achievement(site, &meta, &sheet, period, &meta_at("member"))
            .map(FormReturn::Achievement),
        Some("scoring") => read_scoring(&meta, &sheet, period).map(FormReturn::Scoring),
        _ => Err(vec![Diagnostic::new(shown, "E351")]),
    }
}

fn number_of(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

/// The visible headings must be where the form put them (a deleted or moved column shifts them).
fn check_headers(meta: &Meta, sheet: &Sheet, default_row: Option<u32>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for fields in meta.all("header") {
        // Achievement forms: [col, text]; scoring grids: [row, col, text].
        let (row, col, expected) = match (default_row, fields) {
            (Some(row), [col, text, ..]) => (Some(row), number_of(col), text),
            (None, [row, col, text, ..]) => (number_of(row), number_of(col), text),
            _ => continue,
        };
        let (Some(row), Some(col)) = (row, col) else {
            continue;
        };
        sheet.holds(row, col as u16, expected, "E354", &mut problems);
    }
    problems
}

fn read_achievement(
    site: &Site,
    meta: &Meta,
    sheet: &Sheet,
    period: PeriodId,
    member_cell: &str,
) -> Result<AchievementReturn, Vec<Diagnostic>> {
    let slug = meta.value("member").unwrap_or("");
    let member = Slug::parse(slug)
        .ok()
        .and_then(|s| site.association(&s))
        .ok_or_else(|| vec![Diagnostic::new(member_cell, "E353").arg("member", slug)])?;
    let mut problems = check_headers(meta, sheet, Some(HEADER_ROW));
    // Rows: each metric's label must still be on its row.
    let mut rows: Vec<(u32, &str, &MetricDef)> = Vec::new();
    for fields in meta.all("metric") {
        let [row, key, label, ..] = fields else {
            continue;
        };
        let Some(row) = number_of(row) else { continue };
        if !sheet.holds(row, COL_LABEL, label, "E355", &mut problems) {
            continue;
        }
        match site.metric_def(member, key) {
            Some(def) => rows.push((row, key.as_str(), def)),
            None => problems.push(
                sheet
                    .diagnostic(row, COL_LABEL, "E372")
                    .arg("key", key.as_str()),
            ),
        }
    }
    let mut sections: HashMap<&str, (u32, u32)> = HashMap::new();
    for fields in meta.all("section") {
        let [name, header, first, last, title, ..] = fields else {
            continue;
        };
        let (Some(header), Some(first), Some(last)) =
            (number_of(header), number_of(first), number_of(last))
        else {
            continue;
        };
        if !sheet.holds(header, 0, title, "E355", &mut problems) {
            continue;
        }
        sections.insert(name.as_str(), (first, last));
    }
    if !problems.is_empty() {
        // The layout moved: reading values now would put them under the wrong metric.
        return Err(problems);
    }

    let mut form = AchievementReturn {
        member: member.slug.clone(),
        period,
        values: Vec::new(),
        targets: Vec::new(),
        notes: Vec::new(),
        summary: None,
        highlights: Vec::new(),
        plans: Vec::new(),
    };
    let language = site.config.language;
    for (row, key, def) in rows {
        for col in [COL_RESULT, COL_NEXT, COL_NOTE] {
            if let Err(d) = sheet.check_visible(row, col, None) {
                problems.push(d);
            }
        }
        let mut figure = |col: u16| match sheet.number(row, col) {
            Ok(value) => {
                let value = match value {
                    Some(v)
                        if def.kind() == MetricKind::Percent && sheet.shows_percent(row, col) =>
                    {
                        Some((v * Decimal::from(100)).round_dp(6).normalize())
                    }
                    other => other,
                };
                match value.map(|v| check_kind(sheet, row, col, v, def, language)) {
                    Some(Err(d)) => {
                        problems.push(d);
                        None
                    }
                    _ => value,
                }
            }
            Err(d) => {
                problems.push(d);
                None
            }
        };
        let value = figure(COL_RESULT);
        let target = figure(COL_NEXT);
        form.values.push((key.to_string(), value));
        form.targets.push((key.to_string(), target));
        match sheet.input_text(row, COL_NOTE) {
            Ok(note) => form.notes.push((key.to_string(), note)),
            Err(d) => problems.push(d),
        }
    }
    for (name, (first, last)) in sections {
        let mut items = Vec::new();
        for row in first..=last {
            if let Err(d) = sheet.check_visible(row, COL_LABEL, Some((COL_LABEL, COL_NOTE))) {
                problems.push(d);
            }
            match sheet.input_text(row, COL_LABEL) {
                Ok(Some(text)) => items.push(text),
                Ok(None) => {}
                Err(d) => problems.push(d),
            }
        }
        match name {
            "summary" => form.summary = (!items.is_empty()).then(|| items.join("\n\n")),
            "highlights" => form.highlights = items,
            "plans" => form.plans = items,
            _ => {}
        }
    }
    if problems.is_empty() {
        Ok(form)
    } else {
        Err(problems)
    }
}

/// A figure must suit its metric: whole for counts, within `min`..`max` (0–100 for percent).
fn check_kind(
    sheet: &Sheet,
    row: u32,
    col: u16,
    value: Decimal,
    def: &MetricDef,
    language: Language,
) -> Result<(), Diagnostic> {
    let shown = crate::i18n::format_decimal(value, language);
    if def.kind() == MetricKind::Count && !value.fract().is_zero() {
        return Err(sheet
            .diagnostic(row, col, "E362")
            .arg("value", shown)
            .arg("metric", def.label.trim()));
    }
    let min = Decimal::from_f64(def.min()).unwrap_or_default();
    let max = def.max().and_then(Decimal::from_f64);
    if value < min || max.is_some_and(|m| value > m) {
        let fmt = |d: Decimal| crate::i18n::format_decimal(d.normalize(), language);
        return Err(sheet
            .diagnostic(row, col, "E363")
            .arg("value", shown)
            .arg("metric", def.label.trim())
            .arg("min", fmt(min))
            .arg("max", max.map_or_else(|| "∞".to_string(), fmt)));
    }
    Ok(())
}

fn read_scoring(
    meta: &Meta,
    sheet: &Sheet,
    period: PeriodId,
) -> Result<ScoringReturn, Vec<Diagnostic>> {
    let mut problems = check_headers(meta, sheet, None);
    let mut criteria: Vec<(u32, &str, Decimal)> = Vec::new();
    for fields in meta.all("criterion") {
        let [row, id, max, ..] = fields else { continue };
        let (Some(row), Ok(max)) = (number_of(row), Decimal::from_str(max)) else {
            continue;
        };
        if !sheet.holds(row, 0, id, "E355", &mut problems) {
            continue;
        }
        criteria.push((row, id.as_str(), max));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let criteria_from = meta
        .value("criteria_from")
        .and_then(|p| p.parse().ok())
        .unwrap_or(period);
    let mut form = ScoringReturn {
        period,
        criteria_from,
        self_scores: IndexMap::new(),
        scores: IndexMap::new(),
    };
    for fields in meta.all("member") {
        let [col, slug, kind, ..] = fields else {
            continue;
        };
        let Some(col) = number_of(col) else { continue };
        let col = col as u16;
        let mut column = IndexMap::new();
        let mut empty = Vec::new();
        for (row, id, max) in &criteria {
            if let Err(d) = sheet.check_visible(*row, col, None) {
                problems.push(d);
                continue;
            }
            match sheet.number(*row, col) {
                Ok(None) => empty.push(*row),
                Ok(Some(value)) => {
                    if value.scale() > 2 {
                        problems.push(
                            sheet
                                .diagnostic(*row, col, "E371")
                                .arg("value", value.to_string()),
                        );
                    } else if value < Decimal::ZERO || value > *max {
                        problems.push(
                            sheet
                                .diagnostic(*row, col, "E363")
                                .arg("value", value.to_string())
                                .arg("metric", id.to_string())
                                .arg("min", "0")
                                .arg("max", max.normalize().to_string()),
                        );
                    } else {
                        column.insert(id.to_string(), value);
                    }
                }
                Err(d) => problems.push(d),
            }
        }
        // A column is left empty (member not scored yet) or filled completely.
        if !column.is_empty() {
            for row in empty {
                problems.push(sheet.diagnostic(row, col, "E365"));
            }
            let target = if kind == "self" {
                &mut form.self_scores
            } else {
                &mut form.scores
            };
            target.insert(slug.clone(), column);
        }
    }
    if problems.is_empty() {
        Ok(form)
    } else {
        Err(problems)
    }
}

/// Hidden rows and columns, read from the worksheet's XML (calamine does not report them).
mod hidden {
    use std::io::Read;
    use std::path::Path;

    /// 0-based hidden rows and columns of `sheet`; empty when anything cannot be read.
    pub fn rows_and_columns(path: &Path, sheet: &str) -> (Vec<u32>, Vec<u32>) {
        read(path, sheet).unwrap_or_default()
    }

    fn read(path: &Path, sheet: &str) -> Option<(Vec<u32>, Vec<u32>)> {
        let file = std::fs::File::open(path).ok()?;
        let mut zip = zip::ZipArchive::new(file).ok()?;
        let text = |zip: &mut zip::ZipArchive<std::fs::File>, name: &str| -> Option<String> {
            let mut entry = zip.by_name(name).ok()?;
            let mut s = String::new();
            entry.read_to_string(&mut s).ok()?;
            Some(s)
        };
        let workbook = text(&mut zip, "xl/workbook.xml")?;
        let rels = text(&mut zip, "xl/_rels/workbook.xml.rels")?;
        let id = elements(&workbook, "sheet")
            .find(|e| attr(e, "name").as_deref() == Some(&escape(sheet)))
            .and_then(|e| attr(e, "r:id"))?;
        let target = elements(&rels, "Relationship")
            .find(|e| attr(e, "Id").as_deref() == Some(id.as_str()))
            .and_then(|e| attr(e, "Target"))?;
        let target = target.trim_start_matches('/');
        let name = if target.starts_with("xl/") {
            target.to_string()
        } else {
            format!("xl/{target}")
        };
        let xml = text(&mut zip, &name)?;
        let hidden = |e: &str| matches!(attr(e, "hidden").as_deref(), Some("1" | "true"));
        let rows = elements(&xml, "row")
            .filter(|e| hidden(e))
            .filter_map(|e| attr(e, "r")?.parse::<u32>().ok())
            .map(|r| r - 1)
            .collect();
        let mut cols = Vec::new();
        for e in elements(&xml, "col").filter(|e| hidden(e)) {
            let min: u32 = attr(e, "min").and_then(|v| v.parse().ok()).unwrap_or(1);
            let max: u32 = attr(e, "max").and_then(|v| v.parse().ok()).unwrap_or(min);
            cols.extend((min..=max.min(min + 16_384)).map(|c| c - 1));
        }
        Some((rows, cols))
    }

    /// The start tags `<name …>` of `xml` (with or without a namespace prefix).
    fn elements<'a>(xml: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        xml.split('<').filter_map(move |part| {
            let tag = part.split('>').next()?;
            let local = tag.split([' ', '/', '\t', '\n', '\r']).next()?;
            let local = local.rsplit(':').next()?;
            (local == name).then_some(tag)
        })
    }

    fn attr(tag: &str, name: &str) -> Option<String> {
        let mut rest = tag;
        while let Some(i) = rest.find(name) {
            let before = rest[..i].chars().last();
            let after = &rest[i + name.len()..];
            if before.is_some_and(char::is_whitespace) && after.trim_start().starts_with('=') {
                let after = after.trim_start()[1..].trim_start();
                let quote = after.chars().next()?;
                let value = &after[1..];
                let end = value.find(quote)?;
                return Some(value[..end].to_string());
            }
            rest = after;
        }
        None
    }

    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_numbers_say_what_to_type() {
        let d = text_in_number("f!S!G7".into(), "1.080");
        assert_eq!(d.code(), "E360");
        assert!(
            d.text(Language::En).contains("1080"),
            "{}",
            d.text(Language::En)
        );
        let d = text_in_number("f!S!G7".into(), "95,5");
        assert_eq!(d.code(), "E361");
        assert!(d.text(Language::En).contains("95.5"));
        assert_eq!(text_in_number("x".into(), "nhiều").code(), "E359");
    }

    #[test]
    fn cell_text_is_cleaned() {
        assert_eq!(clean_text(" a  \r\nb \r"), "a\nb");
    }
}
