//! The command line, as clap definitions only.

use std::path::PathBuf;

use blocpress::i18n::Language;
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
    /// The language of messages: vi or en (default: BLOCPRESS_LANG, then the site's language)
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_language)]
    pub lang: Option<Language>,
}

fn parse_language(text: &str) -> Result<Language, String> {
    Language::from_code(text.trim()).ok_or_else(|| String::from("vi, en"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the site into the output folder (default: ROOT/public)
    Build(BuildArgs),
    /// Load and validate everything, write nothing; exit 1 if there are errors
    Check(CheckArgs),
    /// Build, serve on 127.0.0.1:1111, rebuild on change and reload open pages
    Serve(ServeArgs),
    /// Create a new site in DIR that builds as it is
    Init(InitArgs),
    /// Create a news item or a period's achievement files
    #[command(subcommand)]
    New(NewCommand),
    /// Explain a message code (E012, W003): what it means, a wrong and a right example, the fix
    Explain(ExplainArgs),
    /// Spreadsheets: send forms out to the members, read their returns in
    #[command(subcommand)]
    Sheet(SheetCommand),
}

#[derive(Debug, Subcommand)]
pub enum SheetCommand {
    /// One .xlsx form per member for PERIOD (or, with --scoring, the scoring grid)
    Export(SheetExportArgs),
    /// Read returned forms into content/ (all checked first; nothing is written if one is refused)
    Import(SheetImportArgs),
}

#[derive(Debug, Args)]
pub struct SheetExportArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// The period id: 2014-h1, 2014-h2 or 2014
    #[arg(value_name = "PERIOD")]
    pub period: String,
    /// The scoring grid (criteria × members) instead of the members' forms
    #[arg(long)]
    pub scoring: bool,
    /// Where to write the forms (default: ROOT/sheets/PERIOD)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace forms that are already in the folder
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SheetImportArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// The returned .xlsx files, in any order, named as you like
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Show what would change; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The code, as printed in the message (E012, e012 or 012)
    pub code: String,
    #[command(flatten)]
    pub root: RootArg,
}

#[derive(Debug, Args)]
pub struct RootArg {
    /// The site folder (the one holding site.yaml; default: the current folder or the nearest
    /// parent folder that holds one, like git)
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

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// The address to listen on
    #[arg(long, short = 'i', default_value = "127.0.0.1", value_name = "ADDR")]
    pub interface: String,
    /// The port to listen on (0 picks a free port and prints it)
    #[arg(long, short = 'p', default_value_t = 1111, value_name = "N")]
    pub port: u16,
    /// Include items marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Check the files for changes every 500 ms instead of relying on the system's
    /// notifications (for network or shared folders that send none)
    #[arg(long)]
    pub poll: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in (created if missing; must not hold a site already)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A dated news file with front matter ready to fill
    News(NewNewsArgs),
    /// An achievement file for every association for period ID (YYYY-h1, YYYY-h2 or YYYY)
    Period(NewPeriodArgs),
}

#[derive(Debug, Args)]
pub struct NewNewsArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// The news title, e.g. "Hội nghị sơ kết 6 tháng đầu năm"
    #[arg(value_name = "TITLE")]
    pub title: String,
}

#[derive(Debug, Args)]
pub struct NewPeriodArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// The period id: 2014-h1, 2014-h2 or 2014
    #[arg(value_name = "ID")]
    pub id: String,
}
