//! What the bad-input and output-safety suites share: the valid base site, copying and
//! snapshotting folders, and running the real binary with a time limit, always from a
//! temporary folder.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_blocpress");

/// Far above a normal run (tens of milliseconds): a hostile input that makes blocpress spin
/// fails the case instead of hanging the suite.
pub const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The address space a run may use (KiB): far above what a build of these sites takes.
pub const MEMORY_LIMIT_KB: u64 = 3 << 20;

pub fn base_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid-base")
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` (hidden ones included) with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                stack.push(entry.path());
            } else {
                let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
                let bytes = fs::read(entry.path()).unwrap_or_default();
                files.insert(rel.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    files
}

pub struct Run {
    pub code: Option<i32>,
    pub stderr: String,
    pub elapsed: Duration,
}

/// Runs the binary in `cwd` with a time limit; a run that exceeds it is killed (code `None`).
/// `cwd` is always a test's own temporary folder: an output path given relative (`.`, `..`)
/// then means that folder, never the repository the tests run from.
pub fn run(cwd: &Path, args: &[&str]) -> Run {
    assert!(
        !cwd.starts_with(env!("CARGO_MANIFEST_DIR")),
        "tests run blocpress outside the repository, never in it"
    );
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    for arg in args {
        assert!(
            !(Path::new(arg).is_absolute() && Path::new(arg).starts_with(repository)),
            "tests never point blocpress at the repository: {arg}"
        );
    }
    let started = Instant::now();
    // Under a limit of address space: an input that makes blocpress ask for gigabytes (an
    // image claiming 100000×100000 pixels) fails its case instead of exhausting the machine.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {} && exec \"$0\" \"$@\"",
            MEMORY_LIMIT_KB
        ))
        .arg(BIN)
        .args(args)
        .current_dir(cwd)
        .env("RUST_BACKTRACE", "0")
        .env("BLOCPRESS_LANG", "en")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the blocpress binary runs");
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        code,
        stderr: reader.join().unwrap_or_default(),
        elapsed: started.elapsed(),
    }
}

pub fn build(site: &Path, out: &Path) -> Run {
    run(
        site.parent().unwrap(),
        &[
            "build",
            "--root",
            site.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ],
    )
}

pub fn check(site: &Path) -> Run {
    run(
        site.parent().unwrap(),
        &["check", "--root", site.to_str().unwrap()],
    )
}
