//! `--help` in the language of the run: the command line's shape comes from `cli.rs` (clap), its
//! words from the catalogue (`locales/<lang>/help.ftl`). Before parsing, every command, argument
//! and heading of clap's definition is given its text in the language that `--lang`,
//! `BLOCPRESS_LANG` or the site's `language` asks for; `--help`, `-h` and `blocpress help …` then
//! print it. The ids are `help-<command path>` for a command's description and
//! `help-<command path>--<argument>` (or `help--<argument>` for one shared by every command) for
//! an argument; a test makes sure each one exists in both languages.

use std::ffi::OsString;
use std::path::PathBuf;

use blocpress::i18n::Language;
use blocpress::messages::{self, Message};
use clap::{Arg, ArgAction, ArgMatches, Command, CommandFactory};

use crate::cli::Cli;

/// The language of the run, read from the raw arguments before they are parsed: `--lang`, then
/// `BLOCPRESS_LANG`, then the `language` of the site named by `--root` (or found from the current
/// folder, like every command), then Vietnamese.
pub fn language(args: &[OsString]) -> Language {
    let root = option_value(args, "--root", Some("-r"))
        .map(PathBuf::from)
        .unwrap_or_else(crate::cli::discover_root);
    let cli = option_value(args, "--lang", None).and_then(|v| Language::from_code(v.trim()));
    crate::cmd::Ui::for_site(cli, &root).language
}

/// The value of `--long VALUE`, `--long=VALUE` or `-s VALUE` among the arguments.
fn option_value(args: &[OsString], long: &str, short: Option<&str>) -> Option<String> {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    args.iter().enumerate().find_map(|(i, a)| {
        if *a == long || Some(*a) == short {
            return args.get(i + 1).map(|v| v.to_string());
        }
        a.strip_prefix(long)?.strip_prefix('=').map(str::to_string)
    })
}

/// The command line with every text in `language`.
pub fn command(language: Language) -> Command {
    let command = Cli::command().disable_help_subcommand(true).subcommand(
        Command::new("help").arg(
            Arg::new("command")
                .action(ArgAction::Append)
                .num_args(..)
                .value_name("COMMAND"),
        ),
    );
    let command = localise(command, "", language);
    with_usage(command, language)
}

/// Parses the arguments with the localised command line. `blocpress help sheet export` is read
/// as `blocpress sheet export --help`.
pub fn parse(args: &[OsString], language: Language) -> Result<ArgMatches, clap::Error> {
    let matches = command(language).try_get_matches_from(args)?;
    if let Some(("help", sub)) = matches.subcommand() {
        let mut again: Vec<OsString> = args.iter().take(1).cloned().collect();
        again.extend(
            sub.get_many::<String>("command")
                .into_iter()
                .flatten()
                .map(OsString::from),
        );
        again.push(OsString::from("--help"));
        return command(language).try_get_matches_from(again);
    }
    Ok(matches)
}

fn text(language: Language, id: &str) -> Option<String> {
    let id = messages::catalogue_id(language, id)?;
    Some(Message::new(id).render(language))
}

fn text_or_id(language: Language, id: &str) -> String {
    text(language, id).unwrap_or_else(|| id.to_string())
}

/// The catalogue id of a command: `help-blocpress` for the program, `help-sheet-export` for a
/// subcommand.
fn command_id(path: &str) -> String {
    if path.is_empty() {
        String::from("help-blocpress")
    } else {
        format!("help-{path}")
    }
}

/// The catalogue ids an argument's help may be under, most specific first.
fn arg_ids(path: &str, arg: &str) -> [String; 2] {
    let arg = arg.replace('_', "-");
    [
        format!("{}--{arg}", command_id(path)),
        format!("help--{arg}"),
    ]
}

