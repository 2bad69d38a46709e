//! Every link and image in the README and `docs/*.md` leads somewhere: a relative path names a
//! file or folder inside the repository (never outside it, where a clone has nothing), and an
//! anchor (`#…`, `file.md#…`) names a heading of that file as GitHub numbers them, or an
//! `id`/`name` written in its HTML. Links to the web are not followed (the tests never go out).

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Markdown files whose links are checked: the README and every guide in `docs/`.
fn documents() -> Vec<PathBuf> {
    let root = repository();
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped (letters of any script,
/// digits, `-` and `_` kept), spaces turned into `-`; a repeated heading gets `-1`, `-2`, ….
fn github_anchor(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Every anchor a Markdown file offers.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                let base = github_anchor(&heading.take().unwrap_or_default());
                let mut anchor = base.clone();
                let mut n = 0;
                while found.contains(&anchor) {
                    n += 1;
                    anchor = format!("{base}-{n}");
                }
                found.insert(anchor);
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for attr in ["id=\"", "name=\""] {
                    for (i, _) in html.match_indices(attr) {
                        let rest = &html[i + attr.len()..];
                        if let Some(end) = rest.find('"') {
                            found.insert(rest[..end].to_string());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// Every link and image target of a Markdown file, with its line.
fn links(text: &str) -> Vec<(usize, String)> {
    Parser::new(text)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let line = text[..range.start].matches('\n').count() + 1;
                Some((line, dest_url.to_string()))
            }
            _ => None,
        })
        .collect()
}

/// `a/./b/../c` → `a/c`, without touching the disk (the target may not exist).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// What is wrong with each link of `file`, one line each.
fn broken_links(file: &Path) -> Vec<String> {
    let root = repository();
    let text = std::fs::read_to_string(file).unwrap();
    let shown = file.strip_prefix(&root).unwrap().display().to_string();
    let mut problems = Vec::new();
    for (line, url) in links(&text) {
        if url.contains("://") || url.starts_with("mailto:") {
            continue;
        }
        let (path, anchor) = match url.split_once('#') {
            Some((path, anchor)) => (path, Some(percent_decode(anchor))),
            None => (url.as_str(), None),
        };
        let target = if path.is_empty() {
            file.to_path_buf()
        } else {
            normalise(&file.parent().unwrap().join(percent_decode(path)))
        };
        if !target.starts_with(&root) {
            problems.push(format!("{shown}:{line}: {url} leads out of the repository"));
            continue;
        }
        if !target.exists() {
            problems.push(format!("{shown}:{line}: {url}: no such file"));
            continue;
        }
        if let Some(anchor) = anchor {
            let is_markdown = target.extension().is_some_and(|e| e == "md");
            let offered = if is_markdown {
                anchors(&std::fs::read_to_string(&target).unwrap())
            } else {
                BTreeSet::new()
            };
            if !offered.contains(&anchor) {
                let near = offered
                    .iter()
                    .min_by_key(|a| strsim::levenshtein(a, &anchor))
                    .cloned()
                    .unwrap_or_default();
                problems.push(format!(
                    "{shown}:{line}: {url}: no heading with the anchor #{anchor} (nearest: #{near})"
                ));
            }
        }
    }
    problems
}

#[test]
fn every_link_and_anchor_of_the_readme_and_the_docs_resolves() {
    let problems: Vec<String> = documents().iter().flat_map(|f| broken_links(f)).collect();
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn anchors_are_numbered_like_github() {
    let text = "# Cài đặt\n## 8. Thu thập số liệu bằng Excel\n## `site.yaml`\n## A & B\n## A & B\n\
                <a id=\"muc-rieng\"></a>\n";
    let found = anchors(text);
    for want in [
        "cài-đặt",
        "8-thu-thập-số-liệu-bằng-excel",
        "siteyaml",
        "a--b",
        "a--b-1",
        "muc-rieng",
    ] {
        assert!(found.contains(want), "{want} not in {found:?}");
    }
}

#[test]
fn a_broken_anchor_a_missing_file_and_a_link_out_of_the_repository_are_found() {
    let dir = repository().join("target/doc-links-test");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.md");
    std::fs::write(
        &file,
        "# Mục lục\n[a](#muc-luc)\n[b](#mục-lục)\n[c](nowhere.md)\n[d](../../../shared/SPEC.md)\n\
         ![e](bad.md#mục-lục)\n",
    )
    .unwrap();
    let problems = broken_links(&file);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(
        problems[0].contains(":2: #muc-luc: no heading"),
        "{problems:#?}"
    );
    assert!(problems[1].contains(":4: nowhere.md: no such file"));
    assert!(problems[2].contains(":5: ../../../shared/SPEC.md leads out"));
}

/// The layers of the README's "How the code is laid out", lowest first: the backquoted module
/// names of each numbered line (a line may wrap; `content::write` counts as `content`).
fn readme_layers() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(repository().join("README.md")).unwrap();
    let section = readme
        .split("\n## How the code is laid out\n")
        .nth(1)
        .expect("README has a section \"How the code is laid out\"");
    let section = section.split("\n## ").next().unwrap();
    let mut layers: Vec<Vec<String>> = Vec::new();
    for line in section.lines() {
        let trimmed = line.trim_start();
        let numbered = trimmed
            .split_once(". ")
            .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty());
        if numbered && !line.starts_with(' ') {
            layers.push(Vec::new());
        } else if trimmed.is_empty() || !line.starts_with(' ') {
            if !layers.is_empty() && trimmed.is_empty() {
                break;
            }
            continue;
        }
        let layer = layers.last_mut().unwrap();
        for (i, part) in line.split('`').enumerate() {
            let name = part.split("::").next().unwrap();
            if i % 2 == 1
                && !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                layer.push(name.to_string());
            }
        }
    }
    layers
}

/// The modules at the top of `src/`: `mod` lines of the library and of the binary.
fn top_modules() -> BTreeSet<String> {
    let mut modules = BTreeSet::new();
    for file in ["src/lib.rs", "src/main.rs"] {
        let text = std::fs::read_to_string(repository().join(file)).unwrap();
        for line in text.lines() {
            let line = line.trim_start_matches("pub ");
            if let Some(name) = line.strip_prefix("mod ").and_then(|l| l.strip_suffix(';')) {
                modules.insert(name.to_string());
            }
        }
    }
    modules
}

#[test]
fn the_readme_s_code_layout_names_every_module_and_layers_point_one_way() {
    let layers = readme_layers();
    assert!(layers.len() >= 5, "layers read from the README: {layers:?}");
    let layer_of: std::collections::BTreeMap<&str, usize> = layers
        .iter()
        .enumerate()
        .flat_map(|(i, names)| names.iter().map(move |n| (n.as_str(), i)))
        .collect();
    let listed: BTreeSet<String> = layer_of.keys().map(|s| s.to_string()).collect();
    assert_eq!(
        top_modules(),
        listed,
        "the README's layout lists exactly the modules of src/"
    );

    // No file names a module of a higher layer (comments and test modules aside).
    let mut upward = Vec::new();
    for entry in walkdir::WalkDir::new(repository().join("src")) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(repository().join("src")).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let top = top.trim_end_matches(".rs");
        let Some(&own) = layer_of.get(top) else {
            continue; // lib.rs, main.rs
        };
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for prefix in ["crate::", "blocpress::"] {
                for (i, _) in line.match_indices(prefix) {
                    let name: String = line[i + prefix.len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                        .collect();
                    if let Some(&theirs) = layer_of.get(name.as_str())
                        && theirs > own
                    {
                        upward.push(format!("src/{}: {}", rel.display(), line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "files that name a module of a higher layer:\n{}",
        upward.join("\n")
    );
}
