//! `blocpress sheet export` and `blocpress sheet import`: forms out to the members, returns in.

use std::path::{Path, PathBuf};

use blocpress::content::load::LoadOptions;
use blocpress::content::write;
use blocpress::diagnostics::{Diagnostic, Diagnostics, display_path};
use blocpress::i18n::Language;
use blocpress::messages::Message;
use blocpress::model::Site;
use blocpress::period::PeriodId;
use blocpress::sheet::registry::{Issued, Registry};
use blocpress::sheet::{self, FormKind, changes, export, import};

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
    // The forms need figures, not photos: nothing is encoded into the image cache.
    let options = LoadOptions {
        images: blocpress::model::images::ImageWork::Check { cache_of: None },
        ..LoadOptions::default()
    };
    match blocpress::site::load(root, &options) {
        Ok((site, diagnostics)) if !(refuse_on_errors && diagnostics.has_errors()) => Some(site),
        Ok((_, diagnostics)) | Err(diagnostics) => {
            ui.diagnostics(&diagnostics);
            ui.say(Message::new("sheet-site-has-errors").nested("counts", diagnostics.summary()));
            None
        }
    }
}

/// `forms.yaml`, or its error printed.
fn load_registry(ui: &Ui, root: &Path, failed: &'static str) -> Option<Registry> {
    match Registry::load(root) {
        Ok(registry) => Some(registry),
        Err(error) => {
            let mut problems = Diagnostics::new();
            problems.push(error);
            ui.diagnostics(&problems);
            ui.say(Message::new(failed).nested("counts", problems.summary()));
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
    let Some(registry) = load_registry(&ui, &root, "sheet-export-failed") else {
        return EXIT_SITE_ERRORS;
    };
    let out = args
        .out
        .unwrap_or_else(|| root.join("sheets").join(period.to_string()));
    let today = blocpress::content::news::vietnam_now().date().to_string();
    let issue = |kind: FormKind, member: Option<&str>, file: &str| Issued {
        id: sheet::registry::new_id(),
        kind: kind.into(),
        member: member.map(str::to_string),
        period: period.to_string(),
        date: today.clone(),
        file: file.to_string(),
    };
    let mut workbooks = Vec::new();
    let mut issued = Vec::new();
    let mut problems = Diagnostics::new();
    if args.scoring {
        // The period's own file (published or in preparation), else the last earlier one,
        // whose criteria a new year starts from.
        let scoring = site
            .scorings
            .get(&period)
            .or_else(|| site.preparing.get(&period))
            .or_else(|| site.scorings.range(..period).next_back().map(|(_, s)| s));
        match scoring {
            Some(scoring) => {
                let members = sheet::expected_members(&site, period);
                // The bloc's grid, or one sheet per scorer (`--cross`).
                let grids: Vec<(export::GridOf, String)> = if args.cross {
                    members
                        .iter()
                        .map(|&scorer| {
                            let name = sheet::cross_file_name(scorer.slug.as_str(), period);
                            (export::GridOf::Cross(scorer), name)
                        })
                        .collect()
                } else {
                    vec![(export::GridOf::Bloc, sheet::scoring_file_name(period))]
                };
                for (of, name) in grids {
                    let scorer = match of {
                        export::GridOf::Cross(scorer) => Some(scorer.slug.as_str()),
                        export::GridOf::Bloc => None,
                    };
                    let form = issue(FormKind::Scoring, scorer, &name);
                    workbooks.push((
                        name,
                        export::scoring_form(&site, scoring, period, &members, of, &form.id),
                    ));
                    issued.push(form);
                }
            }
            None => problems.push(
                Diagnostic::new(format!("content/scoring/{period}.yaml"), "E369")
                    .arg("period", period.to_string()),
            ),
        }
    } else {
        for member in sheet::expected_members(&site, period) {
            let name = sheet::form_file_name(member.slug.as_str(), period);
            let form = issue(FormKind::Achievement, Some(member.slug.as_str()), &name);
            workbooks.push((name, export::member_form(&site, member, period, &form.id)));
            issued.push(form);
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
        ui.say(Message::new("failed-system").arg("error", format!("{}: {error}", out.display())));
        return EXIT_SITE_ERRORS;
    }
    // The record first: a form saved without it could never be imported.
    let record = registry.with(&root, &issued, site.config.language);
    if let Err(error) = write::write_all(&root, &[record]) {
        ui.say(Message::new("failed-io").arg("error", format!("{error:#}")));
        return EXIT_SITE_ERRORS;
    }
    for ((_, workbook), path) in workbooks.into_iter().zip(&targets) {
        let saved = workbook.and_then(|mut w| w.save(path));
        if let Err(error) = saved {
            ui.say(
                Message::new("failed-system").arg("error", format!("{}: {error}", path.display())),
            );
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

/// Excel's lock file beside an open workbook (`~$name.xlsx`), and hidden files.
fn is_side_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$") || n.starts_with('.'))
}

fn is_xlsx(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
        && !is_side_file(path)
}

/// The forms the arguments name: a file as it is, the `.xlsx` files directly inside a folder,
/// and the files a pattern matches (`"nhan-ve/*.xlsx"`: Windows shells pass it unexpanded).
/// An argument that names no form is an error naming it.
fn forms_of(arguments: &[PathBuf]) -> (Vec<PathBuf>, Diagnostics) {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut problems = Diagnostics::new();
    for argument in arguments {
        let text = argument.to_string_lossy();
        let found: Vec<PathBuf> = if argument.is_file() {
            vec![argument.clone()]
        } else if argument.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(argument)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| is_xlsx(p))
                        .collect()
                })
                .unwrap_or_default();
            inside.sort();
            inside
        } else if text.contains(['*', '?', '[']) {
            glob::glob(&text)
                .map(|paths| {
                    paths
                        .filter_map(Result::ok)
                        .filter(|p| p.is_file() && !is_side_file(p))
                        .collect()
                })
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        if found.is_empty() {
            problems.push(Diagnostic::new(argument.clone(), "E386"));
        }
        for file in found {
            let same = |other: &PathBuf| {
                other == &file
                    || other
                        .canonicalize()
                        .is_ok_and(|o| file.canonicalize().is_ok_and(|f| f == o))
            };
            if !files.iter().any(same) {
                files.push(file);
            }
        }
    }
    (files, problems)
}

/// `(file!sheet, row, column)` of a diagnostic that names a cell, so that refusals are listed
/// in the order a person reads the sheet (G7 before G13, row 7 before row 13).
fn sheet_order(d: &Diagnostic) -> (String, u32, u16) {
    let path = display_path(&d.path);
    if let Some((before, cell)) = path.rsplit_once('!')
        && let Some((row, col)) = sheet::xlsx::parse_cell(cell)
    {
        return (before.to_string(), row + 1, col + 1);
    }
    (path, 0, 0)
}

/// Prints diagnostics in sheet order.
fn print_in_sheet_order(ui: &Ui, problems: &Diagnostics) {
    let mut sorted = problems.sorted();
    sorted.sort_by_cached_key(sheet_order);
    for d in sorted {
        eprintln!("{}", d.render(ui.language));
    }
}

/// What the closing line of a refused import tells the secretary to do.
fn fix_for(problems: &Diagnostics) -> Message {
    let errors: Vec<Diagnostic> = problems
        .sorted()
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if errors.iter().any(|d| d.code() == "E364") {
        Message::new("sheet-fix-duplicates")
    } else if errors.iter().all(|d| sheet_order(d).1 > 0) {
        Message::new("sheet-fix-cells")
    } else {
        Message::new("sheet-fix-files")
    }
}

fn run_import(args: SheetImportArgs, lang: Option<Language>) -> i32 {
    let root = args.root.root;
    let ui = Ui::for_site(lang, &root);
    let refuse = |problems: &Diagnostics| {
        print_in_sheet_order(&ui, problems);
        ui.say(
            Message::new("sheet-import-refused")
                .nested("counts", problems.summary())
                .nested("fix", fix_for(problems)),
        );
        EXIT_SITE_ERRORS
    };
    let (files, mut problems) = forms_of(&args.files);
    if problems.has_errors() {
        return refuse(&problems);
    }
    let Some(site) = load_site(&ui, &root, false) else {
        return EXIT_SITE_ERRORS;
    };
    let Some(registry) = load_registry(&ui, &root, "sheet-import-check-failed") else {
        return EXIT_SITE_ERRORS;
    };
    let mut forms: Vec<(PathBuf, import::FormReturn)> = Vec::new();
    for file in &files {
        let name = shown(file);
        match import::read_form(&site, &registry, file, &name) {
            Ok(returned) => {
                problems.extend(returned.warnings);
                let form = returned.form;
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
        return refuse(&problems);
    }

    let mut planned = Vec::new();
    for (file, form) in &forms {
        let plan = changes::plan_after(&site, form, ui.language, &planned);
        let rel = display_path(&plan.change.rel);
        if plan.unchanged() {
            ui.say(
                Message::new("sheet-file-unchanged")
                    .arg("file", rel.as_str())
                    .arg("form", shown(file)),
            );
        } else {
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
                ui.say(Message::new("sheet-change-line").arg("change", note.as_str()));
            }
        }
        if !plan.kept.is_empty() {
            ui.say(Message::new("sheet-kept-empty").arg("cells", plan.kept.join(", ")));
        }
        if plan.unchanged() {
            continue;
        }
        for key in &plan.lost_comments {
            problems
                .push(Diagnostic::new(plan.change.rel.clone(), "W350").arg("key", key.as_str()));
        }
        // Several scorers' sheets change one scoring file: the last plan holds them all.
        planned.retain(|c: &write::FileChange| c.rel != plan.change.rel);
        planned.push(plan.change);
    }
    let check = match write::check(&root, &planned, &blocpress::site::check_with) {
        Ok(found) => found,
        Err(error) => {
            ui.say(Message::new("failed-io").arg("error", format!("{error:#}")));
            return EXIT_SITE_ERRORS;
        }
    };
    if check.has_errors() {
        problems.extend(check.into_vec());
        print_in_sheet_order(&ui, &problems);
        ui.say(Message::new("sheet-import-check-failed").nested("counts", problems.summary()));
        return EXIT_SITE_ERRORS;
    }
    print_in_sheet_order(&ui, &problems);
    if planned.is_empty() {
        ui.say(Message::new("sheet-import-nothing"));
        return EXIT_OK;
    }
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
