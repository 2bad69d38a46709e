//! Every YAML parse in blocpress goes through this module, so the parser (`serde_yaml`, deprecated
//! upstream) can be replaced by a maintained fork in one place. It also turns parser errors into
//! [`Diagnostic`]s with file, line and column, adds "did you mean" to unknown keys, and finds where
//! a key sits in the text so later stages can point at it.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, suggestion};
use crate::messages::Message;

/// The parser's dynamic value, for the few fields that are checked by hand (metric values, scores).
pub use serde_yaml::Value;

/// Files larger than this are refused before parsing: no real bloc file comes near it (a long
/// review article is ~100 KB), and it bounds the memory a hostile file can take. Parsing
/// amplifies: a Markdown table of one-letter cells or a YAML list of `1,` takes 100–300 times
/// its size while it is rendered (8 MiB files took 0.9–2.3 GB), so the cap is 1 MiB.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// A piece of YAML: the whole of a `.yaml` file, or the front matter of a Markdown file.
#[derive(Debug, Clone, Copy)]
pub struct YamlSource<'a> {
    /// Path relative to the site root, for messages.
    pub path: &'a Path,
    pub text: &'a str,
    /// Lines before `text` in the file (1 for front matter after the opening `---`).
    pub line_offset: usize,
}

impl<'a> YamlSource<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        YamlSource {
            path,
            text,
            line_offset: 0,
        }
    }

    /// Where `keys` (a path of mapping keys) is written, as a file line and column.
    pub fn locate(&self, keys: &[&str]) -> Option<(usize, usize)> {
        locate(self.text, keys).map(|(line, col)| (line + self.line_offset, col))
    }

    /// Where `keys` is written, else the nearest of its parents that is (an empty key, a key
    /// written in a form `locate` does not follow).
    fn locate_or_parent(&self, keys: &[&str]) -> Option<(usize, usize)> {
        (1..=keys.len()).rev().find_map(|n| self.locate(&keys[..n]))
    }

    /// A diagnostic (its code from `message`) pointing at `keys`, or its nearest parent that
    /// can be found, else at the file.
    pub fn report(&self, keys: &[&str], message: Message) -> Diagnostic {
        Diagnostic::from_message(self.path, message).at_opt(self.locate_or_parent(keys))
    }

    /// A diagnostic with `code` at `keys`; add its arguments with [`Diagnostic::arg`].
    pub fn at(&self, keys: &[&str], code: &'static str) -> Diagnostic {
        self.report(keys, Message::new(code))
    }

    /// [`YamlSource::report`] pointing at `value` as written under `keys` (`date: 31/11/2026`
    /// → the column of `31/11/2026`; `associations: [a, hoi-x]` → of `hoi-x`, also in a block
    /// list below the key), else at the key: the editor's eye goes where the mistake is.
    pub fn report_value(&self, keys: &[&str], value: &str, message: Message) -> Diagnostic {
        let at = self
            .locate(keys)
            .and_then(|key| self.locate_value_from(key, value))
            .or_else(|| self.locate_or_parent(keys));
        Diagnostic::from_message(self.path, message).at_opt(at)
    }

    /// Where `value` is first written as a whole word after the key at `(line, column)` (file
    /// positions): on the key's line after its colon, or on the lines below that are indented
    /// more than the key.
    fn locate_value_from(
        &self,
        (line, column): (usize, usize),
        value: &str,
    ) -> Option<(usize, usize)> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        let first = line.checked_sub(self.line_offset + 1)?;
        let lines: Vec<&str> = self.text.lines().collect();
        let key_line = lines.get(first)?;
        let key_start = key_line.char_indices().nth(column - 1)?.0;
        let colon = key_start + key_line[key_start..].find(':')? + 1;
        let key_indent = key_line.len() - key_line.trim_start().len();
        let whole_word = |text: &str, at: usize| {
            let before = text[..at].chars().next_back();
            let after = text[at + value.len()..].chars().next();
            let edge =
                |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || "_-./".contains(c)));
            edge(before) && edge(after)
        };
        let find = |text: &str, from: usize| {
            text[from..]
                .match_indices(value)
                .map(|(i, _)| from + i)
                .find(|&at| whole_word(text, at))
        };
        if let Some(at) = find(key_line, colon) {
            return Some((line, key_line[..at].chars().count() + 1));
        }
        for (index, text) in lines.iter().enumerate().skip(first + 1) {
            let trimmed = text.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if text.len() - trimmed.len() <= key_indent && !trimmed.starts_with("- ") {
                break;
            }
            if let Some(at) = find(text, 0) {
                return Some((index + 1 + self.line_offset, text[..at].chars().count() + 1));
            }
        }
        None
    }

    fn finding(&self, finding: crate::yaml_lint::Finding) -> Diagnostic {
        // The checks count bytes; messages count characters (`Sơ kết` is 6, not 9).
        let column = self
            .text
            .lines()
            .nth(finding.line.saturating_sub(1))
            .and_then(|line| line.get(..finding.column.saturating_sub(1)))
            .map_or(finding.column, |before| before.chars().count() + 1);
        let mut d =
            Diagnostic::new(self.path, finding.code).at(finding.line + self.line_offset, column);
        for (name, value) in finding.args {
            d = match (name, value.parse::<i64>()) {
                // A number of spaces selects the words (`0`: "remove the spaces").
                ("spaces", Ok(n)) => d.count(name, n),
                _ => d.arg(name, value),
            };
        }
        d
    }

    /// The value of `keys` as written in the file (`10.202`, `"40.000.000"`), if it is a plain scalar.
    pub fn raw_value(&self, keys: &[&str]) -> Option<&'a str> {
        let (line, col) = locate(self.text, keys)?;
        raw_scalar_after_key(self.text, line, col)
    }
}

