//! Template contexts: small `Serialize` views that borrow from the [`Site`] and carry what a
//! template prints, already formatted for the site's language. The review of a period (the
//! *báo cáo sơ kết / tổng kết*) is assembled here: each member's figures with their changes
//! against the preceding period and the same period a year earlier, the target reached, the
//! bloc-wide table of shared metrics, and charts.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::charts::{Bar, BarChart, bar_chart};
use super::figures;
use crate::config::MetricDef;
use crate::i18n::{self, DateStyle, Language};
use crate::images::html as images_html;
use crate::model::{Achievement, Association, NewsItem, Period, Scoring, Site};
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
pub struct Figure<'a> {
    pub key: &'a str,
    pub label: &'a str,
    /// As shown: `triệu đồng` for an amount in millions.
    pub unit: String,
    pub reported: bool,
    /// The number as shown, with its qualifier: `hơn 40`.
    pub value: Option<String>,
    /// The value with its unit: `hơn 40 triệu đồng`, `100%`.
    pub display: Option<String>,
    /// `over`, `about`, `nearly`, `under` when the value is approximate.
    pub qualifier: Option<&'static str>,
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
    /// A comparison with the preceding period uses a sample value.
    pub previous_sample: bool,
    pub year_earlier_sample: bool,
    pub target_sample: bool,
    /// The year's registered target (*kế hoạch năm*) and the share of it reached, in the
    /// reviews of `YYYY-h1` and `YYYY`.
    pub year_target: Option<String>,
    pub year_target_percent: Option<String>,
    /// The member's note on this figure (`notes:`), shown as a numbered footnote.
    pub note: Option<&'a str>,
    pub note_number: Option<usize>,
}

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
    /// Some figure has a note (`notes:`): the footnotes follow the table.
    pub has_notes: bool,
    pub source: String,
}

#[derive(Serialize)]
pub struct SharedColumn<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub unit: String,
    /// The total or mean as shown (`khoảng 54`), empty when the metric's `total` is `none`.
    pub total: String,
    pub total_plain: String,
    /// `sum`, `mean` or `none`.
    pub total_kind: &'static str,
    /// A sample value is in the total.
    pub total_sample: bool,
    pub reported_by: usize,
}

#[derive(Serialize)]
pub struct SharedCell {
    pub text: String,
    pub sample: bool,
}

#[derive(Serialize)]
pub struct SharedRow<'a> {
    pub association: AssociationLink<'a>,
    /// One cell per shared column, `None` when not reported.
    pub values: Vec<Option<SharedCell>>,
}

/// The bloc-wide table of the metrics several members report.
#[derive(Serialize)]
pub struct SharedTable<'a> {
    pub columns: Vec<SharedColumn<'a>>,
    pub rows: Vec<SharedRow<'a>>,
    /// Any column has a total; any has a mean (the footer row's heading).
    pub has_total: bool,
    pub has_mean: bool,
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
    /// `extra: { sample: [location] }`: the place is invented, and the page says so.
    pub location_sample: bool,
    pub summary: Option<&'a str>,
    pub is_year: bool,
    pub members_reported: usize,
    /// The members of the bloc that year (those expected to report).
    pub members_expected: usize,
    /// "Chưa có đơn vị nào báo cáo" / "8/8 đơn vị đã báo cáo".
    pub reported_text: String,
    /// Some member reported a figure or a summary: a review worth listing as published.
    pub has_figures: bool,
    /// Some member has a file for the period, even an empty one (the review then lists every
    /// member, "Chưa báo cáo" where nothing is filled in yet).
    pub has_forms: bool,
    /// `draft: true` (shown only with `--drafts`).
    pub draft: bool,
    pub has_scoring: bool,
    pub scoring_url: Option<String>,
    pub data_json_url: String,
    pub data_csv_url: String,
    /// Downloads for offices: the spreadsheet always, the Word report when `documents:` allows.
    pub data_xlsx_url: String,
    pub docx_url: Option<String>,
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
    /// The period's `summary`: the article's lead.
    pub lead: Option<&'a str>,
    /// The bloc's common tasks for the next period (section II, before each member's own).
    pub plans: Vec<&'a str>,
    /// Some member has plans or targets of its own.
    pub has_member_plans: bool,
    pub year: i32,
    /// The page of the year's registration, when there is one.
    pub registration_url: Option<String>,
    pub members: Vec<MemberReport<'a>>,
    /// Which columns of the members' tables have something in them.
    pub columns: ReportColumns,
    pub shared: SharedTable<'a>,
    pub charts: Vec<ChartView>,
    pub preceding: Option<PeriodLink>,
    pub following: Option<PeriodLink>,
    /// The default title of the next period (what section II plans for), lowercase.
    pub next_period: String,
    pub scoring: Option<ScoringView<'a>>,
    pub has_sample: bool,
}

