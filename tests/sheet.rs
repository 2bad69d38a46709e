//! `blocpress sheet export` / `import`: forms out, returns in. The tests that fill forms the way
//! a person does (openpyxl typing into cells, LibreOffice Calc opening and saving) need Python's
//! openpyxl and LibreOffice, which `.ci/run` installs; they are `#[ignore = "needs …"]` and run
//! with `cargo test --test sheet -- --include-ignored`.
//!
//! The form of `hoi-a` for 2023-h2 in the `bloc` fixture: headings on row 6; the bloc's figures
//! first (new_members row 7, money row 8), then the member's own (models row 9); columns G
//! result, H approximate word, I next period's target, J note; the summary on row 12, ten
//! highlight rows from row 15, ten plan rows from row 27.

mod sheet_forms;
mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sheet_forms::{Book, RawPart, with_part, with_raw_part};
use support::{Site, first_text, select, snapshot, stderr, text};

fn content(site: &Site) -> BTreeMap<String, Vec<u8>> {
    snapshot(&site.root().join("content"))
}

fn ok(output: &Output) {
    support::assert_no_panic(output);
    assert!(
        output.status.success(),
        "failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn refused(output: &Output) -> String {
    support::assert_no_panic(output);
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "expected a refusal:\n{err}");
    err
}

fn export(site: &Site, args: &[&str]) -> PathBuf {
    let mut all = vec!["sheet", "export"];
    all.extend_from_slice(args);
    ok(&site.run(&all));
    site.root().join("sheets")
}

fn import(site: &Site, files: &[&Path], extra: &[&str]) -> Output {
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut all = vec!["sheet", "import"];
    all.extend(names.iter().map(String::as_str));
    all.extend_from_slice(extra);
    let output = site.run(&all);
    support::assert_no_panic(&output);
    output
}

/// `sheet import` with at most `megabytes` of address space (`ulimit -v`), so a file that
/// makes blocpress allocate gigabytes fails this test instead of exhausting the machine.
fn import_limited(site: &Site, file: &Path, megabytes: u64) -> Output {
    let script = format!(
        "ulimit -v {}; exec \"$0\" sheet import \"$1\" --dry-run --root \"$2\"",
        megabytes * 1024
    );
    let output = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_blocpress"))
        .arg(file)
        .arg(site.root())
        .env("BLOCPRESS_LANG", "en")
        .output()
        .expect("sh");
    support::assert_no_panic(&output);
    output
}

/// The address space every bounded import must fit in; a normal import needs 45 MB resident.
/// It is address space, not memory: thread stacks and allocator reservations count, and they
/// grew when the build's watchdog and template budget came in (400 MB was enough before; the
/// bombs' 50 MB parts then failed to allocate). A part inflated without the 50 MB cap asks for
/// 1.5 GB, far over it.
const MEMORY_MB: u64 = 600;

/// The form speaks the site's language (vi for the fixture), whatever the messages' language.
const FIGURES: &str = "Số liệu";
const SCORING: &str = "Chấm điểm";
const META: &str = "blocpress";

const HOI_A: &str = "content/associations/hoi-a/2023-h2.yaml";

fn hoi_a_form(site: &Site) -> PathBuf {
    export(site, &["2023-h2"]).join("2023-h2/hoi-a-2023-h2.xlsx")
}

/// `form` as a member returns it after `edit`, saved as `name` in the site folder.
fn returned(site: &Site, form: &Path, name: &str, edit: impl FnOnce(&mut Book)) -> PathBuf {
    let mut book = Book::open(form);
    edit(&mut book);
    let path = site.root().join(name);
    book.save(&path);
    path
}

fn yaml(site: &Site, rel: &str) -> serde_yaml::Value {
    serde_yaml::from_str(&support::read(site.root(), rel)).unwrap()
}

// -- Forms out carry the whole truth ------------------------------------------------------------

#[test]
fn a_form_carries_everything_the_site_holds() {
    let site = Site::new("bloc");
    site.write(
        HOI_A,
        "summary: Hội A vượt chỉ tiêu kết nạp hội viên.\n\
         metrics:\n  new_members: 10202\n  money: { value: 40000000, qualifier: over }\n  models: 5\n\
         highlights:\n  - Kết nạp **10.202** hội viên mới.\n  - Ra mắt mô hình điểm.\n\
         plans:\n  - Duy trì mô hình điểm.\n\
         targets:\n  new_members: 12000\n  money: 50000000\n\
         notes:\n  new_members: Tính đến ngày 15/12\n",
    );
    let form = hoi_a_form(&site);
    let book = Book::open(&form);
    let sheet = book.get(FIGURES);
    let n = |cell: &str| match sheet.get(cell) {
        Some(sheet_forms::Cell::Number(n)) => Some(*n),
        other => panic!("{cell}: not a number: {other:?}"),
    };
    // Headings, then the bloc's figures before the member's own.
    assert_eq!(sheet.text("G6"), "Kết quả kỳ này");
    assert!(sheet.text("H6").contains("hơn"), "{}", sheet.text("H6"));
    assert_eq!(sheet.text("I6"), "Kế hoạch kỳ sau");
    assert_eq!(sheet.text("J6"), "Ghi chú");
    assert_eq!(sheet.row_of("Hội viên mới kết nạp"), 7);
    assert_eq!(sheet.row_of("Số tiền vận động"), 8);
    assert_eq!(sheet.row_of("Mô hình điểm"), 9);
    // Results, the approximate word, targets, notes, the preceding period.
    assert_eq!(n("G7"), Some(10202.0));
    assert_eq!(n("G8"), Some(40_000_000.0));
    assert_eq!(sheet.text("H8"), "hơn");
    assert_eq!(sheet.text("H7"), "");
    assert_eq!(n("G9"), Some(5.0));
    assert_eq!(n("I7"), Some(12000.0));
    assert_eq!(n("I8"), Some(50_000_000.0));
    assert_eq!(sheet.text("J7"), "Tính đến ngày 15/12");
    assert_eq!(n("D7"), Some(10000.0), "2023-h1's figure");
    assert_eq!(n("E7"), Some(11000.0), "2023-h1's target for this period");
    // The texts.
    assert_eq!(sheet.text("B12"), "Hội A vượt chỉ tiêu kết nạp hội viên.");
    assert!(
        sheet.text("A14").starts_with("II."),
        "{}",
        sheet.text("A14")
    );
    assert_eq!(sheet.text("B15"), "Kết nạp **10.202** hội viên mới.");
    assert_eq!(sheet.text("B16"), "Ra mắt mô hình điểm.");
    assert!(
        sheet.text("A26").starts_with("III."),
        "{}",
        sheet.text("A26")
    );
    assert_eq!(sheet.text("B27"), "Duy trì mô hình điểm.");
    // Room for ten items in each list.
    assert_eq!(sheet.text("A24"), "10");
    assert_eq!(sheet.text("A36"), "10");

    // Sent back as it came, nothing changes: the approximate value keeps its word.
    let before = content(&site);
    let output = import(&site, &[&form], &[]);
    ok(&output);
    assert!(
        stderr(&output).contains("nothing changes"),
        "{}",
        stderr(&output)
    );
    assert_eq!(before, content(&site));
}

#[test]
fn lists_grow_with_what_the_member_wrote() {
    let site = Site::new("bloc");
    let items: Vec<String> = (1..=12).map(|i| format!("  - Việc {i}\n")).collect();
    site.write(
        HOI_A,
        &format!(
            "metrics:\n  new_members: 1\nhighlights:\n{}",
            items.concat()
        ),
    );
    let form = hoi_a_form(&site);
    let book = Book::open(&form);
    let sheet = book.get(FIGURES);
    let first = sheet.row_starting("II.") + 1;
    assert_eq!(sheet.text(&format!("B{}", first + 11)), "Việc 12");
    // Twelve written and five empty rows.
    assert_eq!(sheet.text(&format!("A{}", first + 16)), "17");
    assert!(sheet.text(&format!("A{}", first + 18)).starts_with("III."));

    // The seventeenth row is read: a member with many items has somewhere to write them.
    let back = returned(&site, &form, "back.xlsx", |b| {
        b.sheet(FIGURES).set(&format!("B{}", first + 16), "Việc 17");
    });
    ok(&import(&site, &[&back], &[]));
    let highlights = yaml(&site, HOI_A)["highlights"].clone();
    assert_eq!(highlights.as_sequence().unwrap().len(), 13);
    assert_eq!(highlights[12].as_str(), Some("Việc 17"));
}

