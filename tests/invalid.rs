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

#[path = "support/crafted.rs"]
mod crafted;
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
    /// What that line must say (in English, the language these runs use).
    says: &'static str,
    /// The diagnostic code of that line, and what it says in Vietnamese (`check --lang vi`).
    code: &'static str,
    vi: &'static str,
}

impl Case {
    /// The code the line carries and a part of its Vietnamese text.
    fn vi(mut self, code: &'static str, vi: &'static str) -> Case {
        self.code = code;
        self.vi = vi;
        self
    }
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
        code: "",
        vi: "",
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
        })
        .vi("E061", "không thấy tệp site.yaml trong"),
        case(
            "site.yaml empty",
            "site.yaml:1:1",
            "missing required key `title`",
            |s| write(s, "site.yaml", ""),
        )
        .vi("E011", "thiếu khoá bắt buộc “title”: hãy thêm dòng title: …"),
        case(
            "site.yaml syntax error",
            "site.yaml:5:14",
            "never closed",
            |s| replace(s, "site.yaml", "description: Trang", "description: \"Trang"),
        )
        .vi("E018", "dấu ngoặc kép mở ở đây nhưng không được đóng; hãy đóng lại trên cùng"),
        case(
            "site.yaml tab indentation",
            "site.yaml:12",
            "spaces, not tabs",
            |s| replace(s, "site.yaml", "  new_members:", "\tnew_members:"),
        )
        .vi("E015", "dòng này thụt lề bằng phím Tab: hãy xoá Tab và thụt lề bằng dấu cách"),
        case(
            "site.yaml unknown key",
            "site.yaml:2:1",
            "did you mean `title`",
            |s| replace(s, "site.yaml", "title:", "titel:"),
        )
        .vi("E010", "khoá “titel” không dùng được ở đây; có phải ý bạn là"),
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
        )
        .vi("E011", "thiếu khoá bắt buộc “title”: hãy thêm dòng title: …"),
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
        )
        .vi("E062", "base_url “thidua.example.vn”: địa chỉ phải bắt đầu bằng https:// hoặc"),
        case("site.yaml language", "site.yaml:4", "language", |s| {
            replace(s, "site.yaml", "language: vi", "language: fr")
        })
        .vi("E021", "“language”: không dùng được giá trị “fr”; hãy viết một trong các giá"),
        case(
            "site.yaml news_per_page 0",
            "site.yaml:6",
            "between 1 and 1000",
            |s| replace(s, "site.yaml", "news_per_page: 2", "news_per_page: 0"),
        )
        .vi("E063", "news_per_page phải từ 1 đến 1000, không phải 0"),
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
        )
        .vi("E067", "“hoi-luat-gai” không phải đơn vị thành viên; có phải ý bạn là"),
        case("site.yaml metric key", "site.yaml:12", "lowercase", |s| {
            replace(s, "site.yaml", "  new_members:", "  New-Members:")
        })
        .vi("E066", "tên chỉ tiêu “New-Members” phải bắt đầu bằng chữ cái và chỉ gồm chữ"),
        case(
            "site.yaml unsafe_html not a boolean",
            "site.yaml:16",
            "unsafe_html",
            |s| replace(s, "site.yaml", "unsafe_html: false", "unsafe_html: có"),
        )
        .vi("E022", "“markdown.unsafe_html”: cần true (có) hoặc false (không), không phải"),
        case("site.yaml not UTF-8", "site.yaml:2:", "UTF-8", |s| {
            write(
                s,
                "site.yaml",
                b"# x\ntitle: Kh\xf4i\nbase_url: https://a.vn/\n",
            )
        })
        .vi("E005", "tệp không phải văn bản UTF-8 (có thể đang gõ bằng bảng mã TCVN3 hay"),
        case("site.yaml binary", "site.yaml:1", "binary", |s| {
            write(s, "site.yaml", b"title: a\x00\x01\x02")
        })
        .vi("E004", "tệp này là tệp nhị phân (ảnh, tài liệu…), không phải văn bản; ảnh và"),
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
        )
        .vi("E042", "phần thông tin đầu bài chưa được đóng: thêm một dòng `---` sau phần"),
        case(
            "news without front matter",
            "content/news/x.md:1",
            "must start with a line `---`",
            |s| write(s, "content/news/x.md", "title: A\n"),
        )
        .vi("E041", "tệp phải bắt đầu bằng một dòng `---`, tiếp theo là phần thông tin"),
        case("news empty file", "content/news/x.md:1", "empty", |s| {
            write(s, "content/news/x.md", "")
        })
        .vi("E040", "tệp trống: cần phần thông tin đầu bài nằm giữa hai dòng `---`"),
        case(
            "news only a fence",
            "content/news/x.md:1",
            "never closed",
            |s| write(s, "content/news/x.md", "---\n"),
        )
        .vi("E042", "phần thông tin đầu bài chưa được đóng: thêm một dòng `---` sau phần"),
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
        )
        .vi("E010", "khoá “tittle” không dùng được ở đây; có phải ý bạn là"),
        case(
            "news missing title",
            "content/news/x.md:2",
            "missing required key `title`",
            |s| write(s, "content/news/x.md", news("date: 2013-01-01\n")),
        )
        .vi("E011", "thiếu khoá bắt buộc “title”: hãy thêm dòng title: …"),
        case(
            "news empty title",
            "content/news/x.md:2",
            "`title` must not be empty",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news("title: \"\"\ndate: 2013-01-01\n"),
                )
            },
        )
        .vi("E065", "“title” không được để trống"),
        case(
            "news date in Vietnamese order",
            NEWS_DATE,
            "write it year-month-day: 2013-06-21",
            |s| replace(s, NEWS, "date: 2013-06-21", "date: 21/06/2013"),
        )
        .vi("E045", "“21/06/2013” không phải ngày hợp lệ: ngày viết theo dạng"),
        case(
            "news date that does not exist",
            NEWS_DATE,
            "not a valid date",
            |s| replace(s, NEWS, "date: 2013-06-21", "date: 2013-02-30"),
        )
        .vi("E046", "“2013-02-30” không phải ngày hợp lệ: tháng 2 năm 2013 chỉ có 28 ngày"),
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
        )
        .vi("E051", "“../../x” không dùng được làm tên đường dẫn: chỉ dùng chữ thường a-z"),
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
        )
        .vi("E051", "“"),
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
        )
        .vi("E051", "“%2e%2e/x” không dùng được làm tên đường dẫn: chỉ dùng chữ thường a-z"),
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
        )
        .vi("E050", "tên đường dẫn (slug) đang trống: dùng chữ thường a-z không dấu, chữ"),
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
        )
        .vi("E067", "“hoi-luat-gai” không phải đơn vị thành viên; có phải ý bạn là"),
        case(
            "news bad period",
            "content/news/2013-06-21-so-ket.md:5",
            "YYYY-h1",
            |s| replace(s, NEWS, "period: 2013-h1", "period: 2013-h3"),
        )
        .vi("E059", "“2013-h3” không phải mã kỳ: viết `YYYY-h1` (6 tháng đầu năm),"),
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
        )
        .vi("E054", "tin này có địa chỉ /news/so-ket/, trùng với"),
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
        )
        .vi("E054", "tin này có địa chỉ /news/hoi/, trùng với content/news/hói.md; hãy đặt"),
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
        )
        .vi("E052", "không tạo được tên đường dẫn từ tên tệp này; hãy đổi tên tệp, hoặc"),
        // A newline in a file name or a key must not break the one-line format.
        case(
            "news file name with a newline",
            "content/news/x\\ny.md:1",
            "never closed",
            |s| write(s, "content/news/x\ny.md", "---\ntitle: A\n"),
        )
        .vi("E042", "phần thông tin đầu bài chưa được đóng: thêm một dòng `---` sau phần"),
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
        )
        .vi("E010", "khoá “ti\\ntle” không dùng được ở đây; có phải ý bạn là"),
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
        )
        .vi("E010", "khoá “<<” không dùng được ở"),
        case(
            "news YAML syntax error",
            "content/news/2013-06-21-so-ket.md:6:7",
            "a list `[` opened here is never closed",
            |s| replace(s, NEWS, "tags: [Sơ kết, Thi đua]", "tags: [Sơ kết, Thi đua"),
        )
        .vi("E018", "dấu mở danh sách `[` mở ở đây nhưng không được đóng; hãy đóng lại"),
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
        )
        .vi("E012", "khoá “title” được viết hai lần; mỗi khoá chỉ viết một lần, hãy xoá"),
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
        )
        .vi("E022", "“tags[0]”: cần một giá trị chữ (một giá trị), không phải […]"),
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
        )
        .vi("E022", "“title”: cần một giá trị chữ (một giá trị), không phải {…}"),
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
        )
        .vi("E022", "“draft”: cần true (có) hoặc false (không), không phải \"có\""),
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
        )
        .vi("E056", "“javascript:alert(1)” dùng giao thức `javascript:`; chỉ được dùng"),
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
        )
        .vi("E120", "liên kết tới “@/pages/gioi-thieu-khoi.md”: không có nội dung này;"),
        case("news not UTF-8", "content/news/x.md:2:9", "UTF-8", |s| {
            write(
                s,
                "content/news/x.md",
                b"---\ntitle: H\xe9i ngh\xfb\ndate: 2013-01-01\n---\n",
            )
        })
        .vi("E005", "tệp không phải văn bản UTF-8 (có thể đang gõ bằng bảng mã TCVN3 hay"),
        case("news UTF-16", "content/news/x.md:1:1", "UTF-16", |s| {
            let mut bytes = vec![0xFF, 0xFE];
            for unit in "---\ntitle: A\n---\n".encode_utf16() {
                bytes.extend(unit.to_le_bytes());
            }
            write(s, "content/news/x.md", bytes)
        })
        .vi("E003", "tệp đang lưu theo mã UTF-16; hãy lưu lại theo UTF-8 (trong Notepad:"),
        case("news binary file", "content/news/x.md:3:1", "binary", |s| {
            write(
                s,
                "content/news/x.md",
                b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            )
        })
        .vi("E004", "tệp này là tệp nhị phân (ảnh, tài liệu…), không phải văn bản; ảnh và"),
        case("news alias bomb", "content/news/x.md", "aliases", |s| {
            write(s, "content/news/x.md", news(&alias_bomb()))
        })
        .vi("E014", "dùng quá nhiều bí danh (`*ten`) ở đây; hãy viết thẳng giá trị"),
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
        )
        .vi("E013", "dữ liệu lồng quá sâu (quá 64 lớp `[` hoặc `{`); kiểm tra xem có dấu"),
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
        )
        .vi("E013", "dữ liệu lồng quá sâu (quá 128 lớp `[` hoặc `{`); kiểm tra xem có dấu"),
        case("news huge file", "content/news/x.md", "limit", |s| {
            let mut text = news("title: A\ndate: 2013-01-01\n");
            text.push_str(&"Tin rất dài. ".repeat(700_000));
            write(s, "content/news/x.md", text)
        })
        .vi("E002", "tệp nặng 10.7 MiB, vượt giới hạn 1 MiB của tệp nội dung; hãy tách nhỏ"),
        // ---- pages ----
        case(
            "page with a reserved slug",
            "content/pages/x.md:3",
            "used by blocpress itself",
            |s| write(s, "content/pages/x.md", "---\ntitle: A\nslug: news\n---\n"),
        )
        .vi("E053", "địa chỉ `/news/` đã được blocpress dùng; hãy chọn slug khác"),
        case(
            "page in a sub-folder",
            "content/pages/a/b.md",
            "directly in content/pages/",
            |s| write(s, "content/pages/a/b.md", "---\ntitle: A\n---\n"),
        )
        .vi("E086", "trang phải đặt ngay trong content/pages/, không đặt trong thư mục con"),
        case(
            "page menu not a number",
            "content/pages/gioi-thieu.md:3:",
            "menu",
            |s| replace(s, PAGE, "menu: 1", "menu: đầu tiên"),
        )
        .vi("E022", "“menu”: cần một số nguyên, không phải \"đầu tiên\""),
        case(
            "page duplicate slug",
            "content/pages/gioi_thieu.md",
            "content/pages/gioi-thieu.md",
            |s| write(s, "content/pages/gioi_thieu.md", "---\ntitle: B\n---\n"),
        )
        .vi("E054", "trang này có địa chỉ /gioi-thieu/, trùng với"),
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
        )
        .vi("E071", "tên thư mục đơn vị: “Hoi_Moi” không dùng được làm tên đường dẫn: chỉ"),
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
        )
        .vi("E070", "thư mục đơn vị này chưa có tệp profile.yaml (ít nhất phải có dòng"),
        case(
            "profile empty",
            "content/associations/lien-minh-htx/profile.yaml:1:1",
            "missing required key `name`",
            |s| write(s, "content/associations/lien-minh-htx/profile.yaml", ""),
        )
        .vi("E011", "thiếu khoá bắt buộc “name”: hãy thêm dòng name: …"),
        case(
            "profile unknown key",
            "content/associations/hoi-luat-gia/profile.yaml:2:1",
            "did you mean `short_name`",
            |s| replace(s, PROFILE, "short_name:", "shortname:"),
        )
        .vi("E010", "khoá “shortname” không dùng được ở đây; có phải ý bạn là"),
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
        )
        .vi("E057", "trang web “javascript:alert(1)” phải là địa chỉ đầy đủ, bắt đầu bằng"),
        case(
            "profile with two documents",
            "content/associations/hoi-luat-gia/profile.yaml:4",
            "more than one YAML document",
            |s| replace(s, PROFILE, "order: 1\n", "order: 1\n---\nname: B\n"),
        )
        .vi("E019", "tệp chứa hơn một tài liệu YAML (có dòng `---` ở giữa?); mỗi tệp chỉ"),
        case(
            "achievement unknown metric",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "did you mean `participants`",
            |s| replace(s, H1, "participants: 534", "participant: 534"),
        )
        .vi("E075", "chỉ tiêu “participant” chưa được khai báo; có phải ý bạn là"),
        case(
            "achievement Vietnamese thousands as text",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "participants: 40000000",
            |s| replace(s, H1, "participants: 534", "participants: \"40.000.000\""),
        )
        .vi("E081", "“participants: \"40.000.000\"” bị đọc thành chữ, không phải số: viết số"),
        case(
            "achievement Vietnamese thousands unquoted",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "participants: 1500000",
            |s| replace(s, H1, "participants: 534", "participants: 1.500.000"),
        )
        .vi("E081", "“participants: 1.500.000” bị đọc thành chữ, không phải số: viết số"),
        case(
            "achievement decimal comma",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "participants: 95.5",
            |s| replace(s, H1, "participants: 534", "participants: \"95,5\""),
        )
        .vi("E082", "“participants: \"95,5\"” bị đọc thành chữ: viết số thập phân bằng dấu"),
        case(
            "achievement list as value",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "must be a number",
            |s| replace(s, H1, "participants: 534", "participants: [1, 2]"),
        )
        .vi("E084", "“participants” phải là một số (như 35 hoặc 95.5), không phải danh sách"),
        case(
            "achievement NaN",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "finite",
            |s| replace(s, H1, "participants: 534", "participants: .nan"),
        )
        .vi("E079", "“participants” phải là một số cụ thể"),
        case(
            "achievement sample as a word",
            "content/associations/hoi-luat-gia/2013-h1.yaml:9",
            "`extra.sample` is \"có\", which means nothing",
            |s| replace(s, H1, "plans:\n", "extra:\n  sample: có\nplans:\n"),
        )
        .vi("E140", "`extra.sample` là \"có\", không rõ nghĩa: hãy ghi `true`"),
        case(
            "news sample as a list",
            "content/news/2013-06-21-so-ket.md:8",
            "`extra.sample` of a news item is [\"title\"]",
            |s| {
                replace(
                    s,
                    NEWS,
                    "author: Ban biên tập\n",
                    "author: Ban biên tập\nextra: { sample: [title] }\n",
                )
            },
        )
        .vi("E141", "`extra.sample` của một tin là [\"title\"], không rõ nghĩa"),
        case(
            "achievement 1e300",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "too large",
            |s| replace(s, H1, "participants: 534", "participants: 1e300"),
        )
        .vi("E077", "“participants” quá lớn: số liệu tối đa là 1000000000000000 (10^15)"),
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
        )
        .vi("E020", "số 99999999999999999999999999999999999999 quá lớn"),
        case(
            "achievement hexadecimal",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "decimal digits",
            |s| replace(s, H1, "participants: 534", "participants: 0x10"),
        )
        .vi("E076", "“participants: 0x10” là số hệ 16 hoặc hệ 8; hãy viết bằng chữ số thập"),
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
        )
        .vi("E078", "“conferences” có quá 6 chữ số sau dấu chấm; hãy làm tròn (ví dụ 95.5)"),
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
        )
        .vi("E072", "thư mục đơn vị chỉ chứa profile.yaml và mỗi kỳ một tệp: “2013-h3”"),
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
        )
        .vi("E073", "đổi tên tệp này cho đuôi thành `.yaml`"),
        case(
            "achievement unknown key",
            "content/associations/hoi-luat-gia/2013-h1.yaml:6:1",
            "did you mean `highlights`",
            |s| replace(s, H1, "highlights:", "highlight:"),
        )
        .vi("E010", "khoá “highlight” không dùng được ở đây; có phải ý bạn là"),
        // ---- periods ----
        case(
            "period file that names no period",
            "content/periods/2013-h3.md",
            "YYYY-h1",
            |s| fs::rename(s.join(PERIOD), s.join("content/periods/2013-h3.md")).unwrap(),
        )
        .vi("E060", "tên tệp phải là mã kỳ: “2013-h3” không phải mã kỳ; đặt tên `YYYY-h1`,"),
        case(
            "period host typo",
            "content/periods/2013-h1.md:4",
            "did you mean `hoi-luat-gia`",
            |s| replace(s, PERIOD, "host: hoi-luat-gia", "host: hoi-luat-gai"),
        )
        .vi("E067", "“hoi-luat-gai” không phải đơn vị thành viên; có phải ý bạn là"),
        case(
            "period date",
            "content/periods/2013-h1.md:3",
            "month 2 of 2013 has only 28 days",
            |s| replace(s, PERIOD, "date: 2013-06-21", "date: 31/02/2013"),
        )
        .vi("E046", "“31/02/2013” không phải ngày hợp lệ: tháng 2 năm 2013 chỉ có 28 ngày"),
        // ---- scoring ----
        case(
            "scoring unknown criterion",
            "content/scoring/2013.yaml:11:",
            "did you mean `2.1`",
            |s| replace(s, SCORING, "\"2.1\": 8 }", "\"2.l\": 8 }"),
        )
        .vi("E099", "không có tiêu chí “2.l”; có phải ý bạn là “2.1”?"),
        case(
            "scoring score out of range",
            "content/scoring/2013.yaml:11:",
            "between 0 and 10",
            |s| replace(s, SCORING, "\"1.2\": 9.5,", "\"1.2\": 19.5,"),
        )
        .vi("E101", "điểm 19.5 của hoi-luat-gia ở tiêu chí 1.2 nằm ngoài khung: phải từ 0"),
        case(
            "scoring missing criterion",
            "content/scoring/2013.yaml:11:",
            "no score for criterion 2.1",
            |s| replace(s, SCORING, ", \"2.1\": 8 }", " }"),
        )
        .vi("E102", "hoi-luat-gia chưa có điểm tiêu chí 2.1: mỗi tiêu chí đều phải có điểm"),
        case(
            "scoring duplicate criterion id",
            "content/scoring/2013.yaml:6:11",
            "used twice",
            |s| replace(s, SCORING, "id: \"1.2\"", "id: \"1.1\""),
        )
        .vi("E096", "mã tiêu chí “1.1” bị dùng hai lần; mỗi tiêu chí cần một mã riêng"),
        case(
            "scoring unknown association",
            "content/scoring/2013.yaml:11:",
            "did you mean `hoi-luat-gia`",
            |s| replace(s, SCORING, "  hoi-luat-gia: {", "  hoi-luat-gai: {"),
        )
        .vi("E067", "“hoi-luat-gai” không phải đơn vị thành viên; có phải ý bạn là"),
        case(
            "scoring three decimals",
            "content/scoring/2013.yaml:11:",
            "two decimals",
            |s| replace(s, SCORING, "\"1.2\": 9.5,", "\"1.2\": 9.555,"),
        )
        .vi("E094", "điểm của hoi-luat-gia ở tiêu chí 1.2 “9.555” có quá hai chữ số sau"),
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
        )
        .vi("E020", "số 79228162514264337593543950335 quá lớn"),
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
        )
        .vi("E020", "số 7922816251426433759354395033 quá lớn"),
        // Found by fuzzing: an empty key made the position search loop forever.
        case(
            "scoring empty criterion id",
            "content/scoring/2013.yaml:11:",
            "a criterion id is empty",
            |s| replace(s, SCORING, "\"1.2\": 9.5,", "\"\": 9.5,"),
        )
        .vi("E100", "có mã tiêu chí để trống; hãy viết một trong các mã đã khai báo dưới"),
        case(
            "scoring without groups",
            "content/scoring/2013.yaml:1:",
            "at least one group",
            |s| write(s, SCORING, "groups: []\n"),
        )
        .vi("E095", "tệp chấm điểm cần ít nhất một nhóm tiêu chí (`groups`)"),
        case(
            "scoring file that names no period",
            "content/scoring/nam-2013.yaml",
            "YYYY",
            |s| fs::rename(s.join(SCORING), s.join("content/scoring/nam-2013.yaml")).unwrap(),
        )
        .vi("E060", "tên tệp phải là mã kỳ: “nam-2013” không phải mã kỳ; đặt tên"),
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
        )
        .vi("E110", "lỗi mẫu giao diện: Found `{` but expected }}."),
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
        )
        .vi("E111", "lỗi mẫu giao diện: Variable `nothing` is not defined. Available"),
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
        )
        .vi("E110", "lỗi mẫu giao diện: Unknown filter `nofilter`"),
        case(
            "template includes itself",
            "themes/default/templates/news.html:2",
            "circle",
            |s| write(s, THEME_NEWS, "<p>x</p>\n{% include \"news.html\" %}\n"),
        )
        .vi("E113", "các mẫu giao diện chèn nhau thành vòng (news.html → news.html); một"),
        case(
            "template extends itself",
            "themes/default/templates/news.html:1",
            "circle",
            |s| write(s, THEME_NEWS, "{% extends \"news.html\" %}\n"),
        )
        .vi("E112", "các mẫu giao diện kế thừa nhau thành vòng (news.html → news.html);"),
        case(
            "template extends a missing parent",
            "themes/default/templates/news.html:1",
            "nen.html",
            |s| write(s, THEME_NEWS, "{% extends \"nen.html\" %}\n"),
        )
        .vi("E114", "kế thừa “nen.html”, nhưng mẫu này không có trong giao diện"),
        case(
            "template not UTF-8",
            "themes/default/templates/news.html:1:",
            "UTF-8",
            |s| write(s, THEME_NEWS, b"<p>H\xe9i</p>\n"),
        )
        .vi("E005", "tệp không phải văn bản UTF-8 (có thể đang gõ bằng bảng mã TCVN3 hay"),
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
        )
        .vi("E069", "không thấy giao diện “xanh”: không có thư mục themes/xanh/ (bỏ dòng"),
        case(
            "translations with a syntax error",
            "themes/default/i18n/vi.yaml:1:7",
            "never closed",
            |s| write(s, "themes/default/i18n/vi.yaml", "home: [a\nnews: b\n"),
        )
        .vi("E018", "dấu mở danh sách `[` mở ở đây nhưng không được đóng; hãy đóng lại"),
        // ---- static files ----
        case(
            "static file in place of a page",
            "static/news/index.html",
            "would replace the generated page",
            |s| write(s, "static/news/index.html", "<p>x</p>"),
        )
        .vi("E117", "tệp tĩnh này sẽ đè lên trang /news/index.html do blocpress tạo; hãy"),
        // ---- files next to content ----
        case(
            "photo next to a news item that is not there",
            "content/news/2013-06-21-so-ket.md:11",
            "link or image `anh/khong-co.jpg` points to a file the site does not have",
            |s| {
                replace(
                    s,
                    NEWS,
                    "(/images/hoi-nghi.svg \"Quang cảnh Hội nghị\")",
                    "(anh/khong-co.jpg)",
                )
            },
        )
        .vi("E400", "liên kết hoặc ảnh “anh/khong-co.jpg” trỏ tới một tệp không có trong trang"),
        case(
            "photo path out of content/",
            "content/news/2013-06-21-so-ket.md:11",
            "`../../static/images/hoi-nghi.svg` leads out of the content folder",
            |s| {
                replace(
                    s,
                    NEWS,
                    "(/images/hoi-nghi.svg \"Quang cảnh Hội nghị\")",
                    "(../../static/images/hoi-nghi.svg)",
                )
            },
        )
        .vi("E410", "“../../static/images/hoi-nghi.svg” dẫn ra ngoài thư mục nội dung"),
        case(
            "logo next to a profile in the place of a static file",
            "content/associations/hoi-luat-gia/logo.svg",
            "would be published at /associations/hoi-luat-gia/logo.svg, where static/associations/hoi-luat-gia/logo.svg is published already",
            |s| {
                let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>";
                write(s, "content/associations/hoi-luat-gia/logo.svg", svg);
                write(s, "static/associations/hoi-luat-gia/logo.svg", svg);
                replace(
                    s,
                    PROFILE,
                    "order: 1\n",
                    "order: 1\nlogo: logo.svg\n",
                )
            },
        )
        .vi("E411", "tệp này sẽ được đăng ở /associations/hoi-luat-gia/logo.svg, nơi đã có tệp"),
        case(
            "two photos that differ only in their extension",
            "static/images/hoi-nghi.png",
            "would be published at /images/hoi-nghi-64w.webp, where static/images/hoi-nghi.jpg is published already",
            |s| {
                let photo = image::RgbImage::from_pixel(64, 48, image::Rgb([200, 30, 30]));
                for (name, format) in [
                    ("hoi-nghi.jpg", image::ImageFormat::Jpeg),
                    ("hoi-nghi.png", image::ImageFormat::Png),
                ] {
                    photo
                        .save_with_format(s.join("static/images").join(name), format)
                        .unwrap();
                }
            },
        )
        .vi(
            "E411",
            "tệp này sẽ được đăng ở /images/hoi-nghi-64w.webp, nơi đã có tệp static/images/hoi-nghi.jpg",
        ),
        case(
            "an iPhone photo in HEIC",
            "static/images/tham-hoi-vien.heic",
            "a HEIC image cannot be published: desktop browsers cannot show it, and the file still holds its GPS position",
            |s| {
                // An ISO-BMFF header as an iPhone writes it; nothing reads further.
                let mut heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
                heic.extend_from_slice(&[0; 64]);
                fs::write(s.join("static/images/tham-hoi-vien.heic"), heic).unwrap();
            },
        )
        .vi(
            "E412",
            "ảnh định dạng HEIC chưa đăng được: trình duyệt trên máy tính không mở được loại ảnh này",
        ),
    ];
    cases.extend(hostile_cases());
    #[cfg(unix)]
    cases.extend(symlink_cases());
    cases
}

