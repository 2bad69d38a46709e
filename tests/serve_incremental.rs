//! Incremental rebuilds give the same files as a full build. Each test edits a site on disk,
//! lets the serve builder apply the change the cheap way, then builds the same files from
//! scratch and compares every served file, byte for byte.

mod serve_common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use blocpress::serve::output::Served;
use blocpress::serve::rebuild::{Builder, Level, Report};
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
    let keys: BTreeSet<&Arc<str>> = ours.keys().chain(theirs.keys()).collect();
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
            Level::Content,
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
        assert_eq!(report.level, Level::Content, "{}", path.display());
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

/// A site being served: files are changed on disk, then the builder is told, as the watcher
/// would tell it.
struct Live {
    site: TempSite,
    builder: Builder,
    drafts: bool,
}

impl Live {
    fn small() -> Live {
        Live::new(false, |root| {
            small_site(root, "https://thidua.example.vn/khoi/")
        })
    }

    fn example() -> Live {
        Live::new(false, example_site)
    }

    fn new(drafts: bool, make: impl FnOnce(&Path)) -> Live {
        let site = TempSite::new();
        make(&site.root);
        let builder = built_with(&site.root, drafts);
        Live {
            site,
            builder,
            drafts,
        }
    }

    fn root(&self) -> &Path {
        &self.site.root
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Tells the builder that `rels` changed.
    fn changed(&mut self, rels: &[&str]) -> Report {
        let paths: Vec<PathBuf> = rels.iter().map(|rel| self.root().join(rel)).collect();
        self.builder.changed(&paths, false)
    }

    fn write(&mut self, rel: &str, text: &str) -> Report {
        write(self.root(), rel, text);
        self.changed(&[rel])
    }

    fn remove(&mut self, rel: &str) -> Report {
        std::fs::remove_file(self.root().join(rel)).unwrap();
        self.changed(&[rel])
    }

    /// `rel` edited with `edit`.
    fn edit(&mut self, rel: &str, edit: impl FnOnce(&str) -> String) -> Report {
        let text = edit(&self.read(rel));
        self.write(rel, &text)
    }

    /// The change was applied at `level`, without errors, and gives what a full build gives.
    /// Saves each edited text of `rel`, then the original again, checking after every save
    /// that the served site matches a full build.
    fn each_edit_and_undo<const N: usize>(
        &mut self,
        rel: &str,
        original: &str,
        edits: [(&str, String); N],
    ) {
        for (what, text) in edits {
            let report = self.write(rel, &text);
            self.check(&report, Level::Content, what);
            let report = self.write(rel, original);
            self.check(&report, Level::Content, &format!("{what}, undone"));
        }
    }

    fn check(&self, report: &Report, level: Level, what: &str) {
        assert_eq!(report.level, level, "{what}");
        assert!(
            self.builder.errors().is_empty(),
            "{what}: {:?}",
            self.builder.errors()
        );
        assert_same_as_full_build_with(&self.builder, self.drafts, what);
    }

    fn served(&self, key: &str) -> Option<String> {
        match self.builder.files().get(key) {
            Some(Served::Bytes(bytes)) => Some(String::from_utf8_lossy(bytes).into_owned()),
            Some(other) => Some(format!("{other:?}")),
            None => None,
        }
    }
}

#[test]
fn structural_news_edits_are_applied_in_place_of_a_full_load() {
    let mut served = Live::small();
    let rel = "content/news/2013-05-30-trao-qua.md";
    let original = served.read(rel);
    served.each_edit_and_undo(
        rel,
        &original,
        [
            ("date", original.replace("2013-05-30", "2013-07-30")),
            ("oldest", original.replace("2013-05-30", "2012-01-01")),
            ("tags", original.replace("[Nhân đạo]", "[Nhân đạo, Sơ kết]")),
            ("new tag", original.replace("[Nhân đạo]", "[Khuyến học]")),
            ("no tags", original.replace("tags: [Nhân đạo]\n", "")),
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
            (
                "a period nothing else names",
                original.replace("date:", "period: 2014-h2\ndate:"),
            ),
            ("draft", original.replace("date:", "draft: true\ndate:")),
        ],
    );
}

#[test]
fn adding_news_matches_a_full_build() {
    let mut served = Live::small();
    let added = [
        // Newest, with a tag that exists and one that is new: every list page shifts and the
        // news list gets a fourth page.
        (
            "content/news/2013-07-01-moi-nhat.md",
            "Tin mới nhất",
            "2013-07-01",
            "associations: [hoi-luat-gia]\ntags: [Sơ kết, Tin mới]\n",
        ),
        // In the middle, in a sub-folder, naming the period.
        (
            "content/news/2013/2013-04-15-giua.md",
            "Tin ở giữa",
            "2013-04-15T09:30:00+07:00",
            "period: 2013-h1\ntags: [Thi đua]\n",
        ),
        // Oldest, with a period no other file names: a new review page.
        (
            "content/news/2012-12-30-cu-nhat.md",
            "Tin cũ nhất",
            "2012-12-30",
            "period: 2012-h2\ntags: [Tổng kết]\n",
        ),
        // Same day as another item: ordered by slug.
        (
            "content/news/2013-06-21-a-cung-ngay.md",
            "Cùng ngày với sơ kết",
            "2013-06-21",
            "tags: [Hiến pháp]\n",
        ),
    ];
    for (rel, title, date, extra) in added {
        let text = news_file(
            title,
            date,
            extra,
            "Nội dung, xem [sơ kết](@/news/2013-06-21-so-ket.md).",
        );
        let report = served.write(rel, &text);
        served.check(&report, Level::Content, rel);
        assert!(report.changed);
    }
    assert!(served.served("news/page/4/index.html").is_some());
    assert!(served.served("tags/tin-moi/index.html").is_some());
    assert!(served.served("reports/2012-h2/index.html").is_some());

    // A file that links to one added in the same batch.
    write(
        served.root(),
        "content/news/2013-08-01-b.md",
        &news_file("B", "2013-08-01", "", "Xem [A](@/news/2013-08-02-a.md)."),
    );
    write(
        served.root(),
        "content/news/2013-08-02-a.md",
        &news_file("A", "2013-08-02", "", "Tin A."),
    );
    let report = served.changed(&[
        "content/news/2013-08-01-b.md",
        "content/news/2013-08-02-a.md",
    ]);
    served.check(&report, Level::Content, "two files linking each other");
}

#[test]
fn a_tag_renamed_by_its_most_common_spelling_matches_a_full_build() {
    // "Sơ kết" is written so by three items; four more write it "SƠ KẾT": every card with the
    // tag shows the new name.
    let mut served = Live::small();
    for n in 1..=4 {
        let rel = format!("content/news/2012/2012-0{n}-01-tin-{n}.md");
        let report = served.write(
            &rel,
            &news_file(
                &format!("Tin {n}"),
                &format!("2012-0{n}-01"),
                "tags: [SƠ KẾT]\n",
                "x",
            ),
        );
        served.check(&report, Level::Content, &rel);
    }
    assert!(
        served
            .served("tags/so-ket/index.html")
            .unwrap()
            .contains("SƠ KẾT")
    );
    let report = served.remove("content/news/2012/2012-01-01-tin-1.md");
    served.check(&report, Level::Content, "back to a tie");
}

#[test]
fn deleting_news_matches_a_full_build() {
    let mut served = Live::small();
    // The only item tagged Nhân đạo: its tag page goes.
    let report = served.remove("content/news/2013-05-30-trao-qua.md");
    served.check(&report, Level::Content, "the only item of a tag");
    assert!(served.served("tags/nhan-dao/index.html").is_none());
    assert!(served.served("news/trao-qua/index.html").is_none());
    // The newest; then one more and the third list page goes.
    let report = served.remove("content/news/2013-06-24-gop-y.md");
    served.check(&report, Level::Content, "the newest");
    assert!(served.served("news/page/3/index.html").is_none());
    // The only item of period... no: 2013-h1 is named by achievements too; the review stays.
    let report = served.remove("content/news/2013/2013-01-15-hoi-nghi.md");
    served.check(&report, Level::Content, "the oldest");
    // Deleted and added again.
    write(
        served.root(),
        "content/news/2013-05-30-trao-qua.md",
        &news_file("Trao quà", "2013-05-30", "tags: [Nhân đạo]\n", "Lại có."),
    );
    let report = served.changed(&["content/news/2013-05-30-trao-qua.md"]);
    served.check(&report, Level::Content, "added again");
}

#[test]
fn a_news_item_that_names_a_period_alone_takes_its_review_along() {
    let mut served = Live::small();
    let rel = "content/news/2014-01-05-nam-moi.md";
    let report = served.write(
        rel,
        &news_file(
            "Năm mới",
            "2014-01-05",
            "period: 2013-h2\n",
            "Chào năm mới.",
        ),
    );
    served.check(&report, Level::Content, "a new period");
    assert!(served.served("reports/2013-h2/index.html").is_some());
    let report = served.remove(rel);
    served.check(&report, Level::Content, "the period goes with it");
    assert!(served.served("reports/2013-h2/index.html").is_none());
    assert!(served.served("reports/2013-h2/data.json").is_none());
}

#[test]
fn renaming_a_news_file_matches_a_full_build() {
    let mut served = Live::small();
    let from = "content/news/2013-06-24-gop-y.md";
    let to = "content/news/2013/2013-06-24-gop-y-hien-phap.md";
    std::fs::rename(served.root().join(from), served.root().join(to)).unwrap();
    let report = served.changed(&[from, to]);
    served.check(&report, Level::Content, "renamed");
    assert!(served.served("news/gop-y-hien-phap/index.html").is_some());
    assert!(served.served("news/gop-y/index.html").is_none());
}

#[test]
fn deleting_news_that_others_link_to_loads_the_site_again() {
    let mut served = Live::small();
    write(
        served.root(),
        "content/news/2013-05-30-trao-qua.md",
        &news_file(
            "Trao quà",
            "2013-05-30",
            "",
            "Xem [góp ý](@/news/2013-06-24-gop-y.md#y-kien).",
        ),
    );
    let report = served.changed(&["content/news/2013-05-30-trao-qua.md"]);
    served.check(&report, Level::Content, "a link to another item");
    // The link would break: the full load reports it and keeps the last good site.
    let report = served.remove("content/news/2013-06-24-gop-y.md");
    assert_eq!(report.level, Level::Full);
    let errors = served.builder.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].path,
        Path::new("content/news/2013-05-30-trao-qua.md")
    );
    // Changing its slug would change the link's URL: a full load renders both.
    write(
        served.root(),
        "content/news/2013-06-24-gop-y.md",
        &news_file("Góp ý", "2013-06-24", "slug: gop-y-2\n", "Góp ý."),
    );
    let report = served.changed(&["content/news/2013-06-24-gop-y.md"]);
    served.check(&report, Level::Full, "the fix");
    let report = served.edit("content/news/2013-06-24-gop-y.md", |t| {
        t.replace("slug: gop-y-2", "slug: gop-y-3")
    });
    served.check(&report, Level::Full, "a linked item's slug");
}

