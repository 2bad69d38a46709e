//! One truth in every output (SPEC Part 3; issue 24): the review page, the Word report and
//! `data.xlsx` of a period say the same figures, comparisons, percentages, qualifiers and sample
//! marks (and `data.json` the same numbers); a scoring's page, Word appendix and spreadsheet the
//! same scores, ranks and awards; a bloc whose figures are all real carries no sample mark
//! anywhere; a report nobody reported to is not issued; on paper the signature never stands
//! alone on a page and no table heading breaks inside a word. Three sites: the repository's
//! example (sample data), the fixture `real-bloc` (no `sample` anywhere: a year with targets,
//! scoring and awards) and the fixture `year` (given a `documents:` block so its reports are
//! issued). The tests that read the files with python-docx/openpyxl or LibreOffice are ignored
//! unless `--include-ignored`.

mod support;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temp dir: the repository's example (`"."`) or a fixture under tests/fixtures,
/// with `extra` appended to its site.yaml.
fn site(name: &str, extra: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    let from = if name == "." {
        repo()
    } else {
        repo().join("tests/fixtures").join(name)
    };
    for part in ["content", "static"] {
        if from.join(part).is_dir() {
            support::copy_dir(&from.join(part), &site.join(part));
        }
    }
    let config = std::fs::read_to_string(from.join("site.yaml")).unwrap();
    std::fs::write(site.join("site.yaml"), format!("{config}{extra}")).unwrap();
    (dir, site)
}

/// Who issues the `year` fixture's documents (it has no `documents:` of its own).
const YEAR_DOCUMENTS: &str = "documents:
  parent: UBND TỈNH LAI CHÂU
  issuer: KHỐI THI ĐUA THỬ NGHIỆM
  code: KTĐ
  place: Lai Châu
  signer: { on_behalf: TM. KHỐI THI ĐUA, title: KHỐI TRƯỞNG, name: Nguyễn Văn A }
";

fn build(site: &Path) -> PathBuf {
    let out = site.with_file_name("out");
    let output = Command::new(env!("CARGO_BIN_EXE_blocpress"))
        .args(["build", "--root"])
        .arg(site)
        .arg("--output")
        .arg(&out)
        .env("BLOCPRESS_LANG", "vi")
        .output()
        .unwrap();
    support::assert_no_panic(&output);
    assert!(output.status.success(), "{}", support::stderr(&output));
    out
}

/// One part of a zip package, as text.
fn part(file: &Path, name: &str) -> String {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut entry = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{} has no {name}: {e}", file.display()));
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

/// The text of every paragraph of a WordprocessingML part, one per line.
fn paragraphs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("p"))
        .map(|p| {
            p.descendants()
                .filter(|n| n.has_tag_name("t"))
                .filter_map(|n| n.text())
                .collect::<String>()
        })
        .collect()
}

/// Every file under `dir` whose name ends with `suffix`.
fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files(&path, suffix));
        } else if path.to_string_lossy().ends_with(suffix) {
            found.push(path);
        }
    }
    found.sort();
    found
}

