//! The workspace's accounts: `ROOT/.blocpress/users.yaml`, one entry per person (name, role,
//! Argon2id hash of the password). The file is never published (`.blocpress/` is hidden from
//! `build` and ignored by Git in a new site), is written whole to a temporary file with mode
//! 0600 and renamed over the old one, so a crash never leaves half a file and no other local
//! account can read the hashes.

use std::path::{Path, PathBuf};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::slug::Slug;

/// Where the accounts live, relative to the site root.
pub const USERS_FILE: &str = ".blocpress/users.yaml";

/// What a person may do in the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Everything, publishing and restoring included.
    Secretary,
    /// News, pages, documents, period narratives, meetings, uploads.
    Editor,
    /// One member: its own profile and figures, its own news as drafts.
    Member(Slug),
}

impl Role {
    /// `secretary`, `editor` or `member:<slug>`.
    pub fn parse(text: &str) -> Option<Role> {
        match text.trim() {
            "secretary" => Some(Role::Secretary),
            "editor" => Some(Role::Editor),
            other => {
                let slug = other.strip_prefix("member:")?;
                Slug::parse(slug).ok().map(Role::Member)
            }
        }
    }

    pub fn as_text(&self) -> String {
        match self {
            Role::Secretary => "secretary".into(),
            Role::Editor => "editor".into(),
            Role::Member(slug) => format!("member:{}", slug.as_str()),
        }
    }
}

/// One account as stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct StoredUser {
    pub name: String,
    pub role: String,
    /// The PHC string of the Argon2id hash (`$argon2id$v=19$m=19456,t=2,p=1$…`).
    pub password: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct UsersFile {
    #[serde(default)]
    users: Vec<StoredUser>,
}

/// One account, its role read.
#[derive(Debug, Clone)]
pub struct User {
    pub name: String,
    pub role: Role,
    hash: String,
}

/// The accounts of one site.
#[derive(Debug, Clone, Default)]
pub struct Users {
    users: Vec<User>,
}

/// The OWASP minimum for Argon2id: 19 MiB, two passes, one lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The Argon2id hash of `password` with a fresh random salt.
pub fn hash_password(password: &str) -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the system's random source");
    let salt = SaltString::encode_b64(&bytes).expect("16 bytes make a valid salt");
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2 hashes any password")
        .to_string()
}

/// Whether `password` matches `hash` (a malformed hash matches nothing).
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash no password is known for: checked against when the name does not exist, so a wrong
/// name takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("blocpress-no-such-user"))
}

/// A name is lowercase ASCII letters, digits, `.`, `_` and `-`, 1 to 64 characters, starting
/// with a letter or digit (it appears in logs and Git authors).
pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
        && name.as_bytes()[0].is_ascii_alphanumeric()
}

/// Shortest password accepted by `user add` and `user passwd`.
pub const MIN_PASSWORD_CHARS: usize = 8;

