//! Stage timings for profiling: with `BLOCPRESS_TIMINGS` set, each stage of a build prints how
//! long it took, the CPU time all its threads used (the steadier figure on a shared machine)
//! and how much memory the process holds (`timing: load 210.3 ms; cpu 380 ms; memory …`).

use std::time::{Duration, Instant};

/// Prints how long each stage took when `BLOCPRESS_TIMINGS` is set (for profiling).
pub struct Timer {
    enabled: bool,
    last: Instant,
    last_cpu: Option<Duration>,
}

impl Default for Timer {
    fn default() -> Timer {
        Timer::new()
    }
}

impl Timer {
    pub fn new() -> Timer {
        Timer {
            enabled: std::env::var_os("BLOCPRESS_TIMINGS").is_some(),
            last: Instant::now(),
            last_cpu: cpu_time(),
        }
    }

    pub fn lap(&mut self, stage: &str) {
        let cpu = cpu_time();
        if self.enabled {
            eprintln!(
                "timing: {stage:<10} {:>7.1} ms{}{}",
                self.last.elapsed().as_secs_f64() * 1000.0,
                cpu_note(self.last_cpu, cpu),
                memory_note()
            );
        }
        self.last = Instant::now();
        self.last_cpu = cpu;
    }
}

/// The CPU time (user + system) of every thread of the process so far, where the system tells
/// (Linux: `/proc/self/stat`, in clock ticks of 10 ms); `None` elsewhere.
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name in parentheses may hold spaces: fields are counted after its end.
    let mut fields = stat.get(stat.rfind(')')? + 1..)?.split_whitespace();
    // utime and stime are the 14th and 15th fields; the rest starts at the 3rd.
    let user: u64 = fields.nth(11)?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
}

/// `; cpu 380 ms`: the CPU time used between `from` and `to` ([`cpu_time`]); empty if unknown.
pub fn cpu_note(from: Option<Duration>, to: Option<Duration>) -> String {
    match (from, to) {
        (Some(from), Some(to)) => format!("; cpu {} ms", to.saturating_sub(from).as_millis()),
        _ => String::new(),
    }
}

/// `; memory 180 MiB (peak 190 MiB)`: the process's resident memory now and at its highest so
/// far, where the system tells (Linux); empty elsewhere. For `BLOCPRESS_TIMINGS`.
pub fn memory_note() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().strip_suffix("kB"))
            .and_then(|kb| kb.trim().parse::<u64>().ok())
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(now), Some(peak)) => {
            format!("; memory {} MiB (peak {} MiB)", now / 1024, peak / 1024)
        }
        _ => String::new(),
    }
}
