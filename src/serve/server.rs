//! The HTTP side of `serve`: axum on one current-thread tokio runtime. Pages come from the
//! in-memory build, looked up by key: a request path is percent-decoded once, split into
//! segments, refused if a segment is `.`, `..` or holds `\`, `:` or a control character, matched
//! component by component against the site's sub-path, and joined into a key of the file map. No
//! request path is ever joined to a folder on disk; a static file is read from the source path
//! the build recorded for its key, after checking that its real path is inside the site folder.
//!
//! Every HTML page gets a small script that opens a WebSocket to `/__blocpress/livereload`: the
//! server sends the build version and the current errors on connect and after every rebuild; the
//! page reloads when the version is not its own and shows the errors as an overlay.

use std::io;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

use super::app::{App, Snapshot, is_local_host};
use super::output::Served;

const LIVERELOAD_JS: &str = include_str!("livereload.js");
/// Longest request path accepted, in bytes as sent.
const MAX_PATH: usize = 4096;

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/__blocpress/livereload.js", get(livereload_js))
        .route("/__blocpress/livereload", get(livereload))
        .route("/__blocpress/status", get(status))
        .merge(super::admin::routes())
        .route("/__blocpress/source/{index}", get(source_view))
        .fallback(site)
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// Refuses foreign host names; adds the headers every response carries.
async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    if app.loopback_only
        && let Some(host) = request.headers().get(header::HOST)
        && !is_local_host(host.as_bytes())
    {
        return plain(
            StatusCode::FORBIDDEN,
            "blocpress serve answers only to localhost, 127.0.0.1 and [::1]; use --interface to listen on another address\n",
        );
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

async fn livereload_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVERELOAD_JS,
    )
        .into_response()
}

/// `{"version", "language", "ui": {…labels…}, "errors": [{"file", "line", "column", "code",
/// "message", "text", "source", "explain": {"meaning", "wrong", "right", "fix"}}]}`, every
/// word in the site's language: the overlay (livereload.js) only lays it out.
fn status_json(snapshot: &Snapshot) -> String {
    use crate::messages::{self, Message};
    let language = snapshot.language;
    let text = |id: &'static str| messages::text(id, language);
    let explanations = messages::explanations(language);
    let errors: Vec<serde_json::Value> = snapshot
        .errors
        .iter()
        .enumerate()
        .map(|(index, d)| {
            let explain = explanations.get(d.code()).map(|e| {
                serde_json::json!({
                    "meaning": e.meaning.trim(),
                    "wrong": e.wrong.trim_end(),
                    "right": e.right.trim_end(),
                    "fix": e.fix.trim(),
                })
            });
            serde_json::json!({
                "file": crate::diagnostics::display_path(&d.path),
                "line": d.line,
                "column": d.column,
                "code": d.code(),
                "message": d.text(language),
                "text": d.render(language),
                "source": format!("/__blocpress/source/{index}#L{}", d.line.unwrap_or(1)),
                "explain": explain,
            })
        })
        .collect();
    let ui = serde_json::json!({
        "title": Message::new("overlay-title").count("errors", snapshot.errors.len()).render(language),
        "note": text("overlay-note"),
        "close": text("overlay-close"),
        "explain": text("overlay-explain"),
        "open": text("overlay-open"),
        "wrong": text("explain-wrong"),
        "right": text("explain-right"),
        "fix": text("explain-fix"),
        "error": text("label-error"),
        "warning": text("label-warning"),
    });
    serde_json::json!({
        "version": snapshot.version,
        "language": language.code(),
        "ui": ui,
        "errors": errors,
    })
    .to_string()
}

