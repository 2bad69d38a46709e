//! `blocpress new`: files an editor fills in. `new news "Tiêu đề"` writes a dated news item
//! with every front-matter field present (a draft until the editor publishes it); `new period ID`
//! writes, for every association, an achievement file listing every metric it may report with
//! no value yet ("not reported"), plus a draft narrative for the period. Neither ever replaces a
//! file: a news item whose name or URL is taken gets a `-2` suffix; an existing achievement file
//! is skipped. The files' comments are in Vietnamese, for the editors; messages are in English,
//! like the rest of the command line.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use blocpress::config::{CONFIG_FILE, MetricDef, SiteConfig};
use blocpress::content::association::parse_profile;
use blocpress::content::load::walk_files;
use blocpress::content::news::{stem_without_date, vietnam_now};
use blocpress::content::{file_stem, front_matter, read_text};
use blocpress::diagnostics::{Diagnostic, Diagnostics};
use blocpress::i18n::Language;
use blocpress::model::Association;
use blocpress::period::{Part, PeriodId};
use blocpress::slug::{Slug, slugify};
use jiff::civil::Date;

use blocpress::messages::Message;

use super::{EXIT_OK, EXIT_SITE_ERRORS, EXIT_USAGE, Ui};
use crate::cli::{NewAwardsArgs, NewCommand, NewMeetingArgs, NewNewsArgs, NewPeriodArgs};

pub fn run(command: NewCommand, lang: Option<Language>) -> i32 {
    let root = match &command {
        NewCommand::News(args) => args.root.root.clone(),
        NewCommand::Period(args) => args.root.root.clone(),
        NewCommand::Meeting(args) => args.root.root.clone(),
        NewCommand::Awards(args) => args.root.root.clone(),
    };
    let ui = Ui::for_site(lang, &root);
    if let Err(code) = ui.settle_interrupted_writes(&root) {
        return code;
    }
    let result = match command {
        NewCommand::News(args) => news(args, ui),
        NewCommand::Period(args) => period(args, ui),
        NewCommand::Meeting(args) => meeting(args, ui),
        NewCommand::Awards(args) => awards(args, ui),
    };
    match result {
        Ok(()) => EXIT_OK,
        Err(failure) => failure.report(ui),
    }
}

/// Why a command stopped, and so its exit code.
pub enum Failure {
    /// The arguments cannot work (a malformed period id, a title with no letters, a folder that
    /// already holds a site): exit 2.
    Usage(Message),
    /// The site is missing or has errors that must be fixed first: exit 1.
    Site(Diagnostics),
    /// Reading or writing failed: exit 1.
    Io(Message),
}

impl Failure {
    pub fn report(self, ui: Ui) -> i32 {
        match self {
            Failure::Usage(message) => {
                ui.say(Message::new("failed-usage").nested("error", message));
                EXIT_USAGE
            }
            Failure::Site(diagnostics) => {
                ui.diagnostics(&diagnostics);
                ui.say(Message::new("new-site-has-errors").nested("counts", diagnostics.summary()));
                EXIT_SITE_ERRORS
            }
            Failure::Io(message) => {
                ui.say(Message::new("failed-usage").nested("error", message));
                EXIT_SITE_ERRORS
            }
        }
    }

    fn site(diagnostic: Diagnostic) -> Failure {
        let mut all = Diagnostics::new();
        all.push(diagnostic);
        Failure::Site(all)
    }
}

/// Today in Vietnam (UTC+7, no daylight saving): the date editors expect on a news item.
pub fn vietnam_today() -> Date {
    vietnam_now().date()
}

/// The half-year a date falls in: `2026-h2` for 2026-11-28.
pub fn half_year_of(date: Date) -> PeriodId {
    let part = if date.month() <= 6 {
        Part::FirstHalf
    } else {
        Part::SecondHalf
    };
    u16::try_from(date.year())
        .ok()
        .and_then(|year| PeriodId::new(year, part))
        .unwrap_or_else(|| PeriodId::new(2000, part).expect("2000 is a valid year"))
}

/// `root.join(rel)`, without a leading `./` when the root is the current folder, for messages.
pub fn shown(root: &Path, rel: &Path) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        rel.to_path_buf()
    } else {
        root.join(rel)
    }
}

