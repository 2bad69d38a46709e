//! The route table as people meet it (SPEC Part 3, "Nothing lost, nothing forged", Aliases): an
//! old URL (`aliases:`) or a free page may not take a place that is, or would be, anything else —
//! the output folder's hidden files, the editor at `/admin/`, the feeds, the sitemap, the search
//! files, a file of `static/`, or a page of any kind, documents included. `check` and `build`
//! say the same, before anything is written.

mod support;

use support::{Site, stderr};

const TAP_HUAN: &str = "content/news/2023-11-02-tap-huan.md";

/// The news fixture with `aliases` added to one item.
fn with_aliases(aliases: &[&str]) -> Site {
    let site = Site::new("news-site");
    let list: String = aliases.iter().map(|a| format!("  - {a}\n")).collect();
    site.edit(
        TAP_HUAN,
        "date: 2023-11-02\n",
        &format!("date: 2023-11-02\naliases:\n{list}"),
    );
    site
}

/// Runs `check` and `build`; both must fail, and each `expected` line must be in both outputs.
fn refused_by_check_and_build(site: &Site, expected: &[&str]) {
    for command in ["check", "build"] {
        let output = site.run(&[command]);
        support::assert_no_panic(&output);
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{command}:\n{text}");
        for line in expected {
            assert!(
                text.contains(line),
                "{command} does not say {line:?}:\n{text}"
            );
        }
    }
}

#[test]
fn an_alias_over_git_never_replaces_the_publishing_checkout() {
    let site = Site::new("news-site");
    // The output is a checkout of the publishing branch: its `.git` survives every build.
    site.build_ok(&[]);
    let head = site.out().join(".git/HEAD");
    std::fs::create_dir_all(head.parent().unwrap()).unwrap();
    std::fs::write(&head, "ref: refs/heads/gh-pages\n").unwrap();
    site.edit(
        TAP_HUAN,
        "date: 2023-11-02\n",
        "date: 2023-11-02\naliases:\n  - /.git/\n",
    );
    refused_by_check_and_build(
        &site,
        &[
            "error[E505]: content/news/2023-11-02-tap-huan.md:5:5: old URL `/.git/` is in a place blocpress keeps for the output folder's hidden files",
        ],
    );
    assert_eq!(
        std::fs::read_to_string(&head).unwrap(),
        "ref: refs/heads/gh-pages\n"
    );
    assert!(!site.out().join(".git/index.html").exists());
}

#[test]
fn aliases_over_feeds_the_sitemap_the_marker_and_the_editor_are_refused() {
    let site = with_aliases(&[
        "/atom.xml/",
        "/sitemap.xml/",
        "/.blocpress-output/",
        "/admin/config.yml/",
        "/tags/tong-ket/atom.xml",
        "/search/index.json",
        "/robots.txt",
    ]);
    refused_by_check_and_build(
        &site,
        &[
            "5:5: old URL `/atom.xml/` is in a place blocpress keeps for the Atom feeds (atom.xml)",
            "6:5: old URL `/sitemap.xml/` is in a place blocpress keeps for the sitemap",
            "7:5: old URL `/.blocpress-output/` is in a place blocpress keeps for the output folder's hidden files",
            "8:5: old URL `/admin/config.yml/` is in a place blocpress keeps for the editor at /admin/",
            "9:5: old URL `/tags/tong-ket/atom.xml` is in a place blocpress keeps for the Atom feeds",
            "10:5: old URL `/search/index.json` is in a place blocpress keeps for search at /search/",
            "11:5: old URL `/robots.txt` is in a place blocpress keeps for robots.txt",
        ],
    );
    let vi = stderr(&site.run(&["check", "--lang", "vi"]));
    assert!(
        vi.contains("lỗi[E505]: content/news/2023-11-02-tap-huan.md:8:5: địa chỉ cũ “/admin/config.yml/” nằm ở chỗ blocpress dành riêng cho trang soạn thảo /admin/: hãy xoá dòng này khỏi “aliases”"),
        "{vi}"
    );
}

#[test]
fn an_alias_over_a_document_page_is_refused() {
    let site = with_aliases(&["/documents/ke-hoach-2024/"]);
    site.write(
        "content/documents/ke-hoach-2024.md",
        "---\ntitle: Kế hoạch thi đua năm 2024\nnumber: 01/KH-KTĐ\nkind: Kế hoạch\nissuer: Khối thi đua\ndate: 2024-01-10\nfile: https://example.org/ke-hoach.pdf\n---\n",
    );
    refused_by_check_and_build(
        &site,
        &[
            "error[E501]: content/news/2023-11-02-tap-huan.md:5:5: old URL `/documents/ke-hoach-2024/` is the page /documents/ke-hoach-2024/, which exists",
        ],
    );
}

#[test]
fn an_alias_over_a_static_file_or_inside_a_generated_file_is_refused() {
    let site = with_aliases(&[
        "/images/dai-hoi.svg",
        "/images/dai-hoi.svg/cu/",
        "/reports/",
        "/news/tong-ket/index.html",
    ]);
    refused_by_check_and_build(
        &site,
        &[
            "5:5: old URL `/images/dai-hoi.svg` is the file /images/dai-hoi.svg of the site",
            "6:5: old URL `/images/dai-hoi.svg/cu/` is the file /images/dai-hoi.svg of the site",
            "7:5: old URL `/reports/` is the page /reports/, which exists",
            "8:5: old URL `/news/tong-ket/index.html` is the page /news/tong-ket/, which exists",
        ],
    );
}

