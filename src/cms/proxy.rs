//! Decap CMS's proxy protocol (as `decap-server`'s `localFs` middleware speaks it, version
//! 3.16): one `POST` with `{action, params}`, answered with JSON, `422 {error}` for a refused
//! request and `500 {error}` for a failure. Every path goes through [`check::classify`] (the
//! files of the data model only) and [`check::resolve`] (no symlinks). Every save, upload and
//! delete is checked like `check` would check the whole site with the change
//! ([`crate::content::write::check_edits`]: the same codes), then written all or nothing through
//! the site's one writer ([`crate::content::write::commit`]), so the `serve` watcher sees one
//! whole change.
//!
//! Saves are version-checked: the server remembers which version (content hash) of each file a
//! client last read ([`ReadVersions`], per session; Decap's `persistEntry` sends no base
//! version), and also takes an `If-Match` header. A save or delete made from an older version
//! than the file's current one is refused with 409 (E460); a new entry or a rename onto a name
//! that is taken is refused (E461), never replaces the file; a file the client never read
//! cannot be overwritten (E462: reload the page).
//!
//! Differences from `decap-server`: a rename (`newPath`) moves the one file, never its whole
//! folder; `getMedia` lists only the media folder's uploadable files; nothing outside the
//! allowlist is listed, read, written or deleted.

use std::path::{Path, PathBuf};

use std::collections::HashMap;
use std::sync::Mutex;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};

use super::check::{self, MAX_MEDIA_BYTES, Target};
use super::config::MEDIA_FOLDER;
use crate::content::write::{self, Base, Edit, Outcome, WriteError, version};
use crate::diagnostics::Diagnostic;
use crate::i18n::Language;

/// Which version of each file each client last read (or wrote): `None` when the file did not
/// exist. Bounded: past [`ReadVersions::LIMIT`] entries it starts afresh (a client then reloads).
#[derive(Debug, Default)]
pub struct ReadVersions(Mutex<HashMap<(String, String), Option<String>>>);

impl ReadVersions {
    pub const LIMIT: usize = 100_000;

    fn record(&self, session: &str, path: &str, version: Option<String>) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= Self::LIMIT {
            map.clear();
        }
        map.insert((session.to_string(), path.to_string()), version);
    }

    /// `Some(None)`: the client saw that the file did not exist.
    fn get(&self, session: &str, path: &str) -> Option<Option<String>> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&(session.to_string(), path.to_string())).cloned()
    }
}

/// A refused or failed request: the HTTP status and the message shown in the CMS.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub status: u16,
    pub error: String,
    /// The diagnostics behind a refused save (for tests and the terminal).
    pub codes: Vec<&'static str>,
}

impl Refusal {
    fn from_diagnostics(diagnostics: &[Diagnostic], language: Language) -> Refusal {
        let mut lines = vec![crate::messages::text("cms-not-saved", language)];
        lines.extend(
            diagnostics
                .iter()
                .map(|d| d.render(language).trim_end().to_string()),
        );
        Refusal {
            status: 422,
            error: lines.join("\n"),
            codes: diagnostics.iter().map(Diagnostic::code).collect(),
        }
    }

    /// A refused request (not a failed check): the message alone.
    fn one(diagnostic: Diagnostic, language: Language) -> Refusal {
        Refusal {
            status: 422,
            error: diagnostic.render(language).trim_end().to_string(),
            codes: vec![diagnostic.code()],
        }
    }

    fn failed(error: impl std::fmt::Display) -> Refusal {
        Refusal {
            status: 500,
            error: error.to_string(),
            codes: Vec::new(),
        }
    }

    /// Diagnostics that stop a request, with `status` and no header line.
    fn lines(status: u16, diagnostics: &[Diagnostic], language: Language) -> Refusal {
        Refusal {
            status,
            error: diagnostics
                .iter()
                .map(|d| d.render(language).trim_end().to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            codes: diagnostics.iter().map(Diagnostic::code).collect(),
        }
    }
}

/// The editing API of one site folder, for one client.
pub struct Proxy<'a> {
    pub root: &'a Path,
    pub language: Language,
    /// What each client read; shared by every request of the server.
    pub reads: &'a ReadVersions,
    /// The client (a browser session); its reads are the base of its saves.
    pub session: &'a str,
    /// The `If-Match` header of the request: the version a save is based on (it takes
    /// precedence over what the session read).
    pub if_match: Option<&'a str>,
}

