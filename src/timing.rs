//! Stage timings for profiling: with `BLOCPRESS_TIMINGS` set, each stage of a build prints how
//! long it took and how much memory the process holds (`timing: load 210.3 ms; memory …`).

use std::time::Instant;

/// Prints how long each stage took when `BLOCPRESS_TIMINGS` is set (for profiling).
pub struct Timer {
    enabled: bool,
    last: Instant,
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
        }
    }

    pub fn lap(&mut self, stage: &str) {
        if self.enabled {
            eprintln!(
                "timing: {stage:<10} {:>7.1} ms{}",
                self.last.elapsed().as_secs_f64() * 1000.0,
                memory_note()
            );
        }
        self.last = Instant::now();
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
