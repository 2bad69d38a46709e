//! The template stage: Tera set up with the built-in theme and the site's overrides, the
//! site-wide context, and one render job per output file. Jobs are independent, so they run in
//! parallel and `serve` can re-run only those a change touches.

pub mod budget;
pub mod cells;
pub mod charts;
pub mod data;
pub mod figures;
pub mod filters;
pub mod office;
pub mod readers;
pub mod registration;
pub mod search;
pub mod views;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::diagnostics::{Diagnostic, display_path};
use crate::model::{Site, StaticOrigin};
use crate::output::Output;
use crate::period::PeriodId;
use crate::theme;
use views::{Translations, Views};

/// One output file to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    Home,
    /// 1-based page of the news list.
    NewsList(usize),
    News(usize),
    Tags,
    Tag(usize, usize),
    Page(usize),
    Associations,
    Association(usize),
    Reports,
    Report(PeriodId),
    ReportJson(PeriodId),
    ReportCsv(PeriodId),
    ScoringIndex,
    Scoring(PeriodId),
    /// `registrations/<year>/`
    Registration(i32),
    // Downloads for offices (render/office): Word documents and spreadsheets.
    ReportDocx(PeriodId),
    ReportXlsx(PeriodId),
    ScoringDocx(PeriodId),
    ScoringXlsx(PeriodId),
    Atom,
    Sitemap,
    Robots,
    NotFound,
    Search,
    SearchIndex,
    Static(usize),
    /// `/documents/` and `/documents/<slug>/`.
    Document(crate::documents::DocPage),
    /// The redirect page of news item `.0`'s alias `.1`.
    Alias(usize, usize),
    /// The Atom feed of an association, of a tag.
    AssociationFeed(usize),
    TagFeed(usize),
}

/// Number of pages for `count` items, at least one (an empty list still has its page).
pub fn page_count(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page.max(1)).max(1)
}

/// `news/` page 1 → `news/`, page 3 → `news/page/3/`.
pub fn paginated_path(base: &str, page: usize) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{page}/")
    }
}

/// The number of items in the feed.
pub const FEED_ITEMS: usize = 20;
/// The number of latest news on the home page.
pub const HOME_ITEMS: usize = 6;
/// The number of latest news on an association's page.
pub const ASSOCIATION_NEWS_ITEMS: usize = 20;
/// Sitemaps hold at most this many URLs; larger sites get a sitemap index.
pub const SITEMAP_LIMIT: usize = 50_000;

impl Job {
    /// The output path (relative, `/`-separated) and the page URL path (`news/x/`).
    pub fn path(&self, site: &Site) -> String {
        match self.url_path(site) {
            Some(url) => format!("{url}index.html"),
            None => match self {
                Job::ReportJson(p) => format!("reports/{p}/data.json"),
                Job::ReportCsv(p) => format!("reports/{p}/data.csv"),
                Job::ReportDocx(p) => office::report_docx_path(*p),
                Job::ReportXlsx(p) => office::report_xlsx_path(*p),
                Job::ScoringDocx(p) => office::scoring_docx_path(*p),
                Job::ScoringXlsx(p) => office::scoring_xlsx_path(*p),
                Job::Atom => String::from("atom.xml"),
                Job::Sitemap => String::from("sitemap.xml"),
                Job::Robots => String::from("robots.txt"),
                Job::NotFound => String::from("404.html"),
                Job::SearchIndex => String::from("search/index.json"),
                Job::Static(i) => site.static_files[*i].dest.clone(),
                Job::Alias(i, k) => site.news[*i].aliases[*k].file(),
                Job::AssociationFeed(i) => {
                    format!("associations/{}/atom.xml", site.associations[*i].slug)
                }
                Job::TagFeed(t) => format!("tags/{}/atom.xml", site.tags[*t].slug),
                _ => unreachable!("pages have URL paths"),
            },
        }
    }

    /// The URL path of an HTML page under the site root (`""` for home), `None` for other files.
    pub fn url_path(&self, site: &Site) -> Option<String> {
        Some(match self {
            Job::Home => String::new(),
            Job::NewsList(n) => paginated_path("news/", *n),
            Job::News(i) => format!("news/{}/", site.news[*i].slug),
            Job::Tags => String::from("tags/"),
            Job::Tag(t, n) => paginated_path(&format!("tags/{}/", site.tags[*t].slug), *n),
            Job::Page(i) => format!("{}/", site.pages[*i].slug),
            Job::Associations => String::from("associations/"),
            Job::Association(i) => format!("associations/{}/", site.associations[*i].slug),
            Job::Reports => String::from("reports/"),
            Job::Report(p) => format!("reports/{p}/"),
            Job::ScoringIndex => String::from("scoring/"),
            Job::Search => String::from("search/"),
            Job::Scoring(p) => format!("scoring/{p}/"),
            Job::Registration(year) => format!("registrations/{year}/"),
            Job::Document(page) => crate::documents::url_path(site, *page),
            _ => return None,
        })
    }
}

