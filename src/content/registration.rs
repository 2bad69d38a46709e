//! The bloc's registration of yearly targets (*đăng ký, giao ước thi đua*):
//! `content/registrations/<year>.yaml`. Targets are checked like an achievement's `targets`,
//! against each member's own metrics and the site's.

use std::collections::HashMap;

use indexmap::IndexMap;
use serde::Deserialize;

use super::association::{MetricScope, check_kind, metric_value};
use super::{SourcePath, file_stem};
use crate::config::MetricDef;
use crate::diagnostics::{Diagnostic, suggestion};
use crate::model::{Markdown, Registration};
use crate::slug::Slug;
use crate::yaml::{self, YamlSource};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistrationFile {
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    title: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    date: Option<String>,
    #[serde(default)]
    targets: IndexMap<String, IndexMap<String, yaml::Value>>,
    #[serde(default)]
    commitments: IndexMap<String, yaml::Value>,
    /// The title each member registers for (*đăng ký danh hiệu*).
    #[serde(default)]
    titles: IndexMap<String, yaml::Value>,
    #[serde(default)]
    extra: yaml::Value,
}

/// Parses one registration file. `metrics` gives each association's own metric definitions.
pub fn parse(
    path: &SourcePath,
    text: &str,
    metrics: &HashMap<Slug, &IndexMap<String, MetricDef>>,
    site_metrics: &IndexMap<String, MetricDef>,
) -> Result<Registration, Vec<Diagnostic>> {
    let stem = file_stem(&path.rel);
    if !crate::config::is_year(&stem) {
        return Err(vec![
            Diagnostic::new(&path.rel, "E220").arg("name", stem.as_str()),
        ]);
    }
    let year: i32 = stem.parse().unwrap_or_default();
    let source = YamlSource::new(&path.rel, text);
    let file: RegistrationFile = yaml::from_str(&source).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let date = file.date.as_deref().and_then(|text| {
        super::news::parse_publish_date(text)
            .map(|d| d.date)
            .map_err(|m| problems.push(source.report_value(&["date"], text, m)))
            .ok()
    });
    let known = |name: &str, section: &str, problems: &mut Vec<Diagnostic>| {
        let slug = Slug::parse(name).ok().filter(|s| metrics.contains_key(s));
        if slug.is_none() {
            let hint = suggestion(name, metrics.keys().map(Slug::as_str));
            problems.push(
                source
                    .at(&[section, name], "E221")
                    .arg("association", name)
                    .nested("hint", hint),
            );
        }
        slug
    };
    let mut targets = IndexMap::new();
    for (name, values) in &file.targets {
        let Some(slug) = known(name, "targets", &mut problems) else {
            continue;
        };
        let scope = MetricScope {
            own: metrics[&slug],
            site: site_metrics,
        };
        let mut member = IndexMap::new();
        for (key, value) in values {
            let keys = ["targets", name.as_str(), key.as_str()];
            let Some(def) = scope.get(key) else {
                let hint = suggestion(
                    key,
                    scope
                        .own
                        .keys()
                        .chain(scope.site.keys())
                        .map(String::as_str),
                );
                problems.push(
                    source
                        .at(&keys, "E222")
                        .arg("key", key.as_str())
                        .arg("association", name.as_str())
                        .nested("hint", hint),
                );
                continue;
            };
            match metric_value(&source, &keys, value)
                .and_then(|(v, _)| check_kind(&source, &keys, def, v, true).map(|()| v))
            {
                Ok(Some(v)) => {
                    member.insert(key.clone(), v);
                }
                Ok(None) => {}
                Err(d) => problems.push(d),
            }
        }
        targets.insert(slug, member);
    }
    let mut commitments = IndexMap::new();
    for (name, items) in &file.commitments {
        let Some(slug) = known(name, "commitments", &mut problems) else {
            continue;
        };
        let line = source.locate(&["commitments", name]).map_or(0, |(l, _)| l);
        let list: Vec<Markdown> = match items {
            yaml::Value::Sequence(items) => items
                .iter()
                .filter_map(yaml::scalar_text)
                .map(|t| Markdown::new(t, line))
                .collect(),
            other => yaml::scalar_text(other)
                .map(|t| vec![Markdown::new(t, line)])
                .unwrap_or_default(),
        };
        commitments.insert(slug, list);
    }
    let mut titles = IndexMap::new();
    for (name, value) in &file.titles {
        let Some(slug) = known(name, "titles", &mut problems) else {
            continue;
        };
        match yaml::scalar_text(value).map(|t| t.trim().to_string()) {
            Some(title) if !title.is_empty() => {
                titles.insert(slug, title);
            }
            _ => problems.push(
                source
                    .at(&["titles", name], "E740")
                    .arg("association", name.as_str()),
            ),
        }
    }
    let (extra, sample) = super::extra_and_sample(&source, &file.extra, true, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Registration {
        source: path.rel.clone(),
        year,
        title: file
            .title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
        date,
        targets,
        commitments,
        titles,
        sample,
        extra,
    })
}