/// `/__blocpress/source/N`: the file of the current N-th error, with line numbers and its line
/// marked, so the overlay's link shows the editor where to look. Only files inside the site
/// that have an error are shown.
async fn source_view(
    State(app): State<Arc<App>>,
    axum::extract::Path(index): axum::extract::Path<usize>,
) -> Response {
    let snapshot = app.current();
    let Some(d) = snapshot.errors.get(index) else {
        return plain(StatusCode::NOT_FOUND, "not found\n");
    };
    let Ok(path) = app.site_root.join(&d.path).canonicalize() else {
        return plain(StatusCode::NOT_FOUND, "not found\n");
    };
    if !path.starts_with(&app.site_root) || !path.is_file() {
        return plain(StatusCode::NOT_FOUND, "not found\n");
    }
    let bytes = std::fs::read(&path).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(crate::yaml::MAX_FILE_BYTES)]);
    let escape = |s: &str| {
        let mut out = Vec::new();
        let _ = tera::escape_html(s, &mut out);
        String::from_utf8_lossy(&out).into_owned()
    };
    let file = crate::diagnostics::display_path(&d.path);
    let title = crate::messages::Message::new("overlay-source-title")
        .arg("file", file.as_str())
        .arg("line", d.line.unwrap_or(1).to_string())
        .render(snapshot.language);
    let mut rows = String::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let mark = if Some(n) == d.line {
            " class=\"here\""
        } else {
            ""
        };
        rows.push_str(&format!(
            "<tr id=\"L{n}\"{mark}><th>{n}</th><td>{}</td></tr>\n",
            escape(line)
        ));
    }
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>body{{margin:0;font:15px/1.5 system-ui,sans-serif;background:#fff;color:#111}}h1{{font-size:17px;margin:0;padding:12px 16px;background:#7f1d1d;color:#fff}}p{{margin:0;padding:10px 16px;background:#fef2f2;border-bottom:1px solid #fecaca}}table{{border-collapse:collapse;font:14px/1.5 Consolas,\"DejaVu Sans Mono\",\"Noto Sans Mono\",monospace;width:100%}}th{{color:#666;text-align:right;padding:0 10px;user-select:none;vertical-align:top;font-weight:normal}}td{{white-space:pre-wrap;word-break:break-word;padding-right:12px}}tr.here{{background:#fde68a}}tr.here th{{color:#111;font-weight:bold}}</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{message}</p>\n<table>\n{rows}</table>\n</body>\n</html>\n",
        lang = snapshot.language.code(),
        title = escape(&title),
        message = escape(&d.render(snapshot.language)),
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

/// The build version and errors, for scripts and tests that poll instead of listening.
async fn status(State(app): State<Arc<App>>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        status_json(&app.current()),
    )
        .into_response()
}

async fn livereload(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    // Browsers let any page open a WebSocket to any address: accept only this site's pages.
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin_host = origin
            .to_str()
            .ok()
            .and_then(|o| o.split_once("://"))
            .map(|(_, authority)| authority.trim_end_matches('/'));
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        let same = matches!((origin_host, host), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b));
        if !same {
            return plain(StatusCode::FORBIDDEN, "cross-origin live reload refused\n");
        }
    }
    upgrade.on_upgrade(move |socket| client(socket, app))
}

/// One open page: sends the status now and after each change, until the page or the server goes.
async fn client(mut socket: WebSocket, app: Arc<App>) {
    let mut updates = app.snapshot.clone();
    let mut shutdown = app.shutdown.clone();
    let first = status_json(&updates.borrow_and_update());
    if *shutdown.borrow() || socket.send(Message::Text(first.into())).await.is_err() {
        return;
    }
    // Whether rebuilds can still come (the rebuild thread is gone when nothing is watched).
    let mut live = true;
    loop {
        tokio::select! {
            changed = updates.changed(), if live => {
                if changed.is_err() {
                    live = false;
                    continue;
                }
                let text = status_json(&updates.borrow_and_update());
                if socket.send(Message::Text(text.into())).await.is_err() {
                    return;
                }
            }
            incoming = socket.recv() => match incoming {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return,
                Some(Ok(_)) => {}
            },
            _ = shutdown.changed() => break,
        }
    }
    let _ = socket.send(Message::Close(None)).await;
}

/// Where a request path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The key of a served file.
    File(String),
    /// A folder asked for without its `/`, or the root of a site served under a sub-path.
    Redirect(String),
    NotFound,
    /// Not a path that could name a file: undecodable, a `..`, a backslash, a control character.
    BadRequest,
}

/// Characters escaped in a `Location` path segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/');

