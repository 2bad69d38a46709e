//! `site.yaml` → [`SiteConfig`]: the site's title, address, language, bloc roles and the metrics
//! every association may report. Unknown keys are errors; free data goes under `extra`.

use std::path::Path;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::i18n::Language;
use crate::messages::Message;
use crate::yaml::{self, YamlSource};

pub const CONFIG_FILE: &str = "site.yaml";

/// The `language` of the site at `root`, read on its own so that a site whose `site.yaml` has
/// other errors still gets its messages in its language. `None` when there is no such key.
pub fn language_of(root: &Path) -> Option<Language> {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok()?;
    let value: serde_yaml::Value = serde_yaml::from_str(&text).ok()?;
    Language::from_code(value.get("language")?.as_str()?)
}

/// A metric's definition: what it counts and in which unit.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MetricDef {
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    pub label: String,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    pub unit: Option<String>,
    /// What the values are; see [`MetricDef::kind`] for the default.
    #[serde(default)]
    pub kind: Option<MetricKind>,
    /// How the bloc-wide table combines members' values; see [`MetricDef::total`].
    #[serde(default)]
    pub total: Option<Total>,
    /// Amounts only: shown in thousands, millions or billions of the unit.
    #[serde(default)]
    pub scale: Option<Scale>,
    /// Lowest allowed value (default 0: negative values are errors).
    #[serde(default)]
    pub min: Option<f64>,
    /// Highest allowed value (default 100 for percent, none otherwise).
    #[serde(default)]
    pub max: Option<f64>,
}

/// SPEC Part 2 "Metrics": what a metric's values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetricKind {
    /// Whole numbers (the default).
    Count,
    /// Money or quantities that may have decimals.
    Amount,
    /// 0–100 unless `max` says otherwise.
    Percent,
    Decimal,
}

/// How members' values combine into the bloc-wide total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Total {
    Sum,
    Mean,
    None,
}

/// The unit an amount is shown in: `40000000` đồng → `40 triệu đồng`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Scale {
    #[serde(rename = "nghìn")]
    Thousand,
    #[serde(rename = "triệu")]
    Million,
    #[serde(rename = "tỷ")]
    Billion,
}

impl MetricDef {
    /// `kind`, or the default: `percent` when the unit is `%`, otherwise `count`.
    pub fn kind(&self) -> MetricKind {
        self.kind.unwrap_or_else(|| {
            if self.unit.as_deref().map(str::trim) == Some("%") {
                MetricKind::Percent
            } else {
                MetricKind::Count
            }
        })
    }

    /// `total`, or the default: `sum` for counts and amounts, `none` for percent and decimal.
    pub fn total(&self) -> Total {
        self.total.unwrap_or(match self.kind() {
            MetricKind::Count | MetricKind::Amount => Total::Sum,
            MetricKind::Percent | MetricKind::Decimal => Total::None,
        })
    }

    /// Whether values must be whole numbers, wherever they are typed (YAML, the browser editor,
    /// a form): counts, and amounts in đồng (the đồng has no smaller coin, so `12.5` đồng is a
    /// number typed wrong — most often `12.500.000` read by a program as 12.5). An amount in
    /// another unit (`triệu đồng`, `tấn`) may have decimals.
    pub fn whole_numbers_only(&self) -> bool {
        match self.kind() {
            MetricKind::Count => true,
            MetricKind::Amount => self.in_dong(),
            MetricKind::Percent | MetricKind::Decimal => false,
        }
    }

    /// Whether the unit is the đồng itself (`đồng`, `đ`, `VNĐ`, `VND`), not a multiple of it.
    pub fn in_dong(&self) -> bool {
        use unicode_normalization::UnicodeNormalization;
        let unit: String = self
            .unit
            .as_deref()
            .unwrap_or("")
            .trim()
            .nfc()
            .collect::<String>()
            .to_lowercase();
        matches!(
            unit.as_str(),
            "đồng" | "đ" | "vnđ" | "vnd" | "đồng việt nam" | "việt nam đồng"
        )
    }

