//! The catalogue: every text blocpress prints to a person (diagnostics, command summaries,
//! `new`/`init` notes, the `serve` overlay) lives in Fluent files, one set per language, under
//! `locales/<lang>/*.ftl`, embedded at compile time. Code names a message by its id and passes
//! typed arguments; the words are chosen only when the message is shown, in the language of the
//! run. `locales/<lang>/*.yaml` hold what `blocpress explain CODE` prints for each
//! diagnostic code, and `docs/errors.md` is generated from both.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use include_dir::{Dir, include_dir};
use serde::Deserialize;

use crate::i18n::Language;

static LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// The environment variable that overrides the site's language for messages.
pub const LANG_ENV: &str = "BLOCPRESS_LANG";

/// A value given to a message. Text is shown as it is (quote it in the catalogue if needed);
/// a count selects plural forms; a nested message is rendered in the same language first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Count(i64),
    Message(Box<Message>),
}

/// A catalogue id with its arguments: the words come from the catalogue of the language it is
/// rendered in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// A text argument, shown as written.
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    /// A number argument: selects plural forms (`{ $n -> [one] … *[other] … }`).
    pub fn count(mut self, name: &'static str, value: impl TryInto<i64>) -> Self {
        let value = value.try_into().unwrap_or(i64::MAX);
        self.args.push((name, Arg::Count(value)));
        self
    }

    /// An argument that is itself a message (a fix, a hint), rendered in the same language.
    pub fn nested(mut self, name: &'static str, message: Message) -> Self {
        self.args.push((name, Arg::Message(Box::new(message))));
        self
    }

    /// The text of an argument, for tests and for code that must branch on a value.
    pub fn text_arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find_map(|(n, a)| match a {
            Arg::Text(text) if *n == name => Some(text.as_str()),
            _ => None,
        })
    }

    /// The message in `language`. An id missing from the catalogue shows the id and its
    /// arguments, so a mistake in the program still tells the user something (a test makes
    /// sure no shipped id is missing).
    pub fn render(&self, language: Language) -> String {
        let bundle = bundle(language);
        let Some(pattern) = bundle.get_message(self.id).and_then(|m| m.value()) else {
            return self.fallback(language);
        };
        debug_assert!(
            self.args_match(language),
            "message {} in {}: arguments {:?} do not match the catalogue's {:?}",
            self.id,
            language.code(),
            self.args.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            variables(language, self.id)
        );
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            match value {
                Arg::Text(text) => args.set(*name, FluentValue::from(text.as_str())),
                Arg::Count(n) => args.set(*name, FluentValue::from(*n)),
                Arg::Message(inner) => args.set(*name, FluentValue::from(inner.render(language))),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        if errors.is_empty() {
            text.into_owned()
        } else {
            self.fallback(language)
        }
    }

    fn fallback(&self, language: Language) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|(name, value)| match value {
                Arg::Text(text) => format!("{name}={text}"),
                Arg::Count(n) => format!("{name}={n}"),
                Arg::Message(inner) => format!("{name}={}", inner.render(language)),
            })
            .collect();
        format!("{} {}", self.id, args.join(" "))
    }

    /// Every argument passed is used by the message, and every variable it uses is passed.
    fn args_match(&self, language: Language) -> bool {
        let passed: BTreeSet<String> = self.args.iter().map(|(n, _)| n.to_string()).collect();
        passed == variables(language, self.id)
    }
}

/// A catalogue message carried as an error (through `anyhow`), so the command prints it in the
/// language of the run ([`MessageError::render_chain`]); `Display` uses the default language.
#[derive(Debug, Clone)]
pub struct MessageError(pub Message);

impl std::fmt::Display for MessageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.render(Language::default()))
    }
}

impl std::error::Error for MessageError {}

impl MessageError {
    /// Adds a text argument.
    pub fn arg(self, name: &'static str, value: impl Into<String>) -> MessageError {
        MessageError(self.0.arg(name, value))
    }

