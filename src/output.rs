//! Where rendered files go, behind one trait: the disk (a staging folder beside the output,
//! swapped in only when the whole build succeeded) or memory (for `serve`).
//!
//! The disk output is careful with the user's files: the output folder carries a marker listing
//! what blocpress wrote; a build refuses a folder that holds the site itself, an ancestor of it,
//! a source folder, or files blocpress did not write (unless `--force`); hidden entries at the
//! top of the output (`.git`, `.nojekyll`) are carried over to every new build.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::messages::{Message, MessageError};

mod in_place;

/// A refusal to write `output`, in the catalogue; add arguments with [`MessageError::arg`].
fn refuse(id: &'static str, output: &Path) -> MessageError {
    MessageError(Message::new(id).arg("output", output.display().to_string()))
}

/// The marker file at the top of an output folder; it lists every file blocpress wrote.
pub const MARKER: &str = ".blocpress-output";

/// Anything that can receive the files of a site.
pub trait Output: Sync {
    /// Writes one file; `path` is relative, with `/`, and already checked by [`check_relative`].
    fn write(&self, path: &str, contents: &[u8]) -> io::Result<()>;

    /// Copies a file from disk (the disk output may do it without reading it into memory).
    fn copy_file(&self, path: &str, from: &Path) -> io::Result<()> {
        let bytes = fs::read(from)?;
        self.write(path, &bytes)
    }

    /// Publishes a file that is never modified in place (an entry of the image cache): the
    /// disk output hard-links it when it can, so a build with 200 cached photos copies nothing.
    fn link_file(&self, path: &str, from: &Path) -> io::Result<()> {
        self.copy_file(path, from)
    }
}

/// Refuses output paths that could leave the output folder: absolute paths, `..`, empty or
/// odd segments. Every generated path goes through it.
pub fn check_relative(path: &str) -> Result<(), String> {
    if path.is_empty() || path.starts_with('/') || path.contains('\\') || path.contains('\0') {
        return Err(format!("unsafe output path `{path}`"));
    }
    for segment in path.split('/') {
        if segment.is_empty() || segment == "." || segment == ".." || segment.contains(':') {
            return Err(format!("unsafe output path `{path}`"));
        }
    }
    Ok(())
}

/// Joins a checked relative path under `root`; the result is always inside `root`.
pub fn safe_join(root: &Path, path: &str) -> Result<PathBuf, String> {
    check_relative(path)?;
    let joined = root.join(path);
    debug_assert!(
        joined
            .components()
            .all(|c| !matches!(c, Component::ParentDir))
    );
    Ok(joined)
}

/// Files kept in memory, for `serve` and tests.
#[derive(Default, Clone)]
pub struct MemoryOutput {
    files: Arc<Mutex<HashMap<String, Arc<[u8]>>>>,
}

impl MemoryOutput {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn into_files(self) -> HashMap<String, Arc<[u8]>> {
        match Arc::try_unwrap(self.files) {
            Ok(mutex) => mutex.into_inner().unwrap_or_else(|e| e.into_inner()),
            Err(shared) => shared.lock().unwrap_or_else(|e| e.into_inner()).clone(),
        }
    }

    pub fn get(&self, path: &str) -> Option<Arc<[u8]>> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
            .cloned()
    }
}

impl Output for MemoryOutput {
    fn write(&self, path: &str, contents: &[u8]) -> io::Result<()> {
        check_relative(path).map_err(io::Error::other)?;
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), Arc::from(contents));
        Ok(())
    }
}

/// Builds into `<parent>/.<name>.blocpress-new`, then swaps it with the output folder.
pub struct DiskOutput {
    output: PathBuf,
    staging: PathBuf,
    /// The advisory lock beside the output, held from `prepare` until the value is dropped:
    /// one build at a time per output, and no build removes another's staging folder.
    _lock: BuildLock,
    /// Every path written, in the order written (sorted at the commit: a build writes
    /// thousands, and an ordered set kept sorted at each write made them wait on each other).
    written: Mutex<Vec<String>>,
    /// Folders already created (relative to the staging folder), so each is made once.
    dirs: RwLock<rustc_hash::FxHashSet<String>>,
    /// The staging folder, open: files and folders are made relative to it, so the system
    /// looks up only the part of each path below it (the path walk was a few per cent of a
    /// 10,000-page build).
    #[cfg(unix)]
    staging_dir: rustix::fd::OwnedFd,
}

