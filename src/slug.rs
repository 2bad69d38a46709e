//! Slugs: the lowercase ASCII names (`a-z`, `0-9`, single `-`) that become URL segments and
//! folder names. A [`Slug`] is checked once when it is made, so it is safe to join to a path
//! everywhere downstream. Vietnamese text is transliterated (`Đại hội` → `dai-hoi`).

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// Accepts only text that already is a slug.
    /// The error is a catalogue message (E050 empty, E051 not a slug; E068 for `a, b`, a list
    /// written without brackets).
    pub fn parse(text: &str) -> Result<Slug, crate::messages::Message> {
        use crate::messages::Message;
        if is_slug(text) {
            Ok(Slug(text.to_string()))
        } else if text.trim().is_empty() {
            Err(Message::new("E050"))
        } else if text.contains(',') {
            let items: Vec<&str> = text.split(',').map(str::trim).collect();
            Err(Message::new("E068")
                .arg("value", text)
                .arg("fixed", format!("[{}]", items.join(", "))))
        } else {
            let hint = slugify(text);
            let hint = if hint.is_empty() {
                Message::new("hint-none")
            } else {
                Message::new("hint-try").arg("word", hint)
            };
            Err(Message::new("E051").arg("value", text).nested("hint", hint))
        }
    }

    /// Derives a slug from any text; `None` when nothing usable is left (e.g. only punctuation).
    pub fn from_text(text: &str) -> Option<Slug> {
        let slug = slugify(text);
        (!slug.is_empty()).then_some(Slug(slug))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A variant for de-duplication: `tin-moi` → `tin-moi-2`.
    pub fn with_suffix(&self, n: usize) -> Slug {
        Slug(format!("{}-{n}", self.0))
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 200
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
}

/// Lowercase ASCII with single hyphens. `deunicode` transliterates Vietnamese (including `đ`,
/// which has no Unicode decomposition) and text in decomposed form (NFD, as macOS file names are).
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    // Keep slugs short enough for every file system; cut at a hyphen when possible.
    const MAX: usize = 120;
    if slug.len() > MAX {
        let cut = slug[..MAX]
            .rfind('-')
            .filter(|&i| i > MAX / 2)
            .unwrap_or(MAX);
        slug.truncate(cut);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_vietnamese() {
        assert_eq!(slugify("Đại hội Hội Luật gia"), "dai-hoi-hoi-luat-gia");
        assert_eq!(
            slugify("Sơ kết 6 tháng đầu năm 2013"),
            "so-ket-6-thang-dau-nam-2013"
        );
        assert_eq!(slugify("Ưu tiên ơ ư ă â ê ô"), "uu-tien-o-u-a-a-e-o");
        assert_eq!(
            slugify("Liên hiệp các Hội KH&KT"),
            "lien-hiep-cac-hoi-kh-kt"
        );
        // Decomposed (NFD) input, as file names from macOS arrive.
        assert_eq!(
            slugify("Ho\u{0323}\u{0302}i \u{0110}a\u{0300} Na\u{0306}\u{0303}ng"),
            "hoi-da-nang"
        );
    }

    #[test]
    fn strips_path_tricks() {
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("  --Tin   mới--  "), "tin-moi");
        assert_eq!(Slug::from_text("?!…"), None);
    }

    #[test]
    fn parse_checks_the_charset() {
        assert!(Slug::parse("hoi-luat-gia").is_ok());
        for bad in ["", "Hoi", "hoi--a", "-a", "a-", "a/b", "..", "hội"] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
        assert!(
            Slug::parse("Hội Luật")
                .unwrap_err()
                .render(crate::i18n::Language::En)
                .contains("try `hoi-luat`")
        );
        assert_eq!(Slug::parse("a, b").unwrap_err().id, "E068");
    }

    #[test]
    fn long_titles_are_cut_at_a_hyphen() {
        let long = "tin ".repeat(100);
        let slug = slugify(&long);
        assert!(slug.len() <= 120 && is_slug(&slug), "{slug}");
    }
}
