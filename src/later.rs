//! Large values let go of on a thread of their own. Freeing a built site's hundreds of
//! thousands of small blocks (the news, the templates' news cards) takes tens of milliseconds
//! on one core at the end of a build, when nothing else is left to run beside it; the output's
//! swap, the command's summary and the workspace's next request need not wait for it. A
//! process that ends first ends the thread with it (its memory goes back with the process).

/// Drops `value` on a new thread (at once on this one when no thread can be started: `spawn`
/// drops the closure, and the value with it).
pub fn drop_later<T: Send + 'static>(value: T) {
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