/// Issue 22: files that try to crash, exhaust or take over blocpress.
fn hostile_cases() -> Vec<Case> {
    use crafted::{grey_png, jpeg_claiming, png_claiming, real_jpeg};
    vec![
        case(
            "a 70-byte PNG claiming 100000×100000 pixels",
            "static/images/bom.png",
            "this image claims 100000×100000 pixels",
            |s| {
                let png = png_claiming(100_000, 100_000);
                assert!(png.len() < 80, "{} bytes", png.len());
                write(s, "static/images/bom.png", png);
            },
        )
        .vi("E610", "ảnh này ghi kích thước 100000×100000 điểm ảnh"),
        case(
            "a progressive JPEG claiming 65500×65500 pixels",
            "static/images/bom.jpg",
            "this image claims 65500×65500 pixels",
            |s| {
                write(
                    s,
                    "static/images/bom.jpg",
                    jpeg_claiming(65_500, 65_500, true),
                )
            },
        )
        .vi("E610", "ảnh này ghi kích thước 65500×65500 điểm ảnh"),
        case(
            "a baseline JPEG claiming 65500×65500 pixels next to a news item",
            "content/news/anh/bom.jpeg",
            "this image claims 65500×65500 pixels",
            |s| {
                write(
                    s,
                    "content/news/anh/bom.jpeg",
                    jpeg_claiming(65_500, 65_500, false),
                );
                replace(s, NEWS, "Sáng 21/6", "![Bom](anh/bom.jpeg)\n\nSáng 21/6");
            },
        )
        .vi("E610", "ảnh này ghi kích thước 65500×65500 điểm ảnh"),
        case(
            "a photo cut in half by a copy that did not finish",
            "static/images/nua.jpg",
            "the file stops before the image does",
            |s| {
                let photo = real_jpeg(320, 240);
                write(s, "static/images/nua.jpg", &photo[..photo.len() / 2]);
            },
        )
        .vi("E402", "tệp ảnh bị cắt cụt"),
        case(
            "a PNG cut short",
            "static/images/nua.png",
            "the file stops before the image does",
            |s| {
                let png = grey_png(64, 64);
                write(s, "static/images/nua.png", &png[..png.len() - 20]);
            },
        )
        .vi("E402", "tệp ảnh bị cắt cụt"),
        case(
            "a web page saved as .jpg",
            "static/images/trang.jpg",
            "the file is not a JPEG, PNG, WebP or GIF image",
            |s| {
                write(
                    s,
                    "static/images/trang.jpg",
                    "<html><script>alert(1)</script>",
                )
            },
        )
        .vi("E402", "tệp không phải ảnh JPEG, PNG, WebP hay GIF"),
        case(
            "an AVIF photo, which keeps its GPS position",
            "static/images/anh.avif",
            "AVIF images cannot be published",
            |s| {
                let mut avif = b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf".to_vec();
                avif.extend_from_slice(&[0; 64]);
                write(s, "static/images/anh.avif", avif);
            },
        )
        .vi("E612", "ảnh định dạng AVIF chưa đăng được"),
        case(
            "a PNG that needs more memory than images.memory",
            "static/images/lon.png",
            "more than images may use (64 MB",
            |s| {
                replace(
                    s,
                    "site.yaml",
                    "language: vi",
                    "language: vi\nimages: { memory: 64 MB }",
                );
                write(s, "static/images/lon.png", grey_png(4000, 3000));
            },
        )
        .vi("E611", "nhiều hơn mức dành cho ảnh (64 MB"),
        // An SVG or a page linked from a news item ran in the browser at the editing API's
        // address: a script in it rewrote a member's figures.
        case(
            "an SVG with a script next to a news item",
            "content/news/anh/bieu-do.svg:3:3",
            "this SVG holds an element that runs code or holds a whole page (<script>)",
            |s| {
                write(
                    s,
                    "content/news/anh/bieu-do.svg",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\">\n  <rect width=\"8\" height=\"8\"/>\n  <script>fetch('/admin/api/v1', {method: 'POST'})</script>\n</svg>\n",
                );
                replace(s, NEWS, "Sáng 21/6", "![Biểu đồ](anh/bieu-do.svg)\n\nSáng 21/6");
            },
        )
        .vi("E620", "ảnh SVG này có một phần tử chạy mã hoặc chứa cả một trang (<script>)"),
        case(
            "an SVG logo with an onload handler",
            "content/associations/hoi-luat-gia/logo.svg:1:",
            "this SVG holds an event handler (on…) (onload=",
            |s| {
                write(
                    s,
                    "content/associations/hoi-luat-gia/logo.svg",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.domain)\"><circle r=\"4\"/></svg>",
                );
                replace(s, PROFILE, "order: 1", "order: 1\nlogo: logo.svg");
            },
        )
        .vi("E620", "ảnh SVG này có một lệnh chạy khi có sự kiện (on…) (onload="),
        case(
            "an SVG in static with HTML in a foreignObject",
            "static/images/hoi-nghi.svg:1:",
            "this SVG holds an element that runs code or holds a whole page (<foreignObject>)",
            |s| {
                write(
                    s,
                    "static/images/hoi-nghi.svg",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject width=\"8\" height=\"8\"><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject></svg>",
                );
            },
        )
        .vi("E620", "(<foreignObject>)"),
        case(
            "an SVG that is not well-formed",
            "static/images/hoi-nghi.svg:2:",
            "this SVG is not well-formed XML here",
            |s| write(s, "static/images/hoi-nghi.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g></svg>\n"),
        )
        .vi("E621", "ảnh SVG này không phải XML đúng cú pháp"),
        case(
            "an XHTML page next to a news item",
            "content/news/trang.xhtml",
            "a file a browser opens as a web page or runs as a program",
            |s| {
                write(
                    s,
                    "content/news/trang.xhtml",
                    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>",
                );
                replace(s, NEWS, "Sáng 21/6", "[Trang](trang.xhtml)\n\nSáng 21/6");
            },
        )
        .vi("E622", "tệp này là loại trình duyệt mở ra như một trang web"),
        case(
            "a script next to a news item",
            "content/news/tien-ich.js",
            "a file a browser opens as a web page or runs as a program",
            |s| {
                write(s, "content/news/tien-ich.js", "fetch('/admin/api/v1')");
                replace(s, NEWS, "Sáng 21/6", "[Tiện ích](tien-ich.js)\n\nSáng 21/6");
            },
        )
        .vi("E622", "tệp này là loại trình duyệt mở ra như một trang web"),
        // Columns count characters in every check: this one counted bytes.
        case(
            "a bad old URL after Vietnamese ones on its line",
            "content/news/2013-06-21-so-ket.md:8:39",
            "old URL `tin-không-gạch` cannot be used",
            |s| {
                replace(
                    s,
                    NEWS,
                    "author: Ban biên tập",
                    "author: Ban biên tập\naliases: [/tin-cũ/, /sơ-kết-đợt-một/, tin-không-gạch]",
                )
            },
        )
        .vi("E500", "“tin-không-gạch”"),
        case(
            "a file name with a vertical tab pasted from Word",
            "static/images/hoi\u{FFFD}nghi.png",
            "this file or folder name holds control character U+000B",
            |s| write(s, "static/images/hoi\u{B}nghi.png", grey_png(8, 8)),
        )
        .vi("E624", "tên tệp hoặc thư mục này có ký tự điều khiển U+000B"),
        case(
            "images.memory that is not a size",
            "site.yaml:5",
            "images.memory `nhiều` is not usable",
            |s| {
                replace(
                    s,
                    "site.yaml",
                    "language: vi",
                    "language: vi\nimages: { memory: nhiều }",
                )
            },
        )
        .vi("E613", "images.memory “nhiều” không dùng được"),
        // A YAML escape is the character itself once parsed: the raw-character check cannot
        // see it, and every feed that shows the title was unparseable.
        case(
            "a vertical tab written as a YAML escape in a title",
            "content/news/2013-06-21-so-ket.md:2:11",
            "control character U+000B",
            |s| {
                replace(
                    s,
                    NEWS,
                    "title: Khối sơ kết thi đua 6 tháng đầu năm 2013",
                    "title: \"Ra\\vmắt Khối\"",
                )
            },
        )
        .vi(
            "E601",
            "có ký tự điều khiển U+000B ở phần thông tin đầu tệp",
        ),
        case(
            "a form feed escape in a title and a NUL escape in a summary",
            "content/news/2013-06-21-so-ket.md:2:11",
            "control character U+000C",
            |s| {
                replace(
                    s,
                    NEWS,
                    "title: Khối sơ kết thi đua 6 tháng đầu năm 2013",
                    "title: \"Sơ\\fkết\"\nsummary: \"Tóm tắt\\0\"",
                )
            },
        )
        .vi("E601", "có ký tự điều khiển U+000C"),
        case(
            "a noncharacter escape in a member's name",
            "content/associations/hoi-luat-gia/profile.yaml:1:",
            "control character U+FFFF",
            |s| {
                let path = s.join(PROFILE);
                let text = fs::read_to_string(&path).unwrap();
                let (first, rest) = text.split_once('\n').unwrap();
                let (key, value) = first.split_once(": ").unwrap();
                let value = value.trim_matches('"');
                fs::write(&path, format!("{key}: \"{value}\\uFFFF\"\n{rest}")).unwrap();
            },
        )
        .vi("E601", "có ký tự điều khiển U+FFFF"),
    ]
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
        )
        .vi("E006", "lối tắt (symlink) trỏ ra ngoài thư mục trang (tới"),
        case(
            "symlink to a folder outside the site",
            "content/news/leak",
            "outside the site folder",
            |s| {
                let dir = outside(s);
                symlink(s, dir, "content/news/leak")
            },
        )
        .vi("E006", "lối tắt (symlink) trỏ ra ngoài thư mục trang (tới"),
        case(
            "association folder linked from outside",
            "content/associations/hoi-moi",
            "outside the site folder",
            |s| {
                let dir = outside(s);
                symlink(s, dir, "content/associations/hoi-moi")
            },
        )
        .vi("E006", "lối tắt (symlink) trỏ ra ngoài thư mục trang (tới"),
        case(
            "static symlink outside the site",
            "static/secret.md",
            "outside the site folder",
            |s| {
                let dir = outside(s);
                symlink(s, dir.join("secret.md"), "static/secret.md")
            },
        )
        .vi("E006", "lối tắt (symlink) trỏ ra ngoài thư mục trang (tới"),
        case(
            "template symlink outside the site",
            "themes/default/templates/news.html",
            "outside the site folder",
            |s| {
                let dir = outside(s);
                symlink(s, dir.join("secret.md"), THEME_NEWS)
            },
        )
        .vi("E006", "lối tắt (symlink) trỏ ra ngoài thư mục trang (tới"),
        case(
            "symlink loop to a parent",
            "content/news/loop",
            "symlink loop",
            |s| symlink(s, "..", "content/news/loop"),
        )
        .vi(
            "E008",
            "lối tắt (symlink) tạo thành vòng lặp (qua “content”)",
        ),
        case(
            "symlinks that point at each other",
            "content/news/a.md",
            "symlink loop",
            |s| {
                symlink(s, "b.md", "content/news/a.md");
                symlink(s, "a.md", "content/news/b.md");
            },
        )
        .vi(
            "E008",
            "lối tắt (symlink) tạo thành vòng lặp (qua “b.md”)",
        ),
        // ---- issue 10: the mistakes office editors make, reported at the mistake ----
        case(
            "scoring decimal comma inside braces",
            "content/scoring/2013.yaml:11:37",
            "`9,5` inside braces is read as two values",
            |s| replace(s, SCORING, "\"1.2\": 9.5,", "\"1.2\": 9,5,"),
        )
        .vi("E031", "“9,5” trong dấu ngoặc nhọn bị đọc thành hai giá trị (dấu phẩy dùng để ngăn cách); viết số thập phân bằng dấu chấm: 9.5"),
        case(
            "scoring decimal comma before the closing brace",
            "content/scoring/2013.yaml:11:49",
            "write decimals with a dot: 7.25",
            |s| replace(s, SCORING, "\"2.1\": 8 }", "\"2.1\": 7,25 }"),
        )
        .vi("E031", "viết số thập phân bằng dấu chấm: 7.25"),
        case(
            "scoring negative adjustment with a decimal comma",
            "content/scoring/2013.yaml:16",
            "write decimals with a dot: -1.5",
            |s| replace(s, SCORING, "points: 2,", "points: -1,5,"),
        )
        .vi("E031", "“-1,5”"),
        case(
            "achievement decimal comma unquoted",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:3",
            "`participants: 95,5` is read as text: write decimals with a dot",
            |s| replace(s, H1, "participants: 534", "participants: 95,5"),
        )
        .vi("E082", "“participants: 95,5” bị đọc thành chữ: viết số thập phân bằng dấu chấm"),
        case(
            "achievement no space after the colon",
            "content/associations/hoi-luat-gia/2013-h1.yaml:4:15",
            "add a space after the colon: participants: 534",
            |s| replace(s, H1, "participants: 534", "participants:534"),
        )
        .vi("E032", "thêm một dấu cách sau dấu hai chấm: participants: 534"),
        case(
            "achievement list item without a space",
            "content/associations/hoi-luat-gia/2013-h1.yaml:10:3",
            "add a space after the dash of a list item: - Mở 9 lớp",
            |s| {
                replace(
                    s,
                    H1,
                    "  - Nhân rộng các mô hình điểm.",
                    "  - Nhân rộng các mô hình điểm.\n  -Mở 9 lớp\n  - Tổng kết",
                )
            },
        )
        .vi("E033", "thêm một dấu cách sau dấu gạch đầu dòng: - Mở 9 lớp"),
        case(
            "achievement metric indented one step too little",
            "content/associations/hoi-luat-gia/2013-h1.yaml:5:1",
            "indent it with 2 spaces, like the line above",
            |s| {
                replace(
                    s,
                    H1,
                    "  constitution_opinions: 354",
                    "constitution_opinions: 354",
                )
            },
        )
        .vi("E034", "dòng này thụt lề lệch một bậc: thụt lề bằng 2 dấu cách như dòng trên"),
        case(
            "achievement line indented between two levels",
            "content/associations/hoi-luat-gia/2013-h1.yaml:5:2",
            "indented one step off",
            |s| {
                replace(
                    s,
                    H1,
                    "  constitution_opinions: 354",
                    " constitution_opinions: 354",
                )
            },
        )
        .vi("E034", "thụt lề bằng 2 dấu cách"),
        case(
            "news date written day first",
            NEWS_DATE,
            "write it year-month-day: 2026-11-28",
            |s| replace(s, NEWS, "date: 2013-06-21", "date: 28/11/2026"),
        )
        .vi("E045", "ngày viết theo dạng năm-tháng-ngày: 2026-11-28"),
        case(
            "news 31 November",
            NEWS_DATE,
            "month 11 of 2026 has only 30 days",
            |s| replace(s, NEWS, "date: 2013-06-21", "date: 2026-11-31"),
        )
        .vi("E046", "tháng 11 năm 2026 chỉ có 30 ngày"),
        case(
            "news association longer than a member's slug",
            "content/news/2013-06-21-so-ket.md:4",
            "did you mean `ban-to-chuc`",
            |s| {
                write(s, "content/associations/ban-to-chuc/profile.yaml", "name: Ban Tổ chức\n");
                write(
                    s,
                    "content/associations/van-phong-tinh-uy/profile.yaml",
                    "name: Văn phòng Tỉnh ủy\n",
                );
                replace(
                    s,
                    NEWS,
                    "associations: [hoi-luat-gia, lien-minh-htx]",
                    "associations: [ban-to-chuc-tinh-uy]",
                )
            },
        )
        .vi("E067", "có phải ý bạn là “ban-to-chuc”?"),
        case(
            "news associations without brackets",
            "content/news/2013-06-21-so-ket.md:4",
            "write a list in brackets: [hoi-luat-gia, lien-minh-htx]",
            |s| {
                replace(
                    s,
                    NEWS,
                    "associations: [hoi-luat-gia, lien-minh-htx]",
                    "associations: hoi-luat-gia, lien-minh-htx",
                )
            },
        )
        .vi("E068", "viết danh sách trong ngoặc vuông: [hoi-luat-gia, lien-minh-htx]"),
        case(
            "news link to a draft page",
            "content/news/2013-06-21-so-ket.md:13",
            "that file is a draft",
            |s| replace(s, PAGE, "menu: 1", "menu: 1\ndraft: true"),
        )
        .vi("E121", "bài đó đang là bản nháp (`draft: true`) nên chưa được đăng"),
        case(
            "news single quotes inside single quotes",
            "content/news/x.md:2:8",
            "put the whole value in the other kind of quotes: title: \"Hội nghị 'Sơ kết'\"",
            |s| write(s, "content/news/x.md", news("title: 'Hội nghị 'Sơ kết''\ndate: 2013-01-01\n")),
        )
        .vi("E036", "đặt cả giá trị trong loại ngoặc kia: title: \"Hội nghị 'Sơ kết'\""),
        case(
            "news line without a colon",
            "content/news/x.md:4:1",
            "`tieu de phu` has no colon",
            |s| write(s, "content/news/x.md", news("title: a\ndate: 2013-01-01\ntieu de phu\n")),
        )
        .vi("E035", "“tieu de phu” thiếu dấu hai chấm: viết theo dạng khoá: giá trị"),
        case(
            "news extra closing bracket",
            "content/news/2013-06-21-so-ket.md:6:24",
            "`]` closes nothing",
            |s| replace(s, NEWS, "tags: [Sơ kết, Thi đua]", "tags: [Sơ kết, Thi đua]]"),
        )
        .vi("E037", "dấu “]” thừa"),
        case(
            "news key indented one space",
            "content/news/2013-06-21-so-ket.md:3:2",
            "remove the spaces at its start",
            |s| replace(s, NEWS, "date: 2013-06-21", " date: 2013-06-21"),
        )
        .vi("E034", "xoá hết dấu cách ở đầu dòng cho thẳng cột với dòng trên"),
        case(
            "news date without leading zeros",
            NEWS_DATE,
            "write it year-month-day: 2013-06-05",
            |s| replace(s, NEWS, "date: 2013-06-21", "date: 2013/6/5"),
        )
        .vi("E045", "ngày viết theo dạng năm-tháng-ngày: 2013-06-05"),
        case(
            "achievement highlight holding a colon",
            "content/associations/hoi-luat-gia/2013-h1.yaml:7:5",
            "put the whole text in quotes: - \"Mở lớp: 9 lớp\"",
            |s| {
                replace(
                    s,
                    H1,
                    "  - Tổ chức **35 hội nghị** lấy ý kiến sửa đổi Hiến pháp.",
                    "  - Mở lớp: 9 lớp",
                )
            },
        )
        .vi("E038", "đặt cả câu trong dấu ngoặc kép: - \"Mở lớp: 9 lớp\""),
        case(
            "news 200,000 opening brackets",
            "content/news/x.md:4",
            "nested too deeply",
            |s| {
                write(
                    s,
                    "content/news/x.md",
                    news(&format!("title: a\ndate: 2013-01-01\nextra: {}\n", "[".repeat(200_000))),
                )
            },
        )
        .vi("E013", "dữ liệu lồng quá sâu"),
        case(
            "broken symlink",
            "content/news/gone.md",
            "broken symlink",
            |s| symlink(s, "nowhere.md", "content/news/gone.md"),
        )
        .vi(
            "E007",
            "lối tắt (symlink) hỏng: trỏ tới “nowhere.md” nhưng tệp đó không có;",
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
                && line.starts_with(&format!("error[{}]: ", case.code))
        })
    });
    if !expected {
        problems.push(format!(
            "{name}: {what} has no line `error[{}]: {prefix}:` saying `{}`; stderr:\n{}",
            case.code, case.says, run.stderr
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

/// The same mistake in Vietnamese, the default language: `lỗi[CODE]: path:line: …` saying the
/// case's Vietnamese words.
fn judge_vietnamese(case: &Case, site: &Path) -> Vec<String> {
    let run = support::run(
        site.parent().unwrap(),
        &["check", "--lang", "vi", "--root", site.to_str().unwrap()],
    );
    let prefix = case.at.trim_end_matches(':');
    let found = run.stderr.lines().find(|line| {
        strip_label(line, "lỗi")
            .is_some_and(|rest| rest.starts_with(prefix) && rest[prefix.len()..].starts_with(':'))
    });
    if std::env::var_os("INVALID_DUMP").is_some() {
        println!("DUMP\t{}\t{}", case.name, found.unwrap_or("-"));
    }
    let ok = !case.code.is_empty()
        && found.is_some_and(|line| {
            line.starts_with(&format!("lỗi[{}]: ", case.code)) && line.contains(case.vi)
        })
        && run.stderr.trim_end().ends_with("cảnh báo")
        && run
            .stderr
            .lines()
            .last()
            .unwrap_or("")
            .starts_with("Kiểm tra không đạt: ");
    if ok {
        Vec::new()
    } else {
        vec![format!(
            "{}: `check --lang vi` has no line `lỗi[{}]: {prefix}:` saying `{}`; stderr:\n{}",
            case.name, case.code, case.vi, run.stderr
        )]
    }
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
    problems.extend(judge_vietnamese(case, &site));
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

/// Hostile sizes stay linear: 200,000 `[` is refused in seconds (under one on a quiet machine;
/// 43 s when the parser's quadratic scan ran first), and its relatives — a 900 KB line, 60,000 keys, deep
/// Markdown nesting — are read in bounded time (debug build: generous limits, four times or more
/// what each took on a loaded machine, 0.1–8 s; a quadratic reader takes minutes).
#[test]
fn hostile_sizes_are_handled_in_linear_time() {
    let cases: [(&str, String, Duration, Option<i32>); 5] = [
        (
            "200,000 [",
            news(&format!(
                "title: a\ndate: 2013-01-01\nextra: {}\n",
                "[".repeat(200_000)
            )),
            Duration::from_secs(5),
            Some(1),
        ),
        (
            "a 900 KB line",
            news(&format!(
                "title: {}\ndate: 2013-01-01\n",
                "a".repeat(900_000)
            )),
            Duration::from_secs(20),
            Some(0),
        ),
        (
            "60,000 keys",
            news(&format!(
                "title: a\ndate: 2013-01-01\nextra:\n{}",
                (0..60_000)
                    .map(|i| format!("  k{i}: {i}\n"))
                    .collect::<String>()
            )),
            Duration::from_secs(30),
            Some(0),
        ),
        (
            "200,000 nested block quotes",
            format!(
                "---\ntitle: a\ndate: 2013-01-01\n---\n{} x\n",
                ">".repeat(200_000)
            ),
            Duration::from_secs(30),
            Some(0),
        ),
        (
            "100,000 emphasis marks and brackets",
            format!(
                "---\ntitle: a\ndate: 2013-01-01\n---\n{0}x{0}\n{1}\n",
                "*".repeat(100_000),
                "[".repeat(100_000)
            ),
            Duration::from_secs(20),
            Some(0),
        ),
    ];
    let mut failures = Vec::new();
    for (name, text, limit, code) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        copy_dir(&base_fixture(), &site);
        write(&site, "content/news/x.md", text);
        let result = check(&site);
        if result.code != code || result.elapsed > limit {
            failures.push(format!(
                "{name}: exit {:?} in {:?} (expected {code:?} within {limit:?}): {}",
                result.code, result.elapsed, result.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An unknown key does not hide the other mistakes of the same file: one run reports them all.
#[test]
fn an_unknown_key_does_not_hide_the_other_errors_of_its_file() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&base_fixture(), &site);
    write(
        &site,
        "content/news/x.md",
        news("title: a\ntieu_de: b\ndate: 28/11/2026\nanh: x.jpg\nslug: Sơ kết\n"),
    );
    let result = check(&site);
    assert_eq!(result.code, Some(1), "{}", result.stderr);
    for expected in [
        "error[E010]: content/news/x.md:3:1: unknown key `tieu_de`",
        "error[E045]: content/news/x.md:4:7: `28/11/2026` is not a valid date",
        "error[E010]: content/news/x.md:5:1: unknown key `anh`",
        "error[E051]: content/news/x.md:6:1: `Sơ kết` is not a valid slug",
    ] {
        assert!(
            result.stderr.contains(expected),
            "{expected}\n{}",
            result.stderr
        );
    }
    assert!(
        result
            .stderr
            .trim_end()
            .ends_with("check failed: 4 errors, 0 warnings"),
        "{}",
        result.stderr
    );
}

/// The English catalogue for a sample of the cases, word for word.
#[test]
fn english_messages_for_a_sample_read_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&base_fixture(), &site);
    replace(&site, H1, "participants: 534", "participants:534");
    replace(&site, SCORING, "\"1.2\": 9.5,", "\"1.2\": 9,5,");
    replace(&site, NEWS, "date: 2013-06-21", "date: 2026-11-31");
    let result = check(&site);
    for expected in [
        "error[E032]: content/associations/hoi-luat-gia/2013-h1.yaml:4:15: `participants:534`: add a space after the colon: participants: 534",
        "error[E031]: content/scoring/2013.yaml:11:37: `9,5` inside braces is read as two values (the comma separates them); write decimals with a dot: 9.5",
        "error[E046]: content/news/2013-06-21-so-ket.md:3:7: `2026-11-31` is not a valid date: month 11 of 2026 has only 30 days; its last day is 2026-11-30",
    ] {
        assert!(
            result.stderr.contains(expected),
            "{expected}\n{}",
            result.stderr
        );
    }
}
