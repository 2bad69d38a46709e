//! The client-side full-text search index, written at build time so search works from any
//! static host. It is split so a reader downloads only what a query needs, in few files (a
//! static host's upload costs per file, so the index stays a small share of the site's files):
//!
//! - `search/index.json`: the number of documents, the size of a result bundle, a version hash
//!   and the first word of each chunk of the word list (a few KB even at 50,000 news);
//! - `search/c/<n>.json`: a chunk of the sorted word list, each word with the documents that
//!   contain it in their title and elsewhere (delta-coded ids);
//! - `search/r/<n>.json`: the result cards (title, URL, kind, date, and a summary for all but
//!   news) of documents `n × BUNDLE` to `(n + 1) × BUNDLE − 1`, loaded for the results shown.
//!
//! The snippet under a result is cut from the text of the result's own page, which the search
//! page fetches for the results it shows (the elements marked `data-search-text`, else
//! `<main>`): the text is published once, in its page, instead of a second time in the index.
//! Bodies are folded straight from their HTML while the index is made and never copied.
//!
//! Words are folded the way readers type without accents: diacritics removed and `đ` → `d`
//! (which has no Unicode decomposition, so NFD-based folding alone misses it), lowercased.
//! `static/search.js` folds the query the same way. Pagefind was measured against this on the
//! same sites (BENCHMARKS.md): it leaves `đ` unfolded, so `dai hoi` does not find `Đại hội`.
//!
//! What is indexed is a flat list of [`SearchDoc`]: adding a kind of content is one more
//! `docs.extend(...)` in [`documents`].

use rayon::prelude::*;
use serde::Serialize;

use super::NewsHtml;
use super::views::Views;
use crate::model::Site;
use crate::urls;

/// The path of the small file the page loads first.
pub const META_PATH: &str = crate::urls::SEARCH_INDEX;
/// Output files under these folders are written by the search job alone.
pub const PART_PREFIXES: [&str; 2] = ["search/c/", "search/r/"];
/// A chunk of the word list is closed once its JSON passes this size.
const CHUNK_BYTES: usize = 24 * 1024;
/// Documents per result bundle (`search/r/<n>.json`). Results are ranked by score, then by id
/// (newest news first), so the ten shown often share bundles; 16 cards are about 3 KB gzipped.
/// At 10,000 news this makes 628 bundles for about 11,600 pages; BENCHMARKS.md has the
/// measurements behind the choice.
pub const BUNDLE: usize = 16;
/// Words longer than this outside a title are not indexed (long runs of digits, URLs).
const MAX_WORD: usize = 40;

/// One searchable document. Borrows the site: bodies are folded from their HTML, not copied.
pub struct SearchDoc<'a> {
    /// Root-relative URL under the site's sub-path; the page the snippet is cut from.
    pub url: String,
    pub title: &'a str,
    /// `n` news, `p` page, `a` association, `r` review (a period's report), `d` document.
    pub kind: &'static str,
    /// Date or period, as shown.
    pub date: String,
    /// A short summary, shown until the snippet is cut from the page (and when the match is
    /// not in the page's text). Empty for news: there are many, and their page's description
    /// is their summary (the search page shows it when the page's text has no match).
    pub summary: String,
    /// Plain text searched with the body (a news item's summary).
    pub lead: &'a str,
    /// The rendered HTML whose text readers search.
    pub html: NewsHtml<'a>,
    /// More words to match that are not shown (tags, members' names).
    pub keywords: String,
}

/// How the letters from U+00C0 to U+1EFF fold (Vietnamese writes with them), by code point:
/// the lowercase ASCII letter, [`MARK`] for nothing (a combining mark), 0 to ask deunicode
/// (anything else). Made once from deunicode itself: folding every body of a site meets
/// millions of these letters.
const FAST_FROM: u32 = 0xC0;
const FAST_TO: u32 = 0x1F00;
const MARK: u8 = 1;

fn fast_table() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (FAST_FROM..FAST_TO)
            .map(
                |cp| match char::from_u32(cp).and_then(deunicode::deunicode_char) {
                    Some("") => MARK,
                    Some(folded)
                        if folded.len() == 1 && folded.as_bytes()[0].is_ascii_alphanumeric() =>
                    {
                        folded.as_bytes()[0].to_ascii_lowercase()
                    }
                    _ => 0,
                },
            )
            .collect()
    })
}

