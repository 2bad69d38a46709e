//! The bloc's scoring table for a period: `content/scoring/<period>.yaml`. Scores are exact
//! decimals (hundredths at most), totals add adjustments, and equal totals share a rank.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::SourcePath;
use crate::diagnostics::{Diagnostic, suggestion};
use crate::model::{Adjustment, CriteriaGroup, Criterion, SampleMark, ScoreRow, Scoring};
use crate::slug::Slug;
use crate::yaml::{self, YamlSource};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoringFile {
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    title: Option<String>,
    groups: Vec<GroupFile>,
    #[serde(default)]
    scores: IndexMap<String, IndexMap<yaml::Value, yaml::Value>>,
    #[serde(default)]
    awards: IndexMap<String, yaml::Value>,
    #[serde(default)]
    adjustments: IndexMap<String, Vec<AdjustmentFile>>,
    #[serde(default)]
    extra: yaml::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    title: String,
    criteria: Vec<CriterionFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionFile {
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    id: String,
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    title: String,
    max: yaml::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AdjustmentFile {
    points: yaml::Value,
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    reason: String,
}

/// The largest score, maximum or adjustment: far above any real table, small enough that totals
/// cannot overflow.
pub const MAX_POINTS: i64 = 1_000_000;

/// A score or point value: a number with at most two decimals.
fn points(
    source: &YamlSource,
    keys: &[&str],
    value: &yaml::Value,
    what: &str,
) -> Result<Decimal, Diagnostic> {
    let text = match value {
        yaml::Value::Number(n) => n.to_string(),
        yaml::Value::String(s) if s.trim().parse::<f64>().is_ok() => s.trim().to_string(),
        yaml::Value::String(s) if s.contains(',') => {
            return Err(source.error_at(
                keys,
                format!(
                    "{what} \"{s}\": write decimals with a dot, e.g. {}",
                    s.replace(',', ".")
                ),
            ));
        }
        _ => return Err(source.error_at(keys, format!("{what} must be a number such as 9.5"))),
    };
    let decimal = Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map_err(|_| source.error_at(keys, format!("{what} `{text}` is not a usable number")))?
        .normalize();
    if decimal.abs() > Decimal::from(MAX_POINTS) {
        return Err(source.error_at(
            keys,
            format!("{what} `{text}` is too large: points may be at most {MAX_POINTS}"),
        ));
    }
    if decimal.scale() > 2 {
        return Err(source.error_at(
            keys,
            format!("{what} `{text}` has more than two decimals; scores are kept to hundredths"),
        ));
    }
    Ok(decimal)
}

/// Criterion ids written as unquoted decimal numbers (`id: 1.10`, or `1.10:` as a key under
/// `scores`): YAML reads them as numbers, so `1.10` becomes 1.1. Each is an error (E604) at its
/// line and column, saying to quote it. Text inside quotes and comments is skipped.
fn unquoted_number_ids(rel: &std::path::Path, text: &str) -> Vec<Diagnostic> {
    let is_decimal = |token: &str| {
        let mut parts = token.splitn(2, '.');
        let whole = parts.next().unwrap_or("");
        let fraction = parts.next().unwrap_or("");
        !whole.is_empty()
            && !fraction.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.bytes().all(|b| b.is_ascii_digit())
    };
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut quote: Option<char> = None;
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                i += 1;
                continue;
            }
            match c {
                '"' | '\'' => {
                    quote = Some(c);
                    i += 1;
                    continue;
                }
                '#' if i == 0 || chars[i - 1].1.is_whitespace() => break,
                _ => {}
            }
            if !c.is_ascii_digit() {
                i += 1;
                continue;
            }
            // A token starting here: after `id:`, or a key after `{`, `,` or the indentation.
            let before = line[..at].trim_end();
            let end = line[at..]
                .find(|ch: char| !(ch.is_ascii_digit() || ch == '.'))
                .map_or(line.len(), |e| at + e);
            let token = &line[at..end];
            let after = line[end..].trim_start();
            let is_id_value =
                before.ends_with("id:") && (after.is_empty() || after.starts_with([',', '}', '#']));
            let is_key = (before.is_empty()
                || before.ends_with('{')
                || before.ends_with(',')
                || before.ends_with('-'))
                && after.starts_with(':')
                && after[1..].chars().next().is_none_or(char::is_whitespace);
            if (is_id_value || is_key) && is_decimal(token) {
                found.push(
                    Diagnostic::new(rel, "E604")
                        .arg("id", token)
                        .at(number + 1, line[..at].chars().count() + 1),
                );
            }
            i += line[at..end].chars().count().max(1);
        }
    }
    found
}

