//! Files next to content: a photo or a PDF that a news item, a page, a period's narrative or a
//! document names by a relative path (`![Quang cảnh](anh/quang-canh.jpg)`, `image: anh/x.jpg`,
//! `logo: logo.png`, `file: ke-hoach.pdf`) is resolved against the folder of the file that names
//! it and published at its path under `content/` (`content/news/2013/anh/x.jpg` →
//! `/news/2013/anh/x.jpg`), raster images through the image pipeline like those of `static/`.
//! Only files that content names are published: the spreadsheets and drafts a secretary keeps
//! beside the news never leave the site folder. Content files themselves (`.md`, `.yaml`) are
//! never published this way.
//!
//! References are found while the site is loaded, so the image pipeline runs once over the
//! static and the referenced images together. A Markdown body is parsed for its links only when
//! a byte scan finds a destination that could be relative: a site without such files pays one
//! pass of `memchr` over each body.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag};

use super::SourcePath;
use crate::diagnostics::Diagnostic;
use crate::model::{StaticFile, StaticOrigin};

/// A file that content names by a relative path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The file that names it (`content/news/2013/x.md`).
    pub source: PathBuf,
    /// As written.
    pub url: String,
    /// The front-matter key that holds it (`image`, `logo`, `file`); `None` in Markdown (the
    /// Markdown stage reports those problems, at their lines).
    pub field: Option<&'static str>,
    /// Its path under `content/` (`news/2013/anh/x.jpg`), which is also its published path;
    /// `None` when the path leads out of `content/`.
    pub target: Option<String>,
}

/// Extensions of content files: never published as files next to content.
const CONTENT_EXTENSIONS: &[&str] = &["md", "yaml", "yml", "html", "htm"];

/// Whether a URL is a relative path to a file: no scheme, not root-relative (`/`, `//`), not an
/// anchor or an `@/` link, and its last segment has a file extension that is not a content
/// file's (`anh/x.jpg`, `../bao-cao.pdf`; not `rel/`, `gioi-thieu.md` or `#muc`).
pub fn is_reference(url: &str) -> bool {
    let url = url.trim();
    if url.is_empty() || url.starts_with(['/', '#', '?', '@', '\\']) || has_scheme(url) {
        return false;
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, ext)) = last.rsplit_once('.') else {
        return false;
    };
    !stem.is_empty()
        && (1..=5).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        && !CONTENT_EXTENSIONS
            .iter()
            .any(|e| e.eq_ignore_ascii_case(ext))
}

/// `scheme:` before any `/`, `?` or `#` (`https:`, `mailto:`, `data:`, `javascript:`); control
/// characters and spaces, which browsers ignore in a scheme, count as scheme characters so that
/// `java\tscript:` is never taken for a file.
fn has_scheme(url: &str) -> bool {
    match url.find([':', '/', '?', '#']) {
        Some(i) if url.as_bytes()[i] == b':' => {
            i > 0
                && url[..i].chars().all(|c| {
                    c.is_ascii_alphanumeric()
                        || "+-.".contains(c)
                        || c.is_whitespace()
                        || c.is_control()
                })
        }
        _ => false,
    }
}

/// The path under `content/` of `url` written in the file `source` (relative to the site root):
/// `content/news/2013/x.md` + `anh/x%20y.jpg` → `news/2013/anh/x y.jpg`. `None` when the path
/// leads out of `content/`.
pub fn resolve(source: &Path, url: &str) -> Option<String> {
    let url = url.trim();
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let decoded = super::to_nfc(decoded.into_owned());
    let mut parts: Vec<String> = source
        .parent()
        .unwrap_or(Path::new(""))
        .components()
        .skip(1) // `content`
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            name => parts.push(name.to_string()),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The query and fragment of a URL, to keep on the rewritten one (`x.pdf#page=2` → `#page=2`).
pub fn suffix(url: &str) -> &str {
    url.find(['?', '#']).map_or("", |i| &url[i..])
}

/// Whether a Markdown text may hold a relative link or image: a `](` or a `]:` (a reference
/// definition) followed by a destination [`is_reference`] accepts. Cheap, and never wrong in
/// the direction that matters: a text it rejects has no such destination.
fn may_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b']', bytes).any(|i| {
        let rest = &text[i + 1..];
        let rest = match rest.as_bytes().first() {
            Some(b'(') | Some(b':') => &rest[1..],
            _ => return false,
        };
        let rest = rest.trim_start().trim_start_matches('<');
        let end = rest
            .find(|c: char| c.is_whitespace() || c == ')' || c == '>')
            .unwrap_or(rest.len());
        // An escaped or entity-encoded destination is left to the parser.
        let candidate = &rest[..end];
        candidate.contains(['\\', '&']) || is_reference(candidate)
    })
}

