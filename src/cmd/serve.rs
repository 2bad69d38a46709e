//! `blocpress serve`: builds the site into memory, serves it, rebuilds on change and reloads
//! open pages. The work is in [`blocpress::serve`].

use blocpress::messages::Message;
use blocpress::serve::{self, ServeError, ServeOptions};

use super::{EXIT_OK, EXIT_SITE_ERRORS, EXIT_USAGE};
use crate::cli::ServeArgs;

pub fn run(args: ServeArgs, lang: Option<blocpress::i18n::Language>) -> i32 {
    let ui = super::Ui::for_site(lang, &args.root.root);
    if let Err(code) = ui.settle_interrupted_writes(&args.root.root) {
        return code;
    }
    let options = ServeOptions {
        lang,
        root: args.root.root,
        interface: args.interface,
        port: args.port,
        drafts: args.drafts,
        poll: args.poll,
    };
    match serve::run(&options) {
        Ok(()) => EXIT_OK,
        Err(ServeError::Usage(message)) => {
            ui.say(Message::new("failed-usage").nested("error", message));
            EXIT_USAGE
        }
        Err(ServeError::Failed(message)) => {
            ui.say(Message::new("failed-usage").nested("error", message));
            EXIT_SITE_ERRORS
        }
    }
}
