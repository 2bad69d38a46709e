//! Rebuilding only what an edited news item touches. A news item whose URL, date, tags,
//! associations, period and draft flag stay the same keeps its place in every list, so the site's
//! structure is unchanged: re-parse the file, re-render its Markdown, and re-render the pages that
//! show it (its own page, its neighbours' pages, the list pages, tag pages, association pages and
//! period review that carry its card, the home page and the feed). Anything else falls back to a
//! full build; a test checks that both give the same files.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::content::news;
use crate::content::{SourcePath, read_text};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, MarkdownContext};
use crate::model::{NewsItem, Site};
use crate::render::{FEED_ITEMS, HOME_ITEMS, Job};
use crate::slug::Slug;

/// A news file re-read from disk, its Markdown rendered as the Markdown stage would.
pub struct Reparsed {
    pub index: usize,
    pub item: NewsItem,
    pub warnings: Vec<Diagnostic>,
}

/// What re-reading one news file found.
pub enum NewsChange {
    /// Same place in the site: can be applied in place.
    InPlace(Box<Reparsed>),
    /// Its URL, date, tags, associations, period or draft flag changed: needs a full build.
    Structural,
    /// The file has errors (with file and line).
    Broken(Vec<Diagnostic>),
    /// A draft that stays a draft in a site built without drafts: nothing shows it.
    Unpublished,
}

/// Re-reads the news file `rel` (relative to the site root), a file the site was loaded
/// with. `links` are the site's `@/` link targets ([`markdown::link_targets`]); `drafts` whether
/// the site was built with its drafts.
pub fn reparse_news(
    site: &Site,
    links: &HashMap<String, String>,
    rel: &Path,
    drafts: bool,
) -> NewsChange {
    let index = site.news.iter().position(|n| n.source == rel);
    let path = SourcePath {
        abs: site.root.join(rel),
        rel: rel.to_path_buf(),
    };
    let text = match read_text(&path.abs, &path.rel) {
        Ok(text) => text,
        Err(problem) => return NewsChange::Broken(vec![problem]),
    };
    let known: HashSet<Slug> = site.associations.iter().map(|a| a.slug.clone()).collect();
    let mut item = match news::parse(&path, &text, &known) {
        Ok(item) => item,
        Err(problems) => return NewsChange::Broken(problems),
    };
    let Some(index) = index else {
        // Not published: a draft, or a file that became a news item since the site was loaded.
        return if item.draft && !drafts {
            NewsChange::Unpublished
        } else {
            NewsChange::Structural
        };
    };
    if is_structural(&site.news[index], &item) {
        return NewsChange::Structural;
    }
    let context = MarkdownContext {
        links,
        base_path: &site.config.base_path,
        unsafe_html: site.config.markdown.unsafe_html,
    };
    let problems = markdown::render_news_body(&mut item, &context);
    if problems.iter().any(Diagnostic::is_error) {
        return NewsChange::Broken(problems);
    }
    NewsChange::InPlace(Box::new(Reparsed {
        index,
        item,
        warnings: problems,
    }))
}

/// Whether `new` would move in the site: another URL, another place in the date order, other
/// tag, association or period lists, or in or out of the published set.
pub fn is_structural(old: &NewsItem, new: &NewsItem) -> bool {
    old.source != new.source
        || old.slug != new.slug
        || old.date != new.date
        || old.tags != new.tags
        || old.tag_slugs != new.tag_slugs
        || old.associations != new.associations
        || old.period != new.period
        || old.draft != new.draft
}

/// Every output file that shows news item `index`: its page, the pages of its neighbours (their
/// "newer"/"older" links carry its card), and each list, feed or page that shows its card.
pub fn jobs_showing_news(site: &Site, index: usize) -> Vec<Job> {
    let item = &site.news[index];
    let per_page = site.config.news_per_page.max(1);
    let mut jobs = vec![Job::News(index), Job::NewsList(index / per_page + 1)];
    if index > 0 {
        jobs.push(Job::News(index - 1));
    }
    if index + 1 < site.news.len() {
        jobs.push(Job::News(index + 1));
    }
    if index < HOME_ITEMS {
        jobs.push(Job::Home);
    }
    if index < FEED_ITEMS {
        jobs.push(Job::Atom);
    }
    // The search index lists every news item with its title and summary.
    jobs.push(Job::SearchIndex);
    for slug in &item.tag_slugs {
        if let Some(&t) = site.index.tag_by_slug.get(slug)
            && let Some(position) = site.tags[t].news.iter().position(|&n| n == index)
        {
            jobs.push(Job::Tag(t, position / per_page + 1));
        }
    }
    // Association pages show only their latest news; re-rendering one that does not show this
    // item costs one page and saves knowing that limit here.
    for slug in &item.associations {
        if let Some(&a) = site.index.association_by_slug.get(slug) {
            jobs.push(Job::Association(a));
        }
    }
    if let Some(period) = item.period
        && site.periods.contains_key(&period)
    {
        jobs.push(Job::Report(period));
    }
    jobs.sort();
    jobs.dedup();
    jobs
}