/// Parses `source` into `T`, mapping every failure to a diagnostic with a position.
pub fn from_str<T: DeserializeOwned>(source: &YamlSource) -> Result<T, Diagnostic> {
    if source.text.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::new(source.path, "E002").count("limit", MAX_FILE_BYTES >> 20));
    }
    if let Some(finding) = crate::yaml_lint::nesting(source.text) {
        return Err(source.finding(finding));
    }
    if let Some(finding) = crate::yaml_lint::flow_decimal_comma(source.text) {
        return Err(source.finding(finding));
    }
    if let Some(problem) = escaped_forbidden(source) {
        return Err(problem);
    }
    // An empty document is an empty mapping, so "every field missing" is reported as such.
    let text = if source.text.trim().is_empty() {
        "{}"
    } else {
        source.text
    };
    serde_yaml::from_str(text).map_err(|error| to_diagnostic(source, &error))
}

/// A character XML forbids written as an escape in a double-quoted scalar (`"Ra\vmắt"`,
/// `"\0"`, `"\uFFFF"`): the check of the file's raw characters cannot see it, and the parser
/// turns it into the character itself, which would break every feed that shows the value.
/// E601 at the backslash. The parsed values decide (a backslash in a block scalar or a comment
/// is text); the scan of the text only finds where to point.
fn escaped_forbidden(source: &YamlSource) -> Option<Diagnostic> {
    let (line, column, c) = forbidden_escape(source.text)?;
    let value: Value = serde_yaml::from_str(source.text).ok()?;
    let mut found = false;
    visit_strings(&value, &mut |text| {
        found |= crate::hygiene::first_forbidden(text).is_some();
    });
    found.then(|| {
        Diagnostic::new(source.path, "E601")
            .arg("char", crate::hygiene::code_point(c))
            .at(line + source.line_offset, column)
    })
}

