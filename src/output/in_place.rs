//! Publishing into an output folder that cannot be swapped (a mount point: a Docker bind mount
//! of `public/`, a small partition, a network share), without ever showing a mix of two builds
//! and without ever following a symbolic link:
//!
//! 1. every file of the finished build is copied into `<output>/.blocpress-incoming/` (same file
//!    system as the output). A full disk or any failed write stops here: the published site is
//!    untouched (E470);
//! 2. file by file, whatever is in the way (the previous version, a file where a folder is
//!    needed, a symbolic link, a folder where a file goes) is moved into
//!    `<output>/.blocpress-previous/`, then the new file is moved into place. Each step is first
//!    appended to `.blocpress-previous/.steps`. Moves within one file system need no space and
//!    never follow a link: a link is moved as a link. A failure moves everything back (E471);
//! 3. the marker is replaced, `C` is appended to the steps (the commit point), and both hidden
//!    folders are removed (a link inside is removed as a link).
//!
//! A build stopped in the middle leaves the steps; the next build first puts the previous site
//! back from them ([`settle`]), or, past the commit point, only removes the two folders.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{MARKER, marker_text, safe_join};
use crate::diagnostics::Diagnostic;

const INCOMING: &str = ".blocpress-incoming";
const PREVIOUS: &str = ".blocpress-previous";
/// The log of steps, inside [`PREVIOUS`].
const STEPS: &str = ".steps";

/// Publishes the build in `staging` (listing `written`) into `output`; see the module head.
pub(super) fn commit(
    staging: &Path,
    output: &Path,
    written: &BTreeSet<String>,
) -> Result<(), Diagnostic> {
    let previous = super::marker_list(output).unwrap_or_default();
    let incoming = output.join(INCOMING);
    if let Err(error) = copy_in(staging, &incoming, written) {
        let _ = fs::remove_dir_all(&incoming);
        return Err(Diagnostic::new(output, "E470").arg("error", error.to_string()));
    }
    let mut log = match Log::start(output) {
        Ok(log) => log,
        Err(error) => {
            let _ = fs::remove_dir_all(&incoming);
            return Err(Diagnostic::new(output, "E470").arg("error", error.to_string()));
        }
    };
    let mut all: BTreeSet<&String> = written.iter().collect();
    all.extend(previous.iter());
    let replaced = (|| -> io::Result<()> {
        for path in all {
            let placed = written.contains(path);
            place(output, path, placed, &mut log)?;
        }
        place(output, MARKER, true, &mut log)?;
        log.committed()
    })();
    if let Err(error) = replaced {
        // Everything back as it was, then the error.
        let restored = roll_back(output);
        let _ = fs::remove_dir_all(&incoming);
        let code = if restored.is_ok() { "E471" } else { "E472" };
        return Err(Diagnostic::new(output, code).arg("error", error.to_string()));
    }
    finish(output, previous.difference(written));
    Ok(())
}

/// Step 1: the new files and their marker, inside the output's file system.
fn copy_in(staging: &Path, incoming: &Path, written: &BTreeSet<String>) -> io::Result<()> {
    if fs::symlink_metadata(incoming).is_ok() {
        fs::remove_dir_all(incoming)?;
    }
    fs::create_dir(incoming)?;
    for path in written {
        let from = safe_join(staging, path).map_err(io::Error::other)?;
        let to = safe_join(incoming, path).map_err(io::Error::other)?;
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(&from, &to)?;
    }
    fs::write(incoming.join(MARKER), marker_text(written))
}

/// The step log of an in-place commit, written ahead of each step (unbuffered: a killed build
/// loses no step it took).
struct Log(fs::File);

impl Log {
    fn start(output: &Path) -> io::Result<Log> {
        let backup = output.join(PREVIOUS);
        if fs::symlink_metadata(&backup).is_ok() {
            fs::remove_dir_all(&backup)?;
        }
        fs::create_dir(&backup)?;
        Ok(Log(fs::File::create(backup.join(STEPS))?))
    }

    fn step(&mut self, kind: char, rel: &str) -> io::Result<()> {
        self.0.write_all(format!("{kind} {rel}\n").as_bytes())
    }

    fn committed(&mut self) -> io::Result<()> {
        self.0.write_all(b"C\n")?;
        self.0.sync_all()
    }
}

/// Moves `output/rel` (a file, a folder or a link, never followed) into the backup.
fn back_up(output: &Path, rel: &str, log: &mut Log) -> io::Result<()> {
    let to = output.join(PREVIOUS).join(rel);
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)?;
    }
    log.step('B', rel)?;
    fs::rename(output.join(rel), to)
}

/// Step 2 for one path: clears the way (never through a link), then puts the new file there
/// when `placed`.
fn place(output: &Path, path: &str, placed: bool, log: &mut Log) -> io::Result<()> {
    let segments: Vec<&str> = path.split('/').collect();
    let mut rel = String::new();
    for (i, segment) in segments.iter().enumerate() {
        if !rel.is_empty() {
            rel.push('/');
        }
        rel.push_str(segment);
        let last = i + 1 == segments.len();
        let Ok(meta) = fs::symlink_metadata(output.join(&rel)) else {
            // Nothing there, nor further down: a stale file is already gone; a new one gets
            // its folders.
            if !placed {
                return Ok(());
            }
            if !last {
                log.step('D', &rel)?;
                fs::create_dir(output.join(&rel))?;
            }
            continue;
        };
        if last {
            back_up(output, &rel, log)?;
        } else if !meta.is_dir() {
            // A stale file behind a file or a link is not ours to touch (never followed).
            if !placed {
                return Ok(());
            }
            // A new file needs a folder where a file or a link is: it is moved aside (a link
            // as a link) and a real folder made.
            back_up(output, &rel, log)?;
            log.step('D', &rel)?;
            fs::create_dir(output.join(&rel))?;
        }
    }
    if placed {
        log.step('P', path)?;
        fs::rename(output.join(INCOMING).join(path), output.join(path))?;
    }
    Ok(())
}