    /// The lowest allowed value: `min`, or 0.
    pub fn min(&self) -> f64 {
        self.min.unwrap_or(0.0)
    }

    /// The highest allowed value: `max`, or 100 for percent, or none.
    pub fn max(&self) -> Option<f64> {
        self.max
            .or_else(|| (self.kind() == MetricKind::Percent).then_some(100.0))
    }

    /// Whether `value` suits the metric: whole for counts and for amounts in đồng, within
    /// `min`..`max`. The one rule every way a value comes in (YAML, the browser editor, Excel
    /// forms) checks; each caller words the problem for where the value was written.
    pub fn check_value(&self, value: rust_decimal::Decimal) -> Result<(), ValueProblem> {
        let whole = value.fract().is_zero();
        if self.kind() == MetricKind::Count && !whole {
            return Err(ValueProblem::NotWhole);
        }
        if !whole && self.whole_numbers_only() {
            return Err(ValueProblem::FractionOfDong);
        }
        let as_f64: f64 = value.to_string().parse().unwrap_or(0.0);
        if as_f64 < self.min() {
            return Err(ValueProblem::BelowMin);
        }
        if self.max().is_some_and(|max| as_f64 > max) {
            return Err(ValueProblem::AboveMax);
        }
        Ok(())
    }
}

/// Why a value does not suit its metric ([`MetricDef::check_value`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueProblem {
    /// A count with a fraction.
    NotWhole,
    /// An amount in đồng with a fraction.
    FractionOfDong,
    BelowMin,
    AboveMax,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlocConfig {
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    pub province: Option<String>,
    #[serde(default)]
    pub leader: Option<String>,
    #[serde(default)]
    pub deputy: Option<String>,
    /// Khối trưởng / khối phó per year (they rotate); years not listed use `leader`/`deputy`.
    #[serde(default)]
    pub roles: std::collections::BTreeMap<String, YearRoles>,
}

/// The bloc's leader and deputy in one year.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearRoles {
    #[serde(default)]
    pub leader: Option<String>,
    #[serde(default)]
    pub deputy: Option<String>,
    /// The roles are not from the bloc's own documents: pages mark them as sample data.
    #[serde(default)]
    pub sample: bool,
    /// Who signs the bloc's documents of that year (`{ name, title }`), unless a document
    /// names its own signer.
    #[serde(default)]
    pub signer: Option<Signer>,
}

impl BlocConfig {
    /// The roles of `year`: its entry in `roles`, else the Part 1 `leader`/`deputy`.
    pub fn roles_in(&self, year: i32) -> YearRoles {
        self.roles
            .get(&year.to_string())
            .cloned()
            .unwrap_or_else(|| YearRoles {
                leader: self.leader.clone(),
                deputy: self.deputy.clone(),
                sample: false,
                signer: None,
            })
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    #[serde(default)]
    pub unsafe_html: bool,
}

/// `documents:` in site.yaml (SPEC Part 2 "Official documents"): the header and signature of
/// the `.docx` documents. Every key is optional here; the office renderer names the missing
/// one in a single warning and leaves the `.docx` files out.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentsConfig {
    /// Cơ quan chủ quản: `UBND TỈNH LAI CHÂU`.
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    pub parent: Option<String>,
    /// Tên cơ quan ban hành: `KHỐI THI ĐUA CÁC TỔ CHỨC HỘI ĐẶC THÙ`.
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    pub issuer: Option<String>,
    /// Địa danh: `Lai Châu`.
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    pub place: Option<String>,
    /// The issuer's ký hiệu (`KTĐ`), which completes a number left blank: `Số:      /BC-KTĐ`.
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    pub code: Option<String>,
    /// Nơi nhận, one line each.
    #[serde(default)]
    pub recipients: Vec<String>,
    #[serde(default)]
    pub signer: Option<Signer>,
}

