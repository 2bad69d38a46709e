//! A small line-level editor for the YAML shapes blocpress writes and people keep by hand
//! (top-level keys; `metrics:`, `targets:`, `notes:` as block mappings of scalars). Values are
//! changed in place, so comments, key order, blank lines and line endings stay as they were.
//! A shape it does not follow (a flow mapping `{ a: 1 }`, a nested value) is rewritten as a
//! block mapping; comments inside a rewritten part are reported, never dropped silently.

/// A YAML file as lines, with its line ending and BOM kept.
#[derive(Debug, Clone)]
pub struct Doc {
    lines: Vec<String>,
    crlf: bool,
    bom: bool,
    /// Top-level keys whose comments a rewrite could not keep.
    pub lost_comments: Vec<String>,
}

/// One top-level key: `start` is its line; `end` is one past its last line of content
/// (trailing blank lines and column-0 comments belong to what follows).
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: usize,
    end: usize,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The key of a `key: …` line (quotes removed), if the line is one.
fn line_key(line: &str) -> Option<String> {
    let t = line.trim_start();
    if t.starts_with('#') || t.starts_with("- ") || t == "-" {
        return None;
    }
    let (key, quoted) = if let Some(rest) = t.strip_prefix('"') {
        (rest.split('"').next()?, true)
    } else if let Some(rest) = t.strip_prefix('\'') {
        (rest.split('\'').next()?, true)
    } else {
        (t.split(':').next()?, false)
    };
    let after = if quoted {
        let close = t[1..].find(t.as_bytes()[0] as char)? + 2;
        &t[close..]
    } else {
        &t[key.len()..]
    };
    (after.starts_with(':') && (after.len() == 1 || after[1..].starts_with([' ', '\t'])))
        .then(|| key.trim().to_string())
}

/// The part after `key:` on a line, split into value and trailing comment (` # …`).
fn split_value(line: &str) -> (&str, &str) {
    let colon = match line.trim_start().chars().next() {
        Some(q @ ('"' | '\'')) => {
            let start = line.find(q).unwrap_or(0);
            let close = line[start + 1..].find(q).map_or(0, |i| start + 1 + i);
            line[close..].find(':').map_or(line.len(), |i| close + i)
        }
        _ => line.find(':').unwrap_or(line.len()),
    };
    let rest = &line[(colon + 1).min(line.len())..];
    let mut quote = None;
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b2) if b2 == q => quote = None,
            (None, b'#') if i > 0 && bytes[i - 1].is_ascii_whitespace() => {
                return (rest[..i].trim(), &rest[i - 1..]);
            }
            _ => {}
        }
    }
    (rest.trim(), "")
}

impl Doc {
    pub fn parse(text: &str) -> Doc {
        let bom = text.starts_with('\u{feff}');
        let text = text.trim_start_matches('\u{feff}');
        let crlf = text.contains("\r\n");
        let mut lines: Vec<String> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
            .collect();
        if lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        Doc {
            lines,
            crlf,
            bom,
            lost_comments: Vec::new(),
        }
    }

    pub fn to_text(&self) -> String {
        let eol = if self.crlf { "\r\n" } else { "\n" };
        let mut out = String::new();
        if self.bom {
            out.push('\u{feff}');
        }
        for line in &self.lines {
            out.push_str(line);
            out.push_str(eol);
        }
        out
    }

    fn entry(&self, key: &str) -> Option<Entry> {
        let start = self
            .lines
            .iter()
            .position(|l| indent_of(l) == 0 && line_key(l).as_deref() == Some(key))?;
        let mut end = start + 1;
        let mut last_content = start + 1;
        while end < self.lines.len() {
            let line = &self.lines[end];
            let top_level = indent_of(line) == 0 && !line.trim().is_empty();
            if top_level && !line.starts_with('-') && !line.starts_with('#') {
                break;
            }
            if !is_blank_or_comment(line) || (indent_of(line) > 0 && !line.trim().is_empty()) {
                last_content = end + 1;
            }
            end += 1;
        }
        Some(Entry {
            start,
            end: last_content,
        })
    }

    /// Where a new top-level entry goes: after the last line with content.
    fn append_at(&self) -> usize {
        self.lines
            .iter()
            .rposition(|l| !l.trim().is_empty())
            .map_or(0, |i| i + 1)
    }

