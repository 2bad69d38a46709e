//! `blocpress build`: renders the site into its output folder.

use blocpress::diagnostics::SiteErrors;
use blocpress::site::{self, BuildOptions};

use blocpress::i18n::Language;
use blocpress::messages::Message;

use super::{EXIT_OK, EXIT_SITE_ERRORS, EXIT_USAGE, Ui};
use crate::cli::BuildArgs;

pub fn run(args: BuildArgs, lang: Option<Language>) -> i32 {
    let ui = Ui::for_site(lang, &args.root.root);
    if let Err(code) = ui.settle_interrupted_writes(&args.root.root) {
        return code;
    }
    // A malformed option is a usage error (exit 2), not a site error.
    if let Some(url) = &args.base_url
        && let Err(message) = blocpress::config::normalize_base_url(url)
    {
        ui.say(Message::new("failed-usage").nested(
            "error",
            Message::new("usage-base-url").nested("reason", message),
        ));
        return EXIT_USAGE;
    }
    let options = BuildOptions {
        root: args.root.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        force: args.force,
    };
    match site::build(&options) {
        Ok(report) => {
            ui.diagnostics(&report.warnings);
            let warnings = if report.warnings.is_empty() {
                String::new()
            } else {
                format!("; {}", ui.render(&report.warnings.summary()))
            };
            ui.say(
                Message::new("build-done")
                    .count("files", report.pages)
                    .count("news", report.news)
                    .arg("output", report.output.display().to_string())
                    .count("ms", report.elapsed.as_millis() as i64)
                    .arg("warnings", warnings),
            );
            if report.images.processed + report.images.cached > 0 {
                ui.say(
                    Message::new("images-summary")
                        .count("processed", report.images.processed)
                        .count("cached", report.images.cached),
                );
            }
            EXIT_OK
        }
        Err(error) => {
            match error.downcast_ref::<SiteErrors>() {
                Some(SiteErrors(diagnostics)) => {
                    ui.diagnostics(diagnostics);
                    ui.say(Message::new("build-failed").nested("counts", diagnostics.summary()));
                }
                None => {
                    let text = blocpress::messages::MessageError::render_chain(&error, ui.language);
                    // E614 is the system refusing a read or a write; a refusal of blocpress's own
                    // (an output folder it will not write into) says why without it.
                    let from_system = error
                        .chain()
                        .any(|cause| cause.downcast_ref::<std::io::Error>().is_some());
                    ui.say(if from_system {
                        Message::new("failed-system")
                            .nested("error", Message::new("E614").arg("error", text))
                    } else {
                        Message::new("failed-io").arg("error", text)
                    })
                }
            }
            EXIT_SITE_ERRORS
        }
    }
}
