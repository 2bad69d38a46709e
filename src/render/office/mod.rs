//! Downloads for offices (SPEC Part 2 "Downloads for offices", "Official documents"; Part 3
//! "One truth in every output"): the review of a period and the scoring as Word documents in
//! the layout of Nghị định 30/2020/NĐ-CP, and both as Excel spreadsheets with real numbers.
//! They are render jobs like pages and views of the same report model ([`super::report`]), so
//! the page and the paper never disagree: the same figures, comparisons, percentages,
//! qualifiers, sample marks (`*` on paper) and the glossary's words.
//!
//! A report with no figures is not issued (no `.docx`). A report whose period has a scoring
//! carries it as an appendix (*Phụ lục*, landscape); the scoring's own `.docx` is that appendix
//! standing alone, without a number or signature of its own. The `.docx` files need
//! `documents:` in site.yaml (issuer, place, signer); without it they are left out with one
//! warning naming the missing key ([`warnings`]) and the pages do not link them. The
//! spreadsheets are always built.

pub mod docx;
pub mod text;
pub mod xlsx;
pub mod year;

use jiff::civil::Date;

use super::figures;
use super::report::{
    BlocTable, Derived, FigureLine, MemberLine, PeriodReport, Point, Reports, ScoreLine,
    ScoringResult, Section,
};
use super::review::{rank_display, report_heading, roman, tie_break_text};
use super::views::{Views, lowercase_first};
use crate::config::Total;
use crate::diagnostics::Diagnostic;
use crate::i18n::{self, DateStyle, Language};
use crate::messages;
use crate::model::{AwardStatus, DocumentMeta, DocumentSettings, Site};
use crate::urls::Route;
use text::{Block, BlockKind, Span};

/// Quốc hiệu and Tiêu ngữ: the decree's fixed text (Phụ lục I, Mục II.1, "CỘNG HÒA"), whatever
/// diacritic style the rest of the site uses.
pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// The document language Word and LibreOffice check the spelling in.
pub const LANGUAGE_TAG: &str = "vi-VN";

/// The documents are Vietnamese whatever the site's language (the decree's forms).
const VI: Language = Language::Vi;

fn term(name: &str) -> String {
    messages::glossary(name, VI)
}

/// The issuer in capitals, in lines of at most 24 characters (what fits the left column at
/// 12 pt bold): `KHỐI THI ĐUA CÁC TỔ CHỨC` / `HỘI ĐẶC THÙ`; a last line of one word takes
/// the word before it (`KHỐI THI ĐUA CÁC HỘI` / `ĐẶC THÙ`, not `… ĐẶC` / `THÙ`). Line breaks
/// the editor wrote are kept.
pub fn issuer_lines(settings: &DocumentSettings) -> Vec<String> {
    const WIDTH: usize = 24;
    let mut lines = Vec::new();
    for written in settings.issuer.to_uppercase().lines() {
        let mut block: Vec<Vec<&str>> = Vec::new();
        let mut line: Vec<&str> = Vec::new();
        let length = |words: &[&str]| {
            words.iter().map(|w| w.chars().count()).sum::<usize>() + words.len().saturating_sub(1)
        };
        for word in written.split_whitespace() {
            if !line.is_empty() && length(&line) + 1 + word.chars().count() > WIDTH {
                block.push(std::mem::take(&mut line));
            }
            line.push(word);
        }
        if !line.is_empty() {
            block.push(line);
        }
        if let [.., before, last] = block.as_mut_slice()
            && last.len() == 1
            && before.len() > 2
            && length(last) + 1 + before.last().map_or(0, |w| w.chars().count()) <= WIDTH
        {
            let moved = before.pop().expect("more than two words");
            last.insert(0, moved);
        }
        lines.extend(block.iter().map(|words| words.join(" ")));
    }
    lines
}

/// `- Ban Thi đua - Khen thưởng tỉnh;` … `- Lưu: VT.` (ô 9b): every item but the last ends
/// with `;`, the last with `.`; `Lưu VT` is written `Lưu: VT`.
pub fn recipient_lines(settings: &DocumentSettings) -> Vec<String> {
    let mut items: Vec<String> = settings
        .recipients
        .iter()
        .map(|r| r.trim().trim_end_matches(['.', ';']).trim().to_string())
        .filter(|r| !r.is_empty())
        .map(|r| match r.strip_prefix("Lưu") {
            Some(rest) if !rest.trim_start().starts_with(':') => {
                format!("Lưu: {}", rest.trim())
            }
            _ => r,
        })
        .collect();
    if !items.iter().any(|r| r.starts_with("Lưu")) {
        items.push(String::from("Lưu: VT"));
    }
    let last = items.len() - 1;
    items
        .iter()
        .enumerate()
        .map(|(i, r)| format!("- {r}{}", if i == last { "." } else { ";" }))
        .collect()
}

/// The one warning for a site whose `.docx` files are left out, naming the first missing key;
/// nothing when every document can be made (or there is none to make).
pub fn warnings(site: &Site) -> Vec<Diagnostic> {
    let metas = site
        .periods
        .values()
        .map(|p| &p.document)
        .chain(site.scorings.values().map(|s| &s.document))
        .chain(site.awards.values().map(|a| &a.document));
    for meta in metas {
        if let Err(key) = site.document_settings(meta) {
            return vec![Diagnostic::new(crate::config::CONFIG_FILE, "W300").arg("key", key)];
        }
    }
    Vec::new()
}

