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
        for (key, value) in &achievement.values {
            if let Some(def) = site.metric_def(association, key) {
                metrics
                    .entry(key.clone())
                    .or_insert_with(|| json!({ "label": def.label, "unit": def.unit }));
            }
            values.insert(key.clone(), value.map_or(Value::Null, number));
        }
        let targets: Map<String, Value> = achievement
            .targets
            .iter()
            .map(|(k, v)| (k.clone(), number(*v)))
            .collect();
        associations.push(json!({
            "slug": association.slug,
            "name": association.name,
            "metrics": values,
            "targets": targets,
            "sample": achievement.sample.is_all(),
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

/// One line per reported value: `association,metric,label,unit,value,target_next`.
pub fn period_csv(site: &Site, id: PeriodId) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "association",
        "metric",
        "label",
        "unit",
        "value",
        "target_next_period",
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
                &target,
            ])?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
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
