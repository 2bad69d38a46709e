//! The cache of processed images: `<cache>/<key>/` holds `meta.json` and one file per variant
//! (`480.webp`, `1600.jpg`), where `key` is the BLAKE3 hash of the settings and of the
//! original's bytes. An entry is written in a temporary folder and renamed into place, so a
//! half-written entry is never seen; entries are never modified afterwards.
//!
//! Reading 200 phone photos to hash them costs more than the rest of a build, so an index
//! (`index.json`) remembers each original's key with its size, modification and change times and
//! inode. The change time (`ctime`) cannot be set back by any tool, so a file that was written to
//! since never matches its old index line and is hashed again: a stale entry cannot be served.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::process::{Encoded, JPEG_QUALITY, WEBP_QUALITY};
use super::{Format, PIPELINE_VERSION, WIDTHS};

pub enum Error {
    /// The image is not published (too large, unreadable).
    Image(super::process::Problem),
    Io(io::Error),
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MetaVariant {
    pub width: u32,
    pub height: u32,
    pub format: Format,
}

/// `meta.json` of an entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    /// Largest first.
    pub variants: Vec<MetaVariant>,
}

pub struct Entry {
    pub hit: bool,
    /// The entry's folder; `None` for an image measured by `check`, whose variants are not
    /// stored anywhere.
    pub dir: Option<PathBuf>,
    pub meta: Meta,
    pub original_size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    inode: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct IndexLine {
    stamp: Stamp,
    key: String,
}

pub struct Cache {
    dir: PathBuf,
    index: Mutex<HashMap<String, IndexLine>>,
    dirty: Mutex<bool>,
}

pub fn file_name(width: u32, format: Format) -> String {
    format!("{width}.{}", format.extension())
}

fn stamp(meta: &fs::Metadata) -> Stamp {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            size: meta.len(),
            mtime_ns: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
            ctime_ns: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
            inode: meta.ino(),
        }
    }
    #[cfg(not(unix))]
    {
        let nanos = |t: io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        Stamp {
            size: meta.len(),
            mtime_ns: nanos(meta.modified()),
            ctime_ns: nanos(meta.created()),
            inode: 0,
        }
    }
}

/// The settings that shape the output; part of every key.
fn settings(format: Format) -> String {
    format!(
        "blocpress-images v{PIPELINE_VERSION}; widths {WIDTHS:?}; jpeg {JPEG_QUALITY}; webp {WEBP_QUALITY}; format {format:?}\n"
    )
}

pub fn key(bytes: &[u8], format: Format) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(settings(format).as_bytes());
    hasher.update(bytes);
    hasher.finalize().to_hex().to_string()
}

impl Cache {
    pub fn open(root: &Path) -> Cache {
        let dir = super::cache_dir(root);
        let index = fs::read(dir.join("index.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Cache {
            dir,
            index: Mutex::new(index),
            dirty: Mutex::new(false),
        }
    }

    fn read_meta(&self, key: &str) -> Option<Meta> {
        let dir = self.dir.join(key);
        let meta: Meta = serde_json::from_slice(&fs::read(dir.join("meta.json")).ok()?).ok()?;
        // Every file must still be there (someone may have cleaned part of the cache by hand).
        meta.variants
            .iter()
            .all(|v| dir.join(file_name(v.width, v.format)).is_file())
            .then_some(meta)
    }

    /// The cache entry of the image at `path` when the index knows the file as it is now (same
    /// size, times and inode): found without reading it.
    pub fn known(&self, path: &Path) -> Option<Entry> {
        let stamp_now = stamp(&fs::metadata(path).ok()?);
        let key = self
            .index
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(path.to_string_lossy().as_ref())
            .filter(|line| line.stamp == stamp_now)
            .map(|line| line.key.clone())?;
        let meta = (key.len() == 64).then(|| self.read_meta(&key)).flatten()?;
        Some(Entry {
            hit: true,
            dir: Some(self.dir.join(&key)),
            meta,
            original_size: stamp_now.size,
        })
    }

    /// The cache entry of the image at `path` when the cache holds one, found by the index or
    /// by hashing the file. Nothing is written, not even the index: `check` reads the cache,
    /// never fills it (and a scratch copy of a site finds the live site's entries by content).
    pub fn find(&self, path: &Path, format: Format) -> io::Result<Option<Entry>> {
        if let Some(entry) = self.known(path) {
            return Ok(Some(entry));
        }
        let bytes = fs::read(path)?;
        let key = key(&bytes, format);
        Ok(self.read_meta(&key).map(|meta| Entry {
            hit: true,
            dir: Some(self.dir.join(&key)),
            meta,
            original_size: bytes.len() as u64,
        }))
    }

    /// The cache entry of the image at `path`, processing it with `process` when there is none.
    pub fn entry(
        &self,
        path: &Path,
        format: Format,
        process: impl FnOnce(&[u8]) -> Result<Vec<Encoded>, super::process::Problem>,
    ) -> Result<Entry, Error> {
        if let Some(entry) = self.known(path) {
            return Ok(entry);
        }
        let index_key = path.to_string_lossy().into_owned();
        let stamp_now = stamp(&fs::metadata(path)?);
        let bytes = fs::read(path)?;
        let key = key(&bytes, format);
        self.remember(index_key, stamp_now, key.clone());
        if let Some(meta) = self.read_meta(&key) {
            return Ok(Entry {
                hit: true,
                dir: Some(self.dir.join(&key)),
                meta,
                original_size: bytes.len() as u64,
            });
        }
        let encoded = process(&bytes).map_err(Error::Image)?;
        let meta = Meta {
            variants: encoded
                .iter()
                .map(|e| MetaVariant {
                    width: e.width,
                    height: e.height,
                    format: e.format,
                })
                .collect(),
        };
        let dir = self.dir.join(&key);
        fs::create_dir_all(&self.dir)?;
        let tmp = self.dir.join(format!(
            ".{key}.{}.{:?}.tmp",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp)?;
        for e in &encoded {
            fs::write(tmp.join(file_name(e.width, e.format)), &e.bytes)?;
        }
        fs::write(
            tmp.join("meta.json"),
            serde_json::to_vec(&meta).unwrap_or_default(),
        )?;
        if let Err(error) = fs::rename(&tmp, &dir) {
            let _ = fs::remove_dir_all(&tmp);
            // Another run (serve and build at once) wrote the same entry first.
            if self.read_meta(&key).is_none() {
                return Err(error.into());
            }
        }
        Ok(Entry {
            hit: false,
            dir: Some(dir),
            meta,
            original_size: bytes.len() as u64,
        })
    }

    fn remember(&self, index_key: String, stamp: Stamp, key: String) {
        self.index
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(index_key, IndexLine { stamp, key });
        *self.dirty.lock().unwrap_or_else(|e| e.into_inner()) = true;
    }

    /// Writes the index when it changed (best effort: without it the next run hashes again).
    pub fn save_index(&self) {
        if !*self.dirty.lock().unwrap_or_else(|e| e.into_inner()) {
            return;
        }
        let index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        let Ok(bytes) = serde_json::to_vec(&*index) else {
            return;
        };
        if fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let tmp = self.dir.join(format!(".index.{}.tmp", std::process::id()));
        if fs::write(&tmp, bytes).is_ok() && fs::rename(&tmp, self.dir.join("index.json")).is_err()
        {
            let _ = fs::remove_file(&tmp);
        }
    }
}
