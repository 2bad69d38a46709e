//! SPEC Part 3 "The whole year" on the fixture `tests/fixtures/whole-year/`: the report's
//! sections numbered in order without the empty ones (page and .docx), a scoring in preparation,
//! cross-scores combined by each rule (values computed by hand below), the awards proposal and
//! its rules, registered titles, meetings with their attendance and ballots, and the signer of a
//! year. Checked value by value; the gated test reads the documents with LibreOffice and
//! python-docx.

mod sheet_forms;
mod support;

use std::io::Read;
use std::path::Path;

use support::{Site, first_text, select, stderr, text};

fn built() -> Site {
    let site = Site::new("whole-year");
    site.build_ok(&[]);
    site
}

const SCORING: &str = "content/scoring/2013.yaml";

/// The scoring page's rows as (member, total, [1.1, 1.2, 2.1]) in rank order.
fn scores(site: &Site) -> Vec<(String, String, Vec<String>)> {
    let page = site.html("scoring/2013/index.html");
    select(&page, "table.scoring tbody tr")
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .children()
                .filter_map(scraper::ElementRef::wrap)
                // The award has its own column after the total when some row has one.
                .filter(|c| !c.value().classes().any(|class| class == "award"))
                .map(|c| text(&c))
                .collect();
            // rank, name, total, 1.1, 1.2, subtotal, 2.1, subtotal
            (
                row.value().attr("data-association").unwrap().to_string(),
                cells[2].clone(),
                vec![cells[3].clone(), cells[4].clone(), cells[6].clone()],
            )
        })
        .collect()
}

fn row<'a>(
    rows: &'a [(String, String, Vec<String>)],
    slug: &str,
) -> &'a (String, String, Vec<String>) {
    rows.iter()
        .find(|r| r.0 == slug)
        .unwrap_or_else(|| panic!("no row {slug}: {rows:?}"))
}

