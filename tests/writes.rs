//! Issue 21, "nothing lost": every write into `content/` goes through one journaled writer.
//! A real two-form `sheet import` is stopped with a real SIGKILL at each step of its write
//! (the debug-build pause seam `BLOCPRESS_TEST_WRITE_PAUSE`), and the next command leaves all
//! old or all new files, says which in one coded line, and leaves no temporary file.

mod support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use support::{Site, snapshot, stderr};

const A: &str = "content/associations/hoi-a/2023-h2.yaml";
const C: &str = "content/associations/hoi-c/2023-h2.yaml";

fn content(site: &Site) -> BTreeMap<String, Vec<u8>> {
    snapshot(&site.root().join("content"))
}

/// Files anywhere in the site that a write left behind: temporary files (`.name.blocpress-…`)
/// and journals.
fn strays(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|rel| rel.contains(".blocpress-") || rel.starts_with(".blocpress/"))
        .collect()
}

/// The bloc fixture with two returned forms that each change one member's figures: the forms
/// are exported from changed files, then the files are put back as they were.
fn site_with_two_returns() -> (Site, Vec<PathBuf>) {
    let site = Site::new("bloc");
    site.edit(
        A,
        "new_members: 10202",
        "new_members: 10350 # số chính thức",
    );
    site.edit(C, "money: 3000000", "money: 4500000");
    let export = site.run(&["sheet", "export", "2023-h2"]);
    assert!(export.status.success(), "{}", stderr(&export));
    site.edit(
        A,
        "new_members: 10350 # số chính thức",
        "new_members: 10202",
    );
    site.edit(C, "money: 4500000", "money: 3000000");
    let forms = site.root().join("sheets/2023-h2");
    let returned = vec![
        forms.join("hoi-a-2023-h2.xlsx"),
        forms.join("hoi-c-2023-h2.xlsx"),
    ];
    (site, returned)
}

/// Starts the import, paused at step `step` of its write. Returns whether it paused there (it
/// is then killed with SIGKILL) or ran to its end (its output is checked).
fn import_killed_at(site: &Site, forms: &[PathBuf], step: usize) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_blocpress"))
        .args(["sheet", "import"])
        .args(forms)
        .arg("--root")
        .arg(site.root())
        .env("BLOCPRESS_LANG", "en")
        .env("BLOCPRESS_TEST_WRITE_PAUSE", step.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut said = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.starts_with("blocpress-test: paused at") {
            // A real SIGKILL: no destructor, no clean-up runs.
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
        said.push_str(&line);
        said.push('\n');
    }
    let status = child.wait().unwrap();
    assert!(status.success(), "import failed:\n{said}");
    false
}

#[test]
fn a_two_form_import_killed_at_any_step_leaves_all_old_or_all_new() {
    let (reference, forms) = site_with_two_returns();
    let old = content(&reference);
    assert!(!import_killed_at(&reference, &forms, usize::MAX));
    let new = content(&reference);
    assert_ne!(old[&A[8..]], new[&A[8..]]);
    assert_ne!(old[&C[8..]], new[&C[8..]]);

    let mut paused = 0;
    let (mut finished, mut undone) = (0, 0);
    for step in 1.. {
        let (site, forms) = site_with_two_returns();
        assert_eq!(content(&site), old);
        if !import_killed_at(&site, &forms, step) {
            assert_eq!(content(&site), new, "an import that ran to its end");
            assert!(strays(site.root()).is_empty(), "{:?}", strays(site.root()));
            break;
        }
        paused += 1;
        // The next command settles the write before anything else, in one coded line.
        let next = site.run(&["check"]);
        let said = stderr(&next);
        assert!(next.status.success(), "step {step}: {said}");
        let now = content(&site);
        if now == new {
            finished += 1;
            assert!(
                said.contains("warning[W460]") || step > 6,
                "step {step}: {said}"
            );
        } else {
            assert_eq!(now, old, "step {step}: a mix of old and new files");
            undone += 1;
            assert!(said.contains("warning[W461]"), "step {step}: {said}");
        }
        assert!(
            strays(site.root()).is_empty(),
            "step {step}: {:?}",
            strays(site.root())
        );
        // Settled once: the command after says nothing about it.
        assert!(!stderr(&site.run(&["check"])).contains("W46"));
    }
    // Journal, two temporary files, the commit point, two renames, the journal removed.
    assert_eq!(paused, 7, "pause points of a two-file write");
    assert_eq!(undone, 3, "killed before the commit point: undone");
    assert_eq!(finished, 4, "killed after the commit point: finished");
}

/// A fraction in an amount in đồng is an error in YAML too (the same rule as the browser
/// editor and the forms: `MetricDef::whole_numbers_only`), saying what to write; an amount in
/// millions may have one.
#[test]
fn a_fraction_in_an_amount_in_dong_is_an_error_that_says_what_to_write() {
    const H1: &str = "content/associations/hoi-luat-gia/2013-h1.yaml";
    let site = Site::new("valid-base");
    site.edit(
        "site.yaml",
        "metrics:\n",
        "metrics:\n  support: { label: Giá trị hỗ trợ, unit: đồng, kind: amount, scale: triệu }\n  loans: { label: Vốn vay, unit: triệu đồng, kind: amount }\n",
    );
    site.edit(
        H1,
        "  conferences: 35\n",
        "  conferences: 35\n  support: 12.500\n  loans: 12.5\n",
    );
    let output = site.run(&["check"]);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!(
            "error[E469]: {H1}:4:3: “support: 12.500” is an amount in đồng"
        )) && said.contains("without dots: 12500"),
        "{said}"
    );
    assert!(
        !said.contains("loans"),
        "millions may have a fraction: {said}"
    );
    site.edit(H1, "support: 12.500", "support: 1250.75");
    let said = stderr(&site.run(&["check", "--lang", "vi"]));
    assert!(
        said.contains("lỗi[E469]") && said.contains("không có phần lẻ"),
        "{said}"
    );
    site.edit(H1, "support: 1250.75", "support: 12500000");
    let output = site.run(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
}