/// Who signs an official document: `TM. KHỐI THI ĐUA` / `KHỐI TRƯỞNG` / the name.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    pub on_behalf: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    pub name: Option<String>,
}

/// `images:` in site.yaml: how the image pipeline may use the machine.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawImages {
    /// `256`, `256 MB`, `1 GB`.
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    memory: Option<String>,
}

/// The image pipeline's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImagesConfig {
    /// The memory all images in flight may hold together, in bytes (`images.memory`).
    pub memory: u64,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            memory: DEFAULT_IMAGE_MEMORY,
        }
    }
}

/// The default of `images.memory`: a phone photo takes about 40 MB (decoded at half size), a
/// 24-megapixel camera photo about 90 MB; 256 MB keeps several in flight on any machine an
/// office has.
pub const DEFAULT_IMAGE_MEMORY: u64 = 256 << 20;
/// The least `images.memory` can be: one phone photo and its copies.
pub const MIN_IMAGE_MEMORY: u64 = 64 << 20;

/// `images.memory` as written: a number of megabytes (`256`), or a number with its unit
/// (`256 MB`, `1 GB`, `512MiB`). `None` when it is neither.
pub fn parse_memory(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let unit: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "mb" | "mib" | "m" => 1 << 20,
        "gb" | "gib" | "g" => 1 << 30,
        _ => return None,
    };
    number.checked_mul(unit)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    title: String,
    base_url: String,
    #[serde(default)]
    language: Language,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    description: Option<String>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    news_per_page: Option<i64>,
    #[serde(default)]
    bloc: BlocConfig,
    #[serde(default)]
    metrics: IndexMap<String, MetricDef>,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    documents: Option<DocumentsConfig>,
    #[serde(default)]
    images: RawImages,
    #[serde(default)]
    extra: yaml::Value,
    /// Editing in the browser, published (see [`crate::cms`]).
    #[serde(default)]
    cms: Option<CmsSettings>,
    /// What the workspace runs after it publishes.
    #[serde(default)]
    publish: Option<PublishSettings>,
}

/// `publish:` in site.yaml: what `blocpress workspace` runs after it builds into its publish
/// folder (`git push`, `rsync …`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishSettings {
    /// Run with `sh -c` (on Windows `cmd /C`), the site folder as its working folder.
    pub command: Option<String>,
}

/// `cms:` in site.yaml: where the published `/admin/` saves.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CmsSettings {
    /// Only `github` for now.
    pub backend: String,
    /// `OWNER/NAME`.
    pub repo: String,
    #[serde(default = "default_branch")]
    pub branch: String,
}

fn default_branch() -> String {
    String::from("main")
}

impl CmsSettings {
    /// What is wrong with the settings, as (key, code, value) for a diagnostic.
    pub fn problem(&self) -> Option<(&'static str, &'static str, String)> {
        if self.backend != "github" {
            return Some(("backend", "E450", self.backend.clone()));
        }
        let parts: Vec<&str> = self.repo.split('/').collect();
        let name_ok = |s: &str| {
            !s.is_empty()
                && s != "."
                && s != ".."
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        };
        if parts.len() != 2 || !parts.iter().all(|p| name_ok(p)) {
            return Some(("repo", "E451", self.repo.clone()));
        }
        let branch_ok = !self.branch.is_empty()
            && !self.branch.starts_with(['-', '/'])
            && !self.branch.contains("..")
            && self
                .branch
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'));
        if !branch_ok {
            return Some(("branch", "E452", self.branch.clone()));
        }
        None
    }
}

