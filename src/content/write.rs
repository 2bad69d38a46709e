//! The one way anything writes into a site's files (`content/`, and the uploads of
//! `static/images/`): [`check`] the site as it would be with the change (the same checks as
//! `blocpress check`, on a scratch copy), then [`commit`] every file or none, even when the
//! process is killed in the middle.
//!
//! A commit holds the site's write lock (`.blocpress/write.lock`), verifies that each file
//! still holds the version its caller read ([`Base`]; otherwise nothing is written and the
//! caller hears [`WriteError::Conflict`]), and then follows a write-ahead journal in
//! `.blocpress/journal/<id>.json`:
//!
//! 1. the journal is written in state `prepared`, naming every file, the hidden temporary
//!    file beside it that will hold its new text (unique to this write), and the folders the
//!    write will create;
//! 2. the temporary files are written and flushed to disk;
//! 3. the journal is rewritten (atomically) in state `committed`: from here on the write counts
//!    as done;
//! 4. each temporary file is renamed over its file (or a removed file is deleted);
//! 5. the journal is removed.
//!
//! [`recover`], run by every command that opens a site before it does anything else (and by a
//! commit, under the lock), finishes a `committed` journal (all new) and undoes a `prepared`
//! one (all old: the temporary files and the folders it created are removed). Either way no
//! temporary file stays, and the command says so in one coded line.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::load::LoadOptions;
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

/// The version a caller expects a file to hold when its change is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// Whatever it holds (nothing was read first).
    Any,
    /// The file must not exist: a new entry never replaces one.
    Absent,
    /// The file must hold exactly the bytes whose [`version`] this is.
    Version(String),
}

/// One file of a write: its new bytes (`None`: remove it) and the version it must still have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Relative to the site root, `/`-separated components, nothing hidden.
    pub rel: PathBuf,
    pub base: Base,
    pub new: Option<Vec<u8>>,
}

impl Edit {
    /// Writes `new` at `rel`, which must still hold `base`.
    pub fn put(rel: impl Into<PathBuf>, base: Base, new: impl Into<Vec<u8>>) -> Edit {
        Edit {
            rel: rel.into(),
            base,
            new: Some(new.into()),
        }
    }

    /// Removes `rel`, which must still hold `base`.
    pub fn remove(rel: impl Into<PathBuf>, base: Base) -> Edit {
        Edit {
            rel: rel.into(),
            base,
            new: None,
        }
    }
}

impl From<&FileChange> for Edit {
    /// A change planned from the text on disk: the file must still hold that text.
    fn from(change: &FileChange) -> Edit {
        let base = match &change.old {
            Some(old) => Base::Version(version(old.as_bytes())),
            None => Base::Absent,
        };
        Edit::put(change.rel.clone(), base, change.new.as_bytes())
    }
}

