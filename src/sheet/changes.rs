//! Turns checked returns into new texts for `content/`: only what the form changes is edited,
//! in place, so everything else in the file (comments, `extra`, values the form left empty)
//! stays as it was. Each change is said in the office's words: the metric's label, numbers as
//! Vietnamese writes them, what is removed, and which cells were left empty.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use rust_decimal::Decimal;
use std::str::FromStr;

use super::export::qualifier_word;
use super::import::{AchievementReturn, FormReturn, Input, ScoringReturn, TextInput};
use super::plain_number;
use super::yaml_edit::{self, Doc};
use crate::config::MetricDef;
use crate::content::write::FileChange;
use crate::i18n::{Language, format_decimal};
use crate::messages::Message;
use crate::model::{Qualifier, Site};

/// A file's new text and what changed in it, in words.
pub struct Planned {
    pub change: FileChange,
    /// One line per change, in the language of the run.
    pub notes: Vec<String>,
    /// The cells left empty where the site holds something (kept), in sheet order.
    pub kept: Vec<String>,
    /// Top-level keys whose comments could not be kept.
    pub lost_comments: Vec<String>,
}

impl Planned {
    /// Whether the file stays as it is.
    pub fn unchanged(&self) -> bool {
        self.change.old.as_deref() == Some(self.change.new.as_str())
            || (self.change.old.is_none() && self.change.new.trim().is_empty())
    }
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

/// The qualifier of an approximate figure (`{ value: …, qualifier: over }`).
fn qualifier_of(value: Option<&serde_yaml::Value>) -> Option<Qualifier> {
    let map = value?.as_mapping()?;
    Qualifier::parse(crate::yaml::scalar_text(map.get("qualifier")?)?.trim())
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

/// A figure as a person reads it: `hơn 40.000.000 đồng`, `95,5%`, `10.350 người` (without
/// `def`, the number alone: the old side of `10.202 → 10.350 người`).
fn figure_text(
    value: Decimal,
    qualifier: Option<Qualifier>,
    def: Option<&MetricDef>,
    language: Language,
) -> String {
    let mut text = String::new();
    if let Some(q) = qualifier {
        text.push_str(&qualifier_word(q, language));
        text.push(' ');
    }
    text.push_str(&format_decimal(value, language));
    match def.and_then(|d| d.unit.as_deref()).map(str::trim) {
        Some("%") => text.push('%'),
        Some(unit) if !unit.is_empty() => {
            text.push(' ');
            text.push_str(unit);
        }
        _ => {}
    }
    text
}

/// The start of a text, on one line: at most 60 characters, then `…`.
fn excerpt(text: &str) -> String {
    let line = crate::hygiene::collapse_whitespace(text);
    if line.chars().count() <= 60 {
        return line;
    }
    let mut short: String = line.chars().take(59).collect();
    short.push('…');
    short
}

fn render(message: Message, language: Language) -> String {
    message.render(language)
}

/// The new list of a section: a set cell replaces its item, `-` removes it, an empty cell
/// keeps it; items beyond the form's rows stay. The words say which items changed.
fn merged_list(
    existing: &[String],
    rows: &[TextInput],
    language: Language,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut items = Vec::new();
    let mut changes = Vec::new();
    let mut kept = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let old = existing.get(i);
        let n = i + 1;
        match (&row.input, old) {
            (Input::Set(text), Some(old)) => {
                if text != old {
                    changes.push(render(
                        Message::new("sheet-item-edited").count("n", n),
                        language,
                    ));
                }
                items.push(text.clone());
            }
            (Input::Set(text), None) => {
                changes.push(render(
                    Message::new("sheet-item-added").count("n", n),
                    language,
                ));
                items.push(text.clone());
            }
            (Input::Remove, Some(_)) => {
                changes.push(render(
                    Message::new("sheet-item-removed").count("n", n),
                    language,
                ));
            }
            (Input::Empty, Some(old)) => {
                kept.push(row.cell.clone());
                items.push(old.clone());
            }
            (Input::Remove | Input::Empty, None) => {}
        }
    }
    items.extend(existing.iter().skip(rows.len()).cloned());
    (items, changes, kept)
}

/// A figure's note in a returned form against the file: changed or removed (with a note of
/// it); true when the cell was left empty where the file holds a note (it is kept).
fn note_change(
    doc: &mut Doc,
    old_notes: Option<&serde_yaml::Mapping>,
    key: &str,
    label: &str,
    input: &Input<String>,
    language: Language,
    notes: &mut Vec<String>,
) -> bool {
    let before = text_of(old_notes.and_then(|m| m.get(key)));
    let empty = serde_yaml::Mapping::new();
    let old = old_notes.unwrap_or(&empty);
    match input {
        Input::Set(text) if before.as_ref() != Some(text) => {
            let rendered = yaml_edit::scalar(text, 2);
            doc.set_child("notes", key, Some(&rendered), old);
            notes.push(render(
                Message::new("sheet-changed-note")
                    .arg("label", label)
                    .arg("note", excerpt(text)),
                language,
            ));
        }
        Input::Remove if before.is_some() => {
            doc.set_child("notes", key, None, old);
            notes.push(render(
                Message::new("sheet-removed-note").arg("label", label),
                language,
            ));
        }
        Input::Empty => return before.is_some(),
        _ => {}
    }
    false
}

/// The texts of a returned member form against the file: the summary (its rows joined into
/// one text) and the lists (highlights, plans), with the notes of what changed and the cells
/// left empty where the site holds something.
fn text_changes(
    doc: &mut Doc,
    current: &serde_yaml::Mapping,
    form: &AchievementReturn,
    language: Language,
    notes: &mut Vec<String>,
    kept: &mut Vec<(u32, u16, String)>,
) {
    let cell_at = |cell: &str| super::xlsx::parse_cell(cell).unwrap_or((0, 0));
    // The summary: its rows joined into one text.
    let old_summary = text_of(current.get("summary"));
    let set: Vec<&str> = form
        .summary
        .iter()
        .filter_map(|t| match &t.input {
            Input::Set(s) => Some(s.as_str()),
            _ => None,
        })
        .collect();
    let removed = form.summary.iter().any(|t| t.input == Input::Remove);
    if !set.is_empty() {
        let text = set.join("\n\n");
        if old_summary.as_deref() != Some(text.as_str()) {
            doc.set_entry(
                "summary",
                Some(&format!("summary: {}", yaml_edit::scalar(&text, 0))),
            );
            notes.push(render(Message::new("sheet-changed-summary"), language));
        }
    } else if removed && old_summary.is_some() {
        doc.set_entry("summary", None);
        notes.push(render(Message::new("sheet-removed-summary"), language));
    } else if old_summary.is_some()
        && let Some(first) = form.summary.first()
    {
        let (row, col) = cell_at(&first.cell);
        kept.push((
            row,
            col,
            render(
                Message::new("sheet-kept-summary").arg("cell", first.cell.as_str()),
                language,
            ),
        ));
    }

    for (name, rows) in [("highlights", &form.highlights), ("plans", &form.plans)] {
        let existing = texts_of(current.get(name));
        let (items, changes, kept_cells) = merged_list(&existing, rows, language);
        let section_name = render(Message::new(list_name(name)), language);
        if items != existing {
            doc.set_entry(name, yaml_edit::list(name, &items).as_deref());
            notes.push(render(
                Message::new("sheet-changed-list")
                    .arg("section", section_name.as_str())
                    .arg("changes", changes.join(", ")),
                language,
            ));
        }
        for cell in kept_cells {
            let (row, col) = cell_at(&cell);
            kept.push((
                row,
                col,
                render(
                    Message::new("sheet-kept-item")
                        .arg("section", section_name.as_str())
                        .arg("cell", cell),
                    language,
                ),
            ));
        }
    }
}

/// The new text of a member's achievement file for one returned form.
pub fn achievement(site: &Site, form: &AchievementReturn, language: Language) -> Planned {
    let rel = PathBuf::from("content/associations")
        .join(form.member.as_str())
        .join(format!("{}.yaml", form.period));
    let old = read_existing(&site.root, &rel);
    let text = old.clone().unwrap_or_default();
    let current = parsed(&text);
    let mut doc = Doc::parse(&text);
    let mut notes = Vec::new();
    // (row, column, words): sorted into sheet order at the end.
    let mut kept: Vec<(u32, u16, String)> = Vec::new();
    let empty = serde_yaml::Mapping::new();
    let member = site.association(&form.member);

    let metrics = section(&current, "metrics");
    let targets = section(&current, "targets");
    let old_notes = section(&current, "notes");
    for figure_row in &form.figures {
        let key = figure_row.key.as_str();
        let def = member.and_then(|m| site.metric_def(m, key));
        let label = def.map_or(key, |d| d.label.trim());
        let row = figure_row.row;
        let cell = |col: u16| super::cell_name(row, col);
        let written = metrics.and_then(|m| m.get(key));
        let before = figure(written);
        let before_q = qualifier_of(written);
        let shown = |v: Decimal, q: Option<Qualifier>| figure_text(v, q, def, language);
        // A cell of this row left empty where the site holds something.
        let kept_cell = |id: &'static str, col: u16| {
            let words = Message::new(id).arg("label", label).arg("cell", cell(col));
            (row, col, render(words, language))
        };
        match &figure_row.value {
            Input::Set(v) => {
                if before != Some(*v) || before_q != figure_row.qualifier {
                    let rendered = match figure_row.qualifier {
                        Some(q) => format!(
                            "{{ value: {}, qualifier: {} }}",
                            plain_number(*v),
                            q.as_str()
                        ),
                        None => plain_number(*v),
                    };
                    doc.set_child("metrics", key, Some(&rendered), metrics.unwrap_or(&empty));
                    let old = before.map_or_else(
                        || render(Message::new("sheet-none"), language),
                        |b| figure_text(b, before_q, None, language),
                    );
                    notes.push(render(
                        Message::new("sheet-changed-value")
                            .arg("label", label)
                            .arg("old", old)
                            .arg("new", shown(*v, figure_row.qualifier)),
                        language,
                    ));
                }
            }
            Input::Remove => {
                if let Some(b) = before {
                    doc.set_child("metrics", key, Some(""), metrics.unwrap_or(&empty));
                    notes.push(render(
                        Message::new("sheet-removed-value")
                            .arg("label", label)
                            .arg("old", shown(b, before_q))
                            .arg("cell", cell(super::export::COL_RESULT)),
                        language,
                    ));
                }
            }
            Input::Empty => {
                if before.is_some() {
                    kept.push((
                        row,
                        super::export::COL_RESULT,
                        format!("{label} ({})", cell(super::export::COL_RESULT)),
                    ));
                }
            }
        }

        let before = figure(targets.and_then(|m| m.get(key)));
        match &figure_row.target {
            Input::Set(v) if before != Some(*v) => {
                doc.set_child(
                    "targets",
                    key,
                    Some(&plain_number(*v)),
                    targets.unwrap_or(&empty),
                );
                let old = before.map_or_else(
                    || render(Message::new("sheet-none"), language),
                    |b| figure_text(b, None, None, language),
                );
                notes.push(render(
                    Message::new("sheet-changed-target")
                        .arg("label", label)
                        .arg("old", old)
                        .arg("new", shown(*v, None)),
                    language,
                ));
            }
            Input::Remove => {
                if let Some(b) = before {
                    doc.set_child("targets", key, None, targets.unwrap_or(&empty));
                    notes.push(render(
                        Message::new("sheet-removed-target")
                            .arg("label", label)
                            .arg("old", shown(b, None)),
                        language,
                    ));
                }
            }
            Input::Empty if before.is_some() => {
                kept.push(kept_cell("sheet-kept-target", super::export::COL_NEXT));
            }
            _ => {}
        }

        let empty_note = note_change(
            &mut doc,
            old_notes,
            key,
            label,
            &figure_row.note,
            language,
            &mut notes,
        );
        if empty_note {
            kept.push(kept_cell("sheet-kept-note", super::export::COL_NOTE));
        }
    }

