//! The official documents as pages show them: `/documents/` (newest first, filtered by kind and
//! year with CSS radio buttons, no JavaScript, no reload), `/documents/<slug>/`, and the lists on
//! a period's review and a member's page.

use serde::Serialize;

use super::views::{AssociationLink, PeriodLink, Views};
use crate::model::{Document, Site};

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
    pub associations: Vec<AssociationLink<'a>>,
    pub period: Option<PeriodLink>,
    pub notes: &'a str,
    /// The whole document is sample data; its number or date is.
    pub sample: bool,
    pub number_sample: bool,
    pub date_sample: bool,
}

pub fn view<'a>(views: &Views<'a>, d: &'a Document) -> DocumentView<'a> {
    let site = views.site;
    let language = site.config.language;
    DocumentView {
        slug: d.slug.as_str(),
        url: views.url(&crate::urls::document(&d.slug)),
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
        sample: d.sample.is_all(),
        number_sample: d.sample.covers("number"),
        date_sample: d.sample.covers("date"),
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
