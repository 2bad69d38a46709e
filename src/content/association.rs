//! A member association: `content/associations/<slug>/profile.yaml` and one
//! `<period>.yaml` of achievements per period. Metric values are checked against the metrics
//! the association may report (its own and the site's), with the Vietnamese habit of writing
//! `10.202` for ten thousand two hundred and two caught here.

use std::str::FromStr;

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::SourcePath;
use crate::config::{MetricDef, SiteConfig, check_metric_key};
use crate::diagnostics::{Diagnostic, suggestion};
use crate::model::{Achievement, Association, Markdown, Qualifier, SampleMark};
use crate::period::PeriodId;
use crate::slug::Slug;
use crate::yaml::{self, YamlSource};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    #[serde(deserialize_with = "yaml::scalar_string::deserialize")]
    name: String,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    short_name: Option<String>,
    #[serde(default)]
    order: Option<i64>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    description: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    founded: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    leader: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    website: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    email: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    phone: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    address: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    logo: Option<String>,
    #[serde(default)]
    metrics: IndexMap<String, MetricDef>,
    #[serde(default)]
    joined: Option<yaml::Value>,
    #[serde(default)]
    left: Option<yaml::Value>,
    #[serde(default)]
    extra: yaml::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AchievementFile {
    #[serde(default, deserialize_with = "yaml::scalar_string::option::deserialize")]
    summary: Option<String>,
    #[serde(default)]
    metrics: IndexMap<String, yaml::Value>,
    #[serde(default, deserialize_with = "yaml::scalar_list::deserialize")]
    highlights: Vec<String>,
    #[serde(default, deserialize_with = "yaml::scalar_list::deserialize")]
    plans: Vec<String>,
    #[serde(default)]
    targets: IndexMap<String, yaml::Value>,
    /// A note per metric key, typed beside the figure in a returned form (issue 13).
    #[serde(default)]
    notes: IndexMap<String, yaml::Value>,
    #[serde(default)]
    extra: yaml::Value,
}

/// Parses a profile; achievements are attached by the loader.
pub fn parse_profile(
    slug: Slug,
    path: &SourcePath,
    text: &str,
    config: &SiteConfig,
) -> Result<(Association, Vec<Diagnostic>), Vec<Diagnostic>> {
    let source = YamlSource::new(&path.rel, text);
    let (file, mut problems) = yaml::from_str_all::<ProfileFile>(&source);
    let Some(file) = file else {
        return Err(problems);
    };
    let mut warnings = Vec::new();
    if file.name.trim().is_empty() {
        problems.push(source.at(&["name"], "E065").arg("key", "name"));
    }
    let mut years = [None, None];
    for (slot, field, value) in [(0, "joined", &file.joined), (1, "left", &file.left)] {
        let Some(value) = value else { continue };
        let text = yaml::scalar_text(value).unwrap_or_default();
        match text.trim().parse::<i32>() {
            Ok(year) if crate::config::is_year(text.trim()) => years[slot] = Some(year),
            _ => problems.push(
                source
                    .at(&[field], "E211")
                    .arg("field", field)
                    .arg("value", text.trim()),
            ),
        }
    }
    if let [Some(joined), Some(left)] = years
        && joined > left
    {
        problems.push(
            source
                .at(&["left"], "E212")
                .arg("joined", joined.to_string())
                .arg("left", left.to_string()),
        );
    }
    for (key, def) in &file.metrics {
        problems.extend(crate::config::check_metric_def(
            &source,
            &["metrics", key],
            def,
        ));
    }
    for key in file.metrics.keys() {
        if let Err(message) = check_metric_key(key) {
            problems.push(source.report(&["metrics", key], message));
        } else if config.metrics.contains_key(key) {
            warnings.push(
                source
                    .at(&["metrics", key], "W001")
                    .arg("key", key.as_str()),
            );
        }
    }
    if let Some(website) = &file.website {
        let scheme = super::news::url_scheme(website);
        if !matches!(scheme.as_deref(), Some("http" | "https")) {
            problems.push(source.at(&["website"], "E057").arg("url", website.as_str()));
        }
    }
    if let Some(logo) = &file.logo
        && let Err(message) = super::news::check_url(logo)
    {
        problems.push(source.report(&["logo"], message));
    }
    if let Some(email) = &file.email
        && (!email.contains('@') || email.contains(char::is_whitespace))
    {
        problems.push(source.at(&["email"], "E058").arg("value", email.as_str()));
    }
    if !problems.is_empty() {
        problems.extend(warnings);
        return Err(problems);
    }
    let name = file.name.trim().to_string();
    Ok((
        Association {
            slug,
            source: path.rel.clone(),
            short_name: file
                .short_name
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| name.clone()),
            name,
            order: file.order,
            description: file.description.map(|d| {
                let line = source.locate(&["description"]).map_or(0, |(l, _)| l);
                Markdown::new(d, line)
            }),
            founded: file.founded,
            leader: file.leader,
            website: file.website,
            email: file.email,
            phone: file.phone,
            address: file.address,
            logo: file.logo,
            metrics: file.metrics,
            extra: crate::config::extra_to_json(&file.extra),
            achievements: Default::default(),
            joined: years[0],
            left: years[1],
        },
        warnings,
    ))
}