    text_changes(&mut doc, &current, form, language, &mut notes, &mut kept);

    kept.sort_by_key(|(row, col, _)| (*row, *col));
    Planned {
        change: FileChange {
            rel,
            old,
            new: doc.to_text(),
        },
        notes,
        kept: kept.into_iter().map(|(_, _, words)| words).collect(),
        lost_comments: doc.lost_comments,
    }
}

fn list_name(name: &str) -> &'static str {
    if name == "highlights" {
        "sheet-list-highlights"
    } else {
        "sheet-list-plans"
    }
}

/// The new text of the period's scoring file: `scores:` and `self_scores:` rewritten with the
/// members the grid carries, every other member's line and the rest of the file kept.
pub fn scoring(site: &Site, form: &ScoringReturn, language: Language) -> Planned {
    scoring_on(site, form, language, None)
}

/// [`scoring`] applied to `base`, the file as an earlier form of the same import left it
/// (several scorers' sheets fill one file), instead of the file on disk.
fn scoring_on(
    site: &Site,
    form: &ScoringReturn,
    language: Language,
    base: Option<&str>,
) -> Planned {
    let rel = PathBuf::from("content/scoring").join(format!("{}.yaml", form.period));
    let old = read_existing(&site.root, &rel);
    let text = match base.map(str::to_string).or_else(|| old.clone()) {
        Some(text) => text,
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
    let short_name = |slug: &str| {
        site.associations
            .iter()
            .find(|a| a.slug.as_str() == slug)
            .map_or_else(|| slug.to_string(), |a| a.short_name.clone())
    };
    for (name, form_scores) in [("self_scores", &form.self_scores), ("scores", &form.scores)] {
        let removed: Vec<&String> = form
            .removed
            .iter()
            .filter(|(field, _)| *field == name)
            .map(|(_, slug)| slug)
            .collect();
        if form_scores.is_empty() && removed.is_empty() {
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
                changed.push(short_name(member));
                all.insert(member.clone(), normalised);
            }
        }
        let mut gone = Vec::new();
        for member in removed {
            if all.shift_remove(member).is_some() {
                gone.push(short_name(member));
            }
        }
        if changed.is_empty() && gone.is_empty() {
            continue;
        }
        let rendered = if all.is_empty() {
            None
        } else {
            let mut out = format!("{name}:\n");
            for (member, row) in &all {
                out.push_str(&format!("  {member}: {}\n", score_row(row)));
            }
            Some(out)
        };
        doc.set_entry(name, rendered.as_deref());
        let field = if name == "scores" {
            "sheet-field-scores"
        } else {
            "sheet-field-self-scores"
        };
        if !changed.is_empty() {
            notes.push(render(
                Message::new("sheet-changed-scores")
                    .nested("field", Message::new(field))
                    .arg("members", changed.join(", ")),
                language,
            ));
        }
        if !gone.is_empty() {
            notes.push(render(
                Message::new("sheet-removed-scores")
                    .nested("field", Message::new(field))
                    .arg("members", gone.join(", ")),
                language,
            ));
        }
    }
    if let Some(scorer) = &form.scorer {
        cross_sheet(
            &current, &mut doc, form, scorer, &mut notes, language, short_name,
        );
    }
    Planned {
        change: FileChange {
            rel,
            old,
            new: doc.to_text(),
        },
        notes,
        kept: Vec::new(),
        lost_comments: doc.lost_comments,
    }
}