/// Text of a WordprocessingML part: the `w:t` runs of each paragraph, one paragraph a line.
fn docx_text(file: &Path) -> String {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("p"))
        .map(|p| {
            p.descendants()
                .filter(|n| n.has_tag_name("t"))
                .filter_map(|n| n.text())
                .collect::<String>()
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Byte positions of `needles` in `haystack`, in order, or a panic naming the first missing.
fn in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let at = haystack[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing (or out of order) in:\n{haystack}"));
        from += at + needle.len();
    }
}

#[test]
fn cross_scores_are_combined_by_the_rule_of_the_file() {
    // Each of six members scores the five others (exclude_self by default). By hand, for
    // Hội Luật gia: criterion 1.1 gets 10, 9, 9.5, 8, 10 → sorted 8 9 9.5 10 10; 1.2 gets
    // 9, 9, 10, 10, 8; 2.1 gets 5, 4.5, 5, 4, 5.
    let site = built();
    let rows = scores(&site);
    // trimmed_mean: drop 8 and one 10 → (9 + 9.5 + 10) / 3 = 9.5; 1.2 → (9 + 9 + 10) / 3 =
    // 9.33; 2.1 → (4.5 + 5 + 5) / 3 = 4.83; total 23.66.
    assert_eq!(
        row(&rows, "hoi-luat-gia"),
        &(
            "hoi-luat-gia".into(),
            "23,66".into(),
            vec!["9,5".into(), "9,33".into(), "4,83".into()]
        )
    );
    // Liên minh HTX: 1.1 gets 9, 8, 9, 10, 7 → (8 + 9 + 9) / 3 = 8.67; 1.2 gets 8, 9, 8.5, 7,
    // 10 → (8 + 8.5 + 9) / 3 = 8.5; 2.1 gets 4, 4, 5, 3, 4.5 → (4 + 4 + 4.5) / 3 = 4.17.
    assert_eq!(row(&rows, "lien-minh-htx").2, ["8,67", "8,5", "4,17"]);
    assert_eq!(row(&rows, "lien-minh-htx").1, "21,34");
    let order: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        order,
        [
            "hoi-luat-gia",
            "lien-minh-htx",
            "hoi-chu-thap-do",
            "lien-hiep-hoi-khkt",
            "hoi-van-hoc-nghe-thuat",
            "hoi-nguoi-cao-tuoi"
        ]
    );
    let page = site.html("scoring/2013/index.html");
    assert_eq!(
        first_text(&page, "p.combined"),
        "Điểm thống nhất của mỗi tiêu chí được tính từ phiếu chấm chéo của 5 đơn vị (không tính \
         phiếu đơn vị tự chấm mình), lấy trung bình cộng sau khi bỏ một điểm cao nhất và một điểm \
         thấp nhất."
    );
    // The scoring document says the same.
    let words = docx_text(&site.out().join("scoring/2013/bang-diem-2013.docx"));
    assert!(
        words.contains("phiếu chấm chéo của 5 đơn vị (không tính phiếu đơn vị tự chấm mình)"),
        "{words}"
    );
    assert!(words.contains("23,66"), "{words}");

    // median: 1.1 → 9.5; 1.2 → 9; 2.1 → 5.
    site.edit(SCORING, "combine: trimmed_mean", "combine: median");
    site.build_ok(&[]);
    let rows = scores(&site);
    assert_eq!(row(&rows, "hoi-luat-gia").2, ["9,5", "9", "5"]);
    assert_eq!(row(&rows, "hoi-luat-gia").1, "23,5");
    // Văn học nghệ thuật and KH&KT both total 18.5: one rank, by name.
    assert_eq!(row(&rows, "hoi-van-hoc-nghe-thuat").1, "18,5");
    assert_eq!(row(&rows, "lien-hiep-hoi-khkt").1, "18,5");

    // mean: 46.5 / 5 = 9.3; 46 / 5 = 9.2; 23.5 / 5 = 4.7.
    site.edit(SCORING, "combine: median", "combine: mean");
    site.build_ok(&[]);
    let rows = scores(&site);
    assert_eq!(row(&rows, "hoi-luat-gia").2, ["9,3", "9,2", "4,7"]);
    assert_eq!(row(&rows, "hoi-luat-gia").1, "23,2");
    let page = site.html("scoring/2013/index.html");
    assert!(first_text(&page, "p.combined").ends_with("lấy trung bình cộng."));

    // Hội Luật gia's sheet of itself (10, 10, 5): not counted by default (a warning says so)…
    site.edit(SCORING, "combine: mean", "combine: trimmed_mean");
    site.edit(
        SCORING,
        "  hoi-luat-gia:\n",
        "  hoi-luat-gia:\n    hoi-luat-gia: { \"1.1\": 10, \"1.2\": 10, \"2.1\": 5 }\n",
    );
    let output = site.build_ok(&[]);
    assert!(
        stderr(&output).contains("warning[W701]: content/scoring/2013.yaml:15:"),
        "{}",
        stderr(&output)
    );
    assert_eq!(row(&scores(&site), "hoi-luat-gia").1, "23,66");
    // …and counted with exclude_self: false. Six sheets: 1.1 sorted 8 9 9.5 10 10 10 → drop 8
    // and a 10 → 38.5 / 4 = 9.625 → 9.63; 1.2 sorted 8 9 9 10 10 10 → 38 / 4 = 9.5; 2.1
    // sorted 4 4.5 5 5 5 5 → 19.5 / 4 = 4.875 → 4.88; total 24.01.
    site.edit(
        SCORING,
        "combine: trimmed_mean",
        "combine: trimmed_mean\nexclude_self: false",
    );
    let output = site.build_ok(&[]);
    assert!(!stderr(&output).contains("W701"), "{}", stderr(&output));
    let rows = scores(&site);
    assert_eq!(row(&rows, "hoi-luat-gia").2, ["9,63", "9,5", "4,88"]);
    assert_eq!(row(&rows, "hoi-luat-gia").1, "24,01");
    let page = site.html("scoring/2013/index.html");
    assert_eq!(
        first_text(&page, "p.combined"),
        "Điểm thống nhất của mỗi tiêu chí được tính từ phiếu chấm chéo của 5–6 đơn vị, lấy trung \
         bình cộng sau khi bỏ một điểm cao nhất và một điểm thấp nhất."
    );
}

#[test]
fn cross_scoring_mistakes_are_errors_at_their_line() {
    let site = Site::new("whole-year");
    // Agreed scores for a member the sheets also score; a sheet short of a criterion.
    site.edit(
        SCORING,
        "combine: trimmed_mean\n",
        "combine: trimmed_mean\nscores:\n  hoi-luat-gia: { \"1.1\": 9, \"1.2\": 9, \"2.1\": 5 }\n",
    );
    site.edit(
        SCORING,
        "    hoi-chu-thap-do: { \"1.1\": 8, \"1.2\": 9, \"2.1\": 5 }",
        "    hoi-chu-thap-do: { \"1.1\": 8, \"1.2\": 9 }",
    );
    let output = site.run(&["check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E702]: content/scoring/2013.yaml:23:5: hoi-luat-gia has agreed scores under scores and is also scored by lien-minh-htx"),
        "{err}"
    );
    assert!(
        err.contains("error[E704]: content/scoring/2013.yaml:18:5: the sheet of hoi-luat-gia has no score of hoi-chu-thap-do for criterion 2.1"),
        "{err}"
    );
}

