//! The site as `serve` holds it: the last good build in memory, the errors of the current
//! files, and the smallest rebuild a set of changed paths needs.
//!
//! A change is sorted into a level: a static file edited in place needs no rebuild (it is read
//! from disk when asked for); a news item or a data file (achievements, scoring, a period's
//! narrative, a profile) edited, added or deleted, or a static file added or deleted, is applied
//! to the loaded site and re-renders the pages that show it ([`super::incremental`], [`super::data`]); a template or translation
//! re-renders every page of the loaded site; anything else (site.yaml, a page, a new association,
//! a folder) loads the site again. A failed rebuild keeps the last good files and reports its
//! errors; the next change then rebuilds at least at the level that failed, so a fix always clears
//! the errors. A content file with errors keeps its last good version in the site and is tried
//! again with every rebuild until it is fixed or gone.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{CONFIG_FILE, SiteConfig};
use crate::content::load::{self, LoadOptions, is_ignored_name};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown;
use crate::model::Site;
use crate::render::Renderer;

use super::incremental::{self, ContentFile, Outcome, Session};
use super::output::{FileMap, ServeOutput};

/// How much a change needs rebuilt, in increasing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Not part of the site (another theme, a temporary file that is gone again, `public/`).
    Ignore,
    /// A static file changed in place: nothing to render, the pages reload.
    Static,
    /// News items or data files changed, were added or deleted: applied to the loaded site.
    Content,
    /// Templates or translations of the site's theme.
    Templates,
    /// Load everything again.
    Full,
}