/// Every job of a full build, in a stable order.
pub fn all_jobs(site: &Site) -> Vec<Job> {
    let per_page = site.config.news_per_page;
    let mut jobs = vec![
        Job::Home,
        Job::Tags,
        Job::Associations,
        Job::Reports,
        Job::ScoringIndex,
    ];
    jobs.extend((1..=page_count(site.news.len(), per_page)).map(Job::NewsList));
    jobs.extend((0..site.news.len()).map(Job::News));
    for (t, tag) in site.tags.iter().enumerate() {
        jobs.extend((1..=page_count(tag.news.len(), per_page)).map(|n| Job::Tag(t, n)));
    }
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.extend((0..site.associations.len()).map(Job::Association));
    for &id in site.periods.keys() {
        jobs.extend([Job::Report(id), Job::ReportJson(id), Job::ReportCsv(id)]);
    }
    jobs.extend(site.scorings.keys().map(|&id| Job::Scoring(id)));
    jobs.extend(
        site.registrations
            .keys()
            .map(|&year| Job::Registration(year)),
    );
    for (&id, period) in &site.periods {
        jobs.push(Job::ReportXlsx(id));
        if office::has_report_docx(site, period) {
            jobs.push(Job::ReportDocx(id));
        }
    }
    for (&id, scoring) in &site.scorings {
        jobs.push(Job::ScoringXlsx(id));
        if office::has_scoring_docx(site, scoring) {
            jobs.push(Job::ScoringDocx(id));
        }
    }
    jobs.extend([
        Job::Atom,
        Job::Sitemap,
        Job::Robots,
        Job::NotFound,
        Job::Search,
        Job::SearchIndex,
    ]);
    jobs.extend((0..site.static_files.len()).map(Job::Static));
    jobs.extend(crate::documents::jobs(site).into_iter().map(Job::Document));
    jobs.extend(reader_jobs(site));
    jobs
}

/// The feeds of members and tags, and the redirect pages of old news URLs.
fn reader_jobs(site: &Site) -> impl Iterator<Item = Job> + '_ {
    let feeds = (0..site.associations.len())
        .map(Job::AssociationFeed)
        .chain((0..site.tags.len()).map(Job::TagFeed));
    let aliases = site
        .news
        .iter()
        .enumerate()
        .flat_map(|(i, n)| (0..n.aliases.len()).map(move |k| Job::Alias(i, k)));
    feeds.chain(aliases)
}

/// Every output file of the site but the redirect pages and static files → the page or file it
/// is (`/news/x/`), for the check that an alias does not take a real page's place.
pub fn page_files(site: &Site) -> HashMap<String, String> {
    all_jobs(site)
        .into_iter()
        .filter(|j| !matches!(j, Job::Alias(..) | Job::Static(_)))
        .map(|j| {
            let shown = match j.url_path(site) {
                Some(url) => format!("/{url}"),
                None => format!("/{}", j.path(site)),
            };
            (j.path(site), shown)
        })
        .collect()
}

#[derive(Serialize)]
struct MenuItem<'a> {
    title: &'a str,
    url: String,
}

/// Tera with the theme loaded and the site-wide context set.
pub struct Renderer {
    tera: Tera,
    t: Translations,
    /// Template name → the file it came from, for messages.
    origins: HashMap<String, PathBuf>,
    /// Documents' words from the last search index, for `serve`'s next one.
    search_cache: search::Cache,
    /// News items' search documents, for `serve`'s next index.
    search_docs: search::DocCache,
}

fn tera_error(
    error: &tera::Error,
    origins: &HashMap<String, PathBuf>,
    rendering: Option<&str>,
) -> Diagnostic {
    use std::error::Error as _;
    let (name, line, column, message) = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => (
            report.filename().to_string(),
            report.span().start_line,
            report.span().start_col + 1,
            report.message().to_string(),
        ),
        _ => (String::new(), 0, 0, error.to_string()),
    };
    let mut message = message;
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    let path = origins.get(&name).cloned().unwrap_or_else(|| {
        PathBuf::from(if name.is_empty() {
            "themes".to_string()
        } else {
            format!("<built-in theme>/templates/{name}")
        })
    });
    match rendering {
        Some(page) => Diagnostic::new(path, "E111")
            .arg("detail", message)
            .arg("page", page),
        None => Diagnostic::new(path, "E110").arg("detail", message),
    }
    .at(line, column)
}

