//! Applying changed content files to the loaded site instead of loading it again, and knowing
//! which output files that changes. A [`Session`] takes a batch of changed files one by one: it
//! re-parses each (a news item, an achievement, a scoring table, a period narrative, a profile),
//! renders its Markdown, puts it where a full load would (a new news item in date order, a period
//! that a file names for the first time), rebuilds the lookups, and notes what shows it in
//! [`Touched`]. [`Session::finish`] turns that into render jobs, plus the pages that appeared or
//! went away (a news list's last page, a tag, a period's review).
//!
//! Whatever a file-by-file update cannot get right asks for a full load ([`Outcome::Reload`]): a
//! deleted file that other content links to with `@/`, two items with one URL, a new association.
//! Tests compare every incremental change with a full build of the same files.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Component, Path};
use std::sync::Arc;

use crate::content::load::{self, news_order};
use crate::content::validate::validate;
use crate::content::{SourcePath, content_path, file_stem, front_matter, news, read_text};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, MarkdownContext};
use crate::model::{Markdown, NewsItem, Period, Site};
use crate::period::PeriodId;
use crate::render::{self, FEED_ITEMS, HOME_ITEMS};
use crate::slug::Slug;
use crate::urls::{self, Route, page_count};

use super::output::FileMap;

/// A file under `content/` that can be applied on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentFile {
    News,
    Profile(Slug),
    Achievement(Slug, PeriodId),
    Scoring(PeriodId),
    Period(PeriodId),
    Page,
    /// A file of `static/` or of the theme's `static/`, added or deleted.
    Static,
}

impl ContentFile {
    /// The order a batch is applied in: profiles define the metrics achievements use, news last.
    fn rank(&self) -> u8 {
        match self {
            ContentFile::Profile(_) => 0,
            ContentFile::Achievement(..) => 1,
            ContentFile::Scoring(_) => 2,
            ContentFile::Period(_) => 3,
            ContentFile::Page => 4,
            ContentFile::News => 4,
            ContentFile::Static => 5,
        }
    }
}

/// What `rel` (relative to the site root) is, when it is a file `serve` can apply on its own:
/// a news item, a page, a data file of an association the site has, a static file. Files in the
/// wrong place and new associations give `None` (a full load handles them and reports their
/// problems).
pub fn content_file(site: &Site, rel: &Path) -> Option<ContentFile> {
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let extension = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    let period = || file_stem(rel).parse::<PeriodId>().ok();
    match parts.as_slice() {
        ["content", "news", _, ..] if extension == "md" => Some(ContentFile::News),
        ["content", "associations", folder, name] if extension == "yaml" => {
            let slug = Slug::parse(folder).ok()?;
            if !site.index.association_by_slug.contains_key(&slug) {
                return None;
            }
            if *name == "profile.yaml" {
                Some(ContentFile::Profile(slug))
            } else {
                Some(ContentFile::Achievement(slug, period()?))
            }
        }
        ["content", "scoring", _] if extension == "yaml" => Some(ContentFile::Scoring(period()?)),
        ["content", "periods", _] if extension == "md" => Some(ContentFile::Period(period()?)),
        ["content", "pages", _] if extension == "md" => Some(ContentFile::Page),
        ["static", _, ..] => Some(ContentFile::Static),
        ["themes", theme, "static", _, ..] if *theme == site.config.theme => {
            Some(ContentFile::Static)
        }
        _ => None,
    }
}

/// Sorts a batch into the order it is applied in: by kind, deleted news files before the others
/// (a renamed file frees its URL before the new name takes it), then by path.
pub fn sort_batch(site: &Site, batch: &mut [(std::path::PathBuf, ContentFile)]) {
    batch.sort_by_cached_key(|(rel, kind)| {
        let gone = *kind == ContentFile::News && !site.root.join(rel).is_file();
        (kind.rank(), !gone, rel.clone())
    });
}

/// What applying one file did.
#[derive(Debug)]
pub enum Outcome {
    /// Applied to the site (or nothing to apply); its warnings.
    Applied(Vec<Diagnostic>),
    /// The file has errors: the site keeps its last good version of it.
    Broken(Vec<Diagnostic>),
    /// Only a full load gets this right.
    Reload,
}

