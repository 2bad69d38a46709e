//! The `blocpress` command: parse the command line, run one command, exit with its code.

mod allocator;
mod cli;
mod cmd;
mod help;

use clap::FromArgMatches;

// mimalloc: a site build makes millions of small allocations across threads (template values,
// strings); the system allocator spent about 15% of a 10,000-page build in malloc/free. Large
// blocks go to the system allocator (see `allocator`).
#[global_allocator]
static GLOBAL: allocator::Allocator = allocator::Allocator;

fn main() {
    allocator::Allocator::configure();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let language = help::language(&args);
    let parsed = help::parse(&args, language).and_then(|m| cli::Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => std::process::exit(cmd::usage::report(error, &args, language)),
    };
    // A command other than the two servers ends the process when it is done: what it built
    // is left for the system to take back, not freed block by block.
    if !matches!(
        cli.command,
        cli::Command::Serve(_) | cli::Command::Workspace(_)
    ) {
        blocpress::later::leave_to_exit();
    }
    let code = match cli.command {
        cli::Command::Build(args) => cmd::build::run(args, cli.lang),
        cli::Command::Check(args) => cmd::check::run(args, cli.lang),
        cli::Command::Serve(args) => cmd::serve::run(args, cli.lang),
        cli::Command::Init(args) => cmd::init::run(args, cli.lang),
        cli::Command::New(command) => cmd::new::run(command, cli.lang),
        cli::Command::Explain(args) => cmd::explain::run(args, cli.lang),
        cli::Command::Sheet(command) => cmd::sheet::run(command, cli.lang),
        cli::Command::Workspace(args) => cmd::workspace::run(args, cli.lang),
        cli::Command::User(command) => cmd::user::run(command, cli.lang),
    };
    allocator::exit(code);
}
