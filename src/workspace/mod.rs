//! `blocpress workspace`: the bloc's shared workspace over HTTP. People sign in with the
//! accounts of [`users`] ([`sessions`]: cookies, expiry, lockout); [`server`] answers every
//! request only after the sign-in and CSRF rules, and lets each role reach only the files
//! [`rules`] allows, through `cms`'s proxy API and the site's one writer
//! ([`crate::content::write`]); each change goes into the [`history`] with its author; the
//! secretary publishes with [`publish`]. The top layer: nothing else in the crate imports it.

pub mod forms;
pub mod history;
pub mod pages;
pub mod preview;
pub mod publish;
pub mod rules;
pub mod server;
pub mod sessions;
pub mod users;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::i18n::Language;
use crate::messages::Message;

#[derive(Debug, Clone)]
pub struct WorkspaceOptions {
    pub root: PathBuf,
    /// `ADDR:PORT`; port 0 picks a free one (printed).
    pub listen: String,
    /// Where the secretary publishes (default `ROOT/public`).
    pub publish: Option<PathBuf>,
    pub https: bool,
    pub lang: Option<Language>,
}

/// The lockout window: 15 minutes; a debug build's tests may shorten it with
/// `BLOCPRESS_TEST_LOCKOUT_SECONDS` (a release build never reads it).
fn lockout_window() -> Duration {
    #[cfg(debug_assertions)]
    if let Some(seconds) = std::env::var("BLOCPRESS_TEST_LOCKOUT_SECONDS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        return Duration::from_secs(seconds);
    }
    sessions::LOCKOUT
}

/// Serves until Ctrl-C or SIGTERM. `Err`: the message to show (the address is taken…).
pub fn run(options: &WorkspaceOptions) -> Result<(), Message> {
    let root = options
        .root
        .canonicalize()
        .map_err(|e| Message::new("E850").nested("error", crate::messages::io_reason(&e)))?;
    let address: SocketAddr = options
        .listen
        .parse()
        .map_err(|_| Message::new("E851").arg("listen", options.listen.clone()))?;
    let publish_dir = options
        .publish
        .clone()
        .unwrap_or_else(|| root.join("public"));
    let workspace = Arc::new(server::Workspace {
        history: history::History::open(&root),
        root,
        publish_dir,
        https: options.https,
        lang: options.lang,
        sessions: sessions::Sessions::default(),
        lockout: sessions::Lockout::new(lockout_window()),
        reads: Default::default(),
        writes: Default::default(),
        publisher: Default::default(),
        preview: Default::default(),
        pending: Default::default(),
    });
    let language = workspace.language();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Message::new("E852").nested("error", crate::messages::io_reason(&e)))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| {
            Message::new("E852")
                .arg("listen", address.to_string())
                .nested("error", crate::messages::io_reason(&e))
        })?;
        let bound = listener.local_addr().unwrap_or(address);
        eprintln!(
            "{}",
            Message::new("workspace-listening")
                .arg("url", format!("http://{bound}/"))
                .render(language)
        );
        let app = server::router(workspace).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| Message::new("E852").nested("error", crate::messages::io_reason(&e)))
    })
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
