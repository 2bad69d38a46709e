//! `blocpress init` and `blocpress new`, through the real binary in temporary folders: the new
//! site checks and builds with no error and no warning, an existing site is never touched, and
//! the files `new` writes are where the editors expect them, complete, and never overwrite.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};
use serde_yaml::Value;

const BIN: &str = env!("CARGO_BIN_EXE_blocpress");

fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("the blocpress binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[track_caller]
fn assert_code(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

/// Runs a command that must succeed without any error or warning line.
#[track_caller]
fn assert_clean(output: &Output) {
    assert_code(output, 0);
    let err = stderr(output);
    assert!(
        !err.lines()
            .any(|l| l.starts_with("error") || l.starts_with("warning")),
        "{err}"
    );
}

/// A new site in `<tmp>/site`, created by `blocpress init` (the folder does not exist before).
fn new_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    assert_clean(&run(tmp.path(), &["init", "site"]));
    (tmp, site)
}

/// Today's date in Vietnam, as the command computes it (taken before and after a run).
fn vietnam_today() -> String {
    jiff::tz::Offset::constant(7)
        .to_datetime(jiff::Timestamp::now())
        .date()
        .to_string()
}

/// The YAML front matter of a Markdown file.
fn front_matter(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("---\n").expect("front matter first");
    let end = rest.find("\n---\n").expect("closing ---");
    serde_yaml::from_str(&rest[..end]).unwrap()
}

fn yaml(path: &Path) -> Value {
    serde_yaml::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn keys(mapping: &Value) -> Vec<String> {
    mapping
        .as_mapping()
        .unwrap_or_else(|| panic!("a mapping: {mapping:?}"))
        .keys()
        .map(|k| k.as_str().unwrap().to_string())
        .collect()
}

fn html(path: &Path) -> Html {
    Html::parse_document(&fs::read_to_string(path).unwrap())
}

fn text_of(document: &Html) -> String {
    document.root_element().text().collect()
}

/// Every file under `dir` with its bytes, to compare a folder before and after.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// A second association with its own metric (one of which shadows nothing), for `new period`.
fn add_association(site: &Path) {
    let folder = site.join("content/associations/hoi-luat-gia");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("profile.yaml"),
        "name: Hội Luật gia tỉnh\norder: 2\nmetrics:\n  legal_consultations: { label: \"Lượt tư vấn pháp luật\", unit: \"lượt\" }\n",
    )
    .unwrap();
}

// ---------------------------------------------------------------------------------------------
// init

#[test]
fn init_creates_a_site_that_checks_and_builds_without_warnings() {
    let (_tmp, site) = new_site();
    for file in ["site.yaml", "content/pages/gioi-thieu.md", ".gitignore"] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert!(
        site.join("content/associations/hoi-khuyen-hoc/profile.yaml")
            .is_file()
    );
    // No placeholder is left in any file name or text.
    for (path, bytes) in snapshot(&site) {
        assert!(!path.to_string_lossy().contains("__"), "{}", path.display());
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__"),
            "{}",
            path.display()
        );
    }

    assert_clean(&run(&site, &["check"]));
    assert_clean(&run(&site, &["build"]));
    let public = site.join("public");
    assert!(public.join("index.html").is_file());
    assert!(public.join("gioi-thieu/index.html").is_file());
    assert!(
        public
            .join("associations/hoi-khuyen-hoc/index.html")
            .is_file()
    );

    // The sample news item: a figure with its caption, and `@/` links resolved.
    let news = html(&public.join("news/ra-mat-trang-thong-tin-cua-khoi/index.html"));
    let caption = Selector::parse("figure figcaption").unwrap();
    assert_eq!(news.select(&caption).count(), 1);
    let links: Vec<String> = news
        .select(&Selector::parse("main a[href]").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(links.iter().any(|l| l == "/gioi-thieu/"), "{links:?}");

    // The sample period's review exists, with its narrative and the sample figures.
    let periods: Vec<_> = fs::read_dir(public.join("reports"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("index.html").is_file())
        .collect();
    assert_eq!(periods.len(), 1, "one period in the new site");
    let review = text_of(&html(&periods[0].path().join("index.html")));
    assert!(review.contains("Đây là bài sơ kết mẫu"), "{review}");
    assert!(review.contains("Chưa báo cáo"), "an empty sample value");
    // The sample follows the guide: the directions are said once, in their numbered section,
    // after the general assessment; the narrative has no heading of its own for them.
    let page = html(&periods[0].path().join("index.html"));
    let headings: Vec<String> = page
        .select(&Selector::parse("main h2, main h3").unwrap())
        .map(|h| h.text().collect::<String>())
        .filter(|h| h.contains("Phương hướng") || h.contains("Đánh giá") || h.contains("Kiến nghị"))
        .collect();
    assert_eq!(headings.len(), 3, "{headings:?}");
    assert!(
        headings[0].starts_with("II. Đánh giá chung"),
        "{headings:?}"
    );
    assert!(
        headings[1].starts_with("III. Phương hướng, nhiệm vụ"),
        "{headings:?}"
    );
    assert!(
        headings[2].starts_with("IV. Kiến nghị, đề xuất"),
        "{headings:?}"
    );
    // Money is declared as an amount in millions, as offices write it: the sample's 85000000
    // đồng reads "85 triệu đồng", never "85.000.000 đồng".
    assert!(review.contains("85 triệu đồng"), "{review}");
    assert!(!review.contains("85.000.000"), "{review}");
    let declared = yaml(&site.join("site.yaml"));
    let money = &declared["metrics"]["support_value"];
    assert_eq!(money["kind"].as_str(), Some("amount"), "{money:?}");
    assert_eq!(money["scale"].as_str(), Some("triệu"), "{money:?}");
}

#[test]
fn init_keeps_outputs_accounts_caches_and_forms_out_of_git() {
    let (_tmp, site) = new_site();
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(&site)
            .output()
            .expect("git must be installed")
    };
    assert!(git(&["init", "-q"]).status.success());
    // `git check-ignore` answers 0 for an ignored path, 1 for one that would be committed.
    let ignored = |path: &str| {
        let out = git(&["check-ignore", "-q", "--no-index", path]);
        match out.status.code() {
            Some(0) => true,
            Some(1) => false,
            _ => panic!("git check-ignore {path}: {}", stderr(&out)),
        }
    };
    for path in [
        "public/index.html",
        ".blocpress/users.yaml",
        ".blocpress-cache/images/a.webp",
        "sheets/2014-h1/hoi-khuyen-hoc-2014-h1.xlsx",
    ] {
        assert!(
            ignored(path),
            "{path} should be ignored by the new site's .gitignore"
        );
    }
    for path in [
        "site.yaml",
        "forms.yaml",
        "content/news/x.md",
        "static/images/a.jpg",
    ] {
        assert!(!ignored(path), "{path} should be committed");
    }
}

#[test]
fn init_makes_the_folder_and_accepts_an_empty_or_unrelated_one() {
    let tmp = tempfile::tempdir().unwrap();
    assert_clean(&run(tmp.path(), &["init", "a/b/c"]));
    assert!(tmp.path().join("a/b/c/site.yaml").is_file());

    // A folder with unrelated files (a git checkout, a README, an empty content/) is fine,
    // and nothing in it is replaced.
    let other = tmp.path().join("repo");
    fs::create_dir_all(other.join(".git")).unwrap();
    fs::create_dir_all(other.join("content")).unwrap();
    fs::write(other.join("README.md"), "mine").unwrap();
    fs::write(other.join(".gitignore"), "mine\n").unwrap();
    let output = run(tmp.path(), &["init", "repo"]);
    assert_code(&output, 0);
    assert!(
        stderr(&output).contains(".gitignore"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(other.join("README.md")).unwrap(), "mine");
    assert_eq!(
        fs::read_to_string(other.join(".gitignore")).unwrap(),
        "mine\n"
    );
    assert_clean(&run(&other, &["check"]));
}

#[test]
fn init_refuses_a_folder_that_holds_a_site() {
    let (tmp, site) = new_site();
    fs::write(
        site.join("site.yaml"),
        "title: Mine\nbase_url: https://x.vn/\n",
    )
    .unwrap();
    let before = snapshot(&site);
    let output = run(tmp.path(), &["init", "site"]);
    assert_code(&output, 2);
    assert!(
        stderr(&output).contains("đã chứa một trang (có tệp site.yaml)"),
        "{}",
        stderr(&output)
    );
    assert_eq!(snapshot(&site), before, "nothing changed");

    // No site.yaml, but content/ is not empty: refused too.
    let half = tmp.path().join("half");
    fs::create_dir_all(half.join("content/news")).unwrap();
    let output = run(tmp.path(), &["init", "half"]);
    assert_code(&output, 2);
    assert!(stderr(&output).contains("content"), "{}", stderr(&output));
    assert!(!half.join("site.yaml").exists());

    // A file, not a folder.
    fs::write(tmp.path().join("file"), "x").unwrap();
    assert_code(&run(tmp.path(), &["init", "file"]), 2);
}

// ---------------------------------------------------------------------------------------------
// new news

#[test]
fn new_news_writes_a_dated_draft_with_a_transliterated_slug() {
    let (_tmp, site) = new_site();
    let before = vietnam_today();
    let output = run(&site, &["new", "news", "Đại hội đại biểu Hội Luật gia"]);
    let after = vietnam_today();
    assert_clean(&output);

    let printed = stdout(&output).trim().to_string();
    let (date, year) = [before, after]
        .into_iter()
        .map(|d| (d.clone(), d[..4].to_string()))
        .find(|(d, y)| printed == format!("content/news/{y}/{d}-dai-hoi-dai-bieu-hoi-luat-gia.md"))
        .unwrap_or_else(|| panic!("unexpected path {printed}"));
    let path = site.join(&printed);
    assert!(path.is_file());
    assert!(printed.starts_with(&format!("content/news/{year}/")));

    let fm = front_matter(&path);
    assert_eq!(fm["title"].as_str(), Some("Đại hội đại biểu Hội Luật gia"));
    assert_eq!(fm["date"].as_str(), Some(date.as_str()));
    assert_eq!(fm["draft"].as_bool(), Some(true));
    for key in ["summary", "period", "author"] {
        assert!(fm[key].is_null(), "{key} is empty, ready to fill");
    }
    for key in ["associations", "tags"] {
        assert_eq!(fm[key].as_sequence().map(Vec::len), Some(0), "{key}");
    }
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("hoi-khuyen-hoc  Hội Khuyến học"),
        "the valid association slugs are listed: {text}"
    );
    assert!(
        text.contains("Tin hoạt động"),
        "tags already in use are listed"
    );

    // A draft: left out of the build, checked and built with --drafts.
    assert_clean(&run(&site, &["check"]));
    assert_clean(&run(&site, &["check", "--drafts"]));
    assert_clean(&run(&site, &["build"]));
    assert!(
        !site
            .join("public/news/dai-hoi-dai-bieu-hoi-luat-gia")
            .exists()
    );
    assert_clean(&run(&site, &["build", "--drafts"]));
    let page = html(&site.join("public/news/dai-hoi-dai-bieu-hoi-luat-gia/index.html"));
    assert!(text_of(&page).contains("Đại hội đại biểu Hội Luật gia"));

    // A title that needs quoting in YAML keeps its exact text.
    let output = run(&site, &["new", "news", "Hội nghị: \"sơ kết\" # 1 — 2014"]);
    assert_clean(&output);
    let fm = front_matter(&site.join(stdout(&output).trim()));
    assert_eq!(
        fm["title"].as_str(),
        Some("Hội nghị: \"sơ kết\" # 1 — 2014")
    );
    assert_clean(&run(&site, &["check", "--drafts"]));
}

#[test]
fn new_news_never_overwrites_and_never_reuses_a_url() {
    let (_tmp, site) = new_site();
    let first = run(&site, &["new", "news", "Tin mới"]);
    assert_clean(&first);
    let first_path = site.join(stdout(&first).trim());
    fs::write(
        &first_path,
        "---\ntitle: Đã viết\ndate: 2020-01-01\n---\nNội dung.\n",
    )
    .unwrap();

    let second = run(&site, &["new", "news", "Tin mới"]);
    assert_code(&second, 0);
    let second_path = stdout(&second).trim().to_string();
    assert!(second_path.ends_with("-tin-moi-2.md"), "{second_path}");
    assert!(stderr(&second).contains("tin-moi-2"), "{}", stderr(&second));
    assert_eq!(
        fs::read_to_string(&first_path).unwrap(),
        "---\ntitle: Đã viết\ndate: 2020-01-01\n---\nNội dung.\n",
        "the first file is untouched"
    );

    // The sample item of another date already has the URL /news/ra-mat-trang-thong-tin-cua-khoi/:
    // the new one gets another, so the site still builds.
    let third = run(&site, &["new", "news", "Ra mắt trang thông tin của Khối"]);
    assert_code(&third, 0);
    assert!(
        stdout(&third)
            .trim()
            .ends_with("-ra-mat-trang-thong-tin-cua-khoi-2.md"),
        "{}",
        stdout(&third)
    );
    assert_clean(&run(&site, &["check", "--drafts"]));
}

#[test]
fn new_news_takes_root_and_refuses_bad_input() {
    let (tmp, site) = new_site();
    let output = run(
        tmp.path(),
        &["new", "news", "Tập huấn nghiệp vụ", "--root", "site"],
    );
    assert_clean(&output);
    let printed = PathBuf::from(stdout(&output).trim());
    assert!(
        printed.starts_with("site/content/news"),
        "{}",
        printed.display()
    );
    assert!(tmp.path().join(&printed).is_file());
    assert!(site.join("content/news").is_dir());

    // Not a site: exit 1, nothing written.
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let output = run(&empty, &["new", "news", "Tin"]);
    assert_code(&output, 1);
    assert!(stderr(&output).contains("site.yaml"), "{}", stderr(&output));
    assert_eq!(fs::read_dir(&empty).unwrap().count(), 0);

    // A title with nothing to make a file name from: wrong usage.
    let output = run(&site, &["new", "news", "?!…"]);
    assert_code(&output, 2);
    assert_code(&run(&site, &["new", "news", "   "]), 2);
}

// ---------------------------------------------------------------------------------------------
// new period

#[test]
fn new_period_writes_every_metric_key_for_every_association() {
    let (_tmp, site) = new_site();
    add_association(&site);
    let output = run(&site, &["new", "period", "2014-h1"]);
    assert_clean(&output);
    let printed = stdout(&output);
    let printed: Vec<&str> = printed.lines().collect();
    assert_eq!(
        printed,
        [
            "content/associations/hoi-khuyen-hoc/2014-h1.yaml",
            "content/associations/hoi-luat-gia/2014-h1.yaml",
            "content/periods/2014-h1.md",
        ]
    );

    let site_keys = ["new_members", "conferences", "trainings", "support_value"];
    let expected = [
        (
            "hoi-khuyen-hoc",
            vec!["scholarships", "learning_families"],
            "Suất học bổng đã trao (suất)",
        ),
        (
            "hoi-luat-gia",
            vec!["legal_consultations"],
            "Lượt tư vấn pháp luật (lượt)",
        ),
    ];
    for (slug, own, label) in expected {
        let path = site.join(format!("content/associations/{slug}/2014-h1.yaml"));
        let file = yaml(&path);
        let mut wanted: Vec<String> = site_keys.iter().map(|k| k.to_string()).collect();
        wanted.extend(own.iter().map(|k| k.to_string()));
        let mut metrics = keys(&file["metrics"]);
        let mut targets = keys(&file["targets"]);
        metrics.sort();
        targets.sort();
        wanted.sort();
        assert_eq!(metrics, wanted, "{slug}");
        assert_eq!(targets, wanted, "{slug}");
        for value in file["metrics"].as_mapping().unwrap().values() {
            assert!(value.is_null(), "{slug}: values are left empty");
        }
        for key in ["summary", "highlights", "plans"] {
            assert!(
                file.as_mapping().unwrap().contains_key(key) && file[key].is_null(),
                "{slug}: {key}"
            );
        }
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(label), "{slug}: labels and units in comments");
        assert!(text.contains("Hội viên mới kết nạp (hội viên)"), "{slug}");
        assert!(text.contains("10202"), "{slug}: how to write numbers");
    }

    let narrative = site.join("content/periods/2014-h1.md");
    assert_eq!(front_matter(&narrative)["draft"].as_bool(), Some(true));

    // The site checks and builds while every value is empty. The period is a draft (SPEC
    // Part 2): held back, with its figures, until `draft: true` is removed; with --drafts its
    // review says "not reported".
    assert_clean(&run(&site, &["check"]));
    assert_clean(&run(&site, &["check", "--drafts"]));
    assert_clean(&run(&site, &["build"]));
    assert!(!site.join("public/reports/2014-h1").exists());
    assert_clean(&run(&site, &["build", "--drafts"]));
    let review = html(&site.join("public/reports/2014-h1/index.html"));
    let text = text_of(&review);
    // Nobody reported yet: the review is not issued and names who has not reported.
    assert!(text.contains("Đơn vị chưa báo cáo"), "{text}");
    assert!(text.contains("Hội Luật gia tỉnh"), "{text}");
    assert!(
        text.contains("Diễn biến hội nghị"),
        "with --drafts the draft narrative shows"
    );
}