/// The relative destinations of the links and images of a Markdown text, as written.
pub fn markdown(text: &str) -> Vec<String> {
    if !may_reference(text) {
        return Vec::new();
    }
    Parser::new_ext(text, super::markdown_options())
        .filter_map(|event| match event {
            Event::Start(Tag::Image { dest_url, .. } | Tag::Link { dest_url, .. })
                if is_reference(&dest_url) =>
            {
                Some(dest_url.into_string())
            }
            _ => None,
        })
        .collect()
}

/// The references of a Markdown text of `source`, added to `out`.
pub fn add_markdown(source: &Path, text: &str, out: &mut Vec<Reference>) {
    for url in markdown(text) {
        out.push(Reference {
            source: source.to_path_buf(),
            target: resolve(source, &url),
            url,
            field: None,
        });
    }
}

/// A front-matter value that names a file next to content: its reference, and the value
/// rewritten to the published path (`/news/2013/anh/x.jpg`) when the path stays in `content/`.
pub fn front_matter(
    source: &Path,
    field: &'static str,
    value: &mut String,
    out: &mut Vec<Reference>,
) {
    if !is_reference(value) {
        return;
    }
    let target = resolve(source, value);
    let url = match &target {
        Some(dest) => std::mem::replace(value, format!("/{dest}{}", suffix(value))),
        None => value.clone(),
    };
    out.push(Reference {
        source: source.to_path_buf(),
        url,
        field: Some(field),
        target,
    });
}

/// The references of a news item; its `image:` is rewritten to the published path.
pub fn news(item: &mut crate::model::NewsItem) -> Vec<Reference> {
    let mut out = Vec::new();
    add_markdown(&item.source, &item.body.source, &mut out);
    if let Some(image) = &mut item.image {
        front_matter(&item.source, "image", image, &mut out);
    }
    out
}

/// The references of an association's profile; its `logo:` is rewritten to the published path.
pub fn profile(association: &mut crate::model::Association) -> Vec<Reference> {
    let mut out = Vec::new();
    if let Some(logo) = &mut association.logo {
        front_matter(&association.source, "logo", logo, &mut out);
    }
    out
}

/// The front matter of a document, read for its `file:` alone (the document is parsed once
/// the site is loaded).
#[derive(serde::Deserialize)]
struct DocumentFile {
    #[serde(default)]
    file: Option<serde_yaml::Value>,
    #[serde(default)]
    draft: Option<serde_yaml::Value>,
}

/// The references of a document's text (its `file:` and its notes); none for a draft left out.
/// The file is parsed again, with the rest of the site, by [`super::documents`]; a site has tens
/// of documents.
pub fn document(source: &Path, text: &str, drafts: bool) -> Vec<Reference> {
    let mut out = Vec::new();
    let Ok((fm, _, split, _)) = super::front_matter::parse::<DocumentFile>(source, text) else {
        return out;
    };
    if !drafts && fm.draft == Some(serde_yaml::Value::Bool(true)) {
        return out;
    }
    if let Some(serde_yaml::Value::String(mut file)) = fm.file {
        front_matter(source, "file", &mut file, &mut out);
    }
    add_markdown(source, split.body, &mut out);
    out
}

/// What [`publish`] found.
#[derive(Debug, Default)]
pub struct Found {
    /// The referenced files, to publish with the static files.
    pub files: Vec<StaticFile>,
    /// Paths under `content/` that are symlinks leading out of it: never published.
    pub outside: HashSet<String>,
    /// Referenced files a browser would run as a page (E622): never published, reported once
    /// where they are.
    pub refused: HashSet<String>,
}

/// Extensions of files a browser runs as a page or a program when it opens them.
const ACTIVE_EXTENSIONS: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "shtm", "mht", "mhtml", "js", "mjs", "xsl", "xslt",
];

/// Whether a file next to content is one a browser would run: a page or a script by its
/// extension, or an XML file that a browser renders as a page (a style sheet, XHTML or SVG in
/// it). Those are published only from `static/`, where the site's owner puts them knowingly,
/// never from beside a news item an editor or a member wrote. SVG files are checked element by
/// element by the image pipeline instead.
pub fn is_active(dest: &str, abs: &Path) -> bool {
    let ext = dest
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if ACTIVE_EXTENSIONS.contains(&ext.as_str()) {
        return true;
    }
    if ext == "xml" {
        let Ok(bytes) = std::fs::read(abs) else {
            return false;
        };
        let text = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
        return [
            "<?xml-stylesheet",
            "http://www.w3.org/1999/xhtml",
            "http://www.w3.org/2000/svg",
        ]
        .iter()
        .any(|marker| text.contains(marker));
    }
    false
}

