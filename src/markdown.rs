//! Markdown → HTML with pulldown-cmark and blocpress's extensions: heading ids, a titled lone
//! image as `<figure>`, `@/` links to other content, root-relative links under the site's
//! sub-path, footnote ids that cannot collide with headings, and raw HTML neutralised unless the
//! site opts in. Each stage function takes the loaded site and fills in the rendered HTML.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};
use rayon::prelude::*;

use crate::content::news::url_scheme;
use crate::diagnostics::Diagnostic;
use crate::model::Markdown;
use crate::model::Site;
use crate::slug::slugify;

/// What rendering needs to know about the site.
pub struct MarkdownContext<'a> {
    /// `news/2013/x.md` → `/khoi/news/x/`: every page a `@/` link may point to.
    pub links: &'a HashMap<String, String>,
    /// Prefix for root-relative links (`/khoi/`).
    pub base_path: &'a str,
    pub unsafe_html: bool,
    /// The processed images and the site's files: images become `<picture>`, and a link or
    /// image to a file of the site that does not exist is an error. `None`: neither.
    pub images: Option<&'a crate::model::images::ImageCatalog>,
}

/// A problem at a 1-based line of the rendered text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    /// 1-based column in characters, 0 when unknown.
    pub column: usize,
    /// A catalogue message whose id is a code (its letter says error or warning).
    pub message: crate::messages::Message,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// The plain text of the first paragraph, for summaries.
    pub first_paragraph: Option<String>,
    pub problems: Vec<Problem>,
}

fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 8);
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Lines and columns of offsets in a text, for problems; the line starts are found the first
/// time a problem needs them (most texts have none).
struct LineIndex<'t> {
    text: &'t str,
    starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str) -> Self {
        LineIndex {
            text,
            starts: std::cell::OnceCell::new(),
        }
    }

    fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
            starts
        })
    }

    fn line(&self, offset: usize) -> usize {
        self.starts().partition_point(|&s| s <= offset)
    }

    /// The 1-based column of `offset` in characters (`Ảnh` is one column, not three bytes).
    fn column(&self, offset: usize) -> usize {
        let start = self.starts()[self.line(offset).saturating_sub(1)];
        self.text
            .get(start..offset)
            .map_or(0, |before| before.chars().count() + 1)
    }
}

struct Renderer<'c> {
    context: &'c MarkdownContext<'c>,
    lines: LineIndex<'c>,
    problems: Vec<Problem>,
    heading_ids: HashMap<String, usize>,
    /// Whether the first image of this text is the first a reader sees (not lazily loaded).
    eager_first: bool,
    images_shown: usize,
    /// The file the text is in (`content/news/2013/x.md`), when relative paths in it name files
    /// next to it ([`crate::content::colocated`]).
    source: Option<&'c Path>,
    /// Whether [`Rendered::first_paragraph`] is wanted (a news item with its own summary does
    /// not need it, and gathering it was about 1 % of a 10,000-news build).
    wants_first_paragraph: bool,
}

/// E400 for a link or image to `url`, a file that is not there: it says the folder the path
/// names (`/images/2026/a.jpg` → `static/images/2026/`; a file next to the text → its folder
/// under `content/`), so the editor copies the file where the link looks for it.
fn missing_file(url: &str, path: &str) -> crate::messages::Message {
    let folder = match path.rsplit_once('/') {
        Some((dir, _)) if path.starts_with("content/") => format!("{dir}/"),
        Some((dir, _)) => format!("static/{dir}/"),
        None if path.starts_with("content/") => "content/".to_string(),
        None => "static/".to_string(),
    };
    crate::messages::Message::new("E400")
        .arg("target", url)
        .arg("folder", folder)
}

