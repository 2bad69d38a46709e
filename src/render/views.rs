//! Template contexts: small `Serialize` views that borrow from the [`Site`] and carry what a
//! template prints, already formatted for the site's language: links, news cards, members'
//! cards and pages (their figures across periods, trend charts, ranks). The review of a period
//! and the scoring page are views of the one report model, in [`super::review`].

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::charts::{Bar, BarChart, bar_chart};
use super::figures;
use super::report::{Derived, Point, Reports, target_lines};
use crate::config::MetricDef;
use crate::i18n::{self, DateStyle, Language};
use crate::images::html as images_html;
use crate::model::{Achievement, Association, NewsItem, Site};
use crate::period::PeriodId;
use crate::urls;

/// UI strings of the theme for the site's language.
pub type Translations = HashMap<String, String>;

pub struct Views<'a> {
    pub site: &'a Site,
    pub t: &'a Translations,
}

/// A size the default theme shows logos at: its CSS box (`.logo`, `.logo-large` in style.css)
/// and the matching `sizes`.
#[derive(Clone, Copy)]
struct LogoSize {
    class: &'static str,
    sizes: &'static str,
    /// The CSS box in pixels, for an `<img>` whose own size is not known (an SVG).
    pixels: u32,
}

const LOGO_LIST: LogoSize = LogoSize {
    class: "logo",
    sizes: "2rem",
    pixels: 32,
};
const LOGO_LARGE: LogoSize = LogoSize {
    class: "logo logo-large",
    sizes: "5rem",
    pixels: 80,
};

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
    /// `<picture>` of the image as a list's thumbnail, when the image pipeline published it.
    pub thumb: Option<String>,
    /// `<picture>` of the image at the top of the news page (loaded at once).
    pub lead_picture: Option<String>,
    pub author: Option<&'a str>,
    pub draft: bool,
    /// `extra: { sample: true }`: an invented item, labelled as such.
    pub sample: bool,
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
    /// The logo in members' lists (`<picture>`, or `<img>` for an SVG), small and lazily
    /// loaded; `logo_list_eager` for the first cards a reader sees.
    pub logo_list: Option<String>,
    pub logo_list_eager: Option<String>,
    /// The logo beside the name on the member's own page (loaded at once).
    pub logo_large: Option<String>,
    pub periods_reported: usize,
}

/// One figure of a member in a period, with its comparisons.
#[derive(Serialize)]
pub struct TargetView<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub unit: String,
    pub value: String,
    /// With its unit: `40 hội nghị`, `100%`.
    pub display: String,
    pub sample: bool,
}

#[derive(Serialize)]
pub struct ChartView {
    pub title: String,
    pub svg: String,
}

/// A member's figures across all its periods.
#[derive(Serialize)]
pub struct HistoryCell {
    pub value: Option<String>,
    /// The value is sample data.
    pub sample: bool,
    pub change: Option<String>,
    /// The change is computed from a sample value (this one or the preceding one).
    pub change_sample: bool,
    pub trend: Option<&'static str>,
}

#[derive(Serialize)]
pub struct HistoryRow<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub unit: String,
    pub cells: Vec<HistoryCell>,
}

#[derive(Serialize)]
pub struct PeriodEntry<'a> {
    pub period: PeriodLink,
    /// The period the targets are for: "6 tháng cuối năm 2013".
    pub targets_for: String,
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
    /// "Xếp thứ 1/8" / "Đồng xếp thứ 2/8".
    pub rank_text: String,
    /// `1`, or `2 (đồng hạng)`.
    pub rank_display: String,
    pub award_text: Option<String>,
    pub rank: usize,
    pub total: String,
    pub of: usize,
    /// The scoring is sample data.
    pub sample: bool,
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
    /// Some figure on the page is sample data (the note explaining the mark shows only then).
    pub has_sample: bool,
}

pub(crate) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(crate) fn trend(change: Decimal) -> &'static str {
    if change > Decimal::ZERO {
        "up"
    } else if change < Decimal::ZERO {
        "down"
    } else {
        "same"
    }
}

impl<'a> Views<'a> {
    pub(crate) fn lang(&self) -> Language {
        self.site.config.language
    }

