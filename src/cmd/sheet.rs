//! `blocpress sheet export` and `blocpress sheet import`: forms out to the members, returns in.

use std::path::{Path, PathBuf};

use blocpress::content::load::{self, LoadOptions};
use blocpress::content::write;
use blocpress::diagnostics::{Diagnostic, Diagnostics, display_path};
use blocpress::i18n::Language;
use blocpress::messages::Message;
use blocpress::model::Site;
use blocpress::period::PeriodId;
use blocpress::sheet::{self, changes, export, import};

use super::{EXIT_OK, EXIT_SITE_ERRORS, EXIT_USAGE, Ui};
use crate::cli::{SheetCommand, SheetExportArgs, SheetImportArgs};

pub fn run(command: SheetCommand, lang: Option<Language>) -> i32 {
    match command {
        SheetCommand::Export(args) => run_export(args, lang),
        SheetCommand::Import(args) => run_import(args, lang),
    }
}

/// The site as the forms need it; its errors are printed and end the command.
fn load_site(ui: &Ui, root: &Path, refuse_on_errors: bool) -> Option<Site> {
    ui.settle_interrupted_writes(root).ok()?;
    match load::load(root, &LoadOptions::default()) {
        Ok((site, diagnostics)) if !(refuse_on_errors && diagnostics.has_errors()) => Some(site),
        Ok((_, diagnostics)) | Err(diagnostics) => {
            ui.diagnostics(&diagnostics);
            ui.say(Message::new("sheet-site-has-errors").nested("counts", diagnostics.summary()));
            None
        }
    }
}

fn run_export(args: SheetExportArgs, lang: Option<Language>) -> i32 {
    let root = args.root.root;
    let ui = Ui::for_site(lang, &root);
    let Ok(period) = args.period.trim().parse::<PeriodId>() else {
        ui.say(Message::new("sheet-bad-period").arg("period", args.period.as_str()));
        return EXIT_USAGE;
    };
    let Some(site) = load_site(&ui, &root, true) else {
        return EXIT_SITE_ERRORS;
    };
    let out = args
        .out
        .unwrap_or_else(|| root.join("sheets").join(period.to_string()));
    let mut workbooks = Vec::new();
    let mut problems = Diagnostics::new();
    if args.scoring {
        let scoring = site.scorings.range(..=period).next_back().map(|(_, s)| s);
        match scoring {
            Some(scoring) => {
                let members = sheet::expected_members(&site, period);
                workbooks.push((
                    sheet::scoring_file_name(period),
                    export::scoring_form(&site, scoring, period, &members),
                ));
            }
            None => problems.push(
                Diagnostic::new(format!("content/scoring/{period}.yaml"), "E369")
                    .arg("period", period.to_string()),
            ),
        }
    } else {
        for member in sheet::expected_members(&site, period) {
            workbooks.push((
                sheet::form_file_name(member.slug.as_str(), period),
                export::member_form(&site, member, period),
            ));
        }
    }
    let mut targets = Vec::new();
    for (name, _) in &workbooks {
        let path = out.join(name);
        if path.exists() && !args.force {
            problems.push(Diagnostic::new(shown(&path), "E368"));
        }
        targets.push(path);
    }
    if problems.has_errors() {
        ui.diagnostics(&problems);
        ui.say(Message::new("sheet-export-failed").nested("counts", problems.summary()));
        return EXIT_SITE_ERRORS;
    }
    if let Err(error) = std::fs::create_dir_all(&out) {
        ui.say(Message::new("failed-io").arg("error", format!("{}: {error}", out.display())));
        return EXIT_SITE_ERRORS;
    }
    for ((_, workbook), path) in workbooks.into_iter().zip(&targets) {
        let saved = workbook.and_then(|mut w| w.save(path));
        if let Err(error) = saved {
            ui.say(Message::new("failed-io").arg("error", format!("{}: {error}", path.display())));
            return EXIT_SITE_ERRORS;
        }
        ui.say(Message::new("sheet-exported").arg("file", shown(path)));
    }
    ui.say(
        Message::new("sheet-export-done")
            .count("files", targets.len())
            .arg("folder", shown(&out)),
    );
    EXIT_OK
}

fn shown(path: &Path) -> String {
    display_path(path)
}

fn run_import(args: SheetImportArgs, lang: Option<Language>) -> i32 {
    let root = args.root.root;
    let ui = Ui::for_site(lang, &root);
    let Some(site) = load_site(&ui, &root, false) else {
        return EXIT_SITE_ERRORS;
    };
    let mut problems = Diagnostics::new();
    let mut forms: Vec<(PathBuf, import::FormReturn)> = Vec::new();
    for file in &args.files {
        let name = shown(file);
        match import::read_form(&site, file, &name) {
            Ok(form) => {
                if let Some((other, _)) = forms.iter().find(|(_, f)| f.target() == form.target()) {
                    problems
                        .push(Diagnostic::new(name.as_str(), "E364").arg("other", shown(other)));
                } else {
                    forms.push((file.clone(), form));
                }
            }
            Err(found) => problems.extend(found),
        }
    }
    if problems.has_errors() {
        ui.diagnostics(&problems);
        ui.say(Message::new("sheet-import-refused").nested("counts", problems.summary()));
        return EXIT_SITE_ERRORS;
    }

    let mut planned = Vec::new();
    for (file, form) in &forms {
        let plan = changes::plan(&site, form);
        let rel = display_path(&plan.change.rel);
        if plan.change.old.as_deref() == Some(plan.change.new.as_str()) {
            ui.say(
                Message::new("sheet-file-unchanged")
                    .arg("file", rel)
                    .arg("form", shown(file)),
            );
            continue;
        }
        let id = if plan.change.old.is_some() {
            "sheet-file-updated"
        } else {
            "sheet-file-created"
        };
        ui.say(
            Message::new(id)
                .arg("file", rel.as_str())
                .arg("form", shown(file)),
        );
        for note in &plan.notes {
            ui.say(Message::new("sheet-change-line").nested("change", note.clone()));
        }
        for key in &plan.lost_comments {
            problems
                .push(Diagnostic::new(plan.change.rel.clone(), "W350").arg("key", key.as_str()));
        }
        planned.push(plan.change);
    }
    let check = match write::check(&root, &planned) {
        Ok(found) => found,
        Err(error) => {
            ui.say(Message::new("failed-io").arg("error", format!("{error:#}")));
            return EXIT_SITE_ERRORS;
        }
    };
    if check.has_errors() {
        problems.extend(check.into_vec());
        ui.diagnostics(&problems);
        ui.say(Message::new("sheet-import-check-failed").nested("counts", problems.summary()));
        return EXIT_SITE_ERRORS;
    }
    ui.diagnostics(&problems);
    if args.dry_run {
        ui.say(Message::new("sheet-import-dry-run").count("files", planned.len()));
        return EXIT_OK;
    }
    if let Err(error) = write::write_all(&root, &planned) {
        match error.downcast_ref::<blocpress::diagnostics::SiteErrors>() {
            Some(refused) => ui.diagnostics(&refused.0),
            None => ui.say(Message::new("failed-io").arg("error", format!("{error:#}"))),
        }
        return EXIT_SITE_ERRORS;
    }
    ui.say(Message::new("sheet-import-done").count("files", planned.len()));
    EXIT_OK
}
