//! Writes the forms: one workbook per member for a period (`Số liệu`: the metric table, then the
//! summary, highlights and plans), and the scoring grid (criteria × members, self-assessment and
//! agreed columns). Labels are locked (the sheet is protected without a password, so an office
//! can still unlock it), input cells are yellow and validated by the metric's kind, and the
//! hidden `blocpress` sheet records what import needs to read the form back.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, Format, FormatAlign, FormatBorder,
    Formula, Workbook, Worksheet, XlsxError,
};

use super::{FORM_VERSION, FormKind, META_SHEET, form_metrics, registered_target, words};
use crate::config::MetricKind;
use crate::i18n::Language;
use crate::messages::Message;
use crate::model::{Association, Qualifier, Scoring, Site};
use crate::period::PeriodId;

/// Columns of the metric table, 0-based.
pub const COL_NO: u16 = 0;
pub const COL_LABEL: u16 = 1;
pub const COL_UNIT: u16 = 2;
pub const COL_PREV: u16 = 3;
pub const COL_TARGET: u16 = 4;
pub const COL_YEAR: u16 = 5;
pub const COL_RESULT: u16 = 6;
/// The word that makes the result approximate (`hơn`, `khoảng`, `gần`, `dưới`).
pub const COL_QUALIFIER: u16 = 7;
pub const COL_NEXT: u16 = 8;
pub const COL_NOTE: u16 = 9;
pub const LAST_COL: u16 = COL_NOTE;
/// The row of the metric table's headings, 0-based.
pub const HEADER_ROW: u32 = 5;
/// Empty rows offered for highlights and plans beyond those already written, and the fewest
/// rows a list has.
const SPARE_ROWS: usize = 5;
const MIN_LIST_ROWS: usize = 10;
/// The row of the heading that names the member (`Đơn vị: …`), 0-based, in column A.
pub const MEMBER_ROW: u32 = 2;

/// The rows of the hidden sheet, written as text so every spreadsheet program keeps them as
/// they are.
#[derive(Default)]
struct Meta {
    rows: Vec<Vec<String>>,
}

impl Meta {
    /// The rows every form starts with: its kind, the form version and the site it belongs to
    /// (import refuses a form of another site by these).
    fn for_form(site: &Site, kind: FormKind) -> Meta {
        let mut meta = Meta::default();
        meta.push(&["form", kind.code()]);
        meta.push(&["version", FORM_VERSION]);
        meta.push(&["site", &site.config.base_url]);
        meta.push(&["site_title", &site.config.title]);
        meta
    }

    fn push(&mut self, cells: &[&str]) {
        self.rows
            .push(cells.iter().map(|c| (*c).to_string()).collect());
    }

    fn write(&self, workbook: &mut Workbook) -> Result<(), XlsxError> {
        let sheet = workbook.add_worksheet();
        sheet.set_name(META_SHEET)?;
        for (r, row) in self.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, cell)?;
            }
        }
        sheet.set_hidden(true);
        sheet.protect();
        Ok(())
    }
}

struct Styles {
    title: Format,
    subtitle: Format,
    note: Format,
    header: Format,
    label: Format,
    centered: Format,
    number: Format,
    input_count: Format,
    input_decimal: Format,
    input_text: Format,
    input_word: Format,
    section: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        let boxed = base.clone().set_border(FormatBorder::Thin);
        let input = boxed
            .clone()
            .set_unlocked()
            .set_background_color(Color::RGB(0xFFF2CC));
        Styles {
            title: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            subtitle: base.clone().set_bold().set_align(FormatAlign::Center),
            note: base.clone().set_italic().set_font_size(11),
            header: boxed
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xD9E1F2)),
            label: boxed.clone(),
            centered: boxed.clone().set_align(FormatAlign::Center),
            number: boxed.clone().set_num_format("#,##0.######"),
            input_count: input.clone().set_num_format("#,##0"),
            input_decimal: input.clone().set_num_format("General"),
            input_word: input.clone().set_align(FormatAlign::Center),
            input_text: input.set_align(FormatAlign::Top),
            section: base.set_bold(),
        }
    }

    /// A read-only figure shown with its approximate word: `hơn 40.000.000`.
    fn approximate(&self, word: &str) -> Format {
        let word = word.replace('"', "");
        self.number
            .clone()
            .set_num_format(format!("\"{word} \"#,##0.######"))
    }
}

