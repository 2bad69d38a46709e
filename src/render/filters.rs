//! Tera filters for themes: numbers, percentages, changes and dates in the site's language,
//! and URLs under the site's sub-path. Registered before templates are added, as Tera 2
//! checks at load time that every filter a template uses exists.

use std::str::FromStr;

use rust_decimal::Decimal;
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::i18n::{self, DateStyle, Language};

fn language(kwargs: &Kwargs, default: Language) -> TeraResult<Language> {
    match kwargs.get::<&str>("lang")? {
        Some(code) => Language::from_code(code).ok_or_else(|| {
            tera::Error::message(format!("unknown language `{code}`; use \"vi\" or \"en\""))
        }),
        None => Ok(default),
    }
}

/// A number from a template value: integers, floats or numeric text (`"95.5"`).
fn decimal(value: &Value) -> TeraResult<Decimal> {
    if let Some(i) = value.as_i64() {
        return Ok(Decimal::from(i));
    }
    if let Some(u) = value.as_u64() {
        return Ok(Decimal::from(u));
    }
    if let Some(f) = value.as_f64() {
        return Decimal::from_str(&f.to_string())
            .or_else(|_| Decimal::from_scientific(&f.to_string()))
            .map_err(|_| tera::Error::message(format!("{f} is not a representable number")));
    }
    if let Some(text) = value.as_str() {
        return Decimal::from_str(text.trim())
            .map_err(|_| tera::Error::message(format!("`{text}` is not a number")));
    }
    Err(tera::Error::message(format!(
        "expected a number, got a {}",
        value.name()
    )))
}

pub fn register(tera: &mut Tera, site_language: Language, base_path: String, base_url: String) {
    let lang = site_language;
    // `{{ 10202 | num }}` → 10.202 (vi) / 10,202 (en); `lang="en"` overrides.
    tera.register_filter(
        "num",
        move |value: Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            if value.is_none() || value.is_undefined() {
                return Ok(String::new());
            }
            Ok(i18n::format_decimal(
                decimal(&value)?,
                language(&kwargs, lang)?,
            ))
        },
    );
    // `{{ term(id="target") }}` → Kế hoạch: the glossary's one name of a concept
    // (locales/<lang>/glossary.ftl), the same word the documents and forms use. A name the
    // glossary lacks is a template error, so a typo does not print an id.
    tera.register_function(
        "term",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let id: &str = kwargs.must_get("id")?;
            crate::messages::term(id, language(&kwargs, lang)?).ok_or_else(|| {
                tera::Error::message(format!(
                    "`{id}` is not in the glossary (locales/{}/glossary.ftl)",
                    lang.code()
                ))
            })
        },
    );
    // `{{ 87.5 | percent }}` → 87,5%
    tera.register_filter(
        "percent",
        move |value: Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let number = decimal(&value)?;
            let as_float = number.to_string().parse::<f64>().unwrap_or(f64::NAN);
            Ok(i18n::format_percent(as_float, language(&kwargs, lang)?))
        },
    );
    // `{{ -3 | change }}` → −3, `{{ 19 | change }}` → +19
    tera.register_filter(
        "change",
        move |value: Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            Ok(i18n::format_change(
                decimal(&value)?,
                language(&kwargs, lang)?,
            ))
        },
    );
    // `{{ "2013-06-21" | date }}` → 21/06/2013; `style="long"` → ngày 21 tháng 6 năm 2013
    tera.register_filter(
        "date",
        move |value: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let day = value.get(..10).unwrap_or(value);
            let date = jiff::civil::Date::from_str(day).map_err(|_| {
                tera::Error::message(format!("`{value}` is not a date (YYYY-MM-DD)"))
            })?;
            let style = match kwargs.get::<&str>("style")? {
                None | Some("short") => DateStyle::Short,
                Some("long") => DateStyle::Long,
                Some(other) => {
                    return Err(tera::Error::message(format!(
                        "unknown date style `{other}`; use \"short\" or \"long\""
                    )));
                }
            };
            Ok(i18n::format_date(date, style, language(&kwargs, lang)?))
        },
    );
    // `{{ "style.css" | url }}` → /khoi/style.css
    let path = base_path.clone();
    tera.register_filter("url", move |value: &str, _: Kwargs, _: &State| -> String {
        format!("{}{}", path, value.trim_start_matches('/'))
    });
    // `{{ "news/x/" | abs_url }}` → https://site/khoi/news/x/
    tera.register_filter(
        "abs_url",
        move |value: &str, _: Kwargs, _: &State| -> String {
            if value.starts_with("http://") || value.starts_with("https://") {
                return value.to_string();
            }
            let relative = value.strip_prefix(base_path.as_str()).unwrap_or(value);
            format!("{}{}", base_url, relative.trim_start_matches('/'))
        },
    );
    // JSON for `<script type="application/ld+json">`: `<` is escaped so the text cannot close the tag.
    tera.register_filter(
        "json_ld",
        |value: Value, _: Kwargs, _: &State| -> TeraResult<Value> {
            // Through serde_json's sorted map: Tera's maps have no stable order, output must.
            let text = serde_json::to_value(&value)
                .and_then(|v| serde_json::to_string(&v))
                .map_err(|e| tera::Error::message(format!("cannot write JSON: {e}")))?;
            Ok(Value::safe_string(
                &text
                    .replace('<', "\\u003c")
                    .replace('>', "\\u003e")
                    .replace('&', "\\u0026"),
            ))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Context;

    fn render(template: &str, language: Language) -> String {
        let mut tera = Tera::new();
        register(
            &mut tera,
            language,
            "/khoi/".into(),
            "https://x.vn/khoi/".into(),
        );
        tera.add_raw_template("t", template).unwrap();
        tera.render("t", &Context::new()).unwrap()
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(
            render(
                "{{ 10202 | num }} {{ 95.5 | num }} {{ \"40000000\" | num }}",
                Language::Vi
            ),
            "10.202 95,5 40.000.000"
        );
        assert_eq!(
            render("{{ 10202 | num }} {{ 95.5 | num }}", Language::En),
            "10,202 95.5"
        );
        assert_eq!(
            render("{{ 10202 | num(lang=\"en\") }}", Language::Vi),
            "10,202"
        );
        assert_eq!(
            render("{{ 87.5 | percent }} {{ -3 | change }}", Language::Vi),
            "87,5% \u{2212}3"
        );
    }

    #[test]
    fn dates_and_urls() {
        assert_eq!(
            render("{{ \"2013-06-21\" | date }}", Language::Vi),
            "21/06/2013"
        );
        assert_eq!(
            render("{{ \"2013-06-21\" | date(style=\"long\") }}", Language::Vi),
            "ngày 21 tháng 6 năm 2013"
        );
        assert_eq!(
            render("{{ \"2013-06-21\" | date }}", Language::En),
            "June 21, 2013"
        );
        assert_eq!(
            render(
                "{{ \"style.css\" | url }} {{ \"/khoi/news/\" | abs_url }}",
                Language::Vi
            ),
            "/khoi/style.css https://x.vn/khoi/news/"
        );
    }

    #[test]
    fn json_ld_cannot_close_the_script() {
        let out = render("{{ {\"a\": \"</script><b>\"} | json_ld }}", Language::Vi);
        assert!(!out.contains("</script>"), "{out}");
    }
}
