//! The `serve` overlay speaks the site's language: the status the page listens to carries
//! every word (title, note, labels, each error's message and its `explain` text), each error
//! links to a view of its file at the line, and the script itself holds no words.

mod serve_common;

use serve_common::*;

#[test]
fn the_overlay_status_is_in_the_sites_language_with_explanations_and_a_link_to_the_line() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/khoi/");
    let server = Server::start(&site.root, &["--lang", "vi"]);
    assert!(server.log().contains("Đang chạy trang"), "{}", server.log());

    let news = "content/news/2013-06-21-so-ket.md";
    let original = std::fs::read_to_string(site.root.join(news)).unwrap();
    save_atomically(
        &site.root,
        news,
        &original.replace("date: 2013-06-21", "date: 2026-11-31"),
    );
    let status = server.wait_status("the date error", |s| {
        !s["errors"].as_array().unwrap().is_empty()
    });
    assert_eq!(status["language"], "vi", "{status}");
    assert_eq!(status["ui"]["title"], "Trang có 1 lỗi cần sửa", "{status}");
    assert_eq!(status["ui"]["explain"], "Lỗi này là gì và cách sửa");
    let error = &status["errors"][0];
    assert_eq!(error["code"], "E046");
    assert_eq!(
        error["message"],
        "“2026-11-31” không phải ngày hợp lệ: tháng 11 năm 2026 chỉ có 30 ngày; ngày cuối tháng là 2026-11-30"
    );
    assert_eq!(
        error["explain"]["meaning"],
        "Ngày không có trong tháng (tháng 11 chỉ có 30 ngày, tháng 2 có 28 hoặc 29 ngày)."
    );
    assert!(
        error["explain"]["fix"]
            .as_str()
            .unwrap()
            .contains("Sửa ngày")
    );

    // The link opens the file at the line, marked.
    let link = error["source"].as_str().unwrap();
    assert!(link.starts_with("/__blocpress/source/0#L3"), "{link}");
    let page = server.get(link.split('#').next().unwrap());
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(
        html.contains("<tr id=\"L3\" class=\"here\"><th>3</th><td>date: 2026-11-31</td></tr>"),
        "{html}"
    );
    assert!(html.contains(&format!("{news}, dòng 3")), "{html}");
    // Only the files of current errors, by their number: nothing else can be read this way.
    assert_eq!(server.get("/__blocpress/source/1").status, 404);
    assert_eq!(server.get("/__blocpress/source/..%2Fsite.yaml").status, 400);

    // The script lays the words out; it holds none of its own.
    let script = server.get("/__blocpress/livereload.js").text();
    assert!(!script.contains("The page shows"), "words in the script");
    assert!(
        script.contains("status.ui"),
        "the script takes its words from the status"
    );
}

/// As `build` and `check` do, `serve` reports every error of a file in one go: a misspelt
/// association in the front matter (E067) does not hide a missing photo in the body (E400).
#[test]
fn an_error_in_the_front_matter_does_not_hide_one_in_the_body() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/khoi/");
    let server = Server::start(&site.root, &["--lang", "vi"]);

    let news = "content/news/2013-05-30-trao-qua.md";
    let original = std::fs::read_to_string(site.root.join(news)).unwrap();
    let broken = original.replace("[hoi-chu-thap-do]", "[hoi-chu-thap-dox]")
        + "\n![Ảnh trao quà](/images/khong-co.jpg)\n";
    assert_ne!(broken, original);
    save_atomically(&site.root, news, &broken);
    let status = server.wait_status("both errors", |s| {
        !s["errors"].as_array().unwrap().is_empty()
    });
    let codes: Vec<&str> = status["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["E067", "E400"], "{status}");
    assert_eq!(status["ui"]["title"], "Trang có 2 lỗi cần sửa", "{status}");
    assert!(
        status["errors"][1]["message"]
            .as_str()
            .unwrap()
            .contains("/images/khong-co.jpg"),
        "{status}"
    );
}

/// The same for a page: an empty title (E065) does not hide the missing photo under it.
#[test]
fn a_pages_empty_title_does_not_hide_its_missing_photo() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/khoi/");
    let server = Server::start(&site.root, &["--lang", "vi"]);
    save_atomically(
        &site.root,
        "content/pages/gioi-thieu.md",
        "---\ntitle: \"\"\nmenu: 1\n---\nKhối gồm các hội đặc thù.\n\n![Ảnh](/images/khong-co.jpg)\n",
    );
    let status = server.wait_status("both errors", |s| {
        !s["errors"].as_array().unwrap().is_empty()
    });
    let found: Vec<(&str, u64)> = status["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].as_str().unwrap(), e["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(found, [("E065", 2), ("E400", 7)], "{status}");
}
