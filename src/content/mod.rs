//! Reading a site from disk: walking `content/` and `static/`, parsing every file into the
//! plain data of [`crate::model`], and checking what one file can check on its own. Cross-file
//! checks (an association a news item names, a period host) happen in [`validate`].

pub mod aliases;
pub mod association;
pub mod awards;
pub mod colocated;
pub mod document_meta;
pub mod documents;
pub mod front_matter;
pub mod hygiene;
pub mod load;
pub mod meetings;
pub mod news;
pub mod page;
pub mod period;
pub mod registration;
pub mod scoring;
pub mod validate;
pub mod write;
pub mod year;

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::model::SampleMark;
use crate::yaml::MAX_FILE_BYTES;

/// `text` in Unicode normalisation form C (composed), without copying text already in it.
pub fn to_nfc(text: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if surely_nfc(text.as_bytes()) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
}

/// A fast, byte-level "certainly NFC" for the text of a Vietnamese site: every character is
/// below U+0300 (ASCII, Latin-1, Latin Extended A/B: the precomposed ă â đ ê ô ơ ư), in Latin
/// Extended Additional (U+1E00–U+1EFF: ạ ả ấ … ỹ, precomposed) or in U+2010–U+206F (dashes,
/// quotes, …), none of which changes under NFC. Anything else goes to the full check.
fn surely_nfc(bytes: &[u8]) -> bool {
    // Lead bytes from 0xCC up start U+0300 and above; continuation bytes are below 0xC0.
    // Vietnamese text then only has 0xE1 and 0xE2 to look at, with the bytes after them. Each
    // byte is looked at with the next two, in a fold without early exit or branches, which
    // vectorises (the text is UTF-8: a three-byte lead is never among the last two bytes).
    let ok_lead = |b: u8| (b < 0xCC) | (b == 0xE1) | (b == 0xE2);
    let n = bytes.len();
    if n < 3 {
        return bytes.iter().all(|&b| b < 0xCC);
    }
    let bad = bytes[..n - 2]
        .iter()
        .zip(&bytes[1..n - 1])
        .zip(&bytes[2..])
        .fold(false, |bad, ((&b0, &b1), &b2)| {
            let e1_bad = (b0 == 0xE1) & !((0xB8..=0xBB).contains(&b1));
            let e2_ok = ((b1 == 0x80) & (0x90..=0xBF).contains(&b2))
                | ((b1 == 0x81) & (0x80..=0xAF).contains(&b2));
            bad | !ok_lead(b0) | e1_bad | ((b0 == 0xE2) & !e2_ok)
        });
    !bad && ok_lead(bytes[n - 2]) && ok_lead(bytes[n - 1])
}

/// A path in NFC (file names saved on macOS are decomposed); a path that is not UTF-8 stays.
pub fn path_to_nfc(path: PathBuf) -> PathBuf {
    match path.to_str() {
        Some(text) if text.is_ascii() => path,
        Some(text) => PathBuf::from(to_nfc(text.to_string())),
        None => path,
    }
}

/// Reads a text file like [`read_file`], then refuses or replaces the characters XML forbids
/// ([`hygiene`]); the warning for replaced characters in a body is dropped (see
/// [`read_text_checked`] to keep it).
pub fn read_text(path: &Path, rel: &Path) -> Result<String, Diagnostic> {
    read_text_checked(path, rel).map(|(text, _)| text)
}

/// [`read_text`] with the warning for forbidden characters replaced in a Markdown body.
pub fn read_text_checked(
    path: &Path,
    rel: &Path,
) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    let text = read_file(path, rel)?;
    hygiene::clean(rel, text).map_err(|mut errors| errors.swap_remove(0))
}

