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
use crate::urls;

/// The path of the small file the page loads first.
pub const META_PATH: &str = crate::urls::SEARCH_INDEX;
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

/// What a news item's document is made from, but its body: (url, date, associations' names).
fn news_inputs(views: &Views, item: &crate::model::NewsItem) -> (String, String, String) {
    let site = views.site;
    let associations: Vec<&str> = item
        .associations
        .iter()
        .filter_map(|s| site.association(s))
        .flat_map(|a| [a.short_name.as_str(), a.name.as_str()])
        .collect();
    (
        views.url(&urls::news(&item.slug)),
        crate::i18n::format_date(
            item.date.date,
            crate::i18n::DateStyle::Short,
            site.config.language,
        ),
        associations.join(" "),
    )
}

fn news_document(
    _views: &Views,
    item: &crate::model::NewsItem,
    (url, date, associations): &(String, String, String),
) -> SearchDoc {
    let summary = item.summary.as_deref().unwrap_or("");
    SearchDoc {
        url: url.clone(),
        title: item.title.clone(),
        kind: "n",
        date: date.clone(),
        summary: short(summary, 160),
        text: format!("{summary} {}", strip_tags(&item.body.html)),
        keywords: format!("{} {}", item.tags.join(" "), associations),
    }
}

/// [`documents`] with their hashes for [`files_of`], news items taken from `cache` when
/// nothing they are made from changed.
pub fn documents_cached(
    views: &Views,
    cache: &DocCache,
) -> (Vec<std::sync::Arc<SearchDoc>>, Vec<(u64, u64)>) {
    use std::hash::{Hash, Hasher};
    use std::sync::Arc;
    let previous = std::mem::take(&mut *cache.news.lock().unwrap_or_else(|e| e.into_inner()));
    let news: Vec<(Arc<SearchDoc>, u64)> = views
        .site
        .news
        .par_iter()
        .map(|item| {
            let inputs = news_inputs(views, item);
            let mut hasher = rustc_hash::FxHasher::default();
            (
                &inputs,
                &item.title,
                &item.summary,
                &item.body.html,
                &item.tags,
            )
                .hash(&mut hasher);
            let key = hasher.finish();
            let doc = previous
                .get(&key)
                .cloned()
                .unwrap_or_else(|| Arc::new(news_document(views, item, &inputs)));
            (doc, key)
        })
        .collect();
    drop(previous);
    let others: Vec<SearchDoc> = documents_but_news(views);
    let mut hashes: Vec<(u64, u64)> = news.iter().map(|(_, key)| (*key, *key)).collect();
    hashes.extend(
        others
            .par_iter()
            .map(|doc| (text_hash(doc), fragment_hash(doc)))
            .collect::<Vec<_>>(),
    );
    *cache.news.lock().unwrap_or_else(|e| e.into_inner()) =
        news.iter().map(|(doc, key)| (*key, doc.clone())).collect();
    let mut docs: Vec<Arc<SearchDoc>> = news.into_iter().map(|(doc, _)| doc).collect();
    docs.extend(others.into_iter().map(Arc::new));
    (docs, hashes)
}

/// Everything the site lets readers search: news, pages, members, reviews.
pub fn documents(views: &Views) -> Vec<SearchDoc> {
    let mut docs: Vec<SearchDoc> = views
        .site
        .news
        .par_iter()
        .map(|item| news_document(views, item, &news_inputs(views, item)))
        .collect();
    docs.extend(documents_but_news(views));
    docs
}