/// The validated `site.yaml`.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    /// Absolute, always ending in `/`: `https://thidua.example.vn/khoi/`.
    pub base_url: String,
    /// The path part of `base_url`, starting and ending with `/`: `/khoi/`.
    pub base_path: String,
    pub language: Language,
    pub description: Option<String>,
    pub theme: String,
    pub news_per_page: usize,
    pub bloc: BlocConfig,
    pub metrics: IndexMap<String, MetricDef>,
    pub markdown: MarkdownConfig,
    /// `documents:`: what the official `.docx` documents need (issuer, place, signer).
    pub documents: Option<DocumentsConfig>,
    /// `images:`: the memory budget of the image pipeline.
    pub images: ImagesConfig,
    pub extra: serde_json::Value,
    /// `cms:`: `build` publishes `/admin/` against this repository.
    pub cms: Option<CmsSettings>,
    /// `publish:`: what the workspace runs after publishing.
    pub publish: Option<PublishSettings>,
}

impl SiteConfig {
    /// Reads and validates `site.yaml` text. Every problem is returned, not only the first.
    pub fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        let path = Path::new(CONFIG_FILE);
        let source = YamlSource::new(path, text);
        let raw: RawConfig = yaml::from_str(&source).map_err(|d| vec![d])?;
        let mut problems = Vec::new();

        let credentials = url_without_credentials(&raw.base_url);
        let (base_url, base_path) = match normalize_base_url(&raw.base_url) {
            // A user name or password in base_url would be published in every page and feed.
            _ if credentials.is_some() => {
                problems.push(
                    Diagnostic::new(path, "E605")
                        .arg("url", credentials.unwrap_or_default())
                        .at_opt(source.locate(&["base_url"])),
                );
                (String::from("http://localhost/"), String::from("/"))
            }
            Ok(parts) => parts,
            Err(message) => {
                problems.push(source.report(&["base_url"], message));
                (String::from("http://localhost/"), String::from("/"))
            }
        };
        let news_per_page = match raw.news_per_page {
            None => 10,
            Some(n) if (1..=1000).contains(&n) => n as usize,
            Some(n) => {
                problems.push(
                    source
                        .at(&["news_per_page"], "E063")
                        .arg("value", n.to_string()),
                );
                10
            }
        };
        let theme = raw.theme.unwrap_or_else(|| String::from("default"));
        if !crate::slug::is_slug(&theme) {
            problems.push(source.at(&["theme"], "E064").arg("theme", theme.as_str()));
        }
        for key in raw.metrics.keys() {
            if let Err(message) = check_metric_key(key) {
                problems.push(source.report(&["metrics", key], message));
            }
        }
        for (key, def) in &raw.metrics {
            problems.extend(check_metric_def(&source, &["metrics", key], def));
        }
        for year in raw.bloc.roles.keys() {
            if !is_year(year) {
                problems.push(
                    source
                        .at(&["bloc", "roles", year], "E210")
                        .arg("year", year.as_str()),
                );
            }
        }
        if let Some(cms) = &raw.cms
            && let Some((key, code, value)) = cms.problem()
        {
            let at = source.locate(&["cms", key]);
            problems.push(Diagnostic::new(path, code).arg("value", value).at_opt(at));
        }
        let mut images = ImagesConfig::default();
        if let Some(text) = &raw.images.memory {
            match parse_memory(text) {
                Some(bytes) if bytes >= MIN_IMAGE_MEMORY => images.memory = bytes,
                _ => problems.push(
                    source
                        .at(&["images", "memory"], "E613")
                        .arg("value", text.as_str())
                        .count("min", MIN_IMAGE_MEMORY >> 20),
                ),
            }
        }
        if raw.title.trim().is_empty() {
            problems.push(source.at(&["title"], "E065").arg("key", "title"));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(SiteConfig {
            title: raw.title,
            base_url,
            base_path,
            language: raw.language,
            description: raw.description,
            theme,
            news_per_page,
            bloc: raw.bloc,
            metrics: raw.metrics,
            markdown: raw.markdown,
            documents: raw.documents,
            images,
            extra: extra_to_json(&raw.extra),
            cms: raw.cms,
            publish: raw.publish,
        })
    }

