//! The image pipeline. Every raster image among the static files (JPEG, PNG, WebP) is published
//! resized to the theme's widths (never wider than the original) in WebP and its own format,
//! turned upright and stripped of metadata; the original file is never copied (its EXIF may hold
//! the GPS position of a member's home). Its own URL serves the largest variant, so links to it
//! keep working. Pages show images as `<picture>` with `srcset`, `sizes`, `width` and `height`.
//!
//! Processed variants live in a cache outside the output (`ROOT/.blocpress-cache/images/`,
//! see [`cache`]), keyed by a hash of the original's bytes and of the settings: a second build
//! only copies files, and a changed photo always gets a new key.

pub mod cache;
pub mod html;
pub mod process;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
// The stage's data lives in the model; its submodules name it as `super::Format`.
use crate::model::images::{Format, ImageCatalog, ImageStats, Published, Variant};
use crate::model::{StaticFile, StaticOrigin};

/// Widths (CSS pixels × density) the default theme needs: a card thumbnail, the text column at
/// 1× and at 2×.
pub const WIDTHS: &[u32] = &[480, 960, 1600];
/// Bump when the output of [`process`] changes: every cache key changes with it.
pub const PIPELINE_VERSION: u32 = 2;
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

/// Runs the pipeline over the static files: raster images are replaced by their variants (read
/// from the cache, or processed in parallel and cached), everything else is kept. Returns the
/// new list of static files and the catalogue; problems (undecodable images, large originals)
/// go to `problems`.
pub fn publish(
    root: &Path,
    language: crate::i18n::Language,
    files: Vec<StaticFile>,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<StaticFile>, ImageCatalog) {
    let cache = cache::Cache::open(root);
    // Photo formats browsers do not show and that keep their EXIF (GPS): never published.
    let (refused, files): (Vec<StaticFile>, Vec<StaticFile>) = files
        .into_iter()
        .partition(|f| unpublishable_photo(&f.dest).is_some());
    for file in refused {
        let rel = match &file.origin {
            StaticOrigin::Disk(path) => path.strip_prefix(root).unwrap_or(path).to_path_buf(),
            StaticOrigin::Builtin(_) => PathBuf::from(&file.dest),
        };
        let format = unpublishable_photo(&file.dest).unwrap_or_default();
        problems.push(Diagnostic::new(&rel, "E412").arg("format", format));
    }
    let (images, mut kept): (Vec<StaticFile>, Vec<StaticFile>) = files
        .into_iter()
        .partition(|f| matches!(f.origin, StaticOrigin::Disk(_)) && Format::of(&f.dest).is_some());
    let processed = AtomicUsize::new(0);
    let cached = AtomicUsize::new(0);
    let results: Vec<Result<Processed, Diagnostic>> = images
        .par_iter()
        .map(|file| {
            let StaticOrigin::Disk(path) = &file.origin else {
                unreachable!("partitioned above")
            };
            let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
            let format = Format::of(&file.dest).unwrap_or(Format::Jpeg);
            let entry = cache
                .entry(path, format, |bytes| process::process(bytes, format))
                .map_err(|e| match e {
                    cache::Error::Decode(message) => {
                        Diagnostic::new(&rel, "E402").arg("error", message)
                    }
                    cache::Error::Io(error) => {
                        Diagnostic::new(&rel, "E403").arg("error", error.to_string())
                    }
                })?;
            if entry.hit {
                cached.fetch_add(1, Ordering::Relaxed);
            } else {
                processed.fetch_add(1, Ordering::Relaxed);
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
                statics.push(StaticFile {
                    dest: dest.clone(),
                    origin: StaticOrigin::Disk(entry.dir.join(cache::file_name(v.width, v.format))),
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
        })
        .collect();
    let mut catalog = ImageCatalog::default();
    // Who publishes each output path. A resized copy can land on another file's name (`x.jpg`
    // and `x.png` both make `x-480w.webp`; a file may be called `x-480w.webp`): that is an
    // error naming both, never one file silently replacing the other.
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
            Err(d) => problems.push(d),
        }
    }
    cache.save_index();
    kept.sort_by(|a, b| a.dest.cmp(&b.dest));
    catalog.cache_dir = cache_dir(root);
    catalog.files = kept.iter().map(|f| f.dest.clone()).collect();
    catalog.stats = ImageStats {
        processed: processed.into_inner(),
        cached: cached.into_inner(),
    };
    (kept, catalog)
}

/// The format's name when a file is a photo in a format the pipeline cannot read and browsers
/// cannot show (an iPhone's HEIC, a scanner's TIFF): such a file would be published with its
/// EXIF, GPS position included.
fn unpublishable_photo(dest: &str) -> Option<&'static str> {
    let ext = dest.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "heic" | "heif" => Some("HEIC"),
        "tif" | "tiff" => Some("TIFF"),
        _ => None,
    }
}

/// News images and member logos that name a file of the site that does not exist (E401).
pub fn check_front_matter(site: &crate::model::Site) -> Vec<Diagnostic> {
    let base_path = &site.config.base_path;
    let mut problems = Vec::new();
    let mut check = |source: &Path, field: &'static str, url: &str| {
        if let Some(path) = crate::urls::site_file_target(url, base_path)
            && !site.images.files.contains(&path)
        {
            problems.push(
                Diagnostic::new(source, "E401")
                    .arg("field", field)
                    .arg("target", url)
                    .at(crate::content::key_line(&site.root, source, field), 0),
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
