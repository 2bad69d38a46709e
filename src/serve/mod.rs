//! `serve`: live preview while editing. The site is built into memory (never into `public/`)
//! with `base_url` pointing at this server (keeping its sub-path), served over HTTP, and rebuilt
//! when its inputs change; open pages reload by themselves, and a broken file keeps the last good
//! build served while its errors show in the terminal and over the page.
//!
//! Three parts, one thread each: the watcher ([`watch`], notify's own thread) sends batches of
//! changed paths; the rebuild thread ([`rebuild`], [`incremental`], [`data`]) turns them into a new
//! [`app::Snapshot`]; the HTTP server ([`server`], axum on a current-thread tokio runtime)
//! serves the latest snapshot and tells open pages about each new one.

pub mod admin;
pub mod app;
pub mod data;
pub mod incremental;
pub mod output;
pub mod rebuild;
pub mod server;
pub mod watch;

use std::future::IntoFuture;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use notify_debouncer_full::DebounceEventResult;
use tokio::sync::watch as channel;

use crate::config::CONFIG_FILE;
use crate::i18n::Language;
use crate::messages::{self, Message};
use app::{App, Snapshot};
use rebuild::{Builder, INPUT_DIRS, Level, Report};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// An address or host name to listen on.
    pub interface: String,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    /// Poll the files for changes instead of using the system's notifications.
    pub poll: bool,
    /// `--lang`: the language of messages (else `BLOCPRESS_LANG`, else the site's).
    pub lang: Option<Language>,
}

/// The language of messages while serving `root`: read again at each rebuild, so changing the
/// site's `language` changes the messages too.
fn language(lang: Option<Language>, root: &Path) -> Language {
    messages::resolve_language(lang, crate::config::language_of(root))
}

/// Prints one line of the catalogue in `language`.
fn say(language: Language, message: Message) {
    eprintln!("{}", message.render(language));
}

/// Why `serve` could not run.
#[derive(Debug)]
pub enum ServeError {
    /// Wrong arguments (exit code 2).
    Usage(Message),
    /// The server could not start (exit code 1).
    Failed(Message),
}

/// How long open connections get to close after Ctrl-C.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// Builds, serves and rebuilds until Ctrl-C (or SIGTERM).
pub fn run(options: &ServeOptions) -> Result<(), ServeError> {
    let failed = |id: &'static str, error: &io::Error| {
        ServeError::Failed(Message::new(id).nested("error", messages::io_reason(error)))
    };
    let root = options.root.canonicalize().map_err(|e| {
        ServeError::Failed(
            Message::new("serve-cannot-open")
                .arg("path", options.root.display().to_string())
                .nested("error", messages::io_reason(&e)),
        )
    })?;
    if !root.join(CONFIG_FILE).is_file() {
        return Err(ServeError::Failed(
            crate::diagnostics::Diagnostic::new(CONFIG_FILE, "E061")
                .arg("root", root.display().to_string())
                .message,
        ));
    }
    let lang = options.lang;
    let language = language(lang, &root);
    let listener = bind(&options.interface, options.port)?;
    let local = listener
        .local_addr()
        .map_err(|e| failed("serve-failed", &e))?;

    // Watch before the first build, so nothing saved while it runs is missed.
    let (events, changes) = std::sync::mpsc::channel();
    let watcher = match watch::Watcher::start(&root, events, options.poll) {
        Ok(watcher) => Some(watcher),
        Err(message) => {
            say(
                language,
                Message::new("serve-no-watch").nested("problem", message),
            );
            None
        }
    };
    let instance = format!(
        "{:x}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis())
    );
    let fresh = Builder::new(root.clone(), options.drafts, origin(local));
    let mut served = Showing::new(instance);
    let builder = match supervised(fresh, |builder| builder.build()) {
        Rebuilt::Done(builder, report) => {
            print_report(&builder, &report, &[], false, language);
            builder
        }
        Rebuilt::Abandoned(builder, problem) => {
            say(language, Message::new("serve-runaway"));
            eprintln!("{}", problem.render(language));
            served.start_over(problem);
            builder
        }
    };
    let (snapshots, snapshot) = channel::channel(Arc::new(served.snapshot(&builder, language)));
    say(
        language,
        Message::new("serve-serving")
            .arg("root", root.display().to_string())
            .arg("url", builder.local_url()),
    );
    std::thread::Builder::new()
        .name(String::from("blocpress-rebuild"))
        .spawn(move || rebuild_loop(builder, watcher, changes, snapshots, served, lang))
        .map_err(|e| failed("serve-failed", &e))?;

    let (shutdown, stopping) = channel::channel(false);
    let app = Arc::new(App {
        snapshot,
        site_root: root,
        loopback_only: local.ip().is_loopback(),
        shutdown: stopping,
        lang: options.lang,
        cms_reads: Default::default(),
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| failed("serve-failed", &e))?;
    runtime
        .block_on(serve(listener, app, shutdown, language))
        .map_err(|e| failed("serve-failed", &e))?;
    runtime.shutdown_timeout(Duration::from_millis(200));
    say(language, Message::new("serve-stopped"));
    Ok(())
}

