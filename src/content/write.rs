//! The one way commands write into `content/`: stage every new text, check the site as it would
//! be with all of them (the same checks as `blocpress check`, run on a scratch copy of the site),
//! then write each file atomically (a temporary file beside it, then a rename). Either every
//! file is written or none is.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// One file to create or replace: `rel` is relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub rel: PathBuf,
    /// The current text (`None`: a new file).
    pub old: Option<String>,
    pub new: String,
}

/// A scratch folder removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch_dir() -> Result<Scratch> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("blocpress-check-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("{}", dir.display()))?;
    Ok(Scratch(dir))
}

/// Copies what `check` reads (site.yaml, content/, themes/) into `to`. Static files are not
/// copied: whatever they cause is the same before and after, and the comparison drops it.
fn copy_site(root: &Path, to: &Path) -> Result<()> {
    std::fs::copy(root.join(CONFIG_FILE), to.join(CONFIG_FILE))
        .with_context(|| format!("{}", root.join(CONFIG_FILE).display()))?;
    for folder in ["content", "themes"] {
        let from = root.join(folder);
        if !from.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&from).follow_links(true) {
            let Ok(entry) = entry else { continue };
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
            let target = to.join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target)?;
            } else if entry.file_type().is_file() {
                // A hard link costs nothing at 10,000 news; `replace` never writes through it.
                if std::fs::hard_link(entry.path(), &target).is_err() {
                    std::fs::copy(entry.path(), &target)
                        .with_context(|| format!("{}", entry.path().display()))?;
                }
            }
        }
    }
    Ok(())
}

/// Writes a file of the scratch copy: the old name is unlinked first, so a file that is a hard
/// link to the site's own is never written through.
fn replace(path: &Path, text: &str) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("{}", path.display())),
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text).with_context(|| format!("{}", path.display()))
}

fn apply(root: &Path, changes: &[FileChange], new: bool) -> Result<()> {
    for change in changes {
        let path = root.join(&change.rel);
        match (new, &change.old) {
            (true, _) => replace(&path, &change.new)?,
            (false, Some(old)) => replace(&path, old)?,
            (false, None) => std::fs::remove_file(&path)?,
        }
    }
    Ok(())
}

/// What identifies an error apart from its position (lines move when a file changes).
fn key(d: &Diagnostic) -> String {
    format!(
        "{}|{}|{}",
        d.code(),
        crate::diagnostics::display_path(&d.path),
        d.text(crate::i18n::Language::En)
    )
}

/// Checks the site as it would be with `changes`. Returns the errors the changes would bring:
/// every error in a changed file, and errors elsewhere that the site did not have before.
pub fn check(root: &Path, changes: &[FileChange]) -> Result<Diagnostics> {
    if changes.is_empty() {
        return Ok(Diagnostics::new());
    }
    let scratch = scratch_dir()?;
    copy_site(root, &scratch.0)?;
    apply(&scratch.0, changes, true)?;
    let after = crate::site::check(&scratch.0, false);
    let mut found = Diagnostics::new();
    if !after.has_errors() {
        return Ok(found);
    }
    apply(&scratch.0, changes, false)?;
    let before: std::collections::HashSet<String> = crate::site::check(&scratch.0, false)
        .sorted()
        .iter()
        .filter(|d| d.is_error())
        .map(key)
        .collect();
    for d in after.sorted() {
        let changed = changes.iter().any(|c| c.rel == d.path);
        if d.is_error() && (changed || !before.contains(&key(&d))) {
            found.push(d);
        }
    }
    Ok(found)
}

/// Writes every change: all temporary files first, then the renames.
pub fn write_all(root: &Path, changes: &[FileChange]) -> Result<()> {
    let mut staged = Vec::new();
    let result = (|| -> Result<()> {
        for change in changes {
            let path = root.join(&change.rel);
            let parent = path.parent().unwrap_or(root);
            std::fs::create_dir_all(parent).with_context(|| format!("{}", parent.display()))?;
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            // A hidden name: the loader ignores it if a run is interrupted before the rename.
            let temp = parent.join(format!(".{name}.blocpress-{}", std::process::id()));
            std::fs::write(&temp, &change.new).with_context(|| format!("{}", temp.display()))?;
            staged.push((temp, path));
        }
        Ok(())
    })();
    if let Err(error) = result {
        for (temp, _) in &staged {
            let _ = std::fs::remove_file(temp);
        }
        return Err(error);
    }
    for (temp, path) in &staged {
        std::fs::rename(temp, path).with_context(|| format!("{}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checking_never_writes_into_the_site() {
        let site = scratch_dir().unwrap();
        let rel = "content/associations/hoi-a/2023-h2.yaml";
        std::fs::create_dir_all(site.0.join("content/associations/hoi-a")).unwrap();
        std::fs::write(
            site.0.join(CONFIG_FILE),
            "title: T\nbase_url: https://x.vn/\n",
        )
        .unwrap();
        std::fs::write(
            site.0.join("content/associations/hoi-a/profile.yaml"),
            "name: A\n",
        )
        .unwrap();
        std::fs::write(site.0.join(rel), "summary: old\n").unwrap();
        let changes = [FileChange {
            rel: rel.into(),
            old: Some("summary: old\n".into()),
            new: "summary: [not, text\n".into(),
        }];
        let errors = check(&site.0, &changes).unwrap();
        assert!(errors.has_errors());
        assert_eq!(
            std::fs::read_to_string(site.0.join(rel)).unwrap(),
            "summary: old\n"
        );
    }

    #[test]
    fn writes_every_file_or_none() {
        let dir = scratch_dir().unwrap();
        let changes = vec![
            FileChange {
                rel: "content/a/x.yaml".into(),
                old: None,
                new: "a: 1\n".into(),
            },
            FileChange {
                rel: "content/b.yaml".into(),
                old: None,
                new: "b: 2\n".into(),
            },
        ];
        write_all(&dir.0, &changes).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.0.join("content/a/x.yaml")).unwrap(),
            "a: 1\n"
        );
        let leftovers: Vec<_> = walkdir::WalkDir::new(&dir.0)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty());
    }
}
