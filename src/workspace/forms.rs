//! `/forms/`: a member downloads its own form of figures for a period, made exactly as
//! `sheet export` makes it and recorded in `forms.yaml` (through the site's one writer, then
//! committed to the history with the user as author), so that the returned form is accepted by
//! `sheet import`. A member gets only its own form; the secretary any member's; an editor none.

use std::path::Path;

use crate::content::write::{self, Edit};
use crate::diagnostics::Diagnostic;
use crate::period::PeriodId;
use crate::sheet::registry::{Issued, Registry};
use crate::sheet::{self, FormKind};

use super::history::{Action, History, Record};
use super::users::Role;

/// What `/forms/` offers: the members (slug, short name) and the periods, newest first.
pub struct Choices {
    pub members: Vec<(String, String)>,
    pub periods: Vec<String>,
}

/// The members `role` may download forms for, and the periods offered: every period the site
/// has figures for, and the current half-year.
pub fn choices(root: &Path, role: &Role) -> Result<Choices, Diagnostic> {
    let site = load(root)?;
    let members: Vec<(String, String)> = site
        .associations
        .iter()
        .filter(|a| match role {
            Role::Secretary => true,
            Role::Member(slug) => &a.slug == slug,
            Role::Editor => false,
        })
        .map(|a| (a.slug.as_str().to_string(), a.short_name.clone()))
        .collect();
    let mut periods: Vec<PeriodId> = site
        .associations
        .iter()
        .flat_map(|a| a.achievements.keys().copied())
        .collect();
    let now = crate::content::news::vietnam_now();
    let half = if now.month() <= 6 { "h1" } else { "h2" };
    if let Ok(current) = format!("{}-{half}", now.year()).parse::<PeriodId>() {
        periods.push(current);
    }
    periods.sort();
    periods.dedup();
    periods.reverse();
    Ok(Choices {
        members,
        periods: periods.iter().map(ToString::to_string).collect(),
    })
}

fn load(root: &Path) -> Result<crate::model::Site, Diagnostic> {
    let options = crate::content::load::LoadOptions {
        drafts: true,
        base_url: None,
        // Forms and the editor's settings need the site, not its photos: nothing is encoded.
        images: crate::model::images::ImageWork::Check { cache_of: None },
    };
    crate::site::load(root, &options)
        .map(|(site, _)| site)
        .map_err(|problems| {
            problems
                .sorted()
                .into_iter()
                .find(Diagnostic::is_error)
                .unwrap_or_else(|| Diagnostic::new("site.yaml", "E842"))
        })
}

/// A form for `member` and `period`: (file name, xlsx bytes), recorded in `forms.yaml`.
pub fn issue(
    root: &Path,
    history: &History,
    user: &str,
    role: &Role,
    member: &str,
    period: &str,
) -> Result<(String, Vec<u8>), (u16, Diagnostic)> {
    let allowed = match role {
        Role::Secretary => true,
        Role::Member(slug) => slug.as_str() == member,
        Role::Editor => false,
    };
    if !allowed {
        return Err((
            403,
            Diagnostic::new(format!("content/associations/{member}"), "E837"),
        ));
    }
    let period_id: PeriodId = period
        .parse()
        .map_err(|_| (422, Diagnostic::new("forms", "E843").arg("period", period)))?;
    let site = load(root).map_err(|d| (422, d))?;
    let association = site
        .associations
        .iter()
        .find(|a| a.slug.as_str() == member)
        .ok_or_else(|| (404, Diagnostic::new("forms", "E844").arg("member", member)))?;
    let registry = Registry::load(root).map_err(|d| (500, d))?;
    let name = sheet::form_file_name(member, period_id);
    let today = crate::content::news::vietnam_now().date().to_string();
    let form = Issued {
        id: sheet::registry::new_id(),
        kind: FormKind::Achievement.into(),
        member: Some(member.to_string()),
        period: period_id.to_string(),
        date: today,
        file: name.clone(),
    };
    let bytes = sheet::export::member_form(&site, association, period_id, &form.id)
        .and_then(|mut workbook| workbook.save_to_buffer())
        .map_err(|e| {
            (
                500,
                Diagnostic::new("forms", "E845").arg("error", e.to_string()),
            )
        })?;
    // The record first: a form handed out without it could never be imported.
    let record = registry.with(root, std::slice::from_ref(&form), site.config.language);
    write::commit(root, &[Edit::from(&record)]).map_err(|e| {
        let problem = e.diagnostics().into_vec().into_iter().next();
        (
            500,
            problem.unwrap_or_else(|| Diagnostic::new("forms", "E845").arg("error", "forms.yaml")),
        )
    })?;
    let record = Record {
        message: crate::messages::Message::new("workspace-form-issued")
            .arg("member", member)
            .arg("period", period_id.to_string())
            .render(site.config.language),
        action: Action::FormIssued,
        // The figures the form is for, named like their file: the page names the member.
        title: Some(format!("{member}/{period_id}")),
    };
    history
        .record(user, &record, &[sheet::registry::FILE.to_string()])
        .map_err(|d| (500, d))?;
    Ok((name, bytes))
}

