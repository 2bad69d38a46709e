//! What outside tools say about the output: the W3C HTML checker (vnu), a feed parser,
//! Lighthouse and axe-core in headless Chromium. These need Java, Node packages
//! (`tests/external/`), Python's feedparser and Chromium, which `.ci/run` installs. They are
//! `#[ignore = "needs …"]`: run them with `cargo test --test external -- --include-ignored`
//! after `npm ci` in tests/external/; a missing tool then fails them.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::StaticServer as Server;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tools() -> PathBuf {
    repo().join("tests/external/node_modules")
}

/// Builds a site into a temp folder and returns (temp dir guard, output path).
fn build(root: &Path, language: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    support::copy_dir(root, &site);
    for skip in [
        "target",
        "public",
        "tests",
        "bench",
        "fuzz",
        "node_modules",
        ".git",
    ] {
        let _ = std::fs::remove_dir_all(site.join(skip));
    }
    if let Some(language) = language {
        let config = std::fs::read_to_string(site.join("site.yaml")).unwrap();
        std::fs::write(
            site.join("site.yaml"),
            config.replace("language: vi", &format!("language: {language}")),
        )
        .unwrap();
    }
    build_copy(dir, &site)
}

/// Builds the copy at `site` into `<dir>/out`.
fn build_copy(dir: tempfile::TempDir, site: &Path) -> (tempfile::TempDir, PathBuf) {
    let out = dir.path().join("out");
    let output = support::blocpress(&[
        "build",
        "--root",
        site.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", support::stderr(&output));
    (dir, out)
}

/// The example site of the repository (its site.yaml, content/ and static/ only).
fn example_site() -> (tempfile::TempDir, PathBuf) {
    let (dir, site) = example_copy();
    build_copy(dir, &site)
}

/// A copy of the example site's sources in a temp folder: (guard, site folder).
fn example_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    for part in ["site.yaml", "content", "static"] {
        let from = repo().join(part);
        if from.is_dir() {
            support::copy_dir(&from, &site.join(part));
        } else {
            std::fs::copy(&from, site.join(part)).unwrap();
        }
    }
    (dir, site)
}

/// The `year` fixture with its draft period published: the pages only `--drafts` shows.
fn year_with_its_draft_published() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    support::copy_dir(&support::fixture("year"), &site);
    let period = site.join("content/periods/2014-h1.md");
    let text = std::fs::read_to_string(&period).unwrap();
    std::fs::write(&period, text.replace("draft: true\n", "")).unwrap();
    build_copy(dir, &site)
}

/// A phone-sized photo (3000×2250, grainy like a real one), made here.
fn large_photo(seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let img = image::RgbImage::from_fn(3000, 2250, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state % 24) as u8;
        image::Rgb([
            ((x / 12) as u8).wrapping_add(grain),
            ((y / 9) as u8)
                .wrapping_add(grain)
                .wrapping_add(seed as u8 * 40),
            (((x + y) / 20) as u8).wrapping_add(grain),
        ])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&img)
        .unwrap();
    jpeg
}

