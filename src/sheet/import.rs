//! Reads returned forms. Every cell that will become a figure is checked before anything is
//! written: the workbook must be a form this site issued (its hidden `blocpress` sheet carries
//! an id recorded in `forms.yaml` for the same member and period, and its visible heading names
//! that member), its labels must still be where the form put them (no row or column deleted or
//! moved), no merged or hidden cell may hide an input, a formula must carry its computed value,
//! and each value must be a number of the metric's kind within its range. A cell left empty
//! keeps what the site holds; a cell holding only `-` removes it. Refusals name
//! `file!sheet!cell`. The file itself is read by [`super::xlsx`], which bounds what any file
//! can make it read.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Seek};
use std::path::Path;
use std::str::FromStr;

use indexmap::IndexMap;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use super::export::{
    COL_LABEL, COL_NEXT, COL_NOTE, COL_QUALIFIER, COL_RESULT, HEADER_ROW, LAST_COL, MEMBER_ROW,
};
use super::registry::{Kind, Registry};
use super::xlsx::{self, Area, Book, Grid, ReadError, Value};
use super::{FORM_VERSION, META_SHEET, cell_name};
use crate::config::{MetricDef, MetricKind, ValueProblem};
use crate::diagnostics::Diagnostic;
use crate::i18n::Language;
use crate::messages::Message;
use crate::model::{Qualifier, Site};
use crate::period::PeriodId;
use crate::slug::Slug;

/// What a person did with one input cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Input<T> {
    /// Left empty: the site keeps what it holds.
    Empty,
    /// Only `-`: the stored value is removed.
    Remove,
    Set(T),
}

/// One metric's row of a returned form.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureInput {
    pub key: String,
    /// 0-based row of the form.
    pub row: u32,
    pub value: Input<Decimal>,
    /// The approximate word beside a value that is set.
    pub qualifier: Option<Qualifier>,
    pub target: Input<Decimal>,
    pub note: Input<String>,
}

/// One text cell (the summary, a highlight, a plan) and its name (`B15`).
#[derive(Debug, Clone, PartialEq)]
pub struct TextInput {
    pub cell: String,
    pub input: Input<String>,
}

/// A member's returned form, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct AchievementReturn {
    pub member: Slug,
    pub period: PeriodId,
    /// In form order.
    pub figures: Vec<FigureInput>,
    pub summary: Vec<TextInput>,
    pub highlights: Vec<TextInput>,
    pub plans: Vec<TextInput>,
}

/// The scoring grid, read and checked: scores per member and criterion id.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoringReturn {
    pub period: PeriodId,
    /// The period whose scoring file gave the criteria (used when `period` has none yet).
    pub criteria_from: PeriodId,
    pub self_scores: IndexMap<String, IndexMap<String, Decimal>>,
    pub scores: IndexMap<String, IndexMap<String, Decimal>>,
    /// A cross-scoring sheet's scorer (`sheet export --scoring --cross`): its columns fill
    /// `cross_scores.<scorer>`, in [`ScoringReturn::cross`].
    pub scorer: Option<String>,
    /// The scorer's scores per scored member and criterion id.
    pub cross: IndexMap<String, IndexMap<String, Decimal>>,
    /// Members whose whole column holds `-`: (`self_scores`, `scores` or `cross_scores`,
    /// member).
    pub removed: Vec<(&'static str, String)>,
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
            FormReturn::Scoring(s) => match &s.scorer {
                Some(scorer) => format!("scoring/{}/cross/{scorer}", s.period),
                None => format!("scoring/{}", s.period),
            },
        }
    }
}

/// A form read and checked, with the warnings about what was changed on the way in (a
/// character XML forbids, replaced).
#[derive(Debug, Clone)]
pub struct Returned {
    pub form: FormReturn,
    pub warnings: Vec<Diagnostic>,
}

/// The hidden sheet as rows of text, with their 0-based row numbers.
struct Meta {
    rows: Vec<(u32, Vec<String>)>,
}

