//! The review and the scoring table as Word documents laid out as Nghị định 30/2020/NĐ-CP
//! (Phụ lục I) prescribes for an administrative document: A4, Times New Roman 14 pt, the
//! two-column header (issuer and số on the left, the national title, motto, place and date on
//! the right), the type and subject centred, the body, then *Nơi nhận* and the signature side
//! by side; page numbers centred at the top from page 2. The scoring table is a landscape page.
//!
//! Everything is built with `docx-rs`; no XML is written by hand. Paragraph ids come from a
//! counter of the document itself (not the crate's per-thread one), so two builds give the same
//! bytes whichever thread of the pool renders the document.

use std::cell::Cell;

use docx_rs::{
    AlignmentType, BorderType, Docx, Header, LineSpacing, LineSpacingType, PageMargin, PageNum,
    PageNumType, PageOrientationType, PageSize, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Section, SpecialIndentType, Table,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

use super::text::{Block, BlockKind, Span};
use super::{ReportDocument, ScoringDocument, issuer_lines, recipient_lines};
use crate::model::DocumentSettings;

/// A4 in twentieths of a point.
pub(super) const A4_SHORT: u32 = 11906;
pub(super) const A4_LONG: u32 = 16838;
/// 20 mm top and bottom, 30 mm left, 15 mm right (Phụ lục I, Mục I.5).
const MARGIN_TOP: i32 = 1134;
const MARGIN_BOTTOM: i32 = 1134;
const MARGIN_LEFT: i32 = 1701;
const MARGIN_RIGHT: i32 = 851;
const MARGIN_HEADER: i32 = 567;
/// Text width of a portrait page: 9354 twips.
pub(super) const PORTRAIT_WIDTH: usize = (A4_SHORT as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;
pub(super) const LANDSCAPE_WIDTH: usize = (A4_LONG as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;
/// Cell padding Word puts on each side of a table cell (0.19 cm).
pub(super) const CELL_PADDING: i32 = 108;

pub const FONT: &str = "Times New Roman";
/// Half-points: 14 pt body text, 13 pt for the số and date, 12 pt for the header's left column
/// and the national title, 11 pt for the recipients and table cells.
pub(super) const BODY: usize = 28;
pub(super) const SIZE_13: usize = 26;
pub(super) const SIZE_12: usize = 24;
pub(super) const SIZE_11: usize = 22;
pub(super) const SIZE_10: usize = 20;

/// A document being assembled: its own paragraph ids, so the output never depends on which
/// thread built it.
pub(super) struct Builder {
    next_id: Cell<u32>,
}

impl Builder {
    pub(super) fn new() -> Builder {
        Builder {
            next_id: Cell::new(0x1000_0001),
        }
    }

    pub(super) fn p(&self) -> Paragraph {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        Paragraph::new().id(format!("{id:08X}"))
    }

    /// A paragraph with a single run of `text`.
    pub(super) fn line(&self, text: &str, size: usize) -> Paragraph {
        self.p().add_run(Run::new().add_text(text).size(size))
    }

    pub(super) fn centred(&self, text: &str, size: usize) -> Paragraph {
        self.line(text, size).align(AlignmentType::Center)
    }

    pub(super) fn centred_bold(&self, text: &str, size: usize) -> Paragraph {
        self.p()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(text).size(size).bold())
    }

    /// A short solid rule `width` twips long, centred in a column `column` twips wide: an empty
    /// paragraph of exact small height with a bottom border, narrowed by its indents.
    pub(super) fn rule(&self, column: i32, width: i32) -> Paragraph {
        let side = ((column - 2 * CELL_PADDING - width) / 2).max(0);
        let mut p = self
            .p()
            .indent(Some(side), None, Some(side), None)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(100)
                    .before(0)
                    .after(0),
            )
            .add_run(Run::new().size(4));
        p.property = p.property.set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(6)
                    .space(0)
                    .color("000000"),
            ),
        );
        p
    }

    /// A body paragraph: justified, first line indented 1 cm, 6 pt after, 1.2 lines.
    pub(super) fn body(&self, spans: &[Span], size: usize) -> Paragraph {
        let mut p = self
            .p()
            .align(AlignmentType::Both)
            .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
            .line_spacing(body_spacing());
        for span in spans {
            p = p.add_run(span_run(span, size));
        }
        p
    }

    /// A heading of the body: `I. KẾT QUẢ …` or `1. Hội Luật gia …`, bold, left aligned with
    /// the first-line indent of the body.
    pub(super) fn heading(&self, text: &str) -> Paragraph {
        self.p()
            .align(AlignmentType::Both)
            .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
            .line_spacing(body_spacing().before(120))
            .keep_next(true)
            .add_run(Run::new().add_text(text).size(BODY).bold())
    }

    pub(super) fn blocks(&self, blocks: &[Block]) -> Vec<Paragraph> {
        blocks
            .iter()
            .map(|block| match block.kind {
                BlockKind::Heading => {
                    let text: String = block.spans.iter().map(|s| s.text.as_str()).collect();
                    self.heading(&text)
                }
                BlockKind::Item => {
                    let mut spans = vec![Span::plain("- ")];
                    spans.extend(block.spans.iter().cloned());
                    self.body(&spans, BODY)
                }
                BlockKind::Paragraph => self.body(&block.spans, BODY),
            })
            .collect()
    }

    /// A table cell `width` twips wide holding one paragraph.
    pub(super) fn cell(&self, width: usize, paragraph: Paragraph) -> TableCell {
        TableCell::new()
            .width(width, WidthType::Dxa)
            .vertical_align(VAlignType::Center)
            .add_paragraph(paragraph)
    }

    pub(super) fn cell_text(
        &self,
        width: usize,
        text: &str,
        size: usize,
        align: AlignmentType,
    ) -> TableCell {
        self.cell(
            width,
            self.p()
                .align(align)
                .line_spacing(tight())
                .add_run(Run::new().add_text(text).size(size)),
        )
    }

    pub(super) fn cell_bold(&self, width: usize, text: &str, size: usize) -> TableCell {
        self.cell(
            width,
            self.p()
                .align(AlignmentType::Center)
                .line_spacing(tight())
                .add_run(Run::new().add_text(text).size(size).bold()),
        )
    }

    /// The national header: a borderless table of two columns; the issuer and số on the left,
    /// the national title, motto and place-and-date on the right (Mục IV, ô 1–4). `Số` and the
    /// date sit in a second row so they share a line even when the issuer wraps.
    pub(super) fn national_header(
        &self,
        settings: &DocumentSettings,
        number: &str,
        dated: &str,
        total: usize,
    ) -> Table {
        // At 30/15 mm margins the decree's templates use ≈ 41 % | 59 % of the text width.
        let left = total * 41 / 100;
        let right = total - left;
        let mut left_cell = TableCell::new()
            .width(left, WidthType::Dxa)
            .vertical_align(VAlignType::Top);
        if let Some(parent) = settings.parent {
            left_cell = left_cell.add_paragraph(
                self.centred(&parent.to_uppercase(), SIZE_12)
                    .line_spacing(tight()),
            );
        }
        for line in issuer_lines(settings) {
            left_cell =
                left_cell.add_paragraph(self.centred_bold(&line, SIZE_12).line_spacing(tight()));
        }
        // The rule under the issuer: a third to a half of its text.
        left_cell = left_cell.add_paragraph(self.rule(left as i32, 1300));
        let right_cell = TableCell::new()
            .width(right, WidthType::Dxa)
            .vertical_align(VAlignType::Top)
            .add_paragraph(
                self.centred_bold(super::NATIONAL_TITLE, SIZE_12)
                    .line_spacing(tight()),
            )
            .add_paragraph(
                self.centred_bold(super::MOTTO, SIZE_13)
                    .line_spacing(tight()),
            )
            // As long as the motto: 56 mm at 13 pt bold.
            .add_paragraph(self.rule(right as i32, 3180));
        let second = TableRow::new(vec![
            self.cell(
                left,
                self.p()
                    .align(AlignmentType::Center)
                    .line_spacing(tight().before(120))
                    .add_run(Run::new().add_text(number).size(SIZE_13)),
            ),
            self.cell(
                right,
                self.p()
                    .align(AlignmentType::Center)
                    .line_spacing(tight().before(120))
                    .add_run(Run::new().add_text(dated).size(SIZE_13).italic()),
            ),
        ]);
        Table::new(vec![TableRow::new(vec![left_cell, right_cell]), second])
            .set_grid(vec![left, right])
            .width(total, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .clear_all_border()
    }

    /// Type and subject (ô 5a, 5b): `BÁO CÁO` / `Sơ kết công tác thi đua …`, with a short rule.
    pub(super) fn title(&self, kind: &str, subject: &str, width: usize) -> Vec<Paragraph> {
        vec![
            self.centred_bold(kind, BODY)
                .line_spacing(tight().before(360)),
            self.centred_bold(subject, BODY).line_spacing(tight()),
            self.rule(width as i32 + 2 * CELL_PADDING, 1800),
            self.p()
                .line_spacing(tight())
                .add_run(Run::new().size(SIZE_12)),
        ]
    }

    /// A centred italic line saying which figures are sample data.
    pub(super) fn sample_note(&self, note: &str) -> Paragraph {
        self.p()
            .align(AlignmentType::Center)
            .line_spacing(tight().after(120))
            .add_run(Run::new().add_text(note).size(SIZE_13).italic())
    }

    /// *Nơi nhận* (left) and the signature block (right), side by side (ô 7, 9b).
    pub(super) fn signature(&self, settings: &DocumentSettings, total: usize) -> Table {
        let left = total * 38 / 100;
        let right = total - left;
        let mut recipients = TableCell::new()
            .width(left, WidthType::Dxa)
            .vertical_align(VAlignType::Top)
            .add_paragraph(
                self.p().line_spacing(tight()).add_run(
                    Run::new()
                        .add_text("Nơi nhận:")
                        .size(SIZE_12)
                        .bold()
                        .italic(),
                ),
            );
        for line in recipient_lines(settings) {
            recipients = recipients.add_paragraph(
                self.p()
                    .line_spacing(tight())
                    .add_run(Run::new().add_text(&line).size(SIZE_11)),
            );
        }
        let signer = &settings.signer;
        let mut block = TableCell::new()
            .width(right, WidthType::Dxa)
            .vertical_align(VAlignType::Top);
        if let Some(on_behalf) = &signer.on_behalf {
            block = block.add_paragraph(
                self.centred_bold(&on_behalf.to_uppercase(), BODY)
                    .line_spacing(tight()),
            );
        }
        block = block.add_paragraph(
            self.centred_bold(&signer.title.to_uppercase(), BODY)
                .line_spacing(tight()),
        );
        // Room for the signature and the seal.
        for _ in 0..4 {
            block = block.add_paragraph(
                self.p()
                    .line_spacing(tight())
                    .add_run(Run::new().size(BODY)),
            );
        }
        block = block.add_paragraph(self.centred_bold(&signer.name, BODY).line_spacing(tight()));
        Table::new(vec![TableRow::new(vec![recipients, block]).cant_split()])
            .margins(TableCellMargins::new().margin_top(240, WidthType::Dxa))
            .set_grid(vec![left, right])
            .width(total, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .clear_all_border()
    }

    /// The running header: the page number centred at the top (not on page 1, see `title_pg`).
    pub(super) fn page_number_header(&self) -> Header {
        Header::new().add_paragraph(
            self.p()
                .align(AlignmentType::Center)
                .add_page_num(PageNum::new())
                .size(BODY),
        )
    }
}

/// Data tables keep 1 mm of padding in a cell, so `5,75` fits a 1 cm column.
pub(super) fn narrow_cells() -> TableCellMargins {
    TableCellMargins::new()
        .margin_left(57, WidthType::Dxa)
        .margin_right(57, WidthType::Dxa)
        .margin_top(20, WidthType::Dxa)
        .margin_bottom(20, WidthType::Dxa)
}

pub(super) fn body_spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(288)
        .before(0)
        .after(120)
}

