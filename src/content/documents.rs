//! `content/documents/<slug>.md`: official documents (a plan, a decision, a report with its
//! number, kind, issuer and date, and the file under `static/` or next to it). Parsed once the
//! rest of the site is loaded, since a document names members, periods and site files.

use jiff::civil::Date;
use serde::Deserialize;

use super::{SourcePath, file_stem, front_matter};
use crate::diagnostics::Diagnostic;
use crate::model::{Document, Markdown, Site, StaticOrigin};
use crate::period::PeriodId;
use crate::slug::Slug;
use crate::yaml;

/// The folder under `content/`.
pub const FOLDER: &str = "documents";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    title: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    number: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    issuer: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    date: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    file: Option<String>,
    #[serde(default)]
    associations: Vec<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    period: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    slug: Option<String>,
    #[serde(default)]
    draft: bool,
    /// Free data; `sample: true` (or `[number, date]`) marks an invented document, labelled
    /// wherever it is listed.
    #[serde(default)]
    extra: yaml::Value,
}

/// Parses one document; `Ok(None)` for a draft left out.
fn parse(
    site: &Site,
    path: &SourcePath,
    text: &str,
    drafts: bool,
) -> Result<Option<Document>, Vec<Diagnostic>> {
    let rel = path.rel.as_path();
    let (fm, source, split, mut problems) = front_matter::parse::<FrontMatter>(rel, text)?;
    if fm.draft && !drafts {
        return Ok(None);
    }
    let at = |keys: &[&str]| source.locate(keys);
    let mut required = |value: &Option<String>, field: &'static str| -> String {
        match value.as_deref().map(str::trim) {
            Some(v) if !v.is_empty() => v.to_string(),
            _ => {
                problems.push(
                    Diagnostic::new(rel, "E404")
                        .arg("field", field)
                        .at_opt(at(&[field]).or(Some((1, 1)))),
                );
                String::new()
            }
        }
    };
    let title = required(&fm.title, "title");
    let number = required(&fm.number, "number");
    let kind = required(&fm.kind, "kind");
    let issuer = required(&fm.issuer, "issuer");
    let date_text = required(&fm.date, "date");
    let file = required(&fm.file, "file");
    let date = if date_text.is_empty() {
        None
    } else {
        match date_text.get(..10).and_then(|d| d.parse::<Date>().ok()) {
            Some(date) if date_text.len() == 10 => Some(date),
            _ => {
                problems.push(
                    Diagnostic::new(rel, "E405")
                        .arg("value", date_text.clone())
                        .at_opt(at(&["date"])),
                );
                None
            }
        }
    };
    let (file, file_type, file_size) = published_file(site, &source, file, &mut problems);
    let mut associations = Vec::new();
    for (i, name) in fm.associations.iter().enumerate() {
        match Slug::parse(name) {
            Ok(slug) if site.association(&slug).is_some() => associations.push(slug),
            _ => problems.push(
                Diagnostic::new(rel, "E407")
                    .arg("value", name.clone())
                    .at_opt(at(&["associations", &i.to_string()]).or(at(&["associations"]))),
            ),
        }
    }
    let period = match fm.period.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => match text.parse::<PeriodId>() {
            Ok(id) if site.periods.contains_key(&id) => Some(id),
            // A period held back as a draft: the document is published without the link.
            Ok(id) if site.drafts.iter().any(|d| *d == held_period_file(id)) => None,
            _ => {
                problems.push(
                    Diagnostic::new(rel, "E406")
                        .arg("value", text)
                        .at_opt(at(&["period"])),
                );
                None
            }
        },
    };
    let extra = crate::config::extra_to_json(&fm.extra);
    let sample = super::sample_mark_as(&source, &extra, true, "E302")
        .map_err(|d| problems.push(d))
        .unwrap_or_default();
    let slug = match &fm.slug {
        Some(given) => Slug::parse(given).ok(),
        None => Slug::from_text(&file_stem(rel)),
    };
    let Some(slug) = slug else {
        problems.push(Diagnostic::new(rel, "E408"));
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Some(Document {
        source: rel.to_path_buf(),
        slug,
        kind_slug: crate::slug::slugify(&kind),
        title,
        number,
        kind,
        issuer,
        date: date.unwrap_or_default(),
        file,
        file_type,
        file_size,
        associations,
        period,
        body: Markdown::new(split.body.to_string(), split.body_line),
        extra,
        sample,
    }))
}

/// The document's file as published (a file next to the document is named by its path under the
/// site), its type (`PDF`) and its size when it is a file of the site; E401 when a site path
/// names no file.
fn published_file(
    site: &Site,
    source: &yaml::YamlSource,
    mut file: String,
    problems: &mut Vec<Diagnostic>,
) -> (String, String, Option<u64>) {
    let rel = source.path;
    let (mut file_size, mut file_type) = (None, String::new());
    let colocated = super::colocated::is_reference(&file);
    if colocated {
        // A file next to the document: the loader published it (or reported it missing).
        let suffix = super::colocated::suffix(&file).to_string();
        if let Some(dest) = super::colocated::resolve(rel, &file) {
            file_size = size_of(site, &dest).flatten();
            file = format!("/{dest}{suffix}");
        }
        file_type = file
            .split(['?', '#'])
            .next()
            .and_then(|f| f.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_uppercase())
            .unwrap_or_default();
    } else if !file.is_empty() {
        file_type = file
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_uppercase())
            .unwrap_or_default();
        match crate::urls::site_file_target(&file, "/") {
            Some(target) => match size_of(site, &target) {
                Some(size) => file_size = size,
                None => problems.push(
                    Diagnostic::new(rel, "E401")
                        .arg("field", "file")
                        .arg("target", file.clone())
                        .at_opt(source.locate(&["file"])),
                ),
            },
            // An address elsewhere (https://…): linked as it is.
            None if file.starts_with("http://") || file.starts_with("https://") => {}
            None => problems.push(
                Diagnostic::new(rel, "E401")
                    .arg("field", "file")
                    .arg("target", file.clone())
                    .at_opt(source.locate(&["file"])),
            ),
        }
    }
    (file, file_type, file_size)
}

/// The size of the file the site publishes at `dest` (`Some(None)` when it cannot be read),
/// `None` when there is no such file.
fn size_of(site: &Site, dest: &str) -> Option<Option<u64>> {
    let found = site.static_files.iter().find(|f| f.dest == dest)?;
    Some(match &found.origin {
        StaticOrigin::Disk(p) => std::fs::metadata(p).ok().map(|m| m.len()),
        StaticOrigin::Builtin(bytes) => Some(bytes.len() as u64),
    })
}

/// Where a period's narrative lives; a draft period is known by it in `Site::drafts`.
fn held_period_file(id: PeriodId) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("content/periods/{id}.md"))
}

/// Parses `content/documents/*.md` (read by the loader with the rest of `content/`), newest
/// first. Called once the rest of the site is loaded (a document names members, periods and
/// static files).
pub fn load(
    site: &Site,
    texts: Vec<(SourcePath, String)>,
    drafts: bool,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Document> {
    let mut documents = Vec::new();
    for (file, text) in texts {
        match parse(site, &file, &text, drafts) {
            Ok(Some(document)) => documents.push(document),
            Ok(None) => {}
            Err(more) => problems.extend(more),
        }
    }
    documents.sort_by(|a: &Document, b: &Document| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.number.cmp(&b.number))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    let mut seen = std::collections::HashSet::new();
    for d in &documents {
        if !seen.insert(d.slug.clone()) {
            problems.push(Diagnostic::new(&d.source, "E409").arg("slug", d.slug.as_str()));
        }
    }
    documents
}