/// Every string of a parsed value: keys, values, tagged values.
fn visit_strings(value: &Value, visit: &mut impl FnMut(&str)) {
    match value {
        Value::String(text) => visit(text),
        Value::Sequence(items) => items.iter().for_each(|item| visit_strings(item, visit)),
        Value::Mapping(map) => {
            for (key, item) in map {
                visit_strings(key, visit);
                visit_strings(item, visit);
            }
        }
        Value::Tagged(tagged) => visit_strings(&tagged.value, visit),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The first escape of a double-quoted scalar that decodes to a character XML forbids: its
/// line, its column (in characters, at the backslash) and the character. A scan of the text
/// that follows quotes and comments, not a parser: [`escaped_forbidden`] checks the values.
fn forbidden_escape(text: &str) -> Option<(usize, usize, char)> {
    memchr::memchr(b'\\', text.as_bytes())?;
    #[derive(PartialEq)]
    enum State {
        Plain,
        Double,
        Single,
        Comment,
    }
    let mut state = State::Plain;
    // The last character on the line outside quotes that is not a space (`None` at its start).
    let mut before: Option<char> = None;
    let (mut line, mut column) = (1, 0);
    let mut chars = text.chars().peekable();
    let mut last = '\n';
    while let Some(c) = chars.next() {
        column += 1;
        let previous = std::mem::replace(&mut last, c);
        if c == '\n' {
            (line, column, before) = (line + 1, 0, None);
            if state == State::Comment {
                state = State::Plain;
            }
            continue;
        }
        match state {
            State::Comment => {}
            State::Plain => match c {
                // `#` starts a comment at the start of a line or after a space.
                '#' if before.is_none() || matches!(previous, ' ' | '\t') => state = State::Comment,
                '"' if matches!(before, None | Some(':' | '-' | '[' | '{' | ',' | '?')) => {
                    state = State::Double
                }
                '\'' if matches!(before, None | Some(':' | '-' | '[' | '{' | ',' | '?')) => {
                    state = State::Single
                }
                ' ' | '\t' => {}
                _ => before = Some(c),
            },
            State::Single => {
                if c == '\'' {
                    if chars.peek() == Some(&'\'') {
                        chars.next();
                        column += 1;
                    } else {
                        state = State::Plain;
                        before = Some(c);
                    }
                }
            }
            State::Double => match c {
                '"' => {
                    state = State::Plain;
                    before = Some(c);
                }
                '\\' => {
                    let at = column;
                    let Some(kind) = chars.next() else { break };
                    column += 1;
                    let digits = match kind {
                        'x' => 2,
                        'u' => 4,
                        'U' => 8,
                        _ => 0,
                    };
                    let decoded = if digits == 0 {
                        match kind {
                            '0' => Some('\u{0}'),
                            'a' => Some('\u{7}'),
                            'b' => Some('\u{8}'),
                            'v' => Some('\u{B}'),
                            'f' => Some('\u{C}'),
                            'e' => Some('\u{1B}'),
                            '\n' => {
                                (line, column) = (line + 1, 0);
                                None
                            }
                            _ => None,
                        }
                    } else {
                        let hex: String = (0..digits)
                            .map_while(|_| chars.next_if(char::is_ascii_hexdigit))
                            .collect();
                        column += hex.chars().count();
                        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                    };
                    if let Some(c) = decoded.filter(|c| crate::hygiene::is_forbidden(*c)) {
                        return Some((line, at, c));
                    }
                }
                _ => {}
            },
        }
    }
    None
}

/// Like [`from_str`], but an unknown key does not hide the rest of the file: each unknown key
/// written on its own line is reported, blanked out (lines keep their numbers) and the text
/// parsed again, so the caller can go on checking the values and report every problem of the
/// file in one run. The value is `None` when some other error stopped the parse.
pub fn from_str_all<T: DeserializeOwned>(source: &YamlSource) -> (Option<T>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut text = source.text.to_string();
    for _ in 0..50 {
        let current = YamlSource {
            text: &text,
            ..*source
        };
        match from_str::<T>(&current) {
            Ok(value) => return (Some(value), problems),
            // A required key missing because the editor wrote it under another name, already
            // reported with that name as the hint: once is enough.
            Err(diagnostic)
                if diagnostic.code() == "E011"
                    && problems.iter().any(|p| {
                        p.code() == "E010"
                            && matches!(
                                p.message.args.iter().find(|(n, _)| *n == "hint"),
                                Some((_, crate::messages::Arg::Message(hint)))
                                    if hint.text_arg("word") == diagnostic.message.text_arg("key")
                            )
                    }) =>
            {
                return (None, problems);
            }
            Err(diagnostic) => {
                let blanked = (diagnostic.code() == "E010")
                    .then_some(diagnostic.line.zip(diagnostic.column))
                    .flatten()
                    .and_then(|(line, column)| {
                        blank_entry(&text, line.checked_sub(source.line_offset)?, column)
                    });
                problems.push(diagnostic);
                match blanked {
                    Some(next) => text = next,
                    None => return (None, problems),
                }
            }
        }
    }
    (None, problems)
}

/// `text` with the block entry whose key starts line `line` at `column` (both 1-based)
/// removed: that line and the more indented lines under it become empty. `None` when the key
/// does not start its line (a key inside `{ }` is not removed: the loop stops there).
fn blank_entry(text: &str, line: usize, column: usize) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let first = lines.get(line.checked_sub(1)?)?;
    let content = first.trim_start();
    let key = content.strip_prefix("- ").unwrap_or(content);
    if key.starts_with(['{', '[']) || !key.contains(':') || first.len() - key.len() + 1 != column {
        return None;
    }
    let indent = first.len() - content.len();
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for (index, current) in lines.iter().enumerate() {
        let blank = if index + 1 == line {
            inside = true;
            true
        } else if inside {
            let trimmed = current.trim();
            let deeper = current.len() - current.trim_start().len() > indent;
            if trimmed.is_empty() || deeper {
                true
            } else {
                inside = false;
                false
            }
        } else {
            false
        };
        if blank {
            out.push_str(if current.ends_with('\n') { "\n" } else { "" });
        } else {
            out.push_str(current);
        }
    }
    Some(out)
}

/// The parser's own words, shown inside a message when nothing better is known: positions are
/// made relative to the file.
fn parser_words(raw: &str, source: &YamlSource) -> String {
    relocate_marks(raw, source.line_offset)
}

fn to_diagnostic(source: &YamlSource, error: &serde_yaml::Error) -> Diagnostic {
    let raw = error.to_string();
    let message = relocate_marks(&raw, source.line_offset);
    let position = error
        .location()
        .map(|l| (l.line() + source.line_offset, l.column()));

    if let Some(diagnostic) = syntax_diagnostic(source, error, &raw, &message, position) {
        return diagnostic;
    }
    // Data errors: serde names the key path first (`metrics.a: …`).
    let (field, detail) = split_field(&message);
    if let Some(diagnostic) = key_diagnostic(source, field, detail, position) {
        return diagnostic;
    }
    if let Some(finding) = position
        .and_then(|(line, _)| line.checked_sub(source.line_offset))
        .and_then(|line| crate::yaml_lint::missing_space_near(source.text, line))
    {
        return source.finding(finding);
    }
    value_diagnostic(source, field, detail, position)
}

/// A syntax error in words: what the editor most likely did (the line checks), something opened
/// and never closed, a second document, a limit, a Tab; `None` for a data error.
fn syntax_diagnostic(
    source: &YamlSource,
    error: &serde_yaml::Error,
    raw: &str,
    message: &str,
    position: Option<(usize, usize)>,
) -> Option<Diagnostic> {
    let with_position = |d: Diagnostic, position: Option<(usize, usize)>| Some(d.at_opt(position));
    let path = source.path;
    // First what the editor most likely did, found by the line checks.
    let syntax = is_syntax_error(message);
    if syntax
        && let Some(finding) =
            crate::yaml_lint::after_failure(source.text, error.location().map(|l| l.line()))
    {
        return Some(source.finding(finding));
    }
    // Something opened and never closed: point where it opens.
    if let Some((what, line, column)) = unclosed(message) {
        return Some(
            Diagnostic::new(path, "E018")
                .nested("what", Message::new(what))
                .at(line, column),
        );
    }
    if message.contains("more than one document") || message.contains("more than one YAML document")
    {
        let position = second_document_line(source.text)
            .map(|line| (line + source.line_offset, 1))
            .or(position);
        return with_position(Diagnostic::new(path, "E019"), position);
    }
    if message.contains("recursion limit exceeded") {
        return with_position(Diagnostic::new(path, "E013").arg("limit", "128"), position);
    }
    if message.contains("repetition limit exceeded") {
        return with_position(Diagnostic::new(path, "E014"), position);
    }
    if message.contains("found character that cannot start any token") {
        let tab = position.is_some_and(|(line, _)| {
            source
                .text
                .lines()
                .nth(line.saturating_sub(source.line_offset + 1))
                .is_some_and(|text| text.trim_start_matches(' ').starts_with('\t'))
        });
        let code = if tab { "E015" } else { "E016" };
        return with_position(Diagnostic::new(path, code), position);
    }
    if message.contains("mapping values are not allowed in this context") {
        return with_position(Diagnostic::new(path, "E017"), position);
    }
    if syntax {
        return with_position(
            Diagnostic::new(path, "E029").arg("detail", parser_words(raw, source)),
            position,
        );
    }
    None
}

/// A data error about a key: unknown (with what was meant), missing, twice, an unknown word
/// among allowed ones, a number too large; `None` for an error about a value's type.
fn key_diagnostic(
    source: &YamlSource,
    field: &str,
    detail: &str,
    position: Option<(usize, usize)>,
) -> Option<Diagnostic> {
    let with_position = |d: Diagnostic, position: Option<(usize, usize)>| Some(d.at_opt(position));
    let path = source.path;
    if let Some(start) = detail.find("unknown field `") {
        let names = quoted_names(&detail[start..]);
        if let Some((unknown, allowed)) = names.split_first() {
            let position = position.or_else(|| source.locate(&[unknown.as_str()]));
            let hint = match vietnamese_key(unknown) {
                Some(key) if allowed.iter().any(|a| a == key) => {
                    Message::new("hint-did-you-mean").arg("word", key)
                }
                _ => suggestion(unknown, allowed.iter().map(String::as_str)),
            };
            // A key right under a more indented block: most likely indented one step too little.
            if let Some((line, column)) = position
                && hint.id == "hint-none"
                && let Some(spaces) = deeper_line_above(source, line)
            {
                return Some(
                    Diagnostic::new(path, "E034")
                        .count("spaces", spaces)
                        .arg("key", unknown.clone())
                        .at(line, column),
                );
            }
            let allowed_list = if allowed.is_empty() {
                "—".to_string()
            } else {
                allowed.join(", ")
            };
            return with_position(
                Diagnostic::new(path, "E010")
                    .arg("key", unknown.clone())
                    .nested("hint", hint)
                    .arg("allowed", allowed_list),
                position,
            );
        }
    }
    if let Some(rest) = detail.strip_prefix("missing field ") {
        let key = quoted_names(rest).into_iter().next().unwrap_or_default();
        let position = position
            .or_else(|| source.locate(&[key.as_str()]))
            .or(Some((1 + source.line_offset, 1)));
        return with_position(Diagnostic::new(path, "E011").arg("key", key), position);
    }
    if detail.contains("duplicate field") || detail.contains("duplicate entry") {
        let key = quoted_names(detail)
            .into_iter()
            .next()
            .unwrap_or_else(|| field.to_string());
        let position = locate_last_key(source.text, &key)
            .map(|(line, column)| (line + source.line_offset, column))
            .or(position);
        return with_position(Diagnostic::new(path, "E012").arg("key", key), position);
    }
    if let Some(start) = detail.find("unknown variant `") {
        let names = quoted_names(&detail[start..]);
        if let Some((written, allowed)) = names.split_first() {
            return with_position(
                Diagnostic::new(path, "E021")
                    .arg("field", field)
                    .arg("value", written.clone())
                    .arg("allowed", allowed.join(", ")),
                position,
            );
        }
    }
    // A number too large for any YAML number type.
    if let Some(start) = detail.find("invalid type: integer `")
        && (detail.ends_with("expected any YAML value")
            || detail.contains(" as u128")
            || detail.contains(" as i128"))
    {
        let number = quoted_names(&detail[start..])
            .into_iter()
            .next()
            .unwrap_or_default();
        return with_position(Diagnostic::new(path, "E020").arg("value", number), position);
    }
    None
}

/// A data error about a value: what was expected and what was found, or text with `: ` in it
/// read as a mapping.
fn value_diagnostic(
    source: &YamlSource,
    field: &str,
    detail: &str,
    position: Option<(usize, usize)>,
) -> Diagnostic {
    let with_position = |d: Diagnostic, position: Option<(usize, usize)>| d.at_opt(position);
    let path = source.path;
    let expected = if detail.ends_with("expected a boolean") {
        Some("expect-boolean")
    } else if ["i64", "u32", "u64", "usize", "i32", "u16", "u8"]
        .iter()
        .any(|t| detail.ends_with(&format!("expected {t}")))
    {
        Some("expect-whole-number")
    } else if detail.contains("expected a YAML tag starting with '!'")
        || detail.contains("expected unit variant")
    {
        Some("expect-word")
    } else if detail.contains("not a list or mapping") {
        Some("expect-text")
    } else if detail.contains("a value is required here") {
        Some("expect-value")
    } else if detail.contains("expected a list such as [a, b]")
        || detail.contains("nested list or mapping")
    {
        Some("expect-list")
    } else if detail.contains("expected a map") || detail.contains("expected struct") {
        Some("expect-mapping")
    } else {
        None
    };
    let found = found_words(detail);
    // The key as written on the line, when serde does not name it.
    let field = if field.is_empty() {
        position
            .and_then(|(line, _)| {
                source
                    .text
                    .lines()
                    .nth(line.checked_sub(source.line_offset + 1)?)
            })
            .and_then(|text| text.trim_start().trim_start_matches("- ").split(':').next())
            .map(str::trim)
            .unwrap_or("")
    } else {
        field
    };
    if expected == Some("expect-value") {
        return with_position(Diagnostic::new(path, "E065").arg("key", field), position);
    }
    // Text with `: ` in it, read as a mapping: `- Mở lớp: 9 lớp`.
    if expected == Some("expect-text")
        && found == "{…}"
        && let Some((line, column)) = position
        && let Some(text) = source
            .text
            .lines()
            .nth(line.saturating_sub(source.line_offset + 1))
    {
        let content = text.trim();
        let item = content.strip_prefix("- ").unwrap_or(content);
        // The value of the key the message names (`summary: Kết quả: tốt`), or the list item.
        let written = match (field.rsplit('.').next(), item.split_once(": ")) {
            (Some(key), Some((written_key, value)))
                if !key.is_empty() && written_key.trim_matches(['"', '\'']) == key =>
            {
                value.trim_start()
            }
            _ => item,
        };
        if written.contains(": ") && !written.starts_with(['{', '[', '"', '\'']) {
            let prefix = &content[..content.len() - written.len()];
            return Diagnostic::new(path, "E038")
                .arg("written", written)
                .arg(
                    "fixed",
                    format!("{prefix}\"{}\"", written.replace('"', "\\\"")),
                )
                .at(line, column);
        }
    }
    match expected {
        Some(expected) => with_position(
            Diagnostic::new(path, "E022")
                .arg("field", field)
                .nested("expected", Message::new(expected))
                .arg("found", found),
            position,
        ),
        None => with_position(
            Diagnostic::new(path, "E023")
                .arg("field", field)
                .arg("detail", detail.to_string()),
            position,
        ),
    }
}

/// The key an editor meant when writing it in Vietnamese (`tieu_de:` for `title:`).
fn vietnamese_key(written: &str) -> Option<&'static str> {
    let plain = crate::slug::slugify(written).replace('-', "_");
    Some(match plain.as_str() {
        "tieu_de" | "ten_bai" => "title",
        "ngay" | "ngay_dang" => "date",
        "tom_tat" | "mo_ta" => "summary",
        "tac_gia" | "nguoi_viet" => "author",
        "anh" | "hinh_anh" | "hinh" => "image",
        "the" | "nhan" => "tags",
        "don_vi" | "hoi" => "associations",
        "ky" => "period",
        "nhap" | "ban_nhap" => "draft",
        "ten" => "name",
        "ten_ngan" | "ten_viet_tat" => "short_name",
        "chi_tieu" => "metrics",
        "dia_diem" => "location",
        "chu_tri" => "host",
        "ke_hoach" => "plans",
        "noi_bat" => "highlights",
        _ => return None,
    })
}