/// Parses and ranks a scoring file. `associations` lists the known association slugs in
/// display order (ties keep that order).
pub fn parse(
    path: &SourcePath,
    text: &str,
    associations: &[Slug],
) -> Result<Scoring, Vec<Diagnostic>> {
    let period = super::period::period_from_file_name(path).map_err(|d| vec![d])?;
    let source = YamlSource::new(&path.rel, text);
    // Before YAML reads `1.10` as the number 1.1 (and `1.10` and `1.1` as the same criterion).
    let unquoted = unquoted_number_ids(&path.rel, text);
    if !unquoted.is_empty() {
        return Err(unquoted);
    }
    let file: ScoringFile = yaml::from_str(&source).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    // Criteria whose `max` is wrong: reported once, not again as "unknown" in every score row.
    let mut broken_ids: HashSet<String> = HashSet::new();
    let known: HashMap<&str, usize> = associations
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let known_names = || associations.iter().map(Slug::as_str);

    // Criteria, in order, with unique ids.
    let mut groups = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    if file.groups.is_empty() {
        problems.push(source.error_at(
            &["groups"],
            "a scoring file needs at least one group of criteria",
        ));
    }
    for group in &file.groups {
        let mut criteria = Vec::new();
        for criterion in &group.criteria {
            let id = criterion.id.trim().to_string();
            let id_keys = ["groups", "id"];
            if !seen.insert(id.clone()) {
                problems.push(
                    Diagnostic::error(
                        &path.rel,
                        format!(
                            "criterion id `{id}` is used twice; each criterion needs its own id"
                        ),
                    )
                    .at_opt(
                        locate_values(text, "id", &id)
                            .nth(1)
                            .or_else(|| source.locate(&id_keys)),
                    ),
                );
                continue;
            }
            let max = match points(
                &source,
                &["groups"],
                &criterion.max,
                &format!("`max` of criterion {id}"),
            ) {
                Ok(max) if max > Decimal::ZERO => max,
                Ok(_) => {
                    problems.push(
                        Diagnostic::error(
                            &path.rel,
                            format!("`max` of criterion {id} must be more than 0"),
                        )
                        .at_opt(locate_value(text, "id", &id)),
                    );
                    broken_ids.insert(id);
                    continue;
                }
                Err(d) => {
                    problems.push(d.at_opt(locate_value(text, "id", &id)));
                    broken_ids.insert(id);
                    continue;
                }
            };
            ids.push(id.clone());
            criteria.push(Criterion {
                id,
                title: criterion.title.trim().to_string(),
                max,
            });
        }
        groups.push(CriteriaGroup {
            title: group.title.trim().to_string(),
            criteria,
        });
    }
    let maxima: HashMap<&str, Decimal> = groups
        .iter()
        .flat_map(|g| &g.criteria)
        .map(|c| (c.id.as_str(), c.max))
        .collect();

    let check_association = |name: &str, section: &str, problems: &mut Vec<Diagnostic>| -> bool {
        if known.contains_key(name) {
            return true;
        }
        let hint = suggestion(name, known_names());
        problems.push(source.error_at(
            &[section, name],
            format!("unknown association `{name}`{hint} (associations are the folders in content/associations/)"),
        ));
        false
    };

    // Scores per association.
    let mut rows = Vec::new();
    for (name, scores) in &file.scores {
        if !check_association(name, "scores", &mut problems) {
            continue;
        }
        let mut by_id = HashMap::new();
        // Criteria whose score is already reported as wrong are not "missing" as well.
        let mut reported: HashSet<String> = HashSet::new();
        for (key, value) in scores {
            let Some(id) = yaml::scalar_text(key) else {
                problems.push(source.error_at(
                    &["scores", name],
                    "criterion ids must be plain text such as \"1.1\"",
                ));
                continue;
            };
            let keys = ["scores", name.as_str(), id.as_str()];
            if broken_ids.contains(&id) {
                reported.insert(id);
                continue;
            }
            let Some(&max) = maxima.get(id.as_str()) else {
                let hint = suggestion(&id, ids.iter().map(String::as_str));
                // A typo of a criterion: its "missing score" would be the same mistake again.
                if let Some(best) =
                    crate::diagnostics::did_you_mean(&id, ids.iter().map(String::as_str))
                    && !scores
                        .keys()
                        .any(|k| yaml::scalar_text(k).as_deref() == Some(best))
                {
                    reported.insert(best.to_string());
                }
                let message = if id.trim().is_empty() {
                    String::from(
                        "a criterion id is empty; write one of the ids defined under `groups`",
                    )
                } else {
                    format!("unknown criterion `{id}`{hint}")
                };
                problems.push(source.error_at(&keys, message));
                continue;
            };
            match points(&source, &keys, value, &format!("score of {name} for {id}")) {
                Ok(score) if score < Decimal::ZERO || score > max => {
                    problems.push(source.error_at(
                        &keys,
                        format!("score {score} of {name} for criterion {id} is out of range: it must be between 0 and {max}"),
                    ));
                    reported.insert(id);
                }
                Ok(score) => {
                    by_id.insert(id, score);
                }
                Err(d) => {
                    problems.push(d);
                    reported.insert(id);
                }
            }
        }
        let missing: Vec<&str> = ids
            .iter()
            .filter(|id| !by_id.contains_key(*id) && !reported.contains(*id))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            problems.push(source.error_at(
                &["scores", name],
                format!(
                    "{name} has no score for criterion {}: every criterion needs a score",
                    missing.join(", ")
                ),
            ));
            continue;
        }
        if !reported.is_empty() {
            continue;
        }
        let scores: Vec<Decimal> = ids.iter().map(|id| by_id[id]).collect();
        rows.push(ScoreRow {
            association: Slug::parse(name).expect("known association slugs are valid"),
            group_totals: groups
                .iter()
                .map(|g| g.criteria.iter().map(|c| by_id[&c.id]).sum())
                .collect(),
            scores,
            adjustments: Vec::new(),
            total: Decimal::ZERO,
            rank: 0,
            award: None,
        });
    }
    for (name, value) in &file.awards {
        if !check_association(name, "awards", &mut problems) {
            continue;
        }
        let award = yaml::scalar_text(value)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        match rows.iter_mut().find(|r| r.association.as_str() == name) {
            Some(row) => row.award = award,
            None if file.scores.contains_key(name) => {}
            None => problems.push(source.error_at(
                &["awards", name],
                format!("{name} has an award but no scores"),
            )),
        }
    }
    for (name, items) in &file.adjustments {
        if !check_association(name, "adjustments", &mut problems) {
            continue;
        }
        let mut adjustments = Vec::new();
        for item in items {
            match points(
                &source,
                &["adjustments", name],
                &item.points,
                &format!("adjustment of {name}"),
            ) {
                Ok(points) => adjustments.push(Adjustment {
                    points,
                    reason: item.reason.trim().to_string(),
                }),
                Err(d) => problems.push(d),
            }
        }
        match rows.iter_mut().find(|r| r.association.as_str() == name) {
            Some(row) => row.adjustments = adjustments,
            None if file.scores.contains_key(name) => {}
            None => problems.push(source.error_at(
                &["adjustments", name],
                format!("{name} has adjustments but no scores"),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for row in &mut rows {
        row.total = row.scores.iter().sum::<Decimal>()
            + row.adjustments.iter().map(|a| a.points).sum::<Decimal>();
    }
    rank(&mut rows, |slug| {
        known.get(slug.as_str()).copied().unwrap_or(usize::MAX)
    });
    let extra = crate::config::extra_to_json(&file.extra);
    Ok(Scoring {
        source: path.rel.clone(),
        period,
        title: file
            .title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
        groups,
        rows,
        sample: SampleMark::from_extra(&extra),
        extra,
    })
}

/// Sorts rows by total, highest first, and gives equal totals the same rank (1, 2, 2, 4).
/// Ties are listed in the associations' display order.
pub fn rank(rows: &mut [ScoreRow], display_order: impl Fn(&Slug) -> usize) {
    rows.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| display_order(&a.association).cmp(&display_order(&b.association)))
    });
    for i in 0..rows.len() {
        rows[i].rank = if i > 0 && rows[i].total == rows[i - 1].total {
            rows[i - 1].rank
        } else {
            i + 1
        };
    }
}