impl Meta {
    fn row(&self, name: &str) -> Option<&(u32, Vec<String>)> {
        self.rows
            .iter()
            .find(|(_, r)| r.first().map(String::as_str) == Some(name))
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.row(name)
            .and_then(|(_, r)| r.get(1))
            .map(String::as_str)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [String]> + 'a {
        self.rows
            .iter()
            .filter(move |(_, r)| r.first().map(String::as_str) == Some(name))
            .map(|(_, r)| &r[1..])
    }
}

/// A cell's text as a person reads it: numbers without a trailing `.0`.
fn shown(value: &Value) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Number(n) => number_text(*n),
        Value::Text(t) => t.clone(),
        Value::Bool(b) => b.to_string().to_uppercase(),
        Value::Error(e) => e.clone(),
    }
}

fn number_text(n: f64) -> String {
    decimal(n).map_or_else(|| n.to_string(), |d| d.to_string())
}

/// A stored number as the shortest decimal that gives it back (`0.955`, not
/// `0.95499999999999996`), to six places.
fn decimal(f: f64) -> Option<Decimal> {
    Decimal::from_str(&f.to_string())
        .ok()
        .or_else(|| Decimal::from_f64(f))
        .map(|d| d.round_dp(6).normalize())
}

/// A text cell holding only a dash (what people type to mean "none").
fn is_dash(text: &str) -> bool {
    matches!(text.trim(), "-" | "\u{2013}" | "\u{2014}")
}

/// The data sheet of a form.
struct Sheet {
    /// `file!sheet!` prefix of cell references.
    prefix: String,
    grid: Grid,
}

impl Sheet {
    fn at(&self, row: u32, col: u16) -> String {
        format!("{}{}", self.prefix, cell_name(row, col))
    }

    fn diagnostic(&self, row: u32, col: u16, code: &'static str) -> Diagnostic {
        Diagnostic::new(self.at(row, col), code)
    }

    fn value(&self, row: u32, col: u16) -> &Value {
        self.grid.get(row, col).map_or(&Value::Empty, |c| &c.value)
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
        shown(self.value(row, col)).trim().to_string()
    }

    /// A formula without its computed value (E358), or nothing.
    fn uncomputed(&self, row: u32, col: u16) -> Option<Diagnostic> {
        let cell = self.grid.get(row, col)?;
        let formula = cell.formula.as_deref()?;
        (cell.value == Value::Empty).then(|| {
            self.diagnostic(row, col, "E358")
                .arg("formula", format!("={formula}"))
        })
    }

    /// An input cell must show its value: not inside a merged region other than the form's own,
    /// not in a hidden row or column.
    fn check_visible(
        &self,
        row: u32,
        col: u16,
        own_merge: Option<(u16, u16)>,
    ) -> Result<(), Diagnostic> {
        for region in &self.grid.merged {
            let own = own_merge.is_some_and(|(first, last)| {
                region.first_row == row
                    && region.last_row == row
                    && region.first_col == first
                    && region.last_col == last
            });
            if region.contains(row, col) && !own {
                return Err(self.diagnostic(row, col, "E356").arg(
                    "range",
                    format!(
                        "{}:{}",
                        cell_name(region.first_row, region.first_col),
                        cell_name(region.last_row, region.last_col)
                    ),
                ));
            }
        }
        if self.grid.is_hidden(row, col) {
            return Err(self.diagnostic(row, col, "E357"));
        }
        Ok(())
    }

    /// A number cell: empty, `-`, or a number (a formula's cached value counts). Text is
    /// refused, naming `figure`, with the number it most likely meant.
    fn number(&self, row: u32, col: u16, figure: &str) -> Result<Input<Decimal>, Diagnostic> {
        if let Some(d) = self.uncomputed(row, col) {
            return Err(d);
        }
        match self.value(row, col) {
            Value::Empty => Ok(Input::Empty),
            Value::Number(f) => Ok(decimal(*f).map_or(Input::Empty, Input::Set)),
            Value::Text(s) if s.trim().is_empty() => Ok(Input::Empty),
            Value::Text(s) if is_dash(s) => Ok(Input::Remove),
            Value::Text(s) => Err(text_in_number(self.at(row, col), s.trim(), figure)),
            other => Err(self
                .diagnostic(row, col, "E359")
                .arg("metric", figure)
                .arg("text", shown(other))
                .arg("fix", String::new())),
        }
    }

