//! The loaded, validated site: plain data, no I/O. Every stage after loading reads this; the
//! Markdown stage fills in the `html` of each [`Markdown`] field, nothing else changes it.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use indexmap::IndexMap;
use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::config::{MetricDef, SiteConfig};
use crate::content::Markdown;
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
    pub extra: serde_json::Value,
    pub sample: SampleMark,
}

/// Which figures are sample data (not from a real report): `extra: { sample: true }` marks a
/// whole file, `extra: { sample: [key, …] }` single metrics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SampleMark {
    #[default]
    None,
    All,
    Keys(Vec<String>),
}

impl SampleMark {
    pub fn from_extra(extra: &serde_json::Value) -> SampleMark {
        match extra.get("sample") {
            Some(serde_json::Value::Bool(true)) => SampleMark::All,
            Some(serde_json::Value::Array(items)) => SampleMark::Keys(
                items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            ),
            _ => SampleMark::None,
        }
    }

    pub fn covers(&self, key: &str) -> bool {
        match self {
            SampleMark::None => false,
            SampleMark::All => true,
            SampleMark::Keys(keys) => keys.iter().any(|k| k == key),
        }
    }

    pub fn is_all(&self) -> bool {
        matches!(self, SampleMark::All)
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
    pub narrative: Option<Markdown>,
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
            narrative: None,
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
    /// 1-based; equal totals share a rank (1, 2, 2, 4).
    pub rank: usize,
    pub award: Option<String>,
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

#[derive(Debug, Clone)]
pub struct Tag {
    pub slug: Slug,
    pub name: String,
    /// Indexes into [`Site::news`], newest first.
    pub news: Vec<usize>,
}

/// A file copied as is to the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Output path, relative, with `/`.
    pub dest: String,
    pub origin: StaticOrigin,
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
    /// By slug.
    pub tags: Vec<Tag>,
    pub static_files: Vec<StaticFile>,
    pub index: SiteIndex,
}

/// Lookups computed once after loading, so per-page work never scans the whole site.
#[derive(Debug, Clone, Default)]
pub struct SiteIndex {
    pub association_by_slug: HashMap<Slug, usize>,
    /// News indexes per association, newest first.
    pub news_by_association: HashMap<Slug, Vec<usize>>,
    /// News indexes per period, newest first.
    pub news_by_period: HashMap<PeriodId, Vec<usize>>,
    pub tag_by_slug: HashMap<Slug, usize>,
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
}
