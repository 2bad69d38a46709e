//! `forms.yaml` at the site root: every form `sheet export` issued (an unguessable id, the
//! member, the period, the date, the file name). The file is committed with the site and never
//! published (`build` reads only `content/`, `static/` and themes). Import accepts a form only
//! if its id is recorded here for the same member and period, so a member who edits the hidden
//! sheet of its own form cannot fill another member's figures.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::FormKind;
use crate::content::write::FileChange;
use crate::diagnostics::Diagnostic;
use crate::i18n::Language;
use crate::messages::Message;
use crate::yaml::YamlSource;

/// The file, relative to the site root.
pub const FILE: &str = "forms.yaml";

/// One issued form.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Issued {
    pub id: String,
    pub kind: Kind,
    /// The member a form of figures was issued to; none for the scoring grid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    pub period: String,
    /// The day it was issued (`2026-12-02`).
    pub date: String,
    /// The file name it was saved under (people rename files: only for the secretary).
    pub file: String,
}

/// [`FormKind`] as `forms.yaml` writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Achievement,
    Scoring,
}

impl From<FormKind> for Kind {
    fn from(kind: FormKind) -> Kind {
        match kind {
            FormKind::Achievement => Kind::Achievement,
            FormKind::Scoring => Kind::Scoring,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    forms: Vec<Issued>,
}

/// The issued forms of a site.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub forms: Vec<Issued>,
}

impl Registry {
    /// Reads `forms.yaml` (none yet: no form issued). A file that cannot be read is an error
    /// at its line, so no form is accepted against a registry read wrongly.
    pub fn load(root: &Path) -> Result<Registry, Diagnostic> {
        let path = root.join(FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Registry::default()),
            Err(_) => return Err(Diagnostic::new(FILE, "E378")),
        };
        let rel = PathBuf::from(FILE);
        let raw: Raw = crate::yaml::from_str(&YamlSource::new(&rel, &text))?;
        Ok(Registry { forms: raw.forms })
    }

    pub fn find(&self, id: &str) -> Option<&Issued> {
        self.forms.iter().find(|f| f.id == id)
    }

    /// The new text of `forms.yaml` with `more` added, as a change for the one writer.
    pub fn with(&self, root: &Path, more: &[Issued], language: Language) -> FileChange {
        let old = std::fs::read_to_string(root.join(FILE)).ok();
        let mut text = String::new();
        for line in Message::new("sheet-registry-header")
            .render(language)
            .lines()
        {
            text.push_str("# ");
            text.push_str(line);
            text.push('\n');
        }
        text.push_str("forms:\n");
        for form in self.forms.iter().chain(more) {
            text.push_str(&line(form));
        }
        FileChange {
            rel: PathBuf::from(FILE),
            old,
            new: text,
        }
    }
}

/// One entry on one line, every value quoted (a period such as `2023` stays text).
fn line(form: &Issued) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let kind = match form.kind {
        Kind::Achievement => "achievement",
        Kind::Scoring => "scoring",
    };
    let member = form
        .member
        .as_deref()
        .map_or_else(String::new, |m| format!(", member: {}", q(m)));
    format!(
        "  - {{ id: {}, kind: {kind}{member}, period: {}, date: {}, file: {} }}\n",
        q(&form.id),
        q(&form.period),
        q(&form.date),
        q(&form.file)
    )
}

/// A new form id: 96 random bits from the operating system, as 24 hex digits. Falls back to a
/// hash of the time and process when the system has no random source (never seen in practice).
pub fn new_id() -> String {
    let mut bytes = [0u8; 12];
    if getrandom::fill(&mut bytes).is_err() {
        let seed = format!(
            "{:?}{}{:?}",
            std::time::SystemTime::now(),
            std::process::id(),
            std::thread::current().id()
        );
        bytes.copy_from_slice(&blake3::hash(seed.as_bytes()).as_bytes()[..12]);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_entries_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let form = Issued {
            id: new_id(),
            kind: Kind::Achievement,
            member: Some("hoi-a".into()),
            period: "2023".into(),
            date: "2026-12-02".into(),
            file: "hoi a: \"bản 2\".xlsx".into(),
        };
        let grid = Issued {
            kind: Kind::Scoring,
            member: None,
            id: new_id(),
            ..form.clone()
        };
        assert_ne!(form.id, grid.id);
        assert_eq!(form.id.len(), 24);
        let change =
            Registry::default().with(dir.path(), &[form.clone(), grid.clone()], Language::Vi);
        std::fs::write(dir.path().join(FILE), &change.new).unwrap();
        let read = Registry::load(dir.path()).unwrap();
        assert_eq!(read.forms, [form.clone(), grid]);
        assert!(change.new.starts_with("# "), "{}", change.new);
        assert_eq!(read.find(&form.id), Some(&form));

        std::fs::write(
            dir.path().join(FILE),
            "forms:\n  - { id: x, kind: other }\n",
        )
        .unwrap();
        let error = Registry::load(dir.path()).unwrap_err();
        assert_eq!(error.path, PathBuf::from(FILE));
        assert_eq!(error.line, Some(2));
    }
}
