//! One file per command. Each returns the process exit code.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;

use blocpress::diagnostics::Diagnostics;

/// Exit codes: 0 success, 1 the site has errors, 2 wrong usage (clap's own).
pub const EXIT_OK: i32 = 0;
pub const EXIT_SITE_ERRORS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Prints diagnostics to stderr, one a line, sorted, then the count.
pub fn print_diagnostics(diagnostics: &Diagnostics) {
    for d in diagnostics.sorted() {
        eprintln!("{d}");
    }
}
