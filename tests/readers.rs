//! What readers get beyond the pages themselves (SPEC Part 2, "Readers"): old URLs redirect
//! (`aliases`), corrections show everywhere (`updated`), feeds per member and per tag, related
//! news, a table of contents, and the search index split into word-list chunks and result bundles.

mod support;

use support::{Site, attr, first_text, select, stderr};

const TAP_HUAN: &str = "content/news/2023-11-02-tap-huan.md";

/// The news fixture (base URL under `/khoi-thi-dua/`) with a corrected, moved item.
fn corrected() -> Site {
    let site = Site::new("news-site");
    site.edit(
        TAP_HUAN,
        "date: 2023-11-02\n",
        "date: 2023-11-02\nupdated: 2023-11-20T10:00:00+07:00\naliases: [/news/tap-huan-cu/, /2023/11/tap-huan.html]\ntags: [Tổng kết]\n",
    );
    site.build_ok(&[]);
    site
}

#[test]
fn aliases_redirect_under_the_sub_path() {
    let site = corrected();
    for rel in ["news/tap-huan-cu/index.html", "2023/11/tap-huan.html"] {
        let page = site.html(rel);
        assert_eq!(
            attr(&page, "meta[http-equiv=refresh]", "content"),
            ["0; url=/khoi-thi-dua/news/tap-huan/"],
            "{rel}"
        );
        assert_eq!(
            attr(&page, "link[rel=canonical]", "href"),
            ["https://example.org/khoi-thi-dua/news/tap-huan/"]
        );
        assert_eq!(
            attr(&page, "main a", "href"),
            ["/khoi-thi-dua/news/tap-huan/"]
        );
        assert_eq!(first_text(&page, "main a"), "Tập huấn nghiệp vụ thi đua");
    }
    // Redirects are not pages to index.
    assert!(!site.read("sitemap.xml").contains("tap-huan-cu"));
}

#[test]
fn updated_shows_on_the_page_in_feeds_sitemap_and_json_ld() {
    let site = corrected();
    let page = site.html("news/tap-huan/index.html");
    assert_eq!(
        attr(&page, "p.updated time", "datetime"),
        ["2023-11-20T10:00:00+07:00"]
    );
    assert_eq!(first_text(&page, "p.updated"), "Cập nhật ngày 20/11/2023");
    let json: serde_json::Value =
        serde_json::from_str(&first_text(&page, "script[type=\"application/ld+json\"]")).unwrap();
    assert_eq!(json["dateModified"], "2023-11-20T10:00:00+07:00");
    assert_eq!(json["datePublished"], "2023-11-02T00:00:00+07:00");
    assert!(site.read("sitemap.xml").contains(
        "<loc>https://example.org/khoi-thi-dua/news/tap-huan/</loc><lastmod>2023-11-20</lastmod>"
    ));
    for feed in ["atom.xml", "tags/tong-ket/atom.xml"] {
        let xml = site.read(feed);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let entry = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .find(|e| {
                e.children().any(|c| {
                    c.has_tag_name("id") && c.text().unwrap_or("").ends_with("/news/tap-huan/")
                })
            })
            .unwrap_or_else(|| panic!("{feed}: no entry for the item"));
        let child = |name: &str| {
            entry
                .children()
                .find(|c| c.has_tag_name(name))
                .and_then(|c| c.text())
                .unwrap()
                .to_string()
        };
        assert_eq!(child("updated"), "2023-11-20T10:00:00+07:00", "{feed}");
        assert_eq!(child("published"), "2023-11-02T00:00:00+07:00", "{feed}");
    }
}

