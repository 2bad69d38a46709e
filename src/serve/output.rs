//! The in-memory output of `serve`: rendered files as bytes, static files as the path they are
//! read from when asked for.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::output::{Output, check_relative};

/// One file of the served site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Served {
    /// Rendered in memory.
    Bytes(Arc<[u8]>),
    /// A static file, read from its source when asked for (never copied anywhere).
    Disk(PathBuf),
}

/// Output path (`news/x/index.html`) → file. Shared keys: after an incremental rebuild, the map
/// of the new snapshot is a copy of the last one with a few files replaced.
pub type FileMap = HashMap<Arc<str>, Served>;

/// An [`Output`] that keeps rendered files in memory and static files as references.
#[derive(Default)]
pub struct ServeOutput {
    files: Mutex<FileMap>,
}

impl ServeOutput {
    pub fn into_files(self) -> FileMap {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn insert(&self, path: &str, file: Served) -> io::Result<()> {
        check_relative(path).map_err(io::Error::other)?;
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(Arc::from(path), file);
        Ok(())
    }
}

impl Output for ServeOutput {
    fn write(&self, path: &str, contents: &[u8]) -> io::Result<()> {
        self.insert(path, Served::Bytes(Arc::from(contents)))
    }

    fn copy_file(&self, path: &str, from: &Path) -> io::Result<()> {
        if !from.is_file() {
            return Err(io::Error::new(io::ErrorKind::NotFound, "file not found"));
        }
        self.insert(path, Served::Disk(from.to_path_buf()))
    }
}
