//! The CMS at `/admin/` in a real browser: headless Chromium (tests/cms/admin.mjs with
//! playwright-core) logs in to the local proxy, edits a news body and saves, fills a member's
//! figures and saves; the files on disk change, the front matter stays, the open preview
//! reloads, `check` passes, the review page shows the new figure. No request may leave the
//! server, and the page may raise no error. The Vietnamese phrases must cover every English one.
//!
//! Ignored unless `cargo test -- --include-ignored`; then a missing Chromium, Node or
//! playwright-core fails the test.

mod serve_common;

use std::path::Path;
use std::process::Command;

use serve_common::*;

fn tools() -> (String, std::path::PathBuf) {
    browser_tools("cms")
}

/// Runs `script` of tests/cms with `args` in headless Chromium and returns the one JSON object it
/// prints; a failed run or no JSON fails the test with what it printed and the server's log.
fn run_script(script: &str, args: &[&std::ffi::OsStr], server: &Server) -> serde_json::Value {
    let (chrome, dir) = tools();
    let output = Command::new("node")
        .arg(script)
        .args(args)
        .env("CHROME_PATH", &chrome)
        .current_dir(dir)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{script} failed:\n{stdout}\n{}\nserver:\n{}",
        String::from_utf8_lossy(&output.stderr),
        server.log()
    );
    serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("{script} printed no JSON ({e}):\n{stdout}"))
}

