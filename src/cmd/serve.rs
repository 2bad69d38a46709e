//! `blocpress serve`: builds the site into memory, serves it, rebuilds on change and reloads
//! open pages. The work is in [`blocpress::serve`].

use blocpress::serve::{self, ServeError, ServeOptions};

use super::{EXIT_OK, EXIT_SITE_ERRORS, EXIT_USAGE};
use crate::cli::ServeArgs;

pub fn run(args: ServeArgs, lang: Option<blocpress::i18n::Language>) -> i32 {
    let options = ServeOptions {
        root: args.root.root,
        interface: args.interface,
        port: args.port,
        drafts: args.drafts,
        poll: args.poll,
        lang,
    };
    match serve::run(&options) {
        Ok(()) => EXIT_OK,
        Err(ServeError::Usage(message)) => {
            eprintln!("error: {message}");
            EXIT_USAGE
        }
        Err(ServeError::Failed(message)) => {
            eprintln!("error: {message}");
            EXIT_SITE_ERRORS
        }
    }
}
