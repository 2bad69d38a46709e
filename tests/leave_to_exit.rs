//! `later::leave_to_exit` is process-wide, so it is tested in a process of its own: after it,
//! a value handed to `drop_later` is never dropped (its memory is left for the system).

use std::sync::mpsc::{Sender, channel};
use std::time::Duration;

struct Signal(Sender<()>);

impl Drop for Signal {
    fn drop(&mut self) {
        let _ = self.0.send(());
    }
}

#[test]
fn a_process_that_ends_after_its_command_frees_nothing() {
    let (sender, receiver) = channel();
    blocpress::later::drop_later(Signal(sender.clone()));
    receiver
        .recv_timeout(Duration::from_secs(10))
        .expect("before leave_to_exit, the value is dropped");

    blocpress::later::leave_to_exit();
    blocpress::later::drop_later(Signal(sender));
    assert!(
        receiver.recv_timeout(Duration::from_millis(500)).is_err(),
        "after leave_to_exit, the value must not be dropped"
    );
}