    /// Replaces the whole top-level entry `key` with `rendered` (lines starting with `key:`),
    /// or removes it (`None`); appends it when missing.
    pub fn set_entry(&mut self, key: &str, rendered: Option<&str>) {
        let new: Vec<String> = rendered
            .map(|r| {
                r.trim_end_matches('\n')
                    .split('\n')
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        match self.entry(key) {
            Some(entry) => {
                let comments = self.lines[entry.start..entry.end]
                    .iter()
                    .any(|l| has_comment(l));
                if comments && rendered.is_some() {
                    self.lost_comments.push(key.to_string());
                }
                self.lines.splice(entry.start..entry.end, new);
            }
            None if !new.is_empty() => {
                let at = self.append_at();
                self.lines.splice(at..at, new);
            }
            None => {}
        }
    }

    /// Whether the top-level `key` is a block mapping this editor can edit line by line.
    fn block_mapping(&self, key: &str) -> Option<Option<Entry>> {
        let Some(entry) = self.entry(key) else {
            return Some(None);
        };
        let (value, _) = split_value(&self.lines[entry.start]);
        if !value.is_empty() {
            return None;
        }
        let children = &self.lines[entry.start + 1..entry.end];
        let indent = children
            .iter()
            .find(|l| !is_blank_or_comment(l))
            .map(|l| indent_of(l));
        let ok = children.iter().all(|l| {
            is_blank_or_comment(l)
                || (Some(indent_of(l)) == indent && line_key(l).is_some() && {
                    let (v, _) = split_value(l);
                    !v.starts_with(['|', '>', '&', '*', '!']) && !v.is_empty() || v.is_empty()
                })
        });
        // A child with an empty value followed by deeper lines is a nested mapping: not ours.
        ok.then_some(Some(entry))
    }

    /// Sets `section.child` to `value` (already YAML: `35`, `"text"`), keeps it with an empty
    /// value (`Some("")`), or removes it (`None`). Falls back to rewriting the section when it
    /// is not a plain block mapping; `current` is the section's mapping as parsed, for that case.
    pub fn set_child(
        &mut self,
        section: &str,
        child: &str,
        value: Option<&str>,
        current: &serde_yaml::Mapping,
    ) {
        match self.block_mapping(section) {
            Some(None) => {
                if let Some(value) = value {
                    let at = self.append_at();
                    self.lines.splice(
                        at..at,
                        [format!("{section}:"), child_line(2, child, value, "")],
                    );
                }
            }
            Some(Some(entry)) => {
                let children = entry.start + 1..entry.end;
                let indent = self.lines[children.clone()]
                    .iter()
                    .find(|l| !is_blank_or_comment(l))
                    .map_or(2, |l| indent_of(l));
                let found = children
                    .clone()
                    .find(|&i| line_key(&self.lines[i]).as_deref() == Some(child));
                match (found, value) {
                    (Some(i), Some(value)) => {
                        let (_, comment) = split_value(&self.lines[i]);
                        self.lines[i] = child_line(indent, child, value, comment);
                    }
                    (Some(i), None) => {
                        self.lines.remove(i);
                        if self.block_mapping(section).is_some_and(|e| {
                            e.is_some_and(|e| {
                                self.lines[e.start + 1..e.end]
                                    .iter()
                                    .all(|l| is_blank_or_comment(l))
                            })
                        }) {
                            self.set_entry(section, None);
                        }
                    }
                    (None, Some(value)) => {
                        let last = self.lines[children.clone()]
                            .iter()
                            .rposition(|l| !is_blank_or_comment(l))
                            .map_or(entry.start + 1, |i| entry.start + 2 + i);
                        self.lines
                            .insert(last, child_line(indent, child, value, ""));
                    }
                    (None, None) => {}
                }
            }
            None => {
                // Flow style or nested values: rewrite the section as a block mapping.
                let mut map = current.clone();
                let key = serde_yaml::Value::String(child.to_string());
                match value {
                    Some(v) => {
                        let parsed: serde_yaml::Value =
                            serde_yaml::from_str(v).unwrap_or(serde_yaml::Value::Null);
                        map.insert(key, parsed);
                    }
                    None => {
                        map.remove(&key);
                    }
                }
                let rendered = if map.is_empty() {
                    None
                } else {
                    let mut out = format!("{section}:\n");
                    for (k, v) in &map {
                        let k = serde_yaml::to_string(k).unwrap_or_default();
                        let v = match v {
                            serde_yaml::Value::Null => String::new(),
                            serde_yaml::Value::String(s) => scalar(s, 2),
                            other => flow(other),
                        };
                        out.push_str(&child_line(2, k.trim_end(), &v, ""));
                        out.push('\n');
                    }
                    Some(out)
                };
                self.set_entry(section, rendered.as_deref());
            }
        }
    }
}

/// A `#` comment on the line, outside quotes (block scalars may count falsely: reported, harmless).
fn has_comment(line: &str) -> bool {
    let mut quote = None;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') if i == 0 || bytes[i - 1].is_ascii_whitespace() => quote = Some(b),
            (Some(q), b2) if b2 == q => quote = None,
            (None, b'#') if i == 0 || bytes[i - 1].is_ascii_whitespace() => return true,
            _ => {}
        }
    }
    false
}

