//! The image pipeline. Every raster image among the static files (JPEG under any of its names,
//! PNG, WebP) is published resized to the theme's widths (never wider than the original) in WebP
//! and its own format, turned upright and stripped of metadata; a GIF is re-encoded at its own
//! size without its comments and XMP; the original file is never copied (its EXIF may hold the
//! GPS position of a member's home). Its own URL serves the largest variant, so links to it
//! keep working. Raster formats the pipeline cannot re-encode (HEIC, TIFF, AVIF, JPEG XL) are
//! refused. Pages show images as `<picture>` with `srcset`, `sizes`, `width` and `height`.
//!
//! Hostile images are bounded: the header is read first and an image over the size limits is
//! refused before any pixel is decoded ([`process::read_header`]); all images in flight
//! together hold at most `images.memory` ([`budget`]).
//!
//! Processed variants live in a cache outside the output (`ROOT/.blocpress-cache/images/`,
//! see [`cache`]), keyed by a hash of the original's bytes and of the settings: a second build
//! only copies files, and a changed photo always gets a new key.

pub mod budget;
pub mod cache;
pub mod html;
pub mod process;
pub mod svg;
mod webp;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::alloc_guard;
use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
// The stage's data lives in the model; its submodules name it as `super::Format`.
use crate::model::images::{Format, ImageCatalog, ImageStats, ImageWork, Published, Variant};
use crate::model::{StaticFile, StaticOrigin};

/// Widths (CSS pixels × density) the default theme needs: a card thumbnail, the text column at
/// 1× and at 2×.
pub const WIDTHS: &[u32] = &[480, 960, 1600];
/// Bump when the output of [`process`] changes: every cache key changes with it.
pub const PIPELINE_VERSION: u32 = 3;
/// Originals larger than this get a warning (the site still builds).
pub const LARGE_ORIGINAL: u64 = 5 * 1024 * 1024;

/// The dest of a variant: `images/x.jpg` at 480 in WebP → `images/x-480w.webp`; the largest
/// variant in the original's format keeps the original's path.
fn variant_dest(dest: &str, width: u32, format: Format, is_main: bool) -> String {
    if is_main {
        return dest.to_string();
    }
    let stem = dest.rsplit_once('.').map_or(dest, |(s, _)| s);
    format!("{stem}-{width}w.{}", format.extension())
}

/// The size of a file as editors see it in their file manager: `5,8 MB` (vi) or `5.8 MB`.
pub fn size_text(bytes: u64, language: crate::i18n::Language) -> String {
    let (value, unit) = if bytes >= 1024 * 1024 {
        (bytes as f64 / (1024.0 * 1024.0), "MB")
    } else {
        (bytes as f64 / 1024.0, "KB")
    };
    let text = if value >= 100.0 || unit == "KB" {
        format!("{}", value.round() as u64)
    } else {
        format!("{value:.1}")
    };
    let text = match language {
        crate::i18n::Language::Vi => text.replace('.', ","),
        _ => text,
    };
    format!("{text} {unit}")
}

/// One image's result: how pages show it, its files, a warning (a large original), and the
/// original's path under the site.
type Processed = (Published, Vec<StaticFile>, Option<Diagnostic>, PathBuf);

/// The diagnostic for an image the pipeline refused.
pub fn problem_diagnostic(rel: &Path, problem: &process::Problem) -> Diagnostic {
    use process::Problem;
    match problem {
        Problem::TooLarge { width, height } => Diagnostic::new(rel, "E610")
            .count("width", *width)
            .count("height", *height)
            .count(
                "megapixels",
                (u64::from(*width) * u64::from(*height)).div_ceil(1_000_000),
            ),
        Problem::OverBudget { needed, budget } => Diagnostic::new(rel, "E611")
            .count("needed", needed.div_ceil(1024 * 1024))
            .count("budget", budget / (1024 * 1024)),
        Problem::Unreadable(cause) => Diagnostic::new(rel, "E402")
            .nested("error", crate::messages::Message::new(cause.message_id())),
    }
}

/// Reads the header of the image at `path`, holds the memory it needs from `budget` and runs
/// `work` with it; nothing of the image is decoded before the header is checked.
fn with_budget<T>(
    path: &Path,
    budget: &budget::MemoryBudget,
    work: impl FnOnce() -> Result<T, cache::Error>,
) -> Result<T, cache::Error> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let header =
        process::read_header(std::io::BufReader::new(file)).map_err(cache::Error::Image)?;
    // The original's bytes are read whole (to hash and decode them): they count too.
    let needed = header.memory + size;
    let _held = budget
        .hold(needed)
        .ok_or(cache::Error::Image(process::Problem::OverBudget {
            needed,
            budget: budget.limit(),
        }))?;
    work()
}

