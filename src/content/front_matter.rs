//! Splits a Markdown file into its YAML front matter and body. The front matter is the text
//! between a first line `---` and the next line `---`; a UTF-8 BOM and CRLF line endings are
//! accepted. The body keeps its line number so Markdown diagnostics point into the file.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;
use crate::yaml::{self, YamlSource};

/// Splits a Markdown file and parses its front matter into `T`. Returns the value, the YAML
/// source (to point at keys in later messages), the split (for the body and its line) and the
/// unknown keys already found: the caller adds its own checks of the values to them, so one
/// run reports every problem of the file.
pub fn parse<'a, T: DeserializeOwned>(
    rel: &'a Path,
    text: &'a str,
) -> Result<(T, YamlSource<'a>, Split<'a>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let split = split(text).map_err(|e| vec![Diagnostic::new(rel, e.code).at(e.line, 1)])?;
    let source = YamlSource {
        path: rel,
        text: split.front_matter,
        line_offset: split.front_matter_line_offset,
    };
    match yaml::from_str_all(&source) {
        (Some(value), problems) => Ok((value, source, split, problems)),
        (None, problems) => Err(problems),
    }
}

/// A file's two parts, borrowed from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    pub body: &'a str,
    /// Lines before the front matter text (the opening `---`): 1.
    pub front_matter_line_offset: usize,
    /// 1-based line of the first body line.
    pub body_line: usize,
}

/// Why a file has no usable front matter; the line is 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    pub line: usize,
    /// E040 empty, E041 no opening `---`, E042 never closed.
    pub code: &'static str,
}

pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r', ' ', '\t']) == "---"
}

pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let text = strip_bom(text);
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text.trim().is_empty() {
        return Err(SplitError {
            line: 1,
            code: "E040",
        });
    }
    if !is_fence(&text[..first_end]) {
        return Err(SplitError {
            line: 1,
            code: "E041",
        });
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if is_fence(&text[offset..end]) {
            return Ok(Split {
                front_matter: &text[first_end..offset],
                body: &text[end..],
                front_matter_line_offset: 1,
                body_line: line + 1,
            });
        }
        offset = end;
        line += 1;
    }
    Err(SplitError {
        line: 1,
        code: "E042",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_crlf_and_bom() {
        for text in [
            "---\ntitle: a\n---\nbody\n",
            "---\r\ntitle: a\r\n---\r\nbody\r\n",
            "\u{feff}---\ntitle: a\n---\nbody\n",
        ] {
            let split = split(text).unwrap();
            assert_eq!(split.front_matter.trim_end(), "title: a");
            assert_eq!(split.body.trim_end(), "body");
            assert_eq!(split.body_line, 4);
        }
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        let s = split("---\n---").unwrap();
        assert_eq!((s.front_matter, s.body), ("", ""));
    }

    #[test]
    fn a_later_rule_stays_in_the_body() {
        let s = split("---\nt: 1\n---\npara\n\n---\nnot: meta\n---\n").unwrap();
        assert!(s.body.contains("not: meta"));
    }

    #[test]
    fn reports_missing_and_unclosed_fences() {
        assert_eq!(split("title: a\n").unwrap_err().code, "E041");
        assert_eq!(split("---\ntitle: a\n").unwrap_err().code, "E042");
        assert_eq!(split("").unwrap_err().code, "E040");
        assert_eq!(split("   \n").unwrap_err().code, "E040");
    }
}
