//! `/preview/<key>/…`: the site with its drafts, built into memory by `serve`'s
//! [`Builder`](crate::serve::rebuild::Builder) and rebuilt after each change the workspace
//! writes (or when the last build is older than [`MAX_AGE`], for changes made on disk).
//!
//! Isolation: every preview answer carries `Content-Security-Policy: sandbox allow-scripts
//! allow-popups allow-forms` (no `allow-same-origin`), so a previewed page, SVG or HTML file
//! runs in an opaque origin: it cannot read the workspace's pages (no CORS), its requests carry
//! `Origin: null` and no `SameSite=Strict` cookie, so the API refuses them. Because such a
//! page's own images, styles and links arrive without the cookie too, the preview is reached
//! by a per-session key in the path instead: the key ends with the session, and every link of
//! a previewed HTML or CSS file is given the key. Drafts of every member are shown to every
//! signed-in user (the preview is the whole site as it would be published with its drafts).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::serve::output::{FileMap, Served};
use crate::serve::rebuild::Builder;

/// The path every preview URL starts with.
pub const PREFIX: &str = "/preview/";
/// A build older than this is redone before it is served (files changed on disk).
pub const MAX_AGE: Duration = Duration::from_secs(30);

struct Built {
    builder: Builder,
    generation: u64,
    at: Instant,
}

/// The preview builder and the count of changes written since it started.
#[derive(Default)]
pub struct Preview {
    built: Mutex<Option<Built>>,
    /// Bumped after every change the workspace writes.
    pub generation: AtomicU64,
}

/// The served files of a fresh enough build, and its base path (`/preview/`).
pub struct Files {
    pub files: Arc<FileMap>,
    pub base_path: String,
}

impl Preview {
    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The files, rebuilt first when something changed. `host` names this server for the
    /// site's absolute links.
    pub fn files(&self, root: &std::path::Path, host: &str) -> Files {
        let generation = self.generation.load(Ordering::SeqCst);
        let mut built = self.built.lock().unwrap_or_else(|e| e.into_inner());
        let stale = built
            .as_ref()
            .is_none_or(|b| b.generation != generation || b.at.elapsed() > MAX_AGE);
        if stale {
            let mut builder = match built.take() {
                Some(b) => b.builder,
                None => Builder::new(
                    root.to_path_buf(),
                    true,
                    format!("http://{host}{}", PREFIX.trim_end_matches('/')),
                ),
            };
            builder.build();
            *built = Some(Built {
                builder,
                generation,
                at: Instant::now(),
            });
        }
        let b = &built.as_ref().expect("built above").builder;
        Files {
            files: b.files(),
            base_path: b.base_path().to_string(),
        }
    }
}

/// The bytes of a served file (a static file is read from the site, never outside it).
pub fn read(served: &Served, root: &std::path::Path) -> Option<Vec<u8>> {
    match served {
        Served::Bytes(bytes) => Some(bytes.to_vec()),
        Served::Disk(path) => {
            let real = path.canonicalize().ok()?;
            real.starts_with(root).then(|| std::fs::read(real).ok())?
        }
    }
}

/// Gives every `/preview/` link of an HTML or CSS text the session's key.
pub fn with_key(body: Vec<u8>, key: &str) -> Vec<u8> {
    let Ok(text) = String::from_utf8(body.clone()) else {
        return body;
    };
    text.replace(PREFIX, &format!("{PREFIX}{key}/"))
        .into_bytes()
}
