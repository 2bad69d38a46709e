//! The year's awards proposal: `content/awards/<year>.yaml` (SPEC Part 3 "The whole year"), the
//! *Tờ trình* the bloc sends with its lists of collectives and individuals. The rules that need
//! the rest of the year (the scoring's leader, quotas, registered titles) are in [`super::year`].

use std::collections::HashSet;

use indexmap::IndexMap;
use serde::Deserialize;

use super::meetings::locate_item;
use super::{SourcePath, file_stem};
use crate::diagnostics::{Diagnostic, suggestion};
use crate::model::{AwardStatus, Awards, CollectiveAward, DocumentMeta, IndividualAward};
use crate::slug::Slug;
use crate::yaml::{self, YamlSource};

/// The folder under `content/`.
pub const FOLDER: &str = "awards";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AwardsFile {
    /// Số của tờ trình.
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    number: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    date: Option<String>,
    /// Kính gửi.
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    to: Option<String>,
    #[serde(default)]
    limits: IndexMap<String, yaml::Value>,
    #[serde(default)]
    collectives: Vec<CollectiveFile>,
    #[serde(default)]
    individuals: Vec<IndividualFile>,
    #[serde(default)]
    signer: Option<crate::config::Signer>,
    #[serde(default)]
    extra: yaml::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CollectiveFile {
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    member: String,
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    award: String,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    achievement: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    status: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    decision: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndividualFile {
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    name: String,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    position: Option<String>,
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    member: String,
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    award: String,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    achievement: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    status: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    decision: Option<String>,
}

fn trimmed(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// What one entry of a list holds in common, checked: its member, its award and its status.
struct Entry<'a> {
    list: &'static str,
    index: usize,
    member: &'a str,
    award: &'a str,
    status: Option<&'a str>,
}

/// Parses one awards file; `associations` are the members' slugs.
pub fn parse(
    path: &SourcePath,
    text: &str,
    associations: &HashSet<Slug>,
) -> Result<Awards, Vec<Diagnostic>> {
    let stem = file_stem(&path.rel);
    if !crate::config::is_year(&stem) {
        return Err(vec![
            Diagnostic::new(&path.rel, "E720").arg("name", stem.as_str()),
        ]);
    }
    let year: i32 = stem.parse().unwrap_or_default();
    let source = YamlSource::new(&path.rel, text);
    let (file, mut problems) = yaml::from_str_all::<AwardsFile>(&source);
    let Some(file) = file else {
        return Err(problems);
    };
    let signed = signed_date(&source, file.date.as_deref(), &mut problems);
    let limits = parse_limits(&source, &file.limits, &mut problems);
    let collectives = parse_collectives(&source, &file.collectives, associations, &mut problems);
    let individuals = parse_individuals(&source, &file.individuals, associations, &mut problems);
    let (extra, sample) = super::extra_and_sample(&source, &file.extra, true, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Awards {
        source: path.rel.clone(),
        year,
        document: DocumentMeta {
            number: trimmed(file.number),
            signed,
            signer: file.signer,
            year: Some(year),
        },
        to: trimmed(file.to),
        limits,
        collectives,
        individuals,
        extra,
        sample,
    })
}

/// The date the *Tờ trình* is signed (`date:`), if given; a bad one is reported.
fn signed_date(
    source: &YamlSource,
    date: Option<&str>,
    problems: &mut Vec<Diagnostic>,
) -> Option<jiff::civil::Date> {
    let signed = date.map(str::trim).filter(|t| !t.is_empty());
    signed.and_then(|text| {
        super::news::parse_publish_date(text)
            .map(|d| d.date)
            .map_err(|m| problems.push(source.report(&["date"], m)))
            .ok()
    })
}

/// The quota of each award (`limits:`): a positive whole number, or E724.
fn parse_limits(
    source: &YamlSource,
    raw: &IndexMap<String, yaml::Value>,
    problems: &mut Vec<Diagnostic>,
) -> IndexMap<String, u32> {
    let mut limits = IndexMap::new();
    for (award, value) in raw {
        let text = yaml::scalar_text(value).unwrap_or_default();
        match text.trim().parse::<u32>() {
            Ok(n) if n > 0 => {
                limits.insert(award.trim().to_string(), n);
            }
            _ => problems.push(
                source
                    .at(&["limits", award], "E724")
                    .arg("award", award.as_str())
                    .arg("value", text.trim()),
            ),
        }
    }
    limits
}

/// Checks what every entry holds: a known member, an award, a known status; `None` when the
/// member is unknown (the problems are reported either way).
fn check_entry(
    source: &YamlSource,
    associations: &HashSet<Slug>,
    entry: Entry,
    problems: &mut Vec<Diagnostic>,
) -> Option<(Slug, AwardStatus)> {
    let at = locate_item(source, entry.list, entry.index);
    let slug = Slug::parse(entry.member.trim())
        .ok()
        .filter(|s| associations.contains(s));
    if slug.is_none() {
        let hint = suggestion(entry.member, associations.iter().map(Slug::as_str));
        problems.push(
            Diagnostic::new(source.path, "E067")
                .arg("name", entry.member)
                .nested("hint", hint)
                .at_opt(at),
        );
    }
    if entry.award.trim().is_empty() {
        problems.push(
            Diagnostic::new(source.path, "E726")
                .arg("association", entry.member)
                .at_opt(at),
        );
    }
    let status = match entry.status.map(str::trim) {
        None | Some("") | Some("proposed") => AwardStatus::Proposed,
        Some("granted") => AwardStatus::Granted,
        Some(other) => {
            problems.push(
                Diagnostic::new(source.path, "E236")
                    .arg("association", entry.member)
                    .arg("value", other)
                    .at_opt(at),
            );
            AwardStatus::Proposed
        }
    };
    Some((slug?, status))
}

/// The `collectives:` list, each entry checked.
fn parse_collectives(
    source: &YamlSource,
    list: &[CollectiveFile],
    associations: &HashSet<Slug>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<CollectiveAward> {
    let mut collectives = Vec::new();
    for (index, c) in list.iter().enumerate() {
        let entry = Entry {
            list: "collectives",
            index,
            member: &c.member,
            award: &c.award,
            status: c.status.as_deref(),
        };
        if let Some((member, status)) = check_entry(source, associations, entry, problems) {
            collectives.push(CollectiveAward {
                member,
                award: c.award.trim().to_string(),
                achievement: trimmed(c.achievement.clone()),
                status,
                decision: trimmed(c.decision.clone()),
            });
        }
    }
    collectives
}

/// The `individuals:` list, each entry checked; entries without a name are reported (E727)
/// after the others.
fn parse_individuals(
    source: &YamlSource,
    list: &[IndividualFile],
    associations: &HashSet<Slug>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<IndividualAward> {
    let mut individuals = Vec::new();
    let mut unnamed = Vec::new();
    for (index, i) in list.iter().enumerate() {
        let entry = Entry {
            list: "individuals",
            index,
            member: &i.member,
            award: &i.award,
            status: i.status.as_deref(),
        };
        let checked = check_entry(source, associations, entry, problems);
        if i.name.trim().is_empty() {
            unnamed.push(index);
            continue;
        }
        if let Some((member, status)) = checked {
            individuals.push(IndividualAward {
                name: i.name.trim().to_string(),
                position: trimmed(i.position.clone()),
                member,
                award: i.award.trim().to_string(),
                achievement: trimmed(i.achievement.clone()),
                status,
                decision: trimmed(i.decision.clone()),
            });
        }
    }
    for index in unnamed {
        problems.push(
            Diagnostic::new(source.path, "E727")
                .count("n", (index + 1) as i64)
                .at_opt(locate_item(source, "individuals", index)),
        );
    }
    individuals
}
