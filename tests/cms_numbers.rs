//! Issue 21: numbers typed the Vietnamese way in the browser editor's metric fields
//! (`number_vi` in `src/cms/widgets.js`) are read as the person meant them or refused with a
//! coded message from the catalogue, never stored as another number. The widget and the
//! messages are taken from a real `serve` and run in Node (the whole editor in Chromium is
//! tests/cms_browser.rs). Needs Node: `#[ignore = "needs …"]`, run with `--include-ignored`.

// serve_common loads support/ for itself too; both copies are needed.
#![allow(clippy::duplicate_mod)]

mod serve_common;
mod support;

use serde_json::{Value, json};
use serve_common::*;

#[test]
#[ignore = "needs node"]
fn numbers_typed_the_vietnamese_way_are_read_as_meant_or_refused_with_a_code() {
    support::needs("node", "the Debian package nodejs");
    let site = TempSite::new();
    example_site(&site.root);
    let server = Server::start(&site.root, &["--lang", "vi"]);
    let dir = tempfile::tempdir().unwrap();
    for file in ["messages.js", "widgets.js"] {
        let response = server.get(&format!("/admin/{file}"));
        assert_eq!(response.status, 200, "{file}");
        std::fs::write(dir.path().join(file), &response.body).unwrap();
    }
    let cases = json!([
        ["dong", "12.500.000"],
        ["dong", "12500000"],
        ["dong", "12,500,000"],
        ["dong", "1.500"],
        ["dong", "12,5"],
        ["dong", "12.5"],
        ["dong", "12 triệu"],
        ["count", "1.080"],
        ["count", "10,5"],
        ["percent", "95,5"],
        ["percent", "95.5"],
        ["percent", "955"],
        ["decimal", "8,25"],
        ["decimal", "8.500"],
        ["decimal", "1.250,5"],
        ["dong", ""],
    ]);
    let output = std::process::Command::new("node")
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cms/number_vi.cjs"))
        .arg(dir.path().join("messages.js"))
        .arg(dir.path().join("widgets.js"))
        .arg(cases.to_string())
        .output()
        .expect("node");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let got: Value = serde_json::from_slice(&output.stdout).unwrap();
    let value = |case: &str| got[case]["value"].clone();
    let error = |case: &str| got[case]["error"].as_str().unwrap_or_default().to_string();
    // Read as meant.
    assert_eq!(value("dong 12.500.000"), json!(12_500_000));
    assert_eq!(value("dong 12500000"), json!(12_500_000));
    assert_eq!(value("dong 12,500,000"), json!(12_500_000));
    assert_eq!(value("dong 1.500"), json!(1500));
    assert_eq!(value("count 1.080"), json!(1080));
    assert_eq!(value("percent 95,5"), json!(95.5));
    assert_eq!(value("percent 95.5"), json!(95.5));
    assert_eq!(value("decimal 8,25"), json!(8.25));
    assert_eq!(value("dong "), json!(""), "empty: not reported");
    // Refused, with the code and the words of the catalogue.
    for case in ["dong 12,5", "dong 12.5"] {
        let said = error(case);
        assert!(
            said.starts_with("lỗi[E482]: Giá trị hỗ trợ (đồng) chỉ nhận số nguyên")
                && said.contains("tiền tính bằng đồng"),
            "{case}: {said}"
        );
    }
    assert!(error("count 10,5").starts_with("lỗi[E482]"));
    assert!(!error("count 10,5").contains("đồng"));
    assert!(error("dong 12 triệu").starts_with("lỗi[E480]: “12 triệu” không phải là số"));
    let ambiguous = error("decimal 8.500");
    assert!(
        ambiguous.starts_with("lỗi[E481]")
            && ambiguous.contains("8.500")
            && ambiguous.contains("8,5"),
        "{ambiguous}"
    );
    assert!(error("percent 955").starts_with("lỗi[E483]"));
    assert!(
        error("decimal 1.250,5").contains("E483"),
        "1250,5 is read, then refused by the range 1–10"
    );
}
