//! `blocpress init DIR`: a new site that builds as it is. The files are the templates in
//! `src/cmd/init_site/`, embedded in the binary: a `site.yaml`, one sample association with its
//! figures for the current half-year, that period's narrative, a news item, an about page and an
//! image, every one commented in Vietnamese to teach the format. `__DATE__`, `__YEAR__`,
//! `__PERIOD__`, `__PERIOD_TITLE__` and `__NEXT_PERIOD_TITLE__` in names and text become today's
//! date in Vietnam and its half-year, so the new site looks current.
//!
//! A folder that already holds a site (a `site.yaml`, or a non-empty `content/`) is refused; in
//! any other folder no existing file is ever replaced.

use std::fs;
use std::path::{Path, PathBuf};

use blocpress::config::CONFIG_FILE;
use blocpress::content::load::is_ignored_name;
use blocpress::i18n::Language;
use blocpress::messages::Message;
use include_dir::{Dir, DirEntry, include_dir};

use super::EXIT_OK;
use super::new::{Failure, create_new_file, half_year_of, vietnam_today};
use crate::cli::InitArgs;

/// Cargo sees edits to the embedded files, but not a file added to the folder: after adding one,
/// touch this file so the binary is rebuilt with it.
static SITE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/cmd/init_site");

/// Where the site's publishing workflow installs blocpress from: Cargo.toml's `repository`.
pub const SOURCE_GIT: &str = match option_env!("CARGO_PKG_REPOSITORY") {
    Some(url) if !url.is_empty() => url,
    _ => "https://github.com/OWNER/blocpress",
};

/// The commit this binary was built from (build.rs), or its version's tag: the workflow installs
/// exactly that.
pub fn source_rev() -> String {
    match option_env!("BLOCPRESS_GIT_REV") {
        Some(rev) if !rev.is_empty() => rev.to_string(),
        _ => format!("v{}", env!("CARGO_PKG_VERSION")),
    }
}

pub fn run(args: InitArgs, lang: Option<blocpress::i18n::Language>) -> i32 {
    let ui = super::Ui::without_site(lang);
    match init(&args.dir, ui) {
        Ok(()) => EXIT_OK,
        Err(failure) => failure.report(ui),
    }
}

/// Every embedded file, as (path relative to the site, contents).
fn templates() -> Vec<(&'static Path, &'static [u8])> {
    fn collect(dir: &'static Dir<'static>, out: &mut Vec<(&'static Path, &'static [u8])>) {
        for entry in dir.entries() {
            match entry {
                DirEntry::Dir(sub) => collect(sub, out),
                DirEntry::File(file) => out.push((file.path(), file.contents())),
            }
        }
    }
    let mut files = Vec::new();
    collect(&SITE, &mut files);
    files.sort();
    files
}

/// Why `dir` cannot receive a new site, if it cannot.
fn refusal(dir: &Path) -> Option<Message> {
    let shown = dir.display().to_string();
    if dir.exists() && !dir.is_dir() {
        return Some(Message::new("init-not-a-folder").arg("dir", shown));
    }
    if dir.join(CONFIG_FILE).exists() {
        return Some(Message::new("init-has-site").arg("dir", shown));
    }
    let content = dir.join("content");
    if content.exists() {
        let has_files = fs::read_dir(&content)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .any(|e| !is_ignored_name(&e.file_name().to_string_lossy()))
            })
            .unwrap_or(true);
        if has_files || !content.is_dir() {
            return Some(Message::new("init-has-content").arg("dir", shown));
        }
    }
    None
}

fn init(dir: &Path, ui: super::Ui) -> Result<(), Failure> {
    if let Some(message) = refusal(dir) {
        return Err(Failure::Usage(message));
    }
    let today = vietnam_today();
    let period = half_year_of(today);
    let next = period.following().unwrap_or(period);
    let replacements = [
        ("__DATE__", today.to_string()),
        ("__YEAR__", today.year().to_string()),
        (
            "__PERIOD_TITLE__",
            period.default_title(Language::Vi).to_lowercase(),
        ),
        (
            "__NEXT_PERIOD_TITLE__",
            next.default_title(Language::Vi).to_lowercase(),
        ),
        ("__PERIOD__", period.to_string()),
        ("__BLOCPRESS_GIT__", SOURCE_GIT.to_string()),
        ("__BLOCPRESS_REV__", source_rev()),
    ];
    let fill = |text: &str| {
        replacements
            .iter()
            .fold(text.to_string(), |text, (from, to)| text.replace(from, to))
    };

    fs::create_dir_all(dir)
        .map_err(|e| Failure::Io(super::new::io_message("io-cannot-create", dir, &e)))?;
    let mut created = 0;
    let mut kept = Vec::new();
    for (path, contents) in templates() {
        let rel = PathBuf::from(fill(&path.to_string_lossy()));
        let contents = match std::str::from_utf8(contents) {
            Ok(text) => fill(text).into_bytes(),
            Err(_) => contents.to_vec(),
        };
        if create_new_file(&dir.join(&rel), &contents)? {
            created += 1;
        } else {
            kept.push(rel);
        }
    }
    for rel in &kept {
        ui.say(Message::new("init-kept").arg("path", dir.join(rel).display().to_string()));
    }
    ui.say(
        Message::new("init-done")
            .arg("dir", dir.display().to_string())
            .count("files", created)
            .arg("period", period.to_string()),
    );
    ui.say(Message::new("init-next").arg("dir", dir.display().to_string()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_templates_hold_a_site() {
        let paths: Vec<String> = templates()
            .iter()
            .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
            .collect();
        assert!(paths.contains(&String::from("site.yaml")), "{paths:?}");
        assert!(
            paths
                .iter()
                .any(|p| p.starts_with("content/associations/") && p.ends_with("/profile.yaml"))
        );
        assert!(paths.iter().any(|p| p.starts_with("content/news/")));
    }
}
