//! `blocpress new`: work in progress (being written in parallel; see the issues).

pub fn run(_args: crate::cli::NewCommand) -> i32 {
    eprintln!("error: `blocpress new` is not available in this build yet");
    super::EXIT_USAGE
}