/// Checks an image before it is accepted (an upload through the browser editor): the same
/// header limits, memory budget and full decode as a build, so a file that would fail the
/// build, or bring it down, never reaches the site. `name` gives the format.
pub fn check_upload(name: &str, bytes: &[u8], memory: u64) -> Result<(), process::Problem> {
    let Some(format) = Format::of(name) else {
        return Ok(());
    };
    let header = process::read_header(std::io::Cursor::new(bytes))?;
    let budget = budget::MemoryBudget::new(memory);
    let needed = header.memory + bytes.len() as u64;
    let _held = budget.hold(needed).ok_or(process::Problem::OverBudget {
        needed,
        budget: memory,
    })?;
    process::process(bytes, format).map(drop)
}

/// The variants of the image at `path` as `check` finds them: measured by the same header
/// checks and decode as a build, nothing encoded, nothing stored.
fn measured(path: &Path, format: Format) -> Result<cache::Entry, cache::Error> {
    let bytes = std::fs::read(path)?;
    let variants = process::measure(&bytes, format).map_err(cache::Error::Image)?;
    Ok(cache::Entry {
        hit: false,
        dir: None,
        meta: cache::Meta {
            variants: variants
                .into_iter()
                .map(|(width, height, format)| cache::MetaVariant {
                    width,
                    height,
                    format,
                })
                .collect(),
        },
        original_size: bytes.len() as u64,
    })
}

/// How many images were processed and how many came from the cache, counted by the threads.
#[derive(Default)]
struct Counts {
    processed: AtomicUsize,
    cached: AtomicUsize,
}

/// Runs the pipeline over the static files: raster images are replaced by their variants (read
/// from the cache, or processed in parallel within the memory budget and cached; with
/// [`ImageWork::Check`], measured and never stored), everything else is kept. Returns the new
/// list of static files and the catalogue; problems (refused images, large originals) go to
/// `problems`.
pub fn publish(
    root: &Path,
    config: &crate::config::SiteConfig,
    files: Vec<StaticFile>,
    work: &ImageWork,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<StaticFile>, ImageCatalog) {
    let cache_root = match work {
        ImageWork::Check {
            cache_of: Some(live),
        } => live.as_path(),
        ImageWork::Publish | ImageWork::Check { cache_of: None } => root,
    };
    let stage = Stage {
        root,
        language: config.language,
        cache: cache::Cache::open(cache_root),
        budget: budget::MemoryBudget::new(config.images.memory),
        work,
        counts: Counts::default(),
    };
    let mut refused_dests = std::collections::HashSet::new();
    let files = refuse_active_and_unpublishable(root, files, &mut refused_dests, problems);
    let (images, kept): (Vec<StaticFile>, Vec<StaticFile>) = files
        .into_iter()
        .partition(|f| matches!(f.origin, StaticOrigin::Disk(_)) && Format::of(&f.dest).is_some());
    let process_all = || images.par_iter().map(|file| stage.one(file)).collect();
    // Freed memory goes back at once while photos are processed: kept by the allocator for
    // reuse, the decoders' and encoders' buffers raised the peak of 200 photos by a third.
    let _release = alloc_guard::release_freed_at_once();
    // On a pool of one thread per core, whatever the build's: every thread that decodes keeps
    // some memory in its allocator's caches afterwards, so eight threads on two cores held
    // twice the memory of two for no speed (decoding is a core's work).
    let results = match rayon::ThreadPoolBuilder::new()
        .num_threads(stage.budget.slots())
        .thread_name(|i| format!("blocpress-images-{i}"))
        .build()
    {
        Ok(pool) if images.len() > 1 => pool.install(process_all),
        _ => process_all(),
    };
    let (mut kept, mut catalog) = gather(root, kept, results, &mut refused_dests, problems);
    if *work == ImageWork::Publish {
        stage.cache.save_index();
    }
    kept.sort_by(|a, b| a.dest.cmp(&b.dest));
    catalog.cache_dir = cache_dir(cache_root);
    catalog.files = kept.iter().map(|f| f.dest.clone()).collect();
    catalog.refused = refused_dests;
    catalog.stats = ImageStats {
        processed: stage.counts.processed.into_inner(),
        cached: stage.counts.cached.into_inner(),
    };
    (kept, catalog)
}