/// The form a member fills for `period`, prefilled with everything `content/` holds for it
/// (figures with their approximate word, targets, notes, the summary, highlights and plans),
/// so that a form sent back unchanged changes nothing. `id` is the form's entry in
/// `forms.yaml`.
pub fn member_form(
    site: &Site,
    member: &Association,
    period: PeriodId,
    id: &str,
) -> Result<Workbook, XlsxError> {
    let language = site.config.language;
    let w = |id| words(id, language);
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let mut meta = Meta::for_form(site, FormKind::Achievement);
    meta.push(&["form_id", id]);
    meta.push(&["member", member.slug.as_str()]);
    meta.push(&["period", &period.to_string()]);
    let sheet_name = w("sheet-form-sheet");
    meta.push(&["sheet", &sheet_name]);

    let current = member.achievements.get(&period);
    let preceding = period.preceding().and_then(|p| member.achievements.get(&p));

    let sheet = workbook.add_worksheet();
    sheet.set_name(&sheet_name)?;
    page_setup(sheet);
    for (col, width) in [5.0, 36.0, 10.0, 13.0, 13.0, 12.0, 13.0, 11.0, 13.0, 28.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.merge_range(
        0,
        0,
        0,
        LAST_COL,
        &site.config.title.to_uppercase(),
        &styles.subtitle,
    )?;
    sheet.merge_range(1, 0, 1, LAST_COL, &w("sheet-form-title"), &styles.title)?;
    let heading = member_heading(site, member, period);
    sheet.merge_range(
        MEMBER_ROW,
        0,
        MEMBER_ROW,
        LAST_COL,
        &heading,
        &styles.subtitle,
    )?;
    sheet.merge_range(
        3,
        0,
        3,
        LAST_COL,
        &w("sheet-form-instructions"),
        &styles.note,
    )?;
    sheet.set_row_height(3, 80)?;

    let preceding_title = period.preceding().map_or_else(String::new, |p| {
        site.periods
            .get(&p)
            .map_or_else(|| p.default_title(language), |p| p.title.clone())
    });
    let headers = [
        w("sheet-col-no"),
        w("sheet-col-metric"),
        w("sheet-col-unit"),
        Message::new("sheet-col-previous")
            .arg("period", &preceding_title)
            .render(language),
        w("sheet-col-target"),
        w("sheet-col-year-target"),
        w("sheet-col-result"),
        w("sheet-col-qualifier"),
        w("sheet-col-next-target"),
        w("sheet-col-note"),
    ];
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, text, &styles.header)?;
        meta.push(&["header", &col.to_string(), text]);
    }
    sheet.set_row_height(HEADER_ROW, 64)?;

    let qualifier_words: Vec<String> = Qualifier::ALL
        .into_iter()
        .map(|q| qualifier_word(q, language))
        .collect();
    let mut row = HEADER_ROW + 1;
    let form = MetricRows {
        site,
        member,
        period,
        current,
        preceding,
        styles: &styles,
        qualifier_words: &qualifier_words,
    };
    for (index, (key, def)) in form_metrics(site, member).into_iter().enumerate() {
        form.write(sheet, row, index, key, def)?;
        meta.push(&["metric", &row.to_string(), key, def.label.trim()]);
        row += 1;
    }

    // The texts: one section heading, then one merged input cell per item.
    write_texts(sheet, &mut meta, &styles, current, row + 1, language)?;
    sheet.protect();
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_active(true);

    meta.write(&mut workbook)?;
    workbook.set_properties(&properties(site, &heading, member.slug.as_str(), period));
    Ok(workbook)
}

/// The rows of a member's figures in its form: what the site holds, prefilled.
struct MetricRows<'a> {
    site: &'a Site,
    member: &'a Association,
    period: PeriodId,
    current: Option<&'a crate::model::Achievement>,
    preceding: Option<&'a crate::model::Achievement>,
    styles: &'a Styles,
    qualifier_words: &'a [String],
}