impl Renderer<'_> {
    fn problem(&mut self, offset: usize, message: crate::messages::Message) {
        self.problems.push(Problem {
            line: self.lines.line(offset),
            column: self.lines.column(offset),
            message,
        });
    }

    /// A root-relative link or image to a file of the site that does not exist: an error.
    fn check_site_file(&mut self, url: &str, offset: usize) {
        let Some(images) = self.context.images else {
            return;
        };
        // A refused image is reported once, where it is, not again at each link to it.
        if let Some(path) = crate::urls::site_file_target(url, self.context.base_path)
            && !images.files.contains(&path)
            && !images.refused.contains(&path)
        {
            self.problem(offset, missing_file(url, &path));
        }
    }

    /// A relative path to a file next to the text: the published path under `content/`
    /// (`news/2013/anh/x.jpg`), `Err` with the problem when the file is not published.
    fn colocated(&self, url: &str) -> Option<Result<String, crate::messages::Message>> {
        let (source, images) = (self.source?, self.context.images?);
        if !crate::content::colocated::is_reference(url) {
            return None;
        }
        Some(match crate::content::colocated::resolve(source, url) {
            // A refused image is reported once, where it is: the link stays as it would be.
            Some(dest) if images.files.contains(&dest) || images.refused.contains(&dest) => {
                Ok(dest)
            }
            Some(dest) if !images.outside.contains(&dest) => {
                Err(missing_file(url, &format!("content/{dest}")))
            }
            _ => Err(crate::messages::Message::new("E410").arg("target", url)),
        })
    }

    /// An image: `<picture>` with its variants when the pipeline published it, else `<img>`.
    fn image_html(&mut self, dest_url: &CowStr, alt: &str, offset: usize, sizes: &str) -> String {
        let eager = self.eager_first && self.images_shown == 0;
        self.images_shown += 1;
        let published = match self.colocated(dest_url) {
            Some(Ok(dest)) => self.context.images.and_then(|i| i.images.get(&dest)),
            Some(Err(_)) => None,
            None => self
                .context
                .images
                .and_then(|i| i.get(dest_url, self.context.base_path)),
        };
        if let Some(image) = published {
            return crate::images::html::picture(
                image,
                self.context.base_path,
                &crate::images::html::Show {
                    alt,
                    sizes,
                    eager,
                    class: None,
                },
            );
        }
        let src = self.url(dest_url.clone(), offset);
        let mut href = String::new();
        let _ = pulldown_cmark_escape::escape_href(&mut href, &src);
        // escape_href already escapes `&` and `'` and percent-encodes `"` and `<`: escaping
        // again turned `?a=1&b=2` into `&amp;amp;`.
        format!(
            "<img src=\"{href}\" alt=\"{}\"{}>",
            escape(alt),
            if eager { "" } else { " loading=\"lazy\"" }
        )
    }

    /// Resolves `@/` links and root-relative paths; neutralises dangerous schemes.
    fn url<'a>(&mut self, url: CowStr<'a>, offset: usize) -> CowStr<'a> {
        if let Some(rest) = url.strip_prefix("@/") {
            let (path, anchor) = match rest.split_once('#') {
                Some((path, anchor)) => (path, Some(anchor)),
                None => (rest, None),
            };
            return match self.context.links.get(path) {
                Some(target) if target != DRAFT => match anchor {
                    Some(anchor) => format!("{target}#{anchor}").into(),
                    None => target.clone().into(),
                },
                Some(_) | None => {
                    let code = if self.context.links.get(path).map(String::as_str) == Some(DRAFT) {
                        "E121"
                    } else {
                        "E120"
                    };
                    self.problem(
                        offset,
                        crate::messages::Message::new(code).arg("path", format!("@/{path}")),
                    );
                    CowStr::Borrowed("#")
                }
            };
        }
        match self.colocated(&url) {
            Some(Ok(dest)) => {
                return format!(
                    "{}{}",
                    crate::images::html::url(self.context.base_path, &dest),
                    crate::content::colocated::suffix(&url)
                )
                .into();
            }
            Some(Err(message)) => {
                self.problem(offset, message);
                return CowStr::Borrowed("#");
            }
            None => {}
        }
        self.check_site_file(&url, offset);
        if url.starts_with('/') && !url.starts_with("//") && self.context.base_path != "/" {
            return format!("{}{}", self.context.base_path, &url[1..]).into();
        }
        if !self.context.unsafe_html
            && let Some(scheme) = url_scheme(&url)
            && !["http", "https", "mailto", "tel"].contains(&scheme.as_str())
        {
            self.problem(
                offset,
                crate::messages::Message::new("W010").arg("scheme", scheme),
            );
            return CowStr::Borrowed("#");
        }
        url
    }

    fn unique_heading_id(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "muc" } else { wanted };
        let count = self.heading_ids.entry(base.to_string()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base.to_string()
        } else {
            let id = format!("{base}-{}", *count - 1);
            self.heading_ids.insert(id.clone(), 1);
            id
        }
    }

    /// The plain text of events (for alt text, heading ids and summaries).
    fn plain_text(events: &[(Event, std::ops::Range<usize>)]) -> String {
        let mut text = String::new();
        for (event, _) in events {
            match event {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        text
    }

    /// A paragraph holding only a titled image (and whitespace) becomes a figure.
    fn lone_titled_image(events: &[(Event, std::ops::Range<usize>)]) -> Option<usize> {
        let mut i = 0;
        let blank = |e: &Event| {
            matches!(e, Event::Text(t) if t.trim().is_empty()) || matches!(e, Event::SoftBreak)
        };
        while i < events.len() && blank(&events[i].0) {
            i += 1;
        }
        match events.get(i) {
            Some((Event::Start(Tag::Image { title, .. }), _)) if !title.trim().is_empty() => {}
            _ => return None,
        }
        let start = i;
        let mut depth = 0;
        while i < events.len() {
            match &events[i].0 {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if i >= events.len() || !events[i + 1..].iter().all(|(e, _)| blank(e)) {
            return None;
        }
        Some(start)
    }

    /// A paragraph of two or more images and nothing else (one per line, or side by side):
    /// the index of each image's start event.
    fn gallery_images(events: &[(Event, std::ops::Range<usize>)]) -> Option<Vec<usize>> {
        let mut starts = Vec::new();
        let mut i = 0;
        while i < events.len() {
            match &events[i].0 {
                Event::Start(Tag::Image { .. }) => {
                    starts.push(i);
                    i = find_end(events, i) + 1;
                    continue;
                }
                Event::Text(t) if t.trim().is_empty() => {}
                Event::SoftBreak | Event::HardBreak => {}
                _ => return None,
            }
            i += 1;
        }
        (starts.len() >= 2).then_some(starts)
    }

    /// A row of photos, each with its caption (the title, else the alt text): no JavaScript.
    fn gallery(&mut self, events: &[(Event, std::ops::Range<usize>)], starts: &[usize]) -> String {
        let mut out = String::from("<div class=\"gallery\">\n");
        for &start in starts {
            let end = find_end(events, start);
            let (
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }),
                range,
            ) = &events[start]
            else {
                continue;
            };
            let alt = Self::plain_text(&events[start + 1..end]);
            let image = self.image_html(
                dest_url,
                &alt,
                range.start,
                crate::images::html::GALLERY_SIZES,
            );
            let caption = if title.trim().is_empty() {
                alt.trim()
            } else {
                title.trim()
            };
            out.push_str("<figure>");
            out.push_str(&image);
            if !caption.is_empty() {
                let _ = write!(out, "<figcaption>{}</figcaption>", escape(caption));
            }
            out.push_str("</figure>\n");
        }
        out.push_str("</div>\n");
        out
    }

    fn figure(&mut self, events: &[(Event, std::ops::Range<usize>)], image_at: usize) -> String {
        let (
            Event::Start(Tag::Image {
                dest_url, title, ..
            }),
            range,
        ) = &events[image_at]
        else {
            return String::new();
        };
        let end = events.len()
            - events
                .iter()
                .rev()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Image)))
                .unwrap_or(0)
            - 1;
        let alt = Self::plain_text(&events[image_at + 1..end]);
        let image = self.image_html(
            dest_url,
            &alt,
            range.start,
            crate::images::html::CONTENT_SIZES,
        );
        let mut out = String::new();
        let _ = write!(
            out,
            "<figure>\n{image}\n<figcaption>{}</figcaption>\n</figure>\n",
            escape(title)
        );
        out
    }

    fn render(&mut self, text: &str) -> Rendered {
        let events: Vec<(Event, std::ops::Range<usize>)> =
            Parser::new_ext(text, crate::content::markdown_options())
                .into_offset_iter()
                .collect();
        let mut out: Vec<Event> = Vec::with_capacity(events.len() + 8);
        let mut first_paragraph = None;
        let mut depth = 0usize;
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let end = find_end(&events, i);
                    let inner = &events[i + 1..end];
                    let wanted = match id {
                        Some(id) => id.to_string(),
                        None => slugify(&Self::plain_text(inner)),
                    };
                    let id = self.unique_heading_id(&wanted);
                    out.push(Event::Start(Tag::Heading {
                        level: demote(*level),
                        id: Some(id.into()),
                        classes: classes.clone(),
                        // `# T {onclick=alert(1)}` would be an event handler: custom
                        // attributes are raw HTML, kept only when the site allows it.
                        attrs: if self.context.unsafe_html {
                            attrs.clone()
                        } else {
                            Vec::new()
                        },
                    }));
                    for (event, range) in inner {
                        out.push(self.inline(event.clone(), range.start));
                    }
                    out.push(Event::End(TagEnd::Heading(demote(*level))));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Paragraph) => {
                    let end = find_end(&events, i);
                    let inner = &events[i + 1..end];
                    if let Some(starts) = Self::gallery_images(inner) {
                        let gallery = self.gallery(inner, &starts);
                        out.push(Event::Html(gallery.into()));
                        i = end + 1;
                        continue;
                    }
                    if let Some(image_at) = Self::lone_titled_image(inner) {
                        let figure = self.figure(inner, image_at);
                        out.push(Event::Html(figure.into()));
                        i = end + 1;
                        continue;
                    }
                    if self.wants_first_paragraph && depth == 0 && first_paragraph.is_none() {
                        let text = Self::plain_text(inner);
                        if !text.trim().is_empty() {
                            first_paragraph = Some(crate::hygiene::collapse_whitespace(&text));
                        }
                    }
                    out.push(event.clone());
                }
                Event::Start(Tag::Image { dest_url, .. }) => {
                    let end = find_end(&events, i);
                    let alt = Self::plain_text(&events[i + 1..end]);
                    let html = self.image_html(
                        dest_url,
                        &alt,
                        range.start,
                        crate::images::html::CONTENT_SIZES,
                    );
                    out.push(Event::InlineHtml(html.into()));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Table(_)) => {
                    out.push(Event::Html(CowStr::Borrowed(
                        "<div class=\"table-wrap\" tabindex=\"0\">",
                    )));
                    out.push(event.clone());
                }
                Event::End(TagEnd::Table) => {
                    out.push(event.clone());
                    out.push(Event::Html(CowStr::Borrowed("</div>\n")));
                }
                Event::Start(
                    Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_) | Tag::Item,
                ) => {
                    depth += 1;
                    out.push(self.inline(event.clone(), range.start));
                }
                Event::End(
                    TagEnd::BlockQuote(_)
                    | TagEnd::List(_)
                    | TagEnd::FootnoteDefinition
                    | TagEnd::Item,
                ) => {
                    depth = depth.saturating_sub(1);
                    out.push(event.clone());
                }
                _ => out.push(self.inline(event.clone(), range.start)),
            }
            i += 1;
        }
        let mut html_out = String::with_capacity(text.len() * 3 / 2);
        html::push_html(&mut html_out, out.into_iter());
        // A character reference decodes to the character (`&#11;` is U+000B), which XML
        // forbids in a feed: the raw characters were replaced when the file was read, these
        // are replaced the same way here.
        Rendered {
            html: without_forbidden(html_out),
            first_paragraph: first_paragraph.map(without_forbidden),
            problems: std::mem::take(&mut self.problems),
        }
    }

    /// Per-event rewrites that need no look-ahead.
    fn inline<'a>(&mut self, event: Event<'a>, offset: usize) -> Event<'a> {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.url(dest_url, offset),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: self.url(dest_url, offset),
                title,
                id,
            }),
            Event::Html(raw) | Event::InlineHtml(raw) if !self.context.unsafe_html => {
                Event::Text(raw)
            }
            Event::FootnoteReference(label) => {
                Event::FootnoteReference(format!("fn-{label}").into())
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                Event::Start(Tag::FootnoteDefinition(format!("fn-{label}").into()))
            }
            other => other,
        }
    }
}