#[test]
fn a_bloc_with_real_figures_only_carries_no_sample_mark_anywhere() {
    let (_dir, site) = site("real-bloc", "");
    let out = build(&site);
    for page in files(&out, ".html") {
        let html = std::fs::read_to_string(&page).unwrap();
        for mark in ["sample-mark", "sample-note", "số liệu mẫu", "(mẫu)"] {
            assert!(
                !html.contains(mark),
                "{} says {mark:?} on a site with no sample data",
                page.display()
            );
        }
    }
    for data in files(&out, "data.json") {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&data).unwrap()).unwrap();
        assert!(
            !json.to_string().contains(r#""sample":true"#),
            "{} marks a value sample",
            data.display()
        );
    }
    let docx = files(&out, ".docx");
    assert_eq!(docx.len(), 4, "three reports and the scoring: {docx:?}");
    for file in &docx {
        let text = paragraphs(&part(file, "word/document.xml")).join("\n");
        assert!(
            !text.contains('*') && !text.contains("số liệu mẫu"),
            "{} has a sample mark:\n{text}",
            file.display()
        );
    }
    // A real approximate figure keeps its qualifier and nothing else, everywhere.
    let year = out.join("reports/2023/bao-cao-2023.docx");
    let text = paragraphs(&part(&year, "word/document.xml")).join("\n");
    assert!(text.contains("hơn 92,5\n"), "{text}");
    let page = support::read(&out, "reports/2023/index.html");
    assert!(page.contains("hơn 92,5 triệu đồng</td>"), "{page}");
    // The number left blank takes the issuer's code; the year report carries its scoring as
    // the appendix, attached to it; the scoring's own file is that appendix, attached too.
    assert!(text.contains("Số:        /BC-KTĐ"), "{text}");
    assert!(
        text.contains("Phụ lục\nBẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2023\n(Kèm theo Báo cáo số       /BC-KTĐ ngày 28 tháng 12 năm 2023 của Khối thi đua các hội đặc thù tỉnh Điện Biên)"),
        "{text}"
    );
    let scoring = paragraphs(&part(
        &out.join("scoring/2023/bang-diem-2023.docx"),
        "word/document.xml",
    ))
    .join("\n");
    assert!(
        scoring.contains("(Kèm theo Báo cáo số       /BC-KTĐ ngày 28 tháng 12 năm 2023"),
        "{scoring}"
    );
    for said in [
        "3 (đồng hạng)",
        "Khi bằng tổng điểm, xét lần lượt điểm của nhóm 1.",
        "(1) Hội Khuyến học tỉnh Điện Biên: +2 điểm – Mô hình gia đình học tập được tỉnh biểu dương.",
        "Được tặng Cờ thi đua của UBND tỉnh (Quyết định số 45/QĐ-UBND ngày 10/01/2024)",
        "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh",
    ] {
        assert!(
            scoring.contains(said) && text.contains(said),
            "{said:?} not in both:\n{scoring}"
        );
    }
}

#[test]
fn a_members_note_on_a_figure_is_in_the_word_report_as_on_the_page() {
    let (_dir, site) = site("real-bloc", "");
    let out = build(&site);
    let note =
        "Giá trị hỗ trợ hội viên: Gồm 12,5 triệu đồng học bổng của doanh nghiệp trên địa bàn.";
    let page = support::read(&out, "reports/2023-h2/index.html");
    assert!(page.contains(note), "{page}");
    let text = paragraphs(&part(
        &out.join("reports/2023-h2/bao-cao-2023-h2.docx"),
        "word/document.xml",
    ))
    .join("\n");
    assert!(text.contains(&format!("(1) {note}")), "{text}");
    assert!(text.contains("Giá trị hỗ trợ hội viên (1)"), "{text}");
}

#[test]
fn a_report_nobody_reported_to_is_not_issued() {
    let (_dir, site) = site("year", YEAR_DOCUMENTS);
    let out = build(&site);
    assert!(!out.join("reports/2012-h2/bao-cao-2012-h2.docx").exists());
    assert!(out.join("reports/2013-h1/bao-cao-2013-h1.docx").exists());
    let page = support::read(&out, "reports/2012-h2/index.html");
    assert!(!page.contains(".docx"), "a link to a report not issued");
    assert!(
        page.contains("chưa ban hành") && page.contains("Đơn vị chưa báo cáo"),
        "{page}"
    );
}

/// A numbered heading as a reader sees it: `I. …`, `2. …` or `a) …`.
fn numbered(text: &str) -> bool {
    let Some((mark, rest)) = text.split_once(' ') else {
        return false;
    };
    let roman = mark
        .strip_suffix('.')
        .is_some_and(|m| !m.is_empty() && m.chars().all(|c| "IVX".contains(c)));
    let arabic = mark
        .strip_suffix('.')
        .is_some_and(|m| !m.is_empty() && m.chars().all(|c| c.is_ascii_digit()));
    let letter = mark
        .strip_suffix(')')
        .is_some_and(|m| (1..=2).contains(&m.len()) && m.chars().all(|c| c.is_ascii_lowercase()));
    (roman || arabic || letter) && !rest.trim().is_empty()
}

