//! One memory budget for every image in flight (`images.memory` in site.yaml, 256 MB by
//! default). Before an image is decoded, the memory its header says it needs ([`super::process::
//! Header::memory`], the original's bytes included) is held from the budget; a thread whose
//! image does not fit beside those in flight waits until enough is given back. The peak of the
//! image pipeline is then the budget, whatever the number of threads: eight threads on two
//! cores hold no more than two. An image that needs more than the whole budget is refused
//! (E611) instead of waiting for ever.
//!
//! The images in flight are also no more than the machine's cores: decoding is work for a
//! core, so more threads than cores (`RAYON_NUM_THREADS=8` on two) would only hold more
//! memory at once for no speed.
//!
//! A thread holds one reservation at a time and takes it in one piece, so waiting threads
//! never hold part of what another waits for: no deadlock. Rayon's workers block while they
//! wait; nothing inside a reservation calls back into rayon.

use std::sync::{Condvar, Mutex, PoisonError};

pub struct MemoryBudget {
    limit: u64,
    /// How many reservations may be held at once.
    slots: usize,
    /// Bytes held, and by how many reservations.
    used: Mutex<(u64, usize)>,
    freed: Condvar,
}

/// Memory held from a budget; given back when dropped.
pub struct Held<'a> {
    budget: &'a MemoryBudget,
    bytes: u64,
}

impl MemoryBudget {
    /// `limit` bytes, for as many images at once as the machine has cores.
    pub fn new(limit: u64) -> MemoryBudget {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        MemoryBudget::with_slots(limit, cores)
    }

    /// `limit` bytes, for at most `slots` images at once.
    pub fn with_slots(limit: u64, slots: usize) -> MemoryBudget {
        MemoryBudget {
            limit,
            slots: slots.max(1),
            used: Mutex::new((0, 0)),
            freed: Condvar::new(),
        }
    }

    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// How many images may be in flight at once.
    pub fn slots(&self) -> usize {
        self.slots
    }

    /// Waits until `bytes` fit beside what is held, and holds them; `None` at once when they
    /// are more than the whole budget.
    pub fn hold(&self, bytes: u64) -> Option<Held<'_>> {
        if bytes > self.limit {
            return None;
        }
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        while used.0 + bytes > self.limit || used.1 >= self.slots {
            used = self
                .freed
                .wait(used)
                .unwrap_or_else(PoisonError::into_inner);
        }
        used.0 += bytes;
        used.1 += 1;
        Some(Held {
            budget: self,
            bytes,
        })
    }

    /// What is held now, and by how many (for the tests).
    pub fn in_use(&self) -> (u64, usize) {
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
        used.0 -= self.bytes;
        used.1 -= 1;
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn threads_never_hold_more_than_the_budget_together() {
        let budget = MemoryBudget::with_slots(100, 3);
        assert!(budget.hold(101).is_none(), "more than the whole budget");
        let peak = AtomicU64::new(0);
        let most = AtomicU64::new(0);
        std::thread::scope(|scope| {
            for i in 0..8u64 {
                let (budget, peak, most) = (&budget, &peak, &most);
                scope.spawn(move || {
                    for _ in 0..50 {
                        let _held = budget.hold(10 + i * 5).unwrap();
                        let (bytes, count) = budget.in_use();
                        peak.fetch_max(bytes, Ordering::Relaxed);
                        most.fetch_max(count as u64, Ordering::Relaxed);
                        std::thread::yield_now();
                    }
                });
            }
        });
        assert!(peak.load(Ordering::Relaxed) <= 100);
        assert!(
            most.load(Ordering::Relaxed) <= 3,
            "no more images than slots"
        );
        assert_eq!(budget.in_use(), (0, 0), "everything was given back");
    }
}
