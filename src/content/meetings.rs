//! A meeting of the bloc: `content/meetings/<slug>.md` (SPEC Part 3 "The whole year"), what its
//! minutes (*biên bản*) record: time and place, chair and secretary, who attended, the votes,
//! and the proceedings as the Markdown body. What one file can check is checked here; who was
//! a member in the meeting's year is checked in [`super::year`] once the profiles are read.

use std::collections::HashSet;
use std::str::FromStr;

use indexmap::IndexMap;
use serde::Deserialize;

use super::{SourcePath, file_stem, front_matter};
use crate::diagnostics::{Diagnostic, suggestion};
use crate::model::{Markdown, Meeting, Person, Vote};
use crate::period::PeriodId;
use crate::slug::Slug;
use crate::yaml::{self, YamlSource};

/// The folder under `content/`.
pub const FOLDER: &str = "meetings";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    title: String,
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    date: String,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    start: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    end: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    place: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    period: Option<String>,
    #[serde(default)]
    chair: Option<PersonFile>,
    #[serde(default)]
    secretary: Option<PersonFile>,
    #[serde(default)]
    present: Vec<yaml::Value>,
    #[serde(default)]
    absent: IndexMap<String, yaml::Value>,
    #[serde(default, deserialize_with = "yaml::scalar_list::deserialize")]
    guests: Vec<String>,
    #[serde(default)]
    votes: Vec<VoteFile>,
    /// Số of the minutes (`03/BB-KTĐ`); left blank for the clerk without it.
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    number: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    extra: yaml::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonFile {
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    name: String,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    position: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VoteFile {
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    subject: String,
    #[serde(default)]
    agree: Option<yaml::Value>,
    #[serde(default)]
    disagree: Option<yaml::Value>,
    #[serde(default)]
    abstain: Option<yaml::Value>,
}

/// `"8:00"` or `"08:00"` as `08:00`; `None` when it is not a time of day.
pub fn time_of_day(text: &str) -> Option<String> {
    let (hours, minutes) = text.trim().split_once([':', 'h', 'g'])?;
    let minutes = minutes.trim();
    let (h, m): (u8, u8) = (hours.trim().parse().ok()?, minutes.parse().ok()?);
    (h < 24 && m < 60 && minutes.len() == 2).then(|| format!("{h:02}:{m:02}"))
}

/// Parses one meeting file; `associations` are the members' slugs (any year).
pub fn parse(
    path: &SourcePath,
    text: &str,
    associations: &HashSet<Slug>,
) -> Result<Meeting, Vec<Diagnostic>> {
    let rel = path.rel.as_path();
    let stem = file_stem(rel);
    let slug = match Slug::parse(&stem) {
        Ok(slug) => Some(slug),
        Err(_) => {
            return Err(vec![
                Diagnostic::new(rel, "E748")
                    .arg("name", stem.as_str())
                    .arg("slug", crate::slug::slugify(&stem)),
            ]);
        }
    };
    let (fm, source, split, mut problems) = front_matter::parse::<FrontMatter>(rel, text)?;
    let date = super::news::parse_publish_date(&fm.date)
        .map(|d| d.date)
        .map_err(|m| problems.push(source.report(&["date"], m)))
        .ok();
    let mut time = |value: &Option<String>, key: &str| -> Option<String> {
        let text = value.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
        let time = time_of_day(text);
        if time.is_none() {
            problems.push(source.at(&[key], "E741").arg("value", text));
        }
        time
    };
    let start = time(&fm.start, "start");
    let end = time(&fm.end, "end");
    if let (Some(start), Some(end)) = (&start, &end)
        && end <= start
    {
        problems.push(
            source
                .at(&["end"], "E746")
                .arg("start", start.as_str())
                .arg("end", end.as_str()),
        );
    }
    let period = fm
        .period
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .and_then(|text| match PeriodId::from_str(text) {
            Ok(id) => Some(id),
            Err(_) => {
                problems.push(source.at(&["period"], "E747").arg("value", text));
                None
            }
        });
    let member = |name: &str, keys: &[&str], problems: &mut Vec<Diagnostic>| {
        let slug = Slug::parse(name).ok().filter(|s| associations.contains(s));
        if slug.is_none() {
            let hint = suggestion(name, associations.iter().map(Slug::as_str));
            problems.push(
                source
                    .at(keys, "E067")
                    .arg("name", name)
                    .nested("hint", hint),
            );
        }
        slug
    };
    let mut present = Vec::new();
    for value in &fm.present {
        let name = yaml::scalar_text(value).unwrap_or_default();
        if let Some(slug) = member(name.trim(), &["present"], &mut problems)
            && !present.contains(&slug)
        {
            present.push(slug);
        }
    }
    let mut absent = IndexMap::new();
    for (name, reason) in &fm.absent {
        let Some(slug) = member(name, &["absent", name], &mut problems) else {
            continue;
        };
        if present.contains(&slug) {
            problems.push(
                source
                    .at(&["absent", name], "E744")
                    .arg("association", name.as_str()),
            );
            continue;
        }
        let reason = yaml::scalar_text(reason)
            .unwrap_or_default()
            .trim()
            .to_string();
        absent.insert(slug, reason);
    }
    let votes = votes(&source, &fm.votes, &mut problems);
    let (extra, sample) = super::extra_and_sample(&source, &fm.extra, true, &mut problems);
    let (Some(slug), Some(date)) = (slug, date) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let person = |p: Option<PersonFile>| {
        p.map(|p| Person {
            name: p.name.trim().to_string(),
            position: p
                .position
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
        })
        .filter(|p| !p.name.is_empty())
    };
    let trimmed =
        |text: Option<String>| text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    Ok(Meeting {
        source: rel.to_path_buf(),
        slug,
        title: fm.title.trim().to_string(),
        date,
        start,
        end,
        place: trimmed(fm.place),
        period,
        chair: person(fm.chair),
        secretary: person(fm.secretary),
        present,
        absent,
        guests: fm
            .guests
            .into_iter()
            .map(|g| g.trim().to_string())
            .filter(|g| !g.is_empty())
            .collect(),
        votes,
        body: Markdown::new(split.body.to_string(), split.body_line),
        document: crate::model::DocumentMeta {
            number: trimmed(fm.number),
            signed: Some(date),
            signer: None,
            year: Some(i32::from(date.year())),
        },
        draft: fm.draft,
        extra,
        sample,
    })
}

/// The votes: whole, non-negative counts (that there are no more ballots than members present
/// is checked with the attendance, in [`super::year`]).
fn votes(source: &YamlSource, written: &[VoteFile], problems: &mut Vec<Diagnostic>) -> Vec<Vote> {
    let mut votes = Vec::new();
    for (n, vote) in written.iter().enumerate() {
        let at = locate_item(source, "votes", n);
        let mut count = |value: &Option<yaml::Value>, key: &'static str| -> u32 {
            let Some(value) = value else { return 0 };
            let text = yaml::scalar_text(value).unwrap_or_default();
            match text.trim().parse::<u32>() {
                Ok(n) => n,
                Err(_) => {
                    problems.push(
                        Diagnostic::new(source.path, "E750")
                            .arg("key", key)
                            .arg("value", text.trim())
                            .at_opt(at),
                    );
                    0
                }
            }
        };
        votes.push(Vote {
            subject: vote.subject.trim().to_string(),
            agree: count(&vote.agree, "agree"),
            disagree: count(&vote.disagree, "disagree"),
            abstain: count(&vote.abstain, "abstain"),
        });
    }
    votes
}

