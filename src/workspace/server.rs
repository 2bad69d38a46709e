//! The workspace's HTTP server: one [`guard`] in front of every route (the session from the
//! cookie, sign-in required, the CSRF rules for every `POST`, one log line per request), then
//! the pages and the editing API. Every answer is `no-store`, `nosniff`, and may not be framed
//! by another site.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use super::history::{Action, History, Record};
use super::pages::{self, escape};
use super::publish::Publisher;
use super::rules;
use super::sessions::{Ctx, Lockout, Sessions};
use super::users::{Role, Users};
use crate::cms::proxy::{Proxy, ReadVersions};
use crate::i18n::Language;
use crate::messages::{self, Message};
use crate::serve::admin;

/// The session cookie.
pub const COOKIE: &str = "blocpress-session";
/// Largest API request: an upload of [`crate::cms::check::MAX_MEDIA_BYTES`] in base64, and more.
const MAX_BODY: usize = 16 << 20;
/// Largest form body (login, restore).
const MAX_FORM: usize = 64 << 10;

/// What every handler shares.
pub struct Workspace {
    pub root: PathBuf,
    pub publish_dir: PathBuf,
    /// `--https`: the browser always reaches the workspace over HTTPS.
    pub https: bool,
    pub lang: Option<Language>,
    pub sessions: Sessions,
    pub lockout: Lockout,
    pub reads: ReadVersions,
    /// One change at a time: the write and its commit to the history together.
    pub writes: Mutex<()>,
    pub history: History,
    pub publisher: Publisher,
    pub preview: super::preview::Preview,
    /// Returned forms read and previewed, waiting for their confirmation: token → (session,
    /// the planned change).
    pub pending: Mutex<std::collections::HashMap<String, (String, super::forms::Pending)>>,
}

impl Workspace {
    pub fn language(&self) -> Language {
        messages::resolve_language(self.lang, crate::config::language_of(&self.root))
    }
}

pub fn router(workspace: Arc<Workspace>) -> Router {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/", get(home))
        .route("/admin", get(|| async { Redirect::permanent("/admin/") }))
        .route("/admin/", get(admin_index))
        .route("/admin/index.html", get(admin_index))
        .route("/admin/config.yml", get(admin_config))
        .route(
            "/admin/csrf.js",
            get(|| async { js(pages::CSRF_JS.to_string()) }),
        )
        .route(
            "/admin/vi-phrases.js",
            get(|| async { js(crate::cms::VI_PHRASES.to_string()) }),
        )
        .route(
            "/admin/widgets.js",
            get(|| async { js(crate::cms::WIDGETS.to_string()) }),
        )
        .route("/admin/messages.js", get(admin_messages))
        .route(
            "/admin/api/v1",
            post(api).layer(DefaultBodyLimit::max(MAX_BODY)),
        )
        .route("/admin/{file}", get(bundle))
        .route("/history/", get(history_page))
        .route(
            "/history",
            get(|| async { Redirect::permanent("/history/") }),
        )
        .route("/history/restore", post(restore))
        .route("/preview/{*rest}", get(preview))
        .route("/preview/", get(preview_home))
        .route("/preview", get(preview_home))
        .route("/forms/", get(forms_page))
        .route("/forms", get(|| async { Redirect::permanent("/forms/") }))
        .route("/forms/download", post(form_download))
        .route(
            "/forms/upload",
            post(form_upload).layer(DefaultBodyLimit::max(super::forms::MAX_UPLOAD + (1 << 20))),
        )
        .route("/forms/confirm", post(form_confirm))
        .route("/publish", post(publish))
        .route("/publish/", get(publish_page))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(workspace.clone(), guard))
        .with_state(workspace)
}

/// The session id named by the request's cookie.
fn cookie_session(headers: &HeaderMap) -> Option<String> {
    let lines = headers.get_all(header::COOKIE);
    crate::cms::session_cookie(lines.iter().filter_map(|v| v.to_str().ok()), COOKIE, 64)
}

/// The client's address: the peer, or the `X-Real-IP` a proxy on this machine sends.
fn client_address(peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    if peer.ip().is_loopback()
        && let Some(real) = headers
            .get("x-real-ip")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<IpAddr>().ok())
    {
        return real;
    }
    peer.ip()
}

