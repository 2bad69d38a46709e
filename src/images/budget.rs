//! One memory budget for every image in flight (`images.memory` in site.yaml, 256 MB by
//! default). Before an image is decoded, the memory its header says it needs ([`super::process::
//! Header::memory`], the original's bytes included) is held from the budget; a thread whose
//! image does not fit beside those in flight waits until enough is given back. The peak of the
//! image pipeline is then the budget, whatever the number of threads: eight threads on two
//! cores hold no more than two. An image that needs more than the whole budget is refused
//! (E611) instead of waiting for ever.
//!
//! A thread holds one reservation at a time and takes it in one piece, so waiting threads
//! never hold part of what another waits for: no deadlock. Rayon's workers block while they
//! wait; nothing inside a reservation calls back into rayon.

use std::sync::{Condvar, Mutex, PoisonError};

pub struct MemoryBudget {
    limit: u64,
    used: Mutex<u64>,
    freed: Condvar,
}

/// Memory held from a budget; given back when dropped.
pub struct Held<'a> {
    budget: &'a MemoryBudget,
    bytes: u64,
}

impl MemoryBudget {
    pub fn new(limit: u64) -> MemoryBudget {
        MemoryBudget {
            limit,
            used: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Waits until `bytes` fit beside what is held, and holds them; `None` at once when they
    /// are more than the whole budget.
    pub fn hold(&self, bytes: u64) -> Option<Held<'_>> {
        if bytes > self.limit {
            return None;
        }
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        while *used + bytes > self.limit {
            used = self
                .freed
                .wait(used)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *used += bytes;
        Some(Held {
            budget: self,
            bytes,
        })
    }

    /// What is held now (for the tests).
    pub fn in_use(&self) -> u64 {
        *self.used.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        let mut used = self
            .budget
            .used
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *used -= self.bytes;
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn threads_never_hold_more_than_the_budget_together() {
        let budget = MemoryBudget::new(100);
        assert!(budget.hold(101).is_none(), "more than the whole budget");
        let peak = AtomicU64::new(0);
        std::thread::scope(|scope| {
            for i in 0..8u64 {
                let (budget, peak) = (&budget, &peak);
                scope.spawn(move || {
                    for _ in 0..50 {
                        let _held = budget.hold(30 + i * 5).unwrap();
                        peak.fetch_max(budget.in_use(), Ordering::Relaxed);
                        std::thread::yield_now();
                    }
                });
            }
        });
        assert!(peak.load(Ordering::Relaxed) <= 100);
        assert_eq!(budget.in_use(), 0, "everything was given back");
    }
}
