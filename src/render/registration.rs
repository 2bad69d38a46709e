//! The page of a year's registration (*đăng ký, giao ước thi đua*): each member's yearly
//! targets and commitments, and how far the year's reviews have come against them.

use serde::Serialize;

use super::figures;
use super::report::{Derived, Point};
use super::views::{AssociationLink, PeriodLink, Views};
use crate::i18n::{self, DateStyle};
use crate::model::Registration;
use crate::period::{Part, PeriodId};

#[derive(Serialize)]
pub struct YearTargetView<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub unit: String,
    /// The target with its unit: `60 hội nghị`.
    pub display: String,
    pub value: String,
    /// The target is sample data.
    pub target_sample: bool,
    /// The latest result of the year so far (with its unit) and the share of the target it
    /// reaches.
    pub reached: Option<String>,
    pub reached_sample: bool,
    pub reached_period: Option<String>,
    pub percent: Option<String>,
    /// The percentage is computed from a sample value.
    pub sample: bool,
}

#[derive(Serialize)]
pub struct RegistrationMember<'a> {
    pub association: AssociationLink<'a>,
    pub targets: Vec<YearTargetView<'a>>,
    pub commitments: Vec<&'a str>,
    /// The title it registers for (*đăng ký danh hiệu*).
    pub title: Option<&'a str>,
}

#[derive(Serialize)]
pub struct RegistrationView<'a> {
    pub year: i32,
    pub title: String,
    pub url: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub date_long: Option<String>,
    pub members: Vec<RegistrationMember<'a>>,
    /// The reviews of the year that exist.
    pub periods: Vec<PeriodLink>,
    pub sample: bool,
    pub extra: &'a serde_json::Value,
}

impl<'a> Views<'a> {
    pub fn registration(&self, registration: &'a Registration) -> RegistrationView<'a> {
        let site = self.site;
        let lang = site.config.language;
        let year = registration.year;
        let periods: Vec<PeriodId> = [Part::FirstHalf, Part::SecondHalf, Part::Year]
            .into_iter()
            .filter_map(|part| PeriodId::new(u16::try_from(year).ok()?, part))
            .filter(|p| site.periods.contains_key(p))
            .collect();
        let members = registration
            .targets
            .keys()
            .chain(registration.commitments.keys())
            .chain(registration.titles.keys())
            .fold(Vec::new(), |mut slugs, slug| {
                if !slugs.contains(&slug) {
                    slugs.push(slug);
                }
                slugs
            })
            .into_iter()
            .filter_map(|slug| {
                let association = site.association(slug)?;
                let targets = registration
                    .targets
                    .get(slug)
                    .map(|targets| {
                        targets
                            .iter()
                            .filter_map(|(key, target)| {
                                let def = site.metric_def(association, key)?;
                                let unit = figures::shown_unit(def, lang);
                                let value = figures::value(*target, def, None, lang);
                                let target = Point {
                                    value: *target,
                                    qualifier: None,
                                    sample: registration.sample.covers(key),
                                };
                                // The year's own review if it exists, else its first half.
                                let latest = periods.iter().rev().find_map(|p| {
                                    if p.part() == Part::SecondHalf {
                                        return None;
                                    }
                                    Some((*p, Point::of(association, *p, key)?))
                                });
                                let percent = latest.and_then(|(_, v)| Derived::percent(v, target));
                                Some(YearTargetView {
                                    key,
                                    label: &def.label,
                                    display: figures::with_unit(&value, &unit),
                                    unit,
                                    value,
                                    target_sample: target.sample,
                                    reached: latest.map(|(_, v)| {
                                        figures::with_unit(
                                            &figures::point(&v, def, lang),
                                            &figures::shown_unit(def, lang),
                                        )
                                    }),
                                    reached_sample: latest.is_some_and(|(_, v)| v.sample),
                                    reached_period: latest.map(|(p, _)| p.default_title(lang)),
                                    percent: percent.as_ref().map(|d| figures::percent(d, lang)),
                                    sample: percent.is_some_and(|d| d.sample) || target.sample,
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                Some(RegistrationMember {
                    association: self.association_link(association),
                    targets,
                    commitments: registration
                        .commitments
                        .get(slug)
                        .map(|items| items.iter().map(|m| m.html.as_str()).collect())
                        .unwrap_or_default(),
                    title: registration.titles.get(slug).map(String::as_str),
                })
            })
            .collect();
        RegistrationView {
            year,
            title: registration
                .title
                .clone()
                .unwrap_or_else(|| format!("{} {year}", self.tr("registration_title"))),
            url: self.url(&crate::urls::registration(year)),
            date: registration.date.map(|d| d.to_string()),
            date_display: registration
                .date
                .map(|d| i18n::format_date(d, DateStyle::Short, lang)),
            date_long: registration
                .date
                .map(|d| i18n::format_date(d, DateStyle::Long, lang)),
            members,
            periods: periods.iter().map(|&p| self.period_link(p)).collect(),
            sample: registration.sample.is_all(),
            extra: &registration.extra,
        }
    }
}
