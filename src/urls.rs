//! The route table: the output path and URL of every page and file the site publishes, computed
//! from the model alone. Rendering (one job per [`Route`]), validation (a page on another's
//! address, aliases over a page or a [`reserved`] path), search, `serve`'s invalidation, the
//! office documents, the sitemap and the CMS all ask here; no other module spells a URL.
//!
//! Paths are relative to the output root and use `/`. An HTML page has a URL path ending in `/`
//! (`news/x/`, `""` for home) and is the file `index.html` under it; any other file is named in
//! full (`reports/2013-h1/data.csv`). A link is `SiteConfig::path_url(path)`, which adds the
//! sub-path of `base_url`; feeds and the sitemap use `SiteConfig::absolute_url(path)`.
//!
//! Adding a page kind (say `/meetings/<slug>/`) happens here first:
//! 1. a function giving its path from the model's identifiers (`pub fn meeting(slug) -> String`),
//!    beside the others below, and its top-level folder in [`SECTIONS`] (a free page then
//!    cannot take that name, and links to files there are not taken for files of `static/`);
//! 2. a [`Route`] variant, its arm in [`Route::url_path`] (a page) or [`Route::file_path`]
//!    (another file), and its instances in [`routes`];
//! 3. the compiler then points at what is left: the page's template context (an arm in
//!    `render::Renderer::context`) and, when the kind can be edited while serving, the pages a
//!    change re-renders (`serve::incremental`). The checks that no two routes share a file and
//!    that aliases stay off every route, the sitemap and the output marker follow from the table.

use std::collections::HashMap;

use crate::model::Site;
use crate::period::PeriodId;
use crate::slug::Slug;

/// Top-level folders the site generates pages in, and the browser editor's folder.
pub const SECTIONS: &[&str] = &[
    "news",
    "tags",
    "associations",
    "reports",
    "scoring",
    "registrations",
    "search",
    "documents",
    "awards",
    "meetings",
    "admin",
];

/// Whether a free page (`/<slug>/`) cannot take `slug`: every section, and names kept for the
/// site's own files.
pub fn kept_page_slug(slug: &str) -> bool {
    const KEPT: &[&str] = &[
        "page",
        "atom-xml",
        "sitemap-xml",
        "robots-txt",
        "404",
        "static",
        "assets",
    ];
    SECTIONS.contains(&slug) || KEPT.contains(&slug)
}

pub const NEWS: &str = "news/";
pub const TAGS: &str = "tags/";
pub const ASSOCIATIONS: &str = "associations/";
pub const REPORTS: &str = "reports/";
pub const SCORING: &str = "scoring/";
pub const DOCUMENTS: &str = "documents/";
pub const REGISTRATIONS: &str = "registrations/";
pub const SEARCH: &str = "search/";
/// The search index's entry file; the rest of the index lies beside it under [`SEARCH`].
pub const SEARCH_INDEX: &str = "search/index.json";
/// The browser editor (`serve` always; `build` when site.yaml has `cms:`).
pub const ADMIN: &str = "admin/";
/// The site's Atom feed; members and tags have one under their page too ([`feed`]).
pub const FEED: &str = "atom.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
pub const NOT_FOUND: &str = "404.html";

pub fn news(slug: &Slug) -> String {
    format!("{NEWS}{slug}/")
}

pub fn tag(slug: &Slug) -> String {
    format!("{TAGS}{slug}/")
}

/// A free page: `/<slug>/`.
pub fn page(slug: &Slug) -> String {
    format!("{slug}/")
}

pub fn association(slug: &Slug) -> String {
    format!("{ASSOCIATIONS}{slug}/")
}

/// The review of a period.
pub fn report(id: PeriodId) -> String {
    format!("{REPORTS}{id}/")
}

pub fn report_json(id: PeriodId) -> String {
    format!("{REPORTS}{id}/data.json")
}

pub fn report_csv(id: PeriodId) -> String {
    format!("{REPORTS}{id}/data.csv")
}

pub fn report_xlsx(id: PeriodId) -> String {
    format!("{REPORTS}{id}/data.xlsx")
}

/// The review as an official report (`bao-cao-2013-h1.docx`).
pub fn report_docx(id: PeriodId) -> String {
    format!("{REPORTS}{id}/bao-cao-{id}.docx")
}

pub fn scoring(id: PeriodId) -> String {
    format!("{SCORING}{id}/")
}

