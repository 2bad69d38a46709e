//! Text hygiene of the files of a site, at load time: the characters XML 1.0 forbids
//! ([`crate::hygiene`]) must never reach a feed or the sitemap. In a title or any other front
//! matter value, and anywhere in a YAML file, such a character is an error at its line and
//! column (columns count characters); in a Markdown body it is replaced (a vertical tab or form
//! feed, which Word writes for Shift+Enter, by a space; anything else by U+FFFD) with a warning.
//! What escapes write (`"\v"` in YAML, `&#11;` in Markdown) is caught where they are decoded.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::hygiene::{code_point, is_forbidden};

/// 1-based line and column (in characters) of byte `index` of `text`.
pub fn position(text: &str, index: usize) -> (usize, usize) {
    let before = &text[..index];
    let line = 1 + memchr::memchr_iter(b'\n', before.as_bytes()).count();
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Checks a file's text: `Err` with an error for each forbidden character (at most five) before
/// the Markdown body; otherwise the text with the body's forbidden characters replaced, and
/// one warning naming the first of them and how many there were.
pub fn clean(rel: &Path, text: String) -> Result<(String, Option<Diagnostic>), Vec<Diagnostic>> {
    // A byte scan first: this runs on every file of the site.
    if !crate::hygiene::may_hold_forbidden(&text) {
        return Ok((text, None));
    }
    let is_markdown = rel.extension().is_some_and(|e| e == "md");
    let body_start = if is_markdown {
        match super::front_matter::split(&text) {
            Ok(split) => split.body.as_ptr() as usize - text.as_ptr() as usize,
            // No front matter: the split error is reported by the parser; clean the whole text.
            Err(_) => 0,
        }
    } else {
        text.len()
    };
    let errors: Vec<Diagnostic> = text[..body_start]
        .char_indices()
        .filter(|(_, c)| is_forbidden(*c))
        .take(5)
        .map(|(i, c)| {
            let (line, column) = position(&text, i);
            Diagnostic::new(rel, "E601")
                .arg("char", code_point(c))
                .at(line, column)
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some((first, c)) = text[body_start..]
        .char_indices()
        .find(|(_, c)| is_forbidden(*c))
    else {
        return Ok((text, None));
    };
    let (line, column) = position(&text, body_start + first);
    let mut count = 0;
    let mut cleaned = String::with_capacity(text.len());
    cleaned.push_str(&text[..body_start]);
    for ch in text[body_start..].chars() {
        if is_forbidden(ch) {
            count += 1;
            cleaned.push(crate::hygiene::replacement(ch));
        } else {
            cleaned.push(ch);
        }
    }
    let warning = Diagnostic::new(rel, "W600")
        .arg("char", code_point(c))
        .count("count", count)
        .at(line, column);
    Ok((cleaned, Some(warning)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_an_error_body_is_cleaned() {
        let rel = Path::new("content/news/a.md");
        let bad = "---\ntitle: \"Sơ kết\u{B}năm\"\n---\nBody\n".to_string();
        let errors = clean(rel, bad).unwrap_err();
        assert_eq!(errors[0].code(), "E601");
        assert_eq!((errors[0].line, errors[0].column), (Some(2), Some(15)));
        let body = "---\ntitle: A\n---\nMột\u{B}hai\u{1}\n".to_string();
        let (text, warning) = clean(rel, body).unwrap();
        assert_eq!(text, "---\ntitle: A\n---\nMột hai\u{FFFD}\n");
        let warning = warning.unwrap();
        assert_eq!((warning.line, warning.column), (Some(4), Some(4)));
        let yaml = "name: Hội\u{FFFF}\n".to_string();
        assert!(clean(Path::new("a.yaml"), yaml).is_err());
        let fine = "---\ntitle: A\n---\ntab\there\r\n".to_string();
        assert!(clean(rel, fine).unwrap().1.is_none());
    }
}