/// `text` with the characters XML forbids replaced ([`crate::hygiene::replace_forbidden`]).
fn without_forbidden(text: String) -> String {
    match crate::hygiene::replace_forbidden(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

/// Headings in content start at `<h2>`: the page's own title is the `<h1>`.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        other => other,
    }
}

/// Index of the event closing the one opened at `start`.
fn find_end(events: &[(Event, std::ops::Range<usize>)], start: usize) -> usize {
    let mut depth = 0;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// Renders one Markdown text; its images load lazily.
pub fn render(text: &str, context: &MarkdownContext) -> Rendered {
    render_with(text, context, false)
}

/// Renders one Markdown text; with `eager_first`, its first image is the first a reader sees
/// on the page (a body without a lead image) and is not loaded lazily.
pub fn render_with(text: &str, context: &MarkdownContext, eager_first: bool) -> Rendered {
    render_beside(text, context, eager_first, None)
}

/// [`render_with`] for the text of the file `source` (relative to the site root): relative
/// paths in it name files next to it.
pub fn render_beside(
    text: &str,
    context: &MarkdownContext,
    eager_first: bool,
    source: Option<&Path>,
) -> Rendered {
    render_text(text, context, eager_first, source, true)
}

/// [`render_beside`], gathering [`Rendered::first_paragraph`] only when `wants_first_paragraph`.
fn render_text(
    text: &str,
    context: &MarkdownContext,
    eager_first: bool,
    source: Option<&Path>,
    wants_first_paragraph: bool,
) -> Rendered {
    let mut renderer = Renderer {
        context,
        lines: LineIndex::new(text),
        problems: Vec::new(),
        heading_ids: HashMap::new(),
        eager_first,
        images_shown: 0,
        source,
        wants_first_paragraph,
    };
    renderer.render(text)
}

/// Renders a short Markdown text (a summary, a highlight) inline: without the surrounding
/// `<p>` when it is a single paragraph.
pub fn render_inline(text: &str, context: &MarkdownContext) -> Rendered {
    let mut rendered = render(text, context);
    let trimmed = rendered.html.trim_end();
    if let Some(inner) = trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        && !inner.contains("<p>")
    {
        rendered.html = inner.to_string();
    }
    rendered
}

/// The target of an `@/` link to a draft: the link is reported as such (E121), not as missing.
pub const DRAFT: &str = "\u{0}draft";

/// `@/` targets of a site: every published news item, page and period narrative (drafts
/// left out of the build map to [`DRAFT`]).
pub fn link_targets(site: &Site) -> HashMap<String, String> {
    let config = &site.config;
    let mut links = HashMap::new();
    for source in &site.drafts {
        links.insert(crate::content::content_path(source), DRAFT.to_string());
    }
    // Made on every thread: a large site has tens of thousands of news items.
    let news: Vec<(String, String)> = site
        .news
        .par_iter()
        .map(|item| {
            (
                crate::content::content_path(&item.source),
                config.path_url(&crate::urls::news(&item.slug)),
            )
        })
        .collect();
    links.reserve(news.len());
    links.extend(news);
    for page in &site.pages {
        links.insert(
            crate::content::content_path(&page.source),
            config.path_url(&crate::urls::page(&page.slug)),
        );
    }
    for period in site.periods.values() {
        if let Some(source) = &period.source {
            links.insert(
                crate::content::content_path(source),
                config.path_url(&crate::urls::report(period.id)),
            );
        }
    }
    for association in &site.associations {
        links.insert(
            crate::content::content_path(&association.source),
            config.path_url(&crate::urls::association(&association.slug)),
        );
    }
    for scoring in site.scorings.values() {
        links.insert(
            crate::content::content_path(&scoring.source),
            config.path_url(&crate::urls::scoring(scoring.period)),
        );
    }
    links
}

/// The Markdown stage: renders every Markdown field of the site, in parallel, and fills in news
/// summaries from first paragraphs. Returns the problems found, with file and line.
pub fn render_site(site: &mut Site) -> Vec<Diagnostic> {
    render_site_except(site, &HashSet::new())
}

/// [`render_site`], treating links to the content paths in `failed` (files that could not be
/// loaded, already reported) as resolved.
pub fn render_site_except(site: &mut Site, failed: &HashSet<String>) -> Vec<Diagnostic> {
    let mut links = link_targets(site);
    for path in failed {
        links
            .entry(path.clone())
            .or_insert_with(|| String::from("#"));
    }
    let context = MarkdownContext {
        links: &links,
        base_path: &site.config.base_path,
        unsafe_html: site.config.markdown.unsafe_html,
        images: Some(&site.images),
    };
    let context = &context;

    // Pieces of at most 16 news, so both threads finish together (see `content::load`).
    let mut problems: Vec<Diagnostic> = site
        .news
        .par_iter_mut()
        .with_max_len(16)
        .flat_map_iter(|item| render_news_body(item, context))
        .collect();
    for page in &mut site.pages {
        problems.extend(render_body(&mut page.body, &page.source, context));
    }
    for document in &mut site.documents {
        problems.extend(render_body(&mut document.body, &document.source, context));
    }
    for meeting in &mut site.meetings {
        problems.extend(render_body(&mut meeting.body, &meeting.source, context));
    }
    for (source, body) in &mut site.failed_bodies {
        problems.extend(render_body(body, source, context));
    }
    for period in site.periods.values_mut() {
        if let (Some(narrative), Some(source)) = (&mut period.narrative, &period.source) {
            problems.extend(render_narrative(narrative, source, context));
        }
        if let Some(source) = &period.source {
            for item in &mut period.plans {
                problems.extend(render_field(item, source, context, true));
            }
            for section in [&mut period.assessment, &mut period.recommendations]
                .into_iter()
                .flatten()
            {
                problems.extend(render_field(section, source, context, false));
            }
        }
    }
    for registration in site.registrations.values_mut() {
        let source = registration.source.clone();
        for item in registration.commitments.values_mut().flatten() {
            problems.extend(render_field(item, &source, context, true));
        }
    }
    let association_problems: Vec<Vec<Diagnostic>> = site
        .associations
        .par_iter_mut()
        .map(|association| {
            let mut problems = Vec::new();
            if let Some(description) = &mut association.description {
                problems.extend(render_field(
                    description,
                    &association.source,
                    context,
                    false,
                ));
            }
            for achievement in association.achievements.values_mut() {
                let source = achievement.source.clone();
                if let Some(summary) = &mut achievement.summary {
                    problems.extend(render_field(summary, &source, context, false));
                }
                for item in achievement
                    .highlights
                    .iter_mut()
                    .chain(achievement.plans.iter_mut())
                {
                    problems.extend(render_field(item, &source, context, true));
                }
            }
            problems
        })
        .collect();
    problems.extend(association_problems.into_iter().flatten());
    problems
}

/// Renders one news item's body, fills in its summary from the first paragraph when the front
/// matter has none, and returns the problems at their lines in the file.
pub fn render_news_body(
    item: &mut crate::model::NewsItem,
    context: &MarkdownContext,
) -> Vec<Diagnostic> {
    // The Markdown is not needed once rendered: dropping it keeps a large site's memory down.
    let source = std::mem::take(&mut item.body.source);
    let rendered = render_text(
        &source,
        context,
        item.image.is_none(),
        Some(item.source.as_path()),
        item.summary.is_none(),
    );
    item.body.html = rendered.html;
    if item.summary.is_none() {
        item.summary = rendered.first_paragraph;
    }
    located(&item.source, item.body.line, rendered.problems)
}

/// Renders a Markdown field of a data file (a description, a summary, a highlight, a period's
/// narrative). Problems are reported at the line where the field starts.
pub fn render_field(
    field: &mut Markdown,
    source: &Path,
    context: &MarkdownContext,
    inline: bool,
) -> Vec<Diagnostic> {
    let rendered = if inline {
        render_inline(&field.source, context)
    } else {
        render(&field.source, context)
    };
    field.html = rendered.html;
    let problems = rendered
        .problems
        .into_iter()
        .map(|p| Problem {
            line: 1,
            column: 0,
            ..p
        })
        .collect();
    located(source, field.line, problems)
}

/// Renders a period's narrative (the body of `content/periods/<id>.md`): relative paths name
/// files next to it.
pub fn render_narrative(
    field: &mut Markdown,
    source: &Path,
    context: &MarkdownContext,
) -> Vec<Diagnostic> {
    let rendered = render_beside(&field.source, context, false, Some(source));
    field.html = rendered.html;
    located(source, field.line, rendered.problems)
}

/// Renders a Markdown body (a page's, a document's notes): problems at their lines in the file.
pub fn render_body(
    body: &mut Markdown,
    source: &Path,
    context: &MarkdownContext,
) -> Vec<Diagnostic> {
    let rendered = render_beside(&body.source, context, true, Some(source));
    body.html = rendered.html;
    located(source, body.line, rendered.problems)
}

fn located(source: &Path, first_line: usize, problems: Vec<Problem>) -> Vec<Diagnostic> {
    problems
        .into_iter()
        .map(|p| {
            let d = Diagnostic::from_message(source, p.message);
            if first_line > 0 {
                d.at(first_line + p.line - 1, p.column)
            } else {
                d
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html_with(text: &str, base_path: &str, unsafe_html: bool) -> Rendered {
        let links = HashMap::from([(
            "pages/gioi-thieu.md".to_string(),
            format!("{base_path}gioi-thieu/"),
        )]);
        render(
            text,
            &MarkdownContext {
                links: &links,
                base_path,
                unsafe_html,
                images: None,
            },
        )
    }

    fn html(text: &str) -> String {
        html_with(text, "/", false).html
    }

    #[test]
    fn extensions_are_on() {
        let out =
            html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~\n\n- [x] done\n\nA[^1]\n\n[^1]: note\n");
        assert!(
            out.contains("<table>") && out.contains("<div class=\"table-wrap\" tabindex=\"0\">"),
            "{out}"
        );
        assert!(out.contains("<del>x</del>"), "{out}");
        assert!(out.contains("type=\"checkbox\""), "{out}");
        assert!(
            out.contains("href=\"#fn-1\"") && out.contains("id=\"fn-1\""),
            "{out}"
        );
    }

    #[test]
    fn headings_get_unique_vietnamese_ids_and_start_at_h2() {
        let out = html("# Kết quả\n\n## Kết quả\n\n## Đại hội {#dh}\n");
        assert!(out.contains("<h2 id=\"ket-qua\">Kết quả</h2>"), "{out}");
        assert!(out.contains("<h2 id=\"ket-qua-1\">"), "{out}");
        assert!(out.contains("<h2 id=\"dh\">"), "{out}");
    }

    #[test]
    fn lone_titled_image_is_a_figure() {
        let out = html(
            "![Quang cảnh](/img/a.png \"Quang cảnh Hội nghị\")\n\nText ![x](b.png \"t\") more\n",
        );
        assert!(
            out.contains("<figure>\n<img src=\"/img/a.png\" alt=\"Quang cảnh\" loading=\"lazy\">\n<figcaption>Quang cảnh Hội nghị</figcaption>\n</figure>"),
            "{out}"
        );
        assert_eq!(
            out.matches("<figure>").count(),
            1,
            "an image inside text stays inline: {out}"
        );
        assert!(
            !html("![a](b.png)\n").contains("<figure>"),
            "untitled images stay images"
        );
        let out = html("![a](/x.png?w=1&h=2 \"t\")\n");
        assert!(out.contains("src=\"/x.png?w=1&amp;h=2\""), "{out}");
        let out = html("![a](</x\".png> \"t\")\n");
        assert!(out.contains("src=\"/x%22.png\""), "{out}");
    }

    #[test]
    fn at_links_resolve_or_fail_with_a_line() {
        let r = html_with(
            "x\n\n[about](@/pages/gioi-thieu.md#top) [gone](@/news/none.md)\n",
            "/khoi/",
            false,
        );
        assert!(
            r.html.contains("href=\"/khoi/gioi-thieu/#top\""),
            "{}",
            r.html
        );
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, 3);
        assert_eq!(r.problems[0].message.id, "E120");
    }

    #[test]
    fn root_relative_links_follow_the_sub_path() {
        let r = html_with(
            "[a](/news/) ![i](/images/x.png) [b](//cdn.x/y) [c](rel/)\n",
            "/khoi/",
            false,
        );
        assert!(r.html.contains("href=\"/khoi/news/\""), "{}", r.html);
        assert!(r.html.contains("src=\"/khoi/images/x.png\""), "{}", r.html);
        assert!(
            r.html.contains("href=\"//cdn.x/y\"") && r.html.contains("href=\"rel/\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn raw_html_and_script_urls_are_neutralised_by_default() {
        let r = html_with(
            "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](JaVa\tScRiPt:alert(1))\n",
            "/",
            false,
        );
        assert!(
            !r.html.contains("<script>") && r.html.contains("&lt;script&gt;"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<img src=x"), "{}", r.html);
        assert!(!r.html.to_lowercase().contains("javascript:"), "{}", r.html);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        let allowed = html_with("<b>bold</b>\n", "/", true);
        assert!(allowed.html.contains("<b>bold</b>"));
    }

    #[test]
    fn first_paragraph_is_the_summary() {
        let r = html_with(
            "## Title\n\n> quote\n\nFirst **real**\nparagraph.\n\nSecond.\n",
            "/",
            false,
        );
        assert_eq!(r.first_paragraph.as_deref(), Some("First real paragraph."));
    }

    /// A news item without a summary gets its first paragraph, white space collapsed; one with
    /// a summary keeps it, and its body renders the same either way.
    #[test]
    fn a_news_summary_comes_from_the_front_matter_or_else_the_first_paragraph() {
        let path = crate::content::SourcePath {
            abs: std::path::PathBuf::from("/site/content/news/a.md"),
            rel: std::path::PathBuf::from("content/news/a.md"),
        };
        let body = "## Tiêu đề\n\nĐoạn   đầu,\u{a0}có **chữ đậm**\nvà xuống dòng.\n\nĐoạn hai.\n";
        let parse = |front: &str| {
            let text = format!("---\ntitle: Tin\ndate: 2024-03-01\n{front}---\n{body}");
            crate::content::news::parse(&path, &text, &HashSet::new()).expect("valid news")
        };
        let links = HashMap::new();
        let context = MarkdownContext {
            links: &links,
            base_path: "/",
            unsafe_html: false,
            images: None,
        };
        let mut without = parse("");
        let mut with = parse("summary: Tóm tắt riêng\n");
        assert!(render_news_body(&mut without, &context).is_empty());
        assert!(render_news_body(&mut with, &context).is_empty());
        assert_eq!(
            without.summary.as_deref(),
            Some("Đoạn đầu, có chữ đậm và xuống dòng.")
        );
        assert_eq!(with.summary.as_deref(), Some("Tóm tắt riêng"));
        assert_eq!(without.body.html, with.body.html);
    }

    #[test]
    fn heading_attributes_cannot_add_event_handlers() {
        let out = html("# T {#t .c onclick=alert(1) data-x=y}\n");
        assert!(out.contains("<h2 id=\"t\" class=\"c\">T</h2>"), "{out}");
        let allowed = html_with("# T {onclick=x}\n", "/", true);
        assert!(allowed.html.contains("onclick"), "{}", allowed.html);
    }

    #[test]
    fn attributes_are_escaped() {
        let out = html("![a\"b](x.png \"t<script>\")\n\n```\"><script>\ncode\n```\n");
        assert!(!out.contains("<script>"), "{out}");
    }
}