impl MetricRows<'_> {
    /// One metric's row: number, label, unit, the preceding period's figure and target, the
    /// year's registered target, then the inputs (result, approximate word, next target, note)
    /// with their validations.
    fn write(
        &self,
        sheet: &mut Worksheet,
        row: u32,
        index: usize,
        key: &str,
        def: &crate::config::MetricDef,
    ) -> Result<(), XlsxError> {
        let (site, member, period, current, preceding, styles, qualifier_words) = (
            self.site,
            self.member,
            self.period,
            self.current,
            self.preceding,
            self.styles,
            self.qualifier_words,
        );
        let language = site.config.language;
        let w = |id| words(id, language);
        sheet.write_number_with_format(row, COL_NO, (index + 1) as f64, &styles.centered)?;
        sheet.write_string_with_format(row, COL_LABEL, def.label.trim(), &styles.label)?;
        let unit = def.unit.as_deref().unwrap_or("").trim();
        sheet.write_string_with_format(row, COL_UNIT, unit, &styles.label)?;
        let known = |value: Option<Decimal>, format: &Format, col: u16, sheet: &mut Worksheet| {
            match value {
                Some(v) => sheet.write_number_with_format(row, col, number(v), format),
                None => sheet.write_blank(row, col, &styles.label),
            }
            .map(|_| ())
        };
        // The preceding period's figure shows its approximate word in its number format.
        let previous_format = preceding
            .and_then(|a| a.qualifier(key))
            .map(|q| styles.approximate(&qualifier_word(q, language)));
        known(
            preceding.and_then(|a| a.values.get(key).copied().flatten()),
            previous_format.as_ref().unwrap_or(&styles.number),
            COL_PREV,
            sheet,
        )?;
        known(
            preceding.and_then(|a| a.targets.get(key).copied()),
            &styles.number,
            COL_TARGET,
            sheet,
        )?;
        known(
            registered_target(site, period, member.slug.as_str(), key),
            &styles.number,
            COL_YEAR,
            sheet,
        )?;
        let whole = def.whole_numbers_only();
        let input = if whole {
            &styles.input_count
        } else {
            &styles.input_decimal
        };
        let value_cell = |value: Option<Decimal>, col: u16, sheet: &mut Worksheet| {
            match value {
                Some(v) => sheet.write_number_with_format(row, col, number(v), input),
                None => sheet.write_blank(row, col, input),
            }
            .map(|_| ())
        };
        value_cell(
            current.and_then(|a| a.values.get(key).copied().flatten()),
            COL_RESULT,
            sheet,
        )?;
        let qualifier = current
            .and_then(|a| a.qualifier(key))
            .map(|q| qualifier_word(q, language))
            .unwrap_or_default();
        sheet.write_string_with_format(row, COL_QUALIFIER, &qualifier, &styles.input_word)?;
        value_cell(
            current.and_then(|a| a.targets.get(key).copied()),
            COL_NEXT,
            sheet,
        )?;
        let note = current
            .and_then(|a| a.notes.get(key))
            .map_or("", String::as_str);
        sheet.write_string_with_format(row, COL_NOTE, note, &styles.input_text)?;
        for col in [COL_RESULT, COL_NEXT] {
            sheet.add_data_validation(row, col, row, col, &validation(def, row, col, language)?)?;
        }
        let words = DataValidation::new()
            .allow_list_strings(qualifier_words)?
            .set_error_title(w("sheet-validation-title"))?
            .set_error_message(w("sheet-validation-qualifier"))?;
        sheet.add_data_validation(row, COL_QUALIFIER, row, COL_QUALIFIER, &words)?;
        Ok(())
    }
}

