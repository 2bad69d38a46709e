//! `aliases:` in news front matter: the old URLs of an item, which keep working as redirect
//! pages. Parsed into output paths under the site root; whether one takes the place of a real
//! page (or of another alias) is checked once the whole site is loaded ([`check`]).

use std::path::Path;

use crate::diagnostics::{Diagnostic, display_path};
use crate::model::{Alias, Site};
use crate::urls::{Route, Taken};
use crate::yaml::YamlSource;

/// `/news/old-slug/` → `news/old-slug/`; `/2013/06/x.html` → `2013/06/x.html`. Only plain path
/// segments (letters, digits, `-`, `_`, `.`, `~`): an alias becomes a file name on any host.
pub fn normalise(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let path = trimmed.strip_prefix('/')?;
    let folder = path.is_empty() || path.ends_with('/');
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() || trimmed.contains("//") {
        return None;
    }
    for segment in &segments {
        let ok = segment
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.~".contains(c))
            && !segment.chars().all(|c| c == '.');
        if !ok {
            return None;
        }
    }
    let joined = segments.join("/");
    // `/news/old` is a folder; `/old.html` is a file (its last segment has an extension).
    let is_file = !folder && segments.last().is_some_and(|s| s.contains('.'));
    Some(if is_file {
        joined
    } else {
        format!("{joined}/")
    })
}

/// Parses the aliases of one news file, pointing errors at the alias's line.
pub fn parse(
    rel: &Path,
    written: &[String],
    source: &YamlSource,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Alias> {
    let key = source.locate(&["aliases"]).unwrap_or((0, 0));
    let mut aliases: Vec<Alias> = Vec::new();
    for text in written {
        let (line, column) = position_of(source, key, text);
        match normalise(text) {
            Some(path) => {
                if !aliases.iter().any(|a| a.path == path) {
                    aliases.push(Alias { path, line, column });
                }
            }
            None => problems.push(
                Diagnostic::new(rel, "E500")
                    .arg("alias", text.trim())
                    .at(line, column),
            ),
        }
    }
    aliases
}

/// The line and column of `text` in the front matter at or after the `aliases:` key.
fn position_of(source: &YamlSource, key: (usize, usize), text: &str) -> (usize, usize) {
    let needle = text.trim();
    if key.0 == 0 || needle.is_empty() {
        return key;
    }
    let first = key.0.saturating_sub(source.line_offset).saturating_sub(1);
    source
        .text
        .lines()
        .enumerate()
        .skip(first)
        .find_map(|(i, line)| {
            // Columns count characters (`/tin-cũ/` is 8, not 9).
            line.find(needle)
                .map(|col| (i + 1 + source.line_offset, line[..col].chars().count() + 1))
        })
        .unwrap_or(key)
}

/// Every alias that would take the place of a [`reserved`](crate::urls::reserved) path, of a
/// page or file of the site (`taken`: every route but the redirects), or of another item's
/// alias: an error at the alias. Aliases are compared as the files they write, so an alias
/// inside a file (`/atom.xml/`) is as much a clash as one over it.
pub fn check(site: &Site, taken: &Taken<Route>, problems: &mut Vec<Diagnostic>) {
    let mut aliases: Taken<&Path> = Taken::new();
    // In file order, so the later file is the one reported.
    let mut items: Vec<&crate::model::NewsItem> =
        site.news.iter().filter(|n| !n.aliases.is_empty()).collect();
    items.sort_by(|a, b| a.source.cmp(&b.source));
    for item in items {
        for alias in &item.aliases {
            let file = alias.file();
            let shown = format!("/{}", alias.path);
            let problem = if let Some(why) = crate::urls::reserved(&file) {
                Diagnostic::new(&item.source, "E505")
                    .nested("what", crate::messages::Message::new(why.message_id()))
            } else if let Some(route) = taken.clash(&file) {
                match route {
                    Route::Static(i) => Diagnostic::new(&item.source, "E506")
                        .arg("file", format!("/{}", site.static_files[*i].dest)),
                    page => Diagnostic::new(&item.source, "E501").arg("page", page.shown(site)),
                }
            } else if let Some(other) = aliases.clash(&file) {
                Diagnostic::new(&item.source, "E502").arg("other", display_path(other))
            } else {
                aliases.insert(&file, &item.source);
                continue;
            };
            problems.push(problem.arg("alias", shown).at(alias.line, alias.column));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_site_paths() {
        assert_eq!(
            normalise("/news/old-slug/").as_deref(),
            Some("news/old-slug/")
        );
        assert_eq!(
            normalise("/news/old-slug").as_deref(),
            Some("news/old-slug/")
        );
        assert_eq!(
            normalise(" /2013/06/tin.html ").as_deref(),
            Some("2013/06/tin.html")
        );
        assert_eq!(normalise("/tin-cũ/").as_deref(), Some("tin-cũ/"));
        for bad in [
            "news/x/",
            "/",
            "//x/",
            "/a/../b/",
            "/a b/",
            "https://x.vn/a/",
            "/a?b=1",
            "/a/./b",
        ] {
            assert_eq!(normalise(bad), None, "{bad}");
        }
    }
}