/// Undoes the logged steps, last first: what was placed goes, what was made goes, what was
/// backed up comes back.
fn roll_back(output: &Path) -> io::Result<()> {
    let backup = output.join(PREVIOUS);
    let steps = fs::read_to_string(backup.join(STEPS)).unwrap_or_default();
    let mut failed = None;
    for line in steps.lines().rev() {
        let Some((kind, rel)) = line.split_once(' ') else {
            continue;
        };
        let Ok(target) = safe_join(output, rel) else {
            continue;
        };
        let result = match kind {
            "P" => remove_entry(&target),
            "D" => match fs::remove_dir(&target) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                other => other,
            },
            "B" => {
                let from = backup.join(rel);
                if fs::symlink_metadata(&from).is_ok() {
                    fs::rename(&from, &target)
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        };
        if let Err(error) = result {
            failed.get_or_insert(error);
        }
    }
    match failed {
        Some(error) => Err(error),
        None => fs::remove_dir_all(&backup),
    }
}

/// Removes a file or a link (never what a link points to); nothing there is fine.
fn remove_entry(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Step 3: the backups and the emptied incoming folder go (links inside as links), and the
/// folders the stale files leave empty.
fn finish<'a>(output: &Path, stale: impl Iterator<Item = &'a String>) {
    let _ = fs::remove_dir_all(output.join(PREVIOUS));
    let _ = fs::remove_dir_all(output.join(INCOMING));
    for path in stale {
        let Ok(target) = safe_join(output, path) else {
            continue;
        };
        let mut dir = target.parent();
        while let Some(d) = dir {
            // `remove_dir` never removes a link's target, nor a folder that is not empty.
            if d == output || fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
}

/// Before a build: an in-place commit that was stopped is undone (or, past its commit point,
/// cleaned up), so the output is one whole site again.
pub(super) fn settle(output: &Path) -> io::Result<()> {
    let backup = output.join(PREVIOUS);
    if fs::symlink_metadata(&backup).is_ok() {
        let steps = fs::read_to_string(backup.join(STEPS)).unwrap_or_default();
        if steps.lines().any(|l| l == "C") {
            fs::remove_dir_all(&backup)?;
        } else {
            roll_back(output)?;
        }
    }
    let incoming: PathBuf = output.join(INCOMING);
    if fs::symlink_metadata(&incoming).is_ok() {
        fs::remove_dir_all(&incoming)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(dir).unwrap().display().to_string(),
                    fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        all.sort();
        all
    }

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn a_commit_replaces_folders_files_and_stale_pages() {
        let dir = tempfile::tempdir().unwrap();
        let (staging, output) = (dir.path().join("new"), dir.path().join("out"));
        write(&output, "a", "old page where a folder goes");
        write(&output, "b/index.html", "old b");
        write(&output, "gone/index.html", "stale");
        write(
            &output,
            MARKER,
            &marker_text(
                &["a", "b/index.html", "gone/index.html"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            ),
        );
        write(&output, ".nojekyll", "");
        write(&staging, "a/index.html", "new a");
        write(&staging, "b", "new file where a folder was");
        let written: BTreeSet<String> = ["a/index.html", "b"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        commit(&staging, &output, &written).unwrap();
        assert_eq!(
            files(&output),
            [
                (".blocpress-output".into(), marker_text(&written)),
                (".nojekyll".into(), String::new()),
                ("a/index.html".into(), "new a".into()),
                ("b".into(), "new file where a folder was".into()),
            ]
        );
        assert!(!output.join("gone").exists(), "the emptied folder goes");
    }

    #[test]
    fn a_commit_stopped_before_its_commit_point_is_undone() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("out");
        write(&output, "x.html", "new x");
        write(&output, "y.html", "new y only");
        write(&output, &format!("{PREVIOUS}/x.html"), "old x");
        write(&output, &format!("{INCOMING}/z.html"), "new z");
        write(
            &output,
            &format!("{PREVIOUS}/{STEPS}"),
            "B x.html\nP x.html\nD sub\nP y.html\nB z.html\n",
        );
        settle(&output).unwrap();
        assert_eq!(files(&output), [("x.html".into(), "old x".into())]);
    }

    #[test]
    fn a_commit_stopped_after_its_commit_point_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("out");
        write(&output, "x.html", "new x");
        write(&output, &format!("{PREVIOUS}/x.html"), "old x");
        write(
            &output,
            &format!("{PREVIOUS}/{STEPS}"),
            "B x.html\nP x.html\nC\n",
        );
        settle(&output).unwrap();
        assert_eq!(files(&output), [("x.html".into(), "new x".into())]);
    }
}
