//! `blocpress serve` through the real binary on an ephemeral port: pages from memory under the
//! local address, changes on disk seen and rebuilt, broken files reported while the last good
//! site stays served, traversal probes sent as raw requests, a port in use, Ctrl-C.

mod serve_common;

use std::time::Duration;

use serve_common::*;

fn title_of(response: &Response) -> String {
    let html = scraper::Html::parse_document(&response.text());
    let selector = scraper::Selector::parse("h1").unwrap();
    html.select(&selector)
        .next()
        .map(|h| h.text().collect::<String>())
        .unwrap_or_default()
}

#[test]
fn serves_the_site_from_memory_under_the_local_address_and_sub_path() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/khoi/");
    let server = Server::start(&site.root, &[]);
    let origin = format!("http://{}", server.addr);
    assert_eq!(server.url, format!("{origin}/khoi/"));

    let home = server.get("/khoi/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let text = home.text();
    assert!(
        text.contains(&format!("<link rel=\"canonical\" href=\"{origin}/khoi/\">")),
        "base_url is the local address with the sub-path:\n{text}"
    );
    assert!(!text.contains("thidua.example.vn"), "{text}");
    assert!(text.contains("href=\"/khoi/news/\""), "{text}");
    assert!(
        text.contains("<script src=\"/__blocpress/livereload.js\""),
        "live reload script added: {text}"
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    assert_eq!(home.header("x-content-type-options"), Some("nosniff"));

    // The sub-path is served, the root leads to it, folders get their slash.
    let root = server.get("/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("location"), Some("/khoi/"));
    let folder = server.get("/khoi/news");
    assert_eq!(folder.status, 302);
    assert_eq!(folder.header("location"), Some("/khoi/news/"));
    assert_eq!(server.get("/khoi/news/page/2/").status, 200);
    assert_eq!(server.get("/khoi/news/so-ket/").status, 200);
    assert_eq!(
        server.get("/khoi/?utm=x&y").status,
        200,
        "the query is ignored"
    );

    for (path, content_type) in [
        ("/khoi/style.css", "text/css; charset=utf-8"),
        ("/khoi/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/khoi/sitemap.xml", "text/xml; charset=utf-8"),
        ("/khoi/robots.txt", "text/plain; charset=utf-8"),
        (
            "/khoi/reports/2013-h1/data.json",
            "application/json; charset=utf-8",
        ),
        ("/khoi/reports/2013-h1/data.csv", "text/csv; charset=utf-8"),
        ("/khoi/images/logo.svg", "image/svg+xml; charset=utf-8"),
        ("/khoi/favicon.svg", "image/svg+xml; charset=utf-8"),
        (
            "/khoi/files/t%C3%A0i%20li%E1%BB%87u.txt",
            "text/plain; charset=utf-8",
        ),
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(
            response.header("content-type"),
            Some(content_type),
            "{path}"
        );
        assert!(
            !response.text().contains("livereload"),
            "only HTML gets the script: {path}"
        );
    }
    let feed = server.get("/khoi/atom.xml").text();
    assert!(feed.contains(&format!("{origin}/khoi/news/")), "{feed}");
    assert_eq!(
        server.get("/khoi/files/t%C3%A0i%20li%E1%BB%87u.txt").text(),
        "tài liệu hội nghị\n"
    );

    // The site's own 404 page, with status 404, inside and outside the sub-path.
    for path in [
        "/khoi/no-such-page/",
        "/khoi/news/none/",
        "/elsewhere",
        "/khoi-x/",
    ] {
        let missing = server.get(path);
        assert_eq!(missing.status, 404, "{path}");
        let text = missing.text();
        assert!(text.contains("Khối thi đua thử nghiệm"), "{path}: {text}");
        assert!(text.contains("livereload.js"), "{path}");
    }

    // HEAD answers without a body; other methods are refused.
    let head = request(server.addr, "HEAD", "/khoi/", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let refused = request(server.addr, method, "/khoi/", &[("Content-Length", "0")]);
        assert_eq!(refused.status, 405, "{method}");
        assert_eq!(refused.header("allow"), Some("GET, HEAD"), "{method}");
    }

    // Bound to 127.0.0.1: requests for another host name are refused (DNS rebinding).
    let foreign = request(server.addr, "GET", "/khoi/", &[("Host", "evil.example")]);
    assert_eq!(foreign.status, 403);
    let localhost = request(
        server.addr,
        "GET",
        "/khoi/",
        &[("Host", &format!("localhost:{}", server.addr.port()))],
    );
    assert_eq!(localhost.status, 200);

    assert!(
        !site.root.join("public").exists(),
        "serve never writes public/"
    );
}

#[test]
fn edits_new_and_deleted_files_and_folders_are_seen() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/");
    let server = Server::start(&site.root, &[]);
    let news = "content/news/2013-06-24-gop-y.md";

    // An atomic save (temporary file renamed over) of a news item.
    save_atomically(
        &site.root,
        news,
        &news_file(
            "Góp ý sửa đổi Hiến pháp năm 1992",
            "2013-06-24",
            "associations: [hoi-luat-gia]\ntags: [Hiến pháp, Sơ kết]\n",
            "Nội dung mới.",
        ),
    );
    server.wait_for("/news/gop-y/", "the new title", |r| {
        title_of(r) == "Góp ý sửa đổi Hiến pháp năm 1992"
    });
    // The lists and feeds that show it follow.
    for path in [
        "/",
        "/news/",
        "/tags/hien-phap/",
        "/associations/hoi-luat-gia/",
        "/atom.xml",
    ] {
        let text = server.get(path).text();
        assert!(text.contains("Góp ý sửa đổi Hiến pháp năm 1992"), "{path}");
    }

    // An in-place write (truncate and write) is seen too.
    write(
        &site.root,
        news,
        &news_file(
            "Góp ý lần hai",
            "2013-06-24",
            "associations: [hoi-luat-gia]\ntags: [Hiến pháp, Sơ kết]\n",
            "x",
        ),
    );
    server.wait_for("/news/gop-y/", "the second title", |r| {
        title_of(r) == "Góp ý lần hai"
    });

    // A vim-style save: the original renamed to a backup, a new file written, the backup
    // removed; vim also probes the folder with a file named 4913.
    let path = site.root.join(news);
    let backup = site.root.join("content/news/2013-06-24-gop-y.md~");
    write(&site.root, "content/news/4913", "");
    std::fs::remove_file(site.root.join("content/news/4913")).unwrap();
    std::fs::rename(&path, &backup).unwrap();
    std::fs::write(
        &path,
        news_file(
            "Góp ý lần ba",
            "2013-06-24",
            "associations: [hoi-luat-gia]\ntags: [Hiến pháp, Sơ kết]\n",
            "y",
        ),
    )
    .unwrap();
    std::fs::remove_file(&backup).unwrap();
    server.wait_for("/news/gop-y/", "the vim-saved title", |r| {
        title_of(r) == "Góp ý lần ba"
    });
    assert!(server.status()["errors"].as_array().unwrap().is_empty());

    // A new file, then a new folder with a file in a sub-folder.
    write(
        &site.root,
        "content/news/2013-07-01-moi.md",
        &news_file("Tin mới", "2013-07-01", "", "Mới."),
    );
    server.wait_for("/news/moi/", "the new news page", |r| r.status == 200);
    write(
        &site.root,
        "content/news/2014/thang-1/2014-01-05-dau-nam.md",
        &news_file("Tin đầu năm 2014", "2014-01-05", "", "Đầu năm."),
    );
    server.wait_for("/news/dau-nam/", "news in a new folder", |r| {
        r.status == 200
    });
    assert!(server.get("/").text().contains("Tin đầu năm 2014"));

    // Deleting a file, then a whole folder.
    std::fs::remove_file(site.root.join("content/news/2013-07-01-moi.md")).unwrap();
    server.wait_for("/news/moi/", "the deleted page to go", |r| r.status == 404);
    std::fs::remove_dir_all(site.root.join("content/news/2014")).unwrap();
    server.wait_for("/news/dau-nam/", "the deleted folder's page to go", |r| {
        r.status == 404
    });

    // A renamed file moves its page.
    std::fs::rename(
        site.root.join("content/news/2013-05-30-trao-qua.md"),
        site.root.join("content/news/2013-05-30-trao-qua-tet.md"),
    )
    .unwrap();
    server.wait_for("/news/trao-qua-tet/", "the renamed page", |r| {
        r.status == 200
    });
    assert_eq!(server.get("/news/trao-qua/").status, 404);

    // Static files: new, changed, deleted.
    write(&site.root, "static/docs/bao-cao.txt", "bản 1\n");
    server.wait_for("/docs/bao-cao.txt", "a new static file", |r| {
        r.text() == "bản 1\n"
    });
    write(&site.root, "static/docs/bao-cao.txt", "bản 2\n");
    server.wait_for("/docs/bao-cao.txt", "a changed static file", |r| {
        r.text() == "bản 2\n"
    });
    std::fs::remove_dir_all(site.root.join("static/docs")).unwrap();
    server.wait_for("/docs/bao-cao.txt", "a deleted static folder", |r| {
        r.status == 404
    });

    // A template override appears, changes every news page, and goes away again.
    write(
        &site.root,
        "themes/default/templates/news.html",
        "{% extends \"base.html\" %}{% block content %}<h1>THEME {{ news.title }}</h1>{% endblock content %}",
    );
    server.wait_for("/news/so-ket/", "the overriding template", |r| {
        title_of(r) == "THEME Sơ kết thi đua 6 tháng đầu năm"
    });
    std::fs::remove_dir_all(site.root.join("themes")).unwrap();
    server.wait_for("/news/so-ket/", "the built-in template back", |r| {
        title_of(r) == "Sơ kết thi đua 6 tháng đầu năm"
    });

    // site.yaml, a page and an association.
    let config = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    save_atomically(
        &site.root,
        "site.yaml",
        &config.replace("Khối thi đua thử nghiệm", "Khối thi đua đã đổi tên"),
    );
    server.wait_for("/", "the new site title", |r| {
        r.text().contains("Khối thi đua đã đổi tên")
    });
    write(
        &site.root,
        "content/pages/gioi-thieu.md",
        "---\ntitle: Về Khối\nmenu: 1\n---\nMới.\n",
    );
    server.wait_for("/gioi-thieu/", "the page's new title", |r| {
        title_of(r) == "Về Khối"
    });
    write(
        &site.root,
        "content/associations/hoi-chu-thap-do/profile.yaml",
        "name: Hội Chữ thập đỏ (đổi tên)\norder: 2\n",
    );
    server.wait_for(
        "/associations/hoi-chu-thap-do/",
        "the association's new name",
        |r| r.text().contains("Hội Chữ thập đỏ (đổi tên)"),
    );

    // Editor droppings are not changes and break nothing.
    write(&site.root, "content/news/.#gop-y.md", "junk");
    write(&site.root, "content/news/gop-y.md~", "junk");
    write(&site.root, "content/news/.gop-y.md.swp", "junk");
    std::thread::sleep(Duration::from_millis(300));
    assert!(server.status()["errors"].as_array().unwrap().is_empty());

    assert!(
        !site.root.join("public").exists(),
        "serve never writes public/"
    );
}

#[test]
fn a_broken_file_keeps_the_last_good_site_and_reports_file_and_line() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/");
    let server = Server::start(&site.root, &[]);
    let good_version = server.status()["version"].clone();
    let news = "content/news/2013-06-21-so-ket.md";
    let original = std::fs::read_to_string(site.root.join(news)).unwrap();

    // A bad date in a news item: the error names the file and line; the page is still served.
    save_atomically(
        &site.root,
        news,
        &original.replace("date: 2013-06-21", "date: 21/06/2013"),
    );
    let status = server.wait_status("the date error", |s| {
        !s["errors"].as_array().unwrap().is_empty()
    });
    let error = &status["errors"][0];
    assert_eq!(error["file"], news);
    assert_eq!(error["line"], 3);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("not a valid date"),
        "{error}"
    );
    assert_eq!(
        status["version"], good_version,
        "the served files did not change"
    );
    let page = server.get("/news/so-ket/");
    assert_eq!(page.status, 200);
    assert_eq!(title_of(&page), "Sơ kết thi đua 6 tháng đầu năm");
    assert!(
        server.log().contains(&format!(
            "error[E045]: {news}:3:7: `21/06/2013` is not a valid date: write it year-month-day: 2013-06-21"
        )),
        "{}",
        server.log()
    );

    // Fixing it clears the error and serves the fix.
    save_atomically(
        &site.root,
        news,
        &original.replace("Sơ kết thi đua 6 tháng đầu năm", "Sơ kết (đã sửa)"),
    );
    server.wait_status("the error to clear", |s| {
        s["errors"].as_array().unwrap().is_empty()
    });
    server.wait_for("/news/so-ket/", "the fixed page", |r| {
        title_of(r) == "Sơ kết (đã sửa)"
    });
    assert!(server.log_has("errors fixed"), "{}", server.log());

    // A broken link in the Markdown body: line of the body.
    save_atomically(
        &site.root,
        news,
        &original.replace(
            "Đoạn thứ hai",
            "Xem [tin](@/news/khong-co.md). Đoạn thứ hai",
        ),
    );
    let status = server.wait_status("the link error", |s| {
        !s["errors"].as_array().unwrap().is_empty()
    });
    assert_eq!(status["errors"][0]["file"], news);
    assert_eq!(status["errors"][0]["line"], 10, "{status}");
    save_atomically(&site.root, news, &original);
    server.wait_status("the link error to clear", |s| {
        s["errors"].as_array().unwrap().is_empty()
    });

    // A template with a syntax error, then fixed.
    write(
        &site.root,
        "themes/default/templates/news.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ news.title }</h1>\n{% endblock content %}\n",
    );
    let status = server.wait_status("the template error", |s| {
        !s["errors"].as_array().unwrap().is_empty()
    });
    assert_eq!(
        status["errors"][0]["file"],
        "themes/default/templates/news.html"
    );
    assert!(status["errors"][0]["line"].as_u64().is_some(), "{status}");
    assert_eq!(server.get("/news/so-ket/").status, 200);
    // A news edit while the template is broken is not lost.
    save_atomically(
        &site.root,
        "content/news/2013-05-30-trao-qua.md",
        &news_file(
            "Trao quà (mới)",
            "2013-05-30",
            "associations: [hoi-chu-thap-do]\ntags: [Nhân đạo]\n",
            "x",
        ),
    );
    write(
        &site.root,
        "themes/default/templates/news.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ news.title }}!</h1>\n{% endblock content %}\n",
    );
    server.wait_status("the template error to clear", |s| {
        s["errors"].as_array().unwrap().is_empty()
    });
    server.wait_for("/news/trao-qua/", "the edit made meanwhile", |r| {
        title_of(r) == "Trao quà (mới)!"
    });

    // A broken site.yaml.
    let config = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    save_atomically(
        &site.root,
        "site.yaml",
        &format!("{config}news_per_pag: 3\n"),
    );
    let status = server.wait_status("the site.yaml error", |s| {
        !s["errors"].as_array().unwrap().is_empty()
    });
    assert_eq!(status["errors"][0]["file"], "site.yaml");
    assert_eq!(server.get("/").status, 200);
    save_atomically(&site.root, "site.yaml", &config);
    server.wait_status("the site.yaml error to clear", |s| {
        s["errors"].as_array().unwrap().is_empty()
    });
}

