//! The client-side full-text search index, written at build time so search works from any
//! static host. Like Pagefind, it is split so a reader downloads only what a query needs:
//!
//! - `search/index.json`: the number of documents, a version hash and the first word of each
//!   chunk of the word list (a few KB even at 50,000 news);
//! - `search/c/<n>.json`: a chunk of the sorted word list, each word with the documents that
//!   contain it in their title and elsewhere (delta-coded ids);
//! - `search/d/<id>.json`: one document's title, URL, kind, date and plain text, loaded only for
//!   the results shown (the snippet is cut from that text in the page).
//!
//! Words are folded the way readers type without accents: diacritics removed and `đ` → `d`
//! (which has no Unicode decomposition, so NFD-based folding alone misses it), lowercased.
//! `static/search.js` folds the query the same way. Pagefind was measured against this on the
//! same sites (BENCHMARKS.md): it leaves `đ` unfolded, so `dai hoi` does not find `Đại hội`.
//!
//! What is indexed is a flat list of [`SearchDoc`]: adding a kind of content is one more
//! `docs.extend(...)` in [`documents`].

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::views::Views;
use crate::model::Site;

/// The path of the small file the page loads first.
pub const META_PATH: &str = "search/index.json";
/// Output files under these folders are written by the search job alone.
pub const PART_PREFIXES: [&str; 2] = ["search/c/", "search/d/"];
/// A chunk of the word list is closed once its JSON passes this size.
const CHUNK_BYTES: usize = 24 * 1024;
/// Plain text kept per document for snippets.
const TEXT_CHARS: usize = 12_000;

/// One searchable document.
pub struct SearchDoc {
    /// Root-relative URL under the site's sub-path.
    pub url: String,
    pub title: String,
    /// `n` news, `p` page, `a` association, `r` review (a period's report), `d` document.
    pub kind: &'static str,
    /// Date or period, as shown.
    pub date: String,
    /// A short summary as shown when the match is not in the text.
    pub summary: String,
    /// The plain text readers search and the snippet is cut from.
    pub text: String,
    /// More words to match that are not shown (tags, members' names).
    pub keywords: String,
}

/// `Đại hội Hội Luật gia` → `dai hoi hoi luat gia`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
        } else {
            space = true;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c, &mut out);
        } else {
            // One character at a time: no copy of the whole text (bodies are most of a site).
            for a in deunicode::deunicode_char(c).unwrap_or(" ").chars() {
                push(a, &mut out);
            }
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

/// The text of rendered HTML, entities decoded, whitespace collapsed: one pass, as it runs
/// over every body of the site.
pub fn strip_tags(html: &str) -> String {
    const ENTITIES: [(&str, char); 5] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
    ];
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut space = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let mut len = c.len_utf8();
        let mut shown = None;
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                space = true;
            }
            _ if in_tag => {}
            '&' => match ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
                Some((entity, decoded)) => {
                    len = entity.len();
                    shown = Some(*decoded);
                }
                None => shown = Some('&'),
            },
            c if c.is_whitespace() => space = true,
            c => shown = Some(c),
        }
        if let Some(c) = shown {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
        rest = &rest[len..];
    }
    out
}

