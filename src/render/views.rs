//! Template contexts: small `Serialize` views that borrow from the [`Site`] and carry what a
//! template prints, already formatted for the site's language. The review of a period (the
//! *báo cáo sơ kết / tổng kết*) is assembled here: each member's figures with their changes
//! against the preceding period and the same period a year earlier, the target reached, the
//! bloc-wide table of shared metrics, and charts.

use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use super::charts::{Bar, BarChart, bar_chart};
use crate::config::MetricDef;
use crate::i18n::{self, DateStyle, Language};
use crate::model::{Achievement, Association, NewsItem, Period, Scoring, Site};
use crate::period::PeriodId;

/// UI strings of the theme for the site's language.
pub type Translations = HashMap<String, String>;

pub struct Views<'a> {
    pub site: &'a Site,
    pub t: &'a Translations,
}

#[derive(Serialize, Clone)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct AssociationLink<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub short_name: &'a str,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct PeriodLink {
    pub id: String,
    /// The period file's `title`, else the default title.
    pub title: String,
    /// Always the default title ("6 tháng đầu năm 2013"), for table headers and charts.
    pub short: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct TagLink<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub url: String,
}

/// A news item as lists show it.
#[derive(Serialize)]
pub struct NewsCard<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    /// `YYYY-MM-DD`
    pub date: String,
    pub date_display: String,
    /// RFC 3339, for `<time datetime>` and feeds.
    pub datetime: &'a str,
    pub summary: Option<&'a str>,
    pub tags: Vec<TagLink<'a>>,
    pub associations: Vec<AssociationLink<'a>>,
    pub period: Option<PeriodLink>,
    pub image: Option<String>,
    pub image_alt: Option<&'a str>,
    pub author: Option<&'a str>,
    pub draft: bool,
    pub extra: &'a serde_json::Value,
    /// `updated:` (a correction): RFC 3339 and as shown; feeds use `updated or datetime`.
    pub updated: Option<&'a str>,
    pub updated_display: Option<String>,
}

#[derive(Serialize)]
pub struct AssociationCard<'a> {
    #[serde(flatten)]
    pub link: AssociationLink<'a>,
    pub order: Option<i64>,
    /// `leader`, `deputy` or none.
    pub role: Option<&'static str>,
    pub role_label: Option<String>,
    pub description: Option<&'a str>,
    pub logo: Option<String>,
    pub periods_reported: usize,
}

/// One figure of a member in a period, with its comparisons.
#[derive(Serialize)]
pub struct Figure<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub unit: &'a str,
    pub reported: bool,
    pub value: Option<String>,
    /// The value as a plain number (`10202`, `95.5`).
    pub plain: Option<String>,
    pub sample: bool,
    pub previous: Option<String>,
    pub change: Option<String>,
    /// `up`, `down` or `same`, for styling.
    pub trend: Option<&'static str>,
    pub year_earlier: Option<String>,
    pub year_change: Option<String>,
    pub year_trend: Option<&'static str>,
    pub target: Option<String>,
    pub target_percent: Option<String>,
}

#[derive(Serialize)]
pub struct TargetView<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub unit: &'a str,
    pub value: String,
}

/// A member's part of a period's review.
#[derive(Serialize)]
pub struct MemberReport<'a> {
    pub association: AssociationLink<'a>,
    pub role_label: Option<String>,
    pub is_host: bool,
    pub reported: bool,
    pub summary: Option<&'a str>,
    pub figures: Vec<Figure<'a>>,
    pub highlights: Vec<&'a str>,
    pub plans: Vec<&'a str>,
    /// Goals this member set for the following period.
    pub targets: Vec<TargetView<'a>>,
    pub sample: bool,
    pub has_sample_figures: bool,
    pub source: String,
}

#[derive(Serialize)]
pub struct SharedColumn<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub unit: &'a str,
    pub total: String,
    pub total_plain: String,
    pub reported_by: usize,
}

#[derive(Serialize)]
pub struct SharedRow<'a> {
    pub association: AssociationLink<'a>,
    /// One cell per shared column, `None` when not reported.
    pub values: Vec<Option<String>>,
}

