//! Content errors as data: a `Diagnostic` names a file (relative to the site root), a line and
//! column where they are known, and a message. Stages collect them across the whole site so an
//! editor fixes every typo in one run; `Diagnostics` sorts and prints them like `rustc`.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::i18n::Language;
use crate::messages::{self, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, shown with `/` separators.
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The catalogue entry: its id is the code (`E012`), its arguments the values at fault.
    pub message: Message,
}

impl Diagnostic {
    /// A diagnostic with catalogue code `code` (`E…` an error, `W…` a warning); add its
    /// arguments with [`Diagnostic::arg`] and its position with [`Diagnostic::at`].
    pub fn new(path: impl Into<PathBuf>, code: &'static str) -> Self {
        debug_assert!(crate::messages::is_code(code), "not a code: {code}");
        let severity = if code.starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        };
        Diagnostic {
            severity,
            path: path.into(),
            line: None,
            column: None,
            message: Message::new(code),
        }
    }

    /// A diagnostic from a catalogue message whose id is a code (what a checking function
    /// such as [`crate::slug::Slug::parse`] returns, before it knows the file).
    pub fn from_message(path: impl Into<PathBuf>, message: Message) -> Self {
        debug_assert!(
            crate::messages::is_code(message.id),
            "not a code: {}",
            message.id
        );
        let severity = if message.id.starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        };
        Diagnostic {
            severity,
            path: path.into(),
            line: None,
            column: None,
            message,
        }
    }

    /// A text argument of the message: the value as the editor wrote it, a key, a file.
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.message = self.message.arg(name, value);
        self
    }

    /// A number argument (selects plural forms).
    pub fn count(mut self, name: &'static str, value: impl TryInto<i64>) -> Self {
        self.message = self.message.count(name, value);
        self
    }

    /// An argument that is itself a catalogue message (a fix, a "did you mean").
    pub fn nested(mut self, name: &'static str, message: Message) -> Self {
        self.message = self.message.nested(name, message);
        self
    }

    /// The code, `E012`.
    pub fn code(&self) -> &'static str {
        self.message.id
    }

    /// Sets the position; a line of 0 means "unknown" and leaves it unset.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        if line > 0 {
            self.line = Some(line);
            self.column = (column > 0).then_some(column);
        }
        self
    }

    pub fn at_opt(self, pos: Option<(usize, usize)>) -> Self {
        match pos {
            Some((line, column)) => self.at(line, column),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message alone, in `language`.
    pub fn text(&self, language: Language) -> String {
        self.message.render(language)
    }

    /// `lỗi[E012]: path:line:col: message` in `language`; always one line.
    pub fn render(&self, language: Language) -> String {
        let label = match self.severity {
            Severity::Error => messages::text("label-error", language),
            Severity::Warning => messages::text("label-warning", language),
        };
        let mut out = format!(
            "{label}[{}]: {}",
            self.code(),
            one_line(&display_path(&self.path))
        );
        if let Some(line) = self.line {
            out.push_str(&format!(":{line}"));
            if let Some(column) = self.column {
                out.push_str(&format!(":{column}"));
            }
        }
        out.push_str(": ");
        out.push_str(&one_line(&self.text(language)));
        out
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity, &str) {
        (
            &self.path,
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.severity,
            self.message.id,
        )
    }
}

/// In Vietnamese, the default language; commands print with [`Diagnostic::render`].
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Language::default()))
    }
}

/// One diagnostic is one line: control characters from file names or YAML keys (a newline in
/// a quoted key, a tab in a file name) are shown escaped, so they cannot forge another line.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_control) {
        text.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// A path relative to the root, always with `/` so messages read the same on every system.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// Everything a run found, errors and warnings together.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(more);
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then position; duplicates (the same problem found twice) removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        items.dedup();
        items
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// "2 lỗi, 1 cảnh báo" / "2 errors, 1 warning"
    pub fn summary(&self) -> Message {
        let sorted = self.sorted();
        let errors = sorted.iter().filter(|d| d.is_error()).count();
        let warnings = sorted.len() - errors;
        Message::new("summary-counts")
            .count("errors", errors)
            .count("warnings", warnings)
    }

    /// Every diagnostic, sorted, one a line, in `language`.
    pub fn render(&self, language: Language) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            out.push_str(&d.render(language));
            out.push('\n');
        }
        out
    }
}

/// The failure of a stage: the diagnostics that stopped it (warnings included).
#[derive(Debug)]
pub struct SiteErrors(pub Diagnostics);

impl fmt::Display for SiteErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let language = Language::default();
        write!(
            f,
            "{}{}",
            self.0.render(language),
            self.0.summary().render(language)
        )
    }
}

impl std::error::Error for SiteErrors {}