/// ASCII letters and digits folded (lowercase), 0 for anything else (a separator).
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Bytes of a word kept in place; a longer one (a title's run of letters) goes to a `String`.
const INLINE: usize = 64;

/// Splits text into folded words: diacritics removed, `đ` → `d`, lowercase ASCII letters and
/// digits; anything else separates words. One byte at a time, into one reused buffer: bodies
/// are most of a site. `sink(word, key)` receives each word (ASCII letters and digits) and, for
/// a word of up to 8 bytes, [`packed`] of it (else 0): most words are looked up by that number
/// alone.
struct Folder {
    buf: [u8; INLINE],
    len: usize,
    /// The whole word once it is longer than [`INLINE`].
    long: Vec<u8>,
    table: &'static [u8],
}

impl Folder {
    fn new() -> Folder {
        Folder {
            buf: [0; INLINE],
            len: 0,
            long: Vec::new(),
            table: fast_table(),
        }
    }

    /// Ends the current word, if any, handing it to `sink`.
    #[inline]
    fn end(&mut self, sink: &mut impl FnMut(&[u8], u64)) {
        if self.len == 0 {
            return;
        }
        if self.len <= 8 {
            // The bytes past the word are zero (cleared below after every word).
            let mut key = [0u8; 8];
            key.copy_from_slice(&self.buf[..8]);
            sink(&self.buf[..self.len], u64::from_le_bytes(key));
        } else if self.len <= INLINE {
            sink(&self.buf[..self.len], 0);
        } else {
            sink(&self.long, 0);
        }
        self.buf[..8].fill(0);
        self.len = 0;
    }

    /// Adds a lowercase ASCII letter or digit to the word.
    #[inline]
    fn push(&mut self, b: u8) {
        if self.len < INLINE {
            self.buf[self.len] = b;
        } else {
            if self.len == INLINE {
                self.long.clear();
                self.long.extend_from_slice(&self.buf);
            }
            self.long.push(b);
        }
        self.len += 1;
    }

    #[inline]
    fn ascii(&mut self, b: u8, sink: &mut impl FnMut(&[u8], u64)) {
        match ASCII_FOLD[usize::from(b & 0x7F)] {
            0 => self.end(sink),
            folded => self.push(folded),
        }
    }

    /// A character outside ASCII, at `text[i..]`: returns its length.
    #[inline]
    fn other(&mut self, text: &str, i: usize, sink: &mut impl FnMut(&[u8], u64)) -> usize {
        let bytes = text.as_bytes();
        let lead = bytes[i];
        let cont = |k: usize| u32::from(bytes.get(i + k).copied().unwrap_or(0) & 0x3F);
        let (cp, len) = if lead < 0xE0 {
            ((u32::from(lead & 0x1F) << 6) | cont(1), 2)
        } else if lead < 0xF0 {
            ((u32::from(lead & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
        } else {
            (u32::MAX, 4)
        };
        if (FAST_FROM..FAST_TO).contains(&cp) {
            match self.table[(cp - FAST_FROM) as usize] {
                0 => {}
                MARK => return len,
                letter => {
                    self.push(letter);
                    return len;
                }
            }
        }
        self.slow(text, i, sink)
    }

    /// [`Folder::other`] through deunicode.
    #[cold]
    fn slow(&mut self, text: &str, i: usize, sink: &mut impl FnMut(&[u8], u64)) -> usize {
        let c = text[i..].chars().next().unwrap_or(' ');
        for a in deunicode::deunicode_char(c).unwrap_or(" ").bytes() {
            self.ascii(a, sink);
        }
        c.len_utf8()
    }

    fn text(&mut self, text: &str, sink: &mut impl FnMut(&[u8], u64)) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                self.ascii(b, sink);
                i += 1;
            } else {
                i += self.other(text, i, sink);
            }
        }
        self.end(sink);
    }

    /// The text of rendered HTML: tags separate words and are skipped, the five entities the
    /// Markdown renderer writes are separators (`&amp;` is not the word `amp`).
    fn html(&mut self, html: &str, sink: &mut impl FnMut(&[u8], u64)) {
        const ENTITIES: [&str; 5] = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];
        let bytes = html.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b >= 0x80 {
                i += self.other(html, i, sink);
                continue;
            }
            let folded = ASCII_FOLD[usize::from(b)];
            if folded != 0 {
                self.push(folded);
                i += 1;
                continue;
            }
            self.end(sink);
            match b {
                b'<' => match memchr::memchr(b'>', &bytes[i..]) {
                    Some(j) => i += j + 1,
                    None => break,
                },
                b'&' => {
                    let rest = &html[i..];
                    i += ENTITIES
                        .iter()
                        .find(|e| rest.starts_with(*e))
                        .map_or(1, |e| e.len());
                }
                _ => i += 1,
            }
        }
        self.end(sink);
    }
}

/// A folded word as text: only ASCII letters and digits are ever in one.
fn word_text(word: &[u8]) -> &str {
    std::str::from_utf8(word).unwrap_or_default()
}

/// `Đại hội Hội Luật gia` → `dai hoi hoi luat gia`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    Folder::new().text(text, &mut |w: &[u8], _| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word_text(w));
    });
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

/// The first `max_chars` of the text of rendered HTML, for a summary: tags dropped, entities
/// decoded, whitespace collapsed. Stops once it has enough.
fn html_start(html: &str, max_chars: usize) -> String {
    const ENTITIES: [(&str, char); 5] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
    ];
    let mut out = String::new();
    let mut count = 0;
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
                count += 1;
            }
            space = false;
            out.push(c);
            count += 1;
            if count > max_chars {
                break;
            }
        }
        rest = &rest[len..];
    }
    short(&out, max_chars)
}

