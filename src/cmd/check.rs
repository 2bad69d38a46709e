//! `blocpress check`: loads, validates and renders everything in memory; writes nothing.

use blocpress::site;

use super::{EXIT_OK, EXIT_SITE_ERRORS, print_diagnostics};
use crate::cli::CheckArgs;

pub fn run(args: CheckArgs) -> i32 {
    let diagnostics = site::check(&args.root.root, args.drafts);
    print_diagnostics(&diagnostics);
    if diagnostics.has_errors() {
        eprintln!("check failed: {}", diagnostics.summary());
        EXIT_SITE_ERRORS
    } else {
        eprintln!("check passed: {}", diagnostics.summary());
        EXIT_OK
    }
}
