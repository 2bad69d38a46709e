//! A period's narrative: `content/periods/<period>.md`, the text the review article opens with,
//! and the meeting's metadata (date, host, location).

use std::collections::HashSet;
use std::str::FromStr;

use serde::Deserialize;

use super::front_matter;
use super::{SourcePath, file_stem};
use crate::diagnostics::{Diagnostic, suggestion};
use crate::messages::Message;
use crate::model::{Markdown, Period};
use crate::period::PeriodId;
use crate::slug::Slug;
use crate::yaml;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    title: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    date: Option<String>,
    #[serde(default)]
    host: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    location: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    summary: Option<String>,
    #[serde(default)]
    draft: bool,
    /// The bloc's common tasks for the next period (Markdown list items).
    #[serde(default, deserialize_with = "yaml::scalar_list::deserialize")]
    plans: Vec<String>,
    /// *Đánh giá chung* (Markdown): section II of the report.
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    assessment: Option<String>,
    /// *Kiến nghị, đề xuất* (Markdown): the report's last section.
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    recommendations: Option<String>,
    #[serde(default)]
    extra: yaml::Value,
    // The official report's số, date and signer (see `document_meta`).
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    number: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    signed: Option<String>,
    #[serde(default)]
    signer: Option<crate::config::Signer>,
}

/// The period a file is named after (`2013-h1.md`, `2013.yaml`).
pub fn period_from_file_name(path: &SourcePath) -> Result<PeriodId, Diagnostic> {
    PeriodId::from_str(&file_stem(&path.rel))
        .map_err(|_| Diagnostic::new(&path.rel, "E060").arg("name", file_stem(&path.rel)))
}

/// The parsed file (its `draft` says whether it is held back).
pub fn parse(
    path: &SourcePath,
    text: &str,
    associations: &HashSet<Slug>,
) -> Result<Period, Vec<Diagnostic>> {
    let rel = path.rel.as_path();
    let id = period_from_file_name(path).map_err(|d| vec![d])?;
    let (fm, source, split, mut problems) = front_matter::parse::<FrontMatter>(rel, text)?;
    let date = fm.date.as_deref().and_then(|text| {
        super::news::parse_publish_date(text)
            .map(|d| d.date)
            .map_err(|m| problems.push(source.report_value(&["date"], text, m)))
            .ok()
    });
    let host = fm.host.as_deref().and_then(|text| match Slug::parse(text) {
        Ok(slug) if associations.contains(&slug) => Some(slug),
        Ok(_) => {
            let hint = suggestion(text, associations.iter().map(Slug::as_str));
            let message = Message::new("E067").arg("name", text).nested("hint", hint);
            problems.push(source.report_value(&["host"], text, message));
            None
        }
        Err(m) => {
            problems.push(source.report(&["host"], m));
            None
        }
    });
    let mut document = super::document_meta::resolve(&source, fm.number, fm.signed, fm.signer)
        .map_err(|d| problems.push(d))
        .unwrap_or_default();
    document.year = Some(i32::from(id.year()));
    // A section's text, with the line its key is on (Markdown problems point there).
    let section = |text: Option<String>, key: &str| {
        text.filter(|t| !t.trim().is_empty()).map(|t| {
            let line = source.locate(&[key]).map_or(0, |(l, _)| l);
            Markdown::new(t, line)
        })
    };
    let assessment = section(fm.assessment, "assessment");
    let recommendations = section(fm.recommendations, "recommendations");
    let (extra, sample) = super::extra_and_sample(&source, &fm.extra, true, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let body = split.body;
    let narrative =
        (!body.trim().is_empty()).then(|| Markdown::new(body.to_string(), split.body_line));
    Ok(Period {
        id,
        source: Some(rel.to_path_buf()),
        title: fm
            .title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_default(),
        date,
        host,
        location: fm.location,
        summary: fm.summary,
        extra,
        sample,
        narrative,
        plans: {
            let line = source.locate(&["plans"]).map_or(0, |(l, _)| l);
            fm.plans
                .into_iter()
                .map(|text| Markdown::new(text, line))
                .collect()
        },
        assessment,
        recommendations,
        draft: fm.draft,
        document,
    })
}