/// The version of a file's bytes: their SHA-256, in hex (what the CMS shows as an entry's id).
pub fn version(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The version of the file at `path` now (`None`: there is none).
pub fn current_version(path: &Path) -> std::io::Result<Option<String>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(version(&bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Why a commit wrote nothing (or, for [`WriteError::Failed`] with E466, what is left to
/// finish).
#[derive(Debug, Clone)]
pub enum WriteError {
    /// These files no longer hold the version the caller read (someone saved in between), or
    /// a new file's name is taken. Nothing was written.
    Conflict(Vec<PathBuf>),
    /// A path the writer refuses, a lock held too long, or reading or writing failed.
    Failed(Diagnostic),
}

impl WriteError {
    /// The coded lines to show: E460 for each file that changed, or the failure.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut all = Diagnostics::new();
        match self {
            WriteError::Conflict(files) => {
                for file in files {
                    all.push(Diagnostic::new(file.clone(), "E460"));
                }
            }
            WriteError::Failed(diagnostic) => all.push(diagnostic.clone()),
        }
        all
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            self.diagnostics()
                .render(crate::i18n::Language::default())
                .trim_end(),
        )
    }
}

impl std::error::Error for WriteError {}

/// A failed read or write of `path` (relative to the site root), with the system's words.
fn io_failure(code: &'static str, path: &Path, error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::new(path, code).arg("error", error.to_string())
}

/// A scratch folder removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch_dir() -> Result<Scratch> {
    let dir = std::env::temp_dir().join(format!("blocpress-check-{}", unique_id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("{}", dir.display()))?;
    Ok(Scratch(dir))
}

/// Copies what `check` reads (site.yaml, content/, themes/, static/) into `to`.
fn copy_site(root: &Path, to: &Path) -> Result<()> {
    std::fs::copy(root.join(CONFIG_FILE), to.join(CONFIG_FILE))
        .with_context(|| format!("{}", root.join(CONFIG_FILE).display()))?;
    for folder in ["content", "themes", "static"] {
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
fn replace(path: &Path, bytes: Option<&[u8]>) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("{}", path.display())),
    }
    let Some(bytes) = bytes else { return Ok(()) };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).with_context(|| format!("{}", path.display()))
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

/// The whole-site check, as `blocpress check` runs it, of the site at the path with the options
/// given. The pipeline sits above this module (layers point one way), so callers pass it in:
/// `&blocpress::site::check_with`.
pub type SiteCheck<'a> = &'a (dyn Fn(&Path, &LoadOptions) -> Diagnostics + Sync);

/// Checks the site as it would be with `changes`. Returns the errors the changes would bring:
/// every error in a changed file, and errors elsewhere that the site did not have before.
pub fn check(root: &Path, changes: &[FileChange], site_check: SiteCheck) -> Result<Diagnostics> {
    let edits: Vec<Edit> = changes.iter().map(Edit::from).collect();
    check_edits(root, &edits, site_check)
}

/// [`check`] for any edits (removals and uploads too).
pub fn check_edits(root: &Path, edits: &[Edit], site_check: SiteCheck) -> Result<Diagnostics> {
    if edits.is_empty() {
        return Ok(Diagnostics::new());
    }
    let mut found = Diagnostics::new();
    for edit in edits {
        if let Err(refused) = safe_rel(&edit.rel) {
            found.push(refused);
        }
    }
    if found.has_errors() {
        return Ok(found);
    }
    let scratch = scratch_dir()?;
    copy_site(root, &scratch.0)?;
    for edit in edits {
        replace(&scratch.0.join(&edit.rel), edit.new.as_deref())?;
    }
    // Photos are checked, never encoded: the scratch copy finds the live site's in its cache.
    let checking = |cache_of: Option<PathBuf>| LoadOptions {
        images: crate::model::images::ImageWork::Check { cache_of },
        ..LoadOptions::default()
    };
    let after = site_check(&scratch.0, &checking(Some(root.to_path_buf())));
    if !after.has_errors() {
        return Ok(found);
    }
    let before: std::collections::HashSet<String> = site_check(root, &checking(None))
        .sorted()
        .iter()
        .filter(|d| d.is_error())
        .map(key)
        .collect();
    for d in after.sorted() {
        let changed = edits.iter().any(|e| e.rel == d.path && e.new.is_some());
        if d.is_error() && (changed || !before.contains(&key(&d))) {
            found.push(d);
        }
    }
    Ok(found)
}

/// Writes every change (each file must still hold the text it was planned from).
pub fn write_all(root: &Path, changes: &[FileChange]) -> Result<()> {
    let edits: Vec<Edit> = changes.iter().map(Edit::from).collect();
    // As `SiteErrors`, which the commands print in the language of the run.
    commit(root, &edits)
        .map_err(|e| anyhow::Error::new(crate::diagnostics::SiteErrors(e.diagnostics())))
}

// ---------------------------------------------------------------------------------------------
// The journal

/// Where a site keeps what blocpress itself needs (never published, never content).
pub const STATE_DIR: &str = ".blocpress";
const JOURNAL_DIR: &str = ".blocpress/journal";
const LOCK_FILE: &str = ".blocpress/write.lock";

/// How long a write waits for another one to finish (writes take milliseconds).
const LOCK_WAIT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum State {
    /// Temporary files may exist; nothing is replaced yet: undo.
    Prepared,
    /// Every temporary file is complete: finish.
    Committed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct JournalFile {
    /// The file, relative to the site root.
    path: String,
    /// Its temporary file (relative to the root), holding the new bytes; `None`: a removal.
    staged: Option<String>,
    /// The version it held before the write (`None`: it did not exist).
    old: Option<String>,
    /// The version it holds after (`None`: removed).
    new: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Journal {
    /// Format version of this file.
    blocpress_journal: u32,
    state: State,
    files: Vec<JournalFile>,
    /// Folders this write creates (parents first), removed again when it is undone.
    created_folders: Vec<String>,
}

fn unique_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{}-{nanos}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// `rel` when it stays inside the site and names nothing hidden (the journal, `.git`).
fn safe_rel(rel: &Path) -> Result<&Path, Diagnostic> {
    let ok = !rel.as_os_str().is_empty()
        && rel.components().all(|c| match c {
            Component::Normal(name) => !name.to_string_lossy().starts_with('.'),
            _ => false,
        });
    if ok {
        Ok(rel)
    } else {
        Err(Diagnostic::new(rel, "E463"))
    }
}

/// `root/rel` when no existing part of it below the root is a symbolic link (a link could lead
/// the write anywhere).
fn target(root: &Path, rel: &Path) -> Result<PathBuf, Diagnostic> {
    let rel = safe_rel(rel)?;
    let mut full = root.to_path_buf();
    for part in rel.components() {
        full.push(part);
        if std::fs::symlink_metadata(&full).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Diagnostic::new(rel, "E463"));
        }
    }
    Ok(full)
}

fn slash(rel: &Path) -> String {
    crate::diagnostics::display_path(rel)
}

/// The hidden temporary file beside `rel` for write `id`: ignored by the loader and the
/// watcher, unique to this write, named in the journal.
fn staged_name(rel: &Path, id: &str) -> PathBuf {
    let name = rel
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    rel.with_file_name(format!(".{name}.blocpress-{id}"))
}

/// Test seam (debug builds only, never in a release): `BLOCPRESS_TEST_WRITE_PAUSE=N` stops a
/// commit at its N-th step (journal written, each temporary file, commit point, each rename,
/// journal removed), says so on stderr and waits to be killed, so a test can SIGKILL it there.
#[cfg(debug_assertions)]
fn pause_point(step: &str) {
    use std::sync::atomic::AtomicUsize;
    static STEPS: AtomicUsize = AtomicUsize::new(0);
    let Some(at) = std::env::var("BLOCPRESS_TEST_WRITE_PAUSE")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    else {
        return;
    };
    if STEPS.fetch_add(1, Ordering::SeqCst) + 1 == at {
        eprintln!("blocpress-test: paused at step {at} ({step})");
        loop {
            std::thread::sleep(Duration::from_secs(60));
        }
    }
}

#[cfg(not(debug_assertions))]
fn pause_point(_: &str) {}

fn sync_dir(dir: &Path) {
    // Makes renames durable across a power cut; not possible (nor needed) everywhere.
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Writes `bytes` to `path` and flushes it to the disk.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn journal_rel(id: &str) -> PathBuf {
    Path::new(JOURNAL_DIR).join(format!("{id}.json"))
}

/// Writes the journal atomically (a temporary file, then a rename): a reader sees the old
/// state or the new one, never half a file.
fn save_journal(
    root: &Path,
    id: &str,
    journal: &Journal,
    code: &'static str,
) -> Result<(), Diagnostic> {
    let rel = journal_rel(id);
    let path = root.join(&rel);
    let temp = path.with_extension("json.tmp");
    let text = serde_json::to_vec_pretty(journal).map_err(|e| io_failure(code, &rel, e))?;
    write_synced(&temp, &text)
        .and_then(|()| std::fs::rename(&temp, &path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
        .map_err(|e| io_failure(code, &rel, e))?;
    sync_dir(&root.join(JOURNAL_DIR));
    Ok(())
}

/// The site's write lock, waiting for another write to end.
fn lock(root: &Path) -> Result<crate::lock::FileLock, Diagnostic> {
    let dir = root.join(STATE_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| io_failure("E465", Path::new(STATE_DIR), e))?;
    crate::lock::FileLock::acquire(&root.join(LOCK_FILE), LOCK_WAIT)
        .map_err(|e| io_failure("E465", Path::new(LOCK_FILE), e))?
        .ok_or_else(|| Diagnostic::new(LOCK_FILE, "E464").count("seconds", LOCK_WAIT.as_secs()))
}

/// Removes `.blocpress/journal` when a write leaves it empty; under the lock, so no other
/// write is putting its journal there. `.blocpress/` itself stays (an empty folder: Git does
/// not see it), so taking the lock never races with its removal.
fn tidy_journal_dir(root: &Path) {
    let _ = std::fs::remove_dir(root.join(JOURNAL_DIR));
}

/// Writes every edit or none. Each file must still hold its [`Base`]; otherwise nothing is
/// written and the files that changed are named in [`WriteError::Conflict`].
pub fn commit(root: &Path, edits: &[Edit]) -> Result<(), WriteError> {
    match locked(root, edits, None)? {
        Outcome::Written => Ok(()),
        // Not asked to check: never refused.
        Outcome::Refused(_) => Ok(()),
    }
}

/// What [`check_and_commit`] did.
#[derive(Debug)]
pub enum Outcome {
    Written,
    /// The site would fail `check` with the change: these errors, and nothing was written.
    Refused(Diagnostics),
}

/// [`check_edits`] then [`commit`], under the site's write lock: no other write can slip in
/// between the check and the write (two saves, each fine alone, that together make two pages
/// with one URL). The versions are verified first, so an outdated save is told so (409) before
/// the site is checked.
pub fn check_and_commit(
    root: &Path,
    edits: &[Edit],
    site_check: SiteCheck,
) -> Result<Outcome, WriteError> {
    locked(root, edits, Some(site_check))
}

fn locked(root: &Path, edits: &[Edit], check: Option<SiteCheck>) -> Result<Outcome, WriteError> {
    if edits.is_empty() {
        return Ok(Outcome::Written);
    }
    // Refuse a bad path before taking the lock or creating `.blocpress/`.
    let targets: Vec<PathBuf> = edits
        .iter()
        .map(|e| target(root, &e.rel))
        .collect::<Result<_, _>>()
        .map_err(WriteError::Failed)?;
    let guard = lock(root).map_err(WriteError::Failed)?;
    let result = (|| {
        // A write interrupted before this one is settled first (normally the command did it).
        recover_locked(root).map_err(WriteError::Failed)?;
        let mut conflicts = Vec::new();
        let mut olds = Vec::new();
        for (edit, full) in edits.iter().zip(&targets) {
            let now = current_version(full)
                .map_err(|e| WriteError::Failed(io_failure("E465", &edit.rel, e)))?;
            let holds = match &edit.base {
                Base::Any => true,
                Base::Absent => now.is_none(),
                Base::Version(v) => now.as_deref() == Some(v.as_str()),
            };
            if !holds {
                conflicts.push(edit.rel.clone());
            }
            olds.push(now);
        }
        if !conflicts.is_empty() {
            return Err(WriteError::Conflict(conflicts));
        }
        if let Some(site_check) = check {
            let found = check_edits(root, edits, site_check).map_err(|e| {
                WriteError::Failed(io_failure("E465", Path::new(STATE_DIR), format!("{e:#}")))
            })?;
            if found.has_errors() {
                return Ok(Outcome::Refused(found));
            }
        }
        journaled(root, edits, &targets, olds).map_err(WriteError::Failed)?;
        Ok(Outcome::Written)
    })();
    tidy_journal_dir(root);
    drop(guard);
    result
}

/// The folders (relative, parents first) that writing `targets` creates.
fn missing_folders(root: &Path, targets: &[PathBuf]) -> Vec<String> {
    let mut created = Vec::new();
    for full in targets {
        let mut missing = Vec::new();
        let mut dir = full.parent();
        while let Some(d) = dir {
            if d == root || d.exists() {
                break;
            }
            missing.push(d.to_path_buf());
            dir = d.parent();
        }
        for d in missing.into_iter().rev() {
            let rel = slash(d.strip_prefix(root).unwrap_or(&d));
            if !created.contains(&rel) {
                created.push(rel);
            }
        }
    }
    created
}

/// The journaled write itself, under the lock, bases verified.
fn journaled(
    root: &Path,
    edits: &[Edit],
    targets: &[PathBuf],
    olds: Vec<Option<String>>,
) -> Result<(), Diagnostic> {
    let id = unique_id();
    let files: Vec<JournalFile> = edits
        .iter()
        .zip(olds)
        .map(|(edit, old)| JournalFile {
            path: slash(&edit.rel),
            staged: edit
                .new
                .as_ref()
                .map(|_| slash(&staged_name(&edit.rel, &id))),
            old,
            new: edit.new.as_deref().map(version),
        })
        .collect();
    let mut journal = Journal {
        blocpress_journal: 1,
        state: State::Prepared,
        files,
        created_folders: missing_folders(root, targets),
    };
    std::fs::create_dir_all(root.join(JOURNAL_DIR))
        .map_err(|e| io_failure("E465", Path::new(JOURNAL_DIR), e))?;
    save_journal(root, &id, &journal, "E465")?;
    pause_point("journal");
    let staged = (|| {
        for (edit, entry) in edits.iter().zip(&journal.files) {
            let (Some(bytes), Some(staged)) = (&edit.new, &entry.staged) else {
                continue;
            };
            let path = root.join(staged);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| io_failure("E465", &edit.rel, e))?;
            }
            write_synced(&path, bytes).map_err(|e| io_failure("E465", &edit.rel, e))?;
            pause_point("staged");
        }
        journal.state = State::Committed;
        save_journal(root, &id, &journal, "E465")
    })();
    if let Err(error) = staged {
        // Nothing replaced yet: put everything back as it was.
        undo(root, &journal);
        let _ = std::fs::remove_file(root.join(journal_rel(&id)));
        return Err(error);
    }
    pause_point("committed");
    // From here the write counts as done: a failure leaves the journal for the next command
    // to finish (E466 says so).
    finish(root, &journal, false)?;
    std::fs::remove_file(root.join(journal_rel(&id)))
        .map_err(|e| io_failure("E466", &journal_rel(&id), e))?;
    sync_dir(&root.join(JOURNAL_DIR));
    pause_point("done");
    Ok(())
}

/// Renames every temporary file over its file and removes what is removed. When `recovering`,
/// a file someone changed by hand since the interruption is left as it is, and returned.
fn finish(root: &Path, journal: &Journal, recovering: bool) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut kept = Vec::new();
    let mut dirs = std::collections::BTreeSet::new();
    for entry in &journal.files {
        let rel = Path::new(&entry.path);
        let full = target(root, rel)?;
        let fail = |e: std::io::Error| io_failure("E466", rel, e);
        if recovering {
            let now = current_version(&full).map_err(fail)?;
            if now != entry.old && now != entry.new {
                if let Some(staged) = &entry.staged {
                    let _ = std::fs::remove_file(root.join(staged));
                }
                kept.push(rel.to_path_buf());
                continue;
            }
        }
        match &entry.staged {
            Some(staged) => {
                let from = root.join(staged);
                // Already renamed when a recovery was itself interrupted.
                if from.exists() {
                    std::fs::rename(&from, &full).map_err(fail)?;
                }
            }
            None => match std::fs::remove_file(&full) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(fail(e)),
            },
        }
        if let Some(parent) = full.parent() {
            dirs.insert(parent.to_path_buf());
        }
        pause_point("rename");
    }
    for dir in dirs {
        sync_dir(&dir);
    }
    Ok(kept)
}

