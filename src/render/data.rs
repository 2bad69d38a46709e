//! Machine-readable exports of a period: `data.json` and `data.csv`, with plain numbers
//! (`10202`, `95.5`) and association slugs, for spreadsheets and other tools. Both are views of
//! the period's one report ([`super::report`]): the same values, comparisons, percentages,
//! qualifiers and sample marks as the page and the documents.

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::report::{Derived, Point, Reports};
use crate::model::Site;
use crate::period::PeriodId;

/// A Decimal as a JSON number, exactly as written (`95.5`, not `95.500000001`).
fn number(value: Decimal) -> Value {
    let text = value.normalize().to_string();
    serde_json::from_str::<serde_json::Number>(&text).map_or(Value::String(text), Value::Number)
}

/// A given value: `45000000`, or `{"value": 45000000, "qualifier": "over"}` when approximate.
fn given(point: &Point) -> Value {
    match point.qualifier {
        Some(q) => json!({ "value": number(point.value), "qualifier": q.as_str() }),
        None => number(point.value),
    }
}

/// A value with its marks: `{"value": 18, "qualifier": null, "sample": true}`.
fn point_json(point: &Option<Point>) -> Value {
    match point {
        Some(p) => json!({
            "value": number(p.value),
            "qualifier": p.qualifier.map(|q| q.as_str()),
            "sample": p.sample,
        }),
        None => Value::Null,
    }
}

/// A computed value with its marks: `{"value": 17, "approximate": false, "sample": true}`.
fn derived_json(derived: &Option<Derived>) -> Value {
    match derived {
        Some(d) => json!({
            "value": number(d.value),
            "approximate": d.approximate,
            "sample": d.sample,
        }),
        None => Value::Null,
    }
}

