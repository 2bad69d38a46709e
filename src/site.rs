//! The pipeline as the commands use it: load (with the image stage passed in) → validate →
//! Markdown → templates → write.
//! `build` writes to disk through the atomic [`DiskOutput`]; `check` renders into nothing;
//! `serve` renders into memory.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::timing::Timer;

use anyhow::Result;

use crate::content::load::{self, LoadOptions};
use crate::diagnostics::{Diagnostics, SiteErrors};
use crate::model::Site;
use crate::model::images::ImageWork;
use crate::output::{DiskOutput, Output, OutputGuard};
use crate::render::{self, Renderer};

/// Loads and validates a site, its static files through the image stage (`options.images` says
/// whether photos are encoded into the cache or only checked).
pub fn load(root: &Path, options: &LoadOptions) -> Result<(Site, Diagnostics), Diagnostics> {
    let stage = |root: &Path,
                 config: &crate::config::SiteConfig,
                 files: Vec<crate::model::StaticFile>,
                 problems: &mut Vec<crate::diagnostics::Diagnostic>| {
        crate::images::publish(root, config, files, &options.images, problems)
    };
    load::load(root, options, &stage)
}

/// Loads a site and renders its Markdown: everything templates need.
pub fn prepare(root: &Path, options: &LoadOptions) -> Result<(Site, Diagnostics), Diagnostics> {
    let mut timer = Timer::new();
    let (mut site, mut diagnostics) = load(root, options)?;
    timer.lap("load");
    // Markdown runs even when some files failed to load, so a run reports every error; links to
    // the files that failed are not reported again as missing.
    let failed: HashSet<String> = diagnostics
        .sorted()
        .iter()
        .filter(|d| d.is_error() && d.path.starts_with("content"))
        .map(|d| crate::content::content_path(&d.path))
        .collect();
    diagnostics.extend(crate::markdown::render_site_except(&mut site, &failed));
    diagnostics.extend(crate::render::office::warnings(&site));
    timer.lap("markdown");
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok((site, diagnostics))
    }
}

/// Renders every page of a prepared site into `out`; with the news bodies a build took out of
/// it ([`render::NewsBodies::take`]).
pub fn render_all(
    site: &Site,
    bodies: Option<&render::NewsBodies>,
    out: &dyn Output,
) -> Result<(), Diagnostics> {
    let renderer = Renderer::new(site)
        .map_err(|problems| {
            let mut all = Diagnostics::new();
            all.extend(problems);
            all
        })?
        .single_use();
    let problems = renderer.render_with(site, bodies, &crate::urls::routes(site), out);
    if problems.is_empty() {
        Ok(())
    } else {
        let mut all = Diagnostics::new();
        all.extend(problems);
        Err(all)
    }
}

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Default: `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub force: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub news: usize,
    pub pages: usize,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
    /// What the image pipeline did (cache hits are counted, for tests and the summary).
    pub images: crate::model::images::ImageStats,
}

/// A full build. The output folder is replaced only when everything succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let load_options = LoadOptions {
        drafts: options.drafts,
        base_url: options.base_url.clone(),
        images: ImageWork::Publish,
    };
    let output_dir = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let (mut site, warnings) = prepare(&options.root, &load_options).map_err(SiteErrors)?;
    let mut timer = Timer::new();
    let out = DiskOutput::prepare(
        &output_dir,
        &OutputGuard {
            site_root: &options.root,
            force: options.force,
        },
    )?;
    // After the output checks: an output that holds the whole site is refused there.
    if let Err(error) = check_static_outside_output(&site, &output_dir) {
        out.abandon();
        return Err(error);
    }
    timer.lap("output");
    let pages = crate::urls::routes(&site).len();
    let language = crate::messages::resolve_language(None, Some(site.config.language));
    let watchdog = end_runaway_renders(language);
    // Each news body is released once its page is written (the site keeps none of them).
    let bodies = render::NewsBodies::take(&mut site);
    let rendered =
        render_all(&site, Some(&bodies), &out).and_then(|()| crate::cms::publish(&site, &out));
    crate::later::drop_later(bodies);
    drop(watchdog);
    if let Err(mut problems) = rendered {
        out.abandon();
        problems.extend(warnings.into_vec());
        return Err(SiteErrors(problems).into());
    }
    timer.lap("render");
    let output = out.output_dir().to_path_buf();
    out.commit()?;
    timer.lap("commit");
    let report = BuildReport {
        output,
        news: site.news.len(),
        pages,
        warnings,
        elapsed: started.elapsed(),
        images: site.images.stats,
    };
    crate::later::drop_later(site);
    Ok(report)
}

/// A template loop that never writes, or one the allocator stopped over its memory budget,
/// cannot be stopped from inside: `build` and `check` print its error and end the process
/// (the old site stays; a build's staging folder is removed by the next build).
fn end_runaway_renders(language: crate::i18n::Language) -> render::budget::WatchdogGuard {
    render::budget::watchdog(move |runaway| {
        eprintln!("{}", render::budget::diagnostic(&runaway).render(language));
        std::process::exit(1);
    })
}

/// A static file that is the output or lies inside it (`static/site -> ../public`, a symlink a
/// user made to "publish the build") would copy the output into itself, one level deeper at
/// every build: E606 on the first such file, before anything is written.
fn check_static_outside_output(site: &Site, output: &Path) -> Result<()> {
    let Ok(output) = output.canonicalize() else {
        return Ok(()); // No output yet: nothing to copy from it.
    };
    let mut problems = Diagnostics::new();
    for file in &site.static_files {
        if let crate::model::StaticOrigin::Disk(from) = &file.origin
            && from
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&output))
        {
            let rel = from.strip_prefix(&site.root).unwrap_or(from);
            problems.push(
                crate::diagnostics::Diagnostic::new(rel, "E606")
                    .arg("output", output.display().to_string()),
            );
            break;
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(SiteErrors(problems).into())
    }
}

/// Renders nothing to disk: used by `check`.
pub struct NullOutput;

impl Output for NullOutput {
    fn write(&self, path: &str, _: &[u8]) -> std::io::Result<()> {
        crate::output::check_relative(path).map_err(std::io::Error::other)
    }

    fn copy_file(&self, path: &str, from: &Path) -> std::io::Result<()> {
        std::fs::metadata(from)?;
        self.write(path, &[])
    }
}

/// Loads, validates and renders everything without writing; returns all diagnostics. Photos are
/// checked as a build checks them but never encoded into the cache.
pub fn check(root: &Path, drafts: bool) -> Diagnostics {
    check_with(
        root,
        &LoadOptions {
            drafts,
            images: ImageWork::Check { cache_of: None },
            ..LoadOptions::default()
        },
    )
}

/// [`check`] with the caller's options: a scratch copy of a site is checked with
/// `ImageWork::Check { cache_of: Some(live site) }`, so the photos the live site's builds
/// encoded are found in its cache instead of being decoded again.
pub fn check_with(root: &Path, options: &LoadOptions) -> Diagnostics {
    match prepare(root, options) {
        Err(diagnostics) => diagnostics,
        Ok((site, mut diagnostics)) => {
            let language = crate::messages::resolve_language(None, Some(site.config.language));
            let watchdog = end_runaway_renders(language);
            if let Err(problems) = render_all(&site, None, &NullOutput) {
                diagnostics.extend(problems.into_vec());
            }
            drop(watchdog);
            diagnostics
        }
    }
}