/// The likeliest meant candidate: first one that the written word starts with, ends with or
/// contains (`ban-to-chuc-tinh-uy` → `ban-to-chuc`; the longest such wins), then one that
/// starts with the written word, then the closest by edit distance when it is close enough to
/// be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.trim().to_lowercase();
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let lowered: Vec<String> = candidates.iter().map(|c| c.to_lowercase()).collect();
    let contained = candidates
        .iter()
        .zip(&lowered)
        .filter(|(_, c)| {
            c.chars().count() >= 3
                && *c != &word_lower
                && (word_lower.starts_with(&format!("{c}-"))
                    || word_lower.ends_with(&format!("-{c}"))
                    || word_lower.contains(&format!("-{c}-")))
        })
        .max_by(|a, b| {
            let starts = |c: &str| word_lower.starts_with(c);
            (starts(a.1), a.1.len(), std::cmp::Reverse(*a.0)).cmp(&(
                starts(b.1),
                b.1.len(),
                std::cmp::Reverse(*b.0),
            ))
        })
        .map(|(c, _)| *c);
    if contained.is_some() {
        return contained;
    }
    if word_lower.chars().count() >= 4 {
        let extended = candidates
            .iter()
            .zip(&lowered)
            .filter(|(_, c)| c.starts_with(&word_lower))
            .min_by(|a, b| (a.1.len(), a.0).cmp(&(b.1.len(), b.0)))
            .map(|(c, _)| *c);
        if extended.is_some() {
            return extended;
        }
    }
    candidates
        .iter()
        .zip(&lowered)
        .map(|(c, lower)| (strsim::damerau_levenshtein(&word_lower, lower), *c))
        .filter(|(distance, c)| {
            *distance <= (c.chars().count().max(word.chars().count()) / 2).max(2)
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// "; có phải ý bạn là “x”?" or nothing, as a message to nest (argument `hint`).
pub fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Message {
    match did_you_mean(word, candidates) {
        Some(best) => Message::new("hint-did-you-mean").arg("word", best),
        None => Message::new("hint-none"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_rustc_in_both_languages() {
        let d = Diagnostic::new("content/news/a.md", "E065")
            .arg("key", "title")
            .at(3, 7);
        assert_eq!(
            d.render(Language::En),
            "error[E065]: content/news/a.md:3:7: `title` must not be empty"
        );
        assert_eq!(
            d.render(Language::Vi),
            "lỗi[E065]: content/news/a.md:3:7: “title” không được để trống"
        );
        let d = Diagnostic::new("site.yaml", "W001")
            .arg("key", "a")
            .at(2, 0);
        assert!(
            d.render(Language::Vi)
                .starts_with("cảnh báo[W001]: site.yaml:2: ")
        );
        assert_eq!(
            Diagnostic::new("x.yaml", "E095").render(Language::En),
            "error[E095]: x.yaml: a scoring file needs at least one group of criteria"
        );
    }

    #[test]
    fn a_diagnostic_is_always_one_line() {
        let d = Diagnostic::new("content/news/a\nerror: b.md", "E010")
            .arg("key", "x\ny")
            .nested("hint", Message::new("hint-none"))
            .arg("allowed", "title")
            .at(1, 1);
        assert!(
            d.render(Language::En)
                .starts_with("error[E010]: content/news/a\\nerror: b.md:1:1: unknown key `x\\ny`"),
            "{}",
            d.render(Language::En)
        );
    }

    #[test]
    fn sorts_by_file_then_line() {
        let mut all = Diagnostics::new();
        let d = |path: &str, key: &str| Diagnostic::new(path.to_string(), "E065").arg("key", key);
        all.push(d("b.md", "2").at(1, 1));
        all.push(d("a.md", "3").at(9, 1));
        all.push(d("a.md", "1").at(2, 1));
        let order: Vec<_> = all
            .sorted()
            .into_iter()
            .map(|d| d.message.text_arg("key").unwrap().to_string())
            .collect();
        assert_eq!(order, ["1", "3", "2"]);
        assert_eq!(all.summary().render(Language::En), "3 errors, 0 warnings");
        assert_eq!(all.summary().render(Language::Vi), "3 lỗi, 0 cảnh báo");
    }

    #[test]
    fn prefers_a_slug_the_written_one_starts_with() {
        let slugs = ["van-phong-tinh-uy", "ban-to-chuc", "hoi-luat-gia"];
        assert_eq!(
            did_you_mean("ban-to-chuc-tinh-uy", slugs),
            Some("ban-to-chuc")
        );
        assert_eq!(did_you_mean("hoi-luat-gai", slugs), Some("hoi-luat-gia"));
        assert_eq!(did_you_mean("ban-to", slugs), Some("ban-to-chuc"));
    }

    #[test]
    fn suggests_near_words_only() {
        let keys = ["title", "date", "summary"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("sumary", keys), Some("summary"));
        assert_eq!(did_you_mean("zzzzzzzzz", keys), None);
    }
}
