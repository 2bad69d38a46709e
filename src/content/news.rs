//! A news item: `content/news/**/*.md`, YAML front matter and a Markdown body.

use std::collections::HashSet;
use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use serde::Deserialize;

use super::front_matter;
use super::{Markdown, SourcePath, file_stem};
use crate::diagnostics::{Diagnostic, suggestion};
use crate::model::{NewsItem, PublishDate};
use crate::period::PeriodId;
use crate::slug::Slug;
use crate::yaml;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    title: String,
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    date: String,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    slug: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    summary: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_list::deserialize")]
    associations: Vec<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    period: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_list::deserialize")]
    tags: Vec<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    image: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    image_alt: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    author: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    extra: yaml::Value,
}

/// The offset of Vietnam (no daylight saving), used for dates written without a time.
pub const VIETNAM_OFFSET: Offset = Offset::constant(7);

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` (Vietnam time) or RFC 3339 with an offset.
pub fn parse_publish_date(text: &str) -> Result<PublishDate, String> {
    let text = text.trim();
    let invalid = || {
        format!(
            "`{text}` is not a valid date: write YYYY-MM-DD (for example 2013-06-21), or an RFC 3339 time such as 2013-06-21T08:30:00+07:00"
        )
    };
    let day = text.get(..10).ok_or_else(invalid)?;
    let date = Date::from_str(day).map_err(|_| invalid())?;
    if text.len() == 10 {
        let timestamp = date
            .to_datetime(jiff::civil::Time::midnight())
            .to_zoned_datetime(TimeZone::fixed(VIETNAM_OFFSET))
            .map_err(|_| invalid())?
            .timestamp();
        return Ok(publish_date(timestamp));
    }
    let timestamp = match Timestamp::from_str(text) {
        Ok(timestamp) => timestamp,
        Err(_) => DateTime::from_str(text)
            .map_err(|_| invalid())?
            .to_zoned_datetime(TimeZone::fixed(VIETNAM_OFFSET))
            .map_err(|_| invalid())?
            .timestamp(),
    };
    Ok(publish_date(timestamp))
}

/// One rule for every date: the day shown is the calendar day of the instant in Vietnam
/// (UTC+7), the order is by instant, and the feed carries the same instant with +07:00. So
/// `2013-06-21T23:30:00-05:00` is shown, sorted and fed as 22/06/2013 11:30 in Vietnam. A date
/// written without a time, or with a time in Vietnam, keeps its day as written.
fn publish_date(timestamp: Timestamp) -> PublishDate {
    let date = VIETNAM_OFFSET.to_datetime(timestamp).date();
    PublishDate {
        date,
        timestamp,
        rfc3339: timestamp.display_with_offset(VIETNAM_OFFSET).to_string(),
    }
}

/// `2013-06-21-so-ket` → `so-ket`: the date prefix is not part of the slug.
pub fn stem_without_date(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && bytes[10] == b'-';
    if dated { &stem[11..] } else { stem }
}

/// Parses a news file. `associations` is the set of known association slugs.
pub fn parse(
    path: &SourcePath,
    text: &str,
    known_associations: &HashSet<Slug>,
) -> Result<NewsItem, Vec<Diagnostic>> {
    let rel = path.rel.as_path();
    let (fm, source, split) = front_matter::parse::<FrontMatter>(rel, text)?;
    let mut problems = Vec::new();

    if fm.title.trim().is_empty() {
        problems.push(source.error_at(&["title"], "title must not be empty"));
    }
    let date = parse_publish_date(&fm.date)
        .map_err(|message| problems.push(source.error_at(&["date"], message)))
        .ok();
    let slug = match &fm.slug {
        Some(given) => Slug::parse(given)
            .map_err(|message| problems.push(source.error_at(&["slug"], message)))
            .ok(),
        None => {
            let stem = file_stem(rel);
            let slug = Slug::from_text(stem_without_date(&stem));
            if slug.is_none() {
                problems.push(Diagnostic::error(
                    rel,
                    "cannot make a URL name from this file name; rename the file or set `slug:` in the front matter",
                ));
            }
            slug
        }
    };
    let period = fm.period.as_deref().and_then(|text| {
        PeriodId::from_str(text)
            .map_err(|message| problems.push(source.error_at(&["period"], message)))
            .ok()
    });
    let mut associations = Vec::new();
    for name in &fm.associations {
        match Slug::parse(name) {
            Ok(slug) if known_associations.contains(&slug) => associations.push(slug),
            Ok(_) => {
                let hint = suggestion(name, known_associations.iter().map(Slug::as_str));
                problems.push(source.error_at(
                    &["associations"],
                    format!("unknown association `{name}`{hint} (associations are the folders in content/associations/)"),
                ));
            }
            Err(message) => problems.push(source.error_at(&["associations"], message)),
        }
    }
    let mut tags = Vec::new();
    let mut tag_slugs = Vec::new();
    for tag in &fm.tags {
        let tag = tag.trim();
        match Slug::from_text(tag) {
            Some(slug) if !tag_slugs.contains(&slug) => {
                tags.push(tag.to_string());
                tag_slugs.push(slug);
            }
            Some(_) => {}
            None => problems.push(source.error_at(
                &["tags"],
                format!("tag `{tag}` has no letters or digits to make a URL from"),
            )),
        }
    }
    if let Some(image) = &fm.image
        && let Err(message) = check_url(image)
    {
        problems.push(source.error_at(&["image"], message));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(NewsItem {
        source: rel.to_path_buf(),
        slug: slug.expect("checked above"),
        title: fm.title.trim().to_string(),
        date: date.expect("checked above"),
        summary: fm
            .summary
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        associations,
        period,
        tags,
        tag_slugs,
        image: fm.image,
        image_alt: fm.image_alt,
        author: fm.author,
        draft: fm.draft,
        extra: crate::config::extra_to_json(&fm.extra),
        body: Markdown::new(split.body.to_string(), split.body_line),
    })
}

/// A URL from front matter or YAML: relative, root-relative or http(s). Anything with another
/// scheme (`javascript:`, `data:`) is refused.
pub fn check_url(url: &str) -> Result<(), String> {
    let trimmed = url.trim();
    match url_scheme(trimmed) {
        None => Ok(()),
        Some(scheme) if ["http", "https", "mailto", "tel"].contains(&scheme.as_str()) => Ok(()),
        Some(scheme) => Err(format!(
            "`{trimmed}` uses the `{scheme}:` scheme; only http(s) links or paths on the site are allowed"
        )),
    }
}

/// The lowercased scheme of a URL, ignoring the control characters and spaces browsers ignore.
pub fn url_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let is_scheme = !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    // `/a:b` or `./x:y` are paths, not schemes.
    is_scheme.then(|| scheme.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn source(rel: &str) -> SourcePath {
        SourcePath {
            abs: PathBuf::from(rel),
            rel: PathBuf::from(rel),
        }
    }

    #[test]
    fn a_time_in_another_offset_is_shown_on_its_day_in_vietnam() {
        let d = parse_publish_date("2013-06-21T23:30:00-05:00").unwrap();
        assert_eq!(d.date.to_string(), "2013-06-22");
        assert_eq!(d.rfc3339, "2013-06-22T11:30:00+07:00");
        assert_eq!(d.timestamp.to_string(), "2013-06-22T04:30:00Z");
        let d = parse_publish_date("2013-06-21T23:30:00+07:00").unwrap();
        assert_eq!(d.date.to_string(), "2013-06-21");
    }

    #[test]
    fn dates_date_only_local_and_rfc3339() {
        let d = parse_publish_date("2013-06-21").unwrap();
        assert_eq!(d.rfc3339, "2013-06-21T00:00:00+07:00");
        let d = parse_publish_date("2013-06-21T08:30:00Z").unwrap();
        assert_eq!(d.rfc3339, "2013-06-21T15:30:00+07:00");
        let d = parse_publish_date("2013-06-21T08:30").unwrap();
        assert_eq!(d.rfc3339, "2013-06-21T08:30:00+07:00");
        for bad in ["21/06/2013", "2013-02-30", "2013", "", "2013-06-21Tx"] {
            assert!(parse_publish_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slug_from_file_name_drops_the_date_and_transliterates() {
        let item = parse(
            &source("content/news/2013-06-21-Đại-hội.md"),
            "---\ntitle: T\ndate: 2013-06-21\n---\nx",
            &HashSet::new(),
        )
        .unwrap();
        assert_eq!(item.slug.as_str(), "dai-hoi");
        assert_eq!(item.body.line, 5);
    }

    #[test]
    fn collects_every_front_matter_problem() {
        let errors = parse(
            &source("content/news/a.md"),
            "---\ntitle: T\ndate: 21/06/2013\nslug: Bad Slug\nperiod: 2013-h3\nimage: javascript:alert(1)\nassociations: [hoi-luat-gai]\n---\n",
            &HashSet::from([Slug::parse("hoi-luat-gia").unwrap()]),
        )
        .unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(
            lines,
            [Some(3), Some(4), Some(5), Some(7), Some(6)],
            "{errors:?}"
        );
        assert!(
            errors[3]
                .text(crate::i18n::Language::En)
                .contains("did you mean `hoi-luat-gia`"),
            "{}",
            errors[3]
        );
    }

    #[test]
    fn schemes() {
        assert_eq!(
            url_scheme(" JaVa\tScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(url_scheme("/images/a:b.png"), None);
        assert_eq!(url_scheme("https://x.vn"), Some("https".into()));
        assert!(check_url("data:text/html,x").is_err());
        assert!(check_url("/a.png").is_ok());
    }
}
