//! Who may touch which file. Every path a request names is classified by
//! [`crate::cms::check::classify`] (the files of the data model, nothing hidden, no `..`) and
//! then allowed or refused for the user's [`Role`]; anything not allowed here is refused (403).
//! A member's news lives in `content/news/<its slug>/` and is always a draft: the secretary
//! publishes it by removing `draft: true`.
//!
//! [`authorize`] reads a Decap proxy request before it reaches [`crate::cms::proxy::Proxy`]:
//! every path, rename target, upload and deletion must be allowed; [`filter_answer`] then keeps
//! only the entries the user may read in what the proxy lists.

use serde_json::Value;

use crate::cms::check::{Target, classify};
use crate::slug::Slug;

use super::users::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    Delete,
}

/// The folder of a member's own news.
pub fn member_news_folder(slug: &Slug) -> String {
    format!("content/news/{}", slug.as_str())
}

/// Whether `role` may `access` the file at `path` (as the browser sent it).
pub fn may(role: &Role, path: &str, access: Access) -> bool {
    let Some(target) = classify(path) else {
        return false;
    };
    match role {
        Role::Secretary => true,
        Role::Editor => match target {
            // SPEC: editors write news, pages, documents, period narratives and meetings.
            Target::News | Target::Page | Target::Period | Target::Meeting => true,
            // Uploads are public images: listed by all, replaced by none (the proxy never
            // overwrites one), deleted by the editors.
            Target::Media => true,
            Target::Profile(_)
            | Target::Figures(..)
            | Target::Registration
            | Target::Scoring
            | Target::Awards => false,
        },
        Role::Member(own) => match target {
            Target::Profile(slug) | Target::Figures(slug, _) => {
                &slug == own && access != Access::Delete
            }
            Target::News => path.starts_with(&format!("{}/", member_news_folder(own))),
            Target::Media => access != Access::Delete,
            Target::Page
            | Target::Period
            | Target::Registration
            | Target::Scoring
            | Target::Meeting
            | Target::Awards => false,
        },
    }
}

/// Why a request is refused: the path (or parameter) at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied(pub String);

/// The request as the proxy should answer it (a member's news folder is listed from
/// `content/news`, then filtered), or the path refused.
pub fn authorize(role: &Role, body: &Value) -> Result<Value, Denied> {
    let action = body.get("action").and_then(Value::as_str).unwrap_or("");
    let params = body.get("params").cloned().unwrap_or(Value::Null);
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let need = |path: Option<String>, access: Access| -> Result<(), Denied> {
        let path = path.ok_or_else(|| Denied(String::new()))?;
        if may(role, &path, access) {
            Ok(())
        } else {
            Err(Denied(path))
        }
    };
    let mut body = body.clone();
    match action {
        "info" | "getDeployPreview" | "getMedia" => {}
        "entriesByFolder" => {
            let folder = text(&params, "folder").unwrap_or_default();
            let folder = folder.trim_end_matches('/');
            let allowed = match role {
                Role::Secretary => true,
                Role::Editor => matches!(
                    folder,
                    "content/news"
                        | "content/pages"
                        | "content/periods"
                        | "content/meetings"
                        | "static/images"
                ),
                Role::Member(slug) => {
                    if folder == member_news_folder(slug) {
                        body["params"]["folder"] = Value::from("content/news");
                        body["params"]["depth"] = Value::from(3);
                        true
                    } else {
                        false
                    }
                }
            };
            if !allowed {
                return Err(Denied(folder.to_string()));
            }
        }
        "entriesByFiles" => {
            let files = params.get("files").and_then(Value::as_array);
            for file in files.into_iter().flatten() {
                need(text(file, "path"), Access::Read)?;
            }
        }
        "getEntry" | "getMediaFile" => need(text(&params, "path"), Access::Read)?,
        "persistEntry" => {
            let data_files: Vec<Value> = match params.get("dataFiles").and_then(Value::as_array) {
                Some(files) => files.clone(),
                None => params.get("entry").cloned().into_iter().collect(),
            };
            for file in &data_files {
                need(text(file, "path"), Access::Write)?;
                if let Some(new_path) = text(file, "newPath") {
                    need(Some(new_path), Access::Write)?;
                }
                if let Role::Member(_) = role {
                    let path = text(file, "path").unwrap_or_default();
                    let raw = text(file, "raw").unwrap_or_default();
                    if classify(&path) == Some(Target::News) && !is_draft(&raw) {
                        return Err(Denied(path));
                    }
                }
            }
            for asset in params
                .get("assets")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                need(text(asset, "path"), Access::Write)?;
            }
        }
        "persistMedia" => {
            let asset = params.get("asset").cloned().unwrap_or(Value::Null);
            need(text(&asset, "path"), Access::Write)?;
        }
        "deleteFile" => need(text(&params, "path"), Access::Delete)?,
        "deleteFiles" => {
            let paths = params.get("paths").and_then(Value::as_array);
            for path in paths.into_iter().flatten() {
                need(path.as_str().map(str::to_string), Access::Delete)?;
            }
        }
        other => return Err(Denied(other.to_string())),
    }
    Ok(body)
}

