//! The template context of each kind of page: one function per route (see [`crate::urls`]),
//! called by `Renderer::context`, which adds what every page has (its URL, title, description).

use tera::{Context, Value};

use super::views::Views;
use super::{ASSOCIATION_NEWS_ITEMS, HOME_ITEMS, RenderState, documents, readers};
use crate::period::PeriodId;
use crate::urls;

/// What a page's context function decides besides the variables: its template, and its title
/// and description for `<head>`.
pub(super) struct Page {
    pub template: &'static str,
    pub title: Option<String>,
    pub description: Option<String>,
}

pub(super) fn home(state: &RenderState, context: &mut Context) -> Page {
    let views = &state.views;
    let site = views.site;
    let latest: Vec<Value> = (0..site.news.len().min(HOME_ITEMS))
        .map(|i| state.card(i))
        .collect();
    context.insert_value("latest_news", Value::from(latest));
    // The latest report issued (not a period `blocpress new period` just created with every
    // value empty, nor one only a scoring names).
    let report = site
        .periods
        .keys()
        .rev()
        .filter_map(|&id| state.reports.period(id))
        .find(|r| r.issued);
    context.insert("latest_period", &report.map(|r| views.period_summary(r)));
    context.insert_value("associations", state.association_cards());
    Page {
        template: "index.html",
        title: None,
        description: None,
    }
}

pub(super) fn news_list(state: &RenderState, context: &mut Context, n: usize) -> Page {
    let views = &state.views;
    let site = views.site;
    let title = Some(views.tr("news"));
    context.insert_value(
        "paginator",
        state.paginator(
            urls::NEWS,
            (0..site.news.len()).collect::<Vec<_>>().as_slice(),
            n,
        ),
    );
    Page {
        template: "news_list.html",
        title,
        description: None,
    }
}

pub(super) fn news(state: &RenderState, context: &mut Context, i: usize) -> Page {
    let views = &state.views;
    let site = views.site;
    let item = &site.news[i];
    context.insert_value("news", state.card(i));
    context.insert_value("content", Value::safe_string(&state.news_html(i)));
    state.release(i);
    context.insert_value(
        "newer",
        if i > 0 {
            state.card(i - 1)
        } else {
            Value::none()
        },
    );
    context.insert_value(
        "older",
        if i + 1 < site.news.len() {
            state.card(i + 1)
        } else {
            Value::none()
        },
    );
    context.insert_value("json_ld", Value::safe_string(&news_json_ld(views, item)));
    let related: Vec<Value> = readers::related(site, i)
        .into_iter()
        .map(|n| state.card(n))
        .collect();
    context.insert_value("related", Value::from(related));
    let title = Some(item.title.clone());
    let description = item.summary.clone();
    Page {
        template: "news.html",
        title,
        description,
    }
}

pub(super) fn tags(state: &RenderState, context: &mut Context) -> Page {
    let views = &state.views;
    let site = views.site;
    let config = &site.config;
    let title = Some(views.tr("tags"));
    let tags: Vec<Value> = site
        .tags
        .iter()
        .map(|t| {
            Value::from_serializable(&serde_json::json!({
                "slug": t.slug, "name": t.name, "count": t.news.len(),
                "url": config.path_url(&urls::tag(&t.slug)),
            }))
        })
        .collect();
    context.insert_value("tags", Value::from(tags));
    Page {
        template: "tags.html",
        title,
        description: None,
    }
}

pub(super) fn tag(state: &RenderState, context: &mut Context, t: usize, n: usize) -> Page {
    let views = &state.views;
    let site = views.site;
    let tag = &site.tags[t];
    let title = Some(format!("{}: {}", views.tr("tag"), tag.name));
    context.insert(
        "tag",
        &serde_json::json!({ "slug": tag.slug, "name": tag.name, "count": tag.news.len() }),
    );
    context.insert_value(
        "paginator",
        state.paginator(&urls::tag(&tag.slug), &tag.news, n),
    );
    Page {
        template: "tag.html",
        title,
        description: None,
    }
}