/// The metric keys an association may report: its own, then the site's.
pub struct MetricScope<'a> {
    pub own: &'a IndexMap<String, MetricDef>,
    pub site: &'a IndexMap<String, MetricDef>,
}

impl<'a> MetricScope<'a> {
    pub fn contains(&self, key: &str) -> bool {
        self.own.contains_key(key) || self.site.contains_key(key)
    }

    /// The definition of `key`: the association's own, else the site's.
    pub fn get(&self, key: &str) -> Option<&'a MetricDef> {
        self.own.get(key).or_else(|| self.site.get(key))
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        self.own.keys().chain(self.site.keys()).map(String::as_str)
    }
}

/// Parses one period's achievements; returns it with its warnings.
pub fn parse_achievement(
    period: PeriodId,
    path: &SourcePath,
    text: &str,
    scope: &MetricScope,
) -> Result<(Achievement, Vec<Diagnostic>), Vec<Diagnostic>> {
    let source = YamlSource::new(&path.rel, text);
    let (file, mut problems) = yaml::from_str_all::<AchievementFile>(&source);
    let Some(file) = file else {
        return Err(problems);
    };
    let mut warnings = Vec::new();

    let mut values = IndexMap::new();
    let mut qualifiers = IndexMap::new();
    for (key, value) in &file.metrics {
        let Some(def) = scope.get(key) else {
            problems.push(unknown_metric(&source, "metrics", key, scope));
            continue;
        };
        let keys = ["metrics", key.as_str()];
        let (value, qualifier, keys) = match approximate(&source, &keys, value) {
            Ok(parts) => parts,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        match metric_value(&source, &keys, value)
            .and_then(|(v, w)| check_kind(&source, &keys, def, v, false).map(|()| (v, w)))
        {
            Ok((value, warning)) => {
                values.insert(key.clone(), value);
                if let Some(q) = qualifier {
                    qualifiers.insert(key.clone(), q);
                }
                // Grouped thousands in a whole-number metric are already an error; decimals warn.
                if !def.whole_numbers_only() {
                    warnings.extend(warning);
                }
            }
            Err(d) => problems.push(d),
        }
    }
    let mut targets = IndexMap::new();
    for (key, value) in &file.targets {
        let Some(def) = scope.get(key) else {
            problems.push(unknown_metric(&source, "targets", key, scope));
            continue;
        };
        let keys = ["targets", key.as_str()];
        match metric_value(&source, &keys, value)
            .and_then(|(v, w)| check_kind(&source, &keys, def, v, true).map(|()| (v, w)))
        {
            Ok((Some(value), warning)) => {
                targets.insert(key.clone(), value);
                if !def.whole_numbers_only() {
                    warnings.extend(warning);
                }
            }
            Ok((None, _)) => {}
            Err(d) => problems.push(d),
        }
    }
    let notes = parse_notes(&source, &file.notes, scope, &mut problems);
    let (extra, sample) = super::extra_and_sample(&source, &file.extra, true, &mut problems);
    if let SampleMark::Keys(keys) = &sample {
        for key in keys {
            if !values.contains_key(key) && !targets.contains_key(key) {
                warnings.push(
                    source
                        .at(&["extra", "sample"], "W002")
                        .arg("key", key.as_str()),
                );
            }
        }
    }
    if !problems.is_empty() {
        problems.extend(warnings);
        return Err(problems);
    }
    let line_of = |key: &str| source.locate(&[key]).map_or(0, |(l, _)| l);
    let list = |items: Vec<String>, key: &str| {
        let line = line_of(key);
        items
            .into_iter()
            .map(|text| Markdown::new(text, line))
            .collect()
    };
    Ok((
        Achievement {
            source: path.rel.clone(),
            period,
            summary: file.summary.map(|s| Markdown::new(s, line_of("summary"))),
            values,
            highlights: list(file.highlights, "highlights"),
            plans: list(file.plans, "plans"),
            targets,
            notes,
            extra,
            sample,
            qualifiers,
        },
        warnings,
    ))
}

/// `notes: { <metric key>: text }`: keys must be metrics, values plain text (empty ones dropped).
fn parse_notes(
    source: &YamlSource,
    notes: &IndexMap<String, yaml::Value>,
    scope: &MetricScope,
    problems: &mut Vec<Diagnostic>,
) -> IndexMap<String, String> {
    let mut out = IndexMap::new();
    for (key, value) in notes {
        if !scope.contains(key) {
            problems.push(unknown_metric(source, "notes", key, scope));
            continue;
        }
        match value {
            yaml::Value::Null => {}
            other => match yaml::scalar_text(other) {
                Some(text) if !text.trim().is_empty() => {
                    out.insert(key.clone(), text.trim().to_string());
                }
                Some(_) => {}
                None => problems.push(
                    Diagnostic::new(source.path, "E370")
                        .arg("key", key.as_str())
                        .at_opt(source.locate(&["notes", key])),
                ),
            },
        }
    }
    out
}

fn unknown_metric(
    source: &YamlSource,
    section: &str,
    key: &str,
    scope: &MetricScope,
) -> Diagnostic {
    let hint = suggestion(key, scope.keys());
    source
        .at(&[section, key], "E075")
        .arg("key", key)
        .nested("hint", hint)
}

/// An approximate value, `{ value: 40000000, qualifier: over }`, split into its number (and the
/// keys where it is written) and its qualifier; any other value passes through unchanged.
#[allow(clippy::type_complexity)]
pub fn approximate<'v>(
    source: &YamlSource,
    keys: &[&str],
    value: &'v yaml::Value,
) -> Result<(&'v yaml::Value, Option<Qualifier>, Vec<String>), Diagnostic> {
    let owned = |extra: Option<&str>| {
        let mut k: Vec<String> = keys.iter().map(|s| s.to_string()).collect();
        k.extend(extra.map(str::to_string));
        k
    };
    let yaml::Value::Mapping(map) = value else {
        return Ok((value, None, owned(None)));
    };
    let key = keys.last().copied().unwrap_or("");
    let mut number = None;
    let mut qualifier = None;
    for (k, v) in map {
        match yaml::scalar_text(k).as_deref() {
            Some("value") => number = Some(v),
            Some("qualifier") => {
                let text = yaml::scalar_text(v).unwrap_or_default();
                match Qualifier::parse(text.trim()) {
                    Some(q) => qualifier = Some(q),
                    None => {
                        let mut at = keys.to_vec();
                        at.push("qualifier");
                        return Err(source
                            .at(&at, "E209")
                            .arg("key", key)
                            .arg("value", text.trim()));
                    }
                }
            }
            other => {
                return Err(source
                    .at(keys, "E208")
                    .arg("key", key)
                    .arg("field", other.unwrap_or("?").to_string()));
            }
        }
    }
    match (number, qualifier) {
        (Some(number), Some(q)) => Ok((number, Some(q), owned(Some("value")))),
        (Some(number), None) => Ok((number, None, owned(Some("value")))),
        (None, _) => Err(source
            .at(keys, "E208")
            .arg("key", key)
            .arg("field", "value")),
    }
}