/// Errors from loading the templates, each naming its template file and line: tera joins
/// several reports into one message (unknown filters, blocks, includes) and names the template
/// of an include or extend cycle only in its text.
fn template_errors(
    error: &tera::Error,
    templates: &BTreeMap<String, (String, Option<PathBuf>)>,
    origins: &HashMap<String, PathBuf>,
) -> Vec<Diagnostic> {
    let path_of = |name: &str| {
        origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("<built-in theme>/templates/{name}")))
    };
    // The first line of `name` that mentions `needle` (an `{% include %}` or `{% extends %}`).
    let line_of = |name: &str, needle: &str| {
        templates.get(name).and_then(|(text, _)| {
            text.lines()
                .position(|l| {
                    l.contains(needle) && (l.contains("include") || l.contains("extends"))
                })
                .map(|i| i + 1)
        })
    };
    match error.kind() {
        tera::ErrorKind::Msg(text) if text.contains("\n") && text.contains("--> ") => {
            let mut found = Vec::new();
            let mut message: Option<&str> = None;
            for line in text.lines() {
                if let Some(m) = line.strip_prefix("error: ") {
                    message = Some(m);
                } else if let (Some(m), Some(at)) =
                    (message, line.trim_start().strip_prefix("--> "))
                {
                    let mut parts = at.rsplitn(3, ':');
                    let column = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
                    let line_number = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
                    let name = parts.next().unwrap_or("");
                    found.push(
                        Diagnostic::new(path_of(name), "E110")
                            .arg("detail", m)
                            .at(line_number, column),
                    );
                    message = None;
                }
            }
            if found.is_empty() {
                vec![tera_error(error, origins, None)]
            } else {
                found
            }
        }
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => {
            let parent = inheritance_chain
                .last()
                .map_or(tpl.as_str(), String::as_str);
            vec![
                Diagnostic::new(path_of(tpl), "E112")
                    .arg(
                        "chain",
                        format!("{} → {tpl}", inheritance_chain.join(" → ")),
                    )
                    .at(line_of(tpl, parent).unwrap_or(0), 0),
            ]
        }
        tera::ErrorKind::CircularInclude { tpl, include_chain } => {
            let next = include_chain.get(1).map_or(tpl.as_str(), String::as_str);
            vec![
                Diagnostic::new(path_of(tpl), "E113")
                    .arg("chain", include_chain.join(" → "))
                    .at(line_of(tpl, next).unwrap_or(0), 0),
            ]
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            vec![
                Diagnostic::new(path_of(current), "E114")
                    .arg("parent", parent.as_str())
                    .at(line_of(current, parent).unwrap_or(0), 0),
            ]
        }
        _ => vec![tera_error(error, origins, None)],
    }
}

fn load_translations(site: &Site, problems: &mut Vec<Diagnostic>) -> Translations {
    let code = site.config.language.code();
    let mut t = Translations::new();
    let mut merge = |text: &str, path: &Path, problems: &mut Vec<Diagnostic>| {
        let source = crate::yaml::YamlSource::new(path, text);
        match crate::yaml::from_str::<indexmap::IndexMap<String, crate::yaml::Value>>(&source) {
            Ok(map) => {
                for (key, value) in map {
                    match crate::yaml::scalar_text(&value) {
                        Some(text) => {
                            t.insert(key, text);
                        }
                        None => problems.push(source.at(&[&key], "E115").arg("key", key.as_str())),
                    }
                }
            }
            Err(d) => problems.push(d),
        }
    };
    if let Some(text) = theme::builtin_i18n(code) {
        merge(text, Path::new("<built-in theme>/i18n"), problems);
    }
    let rel = PathBuf::from(format!("themes/{}/i18n/{code}.yaml", site.config.theme));
    let path = site.root.join(&rel);
    if path.is_file() {
        match crate::content::read_text(&path, &rel) {
            Ok(text) => merge(&text, &rel, problems),
            Err(d) => problems.push(d),
        }
    }
    t
}

impl Renderer {
    /// Loads the templates (built-in, then the site theme's) and the translations.
    pub fn new(site: &Site) -> Result<Renderer, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let config = &site.config;
        let t = load_translations(site, &mut problems);
        let mut templates: BTreeMap<String, (String, Option<PathBuf>)> = theme::builtin_templates()
            .into_iter()
            .map(|t| (t.name, (t.text, t.path)))
            .collect();
        let theme_dir = theme::site_theme_dir(&site.root, &config.theme);
        if config.theme != "default" && !theme_dir.is_dir() {
            problems.push(
                crate::yaml::YamlSource::new(Path::new(crate::config::CONFIG_FILE), "")
                    .at(&["theme"], "E069")
                    .arg("theme", config.theme.as_str()),
            );
        }
        let rel_templates = format!("themes/{}/templates", config.theme);
        for file in crate::content::load::walk_files(&site.root, &rel_templates, &mut problems) {
            let name = display_path(file.rel.strip_prefix(&rel_templates).unwrap_or(&file.rel));
            match crate::content::read_text(&file.abs, &file.rel) {
                Ok(text) => {
                    templates.insert(name, (text, Some(file.rel)));
                }
                Err(d) => problems.push(d),
            }
        }
        let origins: HashMap<String, PathBuf> = templates
            .iter()
            .filter_map(|(name, (_, path))| path.clone().map(|p| (name.clone(), p)))
            .collect();

