//! The command line, as clap definitions only. The help texts are not here: they live in the
//! catalogue (`locales/<lang>/help.ftl`) and `src/help.rs` puts them in at run time, in the
//! language of the run.

use std::path::PathBuf;

use blocpress::i18n::Language;
use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "blocpress", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_language)]
    pub lang: Option<Language>,
}

fn parse_language(text: &str) -> Result<Language, String> {
    Language::from_code(text.trim()).ok_or_else(|| String::from("vi, en"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Build(BuildArgs),
    Check(CheckArgs),
    Serve(ServeArgs),
    Init(InitArgs),
    #[command(subcommand)]
    New(NewCommand),
    Explain(ExplainArgs),
    #[command(subcommand)]
    Sheet(SheetCommand),
    Workspace(WorkspaceArgs),
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Debug, Args)]
pub struct WorkspaceArgs {
    #[command(flatten)]
    pub root: RootArg,
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "LISTEN")]
    pub listen: String,
    #[arg(long, value_name = "DIR")]
    pub publish: Option<PathBuf>,
    #[arg(long)]
    pub https: bool,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    Add(UserAddArgs),
    List(UserListArgs),
    Remove(UserNameArgs),
    Passwd(UserPasswdArgs),
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    #[command(flatten)]
    pub root: RootArg,
    #[arg(value_name = "NAME")]
    pub name: String,
    #[arg(long, value_name = "ROLE")]
    pub role: String,
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Args)]
pub struct UserListArgs {
    #[command(flatten)]
    pub root: RootArg,
}

#[derive(Debug, Args)]
pub struct UserNameArgs {
    #[command(flatten)]
    pub root: RootArg,
    #[arg(value_name = "NAME")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct UserPasswdArgs {
    #[command(flatten)]
    pub root: RootArg,
    #[arg(value_name = "NAME")]
    pub name: String,
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum SheetCommand {
    Export(SheetExportArgs),
    Import(SheetImportArgs),
}

#[derive(Debug, Args)]
pub struct SheetExportArgs {
    #[command(flatten)]
    pub root: RootArg,
    #[arg(value_name = "PERIOD")]
    pub period: String,
    #[arg(long)]
    pub scoring: bool,
    /// With `--scoring`: one grid per scorer for `cross_scores`.
    #[arg(long, requires = "scoring")]
    pub cross: bool,
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SheetImportArgs {
    #[command(flatten)]
    pub root: RootArg,
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    pub code: String,
    #[command(flatten)]
    pub root: RootArg,
}

#[derive(Debug, Args)]
pub struct RootArg {
    #[arg(long, short = 'r', value_name = "DIR", default_value_os_t = discover_root(), hide_default_value = true)]
    pub root: PathBuf,
}

/// The current folder when it holds site.yaml, else the nearest parent that does, written
/// relative (`..`, `../..`) so messages stay short; the current folder when none does (the
/// command then says there is no site.yaml).
pub fn discover_root() -> PathBuf {
    let Ok(current) = std::env::current_dir() else {
        return PathBuf::from(".");
    };
    for (up, folder) in current.ancestors().enumerate() {
        if folder.join(blocpress::config::CONFIG_FILE).is_file() {
            return if up == 0 {
                PathBuf::from(".")
            } else {
                std::iter::repeat_n("..", up).collect()
            };
        }
    }
    PathBuf::from(".")
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArg,
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
    #[arg(long, short = 'u', value_name = "URL")]
    pub base_url: Option<String>,
    #[arg(long)]
    pub drafts: bool,
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArg,
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArg,
    #[arg(long, short = 'i', default_value = "127.0.0.1", value_name = "ADDR")]
    pub interface: String,
    #[arg(long, short = 'p', default_value_t = 1111, value_name = "N")]
    pub port: u16,
    #[arg(long)]
    pub drafts: bool,
    #[arg(long)]
    pub poll: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    News(NewNewsArgs),
    Period(NewPeriodArgs),
    Meeting(NewMeetingArgs),
    Awards(NewAwardsArgs),
}

#[derive(Debug, Args)]
pub struct NewMeetingArgs {
    #[command(flatten)]
    pub root: RootArg,
    #[arg(value_name = "TITLE")]
    pub title: String,
}

#[derive(Debug, Args)]
pub struct NewAwardsArgs {
    #[command(flatten)]
    pub root: RootArg,
    #[arg(value_name = "YEAR")]
    pub year: String,
}

#[derive(Debug, Args)]
pub struct NewNewsArgs {
    #[command(flatten)]
    pub root: RootArg,
    #[arg(value_name = "TITLE")]
    pub title: String,
}

#[derive(Debug, Args)]
pub struct NewPeriodArgs {
    #[command(flatten)]
    pub root: RootArg,
    #[arg(value_name = "ID")]
    pub id: String,
}