#[test]
fn new_period_skips_existing_files() {
    let (_tmp, site) = new_site();
    add_association(&site);
    let filled = "metrics:\n  legal_consultations: 1520\n";
    let filled_path = site.join("content/associations/hoi-luat-gia/2014.yaml");
    fs::write(&filled_path, filled).unwrap();

    let output = run(&site, &["new", "period", "2014"]);
    assert_code(&output, 0);
    assert_eq!(
        stdout(&output).lines().collect::<Vec<_>>(),
        [
            "content/associations/hoi-khuyen-hoc/2014.yaml",
            "content/periods/2014.md"
        ]
    );
    assert!(
        stderr(&output)
            .contains("Bỏ qua content/associations/hoi-luat-gia/2014.yaml: tệp đã có sẵn"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&filled_path).unwrap(), filled);

    // Run again: everything exists, nothing changes.
    let before = snapshot(&site.join("content"));
    let output = run(&site, &["new", "period", "2014", "--root", "."]);
    assert_code(&output, 0);
    assert_eq!(stdout(&output), "");
    // Two achievement files and the narrative, each named.
    assert_eq!(stderr(&output).matches("Bỏ qua ").count(), 3);
    assert_eq!(snapshot(&site.join("content")), before);
    assert_clean(&run(&site, &["build"]));
}

