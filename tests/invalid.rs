//! The bad-input suite. Each case starts from the small valid site in
//! `tests/fixtures/valid-base/`, builds it into an output folder outside the site, breaks one
//! thing, and runs the real binary again. Every case must:
//!
//! - exit with code 1 (not 0, not 101 for a panic) from both `build` and `check`, in bounded time;
//! - print `error: <path relative to the root>[:line[:column]]: <message>` naming the broken
//!   file (and line where one is expected) with a message that says what is right;
//! - print only lines in that format, then the count;
//! - leave the previous output byte for byte as it was, with no staging folder behind.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "invalid/support.rs"]
mod support;

use support::{Run, TIME_LIMIT, base_fixture, build, check, copy_dir, snapshot};

// ---- mutations ---------------------------------------------------------------------------

fn write(site: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = site.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Replaces text that must be in the file (so a changed fixture cannot turn a case into a no-op).
fn replace(site: &Path, rel: &str, from: &str, to: &str) {
    let path = site.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn remove(site: &Path, rel: &str) {
    let path = site.join(rel);
    if path.is_dir() {
        fs::remove_dir_all(path).unwrap();
    } else {
        fs::remove_file(path).unwrap();
    }
}

#[cfg(unix)]
fn symlink(site: &Path, target: impl AsRef<Path>, rel: &str) {
    let link = site.join(rel);
    fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn news(front_matter: &str) -> String {
    format!("---\n{front_matter}---\nNội dung tin.\n")
}

const NEWS: &str = "content/news/2013-06-21-so-ket.md";
const PROFILE: &str = "content/associations/hoi-luat-gia/profile.yaml";
const H1: &str = "content/associations/hoi-luat-gia/2013-h1.yaml";
const H2_2012: &str = "content/associations/hoi-luat-gia/2012-h2.yaml";
const PERIOD: &str = "content/periods/2013-h1.md";
const SCORING: &str = "content/scoring/2013.yaml";
const PAGE: &str = "content/pages/gioi-thieu.md";
const THEME_NEWS: &str = "themes/default/templates/news.html";

type Mutation = Box<dyn Fn(&Path)>;

struct Case {
    name: &'static str,
    mutate: Mutation,
    /// What an `error:` line must start with: `path`, `path:line` or `path:line:column`.
    at: &'static str,
    /// What that line must say.
    says: &'static str,
}

fn case(
    name: &'static str,
    at: &'static str,
    says: &'static str,
    mutate: impl Fn(&Path) + 'static,
) -> Case {
    Case {
        name,
        mutate: Box::new(mutate),
        at,
        says,
    }
}

/// The alias bomb of the YAML spec's "billion laughs": 9^9 strings from 300 bytes.
fn alias_bomb() -> String {
    let mut text =
        String::from("title: a\ndate: 2013-01-01\nextra:\n  a: &a [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9u8 {
        let (prev, next) = ((b'a' + i - 1) as char, (b'a' + i) as char);
        let refs = vec![format!("*{prev}"); 9].join(", ");
        text.push_str(&format!("  {next}: &{next} [{refs}]\n"));
    }
    text
}

fn cases() -> Vec<Case> {
    let mut cases = vec![
        // ---- site.yaml ----
        case("site.yaml missing", "site.yaml", "no site.yaml", |s| {
            remove(s, "site.yaml")
        }),
        case(
            "site.yaml empty",
            "site.yaml:1:1",
            "missing required key `title`",
            |s| write(s, "site.yaml", ""),
        ),
        case(
            "site.yaml syntax error",
            "site.yaml:5:14",
            "never closed",
            |s| replace(s, "site.yaml", "description: Trang", "description: \"Trang"),
        ),
        case(
            "site.yaml tab indentation",
            "site.yaml:12",
            "spaces, not tabs",
            |s| replace(s, "site.yaml", "  new_members:", "\tnew_members:"),
        ),
        case(
            "site.yaml unknown key",
            "site.yaml:2:1",
            "did you mean `title`",
            |s| replace(s, "site.yaml", "title:", "titel:"),
        ),
        case(
            "site.yaml missing title",
            "site.yaml:2",
            "missing required key `title`",
            |s| {
                replace(
                    s,
                    "site.yaml",
                    "title: Khối thi đua các tổ chức hội đặc thù (thử nghiệm)\n",
                    "",
                )
            },
        ),
        case(
            "site.yaml base_url without scheme",
            "site.yaml:3",
            "https://",
            |s| {
                replace(
                    s,
                    "site.yaml",
                    "https://thidua.example.vn/khoi/",
                    "thidua.example.vn",
                )
            },
        ),
        case("site.yaml language", "site.yaml:4", "language", |s| {
            replace(s, "site.yaml", "language: vi", "language: fr")
        }),
        case(
            "site.yaml news_per_page 0",
            "site.yaml:6",
            "between 1 and 1000",
            |s| replace(s, "site.yaml", "news_per_page: 2", "news_per_page: 0"),
        ),
        case(
            "site.yaml leader typo",
            "site.yaml:9",
            "did you mean `hoi-luat-gia`",
            |s| {
                replace(
                    s,
                    "site.yaml",
                    "leader: hoi-luat-gia",
                    "leader: hoi-luat-gai",
                )
            },
        ),
        case("site.yaml metric key", "site.yaml:12", "lowercase", |s| {
            replace(s, "site.yaml", "  new_members:", "  New-Members:")
        }),
        case(
            "site.yaml unsafe_html not a boolean",
            "site.yaml:16",
            "unsafe_html",
            |s| replace(s, "site.yaml", "unsafe_html: false", "unsafe_html: có"),
        ),
        case("site.yaml not UTF-8", "site.yaml:2:", "UTF-8", |s| {
            write(
                s,
                "site.yaml",
                b"# x\ntitle: Kh\xf4i\nbase_url: https://a.vn/\n",
            )
        }),
        case("site.yaml binary", "site.yaml:1", "binary", |s| {
            write(s, "site.yaml", b"title: a\x00\x01\x02")
        }),
        // ---- news ----
        case(
            "news front matter never closed",
            "content/news/x.md:1",
            "never closed",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    "---\ntitle: A\ndate: 2013-01-01\nText\n",
                )
            },
        ),
        case(
            "news without front matter",
            "content/news/x.md:1",
            "must start with a line `---`",
            |s| write(s, "content/news/x.md", "title: A\n"),
        ),
        case("news empty file", "content/news/x.md:1", "empty", |s| {
            write(s, "content/news/x.md", "")
        }),
        case(
            "news only a fence",
            "content/news/x.md:1",
            "never closed",
            |s| write(s, "content/news/x.md", "---\n"),
        ),
        case(
            "news unknown key",
            "content/news/x.md:4:1",
            "did you mean `title`",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news("date: 2013-01-01\ntitle: A\ntittle: B\n"),
                )
            },
        ),
        case(
            "news missing title",
            "content/news/x.md:2",
            "missing required key `title`",
            |s| write(s, "content/news/x.md", news("date: 2013-01-01\n")),
        ),
        case(
            "news empty title",
            "content/news/x.md:2",
            "title must not be empty",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news("title: \"\"\ndate: 2013-01-01\n"),
                )
            },
        ),
        case(
            "news date in Vietnamese order",
            NEWS_DATE,
            "YYYY-MM-DD",
            |s| replace(s, NEWS, "date: 2013-06-21", "date: 21/06/2013"),
        ),
        case(
            "news date that does not exist",
            NEWS_DATE,
            "not a valid date",
            |s| replace(s, NEWS, "date: 2013-06-21", "date: 2013-02-30"),
        ),
        case(
            "news slug with ..",
            "content/news/x.md:4",
            "not a valid slug",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news("title: A\ndate: 2013-01-01\nslug: ../../x\n"),
                )
            },
        ),
        case(
            "news absolute slug",
            "content/news/x.md:4",
            "not a valid slug",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news("title: A\ndate: 2013-01-01\nslug: /tmp/x\n"),
                )
            },
        ),
        case(
            "news percent-encoded slug",
            "content/news/x.md:4",
            "not a valid slug",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news("title: A\ndate: 2013-01-01\nslug: \"%2e%2e/x\"\n"),
                )
            },
        ),
        case(
            "news empty slug",
            "content/news/x.md:4",
            "slug is empty",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news("title: A\ndate: 2013-01-01\nslug: \"\"\n"),
                )
            },
        ),
        case(
            "news unknown association",
            "content/news/2013-06-21-so-ket.md:4",
            "did you mean `hoi-luat-gia`",
            |s| {
                replace(
                    s,
                    NEWS,
                    "[hoi-luat-gia, lien-minh-htx]",
                    "[hoi-luat-gai, lien-minh-htx]",
                )
            },
        ),
        case(
            "news bad period",
            "content/news/2013-06-21-so-ket.md:5",
            "YYYY-h1",
            |s| replace(s, NEWS, "period: 2013-h1", "period: 2013-h3"),
        ),
        case(
            "news duplicate slug",
            "content/news/2014/so-ket.md",
            "content/news/2013-06-21-so-ket.md",
            |s| {
                write(
                    s,
                    "content/news/2014/so-ket.md",
                    news("title: B\ndate: 2014-01-01\n"),
                )
            },
        ),
        case(
            "news slugs equal after transliteration",
            "content/news/hội.md",
            "content/news/hói.md",
            |s| {
                write(
                    s,
                    "content/news/hói.md",
                    news("title: A\ndate: 2013-01-01\n"),
                );
                write(
                    s,
                    "content/news/hội.md",
                    news("title: B\ndate: 2013-01-02\n"),
                );
            },
        ),
        case(
            "news file name that is no slug",
            "content/news/2013-01-01-???.md",
            "set `slug:`",
            |s| {
                write(
                    s,
                    "content/news/2013-01-01-???.md",
                    news("title: A\ndate: 2013-01-01\n"),
                )
            },
        ),
        // A newline in a file name or a key must not break the one-line format.
        case(
            "news file name with a newline",
            "content/news/x\\ny.md:1",
            "never closed",
            |s| write(s, "content/news/x\ny.md", "---\ntitle: A\n"),
        ),
        case(
            "news key with a newline",
            "content/news/x.md:4:1",
            "unknown key `ti\\ntle`",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news("title: A\ndate: 2013-01-01\n\"ti\\ntle\": B\n"),
                )
            },
        ),
        case(
            "profile with a merge key",
            "content/associations/lien-minh-htx/profile.yaml:3:1",
            "unknown key `<<`",
            |s| {
                write(
                    s,
                    "content/associations/lien-minh-htx/profile.yaml",
                    "name: X\nextra: { b: &b { short_name: A } }\n<<: *b\n",
                )
            },
        ),
        case(
            "news YAML syntax error",
            "content/news/2013-06-21-so-ket.md:7",
            "did not find expected",
            |s| replace(s, NEWS, "tags: [Sơ kết, Thi đua]", "tags: [Sơ kết, Thi đua"),
        ),
        case(
            "news duplicate key",
            "content/news/x.md:4:1",
            "duplicate field `title`",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news("title: A\ndate: 2013-01-01\ntitle: B\n"),
                )
            },
        ),
        case(
            "news nested list in tags",
            "content/news/x.md:4:",
            "tags[0]",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news("title: A\ndate: 2013-01-01\ntags: [[a]]\n"),
                )
            },
        ),
        case(
            "news mapping as title",
            "content/news/x.md:2:",
            "title",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news("title: {a: 1}\ndate: 2013-01-01\n"),
                )
            },
        ),
        case(
            "news draft not a boolean",
            "content/news/x.md:4:",
            "draft",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news("title: A\ndate: 2013-01-01\ndraft: có\n"),
                )
            },
        ),
        case(
            "news javascript image",
            "content/news/x.md:4",
            "`javascript:` scheme",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news("title: A\ndate: 2013-01-01\nimage: \"javascript:alert(1)\"\n"),
                )
            },
        ),
        case(
            "news link to missing content",
            "content/news/2013-06-21-so-ket.md:13",
            "no such content",
            |s| {
                replace(
                    s,
                    NEWS,
                    "@/pages/gioi-thieu.md",
                    "@/pages/gioi-thieu-khoi.md",
                )
            },
        ),
        case("news not UTF-8", "content/news/x.md:2:9", "UTF-8", |s| {
            write(
                s,
                "content/news/x.md",
                b"---\ntitle: H\xe9i ngh\xfb\ndate: 2013-01-01\n---\n",
            )
        }),
        case("news UTF-16", "content/news/x.md:1:1", "UTF-16", |s| {
            let mut bytes = vec![0xFF, 0xFE];
            for unit in "---\ntitle: A\n---\n".encode_utf16() {
                bytes.extend(unit.to_le_bytes());
            }
            write(s, "content/news/x.md", bytes)
        }),
        case("news binary file", "content/news/x.md:3:1", "binary", |s| {
            write(
                s,
                "content/news/x.md",
                b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            )
        }),
        case("news alias bomb", "content/news/x.md", "aliases", |s| {
            write(s, "content/news/x.md", news(&alias_bomb()))
        }),
        case(
            "news deeply nested flow YAML",
            "content/news/x.md:4:",
            "nested too deeply",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news(&format!(
                        "title: A\ndate: 2013-01-01\nextra: {}\n",
                        "[".repeat(10_000)
                    )),
                )
            },
        ),
        case(
            "news deeply nested block YAML",
            "content/news/x.md",
            "nested too deeply",
            |s| {
                let mut fm = String::from("title: A\ndate: 2013-01-01\nextra:\n");
                for depth in 1..=300 {
                    fm.push_str(&"  ".repeat(depth));
                    fm.push_str("k:\n");
                }
                write(s, "content/news/x.md", news(&fm))
            },
        ),
        case("news huge file", "content/news/x.md", "limit", |s| {
            let mut text = news("title: A\ndate: 2013-01-01\n");
            text.push_str(&"Tin rất dài. ".repeat(700_000));
            write(s, "content/news/x.md", text)
        }),
        // ---- pages ----
        case(
            "page with a reserved slug",
            "content/pages/x.md:3",
            "used by blocpress itself",
            |s| write(s, "content/pages/x.md", "---\ntitle: A\nslug: news\n---\n"),
        ),
        case(
            "page in a sub-folder",
            "content/pages/a/b.md",
            "directly in content/pages/",
            |s| write(s, "content/pages/a/b.md", "---\ntitle: A\n---\n"),
        ),
        case(
            "page menu not a number",
            "content/pages/gioi-thieu.md:3:",
            "menu",
            |s| replace(s, PAGE, "menu: 1", "menu: đầu tiên"),
        ),
        case(
            "page duplicate slug",
            "content/pages/gioi_thieu.md",
            "content/pages/gioi-thieu.md",
            |s| write(s, "content/pages/gioi_thieu.md", "---\ntitle: B\n---\n"),
        ),
        // ---- associations ----
        case(
            "association folder that is no slug",
            "content/associations/Hoi_Moi",
            "association folder name",
            |s| {
                write(
                    s,
                    "content/associations/Hoi_Moi/profile.yaml",
                    "name: Hội mới\n",
                )
            },
        ),
        case(
            "association without profile",
            "content/associations/hoi-moi",
            "no profile.yaml",
            |s| {
                write(
                    s,
                    "content/associations/hoi-moi/2013-h1.yaml",
                    "summary: x\n",
                )
            },
        ),
        case(
            "profile empty",
            "content/associations/lien-minh-htx/profile.yaml:1:1",
            "missing required key `name`",
            |s| write(s, "content/associations/lien-minh-htx/profile.yaml", ""),
        ),
        case(
            "profile unknown key",
            "content/associations/hoi-luat-gia/profile.yaml:2:1",
            "did you mean `short_name`",
            |s| replace(s, PROFILE, "short_name:", "shortname:"),
        ),
        case(
            "profile javascript website",
            "content/associations/hoi-luat-gia/profile.yaml:5",
            "https://",
            |s| {
                replace(
                    s,
                    PROFILE,
                    "website: https://hoiluatgia.example.vn/",
                    "website: \"javascript:alert(1)\"",
                )
            },
        ),
        case(
            "profile with two documents",
            "content/associations/hoi-luat-gia/profile.yaml:4",
            "more than one YAML document",
            |s| replace(s, PROFILE, "order: 1\n", "order: 1\n---\nname: B\n"),
        ),
        case(
            "achievement unknown metric",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "did you mean `participants`",
            |s| replace(s, H1, "participants: 534", "participant: 534"),
        ),
        case(
            "achievement Vietnamese thousands as text",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "participants: 40000000",
            |s| replace(s, H1, "participants: 534", "participants: \"40.000.000\""),
        ),
        case(
            "achievement Vietnamese thousands unquoted",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "participants: 1500000",
            |s| replace(s, H1, "participants: 534", "participants: 1.500.000"),
        ),
        case(
            "achievement decimal comma",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "participants: 95.5",
            |s| replace(s, H1, "participants: 534", "participants: \"95,5\""),
        ),
        case(
            "achievement list as value",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "must be a number",
            |s| replace(s, H1, "participants: 534", "participants: [1, 2]"),
        ),
        case(
            "achievement NaN",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "finite",
            |s| replace(s, H1, "participants: 534", "participants: .nan"),
        ),
        case(
            "achievement 1e300",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "too large",
            |s| replace(s, H1, "participants: 534", "participants: 1e300"),
        ),
        case(
            "achievement integer beyond 64 bits",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:",
            "too large",
            |s| {
                replace(
                    s,
                    H1,
                    "participants: 534",
                    "participants: 99999999999999999999999999999999999999",
                )
            },
        ),
        case(
            "achievement hexadecimal",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "decimal digits",
            |s| replace(s, H1, "participants: 534", "participants: 0x10"),
        ),
        case(
            "target tiny enough to overflow a percentage",
            "content/associations/hoi-luat-gia/2012-h2.yaml:6:3",
            "decimals",
            |s| {
                replace(
                    s,
                    H2_2012,
                    "conferences: 30",
                    "conferences: 0.0000000000000000000000000001",
                )
            },
        ),
        case(
            "achievement file that names no period",
            "content/associations/hoi-luat-gia/2013-h3.yaml",
            "YYYY-h1",
            |s| {
                write(
                    s,
                    "content/associations/hoi-luat-gia/2013-h3.yaml",
                    "summary: x\n",
                )
            },
        ),
        case(
            "achievement .yml",
            "content/associations/hoi-luat-gia/2014-h1.yml",
            "`.yaml`",
            |s| {
                write(
                    s,
                    "content/associations/hoi-luat-gia/2014-h1.yml",
                    "summary: x\n",
                )
            },
        ),
        case(
            "achievement unknown key",
            "content/associations/hoi-luat-gia/2013-h1.yaml:6:1",
            "did you mean `highlights`",
            |s| replace(s, H1, "highlights:", "highlight:"),
        ),
        // ---- periods ----
        case(
            "period file that names no period",
            "content/periods/2013-h3.md",
            "YYYY-h1",
            |s| fs::rename(s.join(PERIOD), s.join("content/periods/2013-h3.md")).unwrap(),
        ),
        case(
            "period host typo",
            "content/periods/2013-h1.md:4",
            "did you mean `hoi-luat-gia`",
            |s| replace(s, PERIOD, "host: hoi-luat-gia", "host: hoi-luat-gai"),
        ),
        case(
            "period date",
            "content/periods/2013-h1.md:3",
            "YYYY-MM-DD",
            |s| replace(s, PERIOD, "date: 2013-06-21", "date: 31/02/2013"),
        ),
        // ---- scoring ----
        case(
            "scoring unknown criterion",
            "content/scoring/2013.yaml:11:",
            "did you mean `2.1`",
            |s| replace(s, SCORING, "\"2.1\": 8 }", "\"2.l\": 8 }"),
        ),
        case(
            "scoring score out of range",
            "content/scoring/2013.yaml:11:",
            "between 0 and 10",
            |s| replace(s, SCORING, "\"1.2\": 9.5,", "\"1.2\": 19.5,"),
        ),
        case(
            "scoring missing criterion",
            "content/scoring/2013.yaml:11:",
            "no score for criterion 2.1",
            |s| replace(s, SCORING, ", \"2.1\": 8 }", " }"),
        ),
        case(
            "scoring duplicate criterion id",
            "content/scoring/2013.yaml:6:11",
            "used twice",
            |s| replace(s, SCORING, "id: \"1.2\"", "id: \"1.1\""),
        ),
        case(
            "scoring unknown association",
            "content/scoring/2013.yaml:11:",
            "did you mean `hoi-luat-gia`",
            |s| replace(s, SCORING, "  hoi-luat-gia: {", "  hoi-luat-gai: {"),
        ),
        case(
            "scoring three decimals",
            "content/scoring/2013.yaml:11:",
            "two decimals",
            |s| replace(s, SCORING, "\"1.2\": 9.5,", "\"1.2\": 9.555,"),
        ),
        case(
            "scoring maximum beyond any total",
            "content/scoring/2013.yaml:5:",
            "too large",
            |s| {
                replace(
                    s,
                    SCORING,
                    "max: 10 }",
                    "max: 79228162514264337593543950335 }",
                )
            },
        ),
        case(
            "scoring adjustment too large",
            "content/scoring/2013.yaml:16:",
            "too large",
            |s| {
                replace(
                    s,
                    SCORING,
                    "points: 2,",
                    "points: 7922816251426433759354395033,",
                )
            },
        ),
        // Found by fuzzing: an empty key made the position search loop forever.
        case(
            "scoring empty criterion id",
            "content/scoring/2013.yaml:11:",
            "a criterion id is empty",
            |s| replace(s, SCORING, "\"1.2\": 9.5,", "\"\": 9.5,"),
        ),
        case(
            "scoring without groups",
            "content/scoring/2013.yaml:1:",
            "at least one group",
            |s| write(s, SCORING, "groups: []\n"),
        ),
        case(
            "scoring file that names no period",
            "content/scoring/nam-2013.yaml",
            "YYYY",
            |s| fs::rename(s.join(SCORING), s.join("content/scoring/nam-2013.yaml")).unwrap(),
        ),
        // ---- themes ----
        case(
            "template syntax error",
            "themes/default/templates/news.html:4",
            "expected",
            |s| {
                write(
                    s,
                    THEME_NEWS,
                    "{% extends \"base.html\" %}\n{% block content %}\n{{ news.title \n{% endblock %}\n",
                )
            },
        ),
        case(
            "template undefined variable",
            "themes/default/templates/news.html:3:",
            "not defined",
            |s| {
                write(
                    s,
                    THEME_NEWS,
                    "{% extends \"base.html\" %}\n{% block content %}\n{{ nothing.here }}\n{% endblock %}\n",
                )
            },
        ),
        case(
            "template unknown filter",
            "themes/default/templates/news.html:3:",
            "Unknown filter `nofilter`",
            |s| {
                write(
                    s,
                    THEME_NEWS,
                    "{% extends \"base.html\" %}\n{% block content %}\n{{ 1 | nofilter }}\n{% endblock %}\n",
                )
            },
        ),
        case(
            "template includes itself",
            "themes/default/templates/news.html:2",
            "circle",
            |s| write(s, THEME_NEWS, "<p>x</p>\n{% include \"news.html\" %}\n"),
        ),
        case(
            "template extends itself",
            "themes/default/templates/news.html:1",
            "circle",
            |s| write(s, THEME_NEWS, "{% extends \"news.html\" %}\n"),
        ),
        case(
            "template extends a missing parent",
            "themes/default/templates/news.html:1",
            "nen.html",
            |s| write(s, THEME_NEWS, "{% extends \"nen.html\" %}\n"),
        ),
        case(
            "template not UTF-8",
            "themes/default/templates/news.html:1:",
            "UTF-8",
            |s| write(s, THEME_NEWS, b"<p>H\xe9i</p>\n"),
        ),
        case(
            "theme that does not exist",
            "site.yaml:6",
            "themes/xanh/",
            |s| {
                replace(
                    s,
                    "site.yaml",
                    "news_per_page: 2",
                    "theme: xanh\nnews_per_page: 2",
                )
            },
        ),
        case(
            "translations with a syntax error",
            "themes/default/i18n/vi.yaml:2",
            "did not find expected",
            |s| write(s, "themes/default/i18n/vi.yaml", "home: [a\nnews: b\n"),
        ),
        // ---- static files ----
        case(
            "static file in place of a page",
            "static/news/index.html",
            "would replace the generated page",
            |s| write(s, "static/news/index.html", "<p>x</p>"),
        ),
    ];
    #[cfg(unix)]
    cases.extend(symlink_cases());
    cases
}

