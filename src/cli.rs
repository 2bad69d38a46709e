//! The command line, as clap definitions only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "blocpress",
    version,
    about = "Static site generator for an emulation bloc (khối thi đua): news, members' figures, six-month reviews and scoring",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the site into the output folder (default: ROOT/public)
    Build(BuildArgs),
    /// Load and validate everything, write nothing; exit 1 if there are errors
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct RootArg {
    /// The site folder (the one holding site.yaml)
    #[arg(long, short = 'r', default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Where to write the site (default: ROOT/public)
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Publish under this address instead of site.yaml's base_url
    #[arg(long, short = 'u', value_name = "URL")]
    pub base_url: Option<String>,
    /// Include items marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Replace an output folder that holds files blocpress did not write
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Also check items marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
}
