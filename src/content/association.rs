//! A member association: `content/associations/<slug>/profile.yaml` and one
//! `<period>.yaml` of achievements per period. Metric values are checked against the metrics
//! the association may report (its own and the site's), with the Vietnamese habit of writing
//! `10.202` for ten thousand two hundred and two caught here.

use std::str::FromStr;

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::{Markdown, SourcePath};
use crate::config::{MetricDef, SiteConfig, check_metric_key};
use crate::diagnostics::{Diagnostic, suggestion};
use crate::model::{Achievement, Association, SampleMark};
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
    let file: ProfileFile = yaml::from_str(&source).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    if file.name.trim().is_empty() {
        problems.push(source.error_at(&["name"], "name must not be empty"));
    }
    for key in file.metrics.keys() {
        if let Err(message) = check_metric_key(key) {
            problems.push(source.error_at(&["metrics", key], message));
        } else if config.metrics.contains_key(key) {
            warnings.push(source.warning_at(
                &["metrics", key],
                format!("metric `{key}` is also defined in site.yaml; this association's definition is used for it"),
            ));
        }
    }
    if let Some(website) = &file.website {
        let scheme = super::news::url_scheme(website);
        if !matches!(scheme.as_deref(), Some("http" | "https")) {
            problems.push(source.error_at(
                &["website"],
                format!(
                    "website `{website}` must be a full address starting with https:// or http://"
                ),
            ));
        }
    }
    if let Some(logo) = &file.logo
        && let Err(message) = super::news::check_url(logo)
    {
        problems.push(source.error_at(&["logo"], message));
    }
    if let Some(email) = &file.email
        && (!email.contains('@') || email.contains(char::is_whitespace))
    {
        problems.push(source.error_at(&["email"], format!("`{email}` is not an e-mail address")));
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
        },
        warnings,
    ))
}

/// The metric keys an association may report: its own, then the site's.
pub struct MetricScope<'a> {
    pub own: &'a IndexMap<String, MetricDef>,
    pub site: &'a IndexMap<String, MetricDef>,
}

impl MetricScope<'_> {
    fn contains(&self, key: &str) -> bool {
        self.own.contains_key(key) || self.site.contains_key(key)
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
    let file: AchievementFile = yaml::from_str(&source).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();

    let mut values = IndexMap::new();
    for (key, value) in &file.metrics {
        if !scope.contains(key) {
            problems.push(unknown_metric(&source, "metrics", key, scope));
            continue;
        }
        match metric_value(&source, &["metrics", key], value) {
            Ok((value, warning)) => {
                values.insert(key.clone(), value);
                warnings.extend(warning);
            }
            Err(d) => problems.push(d),
        }
    }
    let mut targets = IndexMap::new();
    for (key, value) in &file.targets {
        if !scope.contains(key) {
            problems.push(unknown_metric(&source, "targets", key, scope));
            continue;
        }
        match metric_value(&source, &["targets", key], value) {
            Ok((Some(value), warning)) => {
                targets.insert(key.clone(), value);
                warnings.extend(warning);
            }
            Ok((None, _)) => {}
            Err(d) => problems.push(d),
        }
    }
    let notes = parse_notes(&source, &file.notes, scope, &mut problems);
    let extra = crate::config::extra_to_json(&file.extra);
    let sample = SampleMark::from_extra(&extra);
    if let SampleMark::Keys(keys) = &sample {
        for key in keys {
            if !values.contains_key(key) && !targets.contains_key(key) {
                warnings.push(source.warning_at(
                    &["extra", "sample"],
                    format!("`extra.sample` names `{key}`, which this file does not report"),
                ));
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
    source.error_at(
        &[section, key],
        format!(
            "unknown metric `{key}`{hint} (define it under `metrics` in this association's profile.yaml or in site.yaml)"
        ),
    )
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
        return Err(source.error_at(
            keys,
            format!("`{key}: {raw}` is a hexadecimal or octal number; write it in decimal digits"),
        ));
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
        return Err(source.error_at(
            keys,
            format!("`{key}` is too large: figures may be at most {MAX_METRIC} (10^15)"),
        ));
    }
    if number.normalize().scale() > MAX_METRIC_DECIMALS {
        return Err(source.error_at(
            keys,
            format!("`{key}` has more than {MAX_METRIC_DECIMALS} decimals; round it (e.g. 95.5)"),
        ));
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
                return Err(source.error_at(keys, format!("`{key}` must be a finite number")));
            }
            if float.abs() > MAX_METRIC as f64 {
                return Err(source.error_at(
                    keys,
                    format!("`{key}` is too large: figures may be at most {MAX_METRIC} (10^15)"),
                ));
            }
            let decimal = Decimal::from_str(&float.to_string())
                .or_else(|_| Decimal::from_scientific(&float.to_string()))
                .map_err(|_| {
                    source.error_at(
                        keys,
                        format!("`{key}` is not a usable number; write it like 35 or 95.5"),
                    )
                })?;
            let raw = source.raw_value(keys).unwrap_or("");
            let warning = looks_like_grouped_thousands(raw).then(|| {
                let digits = raw.replace('.', "");
                source.warning_at(
                    keys,
                    format!(
                        "`{key}: {raw}` is read as the decimal number {} (YAML uses `.` for decimals); if you meant {digits}, write `{key}: {digits}` without the dot",
                        crate::i18n::format_decimal(decimal, crate::i18n::Language::Vi)
                    ),
                )
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
                return Err(source.error_at(
                    keys,
                    format!(
                        "`{key}: {written}` is read as text, not a number: write numbers without thousands separators and without quotes, e.g. `{key}: {plain}`"
                    ),
                ));
            }
            if trimmed.contains(',') && trimmed.replace(',', "").bytes().all(|b| b.is_ascii_digit())
            {
                let plain = trimmed.replace(',', ".");
                return Err(source.error_at(
                    keys,
                    format!("`{key}: {written}` is read as text: write decimals with a dot and without quotes, e.g. `{key}: {plain}`"),
                ));
            }
            match Decimal::from_str(trimmed) {
                Ok(decimal) if !trimmed.is_empty() => Ok((Some(decimal), None)),
                _ if trimmed.is_empty() => Ok((None, None)),
                _ => Err(source.error_at(
                    keys,
                    format!("`{key}` must be a number, not the text \"{text}\""),
                )),
            }
        }
        _ => Err(source.error_at(
            keys,
            format!("`{key}` must be a number (like 35 or 95.5), not a list or mapping"),
        )),
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
        let site = IndexMap::from([("new_members".to_string(), def("Hội viên mới"))]);
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
        let (_, warnings) = achievement("metrics:\n  conferences: 10.202\n").unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .text(crate::i18n::Language::En)
                .contains("write `conferences: 10202`"),
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