#[test]
#[ignore = "needs Chromium and Node (npm ci in tests/cms)"]
fn an_editor_writes_news_and_fills_figures_in_the_browser() {
    let site = TempSite::new();
    example_site(&site.root);
    let server = Server::start(&site.root, &["--lang", "vi"]);
    let base = format!("http://{}", server.addr);
    let shots = std::env::var("BLOCPRESS_CMS_SHOTS").unwrap_or_default();
    // A 1×1 PNG on the editor's computer, outside the site.
    let image = site.dir.path().join("anh-thu.png");
    std::fs::write(
        &image,
        [
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
            0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
            0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
            0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99,
            0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
        ],
    )
    .unwrap();
    let result = run_script(
        "admin.mjs",
        &[
            base.as_ref(),
            site.root.as_os_str(),
            shots.as_ref(),
            image.as_os_str(),
        ],
        &server,
    );
    assert!(
        result.get("error").is_none(),
        "the browser run stopped: {}\nsteps: {}\nserver:\n{}",
        result["error"],
        result["steps"],
        server.log()
    );
    assert_eq!(
        result["steps"],
        serde_json::json!([
            "login",
            "news saved",
            "preview reloaded",
            "figures saved",
            "news created",
            "refused",
            "number refused"
        ])
    );
    assert_eq!(
        result["outside"],
        serde_json::json!([]),
        "requests left 127.0.0.1"
    );
    let clean = &result["errorsBeforeRefusal"];
    assert_eq!(clean["pageErrors"], serde_json::json!([]));
    let console: Vec<&str> = clean["consoleErrors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .filter(|m| !m.ends_with("/favicon.ico"))
        // Decap's preview pane asks for a chosen photo by its address before the save puts it
        // there (checked below: served once saved).
        .filter(|m| !m.ends_with("/images/anh-thu.png"))
        .collect();
    assert!(
        console.is_empty(),
        "console errors or warnings: {console:#?}"
    );
    assert_eq!(
        result["missingVi"],
        serde_json::json!([]),
        "Decap phrases without Vietnamese: add them to src/cms/vi-phrases.js"
    );

    // The refused save: the editor sees why, in Vietnamese, and nothing is written.
    let refusal = result["refusal"].as_str().unwrap_or_default();
    assert!(
        refusal.contains("Chưa lưu, vì tệp sẽ bị lỗi khi kiểm tra"),
        "{refusal}"
    );
    assert!(refusal.contains("content/pages/search.md"), "{refusal}");
    assert_eq!(result["refusedPageWritten"], false);
    assert!(!site.root.join("content/pages/search.md").exists());

    // The news file: new text, front matter intact.
    let news = std::fs::read_to_string(
        site.root
            .join("content/news/2013-05-30-trao-qua-cho-hoc-sinh-phong-tho.md"),
    )
    .unwrap();
    assert!(
        news.contains("Câu thêm từ trang quản trị để kiểm thử."),
        "{news}"
    );
    let front = news
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(front, _)| front)
        .expect("front matter");
    let front: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
    assert_eq!(
        front["title"].as_str(),
        Some("Hội Chữ thập đỏ tỉnh trao quà cho học sinh huyện Phong Thổ")
    );
    assert_eq!(front["period"].as_str(), Some("2013-h1"));
    assert_eq!(front["image"].as_str(), Some("/images/anh-thu.png"));
    assert_eq!(
        std::fs::read(site.root.join("static/images/anh-thu.png")).unwrap(),
        std::fs::read(&image).unwrap(),
        "the upload is saved with the entry"
    );
    assert_eq!(front["associations"][0].as_str(), Some("hoi-chu-thap-do"));
    let tags: Vec<&str> = front["tags"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert_eq!(tags, ["Chữ thập đỏ", "Nhân đạo", "Hiến pháp", "Kiểm thử"]);

    // The new news item.
    let created = std::fs::read_to_string(
        site.root
            .join("content/news/2014/2014-03-12-hoi-nong-dan-tap-huan-ky-thuat-trong-che.md"),
    )
    .expect("the new news item, named after its date and title");
    assert!(
        created.contains("title: Hội Nông dân tập huấn kỹ thuật trồng chè"),
        "{created}"
    );
    assert!(created.contains("date: 2014-03-12"), "{created}");

    // The figures: numbers, not text.
    let figures = std::fs::read_to_string(
        site.root
            .join("content/associations/hoi-luat-gia/2013-h1.yaml"),
    )
    .unwrap();
    let figures: serde_yaml::Value = serde_yaml::from_str(&figures).unwrap();
    assert_eq!(figures["metrics"]["new_members"].as_u64(), Some(12));
    assert_eq!(figures["metrics"]["conferences"].as_u64(), Some(35));
    // Typed `4.500.000` and `95,5`: read as meant.
    assert_eq!(
        figures["metrics"]["support_value"].as_u64(),
        Some(4_500_000)
    );
    assert_eq!(
        figures["metrics"]["emulation_registration_rate"].as_f64(),
        Some(95.5)
    );
    // Typed `12,5` đồng: refused in the form with its code; the file kept the saved value.
    let refusal = result["numberRefusal"].as_str().unwrap_or_default();
    assert!(
        refusal.contains("lỗi[E482]") && refusal.contains("12,5"),
        "{refusal}"
    );
    assert_eq!(result["figuresUnchanged"], true);

    let check = Command::new(env!("CARGO_BIN_EXE_blocpress"))
        .args(["check", "--root"])
        .arg(&site.root)
        .env("BLOCPRESS_LANG", "en")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    server.wait_for(
        "/news/hoi-nong-dan-tap-huan-ky-thuat-trong-che/",
        "the new news page",
        |r| r.status == 200 && r.text().contains("Nội dung tin mới."),
    );
    let photo = server.wait_for("/images/anh-thu.png", "the uploaded photo", |r| {
        r.status == 200
    });
    assert_eq!(photo.header("content-type"), Some("image/png"));
    let review = server.wait_for("/reports/2013-h1/", "the new figure", |r| {
        r.text().contains(
            "Số hội viên mới kết nạp</th><td class=\"num\" data-label=\"Kết quả\" data-cell=\"value\">12 hội viên",
        )
    });
    assert_eq!(review.status, 200);
}

#[test]
#[ignore = "needs Chromium and Node (npm ci in tests/cms)"]
fn the_generated_configuration_loads_without_warnings_for_a_fixture() {
    let site = TempSite::new();
    copy_dir(&fixture_dir(), &site.root);
    let server = Server::start(&site.root, &[]);
    let base = format!("http://{}", server.addr);
    let result = run_script("tour.mjs", &[base.as_ref()], &server);
    assert!(result.get("error").is_none(), "{}", result["error"]);
    assert_eq!(result["outside"], serde_json::json!([]));
    assert_eq!(result["pageErrors"], serde_json::json!([]));
    let console: Vec<&str> = result["console"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .filter(|m| !m.ends_with("/favicon.ico"))
        .collect();
    assert!(console.is_empty(), "Decap warned: {console:#?}");
    let collections = result["collections"].as_array().unwrap();
    for name in [
        "news",
        "pages",
        "periods",
        "figures-hoi-a",
        "figures-hoi-b",
        "members",
        "registrations",
        "scoring",
    ] {
        assert!(
            collections.contains(&serde_json::json!(format!("#/collections/{name}"))),
            "{name}: {collections:?}"
        );
    }
    // The first and the last entry of every list that has entries; only the meetings and the
    // awards may be empty in a fixture.
    let empty: Vec<&str> = result["empty"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        empty
            .iter()
            .all(|c| ["#/collections/awards", "#/collections/meetings"].contains(c)),
        "{empty:?}"
    );
    assert_eq!(
        result["opened"].as_array().unwrap().len(),
        2 * (collections.len() - empty.len())
    );
}

fn fixture_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cms-site")
}

/// Issue 29: the browser editor as a secretary meets it. A new news item is not said to be
/// saved; the date field has no "UTC", takes 12/3/2026, shows 12/03/2026 and stores 2026-03-12;
/// a photo chosen before the first save shows in its field and in the preview; the preview uses
/// the site's stylesheet. `BLOCPRESS_CMS_SHOTS=dir` keeps screenshots at 1280 and 390 px.
#[test]
#[ignore = "needs Chromium and Node (npm ci in tests/cms)"]
fn a_new_news_item_reads_as_an_office_expects() {
    let site = TempSite::new();
    example_site(&site.root);
    let server = Server::start(&site.root, &["--lang", "vi"]);
    let base = format!("http://{}", server.addr);
    let shots = std::env::var("BLOCPRESS_CMS_SHOTS").unwrap_or_default();
    let image = site.dir.path().join("anh-ra-quan.png");
    std::fs::write(&image, png(40, 30, [200, 30, 30])).unwrap();
    let result = run_script(
        "editor.mjs",
        &[
            base.as_ref(),
            site.root.as_os_str(),
            image.as_os_str(),
            shots.as_ref(),
        ],
        &server,
    );
    assert!(
        result.get("error").is_none(),
        "the browser run stopped: {}\n{result:#}\nserver:\n{}",
        result["error"],
        server.log()
    );
    assert_eq!(result["outside"], serde_json::json!([]));
    assert_eq!(result["pageErrors"], serde_json::json!([]));
    // A new, empty item: not "saved".
    assert_eq!(
        result["newEntry"],
        serde_json::json!({ "saysNew": true, "saysSaved": false }),
        "{result:#}"
    );
    // Figures of a period not written yet: not "saved" either; written ones are.
    assert_eq!(
        result["unwrittenFigures"],
        serde_json::json!({ "saysUnwritten": true, "saysSaved": false }),
        "{result:#}"
    );
    assert_eq!(result["writtenFiguresSaved"], true, "{result:#}");
    // The date: no UTC, day/month/year shown, YYYY-MM-DD stored, shown again day first.
    let field = result["dateFieldText"].as_str().unwrap_or_default();
    assert!(!field.contains("UTC"), "{field}");
    assert_eq!(result["dateShown"], "12/03/2026");
    let saved = result["saved"].as_str().unwrap_or_default();
    assert!(saved.contains("date: 2026-03-12\n"), "{saved}");
    assert!(saved.contains("image: /images/anh-ra-quan.png"), "{saved}");
    assert_eq!(result["dateReopened"], "12/03/2026");
    assert_eq!(result["afterSave"], true);
    // The photo, before the save: loaded in its field and in the preview.
    let loaded = |v: &serde_json::Value| {
        v.as_array()
            .is_some_and(|widths| widths.iter().any(|w| w.as_u64() == Some(40)))
    };
    assert!(loaded(&result["thumbnails"]), "{result:#}");
    assert!(loaded(&result["preview"]["images"]), "{result:#}");
    // The preview uses the site's own stylesheet, loaded (it has rules).
    let sheets = result["preview"]["sheets"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        sheets.iter().any(|s| {
            s["href"]
                .as_str()
                .is_some_and(|h| h.ends_with("/style.css"))
                && s["rules"].as_i64().is_some_and(|n| n > 10)
        }),
        "{sheets:#?}"
    );
}

/// Issue 29: members open the browser editor on their phones from a Zalo link. At 390×844 the
/// list of news, a news item's editor, a new item's editor and a member's figures do not
/// scroll sideways, and the
/// title field and the Save button are on screen (tests/cms/phone.mjs).
/// `BLOCPRESS_CMS_SHOTS=dir` keeps screenshots at 390 and 1280 px.
#[test]
#[ignore = "needs Chromium and Node (npm ci in tests/cms)"]
fn the_browser_editor_fits_a_phone() {
    let site = TempSite::new();
    example_site(&site.root);
    let server = Server::start(&site.root, &["--lang", "vi"]);
    let base = format!("http://{}", server.addr);
    let shots = std::env::var("BLOCPRESS_CMS_SHOTS").unwrap_or_default();
    let result = run_script("phone.mjs", &[base.as_ref(), shots.as_ref()], &server);
    assert!(
        result.get("error").is_none(),
        "the browser run stopped: {}\n{result:#}\nserver:\n{}",
        result["error"],
        server.log()
    );
    assert_eq!(result["outside"], serde_json::json!([]));
    assert_eq!(result["pageErrors"], serde_json::json!([]));
    for name in ["list", "entry", "new", "figures"] {
        let page = &result["pages"][name];
        assert_eq!(page["viewport"], 390, "{name}: {page}");
        assert!(
            page["scrollWidth"].as_i64().is_some_and(|w| w <= 390),
            "{name}: the page scrolls sideways: {page}"
        );
        assert_eq!(page["wide"], serde_json::json!([]), "{name}: {page}");
    }
    let list = &result["pages"]["list"];
    assert_eq!(list["newButton"], true, "{list}");
    assert_eq!(list["firstEntry"], true, "{list}");
    for name in ["entry", "new"] {
        let page = &result["pages"][name];
        assert_eq!(
            page["title"], true,
            "{name}: title field off-screen: {page}"
        );
        assert_eq!(page["save"], true, "{name}: Save off-screen: {page}");
        // The title field is wide enough to read a title in (most of the screen).
        assert!(
            page["titleWidth"].as_i64().is_some_and(|w| w >= 250),
            "{name}: {page}"
        );
    }
    assert_eq!(result["pages"]["new"]["typed"], " mới");
}
