//! Decap CMS's proxy protocol (as `decap-server`'s `localFs` middleware speaks it, version
//! 3.16): one `POST` with `{action, params}`, answered with JSON, `422 {error}` for a refused
//! request and `500 {error}` for a failure. Every path goes through [`check::classify`] (the
//! files of the data model only) and [`check::resolve`] (no symlinks); every data file saved is
//! first checked like `check` would ([`check::check_text`]); writes go to a hidden temporary file
//! renamed over the old one, so the `serve` watcher sees one whole change.
//!
//! Differences from `decap-server`: a rename (`newPath`) moves the one file, never its whole
//! folder; `getMedia` lists only the media folder's uploadable files; nothing outside the
//! allowlist is listed, read, written or deleted.

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::check::{self, MAX_MEDIA_BYTES, Target};
use super::config::MEDIA_FOLDER;
use crate::diagnostics::Diagnostic;
use crate::i18n::Language;

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
}

/// The editing API of one site folder.
pub struct Proxy<'a> {
    pub root: &'a Path,
    pub language: Language,
}

type Answer = Result<Value, Refusal>;

fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

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
                write_atomically(&full, &bytes).map_err(Refusal::failed)?;
                self.media_file(&path, &full)
            }
            "deleteFile" => {
                let path = self.param(&params, "path")?;
                self.delete(path)?;
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
                for path in &paths {
                    self.deletable(path)?;
                }
                for path in &paths {
                    self.delete(path)?;
                }
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

    /// Only what the CMS lists as entries can be deleted (news, pages, uploads): a member's
    /// profile or figures, a narrative, a registration or a scoring file is removed by hand.
    fn deletable(&self, path: &str) -> Result<Target, Refusal> {
        match self.allowed(path)? {
            target @ (Target::News | Target::Page | Target::Media) => Ok(target),
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
                file["id"] = json!(sha256_hex(&bytes));
                let text = String::from_utf8_lossy(&bytes).into_owned();
                Ok(json!({ "data": text, "file": file }))
            }
            // A period narrative not written yet: an empty front matter, so the form opens
            // empty (Decap warns about `null` Markdown) and saving creates the file.
            Err(_) if self.allowed(path)? == Target::Period => {
                Ok(json!({ "data": "---\n---\n", "file": file }))
            }
            _ => Ok(json!({ "data": Value::Null, "file": file })),
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
        // Check everything before writing anything.
        let mut writes: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        let mut moves: Vec<(PathBuf, PathBuf)> = Vec::new();
        for file in &data_files {
            let path = self.param(file, "path")?;
            let raw = self.param(file, "raw")?;
            let target = self.allowed(path)?;
            let full = self.data_path(path, false)?;
            let new_path = file.get("newPath").and_then(Value::as_str);
            let checked_at = new_path.unwrap_or(path);
            let checked_target = match new_path {
                Some(p) => self.allowed(p)?,
                None => target,
            };
            if checked_target == Target::Media {
                return Err(self.refused_path(checked_at));
            }
            let errors = check::check_text(self.root, checked_at, &checked_target, raw);
            if !errors.is_empty() {
                return Err(Refusal::from_diagnostics(&errors, self.language));
            }
            writes.push((full.clone(), raw.as_bytes().to_vec()));
            if let Some(new_path) = new_path {
                moves.push((full, self.data_path(new_path, false)?));
            }
        }
        for asset in assets {
            let (_, full, bytes) = self.decode_asset(asset)?;
            writes.push((full, bytes));
        }
        for (full, bytes) in &writes {
            write_atomically(full, bytes).map_err(Refusal::failed)?;
        }
        for (from, to) in &moves {
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(Refusal::failed)?;
            }
            std::fs::rename(from, to).map_err(Refusal::failed)?;
        }
        Ok(json!({ "message": "entry persisted" }))
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
        Ok(json!({
            "id": sha256_hex(&bytes),
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

    fn delete(&self, path: &str) -> Result<(), Refusal> {
        self.deletable(path)?;
        let full = check::resolve(self.root, path).ok_or_else(|| self.refused_path(path))?;
        match std::fs::remove_file(&full) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Refusal::failed(e)),
        }
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

/// Writes `bytes` to a hidden file next to `path`, then renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let parent = path
        .parent()
        .ok_or_else(|| std::io::Error::other("no parent folder"))?;
    std::fs::create_dir_all(parent)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = parent.join(format!(".{name}.blocpress-{}.tmp", std::process::id()));
    let result = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