// -- Forms in: empty keeps, `-` removes, nothing changed writes nothing ---------------------------

#[test]
fn an_unfilled_form_returned_later_keeps_every_value_and_writes_nothing() {
    // Forms exported before the figures were written (they sit in sheets/ inside the site),
    // imported after: every cell is empty, every value stays.
    let site = Site::new("bloc");
    let full = support::read(site.root(), HOI_A);
    std::fs::remove_file(site.root().join(HOI_A)).unwrap();
    let form = hoi_a_form(&site);
    site.write(HOI_A, &full);
    let before = content(&site);
    let output = import(&site, &[&form], &[]);
    ok(&output);
    let err = stderr(&output);
    assert!(err.contains("nothing changes"), "{err}");
    assert!(err.contains("Nothing to write"), "{err}");
    assert_eq!(before, content(&site), "an unfilled form changed files");
}

#[test]
fn one_typed_figure_keeps_the_others_and_says_which_cells_were_left_empty() {
    let site = Site::new("bloc");
    let form = hoi_a_form(&site);
    let back = returned(&site, &form, "back.xlsx", |book| {
        let sheet = book.sheet(FIGURES);
        // The member clears everything and types one figure.
        for cell in ["G7", "G8", "G9", "I7", "B12", "B15", "B27"] {
            sheet.clear(cell);
        }
        sheet.set("G7", 10350);
    });
    let output = import(&site, &[&back], &["--lang", "vi"]);
    ok(&output);
    let after = yaml(&site, HOI_A);
    assert_eq!(after["metrics"]["new_members"].as_i64(), Some(10350));
    assert_eq!(after["metrics"]["money"].as_i64(), Some(40_000_000));
    assert_eq!(after["metrics"]["models"].as_i64(), Some(5));
    assert_eq!(after["targets"]["new_members"].as_i64(), Some(12000));
    assert_eq!(
        after["summary"].as_str(),
        Some("Hội A vượt chỉ tiêu kết nạp hội viên.")
    );
    assert_eq!(
        after["highlights"][0].as_str(),
        Some("Kết nạp **10.202** hội viên mới.")
    );
    assert_eq!(after["plans"][0].as_str(), Some("Duy trì mô hình điểm."));
    let err = stderr(&output);
    assert!(
        err.contains("Hội viên mới kết nạp: 10.202 → 10.350"),
        "{err}"
    );
    // The cells left empty, in the office's words, in sheet order.
    let kept = err
        .lines()
        .find(|l| l.contains("để trống"))
        .unwrap_or_else(|| panic!("no line on the empty cells:\n{err}"));
    for part in [
        "Số tiền vận động (G8)",
        "Mô hình điểm (G9)",
        "B12",
        "B15",
        "B27",
    ] {
        assert!(kept.contains(part), "{part} missing from: {kept}");
    }
    assert!(kept.find("G8") < kept.find("B12"), "{kept}");
}

#[test]
fn a_dash_removes_a_value_a_target_a_note_an_item_and_the_summary() {
    let site = Site::new("bloc");
    site.edit(HOI_A, "targets:", "notes:\n  money: Ước tính\ntargets:");
    let form = hoi_a_form(&site);
    let back = returned(&site, &form, "back.xlsx", |book| {
        let sheet = book.sheet(FIGURES);
        sheet.set("G8", "-");
        sheet.set("I7", " - ");
        sheet.set("J8", "-");
        sheet.set("B12", "–");
        sheet.set("B27", "-");
    });
    let dry = import(&site, &[&back], &["--dry-run", "--lang", "vi"]);
    ok(&dry);
    let err = stderr(&dry);
    assert!(err.contains("Số tiền vận động: xoá 40.000.000"), "{err}");
    ok(&import(&site, &[&back], &[]));
    let after = yaml(&site, HOI_A);
    let metrics = after["metrics"].as_mapping().unwrap();
    assert!(
        metrics.get("money").is_none_or(serde_yaml::Value::is_null),
        "{metrics:?}"
    );
    assert_eq!(after["metrics"]["new_members"].as_i64(), Some(10202));
    assert!(
        after["targets"]["new_members"].is_null(),
        "{:?}",
        after["targets"]
    );
    assert!(after["notes"]["money"].is_null(), "{:?}", after["notes"]);
    assert!(after["summary"].is_null());
    assert!(after["plans"].as_sequence().is_none_or(Vec::is_empty));
    assert_eq!(
        after["highlights"][0].as_str(),
        Some("Kết nạp **10.202** hội viên mới.")
    );
    ok(&site.run(&["check"]));
}

#[test]
fn an_approximate_value_typed_in_the_form_is_kept_as_approximate() {
    let site = Site::new("bloc");
    let form = hoi_a_form(&site);
    let back = returned(&site, &form, "back.xlsx", |book| {
        let sheet = book.sheet(FIGURES);
        sheet.set("G8", 45_000_000);
        sheet.set("H8", "Khoảng");
    });
    ok(&import(&site, &[&back], &[]));
    let after = yaml(&site, HOI_A);
    assert_eq!(
        after["metrics"]["money"]["value"].as_i64(),
        Some(45_000_000)
    );
    assert_eq!(
        after["metrics"]["money"]["qualifier"].as_str(),
        Some("about")
    );
    ok(&site.run(&["check"]));

    // A word that is not one of the four is refused at its cell.
    let bad = returned(&site, &form, "bad.xlsx", |book| {
        book.sheet(FIGURES).set("H8", "chừng");
    });
    let err = refused(&import(&site, &[&bad], &[]));
    assert!(
        err.contains("[E385]") && err.contains("bad.xlsx!Số liệu!H8"),
        "{err}"
    );
    assert!(err.contains("chừng") && err.contains("about"), "{err}");
}

#[test]
fn a_form_for_a_member_without_a_file_creates_it() {
    let site = Site::new("bloc");
    let rel = "content/associations/hoi-d/2023-h2.yaml";
    assert!(!site.root().join(rel).exists());
    let form = export(&site, &["2023-h2"]).join("2023-h2/hoi-d-2023-h2.xlsx");
    // Sent back empty: no file.
    ok(&import(&site, &[&form], &[]));
    assert!(!site.root().join(rel).exists());
    let back = returned(&site, &form, "back.xlsx", |book| {
        let sheet = book.sheet(FIGURES);
        sheet.set("G7", 12);
        sheet.set("H8", "gần");
        sheet.set("G8", 3_000_000);
        let summary = sheet.row_starting("I.") + 1;
        sheet.set(&format!("B{summary}"), "Hội D tổ chức 12 buổi sinh hoạt.");
    });
    let output = import(&site, &[&back], &[]);
    ok(&output);
    assert!(
        stderr(&output).contains("created from form"),
        "{}",
        stderr(&output)
    );
    let created = yaml(&site, rel);
    assert_eq!(created["metrics"]["new_members"].as_i64(), Some(12));
    assert_eq!(
        created["metrics"]["money"]["qualifier"].as_str(),
        Some("nearly")
    );
    assert_eq!(
        created["summary"].as_str(),
        Some("Hội D tổ chức 12 buổi sinh hoạt.")
    );
    ok(&site.run(&["check"]));
}