/// One member's scores as a flow mapping: `{ "1.1": 9.5, "1.2": 10 }`.
fn score_row(row: &IndexMap<String, Decimal>) -> String {
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
    format!("{{ {} }}", cells.join(", "))
}

/// A scorer's returned sheet: `cross_scores.<scorer>` gets the members it scored (the other
/// scorers' sheets are kept as they are); a column of dashes removes that member's scores.
fn cross_sheet(
    current: &serde_yaml::Mapping,
    doc: &mut Doc,
    form: &ScoringReturn,
    scorer: &str,
    notes: &mut Vec<String>,
    language: Language,
    short_name: impl Fn(&str) -> String,
) {
    type Sheet = IndexMap<String, IndexMap<String, Decimal>>;
    let scores_of = |value: &serde_yaml::Value| -> IndexMap<String, Decimal> {
        value
            .as_mapping()
            .into_iter()
            .flatten()
            .filter_map(|(id, v)| Some((crate::yaml::scalar_text(id)?, figure(Some(v))?)))
            .collect()
    };
    let mut all: IndexMap<String, Sheet> = IndexMap::new();
    if let Some(existing) = section(current, "cross_scores") {
        for (who, sheet) in existing {
            let Some(who) = crate::yaml::scalar_text(who) else {
                continue;
            };
            let sheet: Sheet = sheet
                .as_mapping()
                .into_iter()
                .flatten()
                .filter_map(|(scored, v)| Some((crate::yaml::scalar_text(scored)?, scores_of(v))))
                .collect();
            all.insert(who, sheet);
        }
    }
    let sheet = all.entry(scorer.to_string()).or_default();
    let mut changed = Vec::new();
    for (member, row) in &form.cross {
        let normalised: IndexMap<String, Decimal> = row
            .iter()
            .map(|(k, v)| (k.clone(), v.normalize()))
            .collect();
        if sheet.get(member) != Some(&normalised) {
            changed.push(short_name(member));
            sheet.insert(member.clone(), normalised);
        }
    }
    let mut gone = Vec::new();
    for (field, member) in &form.removed {
        if *field == "cross_scores" && sheet.shift_remove(member).is_some() {
            gone.push(short_name(member));
        }
    }
    if changed.is_empty() && gone.is_empty() {
        return;
    }
    all.retain(|_, sheet| !sheet.is_empty());
    let rendered = (!all.is_empty()).then(|| {
        let mut out = String::from("cross_scores:\n");
        for (who, sheet) in &all {
            out.push_str(&format!("  {who}:\n"));
            for (member, row) in sheet {
                out.push_str(&format!("    {member}: {}\n", score_row(row)));
            }
        }
        out
    });
    doc.set_entry("cross_scores", rendered.as_deref());
    let field = || Message::new("sheet-field-cross").arg("scorer", short_name(scorer));
    if !changed.is_empty() {
        notes.push(render(
            Message::new("sheet-changed-scores")
                .nested("field", field())
                .arg("members", changed.join(", ")),
            language,
        ));
    }
    if !gone.is_empty() {
        notes.push(render(
            Message::new("sheet-removed-scores")
                .nested("field", field())
                .arg("members", gone.join(", ")),
            language,
        ));
    }
}