/// What the caller tells the disk output about the site, for the safety checks.
pub struct OutputGuard<'a> {
    pub site_root: &'a Path,
    /// `--force`: accept a non-empty folder blocpress did not write.
    pub force: bool,
}

fn absolute(path: &Path) -> Result<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    // Normalise `.` and `..` lexically; then resolve symlinks of the part that exists.
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    let mut existing = normal.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

impl DiskOutput {
    /// Checks that `output` may be written and prepares an empty staging folder beside it.
    pub fn prepare(output: &Path, guard: &OutputGuard) -> Result<DiskOutput> {
        let output = absolute(output)?;
        let root = absolute(guard.site_root)?;
        let Some(parent) = output.parent().map(Path::to_path_buf) else {
            bail!(refuse("out-refuse-root", &output));
        };
        if root.starts_with(&output) {
            bail!(refuse("out-refuse-site", &output));
        }
        for source in ["content", "static", "themes"] {
            // Compared resolved too, so a source folder that is a symlink is still recognised.
            let resolved = absolute(&root.join(source))?;
            if output.starts_with(root.join(source)) || output.starts_with(&resolved) {
                bail!(refuse("out-refuse-inside", &output).arg("source", source));
            }
            if resolved.starts_with(&output) {
                bail!(
                    refuse("out-refuse-holds", &output)
                        .arg("source", source)
                        .arg("resolved", resolved.display().to_string())
                );
            }
        }
        if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
            && absolute(&home).is_ok_and(|home| home.starts_with(&output))
        {
            bail!(refuse("out-refuse-home", &output));
        }
        if let Ok(cwd) = std::env::current_dir()
            && let Ok(cwd) = absolute(&cwd)
            && cwd.starts_with(&output)
        {
            bail!(refuse("out-refuse-cwd", &output));
        }
        if output.is_file() {
            bail!(refuse("out-refuse-file", &output));
        }
        fs::create_dir_all(&parent)
            .with_context(|| MessageError::io("io-cannot-create-folder", &parent))?;
        // Taken before anything looks into the output or beside it: another build may be
        // swapping folders there right now.
        let lock = BuildLock::acquire(&parent, &output)?;
        if output.is_dir() {
            // A build stopped while replacing files of a mount-point output: the previous site
            // first comes back whole.
            in_place::settle(&output)
                .with_context(|| MessageError::io("out-cannot-remove-leftover", &output))?;
            check_not_a_project(&output)?;
            check_foreign_files(&output, guard.force)?;
        }
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| String::from("public"));
        fs::create_dir_all(&parent)
            .with_context(|| MessageError::io("io-cannot-create-folder", &parent))?;
        let staging = parent.join(format!(".{name}.blocpress-new"));
        let old = parent.join(format!(".{name}.blocpress-old"));
        if !output.exists() && old.is_dir() {
            // A build was stopped between its two renames: put the previous site back.
            fs::rename(&old, &output)
                .with_context(|| MessageError::io("out-cannot-restore", &old))?;
        }
        // Left by an interrupted build: ours by their names, and never the output itself.
        for leftover in [&staging, &old] {
            remove_leftover(leftover, &output)
                .with_context(|| MessageError::io("out-cannot-remove-leftover", leftover))?;
        }
        fs::create_dir(&staging)
            .with_context(|| MessageError::io("io-cannot-create-folder", &staging))?;
        #[cfg(unix)]
        let staging_dir = {
            use rustix::fs::{Mode, OFlags};
            rustix::fs::open(
                &staging,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map_err(io::Error::from)
            .with_context(|| MessageError::io("io-cannot-create-folder", &staging))?
        };
        Ok(DiskOutput {
            output,
            staging,
            _lock: lock,
            written: Mutex::new(Vec::new()),
            dirs: RwLock::new(Default::default()),
            #[cfg(unix)]
            staging_dir,
        })
    }

    pub fn output_dir(&self) -> &Path {
        &self.output
    }

    /// Checks `path` (relative, inside the output), makes its folder and records it as
    /// written.
    fn prepare_path(&self, path: &str) -> io::Result<()> {
        check_relative(path).map_err(io::Error::other)?;
        if let Some((dir, _)) = path.rsplit_once('/') {
            let known = self
                .dirs
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .contains(dir);
            if !known {
                self.create_dir(dir)?;
                self.dirs
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(dir.to_string());
            }
        }
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
        Ok(())
    }