#[test]
fn a_site_broken_from_the_start_shows_its_errors_until_fixed() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/");
    let news = "content/news/2013-06-21-so-ket.md";
    let original = std::fs::read_to_string(site.root.join(news)).unwrap();
    write(&site.root, news, &original.replace("title: ", "titel: "));
    let server = Server::start(&site.root, &[]);
    let page = server.get("/");
    assert_eq!(page.status, 503);
    let text = page.text();
    assert!(text.contains(news), "{text}");
    assert!(text.contains("livereload.js"), "{text}");
    write(&site.root, news, &original);
    server.wait_for("/", "the site once fixed", |r| r.status == 200);
}

#[test]
fn traversal_probes_never_reach_a_file_and_never_crash_the_server() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/");
    let outside = site.dir.path();
    std::fs::write(outside.join("secret.txt"), "SECRET-OUTSIDE\n").unwrap();
    std::fs::create_dir_all(outside.join("site-leak")).unwrap();
    std::fs::write(outside.join("site-leak/secret.txt"), "SECRET-SIBLING\n").unwrap();
    std::fs::create_dir_all(site.root.join("static-leak")).unwrap();
    std::fs::write(
        site.root.join("static-leak/secret.txt"),
        "SECRET-STATIC-SIBLING\n",
    )
    .unwrap();
    write(&site.root, "static/swap.txt", "ordinary\n");
    let server = Server::start(&site.root, &[]);
    assert_eq!(server.get("/swap.txt").text(), "ordinary\n");

    let long = format!("/{}", "a/".repeat(3000));
    let probes: Vec<String> = [
        "/../../../../../../etc/passwd",
        "/../secret.txt",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/%2E%2E/secret.txt",
        "/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/%2e%2e%2fsecret.txt",
        "/%252e%252e%252f%252e%252e%252fetc/passwd",
        "/..%252f..%252fsecret.txt",
        "/..\\..\\..\\etc\\passwd",
        "/%5c..%5c..%5csecret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "///secret.txt",
        "/C:/Windows/win.ini",
        "/c:%5cWindows%5cwin.ini",
        "/..%2fsite-leak/secret.txt",
        "/../site-leak/secret.txt",
        "/images/../../secret.txt",
        "/images/%2e%2e/%2e%2e/secret.txt",
        "/..%2fstatic-leak/secret.txt",
        "/static-leak/secret.txt",
        "/static/../static-leak/secret.txt",
        "/site.yaml",
        "/content/news/2013-06-21-so-ket.md",
        "/%00",
        "/index.html%00.txt",
        "/%ff%fe",
        "/%",
        "/%zz",
        "/index.html?raw??",
        "/x#frag",
        "*",
        "../../etc/passwd",
        "http://127.0.0.1/../../etc/passwd",
        &long,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for probe in &probes {
        let answer = raw(
            server.addr,
            format!(
                "GET {probe} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                server.addr
            )
            .as_bytes(),
        );
        let text = String::from_utf8_lossy(&answer);
        assert!(!text.contains("root:"), "{probe}: {text}");
        assert!(!text.contains("SECRET"), "{probe}: {text}");
        assert!(!text.contains("base_url"), "{probe}: {text}");
        if !answer.is_empty() {
            let status: u16 = text
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let ok = (400..500).contains(&status)
                || (probe == "/index.html?raw??" && status == 200)
                || (probe == "/x#frag" && status == 404);
            assert!(ok, "{probe}: status {status}");
        }
        assert_eq!(server.get("/").status, 200, "alive after {probe}");
    }

    // Double decoding would be needed to climb out: the server decodes once.
    assert_eq!(
        server.get("/%252e%252e%252fsecret.txt").status,
        404,
        "decoded once"
    );

    // A static file replaced by a symlink pointing outside after the build: not served.
    #[cfg(unix)]
    {
        std::fs::remove_file(site.root.join("static/swap.txt")).unwrap();
        std::os::unix::fs::symlink(
            outside.join("secret.txt"),
            site.root.join("static/swap.txt"),
        )
        .unwrap();
        server.wait_status("the symlink error", |s| {
            !s["errors"].as_array().unwrap().is_empty()
        });
        let swapped = server.get("/swap.txt");
        assert_eq!(swapped.status, 404);
        assert!(!swapped.text().contains("SECRET"));
    }

    // The live-reload socket refuses pages of other sites.
    let cross = request(
        server.addr,
        "GET",
        "/__blocpress/livereload",
        &[
            ("Upgrade", "websocket"),
            ("Connection", "Upgrade"),
            ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
            ("Sec-WebSocket-Version", "13"),
            ("Origin", "http://evil.example"),
        ],
    );
    assert_eq!(cross.status, 403);
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_blocpress"))
        .env("BLOCPRESS_LANG", "en")
        .args(["serve", "--port", &port, "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: port {port} on 127.0.0.1 is already in use"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("--port"), "{stderr}");
}

#[test]
fn wrong_arguments_and_missing_sites_are_reported() {
    let site = TempSite::new();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_blocpress"))
        .env("BLOCPRESS_LANG", "en")
        .args(["serve", "--port", "0", "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no site.yaml"));

    small_site(&site.root, "https://thidua.example.vn/");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_blocpress"))
        .env("BLOCPRESS_LANG", "en")
        .args([
            "serve",
            "--port",
            "0",
            "--interface",
            "not an address",
            "--root",
        ])
        .arg(&site.root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--interface"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_even_with_pages_open() {
    use std::io::{Read, Write};

    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/");
    let mut server = Server::start(&site.root, &[]);
    // An open page: a live-reload WebSocket, which would hold a graceful shutdown forever.
    let mut socket = std::net::TcpStream::connect(server.addr).unwrap();
    socket
        .write_all(
            format!(
                "GET /__blocpress/livereload HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                server.addr
            )
            .as_bytes(),
        )
        .unwrap();
    socket
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut first = [0u8; 512];
    let n = socket.read(&mut first).unwrap();
    let answer = String::from_utf8_lossy(&first[..n]);
    assert!(answer.starts_with("HTTP/1.1 101"), "{answer}");

    let started = std::time::Instant::now();
    let killed = std::process::Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = server
        .wait_exit(Duration::from_secs(10))
        .expect("serve stops after Ctrl-C");
    assert_eq!(status.code(), Some(0), "{}", server.log());
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "stopped in {:?}",
        started.elapsed()
    );
    assert!(server.log().contains("stopped"), "{}", server.log());
    assert!(!site.root.join("public").exists());
}

#[test]
fn with_poll_changes_are_seen_without_system_notifications() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/");
    let server = Server::start(&site.root, &["--poll"]);
    // Saved within the same second as the files were written: only a content comparison sees it.
    let news = "content/news/2013-06-24-gop-y.md";
    save_atomically(
        &site.root,
        news,
        &news_file(
            "Góp ý khi kiểm tra định kỳ",
            "2013-06-24",
            "associations: [hoi-luat-gia]\n",
            "Nội dung.",
        ),
    );
    server.wait_for("/news/gop-y/", "the polled title", |r| {
        title_of(r) == "Góp ý khi kiểm tra định kỳ"
    });
    // A new file, found by polling too.
    write(
        &site.root,
        "content/news/2013-07-01-moi.md",
        &news_file("Tin mới qua kiểm tra định kỳ", "2013-07-01", "", "x"),
    );
    server.wait_for("/news/moi/", "the new item", |r| r.status == 200);
}
