//! What helps a reader go on from a page: related news (same member, same tags), a table of
//! contents from a long text's heading ids, the redirect pages of old URLs and the feeds of a
//! member or a tag.

use serde::Serialize;

use crate::model::Site;

/// The number of related news on a news page.
pub const RELATED_ITEMS: usize = 4;
/// How far from an item, in each of its lists (a member's news, a tag's news), related news
/// are looked for: its neighbours in time, so an item of 2013 is shown news of 2013.
pub const RELATED_REACH: usize = 2;
/// A table of contents is shown from this many headings.
pub const TOC_MIN_HEADINGS: usize = 3;

/// The lists news item `i` is in (its members', its tags'), each newest first.
fn lists_of(site: &Site, i: usize) -> impl Iterator<Item = &[usize]> {
    let item = &site.news[i];
    let by_association = item
        .associations
        .iter()
        .filter_map(|a| site.index.news_by_association.get(a))
        .map(Vec::as_slice);
    let by_tag = item
        .tag_slugs
        .iter()
        .filter_map(|t| site.index.tag_by_slug.get(t))
        .map(|&t| site.tags[t].news.as_slice());
    by_association.chain(by_tag)
}

/// The news that could be shown as related to item `i`: within [`RELATED_REACH`] of it in one
/// of its lists.
fn candidates(site: &Site, i: usize) -> Vec<usize> {
    let mut found = Vec::new();
    for list in lists_of(site, i) {
        if let Ok(pos) = list.binary_search(&i) {
            let from = pos.saturating_sub(RELATED_REACH);
            let to = (pos + RELATED_REACH + 1).min(list.len());
            found.extend(list[from..to].iter().copied().filter(|&n| n != i));
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// Related news of item `i` (indexes into `site.news`), newest first: the closest in time of
/// the news that share a member or a tag with it, never itself.
pub fn related(site: &Site, i: usize) -> Vec<usize> {
    let mut found = candidates(site, i);
    // Closest in time (not in place in the list: that would change with every item added).
    let at = site.news[i].date.timestamp.as_second();
    found.sort_by_key(|&n| (site.news[n].date.timestamp.as_second().abs_diff(at), n));
    found.truncate(RELATED_ITEMS);
    found.sort_unstable();
    found
}

/// The news pages that may show item `i` among their related news (for `serve`).
pub fn shown_related_by(site: &Site, i: usize) -> Vec<usize> {
    candidates(site, i)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub id: String,
    /// Plain text of the heading (the template escapes it).
    pub title: String,
    /// 2 or 3.
    pub level: u8,
}

/// The `<h2 id>` and `<h3 id>` headings of rendered Markdown; empty when there are fewer than
/// [`TOC_MIN_HEADINGS`] (a short text needs no table of contents).
pub fn toc(html: &str) -> Vec<TocEntry> {
    let mut entries = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<h") {
        rest = &rest[start + 2..];
        let level = match rest.as_bytes().first() {
            Some(b'2') => 2,
            Some(b'3') => 3,
            _ => continue,
        };
        let Some(tag_end) = rest.find('>') else { break };
        let attributes = &rest[1..tag_end];
        let close = format!("</h{level}>");
        let Some(body_end) = rest.find(&close) else {
            break;
        };
        let inner = &rest[tag_end + 1..body_end];
        rest = &rest[body_end..];
        let Some(id) = attribute(attributes, "id") else {
            continue;
        };
        let title = unescape(&strip_tags(inner)).trim().to_string();
        if !title.is_empty() {
            entries.push(TocEntry {
                id: unescape(id),
                title,
                level,
            });
        }
    }
    if entries.len() < TOC_MIN_HEADINGS {
        entries.clear();
    }
    entries
}

fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = attributes.find(&needle)? + needle.len();
    let end = attributes[start..].find('"')?;
    Some(&attributes[start..start + end])
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toc_from_heading_ids_only_from_three() {
        let html = "<p>x</p><h2 id=\"ket-qua\">Kết quả &amp; <em>tồn tại</em></h2><h3 id=\"a\">A</h3>\
                    <h4 id=\"b\">B</h4><h2>no id</h2><h2 id=\"c\" class=\"x\">C</h2>";
        let toc = toc(html);
        assert_eq!(
            toc.iter()
                .map(|e| (e.id.as_str(), e.title.as_str(), e.level))
                .collect::<Vec<_>>(),
            [
                ("ket-qua", "Kết quả & tồn tại", 2),
                ("a", "A", 3),
                ("c", "C", 2)
            ]
        );
        assert!(super::toc("<h2 id=\"a\">A</h2><h2 id=\"b\">B</h2>").is_empty());
    }
}
