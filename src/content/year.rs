//! The rules of the bloc's year that need several files (SPEC Part 3 "The whole year"): a
//! meeting's attendance against the members of its year; a *Cờ thi đua* only for the member
//! first alone in the year's scoring; quotas counted over every proposal of the year; a
//! collective proposed for a title it did not register.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::messages::Message;
use crate::model::{Scoring, Site};
use crate::period::{Part, PeriodId};
use crate::slug::Slug;

/// Every rule of this module, in file order.
pub fn check(site: &Site, problems: &mut Vec<Diagnostic>) {
    check_meetings(site, problems);
    check_awards(site, problems);
}

/// Where `keys` is written in a file of the site (for messages; `None` if unreadable).
fn locate(site: &Site, source: &Path, keys: &[&str]) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(site.root.join(source)).ok()?;
    crate::yaml::locate(&text, keys)
}

/// Whether an award is the bloc's *Cờ thi đua*, which only its leading unit receives.
pub fn is_flag(award: &str) -> bool {
    award.trim().to_lowercase().starts_with("cờ thi đua")
}

/// Whether two award titles name the same thing, as a person reads them.
pub fn same_title(a: &str, b: &str) -> bool {
    let words = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    words(a) == words(b)
}

/// Each member of a meeting's year is present or absent.
fn check_meetings(site: &Site, problems: &mut Vec<Diagnostic>) {
    for meeting in &site.meetings {
        let year = meeting.year();
        let missing: Vec<&str> = site
            .members_in(year)
            .map(|a| a.slug.as_str())
            .filter(|slug| {
                !meeting.present.iter().any(|p| p.as_str() == *slug)
                    && !meeting.absent.keys().any(|a| a.as_str() == *slug)
            })
            .collect();
        if !missing.is_empty() {
            problems.push(
                Diagnostic::new(&meeting.source, "E742")
                    .arg("associations", missing.join(", "))
                    .arg("year", year.to_string())
                    .at_opt(
                        locate(site, &meeting.source, &["present"])
                            .or_else(|| locate(site, &meeting.source, &["date"])),
                    ),
            );
        }
        let present = meeting.present.len();
        for (i, vote) in meeting.votes.iter().enumerate() {
            if vote.ballots() as usize > present {
                problems.push(
                    Diagnostic::new(&meeting.source, "E743")
                        .arg("subject", vote.subject.as_str())
                        .count("ballots", vote.ballots())
                        .count("present", present as i64)
                        .at_opt(item(site, &meeting.source, "votes", i)),
                );
            }
        }
        for slug in &meeting.present {
            if site.association(slug).is_some_and(|a| !a.member_in(year)) {
                problems.push(
                    Diagnostic::new(&meeting.source, "W740")
                        .arg("association", slug.as_str())
                        .arg("year", year.to_string())
                        .at_opt(locate(site, &meeting.source, &["present"])),
                );
            }
        }
    }
}

/// One proposal of the year, wherever it is written.
struct Proposal<'a> {
    member: Option<&'a Slug>,
    award: &'a str,
    /// The file and the keys of the proposal (for messages).
    source: &'a Path,
    keys: Vec<String>,
    /// For the quota's message: an individual's name.
    collective: bool,
}

/// The scoring a year's *Cờ thi đua* is decided by: the whole year's, else the latest of the
/// year.
fn year_scoring(site: &Site, year: i32) -> Option<&Scoring> {
    let whole = u16::try_from(year)
        .ok()
        .and_then(|y| PeriodId::new(y, Part::Year))?;
    site.scorings.get(&whole).or_else(|| {
        site.scorings
            .values()
            .rev()
            .find(|s| i32::from(s.period.year()) == year)
    })
}

/// The rank of `member` in a scoring, and whether another member shares it.
fn standing(scoring: &Scoring, member: &Slug) -> Option<(usize, bool)> {
    let row = scoring.rows.iter().find(|r| &r.association == member)?;
    let shared = scoring
        .rows
        .iter()
        .any(|r| r.rank == row.rank && &r.association != member);
    Some((row.rank, shared))
}

fn check_awards(site: &Site, problems: &mut Vec<Diagnostic>) {
    let mut years: BTreeMap<i32, Vec<Proposal>> = BTreeMap::new();
    for scoring in site.scorings.values() {
        let year = i32::from(scoring.period.year());
        for row in &scoring.rows {
            let Some(award) = &row.award else { continue };
            years.entry(year).or_default().push(Proposal {
                member: Some(&row.association),
                award,
                source: &scoring.source,
                keys: vec!["awards".into(), row.association.to_string()],
                collective: true,
            });
            if is_flag(award) {
                let keys = ["awards", row.association.as_str()];
                problems.extend(flag_rule(
                    site,
                    scoring,
                    &row.association,
                    award,
                    &scoring.source,
                    &keys,
                ));
            }
        }
    }
    for (&year, awards) in &site.awards {
        let list = years.entry(year).or_default();
        for (i, c) in awards.collectives.iter().enumerate() {
            list.push(Proposal {
                member: Some(&c.member),
                award: &c.award,
                source: &awards.source,
                keys: vec!["collectives".into(), i.to_string()],
                collective: true,
            });
            if is_flag(&c.award) {
                let keys = ["collectives"];
                match year_scoring(site, year) {
                    Some(scoring) => problems.extend(flag_rule(
                        site,
                        scoring,
                        &c.member,
                        &c.award,
                        &awards.source,
                        &keys,
                    )),
                    None => problems.push(
                        Diagnostic::new(&awards.source, "W721")
                            .arg("association", c.member.as_str())
                            .arg("award", c.award.as_str())
                            .arg("year", year.to_string())
                            .at_opt(item(site, &awards.source, "collectives", i)),
                    ),
                }
            }
        }
        for (i, person) in awards.individuals.iter().enumerate() {
            list.push(Proposal {
                member: Some(&person.member),
                award: &person.award,
                source: &awards.source,
                keys: vec!["individuals".into(), i.to_string()],
                collective: false,
            });
        }
    }
    for (year, proposals) in &years {
        quotas(site, *year, proposals, problems);
        registered_titles(site, *year, proposals, problems);
    }
}