fn documents_but_news(views: &Views) -> Vec<SearchDoc> {
    let site: &Site = views.site;
    let language = site.config.language;
    let mut docs: Vec<SearchDoc> = Vec::new();
    docs.extend(site.documents.iter().map(|document| SearchDoc {
        url: views.url(&urls::document(&document.slug)),
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
            url: views.url(&urls::page(&page.slug)),
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
            url: views.url(&urls::association(&association.slug)),
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
            url: views.url(&urls::report(period.id)),
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

/// What the last search index was made of, kept by the renderer between `serve`'s rebuilds:
/// folding every body and writing every file is most of the search job, and an edit changes
/// one document. With it, the next index recomputes only the documents whose text changed and
/// the words they gained or lost, and returns only the files that differ.
///
/// A renderer's first index (every `blocpress build`, and `serve`'s first build or any new
/// renderer) writes every file. Later ones assume the output still holds the files of the last
/// one: only `serve`, which keeps them in memory, renders with the same renderer again.
#[derive(Default)]
pub struct Cache {
    state: std::sync::Mutex<Option<State>>,
}

impl Cache {
    /// Forgets the last index: the next one writes every file.
    pub fn clear(&self) {
        *self.state.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// News documents by a hash of what they are made from: the plain text of every body is most of
/// the time [`documents`] takes, and an edit changes one item.
#[derive(Default)]
pub struct DocCache {
    news: std::sync::Mutex<HashMap<u64, std::sync::Arc<SearchDoc>>>,
}

struct State {
    /// By document id.
    docs: Vec<DocState>,
    /// The word list, sorted, each word with its documents.
    words: Vec<Entry>,
    /// The chunk files' contents, in order.
    chunks: Vec<String>,
    /// The FNV-1a state before each chunk (the hash runs over every chunk in order).
    hashes: Vec<u64>,
}

struct DocState {
    /// [`text_hash`]: what its words come from.
    key: u64,
    /// [`fragment_hash`]: what its fragment shows.
    fragment: u64,
    words: std::sync::Arc<Words>,
}

struct Entry {
    word: Box<str>,
    /// Ids whose title has the word, and those that have it elsewhere only: ascending.
    title: Vec<u32>,
    rest: Vec<u32>,
    /// `"word":[[title deltas],[rest deltas]]`, as written in a chunk.
    json: String,
}

impl Entry {
    fn new(word: &str) -> Entry {
        Entry {
            word: word.into(),
            title: Vec::new(),
            rest: Vec::new(),
            json: String::new(),
        }
    }

    fn encode(&mut self) {
        use std::fmt::Write as _;
        let mut json =
            String::with_capacity(self.word.len() + 8 + 4 * (self.title.len() + self.rest.len()));
        json.push('"');
        json.push_str(&self.word);
        json.push_str("\":[");
        for (n, ids) in [&self.title, &self.rest].into_iter().enumerate() {
            if n > 0 {
                json.push(',');
            }
            json.push('[');
            for (i, d) in deltas(ids).into_iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                let _ = write!(json, "{d}");
            }
            json.push(']');
        }
        json.push(']');
        self.json = json;
    }
}

fn text_hash(doc: &SearchDoc) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    (&doc.title, &doc.text, &doc.keywords).hash(&mut hasher);
    hasher.finish()
}

fn fragment_hash(doc: &SearchDoc) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    (
        &doc.title,
        &doc.url,
        doc.kind,
        &doc.date,
        &doc.summary,
        &doc.text,
    )
        .hash(&mut hasher);
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

fn split(words: &str) -> impl Iterator<Item = &str> {
    words.split(' ').filter(|w| !w.is_empty())
}

/// word → (ids whose title has it, ids that have it elsewhere only).
type Postings<'a> = rustc_hash::FxHashMap<&'a str, (Vec<u32>, Vec<u32>)>;

/// More documents changed than this: the word list is made again from every document's words.
const MAX_PATCHED: usize = 200;

/// The search files: every document's fragment, the word-list chunks and the small file that
/// names them: (path, contents). With a [`Cache`] of the last index, only the files that
/// changed since (and always `search/index.json`).
pub fn files(docs: &[SearchDoc], cache: &Cache) -> Vec<(String, String)> {
    let hashes: Vec<(u64, u64)> = docs
        .par_iter()
        .map(|doc| (text_hash(doc), fragment_hash(doc)))
        .collect();
    let docs: Vec<&SearchDoc> = docs.iter().collect();
    files_of(&docs, hashes, cache)
}

/// [`files`], with each document's (hash of what its words come from, hash of what its fragment
/// shows): any hashes of their inputs will do.
pub fn files_of(
    docs: &[&SearchDoc],
    hashes: Vec<(u64, u64)>,
    cache: &Cache,
) -> Vec<(String, String)> {
    let mut guard = cache.state.lock().unwrap_or_else(|e| e.into_inner());
    let previous = guard.take();
    let old_docs: &[DocState] = previous.as_ref().map_or(&[], |p| &p.docs);
    // Documents whose words may differ from those of the same id in the last index.
    let changed: Vec<usize> = (0..docs.len().max(old_docs.len()))
        .filter(|&id| match (hashes.get(id), old_docs.get(id)) {
            (Some((key, _)), Some(old)) => *key != old.key,
            _ => true,
        })
        .collect();
    let mut files: Vec<(String, String)> = docs
        .par_iter()
        .zip(&hashes)
        .enumerate()
        .filter(|(id, (_, (_, fragment)))| {
            old_docs
                .get(*id)
                .is_none_or(|old| old.fragment != *fragment)
        })
        .map(|(id, (doc, _))| fragment_file(id, doc))
        .collect();
    let reused: HashMap<u64, std::sync::Arc<Words>> =
        old_docs.iter().map(|d| (d.key, d.words.clone())).collect();
    let new_docs: Vec<DocState> = docs
        .par_iter()
        .zip(&hashes)
        .enumerate()
        .map(|(id, (doc, &(key, fragment)))| {
            let words = match old_docs.get(id) {
                Some(old) if old.key == key => old.words.clone(),
                _ => reused
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| std::sync::Arc::new(words_of(doc))),
            };
            DocState {
                key,
                fragment,
                words,
            }
        })
        .collect();
    drop(reused);
    let (words, old_chunks, old_hashes) = match previous {
        Some(State {
            docs: old_docs,
            mut words,
            chunks,
            hashes,
        }) if changed.len() <= MAX_PATCHED => {
            patch(&mut words, &old_docs, &new_docs, &changed);
            (words, chunks, hashes)
        }
        _ => (word_list(&new_docs), Vec::new(), Vec::new()),
    };

    // Chunks: closed once past CHUNK_BYTES, as the browser's index names them by first word.
    let mut chunks: Vec<String> = Vec::new();
    let mut firsts: Vec<&str> = Vec::new();
    let mut chunk = String::from("{");
    for entry in &words {
        if chunk.len() > CHUNK_BYTES {
            chunk.push('}');
            chunks.push(std::mem::replace(&mut chunk, String::from("{")));
        }
        if chunk.len() == 1 {
            firsts.push(&entry.word);
        } else {
            chunk.push(',');
        }
        chunk.push_str(&entry.json);
    }
    if chunk.len() > 1 || chunks.is_empty() {
        if chunk.len() == 1 {
            firsts.push("");
        }
        chunk.push('}');
        chunks.push(chunk);
    }
    // FNV-1a over the chunks: enough to tell two builds apart. From the first chunk that changed.
    let mut hashes: Vec<u64> = Vec::with_capacity(chunks.len());
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut same = true;
    for (n, text) in chunks.iter().enumerate() {
        same = same && old_chunks.get(n) == Some(text);
        hashes.push(h);
        match old_hashes.get(n + 1) {
            Some(&next) if same => h = next,
            _ => {
                for b in text.bytes() {
                    h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                }
            }
        }
        if old_chunks.get(n) != Some(text) {
            files.push((format!("search/c/{n}.json"), text.clone()));
        }
    }
    let meta = Meta {
        v: 2,
        n: docs.len(),
        h: format!("{:x}", h & 0xffff_ffff),
        c: firsts,
    };
    let mut json = serde_json::to_string(&meta).unwrap_or_default();
    json.push('\n');
    files.push((META_PATH.to_string(), json));
    *guard = Some(State {
        docs: new_docs,
        words,
        chunks,
        hashes,
    });
    files
}

/// The word list of `docs`, made from scratch: built in parallel parts merged at the end.
fn word_list(docs: &[DocState]) -> Vec<Entry> {
    let postings: Postings = docs
        .par_iter()
        .enumerate()
        .fold(Postings::default, |mut map, (id, doc)| {
            let (title, rest) = &*doc.words;
            for w in split(title) {
                map.entry(w).or_default().0.push(id as u32);
            }
            for w in split(rest) {
                map.entry(w).or_default().1.push(id as u32);
            }
            map
        })
        .reduce(Postings::default, |a, b| {
            if a.len() < b.len() {
                merge(b, a)
            } else {
                merge(a, b)
            }
        });
    let mut words: Vec<Entry> = postings
        .into_par_iter()
        .map(|(word, (mut title, mut rest))| {
            // Parallel parts come back in any order.
            title.sort_unstable();
            rest.sort_unstable();
            let mut entry = Entry {
                word: word.into(),
                title,
                rest,
                json: String::new(),
            };
            entry.encode();
            entry
        })
        .collect();
    words.par_sort_unstable_by(|a, b| a.word.cmp(&b.word));
    words
}

/// Updates the word list for the documents `changed` (ids, ascending), whose words were those
/// of `old` and are now those of `new` (either may be missing).
fn patch(words: &mut Vec<Entry>, old: &[DocState], new: &[DocState], changed: &[usize]) {
    use std::collections::BTreeMap;
    // word → [(id, in title, present now)], in id order.
    let mut edits: BTreeMap<&str, Vec<(u32, bool, bool)>> = BTreeMap::new();
    for &id in changed {
        for (docs, now) in [(old, false), (new, true)] {
            if let Some(doc) = docs.get(id) {
                let (title, rest) = &*doc.words;
                for (list, in_title) in [(title, true), (rest, false)] {
                    for w in split(list) {
                        edits.entry(w).or_default().push((id as u32, in_title, now));
                    }
                }
            }
        }
    }
    let mut added: Vec<Entry> = Vec::new();
    let mut emptied = false;
    for (word, list) in edits {
        let mut fresh = Entry::new(word);
        let entry = match words.binary_search_by(|e| (*e.word).cmp(word)) {
            Ok(i) => &mut words[i],
            Err(_) => &mut fresh,
        };
        // Removals first: a document may keep a word and move it between title and text.
        for &(id, in_title, _) in list.iter().filter(|e| !e.2) {
            let ids = if in_title {
                &mut entry.title
            } else {
                &mut entry.rest
            };
            if let Ok(i) = ids.binary_search(&id) {
                ids.remove(i);
            }
        }
        for &(id, in_title, _) in list.iter().filter(|e| e.2) {
            let ids = if in_title {
                &mut entry.title
            } else {
                &mut entry.rest
            };
            if let Err(i) = ids.binary_search(&id) {
                ids.insert(i, id);
            }
        }
        entry.encode();
        emptied |= entry.title.is_empty() && entry.rest.is_empty();
        if !fresh.title.is_empty() || !fresh.rest.is_empty() {
            added.push(fresh);
        }
    }
    if emptied {
        words.retain(|e| !e.title.is_empty() || !e.rest.is_empty());
    }
    if !added.is_empty() {
        words.extend(added);
        words.sort_unstable_by(|a, b| a.word.cmp(&b.word));
    }
}

fn merge<'a>(mut a: Postings<'a>, b: Postings<'a>) -> Postings<'a> {
    for (w, (t, r)) in b {
        let entry = a.entry(w).or_default();
        entry.0.extend(t);
        entry.1.extend(r);
    }
    a
}

/// The number of documents and of chunks of the last index made with `cache`: the search
/// files there are now (`search/d/0.json`… and `search/c/0.json`…).
pub fn layout(cache: &Cache) -> Option<(usize, usize)> {
    let state = cache.state.lock().unwrap_or_else(|e| e.into_inner());
    state.as_ref().map(|s| (s.docs.len(), s.chunks.len()))
}

/// Whether `path` is a search file that the index described by [`layout`] has.
pub fn in_layout(path: &str, (docs, chunks): (usize, usize)) -> bool {
    let number = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(".json"))
            .filter(|n| {
                !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
                    && (n.len() == 1 || !n.starts_with('0'))
            })
            .and_then(|n| n.parse::<usize>().ok())
    };
    number("search/d/").is_some_and(|n| n < docs) || number("search/c/").is_some_and(|n| n < chunks)
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
        let files = files(&docs, &Cache::default());
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
        let files = files(&docs, &Cache::default());
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

    /// The files of a full index, as a map.
    fn full(docs: &[SearchDoc]) -> HashMap<String, String> {
        files(docs, &Cache::default()).into_iter().collect()
    }

    /// `served` after an index made with `cache`: the files it returns replace those there, and
    /// the search files outside its layout go.
    fn apply(served: &mut HashMap<String, String>, docs: &[SearchDoc], cache: &Cache) -> usize {
        let changed = files(docs, cache);
        let count = changed.len();
        served.extend(changed);
        let layout = layout(cache).unwrap();
        served.retain(|path, _| !is_part(path) || in_layout(path, layout));
        count
    }

    #[test]
    fn a_cached_index_equals_a_fresh_one() {
        let mut docs = vec![doc("Đại hội", "hiến pháp"), doc("Hiến pháp", "đại biểu")];
        let cache = Cache::default();
        let mut served = HashMap::new();
        apply(&mut served, &docs, &cache);
        assert_eq!(served, full(&docs));
        // Nothing changed: the small file only.
        assert_eq!(apply(&mut served, &docs, &cache), 1);
        docs[1].text = "đoàn kết".into();
        docs.push(doc("Mới", "đại hội"));
        apply(&mut served, &docs, &cache);
        assert_eq!(served, full(&docs));
        docs.remove(0);
        apply(&mut served, &docs, &cache);
        assert_eq!(served, full(&docs));
        assert_eq!(
            cache.state.lock().unwrap().as_ref().unwrap().docs.len(),
            2,
            "only the current documents are kept"
        );
    }

    #[test]
    fn edits_rewrite_only_the_chunks_whose_words_changed() {
        let mut docs: Vec<SearchDoc> = (0..3000)
            .map(|i| doc(&format!("tin {i}"), &format!("w{i}a w{i}b chung {}", i % 7)))
            .collect();
        let cache = Cache::default();
        let mut served = HashMap::new();
        apply(&mut served, &docs, &cache);
        assert!(served.contains_key("search/c/5.json"));
        for (n, edit) in [
            (10, "w10a chung 4"),
            (2500, "moi hoan toan"),
            (7, "tin 7 da doi"),
            (1234, ""),
        ] {
            docs[n].text = edit.into();
            let changed = files(&docs, &cache);
            let paths: Vec<&str> = changed.iter().map(|(p, _)| p.as_str()).collect();
            assert!(
                paths.contains(&format!("search/d/{n}.json").as_str()),
                "{paths:?}"
            );
            assert!(paths.contains(&META_PATH));
            assert!(
                !paths
                    .iter()
                    .any(|p| p.starts_with("search/d/") && *p != format!("search/d/{n}.json")),
                "{paths:?}"
            );
            // Chunks from the first changed word on may shift: a chunk is closed at the first
            // word past its size.
            served.extend(changed);
            let layout = layout(&cache).unwrap();
            served.retain(|path, _| !is_part(path) || in_layout(path, layout));
            assert_eq!(served, full(&docs), "after editing {n}");
        }
        // A title edit moves words between a document's title and its text.
        docs[5].title = "w5a".into();
        apply(&mut served, &docs, &cache);
        assert_eq!(served, full(&docs));
        // Many changes at once: the word list is made again.
        for d in docs.iter_mut().step_by(3) {
            d.text.push_str(" them");
        }
        docs.truncate(2000);
        apply(&mut served, &docs, &cache);
        assert_eq!(served, full(&docs));
    }

    #[test]
    fn layouts_name_the_files_there_are() {
        assert!(in_layout("search/d/0.json", (1, 1)));
        assert!(!in_layout("search/d/1.json", (1, 1)));
        assert!(in_layout("search/c/0.json", (1, 1)));
        assert!(!in_layout("search/c/01.json", (5, 5)));
        assert!(!in_layout("search/c/x.json", (5, 5)));
        assert!(!in_layout("search/index.json", (5, 5)));
    }
}