    pub fn tr(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    pub(crate) fn num(&self, value: Decimal) -> String {
        i18n::format_decimal(value, self.lang())
    }

    pub fn url(&self, path: &str) -> String {
        self.site.config.path_url(path)
    }

    /// `<picture>` markup of an image the pipeline published (`None` for other URLs).
    pub fn picture(
        &self,
        url: Option<&str>,
        alt: &str,
        sizes: &str,
        eager: bool,
    ) -> Option<String> {
        let config = &self.site.config;
        let image = self.site.images.get(url?, &config.base_path)?;
        Some(images_html::picture(
            image,
            &config.base_path,
            &images_html::Show {
                alt,
                sizes,
                eager,
                class: None,
            },
        ))
    }

    /// An association's logo at a size of the theme: `<picture>` when the image pipeline
    /// published it, else (an SVG, an address elsewhere) an `<img>` whose box the CSS sets. The
    /// alt text names the member ("Biểu trưng Hội Luật gia tỉnh").
    fn logo(&self, association: &Association, size: LogoSize, eager: bool) -> Option<String> {
        let logo = association.logo.as_deref()?;
        let alt = format!("{} {}", self.tr("logo_of"), association.name);
        let config = &self.site.config;
        if let Some(image) = self.site.images.get(logo, &config.base_path) {
            return Some(images_html::picture(
                image,
                &config.base_path,
                &images_html::Show {
                    alt: &alt,
                    sizes: size.sizes,
                    eager,
                    class: Some(size.class),
                },
            ));
        }
        let escape = |text: &str| {
            let mut out = Vec::with_capacity(text.len() + 8);
            let _ = tera::escape_html(text, &mut out);
            String::from_utf8(out).unwrap_or_default()
        };
        let out = format!(
            "<img src=\"{}\" alt=\"{}\" width=\"{2}\" height=\"{2}\" class=\"{3}\"{4}>",
            escape(&self.asset_url(logo)),
            escape(&alt),
            size.pixels,
            size.class,
            if eager { "" } else { " loading=\"lazy\"" }
        );
        Some(out)
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
            url: self.url(&urls::report(id)),
        }
    }

    pub fn association_link(&self, association: &'a Association) -> AssociationLink<'a> {
        AssociationLink {
            slug: association.slug.as_str(),
            name: &association.name,
            short_name: &association.short_name,
            url: self.url(&urls::association(&association.slug)),
        }
    }

    /// The year whose roles lists and member pages show: the latest period's, if any.
    pub fn current_year(&self) -> Option<i32> {
        self.site
            .periods
            .keys()
            .next_back()
            .map(|p| i32::from(p.year()))
    }

    fn roles(&self, year: Option<i32>) -> crate::config::YearRoles {
        let bloc = &self.site.config.bloc;
        match year {
            Some(year) => bloc.roles_in(year),
            None => crate::config::YearRoles {
                leader: bloc.leader.clone(),
                deputy: bloc.deputy.clone(),
                sample: false,
                signer: None,
            },
        }
    }

    /// The member's role in `year` (`bloc.roles`, else the Part 1 `leader`/`deputy`).
    fn role_in(&self, association: &Association, year: Option<i32>) -> Option<&'static str> {
        let roles = self.roles(year);
        if roles.leader.as_deref() == Some(association.slug.as_str()) {
            Some("leader")
        } else if roles.deputy.as_deref() == Some(association.slug.as_str()) {
            Some("deputy")
        } else {
            None
        }
    }