/// Removes the temporary files of a write that never reached its commit point, and the
/// folders it created (when empty).
fn undo(root: &Path, journal: &Journal) {
    for entry in &journal.files {
        if let Some(staged) = &entry.staged {
            let _ = std::fs::remove_file(root.join(staged));
        }
    }
    for dir in journal.created_folders.iter().rev() {
        let _ = std::fs::remove_dir(root.join(dir));
    }
}

/// What [`recover`] did with an interrupted write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// `true`: the write had reached its commit point and was finished (the files hold the new
    /// text); `false`: it was undone (they hold the old text).
    pub finished: bool,
    /// The files of the write.
    pub files: Vec<PathBuf>,
    /// Files changed by hand since the interruption, left as they are.
    pub kept: Vec<PathBuf>,
}

impl Recovery {
    /// The coded lines a command prints about it.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut all = Diagnostics::new();
        let names: Vec<String> = self.files.iter().map(|p| slash(p)).collect();
        let code = if self.finished { "W460" } else { "W461" };
        all.push(
            Diagnostic::new(JOURNAL_DIR, code)
                .count("count", self.files.len())
                .arg("files", names.join(", ")),
        );
        for kept in &self.kept {
            all.push(Diagnostic::new(kept.clone(), "W462"));
        }
        all
    }
}

