//! The workspace's own pages: plain server-rendered HTML in the site's language (every word
//! from the catalogue, `locales/<lang>/workspace.ftl`), readable on a phone, each carrying the
//! session's CSRF token in `<meta name="csrf-token">` and in every form.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::history::{Action, Change};
use super::publish::{State, Status};
use super::sessions::Ctx;
use super::users::Role;
use crate::i18n::Language;
use crate::messages::{self, Message};

/// Added to `/admin/`: every request Decap sends to this workspace carries the CSRF token.
pub const CSRF_JS: &str = r#"// blocpress workspace: the CSRF token on every request to this workspace.
(function () {
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta ? meta.content : '';
  var original = window.fetch;
  window.fetch = function (input, init) {
    var url = typeof input === 'string' ? input : (input && input.url) || String(input);
    if (new URL(url, location.href).origin === location.origin) {
      init = init || {};
      var headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
      headers.set('X-CSRF-Token', token);
      init.headers = headers;
    }
    return original.call(this, input, init);
  };
})();
"#;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;line-height:1.5;color:#1a1a1a}\
header{background:#8b0000;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between}\
header a,header button{color:#fff}main{max-width:60rem;margin:0 auto;padding:1rem}\
label{display:block;margin-top:.8rem;font-weight:600}input[type=text],input[type=password],select{width:100%;max-width:24rem;padding:.5rem;font-size:1rem;box-sizing:border-box}\
button{font-size:1rem;padding:.5rem 1rem;margin-top:1rem;cursor:pointer}header button{background:none;border:1px solid #fff;margin:0}\
.error{color:#a00000;font-weight:600}ul.tasks li{margin:.5rem 0}table{border-collapse:collapse;width:100%}\
td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}pre{white-space:pre-wrap;background:#f4f4f4;padding:.5rem}\
form.inline{display:inline}form.inline button{margin:0;padding:.2rem .5rem}code{overflow-wrap:anywhere}\
pre:empty{display:none}@media(max-width:40rem){table,thead,tbody,tr,td,th{display:block}th{display:none}tr{border-bottom:2px solid #ccc;padding:.4rem 0}td{border:0;padding:.15rem 0}\
td[data-label]::before{content:attr(data-label);display:block;font-size:.8rem;color:#555;font-weight:600}}";

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub fn html(page: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

pub fn title(language: Language, id: &'static str) -> String {
    messages::text(id, language)
}

fn t(language: Language, id: &'static str) -> String {
    escape(&messages::text(id, language))
}

/// A whole page: the header names the user and offers to sign out.
pub fn layout(language: Language, title: &str, ctx: Option<&Ctx>, body: &str) -> String {
    let (meta, header) = match ctx {
        Some(ctx) => (
            format!(
                "<meta name=\"csrf-token\" content=\"{}\">",
                escape(&ctx.csrf)
            ),
            format!(
                "<header><a href=\"/\">{home}</a><span>{who}</span><form class=\"inline\" method=\"post\" action=\"/logout\">{csrf}<button type=\"submit\">{logout}</button></form></header>",
                home = t(language, "workspace-home-title"),
                who = escape(
                    &Message::new("workspace-signed-in-as")
                        .arg("name", ctx.user.clone())
                        .arg(
                            "role",
                            ctx.member_name
                                .clone()
                                .unwrap_or_else(|| role_label(language, &ctx.role))
                        )
                        .render(language)
                ),
                csrf = csrf_field(ctx),
                logout = t(language, "workspace-logout"),
            ),
        ),
        None => (String::new(), String::new()),
    };
    let lang = match language {
        Language::Vi => "vi",
        _ => "en",
    };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n{meta}\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{header}\n<main>\n<h1>{title}</h1>\n{body}\n</main>\n</body>\n</html>\n",
        title = escape(title),
    )
}

fn csrf_field(ctx: &Ctx) -> String {
    format!(
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
        escape(&ctx.csrf)
    )
}

pub fn role_label(language: Language, role: &Role) -> String {
    match role {
        Role::Secretary => messages::text("workspace-role-secretary", language),
        Role::Editor => messages::text("workspace-role-editor", language),
        Role::Member(slug) => Message::new("workspace-role-member")
            .arg("member", slug.as_str())
            .render(language),
    }
}

pub fn login(language: Language, error: Option<&str>) -> String {
    let error = error.map_or(String::new(), |e| {
        format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e))
    });
    let body = format!(
        "{error}<form method=\"post\" action=\"/login\">\
<label for=\"username\">{user}</label><input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" autocapitalize=\"none\" required>\
<label for=\"password\">{password}</label><input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>\
<button type=\"submit\">{submit}</button></form>",
        user = t(language, "workspace-login-username"),
        password = t(language, "workspace-login-password"),
        submit = t(language, "workspace-login-submit"),
    );
    layout(
        language,
        &title(language, "workspace-login-title"),
        None,
        &body,
    )
}