    fn role(&self, association: &Association) -> Option<&'static str> {
        self.role_in(association, self.current_year())
    }

    /// "Khối trưởng năm 2013" (roles rotate every year, so the badge says which), or "Khối
    /// trưởng năm 2013 (mẫu)" when the year's roles are marked `sample`. Without a year (a site
    /// with no period yet) the Part 1 roles, unnamed by year.
    pub(crate) fn role_label_in(
        &self,
        association: &Association,
        year: Option<i32>,
    ) -> Option<String> {
        let sample = self.roles(year).sample;
        self.role_in(association, year).map(|role| {
            let mut label = crate::messages::glossary(role, self.lang());
            if let Some(year) = year {
                label = format!("{label} {} {year}", self.tr("member_role_year"));
            }
            if sample {
                label = format!(
                    "{label} ({})",
                    crate::messages::glossary("sample-short", self.lang())
                );
            }
            label
        })
    }

    fn role_label(&self, association: &Association) -> Option<String> {
        self.role_label_in(association, self.current_year())
    }

    pub fn news_card(&self, item: &'a NewsItem) -> NewsCard<'a> {
        let site = self.site;
        let path = urls::news(&item.slug);
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
                    url: self.url(&urls::tag(slug)),
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
            thumb: self.picture(item.image.as_deref(), "", images_html::THUMB_SIZES, false),
            lead_picture: self.picture(
                item.image.as_deref(),
                item.image_alt.as_deref().unwrap_or(""),
                images_html::CONTENT_SIZES,
                true,
            ),
            author: item.author.as_deref(),
            draft: item.draft,
            sample: item.sample,
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
            logo_list: self.logo(association, LOGO_LIST, false),
            logo_list_eager: self.logo(association, LOGO_LIST, true),
            logo_large: self.logo(association, LOGO_LARGE, true),
            periods_reported: association.achievements.len(),
        }
    }

    fn def(&self, association: &'a Association, key: &str) -> Option<&'a MetricDef> {
        self.site.metric_def(association, key)
    }

    /// A member's page: its figures across its periods (each value marked sample on its own,
    /// each change when either of its values is), a trend chart of its half-years and one of
    /// its years (a year is never drawn beside its own halves), its ranks.
    pub fn association_page(
        &self,
        association: &'a Association,
        reports: &Reports<'a>,
    ) -> AssociationPage<'a> {
        let periods: Vec<PeriodId> = association.achievements.keys().copied().collect();
        let mut history = Vec::new();
        let mut charts = Vec::new();
        for key in self.reported_metrics(association) {
            let Some(def) = self.def(association, key) else {
                continue;
            };
            history.push(self.history_row(association, &periods, key, def));
            charts.extend(self.trend_charts(association, &periods, key, def));
        }
        let has_sample = history
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| c.sample || c.change_sample);
        let entries = association
            .achievements
            .values()
            .rev()
            .map(|a| self.period_entry(association, a))
            .collect();
        let ranks = self.member_ranks(association, reports);
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
            has_sample: has_sample
                || ranks.iter().any(|r| r.sample)
                || association
                    .achievements
                    .values()
                    .any(|a| a.sample != crate::model::SampleMark::None),
            ranks,
        }
    }

    /// Every metric this member ever reported, in definition order (own, then the site's).
    fn reported_metrics(&self, association: &'a Association) -> Vec<&'a str> {
        let mut keys: Vec<&'a str> = Vec::new();
        for key in association
            .metrics
            .keys()
            .chain(self.site.config.metrics.keys())
        {
            let reported = association
                .achievements
                .values()
                .any(|a| a.values.get(key).is_some_and(Option::is_some));
            if reported && !keys.contains(&key.as_str()) {
                keys.push(key);
            }
        }
        keys
    }

    /// One metric of a member across its periods: each value, and its change from the period
    /// before (sample when either value is).
    fn history_row(
        &self,
        association: &'a Association,
        periods: &[PeriodId],
        key: &'a str,
        def: &'a MetricDef,
    ) -> HistoryRow<'a> {
        let lang = self.lang();
        let cells: Vec<HistoryCell> = periods
            .iter()
            .map(|&p| {
                let value = Point::of(association, p, key);
                let previous = p.preceding().and_then(|q| Point::of(association, q, key));
                let change = value.zip(previous).map(|(v, q)| Derived::change(v, q));
                HistoryCell {
                    value: value.map(|v| figures::point(&v, def, lang)),
                    sample: value.is_some_and(|v| v.sample),
                    change: change.map(|c| figures::signed_change(&c, def, lang)),
                    change_sample: change.is_some_and(|c| c.sample),
                    trend: change.map(|c| trend(c.value)),
                }
            })
            .collect();
        HistoryRow {
            key,
            label: &def.label,
            unit: figures::shown_unit(def, lang),
            cells,
        }
    }

    /// The trend charts of one metric of a member: its half-years, then its years, each drawn
    /// only when it has two bars or more.
    fn trend_charts(
        &self,
        association: &'a Association,
        periods: &[PeriodId],
        key: &str,
        def: &MetricDef,
    ) -> Vec<ChartView> {
        let lang = self.lang();
        let unit = figures::shown_unit(def, lang);
        let mut charts = Vec::new();
        // One member across periods: its own size, so raw values compare fairly. Half-years
        // and years in charts of their own.
        for years in [false, true] {
            let bars: Vec<Bar> = periods
                .iter()
                .filter(|p| p.is_year() == years)
                .filter_map(|&p| {
                    let point = Point::of(association, p, key)?;
                    let mut display = figures::point(&point, def, lang);
                    if point.sample {
                        display = format!(
                            "{display} ({})",
                            crate::messages::glossary("sample-short", lang)
                        );
                    }
                    Some(Bar {
                        label: p.default_title(lang),
                        value: point.value,
                        display,
                    })
                })
                .collect();
            if bars.len() < 2 {
                continue;
            }
            let chart = BarChart {
                id: format!("trend-{key}{}", if years { "-years" } else { "" }),
                title: def.label.clone(),
                description: format!(
                    "{}: {}",
                    crate::messages::glossary("unit", lang),
                    if unit.is_empty() {
                        "—"
                    } else {
                        unit.as_str()
                    }
                ),
                bars,
            };
            charts.push(ChartView {
                title: if unit.is_empty() {
                    chart.title.clone()
                } else {
                    format!("{} ({unit})", chart.title)
                },
                svg: bar_chart(&chart),
            });
        }
        charts
    }

    /// What a member reported for one period: its summary, highlights, plans and its targets
    /// for the period after.
    fn period_entry(
        &self,
        association: &'a Association,
        achievement: &'a Achievement,
    ) -> PeriodEntry<'a> {
        let lang = self.lang();
        PeriodEntry {
            period: self.period_link(achievement.period),
            targets_for: achievement
                .period
                .following()
                .map(|p| lowercase_first(&p.default_title(lang)))
                .unwrap_or_default(),
            summary: achievement.summary.as_ref().map(|m| m.html.as_str()),
            highlights: achievement
                .highlights
                .iter()
                .map(|m| m.html.as_str())
                .collect(),
            plans: achievement.plans.iter().map(|m| m.html.as_str()).collect(),
            targets: self.target_views(&target_lines(self.site, association, achievement)),
            sample: achievement.sample.is_all(),
        }
    }

    /// A member's rank in every scoring it is in, the latest first.
    fn member_ranks(&self, association: &'a Association, reports: &Reports<'a>) -> Vec<RankView> {
        self.site
            .scorings
            .keys()
            .rev()
            .filter_map(|&id| {
                let result = reports.scoring(id)?;
                let line = result.line(association.slug.as_str())?;
                let of = result.rows.len();
                Some(RankView {
                    period: self.period_link(id),
                    url: self.url(&urls::scoring(id)),
                    rank_text: self.rank_text(line.rank, of, line.tied),
                    rank_display: self.rank_display(line),
                    award_text: line.award.map(|a| self.award_text(a.status, a.title)),
                    rank: line.rank,
                    total: self.num(line.total),
                    of,
                    sample: line.sample,
                })
            })
            .collect()
    }
}

/// The sentence under a cross-scored table: how the sheets were combined and from how many
/// scorers (`7`, or `6–7` when some members had fewer), in `language`.
pub fn combined_note(scoring: &crate::model::Scoring, language: Language) -> Option<String> {
    let cross = scoring.cross.as_ref()?;
    let counts: Vec<usize> = scoring.rows.iter().filter_map(|r| r.scorers).collect();
    let (least, most) = (counts.iter().min()?, counts.iter().max()?);
    let scorers = if least == most {
        least.to_string()
    } else {
        format!("{least}–{most}")
    };
    let id = if cross.exclude_self {
        "combined-note-exclude"
    } else {
        "combined-note"
    };
    let how = match cross.combine {
        crate::model::Combine::Mean => "combine-mean",
        crate::model::Combine::Median => "combine-median",
        crate::model::Combine::TrimmedMean => "combine-trimmed_mean",
    };
    Some(
        crate::messages::Message::new(id)
            .nested("how", crate::messages::Message::new(how))
            .arg("scorers", scorers)
            .render(language),
    )
}