    /// `id` with the path and the error, for a failed read or write.
    pub fn io(id: &'static str, path: &std::path::Path) -> MessageError {
        MessageError(Message::new(id).arg("path", path.display().to_string()))
    }

    /// An error and its causes, `: `-joined, the catalogue ones in `language`.
    pub fn render_chain(error: &anyhow::Error, language: Language) -> String {
        let mut chain = error.chain();
        // A message given as context (`.with_context(|| MessageError::…)`) is found by
        // anyhow's own downcast only: in the chain it is wrapped with its cause.
        let outer = error.downcast_ref::<MessageError>().map(|message| {
            chain.next();
            message.0.render(language)
        });
        outer
            .into_iter()
            .chain(chain.map(|cause| {
                if let Some(message) = cause.downcast_ref::<MessageError>() {
                    message.0.render(language)
                } else if let Some(io) = cause.downcast_ref::<std::io::Error>() {
                    io_reason(io).render(language)
                } else {
                    cause.to_string()
                }
            }))
            .collect::<Vec<_>>()
            .join(": ")
    }
}

/// What went wrong in a read or a write, in words of the catalogue: the system's own text
/// ("No space left on device") is English whatever the site's language.
pub fn io_reason(error: &std::io::Error) -> Message {
    use std::io::ErrorKind;
    // The kinds std names (StorageFull, ReadOnlyFilesystem, …) where it does; the raw Linux
    // numbers where std still reports `Other`/`Uncategorized`.
    let id = match (error.kind(), error.raw_os_error()) {
        (ErrorKind::NotFound, _) | (_, Some(2)) => "io-reason-not-found",
        (ErrorKind::PermissionDenied, _) | (_, Some(1 | 13)) => "io-reason-permission",
        (ErrorKind::StorageFull, _) | (_, Some(28 | 122)) => "io-reason-no-space",
        (ErrorKind::ReadOnlyFilesystem, _) | (_, Some(30)) => "io-reason-read-only",
        (ErrorKind::ResourceBusy, _) | (_, Some(16 | 26)) => "io-reason-busy",
        (ErrorKind::InvalidFilename, _) | (_, Some(36)) => "io-reason-name-too-long",
        (ErrorKind::IsADirectory, _) | (_, Some(21)) => "io-reason-is-folder",
        (ErrorKind::NotADirectory, _) | (_, Some(20)) => "io-reason-not-folder",
        (ErrorKind::AlreadyExists, _) | (_, Some(17)) => "io-reason-exists",
        (ErrorKind::UnexpectedEof, _) => "io-reason-truncated",
        (ErrorKind::InvalidData, _) => "io-reason-invalid-data",
        (ErrorKind::CrossesDevices, _) | (_, Some(18)) => "io-reason-cross-device",
        (ErrorKind::TooManyLinks, _) | (_, Some(40)) => "io-reason-link-loop",
        (_, Some(24 | 23)) => "io-reason-too-many-open",
        (_, Some(5)) => "io-reason-device",
        (_, Some(code)) => return Message::new("io-reason-system").count("code", code),
        _ => "io-reason-unknown",
    };
    Message::new(id)
}

/// A message with no arguments, rendered: for fixed labels (`lỗi`, `cảnh báo`).
pub fn text(id: &'static str, language: Language) -> String {
    Message::new(id).render(language)
}

/// A word of the glossary (`locales/<lang>/glossary.ftl`, ids `term-<name>`): the one name of a
/// concept in every output (SPEC Part 3, "One truth in every output"), so the page, the Word
/// and Excel files and the forms say *Kế hoạch* for a target, *Bình quân* for a mean.
/// `None` for a name the glossary does not have.
pub fn term(name: &str, language: Language) -> Option<String> {
    let id = catalogue_id(language, &format!("term-{name}"))?;
    Some(text(id, language))
}

/// [`term`] for a name the program itself spells (a test checks each is in the glossary).
pub fn glossary(name: &str, language: Language) -> String {
    term(name, language).unwrap_or_else(|| format!("term-{name}"))
}