/// Creates a file that must not exist yet; `Ok(false)` when it does (it is left untouched).
pub fn create_new_file(path: &Path, contents: &[u8]) -> Result<bool, Failure> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| Failure::Io(io_message("io-cannot-create", parent, &e)))?;
    }
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => {
            return Err(Failure::Io(io_message("io-cannot-create", path, &e)));
        }
    };
    file.write_all(contents)
        .map_err(|e| Failure::Io(io_message("io-cannot-write", path, &e)))?;
    Ok(true)
}

/// Creates, through the site's one writer (all or none, never replacing a file), each file of
/// `files` (relative to `root`) that does not exist yet. Says which were created.
pub fn create_in_site(root: &Path, files: &[(PathBuf, String)]) -> Result<Vec<bool>, Failure> {
    use blocpress::content::write::{self, Base, Edit, WriteError};
    let mut taken: Vec<bool> = files
        .iter()
        .map(|(rel, _)| root.join(rel).exists())
        .collect();
    // A file created by someone else in between is a conflict: skip it too and try again.
    for _ in 0..3 {
        let edits: Vec<Edit> = files
            .iter()
            .zip(&taken)
            .filter(|(_, taken)| !**taken)
            .map(|((rel, text), _)| Edit::put(rel.clone(), Base::Absent, text.as_bytes()))
            .collect();
        match write::commit(root, &edits) {
            Ok(()) => return Ok(taken.iter().map(|t| !t).collect()),
            Err(WriteError::Conflict(found)) => {
                for (i, (rel, _)) in files.iter().enumerate() {
                    taken[i] |= found.contains(rel);
                }
            }
            Err(failure) => return Err(Failure::Site(failure.diagnostics())),
        }
    }
    Ok(vec![false; files.len()])
}

/// "cannot create PATH: ERROR" in the language of the run.
pub fn io_message(id: &'static str, path: &Path, error: &io::Error) -> Message {
    Message::new(id)
        .arg("path", path.display().to_string())
        .nested("error", blocpress::messages::io_reason(error))
}

fn require_site_file(root: &Path) -> Result<(), Failure> {
    if root.join(CONFIG_FILE).is_file() {
        Ok(())
    } else {
        Err(Failure::site(
            Diagnostic::new(CONFIG_FILE, "E061").arg("root", root.display().to_string()),
        ))
    }
}

/// A YAML scalar for `key: <here>`, quoted only when YAML needs it.
fn yaml_scalar(text: &str) -> String {
    serde_yaml::to_string(text)
        .map(|s| s.trim_end_matches('\n').to_string())
        .unwrap_or_else(|_| format!("{text:?}"))
}

/// Text for the end of a `#` comment: one line.
fn comment_text(text: &str) -> String {
    blocpress::hygiene::collapse_whitespace(text)
}

// ---------------------------------------------------------------------------------------------
// new news

/// The association folders that have a profile, with their names when the profile can be read
/// (a broken profile is `check`'s business, not a reason to refuse a news file).
fn association_names(root: &Path) -> Vec<(String, Option<String>)> {
    let mut ignored = Vec::new();
    let mut names = Vec::new();
    for file in walk_files(root, "content/associations", &mut ignored) {
        let Some(slug) = profile_slug(&file.rel) else {
            continue;
        };
        let name = fs::read_to_string(&file.abs)
            .ok()
            .and_then(|text| serde_yaml::from_str::<serde_yaml::Value>(&text).ok())
            .and_then(|value| value.get("name").and_then(|n| n.as_str()).map(comment_text));
        names.push((slug.to_string(), name));
    }
    names
}

/// `content/associations/<slug>/profile.yaml` → the slug, when it is one.
fn profile_slug(rel: &Path) -> Option<Slug> {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [content, associations, folder, profile]
            if content == "content"
                && associations == "associations"
                && profile == "profile.yaml" =>
        {
            Slug::parse(folder).ok()
        }
        _ => None,
    }
}

/// What the existing news items already use: their URL slugs, and their tags by frequency.
struct ExistingNews {
    slugs: HashSet<String>,
    tags: Vec<String>,
}

