//! Checks across files, once every kind of content is loaded: two items wanting the same URL,
//! aliases over a page of any kind, a file or a reserved path (from the route table,
//! [`crate::urls`]); and the lookups (tags, news per
//! association and period) that later stages use instead of scanning.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, display_path};
use crate::model::{Site, SiteIndex, Tag};
use crate::slug::Slug;
use crate::urls::{self, Owner, Route, Taken};

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
    check_routes(site, problems);
    super::year::check(site, problems);
}

/// The aliases against the route table: they must leave every page, every file and every
/// reserved path alone.
fn check_routes(site: &Site, problems: &mut Vec<Diagnostic>) {
    if site.news.iter().all(|n| n.aliases.is_empty()) {
        return;
    }
    let mut taken: Taken<Owner> = Taken::new();
    for route in urls::routes(site) {
        match route {
            Route::Alias(..) => {}
            Route::Static(i) => {
                let dest = &site.static_files[i].dest;
                taken.insert(dest, Owner::Static(urls::shown_path(dest)));
            }
            _ => taken.insert(&route.path(site), Owner::Generated(route.shown(site))),
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
    let mut first: HashMap<&Slug, &PathBuf> = HashMap::new();
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
    let mut by_slug: HashMap<&Slug, (Vec<usize>, HashMap<&str, usize>)> = HashMap::new();
    for (index, item) in site.news.iter().enumerate() {
        for (name, slug) in item.tags.iter().zip(&item.tag_slugs) {
            let entry = by_slug.entry(slug).or_default();
            entry.0.push(index);
            *entry.1.entry(name.as_str()).or_default() += 1;
        }
    }
    let mut tags: Vec<Tag> = by_slug
        .into_iter()
        .map(|(slug, (news, names))| {
            let name = names
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(name, _)| name.to_string())
                .unwrap_or_default();
            Tag {
                slug: slug.clone(),
                name,
                news,
            }
        })
        .collect();
    // By name in Vietnamese order (the slug drops the letters' marks: đ would sort as d).
    tags.sort_by(|a, b| {
        crate::collation::compare(&a.name, &b.name).then_with(|| a.slug.cmp(&b.slug))
    });
    tags
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
            index
                .news_by_association
                .entry(slug.clone())
                .or_default()
                .push(i);
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