/// The language messages are shown in: `--lang`, then `BLOCPRESS_LANG`, then the site's
/// `language`, then Vietnamese. An unknown `BLOCPRESS_LANG` is ignored here; the command line
/// refuses an unknown `--lang` before this is asked.
pub fn resolve_language(cli: Option<Language>, site: Option<Language>) -> Language {
    cli.or_else(env_language).or(site).unwrap_or_default()
}

/// `BLOCPRESS_LANG`, when it names a language blocpress speaks.
pub fn env_language() -> Option<Language> {
    std::env::var(LANG_ENV)
        .ok()
        .and_then(|value| Language::from_code(value.trim()))
}

fn sources(language: Language) -> impl Iterator<Item = (&'static str, &'static str)> {
    LOCALES
        .get_dir(language.code())
        .into_iter()
        .flat_map(|dir| dir.files())
        .filter(|file| file.path().extension().is_some_and(|e| e == "ftl"))
        .filter_map(|file| Some((file.path().to_str()?, file.contents_utf8()?)))
}

fn bundle(language: Language) -> &'static FluentBundle<FluentResource> {
    static VI: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match language {
        Language::Vi => &VI,
        Language::En => &EN,
    };
    cell.get_or_init(|| {
        let locale = language.code().parse().expect("a valid language tag");
        let mut bundle = FluentBundle::new_concurrent(vec![locale]);
        // No Unicode isolation marks around arguments: they would end up inside paths and
        // values that people copy from a terminal.
        bundle.set_use_isolating(false);
        for (path, source) in sources(language) {
            let resource = FluentResource::try_new(source.to_string())
                .unwrap_or_else(|(_, errors)| panic!("{path}: {errors:?}"));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("{path}: duplicate ids {errors:?}"));
        }
        bundle
    })
}

/// The ids of every message of `language`, in no particular order.
pub fn ids(language: Language) -> BTreeSet<String> {
    parsed(language).keys().cloned().collect()
}

/// The catalogue's own name for `id`, for ids put together at run time (the help texts of
/// `src/help.rs`): `None` when the catalogue of `language` has no such message.
pub fn catalogue_id(language: Language, id: &str) -> Option<&'static str> {
    parsed(language)
        .get_key_value(id)
        .map(|(name, _)| name.as_str())
}

/// The variables (`$name`) a message uses, nested selectors and attributes excluded.
pub fn variables(language: Language, id: &str) -> BTreeSet<String> {
    parsed(language).get(id).cloned().unwrap_or_default()
}

/// id → variables, read from the Fluent sources' syntax trees (the bundle does not expose them).
fn parsed(language: Language) -> &'static BTreeMap<String, BTreeSet<String>> {
    static VI: OnceLock<BTreeMap<String, BTreeSet<String>>> = OnceLock::new();
    static EN: OnceLock<BTreeMap<String, BTreeSet<String>>> = OnceLock::new();
    let cell = match language {
        Language::Vi => &VI,
        Language::En => &EN,
    };
    cell.get_or_init(|| {
        use fluent_syntax::ast;
        let mut all = BTreeMap::new();
        for (path, source) in sources(language) {
            let resource = fluent_syntax::parser::parse(source)
                .unwrap_or_else(|(_, errors)| panic!("{path}: {errors:?}"));
            for entry in resource.body {
                if let ast::Entry::Message(message) = entry {
                    let mut names = BTreeSet::new();
                    if let Some(value) = &message.value {
                        pattern_variables(value, &mut names);
                    }
                    all.insert(message.id.name.to_string(), names);
                }
            }
        }
        all
    })
}

fn pattern_variables(pattern: &fluent_syntax::ast::Pattern<&str>, names: &mut BTreeSet<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(expression: &InlineExpression<&str>, names: &mut BTreeSet<String>) {
        match expression {
            InlineExpression::VariableReference { id } => {
                names.insert(id.name.to_string());
            }
            InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    inline(argument, names);
                }
            }
            InlineExpression::Placeable { expression } => expr(expression, names),
            _ => {}
        }
    }
    fn expr(expression: &Expression<&str>, names: &mut BTreeSet<String>) {
        match expression {
            Expression::Inline(e) => inline(e, names),
            Expression::Select { selector, variants } => {
                inline(selector, names);
                for variant in variants {
                    pattern_variables(&variant.value, names);
                }
            }
        }
    }
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expr(expression, names);
        }
    }
}