fn existing_news(root: &Path) -> ExistingNews {
    let mut ignored = Vec::new();
    let mut slugs = HashSet::new();
    let mut tag_counts: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for file in walk_files(root, "content/news", &mut ignored) {
        if file.rel.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        let front: Option<serde_yaml::Value> =
            read_text(&file.abs, &file.rel).ok().and_then(|text| {
                front_matter::split(&text)
                    .ok()
                    .and_then(|split| serde_yaml::from_str(split.front_matter).ok())
            });
        let given = front
            .as_ref()
            .and_then(|f| f.get("slug"))
            .and_then(|s| s.as_str())
            .map(str::to_string);
        slugs.insert(given.unwrap_or_else(|| slugify(stem_without_date(&file_stem(&file.rel)))));
        let tags = front
            .as_ref()
            .and_then(|f| f.get("tags"))
            .and_then(|t| t.as_sequence())
            .cloned()
            .unwrap_or_default();
        for tag in tags.iter().filter_map(|t| t.as_str()) {
            let entry = tag_counts
                .entry(slugify(tag))
                .or_insert_with(|| (0, tag.trim().to_string()));
            entry.0 += 1;
        }
    }
    let mut tags: Vec<(usize, String)> = tag_counts.into_values().collect();
    tags.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| blocpress::collation::compare(&a.1, &b.1))
    });
    ExistingNews {
        slugs,
        tags: tags.into_iter().take(12).map(|(_, name)| name).collect(),
    }
}

/// The news file's text: every front-matter field, with comments that say how to fill it.
fn news_text(
    title: &str,
    date: Date,
    associations: &[(String, Option<String>)],
    tags: &[String],
) -> String {
    let period = half_year_of(date);
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", yaml_scalar(title)));
    text.push_str(&format!(
        "date: {date}                 # ngày đăng, dạng NĂM-THÁNG-NGÀY\n"
    ));
    text.push_str(
        "# Tóm tắt một hai câu, hiện trong danh sách tin và khi chia sẻ lên mạng xã hội.\n\
         # Bỏ trống thì dùng đoạn văn đầu tiên của bài.\n\
         summary:\n",
    );
    text.push_str(
        "# Các hội được nhắc tới trong tin (tên thư mục trong content/associations/):\n\
         # tin sẽ hiện trên trang của từng hội. Ví dụ: associations: [ten-hoi-a, ten-hoi-b]\n",
    );
    if associations.is_empty() {
        text.push_str("# (Chưa có hội nào trong content/associations/.)\n");
    } else {
        text.push_str("# Các hội hiện có:\n");
        let width = associations.iter().map(|(s, _)| s.len()).max().unwrap_or(0);
        for (slug, name) in associations {
            match name {
                Some(name) => text.push_str(&format!("#   {slug:width$}  {name}\n")),
                None => text.push_str(&format!("#   {slug}\n")),
            }
        }
    }
    text.push_str("associations: []\n");
    text.push_str(&format!(
        "# Kỳ báo cáo liên quan, nếu có (tin sẽ hiện trên trang sơ kết của kỳ đó):\n\
         # {}-h1 (6 tháng đầu năm), {}-h2 (6 tháng cuối năm) hoặc {} (cả năm). Kỳ hiện tại: {period}.\n\
         period:\n",
        period.year(),
        period.year(),
        period.year(),
    ));
    text.push_str(
        "# Nhãn chủ đề, mỗi nhãn có một trang riêng. Ví dụ: tags: [Sơ kết, Khen thưởng]\n",
    );
    if !tags.is_empty() {
        text.push_str(&format!(
            "# Nhãn đang dùng: {}\n",
            comment_text(&tags.join(", "))
        ));
    }
    text.push_str("tags: []\n");
    text.push_str(
        "# Ảnh đại diện khi chia sẻ (đặt tệp ảnh trong static/images/) và lời mô tả ảnh:\n\
         # image: /images/ten-anh.jpg\n\
         # image_alt: Mô tả ngắn nội dung ảnh\n\
         author:                   # người viết, ví dụ: Ban biên tập\n\
         # true: bản nháp, chưa đăng (xem trước bằng `blocpress serve --drafts`).\n\
         # Đổi thành false khi bài đã sẵn sàng để đăng.\n\
         draft: true\n\
         ---\n",
    );
    text.push_str(
        "Đoạn mở đầu: sự kiện gì, diễn ra khi nào, ở đâu, do ai chủ trì, những ai tham dự.\n\
         \n\
         ## Kết quả nổi bật\n\
         \n\
         Nội dung chính của tin. Để tách đoạn, để một dòng trống giữa hai đoạn.\n",
    );
    text
}

/// The title as given, trimmed, and the slug it gives: a usage error when it has no letters.
fn titled(title: &str) -> Result<(&str, Slug), Failure> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Failure::Usage(Message::new("new-title-empty")));
    }
    match Slug::from_text(title) {
        Some(base) => Ok((title, base)),
        None => Err(Failure::Usage(
            Message::new("new-title-no-letters").arg("title", title),
        )),
    }
}