pub(super) fn page(state: &RenderState, context: &mut Context, i: usize) -> Page {
    let views = &state.views;
    let site = views.site;
    let page = &site.pages[i];
    let title = Some(page.title.clone());
    context.insert(
        "page",
        &serde_json::json!({ "title": page.title, "slug": page.slug, "extra": page.extra }),
    );
    context.insert_value("content", Value::safe_string(&page.body.html));
    context.insert("toc", &readers::toc(&page.body.html));
    Page {
        template: "page.html",
        title,
        description: None,
    }
}

pub(super) fn associations(state: &RenderState, context: &mut Context) -> Page {
    let views = &state.views;
    let title = Some(views.tr("associations"));
    context.insert_value("associations", state.association_cards());
    Page {
        template: "associations.html",
        title,
        description: None,
    }
}

pub(super) fn association(state: &RenderState, context: &mut Context, i: usize) -> Page {
    let views = &state.views;
    let site = views.site;
    let association = &site.associations[i];
    let title = Some(association.name.clone());
    context.insert(
        "association",
        &views.association_page(association, &state.reports),
    );
    let documents: Vec<_> = site
        .documents_of_association(&association.slug)
        .into_iter()
        .map(|d| documents::view(views, &site.documents[d]))
        .collect();
    context.insert("documents", &documents);
    let news: Vec<Value> = site
        .index
        .news_by_association
        .get(&association.slug)
        .map(|list| {
            list.iter()
                .take(ASSOCIATION_NEWS_ITEMS)
                .map(|&n| state.card(n))
                .collect()
        })
        .unwrap_or_default();
    context.insert_value("news", Value::from(news));
    Page {
        template: "association.html",
        title,
        description: None,
    }
}

pub(super) fn reports(state: &RenderState, context: &mut Context) -> Page {
    let views = &state.views;
    let site = views.site;
    let title = Some(views.tr("reports"));
    // A report with no figures (a scoring file alone, a period `new period` just created) is
    // not issued and not listed as published.
    let (periods, pending): (Vec<_>, Vec<_>) = site
        .periods
        .keys()
        .rev()
        .filter_map(|&id| state.reports.period(id))
        .map(|r| views.period_summary(r))
        .partition(|p| p.has_figures);
    context.insert("periods", &periods);
    context.insert("pending", &pending);
    let registrations: Vec<_> = site
        .registrations
        .values()
        .rev()
        .map(|r| {
            let view = views.registration(r);
            serde_json::json!({ "title": view.title, "url": view.url, "year": view.year })
        })
        .collect();
    context.insert("registrations", &registrations);
    // The bloc's year beyond the reviews: awards proposals and meetings, newest first.
    let awards: Vec<_> = site
        .awards
        .keys()
        .rev()
        .map(|&year| {
            serde_json::json!({
                "title": format!("{} {year}", views.tr("awards_title")),
                "url": views.url(&urls::awards(year)),
            })
        })
        .collect();
    context.insert("awards", &awards);
    let meetings: Vec<_> = site
        .meetings
        .iter()
        .rev()
        .map(|m| views.meeting(m))
        .collect();
    context.insert("meetings", &meetings);
    Page {
        template: "reports.html",
        title,
        description: None,
    }
}

pub(super) fn report(state: &RenderState, context: &mut Context, id: PeriodId) -> Page {
    let views = &state.views;
    let site = views.site;
    let period = &site.periods[&id];
    let report = views.report(
        state
            .reports
            .period(id)
            .expect("a route of a period the site has"),
        state.reports.scoring(id),
    );
    let title = Some(report.heading.clone());
    let description = period.summary.clone();
    context.insert("report", &report);
    let documents: Vec<_> = site
        .documents_of_period(id)
        .into_iter()
        .map(|d| documents::view(views, &site.documents[d]))
        .collect();
    context.insert("documents", &documents);
    if let Some(narrative) = &period.narrative {
        context.insert("toc", &readers::toc(&narrative.html));
    }
    // The numbered sections are `report.sections`; these are the texts of II and IV.
    context.insert(
        "assessment",
        &period.assessment.as_ref().map(|m| m.html.as_str()),
    );
    context.insert(
        "recommendations",
        &period.recommendations.as_ref().map(|m| m.html.as_str()),
    );
    context.insert("meetings", &views.meetings_of(id));
    // The year's awards proposal, from the review of that year.
    let year = i32::from(id.year());
    context.insert(
        "awards_url",
        &(id.is_year() && site.awards.contains_key(&year)).then(|| views.url(&urls::awards(year))),
    );
    let news: Vec<Value> = site
        .index
        .news_by_period
        .get(&id)
        .map(|list| list.iter().map(|&n| state.card(n)).collect())
        .unwrap_or_default();
    context.insert_value("news", Value::from(news));
    Page {
        template: "report.html",
        title,
        description,
    }
}