/// The texts of a member's form from `row`: the summary, the highlights and the plans, each a
/// section heading and one merged input cell per item (the plans start a page).
fn write_texts(
    sheet: &mut Worksheet,
    meta: &mut Meta,
    styles: &Styles,
    current: Option<&crate::model::Achievement>,
    mut row: u32,
    language: Language,
) -> Result<(), XlsxError> {
    let w = |id| words(id, language);
    let summary = current
        .and_then(|a| a.summary.as_ref())
        .map(|s| vec![s.source.trim().to_string()])
        .unwrap_or_default();
    let list = |items: Option<&Vec<crate::model::Markdown>>| -> Vec<String> {
        items
            .map(|v| v.iter().map(|m| m.source.trim().to_string()).collect())
            .unwrap_or_default()
    };
    let highlights = list(current.map(|a| &a.highlights));
    let plans = list(current.map(|a| &a.plans));
    let mut page_breaks = Vec::new();
    for (name, id, items, rows) in [
        ("summary", "sheet-section-summary", summary, 1),
        (
            "highlights",
            "sheet-section-highlights",
            highlights.clone(),
            list_rows(highlights.len()),
        ),
        (
            "plans",
            "sheet-section-plans",
            plans.clone(),
            list_rows(plans.len()),
        ),
    ] {
        let title = w(id);
        if name == "plans" {
            // The plans start a page: printed, a heading is never left alone at a page's foot.
            page_breaks.push(row);
        }
        sheet.merge_range(row, 0, row, LAST_COL, &title, &styles.section)?;
        let header_row = row;
        row += 1;
        let first = row;
        for i in 0..rows {
            let label = if name == "summary" {
                String::new()
            } else {
                (i + 1).to_string()
            };
            sheet.write_string_with_format(row, COL_NO, &label, &styles.centered)?;
            let text = items.get(i).map_or("", String::as_str);
            sheet.merge_range(row, COL_LABEL, row, LAST_COL, text, &styles.input_text)?;
            let lines = text.chars().count() / 120 + text.matches('\n').count() + 1;
            let height = if name == "summary" { 90.0 } else { 20.0 };
            sheet.set_row_height(row, (lines as f64 * 16.0).max(height))?;
            row += 1;
        }
        meta.push(&[
            "section",
            name,
            &header_row.to_string(),
            &first.to_string(),
            &(row - 1).to_string(),
            &title,
        ]);
        row += 1;
    }
    sheet.set_page_breaks(&page_breaks)?;
    Ok(())
}

/// The rows a list gets: what is written and five more, at least ten.
fn list_rows(written: usize) -> usize {
    (written + SPARE_ROWS).max(MIN_LIST_ROWS)
}

/// The heading that names the member and the period (`Đơn vị: … — Kỳ báo cáo: …`): import
/// compares it with the member the hidden sheet names.
pub fn member_heading(site: &Site, member: &Association, period: PeriodId) -> String {
    let language = site.config.language;
    let period_title = site
        .periods
        .get(&period)
        .map_or_else(|| period.default_title(language), |p| p.title.clone());
    Message::new("sheet-form-member")
        .arg("member", &member.name)
        .arg("period", &period_title)
        .render(language)
}

/// The word the form shows for an approximate value: `hơn`, `khoảng`, `gần`, `dưới`.
pub fn qualifier_word(qualifier: Qualifier, language: Language) -> String {
    let id = match qualifier {
        Qualifier::Over => "sheet-qualifier-over",
        Qualifier::About => "sheet-qualifier-about",
        Qualifier::Nearly => "sheet-qualifier-nearly",
        Qualifier::Under => "sheet-qualifier-under",
    };
    words(id, language)
}

/// Whose scores a scoring grid collects: the bloc's (each member's self-assessment and the
/// agreed score), or one scorer's sheet of the others (`cross_scores`, `--cross`).
#[derive(Debug, Clone, Copy)]
pub enum GridOf<'a> {
    Bloc,
    Cross(&'a Association),
}

/// One column of scores in the grid: whose, which kind (`self`, `agreed`, `cross`, as the
/// hidden sheet records it), its heading word, and the values already in `content/` (one per
/// criterion, in order).
struct ScoreColumn<'a> {
    member: &'a Association,
    kind: &'static str,
    word: String,
    values: Vec<Option<Decimal>>,
}