#[test]
fn the_dry_run_speaks_the_office_language() {
    let site = Site::new("bloc");
    let form = hoi_a_form(&site);
    let back = returned(&site, &form, "back.xlsx", |book| {
        let sheet = book.sheet(FIGURES);
        sheet.set("G7", 10350);
        sheet.set("G8", 1_250_000_000);
        sheet.set("J7", "Số liệu đến 15/12");
        sheet.set("B16", "Ra mắt mô hình “Chi hội kiểu mẫu”");
    });
    let before = content(&site);
    let output = import(&site, &[&back], &["--dry-run", "--lang", "vi"]);
    ok(&output);
    assert_eq!(before, content(&site), "--dry-run wrote");
    let err = stderr(&output);
    for expected in [
        "content/associations/hoi-a/2023-h2.yaml",
        "Hội viên mới kết nạp: 10.202 → 10.350 người",
        "Số tiền vận động: 40.000.000 → 1.250.000.000 đồng",
        "ghi chú của “Hội viên mới kết nạp”: “Số liệu đến 15/12”",
        "thêm ý 2",
        "Chạy thử",
    ] {
        assert!(err.contains(expected), "{expected:?} missing:\n{err}");
    }
    for key in ["new_members", "money:", "highlights"] {
        assert!(
            !err.contains(key),
            "a key instead of a label ({key}):\n{err}"
        );
    }
    // And in English.
    let en = stderr(&import(&site, &[&back], &["--dry-run"]));
    assert!(
        en.contains("Hội viên mới kết nạp: 10,202 → 10,350 người"),
        "{en}"
    );
}

#[test]
fn figures_written_since_the_export_come_back_from_the_form() {
    // The form carries what content/ held when it was exported: export a changed file, put the
    // old one back, and the import restores the change, with its note, through the whole site.
    let site = Site::new("bloc");
    let original = support::read(site.root(), HOI_A);
    site.write(
        HOI_A,
        &format!(
            "# Báo cáo của Hội A\n{}notes:\n  new_members: Tính đến ngày 15/12\n",
            original.replace("new_members: 10202", "new_members: 10350 # số chính thức")
        ),
    );
    let expected = support::read(site.root(), HOI_A);
    let sheets = export(&site, &["2023-h2"]);
    site.write(HOI_A, &original);
    // Renamed and moved, as forms come back over Zalo.
    let returned = site.root().join("bao cao hoi A (1).xlsx");
    std::fs::rename(sheets.join("2023-h2/hoi-a-2023-h2.xlsx"), &returned).unwrap();

    let before = content(&site);
    let dry = import(&site, &[&returned], &["--dry-run"]);
    ok(&dry);
    assert!(
        stderr(&dry).contains("Hội viên mới kết nạp: 10,202 → 10,350"),
        "{}",
        stderr(&dry)
    );
    assert_eq!(before, content(&site), "--dry-run wrote");

    ok(&import(&site, &[&returned], &[]));
    let now = support::read(site.root(), HOI_A);
    assert!(now.contains("new_members: 10350"), "{now}");
    assert!(now.contains("new_members: Tính đến ngày 15/12"), "{now}");
    assert!(
        !now.contains("# số chính thức"),
        "the comment was on the old text: {now}"
    );
    assert_eq!(
        serde_yaml::from_str::<serde_yaml::Value>(&now).unwrap()["metrics"],
        serde_yaml::from_str::<serde_yaml::Value>(&expected).unwrap()["metrics"]
    );
    ok(&site.run(&["check"]));
    site.build_ok(&[]);
    let html = site.html("reports/2023-h2/index.html");
    let notes = select(&html, "#m-hoi-a ~ .figure-notes li, .figure-notes li");
    assert!(
        notes
            .iter()
            .any(|n| text(n).contains("Tính đến ngày 15/12")),
        "no footnote on the review"
    );
    assert!(first_text(&html, ".figures").contains("10.350"));
}

#[test]
fn exported_forms_imported_unchanged_change_nothing() {
    let site = Site::new("bloc");
    let sheets = export(&site, &["2023-h2"]);
    export(&site, &["--scoring", "2023"]);
    let before = content(&site);
    let a = sheets.join("2023-h2/hoi-a-2023-h2.xlsx");
    let c = sheets.join("2023-h2/hoi-c-2023-h2.xlsx");
    let grid = sheets.join("2023/cham-diem-2023.xlsx");
    for file in [&a, &c, &grid] {
        assert!(file.is_file(), "{}", file.display());
    }
    let output = import(&site, &[&a, &c, &grid], &[]);
    ok(&output);
    assert!(
        stderr(&output).contains("nothing changes"),
        "{}",
        stderr(&output)
    );
    assert_eq!(before, content(&site));
}

// -- Checking writes nothing: photos are encoded by build only ---------------------------------

/// Every file under the site's image cache, with its bytes (absent: empty).
fn image_cache(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let dir = site.root().join(".blocpress-cache");
    if dir.exists() {
        snapshot(&dir)
    } else {
        BTreeMap::new()
    }
}

#[test]
fn check_export_and_import_never_write_the_image_cache() {
    // `check` is documented as writing nothing, and `sheet import` checks a scratch copy of the
    // site: neither may encode photos into `.blocpress-cache/` (they did, every photo, every
    // time: the scratch copy's cache was empty).
    let site = Site::new("bloc");
    let photo = support::png(640, 480, [200, 30, 30]);
    std::fs::create_dir_all(site.root().join("static/images")).unwrap();
    std::fs::write(site.root().join("static/images/hoi-nghi.png"), &photo).unwrap();
    ok(&site.run(&["check"]));
    assert!(image_cache(&site).is_empty(), "check wrote the image cache");
    let form = hoi_a_form(&site);
    let back = returned(&site, &form, "back.xlsx", |book| {
        book.sheet(FIGURES).set("G7", 10350);
    });
    ok(&import(&site, &[&back], &[]));
    assert_eq!(
        yaml(&site, HOI_A)["metrics"]["new_members"].as_i64(),
        Some(10350)
    );
    assert!(
        image_cache(&site).is_empty(),
        "export or import wrote the image cache"
    );

    // After a build the cache is the build's: checking and importing leave it as it is.
    site.build_ok(&[]);
    let built = image_cache(&site);
    assert!(!built.is_empty());
    ok(&site.run(&["check"]));
    let back = returned(&site, &form, "back2.xlsx", |book| {
        book.sheet(FIGURES).set("G7", 10400);
    });
    ok(&import(&site, &[&back], &[]));
    assert_eq!(
        yaml(&site, HOI_A)["metrics"]["new_members"].as_i64(),
        Some(10400)
    );
    assert_eq!(
        built,
        image_cache(&site),
        "check or import changed the cache"
    );
}

// -- Issued forms: forms.yaml ----------------------------------------------------------------

#[derive(Debug, serde::Deserialize)]
struct Issued {
    id: String,
    kind: String,
    member: Option<String>,
    period: String,
    date: String,
    file: String,
}

fn issued(site: &Site) -> Vec<Issued> {
    #[derive(serde::Deserialize)]
    struct Registry {
        forms: Vec<Issued>,
    }
    let text = support::read(site.root(), "forms.yaml");
    serde_yaml::from_str::<Registry>(&text)
        .unwrap_or_else(|e| panic!("{e}:\n{text}"))
        .forms
}

#[test]
fn export_records_every_issued_form_in_forms_yaml_which_is_never_published() {
    let site = Site::new("bloc");
    let sheets = export(&site, &["2023-h2"]);
    export(&site, &["--scoring", "2023"]);
    let forms = issued(&site);
    assert_eq!(forms.len(), 5, "four members and the grid: {forms:?}");
    let a = forms
        .iter()
        .find(|f| f.member.as_deref() == Some("hoi-a"))
        .expect("hoi-a's form");
    assert_eq!(
        (a.kind.as_str(), a.period.as_str()),
        ("achievement", "2023-h2")
    );
    assert_eq!(a.file, "hoi-a-2023-h2.xlsx");
    assert!(a.date.len() == 10 && a.date.starts_with("20"), "{}", a.date);
    assert!(a.id.len() >= 16, "an id nobody guesses: {}", a.id);
    let grid = forms
        .iter()
        .find(|f| f.kind == "scoring")
        .expect("the grid");
    assert_eq!(
        (grid.period.as_str(), grid.member.as_deref()),
        ("2023", None)
    );
    // The id is the one inside the form.
    let book = Book::open(&sheets.join("2023-h2/hoi-a-2023-h2.xlsx"));
    assert_eq!(book.get(META).meta("form_id").1, a.id);
    // Every id differs.
    let mut ids: Vec<&str> = forms.iter().map(|f| f.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 5);

    // Exported again with --force: the new forms are added, the old ones stay valid.
    ok(&site.run(&["sheet", "export", "2023-h2", "--force"]));
    assert_eq!(issued(&site).len(), 9);

    // `check` says nothing about it; `build` does not publish it.
    let check = site.run(&["check"]);
    ok(&check);
    assert!(!stderr(&check).contains("forms.yaml"), "{}", stderr(&check));
    site.build_ok(&[]);
    assert!(!site.out().join("forms.yaml").exists());
    let published: Vec<_> = walkdir::WalkDir::new(site.out())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "forms.yaml" || e.file_name() == "sheets")
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(published.is_empty(), "{published:?}");
}

