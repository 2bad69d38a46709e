//! The front matter keys a period or scoring file gives its official document (SPEC Part 2
//! "Official documents"): `number` (số, ký hiệu), `signed` (the date) and `signer`. Each file
//! format lists the three keys in its own struct (serde cannot flatten into a struct that
//! denies unknown keys); this module turns them into [`DocumentMeta`].

use crate::config::Signer;
use crate::diagnostics::Diagnostic;
use crate::model::DocumentMeta;
use crate::yaml::YamlSource;

/// Checks `signed` (a `YYYY-MM-DD` date) and keeps the rest as written.
pub fn resolve(
    source: &YamlSource,
    number: Option<String>,
    signed: Option<String>,
    signer: Option<Signer>,
) -> Result<DocumentMeta, Diagnostic> {
    let signed = match signed.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            super::news::parse_publish_date(text)
                .map(|d| d.date)
                .map_err(|_| {
                    Diagnostic::new(source.path, "E300")
                        .arg("value", text)
                        .at_opt(source.locate(&["signed"]))
                })?,
        ),
    };
    Ok(DocumentMeta {
        number: number
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        signed,
        signer,
        year: None,
    })
}
