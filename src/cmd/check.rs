//! `blocpress check`: loads, validates and renders everything in memory; writes nothing.

use blocpress::site;

use blocpress::i18n::Language;
use blocpress::messages::Message;

use super::{EXIT_OK, EXIT_SITE_ERRORS, Ui};
use crate::cli::CheckArgs;

pub fn run(args: CheckArgs, lang: Option<Language>) -> i32 {
    let ui = Ui::for_site(lang, &args.root.root);
    if let Err(code) = ui.settle_interrupted_writes(&args.root.root) {
        return code;
    }
    let diagnostics = site::check(&args.root.root, args.drafts);
    ui.diagnostics(&diagnostics);
    if diagnostics.has_errors() {
        ui.say(Message::new("check-failed").nested("counts", diagnostics.summary()));
        EXIT_SITE_ERRORS
    } else {
        ui.say(Message::new("check-passed").nested("counts", diagnostics.summary()));
        EXIT_OK
    }
}
