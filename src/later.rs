//! Large values let go of on a thread of their own. Freeing a built site's hundreds of
//! thousands of small blocks (the news, the templates' news cards) takes tens of milliseconds
//! on one core at the end of a build, when nothing else is left to run beside it; the output's
//! swap, the command's summary and the workspace's next request need not wait for it. A
//! process that ends first ends the thread with it (its memory goes back with the process).
//!
//! A process that ends right after its command (`blocpress build`) says so with
//! [`leave_to_exit`]: then nothing is freed at all, and the system takes the memory back in
//! one piece when the process ends.

use std::sync::atomic::{AtomicBool, Ordering};

static LEAVE_TO_EXIT: AtomicBool = AtomicBool::new(false);

/// Called by a process that ends when its one command is done: values handed to
/// [`drop_later`] are left for the system to reclaim. Only for values that hold memory and
/// nothing else (no lock, file or folder to release).
pub fn leave_to_exit() {
    LEAVE_TO_EXIT.store(true, Ordering::Relaxed);
}

/// Drops `value` on a new thread (at once on this one when no thread can be started: `spawn`
/// drops the closure, and the value with it); after [`leave_to_exit`], not at all.
pub fn drop_later<T: Send + 'static>(value: T) {
    if LEAVE_TO_EXIT.load(Ordering::Relaxed) {
        std::mem::forget(value);
        return;
    }
    let _ = std::thread::Builder::new()
        .name("blocpress-drop".into())
        .spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Signal(std::sync::mpsc::Sender<std::thread::ThreadId>);

    impl Drop for Signal {
        fn drop(&mut self) {
            let _ = self.0.send(std::thread::current().id());
        }
    }

    #[test]
    fn the_value_is_dropped_on_another_thread() {
        let (sender, receiver) = std::sync::mpsc::channel();
        drop_later(Signal(sender));
        let dropped_on = receiver
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the value was dropped");
        assert_ne!(dropped_on, std::thread::current().id());
    }
}