pub(super) fn tight() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(240)
        .before(0)
        .after(0)
}

fn span_run(span: &Span, size: usize) -> Run {
    let mut run = Run::new().add_text(&span.text).size(size);
    if span.bold {
        run = run.bold();
    }
    if span.italic {
        run = run.italic();
    }
    run
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

/// A document with the decree's page, font and running header; `landscape` for the scoring
/// table. `created` (an ISO date) fixes the dates of docProps/core.xml.
pub(super) fn document(builder: &Builder, landscape: bool, created: &str) -> Docx {
    let (width, height, orient) = if landscape {
        (A4_LONG, A4_SHORT, PageOrientationType::Landscape)
    } else {
        (A4_SHORT, A4_LONG, PageOrientationType::Portrait)
    };
    Docx::new()
        .default_fonts(fonts())
        .default_size(BODY)
        .page_size(width, height)
        .page_orient(orient)
        .page_margin(margins(landscape))
        .header(builder.page_number_header())
        .title_pg()
        .created_at(created)
        .updated_at(created)
}

/// The decree's margins; a landscape page keeps 15 mm at the bottom as its own templates do.
pub(super) fn margins(landscape: bool) -> PageMargin {
    PageMargin::new()
        .top(MARGIN_TOP)
        .bottom(if landscape { 851 } else { MARGIN_BOTTOM })
        .left(MARGIN_LEFT)
        .right(MARGIN_RIGHT)
        .header(MARGIN_HEADER)
        .footer(MARGIN_HEADER)
        .gutter(0)
}

pub(super) fn pack(docx: Docx) -> Result<Vec<u8>, String> {
    let mut buffer = std::io::Cursor::new(Vec::with_capacity(32 * 1024));
    docx.build().pack(&mut buffer).map_err(|e| e.to_string())?;
    Ok(buffer.into_inner())
}

/// `bao-cao-<period>.docx`.
/// A paragraph or a table of the body, before it goes into its section.
enum Child {
    P(Box<Paragraph>),
    T(Box<Table>),
}

impl Child {
    pub(super) fn p(p: Paragraph) -> Child {
        Child::P(Box::new(p))
    }

    fn t(t: Table) -> Child {
        Child::T(Box::new(t))
    }
}

/// Shared tables wider than this many metrics go to a landscape appendix (the decree's
/// templates keep a portrait table to about seven columns).
const PORTRAIT_SHARED_COLUMNS: usize = 5;

pub fn report(settings: &DocumentSettings, doc: &ReportDocument) -> Result<Vec<u8>, String> {
    let b = Builder::new();
    let mut body: Vec<Child> = Vec::new();
    body.push(Child::t(b.national_header(
        settings,
        &doc.number,
        &doc.dated,
        PORTRAIT_WIDTH,
    )));
    body.extend(
        b.title("BÁO CÁO", &doc.subject, PORTRAIT_WIDTH)
            .into_iter()
            .map(Child::p),
    );
    if let Some(note) = &doc.sample_note {
        body.push(Child::p(b.sample_note(note)));
    }
    body.extend(b.blocks(&doc.narrative).into_iter().map(Child::p));
    body.push(Child::p(b.heading(&doc.results_heading)));
    let spacer = |b: &Builder| {
        b.p()
            .line_spacing(tight())
            .add_run(Run::new().size(SIZE_12))
    };
    for (n, member) in doc.members.iter().enumerate() {
        body.push(Child::p(b.heading(&format!("{}. {}", n + 1, member.name))));
        body.extend(b.blocks(&member.summary).into_iter().map(Child::p));
        if !member.figures.is_empty() {
            body.push(Child::t(figures_table(&b, member)));
            body.push(Child::p(spacer(&b)));
        }
        body.extend(b.blocks(&member.highlights).into_iter().map(Child::p));
    }
    let appendix = doc
        .shared
        .as_ref()
        .filter(|s| s.columns.len() > PORTRAIT_SHARED_COLUMNS);
    if let Some(shared) = &doc.shared {
        body.push(Child::p(b.heading(&format!(
            "{}. Tổng hợp chỉ tiêu chung của Khối",
            doc.members.len() + 1
        ))));
        if appendix.is_some() {
            body.push(Child::p(b.body(
                &[Span::plain(
                    "Số liệu các chỉ tiêu chung của Khối tổng hợp tại Phụ lục kèm theo Báo cáo này.",
                )],
                BODY,
            )));
        } else {
            body.push(Child::t(shared_table(&b, shared, PORTRAIT_WIDTH)));
            body.push(Child::p(spacer(&b)));
        }
    }
    if let Some((heading, text)) = &doc.assessment {
        body.push(Child::p(b.heading(heading)));
        body.extend(b.blocks(text).into_iter().map(Child::p));
    }
    if let Some(heading) = &doc.directions_heading {
        body.push(Child::p(b.heading(heading)));
    }
    let mut section = 1;
    if !doc.common_tasks.is_empty() {
        body.push(Child::p(
            b.heading(&format!("{section}. Nhiệm vụ chung của Khối")),
        ));
        section += 1;
        body.extend(b.blocks(&doc.common_tasks).into_iter().map(Child::p));
    }
    let planning: Vec<_> = doc
        .members
        .iter()
        .filter(|m| !m.plans.is_empty() || !m.targets.is_empty())
        .collect();
    if !planning.is_empty() {
        body.push(Child::p(b.heading(&format!(
            "{section}. Nhiệm vụ của các đơn vị thành viên"
        ))));
        for member in planning {
            body.push(Child::p(b.body(
                &[Span {
                    text: format!("{}:", member.name),
                    bold: false,
                    italic: true,
                }],
                BODY,
            )));
            body.extend(b.blocks(&member.plans).into_iter().map(Child::p));
            if !member.targets.is_empty() {
                body.push(Child::p(b.body(
                    &[Span::plain(&format!(
                        "- Chỉ tiêu {}: {}.",
                        doc.next_period,
                        member.targets.join("; ")
                    ))],
                    BODY,
                )));
            }
        }
    }
    if let Some((heading, text)) = &doc.recommendations {
        body.push(Child::p(b.heading(heading)));
        body.extend(b.blocks(text).into_iter().map(Child::p));
    }
    body.push(Child::p(b.body(&[Span::plain(&doc.closing)], BODY)));
    body.push(Child::t(b.signature(settings, PORTRAIT_WIDTH)));

    let Some(shared) = appendix else {
        let mut docx = document(&b, false, &doc.created);
        for child in body {
            docx = match child {
                Child::P(p) => docx.add_paragraph(*p),
                Child::T(t) => docx.add_table(*t),
            };
        }
        return pack(docx);
    };
    // The report in a portrait section of its own, then the appendix: a landscape section
    // whose pages are numbered from 1 (Phụ lục I, Mục III.3).
    let mut main = Section::new()
        .page_size(
            PageSize::new()
                .size(A4_SHORT, A4_LONG)
                .orient(PageOrientationType::Portrait),
        )
        .page_margin(margins(false))
        .header(b.page_number_header())
        .title_pg();
    for child in body {
        main = match child {
            Child::P(p) => main.add_paragraph(*p),
            Child::T(t) => main.add_table(*t),
        };
    }
    let mut docx = document(&b, true, &doc.created)
        .page_num_type(PageNumType::new().start(1))
        .add_section(main);
    docx = docx
        .add_paragraph(b.centred_bold("Phụ lục", BODY).line_spacing(tight()))
        .add_paragraph(
            b.centred_bold("TỔNG HỢP CHỈ TIÊU CHUNG CỦA KHỐI", BODY)
                .line_spacing(tight()),
        )
        .add_paragraph(
            b.p()
                .align(AlignmentType::Center)
                .line_spacing(tight().after(240))
                .add_run(Run::new().add_text(&doc.attached).size(BODY).italic()),
        )
        .add_table(shared_table(&b, shared, LANDSCAPE_WIDTH));
    pack(docx)
}

/// STT | Chỉ tiêu | Đơn vị tính | Kết quả | Kỳ trước | Tăng, giảm | % kế hoạch
fn figures_table(b: &Builder, member: &super::MemberFigures) -> Table {
    let widths = [650, 3304, 1200, 1100, 1100, 1000, 1000];
    let headers = [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kết quả",
        "Kỳ trước",
        "Tăng, giảm",
        "% kế hoạch",
    ];
    let mut rows = vec![
        TableRow::new(
            widths
                .iter()
                .zip(headers)
                .map(|(w, h)| b.cell_bold(*w, h, SIZE_11))
                .collect(),
        )
        .cant_split(),
    ];
    for (i, f) in member.figures.iter().enumerate() {
        let cells = [
            (format!("{}", i + 1), AlignmentType::Center),
            (f.label.clone(), AlignmentType::Left),
            (f.unit.clone(), AlignmentType::Center),
            (f.value.clone(), AlignmentType::Right),
            (f.previous.clone(), AlignmentType::Right),
            (f.change.clone(), AlignmentType::Right),
            (f.target_percent.clone(), AlignmentType::Right),
        ];
        rows.push(
            TableRow::new(
                widths
                    .iter()
                    .zip(cells)
                    .map(|(w, (text, align))| b.cell_text(*w, &text, SIZE_11, align))
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(PORTRAIT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(narrow_cells())
}

/// Đơn vị | one column per shared metric; a total row.
fn shared_table(b: &Builder, shared: &super::SharedFigures, width: usize) -> Table {
    let first = 600 + 2400;
    let rest = width - first;
    let each = rest / shared.columns.len().max(1);
    let mut widths = vec![600, 2400];
    widths.extend(std::iter::repeat_n(each, shared.columns.len()));
    let size = if shared.columns.len() > 4 {
        SIZE_10
    } else {
        SIZE_11
    };
    let mut header = vec![
        b.cell_bold(600, "STT", size),
        b.cell_bold(2400, "Đơn vị", size),
    ];
    for (label, unit) in &shared.columns {
        let text = if unit.is_empty() {
            label.clone()
        } else {
            format!("{label} ({unit})")
        };
        header.push(b.cell_bold(each, &text, size));
    }
    let mut rows = vec![TableRow::new(header).cant_split()];
    for (i, (name, values)) in shared.rows.iter().enumerate() {
        let mut cells = vec![
            b.cell_text(600, &format!("{}", i + 1), size, AlignmentType::Center),
            b.cell_text(2400, name, size, AlignmentType::Left),
        ];
        for v in values {
            cells.push(b.cell_text(each, v, size, AlignmentType::Right));
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    let mut total = vec![
        b.cell_text(600, "", size, AlignmentType::Center),
        b.cell_bold(2400, "Cộng", size),
    ];
    for v in &shared.totals {
        total.push(
            b.cell(
                each,
                b.p()
                    .align(AlignmentType::Right)
                    .line_spacing(tight())
                    .add_run(Run::new().add_text(v).size(size).bold()),
            ),
        );
    }
    rows.push(TableRow::new(total).cant_split());
    Table::new(rows)
        .set_grid(widths)
        .width(width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(narrow_cells())
}

/// `bang-diem-<period>.docx`: one landscape section with the header, the scoring table (two
/// header rows: the groups, then their criteria) and the signature.
pub fn scoring(settings: &DocumentSettings, doc: &ScoringDocument) -> Result<Vec<u8>, String> {
    let b = Builder::new();
    let mut docx = document(&b, true, &doc.created);
    docx = docx.add_table(b.national_header(settings, &doc.number, &doc.dated, LANDSCAPE_WIDTH));
    for p in b.title("BẢNG TỔNG HỢP", &doc.subject, LANDSCAPE_WIDTH) {
        docx = docx.add_paragraph(p);
    }
    if let Some(note) = &doc.sample_note {
        docx = docx.add_paragraph(b.sample_note(note));
    }
    docx = docx.add_table(scoring_table(&b, doc));
    docx = docx.add_paragraph(
        b.p()
            .line_spacing(tight())
            .add_run(Run::new().size(SIZE_12)),
    );
    docx = docx.add_paragraph(
        b.p().line_spacing(tight().after(60)).add_run(
            Run::new()
                .add_text("Ghi chú:")
                .size(SIZE_13)
                .bold()
                .italic(),
        ),
    );
    for line in &doc.legend {
        docx = docx.add_paragraph(
            b.p()
                .align(AlignmentType::Both)
                .line_spacing(tight())
                .add_run(Run::new().add_text(line).size(SIZE_13)),
        );
    }
    docx = docx.add_paragraph(b.body(&[Span::plain(&doc.closing)], BODY));
    docx = docx.add_table(b.signature(settings, LANDSCAPE_WIDTH));
    pack(docx)
}

fn scoring_table(b: &Builder, doc: &ScoringDocument) -> Table {
    let criteria: usize = doc.groups.iter().map(|g| g.criteria.len()).sum();
    // STT, member, then the criteria, adjustments, total, rank and award.
    let (stt, adjust, total_w, rank_w, award_w) =
        (600usize, 800usize, 800usize, 700usize, 2000usize);
    let name_min = 2000usize;
    let others = stt + adjust + total_w + rank_w + award_w;
    let each = ((LANDSCAPE_WIDTH - others - name_min) / criteria.max(1)).min(560);
    let name_width = LANDSCAPE_WIDTH - others - each * criteria;
    let size = if criteria > 10 { SIZE_10 } else { SIZE_11 };
    let mut grid = vec![stt, name_width];
    grid.extend(std::iter::repeat_n(each, criteria));
    grid.extend([adjust, total_w, rank_w, award_w]);

    let merged = |w: usize, text: &str, restart: bool| {
        let cell = if restart {
            b.cell_bold(w, text, size)
        } else {
            b.cell_text(w, "", size, AlignmentType::Center)
        };
        cell.vertical_merge(if restart {
            VMergeType::Restart
        } else {
            VMergeType::Continue
        })
    };
    let tail = [
        (adjust, "Điểm cộng, trừ"),
        (total_w, "Tổng điểm"),
        (rank_w, "Xếp hạng"),
        (award_w, "Khen thưởng đề nghị"),
    ];
    let mut first = vec![merged(600, "STT", true), merged(name_width, "Đơn vị", true)];
    for group in &doc.groups {
        first.push(
            b.cell_bold(each * group.criteria.len(), &group.heading, size)
                .grid_span(group.criteria.len()),
        );
    }
    for (w, text) in tail {
        first.push(merged(w, text, true));
    }
    let mut second = vec![merged(600, "", false), merged(name_width, "", false)];
    for group in &doc.groups {
        for (id, _) in &group.criteria {
            second.push(b.cell_bold(each, id, size));
        }
    }
    for (w, _) in tail {
        second.push(merged(w, "", false));
    }
    let mut rows = vec![
        TableRow::new(first).cant_split(),
        TableRow::new(second).cant_split(),
    ];
    // The maximum of every criterion first (*điểm chuẩn*).
    let mut max_row = vec![
        b.cell_text(600, "", size, AlignmentType::Center),
        b.cell(
            name_width,
            b.p()
                .line_spacing(tight())
                .add_run(Run::new().add_text("Điểm chuẩn").size(size).italic()),
        ),
    ];
    for group in &doc.groups {
        for (_, max) in &group.criteria {
            max_row.push(b.cell_text(each, max, size, AlignmentType::Center));
        }
    }
    max_row.push(b.cell_text(adjust, "", size, AlignmentType::Center));
    max_row.push(b.cell_text(total_w, &doc.max_total, size, AlignmentType::Center));
    max_row.push(b.cell_text(rank_w, "", size, AlignmentType::Center));
    max_row.push(b.cell_text(award_w, "", size, AlignmentType::Center));
    rows.push(TableRow::new(max_row).cant_split());
    for (i, row) in doc.rows.iter().enumerate() {
        let mut cells = vec![
            b.cell_text(600, &format!("{}", i + 1), size, AlignmentType::Center),
            b.cell_text(name_width, &row.name, size, AlignmentType::Left),
        ];
        for score in &row.scores {
            cells.push(b.cell_text(each, score, size, AlignmentType::Center));
        }
        cells.push(b.cell_text(900, &row.adjustments, size, AlignmentType::Center));
        cells.push(
            b.cell(
                1000,
                b.p()
                    .align(AlignmentType::Center)
                    .line_spacing(tight())
                    .add_run(Run::new().add_text(&row.total).size(size).bold()),
            ),
        );
        cells.push(b.cell_text(rank_w, &row.rank, size, AlignmentType::Center));
        cells.push(b.cell_text(award_w, &row.award, size, AlignmentType::Left));
        rows.push(TableRow::new(cells).cant_split());
    }
    Table::new(rows)
        .set_grid(grid)
        .width(LANDSCAPE_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(narrow_cells())
}