/// The numbered headings of a review page's article, in order, without their badges, in
/// capitals (paper writes the sections in capitals).
fn page_outline(html: &str) -> Vec<String> {
    let html = scraper::Html::parse_document(html);
    let headings = scraper::Selector::parse("article.report :is(h2, h3, h4, h5)").unwrap();
    html.select(&headings)
        .map(|h| {
            let text: String = h
                .descendants()
                .filter_map(|n| n.value().as_text().map(|t| (n, t)))
                .filter(|(n, _)| {
                    !n.ancestors().any(|a| {
                        a.value().as_element().is_some_and(|e| {
                            e.has_class("badge", scraper::CaseSensitivity::CaseSensitive)
                        })
                    })
                })
                .map(|(_, t)| t.to_string())
                .collect();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|t| numbered(t))
        .map(|t| t.to_uppercase())
        .collect()
}

/// The numbered headings of a Word report's body (paragraphs kept with the next), before its
/// appendices, in capitals.
fn paper_outline(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let mut outline = Vec::new();
    for p in doc.descendants().filter(|n| n.has_tag_name("p")) {
        let text: String = p
            .descendants()
            .filter(|n| n.has_tag_name("t"))
            .filter_map(|n| n.text())
            .collect();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.starts_with("Phụ lục") {
            break;
        }
        let heading = p.descendants().any(|n| n.has_tag_name("keepNext"));
        if heading && numbered(&text) {
            outline.push(text.to_uppercase());
        }
    }
    outline
}

#[test]
fn the_page_and_the_word_report_number_every_section_alike() {
    let (_a, example) = site(".", "");
    let (_b, real) = site("real-bloc", "");
    let (_c, year) = site("year", YEAR_DOCUMENTS);
    // The whole-year fixture: sections II (assessment) and IV (recommendations) too.
    let (_d, whole) = site("whole-year", "");
    let mut compared = 0;
    for site in [&example, &real, &year, &whole] {
        let out = build(site);
        for docx in files(&out.join("reports"), ".docx") {
            let page = std::fs::read_to_string(docx.with_file_name("index.html")).unwrap();
            let on_page = page_outline(&page);
            let on_paper = paper_outline(&part(&docx, "word/document.xml"));
            assert!(on_paper.len() >= 3, "{}: {on_paper:?}", docx.display());
            assert_eq!(
                on_page,
                on_paper,
                "{}: the page's numbered headings (left) and the Word report's (right)",
                docx.display()
            );
            compared += 1;
        }
    }
    // The example's two reports, the real bloc's three, the year fixture's three, the whole
    // year's two.
    assert_eq!(compared, 10);
    // An English page numbers its parts as the (Vietnamese) Word report does.
    let (_e, english) = site("real-bloc", "");
    let config = std::fs::read_to_string(english.join("site.yaml")).unwrap();
    std::fs::write(
        english.join("site.yaml"),
        config.replace("language: vi", "language: en"),
    )
    .unwrap();
    let out = build(&english);
    let marks = |outline: Vec<String>| -> Vec<String> {
        outline
            .iter()
            .map(|h| h.split(' ').next().unwrap().to_string())
            .collect()
    };
    for docx in files(&out.join("reports"), ".docx") {
        let page = std::fs::read_to_string(docx.with_file_name("index.html")).unwrap();
        let on_page = marks(page_outline(&page));
        let on_paper = marks(paper_outline(&part(&docx, "word/document.xml")));
        assert_eq!(on_page, on_paper, "{}", docx.display());
    }
}

#[test]
fn the_page_and_the_word_report_mark_who_has_not_reported_or_assessed_alike() {
    let (_dir, year) = site("year", YEAR_DOCUMENTS);
    let out = build(&year);
    let said = "Đơn vị chưa báo cáo: Hội Giáo chức tỉnh Lai Châu, Hội Đông y tỉnh Lai Châu, \
                Hội Cựu Thanh niên xung phong tỉnh Lai Châu.";
    let page = support::read(&out, "reports/2013/index.html");
    assert_eq!(
        first(&page, "section[aria-labelledby=results] p.note"),
        said
    );
    let paper = paragraphs(&part(
        &out.join("reports/2013/bao-cao-2013.docx"),
        "word/document.xml",
    ));
    assert!(paper.iter().any(|p| p == said), "{paper:?}");
    // A member that did not assess itself: its self-score and difference are dashes in the
    // appendix as on the page (they were blank on paper).
    let page = support::read(&out, "scoring/2013/index.html");
    let row = first(&page, "tr[data-association=hoi-dong-y]");
    assert_eq!(row.matches('–').count(), 2, "{row}");
    let xml = part(
        &out.join("reports/2013/bao-cao-2013.docx"),
        "word/document.xml",
    );
    let rows = docx_rows(&xml, "Hội Đông y tỉnh Lai Châu");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].iter().filter(|c| *c == "–").count(), 2, "{rows:?}");
}

