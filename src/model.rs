//! The loaded, validated site: plain data, no I/O. Every stage after loading reads this; the
//! Markdown stage fills in the `html` of each [`Markdown`] field, nothing else changes it.

pub mod images;
pub mod parts;
pub mod year;

pub use parts::{AwardStatus, DocumentMeta, Markdown, SampleMark};
pub use year::{
    Awards, CollectiveAward, Combine, CrossScoring, IndividualAward, Meeting, Person, Vote,
};

use std::collections::BTreeMap;
use std::path::PathBuf;

use indexmap::IndexMap;
use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::config::{MetricDef, SiteConfig};
use crate::period::PeriodId;
use crate::slug::Slug;

/// When a news item was published. `date` is the calendar day as written; `timestamp` orders
/// items and feeds (a date without time is midnight in Vietnam, UTC+7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishDate {
    pub date: Date,
    pub timestamp: Timestamp,
    /// RFC 3339 with the Vietnamese offset, for feeds and sitemaps.
    pub rfc3339: String,
}

#[derive(Debug, Clone)]
pub struct NewsItem {
    /// Path relative to the site root (`content/news/2013/x.md`).
    pub source: PathBuf,
    pub slug: Slug,
    pub title: String,
    pub date: PublishDate,
    /// Plain-text summary: the front matter's, else the first paragraph.
    pub summary: Option<String>,
    pub associations: Vec<Slug>,
    pub period: Option<PeriodId>,
    /// Tag names as written; `tag_slugs` in the same order.
    pub tags: Vec<String>,
    pub tag_slugs: Vec<Slug>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub author: Option<String>,
    pub draft: bool,
    pub extra: serde_json::Value,
    /// `extra: { sample: true }`: an invented item, labelled as such wherever it is shown.
    pub sample: bool,
    pub body: Markdown,
    /// `updated:` in the front matter: when the item was corrected.
    pub updated: Option<PublishDate>,
    /// `aliases:` old URLs that redirect to the item.
    pub aliases: Vec<Alias>,
}

/// An old URL of a news item, as an output path under the site root (`news/old-slug/` or
/// `2013/06/old.html`), with where it is written in the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// `news/old-slug/` (a folder: the redirect is its `index.html`) or `a/b.html` (a file).
    pub path: String,
    pub line: usize,
    pub column: usize,
}

impl Alias {
    /// The file the redirect page is written to.
    pub fn file(&self) -> String {
        if self.path.ends_with('/') {
            format!("{}index.html", self.path)
        } else {
            self.path.clone()
        }
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub source: PathBuf,
    pub slug: Slug,
    pub title: String,
    pub menu: Option<i64>,
    pub draft: bool,
    pub extra: serde_json::Value,
    pub body: Markdown,
}

/// One member association: its profile and its achievements per period.
#[derive(Debug, Clone)]
pub struct Association {
    pub slug: Slug,
    /// `content/associations/<slug>/profile.yaml`
    pub source: PathBuf,
    pub name: String,
    pub short_name: String,
    pub order: Option<i64>,
    pub description: Option<Markdown>,
    pub founded: Option<String>,
    pub leader: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub logo: Option<String>,
    /// This association's own metrics (the site's are in [`SiteConfig::metrics`]).
    pub metrics: IndexMap<String, MetricDef>,
    pub extra: serde_json::Value,
    pub achievements: BTreeMap<PeriodId, Achievement>,
    /// The first year this member belongs to the bloc (`joined: 2014`), if it joined later.
    pub joined: Option<i32>,
    /// The last year it belonged to the bloc (`left: 2016`).
    pub left: Option<i32>,
}

impl Association {
    /// Whether this member belongs to the bloc in `year` (between `joined` and `left`).
    pub fn member_in(&self, year: i32) -> bool {
        self.joined.is_none_or(|j| year >= j) && self.left.is_none_or(|l| year <= l)
    }
}

/// What an association reports for one period.
#[derive(Debug, Clone)]
pub struct Achievement {
    pub source: PathBuf,
    pub period: PeriodId,
    pub summary: Option<Markdown>,
    /// Metric values in file order; `None` is "not reported yet".
    pub values: IndexMap<String, Option<Decimal>>,
    pub highlights: Vec<Markdown>,
    pub plans: Vec<Markdown>,
    /// Goals for the following period.
    pub targets: IndexMap<String, Decimal>,
    /// Notes on single figures (`notes: { key: text }`), shown as footnotes on the review.
    pub notes: IndexMap<String, String>,
    pub extra: serde_json::Value,
    pub sample: SampleMark,
    /// Values written as approximate (`{ value: 40000000, qualifier: over }`), by metric key;
    /// the number itself is in `values`.
    pub qualifiers: IndexMap<String, Qualifier>,
}

impl Achievement {
    /// A figure or a summary is filled in: the member has reported (a file `blocpress new
    /// period` wrote and nobody filled in is not a report).
    pub fn is_reported(&self) -> bool {
        self.summary.is_some() || self.values.values().any(Option::is_some)
    }

