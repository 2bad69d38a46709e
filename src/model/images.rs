//! The processed images of a site as data: each original's published variants, by output path.
//! The image stage ([`crate::images`]) produces it; Markdown and the templates read it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl Format {
    /// The format an image file is published in, from its name; `None` for files that are not
    /// processed (SVG, PDF, anything else). Every name a JPEG goes by is a JPEG: a `.jfif` from
    /// a browser's "save image" keeps its EXIF like any other.
    pub fn of(dest: &str) -> Option<Format> {
        let ext = dest.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" | "jpe" | "jfif" | "jif" | "pjpeg" | "pjp" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            "gif" => Some(Format::Gif),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Gif => "gif",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
            Format::Gif => "image/gif",
        }
    }
}

/// What the image stage may do for an image its cache does not hold yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ImageWork {
    /// Decode it, encode its variants and store them in the site's cache (`build`, `serve`).
    #[default]
    Publish,
    /// Check it as a build would (header limits, memory budget, a full decode) and measure its
    /// variants, but encode nothing and write nothing: `check`, the `sheet` commands, and the
    /// checks of `sheet import` and browser saves. `cache_of` names the site whose cache is read
    /// (a scratch copy of a site reads the live site's; `None`: its own), so photos a build
    /// already encoded are not decoded again.
    Check { cache_of: Option<PathBuf> },
}

/// One published file of an image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// Output path, relative (`images/x-480w.webp`).
    pub dest: String,
}

/// An image as pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// The original's output path (`images/x.jpg`): it serves the largest variant.
    pub dest: String,
    /// The format of the original.
    pub format: Format,
    /// Upright size of the largest variant.
    pub width: u32,
    pub height: u32,
    /// Every variant, largest first.
    pub variants: Vec<Variant>,
}

/// What the pipeline did, for the build's summary and the tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageStats {
    /// Images decoded and encoded in this run.
    pub processed: usize,
    /// Images whose variants came from the cache.
    pub cached: usize,
}

/// The processed images of a site, by the original's output path.
#[derive(Debug, Clone, Default)]
pub struct ImageCatalog {
    pub images: HashMap<String, Published>,
    /// Every file of the output that comes from `static/` or the theme (after processing).
    pub files: HashSet<String>,
    pub stats: ImageStats,
    /// The cache folder the variants are in.
    pub cache_dir: PathBuf,
    /// Files next to content that content names but that lead out of `content/` (a symlink):
    /// never published, reported where they are named (E410).
    pub outside: HashSet<String>,
    /// Output paths of images that were refused (too large, unreadable, a format that cannot
    /// be stripped) and of active files next to content: reported once, where the file is; a
    /// link to one is not reported again.
    pub refused: HashSet<String>,
}

impl ImageCatalog {
    /// Whether a file is a variant in the image cache (written once, never modified).
    pub fn is_cached(&self, path: &Path) -> bool {
        !self.cache_dir.as_os_str().is_empty() && path.starts_with(&self.cache_dir)
    }

    /// The image published at a URL written in content (`/images/x.jpg`, `images/x.jpg`, with or
    /// without the site's sub-path).
    pub fn get(&self, url: &str, base_path: &str) -> Option<&Published> {
        let path = url.split(['?', '#']).next().unwrap_or(url);
        let path = path.strip_prefix(base_path).unwrap_or(path);
        let path = path.trim_start_matches('/');
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        self.images.get(decoded.as_ref())
    }
}
