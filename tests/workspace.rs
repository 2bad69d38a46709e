//! `blocpress user` and `blocpress workspace`, as an attacker would try them: the real binary
//! on a loopback port, a temporary site that is a real Git repository, raw HTTP/1.1 (paths and
//! headers reach the server exactly as written).

mod serve_common;
mod sheet_forms;

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use serve_common::{Response, parse_response, raw, small_site, write};

const BIN: &str = env!("CARGO_BIN_EXE_blocpress");
const PASSWORD: &str = "mat-khau-that-dai";

fn blocpress(root: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .arg("--root")
        .arg(root)
        .env("BLOCPRESS_LANG", "en")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn add_user(root: &Path, name: &str, role: &str) {
    let out = blocpress(
        root,
        &["user", "add", name, "--role", role, "--password-stdin"],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn git(root: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The small site of the serve tests in a Git repository with one commit, and three accounts:
/// `thuky` (secretary), `bientap` (editor), `luatgia` (member hoi-luat-gia), `chuthapdo`
/// (member hoi-chu-thap-do).
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    small_site(root, "https://thidua.example.vn/");
    write(root, ".gitignore", "/public/\n/.blocpress/\n");
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "-A"]);
    git(
        root,
        &[
            "-c",
            "user.name=setup",
            "-c",
            "user.email=s@x",
            "commit",
            "-qm",
            "start",
        ],
    );
    add_user(root, "thuky", "secretary");
    add_user(root, "bientap", "editor");
    add_user(root, "luatgia", "member:hoi-luat-gia");
    add_user(root, "chuthapdo", "member:hoi-chu-thap-do");
    dir
}

struct Workspace {
    child: Child,
    addr: SocketAddr,
    log: Arc<Mutex<String>>,
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Workspace {
    fn start(root: &Path, extra: &[&str], env: &[(&str, &str)]) -> Workspace {
        let mut child = Command::new(BIN)
            .args(["workspace", "--listen", "127.0.0.1:0", "--root"])
            .arg(root)
            .args(extra)
            .envs(env.iter().copied())
            .env("BLOCPRESS_LANG", "en")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let pipe = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                // Logged before the address is announced: the log then holds the line itself.
                {
                    let mut log = sink.lock().unwrap();
                    log.push_str(&line);
                    log.push('\n');
                }
                if let Some(at) = line.find("http://") {
                    let url = line[at + 7..].split('/').next().unwrap_or("").to_string();
                    let _ = tx.send(url);
                }
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("workspace did not start: {}", log.lock().unwrap()));
        Workspace {
            child,
            addr: addr.parse().unwrap(),
            log,
        }
    }

    fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// One request; `headers` replace the defaults (Host, and Origin for a POST).
    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        let mut all: Vec<(String, String)> = vec![("Host".into(), self.addr.to_string())];
        if method == "POST" {
            all.push(("Origin".into(), self.origin()));
        }
        for (name, value) in headers {
            all.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            if !value.is_empty() {
                all.push((name.to_string(), value.to_string()));
            }
        }
        let mut text = format!("{method} {path} HTTP/1.1\r\n");
        for (name, value) in &all {
            text.push_str(&format!("{name}: {value}\r\n"));
        }
        text.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        ));
        let mut bytes = text.into_bytes();
        bytes.extend_from_slice(body);
        parse_response(&raw(self.addr, &bytes), method == "HEAD")
    }

    fn get(&self, path: &str, cookie: Option<&str>) -> Response {
        match cookie {
            Some(c) => self.send(
                "GET",
                path,
                &[("Cookie", &format!("blocpress-session={c}"))],
                b"",
            ),
            None => self.send("GET", path, &[], b""),
        }
    }

    fn login_raw(&self, name: &str, password: &str, headers: &[(&str, &str)]) -> Response {
        let body = format!("username={name}&password={password}");
        let mut all = vec![("Content-Type", "application/x-www-form-urlencoded")];
        all.extend_from_slice(headers);
        self.send("POST", "/login", &all, body.as_bytes())
    }

    /// Signs in: the session cookie and its CSRF token.
    fn login(&self, name: &str) -> Session {
        let response = self.login_raw(name, PASSWORD, &[]);
        assert_eq!(response.status, 303, "{}", response.text());
        let cookie = cookie_value(&response).expect("a session cookie");
        let home = self.get("/", Some(&cookie));
        assert_eq!(home.status, 200, "{}", home.text());
        let csrf = meta_token(&home.text()).expect("a csrf meta tag");
        Session { cookie, csrf }
    }

    /// A form POST with the session's cookie and token (as a field).
    fn form(&self, session: &Session, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut pairs: Vec<(&str, &str)> = vec![("csrf", &session.csrf)];
        pairs.extend_from_slice(fields);
        let body = serde_urlencoded::to_string(&pairs).unwrap();
        self.send(
            "POST",
            path,
            &[
                ("Cookie", &format!("blocpress-session={}", session.cookie)),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            body.as_bytes(),
        )
    }

    fn api_with(
        &self,
        session: &Session,
        action: &str,
        params: Value,
        headers: &[(&str, &str)],
    ) -> (u16, Value) {
        let body = json!({ "action": action, "params": params }).to_string();
        let cookie = format!("blocpress-session={}", session.cookie);
        let mut all = vec![
            ("Cookie", cookie.as_str()),
            ("Content-Type", "application/json"),
            ("X-CSRF-Token", session.csrf.as_str()),
        ];
        for (name, value) in headers {
            all.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            all.push((name, value));
        }
        let response = self.send("POST", "/admin/api/v1", &all, body.as_bytes());
        let value = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
        (response.status, value)
    }

    fn api(&self, session: &Session, action: &str, params: Value) -> (u16, Value) {
        self.api_with(session, action, params, &[])
    }

    /// Saves `raw` over the entry at `path` through the editor's API.
    fn save(&self, session: &Session, path: &str, raw: impl AsRef<str>) -> (u16, Value) {
        let entry = json!({ "entry": { "path": path, "raw": raw.as_ref() } });
        self.api(session, "persistEntry", entry)
    }

    /// Creates the entry at `path` through the editor's API (Decap's `newEntry`).
    fn create(&self, session: &Session, path: &str, raw: impl AsRef<str>) -> (u16, Value) {
        let entry = json!({ "entry": { "path": path, "raw": raw.as_ref() },
            "options": { "newEntry": true } });
        self.api(session, "persistEntry", entry)
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

struct Session {
    cookie: String,
    csrf: String,
}

fn cookie_value(response: &Response) -> Option<String> {
    let header = response.header("set-cookie")?;
    let value = header
        .strip_prefix("blocpress-session=")?
        .split(';')
        .next()?;
    (!value.is_empty()).then(|| value.to_string())
}

fn meta_token(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf-token\" content=\"")?;
    let rest = &html[at + "name=\"csrf-token\" content=\"".len()..];
    Some(rest[..rest.find('"')?].to_string())
}

const LUAT_GIA: &str = "content/associations/hoi-luat-gia/2013-h1.yaml";
const CHU_THAP_DO: &str = "content/associations/hoi-chu-thap-do/2013-h1.yaml";

#[test]
fn user_commands_keep_private_argon2id_accounts() {
    let dir = site();
    let root = dir.path();
    let file = root.join(".blocpress/users.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("$argon2id$v=19$m=19456,t=2,p=1$"), "{text}");
    assert!(!text.contains(PASSWORD));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let list = blocpress(root, &["user", "list"], "");
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(listed.contains("thuky\tsecretary"), "{listed}");
    assert!(listed.contains("luatgia\tmember:hoi-luat-gia"), "{listed}");
    assert!(!listed.contains("argon2"));

    let refused = |args: &[&str], code: &str| {
        let out = blocpress(root, args, &format!("{PASSWORD}\n"));
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(code), "{args:?}: {err}");
    };
    refused(
        &["user", "add", "x", "--role", "boss", "--password-stdin"],
        "E804",
    );
    refused(
        &[
            "user",
            "add",
            "x",
            "--role",
            "member:khong-co",
            "--password-stdin",
        ],
        "E805",
    );
    refused(
        &[
            "user",
            "add",
            "thuky",
            "--role",
            "editor",
            "--password-stdin",
        ],
        "E806",
    );
    refused(
        &[
            "user",
            "add",
            "Hoa Nguyen",
            "--role",
            "editor",
            "--password-stdin",
        ],
        "E803",
    );
    refused(&["user", "remove", "khong-co"], "E807");
    let short = blocpress(
        root,
        &["user", "add", "x", "--role", "editor", "--password-stdin"],
        "ngan\n",
    );
    assert!(String::from_utf8_lossy(&short.stderr).contains("E808"));

    let out = blocpress(
        root,
        &["user", "passwd", "bientap", "--password-stdin"],
        "mat-khau-moi-dai\n",
    );
    assert!(out.status.success());
    let out = blocpress(root, &["user", "remove", "chuthapdo"], "");
    assert!(out.status.success());
    let listed =
        String::from_utf8_lossy(&blocpress(root, &["user", "list"], "").stdout).into_owned();
    assert!(!listed.contains("chuthapdo"), "{listed}");
    // No temporary file stays beside the accounts.
    let names: Vec<String> = std::fs::read_dir(root.join(".blocpress"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["users.yaml".to_string()]);

    // `build` never publishes the accounts.
    let out = blocpress(root, &["build"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = root.join("public");
    assert!(public.join("index.html").is_file());
    for entry in walkdir(&public) {
        assert!(
            !entry.contains("users.yaml") && !entry.contains(".blocpress/"),
            "{entry}"
        );
    }
}

fn walkdir(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path.to_string_lossy().into_owned());
        }
    }
    out
}

#[test]
fn anonymous_requests_go_to_the_login_page_and_the_api_answers_401() {
    let dir = site();
    let ws = Workspace::start(dir.path(), &[], &[]);
    for path in [
        "/",
        "/admin/",
        "/admin/config.yml",
        "/history/",
        "/publish/",
        "/nowhere",
    ] {
        let response = ws.get(path, None);
        assert_eq!(response.status, 303, "{path}");
        assert_eq!(response.header("location"), Some("/login"), "{path}");
    }
    let login = ws.get("/login", None);
    assert_eq!(login.status, 200);
    let page = login.text();
    assert!(page.contains("name=\"username\"") && page.contains("name=\"password\""));
    assert!(page.contains("<label for=\"username\">"));
    let api = ws.send(
        "POST",
        "/admin/api/v1",
        &[("Content-Type", "application/json")],
        br#"{"action":"getEntry","params":{"path":"content/associations/hoi-luat-gia/2013-h1.yaml"}}"#,
    );
    assert_eq!(api.status, 401, "{}", api.text());
    // A made-up cookie is nobody.
    let forged = ws.get("/", Some(&"a".repeat(64)));
    assert_eq!(forged.status, 303);
}

#[test]
fn login_sets_a_fresh_strict_cookie_and_logout_ends_it_on_the_server() {
    let dir = site();
    let ws = Workspace::start(dir.path(), &[], &[]);
    // Wrong password and unknown name: one message, 401.
    let wrong = ws.login_raw("thuky", "sai-mat-khau", &[]);
    let unknown = ws.login_raw("khong-co", "sai-mat-khau", &[]);
    assert_eq!(wrong.status, 401);
    assert_eq!(unknown.status, 401);
    assert!(wrong.text().contains("E835"));
    assert_eq!(wrong.text(), unknown.text());
    assert!(cookie_value(&wrong).is_none());

    // Session fixation: a cookie planted before login is not the session after.
    let planted = "b".repeat(64);
    let response = ws.login_raw(
        "thuky",
        PASSWORD,
        &[("Cookie", &format!("blocpress-session={planted}"))],
    );
    assert_eq!(response.status, 303);
    let cookie = response.header("set-cookie").unwrap().to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");
    let id = cookie_value(&response).unwrap();
    assert_ne!(id, planted);
    assert_eq!(id.len(), 64);
    assert_eq!(ws.get("/", Some(&planted)).status, 303);
    let home = ws.get("/", Some(&id));
    assert_eq!(home.status, 200);
    assert!(meta_token(&home.text()).is_some());
    // Two logins of one person are two sessions.
    let again = ws.login("thuky");
    assert_ne!(again.cookie, id);

    // Behind an HTTPS proxy on this machine the cookie is Secure.
    let https = ws.login_raw(
        "thuky",
        PASSWORD,
        &[
            ("X-Forwarded-Proto", "https"),
            ("Origin", &format!("https://{}", ws.addr)),
        ],
    );
    assert_eq!(https.status, 303, "{}", https.text());
    assert!(https.header("set-cookie").unwrap().contains("; Secure"));

    // Logout, then replay the copied cookie: dead, for pages and for the API.
    let session = Session {
        cookie: id.clone(),
        csrf: meta_token(&home.text()).unwrap(),
    };
    let out = ws.form(&session, "/logout", &[]);
    assert_eq!(out.status, 303);
    assert_eq!(out.header("location"), Some("/login"));
    assert_eq!(ws.get("/", Some(&id)).status, 303);
    let (status, _) = ws.api(&session, "getEntry", json!({ "path": LUAT_GIA }));
    assert_eq!(status, 401);
    // The other session lives on, until its account is removed.
    assert_eq!(ws.get("/", Some(&again.cookie)).status, 200);
    let out = blocpress(dir.path(), &["user", "remove", "thuky"], "");
    assert!(out.status.success());
    assert_eq!(ws.get("/", Some(&again.cookie)).status, 303);
}

#[test]
fn state_changes_need_the_own_origin_and_the_token() {
    let dir = site();
    let ws = Workspace::start(dir.path(), &[], &[]);
    let s = ws.login("thuky");
    let cookie = format!("blocpress-session={}", s.cookie);
    let body = json!({ "action": "getEntry", "params": { "path": LUAT_GIA } }).to_string();
    let post = |headers: &[(&str, &str)]| {
        let mut all = vec![
            ("Cookie", cookie.as_str()),
            ("Content-Type", "application/json"),
        ];
        all.extend_from_slice(headers);
        ws.send("POST", "/admin/api/v1", &all, body.as_bytes())
    };
    assert_eq!(post(&[("X-CSRF-Token", &s.csrf)]).status, 200);
    // No token, a wrong token, a foreign Origin, no Origin, a cross-site fetch.
    assert_eq!(post(&[]).status, 403);
    assert_eq!(post(&[("X-CSRF-Token", &"0".repeat(64))]).status, 403);
    assert_eq!(
        post(&[("X-CSRF-Token", &s.csrf), ("Origin", "http://evil.example")]).status,
        403
    );
    assert_eq!(
        post(&[("X-CSRF-Token", &s.csrf), ("Origin", "")]).status,
        403
    );
    assert_eq!(
        post(&[("X-CSRF-Token", &s.csrf), ("Sec-Fetch-Site", "cross-site")]).status,
        403
    );
    // A form without its token (logout, publish) is refused too, and changes nothing.
    let no_token = ws.send(
        "POST",
        "/publish",
        &[
            ("Cookie", &cookie),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        b"x=1",
    );
    assert_eq!(no_token.status, 403);
    assert!(no_token.text().contains("E830"));
    let logout = ws.send(
        "POST",
        "/logout",
        &[
            ("Cookie", &cookie),
            ("Origin", "http://evil.example"),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        format!("csrf={}", s.csrf).as_bytes(),
    );
    assert_eq!(logout.status, 403);
    assert_eq!(ws.get("/", Some(&s.cookie)).status, 200);
    // Login from a foreign page is refused as well (login CSRF).
    let foreign = ws.login_raw("thuky", PASSWORD, &[("Origin", "http://evil.example")]);
    assert_eq!(foreign.status, 403);
}

#[test]
fn five_failures_lock_the_name_and_the_address_then_the_lock_expires() {
    let dir = site();
    let ws = Workspace::start(dir.path(), &[], &[("BLOCPRESS_TEST_LOCKOUT_SECONDS", "8")]);
    for _ in 0..5 {
        assert_eq!(ws.login_raw("bientap", "sai", &[]).status, 401);
    }
    let locked = ws.login_raw("bientap", PASSWORD, &[]);
    assert_eq!(locked.status, 429, "{}", locked.text());
    assert!(locked.text().contains("E834"));
    // The address is locked too: another name from it waits as well.
    assert_eq!(ws.login_raw("thuky", PASSWORD, &[]).status, 429);
    std::thread::sleep(Duration::from_millis(8300));
    assert_eq!(ws.login_raw("bientap", PASSWORD, &[]).status, 303);
}

#[test]
fn a_member_cannot_reach_another_members_files() {
    let dir = site();
    let root = dir.path();
    // A symbolic link inside the member's own folder to the other member's figures.
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        root.join(CHU_THAP_DO),
        root.join("content/associations/hoi-luat-gia/2012-h2.yaml"),
    )
    .unwrap();
    let ws = Workspace::start(root, &[], &[]);
    let m = ws.login("luatgia");
    let forbidden = |action: &str, params: Value| {
        let (status, answer) = ws.api(&m, action, params.clone());
        assert!(
            status == 403 || status == 422,
            "{action} {params}: {status} {answer}"
        );
        assert!(!answer.to_string().contains("Trao quà"), "{answer}");
    };
    // Read, write, rename onto, delete the other member's file.
    forbidden("getEntry", json!({ "path": CHU_THAP_DO }));
    forbidden(
        "entriesByFiles",
        json!({ "files": [{ "path": CHU_THAP_DO }] }),
    );
    forbidden(
        "persistEntry",
        json!({ "entry": { "path": CHU_THAP_DO, "raw": "metrics:\n  new_members: 1\n" } }),
    );
    forbidden(
        "persistEntry",
        json!({ "dataFiles": [{ "path": LUAT_GIA, "raw": "metrics:\n  new_members: 1\n",
                               "newPath": CHU_THAP_DO }] }),
    );
    forbidden("deleteFile", json!({ "path": CHU_THAP_DO }));
    forbidden("deleteFiles", json!({ "paths": [CHU_THAP_DO] }));
    forbidden(
        "entriesByFolder",
        json!({ "folder": "content/news", "extension": "md", "depth": 3 }),
    );
    forbidden("getEntry", json!({ "path": "content/pages/gioi-thieu.md" }));
    forbidden("getEntry", json!({ "path": "site.yaml" }));
    forbidden("getEntry", json!({ "path": ".blocpress/users.yaml" }));
    // Path tricks.
    for path in [
        "content/associations/hoi-luat-gia/../hoi-chu-thap-do/2013-h1.yaml",
        "content/associations/hoi-luat-gia/%2e%2e/hoi-chu-thap-do/2013-h1.yaml",
        "content/associations/%2e%2e/associations/hoi-chu-thap-do/2013-h1.yaml",
        "/content/associations/hoi-chu-thap-do/2013-h1.yaml",
        &format!("{}/{CHU_THAP_DO}", root.display()),
        "content\\associations\\hoi-chu-thap-do\\2013-h1.yaml",
        "content/associations/hoi-luat-gia/2012-h2.yaml",
    ] {
        forbidden("getEntry", json!({ "path": path }));
        forbidden(
            "persistEntry",
            json!({ "entry": { "path": path, "raw": "metrics: {}\n" } }),
        );
    }
    // The other member's file is untouched; the own file is readable.
    assert!(
        std::fs::read_to_string(root.join(CHU_THAP_DO))
            .unwrap()
            .contains("new_members: 30")
    );
    let (status, own) = ws.api(&m, "getEntry", json!({ "path": LUAT_GIA }));
    assert_eq!(status, 200, "{own}");
    assert!(own["data"].as_str().unwrap().contains("new_members: 12"));
    // The editor has no member's figures either.
    let e = ws.login("bientap");
    let (status, _) = ws.api(&e, "getEntry", json!({ "path": LUAT_GIA }));
    assert_eq!(status, 403);
    // The configuration a member gets lists only its own collections.
    let config = ws.get("/admin/config.yml", Some(&m.cookie)).text();
    assert!(config.contains("figures-hoi-luat-gia"), "{config}");
    assert!(!config.contains("figures-hoi-chu-thap-do"), "{config}");
    assert!(config.contains("content/news/hoi-luat-gia"), "{config}");
    assert!(!config.contains("name: pages"), "{config}");
}

#[test]
fn saves_are_version_checked_and_committed_with_the_user_as_author() {
    let dir = site();
    let root = dir.path();
    let ws = Workspace::start(root, &[], &[]);
    let a = ws.login("luatgia");
    let b = ws.login("luatgia");
    let (status, _) = ws.api(&a, "getEntry", json!({ "path": LUAT_GIA }));
    assert_eq!(status, 200);
    let (status, _) = ws.api(&b, "getEntry", json!({ "path": LUAT_GIA }));
    assert_eq!(status, 200);
    let save = |s: &Session, n: u32| {
        ws.api(
            s,
            "persistEntry",
            json!({ "entry": { "path": LUAT_GIA,
                "raw": format!("summary: Tổ chức **35** hội nghị.\nmetrics:\n  new_members: {n}\n") } }),
        )
    };
    let (status, answer) = save(&a, 40);
    assert_eq!(status, 200, "{answer}");
    // The second window saves from the version it read before: 409, nothing replaced.
    let (status, answer) = save(&b, 41);
    assert_eq!(status, 409, "{answer}");
    assert!(
        std::fs::read_to_string(root.join(LUAT_GIA))
            .unwrap()
            .contains("new_members: 40")
    );
    // A stale If-Match is refused the same way.
    let (status, _) = ws.api_with(
        &a,
        "persistEntry",
        json!({ "entry": { "path": LUAT_GIA, "raw": "metrics:\n  new_members: 42\n" } }),
        &[("If-Match", "\"0000\"")],
    );
    assert_eq!(status, 409);
    // A save `check` would refuse is refused with its code.
    let (status, answer) = ws.save(&a, LUAT_GIA, "metrics:\n  khong_co: 1\n");
    assert_eq!(status, 422, "{answer}");

    assert_eq!(
        git(root, &["log", "-1", "--format=%an|%cn"]).trim(),
        "luatgia|blocpress workspace"
    );
    assert_eq!(
        git(root, &["status", "--porcelain", "--", "content"]).trim(),
        ""
    );
    // A member's news is its own folder, and a draft.
    let news = "content/news/hoi-luat-gia/2026-01-05-tap-huan.md";
    let (status, answer) = ws.create(
        &a,
        news,
        "---\ntitle: Tập huấn\ndate: 2026-01-05\ndraft: true\n---\nNội dung.\n",
    );
    assert_eq!(status, 200, "{answer}");
    let (status, _) = ws.create(
        &a,
        "content/news/hoi-luat-gia/2026-01-06-x.md",
        "---\ntitle: X\ndate: 2026-01-06\n---\nx\n",
    );
    assert_eq!(status, 403);
    let (status, listed) = ws.api(
        &a,
        "entriesByFolder",
        json!({ "folder": "content/news/hoi-luat-gia", "extension": "md", "depth": 1 }),
    );
    assert_eq!(status, 200);
    let paths: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec![news]);
    assert_eq!(git(root, &["log", "-1", "--format=%an"]).trim(), "luatgia");

    // The history shows it; a member sees only its own files there.
    let c = ws.login("chuthapdo");
    let theirs = ws.get("/history/", Some(&c.cookie)).text();
    assert!(!theirs.contains("hoi-luat-gia"), "{theirs}");
    let own = ws.get("/history/", Some(&a.cookie)).text();
    assert!(own.contains(LUAT_GIA) && own.contains("luatgia"), "{own}");
    assert!(!own.contains("/history/restore"), "members do not restore");
}

#[test]
fn the_secretary_restores_an_earlier_version_as_a_change_of_its_own() {
    let dir = site();
    let root = dir.path();
    let ws = Workspace::start(root, &[], &[]);
    let first = git(root, &["rev-parse", "HEAD"]).trim().to_string();
    let m = ws.login("luatgia");
    ws.api(&m, "getEntry", json!({ "path": LUAT_GIA }));
    let (status, _) = ws.save(&m, LUAT_GIA, "metrics:\n  new_members: 99\n");
    assert_eq!(status, 200);
    // A member may not restore.
    let refused = ws.form(
        &m,
        "/history/restore",
        &[("path", LUAT_GIA), ("commit", &first)],
    );
    assert_eq!(refused.status, 403);
    let s = ws.login("thuky");
    let history = ws.get("/history/", Some(&s.cookie)).text();
    assert!(history.contains("/history/restore"), "{history}");
    // A commit that does not exist, a path outside the data model.
    assert_eq!(
        ws.form(
            &s,
            "/history/restore",
            &[("path", LUAT_GIA), ("commit", "deadbeefdeadbeef")]
        )
        .status,
        404
    );
    assert_eq!(
        ws.form(
            &s,
            "/history/restore",
            &[("path", "site.yaml"), ("commit", &first)]
        )
        .status,
        403
    );
    let done = ws.form(
        &s,
        "/history/restore",
        &[("path", LUAT_GIA), ("commit", &first)],
    );
    assert_eq!(done.status, 303, "{}", done.text());
    assert!(
        std::fs::read_to_string(root.join(LUAT_GIA))
            .unwrap()
            .contains("new_members: 12")
    );
    assert_eq!(git(root, &["log", "-1", "--format=%an"]).trim(), "thuky");
    assert!(git(root, &["log", "-1", "--format=%s"]).contains(LUAT_GIA));
}

#[test]
fn publishing_answers_202_then_409_while_it_runs_and_shows_the_commands_output() {
    let dir = site();
    let root = dir.path();
    let site_yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    write(
        root,
        "site.yaml",
        &format!("{site_yaml}publish:\n  command: echo da-day-len-may-chu\n"),
    );
    let out = tempfile::tempdir().unwrap();
    let publish = out.path().join("web");
    let ws = Workspace::start(
        root,
        &["--publish", publish.to_str().unwrap()],
        &[("BLOCPRESS_TEST_PUBLISH_PAUSE_MS", "1500")],
    );
    let m = ws.login("luatgia");
    assert_eq!(ws.form(&m, "/publish", &[]).status, 403);
    let s = ws.login("thuky");
    let first = ws.form(&s, "/publish", &[]);
    assert_eq!(first.status, 202, "{}", first.text());
    let second = ws.form(&s, "/publish", &[]);
    assert_eq!(second.status, 409, "{}", second.text());
    let deadline = Instant::now() + Duration::from_secs(120);
    let page = loop {
        let page = ws.get("/publish/", Some(&s.cookie)).text();
        if !page.contains("data-state=\"Running\"") {
            break page;
        }
        assert!(Instant::now() < deadline, "publishing never ended");
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(page.contains("data-state=\"Done\""), "{page}");
    assert!(page.contains("da-day-len-may-chu"), "{page}");
    assert!(publish.join("index.html").is_file());
    assert!(!publish.join(".blocpress").exists());
}

#[test]
fn the_log_has_one_line_per_request_and_no_secret() {
    let dir = site();
    let ws = Workspace::start(dir.path(), &[], &[]);
    let s = ws.login("luatgia");
    ws.api(&s, "getEntry", json!({ "path": LUAT_GIA }));
    let (status, _) = ws.save(&s, LUAT_GIA, "metrics:\n  new_members: 13\n");
    assert_eq!(status, 200);
    ws.login_raw("luatgia", "mot-mat-khau-sai", &[]);
    std::thread::sleep(Duration::from_millis(300));
    let log = ws.log();
    assert!(log.contains(" luatgia POST /admin/api/v1 200"), "{log}");
    assert!(log.contains(" luatgia POST /login 303"), "{log}");
    assert!(log.contains(" - POST /login 401"), "{log}");
    for secret in [
        PASSWORD,
        "mot-mat-khau-sai",
        s.cookie.as_str(),
        s.csrf.as_str(),
    ] {
        assert!(!log.contains(secret), "{secret} in the log:\n{log}");
    }
}

#[test]
fn a_member_downloads_its_own_recorded_form_and_no_other() {
    let dir = site();
    let root = dir.path();
    let ws = Workspace::start(root, &[], &[]);
    let m = ws.login("luatgia");
    let page = ws.get("/forms/", Some(&m.cookie)).text();
    assert!(page.contains("value=\"hoi-luat-gia\""), "{page}");
    assert!(!page.contains("value=\"hoi-chu-thap-do\""), "{page}");
    assert!(page.contains("value=\"2013-h1\""), "{page}");
    let other = ws.form(
        &m,
        "/forms/download",
        &[("member", "hoi-chu-thap-do"), ("period", "2013-h1")],
    );
    assert_eq!(other.status, 403);
    let e = ws.login("bientap");
    let editor = ws.form(
        &e,
        "/forms/download",
        &[("member", "hoi-luat-gia"), ("period", "2013-h1")],
    );
    assert_eq!(editor.status, 403);
    assert!(!root.join("forms.yaml").exists());

    let form = ws.form(
        &m,
        "/forms/download",
        &[("member", "hoi-luat-gia"), ("period", "2013-h1")],
    );
    assert_eq!(form.status, 200, "{}", form.text());
    assert!(
        form.header("content-disposition")
            .unwrap()
            .contains(".xlsx")
    );
    assert!(form.body.starts_with(b"PK"));
    let registry = std::fs::read_to_string(root.join("forms.yaml")).unwrap();
    assert!(registry.contains("member: \"hoi-luat-gia\""), "{registry}");
    assert_eq!(git(root, &["log", "-1", "--format=%an"]).trim(), "luatgia");
    // The form is the real one: `sheet import` accepts it as it came (and it changes nothing).
    let file = root.join("nhan-ve.xlsx");
    std::fs::write(&file, &form.body).unwrap();
    let out = blocpress(
        root,
        &["sheet", "import", "--dry-run", file.to_str().unwrap()],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_preview_shows_drafts_in_a_sandbox_under_a_key_that_ends_with_the_session() {
    let dir = site();
    let root = dir.path();
    let ws = Workspace::start(root, &[], &[]);
    let m = ws.login("luatgia");
    let home = ws.get("/", Some(&m.cookie)).text();
    let at = home.find("href=\"/preview/").expect("a preview link");
    let link: String = home[at + 6..].chars().take_while(|c| *c != '"').collect();
    let key = link
        .trim_start_matches("/preview/")
        .trim_end_matches('/')
        .to_string();
    assert_eq!(key.len(), 64);
    // `/preview/` with the cookie leads there.
    let shortcut = ws.get("/preview/", Some(&m.cookie));
    assert_eq!(shortcut.status, 303);
    assert_eq!(shortcut.header("location"), Some(link.as_str()));
    assert_ne!(key, m.cookie);
    assert_ne!(key, m.csrf);

    // A draft saved by the member shows in the preview at once.
    let news = "content/news/hoi-luat-gia/2026-01-05-tap-huan-nghiep-vu.md";
    let (status, answer) = ws.create(
        &m,
        news,
        "---\ntitle: Tập huấn nghiệp vụ riêng\ndate: 2026-01-05\ndraft: true\n---\nNội dung.\n",
    );
    assert_eq!(status, 200, "{answer}");
    // No cookie: the key alone (a sandboxed page's requests carry none).
    let page = ws.get(&link, None);
    assert_eq!(page.status, 200, "{}", page.text());
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("sandbox") && csp.contains("allow-scripts"),
        "{csp}"
    );
    assert!(!csp.contains("allow-same-origin"), "{csp}");
    let html = page.text();
    assert!(html.contains("Tập huấn nghiệp vụ riêng"), "{html}");
    assert!(
        html.contains(&format!("/preview/{key}/")),
        "links keep the key"
    );
    // A file of static/ (an SVG could hold a script) is sandboxed as well.
    let svg = ws.get(&format!("/preview/{key}/images/logo.svg"), None);
    assert_eq!(svg.status, 200);
    assert!(
        !svg.header("content-security-policy")
            .unwrap()
            .contains("allow-same-origin")
    );
    // Nothing is posted through the preview; a wrong key is nobody; `..` is refused.
    let post = ws.send("POST", &link, &[], b"");
    assert_ne!(post.status, 200);
    assert_eq!(
        ws.get(&format!("/preview/{}/", "c".repeat(64)), None)
            .status,
        303
    );
    assert_eq!(
        ws.get(&format!("/preview/{key}/../admin/"), None).status,
        400
    );
    // The key ends with the session.
    ws.form(&m, "/logout", &[]);
    assert_eq!(ws.get(&link, None).status, 303);
}

/// A multipart body with one file field `file`.
fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----blocpress-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn a_returned_form_is_previewed_then_written_all_at_once_by_its_own_member_only() {
    let dir = site();
    let root = dir.path();
    let ws = Workspace::start(root, &[], &[]);
    let m = ws.login("luatgia");
    let form = ws.form(
        &m,
        "/forms/download",
        &[("member", "hoi-luat-gia"), ("period", "2013-h1")],
    );
    assert_eq!(form.status, 200);
    let blank = root.join("blank.xlsx");
    std::fs::write(&blank, &form.body).unwrap();
    let mut book = sheet_forms::Book::open(&blank);
    let sheet = book.sheet("Số liệu");
    let row = sheet.row_of("Hội viên mới");
    sheet.set(&format!("G{row}"), 77);
    let filled = root.join("filled.xlsx");
    book.save(&filled);
    let filled = std::fs::read(&filled).unwrap();
    let upload = |s: &Session, csrf: &str, bytes: &[u8]| {
        let (kind, body) = multipart("hoi-luat-gia-2013-h1.xlsx", bytes);
        ws.send(
            "POST",
            &format!("/forms/upload?csrf={csrf}"),
            &[
                ("Cookie", &format!("blocpress-session={}", s.cookie)),
                ("Content-Type", &kind),
            ],
            &body,
        )
    };
    let before = std::fs::read_to_string(root.join(LUAT_GIA)).unwrap();
    // Without the token: refused.
    assert_eq!(upload(&m, "sai", &filled).status, 403);
    // Another member may not return it.
    let c = ws.login("chuthapdo");
    let other = upload(&c, &c.csrf, &filled);
    assert_eq!(other.status, 403, "{}", other.text());
    // An unchanged form writes nothing and says so.
    let same = upload(&m, &m.csrf, &form.body);
    assert_eq!(same.status, 200);
    assert!(same.text().contains("changes nothing"), "{}", same.text());
    // The preview names the change and writes nothing yet.
    let preview = upload(&m, &m.csrf, &filled);
    assert_eq!(preview.status, 200, "{}", preview.text());
    let page = preview.text();
    assert!(page.contains("77"), "{page}");
    // Named as the member knows it, not by its file.
    assert!(
        page.contains("The form changes figures “Hội Luật gia, First half of 2013” as follows"),
        "{page}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join(LUAT_GIA)).unwrap(),
        before
    );
    let marker = "name=\"token\" value=\"";
    let at = page.find(marker).unwrap() + marker.len();
    let token: String = page[at..].chars().take_while(|c| *c != '"').collect();
    assert_eq!(token.len(), 64);
    // Another session cannot confirm it.
    assert_eq!(
        ws.form(&c, "/forms/confirm", &[("token", &token)]).status,
        409
    );
    let done = ws.form(&m, "/forms/confirm", &[("token", &token)]);
    assert_eq!(done.status, 200, "{}", done.text());
    let after = std::fs::read_to_string(root.join(LUAT_GIA)).unwrap();
    assert!(after.contains("new_members: 77"), "{after}");
    assert_eq!(git(root, &["log", "-1", "--format=%an"]).trim(), "luatgia");
    // A token is used once.
    assert_eq!(
        ws.form(&m, "/forms/confirm", &[("token", &token)]).status,
        409
    );
}

/// Issue 29: the history page reads as a secretary reads it: who (the account), what in words
/// ("Sửa tin “…”", "Thêm tin", "Xoá tin", "Tải lên ảnh", "Khôi phục", "Tải biểu mẫu"), the
/// item's title where the file has one, and when in Vietnam time (UTC+7) as offices write it
/// (07/12/2026 14:05); no API action names, no ISO times. In English with `--lang en`.
#[test]
fn the_history_says_who_did_what_and_when_in_office_words() {
    let dir = site();
    let root = dir.path();
    // Every change is dated 07:05 UTC: 14:05 in Vietnam.
    let at = [
        ("GIT_AUTHOR_DATE", "2026-12-07 07:05:00 +0000"),
        ("GIT_COMMITTER_DATE", "2026-12-07 07:05:00 +0000"),
    ];
    let ws = Workspace::start(root, &["--lang", "vi"], &at);
    let s = ws.login("thuky");
    let first = git(root, &["rev-parse", "HEAD"]).trim().to_string();
    let edited = "content/news/2013/2013-04-02-tap-huan.md";
    let (status, _) = ws.api(&s, "getEntry", json!({ "path": edited }));
    assert_eq!(status, 200);
    let (status, answer) = ws.save(
        &s,
        edited,
        "---\ntitle: Tập huấn nghiệp vụ thi đua\ndate: 2013-04-02\n---\nNội dung mới.\n",
    );
    assert_eq!(status, 200, "{answer}");
    let added = "content/news/2026/2026-12-07-ra-quan.md";
    let (status, answer) = ws.create(
        &s,
        added,
        "---\ntitle: Hội Cựu chiến binh ra quân\ndate: 2026-12-07\n---\nNội dung.\n",
    );
    assert_eq!(status, 200, "{answer}");
    let (status, answer) = ws.api(&s, "deleteFile", json!({ "path": added }));
    assert_eq!(status, 200, "{answer}");
    // A file named with Vietnamese letters is named as written (Git quotes such names).
    let accented = "content/news/2026/2026-12-08-chấm-điểm.md";
    let (status, answer) = ws.create(
        &s,
        accented,
        "---\ntitle: Chấm điểm\ndate: 2026-12-08\n---\nNội dung.\n",
    );
    assert_eq!(status, 200, "{answer}");
    let photo = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        serve_common::png(8, 6, [200, 30, 30]),
    );
    let (status, answer) = ws.api(
        &s,
        "persistMedia",
        json!({ "asset": { "path": "static/images/ra-quan.png", "content": photo, "encoding": "base64" } }),
    );
    assert_eq!(status, 200, "{answer}");
    let restored = ws.form(
        &s,
        "/history/restore",
        &[("path", edited), ("commit", &first)],
    );
    assert_eq!(restored.status, 303, "{}", restored.text());
    let m = ws.login("luatgia");
    let form = ws.form(
        &m,
        "/forms/download",
        &[("member", "hoi-luat-gia"), ("period", "2013-h1")],
    );
    assert_eq!(form.status, 200);

    // The header names a member's account by the member's name, not its slug.
    let home = ws.get("/", Some(&m.cookie)).text();
    assert!(home.contains("luatgia (Hội Luật gia)"), "{home}");
    // The forms page names periods as offices do.
    let forms = ws.get("/forms/", Some(&m.cookie)).text();
    assert!(
        forms.contains("<option value=\"2013-h1\">6 tháng đầu năm 2013</option>"),
        "{forms}"
    );

    let page = ws.get("/history/", Some(&s.cookie)).text();
    for words in [
        "thuky",
        "luatgia",
        "Sửa tin “Tập huấn nghiệp vụ thi đua”",
        "Thêm tin “Hội Cựu chiến binh ra quân”",
        "Xoá tin",
        "Tải lên ảnh “ra-quan.png”",
        "Khôi phục tin “Tập huấn nghiệp vụ”",
        "Tải biểu mẫu",
        "Thêm tin “Chấm điểm”",
        accented,
        "07/12/2026 14:05",
        "giờ Việt Nam",
    ] {
        assert!(page.contains(words), "{words}:\n{page}");
    }
    for api_words in [
        "persistEntry",
        "persistMedia",
        "deleteFile",
        "T07:05",
        "+00:00",
        "\\3",
    ] {
        assert!(!page.contains(api_words), "{api_words}:\n{page}");
    }
    drop(ws);

    let ws = Workspace::start(root, &["--lang", "en"], &at);
    let s = ws.login("thuky");
    let page = ws.get("/history/", Some(&s.cookie)).text();
    for words in [
        "Edited news item “Tập huấn nghiệp vụ thi đua”",
        "Added news item “Hội Cựu chiến binh ra quân”",
        "Deleted news item",
        "Uploaded photo “ra-quan.png”",
        "Restored news item “Tập huấn nghiệp vụ”",
        "Downloaded a form",
        "7 Dec 2026, 14:05",
        "Vietnam time",
    ] {
        assert!(page.contains(words), "{words}:\n{page}");
    }
}

/// The workspace's own pages are valid HTML (the W3C checker, as for the published site): the
/// login page, the home pages of the secretary and a member, the forms, a history with rows,
/// the publishing page.
#[test]
#[ignore = "needs Java (the W3C HTML checker, npm ci in tests/external)"]
fn the_workspace_pages_are_valid_html() {
    serve_common::needs("java", "the Debian package default-jre-headless");
    let dir = site();
    let root = dir.path();
    let ws = Workspace::start(root, &["--lang", "vi"], &[]);
    let s = ws.login("thuky");
    let m = ws.login("luatgia");
    ws.api(&m, "getEntry", json!({ "path": LUAT_GIA }));
    let (status, _) = ws.save(&m, LUAT_GIA, "metrics:\n  new_members: 13\n");
    assert_eq!(status, 200);
    let out = tempfile::tempdir().unwrap();
    let pages = [
        ("login", ws.get("/login", None)),
        ("home-secretary", ws.get("/", Some(&s.cookie))),
        ("home-member", ws.get("/", Some(&m.cookie))),
        ("forms", ws.get("/forms/", Some(&m.cookie))),
        ("history", ws.get("/history/", Some(&s.cookie))),
        ("history-member", ws.get("/history/", Some(&m.cookie))),
        ("publish", ws.get("/publish/", Some(&s.cookie))),
    ];
    for (name, page) in &pages {
        assert_eq!(page.status, 200, "{name}: {}", page.text());
        std::fs::write(out.path().join(format!("{name}.html")), &page.body).unwrap();
    }
    serve_common::assert_valid_html([out.path()]);
}
