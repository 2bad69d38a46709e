//! The review and the scoring as Word documents laid out as Nghị định 30/2020/NĐ-CP (Phụ lục
//! I) prescribes for an administrative document: A4, Times New Roman 14 pt, the two-column
//! header (issuer and số on the left, the national title, motto, place and date on the right),
//! the type and subject centred, the body in numbered sections, then *Nơi nhận* and the
//! signature side by side, kept on the page of the closing paragraph; page numbers centred at
//! the top from page 2. Appendices (*Phụ lục*) are landscape sections numbered from 1; the
//! scoring's own document is its appendix standing alone.
//!
//! Everything is built with `docx-rs`, then two parts it cannot write are completed in the
//! package ([`finish`]): the document language (vi-VN, so Word and LibreOffice check Vietnamese
//! spelling) and the author (the issuer; docx-rs writes "unknown"). Paragraph ids come from a
//! counter of the document itself (not the crate's per-thread one), so two builds give the same
//! bytes whichever thread of the pool renders the document.

use std::cell::Cell as Counter;
use std::io::{Read, Write};

use docx_rs::{
    AlignmentType, BorderType, Docx, Header, LineSpacing, LineSpacingType, PageMargin, PageNum,
    PageNumType, PageOrientationType, PageSize, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Section, SpecialIndentType, Table,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

use super::text::{Block, BlockKind, Span};
use super::{
    Align, Appendix, AppendixBody, DocBlock, DocTable, ReportDocument, ScoringDocument,
    ScoringTable, issuer_lines, recipient_lines,
};
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
const CELL_PADDING: i32 = 108;
/// Padding of the data tables' cells (1 mm a side), so `5,75` fits a 1 cm column.
const DATA_PADDING: usize = 57;
/// What a column needs besides its text: the cell's padding and a margin for the word
/// processor's rounding.
const PAD: usize = 2 * DATA_PADDING + 60;
/// Room for the signature and the seal between the signer's title and name: 31 mm (the
/// decree's sample leaves about 30 mm; the seal covers a third of the signature).
const SIGNATURE_SPACE: i32 = 1760;

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
    next_id: Counter<u32>,
}