/// Photo formats the pipeline cannot re-encode (they keep their EXIF, GPS included) and SVGs
/// that hold anything a browser would run are not published: each is reported where it is,
/// and its output path remembered so links to it are not reported again.
fn refuse_active_and_unpublishable(
    root: &Path,
    files: Vec<StaticFile>,
    refused_dests: &mut std::collections::HashSet<String>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<StaticFile> {
    let (refused, files): (Vec<StaticFile>, Vec<StaticFile>) = files
        .into_iter()
        .partition(|f| unpublishable_photo(&f.dest).is_some());
    for file in refused {
        let rel = match &file.origin {
            StaticOrigin::Disk(path) => path.strip_prefix(root).unwrap_or(path).to_path_buf(),
            StaticOrigin::Builtin(_) => PathBuf::from(&file.dest),
        };
        let (format, code) = unpublishable_photo(&file.dest).unwrap_or_default();
        problems.push(Diagnostic::new(&rel, code).arg("format", format));
        refused_dests.insert(file.dest);
    }
    files
        .into_iter()
        .filter(|file| match check_svg(root, file) {
            Some(problem) => {
                problems.push(problem);
                refused_dests.insert(file.dest.clone());
                false
            }
            None => true,
        })
        .collect()
}

/// What every image of one run shares.
struct Stage<'a> {
    root: &'a Path,
    language: crate::i18n::Language,
    cache: cache::Cache,
    budget: budget::MemoryBudget,
    work: &'a ImageWork,
    counts: Counts,
}

impl Stage<'_> {
    /// One raster image: its variants from the cache, processed (a build) or measured (a
    /// check). The error is boxed: a diagnostic is large beside a result.
    fn one(&self, file: &StaticFile) -> Result<Processed, Box<(String, Diagnostic)>> {
        let (root, language, cache, budget, work) = (
            self.root,
            self.language,
            &self.cache,
            &self.budget,
            self.work,
        );
        let counts = &self.counts;
        let StaticOrigin::Disk(path) = &file.origin else {
            unreachable!("partitioned above")
        };
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        let format = Format::of(&file.dest).unwrap_or(Format::Jpeg);
        let entry = match work {
            ImageWork::Publish => match cache.known(path) {
                Some(entry) => Ok(entry),
                None => with_budget(path, budget, || {
                    cache.entry(path, format, |bytes| process::process(bytes, format))
                }),
            },
            ImageWork::Check { .. } => match cache.find(path, format) {
                Ok(Some(entry)) => Ok(entry),
                Ok(None) => with_budget(path, budget, || measured(path, format)),
                Err(error) => Err(cache::Error::Io(error)),
            },
        }
        .map_err(|e| {
            let diagnostic = match e {
                cache::Error::Image(problem) => problem_diagnostic(&rel, &problem),
                cache::Error::Io(error) => Diagnostic::new(&rel, "E403")
                    .nested("error", crate::messages::io_reason(&error)),
            };
            Box::new((file.dest.clone(), diagnostic))
        })?;
        if entry.hit {
            counts.cached.fetch_add(1, Ordering::Relaxed);
        } else {
            counts.processed.fetch_add(1, Ordering::Relaxed);
        }
        let warning = (entry.original_size > LARGE_ORIGINAL).then(|| {
            Diagnostic::new(&rel, "W400").arg("size", size_text(entry.original_size, language))
        });
        let main_format = format;
        let mut variants = Vec::new();
        let mut statics = Vec::new();
        let largest = entry.meta.variants.first().map_or(0, |v| v.width);
        for v in &entry.meta.variants {
            let is_main = v.width == largest && v.format == main_format;
            let dest = variant_dest(&file.dest, v.width, v.format, is_main);
            // A measured image has no files: its variants stand for the original, which
            // `check` never copies anywhere.
            let origin = match &entry.dir {
                Some(dir) => dir.join(cache::file_name(v.width, v.format)),
                None => path.clone(),
            };
            statics.push(StaticFile {
                dest: dest.clone(),
                origin: StaticOrigin::Disk(origin),
            });
            variants.push(Variant {
                width: v.width,
                height: v.height,
                format: v.format,
                dest,
            });
        }
        let (width, height) = entry
            .meta
            .variants
            .first()
            .map_or((0, 0), |v| (v.width, v.height));
        Ok((
            Published {
                dest: file.dest.clone(),
                format,
                width,
                height,
                variants,
            },
            statics,
            warning,
            rel,
        ))
    }
}