#[test]
fn new_period_checks_its_id_and_the_site() {
    let (tmp, site) = new_site();
    let before = snapshot(&site);
    for bad in ["2014-h3", "14-h1", "2014-H1", "2014-01", "latest"] {
        let output = run(&site, &["new", "period", bad]);
        assert_code(&output, 2);
        assert!(
            stderr(&output).contains("YYYY-h1"),
            "{bad}: {}",
            stderr(&output)
        );
    }
    assert_eq!(snapshot(&site), before, "nothing written for a bad id");

    // A broken profile: the site's errors, exit 1, nothing written.
    fs::write(
        site.join("content/associations/hoi-khuyen-hoc/profile.yaml"),
        "nam: Hội\n",
    )
    .unwrap();
    let output = run(&site, &["new", "period", "2014-h2"]);
    assert_code(&output, 1);
    assert!(
        stderr(&output).contains("content/associations/hoi-khuyen-hoc/profile.yaml"),
        "{}",
        stderr(&output)
    );
    assert!(!site.join("content/periods/2014-h2.md").exists());

    // Not a site at all.
    let output = run(tmp.path(), &["new", "period", "2014-h2"]);
    assert_code(&output, 1);
    assert!(stderr(&output).contains("site.yaml"), "{}", stderr(&output));
}

