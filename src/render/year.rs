//! Views of the bloc's whole year (SPEC Part 3 "The whole year"): the year's awards proposal
//! (the page, the *Tờ trình* and its spreadsheet read the same lists), a meeting and its vote
//! counts, the report's numbered sections, and how a cross-scored table was combined.

use serde::Serialize;

use super::views::{AssociationLink, PeriodLink, Views};
use crate::i18n::{self, DateStyle, Language};
use crate::model::{AwardStatus, Awards, Meeting, Scoring, Site};
use crate::slug::Slug;
use crate::urls;

/// One proposal of the year, wherever it is written: a scoring file's award (a collective) or
/// an entry of the awards file.
#[derive(Debug, Clone)]
pub struct Proposal<'a> {
    pub member: &'a Slug,
    /// An individual's name and position; `None` for a collective.
    pub person: Option<(&'a str, Option<&'a str>)>,
    pub award: &'a str,
    pub achievement: Option<&'a str>,
    pub status: AwardStatus,
    pub decision: Option<&'a str>,
    /// The scoring that proposed it, with the member's rank there.
    pub scoring: Option<(&'a Scoring, usize)>,
}

/// The year's proposals: the collectives (the scorings' awards first, in rank order, then the
/// awards file's) and the individuals.
pub fn proposals(site: &Site, year: i32) -> (Vec<Proposal<'_>>, Vec<Proposal<'_>>) {
    let mut collectives = Vec::new();
    for scoring in site
        .scorings
        .values()
        .filter(|s| i32::from(s.period.year()) == year)
    {
        for row in &scoring.rows {
            if let Some(award) = &row.award {
                collectives.push(Proposal {
                    member: &row.association,
                    person: None,
                    award,
                    achievement: None,
                    status: row.award_status,
                    decision: row.award_decision.as_deref(),
                    scoring: Some((scoring, row.rank)),
                });
            }
        }
    }
    let mut individuals = Vec::new();
    if let Some(awards) = site.awards.get(&year) {
        for c in &awards.collectives {
            collectives.push(Proposal {
                member: &c.member,
                person: None,
                award: &c.award,
                achievement: c.achievement.as_deref(),
                status: c.status,
                decision: c.decision.as_deref(),
                scoring: None,
            });
        }
        for i in &awards.individuals {
            individuals.push(Proposal {
                member: &i.member,
                person: Some((&i.name, i.position.as_deref())),
                award: &i.award,
                achievement: i.achievement.as_deref(),
                status: i.status,
                decision: i.decision.as_deref(),
                scoring: None,
            });
        }
    }
    (collectives, individuals)
}

#[derive(Serialize)]
pub struct ProposalView<'a> {
    pub association: Option<AssociationLink<'a>>,
    /// The member's name as written in its profile (also when it has no page).
    pub member_name: String,
    pub name: Option<&'a str>,
    pub position: Option<&'a str>,
    pub award: &'a str,
    pub achievement: Option<&'a str>,
    /// `proposed` or `granted`.
    pub status: &'static str,
    /// "Đề nghị tặng" / "Được tặng".
    pub status_text: String,
    pub decision: Option<&'a str>,
    /// "Xếp thứ 1/8 – Chấm điểm thi đua năm 2013", with a link to the scoring.
    pub scoring: Option<String>,
    pub scoring_url: Option<String>,
}

#[derive(Serialize)]
pub struct LimitView<'a> {
    pub award: &'a str,
    pub limit: u32,
    pub count: usize,
}

#[derive(Serialize)]
pub struct AwardsView<'a> {
    pub year: i32,
    pub title: String,
    pub url: String,
    pub number: Option<&'a str>,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub date_long: Option<String>,
    pub to: Option<&'a str>,
    pub collectives: Vec<ProposalView<'a>>,
    pub individuals: Vec<ProposalView<'a>>,
    pub limits: Vec<LimitView<'a>>,
    pub docx_url: Option<String>,
    /// `None` while no one is proposed.
    pub xlsx_url: Option<String>,
    pub sample: bool,
    pub extra: &'a serde_json::Value,
}

#[derive(Serialize)]
pub struct PersonView<'a> {
    pub name: &'a str,
    pub position: Option<&'a str>,
}

#[derive(Serialize)]
pub struct VoteView<'a> {
    pub subject: &'a str,
    pub agree: u32,
    pub disagree: u32,
    pub abstain: u32,
    /// Of the members present: `87,5%`.
    pub agree_percent: String,
    pub disagree_percent: String,
    pub abstain_percent: String,
}