/// Whether a news item's front matter says `draft: true`.
fn is_draft(raw: &str) -> bool {
    let Some(rest) = raw.strip_prefix("---") else {
        return false;
    };
    let Some((front, _)) = rest.split_once("\n---") else {
        return false;
    };
    serde_yaml::from_str::<serde_yaml::Value>(front)
        .ok()
        .and_then(|v| v.get("draft").and_then(serde_yaml::Value::as_bool))
        == Some(true)
}

/// Keeps only the entries `role` may read in a listing answer.
pub fn filter_answer(role: &Role, answer: Value) -> Value {
    match answer {
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .filter(|item| {
                    let path = item
                        .pointer("/file/path")
                        .or_else(|| item.get("path"))
                        .and_then(Value::as_str);
                    path.is_some_and(|p| may(role, p, Access::Read))
                })
                .collect(),
        ),
        other => other,
    }
}

/// The files a change request writes or deletes (to commit them to Git afterwards).
pub fn changed_paths(body: &Value) -> Vec<String> {
    let params = body.get("params").cloned().unwrap_or(Value::Null);
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let mut out = Vec::new();
    match body.get("action").and_then(Value::as_str).unwrap_or("") {
        "persistEntry" => {
            let files: Vec<Value> = match params.get("dataFiles").and_then(Value::as_array) {
                Some(files) => files.clone(),
                None => params.get("entry").cloned().into_iter().collect(),
            };
            for file in &files {
                out.extend(text(file, "path"));
                out.extend(text(file, "newPath"));
            }
            for asset in params
                .get("assets")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                out.extend(text(asset, "path"));
            }
        }
        "persistMedia" => out.extend(text(params.get("asset").unwrap_or(&Value::Null), "path")),
        "deleteFile" => out.extend(text(&params, "path")),
        "deleteFiles" => {
            let paths = params.get("paths").and_then(Value::as_array);
            out.extend(
                paths
                    .into_iter()
                    .flatten()
                    .filter_map(|p| p.as_str().map(str::to_string)),
            );
        }
        _ => {}
    }
    out.sort();
    out.dedup();
    out
}

