//! Line checks that find the mistakes office editors actually make in YAML, at the place of
//! the mistake, in words they understand: `hoi_nghi:15` (no space after the colon), `-Mở lớp`
//! (no space after the dash), `{ "1.1": 18,5 }` (a decimal comma inside braces), a line
//! indented one step off, a Tab. The parser reports these lines below, in its own jargon, or
//! not at all (`18,5` inside braces is two keys). Every check is one pass over the text.

/// Deeper flow nesting than any bloc file needs. The parser's own limit (128) is checked only
/// after it has scanned the whole file, and its scan is quadratic in the nesting depth
/// (200,000 `[` took 43 s), so the text is measured first.
pub const MAX_FLOW_DEPTH: usize = 64;

/// A mistake found by a line check: the diagnostic code, its position (1-based, within the
/// YAML text) and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub line: usize,
    pub column: usize,
    pub args: Vec<(&'static str, String)>,
}

impl Finding {
    fn new(code: &'static str, line: usize, column: usize) -> Self {
        Finding {
            code,
            line,
            column,
            args: Vec::new(),
        }
    }

    fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }
}

/// The part of a line before a comment (` #`), quotes respected roughly (enough for checks).
fn code_part(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => {
                // A quote starts a quoted scalar only at the start of a value.
                let before = line[..i].trim_end();
                if before.is_empty() || before.ends_with([':', ',', '[', '{', '-']) {
                    quote = Some(b);
                }
            }
            None if b == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') => {
                return &line[..i];
            }
            None => {}
        }
    }
    line
}