#[cfg(unix)]
fn symlink_cases() -> Vec<Case> {
    // A folder beside the site, standing for anything else on the machine.
    fn outside(site: &Path) -> PathBuf {
        let dir = site.parent().unwrap().join("elsewhere");
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("secret.md"),
            news("title: Bí mật\ndate: 2013-01-01\n"),
        )
        .unwrap();
        fs::write(dir.join("profile.yaml"), "name: Bí mật\n").unwrap();
        dir
    }
    vec![
        case(
            "symlink to a file outside the site",
            "content/news/leak.md",
            "outside the site folder",
            |s| {
                let dir = outside(s);
                symlink(s, dir.join("secret.md"), "content/news/leak.md")
            },
        ),
        case(
            "symlink to a folder outside the site",
            "content/news/leak",
            "outside the site folder",
            |s| {
                let dir = outside(s);
                symlink(s, dir, "content/news/leak")
            },
        ),
        case(
            "association folder linked from outside",
            "content/associations/hoi-moi",
            "outside the site folder",
            |s| {
                let dir = outside(s);
                symlink(s, dir, "content/associations/hoi-moi")
            },
        ),
        case(
            "static symlink outside the site",
            "static/secret.md",
            "outside the site folder",
            |s| {
                let dir = outside(s);
                symlink(s, dir.join("secret.md"), "static/secret.md")
            },
        ),
        case(
            "template symlink outside the site",
            "themes/default/templates/news.html",
            "outside the site folder",
            |s| {
                let dir = outside(s);
                symlink(s, dir.join("secret.md"), THEME_NEWS)
            },
        ),
        case(
            "symlink loop to a parent",
            "content/news/loop",
            "symlink loop",
            |s| symlink(s, "..", "content/news/loop"),
        ),
        case(
            "symlinks that point at each other",
            "content/news/a.md",
            "symlink loop",
            |s| {
                symlink(s, "b.md", "content/news/a.md");
                symlink(s, "a.md", "content/news/b.md");
            },
        ),
        case(
            "broken symlink",
            "content/news/gone.md",
            "broken symlink",
            |s| symlink(s, "nowhere.md", "content/news/gone.md"),
        ),
    ]
}