pub fn scoring_xlsx(id: PeriodId) -> String {
    format!("{SCORING}{id}/bang-diem-{id}.xlsx")
}

pub fn scoring_docx(id: PeriodId) -> String {
    format!("{SCORING}{id}/bang-diem-{id}.docx")
}

pub fn registration(year: i32) -> String {
    format!("{REGISTRATIONS}{year}/")
}

pub fn document(slug: &Slug) -> String {
    format!("{DOCUMENTS}{slug}/")
}

pub const AWARDS: &str = "awards/";
pub const MEETINGS: &str = "meetings/";

/// The year's awards proposal: the lists of collectives and individuals.
pub fn awards(year: i32) -> String {
    format!("{AWARDS}{year}/")
}

/// The proposal as an official document (*Tờ trình*).
pub fn awards_docx(year: i32) -> String {
    format!("{AWARDS}{year}/to-trinh-{year}.docx")
}

/// The lists as a spreadsheet.
pub fn awards_xlsx(year: i32) -> String {
    format!("{AWARDS}{year}/danh-sach-khen-thuong-{year}.xlsx")
}

pub fn meeting(slug: &Slug) -> String {
    format!("{MEETINGS}{slug}/")
}

/// The minutes of a meeting (*biên bản*).
pub fn meeting_docx(slug: &Slug) -> String {
    format!("{MEETINGS}{slug}/bien-ban-{slug}.docx")
}

/// The Atom feed of a page that has one (a member's, a tag's): `associations/x/atom.xml`.
pub fn feed(page: &str) -> String {
    format!("{page}{FEED}")
}

/// Page `number` (1-based) of a list at `base`: `news/` page 1 → `news/`, page 3 →
/// `news/page/3/`.
pub fn paginated(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

/// Part `n` (1-based) of a sitemap too large for one file.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// The file of an HTML page: `news/x/` → `news/x/index.html`.
pub fn page_file(url_path: &str) -> String {
    format!("{url_path}index.html")
}

/// Number of pages for `count` items, at least one (an empty list still has its page).
pub fn page_count(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page.max(1)).max(1)
}

/// One output file of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route {
    Home,
    /// 1-based page of the news list.
    NewsList(usize),
    News(usize),
    Tags,
    /// Tag `.0`, page `.1` (1-based).
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
    /// `registrations/`: every year's registration.
    Registrations,
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
    /// `/documents/`
    Documents,
    /// `/documents/<slug>/`
    Document(usize),
    /// The redirect page of news item `.0`'s alias `.1`.
    Alias(usize, usize),
    /// The Atom feed of an association, of a tag.
    AssociationFeed(usize),
    TagFeed(usize),
    /// `awards/<year>/` and its downloads.
    Awards(i32),
    AwardsDocx(i32),
    AwardsXlsx(i32),
    /// `meetings/<slug>/` of [`Site::meetings`]`[.0]`, and its minutes.
    Meeting(usize),
    MeetingDocx(usize),
}

impl Route {
    /// The output file (relative, `/`-separated).
    pub fn path(&self, site: &Site) -> String {
        match self.url_path(site) {
            Some(url) => page_file(&url),
            None => self.file_path(site),
        }
    }

    /// The URL path of an HTML page under the site root (`""` for home), `None` for other files.
    pub fn url_path(&self, site: &Site) -> Option<String> {
        Some(match self {
            Route::Home => String::new(),
            Route::NewsList(n) => paginated(NEWS, *n),
            Route::News(i) => news(&site.news[*i].slug),
            Route::Tags => TAGS.to_string(),
            Route::Tag(t, n) => paginated(&tag(&site.tags[*t].slug), *n),
            Route::Page(i) => page(&site.pages[*i].slug),
            Route::Associations => ASSOCIATIONS.to_string(),
            Route::Association(i) => association(&site.associations[*i].slug),
            Route::Reports => REPORTS.to_string(),
            Route::Report(p) => report(*p),
            Route::ScoringIndex => SCORING.to_string(),
            Route::Search => SEARCH.to_string(),
            Route::Scoring(p) => scoring(*p),
            Route::Registrations => REGISTRATIONS.to_string(),
            Route::Registration(year) => registration(*year),
            Route::Documents => DOCUMENTS.to_string(),
            Route::Document(i) => document(&site.documents[*i].slug),
            Route::Awards(year) => awards(*year),
            Route::Meeting(i) => meeting(&site.meetings[*i].slug),
            _ => return None,
        })
    }

