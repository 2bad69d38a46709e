//! The characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE and U+FFFF),
//! in one place. Every text that reaches an output passes through here, whatever it came from:
//! a file read from disk, a YAML escape (`"\v"`, `"\0"`, `"\uFFFF"`), a Markdown character
//! reference (`&#11;`), a spreadsheet cell, a browser save, a file name. Callers either refuse
//! the text (E601 and its kin, at the character's position) or replace the characters
//! ([`replace_forbidden`]); either way no feed, sitemap, `.docx` or `.xlsx` can hold one. A leaf:
//! it knows nothing of files or messages. Lone surrogates cannot occur in a Rust string.

use std::borrow::Cow;

/// Whether XML 1.0 forbids `c` in a document.
/// `text` on one line: each run of white space (line breaks included) made one space, none at
/// either end. For a summary, a title in a commit trailer, an excerpt, a YAML comment.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

pub fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Whether `text` may hold a forbidden character: a byte scan that is never wrong when it says
/// no (it runs over every file of a site), exact for the controls, and for U+FFFE/U+FFFF it
/// looks at their UTF-8 lead bytes.
pub fn may_hold_forbidden(text: &str) -> bool {
    let bytes = text.as_bytes();
    // A fold without early exit vectorises.
    let controls = bytes.iter().fold(false, |acc, &b| {
        acc | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'))
    });
    controls
        || memchr::memmem::find_iter(bytes, b"\xEF\xBF")
            .any(|i| matches!(bytes.get(i + 2), Some(0xBE | 0xBF)))
}

/// A forbidden character found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forbidden {
    pub character: char,
    /// Its byte offset in the text.
    pub offset: usize,
    /// Its index in characters (0-based): what a column counts.
    pub index: usize,
}

impl Forbidden {
    /// `U+000B`, as messages name the character.
    pub fn code_point(&self) -> String {
        code_point(self.character)
    }
}

/// `U+000B`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// The first forbidden character of `text`, if any.
pub fn first_forbidden(text: &str) -> Option<Forbidden> {
    if !may_hold_forbidden(text) {
        return None;
    }
    text.char_indices()
        .enumerate()
        .find(|(_, (_, c))| is_forbidden(*c))
        .map(|(index, (offset, character))| Forbidden {
            character,
            offset,
            index,
        })
}

/// What a forbidden character becomes when it is replaced: a vertical tab or a form feed
/// (what Word writes for Shift+Enter and a page break) a space, anything else U+FFFD.
pub fn replacement(c: char) -> char {
    if matches!(c, '\u{B}' | '\u{C}') {
        ' '
    } else {
        '\u{FFFD}'
    }
}

/// `text` with every forbidden character replaced ([`replacement`]); borrowed when there is none.
pub fn replace_forbidden(text: &str) -> Cow<'_, str> {
    match first_forbidden(text) {
        None => Cow::Borrowed(text),
        Some(first) => {
            let mut out = String::with_capacity(text.len());
            out.push_str(&text[..first.offset]);
            out.extend(
                text[first.offset..].chars().map(
                    |c| {
                        if is_forbidden(c) { replacement(c) } else { c }
                    },
                ),
            );
            Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_replaces_what_xml_forbids() {
        assert_eq!(first_forbidden("Sơ kết năm"), None);
        assert_eq!(first_forbidden("tab\there\r\n"), None);
        let found = first_forbidden("Sơ kết\u{B}năm").unwrap();
        assert_eq!(
            (found.character, found.index, found.offset),
            ('\u{B}', 6, 9)
        );
        assert_eq!(found.code_point(), "U+000B");
        assert_eq!(first_forbidden("ỹ\u{FFFF}").unwrap().index, 1);
        assert_eq!(first_forbidden("\u{FFFD}\u{FFFE}").unwrap().index, 1);
        assert_eq!(
            replace_forbidden("Một\u{B}hai\u{C}ba\u{0}\u{FFFF}"),
            "Một hai ba\u{FFFD}\u{FFFD}"
        );
        assert!(matches!(replace_forbidden("sạch"), Cow::Borrowed(_)));
        for c in (0..0x20u32)
            .chain([0xFFFE, 0xFFFF])
            .filter_map(char::from_u32)
        {
            let forbidden = !matches!(c, '\t' | '\n' | '\r');
            assert_eq!(is_forbidden(c), forbidden, "{c:?}");
            assert_eq!(may_hold_forbidden(&c.to_string()), forbidden, "{c:?}");
        }
        assert!(!is_forbidden('\u{FFFD}') && !is_forbidden('\u{7F}'));
    }
}
