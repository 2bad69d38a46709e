//! The publishing recipes of docs/deploy.md, run: the GitHub Pages workflow `blocpress init`
//! writes (and the guide shows, verbatim), and the branch-publishing recipe run with Git against
//! a local bare repository: when `gh-pages` does not exist yet, again after a change, and from a
//! new clone. No network.

use std::path::{Path, PathBuf};
use std::process::Command;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn guide() -> String {
    std::fs::read_to_string(Path::new(REPO).join("docs/deploy.md")).unwrap()
}

/// The first fenced block of `lang` after the line containing `marker`.
fn block_after(text: &str, marker: &str, lang: &str) -> String {
    let start = text
        .find(marker)
        .unwrap_or_else(|| panic!("no `{marker}` in the guide"));
    let rest = &text[start..];
    let open = format!("```{lang}\n");
    let from = rest.find(&open).expect("fenced block") + open.len();
    let len = rest[from..].find("\n```").expect("closing fence");
    format!("{}\n", &rest[from..from + len])
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Thư ký Khối")
        .env("GIT_AUTHOR_EMAIL", "thuky@example.vn")
        .env("GIT_COMMITTER_NAME", "Thư ký Khối")
        .env("GIT_COMMITTER_EMAIL", "thuky@example.vn")
        .output()
        .expect("git");
    assert!(
        output.status.success(),
        "git {args:?} in {}:\n{}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn blocpress(args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_blocpress"))
        .args(args)
        .env("BLOCPRESS_LANG", "en")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "blocpress {args:?}:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs the guide's recipe in `dir` with this build's blocpress first on PATH.
fn run_recipe(recipe: &str, dir: &Path) -> String {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_blocpress"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("bash")
        .args(["-e", "-c", recipe])
        .current_dir(dir)
        .env("PATH", path)
        .env("BLOCPRESS_LANG", "en")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Thư ký Khối")
        .env("GIT_AUTHOR_EMAIL", "thuky@example.vn")
        .env("GIT_COMMITTER_NAME", "Thư ký Khối")
        .env("GIT_COMMITTER_EMAIL", "thuky@example.vn")
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "the recipe failed:\n{log}");
    log
}

fn published(bare: &Path) -> Vec<String> {
    git(bare, &["ls-tree", "-r", "--name-only", "gh-pages"])
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn init_writes_the_workflow_the_guide_shows_pinned_and_cached() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    blocpress(&["init", site.to_str().unwrap()]);
    let written = std::fs::read_to_string(site.join(".github/workflows/publish.yml")).unwrap();
    let workflow: serde_yaml::Value = serde_yaml::from_str(&written).unwrap();
    let rev = workflow["env"]["BLOCPRESS_REV"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        (rev.len() == 40 && rev.bytes().all(|b| b.is_ascii_hexdigit())) || rev.starts_with('v'),
        "pinned to a commit or a version tag: {rev}"
    );
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.contains(
        &"cargo install --locked --git \"$BLOCPRESS_GIT\" --rev \"$BLOCPRESS_REV\" blocpress"
    ));
    assert!(runs.contains(&"blocpress check"));
    assert!(
        !written.contains("--path ."),
        "a site repository has no Cargo.toml"
    );
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache"))
        })
        .expect("a cache step");
    assert!(
        cache["with"]["path"]
            .as_str()
            .unwrap()
            .contains("~/.cargo/bin/blocpress")
    );
    assert!(
        cache["with"]["key"]
            .as_str()
            .unwrap()
            .contains("BLOCPRESS_REV")
    );
    assert!(
        workflow["on"].get("pull_request").is_some(),
        "pull requests (the CMS's editorial workflow) are checked"
    );

    // The guide shows the same file.
    let shown = block_after(
        &guide(),
        "The block below is the file `init` writes",
        "yaml",
    );
    let git_url = workflow["env"]["BLOCPRESS_GIT"].as_str().unwrap();
    let expected = written
        .replace(&rev, "<commit>")
        .replace(git_url, "https://github.com/OWNER/blocpress");
    assert_eq!(
        shown, expected,
        "docs/deploy.md section 2 differs from what init writes"
    );
}

#[test]
fn the_branch_recipe_publishes_to_a_new_gh_pages_then_updates_it_and_works_from_a_new_clone() {
    let recipe = block_after(
        &guide(),
        "runs the block below against a local bare repository",
        "sh",
    );
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("origin.git");
    std::fs::create_dir_all(&bare).unwrap();
    git(&bare, &["init", "-q", "--bare", "-b", "main"]);
    let site = dir.path().join("site");
    blocpress(&["init", site.to_str().unwrap()]);
    git(&site, &["init", "-q", "-b", "main"]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-q", "-m", "Site"]);
    git(&site, &["remote", "add", "origin", bare.to_str().unwrap()]);
    git(&site, &["push", "-q", "origin", "main"]);

    // 1. gh-pages does not exist yet.
    run_recipe(&recipe, &site);
    let files = published(&bare);
    assert!(files.contains(&"index.html".to_string()), "{files:?}");
    assert!(files.contains(&".nojekyll".to_string()), "{files:?}");
    assert!(files.iter().any(|f| f.starts_with("news/")), "{files:?}");
    assert!(
        !files.contains(&".blocpress-output".to_string()),
        "{files:?}"
    );
    assert!(
        git(&site, &["status", "--porcelain"]).trim().is_empty(),
        "public/ stays out of the site's own commits"
    );

    // 2. A change, published again from the same clone.
    let about = site.join("content/pages");
    let page = std::fs::read_dir(&about)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\nDòng mới để xuất bản lại.\n")).unwrap();
    run_recipe(&recipe, &site);
    let commits = git(&bare, &["rev-list", "--count", "gh-pages"]);
    assert_eq!(commits.trim(), "2");
    let shown = git(
        &bare,
        &["grep", "-l", "Dòng mới để xuất bản lại", "gh-pages"],
    );
    assert!(!shown.trim().is_empty());

    // 3. A new clone (another computer): the branch exists, the checkout has no marker.
    let other = dir.path().join("other");
    git(
        dir.path(),
        &[
            "clone",
            "-q",
            bare.to_str().unwrap(),
            other.to_str().unwrap(),
        ],
    );
    let log = run_recipe(&recipe, &other);
    let files = published(&bare);
    assert!(
        !files.contains(&".blocpress-output".to_string()),
        "{files:?}\n{log}"
    );
    assert!(files.contains(&"index.html".to_string()));
}