#[derive(Serialize)]
pub struct AbsentMemberView<'a> {
    pub association: AssociationLink<'a>,
    pub reason: &'a str,
}

#[derive(Serialize)]
pub struct MeetingView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub date: String,
    pub date_display: String,
    pub date_long: String,
    pub start: Option<&'a str>,
    pub end: Option<&'a str>,
    pub place: Option<&'a str>,
    pub period: Option<PeriodLink>,
    pub chair: Option<PersonView<'a>>,
    pub secretary: Option<PersonView<'a>>,
    pub present: Vec<AssociationLink<'a>>,
    pub absent: Vec<AbsentMemberView<'a>>,
    /// The members of the bloc that year: the `y` of "x/y đơn vị".
    pub expected: usize,
    pub guests: Vec<&'a str>,
    pub votes: Vec<VoteView<'a>>,
    pub body: &'a str,
    pub docx_url: Option<String>,
    /// The whole record is sample data.
    pub sample: bool,
    /// Fields marked as sample (`extra: { sample: [start, chair, votes] }`).
    pub sample_fields: Vec<&'a str>,
    pub extra: &'a serde_json::Value,
}

/// `part` of `whole` as a percentage with one decimal at most (`87,5%`).
pub fn percent_of(part: u32, whole: usize, language: Language) -> String {
    if whole == 0 {
        return String::from("–");
    }
    i18n::format_percent(f64::from(part) * 100.0 / whole as f64, language)
}

/// The numbers of a report's sections (SPEC Part 3 "Report sections"): I. results, II. the
/// general assessment, III. directions, IV. recommendations; a section without text is left out
/// and the others are numbered in order, on the page and in the `.docx` alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sections {
    pub results: &'static str,
    pub assessment: Option<&'static str>,
    pub directions: Option<&'static str>,
    pub recommendations: Option<&'static str>,
}

impl Sections {
    pub fn new(assessment: bool, directions: bool, recommendations: bool) -> Sections {
        const NUMERALS: [&str; 4] = ["I", "II", "III", "IV"];
        let mut next = NUMERALS.iter().copied();
        let results = next.next().unwrap_or("I");
        let mut take = |present: bool| if present { next.next() } else { None };
        Sections {
            results,
            assessment: take(assessment),
            directions: take(directions),
            recommendations: take(recommendations),
        }
    }

    /// The sections of `period`'s report; `directions` says whether it has any (the bloc's
    /// common tasks, or a member's plans or targets).
    pub fn of(period: &crate::model::Period, directions: bool) -> Sections {
        Sections::new(
            period.assessment.is_some(),
            directions,
            period.recommendations.is_some(),
        )
    }
}

impl<'a> Views<'a> {
    fn lang_of(&self) -> Language {
        self.site.config.language
    }

