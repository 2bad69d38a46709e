//! The documents of the bloc's year (SPEC Part 3 "The whole year"): the awards proposal
//! (*Tờ trình*, `to-trinh-<year>.docx`, with its lists as an appendix, and the lists as a
//! spreadsheet) and the minutes of a meeting (*Biên bản*, `bien-ban-<slug>.docx`), laid out as
//! Nghị định 30/2020/NĐ-CP's Phụ lục I and III show them. The words come from the same views
//! as the pages ([`crate::render::year`]); documents are always in Vietnamese.

use docx_rs::{
    AlignmentType, PageNumType, PageOrientationType, PageSize, Run, Section, Table,
    TableCellMargins, TableLayoutType, TableRow, WidthType,
};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use super::docx::{
    A4_LONG, A4_SHORT, BODY, Builder, LANDSCAPE_WIDTH, PORTRAIT_WIDTH, SIZE_11, SIZE_13, document,
    finish, margins, narrow_cells, pack, tight,
};
use super::text::{self, Block, Span};
use super::{created, dated_line, lowercase_first, number_line};
use crate::i18n::{DateStyle, Language, format_date};
use crate::model::{Awards, DocumentSettings, Meeting, Site};
use crate::render::views::Views;
use crate::render::year::{Proposal, percent_of, proposals};

/// One line of an appendix table.
pub struct ListLine {
    /// A collective's name, or a person's name.
    pub name: String,
    /// A person's position and unit (`Phó Chủ tịch Hội Luật gia tỉnh`); empty for a collective.
    pub unit: String,
    pub award: String,
    pub achievement: String,
}

/// Everything the *Tờ trình* prints, in words.
pub struct AwardsDocument {
    pub number: String,
    pub dated: String,
    pub created: String,
    pub subject: String,
    /// `Kính gửi: …`
    pub to: String,
    pub grounds: Vec<String>,
    pub body: Vec<String>,
    /// One line per award: `- Bằng khen của Chủ tịch UBND tỉnh: 2 tập thể, 1 cá nhân;`
    pub summary: Vec<String>,
    pub closing: String,
    /// `(Kèm theo Tờ trình số … ngày … của …)`
    pub attached: String,
    pub list_title: String,
    pub collectives: Vec<ListLine>,
    pub individuals: Vec<ListLine>,
    pub sample_note: Option<String>,
}

/// The council a proposal goes to when the file names none.
const DEFAULT_TO: &str = "Hội đồng Thi đua - Khen thưởng tỉnh";

