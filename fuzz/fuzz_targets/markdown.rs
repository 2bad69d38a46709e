//! Markdown rendering with blocpress's extensions (heading ids, figures, `@/` links, sub-path
//! links, footnote ids, raw HTML neutralised), block and inline, at the root and under a
//! sub-path, with raw HTML off and on.
//!
//! Beyond "no panic, no hang": with raw HTML off, the output holds only the tags the renderer
//! itself writes, no event-handler attributes and no `javascript:`/`data:` links; problems
//! point at lines of the text.

#![no_main]

use std::collections::HashMap;

use blocpress::markdown::{MarkdownContext, Rendered, render, render_inline};
use libfuzzer_sys::fuzz_target;

/// Every element the renderer (pulldown-cmark and our figure and table wrappers) writes.
const OWN_TAGS: &[&str] = &[
    "a", "blockquote", "br", "code", "del", "div", "em", "figcaption", "figure", "h2", "h3", "h4",
    "h5", "h6", "hr", "img", "input", "li", "ol", "p", "pre", "section", "strong", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul", "span", "dl", "dt", "dd",
];

fn assert_safe(html: &str, text: &str) {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let tag_text = &rest[open + 1..];
        let end = tag_text.find('>').unwrap_or(tag_text.len());
        let tag = &tag_text[..end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(
            OWN_TAGS.contains(&name.as_str()),
            "raw tag <{tag}> in output of {text:?}:\n{html}"
        );
        // Attributes: quoted values only, no event handlers, no script URLs.
        let lower = tag.to_ascii_lowercase();
        let mut in_quotes = false;
        let mut outside = String::new();
        for c in lower.chars() {
            if c == '"' {
                in_quotes = !in_quotes;
            } else if !in_quotes {
                outside.push(c);
            }
        }
        assert!(
            !outside.split_whitespace().any(|w| w.starts_with("on")),
            "event handler in <{tag}> from {text:?}"
        );
        for attribute in ["href=\"", "src=\""] {
            if let Some(at) = lower.find(attribute) {
                let value: String = lower[at + attribute.len()..]
                    .chars()
                    .take_while(|&c| c != '"')
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                    .collect();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(
                        !value.starts_with(scheme),
                        "{scheme} URL in <{tag}> from {text:?}"
                    );
                }
            }
        }
        rest = &tag_text[end..];
    }
}

fn assert_lines(rendered: &Rendered, text: &str) {
    let lines = text.split('\n').count();
    for problem in &rendered.problems {
        assert!(
            problem.line >= 1 && problem.line <= lines,
            "problem at line {} of {lines}: {}",
            problem.line,
            problem.message
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let links = HashMap::from([
        (
            String::from("pages/gioi-thieu.md"),
            String::from("/khoi/gioi-thieu/"),
        ),
        (
            String::from("news/2013/so-ket.md"),
            String::from("/khoi/news/so-ket/"),
        ),
    ]);
    for base_path in ["/", "/khoi/"] {
        for unsafe_html in [false, true] {
            let context = MarkdownContext {
                links: &links,
                base_path,
                unsafe_html,
            };
            let block = render(text, &context);
            let inline = render_inline(text, &context);
            assert_lines(&block, text);
            if !unsafe_html {
                assert_safe(&block.html, text);
                assert_safe(&inline.html, text);
            }
        }
    }
});