/// The planned change of one form, its words in `language`.
pub fn plan(site: &Site, form: &FormReturn, language: Language) -> Planned {
    plan_after(site, form, language, &[])
}

/// [`plan`] after the changes `earlier` forms of the same import planned: a form for a file
/// one of them changes starts from that change (each scorer's sheet fills the same scoring
/// file), so that change is to be replaced by this one.
pub fn plan_after(
    site: &Site,
    form: &FormReturn,
    language: Language,
    earlier: &[FileChange],
) -> Planned {
    match form {
        FormReturn::Achievement(a) => achievement(site, a, language),
        FormReturn::Scoring(s) => {
            let rel = PathBuf::from("content/scoring").join(format!("{}.yaml", s.period));
            let base = earlier
                .iter()
                .find(|c| c.rel == rel)
                .map(|c| c.new.as_str());
            scoring_on(site, s, language, base)
        }
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
        assert_eq!(qualifier_of(map.get("b")), Some(Qualifier::Over));
        assert_eq!(qualifier_of(map.get("a")), None);
        assert_eq!(figure(map.get("c")), None);
        assert_eq!(figure(map.get("d")), Decimal::from_str("95.5").ok());
        assert_eq!(texts_of(parsed("h: [x, ' y ']\n").get("h")), ["x", "y"]);
    }

    #[test]
    fn lists_keep_empty_rows_and_drop_dashes() {
        let cell = |i: usize, input: Input<String>| TextInput {
            cell: format!("B{i}"),
            input,
        };
        let existing = vec!["a".to_string(), "b".into(), "c".into(), "d".into()];
        let rows = vec![
            cell(1, Input::Empty),
            cell(2, Input::Remove),
            cell(3, Input::Set("C".into())),
        ];
        let (items, changes, kept) = merged_list(&existing, &rows, Language::En);
        assert_eq!(items, ["a", "C", "d"]);
        assert_eq!(kept, ["B1"]);
        assert_eq!(changes.len(), 2, "{changes:?}");
    }

    #[test]
    fn figures_in_words() {
        let def = MetricDef {
            label: "Tiền".into(),
            unit: Some("đồng".into()),
            ..MetricDef::default()
        };
        assert_eq!(
            figure_text(
                Decimal::from(1_250_000_000),
                Some(Qualifier::Over),
                Some(&def),
                Language::Vi
            ),
            "hơn 1.250.000.000 đồng"
        );
        let rate = MetricDef {
            unit: Some("%".into()),
            ..def
        };
        assert_eq!(
            figure_text(
                Decimal::from_str("95.5").unwrap(),
                None,
                Some(&rate),
                Language::Vi
            ),
            "95,5%"
        );
    }
}