pub fn home(language: Language, ctx: &Ctx) -> String {
    let mut tasks = vec![format!(
        "<li><a href=\"/admin/\">{}</a></li>",
        t(
            language,
            match ctx.role {
                Role::Member(_) => "workspace-task-admin-member",
                Role::Editor => "workspace-task-admin-editor",
                Role::Secretary => "workspace-task-admin-secretary",
            }
        )
    )];
    if ctx.role != Role::Editor {
        tasks.push(format!(
            "<li><a href=\"/forms/\">{}</a></li>",
            t(language, "workspace-task-forms")
        ));
    }
    tasks.push(format!(
        "<li><a href=\"/preview/{}/\">{}</a></li>",
        escape(&ctx.preview),
        t(language, "workspace-task-preview")
    ));
    tasks.push(format!(
        "<li><a href=\"/history/\">{}</a></li>",
        t(language, "workspace-task-history")
    ));
    if ctx.role == Role::Secretary {
        tasks.push(format!(
            "<li><form method=\"post\" action=\"/publish\">{}<button type=\"submit\">{}</button></form> <a href=\"/publish/\">{}</a></li>",
            csrf_field(ctx),
            t(language, "workspace-task-publish"),
            t(language, "home-publish-status"),
        ));
    }
    let body = format!(
        "<p>{}</p><ul class=\"tasks\">{}</ul>",
        t(language, "workspace-home-intro"),
        tasks.join("")
    );
    layout(
        language,
        &title(language, "workspace-home-title"),
        Some(ctx),
        &body,
    )
}

/// The history page. `member_name` names a member by its slug (its short name), for the
/// figures a change is about.
pub fn history(
    language: Language,
    ctx: &Ctx,
    changes: &[Change],
    member_name: &dyn Fn(&str) -> Option<String>,
) -> String {
    if changes.is_empty() {
        let body = format!("<p>{}</p>", t(language, "workspace-history-empty"));
        return layout(
            language,
            &title(language, "workspace-history-title"),
            Some(ctx),
            &body,
        );
    }
    let mut rows = String::new();
    for change in changes {
        let mut files = String::new();
        for file in &change.files {
            files.push_str(&format!("<div><code>{}</code>", escape(file)));
            // Only files of the data model can be restored (not forms.yaml).
            if ctx.role == Role::Secretary && crate::cms::check::classify(file).is_some() {
                files.push_str(&format!(
                    " <form class=\"inline\" method=\"post\" action=\"/history/restore\">{}<input type=\"hidden\" name=\"path\" value=\"{}\"><input type=\"hidden\" name=\"commit\" value=\"{}\"><button type=\"submit\">{}</button></form>",
                    csrf_field(ctx),
                    escape(file),
                    escape(&change.id),
                    t(language, "workspace-history-restore"),
                ));
            }
            files.push_str("</div>");
        }
        // A change of many files (the site's first commit) keeps them folded.
        if change.files.len() > 3 {
            files = format!(
                "<details><summary>{}</summary>{files}</details>",
                escape(
                    &Message::new("history-files-count")
                        .count("count", change.files.len())
                        .render(language)
                )
            );
        }
        rows.push_str(&format!(
            "<tr><td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td></tr>",
            t(language, "workspace-history-when"),
            escape(&vietnam_time(&change.time, language)),
            t(language, "workspace-history-who"),
            escape(&change.author),
            t(language, "workspace-history-what"),
            escape(&what_changed(change, language, member_name)),
            t(language, "workspace-history-files"),
            files
        ));
    }
    let body = format!(
        "<p>{}</p><table class=\"history\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{rows}</tbody></table>",
        t(language, "workspace-history-intro"),
        t(language, "workspace-history-when"),
        t(language, "workspace-history-who"),
        t(language, "workspace-history-what"),
        t(language, "workspace-history-files"),
    );
    layout(
        language,
        &title(language, "workspace-history-title"),
        Some(ctx),
        &body,
    )
}

/// A change's time as an office in Vietnam writes it, in Vietnam time (UTC+7):
/// `07/12/2026 14:05`; in English `7 Dec 2026, 14:05`. A time that does not read is shown as
/// written.
pub fn vietnam_time(time: &str, language: Language) -> String {
    let Ok(stamp) = time.parse::<jiff::Timestamp>() else {
        return time.to_string();
    };
    let local = crate::content::news::VIETNAM_OFFSET.to_datetime(stamp);
    let format = match language {
        Language::Vi => "%d/%m/%Y %H:%M",
        Language::En => "%-d %b %Y, %H:%M",
    };
    local.strftime(format).to_string()
}