pub fn period_json(reports: &Reports, id: PeriodId) -> String {
    let Some(report) = reports.period(id) else {
        return String::new();
    };
    let period = report.period;
    let mut metrics = Map::new();
    let mut associations = Vec::new();
    for member in &report.members {
        let Some(achievement) = member.achievement else {
            continue;
        };
        let mut values = Map::new();
        let mut samples = Map::new();
        let mut lines = Vec::new();
        for line in &member.figures {
            let def = line.def;
            metrics.entry(line.key.to_string()).or_insert_with(|| {
                json!({
                    "label": def.label,
                    "unit": def.unit,
                    "kind": def.kind(),
                    "total": def.total(),
                    "scale": def.scale,
                })
            });
            values.insert(
                line.key.to_string(),
                line.value.as_ref().map_or(Value::Null, given),
            );
            samples.insert(
                line.key.to_string(),
                Value::Bool(line.value.is_some_and(|p| p.sample)),
            );
            lines.push(json!({
                "metric": line.key,
                "value": line.value.as_ref().map_or(Value::Null, given),
                "sample": line.value.is_some_and(|p| p.sample),
                "previous": point_json(&line.previous),
                "change": derived_json(&line.change),
                "year_earlier": point_json(&line.year_earlier),
                "year_change": derived_json(&line.year_change),
                "target": point_json(&line.target),
                "target_percent": derived_json(&line.target_percent),
                "year_target": point_json(&line.year_target),
                "year_target_percent": derived_json(&line.year_target_percent),
                "note": line.note,
            }));
        }
        let targets: Map<String, Value> = member
            .targets
            .iter()
            .map(|t| (t.key.to_string(), number(t.point.value)))
            .collect();
        let year_targets: Map<String, Value> = year_registration(reports.site(), id)
            .and_then(|r| r.targets.get(&member.association.slug))
            .map(|t| t.iter().map(|(k, v)| (k.clone(), number(*v))).collect())
            .unwrap_or_default();
        associations.push(json!({
            "slug": member.association.slug,
            "name": member.association.name,
            "reported": member.reported,
            "metrics": values,
            "targets": targets,
            "year_targets": year_targets,
            "sample": achievement.sample.is_all(),
            "samples": samples,
            "figures": lines,
        }));
    }
    let totals: Map<String, Value> = report
        .bloc
        .columns
        .iter()
        .filter_map(|c| {
            let total = c.total?;
            Some((
                c.key.to_string(),
                json!({
                    "kind": c.total_kind,
                    "value": number(total.value),
                    "approximate": total.approximate,
                    "sample": total.sample,
                    "reported_by": c.reported_by,
                }),
            ))
        })
        .collect();
    let scoring = reports.scoring(id).map(|s| {
        s.rows
            .iter()
            .map(|r| {
                json!({
                    "association": r.association.slug,
                    "criteria_total": number(r.criteria_total),
                    "self_total": r.self_total.map(number),
                    "difference": r.difference.map(number),
                    "adjustments": r.adjustments.iter().map(|a| json!({
                        "points": number(a.points),
                        "reason": a.reason,
                    })).collect::<Vec<_>>(),
                    "total": number(r.total),
                    "rank": r.rank,
                    "tied": r.tied,
                    "award": r.award.map(|a| a.title),
                    "award_status": r.award.map(|a| a.status.as_str()),
                    "award_decision": r.award.and_then(|a| a.decision),
                    "sample": r.sample,
                })
            })
            .collect::<Vec<_>>()
    });
    let document = json!({
        "period": id.to_string(),
        "title": period.title,
        "date": period.date.map(|d| d.to_string()),
        "host": period.host,
        "location": period.location,
        "issued": report.issued,
        "not_reported": report
            .not_reported()
            .map(|m| m.association.slug.as_str())
            .collect::<Vec<_>>(),
        "metrics": metrics,
        "totals": totals,
        "associations": associations,
        "scoring": scoring,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// The registration whose yearly targets the review of `id` shows (`YYYY-h1` and `YYYY`).
fn year_registration(site: &Site, id: PeriodId) -> Option<&crate::model::Registration> {
    (id.is_year() || id.part() == crate::period::Part::FirstHalf)
        .then(|| site.registrations.get(&i32::from(id.year())))
        .flatten()
}

/// The UTF-8 byte-order mark: Excel reads a CSV file as UTF-8 (Vietnamese names intact) only
/// when the file starts with it.
pub const BOM: &str = "\u{FEFF}";

/// One line per reported value: `association,metric,label,unit,value,qualifier,
/// target_next_period,sample`, then the comparisons the review shows, each with its sample
/// mark (`previous,previous_qualifier,previous_sample,change,change_sample,target,
/// target_sample,target_percent,year_target,year_target_sample,year_target_percent`), after a
/// UTF-8 BOM.
pub fn period_csv(reports: &Reports, id: PeriodId) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "association",
        "metric",
        "label",
        "unit",
        "value",
        "qualifier",
        "target_next_period",
        "sample",
        "previous",
        "previous_qualifier",
        "previous_sample",
        "change",
        "change_sample",
        "target",
        "target_sample",
        "target_percent",
        "year_target",
        "year_target_sample",
        "year_target_percent",
    ])?;
    let Some(report) = reports.period(id) else {
        return Ok(BOM.to_string());
    };
    let plain = |v: Option<Decimal>| v.map(|v| v.normalize().to_string()).unwrap_or_default();
    let flag = |b: bool| if b { "true" } else { "false" };
    for member in report.members.iter().filter(|m| m.achievement.is_some()) {
        for line in &member.figures {
            let def = line.def;
            let next_target = member.targets.iter().find(|t| t.key == line.key);
            // Text cells made inert for spreadsheet programs (`=…` is a formula to Excel).
            let text = super::cells::spreadsheet_text;
            writer.write_record([
                member.association.slug.as_str(),
                line.key,
                &text(&def.label),
                &text(def.unit.as_deref().unwrap_or("")),
                &plain(line.value.map(|p| p.value)),
                line.value
                    .and_then(|p| p.qualifier)
                    .map_or("", |q| q.as_str()),
                &plain(next_target.map(|t| t.point.value)),
                flag(line.value.is_some_and(|p| p.sample)),
                &plain(line.previous.map(|p| p.value)),
                line.previous
                    .and_then(|p| p.qualifier)
                    .map_or("", |q| q.as_str()),
                flag(line.previous.is_some_and(|p| p.sample)),
                &plain(line.change.map(|d| d.value)),
                flag(line.change.is_some_and(|d| d.sample)),
                &plain(line.target.map(|p| p.value)),
                flag(line.target.is_some_and(|p| p.sample)),
                &plain(line.target_percent.map(|d| d.value)),
                &plain(line.year_target.map(|p| p.value)),
                flag(line.year_target.is_some_and(|p| p.sample)),
                &plain(line.year_target_percent.map(|d| d.value)),
            ])?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(format!(
        "{BOM}{}",
        String::from_utf8(bytes).unwrap_or_default()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn numbers_stay_plain_and_exact() {
        assert_eq!(number(Decimal::from(10202)).to_string(), "10202");
        assert_eq!(
            number(Decimal::from_str("95.50").unwrap()).to_string(),
            "95.5"
        );
        assert_eq!(number(Decimal::from_str("0.1").unwrap()).to_string(), "0.1");
    }
}