/// The line and column of item `index` (0-based) of the list under `key`, for messages.
pub fn locate_item(source: &YamlSource, key: &str, index: usize) -> Option<(usize, usize)> {
    let (line, _) = source.locate(&[key])?;
    let lines: Vec<&str> = source.text.lines().collect();
    let first = line - source.line_offset;
    let key_line = lines.get(first - 1)?;
    let key_indent = key_line.len() - key_line.trim_start().len();
    let mut seen = 0;
    for (i, text) in lines.iter().enumerate().skip(first) {
        let trimmed = text.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = text.len() - trimmed.len();
        if indent < key_indent || (indent == key_indent && !trimmed.starts_with("- ")) {
            break;
        }
        if trimmed.starts_with("- ") {
            if seen == index {
                let column = text[..indent].chars().count() + 1;
                return Some((i + 1 + source.line_offset, column));
            }
            seen += 1;
        }
    }
    Some((line, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn members() -> HashSet<Slug> {
        ["a", "b", "c"]
            .iter()
            .map(|s| Slug::parse(s).unwrap())
            .collect()
    }

    fn parse_text(text: &str) -> Result<Meeting, Vec<Diagnostic>> {
        let path = SourcePath {
            abs: PathBuf::from("x"),
            rel: PathBuf::from("content/meetings/hop-khoi.md"),
        };
        parse(&path, text, &members())
    }

    #[test]
    fn times_of_day() {
        assert_eq!(time_of_day("8:00").as_deref(), Some("08:00"));
        assert_eq!(time_of_day("14h30").as_deref(), Some("14:30"));
        assert_eq!(time_of_day("24:00"), None);
        assert_eq!(time_of_day("8:5"), None);
        assert_eq!(time_of_day("sáng"), None);
    }

    #[test]
    fn attendance_and_ballots() {
        let meeting = parse_text(
            "---\ntitle: Họp\ndate: 2013-06-21\nstart: \"8:00\"\nend: \"11:30\"\npresent: [a, b]\nabsent: { c: Ốm }\nvotes:\n  - { subject: X, agree: 1, disagree: 0, abstain: 1 }\n---\nNội dung.\n",
        )
        .unwrap();
        assert_eq!(meeting.present.len(), 2);
        assert_eq!(meeting.votes[0].ballots(), 2);
        assert_eq!(meeting.start.as_deref(), Some("08:00"));

        let errors = parse_text(
            "---\ntitle: Họp\ndate: 2013-06-21\nstart: \"9:00\"\nend: \"8:00\"\npresent: [a, b]\nabsent: { b: Bận }\nvotes:\n  - { subject: X, agree: 1 }\n  - { subject: Y, agree: 2, abstain: 1 }\n---\n",
        )
        .unwrap_err();
        let codes: Vec<(&str, Option<usize>)> = errors.iter().map(|d| (d.code(), d.line)).collect();
        assert!(codes.contains(&("E746", Some(5))), "{codes:?}");
        assert!(codes.contains(&("E744", Some(7))), "{codes:?}");
        assert!(!codes.iter().any(|(c, _)| *c == "E743"), "{codes:?}");
    }
}
