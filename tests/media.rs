//! Photos and documents: the image pipeline (upright, stripped, resized, cached), galleries,
//! missing files and broken images, and documents as content.

mod support;

use std::path::Path;

use support::{Site, attr, png, select, stderr};

/// A JPEG of `width`×`height` stored pixels, top half red and bottom half blue, with an EXIF
/// block holding `orientation` and a GPS position (22° 23' 45.67" N), made here so the fixture
/// is plain to read.
fn phone_jpeg(width: u32, height: u32, orientation: u16, seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |_, y| {
        if y < height / 2 {
            image::Rgb([220, 20, seed])
        } else {
            image::Rgb([20, 20, 220])
        }
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&img)
        .unwrap();
    // TIFF (big-endian): IFD0 with Orientation and a pointer to the GPS IFD.
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend(2u16.to_be_bytes());
    tiff.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff.extend(orientation.to_be_bytes());
    tiff.extend([0, 0]);
    tiff.extend([0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    tiff.extend(0u32.to_be_bytes());
    assert_eq!(tiff.len(), 38);
    tiff.extend(2u16.to_be_bytes());
    tiff.extend([0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend([0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 68]);
    tiff.extend(0u32.to_be_bytes());
    assert_eq!(tiff.len(), 68);
    for (n, d) in [(22u32, 1u32), (23, 1), (4567, 100)] {
        tiff.extend(n.to_be_bytes());
        tiff.extend(d.to_be_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xff, 0xe1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// The GPS seconds of [`phone_jpeg`] as stored (4567/100): must never be published.
const GPS_BYTES: [u8; 8] = [0, 0, 0x11, 0xd7, 0, 0, 0, 100];

fn write_bytes(site: &Site, rel: &str, bytes: &[u8]) {
    let path = site.root().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn news(site: &Site, slug: &str, front: &str, body: &str) {
    site.write(
        &format!("content/news/{slug}.md"),
        &format!("---\ntitle: Tin có ảnh {slug}\ndate: 2024-05-01\n{front}---\n{body}"),
    );
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn stdout(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_rotated_photo_with_gps_is_published_upright_resized_and_without_metadata() {
    let site = Site::new("news-site");
    let original = phone_jpeg(1200, 600, 6, 0);
    write_bytes(&site, "static/images/tham-hoi.jpg", &original);
    news(
        &site,
        "tham-hoi",
        "image: /images/tham-hoi.jpg\nimage_alt: Thăm hỏi hội viên\n",
        "Nội dung.\n\n![Trao quà](/images/tham-hoi.jpg)\n",
    );
    site.build_ok(&[]);

    // Stored 1200×600 with orientation 6 (turn 90° clockwise): shown 600×1200, so 480 and 600
    // wide, never wider than the original.
    let mut seen = Vec::new();
    for (rel, width) in [
        ("images/tham-hoi.jpg", 600),
        ("images/tham-hoi-600w.webp", 600),
        ("images/tham-hoi-480w.jpg", 480),
        ("images/tham-hoi-480w.webp", 480),
    ] {
        let path = site.out().join(rel);
        let bytes = std::fs::read(&path).unwrap_or_else(|_| panic!("{rel} missing"));
        let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
        assert_eq!(img.width(), width, "{rel}");
        assert_eq!(img.height(), width * 2, "{rel}: upright (portrait)");
        // The stored top (red) is now on the right, the bottom (blue) on the left.
        let right = img.get_pixel(width * 3 / 4, width);
        let left = img.get_pixel(width / 4, width);
        assert!(
            right[0] > 150 && right[2] < 100,
            "{rel}: right is red: {right:?}"
        );
        assert!(
            left[2] > 150 && left[0] < 100,
            "{rel}: left is blue: {left:?}"
        );
        seen.push(rel);
    }
    assert!(!site.exists("images/tham-hoi-1600w.jpg"), "never upscaled");
    // No metadata in any derived file: no EXIF block, no GPS value, not the original's bytes.
    for path in files_under(&site.out().join("images")) {
        let bytes = std::fs::read(&path).unwrap();
        assert!(!contains(&bytes, b"Exif"), "{} has EXIF", path.display());
        assert!(
            !contains(&bytes, &GPS_BYTES),
            "{} has the GPS position",
            path.display()
        );
        assert_ne!(bytes, original, "{} is the original", path.display());
    }
    // The page shows a <picture> with WebP, srcset, sizes, width and height.
    let html = site.html("news/tham-hoi/index.html");
    let sources = attr(
        &html,
        ".lead-image picture source[type='image/webp']",
        "srcset",
    );
    assert_eq!(
        sources,
        vec![
            "/khoi-thi-dua/images/tham-hoi-480w.webp 480w, /khoi-thi-dua/images/tham-hoi-600w.webp 600w"
        ]
    );
    let lead = select(&html, ".lead-image img")[0];
    assert_eq!(lead.value().attr("width"), Some("600"));
    assert_eq!(lead.value().attr("height"), Some("1200"));
    assert_eq!(
        lead.value().attr("loading"),
        None,
        "the lead image is not lazy"
    );
    let body = select(&html, ".prose picture img")[0];
    assert_eq!(body.value().attr("loading"), Some("lazy"), "below the fold");
    assert!(body.value().attr("sizes").is_some());
    // Thumbnails in the news list and on the home page.
    for page in ["news/index.html", "index.html"] {
        let html = site.html(page);
        assert!(
            !select(&html, ".card-thumb picture img[width='600']").is_empty(),
            "{page} has a thumbnail"
        );
    }
}

#[test]
fn a_second_build_reuses_the_cache_and_a_changed_photo_is_processed_again() {
    let site = Site::new("news-site");
    write_bytes(&site, "static/images/a.jpg", &phone_jpeg(800, 600, 1, 0));
    write_bytes(&site, "static/images/b.jpg", &phone_jpeg(800, 600, 1, 10));
    news(&site, "a", "", "![A](/images/a.jpg)\n");
    let first = stdout(&site.build_ok(&[]));
    assert!(first.contains("Images: 2 processed, 0 reused"), "{first}");
    let second = stdout(&site.build_ok(&[]));
    assert!(second.contains("Images: 0 processed, 2 reused"), "{second}");
    assert!(site.root().join(".blocpress-cache/images").is_dir());

    // Same size, same modification time, other pixels: still seen as changed.
    let path = site.root().join("static/images/a.jpg");
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let changed = phone_jpeg(800, 600, 1, 200);
    let before = std::fs::read(&path).unwrap();
    assert_ne!(changed, before);
    std::fs::write(&path, &changed).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let third = stdout(&site.build_ok(&[]));
    assert!(third.contains("Images: 1 processed, 1 reused"), "{third}");
    let published = image::open(site.out().join("images/a.jpg"))
        .unwrap()
        .to_rgb8();
    assert!(
        published.get_pixel(400, 100)[2] > 150,
        "the new photo is published, not the cached old one"
    );
}

#[test]
fn missing_images_and_files_fail_check_with_file_and_line() {
    let site = Site::new("news-site");
    news(
        &site,
        "thieu",
        "image: /images/khong-co.jpg\n",
        "Đoạn một.\n\n![Ảnh](/images/khong-co-nua.png)\n\nXem [kế hoạch](/files/ke-hoach.pdf).\n",
    );
    let output = site.run(&["check"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains(
            "error[E400]: content/news/thieu.md:8:0: link or image `/images/khong-co-nua.png`"
        ) || err.contains("error[E400]: content/news/thieu.md:8:"),
        "{err}"
    );
    assert!(
        err.contains("error[E400]: content/news/thieu.md:10:")
            && err.contains("/files/ke-hoach.pdf"),
        "{err}"
    );
    assert!(
        err.contains("error[E401]: content/news/thieu.md:4:")
            && err.contains("/images/khong-co.jpg"),
        "{err}"
    );
    let vi = stderr(&site.run(&["check", "--lang", "vi"]));
    assert!(
        vi.contains("lỗi[E400]: content/news/thieu.md:10:")
            && vi.contains("trỏ tới một tệp không có trong trang"),
        "{vi}"
    );
    // Once the file is there, check passes.
    write_bytes(&site, "static/files/ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n");
    write_bytes(
        &site,
        "static/images/khong-co.jpg",
        &phone_jpeg(64, 64, 1, 0),
    );
    write_bytes(&site, "static/images/khong-co-nua.png", &{
        let mut png = Vec::new();
        image::DynamicImage::new_rgba8(8, 8)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        png
    });
    let output = site.run(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn an_undecodable_image_fails_check_naming_the_file() {
    let site = Site::new("news-site");
    write_bytes(
        &site,
        "static/images/hong.jpg",
        b"this is a Word file renamed to .jpg",
    );
    let output = site.run(&["check"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("error[E402]: static/images/hong.jpg"), "{err}");
    let output = site.build(&[]);
    assert!(!output.status.success(), "build refuses it too");
}

#[test]
fn a_large_original_gets_a_warning_with_its_size() {
    let site = Site::new("news-site");
    // A valid photo followed by 6 MB of padding (decoders stop at the end of the image).
    let mut bytes = phone_jpeg(64, 64, 1, 0);
    bytes.resize(bytes.len() + 6 * 1024 * 1024, 0);
    write_bytes(&site, "static/images/lon.jpg", &bytes);
    let output = site.run(&["check", "--lang", "vi"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("cảnh báo[W400]: static/images/lon.jpg") && err.contains("6,0 MB"),
        "{err}"
    );
}

#[test]
fn a_paragraph_of_images_is_a_gallery_with_captions() {
    let site = Site::new("news-site");
    for name in ["g1", "g2", "g3"] {
        write_bytes(
            &site,
            &format!("static/images/{name}.jpg"),
            &phone_jpeg(640, 480, 1, 0),
        );
    }
    news(
        &site,
        "gallery",
        "",
        "Mở đầu.\n\n![Trao quà](/images/g1.jpg)\n![Tặng sách](/images/g2.jpg \"Tặng sách cho học sinh\")\n![Chụp ảnh](/images/g3.jpg)\n\nKết.\n",
    );
    site.build_ok(&[]);
    let html = site.html("news/gallery/index.html");
    let figures = select(&html, ".prose .gallery figure");
    assert_eq!(figures.len(), 3);
    let captions: Vec<String> = select(&html, ".gallery figcaption")
        .iter()
        .map(support::text)
        .collect();
    assert_eq!(captions, ["Trao quà", "Tặng sách cho học sinh", "Chụp ảnh"]);
    let imgs = select(&html, ".gallery picture img");
    assert_eq!(
        imgs[0].value().attr("loading"),
        None,
        "first image of the page"
    );
    assert_eq!(imgs[1].value().attr("loading"), Some("lazy"));
    assert_eq!(imgs[2].value().attr("width"), Some("640"));
    assert!(!html.html().contains("gallery.js"));
}

/// The repository's example site (with its two documents and their PDFs), in a temp folder.
fn example_site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["site.yaml", "content", "static"] {
        let from = repo.join(part);
        if from.is_dir() {
            support::copy_dir(&from, &dir.path().join(part));
        } else {
            std::fs::copy(&from, dir.path().join(part)).unwrap();
        }
    }
    Site { dir }
}

#[test]
fn documents_have_a_list_with_filters_a_page_each_and_appear_where_they_belong() {
    let site = example_site();
    site.build_ok(&[]);
    let list = site.html("documents/index.html");
    let titles: Vec<String> = select(&list, ".doc-list .doc-title")
        .iter()
        .map(support::text)
        .collect();
    assert_eq!(
        titles,
        [
            "Báo cáo sơ kết công tác thi đua 6 tháng đầu năm 2013",
            // The example's plan is invented (`extra: { sample: true }`): labelled in the list.
            "Kế hoạch tổ chức phong trào thi đua năm 2013 Số liệu mẫu"
        ],
        "newest first"
    );
    // The report is real, its number and date invented (`sample: [number, date]`).
    let meta = support::text(&select(&list, ".doc-list .doc .meta")[0]);
    assert!(
        meta.contains("15/BC-KTĐ (mẫu)") && meta.contains("25/06/2013 (mẫu)"),
        "{meta}"
    );
    // Filters without JavaScript: radio buttons, and CSS rules that hide the other rows.
    assert_eq!(
        select(&list, ".doc-filters input[type='radio']").len(),
        2 + 1 + 1 + 1
    );
    let css = support::first_text(&list, "style");
    assert!(
        css.contains(".doc-filters:has(#dk-bao-cao:checked) ~ .doc-list .doc:not(.dk-bao-cao)")
            && css.contains("#dy-2013:checked"),
        "{css}"
    );
    assert!(!select(&list, ".doc.dk-ke-hoach.dy-2013").is_empty());
    assert!(select(&list, "script[src*='document']").is_empty());

    let page = site.html("documents/bao-cao-so-ket-6-thang-2013/index.html");
    let meta = support::text(&select(&page, ".doc-meta")[0]);
    for want in [
        "15/BC-KTĐ",
        "Báo cáo",
        "Khối thi đua các tổ chức hội đặc thù",
        "25/06/2013",
    ] {
        assert!(meta.contains(want), "{want} in {meta}");
    }
    let file = support::text(&select(&page, ".doc-file")[0]);
    assert!(file.contains("PDF, 18 KB"), "{file}");
    assert_eq!(
        attr(&page, ".doc-file a", "href"),
        vec!["/files/bao-cao-so-ket-6-thang-2013.pdf"]
    );
    assert!(site.exists("files/bao-cao-so-ket-6-thang-2013.pdf"));

    // Listed on the period's review and on the members' pages.
    for (rel, count) in [
        ("reports/2013-h1/index.html", 1),
        ("associations/hoi-luat-gia/index.html", 1),
        ("associations/hoi-chu-thap-do/index.html", 0),
    ] {
        let html = site.html(rel);
        assert_eq!(
            select(&html, "#related-documents").len(),
            count,
            "{rel} lists its documents"
        );
    }
    // In the sitemap and the search index.
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("/documents/</loc>")
            && sitemap.contains("/documents/ke-hoach-thi-dua-2013/</loc>")
    );
    // A result card per searchable item, bundled (search/r/N.json): a document's says its kind
    // `d` and shows its number.
    let bundles = std::fs::read_dir(site.out().join("search/r")).unwrap();
    let found = bundles.filter_map(Result::ok).any(|f| {
        let text = std::fs::read_to_string(f.path()).unwrap_or_default();
        let cards: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        cards
            .iter()
            .any(|c| c["k"] == "d" && c["s"].as_str().unwrap_or("").contains("15/BC-KTĐ"))
    });
    assert!(found, "no search card for the document 15/BC-KTĐ");
}

#[test]
fn a_document_without_its_file_or_fields_fails_check_with_file_and_line() {
    let site = example_site();
    site.write(
        "content/documents/thieu.md",
        "---\ntitle: Quyết định khen thưởng\nkind: Quyết định\nissuer: Khối\ndate: 15/01/2014\nfile: /files/khong-co.pdf\nperiod: 2014-h3\nassociations: [hoi-luat-gai]\n---\n",
    );
    let output = site.run(&["check"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    for want in [
        "error[E404]: content/documents/thieu.md:1:",
        "error[E405]: content/documents/thieu.md:5:",
        "error[E401]: content/documents/thieu.md:6:",
        "error[E407]: content/documents/thieu.md:8:",
    ] {
        assert!(err.contains(want), "{want} in:\n{err}");
    }
    assert!(
        err.contains("/files/khong-co.pdf") && err.contains("`number`"),
        "{err}"
    );
    let vi = stderr(&site.run(&["check", "--lang", "vi"]));
    assert!(
        vi.contains("lỗi[E401]: content/documents/thieu.md:6:")
            && vi.contains("không có trong trang"),
        "{vi}"
    );
}

#[test]
fn a_photo_and_a_pdf_next_to_a_news_item_are_published_at_their_path_under_content() {
    // news-site is published under the sub-path /khoi-thi-dua/.
    let site = Site::new("news-site");
    let original = phone_jpeg(1200, 600, 6, 0);
    write_bytes(&site, "content/news/2013/anh/quang-canh.jpg", &original);
    write_bytes(
        &site,
        "content/news/2013/anh/dai-bieu.jpg",
        &phone_jpeg(800, 600, 1, 9),
    );
    write_bytes(
        &site,
        "content/news/2013/ke hoạch.pdf",
        b"%PDF-1.4\n%%EOF\n",
    );
    // What a secretary keeps beside the news and never links: never published.
    write_bytes(
        &site,
        "content/news/2013/bieu-mau.xlsx",
        b"PK\x03\x04 not a real workbook",
    );
    write_bytes(
        &site,
        "content/news/2013/anh/chua-dung.jpg",
        &phone_jpeg(64, 64, 1, 3),
    );
    site.write(
        "content/news/2013/hoi-nghi.md",
        "---\ntitle: Hội nghị sơ kết\ndate: 2013-07-10\nimage: anh/dai-bieu.jpg\nimage_alt: Đại biểu dự hội nghị\n---\nĐoạn mở đầu.\n\n![Quang cảnh](anh/quang-canh.jpg)\n\nXem [kế hoạch](ke%20hoạch.pdf#page=2) và [trang giới thiệu](@/pages/gioi-thieu.md).\n",
    );
    let output = site.build_ok(&[]);
    let log = stdout(&output);
    assert!(
        log.contains("W004") && log.contains("bieu-mau.xlsx"),
        "{log}"
    );

    // The photo: variants at its path under content/, upright, without metadata.
    for (rel, width) in [
        ("news/2013/anh/quang-canh.jpg", 600),
        ("news/2013/anh/quang-canh-480w.jpg", 480),
        ("news/2013/anh/quang-canh-600w.webp", 600),
    ] {
        let bytes = std::fs::read(site.out().join(rel)).unwrap_or_else(|_| panic!("{rel}"));
        let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
        assert_eq!(
            (img.width(), img.height()),
            (width, width * 2),
            "{rel} upright"
        );
    }
    for path in files_under(&site.out().join("news/2013")) {
        let bytes = std::fs::read(&path).unwrap();
        assert!(!contains(&bytes, b"Exif"), "{} has EXIF", path.display());
        assert!(!contains(&bytes, &GPS_BYTES), "{} has GPS", path.display());
        assert_ne!(bytes, original, "{} is the original", path.display());
    }
    let html = site.html("news/hoi-nghi/index.html");
    assert_eq!(
        attr(&html, ".prose picture source[type='image/webp']", "srcset"),
        vec![
            "/khoi-thi-dua/news/2013/anh/quang-canh-480w.webp 480w, /khoi-thi-dua/news/2013/anh/quang-canh-600w.webp 600w"
        ]
    );
    let img = select(&html, ".prose picture img")[0];
    assert_eq!(
        img.value().attr("src"),
        Some("/khoi-thi-dua/news/2013/anh/quang-canh.jpg")
    );
    assert_eq!(img.value().attr("width"), Some("600"));
    assert_eq!(img.value().attr("height"), Some("1200"));
    assert_eq!(img.value().attr("alt"), Some("Quang cảnh"));
    // `image:` beside the item: the lead picture and the cards' thumbnails.
    assert_eq!(
        attr(&html, ".lead-image picture img", "src"),
        vec!["/khoi-thi-dua/news/2013/anh/dai-bieu.jpg"]
    );
    // The PDF: copied as it is, the link rewritten (the fragment kept); `@/` links unchanged.
    let hrefs = attr(&html, ".prose a", "href");
    assert!(
        hrefs.contains(&"/khoi-thi-dua/news/2013/ke%20ho%E1%BA%A1ch.pdf#page=2".to_string())
            || hrefs.contains(&"/khoi-thi-dua/news/2013/ke%20hoạch.pdf#page=2".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"/khoi-thi-dua/gioi-thieu/".to_string()),
        "{hrefs:?}"
    );
    assert_eq!(
        std::fs::read(site.out().join("news/2013/ke hoạch.pdf")).unwrap(),
        b"%PDF-1.4\n%%EOF\n"
    );
    // Only what content names: no spreadsheet, no unused photo, no Markdown source.
    let published: Vec<String> = files_under(&site.out())
        .iter()
        .map(|p| p.strip_prefix(site.out()).unwrap().display().to_string())
        .collect();
    for leaked in ["xlsx", "chua-dung", ".md"] {
        assert!(
            !published.iter().any(|p| p.contains(leaked)),
            "{leaked} published: {published:?}"
        );
    }
}

#[test]
fn a_missing_or_escaping_file_next_to_content_fails_check_with_file_and_line() {
    let site = Site::new("news-site");
    write_bytes(&site, "site-secret.jpg", &phone_jpeg(64, 64, 1, 0));
    site.write(
        "content/news/2013/thieu.md",
        "---\ntitle: Thiếu ảnh\ndate: 2013-07-10\nimage: anh/khong-co.jpg\n---\nĐoạn một.\n\n![Ảnh](anh/khong-co-nua.jpg)\n\n![Ra ngoài](../../../site-secret.jpg)\n",
    );
    let output = site.run(&["check"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    for want in [
        "error[E401]: content/news/2013/thieu.md:4:",
        "error[E400]: content/news/2013/thieu.md:8:",
        "error[E410]: content/news/2013/thieu.md:10:",
    ] {
        assert!(err.contains(want), "{want} in:\n{err}");
    }
    assert!(
        err.contains("anh/khong-co-nua.jpg")
            && err.contains("`../../../site-secret.jpg` leads out of the content folder"),
        "{err}"
    );
    let vi = stderr(&site.run(&["check", "--lang", "vi"]));
    assert!(
        vi.contains("lỗi[E410]: content/news/2013/thieu.md:10:")
            && vi.contains("dẫn ra ngoài thư mục nội dung"),
        "{vi}"
    );
    // The build refuses too, and never publishes the file out of content/.
    let output = site.build(&[]);
    assert!(!output.status.success());
    assert!(!site.exists("site-secret.jpg"));
}

#[cfg(unix)]
#[test]
fn a_symlink_next_to_content_that_leads_out_of_it_is_refused() {
    let site = Site::new("news-site");
    std::fs::create_dir_all(site.root().join("content/news/anh")).unwrap();
    std::os::unix::fs::symlink(
        site.root().join("site.yaml"),
        site.root().join("content/news/anh/cau-hinh.pdf"),
    )
    .unwrap();
    site.write(
        "content/news/lien-ket.md",
        "---\ntitle: Liên kết\ndate: 2013-07-10\n---\nXem [tệp](anh/cau-hinh.pdf).\n",
    );
    let output = site.build(&[]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("error[E410]: content/news/lien-ket.md:5:"),
        "{err}"
    );
    assert!(!site.exists("news/anh/cau-hinh.pdf"));
}

#[test]
fn a_logo_next_to_a_profile_and_a_file_next_to_a_document_are_published() {
    let site = example_site();
    write_bytes(
        &site,
        "content/associations/hoi-luat-gia/logo.png",
        &png(300, 300, [200, 30, 30]),
    );
    site.edit(
        "content/associations/hoi-luat-gia/profile.yaml",
        "name: Hội Luật gia tỉnh Lai Châu\n",
        "name: Hội Luật gia tỉnh Lai Châu\nlogo: logo.png\n",
    );
    write_bytes(&site, "content/documents/quyet-dinh.pdf", &[b'%'; 2048]);
    site.write(
        "content/documents/quyet-dinh.md",
        "---\ntitle: Quyết định khen thưởng\nnumber: 01/QĐ-KTĐ\nkind: Quyết định\nissuer: Khối thi đua\ndate: 2014-01-15\nfile: quyet-dinh.pdf\n---\n",
    );
    let output = site.build_ok(&[]);
    assert!(!stdout(&output).contains("W401"), "{}", stdout(&output));
    assert!(site.exists("associations/hoi-luat-gia/logo.png"));
    assert!(site.exists("associations/hoi-luat-gia/logo-300w.webp"));
    let page = site.html("associations/hoi-luat-gia/index.html");
    assert!(
        !select(
            &page,
            "picture img[src$='/associations/hoi-luat-gia/logo.png']"
        )
        .is_empty(),
        "the member's page shows its logo"
    );
    assert!(site.exists("documents/quyet-dinh.pdf"));
    let doc = site.html("documents/quyet-dinh/index.html");
    assert_eq!(
        attr(&doc, ".doc-file a", "href"),
        vec!["/documents/quyet-dinh.pdf"]
    );
    assert!(support::text(&select(&doc, ".doc-file")[0]).contains("PDF, 2 KB"));
}

#[test]
fn members_logos_show_beside_their_names_without_shifting_the_layout() {
    let site = example_site();
    write_bytes(
        &site,
        "content/associations/hoi-luat-gia/logo.png",
        &png(400, 200, [200, 30, 30]),
    );
    site.edit(
        "content/associations/hoi-luat-gia/profile.yaml",
        "name: Hội Luật gia tỉnh Lai Châu\n",
        "name: Hội Luật gia tỉnh Lai Châu\nlogo: logo.png\n",
    );
    site.write(
        "content/associations/hoi-doanh-nghiep/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"5\"/></svg>",
    );
    site.edit(
        "content/associations/hoi-doanh-nghiep/profile.yaml",
        "name: Hội Doanh nghiệp tỉnh Lai Châu\n",
        "name: Hội Doanh nghiệp tỉnh Lai Châu\nlogo: logo.svg\n",
    );
    site.build_ok(&[]);
    // The member's page: beside the <h1>, large, loaded at once, alt text naming the member.
    let page = site.html("associations/hoi-luat-gia/index.html");
    let img = select(&page, ".member-head picture img.logo-large")[0];
    assert_eq!(img.value().attr("width"), Some("400"));
    assert_eq!(img.value().attr("height"), Some("200"));
    assert_eq!(img.value().attr("sizes"), Some("5rem"));
    assert_eq!(
        img.value().attr("alt"),
        Some("Biểu trưng Hội Luật gia tỉnh Lai Châu")
    );
    assert_eq!(img.value().attr("loading"), None, "above the fold");
    assert_eq!(
        support::first_text(&page, ".member-head h1"),
        "Hội Luật gia tỉnh Lai Châu"
    );
    assert_eq!(
        attr(&page, ".member-head picture source", "type"),
        vec!["image/webp"]
    );
    // The lists: small; lazy on the home page, at once for the first cards of /associations/.
    let home = site.html("index.html");
    let small = select(&home, ".member-list picture img.logo")[0];
    assert_eq!(small.value().attr("sizes"), Some("2rem"));
    assert_eq!(small.value().attr("loading"), Some("lazy"));
    let list = site.html("associations/index.html");
    let first = select(&list, ".member-cards .member-head picture img.logo")[0];
    assert_eq!(first.value().attr("loading"), None);
    // An SVG is not processed: an <img> with the CSS box's size.
    let svg = select(
        &list,
        "img.logo[src$='/associations/hoi-doanh-nghiep/logo.svg']",
    )[0];
    assert_eq!(svg.value().attr("width"), Some("32"));
    assert_eq!(svg.value().attr("height"), Some("32"));
    assert_eq!(
        svg.value().attr("alt"),
        Some("Biểu trưng Hội Doanh nghiệp tỉnh Lai Châu")
    );
    assert!(site.exists("associations/hoi-doanh-nghiep/logo.svg"));
    // In English, the alt text comes from the English strings.
    site.edit("site.yaml", "language: vi", "language: en");
    site.build_ok(&[]);
    let page = site.html("associations/hoi-luat-gia/index.html");
    assert_eq!(
        attr(&page, ".member-head img", "alt"),
        vec!["Logo of Hội Luật gia tỉnh Lai Châu"]
    );
}

/// A two-frame animated GIF carrying a comment and an XMP packet with a position: what a
/// phone's "make a GIF" or an editing program leaves in the file.
fn gif_with_metadata() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let palette = [0, 0, 0, 255, 255, 255, 200, 20, 20];
        let mut encoder = gif::Encoder::new(&mut out, 8, 6, &palette).unwrap();
        encoder.set_repeat(gif::Repeat::Infinite).unwrap();
        encoder
            .write_raw_extension(gif::AnyExtension(0xFE), &[b"GPS 22.3958N nha rieng"])
            .unwrap();
        encoder
            .write_raw_extension(
                gif::AnyExtension(0xFF),
                &[
                    b"XMP DataXMP",
                    b"<x:xmpmeta>GPSLatitude 22,23.76N</x:xmpmeta>",
                ],
            )
            .unwrap();
        for index in 0..2u8 {
            let frame = gif::Frame {
                width: 8,
                height: 6,
                delay: 50,
                buffer: std::borrow::Cow::Owned(vec![index + 1; 48]),
                ..gif::Frame::default()
            };
            encoder.write_frame(&frame).unwrap();
        }
    }
    out
}

#[test]
fn jpegs_under_every_name_and_gifs_are_published_without_their_metadata() {
    // Issue 22: `.jfif` (a browser's "save image"), `.jpe` and GIF were copied as they were,
    // GPS position included.
    let site = Site::new("news-site");
    write_bytes(
        &site,
        "static/images/luu-tu-web.jfif",
        &phone_jpeg(640, 480, 1, 1),
    );
    write_bytes(
        &site,
        "content/news/2013/anh/cu.jpe",
        &phone_jpeg(640, 480, 1, 2),
    );
    write_bytes(&site, "static/images/dong.gif", &gif_with_metadata());
    site.write(
        "content/news/2013/anh-dong.md",
        "---\ntitle: Ảnh động\ndate: 2013-07-11\n---\n![Lưu từ web](/images/luu-tu-web.jfif)\n\n![Cũ](anh/cu.jpe)\n\n![Động](/images/dong.gif)\n",
    );
    site.build_ok(&[]);
    for rel in [
        "images/luu-tu-web.jfif",
        "images/luu-tu-web-480w.webp",
        "news/2013/anh/cu.jpe",
        "news/2013/anh/cu-480w.jpg",
    ] {
        let bytes = std::fs::read(site.out().join(rel)).unwrap_or_else(|_| panic!("{rel}"));
        assert!(!contains(&bytes, b"Exif"), "{rel} has EXIF");
        assert!(!contains(&bytes, &GPS_BYTES), "{rel} has the GPS position");
        assert!(image::load_from_memory(&bytes).is_ok(), "{rel} is an image");
    }
    let gif = std::fs::read(site.out().join("images/dong.gif")).unwrap();
    assert!(!contains(&gif, b"GPS"), "the GIF keeps its comment or XMP");
    assert!(!contains(&gif, b"XMP"), "the GIF keeps its XMP");
    // Still animated: both frames, their delay and the loop.
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    let mut decoder = options.read_info(std::io::Cursor::new(&gif)).unwrap();
    assert_eq!(decoder.repeat(), gif::Repeat::Infinite);
    let mut frames = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        frames.push((frame.delay, frame.buffer.to_vec()));
    }
    assert_eq!(frames, vec![(50, vec![1; 48]), (50, vec![2; 48])]);
    let html = site.html("news/anh-dong/index.html");
    let sources = select(&html, ".prose picture source");
    assert_eq!(
        sources.len(),
        2,
        "a WebP source for the two JPEGs, none for the GIF"
    );
    assert_eq!(
        attr(&html, ".prose picture img", "src")[2],
        "/khoi-thi-dua/images/dong.gif"
    );
}

#[test]
fn a_refused_image_is_reported_once_not_again_as_a_missing_file() {
    // Issue 22: a file the pipeline refused was reported three times: refused, then as a
    // missing link (E400, E401), then as an unused file to delete (W004).
    let site = Site::new("news-site");
    let mut avif = b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf".to_vec();
    avif.extend_from_slice(&[0; 64]);
    write_bytes(&site, "content/news/2013/anh/a.avif", &avif);
    write_bytes(
        &site,
        "static/images/cut.jpg",
        &phone_jpeg(64, 64, 1, 4)[..300],
    );
    site.write(
        "content/news/2013/hai-anh.md",
        "---\ntitle: Hai ảnh\ndate: 2013-07-12\nimage: anh/a.avif\n---\n![Một](anh/a.avif)\n\n![Hai](/images/cut.jpg)\n",
    );
    site.write(
        "content/news/2013/mot-anh.md",
        "---\ntitle: Một ảnh\ndate: 2013-07-13\nimage: /images/cut.jpg\n---\nChữ.\n",
    );
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    // Any message about either file, where it is or where it is named.
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| {
            l.contains("a.avif")
                || l.contains("cut.jpg")
                || l.contains("hai-anh.md")
                || l.contains("mot-anh.md")
        })
        .collect();
    assert_eq!(
        lines.len(),
        2,
        "one message for each refused file, nothing else:\n{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("error[E612]: content/news/2013/anh/a.avif")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("error[E402]: static/images/cut.jpg")),
        "{err}"
    );
}
