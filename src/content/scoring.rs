//! The bloc's scoring table for a period: `content/scoring/<period>.yaml`. Scores are exact
//! decimals (hundredths at most), totals add adjustments, and equal totals share a rank.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::SourcePath;
use crate::diagnostics::{Diagnostic, suggestion};
use crate::messages::Message;
use crate::model::{
    Adjustment, AwardStatus, Combine, CriteriaGroup, Criterion, CrossScoring, ScoreRow, Scoring,
};
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
    /// Each member's self-assessment (*tự chấm*), as `sheet import` writes it.
    #[serde(default)]
    self_scores: IndexMap<String, IndexMap<yaml::Value, yaml::Value>>,
    /// Each member's sheet of the others (*chấm điểm chéo*): scorer → scored → criterion → score.
    #[serde(default)]
    cross_scores: IndexMap<String, IndexMap<String, IndexMap<yaml::Value, yaml::Value>>>,
    /// How the sheets combine: `mean` (default), `median` or `trimmed_mean`.
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    combine: Option<String>,
    /// Whether a scorer's sheet of itself is left out (default true).
    #[serde(default)]
    exclude_self: Option<bool>,
    #[serde(default)]
    tie_break: Vec<yaml::Value>,
    #[serde(default)]
    absent: IndexMap<String, yaml::Value>,
    #[serde(default)]
    awards: IndexMap<String, yaml::Value>,
    #[serde(default)]
    adjustments: IndexMap<String, Vec<AdjustmentFile>>,
    #[serde(default)]
    extra: yaml::Value,
    // The official scoring document's số, date and signer (see `document_meta`).
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    number: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    signed: Option<String>,
    #[serde(default)]
    signer: Option<crate::config::Signer>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    #[serde(default)]
    id: Option<yaml::Value>,
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
struct AwardFile {
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    title: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    decision: Option<String>,
}

/// A member as a scoring file sees it: who must be scored in a year, and the name that orders
/// members sharing a rank.
#[derive(Debug, Clone)]
pub struct Member {
    pub slug: Slug,
    pub name: String,
    pub joined: Option<i32>,
    pub left: Option<i32>,
}

impl Member {
    fn member_in(&self, year: i32) -> bool {
        self.joined.is_none_or(|j| year >= j) && self.left.is_none_or(|l| year <= l)
    }
}

