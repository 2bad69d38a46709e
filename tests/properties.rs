//! Property tests for the small pure functions everything else trusts: slugs (they become
//! folder names in the output), period ids (they become URLs and file names), front matter
//! splitting (it decides what is YAML and what is text) and output-path joining (the last
//! guard before a file is written).

use std::path::{Component, Path};
use std::str::FromStr;

use blocpress::content::front_matter::{self, split};
use blocpress::output::{check_relative, safe_join};
use blocpress::period::{Part, PeriodId};
use blocpress::slug::{Slug, is_slug, slugify};
use proptest::prelude::*;

/// Text an editor might type: Vietnamese letters (composed and decomposed), ASCII, digits,
/// punctuation, path tricks, controls and a few scripts deunicode turns into several letters.
fn editor_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Đại",
        "hội",
        "Hội",
        "Luật",
        "gia",
        "sơ",
        "kết",
        "năm",
        "2013",
        "6",
        "tháng",
        "đầu",
        "Ưu",
        "tiên",
        "ơ",
        "ư",
        "ă",
        "â",
        "ê",
        "ô",
        "đ",
        "Ho\u{0323}\u{0302}i",
        " ",
        "  ",
        "-",
        "--",
        "_",
        ".",
        "..",
        "/",
        "\\",
        ":",
        "%2e",
        "%2f",
        "?",
        "!",
        "…",
        "–",
        "\t",
        "\n",
        "\0",
        "\u{feff}",
        "\u{202e}",
        "🙂",
        "北京",
        "Ελλάδα",
        "ß",
        "Æ",
        "ﬁ",
        "CON",
        "aux",
        "nul.html",
        "a",
        "Z",
        "0",
        "9",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|parts| parts.concat())
}