/// Binds the listening socket, with a clear message for a port in use.
fn bind(interface: &str, port: u16) -> Result<TcpListener, ServeError> {
    let addresses: Vec<SocketAddr> = (interface, port)
        .to_socket_addrs()
        .map_err(|_| {
            ServeError::Usage(Message::new("serve-bad-interface").arg("interface", interface))
        })?
        .collect();
    let Some(&address) = addresses.first() else {
        return Err(ServeError::Usage(
            Message::new("serve-bad-interface").arg("interface", interface),
        ));
    };
    let cannot_listen = |e: &io::Error| {
        Message::new("serve-cannot-listen")
            .arg("address", address.to_string())
            .nested("error", messages::io_reason(e))
    };
    let listener = TcpListener::bind(address).map_err(|e| {
        ServeError::Failed(match e.kind() {
            io::ErrorKind::AddrInUse => Message::new("serve-port-in-use")
                .arg("port", port.to_string())
                .arg("ip", address.ip().to_string()),
            io::ErrorKind::PermissionDenied => Message::new("serve-port-denied")
                .arg("port", port.to_string())
                .arg("ip", address.ip().to_string()),
            io::ErrorKind::AddrNotAvailable => {
                Message::new("serve-bad-interface").arg("interface", interface)
            }
            _ => cannot_listen(&e),
        })
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| ServeError::Failed(cannot_listen(&e)))?;
    Ok(listener)
}

/// `http://127.0.0.1:1111`: what browsers use to reach `local`. A server listening on every
/// address is reached through the loopback one.
fn origin(local: SocketAddr) -> String {
    let ip = match local.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    match ip {
        IpAddr::V4(ip) => format!("http://{ip}:{}", local.port()),
        IpAddr::V6(ip) => format!("http://[{ip}]:{}", local.port()),
    }
}

/// What the server shows besides the builder's own state: the files of the last good build
/// (kept when a runaway template makes `serve` start over with a new builder) and the error of
/// that runaway, until the next rebuild.
struct Showing {
    instance: String,
    /// Builders started so far: a new builder counts its versions from 0 again.
    builders: u64,
    /// The files of the last good build, their sub-path and version.
    last_good: Option<(Arc<output::FileMap>, String, String)>,
    problem: Option<crate::diagnostics::Diagnostic>,
}

impl Showing {
    fn new(instance: String) -> Showing {
        Showing {
            instance,
            builders: 1,
            last_good: None,
            problem: None,
        }
    }

    /// A new builder replaces an abandoned one.
    fn start_over(&mut self, problem: crate::diagnostics::Diagnostic) {
        self.builders += 1;
        self.problem = Some(problem);
    }

    /// What to serve now. The version changes only when the files do (open pages reload
    /// then); new errors reach them through the status.
    fn snapshot(&mut self, builder: &Builder, language: Language) -> Snapshot {
        if builder.has_site() {
            self.last_good = Some((
                builder.files(),
                builder.base_path().to_string(),
                format!("{}-{}.{}", self.instance, self.builders, builder.version()),
            ));
        }
        let mut errors = builder.errors();
        errors.extend(self.problem.clone());
        let (files, base_path, version, has_site) = match &self.last_good {
            Some((files, base_path, version)) => {
                (files.clone(), base_path.clone(), version.clone(), true)
            }
            None => (
                builder.files(),
                builder.base_path().to_string(),
                format!("{}-{}.{}", self.instance, self.builders, builder.version()),
                false,
            ),
        };
        Snapshot {
            language,
            version,
            files,
            base_path,
            errors: Arc::new(errors),
            has_site,
        }
    }
}

/// How a supervised rebuild ended.
enum Rebuilt {
    Done(Builder, Report),
    /// A page ran away (a loop that never ends, or over its memory budget): the rebuild was
    /// abandoned with its builder; here is a new one, which loads everything again at the next
    /// change, and the page's error.
    Abandoned(Builder, crate::diagnostics::Diagnostic),
}

/// Runs `work` on `builder` on a thread of its own, with a rayon pool of its own, and waits
/// for it. Tera cannot be interrupted from outside, so a page that runs away cannot be stopped:
/// it is abandoned instead (its threads, parked or spinning, and the memory they hold, at most
/// the page's budget), and `serve` goes on with a new builder. Nothing of the abandoned
/// rebuild reaches the served files: its result would go to a channel nobody reads.
fn supervised(
    builder: Builder,
    work: impl FnOnce(&mut Builder) -> Report + Send + 'static,
) -> Rebuilt {
    use crate::render::budget;
    let (root, drafts, origin) = builder.identity();
    let slot = Arc::new(std::sync::Mutex::new(Some(builder)));
    let (done, finished) = std::sync::mpsc::channel();
    let shared = slot.clone();
    let worker = std::thread::Builder::new()
        .name(String::from("blocpress-render"))
        .spawn(move || {
            let taken = shared.lock().unwrap_or_else(|e| e.into_inner()).take();
            let Some(mut builder) = taken else { return };
            let pool = rayon::ThreadPoolBuilder::new()
                .thread_name(|i| format!("blocpress-render-{i}"))
                .build();
            let report = match &pool {
                Ok(pool) => pool.install(|| work(&mut builder)),
                Err(_) => work(&mut builder),
            };
            *shared.lock().unwrap_or_else(|e| e.into_inner()) = Some(builder);
            let _ = done.send(report);
        });
    if worker.is_err() {
        // No thread to spare: nothing ran; the caller tries again at the next change.
        if let Some(builder) = slot.lock().unwrap_or_else(|e| e.into_inner()).take() {
            return Rebuilt::Done(builder, Report::nothing(Level::Ignore));
        }
    }
    let fresh = || Builder::new(root.clone(), drafts, origin.clone());
    loop {
        match finished.recv_timeout(Duration::from_millis(100)) {
            Ok(report) => {
                let builder = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
                return match builder {
                    Some(builder) => Rebuilt::Done(builder, report),
                    None => Rebuilt::Done(fresh(), report),
                };
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if let Some(runaway) = budget::runaway() {
                    budget::abandon_all();
                    return Rebuilt::Abandoned(fresh(), budget::diagnostic(&runaway));
                }
            }
            // The rebuild panicked: its builder is gone with it.
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Rebuilt::Done(fresh(), Report::nothing(Level::Full));
            }
        }
    }
}

