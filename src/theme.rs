//! Themes: the built-in `default` theme is compiled into the binary; a site's
//! `themes/<name>/` overrides single templates, adds static files and extends translations.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A hash of the built-in theme's files, set by `build.rs`; referencing it makes Cargo rebuild
/// this module whenever a theme file changes.
pub const BUILTIN_FINGERPRINT: &str = env!("BLOCPRESS_THEME_FINGERPRINT");

/// A template's name (`news.html`, `partials/pager.html`) and text.
pub struct TemplateSource {
    pub name: String,
    pub text: String,
    /// The file on disk for a site template, for messages.
    pub path: Option<PathBuf>,
}

/// Every built-in template, sorted by name.
pub fn builtin_templates() -> Vec<TemplateSource> {
    let mut out = Vec::new();
    if let Some(dir) = BUILTIN.get_dir("templates") {
        collect_embedded(dir, Path::new("templates"), &mut out);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn collect_embedded(dir: &'static Dir<'static>, prefix: &Path, out: &mut Vec<TemplateSource>) {
    for file in dir.files() {
        let name = relative_name(file.path(), prefix);
        if let Some(text) = file.contents_utf8() {
            out.push(TemplateSource {
                name,
                text: text.to_string(),
                path: None,
            });
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, prefix, out);
    }
}

fn relative_name(path: &Path, prefix: &Path) -> String {
    path.strip_prefix(prefix)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The built-in static files (`style.css`, …) as output path and bytes.
pub fn builtin_static() -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    if let Some(dir) = BUILTIN.get_dir("static") {
        collect_static(dir, &mut out);
    }
    out.sort();
    out
}

fn collect_static(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
    for file in dir.files() {
        out.push((
            relative_name(file.path(), Path::new("static")),
            file.contents(),
        ));
    }
    for sub in dir.dirs() {
        collect_static(sub, out);
    }
}

/// The built-in translation file for a language (`i18n/vi.yaml`).
pub fn builtin_i18n(code: &str) -> Option<&'static str> {
    BUILTIN
        .get_file(format!("i18n/{code}.yaml"))
        .and_then(|f| f.contents_utf8())
}

/// `themes/<name>` of a site.
pub fn site_theme_dir(root: &Path, theme: &str) -> PathBuf {
    root.join("themes").join(theme)
}