/// The bytes of one office job.
pub fn render(views: &Views, reports: &Reports, job: Route) -> Result<Vec<u8>, String> {
    let site = views.site;
    match job {
        Route::ReportDocx(id) => {
            let report = reports.period(id).ok_or("no such period")?;
            let settings = site
                .document_settings(&report.period.document)
                .map_err(str::to_string)?;
            let scoring = reports.scoring(id);
            docx::report(
                &settings,
                &report_document(site, &settings, report, scoring),
            )
        }
        Route::ScoringDocx(id) => {
            let result = reports.scoring(id).ok_or("no such scoring")?;
            let settings = site
                .document_settings(&result.scoring.document)
                .map_err(str::to_string)?;
            let report = reports.period(id).filter(|r| r.issued);
            docx::scoring(&scoring_document(site, &settings, result, report))
        }
        Route::ReportXlsx(id) => {
            let report = reports.period(id).ok_or("no such period")?;
            xlsx::period(views, report).map_err(|e| e.to_string())
        }
        Route::AwardsDocx(y) => {
            let awards = &site.awards[&y];
            let settings = site
                .document_settings(&awards.document)
                .map_err(str::to_string)?;
            year::awards_docx(&settings, &year::awards_document(views, &settings, awards))
        }
        Route::AwardsXlsx(y) => {
            year::awards_xlsx(views, &site.awards[&y]).map_err(|e| e.to_string())
        }
        Route::MeetingDocx(i) => {
            let meeting = &site.meetings[i];
            let settings =
                year::minutes_settings(site, meeting).ok_or_else(|| String::from("documents"))?;
            year::minutes_docx(&settings, &year::minutes_document(views, meeting))
        }
        Route::ScoringXlsx(id) => {
            let result = reports.scoring(id).ok_or("no such scoring")?;
            xlsx::scoring(views, result).map_err(|e| e.to_string())
        }
        _ => Err(String::from("not an office document")),
    }
}

/// `Số: 15/BC-KTĐ`; without a number the số is left blank for the clerk to fill in, as offices
/// do before registering a document, with the issuer's `documents.code` after the kind
/// (`Số:      /BC-KTĐ`). A number that is sample data carries the mark.
fn number_line(meta: &DocumentMeta, kind: &str, code: Option<&str>, sample: bool) -> String {
    match &meta.number {
        Some(number) => format!("Số: {number}{}", if sample { "*" } else { "" }),
        None => match code {
            Some(code) => format!("Số:        /{kind}-{code}"),
            None => format!("Số:        /{kind}"),
        },
    }
}

/// `Lai Châu, ngày 21 tháng 6 năm 2013`: the signing date, else the meeting date, else blanks.
fn dated_line(place: &str, date: Option<Date>, year: u16) -> String {
    match date {
        Some(d) => format!("{place}, {}", i18n::format_date(d, DateStyle::Long, VI)),
        None => format!("{place}, ngày      tháng      năm {year}"),
    }
}

/// docProps/core.xml dates: the document's own date (never the build time), so two builds
/// give the same bytes.
fn created(date: Option<Date>, year: u16) -> String {
    match date {
        Some(d) => format!("{d}T00:00:00Z"),
        None => format!("{year:04}-01-01T00:00:00Z"),
    }
}

/// The author of a document (docProps/core.xml): the issuer, as its header names it.
fn author(settings: &DocumentSettings) -> String {
    issuer_lines(settings).join(" ")
}

/// A text cell of a table; `bold` for a total row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    pub bold: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            bold: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A table of the body or of an appendix: one header row, rows of text.
#[derive(Debug, Clone)]
pub struct DocTable {
    pub head: Vec<String>,
    pub align: Vec<Align>,
    /// The column that takes the room left (a name or a label).
    pub wide: usize,
    pub rows: Vec<Vec<Cell>>,
}

/// A block of a document's body, in reading order.
#[derive(Debug, Clone)]
pub enum DocBlock {
    /// A justified paragraph with the first-line indent.
    Paragraph(Vec<Span>),
    /// `- …` (a highlight, a task).
    Item(Vec<Span>),
    /// The second level: `1. Kết quả của các đơn vị thành viên` (bold).
    Heading(String),
    /// The third level: `a) Hội Luật gia tỉnh Lai Châu` (upright).
    Subheading(String),
    Table(DocTable),
}

/// A numbered section of the report (`I.`, `II.`, … by position): its heading in capitals and
/// its blocks. The section list is the report's ([`PeriodReport::sections`]); each kind adds
/// its blocks in [`section_blocks`].
#[derive(Debug, Clone)]
pub struct DocSection {
    pub heading: String,
    pub blocks: Vec<DocBlock>,
}

/// The scoring as a table: two header rows (the groups with their maximum, then the
/// criteria), the maximum of every criterion, one row per member in rank order.
#[derive(Debug, Clone)]
pub struct ScoringTable {
    /// `Nhóm 1 (60 điểm)` and the number of criteria under it.
    pub groups: Vec<(String, usize)>,
    /// Each criterion's id and maximum.
    pub criteria: Vec<(String, String)>,
    /// The columns after the criteria: heading, then one cell per row.
    pub tail: Vec<String>,
    pub max_total: String,
    pub rows: Vec<ScoringRow>,
    /// Which tail column holds the total (its maximum goes there).
    pub total_column: usize,
}

#[derive(Debug, Clone)]
pub struct ScoringRow {
    pub name: String,
    pub scores: Vec<String>,
    pub tail: Vec<String>,
}

#[derive(Debug, Clone)]
pub enum AppendixBody {
    Table(DocTable),
    Scoring(ScoringTable),
}

