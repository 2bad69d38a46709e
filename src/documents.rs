//! Official documents as content: `content/documents/<slug>.md` (a plan, a decision, a report
//! with its number, kind, issuer and date, and the file under `static/`). Pages: `/documents/`
//! (newest first, filtered by kind and year with CSS radio buttons, no JavaScript, no reload)
//! and `/documents/<slug>/`; a period's review and a member's page list their documents.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::content::front_matter;
use crate::content::{Markdown, SourcePath, file_stem};
use crate::diagnostics::Diagnostic;
use crate::model::{Site, StaticOrigin};
use crate::period::PeriodId;
use crate::slug::Slug;
use crate::yaml;

/// The folder under `content/`.
pub const FOLDER: &str = "documents";

#[derive(Debug, Clone)]
pub struct Document {
    pub source: PathBuf,
    pub slug: Slug,
    /// Trích yếu.
    pub title: String,
    /// Số, ký hiệu (`05/KH-KTĐ`).
    pub number: String,
    /// Loại văn bản (`Kế hoạch`).
    pub kind: String,
    pub kind_slug: String,
    /// Cơ quan ban hành.
    pub issuer: String,
    pub date: Date,
    /// As written (`/files/ke-hoach.pdf`).
    pub file: String,
    /// `PDF`, `DOCX`.
    pub file_type: String,
    pub file_size: Option<u64>,
    pub associations: Vec<Slug>,
    pub period: Option<PeriodId>,
    pub body: Markdown,
}

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
    let (mut file_size, mut file_type) = (None, String::new());
    let mut file = file;
    let colocated = crate::content::colocated::is_reference(&file);
    if colocated {
        // A file next to the document: the loader published it (or reported it missing).
        let suffix = crate::content::colocated::suffix(&file).to_string();
        if let Some(dest) = crate::content::colocated::resolve(rel, &file) {
            if let Some(found) = site.static_files.iter().find(|f| f.dest == dest) {
                file_size = match &found.origin {
                    StaticOrigin::Disk(p) => std::fs::metadata(p).ok().map(|m| m.len()),
                    StaticOrigin::Builtin(bytes) => Some(bytes.len() as u64),
                };
            }
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
        match crate::images::site_file_target(&file, "/") {
            Some(target) => match site.static_files.iter().find(|f| f.dest == target) {
                Some(found) => {
                    file_size = match &found.origin {
                        StaticOrigin::Disk(p) => std::fs::metadata(p).ok().map(|m| m.len()),
                        StaticOrigin::Builtin(bytes) => Some(bytes.len() as u64),
                    }
                }
                None => problems.push(
                    Diagnostic::new(rel, "E401")
                        .arg("field", "file")
                        .arg("target", file.clone())
                        .at_opt(at(&["file"])),
                ),
            },
            // An address elsewhere (https://…): linked as it is.
            None if file.starts_with("http://") || file.starts_with("https://") => {}
            None => problems.push(
                Diagnostic::new(rel, "E401")
                    .arg("field", "file")
                    .arg("target", file.clone())
                    .at_opt(at(&["file"])),
            ),
        }
    }
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
    }))
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

/// `PDF, 245 KB`.
pub fn file_label(document: &Document, language: crate::i18n::Language) -> String {
    match document.file_size {
        Some(size) if !document.file_type.is_empty() => format!(
            "{}, {}",
            document.file_type,
            crate::images::size_text(size, language)
        ),
        Some(size) => crate::images::size_text(size, language),
        None => document.file_type.clone(),
    }
}

/// A document as templates show it.
#[derive(Serialize)]
pub struct DocumentView<'a> {
    pub slug: &'a str,
    pub url: String,
    pub title: &'a str,
    pub number: &'a str,
    pub kind: &'a str,
    pub kind_slug: &'a str,
    pub issuer: &'a str,
    pub year: i16,
    pub date: String,
    pub date_display: String,
    pub file_url: String,
    pub file_label: String,
    pub associations: Vec<crate::render::views::AssociationLink<'a>>,
    pub period: Option<crate::render::views::PeriodLink>,
    pub notes: &'a str,
}

