//! SVG files are documents a browser runs, not pictures: opened on their own they execute
//! `<script>`, event handlers (`onload=`), HTML inside `<foreignObject>`, and they load what
//! their references name. An SVG is published only when none of that is in it: it is parsed
//! with a real XML parser (roxmltree: entities expanded the way a browser expands them, with
//! its guards against entity bombs) and checked element by element, and the first active part
//! is an error naming the element and its line and column in the file.
//!
//! Kept: shapes, gradients, text, `<style>` without `@import` or outside `url()`, `<use>` and
//! links to fragments of the file itself (`href="#logo"`), raster images embedded as
//! `data:image/png|jpeg|gif|webp` URLs.

use std::ops::Range;

/// Why an SVG is not published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Active {
    /// What is active, as it is written in the file (`<script>`, `onload="…"`, `href="https://…"`).
    pub element: String,
    pub kind: ActiveKind,
    /// 1-based line and column (in characters) in the file.
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActiveKind {
    /// `<script>`, HTML elements, `<foreignObject>` and other elements that hold a page.
    Element,
    /// An `on…` attribute.
    Handler,
    /// A reference to anything outside the file (another file, a web address, `javascript:`).
    Reference,
    /// Not well-formed XML (a browser shows an error instead of the picture, or guesses).
    Unreadable,
}

impl ActiveKind {
    /// The catalogue id of the words for this kind.
    pub fn message_id(self) -> &'static str {
        match self {
            ActiveKind::Element => "svg-active-element",
            ActiveKind::Handler => "svg-active-handler",
            ActiveKind::Reference => "svg-active-reference",
            ActiveKind::Unreadable => "svg-unreadable",
        }
    }
}

const SVG: &str = "http://www.w3.org/2000/svg";

/// Elements that run code or hold a document of their own, whatever their namespace.
const ACTIVE_ELEMENTS: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
    "audio",
    "video",
    "frame",
    "frameset",
    "applet",
    "base",
    "meta",
    "link",
];

/// Attributes whose value is a URL (`xlink:href` is `href` in the XLink namespace).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "from",
    "to",
    "values",
];

/// A reference that stays in the file: a fragment, or an embedded raster image.
fn is_internal(url: &str) -> bool {
    let url = url.trim();
    if url.starts_with('#') || url.is_empty() {
        return true;
    }
    let lower = url.to_ascii_lowercase();
    ["png", "jpeg", "jpg", "gif", "webp"]
        .iter()
        .any(|kind| lower.starts_with(&format!("data:image/{kind};base64,")))
}

/// Whether CSS text loads anything from outside the file (`@import`, `url(…)` not a fragment).
fn css_loads(css: &str) -> Option<String> {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return Some("@import".to_string());
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("url(") {
        let inside = rest[at + 4..].trim_start().trim_start_matches(['"', '\'']);
        let end = inside.find([')', '"', '\'']).unwrap_or(inside.len());
        if !is_internal(&inside[..end]) {
            return Some(format!("url({})", &inside[..end]));
        }
        rest = &rest[at + 4..];
    }
    None
}

