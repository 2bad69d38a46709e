//! Watching the site's inputs with notify through notify-debouncer-full: `site.yaml` (the root
//! folder, not recursively, which also sees `content/`, `static/` and `themes/` appear or go
//! away) and each input folder recursively. The debouncer merges the bursts of an editor's save
//! (temporary file, rename) into one batch per path and reports one event for a deleted folder.
//!
//! Where the system's change notifications are not available — the limit of watched folders is
//! reached, or the files live on a network or shared folder that sends none — the same
//! debouncer runs over notify's polling watcher (`serve --poll`, or on its own when native
//! watching fails for the limit).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use crate::messages::Message;

use notify::event::{MetadataKind, ModifyKind};
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, RecommendedCache, new_debouncer, new_debouncer_opt,
};

use super::rebuild::INPUT_DIRS;

/// How long a path must stay quiet before its change is reported. Short, because it adds to
/// every save → reload; an editor's save takes a few milliseconds.
pub const DEBOUNCE: Duration = Duration::from_millis(40);

/// How often the polling watcher looks at the files.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// The system's notifications, or polling.
enum Backend {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, RecommendedCache>),
}

impl Backend {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.unwatch(path),
            Backend::Poll(d) => d.unwatch(path),
        }
    }
}

fn polling(events: Sender<DebounceEventResult>) -> notify::Result<Backend> {
    // notify's poller compares modification times in whole seconds, so a second save within the
    // same second would be missed: it also compares contents (a hash of each file per scan).
    let config = notify::Config::default()
        .with_poll_interval(POLL_INTERVAL)
        .with_compare_contents(true);
    new_debouncer_opt::<_, PollWatcher, RecommendedCache>(
        DEBOUNCE,
        None,
        events,
        RecommendedCache::new(),
        config,
    )
    .map(Backend::Poll)
}

pub struct Watcher {
    backend: Backend,
    root: PathBuf,
    watched: HashSet<&'static str>,
    events: Sender<DebounceEventResult>,
}

fn is_limit(error: &notify::Error) -> bool {
    matches!(error.kind, notify::ErrorKind::MaxFilesWatch)
        || matches!(&error.kind, notify::ErrorKind::Io(e) if e.raw_os_error() == Some(28))
}

/// A message for a failed watch, with what to do when the system's limit is the cause.
pub fn describe(error: &notify::Error, path: &Path) -> Message {
    let id = if is_limit(error) {
        "watch-limit"
    } else {
        "watch-failed"
    };
    Message::new(id)
        .arg("path", path.display().to_string())
        .arg("error", error.to_string())
}

impl Watcher {
    /// Starts watching `root` (absolute); batches of changes go to `events`. With `poll`, or
    /// when the system's limit of watched folders is reached, files are polled instead.
    pub fn start(
        root: &Path,
        events: Sender<DebounceEventResult>,
        poll: bool,
    ) -> Result<Watcher, Message> {
        let backend = if poll {
            polling(events.clone()).map_err(|e| describe(&e, root))?
        } else {
            Backend::Native(
                new_debouncer(DEBOUNCE, None, events.clone()).map_err(|e| describe(&e, root))?,
            )
        };
        let mut watcher = Watcher {
            backend,
            root: root.to_path_buf(),
            watched: HashSet::new(),
            events,
        };
        if let Err(error) = watcher.backend.watch(root, RecursiveMode::NonRecursive) {
            if !is_limit(&error) {
                return Err(describe(&error, root));
            }
            watcher.fall_back_to_polling()?;
        }
        let language = crate::messages::resolve_language(None, crate::config::language_of(root));
        for warning in watcher.refresh(&[]) {
            eprintln!(
                "{}",
                Message::new("serve-watch-problem")
                    .nested("problem", warning)
                    .render(language)
            );
        }
        Ok(watcher)
    }

    pub fn is_polling(&self) -> bool {
        matches!(self.backend, Backend::Poll(_))
    }

    /// Replaces the system's notifications by polling and watches everything again.
    fn fall_back_to_polling(&mut self) -> Result<(), Message> {
        let language =
            crate::messages::resolve_language(None, crate::config::language_of(&self.root));
        eprintln!(
            "{}",
            Message::new("watch-polling")
                .count("ms", POLL_INTERVAL.as_millis() as i64)
                .render(language)
        );
        self.backend = polling(self.events.clone()).map_err(|e| describe(&e, &self.root))?;
        self.watched.clear();
        self.backend
            .watch(&self.root, RecursiveMode::NonRecursive)
            .map_err(|e| describe(&e, &self.root))
    }

    /// Watches the input folders that exist and are not watched yet, forgets those that are
    /// gone, and watches again those in `renew` (a folder deleted and made again). Returns the
    /// problems met.
    pub fn refresh(&mut self, renew: &[&str]) -> Vec<Message> {
        let mut problems = Vec::new();
        for dir in INPUT_DIRS {
            let path = self.root.join(dir);
            let exists = path.is_dir();
            let watched = self.watched.contains(dir);
            if watched && (!exists || renew.contains(&dir)) {
                let _ = self.backend.unwatch(&path);
                self.watched.remove(dir);
            }
            if exists && !self.watched.contains(dir) {
                match self.backend.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(dir);
                    }
                    Err(error) if is_limit(&error) && !self.is_polling() => {
                        match self.fall_back_to_polling() {
                            Ok(()) => return self.refresh(&[]),
                            Err(message) => problems.push(message),
                        }
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
pub fn paths_of(batch: DebounceEventResult, problems: &mut Vec<Message>) -> (Vec<PathBuf>, bool) {
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
            problems.extend(
                errors
                    .iter()
                    .map(|e| Message::new("watch-error").arg("error", e.to_string())),
            );
            (Vec::new(), true)
        }
    }
}