    /// The path of a file that is not an HTML page.
    fn file_path(&self, site: &Site) -> String {
        match self {
            Route::ReportJson(p) => report_json(*p),
            Route::ReportCsv(p) => report_csv(*p),
            Route::ReportDocx(p) => report_docx(*p),
            Route::ReportXlsx(p) => report_xlsx(*p),
            Route::ScoringDocx(p) => scoring_docx(*p),
            Route::ScoringXlsx(p) => scoring_xlsx(*p),
            Route::Atom => FEED.to_string(),
            Route::Sitemap => SITEMAP.to_string(),
            Route::Robots => ROBOTS.to_string(),
            Route::NotFound => NOT_FOUND.to_string(),
            Route::SearchIndex => SEARCH_INDEX.to_string(),
            Route::Static(i) => site.static_files[*i].dest.clone(),
            Route::Alias(i, k) => site.news[*i].aliases[*k].file(),
            Route::AssociationFeed(i) => feed(&association(&site.associations[*i].slug)),
            Route::TagFeed(t) => feed(&tag(&site.tags[*t].slug)),
            Route::AwardsDocx(year) => awards_docx(*year),
            Route::AwardsXlsx(year) => awards_xlsx(*year),
            Route::MeetingDocx(i) => meeting_docx(&site.meetings[*i].slug),
            page => page_file(&page.url_path(site).unwrap_or_default()),
        }
    }

    /// How messages name the route: its URL path from the site root (`/news/x/`, `/atom.xml`).
    pub fn shown(&self, site: &Site) -> String {
        match self.url_path(site) {
            Some(url) => format!("/{url}"),
            None => format!("/{}", self.file_path(site)),
        }
    }
}

/// Every route of the site, in a stable order: the generated sections first, then free pages,
/// office downloads, site-wide files, static files, documents, feeds and redirects.
pub fn routes(site: &Site) -> Vec<Route> {
    let per_page = site.config.news_per_page;
    let mut routes = vec![
        Route::Home,
        Route::Tags,
        Route::Associations,
        Route::Reports,
        Route::ScoringIndex,
    ];
    routes.extend((1..=page_count(site.news.len(), per_page)).map(Route::NewsList));
    routes.extend((0..site.news.len()).map(Route::News));
    for (t, tag) in site.tags.iter().enumerate() {
        routes.extend((1..=page_count(tag.news.len(), per_page)).map(|n| Route::Tag(t, n)));
    }
    routes.extend((0..site.pages.len()).map(Route::Page));
    routes.extend((0..site.associations.len()).map(Route::Association));
    for &id in site.periods.keys() {
        routes.extend([
            Route::Report(id),
            Route::ReportJson(id),
            Route::ReportCsv(id),
        ]);
    }
    routes.extend(site.scorings.keys().map(|&id| Route::Scoring(id)));
    if !site.registrations.is_empty() {
        routes.push(Route::Registrations);
    }
    routes.extend(
        site.registrations
            .keys()
            .map(|&year| Route::Registration(year)),
    );
    for &id in site.periods.keys() {
        routes.extend(report_downloads(site, id));
    }
    for &id in site.scorings.keys() {
        routes.extend(scoring_downloads(site, id));
    }
    routes.extend(year_routes(site));
    routes.extend([
        Route::Atom,
        Route::Sitemap,
        Route::Robots,
        Route::NotFound,
        Route::Search,
        Route::SearchIndex,
    ]);
    routes.extend((0..site.static_files.len()).map(Route::Static));
    routes.extend(document_routes(site));
    routes.extend((0..site.associations.len()).map(Route::AssociationFeed));
    routes.extend((0..site.tags.len()).map(Route::TagFeed));
    routes.extend(alias_routes(site));
    routes
}

/// The pages of the bloc's year: each year's awards proposal with its document and list, each
/// meeting with its minutes (the documents when `documents:` allows them).
pub fn year_routes(site: &Site) -> Vec<Route> {
    let mut routes = Vec::new();
    for (&year, awards) in &site.awards {
        routes.push(Route::Awards(year));
        // A proposal with no one in it is not issued.
        if !site.has_proposals(year) {
            continue;
        }
        routes.push(Route::AwardsXlsx(year));
        if site.document_settings(&awards.document).is_ok() {
            routes.push(Route::AwardsDocx(year));
        }
    }
    for (i, _) in site.meetings.iter().enumerate() {
        routes.push(Route::Meeting(i));
        if site.document_header().is_ok() {
            routes.push(Route::MeetingDocx(i));
        }
    }
    routes
}

