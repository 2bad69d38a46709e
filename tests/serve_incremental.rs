//! Incremental rebuilds give the same files as a full build. Each test edits a site on disk,
//! lets the serve builder apply the change the cheap way, then builds the same files from
//! scratch and compares every served file, byte for byte.

mod serve_common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use blocpress::serve::rebuild::{Builder, Level, Served};
use serve_common::*;

const ORIGIN: &str = "http://127.0.0.1:1111";

fn built(root: &Path) -> Builder {
    built_with(root, false)
}

fn built_with(root: &Path, drafts: bool) -> Builder {
    let mut builder = Builder::new(root.to_path_buf(), drafts, ORIGIN.to_string());
    let report = builder.build();
    assert!(
        builder.errors().is_empty(),
        "the site builds: {:?}",
        builder.errors()
    );
    assert_eq!(report.level, Level::Full);
    builder
}

/// Every file of `builder` equals the file of a fresh full build.
fn assert_same_as_full_build(builder: &Builder, what: &str) {
    assert_same_as_full_build_with(builder, false, what);
}

fn assert_same_as_full_build_with(builder: &Builder, drafts: bool, what: &str) {
    let fresh = built_with(builder.root(), drafts);
    let ours = builder.files();
    let theirs = fresh.files();
    let keys: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    let mut different = Vec::new();
    for key in keys {
        if ours.get(key) != theirs.get(key) {
            different.push(key.clone());
        }
    }
    if let Some(first) = different.first() {
        let show = |file: Option<&Served>| match file {
            Some(Served::Bytes(bytes)) => String::from_utf8_lossy(bytes).into_owned(),
            other => format!("{other:?}"),
        };
        panic!(
            "{what}: {} files differ from a full build: {different:?}\n--- incremental {first} ---\n{}\n--- full ---\n{}",
            different.len(),
            show(ours.get(first)),
            show(theirs.get(first)),
        );
    }
}

fn news_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/news"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().to_path_buf())
        .collect();
    files.sort();
    files
}

/// Changes what a news item shows without moving it: title, summary, body.
fn edit_in_place(path: &Path, n: usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    let mut in_front = 0;
    for line in text.lines() {
        if line.trim_end() == "---" {
            in_front += 1;
        }
        if in_front == 1 && line.starts_with("title:") {
            out.push_str(&format!("title: Tiêu đề sửa số {n}\n"));
        } else if in_front == 1 && line.starts_with("summary:") {
            out.push_str(&format!("summary: Tóm tắt sửa số {n}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(&format!(
        "\nĐoạn thêm số {n} với **chữ đậm** và [liên kết](/news/).\n"
    ));
    std::fs::write(path, out).unwrap();
}

fn check_every_news_item(root: &Path) {
    let mut builder = built(root);
    let files = news_files(root);
    assert!(!files.is_empty());
    for (n, path) in files.iter().enumerate() {
        let draft = std::fs::read_to_string(path)
            .unwrap()
            .contains("\ndraft: true");
        edit_in_place(path, n);
        let report = builder.changed(std::slice::from_ref(path), false);
        assert_eq!(
            report.level,
            Level::News,
            "{}: an in-place edit is incremental",
            path.display()
        );
        // A draft is not published: editing it changes no page.
        assert_eq!(report.changed, !draft, "{}", path.display());
        assert!(
            report.rendered < 30,
            "{}: only the pages showing it ({} rendered)",
            path.display(),
            report.rendered
        );
        assert_same_as_full_build(&builder, &path.display().to_string());
    }
}

#[test]
fn editing_any_news_item_of_the_example_site_matches_a_full_build() {
    let site = TempSite::new();
    example_site(&site.root);
    check_every_news_item(&site.root);
}

#[test]
fn editing_news_with_drafts_shown_matches_a_full_build() {
    let site = TempSite::new();
    example_site(&site.root);
    let mut builder = built_with(&site.root, true);
    for (n, path) in news_files(&site.root).iter().enumerate() {
        edit_in_place(path, n);
        let report = builder.changed(std::slice::from_ref(path), false);
        assert_eq!(report.level, Level::News, "{}", path.display());
        assert!(report.changed, "drafts are published with --drafts");
        assert_same_as_full_build_with(&builder, true, &path.display().to_string());
    }
}

#[test]
fn editing_any_news_item_of_a_paginated_site_matches_a_full_build() {
    // Two news a page, shared tags, associations and a period: items sit on different list,
    // tag and feed pages.
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/khoi/");
    check_every_news_item(&site.root);
}

#[test]
fn structural_changes_fall_back_to_a_full_build() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/");
    let mut builder = built(&site.root);
    let path = site.root.join("content/news/2013-05-30-trao-qua.md");
    let original = std::fs::read_to_string(&path).unwrap();
    for (what, text) in [
        ("date", original.replace("2013-05-30", "2013-07-30")),
        ("tags", original.replace("[Nhân đạo]", "[Nhân đạo, Sơ kết]")),
        (
            "associations",
            original.replace("[hoi-chu-thap-do]", "[hoi-luat-gia]"),
        ),
        (
            "slug",
            original.replace("date:", "slug: trao-qua-moi\ndate:"),
        ),
        (
            "period",
            original.replace("date:", "period: 2013-h1\ndate:"),
        ),
        ("draft", original.replace("date:", "draft: true\ndate:")),
    ] {
        std::fs::write(&path, &text).unwrap();
        let report = builder.changed(std::slice::from_ref(&path), false);
        assert_eq!(report.level, Level::Full, "{what}");
        assert_same_as_full_build(&builder, what);
        std::fs::write(&path, &original).unwrap();
        builder.changed(std::slice::from_ref(&path), false);
    }
}

#[test]
fn a_broken_news_item_keeps_its_last_good_pages_until_fixed() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/");
    let mut builder = built(&site.root);
    let before = builder.files();
    let version = builder.version();
    let path = site.root.join("content/news/2013-06-24-gop-y.md");
    let original = std::fs::read_to_string(&path).unwrap();

    std::fs::write(&path, original.replace("title:", "tieu_de:")).unwrap();
    let report = builder.changed(std::slice::from_ref(&path), false);
    assert!(!report.changed);
    assert!(report.errors_changed);
    assert_eq!(builder.version(), version);
    assert_eq!(*builder.files(), *before, "the last good files stay");
    let errors = builder.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].path,
        Path::new("content/news/2013-06-24-gop-y.md")
    );
    assert_eq!(errors[0].line, Some(2));

    // Another item edited meanwhile is applied; the broken one stays reported.
    let other = site.root.join("content/news/2013/2013-03-08-mung-8-3.md");
    edit_in_place(&other, 1);
    let report = builder.changed(std::slice::from_ref(&other), false);
    assert_eq!(report.level, Level::News);
    assert!(report.changed);
    assert_eq!(builder.errors().len(), 1);

    // Fixing it clears the error; the result is what a full build gives.
    std::fs::write(&path, &original).unwrap();
    edit_in_place(&path, 2);
    let report = builder.changed(std::slice::from_ref(&path), false);
    assert_eq!(report.level, Level::News);
    assert!(builder.errors().is_empty());
    assert_same_as_full_build(&builder, "after the fix");
}