/// Columns of the members' result tables; an empty one is hidden.
#[derive(Serialize, Default)]
pub struct ReportColumns {
    pub previous: bool,
    pub year_earlier: bool,
    pub target: bool,
    pub year_target: bool,
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
    /// The group's id (`id:` in the file, else its position).
    pub id: &'a str,
    pub title: &'a str,
    pub criteria: Vec<CriterionView<'a>>,
    pub max: String,
}

#[derive(Serialize)]
pub struct AdjustmentView<'a> {
    pub points: String,
    pub reason: &'a str,
    pub bonus: bool,
    /// The footnote's number on the scoring page (1, 2, …).
    pub note: usize,
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
    /// `proposed` or `granted`.
    pub award_status: &'static str,
    /// "Đề nghị tặng …" / "Được tặng …", with the decision when granted.
    pub award_text: Option<String>,
    pub award_decision: Option<&'a str>,
    /// The self-assessed total (criteria only), and the agreed criteria total beside it.
    pub self_total: Option<String>,
    pub criteria_total: String,
    /// Agreed minus self-assessed: `−1,5`.
    pub self_difference: Option<String>,
    /// "Xếp thứ 1/8", "Đồng xếp thứ 2/8".
    pub rank_text: String,
    /// How many scorers' sheets were combined into the scores (a cross-scored member).
    pub scorers: Option<usize>,
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
    /// Members not scored, with the reason given in the file.
    pub absent: Vec<AbsentView<'a>>,
    pub has_self_scores: bool,
    /// How a cross-scoring was combined and from how many scorers (`cross_scores`).
    pub combined: Option<String>,
    /// "Bằng điểm thì xét lần lượt: nhóm 1, tiêu chí 4.1" when the file has a `tie_break`.
    pub tie_break_text: Option<String>,
    /// Every adjustment with its footnote number, in table order.
    pub notes: Vec<NoteView<'a>>,
    pub sample: bool,
    pub has_adjustments: bool,
    pub has_awards: bool,
    /// Downloads for offices: the spreadsheet always, the Word table when `documents:` allows.
    pub xlsx_url: String,
    pub docx_url: Option<String>,
    pub extra: &'a serde_json::Value,
}

#[derive(Serialize)]
pub struct AbsentView<'a> {
    pub association: AssociationLink<'a>,
    pub reason: &'a str,
}