type Answer = Result<Value, Refusal>;

impl Proxy<'_> {
    /// Answers one request body.
    pub fn handle(&self, body: &Value) -> Answer {
        let action = body.get("action").and_then(Value::as_str).unwrap_or("");
        let params = body.get("params").cloned().unwrap_or(Value::Null);
        match action {
            "info" => Ok(json!({
                "repo": self.root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                "publish_modes": ["simple"],
                "type": "local_fs",
            })),
            "entriesByFolder" => self.entries_by_folder(&params),
            "entriesByFiles" => {
                let files = params
                    .get("files")
                    .and_then(Value::as_array)
                    .ok_or_else(|| self.bad("files"))?;
                let mut out = Vec::new();
                for file in files {
                    let path = file.get("path").and_then(Value::as_str).unwrap_or("");
                    let label = file.get("label").and_then(Value::as_str);
                    out.push(self.entry(path, label)?);
                }
                Ok(Value::Array(out))
            }
            "getEntry" => self.entry(self.param(&params, "path")?, None),
            "persistEntry" => self.persist_entry(&params),
            "getMedia" => self.get_media(&params),
            "getMediaFile" => {
                let path = self.param(&params, "path")?;
                self.media_file(path, &self.data_path(path, true)?)
            }
            "persistMedia" => {
                let asset = params.get("asset").ok_or_else(|| self.bad("asset"))?;
                let (path, full, bytes) = self.decode_asset(asset)?;
                let edits: Vec<Edit> = self.upload(&path, &full, bytes).into_iter().collect();
                self.check_and_commit(&edits, None)?;
                self.media_file(&path, &full)
            }
            "deleteFile" => {
                let path = self.param(&params, "path")?;
                self.delete(&[path])?;
                Ok(json!({ "message": format!("deleted file {path}") }))
            }
            "deleteFiles" => {
                let paths: Vec<&str> = params
                    .get("paths")
                    .and_then(Value::as_array)
                    .ok_or_else(|| self.bad("paths"))?
                    .iter()
                    .map(|p| p.as_str().unwrap_or(""))
                    .collect();
                self.delete(&paths)?;
                Ok(json!({ "message": format!("deleted files {}", paths.join(", ")) }))
            }
            "getDeployPreview" => Ok(Value::Null),
            other => Err(Refusal {
                status: 422,
                error: format!("Unknown action {other}"),
                codes: Vec::new(),
            }),
        }
    }

    fn bad(&self, what: &str) -> Refusal {
        Refusal::one(
            Diagnostic::new("admin/api/v1", "E458").arg("param", what),
            self.language,
        )
    }

    fn param<'v>(&self, params: &'v Value, name: &str) -> Result<&'v str, Refusal> {
        params
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| self.bad(name))
    }

    fn refused_path(&self, path: &str) -> Refusal {
        Refusal::one(
            Diagnostic::new("admin/api/v1", "E454").arg("path", path),
            self.language,
        )
    }

    /// The target of an allowed path.
    fn allowed(&self, path: &str) -> Result<Target, Refusal> {
        check::classify(path).ok_or_else(|| self.refused_path(path))
    }

    /// Only what the CMS lists as entries can be deleted (news, pages, meetings, uploads): a
    /// member's profile or figures, a narrative, a registration, a scoring file or an awards
    /// proposal is removed by hand.
    fn deletable(&self, path: &str) -> Result<Target, Refusal> {
        match self.allowed(path)? {
            target @ (Target::News | Target::Page | Target::Meeting | Target::Media) => Ok(target),
            _ => Err(self.refused_path(path)),
        }
    }

    /// The file on disk for an allowed path; `media` says which kind is expected.
    fn data_path(&self, path: &str, media: bool) -> Result<PathBuf, Refusal> {
        let target = self.allowed(path)?;
        if (target == Target::Media) != media {
            return Err(self.refused_path(path));
        }
        check::resolve(self.root, path).ok_or_else(|| self.refused_path(path))
    }

    fn entry(&self, path: &str, label: Option<&str>) -> Answer {
        let full = self.data_path(path, false)?;
        let mut file = json!({ "path": path, "id": Value::Null });
        if let Some(label) = label {
            file["label"] = json!(label);
        }
        match std::fs::read(&full) {
            Ok(bytes) if bytes.len() <= crate::yaml::MAX_FILE_BYTES => {
                let id = version(&bytes);
                self.reads.record(self.session, path, Some(id.clone()));
                file["id"] = json!(id);
                let text = String::from_utf8_lossy(&bytes).into_owned();
                Ok(json!({ "data": text, "file": file }))
            }
            Ok(_) => Ok(json!({ "data": Value::Null, "file": file })),
            Err(_) => {
                self.reads.record(self.session, path, None);
                // A period narrative not written yet: an empty front matter, so the form opens
                // empty (Decap warns about `null` Markdown) and saving creates the file.
                if self.allowed(path)? == Target::Period {
                    Ok(json!({ "data": "---\n---\n", "file": file }))
                } else {
                    Ok(json!({ "data": Value::Null, "file": file }))
                }
            }
        }
    }

    fn entries_by_folder(&self, params: &Value) -> Answer {
        let folder = self.param(params, "folder")?.trim_end_matches('/');
        let extension = self.param(params, "extension")?;
        let depth = params.get("depth").and_then(Value::as_u64).unwrap_or(1) as usize;
        let max = check::listable_folder(folder).ok_or_else(|| self.refused_path(folder))?;
        let dir = check::resolve(self.root, folder).ok_or_else(|| self.refused_path(folder))?;
        let mut files = Vec::new();
        list(&dir, folder, depth.min(max), &mut files);
        files.sort();
        let mut out = Vec::new();
        for path in files {
            let wanted = path.ends_with(&format!(".{}", extension.trim_start_matches('.')));
            if wanted && check::classify(&path).is_some_and(|t| t != Target::Media) {
                out.push(self.entry(&path, None)?);
            }
        }
        Ok(Value::Array(out))
    }

    /// The version a change of `path` is based on: the request's `If-Match`, else what this
    /// client read; a file it never read may only be created.
    fn base_of(&self, path: &str, full: &Path, new_entry: bool) -> Result<Base, Refusal> {
        if new_entry {
            return Ok(Base::Absent);
        }
        if let Some(tag) = self.if_match {
            let tag = tag.trim().trim_start_matches("W/").trim_matches('"');
            return Ok(Base::Version(tag.to_string()));
        }
        match self.reads.get(self.session, path) {
            Some(Some(version)) => Ok(Base::Version(version)),
            Some(None) => Ok(Base::Absent),
            None if !full.exists() => Ok(Base::Absent),
            None => Err(Refusal::lines(
                409,
                &[Diagnostic::new(path, "E462")],
                self.language,
            )),
        }
    }

    /// Checks `edits` on the whole site (the errors they would bring), then writes them all or
    /// none, under the site's write lock. `header` starts the message of a refusal (default:
    /// "not saved").
    fn check_and_commit(&self, edits: &[Edit], header: Option<Diagnostic>) -> Result<(), Refusal> {
        match write::check_and_commit(self.root, edits, &crate::site::check_with) {
            Ok(Outcome::Written) => {
                for edit in edits {
                    let path = crate::diagnostics::display_path(&edit.rel);
                    let now = edit.new.as_deref().map(version);
                    self.reads.record(self.session, &path, now);
                }
                Ok(())
            }
            Ok(Outcome::Refused(found)) => {
                let errors: Vec<Diagnostic> = found
                    .sorted()
                    .into_iter()
                    .filter(Diagnostic::is_error)
                    .collect();
                Err(match header {
                    Some(header) => {
                        let mut all = vec![header];
                        all.extend(errors);
                        Refusal::lines(422, &all, self.language)
                    }
                    None => Refusal::from_diagnostics(&errors, self.language),
                })
            }
            Err(WriteError::Conflict(files)) => {
                // A base of `Absent` that failed: the name is taken (E461); else the file
                // changed since it was read (E460).
                let diagnostics: Vec<Diagnostic> = files
                    .iter()
                    .map(|file| {
                        let absent = edits
                            .iter()
                            .any(|e| &e.rel == file && e.base == Base::Absent);
                        Diagnostic::new(file.clone(), if absent { "E461" } else { "E460" })
                    })
                    .collect();
                Err(Refusal::lines(409, &diagnostics, self.language))
            }
            Err(WriteError::Failed(problem)) => Err(Refusal::lines(500, &[problem], self.language)),
        }
    }

    /// An upload as an edit: a new file, never one that replaces another image (the same bytes
    /// again change nothing: `None`).
    fn upload(&self, path: &str, full: &Path, bytes: Vec<u8>) -> Option<Edit> {
        match std::fs::read(full) {
            Ok(existing) if existing == bytes => None,
            _ => Some(Edit::put(path, Base::Absent, bytes)),
        }
    }

    fn persist_entry(&self, params: &Value) -> Answer {
        let data_files: Vec<&Value> = match params.get("dataFiles").and_then(Value::as_array) {
            Some(files) => files.iter().collect(),
            None => vec![params.get("entry").ok_or_else(|| self.bad("dataFiles"))?],
        };
        let assets: Vec<&Value> = params
            .get("assets")
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        let new_entry = params
            .pointer("/options/newEntry")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        // Every path and size is refused before anything is checked or written.
        let mut edits: Vec<Edit> = Vec::new();
        let mut notes = Vec::new();
        for file in &data_files {
            let path = self.param(file, "path")?;
            let sent = self.param(file, "raw")?;
            let full = self.data_path(path, false)?;
            // Saved as a person would edit the file: its comments and layout kept.
            let (raw, lost) = self.readable(path, &full, sent);
            let raw = raw.as_str();
            notes.extend(lost);
            let new_path = file.get("newPath").and_then(Value::as_str);
            let saved_at = new_path.unwrap_or(path);
            let target = self.allowed(saved_at)?;
            if target == Target::Media {
                return Err(self.refused_path(saved_at));
            }
            if let Target::Figures(slug, _) = &target
                && !self
                    .root
                    .join("content/associations")
                    .join(slug.as_str())
                    .is_dir()
            {
                return Err(Refusal::one(
                    Diagnostic::new(saved_at, "E455").arg("member", slug.as_str()),
                    self.language,
                ));
            }
            if raw.len() > crate::yaml::MAX_FILE_BYTES {
                return Err(Refusal::one(
                    Diagnostic::new(saved_at, "E457")
                        .count("limit", crate::yaml::MAX_FILE_BYTES >> 20),
                    self.language,
                ));
            }
            match new_path.filter(|p| *p != path) {
                // A rename: the new name must be free; the old file goes in the same write.
                Some(new_path) => {
                    self.data_path(new_path, false)?;
                    edits.push(Edit::put(new_path, Base::Absent, raw));
                    if full.exists() {
                        edits.push(Edit::remove(path, self.base_of(path, &full, false)?));
                    }
                }
                None => edits.push(Edit::put(path, self.base_of(path, &full, new_entry)?, raw)),
            }
        }
        for asset in assets {
            let (path, full, bytes) = self.decode_asset(asset)?;
            edits.extend(self.upload(&path, &full, bytes));
        }
        self.check_and_commit(&edits, None)?;
        let notes: Vec<String> = notes
            .iter()
            .map(|d| d.render(self.language).trim_end().to_string())
            .collect();
        Ok(json!({ "message": "entry persisted", "notes": notes }))
    }

    /// The text to save for `sent` (what Decap wrote from its form) at `path`: merged into the
    /// file on disk, so its comments, order and layout stay and no `? key` line appears (see
    /// [`super::yaml_save`]); with a W463 note for each entry whose comments were lost.
    fn readable(&self, path: &str, full: &Path, sent: &str) -> (String, Vec<Diagnostic>) {
        let Ok(old) = std::fs::read_to_string(full) else {
            // A new file: only the `? key` lines need care.
            let fresh = if path.ends_with(".md") {
                super::yaml_save::merge_front_matter("---\n---\n", sent)
            } else {
                super::yaml_save::merge("", sent)
            };
            return (
                fresh.map_or_else(|| sent.to_string(), |s| s.text),
                Vec::new(),
            );
        };
        let merged = if path.ends_with(".md") {
            super::yaml_save::merge_front_matter(&old, sent)
        } else {
            super::yaml_save::merge(&old, sent)
        };
        match merged {
            Some(saved) => {
                let notes = saved
                    .lost_comments
                    .iter()
                    .map(|key| Diagnostic::new(path, "W463").arg("key", key.as_str()))
                    .collect();
                (saved.text, notes)
            }
            None => (sent.to_string(), Vec::new()),
        }
    }

    /// An uploaded file: its path, where it goes, its bytes.
    fn decode_asset(&self, asset: &Value) -> Result<(String, PathBuf, Vec<u8>), Refusal> {
        let path = self.param(asset, "path")?;
        let content = self.param(asset, "content")?;
        if asset.get("encoding").and_then(Value::as_str) != Some("base64") {
            return Err(self.bad("encoding"));
        }
        let full = self.data_path(path, true)?;
        if content.len() > MAX_MEDIA_BYTES / 3 * 4 + 4 {
            return Err(self.too_large(path));
        }
        let bytes = BASE64.decode(content).map_err(|_| self.bad("content"))?;
        if bytes.len() > MAX_MEDIA_BYTES {
            return Err(self.too_large(path));
        }
        // An image the build would refuse, or that would bring it down, never reaches the
        // media folder (where it would fail every build and every start of serve).
        check::check_media(self.root, path, &bytes)
            .map_err(|diagnostic| Refusal::one(diagnostic, self.language))?;
        Ok((path.to_string(), full, bytes))
    }

    fn too_large(&self, path: &str) -> Refusal {
        Refusal::one(
            Diagnostic::new(path, "E456").count("limit", (MAX_MEDIA_BYTES >> 20) as i64),
            self.language,
        )
    }

    fn media_file(&self, path: &str, full: &Path) -> Answer {
        let bytes = std::fs::read(full).map_err(Refusal::failed)?;
        let name = path.rsplit('/').next().unwrap_or(path);
        let id = version(&bytes);
        // Listed or opened: the base of a later delete from the media library.
        self.reads.record(self.session, path, Some(id.clone()));
        Ok(json!({
            "id": id,
            "content": BASE64.encode(&bytes),
            "encoding": "base64",
            "path": path,
            "name": name,
        }))
    }

    fn get_media(&self, params: &Value) -> Answer {
        let folder = self.param(params, "mediaFolder")?.trim_end_matches('/');
        if folder != MEDIA_FOLDER {
            // Decap asks for an entry's own folder too (`content/news` when the entry's media
            // folder is relative): uploads live only in the media folder, so it holds none.
            if check::segments(folder).is_some_and(|s| s.first() == Some(&"content")) {
                return Ok(Value::Array(Vec::new()));
            }
            return Err(self.refused_path(folder));
        }
        let Some(dir) = check::resolve(self.root, folder) else {
            return Err(self.refused_path(folder));
        };
        let mut files = Vec::new();
        list(&dir, folder, 1, &mut files);
        files.sort();
        let mut out = Vec::new();
        for path in files {
            if check::classify(&path) == Some(Target::Media)
                && let Some(full) = check::resolve(self.root, &path)
            {
                out.push(self.media_file(&path, &full)?);
            }
        }
        Ok(Value::Array(out))
    }

    /// Deletes every path or none, after the same whole-site check as a save: a file another
    /// one links to (an `@/` link, a photo a news item shows) is not deleted (E468 and why).
    fn delete(&self, paths: &[&str]) -> Result<(), Refusal> {
        let mut edits = Vec::new();
        for path in paths {
            self.deletable(path)?;
            let full = check::resolve(self.root, path).ok_or_else(|| self.refused_path(path))?;
            if full.exists() {
                edits.push(Edit::remove(*path, self.base_of(path, &full, false)?));
            }
        }
        let header = paths
            .first()
            .map(|path| Diagnostic::new(*path, "E468").count("count", paths.len()));
        self.check_and_commit(&edits, header)
    }
}

/// Regular files under `dir` (shown as `prefix/...`), `depth` levels deep (1: only `dir`'s own),
/// skipping hidden names and symlinks.
fn list(dir: &Path, prefix: &str, depth: usize, out: &mut Vec<String>) {
    if depth == 0 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if crate::content::load::is_ignored_name(&name) {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = format!("{prefix}/{name}");
        if kind.is_dir() {
            list(&entry.path(), &path, depth - 1, out);
        } else if kind.is_file() {
            out.push(path);
        }
    }
}
