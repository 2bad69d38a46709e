//! Helpers for the `serve` tests: a small site written on the fly, the real binary started on
//! an ephemeral port, and a raw HTTP/1.1 client over TCP (so request paths reach the server
//! exactly as written: no client normalises `..` or `%2e`).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Writes `text` to `root/rel`, creating folders.
pub fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Saves the way many editors do: write a temporary file beside it, then rename it over.
pub fn save_atomically(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    let temp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, &path).unwrap();
}

pub fn news_file(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n")
}

/// A small bloc site: two associations, a period, six news items (two a page), a page, static
/// files (one with a Vietnamese name).
pub fn small_site(root: &Path, base_url: &str) {
    write(
        root,
        "site.yaml",
        &format!(
            "title: Khối thi đua thử nghiệm\nbase_url: {base_url}\nlanguage: vi\nnews_per_page: 2\nbloc:\n  province: Lai Châu\n  leader: hoi-luat-gia\nmetrics:\n  new_members: {{ label: Hội viên mới, unit: người }}\n"
        ),
    );
    write(
        root,
        "content/associations/hoi-luat-gia/profile.yaml",
        "name: Hội Luật gia tỉnh Lai Châu\nshort_name: Hội Luật gia\norder: 1\n",
    );
    write(
        root,
        "content/associations/hoi-luat-gia/2013-h1.yaml",
        "summary: Tổ chức **35** hội nghị.\nmetrics:\n  new_members: 12\n",
    );
    write(
        root,
        "content/associations/hoi-chu-thap-do/profile.yaml",
        "name: Hội Chữ thập đỏ tỉnh Lai Châu\norder: 2\n",
    );
    write(
        root,
        "content/associations/hoi-chu-thap-do/2013-h1.yaml",
        "summary: Trao quà cho học sinh.\nmetrics:\n  new_members: 30\n",
    );
    let items = [
        (
            "2013-06-21-so-ket.md",
            "Sơ kết thi đua 6 tháng đầu năm",
            "2013-06-21",
            "associations: [hoi-luat-gia, hoi-chu-thap-do]\nperiod: 2013-h1\ntags: [Sơ kết, Thi đua]\n",
        ),
        (
            "2013-06-24-gop-y.md",
            "Góp ý dự thảo Hiến pháp",
            "2013-06-24",
            "associations: [hoi-luat-gia]\ntags: [Hiến pháp, Sơ kết]\n",
        ),
        (
            "2013-05-30-trao-qua.md",
            "Trao quà cho học sinh Phong Thổ",
            "2013-05-30",
            "associations: [hoi-chu-thap-do]\ntags: [Nhân đạo]\n",
        ),
        (
            "2013/2013-04-02-tap-huan.md",
            "Tập huấn nghiệp vụ",
            "2013-04-02",
            "tags: [Sơ kết]\n",
        ),
        (
            "2013/2013-03-08-mung-8-3.md",
            "Mừng ngày 8/3",
            "2013-03-08",
            "",
        ),
        (
            "2013/2013-01-15-hoi-nghi.md",
            "Hội nghị đầu năm",
            "2013-01-15",
            "period: 2013-h1\n",
        ),
    ];
    for (file, title, date, extra) in items {
        write(
            root,
            &format!("content/news/{file}"),
            &news_file(
                title,
                date,
                extra,
                &format!(
                    "Nội dung của tin «{title}».\n\nĐoạn thứ hai, xem [giới thiệu](@/pages/gioi-thieu.md)."
                ),
            ),
        );
    }
    write(
        root,
        "content/pages/gioi-thieu.md",
        "---\ntitle: Giới thiệu\nmenu: 1\n---\nKhối gồm các hội đặc thù.\n",
    );
    write(
        root,
        "static/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    write(root, "static/files/tài liệu.txt", "tài liệu hội nghị\n");
}

/// POSTs `body` to the editing API with the given extra headers (Host, Origin and
/// Content-Type are the good ones unless overridden; an empty value removes one).
pub fn post_with(addr: SocketAddr, body: &str, headers: &[(&str, &str)]) -> Response {
    let host = addr.to_string();
    let origin = format!("http://{addr}");
    let mut all: Vec<(String, String)> = vec![
        ("Host".into(), host),
        ("Origin".into(), origin),
        (
            "Content-Type".into(),
            "application/json; charset=utf-8".into(),
        ),
    ];
    for (name, value) in headers {
        all.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        if !value.is_empty() {
            all.push((name.to_string(), value.to_string()));
        }
    }
    let mut text = String::from("POST /admin/api/v1 HTTP/1.1\r\n");
    for (name, value) in &all {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    parse_response(&raw(addr, text.as_bytes()), false)
}

/// One action of the editing API: its status and JSON answer.
pub fn api(addr: SocketAddr, action: &str, params: serde_json::Value) -> (u16, serde_json::Value) {
    let body = serde_json::json!({ "action": action, "params": params }).to_string();
    let response = post_with(addr, &body, &[]);
    let value = serde_json::from_slice(&response.body).unwrap_or(serde_json::Value::Null);
    (response.status, value)
}

/// Copies the repository's example site (site.yaml, content/, static/, themes/).
pub fn example_site(root: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(root).unwrap();
    std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
    for dir in ["content", "static", "themes"] {
        let from = repo.join(dir);
        if from.is_dir() {
            copy_dir(&from, &root.join(dir));
        }
    }
}

#[path = "../support/mod.rs"]
mod support;
#[allow(unused_imports)]
// not every test file that includes this module makes PNGs or checks HTML
pub use support::{assert_valid_html, copy_dir, needs, png};

/// A running `blocpress serve`, stopped when dropped.
pub struct Server {
    pub child: Child,
    /// The site's address as printed (`http://127.0.0.1:PORT/khoi/`).
    pub url: String,
    pub addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts the server on `root` (port 0: any free port) and waits until it serves.
    pub fn start(root: &Path, extra: &[&str]) -> Server {
        Server::start_with(Command::new(env!("CARGO_BIN_EXE_blocpress")), root, extra)
    }

    /// [`Server::start`] with at most `kib` KiB of address space (a request that makes the
    /// server ask for gigabytes ends it instead of exhausting the machine) and `env` set.
    pub fn start_limited(root: &Path, extra: &[&str], kib: u64, env: &[(&str, &str)]) -> Server {
        let mut command = support::blocpress_limited(kib);
        command.envs(env.iter().copied());
        Server::start_with(command, root, extra)
    }

    fn start_with(mut command: Command, root: &Path, extra: &[&str]) -> Server {
        let mut child = command
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", "0"])
            .args(extra)
            // English like the other suites; `--lang vi` in `extra` overrides it.
            .env("BLOCPRESS_LANG", "en")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start blocpress serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let pipe = child.stderr.take().unwrap();
        let log = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                // The line goes into the log before the URL is announced, so a test that reads
                // the log once `start` returns sees the `serving` line itself.
                {
                    let mut log = log.lock().unwrap();
                    log.push_str(&line);
                    log.push('\n');
                }
                // `serving ROOT at URL (Ctrl-C to stop)`, or in Vietnamese `… tại URL (…`.
                if line.contains("Ctrl-C")
                    && let Some(at) = line.find(" http://")
                {
                    let url = line[at + 1..].split_whitespace().next().unwrap_or("");
                    let _ = tx.send(url.to_string());
                }
            }
        });
        let url = match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                panic!("blocpress serve did not start:\n{}", stderr.lock().unwrap());
            }
        };
        let authority = url
            .strip_prefix("http://")
            .and_then(|rest| rest.split('/').next())
            .unwrap();
        let addr: SocketAddr = authority.parse().unwrap();
        Server {
            child,
            url,
            addr,
            stderr,
        }
    }

    /// Everything the server printed so far.
    pub fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits (5 s at most) until the server's log holds `text`: the log is read from a pipe by
    /// another thread, so a line may arrive a moment after the change it reports is served.
    pub fn log_has(&self, text: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if self.log().contains(text) {
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn get(&self, path: &str) -> Response {
        request(self.addr, "GET", path, &[])
    }

    /// Polls `path` until `check` holds (10 s at most); returns the last response.
    pub fn wait_for(&self, path: &str, what: &str, check: impl Fn(&Response) -> bool) -> Response {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let response = self.get(path);
            if check(&response) {
                return response;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for {what} at {path}; last status {}\n--- body ---\n{}\n--- server log ---\n{}",
                    response.status,
                    response.text(),
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The `/__blocpress/status` JSON.
    pub fn status(&self) -> serde_json::Value {
        serde_json::from_slice(&self.get("/__blocpress/status").body).unwrap()
    }

    /// Polls the status until `check` holds.
    pub fn wait_status(
        &self,
        what: &str,
        check: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        // Generous: a rebuild that stops a runaway template waits out its time budget, and the
        // machine may be loaded; polling ends as soon as the status holds.
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let status = self.status();
            if check(&status) {
                return status;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for {what}; last status {status}\n--- server log ---\n{}",
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the process to end by itself.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request over a fresh connection; the path is sent as is.
pub fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut text = format!("{method} {path} HTTP/1.1\r\n");
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        text.push_str(&format!("Host: {addr}\r\n"));
    }
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("Connection: close\r\n\r\n");
    parse_response(&raw(addr, text.as_bytes()), method == "HEAD")
}

/// One action of the `/admin/` API: its status and JSON answer.
pub fn admin_api(
    addr: SocketAddr,
    action: &str,
    params: serde_json::Value,
    headers: &[(&str, &str)],
) -> (u16, serde_json::Value) {
    let body = serde_json::json!({ "action": action, "params": params }).to_string();
    let response = post_with(addr, &body, headers);
    let value = serde_json::from_slice(&response.body).unwrap_or(serde_json::Value::Null);
    (response.status, value)
}

/// Sends bytes, returns everything the server answers until it closes.
pub fn raw(addr: SocketAddr, bytes: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).expect("connect to the server");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(bytes).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    answer
}

pub fn parse_response(bytes: &[u8], head: bool) -> Response {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP head in {:?}", String::from_utf8_lossy(bytes)));
    let head_text = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head_text.split("\r\n");
    let status_line = lines.next().unwrap();
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = bytes[split + 4..].to_vec();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked && !head {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..end]);
        let size =
            usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}

/// A temporary folder holding the site in `site/` (so tests can put files beside it).
pub struct TempSite {
    pub dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl TempSite {
    pub fn new() -> TempSite {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let root = root.canonicalize().unwrap();
        TempSite { dir, root }
    }
}

/// Chromium (CHROME_PATH or /usr/bin/chromium) and the locked npm packages of `tests/<folder>`
/// (`npm ci` when they are missing), for the browser tests. Fails with the package to install.
pub fn browser_tools(folder: &str) -> (String, PathBuf) {
    let chrome = std::env::var("CHROME_PATH").unwrap_or_else(|_| String::from("/usr/bin/chromium"));
    needs(
        &chrome,
        "the Debian packages chromium and chromium-driver, or set CHROME_PATH",
    );
    needs("node", "the Debian packages nodejs and npm");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(folder);
    if !dir.join("node_modules/playwright-core").is_dir() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .status()
            .expect("npm not found: install the Debian package `npm`");
        assert!(status.success(), "`npm ci` in tests/{folder} failed");
    }
    (chrome, dir)
}
