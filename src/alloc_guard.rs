//! A memory budget per thread, for template rendering: Tera has no hook to stop a template
//! that builds a huge value without writing it (`{% set_global s = s ~ s %}` forty times asks
//! for a terabyte), and a failed allocation aborts the whole process. The `blocpress` binary's
//! allocator reports every allocation and release of the current thread here ([`on_alloc`],
//! [`on_dealloc`]); a thread that is [`arm`]ed and goes over its limit is recorded ([`over`])
//! and then **parked for good inside the allocation**, before the memory is taken: it never
//! returns into the template, never takes more. Whoever supervises the render (the build's
//! watchdog, `serve`'s rebuild) sees it and reports the page; `build` and `check` end the
//! process, `serve` abandons that rebuild (its threads and the memory they hold, at most the
//! budget) and goes on. [`cancel_armed`] parks the armed threads of an abandoned rebuild at
//! their next allocation, so one spinning in a loop that allocates stops using a core.
//!
//! The image pipeline also asks the allocator, through here, to give freed memory back to the
//! system at once while photos are decoded ([`release_freed_at_once`]): a decoded photo's
//! buffers are many and short-lived, and kept for reuse they doubled the pipeline's peak.
//!
//! Nothing here allocates: the state is a `const` thread-local of plain values and a few
//! statics, as code called from inside the allocator must be. A leaf.

use std::cell::Cell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::ThreadId;
use std::time::Duration;

#[derive(Clone, Copy)]
struct Budget {
    armed: bool,
    /// Bytes allocated minus bytes released on this thread since it was armed (a block freed
    /// that was allocated before counts against it: the net stays an upper bound of growth).
    used: i64,
    limit: i64,
    /// The [`EPOCH`] when armed: a later one means the render was abandoned.
    epoch: u64,
    thread: Option<ThreadId>,
}

const OFF: Budget = Budget {
    armed: false,
    used: 0,
    limit: 0,
    epoch: 0,
    thread: None,
};

thread_local! {
    static BUDGET: Cell<Budget> = const { Cell::new(OFF) };
}

/// Bumped by [`cancel_armed`].
static EPOCH: AtomicU64 = AtomicU64::new(0);
/// Whether any allocator reports here (only the `blocpress` binary's does; tests of the
/// library in-process run without it).
static REPORTING: AtomicBool = AtomicBool::new(false);
/// The thread that went over its budget, if one did since the last [`clear_over`].
static OVER: Mutex<Option<ThreadId>> = Mutex::new(None);

/// Counts the allocations of the current thread against `limit` bytes until [`disarm`].
pub fn arm(limit: usize) {
    let thread = Some(std::thread::current().id());
    BUDGET.set(Budget {
        armed: true,
        used: 0,
        limit: i64::try_from(limit).unwrap_or(i64::MAX),
        epoch: EPOCH.load(Ordering::Acquire),
        thread,
    });
}

/// Stops counting on the current thread.
pub fn disarm() {
    BUDGET.set(OFF);
}

/// Whether allocations are reported here at all (the budget is enforced only then).
pub fn enforced() -> bool {
    REPORTING.load(Ordering::Relaxed)
}

/// Called by the allocator before it allocates `size` bytes on this thread. An armed thread
/// over its budget, or one whose render was abandoned, never comes back from here.
#[inline]
pub fn on_alloc(size: usize) {
    let Ok(budget) = BUDGET.try_with(Cell::get) else {
        return;
    };
    if !budget.armed {
        return;
    }
    if EPOCH.load(Ordering::Relaxed) != budget.epoch {
        park_for_good();
    }
    let used = budget
        .used
        .saturating_add(i64::try_from(size).unwrap_or(i64::MAX));
    if used > budget.limit {
        *OVER
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = budget.thread;
        park_for_good();
    }
    BUDGET.set(Budget { used, ..budget });
}

