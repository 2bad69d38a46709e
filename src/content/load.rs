//! Walks a site folder and parses every file into a [`Site`]: `site.yaml` first, then all of
//! `content/` in parallel, then the scoring files (they need the associations' order), then
//! the static files through the image stage (passed in by the pipeline, which sits above), then
//! the checks across files. Problems are collected from every file; the load fails only at the
//! end.
//!
//! Symlinks are followed when they stay inside the site folder; one that points outside it, or a
//! loop, is an error (a site must not publish files from elsewhere on the machine).

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::association::{self, MetricScope};
use super::colocated::{self, Reference};
use super::{
    SourcePath, awards, file_stem, front_matter, meetings, news, page, period, read_text,
    registration, scoring,
};
use crate::config::{CONFIG_FILE, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::messages::Message;
use crate::model::images::ImageCatalog;
use crate::model::{Association, Markdown, NewsItem, Page, Period, Site, StaticFile, StaticOrigin};
use crate::period::PeriodId;
use crate::slug::Slug;
use crate::theme;

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include items marked `draft: true`.
    pub drafts: bool,
    /// Replaces `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Whether photos are encoded into the cache (a build) or only checked (`check`).
    pub images: crate::model::images::ImageWork,
}

/// Hidden files, editor backups and swap files are never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || (name.starts_with('#') && name.ends_with('#'))
}

/// Every regular file under `root/start`, sorted, skipping ignored names. Symlinks that lead
/// outside `root` and symlink loops are reported.
pub fn walk_files(root: &Path, start: &str, problems: &mut Vec<Diagnostic>) -> Vec<SourcePath> {
    let base = root.join(start);
    if !base.is_dir() {
        return Vec::new();
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    // Sorted once at the end, not per folder by walkdir: its comparisons parse both paths to
    // find the names, and a folder of thousands of news files made that most of the walk.
    let mut walker = WalkDir::new(&base)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    // Plain files are only gathered here; their names are checked on every thread below.
    let mut plain: Vec<(PathBuf, bool)> = Vec::new();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let rel = error
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map_or_else(|| PathBuf::from(start), Path::to_path_buf);
                problems.push(Diagnostic::from_message(rel, walk_error_message(&error)));
                continue;
            }
        };
        let is_dir = entry.file_type().is_dir();
        if !is_dir && !entry.path_is_symlink() {
            let is_file = entry.file_type().is_file();
            plain.push((entry.into_path(), is_file));
            continue;
        }
        // Folders and links, here: a folder with an odd name, or a link leading out, is not
        // entered.
        let source = match source_path(root, entry.path().to_path_buf()) {
            Ok(source) => source,
            Err(problem) => {
                problems.push(problem);
                if is_dir {
                    walker.skip_current_dir();
                }
                continue;
            }
        };
        if entry.path_is_symlink() {
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {}
                Ok(target) => {
                    problems.push(
                        Diagnostic::new(&source.rel, "E006")
                            .arg("target", target.display().to_string()),
                    );
                    // Never read what lies behind it.
                    if is_dir {
                        walker.skip_current_dir();
                    }
                    continue;
                }
                Err(error) => {
                    problems.push(
                        Diagnostic::new(&source.rel, "E007").arg("target", error.to_string()),
                    );
                    continue;
                }
            }
        }
        if entry.file_type().is_file() {
            files.push(source);
        }
    }
    let checked: Vec<(Result<SourcePath, Diagnostic>, bool)> = plain
        .into_par_iter()
        .map(|(abs, is_file)| (source_path(root, abs), is_file))
        .collect();
    for (source, is_file) in checked {
        match source {
            Ok(source) if is_file => files.push(source),
            Ok(_) => {} // A pipe, a socket, a device: not content.
            Err(problem) => problems.push(problem),
        }
    }
    // Name by name, folder by folder: the order of a walk that sorts each folder. The key is
    // the path's bytes with the separator lowest (a name never holds it), which orders as the
    // names do, without parsing paths into components at each comparison.
    let separator = std::path::MAIN_SEPARATOR as u8;
    files.par_sort_by_cached_key(|file| {
        let bytes = file.rel.as_os_str().as_encoded_bytes();
        bytes
            .iter()
            .map(|&b| if b == separator { 0 } else { b })
            .collect::<Vec<u8>>()
    });
    files
}