#[test]
fn a_members_highlights_are_named_on_paper_as_on_the_page() {
    let (_dir, real) = site("real-bloc", "");
    let out = build(&real);
    let page = support::read(&out, "reports/2023-h1/index.html");
    assert_eq!(
        first(&page, "section[aria-labelledby=m-hoi-khuyen-hoc] h5"),
        "Điểm nổi bật"
    );
    let paper = paragraphs(&part(
        &out.join("reports/2023-h1/bao-cao-2023-h1.docx"),
        "word/document.xml",
    ));
    let at = paper
        .iter()
        .position(|p| p == "Điểm nổi bật:")
        .unwrap_or_else(|| panic!("{paper:?}"));
    assert_eq!(
        paper[at + 1],
        "- Trao học bổng cho học sinh nghèo vượt khó ở các huyện vùng cao."
    );
}

/// The text of the first element `selector` picks, its spaces squashed.
fn first(html: &str, selector: &str) -> String {
    let html = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    let found = html
        .select(&selector)
        .next()
        .unwrap_or_else(|| panic!("nothing matches {selector:?}"));
    found
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Word table's rows whose second cell is `label`, as cell texts.
fn docx_rows(xml: &str, label: &str) -> Vec<Vec<String>> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("tr"))
        .map(|tr| {
            tr.children()
                .filter(|n| n.has_tag_name("tc"))
                .map(|tc| {
                    tc.descendants()
                        .filter(|n| n.has_tag_name("t"))
                        .filter_map(|n| n.text())
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
        })
        .filter(|row| row.get(1).is_some_and(|c| c == label))
        .collect()
}

#[test]
fn a_change_and_the_earlier_value_carry_the_metrics_unit() {
    let (_dir, real) = site("real-bloc", "");
    let out = build(&real);
    let page = support::read(&out, "reports/2023-h2/index.html");
    let cell = |slug: &str, key: &str| {
        first(
            &page,
            &format!("section[aria-labelledby=m-{slug}] tr[data-key={key}] td[data-cell=previous]"),
        )
    };
    // A percentage moves in points: "tăng 2%" would be a relative change.
    assert_eq!(
        cell("hoi-khuyen-hoc", "registration_rate"),
        "tăng 2 điểm phần trăm (kỳ trước: 96%)"
    );
    assert_eq!(
        cell("hoi-nan-nhan-da-cam", "registration_rate"),
        "không đổi (kỳ trước: 100%)"
    );
    assert_eq!(
        cell("hoi-khuyen-hoc", "support_value"),
        "tăng khoảng 12,5 triệu đồng (kỳ trước: hơn 40 triệu đồng)"
    );
    assert_eq!(
        cell("hoi-khuyen-hoc", "new_members"),
        "tăng 30 hội viên (kỳ trước: 420 hội viên)"
    );
    assert_eq!(
        cell("hoi-khuyen-hoc", "satisfaction"),
        "tăng 0,2 điểm (kỳ trước: 8,6 điểm)"
    );
    // The chart of a percentage's change says its unit, points.
    assert!(
        page.contains(
            "Tỷ lệ hội viên đăng ký thi đua: thay đổi (điểm phần trăm) so với 6 tháng đầu năm 2023"
        ),
        "{page}"
    );
    // Paper has a unit column; the change of a percentage is in points, not in it.
    let xml = part(
        &out.join("reports/2023-h2/bao-cao-2023-h2.docx"),
        "word/document.xml",
    );
    let rows = docx_rows(&xml, "Tỷ lệ hội viên đăng ký thi đua");
    assert!(
        rows.iter().any(|r| r[2] == "%"
            && r[3] == "98"
            && r[4] == "96"
            && r[5] == "+2 điểm %"
            // No target: a dash, as on the page (a blank cell reads as left out).
            && r[6..] == ["–", "–"]),
        "{rows:?}"
    );
    let rows = docx_rows(&xml, "Số hội viên mới kết nạp");
    assert!(
        rows.iter().any(|r| r[2] == "hội viên" && r[5] == "+30"),
        "{rows:?}"
    );
    // The member's page: the history table has a unit column too.
    let member = support::read(&out, "associations/hoi-khuyen-hoc/index.html");
    assert!(
        member.contains(r#"<span class="change up">+2 điểm %</span>"#),
        "{member}"
    );
    // In English.
    let (_en_dir, en) = site("real-bloc", "");
    let config = std::fs::read_to_string(en.join("site.yaml")).unwrap();
    std::fs::write(
        en.join("site.yaml"),
        config.replace("language: vi", "language: en"),
    )
    .unwrap();
    let out = build(&en);
    let page = support::read(&out, "reports/2023-h2/index.html");
    let english = first(
        &page,
        "section[aria-labelledby=m-hoi-khuyen-hoc] tr[data-key=registration_rate] td[data-cell=previous]",
    );
    assert_eq!(english, "up 2 percentage points (previous period: 96%)");
    let english = first(
        &page,
        "section[aria-labelledby=m-hoi-khuyen-hoc] tr[data-key=support_value] td[data-cell=previous]",
    );
    assert_eq!(
        english,
        "up about 12.5 million đồng (previous period: over 40 million đồng)"
    );
}

// ---- With real office software (ignored unless `--include-ignored`, as .ci/run does) ----

fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// tests/office/check_truth.py on a built site: see its docstring for `expected`.
fn check_truth(out: &Path, expected: serde_json::Value) {
    let json = out.with_file_name("expected.json");
    std::fs::write(&json, expected.to_string()).unwrap();
    let said = run(Command::new("python3")
        .arg(repo().join("tests/office/check_truth.py"))
        .arg(out)
        .arg(&json));
    assert_eq!(said.trim(), "ok");
}

#[test]
#[ignore = "needs Python with python-docx and openpyxl"]
fn the_page_the_word_report_and_the_spreadsheet_say_the_same() {
    support::needs(
        "python3",
        "Python 3 with python-docx and openpyxl (pip install python-docx openpyxl)",
    );
    let (_a, example) = site(".", "");
    check_truth(
        &build(&example),
        serde_json::json!({"issued": ["2012-h2", "2013-h1"], "not_issued": ["2013"],
            "sample": true, "checked_min": 380, "scorings": {"2013": true}}),
    );
    let (_b, real) = site("real-bloc", "");
    check_truth(
        &build(&real),
        serde_json::json!({"issued": ["2023-h1", "2023-h2", "2023"], "not_issued": [],
            "sample": false, "checked_min": 300, "scorings": {"2023": false}}),
    );
    let (_c, year) = site("year", YEAR_DOCUMENTS);
    check_truth(
        &build(&year),
        serde_json::json!({"issued": ["2013-h1", "2013-h2", "2013"], "not_issued": ["2012-h2"],
            "sample": true, "checked_min": 160, "scorings": {"2013": false}}),
    );
}

/// The text of each page of a PDF (`pdftotext -layout`).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let info = run(Command::new("pdfinfo").arg(pdf));
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    (1..=pages)
        .map(|n| {
            run(Command::new("pdftotext")
                .args(["-layout", "-f", &n.to_string(), "-l", &n.to_string()])
                .arg(pdf)
                .arg("-"))
        })
        .collect()
}

/// The words of every table's first row (its headings) in a document part, and how often
/// each word occurs in the whole part.
fn heading_words(xml: &str) -> (Vec<String>, HashMap<String, usize>) {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let text = |p: roxmltree::Node| -> String {
        p.descendants()
            .filter(|n| n.has_tag_name("t"))
            .filter_map(|n| n.text())
            .collect()
    };
    let mut headings = Vec::new();
    for table in doc.descendants().filter(|n| n.has_tag_name("tbl")) {
        let Some(row) = table.children().find(|n| n.has_tag_name("tr")) else {
            continue;
        };
        for p in row.descendants().filter(|n| n.has_tag_name("p")) {
            headings.extend(text(p).split_whitespace().map(bare));
        }
    }
    headings.retain(|w| w.chars().count() > 1);
    headings.sort();
    headings.dedup();
    let mut counts = HashMap::new();
    for p in doc.descendants().filter(|n| n.has_tag_name("p")) {
        for word in text(p).split_whitespace() {
            *counts.entry(bare(word)).or_default() += 1;
        }
    }
    (headings, counts)
}

/// A word without the punctuation around it.
fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils"]
fn on_paper_the_signature_is_never_alone_and_no_heading_word_is_split() {
    support::needs(
        "soffice",
        "the Debian packages libreoffice-writer-nogui and libreoffice-calc-nogui",
    );
    support::needs("pdftotext", "the Debian package poppler-utils");
    let (_a, example) = site(".", "");
    let (_b, real) = site("real-bloc", "");
    let (_c, year) = site("year", YEAR_DOCUMENTS);
    let mut documents = Vec::new();
    for site in [&example, &real, &year] {
        documents.extend(files(&build(site), ".docx"));
    }
    assert!(documents.len() >= 9, "{documents:?}");
    let work = real.with_file_name("pdf");
    let profile = real.with_file_name("lo-profile");
    for (n, docx) in documents.iter().enumerate() {
        // One folder per file: two sites have reports of the same name.
        let pdfs = work.join(n.to_string());
        run(Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&pdfs)
            .arg(docx));
        let stem = docx.file_stem().unwrap().to_string_lossy().into_owned();
        let pdf = pdfs.join(format!("{stem}.pdf"));
        let name = docx.display();
        // LibreOffice reads the document's language (w:lang) and writes it into the PDF.
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(
            bytes.windows(12).any(|w| w == b"/Lang(vi-VN)"),
            "{name}: the PDF's language is not vi-VN"
        );
        let pages = pdf_pages(&pdf);
        // The page that holds Nơi nhận holds some of the body too, above it.
        if let Some(page) = pages.iter().find(|p| p.contains("Nơi nhận:")) {
            let above: Vec<&str> = page
                .lines()
                .take_while(|l| !l.contains("Nơi nhận:"))
                .map(str::trim)
                .filter(|l| !l.is_empty() && l.parse::<u32>().is_err())
                .collect();
            assert!(
                !above.is_empty(),
                "{name}: Nơi nhận and the signature alone on a page:\n{page}"
            );
        } else if stem.starts_with("bien-ban") {
            // Minutes have no Nơi nhận: the secretary and the chair sign, never alone on a page.
            let page = pages
                .iter()
                .find(|p| p.contains("CHỦ TRÌ"))
                .unwrap_or_else(|| panic!("{name}: no signatures"));
            let above = page
                .lines()
                .take_while(|l| !l.contains("CHỦ TRÌ") && !l.contains("THƯ KÝ"))
                .map(str::trim)
                .any(|l| !l.is_empty() && l.parse::<u32>().is_err());
            assert!(above, "{name}: the signatures alone on a page:\n{page}");
        } else {
            assert!(stem.starts_with("bang-diem"), "{name}: no Nơi nhận");
        }
        // Every word of every table heading is whole on paper: printed at least as often as
        // the document holds it (a heading repeated on a new page prints it more often).
        let mut printed: HashMap<String, usize> = HashMap::new();
        for word in pages.iter().flat_map(|p| p.split_whitespace()) {
            *printed.entry(bare(word)).or_default() += 1;
        }
        let (headings, counts) = heading_words(&part(docx, "word/document.xml"));
        for word in headings {
            assert!(
                printed.get(&word).copied().unwrap_or(0) >= counts[&word],
                "{name}: the heading word {word:?} is broken on paper:\n{}",
                pages.join("\n\u{c}\n")
            );
        }
    }
}