/// A landscape appendix (*Phụ lục*, Mục III.3 of the decree): its label (`Phụ lục`, `Phụ lục
/// II`, none when a table stands alone), its title in capitals, the document it is attached
/// to, a note on sample data, the table and the lines under it.
#[derive(Debug, Clone)]
pub struct Appendix {
    pub label: Option<String>,
    pub title: String,
    /// `(Kèm theo Báo cáo số 15/BC-KTĐ ngày 25 tháng 6 năm 2013 của …)`.
    pub attached: Option<String>,
    pub sample_note: Option<String>,
    pub body: AppendixBody,
    /// Notes under the table (the adjustments' reasons, the tie-break rule, the criteria).
    pub notes: Vec<DocBlock>,
}

/// Everything the report document prints, already in words and vi numbers.
pub struct ReportDocument {
    pub number: String,
    pub dated: String,
    pub created: String,
    pub author: String,
    pub subject: String,
    /// Under the subject when some figure of the document is sample data (marked `*`).
    pub sample_note: Option<String>,
    /// The lead and the narrative, before section I.
    pub lead: Vec<DocBlock>,
    pub sections: Vec<DocSection>,
    pub closing: String,
    pub appendices: Vec<Appendix>,
}

/// The scoring's own `.docx`: its appendix standing alone.
pub struct ScoringDocument {
    pub created: String,
    pub author: String,
    pub appendix: Appendix,
}

/// Sample data stays marked on paper too (SPEC Part 2 "Sample data").
pub const SAMPLE_NOTE: &str =
    "(Số liệu đánh dấu * là số liệu mẫu dùng để minh hoạ, không có trong báo cáo gốc)";
pub const SAMPLE_TABLE_NOTE: &str =
    "(Toàn bộ số liệu trong bảng là số liệu mẫu dùng để minh hoạ, không có trong báo cáo gốc)";

/// `text*` when `sample`.
fn marked(text: String, sample: bool) -> String {
    if sample && !text.is_empty() {
        format!("{text}*")
    } else {
        text
    }
}

/// The columns of the members' tables: those some figure of the report fills.
#[derive(Debug, Clone, Copy, Default)]
struct Columns {
    previous: bool,
    year_earlier: bool,
    target: bool,
    year_target: bool,
}

impl Columns {
    fn of(report: &PeriodReport) -> Columns {
        let mut c = Columns::default();
        for f in report.members.iter().flat_map(|m| &m.figures) {
            c.previous |= f.change.is_some();
            c.year_earlier |= f.year_change.is_some();
            c.target |= f.target.is_some() && f.value.is_some();
            c.year_target |= f.year_target.is_some();
        }
        c
    }

    fn head(self) -> (Vec<String>, Vec<Align>) {
        let mut head = vec![term("number"), term("metric"), term("unit"), term("value")];
        let mut align = vec![Align::Center, Align::Left, Align::Center, Align::Right];
        let mut add = |names: &[String]| {
            for name in names {
                head.push(name.clone());
                align.push(Align::Right);
            }
        };
        if self.previous {
            add(&[term("previous"), term("change")]);
        }
        if self.year_earlier {
            add(&[
                term("year-earlier"),
                format!("{} {}", term("change"), "so với cùng kỳ"),
            ]);
        }
        if self.target {
            add(&[term("target"), term("target-percent")]);
        }
        if self.year_target {
            add(&[term("year-target"), term("year-target-percent")]);
        }
        (head, align)
    }
}

/// What a table cell without a value says, on paper as on the page: a dash, so an empty cell
/// never reads as a figure left out by mistake.
const NO_VALUE: &str = "–";

/// A member's figures as a table row set.
fn figure_rows(figures: &[FigureLine], columns: Columns) -> Vec<Vec<Cell>> {
    let point = |p: &Option<Point>, def| {
        p.map(|p| marked(figures::point(&p, def, VI), p.sample))
            .unwrap_or_else(|| NO_VALUE.to_string())
    };
    let change = |d: &Option<Derived>, def| {
        d.map(|d| marked(figures::signed_change(&d, def, VI), d.sample))
            .unwrap_or_else(|| NO_VALUE.to_string())
    };
    let percent = |d: &Option<Derived>| {
        d.map(|d| marked(figures::percent(&d, VI), d.sample))
            .unwrap_or_else(|| NO_VALUE.to_string())
    };
    let numbers = note_numbers(figures);
    figures
        .iter()
        .zip(numbers)
        .filter(|(f, _)| f.value.is_some())
        .enumerate()
        .map(|(i, (f, note))| {
            let def = f.def;
            let label = match note {
                Some(n) => format!("{} ({n})", def.label),
                None => def.label.clone(),
            };
            let mut row = vec![
                (i + 1).to_string(),
                label,
                figures::shown_unit(def, VI),
                point(&f.value, def),
            ];
            if columns.previous {
                row.extend([point(&f.previous, def), change(&f.change, def)]);
            }
            if columns.year_earlier {
                row.extend([point(&f.year_earlier, def), change(&f.year_change, def)]);
            }
            if columns.target {
                row.extend([point(&f.target, def), percent(&f.target_percent)]);
            }
            if columns.year_target {
                row.extend([point(&f.year_target, def), percent(&f.year_target_percent)]);
            }
            row.into_iter().map(Cell::new).collect()
        })
        .collect()
}

/// The number of each figure's note, counted over the member's figures as the page counts
/// them (`Giá trị hỗ trợ hội viên¹` on the page, `Giá trị hỗ trợ hội viên (1)` on paper).
fn note_numbers(figures: &[FigureLine]) -> Vec<Option<usize>> {
    let mut count = 0;
    figures
        .iter()
        .map(|f| {
            f.note.map(|_| {
                count += 1;
                count
            })
        })
        .collect()
}