/// The output files a batch of changes touches, by what they show.
#[derive(Debug, Default)]
pub struct Touched {
    /// Every page (a profile edit, a tag renamed by its most common spelling).
    pub everything: bool,
    /// Every static file (one that is added may take the place of a built-in one).
    pub statics: bool,
    /// The set of pages may have changed: compare with the served files.
    pub structure: bool,
    /// The number of news items changed (templates can show `site.news_count`).
    pub news_count: bool,
    /// The templates' site-wide context changed: make the renderer again.
    pub renderer: bool,
    /// News items whose card changed, at their place in the site: [`jobs_showing_news`].
    pub cards: BTreeSet<Slug>,
    /// News pages (a neighbour's "newer"/"older" link changed).
    pub news_pages: BTreeSet<Slug>,
    /// Free pages.
    pub pages: BTreeSet<Slug>,
    /// Ranges of positions in the news list whose item changed (`None`: to the end), each as
    /// the list was when the change was made: together they cover every position of the final
    /// list that differs from the first.
    pub news_positions: Vec<(usize, Option<usize>)>,
    /// Every page of the news list.
    pub news_lists: bool,
    /// Every page of these tags.
    pub tags: BTreeSet<Slug>,
    pub tag_index: bool,
    pub associations: BTreeSet<Slug>,
    pub all_associations: bool,
    pub association_index: bool,
    pub reports: BTreeSet<PeriodId>,
    /// `data.json` and `data.csv` of these periods.
    pub report_data: BTreeSet<PeriodId>,
    pub reports_index: bool,
    pub scorings: BTreeSet<PeriodId>,
    pub scoring_index: bool,
    pub home: bool,
    pub atom: bool,
    pub sitemap: bool,
    pub search_index: bool,
}

impl Touched {
    /// The render jobs of the pages that exist in `site`.
    fn jobs(&self, site: &Site) -> Vec<Route> {
        if self.everything {
            return urls::routes(site);
        }
        let per_page = site.config.news_per_page;
        let mut jobs = Vec::new();
        if !self.cards.is_empty() || !self.news_pages.is_empty() {
            let by_slug: HashMap<&Slug, usize> = site
                .news
                .iter()
                .enumerate()
                .map(|(i, n)| (&n.slug, i))
                .collect();
            for slug in &self.cards {
                if let Some(&i) = by_slug.get(slug) {
                    jobs.extend(jobs_showing_news(site, i));
                }
            }
            for slug in &self.news_pages {
                if let Some(&i) = by_slug.get(slug) {
                    jobs.push(Route::News(i));
                    // Its redirect pages show its title and lead to its URL.
                    jobs.extend((0..site.news[i].aliases.len()).map(|k| Route::Alias(i, k)));
                }
            }
        }
        let pages = page_count(site.news.len(), per_page);
        for slug in &self.pages {
            if let Some(i) = site.pages.iter().position(|p| p.slug == *slug) {
                jobs.push(Route::Page(i));
            }
        }
        if self.news_lists {
            jobs.extend((1..=pages).map(Route::NewsList));
        } else {
            let page_of = |i: usize| i / per_page.max(1) + 1;
            let mut numbers = BTreeSet::new();
            for &(from, to) in &self.news_positions {
                let last = to.map_or(pages, |to| page_of(to).min(pages));
                numbers.extend(page_of(from)..=last);
            }
            jobs.extend(numbers.into_iter().map(Route::NewsList));
        }
        for slug in &self.tags {
            if let Some(&t) = site.index.tag_by_slug.get(slug) {
                let pages = page_count(site.tags[t].news.len(), per_page);
                jobs.extend((1..=pages).map(|n| Route::Tag(t, n)));
                jobs.push(Route::TagFeed(t));
            }
        }

        if self.all_associations {
            jobs.extend((0..site.associations.len()).map(Route::Association));
            jobs.extend((0..site.associations.len()).map(Route::AssociationFeed));
        } else {
            for slug in &self.associations {
                if let Some(&a) = site.index.association_by_slug.get(slug) {
                    jobs.extend([Route::Association(a), Route::AssociationFeed(a)]);
                }
            }
        }
        for id in &self.reports {
            if site.periods.contains_key(id) {
                jobs.push(Route::Report(*id));
            }
        }
        for id in &self.report_data {
            if site.periods.contains_key(id) {
                jobs.extend([Route::ReportJson(*id), Route::ReportCsv(*id)]);
            }
        }
        // A meeting's page names the period it reviewed, by the period's title.
        for (i, meeting) in site.meetings.iter().enumerate() {
            if meeting.period.is_some_and(|p| self.reports.contains(&p)) {
                jobs.push(Route::Meeting(i));
            }
        }
        for id in &self.scorings {
            if site.scorings.contains_key(id) {
                jobs.push(Route::Scoring(*id));
            }
        }
        // The office downloads carry the review's text and figures and the scoring table; a
        // year's report holds its scoring as an appendix, and the scoring's appendix names the
        // report it is attached to: either change renders both.
        for id in self
            .reports
            .iter()
            .chain(&self.report_data)
            .chain(&self.scorings)
        {
            jobs.extend(urls::report_downloads(site, *id));
            jobs.extend(urls::scoring_downloads(site, *id));
        }
        if self.statics {
            jobs.extend((0..site.static_files.len()).map(Route::Static));
        }
        // Document pages name periods and members and show their files' sizes: they are few,
        // so any such change renders them all again.
        if self.statics
            || self.all_associations
            || !self.associations.is_empty()
            || !self.reports.is_empty()
        {
            jobs.extend(urls::document_routes(site));
        }
        for (wanted, job) in [
            (self.tag_index, Route::Tags),
            (self.association_index, Route::Associations),
            (self.reports_index, Route::Reports),
            (self.scoring_index, Route::ScoringIndex),
            (self.home, Route::Home),
            (self.atom, Route::Atom),
            (self.sitemap, Route::Sitemap),
            (self.search_index, Route::SearchIndex),
        ] {
            if wanted {
                jobs.push(job);
            }
        }
        jobs
    }
}