/// What was written instead, from serde's `invalid type: string "x", expected …`.
fn found_words(detail: &str) -> String {
    detail
        .strip_prefix("invalid type: ")
        .or_else(|| detail.strip_prefix("invalid value: "))
        .and_then(|rest| rest.split(", expected").next())
        .map(|found| {
            found
                .replace("sequence", "[…]")
                .replace("map", "{…}")
                .replace("string ", "")
                .replace("integer ", "")
                .replace("floating point ", "")
                .replace("boolean ", "")
                .replace('`', "")
        })
        .unwrap_or_else(|| "?".to_string())
}

/// serde's `title: invalid type: …` → (`title`, `invalid type: …`); a message without a key
/// path → (``, message).
fn split_field(message: &str) -> (&str, &str) {
    match message.split_once(": ") {
        Some((field, rest))
            if !field.contains(' ')
                && !field.is_empty()
                && !field.starts_with("invalid")
                && !field.starts_with("unknown")
                && !field.starts_with("missing") =>
        {
            (field, rest)
        }
        _ => ("", message),
    }
}

/// The parser's own syntax errors (libyaml's scanner and parser).
fn is_syntax_error(message: &str) -> bool {
    [
        "while scanning",
        "while parsing",
        "did not find expected",
        "could not find expected",
        "mapping values are not allowed",
        "found character that cannot start any token",
        "found unexpected end of stream",
        "found undefined tag handle",
        "block sequence entries are not allowed",
        "found incompatible YAML document",
        "control characters are not allowed",
        "invalid leading UTF-8 octet",
        "invalid trailing UTF-8 octet",
    ]
    .iter()
    .any(|words| message.contains(words))
        && !message.contains("recursion limit exceeded")
}

