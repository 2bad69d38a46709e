//! `blocpress user add|list|remove|passwd`: the workspace's accounts in
//! `ROOT/.blocpress/users.yaml`. The work is in [`blocpress::workspace::users`].

use std::io::BufRead;
use std::path::Path;

use blocpress::diagnostics::{Diagnostic, Diagnostics};
use blocpress::messages::Message;
use blocpress::workspace::users::{MIN_PASSWORD_CHARS, Role, USERS_FILE, Users, valid_name};

use super::{EXIT_OK, EXIT_SITE_ERRORS, Ui};
use crate::cli::UserCommand;

pub fn run(command: UserCommand, lang: Option<blocpress::i18n::Language>) -> i32 {
    let root = match &command {
        UserCommand::Add(a) => a.root.root.clone(),
        UserCommand::List(a) => a.root.root.clone(),
        UserCommand::Remove(a) => a.root.root.clone(),
        UserCommand::Passwd(a) => a.root.root.clone(),
    };
    let ui = Ui::for_site(lang, &root);
    match run_inner(command, &root, &ui) {
        Ok(()) => EXIT_OK,
        Err(diagnostic) => {
            let mut all = Diagnostics::new();
            all.push(diagnostic);
            ui.diagnostics(&all);
            EXIT_SITE_ERRORS
        }
    }
}

fn run_inner(command: UserCommand, root: &Path, ui: &Ui) -> Result<(), Diagnostic> {
    if !root.join(blocpress::config::CONFIG_FILE).is_file() {
        return Err(Diagnostic::new(
            root.join(blocpress::config::CONFIG_FILE),
            "E811",
        ));
    }
    let mut users = Users::load(root)?;
    match command {
        UserCommand::List(_) => {
            if users.list().is_empty() {
                ui.say(Message::new("workspace-user-none"));
            }
            for user in users.list() {
                println!("{}\t{}", user.name, user.role.as_text());
            }
            Ok(())
        }
        UserCommand::Add(args) => {
            if !valid_name(&args.name) {
                return Err(Diagnostic::new(USERS_FILE, "E803").arg("name", args.name));
            }
            let role = Role::parse(&args.role).ok_or_else(|| {
                Diagnostic::new(USERS_FILE, "E804").arg("role", args.role.clone())
            })?;
            if let Role::Member(slug) = &role {
                let folder = root.join("content/associations").join(slug.as_str());
                if !folder.join("profile.yaml").is_file() {
                    return Err(Diagnostic::new(USERS_FILE, "E805").arg("member", slug.as_str()));
                }
            }
            if users.get(&args.name).is_some() {
                return Err(Diagnostic::new(USERS_FILE, "E806").arg("name", args.name));
            }
            let password = read_password(args.password_stdin, ui)?;
            users.add(&args.name, role.clone(), &password);
            users.save(root)?;
            ui.say(
                Message::new("workspace-user-added")
                    .arg("name", args.name)
                    .arg("role", role.as_text()),
            );
            Ok(())
        }
        UserCommand::Remove(args) => {
            if !users.remove(&args.name) {
                return Err(Diagnostic::new(USERS_FILE, "E807").arg("name", args.name));
            }
            users.save(root)?;
            ui.say(Message::new("workspace-user-removed").arg("name", args.name));
            Ok(())
        }
        UserCommand::Passwd(args) => {
            if users.get(&args.name).is_none() {
                return Err(Diagnostic::new(USERS_FILE, "E807").arg("name", args.name));
            }
            let password = read_password(args.password_stdin, ui)?;
            users.set_password(&args.name, &password);
            users.save(root)?;
            ui.say(Message::new("workspace-user-password-set").arg("name", args.name));
            Ok(())
        }
    }
}

/// The password from standard input's first line, or typed twice without echo.
fn read_password(from_stdin: bool, ui: &Ui) -> Result<String, Diagnostic> {
    let failed = |e: std::io::Error| {
        Diagnostic::new(USERS_FILE, "E810").nested("error", blocpress::messages::io_reason(&e))
    };
    let password = if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(failed)?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else {
        let first = rpassword::prompt_password(ui.render(&Message::new("workspace-user-prompt")))
            .map_err(failed)?;
        let again =
            rpassword::prompt_password(ui.render(&Message::new("workspace-user-prompt-again")))
                .map_err(failed)?;
        if first != again {
            return Err(Diagnostic::new(USERS_FILE, "E809"));
        }
        first
    };
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Diagnostic::new(USERS_FILE, "E808").count("min", MIN_PASSWORD_CHARS));
    }
    Ok(password)
}
