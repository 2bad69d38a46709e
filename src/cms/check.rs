//! What the CMS may touch.
//!
//! [`classify`] turns a path the browser sent into a [`Target`] or refuses it: only the files of
//! the data model (news, pages, period narratives, member profiles and figures, registrations,
//! scoring files, meetings, awards proposals) and uploads into the media folder. Never `.git/`, site.yaml, themes or
//! anything hidden. Whether a save would pass `check` is decided on the whole site with the
//! change ([`crate::content::write::check_edits`]).

use std::path::{Component, Path, PathBuf};

use crate::config::{CONFIG_FILE, SiteConfig};
use crate::content::read_text;
use crate::diagnostics::Diagnostic;
use crate::period::PeriodId;
use crate::slug::Slug;

/// Largest uploaded file, decoded.
pub const MAX_MEDIA_BYTES: usize = 10 << 20;

/// File types an editor may upload. No SVG or HTML: they can carry scripts that would run on the
/// same address as the editing API. No AVIF: the image pipeline cannot strip it (E612).
pub const MEDIA_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "pdf"];

/// An uploaded file checked as a build would check it: an image is read the way the pipeline
/// reads it (size limits from its header, the memory budget of the site, a full decode), so a
/// file that would fail the build, or bring it down, is refused at upload with the build's code.
pub fn check_media(root: &Path, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    let memory = read_text(&root.join(CONFIG_FILE), Path::new(CONFIG_FILE))
        .ok()
        .and_then(|text| SiteConfig::parse(&text).ok())
        .map_or(crate::config::DEFAULT_IMAGE_MEMORY, |config| {
            config.images.memory
        });
    crate::images::check_upload(path, bytes, memory)
        .map_err(|problem| crate::images::problem_diagnostic(Path::new(path), &problem))
}

/// A file the CMS may read or write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    News,
    Page,
    Period,
    Profile(Slug),
    Figures(Slug, PeriodId),
    Registration,
    Scoring,
    /// `content/meetings/<slug>.md`.
    Meeting,
    /// `content/awards/<year>.yaml`.
    Awards,
    Media,
}

/// A folder the CMS may list, with the depth it may go.
pub fn listable_folder(folder: &str) -> Option<usize> {
    match folder.trim_end_matches('/') {
        "content/news" => Some(3),
        "content/pages"
        | "content/periods"
        | "content/registrations"
        | "content/scoring"
        | "content/meetings"
        | "content/awards" => Some(1),
        super::config::MEDIA_FOLDER => Some(1),
        _ => None,
    }
}

/// The segments of a relative path as the browser sent it, or `None` when it could leave the
/// site or name something hidden: absolute paths, `..`, `.`, empty segments, backslashes, drive
/// letters, control characters.
pub fn segments(path: &str) -> Option<Vec<&str>> {
    if path.is_empty() || path.len() > 1024 || path.starts_with('/') {
        return None;
    }
    let parts: Vec<&str> = path.split('/').collect();
    for part in &parts {
        if part.is_empty()
            || part.starts_with('.')
            || part.contains(['\\', ':', '\0'])
            || part.chars().any(char::is_control)
        {
            return None;
        }
    }
    Some(parts)
}