fn news(args: NewNewsArgs, ui: Ui) -> Result<(), Failure> {
    let root = args.root.root;
    let (title, base) = titled(&args.title)?;
    require_site_file(&root)?;
    let date = vietnam_today();
    let existing = existing_news(&root);
    let folder = Path::new("content")
        .join("news")
        .join(date.year().to_string());
    let text = news_text(title, date, &association_names(&root), &existing.tags);

    // Never replace a file, and never take a URL another news item has (that is a build error).
    for n in 1..=1000 {
        let slug = if n == 1 {
            base.clone()
        } else {
            base.with_suffix(n)
        };
        if existing.slugs.contains(slug.as_str()) {
            continue;
        }
        let rel = folder.join(format!("{date}-{slug}.md"));
        if create_in_site(&root, &[(rel.clone(), text.clone())])?[0] {
            if n > 1 {
                ui.say(
                    Message::new("new-news-renamed")
                        .arg("base", base.as_str())
                        .arg("slug", slug.as_str()),
                );
            }
            // A closed pipe (`| head`) is not an error; println! would panic on it.
            let _ = writeln!(std::io::stdout(), "{}", shown(&root, &rel).display());
            ui.say(Message::new("new-news-created"));
            return Ok(());
        }
    }
    Err(Failure::Io(
        Message::new("new-news-too-many")
            .arg("base", base.as_str())
            .arg("folder", folder.display().to_string()),
    ))
}

// ---------------------------------------------------------------------------------------------
// new period

