//! A phone (390 px wide) in headless Chromium: on the scoring page and in the reviews of the
//! `year` fixture and the example site, the rank, name and total of every scoring row, and the
//! label and value of every figure, are inside the viewport without horizontal scrolling
//! (tests/browser/phone_tables.mjs measures them with playwright-core).
//!
//! Ignored unless `--include-ignored`, like tests/serve_browser.rs.

mod serve_common;

use std::path::Path;
use std::process::Command;

use serve_common::*;

fn measure(site: &Path, paths: &[&str]) -> serde_json::Value {
    let (chrome, dir) = browser_tools("browser");
    let server = Server::start(site, &[]);
    let mut command = Command::new("node");
    command.arg(dir.join("phone_tables.mjs")).arg(&server.url);
    if let Ok(shots) = std::env::var("BLOCPRESS_SCREENSHOTS") {
        command.args(["--screenshots", &shots]);
    }
    let output = command
        .args(paths)
        .env("CHROME_PATH", &chrome)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "phone_tables.mjs failed:\n{}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(stdout.trim()).expect("JSON result")
}

fn assert_all_visible(results: &serde_json::Value, min_rows: usize) {
    let mut rows = 0;
    for page in results.as_array().unwrap() {
        assert_eq!(page["status"], 200, "{page}");
        assert_eq!(page["width"], 390, "{page}");
        assert!(
            page["overflow"].as_i64().unwrap() <= 0,
            "the page itself scrolls sideways: {page}"
        );
        for row in page["scoring"].as_array().unwrap() {
            rows += 1;
            assert_eq!(
                row["visible"], true,
                "{}: rank, name or total off-screen: {row}",
                page["path"]
            );
            // Adjustment reasons are footnotes: a row stays about one line or two high, plus the
            // award proposed for the member, which sits under its name (a few short lines).
            let proposed = row["name"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("Đề nghị"));
            let limit = if proposed { 180 } else { 120 };
            assert!(
                row["height"].as_i64().unwrap() < limit,
                "{}: a row too tall: {row}",
                page["path"]
            );
        }
        for figure in page["figures"].as_array().unwrap() {
            assert_eq!(
                figure["visible"], true,
                "{}: label or value off-screen: {figure}",
                page["path"]
            );
        }
    }
    assert!(rows >= min_rows, "only {rows} scoring rows measured");
}

#[test]
#[ignore = "needs Chromium and Node (npm ci in tests/browser)"]
fn scoring_rows_and_review_figures_fit_a_phone() {
    let site = TempSite::new();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/year"),
        &site.root,
    );
    let results = measure(
        &site.root,
        &[
            "scoring/2013/",
            "reports/2013/",
            "reports/2013-h1/",
            "registrations/2013/",
        ],
    );
    assert_all_visible(&results, 8);

    let example = TempSite::new();
    example_site(&example.root);
    let results = measure(&example.root, &["scoring/2013/", "reports/2013-h1/"]);
    assert_all_visible(&results, 8);
}
