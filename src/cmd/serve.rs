//! `blocpress serve`: work in progress (being written in parallel; see the issues).

pub fn run(_args: crate::cli::ServeArgs) -> i32 {
    eprintln!("error: `blocpress serve` is not available in this build yet");
    super::EXIT_USAGE
}