    /// The qualifier of a metric's value, when it was written as approximate.
    pub fn qualifier(&self, key: &str) -> Option<Qualifier> {
        self.qualifiers.get(key).copied()
    }
}

/// How an approximate value relates to its number: "hơn 40 triệu đồng" is `over`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier {
    Over,
    About,
    Nearly,
    Under,
}

impl Qualifier {
    pub const ALL: [Qualifier; 4] = [
        Qualifier::Over,
        Qualifier::About,
        Qualifier::Nearly,
        Qualifier::Under,
    ];

    /// As written in files and exports: `over`.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Over => "over",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::Under => "under",
        }
    }

    pub fn parse(text: &str) -> Option<Qualifier> {
        Qualifier::ALL.into_iter().find(|q| q.as_str() == text)
    }
}

/// A reporting period: six months or a year.
#[derive(Debug, Clone)]
pub struct Period {
    pub id: PeriodId,
    /// `content/periods/<id>.md`, when the period has a narrative.
    pub source: Option<PathBuf>,
    pub title: String,
    /// The review meeting's date.
    pub date: Option<Date>,
    pub host: Option<Slug>,
    pub location: Option<String>,
    pub summary: Option<String>,
    pub extra: serde_json::Value,
    /// `extra: { sample: [location] }`: the place of the meeting is invented.
    pub sample: SampleMark,
    pub narrative: Option<Markdown>,
    /// The bloc's common tasks for the next period, shown once in the directions section.
    pub plans: Vec<Markdown>,
    /// *Đánh giá chung*: strengths, shortcomings and their causes (section II of the report).
    pub assessment: Option<Markdown>,
    /// *Kiến nghị, đề xuất* (the report's last section).
    pub recommendations: Option<Markdown>,
    /// `draft: true`: kept out of the site (with its figures) unless `--drafts`.
    pub draft: bool,
    /// `number`, `signed`, `signer`: what the official report carries.
    pub document: DocumentMeta,
}

/// Who signs, resolved: the file's `signer`, else site.yaml's.
#[derive(Debug, Clone, PartialEq)]
pub struct SignerLines {
    pub on_behalf: Option<String>,
    pub title: String,
    pub name: String,
}

/// What the header and the signature of a document need, complete.
#[derive(Debug, Clone)]
pub struct DocumentSettings<'a> {
    pub parent: Option<&'a str>,
    pub issuer: &'a str,
    /// The issuer's ký hiệu (`KTĐ`): completes a number left blank (`Số:      /BC-KTĐ`).
    pub code: Option<&'a str>,
    pub place: &'a str,
    pub recipients: &'a [String],
    pub signer: SignerLines,
}