        let mut tera = Tera::new();
        budget::register(&mut tera);
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        filters::register(
            &mut tera,
            config.language,
            config.base_path.clone(),
            config.base_url.clone(),
        );
        if let Err(error) = tera.add_raw_templates(
            templates
                .iter()
                .map(|(name, (text, _))| (name.as_str(), text.as_str())),
        ) {
            problems.extend(template_errors(&error, &templates, &origins));
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        let views = Views { site, t: &t };
        // The roles of the latest period's year (`bloc.roles`), else the Part 1 ones.
        let roles = match views.current_year() {
            Some(year) => config.bloc.roles_in(year),
            None => crate::config::YearRoles {
                leader: config.bloc.leader.clone(),
                deputy: config.bloc.deputy.clone(),
                sample: false,
            },
        };
        let leader = roles
            .leader
            .as_ref()
            .and_then(|s| crate::slug::Slug::parse(s).ok())
            .and_then(|s| site.association(&s));
        let deputy = roles
            .deputy
            .as_ref()
            .and_then(|s| crate::slug::Slug::parse(s).ok())
            .and_then(|s| site.association(&s));
        let site_value = serde_json::json!({
            "title": config.title,
            "description": config.description,
            "base_url": config.base_url,
            "base_path": config.base_path,
            "language": config.language.code(),
            "province": config.bloc.province,
            "leader": leader.map(|a| views.association_link(a)),
            "deputy": deputy.map(|a| views.association_link(a)),
            "feed_url": config.path_url("atom.xml"),
            "feed_permalink": config.absolute_url("atom.xml"),
            "home_url": config.path_url(""),
            "extra": config.extra,
            "news_count": site.news.len(),
            "document_count": site.documents.len(),
            "association_count": site.associations.len(),
        });
        let menu: Vec<MenuItem> = site
            .pages
            .iter()
            .filter(|p| p.menu.is_some())
            .map(|p| MenuItem {
                title: &p.title,
                url: config.path_url(&format!("{}/", p.slug)),
            })
            .collect();
        let global = tera.global_context();
        global.insert("site", &site_value);
        global.insert("menu", &menu);
        global.insert("t", &t);
        global.insert("lang", config.language.code());
        Ok(Renderer {
            tera,
            t,
            origins,
            search_cache: search::Cache::default(),
            search_docs: search::DocCache::default(),
        })
    }

    /// The number of documents and of chunks of the last search index rendered (see
    /// [`search::layout`]): the search files the output has.
    pub fn search_layout(&self) -> Option<(usize, usize)> {
        search::layout(&self.search_cache)
    }

    /// Renders `jobs` into `out`. Returns every problem (template errors name the template and line).
    pub fn render(&self, site: &Site, jobs: &[Job], out: &dyn Output) -> Vec<Diagnostic> {
        let mut problems = check_collisions(site, jobs);
        if !problems.is_empty() {
            return problems;
        }
        let state = RenderState::new(site, &self.t);
        let results: Vec<Diagnostic> = jobs
            .par_iter()
            .filter_map(|job| self.run(&state, *job, out).err())
            .collect();
        problems.extend(results);
        problems
    }