/// What `blocpress explain CODE` prints, from `locales/<lang>/*.yaml` (one file per area).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Explanation {
    /// What the code means, in a sentence or two.
    pub meaning: String,
    /// A file (or command) that gets this diagnostic.
    pub wrong: String,
    /// The same, fixed.
    pub right: String,
    /// How to fix it, in an office worker's words.
    pub fix: String,
}

/// Every explanation of `language`, by code.
pub fn explanations(language: Language) -> &'static BTreeMap<String, Explanation> {
    static VI: OnceLock<BTreeMap<String, Explanation>> = OnceLock::new();
    static EN: OnceLock<BTreeMap<String, Explanation>> = OnceLock::new();
    let cell = match language {
        Language::Vi => &VI,
        Language::En => &EN,
    };
    cell.get_or_init(|| {
        let mut all = BTreeMap::new();
        let files = LOCALES
            .get_dir(language.code())
            .into_iter()
            .flat_map(|d| d.files());
        for file in files.filter(|f| f.path().extension().is_some_and(|e| e == "yaml")) {
            let path = file.path().display();
            let entries: BTreeMap<String, Explanation> = serde_yaml::from_slice(file.contents())
                .unwrap_or_else(|e| panic!("locales/{path}: {e}"));
            for (code, entry) in entries {
                assert!(
                    all.insert(code.clone(), entry).is_none(),
                    "{code} explained twice"
                );
            }
        }
        all
    })
}

/// The diagnostic codes of the catalogue (`E012`, `W003`), sorted.
pub fn codes(language: Language) -> Vec<String> {
    ids(language).into_iter().filter(|id| is_code(id)).collect()
}

/// `E` or `W` and three digits.
pub fn is_code(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes.len() == 4 && matches!(bytes[0], b'E' | b'W') && bytes[1..].iter().all(u8::is_ascii_digit)
}

/// Accepts `E012`, `e012` and `012` (then `E` first, `W` if no such error), like `rustc --explain`.
pub fn normalise_code(input: &str) -> Option<String> {
    let input = input.trim().to_ascii_uppercase();
    let known = codes(Language::En);
    if is_code(&input) {
        return known.contains(&input).then_some(input);
    }
    if input.len() == 3 && input.bytes().all(|b| b.is_ascii_digit()) {
        return ["E", "W"]
            .iter()
            .map(|p| format!("{p}{input}"))
            .find(|c| known.contains(c));
    }
    None
}