/// The members of a site in display order, for [`parse`].
pub fn roster(associations: &[crate::model::Association]) -> Vec<Member> {
    associations
        .iter()
        .map(|a| Member {
            slug: a.slug.clone(),
            name: a.name.clone(),
            joined: a.joined,
            left: a.left,
        })
        .collect()
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
/// A score of `name` for criterion `id` (agreed or self-assessed, as `what` says): a number
/// between 0 and the criterion's `max` (E101 otherwise).
fn score(
    source: &YamlSource,
    keys: &[&str],
    value: &yaml::Value,
    what: &'static str,
    name: &str,
    id: &str,
    max: Decimal,
) -> Result<Decimal, Diagnostic> {
    let what = Message::new(what).arg("name", name).arg("id", id);
    let score = points(source, keys, value, what)?;
    if score < Decimal::ZERO || score > max {
        return Err(source
            .at(keys, "E101")
            .arg("score", score.to_string())
            .arg("name", name)
            .arg("id", id)
            .arg("max", max.to_string()));
    }
    Ok(score)
}

fn points(
    source: &YamlSource,
    keys: &[&str],
    value: &yaml::Value,
    what: Message,
) -> Result<Decimal, Diagnostic> {
    let text = match value {
        yaml::Value::Number(n) => n.to_string(),
        yaml::Value::String(s) if s.trim().parse::<f64>().is_ok() => s.trim().to_string(),
        yaml::Value::String(s) if s.contains(',') => {
            return Err(source
                .at(keys, "E090")
                .nested("what", what)
                .arg("value", s.as_str())
                .arg("fixed", s.trim().replace(',', ".")));
        }
        _ => return Err(source.at(keys, "E091").nested("what", what)),
    };
    let decimal = Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map_err(|_| {
            source
                .at(keys, "E092")
                .nested("what", what.clone())
                .arg("value", text.as_str())
        })?
        .normalize();
    if decimal.abs() > Decimal::from(MAX_POINTS) {
        return Err(source
            .at(keys, "E093")
            .nested("what", what)
            .arg("value", text.as_str())
            .count("max", MAX_POINTS));
    }
    if decimal.scale() > 2 {
        return Err(source
            .at(keys, "E094")
            .nested("what", what)
            .arg("value", text.as_str()));
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

/// Parses and ranks a scoring file, with its warnings. `members` lists the known associations
/// in display order. The file is read in phases: criteria → scores (agreed, cross-scored, then
/// self-assessed) → whether it is still in preparation → absences → the tie-break → awards and
/// adjustments → ranking.
pub fn parse(
    path: &SourcePath,
    text: &str,
    members: &[Member],
) -> Result<(Scoring, Vec<Diagnostic>), Vec<Diagnostic>> {
    let period = super::period::period_from_file_name(path).map_err(|d| vec![d])?;
    let source = YamlSource::new(&path.rel, text);
    // Before YAML reads `1.10` as the number 1.1 (and `1.10` and `1.1` as the same criterion).
    let unquoted = unquoted_number_ids(&path.rel, text);
    if !unquoted.is_empty() {
        return Err(unquoted);
    }
    let (file, problems) = yaml::from_str_all::<ScoringFile>(&source);
    let Some(file) = file else {
        return Err(problems);
    };
    let mut reader = Reader {
        source: &source,
        text,
        known: members.iter().map(|m| m.slug.as_str()).collect(),
        problems,
    };
    let criteria = reader.criteria(&file.groups);
    let mut rows = reader.scores(&file, &criteria);
    let cross = reader.cross_scores(&file, &criteria, members, &mut rows);
    reader.self_scores(&file, &criteria, &mut rows);
    let scored: HashSet<&str> = file
        .scores
        .keys()
        .map(String::as_str)
        .chain(
            file.cross_scores
                .values()
                .flat_map(|s| s.keys().map(String::as_str)),
        )
        .collect();
    let preparing = reader.preparing(&file, &scored, members, period);
    let absent = reader.absences(&file, &scored, members, period, preparing);
    let tie_break = reader.tie_break(&file, &criteria);
    reader.awards(&file, &mut rows, preparing);
    reader.adjustments(&file, &mut rows, preparing);
    let mut document = super::document_meta::resolve(
        &source,
        file.number.clone(),
        file.signed.clone(),
        file.signer.clone(),
    )
    .map_err(|d| reader.problems.push(d))
    .unwrap_or_default();
    document.year = Some(i32::from(period.year()));
    let (extra, sample) = super::extra_and_sample(&source, &file.extra, true, &mut reader.problems);
    if reader.problems.iter().any(Diagnostic::is_error) {
        return Err(reader.problems);
    }
    let warnings = std::mem::take(&mut reader.problems);
    let groups = criteria.groups;
    rank(&mut rows, &groups, &tie_break, members);
    let has_self_scores = rows.iter().any(|r| r.self_scores.is_some());
    Ok((
        Scoring {
            source: path.rel.clone(),
            period,
            title: file
                .title
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
            groups,
            rows,
            sample,
            extra,
            tie_break,
            absent,
            has_self_scores,
            document,
            cross,
            preparing,
        },
        warnings,
    ))
}

/// The criteria of a scoring file as read: the groups in order, the criterion ids in order,
/// each criterion's maximum, and the ids whose `max` is wrong (reported once, not again as
/// "unknown" in every score row).
struct Criteria {
    groups: Vec<CriteriaGroup>,
    group_ids: HashSet<String>,
    ids: Vec<String>,
    maxima: HashMap<String, Decimal>,
    broken: HashSet<String>,
}

/// What the phases of reading one scoring file share.
struct Reader<'a> {
    source: &'a YamlSource<'a>,
    text: &'a str,
    /// The members' slugs, in display order (suggestions are made in that order).
    known: Vec<&'a str>,
    problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    /// Whether `name` (a key of `section`) is a member; E067 with a suggestion if not.
    fn is_member(&mut self, name: &str, section: &str) -> bool {
        if self.known.contains(&name) {
            return true;
        }
        let hint = suggestion(name, self.known.iter().copied());
        self.problems.push(
            self.source
                .at(&[section, name], "E067")
                .arg("name", name)
                .nested("hint", hint),
        );
        false
    }

    /// Criteria, in order, with unique ids and a positive maximum.
    fn criteria(&mut self, groups: &[GroupFile]) -> Criteria {
        let (source, text) = (self.source, self.text);
        let mut out = Criteria {
            groups: Vec::new(),
            group_ids: HashSet::new(),
            ids: Vec::new(),
            maxima: HashMap::new(),
            broken: HashSet::new(),
        };
        if groups.is_empty() {
            self.problems.push(source.at(&["groups"], "E095"));
        }
        let mut seen = HashSet::new();
        for (position, group) in groups.iter().enumerate() {
            let group_id = group
                .id
                .as_ref()
                .and_then(yaml::scalar_text)
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| (position + 1).to_string());
            if !out.group_ids.insert(group_id.clone()) {
                self.problems.push(
                    Diagnostic::new(source.path, "E233")
                        .arg("id", group_id.as_str())
                        .at_opt(locate_values(text, "id", &group_id).nth(1)),
                );
            }
            let mut criteria = Vec::new();
            for criterion in &group.criteria {
                let id = criterion.id.trim().to_string();
                if !seen.insert(id.clone()) {
                    self.problems.push(
                        Diagnostic::new(source.path, "E096")
                            .arg("id", id.as_str())
                            .at_opt(
                                locate_values(text, "id", &id)
                                    .nth(1)
                                    .or_else(|| source.locate(&["groups", "id"])),
                            ),
                    );
                    continue;
                }
                let max = match points(
                    source,
                    &["groups"],
                    &criterion.max,
                    Message::new("what-max").arg("id", id.as_str()),
                ) {
                    Ok(max) if max > Decimal::ZERO => max,
                    Ok(_) => {
                        self.problems.push(
                            Diagnostic::new(source.path, "E097")
                                .arg("id", id.as_str())
                                .at_opt(locate_value(text, "id", &id)),
                        );
                        out.broken.insert(id);
                        continue;
                    }
                    Err(d) => {
                        self.problems.push(d.at_opt(locate_value(text, "id", &id)));
                        out.broken.insert(id);
                        continue;
                    }
                };
                out.ids.push(id.clone());
                out.maxima.insert(id.clone(), max);
                criteria.push(Criterion {
                    id,
                    title: criterion.title.trim().to_string(),
                    max,
                });
            }
            out.groups.push(CriteriaGroup {
                id: group_id,
                title: group.title.trim().to_string(),
                criteria,
            });
        }
        out
    }

    /// The agreed scores: one row per member scored, each criterion present and in range.
    fn scores(&mut self, file: &ScoringFile, criteria: &Criteria) -> Vec<ScoreRow> {
        let mut rows = Vec::new();
        for (name, scores) in &file.scores {
            if !self.is_member(name, "scores") {
                continue;
            }
            let missing = |ids: String| {
                Message::new("E102")
                    .arg("name", name.as_str())
                    .arg("ids", ids)
            };
            if let Some(by_id) = self.score_row(&["scores", name], name, scores, criteria, missing)
            {
                let scores = criteria.ids.iter().map(|id| by_id[id]).collect();
                rows.push(row(name, scores, criteria));
            }
        }
        rows
    }

    /// The cross-scoring (*chấm điểm chéo*): every scorer's sheet checked like agreed scores,
    /// then one row per member scored by others, each criterion the sheets' scores combined
    /// by `combine`. A member has agreed scores or cross scores, never both.
    fn cross_scores(
        &mut self,
        file: &ScoringFile,
        criteria: &Criteria,
        members: &[Member],
        rows: &mut Vec<ScoreRow>,
    ) -> Option<CrossScoring> {
        let source = self.source;
        let combine = match file.combine.as_deref().map(str::trim) {
            None | Some("") => Combine::default(),
            Some(text) => Combine::parse(text).unwrap_or_else(|| {
                self.problems
                    .push(source.at(&["combine"], "E700").arg("value", text));
                Combine::default()
            }),
        };
        if file.cross_scores.is_empty() {
            return None;
        }
        let exclude_self = file.exclude_self.unwrap_or(true);
        let mut sheets: IndexMap<Slug, IndexMap<Slug, Vec<Decimal>>> = IndexMap::new();
        for (scorer, sheet) in &file.cross_scores {
            if !self.is_member(scorer, "cross_scores") {
                continue;
            }
            let mut of_scorer = IndexMap::new();
            for (scored, scores) in sheet {
                let keys = ["cross_scores", scorer.as_str(), scored.as_str()];
                if !self.known.contains(&scored.as_str()) {
                    let hint = suggestion(scored, self.known.iter().copied());
                    self.problems.push(
                        source
                            .at(&keys, "E067")
                            .arg("name", scored.as_str())
                            .nested("hint", hint),
                    );
                    continue;
                }
                if file.scores.contains_key(scored) {
                    self.problems.push(
                        source
                            .at(&keys, "E702")
                            .arg("association", scored.as_str())
                            .arg("scorer", scorer.as_str()),
                    );
                    continue;
                }
                if exclude_self && scored == scorer {
                    self.problems
                        .push(source.at(&keys, "W701").arg("association", scored.as_str()));
                    continue;
                }
                let missing = |ids: String| {
                    Message::new("E704")
                        .arg("scorer", scorer.as_str())
                        .arg("association", scored.as_str())
                        .arg("ids", ids)
                };
                if let Some(by_id) = self.score_row(&keys, scored, scores, criteria, missing) {
                    of_scorer.insert(
                        Slug::parse(scored).expect("known association slugs are valid"),
                        criteria.ids.iter().map(|id| by_id[id]).collect(),
                    );
                }
            }
            sheets.insert(
                Slug::parse(scorer).expect("known association slugs are valid"),
                of_scorer,
            );
        }
        let cross = CrossScoring {
            combine,
            exclude_self,
            sheets,
        };
        // One row per member scored, in display order.
        let mut few = Vec::new();
        for member in members {
            let sheets: Vec<&Vec<Decimal>> = cross
                .scorers_of(&member.slug)
                .map(|scorer| &cross.sheets[scorer][&member.slug])
                .collect();
            if sheets.is_empty() {
                continue;
            }
            if combine == Combine::TrimmedMean && sheets.len() < 3 {
                few.push(format!("{} ({})", member.slug, sheets.len()));
            }
            let scores = (0..criteria.ids.len())
                .map(|i| {
                    let values: Vec<Decimal> = sheets.iter().map(|s| s[i]).collect();
                    combine.apply(&values).unwrap_or_default()
                })
                .collect();
            let mut combined = row(member.slug.as_str(), scores, criteria);
            combined.scorers = Some(sheets.len());
            rows.push(combined);
        }
        if !few.is_empty() {
            self.problems.push(
                source
                    .at(&["combine"], "W700")
                    .arg("associations", few.join(", ")),
            );
        }
        Some(cross)
    }

    /// Whether the file is a scoring in preparation: no agreed scores yet, and not every
    /// member of the year scored by others (a cross-scoring still coming in says who is left).
    fn preparing(
        &mut self,
        file: &ScoringFile,
        scored: &HashSet<&str>,
        members: &[Member],
        period: crate::period::PeriodId,
    ) -> bool {
        if !file.scores.is_empty() {
            return false;
        }
        if file.cross_scores.is_empty() {
            return true;
        }
        let year = i32::from(period.year());
        let waiting: Vec<&str> = members
            .iter()
            .filter(|m| m.member_in(year))
            .map(|m| m.slug.as_str())
            .filter(|slug| !scored.contains(slug) && !file.absent.contains_key(*slug))
            .collect();
        if waiting.is_empty() {
            return false;
        }
        self.problems.push(
            self.source
                .at(&["cross_scores"], "W702")
                .arg("period", period.to_string())
                .arg("associations", waiting.join(", ")),
        );
        true
    }

    /// One member's scores by criterion id (`keys` leads to them in the file), or `None` when
    /// any is wrong or missing (each reported once; `missing` says which criteria are left).
    fn score_row(
        &mut self,
        keys_to: &[&str],
        name: &str,
        scores: &IndexMap<yaml::Value, yaml::Value>,
        criteria: &Criteria,
        missing: impl FnOnce(String) -> Message,
    ) -> Option<HashMap<String, Decimal>> {
        let source = self.source;
        let ids = || criteria.ids.iter().map(String::as_str);
        let mut by_id = HashMap::new();
        // Criteria whose score is already reported as wrong are not "missing" as well.
        let mut reported: HashSet<String> = HashSet::new();
        for (key, value) in scores {
            let Some(id) = yaml::scalar_text(key) else {
                self.problems.push(source.at(keys_to, "E098"));
                continue;
            };
            let mut keys = keys_to.to_vec();
            keys.push(id.as_str());
            if criteria.broken.contains(&id) {
                reported.insert(id);
                continue;
            }
            let Some(&max) = criteria.maxima.get(&id) else {
                let hint = suggestion(&id, ids());
                // A typo of a criterion: its "missing score" would be the same mistake again.
                if let Some(best) = crate::diagnostics::did_you_mean(&id, ids())
                    && !scores
                        .keys()
                        .any(|k| yaml::scalar_text(k).as_deref() == Some(best))
                {
                    reported.insert(best.to_string());
                }
                let message = if id.trim().is_empty() {
                    Message::new("E100")
                } else {
                    Message::new("E099")
                        .arg("id", id.as_str())
                        .nested("hint", hint)
                };
                self.problems.push(source.report(&keys, message));
                continue;
            };
            match score(source, &keys, value, "what-score", name, &id, max) {
                Ok(score) => {
                    by_id.insert(id, score);
                }
                Err(d) => {
                    self.problems.push(d);
                    reported.insert(id);
                }
            }
        }
        let left: Vec<&str> = ids()
            .filter(|id| !by_id.contains_key(*id) && !reported.contains(*id))
            .collect();
        if !left.is_empty() {
            self.problems
                .push(source.report(keys_to, missing(left.join(", "))));
            return None;
        }
        reported.is_empty().then_some(by_id)
    }

    /// Self-assessments: the same criteria, the same ranges, for members the bloc scored.
    fn self_scores(&mut self, file: &ScoringFile, criteria: &Criteria, rows: &mut [ScoreRow]) {
        let source = self.source;
        let ids = || criteria.ids.iter().map(String::as_str);
        for (name, scores) in &file.self_scores {
            if !self.is_member(name, "self_scores") {
                continue;
            }
            let mut by_id = HashMap::new();
            for (key, value) in scores {
                let id = yaml::scalar_text(key).unwrap_or_default();
                let keys = ["self_scores", name.as_str(), id.as_str()];
                let Some(&max) = criteria.maxima.get(&id) else {
                    let hint = suggestion(&id, ids());
                    self.problems.push(
                        source
                            .at(&keys, "E099")
                            .arg("id", id.as_str())
                            .nested("hint", hint),
                    );
                    continue;
                };
                match score(source, &keys, value, "what-self-score", name, &id, max) {
                    Ok(score) => {
                        by_id.insert(id, score);
                    }
                    Err(d) => self.problems.push(d),
                }
            }
            let missing: Vec<&str> = ids().filter(|id| !by_id.contains_key(*id)).collect();
            if !missing.is_empty() {
                self.problems.push(
                    source
                        .at(&["self_scores", name], "E234")
                        .arg("association", name.as_str())
                        .arg("criteria", missing.join(", ")),
                );
                continue;
            }
            if let Some(row) = rows.iter_mut().find(|r| r.association.as_str() == name) {
                row.self_scores = Some(criteria.ids.iter().map(|id| by_id[id]).collect());
            }
        }
    }

    /// Members not scored, with the reason; every member of the bloc that year is one or the
    /// other.
    fn absences(
        &mut self,
        file: &ScoringFile,
        scored: &HashSet<&str>,
        members: &[Member],
        period: crate::period::PeriodId,
        preparing: bool,
    ) -> IndexMap<Slug, String> {
        let source = self.source;
        let mut absent = IndexMap::new();
        for (name, reason) in &file.absent {
            if !self.is_member(name, "absent") {
                continue;
            }
            if !file.scores.contains_key(name) && scored.contains(name.as_str()) {
                self.problems.push(
                    source
                        .at(&["absent", name], "E703")
                        .arg("association", name.as_str()),
                );
                continue;
            }
            if file.scores.contains_key(name) {
                self.problems.push(
                    source
                        .at(&["absent", name], "E231")
                        .arg("association", name.as_str()),
                );
                continue;
            }
            let reason = yaml::scalar_text(reason)
                .unwrap_or_default()
                .trim()
                .to_string();
            absent.insert(
                Slug::parse(name).expect("known association slugs are valid"),
                reason,
            );
        }
        let year = i32::from(period.year());
        for member in members {
            if !preparing
                && member.member_in(year)
                && !scored.contains(member.slug.as_str())
                && !file.absent.contains_key(member.slug.as_str())
            {
                self.problems.push(
                    source
                        .at(&["scores"], "E230")
                        .arg("association", member.slug.as_str())
                        .arg("period", period.to_string()),
                );
            }
        }
        absent
    }

    /// The tie-break: group or criterion ids, compared in order.
    fn tie_break(&mut self, file: &ScoringFile, criteria: &Criteria) -> Vec<String> {
        let mut tie_break = Vec::new();
        for (i, value) in file.tie_break.iter().enumerate() {
            let id = yaml::scalar_text(value)
                .unwrap_or_default()
                .trim()
                .to_string();
            if criteria.group_ids.contains(&id) || criteria.maxima.contains_key(&id) {
                tie_break.push(id);
            } else {
                let known = criteria
                    .group_ids
                    .iter()
                    .map(String::as_str)
                    .chain(criteria.ids.iter().map(String::as_str));
                let hint = crate::diagnostics::suggestion(&id, known);
                self.problems.push(
                    self.source
                        .at(&["tie_break"], "E232")
                        .arg("id", id.as_str())
                        .nested("hint", hint)
                        .arg("position", (i + 1).to_string()),
                );
            }
        }
        tie_break
    }

    /// Awards, on the rows of the members scored.
    fn awards(&mut self, file: &ScoringFile, rows: &mut [ScoreRow], preparing: bool) {
        for (name, value) in &file.awards {
            if !self.is_member(name, "awards") {
                continue;
            }
            let (award, status, decision) = match award(self.source, name, value) {
                Ok(parts) => parts,
                Err(d) => {
                    self.problems.push(d);
                    continue;
                }
            };
            match rows.iter_mut().find(|r| r.association.as_str() == name) {
                Some(row) => {
                    row.award = award;
                    row.award_status = status;
                    row.award_decision = decision;
                }
                None if preparing || file.scores.contains_key(name) => {}
                None => self.problems.push(
                    self.source
                        .at(&["awards", name], "E103")
                        .arg("name", name.as_str()),
                ),
            }
        }
    }

    /// Points added or taken away, each with its reason, on the rows of the members scored.
    fn adjustments(&mut self, file: &ScoringFile, rows: &mut [ScoreRow], preparing: bool) {
        for (name, items) in &file.adjustments {
            if !self.is_member(name, "adjustments") {
                continue;
            }
            let mut adjustments = Vec::new();
            for item in items {
                match points(
                    self.source,
                    &["adjustments", name],
                    &item.points,
                    Message::new("what-adjustment").arg("name", name.as_str()),
                ) {
                    Ok(points) => adjustments.push(Adjustment {
                        points,
                        reason: item.reason.trim().to_string(),
                    }),
                    Err(d) => self.problems.push(d),
                }
            }
            match rows.iter_mut().find(|r| r.association.as_str() == name) {
                Some(row) => row.adjustments = adjustments,
                None if preparing || file.scores.contains_key(name) => {}
                None => self.problems.push(
                    self.source
                        .at(&["adjustments", name], "E104")
                        .arg("name", name.as_str()),
                ),
            }
        }
    }
}

/// A member's row from its scores (one per criterion, in order), before awards, adjustments and
/// ranking.
fn row(name: &str, scores: Vec<Decimal>, criteria: &Criteria) -> ScoreRow {
    let mut rest = scores.iter();
    let group_totals = criteria
        .groups
        .iter()
        .map(|g| rest.by_ref().take(g.criteria.len()).sum())
        .collect();
    ScoreRow {
        association: Slug::parse(name).expect("known association slugs are valid"),
        group_totals,
        scores,
        adjustments: Vec::new(),
        total: Decimal::ZERO,
        rank: 0,
        award: None,
        award_status: Default::default(),
        award_decision: None,
        self_scores: None,
        scorers: None,
    }
}

/// Totals (criteria and adjustments), then ranks: equal totals go by the tie-break, then share
/// a rank and are listed by name.
fn rank(rows: &mut [ScoreRow], groups: &[CriteriaGroup], tie_break: &[String], members: &[Member]) {
    for row in rows.iter_mut() {
        row.total = row.scores.iter().sum::<Decimal>()
            + row.adjustments.iter().map(|a| a.points).sum::<Decimal>();
    }
    let names: HashMap<&str, &str> = members
        .iter()
        .map(|m| (m.slug.as_str(), m.name.as_str()))
        .collect();
    let keys = tie_break_keys(groups, tie_break);
    rank_with(rows, &keys, |slug| {
        names
            .get(slug.as_str())
            .copied()
            .unwrap_or(slug.as_str())
            .to_string()
    });
}

/// An award: a bare string (proposed), or `{ title, status, decision }`.
fn award(
    source: &YamlSource,
    name: &str,
    value: &yaml::Value,
) -> Result<(Option<String>, AwardStatus, Option<String>), Diagnostic> {
    if let Some(title) = yaml::scalar_text(value) {
        let title = title.trim().to_string();
        return Ok((
            (!title.is_empty()).then_some(title),
            AwardStatus::Proposed,
            None,
        ));
    }
    let file: AwardFile = serde_yaml::from_value(value.clone()).map_err(|e| {
        source
            .at(&["awards", name], "E235")
            .arg("association", name)
            .arg("error", e.to_string())
    })?;
    let status = match file.status.as_deref().map(str::trim) {
        None | Some("proposed") => AwardStatus::Proposed,
        Some("granted") => AwardStatus::Granted,
        Some(other) => {
            return Err(source
                .at(&["awards", name, "status"], "E236")
                .arg("association", name)
                .arg("value", other));
        }
    };
    let decision = file
        .decision
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty());
    let title = file.title.trim().to_string();
    Ok(((!title.is_empty()).then_some(title), status, decision))
}