impl Builder {
    pub(super) fn new() -> Builder {
        Builder {
            next_id: Counter::new(0x1000_0001),
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

    fn centred_italic(&self, text: &str, size: usize) -> Paragraph {
        self.p()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(text).size(size).italic())
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

    /// An empty paragraph of exactly `height` twips.
    fn space(&self, height: i32) -> Paragraph {
        self.p()
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(height)
                    .before(0)
                    .after(0),
            )
            .add_run(Run::new().size(SIZE_12))
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

    /// A heading of the body (`I. KẾT QUẢ …` bold, `1. …` bold, `a) …` upright), with the
    /// first-line indent of the body, kept with what follows.
    pub(super) fn heading(&self, text: &str, bold: bool) -> Paragraph {
        let run = Run::new().add_text(text).size(BODY);
        self.p()
            .align(AlignmentType::Left)
            .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
            .line_spacing(body_spacing().before(120))
            .keep_next(true)
            .add_run(if bold { run.bold() } else { run })
    }

    /// Markdown blocks as body paragraphs (the year's documents: Tờ trình, Biên bản).
    pub(super) fn text_blocks(&self, blocks: &[Block]) -> Vec<Paragraph> {
        blocks
            .iter()
            .map(|block| match block.kind {
                BlockKind::Heading => {
                    let text: String = block.spans.iter().map(|s| s.text.as_str()).collect();
                    self.heading(&text, true)
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

    fn blocks(&self, blocks: &[DocBlock], width: usize) -> Vec<Child> {
        let mut out = Vec::new();
        for block in blocks {
            match block {
                DocBlock::Heading(text) => out.push(Child::p(self.heading(text, true))),
                DocBlock::Subheading(text) => out.push(Child::p(self.heading(text, false))),
                DocBlock::Item(spans) => {
                    let mut all = vec![Span::plain("- ")];
                    all.extend(spans.iter().cloned());
                    out.push(Child::p(self.body(&all, BODY)));
                }
                DocBlock::Paragraph(spans) => out.push(Child::p(self.body(spans, BODY))),
                DocBlock::Table(table) => {
                    out.push(Child::t(self.table(table, width)));
                    out.push(Child::p(self.space(200)));
                }
            }
        }
        out
    }

    /// A table cell `width` twips wide holding one paragraph.
    pub(super) fn cell(&self, width: usize, paragraph: Paragraph) -> TableCell {
        TableCell::new()
            .width(width, WidthType::Dxa)
            .vertical_align(VAlignType::Center)
            .add_paragraph(paragraph)
    }

    /// A cell of a data table; its paragraph is kept with the next one, so a table is not
    /// broken across pages when it can fit on one (and never leaves its heading row alone).
    pub(super) fn cell_text(
        &self,
        width: usize,
        text: &str,
        size: usize,
        align: AlignmentType,
    ) -> TableCell {
        self.data_cell(width, Run::new().add_text(text).size(size), align)
    }

    /// [`Self::cell_text`] in bold.
    pub(super) fn cell_bold(
        &self,
        width: usize,
        text: &str,
        size: usize,
        align: AlignmentType,
    ) -> TableCell {
        self.data_cell(width, Run::new().add_text(text).size(size).bold(), align)
    }

    fn data_cell(&self, width: usize, run: Run, align: AlignmentType) -> TableCell {
        let paragraph = self.p().align(align).line_spacing(tight()).keep_next(true);
        self.cell(width, paragraph.add_run(run))
    }

    /// A data table: the header row in bold, the columns as wide as their text asks (no word
    /// of a heading broken), the wide column taking the rest; rows never split.
    fn table(&self, table: &DocTable, width: usize) -> Table {
        let size = if table.head.len() > 8 {
            SIZE_10
        } else {
            SIZE_11
        };
        let texts: Vec<ColumnText> = (0..table.head.len())
            .map(|c| ColumnText {
                head: vec![table.head[c].as_str()],
                cells: table
                    .rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|c| c.text.as_str())
                    .collect(),
            })
            .collect();
        let widths = column_widths(&texts, table.wide, width, size);
        let mut rows = vec![
            TableRow::new(
                widths
                    .iter()
                    .zip(&table.head)
                    .map(|(w, h)| self.cell_bold(*w, h, size, AlignmentType::Center))
                    .collect(),
            )
            .cant_split(),
        ];
        for row in &table.rows {
            let cells = widths
                .iter()
                .zip(row)
                .zip(&table.align)
                .map(|((w, cell), align)| {
                    let align = alignment(*align);
                    if cell.bold {
                        self.cell_bold(*w, &cell.text, size, align)
                    } else {
                        self.cell_text(*w, &cell.text, size, align)
                    }
                })
                .collect();
            rows.push(TableRow::new(cells).cant_split());
        }
        Table::new(rows)
            .set_grid(widths.clone())
            .width(widths.iter().sum(), WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(narrow_cells())
    }

    /// The scoring table: STT, member, the criteria under their groups (two header rows), the
    /// tail columns (self-assessment, adjustments, total, rank, award); the maximum of every
    /// criterion first.
    fn scoring_table(&self, t: &ScoringTable, width: usize) -> Table {
        let size = SIZE_10;
        let criteria = t.criteria.len().max(1);
        // Each criterion column fits its id and scores, and each group's heading fits, word by
        // word, across its criteria.
        let mut each = t
            .criteria
            .iter()
            .map(|(id, max)| word_width(id, size, true).max(word_width(max, size, false)))
            .chain(
                t.rows
                    .iter()
                    .flat_map(|r| &r.scores)
                    .map(|s| word_width(s, size, false)),
            )
            .max()
            .unwrap_or(0)
            + PAD;
        for (heading, span) in &t.groups {
            let needed = longest_word(heading, size, true) + PAD;
            each = each.max(needed.div_ceil((*span).max(1)));
        }
        let mut texts = vec![
            ColumnText {
                head: vec!["STT"],
                cells: t.rows.iter().map(|_| "10").collect(),
            },
            ColumnText {
                head: vec!["Đơn vị"],
                cells: t.rows.iter().map(|r| r.name.as_str()).collect(),
            },
        ];
        for (i, head) in t.tail.iter().enumerate() {
            texts.push(ColumnText {
                head: vec![head.as_str()],
                cells: t
                    .rows
                    .iter()
                    .filter_map(|r| r.tail.get(i))
                    .map(String::as_str)
                    .collect(),
            });
        }
        // The award is the wide column when there is one (its text is long); else the name.
        let wide = if texts.len() > 2 && t.tail.len() > t.total_column + 2 {
            texts.len() - 1
        } else {
            1
        };
        let rest = width.saturating_sub(each * criteria);
        let widths = column_widths(&texts, wide, rest, size);
        let (stt, name) = (widths[0], widths[1]);
        let tail = &widths[2..];
        let mut grid = vec![stt, name];
        grid.extend(std::iter::repeat_n(each, criteria));
        grid.extend(tail.iter().copied());

        let merged = |w: usize, text: &str, restart: bool| {
            let cell = if restart {
                self.cell_bold(w, text, size, AlignmentType::Center)
            } else {
                self.cell_text(w, "", size, AlignmentType::Center)
            };
            cell.vertical_merge(if restart {
                VMergeType::Restart
            } else {
                VMergeType::Continue
            })
        };
        let mut first = vec![merged(stt, "STT", true), merged(name, "Đơn vị", true)];
        for (heading, span) in &t.groups {
            first.push(
                self.cell_bold(each * span, heading, size, AlignmentType::Center)
                    .grid_span(*span),
            );
        }
        for (w, text) in tail.iter().zip(&t.tail) {
            first.push(merged(*w, text, true));
        }
        let mut second = vec![merged(stt, "", false), merged(name, "", false)];
        for (id, _) in &t.criteria {
            second.push(self.cell_bold(each, id, size, AlignmentType::Center));
        }
        for w in tail {
            second.push(merged(*w, "", false));
        }
        let mut rows = vec![
            TableRow::new(first).cant_split(),
            TableRow::new(second).cant_split(),
        ];
        // The maximum of every criterion first.
        let mut max_row = vec![
            self.cell_text(stt, "", size, AlignmentType::Center),
            self.cell(
                name,
                self.p().line_spacing(tight()).add_run(
                    Run::new()
                        .add_text(crate::messages::glossary("max", super::VI))
                        .size(size)
                        .italic(),
                ),
            ),
        ];
        for (_, max) in &t.criteria {
            max_row.push(self.cell_text(each, max, size, AlignmentType::Center));
        }
        for (i, w) in tail.iter().enumerate() {
            let text = if i == t.total_column {
                t.max_total.as_str()
            } else {
                ""
            };
            max_row.push(self.cell_text(*w, text, size, AlignmentType::Center));
        }
        rows.push(TableRow::new(max_row).cant_split());
        for (i, row) in t.rows.iter().enumerate() {
            let mut cells = vec![
                self.cell_text(stt, &format!("{}", i + 1), size, AlignmentType::Center),
                self.cell_text(name, &row.name, size, AlignmentType::Left),
            ];
            for score in &row.scores {
                cells.push(self.cell_text(each, score, size, AlignmentType::Center));
            }
            for (c, (w, text)) in tail.iter().zip(&row.tail).enumerate() {
                cells.push(if c == t.total_column {
                    self.cell_bold(*w, text, size, AlignmentType::Center)
                } else if c + 1 == t.tail.len() && wide != 1 {
                    self.cell_text(*w, text, size, AlignmentType::Left)
                } else {
                    self.cell_text(*w, text, size, AlignmentType::Center)
                });
            }
            rows.push(TableRow::new(cells).cant_split());
        }
        Table::new(rows)
            .set_grid(grid.clone())
            .width(grid.iter().sum(), WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(narrow_cells())
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
        self.centred_italic(note, SIZE_13)
            .line_spacing(tight().after(120))
    }

    /// *Nơi nhận* (left) and the signature block (right), side by side (ô 7, 9b), in one row
    /// that never splits.
    pub(super) fn signature(&self, settings: &DocumentSettings, total: usize) -> Table {
        let left = total * 38 / 100;
        let right = total - left;
        let mut recipients = TableCell::new()
            .width(left, WidthType::Dxa)
            .vertical_align(VAlignType::Top)
            .add_paragraph(
                self.p().line_spacing(tight()).keep_next(true).add_run(
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
                    .keep_next(true)
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
                    .line_spacing(tight())
                    .keep_next(true),
            );
        }
        block = block.add_paragraph(
            self.centred_bold(&signer.title.to_uppercase(), BODY)
                .line_spacing(tight())
                .keep_next(true),
        );
        // Room for the signature and the seal.
        block = block.add_paragraph(self.space(SIGNATURE_SPACE).keep_next(true));
        block = block.add_paragraph(self.centred_bold(&signer.name, BODY).line_spacing(tight()));
        Table::new(vec![TableRow::new(vec![recipients, block]).cant_split()])
            .margins(TableCellMargins::new().margin_top(240, WidthType::Dxa))
            .set_grid(vec![left, right])
            .width(total, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .clear_all_border()
    }

    /// The running header: the page number centred at the top.
    pub(super) fn page_number_header(&self) -> Header {
        Header::new().add_paragraph(
            self.p()
                .align(AlignmentType::Center)
                .add_page_num(PageNum::new())
                .size(BODY),
        )
    }

    /// An appendix: its label and title centred in bold, the document it is attached to in
    /// italics, a note on sample data, the table and the notes under it.
    fn appendix(&self, appendix: &Appendix, width: usize) -> Vec<Child> {
        let mut out = Vec::new();
        if let Some(label) = &appendix.label {
            out.push(Child::p(
                self.centred_bold(label, BODY).line_spacing(tight()),
            ));
        }
        out.push(Child::p(
            self.centred_bold(&appendix.title, BODY)
                .line_spacing(tight()),
        ));
        if let Some(attached) = &appendix.attached {
            out.push(Child::p(
                self.centred_italic(attached, SIZE_13).line_spacing(tight()),
            ));
        }
        out.push(Child::p(self.space(240)));
        if let Some(note) = &appendix.sample_note {
            out.push(Child::p(self.sample_note(note)));
        }
        out.push(Child::t(match &appendix.body {
            AppendixBody::Table(table) => self.table(table, width),
            AppendixBody::Scoring(table) => self.scoring_table(table, width),
        }));
        out.push(Child::p(self.space(200)));
        for block in &appendix.notes {
            let paragraph = match block {
                DocBlock::Item(spans) => {
                    let mut all = vec![Span::plain("- ")];
                    all.extend(spans.iter().cloned());
                    self.note(&all)
                }
                DocBlock::Paragraph(spans) => self.note(spans),
                DocBlock::Heading(text) | DocBlock::Subheading(text) => {
                    self.note(&[Span::plain(text)])
                }
                DocBlock::Table(table) => {
                    out.push(Child::t(self.table(table, width)));
                    continue;
                }
            };
            out.push(Child::p(paragraph));
        }
        out
    }

    /// A note under an appendix's table: 12 pt, justified, no indent.
    fn note(&self, spans: &[Span]) -> Paragraph {
        let mut p = self
            .p()
            .align(AlignmentType::Both)
            .line_spacing(tight().after(40));
        for span in spans {
            p = p.add_run(span_run(span, SIZE_12));
        }
        p
    }
}

fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

/// The texts of one column of a table: its heading and its cells.
struct ColumnText<'t> {
    head: Vec<&'t str>,
    cells: Vec<&'t str>,
}

/// Advance widths (thousandths of an em) of the printable ASCII characters in Times New Roman,
/// regular and bold (read from Liberation Serif, which has the same metrics).
const REGULAR: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
const BOLD: [u16; 95] = [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667,
    611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722,
    722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556,
    278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
];

/// The width of `text` in Times New Roman at `size` half-points, in twips, from the font's
/// advance widths: a Vietnamese letter is its base letter, plus the horn of ư and ơ (the
/// other marks sit above or below and take no width).
pub fn text_width(text: &str, size: usize, bold: bool) -> usize {
    use unicode_normalization::UnicodeNormalization;
    let table = if bold { &BOLD } else { &REGULAR };
    let em: usize = text
        .nfd()
        .map(|c| match c {
            ' '..='~' => usize::from(table[c as usize - 32]),
            '\u{031B}' => 44,
            c if unicode_normalization::char::is_combining_mark(c) => 0,
            'đ' => 556,
            'Đ' => 722,
            '–' | '“' | '”' => 500,
            '−' => 570,
            '…' => 1000,
            _ => 1000,
        })
        .sum();
    // em/1000 × size/2 pt × 20 twips/pt, rounded up.
    (em * size).div_ceil(100)
}

/// The widest word of `text`.
fn longest_word(text: &str, size: usize, bold: bool) -> usize {
    text.split_whitespace()
        .map(|w| text_width(w, size, bold))
        .max()
        .unwrap_or(0)
}

fn word_width(text: &str, size: usize, bold: bool) -> usize {
    text_width(text, size, bold)
}

/// Column widths from the text: every column at least as wide as its longest word (heading
/// words in bold), and, room allowing, as wide as its longest cell and a third of its heading;
/// the `wide` column takes what is left. Never narrower than a word, so no heading is broken
/// inside a word.
fn column_widths(columns: &[ColumnText], wide: usize, total: usize, size: usize) -> Vec<usize> {
    let pad = PAD;
    let minimum: Vec<usize> = columns
        .iter()
        .map(|c| {
            let head = c.head.iter().map(|h| longest_word(h, size, true));
            let cells = c.cells.iter().map(|t| longest_word(t, size, false));
            head.chain(cells).max().unwrap_or(0) + pad
        })
        .collect();
    let preferred: Vec<usize> = columns
        .iter()
        .zip(&minimum)
        .map(|(c, min)| {
            let cells = c
                .cells
                .iter()
                .map(|t| text_width(t, size, false) + pad)
                .max()
                .unwrap_or(0);
            let head = c
                .head
                .iter()
                .map(|h| text_width(h, size, true) / 3 + pad)
                .max()
                .unwrap_or(0);
            // A text column (a name) wraps rather than take more than a quarter of the width.
            (*min).max(cells.min(total / 4)).max(head)
        })
        .collect();
    let others = |widths: &[usize]| -> usize {
        widths
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != wide)
            .map(|(_, w)| *w)
            .sum()
    };
    let mut widths = if others(&preferred) + minimum[wide] <= total {
        preferred
    } else {
        // Give each column its minimum, then share what is left by how much more each asked.
        let mut widths = minimum.clone();
        let spare = total.saturating_sub(others(&minimum) + minimum[wide]);
        let wanted: usize = preferred
            .iter()
            .zip(&minimum)
            .enumerate()
            .filter(|(i, _)| *i != wide)
            .map(|(_, (p, m))| p - m)
            .sum();
        for (i, w) in widths.iter_mut().enumerate() {
            if i != wide {
                *w += ((preferred[i] - minimum[i]) * spare)
                    .checked_div(wanted)
                    .unwrap_or(0);
            }
        }
        widths
    };
    widths[wide] = total.saturating_sub(others(&widths)).max(minimum[wide]);
    widths
}

pub(super) fn narrow_cells() -> TableCellMargins {
    TableCellMargins::new()
        .margin_left(DATA_PADDING, WidthType::Dxa)
        .margin_right(DATA_PADDING, WidthType::Dxa)
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

fn portrait() -> PageSize {
    PageSize::new()
        .size(A4_SHORT, A4_LONG)
        .orient(PageOrientationType::Portrait)
}

fn landscape() -> PageSize {
    PageSize::new()
        .size(A4_LONG, A4_SHORT)
        .orient(PageOrientationType::Landscape)
}

/// A document with the decree's page, font and running header, the page settings of its last
/// section (`landscape` for an appendix). `created` (an ISO date) fixes the dates of
/// docProps/core.xml.
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

fn into_section(mut section: Section, children: Vec<Child>) -> Section {
    for child in children {
        section = match child {
            Child::P(p) => section.add_paragraph(*p),
            Child::T(t) => section.add_table(*t),
        };
    }
    section
}

fn into_docx(mut docx: Docx, children: Vec<Child>) -> Docx {
    for child in children {
        docx = match child {
            Child::P(p) => docx.add_paragraph(*p),
            Child::T(t) => docx.add_table(*t),
        };
    }
    docx
}

/// `bao-cao-<period>.docx`: the report in a portrait section, then each appendix in a
/// landscape section of its own numbered from 1 (Phụ lục I, Mục III.3).
pub fn report(settings: &DocumentSettings, doc: &ReportDocument) -> Result<Vec<u8>, String> {
    let b = Builder::new();
    let mut body: Vec<Child> = vec![Child::t(b.national_header(
        settings,
        &doc.number,
        &doc.dated,
        PORTRAIT_WIDTH,
    ))];
    body.extend(
        b.title("BÁO CÁO", &doc.subject, PORTRAIT_WIDTH)
            .into_iter()
            .map(Child::p),
    );
    if let Some(note) = &doc.sample_note {
        body.push(Child::p(b.sample_note(note)));
    }
    body.extend(b.blocks(&doc.lead, PORTRAIT_WIDTH));
    for (i, section) in doc.sections.iter().enumerate() {
        let heading = format!("{}. {}", super::roman(i + 1), section.heading);
        body.push(Child::p(b.heading(&heading, true)));
        body.extend(b.blocks(&section.blocks, PORTRAIT_WIDTH));
    }
    // The closing paragraph stays with the signature: *Nơi nhận* and the signer are never
    // alone on a page.
    body.push(Child::p(
        b.body(&[Span::plain(&doc.closing)], BODY).keep_next(true),
    ));
    body.push(Child::t(b.signature(settings, PORTRAIT_WIDTH)));

    let Some((last, earlier)) = doc.appendices.split_last() else {
        let docx = document(&b, false, &doc.created).title_pg();
        return finish(pack(into_docx(docx, body))?, &doc.author, &doc.subject);
    };
    let main = into_section(
        Section::new()
            .page_size(portrait())
            .page_margin(margins(false))
            .header(b.page_number_header())
            .title_pg(),
        body,
    );
    let mut docx = document(&b, true, &doc.created)
        .page_num_type(PageNumType::new().start(1))
        .add_section(main);
    for appendix in earlier {
        docx = docx.add_section(into_section(
            Section::new()
                .page_size(landscape())
                .page_margin(margins(true))
                .header(b.page_number_header())
                .page_num_type(PageNumType::new().start(1)),
            b.appendix(appendix, LANDSCAPE_WIDTH),
        ));
    }
    docx = into_docx(docx, b.appendix(last, LANDSCAPE_WIDTH));
    finish(pack(docx)?, &doc.author, &doc.subject)
}

/// `bang-diem-<period>.docx`: the scoring appendix standing alone, one landscape section,
/// without a number or signature of its own.
pub fn scoring(doc: &ScoringDocument) -> Result<Vec<u8>, String> {
    let b = Builder::new();
    let docx = document(&b, true, &doc.created).title_pg();
    let docx = into_docx(docx, b.appendix(&doc.appendix, LANDSCAPE_WIDTH));
    finish(pack(docx)?, &doc.author, &doc.appendix.title)
}

pub(super) fn pack(docx: Docx) -> Result<Vec<u8>, String> {
    let mut buffer = std::io::Cursor::new(Vec::with_capacity(32 * 1024));
    docx.build().pack(&mut buffer).map_err(|e| e.to_string())?;
    Ok(buffer.into_inner())
}

fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Completes the package docx-rs wrote with what it cannot write: the document language
/// (`w:lang` vi-VN in the default run properties, so Word and LibreOffice check Vietnamese
/// spelling instead of underlining every word), and the author and title in
/// docProps/core.xml (docx-rs fixes the creator as "unknown"). Entries keep their order and
/// get a fixed date, so two builds give the same bytes.
pub(super) fn finish(package: Vec<u8>, author: &str, title: &str) -> Result<Vec<u8>, String> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(package)).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(64 * 1024)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let lang = format!(
        r#"<w:lang w:val="{0}" w:eastAsia="{0}" w:bidi="ar-SA" />"#,
        super::LANGUAGE_TAG
    );
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().map_err(|e| e.to_string())?.to_string();
        if entry.is_dir() {
            out.add_directory(name, options)
                .map_err(|e| e.to_string())?;
            continue;
        }
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        let bytes = match name.as_str() {
            "word/styles.xml" => {
                let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
                let marker = "</w:rPr></w:rPrDefault>";
                if !text.contains(marker) {
                    return Err(String::from("styles.xml without default run properties"));
                }
                text.replacen(marker, &format!("{lang}{marker}"), 1)
                    .into_bytes()
            }
            "docProps/core.xml" => {
                let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
                let author = xml_text(author);
                text.replace(
                    "<dc:creator>unknown</dc:creator>",
                    &format!(
                        "<dc:title>{}</dc:title><dc:creator>{author}</dc:creator><dc:language>{}</dc:language>",
                        xml_text(title),
                        super::LANGUAGE_TAG
                    ),
                )
                .replace(
                    "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
                    &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"),
                )
                .into_bytes()
            }
            _ => bytes,
        };
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font() {
        // "hoạch" takes the width of "hoach"; capitals are wider than small letters.
        assert_eq!(
            text_width("hoạch", 22, false),
            text_width("hoach", 22, false)
        );
        assert!(text_width("NHÓM", 22, true) > text_width("nhóm", 22, true));
        // Liberation Serif Bold: "trước" is 2375/1000 em, 522 twips at 11 pt.
        let w = text_width("trước", 22, true);
        assert!((515..=530).contains(&w), "{w}");
    }

    #[test]
    fn no_column_is_narrower_than_its_longest_word() {
        let columns = [
            ColumnText {
                head: vec!["STT"],
                cells: vec!["1", "2"],
            },
            ColumnText {
                head: vec!["Chỉ tiêu"],
                cells: vec!["Số ý kiến góp ý sửa đổi Hiến pháp năm 1992"],
            },
            ColumnText {
                head: vec!["Tỷ lệ đạt kế hoạch"],
                cells: vec!["116,7%*"],
            },
        ];
        let widths = column_widths(&columns, 1, 9354, 22);
        assert_eq!(widths.iter().sum::<usize>(), 9354);
        assert!(widths[2] >= longest_word("Tỷ lệ đạt kế hoạch", 22, true));
        assert!(widths[2] >= text_width("116,7%*", 22, false));
        // Too narrow a page: each column still holds its longest word.
        let widths = column_widths(&columns, 1, 2000, 22);
        assert!(widths[2] >= longest_word("hoạch", 22, true));
    }
}
