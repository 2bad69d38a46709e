//! What the browser editor saves stays a file a person can read in Notepad. Decap re-writes a
//! whole YAML file (or front matter) from its form: every comment is gone, and a mapping whose
//! values are all empty — the metrics of a file `blocpress new period` wrote — comes out as
//! `? new_members` lines. Here the values Decap sent are merged into the file as it is on
//! disk instead: unchanged entries keep their lines (comments, order, blank lines), changed
//! metrics are edited in place ([`crate::sheet::yaml_edit`]), and only an entry that must be
//! rewritten loses the comments inside it, which is reported (W463).

use serde_yaml::{Mapping, Value};

use crate::sheet::yaml_edit::{self, Doc};

/// The text to save, and the top-level keys whose comments could not be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub text: String,
    pub lost_comments: Vec<String>,
}

/// Empty in the sense of the data model: not written, not reported.
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Sequence(items) => items.is_empty(),
        Value::Mapping(map) => map.values().all(is_empty),
        _ => false,
    }
}

/// The same content (an empty value equals any other empty value, at any depth).
fn same(a: &Value, b: &Value) -> bool {
    if is_empty(a) && is_empty(b) {
        return true;
    }
    match (a, b) {
        (Value::Mapping(x), Value::Mapping(y)) => {
            let keys = x.keys().chain(y.keys());
            keys.into_iter().all(|k| {
                same(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                )
            })
        }
        (Value::Sequence(x), Value::Sequence(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        _ => a == b,
    }
}

/// A key written plainly by the line editor stays the same key when read back (`1.10` would
/// become the number 1.1: such keys are left to the YAML library, which quotes them).
fn plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        && key.bytes().any(|b| b.is_ascii_lowercase())
}

fn scalar(value: &Value, indent: usize) -> Option<String> {
    match value {
        Value::Null => Some(String::new()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if s.is_empty() => Some(String::new()),
        Value::String(s) => Some(yaml_edit::scalar(s, indent)),
        _ => None,
    }
}

/// A mapping the line editor can edit child by child: plain keys and scalar values.
fn scalar_mapping(value: &Value) -> Option<&Mapping> {
    let map = value.as_mapping()?;
    map.iter()
        .all(|(k, v)| k.as_str().is_some_and(plain_key) && scalar(v, 2).is_some())
        .then_some(map)
}

/// `key: value` as block YAML, with empty values written as nothing after the colon.
fn render_entry(key: &str, value: &Value) -> String {
    if let Some(text) = scalar(value, 0) {
        return if text.is_empty() {
            format!("{key}:")
        } else {
            format!("{key}: {text}")
        };
    }
    let mut map = Mapping::new();
    map.insert(Value::String(key.to_string()), value.clone());
    let text = serde_yaml::to_string(&map).unwrap_or_default();
    text.lines()
        .map(|line| line.strip_suffix(": null").map_or(line, |l| l))
        .map(|line| format!("{line}\n"))
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Merges the YAML Decap sent (`raw`) into `old`, the file's text on disk. `None` when either
/// is not a YAML mapping (the raw text is then saved as sent, and checked as sent).
pub fn merge(old: &str, raw: &str) -> Option<Saved> {
    let parse = |text: &str| -> Option<Mapping> {
        if text.trim().is_empty() {
            return Some(Mapping::new());
        }
        match serde_yaml::from_str::<Value>(text).ok()? {
            Value::Mapping(map) => Some(map),
            Value::Null => Some(Mapping::new()),
            _ => None,
        }
    };
    let old_map = parse(old)?;
    let new_map = parse(raw)?;
    let mut doc = Doc::parse(old);
    for (key, before) in &old_map {
        let name = key.as_str()?;
        match new_map.get(key) {
            // Decap leaves out what is empty: an empty entry stays, with its comments.
            None if is_empty(before) => {}
            None => doc.set_entry(name, None),
            Some(after) if same(before, after) => {}
            Some(after) => update(&mut doc, name, before, after),
        }
    }
    for (key, after) in &new_map {
        let name = key.as_str()?;
        if !old_map.contains_key(key) && !is_empty(after) {
            doc.set_entry(name, Some(&render_entry(name, after)));
        }
    }
    Some(Saved {
        text: doc.to_text(),
        lost_comments: doc.lost_comments.clone(),
    })
}

fn update(doc: &mut Doc, key: &str, before: &Value, after: &Value) {
    let old_children = before.as_mapping().cloned().unwrap_or_default();
    let editable =
        (before.is_null() || scalar_mapping(before).is_some()) && scalar_mapping(after).is_some();
    if !editable {
        doc.set_entry(key, Some(&render_entry(key, after)));
        return;
    }
    let new_children = after.as_mapping().cloned().unwrap_or_default();
    for (child, was) in &old_children {
        let name = child.as_str().unwrap_or_default();
        match new_children.get(child) {
            Some(now) if same(was, now) => {}
            Some(now) => doc.set_child(key, name, scalar(now, 2).as_deref(), &old_children),
            // Left out by Decap because empty: kept as it is (with its comment).
            None if is_empty(was) => {}
            None => doc.set_child(key, name, None, &old_children),
        }
    }
    for (child, now) in &new_children {
        if !old_children.contains_key(child) && !is_empty(now) {
            let name = child.as_str().unwrap_or_default();
            doc.set_child(key, name, scalar(now, 2).as_deref(), &old_children);
        }
    }
}

/// The same for a Markdown file: its front matter is merged, its body is the one Decap sent.
pub fn merge_front_matter(old: &str, raw: &str) -> Option<Saved> {
    use crate::content::front_matter::split;
    let old = split(old).ok()?;
    let new = split(raw).ok()?;
    let merged = merge(old.front_matter, new.front_matter)?;
    Some(Saved {
        text: format!("---\n{}---\n{}", merged.text, new.body),
        lost_comments: merged.lost_comments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEW_PERIOD: &str = "# Hội A: kết quả 6 tháng đầu năm 2014.\n# CÁCH GHI SỐ: viết liền.\n\nsummary:\n\n# Số liệu của kỳ.\nmetrics:\n  # Chỉ tiêu chung\n  new_members:     # Hội viên mới\n  support_value:   # Giá trị hỗ trợ (đồng)\n\nhighlights:\n\ntargets:\n  new_members:     # Hội viên mới\n";

    /// What Decap 3.16 (yaml 1.10) writes for that file after the summary is typed.
    const DECAP: &str = "summary: Hội hoàn thành các chỉ tiêu.\nmetrics:\n  ? new_members\n  ? support_value\nhighlights: null\ntargets:\n  ? new_members\n";

    #[test]
    fn a_new_period_file_saved_with_a_summary_keeps_its_comments_and_no_question_marks() {
        let saved = merge(NEW_PERIOD, DECAP).unwrap();
        assert_eq!(
            saved.text,
            NEW_PERIOD.replace("summary:\n", "summary: Hội hoàn thành các chỉ tiêu.\n")
        );
        assert!(saved.lost_comments.is_empty());
    }

    #[test]
    fn changed_figures_are_edited_in_place() {
        let raw = "summary: ''\nmetrics:\n  new_members: 12\n  support_value: 12500000\nhighlights: []\ntargets:\n  new_members: ''\n";
        let saved = merge(NEW_PERIOD, raw).unwrap();
        assert!(
            saved
                .text
                .contains("  new_members: 12 # Hội viên mới\n  support_value: 12500000 # Giá trị hỗ trợ (đồng)\n"),
            "{}",
            saved.text
        );
        assert!(saved.text.contains("# CÁCH GHI SỐ: viết liền.\n"));
        assert!(
            saved
                .text
                .contains("targets:\n  new_members:     # Hội viên mới\n")
        );
        let value: Value = serde_yaml::from_str(&saved.text).unwrap();
        assert_eq!(value["metrics"]["support_value"].as_u64(), Some(12_500_000));
    }

    #[test]
    fn lists_and_keys_that_need_quotes_are_rewritten_and_their_lost_comments_reported() {
        let old = "highlights:\n  - Một # ghi chú\nscores:\n  '1.10': 5\n";
        let raw = "highlights:\n  - Một\n  - Hai\nscores:\n  '1.10': 6\n";
        let saved = merge(old, raw).unwrap();
        assert_eq!(saved.lost_comments, ["highlights"]);
        let value: Value = serde_yaml::from_str(&saved.text).unwrap();
        assert_eq!(value["highlights"][1].as_str(), Some("Hai"));
        assert_eq!(value["scores"]["1.10"].as_u64(), Some(6), "{}", saved.text);
        assert!(!saved.text.contains("? "));
    }

    #[test]
    fn front_matter_keeps_its_comments_and_takes_the_new_body() {
        let old = "---\ntitle: Cũ # tiêu đề\ndate: 2014-01-10\ndraft: true # bỏ khi đăng\n---\nThân cũ.\n";
        let raw = "---\ntitle: Mới\ndate: 2014-01-10\ndraft: true\n---\nThân mới.\n";
        let saved = merge_front_matter(old, raw).unwrap();
        assert_eq!(
            saved.text,
            "---\ntitle: Mới\ndate: 2014-01-10\ndraft: true # bỏ khi đăng\n---\nThân mới.\n"
        );
        assert_eq!(saved.lost_comments, ["title"]);
    }
}