/// The bloc-wide table of the metrics several members report.
#[derive(Serialize)]
pub struct SharedTable<'a> {
    pub columns: Vec<SharedColumn<'a>>,
    pub rows: Vec<SharedRow<'a>>,
}

#[derive(Serialize)]
pub struct ChartView {
    pub title: String,
    pub svg: String,
}

#[derive(Serialize)]
pub struct PeriodSummary<'a> {
    #[serde(flatten)]
    pub link: PeriodLink,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub date_long: Option<String>,
    pub host: Option<AssociationLink<'a>>,
    pub location: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub is_year: bool,
    pub members_reported: usize,
    pub has_scoring: bool,
    pub scoring_url: Option<String>,
    pub data_json_url: String,
    pub data_csv_url: String,
    pub extra: &'a serde_json::Value,
}

/// The review article of a period.
#[derive(Serialize)]
pub struct Report<'a> {
    #[serde(flatten)]
    pub period: PeriodSummary<'a>,
    /// The article's heading: the period file's title, else "Sơ kết công tác thi đua 6 tháng …".
    pub heading: String,
    pub narrative: Option<&'a str>,
    pub members: Vec<MemberReport<'a>>,
    pub shared: SharedTable<'a>,
    pub charts: Vec<ChartView>,
    pub preceding: Option<PeriodLink>,
    pub following: Option<PeriodLink>,
    /// The default title of the next period (what section II plans for), lowercase.
    pub next_period: String,
    pub scoring: Option<ScoringView<'a>>,
    pub has_sample: bool,
}

#[derive(Serialize)]
pub struct CriterionView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub max: String,
}

#[derive(Serialize)]
pub struct GroupView<'a> {
    pub number: usize,
    pub title: &'a str,
    pub criteria: Vec<CriterionView<'a>>,
    pub max: String,
}

#[derive(Serialize)]
pub struct AdjustmentView<'a> {
    pub points: String,
    pub reason: &'a str,
    pub bonus: bool,
}

#[derive(Serialize)]
pub struct ScoreRowView<'a> {
    pub rank: usize,
    pub tied: bool,
    pub association: AssociationLink<'a>,
    /// Every criterion's score, in order.
    pub scores: Vec<String>,
    /// The same scores by group, with the group's subtotal.
    pub groups: Vec<GroupScores>,
    pub adjustments: Vec<AdjustmentView<'a>>,
    pub adjustments_total: String,
    pub total: String,
    pub total_plain: String,
    pub award: Option<&'a str>,
}

#[derive(Serialize)]
pub struct GroupScores {
    pub scores: Vec<String>,
    pub total: String,
}

#[derive(Serialize)]
pub struct ScoringView<'a> {
    pub title: String,
    pub period: PeriodLink,
    pub url: String,
    pub groups: Vec<GroupView<'a>>,
    pub criteria_count: usize,
    pub max_total: String,
    pub rows: Vec<ScoreRowView<'a>>,
    pub unscored: Vec<AssociationLink<'a>>,
    pub sample: bool,
    pub has_adjustments: bool,
    pub has_awards: bool,
    pub extra: &'a serde_json::Value,
}

/// A member's figures across all its periods.
#[derive(Serialize)]
pub struct HistoryCell {
    pub value: Option<String>,
    pub change: Option<String>,
    pub trend: Option<&'static str>,
    pub sample: bool,
}

#[derive(Serialize)]
pub struct HistoryRow<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub unit: &'a str,
    pub cells: Vec<HistoryCell>,
}

#[derive(Serialize)]
pub struct PeriodEntry<'a> {
    pub period: PeriodLink,
    pub summary: Option<&'a str>,
    pub highlights: Vec<&'a str>,
    pub plans: Vec<&'a str>,
    pub targets: Vec<TargetView<'a>>,
    pub sample: bool,
}

#[derive(Serialize)]
pub struct RankView {
    pub period: PeriodLink,
    pub url: String,
    pub rank: usize,
    pub total: String,
    pub of: usize,
}

