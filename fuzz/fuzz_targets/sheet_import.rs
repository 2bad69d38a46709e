//! `sheet import`'s reading of a returned file: the bounded `.xlsx` reader (zip, XML, shared
//! strings, styles, cells, merges, hidden rows and columns) and every check of a form against
//! the `bloc` test fixture and the issued forms of `fuzz/sheet_import/forms.yaml`, then the
//! planned edit of the member's YAML file.
//!
//! The first byte picks the way in: 0, the rest is the file's bytes (mutations of real exported
//! forms, in `seeds/sheet_import/0-*`); anything else, the rest is the form's XML parts
//! separated by `\n@@part@@\n` (workbook, its relations, shared strings, styles, the data sheet,
//! the hidden sheet), zipped here, so that mutations reach the XML instead of breaking the zip's
//! checksums (`seeds/sheet_import/1-*`).
//!
//! Beyond "no panic, no hang, no memory bomb": every refusal is a coded diagnostic that names
//! the file and renders in both languages; an accepted form plans YAML that parses.

#![no_main]

use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use blocpress::content::load::{LoadOptions, load};
use blocpress::i18n::Language;
use blocpress::model::Site;
use blocpress::sheet::{changes, import, registry::Registry};
use libfuzzer_sys::fuzz_target;

const PARTS: [&str; 6] = [
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
];
const SEPARATOR: &[u8] = b"\n@@part@@\n";

fn context() -> &'static (Site, Registry) {
    static CONTEXT: OnceLock<(Site, Registry)> = OnceLock::new();
    CONTEXT.get_or_init(|| {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (site, _) = load(&here.join("../tests/fixtures/bloc"), &LoadOptions::default())
            .unwrap_or_else(|_| panic!("the bloc fixture loads"));
        let registry = Registry::load(&here.join("sheet_import")).expect("forms.yaml");
        (site, registry)
    })
}

/// The parts zipped as a workbook (stored, no compression).
fn zipped(data: &[u8]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    let mut rest = data;
    for name in PARTS {
        let (part, next) = match find(rest, SEPARATOR) {
            Some(at) => (&rest[..at], &rest[at + SEPARATOR.len()..]),
            None => (rest, &rest[rest.len()..]),
        };
        out.start_file(name, options).expect("a part");
        out.write_all(part).expect("written");
        rest = next;
    }
    out.finish().expect("a zip").into_inner()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode == 0 { rest.to_vec() } else { zipped(rest) };
    let (site, registry) = context();
    match import::read_bytes(site, registry, &bytes, "form.xlsx") {
        Err(problems) => {
            assert!(!problems.is_empty(), "refused without a reason");
            for d in &problems {
                assert!(
                    d.path.to_string_lossy().starts_with("form.xlsx"),
                    "{:?} does not name the file",
                    d.path
                );
                for language in [Language::Vi, Language::En] {
                    let text = d.text(language);
                    assert!(
                        !text.is_empty() && !text.starts_with(d.code()),
                        "{} has no words in {}: {text}",
                        d.code(),
                        language.code()
                    );
                }
            }
        }
        Ok(returned) => {
            for d in &returned.warnings {
                assert!(d.path.to_string_lossy().starts_with("form.xlsx"));
            }
            let plan = changes::plan(site, &returned.form, Language::Vi);
            if !plan.unchanged() {
                serde_yaml::from_str::<serde_yaml::Value>(&plan.change.new).unwrap_or_else(|e| {
                    panic!("planned YAML does not parse: {e}\n{}", plan.change.new)
                });
            }
        }
    }
});
