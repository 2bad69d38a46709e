//! A bounded reader of returned `.xlsx` files: the zip parts a form needs (the workbook, its
//! relations, shared strings, styles and two worksheets) are inflated as a stream through an
//! XML parser (quick-xml), never more than [`Limits::part`] bytes of any part, and a worksheet
//! keeps only the cells inside the area its caller asks for: a value outside it stops the read
//! at that cell, so no reference (`XFD1048576`) or row count makes the reader allocate for it.
//! Nothing here trusts the file: every index, reference and count is checked, and every
//! failure is a [`ReadError`], never a panic.

use std::collections::BTreeMap;
use std::io::{BufReader, Read, Seek};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// How much of a returned file is read at most.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The file itself (a form is some 10 KB; a pasted picture makes it a few MB).
    pub file: u64,
    /// Any part once inflated (a form's sheet is some 20 KB of XML).
    pub part: u64,
    /// Entries in the shared strings table (a form has about a hundred).
    pub strings: usize,
}

pub const LIMITS: Limits = Limits {
    file: 20 << 20,
    part: 50 << 20,
    strings: 200_000,
};

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not a zip file (an old `.xls`, a password-protected workbook, a damaged file).
    NotXlsx,
    /// The file is larger than [`Limits::file`] (in MB).
    FileTooBig { megabytes: u64 },
    /// A part inflates past [`Limits::part`] (or holds more strings than [`Limits::strings`]).
    PartTooBig { part: String, megabytes: u64 },
    /// A part is missing or not well-formed, or a reference in it is not a cell.
    Damaged { part: String, reason: Damage },
    /// A value in a cell outside the area the caller reads.
    Outside { sheet: String, cell: String },
    /// The workbook has no sheet of this name.
    NoSheet(String),
}

/// What is wrong inside a damaged part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    Missing,
    /// Not well-formed XML; the byte offset where the parser stopped.
    Xml(u64),
    /// A cell or row reference that names no cell (`A0`, `r="0"`, `XFE1`), as written.
    Reference(String),
    /// A shared string index that the table does not have.
    StringIndex(String),
}

/// A cell's value as the file stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Number(f64),
    Text(String),
    Bool(bool),
    Error(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Value,
    /// The formula, when the cell has one (`Some("")` for a shared formula's followers).
    pub formula: Option<String>,
    /// Whether the cell's number format shows a percentage (`95,5%` typed in Excel is stored
    /// as 0.955).
    pub percent: bool,
}

/// A rectangle of cells, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    pub first_row: u32,
    pub first_col: u16,
    pub last_row: u32,
    pub last_col: u16,
}

impl Area {
    pub fn contains(&self, row: u32, col: u16) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }

    fn intersects(&self, other: &Area) -> bool {
        self.first_row <= other.last_row
            && other.first_row <= self.last_row
            && self.first_col <= other.last_col
            && other.first_col <= self.last_col
    }
}

/// The cells of one worksheet inside the area it was read with.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    cells: BTreeMap<(u32, u16), Cell>,
    /// Merged ranges that touch the area.
    pub merged: Vec<Area>,
    hidden_rows: Vec<bool>,
    hidden_cols: Vec<bool>,
}

impl Grid {
    pub fn get(&self, row: u32, col: u16) -> Option<&Cell> {
        self.cells.get(&(row, col))
    }

    pub fn is_hidden(&self, row: u32, col: u16) -> bool {
        self.hidden_rows.get(row as usize).copied().unwrap_or(false)
            || self.hidden_cols.get(col as usize).copied().unwrap_or(false)
    }

    /// Every cell with a value, by row then column.
    pub fn cells(&self) -> impl Iterator<Item = (&(u32, u16), &Cell)> {
        self.cells.iter()
    }
}

/// A sheet as the workbook lists it.
#[derive(Debug, Clone)]
pub struct SheetEntry {
    pub name: String,
    pub hidden: bool,
    part: String,
}

/// An opened workbook: its sheets, shared strings and which cell formats show percentages.
pub struct Book<R: Read + Seek> {
    zip: zip::ZipArchive<R>,
    limits: Limits,
    pub sheets: Vec<SheetEntry>,
    strings: Vec<String>,
    percent: Vec<bool>,
}

/// A zip part as a stream that fails once more than `limit` bytes came out of it.
struct Bounded<R> {
    inner: R,
    read: u64,
    limit: u64,
    exceeded: bool,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            self.exceeded = true;
            return Err(std::io::Error::other("part too big"));
        }
        Ok(n)
    }
}