/// Called by the allocator after it released `size` bytes on this thread.
#[inline]
pub fn on_dealloc(size: usize) {
    let _ = BUDGET.try_with(|cell| {
        let budget = cell.get();
        if budget.armed {
            let size = i64::try_from(size).unwrap_or(i64::MAX);
            cell.set(Budget {
                used: budget.used.saturating_sub(size),
                ..budget
            });
        }
    });
}

/// Called once by the binary that reports its allocations here.
pub fn start_reporting() {
    REPORTING.store(true, Ordering::Relaxed);
}

/// The thread that went over its budget, if one did.
pub fn over() -> Option<ThreadId> {
    *OVER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Forgets the thread [`over`] names (its render was reported and abandoned).
pub fn clear_over() {
    *OVER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
}

/// Every thread armed now parks at its next allocation: their renders were abandoned.
pub fn cancel_armed() {
    EPOCH.fetch_add(1, Ordering::AcqRel);
}

/// What the binary's allocator does when asked to give freed memory back at once (`true`) or
/// to keep it for reuse again (`false`); none in tests of the library in-process.
static RELEASE_HOOK: std::sync::OnceLock<fn(bool)> = std::sync::OnceLock::new();
/// How many [`ReleaseFreed`] guards are alive.
static RELEASING: Mutex<usize> = Mutex::new(0);

/// Called once by the binary: how its allocator gives freed memory back at once, or stops.
pub fn set_release_hook(hook: fn(bool)) {
    let _ = RELEASE_HOOK.set(hook);
}

/// While the guard lives, freed memory goes back to the system at once instead of being kept
/// for reuse: slower for many small blocks, but the peak is what is in use. Guards nest.
#[must_use = "memory is given back only while the guard lives"]
pub struct ReleaseFreed(());

/// See [`ReleaseFreed`].
pub fn release_freed_at_once() -> ReleaseFreed {
    count_release(true);
    ReleaseFreed(())
}

impl Drop for ReleaseFreed {
    fn drop(&mut self) {
        count_release(false);
    }
}

/// Counts a guard in or out; the first in and the last out call the hook.
fn count_release(entering: bool) {
    let mut count = RELEASING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let before = *count;
    *count = if entering { before + 1 } else { before - 1 };
    if (before == 0) != (*count == 0)
        && let Some(hook) = RELEASE_HOOK.get()
    {
        hook(entering);
    }
}

/// Never returns, never allocates: `sleep` is a system call.
fn park_for_good() -> ! {
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_net_growth_of_an_armed_thread_only() {
        // Without the binary's allocator, the hooks are called by hand.
        arm(1000);
        on_alloc(600);
        on_dealloc(500);
        on_alloc(800);
        assert_eq!(BUDGET.get().used, 900);
        disarm();
        on_alloc(10_000);
        assert!(!BUDGET.get().armed);
        assert_eq!(over(), None);
        // Over the limit on another thread: recorded, and that thread never comes back.
        let (tx, rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            arm(100);
            tx.send(std::thread::current().id()).unwrap();
            on_alloc(101);
            unreachable!("parked");
        });
        let id = rx.recv().unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while over().is_none() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(over(), Some(id));
        assert!(!thread.is_finished());
        clear_over();
    }

    /// What the release hook was last asked: memory given back at once or not.
    static RELEASING_NOW: AtomicBool = AtomicBool::new(false);

    #[test]
    fn nested_release_guards_call_the_hook_once_each_way() {
        set_release_hook(|now| RELEASING_NOW.store(now, Ordering::SeqCst));
        let outer = release_freed_at_once();
        assert!(
            RELEASING_NOW.load(Ordering::SeqCst),
            "the first guard turns it on"
        );
        let inner = release_freed_at_once();
        drop(outer);
        assert!(
            RELEASING_NOW.load(Ordering::SeqCst),
            "still on while a guard lives"
        );
        drop(inner);
        // Other tests (image builds) may hold guards at the same time: off only when none does.
        if *RELEASING.lock().unwrap() == 0 {
            assert!(
                !RELEASING_NOW.load(Ordering::SeqCst),
                "the last guard turns it off"
            );
        }
    }
}