fn period() -> impl Strategy<Value = PeriodId> {
    (
        1000u16..=9999,
        prop::sample::select(vec![Part::FirstHalf, Part::SecondHalf, Part::Year]),
    )
        .prop_map(|(year, part)| PeriodId::new(year, part).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn slugify_gives_a_slug_or_nothing(text in prop_oneof![editor_text(), any::<String>()]) {
        let slug = slugify(&text);
        prop_assert!(slug.is_empty() || is_slug(&slug), "{text:?} → {slug:?}");
        prop_assert!(slug.len() <= 120);
        prop_assert_eq!(slugify(&slug), slug.clone(), "slugify is idempotent");
        match Slug::from_text(&text) {
            Some(made) => prop_assert_eq!(made.as_str(), slug.as_str()),
            None => prop_assert!(slug.is_empty()),
        }
    }

    #[test]
    fn a_parsed_slug_is_one_plain_path_segment(text in prop_oneof![editor_text(), "[a-z0-9-]{0,12}", any::<String>()]) {
        match Slug::parse(&text) {
            Ok(slug) => {
                prop_assert!(is_slug(&text));
                prop_assert_eq!(slug.as_str(), text.as_str());
                let components: Vec<Component> = Path::new(slug.as_str()).components().collect();
                prop_assert_eq!(components.len(), 1);
                prop_assert!(matches!(components[0], Component::Normal(_)));
                let page = format!("news/{}/index.html", slug.as_str());
                prop_assert!(check_relative(&page).is_ok());
            }
            Err(message) => {
                prop_assert!(!is_slug(&text));
                prop_assert!(!message.render(blocpress::i18n::Language::En).is_empty());
                // The suggestion it offers is itself a valid slug.
                let hint = message.args.iter().find_map(|(name, arg)| match arg {
                    blocpress::messages::Arg::Message(hint) if *name == "hint" => {
                        hint.text_arg("word").map(str::to_string)
                    }
                    _ => None,
                });
                if let Some(hint) = hint {
                    prop_assert!(is_slug(&hint), "{hint:?} from {message:?}");
                }
            }
        }
    }

    #[test]
    fn period_ids_print_back_to_themselves(id in period()) {
        let text = id.to_string();
        prop_assert_eq!(PeriodId::from_str(&text), Ok(id));
        prop_assert!(is_slug(&text), "a period id is safe as a folder name: {text}");
    }

    #[test]
    fn only_canonical_period_ids_parse(text in prop_oneof![
        "[0-9]{3,5}(-h[0-3])?",
        "[0-9]{4}-[hH][12]",
        " ?[+-]?[0-9]{4}(-h1|-h2)? ?",
        any::<String>(),
    ]) {
        if let Ok(id) = PeriodId::from_str(&text) {
            prop_assert_eq!(id.to_string(), text);
        }
    }

    #[test]
    fn periods_sort_halves_before_their_year_and_step_both_ways(a in period(), b in period()) {
        let rank = |p: PeriodId| (p.year(), match p.part() {
            Part::FirstHalf => 0,
            Part::SecondHalf => 1,
            Part::Year => 2,
        });
        prop_assert_eq!(a.cmp(&b), rank(a).cmp(&rank(b)));
        if let Some(next) = a.following() {
            prop_assert!(next > a);
            prop_assert_eq!(next.is_year(), a.is_year());
            prop_assert_eq!(next.preceding(), Some(a));
        }
        if let Some(earlier) = a.year_earlier() {
            prop_assert_eq!(earlier.part(), a.part());
            prop_assert_eq!(earlier.year() + 1, a.year());
        }
    }

    #[test]
    fn front_matter_and_body_come_back_as_written(
        lines in prop::collection::vec("[a-zA-Zđạ: #\\-\"\\[\\],]{0,20}", 0..8),
        body in any::<String>(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        // Front matter lines that are not themselves a fence.
        let newline = if crlf { "\r\n" } else { "\n" };
        let lines: Vec<String> = lines.into_iter().filter(|l| l.trim_end() != "---").collect();
        let front: String = lines.iter().map(|l| format!("{l}{newline}")).collect();
        let text = format!("{}---{newline}{front}---{newline}{body}", if bom { "\u{feff}" } else { "" });
        let parts = split(&text).unwrap();
        prop_assert_eq!(parts.front_matter, front.as_str());
        prop_assert_eq!(parts.body, body.as_str());
        prop_assert_eq!(parts.front_matter_line_offset, 1);
        prop_assert_eq!(parts.body_line, lines.len() + 3);
    }

    #[test]
    fn splitting_any_text_never_panics_and_never_invents_text(text in prop_oneof![
        any::<String>(),
        "(---|\u{feff}---|-- -|---  |\r|\n|title: a|x){0,10}",
    ]) {
        match split(&text) {
            Ok(parts) => {
                let text = front_matter::strip_bom(&text);
                // Both parts are slices of the text, in order, the body running to the end.
                let start = text.as_ptr() as usize;
                let fm_at = parts.front_matter.as_ptr() as usize - start;
                let body_at = parts.body.as_ptr() as usize - start;
                prop_assert!(fm_at + parts.front_matter.len() <= body_at);
                prop_assert_eq!(&text[body_at..], parts.body);
                prop_assert_eq!(&text[fm_at..fm_at + parts.front_matter.len()], parts.front_matter);
                // The body's line number counts the lines before it (an empty body after a
                // closing fence without a newline has no line to point at).
                if !parts.body.is_empty() {
                    prop_assert_eq!(parts.body_line, 1 + text[..body_at].matches('\n').count());
                }
            }
            Err(error) => {
                prop_assert!(error.line >= 1);
                prop_assert!(["E040", "E041", "E042"].contains(&error.code));
            }
        }
    }

    #[test]
    fn a_joined_output_path_never_leaves_its_root(
        segments in prop::collection::vec(prop_oneof![
            "[a-z0-9-]{1,8}",
            Just(String::from("..")),
            Just(String::from(".")),
            Just(String::new()),
            Just(String::from("index.html")),
            Just(String::from("a\\..\\b")),
            Just(String::from("c:")),
            Just(String::from("\0")),
            Just(String::from("/")),
            Just(String::from("~")),
        ], 0..6),
        leading_slash in any::<bool>(),
    ) {
        let path = format!("{}{}", if leading_slash { "/" } else { "" }, segments.join("/"));
        let root = Path::new("/srv/site/public");
        match safe_join(root, &path) {
            Ok(joined) => {
                prop_assert!(check_relative(&path).is_ok());
                prop_assert!(joined.starts_with(root));
                let inner: Vec<Component> = joined.strip_prefix(root).unwrap().components().collect();
                prop_assert_eq!(inner.len(), path.split('/').count());
                prop_assert!(inner.iter().all(|c| matches!(c, Component::Normal(_))));
            }
            Err(message) => {
                prop_assert!(check_relative(&path).is_err());
                prop_assert!(message.contains("unsafe output path"));
            }
        }
    }

    #[test]
    fn any_string_is_refused_or_stays_inside(path in any::<String>()) {
        let root = Path::new("/srv/site/public");
        if let Ok(joined) = safe_join(root, &path) {
            prop_assert!(joined.starts_with(root));
            prop_assert!(joined
                .strip_prefix(root)
                .unwrap()
                .components()
                .all(|c| matches!(c, Component::Normal(_))));
        }
    }
}