/// The office downloads of a period's review: the spreadsheet always; the Word report when the
/// report is issued (some member reported) and site.yaml's `documents:` is complete.
pub fn report_downloads(site: &Site, id: PeriodId) -> Vec<Route> {
    let Some(period) = site.periods.get(&id) else {
        return Vec::new();
    };
    let mut routes = vec![Route::ReportXlsx(id)];
    if site.report_issued(id) && site.document_settings(&period.document).is_ok() {
        routes.push(Route::ReportDocx(id));
    }
    routes
}

/// The office downloads of a scoring: the spreadsheet always, the Word appendix when
/// `documents:` is complete.
pub fn scoring_downloads(site: &Site, id: PeriodId) -> Vec<Route> {
    let Some(scoring) = site.scorings.get(&id) else {
        return Vec::new();
    };
    let mut routes = vec![Route::ScoringXlsx(id)];
    if site.document_settings(&scoring.document).is_ok() {
        routes.push(Route::ScoringDocx(id));
    }
    routes
}

/// The documents' list and pages (none without documents).
pub fn document_routes(site: &Site) -> Vec<Route> {
    if site.documents.is_empty() {
        return Vec::new();
    }
    let mut routes = vec![Route::Documents];
    routes.extend((0..site.documents.len()).map(Route::Document));
    routes
}

/// The redirect pages of every news item's old URLs.
pub fn alias_routes(site: &Site) -> impl Iterator<Item = Route> + '_ {
    site.news
        .iter()
        .enumerate()
        .flat_map(|(i, n)| (0..n.aliases.len()).map(move |k| Route::Alias(i, k)))
}

/// Why no page or redirect may ever be published at a path, whatever the site holds (SPEC
/// Part 3, "Aliases"): the names kept for the output folder's own files, the browser editor,
/// every feed, the sitemap, the crawler rules, the not-found page and the search files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reserved {
    /// A hidden name (`.git`, `.nojekyll`, the output marker `.blocpress-output`): the output
    /// folder's own, kept across builds.
    Hidden,
    Admin,
    Feed,
    Sitemap,
    Robots,
    NotFound,
    Search,
}

impl Reserved {
    /// The catalogue message that says what the place is kept for.
    pub fn message_id(self) -> &'static str {
        match self {
            Reserved::Hidden => "reserved-hidden",
            Reserved::Admin => "reserved-admin",
            Reserved::Feed => "reserved-feed",
            Reserved::Sitemap => "reserved-sitemap",
            Reserved::Robots => "reserved-robots",
            Reserved::NotFound => "reserved-notfound",
            Reserved::Search => "reserved-search",
        }
    }
}

/// Whether an output path (`admin/config.yml`, `.git/index.html`) is [`Reserved`].
pub fn reserved(path: &str) -> Option<Reserved> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let first = *segments.first()?;
    if segments.iter().any(|s| s.starts_with('.')) {
        return Some(Reserved::Hidden);
    }
    if segments.contains(&FEED) {
        return Some(Reserved::Feed);
    }
    Some(match first {
        "admin" => Reserved::Admin,
        "search" => Reserved::Search,
        _ if first == SITEMAP || (first.starts_with("sitemap-") && first.ends_with(".xml")) => {
            Reserved::Sitemap
        }
        _ if first == ROBOTS => Reserved::Robots,
        _ if first == NOT_FOUND => Reserved::NotFound,
        _ => return None,
    })
}

/// The output files of a set of routes, and every folder they need, so that a new file can be
/// checked against both: a file where a folder must be (`atom.xml/index.html`) is as much a
/// clash as a file over a file.
#[derive(Debug, Default)]
pub struct Taken<T> {
    files: HashMap<String, T>,
    folders: HashMap<String, T>,
}

impl<T: Clone> Taken<T> {
    pub fn new() -> Self {
        Taken {
            files: HashMap::new(),
            folders: HashMap::new(),
        }
    }