#[test]
fn saving_without_a_change_reloads_nothing() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/");
    let mut builder = built(&site.root);
    let version = builder.version();
    let path = site.root.join("content/news/2013-06-21-so-ket.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text).unwrap();
    let report = builder.changed(std::slice::from_ref(&path), false);
    assert_eq!(report.level, Level::News);
    assert!(!report.changed);
    assert_eq!(builder.version(), version);
}

#[test]
fn changes_are_sorted_by_what_they_touch() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/");
    write(
        &site.root,
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}",
    );
    write(&site.root, "themes/other/templates/page.html", "x");
    let builder = built(&site.root);
    let level = |rel: &str| builder.classify(Path::new(rel));
    assert_eq!(level("content/news/2013-06-21-so-ket.md"), Level::News);
    assert_eq!(
        level("content/news/new-file.md"),
        Level::Ignore,
        "gone and never known"
    );
    write(
        &site.root,
        "content/news/new-file.md",
        "---\ntitle: x\ndate: 2013-01-01\n---\n",
    );
    assert_eq!(level("content/news/new-file.md"), Level::Full, "a new file");
    assert_eq!(level("content/pages/gioi-thieu.md"), Level::Full);
    assert_eq!(
        level("content/associations/hoi-luat-gia/2013-h1.yaml"),
        Level::Full
    );
    assert_eq!(level("site.yaml"), Level::Full);
    assert_eq!(level("static/images/logo.svg"), Level::Static);
    assert_eq!(
        level("themes/default/templates/page.html"),
        Level::Templates
    );
    assert_eq!(
        level("themes/default/templates/new.html"),
        Level::Ignore,
        "never there"
    );
    write(&site.root, "themes/default/templates/new.html", "x");
    assert_eq!(level("themes/default/templates/new.html"), Level::Templates);
    assert_eq!(level("themes/other/templates/page.html"), Level::Ignore);
    assert_eq!(level("content/news/.so-ket.md.swp"), Level::Ignore);
    assert_eq!(level("content/news/so-ket.md~"), Level::Ignore);
    assert_eq!(level("public/index.html"), Level::Ignore);
    assert_eq!(level("Cargo.toml"), Level::Ignore);
    assert_eq!(level("content/news"), Level::Ignore, "a known folder");
    std::fs::remove_dir_all(site.root.join("content/news/2013")).unwrap();
    assert_eq!(level("content/news/2013"), Level::Full, "a deleted folder");
}