/// Reads a text file: refuses huge and binary files, reports invalid UTF-8 with its line,
/// strips a BOM. `rel` is the path shown in messages.
pub fn read_file(path: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let unreadable = |e: std::io::Error| {
        Diagnostic::new(rel, "E001").nested("error", crate::messages::io_reason(&e))
    };
    let too_big = |len: u64| {
        Diagnostic::new(rel, "E002")
            .arg("size", format!("{:.1}", len as f64 / (1024.0 * 1024.0)))
            .count("limit", MAX_FILE_BYTES >> 20)
    };
    // One open: the size comes from the open file (no second look-up of the path), and the
    // read stops past the limit even if the file grew in between.
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    if len > MAX_FILE_BYTES as u64 {
        return Err(too_big(len));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut file, MAX_FILE_BYTES as u64 + 1),
        &mut bytes,
    )
    .map_err(unreadable)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    decode_text(bytes, rel)
}

pub fn decode_text(bytes: Vec<u8>, rel: &Path) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::new(rel, "E003").at(1, 1));
    }
    if let Some(index) = memchr::memchr(0, &bytes) {
        let line = 1 + memchr::memchr_iter(b'\n', &bytes[..index]).count();
        let line_start = memchr::memrchr(b'\n', &bytes[..index]).map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&bytes[line_start..index])
            .chars()
            .count()
            + 1;
        return Err(Diagnostic::new(rel, "E004").at(line, column));
    }
    // SIMD validation first (content files are mostly multi-byte Vietnamese text, where the
    // standard library's check is slow); the standard check then runs only on failure, to
    // report the position.
    let decoded = if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `bytes` was just validated as UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        String::from_utf8(bytes)
    };
    match decoded {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            // One Unicode form for everything read: a name typed on macOS (decomposed) and the
            // same name typed on Windows (composed) are the same name, tag and link target.
            text = to_nfc(text);
            // A lone CR (old Mac files) is a line break to YAML and to editors: make it LF so
            // every stage counts lines alike (the front matter fences are found per LF line).
            if memchr::memchr(b'\r', text.as_bytes()).is_some() {
                text = normalize_lone_cr(&text);
            }
            Ok(text)
        }
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.as_bytes();
            let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
            let line_start = bytes[..valid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&bytes[line_start..valid])
                .chars()
                .count()
                + 1;
            Err(Diagnostic::new(rel, "E005").at(line, column))
        }
    }
}

/// `a\rb\r\nc` → `a\nb\r\nc`: CRLF stays, a CR alone becomes LF.
fn normalize_lone_cr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// The Markdown dialect of every body, defined once: the loader finds the links to files next
/// to content with it, and the Markdown stage renders with it.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The line of a front-matter key (`image:`) in a file, for messages; 0 when not found.
pub fn key_line(root: &Path, source: &Path, key: &str) -> usize {
    std::fs::read_to_string(root.join(source))
        .ok()
        .and_then(|text| {
            text.lines().position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            })
        })
        .map_or(0, |i| i + 1)
}

/// `extra.sample` as what it means (SPEC Part 2, "Sample data"): `true` marks the whole file,
/// `false` (or no such key) nothing, a list some keys (`keys`: whether this kind of file may
/// name keys). Any other value is an error at it, never "not sample": made-up figures would be
/// published without their label.
pub fn sample_mark(
    source: &crate::yaml::YamlSource,
    extra: &serde_json::Value,
    keys: bool,
) -> Result<SampleMark, Diagnostic> {
    sample_mark_as(source, extra, keys, if keys { "E140" } else { "E141" })
}

/// A file's `extra:` as the templates get it (JSON) and the [`SampleMark`] it gives; a wrong
/// mark is reported in `problems` and reads as none (the file is refused anyway).
pub fn extra_and_sample(
    source: &crate::yaml::YamlSource,
    extra: &crate::yaml::Value,
    keys: bool,
    problems: &mut Vec<Diagnostic>,
) -> (serde_json::Value, SampleMark) {
    let extra = crate::config::extra_to_json(extra);
    let sample = sample_mark(source, &extra, keys)
        .map_err(|d| problems.push(d))
        .unwrap_or_default();
    (extra, sample)
}