/// The processed images with the files kept as they are: who publishes each output path (a
/// resized copy can land on another file's name: `x.jpg` and `x.png` both make
/// `x-480w.webp`; a file may be called `x-480w.webp`), an error naming both when two do, never
/// one file silently replacing the other.
fn gather(
    root: &Path,
    mut kept: Vec<StaticFile>,
    results: Vec<Result<Processed, Box<(String, Diagnostic)>>>,
    refused_dests: &mut std::collections::HashSet<String>,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<StaticFile>, ImageCatalog) {
    let mut catalog = ImageCatalog::default();
    let mut owners: HashMap<String, String> = kept
        .iter()
        .map(|f| (f.dest.clone(), f.source_text(root)))
        .collect();
    for result in results {
        match result {
            Ok((published, statics, warning, rel)) => {
                let source = crate::diagnostics::display_path(&rel);
                let mut clash = false;
                for file in statics {
                    match owners.entry(file.dest.clone()) {
                        std::collections::hash_map::Entry::Occupied(other) => {
                            clash = true;
                            problems.push(
                                Diagnostic::new(&rel, "E411")
                                    .arg("url", format!("/{}", file.dest))
                                    .arg("other", other.get().clone()),
                            );
                        }
                        std::collections::hash_map::Entry::Vacant(free) => {
                            free.insert(source.clone());
                            kept.push(file);
                        }
                    }
                }
                problems.extend(warning);
                if !clash {
                    catalog.images.insert(published.dest.clone(), published);
                }
            }
            Err(refused) => {
                let (dest, d) = *refused;
                refused_dests.insert(dest);
                problems.push(d);
            }
        }
    }
    (kept, catalog)
}

/// The problem of an SVG file of the site (from `static/`, a theme or next to content) that
/// holds something a browser would run (E620), that is not well-formed (E621), or that is
/// compressed so it cannot be checked (E623); `None` for a clean SVG and for every other file.
fn check_svg(root: &Path, file: &StaticFile) -> Option<Diagnostic> {
    let StaticOrigin::Disk(path) = &file.origin else {
        return None;
    };
    let ext = file.dest.rsplit_once('.')?.1.to_ascii_lowercase();
    let rel = path.strip_prefix(root).unwrap_or(path);
    match ext.as_str() {
        "svgz" => Some(Diagnostic::new(rel, "E623")),
        "svg" => {
            let bytes = match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(error) => {
                    return Some(
                        Diagnostic::new(rel, "E607")
                            .nested("error", crate::messages::io_reason(&error)),
                    );
                }
            };
            let text = String::from_utf8_lossy(&bytes);
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let active = svg::check(text).err()?;
            let at = (active.line as usize, active.column as usize);
            Some(if active.kind == svg::ActiveKind::Unreadable {
                Diagnostic::new(rel, "E621").at(at.0, at.1)
            } else {
                Diagnostic::new(rel, "E620")
                    .nested(
                        "what",
                        crate::messages::Message::new(active.kind.message_id()),
                    )
                    .arg("element", active.element)
                    .at(at.0, at.1)
            })
        }
        _ => None,
    }
}

/// The format's name and the code when a file is a photo in a format the pipeline cannot
/// re-encode, which would be published with its EXIF, GPS position included: an iPhone's HEIC
/// and a scanner's TIFF, which browsers cannot show either (E412); AVIF and JPEG XL, which
/// some can (E612).
fn unpublishable_photo(dest: &str) -> Option<(&'static str, &'static str)> {
    let ext = dest.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "heic" | "heif" => Some(("HEIC", "E412")),
        "tif" | "tiff" => Some(("TIFF", "E412")),
        "avif" => Some(("AVIF", "E612")),
        "jxl" => Some(("JPEG XL", "E612")),
        _ => None,
    }
}

/// The default cache folder of a site.
pub fn cache_dir(root: &Path) -> PathBuf {
    match std::env::var_os("BLOCPRESS_CACHE_DIR") {
        Some(dir) => PathBuf::from(dir).join("images"),
        None => root.join(".blocpress-cache").join("images"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(size_text(6_082_000, Language::Vi), "5,8 MB");
        assert_eq!(size_text(6_082_000, Language::En), "5.8 MB");
        assert_eq!(size_text(250_880, Language::Vi), "245 KB");
    }

    #[test]
    fn variant_names() {
        assert_eq!(
            variant_dest("images/a.b.jpg", 480, Format::Webp, false),
            "images/a.b-480w.webp"
        );
        assert_eq!(
            variant_dest("images/a.jpg", 1600, Format::Jpeg, true),
            "images/a.jpg"
        );
    }
}