/// Line and column of the `key: value` pair whose value is `value` (quoted or not).
fn locate_value(text: &str, key: &str, value: &str) -> Option<(usize, usize)> {
    locate_values(text, key, value).next()
}

/// Every place `key: value` is written, in order.
fn locate_values<'a>(
    text: &'a str,
    key: &'a str,
    value: &'a str,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    text.lines().enumerate().filter_map(move |(index, line)| {
        for quote in ["\"", "'", ""] {
            let needle = format!("{key}: {quote}{value}{quote}");
            if let Some(col) = line.find(&needle) {
                let end = col + needle.len();
                let boundary = line[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric() && c != '.');
                if boundary {
                    // In characters, not bytes.
                    return Some((index + 1, line[..col].chars().count() + 1));
                }
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn slugs(names: &[&str]) -> Vec<Slug> {
        names.iter().map(|n| Slug::parse(n).unwrap()).collect()
    }

    fn parse_text(text: &str) -> Result<Scoring, Vec<Diagnostic>> {
        let path = SourcePath {
            abs: PathBuf::from("x"),
            rel: PathBuf::from("content/scoring/2013.yaml"),
        };
        parse(&path, text, &slugs(&["a", "b", "c", "d"]))
    }

    const GROUPS: &str = "groups:\n  - title: G1\n    criteria:\n      - { id: \"1.1\", title: T, max: 10 }\n      - { id: \"1.2\", title: U, max: 5 }\n";

    #[test]
    fn ties_share_a_rank_and_totals_are_exact() {
        let text = format!(
            "{GROUPS}scores:\n  a: {{ \"1.1\": 9.5, \"1.2\": 4.75 }}\n  b: {{ \"1.1\": 9.25, \"1.2\": 5 }}\n  c: {{ \"1.1\": 10, \"1.2\": 5 }}\n  d: {{ \"1.1\": 8, \"1.2\": 4 }}\nadjustments:\n  d: [{{ points: 2, reason: x }}]\nawards:\n  c: Cờ\n"
        );
        let scoring = parse_text(&text).unwrap();
        let ranks: Vec<_> = scoring
            .rows
            .iter()
            .map(|r| (r.association.as_str(), r.rank, r.total.to_string()))
            .collect();
        assert_eq!(
            ranks,
            [
                ("c", 1, "15".into()),
                ("a", 2, "14.25".into()),
                ("b", 2, "14.25".into()),
                ("d", 4, "14".into())
            ]
        );
        assert_eq!(scoring.rows[0].award.as_deref(), Some("Cờ"));
    }

    #[test]
    fn every_kind_of_mistake_is_reported() {
        let text = format!(
            "{GROUPS}      - {{ id: \"1.1\", title: V, max: 3 }}\nscores:\n  a: {{ \"1.1\": 11, \"1.2\": 2 }}\n  b: {{ \"1.1\": 1 }}\n  x: {{ \"1.1\": 1, \"1.2\": 1 }}\n  c: {{ \"1.1\": 1, \"13\": 1, \"1.2\": 1 }}\n  d: {{ \"1.1\": 1.125, \"1.2\": 1 }}\n"
        );
        let errors = parse_text(&text).unwrap_err();
        let messages: Vec<_> = errors
            .iter()
            .map(|e| e.text(crate::i18n::Language::En))
            .collect();
        assert!(
            messages.iter().any(|m| m.contains("used twice")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("out of range")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("no score for criterion 1.2")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("unknown association `x`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("unknown criterion `13`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("more than two decimals")),
            "{messages:?}"
        );
        assert!(errors.iter().all(|e| e.line.is_some()), "{errors:?}");
    }
}