fn child_line(indent: usize, key: &str, value: &str, comment: &str) -> String {
    let pad = " ".repeat(indent);
    if value.is_empty() {
        format!("{pad}{key}:{comment}")
    } else if value.contains('\n') {
        // A block scalar: its comment cannot follow on the same line.
        format!("{pad}{key}: {value}")
    } else {
        format!("{pad}{key}: {value}{comment}")
    }
}

/// A value in YAML flow style, for the rare nested value a rewrite has to keep.
fn flow(value: &serde_yaml::Value) -> String {
    serde_json::to_string(&crate::yaml::to_json(value)).unwrap_or_default()
}

/// A text as a YAML scalar placed after `key: ` at `indent`: plain or quoted on one line, or a
/// `|-` block for several lines.
pub fn scalar(text: &str, indent: usize) -> String {
    if text.contains('\n') && !text.starts_with([' ', '\t']) {
        let pad = " ".repeat(indent + 2);
        let mut out = String::from("|-");
        for line in text.split('\n') {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&pad);
                out.push_str(line);
            }
        }
        return out;
    }
    if text.contains('\n') {
        return serde_json::to_string(text).unwrap_or_default();
    }
    serde_yaml::to_string(text)
        .map(|s| s.trim_end_matches('\n').to_string())
        .unwrap_or_else(|_| serde_json::to_string(text).unwrap_or_default())
}

/// `key:` followed by a block list of texts; `None` for an empty list.
pub fn list(key: &str, items: &[String]) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    let mut out = format!("{key}:\n");
    for item in items {
        out.push_str("  - ");
        out.push_str(&scalar(item, 2));
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(yaml: &str, key: &str) -> serde_yaml::Mapping {
        let v: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
        v.get(key)
            .and_then(|m| m.as_mapping())
            .cloned()
            .unwrap_or_default()
    }

    #[test]
    fn edits_values_in_place_and_keeps_comments() {
        let text = "# Hội A\nsummary: Cũ\nmetrics:\n  a: 1 # từ báo cáo quý\n  b:\n\n# cuối\nextra: { x: 1 }\n";
        let mut doc = Doc::parse(text);
        let current = map(text, "metrics");
        doc.set_child("metrics", "a", Some("1080"), &current);
        doc.set_child("metrics", "b", Some("95.5"), &current);
        doc.set_child("metrics", "c", Some("3"), &current);
        doc.set_entry("summary", Some("summary: Mới"));
        assert_eq!(
            doc.to_text(),
            "# Hội A\nsummary: Mới\nmetrics:\n  a: 1080 # từ báo cáo quý\n  b: 95.5\n  c: 3\n\n# cuối\nextra: { x: 1 }\n"
        );
        assert!(doc.lost_comments.is_empty());
    }

    #[test]
    fn adds_sections_and_removes_children() {
        let mut doc = Doc::parse("targets:\n  a: 5\n");
        let current = map("targets:\n  a: 5\n", "targets");
        doc.set_child("targets", "a", None, &current);
        doc.set_child(
            "notes",
            "a",
            Some(&scalar("Ước tính: 10", 2)),
            &Default::default(),
        );
        assert_eq!(doc.to_text(), "notes:\n  a: 'Ước tính: 10'\n");
    }

    #[test]
    fn flow_sections_are_rewritten_as_blocks() {
        let text = "targets: { a: 5, b: 6 }\r\nplans: [x]\r\n";
        let mut doc = Doc::parse(text);
        doc.set_child("targets", "a", Some("7"), &map(text, "targets"));
        assert_eq!(
            doc.to_text(),
            "targets:\r\n  a: 7\r\n  b: 6\r\nplans: [x]\r\n"
        );
    }

    #[test]
    fn lists_and_multiline_text() {
        let mut doc = Doc::parse("highlights:\n  - cũ # ghi chú\nplans: [x]\n");
        let items = vec!["Một".to_string(), "Hai\ndòng".to_string()];
        doc.set_entry("highlights", list("highlights", &items).as_deref());
        assert_eq!(
            doc.to_text(),
            "highlights:\n  - Một\n  - |-\n    Hai\n    dòng\nplans: [x]\n"
        );
        assert_eq!(doc.lost_comments, ["highlights"]);
        let parsed: serde_yaml::Value = serde_yaml::from_str(&doc.to_text()).unwrap();
        assert_eq!(parsed["highlights"][1].as_str(), Some("Hai\ndòng"));
    }
}