#[test]
fn a_duplicate_url_is_reported_by_a_full_load() {
    let mut served = Live::small();
    let report = served.write(
        "content/news/2013/gop-y.md",
        &news_file("Góp ý lần hai", "2013-02-02", "", "x"),
    );
    assert_eq!(report.level, Level::Full);
    let errors = served.builder.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]
            .text(blocpress::i18n::Language::En)
            .contains("/news/gop-y/"),
        "{errors:?}"
    );
    let report = served.remove("content/news/2013/gop-y.md");
    served.check(&report, Level::Full, "fixed");
}

#[test]
fn news_with_and_without_drafts() {
    for drafts in [false, true] {
        let mut served = Live::new(drafts, |root| {
            small_site(root, "https://thidua.example.vn/")
        });
        let what = |w: &str| format!("{w} (drafts: {drafts})");
        let rel = "content/news/2013-07-02-nhap.md";
        let report = served.write(
            rel,
            &news_file(
                "Bản nháp",
                "2013-07-02",
                "draft: true\ntags: [Nháp]\n",
                "Chưa đăng.",
            ),
        );
        served.check(&report, Level::Content, &what("a new draft"));
        assert_eq!(report.changed, drafts, "{}", what("a new draft"));
        let report = served.edit(rel, |t| t.replace("draft: true\n", ""));
        served.check(&report, Level::Content, &what("published"));
        let report = served.edit(rel, |t| t.replace("date:", "draft: true\ndate:"));
        served.check(&report, Level::Content, &what("a draft again"));
        let report = served.remove(rel);
        served.check(&report, Level::Content, &what("deleted"));
        assert_eq!(report.changed, drafts, "{}", what("deleted"));
    }
}