pub(super) fn scoring_index(state: &RenderState, context: &mut Context) -> Page {
    let views = &state.views;
    let site = views.site;
    let title = Some(views.tr("scoring"));
    let list: Vec<_> = site
        .scorings
        .keys()
        .rev()
        .filter_map(|&id| state.reports.scoring(id))
        .map(|s| views.scoring(s))
        .collect();
    context.insert("scorings", &list);
    Page {
        template: "scoring_list.html",
        title,
        description: None,
    }
}

pub(super) fn scoring(state: &RenderState, context: &mut Context, id: PeriodId) -> Page {
    let views = &state.views;
    let scoring = views.scoring(
        state
            .reports
            .scoring(id)
            .expect("a route of a scoring the site has"),
    );
    let title = Some(scoring.title.clone());
    context.insert("scoring", &scoring);
    Page {
        template: "scoring.html",
        title,
        description: None,
    }
}

pub(super) fn registrations(state: &RenderState, context: &mut Context) -> Page {
    let views = &state.views;
    let site = views.site;
    let list: Vec<_> = site
        .registrations
        .values()
        .rev()
        .map(|r| views.registration(r))
        .collect();
    context.insert("registrations", &list);
    Page {
        template: "registrations.html",
        title: Some(views.tr("registrations")),
        description: None,
    }
}

pub(super) fn registration(state: &RenderState, context: &mut Context, year: i32) -> Page {
    let views = &state.views;
    let site = views.site;
    let registration = views.registration(&site.registrations[&year]);
    let title = Some(registration.title.clone());
    context.insert("registration", &registration);
    Page {
        template: "registration.html",
        title,
        description: None,
    }
}

pub(super) fn awards(state: &RenderState, context: &mut Context, year: i32) -> Page {
    let views = &state.views;
    let awards = views.awards(&views.site.awards[&year]);
    let title = Some(awards.title.clone());
    context.insert("awards", &awards);
    Page {
        template: "awards.html",
        title,
        description: None,
    }
}

pub(super) fn meeting(state: &RenderState, context: &mut Context, i: usize) -> Page {
    let views = &state.views;
    let meeting = views.meeting(&views.site.meetings[i]);
    let title = Some(meeting.title.to_string());
    let description = Some(format!("{} – {}", meeting.title, meeting.date_long));
    context.insert("meeting", &meeting);
    Page {
        template: "meeting.html",
        title,
        description,
    }
}

pub(super) fn atom(state: &RenderState, context: &mut Context) -> Page {
    let views = &state.views;
    let site = views.site;
    let all: Vec<usize> = (0..site.news.len()).collect();
    state.feed(context, &all);
    Page {
        template: "atom.xml",
        title: None,
        description: None,
    }
}

pub(super) fn documents(state: &RenderState, context: &mut Context) -> Page {
    let views = &state.views;
    let site = views.site;
    let title = Some(views.tr("documents"));
    let documents: Vec<_> = site
        .documents
        .iter()
        .map(|d| documents::view(views, d))
        .collect();
    let (kinds, years) = documents::filters(site);
    context.insert("filter_css", &documents::filter_css(&kinds, &years));
    context.insert("kinds", &kinds);
    context.insert("years", &years);
    context.insert("documents", &documents);
    Page {
        template: "documents.html",
        title,
        description: None,
    }
}