/// The member's notes on its figures, under its table: `(1) Giá trị hỗ trợ hội viên: Gồm …`.
fn figure_notes(figures: &[FigureLine]) -> Vec<DocBlock> {
    figures
        .iter()
        .zip(note_numbers(figures))
        .filter_map(|(f, n)| {
            let text = format!("({}) {}: {}", n?, f.def.label, f.note?.trim());
            Some(DocBlock::Paragraph(vec![Span {
                text,
                bold: false,
                italic: true,
            }]))
        })
        .collect()
}

fn member_table(member: &MemberLine, columns: Columns) -> Option<DocTable> {
    let rows = figure_rows(&member.figures, columns);
    if rows.is_empty() {
        return None;
    }
    let (head, align) = columns.head();
    Some(DocTable {
        head,
        align,
        wide: 1,
        rows,
    })
}

/// The bloc-wide table: STT | Đơn vị | one column per shared metric; under it a row *Cộng*
/// for the sums and a row *Bình quân* for the means (one concept, one name).
pub fn bloc_table(bloc: &BlocTable) -> DocTable {
    let mut head = vec![term("number"), term("member")];
    let mut align = vec![Align::Center, Align::Left];
    for c in &bloc.columns {
        let unit = figures::shown_unit(c.def, VI);
        head.push(if unit.is_empty() {
            c.def.label.clone()
        } else {
            format!("{} ({unit})", c.def.label)
        });
        align.push(Align::Right);
    }
    let mut rows: Vec<Vec<Cell>> = bloc
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut cells = vec![
                Cell::new((i + 1).to_string()),
                Cell::new(row.association.name.clone()),
            ];
            for (value, column) in row.values.iter().zip(&bloc.columns) {
                cells.push(Cell::new(
                    value
                        .map(|p| marked(figures::point(&p, column.def, VI), p.sample))
                        .unwrap_or_else(|| NO_VALUE.to_string()),
                ));
            }
            cells
        })
        .collect();
    for (kind, name) in [(Total::Sum, "sum"), (Total::Mean, "mean")] {
        if !bloc
            .columns
            .iter()
            .any(|c| c.total_kind == kind && c.total.is_some())
        {
            continue;
        }
        let mut cells = vec![
            Cell::default(),
            Cell {
                text: term(name),
                bold: true,
            },
        ];
        for c in &bloc.columns {
            cells.push(Cell {
                text: match c.total {
                    Some(t) if c.total_kind == kind => {
                        marked(figures::total(&t, c.def, VI), t.sample)
                    }
                    _ => NO_VALUE.to_string(),
                },
                bold: true,
            });
        }
        rows.push(cells);
    }
    DocTable {
        head,
        align,
        wide: 1,
        rows,
    }
}

/// Bloc tables wider than this many metrics go to a landscape appendix (the decree's templates
/// keep a portrait table to about seven columns).
const PORTRAIT_BLOC_COLUMNS: usize = 5;

/// Markdown as document blocks; a heading becomes the bold lead-in of the paragraph after it
/// (`Đánh giá chung. Nhìn chung, …`), since only the report's own sections are headings.
fn markdown_blocks(markdown: &str) -> Vec<DocBlock> {
    let mut out = Vec::new();
    let mut lead_in: Option<String> = None;
    for block in text::blocks(markdown) {
        let mut spans = block.spans;
        match block.kind {
            BlockKind::Heading => {
                let heading: String = spans.iter().map(|s| s.text.as_str()).collect();
                lead_in = Some(match lead_in.take() {
                    Some(earlier) => format!("{earlier}. {heading}"),
                    None => heading,
                });
                continue;
            }
            BlockKind::Paragraph | BlockKind::Item => {
                if let Some(heading) = lead_in.take() {
                    let heading = heading.trim_end_matches(['.', ':']).to_string();
                    spans.insert(
                        0,
                        Span {
                            text: format!("{heading}. "),
                            bold: true,
                            italic: true,
                        },
                    );
                }
                out.push(if block.kind == BlockKind::Item {
                    DocBlock::Item(spans)
                } else {
                    DocBlock::Paragraph(spans)
                });
            }
        }
    }
    if let Some(heading) = lead_in {
        out.push(DocBlock::Paragraph(vec![Span {
            text: heading,
            bold: true,
            italic: true,
        }]));
    }
    out
}

fn items(list: &[&crate::model::Markdown]) -> Vec<DocBlock> {
    list.iter()
        .map(|m| {
            let Block { spans, .. } = text::item(&m.source);
            DocBlock::Item(spans)
        })
        .collect()
}

