//! The HTTPS set-up of docs/cai-dat.md, run for real on loopback: Debian's nginx with
//! `packaging/nginx/blocpress.conf` as written (only its ports, certificate and folder paths
//! replaced), a self-signed certificate made with openssl, a site made by `blocpress init`
//! behind it, and curl as the browser (it trusts only that certificate).
//!
//! The program behind the proxy is `blocpress workspace --root SITE --listen 127.0.0.1:PORT
//! --publish PUBLISH`, as the Debian package's service runs it, with one secretary account; the
//! proxy's configuration is used as written (`Host $http_host`, `X-Forwarded-Proto https`).
//!
//! An outside-tool test, `#[ignore = "needs …"]`: runs with `--include-ignored` (nginx, openssl
//! and curl installed, as `.ci/run` does).

mod serve_common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serve_common::needs;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn run(program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed for this test: {e}"))
}

fn ok(output: Output, what: &str) -> Output {
    assert!(
        output.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// `text` with `from` replaced by `to`, insisting that `from` is there `times` times: if the
/// configuration in the repository changes shape, this test says so instead of testing
/// something else.
fn replace(text: &str, from: &str, to: &str, times: usize) -> String {
    assert_eq!(
        text.matches(from).count(),
        times,
        "packaging/nginx/blocpress.conf: expected “{from}” {times} time(s)"
    );
    text.replace(from, to)
}

/// A self-signed certificate for both names of the configuration.
fn certificate(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let key = dir.join("privkey.pem");
    let cert = dir.join("fullchain.pem");
    ok(
        run(
            "openssl",
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=lamviec.thidua.example.vn",
                "-addext",
                "subjectAltName=DNS:lamviec.thidua.example.vn,DNS:thidua.example.vn",
                "-keyout",
                key.to_str().unwrap(),
                "-out",
                cert.to_str().unwrap(),
            ],
        ),
        "openssl req",
    );
}

struct Nginx {
    child: Child,
    https: u16,
    http: u16,
    dir: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Nginx {
    /// nginx in the foreground with the repository's site configuration inside a minimal main
    /// configuration that keeps every file it writes in `dir`.
    fn start(dir: &Path, backend: u16, publish: &Path) -> Nginx {
        let (https, http) = (free_port(), free_port());
        let site =
            std::fs::read_to_string(repository().join("packaging/nginx/blocpress.conf")).unwrap();
        let site = replace(&site, "listen 80;", &format!("listen 127.0.0.1:{http};"), 1);
        let site = replace(&site, "listen [::]:80;", "", 1);
        let site = replace(
            &site,
            "listen 443 ssl http2;",
            &format!("listen 127.0.0.1:{https} ssl http2;"),
            2,
        );
        let site = replace(&site, "listen [::]:443 ssl http2;", "", 2);
        let ssl = dir.join("ssl");
        let site = replace(
            &site,
            "/etc/ssl/blocpress/",
            &format!("{}/", ssl.display()),
            4,
        );
        let site = replace(
            &site,
            "http://127.0.0.1:8080",
            &format!("http://127.0.0.1:{backend}"),
            1,
        );
        let site = replace(
            &site,
            "/var/www/blocpress",
            &publish.display().to_string(),
            1,
        );
        let site = match BACKEND_HOST {
            Some(host) => replace(
                &site,
                "proxy_set_header Host $http_host;",
                &format!("proxy_set_header Host {host};"),
                1,
            ),
            None => site,
        };
        let site = replace(
            &site,
            "/var/www/letsencrypt",
            &dir.join("acme").display().to_string(),
            1,
        );
        certificate(&ssl);
        let d = dir.display();
        // Workers run as root only when the test does (nginx ignores `user` otherwise), so
        // they can read the temporary folders.
        let main = format!(
            "user root;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{}}\nhttp {{\n\
             include /etc/nginx/mime.types;\naccess_log {d}/access.log;\n\
             client_body_temp_path {d}/body;\nproxy_temp_path {d}/proxy;\n\
             fastcgi_temp_path {d}/fastcgi;\nuwsgi_temp_path {d}/uwsgi;\nscgi_temp_path {d}/scgi;\n\
             {site}\n}}\n"
        );
        let conf = dir.join("nginx.conf");
        std::fs::write(&conf, main).unwrap();
        let conf = conf.to_str().unwrap().to_string();
        ok(
            run("nginx", &["-t", "-q", "-p", &d.to_string(), "-c", &conf]),
            "nginx -t",
        );
        let child = Command::new("nginx")
            .args(["-p", &d.to_string(), "-c", &conf, "-g", "daemon off;"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nginx");
        let nginx = Nginx {
            child,
            https,
            http,
            dir: dir.to_path_buf(),
        };
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", https)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "nginx did not start: {}",
                std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        nginx
    }

    /// curl as a browser that trusts only the test's certificate: (status line and headers,
    /// body, curl's exit code).
    fn get(&self, host: &str, path: &str, scheme: &str, extra: &[&str]) -> (String, String, i32) {
        let port = if scheme == "https" {
            self.https
        } else {
            self.http
        };
        let cacert = self.dir.join("ssl/fullchain.pem");
        let headers = self.dir.join("headers.txt");
        let resolve = format!("{host}:{port}:127.0.0.1");
        let url = format!("{scheme}://{host}:{port}{path}");
        let mut args = vec![
            "--silent",
            "--max-time",
            "20",
            "--resolve",
            &resolve,
            "--cacert",
            cacert.to_str().unwrap(),
            "--dump-header",
            headers.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        args.push(&url);
        let out = run("curl", &args);
        let head = std::fs::read_to_string(&headers).unwrap_or_default();
        let _ = std::fs::remove_file(&headers);
        (
            head,
            String::from_utf8_lossy(&out.stdout).into_owned(),
            out.status.code().unwrap_or(-1),
        )
    }
}

/// `blocpress workspace` on a free loopback port, stopped when dropped.
struct Backend {
    child: Child,
    port: u16,
}

impl Drop for Backend {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What runs behind the proxy on the workspace's port: the workspace, with the account
/// `thuky` (secretary).
fn start_backend(site: &Path, publish: &Path) -> Backend {
    use std::io::{BufRead, Write};
    let bin = env!("CARGO_BIN_EXE_blocpress");
    let mut add = Command::new(bin)
        .args([
            "user",
            "add",
            "thuky",
            "--role",
            "secretary",
            "--password-stdin",
            "--root",
        ])
        .arg(site)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(b"mat-khau-that-dai\n")
        .unwrap();
    assert!(add.wait().unwrap().success(), "blocpress user add");
    let mut child = Command::new(bin)
        .args(["workspace", "--listen", "127.0.0.1:0", "--root"])
        .arg(site)
        .arg("--publish")
        .arg(publish)
        .env("BLOCPRESS_LANG", "en")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start blocpress workspace");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if let Some(at) = line.find("http://127.0.0.1:") {
                let rest = &line[at + "http://127.0.0.1:".len()..];
                let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                let _ = tx.send(port.parse::<u16>().unwrap());
            }
        }
    });
    let port = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("blocpress workspace did not start");
    Backend { child, port }
}

/// The `Host` the proxy sends to the backend instead of the configuration's `$http_host`: `None`,
/// the workspace is made to sit behind a proxy.
const BACKEND_HOST: Option<&str> = None;

#[test]
#[ignore = "needs nginx, openssl and curl"]
fn the_workspace_answers_through_https() {
    needs("nginx", "the Debian package nginx");
    needs("openssl", "the Debian package openssl");
    needs("curl", "the Debian package curl");
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let publish = tmp.path().join("publish");
    let bin = env!("CARGO_BIN_EXE_blocpress");
    ok(
        run(bin, &["init", site.to_str().unwrap()]),
        "blocpress init",
    );
    ok(
        run(
            bin,
            &[
                "build",
                "--root",
                site.to_str().unwrap(),
                "--output",
                publish.to_str().unwrap(),
            ],
        ),
        "blocpress build",
    );
    let title = std::fs::read_to_string(site.join("site.yaml"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("title:").map(|t| t.trim().to_string()))
        .unwrap();

    let backend = start_backend(&site, &publish);
    let nginx = Nginx::start(tmp.path(), backend.port, &publish);

    // The workspace, through HTTPS with the certificate checked: anonymous, it sends people
    // to its login page.
    let (head, _, code) = nginx.get("lamviec.thidua.example.vn", "/", "https", &[]);
    assert_eq!(code, 0, "curl failed ({code}): {head}");
    assert!(head.starts_with("HTTP/2 303"), "{head}");
    assert!(head.to_lowercase().contains("location: /login"), "{head}");
    assert!(
        head.to_lowercase()
            .contains("strict-transport-security: max-age=31536000"),
        "{head}"
    );
    let (head, body, _) = nginx.get("lamviec.thidua.example.vn", "/login", "https", &[]);
    assert!(head.starts_with("HTTP/2 200"), "{head}");
    assert!(
        body.contains("name=\"username\"") && body.contains("name=\"password\""),
        "{body}"
    );
    // Signing in through the proxy: the session cookie is Secure (the proxy says HTTPS). The
    // proxy listens on a port other than 443 here, so the browser's Origin carries it, and
    // nginx's `$http_host` passes it on: the workspace sees its own origin.
    let origin = format!("Origin: https://lamviec.thidua.example.vn:{}", nginx.https);
    let login = ["--data", "username=thuky&password=mat-khau-that-dai"];
    // Another origin (here the same name without the port) is refused before the password.
    let (head, _, _) = nginx.get(
        "lamviec.thidua.example.vn",
        "/login",
        "https",
        &[
            "-H",
            "Origin: https://lamviec.thidua.example.vn",
            login[0],
            login[1],
        ],
    );
    assert!(head.starts_with("HTTP/2 403"), "{head}");
    let (head, _, _) = nginx.get(
        "lamviec.thidua.example.vn",
        "/login",
        "https",
        &["-H", &origin, login[0], login[1]],
    );
    assert!(head.starts_with("HTTP/2 303"), "{head}");
    let cookie = head
        .lines()
        .find(|l| {
            l.to_lowercase()
                .starts_with("set-cookie: blocpress-session=")
        })
        .unwrap_or_else(|| panic!("no session cookie: {head}"));
    for flag in ["HttpOnly", "SameSite=Strict", "Secure"] {
        assert!(cookie.contains(flag), "{cookie}");
    }

    // A client that does not trust the certificate is refused: it really is TLS.
    let (_, _, code) = nginx.get(
        "lamviec.thidua.example.vn",
        "/",
        "https",
        &["--cacert", "/dev/null"],
    );
    assert_ne!(code, 0, "curl accepted an unknown certificate");

    // Plain HTTP sends people to HTTPS.
    let (head, _, code) = nginx.get("lamviec.thidua.example.vn", "/news/", "http", &[]);
    assert_eq!(code, 0);
    assert!(head.starts_with("HTTP/1.1 301"), "{head}");
    assert!(
        head.contains("Location: https://lamviec.thidua.example.vn/news/"),
        "{head}"
    );

    // The published site, served as files by nginx, with the site's own 404 page.
    let (head, body, _) = nginx.get("thidua.example.vn", "/", "https", &[]);
    assert!(head.starts_with("HTTP/2 200"), "{head}");
    assert!(body.contains(&title), "{body}");
    let (head, body, _) = nginx.get("thidua.example.vn", "/khong-co/", "https", &[]);
    assert!(head.starts_with("HTTP/2 404"), "{head}");
    assert_eq!(
        body,
        std::fs::read_to_string(publish.join("404.html")).unwrap()
    );
}