/// Whether the browser reached the workspace over HTTPS: `--https`, or a proxy on this machine
/// says so.
fn over_https(workspace: &Workspace, peer: SocketAddr, headers: &HeaderMap) -> bool {
    workspace.https
        || (peer.ip().is_loopback()
            && headers
                .get("x-forwarded-proto")
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https")))
}

/// The workspace's own origin as the browser sees it.
fn own_origin(https: bool, headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    Some(format!("{}://{host}", if https { "https" } else { "http" }))
}

/// A `POST` from one of the workspace's own pages: its `Origin`, and `Sec-Fetch-Site` when sent.
fn same_origin(https: bool, headers: &HeaderMap) -> bool {
    let Some(own) = own_origin(https, headers) else {
        return false;
    };
    let origin_ok = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|origin| origin.eq_ignore_ascii_case(&own));
    let fetch_site_ok = headers
        .get("sec-fetch-site")
        .is_none_or(|v| v.as_bytes() == b"same-origin");
    origin_ok && fetch_site_ok
}

fn is_api(path: &str) -> bool {
    path.starts_with("/admin/api/")
}

/// Sign-in, CSRF and the request log, before every handler.
async fn guard(
    State(workspace): State<Arc<Workspace>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let https = over_https(&workspace, peer, request.headers());
    // The preview is reached by its key in the path (a sandboxed page's requests carry no
    // cookie); everything else by the cookie.
    let preview_key = path
        .strip_prefix(super::preview::PREFIX)
        .map(|rest| rest.split('/').next().unwrap_or("").to_string())
        .filter(|key| !key.is_empty());
    let session = match &preview_key {
        Some(key) => workspace.sessions.by_preview_key(key),
        None => cookie_session(request.headers())
            .and_then(|id| workspace.sessions.get(&id).map(|s| (id, s))),
    };
    // The role is read from the accounts at every request: a removed account is signed out.
    let ctx = match session {
        Some((id, session)) => {
            let root = workspace.root.clone();
            let user = session.user.clone();
            let found = tokio::task::spawn_blocking(move || {
                let role = Users::load(&root)
                    .ok()
                    .and_then(|u| u.get(&user).map(|u| u.role.clone()))?;
                let name = match &role {
                    Role::Member(slug) => member_short_name(&root, slug.as_str()),
                    _ => None,
                };
                Some((role, name))
            })
            .await
            .ok()
            .flatten();
            match found {
                Some((role, member_name)) => Some(Ctx {
                    session: id,
                    user: session.user,
                    role,
                    csrf: session.csrf,
                    preview: session.preview,
                    member_name,
                }),
                None => {
                    workspace.sessions.remove(&id);
                    None
                }
            }
        }
        None => None,
    };
    let user_name = ctx.as_ref().map_or("-".to_string(), |c| c.user.clone());
    let response = 'answer: {
        let login = path == "/login";
        if method == Method::POST && !same_origin(https, request.headers()) {
            break 'answer refuse(&workspace, StatusCode::FORBIDDEN, "E830", &path);
        }
        if login {
            let mut request = request;
            request.extensions_mut().insert(Https(https));
            let address = client_address(peer, request.headers());
            request.extensions_mut().insert(ClientAddress(address));
            break 'answer next.run(request).await;
        }
        let Some(ctx) = ctx else {
            if is_api(&path) {
                break 'answer refuse(&workspace, StatusCode::UNAUTHORIZED, "E831", &path);
            }
            break 'answer Redirect::to("/login").into_response();
        };
        let mut request = request;
        if preview_key.is_some() && method != Method::GET && method != Method::HEAD {
            break 'answer refuse(&workspace, StatusCode::METHOD_NOT_ALLOWED, "E833", &path);
        }
        if method == Method::POST {
            let header_token = request
                .headers()
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let token_ok = match header_token {
                Some(token) => constant_eq(&token, &ctx.csrf),
                None if request
                    .headers()
                    .get(header::CONTENT_TYPE)
                    .is_some_and(|v| v.as_bytes().starts_with(b"multipart/form-data")) =>
                {
                    // A file upload form names the token in its action's query.
                    let query = request.uri().query().unwrap_or("");
                    form_field(query.as_bytes(), "csrf").is_some_and(|t| constant_eq(&t, &ctx.csrf))
                }
                None => {
                    // A plain HTML form sends the token as its `csrf` field.
                    let (parts, body) = request.into_parts();
                    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM).await else {
                        break 'answer refuse(
                            &workspace,
                            StatusCode::PAYLOAD_TOO_LARGE,
                            "E832",
                            &path,
                        );
                    };
                    let field = form_field(&bytes, "csrf");
                    request = Request::from_parts(parts, Body::from(bytes));
                    field.is_some_and(|t| constant_eq(&t, &ctx.csrf))
                }
            };
            if !token_ok {
                break 'answer refuse(&workspace, StatusCode::FORBIDDEN, "E830", &path);
            }
        }
        request.extensions_mut().insert(ctx);
        request.extensions_mut().insert(Https(https));
        next.run(request).await
    };
    let mut response = response;
    let logged_user = response
        .extensions()
        .get::<LoggedIn>()
        .map_or(user_name, |l| l.0.clone());
    log_line(&logged_user, &method, &path, response.status());
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'self'"),
        );
    }
    response
}