const NEWS_DATE: &str = "content/news/2013-06-21-so-ket.md:3";

/// Problems with one run's stderr; empty when it is as every failing run must be.
fn judge_stderr(run: &Run, case: &Case, what: &str, site: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let name = case.name;
    match run.code {
        Some(1) => {}
        None => problems.push(format!("{name}: {what} did not finish in {TIME_LIMIT:?}")),
        Some(code) => problems.push(format!("{name}: {what} exited with {code}, not 1")),
    }
    if run.stderr.contains("panicked") || run.stderr.contains("RUST_BACKTRACE") {
        problems.push(format!("{name}: {what} panicked:\n{}", run.stderr));
    }
    // `path:4:` in a case means "line 4, any column".
    let prefix = case.at.trim_end_matches(':').to_string();
    let expected = run.stderr.lines().any(|line| {
        strip_label(line, "error").is_some_and(|rest| {
            rest.starts_with(&prefix)
                && rest[prefix.len()..].starts_with(':')
                && rest.contains(case.says)
        })
    });
    if !expected {
        problems.push(format!(
            "{name}: {what} has no line starting `{prefix}:` and saying `{}`; stderr:\n{}",
            case.says, run.stderr
        ));
    }
    let site_text = site.to_string_lossy();
    let lines: Vec<&str> = run.stderr.lines().collect();
    for line in &lines[..lines.len().saturating_sub(1)] {
        let Some(rest) = strip_label(line, "error").or_else(|| strip_label(line, "warning")) else {
            problems.push(format!(
                "{name}: {what}: a line not in the diagnostic format: {line}"
            ));
            continue;
        };
        // The path is relative to the root; positions, when present, are numbers.
        let path = rest.split(": ").next().unwrap_or("");
        if path.starts_with('/') || path.contains(site_text.as_ref()) {
            problems.push(format!(
                "{name}: {what}: path not relative to the site: {line}"
            ));
        }
        let mut parts = path.split(':').skip(1);
        if !parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            problems.push(format!("{name}: {what}: odd position in: {line}"));
        }
    }
    let last = lines.last().copied().unwrap_or("");
    if !(last.contains(" error")
        && (last.starts_with("build failed: ") || last.starts_with("check failed: ")))
    {
        problems.push(format!(
            "{name}: {what}: the last line is not the count: {last}"
        ));
    }
    problems
}