#[test]
fn a_page_on_the_editor_or_on_a_section_is_refused() {
    let site = Site::new("news-site");
    site.write(
        "content/pages/admin.md",
        "---\ntitle: Quản trị\n---\nTrang của văn phòng Khối.\n",
    );
    site.write(
        "content/pages/news.md",
        "---\ntitle: Tin tức\n---\nTin của Khối.\n",
    );
    refused_by_check_and_build(
        &site,
        &[
            "error[E053]: content/pages/admin.md: the page URL `/admin/` is used by blocpress itself",
            "error[E053]: content/pages/news.md: the page URL `/news/` is used by blocpress itself",
        ],
    );
}

#[test]
fn aliases_that_leave_every_route_alone_still_build() {
    let site = with_aliases(&["/news/tap-huan-cu/", "/2023/11/tap-huan.html", "/tin-cu/"]);
    let output = site.run(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    site.build_ok(&[]);
    assert!(site.exists("tin-cu/index.html"));
    assert!(site.exists("2023/11/tap-huan.html"));
}

/// A site to generate: news items (slug, aliases, tags), free pages and documents, drawn from
/// small pools so that slugs, aliases and routes meet often.
#[derive(Debug, Clone)]
struct Generated {
    news: Vec<(&'static str, Vec<&'static str>, Vec<&'static str>)>,
    pages: Vec<&'static str>,
    documents: Vec<&'static str>,
}

fn generated_site() -> impl proptest::strategy::Strategy<Value = Generated> {
    use proptest::prelude::*;
    let slug = prop::sample::select(vec!["a", "b", "c", "d", "tong-ket", "atom-xml", "cu"]);
    // Old URLs that leave the site's routes alone, and ones that take a route or a reserved
    // place (a quarter of them).
    let free = prop::sample::select(vec![
        "/cu/",
        "/tin-cu/a/",
        "/2013/06/tin.html",
        "/tin.html",
        "/news/cu/",
        "/images/cu.svg",
    ]);
    let taken = prop::sample::select(vec![
        "/a/",
        "/news/a/",
        "/news/b/",
        "/news/page/2/",
        "/.git/",
        "/.nojekyll",
        "/atom.xml/",
        "/sitemap.xml/",
        "/robots.txt",
        "/404.html",
        "/.blocpress-output/",
        "/admin/",
        "/admin/config.yml/",
        "/search/",
        "/search/index.json",
        "/tags/",
        "/tags/x/",
        "/tags/x/atom.xml",
        "/documents/kh/",
        "/documents/",
        "/images/logo.svg",
        "/images/logo.svg/x/",
        "/gioi-thieu/",
        "/reports/",
    ]);
    let alias = prop_oneof![3 => free, 1 => taken];
    let tag = prop::sample::select(vec!["X", "Y", "Tổng kết"]);
    let item = (
        slug,
        prop::collection::vec(alias, 0..2),
        prop::collection::vec(tag, 0..2),
    );
    let page = prop_oneof![
        4 => prop::sample::select(vec!["gioi-thieu", "lien-he"]),
        1 => prop::sample::select(vec!["a", "cu", "admin", "news", "documents"]),
    ];
    let document = prop::sample::select(vec!["kh", "ke-hoach"]);
    (
        prop::collection::vec(item, 1..4),
        prop::collection::vec(page, 0..3),
        prop::collection::vec(document, 0..2),
    )
        .prop_map(|(news, pages, documents)| Generated {
            news,
            pages,
            documents,
        })
}

fn write_site(root: &std::path::Path, site: &Generated) {
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "site.yaml",
        "title: Khối thi đua thử\nbase_url: https://example.org/\nlanguage: vi\nnews_per_page: 1\n",
    );
    write(
        "static/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>\n",
    );
    for (i, (slug, aliases, tags)) in site.news.iter().enumerate() {
        let list = |items: &[&str]| {
            items
                .iter()
                .map(|a| format!("\"{a}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        write(
            &format!("content/news/n{i}.md"),
            &format!(
                "---\ntitle: Tin {i}\ndate: 2013-06-{:02}\nslug: {slug}\ntags: [{}]\naliases: [{}]\n---\nNội dung.\n",
                i + 1,
                list(tags),
                list(aliases),
            ),
        );
    }
    for slug in &site.pages {
        write(
            &format!("content/pages/{slug}.md"),
            "---\ntitle: Trang\n---\nNội dung.\n",
        );
    }
    for slug in &site.documents {
        write(
            &format!("content/documents/{slug}.md"),
            "---\ntitle: Kế hoạch\nnumber: 01/KH-KTĐ\nkind: Kế hoạch\nissuer: Khối thi đua\ndate: 2013-01-10\nfile: /images/logo.svg\n---\n",
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

    /// `check` passes exactly when `build` succeeds: a site `check` accepts builds, and one that
    /// `build` refuses, `check` refuses too.
    #[test]
    fn check_and_build_agree_on_generated_sites(generated in generated_site()) {
        let dir = tempfile::tempdir().unwrap();
        write_site(dir.path(), &generated);
        let root = dir.path().to_str().unwrap();
        let check = support::blocpress(&["check", "--root", root]);
        support::assert_no_panic(&check);
        let build = support::blocpress(&["build", "--root", root]);
        support::assert_no_panic(&build);
        proptest::prop_assert_eq!(
            check.status.success(),
            build.status.success(),
            "check:\n{}\nbuild:\n{}",
            stderr(&check),
            stderr(&build)
        );
        proptest::prop_assert!(matches!(build.status.code(), Some(0 | 1)), "{}", stderr(&build));
    }
}