/// `docs/errors.md`: a table of every code with its message and explanation in both languages.
/// A test compares it with the file in the repository, so the docs never fall behind.
pub fn errors_markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from locales/*/: run `BLOCPRESS_UPDATE_DOCS=1 cargo test --lib messages` after changing the catalogue. -->\n\
         # Diagnostic codes\n\n\
         Every problem blocpress reports has a code: `E` for an error (the site is not built),\n\
         `W` for a warning (it is built, but look). `blocpress explain CODE` prints the full\n\
         explanation with a wrong and a right example, in the site's language (`--lang en` for\n\
         English). Messages look like this:\n\n\
         ```text\n\
         lỗi[E012]: content/scoring/2013.yaml:20:14: …\n\
         error[E012]: content/scoring/2013.yaml:20:14: …      (--lang en)\n\
         ```\n\n\
         | code | Tiếng Việt | English |\n|---|---|---|\n",
    );
    let vi = explanations(Language::Vi);
    let en = explanations(Language::En);
    for code in codes(Language::En) {
        let cell = |map: &BTreeMap<String, Explanation>| {
            map.get(&code)
                .map(|e| e.meaning.trim().replace('\n', " ").replace('|', "\\|"))
                .unwrap_or_default()
        };
        out.push_str(&format!("| {code} | {} | {} |\n", cell(vi), cell(en)));
    }
    out.push_str(EXTRA_DOCS);
    out
}

/// The hand-written part of `docs/errors.md` (output-folder rules, symlinks), kept beside the
/// generated table.
static EXTRA_DOCS: &str = include_str!("../docs/errors-extra.md");

#[cfg(test)]
mod tests {
    use super::*;

    const LANGUAGES: [Language; 2] = [Language::Vi, Language::En];

    #[test]
    fn every_message_exists_in_both_languages_with_the_same_arguments() {
        let vi = ids(Language::Vi);
        let en = ids(Language::En);
        let only_vi: Vec<_> = vi.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&vi).collect();
        assert!(only_vi.is_empty(), "missing in en: {only_vi:?}");
        assert!(only_en.is_empty(), "missing in vi: {only_en:?}");
        for id in &vi {
            assert_eq!(
                variables(Language::Vi, id),
                variables(Language::En, id),
                "{id}: vi and en use different arguments"
            );
        }
    }

    #[test]
    fn every_code_has_an_explanation_in_both_languages() {
        for language in LANGUAGES {
            let codes = codes(language);
            let explained = explanations(language);
            for code in &codes {
                let e = explained
                    .get(code)
                    .unwrap_or_else(|| panic!("{code} has no explanation in {}", language.code()));
                for (field, text) in [
                    ("meaning", &e.meaning),
                    ("wrong", &e.wrong),
                    ("right", &e.right),
                    ("fix", &e.fix),
                ] {
                    assert!(!text.trim().is_empty(), "{code}.{field} is empty");
                }
            }
            for code in explained.keys() {
                assert!(codes.contains(code), "explanation of unknown code {code}");
            }
        }
    }

    #[test]
    fn every_code_is_used_in_the_program_and_every_used_code_is_in_the_catalogue() {
        let mut used = BTreeSet::new();
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                for (i, _) in text.match_indices('"') {
                    if let Some(candidate) = text.get(i + 1..i + 5)
                        && is_code(candidate)
                        && text.get(i + 5..i + 6) == Some("\"")
                    {
                        used.insert(candidate.to_string());
                    }
                }
            }
        }
        let known: BTreeSet<String> = codes(Language::En).into_iter().collect();
        let unknown: Vec<_> = used.difference(&known).collect();
        let unused: Vec<_> = known.difference(&used).collect();
        assert!(
            unknown.is_empty(),
            "codes used but not in the catalogue: {unknown:?}"
        );
        assert!(
            unused.is_empty(),
            "codes in the catalogue never used: {unused:?}"
        );
    }

    #[test]
    fn docs_errors_md_is_generated_from_the_catalogue() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/errors.md");
        let expected = errors_markdown();
        if std::env::var_os("BLOCPRESS_UPDATE_DOCS").is_some() {
            std::fs::write(path, &expected).unwrap();
        }
        let actual = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            actual == expected,
            "docs/errors.md is out of date: run `BLOCPRESS_UPDATE_DOCS=1 cargo test --lib messages`"
        );
    }

    #[test]
    fn the_catalogue_is_in_nfc() {
        use unicode_normalization::UnicodeNormalization;
        for language in LANGUAGES {
            for (path, source) in sources(language) {
                let nfc: String = source.nfc().collect();
                assert!(nfc == source, "{path} is not in NFC");
            }
        }
    }

    #[test]
    fn renders_arguments_and_plurals() {
        let m = Message::new("summary-counts")
            .count("errors", 1)
            .count("warnings", 2);
        assert_eq!(m.render(Language::En), "1 error, 2 warnings");
        assert_eq!(m.render(Language::Vi), "1 lỗi, 2 cảnh báo");
    }

    #[test]
    fn codes_are_read_like_rustc_explain() {
        let first = codes(Language::En).into_iter().next().unwrap();
        assert_eq!(normalise_code(&first.to_lowercase()), Some(first.clone()));
        assert_eq!(normalise_code("X12"), None);
    }
}
