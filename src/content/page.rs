//! A free page: `content/pages/*.md` (about, contact, …), served at `/<slug>/`.

use serde::Deserialize;

use super::front_matter;
use super::{SourcePath, file_stem};
use crate::diagnostics::Diagnostic;
use crate::model::{Markdown, Page};
use crate::slug::Slug;
use crate::yaml;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    title: String,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    slug: Option<String>,
    #[serde(default)]
    menu: Option<i64>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    extra: yaml::Value,
}

pub fn parse(path: &SourcePath, text: &str) -> Result<Page, Vec<Diagnostic>> {
    let rel = path.rel.as_path();
    let (fm, source, split, mut problems) = front_matter::parse::<FrontMatter>(rel, text)?;
    if fm.title.trim().is_empty() {
        problems.push(source.at(&["title"], "E065").arg("key", "title"));
    }
    let slug = match &fm.slug {
        Some(given) => Slug::parse(given).map_err(|m| source.report(&["slug"], m)),
        None => Slug::from_text(&file_stem(rel)).ok_or_else(|| Diagnostic::new(rel, "E052")),
    };
    let slug = match slug {
        Ok(slug) if crate::urls::kept_page_slug(slug.as_str()) => {
            problems.push(source.at(&["slug"], "E053").arg("slug", slug.as_str()));
            None
        }
        Ok(slug) => Some(slug),
        Err(d) => {
            problems.push(d);
            None
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Page {
        source: rel.to_path_buf(),
        slug: slug.expect("checked above"),
        title: fm.title.trim().to_string(),
        menu: fm.menu,
        draft: fm.draft,
        extra: crate::config::extra_to_json(&fm.extra),
        body: Markdown::new(split.body.to_string(), split.body_line),
    })
}