#[test]
fn report_sections_are_numbered_in_order_without_the_empty_ones() {
    let site = built();
    let headings = |rel: &str| -> Vec<String> {
        select(&site.html(rel), "article.report > section > h2")
            .iter()
            .map(text)
            .collect()
    };
    // The year: results, assessment, directions, recommendations.
    assert_eq!(
        headings("reports/2013/index.html")[..4],
        [
            "I. Kết quả công tác thi đua năm 2013",
            "II. Đánh giá chung",
            "III. Phương hướng, nhiệm vụ năm 2014",
            "IV. Kiến nghị, đề xuất"
        ]
    );
    let page = site.html("reports/2013/index.html");
    assert_eq!(
        first_text(&page, "section[aria-labelledby=assessment] .prose p"),
        "Ưu điểm: các đơn vị bám sát nhiệm vụ chính trị, phong trào thi đua được duy trì đều."
    );
    // The first half: no assessment, no directions (no plans, no targets) → II is the
    // recommendations.
    assert_eq!(
        headings("reports/2013-h1/index.html")[..2],
        [
            "I. Kết quả công tác thi đua 6 tháng đầu năm 2013",
            "II. Kiến nghị, đề xuất"
        ]
    );
    // The same in the documents.
    let year = docx_text(&site.out().join("reports/2013/bao-cao-2013.docx"));
    in_order(
        &year,
        &[
            "I. KẾT QUẢ CÔNG TÁC THI ĐUA NĂM 2013",
            "II. ĐÁNH GIÁ CHUNG",
            "Ưu điểm:",
            "Nguyên nhân:",
            "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2014",
            "IV. KIẾN NGHỊ, ĐỀ XUẤT",
            "Đề nghị tỉnh bố trí kinh phí khen thưởng cho Khối.",
        ],
    );
    let half = docx_text(&site.out().join("reports/2013-h1/bao-cao-2013-h1.docx"));
    in_order(
        &half,
        &[
            "I. KẾT QUẢ CÔNG TÁC THI ĐUA",
            "II. KIẾN NGHỊ, ĐỀ XUẤT",
            "tập huấn",
        ],
    );
    assert!(!half.contains("III."), "{half}");
    assert!(!half.contains("PHƯƠNG HƯỚNG"), "{half}");
}