/// The Decap configuration for `role`: the collections it may edit, the member's news folder
/// for a member (always a draft there).
pub fn restrict_config(role: &Role, mut config: Value) -> Value {
    let Some(collections) = config.get_mut("collections").and_then(Value::as_array_mut) else {
        return config;
    };
    let keep = |c: &mut Value| -> bool {
        let name = c
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        match role {
            Role::Secretary => true,
            Role::Editor => matches!(name.as_str(), "news" | "pages" | "periods" | "meetings"),
            Role::Member(slug) => {
                if name == format!("figures-{}", slug.as_str()) {
                    return true;
                }
                if name == "members" {
                    if let Some(files) = c.get_mut("files").and_then(Value::as_array_mut) {
                        files.retain(|f| {
                            f.get("name").and_then(Value::as_str) == Some(slug.as_str())
                        });
                    }
                    return true;
                }
                if name == "news" {
                    c["folder"] = Value::from(member_news_folder(slug));
                    c["path"] = Value::from("{{year}}-{{month}}-{{day}}-{{slug}}");
                    c["delete"] = Value::from(true);
                    if let Some(fields) = c.get_mut("fields").and_then(Value::as_array_mut) {
                        for field in fields.iter_mut() {
                            if field.get("name").and_then(Value::as_str) == Some("draft") {
                                *field = serde_json::json!({
                                    "name": "draft", "label": "Bản nháp (thư ký Khối duyệt rồi mới xuất bản)",
                                    "widget": "hidden", "default": true,
                                });
                            }
                        }
                    }
                    return true;
                }
                false
            }
        }
    };
    collections.retain_mut(keep);
    // A member's work is its figures: the editor opens on the first collection. The notes on
    // how a save keeps a YAML file's comments are for the secretary, who edits those files;
    // a member never sees the files, and on a phone the note fills the screen.
    if let Role::Member(slug) = role {
        let figures = format!("figures-{}", slug.as_str());
        collections.sort_by_key(|c| c.get("name").and_then(Value::as_str) != Some(&figures));
        for collection in collections.iter_mut() {
            if let Some(fields) = collection.as_object_mut() {
                fields.remove("description");
            }
        }
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn member(slug: &str) -> Role {
        Role::Member(Slug::parse(slug).unwrap())
    }

    #[test]
    fn a_members_editor_opens_on_its_figures() {
        let config = json!({ "collections": [
            { "name": "news", "folder": "content/news", "fields": [] },
            { "name": "pages" },
            { "name": "figures-hoi-a", "description": "các dòng ghi chú (# …) được giữ" },
            { "name": "figures-hoi-b" },
            { "name": "members", "files": [{ "name": "hoi-a" }, { "name": "hoi-b" }] },
        ] });
        let names = |config: &Value| -> Vec<String> {
            config["collections"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["name"].as_str().unwrap().to_string())
                .collect()
        };
        let own = restrict_config(&member("hoi-a"), config.clone());
        assert_eq!(names(&own), ["figures-hoi-a", "news", "members"]);
        assert!(own["collections"][0].get("description").is_none(), "{own}");
        let all = restrict_config(&Role::Secretary, config);
        assert_eq!(
            names(&all),
            ["news", "pages", "figures-hoi-a", "figures-hoi-b", "members"]
        );
    }

    #[test]
    fn a_member_reaches_only_its_own_files() {
        let m = member("hoi-a");
        assert!(may(
            &m,
            "content/associations/hoi-a/profile.yaml",
            Access::Write
        ));
        assert!(may(
            &m,
            "content/associations/hoi-a/2026-h1.yaml",
            Access::Read
        ));
        assert!(!may(
            &m,
            "content/associations/hoi-a/2026-h1.yaml",
            Access::Delete
        ));
        for other in [
            "content/associations/hoi-b/profile.yaml",
            "content/associations/hoi-b/2026-h1.yaml",
            "content/associations/hoi-a/../hoi-b/2026-h1.yaml",
            "content/associations/hoi-a/%2e%2e/hoi-b/2026-h1.yaml",
            "/content/associations/hoi-a/profile.yaml",
            "content/news/hoi-b/2026-01-01-x.md",
            "content/news/2026/2026-01-01-x.md",
            "content/pages/gioi-thieu.md",
            "site.yaml",
            ".blocpress/users.yaml",
        ] {
            for access in [Access::Read, Access::Write, Access::Delete] {
                assert!(!may(&m, other, access), "{other} {access:?}");
            }
        }
        assert!(may(
            &m,
            "content/news/hoi-a/2026-01-01-x.md",
            Access::Delete
        ));
    }

    #[test]
    fn an_editor_writes_meetings_and_only_the_secretary_the_awards() {
        let meeting = "content/meetings/hoi-nghi-tong-ket-2013.md";
        let awards = "content/awards/2013.yaml";
        assert!(may(&Role::Editor, meeting, Access::Write));
        assert!(!may(&Role::Editor, awards, Access::Read));
        assert!(may(&Role::Secretary, awards, Access::Write));
        let own = Slug::parse("hoi-a").unwrap();
        assert!(!may(&Role::Member(own.clone()), meeting, Access::Read));
        assert!(!may(&Role::Member(own), awards, Access::Read));
    }

    #[test]
    fn an_editor_has_no_members_files() {
        assert!(may(&Role::Editor, "content/news/2026/a.md", Access::Write));
        assert!(!may(
            &Role::Editor,
            "content/associations/hoi-a/profile.yaml",
            Access::Read
        ));
        assert!(may(
            &Role::Secretary,
            "content/associations/hoi-a/profile.yaml",
            Access::Write
        ));
    }

    #[test]
    fn a_rename_onto_another_members_file_is_refused() {
        let body = json!({"action": "persistEntry", "params": {"dataFiles": [
            {"path": "content/associations/hoi-a/2026-h1.yaml", "raw": "x",
             "newPath": "content/associations/hoi-b/2026-h1.yaml"}]}});
        assert!(authorize(&member("hoi-a"), &body).is_err());
    }

    #[test]
    fn a_members_news_must_be_a_draft() {
        let save = |raw: &str| {
            json!({"action": "persistEntry", "params": {"entry":
                {"path": "content/news/hoi-a/2026-01-01-x.md", "raw": raw}}})
        };
        let m = member("hoi-a");
        assert!(authorize(&m, &save("---\ntitle: x\ndraft: true\n---\nbody")).is_ok());
        assert!(authorize(&m, &save("---\ntitle: x\n---\nbody")).is_err());
        assert!(authorize(&m, &save("---\ntitle: x\ndraft: false\n---\nbody")).is_err());
    }
}
