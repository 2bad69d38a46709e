//! Helpers for integration tests: copy a fixture site into a temp dir, run the real binary,
//! parse what it wrote.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fixture copied into a fresh temp dir, so tests never write into the repository.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn new(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture(name), dir.path());
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.root().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(path, text.replace(from, to)).unwrap();
    }

    /// Runs `blocpress <args> --root <site>`.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut all: Vec<&str> = args.to_vec();
        let root = self.root().to_str().unwrap().to_string();
        all.push("--root");
        all.push(&root);
        blocpress(&all)
    }

    pub fn build(&self, args: &[&str]) -> Output {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let output = self.run(&all);
        assert_no_panic(&output);
        output
    }

    /// Builds and insists on success.
    pub fn build_ok(&self, args: &[&str]) -> Output {
        let output = self.build(args);
        assert!(
            output.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    pub fn read(&self, rel: &str) -> String {
        read(&self.out(), rel)
    }

    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).is_file()
    }
}

/// The blocpress binary run through `sh` with at most `kib` KiB of address space: an input
/// that makes it ask for gigabytes ends the run instead of exhausting the machine. Add the
/// arguments to the command.
pub fn blocpress_limited(kib: u64) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_blocpress"));
    command
}

pub fn blocpress(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blocpress"))
        .args(args)
        .env("BLOCPRESS_LANG", "en")
        .output()
        .expect("run blocpress")
}

pub fn assert_no_panic(output: &Output) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked"),
        "blocpress panicked:\n{stderr}"
    );
    assert_ne!(
        output.status.code(),
        Some(101),
        "blocpress panicked:\n{stderr}"
    );
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every file of a folder, by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    html.select(&selector).collect()
}

pub fn text(element: &scraper::ElementRef) -> String {
    // Text nodes joined by a space, so `10<br>+1` reads "10 +1".
    element
        .text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The normalised text of the first element matching `css`.
pub fn first_text(html: &Html, css: &str) -> String {
    let found = select(html, css);
    let first = found
        .first()
        .unwrap_or_else(|| panic!("nothing matches {css}"));
    text(first)
}

pub fn attr(html: &Html, css: &str, name: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

/// A PNG of one colour.
pub fn png(width: u32, height: u32, rgb: [u8; 3]) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(width, height, image::Rgb(rgb));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// A plain static file server on loopback (Python's), stopped on drop.
pub struct StaticServer {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT/` (with the mount path, when there is one).
    pub base: String,
    _mount: Option<tempfile::TempDir>,
}

impl StaticServer {
    pub fn start(dir: &Path) -> StaticServer {
        StaticServer::start_at(dir, "")
    }

    /// Serves `dir` under the URL path `/<mount>/`, as a host serves a site with a sub-path.
    pub fn start_at(dir: &Path, mount: &str) -> StaticServer {
        let (root, guard) = if mount.is_empty() {
            (dir.to_path_buf(), None)
        } else {
            let guard = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink(dir, guard.path().join(mount)).unwrap();
            (guard.path().to_path_buf(), Some(guard))
        };
        let mut server = StaticServer::spawn(&root);
        server.base = format!("{}{mount}/", server.base)
            .replace("//", "/")
            .replacen(":/", "://", 1);
        server._mount = guard;
        server
    }

    fn spawn(dir: &Path) -> StaticServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = std::process::Command::new("python3")
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--directory",
                dir.to_str().unwrap(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3");
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(10),
                "the test server did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        StaticServer {
            child,
            base: format!("http://127.0.0.1:{port}/"),
            _mount: None,
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The gate of every test that needs something outside Rust (a browser, Java, LibreOffice,
/// Python or Node packages, nginx): such a test is marked `#[ignore = "needs …"]`, so a plain
/// `cargo test` lists it as ignored, never as passed, and `.ci/run` runs it with
/// `cargo test -- --include-ignored`. When it runs, it asks here for each program it starts: a
/// missing one fails the test, saying what to install (`install`), instead of passing unseen.
pub fn needs(program: &str, install: &str) -> PathBuf {
    let found = if program.contains('/') {
        Some(PathBuf::from(program)).filter(|p| p.is_file())
    } else {
        std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path)
                .map(|dir| dir.join(program))
                .find(|p| p.is_file())
        })
    };
    found.unwrap_or_else(|| panic!("this test needs `{program}`: {install}"))
}

/// Whether the browser tests are on (`BLOCPRESS_BROWSER_TESTS=1`, set by `.ci/run`); a
/// skipped test says so.
pub fn browser_enabled(test: &str) -> bool {
    let on = std::env::var("BLOCPRESS_BROWSER_TESTS").is_ok_and(|v| v == "1");
    if !on {
        eprintln!(
            "skipped {test}: set BLOCPRESS_BROWSER_TESTS=1 to run it in Chromium (/usr/bin/chromium or CHROME_PATH)"
        );
    }
    on
}

/// Runs the W3C HTML checker (npm `vnu-jar`, installed in tests/external) on HTML files and
/// folders of them; the test fails with the checker's report on any error.
pub fn assert_valid_html<P: AsRef<Path>>(paths: impl IntoIterator<Item = P>) {
    let vnu = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/external/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        vnu.is_file(),
        "vnu.jar missing: run `npm ci` in tests/external"
    );
    let mut command = Command::new("java");
    command
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--skip-non-html"]);
    for path in paths {
        command.arg(path.as_ref());
    }
    let output = command
        .output()
        .expect("java (for the W3C HTML checker) must be installed");
    assert!(
        output.status.success(),
        "the W3C HTML checker found errors:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