/// The issuer as a sentence names it: `Khối thi đua các tổ chức hội đặc thù`.
fn issuer_words(settings: &DocumentSettings) -> String {
    let lower = settings.issuer.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn person_line(name: &str, position: Option<&str>, member: &str) -> String {
    match position {
        Some(position) => format!("{name}, {position} {member}"),
        None => format!("{name}, {member}"),
    }
}

/// The year's proposal as the *Tờ trình* shows it.
pub fn awards_document(
    views: &Views,
    settings: &DocumentSettings,
    awards: &Awards,
) -> AwardsDocument {
    let site = views.site;
    let year = awards.year;
    let (collectives, individuals) = proposals(site, year);
    let issuer = issuer_words(settings);
    let to = awards.to.clone().unwrap_or_else(|| DEFAULT_TO.to_string());
    let date = awards.document.signed;
    let date_year = date.map_or(year as u16 + 1, |d| d.year() as u16);
    let grounds = awards_grounds(views, year, date, &issuer);
    let summary = award_summary(&collectives, &individuals);
    let body = awards_body(year, &issuer, &to, &collectives, &individuals);
    let list_title = format!("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {year}");
    let line = |p: &Proposal| list_line(views, p);
    AwardsDocument {
        number: number_line(&awards.document, "TTr", settings.code, false),
        dated: dated_line(settings.place, date, date_year),
        created: created(date, date_year),
        subject: format!("Về việc đề nghị khen thưởng năm {year}"),
        to: format!("Kính gửi: {to}."),
        grounds,
        body,
        summary,
        closing: format!(
            "(Có danh sách kèm theo). {issuer} kính trình {to} xem xét, quyết định./."
        ),
        attached: format!(
            "(Kèm theo Tờ trình{}{} của {issuer})",
            awards
                .document
                .number
                .as_ref()
                .map(|n| format!(" số {n}"))
                .unwrap_or_default(),
            date.map(|d| format!(" {}", format_date(d, DateStyle::Long, Language::Vi)))
                .unwrap_or_default(),
        ),
        list_title,
        collectives: collectives.iter().map(line).collect(),
        individuals: individuals.iter().map(line).collect(),
        sample_note: awards
            .sample
            .is_all()
            .then(|| super::SAMPLE_TABLE_NOTE.replace("trong bảng", "trong văn bản")),
    }
}

/// The *Tờ trình*'s grounds: the law, the bloc's rules, the year's scoring and the meeting
/// that voted (the last one held by `date`).
fn awards_grounds(
    views: &Views,
    year: i32,
    date: Option<jiff::civil::Date>,
    issuer: &str,
) -> Vec<String> {
    let site = views.site;
    let mut grounds = vec![
        String::from("Căn cứ Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành;"),
        format!("Căn cứ Quy chế tổ chức và hoạt động của {issuer};"),
    ];
    let scored = site
        .scorings
        .values()
        .rfind(|s| i32::from(s.period.year()) == year);
    if let Some(scoring) = scored {
        let title = views.scoring_name(scoring);
        grounds.push(format!("Căn cứ kết quả {};", lowercase_first(&title)));
    }
    let meeting = site
        .meetings
        .iter()
        .filter(|m| m.year() == year || m.year() == year + 1)
        .filter(|m| !m.votes.is_empty())
        .rfind(|m| date.is_none_or(|d| m.date <= d));
    if let Some(meeting) = meeting {
        grounds.push(format!(
            "Căn cứ Biên bản {} {};",
            lowercase_first(&meeting.title),
            format_date(meeting.date, DateStyle::Long, Language::Vi)
        ));
    }
    grounds
}

/// A line per award: how many collectives and individuals are proposed for it, in the order
/// the awards first appear.
fn award_summary(collectives: &[Proposal], individuals: &[Proposal]) -> Vec<String> {
    let mut forms: Vec<(&str, usize, usize)> = Vec::new();
    for (p, collective) in collectives
        .iter()
        .map(|p| (p, true))
        .chain(individuals.iter().map(|p| (p, false)))
    {
        let entry = match forms
            .iter_mut()
            .position(|(award, _, _)| crate::content::year::same_title(award, p.award))
        {
            Some(i) => &mut forms[i],
            None => {
                forms.push((p.award, 0, 0));
                forms.last_mut().expect("just pushed")
            }
        };
        if collective {
            entry.1 += 1;
        } else {
            entry.2 += 1;
        }
    }
    let last = forms.len().saturating_sub(1);
    forms
        .iter()
        .enumerate()
        .map(|(i, (award, c, n))| {
            let parts: Vec<String> = [(*c, "tập thể"), (*n, "cá nhân")]
                .into_iter()
                .filter(|(count, _)| *count > 0)
                .map(|(count, what)| format!("{count:02} {what}"))
                .collect();
            format!(
                "- {award}: {}{}",
                parts.join(", "),
                if i == last { "." } else { ";" }
            )
        })
        .collect()
}

/// The *Tờ trình*'s two body paragraphs: the year's work, then whom the bloc proposes.
fn awards_body(
    year: i32,
    issuer: &str,
    to: &str,
    collectives: &[Proposal],
    individuals: &[Proposal],
) -> Vec<String> {
    let counted = |n: usize, what: &str| (n > 0).then(|| format!("{n:02} {what}"));
    let whom: Vec<String> = [
        counted(collectives.len(), "tập thể"),
        counted(individuals.len(), "cá nhân"),
    ]
    .into_iter()
    .flatten()
    .collect();
    vec![
        format!(
            "Năm {year}, các đơn vị thành viên {issuer} đã tích cực hưởng ứng, tổ chức thực hiện các phong trào thi đua yêu nước gắn với nhiệm vụ chính trị của từng đơn vị, hoàn thành các chỉ tiêu thi đua đã đăng ký."
        ),
        format!(
            "Trên cơ sở kết quả chấm điểm, bình xét thi đua năm {year}, {issuer} kính đề nghị {to} xem xét, khen thưởng cho {}, cụ thể như sau:",
            whom.join(" và ")
        ),
    ]
}

/// One proposal as a line of the appendix: name, unit, award and achievement.
fn list_line(views: &Views, p: &Proposal) -> ListLine {
    let name_of = |p: &Proposal| {
        views
            .site
            .association(p.member)
            .map_or_else(|| p.member.to_string(), |a| a.name.clone())
    };
    ListLine {
        name: match p.person {
            Some((name, _)) => name.to_string(),
            None => name_of(p),
        },
        unit: match p.person {
            Some((_, position)) => person_line("", position, &name_of(p))
                .trim_start_matches(", ")
                .to_string(),
            None => String::new(),
        },
        award: p.award.to_string(),
        achievement: p
            .achievement
            .map(str::to_string)
            .or_else(|| {
                p.scoring.map(|(scoring, rank)| {
                    format!(
                        "Xếp thứ {rank}/{} trong kết quả {}",
                        scoring.rows.len(),
                        lowercase_first(&views.scoring_name(scoring))
                    )
                })
            })
            .unwrap_or_default(),
    }
}

/// `to-trinh-<year>.docx`: the *Tờ trình* (portrait) and its lists as a landscape appendix
/// whose pages are numbered from 1.
pub fn awards_docx(settings: &DocumentSettings, doc: &AwardsDocument) -> Result<Vec<u8>, String> {
    let b = Builder::new();
    let mut main = Section::new()
        .page_size(
            PageSize::new()
                .size(A4_SHORT, A4_LONG)
                .orient(PageOrientationType::Portrait),
        )
        .page_margin(margins(false))
        .header(b.page_number_header())
        .title_pg()
        .add_table(b.national_header(settings, &doc.number, &doc.dated, PORTRAIT_WIDTH));
    for p in b.title("TỜ TRÌNH", &doc.subject, PORTRAIT_WIDTH) {
        main = main.add_paragraph(p);
    }
    if let Some(note) = &doc.sample_note {
        main = main.add_paragraph(b.sample_note(note));
    }
    // Kính gửi (ô 9a): centred under the subject.
    main = main.add_paragraph(
        b.p()
            .align(AlignmentType::Center)
            .line_spacing(tight().after(240))
            .add_run(Run::new().add_text(&doc.to).size(BODY)),
    );
    for ground in &doc.grounds {
        main = main.add_paragraph(b.body(&[Span::plain(ground)], BODY));
    }
    for text in &doc.body {
        main = main.add_paragraph(b.body(&[Span::plain(text)], BODY));
    }
    for line in &doc.summary {
        main = main.add_paragraph(b.body(&[Span::plain(line)], BODY));
    }
    main = main.add_paragraph(b.body(&[Span::plain(&doc.closing)], BODY).keep_next(true));
    // Như trên: the addressee first among the recipients.
    let mut recipients = vec![String::from("Như trên")];
    recipients.extend(settings.recipients.iter().cloned());
    let with_addressee = DocumentSettings {
        recipients: &recipients,
        ..settings.clone()
    };
    main = main.add_table(b.signature(&with_addressee, PORTRAIT_WIDTH));
    let mut docx = document(&b, true, &doc.created)
        .page_num_type(PageNumType::new().start(1))
        .add_section(main)
        .add_paragraph(b.centred_bold("Phụ lục", BODY).line_spacing(tight()))
        .add_paragraph(b.centred_bold(&doc.list_title, BODY).line_spacing(tight()))
        .add_paragraph(
            b.p()
                .align(AlignmentType::Center)
                .line_spacing(tight().after(240))
                .add_run(Run::new().add_text(&doc.attached).size(BODY).italic()),
        );
    let parts = [
        ("I. TẬP THỂ", "Tên tập thể", &doc.collectives, false),
        ("II. CÁ NHÂN", "Họ và tên", &doc.individuals, true),
    ];
    for (heading, name, lines, person) in parts {
        if lines.is_empty() {
            continue;
        }
        docx = docx
            .add_paragraph(b.heading(heading, true))
            .add_table(list_table(&b, name, lines, person))
            .add_paragraph(
                b.p()
                    .line_spacing(tight())
                    .add_run(Run::new().size(SIZE_11)),
            );
    }
    finish(pack(docx)?, &super::author(settings), &doc.subject)
}

/// STT | name | (position, unit) | award | achievements, on a landscape page.
fn list_table(b: &Builder, name: &str, lines: &[ListLine], person: bool) -> Table {
    let mut widths = vec![700usize, 3200];
    let mut headers = vec!["STT", name];
    if person {
        widths.push(3000);
        headers.push("Chức vụ, đơn vị");
    }
    widths.push(3000);
    headers.push("Hình thức khen thưởng");
    let used: usize = widths.iter().sum();
    widths.push(LANDSCAPE_WIDTH - used);
    headers.push("Tóm tắt thành tích");
    let mut rows = vec![
        TableRow::new(
            widths
                .iter()
                .zip(&headers)
                .map(|(w, h)| b.cell_bold(*w, h, SIZE_13, AlignmentType::Center))
                .collect(),
        )
        .cant_split(),
    ];
    for (i, line) in lines.iter().enumerate() {
        let mut cells = vec![(format!("{}", i + 1), AlignmentType::Center)];
        cells.push((line.name.clone(), AlignmentType::Left));
        if person {
            cells.push((line.unit.clone(), AlignmentType::Left));
        }
        cells.push((line.award.clone(), AlignmentType::Left));
        cells.push((line.achievement.clone(), AlignmentType::Both));
        rows.push(
            TableRow::new(
                widths
                    .iter()
                    .zip(cells)
                    .map(|(w, (text, align))| b.cell_text(*w, &text, SIZE_13, align))
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(widths)
        .width(LANDSCAPE_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(narrow_cells())
}

/// `danh-sach-khen-thuong-<year>.xlsx`: the two lists, one sheet each, printed on A4 landscape.
pub fn awards_xlsx(views: &Views, awards: &Awards) -> Result<Vec<u8>, XlsxError> {
    let site = views.site;
    let year = awards.year;
    let title = format!(
        "Danh sách đề nghị khen thưởng năm {year} – {}",
        site.config.title
    );
    let date = awards
        .document
        .signed
        .and_then(|d| ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok())
        .or_else(|| ExcelDateTime::from_ymd(year as u16, 12, 31).ok());
    let mut properties = DocProperties::new()
        .set_title(&title)
        .set_author(&site.config.title);
    if let Some(date) = &date {
        properties = properties.set_creation_datetime(date);
    }
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties);
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let view = views.awards(awards);
    for (sheet_name, list, person) in [
        ("Tập thể", &view.collectives, false),
        ("Cá nhân", &view.individuals, true),
    ] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name)?;
        sheet.set_landscape();
        sheet.set_paper_size(9);
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(2, 2)?;
        sheet.write_string_with_format(0, 0, &title, &bold)?;
        let mut headers = vec!["STT"];
        if person {
            headers.extend(["Họ và tên", "Chức vụ", "Đơn vị"]);
        } else {
            headers.push("Tên tập thể");
        }
        headers.extend([
            "Hình thức khen thưởng",
            "Tình trạng",
            "Quyết định",
            "Thành tích",
        ]);
        let widths: &[f64] = if person {
            &[6.0, 26.0, 22.0, 30.0, 34.0, 14.0, 30.0, 50.0]
        } else {
            &[6.0, 36.0, 34.0, 14.0, 30.0, 50.0]
        };
        for (col, (label, width)) in headers.iter().zip(widths).enumerate() {
            sheet.write_string_with_format(2, col as u16, *label, &head)?;
            sheet.set_column_width(col as u16, *width)?;
        }
        for (i, p) in list.iter().enumerate() {
            let row = 3 + i as u32;
            let mut cells: Vec<String> = Vec::new();
            if person {
                cells.push(p.name.unwrap_or_default().to_string());
                cells.push(p.position.unwrap_or_default().to_string());
            }
            cells.push(p.member_name.clone());
            cells.push(p.award.to_string());
            cells.push(
                match p.status {
                    "granted" => "Được tặng",
                    _ => "Đề nghị",
                }
                .to_string(),
            );
            cells.push(p.decision.unwrap_or_default().to_string());
            cells.push(
                p.achievement
                    .map(str::to_string)
                    .or_else(|| p.scoring.clone())
                    .unwrap_or_default(),
            );
            sheet.write_number_with_format(row, 0, (i + 1) as f64, &wrap)?;
            for (col, text) in cells.iter().enumerate() {
                sheet.write_string_with_format(row, col as u16 + 1, text, &wrap)?;
            }
        }
    }
    workbook.save_to_buffer()
}

/// Everything the minutes print, in words.
pub struct MinutesDocument {
    pub number: String,
    pub created: String,
    pub subject: String,
    /// Time, place and attendance, then the proceedings, the votes and the closing.
    pub opening: Vec<Block>,
    pub body: Vec<Block>,
    pub votes: Vec<Block>,
    pub closing: Vec<Block>,
    pub secretary: (String, String),
    pub chair: (String, String),
    pub sample_note: Option<String>,
}

/// `08:00` → `08 giờ 00`.
fn clock(time: &str) -> String {
    time.replacen(':', " giờ ", 1)
}

/// A meeting as its minutes show it; `*` marks what the file marks as sample.
pub fn minutes_document(views: &Views, meeting: &Meeting) -> MinutesDocument {
    let site = views.site;
    let sample = |key: &str| if meeting.sample.covers(key) { "*" } else { "" };
    let day = format_date(meeting.date, DateStyle::Long, Language::Vi);
    let name = |slug: &crate::slug::Slug| {
        site.association(slug)
            .map_or_else(|| slug.to_string(), |a| a.name.clone())
    };
    let para = |text: String| text::Block {
        kind: text::BlockKind::Paragraph,
        spans: vec![Span::plain(&text)],
    };
    let heading = |text: &str| text::Block {
        kind: text::BlockKind::Paragraph,
        spans: vec![Span {
            text: text.to_string(),
            bold: true,
            italic: false,
        }],
    };
    let item = |text: String| text::Block {
        kind: text::BlockKind::Item,
        spans: vec![Span::plain(&text)],
    };
    let mut opening = vec![match &meeting.start {
        Some(start) => para(format!(
            "Thời gian bắt đầu: {}{} {day}.",
            clock(start),
            sample("start")
        )),
        None => para(format!("Thời gian: {day}.")),
    }];
    if let Some(place) = &meeting.place {
        opening.push(para(format!("Địa điểm: {place}{}.", sample("place"))));
    }
    opening.push(heading("Thành phần tham dự:"));
    let person = |p: &crate::model::Person| match &p.position {
        Some(position) => format!("{}, {position}", p.name),
        None => p.name.clone(),
    };
    if let Some(chair) = &meeting.chair {
        opening.push(item(format!(
            "Chủ trì: {}{};",
            person(chair),
            sample("chair")
        )));
    }
    if let Some(secretary) = &meeting.secretary {
        opening.push(item(format!(
            "Thư ký: {}{};",
            person(secretary),
            sample("secretary")
        )));
    }
    let expected = site.members_in(meeting.year()).count();
    let present: Vec<String> = meeting.present.iter().map(name).collect();
    opening.push(item(format!(
        "Các đơn vị thành viên Khối có mặt: {}/{expected} đơn vị{}{};",
        present.len(),
        if present.is_empty() {
            String::new()
        } else {
            format!(", gồm: {}", present.join(", "))
        },
        sample("present"),
    )));
    if !meeting.absent.is_empty() {
        let absent: Vec<String> = meeting
            .absent
            .iter()
            .map(|(slug, reason)| {
                if reason.is_empty() {
                    name(slug)
                } else {
                    format!("{} ({reason})", name(slug))
                }
            })
            .collect();
        opening.push(item(format!("Vắng mặt: {};", absent.join("; "))));
    }
    if !meeting.guests.is_empty() {
        opening.push(item(format!("Khách mời: {}.", meeting.guests.join("; "))));
    }
    let mut body = Vec::new();
    if !meeting.body.source.trim().is_empty() {
        body.push(heading("Nội dung hội nghị:"));
        body.extend(text::blocks(&meeting.body.source));
    }
    let mut votes = Vec::new();
    if !meeting.votes.is_empty() {
        votes.push(heading(&format!("Kết quả biểu quyết{}:", sample("votes"))));
        let n = present.len();
        for v in &meeting.votes {
            votes.push(item(format!(
                "{}: tán thành {}/{n} ({}), không tán thành {}/{n} ({}), không biểu quyết {}/{n} ({}).",
                v.subject,
                v.agree,
                percent_of(v.agree, n, Language::Vi),
                v.disagree,
                percent_of(v.disagree, n, Language::Vi),
                v.abstain,
                percent_of(v.abstain, n, Language::Vi),
            )));
        }
    }
    let closing = vec![para(match &meeting.end {
        Some(end) => format!(
            "Hội nghị kết thúc vào hồi {}{} cùng ngày. Biên bản đã được thông qua trước hội nghị./.",
            clock(end),
            sample("end")
        ),
        None => String::from("Biên bản đã được thông qua trước hội nghị./."),
    })];
    let signer = |p: &Option<crate::model::Person>, key: &str| {
        p.as_ref()
            .map(|p| (format!("{}{}", p.name, sample(key)), String::new()))
            .unwrap_or_default()
    };
    let year = meeting.date.year() as u16;
    MinutesDocument {
        number: number_line(&meeting.document, "BB", site.document_code(), false),
        created: created(Some(meeting.date), year),
        subject: meeting.title.clone(),
        opening,
        body,
        votes,
        closing,
        secretary: signer(&meeting.secretary, "secretary"),
        chair: signer(&meeting.chair, "chair"),
        sample_note: (meeting.sample.is_all()
            || matches!(&meeting.sample, crate::model::SampleMark::Keys(k) if !k.is_empty()))
        .then(|| {
            if meeting.sample.is_all() {
                String::from(
                    "(Toàn bộ nội dung biên bản là dữ liệu mẫu dùng để minh hoạ, không có trong tài liệu gốc)",
                )
            } else {
                String::from(
                    "(Nội dung đánh dấu * là dữ liệu mẫu dùng để minh hoạ, không có trong tài liệu gốc)",
                )
            }
        }),
    }
}

/// `bien-ban-<slug>.docx`: header without place and date (Phụ lục III, mẫu 1.9), *BIÊN BẢN* and
/// the meeting, the record, and the two signatures side by side: *THƯ KÝ* left, *CHỦ TRÌ* right.
pub fn minutes_docx(settings: &DocumentSettings, doc: &MinutesDocument) -> Result<Vec<u8>, String> {
    let b = Builder::new();
    let mut docx = document(&b, false, &doc.created).add_table(b.national_header(
        settings,
        &doc.number,
        "",
        PORTRAIT_WIDTH,
    ));
    for p in b.title("BIÊN BẢN", &doc.subject, PORTRAIT_WIDTH) {
        docx = docx.add_paragraph(p);
    }
    if let Some(note) = &doc.sample_note {
        docx = docx.add_paragraph(b.sample_note(note));
    }
    for blocks in [&doc.opening, &doc.body, &doc.votes] {
        for p in b.text_blocks(blocks) {
            docx = docx.add_paragraph(p);
        }
    }
    // The closing lines stay on the page of the signatures (a page holding only the two
    // signatures is not a record anyone can sign).
    for p in b.text_blocks(&doc.closing) {
        docx = docx.add_paragraph(p.keep_next(true));
    }
    docx = docx.add_table(two_signatures(&b, &doc.secretary, &doc.chair));
    finish(pack(docx)?, &super::author(settings), &doc.subject)
}

/// *THƯ KÝ* (left) and *CHỦ TRÌ* (right), each with room to sign and the name below.
fn two_signatures(b: &Builder, secretary: &(String, String), chair: &(String, String)) -> Table {
    let half = PORTRAIT_WIDTH / 2;
    let block = |title: &str, name: &str| {
        let mut cell = docx_rs::TableCell::new()
            .width(half, WidthType::Dxa)
            .vertical_align(docx_rs::VAlignType::Top)
            .add_paragraph(b.centred_bold(title, BODY).line_spacing(tight()));
        for _ in 0..4 {
            cell = cell.add_paragraph(b.p().line_spacing(tight()).add_run(Run::new().size(BODY)));
        }
        cell.add_paragraph(b.centred_bold(name, BODY).line_spacing(tight()))
    };
    Table::new(vec![
        TableRow::new(vec![
            block("THƯ KÝ", &secretary.0),
            block("CHỦ TRÌ", &chair.0),
        ])
        .cant_split(),
    ])
    .margins(TableCellMargins::new().margin_top(240, WidthType::Dxa))
    .set_grid(vec![half, PORTRAIT_WIDTH - half])
    .width(PORTRAIT_WIDTH, WidthType::Dxa)
    .layout(TableLayoutType::Fixed)
    .clear_all_border()
}

/// The header of the minutes: the issuer and place of `documents:`, no signer needed.
pub fn minutes_settings<'a>(site: &'a Site, meeting: &Meeting) -> Option<DocumentSettings<'a>> {
    let (parent, issuer, place) = site.document_header().ok()?;
    let recipients = site
        .config
        .documents
        .as_ref()
        .map_or(&[][..], |d| d.recipients.as_slice());
    Some(DocumentSettings {
        parent,
        issuer,
        code: site.document_code(),
        place,
        recipients,
        signer: crate::model::SignerLines {
            on_behalf: None,
            title: String::from("CHỦ TRÌ"),
            name: meeting
                .chair
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_default(),
        },
    })
}