/// Resolves the references against the files of `content/` (`assets`: every file there that is
/// not a content file, by its path under `content/`). Front-matter references that name no file
/// are reported here (E401, E410); Markdown ones by the Markdown stage. A referenced file in the
/// place of a static file is an error (E411). Unreferenced assets get the diagnostic the loader
/// kept for them (a file in a place where content is not read).
pub fn publish(
    root: &Path,
    assets: BTreeMap<String, (SourcePath, Vec<Diagnostic>)>,
    references: &[Reference],
    statics: &[StaticFile],
    problems: &mut Vec<Diagnostic>,
) -> Found {
    let mut found = Found::default();
    let wanted: HashSet<&str> = references
        .iter()
        .filter_map(|r| r.target.as_deref())
        .collect();
    let canonical_content = root
        .join("content")
        .canonicalize()
        .unwrap_or_else(|_| root.join("content"));
    let static_dests: HashMap<&str, &StaticFile> = if wanted.is_empty() {
        HashMap::new()
    } else {
        statics.iter().map(|f| (f.dest.as_str(), f)).collect()
    };
    for (dest, (file, kept)) in assets {
        if !wanted.contains(dest.as_str()) {
            problems.extend(kept);
            continue;
        }
        // A symlink that stays in the site but leaves content/ (to site.yaml, to .git/).
        let inside = file
            .abs
            .canonicalize()
            .is_ok_and(|target| target.starts_with(&canonical_content));
        if !inside {
            found.outside.insert(dest);
            continue;
        }
        if is_active(&dest, &file.abs) {
            problems.push(Diagnostic::new(&file.rel, "E622"));
            found.refused.insert(dest);
            continue;
        }
        if let Some(other) = static_dests.get(dest.as_str()) {
            let other = other.source_text(root);
            problems.push(
                Diagnostic::new(&file.rel, "E411")
                    .arg("url", format!("/{dest}"))
                    .arg("other", other),
            );
            continue;
        }
        found.files.push(StaticFile {
            dest,
            origin: StaticOrigin::Disk(file.abs),
        });
    }
    for reference in references {
        let Some(field) = reference.field else {
            continue;
        };
        let code = match &reference.target {
            None => "E410",
            Some(dest) if found.outside.contains(dest) => "E410",
            // Reported where the file is.
            Some(dest) if found.refused.contains(dest) => continue,
            Some(dest) if found.files.iter().any(|f| f.dest == *dest) => continue,
            Some(_) => "E401",
        };
        let line = super::key_line(root, &reference.source, field);
        problems.push(
            Diagnostic::new(&reference.source, code)
                .arg("field", field)
                .arg("target", reference.url.clone())
                .at(line, 0),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_file_paths_are_references() {
        for url in ["anh/x.jpg", "./x.PNG", "../bao-cao.pdf", "a b.jpg?x=1#p"] {
            assert!(is_reference(url), "{url}");
        }
        for url in [
            "/images/x.jpg",
            "//cdn.vn/x.jpg",
            "#muc",
            "@/news/x.md",
            "https://x.vn/a.jpg",
            "mailto:a@b.vn",
            "tel:0123.456",
            "data:image/png;base64,AAA.png",
            "java\tscript:alert(1).jpg",
            "rel/",
            "gioi-thieu.md",
            "x.yaml",
            "trang.html",
            "anh",
            ".htaccess",
        ] {
            assert!(!is_reference(url), "{url}");
        }
    }

    #[test]
    fn paths_resolve_against_the_folder_of_their_file() {
        let news = Path::new("content/news/2013/hoi-nghi.md");
        assert_eq!(
            resolve(news, "anh/quang%20canh.jpg").as_deref(),
            Some("news/2013/anh/quang canh.jpg")
        );
        assert_eq!(
            resolve(news, "./../anh/x.jpg#a").as_deref(),
            Some("news/anh/x.jpg")
        );
        assert_eq!(resolve(news, "../../x.jpg").as_deref(), Some("x.jpg"));
        assert_eq!(resolve(news, "../../../x.jpg"), None);
        assert_eq!(resolve(news, "../../../site.yaml"), None);
        let profile = Path::new("content/associations/hoi-luat-gia/profile.yaml");
        assert_eq!(
            resolve(profile, "logo.png").as_deref(),
            Some("associations/hoi-luat-gia/logo.png")
        );
    }

    #[test]
    fn markdown_references_are_found_only_when_relative() {
        assert!(
            markdown("[a](https://x.vn/a.pdf) ![b](/images/b.jpg) [c](@/news/c.md)").is_empty()
        );
        assert!(markdown("Văn bản thường, không liên kết.").is_empty());
        assert_eq!(
            markdown(
                "![Quang cảnh](anh/quang-canh.jpg \"t\")\n\n[Kế hoạch][kh]\n\n[kh]: <ke hoach.pdf>\n"
            ),
            vec!["anh/quang-canh.jpg".to_string(), "ke hoach.pdf".to_string()]
        );
        assert!(markdown("`[x](a.jpg)` in code").is_empty());
    }
}
