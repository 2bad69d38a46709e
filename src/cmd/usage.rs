//! Usage errors (a mistyped command, an unknown option, a bad value) in the user's language.
//! clap finds them and knows what was probably meant; these words replace its English ones.
//! `--help` is clap's, with the catalogue's words (`src/help.rs`); `--version` is clap's own.

use std::ffi::OsString;

use blocpress::i18n::Language;
use blocpress::messages::Message;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::Ui;

/// Prints a usage error and returns the exit code (2), or prints help and exits.
pub fn report(error: clap::Error, args: &[OsString], language: Language) -> i32 {
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        error.exit();
    }
    let ui = Ui { language };
    ui.say(Message::new("failed-usage").nested("error", message(&error)));
    ui.say(Message::new("usage-help").arg("command", command_of(args)));
    2
}

fn message(error: &clap::Error) -> Message {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(v)) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    };
    let first = |kind| match error.get(kind) {
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    match error.kind() {
        ErrorKind::InvalidSubcommand => {
            let word = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            match first(ContextKind::SuggestedSubcommand) {
                Some(s) => Message::new("usage-unknown-command-suggest")
                    .arg("word", word)
                    .arg("suggestion", s),
                None => Message::new("usage-unknown-command").arg("word", word),
            }
        }
        ErrorKind::UnknownArgument if !arg.starts_with('-') => {
            Message::new("usage-unexpected").arg("value", arg)
        }
        ErrorKind::UnknownArgument => {
            let suggestion = first(ContextKind::SuggestedArg)
                .or_else(|| first(ContextKind::SuggestedSubcommand));
            match suggestion {
                Some(s) => Message::new("usage-unknown-option-suggest")
                    .arg("option", arg)
                    .arg("suggestion", s.trim().to_string()),
                None => Message::new("usage-unknown-option").arg("option", arg),
            }
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = text(ContextKind::InvalidValue).unwrap_or_default();
            let choices = text(ContextKind::ValidValue)
                .or_else(|| std::error::Error::source(error).map(ToString::to_string));
            match choices {
                Some(choices) if !choices.is_empty() => Message::new("usage-bad-value-choices")
                    .arg("value", value)
                    .arg("option", arg)
                    .arg("choices", choices),
                _ => Message::new("usage-bad-value")
                    .arg("value", value)
                    .arg("option", arg),
            }
        }
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => {
            Message::new("usage-missing").arg("what", arg)
        }
        ErrorKind::ArgumentConflict => Message::new("usage-conflict")
            .arg("option", arg)
            .arg("other", text(ContextKind::PriorArg).unwrap_or_default()),
        _ => Message::new("usage-other").arg(
            "detail",
            error
                .render()
                .to_string()
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ")
                .to_string(),
        ),
    }
}

/// `blocpress` and the subcommands typed before anything else: where `--help` helps. The
/// names come from the command-line definition itself.
fn command_of(args: &[OsString]) -> String {
    let mut command = <crate::cli::Cli as clap::CommandFactory>::command();
    let mut words = vec![command.get_name().to_string()];
    for arg in args.iter().skip(1).filter_map(|a| a.to_str()) {
        let Some(sub) = command.find_subcommand(arg).cloned() else {
            break;
        };
        words.push(sub.get_name().to_string());
        command = sub;
    }
    words.join(" ")
}
