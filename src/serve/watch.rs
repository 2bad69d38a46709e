//! Watching the site's inputs with notify through notify-debouncer-full: `site.yaml` (the root
//! folder, not recursively, which also sees `content/`, `static/` and `themes/` appear or go
//! away) and each input folder recursively. The debouncer merges the bursts of an editor's save
//! (temporary file, rename) into one batch per path and reports one event for a deleted folder.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{MetadataKind, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::rebuild::INPUT_DIRS;

/// How long a path must stay quiet before its change is reported. Short, because it adds to
/// every save → reload; an editor's save takes a few milliseconds.
pub const DEBOUNCE: Duration = Duration::from_millis(40);

pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: HashSet<&'static str>,
}

/// A message for a failed watch, with what to do when the system's limit is the cause.
pub fn describe(error: &notify::Error, path: &Path) -> String {
    let limit = matches!(error.kind, notify::ErrorKind::MaxFilesWatch)
        || matches!(&error.kind, notify::ErrorKind::Io(e) if e.raw_os_error() == Some(28));
    if limit {
        format!(
            "cannot watch {} for changes: the system's limit of watched folders is reached; raise it (for example `sudo sysctl fs.inotify.max_user_watches=524288`) and restart blocpress serve",
            path.display()
        )
    } else {
        format!("cannot watch {} for changes: {error}", path.display())
    }
}

impl Watcher {
    /// Starts watching `root` (absolute); batches of changes go to `events`.
    pub fn start(root: &Path, events: Sender<DebounceEventResult>) -> Result<Watcher, String> {
        let mut debouncer =
            new_debouncer(DEBOUNCE, None, events).map_err(|e| describe(&e, root))?;
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| describe(&e, root))?;
        let mut watcher = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: HashSet::new(),
        };
        for warning in watcher.refresh(&[]) {
            eprintln!("warning: {warning}");
        }
        Ok(watcher)
    }

    /// Watches the input folders that exist and are not watched yet, forgets those that are
    /// gone, and watches again those in `renew` (a folder deleted and made again). Returns the
    /// problems met.
    pub fn refresh(&mut self, renew: &[&str]) -> Vec<String> {
        let mut problems = Vec::new();
        for dir in INPUT_DIRS {
            let path = self.root.join(dir);
            let exists = path.is_dir();
            let watched = self.watched.contains(dir);
            if watched && (!exists || renew.contains(&dir)) {
                let _ = self.debouncer.unwatch(&path);
                self.watched.remove(dir);
            }
            if exists && !self.watched.contains(dir) {
                match self.debouncer.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(dir);
                    }
                    Err(error) => problems.push(describe(&error, &path)),
                }
            }
        }
        problems
    }
}

/// The absolute paths of a batch of events, and whether the watcher lost events (then
/// everything must be loaded again).
pub fn paths_of(batch: DebounceEventResult, problems: &mut Vec<String>) -> (Vec<PathBuf>, bool) {
    match batch {
        Ok(events) => {
            let rescan = events.iter().any(|e| e.need_rescan());
            // Reading a file (as every rebuild does) is not a change.
            let paths = events
                .into_iter()
                .filter(|e| {
                    !matches!(
                        e.kind,
                        EventKind::Access(_)
                            | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
                    )
                })
                .flat_map(|e| e.event.paths)
                .collect();
            (paths, rescan)
        }
        Err(errors) => {
            problems.extend(errors.iter().map(|e| format!("watching for changes: {e}")));
            (Vec::new(), true)
        }
    }
}