/// Largest returned form accepted.
pub const MAX_UPLOAD: usize = 10 << 20;

/// A returned form read and planned, waiting for the person to confirm it.
#[derive(Debug, Clone)]
pub struct Pending {
    pub change: crate::content::write::FileChange,
    /// What the form changes, one line each, in the site's language.
    pub notes: Vec<String>,
    /// The cells left empty where the site holds a value (kept).
    pub kept: Vec<String>,
    /// The warnings of reading it (characters replaced).
    pub warnings: Vec<String>,
}

/// Reads a returned form as `sheet import` does (the form must be recorded in `forms.yaml`
/// for the member it names), checks that `role` may return it, plans the change and checks
/// the whole site with it. `Ok(None)`: the form changes nothing.
pub fn read_returned(
    root: &Path,
    role: &Role,
    name: &str,
    bytes: &[u8],
    language: crate::i18n::Language,
) -> Result<Option<Pending>, (u16, Vec<Diagnostic>)> {
    let site = load(root).map_err(|d| (422, vec![d]))?;
    let registry = Registry::load(root).map_err(|d| (500, vec![d]))?;
    let returned =
        sheet::import::read_bytes(&site, &registry, bytes, name).map_err(|d| (422, d))?;
    let allowed = match (&returned.form, role) {
        (_, Role::Secretary) => true,
        (sheet::import::FormReturn::Achievement(form), Role::Member(slug)) => &form.member == slug,
        _ => false,
    };
    if !allowed {
        return Err((403, vec![Diagnostic::new(name, "E837")]));
    }
    let plan = sheet::changes::plan(&site, &returned.form, language);
    if plan.unchanged() {
        return Ok(None);
    }
    let found = write::check(
        root,
        std::slice::from_ref(&plan.change),
        &crate::site::check_with,
    )
    .map_err(|e| {
        (
            500,
            vec![Diagnostic::new(name, "E845").arg("error", format!("{e:#}"))],
        )
    })?;
    if found.has_errors() {
        return Err((422, errors(&found)));
    }
    Ok(Some(Pending {
        change: plan.change,
        notes: plan.notes,
        kept: plan.kept,
        warnings: returned
            .warnings
            .iter()
            .map(|d| d.render(language).trim_end().to_string())
            .collect(),
    }))
}

/// Writes a confirmed form: checked again on the whole site, all or nothing, refused (409)
/// when the file changed since the preview; then committed with the user as author.
pub fn confirm(
    root: &Path,
    history: &History,
    user: &str,
    pending: &Pending,
    language: crate::i18n::Language,
) -> Result<(), (u16, Vec<Diagnostic>)> {
    use crate::content::write::{Outcome, WriteError};
    match write::check_and_commit(
        root,
        &[Edit::from(&pending.change)],
        &crate::site::check_with,
    ) {
        Ok(Outcome::Written) => {}
        Ok(Outcome::Refused(found)) => return Err((422, errors(&found))),
        Err(WriteError::Conflict(files)) => {
            return Err((
                409,
                files
                    .into_iter()
                    .map(|f| Diagnostic::new(f, "E460"))
                    .collect(),
            ));
        }
        Err(WriteError::Failed(problem)) => return Err((500, vec![problem])),
    }
    let rel = crate::diagnostics::display_path(&pending.change.rel);
    let record = Record {
        message: crate::messages::Message::new("workspace-form-imported")
            .arg("file", rel.clone())
            .render(language),
        action: Action::FormImported,
        title: None,
    };
    history
        .record(user, &record, &[rel])
        .map_err(|d| (500, vec![d]))
}

/// The errors among `found`, sorted (what a refused change shows).
pub fn errors(found: &crate::diagnostics::Diagnostics) -> Vec<Diagnostic> {
    found
        .sorted()
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}
