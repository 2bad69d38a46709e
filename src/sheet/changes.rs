//! Turns checked returns into new texts for `content/`: only what the form carries and what
//! changed is edited, in place, so everything else in the file (highlights added by hand,
//! `extra`, comments) stays as it was.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use rust_decimal::Decimal;
use std::str::FromStr;

use super::import::{AchievementReturn, FormReturn, ScoringReturn};
use super::plain_number;
use super::yaml_edit::{self, Doc};
use crate::content::write::FileChange;
use crate::messages::Message;
use crate::model::Site;

/// A file's new text and what changed in it, in words.
pub struct Planned {
    pub change: FileChange,
    pub notes: Vec<Message>,
    /// Top-level keys whose comments could not be kept.
    pub lost_comments: Vec<String>,
}

fn read_existing(root: &Path, rel: &Path) -> Option<String> {
    std::fs::read_to_string(root.join(rel)).ok()
}

fn parsed(text: &str) -> serde_yaml::Mapping {
    serde_yaml::from_str::<serde_yaml::Value>(text)
        .ok()
        .and_then(|v| v.as_mapping().cloned())
        .unwrap_or_default()
}

fn section<'a>(map: &'a serde_yaml::Mapping, key: &str) -> Option<&'a serde_yaml::Mapping> {
    map.get(key).and_then(serde_yaml::Value::as_mapping)
}

/// A figure as the file holds it: a number, or `{ value: …, qualifier: … }`.
fn figure(value: Option<&serde_yaml::Value>) -> Option<Decimal> {
    let value = match value? {
        serde_yaml::Value::Mapping(m) => m.get("value")?,
        other => other,
    };
    let text = crate::yaml::scalar_text(value)?;
    Decimal::from_str(text.trim())
        .or_else(|_| Decimal::from_scientific(text.trim()))
        .ok()
        .map(|d| d.normalize())
}

