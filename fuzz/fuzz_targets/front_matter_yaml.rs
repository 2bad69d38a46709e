//! Every file blocpress reads as YAML or front matter, from raw bytes: decoding (BOM, UTF-16,
//! NUL, invalid UTF-8), front matter splitting, YAML parsing and each file kind's checks.
//! The first byte picks the kind; the rest is the file.
//!
//! Beyond "no panic, no hang": every diagnostic names the file it was given and points at a
//! line that exists in it.

#![no_main]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use blocpress::config::SiteConfig;
use blocpress::content::association::{self, MetricScope};
use blocpress::content::{SourcePath, decode_text, news, page, period, scoring};
use blocpress::diagnostics::Diagnostic;
use blocpress::slug::Slug;
use blocpress::yaml::{self, YamlSource};
use libfuzzer_sys::fuzz_target;

const CONFIG: &str = "title: Khối thi đua\nbase_url: https://thidua.example.vn/khoi/\nmetrics:\n  conferences: { label: Hội nghị, unit: hội nghị }\n  participants: { label: Lượt tham gia }\n";

fn config() -> &'static SiteConfig {
    static CONFIG_VALUE: OnceLock<SiteConfig> = OnceLock::new();
    CONFIG_VALUE.get_or_init(|| SiteConfig::parse(CONFIG).expect("the fuzz config is valid"))
}

fn slugs() -> Vec<Slug> {
    ["hoi-luat-gia", "lien-minh-htx"]
        .iter()
        .map(|s| Slug::parse(s).unwrap())
        .collect()
}

fn source(rel: &str) -> SourcePath {
    SourcePath {
        abs: PathBuf::from(rel),
        rel: PathBuf::from(rel),
    }
}

/// Positions must point into the file: at most one line past its last (the end of the text).
fn check(diagnostics: &[Diagnostic], rel: &str, text: &str) {
    let lines = text.split('\n').count();
    for d in diagnostics {
        assert_eq!(d.path, Path::new(rel), "{d}");
        assert!(!d.message.is_empty(), "{d}");
        if let Some(line) = d.line {
            assert!(line >= 1 && line <= lines + 1, "{d} (the file has {lines} lines)");
        }
        if d.column.is_some() {
            assert!(d.line.is_some(), "{d}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let rel = match kind % 8 {
        0 => "content/news/2013-06-21-so-ket.md",
        1 => "content/pages/gioi-thieu.md",
        2 => "content/periods/2013-h1.md",
        3 => "content/associations/hoi-luat-gia/profile.yaml",
        4 => "content/associations/hoi-luat-gia/2013-h1.yaml",
        5 => "content/scoring/2013.yaml",
        6 => "site.yaml",
        _ => "themes/default/i18n/vi.yaml",
    };
    let text = match decode_text(bytes.to_vec(), Path::new(rel)) {
        Ok(text) => text,
        Err(d) => {
            check(&[d], rel, &String::from_utf8_lossy(bytes));
            return;
        }
    };
    let path = source(rel);
    let slugs = slugs();
    let known: HashSet<Slug> = slugs.iter().cloned().collect();
    let problems: Vec<Diagnostic> = match kind % 8 {
        0 => news::parse(&path, &text, &known).err().unwrap_or_default(),
        1 => page::parse(&path, &text).err().unwrap_or_default(),
        2 => period::parse(&path, &text, &known).err().unwrap_or_default(),
        3 => match association::parse_profile(slugs[0].clone(), &path, &text, config()) {
            Ok((_, warnings)) => warnings,
            Err(errors) => errors,
        },
        4 => {
            let own = indexmap::IndexMap::new();
            let scope = MetricScope {
                own: &own,
                site: &config().metrics,
            };
            match association::parse_achievement("2013-h1".parse().unwrap(), &path, &text, &scope)
            {
                Ok((_, warnings)) => warnings,
                Err(errors) => errors,
            }
        }
        5 => scoring::parse(&path, &text, &slugs).err().unwrap_or_default(),
        6 => SiteConfig::parse(&text).err().unwrap_or_default(),
        _ => yaml::from_str::<indexmap::IndexMap<String, yaml::Value>>(&YamlSource::new(
            Path::new(rel),
            &text,
        ))
        .err()
        .into_iter()
        .collect(),
    };
    check(&problems, rel, &text);
    // Rendering every message must not panic either.
    for d in &problems {
        let _ = d.to_string();
    }
});
