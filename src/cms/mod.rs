//! Editing in the browser: Decap CMS (vendored, pinned in `assets/cms/`) served at `/admin/`,
//! configured from the site's own files ([`config`]), talking to `serve` through Decap's proxy
//! protocol ([`proxy`]), with every save checked like `check` would ([`check`]). With
//! `cms: { backend: github, repo, branch }` in site.yaml, `build` publishes the same `/admin/`
//! against that repository ([`publish`]).

pub mod check;
pub mod config;
pub mod proxy;

use std::io::Read;

use include_dir::{Dir, include_dir};

/// The Decap CMS bundle and its lazy chunks, each gzip-compressed (`<name>.js.gz`).
static DIST: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/cms/dist");

/// The Decap CMS version in `assets/cms/` (see its README to update it).
pub const DECAP_VERSION: &str = "3.16.3";

/// Phrases Decap's own Vietnamese lacks, merged in before the CMS starts.
pub const VI_PHRASES: &str = include_str!("vi-phrases.js");

/// blocpress's own widgets (the news tags), registered before the CMS starts.
pub const WIDGETS: &str = include_str!("widgets.js");

/// A file of the bundle by its name (`decap-cms.js`, `1077.decap-cms.js`), still gzipped.
pub fn bundle_file_gz(name: &str) -> Option<&'static [u8]> {
    if name.contains('/') {
        return None;
    }
    DIST.get_file(format!("{name}.gz")).map(|f| f.contents())
}

/// Every bundle file as (name, gzipped bytes), sorted by name.
pub fn bundle_files() -> Vec<(&'static str, &'static [u8])> {
    let mut files: Vec<_> = DIST
        .files()
        .filter_map(|f| {
            let name = f.path().file_name()?.to_str()?.strip_suffix(".gz")?;
            Some((name, f.contents()))
        })
        .collect();
    files.sort();
    files
}

/// Decompresses one bundle file (for `build`: static hosts do not send gzip as is).
pub fn gunzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() * 4);
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}

/// `/admin/index.html`: loads the bundle, completes the Vietnamese phrases, starts the CMS.
/// `site_title` is shown in the browser tab.
pub fn index_html(site_title: &str) -> String {
    let title = escape_html(site_title);
    format!(
        r#"<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Quản trị nội dung – {title}</title>
</head>
<body>
  <script>window.CMS_MANUAL_INIT = true;</script>
  <script src="decap-cms.js"></script>
  <script src="vi-phrases.js"></script>
  <script src="widgets.js"></script>
  <script>window.CMS.init();</script>
</body>
</html>
"#
    )
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `build`: writes `admin/` (index, config, bundle) when site.yaml has `cms:`.
pub fn publish(
    site: &crate::model::Site,
    out: &dyn crate::output::Output,
) -> Result<(), crate::diagnostics::Diagnostics> {
    let Some(settings) = &site.config.cms else {
        return Ok(());
    };
    let io = |e: std::io::Error| {
        let mut all = crate::diagnostics::Diagnostics::new();
        all.push(
            crate::diagnostics::Diagnostic::new("admin", "E453")
                .nested("error", crate::messages::io_reason(&e)),
        );
        all
    };
    let config = config::generate(site, &config::Backend::GitHub(settings.clone()));
    let index = index_html(&site.config.title);
    let files = [
        ("index.html", index.as_bytes()),
        ("config.yml", config.as_bytes()),
        ("vi-phrases.js", VI_PHRASES.as_bytes()),
        ("widgets.js", WIDGETS.as_bytes()),
    ];
    for (name, bytes) in files {
        out.write(&format!("{}{name}", crate::urls::ADMIN), bytes)
            .map_err(io)?;
    }
    for (name, gz) in bundle_files() {
        let bytes = gunzip(gz).map_err(io)?;
        out.write(&format!("{}{name}", crate::urls::ADMIN), &bytes)
            .map_err(io)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_is_embedded_and_decompresses() {
        let main = bundle_file_gz("decap-cms.js").expect("decap-cms.js.gz");
        let js = gunzip(main).unwrap();
        assert!(js.len() > 4_000_000, "{}", js.len());
        assert!(bundle_files().len() > 50);
        assert!(bundle_file_gz("../x").is_none());
    }
}
