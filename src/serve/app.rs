//! What the HTTP handlers of `serve` share: the latest [`Snapshot`] of the site and the
//! server's settings ([`App`]), and the check that a request is addressed to this machine.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::watch;

use super::output::FileMap;
use crate::diagnostics::Diagnostic;

/// The served site at one moment: replaced whole after each rebuild, so a request never sees
/// half of one build and half of another.
#[derive(Debug)]
pub struct Snapshot {
    /// The language of the overlay and the errors' words.
    pub language: crate::i18n::Language,
    /// Changes whenever the files change; unique across restarts of the server.
    pub version: String,
    pub files: Arc<FileMap>,
    /// The site's sub-path (`/`, `/khoi/`).
    pub base_path: String,
    /// Errors of the current files on disk (the files served are the last good build).
    pub errors: Arc<Vec<Diagnostic>>,
    /// Whether any build has succeeded yet.
    pub has_site: bool,
}

/// What the handlers share.
pub struct App {
    pub snapshot: watch::Receiver<Arc<Snapshot>>,
    /// The site folder, canonical: static files must resolve inside it.
    pub site_root: PathBuf,
    /// Bound to a loopback address: answer only requests addressed to a local name (a page on
    /// another site must not reach this server through DNS rebinding).
    pub loopback_only: bool,
    pub shutdown: watch::Receiver<bool>,
    /// `--lang`, for the messages of `/admin/`.
    pub lang: Option<crate::i18n::Language>,
    /// Which version of each file each `/admin/` session read: the base of its saves.
    pub cms_reads: crate::cms::proxy::ReadVersions,
}

impl App {
    pub(super) fn current(&self) -> Arc<Snapshot> {
        self.snapshot.borrow().clone()
    }
}

/// The host part of a `Host` header value (`localhost:1111`, `[::1]:80`).
fn host_name(value: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(value).ok()?.trim();
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split_once(']').map(|(host, _)| host);
    }
    Some(match text.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => text,
    })
}

pub fn is_local_host(value: &[u8]) -> bool {
    let Some(host) = host_name(value) else {
        return false;
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_host_names() {
        for ok in [
            "localhost",
            "localhost:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "a.localhost",
        ] {
            assert!(is_local_host(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "10.0.0.1",
            "localhost.evil.example",
        ] {
            assert!(!is_local_host(bad.as_bytes()), "{bad}");
        }
    }
}