/// [`sample_mark`] with the code that says what kind of file it is (`E302`: a document).
pub fn sample_mark_as(
    source: &crate::yaml::YamlSource,
    extra: &serde_json::Value,
    keys: bool,
    code: &'static str,
) -> Result<SampleMark, Diagnostic> {
    use serde_json::Value;
    let Some(value) = extra.get("sample") else {
        return Ok(SampleMark::None);
    };
    match value {
        Value::Bool(true) => Ok(SampleMark::All),
        Value::Bool(false) => Ok(SampleMark::None),
        Value::Array(items) if keys && items.iter().all(Value::is_string) => Ok(SampleMark::Keys(
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
        )),
        other => Err(source
            .at(&["extra", "sample"], code)
            .arg("value", serde_json::to_string(other).unwrap_or_default())),
    }
}

/// `content/news/2013/x.md` → `news/2013/x.md`: the form `@/` links use.
pub fn content_path(rel: &Path) -> String {
    let inner = rel.strip_prefix("content").unwrap_or(rel);
    inner
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The file name without extension, as text (lossy for non-UTF-8 names).
pub fn file_stem(rel: &Path) -> String {
    rel.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A path under the site root, remembered both ways.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourcePath {
    pub abs: PathBuf,
    pub rel: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rejects_binary_utf16_and_bad_utf8_with_lines() {
        let rel = Path::new("x.md");
        assert!(
            decode_text(b"\xff\xfea\x00".to_vec(), rel)
                .unwrap_err()
                .text(crate::i18n::Language::En)
                .contains("UTF-16")
        );
        assert_eq!(
            decode_text(b"a\nb\x00".to_vec(), rel).unwrap_err().line,
            Some(2)
        );
        let bad = decode_text(b"ok\nH\xe9i\n".to_vec(), rel).unwrap_err();
        assert_eq!((bad.line, bad.column), (Some(2), Some(2)));
        assert_eq!(
            decode_text("\u{feff}xin chào".as_bytes().to_vec(), rel).unwrap(),
            "xin chào"
        );
        assert_eq!(
            decode_text(b"a\rb\r\nc\r".to_vec(), rel).unwrap(),
            "a\nb\r\nc\n"
        );
        let binary = decode_text(b"ok\nab\x00".to_vec(), rel).unwrap_err();
        assert_eq!((binary.line, binary.column), (Some(2), Some(3)));
    }

    #[test]
    fn nfc_fast_path_agrees_with_the_full_check() {
        use unicode_normalization::UnicodeNormalization;
        for text in [
            "Khối thi đua “đặc thù” – Lai Châu… ỹ Ư ơ",
            "Hội nghị",
            "\u{2000} en quad",
            "Å K Ω",
            "a\u{301}",
        ] {
            let composed: String = text.nfc().collect();
            assert_eq!(to_nfc(text.to_string()), composed, "{text}");
            if surely_nfc(text.as_bytes()) {
                assert_eq!(text, composed);
            }
        }
        assert!(surely_nfc("Khối thi đua “đặc thù” – Lai Châu".as_bytes()));
        assert!(!surely_nfc("Ho\u{302}\u{323}i".as_bytes()));
        // Each kind of byte, also as the last character and in texts shorter than three bytes.
        for (text, sure) in [
            ("ạ", true),
            ("xạ", true),
            ("đ", true),
            ("a", true),
            ("", true),
            ("\u{2010}", true),
            ("x\u{206F}", true),
            ("x\u{2070}", false),
            ("\u{1F00}", false),
            ("x\u{300}", false),
            ("\u{300}", false),
            ("ab\u{E9}\u{301}", false),
        ] {
            assert_eq!(surely_nfc(text.as_bytes()), sure, "{text:?}");
        }
    }

    #[test]
    fn content_paths_use_slashes() {
        assert_eq!(
            content_path(Path::new("content/news/2013/a.md")),
            "news/2013/a.md"
        );
    }
}
