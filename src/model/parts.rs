//! The small values every part of the model shares (Markdown text, sample marks, a
//! document's number and signer, an award's status), apart so that the year's types
//! (`model/year.rs`) and the site's (`model.rs`) both use them without pointing at each other.

use jiff::civil::Date;

/// Markdown text from a file, with its rendered HTML once the Markdown stage has run (which
/// empties the source of news bodies, the bulk of a site, to save memory).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Markdown {
    #[serde(skip)]
    pub source: String,
    /// 1-based line of the text's first line in its file (0 when unknown).
    #[serde(skip)]
    pub line: usize,
    pub html: String,
}

impl Markdown {
    pub fn new(source: String, line: usize) -> Self {
        Markdown {
            source,
            line,
            html: String::new(),
        }
    }
}

/// Which figures are sample data (not from a real report): `extra: { sample: true }` marks a
/// whole file, `extra: { sample: [key, …] }` single metrics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SampleMark {
    #[default]
    None,
    All,
    Keys(Vec<String>),
}

impl SampleMark {
    pub fn covers(&self, key: &str) -> bool {
        match self {
            SampleMark::None => false,
            SampleMark::All => true,
            SampleMark::Keys(keys) => keys.iter().any(|k| k == key),
        }
    }

    pub fn is_all(&self) -> bool {
        matches!(self, SampleMark::All)
    }
}

/// Front matter of a period or scoring file for its official document (SPEC Part 2 "Official
/// documents"): số, ký hiệu, the date it is signed and who signs it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentMeta {
    /// `15/BC-KTĐ`
    pub number: Option<String>,
    pub signed: Option<Date>,
    /// Replaces site.yaml's `documents.signer`.
    pub signer: Option<crate::config::Signer>,
    /// The year whose signer (`bloc.roles.<year>.signer`) signs the document when it names
    /// none of its own.
    pub year: Option<i32>,
}

/// An award the bloc proposes (*Đề nghị tặng*) or the province has granted (*Được tặng*).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AwardStatus {
    #[default]
    Proposed,
    Granted,
}

impl AwardStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AwardStatus::Proposed => "proposed",
            AwardStatus::Granted => "granted",
        }
    }
}
