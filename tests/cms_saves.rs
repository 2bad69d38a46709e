//! Issue 21: saves from the browser editor through `blocpress serve`'s `/admin/` API (real
//! HTTP on loopback against the real binary). A save is checked like `check` checks the whole
//! site with the change (the same codes); a rename or a new entry never replaces a file; a
//! delete that would break a link is refused; a save from an outdated version gets 409 with a
//! coded message in the site's language; concurrent saves of one file never mix and never fail
//! with 500.

mod serve_common;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Barrier};

use serde_json::{Value, json};
use serve_common::*;

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The cookie of one browser session (any 32 hex digits name one).
fn session(name: char) -> String {
    format!("blocpress-cms={}", name.to_string().repeat(32))
}

fn get_entry(addr: SocketAddr, cookie: &str, path: &str) -> Value {
    let (status, entry) = admin_api(
        addr,
        "getEntry",
        json!({ "branch": "main", "path": path }),
        &[("Cookie", cookie)],
    );
    assert_eq!(status, 200, "{entry}");
    entry
}

fn persist(
    addr: SocketAddr,
    headers: &[(&str, &str)],
    file: Value,
    new_entry: bool,
) -> (u16, Value) {
    admin_api(
        addr,
        "persistEntry",
        json!({ "branch": "main", "dataFiles": [file], "assets": [],
                "options": { "commitMessage": "x", "useWorkflow": false, "status": "", "newEntry": new_entry } }),
        headers,
    )
}

fn error_of(answer: &Value) -> &str {
    answer["error"].as_str().unwrap_or_default()
}

/// Temporary files or journals a write left anywhere in the site.
fn strays(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().display().to_string())
        .filter(|rel| rel.contains(".blocpress-") || rel.starts_with(".blocpress/"))
        .collect()
}

fn news(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2014-01-10\n{extra}---\n{body}\n")
}

const LINKED: &str = "content/pages/gioi-thieu.md";
const SO_KET: &str = "content/news/2013-06-21-so-ket-thi-dua-6-thang-dau-nam-2013.md";
const TRAO_QUA: &str = "content/news/2013-05-30-trao-qua-cho-hoc-sinh-phong-tho.md";
const HTX: &str = "content/news/2013-07-05-phat-trien-hop-tac-xa-6-thang-dau-nam.md";