fn member_names(members: &[&MemberLine]) -> String {
    members
        .iter()
        .map(|m| m.association.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Section I: the bloc-wide table (or where it is), each member's results, who has not
/// reported, and the scoring when the period has one (its table in an appendix).
fn results_blocks(
    report: &PeriodReport,
    scoring: Option<&ScoringResult>,
    bloc_in_appendix: Option<&str>,
    scoring_appendix: Option<&str>,
) -> Vec<DocBlock> {
    let mut blocks = Vec::new();
    let columns = Columns::of(report);
    let reporting: Vec<&MemberLine> = report.reporting().collect();
    let outline = report.outline(scoring.is_some() && scoring_appendix.is_some());
    let heading = |number: usize, text: &str| DocBlock::Heading(format!("{number}. {text}"));
    if let Some(number) = outline.bloc {
        blocks.push(heading(number, &term("bloc-results")));
        match bloc_in_appendix {
            Some(label) => blocks.push(DocBlock::Paragraph(vec![Span::plain(&format!(
                "Số liệu các chỉ tiêu chung của Khối tổng hợp tại {label} kèm theo Báo cáo này."
            ))])),
            None => blocks.push(DocBlock::Table(bloc_table(&report.bloc))),
        }
    }
    if let Some(number) = outline.members {
        blocks.push(heading(number, &term("members-results")));
    }
    for (member, mark) in reporting.iter().zip(&outline.member_marks) {
        let name = &member.association.name;
        blocks.push(match outline.members {
            Some(_) => DocBlock::Subheading(format!("{mark} {name}")),
            None => DocBlock::Heading(format!("{mark} {name}")),
        });
        if let Some(summary) = member.achievement.and_then(|a| a.summary.as_ref()) {
            blocks.extend(markdown_blocks(&summary.source));
        }
        if let Some(table) = member_table(member, columns) {
            blocks.push(DocBlock::Table(table));
        }
        blocks.extend(figure_notes(&member.figures));
        if let Some(achievement) = member.achievement.filter(|a| !a.highlights.is_empty()) {
            // Named as on the page (its heading there), like a member's tasks in the directions.
            blocks.push(DocBlock::Paragraph(vec![Span {
                text: format!("{}:", term("highlights")),
                bold: false,
                italic: true,
            }]));
            blocks.extend(items(&achievement.highlights.iter().collect::<Vec<_>>()));
        }
    }
    let missing: Vec<&MemberLine> = report.not_reported().collect();
    if !missing.is_empty() {
        blocks.push(DocBlock::Paragraph(vec![Span::plain(&format!(
            "{}: {}.",
            term("not-reported-members"),
            member_names(&missing)
        ))]));
    }
    if let (Some(result), Some(label), Some(number)) = (scoring, scoring_appendix, outline.scoring)
    {
        blocks.push(heading(number, &term("scoring-results")));
        blocks.extend(scoring_summary(result, label));
    }
    blocks
}

/// What the body says of the scoring: how many members were scored, who leads, the awards;
/// the table itself is the appendix `label`.
fn scoring_summary(result: &ScoringResult, label: &str) -> Vec<DocBlock> {
    let mut blocks = Vec::new();
    let max = i18n::format_decimal(result.scoring.max_total(), VI);
    let mut text = format!(
        "Khối đã chấm điểm thi đua {} đơn vị theo thang điểm {max} điểm",
        result.rows.len()
    );
    let first: Vec<&ScoreLine> = result.rows.iter().filter(|r| r.rank == 1).collect();
    if !first.is_empty() {
        let names: Vec<String> = first
            .iter()
            .map(|r| {
                format!(
                    "{} ({} {})",
                    r.association.name,
                    i18n::format_decimal(r.total, VI),
                    term("points")
                )
            })
            .collect();
        text.push_str(&format!(
            "; xếp thứ nhất{}: {}",
            if first.len() > 1 {
                format!(" ({})", term("tied"))
            } else {
                String::new()
            },
            names.join(", ")
        ));
    }
    text.push_str(&format!(
        ". Bảng tổng hợp kết quả chấm điểm tại {label} kèm theo Báo cáo này."
    ));
    blocks.push(DocBlock::Paragraph(vec![Span::plain(&marked(
        text,
        result.has_sample(),
    ))]));
    for line in result.rows.iter().filter(|r| r.award.is_some()) {
        let award = line.award.expect("filtered");
        blocks.push(DocBlock::Item(vec![Span::plain(&marked(
            format!("{}: {}", line.association.name, award_text(award)),
            line.sample,
        ))]));
    }
    blocks
}

/// "Đề nghị tặng …" / "Được tặng … (Quyết định số …)".
fn award_text(award: super::report::Award) -> String {
    let status = match award.status {
        AwardStatus::Proposed => term("award-proposed"),
        AwardStatus::Granted => term("award-granted"),
    };
    match award.decision {
        Some(decision) => format!("{status} {} ({decision})", award.title),
        None => format!("{status} {}", award.title),
    }
}

/// The directions: the bloc's common tasks, then each member's own tasks and targets.
fn directions_blocks(report: &PeriodReport) -> Vec<DocBlock> {
    let mut blocks = Vec::new();
    let common: Vec<&crate::model::Markdown> = report.common_tasks.iter().collect();
    let planning: Vec<&MemberLine> = report
        .members
        .iter()
        .filter(|m| !m.plans.is_empty() || !m.targets.is_empty())
        .collect();
    let numbered = report.outline(false).tasks_numbered;
    if !common.is_empty() {
        if numbered {
            blocks.push(DocBlock::Heading(format!("1. {}", term("common-tasks"))));
        }
        blocks.extend(items(&common));
    }
    if !planning.is_empty() {
        if numbered {
            blocks.push(DocBlock::Heading(format!("2. {}", term("members-tasks"))));
        }
        let next = super::review::next_period(report, VI);
        for member in planning {
            blocks.push(DocBlock::Paragraph(vec![Span {
                text: format!("{}:", member.association.name),
                bold: false,
                italic: true,
            }]));
            blocks.extend(items(&member.plans));
            for target in &member.targets {
                let unit = figures::shown_unit(target.def, VI);
                let value =
                    figures::with_unit(&figures::point(&target.point, target.def, VI), &unit);
                blocks.push(DocBlock::Item(vec![Span::plain(&marked(
                    format!("{} {next}: {}: {value}", term("target"), target.def.label),
                    target.point.sample,
                ))]));
            }
        }
    }
    blocks
}

/// The heading of a section on paper, without its number, in capitals.
fn section_heading(report: &PeriodReport, section: Section) -> String {
    match section {
        Section::Results => format!(
            "KẾT QUẢ CÔNG TÁC THI ĐUA {}",
            report.id.default_title(VI).to_uppercase()
        ),
        Section::Directions => format!(
            "PHƯƠNG HƯỚNG, NHIỆM VỤ {}",
            super::review::next_period(report, VI).to_uppercase()
        ),
        Section::Assessment => String::from("ĐÁNH GIÁ CHUNG"),
        Section::Recommendations => String::from("KIẾN NGHỊ, ĐỀ XUẤT"),
    }
}

/// `(Kèm theo Báo cáo số 15/BC-KTĐ ngày 25 tháng 6 năm 2013 của Khối thi đua …)`.
fn attached_to_report(site: &Site, report: &PeriodReport, settings: &DocumentSettings) -> String {
    let meta = &report.period.document;
    let date = meta.signed.or(report.period.date);
    format!(
        "(Kèm theo Báo cáo số {}{} của {})",
        meta.number.clone().unwrap_or_else(|| match settings.code {
            Some(code) => format!("      /BC-{code}"),
            None => String::from("      /BC"),
        }),
        date.map(|d| format!(" {}", i18n::format_date(d, DateStyle::Long, VI)))
            .unwrap_or_else(|| format!(" ngày      tháng      năm {}", report.id.year())),
        site.config.title
    )
}

/// The review of a period as the report document shows it.
pub fn report_document(
    site: &Site,
    settings: &DocumentSettings,
    report: &PeriodReport,
    scoring: Option<&ScoringResult>,
) -> ReportDocument {
    let period = report.period;
    let id = report.id;
    let date = period.document.signed.or(period.date);
    let year = id.year();
    let subject = report_heading(report, VI, |key| match key {
        "report_title_year" => String::from("Tổng kết công tác thi đua"),
        _ => String::from("Sơ kết công tác thi đua"),
    });
    // The appendices, numbered when there are two or more.
    let bloc_wide = report.bloc.columns.len() > PORTRAIT_BLOC_COLUMNS;
    let count = usize::from(bloc_wide) + usize::from(scoring.is_some());
    let label = |n: usize| {
        if count > 1 {
            format!("Phụ lục {}", roman(n))
        } else {
            String::from("Phụ lục")
        }
    };
    let attached = attached_to_report(site, report, settings);
    let mut appendices = Vec::new();
    let bloc_label = bloc_wide.then(|| label(1));
    if let Some(label) = &bloc_label {
        appendices.push(Appendix {
            label: Some(label.clone()),
            title: String::from("TỔNG HỢP CÁC CHỈ TIÊU CHUNG CỦA KHỐI"),
            attached: Some(attached.clone()),
            sample_note: None,
            body: AppendixBody::Table(bloc_table(&report.bloc)),
            notes: Vec::new(),
        });
    }
    let scoring_label = scoring.map(|_| label(appendices.len() + 1));
    if let (Some(result), Some(label)) = (scoring, &scoring_label) {
        appendices.push(scoring_appendix(
            result,
            Some(label.clone()),
            Some(attached),
        ));
    }
    let sections = report
        .sections
        .iter()
        .map(|&section| DocSection {
            heading: section_heading(report, section),
            blocks: section_blocks(
                report,
                section,
                scoring,
                bloc_label.as_deref(),
                scoring_label.as_deref(),
            ),
        })
        .collect();
    let mut lead = Vec::new();
    if let Some(summary) = &period.summary {
        lead.push(DocBlock::Paragraph(vec![Span::plain(summary)]));
    }
    if let Some(narrative) = &period.narrative {
        lead.extend(markdown_blocks(&narrative.source));
    }
    let number_sample = period.sample.covers("number") && period.document.number.is_some();
    let date_sample = period.sample.covers("signed") && period.document.signed.is_some();
    let sample = report.has_sample() || number_sample || date_sample;
    ReportDocument {
        number: number_line(&period.document, "BC", settings.code, number_sample),
        dated: marked(dated_line(settings.place, date, year), date_sample),
        created: created(date, year),
        author: author(settings),
        closing: format!(
            "Trên đây là báo cáo {} của {}./.",
            lowercase_first(&subject),
            site.config.title
        ),
        subject,
        sample_note: sample.then(|| SAMPLE_NOTE.to_string()),
        lead,
        sections,
        appendices,
    }
}

/// The blocks of one section of the report.
fn section_blocks(
    report: &PeriodReport,
    section: Section,
    scoring: Option<&ScoringResult>,
    bloc_appendix: Option<&str>,
    scoring_appendix: Option<&str>,
) -> Vec<DocBlock> {
    match section {
        Section::Results => results_blocks(report, scoring, bloc_appendix, scoring_appendix),
        Section::Assessment => report
            .period
            .assessment
            .as_ref()
            .map(|m| markdown_blocks(&m.source))
            .unwrap_or_default(),
        Section::Directions => directions_blocks(report),
        Section::Recommendations => report
            .period
            .recommendations
            .as_ref()
            .map(|m| markdown_blocks(&m.source))
            .unwrap_or_default(),
    }
}

/// A number as the documents print it (Vietnamese: `1.234,5`).
fn vi_number(value: rust_decimal::Decimal) -> String {
    i18n::format_decimal(value, VI)
}

/// A change as the documents print it, always signed: `+5`, `−2,5`.
fn vi_change(value: rust_decimal::Decimal) -> String {
    i18n::format_change(value, VI)
}

/// The scoring as an appendix: the table with self-assessment, adjustments, totals, ranks
/// (shared ones said so) and awards with their decisions; under it each adjustment's reason,
/// the tie-break rule and the criteria.
pub fn scoring_appendix(
    result: &ScoringResult,
    label: Option<String>,
    attached: Option<String>,
) -> Appendix {
    let scoring = result.scoring;
    let (tail, total_column) = scoring_tail_headings(result);
    let (rows, reasons) = scoring_rows(result);
    let title = scoring.title.clone().unwrap_or_else(|| {
        format!(
            "Chấm điểm thi đua {}",
            lowercase_first(&scoring.period.default_title(VI))
        )
    });
    Appendix {
        label,
        title: format!("BẢNG TỔNG HỢP KẾT QUẢ {}", title.to_uppercase()),
        attached,
        sample_note: if result.sample {
            Some(SAMPLE_TABLE_NOTE.to_string())
        } else if result.has_sample() {
            Some(SAMPLE_NOTE.to_string())
        } else {
            None
        },
        body: AppendixBody::Scoring(ScoringTable {
            groups: scoring_group_headings(scoring),
            criteria: scoring
                .groups
                .iter()
                .flat_map(|g| &g.criteria)
                .map(|c| (c.id.clone(), vi_number(c.max)))
                .collect(),
            tail,
            max_total: vi_number(scoring.max_total()),
            rows,
            total_column,
        }),
        notes: scoring_notes(result, reasons),
    }
}

/// The heading over each group's criteria: `Nhóm 1 (60 điểm)` and how many criteria it spans.
fn scoring_group_headings(scoring: &crate::model::Scoring) -> Vec<(String, usize)> {
    scoring
        .groups
        .iter()
        .map(|g| {
            let max: rust_decimal::Decimal = g.criteria.iter().map(|c| c.max).sum();
            (
                format!(
                    "{} {} ({} {})",
                    term("group"),
                    g.id,
                    vi_number(max),
                    term("points")
                ),
                g.criteria.len(),
            )
        })
        .collect()
}

/// The headings of the columns after the criteria (only those the scoring has something in),
/// and which of them is the total.
fn scoring_tail_headings(result: &ScoringResult) -> (Vec<String>, usize) {
    let mut tail = Vec::new();
    if result.has_self_scores() {
        tail.extend([term("self"), term("agreed"), term("difference")]);
    }
    if result.has_adjustments() {
        tail.push(term("adjustments"));
    }
    let total_column = tail.len();
    tail.extend([term("total-score"), term("rank")]);
    if result.has_awards() {
        tail.push(term("award"));
    }
    (tail, total_column)
}

/// One row per member in rank order, and the reason of every adjustment: each adjustment's
/// cell carries a note number `(1)` that its reason under the table repeats.
fn scoring_rows(result: &ScoringResult) -> (Vec<ScoringRow>, Vec<DocBlock>) {
    let mut note = 0;
    let mut reasons = Vec::new();
    let rows = result
        .rows
        .iter()
        .map(|line| {
            let mut cells = Vec::new();
            if result.has_self_scores() {
                // A member that did not assess itself: a dash, as on the page.
                let none = || NO_VALUE.to_string();
                cells.push(line.self_total.map(vi_number).unwrap_or_else(none));
                cells.push(vi_number(line.criteria_total));
                cells.push(line.difference.map(vi_change).unwrap_or_else(none));
            }
            if result.has_adjustments() {
                let mut parts = Vec::new();
                for adjustment in line.adjustments {
                    note += 1;
                    parts.push(format!("{} ({note})", vi_change(adjustment.points)));
                    reasons.push(DocBlock::Paragraph(vec![Span::plain(&format!(
                        "({note}) {}: {} {} – {}.",
                        line.association.name,
                        vi_change(adjustment.points),
                        term("points"),
                        adjustment.reason.trim_end_matches('.')
                    ))]));
                }
                cells.push(parts.join("; "));
            }
            cells.push(marked(vi_number(line.total), line.sample && !result.sample));
            cells.push(rank_display(line.rank, line.tied, VI));
            if result.has_awards() {
                cells.push(line.award.map(award_text).unwrap_or_default());
            }
            ScoringRow {
                name: line.association.name.clone(),
                scores: line.row.scores.iter().map(|s| vi_number(*s)).collect(),
                tail: cells,
            }
        })
        .collect();
    (rows, reasons)
}

/// The lines under the scoring table: the adjustments' reasons, the tie-break rule, how a
/// cross-scoring was combined, what self-assessment covers, who was not scored, the criteria.
fn scoring_notes(result: &ScoringResult, reasons: Vec<DocBlock>) -> Vec<DocBlock> {
    let scoring = result.scoring;
    let heading = |text: String| {
        DocBlock::Paragraph(vec![Span {
            text: format!("{text}:"),
            bold: true,
            italic: true,
        }])
    };
    let mut notes = Vec::new();
    if !reasons.is_empty() {
        notes.push(heading(term("adjustments")));
        notes.extend(reasons);
    }
    if let Some(rule) = tie_break_text(scoring, VI) {
        notes.push(DocBlock::Paragraph(vec![Span::plain(&format!("{rule}."))]));
    }
    // How a cross-scoring was combined, and from how many scorers (SPEC Part 3).
    if let Some(note) = crate::render::views::combined_note(scoring, Language::Vi) {
        notes.push(DocBlock::Paragraph(vec![Span::plain(&note)]));
    }
    if result.has_self_scores() {
        notes.push(DocBlock::Paragraph(vec![Span::plain(
            "Tự chấm và Khối chấm chỉ cộng điểm các tiêu chí; điểm thưởng, điểm trừ do Khối xét, ghi riêng.",
        )]));
    }
    if !result.absent.is_empty() {
        let absent: Vec<String> = result
            .absent
            .iter()
            .map(|(a, reason)| format!("{} ({reason})", a.name))
            .collect();
        notes.push(DocBlock::Paragraph(vec![Span::plain(&format!(
            "Không chấm điểm: {}.",
            absent.join("; ")
        ))]));
    }
    notes.push(heading(term("criterion")));
    for group in &scoring.groups {
        let listed: Vec<String> = group
            .criteria
            .iter()
            .map(|c| format!("{} – {} ({})", c.id, c.title, vi_number(c.max)))
            .collect();
        notes.push(DocBlock::Item(vec![Span::plain(&format!(
            "{} {}. {}: {}.",
            term("group"),
            group.id,
            group.title,
            listed.join("; ")
        ))]));
    }
    notes
}

/// A meeting of the scoring's period (*Biên bản*), for the line an appendix standing alone is
/// headed with when no report is issued: the minutes of the period's last meeting
/// (`meetings`, SPEC Part 3 "The whole year"), `(Kèm theo Biên bản số … ngày … của …)`.
fn meeting_minutes(site: &Site, period: crate::period::PeriodId) -> Option<String> {
    // The period's last meeting (the one that reviewed it) holds the scoring.
    let meeting = site.meetings.iter().rfind(|m| m.period == Some(period))?;
    let number = meeting
        .document
        .number
        .as_ref()
        .map(|n| format!(" số {n}"))
        .unwrap_or_default();
    Some(format!(
        "(Kèm theo Biên bản{number} {} của {})",
        i18n::format_date(meeting.date, DateStyle::Long, VI),
        site.config.title
    ))
}

/// The scoring's own `.docx`: the appendix standing alone, headed `(Kèm theo Báo cáo số …)`
/// when the period's report is issued, else `(Kèm theo Biên bản …)` when a meeting of the
/// period exists, else with no such line.
pub fn scoring_document(
    site: &Site,
    settings: &DocumentSettings,
    result: &ScoringResult,
    report: Option<&PeriodReport>,
) -> ScoringDocument {
    let id = result.scoring.period;
    let attached = match report {
        Some(report) => Some(attached_to_report(site, report, settings)),
        None => meeting_minutes(site, id),
    };
    let date = result
        .scoring
        .document
        .signed
        .or_else(|| site.periods.get(&id).and_then(|p| p.date));
    ScoringDocument {
        created: created(date, id.year()),
        author: author(settings),
        appendix: scoring_appendix(
            result,
            attached.is_some().then(|| String::from("Phụ lục")),
            attached,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SignerLines;

    fn settings_with(recipients: &[String]) -> DocumentSettings<'_> {
        DocumentSettings {
            parent: Some("UBND TỈNH LAI CHÂU"),
            issuer: "Khối thi đua các tổ chức hội đặc thù",
            code: Some("KTĐ"),
            place: "Lai Châu",
            recipients,
            signer: SignerLines {
                on_behalf: None,
                title: "KHỐI TRƯỞNG".into(),
                name: "Nguyễn Văn A".into(),
            },
        }
    }

    #[test]
    fn issuer_in_capitals_on_lines_that_fit() {
        let s = settings_with(&[]);
        assert_eq!(
            issuer_lines(&s),
            vec!["KHỐI THI ĐUA CÁC TỔ CHỨC", "HỘI ĐẶC THÙ"]
        );
        assert_eq!(author(&s), "KHỐI THI ĐUA CÁC TỔ CHỨC HỘI ĐẶC THÙ");
        let short = DocumentSettings {
            issuer: "Khối thi đua các hội đặc thù",
            ..s
        };
        assert_eq!(
            issuer_lines(&short),
            vec!["KHỐI THI ĐUA CÁC HỘI", "ĐẶC THÙ"]
        );
    }

    #[test]
    fn recipients_end_with_semicolons_and_the_archive() {
        let list = vec![
            "Ban Thi đua - Khen thưởng tỉnh".to_string(),
            "Các đơn vị thành viên Khối;".to_string(),
            "Lưu VT".to_string(),
        ];
        let s = settings_with(&list);
        assert_eq!(
            recipient_lines(&s),
            vec![
                "- Ban Thi đua - Khen thưởng tỉnh;",
                "- Các đơn vị thành viên Khối;",
                "- Lưu: VT."
            ]
        );
        assert_eq!(recipient_lines(&settings_with(&[])), vec!["- Lưu: VT."]);
    }

    #[test]
    fn an_empty_number_takes_the_issuers_code() {
        let meta = DocumentMeta::default();
        assert_eq!(
            number_line(&meta, "BC", Some("KTĐ"), false),
            "Số:        /BC-KTĐ"
        );
        assert_eq!(number_line(&meta, "BC", None, false), "Số:        /BC");
        let meta = DocumentMeta {
            number: Some("15/BC-KTĐ".into()),
            ..DocumentMeta::default()
        };
        assert_eq!(number_line(&meta, "BC", Some("X"), true), "Số: 15/BC-KTĐ*");
    }

    #[test]
    fn dates_in_the_decree_form() {
        let d = Date::new(2014, 2, 5).unwrap();
        assert_eq!(
            dated_line("Lai Châu", Some(d), 2014),
            "Lai Châu, ngày 05 tháng 02 năm 2014"
        );
        let d = Date::new(2013, 6, 21).unwrap();
        assert_eq!(
            dated_line("Lai Châu", Some(d), 2013),
            "Lai Châu, ngày 21 tháng 6 năm 2013"
        );
        assert_eq!(created(Some(d), 2013), "2013-06-21T00:00:00Z");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(12), "XII");
        assert_eq!(super::super::report::letter(0), "a");
        assert_eq!(super::super::report::letter(7), "h");
        assert_eq!(super::super::report::letter(26), "aa");
    }

    #[test]
    fn a_heading_of_the_narrative_leads_into_its_paragraph() {
        let blocks = markdown_blocks("Mở đầu.\n\n## Đánh giá chung\n\nNhìn chung, tốt.\n");
        assert_eq!(blocks.len(), 2);
        let DocBlock::Paragraph(spans) = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!(spans[0].text, "Đánh giá chung. ");
        assert!(spans[0].bold);
        assert_eq!(spans[1].text, "Nhìn chung, tốt.");
    }
}