/// The columns of a grid, two per member for the bloc's grid, one per scored member for a
/// scorer's sheet (not its own column when the file excludes self-scoring).
fn score_columns<'a>(
    site: &Site,
    scoring: &Scoring,
    period: PeriodId,
    members: &[&'a Association],
    of: GridOf,
) -> Vec<ScoreColumn<'a>> {
    let language = site.config.language;
    let criteria: Vec<&str> = scoring
        .groups
        .iter()
        .flat_map(|g| g.criteria.iter().map(|c| c.id.as_str()))
        .collect();
    let same_period = scoring.period == period;
    match of {
        GridOf::Bloc => {
            let own = if same_period {
                self_scores(site, period)
            } else {
                Default::default()
            };
            let (self_word, agreed_word) = (
                words("sheet-col-self", language),
                words("sheet-col-agreed", language),
            );
            let mut columns = Vec::new();
            for &member in members {
                let row = same_period
                    .then(|| scoring.rows.iter().find(|r| r.association == member.slug))
                    .flatten();
                columns.push(ScoreColumn {
                    member,
                    kind: "self",
                    word: self_word.clone(),
                    values: criteria
                        .iter()
                        .map(|id| {
                            own.get(member.slug.as_str())
                                .and_then(|m| m.get(*id))
                                .copied()
                        })
                        .collect(),
                });
                columns.push(ScoreColumn {
                    member,
                    kind: "agreed",
                    word: agreed_word.clone(),
                    values: (0..criteria.len())
                        .map(|i| row.and_then(|r| r.scores.get(i).copied()))
                        .collect(),
                });
            }
            columns
        }
        GridOf::Cross(scorer) => {
            let cross = scoring.cross.as_ref().filter(|_| same_period);
            let exclude_self = cross.is_none_or(|c| c.exclude_self);
            let sheet = cross.and_then(|c| c.sheets.get(&scorer.slug));
            let word = words("sheet-col-cross", language);
            members
                .iter()
                .filter(|m| !(exclude_self && m.slug == scorer.slug))
                .map(|&member| ScoreColumn {
                    member,
                    kind: "cross",
                    word: word.clone(),
                    values: (0..criteria.len())
                        .map(|i| {
                            sheet
                                .and_then(|s| s.get(&member.slug))
                                .and_then(|v| v.get(i).copied())
                        })
                        .collect(),
                })
                .collect()
        }
    }
}

