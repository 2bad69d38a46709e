//! Spreadsheets for the `sheet` tests, made and read in Rust: a returned form as a member's
//! spreadsheet program would save it (every cell read back with calamine, changed, and written
//! again with rust_xlsxwriter, the hidden sheet included), and crafted files (a part replaced in
//! the zip, a part that inflates to gigabytes) written byte by byte.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use calamine::{Data, Reader, SheetVisible, Xlsx, open_workbook};

/// A cell's value as a person types it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Number(f64),
    Text(String),
}

impl From<f64> for Cell {
    fn from(value: f64) -> Cell {
        Cell::Number(value)
    }
}

impl From<i64> for Cell {
    fn from(value: i64) -> Cell {
        Cell::Number(value as f64)
    }
}

impl From<&str> for Cell {
    fn from(value: &str) -> Cell {
        Cell::Text(value.to_string())
    }
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Number(n) => n.to_string(),
            Cell::Text(t) => t.clone(),
        }
    }
}

/// One sheet: its cells by 0-based (row, column).
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    pub cells: BTreeMap<(u32, u16), Cell>,
}

/// `G7` → (6, 6).
pub fn position(cell: &str) -> (u32, u16) {
    let letters: String = cell.chars().take_while(char::is_ascii_alphabetic).collect();
    let row: u32 = cell[letters.len()..].parse().expect("row number");
    let col = letters.bytes().fold(0u32, |acc, b| {
        acc * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    (row - 1, (col - 1) as u16)
}

/// `(6, 6)` → `G7`.
pub fn cell_name(row: u32, col: u16) -> String {
    let mut letters = String::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        letters.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

impl Sheet {
    /// The 0-based column whose cell on 1-based `row` is `text`.
    pub fn column_of(&self, row: u32, text: &str) -> u16 {
        self.cells
            .iter()
            .find(|((r, _), v)| *r == row - 1 && v.text() == text)
            .map(|((_, c), _)| *c)
            .unwrap_or_else(|| panic!("no {text:?} on row {row} of {}", self.name))
    }

    /// The 1-based row whose column A is `text`.
    pub fn row_with(&self, text: &str) -> u32 {
        self.cells
            .iter()
            .find(|((_, c), v)| *c == 0 && v.text() == text)
            .map(|((r, _), _)| r + 1)
            .unwrap_or_else(|| panic!("no row {text:?} in {}", self.name))
    }

    pub fn get(&self, cell: &str) -> Option<&Cell> {
        self.cells.get(&position(cell))
    }

    pub fn text(&self, cell: &str) -> String {
        self.get(cell).map(Cell::text).unwrap_or_default()
    }

    pub fn set(&mut self, cell: &str, value: impl Into<Cell>) {
        self.cells.insert(position(cell), value.into());
    }

    pub fn clear(&mut self, cell: &str) {
        self.cells.remove(&position(cell));
    }

    /// The 1-based row whose column B is `label`, as a person finds a metric.
    pub fn row_of(&self, label: &str) -> u32 {
        self.cells
            .iter()
            .find(|((_, c), v)| *c == 1 && **v == Cell::Text(label.to_string()))
            .map(|((r, _), _)| r + 1)
            .unwrap_or_else(|| panic!("no row labelled {label:?} in {}", self.name))
    }

    /// The 1-based row whose column A starts with `prefix` (a section heading: `II.`).
    pub fn row_starting(&self, prefix: &str) -> u32 {
        self.cells
            .iter()
            .find(|((_, c), v)| *c == 0 && matches!(v, Cell::Text(t) if t.starts_with(prefix)))
            .map(|((r, _), _)| r + 1)
            .unwrap_or_else(|| panic!("no row starting {prefix:?} in {}", self.name))
    }

    /// Column B of the hidden sheet row named `key`, as (1-based row, value).
    pub fn meta(&self, key: &str) -> (u32, String) {
        self.cells
            .iter()
            .find(|((_, c), v)| *c == 0 && **v == Cell::Text(key.to_string()))
            .map(|((r, _), _)| (r + 1, self.text(&format!("B{}", r + 1))))
            .unwrap_or_else(|| panic!("no meta row {key:?}"))
    }
}

/// A whole workbook, as cells.
#[derive(Debug, Clone)]
pub struct Book {
    pub sheets: Vec<Sheet>,
}

impl Book {
    pub fn open(path: &Path) -> Book {
        let mut workbook: Xlsx<_> = open_workbook(path).expect("an xlsx");
        let meta = workbook.sheets_metadata().to_vec();
        let mut sheets = Vec::new();
        for info in meta {
            let range = workbook.worksheet_range(&info.name).expect("a sheet");
            let (top, left) = range.start().unwrap_or((0, 0));
            let mut cells = BTreeMap::new();
            for (r, row) in range.rows().enumerate() {
                for (c, value) in row.iter().enumerate() {
                    let cell = match value {
                        Data::Empty => continue,
                        Data::Int(i) => Cell::Number(*i as f64),
                        Data::Float(f) => Cell::Number(*f),
                        Data::String(s) => Cell::Text(s.clone()),
                        other => Cell::Text(other.to_string()),
                    };
                    cells.insert((top + r as u32, (left + c as u32) as u16), cell);
                }
            }
            sheets.push(Sheet {
                name: info.name.clone(),
                hidden: info.visible != SheetVisible::Visible,
                cells,
            });
        }
        Book { sheets }
    }

    pub fn sheet(&mut self, name: &str) -> &mut Sheet {
        self.sheets
            .iter_mut()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no sheet {name}"))
    }

    pub fn get(&self, name: &str) -> &Sheet {
        self.sheets
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no sheet {name}"))
    }

    /// Sets a row of the hidden `blocpress` sheet (column B of the row named `key`).
    pub fn set_meta(&mut self, key: &str, value: &str) {
        let sheet = self.sheet("blocpress");
        let (row, _) = sheet.meta(key);
        sheet.set(&format!("B{row}"), value);
    }

    pub fn save(&self, path: &Path) {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        for sheet in &self.sheets {
            let out = workbook.add_worksheet();
            out.set_name(&sheet.name).unwrap();
            for ((r, c), cell) in &sheet.cells {
                match cell {
                    Cell::Number(n) => out.write_number(*r, *c, *n).unwrap(),
                    Cell::Text(t) => out.write_string(*r, *c, t).unwrap(),
                };
            }
            if sheet.hidden {
                out.set_hidden(true);
            }
        }
        workbook.save(path).unwrap();
    }
}

/// The parts of an xlsx file, by name, inflated.
pub fn parts(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        all.push((entry.name().unwrap().to_string(), bytes));
    }
    all
}

/// The name of the part holding the sheet `name` (through workbook.xml and its relations).
pub fn sheet_part(parts: &[(String, Vec<u8>)], name: &str) -> String {
    let text = |part: &str| {
        String::from_utf8(
            parts
                .iter()
                .find(|(n, _)| n == part)
                .unwrap_or_else(|| panic!("no {part}"))
                .1
                .clone(),
        )
        .unwrap()
    };
    let workbook = text("xl/workbook.xml");
    let doc = roxmltree::Document::parse(&workbook).unwrap();
    let id = doc
        .descendants()
        .find(|n| n.has_tag_name("sheet") && n.attribute("name") == Some(name))
        .and_then(|n| {
            n.attributes()
                .find(|a| a.name() == "id")
                .map(|a| a.value().to_string())
        })
        .expect("sheet id");
    let rels = text("xl/_rels/workbook.xml.rels");
    let doc = roxmltree::Document::parse(&rels).unwrap();
    let target = doc
        .descendants()
        .find(|n| n.attribute("Id") == Some(id.as_str()))
        .and_then(|n| n.attribute("Target"))
        .expect("target");
    format!("xl/{}", target.trim_start_matches("/xl/"))
}

/// One part of a zip being written by hand: its name, the bytes as stored, how they are
/// stored (0 stored, 8 deflated), the CRC and length of the inflated bytes.
pub struct RawPart {
    pub name: String,
    pub stored: Vec<u8>,
    pub method: u16,
    pub crc: u32,
    pub size: u32,
}

impl RawPart {
    /// A part stored as it is.
    pub fn plain(name: &str, bytes: &[u8]) -> RawPart {
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        RawPart {
            name: name.to_string(),
            stored: bytes.to_vec(),
            method: 0,
            crc: crc.sum(),
            size: bytes.len() as u32,
        }
    }

    /// A part deflated, as spreadsheet programs store them.
    pub fn deflated(name: &str, bytes: &[u8]) -> RawPart {
        let mut part = RawPart::plain(name, bytes);
        let mut out = Vec::with_capacity(bytes.len() / 4 + 64);
        let mut compress = flate2::Compress::new(flate2::Compression::fast(), false);
        compress
            .compress_vec(bytes, &mut out, flate2::FlushCompress::Finish)
            .unwrap();
        while compress.total_in() < bytes.len() as u64 || out.len() == out.capacity() {
            out.reserve(out.capacity());
            let done = compress.total_in() as usize;
            compress
                .compress_vec(&bytes[done..], &mut out, flate2::FlushCompress::Finish)
                .unwrap();
        }
        part.stored = out;
        part.method = 8;
        part
    }

    /// A deflated part that inflates to `head`, then `filler` `times` times, then `tail`,
    /// without ever holding the inflated bytes: each piece is compressed on its own with a full
    /// flush (so pieces do not refer to each other) and the compressed filler is repeated.
    pub fn bomb(name: &str, head: &[u8], filler: &[u8], times: usize, tail: &[u8]) -> RawPart {
        fn piece(bytes: &[u8]) -> Vec<u8> {
            let mut compress = flate2::Compress::new(flate2::Compression::best(), false);
            let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
            compress
                .compress_vec(bytes, &mut out, flate2::FlushCompress::Full)
                .unwrap();
            assert_eq!(compress.total_in() as usize, bytes.len());
            out
        }
        let mut stored = piece(head);
        let filled = piece(filler);
        for _ in 0..times {
            stored.extend_from_slice(&filled);
        }
        stored.extend_from_slice(&piece(tail));
        // The last block: empty, fixed Huffman codes, marked final.
        stored.extend_from_slice(&[0x03, 0x00]);
        let mut crc = flate2::Crc::new();
        crc.update(head);
        let mut one = flate2::Crc::new();
        one.update(filler);
        for _ in 0..times {
            crc.combine(&one);
        }
        let mut last = flate2::Crc::new();
        last.update(tail);
        crc.combine(&last);
        let size = head.len() as u64 + filler.len() as u64 * times as u64 + tail.len() as u64;
        RawPart {
            name: name.to_string(),
            stored,
            method: 8,
            crc: crc.sum(),
            size: u32::try_from(size).expect("under 4 GB"),
        }
    }
}

/// Writes a zip file of `parts` (local headers, data, central directory).
pub fn write_zip(path: &Path, parts: &[RawPart]) {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for part in parts {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&part.method.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // time
            h.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
            h.extend_from_slice(&part.crc.to_le_bytes());
            h.extend_from_slice(&(part.stored.len() as u32).to_le_bytes());
            h.extend_from_slice(&part.size.to_le_bytes());
            h.extend_from_slice(&(part.name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&0u16.to_le_bytes()); // comment
                h.extend_from_slice(&0u16.to_le_bytes()); // disk
                h.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(part.name.as_bytes());
            h
        };
        out.extend_from_slice(&header(0x0403_4b50, false));
        out.extend_from_slice(&part.stored);
        central.extend_from_slice(&header(0x0201_4b50, true));
    }
    let start = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    std::fs::File::create(path)
        .unwrap()
        .write_all(&out)
        .unwrap();
}

/// `form` with the part `name` replaced by what `change` makes of its text (the other parts
/// copied as they are), written to `to`.
pub fn with_part(form: &Path, to: &Path, name: &str, change: impl FnOnce(String) -> String) {
    let mut change = Some(change);
    let mut found = false;
    let raw: Vec<RawPart> = parts(form)
        .into_iter()
        .map(|(n, bytes)| match change.take_if(|_| n == name) {
            Some(change) => {
                found = true;
                RawPart::deflated(&n, change(String::from_utf8(bytes).unwrap()).as_bytes())
            }
            None => RawPart::plain(&n, &bytes),
        })
        .collect();
    assert!(found, "no part {name}");
    write_zip(to, &raw);
}

/// `form` with the part `name` replaced by `part`.
pub fn with_raw_part(form: &Path, to: &Path, part: RawPart) {
    let mut raw: Vec<RawPart> = parts(form)
        .into_iter()
        .filter(|(n, _)| *n != part.name)
        .map(|(n, bytes)| RawPart::plain(&n, &bytes))
        .collect();
    raw.push(part);
    write_zip(to, &raw);
}