/// "… while parsing a flow sequence at line 2 column 8": what was opened and where.
fn unclosed(message: &str) -> Option<(&'static str, usize, usize)> {
    let (line, column, at) = last_mark(message)?;
    let before = &message[..at];
    let what = if before.ends_with("while scanning a quoted scalar") {
        "open-quote"
    } else if before.ends_with("while parsing a flow sequence") {
        "open-bracket"
    } else if before.ends_with("while parsing a flow mapping") {
        "open-brace"
    } else {
        return None;
    };
    Some((what, line, column))
}

/// When the previous content line above `line` (a file line) is more indented: its indent.
fn deeper_line_above(source: &YamlSource, line: usize) -> Option<usize> {
    let index = line.checked_sub(source.line_offset + 1)?;
    let lines: Vec<&str> = source.text.lines().collect();
    let current = lines.get(index)?;
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let above = lines[..index]
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let above_content = above.trim_start();
    let above_indent = indent(above);
    (above_indent > indent(current)
        && !above_content.starts_with("- ")
        && !above_content.trim_end().ends_with(['|', '>']))
    .then_some(above_indent)
}

/// The last ` at line N column M` of a message: (N, M, where it starts).
fn last_mark(message: &str) -> Option<(usize, usize, usize)> {
    let at = message.rfind(" at line ")?;
    let mut words = message[at + " at line ".len()..].split(' ');
    let line = words.next()?.parse().ok()?;
    (words.next()? == "column").then_some(())?;
    let column = words
        .next()?
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    Some((line, column, at))
}

/// The line (1-based, in `text`) of a `---` that starts a second document.
fn second_document_line(text: &str) -> Option<usize> {
    let mut seen_content = false;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_end();
        if (trimmed == "---" || trimmed.starts_with("--- ")) && seen_content {
            return Some(index + 1);
        }
        if !trimmed.is_empty() && !trimmed.starts_with('#') && trimmed != "---" {
            seen_content = true;
        }
    }
    None
}

/// The parser writes positions into its messages (`… at line 3 column 1, while parsing …`):
/// the first is the diagnostic's own position and is dropped; later ones are made relative to
/// the file (front matter starts after the `---` line).
fn relocate_marks(message: &str, line_offset: usize) -> String {
    const AT_LINE: &str = " at line ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    let mut first = true;
    while let Some(index) = rest.find(AT_LINE) {
        let after = &rest[index + AT_LINE.len()..];
        let line_digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let Some(tail) = after[line_digits..].strip_prefix(" column ") else {
            out.push_str(&rest[..index + AT_LINE.len()]);
            rest = after;
            continue;
        };
        let column_digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&rest[..index]);
        if line_digits > 0 && column_digits > 0 && !first {
            let line: usize = after[..line_digits].parse().unwrap_or(0);
            out.push_str(&format!(
                "{AT_LINE}{} column {}",
                line.saturating_add(line_offset),
                &tail[..column_digits]
            ));
        }
        first = false;
        rest = &tail[column_digits..];
    }
    out.push_str(rest);
    out
}

/// The names between backticks in a serde message, in order.
fn quoted_names(message: &str) -> Vec<String> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The last line where `key:` starts a mapping entry (any depth): where a duplicate key sits.
fn locate_last_key(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let trimmed = line.trim_start();
            let content = trimmed.strip_prefix("- ").unwrap_or(trimmed);
            key_matches(content, key).then(|| (index + 1, line.len() - content.len() + 1))
        })
        .last()
}

