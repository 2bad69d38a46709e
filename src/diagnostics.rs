//! Content errors as data: a `Diagnostic` names a file (relative to the site root), a line and
//! column where they are known, and a message. Stages collect them across the whole site so an
//! editor fixes every typo in one run; `Diagnostics` sorts and prints them like `rustc`.

use std::fmt;
use std::path::{Path, PathBuf};

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
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
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

    fn sort_key(&self) -> (&Path, usize, usize, Severity, &str) {
        (
            &self.path,
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", one_line(&display_path(&self.path)))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", one_line(&self.message))
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

    /// "2 errors, 1 warning"
    pub fn summary(&self) -> String {
        let sorted = self.sorted();
        let errors = sorted.iter().filter(|d| d.is_error()).count();
        let warnings = sorted.len() - errors;
        format!(
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The failure of a stage: the diagnostics that stopped it (warnings included).
#[derive(Debug)]
pub struct SiteErrors(pub Diagnostics);

impl fmt::Display for SiteErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.0.sorted() {
            writeln!(f, "{d}")?;
        }
        write!(f, "{}", self.0.summary())
    }
}

impl std::error::Error for SiteErrors {}

/// The closest candidate to `word` by edit distance, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&word_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(distance, c)| {
            *distance <= (c.chars().count().max(word.chars().count()) / 2).max(2)
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// " (did you mean `x`?)" or nothing.
pub fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match did_you_mean(word, candidates) {
        Some(best) => format!("; did you mean `{best}`?"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_rustc() {
        let d = Diagnostic::error("content/news/a.md", "bad date").at(3, 7);
        assert_eq!(d.to_string(), "error: content/news/a.md:3:7: bad date");
        let d = Diagnostic::warning("site.yaml", "odd").at(2, 0);
        assert_eq!(d.to_string(), "warning: site.yaml:2: odd");
        assert_eq!(
            Diagnostic::error("x.yaml", "m").to_string(),
            "error: x.yaml: m"
        );
    }

    #[test]
    fn a_diagnostic_is_always_one_line() {
        let d = Diagnostic::error("content/news/a\nerror: b.md", "unknown key `x\ny`").at(1, 1);
        assert_eq!(
            d.to_string(),
            "error: content/news/a\\nerror: b.md:1:1: unknown key `x\\ny`"
        );
    }

    #[test]
    fn sorts_by_file_then_line() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::error("b.md", "2").at(1, 1));
        all.push(Diagnostic::error("a.md", "3").at(9, 1));
        all.push(Diagnostic::error("a.md", "1").at(2, 1));
        let order: Vec<_> = all.sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(order, ["1", "3", "2"]);
        assert_eq!(all.summary(), "3 errors, 0 warnings");
    }

    #[test]
    fn suggests_near_words_only() {
        let keys = ["title", "date", "summary"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("sumary", keys), Some("summary"));
        assert_eq!(did_you_mean("zzzzzzzzz", keys), None);
    }
}