#[test]
fn a_form_that_was_not_issued_is_refused() {
    let site = Site::new("bloc");
    let form = hoi_a_form(&site);
    let back = returned(&site, &form, "back.xlsx", |book| {
        book.sheet(FIGURES).set("G7", 10350);
    });
    // The record is gone (forms.yaml lost, or a form from another copy of the site).
    let registry = support::read(site.root(), "forms.yaml");
    let id = issued(&site)[0].id.clone();
    site.write(
        "forms.yaml",
        &registry
            .lines()
            .filter(|l| !l.contains(&id))
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
    );
    let before = content(&site);
    let err = refused(&import(&site, &[&back], &[]));
    assert!(
        err.contains("[E374]") && err.contains("back.xlsx!blocpress!"),
        "{err}"
    );
    assert_eq!(before, content(&site));
    let vi = stderr(&import(&site, &[&back], &["--lang", "vi"]));
    assert!(
        vi.contains("lỗi[E374]") && vi.contains("forms.yaml"),
        "{vi}"
    );

    // No forms.yaml at all.
    std::fs::remove_file(site.root().join("forms.yaml")).unwrap();
    let err = refused(&import(&site, &[&back], &[]));
    assert!(err.contains("[E374]"), "{err}");
    assert_eq!(before, content(&site));

    // forms.yaml that cannot be read, or cannot be understood: nothing is accepted.
    std::fs::create_dir(site.root().join("forms.yaml")).unwrap();
    let err = refused(&import(&site, &[&back], &[]));
    assert!(
        err.contains("[E378]") && err.contains("forms.yaml"),
        "{err}"
    );
    std::fs::remove_dir(site.root().join("forms.yaml")).unwrap();
    site.write(
        "forms.yaml",
        &registry.replace("kind: achievement", "kind: hoc-bong"),
    );
    let err = refused(&import(&site, &[&back], &[]));
    assert!(err.contains("forms.yaml:5:"), "{err}");
    assert_eq!(before, content(&site));
}

#[test]
fn a_form_of_the_first_layout_is_refused_with_what_to_do() {
    let site = Site::new("bloc");
    let form = hoi_a_form(&site);
    let old = returned(&site, &form, "cu.xlsx", |book| {
        book.set_meta("version", "1")
    });
    for lang in ["vi", "en"] {
        let err = refused(&import(&site, &[&old], &["--lang", lang]));
        assert!(
            err.contains("[E373]") && err.contains("sheet export"),
            "{err}"
        );
    }
}

#[test]
fn a_member_cannot_change_a_rivals_figures() {
    // hoi-a edits the hidden sheet of its own form to name hoi-b.
    let site = Site::new("bloc");
    let sheets = export(&site, &["2023-h2"]);
    let form = sheets.join("2023-h2/hoi-a-2023-h2.xlsx");
    let before = content(&site);
    let forged = returned(&site, &form, "forged.xlsx", |book| {
        book.set_meta("member", "hoi-b");
        book.sheet(FIGURES).set("G7", 1);
    });
    let err = refused(&import(&site, &[&forged], &[]));
    assert!(
        err.contains("[E375]") && err.contains("forged.xlsx!blocpress!"),
        "{err}"
    );
    assert!(err.contains("hoi-a") && err.contains("hoi-b"), "{err}");
    assert_eq!(before, content(&site), "hoi-b's file was written");

    // With hoi-b's form id too (say both forms went through one office): the visible heading
    // still names the sender.
    let b_id = Book::open(&sheets.join("2023-h2/hoi-b-2023-h2.xlsx"))
        .get(META)
        .meta("form_id")
        .1;
    let forged = returned(&site, &form, "forged2.xlsx", |book| {
        book.set_meta("member", "hoi-b");
        book.set_meta("form_id", &b_id);
        book.sheet(FIGURES).set("G7", 1);
    });
    let err = refused(&import(&site, &[&forged], &[]));
    assert!(
        err.contains("[E376]") && err.contains("forged2.xlsx!Số liệu!A3"),
        "{err}"
    );
    assert!(
        err.contains("Hội A tỉnh Thử") && err.contains("Hội B tỉnh Thử"),
        "{err}"
    );
    assert_eq!(before, content(&site), "hoi-b's file was written");
}

#[test]
fn a_scoring_grid_is_tied_to_its_record_and_its_columns() {
    let site = Site::new("bloc");
    let grid = export(&site, &["--scoring", "2023"]).join("2023/cham-diem-2023.xlsx");
    let before = content(&site);
    // The hidden column of hoi-a's agreed scores says hoi-b: its visible heading says Hội A.
    let forged = returned(&site, &grid, "grid.xlsx", |book| {
        let meta = book.sheet(META);
        let row = meta
            .cells
            .iter()
            .find(|((_, c), v)| *c == 2 && v.text() == "hoi-a")
            .map(|((r, _), _)| *r)
            .expect("hoi-a's column");
        let b_col = meta
            .cells
            .iter()
            .find(|((_, c), v)| *c == 2 && v.text() == "hoi-b")
            .map(|((r, _), _)| *r)
            .unwrap();
        // Swap the slugs of the two members' first columns.
        meta.set(&format!("C{}", row + 1), "hoi-b");
        meta.set(&format!("C{}", b_col + 1), "hoi-a");
    });
    let err = refused(&import(&site, &[&forged], &[]));
    assert!(
        err.contains("[E377]") && err.contains("grid.xlsx!Chấm điểm!D5"),
        "{err}"
    );
    assert_eq!(before, content(&site));

    // A grid from another period's record.
    let other = returned(&site, &grid, "other.xlsx", |book| {
        book.set_meta("period", "2022");
    });
    let err = refused(&import(&site, &[&other], &[]));
    assert!(err.contains("[E375]"), "{err}");
}