#[test]
fn saves_that_check_would_refuse_anywhere_in_the_site_are_refused_with_its_codes() {
    let site = TempSite::new();
    example_site(&site.root);
    let server = Server::start(&site.root, &["--lang", "en"]);
    let addr = server.addr;
    let me = session('a');
    let headers = [("Cookie", me.as_str())];
    let new_news = |name: &str, raw: &str| {
        let path = format!("content/news/2014/{name}.md");
        let answer = persist(addr, &headers, json!({ "path": path, "raw": raw }), true);
        assert!(!site.root.join(&path).exists(), "{path} was written");
        answer
    };

    // A duplicate URL: the slug of an existing news item.
    let (status, answer) = new_news(
        "2014-01-10-so-ket-thi-dua-6-thang-dau-nam-2013",
        &news("Trùng địa chỉ", "", "Nội dung."),
    );
    assert_eq!(status, 422, "{answer}");
    assert!(error_of(&answer).contains("error[E054]"), "{answer}");
    // An `@/` link to an item that does not exist.
    let (status, answer) = new_news(
        "2014-01-10-lien-ket-hong",
        &news("Liên kết hỏng", "", "Xem [tin](@/news/khong-co.md)."),
    );
    assert_eq!(status, 422, "{answer}");
    assert!(error_of(&answer).contains("error[E120]"), "{answer}");
    // An old address over a page of the site.
    let (status, answer) = new_news(
        "2014-01-10-dia-chi-cu",
        &news("Địa chỉ cũ", "aliases: [\"/news/\"]\n", "Nội dung."),
    );
    assert_eq!(status, 422, "{answer}");
    assert!(error_of(&answer).contains("error[E50"), "{answer}");

    // A delete of a page another one links to.
    get_entry(addr, &me, LINKED);
    let (status, answer) = admin_api(
        addr,
        "deleteFile",
        json!({ "branch": "main", "path": LINKED }),
        &headers,
    );
    assert_eq!(status, 422, "{answer}");
    let error = error_of(&answer);
    assert!(
        error.starts_with("error[E468]: content/pages/gioi-thieu.md"),
        "{error}"
    );
    assert!(
        error.contains("error[E120]") && error.contains(SO_KET),
        "{error}"
    );
    assert!(site.root.join(LINKED).is_file());

    // A rename onto an existing entry, and a new entry over one: refused, nothing replaced.
    let trao_qua = read(&site.root, TRAO_QUA);
    let htx = read(&site.root, HTX);
    get_entry(addr, &me, HTX);
    let (status, answer) = persist(
        addr,
        &headers,
        json!({ "path": HTX, "newPath": TRAO_QUA, "raw": htx }),
        false,
    );
    assert_eq!(status, 409, "{answer}");
    assert!(
        error_of(&answer).contains(&format!("error[E461]: {TRAO_QUA}")),
        "{answer}"
    );
    let (status, answer) = persist(
        addr,
        &headers,
        json!({ "path": TRAO_QUA, "raw": news("Mới", "", "Đè lên.") }),
        true,
    );
    assert_eq!(status, 409, "{answer}");
    assert!(error_of(&answer).contains("error[E461]"), "{answer}");
    assert_eq!(read(&site.root, TRAO_QUA), trao_qua);
    assert_eq!(read(&site.root, HTX), htx);

    // A rename to a free name moves the file in one write.
    let moved = "content/news/2013/2013-07-05-phat-trien-hop-tac-xa.md";
    let (status, answer) = persist(
        addr,
        &headers,
        json!({ "path": HTX, "newPath": moved, "raw": htx }),
        false,
    );
    assert_eq!(status, 200, "{answer}");
    assert!(!site.root.join(HTX).exists());
    assert_eq!(read(&site.root, moved), htx);
    assert!(strays(&site.root).is_empty(), "{:?}", strays(&site.root));

    // What is refused above in the browser is what `check` refuses on disk.
    std::fs::write(
        site.root.join("content/news/2014-dup.md"),
        news("Trùng", "slug: so-ket-thi-dua-6-thang-dau-nam-2013\n", "x"),
    )
    .unwrap();
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_blocpress"))
        .args(["check", "--lang", "en", "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&check.stderr).contains("error[E054]"));
}

#[test]
fn a_save_from_an_outdated_version_gets_409_and_a_message_in_the_site_language() {
    let site = TempSite::new();
    example_site(&site.root);
    let server = Server::start(&site.root, &["--lang", "vi"]);
    let addr = server.addr;
    let path = "content/associations/hoi-luat-gia/2013-h1.yaml";
    let original = read(&site.root, path);
    let (first, second) = (session('a'), session('b'));
    // Two windows open the same figures.
    let opened = get_entry(addr, &first, path);
    get_entry(addr, &second, path);
    let text_a = original.replace("conferences: 35", "conferences: 36");
    let text_b = original.replace("conferences: 35", "conferences: 40");
    let (status, answer) = persist(
        addr,
        &[("Cookie", &first)],
        json!({ "path": path, "raw": text_a }),
        false,
    );
    assert_eq!(status, 200, "{answer}");
    // The second window saves what it opened before the first save: refused.
    let (status, answer) = persist(
        addr,
        &[("Cookie", &second)],
        json!({ "path": path, "raw": text_b }),
        false,
    );
    assert_eq!(status, 409, "{answer}");
    let error = error_of(&answer);
    assert!(error.starts_with(&format!("lỗi[E460]: {path}")), "{error}");
    assert!(error.contains("tải lại trang (F5)"), "{error}");
    assert_eq!(read(&site.root, path), text_a, "the first save is kept");
    // The same window saves again (it knows the version it wrote).
    let text_a2 = text_a.replace("conferences: 36", "conferences: 37");
    let (status, _) = persist(
        addr,
        &[("Cookie", &first)],
        json!({ "path": path, "raw": text_a2 }),
        false,
    );
    assert_eq!(status, 200);
    // The second window reloads, then saves.
    get_entry(addr, &second, path);
    let (status, _) = persist(
        addr,
        &[("Cookie", &second)],
        json!({ "path": path, "raw": text_b }),
        false,
    );
    assert_eq!(status, 200);
    assert_eq!(read(&site.root, path), text_b);

    // `If-Match`: the version the client says it edited.
    let old_id = opened["file"]["id"].as_str().unwrap().to_string();
    let stale = format!("\"{old_id}\"");
    let (status, answer) = persist(
        addr,
        &[("If-Match", &stale)],
        json!({ "path": path, "raw": original }),
        false,
    );
    assert_eq!(status, 409, "{answer}");
    let current = write_version(&read(&site.root, path));
    let (status, answer) = persist(
        addr,
        &[("If-Match", &current)],
        json!({ "path": path, "raw": original }),
        false,
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(read(&site.root, path), original);

    // A client that never opened the file cannot overwrite it.
    let (status, answer) = persist(
        addr,
        &[("Cookie", &session('c'))],
        json!({ "path": path, "raw": text_a }),
        false,
    );
    assert_eq!(status, 409, "{answer}");
    assert!(error_of(&answer).contains("lỗi[E462]"), "{answer}");
    assert_eq!(read(&site.root, path), original);

    // An image listed in the media library can be deleted from it.
    let (status, answer) = admin_api(
        addr,
        "persistMedia",
        json!({ "branch": "main", "asset": { "path": "static/images/anh.png", "content": base64(&png(2, 2, [9, 9, 9])), "encoding": "base64" } }),
        &[("Cookie", &second)],
    );
    assert_eq!(status, 200, "{answer}");
    let (status, listed) = admin_api(
        addr,
        "getMedia",
        json!({ "branch": "main", "mediaFolder": "static/images" }),
        &[("Cookie", &first)],
    );
    assert_eq!(status, 200, "{listed}");
    let (status, answer) = admin_api(
        addr,
        "deleteFile",
        json!({ "branch": "main", "path": "static/images/anh.png" }),
        &[("Cookie", &first)],
    );
    assert_eq!(status, 200, "{answer}");
    assert!(!site.root.join("static/images/anh.png").exists());

    // A delete from an outdated version is refused too.
    get_entry(addr, &first, TRAO_QUA);
    let trao_qua = read(&site.root, TRAO_QUA);
    std::fs::write(
        site.root.join(TRAO_QUA),
        trao_qua.replace("Phong Thổ", "Sìn Hồ"),
    )
    .unwrap();
    let (status, answer) = admin_api(
        addr,
        "deleteFile",
        json!({ "branch": "main", "path": TRAO_QUA }),
        &[("Cookie", &first)],
    );
    assert_eq!(status, 409, "{answer}");
    assert!(site.root.join(TRAO_QUA).is_file());
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The version of a text as the API names it (`If-Match`).
fn write_version(text: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn concurrent_saves_of_one_file_never_mix_and_never_fail_with_500() {
    let site = TempSite::new();
    example_site(&site.root);
    let server = Server::start(&site.root, &["--lang", "en"]);
    let addr = server.addr;
    let path = TRAO_QUA;
    let original = read(&site.root, path);
    for round in 0..3 {
        let clients = 6;
        let barrier = Arc::new(Barrier::new(clients));
        let threads: Vec<_> = (0..clients)
            .map(|n| {
                let barrier = barrier.clone();
                let original = original.clone();
                std::thread::spawn(move || {
                    let cookie = format!("blocpress-cms={:032x}", round * 100 + n + 1);
                    get_entry(addr, &cookie, path);
                    // A long body, so two writes of it would show if they interleaved.
                    let body = format!("{n}").repeat(200_000);
                    let raw =
                        original.replace("\n---\n", &format!("\n---\nLần lưu {n}.\n\n{body}\n\n"));
                    barrier.wait();
                    let (status, answer) = persist(
                        addr,
                        &[("Cookie", &cookie)],
                        json!({ "path": path, "raw": raw }),
                        false,
                    );
                    (status, answer, raw)
                })
            })
            .collect();
        let results: Vec<(u16, Value, String)> =
            threads.into_iter().map(|t| t.join().unwrap()).collect();
        let statuses: Vec<u16> = results.iter().map(|r| r.0).collect();
        assert_eq!(
            statuses.iter().filter(|s| **s == 200).count(),
            1,
            "round {round}: {statuses:?} {:?}",
            results.iter().map(|r| &r.1).collect::<Vec<_>>()
        );
        assert!(
            statuses.iter().all(|s| *s == 200 || *s == 409),
            "round {round}: {statuses:?}"
        );
        let winner = &results.iter().find(|r| r.0 == 200).unwrap().2;
        assert_eq!(
            &read(&site.root, path),
            winner,
            "round {round}: mixed content"
        );
        assert!(strays(&site.root).is_empty(), "{:?}", strays(&site.root));
        std::fs::write(site.root.join(path), &original).unwrap();
    }
}

/// A period's figures as `blocpress new period` writes them (every metric empty, comments that
/// teach), saved from the browser with only the summary typed: Decap re-writes the file from
/// its form as below (yaml 1.10: a mapping of empty values becomes `? key` lines, comments
/// gone). The file saved keeps its comments and reads as before, with the summary.
#[test]
fn a_save_from_the_browser_keeps_the_file_readable_in_notepad() {
    let site = TempSite::new();
    example_site(&site.root);
    let new = std::process::Command::new(env!("CARGO_BIN_EXE_blocpress"))
        .args(["new", "period", "2014-h1", "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    assert!(new.status.success());
    let path = "content/associations/hoi-luat-gia/2014-h1.yaml";
    let before = read(&site.root, path);
    assert!(before.contains("# CÁCH GHI SỐ"));
    let server = Server::start(&site.root, &["--lang", "vi"]);
    let me = session('a');
    get_entry(server.addr, &me, path);
    let decap = "summary: Hội hoàn thành vượt mức các chỉ tiêu.\nmetrics:\n  ? new_members\n  ? conferences\n  ? participants\n  ? trainings\n  ? support_value\n  ? emulation_registration_rate\n  ? constitution_opinions\n  ? constitution_issues\n  ? pilot_models\nhighlights: []\nplans: []\ntargets:\n  ? new_members\n  ? conferences\n  ? participants\n  ? trainings\n  ? support_value\n  ? emulation_registration_rate\n  ? constitution_opinions\n  ? constitution_issues\n  ? pilot_models\n";
    let save = |raw: &str| {
        let (status, answer) = persist(
            server.addr,
            &[("Cookie", &me)],
            json!({ "path": path, "raw": raw }),
            false,
        );
        assert_eq!(status, 200, "{answer}");
        read(&site.root, path)
    };
    let saved = save(decap);
    assert!(
        !saved.lines().any(|l| l.trim_start().starts_with("? ")),
        "{saved}"
    );
    assert_eq!(
        saved,
        before.replace(
            "\nsummary:\n",
            "\nsummary: Hội hoàn thành vượt mức các chỉ tiêu.\n"
        ),
        "only the summary changed; every comment kept"
    );
    // A figure typed later is written in its place, its comment kept.
    let decap = decap
        .replace("  ? support_value\n", "  support_value: 12500000\n")
        .replacen("  ? new_members\n", "  new_members: 12\n", 1);
    let saved = save(&decap);
    assert!(
        saved.contains("  new_members: 12 # Số hội viên mới kết nạp (hội viên)\n"),
        "{saved}"
    );
    assert!(
        saved.contains("  support_value: 12500000 # Giá trị quà, hỗ trợ đã trao (đồng)\n"),
        "{saved}"
    );
    assert!(saved.contains("# CÁCH GHI SỐ"), "{saved}");
    assert!(
        saved.contains("targets:\n  new_members:                  # Số hội viên mới kết nạp\n"),
        "{saved}"
    );
}

/// Two saves that are each fine alone but together give two news items one URL, sent at the
/// same moment: the check and the write happen under one lock, so the second is checked with
/// the first already on disk and refused (E054); the site never holds both.
#[test]
fn two_saves_that_clash_only_together_are_never_both_written() {
    let site = TempSite::new();
    example_site(&site.root);
    let server = Server::start(&site.root, &["--lang", "en"]);
    let addr = server.addr;
    for round in 0..3 {
        let barrier = Arc::new(Barrier::new(2));
        let threads: Vec<_> = ["2014", "2015"]
            .into_iter()
            .map(|year| {
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    let path =
                        format!("content/news/{year}/{year}-01-10-hop-mat-dau-nam-{round}.md");
                    let raw = format!("---\ntitle: Họp mặt\ndate: {year}-01-10\n---\nNội dung.\n");
                    let cookie = session(if year == "2014" { 'a' } else { 'b' });
                    barrier.wait();
                    persist(
                        addr,
                        &[("Cookie", &cookie)],
                        json!({ "path": path, "raw": raw }),
                        true,
                    )
                })
            })
            .collect();
        let results: Vec<(u16, Value)> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        let statuses: Vec<u16> = results.iter().map(|r| r.0).collect();
        assert!(
            statuses.contains(&200) && statuses.contains(&422),
            "round {round}: {results:?}"
        );
        let refused = &results.iter().find(|r| r.0 == 422).unwrap().1;
        assert!(error_of(refused).contains("error[E054]"), "{refused}");
        let check = std::process::Command::new(env!("CARGO_BIN_EXE_blocpress"))
            .args(["check", "--lang", "en", "--root"])
            .arg(&site.root)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
}