/// The local part of an element or attribute name: `x:c` → `c`.
fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|b| *b == b':').next().unwrap_or(name)
}

/// An attribute by local name (`r:id` is found as `id`), unescaped.
fn attribute(element: &BytesStart, name: &[u8]) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .find(|a| local(a.key.as_ref().as_bytes()) == name)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// OOXML writes characters XML cannot hold as `_xHHHH_` (`_x000B_` for a vertical tab).
fn unescape_ooxml(text: &str) -> String {
    if !text.contains("_x") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let code = after
            .get(..5)
            .filter(|s| s.ends_with('_') && s[..4].bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|s| u32::from_str_radix(&s[..4], 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &after[5..];
            }
            None => {
                out.push_str("_x");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `XFD1048576` → (1048575, 16383); `None` for anything that names no cell.
pub fn parse_cell(reference: &str) -> Option<(u32, u16)> {
    let letters = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    if !(1..=3).contains(&letters) {
        return None;
    }
    let col = reference[..letters].bytes().fold(0u32, |acc, b| {
        acc * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row = parse_row(&reference[letters..])?;
    (col <= 16_384).then(|| (row, (col - 1) as u16))
}

/// A 1-based row number as written (`7`) → 0-based; `None` for 0, signs or past Excel's last.
fn parse_row(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) || text.len() > 7 {
        return None;
    }
    let row: u32 = text.parse().ok()?;
    (1..=1_048_576).contains(&row).then(|| row - 1)
}

fn parse_area(reference: &str) -> Option<Area> {
    let (a, b) = reference.split_once(':').unwrap_or((reference, reference));
    let (r1, c1) = parse_cell(a)?;
    let (r2, c2) = parse_cell(b)?;
    Some(Area {
        first_row: r1.min(r2),
        first_col: c1.min(c2),
        last_row: r1.max(r2),
        last_col: c1.max(c2),
    })
}

/// Joins a relation's target to the folder of the part that names it.
fn resolve(base: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Number formats that show a percentage: the built-in 9 (`0%`) and 10 (`0.00%`), or a format
/// code with `%` outside its quoted literals.
fn is_percent_format(id: u32, code: Option<&str>) -> bool {
    matches!(id, 9 | 10)
        || code.is_some_and(|c| c.split('"').step_by(2).any(|part| part.contains('%')))
}

impl Book<std::fs::File> {
    /// Opens a file, refusing it before reading when it is larger than a form can be.
    pub fn open_file(path: &std::path::Path, limits: Limits) -> Result<Self, ReadError> {
        let file = std::fs::File::open(path).map_err(|_| ReadError::NotXlsx)?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        Book::open(file, size, limits)
    }
}

impl<R: Read + Seek> Book<R> {
    /// Opens a workbook of `size` bytes: the list of sheets, the shared strings and the styles.
    pub fn open(reader: R, size: u64, limits: Limits) -> Result<Self, ReadError> {
        if size > limits.file {
            return Err(ReadError::FileTooBig {
                megabytes: limits.file >> 20,
            });
        }
        let zip = zip::ZipArchive::new(reader).map_err(|_| ReadError::NotXlsx)?;
        let mut book = Book {
            zip,
            limits,
            sheets: Vec::new(),
            strings: Vec::new(),
            percent: Vec::new(),
        };
        let relations = book.relations("xl/_rels/workbook.xml.rels", "xl")?;
        let find = |kind: &str| {
            relations
                .iter()
                .find(|(_, t, _)| t.ends_with(kind))
                .map(|(_, _, target)| target.clone())
        };
        let strings = find("/sharedStrings");
        let styles = find("/styles");
        book.sheets = book.workbook(&relations)?;
        if let Some(part) = strings.filter(|p| book.has(p)) {
            book.strings = book.shared_strings(&part)?;
        }
        if let Some(part) = styles.filter(|p| book.has(p)) {
            book.percent = book.styles(&part)?;
        }
        Ok(book)
    }

    fn has(&mut self, part: &str) -> bool {
        self.zip.index_for_name(part).is_some()
    }

    /// Streams the events of `part` to `each`, which stops the read by returning an error.
    fn events(
        &mut self,
        part: &str,
        mut each: impl FnMut(Event<'_>) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        let damaged = |reason| ReadError::Damaged {
            part: part.to_string(),
            reason,
        };
        let entry = self
            .zip
            .by_name(part)
            .map_err(|_| damaged(Damage::Missing))?;
        let bounded = Bounded {
            inner: entry,
            read: 0,
            limit: self.limits.part,
            exceeded: false,
        };
        let mut reader = Reader::from_reader(BufReader::new(bounded));
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        let mut buf = Vec::new();
        loop {
            let event = match reader.read_event_into(&mut buf) {
                Ok(Event::Eof) => return Ok(()),
                Ok(event) => event,
                Err(_) => {
                    let exceeded = reader.get_mut().get_mut().exceeded;
                    return Err(if exceeded {
                        ReadError::PartTooBig {
                            part: part.to_string(),
                            megabytes: self.limits.part >> 20,
                        }
                    } else {
                        damaged(Damage::Xml(reader.error_position()))
                    });
                }
            };
            each(event)?;
            buf.clear();
        }
    }

    /// A relations part: (id, type, target part).
    fn relations(
        &mut self,
        part: &str,
        folder: &str,
    ) -> Result<Vec<(String, String, String)>, ReadError> {
        let mut all = Vec::new();
        self.events(part, |event| {
            if let Event::Start(e) | Event::Empty(e) = &event
                && local(e.name().as_ref().as_bytes()) == b"Relationship"
                && all.len() < 10_000
                && let (Some(id), Some(target)) = (attribute(e, b"Id"), attribute(e, b"Target"))
            {
                let kind = attribute(e, b"Type").unwrap_or_default();
                all.push((id, kind, resolve(folder, &target)));
            }
            Ok(())
        })?;
        Ok(all)
    }

    fn workbook(
        &mut self,
        relations: &[(String, String, String)],
    ) -> Result<Vec<SheetEntry>, ReadError> {
        let mut sheets = Vec::new();
        self.events("xl/workbook.xml", |event| {
            if let Event::Start(e) | Event::Empty(e) = &event
                && local(e.name().as_ref().as_bytes()) == b"sheet"
                && sheets.len() < 1_000
            {
                let name = attribute(e, b"name").unwrap_or_default();
                let hidden = attribute(e, b"state").is_some_and(|s| s != "visible");
                let id = e
                    .attributes()
                    .with_checks(false)
                    .filter_map(Result::ok)
                    .find(|a| {
                        let key = a.key.as_ref().as_bytes();
                        local(key) == b"id" && key.contains(&b':')
                    })
                    .and_then(|a| {
                        a.normalized_value(XmlVersion::Implicit1_0)
                            .ok()
                            .map(|v| v.into_owned())
                    });
                if let Some(part) = id.and_then(|id| {
                    relations
                        .iter()
                        .find(|(rid, _, _)| *rid == id)
                        .map(|(_, _, target)| target.clone())
                }) {
                    sheets.push(SheetEntry { name, hidden, part });
                }
            }
            Ok(())
        })?;
        Ok(sheets)
    }

    fn shared_strings(&mut self, part: &str) -> Result<Vec<String>, ReadError> {
        let limits = self.limits;
        let mut strings = Vec::new();
        let mut text = Text::default();
        self.events(part, |event| {
            match &event {
                Event::Start(e) if local(e.name().as_ref().as_bytes()) == b"si" => {
                    text = Text::default();
                }
                Event::Empty(e) if local(e.name().as_ref().as_bytes()) == b"si" => {
                    strings.push(String::new());
                }
                Event::End(e) if local(e.name().as_ref().as_bytes()) == b"si" => {
                    strings.push(unescape_ooxml(&std::mem::take(&mut text).value));
                }
                _ => text.event(&event),
            }
            if strings.len() > limits.strings {
                return Err(ReadError::PartTooBig {
                    part: part.to_string(),
                    megabytes: limits.part >> 20,
                });
            }
            Ok(())
        })?;
        Ok(strings)
    }

    /// For each cell format (`cellXfs`), whether it shows a percentage.
    fn styles(&mut self, part: &str) -> Result<Vec<bool>, ReadError> {
        let mut codes: Vec<(u32, String)> = Vec::new();
        let mut formats: Vec<u32> = Vec::new();
        let mut in_cell_xfs = false;
        self.events(part, |event| {
            match &event {
                Event::Start(e) | Event::Empty(e) => match local(e.name().as_ref().as_bytes()) {
                    b"numFmt" if codes.len() < 10_000 => {
                        if let (Some(id), Some(code)) = (
                            attribute(e, b"numFmtId").and_then(|v| v.parse().ok()),
                            attribute(e, b"formatCode"),
                        ) {
                            codes.push((id, code));
                        }
                    }
                    b"cellXfs" => in_cell_xfs = matches!(event, Event::Start(_)),
                    b"xf" if in_cell_xfs && formats.len() < 100_000 => formats.push(
                        attribute(e, b"numFmtId")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0),
                    ),
                    _ => {}
                },
                Event::End(e) if local(e.name().as_ref().as_bytes()) == b"cellXfs" => {
                    in_cell_xfs = false;
                }
                _ => {}
            }
            Ok(())
        })?;
        Ok(formats
            .iter()
            .map(|id| {
                let code = codes.iter().find(|(i, _)| i == id).map(|(_, c)| c.as_str());
                is_percent_format(*id, code)
            })
            .collect())
    }

    /// The cells of sheet `name` inside `area`: a value outside it is [`ReadError::Outside`].
    pub fn sheet(&mut self, name: &str, area: Area) -> Result<Grid, ReadError> {
        let part = self
            .sheets
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.part.clone())
            .ok_or_else(|| ReadError::NoSheet(name.to_string()))?;
        let mut grid = Grid {
            hidden_rows: vec![false; area.last_row as usize + 1],
            hidden_cols: vec![false; area.last_col as usize + 1],
            ..Grid::default()
        };
        let strings = std::mem::take(&mut self.strings);
        let percent = std::mem::take(&mut self.percent);
        let mut state = SheetState::default();
        let context = Context {
            part: &part,
            sheet: name,
            area,
            strings: &strings,
            percent: &percent,
        };
        let result = self.events(&part, |event| state.event(&event, &context, &mut grid));
        self.strings = strings;
        self.percent = percent;
        result.map(|()| grid)
    }
}

/// The text of `<t>` elements inside a string item, leaving out phonetic runs (`rPh`).
#[derive(Default)]
struct Text {
    value: String,
    in_t: bool,
    phonetic: usize,
}

impl Text {
    fn event(&mut self, event: &Event) {
        match event {
            Event::Start(e) => match local(e.name().as_ref().as_bytes()) {
                b"t" => self.in_t = true,
                b"rPh" => self.phonetic += 1,
                _ => {}
            },
            Event::End(e) => match local(e.name().as_ref().as_bytes()) {
                b"t" => self.in_t = false,
                b"rPh" => self.phonetic = self.phonetic.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if self.in_t && self.phonetic == 0 => {
                self.value.push_str(&t.xml10_content());
            }
            Event::CData(t) if self.in_t && self.phonetic == 0 => {
                self.value.push_str(t);
            }
            Event::GeneralRef(r) if self.in_t && self.phonetic == 0 => {
                if let Some(c) = entity(r) {
                    self.value.push(c);
                }
            }
            _ => {}
        }
    }
}

/// `&amp;` → `&`, `&#233;` → `é`.
fn entity(reference: &quick_xml::events::BytesRef) -> Option<char> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Some(c);
    }
    match &**reference {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// What a worksheet parse reads against.
struct Context<'a> {
    part: &'a str,
    sheet: &'a str,
    area: Area,
    strings: &'a [String],
    percent: &'a [bool],
}

/// Where the worksheet parse is: the current row and cell.
#[derive(Default)]
struct SheetState {
    row: Option<u32>,
    /// The next row when a `<row>` has no `r`.
    next_row: u32,
    cell: Option<CellState>,
    next_col: u32,
    in_merges: bool,
}

struct CellState {
    row: u32,
    col: u32,
    reference: String,
    kind: String,
    style: usize,
    value: Option<String>,
    formula: Option<String>,
    inline: Option<Text>,
    /// Which child's text is being read: `v` or `f`.
    reading: Option<&'static str>,
}

impl SheetState {
    fn event(&mut self, event: &Event, at: &Context, grid: &mut Grid) -> Result<(), ReadError> {
        match event {
            Event::Start(e) => self.start(event, e, false, at, grid)?,
            Event::Empty(e) => self.start(event, e, true, at, grid)?,
            Event::End(e) => match local(e.name().as_ref().as_bytes()) {
                b"c" => {
                    if let Some(cell) = self.cell.take() {
                        self.finish(cell, at, grid)?;
                    }
                }
                b"v" | b"f" => {
                    if let Some(cell) = &mut self.cell {
                        cell.reading = None;
                    }
                }
                b"row" => self.row = None,
                b"mergeCells" => self.in_merges = false,
                _ => {
                    if let Some(text) = self.cell.as_mut().and_then(|c| c.inline.as_mut()) {
                        text.event(event);
                    }
                }
            },
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => self.text(event),
            _ => {}
        }
        Ok(())
    }

    /// An opening (or empty) element: a row, a cell, a cell's value, formula or inline text, a
    /// merged area, a hidden column.
    fn start(
        &mut self,
        event: &Event,
        e: &BytesStart,
        empty: bool,
        at: &Context,
        grid: &mut Grid,
    ) -> Result<(), ReadError> {
        let area = at.area;
        let damaged = |reference: String| ReadError::Damaged {
            part: at.part.to_string(),
            reason: Damage::Reference(reference),
        };
        match local(e.name().as_ref().as_bytes()) {
            b"row" => {
                let row = match attribute(e, b"r") {
                    Some(r) => parse_row(&r).ok_or_else(|| damaged(format!("r=\"{r}\"")))?,
                    None => self.next_row,
                };
                self.next_row = row.saturating_add(1);
                self.next_col = 0;
                self.row = (!empty).then_some(row);
                let hidden = attribute(e, b"hidden").is_some_and(|h| h == "1" || h == "true");
                if hidden && let Some(slot) = grid.hidden_rows.get_mut(row as usize) {
                    *slot = true;
                }
            }
            b"c" => {
                let reference = attribute(e, b"r");
                let (row, col) = match &reference {
                    Some(r) => {
                        let (row, col) = parse_cell(r).ok_or_else(|| damaged(r.clone()))?;
                        (row, u32::from(col))
                    }
                    None => (self.row.unwrap_or(self.next_row), self.next_col),
                };
                if col >= 16_384 {
                    return Err(damaged(format!("{row}:{col}")));
                }
                self.next_col = col + 1;
                let cell = CellState {
                    row,
                    col,
                    reference: reference.unwrap_or_else(|| super::cell_name(row, col as u16)),
                    kind: attribute(e, b"t").unwrap_or_default(),
                    style: attribute(e, b"s").and_then(|s| s.parse().ok()).unwrap_or(0),
                    value: None,
                    formula: None,
                    inline: None,
                    reading: None,
                };
                if empty {
                    self.finish(cell, at, grid)?;
                } else {
                    self.cell = Some(cell);
                }
            }
            b"v" | b"f" | b"is" | b"t" | b"r" | b"rPh" if self.cell.is_some() => {
                let cell = self.cell.as_mut().expect("checked");
                match local(e.name().as_ref().as_bytes()) {
                    b"v" => {
                        cell.value.get_or_insert_with(String::new);
                        cell.reading = (!empty).then_some("v");
                    }
                    b"f" => {
                        cell.formula.get_or_insert_with(String::new);
                        cell.reading = (!empty).then_some("f");
                    }
                    b"is" => {
                        cell.inline.get_or_insert_with(Text::default);
                    }
                    _ => {
                        if let Some(text) = &mut cell.inline {
                            text.event(event);
                        }
                    }
                }
            }
            b"mergeCells" => self.in_merges = !empty,
            b"mergeCell" if self.in_merges => {
                let reference = attribute(e, b"ref").unwrap_or_default();
                let merged = parse_area(&reference).ok_or_else(|| damaged(reference))?;
                if merged.intersects(&area) {
                    if grid.merged.len() >= 10_000 {
                        return Err(ReadError::PartTooBig {
                            part: at.part.to_string(),
                            megabytes: LIMITS.part >> 20,
                        });
                    }
                    grid.merged.push(merged);
                }
            }
            b"col" => {
                let hidden = attribute(e, b"hidden").is_some_and(|h| h == "1" || h == "true");
                let number = |name: &[u8]| {
                    attribute(e, name)
                        .and_then(|v| v.parse::<u32>().ok())
                        .filter(|v| (1..=16_384).contains(v))
                };
                if hidden && let (Some(min), Some(max)) = (number(b"min"), number(b"max")) {
                    let last = max.min(u32::from(area.last_col) + 1);
                    for col in min..=last {
                        if let Some(slot) = grid.hidden_cols.get_mut(col as usize - 1) {
                            *slot = true;
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Text inside a cell: its value, its formula, or its inline string.
    fn text(&mut self, event: &Event) {
        if let Some(cell) = &mut self.cell {
            match cell.reading {
                Some(which) => {
                    let target = if which == "v" {
                        cell.value.get_or_insert_with(String::new)
                    } else {
                        cell.formula.get_or_insert_with(String::new)
                    };
                    match event {
                        Event::Text(t) => target.push_str(&t.xml10_content()),
                        Event::CData(t) => target.push_str(t),
                        Event::GeneralRef(r) => target.extend(entity(r)),
                        _ => {}
                    }
                }
                None => {
                    if let Some(text) = &mut cell.inline {
                        text.event(event);
                    }
                }
            }
        }
    }

    /// A cell's end: its value decoded, refused when outside the area, kept when inside.
    fn finish(&mut self, cell: CellState, at: &Context, grid: &mut Grid) -> Result<(), ReadError> {
        let area = at.area;
        // An empty `<v/>` (openpyxl writes one beside a formula it did not compute) is no value.
        let stored = cell.value.filter(|v| !v.is_empty());
        let value = match (cell.kind.as_str(), stored, cell.inline) {
            ("inlineStr", _, Some(text)) => Value::Text(unescape_ooxml(&text.value)),
            (_, None, _) => Value::Empty,
            ("s", Some(index), _) => {
                let text = index
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| at.strings.get(i))
                    .ok_or_else(|| ReadError::Damaged {
                        part: at.part.to_string(),
                        reason: Damage::StringIndex(cell.reference.clone()),
                    })?;
                Value::Text(text.clone())
            }
            ("str" | "inlineStr" | "d", Some(text), _) => Value::Text(unescape_ooxml(&text)),
            ("b", Some(text), _) => Value::Bool(text.trim() == "1"),
            ("e", Some(text), _) => Value::Error(text),
            (_, Some(text), _) => match text.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => Value::Number(n),
                _ => Value::Text(text),
            },
        };
        let has_value = value != Value::Empty || cell.formula.is_some();
        if !has_value {
            return Ok(());
        }
        let inside =
            cell.col <= u32::from(area.last_col) && area.contains(cell.row, cell.col as u16);
        if !inside {
            return Err(ReadError::Outside {
                sheet: at.sheet.to_string(),
                cell: cell.reference,
            });
        }
        grid.cells.insert(
            (cell.row, cell.col as u16),
            Cell {
                value,
                formula: cell.formula,
                percent: at.percent.get(cell.style).copied().unwrap_or(false),
            },
        );
        Ok(())
    }
}

/// Reads a whole workbook from memory, for the fuzz target: every sheet within `area`.
pub fn read_all(bytes: &[u8], area: Area) -> Result<Vec<(String, Grid)>, ReadError> {
    let mut book = Book::open(std::io::Cursor::new(bytes), bytes.len() as u64, LIMITS)?;
    let names: Vec<String> = book.sheets.iter().map(|s| s.name.clone()).collect();
    names
        .into_iter()
        .map(|name| book.sheet(&name, area).map(|grid| (name, grid)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(parse_cell("A1"), Some((0, 0)));
        assert_eq!(parse_cell("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_cell("XFE1"), None);
        assert_eq!(parse_cell("A0"), None);
        assert_eq!(parse_cell("A1048577"), None);
        assert_eq!(parse_cell("A-1"), None);
        assert_eq!(parse_cell("ế1"), None);
        assert_eq!(parse_cell(""), None);
        assert_eq!(
            parse_area("B2:A1"),
            Some(Area {
                first_row: 0,
                first_col: 0,
                last_row: 1,
                last_col: 1
            })
        );
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve("xl", "/xl/sheet.xml"), "xl/sheet.xml");
        assert_eq!(resolve("xl", "../x.xml"), "x.xml");
    }

    #[test]
    fn escaped_characters() {
        assert_eq!(unescape_ooxml("Ra_x000B_mắt"), "Ra\u{B}mắt");
        assert_eq!(unescape_ooxml("a_x_b_x00"), "a_x_b_x00");
        assert_eq!(unescape_ooxml("_x005F_x000B_"), "_x000B_");
        assert_eq!(unescape_ooxml("ế_xế"), "ế_xế");
    }

    #[test]
    fn percent_formats() {
        assert!(is_percent_format(9, None));
        assert!(is_percent_format(164, Some("0.0%")));
        assert!(!is_percent_format(164, Some("0.0\" %\"")));
        assert!(!is_percent_format(0, None));
    }
}
