//! One file per command. Each returns the process exit code.

pub mod build;
pub mod check;
pub mod explain;
pub mod init;
pub mod new;
pub mod serve;
pub mod sheet;
pub mod usage;
pub mod user;
pub mod workspace;

use std::path::Path;

use blocpress::diagnostics::Diagnostics;
use blocpress::i18n::Language;
use blocpress::messages::{self, Message};

/// Exit codes: 0 success, 1 the site has errors, 2 wrong usage (clap's own).
pub const EXIT_OK: i32 = 0;
pub const EXIT_SITE_ERRORS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// How a command speaks to the person running it: in one language, on standard error.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub language: Language,
}

impl Ui {
    /// `--lang`, then `BLOCPRESS_LANG`, then the `language` of the site at `root` (read on its
    /// own, so a site with errors still gets messages in its language), then Vietnamese.
    pub fn for_site(cli: Option<Language>, root: &Path) -> Ui {
        let site = || blocpress::config::language_of(root);
        let language = match cli.or_else(messages::env_language) {
            Some(language) => language,
            None => site().unwrap_or_default(),
        };
        Ui { language }
    }

    /// Before a command opens the site at `root`: finishes or undoes a write into it that was
    /// interrupted (a killed `sheet import`, a stopped `serve` saving), saying so in one coded
    /// line. `Err(exit code)` when that cannot be done; the command must then stop.
    pub fn settle_interrupted_writes(&self, root: &Path) -> Result<(), i32> {
        match blocpress::content::write::recover(root) {
            Ok(done) => {
                for recovery in done {
                    self.diagnostics(&recovery.diagnostics());
                }
                Ok(())
            }
            Err(problem) => {
                let mut all = Diagnostics::new();
                all.push(problem);
                self.diagnostics(&all);
                Err(EXIT_SITE_ERRORS)
            }
        }
    }

    /// With no site (usage errors, `init`): `--lang`, `BLOCPRESS_LANG`, Vietnamese.
    pub fn without_site(cli: Option<Language>) -> Ui {
        Ui {
            language: messages::resolve_language(cli, None),
        }
    }

    /// Prints diagnostics to stderr, one a line, sorted.
    pub fn diagnostics(&self, diagnostics: &Diagnostics) {
        eprint!("{}", diagnostics.render(self.language));
    }

    /// One line of a command's own words (a summary, a note).
    pub fn say(&self, message: Message) {
        eprintln!("{}", message.render(self.language));
    }

    pub fn render(&self, message: &Message) -> String {
        message.render(self.language)
    }
}