    /// What already holds `file` or one of its folders, or a file that `file` would need as a
    /// folder.
    pub fn clash(&self, file: &str) -> Option<&T> {
        if let Some(owner) = self.files.get(file).or_else(|| self.folders.get(file)) {
            return Some(owner);
        }
        folders_of(file).find_map(|folder| self.files.get(folder))
    }

    /// Marks `file` (and its folders) as taken by `owner`; the first owner of a path stays.
    pub fn insert(&mut self, file: &str, owner: T) {
        for folder in folders_of(file) {
            self.folders
                .entry(folder.to_string())
                .or_insert_with(|| owner.clone());
        }
        self.files.entry(file.to_string()).or_insert(owner);
    }
}

/// `a/b/c.html` → `a`, `a/b`.
fn folders_of(file: &str) -> impl Iterator<Item = &str> {
    file.match_indices('/').map(move |(i, _)| &file[..i])
}

/// Where a Markdown file or front matter names a site file that does not exist: `Some(path)`
/// (relative to the output) when `url` is a root-relative link to a file of the site (it has a
/// file extension and is not under a generated section).
pub fn site_file_target(url: &str, base_path: &str) -> Option<String> {
    if !url.starts_with('/') || url.starts_with("//") {
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path
        .strip_prefix(base_path)
        .unwrap_or(path)
        .trim_start_matches('/');
    let last = path.rsplit('/').next().unwrap_or(path);
    let (_, ext) = last.rsplit_once('.')?;
    if ext.is_empty() || ext.len() > 5 || ext.eq_ignore_ascii_case("html") {
        return None;
    }
    // Files blocpress generates (reports' downloads, feeds, the search index).
    let first = path.split('/').next().unwrap_or("");
    if SECTIONS.contains(&first) || reserved(first).is_some() {
        return None;
    }
    Some(
        percent_encoding::percent_decode_str(path)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_file_links() {
        assert_eq!(
            site_file_target("/files/a%20b.pdf#p2", "/"),
            Some("files/a b.pdf".into())
        );
        assert_eq!(
            site_file_target("/khoi/images/x.jpg", "/khoi/"),
            Some("images/x.jpg".into())
        );
        assert_eq!(site_file_target("/news/", "/"), None);
        assert_eq!(site_file_target("/reports/2013-h1/data.csv", "/"), None);
        assert_eq!(site_file_target("https://x.vn/a.pdf", "/"), None);
        assert_eq!(site_file_target("a.pdf", "/"), None);
    }

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
        assert_eq!(paginated("news/", 1), "news/");
        assert_eq!(paginated("news/", 2), "news/page/2/");
        assert_eq!(paginated("tags/dai-hoi/", 7), "tags/dai-hoi/page/7/");
    }

    #[test]
    fn reserved_paths() {
        for (path, why) in [
            (".git/index.html", Reserved::Hidden),
            (".nojekyll", Reserved::Hidden),
            (".blocpress-output", Reserved::Hidden),
            ("news/.x/index.html", Reserved::Hidden),
            ("admin/index.html", Reserved::Admin),
            ("admin/config.yml/index.html", Reserved::Admin),
            ("atom.xml/index.html", Reserved::Feed),
            ("tags/new-tag/atom.xml", Reserved::Feed),
            ("sitemap.xml/index.html", Reserved::Sitemap),
            ("sitemap-3.xml", Reserved::Sitemap),
            ("robots.txt", Reserved::Robots),
            ("404.html", Reserved::NotFound),
            ("search/d/7.json", Reserved::Search),
        ] {
            assert_eq!(reserved(path), Some(why), "{path}");
        }
        for free in [
            "news/old/index.html",
            "2013/06/x.html",
            "administration/index.html",
        ] {
            assert_eq!(reserved(free), None, "{free}");
        }
    }

    #[test]
    fn a_file_where_a_folder_must_be_is_a_clash() {
        let mut taken = Taken::new();
        taken.insert("atom.xml", "feed");
        taken.insert("news/x/index.html", "news");
        assert_eq!(taken.clash("atom.xml/index.html"), Some(&"feed"));
        assert_eq!(taken.clash("news/x/index.html"), Some(&"news"));
        assert_eq!(
            taken.clash("news"),
            Some(&"news"),
            "a file where a folder is"
        );
        assert_eq!(taken.clash("news/y/index.html"), None);
        assert_eq!(taken.clash("atom.xml.html"), None);
    }
}
