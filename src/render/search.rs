//! The client-side search index: one compact JSON file of news, members and reviews, written at
//! build time so search works from any static host. Text is folded the way readers type
//! without accents: diacritics removed and `đ` → `d` (which has no Unicode decomposition, so
//! NFD-based folding alone misses it), lowercased. `static/search.js` folds the query the same way.
//!
//! A library was considered: Pagefind leaves `đ` unfolded and brings about 180 crates;
//! elasticlunr has no Vietnamese pipeline. A few hundred bytes per entry need neither.

use rayon::prelude::*;
use serde::Serialize;

use super::views::Views;
use crate::model::Site;

#[derive(Serialize)]
struct Entry<'a> {
    /// Title as shown.
    t: &'a str,
    /// URL (root-relative, under the site's sub-path).
    u: String,
    /// Kind: `n` news, `a` association, `r` review.
    k: &'static str,
    /// Date or period, as shown.
    d: String,
    /// A short summary as shown.
    s: String,
    /// Folded extra words to match (tags, associations, …); the page folds `t` and `s` itself.
    x: String,
}

/// `Đại hội Hội Luật gia` → `dai hoi hoi luat gia`.
pub fn fold(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    let mut space = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

fn short(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => format!("{}…", &cut[..i]),
        _ => format!("{cut}…"),
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

pub fn index_json(views: &Views) -> String {
    let site: &Site = views.site;
    // News entries are most of the index: built in parallel (folding text is the costly part).
    let mut entries: Vec<Entry> = site
        .news
        .par_iter()
        .map(|item| {
            let summary = item.summary.as_deref().unwrap_or("");
            let associations: Vec<&str> = item
                .associations
                .iter()
                .filter_map(|s| site.association(s))
                .map(|a| a.short_name.as_str())
                .collect();
            Entry {
                t: &item.title,
                u: views.url(&format!("news/{}/", item.slug)),
                k: "n",
                d: crate::i18n::format_date(
                    item.date.date,
                    crate::i18n::DateStyle::Short,
                    site.config.language,
                ),
                s: short(summary, 160),
                // Title and summary are folded by the page itself (search.js): sending them
                // twice would nearly double the index a phone downloads.
                x: fold(&format!(
                    "{} {}",
                    item.tags.join(" "),
                    associations.join(" ")
                )),
            }
        })
        .collect();
    for association in &site.associations {
        let description = association
            .description
            .as_ref()
            .map(|d| strip_tags(&d.html))
            .unwrap_or_default();
        entries.push(Entry {
            t: &association.name,
            u: views.url(&format!("associations/{}/", association.slug)),
            k: "a",
            d: String::new(),
            s: short(description.trim(), 160),
            x: fold(&format!(
                "{} {} {}",
                association.name, association.short_name, description
            )),
        });
    }
    for period in site.periods.values() {
        let summary = period.summary.as_deref().unwrap_or("");
        entries.push(Entry {
            t: &period.title,
            u: views.url(&format!("reports/{}/", period.id)),
            k: "r",
            d: period.id.default_title(site.config.language),
            s: short(summary, 160),
            x: fold(&format!(
                "{} {} {}",
                period.title,
                period.id.default_title(site.config.language),
                summary
            )),
        });
    }
    for document in &site.documents {
        entries.push(Entry {
            t: &document.title,
            u: views.url(&format!("documents/{}/", document.slug)),
            k: "d",
            d: crate::i18n::format_date(
                document.date,
                crate::i18n::DateStyle::Short,
                site.config.language,
            ),
            s: format!("{} {}", document.kind, document.number),
            x: fold(&format!(
                "{} {} {} {}",
                document.number,
                document.kind,
                document.issuer,
                strip_tags(&document.body.html)
            )),
        });
    }
    let mut json = serde_json::to_string(&entries).unwrap_or_else(|_| String::from("[]"));
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_as_readers_type() {
        assert_eq!(fold("Học bổng"), "hoc bong");
        assert_eq!(fold("Đại hội ĐẠI BIỂU"), "dai hoi dai bieu");
        assert_eq!(fold("Hoà / hòa, thuỷ – thủy"), "hoa hoa thuy thuy");
        assert_eq!(fold("Ho\u{0323}\u{0302}i"), "hoi");
    }

    #[test]
    fn summaries_are_cut_at_a_word() {
        assert_eq!(short("một hai ba bốn năm", 10), "một hai…");
        assert_eq!(short("ngắn", 10), "ngắn");
        assert_eq!(
            strip_tags("<p>A &amp; <b>B</b></p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["A", "&", "B"]
        );
    }
}
