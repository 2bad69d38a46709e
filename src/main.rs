//! The `blocpress` command: parse the command line, run one command, exit with its code.

mod cli;
mod cmd;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    let code = match cli.command {
        cli::Command::Build(args) => cmd::build::run(args),
        cli::Command::Check(args) => cmd::check::run(args),
        cli::Command::Serve(args) => cmd::serve::run(args),
        cli::Command::Init(args) => cmd::init::run(args),
        cli::Command::New(command) => cmd::new::run(command),
    };
    std::process::exit(code);
}
