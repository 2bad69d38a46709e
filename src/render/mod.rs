//! The template stage: Tera set up with the built-in theme and the site's overrides, the
//! site-wide context, and one render job per output file. Jobs are independent, so they run in
//! parallel and `serve` can re-run only those a change touches.

pub mod budget;
pub mod cells;
pub mod charts;
pub mod data;
pub mod documents;
pub mod figures;
pub mod filters;
pub mod office;
mod pages;
pub mod readers;
pub mod registration;
pub mod report;
pub mod review;
pub mod search;
pub mod views;
pub mod year;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::diagnostics::{Diagnostic, display_path};
use crate::model::{Site, StaticOrigin};
use crate::output::Output;
use crate::theme;
use crate::urls::{self, Route};
use views::{Translations, Views};

/// The number of items in the feed.
pub const FEED_ITEMS: usize = 20;
/// The number of latest news on the home page.
pub const HOME_ITEMS: usize = 6;
/// The number of latest news on an association's page.
pub const ASSOCIATION_NEWS_ITEMS: usize = 20;
/// Sitemaps hold at most this many URLs; larger sites get a sitemap index.
pub const SITEMAP_LIMIT: usize = 50_000;

#[derive(Serialize)]
struct MenuItem<'a> {
    title: &'a str,
    url: String,
}

/// The news bodies' HTML, taken out of the site by a build so that each is released once its
/// page is written: a build never needs them all again, and they are most of a large site's
/// memory (about 7 KB a news item, 700 MB at 100,000 news). The items a feed shows keep
/// theirs (feeds are rendered in any order).
pub struct NewsBodies {
    html: Vec<std::sync::Mutex<Option<std::sync::Arc<str>>>>,
    /// By news item: a feed shows it.
    kept: Vec<bool>,
}

impl NewsBodies {
    /// Moves every news body's HTML out of `site`: its `body.html` is empty afterwards, and
    /// only a [`Renderer::render_with`] given these bodies renders the site's news.
    pub fn take(site: &mut Site) -> NewsBodies {
        let mut kept = vec![false; site.news.len()];
        let newest: Vec<usize> = (0..site.news.len()).take(FEED_ITEMS).collect();
        let feeds = std::iter::once(&newest)
            .chain(site.tags.iter().map(|t| &t.news))
            .chain(site.index.news_by_association.values());
        for list in feeds {
            for &i in list.iter().take(FEED_ITEMS) {
                kept[i] = true;
            }
        }
        let html = site
            .news
            .par_iter_mut()
            .map(|item| {
                let html: std::sync::Arc<str> = std::mem::take(&mut item.body.html).into();
                std::sync::Mutex::new(Some(html))
            })
            .collect();
        NewsBodies { html, kept }
    }
}

/// A news body's HTML: the site's, or one a build took out of it ([`NewsBodies`]).
pub enum NewsHtml<'a> {
    Site(&'a str),
    Taken(std::sync::Arc<str>),
}

impl std::ops::Deref for NewsHtml<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            NewsHtml::Site(html) => html,
            NewsHtml::Taken(html) => html,
        }
    }
}