fn filled(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl Period {
    /// A period that no file describes (only named by data or news): its default title and
    /// nothing else.
    pub fn untitled(id: PeriodId, language: crate::i18n::Language) -> Period {
        Period {
            id,
            source: None,
            title: id.default_title(language),
            date: None,
            host: None,
            location: None,
            summary: None,
            extra: serde_json::Value::Object(Default::default()),
            sample: SampleMark::None,
            narrative: None,
            plans: Vec::new(),
            assessment: None,
            recommendations: None,
            draft: false,
            document: DocumentMeta::default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub max: Decimal,
}

#[derive(Debug, Clone)]
pub struct CriteriaGroup {
    /// `id` as written, else the group's position (`"1"`, `"2"`, …).
    pub id: String,
    pub title: String,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone)]
pub struct Adjustment {
    pub points: Decimal,
    pub reason: String,
}

/// One association's line in a scoring table, computed when the file is loaded.
#[derive(Debug, Clone)]
pub struct ScoreRow {
    pub association: Slug,
    /// One score per criterion, in the order of the groups and criteria.
    pub scores: Vec<Decimal>,
    pub group_totals: Vec<Decimal>,
    pub adjustments: Vec<Adjustment>,
    pub total: Decimal,
    /// 1-based; equal totals share a rank (1, 2, 2, 4) once `tie_break` is applied.
    pub rank: usize,
    /// The award's title.
    pub award: Option<String>,
    pub award_status: AwardStatus,
    /// The decision that granted it (`Quyết định số 123/QĐ-UBND ngày 15/01/2014`).
    pub award_decision: Option<String>,
    /// The member's self-assessment (tự chấm), one score per criterion, when the file has one.
    pub self_scores: Option<Vec<Decimal>>,
    /// How many scorers' sheets were combined into `scores`, when the member was cross-scored.
    pub scorers: Option<usize>,
}

impl ScoreRow {
    /// The criteria alone, without adjustments (what self-assessment is compared with).
    pub fn criteria_total(&self) -> Decimal {
        self.scores.iter().sum()
    }

    pub fn self_total(&self) -> Option<Decimal> {
        self.self_scores.as_ref().map(|s| s.iter().sum())
    }
}

#[derive(Debug, Clone)]
pub struct Scoring {
    pub source: PathBuf,
    pub period: PeriodId,
    pub title: Option<String>,
    pub groups: Vec<CriteriaGroup>,
    /// In rank order.
    pub rows: Vec<ScoreRow>,
    pub extra: serde_json::Value,
    pub sample: SampleMark,
    /// Group or criterion ids that order equal totals, in order.
    pub tie_break: Vec<String>,
    /// Members not scored this period, with the reason.
    pub absent: IndexMap<Slug, String>,
    pub has_self_scores: bool,
    /// `number`, `signed`, `signer`: what the official scoring document carries.
    pub document: DocumentMeta,
    /// `cross_scores`: each member's sheet of the others and how they are combined.
    pub cross: Option<CrossScoring>,
    /// Criteria without the scores yet (the start of the year's scoring): checked and used for
    /// the forms, never published. Such a file is in [`Site::preparing`], not [`Site::scorings`].
    pub preparing: bool,
}

impl Scoring {
    pub fn max_total(&self) -> Decimal {
        self.groups
            .iter()
            .flat_map(|g| &g.criteria)
            .map(|c| c.max)
            .sum()
    }
}

/// The bloc's registration of yearly targets (*đăng ký, giao ước thi đua*):
/// `content/registrations/<year>.yaml`.
#[derive(Debug, Clone)]
pub struct Registration {
    pub source: PathBuf,
    pub year: i32,
    pub title: Option<String>,
    /// The day the bloc signed it.
    pub date: Option<Date>,
    /// Yearly targets per member, metric keys as in achievements.
    pub targets: IndexMap<Slug, IndexMap<String, Decimal>>,
    /// What each member commits to (Markdown list items).
    pub commitments: IndexMap<Slug, Vec<Markdown>>,
    /// The title each member aims for (*đăng ký danh hiệu*): `Cờ thi đua của UBND tỉnh`.
    pub titles: IndexMap<Slug, String>,
    pub extra: serde_json::Value,
    pub sample: SampleMark,
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub slug: Slug,
    pub name: String,
    /// Indexes into [`Site::news`], newest first.
    pub news: Vec<usize>,
    /// The other spellings of the tag (differing from `name` in case or marks), each with
    /// the first news item that writes it: the checks warn about them (W610).
    pub other_spellings: Vec<(String, usize)>,
}

/// A file copied as is to the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Output path, relative, with `/`.
    pub dest: String,
    pub origin: StaticOrigin,
}

impl StaticFile {
    /// Where the file comes from, as messages name it: its path under the site root `root`, or
    /// the built-in theme.
    pub fn source_text(&self, root: &std::path::Path) -> String {
        match &self.origin {
            StaticOrigin::Disk(path) => {
                crate::diagnostics::display_path(path.strip_prefix(root).unwrap_or(path))
            }
            StaticOrigin::Builtin(_) => "<built-in theme>/static".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaticOrigin {
    /// A file on disk (site `static/` or the site theme's `static/`).
    Disk(PathBuf),
    /// A file of the built-in theme, embedded in the binary.
    Builtin(&'static [u8]),
}

/// The whole site, loaded and validated.
#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// Newest first; drafts only when building with `--drafts`.
    pub news: Vec<NewsItem>,
    /// In menu order, then by title.
    pub pages: Vec<Page>,
    /// In display order (`order`, then name).
    pub associations: Vec<Association>,
    /// Every period any file names, oldest first.
    pub periods: BTreeMap<PeriodId, Period>,
    pub scorings: BTreeMap<PeriodId, Scoring>,
    /// Scoring files with criteria and no scores yet, by period: used for the forms only.
    pub preparing: BTreeMap<PeriodId, Scoring>,
    /// By year.
    pub registrations: BTreeMap<i32, Registration>,
    /// The year's awards proposals, by year.
    pub awards: BTreeMap<i32, Awards>,
    /// The bloc's meetings, oldest first (by date, then slug).
    pub meetings: Vec<Meeting>,
    /// By slug.
    pub tags: Vec<Tag>,
    pub static_files: Vec<StaticFile>,
    pub index: SiteIndex,
    /// Drafts left out of this build (news, pages, periods), so a link to one says so.
    pub drafts: Vec<PathBuf>,
    /// Processed images by output path (the image pipeline's result).
    pub images: images::ImageCatalog,
    /// Official documents (`content/documents/`), newest first.
    pub documents: Vec<Document>,
    /// The bodies of news items, pages and periods whose front matter has errors (already
    /// reported): never published, only checked, so one run reports every error of a file.
    pub failed_bodies: Vec<(PathBuf, Markdown)>,
}

/// An official document (`content/documents/<slug>.md`): a plan, a decision, a report with
/// its number, kind, issuer and date, and its file.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: PathBuf,
    pub slug: Slug,
    /// Trích yếu.
    pub title: String,
    /// Số, ký hiệu (`05/KH-KTĐ`).
    pub number: String,
    /// Loại văn bản (`Kế hoạch`).
    pub kind: String,
    pub kind_slug: String,
    /// Cơ quan ban hành.
    pub issuer: String,
    pub date: Date,
    /// As written (`/files/ke-hoach.pdf`).
    pub file: String,
    /// `PDF`, `DOCX`.
    pub file_type: String,
    pub file_size: Option<u64>,
    pub associations: Vec<Slug>,
    pub period: Option<PeriodId>,
    pub body: Markdown,
    pub extra: serde_json::Value,
    /// `extra: { sample: true }` (an invented document) or `[number, date]` (invented fields):
    /// labelled wherever the document is listed.
    pub sample: SampleMark,
}

/// Lookups computed once after loading, so per-page work never scans the whole site.
#[derive(Debug, Clone, Default)]
pub struct SiteIndex {
    pub association_by_slug: FxHashMap<Slug, usize>,
    /// News indexes per association, newest first.
    pub news_by_association: FxHashMap<Slug, Vec<usize>>,
    /// News indexes per period, newest first.
    pub news_by_period: FxHashMap<PeriodId, Vec<usize>>,
    pub tag_by_slug: FxHashMap<Slug, usize>,
}

impl Site {
    pub fn association(&self, slug: &Slug) -> Option<&Association> {
        self.index
            .association_by_slug
            .get(slug)
            .map(|&i| &self.associations[i])
    }

    /// The associations' slugs in display order.
    pub fn association_slugs(&self) -> Vec<Slug> {
        self.associations.iter().map(|a| a.slug.clone()).collect()
    }

    /// The members of the bloc in `year`, in display order.
    pub fn members_in(&self, year: i32) -> impl Iterator<Item = &Association> {
        self.associations.iter().filter(move |a| a.member_in(year))
    }

    /// A metric's definition for an association: its own first, then the site's.
    pub fn metric_def<'a>(
        &'a self,
        association: &'a Association,
        key: &str,
    ) -> Option<&'a MetricDef> {
        association
            .metrics
            .get(key)
            .or_else(|| self.config.metrics.get(key))
    }

    /// Whether the report of period `id` is issued: some member of the bloc that year has
    /// reported in it (SPEC Part 3: a report with no figures is not issued, has no `.docx` and
    /// is not listed as published).
    pub fn report_issued(&self, id: PeriodId) -> bool {
        self.members_in(i32::from(id.year())).any(|a| {
            a.achievements
                .get(&id)
                .is_some_and(Achievement::is_reported)
        })
    }

    /// The documents of a period's review (indexes into [`Site::documents`]).
    pub fn documents_of_period(&self, id: PeriodId) -> Vec<usize> {
        (0..self.documents.len())
            .filter(|&i| self.documents[i].period == Some(id))
            .collect()
    }

    /// The documents that name a member.
    pub fn documents_of_association(&self, slug: &Slug) -> Vec<usize> {
        (0..self.documents.len())
            .filter(|&i| self.documents[i].associations.contains(slug))
            .collect()
    }

    /// Who signs a document: its own `signer`, else the signer of its year
    /// (`bloc.roles.<year>.signer`, each missing line taken from `documents.signer`), else
    /// `documents.signer`.
    pub fn signer_of(&self, meta: &DocumentMeta) -> Option<crate::config::Signer> {
        let default = self
            .config
            .documents
            .as_ref()
            .and_then(|d| d.signer.as_ref());
        if let Some(own) = &meta.signer {
            return Some(own.clone());
        }
        let of_year = meta
            .year
            .and_then(|year| self.config.bloc.roles.get(&year.to_string()))
            .and_then(|roles| roles.signer.as_ref());
        match (of_year, default) {
            (Some(year), Some(default)) => Some(crate::config::Signer {
                on_behalf: year.on_behalf.clone().or_else(|| default.on_behalf.clone()),
                title: year.title.clone().or_else(|| default.title.clone()),
                name: year.name.clone().or_else(|| default.name.clone()),
            }),
            (Some(year), None) => Some(year.clone()),
            (None, default) => default.cloned(),
        }
    }

    /// Whether anyone is proposed for an award in `year` (a scoring's award, an entry of the
    /// awards file): a proposal with no one in it is not issued.
    pub fn has_proposals(&self, year: i32) -> bool {
        let scored = self
            .scorings
            .values()
            .filter(|s| i32::from(s.period.year()) == year)
            .any(|s| s.rows.iter().any(|r| r.award.is_some()));
        scored
            || self
                .awards
                .get(&year)
                .is_some_and(|a| !a.collectives.is_empty() || !a.individuals.is_empty())
    }

    /// What the header of a document needs (issuer and place), or the first missing key: the
    /// minutes of a meeting, which its secretary and chair sign, need no more.
    pub fn document_header(&self) -> Result<(Option<&str>, &str, &str), &'static str> {
        let documents = self.config.documents.as_ref().ok_or("documents")?;
        let issuer = filled(&documents.issuer).ok_or("documents.issuer")?;
        let place = filled(&documents.place).ok_or("documents.place")?;
        Ok((filled(&documents.parent), issuer, place))
    }

    /// The issuer's code of `documents:` (`KTĐ`), which goes after a document's kind.
    pub fn document_code(&self) -> Option<&str> {
        self.config.documents.as_ref().and_then(|d| filled(&d.code))
    }

    /// The settings of a document with front matter `meta`, or the first missing key
    /// (`documents`, `documents.issuer`, `documents.place`, `documents.signer.title`, …).
    pub fn document_settings(
        &self,
        meta: &DocumentMeta,
    ) -> Result<DocumentSettings<'_>, &'static str> {
        let documents: &crate::config::DocumentsConfig =
            self.config.documents.as_ref().ok_or("documents")?;
        let issuer = filled(&documents.issuer).ok_or("documents.issuer")?;
        let place = filled(&documents.place).ok_or("documents.place")?;
        let signer = self.signer_of(meta).ok_or("documents.signer")?;
        let title = filled(&signer.title).ok_or("documents.signer.title")?;
        let name = filled(&signer.name).ok_or("documents.signer.name")?;
        Ok(DocumentSettings {
            parent: filled(&documents.parent),
            issuer,
            code: filled(&documents.code),
            place,
            recipients: &documents.recipients,
            signer: SignerLines {
                on_behalf: filled(&signer.on_behalf).map(str::to_string),
                title: title.to_string(),
                name: name.to_string(),
            },
        })
    }
}