#[derive(Serialize)]
pub struct AssociationPage<'a> {
    #[serde(flatten)]
    pub card: AssociationCard<'a>,
    pub description_html: Option<&'a str>,
    pub founded: Option<&'a str>,
    pub leader: Option<&'a str>,
    pub website: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub address: Option<&'a str>,
    pub extra: &'a serde_json::Value,
    pub history_periods: Vec<PeriodLink>,
    pub history: Vec<HistoryRow<'a>>,
    pub charts: Vec<ChartView>,
    pub periods: Vec<PeriodEntry<'a>>,
    pub ranks: Vec<RankView>,
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn trend(change: Decimal) -> &'static str {
    if change > Decimal::ZERO {
        "up"
    } else if change < Decimal::ZERO {
        "down"
    } else {
        "same"
    }
}

impl<'a> Views<'a> {
    fn lang(&self) -> Language {
        self.site.config.language
    }

    pub fn tr(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    fn num(&self, value: Decimal) -> String {
        i18n::format_decimal(value, self.lang())
    }

    pub fn url(&self, path: &str) -> String {
        self.site.config.path_url(path)
    }

    /// A URL written in content (`/images/x.png`, `x.png`, `https://…`) as the page links it.
    pub fn asset_url(&self, url: &str) -> String {
        if url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//") {
            url.to_string()
        } else {
            self.url(url.trim_start_matches('/'))
        }
    }

    pub fn period_link(&self, id: PeriodId) -> PeriodLink {
        let title = self
            .site
            .periods
            .get(&id)
            .map(|p| p.title.clone())
            .unwrap_or_else(|| id.default_title(self.lang()));
        PeriodLink {
            id: id.to_string(),
            title,
            short: id.default_title(self.lang()),
            url: self.url(&format!("reports/{id}/")),
        }
    }

    pub fn association_link(&self, association: &'a Association) -> AssociationLink<'a> {
        AssociationLink {
            slug: association.slug.as_str(),
            name: &association.name,
            short_name: &association.short_name,
            url: self.url(&format!("associations/{}/", association.slug)),
        }
    }

    fn role(&self, association: &Association) -> Option<&'static str> {
        let bloc = &self.site.config.bloc;
        if bloc.leader.as_deref() == Some(association.slug.as_str()) {
            Some("leader")
        } else if bloc.deputy.as_deref() == Some(association.slug.as_str()) {
            Some("deputy")
        } else {
            None
        }
    }

    fn role_label(&self, association: &Association) -> Option<String> {
        self.role(association)
            .map(|role| self.tr(&format!("role_{role}")))
    }

