//! A news item: `content/news/**/*.md`, YAML front matter and a Markdown body.

use std::collections::HashSet;
use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use serde::Deserialize;

use super::front_matter;
use super::{SourcePath, file_stem};
use crate::diagnostics::{Diagnostic, suggestion};
use crate::messages::Message;
use crate::model::{Markdown, NewsItem, PublishDate};
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
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    updated: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_list::deserialize")]
    aliases: Vec<String>,
    #[serde(default)]
    extra: yaml::Value,
}

/// The offset of Vietnam (no daylight saving), used for dates written without a time.
pub const VIETNAM_OFFSET: Offset = Offset::constant(7);

/// Now in Vietnam (UTC+7, no daylight saving): the day and time offices write.
pub fn vietnam_now() -> jiff::civil::DateTime {
    VIETNAM_OFFSET.to_datetime(jiff::Timestamp::now())
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` (Vietnam time) or RFC 3339 with an offset.
pub fn parse_publish_date(text: &str) -> Result<PublishDate, Message> {
    let text = text.trim();
    let invalid = || date_message(text);
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

/// Why `text` is not a date, and the fix: `28/11/2026` → 2026-11-28 (E045), `2026-11-31` →
/// November has 30 days (E046), anything else → the form to write (E047).
pub fn date_message(text: &str) -> Message {
    let numbers: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    let all_digits = numbers.len() == 3
        && numbers
            .iter()
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if all_digits {
        let value = |i: usize| numbers[i].parse::<u32>().unwrap_or(0);
        // Day first, as Vietnamese dates are written: 28/11/2026.
        if numbers[2].len() == 4 && numbers[0].len() <= 2 && numbers[1].len() <= 2 {
            let (day, month, year) = (value(0), value(1), value(2));
            if (1..=12).contains(&month) {
                let days = days_in_month(year, month);
                if day >= 1 && day <= days {
                    return Message::new("E045")
                        .arg("value", text)
                        .arg("fixed", format!("{year:04}-{month:02}-{day:02}"));
                }
                return day_not_in_month(text, year, month, true);
            }
        }
        if numbers[0].len() == 4 {
            let (year, month, day) = (value(0), value(1), value(2));
            // `2013-1-5`, `2013/01/05`: the right date, written another way.
            if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) {
                return Message::new("E045")
                    .arg("value", text)
                    .arg("fixed", format!("{year:04}-{month:02}-{day:02}"));
            }
            if !(1..=12).contains(&month) {
                return Message::new("E048")
                    .arg("value", text)
                    .arg("month", month.to_string());
            }
            let days = days_in_month(year, month);
            if day == 0 || day > days {
                return day_not_in_month(text, year, month, false);
            }
        }
    }
    Message::new("E047").arg("value", text)
}

/// E046: the month has fewer days, said with the form to write (the month's last day as the
/// example) so a `31/11/2026` is fixed in one go, not first to `30/11/2026` and then again.
fn day_not_in_month(text: &str, year: u32, month: u32, day_first: bool) -> Message {
    let days = days_in_month(year, month);
    Message::new("E046")
        .arg("value", text)
        .arg("month", month.to_string())
        .arg("year", year.to_string())
        .arg("days", days.to_string())
        .arg("order", if day_first { "day-first" } else { "iso" })
        .arg("fixed", format!("{year:04}-{month:02}-{days:02}"))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
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
    let (fm, source, split, mut problems) = front_matter::parse::<FrontMatter>(rel, text)?;

    if fm.title.trim().is_empty() {
        problems.push(source.at(&["title"], "E065").arg("key", "title"));
    }
    let date = parse_publish_date(&fm.date)
        .map_err(|message| problems.push(source.report_value(&["date"], &fm.date, message)))
        .ok();
    let slug = match &fm.slug {
        Some(given) => Slug::parse(given)
            .map_err(|message| problems.push(source.report(&["slug"], message)))
            .ok(),
        None => {
            let stem = file_stem(rel);
            let slug = Slug::from_text(stem_without_date(&stem));
            if slug.is_none() {
                problems.push(Diagnostic::new(rel, "E052"));
            }
            slug
        }
    };
    let period = fm.period.as_deref().and_then(|text| {
        PeriodId::from_str(text)
            .map_err(|message| problems.push(source.report(&["period"], message)))
            .ok()
    });
    let mut associations = Vec::new();
    for name in &fm.associations {
        match Slug::parse(name) {
            Ok(slug) if known_associations.contains(&slug) => associations.push(slug),
            Ok(_) => {
                let hint = suggestion(name, known_associations.iter().map(Slug::as_str));
                let message = Message::new("E067")
                    .arg("name", name.as_str())
                    .nested("hint", hint);
                problems.push(source.report_value(&["associations"], name, message));
            }
            Err(message) => problems.push(source.report(&["associations"], message)),
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
            None => problems.push(source.at(&["tags"], "E055").arg("tag", tag)),
        }
    }
    if let Some(image) = &fm.image
        && let Err(message) = check_url(image)
    {
        problems.push(source.report(&["image"], message));
    }
    let updated = fm.updated.as_deref().and_then(|text| {
        let at = source.locate(&["updated"]).unwrap_or((0, 0));
        match parse_publish_date(text) {
            Ok(updated) => Some(updated),
            Err(_) => {
                problems.push(
                    Diagnostic::new(rel, "E503")
                        .arg("value", text.trim())
                        .at(at.0, at.1),
                );
                None
            }
        }
    });
    if let (Some(updated), Some(date)) = (&updated, &date)
        && updated.timestamp < date.timestamp
    {
        let at = source.locate(&["updated"]).unwrap_or((0, 0));
        problems.push(
            Diagnostic::new(rel, "E504")
                .arg("updated", updated.date.to_string())
                .arg("date", date.date.to_string())
                .at(at.0, at.1),
        );
    }
    let aliases = super::aliases::parse(rel, &fm.aliases, &source, &mut problems);
    let (extra, sample) = super::extra_and_sample(&source, &fm.extra, false, &mut problems);
    let sample = sample.is_all();
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
        extra,
        sample,
        body: Markdown::new(split.body.to_string(), split.body_line),
        updated,
        aliases,
    })
}

/// A URL from front matter or YAML: relative, root-relative or http(s). Anything with another
/// scheme (`javascript:`, `data:`) is refused.
pub fn check_url(url: &str) -> Result<(), Message> {
    let trimmed = url.trim();
    match url_scheme(trimmed) {
        None => Ok(()),
        Some(scheme) if ["http", "https", "mailto", "tel"].contains(&scheme.as_str()) => Ok(()),
        Some(scheme) => Err(Message::new("E056")
            .arg("url", trimmed)
            .arg("scheme", scheme)),
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