#[test]
fn a_broken_link_is_fixed_by_the_file_it_names() {
    let mut served = Live::small();
    let rel = "content/news/2013-06-21-so-ket.md";
    let report = served.edit(rel, |t| {
        format!("{t}\nXem [sắp có](@/news/2013-06-30-sap-co.md).\n")
    });
    assert_eq!(report.level, Level::Content);
    assert_eq!(served.builder.errors().len(), 1);
    let report = served.write(
        "content/news/2013-06-30-sap-co.md",
        &news_file("Sắp có", "2013-06-30", "", "Đã có."),
    );
    served.check(&report, Level::Content, "the target appeared");
}

#[test]
fn a_template_that_counts_news_is_rendered_again_everywhere() {
    let mut served = Live::new(false, |root| {
        small_site(root, "https://thidua.example.vn/");
        write(
            root,
            "themes/default/templates/base.html",
            &std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
            )
            .unwrap()
            .replace("</footer>", "<p>{{ site.news_count }} tin</p></footer>"),
        );
    });
    let report = served.write(
        "content/news/2013-07-01-moi.md",
        &news_file("Mới", "2013-07-01", "", "Mới."),
    );
    served.check(&report, Level::Content, "news count on every page");
    assert!(
        served
            .served("index.html")
            .unwrap()
            .contains("<p>7 tin</p>")
    );
    let report = served.remove("content/news/2013-07-01-moi.md");
    served.check(&report, Level::Content, "news count after a delete");
}

#[test]
fn a_list_template_that_counts_items_is_rendered_again_on_every_page() {
    let mut served = Live::new(false, |root| {
        small_site(root, "https://thidua.example.vn/");
        write(
            root,
            "themes/default/templates/news_list.html",
            &std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("themes/default/templates/news_list.html"),
            )
            .unwrap()
            .replace(
                "{% endblock content %}",
                "<p>{{ paginator.total_items }}</p>{% endblock content %}",
            ),
        );
        // Seven items: a new one keeps four list pages.
        write(
            root,
            "content/news/2012-01-01-cu.md",
            &news_file("Cũ", "2012-01-01", "", "x"),
        );
    });
    let report = served.write(
        "content/news/2012-06-01-giua.md",
        &news_file("Giữa", "2012-06-01", "", "x"),
    );
    served.check(
        &report,
        Level::Content,
        "the number of items on every list page",
    );
    assert!(
        served
            .served("news/index.html")
            .unwrap()
            .contains("<p>8</p>")
    );
}

#[test]
fn adding_and_deleting_static_files_matches_a_full_build() {
    let mut served = Live::small();
    let report = served.write("static/files/moi.pdf", "pdf");
    served.check(&report, Level::Content, "a new file");
    assert!(served.served("files/moi.pdf").is_some());
    // One that takes the place of a built-in theme file, in the site's theme, then in static/.
    let report = served.write("themes/default/static/style.css", "body { color: red }");
    served.check(&report, Level::Content, "the theme's style sheet");
    let report = served.write("static/style.css", "body { color: blue }");
    served.check(&report, Level::Content, "the site's style sheet");
    let report = served.remove("static/style.css");
    served.check(&report, Level::Content, "back to the theme's");
    let report = served.remove("themes/default/static/style.css");
    served.check(&report, Level::Content, "back to the built-in one");
    // A removed file may leave links to it broken: the site is loaded again to say so.
    let report = served.remove("static/files/moi.pdf");
    served.check(&report, Level::Full, "deleted");
    assert!(served.served("files/moi.pdf").is_none());
    // A photo goes through the image pipeline (resized, cached): the site loads again, and an
    // edited photo is processed again.
    for (what, shade) in [("a new photo", 10u8), ("an edited photo", 200)] {
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(8, 8, image::Rgb([shade; 3])))
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        std::fs::write(served.root().join("static/images/anh-moi.png"), png).unwrap();
        let report = served.changed(&["static/images/anh-moi.png"]);
        served.check(&report, Level::Full, what);
        let published = match served.builder.files().get("images/anh-moi.png") {
            Some(Served::Bytes(bytes)) => bytes.to_vec(),
            Some(Served::Disk(path)) => std::fs::read(path).unwrap(),
            None => panic!("{what}: not published"),
        };
        let pixel = image::load_from_memory(&published).unwrap().to_rgb8();
        assert_eq!(pixel.get_pixel(0, 0)[0], shade, "{what}");
    }
    let report = served.remove("static/images/anh-moi.png");
    served.check(&report, Level::Full, "photo deleted");
    // A static file in the place of a generated page: the full load says so.
    let report = served.write("static/news/index.html", "x");
    assert_eq!(report.level, Level::Full);
    assert_eq!(served.builder.errors().len(), 1);
    let report = served.remove("static/news/index.html");
    served.check(&report, Level::Full, "removed again");
}