    fn run(&self, state: &RenderState, job: Job, out: &dyn Output) -> Result<(), Diagnostic> {
        let site = state.views.site;
        let path = job.path(site);
        let io_error = |e: std::io::Error| {
            Diagnostic::new(PathBuf::from(&path), "E116")
                .nested("error", crate::messages::io_reason(&e))
        };
        match job {
            Job::Static(i) => {
                return match &site.static_files[i].origin {
                    StaticOrigin::Disk(from) if site.images.is_cached(from) => {
                        out.link_file(&path, from).map_err(io_error)
                    }
                    StaticOrigin::Disk(from) => out.copy_file(&path, from).map_err(|e| {
                        // A file that cannot be read is the source's problem, not the output's.
                        match std::fs::File::open(from) {
                            Err(read) => Diagnostic::new(
                                from.strip_prefix(&site.root).unwrap_or(from),
                                "E607",
                            )
                            .nested("error", crate::messages::io_reason(&read)),
                            Ok(_) => io_error(e),
                        }
                    }),
                    StaticOrigin::Builtin(bytes) => out.write(&path, bytes).map_err(io_error),
                };
            }
            Job::ReportJson(id) => {
                return out
                    .write(&path, data::period_json(site, id).as_bytes())
                    .map_err(io_error);
            }
            Job::ReportCsv(id) => {
                let csv = data::period_csv(site, id).map_err(|e| {
                    Diagnostic::new(PathBuf::from(&path), "E116").arg("error", e.to_string())
                })?;
                return out.write(&path, csv.as_bytes()).map_err(io_error);
            }
            Job::Sitemap => return write_sitemap(state, out).map_err(io_error),
            Job::ReportDocx(_) | Job::ReportXlsx(_) | Job::ScoringDocx(_) | Job::ScoringXlsx(_) => {
                let bytes = office::render(&state.views, job).map_err(|e| {
                    Diagnostic::new(PathBuf::from(&path), "E301")
                        .arg("file", path.clone())
                        .arg("error", e)
                })?;
                return out.write(&path, &bytes).map_err(io_error);
            }
            Job::SearchIndex => {
                let started = std::time::Instant::now();
                let (docs, hashes) = search::documents_cached(&state.views, &self.search_docs);
                let documents = started.elapsed();
                let refs: Vec<&search::SearchDoc> = docs.iter().map(|d| &**d).collect();
                let files = search::files_of(&refs, hashes, &self.search_cache);
                let written = files.len();
                files
                    .par_iter()
                    .try_for_each(|(file, text)| out.write(file, text.as_bytes()))
                    .map_err(|e| {
                        // The output lacks some: the next index writes every file.
                        self.search_cache.clear();
                        io_error(e)
                    })?;
                if std::env::var_os("BLOCPRESS_TIMINGS").is_some() {
                    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
                    eprintln!(
                        "timing: search    {:>7.1} ms ({} documents: text {:.1} ms; {} files written)",
                        ms(started.elapsed()),
                        docs.len(),
                        ms(documents),
                        written,
                    );
                }
                return Ok(());
            }
            _ => {}
        }
        let (template, context) = self.context(state, job);
        let mut buffer = Vec::with_capacity(16 * 1024);
        // Bounded: a runaway template fails its page instead of hanging the build (or serve).
        let file = self
            .origins
            .get(template)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("<built-in theme>/templates/{template}")));
        budget::start(budget::time_budget(), template, &file, &path);
        let rendered = self.tera.render_to(
            template,
            &context,
            budget::BoundedWriter::new(&mut buffer, budget::max_page_bytes()),
        );
        match (rendered, budget::finish()) {
            (Ok(()), _) => {}
            (Err(_), Some(exceeded)) => {
                return Err(budget::diagnostic(&budget::Runaway {
                    exceeded,
                    template: template.to_string(),
                    file,
                    page: path.clone(),
                }));
            }
            (Err(e), None) => {
                return Err(tera_error(&e, &self.origins, Some(&path)));
            }
        }
        out.write(&path, &buffer).map_err(io_error)
    }

    fn context(&self, state: &RenderState, job: Job) -> (&'static str, Context) {
        let views = &state.views;
        let site = views.site;
        let config = &site.config;
        let mut context = Context::new();
        let url_path = job.url_path(site).unwrap_or_default();
        context.insert("current_url", &config.path_url(&url_path));
        context.insert("permalink", &config.absolute_url(&url_path));
        let mut title: Option<String> = None;
        let mut description: Option<String> = None;
        // Heading levels of news cards and of the criteria under a scoring table: templates
        // directly under the page's h1 set them to 2.
        context.insert("card_heading", &3);
        context.insert("scoring_inner", &3);
        let template = match job {
            Job::Home => {
                let latest: Vec<Value> = (0..site.news.len().min(HOME_ITEMS))
                    .map(|i| state.card(i))
                    .collect();
                context.insert_value("latest_news", Value::from(latest));
                // The latest period with something to read: a narrative or a reported figure
                // (not one `blocpress new period` just created with every value empty).
                let period = site.periods.values().rev().find(|p| {
                    p.narrative.is_some()
                        || site.associations.iter().any(|a| {
                            a.achievements.get(&p.id).is_some_and(|a| {
                                a.summary.is_some() || a.values.values().any(Option::is_some)
                            })
                        })
                });
                context.insert("latest_period", &period.map(|p| views.period_summary(p)));
                context.insert_value("associations", state.association_cards());
                "index.html"
            }
            Job::NewsList(n) => {
                title = Some(views.tr("news"));
                context.insert_value(
                    "paginator",
                    state.paginator(
                        "news/",
                        (0..site.news.len()).collect::<Vec<_>>().as_slice(),
                        n,
                    ),
                );
                "news_list.html"
            }
            Job::News(i) => {
                let item = &site.news[i];
                context.insert_value("news", state.card(i));
                context.insert_value("content", Value::safe_string(&item.body.html));
                context.insert_value(
                    "newer",
                    if i > 0 {
                        state.card(i - 1)
                    } else {
                        Value::none()
                    },
                );
                context.insert_value(
                    "older",
                    if i + 1 < site.news.len() {
                        state.card(i + 1)
                    } else {
                        Value::none()
                    },
                );
                context.insert_value("json_ld", Value::safe_string(&news_json_ld(views, item)));
                let related: Vec<Value> = readers::related(site, i)
                    .into_iter()
                    .map(|n| state.card(n))
                    .collect();
                context.insert_value("related", Value::from(related));
                title = Some(item.title.clone());
                description = item.summary.clone();
                "news.html"
            }
            Job::Tags => {
                title = Some(views.tr("tags"));
                let tags: Vec<Value> = site
                    .tags
                    .iter()
                    .map(|t| {
                        Value::from_serializable(&serde_json::json!({
                            "slug": t.slug, "name": t.name, "count": t.news.len(),
                            "url": config.path_url(&format!("tags/{}/", t.slug)),
                        }))
                    })
                    .collect();
                context.insert_value("tags", Value::from(tags));
                "tags.html"
            }
            Job::Tag(t, n) => {
                let tag = &site.tags[t];
                title = Some(format!("{}: {}", views.tr("tag"), tag.name));
                context.insert("tag", &serde_json::json!({ "slug": tag.slug, "name": tag.name, "count": tag.news.len() }));
                context.insert_value(
                    "paginator",
                    state.paginator(&format!("tags/{}/", tag.slug), &tag.news, n),
                );
                "tag.html"
            }
            Job::Page(i) => {
                let page = &site.pages[i];
                title = Some(page.title.clone());
                context.insert("page", &serde_json::json!({ "title": page.title, "slug": page.slug, "extra": page.extra }));
                context.insert_value("content", Value::safe_string(&page.body.html));
                context.insert("toc", &readers::toc(&page.body.html));
                "page.html"
            }
            Job::Associations => {
                title = Some(views.tr("associations"));
                context.insert_value("associations", state.association_cards());
                "associations.html"
            }
            Job::Association(i) => {
                let association = &site.associations[i];
                title = Some(association.name.clone());
                context.insert("association", &views.association_page(association));
                let documents: Vec<_> = crate::documents::of_association(site, &association.slug)
                    .into_iter()
                    .map(|d| crate::documents::view(views, &site.documents[d]))
                    .collect();
                context.insert("documents", &documents);
                let news: Vec<Value> = site
                    .index
                    .news_by_association
                    .get(&association.slug)
                    .map(|list| {
                        list.iter()
                            .take(ASSOCIATION_NEWS_ITEMS)
                            .map(|&n| state.card(n))
                            .collect()
                    })
                    .unwrap_or_default();
                context.insert_value("news", Value::from(news));
                "association.html"
            }
            Job::Reports => {
                title = Some(views.tr("reports"));
                // A review with no figures yet (a scoring file alone, a period `new period`
                // just created) is not listed as published.
                let (periods, pending): (Vec<_>, Vec<_>) = site
                    .periods
                    .values()
                    .rev()
                    .map(|p| (p.narrative.is_some(), views.period_summary(p)))
                    .partition(|(narrative, p)| *narrative || p.has_figures);
                let periods: Vec<_> = periods.into_iter().map(|(_, p)| p).collect();
                let pending: Vec<_> = pending.into_iter().map(|(_, p)| p).collect();
                context.insert("periods", &periods);
                context.insert("pending", &pending);
                let registrations: Vec<_> = site
                    .registrations
                    .values()
                    .rev()
                    .map(|r| {
                        let view = views.registration(r);
                        serde_json::json!({ "title": view.title, "url": view.url, "year": view.year })
                    })
                    .collect();
                context.insert("registrations", &registrations);
                "reports.html"
            }
            Job::Report(id) => {
                let period = &site.periods[&id];
                let report = views.report(period);
                title = Some(report.heading.clone());
                description = period.summary.clone();
                context.insert("report", &report);
                let documents: Vec<_> = crate::documents::of_period(site, id)
                    .into_iter()
                    .map(|d| crate::documents::view(views, &site.documents[d]))
                    .collect();
                context.insert("documents", &documents);
                if let Some(narrative) = &period.narrative {
                    context.insert("toc", &readers::toc(&narrative.html));
                }
                let news: Vec<Value> = site
                    .index
                    .news_by_period
                    .get(&id)
                    .map(|list| list.iter().map(|&n| state.card(n)).collect())
                    .unwrap_or_default();
                context.insert_value("news", Value::from(news));
                "report.html"
            }
            Job::ScoringIndex => {
                title = Some(views.tr("scoring"));
                let list: Vec<_> = site
                    .scorings
                    .values()
                    .rev()
                    .map(|s| views.scoring(s))
                    .collect();
                context.insert("scorings", &list);
                "scoring_list.html"
            }
            Job::Scoring(id) => {
                let scoring = views.scoring(&site.scorings[&id]);
                title = Some(scoring.title.clone());
                context.insert("scoring", &scoring);
                "scoring.html"
            }
            Job::Registration(year) => {
                let registration = views.registration(&site.registrations[&year]);
                title = Some(registration.title.clone());
                context.insert("registration", &registration);
                "registration.html"
            }
            Job::Atom => {
                let all: Vec<usize> = (0..site.news.len()).collect();
                state.feed(&mut context, &all);
                "atom.xml"
            }
            Job::Document(crate::documents::DocPage::List) => {
                title = Some(views.tr("documents"));
                let documents: Vec<_> = site
                    .documents
                    .iter()
                    .map(|d| crate::documents::view(views, d))
                    .collect();
                let (kinds, years) = crate::documents::filters(site);
                context.insert("filter_css", &crate::documents::filter_css(&kinds, &years));
                context.insert("kinds", &kinds);
                context.insert("years", &years);
                context.insert("documents", &documents);
                "documents.html"
            }
            Job::Document(crate::documents::DocPage::One(i)) => {
                let document = &site.documents[i];
                title = Some(document.title.clone());
                description = Some(format!("{} {}", document.kind, document.number));
                context.insert("document", &crate::documents::view(views, document));
                context.insert_value("notes", Value::safe_string(&document.body.html));
                "document.html"
            }
            Job::AssociationFeed(a) => {
                let association = &site.associations[a];
                let path = format!("associations/{}/", association.slug);
                let list = site.index.news_by_association.get(&association.slug);
                state.feed(&mut context, list.map_or(&[][..], Vec::as_slice));
                context.insert(
                    "feed_title",
                    &format!("{} – {}", association.name, config.title),
                );
                context.insert(
                    "feed_self",
                    &config.absolute_url(&format!("{path}atom.xml")),
                );
                context.insert("feed_page", &config.absolute_url(&path));
                "atom.xml"
            }
            Job::TagFeed(t) => {
                let tag = &site.tags[t];
                let path = format!("tags/{}/", tag.slug);
                state.feed(&mut context, &tag.news);
                context.insert(
                    "feed_title",
                    &format!("{}: {} – {}", views.tr("tag"), tag.name, config.title),
                );
                context.insert(
                    "feed_self",
                    &config.absolute_url(&format!("{path}atom.xml")),
                );
                context.insert("feed_page", &config.absolute_url(&path));
                "atom.xml"
            }
            Job::Alias(i, _) => {
                let item = &site.news[i];
                title = Some(item.title.clone());
                context.insert_value("news", state.card(i));
                "alias.html"
            }
            Job::Robots => "robots.txt",
            Job::NotFound => {
                title = Some(views.tr("not_found_title"));
                "404.html"
            }
            Job::Search => {
                title = Some(views.tr("search"));
                context.insert(
                    "labels",
                    &serde_json::json!({
                        "found": views.tr("search_found"),
                        "none": views.tr("search_none"),
                        "error": views.tr("search_error"),
                        "kinds": { "n": views.tr("kind_news"), "a": views.tr("kind_association"), "r": views.tr("kind_report"), "p": views.tr("kind_page"), "d": views.tr("kind_document") },
                        "more": views.tr("search_more"),
                    }),
                );
                "search.html"
            }
            Job::ReportJson(_)
            | Job::ReportCsv(_)
            | Job::ReportDocx(_)
            | Job::ReportXlsx(_)
            | Job::ScoringDocx(_)
            | Job::ScoringXlsx(_)
            | Job::Sitemap
            | Job::SearchIndex
            | Job::Static(_) => {
                unreachable!("written without a template")
            }
        };
        context.insert("section", url_path.split('/').next().unwrap_or(""));
        context.insert(
            "page_kind",
            template
                .trim_end_matches(".html")
                .trim_end_matches(".xml")
                .trim_end_matches(".txt"),
        );
        context.insert("page_title", &title);
        context.insert(
            "page_description",
            &description.or_else(|| config.description.clone()),
        );
        (template, context)
    }
}