/// `error[E012]: rest` → `rest`, for `label` `error` (or `warning`).
fn strip_label<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(label)?.strip_prefix('[')?;
    let (code, rest) = rest.split_once("]: ")?;
    (code.len() == 4).then_some(rest)
}

fn run_case(case: &Case) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = tmp.path().join("public");
    copy_dir(&base_fixture(), &site);
    let first = build(&site, &out);
    assert_eq!(
        first.code,
        Some(0),
        "the valid base must build: {}",
        first.stderr
    );
    let before = snapshot(&out);
    assert!(
        before.contains_key(".blocpress-output"),
        "the output carries its marker"
    );

    (case.mutate)(&site);
    let mut problems = Vec::new();
    let built = build(&site, &out);
    if std::env::var_os("INVALID_SHOW").is_some() {
        println!("== {}\n{}", case.name, built.stderr);
    }
    problems.extend(judge_stderr(&built, case, "build", &site));
    if snapshot(&out) != before {
        problems.push(format!("{}: the previous output changed", case.name));
    }
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("blocpress"))
        .collect();
    if !leftovers.is_empty() {
        problems.push(format!("{}: left behind {leftovers:?}", case.name));
    }
    let checked = check(&site);
    problems.extend(judge_stderr(&checked, case, "check", &site));
    if site.join("public").exists() {
        problems.push(format!("{}: check wrote an output folder", case.name));
    }
    if built.elapsed + checked.elapsed > Duration::from_secs(20) {
        problems.push(format!(
            "{}: took {:?} (build) and {:?} (check)",
            case.name, built.elapsed, checked.elapsed
        ));
    }
    problems
}