/// Finds the line (1-based) and column (1-based) of a path of keys in block-style YAML, also
/// inside a flow mapping on one line (`metrics: { a: 1 }`). Best effort: used for messages only.
pub fn locate(text: &str, keys: &[&str]) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = 0;
    let mut parent_indent: isize = -1;
    let mut found = None;
    for (depth, key) in keys.iter().enumerate() {
        // A flow mapping on the parent line: search inside it.
        if depth > 0
            && let Some((line_index, _)) = found
        {
            let line: &str = lines[line_index];
            if let Some(brace) = line.find('{')
                && let Some(column) = find_key_in(&line[brace..], key)
            {
                found = Some((line_index, brace + column));
                continue;
            }
        }
        let mut hit = None;
        // A nested key is a direct child of its parent: at the indentation of the block's first
        // line (or of the content of its first list item), not a grandchild of the same name
        // (`cross_scores: { a: { b: … }, b: { … } }` written in block style).
        let mut child: Option<(isize, isize)> = None;
        for (index, line) in lines.iter().enumerate().skip(start) {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = (line.len() - trimmed.len()) as isize;
            if index > start && indent <= parent_indent && depth > 0 {
                break;
            }
            let content = trimmed.strip_prefix("- ").unwrap_or(trimmed);
            let offset = line.len() - content.len();
            let (first, first_content) = *child.get_or_insert((indent, offset as isize));
            let direct = depth == 0 || indent == first || indent == first_content;
            if direct && indent > parent_indent && key_matches(content, key) {
                hit = Some((index, offset));
                break;
            }
        }
        let (index, offset) = hit?;
        parent_indent = offset as isize;
        start = index + 1;
        found = Some((index, offset));
    }
    // Columns count characters, as every other position blocpress shows (a flow mapping may hold
    // Vietnamese text before the key).
    found.map(|(line, col)| (line + 1, lines[line][..col].chars().count() + 1))
}

fn key_matches(content: &str, key: &str) -> bool {
    for quote in ["", "\"", "'"] {
        if let Some(rest) = content.strip_prefix(quote)
            && let Some(rest) = rest.strip_prefix(key)
            && let Some(rest) = rest.strip_prefix(quote)
            && rest.trim_start().starts_with(':')
        {
            return true;
        }
    }
    false
}

/// Column (0-based) of `key:` inside a flow mapping text.
fn find_key_in(flow: &str, key: &str) -> Option<usize> {
    // An empty key (`"": 1`) would be "found" at the same place forever.
    if key.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(position) = flow[from..].find(key) {
        let at = from + position;
        let before = flow[..at].trim_end_matches(['"', '\'']);
        let after = flow[at + key.len()..].trim_start_matches(['"', '\'']);
        if (before.ends_with('{') || before.ends_with(',') || before.ends_with(' '))
            && after.trim_start().starts_with(':')
        {
            let quote_len = flow[..at].len() - before.len();
            return Some(at - quote_len);
        }
        from = at + key.len();
    }
    None
}

/// The scalar written after the key that starts at (line, col), without comment or trailing comma.
fn raw_scalar_after_key(text: &str, line: usize, col: usize) -> Option<&str> {
    let line_text = text.lines().nth(line - 1)?;
    // `col` counts characters (`{ tên: "Hội", số: 95,5 }`): find its byte.
    let start = line_text
        .char_indices()
        .nth(col - 1)
        .map_or(line_text.len(), |(i, _)| i);
    let rest = &line_text[start..];
    let colon = rest.find(':')?;
    let value = rest[colon + 1..].trim_start();
    // A comma ends the value only inside braces: `a: 95,5` is the text "95,5".
    let in_flow = line_text[..start].contains('{');
    let end = if in_flow {
        value.find([',', '}', '#'])
    } else {
        value.find(" #")
    }
    .unwrap_or(value.len());
    let value = value[..end].trim_end();
    (!value.is_empty()).then_some(value)
}

/// A scalar's text (strings, numbers, booleans); `None` for null, sequences and mappings.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(tagged) => scalar_text(&tagged.value),
        _ => None,
    }
}

/// A visitor that keeps any scalar as text and refuses lists and mappings *while* the parser is
/// on the value, so the error carries the key's path and the value's line and column.
struct ScalarVisitor;

impl<'de> serde::de::Visitor<'de> for ScalarVisitor {
    /// `None` for null.
    type Value = Option<String>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("text (a single value), not a list or mapping")
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        // The same text `Value` gives a float (`1.5`, `.inf`).
        Ok(Some(serde_yaml::Number::from(v).to_string()))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    /// A tagged value (`!foo x`): its text, when it is a scalar.
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        use serde::de::{Error, VariantAccess};
        let (_, variant): (Value, _) = data.variant()?;
        let value: Value = variant.newtype_variant()?;
        match value {
            Value::Null => Ok(None),
            other => scalar_text(&other).map(Some).ok_or_else(|| {
                A::Error::custom("expected text (a single value), not a list or mapping")
            }),
        }
    }
}

/// serde helper: accepts any scalar and keeps its text, so `title: 2013` is the title "2013".
pub mod scalar_string {
    use serde::{Deserializer, de::Error};

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
        deserializer
            .deserialize_any(super::ScalarVisitor)?
            .ok_or_else(|| D::Error::custom("a value is required here, not an empty one"))
    }

    pub mod option {
        use serde::Deserializer;

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<String>, D::Error> {
            deserializer.deserialize_any(super::super::ScalarVisitor)
        }
    }
}