/// Always checked: flow nesting deeper than [`MAX_FLOW_DEPTH`], in one pass.
pub fn nesting(text: &str) -> Option<Finding> {
    let mut depth = 0usize;
    for (index, line) in text.lines().enumerate() {
        let code = code_part(line);
        let mut quote: Option<char> = None;
        for (column, c) in code.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if depth > 0 => quote = Some(c),
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some(
                            Finding::new("E013", index + 1, column + 1)
                                .arg("limit", MAX_FLOW_DEPTH.to_string()),
                        );
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

/// Always checked: `18,5` as a value inside `{ }` on one line. YAML reads it as the value 18
/// and a second key `5`, so the editor would be told about an unknown key `5`.
pub fn flow_decimal_comma(text: &str) -> Option<Finding> {
    for (index, line) in text.lines().enumerate() {
        let code = code_part(line);
        let Some(open) = code.find('{') else {
            continue;
        };
        let bytes = code.as_bytes();
        let mut i = open;
        let mut quote: Option<u8> = None;
        while i < bytes.len() {
            // Text in quotes is text: `"Hội nghị: 18,5 triệu"` is not a number.
            match quote {
                Some(q) if bytes[i] == q => {
                    quote = None;
                    i += 1;
                    continue;
                }
                Some(_) => {
                    i += 1;
                    continue;
                }
                None if bytes[i] == b'"' || bytes[i] == b'\'' => {
                    quote = Some(bytes[i]);
                    i += 1;
                    continue;
                }
                None => {}
            }
            if bytes[i] == b':' && bytes.get(i + 1) == Some(&b' ') {
                let start = i + 1 + code[i + 1..].len() - code[i + 1..].trim_start().len();
                let mut j = start;
                if bytes.get(j) == Some(&b'-') {
                    j += 1;
                }
                let digits = bytes[j..].iter().take_while(|b| b.is_ascii_digit()).count();
                if digits > 0 && bytes.get(j + digits) == Some(&b',') {
                    let after = &bytes[j + digits + 1..];
                    let more = after.iter().take_while(|b| b.is_ascii_digit()).count();
                    if more > 0 && !after.get(more).is_some_and(|b| b.is_ascii_alphanumeric()) {
                        let written = &code[start..j + digits + 1 + more];
                        return Some(
                            Finding::new("E031", index + 1, start + 1)
                                .arg("value", written)
                                .arg("fixed", written.replace(',', ".")),
                        );
                    }
                }
            }
            i += 1;
        }
    }
    None
}

/// Checked when a value has the wrong type: `metrics:` followed by `  conferences:35` and
/// more lines is one text to the parser ("conferences:35 participants"), which the editor
/// would be told is not a list of `key: value` lines. The missing space is the mistake:
/// E032 at or just below the line the value starts on.
pub fn missing_space_near(text: &str, line: usize) -> Option<Finding> {
    scan(text)
        .into_iter()
        .find(|f| f.code == "E032" && f.line >= line && f.line <= line + 1)
}

/// Checked when the parser failed, to say what the editor did: the findings near the line the
/// parser named (it reports a line or two below the mistake).
pub fn after_failure(text: &str, parser_line: Option<usize>) -> Option<Finding> {
    let findings = scan(text);
    let near = |f: &&Finding| match parser_line {
        Some(line) => f.line <= line && f.line + 3 >= line,
        None => true,
    };
    findings.iter().find(near).cloned()
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// What an indentation message quotes: the key of the line, else its first words.
fn line_key(content: &str) -> String {
    plain_key(content).map_or_else(|| content.chars().take(30).collect(), str::to_string)
}

/// The byte offset of `part`, a slice of `line`, in `line`.
fn offset_in(line: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(line.as_ptr() as usize)
}

/// `key:` at the start of `content` (a plain key of letters, digits, `_`, `-`, `.`).
fn plain_key(content: &str) -> Option<&str> {
    let end = content
        .find(|c: char| !(c.is_alphanumeric() || "_-.".contains(c)))
        .unwrap_or(content.len());
    (end > 0 && content[end..].starts_with(':')).then(|| &content[..end])
}

/// Where the quote that opens `value` (its first character, `q`) closes: `''` inside single
/// quotes and `\"` inside double quotes do not close it.
fn closing_quote(value: &str, q: char) -> Option<usize> {
    let mut chars = value.char_indices().skip(1).peekable();
    while let Some((at, c)) = chars.next() {
        if q == '"' && c == '\\' {
            chars.next();
        } else if c == q {
            if q == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
            } else {
                return Some(at);
            }
        }
    }
    None
}

fn scan(text: &str) -> Vec<Finding> {
    let lines: Vec<&str> = text.lines().collect();
    let mut findings = Vec::new();
    // Indents of the open block mappings and lists, innermost last.
    let mut stack: Vec<usize> = vec![0];
    let mut opens_block = false;
    let mut block_scalar: Option<usize> = None;
    let mut previous_indent = 0;
    let mut in_flow = 0isize;
    for (index, raw) in lines.iter().enumerate() {
        let number = index + 1;
        let code = code_part(raw).trim_end();
        if code.trim().is_empty() {
            continue;
        }
        // A Tab in the indentation.
        let lead = &raw[..raw.len() - raw.trim_start_matches([' ', '\t']).len()];
        if let Some(tab) = lead.find('\t') {
            findings.push(Finding::new("E015", number, tab + 1));
            continue;
        }
        let indent = indent_of(raw);
        if let Some(parent) = block_scalar {
            if indent > parent {
                continue;
            }
            block_scalar = None;
        }
        let content = code.trim_start();
        let flow_before = in_flow;
        let mut quote: Option<char> = None;
        for (at, c) in content.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if in_flow > 0 => quote = Some(c),
                (None, '[' | '{') => in_flow += 1,
                (None, ']' | '}') => {
                    in_flow -= 1;
                    if in_flow < 0 {
                        // A closing bracket with nothing open: `tags: [a, b]]`.
                        findings.push(
                            Finding::new("E037", number, indent_of(raw) + at + 1)
                                .arg("bracket", c.to_string()),
                        );
                        in_flow = 0;
                    }
                }
                _ => {}
            }
        }
        if flow_before > 0 {
            continue;
        }
        // Indentation: a line that lines up with none of the open blocks.
        while stack.len() > 1 && indent < *stack.last().unwrap() {
            stack.pop();
        }
        let top = *stack.last().unwrap();
        if indent > top {
            if opens_block {
                stack.push(indent);
            } else if plain_key(content).is_some() || content.starts_with("- ") {
                findings.push(
                    Finding::new("E034", number, indent + 1)
                        .arg("spaces", previous_indent.to_string())
                        .arg("key", line_key(content)),
                );
            }
        } else if indent < top {
            // Between two levels: lines up with neither.
            findings.push(
                Finding::new("E034", number, indent + 1)
                    .arg("spaces", top.to_string())
                    .arg("key", line_key(content)),
            );
        }
        let item = content.strip_prefix("- ").unwrap_or(content);
        findings.extend(dash_without_space(&lines, index, indent, content));
        findings.extend(colon_without_space(raw, item, number));
        findings.extend(text_after_quote(raw, item, number));
        // A line of text among `key: value` lines, with no colon: `title2`.
        if indent == top
            && in_flow == 0
            && !content.starts_with('-')
            && !content.contains(':')
            && !opens_block
            && index > 0
            && lines[..index]
                .iter()
                .rev()
                .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .is_some_and(|l| indent_of(l) == indent && plain_key(l.trim_start()).is_some())
        {
            findings.push(
                Finding::new("E035", number, indent + 1)
                    .arg("written", content.chars().take(40).collect::<String>()),
            );
        }
        opens_block = content.ends_with(':');
        if content.ends_with('|')
            || content.ends_with('>')
            || content.ends_with("|-")
            || content.ends_with(">-")
        {
            block_scalar = Some(indent);
        }
        previous_indent = indent;
    }
    findings
}

