//! Advisory file locks that leave nothing behind: one build per output folder, one write at a
//! time into a site. The system releases a lock when its process ends, however it ends (even
//! a SIGKILL); a holder that ends normally also removes the lock file, while still holding it,
//! so no file stays. A waiter that then gets the lock of a removed file sees that the path no
//! longer names it and tries again with the new file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A held lock on `path`; released (and its file removed) when dropped.
pub struct FileLock {
    file: fs::File,
    path: PathBuf,
}

impl FileLock {
    /// Waits up to `wait` for the lock on `path` (created if missing); `Ok(None)` when another
    /// holder kept it all that time. A file system without locks (some network shares) gives
    /// the lock at once: the callers worked unlocked there before.
    pub fn acquire(path: &Path, wait: Duration) -> io::Result<Option<FileLock>> {
        let deadline = Instant::now() + wait;
        loop {
            let file = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(path)?;
            match file.try_lock() {
                Ok(()) if same_file(&file, path) => {
                    return Ok(Some(FileLock {
                        file,
                        path: path.to_path_buf(),
                    }));
                }
                // The holder removed the file as it finished: lock the new one.
                Ok(()) => continue,
                Err(fs::TryLockError::WouldBlock) => {}
                Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                    return Ok(Some(FileLock {
                        file,
                        path: path.to_path_buf(),
                    }));
                }
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Whether `path` still names the open `file` (not removed, not replaced).
#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes with the file handle right after.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_no_file_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let first = FileLock::acquire(&path, Duration::ZERO).unwrap().unwrap();
        assert!(
            FileLock::acquire(&path, Duration::from_millis(50))
                .unwrap()
                .is_none()
        );
        drop(first);
        assert!(!path.exists());
        let again = FileLock::acquire(&path, Duration::ZERO).unwrap();
        assert!(again.is_some());
    }
}