/// Per-render values shared by many pages, computed at most once each.
struct RenderState<'a> {
    views: Views<'a>,
    cards: Vec<OnceLock<Value>>,
    association_cards: OnceLock<Value>,
}

impl<'a> RenderState<'a> {
    fn new(site: &'a Site, t: &'a Translations) -> Self {
        RenderState {
            views: Views { site, t },
            cards: (0..site.news.len()).map(|_| OnceLock::new()).collect(),
            association_cards: OnceLock::new(),
        }
    }

    fn card(&self, i: usize) -> Value {
        self.cards[i]
            .get_or_init(|| {
                Value::from_serializable(&self.views.news_card(&self.views.site.news[i]))
            })
            .clone()
    }

    /// The newest [`FEED_ITEMS`] of `list` (indexes into the news, newest first) as feed
    /// entries, and the feed's `updated`: the latest publication or correction among them.
    fn feed(&self, context: &mut Context, list: &[usize]) {
        let site = self.views.site;
        let shown = &list[..list.len().min(FEED_ITEMS)];
        let entries: Vec<Value> = shown
            .iter()
            .map(|&i| {
                let mut entry = self.card(i).as_map().cloned().unwrap_or_default();
                entry.insert(
                    "content".into(),
                    Value::normal_string(&site.news[i].body.html),
                );
                Value::from(entry.into_iter().collect::<BTreeMap<_, _>>())
            })
            .collect();
        let updated = shown
            .iter()
            .map(|&i| {
                let item = &site.news[i];
                item.updated.as_ref().unwrap_or(&item.date)
            })
            .max_by_key(|d| d.timestamp)
            .map_or("1970-01-01T00:00:00+00:00", |d| d.rfc3339.as_str());
        context.insert("updated", updated);
        context.insert_value("entries", Value::from(entries));
    }