    fn proposal_view(&self, p: &Proposal<'a>, of: Option<usize>) -> ProposalView<'a> {
        let site = self.site;
        let association = site.association(p.member);
        let status = p.status.as_str();
        ProposalView {
            association: association.map(|a| self.association_link(a)),
            member_name: association.map_or_else(|| p.member.to_string(), |a| a.name.clone()),
            name: p.person.map(|(name, _)| name),
            position: p.person.and_then(|(_, position)| position),
            award: p.award,
            achievement: p.achievement,
            status,
            status_text: self.tr(&format!("award_{status}")),
            decision: p.decision,
            scoring: p.scoring.map(|(scoring, rank)| {
                let title = self.scoring_name(scoring);
                let rows = of.unwrap_or(scoring.rows.len());
                format!("{} {rank}/{rows} – {title}", self.tr("rank_of"))
            }),
            scoring_url: p
                .scoring
                .map(|(scoring, _)| self.url(&urls::scoring(scoring.period))),
        }
    }

    pub fn awards(&self, awards: &'a Awards) -> AwardsView<'a> {
        let site = self.site;
        let lang = self.lang_of();
        let year = awards.year;
        let (collectives, individuals) = proposals(site, year);
        let limits = awards
            .limits
            .iter()
            .map(|(award, &limit)| LimitView {
                award,
                limit,
                count: collectives
                    .iter()
                    .chain(&individuals)
                    .filter(|p| crate::content::year::same_title(p.award, award))
                    .count(),
            })
            .collect();
        AwardsView {
            year,
            title: format!("{} {year}", self.tr("awards_title")),
            url: self.url(&urls::awards(year)),
            number: awards.document.number.as_deref(),
            date: awards.document.signed.map(|d| d.to_string()),
            date_display: awards
                .document
                .signed
                .map(|d| i18n::format_date(d, DateStyle::Short, lang)),
            date_long: awards
                .document
                .signed
                .map(|d| i18n::format_date(d, DateStyle::Long, lang)),
            to: awards.to.as_deref(),
            collectives: collectives
                .iter()
                .map(|p| self.proposal_view(p, None))
                .collect(),
            individuals: individuals
                .iter()
                .map(|p| self.proposal_view(p, None))
                .collect(),
            limits,
            docx_url: (site.has_proposals(year)
                && site.document_settings(&awards.document).is_ok())
            .then(|| self.url(&urls::awards_docx(year))),
            xlsx_url: site
                .has_proposals(year)
                .then(|| self.url(&urls::awards_xlsx(year))),
            sample: awards.sample.is_all(),
            extra: &awards.extra,
        }
    }

    pub fn meeting(&self, meeting: &'a Meeting) -> MeetingView<'a> {
        let site = self.site;
        let lang = self.lang_of();
        let present = meeting.present.len();
        let person = |p: &'a Option<crate::model::Person>| {
            p.as_ref().map(|p| PersonView {
                name: &p.name,
                position: p.position.as_deref(),
            })
        };
        MeetingView {
            slug: meeting.slug.as_str(),
            title: &meeting.title,
            url: self.url(&urls::meeting(&meeting.slug)),
            date: meeting.date.to_string(),
            date_display: i18n::format_date(meeting.date, DateStyle::Short, lang),
            date_long: i18n::format_date(meeting.date, DateStyle::Long, lang),
            start: meeting.start.as_deref(),
            end: meeting.end.as_deref(),
            place: meeting.place.as_deref(),
            period: meeting.period.map(|p| self.period_link(p)),
            chair: person(&meeting.chair),
            secretary: person(&meeting.secretary),
            present: meeting
                .present
                .iter()
                .filter_map(|s| site.association(s))
                .map(|a| self.association_link(a))
                .collect(),
            absent: meeting
                .absent
                .iter()
                .filter_map(|(slug, reason)| {
                    Some(AbsentMemberView {
                        association: self.association_link(site.association(slug)?),
                        reason,
                    })
                })
                .collect(),
            expected: site.members_in(meeting.year()).count(),
            guests: meeting.guests.iter().map(String::as_str).collect(),
            votes: meeting
                .votes
                .iter()
                .map(|v| VoteView {
                    subject: &v.subject,
                    agree: v.agree,
                    disagree: v.disagree,
                    abstain: v.abstain,
                    agree_percent: percent_of(v.agree, present, lang),
                    disagree_percent: percent_of(v.disagree, present, lang),
                    abstain_percent: percent_of(v.abstain, present, lang),
                })
                .collect(),
            body: &meeting.body.html,
            docx_url: site
                .document_header()
                .is_ok()
                .then(|| self.url(&urls::meeting_docx(&meeting.slug))),
            sample: meeting.sample.is_all(),
            sample_fields: match &meeting.sample {
                crate::model::SampleMark::Keys(keys) => keys.iter().map(String::as_str).collect(),
                _ => Vec::new(),
            },
            extra: &meeting.extra,
        }
    }

    /// The meetings of a period's review, oldest first.
    pub fn meetings_of(&self, id: crate::period::PeriodId) -> Vec<MeetingView<'a>> {
        self.site
            .meetings
            .iter()
            .filter(|m| m.period == Some(id))
            .map(|m| self.meeting(m))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_numbered_in_order_without_the_empty_ones() {
        let all = Sections::new(true, true, true);
        assert_eq!(
            (
                all.results,
                all.assessment,
                all.directions,
                all.recommendations
            ),
            ("I", Some("II"), Some("III"), Some("IV"))
        );
        let some = Sections::new(false, true, true);
        assert_eq!(
            (some.assessment, some.directions, some.recommendations),
            (None, Some("II"), Some("III"))
        );
        let few = Sections::new(true, false, false);
        assert_eq!((few.assessment, few.directions), (Some("II"), None));
    }

    #[test]
    fn vote_shares_of_the_members_present() {
        assert_eq!(percent_of(7, 8, Language::Vi), "87,5%");
        assert_eq!(percent_of(8, 8, Language::Vi), "100%");
        assert_eq!(percent_of(1, 3, Language::En), "33.3%");
        assert_eq!(percent_of(0, 0, Language::Vi), "–");
    }
}