#[test]
fn a_scoring_grid_filled_in_comes_back_and_a_column_of_dashes_removes_scores() {
    let site = Site::new("bloc");
    let grid = export(&site, &["--scoring", "2023"]).join("2023/cham-diem-2023.xlsx");
    let fill = |name: &str, value: &dyn Fn(f64) -> sheet_forms::Cell, dashed: &str| {
        returned(&site, &grid, name, |book| {
            let sheet = book.sheet(SCORING);
            let c = sheet.column_of(5, "Hội C tỉnh Thử");
            let d = sheet.column_of(5, dashed);
            for (id, own, agreed) in [("1.1", 10.0, 9.5), ("1.2", 10.0, 10.0), ("2.1", 5.0, 4.75)] {
                let row = sheet.row_with(id) - 1;
                sheet.set(&sheet_forms::cell_name(row, c), value(own));
                sheet.set(&sheet_forms::cell_name(row, c + 1), agreed);
                sheet.set(&sheet_forms::cell_name(row, d + 1), "-");
            }
        })
    };
    // hoi-c's self-assessment and agreed scores; hoi-d's agreed scores removed: `check` then
    // finds a member without scores, so nothing is written.
    let back = fill("bang diem.xlsx", &|v| v.into(), "Hội D");
    let output = import(&site, &[&back], &["--lang", "vi"]);
    let err = refused(&output);
    assert!(err.contains("điểm tự chấm: Hội C tỉnh Thử"), "{err}");
    assert!(err.contains("điểm Khối chấm: Hội C tỉnh Thử"), "{err}");
    assert!(err.contains("điểm Khối chấm: xoá điểm của Hội D"), "{err}");
    assert!(err.contains("[E230]"), "{err}");
    // Without the dashes for hoi-d it goes in.
    let back = returned(&site, &back, "bang diem 2.xlsx", |book| {
        let sheet = book.sheet(SCORING);
        let d = sheet.column_of(5, "Hội D");
        for (row, col) in sheet.cells.keys().copied().collect::<Vec<_>>() {
            if col == d + 1 && sheet.cells[&(row, col)].text() == "-" {
                sheet.cells.remove(&(row, col));
            }
        }
    });
    ok(&import(&site, &[&back], &[]));
    let yaml = support::read(site.root(), "content/scoring/2023.yaml");
    assert!(
        yaml.contains("hoi-c: { \"1.1\": 9.5, \"1.2\": 10, \"2.1\": 4.75 }"),
        "{yaml}"
    );
    assert!(yaml.contains("self_scores:\n  hoi-c: {"), "{yaml}");
    assert!(yaml.contains("hoi-a: { \"1.1\": 9.5"), "{yaml}");
    // A column of dashes removes hoi-c's self-assessment (in the grid as it was sent back).
    let dashes = returned(&site, &back, "tu cham.xlsx", |book| {
        let sheet = book.sheet(SCORING);
        let c = sheet.column_of(5, "Hội C tỉnh Thử");
        for id in ["1.1", "1.2", "2.1"] {
            let row = sheet.row_with(id) - 1;
            sheet.set(&sheet_forms::cell_name(row, c), "-");
        }
    });
    ok(&import(&site, &[&dashes], &[]));
    let yaml = support::read(site.root(), "content/scoring/2023.yaml");
    assert!(!yaml.contains("self_scores"), "{yaml}");
    assert!(yaml.contains("hoi-c: { \"1.1\": 9.5"), "{yaml}");

    // Half a column of dashes: the empty cells are named.
    let half = returned(&site, &grid, "half.xlsx", |book| {
        let sheet = book.sheet(SCORING);
        let a = sheet.column_of(5, "Hội A");
        let row = sheet.row_with("1.1") - 1;
        sheet.set(&sheet_forms::cell_name(row, a + 1), "-");
        for id in ["1.2", "2.1"] {
            let row = sheet.row_with(id) - 1;
            sheet.clear(&sheet_forms::cell_name(row, a + 1));
        }
    });
    let err = refused(&import(&site, &[&half], &[]));
    assert!(
        err.contains("[E365]") && err.contains("half.xlsx!Chấm điểm!E"),
        "{err}"
    );
}

// -- Arguments: folders and patterns ----------------------------------------------------------

#[test]
fn import_takes_a_folder_and_a_quoted_pattern() {
    let site = Site::new("bloc");
    let sheets = export(&site, &["2023-h2"]);
    let inbox = site.root().join("nhan-ve");
    std::fs::create_dir_all(&inbox).unwrap();
    for (member, value) in [("hoi-a", 10350), ("hoi-c", 460)] {
        let form = sheets.join(format!("2023-h2/{member}-2023-h2.xlsx"));
        returned(
            &site,
            &form,
            &format!("nhan-ve/{member} gửi lại.xlsx"),
            |book| {
                book.sheet(FIGURES).set("G7", value);
            },
        );
    }
    // What else lies in such a folder: Excel's lock file, a note.
    std::fs::write(inbox.join("~$hoi-a gửi lại.xlsx"), "lock").unwrap();
    std::fs::write(inbox.join("ghi chú.txt"), "xem lại").unwrap();

    for argument in ["nhan-ve", "nhan-ve/*.xlsx"] {
        // Run from the site folder with the argument as a Windows shell passes it (unexpanded).
        let output = Command::new(env!("CARGO_BIN_EXE_blocpress"))
            .args(["sheet", "import", argument, "--dry-run"])
            .current_dir(site.root())
            .env("BLOCPRESS_LANG", "en")
            .output()
            .unwrap();
        ok(&output);
        let err = stderr(&output);
        assert!(
            err.contains("hoi-a/2023-h2.yaml") && err.contains("hoi-c/2023-h2.yaml"),
            "{argument}: {err}"
        );
        assert!(
            err.contains("2 files would be written"),
            "{argument}: {err}"
        );
    }
    // A pattern that matches nothing, a folder with no form.
    for argument in ["nhan-ve/*.xls", "content"] {
        let output = site.run(&["sheet", "import", argument]);
        let err = refused(&output);
        assert!(err.contains("[E386]") && err.contains(argument), "{err}");
    }
}

// -- Refusals: what the secretary reads -------------------------------------------------------

/// The bloc fixture with nine more figures, so the form has metric rows 7 to 20.
fn site_with_many_figures() -> Site {
    let site = Site::new("bloc");
    let more: String = (1..=9)
        .map(|i| format!("  extra_{i}: {{ label: Chỉ tiêu thêm {i}, unit: việc }}\n"))
        .collect();
    site.edit(
        "site.yaml",
        "  money: { label: Số tiền vận động, unit: đồng, kind: amount }\n",
        &format!(
            "  money: {{ label: Số tiền vận động, unit: đồng, kind: amount }}\n  rate: {{ label: Tỷ lệ chi hội đăng ký, unit: \"%\" }}\n{more}"
        ),
    );
    site
}

#[test]
fn number_refusals_name_the_figure_the_cell_the_value_and_the_fix() {
    let site = site_with_many_figures();
    let form = hoi_a_form(&site);
    let rate = |book: &Book| book.get(FIGURES).row_of("Tỷ lệ chi hội đăng ký");
    let extra9 = Book::open(&form).get(FIGURES).row_of("Chỉ tiêu thêm 9");
    assert!(extra9 >= 10, "the form must reach two-digit rows");
    let back = returned(&site, &form, "back.xlsx", |book| {
        let r = rate(book);
        let sheet = book.sheet(FIGURES);
        sheet.set(&format!("G{extra9}"), "nhiều");
        sheet.set("G7", "1.080");
        sheet.set(&format!("G{r}"), "95,5");
        sheet.set("G8", 2_500_000.5);
        sheet.set(&format!("I{extra9}"), 12.5);
    });
    let r = rate(&Book::open(&form));
    let cases = [
        (
            "E360",
            "G7".to_string(),
            "Hội viên mới kết nạp",
            "1.080",
            "1080",
        ),
        (
            "E384",
            "G8".to_string(),
            "Số tiền vận động",
            "2.500.000,5",
            "2500000",
        ),
        (
            "E361",
            format!("G{r}"),
            "Tỷ lệ chi hội đăng ký",
            "95,5",
            "95.5",
        ),
        ("E359", format!("G{extra9}"), "Chỉ tiêu thêm 9", "nhiều", ""),
        ("E362", format!("I{extra9}"), "Chỉ tiêu thêm 9", "12,5", ""),
    ];
    let before = content(&site);
    for lang in ["vi", "en"] {
        let err = refused(&import(&site, &[&back], &["--lang", lang]));
        assert_eq!(before, content(&site));
        let lines: Vec<&str> = err.lines().collect();
        let mut last = 0;
        for (code, cell, label, value, fix) in &cases {
            let at = format!("back.xlsx!{FIGURES}!{cell}:");
            let (index, line) = lines
                .iter()
                .enumerate()
                .find(|(_, l)| l.contains(&format!("[{code}]")) && l.contains(&at))
                .unwrap_or_else(|| panic!("{lang}: no {code} at {cell}:\n{err}"));
            assert!(
                line.contains(label),
                "{lang} {code}: no figure named: {line}"
            );
            let shown = if lang == "en" {
                value
                    .replace('.', "\u{1}")
                    .replace(',', ".")
                    .replace('\u{1}', ",")
            } else {
                value.to_string()
            };
            assert!(
                line.contains(value) || line.contains(&shown),
                "{lang} {code}: no value: {line}"
            );
            assert!(line.contains(fix), "{lang} {code}: no fix {fix}: {line}");
            // Sheet order: G7 before G8 before G18 …
            assert!(index >= last, "{lang}: {cell} listed out of order:\n{err}");
            last = index;
        }
        let closing = lines.last().unwrap();
        if lang == "vi" {
            assert!(closing.contains("Sửa các ô"), "{closing}");
        }
    }
}