#[test]
fn feeds_per_tag_and_member_are_valid_atom_and_linked() {
    let site = Site::new("bloc");
    site.build_ok(&[]);
    let mut checked = 0;
    for dir in ["associations", "tags"] {
        for entry in std::fs::read_dir(site.out().join(dir)).unwrap() {
            let folder = entry.unwrap().path();
            if !folder.join("atom.xml").is_file() {
                continue;
            }
            let name = folder.file_name().unwrap().to_str().unwrap().to_string();
            let xml = std::fs::read_to_string(folder.join("atom.xml")).unwrap();
            let doc =
                roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{dir}/{name}: {e}"));
            let feed = doc.root_element();
            assert_eq!(
                feed.tag_name().namespace(),
                Some("http://www.w3.org/2005/Atom")
            );
            let self_link = feed
                .children()
                .find(|c| c.has_tag_name("link") && c.attribute("rel") == Some("self"))
                .unwrap();
            assert!(
                self_link
                    .attribute("href")
                    .unwrap()
                    .ends_with(&format!("/{dir}/{name}/atom.xml")),
                "{xml}"
            );
            let page = site.html(&format!("{dir}/{name}/index.html"));
            let alternate = attr(
                &page,
                "link[rel=alternate][type=\"application/atom+xml\"]",
                "href",
            );
            assert!(
                alternate
                    .iter()
                    .any(|h| h.ends_with(&format!("/{dir}/{name}/atom.xml"))),
                "{dir}/{name}: {alternate:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 2, "no member or tag feeds");
}

#[test]
fn an_alias_that_takes_a_real_page_is_an_error_at_its_line() {
    let site = Site::new("news-site");
    site.edit(
        TAP_HUAN,
        "date: 2023-11-02\n",
        "date: 2023-11-02\naliases:\n  - /cu/\n  - /news/tong-ket/\n  - /tags/\n",
    );
    let output = site.build(&[]);
    assert!(!output.status.success());
    let text = stderr(&output);
    assert!(
        text.contains("error[E501]: content/news/2023-11-02-tap-huan.md:6:5: old URL `/news/tong-ket/` is the page /news/tong-ket/, which exists"),
        "{text}"
    );
    assert!(
        text.contains("error[E501]: content/news/2023-11-02-tap-huan.md:7:5: old URL `/tags/`"),
        "{text}"
    );
    assert!(!text.contains("/cu/"), "{text}");
    let text = stderr(&site.build(&["--lang", "vi"]));
    assert!(
        text.contains("lỗi[E501]: content/news/2023-11-02-tap-huan.md:6:5: địa chỉ cũ “/news/tong-ket/” trùng với trang /news/tong-ket/ đang có"),
        "{text}"
    );
}

#[test]
fn a_bad_alias_or_an_update_before_the_date_is_an_error() {
    let site = Site::new("news-site");
    site.edit(
        TAP_HUAN,
        "date: 2023-11-02\n",
        "date: 2023-11-02\naliases:\n  - /cu/\n  - khong-co-gach\n  - https://cu.example.org/tin/\nupdated: 2023-11-01\n",
    );
    let text = stderr(&site.build(&[]));
    assert!(
        text.contains(
            "error[E500]: content/news/2023-11-02-tap-huan.md:6:5: old URL `khong-co-gach`"
        ),
        "{text}"
    );
    assert!(
        text.contains("error[E500]: content/news/2023-11-02-tap-huan.md:7:5:"),
        "{text}"
    );
    assert!(
        text.contains("error[E504]: content/news/2023-11-02-tap-huan.md:8:1:"),
        "{text}"
    );
    site.edit(TAP_HUAN, "updated: 2023-11-01", "updated: 1/12/2023");
    let text = stderr(&site.build(&[]));
    assert!(
        text.contains(
            "error[E503]: content/news/2023-11-02-tap-huan.md:8:1: `updated` date `1/12/2023`"
        ),
        "{text}"
    );
}

#[test]
fn two_items_with_one_alias_name_both_files() {
    let site = Site::new("news-site");
    site.edit(
        TAP_HUAN,
        "date: 2023-11-02\n",
        "date: 2023-11-02\naliases: [/cu/]\n",
    );
    site.edit(
        "content/news/2023-12-30-tong-ket.md",
        "date: 2023-12-30\n",
        "date: 2023-12-30\naliases: [/cu]\n",
    );
    let text = stderr(&site.build(&[]));
    assert!(
        text.contains("error[E502]: content/news/2023-12-30-tong-ket.md:4:")
            && text.contains("already an alias in content/news/2023-11-02-tap-huan.md"),
        "{text}"
    );
}

#[test]
fn related_news_share_a_member_or_tag_newest_first_never_itself() {
    let site = corrected();
    let mut seen = 0;
    for entry in std::fs::read_dir(site.out().join("news")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("index.html").is_file() || dir.ends_with("page") {
            continue;
        }
        let page = site.html(&format!(
            "news/{}/index.html",
            dir.file_name().unwrap().to_str().unwrap()
        ));
        let own = attr(&page, "link[rel=canonical]", "href")[0].clone();
        let dates = attr(&page, ".related time", "datetime");
        let links = attr(&page, ".related a", "href");
        assert!(links.len() <= 4);
        assert!(
            !links.iter().any(|l| own.ends_with(l.as_str())),
            "{own} relates to itself"
        );
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "{own}: related news are newest first");
        seen += links.len();
    }
    assert!(seen > 0, "no related news anywhere");
    let tap_huan = site.html("news/tap-huan/index.html");
    assert_eq!(
        attr(&tap_huan, ".related a", "href"),
        ["/khoi-thi-dua/news/tong-ket/"]
    );
}

#[test]
fn table_of_contents_from_three_headings() {
    let site = Site::new("news-site");
    site.write(
        "content/pages/quy-che.md",
        "---\ntitle: Quy chế\n---\n## Phạm vi\n\nx\n\n## Đối tượng\n\ny\n\n### Chi tiết\n\nz\n",
    );
    site.build_ok(&[]);
    let page = site.html("quy-che/index.html");
    assert_eq!(
        attr(&page, "nav.toc a", "href"),
        ["#pham-vi", "#doi-tuong", "#chi-tiet"]
    );
    for id in ["pham-vi", "doi-tuong", "chi-tiet"] {
        assert_eq!(select(&page, &format!("h2#{id}, h3#{id}")).len(), 1, "{id}");
    }
    // Two headings are not enough.
    assert!(select(&site.html("gioi-thieu/index.html"), "nav.toc").is_empty());
}

/// The first word of each chunk of the word list, from `search/index.json`.
fn chunk_firsts(meta: &serde_json::Value) -> Vec<&str> {
    meta["c"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
fn search_index_has_body_words_in_chunks_and_every_document_in_a_bundle() {
    let site = Site::new("news-site");
    site.edit(TAP_HUAN, "cho cán bộ", "cho cán bộ về Điện Biên Phủ");
    site.build_ok(&[]);
    let meta: serde_json::Value = serde_json::from_str(&site.read("search/index.json")).unwrap();
    let firsts = chunk_firsts(&meta);
    // The chunk that holds `dien` (a body word, folded: Đ → d).
    let n = firsts.iter().rposition(|f| *f <= "dien").unwrap();
    let chunk: serde_json::Value =
        serde_json::from_str(&site.read(&format!("search/c/{n}.json"))).unwrap();
    let postings = &chunk["dien"];
    // Delta-coded ids of the documents with the word outside their title.
    let mut id = 0;
    let ids: Vec<u64> = postings[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            id += v.as_u64().unwrap();
            id
        })
        .collect();
    // Each id's card is in bundle id / b, at id % b.
    let per_bundle = meta["b"].as_u64().unwrap();
    let cards: Vec<serde_json::Value> = ids
        .iter()
        .map(|id| {
            let bundle: serde_json::Value =
                serde_json::from_str(&site.read(&format!("search/r/{}.json", id / per_bundle)))
                    .unwrap();
            bundle[(id % per_bundle) as usize].clone()
        })
        .collect();
    let card = cards
        .iter()
        .find(|c| c["u"] == "/khoi-thi-dua/news/tap-huan/")
        .unwrap_or_else(|| panic!("{postings}: {cards:?}"));
    assert_eq!(card["t"], "Tập huấn nghiệp vụ thi đua");
    assert_eq!(card["k"], "n");
    // The snippet is cut from the page's marked text, which has the body word.
    let page = site.html("news/tap-huan/index.html");
    let marked = select(&page, "[data-search-text]");
    assert_eq!(marked.len(), 1);
    assert!(support::text(&marked[0]).contains("Điện Biên Phủ"));
    // Every document has its card, in as few files as the bundle size allows.
    let bundles: Vec<serde_json::Value> = (0..std::fs::read_dir(site.out().join("search/r"))
        .unwrap()
        .count())
        .map(|n| serde_json::from_str(&site.read(&format!("search/r/{n}.json"))).unwrap())
        .collect();
    let documents = meta["n"].as_u64().unwrap();
    assert_eq!(bundles.len() as u64, documents.div_ceil(per_bundle));
    assert_eq!(
        bundles
            .iter()
            .map(|b| b.as_array().unwrap().len() as u64)
            .sum::<u64>(),
        documents
    );
}

/// Writes `count` news items of about 300 words each into `site` (a small vocabulary, so the
/// word list is realistic: most words in many items, a few in one), 20 a list page.
fn many_news(site: &Site, count: usize) {
    const WORDS: [&str; 48] = [
        "đại",
        "hội",
        "đoàn",
        "thanh",
        "niên",
        "hiến",
        "máu",
        "tình",
        "nguyện",
        "phong",
        "trào",
        "thi",
        "đua",
        "khen",
        "thưởng",
        "cán",
        "bộ",
        "công",
        "chức",
        "đơn",
        "vị",
        "tỉnh",
        "huyện",
        "xã",
        "phường",
        "hội",
        "nghị",
        "tổng",
        "kết",
        "năm",
        "kế",
        "hoạch",
        "triển",
        "khai",
        "pháp",
        "lý",
        "miễn",
        "phí",
        "trợ",
        "giúp",
        "người",
        "dân",
        "học",
        "tập",
        "làm",
        "theo",
        "gương",
        "Bác",
    ];
    site.edit("site.yaml", "news_per_page: 2", "news_per_page: 20");
    let mut seed: u64 = 20130621;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..count {
        let mut body = String::new();
        for paragraph in 0..5 {
            for w in 0..60 {
                let word = WORDS[(next() % WORDS.len() as u64) as usize];
                body.push_str(if w == 0 { "" } else { " " });
                body.push_str(word);
            }
            // A word only this item has (a name, a number): the long tail of the word list.
            body.push_str(&format!(" mã{i}x{paragraph}.\n\n"));
        }
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let year = 2000 + i / (28 * 12);
        site.write(
            &format!("content/news/{year}/{year}-{month:02}-{day:02}-tin-{i}.md"),
            &format!(
                "---\ntitle: Tin số {i} – {} {}\ndate: {year}-{month:02}-{day:02}\ntags: [{}]\n---\n{body}",
                WORDS[i % WORDS.len()],
                WORDS[(i * 7) % WORDS.len()],
                WORDS[(i * 3) % WORDS.len()],
            ),
        );
    }
}

fn gzipped(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

/// What `static/search.js` downloads for `words` (folded): the search page and its script,
/// `search/index.json`, the chunks that can hold each word, the bundles of the ten best results
/// and their pages (the snippets' text), gzipped as a static host serves them. Ranked the way
/// the script ranks. Returns (bytes, results).
fn query_transfer(site: &Site, words: &[&str]) -> (usize, usize) {
    let mut files: Vec<String> = vec![
        "search/index.html".into(),
        "search.js".into(),
        "search/index.json".into(),
    ];
    let meta: serde_json::Value = serde_json::from_str(&site.read("search/index.json")).unwrap();
    let firsts = chunk_firsts(&meta);
    let mut sets: Vec<std::collections::HashMap<u64, u64>> = Vec::new();
    for word in words {
        // The chunk where the word would be, then the following ones it starts (at most 4).
        let at = firsts.iter().rposition(|f| f <= word).unwrap_or(0);
        let chunks: Vec<usize> = (at..firsts.len())
            .take_while(|&n| n == at || firsts[n].starts_with(word))
            .take(4)
            .collect();
        let mut found = std::collections::HashMap::new();
        for n in chunks {
            let path = format!("search/c/{n}.json");
            let chunk: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&site.read(&path)).unwrap();
            if !files.contains(&path) {
                files.push(path);
            }
            for (w, postings) in chunk.iter().filter(|(w, _)| w.starts_with(word)) {
                let exact = u64::from(w == word);
                for (list, weight) in [(0, 3 + exact), (1, 1 + exact)] {
                    let mut id = 0;
                    for delta in postings[list].as_array().unwrap() {
                        id += delta.as_u64().unwrap();
                        let score = found.entry(id).or_insert(0);
                        *score = (*score).max(weight);
                    }
                }
            }
        }
        sets.push(found);
    }
    let mut hits: Vec<(u64, u64)> = sets[0]
        .iter()
        .filter_map(|(&id, _)| {
            let scores: Option<Vec<u64>> = sets.iter().map(|s| s.get(&id).copied()).collect();
            scores.map(|s| (id, s.iter().sum()))
        })
        .collect();
    hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let per_bundle = meta["b"].as_u64().unwrap();
    for &(id, _) in hits.iter().take(10) {
        let path = format!("search/r/{}.json", id / per_bundle);
        let bundle: serde_json::Value = serde_json::from_str(&site.read(&path)).unwrap();
        let url = bundle[(id % per_bundle) as usize]["u"].as_str().unwrap();
        let page = format!("{}index.html", url.strip_prefix("/khoi-thi-dua/").unwrap());
        for file in [path, page] {
            if !files.contains(&file) {
                files.push(file);
            }
        }
    }
    let bytes = files
        .iter()
        .map(|f| gzipped(&std::fs::read(site.out().join(f)).unwrap()))
        .sum();
    (bytes, hits.len())
}

/// Issue 26: the search index is a small share of the files a static host uploads (result
/// cards bundled, the word list in chunks), and a query downloads little.
#[test]
fn search_files_stay_within_a_tenth_of_the_pages_and_a_query_downloads_little() {
    let site = Site::new("news-site");
    many_news(&site, 1000);
    site.build_ok(&[]);
    let files: Vec<String> = walkdir::WalkDir::new(site.out())
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(site.out()).unwrap();
            path.to_string_lossy().replace('\\', "/")
        })
        .collect();
    let pages = files.iter().filter(|f| f.ends_with("index.html")).count();
    let search = files
        .iter()
        .filter(|f| f.starts_with("search/") && *f != "search/index.html")
        .count();
    assert!(pages > 1000, "{pages} pages");
    assert!(
        search * 10 <= pages,
        "{search} search files for {pages} pages (at most a tenth)"
    );
    // Every news item is searchable by a word of its body alone (`mã17x3` folds to `ma17x3`).
    let (_, found) = query_transfer(&site, &["ma17x3"]);
    assert_eq!(found, 1);
    for query in [
        &["dai", "hoi"][..],
        &["hien", "mau"],
        &["phap", "ly", "mien", "phi"],
    ] {
        let (bytes, found) = query_transfer(&site, query);
        assert!(found > 10, "{query:?}: {found} results");
        assert!(bytes <= 300 * 1024, "{query:?}: {bytes} bytes gzipped");
    }
}