/// Maps a raw request path (as sent, without the query) to a file key. `exists` says whether a
/// key is served. The path is decoded exactly once, so `%252e` stays the text `%2e`.
pub fn resolve(raw: &str, base_path: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    if !raw.starts_with('/') || raw.len() > MAX_PATH {
        return Resolved::BadRequest;
    }
    let Ok(decoded) = percent_decode_str(raw).decode_utf8() else {
        return Resolved::BadRequest;
    };
    if decoded.chars().any(|c| c == '\\' || c.is_control()) {
        return Resolved::BadRequest;
    }
    let segments: Vec<&str> = decoded[1..].split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        if *segment == "." || *segment == ".." || segment.contains(':') {
            return Resolved::BadRequest;
        }
        if segment.is_empty() && i + 1 < segments.len() {
            return Resolved::NotFound;
        }
    }
    let base: Vec<&str> = base_path.split('/').filter(|s| !s.is_empty()).collect();
    if !base.is_empty() && (decoded == "/" || segments == base) {
        return Resolved::Redirect(base_path.to_string());
    }
    if segments.len() <= base.len() || segments[..base.len()] != base[..] {
        return Resolved::NotFound;
    }
    let rest = &segments[base.len()..];
    let mut key = rest.join("/");
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    if exists(&key) {
        return Resolved::File(key);
    }
    let folder_index = format!("{key}/index.html");
    if !key.ends_with("index.html") && exists(&folder_index) {
        let mut location = base_path.to_string();
        for segment in rest {
            location.extend(utf8_percent_encode(segment, SEGMENT));
            location.push('/');
        }
        return Resolved::Redirect(location);
    }
    Resolved::NotFound
}

/// The `Content-Type` of a served file, by its name.
pub fn content_type(key: &str) -> String {
    if key == "atom.xml" || key.ends_with("/atom.xml") {
        return String::from("application/atom+xml; charset=utf-8");
    }
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let essence = mime.essence_str();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            essence,
            "application/json"
                | "application/javascript"
                | "application/xml"
                | "image/svg+xml"
                | "application/manifest+json"
        );
    if textual {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_string()
    }
}

/// Adds the live-reload script before `</body>` (or at the end).
pub fn inject(html: &[u8], version: &str) -> Vec<u8> {
    let script = format!(
        "<script src=\"/__blocpress/livereload.js\" data-version=\"{version}\"></script>\n"
    );
    let at = html
        .windows(6)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Reads a static file, refusing one whose real path (symlinks resolved) is outside `root`.
fn read_inside(path: &Path, root: &Path) -> io::Result<Vec<u8>> {
    let real = path.canonicalize()?;
    if !real.starts_with(root) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "outside the site folder",
        ));
    }
    std::fs::read(real)
}

async fn site(State(app): State<Arc<App>>, method: Method, uri: axum::http::Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let snapshot = app.current();
    if !snapshot.has_site {
        return errors_page(&snapshot);
    }
    let files = &snapshot.files;
    match resolve(uri.path(), &snapshot.base_path, |key| {
        files.contains_key(key)
    }) {
        Resolved::File(key) => match file(&app, &snapshot, &key).await {
            Some(body) => {
                let mut response = respond(StatusCode::OK, &key, body, &snapshot);
                if matches!(snapshot.files.get(key.as_str()), Some(Served::Disk(_))) {
                    sandbox(&mut response);
                }
                response
            }
            None => not_found(&app, &snapshot).await,
        },
        Resolved::Redirect(location) => match HeaderValue::from_str(&location) {
            Ok(location) => {
                let mut response = StatusCode::FOUND.into_response();
                response.headers_mut().insert(header::LOCATION, location);
                response
            }
            Err(_) => not_found(&app, &snapshot).await,
        },
        Resolved::NotFound => not_found(&app, &snapshot).await,
        Resolved::BadRequest => plain(StatusCode::BAD_REQUEST, "bad request\n"),
    }
}

/// A file of the site's own (from `static/`, a theme's `static/`, next to content, an
/// upload) is served in a sandbox: opened on its own, an HTML page or an SVG runs in an opaque
/// origin, so its scripts cannot call the editing API at `/admin/api/v1` (their requests carry
/// `Origin: null`, which the API refuses) nor read the preview's pages. Pages blocpress renders
/// are served as they are: they are the preview itself.
fn sandbox(response: &mut Response) {
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox allow-scripts allow-popups allow-forms"),
    );
}

/// The bytes of a served file; `None` when a static file went away since the build.
async fn file(app: &App, snapshot: &Snapshot, key: &str) -> Option<Arc<[u8]>> {
    match snapshot.files.get(key)? {
        Served::Bytes(bytes) => Some(bytes.clone()),
        Served::Disk(path) => {
            let path = path.clone();
            let root = app.site_root.clone();
            tokio::task::spawn_blocking(move || read_inside(&path, &root))
                .await
                .ok()?
                .ok()
                .map(Arc::from)
        }
    }
}

