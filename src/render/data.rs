//! Machine-readable exports of a period: `data.json` and `data.csv`, with plain numbers
//! (`10202`, `95.5`) and association slugs, for spreadsheets and other tools.

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::model::Site;
use crate::period::PeriodId;

/// A Decimal as a JSON number, exactly as written (`95.5`, not `95.500000001`).
fn number(value: Decimal) -> Value {
    let text = value.normalize().to_string();
    serde_json::from_str::<serde_json::Number>(&text).map_or(Value::String(text), Value::Number)
}

pub fn period_json(site: &Site, id: PeriodId) -> String {
    let period = &site.periods[&id];
    let mut metrics = Map::new();
    let mut associations = Vec::new();
    for association in &site.associations {
        let Some(achievement) = association.achievements.get(&id) else {
            continue;
        };
        let mut values = Map::new();
        let mut samples = Map::new();
        for (key, value) in &achievement.values {
            if let Some(def) = site.metric_def(association, key) {
                metrics.entry(key.clone()).or_insert_with(|| {
                    json!({
                        "label": def.label,
                        "unit": def.unit,
                        "kind": def.kind(),
                        "total": def.total(),
                        "scale": def.scale,
                    })
                });
            }
            // An approximate value keeps its qualifier: {"value": 45000000, "qualifier": "over"}.
            let value = match (value, achievement.qualifier(key)) {
                (Some(v), Some(q)) => json!({ "value": number(*v), "qualifier": q.as_str() }),
                (Some(v), None) => number(*v),
                (None, _) => Value::Null,
            };
            values.insert(key.clone(), value);
            samples.insert(key.clone(), Value::Bool(achievement.sample.covers(key)));
        }
        let targets: Map<String, Value> = achievement
            .targets
            .iter()
            .map(|(k, v)| (k.clone(), number(*v)))
            .collect();
        let year_targets: Map<String, Value> = year_registration(site, id)
            .and_then(|r| r.targets.get(&association.slug))
            .map(|t| t.iter().map(|(k, v)| (k.clone(), number(*v))).collect())
            .unwrap_or_default();
        associations.push(json!({
            "slug": association.slug,
            "name": association.name,
            "metrics": values,
            "targets": targets,
            "year_targets": year_targets,
            "sample": achievement.sample.is_all(),
            "samples": samples,
        }));
    }
    let scoring = site.scorings.get(&id).map(|s| {
        s.rows
            .iter()
            .map(|r| {
                json!({
                    "association": r.association,
                    "total": number(r.total),
                    "rank": r.rank,
                    "award": r.award,
                    "award_status": r.award.as_ref().map(|_| r.award_status.as_str()),
                    "award_decision": r.award_decision,
                    "self_total": r.self_total().map(number),
                    "sample": s.sample.is_all(),
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
        "metrics": metrics,
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
/// target_next_period,sample`, after a UTF-8 BOM.
pub fn period_csv(site: &Site, id: PeriodId) -> Result<String, csv::Error> {
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
    ])?;
    for association in &site.associations {
        let Some(achievement) = association.achievements.get(&id) else {
            continue;
        };
        for (key, value) in &achievement.values {
            let def = site.metric_def(association, key);
            let value = value.map(|v| v.normalize().to_string()).unwrap_or_default();
            let target = achievement
                .targets
                .get(key)
                .map(|t| t.normalize().to_string())
                .unwrap_or_default();
            // Text cells made inert for spreadsheet programs (`=…` is a formula to Excel).
            let text = super::cells::spreadsheet_text;
            writer.write_record([
                association.slug.as_str(),
                key,
                &text(def.map_or("", |d| d.label.as_str())),
                &text(def.and_then(|d| d.unit.as_deref()).unwrap_or("")),
                &value,
                achievement.qualifier(key).map_or("", |q| q.as_str()),
                &target,
                if achievement.sample.covers(key) {
                    "true"
                } else {
                    "false"
                },
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