/// What to render after a batch, and which served files no longer exist.
#[derive(Debug, Default)]
pub struct Plan {
    pub jobs: Vec<Route>,
    pub removed: Vec<String>,
    /// The renderer must be made again before rendering (its site-wide context changed).
    pub renderer: bool,
}

/// Applies changed files to a loaded site, one at a time.
pub struct Session<'a> {
    pub(super) site: &'a mut Site,
    /// The site's `@/` link targets ([`markdown::link_targets`]), kept up to date.
    pub(super) links: &'a mut HashMap<String, String>,
    pub(super) drafts: bool,
    pub touched: Touched,
    /// Whether a batch added a link target (then files broken by a missing target get another try).
    pub links_added: bool,
    /// The number of news items before the first change to the news list.
    news_count_before: Option<usize>,
    /// Tag names before the first change to the news list: a tag is named by its most common
    /// spelling, and every card shows that name.
    tag_names: Option<HashMap<Slug, String>>,
}

impl<'a> Session<'a> {
    /// `drafts`: whether the site was loaded with its drafts.
    pub fn new(
        site: &'a mut Site,
        links: &'a mut HashMap<String, String>,
        drafts: bool,
    ) -> Session<'a> {
        Session {
            site,
            links,
            drafts,
            touched: Touched::default(),
            links_added: false,
            news_count_before: None,
            tag_names: None,
        }
    }

    /// Applies the file `rel` (relative to the site root) as it now is on disk.
    pub fn apply(&mut self, rel: &Path, kind: &ContentFile) -> Outcome {
        match kind {
            ContentFile::News => self.news(rel),
            ContentFile::Profile(slug) => self.profile(slug, rel),
            ContentFile::Achievement(slug, period) => self.achievement(slug, *period, rel),
            ContentFile::Scoring(period) => self.scoring(*period, rel),
            ContentFile::Period(period) => self.period(*period, rel),
            ContentFile::Page => self.page(rel),
            ContentFile::Static => self.statics(),
        }
    }

    /// The jobs to render. `files` are the served files; `uses` what the templates show. `None`
    /// when the result cannot be right without a full build (a static file in the place of a new
    /// page).
    pub fn finish(self, files: &FileMap, uses: TemplateUse) -> Option<Plan> {
        let site = &*self.site;
        let mut touched = self.touched;
        if let Some(before) = self.news_count_before {
            let per_page = site.config.news_per_page;
            if uses.total_items
                || page_count(before, per_page) != page_count(site.news.len(), per_page)
            {
                // Every page shows the number of pages (or of items).
                touched.news_lists = true;
            }
        }
        if let Some(before) = &self.tag_names
            && site
                .tags
                .iter()
                .any(|t| before.get(&t.slug).is_some_and(|name| *name != t.name))
        {
            // Every card with that tag shows the new name.
            touched.everything = true;
        }
        if touched.news_count && uses.news_count {
            touched.everything = true;
            touched.renderer = true;
        }
        let mut plan = Plan {
            jobs: touched.jobs(site),
            removed: Vec::new(),
            renderer: touched.renderer,
        };
        if touched.structure || touched.everything {
            let all = crate::urls::routes(site);
            let mut paths: HashMap<String, Route> = HashMap::with_capacity(all.len());
            for job in all {
                if paths.insert(job.path(site), job).is_some() {
                    return None;
                }
            }
            plan.removed = files
                .keys()
                .filter(|key| {
                    !paths.contains_key(&***key)
                        && !is_sitemap_part(key)
                        && !render::search::is_part(key)
                })
                .map(|key| key.to_string())
                .collect();
            let before = plan.jobs.len();
            plan.jobs.extend(
                paths
                    .iter()
                    .filter(|(path, _)| !files.contains_key(path.as_str()))
                    .map(|(_, job)| *job),
            );
            if plan.jobs.len() > before || !plan.removed.is_empty() {
                plan.jobs.push(Route::Sitemap);
            }
            plan.removed.sort();
        }
        plan.jobs.sort();
        plan.jobs.dedup();
        Some(plan)
    }

    /// The static files as the loader finds them (once a batch).
    fn statics(&mut self) -> Outcome {
        if self.touched.statics {
            return Outcome::Applied(Vec::new());
        }
        let mut problems = Vec::new();
        let files = load::collect_static(&self.site.root, &self.site.config, &mut problems);
        if !problems.is_empty() {
            // A symlink that leads outside the site, a loop: the loader's message.
            return Outcome::Reload;
        }
        let (files, images) = crate::images::publish(
            &self.site.root,
            &self.site.config,
            files,
            &crate::model::images::ImageWork::Publish,
            &mut problems,
        );
        // A broken photo, a photo added, changed or removed (pages show it), or a file removed
        // (a link to it is now an error): the site is loaded again. A file added only makes
        // more links valid.
        if problems.iter().any(|d| d.is_error())
            || images.images != self.site.images.images
            || !self.site.images.files.is_subset(&images.files)
        {
            return Outcome::Reload;
        }
        self.site.images = images;
        self.site.static_files = files;
        self.touched.statics = true;
        self.touched.structure = true;
        Outcome::Applied(Vec::new())
    }

    /// Whether the files next to content that a changed file names are published already. A
    /// file named for the first time (or a path out of `content/`) needs a full load: the image
    /// pipeline publishes it and the loader reports it.
    pub(super) fn colocated_published(
        &self,
        references: &[crate::content::colocated::Reference],
    ) -> bool {
        references.iter().all(|r| match &r.target {
            Some(dest) => self.site.images.files.contains(dest),
            None => r.field.is_none(),
        })
    }

    pub(super) fn markdown_context(&self) -> MarkdownContext<'_> {
        MarkdownContext {
            links: self.links,
            base_path: &self.site.config.base_path,
            unsafe_html: self.site.config.markdown.unsafe_html,
            images: Some(&self.site.images),
        }
    }

    /// A Markdown file (news, page, period) whose front matter has errors: as a full build
    /// does, its body is still checked, so a wrong slug does not hide a missing photo (E067,
    /// E400).
    pub(super) fn broken_with_body(&self, rel: &Path, mut problems: Vec<Diagnostic>) -> Outcome {
        if let Ok(text) = std::fs::read_to_string(self.site.root.join(rel))
            && let Ok(split) = front_matter::split(&text)
        {
            let mut body = Markdown::new(split.body.to_string(), split.body_line);
            problems.extend(markdown::render_body(
                &mut body,
                rel,
                &self.markdown_context(),
            ));
        }
        Outcome::Broken(problems)
    }

    /// Reads and parses a news file; `None` when it is gone or not published.
    fn read_news(&self, rel: &Path) -> Result<Option<NewsItem>, Vec<Diagnostic>> {
        let path = SourcePath {
            abs: self.site.root.join(rel),
            rel: rel.to_path_buf(),
        };
        if !path.abs.is_file() {
            return Ok(None);
        }
        let text = read_text(&path.abs, &path.rel).map_err(|d| vec![d])?;
        let known: HashSet<Slug> = self.site.association_slugs().into_iter().collect();
        let mut item = news::parse(&path, &text, &known)?;
        // As the loader does: no link to the review of a held-back draft period.
        if item.period.is_some_and(|p| self.held_back(p)) {
            item.period = None;
        }
        Ok((self.drafts || !item.draft).then_some(item))
    }

    fn news(&mut self, rel: &Path) -> Outcome {
        let mut new = match self.read_news(rel) {
            Ok(new) => new,
            Err(problems) => return self.broken_with_body(rel, problems),
        };
        if let Some(item) = &mut new
            && !self.colocated_published(&crate::content::colocated::news(item))
        {
            return Outcome::Reload;
        }
        let old = self.site.news.iter().position(|n| n.source == rel);
        match (old, new) {
            (None, None) => Outcome::Applied(Vec::new()),
            (Some(index), Some(mut item)) if !is_structural(&self.site.news[index], &item) => {
                let problems = markdown::render_news_body(&mut item, &self.markdown_context());
                if problems.iter().any(Diagnostic::is_error) {
                    return Outcome::Broken(problems);
                }
                self.touched.cards.insert(item.slug.clone());
                self.site.news[index] = item;
                Outcome::Applied(problems)
            }
            (old, new) => self.move_news(rel, old, new),
        }
    }

    /// Adds, removes or moves a news item: `old` is its index in the site, `new` the item as
    /// the file now has it.
    fn move_news(&mut self, rel: &Path, old: Option<usize>, new: Option<NewsItem>) -> Outcome {
        let site = &*self.site;
        let target = content_path(rel);
        let url = new
            .as_ref()
            .map(|item| site.config.path_url(&urls::news(&item.slug)));
        // Content that links to the item would keep a stale URL, or miss its error.
        if old.is_some()
            && url.as_ref() != self.links.get(&target)
            && links_to(site, &target, self.links.get(&target), old)
        {
            return Outcome::Reload;
        }
        // Two items with one URL: a full load names both files.
        if let Some(item) = &new
            && site
                .news
                .iter()
                .enumerate()
                .any(|(i, n)| Some(i) != old && n.slug == item.slug)
        {
            return Outcome::Reload;
        }
        let mut warnings = Vec::new();
        let mut new = new;
        match (&mut new, url) {
            (Some(item), Some(url)) => {
                let previous = self.links.insert(target.clone(), url);
                let problems = markdown::render_news_body(item, &self.markdown_context());
                if problems.iter().any(Diagnostic::is_error) {
                    match previous {
                        Some(url) => self.links.insert(target, url),
                        None => self.links.remove(&target),
                    };
                    return Outcome::Broken(problems);
                }
                self.links_added |= previous.is_none();
                warnings = problems;
            }
            _ => {
                self.links.remove(&target);
            }
        }

        self.news_count_before.get_or_insert(self.site.news.len());
        if self.tag_names.is_none() {
            self.tag_names = Some(
                self.site
                    .tags
                    .iter()
                    .map(|t| (t.slug.clone(), t.name.clone()))
                    .collect(),
            );
        }
        if let Some(index) = old {
            // The pages that showed it among their related news (the lookups are still those
            // of the site with it).
            let around = crate::render::readers::shown_related_by(self.site, index);
            let slugs: Vec<Slug> = around
                .into_iter()
                .map(|n| self.site.news[n].slug.clone())
                .collect();
            self.touched.news_pages.extend(slugs);
            let item = self.site.news.remove(index);
            // Its neighbours now link to each other.
            self.touch_news_pages(index.saturating_sub(1)..index + 1);
            self.touch_lists_of(&item);
        }
        let at = new.map(|item| {
            let at = self
                .site
                .news
                .partition_point(|n| news_order(n, &item) == Ordering::Less);
            self.touch_lists_of(&item);
            self.site.news.insert(at, item);
            self.touch_news_pages(at.saturating_sub(1)..at + 2);
            at
        });
        // The list positions whose item changed: between its old and new place when it moved,
        // else from where it came or went to the end.
        self.touched.news_positions.push(match (old, at) {
            (Some(i), Some(j)) => (i.min(j), Some(i.max(j))),
            (Some(i), None) | (None, Some(i)) => (i, None),
            (None, None) => unreachable!("a change of nothing is not a move"),
        });
        let mut problems = Vec::new();
        validate(self.site, &mut problems);
        if problems.iter().any(Diagnostic::is_error) {
            return Outcome::Reload;
        }
        if let Some(at) = at {
            // The pages that show it among their related news now.
            let around = crate::render::readers::shown_related_by(self.site, at);
            let slugs: Vec<Slug> = around
                .into_iter()
                .map(|n| self.site.news[n].slug.clone())
                .collect();
            self.touched.news_pages.extend(slugs);
        }
        self.touched.structure = true;
        self.touched.news_count = true;
        self.reconcile_periods();
        Outcome::Applied(warnings)
    }

    /// The pages of the news items in `range` (as far as they exist).
    fn touch_news_pages(&mut self, range: std::ops::Range<usize>) {
        let end = range.end.min(self.site.news.len());
        let start = range.start.min(end);
        for item in &self.site.news[start..end] {
            self.touched.news_pages.insert(item.slug.clone());
        }
    }

    /// Every list, feed and page that shows `item`'s card (the news list apart), and the counts
    /// that include it.
    fn touch_lists_of(&mut self, item: &NewsItem) {
        let touched = &mut self.touched;
        // Every page of its tags: they show the tag's count.
        touched.tags.extend(item.tag_slugs.iter().cloned());
        touched.tag_index |= !item.tag_slugs.is_empty();
        touched
            .associations
            .extend(item.associations.iter().cloned());
        touched.reports.extend(item.period);
        touched.home = true;
        touched.atom = true;
        touched.sitemap = true;
        touched.search_index = true;
    }

    /// Makes the periods those a full load would have: every period a file names, and those with
    /// a narrative. Notes the pages that list periods when one appeared or went away.
    pub(super) fn reconcile_periods(&mut self) {
        let site = &mut *self.site;
        let mut named: BTreeSet<PeriodId> = site.scorings.keys().copied().collect();
        named.extend(site.news.iter().filter_map(|n| n.period));
        named.extend(
            site.associations
                .iter()
                .flat_map(|a| a.achievements.keys().copied()),
        );
        let before: BTreeSet<PeriodId> = site.periods.keys().copied().collect();
        site.periods
            .retain(|id, period| period.source.is_some() || named.contains(id));
        let language = site.config.language;
        for id in named {
            site.periods
                .entry(id)
                .or_insert_with(|| Period::untitled(id, language));
        }
        let after: BTreeSet<PeriodId> = site.periods.keys().copied().collect();
        // Lists and member pages show the roles of the latest period's year (`bloc.roles`).
        let year = |set: &BTreeSet<PeriodId>| set.last().map(|p| p.year());
        if year(&before) != year(&after) {
            // `site.leader` / `site.deputy` of every page follow it too.
            self.touched.everything = true;
            self.touched.renderer = true;
        }
        for &id in before.symmetric_difference(&after) {
            self.period_came_or_went(id);
        }
    }

    /// Period `id` appeared or went away: the pages that list or link periods.
    pub(super) fn period_came_or_went(&mut self, id: PeriodId) {
        let touched = &mut self.touched;
        touched.structure = true;
        touched.reports_index = true;
        touched.home = true;
        touched.search_index = true;
        touched.sitemap = true;
        // Reviews link the preceding and the following period when they exist.
        touched.reports.extend(
            self.site
                .periods
                .keys()
                .filter(|q| q.preceding() == Some(id) || q.following() == Some(id)),
        );
    }

    /// A link target `@/<target>` goes away or changes: `false` when content links to it (then
    /// only a full load gets every page and error right).
    pub(super) fn can_drop_target(&self, target: &str) -> bool {
        !links_to(self.site, target, self.links.get(target), None)
    }

    /// Whether the `@/<target>` link may point to `url` from now on (`None`: nowhere): `false`
    /// when that changes where content links to.
    pub(super) fn can_move_target(&self, target: &str, url: Option<&String>) -> bool {
        url == self.links.get(target) || self.can_drop_target(target)
    }
}