/// `-item` among `- item` siblings.
fn dash_without_space(
    lines: &[&str],
    index: usize,
    indent: usize,
    content: &str,
) -> Option<Finding> {
    let number = index + 1;
    if content.starts_with('-')
        && !content.starts_with("- ")
        && !content.starts_with("--")
        && content.len() > 1
        && !content[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.')
    {
        let sibling = |i: usize| {
            lines
                .get(i)
                .is_some_and(|l| indent_of(l) == indent && l.trim_start().starts_with("- "))
        };
        if (index > 0 && sibling(index - 1)) || sibling(index + 1) {
            return Some(
                Finding::new("E033", number, indent + 1)
                    .arg("written", content.chars().take(30).collect::<String>())
                    .arg(
                        "fixed",
                        format!("- {}", content[1..].chars().take(30).collect::<String>()),
                    ),
            );
        }
    }
    None
}

/// `key:value` with no space after the colon.
fn colon_without_space(raw: &str, item: &str, number: usize) -> Option<Finding> {
    if let Some(key) = plain_key(item)
        && let Some(after) = item[key.len() + 1..].chars().next()
        && !after.is_whitespace()
        && !matches!(after, '/' | ':')
        && !key.chars().all(|c| c.is_ascii_digit())
    {
        // `item` ends before a comment: count from where it starts, not from the line's end.
        let column = offset_in(raw, item) + 1;
        let written: String = item.chars().take(40).collect();
        return Some(
            Finding::new("E032", number, column + key.len())
                .arg("written", written)
                .arg("fixed", format!("{key}: {}", &item[key.len() + 1..])),
        );
    }
    None
}

/// A value in quotes with more text after its closing quote: `'Hội nghị 'Sơ kết''`.
fn text_after_quote(raw: &str, item: &str, number: usize) -> Option<Finding> {
    if let Some(key) = plain_key(item) {
        let value = item[key.len() + 1..].trim_start();
        if let Some(q) = value.chars().next().filter(|c| *c == '\'' || *c == '"')
            && let Some(close) = closing_quote(value, q)
            && !value[close + 1..].trim().is_empty()
            && !value[close + 1..].trim_start().starts_with('#')
        {
            let inner = value[1..].strip_suffix(q).unwrap_or(&value[1..]);
            let fixed = if q == '\'' {
                format!(
                    "{key}: \"{}\"",
                    inner.replace("''", "'").replace('"', "\\\"")
                )
            } else {
                format!(
                    "{key}: '{}'",
                    inner.replace("\\\"", "\"").replace('\'', "''")
                )
            };
            let column = offset_in(raw, value) + 1;
            return Some(
                Finding::new("E036", number, column)
                    .arg("written", value.chars().take(40).collect::<String>())
                    .arg("fixed", fixed),
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_usual_mistakes_where_they_are() {
        let f = after_failure("metrics:\n  a: 1\n  hoi_nghi:15\n  b: 2\n", Some(4)).unwrap();
        assert_eq!((f.code, f.line, f.column), ("E032", 3, 11));
        let f = after_failure("text:\n  - a\n  -Mở 9 lớp\n  - b\n", Some(5)).unwrap();
        assert_eq!((f.code, f.line), ("E033", 3));
        let f = after_failure("a:\n  b: 1\n c: 2\n", Some(3)).unwrap();
        assert_eq!((f.code, f.line), ("E034", 3));
        assert_eq!(f.args[0].1, "2");
        let f = after_failure("title: 'Hội nghị 'Sơ kết''\ndate: x\n", Some(1)).unwrap();
        assert_eq!((f.code, f.line, f.column), ("E036", 1, 8));
        assert_eq!(f.args[1].1, "title: \"Hội nghị 'Sơ kết'\"");
        let f = after_failure("title: a\ndate: b\ntitle2\n", Some(4)).unwrap();
        assert_eq!((f.code, f.line), ("E035", 3));
        let f = after_failure("title: a\ntags: [a, b]]\n", Some(2)).unwrap();
        assert_eq!((f.code, f.line, f.column), ("E037", 2, 13));
        let f = flow_decimal_comma("scores:\n  x: { \"1.1\": 18,5, \"1.2\": 3 }\n").unwrap();
        assert_eq!((f.code, f.line, f.column), ("E031", 2, 15));
        assert_eq!(f.args[0].1, "18,5");
        assert!(flow_decimal_comma("a: { b: 1, c: 2 }\ntags: [2013,2014]\n").is_none());
        assert!(flow_decimal_comma("a: { title: \"Hội nghị: 18,5 triệu\", b: 1 }\n").is_none());
        assert!(flow_decimal_comma("a: { title: 'x: 1,5', b: 2 }\n").is_none());
        let f = flow_decimal_comma("a: { points: -1,5, reason: x }\n").unwrap();
        assert_eq!(f.args[1].1, "-1.5");
    }

    #[test]
    fn deep_nesting_is_found_in_linear_time() {
        let text = format!("extra: {}\n", "[".repeat(200_000));
        let started = std::time::Instant::now();
        let f = nesting(&text).unwrap();
        assert_eq!((f.line, f.column), (1, 8 + MAX_FLOW_DEPTH));
        assert!(started.elapsed().as_millis() < 500);
        assert!(nesting("a: [1, [2, {b: 3}]]\nc: \"[[[[\"\n").is_none());
    }
}