impl Users {
    /// Reads `ROOT/.blocpress/users.yaml`; no file: no accounts.
    pub fn load(root: &Path) -> Result<Users, Diagnostic> {
        let path = root.join(USERS_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Users::default()),
            Err(e) => {
                return Err(Diagnostic::new(USERS_FILE, "E800")
                    .nested("error", crate::messages::io_reason(&e)));
            }
        };
        let file: UsersFile = serde_yaml::from_str(&text)
            .map_err(|e| Diagnostic::new(USERS_FILE, "E801").arg("error", e.to_string()))?;
        let mut users = Vec::new();
        for stored in file.users {
            let role = Role::parse(&stored.role).ok_or_else(|| {
                Diagnostic::new(USERS_FILE, "E802")
                    .arg("name", stored.name.clone())
                    .arg("role", stored.role.clone())
            })?;
            users.push(User {
                name: stored.name,
                role,
                hash: stored.password,
            });
        }
        Ok(Users { users })
    }

    /// Writes the accounts atomically, readable by the owner only.
    pub fn save(&self, root: &Path) -> Result<(), Diagnostic> {
        let file = UsersFile {
            users: self
                .users
                .iter()
                .map(|u| StoredUser {
                    name: u.name.clone(),
                    role: u.role.as_text(),
                    password: u.hash.clone(),
                })
                .collect(),
        };
        let yaml = serde_yaml::to_string(&file).unwrap_or_default();
        let text = format!(
            "# Tài khoản của không gian làm việc (blocpress user …): không sửa tay, không đưa lên mạng.\n{yaml}"
        );
        write_private(&root.join(USERS_FILE), text.as_bytes()).map_err(|e| {
            Diagnostic::new(USERS_FILE, "E800").nested("error", crate::messages::io_reason(&e))
        })
    }

    pub fn list(&self) -> &[User] {
        &self.users
    }

    pub fn get(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.name == name)
    }

    /// Adds an account (`false`: the name is taken).
    pub fn add(&mut self, name: &str, role: Role, password: &str) -> bool {
        if self.get(name).is_some() {
            return false;
        }
        self.users.push(User {
            name: name.to_string(),
            role,
            hash: hash_password(password),
        });
        true
    }

    /// Removes an account (`false`: there was none).
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.users.len();
        self.users.retain(|u| u.name != name);
        self.users.len() != before
    }

    /// Sets a new password (`false`: no such account).
    pub fn set_password(&mut self, name: &str, password: &str) -> bool {
        match self.users.iter_mut().find(|u| u.name == name) {
            Some(user) => {
                user.hash = hash_password(password);
                true
            }
            None => false,
        }
    }

    /// The account when `password` is its password. An unknown name costs one hash too.
    pub fn authenticate(&self, name: &str, password: &str) -> Option<&User> {
        match self.get(name) {
            Some(user) if verify_password(password, &user.hash) => Some(user),
            Some(_) => None,
            None => {
                let _ = verify_password(password, dummy_hash());
                None
            }
        }
    }
}

/// Writes `bytes` to a new temporary file beside `path` (mode 0600 where the system has modes),
/// flushes it, then renames it over `path`.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "users.yaml".into(), |n| n.to_string_lossy().into_owned());
    let temp: PathBuf = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let result = (|| {
        let mut file = options.open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse() {
        assert_eq!(Role::parse("secretary"), Some(Role::Secretary));
        assert_eq!(Role::parse("editor"), Some(Role::Editor));
        assert_eq!(
            Role::parse("member:hoi-nong-dan").map(|r| r.as_text()),
            Some("member:hoi-nong-dan".into())
        );
        for bad in ["admin", "member:", "member:../x", "member:A B", ""] {
            assert_eq!(Role::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn names() {
        for ok in ["hoa", "thu.ky", "hoi_nd-1"] {
            assert!(valid_name(ok), "{ok}");
        }
        for bad in ["", "-x", "Hoa", "a b", "a/b", "hòa", &"a".repeat(65)] {
            assert!(!valid_name(bad), "{bad}");
        }
    }

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let hash = hash_password("mật khẩu dài");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("mật khẩu dài", &hash));
        assert!(!verify_password("mat khau dai", &hash));
        assert!(!verify_password("x", "not a hash"));
        // A fresh salt each time.
        assert_ne!(hash, hash_password("mật khẩu dài"));
    }

    #[test]
    fn saved_atomically_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut users = Users::default();
        assert!(users.add("hoa", Role::Secretary, "mat-khau-1"));
        assert!(!users.add("hoa", Role::Editor, "x"));
        users.save(dir.path()).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(USERS_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join(".blocpress"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("users.yaml")]);
        let again = Users::load(dir.path()).unwrap();
        assert!(again.authenticate("hoa", "mat-khau-1").is_some());
        assert!(again.authenticate("hoa", "sai").is_none());
        assert!(again.authenticate("khong-co", "mat-khau-1").is_none());
    }

    #[test]
    fn a_bad_role_in_the_file_is_a_coded_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".blocpress")).unwrap();
        std::fs::write(
            dir.path().join(USERS_FILE),
            "users:\n  - name: x\n    role: boss\n    password: y\n",
        )
        .unwrap();
        assert_eq!(Users::load(dir.path()).unwrap_err().code(), "E802");
    }
}