#[test]
fn every_broken_site_names_the_file_and_keeps_the_previous_output() {
    let cases = cases();
    assert!(
        cases.len() >= 40,
        "the suite covers at least 40 cases, has {}",
        cases.len()
    );
    let mut names = std::collections::HashSet::new();
    for case in &cases {
        assert!(names.insert(case.name), "two cases are named {}", case.name);
    }
    let only = std::env::var("INVALID_CASE").ok();
    let mut failures = Vec::new();
    for case in cases
        .iter()
        .filter(|c| only.as_deref().is_none_or(|o| c.name.contains(o)))
    {
        failures.extend(run_case(case));
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_error_of_a_run_is_reported_sorted_by_file_with_a_count() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&base_fixture(), &site);
    replace(&site, H1, "participants: 534", "participant: 534");
    replace(&site, NEWS, "date: 2013-06-21", "date: 21/06/2013");
    write(&site, "content/news/x.md", "---\ntitle: A\n");
    replace(&site, SCORING, "\"1.2\": 9.5,", "\"1.2\": 19.5,");
    replace(&site, PERIOD, "host: hoi-luat-gia", "host: hoi-luat-gai");
    let result = check(&site);
    assert_eq!(result.code, Some(1), "{}", result.stderr);
    let errors: Vec<&str> = result
        .stderr
        .lines()
        .filter_map(|l| strip_label(l, "error"))
        .collect();
    let files: Vec<&str> = errors
        .iter()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "content/associations/hoi-luat-gia/2013-h1.yaml",
            "content/news/2013-06-21-so-ket.md",
            "content/news/x.md",
            "content/periods/2013-h1.md",
            "content/scoring/2013.yaml",
        ],
        "{}",
        result.stderr
    );
    assert!(
        result
            .stderr
            .trim_end()
            .ends_with("check failed: 5 errors, 0 warnings"),
        "{}",
        result.stderr
    );
}

#[test]
fn vietnamese_thousands_in_a_count_fail_with_the_way_to_write_them() {
    // SPEC Part 2: a count is a whole number, so `10.202` (YAML's 10.202) is an error that says
    // to write 10202. (Decimal metrics still only warn: see the unit tests.)
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&base_fixture(), &site);
    replace(&site, H1, "participants: 534", "participants: 10.202");
    let result = build(&site, &tmp.path().join("out"));
    assert_eq!(result.code, Some(1), "{}", result.stderr);
    assert!(
        result.stderr.contains(
            "error[E200]: content/associations/hoi-luat-gia/2013-h1.yaml:4:3: “participants: 10.202” is a count"
        ) && result.stderr.contains("write: participants: 10202"),
        "{}",
        result.stderr
    );
}

#[test]
fn the_valid_base_checks_clean_and_check_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&base_fixture(), &site);
    let before = snapshot(&site);
    let result = check(&site);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert!(
        result.stderr.contains("check passed: 0 errors, 0 warnings"),
        "{}",
        result.stderr
    );
    assert_eq!(snapshot(&site), before, "check changed the site folder");
}