#[test]
fn two_forms_for_one_member_end_with_a_fitting_sentence() {
    let site = Site::new("bloc");
    let form = hoi_a_form(&site);
    let first = returned(&site, &form, "lan-1.xlsx", |b| {
        b.sheet(FIGURES).set("G7", 1)
    });
    let second = returned(&site, &form, "lan-2.xlsx", |b| {
        b.sheet(FIGURES).set("G7", 2)
    });
    for lang in ["vi", "en"] {
        let err = refused(&import(&site, &[&first, &second], &["--lang", lang]));
        assert!(
            err.contains("[E364]") && err.contains("lan-1.xlsx"),
            "{err}"
        );
        let closing = err.lines().last().unwrap();
        if lang == "vi" {
            assert!(!closing.contains("Sửa các ô"), "{closing}");
            assert!(closing.contains("một bản"), "{closing}");
        } else {
            assert!(!closing.contains("Fix the cells"), "{closing}");
            assert!(closing.contains("one form"), "{closing}");
        }
    }
}

#[test]
fn a_form_of_another_site_is_refused_and_nothing_changes() {
    let site = Site::new("bloc");
    let sheets = export(&site, &["2023-h2"]);
    site.edit(
        "site.yaml",
        "base_url: https://thidua.example.vn/",
        "base_url: https://khac.example.vn/",
    );
    let before = content(&site);
    let form = sheets.join("2023-h2/hoi-a-2023-h2.xlsx");
    let err = refused(&import(&site, &[&form], &[]));
    assert!(err.contains("[E352]"), "{err}");
    assert!(err.contains("hoi-a-2023-h2.xlsx!blocpress!B3"), "{err}");
    assert_eq!(before, content(&site));

    // Two sites with one title: the message says what differs, not “X, not X”.
    for lang in ["vi", "en"] {
        let err = stderr(&import(&site, &[&form], &["--lang", lang]));
        let line = err.lines().find(|l| l.contains("[E352]")).unwrap();
        assert!(
            line.contains("https://thidua.example.vn/")
                && line.contains("https://khac.example.vn/"),
            "{line}"
        );
        let title = "“Khối thi đua thử nghiệm”";
        assert!(line.matches(title).count() <= 1, "{line}");
    }
    let vi = stderr(&import(&site, &[&form], &["--lang", "vi"]));
    assert!(
        vi.contains("lỗi[E352]") && vi.contains("dùng biểu mẫu xuất từ chính trang này"),
        "{vi}"
    );
}

