//! Applying a changed data file to the loaded site: an association's achievements in a period,
//! a scoring table, a period's narrative, an association's profile; and a free page. Each is re-parsed on its own
//! (against the metrics, associations and periods the site has), its Markdown rendered, and the
//! pages that show it noted: what a review shows of a period depends on the preceding period
//! (changes, targets reached) and the same period a year earlier, so an achievement file touches
//! three reviews; a scoring table touches the association pages that show ranks; a period's title
//! is shown wherever the period is linked.

use std::collections::HashSet;
use std::path::Path;

use super::incremental::{Outcome, Session};
use crate::content::association::{self, MetricScope};
use crate::content::load::{association_order, page_order};
use crate::content::validate::validate;
use crate::content::{SourcePath, content_path, page, period, read_text, scoring};
use crate::diagnostics::Diagnostic;
use crate::markdown::{render_body, render_field, render_narrative};
use crate::model::{Achievement, Association};
use crate::period::PeriodId;
use crate::slug::Slug;

/// The file at `rel` when it is there to read.
fn source_path(root: &Path, rel: &Path) -> Option<SourcePath> {
    let abs = root.join(rel);
    abs.is_file().then(|| SourcePath {
        abs,
        rel: rel.to_path_buf(),
    })
}

fn has_errors(problems: &[Diagnostic]) -> bool {
    problems.iter().any(Diagnostic::is_error)
}