    fn association_cards(&self) -> Value {
        self.association_cards
            .get_or_init(|| {
                let cards: Vec<_> = self
                    .views
                    .site
                    .associations
                    .iter()
                    .map(|a| self.views.association_card(a))
                    .collect();
                Value::from_serializable(&cards)
            })
            .clone()
    }

    /// The page `number` of a list, with links to a window of neighbouring pages (never the
    /// whole list of pages, so a page's cost does not grow with the site).
    fn paginator(&self, base: &str, items: &[usize], number: usize) -> Value {
        let config = &self.views.site.config;
        let per_page = config.news_per_page;
        let total = page_count(items.len(), per_page);
        let start = (number - 1) * per_page;
        let page_items: Vec<Value> = items
            .iter()
            .skip(start)
            .take(per_page)
            .map(|&i| self.card(i))
            .collect();
        let url = |n: usize| config.path_url(&paginated_path(base, n));
        let mut window: Vec<usize> = vec![1, total];
        window.extend(number.saturating_sub(2).max(1)..=(number + 2).min(total));
        window.sort_unstable();
        window.dedup();
        let pages: Vec<Value> = window
            .iter()
            .map(|&n| {
                Value::from_serializable(
                    &serde_json::json!({ "number": n, "url": url(n), "current": n == number }),
                )
            })
            .collect();
        let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
        map.insert("items", Value::from(page_items));
        map.insert("number", Value::from(number));
        map.insert("total_pages", Value::from(total));
        map.insert("total_items", Value::from(items.len()));
        map.insert("per_page", Value::from(per_page));
        map.insert("first_url", Value::from(url(1)));
        map.insert("last_url", Value::from(url(total)));
        map.insert(
            "prev_url",
            if number > 1 {
                Value::from(url(number - 1))
            } else {
                Value::none()
            },
        );
        map.insert(
            "next_url",
            if number < total {
                Value::from(url(number + 1))
            } else {
                Value::none()
            },
        );
        map.insert("pages", Value::from(pages));
        Value::from(map)
    }
}