/// Waits for batches of changes, rebuilds, and publishes each new snapshot.
fn rebuild_loop(
    mut builder: Builder,
    mut watcher: Option<watch::Watcher>,
    changes: Receiver<DebounceEventResult>,
    snapshots: channel::Sender<Arc<Snapshot>>,
    mut served: Showing,
    lang: Option<Language>,
) {
    while let Ok(first) = changes.recv() {
        let mut problems = Vec::new();
        let (mut paths, mut rescan) = watch::paths_of(first, &mut problems);
        // Whatever else arrived meanwhile goes into the same rebuild.
        while let Ok(more) = changes.try_recv() {
            let (more_paths, more_rescan) = watch::paths_of(more, &mut problems);
            paths.extend(more_paths);
            rescan |= more_rescan;
        }
        paths.sort();
        paths.dedup();
        // Watch input folders that appeared or were replaced before reading them.
        if let Some(watcher) = watcher.as_mut() {
            let renew: Vec<&str> = INPUT_DIRS
                .into_iter()
                .filter(|dir| paths.iter().any(|p| *p == builder.root().join(dir)))
                .collect();
            problems.extend(watcher.refresh(&renew));
        }
        let language = language(lang, builder.root());
        for problem in &problems {
            say(
                language,
                Message::new("serve-watch-problem").nested("problem", problem.clone()),
            );
        }
        let had_errors = !builder.errors().is_empty() || served.problem.is_some();
        let url = builder.local_url();
        let batch = paths.clone();
        let report = match supervised(builder, move |b| b.changed(&batch, rescan)) {
            Rebuilt::Done(done, report) => {
                builder = done;
                report
            }
            Rebuilt::Abandoned(fresh, problem) => {
                builder = fresh;
                say(language, Message::new("serve-runaway"));
                eprintln!("{}", problem.render(language));
                served.start_over(problem);
                snapshots.send_replace(Arc::new(served.snapshot(&builder, language)));
                continue;
            }
        };
        if report.level == Level::Ignore && !report.changed {
            continue;
        }
        // This rebuild finished: the runaway of an earlier one is not the current state.
        let problem_cleared = served.problem.take().is_some();
        print_report(&builder, &report, &paths, had_errors, language);
        if builder.local_url() != url {
            say(
                language,
                Message::new("serve-now-at").arg("url", builder.local_url()),
            );
        }
        if report.changed || report.errors_changed || problem_cleared {
            snapshots.send_replace(Arc::new(served.snapshot(&builder, language)));
        }
    }
}