/// Tera with the theme loaded and the site-wide context set.
pub struct Renderer {
    tera: Tera,
    t: Translations,
    /// Template name → the file it came from, for messages.
    origins: HashMap<String, PathBuf>,
    /// The last search index's word list, for `serve`'s next one.
    search_cache: search::Cache,
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
                signer: None,
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
            "feed_url": config.path_url(urls::FEED),
            "feed_permalink": config.absolute_url(urls::FEED),
            "home_url": config.path_url(""),
            "extra": config.extra,
            "news_count": site.news.len(),
            "document_count": site.documents.len(),
            "registration_count": site.registrations.len(),
            "association_count": site.associations.len(),
        });
        let menu: Vec<MenuItem> = site
            .pages
            .iter()
            .filter(|p| p.menu.is_some())
            .map(|p| MenuItem {
                title: &p.title,
                url: config.path_url(&urls::page(&p.slug)),
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
        })
    }

    /// A renderer that renders once (a build, `check`): it keeps nothing of the search index
    /// for a next render.
    pub fn single_use(mut self) -> Self {
        self.search_cache = search::Cache::disabled();
        self
    }

    /// The result bundles and word-list chunks of the last search index rendered (see
    /// [`search::layout`]): the search files the output has.
    pub fn search_layout(&self) -> Option<search::Layout> {
        search::layout(&self.search_cache)
    }

    /// Renders `jobs` into `out`. Returns every problem (template errors name the template and line).
    pub fn render(&self, site: &Site, jobs: &[Route], out: &dyn Output) -> Vec<Diagnostic> {
        self.render_with(site, None, jobs, out)
    }

    /// [`Renderer::render`] with the news bodies a build took out of `site`
    /// ([`NewsBodies::take`]): each is released once its page is written.
    pub fn render_with(
        &self,
        site: &Site,
        bodies: Option<&NewsBodies>,
        jobs: &[Route],
        out: &dyn Output,
    ) -> Vec<Diagnostic> {
        let mut problems = check_collisions(site, jobs);
        if !problems.is_empty() {
            return problems;
        }
        let mut state = RenderState::new(site, &self.t);
        state.bodies = bodies;
        // A single-use renderer (a build) makes the whole search index, which works in parallel
        // by itself, before the pages: its working memory is gone before the pages' shared
        // values (news cards) are made, so the two never add up at the peak. `serve` patches
        // the index beside the pages.
        let (first, rest): (&[Route], Vec<Route>) = if self.search_cache.is_enabled() {
            (&[], jobs.to_vec())
        } else {
            let search: &[Route] = if jobs.contains(&Route::SearchIndex) {
                &[Route::SearchIndex]
            } else {
                &[]
            };
            (
                search,
                jobs.iter()
                    .copied()
                    .filter(|j| *j != Route::SearchIndex)
                    .collect(),
            )
        };
        problems.extend(
            first
                .iter()
                .filter_map(|job| self.run(&state, *job, out).err()),
        );
        // Pieces of at most 16 pages, so the last pages are shared too: rayon splits a slice
        // only when a thread steals, and a thread that took a quarter of the jobs alone went on
        // for a tenth of the build after the other had finished.
        let results: Vec<Diagnostic> = rest
            .par_iter()
            .with_max_len(16)
            .filter_map(|job| self.run(&state, *job, out).err())
            .collect();
        problems.extend(results);
        // The news cards (thousands in a build) are freed beside what is left of the render.
        crate::later::drop_later(std::mem::take(&mut state.cards));
        problems
    }

    fn run(&self, state: &RenderState, job: Route, out: &dyn Output) -> Result<(), Diagnostic> {
        let site = state.views.site;
        let path = job.path(site);
        let io_error = |e: std::io::Error| {
            Diagnostic::new(PathBuf::from(&path), "E116")
                .nested("error", crate::messages::io_reason(&e))
        };
        match job {
            Route::Static(i) => {
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
            Route::ReportJson(id) => {
                let json = data::period_json(&state.reports, id);
                return out.write(&path, json.as_bytes()).map_err(io_error);
            }
            Route::ReportCsv(id) => {
                let csv = data::period_csv(&state.reports, id).map_err(|e| {
                    Diagnostic::new(PathBuf::from(&path), "E116").arg("error", e.to_string())
                })?;
                return out.write(&path, csv.as_bytes()).map_err(io_error);
            }
            Route::Sitemap => return write_sitemap(state, out).map_err(io_error),
            Route::ReportDocx(_)
            | Route::ReportXlsx(_)
            | Route::ScoringDocx(_)
            | Route::ScoringXlsx(_)
            | Route::AwardsDocx(_)
            | Route::AwardsXlsx(_)
            | Route::MeetingDocx(_) => {
                let bytes = office::render(&state.views, &state.reports, job).map_err(|e| {
                    Diagnostic::new(PathBuf::from(&path), "E301")
                        .arg("file", path.clone())
                        .arg("error", e)
                })?;
                return out.write(&path, &bytes).map_err(io_error);
            }
            Route::SearchIndex => {
                let started = std::time::Instant::now();
                let cpu = crate::timing::cpu_time();
                let docs = search::documents(&state.views, &|i| state.news_html(i));
                let documents = started.elapsed();
                let files = search::files(&docs, &self.search_cache);
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
                        "timing: search    {:>7.1} ms ({} documents: listed in {:.1} ms; {} files written){}{}",
                        ms(started.elapsed()),
                        docs.len(),
                        ms(documents),
                        written,
                        crate::timing::cpu_note(cpu, crate::timing::cpu_time()),
                        crate::timing::memory_note(),
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

    fn context(&self, state: &RenderState, job: Route) -> (&'static str, Context) {
        let views = &state.views;
        let site = views.site;
        let config = &site.config;
        let mut context = Context::new();
        let url_path = job.url_path(site).unwrap_or_default();
        context.insert("current_url", &config.path_url(&url_path));
        context.insert("permalink", &config.absolute_url(&url_path));
        // Heading levels of news cards and of the criteria under a scoring table: templates
        // directly under the page's h1 set them to 2.
        context.insert("card_heading", &3);
        context.insert("scoring_inner", &3);
        let page = match job {
            Route::Home => pages::home(state, &mut context),
            Route::NewsList(n) => pages::news_list(state, &mut context, n),
            Route::News(i) => pages::news(state, &mut context, i),
            Route::Tags => pages::tags(state, &mut context),
            Route::Tag(t, n) => pages::tag(state, &mut context, t, n),
            Route::Page(i) => pages::page(state, &mut context, i),
            Route::Associations => pages::associations(state, &mut context),
            Route::Association(i) => pages::association(state, &mut context, i),
            Route::Reports => pages::reports(state, &mut context),
            Route::Report(id) => pages::report(state, &mut context, id),
            Route::ScoringIndex => pages::scoring_index(state, &mut context),
            Route::Scoring(id) => pages::scoring(state, &mut context, id),
            Route::Registrations => pages::registrations(state, &mut context),
            Route::Registration(year) => pages::registration(state, &mut context, year),
            Route::Atom => pages::atom(state, &mut context),
            Route::Documents => pages::documents(state, &mut context),
            Route::Document(i) => pages::document(state, &mut context, i),
            Route::AssociationFeed(a) => pages::association_feed(state, &mut context, a),
            Route::TagFeed(t) => pages::tag_feed(state, &mut context, t),
            Route::Alias(i, _) => pages::alias(state, &mut context, i),
            Route::Awards(year) => pages::awards(state, &mut context, year),
            Route::Meeting(i) => pages::meeting(state, &mut context, i),
            Route::Robots => pages::Page {
                template: "robots.txt",
                title: None,
                description: None,
            },
            Route::NotFound => pages::not_found(state, &mut context),
            Route::Search => pages::search(state, &mut context),
            Route::ReportJson(_)
            | Route::ReportCsv(_)
            | Route::ReportDocx(_)
            | Route::ReportXlsx(_)
            | Route::ScoringDocx(_)
            | Route::ScoringXlsx(_)
            | Route::AwardsDocx(_)
            | Route::AwardsXlsx(_)
            | Route::MeetingDocx(_)
            | Route::Sitemap
            | Route::SearchIndex
            | Route::Static(_) => {
                unreachable!("written without a template")
            }
        };
        let template = page.template;
        context.insert("section", url_path.split('/').next().unwrap_or(""));
        context.insert(
            "page_kind",
            template
                .trim_end_matches(".html")
                .trim_end_matches(".xml")
                .trim_end_matches(".txt"),
        );
        context.insert("page_title", &page.title);
        context.insert(
            "page_description",
            &page.description.or_else(|| config.description.clone()),
        );
        (template, context)
    }
}

/// Per-render values shared by many pages, computed at most once each.
struct RenderState<'a> {
    views: Views<'a>,
    /// Every period's report and every scoring, computed once for all the outputs of the build.
    reports: report::Reports<'a>,
    cards: Vec<OnceLock<Value>>,
    association_cards: OnceLock<Value>,
    /// The news bodies a build took out of the site, if it did.
    bodies: Option<&'a NewsBodies>,
}

impl<'a> RenderState<'a> {
    fn new(site: &'a Site, t: &'a Translations) -> Self {
        RenderState {
            views: Views { site, t },
            reports: report::Reports::new(site),
            cards: (0..site.news.len()).map(|_| OnceLock::new()).collect(),
            association_cards: OnceLock::new(),
            bodies: None,
        }
    }

    /// News item `i`'s body HTML (empty once released).
    fn news_html(&self, i: usize) -> NewsHtml<'a> {
        match self.bodies {
            None => NewsHtml::Site(&self.views.site.news[i].body.html),
            Some(bodies) => NewsHtml::Taken(
                bodies.html[i]
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .clone()
                    .unwrap_or_else(|| std::sync::Arc::from("")),
            ),
        }
    }

    /// Lets go of news item `i`'s body once its page has it, unless a feed shows it.
    fn release(&self, i: usize) {
        if let Some(bodies) = self.bodies
            && !bodies.kept[i]
        {
            *bodies.html[i].lock().unwrap_or_else(|e| e.into_inner()) = None;
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
                entry.insert("content".into(), Value::normal_string(&self.news_html(i)));
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
        let total = urls::page_count(items.len(), per_page);
        let start = (number - 1) * per_page;
        let page_items: Vec<Value> = items
            .iter()
            .skip(start)
            .take(per_page)
            .map(|&i| self.card(i))
            .collect();
        let url = |n: usize| config.path_url(&urls::paginated(base, n));
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
fn check_collisions(site: &Site, jobs: &[Route]) -> Vec<Diagnostic> {
    // serve's incremental renders rarely include static files: skip hashing every page path.
    if !jobs.iter().any(|j| matches!(j, Route::Static(_))) {
        return Vec::new();
    }
    // The few static files' paths, against every page's (made on both threads: a build has
    // thousands).
    let statics: HashSet<&str> = jobs
        .iter()
        .filter_map(|j| match j {
            Route::Static(i) => Some(site.static_files[*i].dest.as_str()),
            _ => None,
        })
        .collect();
    let taken: HashSet<String> = jobs
        .par_iter()
        .filter(|j| !matches!(j, Route::Static(_)))
        .map(|j| j.path(site))
        .filter(|path| statics.contains(path.as_str()))
        .collect();
    let mut problems = Vec::new();
    for job in jobs {
        if let Route::Static(i) = job {
            let file = &site.static_files[*i];
            if taken.contains(&file.dest) {
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
    for job in urls::routes(site) {
        let lastmod = match job {
            Route::News(i) => {
                let item = &site.news[i];
                Some(item.updated.as_ref().unwrap_or(&item.date).date.to_string())
            }
            Route::NewsList(n) | Route::Tag(_, n) if n > 1 => continue,
            Route::Search => continue,
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
        return out.write(urls::SITEMAP, urlset(&entries).as_bytes());
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(SITEMAP_LIMIT).enumerate() {
        let name = urls::sitemap_part(n + 1);
        out.write(&name, urlset(chunk).as_bytes())?;
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            xml_escape(&config.absolute_url(&name))
        ));
    }
    index.push_str("</sitemapindex>\n");
    out.write(urls::SITEMAP, index.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_urls_are_xml_escaped() {
        assert_eq!(xml_escape("a<b>&\"c"), "a&lt;b&gt;&amp;&quot;c");
    }
}
