//! `blocpress workspace`: the bloc's shared workspace. The work is in
//! [`blocpress::workspace`].

use blocpress::messages::Message;
use blocpress::workspace::{self, WorkspaceOptions};

use super::{EXIT_OK, EXIT_SITE_ERRORS};
use crate::cli::WorkspaceArgs;

pub fn run(args: WorkspaceArgs, lang: Option<blocpress::i18n::Language>) -> i32 {
    let ui = super::Ui::for_site(lang, &args.root.root);
    if let Err(code) = ui.settle_interrupted_writes(&args.root.root) {
        return code;
    }
    let options = WorkspaceOptions {
        root: args.root.root,
        listen: args.listen,
        publish: args.publish,
        https: args.https,
        lang,
    };
    match workspace::run(&options) {
        Ok(()) => EXIT_OK,
        Err(message) => {
            ui.say(Message::new("failed-usage").nested("error", message));
            EXIT_SITE_ERRORS
        }
    }
}