/// Converts free `extra` data to JSON for templates; YAML keys that are not strings are written as text.
pub fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into()
            } else if let Some(u) = n.as_u64() {
                u.into()
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(serde_json::Value::Null, serde_json::Value::Number)
            }
        }
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Sequence(items) => items.iter().map(to_json).collect(),
        Value::Mapping(map) => map
            .iter()
            .map(|(k, v)| (scalar_text(k).unwrap_or_default(), to_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        Value::Tagged(tagged) => to_json(&tagged.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn raw_values_are_found_after_vietnamese_text_on_their_line() {
        let text = "metrics:\n  a: { ghi_chú: \"Hội viên mới\", số: 95,5 }\n";
        let source = YamlSource::new(Path::new("a.yaml"), text);
        assert_eq!(source.raw_value(&["metrics", "a", "số"]), Some("95"));
        assert_eq!(source.locate(&["metrics", "a", "số"]), Some((2, 33)));
    }

    #[test]
    fn escapes_that_decode_to_forbidden_characters_are_found_at_their_backslash() {
        let cases = [
            ("title: \"Ra\\vmắt\"\n", Some((1, 11, '\u{B}'))),
            ("a: 1\nsummary: \"Tóm tắt \\0\"\n", Some((2, 19, '\u{0}'))),
            ("tags: [\"x\", \"\\uFFFF\"]\n", Some((1, 14, '\u{FFFF}'))),
            ("t: \"\\x0c\\f\"\n", Some((1, 5, '\u{C}'))),
            ("t: \"đa\n  dòng \\e\"\n", Some((2, 8, '\u{1B}'))),
            // Not escapes: plain and single-quoted scalars, comments, allowed escapes.
            ("path: C:\\video\\new\n", None),
            ("t: 'C:\\v' # \"\\v\"\n", None),
            ("t: Nói \"không\\v\"\n", None),
            ("t: \"tab\\there\\n\\\"\\u00e9\\N\"\n", None),
        ];
        for (text, expected) in cases {
            assert_eq!(forbidden_escape(text), expected, "{text:?}");
        }
        let source = YamlSource::new(Path::new("a.yaml"), "title: \"Ra\\vmắt\"\n");
        let error = from_str::<Value>(&source).unwrap_err();
        assert_eq!(error.code(), "E601");
        assert_eq!((error.line, error.column), (Some(1), Some(11)));
        // A block scalar holding what looks like an escape is text, not an error.
        let block = YamlSource::new(Path::new("a.yaml"), "t: |\n  \"C:\\v\"\n");
        assert!(from_str::<Value>(&block).is_ok());
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        title: String,
        #[serde(default)]
        count: u32,
    }

    fn parse(text: &str) -> Result<Item, Diagnostic> {
        from_str(&YamlSource {
            path: Path::new("x.yaml"),
            text,
            line_offset: 1,
        })
    }

    #[test]
    fn unknown_key_names_the_nearest_one_with_position() {
        let error = parse("title: a\ncuont: 3\n").unwrap_err();
        assert_eq!(error.line, Some(3), "{error}");
        assert!(
            error
                .text(crate::i18n::Language::En)
                .contains("unknown key `cuont`; did you mean `count`?"),
            "{error}"
        );
    }

    #[test]
    fn syntax_errors_say_what_editors_usually_did() {
        let tab = parse("title: a\n\tcount: 3\n").unwrap_err();
        assert!(
            tab.text(crate::i18n::Language::En)
                .to_lowercase()
                .contains("tab"),
            "{tab}"
        );
        let colon = parse("title: Hội nghị: kết quả\n").unwrap_err();
        assert!(
            colon.text(crate::i18n::Language::En).contains("in quotes"),
            "{colon}"
        );
        assert_eq!(colon.line, Some(2));
    }

    #[test]
    fn missing_key_is_reported_at_the_start() {
        let error = parse("count: 3\n").unwrap_err();
        assert!(
            error
                .text(crate::i18n::Language::En)
                .contains("missing required key `title`"),
            "{error}"
        );
        assert_eq!(error.line, Some(2));
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let error = parse("title: [a\ncount: 3\n").unwrap_err();
        assert!(error.line.is_some() && error.column.is_some(), "{error}");
    }

    #[test]
    fn alias_bomb_fails_fast() {
        let mut text =
            String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for i in 0..8u8 {
            let (prev, next) = ((b'a' + i) as char, (b'a' + i + 1) as char);
            text.push_str(&format!("{next}: &{next} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        }
        let result: Result<Value, _> = from_str(&YamlSource::new(Path::new("b.yaml"), &text));
        assert!(result.is_err());
    }

    #[test]
    fn locates_nested_keys_in_block_and_flow_style() {
        let text =
            "title: x\nmetrics:\n  conferences: 35\n  people: 534\ntargets: { people: 600 }\n";
        assert_eq!(locate(text, &["metrics", "people"]), Some((4, 3)));
        assert_eq!(locate(text, &["targets", "people"]), Some((5, 12)));
        assert_eq!(locate(text, &["metrics", "missing"]), None);
        let source = YamlSource::new(Path::new("x"), text);
        assert_eq!(source.raw_value(&["metrics", "people"]), Some("534"));
        assert_eq!(source.raw_value(&["targets", "people"]), Some("600"));
    }

    #[test]
    fn positions_inside_messages_follow_the_file() {
        let error = from_str::<Value>(&YamlSource {
            path: Path::new("x.md"),
            text: "title: [a\ncount: 3\n",
            line_offset: 1,
        })
        .unwrap_err();
        // Where the `[` opens, not where the parser gave up.
        assert_eq!((error.line, error.column), (Some(2), Some(8)), "{error}");
        assert_eq!(error.code(), "E018");
        assert_eq!(
            relocate_marks("x at line 3 column 1, while parsing at line 2 column 8", 1),
            "x, while parsing at line 3 column 8"
        );
    }

    #[test]
    fn a_list_where_text_belongs_is_reported_at_its_key() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Texts {
            #[serde(deserialize_with = "scalar_string::deserialize")]
            title: String,
            #[serde(default, deserialize_with = "scalar_list::deserialize")]
            tags: Vec<String>,
        }
        let parse = |text| {
            from_str::<Texts>(&YamlSource {
                path: Path::new("x.yaml"),
                text,
                line_offset: 1,
            })
        };
        let error = parse("tags: []\ntitle:\n  - a\n").unwrap_err();
        assert_eq!(error.message.text_arg("field"), Some("title"), "{error}");
        assert_eq!(error.line, Some(4), "{error}");
        let error = parse("title: a\ntags: [a, [b]]\n").unwrap_err();
        assert_eq!(error.message.text_arg("field"), Some("tags[1]"), "{error}");
        assert_eq!((error.line, error.column), (Some(3), Some(11)), "{error}");
        let error = parse("title: ~\n").unwrap_err();
        assert_eq!(error.code(), "E065", "{error}");
        let tagged = parse("title: a\ntags: !x [a, ~, b]\n").unwrap();
        assert_eq!(tagged.tags, ["a", "b"]);
        let ok = parse("title: !x 2013\ntags: 5\n").unwrap();
        assert_eq!(
            (ok.title.as_str(), ok.tags.as_slice()),
            ("2013", ["5".to_string()].as_slice())
        );
    }

    #[test]
    fn duplicate_keys_point_at_the_second_one() {
        let error = parse("title: a\ncount: 1\ntitle: b\n").unwrap_err();
        assert!(
            error.text(crate::i18n::Language::En).contains("duplicate"),
            "{error}"
        );
        assert_eq!(error.line, Some(4), "{error}");
    }

    #[test]
    fn several_documents_and_huge_numbers_are_explained() {
        let error = parse("title: a\n---\ntitle: b\n").unwrap_err();
        assert!(
            error
                .text(crate::i18n::Language::En)
                .contains("more than one YAML document"),
            "{error}"
        );
        let huge: Result<IndexMapForTest, _> = from_str(&YamlSource::new(
            Path::new("x.yaml"),
            "a: 99999999999999999999999999999999999999\n",
        ));
        let error = huge.unwrap_err();
        assert!(
            error.text(crate::i18n::Language::En).contains("too large"),
            "{error}"
        );
        assert_eq!(error.line, Some(1));
    }

    type IndexMapForTest = std::collections::BTreeMap<String, Value>;

    #[test]
    fn an_empty_key_is_not_searched_forever() {
        let text = "scores:\n  a: { \"\": 1, b: 2 }\n";
        assert_eq!(locate(text, &["scores", "a", ""]), None);
        assert_eq!(locate(text, &["scores", "a", "b"]), Some((2, 15)));
        // A direct child, not a grandchild of the same name written first.
        let text = "cross_scores:\n  a:\n    b: { x: 1 }\n  b:\n    a: { x: 2 }\n";
        assert_eq!(locate(text, &["cross_scores", "b", "a"]), Some((5, 5)));
        assert_eq!(locate(text, &["cross_scores", "a", "b"]), Some((3, 5)));
        let text = "groups:\n  - title: X\n    criteria:\n      - { id: a }\n";
        assert_eq!(locate(text, &["groups", "criteria"]), Some((3, 5)));
    }

    #[test]
    fn unknown_keys_are_all_reported_and_keys_inside_braces_stop_the_loop() {
        let source = YamlSource {
            path: Path::new("x.md"),
            text: "title: a\ntitel: b\ncuont: 3\n",
            line_offset: 1,
        };
        let (value, problems) = from_str_all::<Item>(&source);
        assert!(value.is_some());
        let lines: Vec<_> = problems.iter().map(|d| (d.code(), d.line)).collect();
        assert_eq!(lines, [("E010", Some(3)), ("E010", Some(4))]);
        // An unknown key inside braces: reported, and the entry holding it is not dropped.
        let text = "a: { title: x, bad: 1 }\n";
        let (value, problems) = from_str_all::<std::collections::BTreeMap<String, Item>>(
            &YamlSource::new(Path::new("y.yaml"), text),
        );
        assert!(value.is_none());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code(), "E010");
    }

    #[test]
    fn scalar_strings_accept_numbers() {
        #[derive(Deserialize)]
        struct T {
            #[serde(deserialize_with = "scalar_string::deserialize")]
            id: String,
        }
        let t: T = serde_yaml::from_str("id: 1.5").unwrap();
        assert_eq!(t.id, "1.5");
    }
}

/// serde helper: a list of scalars kept as text (`tags: [2013, Sơ kết]`); a single scalar is a
/// list of one. A nested list or mapping is refused at its own line and column.
pub mod scalar_list {
    use serde::de::{Deserializer, SeqAccess, Visitor};

    /// One item of the list: a scalar (null items are dropped).
    struct Item(Option<String>);

    impl<'de> serde::Deserialize<'de> for Item {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(super::ScalarVisitor).map(Item)
        }
    }

    struct ListVisitor;

    impl<'de> Visitor<'de> for ListVisitor {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list such as [a, b]")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut items = Vec::new();
            while let Some(Item(item)) = seq.next_element()? {
                items.extend(item);
            }
            Ok(items)
        }

        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }

        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }

        fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }

        fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }

        fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }

        fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
            Ok(vec![serde_yaml::Number::from(v).to_string()])
        }

        /// A tagged list or value (`!x [a, b]`): the tag is ignored, as for single values.
        fn visit_enum<A: serde::de::EnumAccess<'de>>(
            self,
            data: A,
        ) -> Result<Self::Value, A::Error> {
            use serde::de::{Error, VariantAccess};
            let (_, variant): (super::Value, _) = data.variant()?;
            match variant.newtype_variant::<super::Value>()? {
                super::Value::Null => Ok(Vec::new()),
                super::Value::Sequence(items) => items
                    .iter()
                    .filter(|item| !item.is_null())
                    .map(|item| {
                        super::scalar_text(item).ok_or_else(|| {
                            A::Error::custom(
                                "expected a list of texts, found a nested list or mapping",
                            )
                        })
                    })
                    .collect(),
                other => super::scalar_text(&other)
                    .map(|one| vec![one])
                    .ok_or_else(|| A::Error::custom("expected a list such as [a, b]")),
            }
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<String>, D::Error> {
        deserializer.deserialize_any(ListVisitor)
    }
}
