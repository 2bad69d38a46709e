//! `blocpress explain CODE`: what a diagnostic code means, a wrong and a right example, and the
//! fix, in the language of the run (from the same catalogue as `docs/errors.md`).

use blocpress::i18n::Language;
use blocpress::messages::{self, Message};

use super::{EXIT_OK, EXIT_USAGE, Ui};
use crate::cli::ExplainArgs;

pub fn run(args: ExplainArgs, lang: Option<Language>) -> i32 {
    let ui = Ui::for_site(lang, &args.root.root);
    let Some(code) = messages::normalise_code(&args.code) else {
        ui.say(Message::new("explain-unknown").arg("code", args.code.trim()));
        return EXIT_USAGE;
    };
    let Some(entry) = messages::explanations(ui.language).get(&code) else {
        ui.say(Message::new("explain-unknown").arg("code", code));
        return EXIT_USAGE;
    };
    let label = |id| messages::text(id, ui.language);
    let text = format!(
        "{code}: {}\n\n{}\n{}\n{}\n{}\n{}\n{}\n",
        entry.meaning.trim(),
        label("explain-wrong"),
        indent(&entry.wrong),
        label("explain-right"),
        indent(&entry.right),
        label("explain-fix"),
        indent(&entry.fix),
    );
    // `explain E411 | head -3` closes the pipe early: that is not an error (println! would panic).
    let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
    EXIT_OK
}

fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|line| format!("    {line}\n"))
        .collect()
}