/// Every association with a profile, parsed (its own metrics are needed); errors stop the
/// command before it writes anything.
fn load_associations(root: &Path, config: &SiteConfig) -> Result<Vec<Association>, Failure> {
    let mut problems = Vec::new();
    let files = walk_files(root, "content/associations", &mut problems);
    let mut folders: BTreeMap<String, bool> = BTreeMap::new();
    let mut associations = Vec::new();
    for file in &files {
        let parts: Vec<String> = file
            .rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.len() != 4 {
            continue;
        }
        let has_profile = folders.entry(parts[2].clone()).or_insert(false);
        let Some(slug) = profile_slug(&file.rel) else {
            continue;
        };
        *has_profile = true;
        let text = match read_text(&file.abs, &file.rel) {
            Ok(text) => text,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        match parse_profile(slug, file, &text, config) {
            Ok((association, _warnings)) => associations.push(association),
            Err(errors) => problems.extend(errors.into_iter().filter(Diagnostic::is_error)),
        }
    }
    for (folder, has_profile) in &folders {
        let path = Path::new("content").join("associations").join(folder);
        if let Err(message) = Slug::parse(folder) {
            problems.push(Diagnostic::new(path, "E071").nested("reason", message));
        } else if !has_profile {
            problems.push(Diagnostic::new(path, "E070"));
        }
    }
    if !problems.is_empty() {
        let mut all = Diagnostics::new();
        all.extend(problems);
        return Err(Failure::Site(all));
    }
    if associations.is_empty() {
        return Err(Failure::site(Diagnostic::new(
            "content/associations",
            "E130",
        )));
    }
    associations.sort_by(|a, b| {
        (a.order.is_none(), a.order)
            .cmp(&(b.order.is_none(), b.order))
            .then_with(|| blocpress::collation::compare(&a.name, &b.name))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    Ok(associations)
}

/// `  key:   # Label (unit)` lines, keys padded so the comments line up; `detailed` adds the
/// section headings and units.
fn metric_lines(out: &mut String, sections: &[(&str, Vec<(&String, &MetricDef)>)], detailed: bool) {
    let width = sections
        .iter()
        .flat_map(|(_, keys)| keys.iter().map(|(k, _)| k.len() + 1))
        .max()
        .unwrap_or(0);
    for (heading, keys) in sections {
        if keys.is_empty() {
            continue;
        }
        if detailed {
            out.push_str(&format!("  # {heading}\n"));
        }
        for (key, def) in keys {
            let label = comment_text(&def.label);
            let described = match (&def.unit, detailed) {
                (Some(unit), true) if !unit.trim().is_empty() => {
                    format!("{label} ({})", comment_text(unit))
                }
                _ => label,
            };
            let key = format!("{key}:");
            out.push_str(&format!("  {key:width$}  # {described}\n"));
        }
    }
}

/// An association's achievement file for `id`: every metric it may report, no values yet.
fn achievement_text(association: &Association, config: &SiteConfig, id: PeriodId) -> String {
    let title = id.default_title(Language::Vi);
    let next = id
        .following()
        .map(|p| format!("{} ({p})", p.default_title(Language::Vi).to_lowercase()))
        .unwrap_or_else(|| String::from("kỳ sau"));
    let shared: Vec<(&String, &MetricDef)> = config
        .metrics
        .iter()
        .filter(|(key, _)| !association.metrics.contains_key(*key))
        .collect();
    let own: Vec<(&String, &MetricDef)> = association.metrics.iter().collect();
    let sections = [
        ("Chỉ tiêu chung của Khối (khai báo trong site.yaml)", shared),
        (
            "Chỉ tiêu riêng của hội (khai báo trong profile.yaml của hội)",
            own,
        ),
    ];

    let mut text = format!(
        "# {name}: kết quả {lower} (kỳ {id}).\n\
         # Tệp do `blocpress new period {id}` tạo. Điền số liệu rồi gửi lại cho Khối trưởng.\n\
         #\n\
         # CÁCH GHI SỐ: viết liền, không dùng dấu chấm hay dấu phẩy ngăn cách hàng nghìn.\n\
         #   đúng: 10202      sai: 10.202 (máy hiểu là \"mười phẩy hai\")\n\
         #   số thập phân dùng dấu chấm: 95.5 (trang web tự hiện thành 95,5)\n\
         #   không đặt số trong ngoặc kép, không ghi đơn vị sau số.\n\
         # Chỉ tiêu nào để trống (không ghi gì sau dấu hai chấm) là \"chưa báo cáo\".\n\
         \n\
         # Tóm tắt kết quả của hội trong kỳ: một đoạn văn (Markdown), in trong bài sơ kết.\n\
         # Viết trên nhiều dòng thì ghi `summary: >-` rồi xuống dòng, thụt lề hai dấu cách.\n\
         summary:\n\
         \n\
         # Số liệu của kỳ.\n\
         metrics:\n",
        name = comment_text(&association.name),
        lower = title.to_lowercase(),
    );
    metric_lines(&mut text, &sections, true);
    text.push_str(
        "\n\
         # Việc làm nổi bật trong kỳ: mỗi ý một dòng, bắt đầu bằng \"  - \" (Markdown). Ví dụ:\n\
         #   - Tổ chức **35 hội nghị** tuyên truyền, phổ biến pháp luật.\n\
         highlights:\n\
         \n\
         # Nhiệm vụ, phương hướng kỳ sau: mỗi ý một dòng, bắt đầu bằng \"  - \".\n\
         plans:\n\
         \n",
    );
    text.push_str(&format!(
        "# Chỉ tiêu phấn đấu cho {next}: trang sơ kết kỳ đó sẽ tính % hoàn thành.\n\
         # Chỉ tiêu nào không đặt mục tiêu thì để trống.\n\
         targets:\n"
    ));
    metric_lines(&mut text, &sections, false);
    text.push_str(
        "\n\
         # Nếu đây là số liệu mẫu hay ước tính, chưa phải số liệu chính thức, bỏ dấu # ở dòng dưới\n\
         # (hoặc ghi riêng các chỉ tiêu: sample: [new_members]); trang web sẽ ghi chú \"số liệu mẫu\".\n\
         # extra: { sample: true }\n",
    );
    text
}

/// The period's narrative skeleton: a draft, so a half-written text is never published.
fn narrative_text(id: PeriodId, associations: &[Association]) -> String {
    let title = id.default_title(Language::Vi);
    let meeting = if id.is_year() {
        "tổng kết"
    } else {
        "sơ kết"
    };
    let hosts = associations
        .iter()
        .map(|a| a.slug.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "---\n\
         # Bài {meeting} {lower} (kỳ {id}): in ở đầu trang {meeting} của kỳ, trước bảng số liệu.\n\
         # Điền thông tin, viết nội dung bên dưới dòng `---` thứ hai, rồi đổi `draft: true`\n\
         # thành `draft: false` để đăng. Trang {meeting} vẫn hiện số liệu của các hội khi bài này\n\
         # còn là bản nháp.\n\
         title:           # bỏ trống thì dùng \"{title}\"\n\
         date:            # ngày họp, dạng NĂM-THÁNG-NGÀY, ví dụ {year}-{month}-20\n\
         host:            # hội đăng cai (tên thư mục): {hosts}\n\
         location:        # nơi họp\n\
         summary:         # một câu tóm tắt hội nghị\n\
         # Báo cáo có các mục đánh số theo thứ tự, mục để trống thì bỏ: I. Kết quả thực hiện (từ\n\
         # số liệu của các hội), II. Đánh giá chung, III. Phương hướng, nhiệm vụ kỳ tới, IV. Kiến\n\
         # nghị, đề xuất. Các mục này ghi ở đây, không viết lại trong nội dung bài bên dưới.\n\
         # Đánh giá chung: ưu điểm; tồn tại, hạn chế; nguyên nhân. Viết nhiều dòng thì ghi\n\
         # `assessment: |` rồi xuống dòng, mỗi dòng thụt lề hai dấu cách.\n\
         assessment:\n\
         plans:           # nhiệm vụ chung của Khối cho kỳ tới, mỗi ý một dòng bắt đầu bằng \"  - \"\n\
         recommendations: # kiến nghị, đề xuất với cấp trên (bỏ trống nếu không có)\n\
         draft: true\n\
         ---\n\
         Diễn biến hội nghị: ai chủ trì, các đơn vị tham dự, những kết quả nổi bật của Khối trong\n\
         kỳ.\n",
        lower = title.to_lowercase(),
        year = id.year(),
        month = match id.part() {
            Part::FirstHalf => "06",
            Part::SecondHalf | Part::Year => "12",
        },
    )
}

fn period(args: NewPeriodArgs, ui: Ui) -> Result<(), Failure> {
    let root = args.root.root;
    let id = PeriodId::from_str(args.id.trim()).map_err(Failure::Usage)?;
    let _ = &ui;
    require_site_file(&root)?;
    let config_text =
        read_text(&root.join(CONFIG_FILE), Path::new(CONFIG_FILE)).map_err(Failure::site)?;
    let config = SiteConfig::parse(&config_text).map_err(|problems| {
        let mut all = Diagnostics::new();
        all.extend(problems);
        Failure::Site(all)
    })?;
    let associations = load_associations(&root, &config)?;

    let narrative = Path::new("content")
        .join("periods")
        .join(format!("{id}.md"));
    // Every member's file and the narrative in one write: all or none.
    let mut files: Vec<(PathBuf, String)> = associations
        .iter()
        .map(|association| {
            let rel = Path::new("content")
                .join("associations")
                .join(association.slug.as_str())
                .join(format!("{id}.yaml"));
            (rel, achievement_text(association, &config, id))
        })
        .collect();
    files.push((narrative.clone(), narrative_text(id, &associations)));
    let made = create_in_site(&root, &files)?;
    let mut created = 0;
    let mut skipped = 0;
    for ((rel, _), made) in files.iter().zip(&made).take(associations.len()) {
        if *made {
            // A closed pipe (`| head`) is not an error; println! would panic on it.
            let _ = writeln!(std::io::stdout(), "{}", shown(&root, rel).display());
            created += 1;
        } else {
            ui.say(
                Message::new("new-skipped").arg("path", shown(&root, rel).display().to_string()),
            );
            skipped += 1;
        }
    }
    let narrative_created = made.last().copied().unwrap_or(false);
    let narrative_shown = shown(&root, &narrative).display().to_string();
    if narrative_created {
        println!("{narrative_shown}");
    } else {
        ui.say(Message::new("new-skipped").arg("path", narrative_shown.as_str()));
    }
    let note = if narrative_created {
        Message::new("new-period-narrative-draft").arg("path", narrative_shown)
    } else {
        Message::new("hint-none")
    };
    ui.say(
        Message::new("new-period-done")
            .arg("id", id.to_string())
            .count("created", created)
            .count("skipped", skipped)
            .nested("note", note),
    );
    if created > 0 {
        ui.say(Message::new("new-period-send"));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// new meeting, new awards

/// The site's configuration and its members in `year` (display order).
fn members_of(root: &Path, year: i32) -> Result<(SiteConfig, Vec<Association>), Failure> {
    require_site_file(root)?;
    let config_text =
        read_text(&root.join(CONFIG_FILE), Path::new(CONFIG_FILE)).map_err(Failure::site)?;
    let config = SiteConfig::parse(&config_text).map_err(|problems| {
        let mut all = Diagnostics::new();
        all.extend(problems);
        Failure::Site(all)
    })?;
    let members = load_associations(root, &config)?
        .into_iter()
        .filter(|a| a.member_in(year))
        .collect();
    Ok((config, members))
}

/// `# slug   Name` lines, one per member, padded so the names line up.
fn member_comments(members: &[Association], indent: &str) -> String {
    let width = members
        .iter()
        .map(|a| a.slug.as_str().len())
        .max()
        .unwrap_or(0);
    members
        .iter()
        .map(|a| {
            format!(
                "{indent}#   {:width$}  {}\n",
                a.slug.as_str(),
                comment_text(&a.name)
            )
        })
        .collect()
}

/// A meeting's skeleton: every key of SPEC Part 3, every member of the year present (the
/// secretary moves the absent ones), a draft until the minutes are complete.
fn meeting_text(title: &str, date: Date, members: &[Association]) -> String {
    let half = half_year_of(date);
    let present = members
        .iter()
        .map(|a| a.slug.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut text = String::from("---\n");
    text.push_str(&format!(
        "# Biên bản họp Khối: trang /meetings/<tên tệp>/ và tệp Word bien-ban-<tên tệp>.docx.\n\
         # Điền thông tin, ghi diễn biến hội nghị bên dưới dòng `---` thứ hai, rồi đổi\n\
         # `draft: true` thành `draft: false` để đăng.\n\
         title: {}\n\
         date: {date}                 # ngày họp, dạng NĂM-THÁNG-NGÀY\n\
         start: \"08:00\"               # giờ bắt đầu (giờ:phút, trong ngoặc kép)\n\
         end:                         # giờ kết thúc, ví dụ \"11:30\"\n\
         place:                       # địa điểm\n\
         # Kỳ báo cáo của cuộc họp (trang sơ kết, tổng kết của kỳ đó liệt kê cuộc họp):\n\
         # {y}-h1, {y}-h2 hoặc \"{y}\". Kỳ hiện tại: {half}.\n\
         period:\n\
         # Người chủ trì và thư ký: họ tên và chức vụ, ví dụ\n\
         #   chair: {{ name: Nguyễn Văn A, position: Chủ tịch Hội Luật gia tỉnh }}\n\
         chair:\n\
         secretary:\n\
         # Các đơn vị có mặt (tên thư mục). Đơn vị vắng mặt: xoá khỏi danh sách này và ghi vào\n\
         # absent kèm lý do. Mọi thành viên Khối năm {y} phải có tên ở một trong hai nơi.\n",
        yaml_scalar(title),
        y = date.year(),
    ));
    text.push_str(&member_comments(members, ""));
    text.push_str(&format!(
        "present: [{present}]\n\
         absent: {{}}                   # ví dụ: absent: {{ ten-hoi: Bận công tác }}\n\
         guests: []                   # khách mời, ví dụ: [Đại diện Ban Thi đua - Khen thưởng tỉnh]\n\
         # Kết quả biểu quyết: số phiếu tán thành, không tán thành, không biểu quyết (tổng số\n\
         # phiếu không quá số đơn vị có mặt). Ví dụ:\n\
         #   - {{ subject: Đề nghị tặng Cờ thi đua cho …, agree: 7, disagree: 0, abstain: 1 }}\n\
         votes: []\n\
         # Nội dung nào chưa có trong tài liệu gốc (giờ họp, biểu quyết…) thì đánh dấu là mẫu:\n\
         # extra: {{ sample: [start, end, votes] }}\n\
         draft: true\n\
         ---\n\
         Diễn biến hội nghị: các báo cáo được trình bày, ý kiến thảo luận, kết luận của chủ trì.\n"
    ));
    text
}

fn meeting(args: NewMeetingArgs, ui: Ui) -> Result<(), Failure> {
    let root = args.root.root;
    let (title, base) = titled(&args.title)?;
    let date = vietnam_today();
    let (_, members) = members_of(&root, i32::from(date.year()))?;
    let text = meeting_text(title, date, &members);
    let folder = Path::new("content").join("meetings");
    for n in 1..=1000 {
        let slug = if n == 1 {
            base.clone()
        } else {
            base.with_suffix(n)
        };
        let rel = folder.join(format!("{slug}.md"));
        if create_new_file(&root.join(&rel), text.as_bytes())? {
            // A closed pipe (`| head`) is not an error; println! would panic on it.
            let _ = writeln!(std::io::stdout(), "{}", shown(&root, &rel).display());
            ui.say(Message::new("new-meeting-created").arg("slug", slug.as_str()));
            return Ok(());
        }
    }
    Err(Failure::Io(
        Message::new("new-news-too-many")
            .arg("base", base.as_str())
            .arg("folder", folder.display().to_string()),
    ))
}

/// The year's awards proposal skeleton, with the members to choose from in comments.
fn awards_text(year: i32, members: &[Association]) -> String {
    let mut text = format!(
        "# Đề nghị khen thưởng năm {year} (tờ trình gửi Hội đồng Thi đua - Khen thưởng tỉnh):\n\
         # trang /awards/{year}/, tệp Word to-trinh-{year}.docx (kèm danh sách) và tệp Excel.\n\
         # Danh hiệu đã ghi ở awards: trong tệp chấm điểm của năm được tính luôn, không ghi lại ở đây.\n\
         number:            # số của tờ trình, ví dụ 02/TTr-KTĐ (để trống: văn thư điền)\n\
         date:              # ngày ký tờ trình, dạng NĂM-THÁNG-NGÀY, ví dụ {next}-01-05\n\
         to: Hội đồng Thi đua - Khen thưởng tỉnh   # kính gửi\n\
         # Chỉ tiêu khen thưởng (không bắt buộc): số đề nghị nhiều nhất của mỗi hình thức trong năm,\n\
         # tính cả tập thể và cá nhân, cả trong tệp chấm điểm. Ví dụ:\n\
         # limits: {{ \"Bằng khen của Chủ tịch UBND tỉnh\": 2 }}\n\
         limits: {{}}\n\
         # Tập thể được đề nghị (ngoài danh hiệu trong tệp chấm điểm). Cờ thi đua chỉ dành cho đơn vị\n\
         # xếp thứ nhất (một mình) trong bảng điểm của năm. Ví dụ:\n\
         #   - {{ member: ten-hoi, award: Bằng khen của Chủ tịch UBND tỉnh, achievement: \"…\" }}\n\
         # Các đơn vị thành viên năm {year}:\n",
        next = year + 1,
    );
    text.push_str(&member_comments(members, ""));
    text.push_str(
        "collectives: []\n\
         # Cá nhân được đề nghị: họ tên, chức vụ, đơn vị (tên thư mục), hình thức, thành tích. Ví dụ:\n\
         #   - { name: Nguyễn Thị B, position: Phó Chủ tịch, member: ten-hoi,\n\
         #       award: Bằng khen của Chủ tịch UBND tỉnh, achievement: \"…\" }\n\
         # Khi đã có quyết định khen thưởng, thêm: status: granted, decision: Quyết định số …\n\
         individuals: []\n",
    );
    text
}

fn awards(args: NewAwardsArgs, ui: Ui) -> Result<(), Failure> {
    let root = args.root.root;
    let year_text = args.year.trim();
    let year: i32 = match year_text.parse() {
        Ok(year) if blocpress::config::is_year(year_text) => year,
        _ => {
            return Err(Failure::Usage(
                Message::new("new-awards-bad-year").arg("year", year_text),
            ));
        }
    };
    let (_, members) = members_of(&root, year)?;
    let rel = Path::new("content")
        .join("awards")
        .join(format!("{year}.yaml"));
    if create_new_file(&root.join(&rel), awards_text(year, &members).as_bytes())? {
        let _ = writeln!(std::io::stdout(), "{}", shown(&root, &rel).display());
        ui.say(Message::new("new-awards-created").arg("year", year.to_string()));
    } else {
        ui.say(Message::new("new-skipped").arg("path", shown(&root, &rel).display().to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_years() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(half_year_of(d(2026, 6, 30)).to_string(), "2026-h1");
        assert_eq!(half_year_of(d(2026, 7, 1)).to_string(), "2026-h2");
    }

    #[test]
    fn stems() {
        assert_eq!(stem_without_date("2013-06-21-so-ket"), "so-ket");
        assert_eq!(stem_without_date("so-ket"), "so-ket");
    }

    #[test]
    fn scalars_are_quoted_only_when_needed() {
        assert_eq!(yaml_scalar("Đại hội Hội Luật gia"), "Đại hội Hội Luật gia");
        let quoted = yaml_scalar("Hội nghị: sơ kết # 1");
        let back: String = serde_yaml::from_str(&quoted).unwrap();
        assert_eq!(back, "Hội nghị: sơ kết # 1");
        let back: String = serde_yaml::from_str(&yaml_scalar("2013")).unwrap();
        assert_eq!(back, "2013");
    }
}