#[test]
fn editing_adding_and_deleting_pages_matches_a_full_build() {
    for drafts in [false, true] {
        let mut served = Live::new(drafts, |root| {
            small_site(root, "https://thidua.example.vn/khoi/")
        });
        let what = |w: &str| format!("{w} (drafts: {drafts})");
        let rel = "content/pages/gioi-thieu.md";
        let report = served.edit(rel, |t| t.replace("các hội đặc thù", "**tám** hội đặc thù"));
        served.check(&report, Level::Content, &what("the body"));
        assert!(report.rendered < 5, "only the page: {}", report.rendered);
        let report = served.edit(rel, |t| t.replace("title: Giới thiệu", "title: Về Khối"));
        served.check(&report, Level::Content, &what("the title (in the menu)"));
        let report = served.write(
            "content/pages/lien-he.md",
            "---\ntitle: Liên hệ\nmenu: 2\n---\nĐịa chỉ. Xem [giới thiệu](@/pages/gioi-thieu.md).\n",
        );
        served.check(&report, Level::Content, &what("a new page"));
        let report = served.edit("content/pages/lien-he.md", |t| {
            t.replace("menu: 2", "menu: 0")
        });
        served.check(&report, Level::Content, &what("the menu order"));
        let report = served.write(
            "content/pages/nhap.md",
            "---\ntitle: Nháp\ndraft: true\n---\nChưa xong.\n",
        );
        served.check(&report, Level::Content, &what("a draft"));
        assert_eq!(report.changed, drafts);
        let report = served.remove("content/pages/nhap.md");
        served.check(&report, Level::Content, &what("the draft deleted"));
        let report = served.remove("content/pages/lien-he.md");
        served.check(&report, Level::Content, &what("deleted"));
        // News link to it: its URL cannot change without a full load.
        let report = served.edit(rel, |t| t.replace("menu: 1", "slug: ve-khoi\nmenu: 1"));
        served.check(&report, Level::Full, &what("a linked page's URL"));
        let report = served.write("content/pages/news.md", "---\ntitle: Tin\n---\nx\n");
        assert_eq!(report.level, Level::Content, "{}", what("a reserved URL"));
        assert_eq!(served.builder.errors().len(), 1);
        let report = served.remove("content/pages/news.md");
        served.check(&report, Level::Content, &what("the reserved URL deleted"));
    }
}