    /// Replaces the address the site is published at (`--base-url`, or `serve`'s local address).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), Message> {
        let (base_url, base_path) = normalize_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    /// The root-relative URL of an output path: `news/x/` → `/khoi/news/x/`.
    pub fn path_url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    /// The absolute URL of an output path, for feeds, sitemaps and sharing tags.
    pub fn absolute_url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

/// `extra` is free data: a mapping, or nothing.
pub fn extra_to_json(extra: &yaml::Value) -> serde_json::Value {
    match extra {
        yaml::Value::Null => serde_json::Value::Object(Default::default()),
        other => yaml::to_json(other),
    }
}

/// A four-digit year such as `2014`.
pub fn is_year(text: &str) -> bool {
    text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0')
}

/// What a metric definition cannot say: a scale on something other than an amount, or a
/// `min` above its `max`.
pub fn check_metric_def(source: &YamlSource, keys: &[&str], def: &MetricDef) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let key = keys.last().copied().unwrap_or("");
    if def.scale.is_some() && def.kind() != MetricKind::Amount {
        let mut at = keys.to_vec();
        at.push("scale");
        problems.push(source.at(&at, "E206").arg("key", key));
    }
    if let (Some(min), Some(max)) = (def.min, def.max)
        && min > max
    {
        problems.push(
            source
                .at(keys, "E207")
                .arg("key", key)
                .arg("min", min.to_string())
                .arg("max", max.to_string()),
        );
    }
    problems
}

/// Metric keys become CSV columns and JSON keys: keep them plain.
pub fn check_metric_key(key: &str) -> Result<(), Message> {
    let ok = !key.is_empty()
        && key.len() <= 64
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Message::new("E066")
            .arg("key", key)
            .arg("fixed", crate::slug::slugify(key).replace('-', "_")))
    }
}

/// For a URL carrying a user name or password (`https://user:secret@host/`): the URL with them
/// replaced by `…`, to name it without repeating the secret. `None` for a URL without them.
pub fn url_without_credentials(url: &str) -> Option<String> {
    let url = url.trim();
    let scheme_end = url.find("://")? + 3;
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let at = rest[..authority_end].rfind('@')?;
    Some(format!("{}…@{}", &url[..scheme_end], &rest[at + 1..]))
}