/// What a metric's kind and bounds allow: whole numbers for counts, nothing below `min`
/// (0 by default) or above `max` (100 for percent), and targets above zero.
pub fn check_kind(
    source: &YamlSource,
    keys: &[&str],
    def: &MetricDef,
    value: Option<Decimal>,
    is_target: bool,
) -> Result<(), Diagnostic> {
    use crate::config::MetricKind;
    let Some(value) = value else { return Ok(()) };
    let key = keys
        .iter()
        .rev()
        .find(|k| **k != "value")
        .copied()
        .unwrap_or("");
    let written = source
        .raw_value(keys)
        .map_or_else(|| value.normalize().to_string(), str::to_string);
    if def.kind() == MetricKind::Count && !value.fract().is_zero() {
        if looks_like_grouped_thousands(&written) {
            return Err(source
                .at(keys, "E200")
                .arg("key", key)
                .arg("value", written.as_str())
                .arg("right", written.replace('.', "")));
        }
        return Err(source
            .at(keys, "E201")
            .arg("key", key)
            .arg("value", written.as_str()));
    }
    if def.kind() == MetricKind::Amount && def.in_dong() && !value.fract().is_zero() {
        // `12.500.000` is a string to YAML (E081); `12.500` is 12.5.
        let fix = if looks_like_grouped_thousands(&written) {
            crate::messages::Message::new("fix-write-digits")
                .arg("digits", written.replace('.', ""))
        } else {
            crate::messages::Message::new("fix-write-whole-dong")
        };
        return Err(source
            .at(keys, "E469")
            .arg("key", key)
            .arg("value", written.as_str())
            .nested("fix", fix));
    }
    if is_target && value <= Decimal::ZERO {
        return Err(source
            .at(keys, "E204")
            .arg("key", key)
            .arg("value", written.as_str()));
    }
    let as_f64 = value.to_string().parse::<f64>().unwrap_or(0.0);
    if as_f64 < def.min() {
        return Err(source
            .at(keys, "E202")
            .arg("key", key)
            .arg("value", written.as_str())
            .arg("min", def.min().to_string()));
    }
    if let Some(max) = def.max()
        && as_f64 > max
    {
        return Err(source
            .at(keys, "E203")
            .arg("key", key)
            .arg("value", written.as_str())
            .arg("max", max.to_string()));
    }
    Ok(())
}