fn respond(status: StatusCode, key: &str, body: Arc<[u8]>, snapshot: &Snapshot) -> Response {
    let content_type = content_type(key);
    let body = if content_type.starts_with("text/html") {
        Body::from(inject(&body, &snapshot.version))
    } else {
        Body::from(body.to_vec())
    };
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// The site's own 404 page, with status 404.
async fn not_found(app: &App, snapshot: &Snapshot) -> Response {
    match file(app, snapshot, "404.html").await {
        Some(body) => respond(StatusCode::NOT_FOUND, "404.html", body, snapshot),
        None => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// Served for every page while no build has succeeded yet.
fn errors_page(snapshot: &Snapshot) -> Response {
    let mut list = String::new();
    let language = snapshot.language;
    for d in snapshot.errors.iter() {
        let mut escaped = Vec::new();
        let _ = tera::escape_html(&d.render(language), &mut escaped);
        list.push_str(&String::from_utf8_lossy(&escaped));
        list.push('\n');
    }
    let title = crate::messages::Message::new("overlay-title")
        .count("errors", snapshot.errors.len())
        .render(language);
    let note = crate::messages::text("overlay-note", language);
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>blocpress: {title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{note}</p>\n<pre style=\"white-space:pre-wrap\">{list}</pre>\n</body>\n</html>\n",
        language.code()
    );
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        inject(html.as_bytes(), &snapshot.version),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_in(raw: &str, base: &str) -> Resolved {
        let files = [
            "index.html",
            "news/a/index.html",
            "style.css",
            "ảnh đẹp.png",
        ];
        resolve(raw, base, |k| files.contains(&k))
    }

    #[test]
    fn resolves_pages_and_folders() {
        use Resolved::*;
        assert_eq!(resolve_in("/", "/"), File("index.html".into()));
        assert_eq!(
            resolve_in("/news/a/", "/"),
            File("news/a/index.html".into())
        );
        assert_eq!(resolve_in("/news/a", "/"), Redirect("/news/a/".into()));
        assert_eq!(
            resolve_in("/news/%61/index.html", "/"),
            File("news/a/index.html".into())
        );
        assert_eq!(
            resolve_in("/%E1%BA%A3nh%20%C4%91%E1%BA%B9p.png", "/"),
            File("ảnh đẹp.png".into())
        );
        assert_eq!(resolve_in("/nothing", "/"), NotFound);
    }

    #[test]
    fn sub_path_is_matched_by_segments() {
        use Resolved::*;
        assert_eq!(resolve_in("/khoi/", "/khoi/"), File("index.html".into()));
        assert_eq!(resolve_in("/", "/khoi/"), Redirect("/khoi/".into()));
        assert_eq!(resolve_in("/khoi", "/khoi/"), Redirect("/khoi/".into()));
        assert_eq!(resolve_in("/khoi-leak/style.css", "/khoi/"), NotFound);
        assert_eq!(resolve_in("/khoistyle.css", "/khoi/"), NotFound);
        assert_eq!(resolve_in("/style.css", "/khoi/"), NotFound);
        assert_eq!(
            resolve_in("/khoi/news/a", "/khoi/"),
            Redirect("/khoi/news/a/".into())
        );
    }

    #[test]
    fn traversal_and_odd_paths_are_refused() {
        use Resolved::*;
        for bad in [
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/x",
            "/..%2f..%2fetc/passwd",
            "/news/../index.html",
            "/./index.html",
            "/..\\..\\x",
            "/%5c..%5cx",
            "/C:/Windows/win.ini",
            "/c:%5cx",
            "/a%00b",
            "/%ff",
            "/a\u{7f}",
            "relative",
        ] {
            assert_eq!(resolve_in(bad, "/"), BadRequest, "{bad}");
        }
        // Decoded once: a double-encoded dot-dot is a file name, and no such file exists.
        assert_eq!(resolve_in("/%252e%252e%252fetc/passwd", "/"), NotFound);
        assert_eq!(resolve_in("//etc/passwd", "/"), NotFound);
        assert_eq!(
            resolve_in(&format!("/{}", "a".repeat(5000)), "/"),
            BadRequest
        );
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("reports/2013/data.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(
            content_type("reports/2013/data.csv"),
            "text/csv; charset=utf-8"
        );
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("a.png"), "image/png");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = inject(b"<body>x</BODY></html>", "v1");
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("<body>x<script src=\"/__blocpress/livereload.js\" data-version=\"v1\"></script>\n</BODY>"), "{text}");
        assert!(
            String::from_utf8(inject(b"plain", "v"))
                .unwrap()
                .starts_with("plain<script")
        );
    }
}
