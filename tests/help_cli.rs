//! `--help` through the real binary: in Vietnamese by default, in English with `--lang en`,
//! `BLOCPRESS_LANG=en` or an English site, for every command and subcommand, with no word of
//! clap's own English left in the Vietnamese text; `blocpress help …` and `--version` still work.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_blocpress");

/// Every command that has its own help.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["build"],
    &["check"],
    &["serve"],
    &["init"],
    &["new"],
    &["new", "news"],
    &["new", "period"],
    &["explain"],
    &["sheet"],
    &["sheet", "export"],
    &["sheet", "import"],
    &["help"],
];

fn run(cwd: &Path, args: &[&str], lang: Option<&str>) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(cwd)
        .env_remove("BLOCPRESS_LANG");
    if let Some(lang) = lang {
        command.env("BLOCPRESS_LANG", lang);
    }
    command.output().unwrap()
}

fn stdout(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn help(cwd: &Path, path: &[&str], extra: &[&str], lang: Option<&str>) -> String {
    let mut args: Vec<&str> = path.to_vec();
    args.push("--help");
    args.extend_from_slice(extra);
    stdout(&run(cwd, &args, lang))
}

/// Words clap prints by itself, in English.
const CLAP_ENGLISH: &[&str] = &[
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Print help",
    "Print version",
    "[OPTIONS]",
    "<COMMAND>",
    "[default:",
];

#[test]
fn help_is_vietnamese_by_default_for_every_command() {
    let outside = tempfile::tempdir().unwrap();
    for path in COMMANDS {
        let text = help(outside.path(), path, &[], None);
        assert!(text.contains("Cách dùng: blocpress"), "{path:?}:\n{text}");
        assert!(text.contains("In hướng dẫn cách dùng"), "{path:?}:\n{text}");
        for english in CLAP_ENGLISH {
            assert!(
                !text.contains(english),
                "{path:?}: “{english}” in the Vietnamese help:\n{text}"
            );
        }
    }
    let top = help(outside.path(), &[], &[], None);
    assert!(top.contains("Các lệnh:"), "{top}");
    assert!(
        top.contains("Cách dùng: blocpress [tuỳ-chọn] <lệnh>"),
        "{top}"
    );
    let build = help(outside.path(), &["build"], &[], None);
    assert!(
        build.contains("-o, --output <thư-mục>") && build.contains("Thư mục ghi trang web ra"),
        "{build}"
    );
    let serve = help(outside.path(), &["serve"], &[], None);
    assert!(serve.contains("mặc định: 1111"), "{serve}");
}

#[test]
fn help_is_english_with_lang_en_the_environment_or_an_english_site() {
    let outside = tempfile::tempdir().unwrap();
    for path in COMMANDS {
        let text = help(outside.path(), path, &["--lang", "en"], None);
        assert!(text.contains("Usage: blocpress"), "{path:?}:\n{text}");
        assert!(!text.contains("Cách dùng"), "{path:?}:\n{text}");
    }
    let export = help(outside.path(), &["sheet", "export"], &[], Some("en"));
    assert!(
        export.contains("Usage: blocpress sheet export [OPTIONS] <PERIOD>")
            && export.contains("The scoring grid (criteria × members)"),
        "{export}"
    );

    // A site written in English: its language applies from inside it and through --root.
    let site = tempfile::tempdir().unwrap();
    std::fs::write(
        site.path().join("site.yaml"),
        "title: Bloc\nbase_url: https://example.org/\nlanguage: en\n",
    )
    .unwrap();
    std::fs::create_dir(site.path().join("content")).unwrap();
    let inside = help(&site.path().join("content"), &["check"], &[], None);
    assert!(inside.contains("Also check items marked"), "{inside}");
    let root = site.path().to_str().unwrap();
    let through_root = help(outside.path(), &["build"], &["--root", root], None);
    assert!(
        through_root.contains("Usage: blocpress build"),
        "{through_root}"
    );
    // --lang still wins over the site.
    let vi = help(
        outside.path(),
        &["build"],
        &["--root", root, "--lang", "vi"],
        None,
    );
    assert!(vi.contains("Cách dùng: blocpress build"), "{vi}");
}

#[test]
fn the_help_command_and_version_still_work() {
    let outside = tempfile::tempdir().unwrap();
    let text = stdout(&run(outside.path(), &["help", "new", "period"], None));
    assert!(text.contains("Cách dùng: blocpress new period"), "{text}");
    assert!(text.contains("2014-h1 (6 tháng đầu năm)"), "{text}");
    let text = stdout(&run(outside.path(), &["help"], None));
    assert!(text.contains("Các lệnh:"), "{text}");
    let text = stdout(&run(outside.path(), &["--version"], None));
    assert_eq!(
        text.trim(),
        format!("blocpress {}", env!("CARGO_PKG_VERSION"))
    );
    // A mistyped command after `help` is a usage error in the same language.
    let out = run(outside.path(), &["help", "buidl"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("không có lệnh “buidl”"), "{err}");
}
