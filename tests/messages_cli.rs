//! Messages as an office worker meets them, through the real binary: Vietnamese by default,
//! the site found from inside its folders, malformed options as usage errors (exit 2),
//! `explain` in both languages, and `new period`'s note for every file it leaves alone.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_blocpress");

fn base() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid-base"),
        &site,
    );
    (tmp, site)
}

fn copy(from: &Path, to: &Path) {
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

/// Runs blocpress in `cwd` with no language set: the site's own (vi) applies.
fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env_remove("BLOCPRESS_LANG")
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_inside_content_finds_the_site_like_git() {
    let (_tmp, site) = base();
    let news = site.join("content/news");
    let out = run(&news, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Kiểm tra đạt: 0 lỗi, 0 cảnh báo"),
        "{}",
        stderr(&out)
    );
    // Errors are shown relative to the site root, as from the root itself.
    std::fs::write(news.join("x.md"), "---\ntitle: a\ndate: 28/11/2026\n---\n").unwrap();
    let out = run(&news, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "lỗi[E045]: content/news/x.md:3:7: “28/11/2026” không phải ngày hợp lệ: ngày viết theo dạng năm-tháng-ngày: 2026-11-28"
        ),
        "{}",
        stderr(&out)
    );
    // Outside any site: the message says where it looked and what to do.
    let outside = tempfile::tempdir().unwrap();
    let out = run(outside.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("lỗi[E061]: site.yaml: không thấy tệp site.yaml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_base_url_that_is_not_a_url_is_a_usage_error() {
    let (tmp, site) = base();
    let out = run(
        tmp.path(),
        &[
            "build",
            "--root",
            site.to_str().unwrap(),
            "--base-url",
            "thidua.example.vn",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("lỗi: --base-url: base_url “thidua.example.vn”: địa chỉ phải bắt đầu bằng https:// hoặc http://"),
        "{}",
        stderr(&out)
    );
    assert!(!site.join("public").exists());
    let out = run(
        tmp.path(),
        &[
            "--lang",
            "en",
            "build",
            "--root",
            site.to_str().unwrap(),
            "--base-url",
            "ftp://x",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "error: --base-url: base_url `ftp://x`: it must start with https:// or http://"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn mistyped_commands_and_options_are_explained_in_the_site_language_with_the_likely_fix() {
    let (tmp, site) = base();
    // (arguments, the Vietnamese line, the help line)
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["buidl"],
            "lỗi: không có lệnh “buidl”; có phải ý bạn là “build”?",
            "Xem cách viết lệnh: blocpress --help",
        ),
        (
            &["build", "--outptu", "x"],
            "lỗi: lệnh này không có tuỳ chọn “--outptu”; có phải ý bạn là “--output”?",
            "Xem cách viết lệnh: blocpress build --help",
        ),
        (
            &["sheet", "exprot"],
            "lỗi: không có lệnh “exprot”; có phải ý bạn là “export”?",
            "Xem cách viết lệnh: blocpress sheet --help",
        ),
        (
            &["build", "--lang", "fr"],
            "lỗi: “fr” không dùng được cho --lang <ngôn-ngữ>; hãy chọn: vi, en",
            "Xem cách viết lệnh: blocpress build --help",
        ),
        (
            &["build", "Báo cáo"],
            "lỗi: thừa “Báo cáo”: lệnh này không nhận thêm giá trị đó",
            "Xem cách viết lệnh: blocpress build --help",
        ),
        (
            &["new", "news"],
            "lỗi: lệnh còn thiếu <tiêu-đề>",
            "Xem cách viết lệnh: blocpress new news --help",
        ),
    ];
    for (args, line, help) in cases {
        // Run inside the site: its language (vi) applies, as for a real mistake.
        let out = run(&site, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(line), "{args:?}: {err}");
        assert!(err.contains(help), "{args:?}: {err}");
        assert!(!err.contains("unexpected argument"), "{args:?}: {err}");
        assert!(!site.join("public").exists());
    }
    // --lang en wins over the site, even on a line clap could not read.
    let out = run(&site, &["--lang", "en", "buidl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error: there is no command “buidl”; did you mean “build”?"),
        "{}",
        stderr(&out)
    );
    // Help succeeds (its words: tests/help_cli.rs).
    let out = run(tmp.path(), &["build", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("--output"));
}

#[test]
fn explain_prints_the_meaning_examples_and_fix_in_the_language_of_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["explain", "E031"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("E031: Số thập phân viết dấu phẩy trong { }"),
        "{text}"
    );
    assert!(
        text.contains("Viết sai:") && text.contains("18,5") && text.contains("18.5"),
        "{text}"
    );
    let out = run(tmp.path(), &["explain", "--lang", "en", "e032"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("E032: No space after the colon."),
        "{text}"
    );
    assert!(text.contains("How to fix it:"), "{text}");
}

#[test]
fn new_period_says_which_files_it_left_alone() {
    let (_tmp, site) = base();
    let out = run(&site, &["new", "period", "2013-h1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    for skipped in [
        "Bỏ qua content/associations/hoi-luat-gia/2013-h1.yaml: tệp đã có sẵn",
        "Bỏ qua content/periods/2013-h1.md: tệp đã có sẵn (giữ nguyên, không ghi đè)",
    ] {
        assert!(err.contains(skipped), "{skipped}\n{err}");
    }
    assert!(
        err.contains("Kỳ 2013-h1: đã tạo 0 tệp kết quả, 2 tệp đã có sẵn"),
        "{err}"
    );
}