/// The scoring grid for `period`: rows of criteria (with their maximum), columns of scores
/// ([`score_columns`]), prefilled with the scores already in `content/`. `scoring` is the
/// period's scoring file (published or in preparation), or an earlier one whose criteria are
/// reused.
pub fn scoring_form(
    site: &Site,
    scoring: &Scoring,
    period: PeriodId,
    members: &[&Association],
    of: GridOf,
    id: &str,
) -> Result<Workbook, XlsxError> {
    let language = site.config.language;
    let w = |id| words(id, language);
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let mut meta = Meta::for_form(site, FormKind::Scoring);
    meta.push(&["form_id", id]);
    meta.push(&["period", &period.to_string()]);
    meta.push(&["criteria_from", &scoring.period.to_string()]);
    if let GridOf::Cross(scorer) = of {
        meta.push(&["scorer", scorer.slug.as_str()]);
    }
    let sheet_name = w("sheet-scoring-sheet");
    meta.push(&["sheet", &sheet_name]);
    let columns = score_columns(site, scoring, period, members, of);

    let sheet = workbook.add_worksheet();
    sheet.set_name(&sheet_name)?;
    page_setup(sheet);
    let last_col = (2 + columns.len() as u16).max(3);
    sheet.set_column_width(0, 6.0)?;
    sheet.set_column_width(1, 40.0)?;
    sheet.set_column_width(2, 11.0)?;
    for col in 3..=last_col {
        sheet.set_column_width(
            col,
            if matches!(of, GridOf::Cross(_)) {
                12.0
            } else {
                9.0
            },
        )?;
    }
    let period_title = site
        .periods
        .get(&period)
        .map_or_else(|| period.default_title(language), |p| p.title.clone());
    let (heading, instructions) = match of {
        GridOf::Bloc => (
            Message::new("sheet-scoring-title")
                .arg("period", &period_title)
                .render(language),
            w("sheet-scoring-instructions"),
        ),
        GridOf::Cross(scorer) => (
            Message::new("sheet-cross-title")
                .arg("period", &period_title)
                .arg("scorer", scorer.short_name.as_str())
                .render(language),
            w("sheet-cross-instructions"),
        ),
    };
    sheet.merge_range(
        0,
        0,
        0,
        last_col,
        &site.config.title.to_uppercase(),
        &styles.subtitle,
    )?;
    sheet.merge_range(1, 0, 1, last_col, &heading, &styles.title)?;
    sheet.merge_range(2, 0, 2, last_col, &instructions, &styles.note)?;
    sheet.set_row_height(2, 48)?;

    let (names_row, kinds_row) = (HEADER_ROW - 1, HEADER_ROW);
    for (col, id) in [
        "sheet-col-criterion-id",
        "sheet-col-criterion",
        "sheet-col-max",
    ]
    .into_iter()
    .enumerate()
    {
        let text = w(id);
        sheet.merge_range(
            names_row,
            col as u16,
            kinds_row,
            col as u16,
            &text,
            &styles.header,
        )?;
        meta.push(&["header", &names_row.to_string(), &col.to_string(), &text]);
    }
    // A member's heading spans its columns (two in the bloc's grid, one in a scorer's sheet).
    let mut first = 0;
    while first < columns.len() {
        let member = columns[first].member;
        let span = columns[first..]
            .iter()
            .take_while(|c| c.member.slug == member.slug)
            .count();
        let col = 3 + first as u16;
        if span > 1 {
            sheet.merge_range(
                names_row,
                col,
                names_row,
                col + span as u16 - 1,
                &member.short_name,
                &styles.header,
            )?;
        } else {
            sheet.write_string_with_format(names_row, col, &member.short_name, &styles.header)?;
        }
        meta.push(&[
            "header",
            &names_row.to_string(),
            &col.to_string(),
            &member.short_name,
        ]);
        first += span;
    }
    for (i, column) in columns.iter().enumerate() {
        let c = 3 + i as u16;
        sheet.write_string_with_format(kinds_row, c, &column.word, &styles.header)?;
        meta.push(&[
            "header",
            &kinds_row.to_string(),
            &c.to_string(),
            &column.word,
        ]);
        meta.push(&[
            "member",
            &c.to_string(),
            column.member.slug.as_str(),
            column.kind,
        ]);
    }
    sheet.set_row_height(names_row, 36)?;

    let mut row = kinds_row + 1;
    let mut criterion_rows = Vec::new();
    // The totals' values as a spreadsheet would compute them, stored with the formulas: a
    // program that does not recalculate on opening (LibreOffice by default) shows them.
    let mut sums = vec![Decimal::ZERO; columns.len()];
    let mut index = 0;
    for (g, group) in scoring.groups.iter().enumerate() {
        sheet.write_string_with_format(row, 0, (g + 1).to_string(), &styles.header)?;
        sheet.merge_range(
            row,
            1,
            row,
            last_col,
            &group.title,
            &styles.label.clone().set_bold(),
        )?;
        row += 1;
        for criterion in &group.criteria {
            sheet.write_string_with_format(row, 0, &criterion.id, &styles.label)?;
            sheet.write_string_with_format(row, 1, &criterion.title, &styles.label)?;
            // Rows do not grow by themselves when a file is opened: size them for the title.
            let lines = criterion.title.chars().count().div_ceil(45).max(1);
            sheet.set_row_height(row, 16.0 * lines as f64)?;
            sheet.write_number_with_format(row, 2, number(criterion.max), &styles.number)?;
            for (i, column) in columns.iter().enumerate() {
                let col = 3 + i as u16;
                match column.values.get(index).copied().flatten() {
                    Some(v) => {
                        sums[i] += v;
                        sheet.write_number_with_format(
                            row,
                            col,
                            number(v),
                            &styles.input_decimal,
                        )?
                    }
                    None => sheet.write_blank(row, col, &styles.input_decimal)?,
                };
            }
            let max = criterion.max.to_f64().unwrap_or(0.0);
            let validation = DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(0.0, max))
                .set_error_title(w("sheet-validation-title"))?
                .set_error_message(
                    Message::new("sheet-validation-score")
                        .arg("max", crate::i18n::format_decimal(criterion.max, language))
                        .render(language),
                )?;
            if !columns.is_empty() {
                sheet.add_data_validation(row, 3, row, 2 + columns.len() as u16, &validation)?;
            }
            meta.push(&[
                "criterion",
                &row.to_string(),
                &criterion.id,
                &crate::sheet::plain_number(criterion.max),
            ]);
            criterion_rows.push(row);
            row += 1;
            index += 1;
        }
    }
    // Totals, computed by the spreadsheet as people fill it in (not read back).
    sheet.write_string_with_format(row, 0, "", &styles.header)?;
    sheet.write_string_with_format(row, 1, w("sheet-total"), &styles.header)?;
    sheet.write_number_with_format(row, 2, number(scoring.max_total()), &styles.header)?;
    if let (Some(first), Some(last)) = (criterion_rows.first(), criterion_rows.last()) {
        for col in 3..3 + columns.len() as u16 {
            let letters = super::column_name(col);
            let formula = Formula::new(format!(
                "=SUM({letters}{}:{letters}{})",
                first + 1,
                last + 1
            ))
            .set_result(crate::sheet::plain_number(sums[(col - 3) as usize]));
            sheet.write_formula_with_format(row, col, formula, &styles.header)?;
        }
    }
    sheet.protect();
    sheet.set_freeze_panes(kinds_row + 1, 3)?;
    sheet.set_active(true);
    meta.write(&mut workbook)?;
    workbook.set_properties(&properties(site, &heading, "", period));
    Ok(workbook)
}

