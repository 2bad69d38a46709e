//! `blocpress sheet export` / `import`: forms out, returns in. The tests that fill forms the way
//! a person does (openpyxl typing into cells, LibreOffice Calc opening and saving) need Python's
//! openpyxl and LibreOffice, which `.ci/run` installs; they are `#[ignore = "needs …"]` and run
//! with `cargo test --test sheet -- --include-ignored`.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

/// The form speaks the site's language (vi for the fixture), whatever the messages' language.
const FIGURES: &str = "Số liệu";
const SCORING: &str = "Chấm điểm";

// -- Without outside tools ------------------------------------------------------------------

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

#[test]
fn figures_written_since_the_export_come_back_from_the_form() {
    // The form carries what content/ held when it was exported: export a changed file, put the
    // old one back, and the import restores the change, with its note, through the whole site.
    let site = Site::new("bloc");
    let rel = "content/associations/hoi-a/2023-h2.yaml";
    let original = support::read(site.root(), rel);
    site.write(
        rel,
        &format!(
            "# Báo cáo của Hội A\n{}notes:\n  new_members: Tính đến ngày 15/12\n",
            original.replace("new_members: 10202", "new_members: 10350 # số chính thức")
        ),
    );
    let expected = support::read(site.root(), rel);
    let sheets = export(&site, &["2023-h2"]);
    site.write(rel, &original);
    // Renamed and moved, as forms come back over Zalo.
    let returned = site.root().join("bao cao hoi A (1).xlsx");
    std::fs::rename(sheets.join("2023-h2/hoi-a-2023-h2.xlsx"), &returned).unwrap();

    let before = content(&site);
    let dry = import(&site, &[&returned], &["--dry-run"]);
    ok(&dry);
    assert!(
        stderr(&dry).contains("new_members: 10202 → 10350"),
        "{}",
        stderr(&dry)
    );
    assert_eq!(before, content(&site), "--dry-run wrote");

    ok(&import(&site, &[&returned], &[]));
    let now = support::read(site.root(), rel);
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
    let output = import(&site, &[&form], &[]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("[E352]"), "{err}");
    assert!(err.contains("hoi-a-2023-h2.xlsx!blocpress!B3"), "{err}");
    assert_eq!(before, content(&site));

    let vi = site.run(&["sheet", "import", form.to_str().unwrap(), "--lang", "vi"]);
    assert!(
        stderr(&vi).contains("lỗi[E352]")
            && stderr(&vi).contains("dùng biểu mẫu xuất từ chính trang này"),
        "{}",
        stderr(&vi)
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
    let output = import(&site, &[&file], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("[E350]"), "{}", stderr(&output));
}

// -- With openpyxl and LibreOffice -----------------------------------------------------------

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

const FILL: &str = "\
ws.cell(row('Hội viên mới kết nạp'), 7).value = 10350
ws.cell(row('Hội viên mới kết nạp'), 9).value = 'Số liệu đến 15/12'
ws.cell(row('Mô hình điểm'), 7).value = 6
ws.cell(row('Mô hình điểm'), 8).value = 8
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
    let yaml = support::read(site.root(), "content/associations/hoi-a/2023-h2.yaml");
    for expected in [
        "new_members: 10350",
        "models: 6",
        "rate: 95.5",
        "models: 8",
        "new_members: Số liệu đến 15/12",
        "Chi hội kiểu mẫu",
        "Kết nạp **10.202** hội viên mới.",
        "money: 40000000",
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

    let rel = "content/associations/hoi-a/2023-h2.yaml";
    let original = support::read(site.root(), rel);
    ok(&import(&site, &[&filled], &[]));
    let by_openpyxl = support::read(site.root(), rel);
    site.write(rel, &original);
    ok(&import(&site, &[&saved], &[]));
    assert_eq!(by_openpyxl, support::read(site.root(), rel));
}

/// Each refusal: the cell named as `file!sheet!cell`, and no file changed.
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
            "G8".into(),
        ),
        (
            "thousands",
            format!("ws.cell({m}, 7).value = '1.080'"),
            "E360",
            "G8".into(),
        ),
        (
            "comma",
            "ws.cell(row('Tỷ lệ chi hội đăng ký thi đua'), 7).value = '95,5'".into(),
            "E361",
            "G10".into(),
        ),
        (
            "fraction",
            format!("ws.cell({m}, 7).value = 12.5"),
            "E362",
            "G8".into(),
        ),
        (
            "negative",
            format!("ws.cell({m}, 8).value = -3"),
            "E363",
            "H8".into(),
        ),
        (
            "percent",
            "ws.cell(row('Tỷ lệ chi hội đăng ký thi đua'), 7).value = 120".into(),
            "E363",
            "G10".into(),
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
            "G8".into(),
        ),
        (
            "merged",
            format!("ws.merge_cells(start_row={m}, start_column=7, end_row={m}, end_column=8)"),
            "E356",
            "G8".into(),
        ),
        (
            "hidden",
            format!("ws.row_dimensions[{m}].hidden = True"),
            "E357",
            "G8".into(),
        ),
        (
            "hidden-column",
            "ws.column_dimensions['H'].hidden = True".into(),
            "E357",
            "H7".into(),
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
        err.contains("lỗi[E360]") && err.contains("Số liệu!G8") && err.contains("gõ 1080"),
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
