//! Readers' features judged by outside tools (ignored like tests/external.rs: run with
//! `--include-ignored` after `npm ci` in tests/external): full-text search in
//! Chromium, member and tag feeds in Python's feedparser, the new pages in the W3C HTML checker.

mod support;

use std::path::PathBuf;
use std::process::Command;

use support::StaticServer;

fn tools() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/external")
}

/// The news fixture (under `/khoi-thi-dua/`) with a word only in a body, an alias, a correction
/// and a page long enough for a table of contents, built.
fn readers_site() -> support::Site {
    let site = support::Site::new("news-site");
    site.edit(
        "content/news/2023-11-02-tap-huan.md",
        "date: 2023-11-02\n",
        "date: 2023-11-02\nupdated: 2023-11-20\naliases: [/news/tap-huan-cu/]\ntags: [Tổng kết]\n",
    );
    site.edit(
        "content/news/2023-11-02-tap-huan.md",
        "cho cán bộ",
        "cho cán bộ ở Điện Biên Phủ",
    );
    site.write(
        "content/pages/quy-che.md",
        "---\ntitle: Quy chế\n---\n## Phạm vi\n\nx\n\n## Đối tượng\n\ny\n\n### Chi tiết\n\nz\n",
    );
    site.build_ok(&[]);
    site
}

#[test]
#[ignore = "needs Chromium and Node (npm ci in tests/external)"]
fn search_finds_a_word_only_in_a_body_with_the_word_marked() {
    let site = readers_site();
    // The output under `/khoi-thi-dua/`, as the fixture's base_url says.
    let server = StaticServer::start_at(&site.out(), "khoi-thi-dua");
    let output = Command::new("node")
        .arg(tools().join("search_marks.mjs"))
        .arg(format!("{}search/", server.base))
        .args(["dien bien", "tong ket", "DIEN BIEN PHU tap"])
        .output()
        .expect("node must be installed");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results["__errors"], serde_json::json!([]), "script errors");
    // Typed without diacritics, found in the body only, the words marked in the snippet.
    let first = &results["dien bien"][0];
    assert_eq!(first["title"], "Tập huấn nghiệp vụ thi đua", "{results}");
    assert_eq!(first["href"], "/khoi-thi-dua/news/tap-huan/");
    let snippet = first["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("<mark>Điện</mark> <mark>Biên</mark>"),
        "{snippet}"
    );
    assert_eq!(results["dien bien"].as_array().unwrap().len(), 1);
    // A title match ranks before a body match.
    let tong_ket = results["tong ket"].as_array().unwrap();
    assert_eq!(tong_ket[0]["title"], "Tổng kết năm 2023", "{results}");
    // Text is text: the `<script>` written in that item's body shows escaped, never as a tag.
    let all: String = tong_ket
        .iter()
        .map(|r| r["snippet"].as_str().unwrap())
        .collect();
    assert!(!all.contains("<script"), "{all}");
    assert_eq!(
        results["DIEN BIEN PHU tap"][0]["title"],
        "Tập huấn nghiệp vụ thi đua"
    );
}

#[test]
#[ignore = "needs Python with feedparser"]
fn member_and_tag_feeds_parse_with_feedparser() {
    support::needs(
        "python3",
        "Python 3 with feedparser (pip install feedparser)",
    );
    let site = readers_site();
    let script = "import feedparser,sys\nfor path in sys.argv[1:]:\n    d=feedparser.parse(path)\n    assert not d.bozo, (path, d.bozo_exception)\n    assert d.version=='atom10', d.version\n    assert d.feed.title and d.entries, path\n    for e in d.entries:\n        assert e.link.startswith('https://example.org/khoi-thi-dua/news/'), e.link\n        assert e.title and e.published and e.updated and e.content[0].value\n    if path.endswith('tags/tong-ket/atom.xml'):\n        e=[e for e in d.entries if e.link.endswith('/tap-huan/')][0]\n        assert e.updated.startswith('2023-11-20'), e.updated\n        assert e.published.startswith('2023-11-02'), e.published\nprint(len(sys.argv)-1)";
    let mut feeds: Vec<String> = Vec::new();
    for dir in ["associations", "tags"] {
        if let Ok(entries) = std::fs::read_dir(site.out().join(dir)) {
            for entry in entries {
                let feed = entry.unwrap().path().join("atom.xml");
                if feed.is_file() {
                    feeds.push(feed.to_str().unwrap().to_string());
                }
            }
        }
    }
    assert!(
        feeds.iter().any(|f| f.ends_with("tags/tong-ket/atom.xml")),
        "{feeds:?}"
    );
    let output = Command::new("python3")
        .args(["-c", script])
        .args(&feeds)
        .output()
        .expect("python3 must be installed");
    assert!(
        output.status.success(),
        "feedparser rejected a feed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
#[ignore = "needs Java and the W3C checker (npm ci in tests/external)"]
fn new_pages_are_valid_html() {
    support::needs("java", "the Debian package default-jre-headless");
    let site = readers_site();
    let out = site.out();
    support::assert_valid_html([
        out.join("news/tap-huan-cu/index.html"),
        out.join("news/tap-huan/index.html"),
        out.join("quy-che/index.html"),
        out.join("tags/tong-ket/index.html"),
    ]);
}