#[derive(Serialize)]
pub struct NoteView<'a> {
    pub note: usize,
    pub bonus: bool,
    pub association: &'a str,
    pub points: String,
    pub reason: &'a str,
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
    pub award_text: Option<String>,
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
    /// Some figure on the page is sample data (the note explaining the mark shows only then).
    pub has_sample: bool,
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

    /// "Khối trưởng", or "Khối trưởng (mẫu)" when the year's roles are marked `sample`.
    fn role_label_in(&self, association: &Association, year: Option<i32>) -> Option<String> {
        let sample = self.roles(year).sample;
        self.role_in(association, year).map(|role| {
            let label = self.tr(&format!("role_{role}"));
            if sample {
                format!("{label} ({})", self.tr("sample_short"))
            } else {
                label
            }
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

    pub fn period_summary(&self, period: &'a Period) -> PeriodSummary<'a> {
        let site = self.site;
        let id = period.id;
        let year = i32::from(id.year());
        // A member has reported when its file has a figure or a summary (not an empty form
        // `blocpress new period` wrote).
        let members_reported = site
            .members_in(year)
            .filter(|a| {
                a.achievements
                    .get(&id)
                    .is_some_and(|a| a.summary.is_some() || a.values.values().any(Option::is_some))
            })
            .count();
        let members_expected = site.members_in(year).count();
        let has_figures = members_reported > 0;
        let has_forms = site
            .members_in(year)
            .any(|a| a.achievements.contains_key(&id));
        let reported_text = if members_reported == 0 {
            self.tr("none_reported")
        } else {
            format!(
                "{members_reported}/{members_expected} {}",
                self.tr("members_reported")
            )
        };
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
            location_sample: period.sample.covers("location"),
            summary: period.summary.as_deref(),
            is_year: id.is_year(),
            members_reported,
            members_expected,
            reported_text,
            has_figures,
            has_forms,
            draft: period.draft,
            has_scoring,
            scoring_url: has_scoring.then(|| self.url(&urls::scoring(id))),
            data_json_url: self.url(&urls::report_json(id)),
            data_csv_url: self.url(&urls::report_csv(id)),
            data_xlsx_url: self.url(&urls::report_xlsx(id)),
            docx_url: site
                .document_settings(&period.document)
                .is_ok()
                .then(|| self.url(&urls::report_docx(id))),
            extra: &period.extra,
        }
    }

    fn def(&self, association: &'a Association, key: &str) -> Option<&'a MetricDef> {
        self.site.metric_def(association, key)
    }

    /// A value with what travels with it: (number, approximate, sample).
    fn point(
        association: &Association,
        period: Option<PeriodId>,
        key: &str,
    ) -> Option<(Decimal, bool, bool)> {
        let achievement = association.achievements.get(&period?)?;
        let value = achievement.values.get(key).copied().flatten()?;
        Some((
            value,
            achievement.qualifier(key).is_some(),
            achievement.sample.covers(key),
        ))
    }

    fn qualifier_of(
        association: &Association,
        period: Option<PeriodId>,
        key: &str,
    ) -> Option<crate::model::Qualifier> {
        association.achievements.get(&period?)?.qualifier(key)
    }

    /// The yearly target of a member for a metric (*kế hoạch năm*), with its sample mark.
    fn year_target(
        &self,
        association: &Association,
        year: i32,
        key: &str,
    ) -> Option<(Decimal, bool)> {
        let registration = self.site.registrations.get(&year)?;
        let target = *registration.targets.get(&association.slug)?.get(key)?;
        Some((target, registration.sample.covers(key)))
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
                let unit = figures::shown_unit(def, self.lang());
                let value = figures::value(*value, def, None, self.lang());
                Some(TargetView {
                    key,
                    label: &def.label,
                    display: figures::with_unit(&value, &unit),
                    unit,
                    value,
                    sample: achievement.sample.covers(key),
                })
            })
            .collect()
    }

    fn figures(
        &self,
        association: &'a Association,
        achievement: &'a Achievement,
    ) -> Vec<Figure<'a>> {
        let lang = self.lang();
        let id = achievement.period;
        let preceding = id.preceding();
        let year_earlier = id.year_earlier().filter(|p| Some(*p) != preceding);
        let preceding_achievement = preceding.and_then(|p| association.achievements.get(&p));
        // The yearly registration counts in the reviews of the first half and of the year.
        let year = (id.is_year() || id.part() == crate::period::Part::FirstHalf)
            .then_some(i32::from(id.year()));
        let mut notes = 0;
        achievement
            .values
            .iter()
            .filter_map(|(key, value)| {
                let def = self.def(association, key)?;
                let approximate = achievement.qualifier(key).is_some();
                let sample = achievement.sample.covers(key);
                let previous = Self::point(association, preceding, key);
                let earlier = Self::point(association, year_earlier, key);
                let target = preceding_achievement
                    .and_then(|a| a.targets.get(key).map(|t| (*t, a.sample.covers(key))));
                let year_target = year.and_then(|y| self.year_target(association, y, key));
                let change = value.zip(previous).map(|(v, (p, _, _))| v - p);
                let year_change = value.zip(earlier).map(|(v, (p, _, _))| v - p);
                let unit = figures::shown_unit(def, lang);
                let shown = value.map(|v| figures::value(v, def, achievement.qualifier(key), lang));
                let note = achievement.notes.get(key).map(String::as_str);
                let note_number = note.map(|_| {
                    notes += 1;
                    notes
                });
                Some(Figure {
                    key,
                    label: &def.label,
                    reported: value.is_some(),
                    display: shown.as_deref().map(|v| figures::with_unit(v, &unit)),
                    value: shown,
                    qualifier: achievement.qualifier(key).map(|q| q.as_str()),
                    unit,
                    plain: value.map(|v| v.normalize().to_string()),
                    sample,
                    previous: previous.map(|(v, _, _)| {
                        figures::value(
                            v,
                            def,
                            Self::qualifier_of(association, preceding, key),
                            lang,
                        )
                    }),
                    change: change
                        .zip(previous)
                        .map(|(c, (_, a, _))| figures::change(c, def, approximate || a, lang)),
                    trend: change.map(trend),
                    year_earlier: earlier.map(|(v, _, _)| {
                        figures::value(
                            v,
                            def,
                            Self::qualifier_of(association, year_earlier, key),
                            lang,
                        )
                    }),
                    year_change: year_change
                        .zip(earlier)
                        .map(|(c, (_, a, _))| figures::change(c, def, approximate || a, lang)),
                    year_trend: year_change.map(trend),
                    target: target.map(|(t, _)| figures::number(t, def, lang)),
                    target_percent: value
                        .zip(target)
                        .and_then(|(v, (t, _))| figures::percent(v, t, approximate, lang)),
                    previous_sample: sample || previous.is_some_and(|(_, _, s)| s),
                    year_earlier_sample: sample || earlier.is_some_and(|(_, _, s)| s),
                    target_sample: sample || target.is_some_and(|(_, s)| s),
                    year_target: year_target.map(|(t, _)| figures::number(t, def, lang)),
                    year_target_percent: value
                        .zip(year_target)
                        .and_then(|(v, (t, _))| figures::percent(v, t, approximate, lang)),
                    note,
                    note_number,
                })
            })
            .collect()
    }

    pub fn report(&self, period: &'a Period) -> Report<'a> {
        let site = self.site;
        let id = period.id;
        let year = i32::from(id.year());
        let host = period.host.as_ref();
        let mut members = Vec::new();
        let mut columns = ReportColumns::default();
        for association in site.members_in(year) {
            let achievement = association.achievements.get(&id);
            let figures = achievement
                .map(|a| self.figures(association, a))
                .unwrap_or_default();
            for f in &figures {
                columns.previous |= f.change.is_some();
                columns.year_earlier |= f.year_change.is_some();
                columns.target |= f.target_percent.is_some();
                columns.year_target |= f.year_target.is_some();
            }
            members.push(MemberReport {
                association: self.association_link(association),
                role_label: self.role_label_in(association, Some(year)),
                is_host: host == Some(&association.slug),
                reported: achievement.is_some(),
                summary: achievement
                    .and_then(|a| a.summary.as_ref())
                    .map(|m| m.html.as_str()),
                has_sample_figures: figures.iter().any(|f| {
                    f.sample || f.previous_sample || f.year_earlier_sample || f.target_sample
                }),
                has_notes: figures.iter().any(|f| f.note.is_some()),
                figures,
                highlights: achievement
                    .map(|a| a.highlights.iter().map(|m| m.html.as_str()).collect())
                    .unwrap_or_default(),
                // The bloc's common tasks are said once, in section II, not under each member.
                plans: achievement
                    .map(|a| {
                        a.plans
                            .iter()
                            .filter(|m| {
                                !period
                                    .plans
                                    .iter()
                                    .any(|p| p.source.trim() == m.source.trim())
                            })
                            .map(|m| m.html.as_str())
                            .collect()
                    })
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
        let has_sample = members
            .iter()
            .any(|m| m.sample || m.has_sample_figures || m.targets.iter().any(|t| t.sample))
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
            has_member_plans: members
                .iter()
                .any(|m| !m.plans.is_empty() || !m.targets.is_empty()),
            year,
            registration_url: site
                .registrations
                .contains_key(&year)
                .then(|| self.url(&urls::registration(year))),
            heading,
            period: self.period_summary(period),
            narrative: period.narrative.as_ref().map(|m| m.html.as_str()),
            lead: period.summary.as_deref(),
            plans: period.plans.iter().map(|m| m.html.as_str()).collect(),
            members,
            columns,
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

    /// Metrics reported by two or more members in the period: one column each, with the total
    /// the metric asks for; and one chart each of the change against the preceding period
    /// (members of very different size compare by how they moved, not by their raw size).
    fn shared_table(&self, id: PeriodId) -> (SharedTable<'a>, Vec<ChartView>) {
        let site = self.site;
        let lang = self.lang();
        let year = i32::from(id.year());
        let reporters: Vec<&'a Association> = site
            .members_in(year)
            .filter(|a| a.achievements.contains_key(&id))
            .collect();
        let keys = Self::shared_keys(site, &reporters, id);
        let mut columns = Vec::new();
        let mut charts = Vec::new();
        let mut defs = Vec::new();
        for key in &keys {
            let def = site
                .config
                .metrics
                .get(*key)
                .or_else(|| reporters.iter().find_map(|a| a.metrics.get(*key)));
            let Some(def) = def else { continue };
            defs.push((*key, def));
            let unit = figures::shown_unit(def, lang);
            let values: Vec<(&Association, (Decimal, bool, bool))> = reporters
                .iter()
                .filter_map(|a| Self::point(a, Some(id), key).map(|p| (*a, p)))
                .collect();
            let plain: Vec<(Decimal, bool)> =
                values.iter().map(|(_, (v, a, _))| (*v, *a)).collect();
            let total = figures::total(def, &plain, lang);
            columns.push(SharedColumn {
                key,
                label: &def.label,
                unit: unit.clone(),
                total: total.as_ref().map(|t| t.text.clone()).unwrap_or_default(),
                total_plain: total.as_ref().map(|t| t.plain.clone()).unwrap_or_default(),
                total_kind: match def.total() {
                    crate::config::Total::Sum => "sum",
                    crate::config::Total::Mean => "mean",
                    crate::config::Total::None => "none",
                },
                total_sample: total.is_some() && values.iter().any(|(_, (_, _, s))| *s),
                reported_by: values.len(),
            });
            charts.extend(self.change_chart(id, key, def, &unit, &values));
        }
        let rows = reporters
            .iter()
            .map(|a| SharedRow {
                association: self.association_link(a),
                values: defs
                    .iter()
                    .map(|(key, def)| {
                        Self::point(a, Some(id), key).map(|(v, _, sample)| SharedCell {
                            text: figures::value(
                                v,
                                def,
                                a.achievements.get(&id).and_then(|x| x.qualifier(key)),
                                lang,
                            ),
                            sample,
                        })
                    })
                    .collect(),
            })
            .collect();
        let has_total = columns.iter().any(|c| !c.total.is_empty());
        let has_mean = columns
            .iter()
            .any(|c| c.total_kind == "mean" && !c.total.is_empty());
        (
            SharedTable {
                columns,
                rows,
                has_total,
                has_mean,
            },
            charts,
        )
    }

    /// The metrics several members reported in period `id`, in the order of site.yaml, then of
    /// the members' own metrics.
    fn shared_keys(site: &'a Site, reporters: &[&'a Association], id: PeriodId) -> Vec<&'a str> {
        let mut counts: indexmap::IndexMap<&'a str, usize> = indexmap::IndexMap::new();
        for key in site.config.metrics.keys() {
            counts.insert(key, 0);
        }
        for association in reporters {
            if let Some(achievement) = association.achievements.get(&id) {
                for (key, value) in &achievement.values {
                    if value.is_some() {
                        *counts.entry(key.as_str()).or_insert(0) += 1;
                    }
                }
            }
        }
        counts
            .iter()
            .filter(|(_, n)| **n >= 2)
            .map(|(k, _)| *k)
            .collect()
    }

    /// The chart of a shared metric's change against the preceding period, one bar per member
    /// with both values; `None` with fewer than two bars.
    fn change_chart(
        &self,
        id: PeriodId,
        key: &str,
        def: &MetricDef,
        unit: &str,
        values: &[(&Association, (Decimal, bool, bool))],
    ) -> Option<ChartView> {
        let lang = self.lang();
        // The change against the preceding period: in % for counts and amounts, in
        // points for percentages and decimals.
        let relative = matches!(
            def.kind(),
            crate::config::MetricKind::Count | crate::config::MetricKind::Amount
        );
        let bars: Vec<Bar> = values
            .iter()
            .filter_map(|(a, (v, approx, sample))| {
                let (p, p_approx, p_sample) = Self::point(a, id.preceding(), key)?;
                let (value, mut display) = if relative {
                    if p.is_zero() {
                        return None;
                    }
                    let change = (*v - p) / p * Decimal::from(100);
                    let rounded = change.round_dp(1);
                    let text = i18n::format_change(rounded, lang);
                    (rounded, format!("{text}%"))
                } else {
                    let change = *v - p;
                    (change, figures::change(change, def, false, lang))
                };
                if *approx || p_approx {
                    display = format!("{} {display}", figures::about(lang));
                }
                if *sample || p_sample {
                    display = format!("{display} ({})", self.tr("sample_short"));
                }
                Some(Bar {
                    label: a.short_name.clone(),
                    value,
                    display,
                })
            })
            .collect();
        if bars.len() < 2 {
            return None;
        }
        let preceding = id
            .preceding()
            .map(|p| lowercase_first(&p.default_title(lang)))
            .unwrap_or_default();
        let chart = BarChart {
            id: format!("chart-{id}-{key}"),
            title: format!(
                "{}: {} {}",
                def.label,
                self.tr(if relative {
                    "chart_change_percent"
                } else {
                    "chart_change"
                }),
                preceding
            ),
            description: format!(
                "{}: {}",
                self.tr("chart_unit"),
                if relative {
                    "%"
                } else if unit.is_empty() {
                    "—"
                } else {
                    unit
                }
            ),
            bars,
        };
        Some(ChartView {
            title: chart.title.clone(),
            svg: bar_chart(&chart),
        })
    }

    /// "Xếp thứ 2/8", or "Đồng xếp thứ 2/8" when the rank is shared.
    fn rank_text(&self, rank: usize, of: usize, tied: bool) -> String {
        let key = if tied { "rank_shared" } else { "rank_of" };
        format!("{} {rank}/{of}", self.tr(key))
    }

    pub fn scoring(&self, scoring: &'a Scoring) -> ScoringView<'a> {
        let site = self.site;
        let (rows, notes) = self.score_rows(scoring);
        let unscored = site
            .members_in(i32::from(scoring.period.year()))
            .filter(|a| {
                !scoring.rows.iter().any(|r| r.association == a.slug)
                    && !scoring.absent.contains_key(&a.slug)
            })
            .map(|a| self.association_link(a))
            .collect();
        let absent = scoring
            .absent
            .iter()
            .filter_map(|(slug, reason)| {
                Some(AbsentView {
                    association: self.association_link(site.association(slug)?),
                    reason,
                })
            })
            .collect();
        let tie_break_text = self.tie_break_text(scoring);
        let period = self.period_link(scoring.period);
        ScoringView {
            title: scoring.title.clone().unwrap_or_else(|| {
                format!("{} {}", self.tr("scoring"), lowercase_first(&period.short))
            }),
            url: self.url(&urls::scoring(scoring.period)),
            period,
            groups: scoring
                .groups
                .iter()
                .enumerate()
                .map(|(i, g)| GroupView {
                    number: i + 1,
                    id: &g.id,
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
            absent,
            has_self_scores: scoring.has_self_scores,
            combined: combined_note(scoring, self.lang()),
            tie_break_text,
            notes,
            sample: scoring.sample.is_all(),
            xlsx_url: self.url(&urls::scoring_xlsx(scoring.period)),
            docx_url: site
                .document_settings(&scoring.document)
                .is_ok()
                .then(|| self.url(&urls::scoring_docx(scoring.period))),
            extra: &scoring.extra,
        }
    }

    /// The rows of a scoring table in rank order, and the notes of their adjustments, numbered
    /// across the table.
    fn score_rows(&self, scoring: &'a Scoring) -> (Vec<ScoreRowView<'a>>, Vec<NoteView<'a>>) {
        let site = self.site;
        let signed = |d: Decimal| i18n::format_change(d, self.lang());
        let of = scoring.rows.len();
        let mut note = 0;
        let mut notes = Vec::new();
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
                let adjustments: Vec<AdjustmentView> = row
                    .adjustments
                    .iter()
                    .map(|a| {
                        note += 1;
                        notes.push(NoteView {
                            note,
                            bonus: a.points >= Decimal::ZERO,
                            association: &association.short_name,
                            points: signed(a.points),
                            reason: &a.reason,
                        });
                        AdjustmentView {
                            points: signed(a.points),
                            reason: &a.reason,
                            bonus: a.points >= Decimal::ZERO,
                            note,
                        }
                    })
                    .collect();
                let criteria_total = row.criteria_total();
                let self_total = row.self_total();
                let award_status = row.award_status.as_str();
                Some(ScoreRowView {
                    rank: row.rank,
                    tied,
                    rank_text: self.rank_text(row.rank, of, tied),
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
                    adjustments,
                    adjustments_total: if row.adjustments.is_empty() {
                        String::new()
                    } else {
                        signed(adjustments_total)
                    },
                    total: self.num(row.total),
                    total_plain: row.total.normalize().to_string(),
                    award: row.award.as_deref(),
                    award_status,
                    award_text: row.award.as_deref().map(|title| {
                        format!("{} {title}", self.tr(&format!("award_{award_status}")))
                    }),
                    award_decision: row.award_decision.as_deref(),
                    criteria_total: self.num(criteria_total),
                    self_total: self_total.map(|t| self.num(t)),
                    self_difference: self_total.map(|t| signed(criteria_total - t)),
                    scorers: row.scorers,
                })
            })
            .collect();
        (rows, notes)
    }

    /// "Equal totals go by group 1, criterion 1.2" when the table has a tie-break.
    fn tie_break_text(&self, scoring: &Scoring) -> Option<String> {
        (!scoring.tie_break.is_empty()).then(|| {
            let items: Vec<String> = scoring
                .tie_break
                .iter()
                .map(|id| {
                    if scoring.groups.iter().any(|g| &g.id == id) {
                        format!("{} {id}", self.tr("group"))
                    } else {
                        format!("{} {id}", self.tr("criterion"))
                    }
                })
                .collect();
            format!("{} {}", self.tr("tie_break_rule"), items.join(", "))
        })
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
        let mut has_sample = false;
        for key in &keys {
            let Some(def) = self.def(association, key) else {
                continue;
            };
            let lang = self.lang();
            let unit = figures::shown_unit(def, lang);
            let cells: Vec<HistoryCell> = periods
                .iter()
                .map(|&p| {
                    let value = Self::point(association, Some(p), key);
                    let previous = Self::point(association, p.preceding(), key);
                    let qualifier = association.achievements[&p].qualifier(key);
                    let change = value
                        .zip(previous)
                        .map(|((v, a, _), (q, b, _))| (v - q, a || b));
                    HistoryCell {
                        value: value.map(|(v, _, _)| figures::value(v, def, qualifier, lang)),
                        change: change.map(|(c, approx)| figures::change(c, def, approx, lang)),
                        trend: change.map(|(c, _)| trend(c)),
                        sample: value.is_some_and(|(_, _, s)| s)
                            || previous.is_some_and(|(_, _, s)| s) && change.is_some(),
                    }
                })
                .collect();
            has_sample |= cells.iter().any(|c| c.sample);
            history.push(HistoryRow {
                key,
                label: &def.label,
                unit: unit.clone(),
                cells,
            });
            // One member across periods: its own size, so raw values compare fairly.
            let bars: Vec<Bar> = periods
                .iter()
                .filter_map(|&p| {
                    let (v, _, sample) = Self::point(association, Some(p), key)?;
                    let qualifier = association.achievements[&p].qualifier(key);
                    let mut display = figures::value(v, def, qualifier, lang);
                    if sample {
                        display = format!("{display} ({})", self.tr("sample_short"));
                    }
                    Some(Bar {
                        label: p.default_title(lang),
                        value: v,
                        display,
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
                        if unit.is_empty() {
                            "—"
                        } else {
                            unit.as_str()
                        }
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
                targets_for: a
                    .period
                    .following()
                    .map(|p| lowercase_first(&p.default_title(self.lang())))
                    .unwrap_or_default(),
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
                let tied = s.rows.iter().filter(|r| r.rank == row.rank).count() > 1;
                Some(RankView {
                    period: self.period_link(s.period),
                    url: self.url(&urls::scoring(s.period)),
                    rank_text: self.rank_text(row.rank, s.rows.len(), tied),
                    award_text: row.award.as_deref().map(|title| {
                        format!(
                            "{} {title}",
                            self.tr(&format!("award_{}", row.award_status.as_str()))
                        )
                    }),
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
            has_sample: has_sample
                || association
                    .achievements
                    .values()
                    .any(|a| a.sample != crate::model::SampleMark::None),
        }
    }
}

/// The sentence under a cross-scored table: how the sheets were combined and from how many
/// scorers (`7`, or `6–7` when some members had fewer), in `language`.
pub fn combined_note(scoring: &Scoring, language: Language) -> Option<String> {
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
