//! Who changed what and when. When the site is a Git repository, each change the workspace
//! writes is committed with the `git` program: the user as author (`--author`), the workspace
//! as committer (`-c user.name=… -c user.email=…`), only the files of that change. Otherwise
//! the history is kept in `.blocpress/history/`: one JSON line per change in `log.jsonl` and
//! every version a change wrote in `objects/<sha256>`. Either way [`History::file_at`] gives a
//! file as one change left it, for a restore. What a change did ([`Action`]) and the item's
//! title are kept with it (Git trailers `Blocpress-Action:` and `Blocpress-Title:`, or fields of
//! the JSON line) so the history page says it in the reader's language.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;

/// The committer of every change the workspace writes.
pub const COMMITTER_NAME: &str = "blocpress workspace";
pub const COMMITTER_EMAIL: &str = "workspace@blocpress.invalid";

const FOLDER: &str = ".blocpress/history";

/// One change: its id (a Git commit or a number), who, when, what.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Change {
    pub id: String,
    pub author: String,
    /// RFC 3339.
    pub time: String,
    pub message: String,
    /// What the change did ([`Action`]'s name); `None` for changes made before it was kept,
    /// or outside the workspace: the page then shows the message as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The title of the item as the change left it (a news item's `title:`), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub files: Vec<String>,
    /// Folder history only: the version each file was left at (`None`: removed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<Option<String>>,
}

/// What a change did, kept with it so the history page can say it in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Add,
    Edit,
    Delete,
    Upload,
    Restore,
    FormIssued,
    FormImported,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Upload => "upload",
            Action::Restore => "restore",
            Action::FormIssued => "form-issued",
            Action::FormImported => "form-imported",
        }
    }

    pub fn parse(name: &str) -> Option<Action> {
        [
            Action::Add,
            Action::Edit,
            Action::Delete,
            Action::Upload,
            Action::Restore,
            Action::FormIssued,
            Action::FormImported,
        ]
        .into_iter()
        .find(|a| a.name() == name)
    }
}

/// What one change is, as [`History::record`] keeps it: the words of its message (in the
/// workspace's language, for `git log`), the action and the item's title (for the page).
#[derive(Debug, Clone)]
pub struct Record {
    pub message: String,
    pub action: Action,
    pub title: Option<String>,
}

/// Git trailers of a commit the workspace makes: its action and the item's title.
const ACTION_TRAILER: &str = "Blocpress-Action";
const TITLE_TRAILER: &str = "Blocpress-Title";