fn extension(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// Which file of the data model `path` is; `None` for anything else.
pub fn classify(path: &str) -> Option<Target> {
    let parts = segments(path)?;
    let name = *parts.last()?;
    let ext = extension(name);
    match parts.as_slice() {
        ["content", "news", rest @ ..] if !rest.is_empty() && rest.len() <= 3 && ext == "md" => {
            Some(Target::News)
        }
        ["content", "pages", _] if ext == "md" => Some(Target::Page),
        ["content", "periods", _] if ext == "md" && stem(name).parse::<PeriodId>().is_ok() => {
            Some(Target::Period)
        }
        ["content", "associations", folder, file] if ext == "yaml" => {
            let slug = Slug::parse(folder).ok()?;
            if *file == "profile.yaml" {
                Some(Target::Profile(slug))
            } else {
                Some(Target::Figures(slug, stem(name).parse().ok()?))
            }
        }
        ["content", "registrations", _]
            if ext == "yaml" && stem(name).len() == 4 && stem(name).parse::<u16>().is_ok() =>
        {
            Some(Target::Registration)
        }
        ["content", "scoring", _] if ext == "yaml" && stem(name).parse::<PeriodId>().is_ok() => {
            Some(Target::Scoring)
        }
        // The name is the page's address: a slug, as the loader requires (E748).
        ["content", "meetings", _] if ext == "md" && Slug::parse(stem(name)).is_ok() => {
            Some(Target::Meeting)
        }
        ["content", "awards", _]
            if ext == "yaml" && stem(name).len() == 4 && stem(name).parse::<u16>().is_ok() =>
        {
            Some(Target::Awards)
        }
        ["static", "images", _]
            if MEDIA_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) =>
        {
            Some(Target::Media)
        }
        _ => None,
    }
}

/// `root/path` when no existing part of it is a symlink (a link could lead the write anywhere).
pub fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let parts = segments(path)?;
    let mut full = root.to_path_buf();
    for part in parts {
        full.push(part);
        match std::fs::symlink_metadata(&full) {
            Ok(meta) if meta.file_type().is_symlink() => return None,
            _ => {}
        }
    }
    debug_assert!(
        full.strip_prefix(root)
            .is_ok_and(|rel| rel.components().all(|c| matches!(c, Component::Normal(_))))
    );
    Some(full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_of_the_data_model() {
        assert_eq!(classify("content/news/2013/a.md"), Some(Target::News));
        assert_eq!(classify("content/pages/gioi-thieu.md"), Some(Target::Page));
        assert_eq!(classify("content/periods/2013-h1.md"), Some(Target::Period));
        assert!(matches!(
            classify("content/associations/hoi-luat-gia/2013-h1.yaml"),
            Some(Target::Figures(..))
        ));
        assert!(matches!(
            classify("content/associations/hoi-luat-gia/profile.yaml"),
            Some(Target::Profile(_))
        ));
        assert_eq!(
            classify("content/registrations/2014.yaml"),
            Some(Target::Registration)
        );
        assert_eq!(classify("content/scoring/2013.yaml"), Some(Target::Scoring));
        assert_eq!(classify("static/images/anh.jpg"), Some(Target::Media));
        assert_eq!(
            classify("content/meetings/hoi-nghi-so-ket-2013.md"),
            Some(Target::Meeting)
        );
        assert_eq!(classify("content/awards/2013.yaml"), Some(Target::Awards));
        for bad in [
            "content/meetings/Hội nghị.md",
            "content/meetings/sub/a.md",
            "content/meetings/a.yaml",
            "content/meetings/../../site.yaml",
            "content/awards/2013.md",
            "content/awards/nam-2013.yaml",
            "content/awards/20134.yaml",
            "site.yaml",
            ".git/hooks/pre-commit",
            "content/.git/config",
            "themes/default/templates/base.html",
            "content/news/../../site.yaml",
            "/etc/passwd",
            "content/news/a.yaml",
            "content/pages/sub/a.md",
            "content/periods/ghi-chu.md",
            "content/associations/hoi-luat-gia/notes.yaml",
            "static/images/x.svg",
            "static/images/x.html",
            "static/js/x.png",
            "content\\news\\a.md",
            "C:/x/content/news/a.md",
            "content//news/a.md",
            "content/news/./a.md",
            "content/news/.hidden.md",
            "content/news/a\0.md",
            "",
        ] {
            assert_eq!(classify(bad), None, "{bad}");
        }
    }

    #[test]
    fn listing_is_limited_to_collection_folders() {
        assert_eq!(listable_folder("content/news"), Some(3));
        assert_eq!(listable_folder("static/images"), Some(1));
        assert_eq!(listable_folder("content/meetings"), Some(1));
        assert_eq!(listable_folder("content/awards/"), Some(1));
        assert_eq!(listable_folder("content"), None);
        assert_eq!(listable_folder(".git"), None);
        assert_eq!(listable_folder("themes/default"), None);
    }
}