    /// Makes the folder `dir` (relative, checked) and any missing parent of it.
    #[cfg(unix)]
    fn create_dir(&self, dir: &str) -> io::Result<()> {
        use rustix::io::Errno;
        let make = || match rustix::fs::mkdirat(
            &self.staging_dir,
            dir,
            rustix::fs::Mode::from_raw_mode(0o777),
        ) {
            Err(Errno::EXIST) => Ok(()),
            other => other,
        };
        match make() {
            Err(Errno::NOENT) => {
                if let Some((parent, _)) = dir.rsplit_once('/') {
                    self.create_dir(parent)?;
                }
                Ok(make()?)
            }
            other => Ok(other?),
        }
    }

    #[cfg(not(unix))]
    fn create_dir(&self, dir: &str) -> io::Result<()> {
        fs::create_dir_all(self.staging.join(dir))
    }

    /// Where `path` goes on disk, its folder made (see [`Self::prepare_path`]).
    fn target(&self, path: &str) -> io::Result<PathBuf> {
        self.prepare_path(path)?; // Checked there: relative, inside the output.
        Ok(self.staging.join(path))
    }

    /// Discards the staging folder: the previous output stays as it was.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }

    /// Writes the marker, carries over hidden entries of the old output and swaps the folders.
    pub fn commit(self) -> Result<()> {
        let mut written =
            std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        written.par_sort_unstable();
        let written: BTreeSet<String> = written.into_iter().collect();
        let result = (|| -> Result<()> {
            fs::write(self.staging.join(MARKER), marker_text(&written)).with_context(|| {
                MessageError::io("io-cannot-write-file", &self.staging.join(MARKER))
            })?;
            if self.output.exists() {
                self.swap(&written)
            } else {
                fs::rename(&self.staging, &self.output)
                    .with_context(|| MessageError::io("out-cannot-move", &self.output))
            }
        })();
        if result.is_err() {
            let _ = remove_leftover(&self.staging, &self.output);
        }
        result
    }

    /// For an output folder that cannot be renamed (a mount point, such as a Docker bind mount
    /// of `public/`): see [`in_place`]. Everything was rendered before, so a failed render
    /// never gets here; a failure here leaves the previous site whole.
    fn commit_in_place(&self, written: &BTreeSet<String>) -> Result<()> {
        in_place::commit(&self.staging, &self.output, written).map_err(|diagnostic| {
            let mut all = crate::diagnostics::Diagnostics::new();
            all.push(diagnostic);
            anyhow::Error::new(crate::diagnostics::SiteErrors(all))
        })?;
        fs::remove_dir_all(&self.staging)
            .with_context(|| MessageError::io("io-cannot-remove", &self.staging))
    }

    fn swap(&self, written: &BTreeSet<String>) -> Result<()> {
        if simulated_swap_failure() {
            return self.commit_in_place(written);
        }
        let exchanged = exchange(&self.staging, &self.output);
        if exchanged.as_ref().is_err_and(cannot_swap) {
            return self.commit_in_place(written);
        }
        if exchanged.is_ok() {
            // One atomic step: the output now holds the new build, the staging path the old
            // one. Hidden entries (.git, .nojekyll, …) belong to the user: carry them over.
            // If this is interrupted, the next build finds them in the leftover and moves them.
            return remove_leftover(&self.staging, &self.output)
                .with_context(|| MessageError::io("out-cannot-keep-hidden", &self.output));
        }
        // Without an atomic exchange: hidden entries first, then two renames.
        let parent = self.output.parent().unwrap_or(Path::new("."));
        let name = self
            .output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = parent.join(format!(".{name}.blocpress-old"));
        let mut moved = Vec::new();
        for entry in fs::read_dir(&self.output)? {
            let entry = entry?;
            let file_name = entry.file_name();
            let text = file_name.to_string_lossy();
            if text.starts_with('.') && text != MARKER {
                let to = self.staging.join(&file_name);
                if to.exists() {
                    continue;
                }
                if let Err(error) = fs::rename(entry.path(), &to) {
                    for (from, to) in moved.iter().rev() {
                        let _ = fs::rename(to, from);
                    }
                    if cannot_swap(&error) {
                        return self.commit_in_place(written);
                    }
                    return Err(error)
                        .with_context(|| MessageError::io("out-cannot-keep", &entry.path()));
                }
                moved.push((entry.path(), to));
            }
        }
        let swapped = fs::rename(&self.output, &old).and_then(|()| {
            fs::rename(&self.staging, &self.output).inspect_err(|_| {
                let _ = fs::rename(&old, &self.output);
            })
        });
        if let Err(error) = swapped {
            for (from, to) in moved.iter().rev() {
                let _ = fs::rename(to, from);
            }
            if cannot_swap(&error) {
                return self.commit_in_place(written);
            }
            return Err(error)
                .with_context(|| MessageError::io("out-cannot-replace", &self.output));
        }
        remove_leftover(&old, &self.output)
            .with_context(|| MessageError::io("out-cannot-remove-previous", &old))
    }
}