/// Checks an SVG's text; `Err` with its first active part.
pub fn check(text: &str) -> Result<(), Active> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: 1_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    let document = match roxmltree::Document::parse_with_options(text, options) {
        Ok(document) => document,
        Err(error) => {
            let pos = error.pos();
            return Err(Active {
                element: String::new(),
                kind: ActiveKind::Unreadable,
                line: pos.row,
                column: pos.col,
            });
        }
    };
    let at = |range: Range<usize>, element: String, kind: ActiveKind| {
        let pos = document.text_pos_at(range.start);
        Active {
            element,
            kind,
            line: pos.row,
            column: pos.col,
        }
    };
    for node in document.descendants() {
        if let Some(pi) = node.pi() {
            // `<?xml-stylesheet href="…"?>` loads a style sheet, or an XSLT program.
            return Err(at(
                node.range(),
                format!("<?{}?>", pi.target),
                ActiveKind::Reference,
            ));
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name();
        let local = name.name().to_ascii_lowercase();
        let namespace = name.namespace().unwrap_or("");
        let shown = format!("<{}>", name.name());
        // Anything but SVG is HTML or another language a browser may render (XHTML inside an
        // SVG runs its scripts).
        if ACTIVE_ELEMENTS.contains(&local.as_str()) || (namespace != SVG && !namespace.is_empty())
        {
            return Err(at(node.range(), shown, ActiveKind::Element));
        }
        if local == "style" {
            let css: String = node.descendants().filter_map(|n| n.text()).collect();
            if let Some(load) = css_loads(&css) {
                return Err(at(node.range(), load, ActiveKind::Reference));
            }
        }
        for attribute in node.attributes() {
            let attr = attribute.name().to_ascii_lowercase();
            let value = attribute.value();
            // The name as written, prefix included (`xlink:href`).
            let written = || {
                let name = text
                    .get(attribute.range_qname())
                    .unwrap_or(attribute.name());
                format!("{name}=\"{value}\"")
            };
            if attr.starts_with("on") {
                return Err(at(attribute.range(), written(), ActiveKind::Handler));
            }
            if URL_ATTRIBUTES.contains(&attr.as_str()) {
                // `from`, `to` and `values` of an animation are numbers or colours unless they
                // name something (`to="javascript:…"`).
                let names_something = !matches!(attr.as_str(), "from" | "to" | "values")
                    || value.contains([':', '/']);
                if names_something && !is_internal(value) {
                    return Err(at(attribute.range(), written(), ActiveKind::Reference));
                }
            }
            // An animation that rewrites a link or a handler (`<set attributeName="href" to=…>`).
            if attr == "attributename" {
                let target = value.to_ascii_lowercase();
                if target.ends_with("href") || target.starts_with("on") {
                    return Err(at(attribute.range(), written(), ActiveKind::Reference));
                }
            }
            if attr == "style"
                && let Some(load) = css_loads(value)
            {
                return Err(at(attribute.range(), load, ActiveKind::Reference));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(inner: &str) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"8\" height=\"8\">\n{inner}\n</svg>"
        )
    }

    #[test]
    fn plain_drawings_pass() {
        for inner in [
            "<rect width=\"8\" height=\"8\" fill=\"#c00\"/>",
            "<defs><linearGradient id=\"g\"><stop offset=\"0\"/></linearGradient></defs><rect fill=\"url(#g)\" style=\"fill: url('#g')\"/>",
            "<use href=\"#g\"/><use xlink:href=\"#g\"/><a href=\"#top\"><text>Khối</text></a>",
            "<style>.a { fill: red }</style><image href=\"data:image/png;base64,iVBORw0KGgo=\"/>",
            "<animate attributeName=\"opacity\" from=\"0\" to=\"1\" values=\"0;1\"/>",
        ] {
            assert_eq!(check(&svg(inner)), Ok(()), "{inner}");
        }
        let doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n";
        assert_eq!(check(&format!("{doctype}{}", svg("<g/>"))), Ok(()));
    }

    #[test]
    fn active_parts_are_named_where_they_are() {
        let cases = [
            (
                "<script>alert(1)</script>",
                "<script>",
                ActiveKind::Element,
                2,
                1,
            ),
            (
                "<g>\n  <rect onload=\"alert(1)\"/></g>",
                "onload=\"alert(1)\"",
                ActiveKind::Handler,
                3,
                9,
            ),
            (
                "<foreignObject><p>x</p></foreignObject>",
                "<foreignObject>",
                ActiveKind::Element,
                2,
                1,
            ),
            (
                "<image href=\"https://evil.example/x.png\"/>",
                "href=\"https://evil.example/x.png\"",
                ActiveKind::Reference,
                2,
                8,
            ),
            (
                "<a xlink:href=\"javascript:alert(1)\"><text>x</text></a>",
                "xlink:href=\"javascript:alert(1)\"",
                ActiveKind::Reference,
                2,
                4,
            ),
            (
                "<use href=\"other.svg#x\"/>",
                "href=\"other.svg#x\"",
                ActiveKind::Reference,
                2,
                6,
            ),
            (
                "<style>@import url(https://x.vn/a.css);</style>",
                "@import",
                ActiveKind::Reference,
                2,
                1,
            ),
            (
                "<rect style=\"fill: url(https://x.vn/p.svg#g)\"/>",
                "url(https://x.vn/p.svg#g)",
                ActiveKind::Reference,
                2,
                7,
            ),
            (
                "<set attributeName=\"href\" to=\"javascript:alert(1)\"/>",
                "attributeName=\"href\"",
                ActiveKind::Reference,
                2,
                6,
            ),
            (
                "<h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">x</h:script>",
                "<script>",
                ActiveKind::Element,
                2,
                1,
            ),
            (
                "<h:div xmlns:h=\"http://www.w3.org/1999/xhtml\">x</h:div>",
                "<div>",
                ActiveKind::Element,
                2,
                1,
            ),
        ];
        for (inner, element, kind, line, column) in cases {
            let found = check(&svg(inner)).unwrap_err();
            assert_eq!(
                (found.element.as_str(), found.kind, found.line, found.column),
                (element, kind, line, column),
                "{inner}"
            );
        }
        let stylesheet = format!(
            "<?xml-stylesheet href=\"evil.xsl\" type=\"text/xsl\"?>\n{}",
            svg("<g/>")
        );
        assert_eq!(check(&stylesheet).unwrap_err().kind, ActiveKind::Reference);
        // Entities are expanded before the check: a script hidden in one is found.
        let hidden = "<!DOCTYPE svg [<!ENTITY s \"<script>alert(1)</script>\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&s;</svg>";
        assert_eq!(check(hidden).unwrap_err().element, "<script>");
        // An entity bomb is refused by the parser, not expanded.
        let mut bomb = String::from("<!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\">");
        for (prev, next) in ('a'..='i').zip('b'..='j') {
            bomb.push_str(&format!(
                "<!ENTITY {next} \"{}\">",
                format!("&{prev};").repeat(10)
            ));
        }
        bomb.push_str("]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&j;</text></svg>");
        assert_eq!(check(&bomb).unwrap_err().kind, ActiveKind::Unreadable);
        assert_eq!(
            check("<svg><g></svg>").unwrap_err().kind,
            ActiveKind::Unreadable
        );
    }
}