/// For each tie-break id, the indexes of the criteria it adds up (a group's, or one criterion).
fn tie_break_keys(groups: &[CriteriaGroup], tie_break: &[String]) -> Vec<Vec<usize>> {
    let mut index = 0;
    let mut by_group: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_criterion: HashMap<&str, usize> = HashMap::new();
    for group in groups {
        let members: Vec<usize> = (index..index + group.criteria.len()).collect();
        for (c, i) in group.criteria.iter().zip(index..) {
            by_criterion.insert(c.id.as_str(), i);
        }
        index += group.criteria.len();
        by_group.insert(group.id.as_str(), members);
    }
    tie_break
        .iter()
        .map(|id| {
            by_criterion
                .get(id.as_str())
                .map(|&i| vec![i])
                .or_else(|| by_group.get(id.as_str()).cloned())
                .unwrap_or_default()
        })
        .collect()
}

/// Sorts rows by total, highest first, then by the tie-break subtotals (`keys`: criteria
/// indexes per tie-break id); rows still equal share a rank (1, 2, 2, 4) and are listed by
/// name in Vietnamese alphabetical order.
pub fn rank_with(rows: &mut [ScoreRow], keys: &[Vec<usize>], name: impl Fn(&Slug) -> String) {
    let subtotals = |row: &ScoreRow| -> Vec<Decimal> {
        keys.iter()
            .map(|k| k.iter().map(|&i| row.scores[i]).sum())
            .collect()
    };
    let standing = |row: &ScoreRow| (row.total, subtotals(row));
    rows.sort_by(|a, b| {
        standing(b)
            .cmp(&standing(a))
            .then_with(|| crate::collation::compare(&name(&a.association), &name(&b.association)))
    });
    for i in 0..rows.len() {
        rows[i].rank = if i > 0 && standing(&rows[i]) == standing(&rows[i - 1]) {
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
        parse_with_warnings(text).map(|(scoring, _)| scoring)
    }

    fn parse_with_warnings(text: &str) -> Result<(Scoring, Vec<Diagnostic>), Vec<Diagnostic>> {
        let path = SourcePath {
            abs: PathBuf::from("x"),
            rel: PathBuf::from("content/scoring/2013.yaml"),
        };
        let members: Vec<Member> = slugs(&["a", "b", "c", "d"])
            .into_iter()
            .map(|slug| Member {
                name: slug.as_str().to_string(),
                slug,
                joined: None,
                left: None,
            })
            .collect();
        parse(&path, text, &members)
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
                .any(|m| m.contains("`x` is not an association")),
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

    #[test]
    fn tie_break_self_scores_absent_and_awards() {
        let text = format!(
            "{GROUPS}tie_break: [\"1.2\"]\nscores:\n  a: {{ \"1.1\": 10, \"1.2\": 4 }}\n  b: {{ \"1.1\": 9, \"1.2\": 5 }}\n  c: {{ \"1.1\": 9, \"1.2\": 5 }}\nself_scores:\n  a: {{ \"1.1\": 10, \"1.2\": 5 }}\nabsent:\n  d: Gia nhập từ tháng 10\nawards:\n  b: {{ title: Cờ thi đua, status: granted, decision: QĐ 1 }}\n  a: Bằng khen\n"
        );
        let scoring = parse_text(&text).unwrap();
        let order: Vec<_> = scoring
            .rows
            .iter()
            .map(|r| (r.association.as_str(), r.rank))
            .collect();
        // b and c beat a on criterion 1.2, and share rank 1 (listed by name).
        assert_eq!(order, [("b", 1), ("c", 1), ("a", 3)]);
        let a = &scoring.rows[2];
        assert_eq!(a.self_total(), Some(Decimal::from(15)));
        assert_eq!(a.criteria_total(), Decimal::from(14));
        assert_eq!(a.award_status, AwardStatus::Proposed);
        assert_eq!(scoring.rows[0].award_status, AwardStatus::Granted);
        assert_eq!(scoring.rows[0].award_decision.as_deref(), Some("QĐ 1"));
        assert_eq!(scoring.absent.len(), 1);
        assert_eq!(scoring.groups[0].id, "1");

        // d is neither scored nor absent; an unknown tie-break id; a bad status.
        let text = format!(
            "{GROUPS}tie_break: [\"9\"]\nscores:\n  a: {{ \"1.1\": 10, \"1.2\": 4 }}\n  b: {{ \"1.1\": 9, \"1.2\": 5 }}\n  c: {{ \"1.1\": 9, \"1.2\": 5 }}\nawards:\n  a: {{ title: X, status: given }}\n"
        );
        let codes: Vec<_> = parse_text(&text)
            .unwrap_err()
            .iter()
            .map(Diagnostic::code)
            .collect();
        assert!(codes.contains(&"E230"), "{codes:?}");
        assert!(codes.contains(&"E232"), "{codes:?}");
        assert!(codes.contains(&"E236"), "{codes:?}");
    }

    #[test]
    fn a_file_with_criteria_only_is_in_preparation() {
        let (scoring, warnings) = parse_with_warnings(GROUPS).unwrap();
        assert!(scoring.preparing);
        assert!(scoring.rows.is_empty());
        assert!(warnings.is_empty(), "{warnings:?}");
        // Self-assessments alone (a returned grid) keep it in preparation.
        let text = format!("{GROUPS}self_scores:\n  a: {{ \"1.1\": 9, \"1.2\": 4 }}\n");
        assert!(parse_text(&text).unwrap().preparing);
    }

    #[test]
    fn cross_scores_are_combined_per_criterion() {
        // a, b, c and d score each other; d is scored by a, b and c (and itself, left out).
        let sheet = |scores: &[(&str, &str, &str)]| {
            scores
                .iter()
                .map(|(who, s1, s2)| format!("    {who}: {{ \"1.1\": {s1}, \"1.2\": {s2} }}\n"))
                .collect::<String>()
        };
        let text = format!(
            "{GROUPS}combine: trimmed_mean\ncross_scores:\n  a:\n{}  b:\n{}  c:\n{}  d:\n{}",
            sheet(&[("b", "9", "5"), ("c", "8", "4"), ("d", "7", "3")]),
            sheet(&[("a", "10", "5"), ("c", "9", "4.5"), ("d", "6", "3")]),
            sheet(&[("a", "9", "4"), ("b", "8", "4"), ("d", "8", "2")]),
            sheet(&[
                ("a", "8", "3"),
                ("b", "7", "5"),
                ("c", "10", "5"),
                ("d", "10", "5")
            ]),
        );
        let (scoring, warnings) = parse_with_warnings(&text).unwrap();
        assert!(!scoring.preparing);
        let row = |slug: &str| {
            scoring
                .rows
                .iter()
                .find(|r| r.association.as_str() == slug)
                .unwrap()
        };
        let d = |t: &str| t.parse::<Decimal>().unwrap();
        // a: 1.1 from b 10, c 9, d 8 → drop 10 and 8 → 9; 1.2: 5, 4, 3 → 4.
        assert_eq!(row("a").scores, [d("9"), d("4")]);
        // d: 1.1 from a 7, b 6, c 8 → 7; 1.2: 3, 3, 2 → 3 (its own 10 and 5 not counted).
        assert_eq!(row("d").scores, [d("7"), d("3")]);
        assert_eq!(row("d").scorers, Some(3));
        assert!(warnings.iter().any(|w| w.code() == "W701"), "{warnings:?}");
        let cross = scoring.cross.as_ref().unwrap();
        assert_eq!(cross.combine, Combine::TrimmedMean);
        assert!(cross.exclude_self);

        // The mean with self-scores counted: d's 1.1 from 7, 6, 8, 10 → 7.75.
        let text = text.replace(
            "combine: trimmed_mean",
            "combine: mean\nexclude_self: false",
        );
        let scoring = parse_text(&text).unwrap();
        let row = scoring
            .rows
            .iter()
            .find(|r| r.association.as_str() == "d")
            .unwrap();
        assert_eq!(row.scores[0], d("7.75"));
        assert_eq!(row.scorers, Some(4));
    }

    #[test]
    fn cross_scores_mistakes() {
        let text = format!(
            "{GROUPS}combine: average\nscores:\n  a: {{ \"1.1\": 9, \"1.2\": 4 }}\n  b: {{ \"1.1\": 9, \"1.2\": 4 }}\n  c: {{ \"1.1\": 9, \"1.2\": 4 }}\nabsent:\n  d: Vắng\ncross_scores:\n  b:\n    a: {{ \"1.1\": 9, \"1.2\": 4 }}\n    d: {{ \"1.1\": 9, \"1.2\": 4 }}\n  c:\n    x: {{ \"1.1\": 9 }}\n"
        );
        let errors = parse_text(&text).unwrap_err();
        let codes: Vec<(&str, Option<usize>)> = errors.iter().map(|e| (e.code(), e.line)).collect();
        assert!(codes.contains(&("E700", Some(6))), "{codes:?}");
        assert!(codes.contains(&("E702", Some(15))), "{codes:?}");
        assert!(codes.contains(&("E703", Some(12))), "{codes:?}");
        assert!(codes.contains(&("E067", Some(18))), "{codes:?}");

        // A sheet short of a criterion, and a cross-scoring still coming in.
        let text = format!("{GROUPS}cross_scores:\n  a:\n    b: {{ \"1.1\": 9 }}\n");
        let codes: Vec<_> = parse_text(&text)
            .unwrap_err()
            .iter()
            .filter(|e| e.is_error())
            .map(|e| e.code())
            .collect();
        assert_eq!(codes, ["E704"]);
        let text = format!("{GROUPS}cross_scores:\n  a:\n    b: {{ \"1.1\": 9, \"1.2\": 4 }}\n");
        let (scoring, warnings) = parse_with_warnings(&text).unwrap();
        assert!(scoring.preparing);
        let w: Vec<_> = warnings
            .iter()
            .map(|w| w.text(crate::i18n::Language::En))
            .collect();
        assert!(
            w.iter().any(|w| w.contains("a, c, d have no cross-scores")),
            "{w:?}"
        );
    }
}