/// Settles every write an interrupted command left (see the module head), and removes the
/// lock file a killed writer leaves. Does nothing, and creates nothing, when there is none.
pub fn recover(root: &Path) -> Result<Vec<Recovery>, Diagnostic> {
    if !has_journal(root) && !root.join(LOCK_FILE).exists() {
        return Ok(Vec::new());
    }
    let guard = lock(root)?;
    let result = recover_locked(root);
    tidy_journal_dir(root);
    drop(guard);
    result
}

fn has_journal(root: &Path) -> bool {
    std::fs::read_dir(root.join(JOURNAL_DIR)).is_ok_and(|mut entries| entries.next().is_some())
}

fn recover_locked(root: &Path) -> Result<Vec<Recovery>, Diagnostic> {
    let dir = root.join(JOURNAL_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    let mut done = Vec::new();
    for name in names {
        let rel = Path::new(JOURNAL_DIR).join(&name);
        let path = root.join(&rel);
        let Some(id) = name.strip_suffix(".json") else {
            // A journal that was being written when the process stopped: nothing was staged
            // under its name yet (the staging starts once the journal is in place).
            let _ = std::fs::remove_file(&path);
            continue;
        };
        let text = std::fs::read(&path).map_err(|e| io_failure("E467", &rel, e))?;
        let journal: Journal =
            serde_json::from_slice(&text).map_err(|e| io_failure("E467", &rel, e))?;
        let files = journal
            .files
            .iter()
            .map(|f| PathBuf::from(&f.path))
            .collect();
        let recovery = match journal.state {
            State::Prepared => {
                undo(root, &journal);
                Recovery {
                    finished: false,
                    files,
                    kept: Vec::new(),
                }
            }
            State::Committed => {
                let kept = finish(root, &journal, true)?;
                Recovery {
                    finished: true,
                    files,
                    kept,
                }
            }
        };
        std::fs::remove_file(&path).map_err(|e| io_failure("E467", &journal_rel(id), e))?;
        done.push(recovery);
    }
    sync_dir(&dir);
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Scratch {
        let site = scratch_dir().unwrap();
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
        site
    }

    /// Every file under `dir` with a hidden name or in a hidden folder (a temporary file, the
    /// journal, the lock).
    fn hidden(dir: &Path) -> Vec<String> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| !e.file_type().is_dir())
            .filter(|e| {
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            })
            .map(|e| e.path().display().to_string())
            .collect()
    }

    #[test]
    fn checking_never_writes_into_the_site() {
        let site = site();
        let rel = "content/associations/hoi-a/2023-h2.yaml";
        std::fs::write(site.0.join(rel), "summary: old\n").unwrap();
        let changes = [FileChange {
            rel: rel.into(),
            old: Some("summary: old\n".into()),
            new: "summary: [not, text\n".into(),
        }];
        let errors = check(&site.0, &changes, &crate::site::check_with).unwrap();
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
        assert!(hidden(&dir.0).is_empty(), "{:?}", hidden(&dir.0));
    }

    #[test]
    fn a_file_changed_since_it_was_read_stops_the_whole_write() {
        let dir = scratch_dir().unwrap();
        std::fs::create_dir_all(dir.0.join("content")).unwrap();
        std::fs::write(dir.0.join("content/a.yaml"), "a: 2\n").unwrap();
        let edits = [
            Edit::put("content/b.yaml", Base::Absent, "b: 1\n"),
            Edit::put(
                "content/a.yaml",
                Base::Version(version(b"a: 1\n")),
                "a: 3\n",
            ),
        ];
        match commit(&dir.0, &edits) {
            Err(WriteError::Conflict(files)) => {
                assert_eq!(files, vec![PathBuf::from("content/a.yaml")]);
            }
            other => panic!("{other:?}"),
        }
        assert!(!dir.0.join("content/b.yaml").exists());
        assert_eq!(
            std::fs::read_to_string(dir.0.join("content/a.yaml")).unwrap(),
            "a: 2\n"
        );
        // A new file never replaces one.
        let taken = [Edit::put("content/a.yaml", Base::Absent, "x\n")];
        assert!(matches!(
            commit(&dir.0, &taken),
            Err(WriteError::Conflict(_))
        ));
        assert!(hidden(&dir.0).is_empty(), "{:?}", hidden(&dir.0));
    }

    #[test]
    fn paths_that_leave_the_site_or_pass_a_link_are_refused() {
        let dir = scratch_dir().unwrap();
        let outside = scratch_dir().unwrap();
        std::fs::create_dir_all(dir.0.join("content")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside.0, dir.0.join("content/link")).unwrap();
        for rel in [
            "../x",
            "/etc/x",
            ".git/config",
            "content/.x",
            "content/link/x.md",
        ] {
            let edits = [Edit::put(rel, Base::Any, "x")];
            assert!(
                matches!(commit(&dir.0, &edits), Err(WriteError::Failed(_))),
                "{rel}"
            );
        }
        assert_eq!(std::fs::read_dir(&outside.0).unwrap().count(), 0);
    }

    /// A journal left in each state, as a killed process leaves it.
    fn interrupted(state: State) -> (Scratch, PathBuf, PathBuf) {
        let dir = scratch_dir().unwrap();
        std::fs::create_dir_all(dir.0.join("content/old")).unwrap();
        let a = PathBuf::from("content/old/a.yaml");
        let b = PathBuf::from("content/new/b.yaml");
        std::fs::write(dir.0.join(&a), "a: old\n").unwrap();
        std::fs::create_dir_all(dir.0.join("content/new")).unwrap();
        let id = "1-2-3";
        let journal = Journal {
            blocpress_journal: 1,
            state,
            files: vec![
                JournalFile {
                    path: slash(&a),
                    staged: Some(slash(&staged_name(&a, id))),
                    old: Some(version(b"a: old\n")),
                    new: Some(version(b"a: new\n")),
                },
                JournalFile {
                    path: slash(&b),
                    staged: Some(slash(&staged_name(&b, id))),
                    old: None,
                    new: Some(version(b"b: new\n")),
                },
            ],
            created_folders: vec!["content/new".into()],
        };
        std::fs::create_dir_all(dir.0.join(JOURNAL_DIR)).unwrap();
        save_journal(&dir.0, id, &journal, "E465").unwrap();
        std::fs::write(dir.0.join(staged_name(&a, id)), "a: new\n").unwrap();
        std::fs::write(dir.0.join(staged_name(&b, id)), "b: new\n").unwrap();
        (dir, a, b)
    }

    #[test]
    fn an_interrupted_write_past_its_commit_point_is_finished() {
        let (dir, a, b) = interrupted(State::Committed);
        let done = recover(&dir.0).unwrap();
        assert_eq!(done.len(), 1);
        assert!(done[0].finished);
        assert_eq!(std::fs::read_to_string(dir.0.join(&a)).unwrap(), "a: new\n");
        assert_eq!(std::fs::read_to_string(dir.0.join(&b)).unwrap(), "b: new\n");
        assert!(hidden(&dir.0).is_empty(), "{:?}", hidden(&dir.0));
        assert!(recover(&dir.0).unwrap().is_empty(), "settled once");
    }

    #[test]
    fn an_interrupted_write_before_its_commit_point_is_undone() {
        let (dir, a, b) = interrupted(State::Prepared);
        let done = recover(&dir.0).unwrap();
        assert!(!done[0].finished);
        assert_eq!(std::fs::read_to_string(dir.0.join(&a)).unwrap(), "a: old\n");
        assert!(!dir.0.join(&b).exists());
        assert!(!dir.0.join("content/new").exists(), "its folder is removed");
        assert!(hidden(&dir.0).is_empty(), "{:?}", hidden(&dir.0));
    }

    #[test]
    fn a_file_edited_by_hand_after_the_interruption_is_kept() {
        let (dir, a, _) = interrupted(State::Committed);
        std::fs::write(dir.0.join(&a), "a: typed by hand\n").unwrap();
        let done = recover(&dir.0).unwrap();
        assert_eq!(done[0].kept, vec![a.clone()]);
        assert_eq!(
            std::fs::read_to_string(dir.0.join(&a)).unwrap(),
            "a: typed by hand\n"
        );
        assert!(hidden(&dir.0).is_empty(), "{:?}", hidden(&dir.0));
        let codes: Vec<&str> = done[0]
            .diagnostics()
            .sorted()
            .iter()
            .map(Diagnostic::code)
            .collect();
        assert_eq!(codes, ["W460", "W462"]);
    }

    #[test]
    fn concurrent_commits_of_one_file_never_mix() {
        let dir = scratch_dir().unwrap();
        std::fs::create_dir_all(dir.0.join("content")).unwrap();
        std::fs::write(dir.0.join("content/a.md"), "v0").unwrap();
        let base = version(b"v0");
        let root = dir.0.clone();
        let threads: Vec<_> = (0..8)
            .map(|n| {
                let root = root.clone();
                let base = base.clone();
                std::thread::spawn(move || {
                    let text = format!("{n}").repeat(100_000);
                    let edits = [Edit::put("content/a.md", Base::Version(base), text)];
                    commit(&root, &edits).is_ok()
                })
            })
            .collect();
        let won: Vec<bool> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        assert_eq!(won.iter().filter(|w| **w).count(), 1, "{won:?}");
        let text = std::fs::read_to_string(dir.0.join("content/a.md")).unwrap();
        let first = text.chars().next().unwrap();
        assert!(text.chars().all(|c| c == first) && text.len() == 100_000);
        assert!(hidden(&dir.0).is_empty(), "{:?}", hidden(&dir.0));
    }
}
