//! Who is signed in, and who may not try again yet. A session is a random 256-bit id (the
//! cookie) mapped, in memory only, to a user name and its CSRF token; a new id is made at every
//! login (a cookie planted before login is never the session after), and logout removes it on
//! the server (a copied cookie is dead afterwards). Sessions end after [`IDLE`] without a
//! request and [`ABSOLUTE`] after login, whatever happens. [`Lockout`] counts failed logins per
//! name and per address: [`MAX_FAILURES`] within the window lock that key for the same window.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::users::Role;

/// A session unused this long is gone.
pub const IDLE: Duration = Duration::from_secs(12 * 3600);
/// A session this old is gone, used or not.
pub const ABSOLUTE: Duration = Duration::from_secs(7 * 24 * 3600);
/// Failed logins within [`Lockout::window`] that lock a name or an address.
pub const MAX_FAILURES: usize = 5;
/// The lockout window and lock, unless a debug build's test sets it shorter.
pub const LOCKOUT: Duration = Duration::from_secs(15 * 60);
/// At most this many sessions are kept; past it the oldest go first.
const MAX_SESSIONS: usize = 10_000;

/// The signed-in user of a request (set by the server's guard).
#[derive(Debug, Clone)]
pub struct Ctx {
    pub session: String,
    pub user: String,
    pub role: Role,
    pub csrf: String,
    /// The key of this session's `/preview/<key>/` (see [`super::preview`]).
    pub preview: String,
    /// A member's name as its profile gives it (short name first), for the page header.
    pub member_name: Option<String>,
}

/// 32 random bytes in hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the system's random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One signed-in browser.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: String,
    /// Sent back by every state-changing request (`X-CSRF-Token` or the `csrf` form field).
    pub csrf: String,
    /// The key in this session's preview URLs.
    pub preview: String,
    created: Instant,
    last: Instant,
}

#[derive(Debug, Default)]
pub struct Sessions {
    map: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// A new session for `user`: its id (the cookie value).
    pub fn create(&self, user: &str) -> String {
        let id = random_token();
        let now = Instant::now();
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, s| alive(s, now));
        if map.len() >= MAX_SESSIONS
            && let Some(oldest) = map
                .iter()
                .min_by_key(|(_, s)| s.created)
                .map(|(k, _)| k.clone())
        {
            map.remove(&oldest);
        }
        map.insert(
            id.clone(),
            Session {
                user: user.to_string(),
                csrf: random_token(),
                preview: random_token(),
                created: now,
                last: now,
            },
        );
        id
    }

    /// The live session named `id` (and it counts as used now).
    pub fn get(&self, id: &str) -> Option<Session> {
        let now = Instant::now();
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let session = map.get_mut(id)?;
        if !alive(session, now) {
            map.remove(id);
            return None;
        }
        session.last = now;
        Some(session.clone())
    }

    /// The live session whose preview key is `key`: (its id, the session).
    pub fn by_preview_key(&self, key: &str) -> Option<(String, Session)> {
        let now = Instant::now();
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.iter()
            .find(|(_, s)| s.preview == key && alive(s, now))
            .map(|(id, s)| (id.clone(), s.clone()))
    }

    /// Ends a session on the server.
    pub fn remove(&self, id: &str) {
        self.map
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id);
    }

    /// Ends every session of `user` (a removed account, a changed password).
    pub fn remove_user(&self, user: &str) {
        self.map
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|_, s| s.user != user);
    }
}

fn alive(session: &Session, now: Instant) -> bool {
    now.duration_since(session.last) < IDLE && now.duration_since(session.created) < ABSOLUTE
}

/// Failed logins per key (`name:…`, `addr:…`).
#[derive(Debug)]
pub struct Lockout {
    window: Duration,
    state: Mutex<HashMap<String, Failures>>,
}

#[derive(Debug, Default)]
struct Failures {
    times: Vec<Instant>,
    locked_until: Option<Instant>,
}

impl Lockout {
    pub fn new(window: Duration) -> Lockout {
        Lockout {
            window,
            state: Mutex::default(),
        }
    }

    /// How long failures count, and how long a lock lasts.
    pub fn window(&self) -> Duration {
        self.window
    }

    /// Whether any of `keys` is locked now.
    pub fn is_locked(&self, keys: &[String]) -> bool {
        let now = Instant::now();
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        keys.iter().any(|key| {
            state
                .get(key)
                .and_then(|f| f.locked_until)
                .is_some_and(|until| now < until)
        })
    }

    /// Counts one failed login against each of `keys`.
    pub fn failed(&self, keys: &[String]) {
        let now = Instant::now();
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        // Bounded: keys with nothing recent are dropped.
        if state.len() > 100_000 {
            state.retain(|_, f| {
                f.times
                    .last()
                    .is_some_and(|t| now.duration_since(*t) < self.window)
                    || f.locked_until.is_some_and(|u| now < u)
            });
        }
        for key in keys {
            let entry = state.entry(key.clone()).or_default();
            entry.times.retain(|t| now.duration_since(*t) < self.window);
            entry.times.push(now);
            if entry.times.len() >= MAX_FAILURES {
                entry.locked_until = Some(now + self.window);
                entry.times.clear();
            }
        }
    }

    /// A successful login clears the name's count.
    pub fn succeeded(&self, key: &str) {
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_are_random_and_end_on_the_server() {
        let sessions = Sessions::default();
        let a = sessions.create("hoa");
        let b = sessions.create("hoa");
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        let session = sessions.get(&a).unwrap();
        assert_eq!(session.user, "hoa");
        assert_ne!(session.csrf, sessions.get(&b).unwrap().csrf);
        sessions.remove(&a);
        assert!(sessions.get(&a).is_none());
        assert!(sessions.get(&b).is_some());
        sessions.remove_user("hoa");
        assert!(sessions.get(&b).is_none());
    }

    #[test]
    fn five_failures_lock_and_the_lock_expires() {
        let lockout = Lockout::new(Duration::from_millis(300));
        let keys = vec!["name:hoa".to_string()];
        for _ in 0..4 {
            lockout.failed(&keys);
            assert!(!lockout.is_locked(&keys));
        }
        lockout.failed(&keys);
        assert!(lockout.is_locked(&keys));
        assert!(!lockout.is_locked(&["name:other".to_string()]));
        std::thread::sleep(Duration::from_millis(350));
        assert!(!lockout.is_locked(&keys));
    }
}