fn relative<'a>(root: &Path, path: &'a Path) -> std::borrow::Cow<'a, str> {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy()
}

/// One line for what happened, then the warnings and errors, like `build` prints them.
fn print_report(
    builder: &Builder,
    report: &Report,
    paths: &[PathBuf],
    had_errors: bool,
    language: Language,
) {
    let errors = builder.errors();
    let time = jiff::ZonedDateTime::now().strftime("%H:%M:%S").to_string();
    // Ignored names (the writer's journal and lock in `.blocpress/`, editors' temporary files)
    // changed nothing: they are not named.
    let paths: Vec<&PathBuf> = paths
        .iter()
        .filter(|p| {
            !p.strip_prefix(builder.root())
                .unwrap_or(p)
                .components()
                .any(|c| crate::content::load::is_ignored_name(&c.as_os_str().to_string_lossy()))
        })
        .collect();
    let what = match paths.as_slice() {
        [] => Message::new("hint-none"),
        [one] => Message::new("serve-what-one").arg("path", relative(builder.root(), one)),
        [one, rest @ ..] => Message::new("serve-what-many")
            .arg("path", relative(builder.root(), one))
            .count("more", rest.len()),
    };
    let ms = report.elapsed.as_millis() as i64;
    let done = match (report.level, report.rendered) {
        (_, _) if !errors.is_empty() && !report.changed => Message::new("serve-not-rebuilt"),
        (Level::Static, _) => Message::new("serve-static-changed"),
        (Level::Content, 0) => Message::new("serve-nothing-to-render"),
        (Level::Content, n) if report.changed => Message::new("serve-rerendered")
            .count("files", n)
            .count("ms", ms),
        (Level::Content, _) => Message::new("serve-no-page-changed").count("ms", ms),
        (Level::Templates, n) => Message::new("serve-templates-changed")
            .count("files", n)
            .count("ms", ms),
        (_, n) if paths.is_empty() => Message::new("serve-built")
            .count("files", n)
            .count("ms", ms),
        (_, n) => Message::new("serve-rebuilt")
            .count("files", n)
            .count("ms", ms),
    };
    eprintln!(
        "[{time}] {}{}",
        what.render(language),
        done.render(language)
    );
    for warning in &report.warnings {
        eprintln!("{}", warning.render(language));
    }
    for error in &errors {
        eprintln!("{}", error.render(language));
    }
    if !errors.is_empty() {
        let id = if builder.has_site() {
            "serve-errors-kept"
        } else {
            "serve-errors-nothing"
        };
        say(language, Message::new(id).count("errors", errors.len()));
    } else if had_errors {
        say(language, Message::new("serve-errors-fixed"));
    }
}

/// Serves until Ctrl-C or SIGTERM, then gives open connections a moment to close.
async fn serve(
    listener: TcpListener,
    app: Arc<App>,
    shutdown: channel::Sender<bool>,
    language: Language,
) -> io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let mut stopping = shutdown.subscribe();
    let server = axum::serve(listener, server::router(app)).with_graceful_shutdown(async move {
        stop_signal().await;
        say(language, Message::new("serve-stopping"));
        let _ = shutdown.send(true);
    });
    tokio::select! {
        result = server.into_future() => result,
        _ = async {
            let _ = stopping.wait_for(|stop| *stop).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => Ok(()),
    }
}

async fn stop_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let terminate = async {
            match signal(SignalKind::terminate()) {
                Ok(mut stream) => {
                    stream.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate => {}
        }
    }
    #[cfg(not(unix))]
    interrupt.await;
}