    /// A text cell: what a person typed, numbers included. Characters XML forbids are
    /// replaced (the published .docx and .xlsx must stay readable), each cell with a warning.
    fn text_input(
        &self,
        row: u32,
        col: u16,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Input<String>, Diagnostic> {
        if let Some(d) = self.uncomputed(row, col) {
            return Err(d);
        }
        let text = match self.value(row, col) {
            Value::Empty => return Ok(Input::Empty),
            Value::Text(s) => clean_text(s),
            other => shown(other),
        };
        let (text, first) = hygienic(&text);
        if let Some(c) = first {
            warnings.push(
                self.diagnostic(row, col, "W351")
                    .arg("char", crate::hygiene::code_point(c)),
            );
        }
        Ok(if text.is_empty() {
            Input::Empty
        } else if is_dash(&text) {
            Input::Remove
        } else {
            Input::Set(text)
        })
    }
}

/// `text` with the characters XML 1.0 forbids replaced, and the first of them.
fn hygienic(text: &str) -> (String, Option<char>) {
    use crate::hygiene::{is_forbidden, replacement};
    let first = text.chars().find(|c| is_forbidden(*c));
    match first {
        None => (text.to_string(), None),
        Some(_) => (
            text.chars()
                .map(|c| if is_forbidden(c) { replacement(c) } else { c })
                .collect(),
            first,
        ),
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

/// `1.080` typed as text (thousands dots), `95,5` (decimal comma), or other text, in the cell
/// of `figure`.
fn text_in_number(at: String, text: &str, figure: &str) -> Diagnostic {
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
            .arg("metric", figure)
            .arg("text", text)
            .arg("fix", text.replace('.', ""));
    }
    if let Some((whole, fraction)) = text.split_once(',')
        && digits(&whole.replace('.', ""))
        && digits(fraction)
    {
        return Diagnostic::new(at, "E361")
            .arg("metric", figure)
            .arg("text", text)
            .arg("fix", format!("{}.{fraction}", whole.replace('.', "")));
    }
    let fix = Decimal::from_str(text)
        .map(|d| d.normalize().to_string())
        .unwrap_or_default();
    Diagnostic::new(at, "E359")
        .arg("metric", figure)
        .arg("text", text)
        .arg("fix", fix)
}

/// The diagnostic for a file the reader refused.
fn read_error(shown: &str, error: ReadError) -> Diagnostic {
    match error {
        ReadError::NotXlsx => Diagnostic::new(shown, "E350"),
        ReadError::FileTooBig { megabytes } => {
            Diagnostic::new(shown, "E379").arg("limit", megabytes.to_string())
        }
        ReadError::PartTooBig { part, megabytes } => Diagnostic::new(shown, "E380")
            .arg("part", part)
            .arg("limit", megabytes.to_string()),
        ReadError::Damaged { part, reason } => {
            let reason = match reason {
                xlsx::Damage::Missing => Message::new("sheet-damage-missing"),
                xlsx::Damage::Xml(at) => {
                    Message::new("sheet-damage-xml").arg("position", at.to_string())
                }
                xlsx::Damage::Reference(r) => {
                    Message::new("sheet-damage-reference").arg("reference", r)
                }
                xlsx::Damage::StringIndex(cell) => {
                    Message::new("sheet-damage-string").arg("cell", cell)
                }
            };
            Diagnostic::new(shown, "E382")
                .arg("part", part)
                .nested("reason", reason)
        }
        ReadError::Outside { sheet, cell } => {
            Diagnostic::new(format!("{shown}!{sheet}!{cell}"), "E381")
        }
        ReadError::NoSheet(name) if name == META_SHEET => Diagnostic::new(shown, "E351"),
        ReadError::NoSheet(name) => Diagnostic::new(shown, "E366").arg("sheet", name),
    }
}

/// The most rows and columns of a form's layout (a form has tens of rows).
const MAX_ROWS: u32 = 5_000;
const MAX_COLS: u16 = 2_000;

/// Reads one returned form. `shown` is the file as the person named it (for messages).
pub fn read_form(
    site: &Site,
    registry: &Registry,
    path: &Path,
    shown: &str,
) -> Result<Returned, Vec<Diagnostic>> {
    let book = Book::open_file(path, xlsx::LIMITS).map_err(|e| vec![read_error(shown, e)])?;
    read_book(site, registry, book, shown)
}

/// Reads a form held in memory (the fuzz target's way in).
pub fn read_bytes(
    site: &Site,
    registry: &Registry,
    bytes: &[u8],
    shown: &str,
) -> Result<Returned, Vec<Diagnostic>> {
    let book = Book::open(
        std::io::Cursor::new(bytes),
        bytes.len() as u64,
        xlsx::LIMITS,
    )
    .map_err(|e| vec![read_error(shown, e)])?;
    read_book(site, registry, book, shown)
}

fn read_book<R: Read + Seek>(
    site: &Site,
    registry: &Registry,
    mut book: Book<R>,
    shown: &str,
) -> Result<Returned, Vec<Diagnostic>> {
    let meta_area = Area {
        first_row: 0,
        first_col: 0,
        last_row: MAX_ROWS,
        last_col: 7,
    };
    let grid = book
        .sheet(META_SHEET, meta_area)
        .map_err(|e| vec![read_error(shown, e)])?;
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for ((row, col), cell) in grid.cells() {
        let cells = rows.entry(*row).or_default();
        if cells.len() <= *col as usize {
            cells.resize(*col as usize + 1, String::new());
        }
        cells[*col as usize] = shown_meta(&cell.value);
    }
    let meta = Meta {
        rows: rows.into_iter().collect(),
    };
    let meta_at = |name: &str| {
        let row = meta.row(name).map_or(0, |(r, _)| *r);
        format!("{shown}!{META_SHEET}!{}", cell_name(row, 1))
    };
    match meta.value("version") {
        Some(FORM_VERSION) => {}
        Some(older) if older.parse::<u32>().is_ok_and(|v| v < 2) => {
            return Err(vec![Diagnostic::new(shown, "E373")]);
        }
        _ => return Err(vec![Diagnostic::new(shown, "E351")]),
    }
    let form_site = meta.value("site").unwrap_or("");
    if form_site != site.config.base_url {
        let form_title = meta.value("site_title").unwrap_or(form_site);
        let same_title = form_title.trim() == site.config.title.trim();
        return Err(vec![
            Diagnostic::new(meta_at("site"), "E352")
                .arg("form_site", form_title)
                .arg("form_url", form_site)
                .arg("site", site.config.title.as_str())
                .arg("site_url", site.config.base_url.as_str())
                .arg("same", if same_title { "yes" } else { "no" }),
        ]);
    }
    let period: PeriodId = meta
        .value("period")
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| vec![Diagnostic::new(shown, "E351")])?;
    let kind = match meta.value("form") {
        Some("achievement") => Kind::Achievement,
        Some("scoring") => Kind::Scoring,
        _ => return Err(vec![Diagnostic::new(shown, "E351")]),
    };

    // Issued by this site, to this member, for this period.
    let id = meta.value("form_id").unwrap_or("");
    let Some(issued) = registry.find(id).filter(|_| !id.is_empty()) else {
        return Err(vec![
            Diagnostic::new(meta_at("form_id"), "E374").arg("id", id),
        ]);
    };
    // The member a form was issued to: a member's form of figures, a scorer's cross sheet.
    let member = match kind {
        Kind::Achievement => meta.value("member"),
        Kind::Scoring => meta.value("scorer"),
    };
    let describe = |member: Option<&str>, period: &str| match member {
        Some(member) => format!("{member}, {period}"),
        None => period.to_string(),
    };
    if issued.kind != kind
        || issued.period != period.to_string()
        || issued.member.as_deref() != member
    {
        let at = if issued.member.as_deref() != member {
            meta_at(if kind == Kind::Scoring {
                "scorer"
            } else {
                "member"
            })
        } else {
            meta_at("period")
        };
        return Err(vec![
            Diagnostic::new(at, "E375")
                .arg("issued", describe(issued.member.as_deref(), &issued.period))
                .arg("found", describe(member, &period.to_string()))
                .arg("date", issued.date.as_str()),
        ]);
    }

    let sheet_name = meta.value("sheet").unwrap_or("").to_string();
    let area = data_area(&meta, kind);
    let grid = book
        .sheet(&sheet_name, area)
        .map_err(|e| vec![read_error(shown, e)])?;
    let sheet = Sheet {
        prefix: format!("{shown}!{sheet_name}!"),
        grid,
    };
    let mut warnings = Vec::new();
    let form = match kind {
        Kind::Achievement => read_achievement(
            site,
            &meta,
            &sheet,
            period,
            &meta_at("member"),
            &mut warnings,
        )
        .map(FormReturn::Achievement),
        Kind::Scoring => read_scoring(site, &meta, &sheet, period).map(FormReturn::Scoring),
    }?;
    Ok(Returned { form, warnings })
}

/// The hidden sheet's cells are text; a program that turned one into a number gives it back.
fn shown_meta(value: &Value) -> String {
    shown(value).trim().to_string()
}

/// The area of the data sheet the form uses, from its layout in the hidden sheet: a value
/// outside it is refused (nothing there would be read).
fn data_area(meta: &Meta, kind: Kind) -> Area {
    let numbers = |name: &'static str, fields: &'static [usize]| {
        meta.all(name)
            .flat_map(move |f| fields.iter().filter_map(move |i| f.get(*i)))
            .filter_map(|t| number_of(t))
            .max()
    };
    let (last_row, last_col) = match kind {
        Kind::Achievement => {
            let rows = [numbers("metric", &[0]), numbers("section", &[3])];
            (rows.into_iter().flatten().max().unwrap_or(0), LAST_COL)
        }
        Kind::Scoring => {
            // The totals row follows the last criterion.
            let last = numbers("criterion", &[0]).map_or(0, |r| r + 1);
            let cols = numbers("member", &[0]).unwrap_or(2).max(2);
            (last, u16::try_from(cols).unwrap_or(MAX_COLS))
        }
    };
    Area {
        first_row: 0,
        first_col: 0,
        last_row: last_row.clamp(HEADER_ROW, MAX_ROWS),
        last_col: last_col.min(MAX_COLS),
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
        let Ok(col) = u16::try_from(col) else {
            continue;
        };
        sheet.holds(row, col, expected, "E354", &mut problems);
    }
    problems
}

/// `hơn`, `Khoảng`, `about`: the approximate word of a cell, in either language or as files
/// write it.
fn parse_qualifier(text: &str) -> Option<Qualifier> {
    let text: String = text.trim().chars().flat_map(char::to_lowercase).collect();
    let text: String = unicode_normalization::UnicodeNormalization::nfc(text.as_str()).collect();
    Qualifier::ALL.into_iter().find(|q| {
        text == q.as_str()
            || [Language::Vi, Language::En]
                .into_iter()
                .any(|l| super::export::qualifier_word(*q, l) == text)
    })
}

fn read_achievement(
    site: &Site,
    meta: &Meta,
    sheet: &Sheet,
    period: PeriodId,
    member_cell: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<AchievementReturn, Vec<Diagnostic>> {
    let slug = meta.value("member").unwrap_or("");
    let member = Slug::parse(slug)
        .ok()
        .and_then(|s| site.association(&s))
        .ok_or_else(|| vec![Diagnostic::new(member_cell, "E353").arg("member", slug)])?;
    // The heading a person sees names the member the hidden sheet names.
    let heading = sheet.text(MEMBER_ROW, 0);
    if heading != super::export::member_heading(site, member, period)
        && !heading.contains(member.name.trim())
    {
        return Err(vec![
            sheet
                .diagnostic(MEMBER_ROW, 0, "E376")
                .arg("heading", heading)
                .arg("member", member.name.as_str()),
        ]);
    }
    let (rows, sections) = read_layout(site, member, meta, sheet)?;
    let mut problems = Vec::new();

    let mut form = AchievementReturn {
        member: member.slug.clone(),
        period,
        figures: Vec::new(),
        summary: Vec::new(),
        highlights: Vec::new(),
        plans: Vec::new(),
    };
    let language = site.config.language;
    let current = member.achievements.get(&period);
    for (row, key, def) in rows {
        let figure = read_figure(
            sheet,
            row,
            key,
            def,
            current,
            language,
            warnings,
            &mut problems,
        );
        form.figures.push(figure);
    }
    for name in ["summary", "highlights", "plans"] {
        let Some(&(first, last)) = sections.get(name) else {
            continue;
        };
        let mut items = Vec::new();
        for row in first..=last {
            if let Err(d) = sheet.check_visible(row, COL_LABEL, Some((COL_LABEL, LAST_COL))) {
                problems.push(d);
            }
            match sheet.text_input(row, COL_LABEL, warnings) {
                Ok(input) => items.push(TextInput {
                    cell: cell_name(row, COL_LABEL),
                    input,
                }),
                Err(d) => problems.push(d),
            }
        }
        match name {
            "summary" => form.summary = items,
            "highlights" => form.highlights = items,
            _ => form.plans = items,
        }
    }
    if problems.is_empty() {
        Ok(form)
    } else {
        Err(problems)
    }
}

/// A member form's layout as the hidden sheet records it, checked against the visible sheet:
/// each metric's row (its label still there) and each text section's rows. A moved layout is
/// refused whole: reading values then would put them under the wrong metric.
#[allow(clippy::type_complexity)]
fn read_layout<'a>(
    site: &'a Site,
    member: &'a crate::model::Association,
    meta: &'a Meta,
    sheet: &Sheet,
) -> Result<
    (
        Vec<(u32, &'a str, &'a MetricDef)>,
        HashMap<&'a str, (u32, u32)>,
    ),
    Vec<Diagnostic>,
> {
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
        sections.insert(name.as_str(), (first, last.min(MAX_ROWS)));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok((rows, sections))
}

/// One metric's row of a returned member form: its result, approximate word, next target and
/// note as typed; problems go to `problems` (the cell left as empty).
#[allow(clippy::too_many_arguments)]
fn read_figure(
    sheet: &Sheet,
    row: u32,
    key: &str,
    def: &MetricDef,
    current: Option<&crate::model::Achievement>,
    language: Language,
    warnings: &mut Vec<Diagnostic>,
    problems: &mut Vec<Diagnostic>,
) -> FigureInput {
    // A figure the form gives back as the site holds it is not the member's to answer for
    // (`check` reports a stored value that breaks a rule).
    let stored = |col: u16| {
        current.and_then(|a| match col {
            COL_RESULT => a.values.get(key).copied().flatten(),
            _ => a.targets.get(key).copied(),
        })
    };
    for col in [COL_RESULT, COL_QUALIFIER, COL_NEXT, COL_NOTE] {
        if let Err(d) = sheet.check_visible(row, col, None) {
            problems.push(d);
        }
    }
    let label = def.label.trim();
    let mut figure = |col: u16| match sheet.number(row, col, label) {
        Ok(Input::Set(v)) => {
            let v = if def.kind() == MetricKind::Percent
                && sheet.grid.get(row, col).is_some_and(|c| c.percent)
            {
                (v * Decimal::from(100)).round_dp(6).normalize()
            } else {
                v
            };
            if stored(col) == Some(v) {
                return Input::Set(v);
            }
            match check_kind(sheet, row, col, v, def, language) {
                Ok(()) => Input::Set(v),
                Err(d) => {
                    problems.push(d);
                    Input::Empty
                }
            }
        }
        Ok(other) => other,
        Err(d) => {
            problems.push(d);
            Input::Empty
        }
    };
    let value = figure(COL_RESULT);
    let target = figure(COL_NEXT);
    let qualifier = match sheet.text_input(row, COL_QUALIFIER, warnings) {
        Ok(Input::Set(word)) => match parse_qualifier(&word) {
            Some(q) => Some(q),
            None => {
                let words: Vec<String> = Qualifier::ALL
                    .into_iter()
                    .map(|q| super::export::qualifier_word(q, language))
                    .collect();
                problems.push(
                    sheet
                        .diagnostic(row, COL_QUALIFIER, "E385")
                        .arg("metric", label)
                        .arg("text", word)
                        .arg("words", words.join(", ")),
                );
                None
            }
        },
        Ok(_) => None,
        Err(d) => {
            problems.push(d);
            None
        }
    };
    let note = match sheet.text_input(row, COL_NOTE, warnings) {
        Ok(note) => note,
        Err(d) => {
            problems.push(d);
            Input::Empty
        }
    };
    FigureInput {
        key: key.to_string(),
        row,
        value,
        qualifier,
        target,
        note,
    }
}

/// A figure must suit its metric ([`MetricDef::check_value`]).
fn check_kind(
    sheet: &Sheet,
    row: u32,
    col: u16,
    value: Decimal,
    def: &MetricDef,
    language: Language,
) -> Result<(), Diagnostic> {
    let shown = crate::i18n::format_decimal(value, language);
    let label = def.label.trim();
    match def.check_value(value) {
        Ok(()) => Ok(()),
        Err(ValueProblem::NotWhole) => Err(sheet
            .diagnostic(row, col, "E362")
            .arg("value", shown)
            .arg("metric", label)),
        Err(ValueProblem::FractionOfDong) => Err(sheet
            .diagnostic(row, col, "E384")
            .arg("value", shown)
            .arg("metric", label)
            .arg("fix", value.trunc().normalize().to_string())),
        Err(ValueProblem::BelowMin | ValueProblem::AboveMax) => {
            let min = Decimal::from_f64(def.min()).unwrap_or_default();
            let max = def.max().and_then(Decimal::from_f64);
            let fmt = |d: Decimal| crate::i18n::format_decimal(d.normalize(), language);
            Err(sheet
                .diagnostic(row, col, "E363")
                .arg("value", shown)
                .arg("metric", label)
                .arg("min", fmt(min))
                .arg("max", max.map_or_else(|| "∞".to_string(), fmt)))
        }
    }
}

fn read_scoring(
    site: &Site,
    meta: &Meta,
    sheet: &Sheet,
    period: PeriodId,
) -> Result<ScoringReturn, Vec<Diagnostic>> {
    let mut problems = check_headers(meta, sheet, None);
    // The column headings a person sees name the members the hidden sheet names.
    let names_row = HEADER_ROW - 1;
    let mut checked = Vec::new();
    for fields in meta.all("member") {
        let [col, slug, kind, ..] = fields else {
            continue;
        };
        let Some(col) = number_of(col).and_then(|c| u16::try_from(c).ok()) else {
            continue;
        };
        let heading_col = if kind == "agreed" {
            col.saturating_sub(1)
        } else {
            col
        };
        let Some(member) = Slug::parse(slug).ok().and_then(|s| site.association(&s)) else {
            problems.push(
                sheet
                    .diagnostic(names_row, heading_col, "E353")
                    .arg("member", slug.as_str()),
            );
            continue;
        };
        if checked.contains(&(heading_col, slug.as_str())) {
            continue;
        }
        checked.push((heading_col, slug.as_str()));
        let heading = sheet.text(names_row, heading_col);
        if heading != member.short_name.trim() && heading != member.name.trim() {
            problems.push(
                sheet
                    .diagnostic(names_row, heading_col, "E377")
                    .arg("heading", heading)
                    .arg("member", member.short_name.as_str()),
            );
        }
    }
    // A scorer's sheet fills its own cross_scores only; the bloc's grid never fills them.
    let scorer = meta.value("scorer");
    for fields in meta.all("member") {
        let [_, _, kind, ..] = fields else { continue };
        if (kind == "cross") != scorer.is_some() {
            problems.push(
                Diagnostic::new(sheet.prefix.trim_end_matches('!'), "E751")
                    .arg("file", sheet.prefix.trim_end_matches('!'))
                    .arg("kind", kind.as_str()),
            );
            break;
        }
    }
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
        scorer: meta.value("scorer").map(str::to_string),
        cross: IndexMap::new(),
        removed: Vec::new(),
    };
    for fields in meta.all("member") {
        let [col, slug, kind, ..] = fields else {
            continue;
        };
        let Some(col) = number_of(col).and_then(|c| u16::try_from(c).ok()) else {
            continue;
        };
        let mut column = IndexMap::new();
        let mut empty = Vec::new();
        let mut dashes = Vec::new();
        for (row, id, max) in &criteria {
            if let Err(d) = sheet.check_visible(*row, col, None) {
                problems.push(d);
                continue;
            }
            match sheet.number(*row, col, id) {
                Ok(Input::Empty) => empty.push(*row),
                Ok(Input::Remove) => dashes.push(*row),
                Ok(Input::Set(value)) => {
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
        let field = match kind.as_str() {
            "self" => "self_scores",
            "cross" => "cross_scores",
            _ => "scores",
        };
        // A column is left empty (kept as it is), filled completely, or all `-` (removed).
        if !column.is_empty() {
            for row in empty.into_iter().chain(dashes) {
                problems.push(sheet.diagnostic(row, col, "E365"));
            }
            let target = match field {
                "self_scores" => &mut form.self_scores,
                "cross_scores" => &mut form.cross,
                _ => &mut form.scores,
            };
            target.insert(slug.clone(), column);
        } else if !dashes.is_empty() {
            if empty.is_empty() {
                form.removed.push((field, slug.clone()));
            } else {
                for row in empty {
                    problems.push(sheet.diagnostic(row, col, "E365"));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(form)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_numbers_say_what_to_type() {
        let d = text_in_number("f!S!G7".into(), "1.080", "Hội viên mới");
        assert_eq!(d.code(), "E360");
        let en = d.text(Language::En);
        assert!(en.contains("1080") && en.contains("Hội viên mới"), "{en}");
        let d = text_in_number("f!S!G7".into(), "95,5", "Tỷ lệ");
        assert_eq!(d.code(), "E361");
        assert!(d.text(Language::En).contains("95.5"));
        assert_eq!(text_in_number("x".into(), "nhiều", "x").code(), "E359");
    }

    #[test]
    fn cell_text_is_cleaned() {
        assert_eq!(clean_text(" a  \r\nb \r"), "a\nb");
        assert_eq!(
            hygienic("Ra\u{B}mắt\u{1}"),
            ("Ra mắt\u{FFFD}".to_string(), Some('\u{B}'))
        );
        assert!(is_dash(" – ") && is_dash("-") && !is_dash("--"));
    }

    #[test]
    fn approximate_words_in_either_language() {
        assert_eq!(parse_qualifier(" Khoảng "), Some(Qualifier::About));
        assert_eq!(parse_qualifier("HƠN"), Some(Qualifier::Over));
        assert_eq!(parse_qualifier("nearly"), Some(Qualifier::Nearly));
        assert_eq!(parse_qualifier("chừng"), None);
    }
}