#[test]
fn a_scoring_in_preparation_checks_publishes_nothing_and_exports_its_grid() {
    let site = built();
    // content/scoring/2014.yaml has criteria only: no page, no period of its own.
    assert!(!site.exists("scoring/2014/index.html"));
    assert!(!site.exists("reports/2014/index.html"));
    assert!(!site.read("sitemap.xml").contains("/2014/"));
    let output = site.run(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("E230"), "{}", stderr(&output));
    let out = site.root().join("sheets-out");
    let output = site.run(&[
        "sheet",
        "export",
        "--scoring",
        "2014",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let grids: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(grids, ["cham-diem-2014.xlsx"], "{grids:?}");
    // Its own criteria (2014 has two), not those of 2013 (three).
    let grid = out.join("cham-diem-2014.xlsx");
    let book = sheet_forms::Book::open(&grid);
    let scoring = book.get("Chấm điểm");
    scoring.row_with("1.1");
    scoring.row_with("1.2");
    assert!(
        !scoring
            .cells
            .iter()
            .any(|((_, c), v)| *c == 0 && v.text() == "2.1"),
        "the grid has 2013's criterion 2.1"
    );
    assert_eq!(book.get("blocpress").meta("criteria_from").1, "2014");
    // Every member of 2014 scored (no one listed as absent): the import goes in and the
    // table is published.
    let back = site.root().join("bang diem 2014.xlsx");
    let mut filled = book.clone();
    let sheet = filled.sheet("Chấm điểm");
    let agreed: Vec<u16> = sheet
        .cells
        .iter()
        .filter(|((r, _), v)| *r == 5 && v.text() == "Khối chấm")
        .map(|((_, c), _)| *c)
        .collect();
    assert_eq!(agreed.len(), 7, "seven members in 2014");
    for (i, col) in agreed.iter().enumerate() {
        for (id, value) in [("1.1", 9.0 - i as f64), ("1.2", 8.5)] {
            let row = sheet.row_with(id) - 1;
            sheet.set(&sheet_forms::cell_name(row, *col), value);
        }
    }
    filled.save(&back);
    let output = site.run(&["sheet", "import", back.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let yaml = std::fs::read_to_string(site.root().join("content/scoring/2014.yaml")).unwrap();
    assert!(
        yaml.contains("hoi-luat-gia: { \"1.1\": 9, \"1.2\": 8.5 }"),
        "{yaml}"
    );
    assert!(!yaml.contains("absent"), "{yaml}");
    site.build_ok(&[]);
    assert!(site.exists("scoring/2014/index.html"));
}

/// The hidden sheet's `member` rows of a grid: (row, column, member, kind).
fn member_rows(book: &sheet_forms::Book) -> Vec<(u32, u16, String, String)> {
    let meta = book.get("blocpress");
    meta.cells
        .iter()
        .filter(|((_, c), v)| *c == 0 && v.text() == "member")
        .map(|((r, _), _)| {
            let at = |col: &str| meta.text(&format!("{col}{}", r + 1));
            (*r, at("B").parse().unwrap(), at("C"), at("D"))
        })
        .collect()
}

#[test]
fn each_scorer_gets_its_own_cross_sheet_and_the_returned_sheets_fill_cross_scores() {
    let site = Site::new("whole-year");
    let out = site.root().join("sheets-out");
    let output = site.run(&[
        "sheet",
        "export",
        "--scoring",
        "2013",
        "--cross",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut sheets: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    sheets.sort();
    assert_eq!(
        sheets,
        [
            "cham-cheo-hoi-chu-thap-do-2013.xlsx",
            "cham-cheo-hoi-luat-gia-2013.xlsx",
            "cham-cheo-hoi-nguoi-cao-tuoi-2013.xlsx",
            "cham-cheo-hoi-van-hoc-nghe-thuat-2013.xlsx",
            "cham-cheo-lien-hiep-hoi-khkt-2013.xlsx",
            "cham-cheo-lien-minh-htx-2013.xlsx",
        ]
    );
    // forms.yaml records each sheet for its scorer.
    let forms = std::fs::read_to_string(site.root().join("forms.yaml")).unwrap();
    assert_eq!(forms.matches("kind: scoring").count(), 6, "{forms}");
    assert!(forms.contains("member: \"hoi-luat-gia\""), "{forms}");

    // Hội Luật gia's sheet: the five others (not itself: exclude_self), one column each,
    // prefilled with what it gave them.
    let luat_gia = out.join("cham-cheo-hoi-luat-gia-2013.xlsx");
    let book = sheet_forms::Book::open(&luat_gia);
    let rows = member_rows(&book);
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(
        rows.iter()
            .all(|(_, _, m, kind)| kind == "cross" && m != "hoi-luat-gia")
    );
    let grid = book.get("Chấm điểm");
    assert!(
        grid.text("A2").contains("Hội Luật gia"),
        "{}",
        grid.text("A2")
    );
    let htx = grid.column_of(5, "Liên minh HTX");
    let r11 = grid.row_with("1.1") - 1;
    assert_eq!(grid.text(&sheet_forms::cell_name(r11, htx)), "9");

    // Two scorers send theirs back, imported together: both land in the one file.
    let mut changed = book.clone();
    let sheet = changed.sheet("Chấm điểm");
    sheet.set(&sheet_forms::cell_name(r11, htx), 10.0);
    let back_luat_gia = site.root().join("luat gia.xlsx");
    changed.save(&back_luat_gia);
    let mut htx_book = sheet_forms::Book::open(&out.join("cham-cheo-lien-minh-htx-2013.xlsx"));
    let sheet = htx_book.sheet("Chấm điểm");
    let lg = sheet.column_of(5, "Hội Luật gia");
    let r11h = sheet.row_with("1.1") - 1;
    sheet.set(&sheet_forms::cell_name(r11h, lg), 9.5);
    let back_htx = site.root().join("htx.xlsx");
    htx_book.save(&back_htx);
    let output = site.run(&[
        "sheet",
        "import",
        back_luat_gia.to_str().unwrap(),
        back_htx.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let yaml = std::fs::read_to_string(site.root().join(SCORING)).unwrap();
    assert!(
        yaml.contains(
            "  hoi-luat-gia:\n    lien-minh-htx: { \"1.1\": 10, \"1.2\": 8, \"2.1\": 4 }"
        ),
        "{yaml}"
    );
    assert!(
        yaml.contains(
            "  lien-minh-htx:\n    hoi-luat-gia: { \"1.1\": 9.5, \"1.2\": 9, \"2.1\": 5 }"
        ),
        "{yaml}"
    );
    // The other scorers' sheets are kept.
    assert!(
        yaml.contains("    hoi-van-hoc-nghe-thuat: { \"1.1\": 9, \"1.2\": 8, \"2.1\": 4.5 }"),
        "{yaml}"
    );
    assert!(yaml.contains("combine: trimmed_mean"), "{yaml}");
    // Liên minh HTX's 1.1 is now the trimmed mean of 10, 8, 9, 10, 7: (8 + 9 + 10) / 3 = 9.
    site.build_ok(&[]);
    let rows = scores(&site);
    let htx_row = rows.iter().find(|(m, _, _)| m == "lien-minh-htx").unwrap();
    assert_eq!(htx_row.2[0], "9", "{rows:?}");

    // A scorer cannot pass its sheet off as another's, nor turn a column into the bloc's.
    let mut forged = book.clone();
    forged.set_meta("scorer", "lien-minh-htx");
    let forged_path = site.root().join("forged.xlsx");
    forged.save(&forged_path);
    let output = site.run(&["sheet", "import", forged_path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("E375"), "{}", stderr(&output));
    let mut forged = book.clone();
    let (row, ..) = member_rows(&forged)[0].clone();
    forged
        .sheet("blocpress")
        .set(&format!("D{}", row + 1), "agreed");
    forged.save(&forged_path);
    let before = std::fs::read_to_string(site.root().join(SCORING)).unwrap();
    let output = site.run(&["sheet", "import", forged_path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("E751"), "{}", stderr(&output));
    assert_eq!(
        before,
        std::fs::read_to_string(site.root().join(SCORING)).unwrap()
    );
}

#[test]
fn the_awards_page_lists_collectives_and_individuals_proposed_and_granted() {
    let site = built();
    let page = site.html("awards/2013/index.html");
    let cells = |css: &str| -> Vec<Vec<String>> {
        select(&page, &format!("{css} tbody tr"))
            .iter()
            .map(|r| {
                r.children()
                    .filter_map(scraper::ElementRef::wrap)
                    .map(|c| text(&c))
                    .collect()
            })
            .collect()
    };
    assert_eq!(
        cells("section[aria-labelledby=collectives]"),
        [
            vec![
                "Hội Luật gia tỉnh",
                "Cờ thi đua của UBND tỉnh",
                "Đề nghị tặng",
                "Xếp thứ 1/6 – Chấm điểm thi đua năm 2013"
            ],
            vec![
                "Liên minh Hợp tác xã tỉnh",
                "Bằng khen của Chủ tịch UBND tỉnh",
                "Được tặng Quyết định số 45/QĐ-UBND ngày 20/01/2014",
                "Xếp thứ 2/6 – Chấm điểm thi đua năm 2013"
            ],
            vec![
                "Hội Người cao tuổi tỉnh",
                "Bằng khen của Chủ tịch UBND tỉnh",
                "Đề nghị tặng",
                "Vận động 1.200 hội viên tham gia phong trào người cao tuổi làm kinh tế giỏi"
            ],
        ]
    );
    assert_eq!(
        cells("section[aria-labelledby=individuals]"),
        [
            vec![
                "Nguyễn Thị Bích",
                "Phó Chủ tịch",
                "Hội Luật gia",
                "Bằng khen của Chủ tịch UBND tỉnh",
                "Đề nghị tặng",
                "Chủ trì 35 hội nghị lấy ý kiến sửa đổi Hiến pháp"
            ],
            vec![
                "Trần Văn Cường",
                "Chánh Văn phòng",
                "Liên minh HTX",
                "Giấy khen của Khối",
                "Được tặng Quyết định số 03/QĐ-KTĐ ngày 25/12/2013",
                ""
            ],
        ]
    );
    // Two collectives and one person proposed for the Bằng khen: its quota of 3 is full.
    assert_eq!(
        first_text(&page, "section[aria-labelledby=quotas] li"),
        "Bằng khen của Chủ tịch UBND tỉnh: 3/3 (đã đề nghị)"
    );
    let links = support::attr(&page, "a[download]", "href");
    assert_eq!(
        links,
        [
            "/khoi/awards/2013/to-trinh-2013.docx",
            "/khoi/awards/2013/danh-sach-khen-thuong-2013.xlsx"
        ]
    );
    // The review of the year links it; the sitemap lists the new pages.
    let review = site.html("reports/2013/index.html");
    assert_eq!(
        support::attr(&review, "p.awards-link a", "href"),
        ["/khoi/awards/2013/"]
    );
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("https://thidua.example.vn/khoi/awards/2013/"));
    assert!(sitemap.contains("https://thidua.example.vn/khoi/meetings/hoi-nghi-tong-ket-2013/"));

    // The Tờ trình: its number, Kính gửi, the grounds, the counts, and the lists attached.
    let words = docx_text(&site.out().join("awards/2013/to-trinh-2013.docx"));
    in_order(
        &words,
        &[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Số: 02/TTr-KTĐ",
            "Lai Châu, ngày 05 tháng 01 năm 2014",
            "TỜ TRÌNH",
            "Về việc đề nghị khen thưởng năm 2013",
            "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh.",
            "Căn cứ Luật Thi đua, khen thưởng",
            "Căn cứ kết quả chấm điểm thi đua năm 2013;",
            "Căn cứ Biên bản hội nghị tổng kết công tác thi đua năm 2013 ngày 20 tháng 12 năm 2013;",
            "khen thưởng cho 03 tập thể và 02 cá nhân",
            "- Cờ thi đua của UBND tỉnh: 01 tập thể;",
            "- Bằng khen của Chủ tịch UBND tỉnh: 02 tập thể, 01 cá nhân;",
            "- Giấy khen của Khối: 01 cá nhân.",
            "Nơi nhận:",
            "- Như trên;",
            "TM. KHỐI THI ĐUA",
            "KHỐI TRƯỞNG",
            "Lò Văn Năm",
            "Phụ lục",
            "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2013",
            "(Kèm theo Tờ trình số 02/TTr-KTĐ ngày 05 tháng 01 năm 2014 của Khối thi đua các tổ chức hội đặc thù)",
            "I. TẬP THỂ",
            "Hội Luật gia tỉnh",
            "Xếp thứ 1/6 trong kết quả chấm điểm thi đua năm 2013",
            "II. CÁ NHÂN",
            "Nguyễn Thị Bích",
            "Phó Chủ tịch Hội Luật gia tỉnh",
        ],
    );
}

#[test]
fn a_flag_only_for_the_member_first_alone() {
    let site = Site::new("whole-year");
    // Agreed scores with Hội Luật gia and Liên minh HTX tied first (no tie-break).
    let mut text = std::fs::read_to_string(site.root().join(SCORING)).unwrap();
    let cut = text.find("combine:").unwrap();
    let end = text.find("awards:").unwrap();
    text.replace_range(
        cut..end,
        "scores:\n  hoi-luat-gia: { \"1.1\": 9, \"1.2\": 9, \"2.1\": 5 }\n  lien-minh-htx: { \"1.1\": 10, \"1.2\": 8, \"2.1\": 5 }\n  hoi-chu-thap-do: { \"1.1\": 8, \"1.2\": 8, \"2.1\": 4 }\n  hoi-nguoi-cao-tuoi: { \"1.1\": 7, \"1.2\": 7, \"2.1\": 4 }\n  hoi-van-hoc-nghe-thuat: { \"1.1\": 7, \"1.2\": 6, \"2.1\": 4 }\n  lien-hiep-hoi-khkt: { \"1.1\": 6, \"1.2\": 6, \"2.1\": 4 }\n",
    );
    site.write(SCORING, &text);
    let output = site.run(&["check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E722]: content/scoring/2013.yaml:20:3: hoi-luat-gia is proposed for “Cờ thi đua của UBND tỉnh”, which only the bloc's leading unit receives, but it shares rank 1 with lien-minh-htx in content/scoring/2013.yaml"),
        "{err}"
    );
    // The tie-break settles it (group 1 subtotal 18 against 18, criterion 1.1: 10 against 9):
    // Liên minh HTX leads, and the flag for Hội Luật gia is now for the member ranked 2.
    site.edit(SCORING, "scores:\n", "tie_break: [\"1.1\"]\nscores:\n");
    let err = stderr(&site.run(&["check"]));
    assert!(
        err.contains("error[E721]: content/scoring/2013.yaml:21:3: hoi-luat-gia is proposed for “Cờ thi đua của UBND tỉnh”, which only the bloc's leading unit receives, but it ranks 2 in content/scoring/2013.yaml"),
        "{err}"
    );
    // A flag in the awards file is checked against the year's scoring too.
    site.edit(SCORING, "  hoi-luat-gia: Cờ thi đua của UBND tỉnh\n", "");
    site.edit(
        "content/awards/2013.yaml",
        "collectives:\n",
        "collectives:\n  - { member: hoi-chu-thap-do, award: Cờ thi đua của UBND tỉnh }\n",
    );
    let err = stderr(&site.run(&["check"]));
    assert!(
        err.contains("error[E721]: content/awards/2013.yaml:6:3: hoi-chu-thap-do is proposed for “Cờ thi đua của UBND tỉnh”, which only the bloc's leading unit receives, but it ranks 3"),
        "{err}"
    );
}

#[test]
fn a_quota_counts_every_proposal_of_the_year_and_titles_are_compared_with_the_registration() {
    let site = Site::new("whole-year");
    site.edit(
        "content/awards/2013.yaml",
        "\"Bằng khen của Chủ tịch UBND tỉnh\": 3",
        "\"Bằng khen của Chủ tịch UBND tỉnh\": 2",
    );
    let err = stderr(&site.run(&["check"]));
    assert!(
        err.contains("error[E723]: content/awards/2013.yaml:4:11: “Bằng khen của Chủ tịch UBND tỉnh” is proposed 3 times in 2013 (2 collectives, 1 individuals) but the quota under limits is 2"),
        "{err}"
    );
    let site = Site::new("whole-year");
    site.edit(
        "content/registrations/2013.yaml",
        "  hoi-nguoi-cao-tuoi: Bằng khen của Chủ tịch UBND tỉnh\n",
        "  hoi-nguoi-cao-tuoi: Cờ thi đua của UBND tỉnh\n",
    );
    let output = site.build_ok(&[]);
    let err = stderr(&output);
    assert!(
        err.contains("warning[W720]: content/awards/2013.yaml:6:3: hoi-nguoi-cao-tuoi is proposed for “Bằng khen của Chủ tịch UBND tỉnh” but registered “Cờ thi đua của UBND tỉnh” in the registration of 2013"),
        "{err}"
    );
    site.edit(
        "content/registrations/2013.yaml",
        "  lien-minh-htx: Bằng khen của Chủ tịch UBND tỉnh\n",
        "",
    );
    let err = stderr(&site.build_ok(&[]));
    assert!(
        err.contains("warning[W720]: content/scoring/2013.yaml:"),
        "{err}"
    );
    assert!(err.contains("lien-minh-htx is proposed for “Bằng khen của Chủ tịch UBND tỉnh” but registered no title in the registration of 2013"), "{err}");
    // The registration page shows each member's title.
    let page = site.html("registrations/2013/index.html");
    assert_eq!(
        first_text(
            &page,
            "section[aria-labelledby=r-hoi-luat-gia] .registered-title"
        ),
        "Danh hiệu đăng ký: Cờ thi đua của UBND tỉnh"
    );
}

#[test]
fn a_meeting_page_and_its_minutes() {
    let site = built();
    let page = site.html("meetings/hoi-nghi-tong-ket-2013/index.html");
    assert_eq!(
        first_text(&page, "h1"),
        "Hội nghị tổng kết công tác thi đua năm 2013"
    );
    assert_eq!(first_text(&page, "strong.attendance"), "5/6");
    let votes: Vec<String> = select(&page, "table.votes tbody tr")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        votes,
        [
            "Đề nghị tặng Cờ thi đua cho Hội Luật gia tỉnh 4/5 (80%) 0 (0%) 1 (20%)",
            "Thông qua kết quả chấm điểm thi đua năm 2013 5/5 (100%) 0 (0%) 0 (0%)"
        ]
    );
    assert_eq!(
        first_text(&page, "ul.absent"),
        "Hội Văn học nghệ thuật tỉnh (Bận công tác)"
    );
    // The review of its period lists it.
    let review = site.html("reports/2013/index.html");
    assert_eq!(
        support::attr(&review, "ul.meetings a", "href"),
        ["/khoi/meetings/hoi-nghi-tong-ket-2013/"]
    );
    let words = docx_text(
        &site
            .out()
            .join("meetings/hoi-nghi-tong-ket-2013/bien-ban-hoi-nghi-tong-ket-2013.docx"),
    );
    in_order(
        &words,
        &[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "BIÊN BẢN",
            "Hội nghị tổng kết công tác thi đua năm 2013",
            "Thời gian bắt đầu: 08 giờ 00 ngày 20 tháng 12 năm 2013.",
            "Địa điểm: Hội trường Hội Luật gia tỉnh.",
            "Thành phần tham dự:",
            "- Chủ trì: Lò Văn Năm, Chủ tịch Hội Luật gia tỉnh;",
            "- Thư ký: Vàng Thị Sáu, Chánh Văn phòng Hội Luật gia tỉnh;",
            "- Các đơn vị thành viên Khối có mặt: 5/6 đơn vị",
            "- Vắng mặt: Hội Văn học nghệ thuật tỉnh (Bận công tác);",
            "- Khách mời: Đại diện Ban Thi đua - Khen thưởng tỉnh.",
            "Nội dung hội nghị:",
            "Kết quả biểu quyết:",
            "- Đề nghị tặng Cờ thi đua cho Hội Luật gia tỉnh: tán thành 4/5 (80%), không tán thành 0/5 (0%), không biểu quyết 1/5 (20%).",
            "Hội nghị kết thúc vào hồi 11 giờ 30 cùng ngày.",
            "THƯ KÝ",
            "Vàng Thị Sáu",
            "CHỦ TRÌ",
            "Lò Văn Năm",
        ],
    );
    // No place-and-date line in the header of minutes, and no Nơi nhận.
    assert!(!words.contains("Lai Châu, ngày"), "{words}");
    assert!(!words.contains("Nơi nhận"), "{words}");
    // The closing line keeps with the signatures (never a page of signatures alone).
    let bytes = std::fs::read(
        site.out()
            .join("meetings/hoi-nghi-tong-ket-2013/bien-ban-hoi-nghi-tong-ket-2013.docx"),
    )
    .unwrap();
    let mut xml = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let closing = doc
        .descendants()
        .filter(|n| n.has_tag_name("p"))
        .find(|p| {
            p.descendants()
                .filter_map(|n| n.text())
                .collect::<String>()
                .starts_with("Hội nghị kết thúc")
        })
        .expect("the closing paragraph");
    assert!(
        closing.descendants().any(|n| n.has_tag_name("keepNext")),
        "the closing paragraph may be parted from the signatures"
    );
}

#[test]
fn attendance_and_ballots_are_checked() {
    let site = Site::new("whole-year");
    let meeting = "content/meetings/hoi-nghi-tong-ket-2013.md";
    site.edit(
        meeting,
        "agree: 5, disagree: 0, abstain: 0",
        "agree: 5, disagree: 1, abstain: 0",
    );
    site.edit(
        meeting,
        "absent: { hoi-van-hoc-nghe-thuat: Bận công tác }\n",
        "",
    );
    let output = site.run(&["check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E743]: content/meetings/hoi-nghi-tong-ket-2013.md:14:3: the vote on “Thông qua kết quả chấm điểm thi đua năm 2013” has 6 ballots but only 5 members are present"),
        "{err}"
    );
    assert!(
        err.contains("error[E742]: content/meetings/hoi-nghi-tong-ket-2013.md:10:1: hoi-van-hoc-nghe-thuat belonged to the bloc in 2013 but are neither under present nor under absent"),
        "{err}"
    );
    // Hội Doanh nghiệp joined in 2014: not expected in 2013, a warning if listed present.
    let site = Site::new("whole-year");
    site.edit(
        meeting,
        "lien-hiep-hoi-khkt]",
        "lien-hiep-hoi-khkt, hoi-doanh-nghiep]",
    );
    let err = stderr(&site.build_ok(&[]));
    assert!(err.contains("warning[W740]"), "{err}");
}

#[test]
fn the_signer_of_a_year_signs_its_documents_unless_one_names_its_own() {
    let site = built();
    let signer = |rel: &str| {
        let words = docx_text(&site.out().join(rel));
        let after = words
            .split("KHỐI TRƯỞNG\n")
            .nth(1)
            .or_else(|| words.split("KHỐI PHÓ\n").nth(1))
            .unwrap_or_else(|| panic!("no signature in {rel}:\n{words}"));
        after.lines().next().unwrap().to_string()
    };
    // 2013 has bloc.roles.2013.signer; the first half names its own.
    assert_eq!(signer("reports/2013/bao-cao-2013.docx"), "Lò Văn Năm");
    // The scoring's own .docx is an appendix of the report (issue #24): it carries no signature.
    assert_eq!(signer("awards/2013/to-trinh-2013.docx"), "Lò Văn Năm");
    assert_eq!(
        signer("reports/2013-h1/bao-cao-2013-h1.docx"),
        "Đinh Thị Riêng"
    );
    // A year without a signer of its own: documents.signer.
    site.edit("site.yaml", ", signer: { name: Lò Văn Năm }", "");
    site.build_ok(&[]);
    assert_eq!(
        signer("reports/2013/bao-cao-2013.docx"),
        "Nguyễn Văn Mặc Định"
    );
}

// ---- With real office software (`-- --include-ignored`) ----

#[test]
#[ignore = "needs LibreOffice and Python with python-docx"]
fn libreoffice_and_python_docx_read_the_proposal_and_the_minutes() {
    support::needs(
        "soffice",
        "LibreOffice (apt-get install libreoffice-writer)",
    );
    support::needs(
        "python3",
        "Python 3 with python-docx (pip install python-docx)",
    );
    let site = built();
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("lo-profile");
    let proposal = site.out().join("awards/2013/to-trinh-2013.docx");
    let minutes = site
        .out()
        .join("meetings/hoi-nghi-tong-ket-2013/bien-ban-hoi-nghi-tong-ket-2013.docx");
    let converted = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&proposal)
        .arg(&minutes)
        .output()
        .expect("soffice");
    assert!(converted.status.success(), "{converted:?}");
    let pdf_text = |name: &str| {
        let out = std::process::Command::new("pdftotext")
            .args(["-layout"])
            .arg(dir.path().join(name))
            .arg("-")
            .output()
            .expect("pdftotext");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let info = std::process::Command::new("pdfinfo")
        .arg(dir.path().join("to-trinh-2013.pdf"))
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("(A4)"), "{info}");
    // The proposal on its pages, the lists on a page of their own.
    let text = pdf_text("to-trinh-2013.pdf");
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(
        pages[0].contains("TỜ TRÌNH") && pages[0].contains("Kính gửi"),
        "{text}"
    );
    let appendix = pages
        .iter()
        .position(|p| p.contains("Phụ lục"))
        .expect("an appendix page");
    assert!(appendix >= 1, "{text}");
    assert!(pages[appendix].contains("I. TẬP THỂ"), "{text}");
    let minutes_text = pdf_text("bien-ban-hoi-nghi-tong-ket-2013.pdf");
    assert!(minutes_text.contains("BIÊN BẢN"), "{minutes_text}");
    let last = minutes_text
        .trim_end_matches('\u{c}')
        .rsplit('\u{c}')
        .next()
        .unwrap();
    assert!(
        last.contains("THƯ KÝ") && last.contains("CHỦ TRÌ"),
        "{minutes_text}"
    );
    // python-docx: the layout of the decree, and the lists as tables.
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/office/check_year_docx.py");
    let checked = std::process::Command::new("python3")
        .arg(&script)
        .arg(&proposal)
        .arg(&minutes)
        .output()
        .expect("python3");
    assert!(
        checked.status.success() && String::from_utf8_lossy(&checked.stdout).trim() == "ok",
        "{}\n{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
}
