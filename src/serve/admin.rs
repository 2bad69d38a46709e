//! `/admin/` in `blocpress serve`: the CMS page, its generated configuration, the bundle (sent
//! gzipped as stored) and the proxy API. The API answers only on a loopback-bound server, to
//! requests whose `Origin` is the server itself and whose body is JSON: another site open in the
//! same browser cannot reach it (no CORS headers are ever sent), nor can another machine.
//! The page gives each browser a session cookie; the API remembers which version of each file
//! a session read, so a save from an outdated version is refused (409) instead of replacing a
//! newer one.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use super::app::{App, is_local_host};
use crate::cms::config::{self, Backend};
use crate::cms::proxy::Proxy;
use crate::content::load::LoadOptions;

/// How long a save with uploads waits for the rebuild that serves them.
const UPLOAD_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Largest API request: an upload of [`crate::cms::check::MAX_MEDIA_BYTES`] in base64, and more.
const MAX_BODY: usize = 16 << 20;

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/admin", get(|| async { Redirect::permanent("/admin/") }))
        .route("/admin/", get(index))
        .route("/admin/index.html", get(index))
        .route("/admin/config.yml", get(config_yml))
        .route("/admin/vi-phrases.js", get(vi_phrases))
        .route("/admin/widgets.js", get(widgets))
        .route("/admin/messages.js", get(messages_js))
        .route(
            "/admin/api/v1",
            axum::routing::post(api).layer(DefaultBodyLimit::max(MAX_BODY)),
        )
        .route("/admin/{file}", get(bundle))
}

fn language(app: &App) -> crate::i18n::Language {
    crate::messages::resolve_language(app.lang, crate::config::language_of(&app.site_root))
}

/// The cookie naming a browser's `/admin/` session.
const SESSION_COOKIE: &str = "blocpress-cms";

/// The session named by the request's cookie, if any.
fn session_of(headers: &HeaderMap) -> Option<String> {
    let lines = headers.get_all(header::COOKIE);
    crate::cms::session_cookie(
        lines.iter().filter_map(|v| v.to_str().ok()),
        SESSION_COOKIE,
        32,
    )
}

/// A new session id: not a secret (the API answers only this machine's own pages), only
/// distinct per browser.
fn new_session_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut hasher = blake3::Hasher::new();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.update(&nanos.to_le_bytes());
    hasher.update(&std::process::id().to_le_bytes());
    let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    hasher.update(&count.to_le_bytes());
    let mut keyed = std::collections::hash_map::RandomState::new().build_hasher();
    keyed.write_u64(count);
    hasher.update(&keyed.finish().to_le_bytes());
    hasher.finalize().to_hex()[..32].to_string()
}

async fn index(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    let root = app.site_root.clone();
    let (title, has_style) =
        tokio::task::spawn_blocking(move || crate::cms::site_title_and_style(&root))
            .await
            .unwrap_or_default();
    let mut response = (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            // No other site may frame the editor and steer clicks on it.
            (header::X_FRAME_OPTIONS, "SAMEORIGIN"),
            (header::CONTENT_SECURITY_POLICY, "frame-ancestors 'self'"),
        ],
        // serve shows the site at the root.
        crate::cms::index_html(&title, if has_style { "/style.css" } else { "" }),
    )
        .into_response();
    if session_of(&headers).is_none()
        && let Ok(cookie) = header::HeaderValue::from_str(&format!(
            "{SESSION_COOKIE}={}; Path=/admin/; HttpOnly; SameSite=Strict",
            new_session_id()
        ))
    {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// Generated from the files on disk at each request, so it always follows the site.
async fn config_yml(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    let root = app.site_root.clone();
    let origin = format!("http://{}", request_host(&headers));
    let generated = tokio::task::spawn_blocking(move || {
        site_for_editor(&root, &origin).map(|site| config::generate(&site, &Backend::Local))
    })
    .await
    .ok()
    .flatten();
    config_response(generated, language(&app))
}

/// The `Host` a request names (with its port), `127.0.0.1` when it names none.
pub fn request_host(headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_string()
}

/// The site as the browser editor's configuration sees it, read from disk at each request:
/// drafts included, photos not encoded (the settings need the site, not its photos), and its
/// address `origin` (`http://HOST`, or the workspace's `http://HOST/preview`) followed by the
/// site's sub-path. `None` when the site does not load.
pub fn site_for_editor(root: &std::path::Path, origin: &str) -> Option<crate::model::Site> {
    let options = LoadOptions {
        drafts: true,
        base_url: None,
        images: crate::model::images::ImageWork::Check { cache_of: None },
    };
    let (mut site, _) = crate::site::load(root, &options).ok()?;
    let local = format!("{origin}{}", site.config.base_path);
    let _ = site.config.set_base_url(&local);
    Some(site)
}

/// `/admin/config.yml`'s answer: the generated text, or 500 with the catalogue's message.
pub fn config_response(generated: Option<String>, language: crate::i18n::Language) -> Response {
    match generated {
        Some(text) => ([(header::CONTENT_TYPE, "text/yaml; charset=utf-8")], text).into_response(),
        None => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            crate::messages::text("cms-no-config", language),
        )
            .into_response(),
    }
}