/// Everything the site lets readers search: news, pages, members, reviews.
pub fn documents(views: &Views) -> Vec<SearchDoc> {
    let site: &Site = views.site;
    let language = site.config.language;
    let mut docs: Vec<SearchDoc> = site
        .news
        .par_iter()
        .map(|item| {
            let associations: Vec<&str> = item
                .associations
                .iter()
                .filter_map(|s| site.association(s))
                .flat_map(|a| [a.short_name.as_str(), a.name.as_str()])
                .collect();
            let summary = item.summary.as_deref().unwrap_or("");
            SearchDoc {
                url: views.url(&format!("news/{}/", item.slug)),
                title: item.title.clone(),
                kind: "n",
                date: crate::i18n::format_date(
                    item.date.date,
                    crate::i18n::DateStyle::Short,
                    language,
                ),
                summary: short(summary, 160),
                text: format!("{summary} {}", strip_tags(&item.body.html)),
                keywords: format!("{} {}", item.tags.join(" "), associations.join(" ")),
            }
        })
        .collect();
    docs.extend(site.documents.iter().map(|document| SearchDoc {
        url: views.url(&format!("documents/{}/", document.slug)),
        title: document.title.clone(),
        kind: "d",
        date: crate::i18n::format_date(document.date, crate::i18n::DateStyle::Short, language),
        summary: format!("{} {}", document.kind, document.number),
        text: strip_tags(&document.body.html),
        keywords: format!("{} {} {}", document.number, document.kind, document.issuer),
    }));
    docs.extend(site.pages.iter().map(|page| {
        let text = strip_tags(&page.body.html);
        SearchDoc {
            url: views.url(&format!("{}/", page.slug)),
            title: page.title.clone(),
            kind: "p",
            date: String::new(),
            summary: short(&text, 160),
            text,
            keywords: String::new(),
        }
    }));
    docs.extend(site.associations.iter().map(|association| {
        let text = association
            .description
            .as_ref()
            .map(|d| strip_tags(&d.html))
            .unwrap_or_default();
        SearchDoc {
            url: views.url(&format!("associations/{}/", association.slug)),
            title: association.name.clone(),
            kind: "a",
            date: String::new(),
            summary: short(&text, 160),
            text,
            keywords: association.short_name.clone(),
        }
    }));
    docs.extend(site.periods.values().map(|period| {
        let summary = period.summary.as_deref().unwrap_or("");
        let narrative = period
            .narrative
            .as_ref()
            .map(|m| strip_tags(&m.html))
            .unwrap_or_default();
        SearchDoc {
            url: views.url(&format!("reports/{}/", period.id)),
            title: period.title.clone(),
            kind: "r",
            date: period.id.default_title(language),
            summary: short(summary, 160),
            text: format!("{summary} {narrative}"),
            keywords: period.id.default_title(language),
        }
    }));
    docs
}

#[derive(Serialize)]
struct Meta<'a> {
    /// Format version.
    v: u32,
    /// Number of documents.
    n: usize,
    /// A hash of the index: the page asks for `?h` so a browser never mixes two builds.
    h: String,
    /// The first word of each chunk, in order.
    c: Vec<&'a str>,
}

#[derive(Serialize)]
struct Fragment<'a> {
    t: &'a str,
    u: &'a str,
    k: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    d: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    s: &'a str,
    x: String,
}

/// Document ids (ascending) as deltas from the previous one: small numbers gzip well.
fn deltas(ids: &[u32]) -> Vec<u32> {
    let mut previous = 0;
    ids.iter()
        .map(|&id| {
            let d = id - previous;
            previous = id;
            d
        })
        .collect()
}

/// The words of one document, folded, each once and sorted, joined by spaces: (in the title,
/// elsewhere only).
type Words = (Box<str>, Box<str>);

/// Documents' words by a hash of their text, kept by the renderer between `serve`'s rebuilds:
/// folding every body is most of the search job, and an edit changes one document.
#[derive(Default)]
pub struct Cache {
    words: std::sync::Mutex<HashMap<u64, std::sync::Arc<Words>>>,
}

fn text_hash(doc: &SearchDoc) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    (&doc.title, &doc.text, &doc.keywords).hash(&mut hasher);
    hasher.finish()
}

fn words_of(doc: &SearchDoc) -> Words {
    let title_text = fold(&doc.title);
    let mut title: Vec<&str> = title_text.split(' ').filter(|w| !w.is_empty()).collect();
    title.sort_unstable();
    title.dedup();
    let rest_text = fold(&format!("{} {}", doc.text, doc.keywords));
    let mut rest: Vec<&str> = rest_text
        .split(' ')
        .filter(|w| !w.is_empty() && w.len() <= 40)
        .collect();
    rest.sort_unstable();
    rest.dedup();
    rest.retain(|w| title.binary_search(w).is_err());
    (title.join(" ").into(), rest.join(" ").into())
}