/// The text of the marker file listing `written`.
fn marker_text(written: &BTreeSet<String>) -> String {
    let mut marker =
        String::from("# Written by blocpress; lists the files it wrote. Do not edit.\n");
    for path in written {
        marker.push_str(path);
        marker.push('\n');
    }
    marker
}

/// The files an output's marker lists, if it has one.
fn marker_list(output: &Path) -> Option<BTreeSet<String>> {
    fs::read_to_string(output.join(MARKER)).ok().map(|text| {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(str::to_string)
            .collect()
    })
}

/// A rename that fails because the output is a mount point (`EBUSY`) or on another device
/// (`EXDEV`): the output can only be replaced in place.
fn cannot_swap(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ResourceBusy | io::ErrorKind::CrossesDevices
    )
}

/// Test seam: `BLOCPRESS_TEST_SWAP_FAILS=1` makes a build behave as if the output folder were
/// a mount point, for machines where a test cannot mount one. Debug builds only (the tests'):
/// a release never reads it.
#[cfg(debug_assertions)]
fn simulated_swap_failure() -> bool {
    std::env::var_os("BLOCPRESS_TEST_SWAP_FAILS").is_some_and(|v| v == "1")
}

#[cfg(not(debug_assertions))]
fn simulated_swap_failure() -> bool {
    false
}

/// The advisory lock of one output folder: `<parent>/.<name>.blocpress-lock`, beside the
/// output (the output itself is swapped); see [`crate::lock`].
struct BuildLock {
    _held: crate::lock::FileLock,
}

