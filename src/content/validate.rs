//! Checks across files, once every kind of content is loaded: two items wanting the same URL,
//! aliases over a page of any kind, a file or a reserved path (from the route table,
//! [`crate::urls`]); and the lookups (tags, news per
//! association and period) that later stages use instead of scanning.

use rustc_hash::FxHashMap;
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, display_path};
use crate::model::{Site, SiteIndex, Tag};
use crate::slug::Slug;
use crate::urls::{self, Route, Taken};

/// The lookups, then every check: what `serve` runs after applying a change to a loaded site.
pub fn validate(site: &mut Site, problems: &mut Vec<Diagnostic>) {
    index(site);
    check(site, problems);
}

/// Fills in the tags and the lookups of [`SiteIndex`].
pub fn index(site: &mut Site) {
    site.tags = collect_tags(site);
    site.index = build_index(site);
}

/// Every check across files; the site's lookups must be filled in ([`index`]).
pub fn check(site: &Site, problems: &mut Vec<Diagnostic>) {
    check_unique_slugs(
        site.news.iter().map(|n| (&n.slug, &n.source)),
        "what-news-item",
        urls::NEWS,
        problems,
    );
    check_unique_slugs(
        site.pages.iter().map(|p| (&p.slug, &p.source)),
        "what-page",
        "",
        problems,
    );
    check_tag_spellings(site, problems);
    check_routes(site, problems);
    super::year::check(site, problems);
}

/// The aliases against the route table: they must leave every page, every file and every
/// reserved path alone.
fn check_routes(site: &Site, problems: &mut Vec<Diagnostic>) {
    if site.news.iter().all(|n| n.aliases.is_empty()) {
        return;
    }
    let mut taken: Taken<Route> = Taken::new();
    for route in urls::routes(site) {
        if !matches!(route, Route::Alias(..)) {
            taken.insert(&route.path(site), route);
        }
    }
    super::aliases::check(site, &taken, problems);
}

fn check_unique_slugs<'a>(
    items: impl Iterator<Item = (&'a Slug, &'a PathBuf)>,
    what: &'static str,
    prefix: &str,
    problems: &mut Vec<Diagnostic>,
) {
    let mut first: FxHashMap<&Slug, &PathBuf> = FxHashMap::default();
    for (slug, source) in items {
        if let Some(other) = first.get(slug) {
            // Report on the later file (in path order), naming the other.
            let (a, b) = if *other < source {
                (*other, source)
            } else {
                (source, *other)
            };
            problems.push(
                Diagnostic::new(b, "E054")
                    .nested("what", crate::messages::Message::new(what))
                    .arg("url", format!("/{prefix}{slug}/"))
                    .arg("other", display_path(a)),
            );
        } else {
            first.insert(slug, source);
        }
    }
}

/// One tag per slug, named by its most common spelling (then the first in order).
fn collect_tags(site: &Site) -> Vec<Tag> {
    let mut tags: Vec<Tag> = spellings(site)
        .into_iter()
        .map(|(slug, (news, names))| {
            let shown = most_written(&names);
            let mut other_spellings: Vec<(String, usize)> = names
                .iter()
                .filter(|(other, _)| **other != shown)
                .map(|(other, (_, first))| (other.to_string(), *first))
                .collect();
            other_spellings.sort();
            Tag {
                slug: slug.clone(),
                name: shown.to_string(),
                news,
                other_spellings,
            }
        })
        .collect();
    // By name in Vietnamese order (the slug drops the letters' marks: đ would sort as d).
    tags.sort_by(|a, b| {
        crate::collation::compare(&a.name, &b.name).then_with(|| a.slug.cmp(&b.slug))
    });
    tags
}

/// A tag's spellings: how many items write each, and the first of them.
type Spellings<'a> = FxHashMap<&'a str, (usize, usize)>;

/// Every tag by slug: the items that have it, and how it is written.
fn spellings(site: &Site) -> FxHashMap<&Slug, (Vec<usize>, Spellings<'_>)> {
    let mut by_slug: FxHashMap<&Slug, (Vec<usize>, Spellings)> = FxHashMap::default();
    for (index, item) in site.news.iter().enumerate() {
        for (name, slug) in item.tags.iter().zip(&item.tag_slugs) {
            let entry = by_slug.entry(slug).or_default();
            entry.0.push(index);
            entry.1.entry(name.as_str()).or_insert((0, index)).0 += 1;
        }
    }
    by_slug
}

/// The spelling most items write (then the first in order).
fn most_written<'a>(names: &Spellings<'a>) -> &'a str {
    names
        .iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(a.0)))
        .map_or("", |(name, _)| name)
}

/// Spellings of one tag that differ only by case or marks (`Thi đua`, `thi dua`) make one tag:
/// each other spelling gets a warning (W610) at the first news item that writes it, naming the
/// one shown, so the editor sees the merge instead of finding it on the tag page.
fn check_tag_spellings(site: &Site, problems: &mut Vec<Diagnostic>) {
    for tag in &site.tags {
        for (other, first) in &tag.other_spellings {
            let source = &site.news[*first].source;
            problems.push(
                Diagnostic::new(source, "W610")
                    .arg("tag", other.as_str())
                    .arg("shown", tag.name.as_str())
                    .at(super::key_line(&site.root, source, "tags"), 0),
            );
        }
    }
}

fn build_index(site: &Site) -> SiteIndex {
    let mut index = SiteIndex::default();
    for (i, association) in site.associations.iter().enumerate() {
        index
            .association_by_slug
            .insert(association.slug.clone(), i);
    }
    for (i, item) in site.news.iter().enumerate() {
        for slug in &item.associations {
            // A look-up first: most news name a member already seen (no copy of its slug).
            match index.news_by_association.get_mut(slug) {
                Some(list) => list.push(i),
                None => {
                    index.news_by_association.insert(slug.clone(), vec![i]);
                }
            }
        }
        if let Some(period) = item.period {
            index.news_by_period.entry(period).or_default().push(i);
        }
    }
    for (i, tag) in site.tags.iter().enumerate() {
        index.tag_by_slug.insert(tag.slug.clone(), i);
    }
    index
}

/// News images and member logos that name a file of the site that does not exist (E401).
pub fn check_image_fields(site: &crate::model::Site) -> Vec<Diagnostic> {
    let base_path = &site.config.base_path;
    let mut problems = Vec::new();
    let mut check = |source: &std::path::Path, field: &'static str, url: &str| {
        if let Some(path) = crate::urls::site_file_target(url, base_path)
            && !site.images.files.contains(&path)
            && !site.images.refused.contains(&path)
        {
            problems.push(
                Diagnostic::new(source, "E401")
                    .arg("field", field)
                    .arg("target", url)
                    .at(super::key_line(&site.root, source, field), 0),
            );
        }
    };
    for item in &site.news {
        if let Some(image) = &item.image {
            check(&item.source, "image", image);
        }
    }
    for association in &site.associations {
        if let Some(logo) = &association.logo {
            check(&association.source, "logo", logo);
        }
    }
    problems
}