    pub fn news_card(&self, item: &'a NewsItem) -> NewsCard<'a> {
        let site = self.site;
        let path = format!("news/{}/", item.slug);
        NewsCard {
            slug: item.slug.as_str(),
            title: &item.title,
            url: self.url(&path),
            permalink: site.config.absolute_url(&path),
            date: item.date.date.to_string(),
            date_display: i18n::format_date(item.date.date, DateStyle::Short, self.lang()),
            datetime: &item.date.rfc3339,
            summary: item.summary.as_deref(),
            tags: item
                .tags
                .iter()
                .zip(&item.tag_slugs)
                .map(|(name, slug)| TagLink {
                    slug: slug.as_str(),
                    // The site-wide spelling of the tag, so every page names it the same way.
                    name: site
                        .index
                        .tag_by_slug
                        .get(slug)
                        .map_or(name.as_str(), |&i| site.tags[i].name.as_str()),
                    url: self.url(&format!("tags/{slug}/")),
                })
                .collect(),
            associations: item
                .associations
                .iter()
                .filter_map(|slug| site.association(slug))
                .map(|a| self.association_link(a))
                .collect(),
            period: item.period.map(|p| self.period_link(p)),
            image: item.image.as_deref().map(|u| self.asset_url(u)),
            image_alt: item.image_alt.as_deref(),
            author: item.author.as_deref(),
            draft: item.draft,
            extra: &item.extra,
            updated: item.updated.as_ref().map(|u| u.rfc3339.as_str()),
            updated_display: item
                .updated
                .as_ref()
                .map(|u| i18n::format_date(u.date, DateStyle::Short, self.lang())),
        }
    }

    pub fn association_card(&self, association: &'a Association) -> AssociationCard<'a> {
        AssociationCard {
            link: self.association_link(association),
            order: association.order,
            role: self.role(association),
            role_label: self.role_label(association),
            description: association.description.as_ref().map(|d| d.html.as_str()),
            logo: association.logo.as_deref().map(|u| self.asset_url(u)),
            periods_reported: association.achievements.len(),
        }
    }

    pub fn period_summary(&self, period: &'a Period) -> PeriodSummary<'a> {
        let site = self.site;
        let id = period.id;
        let members_reported = site
            .associations
            .iter()
            .filter(|a| a.achievements.contains_key(&id))
            .count();
        let has_scoring = site.scorings.contains_key(&id);
        PeriodSummary {
            link: self.period_link(id),
            date: period.date.map(|d| d.to_string()),
            date_display: period
                .date
                .map(|d| i18n::format_date(d, DateStyle::Short, self.lang())),
            date_long: period
                .date
                .map(|d| i18n::format_date(d, DateStyle::Long, self.lang())),
            host: period
                .host
                .as_ref()
                .and_then(|slug| site.association(slug))
                .map(|a| self.association_link(a)),
            location: period.location.as_deref(),
            summary: period.summary.as_deref(),
            is_year: id.is_year(),
            members_reported,
            has_scoring,
            scoring_url: has_scoring.then(|| self.url(&format!("scoring/{id}/"))),
            data_json_url: self.url(&format!("reports/{id}/data.json")),
            data_csv_url: self.url(&format!("reports/{id}/data.csv")),
            extra: &period.extra,
        }
    }

    fn def(&self, association: &'a Association, key: &str) -> Option<&'a MetricDef> {
        self.site.metric_def(association, key)
    }

    fn value_of(association: &Association, period: Option<PeriodId>, key: &str) -> Option<Decimal> {
        association
            .achievements
            .get(&period?)?
            .values
            .get(key)
            .copied()
            .flatten()
    }

    fn targets(
        &self,
        association: &'a Association,
        achievement: &'a Achievement,
    ) -> Vec<TargetView<'a>> {
        achievement
            .targets
            .iter()
            .filter_map(|(key, value)| {
                let def = self.def(association, key)?;
                Some(TargetView {
                    key,
                    label: &def.label,
                    unit: def.unit.as_deref().unwrap_or(""),
                    value: self.num(*value),
                })
            })
            .collect()
    }

    fn figures(
        &self,
        association: &'a Association,
        achievement: &'a Achievement,
    ) -> Vec<Figure<'a>> {
        let id = achievement.period;
        let preceding = id.preceding();
        let year_earlier = id.year_earlier().filter(|p| Some(*p) != preceding);
        let targets = preceding
            .and_then(|p| association.achievements.get(&p))
            .map(|a| &a.targets);
        achievement
            .values
            .iter()
            .filter_map(|(key, value)| {
                let def = self.def(association, key)?;
                let previous = Self::value_of(association, preceding, key);
                let earlier = Self::value_of(association, year_earlier, key);
                let target = targets.and_then(|t| t.get(key)).copied();
                let change = value.zip(previous).map(|(v, p)| v - p);
                let year_change = value.zip(earlier).map(|(v, p)| v - p);
                let target_percent = value.zip(target).and_then(|(v, t)| {
                    (!t.is_zero()).then(|| {
                        let percent = (v / t * Decimal::from(100)).to_f64().unwrap_or(0.0);
                        i18n::format_percent(percent, self.lang())
                    })
                });
                Some(Figure {
                    key,
                    label: &def.label,
                    unit: def.unit.as_deref().unwrap_or(""),
                    reported: value.is_some(),
                    value: value.map(|v| self.num(v)),
                    plain: value.map(|v| v.normalize().to_string()),
                    sample: achievement.sample.covers(key),
                    previous: previous.map(|v| self.num(v)),
                    change: change.map(|c| i18n::format_change(c, self.lang())),
                    trend: change.map(trend),
                    year_earlier: earlier.map(|v| self.num(v)),
                    year_change: year_change.map(|c| i18n::format_change(c, self.lang())),
                    year_trend: year_change.map(trend),
                    target: target.map(|t| self.num(t)),
                    target_percent,
                })
            })
            .collect()
    }

    pub fn report(&self, period: &'a Period) -> Report<'a> {
        let site = self.site;
        let id = period.id;
        let host = period.host.as_ref();
        let mut members = Vec::new();
        for association in &site.associations {
            let achievement = association.achievements.get(&id);
            let figures = achievement
                .map(|a| self.figures(association, a))
                .unwrap_or_default();
            members.push(MemberReport {
                association: self.association_link(association),
                role_label: self.role_label(association),
                is_host: host == Some(&association.slug),
                reported: achievement.is_some(),
                summary: achievement
                    .and_then(|a| a.summary.as_ref())
                    .map(|m| m.html.as_str()),
                has_sample_figures: figures.iter().any(|f| f.sample),
                figures,
                highlights: achievement
                    .map(|a| a.highlights.iter().map(|m| m.html.as_str()).collect())
                    .unwrap_or_default(),
                plans: achievement
                    .map(|a| a.plans.iter().map(|m| m.html.as_str()).collect())
                    .unwrap_or_default(),
                targets: achievement
                    .map(|a| self.targets(association, a))
                    .unwrap_or_default(),
                sample: achievement.is_some_and(|a| a.sample.is_all()),
                source: achievement
                    .map(|a| crate::diagnostics::display_path(&a.source))
                    .unwrap_or_default(),
            });
        }
        let (shared, charts) = self.shared_table(id);
        let scoring = site.scorings.get(&id).map(|s| self.scoring(s));
        let has_sample = members.iter().any(|m| m.sample || m.has_sample_figures)
            || scoring.as_ref().is_some_and(|s| s.sample);
        let exists = |p: Option<PeriodId>| {
            p.filter(|p| site.periods.contains_key(p))
                .map(|p| self.period_link(p))
        };
        let heading = if period.source.is_some() && period.title != id.default_title(self.lang()) {
            period.title.clone()
        } else {
            let key = if id.is_year() {
                "report_title_year"
            } else {
                "report_title_half"
            };
            format!(
                "{} {}",
                self.tr(key),
                lowercase_first(&id.default_title(self.lang()))
            )
        };
        Report {
            heading,
            period: self.period_summary(period),
            narrative: period.narrative.as_ref().map(|m| m.html.as_str()),
            members,
            shared,
            charts,
            preceding: exists(id.preceding()),
            following: exists(id.following()),
            next_period: id
                .following()
                .map(|p| lowercase_first(&p.default_title(self.lang())))
                .unwrap_or_default(),
            scoring,
            has_sample,
        }
    }

    /// Metrics reported by two or more members in the period: one column each, with totals,
    /// and one chart each.
    fn shared_table(&self, id: PeriodId) -> (SharedTable<'a>, Vec<ChartView>) {
        let site = self.site;
        let mut counts: indexmap::IndexMap<&'a str, usize> = indexmap::IndexMap::new();
        for key in site.config.metrics.keys() {
            counts.insert(key, 0);
        }
        for association in &site.associations {
            if let Some(achievement) = association.achievements.get(&id) {
                for (key, value) in &achievement.values {
                    if value.is_some() {
                        *counts.entry(key.as_str()).or_insert(0) += 1;
                    }
                }
            }
        }
        let keys: Vec<&'a str> = counts
            .iter()
            .filter(|(_, n)| **n >= 2)
            .map(|(k, _)| *k)
            .collect();
        let reporters: Vec<&'a Association> = site
            .associations
            .iter()
            .filter(|a| a.achievements.contains_key(&id))
            .collect();
        let mut columns = Vec::new();
        let mut charts = Vec::new();
        for key in &keys {
            let def = site
                .config
                .metrics
                .get(*key)
                .or_else(|| reporters.iter().find_map(|a| a.metrics.get(*key)));
            let Some(def) = def else { continue };
            let unit = def.unit.as_deref().unwrap_or("");
            let values: Vec<(&Association, Decimal)> = reporters
                .iter()
                .filter_map(|a| Self::value_of(a, Some(id), key).map(|v| (*a, v)))
                .collect();
            let total: Decimal = values.iter().map(|(_, v)| *v).sum();
            columns.push(SharedColumn {
                key,
                label: &def.label,
                unit,
                total: self.num(total),
                total_plain: total.normalize().to_string(),
                reported_by: values.len(),
            });
            let chart = BarChart {
                id: format!("chart-{id}-{key}"),
                title: format!(
                    "{} ({})",
                    def.label,
                    id.default_title(self.lang()).to_lowercase()
                ),
                description: format!(
                    "{}: {}",
                    self.tr("chart_unit"),
                    if unit.is_empty() { "—" } else { unit }
                ),
                bars: values
                    .iter()
                    .map(|(a, v)| Bar {
                        label: a.short_name.clone(),
                        value: *v,
                        display: self.num(*v),
                    })
                    .collect(),
            };
            charts.push(ChartView {
                title: chart.title.clone(),
                svg: bar_chart(&chart),
            });
        }
        let rows = reporters
            .iter()
            .map(|a| SharedRow {
                association: self.association_link(a),
                values: keys
                    .iter()
                    .map(|key| Self::value_of(a, Some(id), key).map(|v| self.num(v)))
                    .collect(),
            })
            .collect();
        (SharedTable { columns, rows }, charts)
    }

    pub fn scoring(&self, scoring: &'a Scoring) -> ScoringView<'a> {
        let site = self.site;
        let signed = |d: Decimal| i18n::format_change(d, self.lang());
        let rows: Vec<ScoreRowView> = scoring
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, row)| {
                let association = site.association(&row.association)?;
                let tied = scoring
                    .rows
                    .iter()
                    .enumerate()
                    .any(|(j, r)| j != i && r.rank == row.rank);
                let adjustments_total: Decimal = row.adjustments.iter().map(|a| a.points).sum();
                Some(ScoreRowView {
                    rank: row.rank,
                    tied,
                    association: self.association_link(association),
                    scores: row.scores.iter().map(|s| self.num(*s)).collect(),
                    groups: {
                        let mut scores = row.scores.iter();
                        scoring
                            .groups
                            .iter()
                            .zip(&row.group_totals)
                            .map(|(group, total)| GroupScores {
                                scores: scores
                                    .by_ref()
                                    .take(group.criteria.len())
                                    .map(|s| self.num(*s))
                                    .collect(),
                                total: self.num(*total),
                            })
                            .collect()
                    },
                    adjustments: row
                        .adjustments
                        .iter()
                        .map(|a| AdjustmentView {
                            points: signed(a.points),
                            reason: &a.reason,
                            bonus: a.points >= Decimal::ZERO,
                        })
                        .collect(),
                    adjustments_total: if row.adjustments.is_empty() {
                        String::new()
                    } else {
                        signed(adjustments_total)
                    },
                    total: self.num(row.total),
                    total_plain: row.total.normalize().to_string(),
                    award: row.award.as_deref(),
                })
            })
            .collect();
        let unscored = site
            .associations
            .iter()
            .filter(|a| !scoring.rows.iter().any(|r| r.association == a.slug))
            .map(|a| self.association_link(a))
            .collect();
        let period = self.period_link(scoring.period);
        ScoringView {
            title: scoring.title.clone().unwrap_or_else(|| {
                format!("{} {}", self.tr("scoring"), lowercase_first(&period.short))
            }),
            url: self.url(&format!("scoring/{}/", scoring.period)),
            period,
            groups: scoring
                .groups
                .iter()
                .enumerate()
                .map(|(i, g)| GroupView {
                    number: i + 1,
                    title: &g.title,
                    max: self.num(g.criteria.iter().map(|c| c.max).sum()),
                    criteria: g
                        .criteria
                        .iter()
                        .map(|c| CriterionView {
                            id: &c.id,
                            title: &c.title,
                            max: self.num(c.max),
                        })
                        .collect(),
                })
                .collect(),
            criteria_count: scoring.groups.iter().map(|g| g.criteria.len()).sum(),
            max_total: self.num(scoring.max_total()),
            has_adjustments: scoring.rows.iter().any(|r| !r.adjustments.is_empty()),
            has_awards: scoring.rows.iter().any(|r| r.award.is_some()),
            rows,
            unscored,
            sample: scoring.sample.is_all(),
            extra: &scoring.extra,
        }
    }

    pub fn association_page(&self, association: &'a Association) -> AssociationPage<'a> {
        let site = self.site;
        let periods: Vec<PeriodId> = association.achievements.keys().copied().collect();
        // Every metric this member ever reported, in definition order (own, then the site's).
        let mut keys: Vec<&'a str> = Vec::new();
        for key in association.metrics.keys().chain(site.config.metrics.keys()) {
            let reported = association
                .achievements
                .values()
                .any(|a| a.values.get(key).is_some_and(Option::is_some));
            if reported && !keys.contains(&key.as_str()) {
                keys.push(key);
            }
        }
        let mut history = Vec::new();
        let mut charts = Vec::new();
        for key in &keys {
            let Some(def) = self.def(association, key) else {
                continue;
            };
            let unit = def.unit.as_deref().unwrap_or("");
            let cells = periods
                .iter()
                .map(|&p| {
                    let value = Self::value_of(association, Some(p), key);
                    let previous = Self::value_of(association, p.preceding(), key);
                    let change = value.zip(previous).map(|(v, q)| v - q);
                    HistoryCell {
                        value: value.map(|v| self.num(v)),
                        change: change.map(|c| i18n::format_change(c, self.lang())),
                        trend: change.map(trend),
                        sample: association.achievements[&p].sample.covers(key),
                    }
                })
                .collect();
            history.push(HistoryRow {
                key,
                label: &def.label,
                unit,
                cells,
            });
            let bars: Vec<Bar> = periods
                .iter()
                .filter_map(|&p| {
                    Self::value_of(association, Some(p), key).map(|v| Bar {
                        label: p.default_title(self.lang()),
                        value: v,
                        display: self.num(v),
                    })
                })
                .collect();
            if bars.len() >= 2 {
                let chart = BarChart {
                    id: format!("trend-{key}"),
                    title: def.label.clone(),
                    description: format!(
                        "{}: {}",
                        self.tr("chart_unit"),
                        if unit.is_empty() { "—" } else { unit }
                    ),
                    bars,
                };
                charts.push(ChartView {
                    title: chart.title.clone(),
                    svg: bar_chart(&chart),
                });
            }
        }
        let entries = association
            .achievements
            .values()
            .rev()
            .map(|a| PeriodEntry {
                period: self.period_link(a.period),
                summary: a.summary.as_ref().map(|m| m.html.as_str()),
                highlights: a.highlights.iter().map(|m| m.html.as_str()).collect(),
                plans: a.plans.iter().map(|m| m.html.as_str()).collect(),
                targets: self.targets(association, a),
                sample: a.sample.is_all(),
            })
            .collect();
        let ranks = site
            .scorings
            .values()
            .rev()
            .filter_map(|s| {
                let row = s.rows.iter().find(|r| r.association == association.slug)?;
                Some(RankView {
                    period: self.period_link(s.period),
                    url: self.url(&format!("scoring/{}/", s.period)),
                    rank: row.rank,
                    total: self.num(row.total),
                    of: s.rows.len(),
                })
            })
            .collect();
        AssociationPage {
            card: self.association_card(association),
            description_html: association.description.as_ref().map(|d| d.html.as_str()),
            founded: association.founded.as_deref(),
            leader: association.leader.as_deref(),
            website: association.website.as_deref(),
            email: association.email.as_deref(),
            phone: association.phone.as_deref(),
            address: association.address.as_deref(),
            extra: &association.extra,
            history_periods: periods.iter().map(|&p| self.period_link(p)).collect(),
            history,
            charts,
            periods: entries,
            ranks,
        }
    }
}