/// What one rebuild did, for the terminal.
#[derive(Debug)]
pub struct Report {
    /// The level that ran (`Ignore` when nothing needed doing).
    pub level: Level,
    /// Files rendered.
    pub rendered: usize,
    /// Whether the served files changed (then open pages reload).
    pub changed: bool,
    /// Whether the errors shown changed.
    pub errors_changed: bool,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

impl Report {
    /// A rebuild at `level` that has rendered and changed nothing (yet).
    pub fn nothing(level: Level) -> Report {
        Report {
            level,
            rendered: 0,
            changed: false,
            errors_changed: false,
            warnings: Vec::new(),
            elapsed: Duration::ZERO,
        }
    }
}

/// The last good build.
struct Good {
    site: Site,
    renderer: Renderer,
    links: HashMap<String, String>,
    files: Arc<FileMap>,
    /// What the templates show that incremental rebuilds must know about.
    uses: incremental::TemplateUse,
}

/// More changed content files than this in one batch (a `git checkout`) load the site again.
const MAX_BATCH: usize = 64;

/// The served site and how to rebuild it.
pub struct Builder {
    root: PathBuf,
    drafts: bool,
    /// `http://127.0.0.1:1111`: replaces the scheme and host of `base_url`.
    origin: String,
    good: Option<Good>,
    /// The URL path the files are served under (`/khoi/`).
    base_path: String,
    /// Every input file (relative) seen by the last full load: content, static and themes.
    inputs: HashSet<PathBuf>,
    /// Every folder holding one of `inputs`.
    input_dirs: HashSet<PathBuf>,
    /// The least the next rebuild must do, after a failure.
    dirty: Level,
    /// Errors of content files applied one by one, by file: those files keep their last good
    /// version in the site and are tried again with every rebuild.
    file_errors: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Errors of the last failed full or template rebuild.
    stage_errors: Vec<Diagnostic>,
    /// Bumped whenever the served files change.
    version: u64,
}

/// The folders of a site that hold its inputs.
pub const INPUT_DIRS: [&str; 3] = ["content", "static", "themes"];

impl Builder {
    /// `root` must be absolute (watch events carry absolute paths).
    pub fn new(root: PathBuf, drafts: bool, origin: String) -> Builder {
        Builder {
            root,
            drafts,
            origin,
            good: None,
            base_path: String::from("/"),
            inputs: HashSet::new(),
            input_dirs: HashSet::new(),
            dirty: Level::Full,
            file_errors: BTreeMap::new(),
            stage_errors: Vec::new(),
            version: 0,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What [`Builder::new`] was given: to start over with a new builder.
    pub fn identity(&self) -> (PathBuf, bool, String) {
        (self.root.clone(), self.drafts, self.origin.clone())
    }

    /// The served files of the last good build (empty before the first).
    pub fn files(&self) -> Arc<FileMap> {
        self.good
            .as_ref()
            .map_or_else(Default::default, |g| g.files.clone())
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The site's address on this server, with its sub-path.
    pub fn local_url(&self) -> String {
        format!("{}{}", self.origin, self.base_path)
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn has_site(&self) -> bool {
        self.good.is_some()
    }

    /// The current errors, sorted: those of the last failed stage and of broken content files.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut all = Diagnostics::new();
        all.extend(self.stage_errors.iter().cloned());
        all.extend(self.file_errors.values().flatten().cloned());
        all.sorted()
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect()
    }

    /// Builds everything from disk.
    pub fn build(&mut self) -> Report {
        self.run(Level::Full, &[])
    }

    /// Rebuilds after `paths` (absolute) changed. `rescan` forces a full load.
    pub fn changed(&mut self, paths: &[PathBuf], rescan: bool) -> Report {
        let mut level = if rescan { Level::Full } else { Level::Ignore };
        let mut content = Vec::new();
        let mut statics = false;
        for path in paths {
            let Ok(rel) = path.strip_prefix(&self.root) else {
                continue;
            };
            let this = self.classify(rel);
            match this {
                Level::Content => content.push(rel.to_path_buf()),
                Level::Static => statics = true,
                _ => {}
            }
            level = level.max(this);
        }
        if level == Level::Ignore {
            return Report::nothing(level);
        }
        let mut level = level.max(self.dirty);
        // A template rebuild renders the loaded site: it would not see an edited file.
        if level == Level::Templates && !content.is_empty() {
            level = Level::Full;
        }
        let mut report = self.run(level, &content);
        if statics && !report.changed {
            // Static files are read from disk when asked for: the pages only need to reload.
            report.changed = true;
            self.version += 1;
        }
        report
    }

    fn run(&mut self, level: Level, content: &[PathBuf]) -> Report {
        let started = Instant::now();
        let errors_before = self.errors();
        let mut report = Report::nothing(level);
        match level {
            Level::Ignore => {}
            Level::Static => report.changed = true,
            Level::Content => self.content(content, &mut report),
            Level::Templates => self.templates(&mut report),
            Level::Full => self.full(&mut report),
        }
        if report.changed {
            self.version += 1;
        }
        report.errors_changed = self.errors() != errors_before;
        report.elapsed = started.elapsed();
        report
    }

    /// The level a change of `rel` needs.
    pub fn classify(&self, rel: &Path) -> Level {
        let parts: Vec<&str> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(name) => name.to_str(),
                _ => None,
            })
            .collect();
        if parts.is_empty() || parts.len() != rel.components().count() {
            return Level::Ignore;
        }
        if parts.iter().any(|p| is_ignored_name(p)) {
            return Level::Ignore;
        }
        let abs = self.root.join(rel);
        // A file replaced by a symlink must go through the loader's symlink checks.
        let meta = abs.symlink_metadata();
        let is_link = meta.as_ref().is_ok_and(|m| m.file_type().is_symlink());
        let is_file = abs.is_file() && !is_link;
        let is_dir = abs.is_dir();
        // A file that failed to apply is known too: deleting it clears its errors.
        let known = self.inputs.contains(rel) || self.file_errors.contains_key(rel);
        let holds_known = || self.input_dirs.contains(rel);
        // A path that is not there and never was held nothing the site used (an editor's
        // temporary file, created and removed again).
        let vanished_unknown = meta.is_err() && !known && !holds_known();
        let is_photo = crate::model::images::Format::of(&rel.to_string_lossy()).is_some();
        match parts.as_slice() {
            [name] if *name == CONFIG_FILE => Level::Full,
            [name] if !INPUT_DIRS.contains(name) => Level::Ignore,
            _ if vanished_unknown => Level::Ignore,
            // A folder that already held input files: its files report their own changes.
            _ if is_dir && holds_known() => Level::Ignore,
            // An input folder appeared or went away.
            [_] => Level::Full,
            // A content file edited, added or deleted (not replaced by a symlink or a folder).
            ["content", ..]
                if (is_file || (known && meta.is_err()))
                    && self
                        .good
                        .as_ref()
                        .is_some_and(|g| incremental::content_file(&g.site, rel).is_some()) =>
            {
                Level::Content
            }
            ["content", ..] => Level::Full,
            // A photo is published through the image pipeline (resized, cached): the pages that
            // show it change with it.
            ["static", ..] if is_photo => Level::Full,
            ["static", ..] if known && is_file => Level::Static,
            // A static file added or deleted: the list of static files changes.
            ["static", _, ..] if is_file || (known && meta.is_err()) => Level::Content,
            ["static", ..] => Level::Full,
            ["themes", theme, rest @ ..] => {
                let active = self
                    .good
                    .as_ref()
                    .map(|g| g.site.config.theme.as_str())
                    .unwrap_or("");
                if *theme != active && self.good.is_some() {
                    return Level::Ignore;
                }
                match rest {
                    ["templates", ..] | ["i18n", ..] => Level::Templates,
                    ["static", ..] if is_photo => Level::Full,
                    ["static", ..] if known && is_file => Level::Static,
                    ["static", _, ..] if is_file || (known && meta.is_err()) => Level::Content,
                    ["static", ..] | [] => Level::Full,
                    _ => Level::Ignore,
                }
            }
            _ => Level::Ignore,
        }
    }

    fn load_options(&mut self) -> LoadOptions {
        // The sub-path comes from site.yaml; the scheme and host are this server's.
        let base_path = std::fs::read_to_string(self.root.join(CONFIG_FILE))
            .ok()
            .and_then(|text| {
                SiteConfig::parse(text.trim_start_matches('\u{feff}'))
                    .ok()
                    .map(|c| c.base_path)
            })
            .unwrap_or_else(|| String::from("/"));
        LoadOptions {
            drafts: self.drafts,
            base_url: Some(format!("{}{}", self.origin, base_path)),
            images: crate::model::images::ImageWork::Publish,
        }
    }

    fn full(&mut self, report: &mut Report) {
        report.level = Level::Full;
        let options = self.load_options();
        self.inputs = collect_inputs(&self.root);
        self.input_dirs = self
            .inputs
            .iter()
            .flat_map(|file| file.ancestors().skip(1))
            .filter(|dir| !dir.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .collect();
        self.file_errors.clear();
        let result = crate::site::prepare(&self.root, &options).and_then(|(site, warnings)| {
            let renderer = Renderer::new(&site).map_err(|problems| {
                let mut all = warnings.clone();
                all.extend(problems);
                all
            })?;
            Ok((site, renderer, warnings))
        });
        let (site, renderer, warnings) = match result {
            Ok(done) => done,
            Err(problems) => return self.failed(Level::Full, problems.into_vec(), report),
        };
        let jobs = crate::urls::routes(&site);
        let out = ServeOutput::default();
        let problems = renderer.render(&site, &jobs, &out);
        if !problems.is_empty() {
            return self.failed(Level::Full, problems, report);
        }
        report.rendered = jobs.len();
        report.warnings = warnings.into_vec();
        report.changed = true;
        self.base_path = site.config.base_path.clone();
        self.good = Some(Good {
            links: markdown::link_targets(&site),
            uses: incremental::TemplateUse::of(&site),
            site,
            renderer,
            files: Arc::new(out.into_files()),
        });
        self.stage_errors.clear();
        self.dirty = Level::Ignore;
    }

    fn templates(&mut self, report: &mut Report) {
        let Some(good) = self.good.as_mut() else {
            return self.full(report);
        };
        let renderer = match Renderer::new(&good.site) {
            Ok(renderer) => renderer,
            Err(problems) => return self.failed(Level::Templates, problems, report),
        };
        let jobs = crate::urls::routes(&good.site);
        let out = ServeOutput::default();
        let problems = renderer.render(&good.site, &jobs, &out);
        if !problems.is_empty() {
            return self.failed(Level::Templates, problems, report);
        }
        good.renderer = renderer;
        good.uses = incremental::TemplateUse::of(&good.site);
        good.files = Arc::new(out.into_files());
        report.rendered = jobs.len();
        report.changed = true;
        self.stage_errors.clear();
        self.dirty = Level::Ignore;
    }

    /// Applies changed content files to the loaded site and re-renders what shows them.
    fn content(&mut self, paths: &[PathBuf], report: &mut Report) {
        // Files that failed before are tried again: a change elsewhere may have fixed them.
        let mut rels: Vec<PathBuf> = paths.to_vec();
        rels.extend(self.file_errors.keys().cloned());
        rels.sort();
        rels.dedup();
        let Some(good) = self.good.as_mut() else {
            return self.full(report);
        };
        let mut timer = Timer::new();
        let Some((plan, outcomes)) = apply_batch(good, &rels, self.drafts) else {
            return self.full(report);
        };
        timer.lap("apply");
        for (rel, outcome) in outcomes {
            if self.root.join(&rel).is_file() {
                self.input_dirs.extend(
                    rel.ancestors()
                        .skip(1)
                        .filter(|dir| !dir.as_os_str().is_empty())
                        .map(Path::to_path_buf),
                );
                self.inputs.insert(rel.clone());
            } else {
                self.inputs.remove(&rel);
            }
            match outcome {
                Outcome::Applied(warnings) => {
                    self.file_errors.remove(&rel);
                    report.warnings.extend(warnings);
                }
                Outcome::Broken(problems) => {
                    report
                        .warnings
                        .extend(problems.iter().filter(|d| !d.is_error()).cloned());
                    self.file_errors.insert(
                        rel,
                        problems.into_iter().filter(Diagnostic::is_error).collect(),
                    );
                }
                Outcome::Reload => unreachable!("a batch that needs a full load is not applied"),
            }
        }
        if plan.renderer {
            match Renderer::new(&good.site) {
                Ok(renderer) => good.renderer = renderer,
                Err(problems) => return self.failed(Level::Full, problems, report),
            }
            good.uses = incremental::TemplateUse::of(&good.site);
            timer.lap("renderer");
        }
        if plan.jobs.is_empty() && plan.removed.is_empty() {
            return;
        }
        let out = ServeOutput::default();
        let problems = good.renderer.render(&good.site, &plan.jobs, &out);
        if !problems.is_empty() {
            // The loaded site now differs from the served files: the next change loads it again.
            return self.failed(Level::Full, problems, report);
        }
        report.rendered = plan.jobs.len();
        timer.lap("render");
        let search = good.renderer.search_layout();
        if let Some(files) =
            incremental::merge(&good.site, &good.files, &plan, out.into_files(), search)
        {
            good.files = Arc::new(files);
            report.changed = true;
        }
        timer.lap("merge");
    }

    fn failed(&mut self, level: Level, problems: Vec<Diagnostic>, report: &mut Report) {
        report
            .warnings
            .extend(problems.iter().filter(|d| !d.is_error()).cloned());
        self.stage_errors = problems.into_iter().filter(Diagnostic::is_error).collect();
        self.dirty = self.dirty.max(level);
    }
}

/// Prints how long each step of an incremental rebuild took when `BLOCPRESS_TIMINGS` is set.
struct Timer {
    last: Option<Instant>,
}

impl Timer {
    fn new() -> Timer {
        Timer {
            last: std::env::var_os("BLOCPRESS_TIMINGS").map(|_| Instant::now()),
        }
    }

    fn lap(&mut self, step: &str) {
        if let Some(last) = self.last {
            eprintln!(
                "timing: {step:<10} {:>7.1} ms",
                last.elapsed().as_secs_f64() * 1000.0
            );
            self.last = Some(Instant::now());
        }
    }
}

/// Applies a batch of changed content files (relative paths) to the last good build, and plans
/// the rendering. `None` when only a full load gets it right.
fn apply_batch(
    good: &mut Good,
    rels: &[PathBuf],
    drafts: bool,
) -> Option<(incremental::Plan, Vec<(PathBuf, Outcome)>)> {
    if rels.len() > MAX_BATCH {
        return None;
    }
    let mut batch: Vec<(PathBuf, ContentFile)> = Vec::with_capacity(rels.len());
    for rel in rels {
        batch.push((rel.clone(), incremental::content_file(&good.site, rel)?));
    }
    incremental::sort_batch(&good.site, &mut batch);
    let mut session = Session::new(&mut good.site, &mut good.links, drafts);
    let mut outcomes = Vec::with_capacity(batch.len());
    for (rel, kind) in &batch {
        match session.apply(rel, kind) {
            Outcome::Reload => return None,
            outcome => outcomes.push((rel.clone(), outcome)),
        }
    }
    // A file broken by a missing `@/` target may link to one that the batch added.
    if session.links_added {
        for ((rel, kind), (_, outcome)) in batch.iter().zip(outcomes.iter_mut()) {
            if matches!(outcome, Outcome::Broken(_)) {
                *outcome = session.apply(rel, kind);
                if matches!(outcome, Outcome::Reload) {
                    return None;
                }
            }
        }
    }
    let mut timer = Timer::new();
    let plan = session.finish(&good.files, good.uses)?;
    timer.lap("plan");
    Some((plan, outcomes))
}

/// Every file the site reads from its input folders, relative to the root.
fn collect_inputs(root: &Path) -> HashSet<PathBuf> {
    let mut ignored = Vec::new();
    INPUT_DIRS
        .iter()
        .flat_map(|dir| load::walk_files(root, dir, &mut ignored))
        .map(|file| file.rel)
        .collect()
}