/// word → (ids whose title has it, ids that have it elsewhere only).
type Postings<'a> = rustc_hash::FxHashMap<&'a str, (Vec<u32>, Vec<u32>)>;

/// The word-list chunks and the small file that names them: (path, contents). Built in
/// parallel parts merged at the end, so only the vocabulary and the ids are held at once.
pub fn index_files(docs: &[SearchDoc], cache: &Cache) -> Vec<(String, String)> {
    let previous = std::mem::take(&mut *cache.words.lock().unwrap_or_else(|e| e.into_inner()));
    let doc_words: Vec<(u64, std::sync::Arc<Words>)> = docs
        .par_iter()
        .map(|doc| {
            let key = text_hash(doc);
            let words = previous
                .get(&key)
                .cloned()
                .unwrap_or_else(|| std::sync::Arc::new(words_of(doc)));
            (key, words)
        })
        .collect();
    drop(previous);
    let words: Postings = doc_words
        .par_iter()
        .enumerate()
        .fold(Postings::default, |mut map, (id, (_, words))| {
            let (title, rest) = &**words;
            for w in title.split(' ').filter(|w| !w.is_empty()) {
                map.entry(w).or_default().0.push(id as u32);
            }
            for w in rest.split(' ').filter(|w| !w.is_empty()) {
                map.entry(w).or_default().1.push(id as u32);
            }
            map
        })
        .reduce(Postings::default, |mut a, b| {
            if a.len() < b.len() {
                return merge(b, a);
            }
            for (w, (t, r)) in b {
                let entry = a.entry(w).or_default();
                entry.0.extend(t);
                entry.1.extend(r);
            }
            a
        });
    let mut sorted: Vec<_> = words.into_iter().collect();
    sorted.par_sort_unstable_by(|a, b| a.0.cmp(b.0));

    let mut files = Vec::new();
    let mut firsts: Vec<&str> = Vec::new();
    let mut chunk = String::from("{");
    let flush = |chunk: &mut String, files: &mut Vec<(String, String)>| {
        chunk.push('}');
        files.push((
            format!("search/c/{}.json", files.len()),
            std::mem::take(chunk),
        ));
        chunk.push('{');
    };
    for (word, (title, rest)) in &mut sorted {
        if chunk.len() > CHUNK_BYTES {
            flush(&mut chunk, &mut files);
        }
        if chunk.len() == 1 {
            firsts.push(word);
        } else {
            chunk.push(',');
        }
        // Parallel parts come back in any order.
        title.sort_unstable();
        rest.sort_unstable();
        let entry = serde_json::json!([deltas(title), deltas(rest)]);
        chunk.push_str(&format!("\"{word}\":{entry}"));
    }
    if chunk.len() > 1 || files.is_empty() {
        if chunk.len() == 1 {
            firsts.push("");
        }
        flush(&mut chunk, &mut files);
    }
    let hash = {
        // FNV-1a over the chunks: enough to tell two builds apart.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (_, text) in &files {
            for b in text.bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{:x}", h & 0xffff_ffff)
    };
    let meta = Meta {
        v: 2,
        n: docs.len(),
        h: hash,
        c: firsts,
    };
    let mut json = serde_json::to_string(&meta).unwrap_or_default();
    json.push('\n');
    files.push((META_PATH.to_string(), json));
    drop(sorted);
    *cache.words.lock().unwrap_or_else(|e| e.into_inner()) = doc_words.into_iter().collect();
    files
}

fn merge<'a>(mut a: Postings<'a>, b: Postings<'a>) -> Postings<'a> {
    for (w, (t, r)) in b {
        let entry = a.entry(w).or_default();
        entry.0.extend(t);
        entry.1.extend(r);
    }
    a
}

/// Document `id`'s fragment: (path, contents), what the page shows of a result.
pub fn fragment_file(id: usize, doc: &SearchDoc) -> (String, String) {
    let fragment = Fragment {
        t: &doc.title,
        u: &doc.url,
        k: doc.kind,
        d: &doc.date,
        s: &doc.summary,
        x: doc.text.trim().chars().take(TEXT_CHARS).collect(),
    };
    let json = serde_json::to_string(&fragment).unwrap_or_else(|_| String::from("{}"));
    (format!("search/d/{id}.json"), json)
}