/// What a change did, in words: "Sửa tin “Tập huấn”", "Tải lên ảnh “a.png”",
/// "Nhập biểu mẫu số liệu “Hội Luật gia, 6 tháng đầu năm 2013”". A change the workspace did
/// not describe (made before, or outside it) shows its message as written.
pub fn what_changed(
    change: &Change,
    language: Language,
    member_name: &dyn Fn(&str) -> Option<String>,
) -> String {
    let Some(action) = change.action.as_deref().and_then(Action::parse) else {
        return change.message.clone();
    };
    let file = change.files.first().map(String::as_str).unwrap_or("");
    let (kind, label) = if action == Action::FormIssued {
        // Kept as `member/period` when the form was handed out.
        let about = change.title.as_deref().unwrap_or("");
        let label = match about.split_once('/') {
            Some((slug, id)) => figures_label(slug, id, language, member_name),
            None => about.to_string(),
        };
        ("figures", label)
    } else {
        item(file, change.title.as_deref(), language, member_name)
    };
    format!(
        "{} {}",
        Message::new("history-action")
            .arg("action", action.name())
            .render(language),
        kind_and_label(kind, &label, language)
    )
}

/// An item of the site in words: "tin “Tập huấn”", "số liệu “Hội Luật gia, 6 tháng đầu năm
/// 2013”", "ảnh “a.png”".
pub fn item_words(
    file: &str,
    language: Language,
    member_name: &dyn Fn(&str) -> Option<String>,
) -> String {
    let (kind, label) = item(file, None, language, member_name);
    kind_and_label(kind, &label, language)
}

fn kind_and_label(kind: &'static str, label: &str, language: Language) -> String {
    let kind = Message::new("history-kind")
        .arg("kind", kind)
        .render(language);
    if label.is_empty() {
        kind
    } else {
        format!("{kind} “{label}”")
    }
}

/// What kind of item `file` is (a `history-kind`) and its name: `title` for a news item, a
/// page or minutes (else the file's name), the member and the period for figures.
fn item(
    file: &str,
    title: Option<&str>,
    language: Language,
    member_name: &dyn Fn(&str) -> Option<String>,
) -> (&'static str, String) {
    use crate::cms::check::Target;
    let name = file.rsplit('/').next().unwrap_or(file);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let titled = || title.map_or_else(|| stem.to_string(), str::to_string);
    let member = |slug: &str| member_name(slug).unwrap_or_else(|| slug.to_string());
    match crate::cms::check::classify(file) {
        Some(Target::News) => ("news", titled()),
        Some(Target::Page) => ("page", titled()),
        Some(Target::Meeting) => ("meeting", titled()),
        Some(Target::Period) => ("period", period_title(stem, language)),
        Some(Target::Profile(slug)) => ("profile", member(slug.as_str())),
        Some(Target::Figures(slug, id)) => (
            "figures",
            figures_label(slug.as_str(), &id.to_string(), language, member_name),
        ),
        Some(Target::Registration) => ("registration", stem.to_string()),
        Some(Target::Scoring) => ("scoring", period_title(stem, language)),
        Some(Target::Awards) => ("awards", stem.to_string()),
        Some(Target::Media) => ("photo", name.to_string()),
        None => ("file", name.to_string()),
    }
}

/// "6 tháng đầu năm 2013" for `2013-h1`; anything else as written.
fn period_title(id: &str, language: Language) -> String {
    id.parse::<crate::period::PeriodId>()
        .map_or_else(|_| id.to_string(), |p| p.default_title(language))
}

/// "Hội Luật gia, 6 tháng đầu năm 2013": a member's figures of one period.
fn figures_label(
    slug: &str,
    period: &str,
    language: Language,
    member_name: &dyn Fn(&str) -> Option<String>,
) -> String {
    let member = member_name(slug).unwrap_or_else(|| slug.to_string());
    format!("{member}, {}", period_title(period, language))
}

pub fn publish(language: Language, ctx: &Ctx, status: &Status) -> String {
    let state = match status.state {
        State::Never => "workspace-publish-never",
        State::Running => "workspace-publish-running",
        State::Done => "workspace-publish-done",
        State::Failed => "workspace-publish-failed",
    };
    let refresh = if status.state == State::Running {
        format!(
            "<p><a href=\"/publish/\">{}</a></p>",
            t(language, "workspace-publish-refresh")
        )
    } else {
        String::new()
    };
    let body = format!(
        "<p role=\"status\" id=\"publish-state\" data-state=\"{:?}\">{}</p>{}{refresh}<pre id=\"publish-log\">{}</pre><form method=\"post\" action=\"/publish\">{}<button type=\"submit\">{}</button></form>",
        status.state,
        escape(&if status.state == State::Never {
            Message::new(state).render(language)
        } else {
            Message::new(state)
                .arg("by", status.by.clone())
                .arg("time", vietnam_time(&status.started, language))
                .render(language)
        }),
        String::new(),
        escape(&status.log),
        csrf_field(ctx),
        t(language, "workspace-task-publish"),
    );
    layout(
        language,
        &title(language, "workspace-publish-title"),
        Some(ctx),
        &body,
    )
}

