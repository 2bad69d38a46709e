//! Downloads for offices: the review and the scoring table as Word documents (Nghị định
//! 30/2020/NĐ-CP layout) and as Excel workbooks. The first tests need nothing but the binary:
//! the files exist, are packages Word and Excel open (zip with the expected parts), carry real
//! numbers, are byte-identical across builds, and a site without `documents:` gets one warning.
//! The ignored ones read the files with real office software — python-docx, openpyxl,
//! LibreOffice (`soffice --convert-to pdf`) and poppler (`pdfinfo`, `pdftotext`) — and run with
//! `--include-ignored` (as `.ci/run` does, after installing them).

mod support;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The repository's example site (site.yaml, content/, static/) in a temp dir; `edit` may
/// change its site.yaml.
fn example(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    for part in ["content", "static"] {
        let from = repo().join(part);
        if from.is_dir() {
            support::copy_dir(&from, &site.join(part));
        }
    }
    let config = std::fs::read_to_string(repo().join("site.yaml")).unwrap();
    std::fs::write(site.join("site.yaml"), edit(config)).unwrap();
    (dir, site)
}

fn build(site: &Path, out: &Path, lang: &str) -> std::process::Output {
    let output = Command::new(env!("CARGO_BIN_EXE_blocpress"))
        .args(["build", "--root"])
        .arg(site)
        .arg("--output")
        .arg(out)
        .env("BLOCPRESS_LANG", lang)
        .output()
        .unwrap();
    support::assert_no_panic(&output);
    assert!(output.status.success(), "{}", support::stderr(&output));
    output
}

const REPORT: &str = "reports/2013-h1/bao-cao-2013-h1.docx";
const REPORT_XLSX: &str = "reports/2013-h1/data.xlsx";
const SCORING: &str = "scoring/2013/bang-diem-2013.docx";
const SCORING_XLSX: &str = "scoring/2013/bang-diem-2013.xlsx";

/// One part of a zip package, as text.
fn part(file: &Path, name: &str) -> String {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("{} is not a zip package: {e}", file.display()));
    let mut entry = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{} has no {name}: {e}", file.display()));
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