/// A member's logo: a red disc on transparency.
fn logo_png(width: u32, height: u32) -> Vec<u8> {
    let r = width.min(height) as f32 / 2.0;
    let img = image::RgbaImage::from_fn(width, height, |x, y| {
        let (dx, dy) = (
            x as f32 - width as f32 / 2.0,
            y as f32 - height as f32 / 2.0,
        );
        if dx * dx + dy * dy < r * r {
            image::Rgba([190, 30, 45, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// The example site with a news item of four large photos (a lead image and a gallery, one
/// photo next to the item) and logos next to three members' profiles.
fn photo_site() -> (tempfile::TempDir, PathBuf) {
    let (dir, site) = example_copy();
    for n in 1..=3 {
        std::fs::write(
            site.join(format!("static/images/hoat-dong-{n}.jpg")),
            large_photo(n),
        )
        .unwrap();
    }
    // One photo next to the news item, and members' logos next to their profiles (PNG, and an
    // SVG the pipeline leaves as it is); the example site itself has no logos.
    std::fs::create_dir_all(site.join("content/news/anh")).unwrap();
    std::fs::write(
        site.join("content/news/anh/hoat-dong-4.jpg"),
        large_photo(4),
    )
    .unwrap();
    for (slug, file, bytes) in [
        ("hoi-luat-gia", "logo.png", logo_png(400, 400)),
        ("hoi-chu-thap-do", "logo.png", logo_png(600, 300)),
        (
            "hoi-doanh-nghiep",
            "logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"5\" fill=\"#c77700\"/></svg>".to_vec(),
        ),
    ] {
        let folder = site.join("content/associations").join(slug);
        std::fs::write(folder.join(file), bytes).unwrap();
        let profile = folder.join("profile.yaml");
        let text = std::fs::read_to_string(&profile).unwrap();
        std::fs::write(&profile, format!("logo: {file}\n{text}")).unwrap();
    }
    std::fs::write(
        site.join("content/news/2013-07-10-anh-hoat-dong.md"),
        "---
title: Ảnh hoạt động thăm hỏi hội viên
date: 2013-07-10
image: /images/hoat-dong-1.jpg
image_alt: Đoàn công tác thăm hỏi hội viên
---
Đoàn công tác của Khối thăm hỏi, tặng quà hội viên có hoàn cảnh khó khăn.

![Trao quà](/images/hoat-dong-2.jpg)
![Tặng sách](/images/hoat-dong-3.jpg \"Tặng sách cho thư viện xã\")
![Chụp ảnh lưu niệm](anh/hoat-dong-4.jpg)

Chuyến thăm kết thúc trong ngày.
",
    )
    .unwrap();
    build_copy(dir, &site)
}

/// The news page with four large photos in [`photo_site`].
const PHOTO_PAGE: &str = "news/anh-hoat-dong/";

#[test]
#[ignore = "needs Java and the W3C checker (npm ci in tests/external)"]
fn every_page_is_valid_html() {
    support::needs("java", "the Debian package default-jre-headless");
    let builds = [
        photo_site(),
        build(&support::fixture("bloc"), None),
        build(&support::fixture("bloc"), Some("en")),
        build(&support::fixture("news-site"), None),
        build(&support::fixture("valid-base"), None),
        build(&support::fixture("year"), None),
        build(&support::fixture("year"), Some("en")),
        year_with_its_draft_published(),
        build(&support::fixture("whole-year"), None),
        build(&support::fixture("whole-year"), Some("en")),
    ];
    support::assert_valid_html(builds.iter().map(|(_, out)| out));
}

#[test]
#[ignore = "needs Python with feedparser"]
fn feeds_parse_cleanly() {
    support::needs(
        "python3",
        "Python 3 with feedparser (pip install feedparser)",
    );
    let builds = [example_site(), build(&support::fixture("news-site"), None)];
    for (_, out) in &builds {
        let script = "import feedparser,sys\nd=feedparser.parse(sys.argv[1])\nassert not d.bozo, d.bozo_exception\nassert d.version=='atom10', d.version\nassert d.entries, 'no entries'\nfor e in d.entries:\n    assert e.link.startswith('http'), e.link\n    assert e.title and e.published and e.content[0].value\nprint(len(d.entries))";
        let output = Command::new("python3")
            .args(["-c", script, out.join("atom.xml").to_str().unwrap()])
            .output()
            .expect("python3 must be installed");
        assert!(
            output.status.success(),
            "feedparser rejected {}:\n{}",
            out.join("atom.xml").display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

const PAGES: &[&str] = &[
    "",
    "news/",
    "news/so-ket-thi-dua-6-thang-dau-nam-2013/",
    "reports/2013-h1/",
    "scoring/2013/",
    "associations/hoi-luat-gia/",
    "associations/",
    "documents/",
    "documents/bao-cao-so-ket-6-thang-2013/",
    PHOTO_PAGE,
];

/// The pages of the bloc's year (an awards proposal, a meeting): checked with axe and printed,
/// not scored by Lighthouse (whose run per page is long).
const YEAR_PAGES: &[&str] = &[
    "awards/2013/",
    "meetings/hoi-nghi-so-ket-6-thang-dau-nam-2013/",
];

fn chromium() -> String {
    let path = std::env::var("CHROME_PATH").unwrap_or_else(|_| String::from("/usr/bin/chromium"));
    support::needs(&path, "the Debian package chromium, or set CHROME_PATH");
    path
}

#[test]
#[ignore = "needs Chromium and Node (npm ci in tests/external)"]
fn lighthouse_scores_at_least_95() {
    let chrome = chromium();
    let (_guard, out) = photo_site();
    let server = Server::start(&out);
    let cli = tools().join("lighthouse/cli/index.js");
    assert!(
        cli.is_file(),
        "lighthouse missing: run `npm ci` in tests/external"
    );
    let report = tempfile::NamedTempFile::new().unwrap();
    let mut failures = Vec::new();
    for page in PAGES {
        let url = format!("{}{page}", server.base);
        let output = Command::new("node")
            .arg(&cli)
            .arg(&url)
            .args([
                "--quiet",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--output=json",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run",
            ])
            .arg(format!("--output-path={}", report.path().display()))
            .env("CHROME_PATH", &chrome)
            .output()
            .expect("node must be installed");
        assert!(
            output.status.success(),
            "lighthouse failed on {url}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(report.path()).unwrap()).unwrap();
        for (name, category) in json["categories"].as_object().unwrap() {
            let score = category["score"].as_f64().unwrap_or(0.0);
            eprintln!("lighthouse {url} {name}: {score}");
            if score < 0.95 {
                failures.push(format!("{url}: {name} {score}"));
            }
        }
    }
    assert!(failures.is_empty(), "Lighthouse below 95: {failures:#?}");
}

#[test]
#[ignore = "needs Chromium and Node (npm ci in tests/external)"]
fn main_pages_have_no_serious_accessibility_violations_and_print_cleanly() {
    chromium();
    let (_guard, out) = photo_site();
    let server = Server::start(&out);
    let mut command = Command::new("node");
    command
        .arg(repo().join("tests/external/check_pages.mjs"))
        .arg(&server.base)
        .args(PAGES)
        .args(YEAR_PAGES);
    let output = command.output().expect("node must be installed");
    assert!(
        output.status.success(),
        "check_pages.mjs failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results.len(), (PAGES.len() + YEAR_PAGES.len()) * 2);
    for result in &results {
        let page = format!("{} at {}px", result["path"], result["viewport"]);
        assert_eq!(result["status"], 200, "{page}");
        assert_eq!(
            result["axe"],
            serde_json::json!([]),
            "{page}: serious axe violations"
        );
        assert_eq!(
            result["errors"],
            serde_json::json!([]),
            "{page}: console errors"
        );
        assert!(
            result["overflow"].as_i64().unwrap() <= 0,
            "{page}: the page scrolls sideways"
        );
        assert_eq!(
            result["print"]["navHidden"], true,
            "{page}: navigation is printed"
        );
        assert_eq!(
            result["print"]["chartsVisible"], true,
            "{page}: charts hidden in print"
        );
    }
    let documents = results.iter().find(|r| r["path"] == "documents/").unwrap();
    let (before, after) = (
        documents["docFilter"]["before"].as_u64().unwrap(),
        documents["docFilter"]["after"].as_u64().unwrap(),
    );
    assert!(
        after > 0 && after < before,
        "choosing a kind hides the other documents without JavaScript: {before} → {after}"
    );
    let review = results
        .iter()
        .find(|r| r["path"] == "reports/2013-h1/")
        .unwrap();
    assert!(
        review["print"]["charts"].as_u64().unwrap() > 0,
        "the review page has charts"
    );
}

fn search_in_browser(out: &Path, mount: &str, queries: &[&str]) -> serde_json::Value {
    chromium();
    let server = Server::start_at(out, mount);
    let output = Command::new("node")
        .arg(repo().join("tests/external/search.mjs"))
        .arg(format!("{}search/", server.base))
        .args(queries)
        .output()
        .expect("node must be installed");
    assert!(
        output.status.success(),
        "search.mjs failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn titles(results: &serde_json::Value, query: &str) -> Vec<String> {
    results[query]
        .as_array()
        .unwrap_or_else(|| panic!("no results array for {query}: {results}"))
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
#[ignore = "needs Chromium and Node (npm ci in tests/external)"]
fn search_finds_items_typed_without_diacritics() {
    let (_guard, out) = build(&support::fixture("news-site"), None);
    let results = search_in_browser(
        &out,
        "khoi-thi-dua",
        &["dai hoi", "KET NAP", "luat gia nhiem ky", "khong co gi"],
    );
    assert_eq!(results["__errors"], serde_json::json!([]), "script errors");
    assert_eq!(
        titles(&results, "dai hoi")[0],
        "Đại hội Hội Luật gia nhiệm kỳ mới",
        "đ must fold to d"
    );
    // The title match first; bodies are searched too (another item's text says "kết nạp").
    assert_eq!(
        titles(&results, "KET NAP")[0],
        "Kết nạp hội viên mới: 35 người"
    );
    assert_eq!(
        titles(&results, "luat gia nhiem ky"),
        ["Đại hội Hội Luật gia nhiệm kỳ mới"]
    );
    assert!(titles(&results, "khong co gi").is_empty());
    // Links stay under the site's sub-path.
    assert!(
        results["dai hoi"][0]["href"]
            .as_str()
            .unwrap()
            .starts_with("/khoi-thi-dua/news/")
    );

    let (_guard, out) = example_site();
    let results = search_in_browser(&out, "", &["hien phap", "chu thap do"]);
    assert!(titles(&results, "hien phap")[0].contains("Hiến pháp"));
    assert!(
        titles(&results, "chu thap do")
            .iter()
            .any(|t| t == "Hội Chữ thập đỏ tỉnh Lai Châu")
    );
}
