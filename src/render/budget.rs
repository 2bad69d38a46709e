//! Bounds on one page's template rendering, so a runaway theme (nested `range` loops, a loop
//! writing megabytes) fails the build with an error naming the template and the page instead
//! of hanging it, or hanging `serve` for good.
//!
//! Tera 2 has no instruction budget or cancellation hook, so the checks sit where a runaway
//! template must pass: the writer it renders into (every write counts the size and, every few
//! hundred writes, looks at the clock) and `range`, replaced by a copy that looks at the clock
//! first. A loop that neither writes nor calls `range` nor any filter cannot be stopped from
//! inside; `build` then relies on its watchdog ([`watchdog`]), which ends the process.
//!
//! Memory is bounded per page too ([`MAX_PAGE_MEMORY`]): a template that builds a huge value
//! without writing it (`{% set_global s = s ~ s %}` in a loop) is stopped by the allocator
//! ([`crate::alloc_guard`]), which parks the thread before it takes more; the watchdog (build,
//! check) or `serve`'s supervisor ([`runaway`]) then reports the page and abandons the render.
//!
//! Limits: [`TIME_BUDGET`], [`MAX_PAGE_BYTES`] and [`MAX_PAGE_MEMORY`];
//! `BLOCPRESS_TEMPLATE_BUDGET_MS`, `BLOCPRESS_TEMPLATE_MAX_BYTES` and
//! `BLOCPRESS_TEMPLATE_MAX_MEMORY` override them (for tests, or a very large site).

use std::cell::Cell;
use std::io::{self, Write};
use std::sync::Mutex;
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use tera::{Kwargs, State, Tera, TeraResult};

/// The time one page may take in its templates.
pub const TIME_BUDGET: Duration = Duration::from_secs(10);

/// The largest page a template may write: 64 MiB (the largest page of a 10,000-news site is
/// under 2 MiB).
pub const MAX_PAGE_BYTES: usize = 64 << 20;

/// The memory one page may take while its templates run: 256 MiB (a page of a 10,000-news
/// site takes a few MiB; the whole site's views are built before and not counted).
pub const MAX_PAGE_MEMORY: usize = 256 << 20;

/// Which bound a render went over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    Time,
    Size,
    Memory,
}

/// A render that could not be stopped from inside: still running at twice its time budget, or
/// parked by the allocator over its memory budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Runaway {
    pub exceeded: Exceeded,
    pub template: String,
    /// The file the template comes from (`themes/default/templates/page.html`).
    pub file: std::path::PathBuf,
    pub page: String,
}

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static EXCEEDED: Cell<Option<Exceeded>> = const { Cell::new(None) };
}

/// [`TIME_BUDGET`], or `BLOCPRESS_TEMPLATE_BUDGET_MS` (read once).
pub fn time_budget() -> Duration {
    static BUDGET: std::sync::LazyLock<Duration> = std::sync::LazyLock::new(|| {
        std::env::var("BLOCPRESS_TEMPLATE_BUDGET_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(TIME_BUDGET, Duration::from_millis)
    });
    *BUDGET
}

/// [`MAX_PAGE_BYTES`], or `BLOCPRESS_TEMPLATE_MAX_BYTES` (read once).
pub fn max_page_bytes() -> usize {
    static LIMIT: std::sync::LazyLock<usize> = std::sync::LazyLock::new(|| {
        std::env::var("BLOCPRESS_TEMPLATE_MAX_BYTES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(MAX_PAGE_BYTES)
    });
    *LIMIT
}

/// [`MAX_PAGE_MEMORY`], or `BLOCPRESS_TEMPLATE_MAX_MEMORY` (bytes, read once).
pub fn max_page_memory() -> usize {
    static LIMIT: std::sync::LazyLock<usize> = std::sync::LazyLock::new(|| {
        std::env::var("BLOCPRESS_TEMPLATE_MAX_MEMORY")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(MAX_PAGE_MEMORY)
    });
    *LIMIT
}

/// Starts the clock and the memory budget of one page on this thread (a page renders on one
/// thread).
pub fn start(budget: Duration, template: &str, file: &std::path::Path, page: &str) {
    let now = Instant::now();
    DEADLINE.set(Some(now + budget));
    EXCEEDED.set(None);
    let id = std::thread::current().id();
    let mut active = active();
    active.retain(|r| r.thread != id);
    active.push(Rendering {
        thread: id,
        started: now,
        template: template.to_string(),
        file: file.to_path_buf(),
        page: page.to_string(),
    });
    drop(active);
    // Last: everything above allocates, and belongs to the build, not to the page.
    crate::alloc_guard::arm(max_page_memory());
}

/// Stops the clock; returns the bound the page went over, if any.
pub fn finish() -> Option<Exceeded> {
    crate::alloc_guard::disarm();
    DEADLINE.set(None);
    let id = std::thread::current().id();
    active().retain(|r| r.thread != id);
    EXCEEDED.take()
}

fn over_time() -> bool {
    let over = DEADLINE
        .get()
        .is_some_and(|deadline| Instant::now() > deadline);
    if over {
        EXCEEDED.set(Some(Exceeded::Time));
    }
    over
}

fn time_error() -> tera::Error {
    tera::Error::message("the page went over its time budget")
}

/// The writer a page renders into: refuses to grow past `limit` and stops a render that is
/// past its deadline.
pub struct BoundedWriter<'a> {
    pub buffer: &'a mut Vec<u8>,
    pub limit: usize,
    writes: u32,
}

impl<'a> BoundedWriter<'a> {
    pub fn new(buffer: &'a mut Vec<u8>, limit: usize) -> Self {
        BoundedWriter {
            buffer,
            limit,
            writes: 0,
        }
    }
}

impl Write for BoundedWriter<'_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.buffer.len() + data.len() > self.limit {
            EXCEEDED.set(Some(Exceeded::Size));
            return Err(io::Error::other("the page is larger than its limit"));
        }
        self.writes = self.writes.wrapping_add(1);
        if self.writes.is_multiple_of(256) && over_time() {
            return Err(io::Error::other("the page went over its time budget"));
        }
        self.buffer.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Tera's `range` (same arguments, same 100,000-element cap), but it first looks at the clock:
/// nested `range` loops are how a theme runs away.
fn range(kwargs: Kwargs, _: &State) -> TeraResult<Vec<i128>> {
    if over_time() {
        return Err(time_error());
    }
    let start = kwargs.get::<i128>("start")?.unwrap_or(0);
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    if start > end && step > 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    let mut values = Vec::new();
    let mut value = start;
    while (step > 0 && value < end) || (step < 0 && value > end) {
        if values.len() >= 100_000 {
            return Err(tera::Error::message(
                "Function `range` would produce more than 100000 elements",
            ));
        }
        values.push(value);
        match value.checked_add(step) {
            Some(next) => value = next,
            None => break,
        }
    }
    Ok(values)
}

/// Replaces Tera's `range` by the one that watches the clock.
pub fn register(tera: &mut Tera) {
    tera.register_function("range", range);
}

/// A page being rendered now.
struct Rendering {
    thread: ThreadId,
    started: Instant,
    template: String,
    file: std::path::PathBuf,
    page: String,
}

/// Pages being rendered now. Read by the watchdog and `serve`'s supervisor.
static ACTIVE: Mutex<Vec<Rendering>> = Mutex::new(Vec::new());

fn active() -> std::sync::MutexGuard<'static, Vec<Rendering>> {
    ACTIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// The render that cannot be stopped from inside, if one is running: a page still rendering
/// at twice its time budget plus a second (a loop that neither writes nor calls `range`), or
/// one the allocator parked over its memory budget.
pub fn runaway() -> Option<Runaway> {
    let limit = time_budget() * 2 + Duration::from_secs(1);
    let over = crate::alloc_guard::over();
    active().iter().find_map(|r| {
        let exceeded = if Some(r.thread) == over {
            Exceeded::Memory
        } else if r.started.elapsed() > limit {
            Exceeded::Time
        } else {
            return None;
        };
        Some(Runaway {
            exceeded,
            template: r.template.clone(),
            file: r.file.clone(),
            page: r.page.clone(),
        })
    })
}

/// Forgets every render in progress: they were abandoned (`serve` goes on without them). Their
/// threads park at their next allocation instead of going on spinning.
pub fn abandon_all() {
    crate::alloc_guard::cancel_armed();
    crate::alloc_guard::clear_over();
    active().clear();
}

/// For `build` and `check`: a render that cannot be stopped from inside ([`runaway`]) is given
/// to `on_runaway`, which is expected to end the process. The staging folder is left for the
/// next build to remove; the old site stays.
pub fn watchdog(on_runaway: impl FnOnce(Runaway) + Send + 'static) -> WatchdogGuard {
    let (sender, receiver) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
            receiver.recv_timeout(Duration::from_millis(200))
        {
            if let Some(runaway) = runaway() {
                on_runaway(runaway);
                return;
            }
        }
    });
    WatchdogGuard { _sender: sender }
}

/// The error of a page that went over one of its bounds, at its template's file.
pub fn diagnostic(runaway: &Runaway) -> crate::diagnostics::Diagnostic {
    use crate::diagnostics::Diagnostic;
    let file = runaway.file.as_path();
    let diagnostic = match runaway.exceeded {
        Exceeded::Time => {
            Diagnostic::new(file, "E602").count("ms", time_budget().as_millis() as i64)
        }
        Exceeded::Size => Diagnostic::new(file, "E603")
            .count("mib", (max_page_bytes() >> 20) as i64)
            .count("bytes", max_page_bytes() as i64),
        Exceeded::Memory => {
            Diagnostic::new(file, "E630").count("mib", (max_page_memory() >> 20) as i64)
        }
    };
    diagnostic
        .arg("template", runaway.template.as_str())
        .arg("page", runaway.page.as_str())
}

/// Dropping it stops the watchdog.
pub struct WatchdogGuard {
    _sender: std::sync::mpsc::Sender<()>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_refuses_to_grow_past_its_limit() {
        let mut buffer = Vec::new();
        let mut writer = BoundedWriter::new(&mut buffer, 10);
        assert!(writer.write_all(b"0123456789").is_ok());
        assert!(writer.write_all(b"x").is_err());
        assert_eq!(finish(), Some(Exceeded::Size));
    }

    #[test]
    fn range_matches_teras() {
        let mut tera = Tera::new();
        register(&mut tera);
        let out = tera
            .render_str(
                "{% for i in range(end=3) %}{{ i }}{% endfor %}|{% for i in range(start=5, end=0, step_by=-2) %}{{ i }}{% endfor %}",
                &tera::Context::new(),
                false,
            )
            .unwrap();
        assert_eq!(out, "012|531");
    }
}