/// Text of a WordprocessingML part: the `w:t` runs joined.
fn words(xml: &str) -> String {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("t"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("")
}

#[test]
fn the_example_downloads_its_documents_and_spreadsheets_and_links_them() {
    let (dir, site) = example(|c| c);
    let out = dir.path().join("out");
    let output = build(&site, &out, "en");
    assert!(
        !support::stderr(&output).contains("W300"),
        "{}",
        support::stderr(&output)
    );
    for file in [REPORT, REPORT_XLSX, SCORING, SCORING_XLSX] {
        let bytes = std::fs::read(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            bytes.starts_with(b"PK\x03\x04"),
            "{file} is not a zip package"
        );
    }

    // The report: the decree's page and header, the figures of the review, the signer.
    let document = part(&out.join(REPORT), "word/document.xml");
    assert!(document.contains(r#"w:w="11906""#) && document.contains(r#"w:h="16838""#));
    assert!(document.contains(r#"w:left="1701""#), "left margin 30 mm");
    assert!(document.contains("<w:titlePg"), "no number on page 1");
    let text = words(&document);
    for expected in [
        "UBND TỈNH LAI CHÂU",
        "KHỐI THI ĐUA CÁC TỔ CHỨC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/BC-KTĐ",
        "Lai Châu, ngày 25 tháng 6 năm 2013",
        "BÁO CÁO",
        "Sơ kết công tác thi đua 6 tháng đầu năm 2013",
        "I. KẾT QUẢ CÔNG TÁC THI ĐUA 6 THÁNG ĐẦU NĂM 2013",
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2013",
        "Hội Luật gia tỉnh Lai Châu",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TM. KHỐI THI ĐUA",
        "Nguyễn Văn Minh",
        "./.",
    ] {
        assert!(text.contains(expected), "the report lacks {expected:?}");
    }
    let styles = part(&out.join(REPORT), "word/styles.xml");
    assert!(
        styles.contains(r#"w:ascii="Times New Roman""#),
        "default font"
    );
    assert!(
        part(&out.join(REPORT), "word/header1.xml").contains("PAGE"),
        "page number field"
    );
    assert!(part(&out.join(REPORT), "docProps/core.xml").contains("2013-06-25T00:00:00Z"));

    // The scoring table: landscape, every member with its total in vi format.
    let scoring = part(&out.join(SCORING), "word/document.xml");
    assert!(scoring.contains(r#"w:orient="landscape""#));
    assert!(scoring.contains(r#"w:w="16838""#) && scoring.contains(r#"w:h="11906""#));
    let text = words(&scoring);
    for expected in [
        "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2013",
        "95,75",
        "Điểm tối đa",
        // The example's scoring file is sample data: the paper says so too.
        "là số liệu mẫu",
    ] {
        assert!(
            text.contains(expected),
            "the scoring document lacks {expected:?}"
        );
    }

    // Spreadsheets: numbers are number cells, headers in the site's language (vi here).
    let sheet = part(&out.join(REPORT_XLSX), "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("<v>534</v>"),
        "534 participants as a number cell"
    );
    let strings = part(&out.join(REPORT_XLSX), "xl/sharedStrings.xml");
    assert!(strings.contains("Chỉ tiêu") && strings.contains("Kết quả"));
    assert!(!strings.contains(">534<"), "a number stored as text");
    let scores = part(&out.join(SCORING_XLSX), "xl/worksheets/sheet1.xml");
    assert!(scores.contains("<v>95.75</v>"), "95.75 as a number cell");

    // The pages link their downloads.
    let review = support::read(&out, "reports/2013-h1/index.html");
    assert!(review.contains("/reports/2013-h1/bao-cao-2013-h1.docx"));
    assert!(review.contains("/reports/2013-h1/data.xlsx"));
    let page = support::read(&out, "scoring/2013/index.html");
    assert!(page.contains("/scoring/2013/bang-diem-2013.docx"));
    assert!(page.contains("/scoring/2013/bang-diem-2013.xlsx"));
}

/// The example with a sixth metric that two members report: the bloc-wide table is too wide for
/// a portrait page.
fn with_wide_bloc_table(site: &Path) {
    for member in ["hoi-luat-gia", "lien-minh-htx"] {
        let path = site.join(format!("content/associations/{member}/2013-h1.yaml"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replacen(
                "metrics:\n",
                "metrics:\n  emulation_registration_rate: 100\n",
                1,
            ),
        )
        .unwrap();
    }
}

#[test]
fn a_wide_bloc_table_goes_to_a_landscape_appendix() {
    let (dir, site) = example(|c| c);
    with_wide_bloc_table(&site);
    let out = dir.path().join("out");
    build(&site, &out, "en");
    let document = part(&out.join(REPORT), "word/document.xml");
    assert_eq!(document.matches("<w:sectPr").count(), 2, "two sections");
    assert!(document.contains(r#"w:orient="landscape""#));
    let text = words(&document);
    assert!(text.contains("Phụ lục"));
    assert!(text.contains("(Kèm theo Báo cáo số 15/BC-KTĐ ngày 25 tháng 6 năm 2013 của"));
    assert!(
        text.contains("tổng hợp tại Phụ lục kèm theo"),
        "the text refers to it"
    );
}

#[test]
fn two_builds_give_the_same_bytes() {
    // Also with the appendix: its section break is a paragraph docx-rs numbers itself.
    for wide in [false, true] {
        let (dir, site) = example(|c| c);
        if wide {
            with_wide_bloc_table(&site);
        }
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        build(&site, &a, "en");
        build(&site, &b, "en");
        for file in [REPORT, REPORT_XLSX, SCORING, SCORING_XLSX] {
            assert!(
                std::fs::read(a.join(file)).unwrap() == std::fs::read(b.join(file)).unwrap(),
                "{file} differs between two builds (wide: {wide})"
            );
        }
    }
}

/// The example's site.yaml without its `documents:` block.
fn without_documents(config: String) -> String {
    let start = config.find("documents:").expect("documents: in site.yaml");
    let rest = &config[start..];
    let end = rest
        .find("\n  signer:")
        .and_then(|i| rest[i + 1..].find('\n').map(|j| start + i + 1 + j + 1))
        .unwrap_or(config.len());
    format!("{}{}", &config[..start], &config[end..])
}

#[test]
fn without_documents_settings_the_word_files_are_left_out_with_one_warning() {
    let (dir, site) = example(without_documents);
    let out = dir.path().join("out");
    let output = build(&site, &out, "en");
    let stderr = support::stderr(&output);
    assert_eq!(stderr.matches("[W300]").count(), 1, "{stderr}");
    assert!(stderr.contains("documents"), "{stderr}");
    assert!(!out.join(REPORT).exists() && !out.join(SCORING).exists());
    assert!(out.join(REPORT_XLSX).exists() && out.join(SCORING_XLSX).exists());
    let review = support::read(&out, "reports/2013-h1/index.html");
    assert!(
        !review.contains(".docx"),
        "a link to a file that is not there"
    );
    assert!(review.contains("data.xlsx"));

    // In Vietnamese, the warning names the first missing key and says what to add.
    let (dir, site) = example(|c| {
        format!(
            "{}documents: {{ issuer: KHỐI THI ĐUA, place: Lai Châu }}\n",
            without_documents(c)
        )
    });
    let out = dir.path().join("vi");
    let stderr = support::stderr(&build(&site, &out, "vi"));
    assert_eq!(stderr.matches("[W300]").count(), 1, "{stderr}");
    assert!(
        stderr.contains("cảnh báo[W300]: site.yaml: chưa khai báo documents.signer nên chưa tạo được văn bản Word"),
        "{stderr}"
    );
}

#[test]
fn a_bad_signing_date_is_an_error_at_its_line() {
    let (dir, site) = example(|c| c);
    let path = site.join("content/periods/2013-h1.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("signed: 2013-06-25", "signed: 25/6/2013"),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_blocpress"))
        .args(["build", "--root"])
        .arg(&site)
        .arg("--output")
        .arg(dir.path().join("out"))
        .env("BLOCPRESS_LANG", "en")
        .output()
        .unwrap();
    support::assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let stderr = support::stderr(&output);
    assert!(
        stderr.contains("error[E300]: content/periods/2013-h1.md:") && stderr.contains("25/6/2013"),
        "{stderr}"
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

fn python(script: &str, args: &[&Path], expected: &serde_json::Value, dir: &Path) {
    let json = dir.join(format!("{script}-{}.json", args.len()));
    let json = json.with_file_name(format!(
        "{}-{}",
        std::process::id(),
        json.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&json, expected.to_string()).unwrap();
    let mut command = Command::new("python3");
    command.arg(repo().join("tests/office").join(script));
    command.args(args);
    command.arg(&json);
    assert_eq!(run(&mut command).trim(), "ok");
}

#[test]
#[ignore = "needs Python with python-docx"]
fn python_docx_reads_the_layout_of_the_decree() {
    support::needs(
        "python3",
        "Python 3 with python-docx (pip install python-docx)",
    );
    let (dir, site) = example(|c| c);
    let out = dir.path().join("out");
    build(&site, &out, "en");
    python(
        "check_docx.py",
        &[&out.join(REPORT), Path::new("report")],
        &serde_json::json!({
            "issuer_first": "KHỐI THI ĐUA CÁC TỔ CHỨC",
            "number": "Số: 15/BC-KTĐ",
            "dated": "Lai Châu, ngày 25 tháng 6 năm 2013*",
            "kind": "BÁO CÁO",
            "subject": "Sơ kết công tác thi đua 6 tháng đầu năm 2013",
            "figures": ["Hội Luật gia tỉnh Lai Châu", "Số hội nghị đã tổ chức", "534", "247", "116,7%*"],
            "body": ["Trên đây là báo cáo sơ kết công tác thi đua 6 tháng đầu năm 2013"],
            "author": "KHỐI THI ĐUA CÁC TỔ CHỨC HỘI ĐẶC THÙ",
            "recipients": ["- Ban Thi đua - Khen thưởng tỉnh;", "- Các đơn vị thành viên Khối;", "- Lưu: VT."],
            "signer": ["TM. KHỐI THI ĐUA", "KHỐI TRƯỞNG", "Nguyễn Văn Minh"],
        }),
        dir.path(),
    );
    let (wide, wide_site) = example(|c| c);
    with_wide_bloc_table(&wide_site);
    let wide_out = wide.path().join("out");
    build(&wide_site, &wide_out, "en");
    python(
        "check_docx.py",
        &[&wide_out.join(REPORT), Path::new("report")],
        &serde_json::json!({
            "appendix": true,
            "issuer_first": "KHỐI THI ĐUA CÁC TỔ CHỨC",
            "number": "Số: 15/BC-KTĐ",
            "dated": "Lai Châu, ngày 25 tháng 6 năm 2013*",
            "kind": "BÁO CÁO",
            "subject": "Sơ kết công tác thi đua 6 tháng đầu năm 2013",
            "figures": ["1.734*", "khoảng 271*"],
            "recipients": ["- Lưu: VT."],
            "signer": ["KHỐI TRƯỞNG", "Nguyễn Văn Minh"],
            "author": "KHỐI THI ĐUA CÁC TỔ CHỨC HỘI ĐẶC THÙ",
        }),
        wide.path(),
    );
    // The scoring: its appendix standing alone. The example's 2013 report is not issued (no
    // figures for the year) and there is no meeting: no "(Kèm theo …)" line.
    python(
        "check_docx.py",
        &[&out.join(SCORING), Path::new("scoring")],
        &serde_json::json!({
            "title": "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2013",
            "attached": null,
            "figures": ["Hội Luật gia tỉnh Lai Châu", "95,75", "98", "2 (đồng hạng)",
                "Đề nghị tặng Cờ thi đua của UBND tỉnh", "Xây dựng mới 5 mô hình điểm"],
            "author": "KHỐI THI ĐUA CÁC TỔ CHỨC HỘI ĐẶC THÙ",
        }),
        dir.path(),
    );
}

#[test]
#[ignore = "needs Python with openpyxl"]
fn openpyxl_reads_numbers_as_numbers() {
    support::needs("python3", "Python 3 with openpyxl (pip install openpyxl)");
    let (dir, site) = example(|c| c);
    let out = dir.path().join("out");
    build(&site, &out, "en");
    python(
        "check_xlsx.py",
        &[&out.join(REPORT_XLSX)],
        &serde_json::json!({
            "sheet": "Số liệu", "header_row": 3,
            "headers": ["STT", "Đơn vị", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Kỳ trước"],
            "numbers": [["Số hội nghị đã tổ chức", "Kết quả", 35], ["Số hội viên tham gia", "Kết quả", 534]],
        }),
        dir.path(),
    );
    python(
        "check_xlsx.py",
        &[&out.join(SCORING_XLSX)],
        &serde_json::json!({
            "sheet": "Bảng điểm", "header_row": 3,
            "headers": ["Đơn vị", "1.1", "Tổng điểm", "Xếp hạng"],
            "numbers": [["Hội Luật gia tỉnh Lai Châu", "Tổng điểm", 98], ["Liên minh Hợp tác xã tỉnh Lai Châu", "1.2", 10]],
        }),
        dir.path(),
    );
    // An English site gets English headers.
    let (dir, site) = example(|c| c.replace("language: vi", "language: en"));
    let out = dir.path().join("out");
    build(&site, &out, "en");
    python(
        "check_xlsx.py",
        &[&out.join(REPORT_XLSX)],
        &serde_json::json!({
            "sheet": "Figures", "header_row": 3,
            "headers": ["Member", "Metric", "Unit", "Result"],
            "numbers": [["Số hội nghị đã tổ chức", "Result", 35]],
        }),
        dir.path(),
    );
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils"]
fn libreoffice_converts_both_documents_to_a4_pdfs_with_the_header_on_page_one() {
    support::needs(
        "soffice",
        "the Debian packages libreoffice-writer-nogui and libreoffice-calc-nogui",
    );
    support::needs("pdftotext", "the Debian package poppler-utils");
    let (dir, site) = example(|c| c);
    let out = dir.path().join("out");
    build(&site, &out, "en");
    let pdfs = dir.path().join("pdf");
    // A profile of its own, so a LibreOffice the user has open does not take the job.
    let profile = dir.path().join("lo-profile");
    run(Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&pdfs)
        .arg(out.join(REPORT))
        .arg(out.join(SCORING)));
    let report = pdfs.join("bao-cao-2013-h1.pdf");
    let info = run(Command::new("pdfinfo").arg(&report));
    assert!(info.contains("(A4)"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert!(pages >= 2, "{info}");
    let first = run(Command::new("pdftotext")
        .args(["-layout", "-f", "1", "-l", "1"])
        .arg(&report)
        .arg("-"));
    for expected in [
        "UBND TỈNH LAI CHÂU",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/BC-KTĐ",
        "Lai Châu, ngày 25 tháng 6 năm 2013",
        "BÁO CÁO",
        "Sơ kết công tác thi đua 6 tháng đầu năm 2013",
    ] {
        assert!(
            first.contains(expected),
            "page 1 lacks {expected:?}:\n{first}"
        );
    }
    // Số and the date share a line; no page number on page 1, "2" at the top of page 2.
    assert!(
        first
            .lines()
            .any(|l| l.contains("Số: 15/BC-KTĐ") && l.contains("Lai Châu, ngày")),
        "{first}"
    );
    let second = run(Command::new("pdftotext")
        .args(["-layout", "-f", "2", "-l", "2"])
        .arg(&report)
        .arg("-"));
    assert_eq!(
        second.lines().find(|l| !l.trim().is_empty()).map(str::trim),
        Some("2"),
        "{second}"
    );
    assert!(
        !first.lines().take(3).any(|l| l.trim() == "1"),
        "a page number on page 1"
    );
    let all = run(Command::new("pdftotext").arg(&report).arg("-"));
    for expected in ["Nơi nhận:", "Nguyễn Văn Minh", "Hội Luật gia tỉnh Lai Châu"] {
        assert!(all.contains(expected), "the PDF lacks {expected:?}");
    }

    let scoring = pdfs.join("bang-diem-2013.pdf");
    let info = run(Command::new("pdfinfo").arg(&scoring));
    assert!(
        info.contains("841.89 x 595.") && info.contains("(A4)"),
        "not A4 landscape: {info}"
    );
    let text = run(Command::new("pdftotext")
        .args(["-layout", "-f", "1", "-l", "1"])
        .arg(&scoring)
        .arg("-"));
    for expected in ["BẢNG TỔNG HỢP", "Hội Luật gia tỉnh", "95,75"] {
        assert!(
            text.contains(expected),
            "scoring page 1 lacks {expected:?}:\n{text}"
        );
    }
}

#[test]
fn an_english_site_gets_english_spreadsheet_headers_but_a_vietnamese_document() {
    let (dir, site) = example(|c| c.replace("language: vi", "language: en"));
    let out = dir.path().join("out");
    build(&site, &out, "en");
    let text = words(&part(&out.join(REPORT), "word/document.xml"));
    // The decree's document is Vietnamese, numbers included, whatever the site's language.
    for expected in ["BÁO CÁO", "hơn 40 triệu", "116,7%", "Nơi nhận:"] {
        assert!(text.contains(expected), "the report lacks {expected:?}");
    }
    assert!(!text.contains("40,000,000"));
    let strings = part(&out.join(REPORT_XLSX), "xl/sharedStrings.xml");
    assert!(strings.contains("Metric") && strings.contains("Value"));
}