pub fn view<'a>(views: &crate::render::views::Views<'a>, d: &'a Document) -> DocumentView<'a> {
    let site = views.site;
    let language = site.config.language;
    DocumentView {
        slug: d.slug.as_str(),
        url: views.url(&format!("{FOLDER}/{}/", d.slug)),
        title: &d.title,
        number: &d.number,
        kind: &d.kind,
        kind_slug: &d.kind_slug,
        issuer: &d.issuer,
        year: d.date.year(),
        date: d.date.to_string(),
        date_display: crate::i18n::format_date(d.date, crate::i18n::DateStyle::Short, language),
        file_url: views.asset_url(&d.file),
        file_label: file_label(d, language),
        associations: d
            .associations
            .iter()
            .filter_map(|s| site.association(s))
            .map(|a| views.association_link(a))
            .collect(),
        period: d.period.map(|p| views.period_link(p)),
        notes: &d.body.html,
    }
}

/// The documents of a period's review.
pub fn of_period(site: &Site, id: PeriodId) -> Vec<usize> {
    (0..site.documents.len())
        .filter(|&i| site.documents[i].period == Some(id))
        .collect()
}

/// The documents that name a member.
pub fn of_association(site: &Site, slug: &Slug) -> Vec<usize> {
    (0..site.documents.len())
        .filter(|&i| site.documents[i].associations.contains(slug))
        .collect()
}

/// The pages: the list, and one page per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocPage {
    List,
    One(usize),
}

pub fn jobs(site: &Site) -> Vec<DocPage> {
    if site.documents.is_empty() {
        return Vec::new();
    }
    let mut jobs = vec![DocPage::List];
    jobs.extend((0..site.documents.len()).map(DocPage::One));
    jobs
}

pub fn url_path(site: &Site, page: DocPage) -> String {
    match page {
        DocPage::List => format!("{FOLDER}/"),
        DocPage::One(i) => format!("{FOLDER}/{}/", site.documents[i].slug),
    }
}

/// Kinds (in order of first appearance, newest first) and years (newest first) of the list's
/// filters, each with the CSS class its rows carry.
#[derive(Debug, Serialize)]
pub struct Filter {
    pub id: String,
    pub label: String,
    pub count: usize,
}

pub fn filters(site: &Site) -> (Vec<Filter>, Vec<Filter>) {
    let mut kinds: Vec<Filter> = Vec::new();
    let mut years: Vec<Filter> = Vec::new();
    for d in &site.documents {
        match kinds.iter_mut().find(|k| k.id == d.kind_slug) {
            Some(k) => k.count += 1,
            None => kinds.push(Filter {
                id: d.kind_slug.clone(),
                label: d.kind.clone(),
                count: 1,
            }),
        }
        let year = d.date.year().to_string();
        match years.iter_mut().find(|y| y.id == year) {
            Some(y) => y.count += 1,
            None => years.push(Filter {
                id: year.clone(),
                label: year,
                count: 1,
            }),
        }
    }
    (kinds, years)
}

/// The CSS that makes the radio filters work: a checked kind (or year) hides the rows of other
/// kinds (years). Classes are slugs and years, so nothing here comes from text as written.
pub fn filter_css(kinds: &[Filter], years: &[Filter]) -> String {
    let mut css = String::new();
    for k in kinds {
        css.push_str(&format!(
            ".doc-filters:has(#dk-{0}:checked) ~ .doc-list .doc:not(.dk-{0}) {{ display: none; }}\n",
            k.id
        ));
    }
    for y in years {
        css.push_str(&format!(
            ".doc-filters:has(#dy-{0}:checked) ~ .doc-list .doc:not(.dy-{0}) {{ display: none; }}\n",
            y.id
        ));
    }
    css
}

/// Whether a content path belongs to the documents (for `serve`).
pub fn is_document_path(rel: &Path) -> bool {
    rel.starts_with(Path::new("content").join(FOLDER))
}