/// A static file must not take the place of a generated page.
fn check_collisions(site: &Site, jobs: &[Job]) -> Vec<Diagnostic> {
    // serve's incremental renders rarely include static files: skip hashing every page path.
    if !jobs.iter().any(|j| matches!(j, Job::Static(_))) {
        return Vec::new();
    }
    let generated: HashSet<String> = jobs
        .iter()
        .filter(|j| !matches!(j, Job::Static(_)))
        .map(|j| j.path(site))
        .collect();
    let mut problems = Vec::new();
    for job in jobs {
        if let Job::Static(i) = job {
            let file = &site.static_files[*i];
            if generated.contains(&file.dest) {
                let origin = match &file.origin {
                    StaticOrigin::Disk(path) => {
                        path.strip_prefix(&site.root).unwrap_or(path).to_path_buf()
                    }
                    StaticOrigin::Builtin(_) => PathBuf::from("<built-in theme>/static"),
                };
                problems
                    .push(Diagnostic::new(origin, "E117").arg("url", format!("/{}", file.dest)));
            }
        }
    }
    problems
}

/// JSON-LD `NewsArticle` for a news page; `<`, `>` and `&` are escaped so the text cannot
/// close its `<script>` element.
fn news_json_ld(views: &Views, item: &crate::model::NewsItem) -> String {
    let config = &views.site.config;
    let organization = serde_json::json!({ "@type": "Organization", "name": config.title, "url": config.base_url });
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title,
        "datePublished": item.date.rfc3339,
        "dateModified": item.updated.as_ref().unwrap_or(&item.date).rfc3339,
        "url": config.absolute_url(&format!("news/{}/", item.slug)),
        "mainEntityOfPage": config.absolute_url(&format!("news/{}/", item.slug)),
        "inLanguage": config.language.code(),
        "publisher": organization,
        "author": match &item.author {
            Some(name) => serde_json::json!({ "@type": "Person", "name": name }),
            None => organization.clone(),
        },
    });
    if let Some(summary) = &item.summary {
        value["description"] = summary.as_str().into();
    }
    if let Some(image) = &item.image {
        let url = views.asset_url(image);
        let absolute = if url.starts_with("http") {
            url
        } else {
            config.absolute_url(url.trim_start_matches(&config.base_path as &str))
        };
        value["image"] = absolute.into();
    }
    serde_json::to_string(&value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `sitemap.xml`: every HTML page (paginated lists after their first page are left out); an
/// index of several sitemaps when there are more than [`SITEMAP_LIMIT`] URLs.
fn write_sitemap(state: &RenderState, out: &dyn Output) -> std::io::Result<()> {
    let site = state.views.site;
    let config = &site.config;
    let mut entries: Vec<(String, Option<String>)> = Vec::new();
    for job in all_jobs(site) {
        let lastmod = match job {
            Job::News(i) => {
                let item = &site.news[i];
                Some(item.updated.as_ref().unwrap_or(&item.date).date.to_string())
            }
            Job::NewsList(n) | Job::Tag(_, n) if n > 1 => continue,
            Job::Search => continue,
            _ => None,
        };
        if let Some(path) = job.url_path(site) {
            entries.push((config.absolute_url(&path), lastmod));
        }
    }
    let urlset = |chunk: &[(String, Option<String>)]| {
        let mut xml = String::with_capacity(chunk.len() * 90 + 200);
        xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (loc, lastmod) in chunk {
            xml.push_str("  <url><loc>");
            xml.push_str(&xml_escape(loc));
            xml.push_str("</loc>");
            if let Some(lastmod) = lastmod {
                xml.push_str("<lastmod>");
                xml.push_str(lastmod);
                xml.push_str("</lastmod>");
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    };
    if entries.len() <= SITEMAP_LIMIT {
        return out.write("sitemap.xml", urlset(&entries).as_bytes());
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(SITEMAP_LIMIT).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        out.write(&name, urlset(chunk).as_bytes())?;
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            xml_escape(&config.absolute_url(&name))
        ));
    }
    index.push_str("</sitemapindex>\n");
    out.write("sitemap.xml", index.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_counts_and_paths() {
        assert_eq!(
            page_count(0, 10),
            1,
            "an empty list still has its first page"
        );
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(page_count(10_000, 20), 500);
        assert_eq!(paginated_path("news/", 1), "news/");
        assert_eq!(paginated_path("news/", 2), "news/page/2/");
        assert_eq!(paginated_path("tags/dai-hoi/", 7), "tags/dai-hoi/page/7/");
    }

    #[test]
    fn sitemap_urls_are_xml_escaped() {
        assert_eq!(xml_escape("a<b>&\"c"), "a&lt;b&gt;&amp;&quot;c");
    }
}
