//! The news site end to end: a fixture with a sub-path base_url, Vietnamese file names,
//! CRLF/BOM files, drafts, tags, figures and `@/` links builds as the SPEC says.

mod support;

use support::{Site, attr, first_text, select, snapshot, stderr};

const BASE: &str = "/khoi-thi-dua/";

fn built() -> Site {
    let site = Site::new("news-site");
    site.build_ok(&[]);
    site
}

#[test]
fn writes_every_page_the_spec_lists() {
    let site = built();
    for page in [
        "index.html",
        "news/index.html",
        "news/page/2/index.html",
        "news/dai-hoi-hoi-luat-gia/index.html",
        "news/ket-nap-hoi-vien/index.html",
        "news/tong-ket/index.html",
        "news/tap-huan/index.html",
        "tags/index.html",
        "tags/dai-hoi/index.html",
        "tags/hoi-luat-gia/index.html",
        "gioi-thieu/index.html",
        "associations/index.html",
        "reports/index.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "images/dai-hoi.svg",
        "style.css",
        ".blocpress-output",
    ] {
        assert!(site.exists(page), "missing {page}");
    }
    assert!(
        !site.exists("news/page/3/index.html"),
        "4 news at 2 a page make 2 pages"
    );
}

#[test]
fn vietnamese_file_name_and_crlf_bom_front_matter() {
    let site = built();
    let page = site.html("news/dai-hoi-hoi-luat-gia/index.html");
    assert_eq!(first_text(&page, "h1"), "Đại hội Hội Luật gia nhiệm kỳ mới");
    let crlf = site.html("news/ket-nap-hoi-vien/index.html");
    assert_eq!(first_text(&crlf, "h1"), "Kết nạp hội viên mới: 35 người");
    assert_eq!(attr(&crlf, ".prose h2", "id"), ["so-lieu"]);
    assert_eq!(
        // The item's own date (related news below show theirs).
        attr(&crlf, "article.news header time", "datetime"),
        ["2024-02-03T09:30:00+07:00"]
    );
}

#[test]
fn drafts_only_with_the_flag() {
    let site = built();
    assert!(!site.exists("news/ban-nhap/index.html"));
    assert!(!site.exists("tags/nhap/index.html"));
    assert!(!site.read("atom.xml").contains("Bản nháp"));
    site.build_ok(&["--drafts"]);
    assert!(site.exists("news/ban-nhap/index.html"));
    assert!(site.exists("tags/nhap/index.html"));
}

#[test]
fn titled_lone_image_is_a_figure_under_the_sub_path() {
    let site = built();
    let page = site.html("news/dai-hoi-hoi-luat-gia/index.html");
    assert_eq!(
        attr(&page, ".prose figure > img", "src"),
        [format!("{BASE}images/dai-hoi.svg")]
    );
    assert_eq!(
        attr(&page, ".prose figure > img", "alt"),
        ["Quang cảnh đại hội"]
    );
    assert_eq!(
        first_text(&page, ".prose figure > figcaption"),
        "Quang cảnh Đại hội Hội Luật gia"
    );
    assert_eq!(select(&page, ".prose table").len(), 1);
    assert_eq!(attr(&page, ".prose sup a", "href"), ["#fn-1"]);
}

#[test]
fn at_links_point_to_the_pages() {
    let site = built();
    let page = site.html("news/dai-hoi-hoi-luat-gia/index.html");
    let links = attr(&page, ".prose a", "href");
    assert!(links.contains(&format!("{BASE}gioi-thieu/")), "{links:?}");
    assert!(
        links.contains(&format!("{BASE}news/ket-nap-hoi-vien/#so-lieu")),
        "{links:?}"
    );
}