// ---------------------------------------------------------------------------------------------
// new meeting, new awards

#[test]
fn new_meeting_and_new_awards_write_skeletons_that_check() {
    let (_tmp, site) = new_site();
    let output = run(
        &site,
        &["new", "meeting", "Hội nghị sơ kết 6 tháng đầu năm"],
    );
    assert_clean(&output);
    assert_eq!(
        stdout(&output).trim(),
        "content/meetings/hoi-nghi-so-ket-6-thang-dau-nam.md"
    );
    let meeting = site.join("content/meetings/hoi-nghi-so-ket-6-thang-dau-nam.md");
    let front = front_matter(&meeting);
    assert_eq!(
        front["title"].as_str(),
        Some("Hội nghị sơ kết 6 tháng đầu năm")
    );
    assert_eq!(front["draft"].as_bool(), Some(true));
    // Every member of this year is listed present; the other keys are there to fill in.
    assert_eq!(
        front["present"].as_sequence().unwrap(),
        &vec![Value::from("hoi-khuyen-hoc")]
    );
    for key in [
        "start",
        "end",
        "place",
        "period",
        "chair",
        "secretary",
        "absent",
        "guests",
        "votes",
    ] {
        assert!(front.as_mapping().unwrap().contains_key(key), "{key}");
    }
    // Never replaced: the same title again gets a suffix.
    let again = run(
        &site,
        &["new", "meeting", "Hội nghị sơ kết 6 tháng đầu năm"],
    );
    assert_clean(&again);
    assert_eq!(
        stdout(&again).trim(),
        "content/meetings/hoi-nghi-so-ket-6-thang-dau-nam-2.md"
    );
    let year = &vietnam_today()[..4];
    let output = run(&site, &["new", "awards", year]);
    assert_clean(&output);
    let awards = site.join(format!("content/awards/{year}.yaml"));
    let file = yaml(&awards);
    for key in [
        "number",
        "date",
        "to",
        "limits",
        "collectives",
        "individuals",
    ] {
        assert!(file.as_mapping().unwrap().contains_key(key), "{key}");
    }
    let text = fs::read_to_string(&awards).unwrap();
    assert!(
        text.contains("#   hoi-khuyen-hoc"),
        "the members are listed:\n{text}"
    );
    // An existing file is left as it is.
    fs::write(&awards, "collectives: []\n").unwrap();
    assert_clean(&run(&site, &["new", "awards", year]));
    assert_eq!(fs::read_to_string(&awards).unwrap(), "collectives: []\n");
    assert_code(&run(&site, &["new", "awards", "hai-nghin"]), 2);
    // The skeletons check and build as they are; the meetings are drafts until filled in.
    fs::write(&awards, text).unwrap();
    assert_clean(&run(&site, &["check"]));
    assert_clean(&run(&site, &["build"]));
    assert!(!site.join("public/meetings").exists());
    assert!(
        site.join(format!("public/awards/{year}/index.html"))
            .is_file()
    );
    assert_clean(&run(&site, &["build", "--drafts"]));
    assert!(
        site.join("public/meetings/hoi-nghi-so-ket-6-thang-dau-nam/index.html")
            .is_file()
    );
}