/// Set by the login handler: the name to log for the request that signed in.
#[derive(Debug, Clone)]
struct LoggedIn(String);
#[derive(Debug, Clone, Copy)]
struct Https(bool);
#[derive(Debug, Clone, Copy)]
struct ClientAddress(IpAddr);

/// One line per request on stderr: time, user, method, path (never the query), status.
fn log_line(user: &str, method: &Method, path: &str, status: StatusCode) {
    let time = jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .unwrap_or(jiff::Timestamp::now());
    let path: String = path.chars().filter(|c| !c.is_control()).take(300).collect();
    eprintln!("{time} {user} {method} {path} {}", status.as_u16());
}

fn json_response(status: StatusCode, value: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// One field of an `application/x-www-form-urlencoded` body.
fn form_field(body: &[u8], name: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// A refusal: JSON `{error}` for the API, a page otherwise.
fn refuse(workspace: &Workspace, status: StatusCode, code: &'static str, path: &str) -> Response {
    let language = workspace.language();
    let text = crate::diagnostics::Diagnostic::new(path.trim_start_matches('/'), code)
        .render(language)
        .trim_end()
        .to_string();
    if is_api(path) {
        return json_response(status, &json!({ "error": text }));
    }
    (
        status,
        pages::html(pages::layout(
            language,
            &pages::title(language, "workspace-refused"),
            None,
            &format!(
                "<p class=\"error\" role=\"alert\">{}</p><p><a href=\"/\">{}</a></p>",
                escape(&text),
                escape(&messages::text("workspace-back-home", language))
            ),
        )),
    )
        .into_response()
}

async fn not_found(State(workspace): State<Arc<Workspace>>, request: Request) -> Response {
    refuse(
        &workspace,
        StatusCode::NOT_FOUND,
        "E833",
        request.uri().path(),
    )
}

async fn login_page(State(workspace): State<Arc<Workspace>>, request: Request) -> Response {
    if let Some(id) = cookie_session(request.headers())
        && workspace.sessions.get(&id).is_some()
    {
        return Redirect::to("/").into_response();
    }
    pages::html(pages::login(workspace.language(), None)).into_response()
}

async fn login(State(workspace): State<Arc<Workspace>>, request: Request) -> Response {
    let language = workspace.language();
    let https = request.extensions().get::<Https>().is_some_and(|h| h.0);
    let address = request
        .extensions()
        .get::<ClientAddress>()
        .map(|a| a.0.to_string())
        .unwrap_or_default();
    let old = cookie_session(request.headers());
    let Ok(body) = axum::body::to_bytes(request.into_body(), MAX_FORM).await else {
        return refuse(&workspace, StatusCode::PAYLOAD_TOO_LARGE, "E832", "/login");
    };
    let name = form_field(&body, "username")
        .unwrap_or_default()
        .trim()
        .to_string();
    let password = form_field(&body, "password").unwrap_or_default();
    let keys = vec![format!("name:{name}"), format!("addr:{address}")];
    if workspace.lockout.is_locked(&keys) {
        let text = Message::new("E834").count("minutes", workspace_lock_minutes(&workspace));
        return (
            StatusCode::TOO_MANY_REQUESTS,
            pages::html(pages::login(language, Some(&coded(language, "E834", text)))),
        )
            .into_response();
    }
    let root = workspace.root.clone();
    let check_name = name.clone();
    let ok = tokio::task::spawn_blocking(move || {
        let users = Users::load(&root).unwrap_or_default();
        users.authenticate(&check_name, &password).is_some()
    })
    .await
    .unwrap_or(false);
    if !ok {
        workspace.lockout.failed(&keys);
        let text = coded(language, "E835", Message::new("E835"));
        return (
            StatusCode::UNAUTHORIZED,
            pages::html(pages::login(language, Some(&text))),
        )
            .into_response();
    }
    workspace.lockout.succeeded(&keys[0]);
    // A fresh id, whatever cookie the browser brought (no fixation).
    if let Some(old) = old {
        workspace.sessions.remove(&old);
    }
    let id = workspace.sessions.create(&name);
    let mut response = Redirect::to("/").into_response();
    let secure = if https { "; Secure" } else { "" };
    if let Ok(cookie) = HeaderValue::from_str(&format!(
        "{COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict{secure}"
    )) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response.extensions_mut().insert(LoggedIn(name));
    response
}

fn workspace_lock_minutes(workspace: &Workspace) -> i64 {
    (workspace.lockout.window().as_secs().div_ceil(60)) as i64
}

/// `lỗi[E835]: …` as one line.
fn coded(language: Language, code: &'static str, message: Message) -> String {
    format!(
        "{}[{code}]: {}",
        messages::text("label-error", language),
        message.render(language)
    )
}

async fn logout(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
    axum::Extension(https): axum::Extension<Https>,
) -> Response {
    workspace.sessions.remove(&ctx.session);
    let mut response = Redirect::to("/login").into_response();
    let secure = if https.0 { "; Secure" } else { "" };
    if let Ok(cookie) = HeaderValue::from_str(&format!(
        "{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"
    )) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

async fn home(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
) -> Response {
    pages::html(pages::home(workspace.language(), &ctx)).into_response()
}

fn js(text: String) -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        text,
    )
        .into_response()
}

async fn admin_messages(State(workspace): State<Arc<Workspace>>) -> Response {
    js(crate::cms::messages_js(workspace.language()))
}

async fn bundle(axum::extract::Path(file): axum::extract::Path<String>) -> Response {
    match crate::cms::bundle_file_gz(&file) {
        Some(bytes) => (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CONTENT_ENCODING, "gzip"),
            ],
            Bytes::from_static(bytes),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn admin_index(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
) -> Response {
    let root = workspace.root.clone();
    let (title, _) = tokio::task::spawn_blocking(move || crate::cms::site_title_and_style(&root))
        .await
        .unwrap_or_default();
    // No preview stylesheet: the site is previewed only in its sandbox, under a key.
    let page = crate::cms::index_html(&title, "").replacen(
        "<script>window.CMS_MANUAL_INIT",
        &format!(
            "<meta name=\"csrf-token\" content=\"{}\">\n  <script src=\"csrf.js\"></script>\n  <script>window.CMS_MANUAL_INIT",
            escape(&ctx.csrf)
        ),
        1,
    );
    pages::html(page).into_response()
}

/// The Decap configuration for this user: only the collections its role may edit.
async fn admin_config(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
    headers: HeaderMap,
) -> Response {
    let root = workspace.root.clone();
    let origin = format!("http://{}/preview", admin::request_host(&headers));
    let role = ctx.role.clone();
    let generated = tokio::task::spawn_blocking(move || {
        let site = admin::site_for_editor(&root, &origin)?;
        let value = crate::cms::config::config_value(
            &site,
            &crate::cms::config::Backend::Local,
            crate::cms::config::current_year(),
        );
        let value = rules::restrict_config(&role, value);
        serde_yaml::to_string(&value).ok()
    })
    .await
    .ok()
    .flatten();
    admin::config_response(generated, workspace.language())
}

fn is_change(body: &Value) -> bool {
    matches!(
        body.get("action").and_then(Value::as_str),
        Some("persistEntry" | "persistMedia" | "deleteFile" | "deleteFiles")
    )
}

/// Decap's proxy API, for this user's role: refused paths answer 403 before the proxy sees the
/// request; listings keep only what the user may read; a change is committed to the history
/// with the user as author.
async fn api(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let language = workspace.language();
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let Some(body) = is_json
        .then(|| serde_json::from_slice::<Value>(&body).ok())
        .flatten()
    else {
        return refuse(
            &workspace,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "E836",
            "/admin/api/v1",
        );
    };
    let body = match rules::authorize(&ctx.role, &body) {
        Ok(body) => body,
        Err(rules::Denied(path)) => {
            let text = crate::diagnostics::Diagnostic::new(path, "E837")
                .render(language)
                .trim_end()
                .to_string();
            return json_response(StatusCode::FORBIDDEN, &json!({ "error": text }));
        }
    };
    let if_match = headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let work = workspace.clone();
    let answer = tokio::task::spawn_blocking(move || {
        let change = is_change(&body);
        let _one_at_a_time = change.then(|| work.writes.lock().unwrap_or_else(|e| e.into_inner()));
        let proxy = Proxy {
            root: &work.root,
            language,
            reads: &work.reads,
            session: &ctx.session,
            if_match: if_match.as_deref(),
        };
        // What the change is, in the history's words: whether the item existed before, and
        // its title (a deleted one's, read before it goes).
        let item = change.then(|| main_path(&body)).flatten();
        let existed = item.as_deref().is_some_and(|p| work.root.join(p).exists());
        let title_before = item
            .as_deref()
            .and_then(|p| super::history::title_of(&work.root, p));
        let answer = proxy.handle(&body);
        if change && answer.is_ok() {
            work.preview.changed();
            let files = rules::changed_paths(&body);
            let action = match body["action"].as_str().unwrap_or("") {
                "persistMedia" => Action::Upload,
                "deleteFile" | "deleteFiles" => Action::Delete,
                _ if existed => Action::Edit,
                _ => Action::Add,
            };
            let title = match action {
                Action::Delete => title_before,
                _ => item
                    .as_deref()
                    .and_then(|p| super::history::title_of(&work.root, p)),
            };
            let record = Record {
                message: Message::new("workspace-commit-message")
                    .arg("action", body["action"].as_str().unwrap_or(""))
                    .arg("files", files.join(", "))
                    .render(language),
                action,
                title,
            };
            if let Err(problem) = work.history.record(&ctx.user, &record, &files) {
                eprintln!("{}", problem.render(language).trim_end());
            }
        }
        answer.map(|a| rules::filter_answer(&ctx.role, a))
    })
    .await;
    match answer {
        Ok(Ok(value)) => json_response(StatusCode::OK, &value),
        Ok(Err(refusal)) => json_response(
            StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY),
            &json!({ "error": refusal.error }),
        ),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The file a change request is about: the entry it saves (before a rename), the photo it
/// uploads, the first file it deletes.
fn main_path(body: &Value) -> Option<String> {
    let params = &body["params"];
    [
        &params["dataFiles"][0]["path"],
        &params["entry"]["path"],
        &params["asset"]["path"],
        &params["path"],
        &params["paths"][0],
    ]
    .into_iter()
    .find_map(|v| v.as_str())
    .map(str::to_string)
}

async fn history_page(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
) -> Response {
    let work = workspace.clone();
    let changes = tokio::task::spawn_blocking(move || work.history.log(200))
        .await
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    // A member sees only the changes of files it may read, and only those files; the
    // secretary sees every change (the forms handed out too).
    let visible: Vec<_> = changes
        .into_iter()
        .filter_map(|mut change| {
            if ctx.role != Role::Secretary {
                change
                    .files
                    .retain(|f| rules::may(&ctx.role, f, rules::Access::Read));
            }
            (!change.files.is_empty()).then_some(change)
        })
        .collect();
    let root = workspace.root.clone();
    let member_name = move |slug: &str| member_short_name(&root, slug);
    pages::html(pages::history(
        workspace.language(),
        &ctx,
        &visible,
        &member_name,
    ))
    .into_response()
}

/// A member's short name (else its name) from its profile, for the history page.
fn member_short_name(root: &std::path::Path, slug: &str) -> Option<String> {
    let slug = crate::slug::Slug::parse(slug).ok()?;
    let text = std::fs::read_to_string(
        root.join("content/associations")
            .join(slug.as_str())
            .join("profile.yaml"),
    )
    .ok()?;
    let profile: serde_yaml::Value = serde_yaml::from_str(&text).ok()?;
    ["short_name", "name"]
        .into_iter()
        .find_map(|key| profile.get(key)?.as_str().map(str::to_string))
}

/// `POST /history/restore` (`path`, `commit`): the file as that change left it, written as a
/// change of its own (checked, version-checked, committed with the secretary as author).
async fn restore(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
    body: Bytes,
) -> Response {
    let language = workspace.language();
    if ctx.role != Role::Secretary {
        return refuse(
            &workspace,
            StatusCode::FORBIDDEN,
            "E838",
            "/history/restore",
        );
    }
    let path = form_field(&body, "path").unwrap_or_default();
    let commit = form_field(&body, "commit").unwrap_or_default();
    if crate::cms::check::classify(&path).is_none() {
        return refuse(&workspace, StatusCode::FORBIDDEN, "E837", &path);
    }
    let work = workspace.clone();
    let user = ctx.user.clone();
    let outcome = tokio::task::spawn_blocking(move || -> Result<(), (StatusCode, String)> {
        use crate::content::write::{self, Base, Edit, Outcome, WriteError};
        let render = |d: crate::diagnostics::Diagnostic| d.render(language).trim_end().to_string();
        let _one_at_a_time = work.writes.lock().unwrap_or_else(|e| e.into_inner());
        let old = work
            .history
            .file_at(&commit, &path)
            .map_err(|d| (StatusCode::NOT_FOUND, render(d)))?;
        let full = crate::cms::check::resolve(&work.root, &path).ok_or_else(|| {
            (
                StatusCode::FORBIDDEN,
                render(crate::diagnostics::Diagnostic::new(path.clone(), "E837")),
            )
        })?;
        let base = match write::current_version(&full) {
            Ok(Some(version)) => Base::Version(version),
            _ => Base::Absent,
        };
        let edit = match old {
            Some(bytes) => Edit::put(path.clone(), base, bytes),
            None => Edit::remove(path.clone(), base),
        };
        match write::check_and_commit(&work.root, &[edit], &crate::site::check_with) {
            Ok(Outcome::Written) => work.preview.changed(),
            Ok(Outcome::Refused(found)) => {
                let text: Vec<String> = super::forms::errors(&found)
                    .into_iter()
                    .map(render)
                    .collect();
                return Err((StatusCode::UNPROCESSABLE_ENTITY, text.join("\n")));
            }
            Err(WriteError::Conflict(_)) => {
                return Err((
                    StatusCode::CONFLICT,
                    render(crate::diagnostics::Diagnostic::new(path.clone(), "E460")),
                ));
            }
            Err(WriteError::Failed(problem)) => {
                return Err((StatusCode::INTERNAL_SERVER_ERROR, render(problem)));
            }
        }
        let record = Record {
            message: Message::new("workspace-restore-message")
                .arg("path", path.clone())
                .arg("commit", commit.chars().take(12).collect::<String>())
                .render(language),
            action: Action::Restore,
            title: super::history::title_of(&work.root, &path),
        };
        work.history
            .record(&user, &record, std::slice::from_ref(&path))
            .map_err(|d| (StatusCode::INTERNAL_SERVER_ERROR, render(d)))
    })
    .await
    .unwrap_or_else(|_| Err((StatusCode::INTERNAL_SERVER_ERROR, String::new())));
    match outcome {
        Ok(()) => Redirect::to("/history/").into_response(),
        Err((status, text)) => (
            status,
            pages::html(pages::layout(
                language,
                &pages::title(language, "workspace-history-title"),
                Some(&ctx),
                &format!(
                    "<p class=\"error\" role=\"alert\">{}</p><p><a href=\"/history/\">{}</a></p>",
                    escape(&text).replace('\n', "<br>"),
                    escape(&messages::text("workspace-history-title", language))
                ),
            )),
        )
            .into_response(),
    }
}

async fn publish(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
) -> Response {
    if ctx.role != Role::Secretary {
        return refuse(&workspace, StatusCode::FORBIDDEN, "E838", "/publish");
    }
    let started = workspace.publisher.start(
        workspace.root.clone(),
        workspace.publish_dir.clone(),
        ctx.user.clone(),
        workspace.language(),
    );
    if !started {
        return refuse(&workspace, StatusCode::CONFLICT, "E839", "/publish");
    }
    let mut response = (
        StatusCode::ACCEPTED,
        pages::html(pages::publish(
            workspace.language(),
            &ctx,
            &workspace.publisher.status(),
        )),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::LOCATION, HeaderValue::from_static("/publish/"));
    response
}

async fn publish_page(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
) -> Response {
    if ctx.role != Role::Secretary {
        return refuse(&workspace, StatusCode::FORBIDDEN, "E838", "/publish/");
    }
    pages::html(pages::publish(
        workspace.language(),
        &ctx,
        &workspace.publisher.status(),
    ))
    .into_response()
}

async fn forms_page(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
) -> Response {
    let root = workspace.root.clone();
    let role = ctx.role.clone();
    let choices = tokio::task::spawn_blocking(move || super::forms::choices(&root, &role))
        .await
        .unwrap_or_else(|_| Err(crate::diagnostics::Diagnostic::new("forms", "E842")));
    let language = workspace.language();
    match choices {
        Ok(choices) => pages::html(pages::forms(
            language,
            &ctx,
            &choices.members,
            &choices.periods,
        ))
        .into_response(),
        Err(problem) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            pages::html(pages::layout(
                language,
                &pages::title(language, "workspace-forms-title"),
                Some(&ctx),
                &format!(
                    "<p class=\"error\" role=\"alert\">{}</p>",
                    escape(problem.render(language).trim_end())
                ),
            )),
        )
            .into_response(),
    }
}

/// `POST /forms/download` (`member`, `period`): the form as an attachment.
async fn form_download(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
    body: Bytes,
) -> Response {
    let language = workspace.language();
    let member = form_field(&body, "member").unwrap_or_default();
    let period = form_field(&body, "period").unwrap_or_default();
    let work = workspace.clone();
    let user = ctx.user.clone();
    let role = ctx.role.clone();
    let issued = tokio::task::spawn_blocking(move || {
        let _one_at_a_time = work.writes.lock().unwrap_or_else(|e| e.into_inner());
        super::forms::issue(&work.root, &work.history, &user, &role, &member, &period)
    })
    .await
    .unwrap_or_else(|_| Err((500, crate::diagnostics::Diagnostic::new("forms", "E842"))));
    match issued {
        Ok((name, bytes)) => {
            let disposition = format!("attachment; filename=\"{name}\"");
            let mut response = (
                [(
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )],
                bytes,
            )
                .into_response();
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                response
                    .headers_mut()
                    .insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err((status, problem)) => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            pages::html(pages::layout(
                language,
                &pages::title(language, "workspace-forms-title"),
                Some(&ctx),
                &format!(
                    "<p class=\"error\" role=\"alert\">{}</p><p><a href=\"/forms/\">{}</a></p>",
                    escape(problem.render(language).trim_end()),
                    escape(&messages::text("workspace-forms-title", language))
                ),
            )),
        )
            .into_response(),
    }
}

/// What the preview answers.
enum PreviewAnswer {
    File(String, Vec<u8>),
    Redirect(String),
    Status(StatusCode),
}

/// `GET /preview/<key>/…`: a file of the site built with its drafts, in a sandbox.
async fn preview(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    use super::preview::{PREFIX, read, with_key};
    let key = ctx.preview.clone();
    let Some(inner) = uri
        .path()
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_prefix(key.as_str()))
    else {
        return refuse(&workspace, StatusCode::NOT_FOUND, "E833", uri.path());
    };
    let path = format!(
        "{}{}",
        PREFIX.trim_end_matches('/'),
        if inner.is_empty() { "/" } else { inner }
    );
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_string();
    let work = workspace.clone();
    let answer = tokio::task::spawn_blocking(move || {
        use crate::serve::server::{Resolved, resolve};
        let built = work.preview.files(&work.root, &host);
        match resolve(&path, &built.base_path, |k| built.files.contains_key(k)) {
            Resolved::File(file) => match built
                .files
                .get(file.as_str())
                .and_then(|served| read(served, &work.root))
            {
                Some(body) => PreviewAnswer::File(file, body),
                None => PreviewAnswer::Status(StatusCode::NOT_FOUND),
            },
            Resolved::Redirect(location) => PreviewAnswer::Redirect(location),
            Resolved::NotFound => PreviewAnswer::Status(StatusCode::NOT_FOUND),
            Resolved::BadRequest => PreviewAnswer::Status(StatusCode::BAD_REQUEST),
        }
    })
    .await
    .unwrap_or(PreviewAnswer::Status(StatusCode::INTERNAL_SERVER_ERROR));
    let mut response = match answer {
        PreviewAnswer::File(file, body) => {
            let kind = crate::serve::server::content_type(&file);
            let body = if kind.starts_with("text/html") || kind.starts_with("text/css") {
                with_key(body, &key)
            } else {
                body
            };
            ([(header::CONTENT_TYPE, kind)], body).into_response()
        }
        PreviewAnswer::Redirect(location) => {
            let location =
                String::from_utf8(with_key(location.into_bytes(), &key)).unwrap_or_default();
            match HeaderValue::from_str(&location) {
                Ok(value) => {
                    let mut response = StatusCode::FOUND.into_response();
                    response.headers_mut().insert(header::LOCATION, value);
                    response
                }
                Err(_) => StatusCode::NOT_FOUND.into_response(),
            }
        }
        PreviewAnswer::Status(status) => status.into_response(),
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox allow-scripts allow-popups allow-forms"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

fn forms_result(language: Language, ctx: &Ctx, status: StatusCode, body: String) -> Response {
    (
        status,
        pages::html(pages::layout(
            language,
            &pages::title(language, "workspace-upload-title"),
            Some(ctx),
            &format!(
                "{body}<p><a href=\"/forms/\">{}</a></p>",
                escape(&messages::text("workspace-forms-title", language))
            ),
        )),
    )
        .into_response()
}

fn problems_html(language: Language, problems: &[crate::diagnostics::Diagnostic]) -> String {
    let items: String = problems
        .iter()
        .map(|d| format!("<li>{}</li>", escape(d.render(language).trim_end())))
        .collect();
    format!("<ul class=\"error\" role=\"alert\">{items}</ul>")
}

/// `POST /forms/upload` (multipart, `file`): the returned form read and checked, its changes
/// shown; nothing is written before the confirmation.
async fn form_upload(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
    mut multipart: axum::extract::Multipart,
) -> Response {
    let language = workspace.language();
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            let name = field
                .file_name()
                .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string())
                .unwrap_or_else(|| "form.xlsx".to_string());
            match field.bytes().await {
                Ok(bytes) => file = Some((name, bytes.to_vec())),
                Err(_) => {
                    return refuse(
                        &workspace,
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "E832",
                        "/forms/upload",
                    );
                }
            }
        }
    }
    let Some((name, bytes)) = file else {
        return refuse(&workspace, StatusCode::BAD_REQUEST, "E836", "/forms/upload");
    };
    let root = workspace.root.clone();
    let role = ctx.role.clone();
    let read_name = name.clone();
    let read = tokio::task::spawn_blocking(move || {
        super::forms::read_returned(&root, &role, &read_name, &bytes, language)
    })
    .await
    .unwrap_or_else(|_| Err((500, Vec::new())));
    match read {
        Ok(None) => forms_result(
            language,
            &ctx,
            StatusCode::OK,
            format!(
                "<p role=\"status\">{}</p>",
                escape(&messages::text("workspace-upload-nothing", language))
            ),
        ),
        Ok(Some(pending)) => {
            let token = super::sessions::random_token();
            let root = workspace.root.clone();
            let member_name = move |slug: &str| member_short_name(&root, slug);
            let body = pages::upload_preview(language, &ctx, &pending, &token, &member_name);
            let mut all = workspace.pending.lock().unwrap_or_else(|e| e.into_inner());
            // One pending form per session: a new upload replaces the last one.
            all.retain(|_, (session, _)| session != &ctx.session);
            all.insert(token, (ctx.session.clone(), pending));
            forms_result(language, &ctx, StatusCode::OK, body)
        }
        Err((status, problems)) => forms_result(
            language,
            &ctx,
            StatusCode::from_u16(status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY),
            problems_html(language, &problems),
        ),
    }
}

