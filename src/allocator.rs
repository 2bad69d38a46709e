//! The allocator of the `blocpress` command: mimalloc for the many small allocations of a site
//! build, the system allocator for large blocks (a decoded photo, an encoder's buffers).
//!
//! mimalloc keeps freed memory of large blocks in its segments for reuse, which is what makes
//! it fast; for the image pipeline that meant a peak twice as high as the pixels in flight
//! (a first build of 200 photos: about 300 MB). Blocks of a mebibyte and more go to the system
//! allocator instead, and on glibc every such block is its own mapping, returned to the
//! system when freed. Which allocator owns a block follows from its size alone, and
//! `GlobalAlloc` passes a block's layout back on `dealloc` and `realloc`: the two never mix.
//!
//! Every allocation and release is also reported to [`blocpress::alloc_guard`], which holds a
//! page's template rendering to its memory budget (a thread over it never gets the memory).

use std::alloc::{GlobalAlloc, Layout, System};

use blocpress::alloc_guard;

/// Blocks at least this large go to the system allocator.
const LARGE: usize = 1 << 20;

pub struct Allocator;

impl Allocator {
    /// On glibc, serve blocks of [`LARGE`] and more with their own mapping. glibc raises its
    /// mapping threshold by itself after a large block is freed (keeping later ones in its
    /// heap); a threshold set here stays put.
    pub fn configure() {
        alloc_guard::start_reporting();
        alloc_guard::set_release_hook(purge_at_once);
        // No transparent huge pages for this process: mimalloc marks its arenas for them, and
        // then the first touch anywhere in a 2 MiB range makes all of it resident. A build of
        // 10,000 news peaked at 182-189 MiB with them and 164 MiB without, in the same CPU
        // time (BENCHMARKS.md). Inherited by child processes, which blocpress does not start
        // for builds.
        #[cfg(target_os = "linux")]
        {
            unsafe extern "C" {
                fn prctl(option: i32, ...) -> i32;
            }
            const PR_SET_THP_DISABLE: i32 = 41;
            // SAFETY: prctl with PR_SET_THP_DISABLE only sets a flag of this process; the
            // variadic arguments are the integers the call reads.
            unsafe {
                prctl(
                    PR_SET_THP_DISABLE,
                    1 as std::ffi::c_ulong,
                    0 as std::ffi::c_ulong,
                    0 as std::ffi::c_ulong,
                    0 as std::ffi::c_ulong,
                );
            }
        }
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        {
            unsafe extern "C" {
                fn mallopt(param: i32, value: i32) -> i32;
            }
            const M_MMAP_THRESHOLD: i32 = -3;
            // SAFETY: mallopt only changes glibc's tuning; it is called once, before any thread.
            unsafe {
                mallopt(M_MMAP_THRESHOLD, LARGE as i32);
            }
        }
    }
}

/// Ends the process with `code` once standard output and error are flushed, without the
/// handlers of `exit`: mimalloc's would first give every free page of its heap back to the
/// system one range at a time (hundreds of `madvise` calls after a large build), memory the
/// system takes back anyway when the process ends.
pub fn exit(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    #[cfg(unix)]
    {
        unsafe extern "C" {
            fn _exit(code: i32) -> !;
        }
        // SAFETY: `_exit` ends the process; Rust's own output is flushed above, and nothing
        // the process holds needs an exit handler (locks and files are released by the system).
        unsafe { _exit(code) }
    }
    #[cfg(not(unix))]
    std::process::exit(code)
}

/// mimalloc's `mi_option_purge_delay` (the same place in its option list in mimalloc 2 and 3;
/// the Rust bindings do not name it).
const MI_OPTION_PURGE_DELAY: i32 = 15;
/// The purge delay before [`purge_at_once`] set it to 0 (mimalloc 3's default is a
/// second; `MIMALLOC_PURGE_DELAY` sets another).
static SAVED_PURGE_DELAY: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(1000);

unsafe extern "C" {
    fn mi_option_set(option: i32, value: std::ffi::c_long);
    fn mi_option_get(option: i32) -> std::ffi::c_long;
}

/// [`alloc_guard::set_release_hook`]: mimalloc gives freed pages back to the system at once
/// (purge delay 0), or after the delay it had before again. A first build of 40 photos peaked
/// at 101–107 MiB with mimalloc's delay and at 80 MiB with 0, in the same time; a build of
/// 10,000 news with 0 throughout was 7 % slower (BENCHMARKS.md), so only the image pipeline
/// asks for it. The library calls this once on entering and once on leaving (guards nest).
fn purge_at_once(now: bool) {
    use std::sync::atomic::Ordering;
    // SAFETY: mimalloc's options are plain integers it reads at each purge; reading and setting
    // one is safe from any thread.
    unsafe {
        if now {
            // `c_long` is 32 bits on Windows.
            #[allow(clippy::useless_conversion)]
            SAVED_PURGE_DELAY.store(
                i64::from(mi_option_get(MI_OPTION_PURGE_DELAY)),
                Ordering::Relaxed,
            );
            mi_option_set(MI_OPTION_PURGE_DELAY, 0);
        } else {
            let saved = SAVED_PURGE_DELAY.load(Ordering::Relaxed);
            mi_option_set(MI_OPTION_PURGE_DELAY, saved as std::ffi::c_long);
        }
    }
}

// SAFETY: every block is allocated and freed by the same allocator, chosen by its size, which
// `GlobalAlloc` callers must pass back unchanged; `realloc` across the boundary copies.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        alloc_guard::on_alloc(layout.size());
        unsafe {
            if layout.size() >= LARGE {
                System.alloc(layout)
            } else {
                mimalloc::MiMalloc.alloc(layout)
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        alloc_guard::on_alloc(layout.size());
        unsafe {
            if layout.size() >= LARGE {
                System.alloc_zeroed(layout)
            } else {
                mimalloc::MiMalloc.alloc_zeroed(layout)
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        alloc_guard::on_dealloc(layout.size());
        unsafe {
            if layout.size() >= LARGE {
                System.dealloc(ptr, layout)
            } else {
                mimalloc::MiMalloc.dealloc(ptr, layout)
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe {
            match (layout.size() >= LARGE, new_size >= LARGE) {
                (true, true) | (false, false) => {
                    // Growth is reported before it is taken, shrinking after.
                    if new_size > layout.size() {
                        alloc_guard::on_alloc(new_size - layout.size());
                    }
                    let new = if layout.size() >= LARGE {
                        System.realloc(ptr, layout, new_size)
                    } else {
                        mimalloc::MiMalloc.realloc(ptr, layout, new_size)
                    };
                    if new_size < layout.size() && !new.is_null() {
                        alloc_guard::on_dealloc(layout.size() - new_size);
                    }
                    new
                }
                _ => {
                    let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                    let new = self.alloc(new_layout);
                    if !new.is_null() {
                        std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                    new
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The purge delay mimalloc uses now.
    fn purge_delay() -> std::ffi::c_long {
        // SAFETY: reads an option.
        unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }
    }

    #[test]
    fn the_purge_delay_is_the_option_mimalloc_reads() {
        // mimalloc 3's default for this option is 1000 ms (unless MIMALLOC_PURGE_DELAY is set):
        // a wrong option number reads another option's value.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(purge_delay(), 1000);
        }
        let before = purge_delay();
        purge_at_once(true);
        assert_eq!(purge_delay(), 0);
        purge_at_once(false);
        assert_eq!(purge_delay(), before, "the delay it had is back");
    }
}