/// Everything the site lets readers search: news, documents, pages, members, reviews. Cheap:
/// no text is copied. `news_html(i)`: news item `i`'s body HTML.
pub fn documents<'a>(
    views: &Views<'a>,
    news_html: &(dyn Fn(usize) -> NewsHtml<'a> + Sync),
) -> Vec<SearchDoc<'a>> {
    let site: &'a Site = views.site;
    let language = site.config.language;
    let mut docs: Vec<SearchDoc<'a>> = site
        .news
        .par_iter()
        .enumerate()
        .map(|(i, item)| {
            let associations: Vec<&str> = item
                .associations
                .iter()
                .filter_map(|s| site.association(s))
                .flat_map(|a| [a.short_name.as_str(), a.name.as_str()])
                .collect();
            let summary = item.summary.as_deref().unwrap_or("");
            SearchDoc {
                url: views.url(&urls::news(&item.slug)),
                title: &item.title,
                kind: "n",
                date: crate::i18n::format_date(
                    item.date.date,
                    crate::i18n::DateStyle::Short,
                    language,
                ),
                summary: String::new(),
                lead: summary,
                html: news_html(i),
                keywords: format!("{} {}", item.tags.join(" "), associations.join(" ")),
            }
        })
        .collect();
    docs.extend(site.documents.iter().map(|document| SearchDoc {
        url: views.url(&urls::document(&document.slug)),
        title: &document.title,
        kind: "d",
        date: crate::i18n::format_date(document.date, crate::i18n::DateStyle::Short, language),
        summary: format!("{} {}", document.kind, document.number),
        lead: "",
        html: NewsHtml::Site(&document.body.html),
        keywords: format!("{} {} {}", document.number, document.kind, document.issuer),
    }));
    docs.extend(site.pages.iter().map(|page| SearchDoc {
        url: views.url(&urls::page(&page.slug)),
        title: &page.title,
        kind: "p",
        date: String::new(),
        summary: html_start(&page.body.html, 160),
        lead: "",
        html: NewsHtml::Site(&page.body.html),
        keywords: String::new(),
    }));
    docs.extend(site.associations.iter().map(|association| {
        let html = association.description.as_ref().map_or("", |d| &d.html);
        SearchDoc {
            url: views.url(&urls::association(&association.slug)),
            title: &association.name,
            kind: "a",
            date: String::new(),
            summary: html_start(html, 160),
            lead: "",
            html: NewsHtml::Site(html),
            keywords: association.short_name.clone(),
        }
    }));
    docs.extend(site.periods.values().map(|period| {
        let summary = period.summary.as_deref().unwrap_or("");
        SearchDoc {
            url: views.url(&urls::report(period.id)),
            title: &period.title,
            kind: "r",
            date: period.id.default_title(language),
            summary: short(summary, 160),
            lead: summary,
            html: NewsHtml::Site(period.narrative.as_ref().map_or("", |m| &m.html)),
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
    /// Documents per result bundle.
    b: usize,
    /// A hash of the index: the page asks for `?h` so a browser never mixes two builds.
    h: String,
    /// The first word of each chunk, in order.
    c: Vec<&'a str>,
}

/// What a result shows before its snippet: `search/r/<n>.json` is an array of these.
#[derive(Serialize)]
struct Card<'a> {
    t: &'a str,
    u: &'a str,
    k: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    d: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    s: &'a str,
}

/// The words of `doc` as `sink(word, in_title)`: the title's first, then the rest (lead, body,
/// keywords). A word may come several times.
fn each_word(doc: &SearchDoc, mut sink: impl FnMut(&[u8], u64, bool)) {
    let mut folder = Folder::new();
    folder.text(doc.title, &mut |w: &[u8], key| sink(w, key, true));
    let mut rest = |w: &[u8], key| {
        if w.len() <= MAX_WORD {
            sink(w, key, false)
        }
    };
    folder.text(doc.lead, &mut rest);
    folder.html(&doc.html, &mut rest);
    folder.text(&doc.keywords, &mut rest);
}

/// Ids (ascending) whose title has a word, and those that have it elsewhere only.
#[derive(Default)]
struct Ids {
    title: Vec<u32>,
    rest: Vec<u32>,
}

impl Ids {
    /// Adds document `id`; documents come in ascending order, each word of a document's title
    /// before any other of its words.
    fn add(&mut self, id: u32, in_title: bool) {
        if in_title {
            if self.title.last() != Some(&id) {
                self.title.push(id);
            }
        } else if self.title.last() != Some(&id) && self.rest.last() != Some(&id) {
            self.rest.push(id);
        }
    }
}

/// A word of up to 8 bytes as a number: words are `[a-z0-9]+` (no zero byte), so the packing
/// is unambiguous, and most Vietnamese words (syllables) fit. Hashing and comparing a number is
/// much cheaper than a string, and the index looks a word up for every word of every body.
fn packed(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    (bytes.len() <= 8).then(|| {
        let mut key = [0u8; 8];
        key[..bytes.len()].copy_from_slice(bytes);
        u64::from_le_bytes(key)
    })
}

/// The words of a run of documents, each once, with their documents, in the order first met.
#[derive(Default)]
struct Run {
    short: rustc_hash::FxHashMap<u64, u32>,
    long: rustc_hash::FxHashMap<Box<str>, u32>,
    words: Vec<(Box<str>, Ids)>,
    /// The last document that had each word (beside `words`; `u32::MAX` for none): a word met
    /// again in the same document is skipped without a look at its lists, which are far apart
    /// in memory (most words of a body are met more than once).
    last: Vec<u32>,
}

impl Run {
    /// The index of `word` in `words`, added if new. `key`: [`packed`] of it, 0 if too long.
    fn slot(&mut self, word: &[u8], key: u64) -> usize {
        let (words, last) = (&mut self.words, &mut self.last);
        let mut add = || {
            words.push((word_text(word).into(), Ids::default()));
            last.push(u32::MAX);
            (words.len() - 1) as u32
        };
        (match key {
            0 => match self.long.get(word_text(word)) {
                Some(&i) => i,
                None => {
                    let i = add();
                    self.long.insert(word_text(word).into(), i);
                    i
                }
            },
            key => *self.short.entry(key).or_insert_with(add),
        }) as usize
    }

    /// Adds the words of `doc` (id `id`, above every id already there).
    fn add_document(&mut self, id: u32, doc: &SearchDoc) {
        each_word(doc, |w, key, in_title| {
            let i = self.slot(w, key);
            // The first time in this document: a title's words come first, so a word met
            // again is already in the title's list or the rest's.
            if self.last[i] != id {
                self.last[i] = id;
                self.words[i].1.add(id, in_title);
            }
        });
    }
}

/// Document ids (ascending) as deltas from the previous one: small numbers gzip well.
fn write_deltas(json: &mut String, ids: &[u32]) {
    let mut digits = itoa::Buffer::new();
    let mut previous = 0;
    for (i, &id) in ids.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(digits.format(id - previous));
        previous = id;
    }
}

struct Entry {
    word: Box<str>,
    ids: Ids,
    /// `"word":[[title deltas],[rest deltas]]`, as written in a chunk.
    json: String,
}

impl Entry {
    fn new(word: Box<str>, ids: Ids) -> Entry {
        let mut entry = Entry {
            word,
            ids,
            json: String::new(),
        };
        entry.encode();
        entry
    }

    fn is_empty(&self) -> bool {
        self.ids.title.is_empty() && self.ids.rest.is_empty()
    }

    fn encode(&mut self) {
        let mut json = String::with_capacity(
            self.word.len() + 8 + 3 * (self.ids.title.len() + self.ids.rest.len()),
        );
        json.push('"');
        json.push_str(&self.word);
        json.push_str("\":[[");
        write_deltas(&mut json, &self.ids.title);
        json.push_str("],[");
        write_deltas(&mut json, &self.ids.rest);
        json.push_str("]]");
        self.json = json;
    }
}

/// The word list of `docs`, made from scratch: a few runs of documents per thread are indexed
/// in parallel, then merged in order (so each word's ids stay ascending) into lists allocated
/// once at their final size, then encoded and sorted. Without `keep_ids`, each word keeps only
/// its encoded JSON (a build needs nothing else).
fn word_list(docs: &[SearchDoc], keep_ids: bool) -> Vec<Entry> {
    let run_len = docs
        .len()
        .div_ceil(4 * rayon::current_num_threads())
        .max(64);
    let runs: Vec<Run> = docs
        .par_chunks(run_len)
        .enumerate()
        .map(|(r, chunk)| {
            let mut run = Run::default();
            for (i, doc) in chunk.iter().enumerate() {
                run.add_document((r * run_len + i) as u32, doc);
            }
            run
        })
        .collect();
    // Every word once, with the total length of its lists; each run's words' places in it.
    let mut all = Run::default();
    let mut sizes: Vec<(usize, usize)> = Vec::new();
    let places: Vec<Vec<u32>> = runs
        .iter()
        .map(|run| {
            run.words
                .iter()
                .map(|(word, ids)| {
                    let i = all.slot(word.as_bytes(), packed(word).unwrap_or(0));
                    if i == sizes.len() {
                        sizes.push((0, 0));
                    }
                    sizes[i].0 += ids.title.len();
                    sizes[i].1 += ids.rest.len();
                    i as u32
                })
                .collect()
        })
        .collect();
    drop((all.short, all.long));
    // Where each word's pieces are, run by run (the runs in order, so its ids stay ascending):
    // `pieces[starts[i]..starts[i + 1]]` are (run, place in the run) of word `i`. Then every
    // word gathers its pieces on any thread.
    let mut starts: Vec<u32> = vec![0; sizes.len() + 1];
    for &i in places.iter().flatten() {
        starts[i as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut next = starts.clone();
    let mut pieces: Vec<(u32, u32)> = vec![(0, 0); starts[sizes.len()] as usize];
    for (r, places) in places.iter().enumerate() {
        for (j, &i) in places.iter().enumerate() {
            let at = &mut next[i as usize];
            pieces[*at as usize] = (r as u32, j as u32);
            *at += 1;
        }
    }
    drop((next, places));
    let mut words: Vec<(Box<str>, Ids)> = all.words;
    words
        .par_iter_mut()
        .with_max_len(1024)
        .enumerate()
        .for_each(|(i, (_, to))| {
            let (title, rest) = sizes[i];
            to.title.reserve_exact(title);
            to.rest.reserve_exact(rest);
            for &(r, j) in &pieces[starts[i] as usize..starts[i + 1] as usize] {
                let from = &runs[r as usize].words[j as usize].1;
                to.title.extend_from_slice(&from.title);
                to.rest.extend_from_slice(&from.rest);
            }
        });
    // Hundreds of thousands of small lists: freed on both threads.
    runs.into_par_iter().for_each(drop);
    let mut words: Vec<Entry> = words
        .into_par_iter()
        .with_max_len(1024)
        .map(|(word, ids)| {
            let mut entry = Entry::new(word, ids);
            if !keep_ids {
                entry.ids = Ids::default();
            }
            entry
        })
        .collect();
    words.par_sort_unstable_by(|a, b| a.word.cmp(&b.word));
    words
}

/// Removes `gone` (ascending) from `ids` (ascending); whether any was there.
fn remove_ids(ids: &mut Vec<u32>, gone: &[u32]) -> bool {
    let before = ids.len();
    if gone.len() <= 8 {
        for id in gone {
            if let Ok(i) = ids.binary_search(id) {
                ids.remove(i);
            }
        }
    } else {
        ids.retain(|id| gone.binary_search(id).is_err());
    }
    ids.len() != before
}

/// Updates the word list for the documents `changed` (ids, ascending): their ids leave every
/// word, then the words of those still in `docs` are added again.
fn patch(words: &mut Vec<Entry>, docs: &[SearchDoc], changed: &[u32]) {
    words.par_iter_mut().for_each(|entry| {
        let title = remove_ids(&mut entry.ids.title, changed);
        let rest = remove_ids(&mut entry.ids.rest, changed);
        if title || rest {
            entry.json.clear();
        }
    });
    let mut added = Run::default();
    for &id in changed {
        if let Some(doc) = docs.get(id as usize) {
            added.add_document(id, doc);
        }
    }
    let mut fresh: Vec<Entry> = Vec::new();
    for (word, ids) in added.words {
        match words.binary_search_by(|e| (*e.word).cmp(&word)) {
            Ok(i) => {
                let entry = &mut words[i];
                for (to, from) in [
                    (&mut entry.ids.title, ids.title),
                    (&mut entry.ids.rest, ids.rest),
                ] {
                    to.extend(from);
                    to.sort_unstable();
                }
                entry.json.clear();
            }
            Err(_) => fresh.push(Entry::new(word, ids)),
        }
    }
    words.retain(|e| !e.is_empty());
    words
        .par_iter_mut()
        .filter(|e| e.json.is_empty())
        .for_each(Entry::encode);
    if !fresh.is_empty() {
        words.extend(fresh);
        words.sort_unstable_by(|a, b| a.word.cmp(&b.word));
    }
}

/// What the last search index was made of, kept by `serve`'s renderer between rebuilds:
/// folding every body is most of the search job, and an edit changes one document. With it,
/// the next index folds only the documents whose text changed and returns only the files that
/// differ. A build makes one index and keeps nothing ([`Cache::disabled`]).
///
/// A renderer's first index writes every file. Later ones assume the output still holds the
/// files of the last one: only `serve`, which keeps them in memory, renders with the same
/// renderer again.
pub struct Cache {
    enabled: bool,
    state: std::sync::Mutex<Option<State>>,
}

impl Default for Cache {
    fn default() -> Cache {
        Cache {
            enabled: true,
            state: std::sync::Mutex::new(None),
        }
    }
}

impl Cache {
    /// A cache that keeps nothing: every index is made from scratch (a build makes one).
    pub fn disabled() -> Cache {
        Cache {
            enabled: false,
            ..Cache::default()
        }
    }

    /// Whether the cache keeps the last index (`serve`'s renderer).
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// Forgets the last index: the next one writes every file.
    pub fn clear(&self) {
        *self.state.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

struct State {
    /// By document id: [`text_hash`], what its words come from.
    keys: Vec<u64>,
    /// By document id: [`card_hash`], what its result card shows.
    cards: Vec<u64>,
    /// The word list, sorted, each word with its documents.
    words: Vec<Entry>,
    /// The chunk files' contents, in order.
    chunks: Vec<String>,
    /// Each chunk's digest ([`digest`]), in order.
    digests: Vec<u64>,
}

fn text_hash(doc: &SearchDoc) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    (doc.title, doc.lead, &*doc.html, &doc.keywords).hash(&mut hasher);
    hasher.finish()
}

fn card_hash(doc: &SearchDoc) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    (doc.title, &doc.url, doc.kind, &doc.date, &doc.summary).hash(&mut hasher);
    hasher.finish()
}

/// More documents changed than this: the word list is made again from every document.
const MAX_PATCHED: usize = 200;

/// The search files of `docs`: the result bundles, the word-list chunks and the small file
/// that names them: (path, contents). With an enabled [`Cache`] that holds the last index,
/// only the files that changed since (and always `search/index.json`).
pub fn files(docs: &[SearchDoc], cache: &Cache) -> Vec<(String, String)> {
    let mut guard = cache.state.lock().unwrap_or_else(|e| e.into_inner());
    let previous = guard.take();
    // Folding is what a text hash saves; a build, which folds every document once, skips it.
    let keys: Vec<u64> = if cache.enabled {
        docs.par_iter().map(text_hash).collect()
    } else {
        Vec::new()
    };
    let cards: Vec<u64> = docs.par_iter().map(card_hash).collect();
    let old_cards: &[u64] = previous.as_ref().map_or(&[], |p| &p.cards);
    let mut files: Vec<(String, String)> = (0..docs.len().div_ceil(BUNDLE))
        .into_par_iter()
        .filter(|&n| previous.is_none() || in_bundle(old_cards, n) != in_bundle(&cards, n))
        .map(|n| bundle_file(n, docs))
        .collect();
    let (words, old_chunks, old_digests) = match previous {
        Some(State {
            keys: old_keys,
            mut words,
            chunks,
            digests,
            ..
        }) => {
            // Documents whose words may differ from those of the same id in the last index.
            let changed: Vec<u32> = (0..docs.len().max(old_keys.len()))
                .filter(|&id| keys.get(id) != old_keys.get(id))
                .map(|id| id as u32)
                .collect();
            if changed.len() <= MAX_PATCHED {
                patch(&mut words, docs, &changed);
                (words, chunks, digests)
            } else {
                drop(words);
                (word_list(docs, true), Vec::new(), Vec::new())
            }
        }
        None => (word_list(docs, cache.enabled), Vec::new(), Vec::new()),
    };

    // Chunks: closed once past CHUNK_BYTES, as the browser's index names them by first word.
    let mut words = words;
    let mut chunks: Vec<String> = Vec::new();
    let mut firsts: Vec<Box<str>> = Vec::new();
    let mut chunk = String::from("{");
    for entry in &mut words {
        if chunk.len() > CHUNK_BYTES {
            chunk.push('}');
            chunks.push(std::mem::replace(&mut chunk, String::from("{")));
        }
        if chunk.len() == 1 {
            firsts.push(entry.word.clone());
        } else {
            chunk.push(',');
        }
        chunk.push_str(&entry.json);
        if !cache.enabled {
            // Copied into its chunk: a build needs it no more.
            entry.json = String::new();
        }
    }
    if !cache.enabled {
        words = Vec::new();
    }
    if chunk.len() > 1 || chunks.is_empty() {
        if chunk.len() == 1 {
            firsts.push("".into());
        }
        chunk.push('}');
        chunks.push(chunk);
    }
    // The index's hash, enough to tell two builds apart: each chunk's digest (made on every
    // thread; an unchanged chunk keeps its last one), then the digests and the cards in order.
    let digests: Vec<u64> = chunks
        .par_iter()
        .enumerate()
        .map(|(n, text)| match (old_chunks.get(n), old_digests.get(n)) {
            (Some(old), Some(&known)) if old == text => known,
            _ => digest(text),
        })
        .collect();
    // FNV-1a's offset and prime, a value at a time. The cards count too: a bundle can change
    // without the word list (a date, a URL).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for value in digests.iter().chain(&cards) {
        h = (h ^ value).wrapping_mul(0x0100_0000_01b3);
    }
    let meta = Meta {
        v: 3,
        n: docs.len(),
        b: BUNDLE,
        h: format!("{:x}", h & 0xffff_ffff),
        c: firsts.iter().map(|w| &**w).collect(),
    };
    let mut json = serde_json::to_string(&meta).unwrap_or_default();
    json.push('\n');
    if cache.enabled {
        files.extend(
            chunks
                .iter()
                .enumerate()
                .filter(|(n, text)| old_chunks.get(*n) != Some(*text))
                .map(|(n, text)| (format!("search/c/{n}.json"), text.clone())),
        );
    } else {
        files.extend(
            std::mem::take(&mut chunks)
                .into_iter()
                .enumerate()
                .map(|(n, text)| (format!("search/c/{n}.json"), text)),
        );
    }
    files.push((META_PATH.to_string(), json));
    if cache.enabled {
        *guard = Some(State {
            keys,
            cards,
            words,
            chunks,
            digests,
        });
    }
    files
}

/// A chunk's digest: FxHash over its bytes (eight at a time).
fn digest(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// The entries of `list` (by document id) in result bundle `n`.
fn in_bundle<T>(list: &[T], n: usize) -> Option<&[T]> {
    list.get(n * BUNDLE..list.len().min((n + 1) * BUNDLE))
}

/// Result bundle `n`: the cards of documents `n × BUNDLE` to `(n + 1) × BUNDLE − 1`.
fn bundle_file(n: usize, docs: &[SearchDoc]) -> (String, String) {
    let cards: Vec<Card> = in_bundle(docs, n)
        .unwrap_or_default()
        .iter()
        .map(|doc| Card {
            t: doc.title,
            u: &doc.url,
            k: doc.kind,
            d: &doc.date,
            s: &doc.summary,
        })
        .collect();
    let json = serde_json::to_string(&cards).unwrap_or_else(|_| String::from("[]"));
    (format!("search/r/{n}.json"), json)
}

/// The search files an index has besides `search/index.json`: how many result bundles and
/// word-list chunks (`search/r/0.json`…, `search/c/0.json`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub bundles: usize,
    pub chunks: usize,
}

/// The layout of the last index made with `cache` (`None` for a cache that keeps nothing).
pub fn layout(cache: &Cache) -> Option<Layout> {
    let state = cache.state.lock().unwrap_or_else(|e| e.into_inner());
    state.as_ref().map(|s| Layout {
        bundles: s.cards.len().div_ceil(BUNDLE),
        chunks: s.chunks.len(),
    })
}

/// Whether `path` is a search file that an index of `layout` has.
pub fn in_layout(path: &str, layout: Layout) -> bool {
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
    number("search/r/").is_some_and(|n| n < layout.bundles)
        || number("search/c/").is_some_and(|n| n < layout.chunks)
}

/// Whether an output file is a part of the search index (written by the search job only).
pub fn is_part(path: &str) -> bool {
    PART_PREFIXES.iter().any(|p| path.starts_with(p))
}
#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn folds_vietnamese_as_readers_type() {
        assert_eq!(fold("Học bổng"), "hoc bong");
        assert_eq!(fold("Đại hội ĐẠI BIỂU"), "dai hoi dai bieu");
        assert_eq!(fold("Hoà / hòa, thuỷ – thủy"), "hoa hoa thuy thuy");
        assert_eq!(fold("Ho\u{0323}\u{0302}i"), "hoi");
    }

    /// Folding one character at a time through deunicode, the way the table was made.
    fn reference_fold(text: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in text.chars() {
            let folded = if c.is_ascii() {
                c.to_string()
            } else {
                deunicode::deunicode_char(c).unwrap_or(" ").to_string()
            };
            for a in folded.chars() {
                if a.is_ascii_alphanumeric() {
                    if space && !out.is_empty() {
                        out.push(' ');
                    }
                    space = false;
                    out.push(a.to_ascii_lowercase());
                } else {
                    space = true;
                }
            }
        }
        out
    }

    #[test]
    fn the_fast_table_folds_as_deunicode_does() {
        for cp in (FAST_FROM..FAST_TO).chain([0x1F600, 0x4E2D, 0xFF21, 0x2013, 0x00A0]) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let text = format!("Xa{c}b {c}{c} ĐẠI{c}");
            assert_eq!(fold(&text), reference_fold(&text), "U+{cp:04X}");
        }
        // A word's key is its packed bytes.
        let mut seen = Vec::new();
        Folder::new().text(
            "Hội đồng NGHIÊNG nghiêngxyz 2013",
            &mut |w: &[u8], key| seen.push((word_text(w).to_string(), key)),
        );
        for (word, key) in seen {
            assert_eq!(key, packed(&word).unwrap_or(0), "{word}");
        }
    }

    fn html_words(html: &str) -> Vec<String> {
        let mut words = Vec::new();
        Folder::new().html(html, &mut |w: &[u8], _| {
            words.push(word_text(w).to_string())
        });
        words
    }

    #[test]
    fn bodies_are_folded_from_their_html() {
        assert_eq!(html_words("<p>A &amp; <b>B</b>ạch</p>"), ["a", "b", "ach"]);
        assert_eq!(
            html_words("<h2 id=\"x\">Kết&nbsp;quả</h2>\n<p>&lt;script&gt; &quot;a&#39;b\tc</p>"),
            ["ket", "nbsp", "qua", "script", "a", "b", "c"]
        );
        assert_eq!(
            html_words("Điện<br>Biên <a href=\"/x?a=1&amp;b=2\">Phủ</a>"),
            ["dien", "bien", "phu"]
        );
        assert_eq!(html_words("mở <không đóng"), ["mo"]);
    }

    #[test]
    fn summaries_are_cut_at_a_word() {
        assert_eq!(short("một hai ba bốn năm", 10), "một hai…");
        assert_eq!(short("ngắn", 10), "ngắn");
        assert_eq!(html_start("<p>A &amp; <b>B</b></p>", 160), "A & B");
        assert_eq!(
            html_start("<p>một hai</p>\n<p>ba bốn năm sáu</p>", 12),
            "một hai ba…"
        );
        assert_eq!(html_start("a<br>b", 160), "a b");
    }

    /// A document's title and body (HTML), owned by the test.
    struct Owned {
        title: String,
        html: String,
    }

    fn owned(title: &str, html: &str) -> Owned {
        Owned {
            title: title.into(),
            html: html.into(),
        }
    }

    fn docs(list: &[Owned]) -> Vec<SearchDoc<'_>> {
        list.iter()
            .map(|o| SearchDoc {
                url: format!("/{}/", fold(&o.title).replace(' ', "-")),
                title: &o.title,
                kind: "n",
                date: String::new(),
                summary: String::new(),
                lead: "",
                html: NewsHtml::Site(&o.html),
                keywords: String::new(),
            })
            .collect()
    }

    fn file<'a>(files: &'a [(String, String)], path: &str) -> &'a str {
        &files
            .iter()
            .find(|(p, _)| p == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .1
    }

    #[test]
    fn words_point_to_documents_in_title_and_text() {
        let list = [
            owned("Đại hội", "<p>Hiến &lt;pháp&gt; sửa đổi</p>"),
            owned("Hiến pháp", "đại biểu"),
            owned("Khác", "hiến máu"),
        ];
        let files = files(&docs(&list), &Cache::default());
        let words: serde_json::Value =
            serde_json::from_str(file(&files, "search/c/0.json")).unwrap();
        // title ids, then other ids, delta-coded: "hien" is in doc 1's title, docs 0 and 2's text.
        assert_eq!(words["hien"], serde_json::json!([[1], [0, 2]]));
        assert_eq!(words["dai"], serde_json::json!([[0], [1]]));
        assert_eq!(words["phap"], serde_json::json!([[1], [0]]));
        assert!(words.get("p").is_none(), "tags are not words: {words}");
        let meta: serde_json::Value = serde_json::from_str(file(&files, META_PATH)).unwrap();
        assert_eq!(meta["n"], 3);
        assert_eq!(meta["b"], BUNDLE);
        assert_eq!(meta["c"][0], "bieu");
        // One bundle holds the three cards, in id order; no text is copied into it.
        let cards: serde_json::Value =
            serde_json::from_str(file(&files, "search/r/0.json")).unwrap();
        assert_eq!(cards[0]["t"], "Đại hội");
        assert_eq!(cards[0]["u"], "/dai-hoi/");
        assert_eq!(cards[2]["t"], "Khác");
        assert_eq!(cards.as_array().unwrap().len(), 3);
        assert!(!file(&files, "search/r/0.json").contains("sửa"));
        assert_eq!(files.len(), 3, "a bundle, a chunk and the index");
    }

    #[test]
    fn cards_are_bundled_by_id_range() {
        let list: Vec<Owned> = (0..BUNDLE * 3 + 1)
            .map(|i| owned(&format!("tin {i}"), "chung"))
            .collect();
        let files = files(&docs(&list), &Cache::disabled());
        let bundles: Vec<&(String, String)> = files
            .iter()
            .filter(|(p, _)| p.starts_with("search/r/"))
            .collect();
        assert_eq!(bundles.len(), 4);
        let last: serde_json::Value =
            serde_json::from_str(file(&files, "search/r/3.json")).unwrap();
        assert_eq!(last[0]["t"], format!("tin {}", BUNDLE * 3));
        let second: serde_json::Value =
            serde_json::from_str(file(&files, "search/r/1.json")).unwrap();
        assert_eq!(second.as_array().unwrap().len(), BUNDLE);
        assert_eq!(second[0]["t"], format!("tin {BUNDLE}"));
    }

    #[test]
    fn large_word_lists_are_split_into_sorted_chunks() {
        let list: Vec<Owned> = (0..3000)
            .map(|i| owned(&format!("tin {i}"), &format!("w{i}a w{i}b w{i}c")))
            .collect();
        let files = files(&docs(&list), &Cache::default());
        let meta: serde_json::Value = serde_json::from_str(file(&files, META_PATH)).unwrap();
        let firsts: Vec<&str> = meta["c"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(firsts.len() > 2, "{firsts:?}");
        assert!(firsts.windows(2).all(|w| w[0] < w[1]));
        for (n, _) in firsts.iter().enumerate() {
            let text = file(&files, &format!("search/c/{n}.json"));
            assert!(text.len() < CHUNK_BYTES + 2048);
        }
    }

    /// The files of a full index, as a map.
    fn full(list: &[Owned]) -> HashMap<String, String> {
        files(&docs(list), &Cache::disabled()).into_iter().collect()
    }

    /// `served` after an index made with `cache`: the files it returns replace those there, and
    /// the search files outside its layout go. Returns the paths it wrote.
    fn apply(served: &mut HashMap<String, String>, list: &[Owned], cache: &Cache) -> Vec<String> {
        let changed = files(&docs(list), cache);
        let paths = changed.iter().map(|(p, _)| p.clone()).collect();
        served.extend(changed);
        let layout = layout(cache).unwrap();
        served.retain(|path, _| !is_part(path) || in_layout(path, layout));
        paths
    }

    #[test]
    fn a_cached_index_equals_a_fresh_one() {
        let mut list = vec![
            owned("Đại hội", "hiến pháp"),
            owned("Hiến pháp", "đại biểu"),
        ];
        let cache = Cache::default();
        let mut served = HashMap::new();
        apply(&mut served, &list, &cache);
        assert_eq!(served, full(&list));
        // Nothing changed: the small file only.
        assert_eq!(apply(&mut served, &list, &cache), [META_PATH]);
        list[1].html = "đoàn kết".into();
        list.push(owned("Mới", "đại hội"));
        apply(&mut served, &list, &cache);
        assert_eq!(served, full(&list));
        list.remove(0);
        apply(&mut served, &list, &cache);
        assert_eq!(served, full(&list));
        assert_eq!(
            cache.state.lock().unwrap().as_ref().unwrap().keys.len(),
            2,
            "only the current documents are kept"
        );
        assert!(layout(&Cache::disabled()).is_none());
    }

    #[test]
    fn edits_rewrite_only_the_files_they_change() {
        let mut list: Vec<Owned> = (0..3000)
            .map(|i| owned(&format!("tin {i}"), &format!("w{i}a w{i}b chung {}", i % 7)))
            .collect();
        let cache = Cache::default();
        let mut served = HashMap::new();
        apply(&mut served, &list, &cache);
        assert!(served.contains_key("search/c/5.json"));
        assert!(served.contains_key("search/r/187.json"));
        // A body edit changes words only: no result bundle.
        for (n, edit) in [
            (10, "w10a chung 4"),
            (2500, "moi hoan toan"),
            (7, "tin 7 da doi"),
            (1234, ""),
        ] {
            list[n].html = edit.into();
            let changed = apply(&mut served, &list, &cache);
            assert!(changed.iter().any(|p| p == META_PATH));
            assert!(
                changed.iter().all(|p| !p.starts_with("search/r/")),
                "{changed:?}"
            );
            assert_eq!(served, full(&list), "after editing {n}");
        }
        // A title edit moves words between a document's title and its text, and changes its
        // card: its bundle only.
        list[5].title = "w5a".into();
        let changed = apply(&mut served, &list, &cache);
        let bundles: Vec<&String> = changed
            .iter()
            .filter(|p| p.starts_with("search/r/"))
            .collect();
        assert_eq!(bundles, ["search/r/0.json"]);
        assert_eq!(served, full(&list));
        // Many changes at once: the word list is made again.
        for d in list.iter_mut().step_by(3) {
            d.html.push_str(" them");
        }
        list.truncate(2000);
        apply(&mut served, &list, &cache);
        assert_eq!(served, full(&list));
        assert!(!served.contains_key("search/r/187.json"));
        // One document fewer at the end: its bundle is written again without it.
        list.truncate(1999);
        let changed = apply(&mut served, &list, &cache);
        assert!(
            changed.iter().any(|p| p == "search/r/124.json"),
            "{changed:?}"
        );
        assert_eq!(served, full(&list));
    }

    #[test]
    fn layouts_name_the_files_there_are() {
        let one = Layout {
            bundles: 1,
            chunks: 1,
        };
        let five = Layout {
            bundles: 5,
            chunks: 5,
        };
        assert!(in_layout("search/r/0.json", one));
        assert!(!in_layout("search/r/1.json", one));
        assert!(in_layout("search/c/0.json", one));
        assert!(!in_layout("search/c/01.json", five));
        assert!(!in_layout("search/c/x.json", five));
        assert!(!in_layout("search/d/0.json", five));
        assert!(!in_layout("search/index.json", five));
    }
}