#[test]
fn export_does_not_overwrite_returned_forms() {
    let site = Site::new("bloc");
    export(&site, &["2023-h2"]);
    let again = site.run(&["sheet", "export", "2023-h2"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("[E368]"), "{}", stderr(&again));
    ok(&site.run(&["sheet", "export", "2023-h2", "--force"]));
    let bad = site.run(&["sheet", "export", "2023-h3"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_file_that_is_not_a_form_is_refused() {
    let site = Site::new("bloc");
    let file = site.root().join("notes.xlsx");
    std::fs::write(&file, "not a workbook").unwrap();
    let err = refused(&import(&site, &[&file], &[]));
    assert!(err.contains("[E350]"), "{err}");
    assert!(!err.contains("invalid Zip"), "a library's words: {err}");
    let missing = site.root().join("khong-co.xlsx");
    let err = refused(&import(&site, &[&missing], &[]));
    assert!(
        err.contains("[E386]") && err.contains("khong-co.xlsx"),
        "{err}"
    );
}

// -- Hostile files are bounded ----------------------------------------------------------------

/// `form` with `change` applied to the text of its data sheet's XML.
fn crafted(site: &Site, form: &Path, name: &str, change: impl FnOnce(String) -> String) -> PathBuf {
    let parts = sheet_forms::parts(form);
    let part = sheet_forms::sheet_part(&parts, FIGURES);
    let to = site.root().join(name);
    with_part(form, &to, &part, change);
    to
}

/// A row holding one number in `cell`, before the end of the sheet's data.
fn add_cell(xml: String, row: &str, cell: &str) -> String {
    xml.replace(
        "</sheetData>",
        &format!("<row r=\"{row}\"><c r=\"{cell}\"><v>1</v></c></row></sheetData>"),
    )
}

#[test]
fn a_value_far_outside_the_form_is_refused_at_once() {
    let site = Site::new("bloc");
    let form = hoi_a_form(&site);
    let file = crafted(&site, &form, "xfd.xlsx", |x| {
        add_cell(x, "1048576", "XFD1048576")
    });
    let output = import_limited(&site, &file, MEMORY_MB);
    let err = refused(&output);
    assert!(
        err.contains("[E381]") && err.contains("xfd.xlsx!Số liệu!XFD1048576"),
        "{err}"
    );
}

#[test]
fn a_row_zero_reference_is_refused() {
    let site = Site::new("bloc");
    let form = hoi_a_form(&site);
    let file = crafted(&site, &form, "zero.xlsx", |x| add_cell(x, "0", "A0"));
    let err = refused(&import_limited(&site, &file, MEMORY_MB));
    assert!(err.contains("[E382]") && err.contains("zero.xlsx"), "{err}");
    let file = crafted(&site, &form, "zero-row.xlsx", |x| {
        x.replace("</sheetData>", "<row r=\"0\"></row></sheetData>")
    });
    let err = refused(&import_limited(&site, &file, MEMORY_MB));
    assert!(err.contains("[E382]"), "{err}");
}

#[test]
fn a_million_extra_rows_are_refused_at_once() {
    let site = Site::new("bloc");
    let form = hoi_a_form(&site);
    let file = crafted(&site, &form, "rows.xlsx", |x| {
        let mut rows = String::with_capacity(40 * 1_000_000);
        for r in 100..1_000_100 {
            rows.push_str(&format!(
                "<row r=\"{r}\"><c r=\"B{r}\"><v>{r}</v></c></row>"
            ));
        }
        x.replace("</sheetData>", &format!("{rows}</sheetData>"))
    });
    let started = std::time::Instant::now();
    let err = refused(&import_limited(&site, &file, MEMORY_MB));
    assert!(
        err.contains("[E381]") && err.contains("rows.xlsx!Số liệu!B100"),
        "{err}"
    );
    // Not a timing test: a bound far above the real time (well under a second) that only a
    // parse of every row would pass.
    assert!(started.elapsed().as_secs() < 60);
}

/// A part that inflates to 1.5 GB from a few megabytes: one text of 1.5 GB of `A`.
fn bomb(name: &str, head: &str, tail: &str) -> RawPart {
    let filler = vec![b'A'; 1 << 20];
    RawPart::bomb(name, head.as_bytes(), &filler, 1500, tail.as_bytes())
}

#[test]
fn a_sheet_that_inflates_to_gigabytes_is_refused_within_a_memory_limit() {
    let site = Site::new("bloc");
    let form = hoi_a_form(&site);
    let parts = sheet_forms::parts(&form);
    let part = sheet_forms::sheet_part(&parts, FIGURES);
    let xml = String::from_utf8(parts.iter().find(|(n, _)| *n == part).unwrap().1.clone()).unwrap();
    let (head, tail) = xml.split_once("</sheetData>").unwrap();
    let head = format!("{head}<row r=\"20\"><c r=\"B20\" t=\"inlineStr\"><is><t>");
    let tail = format!("</t></is></c></row></sheetData>{tail}");
    let file = site.root().join("bomb.xlsx");
    with_raw_part(&form, &file, bomb(&part, &head, &tail));
    assert!(std::fs::metadata(&file).unwrap().len() < 10 << 20);
    let err = refused(&import_limited(&site, &file, MEMORY_MB));
    assert!(err.contains("[E380]") && err.contains("bomb.xlsx"), "{err}");
    assert!(err.contains("50"), "the limit is named: {err}");
}

#[test]
fn shared_strings_that_inflate_to_gigabytes_are_refused_within_a_memory_limit() {
    let site = Site::new("bloc");
    let form = hoi_a_form(&site);
    let file = site.root().join("strings.xlsx");
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>";
    with_raw_part(
        &form,
        &file,
        bomb("xl/sharedStrings.xml", head, "</t></si></sst>"),
    );
    let err = refused(&import_limited(&site, &file, MEMORY_MB));
    assert!(
        err.contains("[E380]") && err.contains("xl/sharedStrings.xml"),
        "{err}"
    );
}

#[test]
fn a_file_too_big_to_be_a_form_is_refused_before_it_is_read() {
    let site = Site::new("bloc");
    let form = hoi_a_form(&site);
    let file = site.root().join("big.xlsx");
    // A picture pasted into the form, say: 25 MB of incompressible bytes.
    let mut noise = Vec::with_capacity(25 << 20);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while noise.len() < 25 << 20 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        noise.extend_from_slice(&x.to_le_bytes());
    }
    with_raw_part(&form, &file, RawPart::plain("xl/media/image1.png", &noise));
    let err = refused(&import_limited(&site, &file, MEMORY_MB));
    assert!(err.contains("[E379]") && err.contains("big.xlsx"), "{err}");
}

#[test]
fn a_crafted_workbook_xml_does_not_panic() {
    // Valid XML that made the hand-written scanner slice inside a character: a multi-byte
    // character right after `name=` inside another attribute's value.
    let site = Site::new("bloc");
    let form = hoi_a_form(&site);
    let file = site.root().join("crafted.xlsx");
    with_part(&form, &file, "xl/workbook.xml", |x| {
        x.replace(
            "<sheet name=",
            "<sheet xmlns:z=\"urn:z\" z:note=\" name=ế\" name=",
        )
    });
    let output = import_limited(&site, &file, MEMORY_MB);
    support::assert_no_panic(&output);
    ok(&output);
}

#[test]
fn a_vertical_tab_from_word_is_replaced_and_documents_stay_well_formed() {
    let site = Site::new("bloc");
    site.write(
        "site.yaml",
        &format!(
            "{}documents:\n  issuer: KHỐI THI ĐUA THỬ\n  place: Thử\n  signer: {{ title: KHỐI TRƯỞNG, name: Nguyễn Văn A }}\n",
            support::read(site.root(), "site.yaml")
        ),
    );
    let form = hoi_a_form(&site);
    let back = returned(&site, &form, "back.xlsx", |book| {
        let sheet = book.sheet(FIGURES);
        // Shift+Enter in Word, pasted into Excel.
        sheet.set("B16", "Ra mắt\u{B}mô hình mới");
        sheet.set("J7", "Số liệu\u{C}đến 15/12");
    });
    let output = import(&site, &[&back], &[]);
    ok(&output);
    let err = stderr(&output);
    assert!(
        err.contains("[W351]") && err.contains("back.xlsx!Số liệu!B16"),
        "{err}"
    );
    assert!(err.contains("U+000B"), "{err}");
    let text = support::read(site.root(), HOI_A);
    assert!(
        !text.contains('\u{B}') && !text.contains('\u{C}'),
        "{text:?}"
    );
    assert!(text.contains("Ra mắt mô hình mới"), "{text}");
    ok(&site.run(&["check"]));
    site.build_ok(&[]);
    let docx = site.out().join("reports/2023-h2/bao-cao-2023-h2.docx");
    let parts = sheet_forms::parts(&docx);
    let document = parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap();
    let xml = String::from_utf8(document.1.clone()).unwrap();
    roxmltree::Document::parse(&xml).expect("the .docx is well-formed");
    assert!(xml.contains("Ra mắt mô hình mới"));
}

// -- With openpyxl and LibreOffice -----------------------------------------------------------

/// Runs a Python script with openpyxl; `ws` is the form's data sheet, `row(label)` the row of a
/// metric (found by its label, as a person finds it), `save(path)` saves the workbook.
fn python(form: &Path, sheet: &str, script: &str, out: &Path) {
    let program = format!(
        "import openpyxl\nwb = openpyxl.load_workbook({form:?})\nws = wb[{sheet:?}]\n\
         def row(label):\n    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == label)\n\
         {script}\nwb.save({out:?})\n",
        form = form.display().to_string(),
        out = out.display().to_string(),
    );
    let output = Command::new("python3")
        .arg("-c")
        .arg(&program)
        .output()
        .expect("python3");
    assert!(
        output.status.success(),
        "python failed:\n{}\n{program}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A site with a percent metric, and its form for hoi-a in 2023-h2.
fn site_and_form() -> (Site, PathBuf) {
    let site = Site::new("bloc");
    site.edit(
        "site.yaml",
        "  money: { label: Số tiền vận động, unit: đồng, kind: amount }",
        "  money: { label: Số tiền vận động, unit: đồng, kind: amount }\n  rate: { label: Tỷ lệ chi hội đăng ký thi đua, unit: \"%\" }",
    );
    let sheets = export(&site, &["2023-h2"]);
    (site, sheets.join("2023-h2/hoi-a-2023-h2.xlsx"))
}

/// Columns (1-based, as openpyxl counts): G 7 result, H 8 approximate word, I 9 next target,
/// J 10 note.
const FILL: &str = "\
ws.cell(row('Hội viên mới kết nạp'), 7).value = 10350
ws.cell(row('Hội viên mới kết nạp'), 10).value = 'Số liệu đến 15/12'
ws.cell(row('Mô hình điểm'), 7).value = 6
ws.cell(row('Mô hình điểm'), 9).value = 8
ws.cell(row('Số tiền vận động'), 8).value = 'hơn'
# “95,5%” typed in Excel: stored as 0.955 with a percent format.
ws.cell(row('Tỷ lệ chi hội đăng ký thi đua'), 7).value = 0.955
ws.cell(row('Tỷ lệ chi hội đăng ký thi đua'), 7).number_format = '0.0%'
hl = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith('II.'))
ws.cell(hl + 2, 2).value = 'Ra mắt mô hình \"Chi hội kiểu mẫu\"'
";

#[test]
#[ignore = "needs Python with openpyxl"]
fn filled_in_like_excel_imported_checked_built() {
    support::needs("python3", "Python 3 with openpyxl (pip install openpyxl)");
    let (site, form) = site_and_form();
    let returned = site.root().join("Hội A - báo cáo.xlsx");
    python(&form, FIGURES, FILL, &returned);
    let output = import(&site, &[&returned], &[]);
    ok(&output);
    let yaml = support::read(site.root(), HOI_A);
    for expected in [
        "new_members: 10350",
        "models: 6",
        "rate: 95.5",
        "models: 8",
        "new_members: Số liệu đến 15/12",
        "Chi hội kiểu mẫu",
        "Kết nạp **10.202** hội viên mới.",
        "money: { value: 40000000, qualifier: over }",
    ] {
        assert!(yaml.contains(expected), "{expected} missing:\n{yaml}");
    }
    ok(&site.run(&["check"]));
    site.build_ok(&[]);
    let html = site.html("reports/2023-h2/index.html");
    let figures: Vec<String> = select(&html, ".figures").iter().map(text).collect();
    assert!(
        figures[0].contains("10.350") && figures[0].contains("95,5"),
        "{figures:?}"
    );
    assert!(
        select(&html, ".figure-notes li")
            .iter()
            .any(|n| text(n).contains("Số liệu đến 15/12"))
    );
}

#[test]
#[ignore = "needs Python with openpyxl and LibreOffice"]
fn libreoffice_saves_the_same_values() {
    support::needs("python3", "Python 3 with openpyxl (pip install openpyxl)");
    support::needs("soffice", "the Debian package libreoffice-calc-nogui");
    let (site, form) = site_and_form();
    let filled = site.root().join("filled.xlsx");
    python(&form, FIGURES, FILL, &filled);
    // Through a second real spreadsheet program: LibreOffice Calc opens and saves it.
    let lo_dir = site.root().join("lo");
    let profile = site.root().join("lo-profile");
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&lo_dir)
        .arg(&filled)
        .output()
        .expect("soffice");
    let saved = lo_dir.join("filled.xlsx");
    assert!(
        saved.is_file(),
        "LibreOffice wrote nothing: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    let original = support::read(site.root(), HOI_A);
    ok(&import(&site, &[&filled], &[]));
    let by_openpyxl = support::read(site.root(), HOI_A);
    site.write(HOI_A, &original);
    ok(&import(&site, &[&saved], &[]));
    assert_eq!(by_openpyxl, support::read(site.root(), HOI_A));
}

/// Each refusal of a form edited the way openpyxl edits: the cell named as `file!sheet!cell`,
/// and no file changed.
#[test]
#[ignore = "needs Python with openpyxl"]
fn every_refusal_names_its_cell_and_changes_nothing() {
    support::needs("python3", "Python 3 with openpyxl (pip install openpyxl)");
    let (site, form) = site_and_form();
    let m = "row('Hội viên mới kết nạp')";
    let cases: Vec<(&str, String, &str, String)> = vec![
        (
            "text",
            format!("ws.cell({m}, 7).value = 'nhiều'"),
            "E359",
            "G7".into(),
        ),
        (
            "thousands",
            format!("ws.cell({m}, 7).value = '1.080'"),
            "E360",
            "G7".into(),
        ),
        (
            "comma",
            "ws.cell(row('Tỷ lệ chi hội đăng ký thi đua'), 7).value = '95,5'".into(),
            "E361",
            "G9".into(),
        ),
        (
            "fraction",
            format!("ws.cell({m}, 7).value = 12.5"),
            "E362",
            "G7".into(),
        ),
        (
            "negative",
            format!("ws.cell({m}, 9).value = -3"),
            "E363",
            "I7".into(),
        ),
        (
            "percent",
            "ws.cell(row('Tỷ lệ chi hội đăng ký thi đua'), 7).value = 120".into(),
            "E363",
            "G9".into(),
        ),
        (
            "row-deleted",
            "ws.delete_rows(7)".into(),
            "E355",
            "B7".into(),
        ),
        (
            "column-deleted",
            "ws.delete_cols(4)".into(),
            "E354",
            "D6".into(),
        ),
        (
            "formula",
            format!("ws.cell({m}, 7).value = '=10000+350'"),
            "E358",
            "G7".into(),
        ),
        (
            "merged",
            format!("ws.merge_cells(start_row={m}, start_column=7, end_row={m}, end_column=9)"),
            "E356",
            "I7".into(),
        ),
        (
            "hidden",
            format!("ws.row_dimensions[{m}].hidden = True"),
            "E357",
            "G7".into(),
        ),
        (
            "hidden-column",
            "ws.column_dimensions['I'].hidden = True".into(),
            "E357",
            "I7".into(),
        ),
        (
            "below-the-form",
            "ws.cell(ws.max_row + 3, 2).value = 'Người lập biểu'".into(),
            "E381",
            String::new(),
        ),
    ];
    let before = content(&site);
    let mut failures = Vec::new();
    for (name, script, code, cell) in &cases {
        let returned = site.root().join(format!("{name}.xlsx"));
        python(&form, FIGURES, script, &returned);
        // Imported together with a good form: that one is not written either.
        let good = site.root().join("good.xlsx");
        python(&form, FIGURES, FILL, &good);
        let output = import(&site, &[&good, &returned], &[]);
        let err = stderr(&output);
        let reference = format!("{name}.xlsx!{FIGURES}!{cell}");
        if output.status.code() != Some(1)
            || !err.contains(&format!("[{code}]"))
            || !err.contains(&reference)
        {
            failures.push(format!(
                "{name}: expected {code} at {reference}, got:\n{err}"
            ));
        }
        assert_eq!(
            before,
            content(&site),
            "{name}: a refused import changed files"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // In the site's language, saying what to type.
    let returned = site.root().join("thousands.xlsx");
    let vi = site.run(&[
        "sheet",
        "import",
        returned.to_str().unwrap(),
        "--lang",
        "vi",
    ]);
    let err = stderr(&vi);
    assert!(
        err.contains("lỗi[E360]") && err.contains("Số liệu!G7") && err.contains("gõ 1080"),
        "{err}"
    );
    assert!(err.contains("Không ghi tệp nào"), "{err}");

    // A value every cell check accepts but `check` does not (figures stop at 10^15): refused
    // by the check of the whole site as it would be, naming the YAML file.
    let huge = site.root().join("huge.xlsx");
    python(
        &form,
        FIGURES,
        "ws.cell(row('Số tiền vận động'), 7).value = 10**16",
        &huge,
    );
    let output = import(&site, &[&huge], &[]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/associations/hoi-a/2023-h2.yaml")
            && err.contains("would give the site errors"),
        "{err}"
    );
    assert_eq!(before, content(&site));
}

#[test]
#[ignore = "needs Python with openpyxl"]
fn scoring_grid_round_trip() {
    support::needs("python3", "Python 3 with openpyxl (pip install openpyxl)");
    let site = Site::new("bloc");
    let sheets = export(&site, &["--scoring", "2023"]);
    let grid = sheets.join("2023/cham-diem-2023.xlsx");
    let returned = site.root().join("bang diem.xlsx");
    // hoi-c's pair of columns: self in F, agreed in G (hoi-a D/E, hoi-b F/G …): find by header.
    let script = "\
cols = {ws.cell(5, c).value: c for c in range(1, ws.max_column + 1)}
c = cols['Hội C tỉnh Thử']
rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
for crit, self_score, agreed in [('1.1', 10, 9.5), ('1.2', 10, 10), ('2.1', 5, 4.75)]:
    ws.cell(rows[crit], c).value = self_score
    ws.cell(rows[crit], c + 1).value = agreed
";
    python(&grid, SCORING, script, &returned);
    ok(&import(&site, &[&returned], &[]));
    let yaml = support::read(site.root(), "content/scoring/2023.yaml");
    assert!(
        yaml.contains("hoi-c: { \"1.1\": 9.5, \"1.2\": 10, \"2.1\": 4.75 }"),
        "{yaml}"
    );
    assert!(
        yaml.contains("self_scores:\n  hoi-c: { \"1.1\": 10, \"1.2\": 10, \"2.1\": 5 }"),
        "{yaml}"
    );
    assert!(
        yaml.contains("hoi-a: { \"1.1\": 9.5"),
        "other members kept: {yaml}"
    );
    assert!(yaml.contains("adjustments:"), "{yaml}");
    ok(&site.run(&["check"]));
    site.build_ok(&[]);
    let html = site.html("scoring/2023/index.html");
    let rows: Vec<String> = select(&html, "tbody tr").iter().map(text).collect();
    assert!(
        rows.iter()
            .any(|r| r.contains("Hội C") && r.contains("24,25")),
        "{rows:?}"
    );

    // Exported again, the grid carries both columns: imported as it is, nothing changes.
    ok(&site.run(&["sheet", "export", "--scoring", "2023", "--force"]));
    let again = import(&site, &[&grid], &[]);
    ok(&again);
    assert!(
        stderr(&again).contains("nothing changes"),
        "{}",
        stderr(&again)
    );

    // A score above the criterion's maximum is refused at its cell.
    let bad = site.root().join("bad.xlsx");
    python(
        &grid,
        SCORING,
        &script.replace("('2.1', 5, 4.75)", "('2.1', 5, 7)"),
        &bad,
    );
    let before = content(&site);
    let output = import(&site, &[&bad], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!("bad.xlsx!{SCORING}!")),
        "{}",
        stderr(&output)
    );
    assert_eq!(before, content(&site));
}