/// Whether an output file is a part of the search index (written by the search job only).
pub fn is_part(path: &str) -> bool {
    PART_PREFIXES.iter().any(|p| path.starts_with(p))
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
        assert_eq!(strip_tags("<p>A &amp; <b>B</b></p>"), "A & B");
        assert_eq!(
            strip_tags("<h2 id=\"x\">Kết&nbsp;quả</h2>\n<p>&lt;script&gt; &quot;a&#39;b\tc</p>"),
            "Kết&nbsp;quả <script> \"a'b c"
        );
        assert_eq!(strip_tags("a<br>b"), "a b");
    }

    fn doc(title: &str, text: &str) -> SearchDoc {
        SearchDoc {
            url: format!("/{}/", fold(title).replace(' ', "-")),
            title: title.into(),
            kind: "n",
            date: String::new(),
            summary: String::new(),
            text: text.into(),
            keywords: String::new(),
        }
    }

    #[test]
    fn words_point_to_documents_in_title_and_text() {
        let docs = [
            doc("Đại hội", "Hiến <pháp> sửa đổi"),
            doc("Hiến pháp", "đại biểu"),
            doc("Khác", "hiến máu"),
        ];
        let mut files = index_files(&docs, &Cache::default());
        files.extend(docs.iter().enumerate().map(|(id, d)| fragment_file(id, d)));
        let chunk = &files
            .iter()
            .find(|(p, _)| p == "search/c/0.json")
            .unwrap()
            .1;
        let words: serde_json::Value = serde_json::from_str(chunk).unwrap();
        // title ids, then other ids, delta-coded: "hien" is in doc 1's title, docs 0 and 2's text.
        assert_eq!(words["hien"], serde_json::json!([[1], [0, 2]]));
        assert_eq!(words["dai"], serde_json::json!([[0], [1]]));
        let meta = &files.iter().find(|(p, _)| p == META_PATH).unwrap().1;
        let meta: serde_json::Value = serde_json::from_str(meta).unwrap();
        assert_eq!(meta["n"], 3);
        assert_eq!(meta["c"][0], "bieu");
        let fragment = &files
            .iter()
            .find(|(p, _)| p == "search/d/0.json")
            .unwrap()
            .1;
        assert!(
            fragment.contains(r#""x":"Hiến <pháp> sửa đổi""#),
            "{fragment}"
        );
    }

    #[test]
    fn large_word_lists_are_split_into_sorted_chunks() {
        let docs: Vec<SearchDoc> = (0..3000)
            .map(|i| doc(&format!("tin {i}"), &format!("w{i}a w{i}b w{i}c")))
            .collect();
        let files = index_files(&docs, &Cache::default());
        let meta: serde_json::Value = serde_json::from_str(&files.last().unwrap().1).unwrap();
        let firsts: Vec<&str> = meta["c"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(firsts.len() > 2, "{firsts:?}");
        assert!(firsts.windows(2).all(|w| w[0] < w[1]));
        for (n, _) in firsts.iter().enumerate() {
            let (_, text) = files
                .iter()
                .find(|(p, _)| *p == format!("search/c/{n}.json"))
                .unwrap();
            assert!(text.len() < CHUNK_BYTES + 2048);
        }
    }

    #[test]
    fn a_cached_index_equals_a_fresh_one() {
        let mut docs = vec![doc("Đại hội", "hiến pháp"), doc("Hiến pháp", "đại biểu")];
        let cache = Cache::default();
        assert_eq!(
            index_files(&docs, &cache),
            index_files(&docs, &Cache::default())
        );
        docs[1].text = "đoàn kết".into();
        docs.push(doc("Mới", "đại hội"));
        assert_eq!(
            index_files(&docs, &cache),
            index_files(&docs, &Cache::default())
        );
        assert_eq!(
            cache.words.lock().unwrap().len(),
            3,
            "only the current documents are kept"
        );
    }
}