/// Checks an absolute http(s) URL and splits off its path: `https://x.vn/khoi` →
/// (`https://x.vn/khoi/`, `/khoi/`).
/// The error is E062 with the reason.
pub fn normalize_base_url(url: &str) -> Result<(String, String), Message> {
    let url = url.trim();
    let invalid = |reason| {
        Message::new("E062")
            .arg("value", url)
            .nested("reason", Message::new(reason))
    };
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| invalid("url-reason-scheme"))?;
    let scheme_len = url.len() - rest.len();
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.contains('@') {
        let shown = url_without_credentials(url).unwrap_or_default();
        return Err(Message::new("E605").arg("url", shown));
    }
    if host.is_empty() || host.contains(['?', '#', ' ', '\\']) {
        return Err(invalid("url-reason-host"));
    }
    if path.contains(['?', '#', ' ', '\\']) || path.split('/').any(|s| s == ".." || s == ".") {
        return Err(invalid("url-reason-plain"));
    }
    let mut path = path.to_string();
    while path.contains("//") {
        path = path.replace("//", "/");
    }
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok((format!("{}{}{}", &url[..scheme_len], host, path), path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_suit_their_metric() {
        use rust_decimal::Decimal;
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let def = |unit: &str, kind: Option<MetricKind>| MetricDef {
            label: "x".into(),
            unit: Some(unit.into()),
            kind,
            ..MetricDef::default()
        };
        let count = def("người", None);
        assert_eq!(count.check_value(d("12.5")), Err(ValueProblem::NotWhole));
        assert_eq!(count.check_value(d("-1")), Err(ValueProblem::BelowMin));
        assert_eq!(count.check_value(d("12")), Ok(()));
        // One rule for every way a value comes in: the forms once had a list of their own
        // that did not know "đồng Việt Nam".
        for unit in [
            "đồng",
            " Đồng ",
            "VNĐ",
            "vnd",
            "đ",
            "đồng Việt Nam",
            "Việt Nam đồng",
            "đ\u{301}ồng",
        ] {
            let money = def(unit, Some(MetricKind::Amount));
            let expected = if unit.contains('\u{301}') {
                Ok(())
            } else {
                Err(ValueProblem::FractionOfDong)
            };
            assert_eq!(money.check_value(d("12.5")), expected, "{unit:?}");
            assert_eq!(money.check_value(d("1250000000")), Ok(()));
        }
        // Decomposed as macOS writes it: still đồng.
        let nfd = def("\u{111}o\u{302}\u{300}ng", Some(MetricKind::Amount));
        assert!(nfd.in_dong());
        let tons = def("tấn", Some(MetricKind::Amount));
        assert_eq!(tons.check_value(d("12.5")), Ok(()));
        let rate = def("%", None);
        assert_eq!(rate.check_value(d("100.5")), Err(ValueProblem::AboveMax));
        assert_eq!(rate.check_value(d("95.5")), Ok(()));
    }

    #[test]
    fn image_memory_is_read_in_megabytes_or_with_its_unit() {
        assert_eq!(parse_memory("256"), Some(256 << 20));
        assert_eq!(parse_memory("256 MB"), Some(256 << 20));
        assert_eq!(parse_memory("1 GB"), Some(1 << 30));
        assert_eq!(parse_memory("512MiB"), Some(512 << 20));
        assert_eq!(parse_memory("nhiều"), None);
        assert_eq!(parse_memory("1,5 GB"), None);
    }

    #[test]
    fn settings_are_checked() {
        let ok = CmsSettings {
            backend: "github".into(),
            repo: "khoi/thidua".into(),
            branch: "main".into(),
        };
        assert_eq!(ok.problem(), None);
        let mut bad = ok.clone();
        bad.repo = "thidua".into();
        assert_eq!(bad.problem().unwrap().1, "E451");
        let mut bad = ok.clone();
        bad.backend = "gitea".into();
        assert_eq!(bad.problem().unwrap().1, "E450");
        let mut bad = ok;
        bad.branch = "a..b".into();
        assert_eq!(bad.problem().unwrap().1, "E452");
    }

    #[test]
    fn base_url_keeps_the_sub_path() {
        assert_eq!(
            normalize_base_url("https://x.vn/khoi").unwrap(),
            ("https://x.vn/khoi/".into(), "/khoi/".into())
        );
        assert_eq!(
            normalize_base_url("http://localhost:1111").unwrap(),
            ("http://localhost:1111/".into(), "/".into())
        );
        assert!(normalize_base_url("ftp://x").is_err());
        assert!(normalize_base_url("https:///x").is_err());
        assert!(normalize_base_url("https://x.vn/../y").is_err());
    }

    #[test]
    fn parses_the_spec_example_and_rejects_typos() {
        let ok = "title: Khối\nbase_url: https://x.vn/\nbloc: { leader: hoi-luat-gia }\nmetrics:\n  new_members: { label: Hội viên mới, unit: người }\n";
        let config = SiteConfig::parse(ok).unwrap();
        assert_eq!(config.news_per_page, 10);
        assert_eq!(config.language, Language::Vi);
        assert_eq!(config.metrics["new_members"].unit.as_deref(), Some("người"));

        let typo = "title: Khối\nbase_url: https://x.vn/\nnews_per_pag: 5\n";
        let errors = SiteConfig::parse(typo).unwrap_err();
        assert_eq!(errors[0].line, Some(3));
        assert!(
            errors[0]
                .text(crate::i18n::Language::En)
                .contains("did you mean `news_per_page`"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn reports_every_problem() {
        let bad =
            "title: ''\nbase_url: x.vn\nnews_per_page: 0\nmetrics:\n  Bad-Key: { label: x }\n";
        let errors = SiteConfig::parse(bad).unwrap_err();
        assert_eq!(errors.len(), 4, "{errors:?}");
    }
}