/// The `title:` of a Markdown file of the site (a news item, a page, minutes), for the history
/// to name the item; `None` for other files or when it has none.
pub fn title_of(root: &Path, rel: &str) -> Option<String> {
    if !rel.ends_with(".md") {
        return None;
    }
    let path = crate::cms::check::resolve(root, rel)?;
    let text = std::fs::read_to_string(path).ok()?;
    let split = crate::content::front_matter::split(&text).ok()?;
    let front: serde_yaml::Value = serde_yaml::from_str(split.front_matter).ok()?;
    front
        .get("title")?
        .as_str()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// Where the history of one site is kept.
#[derive(Debug, Clone)]
pub enum History {
    Git(PathBuf),
    Folder(PathBuf),
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    // File names as written: Git would otherwise quote "chấm-điểm.md" as "ch\341\272\245m…".
    command
        .args(["-c", "core.quotePath=false"])
        .current_dir(root)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE");
    command
}

fn git_failed(error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::new(FOLDER, "E820").arg("error", error.to_string())
}

impl History {
    /// Git when `root` is inside a work tree (and the `git` program runs), else the folder.
    pub fn open(root: &Path) -> History {
        let inside = git(root)
            .args(["rev-parse", "--is-inside-work-tree"])
            .output()
            .is_ok_and(|o| o.status.success() && o.stdout.starts_with(b"true"));
        if inside {
            History::Git(root.to_path_buf())
        } else {
            History::Folder(root.to_path_buf())
        }
    }

    /// Records a change of `files` (as written now) by `author`.
    pub fn record(&self, author: &str, what: &Record, files: &[String]) -> Result<(), Diagnostic> {
        if files.is_empty() {
            return Ok(());
        }
        // A trailer is one line: a title keeps its words, never a line break.
        let title = what
            .title
            .as_deref()
            .map(crate::hygiene::collapse_whitespace)
            .filter(|t| !t.is_empty());
        match self {
            History::Git(root) => {
                let run = |args: &[&str]| -> Result<std::process::Output, Diagnostic> {
                    let output = git(root).args(args).output().map_err(|e| {
                        if e.kind() == std::io::ErrorKind::NotFound {
                            Diagnostic::new(FOLDER, "E821")
                        } else {
                            git_failed(e)
                        }
                    })?;
                    Ok(output)
                };
                let mut add = vec!["add", "-A", "--"];
                add.extend(files.iter().map(String::as_str));
                let output = run(&add)?;
                if !output.status.success() {
                    return Err(git_failed(String::from_utf8_lossy(&output.stderr).trim()));
                }
                let author_arg = format!("--author={author} <{author}@blocpress.invalid>");
                let committer_name = format!("user.name={COMMITTER_NAME}");
                let committer_email = format!("user.email={COMMITTER_EMAIL}");
                let mut message = format!(
                    "{}\n\n{ACTION_TRAILER}: {}\n",
                    what.message,
                    what.action.name()
                );
                if let Some(title) = &title {
                    message.push_str(&format!("{TITLE_TRAILER}: {title}\n"));
                }
                let mut commit = vec![
                    "-c",
                    &committer_name,
                    "-c",
                    &committer_email,
                    "commit",
                    "--no-verify",
                    "--quiet",
                    "-m",
                    &message,
                    &author_arg,
                    "--",
                ];
                commit.extend(files.iter().map(String::as_str));
                let output = run(&commit)?;
                // Nothing to commit (a save that changed nothing) is not a failure.
                if !output.status.success() {
                    let status = run(&["status", "--porcelain", "--"])?;
                    let mut pending = String::from_utf8_lossy(&status.stdout).into_owned();
                    pending.retain(|c| c != '\n');
                    let touched = files.iter().any(|f| pending.contains(f.as_str()));
                    if touched {
                        return Err(git_failed(String::from_utf8_lossy(&output.stderr).trim()));
                    }
                }
                Ok(())
            }
            History::Folder(root) => {
                let dir = root.join(FOLDER);
                let objects = dir.join("objects");
                let io = |e: std::io::Error| git_failed(e);
                std::fs::create_dir_all(&objects).map_err(io)?;
                let mut versions = Vec::new();
                for file in files {
                    match std::fs::read(root.join(file)) {
                        Ok(bytes) => {
                            let version = crate::content::write::version(&bytes);
                            let object = objects.join(&version);
                            if !object.exists() {
                                std::fs::write(&object, &bytes).map_err(io)?;
                            }
                            versions.push(Some(version));
                        }
                        Err(_) => versions.push(None),
                    }
                }
                let count = self.log(usize::MAX).map(|l| l.len()).unwrap_or(0);
                let change = Change {
                    id: (count + 1).to_string(),
                    author: author.to_string(),
                    time: jiff::Timestamp::now().to_string(),
                    message: what.message.clone(),
                    action: Some(what.action.name().to_string()),
                    title,
                    files: files.to_vec(),
                    versions,
                };
                let mut line = serde_json::to_string(&change).unwrap_or_default();
                line.push('\n');
                let mut log = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(dir.join("log.jsonl"))
                    .map_err(io)?;
                log.write_all(line.as_bytes()).map_err(io)?;
                log.sync_all().map_err(io)
            }
        }
    }

    /// The latest `limit` changes, newest first.
    pub fn log(&self, limit: usize) -> Result<Vec<Change>, Diagnostic> {
        match self {
            History::Git(root) => {
                let output = git(root)
                    .args([
                        "log",
                        &format!("-n{}", limit.min(100_000)),
                        &format!(
                            "--format=%x1e%H%x1f%an%x1f%aI%x1f%s\
                             %x1f%(trailers:key={ACTION_TRAILER},valueonly,separator=%x20)\
                             %x1f%(trailers:key={TITLE_TRAILER},valueonly,separator=%x20)"
                        ),
                        "--name-only",
                        "--relative",
                        "--",
                        ".",
                    ])
                    .output()
                    .map_err(git_failed)?;
                if !output.status.success() {
                    // A repository with no commit yet has no history.
                    return Ok(Vec::new());
                }
                let text = String::from_utf8_lossy(&output.stdout);
                Ok(text
                    .split('\u{1e}')
                    .filter_map(|record| {
                        let mut lines = record.lines();
                        let head = lines.next()?;
                        let parts: Vec<&str> = head.split('\u{1f}').collect();
                        let [id, author, time, message, action, title] = parts.as_slice() else {
                            return None;
                        };
                        let present =
                            |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
                        Some(Change {
                            id: id.to_string(),
                            author: author.to_string(),
                            time: time.to_string(),
                            message: message.to_string(),
                            action: present(action),
                            title: present(title),
                            files: lines
                                .filter(|l| !l.is_empty())
                                .map(str::to_string)
                                .collect(),
                            versions: Vec::new(),
                        })
                    })
                    .collect())
            }
            History::Folder(root) => {
                let text = match std::fs::read_to_string(root.join(FOLDER).join("log.jsonl")) {
                    Ok(text) => text,
                    Err(_) => return Ok(Vec::new()),
                };
                let mut all: Vec<Change> = text
                    .lines()
                    .filter_map(|l| serde_json::from_str(l).ok())
                    .collect();
                all.reverse();
                all.truncate(limit);
                Ok(all)
            }
        }
    }

    /// The bytes of `path` as change `id` left it (`Ok(None)`: that change removed it or never
    /// touched it and it did not exist then).
    pub fn file_at(&self, id: &str, path: &str) -> Result<Option<Vec<u8>>, Diagnostic> {
        match self {
            History::Git(root) => {
                if !(7..=64).contains(&id.len()) || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(Diagnostic::new(path, "E822").arg("commit", id));
                }
                let known = git(root)
                    .args(["cat-file", "-e", &format!("{id}^{{commit}}")])
                    .output()
                    .map_err(git_failed)?;
                if !known.status.success() {
                    return Err(Diagnostic::new(path, "E822").arg("commit", id));
                }
                let output = git(root)
                    .args(["show", &format!("{id}:./{path}")])
                    .output()
                    .map_err(git_failed)?;
                Ok(output.status.success().then_some(output.stdout))
            }
            History::Folder(root) => {
                let all = self.log(usize::MAX)?;
                let change = all
                    .iter()
                    .find(|c| c.id == id)
                    .ok_or_else(|| Diagnostic::new(path, "E822").arg("commit", id))?;
                let index = change
                    .files
                    .iter()
                    .position(|f| f == path)
                    .ok_or_else(|| Diagnostic::new(path, "E822").arg("commit", id))?;
                match change.versions.get(index).cloned().flatten() {
                    Some(version) => std::fs::read(root.join(FOLDER).join("objects").join(version))
                        .map(Some)
                        .map_err(git_failed),
                    None => Ok(None),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without Git, the folder history keeps the action and the title for the page.
    #[test]
    fn the_folder_history_keeps_what_a_change_did() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/news")).unwrap();
        let rel = "content/news/2026-12-07-ra-quan.md";
        std::fs::write(
            root.join(rel),
            "---\ntitle: \"Ra quân: làm đường\"\ndate: 2026-12-07\n---\nNội dung.\n",
        )
        .unwrap();
        let history = History::Folder(root.to_path_buf());
        let record = Record {
            message: "Thêm tin".into(),
            action: Action::Add,
            title: title_of(root, rel),
        };
        history
            .record("thuky", &record, &[rel.to_string()])
            .unwrap();
        let log = history.log(10).unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].action.as_deref(), Some("add"));
        assert_eq!(log[0].title.as_deref(), Some("Ra quân: làm đường"));
        assert_eq!(log[0].author, "thuky");
        assert_eq!(title_of(root, "content/news/khong-co.md"), None);
        assert_eq!(title_of(root, "../etc/passwd.md"), None);
    }
}