async fn vi_phrases() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        crate::cms::VI_PHRASES,
    )
        .into_response()
}

async fn widgets() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        crate::cms::WIDGETS,
    )
        .into_response()
}

async fn messages_js(State(app): State<Arc<App>>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        crate::cms::messages_js(language(&app)),
    )
        .into_response()
}

async fn bundle(axum::extract::Path(file): axum::extract::Path<String>) -> Response {
    match crate::cms::bundle_file_gz(&file) {
        Some(gz) => (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CONTENT_ENCODING, "gzip"),
            ],
            gz,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

fn json_error(status: StatusCode, error: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::json!({ "error": error }).to_string(),
    )
        .into_response()
}

/// Whether the request comes from a page of this server: `Origin` is `http://<Host>`.
fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|h| h.to_str().ok());
    match (host, origin) {
        (Some(host), Some(origin)) => {
            is_local_host(host.as_bytes())
                && origin
                    .strip_prefix("http://")
                    .is_some_and(|authority| authority.eq_ignore_ascii_case(host))
        }
        _ => false,
    }
}

async fn api(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    let language = language(&app);
    if !app.loopback_only {
        return json_error(
            StatusCode::FORBIDDEN,
            crate::messages::text("cms-loopback-only", language),
        );
    }
    if !same_origin(&headers) {
        return json_error(
            StatusCode::FORBIDDEN,
            crate::messages::text("cms-foreign-origin", language),
        );
    }
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
    if !json {
        return json_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            crate::messages::text("cms-not-json", language),
        );
    }
    let Ok(request) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return json_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::messages::text("cms-not-json", language),
        );
    };
    // An upload is shown by its public URL right after the save: answer once the rebuild that
    // serves it is out (or after a few seconds), so the form never shows a missing image.
    let uploads = request
        .pointer("/params/assets")
        .and_then(|a| a.as_array())
        .is_some_and(|a| !a.is_empty())
        || request.get("action").and_then(|a| a.as_str()) == Some("persistMedia");
    let mut snapshots = app.snapshot.clone();
    snapshots.borrow_and_update();
    let root = app.site_root.clone();
    let action = request
        .get("action")
        .and_then(|a| a.as_str())
        .unwrap_or("")
        .to_string();
    // A client without the cookie (a script) is one session of its own.
    let session = session_of(&headers).unwrap_or_default();
    let if_match = headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let shared = app.clone();
    let answer = tokio::task::spawn_blocking(move || {
        let proxy = Proxy {
            root: &root,
            language,
            reads: &shared.cms_reads,
            session: &session,
            if_match: if_match.as_deref(),
        };
        proxy.handle(&request)
    })
    .await;
    match answer {
        Ok(Ok(value)) => {
            for note in value
                .get("notes")
                .and_then(|n| n.as_array())
                .into_iter()
                .flatten()
            {
                eprintln!("/admin/ {action}: {}", note.as_str().unwrap_or_default());
            }
            if uploads {
                let _ = tokio::time::timeout(UPLOAD_WAIT, snapshots.changed()).await;
            }
            (
                [(header::CONTENT_TYPE, "application/json")],
                value.to_string(),
            )
                .into_response()
        }
        Ok(Err(refusal)) => {
            if !refusal.codes.is_empty() {
                eprintln!("/admin/ {action}: {}", refusal.error);
            }
            json_error(
                StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                refusal.error,
            )
        }
        Err(error) => json_error(StatusCode::INTERNAL_SERVER_ERROR, error.to_string()),
    }
}