/// `/forms/`: choose a member (the secretary) and a period, download the form.
pub fn forms(
    language: Language,
    ctx: &Ctx,
    members: &[(String, String)],
    periods: &[String],
) -> String {
    if members.is_empty() {
        let body = format!("<p>{}</p>", t(language, "workspace-forms-none"));
        return layout(
            language,
            &title(language, "workspace-forms-title"),
            Some(ctx),
            &body,
        );
    }
    let member_options: String = members
        .iter()
        .map(|(slug, name)| {
            format!(
                "<option value=\"{}\">{}</option>",
                escape(slug),
                escape(name)
            )
        })
        .collect();
    let period_options: String = periods
        .iter()
        .map(|p| {
            // Offices name a period by its time ("6 tháng cuối năm 2026"), not its id.
            let label = period_title(p, language);
            format!(
                "<option value=\"{}\">{}</option>",
                escape(p),
                escape(&label)
            )
        })
        .collect();
    let body = format!(
        "<p>{intro}</p><form method=\"post\" action=\"/forms/download\">{csrf}\
<label for=\"member\">{member}</label><select id=\"member\" name=\"member\">{member_options}</select>\
<label for=\"period\">{period}</label><select id=\"period\" name=\"period\">{period_options}</select>\
<div><button type=\"submit\">{submit}</button></div></form><p>{after}</p>\
<h2>{upload_title}</h2><form method=\"post\" enctype=\"multipart/form-data\" action=\"/forms/upload?csrf={token}\">\
<label for=\"file\">{upload_file}</label><input type=\"file\" id=\"file\" name=\"file\" accept=\".xlsx\" required>\
<div><button type=\"submit\">{upload_submit}</button></div></form>",
        upload_title = t(language, "workspace-upload-title"),
        token = escape(&ctx.csrf),
        upload_file = t(language, "workspace-upload-file"),
        upload_submit = t(language, "workspace-upload-submit"),
        intro = t(language, "workspace-forms-intro"),
        csrf = csrf_field(ctx),
        member = t(language, "workspace-forms-member"),
        period = t(language, "workspace-forms-period"),
        submit = t(language, "workspace-forms-download"),
        after = t(language, "workspace-forms-after"),
    );
    layout(
        language,
        &title(language, "workspace-forms-title"),
        Some(ctx),
        &body,
    )
}

/// The changes a returned form would make, and the button that writes them.
pub fn upload_preview(
    language: Language,
    ctx: &Ctx,
    pending: &super::forms::Pending,
    token: &str,
    member_name: &dyn Fn(&str) -> Option<String>,
) -> String {
    let file = item_words(
        &crate::diagnostics::display_path(&pending.change.rel),
        language,
        member_name,
    );
    let notes: String = pending
        .notes
        .iter()
        .map(|n| format!("<li>{}</li>", escape(n)))
        .collect();
    let kept = if pending.kept.is_empty() {
        String::new()
    } else {
        format!(
            "<p>{}</p>",
            escape(
                &Message::new("workspace-upload-kept")
                    .arg("cells", pending.kept.join(", "))
                    .render(language)
            )
        )
    };
    let warnings: String = pending
        .warnings
        .iter()
        .map(|w| format!("<li>{}</li>", escape(w)))
        .collect();
    format!(
        "<p>{}</p><ul id=\"changes\">{notes}</ul>{kept}<ul>{warnings}</ul><form method=\"post\" action=\"/forms/confirm\">{}<input type=\"hidden\" name=\"token\" value=\"{}\"><button type=\"submit\">{}</button></form>",
        escape(
            &Message::new("workspace-upload-preview")
                .arg("file", file)
                .render(language)
        ),
        csrf_field(ctx),
        escape(token),
        t(language, "workspace-upload-confirm"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_times_are_vietnam_times_as_offices_write_them() {
        assert_eq!(
            vietnam_time("2026-12-07T07:05:00+00:00", Language::Vi),
            "07/12/2026 14:05"
        );
        // Late in the UTC evening is the next morning in Vietnam.
        assert_eq!(
            vietnam_time("2026-12-31T20:30:12.345Z", Language::Vi),
            "01/01/2027 03:30"
        );
        assert_eq!(
            vietnam_time("2026-12-07T09:05:00+02:00", Language::En),
            "7 Dec 2026, 14:05"
        );
        assert_eq!(vietnam_time("hôm qua", Language::Vi), "hôm qua");
    }
}