pub(super) fn document(state: &RenderState, context: &mut Context, i: usize) -> Page {
    let views = &state.views;
    let site = views.site;
    let document = &site.documents[i];
    let title = Some(document.title.clone());
    let description = Some(format!("{} {}", document.kind, document.number));
    context.insert("document", &documents::view(views, document));
    context.insert_value("notes", Value::safe_string(&document.body.html));
    Page {
        template: "document.html",
        title,
        description,
    }
}

pub(super) fn association_feed(state: &RenderState, context: &mut Context, a: usize) -> Page {
    let views = &state.views;
    let site = views.site;
    let config = &site.config;
    let association = &site.associations[a];
    let path = urls::association(&association.slug);
    let list = site.index.news_by_association.get(&association.slug);
    state.feed(context, list.map_or(&[][..], Vec::as_slice));
    context.insert(
        "feed_title",
        &format!("{} – {}", association.name, config.title),
    );
    context.insert("feed_self", &config.absolute_url(&urls::feed(&path)));
    context.insert("feed_page", &config.absolute_url(&path));
    Page {
        template: "atom.xml",
        title: None,
        description: None,
    }
}

pub(super) fn tag_feed(state: &RenderState, context: &mut Context, t: usize) -> Page {
    let views = &state.views;
    let site = views.site;
    let config = &site.config;
    let tag = &site.tags[t];
    let path = urls::tag(&tag.slug);
    state.feed(context, &tag.news);
    context.insert(
        "feed_title",
        &format!("{}: {} – {}", views.tr("tag"), tag.name, config.title),
    );
    context.insert("feed_self", &config.absolute_url(&urls::feed(&path)));
    context.insert("feed_page", &config.absolute_url(&path));
    Page {
        template: "atom.xml",
        title: None,
        description: None,
    }
}

pub(super) fn alias(state: &RenderState, context: &mut Context, i: usize) -> Page {
    let views = &state.views;
    let site = views.site;
    let item = &site.news[i];
    let title = Some(item.title.clone());
    context.insert_value("news", state.card(i));
    Page {
        template: "alias.html",
        title,
        description: None,
    }
}

pub(super) fn not_found(state: &RenderState, _context: &mut Context) -> Page {
    let views = &state.views;
    let title = Some(views.tr("not_found_title"));
    Page {
        template: "404.html",
        title,
        description: None,
    }
}

pub(super) fn search(state: &RenderState, context: &mut Context) -> Page {
    let views = &state.views;
    let title = Some(views.tr("search"));
    context.insert(
            "labels",
            &serde_json::json!({
                "found": views.tr("search_found"),
                "none": views.tr("search_none"),
                "error": views.tr("search_error"),
                "kinds": { "n": views.tr("kind_news"), "a": views.tr("kind_association"), "r": views.tr("kind_report"), "p": views.tr("kind_page"), "d": views.tr("kind_document") },
                "more": views.tr("search_more"),
            }),
        );
    Page {
        template: "search.html",
        title,
        description: None,
    }
}

/// JSON-LD `NewsArticle` for a news page; `<`, `>` and `&` are escaped so the text cannot
/// close its `<script>` element.
fn news_json_ld(views: &Views, item: &crate::model::NewsItem) -> String {
    let config = &views.site.config;
    let organization = serde_json::json!({ "@type": "Organization", "name": config.title, "url": config.base_url });
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title,
        "datePublished": item.date.rfc3339,
        "dateModified": item.updated.as_ref().unwrap_or(&item.date).rfc3339,
        "url": config.absolute_url(&urls::news(&item.slug)),
        "mainEntityOfPage": config.absolute_url(&urls::news(&item.slug)),
        "inLanguage": config.language.code(),
        "publisher": organization,
        "author": match &item.author {
            Some(name) => serde_json::json!({ "@type": "Person", "name": name }),
            None => organization.clone(),
        },
    });
    if let Some(summary) = &item.summary {
        value["description"] = summary.as_str().into();
    }
    if let Some(image) = &item.image {
        let url = views.asset_url(image);
        let absolute = if url.starts_with("http") {
            url
        } else {
            config.absolute_url(url.trim_start_matches(&config.base_path as &str))
        };
        value["image"] = absolute.into();
    }
    serde_json::to_string(&value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