/// The served files after rendering `plan` into `rendered`; `None` when no file changed.
/// `search`: the layout of the search index the renderer made last ([`render::search::layout`]):
/// the search job writes only the files that changed, and those outside it go.
pub fn merge(
    site: &Site,
    files: &FileMap,
    plan: &Plan,
    rendered: FileMap,
    search: Option<render::search::Layout>,
) -> Option<FileMap> {
    // A sitemap split in parts: parts it no longer writes go (unless a static file has the name).
    let stale_parts: Vec<Arc<str>> = if plan.jobs.contains(&Route::Sitemap) {
        files
            .keys()
            .filter(|key| {
                is_sitemap_part(key)
                    && !rendered.contains_key(*key)
                    && !site.static_files.iter().any(|f| *f.dest == ***key)
            })
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    // The search index's chunks and documents: those it no longer has go.
    let mut stale_parts = stale_parts;
    if plan.jobs.contains(&Route::SearchIndex) {
        stale_parts.extend(
            files
                .keys()
                .filter(|key| {
                    render::search::is_part(key)
                        && !rendered.contains_key(*key)
                        && !search.is_some_and(|layout| render::search::in_layout(key, layout))
                })
                .cloned(),
        );
    }
    let changed = !plan.removed.is_empty()
        || !stale_parts.is_empty()
        || rendered
            .iter()
            .any(|(path, file)| files.get(path) != Some(file));
    if !changed {
        return None;
    }
    let mut merged = files.clone();
    for path in plan.removed.iter().map(String::as_str) {
        merged.remove(path);
    }
    for path in stale_parts {
        merged.remove(&path);
    }
    merged.extend(rendered);
    Some(merged)
}

/// `sitemap-2.xml`: a part of a sitemap index, written by the sitemap job.
fn is_sitemap_part(path: &str) -> bool {
    path.strip_prefix("sitemap-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether content other than news item `except` links to `@/<target>`, whose URL is `url`.
/// News bodies keep only their HTML (their Markdown is dropped once rendered, to save memory), so
/// the rendered HTML of every text is searched for the URL as well: a plain link to the same page
/// counts too, which costs only a full load.
fn links_to(site: &Site, target: &str, url: Option<&String>, except: Option<usize>) -> bool {
    let needle = format!("@/{target}");
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let found = |m: &Markdown| finder.find(m.source.as_bytes()).is_some();
    let mut urls = Vec::new();
    if let Some(url) = url {
        let mut escaped = String::new();
        let _ = pulldown_cmark_escape::escape_href(&mut escaped, url);
        if escaped != *url {
            urls.push(escaped);
        }
        urls.push(url.clone());
    }
    let url_finders: Vec<memchr::memmem::Finder> = urls
        .iter()
        .map(|u| memchr::memmem::Finder::new(u.as_bytes()))
        .collect();
    let in_html = |m: &Markdown| {
        found(m)
            || url_finders
                .iter()
                .any(|f| f.find(m.html.as_bytes()).is_some())
    };
    site.news
        .iter()
        .enumerate()
        .any(|(i, n)| Some(i) != except && in_html(&n.body))
        || site.pages.iter().any(|p| in_html(&p.body))
        || site
            .periods
            .values()
            .any(|p| p.narrative.as_ref().is_some_and(in_html))
        || site.associations.iter().any(|a| {
            a.description.as_ref().is_some_and(in_html)
                || a.achievements.values().any(|achievement| {
                    achievement.summary.as_ref().is_some_and(in_html)
                        || achievement.highlights.iter().any(in_html)
                        || achievement.plans.iter().any(in_html)
                })
        })
}

/// Whether `new` would move in the site: another URL, another place in the date order, other
/// tag, association or period lists, or in or out of the published set.
pub fn is_structural(old: &NewsItem, new: &NewsItem) -> bool {
    old.source != new.source
        || old.slug != new.slug
        || old.date != new.date
        // The sitemap's `lastmod`; the redirect pages that exist.
        || old.updated != new.updated
        || old.aliases != new.aliases
        || old.tags != new.tags
        || old.tag_slugs != new.tag_slugs
        || old.associations != new.associations
        || old.period != new.period
        || old.draft != new.draft
}

/// Every output file that shows news item `index`: its page, the pages of its neighbours (their
/// "newer"/"older" links carry its card), and each list, feed or page that shows its card.
pub fn jobs_showing_news(site: &Site, index: usize) -> Vec<Route> {
    let item = &site.news[index];
    let per_page = site.config.news_per_page.max(1);
    let mut jobs = vec![Route::News(index), Route::NewsList(index / per_page + 1)];
    if index > 0 {
        jobs.push(Route::News(index - 1));
    }
    if index + 1 < site.news.len() {
        jobs.push(Route::News(index + 1));
    }
    if index < HOME_ITEMS {
        jobs.push(Route::Home);
    }
    if index < FEED_ITEMS {
        jobs.push(Route::Atom);
    }
    // The search index lists every news item with its title and summary.
    jobs.push(Route::SearchIndex);
    for slug in &item.tag_slugs {
        if let Some(&t) = site.index.tag_by_slug.get(slug)
            && let Some(position) = site.tags[t].news.iter().position(|&n| n == index)
        {
            jobs.push(Route::Tag(t, position / per_page + 1));
            jobs.push(Route::TagFeed(t));
        }
    }
    // Its redirect pages, and the news pages that show it among their related news.
    jobs.extend((0..item.aliases.len()).map(|k| Route::Alias(index, k)));
    jobs.extend(
        crate::render::readers::shown_related_by(site, index)
            .into_iter()
            .map(Route::News),
    );
    // Association pages show only their latest news; re-rendering one that does not show this
    // item costs one page and saves knowing that limit here.
    for slug in &item.associations {
        if let Some(&a) = site.index.association_by_slug.get(slug) {
            jobs.extend([Route::Association(a), Route::AssociationFeed(a)]);
        }
    }
    if let Some(period) = item.period
        && site.periods.contains_key(&period)
    {
        jobs.push(Route::Report(period));
    }
    jobs.sort();
    jobs.dedup();
    jobs
}

/// What the templates (built-in and the site theme's) show that an incremental rebuild must
/// know about.
#[derive(Debug, Clone, Copy, Default)]
pub struct TemplateUse {
    /// `site.news_count`: adding or deleting a news item changes every page that extends it.
    pub news_count: bool,
    /// `paginator.total_items`: then every list page changes with the number of items (the
    /// built-in pager shows only the number of pages).
    pub total_items: bool,
}

impl TemplateUse {
    pub fn of(site: &Site) -> TemplateUse {
        let mut ignored = Vec::new();
        let dir = format!("themes/{}/templates", site.config.theme);
        let own = load::walk_files(&site.root, &dir, &mut ignored)
            .into_iter()
            .filter_map(|file| std::fs::read_to_string(file.abs).ok());
        let mut uses = TemplateUse::default();
        for text in crate::theme::builtin_templates()
            .into_iter()
            .map(|t| t.text)
            .chain(own)
        {
            uses.news_count |= uses_news_count(&text);
            uses.total_items |= text.contains("total_items");
        }
        uses
    }
}

/// `site.news_count`, not the translation `t.news_count`.
fn uses_news_count(text: &str) -> bool {
    text.match_indices("news_count").any(|(at, _)| {
        let before = &text[..at];
        let translation = before.strip_suffix("t.").is_some_and(|rest| {
            !rest
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
        });
        !translation
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_translation_is_not_the_count() {
        assert!(!uses_news_count("{{ tag.count }} {{ t.news_count }}"));
        assert!(uses_news_count("{{ site.news_count }}"));
        assert!(uses_news_count("{{ site[\"news_count\"] }}"));
        assert!(uses_news_count("{{ at.news_count }}"));
    }

    #[test]
    fn sitemap_parts_are_numbered() {
        assert!(is_sitemap_part("sitemap-1.xml"));
        assert!(is_sitemap_part("sitemap-12.xml"));
        assert!(!is_sitemap_part("sitemap.xml"));
        assert!(!is_sitemap_part("sitemap-.xml"));
        assert!(!is_sitemap_part("sitemap-a.xml"));
    }
}