/// `POST /forms/confirm` (`token`): writes the previewed form, all or nothing.
async fn form_confirm(
    State(workspace): State<Arc<Workspace>>,
    axum::Extension(ctx): axum::Extension<Ctx>,
    body: Bytes,
) -> Response {
    let language = workspace.language();
    let token = form_field(&body, "token").unwrap_or_default();
    let pending = {
        let mut all = workspace.pending.lock().unwrap_or_else(|e| e.into_inner());
        match all.get(&token) {
            Some((session, _)) if session == &ctx.session => all.remove(&token).map(|(_, p)| p),
            _ => None,
        }
    };
    let Some(pending) = pending else {
        return forms_result(
            language,
            &ctx,
            StatusCode::CONFLICT,
            format!(
                "<p class=\"error\" role=\"alert\">{}</p>",
                escape(&messages::text("workspace-upload-expired", language))
            ),
        );
    };
    let work = workspace.clone();
    let user = ctx.user.clone();
    let rel = crate::diagnostics::display_path(&pending.change.rel);
    let done = tokio::task::spawn_blocking(move || {
        let _one_at_a_time = work.writes.lock().unwrap_or_else(|e| e.into_inner());
        let done = super::forms::confirm(&work.root, &work.history, &user, &pending, language);
        if done.is_ok() {
            work.preview.changed();
        }
        done
    })
    .await
    .unwrap_or_else(|_| Err((500, Vec::new())));
    match done {
        Ok(()) => forms_result(
            language,
            &ctx,
            StatusCode::OK,
            format!(
                "<p role=\"status\">{}</p>",
                escape(
                    &Message::new("workspace-upload-done")
                        .arg(
                            "file",
                            pages::item_words(&rel, language, &|slug: &str| {
                                member_short_name(&workspace.root, slug)
                            })
                        )
                        .render(language)
                )
            ),
        ),
        Err((status, problems)) => forms_result(
            language,
            &ctx,
            StatusCode::from_u16(status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY),
            problems_html(language, &problems),
        ),
    }
}

/// `/preview/` with the cookie: this session's own preview address.
async fn preview_home(axum::Extension(ctx): axum::Extension<Ctx>) -> Response {
    Redirect::to(&format!("{}{}/", super::preview::PREFIX, ctx.preview)).into_response()
}
