//! Where things are published: the output path and URL of every kind of page and file.

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
    const GENERATED: &[&str] = &[
        "news",
        "tags",
        "associations",
        "reports",
        "scoring",
        "registrations",
        "search",
        "documents",
        "admin",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
    ];
    if GENERATED.contains(&first) || (first.starts_with("sitemap-") && first.ends_with(".xml")) {
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
}