impl Session<'_> {
    /// Parses an achievement file of `association` and renders its Markdown.
    fn read_achievement(
        &self,
        association: &Association,
        period: PeriodId,
        path: &SourcePath,
    ) -> Result<(Achievement, Vec<Diagnostic>), Vec<Diagnostic>> {
        let text = read_text(&path.abs, &path.rel).map_err(|d| vec![d])?;
        let scope = MetricScope {
            own: &association.metrics,
            site: &self.site.config.metrics,
        };
        let (mut achievement, mut warnings) =
            association::parse_achievement(period, path, &text, &scope)?;
        let context = self.markdown_context();
        let source = achievement.source.clone();
        if let Some(summary) = &mut achievement.summary {
            warnings.extend(render_field(summary, &source, &context, false));
        }
        for item in achievement
            .highlights
            .iter_mut()
            .chain(achievement.plans.iter_mut())
        {
            warnings.extend(render_field(item, &source, &context, true));
        }
        if has_errors(&warnings) {
            return Err(warnings);
        }
        Ok((achievement, warnings))
    }

    /// `content/associations/<slug>/<period>.yaml`: the association's page, the period's review
    /// and data, the reviews that compare with this period, and the lists that count periods.
    pub(super) fn achievement(&mut self, slug: &Slug, period: PeriodId, rel: &Path) -> Outcome {
        let Some(&index) = self.site.index.association_by_slug.get(slug) else {
            return Outcome::Reload;
        };
        if self.held_back(period) {
            // A draft period's figures stay out of the site: the full load knows.
            return Outcome::Reload;
        }
        let association = &self.site.associations[index];
        let old = association.achievements.get(&period);
        if old.is_some_and(|a| a.source != rel) {
            // Two files name one period (`2013-h1.yaml`, `2013-H1.yaml`): the loader's business.
            return Outcome::Reload;
        }
        let existed = old.is_some();
        let new = match source_path(&self.site.root, rel) {
            Some(path) => match self.read_achievement(association, period, &path) {
                Ok(parsed) => Some(parsed),
                Err(problems) => return Outcome::Broken(problems),
            },
            None => None,
        };
        let achievements = &mut self.site.associations[index].achievements;
        let warnings = match new {
            Some((achievement, warnings)) => {
                achievements.insert(period, achievement);
                warnings
            }
            None if existed => {
                achievements.remove(&period);
                Vec::new()
            }
            None => return Outcome::Applied(Vec::new()),
        };
        let touched = &mut self.touched;
        touched.associations.insert(slug.clone());
        touched.reports.insert(period);
        touched.report_data.insert(period);
        // The reviews that compare with this period: the following one (changes, targets
        // reached) and the same period a year later; their data.json and data.csv carry the
        // earlier values and the changes too.
        let comparing: Vec<PeriodId> = self
            .site
            .periods
            .keys()
            .filter(|q| q.preceding() == Some(period) || q.year_earlier() == Some(period))
            .copied()
            .collect();
        touched.reports.extend(comparing.iter().copied());
        touched.report_data.extend(comparing);
        // The latest period's summary, members' counts of periods reported.
        touched.home = true;
        touched.reports_index = true;
        if existed
            != self.site.associations[index]
                .achievements
                .contains_key(&period)
        {
            touched.association_index = true;
            self.reconcile_periods();
        }
        Outcome::Applied(warnings)
    }

    /// `content/scoring/<period>.yaml`: the scoring page and list, the period's review and data,
    /// and every association page (they show ranks).
    pub(super) fn scoring(&mut self, period: PeriodId, rel: &Path) -> Outcome {
        if self.held_back(period) || self.site.preparing.contains_key(&period) {
            return Outcome::Reload;
        }
        let old = self.site.scorings.get(&period);
        if old.is_some_and(|s| s.source != rel) {
            return Outcome::Reload;
        }
        let existed = old.is_some();
        let new = match source_path(&self.site.root, rel) {
            Some(path) => {
                let roster = scoring::roster(&self.site.associations);
                let parsed = read_text(&path.abs, &path.rel)
                    .map_err(|d| vec![d])
                    .and_then(|text| scoring::parse(&path, &text, &roster));
                match parsed {
                    // A scoring in preparation, or one whose year has an awards proposal (its
                    // ranks are in the proposal's page, list and Tờ trình), changes more than
                    // its pages: a full load gets it right.
                    Ok((scoring, _))
                        if scoring.preparing
                            || self
                                .site
                                .awards
                                .contains_key(&i32::from(scoring.period.year())) =>
                    {
                        return Outcome::Reload;
                    }
                    Ok((scoring, _)) => Some(scoring),
                    Err(problems) => return Outcome::Broken(problems),
                }
            }
            None => None,
        };
        let target = content_path(rel);
        match new {
            Some(scoring) => {
                if !existed {
                    let url = self.site.config.path_url(&crate::urls::scoring(period));
                    self.links.insert(target, url);
                    self.links_added = true;
                }
                self.site.scorings.insert(period, scoring);
            }
            None if existed => {
                if !self.can_drop_target(&target) {
                    return Outcome::Reload;
                }
                self.links.remove(&target);
                self.site.scorings.remove(&period);
            }
            None => return Outcome::Applied(Vec::new()),
        }
        let touched = &mut self.touched;
        touched.scorings.insert(period);
        touched.scoring_index = true;
        touched.reports.insert(period);
        touched.report_data.insert(period);
        touched.all_associations = true;
        if existed != self.site.scorings.contains_key(&period) {
            // Period summaries link the scoring page.
            touched.reports_index = true;
            touched.home = true;
            touched.structure = true;
            self.reconcile_periods();
        }
        Outcome::Applied(Vec::new())
    }

    /// `content/periods/<period>.md`: the review and its data, the lists of periods, the search
    /// index; when the title changes, every page that links the period.
    pub(super) fn period(&mut self, id: PeriodId, rel: &Path) -> Outcome {
        let old = self.site.periods.get(&id);
        if old.is_some_and(|p| p.source.as_ref().is_some_and(|s| s != rel)) {
            return Outcome::Reload;
        }
        let old_title = old.map(|p| p.title.clone());
        let had_file = old.is_some_and(|p| p.source.is_some());
        let new = match source_path(&self.site.root, rel) {
            Some(path) => {
                let known: HashSet<Slug> = self.site.association_slugs().into_iter().collect();
                let parsed = read_text(&path.abs, &path.rel)
                    .map_err(|d| vec![d])
                    .and_then(|text| period::parse(&path, &text, &known));
                match parsed {
                    // Drafts hold back the period's figures everywhere, and a period that was
                    // held back brings them back: both are a full load. Plans are Markdown
                    // rendered by the full load too.
                    Ok(period)
                        if !self.drafts
                            && (period.draft || old.is_none())
                            && period_has_figures(&self.site.root, id) =>
                    {
                        return Outcome::Reload;
                    }
                    Ok(period) => (self.drafts || !period.draft).then_some(period),
                    Err(problems) => return self.broken_with_body(rel, problems),
                }
            }
            None => None,
        };
        let target = content_path(rel);
        let mut warnings = Vec::new();
        // The latest period's year names the roles on every member list ("Khối trưởng năm
        // 2014"); reconcile_periods only sees periods that other files name come and go.
        let latest_year = self.site.periods.keys().last().map(|p| p.year());
        match new {
            Some(mut period) => {
                if period.title.is_empty() {
                    period.title = id.default_title(self.site.config.language);
                }
                let url = self.site.config.path_url(&crate::urls::report(id));
                let previous = self.links.insert(target.clone(), url);
                if let Some(narrative) = &mut period.narrative {
                    let mut references = Vec::new();
                    crate::content::colocated::add_markdown(
                        rel,
                        &narrative.source,
                        &mut references,
                    );
                    if !self.colocated_published(&references) {
                        return Outcome::Reload;
                    }
                    let context = self.markdown_context();
                    warnings = render_narrative(narrative, rel, &context);
                }
                for item in &mut period.plans {
                    let context = self.markdown_context();
                    warnings.extend(render_field(item, rel, &context, true));
                }
                // As a full build renders them (markdown::render_site_except).
                for section in [&mut period.assessment, &mut period.recommendations]
                    .into_iter()
                    .flatten()
                {
                    let context = self.markdown_context();
                    warnings.extend(render_field(section, rel, &context, false));
                }
                if has_errors(&warnings) {
                    if previous.is_none() {
                        self.links.remove(&target);
                    }
                    return Outcome::Broken(warnings);
                }
                self.links_added |= previous.is_none();
                self.site.periods.insert(id, period);
            }
            None => {
                if had_file {
                    if !self.can_drop_target(&target) {
                        return Outcome::Reload;
                    }
                    self.links.remove(&target);
                    // Still named by other files, it comes back with its default title.
                    self.site.periods.remove(&id);
                } else {
                    return Outcome::Applied(Vec::new());
                }
            }
        }
        self.reconcile_periods();
        if latest_year != self.site.periods.keys().last().map(|p| p.year()) {
            self.touched.everything = true;
            self.touched.renderer = true;
        }
        if old_title.is_some() != self.site.periods.contains_key(&id) {
            self.period_came_or_went(id);
        }
        let touched = &mut self.touched;
        touched.reports.insert(id);
        touched.report_data.insert(id);
        touched.reports_index = true;
        touched.home = true;
        touched.search_index = true;
        let title = self.site.periods.get(&id).map(|p| p.title.clone());
        if title != old_title {
            // Cards of the period's news, the neighbouring reviews, association histories and
            // ranks, the scoring table: all link the period by its title.
            if let Some(news) = self.site.index.news_by_period.get(&id) {
                touched
                    .cards
                    .extend(news.iter().map(|&i| self.site.news[i].slug.clone()));
            }
            touched.reports.extend(
                self.site
                    .periods
                    .keys()
                    .filter(|q| q.preceding() == Some(id) || q.following() == Some(id)),
            );
            touched.all_associations = true;
            touched.scorings.insert(id);
            touched.scoring_index = true;
        }
        Outcome::Applied(warnings)
    }

    /// `content/associations/<slug>/profile.yaml`: the profile and its achievements (checked
    /// against its metrics) are parsed again. Its name and order show on most pages (every card
    /// that names it, every list of members, the bloc's leader in the templates' site-wide
    /// context): when they change, every page is rendered from the updated site (without reading
    /// the rest of the site again). Otherwise (description, contacts, logo, metric labels) its
    /// page, the member lists, the search index and the reviews it reports in.
    pub(super) fn profile(&mut self, slug: &Slug, rel: &Path) -> Outcome {
        let Some(&index) = self.site.index.association_by_slug.get(slug) else {
            return Outcome::Reload;
        };
        // A deleted profile leaves a folder that is no association: the loader reports it.
        let Some(path) = source_path(&self.site.root, rel) else {
            return Outcome::Reload;
        };
        let parsed = read_text(&path.abs, &path.rel)
            .map_err(|d| vec![d])
            .and_then(|text| {
                association::parse_profile(slug.clone(), &path, &text, &self.site.config)
            });
        let (mut association, mut warnings) = match parsed {
            Ok(parsed) => parsed,
            Err(problems) => return Outcome::Broken(problems),
        };
        if !self.colocated_published(&crate::content::colocated::profile(&mut association)) {
            return Outcome::Reload;
        }
        if let Some(description) = &mut association.description {
            let context = self.markdown_context();
            warnings.extend(render_field(description, rel, &context, false));
        }
        if has_errors(&warnings) {
            return Outcome::Broken(warnings);
        }
        // Its achievements are checked against its metrics: read them again. One that no longer
        // passes is reported by a full load, with the rest of the site's errors.
        let old = &self.site.associations[index];
        for (&period, achievement) in &old.achievements {
            let Some(path) = source_path(&self.site.root, &achievement.source) else {
                return Outcome::Reload;
            };
            match self.read_achievement(&association, period, &path) {
                Ok((achievement, more)) => {
                    warnings.extend(more);
                    association.achievements.insert(period, achievement);
                }
                Err(_) => return Outcome::Reload,
            }
        }
        let old = &self.site.associations[index];
        if (&old.name, &old.short_name, old.order)
            == (
                &association.name,
                &association.short_name,
                association.order,
            )
        {
            let touched = &mut self.touched;
            touched.associations.insert(slug.clone());
            touched.association_index = true;
            touched.home = true;
            touched.search_index = true;
            touched
                .reports
                .extend(association.achievements.keys().copied());
            touched
                .report_data
                .extend(association.achievements.keys().copied());
            self.site.associations[index] = association;
            return Outcome::Applied(warnings);
        }
        let order_before: Vec<Slug> = self.site.association_slugs();
        self.site.associations[index] = association;
        self.site.associations.sort_by(association_order);
        let order: Vec<Slug> = self.site.association_slugs();
        if order != order_before {
            // Equal scoring totals keep the associations' order.
            let sources: Vec<(PeriodId, SourcePath)> = self
                .site
                .scorings
                .iter()
                .map(|(&p, s)| {
                    (
                        p,
                        SourcePath {
                            abs: self.site.root.join(&s.source),
                            rel: s.source.clone(),
                        },
                    )
                })
                .collect();
            let roster = scoring::roster(&self.site.associations);
            for (period, path) in sources {
                let parsed = read_text(&path.abs, &path.rel)
                    .map_err(|d| vec![d])
                    .and_then(|text| scoring::parse(&path, &text, &roster));
                match parsed {
                    Ok((scoring, _)) if !scoring.preparing => {
                        self.site.scorings.insert(period, scoring);
                    }
                    _ => return Outcome::Reload,
                }
            }
        }
        let mut problems = Vec::new();
        validate(self.site, &mut problems);
        if has_errors(&problems) {
            return Outcome::Reload;
        }
        // Names, order and roles show on every page, some in the templates' site-wide context.
        self.touched.everything = true;
        self.touched.renderer = true;
        Outcome::Applied(warnings)
    }

    /// `content/pages/<name>.md`: a new body re-renders its page; its title, menu position or
    /// URL are in the menu of every page (the templates' site-wide context), so a change to them,
    /// a new page or a deleted one re-renders every page.
    pub(super) fn page(&mut self, rel: &Path) -> Outcome {
        let old = self.site.pages.iter().position(|p| p.source == rel);
        let new = match source_path(&self.site.root, rel) {
            Some(path) => {
                let parsed = read_text(&path.abs, &path.rel)
                    .map_err(|d| vec![d])
                    .and_then(|text| page::parse(&path, &text));
                match parsed {
                    Ok(page) => {
                        let mut references = Vec::new();
                        crate::content::colocated::add_markdown(
                            rel,
                            &page.body.source,
                            &mut references,
                        );
                        if !self.colocated_published(&references) {
                            return Outcome::Reload;
                        }
                        (self.drafts || !page.draft).then_some(page)
                    }
                    Err(problems) => return self.broken_with_body(rel, problems),
                }
            }
            None => None,
        };
        let target = content_path(rel);
        let url = new
            .as_ref()
            .map(|p| self.site.config.path_url(&crate::urls::page(&p.slug)));
        if old.is_some() && !self.can_move_target(&target, url.as_ref()) {
            return Outcome::Reload;
        }
        let Some(mut new) = new else {
            let Some(index) = old else {
                return Outcome::Applied(Vec::new());
            };
            self.links.remove(&target);
            self.site.pages.remove(index);
            return self.pages_changed();
        };
        let previous = self.links.insert(target.clone(), url.unwrap_or_default());
        let context = self.markdown_context();
        let warnings = render_body(&mut new.body, rel, &context);
        if has_errors(&warnings) {
            match previous {
                Some(url) => self.links.insert(target, url),
                None => self.links.remove(&target),
            };
            return Outcome::Broken(warnings);
        }
        self.links_added |= previous.is_none();
        match old {
            Some(index)
                if (
                    &self.site.pages[index].slug,
                    &self.site.pages[index].title,
                    self.site.pages[index].menu,
                ) == (&new.slug, &new.title, new.menu) =>
            {
                self.touched.pages.insert(new.slug.clone());
                // Pages are searched by their text.
                self.touched.search_index = true;
                self.site.pages[index] = new;
                Outcome::Applied(warnings)
            }
            Some(index) => {
                self.site.pages[index] = new;
                self.pages_changed().with_warnings(warnings)
            }
            None => {
                self.site.pages.push(new);
                self.pages_changed().with_warnings(warnings)
            }
        }
    }

    /// The list of pages changed: put them in order and check their URLs.
    fn pages_changed(&mut self) -> Outcome {
        self.site.pages.sort_by(page_order);
        let mut problems = Vec::new();
        validate(self.site, &mut problems);
        if has_errors(&problems) {
            return Outcome::Reload;
        }
        // The menu is in every page; the sitemap lists pages.
        self.touched.everything = true;
        self.touched.renderer = true;
        self.touched.structure = true;
        Outcome::Applied(Vec::new())
    }
}

impl Outcome {
    fn with_warnings(self, warnings: Vec<Diagnostic>) -> Outcome {
        match self {
            Outcome::Applied(mut more) => {
                more.extend(warnings);
                Outcome::Applied(more)
            }
            other => other,
        }
    }
}

impl Session<'_> {
    /// Whether period `id` has a narrative file that the loaded site left out: a draft, held
    /// back with its figures (without `--drafts`).
    pub(super) fn held_back(&self, id: PeriodId) -> bool {
        !self.drafts
            && !self.site.periods.contains_key(&id)
            && self
                .site
                .root
                .join(format!("content/periods/{id}.md"))
                .is_file()
    }
}

/// Whether any achievement or scoring file names period `id`: a draft of such a period holds
/// figures back from every page, so drafting or publishing it is a full load.
fn period_has_figures(root: &Path, id: PeriodId) -> bool {
    let file = format!("{id}.yaml");
    root.join("content/scoring").join(&file).is_file()
        || std::fs::read_dir(root.join("content/associations")).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|entry| entry.path().join(&file).is_file())
        })
}