/// `1.500.000` or `10.202`: digits grouped by dots, as Vietnamese writes thousands.
fn looks_like_grouped_thousands(text: &str) -> bool {
    let mut groups = text.split('.');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// A metric or target value: an integer or decimal written the YAML way, or empty (`None`:
/// not reported yet). Text that looks like a Vietnamese-formatted number is an error that says
/// how to write it; a decimal such as `10.202` is accepted with a warning.
pub fn metric_value(
    source: &YamlSource,
    keys: &[&str],
    value: &yaml::Value,
) -> Result<(Option<Decimal>, Option<Diagnostic>), Diagnostic> {
    let key = keys.last().copied().unwrap_or("");
    let raw = source.raw_value(keys).unwrap_or("");
    let lowered = raw.trim_start_matches(['+', '-']).to_ascii_lowercase();
    if matches!(value, yaml::Value::Number(_))
        && (lowered.starts_with("0x") || lowered.starts_with("0o"))
    {
        return Err(source.at(keys, "E076").arg("key", key).arg("value", raw));
    }
    let (number, warning) = parse_metric_value(source, keys, value)?;
    if let Some(number) = number {
        check_metric_range(source, keys, number)?;
    }
    Ok((number, warning))
}

/// The largest figure blocpress accepts (a thousand trillion), and the most decimals: enough for
/// any bloc's report, and small enough that changes, sums and percentages cannot overflow.
pub const MAX_METRIC: i64 = 1_000_000_000_000_000;
pub const MAX_METRIC_DECIMALS: u32 = 6;

fn check_metric_range(
    source: &YamlSource,
    keys: &[&str],
    number: Decimal,
) -> Result<(), Diagnostic> {
    let key = keys.last().copied().unwrap_or("");
    if number.abs() > Decimal::from(MAX_METRIC) {
        return Err(source.at(keys, "E077").arg("key", key));
    }
    if number.normalize().scale() > MAX_METRIC_DECIMALS {
        return Err(source
            .at(keys, "E078")
            .arg("key", keys.last().copied().unwrap_or(""))
            .count("decimals", MAX_METRIC_DECIMALS));
    }
    Ok(())
}

fn parse_metric_value(
    source: &YamlSource,
    keys: &[&str],
    value: &yaml::Value,
) -> Result<(Option<Decimal>, Option<Diagnostic>), Diagnostic> {
    let key = keys.last().copied().unwrap_or("");
    match value {
        yaml::Value::Null => Ok((None, None)),
        yaml::Value::Number(number) => {
            if let Some(i) = number.as_i64() {
                return Ok((Some(Decimal::from(i)), None));
            }
            if let Some(u) = number.as_u64() {
                return Ok((Some(Decimal::from(u)), None));
            }
            let float = number.as_f64().unwrap_or(f64::NAN);
            if !float.is_finite() {
                return Err(source.at(keys, "E079").arg("key", key));
            }
            if float.abs() > MAX_METRIC as f64 {
                return Err(source.at(keys, "E077").arg("key", key));
            }
            let decimal = Decimal::from_str(&float.to_string())
                .or_else(|_| Decimal::from_scientific(&float.to_string()))
                .map_err(|_| source.at(keys, "E080").arg("key", key))?;
            let raw = source.raw_value(keys).unwrap_or("");
            let warning = looks_like_grouped_thousands(raw).then(|| {
                let digits = raw.replace('.', "");
                source
                    .at(keys, "W003")
                    .arg("key", key)
                    .arg("value", raw)
                    .arg("number", decimal.normalize().to_string())
                    .arg(
                        "vietnamese",
                        crate::i18n::format_decimal(decimal, crate::i18n::Language::Vi),
                    )
                    .arg("digits", digits)
            });
            Ok((Some(decimal), warning))
        }
        yaml::Value::String(text) => {
            let trimmed = text.trim();
            // As the editor wrote it: `"40.000.000"` with its quotes, `1.500.000` without.
            let written = source
                .raw_value(keys)
                .map_or_else(|| format!("\"{text}\""), str::to_string);
            if looks_like_grouped_thousands(trimmed)
                || (trimmed.contains('.') && trimmed.contains(','))
            {
                let plain = trimmed.replace('.', "").replace(',', ".");
                return Err(source
                    .at(keys, "E081")
                    .arg("key", key)
                    .arg("value", written)
                    .arg("fixed", plain));
            }
            if trimmed.contains(',') && trimmed.replace(',', "").bytes().all(|b| b.is_ascii_digit())
            {
                // `35,` (a comma left at the end) is 35; `95,5` is 95.5.
                let plain = if trimmed.ends_with(',') || trimmed.starts_with(',') {
                    trimmed.trim_matches(',').to_string()
                } else {
                    trimmed.replace(',', ".")
                };
                return Err(source
                    .at(keys, "E082")
                    .arg("key", key)
                    .arg("value", written)
                    .arg("fixed", plain));
            }
            match Decimal::from_str(trimmed) {
                // A number in quotes is text to YAML: say so, and how to write it.
                Ok(decimal) if !trimmed.is_empty() => Err(source
                    .at(keys, "E205")
                    .arg("key", key)
                    .arg("value", written.as_str())
                    .arg("right", decimal.normalize().to_string())),
                _ if trimmed.is_empty() => Ok((None, None)),
                _ => Err(source
                    .at(keys, "E083")
                    .arg("key", key)
                    .arg("value", text.as_str())),
            }
        }
        _ => Err(source.at(keys, "E084").arg("key", key)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn scope_defs() -> (IndexMap<String, MetricDef>, IndexMap<String, MetricDef>) {
        let def = |label: &str| MetricDef {
            label: label.into(),
            ..MetricDef::default()
        };
        let own = IndexMap::from([("conferences".to_string(), def("Hội nghị"))]);
        let site = IndexMap::from([
            (
                "new_members".to_string(),
                MetricDef {
                    kind: Some(crate::config::MetricKind::Decimal),
                    ..def("Hội viên mới")
                },
            ),
            (
                "rate".to_string(),
                MetricDef {
                    unit: Some("%".into()),
                    ..def("Tỷ lệ")
                },
            ),
            (
                "support".to_string(),
                MetricDef {
                    kind: Some(crate::config::MetricKind::Amount),
                    scale: Some(crate::config::Scale::Million),
                    ..def("Hỗ trợ")
                },
            ),
        ]);
        (own, site)
    }

    fn achievement(text: &str) -> Result<(Achievement, Vec<Diagnostic>), Vec<Diagnostic>> {
        let (own, site) = scope_defs();
        let path = SourcePath {
            abs: PathBuf::from("x"),
            rel: PathBuf::from("content/associations/a/2013-h1.yaml"),
        };
        parse_achievement(
            "2013-h1".parse().unwrap(),
            &path,
            text,
            &MetricScope {
                own: &own,
                site: &site,
            },
        )
    }

    #[test]
    fn values_integers_decimals_and_empty() {
        let (a, warnings) =
            achievement("metrics:\n  conferences: 35\n  new_members: 95.5\n").unwrap();
        assert_eq!(a.values["conferences"], Some(Decimal::from(35)));
        assert_eq!(
            a.values["new_members"],
            Some(Decimal::from_str("95.5").unwrap())
        );
        assert!(warnings.is_empty());
        let (a, _) = achievement("metrics:\n  conferences:\n").unwrap();
        assert_eq!(a.values["conferences"], None);
    }

    #[test]
    fn vietnamese_thousands_warn_or_fail_with_advice() {
        let (_, warnings) = achievement("metrics:\n  new_members: 10.202\n").unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .text(crate::i18n::Language::En)
                .contains("write `new_members: 10202`"),
            "{}",
            warnings[0]
        );
        assert_eq!(warnings[0].line, Some(2));

        let errors = achievement("metrics:\n  conferences: \"40.000.000\"\n").unwrap_err();
        assert!(
            errors[0]
                .text(crate::i18n::Language::En)
                .contains("conferences: 40000000"),
            "{}",
            errors[0]
        );
        let errors = achievement("metrics:\n  conferences: 1.500.000\n").unwrap_err();
        assert!(
            errors[0]
                .text(crate::i18n::Language::En)
                .contains("1500000"),
            "{}",
            errors[0]
        );
        let errors = achievement("metrics:\n  conferences: \"95,5\"\n").unwrap_err();
        assert!(
            errors[0].text(crate::i18n::Language::En).contains("95.5"),
            "{}",
            errors[0]
        );
    }

    fn codes(text: &str) -> Vec<&'static str> {
        match achievement(text) {
            Ok((_, warnings)) => warnings.iter().map(Diagnostic::code).collect(),
            Err(errors) => errors.iter().map(Diagnostic::code).collect(),
        }
    }

    #[test]
    fn values_are_checked_by_kind() {
        // A count written with grouped thousands: "write 1080".
        let errors = achievement("metrics:\n  conferences: 1.080\n").unwrap_err();
        assert_eq!(errors[0].code(), "E200");
        let text = errors[0].text(crate::i18n::Language::Vi);
        assert!(text.contains("viết: conferences: 1080"), "{text}");
        assert_eq!(codes("metrics:\n  conferences: 2.5\n"), ["E201"]);
        assert_eq!(codes("metrics:\n  conferences: -3\n"), ["E202"]);
        assert_eq!(codes("metrics:\n  rate: 105\n"), ["E203"]);
        assert!(codes("metrics:\n  rate: 99.5\n").is_empty());
        assert_eq!(codes("targets:\n  conferences: 0\n"), ["E204"]);
        assert_eq!(codes("targets:\n  conferences: -4\n"), ["E204"]);
        assert_eq!(codes("metrics:\n  conferences: \" 35\"\n"), ["E205"]);
        assert!(codes("metrics:\n  support: 40000000.5\n").is_empty());
    }

    #[test]
    fn approximate_values_keep_their_qualifier() {
        let (a, _) = achievement(
            "metrics:\n  support: { value: 40000000, qualifier: over }\n  conferences: 3\n",
        )
        .unwrap();
        assert_eq!(a.values["support"], Some(Decimal::from(40_000_000)));
        assert_eq!(a.qualifier("support"), Some(Qualifier::Over));
        assert_eq!(a.qualifier("conferences"), None);
        assert_eq!(
            codes("metrics:\n  support: { value: 4, qualifier: hon }\n"),
            ["E209"]
        );
        assert_eq!(codes("metrics:\n  support: { so: 4 }\n"), ["E208"]);
        // The kind still applies to the number inside.
        assert_eq!(
            codes("metrics:\n  conferences: { value: 2.5, qualifier: about }\n"),
            ["E201"]
        );
    }

    #[test]
    fn unknown_metric_names_the_nearest() {
        let errors = achievement("metrics:\n  conferencs: 3\n").unwrap_err();
        assert!(
            errors[0]
                .text(crate::i18n::Language::En)
                .contains("did you mean `conferences`"),
            "{}",
            errors[0]
        );
        assert_eq!(errors[0].line, Some(2));
        assert_eq!(
            errors[0].path,
            Path::new("content/associations/a/2013-h1.yaml")
        );
    }

    #[test]
    fn grouped_thousands_detection() {
        assert!(looks_like_grouped_thousands("10.202"));
        assert!(looks_like_grouped_thousands("1.500.000"));
        assert!(!looks_like_grouped_thousands("10.2"));
        assert!(!looks_like_grouped_thousands("10.2020"));
        assert!(!looks_like_grouped_thousands("1234.567"));
    }
}
