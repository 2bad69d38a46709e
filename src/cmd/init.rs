//! `blocpress init`: work in progress (being written in parallel; see the issues).

pub fn run(_args: crate::cli::InitArgs) -> i32 {
    eprintln!("error: `blocpress init` is not available in this build yet");
    super::EXIT_USAGE
}