#[test]
fn editing_achievements_matches_a_full_build() {
    let mut served = Live::example();
    // Every achievement file of the example site: a value, the summary, a highlight.
    let mut files: Vec<String> = walkdir::WalkDir::new(served.root().join("content/associations"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            e.path()
                .strip_prefix(served.root())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| p.ends_with(".yaml") && !p.ends_with("profile.yaml"))
        .collect();
    files.sort();
    for (n, rel) in files.iter().enumerate() {
        let report = served.edit(rel, |text| {
            let mut out = String::new();
            let mut in_metrics = false;
            let mut done = false;
            for line in text.lines() {
                if line.starts_with("metrics:") {
                    in_metrics = true;
                } else if !line.starts_with(' ') {
                    in_metrics = false;
                }
                if in_metrics && !done && line.starts_with("  ") && line.contains(':') {
                    let key = line.split(':').next().unwrap();
                    out.push_str(&format!("{key}: {}\n", 1000 + n));
                    done = true;
                } else {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            out.replace("summary: >-", &format!("summary: >-\n  Sửa số {n}:"))
        });
        served.check(&report, Level::Content, rel);
        assert!(report.changed, "{rel}");
        assert!(report.rendered < 20, "{rel}: {} files", report.rendered);
    }
    // Targets set in 2012-h2 show as % reached in the 2013-h1 review.
    let report = served.edit("content/associations/hoi-luat-gia/2012-h2.yaml", |t| {
        t.replace("conferences: 30", "conferences: 70")
    });
    served.check(&report, Level::Content, "a target");
}

#[test]
fn adding_and_deleting_achievements_matches_a_full_build() {
    let mut served = Live::small();
    // A period of its own, a year before 2013-h1 (the review's year-on-year column).
    let rel = "content/associations/hoi-luat-gia/2012-h1.yaml";
    let report = served.write(
        rel,
        "summary: Năm trước.\nmetrics:\n  new_members: 5\ntargets:\n  new_members: 20\n",
    );
    served.check(&report, Level::Content, "a new period");
    assert!(served.served("reports/2012-h1/index.html").is_some());
    // 2013-h1 compares with 2012-h2 (here the same as 2012-h1 in a year... no: 2012-h2 is
    // its preceding period); make one to compare with, then edit the year-earlier one.
    let report = served.write(
        "content/associations/hoi-luat-gia/2012-h2.yaml",
        "metrics:\n  new_members: 8\ntargets:\n  new_members: 15\n",
    );
    served.check(&report, Level::Content, "the preceding period");
    let report = served.edit(rel, |t| t.replace("new_members: 5", "new_members: 6"));
    served.check(&report, Level::Content, "the year-earlier period");
    let report = served.write(
        "content/associations/hoi-chu-thap-do/2012-h2.yaml",
        "summary: Có số liệu.\nmetrics:\n  new_members: 3\n",
    );
    served.check(
        &report,
        Level::Content,
        "another member in an existing period",
    );
    let report = served.remove("content/associations/hoi-chu-thap-do/2012-h2.yaml");
    served.check(&report, Level::Content, "deleted, the period stays");
    let report = served.remove("content/associations/hoi-luat-gia/2012-h2.yaml");
    served.check(&report, Level::Content, "deleted, the period goes");
    assert!(served.served("reports/2012-h2/index.html").is_none());
    let report = served.remove(rel);
    served.check(&report, Level::Content, "deleted again");
}

#[test]
fn a_broken_data_file_keeps_its_last_good_version_until_fixed() {
    let mut served = Live::small();
    let rel = "content/associations/hoi-luat-gia/2013-h1.yaml";
    let before = served.builder.files();
    let report = served.edit(rel, |t| t.replace("new_members: 12", "new_membres: 12"));
    assert_eq!(report.level, Level::Content);
    assert!(!report.changed);
    assert_eq!(*served.builder.files(), *before);
    let errors = served.builder.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path, Path::new(rel));
    assert!(
        errors[0]
            .text(blocpress::i18n::Language::En)
            .contains("new_members"),
        "{errors:?}"
    );
    // Another file edited meanwhile is applied; the broken one stays reported.
    let report = served.edit("content/associations/hoi-chu-thap-do/2013-h1.yaml", |t| {
        t.replace("30", "31")
    });
    assert!(report.changed);
    assert_eq!(served.builder.errors().len(), 1);
    let report = served.edit(rel, |t| t.replace("new_membres: 12", "new_members: 13"));
    served.check(&report, Level::Content, "fixed");

    // Deleting a broken new file clears its errors.
    let report = served.write(
        "content/associations/hoi-luat-gia/2014-h1.yaml",
        "metrics:\n  new_members: \"1.000\"\n",
    );
    assert_eq!(report.level, Level::Content);
    assert_eq!(served.builder.errors().len(), 1);
    let report = served.remove("content/associations/hoi-luat-gia/2014-h1.yaml");
    served.check(&report, Level::Content, "the broken file deleted");
}

#[test]
fn editing_scoring_matches_a_full_build() {
    let mut served = Live::example();
    let rel = "content/scoring/2013.yaml";
    // A year's awards proposal shows its scoring's ranks, so while the example has 2013's a
    // change to 2013's scoring reloads everything (content/awards/2013.yaml); another year's
    // scoring, or 2013's without the awards, is applied.
    let report = served.edit(rel, |t| {
        t.replace(
            "title: Chấm điểm thi đua năm 2013",
            "title: Chấm điểm năm 2013",
        )
    });
    served.check(&report, Level::Full, "a title, with the year's awards");
    // Another year's scoring is not in 2013's proposal: it is applied, not a full load.
    let text = served
        .read(rel)
        .replace("Chấm điểm năm 2013", "Chấm điểm năm 2014");
    let report = served.write("content/scoring/2014.yaml", &text);
    served.check(
        &report,
        Level::Content,
        "another year's table, with 2013's awards",
    );
    let report = served.edit("content/scoring/2014.yaml", |t| {
        t.replace("Chấm điểm năm 2014", "Bảng điểm năm 2014")
    });
    served.check(
        &report,
        Level::Content,
        "another year's title, with 2013's awards",
    );
    let report = served.remove("content/scoring/2014.yaml");
    served.check(&report, Level::Content, "another year's table deleted");
    let report = served.remove("content/awards/2013.yaml");
    served.check(&report, Level::Full, "the awards removed");
    let report = served.edit(rel, |t| {
        t.replace(
            "title: Chấm điểm năm 2013",
            "title: Chấm điểm thi đua năm 2013",
        )
    });
    served.check(&report, Level::Content, "the title back");
    // Ranks change: the leader drops below two members tied at 95.75.
    let report = served.edit(rel, |t| {
        t.replace(
            "\"1.1\": 10, \"1.2\": 9.5, \"1.3\": 10",
            "\"1.1\": 5, \"1.2\": 9.5, \"1.3\": 10",
        )
        // A Cờ goes to a member ranked first (E721): it drops to a Bằng khen.
        .replace(
            "hoi-luat-gia: Cờ thi đua của UBND tỉnh",
            "hoi-luat-gia: Bằng khen của Chủ tịch UBND tỉnh",
        )
    });
    served.check(&report, Level::Content, "a score");
    let report = served.edit(rel, |t| {
        t.replace("title: Chấm điểm thi đua năm 2013", "title: Bảng điểm 2013")
    });
    served.check(&report, Level::Content, "the title");
    let text = served.read(rel);
    // A table for a period only achievements name, then for a new period.
    let report = served.write("content/scoring/2013-h1.yaml", &text);
    served.check(&report, Level::Content, "a new table");
    let report = served.write("content/scoring/2014.yaml", &text);
    served.check(&report, Level::Content, "a new table and period");
    let report = served.remove("content/scoring/2014.yaml");
    served.check(&report, Level::Content, "deleted with its period");
    let report = served.remove("content/scoring/2013.yaml");
    served.check(&report, Level::Content, "deleted");
    assert!(served.served("scoring/2013/index.html").is_none());
}

#[test]
fn editing_a_period_narrative_matches_a_full_build() {
    let mut served = Live::example();
    let rel = "content/periods/2013-h1.md";
    let original = served.read(rel);
    served.each_edit_and_undo(
        rel,
        &original,
        [
            (
                "the body",
                original.replace("Sáng 21/6/2013", "Sáng ngày 21/6/2013"),
            ),
            (
                "the summary",
                original.replace("summary: Khối", "summary: Cả Khối"),
            ),
            (
                "the host",
                original.replace("host: hoi-luat-gia", "host: lien-minh-htx"),
            ),
            (
                "the title",
                original.replace("title: Sơ kết công tác", "title: Hội nghị sơ kết công tác"),
            ),
            (
                "no title",
                original.replace("title: Sơ kết công tác thi đua 6 tháng đầu năm 2013\n", ""),
            ),
        ],
    );
    // A draft holds the period's figures back from every page: a full load, both ways.
    let report = served.write(rel, &original.replace("date:", "draft: true\ndate:"));
    served.check(&report, Level::Full, "a draft");
    let report = served.write(rel, &original);
    served.check(&report, Level::Full, "a draft, undone");
    let report = served.remove(rel);
    served.check(&report, Level::Content, "deleted");
    let report = served.write(rel, &original);
    served.check(&report, Level::Content, "back");
    // A narrative for a period nothing else names: a new review.
    let report = served.write(
        "content/periods/2013-h2.md",
        "---\ntitle: Tổng kết 6 tháng cuối năm\n---\nSẽ họp vào tháng 12. Xem [6 tháng đầu năm](@/periods/2013-h1.md).\n",
    );
    served.check(&report, Level::Content, "a new period");
    assert!(served.served("reports/2013-h2/index.html").is_some());
    // Another file links to 2013-h1.md: deleting it needs a full load (which reports the link).
    let report = served.remove(rel);
    assert_eq!(report.level, Level::Full);
    assert_eq!(served.builder.errors().len(), 1);
    let report = served.write(rel, &original);
    served.check(&report, Level::Full, "linked again");
    let report = served.remove("content/periods/2013-h2.md");
    served.check(&report, Level::Content, "the new period deleted");
    assert!(served.served("reports/2013-h2/index.html").is_none());
}

#[test]
fn period_narratives_with_and_without_drafts() {
    for drafts in [false, true] {
        let mut served = Live::new(drafts, |root| {
            small_site(root, "https://thidua.example.vn/")
        });
        let what = |w: &str| format!("{w} (drafts: {drafts})");
        let rel = "content/periods/2013-h1.md";
        // Without --drafts, a draft period holds its figures back everywhere: a full load.
        let level = if drafts { Level::Content } else { Level::Full };
        let report = served.write(rel, "---\ntitle: Sơ kết\ndraft: true\n---\nBản nháp.\n");
        served.check(&report, level, &what("a draft narrative"));
        let report = served.edit(rel, |t| t.replace("draft: true\n", ""));
        served.check(&report, level, &what("published"));
        let report = served.write("content/periods/2014.md", "---\ndraft: true\n---\nSau.\n");
        served.check(&report, Level::Content, &what("a draft of a new period"));
        // Figures of a draft period stay out of the site, however they arrive.
        let report = served.write(
            "content/associations/hoi-luat-gia/2014.yaml",
            "metrics:\n  new_members: 40\n",
        );
        served.check(&report, level, &what("figures of a draft period"));
        assert_eq!(
            served.served("reports/2014/index.html").is_some(),
            drafts,
            "{}",
            what("the draft review")
        );
        let report = served.write(
            "content/news/2014-01-05-nam-moi.md",
            &news_file("Năm mới", "2014-01-05", "period: \"2014\"\n", "Tin."),
        );
        served.check(&report, Level::Content, &what("news of a draft period"));
        let report = served.remove(rel);
        served.check(&report, Level::Content, &what("deleted"));
    }
}

#[test]
fn editing_a_profile_matches_a_full_build() {
    let mut served = Live::example();
    let rel = "content/associations/lien-minh-htx/profile.yaml";
    let original = served.read(rel);
    served.each_edit_and_undo(
        rel,
        &original,
        [
            (
                "the name",
                original.replace("name: Liên minh", "name: Liên minh các"),
            ),
            (
                "the order (ties in the scoring table follow it)",
                original.replace("order: 2", "order: 9"),
            ),
            ("no order", original.replace("order: 2\n", "")),
            (
                "the description",
                original.replace("Tổ chức đại diện", "Tổ chức **đại diện**"),
            ),
            (
                "a contact",
                original.replace("order: 2", "order: 2\nphone: 0213 3876 543"),
            ),
            (
                "a metric's label",
                original.replace("Hợp tác xã thành lập mới", "HTX thành lập mới"),
            ),
        ],
    );
    // The bloc's leader: named in the templates' site-wide context.
    let rel = "content/associations/hoi-luat-gia/profile.yaml";
    let report = served.edit(rel, |t| {
        t.replace("short_name: Hội Luật gia", "short_name: HLG")
    });
    served.check(&report, Level::Content, "the leader's short name");
    let report = served.edit(rel, |t| {
        t.replace("unit: \"mô hình\"", "unit: \"mô hình điểm\"")
    });
    served.check(&report, Level::Content, "a metric's unit");
    // A metric its achievements report is removed: the full load names the files.
    let report = served.edit(rel, |t| {
        t.lines()
            .filter(|l| !l.contains("pilot_models"))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    assert_eq!(report.level, Level::Full);
    assert!(!served.builder.errors().is_empty());
}

#[test]
fn a_profile_edit_with_a_broken_achievement_elsewhere_reports_both() {
    let mut served = Live::small();
    let report = served.edit("content/associations/hoi-luat-gia/2013-h1.yaml", |t| {
        t.replace("new_members: 12", "new_members: [12]")
    });
    assert_eq!(report.level, Level::Content);
    assert_eq!(served.builder.errors().len(), 1);
    let report = served.edit("content/associations/hoi-luat-gia/profile.yaml", |t| {
        t.replace("order: 1", "order: 3")
    });
    // The profile needs its achievements read again; one is broken, so everything is loaded.
    assert_eq!(report.level, Level::Full);
    assert_eq!(served.builder.errors().len(), 1);
    let report = served.edit("content/associations/hoi-luat-gia/2013-h1.yaml", |t| {
        t.replace("new_members: [12]", "new_members: 12")
    });
    served.check(&report, Level::Full, "fixed");
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
    assert_eq!(report.level, Level::Content);
    assert!(report.changed);
    assert_eq!(builder.errors().len(), 1);

    // Fixing it clears the error; the result is what a full build gives.
    std::fs::write(&path, &original).unwrap();
    edit_in_place(&path, 2);
    let report = builder.changed(std::slice::from_ref(&path), false);
    assert_eq!(report.level, Level::Content);
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
    assert_eq!(report.level, Level::Content);
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
    assert_eq!(level("content/news/2013-06-21-so-ket.md"), Level::Content);
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
    assert_eq!(
        level("content/news/new-file.md"),
        Level::Content,
        "a new file"
    );
    write(&site.root, "content/news/x.txt", "x");
    assert_eq!(level("content/news/x.txt"), Level::Full, "not a news file");
    assert_eq!(level("content/pages/gioi-thieu.md"), Level::Content);
    write(&site.root, "content/pages/sub/x.md", "x");
    assert_eq!(level("content/pages/sub/x.md"), Level::Full, "not a page");
    for rel in [
        "content/associations/hoi-luat-gia/2013-h1.yaml",
        "content/associations/hoi-luat-gia/profile.yaml",
    ] {
        assert_eq!(level(rel), Level::Content, "{rel}");
    }
    write(
        &site.root,
        "content/associations/hoi-moi/profile.yaml",
        "name: Hội mới\n",
    );
    write(
        &site.root,
        "content/associations/hoi-luat-gia/2013-h3.yaml",
        "{}\n",
    );
    write(
        &site.root,
        "content/associations/hoi-luat-gia/2014.yml",
        "{}\n",
    );
    write(&site.root, "content/scoring/2013.yaml", "{}\n");
    write(&site.root, "content/scoring/diem.yaml", "{}\n");
    write(&site.root, "content/periods/2013-h1.md", "x\n");
    for (rel, expected) in [
        ("content/associations/hoi-moi/profile.yaml", Level::Full),
        (
            "content/associations/hoi-luat-gia/2013-h3.yaml",
            Level::Full,
        ),
        ("content/associations/hoi-luat-gia/2014.yml", Level::Full),
        ("content/scoring/2013.yaml", Level::Content),
        ("content/scoring/diem.yaml", Level::Full),
        ("content/periods/2013-h1.md", Level::Content),
    ] {
        assert_eq!(level(rel), expected, "{rel}");
    }
    std::fs::remove_file(site.root.join("content/news/2013-06-21-so-ket.md")).unwrap();
    assert_eq!(
        level("content/news/2013-06-21-so-ket.md"),
        Level::Content,
        "a deleted news file"
    );
    assert_eq!(level("site.yaml"), Level::Full);
    assert_eq!(level("static/images/logo.svg"), Level::Static);
    write(&site.root, "static/images/new.svg", "<svg/>");
    assert_eq!(
        level("static/images/new.svg"),
        Level::Content,
        "a new static file"
    );
    write(&site.root, "themes/other/static/x.css", "x");
    assert_eq!(level("themes/other/static/x.css"), Level::Ignore);
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

/// A small deterministic random number generator (xorshift), so a failure can be replayed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// One random change: its files are written or deleted; returns their paths.
fn random_change(served: &Live, random: &mut Random, step: usize) -> Vec<String> {
    let root = served.root();
    let news: Vec<String> = news_files(root)
        .iter()
        .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
        .collect();
    let news_text = |random: &mut Random, title: &str| {
        let date = format!(
            "{}-{:02}-{:02}",
            random.pick(&["2012", "2013", "2013", "2014"]),
            1 + random.below(12),
            1 + random.below(28)
        );
        let mut extra = String::new();
        let tags: Vec<&str> = (0..random.below(3))
            .map(|_| random.pick(&["Sơ kết", "SƠ KẾT", "Thi đua", "Nhân đạo", "Hiến pháp"]))
            .collect();
        if !tags.is_empty() {
            extra.push_str(&format!("tags: [{}]\n", tags.join(", ")));
        }
        if random.chance(40) {
            let members = random.pick(&[
                "hoi-luat-gia",
                "hoi-chu-thap-do",
                "hoi-luat-gia, hoi-chu-thap-do",
            ]);
            extra.push_str(&format!("associations: [{members}]\n"));
        }
        if random.chance(40) {
            let period = random.pick(&["2013-h1", "2013-h2", "2014-h1", "2012"]);
            extra.push_str(&format!("period: {period}\n"));
        }
        if random.chance(10) {
            extra.push_str("draft: true\n");
        }
        if random.chance(20) {
            extra.push_str(&format!("summary: Tóm tắt {step}\n"));
        }
        news_file(
            title,
            &date,
            &extra,
            &format!("Nội dung {step}, xem [giới thiệu](@/pages/gioi-thieu.md)."),
        )
    };
    let member = random.pick(&["hoi-luat-gia", "hoi-chu-thap-do"]);
    let period = random.pick(&["2012-h2", "2013-h1", "2013-h2", "2014-h1", "2013"]);
    match random.below(9) {
        0 | 1 => {
            let rel = format!("content/news/tin-{step}.md");
            write(root, &rel, &news_text(random, &format!("Tin số {step}")));
            vec![rel]
        }
        2 if news.len() > 3 => {
            let rel = news[random.below(news.len())].clone();
            std::fs::remove_file(root.join(&rel)).unwrap();
            vec![rel]
        }
        2 | 3 => {
            let rel = news[random.below(news.len())].clone();
            write(root, &rel, &news_text(random, &format!("Sửa số {step}")));
            vec![rel]
        }
        4 => {
            let rel = format!("content/associations/{member}/{period}.yaml");
            if root.join(&rel).exists() && random.chance(40) {
                std::fs::remove_file(root.join(&rel)).unwrap();
            } else {
                write(
                    root,
                    &rel,
                    &format!(
                        "summary: Kỳ {period}, lần {step}.\nmetrics:\n  new_members: {}\ntargets:\n  new_members: {}\n",
                        random.below(50),
                        random.below(60)
                    ),
                );
            }
            vec![rel]
        }
        5 => {
            let rel = format!("content/scoring/{period}.yaml");
            if root.join(&rel).exists() && random.chance(40) {
                std::fs::remove_file(root.join(&rel)).unwrap();
            } else {
                write(
                    root,
                    &rel,
                    &format!(
                        "groups:\n  - title: Nhiệm vụ\n    criteria:\n      - {{ id: \"1\", title: Hoàn thành, max: 10 }}\nscores:\n  hoi-luat-gia: {{ \"1\": {} }}\n  hoi-chu-thap-do: {{ \"1\": {} }}\n",
                        random.below(11),
                        random.below(11)
                    ),
                );
            }
            vec![rel]
        }
        6 => {
            let rel = format!("content/periods/{period}.md");
            if root.join(&rel).exists() && random.chance(40) {
                std::fs::remove_file(root.join(&rel)).unwrap();
            } else {
                let title = random.pick(&["", "title: Sơ kết\n", "title: Tổng kết\n"]);
                let draft = if random.chance(20) {
                    "draft: true\n"
                } else {
                    ""
                };
                write(
                    root,
                    &rel,
                    &format!("---\n{title}{draft}summary: Lần {step}\n---\nDiễn biến {step}.\n"),
                );
            }
            vec![rel]
        }
        7 => {
            let rel = "content/associations/hoi-chu-thap-do/profile.yaml";
            let order = random.pick(&["order: 2\n", "order: 0\n", ""]);
            let name = random.pick(&["Hội Chữ thập đỏ tỉnh Lai Châu", "Hội Chữ thập đỏ"]);
            write(
                root,
                rel,
                &format!("name: {name}\n{order}description: Lần {step}.\n"),
            );
            vec![rel.to_string()]
        }
        _ => {
            let rel = "content/pages/gioi-thieu.md";
            let title = random.pick(&["Giới thiệu", "Về Khối"]);
            write(
                root,
                rel,
                &format!("---\ntitle: {title}\nmenu: 1\n---\nKhối, lần {step}.\n"),
            );
            vec![rel.to_string()]
        }
    }
}

#[test]
fn random_sequences_of_changes_match_a_full_build() {
    for (seed, drafts) in [(0x5eed_2013_u64, false), (0xb10c_7e55, true), (42, false)] {
        let mut served = Live::new(drafts, |root| {
            small_site(root, "https://thidua.example.vn/khoi/")
        });
        let mut random = Random(seed);
        let mut incremental = 0;
        for step in 0..40 {
            // Sometimes several files in one batch, as a `git checkout` or a quick editor gives.
            let batch = if random.chance(20) { 3 } else { 1 };
            let mut rels = Vec::new();
            for n in 0..batch {
                rels.extend(random_change(&served, &mut random, step * 10 + n));
            }
            rels.sort();
            rels.dedup();
            let rels: Vec<&str> = rels.iter().map(String::as_str).collect();
            let report = served.changed(&rels);
            let what = format!("seed {seed:x}, step {step}: {rels:?}");
            assert!(
                served.builder.errors().is_empty(),
                "{what}: {:?}",
                served.builder.errors()
            );
            assert_same_as_full_build_with(&served.builder, drafts, &what);
            incremental += usize::from(report.level == Level::Content);
        }
        eprintln!("seed {seed:x}: {incremental} of 40 changes applied incrementally");
        assert!(
            incremental >= 36,
            "seed {seed:x}: only {incremental} of 40 incremental"
        );
    }
}

#[test]
fn aliases_updated_and_feeds_are_served_like_a_full_build() {
    let mut served = Live::small();
    let rel = "content/news/2013-05-30-trao-qua.md";
    let original = served.read(rel);
    let with_alias = original.replace(
        "date: 2013-05-30",
        "date: 2013-05-30\nupdated: 2013-06-02\naliases: [/news/trao-qua-cu/, /cu/tin.html]",
    );
    let report = served.write(rel, &with_alias);
    served.check(&report, Level::Content, "aliases and updated added");
    let redirect = served
        .served("news/trao-qua-cu/index.html")
        .expect("the redirect page is served");
    assert!(redirect.contains("url=/khoi/news/trao-qua/"), "{redirect}");
    assert!(served.served("cu/tin.html").is_some());
    assert!(
        served
            .served("tags/nhan-dao/atom.xml")
            .unwrap()
            .contains("2013-06-02T00:00:00+07:00")
    );
    assert!(
        served
            .served("associations/hoi-chu-thap-do/atom.xml")
            .is_some()
    );
    // A new title shows on the redirect pages and in the feeds.
    let report = served.write(rel, &with_alias.replace("title: ", "title: Mới - "));
    served.check(&report, Level::Content, "title of an item with aliases");
    let report = served.write(rel, &original);
    served.check(&report, Level::Content, "aliases removed");
    assert!(served.served("news/trao-qua-cu/index.html").is_none());
}

#[test]
fn a_news_body_edit_changes_only_the_search_chunk_of_its_new_word() {
    let site = TempSite::new();
    small_site(&site.root, "https://thidua.example.vn/");
    let mut builder = built(&site.root);
    let before = builder.files();
    let path = site.root.join("content/news/2013-06-21-so-ket.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nMột từ mới: Zyxwvutsrq.\n")).unwrap();
    let report = builder.changed(std::slice::from_ref(&path), false);
    assert_eq!(report.level, Level::Content);
    assert!(report.changed);
    let after = builder.files();
    let keys: BTreeSet<&Arc<str>> = before.keys().chain(after.keys()).collect();
    let changed: Vec<&str> = keys
        .into_iter()
        .filter(|key| key.starts_with("search/") && before.get(*key) != after.get(*key))
        .map(|key| &**key)
        .collect();
    let text_of = |key: &str| match after.get(key) {
        Some(Served::Bytes(bytes)) => String::from_utf8_lossy(bytes).into_owned(),
        other => panic!("{key}: {other:?}"),
    };
    // The body is not in the index's result cards (the snippet comes from the page).
    assert!(
        !changed.iter().any(|k| k.starts_with("search/r/")),
        "{changed:?}"
    );
    let chunks: Vec<&str> = changed
        .iter()
        .copied()
        .filter(|k| k.starts_with("search/c/"))
        .collect();
    assert!(!chunks.is_empty(), "{changed:?}");
    for chunk in &chunks {
        assert!(text_of(chunk).contains("\"zyxwvutsrq\":"), "{chunk}");
    }
    assert_eq!(
        changed.len(),
        chunks.len() + 1,
        "the chunk and search/index.json: {changed:?}"
    );
    assert!(changed.contains(&"search/index.json"));
    assert_same_as_full_build(&builder, "a news body edited");
}

#[test]
fn a_photo_next_to_a_news_item_is_shown_once_named_and_again_once_replaced() {
    let mut served = Live::small();
    let photo = "content/news/anh/moi.png";
    std::fs::create_dir_all(served.root().join("content/news/anh")).unwrap();
    std::fs::write(served.root().join(photo), png(300, 200, [200, 30, 30])).unwrap();
    served.changed(&[photo]);
    assert!(
        served.served("news/anh/moi.png").is_none(),
        "a photo no item names is not published"
    );
    // The item names it: a full load publishes it through the image pipeline.
    let rel = "content/news/2013-06-21-so-ket.md";
    served.edit(rel, |t| format!("{t}\n![Ảnh mới](anh/moi.png)\n"));
    assert!(
        served.builder.errors().is_empty(),
        "{:?}",
        served.builder.errors()
    );
    assert_same_as_full_build(&served.builder, "a photo named");
    let page = served.served("news/so-ket/index.html").unwrap();
    assert!(
        page.contains("src=\"/khoi/news/anh/moi.png\"") && page.contains("width=\"300\""),
        "{page}"
    );
    // The photo replaced (another size): the page shows the new one.
    std::fs::write(served.root().join(photo), png(400, 100, [30, 30, 200])).unwrap();
    served.changed(&[photo]);
    assert!(
        served.builder.errors().is_empty(),
        "{:?}",
        served.builder.errors()
    );
    assert_same_as_full_build(&served.builder, "the photo replaced");
    let page = served.served("news/so-ket/index.html").unwrap();
    assert!(
        page.contains("width=\"400\" height=\"100\""),
        "the new photo's size: {page}"
    );
    // A name that is not there: the error names the file and line.
    served.edit(rel, |t| t.replace("anh/moi.png", "anh/khong-co.png"));
    let errors = format!("{:?}", served.builder.errors());
    assert!(
        errors.contains("E400") && errors.contains("anh/khong-co.png"),
        "{errors}"
    );
}