#[test]
fn every_internal_link_honours_the_sub_path() {
    let site = built();
    let mut checked = 0;
    for (path, bytes) in snapshot(&site.out()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = scraper::Html::parse_document(&String::from_utf8(bytes).unwrap());
        for (css, name) in [
            ("a", "href"),
            ("link", "href"),
            ("img", "src"),
            ("script", "src"),
        ] {
            for url in attr(&html, css, name) {
                checked += 1;
                let ok = url.starts_with(BASE)
                    || url.starts_with("https://example.org/khoi-thi-dua/")
                    || url.starts_with('#')
                    || url.starts_with("mailto:");
                assert!(ok, "{path}: {css} {name}={url} leaves the sub-path");
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn text_from_front_matter_and_config_is_escaped_and_raw_html_neutralised() {
    let site = built();
    let home = site.read("index.html");
    assert!(
        home.contains("Khối thi đua &lt;Thử nghiệm&gt; &amp; bạn bè"),
        "title not escaped"
    );
    assert!(!home.contains("<Thử nghiệm>"));
    let page = site.read("news/tong-ket/index.html");
    assert!(!page.contains("<script>alert"), "raw script passed through");
    assert!(page.contains("&lt;script&gt;"));
    assert!(!page.to_lowercase().contains("javascript:"));
    let list = site.read("news/index.html");
    assert!(
        list.contains("Tóm tắt &lt;b&gt;in đậm&lt;/b&gt; giả."),
        "summary not escaped"
    );
}

#[test]
fn pagination_links_pages() {
    let site = built();
    let first = site.html("news/index.html");
    assert_eq!(
        attr(&first, ".pager a[rel=next]", "href"),
        [format!("{BASE}news/page/2/")]
    );
    assert_eq!(select(&first, "article.card").len(), 2);
    let second = site.html("news/page/2/index.html");
    assert_eq!(
        attr(&second, ".pager a[rel=prev]", "href"),
        [format!("{BASE}news/")]
    );
    // Newest first across pages; a card's title is an h2 right under the list's h1.
    let titles: Vec<String> = select(&first, "article.card h2")
        .iter()
        .map(support::text)
        .collect();
    assert_eq!(
        titles,
        [
            "Kết nạp hội viên mới: 35 người",
            "Đại hội Hội Luật gia nhiệm kỳ mới"
        ]
    );
}

#[test]
fn tags_merge_spellings_into_one_slug() {
    let site = built();
    let tag = site.html("tags/dai-hoi/index.html");
    assert_eq!(
        select(&tag, "article.card").len(),
        2,
        "“Đại hội” and “đại hội” are one tag"
    );
}

#[test]
fn atom_feed_is_well_formed_with_absolute_links() {
    let site = built();
    let xml = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("atom.xml is well-formed XML");
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 4);
    let first_link = entries[0]
        .children()
        .find(|n| n.has_tag_name("link"))
        .and_then(|n| n.attribute("href"))
        .unwrap();
    assert_eq!(
        first_link,
        "https://example.org/khoi-thi-dua/news/ket-nap-hoi-vien/"
    );
    let content = entries[1]
        .children()
        .find(|n| n.has_tag_name("content"))
        .unwrap();
    assert!(
        content.text().unwrap().contains("<figure>"),
        "content carries the HTML as text"
    );
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some("Khối thi đua <Thử nghiệm> & bạn bè"));
}

#[test]
fn sitemap_lists_pages_with_absolute_urls() {
    let site = built();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap is well-formed XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://example.org/khoi-thi-dua/"));
    assert!(locs.contains(&"https://example.org/khoi-thi-dua/news/dai-hoi-hoi-luat-gia/"));
    assert!(locs.contains(&"https://example.org/khoi-thi-dua/gioi-thieu/"));
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.org/khoi-thi-dua/"))
    );
    assert!(
        !locs.iter().any(|l| l.contains("/page/")),
        "later list pages stay out of the sitemap"
    );
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.org/khoi-thi-dua/sitemap.xml")
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let site = built();
    let first = snapshot(&site.out());
    site.build_ok(&[]);
    let second = snapshot(&site.out());
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output() {
    let site = built();
    let before = snapshot(&site.out());
    site.write(
        "content/news/hong.md",
        "---\ntitle: Hỏng\ndate: 31/02/2024\n---\n",
    );
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("error[E046]: content/news/hong.md:3:"),
        "{message}"
    );
    assert_eq!(
        before,
        snapshot(&site.out()),
        "the output changed after a failed build"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("blocpress-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn base_url_option_replaces_the_config() {
    let site = Site::new("news-site");
    site.build_ok(&["--base-url", "http://localhost:8080/"]);
    let page = site.html("news/dai-hoi-hoi-luat-gia/index.html");
    assert_eq!(
        attr(&page, ".prose figure > img", "src"),
        ["/images/dai-hoi.svg"]
    );
    assert_eq!(
        attr(&page, "link[rel=canonical]", "href"),
        ["http://localhost:8080/news/dai-hoi-hoi-luat-gia/"]
    );
}

#[test]
fn check_writes_nothing_and_reports_errors() {
    let site = Site::new("news-site");
    let output = site.run(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!site.out().exists(), "check wrote an output folder");
    site.write("content/pages/sai.md", "---\ntitel: Sai\n---\n");
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("error[E010]: content/pages/sai.md:2:"),
        "{message}"
    );
    assert!(message.contains("did you mean `title`"), "{message}");
    assert!(!site.out().exists());
}

#[test]
fn hidden_entries_of_the_output_survive_a_build() {
    let site = built();
    std::fs::write(site.out().join(".nojekyll"), "").unwrap();
    std::fs::create_dir_all(site.out().join(".git")).unwrap();
    std::fs::write(site.out().join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    site.build_ok(&[]);
    assert!(site.out().join(".nojekyll").exists());
    assert_eq!(
        support::read(&site.out(), ".git/HEAD"),
        "ref: refs/heads/gh-pages\n"
    );
}

#[test]
fn refuses_a_folder_it_did_not_write_unless_forced() {
    let site = Site::new("news-site");
    let other = site.root().join("elsewhere");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("thesis.docx"), "precious").unwrap();
    let target = other.to_str().unwrap();
    let output = site.build(&["--output", target]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("thesis.docx"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(other.join("thesis.docx")).unwrap(),
        "precious"
    );
    site.build_ok(&["--output", target, "--force"]);
    assert!(other.join("index.html").exists());
}

#[test]
fn even_force_never_replaces_a_source_tree_or_the_working_folder() {
    let site = Site::new("news-site");
    // A folder that looks like a project: a forced build must still refuse it.
    let project = site.root().join("project");
    std::fs::create_dir_all(project.join("src")).unwrap();
    std::fs::write(project.join("Cargo.toml"), "[package]\n").unwrap();
    std::fs::write(project.join("src/main.rs"), "fn main() {}\n").unwrap();
    let output = site.build(&["--output", project.to_str().unwrap(), "--force"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("looks like a site or a source folder"),
        "{}",
        stderr(&output)
    );
    assert!(project.join("src/main.rs").exists());
    // Another site as the output.
    let other = Site::new("bloc");
    let output = site.build(&["--output", other.root().to_str().unwrap(), "--force"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(other.root().join("site.yaml").exists());
    // The folder blocpress runs in (or one holding it).
    let cwd_output = std::process::Command::new(env!("CARGO_BIN_EXE_blocpress"))
        .env("BLOCPRESS_LANG", "en")
        .args([
            "build",
            "--root",
            site.root().to_str().unwrap(),
            "--output",
            ".",
            "--force",
        ])
        .current_dir(project.join("src"))
        .output()
        .unwrap();
    assert_eq!(cwd_output.status.code(), Some(1));
    assert!(
        stderr(&cwd_output).contains("the folder you are working in"),
        "{}",
        stderr(&cwd_output)
    );
    assert!(project.join("src/main.rs").exists());
}

#[test]
fn sharing_tags_and_json_ld_use_absolute_urls() {
    let site = built();
    let page = site.html("news/dai-hoi-hoi-luat-gia/index.html");
    let meta = |property: &str| attr(&page, &format!("meta[property=\"{property}\"]"), "content");
    assert_eq!(
        meta("og:url"),
        ["https://example.org/khoi-thi-dua/news/dai-hoi-hoi-luat-gia/"]
    );
    assert_eq!(meta("og:type"), ["article"]);
    assert_eq!(
        meta("og:image"),
        ["https://example.org/khoi-thi-dua/images/dai-hoi.svg"]
    );
    assert_eq!(meta("og:image:alt"), ["Hội trường đại hội"]);
    assert_eq!(meta("og:locale"), ["vi_VN"]);
    assert_eq!(
        attr(&page, "meta[name=\"twitter:card\"]", "content"),
        ["summary_large_image"]
    );
    assert_eq!(
        attr(&page, "link[rel=canonical]", "href"),
        ["https://example.org/khoi-thi-dua/news/dai-hoi-hoi-luat-gia/"]
    );
    assert_eq!(
        attr(&page, "link[rel=icon]", "href"),
        [format!("{BASE}favicon.svg")]
    );
    let scripts = select(&page, "script[type=\"application/ld+json\"]");
    assert_eq!(scripts.len(), 1);
    let ld: serde_json::Value =
        serde_json::from_str(&scripts[0].inner_html()).expect("JSON-LD parses");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "Đại hội Hội Luật gia nhiệm kỳ mới");
    assert_eq!(ld["datePublished"], "2024-01-15T00:00:00+07:00");
    assert_eq!(
        ld["image"],
        "https://example.org/khoi-thi-dua/images/dai-hoi.svg"
    );
    assert_eq!(ld["author"]["name"], "Ban biên tập");
    assert_eq!(
        ld["publisher"]["name"],
        "Khối thi đua <Thử nghiệm> & bạn bè"
    );
    // The publisher's name holds `<` and `&`: escaped inside the script so it cannot end it.
    assert!(!scripts[0].inner_html().contains('<'));
}

#[test]
fn one_run_reports_front_matter_and_link_errors_together() {
    let site = Site::new("news-site");
    // A front-matter error in one file…
    site.edit(
        "content/news/2024/ket-nap.md",
        "slug: ket-nap-hoi-vien",
        "slug: ket-nap-hoi-vien\r\nngay: 3",
    );
    // …and a broken link in another, plus a link to the broken file (not reported twice).
    site.write(
        "content/news/2024/2024-02-10-lien-ket.md",
        "---\ntitle: Liên kết\ndate: 2024-02-10\n---\n[mất](@/news/khong-co.md) và [hỏng](@/news/2024/ket-nap.md)\n",
    );
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("error[E010]: content/news/2024/ket-nap.md:"),
        "{message}"
    );
    assert!(message.contains("unknown key `ngay`"), "{message}");
    assert!(
        message.contains("error[E120]: content/news/2024/2024-02-10-lien-ket.md:5:"),
        "{message}"
    );
    assert!(message.contains("@/news/khong-co.md"), "{message}");
    assert!(
        !message.contains("@/news/2024/ket-nap.md"),
        "a link to a file that failed is not a second error: {message}"
    );
    assert!(message.contains("2 errors"), "{message}");
}

#[test]
fn an_interrupted_swap_loses_nothing_at_the_next_build() {
    let site = built();
    let parent = site.root();
    // Stopped between the two renames (systems without an atomic exchange): the previous site,
    // with the user's .git, sits in the "old" folder and the output is missing.
    std::fs::create_dir_all(site.out().join(".git")).unwrap();
    std::fs::write(site.out().join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    std::fs::rename(site.out(), parent.join(".public.blocpress-old")).unwrap();
    site.build_ok(&[]);
    assert_eq!(
        support::read(&site.out(), ".git/HEAD"),
        "ref: refs/heads/gh-pages\n"
    );
    assert!(site.exists("index.html"));
    // Stopped after the exchange, before the hidden entries were carried over: they are in the
    // leftover staging folder.
    std::fs::create_dir_all(parent.join(".public.blocpress-new")).unwrap();
    std::fs::rename(
        site.out().join(".git"),
        parent.join(".public.blocpress-new/.git"),
    )
    .unwrap();
    std::fs::write(parent.join(".public.blocpress-new/index.html"), "old").unwrap();
    site.build_ok(&[]);
    assert_eq!(
        support::read(&site.out(), ".git/HEAD"),
        "ref: refs/heads/gh-pages\n"
    );
    let leftovers: Vec<_> = std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("blocpress-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