/// A walked path as a source file: its path under `root`, its names in NFC (a file saved on
/// macOS, decomposed, is linked from text typed composed). A name with a character XML forbids
/// would reach URLs, feeds and the terminal (an escape sequence in a name rewrites what the
/// screen shows): E624, and the file is never read.
fn source_path(root: &Path, abs: PathBuf) -> Result<SourcePath, Diagnostic> {
    let rel = super::path_to_nfc(abs.strip_prefix(root).unwrap_or(&abs).to_path_buf());
    let name = rel.to_string_lossy();
    if let Some(found) = crate::hygiene::first_forbidden(&name) {
        // Shown with U+FFFD where the character is, so the name looks as odd as it is.
        let shown: String = name
            .chars()
            .map(|c| {
                if crate::hygiene::is_forbidden(c) {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect();
        return Err(Diagnostic::new(PathBuf::from(shown), "E624").arg("char", found.code_point()));
    }
    Ok(SourcePath { abs, rel })
}

/// ELOOP: too many levels of symbolic links.
fn is_loop(error: &std::io::Error) -> bool {
    let eloop = if cfg!(any(target_os = "linux", target_os = "android")) {
        40
    } else {
        62
    };
    cfg!(unix) && error.raw_os_error() == Some(eloop)
}

/// What went wrong while walking, in words: loops and broken links are named as such.
fn walk_error_message(error: &walkdir::Error) -> Message {
    if let Some(ancestor) = error.loop_ancestor() {
        let name = ancestor.file_name().map_or_else(
            || ancestor.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        return Message::new("E008").arg("target", name);
    }
    let link = error.path().filter(|p| {
        p.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
    });
    let io = error.io_error();
    match (link, io) {
        (Some(path), Some(io)) if is_loop(io) => Message::new("E008").arg(
            "target",
            std::fs::read_link(path)
                .unwrap_or_default()
                .display()
                .to_string(),
        ),
        (Some(path), Some(io)) if io.kind() == std::io::ErrorKind::NotFound => Message::new("E007")
            .arg(
                "target",
                std::fs::read_link(path)
                    .unwrap_or_default()
                    .display()
                    .to_string(),
            ),
        (_, Some(io)) => Message::new("E001").nested("error", crate::messages::io_reason(io)),
        _ => Message::new("E001").nested("error", Message::new("io-reason-unknown")),
    }
}

/// What a file under `content/` is.
enum Job {
    News(SourcePath),
    Page(SourcePath),
    Period(SourcePath),
    Profile(Slug, SourcePath),
    Achievement(Slug, PeriodId, SourcePath),
    Scoring(SourcePath),
    Registration(SourcePath),
    /// Read with the others, parsed by [`super::documents`] once the site is loaded.
    Document(SourcePath),
    Meeting(SourcePath),
    Awards(SourcePath),
}

enum Parsed {
    News(crate::model::NewsItem),
    Page(crate::model::Page),
    Period(Period),
    Profile(Association),
    Achievement(Slug, crate::model::Achievement),
    Document(SourcePath, String),
    Meeting(crate::model::Meeting),
    Awards(crate::model::Awards),
    /// The Markdown body of a news item, page or period whose front matter has errors: not
    /// published, but its own mistakes (a missing image, a broken link) are checked too, so the
    /// editor sees every error of the file in one run. The front matter's errors come with it.
    Body(std::path::PathBuf, Markdown),
}

/// Files of `content/` that are not content (photos, PDFs, spreadsheets), by their path under
/// `content/`, each with the diagnostic it gets unless content names it.
pub type Assets = BTreeMap<String, (SourcePath, Vec<Diagnostic>)>;

fn components(rel: &Path) -> Vec<String> {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

fn extension(rel: &Path) -> &str {
    rel.extension().and_then(|e| e.to_str()).unwrap_or("")
}

/// Sorts the files of `content/` into jobs; files in the wrong place are reported, except files
/// that are not content (a photo, a PDF), which are kept in the assets with their diagnostic:
/// content may name them ([`super::colocated`]).
fn classify(
    files: Vec<SourcePath>,
    all_problems: &mut Vec<Diagnostic>,
) -> (Vec<Job>, HashSet<Slug>, Assets) {
    let mut jobs = Vec::new();
    let mut associations = HashSet::new();
    let mut bad_folders = HashSet::new();
    let mut assets = Assets::new();
    let mut problems = Vec::new();
    for file in files {
        let parts = components(&file.rel);
        let inner: Vec<&str> = parts.iter().skip(1).map(String::as_str).collect();
        // A file that is not content may be named by a page (a photo next to a news item): it
        // is kept aside with the diagnostics it would get if nothing names it.
        let maybe_asset =
            !matches!(extension(&file.rel), "md" | "yaml" | "yml") && !inner.is_empty();
        let before = problems.len();
        let file = classify_one(
            file,
            &inner,
            &mut problems,
            &mut jobs,
            &mut associations,
            &mut bad_folders,
        );
        if maybe_asset && let Some(file) = file {
            let kept = problems.split_off(before);
            assets.insert(inner.join("/"), (file, kept));
        }
    }
    all_problems.extend(problems);
    (jobs, associations, assets)
}

/// Sorts one file of `content/`; gives it back when it is not a job (a file in a wrong place).
fn classify_one(
    file: SourcePath,
    inner: &[&str],
    problems: &mut Vec<Diagnostic>,
    jobs: &mut Vec<Job>,
    associations: &mut HashSet<Slug>,
    bad_folders: &mut HashSet<String>,
) -> Option<SourcePath> {
    let ext = extension(&file.rel);
    let wrong_ext = |expected: &str| Diagnostic::new(&file.rel, "E085").arg("expected", expected);
    let problem = match inner {
        ["news", .., _] if ext == "md" => {
            jobs.push(Job::News(file));
            return None;
        }
        ["news", .., _] => Diagnostic::new(&file.rel, "W004"),
        ["pages", _] if ext == "md" => {
            jobs.push(Job::Page(file));
            return None;
        }
        ["pages", ..] if ext != "md" => wrong_ext("md"),
        ["pages", ..] => Diagnostic::new(&file.rel, "E086"),
        ["periods", _] if ext == "md" => {
            jobs.push(Job::Period(file));
            return None;
        }
        ["periods", ..] => wrong_ext("md"),
        ["scoring", _] if ext == "yaml" => {
            jobs.push(Job::Scoring(file));
            return None;
        }
        ["scoring", ..] => wrong_ext("yaml"),
        ["registrations", _] if ext == "yaml" => {
            jobs.push(Job::Registration(file));
            return None;
        }
        ["registrations", ..] => wrong_ext("yaml"),
        ["documents", ..] if ext == "md" => {
            jobs.push(Job::Document(file));
            return None;
        }
        ["documents", ..] => Diagnostic::new(&file.rel, "W401"),
        ["meetings", _] if ext == "md" => {
            jobs.push(Job::Meeting(file));
            return None;
        }
        ["meetings", ..] => wrong_ext("md"),
        ["awards", _] if ext == "yaml" => {
            jobs.push(Job::Awards(file));
            return None;
        }
        ["awards", ..] => wrong_ext("yaml"),
        ["associations", folder, name] => {
            let slug = match Slug::parse(folder) {
                Ok(slug) => slug,
                Err(message) => {
                    if bad_folders.insert(folder.to_string()) {
                        let folder_path = Path::new("content").join("associations").join(folder);
                        problems
                            .push(Diagnostic::new(folder_path, "E071").nested("reason", message));
                    }
                    return Some(file);
                }
            };
            associations.insert(slug.clone());
            if ext == "yml" {
                Diagnostic::new(&file.rel, "E073")
            } else if ext != "yaml" {
                wrong_ext("yaml")
            } else if *name == "profile.yaml" {
                jobs.push(Job::Profile(slug, file));
                return None;
            } else {
                match file_stem(&file.rel).parse::<PeriodId>() {
                    Ok(period) => {
                        jobs.push(Job::Achievement(slug, period, file));
                        return None;
                    }
                    Err(_) => Diagnostic::new(&file.rel, "E072").arg("name", file_stem(&file.rel)),
                }
            }
        }
        ["associations", ..] => Diagnostic::new(&file.rel, "E074"),
        _ => Diagnostic::new(&file.rel, "W005"),
    };
    problems.push(problem);
    Some(file)
}

/// The image stage as the pipeline passes it in (it sits above `content`): turns the static
/// files into what is published (raster images become their variants) and the catalogue of
/// images; problems go to the list.
pub type ImageStage<'a> = &'a dyn Fn(
    &Path,
    &SiteConfig,
    Vec<StaticFile>,
    &mut Vec<Diagnostic>,
) -> (Vec<StaticFile>, ImageCatalog);

/// Loads and validates a whole site: everything that could be read, with every error and warning
/// found (callers check `has_errors`). Fails outright only when `site.yaml` is missing or
/// unusable, since nothing else can be checked without it. The phases: `site.yaml`, every file
/// of `content/` parsed, the associations, the scoring and registration files (they need the
/// associations), draft periods held back, the static files through the image stage, then the
/// checks across files once every kind is loaded.
pub fn load(
    root: &Path,
    options: &LoadOptions,
    images: ImageStage,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let mut all = Diagnostics::new();
    let (config, config_text) = read_config(root, options).map_err(|problems| {
        all.extend(problems);
        all.clone()
    })?;
    let mut problems = Vec::new();
    let content_files = walk_files(root, "content", &mut problems);
    let (jobs, association_slugs, assets) = classify(content_files, &mut problems);
    check_bloc_roles(&config, &config_text, &association_slugs, &mut problems);
    check_theme(root, &config, &config_text, &mut problems);

    // Profiles first: achievements are checked against each association's own metrics.
    let (scoring_jobs, jobs): (Vec<Job>, Vec<Job>) = jobs
        .into_iter()
        .partition(|j| matches!(j, Job::Scoring(_) | Job::Registration(_)));
    let mut read = parse_files(
        jobs,
        &config,
        &association_slugs,
        options.drafts,
        &mut problems,
    );
    let (associations, roster) = gather_associations(&mut read, &association_slugs, &mut problems);
    let registrations = read_registrations(&scoring_jobs, &associations, &config, &mut problems);
    let (mut scorings, preparing) = read_scorings(scoring_jobs, &roster, &mut problems);
    let Read {
        mut news,
        mut pages,
        mut drafts,
        mut periods,
        document_texts,
        failed_bodies,
        mut references,
        mut meetings,
        awards,
        ..
    } = read;
    let mut associations = associations;
    if !options.drafts {
        drafts.extend(hold_back_draft_periods(
            &mut periods,
            &mut scorings,
            &mut associations,
            &mut news,
        ));
    }
    check_membership(&associations, &mut problems);
    name_periods(&mut periods, &scorings, &news, &associations, &config);

    let mut static_files = collect_static(root, &config, &mut problems);
    // Files next to content that drafts left out of the build name are not published.
    references.retain(|r: &super::colocated::Reference| !drafts.contains(&r.source));
    let colocated =
        super::colocated::publish(root, assets, &references, &static_files, &mut problems);
    static_files.extend(colocated.files);
    let (static_files, mut images) = images(root, &config, static_files, &mut problems);
    images.outside = colocated.outside;
    images.refused.extend(colocated.refused);
    let news = sorted_news(news);
    pages.sort_by(page_order);
    meetings.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.slug.cmp(&b.slug)));

    let mut site = Site {
        drafts,
        root: root.to_path_buf(),
        config,
        news,
        pages,
        associations,
        periods,
        scorings,
        preparing,
        registrations,
        awards,
        meetings,
        tags: Vec::new(),
        static_files,
        index: Default::default(),
        images,
        documents: Vec::new(),
        failed_bodies,
    };
    super::validate::index(&mut site);
    // Documents name members, periods and files of the site: read once those are known, and
    // before the checks across files, which must see every kind of page.
    site.documents = super::documents::load(&site, document_texts, options.drafts, &mut problems);
    super::validate::check(&site, &mut problems);
    problems.extend(super::validate::check_image_fields(&site));
    all.extend(problems);
    Ok((site, all))
}

/// `site.yaml` read and parsed, with `--base-url` applied, and its text (for line numbers).
fn read_config(
    root: &Path,
    options: &LoadOptions,
) -> Result<(SiteConfig, String), Vec<Diagnostic>> {
    let config_path = root.join(CONFIG_FILE);
    if !config_path.is_file() {
        return Err(vec![
            Diagnostic::new(CONFIG_FILE, "E061").arg("root", root.display().to_string()),
        ]);
    }
    let config_text = read_text(&config_path, Path::new(CONFIG_FILE)).map_err(|d| vec![d])?;
    // Keep going with defaults would hide more than it shows: a broken site.yaml stops here.
    let mut config = SiteConfig::parse(&config_text)?;
    if let Some(shown) = options
        .base_url
        .as_deref()
        .and_then(crate::config::url_without_credentials)
    {
        return Err(vec![
            Diagnostic::new(CONFIG_FILE, "E605").arg("url", format!("--base-url {shown}")),
        ]);
    }
    if let Some(url) = &options.base_url
        && let Err(message) = config.set_base_url(url)
    {
        return Err(vec![Diagnostic::from_message(CONFIG_FILE, message)]);
    }
    Ok((config, config_text))
}

/// What the files of `content/` (other than scoring and registration files) hold once parsed.
#[derive(Default)]
struct Read {
    associations: HashMap<Slug, Association>,
    achievements: Vec<(Slug, crate::model::Achievement)>,
    news: Vec<NewsItem>,
    pages: Vec<Page>,
    /// Sources of the drafts left out.
    drafts: Vec<PathBuf>,
    periods: BTreeMap<PeriodId, Period>,
    document_texts: Vec<(SourcePath, String)>,
    /// Bodies of files whose front matter has errors (see `Parsed::Body`).
    failed_bodies: Vec<(PathBuf, Markdown)>,
    references: Vec<Reference>,
    meetings: Vec<crate::model::Meeting>,
    awards: BTreeMap<i32, crate::model::Awards>,
}

/// Parses every job in parallel, profiles first (achievements are checked against each
/// association's own metrics).
fn parse_files(
    jobs: Vec<Job>,
    config: &SiteConfig,
    association_slugs: &HashSet<Slug>,
    with_drafts: bool,
    problems: &mut Vec<Diagnostic>,
) -> Read {
    let (profile_jobs, jobs): (Vec<Job>, Vec<Job>) = jobs
        .into_iter()
        .partition(|j| matches!(j, Job::Profile(..)));
    let mut read = Read::default();
    for phase in [profile_jobs, jobs] {
        // Room for every news item at once: grown by doubling, the list copied its items (large
        // values) again at each step, on one thread while the others waited.
        read.news
            .reserve(phase.iter().filter(|j| matches!(j, Job::News(_))).count());
        let own_metrics: HashMap<&Slug, &indexmap::IndexMap<String, crate::config::MetricDef>> =
            read.associations
                .iter()
                .map(|(slug, a)| (slug, &a.metrics))
                .collect();
        let context = JobContext {
            config,
            associations: association_slugs,
            own_metrics: &own_metrics,
            drafts: with_drafts,
        };
        // Pieces of at most 16 files, as for the pages (`render::Renderer::render_with`): a
        // piece is read on one thread start to end, and a large last one kept a single thread
        // reading for tens of milliseconds while the other waited.
        let results: Vec<JobResult> = phase
            .into_par_iter()
            .with_max_len(16)
            .map(|job| parse_job(job, &context))
            .collect();
        drop(own_metrics);
        for result in results {
            match result {
                Ok((parsed, warnings, refs)) => {
                    problems.extend(warnings);
                    read.references.extend(refs);
                    read.keep(parsed, with_drafts);
                }
                Err(errors) => problems.extend(errors),
            }
        }
    }
    read
}

impl Read {
    fn keep(&mut self, parsed: Parsed, with_drafts: bool) {
        match parsed {
            Parsed::News(item) => {
                if with_drafts || !item.draft {
                    self.news.push(item);
                } else {
                    self.drafts.push(item.source);
                }
            }
            Parsed::Page(p) => {
                if with_drafts || !p.draft {
                    self.pages.push(p);
                } else {
                    self.drafts.push(p.source);
                }
            }
            Parsed::Period(p) => {
                // Draft periods are held back later, with their figures.
                self.periods.insert(p.id, p);
            }
            Parsed::Profile(a) => {
                self.associations.insert(a.slug.clone(), a);
            }
            Parsed::Achievement(slug, a) => self.achievements.push((slug, a)),
            Parsed::Document(path, text) => self.document_texts.push((path, text)),
            Parsed::Body(source, body) => self.failed_bodies.push((source, body)),
            Parsed::Meeting(m) => {
                if with_drafts || !m.draft {
                    self.meetings.push(m);
                } else {
                    self.drafts.push(m.source);
                }
            }
            Parsed::Awards(a) => {
                self.awards.insert(a.year, a);
            }
        }
    }
}

/// The associations in their order, each with its achievements, and the roster the scoring
/// files are read against (a folder whose profile is broken is on it, never required).
fn gather_associations(
    read: &mut Read,
    association_slugs: &HashSet<Slug>,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Association>, Vec<scoring::Member>) {
    let mut by_slug = std::mem::take(&mut read.associations);
    for slug in association_slugs {
        if !by_slug.contains_key(slug) && !all_errors_in(problems, slug) {
            problems.push(Diagnostic::new(
                Path::new("content/associations").join(slug.as_str()),
                "E070",
            ));
        }
    }
    for (slug, achievement) in std::mem::take(&mut read.achievements) {
        if let Some(association) = by_slug.get_mut(&slug) {
            association
                .achievements
                .insert(achievement.period, achievement);
        }
    }
    let mut associations: Vec<Association> = by_slug.into_values().collect();
    associations.sort_by(association_order);
    // A folder whose profile is broken is still an association: its error is already reported,
    // so scoring files that name it must not add "unknown association" noise.
    let mut broken: Vec<&Slug> = association_slugs
        .iter()
        .filter(|s| !associations.iter().any(|a| &a.slug == *s))
        .collect();
    broken.sort();
    let mut roster = scoring::roster(&associations);
    // Broken profiles: known by their folder, never required to be scored.
    roster.extend(broken.into_iter().map(|slug| scoring::Member {
        slug: slug.clone(),
        name: slug.as_str().to_string(),
        joined: Some(i32::MAX),
        left: None,
    }));
    (associations, roster)
}

/// The registration files, by year.
fn read_registrations(
    jobs: &[Job],
    associations: &[Association],
    config: &SiteConfig,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<i32, crate::model::Registration> {
    let own: HashMap<Slug, &indexmap::IndexMap<String, crate::config::MetricDef>> = associations
        .iter()
        .map(|a| (a.slug.clone(), &a.metrics))
        .collect();
    let mut registrations = BTreeMap::new();
    for job in jobs {
        let Job::Registration(path) = job else {
            continue;
        };
        let parsed = read_text(&path.abs, &path.rel)
            .map_err(|d| vec![d])
            .and_then(|text| registration::parse(path, &text, &own, &config.metrics));
        match parsed {
            Ok(r) => {
                registrations.insert(r.year, r);
            }
            Err(errors) => problems.extend(errors),
        }
    }
    registrations
}

/// The scoring files (in parallel), by period: the finished ones, then those in preparation
/// (criteria and scores still being filled in; nothing of them is published).
fn read_scorings(
    jobs: Vec<Job>,
    roster: &[scoring::Member],
    problems: &mut Vec<Diagnostic>,
) -> (
    BTreeMap<PeriodId, crate::model::Scoring>,
    BTreeMap<PeriodId, crate::model::Scoring>,
) {
    let results: Vec<_> = jobs
        .into_par_iter()
        .filter_map(|job| match job {
            Job::Scoring(path) => Some(
                read_text(&path.abs, &path.rel)
                    .map_err(|d| vec![d])
                    .and_then(|text| scoring::parse(&path, &text, roster)),
            ),
            _ => None,
        })
        .collect();
    let mut scorings = BTreeMap::new();
    let mut preparing = BTreeMap::new();
    for result in results {
        match result {
            Ok((s, warnings)) => {
                problems.extend(warnings);
                if s.preparing {
                    preparing.insert(s.period, s);
                } else {
                    scorings.insert(s.period, s);
                }
            }
            Err(errors) => problems.extend(errors),
        }
    }
    (scorings, preparing)
}

/// A draft period keeps its review, its figures and its scoring out of the site; returns the
/// sources left out.
fn hold_back_draft_periods(
    periods: &mut BTreeMap<PeriodId, Period>,
    scorings: &mut BTreeMap<PeriodId, crate::model::Scoring>,
    associations: &mut [Association],
    news: &mut [NewsItem],
) -> Vec<PathBuf> {
    let held: HashSet<PeriodId> = periods.values().filter(|p| p.draft).map(|p| p.id).collect();
    if held.is_empty() {
        return Vec::new();
    }
    let sources = periods
        .values()
        .filter(|p| held.contains(&p.id))
        .filter_map(|p| p.source.clone())
        .collect();
    periods.retain(|id, _| !held.contains(id));
    scorings.retain(|id, _| !held.contains(id));
    for association in associations {
        association.achievements.retain(|id, _| !held.contains(id));
    }
    for item in news {
        if item.period.is_some_and(|p| held.contains(&p)) {
            item.period = None;
        }
    }
    sources
}

/// W210: figures of a year the association was not a member in.
fn check_membership(associations: &[Association], problems: &mut Vec<Diagnostic>) {
    for association in associations {
        for (id, achievement) in &association.achievements {
            let year = i32::from(id.year());
            if !association.member_in(year) {
                problems.push(
                    Diagnostic::new(&achievement.source, "W210")
                        .arg("association", association.slug.as_str())
                        .arg("year", year.to_string()),
                );
            }
        }
    }
}

/// A period exists when any file names it; one without a title gets the default one.
fn name_periods(
    periods: &mut BTreeMap<PeriodId, Period>,
    scorings: &BTreeMap<PeriodId, crate::model::Scoring>,
    news: &[NewsItem],
    associations: &[Association],
    config: &SiteConfig,
) {
    let mut named: Vec<PeriodId> = scorings.keys().copied().collect();
    named.extend(news.iter().filter_map(|n| n.period));
    named.extend(
        associations
            .iter()
            .flat_map(|a| a.achievements.keys().copied()),
    );
    for id in named {
        periods
            .entry(id)
            .or_insert_with(|| Period::untitled(id, config.language));
    }
    for period in periods.values_mut() {
        if period.title.is_empty() {
            period.title = period.id.default_title(config.language);
        }
    }
}

/// The news in [`news_order`]: their places are sorted, then the items are put in place by
/// swaps, each cycle of the permutation followed once. A news item is large: sorting the items
/// themselves moved each of them a dozen times, and moving them into a new list copied all of
/// them twice, into memory that had to be mapped first.
fn sorted_news(mut news: Vec<NewsItem>) -> Vec<NewsItem> {
    let mut order: Vec<usize> = (0..news.len()).collect();
    order.par_sort_by(|&a, &b| news_order(&news[a], &news[b]));
    // Place `i` takes the item now at `order[i]`; a place done is marked `usize::MAX`.
    for start in 0..order.len() {
        let mut place = start;
        while order[place] != usize::MAX {
            let from = order[place];
            order[place] = usize::MAX;
            if from == start {
                break; // The cycle is closed: the item that was at `start` is here already.
            }
            news.swap(place, from);
            place = from;
        }
    }
    news
}

/// The order of [`Site::news`]: newest first, then by slug, then by file (`serve` inserts a new
/// item where a full load would put it).
pub fn news_order(a: &NewsItem, b: &NewsItem) -> Ordering {
    b.date
        .timestamp
        .cmp(&a.date.timestamp)
        .then_with(|| a.slug.cmp(&b.slug))
        .then_with(|| a.source.cmp(&b.source))
}

/// The order of [`Site::pages`]: menu position (pages outside the menu last), then title in
/// Vietnamese order, then slug.
pub fn page_order(a: &Page, b: &Page) -> Ordering {
    (a.menu.is_none(), a.menu)
        .cmp(&(b.menu.is_none(), b.menu))
        .then_with(|| crate::collation::compare(&a.title, &b.title))
        .then_with(|| a.slug.cmp(&b.slug))
}

/// The order of [`Site::associations`]: by `order` (those without one last), then name in
/// Vietnamese order, then slug.
pub fn association_order(a: &Association, b: &Association) -> Ordering {
    (a.order.is_none(), a.order)
        .cmp(&(b.order.is_none(), b.order))
        .then_with(|| crate::collation::compare(&a.name, &b.name))
        .then_with(|| a.slug.cmp(&b.slug))
}

/// Whether an error was already reported inside an association's folder (then a missing
/// profile is most likely a broken one, already named).
fn all_errors_in(problems: &[Diagnostic], slug: &Slug) -> bool {
    let folder = Path::new("content/associations")
        .join(slug.as_str())
        .join("profile.yaml");
    problems.iter().any(|d| d.path == folder)
}

struct JobContext<'a> {
    config: &'a SiteConfig,
    associations: &'a HashSet<Slug>,
    own_metrics: &'a HashMap<&'a Slug, &'a indexmap::IndexMap<String, crate::config::MetricDef>>,
    /// Whether drafts are built (a draft document's file is not published otherwise).
    drafts: bool,
}

/// A parsed file with its warnings and the files next to content it names, or every problem
/// found in it.
type JobResult = Result<(Parsed, Vec<Diagnostic>, Vec<Reference>), Vec<Diagnostic>>;

fn parse_job(job: Job, context: &JobContext) -> JobResult {
    let path = match &job {
        Job::News(p) | Job::Page(p) | Job::Period(p) | Job::Scoring(p) | Job::Registration(p) => p,
        Job::Profile(_, p) | Job::Achievement(_, _, p) | Job::Document(p) => p,
        Job::Meeting(p) | Job::Awards(p) => p,
    };
    let (text, hygiene) = super::read_text_checked(&path.abs, &path.rel).map_err(|d| vec![d])?;
    if let Job::Document(path) = job {
        let references = colocated::document(&path.rel, &text, context.drafts);
        return Ok((
            Parsed::Document(path, text),
            hygiene.into_iter().collect(),
            references,
        ));
    }
    let body_file = matches!(job, Job::News(_) | Job::Page(_) | Job::Period(_));
    let rel = path.rel.clone();
    // The diagnostics that come with a parsed file: its warnings, or the errors of a file
    // whose body is still checked (see `Parsed::Body`).
    let (mut parsed, mut diagnostics) = match parse_text(job, &text, context) {
        Ok(parsed) => parsed,
        Err(errors) => match front_matter::split(&text) {
            Ok(split) if body_file => {
                let body = Markdown::new(split.body.to_string(), split.body_line);
                (Parsed::Body(rel, body), errors)
            }
            _ => return Err(errors),
        },
    };
    diagnostics.extend(hygiene);
    let references = match &mut parsed {
        Parsed::News(item) => colocated::news(item),
        Parsed::Profile(association) => colocated::profile(association),
        Parsed::Page(page) => {
            let mut out = Vec::new();
            colocated::add_markdown(&page.source, &page.body.source, &mut out);
            out
        }
        Parsed::Period(period) => {
            let mut out = Vec::new();
            if let (Some(source), Some(narrative)) = (&period.source, &period.narrative) {
                colocated::add_markdown(source, &narrative.source, &mut out);
            }
            out
        }
        Parsed::Meeting(meeting) => {
            let mut out = Vec::new();
            colocated::add_markdown(&meeting.source, &meeting.body.source, &mut out);
            out
        }
        Parsed::Body(source, body) => {
            let mut out = Vec::new();
            colocated::add_markdown(source, &body.source, &mut out);
            out
        }
        Parsed::Achievement(..) | Parsed::Document(..) | Parsed::Awards(..) => Vec::new(),
    };
    Ok((parsed, diagnostics, references))
}

fn parse_text(
    job: Job,
    text: &str,
    context: &JobContext,
) -> Result<(Parsed, Vec<Diagnostic>), Vec<Diagnostic>> {
    match job {
        Job::News(path) => {
            news::parse(&path, text, context.associations).map(|n| (Parsed::News(n), Vec::new()))
        }
        Job::Page(path) => page::parse(&path, text).map(|p| (Parsed::Page(p), Vec::new())),
        Job::Period(path) => period::parse(&path, text, context.associations)
            .map(|p| (Parsed::Period(p), Vec::new())),
        Job::Profile(slug, path) => association::parse_profile(slug, &path, text, context.config)
            .map(|(a, warnings)| (Parsed::Profile(a), warnings)),
        Job::Achievement(slug, period, path) => {
            // Without a valid profile the association's metrics are unknown; its profile error
            // is already reported, so don't bury it under "unknown metric" noise.
            let Some(own) = context.own_metrics.get(&slug).copied() else {
                return Err(Vec::new());
            };
            let scope = MetricScope {
                own,
                site: &context.config.metrics,
            };
            association::parse_achievement(period, &path, text, &scope)
                .map(|(a, warnings)| (Parsed::Achievement(slug, a), warnings))
        }
        Job::Meeting(path) => meetings::parse(&path, text, context.associations)
            .map(|m| (Parsed::Meeting(m), Vec::new())),
        Job::Awards(path) => awards::parse(&path, text, context.associations)
            .map(|a| (Parsed::Awards(a), Vec::new())),
        Job::Scoring(_) | Job::Registration(_) | Job::Document(_) => {
            unreachable!("scoring, registration and document files are parsed apart")
        }
    }
}

fn check_bloc_roles(
    config: &SiteConfig,
    text: &str,
    associations: &HashSet<Slug>,
    problems: &mut Vec<Diagnostic>,
) {
    let source = crate::yaml::YamlSource::new(Path::new(CONFIG_FILE), text);
    for (role, value) in [
        ("leader", &config.bloc.leader),
        ("deputy", &config.bloc.deputy),
    ] {
        let Some(name) = value else { continue };
        let known = Slug::parse(name).is_ok_and(|s| associations.contains(&s));
        if !known {
            let hint = crate::diagnostics::suggestion(name, associations.iter().map(Slug::as_str));
            problems.push(
                source
                    .at(&["bloc", role], "E067")
                    .arg("name", name.as_str())
                    .nested("hint", hint),
            );
        }
    }
    for (year, roles) in &config.bloc.roles {
        for (role, value) in [("leader", &roles.leader), ("deputy", &roles.deputy)] {
            let Some(name) = value else { continue };
            let known = Slug::parse(name).is_ok_and(|s| associations.contains(&s));
            if !known {
                let hint =
                    crate::diagnostics::suggestion(name, associations.iter().map(Slug::as_str));
                problems.push(
                    source
                        .at(&["bloc", "roles", year, role], "E213")
                        .arg("year", year.as_str())
                        .arg("role", role)
                        .arg("association", name.as_str())
                        .nested("hint", hint),
                );
            }
        }
        if roles.leader.is_some() && roles.leader == roles.deputy {
            problems.push(
                source
                    .at(&["bloc", "roles", year], "E214")
                    .arg("year", year.as_str()),
            );
        }
    }
}

/// A theme other than the built-in one must exist as a folder; said here, where the line of
/// `theme:` in site.yaml is known.
fn check_theme(root: &Path, config: &SiteConfig, text: &str, problems: &mut Vec<Diagnostic>) {
    if config.theme != "default" && !theme::site_theme_dir(root, &config.theme).is_dir() {
        let source = crate::yaml::YamlSource::new(Path::new(CONFIG_FILE), text);
        problems.push(
            source
                .at(&["theme"], "E069")
                .arg("theme", config.theme.as_str()),
        );
    }
}

/// Static files in the order they override each other: built-in theme, site theme, site.
pub fn collect_static(
    root: &Path,
    config: &SiteConfig,
    problems: &mut Vec<Diagnostic>,
) -> Vec<StaticFile> {
    let mut by_dest: BTreeMap<String, StaticOrigin> = BTreeMap::new();
    for (dest, bytes) in theme::builtin_static() {
        by_dest.insert(dest, StaticOrigin::Builtin(bytes));
    }
    let theme_dir = theme::site_theme_dir(root, &config.theme);
    let theme_static = theme_dir.join("static");
    let theme_rel = format!("themes/{}/static", config.theme);
    for (start, base) in [
        (theme_rel.as_str(), theme_static),
        ("static", root.join("static")),
    ] {
        for file in walk_files(root, start, problems) {
            // In NFC, like every name blocpress reads (a file saved on macOS is decomposed).
            let dest = display_path(&super::path_to_nfc(
                file.abs
                    .strip_prefix(&base)
                    .unwrap_or(&file.rel)
                    .to_path_buf(),
            ));
            by_dest.insert(dest, StaticOrigin::Disk(file.abs));
        }
    }
    by_dest
        .into_iter()
        .map(|(dest, origin)| StaticFile { dest, origin })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk lists files name by name, folder by folder, as a walk sorting each folder does:
    /// `a/x.md` before `a-b/y.md` (the folder `a` sorts before `a-b`), though `/` is a larger
    /// byte than `-`; and `a-b/` before `a.md`.
    #[test]
    fn files_are_listed_folder_by_folder_in_name_order() {
        let root = tempfile::tempdir().unwrap();
        let news = root.path().join("content/news");
        for rel in ["a.md", "a/x.md", "a-b/y.md", "a/b/z.md", "B.md", "a0.md"] {
            let path = news.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "").unwrap();
        }
        let mut problems = Vec::new();
        let listed: Vec<String> = walk_files(root.path(), "content", &mut problems)
            .into_iter()
            .map(|f| f.rel.to_string_lossy().into_owned())
            .collect();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            listed,
            [
                "content/news/B.md",
                "content/news/a/b/z.md",
                "content/news/a/x.md",
                "content/news/a-b/y.md",
                "content/news/a.md",
                "content/news/a0.md",
            ]
        );
    }

    /// Sorting news in place by swaps gives the order a plain sort gives, whatever the cycles
    /// of the permutation (fixed points, swaps of two, longer cycles, ties broken by slug).
    #[test]
    fn news_are_sorted_in_place_as_a_plain_sort_sorts_them() {
        let known = HashSet::new();
        let item = |n: usize, day: usize| {
            let path = SourcePath {
                abs: PathBuf::from(format!("/site/content/news/{n}.md")),
                rel: PathBuf::from(format!("content/news/{n}.md")),
            };
            let text = format!("---\ntitle: Tin {n}\ndate: 2024-03-{day:02}\n---\nNội dung.\n");
            news::parse(&path, &text, &known).expect("a valid news item")
        };
        // Days chosen so that the permutation has cycles of every length from 1 to 5, and ties.
        let days = [3, 9, 1, 7, 7, 2, 12, 5, 5, 5, 11, 4, 8, 6, 10, 1];
        for rotation in 0..days.len() {
            let news: Vec<NewsItem> = (0..days.len())
                .map(|i| {
                    let k = (i + rotation) % days.len();
                    item(k, days[k])
                })
                .collect();
            let mut by_plain_sort: Vec<&NewsItem> = news.iter().collect();
            by_plain_sort.sort_by(|a, b| news_order(a, b));
            let expected: Vec<PathBuf> = by_plain_sort.iter().map(|n| n.source.clone()).collect();
            let sorted: Vec<PathBuf> = sorted_news(news).into_iter().map(|n| n.source).collect();
            assert_eq!(sorted, expected, "rotation {rotation}");
        }
    }
}