fn localise(command: Command, path: &str, language: Language) -> Command {
    let arguments = text_or_id(language, "help-heading-arguments");
    let options = text_or_id(language, "help-heading-options");
    let mut command = command
        .about(text_or_id(language, &command_id(path)))
        .subcommand_help_heading(text_or_id(language, "help-heading-commands"))
        .subcommand_value_name(text_or_id(language, "help-value-command"))
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            text_or_id(language, "help-heading-usage")
        ))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help),
        );
    if path != "help" {
        command = command.arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version),
        );
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        command = command.mut_arg(&id, |arg| {
            let help = arg_ids(path, &id)
                .iter()
                .find_map(|id| text(language, id))
                .unwrap_or_else(|| arg_ids(path, &id)[0].clone());
            let heading = if arg.is_positional() {
                &arguments
            } else {
                &options
            };
            let names: Vec<String> = arg
                .get_value_names()
                .unwrap_or_default()
                .iter()
                .map(|name| {
                    text(language, &format!("help-value-{}", name.to_lowercase()))
                        .unwrap_or_else(|| name.to_string())
                })
                .collect();
            let takes_value = arg.get_action().takes_values();
            let arg = arg
                .help(help)
                .help_heading(heading.clone())
                .hide_default_value(takes_value);
            if names.is_empty() {
                arg
            } else {
                arg.value_names(names)
            }
        });
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}-{name}")
        };
        command = command.mut_subcommand(&name, |sub| localise(sub, &sub_path, language));
    }
    command
}

/// clap writes `[OPTIONS]` in usage lines; with our own heading it writes our word.
fn with_usage(command: Command, language: Language) -> Command {
    let mut built = command.clone();
    built.build();
    let options = text_or_id(language, "help-value-options");
    apply_usage(command, &mut built, &options)
}

fn apply_usage(mut command: Command, built: &mut Command, options: &str) -> Command {
    let usage = built.render_usage().to_string();
    let usage = usage
        .split_once(' ')
        .map(|(_, rest)| rest.trim())
        .unwrap_or_default()
        .replace("[OPTIONS]", &format!("[{options}]"));
    command = command.override_usage(usage);
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        if let Some(built_sub) = built.find_subcommand_mut(&name) {
            let mut built_sub = built_sub.clone();
            command =
                command.mut_subcommand(&name, |sub| apply_usage(sub, &mut built_sub, options));
        }
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument of the command line, as catalogue ids.
    fn wanted(command: &Command, path: &str, out: &mut Vec<Vec<String>>) {
        out.push(vec![command_id(path)]);
        for arg in command.get_arguments() {
            out.push(arg_ids(path, arg.get_id().as_str()).to_vec());
        }
        for sub in command.get_subcommands() {
            let sub_path = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path}-{}", sub.get_name())
            };
            wanted(sub, &sub_path, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_help_in_both_languages() {
        let mut all = Vec::new();
        let mut command = Cli::command()
            .disable_help_subcommand(true)
            .subcommand(Command::new("help").arg(Arg::new("command")));
        command.build();
        wanted(&command, "", &mut all);
        assert!(all.len() > 30, "{all:?}");
        for language in [Language::Vi, Language::En] {
            let missing: Vec<&String> = all
                .iter()
                .filter(|ids| ids.iter().all(|id| text(language, id).is_none()))
                .map(|ids| &ids[0])
                .collect();
            assert!(
                missing.is_empty(),
                "no help text in locales/{}/help.ftl for {missing:?}",
                language.code()
            );
        }
    }

    #[test]
    fn the_language_comes_from_the_arguments_before_they_are_parsed() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            option_value(&args(&["blocpress", "build", "--lang=en"]), "--lang", None),
            Some("en".into())
        );
        assert_eq!(
            option_value(
                &args(&["blocpress", "-r", "x", "check"]),
                "--root",
                Some("-r")
            ),
            Some("x".into())
        );
        assert_eq!(
            option_value(&args(&["blocpress", "--langx"]), "--lang", None),
            None
        );
    }

    #[test]
    fn help_is_written_in_the_language_asked_for() {
        let render = |language, path: &[&str]| {
            let mut command = command(language);
            command.build();
            let mut sub = &mut command;
            for name in path {
                sub = sub.find_subcommand_mut(name).unwrap();
            }
            sub.render_help().to_string()
        };
        let vi = render(Language::Vi, &["build"]);
        assert!(vi.contains("Cách dùng: blocpress build [tuỳ-chọn]"), "{vi}");
        assert!(vi.contains("--output <thư-mục>"), "{vi}");
        assert!(!vi.contains("Options"), "{vi}");
        let en = render(Language::En, &["sheet", "export"]);
        assert!(
            en.contains("Usage: blocpress sheet export [OPTIONS] <PERIOD>"),
            "{en}"
        );
        assert!(en.contains("The scoring grid"), "{en}");
    }
}