impl BuildLock {
    /// Waits up to `BLOCPRESS_LOCK_WAIT_MS` (5 s) for another build of the same output to end.
    fn acquire(parent: &Path, output: &Path) -> Result<BuildLock> {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = parent.join(format!(".{name}.blocpress-lock"));
        let wait = std::env::var("BLOCPRESS_LOCK_WAIT_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(5000u64);
        match crate::lock::FileLock::acquire(&path, std::time::Duration::from_millis(wait))
            .with_context(|| format!("cannot lock {}", path.display()))?
        {
            Some(held) => Ok(BuildLock { _held: held }),
            None => {
                let mut diagnostics = crate::diagnostics::Diagnostics::new();
                diagnostics.push(
                    crate::diagnostics::Diagnostic::new(output, "E600")
                        .arg("lock", path.display().to_string())
                        .count("seconds", wait.div_ceil(1000) as i64),
                );
                Err(crate::diagnostics::SiteErrors(diagnostics).into())
            }
        }
    }
}

/// Swaps two folders in one atomic step (Linux `renameat2` with `RENAME_EXCHANGE`), so there is
/// no moment without an output folder.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Removes a folder blocpress left beside the output (a staging folder, a previous build),
/// after moving into the output any hidden entry (`.git`, `.nojekyll`) the output lacks: an
/// interrupted swap may have left the user's files there, and they must never be deleted.
fn remove_leftover(leftover: &Path, output: &Path) -> std::io::Result<()> {
    if !leftover.exists() {
        return Ok(());
    }
    if output.is_dir() {
        for entry in fs::read_dir(leftover)? {
            let entry = entry?;
            let name = entry.file_name();
            let text = name.to_string_lossy();
            if text.starts_with('.') && text != MARKER && !output.join(&name).exists() {
                fs::rename(entry.path(), output.join(&name))?;
            }
        }
    }
    fs::remove_dir_all(leftover)
}

/// Files and folders that mark a site or a source tree. An output folder holding one of them is
/// refused even with `--force`: replacing it would destroy someone's work (this happened in
/// this project's own development, when a test pointed a forced build at the repository).
const PROJECT_MARKERS: &[&str] = &[
    "site.yaml",
    "content",
    "Cargo.toml",
    "package.json",
    "src",
    ".ci",
];

fn check_not_a_project(output: &Path) -> Result<()> {
    if output.join(MARKER).is_file() {
        return Ok(());
    }
    if let Some(found) = PROJECT_MARKERS
        .iter()
        .find(|name| output.join(name).exists())
    {
        bail!(refuse("out-refuse-project", output).arg("found", *found));
    }
    Ok(())
}

/// Refuses an existing output folder holding files blocpress did not write (per its marker).
fn check_foreign_files(output: &Path, force: bool) -> Result<()> {
    if force {
        return Ok(());
    }
    let listed = marker_list(output);
    let mut foreign = Vec::new();
    for entry in walkdir::WalkDir::new(output)
        .min_depth(1)
        .sort_by_file_name()
    {
        let entry = entry?;
        let rel = entry.path().strip_prefix(output).unwrap_or(entry.path());
        let top_hidden = rel
            .components()
            .next()
            .is_some_and(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        if top_hidden || entry.file_type().is_dir() {
            continue;
        }
        let rel_text = crate::diagnostics::display_path(rel);
        if !listed.as_ref().is_some_and(|l| l.contains(&rel_text)) {
            foreign.push(rel_text);
            if foreign.len() >= 5 {
                break;
            }
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
    let id = if listed.is_none() {
        "out-refuse-foreign"
    } else {
        "out-refuse-foreign-marked"
    };
    bail!(refuse(id, output).arg("examples", foreign.join(", ")))
}

impl Output for DiskOutput {
    #[cfg(unix)]
    fn write(&self, path: &str, contents: &[u8]) -> io::Result<()> {
        use rustix::fs::{Mode, OFlags};
        use std::io::Write;
        self.prepare_path(path)?;
        let file = rustix::fs::openat(
            &self.staging_dir,
            path,
            OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o666),
        )?;
        fs::File::from(file).write_all(contents)
    }

    #[cfg(not(unix))]
    fn write(&self, path: &str, contents: &[u8]) -> io::Result<()> {
        fs::write(self.target(path)?, contents)
    }

    fn copy_file(&self, path: &str, from: &Path) -> io::Result<()> {
        fs::copy(from, self.target(path)?).map(|_| ())
    }

    fn link_file(&self, path: &str, from: &Path) -> io::Result<()> {
        let target = self.target(path)?;
        fs::hard_link(from, &target).or_else(|_| fs::copy(from, &target).map(|_| ()))
    }
}

impl Drop for DiskOutput {
    fn drop(&mut self) {
        // A build that neither committed nor abandoned (a panic, an early return) leaves no
        // staging folder behind, and no hidden entry of the user's in it.
        let _ = remove_leftover(&self.staging, &self.output);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_cannot_escape() {
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "a\\b",
            "c:/x",
            "./a",
            "a/./b",
        ] {
            assert!(check_relative(bad).is_err(), "{bad}");
        }
        for good in ["index.html", "news/a/index.html", "atom.xml"] {
            assert!(check_relative(good).is_ok(), "{good}");
        }
    }

    /// Files are written relative to the open staging folder: folders at any depth are made
    /// as needed, a path that runs into a file fails with an error (no panic), and the commit
    /// publishes exactly what was written.
    #[test]
    fn files_land_at_any_depth_below_the_staging_folder() {
        let temp = tempfile::tempdir().unwrap();
        let site = temp.path().join("site");
        fs::create_dir(&site).unwrap();
        let output_dir = temp.path().join("public");
        let guard = OutputGuard {
            site_root: &site,
            force: false,
        };
        let out = DiskOutput::prepare(&output_dir, &guard).unwrap();
        out.write("a/b/c/index.html", b"deep").unwrap();
        out.write("a/b/d.txt", b"beside").unwrap();
        out.write("top.txt", b"top").unwrap();
        out.write("a/b/c/index.html", b"again").unwrap();
        assert!(out.write("top.txt/inside.txt", b"x").is_err());
        out.commit().unwrap();
        let read = |rel: &str| fs::read_to_string(output_dir.join(rel)).unwrap();
        assert_eq!(read("a/b/c/index.html"), "again");
        assert_eq!(read("a/b/d.txt"), "beside");
        assert_eq!(read("top.txt"), "top");
    }
}
