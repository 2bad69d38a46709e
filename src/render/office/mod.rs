//! Downloads for offices (SPEC Part 2 "Downloads for offices", "Official documents"): the
//! review of a period and the scoring table as Word documents in the layout of Nghị định
//! 30/2020/NĐ-CP, and both as Excel spreadsheets with real numbers. They are render jobs like
//! pages, fed by the same [`Views`] the templates get, so the page and the paper never disagree.
//!
//! The `.docx` files need `documents:` in site.yaml (issuer, place, signer); without it they are
//! left out with one warning naming the missing key ([`warnings`]) and the pages do not link
//! them. The spreadsheets are always built.

pub mod docx;
pub mod text;
pub mod xlsx;
pub mod year;

use jiff::civil::Date;

use super::views::Views;
use crate::diagnostics::Diagnostic;
use crate::i18n::{self, DateStyle, Language};
use crate::model::{DocumentMeta, DocumentSettings, Period, Scoring, Site};
use crate::urls::Route;
use text::Block;

/// Quốc hiệu and Tiêu ngữ (Phụ lục I, Mục II.1 of the decree, which spells it "HÒA"); written
/// with the site's one diacritic style (hoà, hoá) as SPEC Part 2 gives it.
pub const NATIONAL_TITLE: &str = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// The issuer in capitals, in lines of at most 24 characters (what fits the left column at
/// 12 pt bold): `KHỐI THI ĐUA CÁC TỔ CHỨC` / `HỘI ĐẶC THÙ`. Line breaks the editor wrote
/// are kept.
pub fn issuer_lines(settings: &DocumentSettings) -> Vec<String> {
    let mut lines = Vec::new();
    for written in settings.issuer.to_uppercase().lines() {
        let mut line = String::new();
        for word in written.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > 24 {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// `- Ban Thi đua - Khen thưởng tỉnh;` … `- Lưu: VT.` (ô 9b): every item but the last ends
/// with `;`, the last with `.`; `Lưu VT` is written `Lưu: VT`.
pub fn recipient_lines(settings: &DocumentSettings) -> Vec<String> {
    let mut items: Vec<String> = settings
        .recipients
        .iter()
        .map(|r| r.trim().trim_end_matches(['.', ';']).trim().to_string())
        .filter(|r| !r.is_empty())
        .map(|r| match r.strip_prefix("Lưu") {
            Some(rest) if !rest.trim_start().starts_with(':') => {
                format!("Lưu: {}", rest.trim())
            }
            _ => r,
        })
        .collect();
    if !items.iter().any(|r| r.starts_with("Lưu")) {
        items.push(String::from("Lưu: VT"));
    }
    let last = items.len() - 1;
    items
        .iter()
        .enumerate()
        .map(|(i, r)| format!("- {r}{}", if i == last { "." } else { ";" }))
        .collect()
}

/// The one warning for a site whose `.docx` files are left out, naming the first missing key;
/// nothing when every document can be made (or there is none to make).
pub fn warnings(site: &Site) -> Vec<Diagnostic> {
    let metas = site
        .periods
        .values()
        .map(|p| &p.document)
        .chain(site.scorings.values().map(|s| &s.document))
        .chain(site.awards.values().map(|a| &a.document));
    for meta in metas {
        if let Err(key) = site.document_settings(meta) {
            return vec![Diagnostic::new(crate::config::CONFIG_FILE, "W300").arg("key", key)];
        }
    }
    Vec::new()
}

/// The bytes of one office job.
pub fn render(views: &Views, job: Route) -> Result<Vec<u8>, String> {
    let site = views.site;
    match job {
        Route::ReportDocx(id) => {
            let period = &site.periods[&id];
            let settings = site
                .document_settings(&period.document)
                .map_err(str::to_string)?;
            docx::report(&settings, &report_document(views, &settings, period))
        }
        Route::ScoringDocx(id) => {
            let scoring = &site.scorings[&id];
            let settings = site
                .document_settings(&scoring.document)
                .map_err(str::to_string)?;
            docx::scoring(&settings, &scoring_document(views, &settings, scoring))
        }
        Route::AwardsDocx(y) => {
            let awards = &site.awards[&y];
            let settings = site
                .document_settings(&awards.document)
                .map_err(str::to_string)?;
            year::awards_docx(&settings, &year::awards_document(views, &settings, awards))
        }
        Route::AwardsXlsx(y) => {
            year::awards_xlsx(views, &site.awards[&y]).map_err(|e| e.to_string())
        }
        Route::MeetingDocx(i) => {
            let meeting = &site.meetings[i];
            let settings =
                year::minutes_settings(site, meeting).ok_or_else(|| String::from("documents"))?;
            year::minutes_docx(&settings, &year::minutes_document(views, meeting))
        }
        Route::ReportXlsx(id) => xlsx::period(site, id).map_err(|e| e.to_string()),
        Route::ScoringXlsx(id) => {
            let scoring = &site.scorings[&id];
            xlsx::scoring(site, scoring, &views.scoring(scoring).title).map_err(|e| e.to_string())
        }
        _ => Err(String::from("not an office document")),
    }
}

/// The bloc's common tasks for the next period (the period's `plans`), shown once in section II
/// before each member's own.
pub fn common_tasks(period: &Period) -> Vec<Block> {
    period.plans.iter().map(|m| text::item(&m.source)).collect()
}

/// `Số: 15/BC-KTĐ`; without a number the số is left blank for the clerk to fill in, as offices
/// do before registering a document.
fn number_line(meta: &DocumentMeta, kind: &str) -> String {
    match &meta.number {
        Some(number) => format!("Số: {number}"),
        None => format!("Số:        /{kind}"),
    }
}

/// `Lai Châu, ngày 21 tháng 6 năm 2013`: the signing date, else the meeting date, else blanks.
fn dated_line(place: &str, date: Option<Date>, year: u16) -> String {
    match date {
        Some(d) => format!(
            "{place}, {}",
            i18n::format_date(d, DateStyle::Long, Language::Vi)
        ),
        None => format!("{place}, ngày      tháng      năm {year}"),
    }
}

/// docProps/core.xml dates: the document's own date (never the build time), so two builds
/// give the same bytes.
fn created(date: Option<Date>, year: u16) -> String {
    match date {
        Some(d) => format!("{d}T00:00:00Z"),
        None => format!("{year:04}-01-01T00:00:00Z"),
    }
}

/// A number the views formatted for the site's language, in the vi form the document uses
/// throughout (`10,202.5` → `10.202,5` on an English site).
fn vi(text: &str, language: Language) -> String {
    match language {
        Language::Vi => text.to_string(),
        Language::En => text
            .chars()
            .map(|c| match c {
                ',' => '.',
                '.' => ',',
                c => c,
            })
            .collect(),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One member's part of section I.
pub struct MemberFigures {
    pub name: String,
    pub summary: Vec<Block>,
    pub figures: Vec<FigureRow>,
    pub highlights: Vec<Block>,
    pub plans: Vec<Block>,
    /// Targets for the next period, in words (`Số hội nghị đã tổ chức: 40 hội nghị`).
    pub targets: Vec<String>,
}

pub struct FigureRow {
    pub label: String,
    pub unit: String,
    pub value: String,
    pub previous: String,
    pub change: String,
    pub target_percent: String,
}

/// The bloc-wide table: (label, unit) columns, (member, values) rows and the totals.
pub struct SharedFigures {
    pub columns: Vec<(String, String)>,
    pub rows: Vec<(String, Vec<String>)>,
    pub totals: Vec<String>,
}

/// Everything the report document prints, already in words and vi numbers.
pub struct ReportDocument {
    pub number: String,
    pub dated: String,
    pub created: String,
    pub subject: String,
    pub narrative: Vec<Block>,
    pub results_heading: String,
    pub members: Vec<MemberFigures>,
    pub shared: Option<SharedFigures>,
    /// `II. ĐÁNH GIÁ CHUNG` and its text, when the period has an `assessment`.
    pub assessment: Option<(String, Vec<Block>)>,
    /// The directions' heading, when the report has any (numbered as on the page).
    pub directions_heading: Option<String>,
    pub common_tasks: Vec<Block>,
    /// `IV. KIẾN NGHỊ, ĐỀ XUẤT` and its text, when the period has `recommendations`.
    pub recommendations: Option<(String, Vec<Block>)>,
    /// The next period in words, lowercase (`6 tháng cuối năm 2013`).
    pub next_period: String,
    pub closing: String,
    /// `(Kèm theo Báo cáo số 15/BC-KTĐ ngày 25 tháng 6 năm 2013 của …)`, under an appendix title.
    pub attached: String,
    /// Under the subject when some figures are sample data (marked `*` where they appear).
    pub sample_note: Option<String>,
}

/// Sample data stays marked on paper too (SPEC Part 2 "Sample data").
pub const SAMPLE_NOTE: &str =
    "(Số liệu đánh dấu * là số liệu mẫu dùng để minh hoạ, không có trong báo cáo gốc)";
pub const SAMPLE_TABLE_NOTE: &str =
    "(Toàn bộ số liệu trong bảng là số liệu mẫu dùng để minh hoạ, không có trong báo cáo gốc)";

pub struct GroupColumns {
    pub heading: String,
    /// (id, max) of each criterion.
    pub criteria: Vec<(String, String)>,
}

pub struct ScoreLine {
    pub name: String,
    pub scores: Vec<String>,
    pub adjustments: String,
    pub total: String,
    pub rank: String,
    pub award: String,
}

pub struct ScoringDocument {
    pub number: String,
    pub dated: String,
    pub created: String,
    pub subject: String,
    pub groups: Vec<GroupColumns>,
    pub max_total: String,
    pub rows: Vec<ScoreLine>,
    pub legend: Vec<String>,
    pub closing: String,
    pub sample_note: Option<String>,
}

fn roman(n: usize) -> String {
    const TABLE: [(usize, &str); 5] = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// The review of `period` as the report document shows it, from the review page's view.
pub fn report_document(
    views: &Views,
    settings: &DocumentSettings,
    period: &Period,
) -> ReportDocument {
    let site = views.site;
    let id = period.id;
    let report = views.report(period);
    let lang = site.config.language;
    let date = period.document.signed.or(period.date);
    let year = id.year();
    let members = report
        .members
        .iter()
        .filter(|m| m.reported)
        .map(|m| {
            let achievement = site
                .associations
                .iter()
                .find(|a| a.slug.as_str() == m.association.slug)
                .and_then(|a| a.achievements.get(&id));
            let summary = achievement
                .and_then(|a| a.summary.as_ref())
                .map(|s| text::blocks(&s.source))
                .unwrap_or_default();
            let list = |items: Option<&Vec<crate::model::Markdown>>| -> Vec<Block> {
                items
                    .map(|list| list.iter().map(|m| text::item(&m.source)).collect())
                    .unwrap_or_default()
            };
            MemberFigures {
                name: m.association.name.to_string(),
                summary,
                figures: m
                    .figures
                    .iter()
                    .filter(|f| f.reported)
                    .map(|f| FigureRow {
                        label: f.label.to_string(),
                        unit: f.unit.to_string(),
                        value: format!(
                            "{}{}",
                            vi(f.value.as_deref().unwrap_or_default(), lang),
                            if f.sample || m.sample { "*" } else { "" }
                        ),
                        previous: vi(f.previous.as_deref().unwrap_or_default(), lang),
                        change: vi(f.change.as_deref().unwrap_or_default(), lang),
                        target_percent: vi(f.target_percent.as_deref().unwrap_or_default(), lang),
                    })
                    .collect(),
                highlights: list(achievement.map(|a| &a.highlights)),
                plans: list(achievement.map(|a| &a.plans)),
                targets: m
                    .targets
                    .iter()
                    .map(|t| {
                        format!(
                            "{}: {}{}",
                            t.label,
                            vi(&t.display, lang),
                            if t.sample { "*" } else { "" }
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let shared = (!report.shared.columns.is_empty()).then(|| SharedFigures {
        columns: report
            .shared
            .columns
            .iter()
            .map(|c| (c.label.to_string(), c.unit.to_string()))
            .collect(),
        rows: report
            .shared
            .rows
            .iter()
            .map(|r| {
                (
                    r.association.name.to_string(),
                    r.values
                        .iter()
                        .map(|v| match v {
                            Some(cell) if cell.sample => format!("{}*", vi(&cell.text, lang)),
                            Some(cell) => vi(&cell.text, lang),
                            None => String::new(),
                        })
                        .collect(),
                )
            })
            .collect(),
        totals: report
            .shared
            .columns
            .iter()
            .map(|c| vi(&c.total, lang))
            .collect(),
    });
    let period_title = id.default_title(Language::Vi);
    let sections = crate::render::year::Sections::of(
        period,
        !report.plans.is_empty() || report.has_member_plans,
    );
    let section = |numeral: Option<&str>, heading: &str, text: &Option<crate::model::Markdown>| {
        numeral
            .zip(text.as_ref())
            .map(|(n, m)| (format!("{n}. {heading}"), text::blocks(&m.source)))
    };
    let next = id
        .following()
        .map(|p| p.default_title(Language::Vi))
        .unwrap_or_default();
    ReportDocument {
        number: number_line(&period.document, "BC"),
        dated: dated_line(settings.place, date, year),
        created: created(date, year),
        closing: format!(
            "Trên đây là báo cáo {} của {}./.",
            lowercase_first(&report.heading),
            site.config.title
        ),
        subject: report.heading,
        narrative: period
            .narrative
            .as_ref()
            .map(|n| text::blocks(&n.source))
            .unwrap_or_default(),
        results_heading: format!(
            "{}. KẾT QUẢ THỰC HIỆN CÔNG TÁC THI ĐUA {}",
            sections.results,
            period_title.to_uppercase()
        ),
        members,
        shared,
        assessment: section(sections.assessment, "ĐÁNH GIÁ CHUNG", &period.assessment),
        directions_heading: sections
            .directions
            .map(|n| format!("{n}. PHƯƠNG HƯỚNG, NHIỆM VỤ {}", next.to_uppercase())),
        common_tasks: common_tasks(period),
        recommendations: section(
            sections.recommendations,
            "KIẾN NGHỊ, ĐỀ XUẤT",
            &period.recommendations,
        ),
        next_period: lowercase_first(&next),
        sample_note: report
            .members
            .iter()
            .any(|m| m.sample || m.has_sample_figures)
            .then(|| SAMPLE_NOTE.to_string()),
        attached: format!(
            "(Kèm theo Báo cáo{}{} của {})",
            period
                .document
                .number
                .as_ref()
                .map(|n| format!(" số {n}"))
                .unwrap_or_default(),
            date.map(|d| format!(" {}", i18n::format_date(d, DateStyle::Long, Language::Vi)))
                .unwrap_or_default(),
            site.config.title
        ),
    }
}

/// The scoring table as the scoring document shows it, from the scoring page's view.
pub fn scoring_document(
    views: &Views,
    settings: &DocumentSettings,
    scoring: &Scoring,
) -> ScoringDocument {
    let view = views.scoring(scoring);
    let lang = views.site.config.language;
    let id = scoring.period;
    let date = scoring
        .document
        .signed
        .or_else(|| views.site.periods.get(&id).and_then(|p| p.date));
    let year = id.year();
    let groups = view
        .groups
        .iter()
        .map(|g| GroupColumns {
            heading: format!("Nhóm {} ({} điểm)", roman(g.number), vi(&g.max, lang)),
            criteria: g
                .criteria
                .iter()
                .map(|c| (c.id.to_string(), vi(&c.max, lang)))
                .collect(),
        })
        .collect();
    let legend = view
        .groups
        .iter()
        .map(|g| {
            let criteria: Vec<String> = g
                .criteria
                .iter()
                .map(|c| format!("{} – {} ({})", c.id, c.title, vi(&c.max, lang)))
                .collect();
            format!(
                "- Nhóm {}. {} ({} điểm): {}.",
                roman(g.number),
                g.title,
                vi(&g.max, lang),
                criteria.join("; ")
            )
        })
        .collect();
    // How a cross-scoring was combined, and from how many scorers (SPEC Part 3).
    let mut legend: Vec<String> = legend;
    legend.extend(
        crate::render::views::combined_note(scoring, Language::Vi).map(|n| format!("- {n}")),
    );
    let rows = view
        .rows
        .iter()
        .map(|r| ScoreLine {
            name: r.association.name.to_string(),
            scores: r.scores.iter().map(|x| vi(x, lang)).collect(),
            adjustments: vi(&r.adjustments_total, lang),
            total: vi(&r.total, lang),
            rank: r.rank.to_string(),
            award: r.award.unwrap_or_default().to_string(),
        })
        .collect();
    ScoringDocument {
        number: number_line(&scoring.document, "BC"),
        dated: dated_line(settings.place, date, year),
        created: created(date, year),
        subject: format!("Kết quả {}", lowercase_first(&view.title)),
        groups,
        max_total: vi(&view.max_total, lang),
        rows,
        legend,
        sample_note: view.sample.then(|| SAMPLE_TABLE_NOTE.to_string()),
        closing: format!(
            "Bảng tổng hợp gồm {} đơn vị được chấm điểm; điểm chuẩn {} điểm./.",
            view.rows.len(),
            vi(&view.max_total, lang)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SignerLines;

    fn settings_with(recipients: &[String]) -> DocumentSettings<'_> {
        DocumentSettings {
            parent: Some("UBND TỈNH LAI CHÂU"),
            issuer: "Khối thi đua các tổ chức hội đặc thù",
            place: "Lai Châu",
            recipients,
            signer: SignerLines {
                on_behalf: None,
                title: "KHỐI TRƯỞNG".into(),
                name: "Nguyễn Văn A".into(),
            },
        }
    }

    #[test]
    fn issuer_in_capitals_on_lines_that_fit() {
        let s = settings_with(&[]);
        assert_eq!(
            issuer_lines(&s),
            vec!["KHỐI THI ĐUA CÁC TỔ CHỨC", "HỘI ĐẶC THÙ"]
        );
    }

    #[test]
    fn recipients_end_with_semicolons_and_the_archive() {
        let list = vec![
            "Ban Thi đua - Khen thưởng tỉnh".to_string(),
            "Các đơn vị thành viên Khối;".to_string(),
            "Lưu VT".to_string(),
        ];
        let s = settings_with(&list);
        assert_eq!(
            recipient_lines(&s),
            vec![
                "- Ban Thi đua - Khen thưởng tỉnh;",
                "- Các đơn vị thành viên Khối;",
                "- Lưu: VT."
            ]
        );
        assert_eq!(recipient_lines(&settings_with(&[])), vec!["- Lưu: VT."]);
    }

    #[test]
    fn dates_in_the_decree_form() {
        let d = Date::new(2014, 2, 5).unwrap();
        assert_eq!(
            dated_line("Lai Châu", Some(d), 2014),
            "Lai Châu, ngày 05 tháng 02 năm 2014"
        );
        let d = Date::new(2013, 6, 21).unwrap();
        assert_eq!(
            dated_line("Lai Châu", Some(d), 2013),
            "Lai Châu, ngày 21 tháng 6 năm 2013"
        );
        assert_eq!(created(Some(d), 2013), "2013-06-21T00:00:00Z");
        assert_eq!(roman(4), "IV");
        assert_eq!(vi("10,202.5", Language::En), "10.202,5");
        assert_eq!(vi("116,7%", Language::Vi), "116,7%");
        assert_eq!(roman(12), "XII");
    }
}