/// The members' self-assessments as the period's scoring file holds them (`self_scores:`),
/// read from the file itself until the loaded model carries them.
// TODO(lead, issue 11): take them from `Scoring` once it loads `self_scores`.
fn self_scores(
    site: &Site,
    period: PeriodId,
) -> std::collections::HashMap<String, std::collections::HashMap<String, Decimal>> {
    let path = site
        .root
        .join("content/scoring")
        .join(format!("{period}.yaml"));
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or_default();
    let mut all = std::collections::HashMap::new();
    if let Some(members) = value.get("self_scores").and_then(|v| v.as_mapping()) {
        for (member, scores) in members {
            let (Some(member), Some(scores)) =
                (crate::yaml::scalar_text(member), scores.as_mapping())
            else {
                continue;
            };
            let row = scores
                .iter()
                .filter_map(|(id, v)| {
                    let v = crate::yaml::scalar_text(v)?;
                    Some((crate::yaml::scalar_text(id)?, v.trim().parse().ok()?))
                })
                .collect();
            all.insert(member, row);
        }
    }
    all
}

fn page_setup(sheet: &mut Worksheet) {
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
}

fn properties(site: &Site, title: &str, member: &str, period: PeriodId) -> DocProperties {
    DocProperties::new()
        .set_title(title)
        .set_company(&site.config.title)
        .set_custom_property("blocpress-site", site.config.base_url.as_str())
        .set_custom_property("blocpress-member", member)
        .set_custom_property("blocpress-period", period.to_string().as_str())
}

/// Data validation of a result or target cell: a number of the metric's kind within its
/// bounds (whole for counts and for amounts in đồng), or `-`, which removes a stored value.
/// Written as a custom formula so that Excel and LibreOffice let a person type the `-`.
fn validation(
    def: &crate::config::MetricDef,
    row: u32,
    col: u16,
    language: Language,
) -> Result<DataValidation, XlsxError> {
    let min = def.min();
    let max = def.max();
    let whole = def.whole_numbers_only();
    let message = if def.kind() == MetricKind::Count {
        "sheet-validation-count"
    } else if def.kind() == MetricKind::Percent {
        "sheet-validation-percent"
    } else if whole {
        "sheet-validation-dong"
    } else {
        "sheet-validation-number"
    };
    let fmt = |v: f64| crate::i18n::format_float(v, 6, language);
    let range = match max {
        Some(max) => Message::new("sheet-range-between")
            .arg("min", fmt(min))
            .arg("max", fmt(max)),
        None => Message::new("sheet-range-min").arg("min", fmt(min)),
    };
    let text = Message::new(message)
        .nested("range", range)
        .render(language);
    let cell = super::cell_name(row, col);
    let mut checks = vec![format!("ISNUMBER({cell})"), format!("{cell}>={min}")];
    if let Some(max) = max {
        checks.push(format!("{cell}<={max}"));
    }
    if whole {
        checks.push(format!("INT({cell})={cell}"));
    }
    let formula = format!(
        "=OR(TRIM({cell})=\"-\",TRIM({cell})=\"\u{2013}\",AND({}))",
        checks.join(",")
    );
    DataValidation::new()
        .allow_custom(Formula::new(formula))
        .set_error_title(words("sheet-validation-title", language))?
        .set_error_message(text)
}

fn number(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}