fn text_of(value: Option<&serde_yaml::Value>) -> Option<String> {
    crate::yaml::scalar_text(value?)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn texts_of(value: Option<&serde_yaml::Value>) -> Vec<String> {
    match value {
        Some(serde_yaml::Value::Sequence(items)) => {
            items.iter().filter_map(|v| text_of(Some(v))).collect()
        }
        other => text_of(other).into_iter().collect(),
    }
}

/// A figure in a change line, as the YAML file writes it (`10350`, `95.5`).
fn shown(value: Option<Decimal>) -> String {
    value.map_or_else(|| "–".to_string(), plain_number)
}

/// The new text of a member's achievement file for one returned form.
pub fn achievement(site: &Site, form: &AchievementReturn) -> Planned {
    let rel = PathBuf::from("content/associations")
        .join(form.member.as_str())
        .join(format!("{}.yaml", form.period));
    let old = read_existing(&site.root, &rel);
    let text = old.clone().unwrap_or_default();
    let current = parsed(&text);
    let mut doc = Doc::parse(&text);
    let mut notes = Vec::new();
    let empty = serde_yaml::Mapping::new();

    let old_summary = text_of(current.get("summary"));
    if old_summary != form.summary {
        doc.set_entry(
            "summary",
            form.summary
                .as_ref()
                .map(|s| format!("summary: {}", yaml_edit::scalar(s, 0)))
                .as_deref(),
        );
        notes.push(Message::new("sheet-changed-text").arg("field", "summary"));
    }

    let metrics = section(&current, "metrics");
    let new_section = metrics.is_none();
    for (key, value) in &form.values {
        let present = metrics.is_some_and(|m| m.contains_key(key.as_str()));
        let before = figure(metrics.and_then(|m| m.get(key.as_str())));
        if before == *value && (present || !new_section) {
            continue;
        }
        let rendered = value.map(plain_number).unwrap_or_default();
        doc.set_child("metrics", key, Some(&rendered), metrics.unwrap_or(&empty));
        if before != *value {
            notes.push(
                Message::new("sheet-changed-value")
                    .arg("key", key.as_str())
                    .arg("old", shown(before))
                    .arg("new", shown(*value)),
            );
        }
    }

    for (name, items) in [("highlights", &form.highlights), ("plans", &form.plans)] {
        if texts_of(current.get(name)) != *items {
            doc.set_entry(name, yaml_edit::list(name, items).as_deref());
            notes.push(
                Message::new("sheet-changed-list")
                    .arg("field", name)
                    .count("items", items.len()),
            );
        }
    }

    let targets = section(&current, "targets");
    for (key, value) in &form.targets {
        let before = figure(targets.and_then(|m| m.get(key.as_str())));
        if before == *value {
            continue;
        }
        let rendered = value.map(plain_number);
        doc.set_child(
            "targets",
            key,
            rendered.as_deref(),
            targets.unwrap_or(&empty),
        );
        notes.push(
            Message::new("sheet-changed-target")
                .arg("key", key.as_str())
                .arg("old", shown(before))
                .arg("new", shown(*value)),
        );
    }

    let old_notes = section(&current, "notes");
    for (key, value) in &form.notes {
        let before = text_of(old_notes.and_then(|m| m.get(key.as_str())));
        if before == *value {
            continue;
        }
        let rendered = value.as_ref().map(|v| yaml_edit::scalar(v, 2));
        doc.set_child(
            "notes",
            key,
            rendered.as_deref(),
            old_notes.unwrap_or(&empty),
        );
        notes.push(Message::new("sheet-changed-note").arg("key", key.as_str()));
    }

    Planned {
        change: FileChange {
            rel,
            old,
            new: doc.to_text(),
        },
        notes,
        lost_comments: doc.lost_comments,
    }
}

/// The new text of the period's scoring file: `scores:` and `self_scores:` rewritten with the
/// members the grid carries, every other member's line and the rest of the file kept.
pub fn scoring(site: &Site, form: &ScoringReturn) -> Planned {
    let rel = PathBuf::from("content/scoring").join(format!("{}.yaml", form.period));
    let old = read_existing(&site.root, &rel);
    let text = match &old {
        Some(text) => text.clone(),
        None => {
            // A new file: the criteria of the file the grid was made from.
            let from =
                PathBuf::from("content/scoring").join(format!("{}.yaml", form.criteria_from));
            let source = read_existing(&site.root, &from).unwrap_or_default();
            let groups = parsed(&source)
                .get("groups")
                .cloned()
                .unwrap_or(serde_yaml::Value::Null);
            serde_yaml::to_string(&serde_yaml::Mapping::from_iter([(
                serde_yaml::Value::String("groups".into()),
                groups,
            )]))
            .unwrap_or_default()
        }
    };
    let current = parsed(&text);
    let mut doc = Doc::parse(&text);
    let mut notes = Vec::new();
    for (name, form_scores) in [("self_scores", &form.self_scores), ("scores", &form.scores)] {
        if form_scores.is_empty() {
            continue;
        }
        let mut all: IndexMap<String, IndexMap<String, Decimal>> = IndexMap::new();
        if let Some(existing) = section(&current, name) {
            for (member, scores) in existing {
                let Some(member) = crate::yaml::scalar_text(member) else {
                    continue;
                };
                let mut row = IndexMap::new();
                if let Some(scores) = scores.as_mapping() {
                    for (id, value) in scores {
                        if let (Some(id), Some(v)) =
                            (crate::yaml::scalar_text(id), figure(Some(value)))
                        {
                            row.insert(id, v);
                        }
                    }
                }
                all.insert(member, row);
            }
        }
        let mut changed = Vec::new();
        for (member, row) in form_scores {
            let normalised: IndexMap<String, Decimal> = row
                .iter()
                .map(|(k, v)| (k.clone(), v.normalize()))
                .collect();
            if all.get(member) != Some(&normalised) {
                changed.push(member.clone());
                all.insert(member.clone(), normalised);
            }
        }
        if changed.is_empty() {
            continue;
        }
        let mut out = format!("{name}:\n");
        for (member, row) in &all {
            let cells: Vec<String> = row
                .iter()
                .map(|(id, v)| {
                    format!(
                        "{}: {}",
                        serde_json::to_string(id).unwrap_or_default(),
                        plain_number(*v)
                    )
                })
                .collect();
            out.push_str(&format!("  {member}: {{ {} }}\n", cells.join(", ")));
        }
        doc.set_entry(name, Some(&out));
        notes.push(
            Message::new("sheet-changed-scores")
                .arg("field", name)
                .arg("members", changed.join(", ")),
        );
    }
    Planned {
        change: FileChange {
            rel,
            old,
            new: doc.to_text(),
        },
        notes,
        lost_comments: doc.lost_comments,
    }
}

/// The planned change of one form.
pub fn plan(site: &Site, form: &FormReturn) -> Planned {
    match form {
        FormReturn::Achievement(a) => achievement(site, a),
        FormReturn::Scoring(s) => scoring(site, s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_as_files_hold_them() {
        let map = parsed("a: 35\nb: { value: 40000000, qualifier: over }\nc:\nd: 95.50\n");
        assert_eq!(figure(map.get("a")), Some(Decimal::from(35)));
        assert_eq!(figure(map.get("b")), Some(Decimal::from(40_000_000)));
        assert_eq!(figure(map.get("c")), None);
        assert_eq!(figure(map.get("d")), Decimal::from_str("95.5").ok());
        assert_eq!(texts_of(parsed("h: [x, ' y ']\n").get("h")), ["x", "y"]);
    }
}