/// The line of item `index` of the list `key` in a YAML file of the site.
fn item(site: &Site, source: &Path, key: &str, index: usize) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(site.root.join(source)).ok()?;
    let yaml = crate::yaml::YamlSource::new(source, &text);
    super::meetings::locate_item(&yaml, key, index)
}

/// Where a proposal is written.
fn position(site: &Site, proposal: &Proposal) -> Option<(usize, usize)> {
    match proposal.keys.as_slice() {
        [list, index] if list == "collectives" || list == "individuals" => {
            item(site, proposal.source, list, index.parse().unwrap_or(0))
        }
        keys => {
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            locate(site, proposal.source, &keys)
        }
    }
}

/// A *Cờ thi đua* for `member`, who must be first and alone in `scoring`.
fn flag_rule(
    site: &Site,
    scoring: &Scoring,
    member: &Slug,
    award: &str,
    source: &Path,
    keys: &[&str],
) -> Option<Diagnostic> {
    let at = if source.starts_with("content/awards") {
        let text = std::fs::read_to_string(site.root.join(source)).ok()?;
        let yaml = crate::yaml::YamlSource::new(source, &text);
        let index = text_index_of(&text, member);
        index.and_then(|i| super::meetings::locate_item(&yaml, "collectives", i))
    } else {
        locate(site, source, keys)
    };
    let shown = crate::diagnostics::display_path(&scoring.source);
    match standing(scoring, member) {
        Some((1, false)) => None,
        Some((1, true)) => {
            let tied: Vec<&str> = scoring
                .rows
                .iter()
                .filter(|r| r.rank == 1 && &r.association != member)
                .map(|r| r.association.as_str())
                .collect();
            Some(
                Diagnostic::new(source, "E722")
                    .arg("association", member.as_str())
                    .arg("award", award)
                    .arg("scoring", shown)
                    .arg("others", tied.join(", "))
                    .at_opt(at),
            )
        }
        Some((rank, _)) => Some(
            Diagnostic::new(source, "E721")
                .arg("association", member.as_str())
                .arg("award", award)
                .arg("scoring", shown)
                .count("rank", rank as i64)
                .at_opt(at),
        ),
        None => Some(
            Diagnostic::new(source, "E725")
                .arg("association", member.as_str())
                .arg("award", award)
                .arg("scoring", shown)
                .at_opt(at),
        ),
    }
}

/// The index of the first collective naming `member` (for the line of a message).
fn text_index_of(text: &str, member: &Slug) -> Option<usize> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    value
        .get("collectives")?
        .as_sequence()?
        .iter()
        .position(|c| {
            c.get("member").and_then(|m| m.as_str()).map(str::trim) == Some(member.as_str())
        })
}

/// No award proposed more often in the year than its quota allows.
fn quotas(site: &Site, year: i32, proposals: &[Proposal], problems: &mut Vec<Diagnostic>) {
    let Some(awards) = site.awards.get(&year) else {
        return;
    };
    for (award, &limit) in &awards.limits {
        let counted: Vec<&Proposal> = proposals
            .iter()
            .filter(|p| same_title(p.award, award))
            .collect();
        if counted.len() > limit as usize {
            let collectives = counted.iter().filter(|p| p.collective).count();
            problems.push(
                Diagnostic::new(&awards.source, "E723")
                    .arg("award", award.as_str())
                    .count("limit", limit)
                    .count("count", counted.len() as i64)
                    .count("collectives", collectives as i64)
                    .count("individuals", (counted.len() - collectives) as i64)
                    .arg("year", year.to_string())
                    .at_opt(locate(site, &awards.source, &["limits", award])),
            );
        }
    }
}

/// A collective proposed for a title other than the one it registered: a warning.
fn registered_titles(
    site: &Site,
    year: i32,
    proposals: &[Proposal],
    problems: &mut Vec<Diagnostic>,
) {
    let Some(registration) = site.registrations.get(&year) else {
        return;
    };
    if registration.titles.is_empty() {
        return;
    }
    for proposal in proposals.iter().filter(|p| p.collective) {
        let Some(member) = proposal.member else {
            continue;
        };
        let registered = registration.titles.get(member);
        if registered.is_some_and(|t| same_title(t, proposal.award)) {
            continue;
        }
        problems.push(
            Diagnostic::new(proposal.source, "W720")
                .arg("association", member.as_str())
                .arg("award", proposal.award)
                .arg("year", year.to_string())
                .nested(
                    "registered",
                    match registered {
                        Some(title) => Message::new("year-registered").arg("title", title.as_str()),
                        None => Message::new("year-registered-none"),
                    },
                )
                .at_opt(position(site, proposal)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_read_as_a_person_reads_them() {
        assert!(is_flag("Cờ thi đua của UBND tỉnh"));
        assert!(is_flag("  cờ thi đua của Chính phủ"));
        assert!(!is_flag("Bằng khen của Chủ tịch UBND tỉnh"));
        assert!(same_title(
            "Bằng khen của  Chủ tịch UBND tỉnh",
            "bằng khen của Chủ tịch UBND tỉnh "
        ));
        assert!(!same_title("Bằng khen", "Cờ thi đua"));
    }
}
