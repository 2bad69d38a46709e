//! What a build may touch: only its output folder, only when that folder is its own (or empty),
//! never the site, the folder it runs in or anything above them; hidden entries of the output
//! survive; nothing is left beside it. And what it writes: every YAML and front matter string
//! escaped, raw HTML in Markdown neutralised unless the site opts in.
//!
//! Every run happens in a temporary folder (see `support::run`): these tests point blocpress at
//! dangerous places on purpose, and a relative `--output .` resolved against the repository
//! once replaced this project's own working tree.

#[path = "invalid/support.rs"]
mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use support::{Run, base_fixture, build, copy_dir, run, snapshot};

/// A site in `tmp/site`, with `tmp` holding other files a careless build could hit.
fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&base_fixture(), &site);
    fs::create_dir_all(tmp.path().join("public-leak")).unwrap();
    fs::write(tmp.path().join("public-leak/secret.txt"), "keep me").unwrap();
    fs::write(tmp.path().join("notes.txt"), "keep me too").unwrap();
    (tmp, site)
}

/// `blocpress build --root <site> <extra>`, run in `cwd`.
fn build_in(cwd: &Path, site: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["build", "--root", site.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(cwd, &args)
}

fn assert_refused(result: &Run, says: &str) {
    assert_eq!(result.code, Some(1), "{}", result.stderr);
    assert!(!result.stderr.contains("panicked"), "{}", result.stderr);
    assert!(
        result.stderr.contains(says),
        "expected `{says}` in:\n{}",
        result.stderr
    );
}

fn no_leftovers(dir: &Path) {
    let leftovers: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".blocpress-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "left behind in {dir:?}: {leftovers:?}"
    );
}

#[test]
fn refuses_folders_that_hold_the_site_or_its_sources_even_with_force() {
    let (tmp, site) = setup();
    fs::create_dir_all(site.join("themes/default/templates")).unwrap();
    let before = snapshot(tmp.path());
    for (output, says) in [
        (".", "refusing"),
        ("./", "refusing"),
        ("..", "refusing"),
        ("../..", "refusing"),
        ("/", "refusing"),
        ("content", "inside the site's content/ folder"),
        ("content/news", "inside the site's content/ folder"),
        ("content/new-folder", "inside the site's content/ folder"),
        ("static", "inside the site's static/ folder"),
        ("themes", "inside the site's themes/ folder"),
        (
            "themes/default/templates",
            "inside the site's themes/ folder",
        ),
        ("site.yaml", "is a file"),
    ] {
        // Relative to the site, as a user in the site folder types it; with and without
        // --force, and the same path given absolute.
        assert_refused(&build_in(&site, &site, &["--output", output]), says);
        assert_refused(
            &build_in(&site, &site, &["--output", output, "--force"]),
            says,
        );
        let absolute = site.join(output);
        let absolute = absolute.to_str().unwrap();
        let says = if output.starts_with('.') || output == "/" {
            "refusing"
        } else {
            says
        };
        assert_refused(
            &build_in(tmp.path(), &site, &["--output", absolute, "--force"]),
            says,
        );
    }
    // The site itself and the folder above it, by absolute path, from elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    for output in [&site, tmp.path()] {
        let output = output.to_str().unwrap();
        assert_refused(
            &build_in(elsewhere.path(), &site, &["--output", output, "--force"]),
            "holds the site itself",
        );
    }
    assert_eq!(
        snapshot(tmp.path()),
        before,
        "a refused build changed files"
    );
    no_leftovers(tmp.path());
    no_leftovers(&site);
}

#[test]
fn refuses_the_folder_it_runs_in_and_the_home_folder_even_with_force() {
    let (tmp, site) = setup();
    // A project of some other kind, where someone runs blocpress with a wrong --output.
    let project = tmp.path().join("project");
    fs::create_dir_all(project.join("src")).unwrap();
    fs::write(project.join("src/main.rs"), "fn main() {}").unwrap();
    fs::write(project.join("notes.md"), "mine").unwrap();
    let before = snapshot(&project);
    for output in [".", "./", "src/.."] {
        let result = build_in(&project, &site, &["--output", output, "--force"]);
        assert_refused(&result, "refusing");
    }
    assert_eq!(snapshot(&project), before);

    let home = tmp.path().join("home");
    fs::create_dir_all(home.join("work")).unwrap();
    fs::write(home.join(".profile"), "x").unwrap();
    fs::write(home.join("work/thesis.txt"), "x").unwrap();
    for output in [home.clone(), tmp.path().to_path_buf()] {
        let result = std::process::Command::new(support::BIN)
            .args([
                "build",
                "--force",
                "--root",
                site.to_str().unwrap(),
                "--output",
            ])
            .arg(&output)
            .current_dir(tmp.path().join("public-leak"))
            .env("HOME", &home)
            .env_remove("BLOCPRESS_LANG")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{stderr}");
        // In the site's language (vi), saying why.
        assert!(stderr.contains("lỗi: Không ghi trang vào "), "{stderr}");
    }
    assert!(home.join(".profile").exists() && home.join("work/thesis.txt").exists());
}

#[cfg(unix)]
#[test]
fn refuses_sources_reached_through_symlinks() {
    let (tmp, site) = setup();
    // content/ is a link to a folder kept elsewhere in the site (links that stay inside the
    // site are followed).
    let data = site.join("data");
    fs::create_dir_all(&data).unwrap();
    fs::rename(site.join("content"), data.join("content")).unwrap();
    std::os::unix::fs::symlink("data/content", site.join("content")).unwrap();
    std::os::unix::fs::symlink(&site, tmp.path().join("site-link")).unwrap();
    let good = build(&site, &tmp.path().join("public"));
    assert_eq!(good.code, Some(0), "{}", good.stderr);
    let before = snapshot(&site);
    for (output, says) in [
        (
            data.join("content/news"),
            "inside the site's content/ folder",
        ),
        (data.clone(), "holds the site's content/ folder"),
        (tmp.path().join("site-link"), "holds the site itself"),
    ] {
        let result = build_in(
            tmp.path(),
            &site,
            &["--force", "--output", output.to_str().unwrap()],
        );
        assert_refused(&result, says);
    }
    assert_eq!(snapshot(&site), before);
}

#[test]
fn refuses_a_folder_of_other_files_unless_forced() {
    let (tmp, site) = setup();
    let out = tmp.path().join("www");
    fs::create_dir_all(out.join("docs")).unwrap();
    fs::write(out.join("docs/report.pdf"), "mine").unwrap();
    fs::write(out.join("index.html"), "mine").unwrap();
    let before = snapshot(&out);
    let result = build(&site, &out);
    assert_refused(&result, "not empty and was not written by blocpress");
    assert!(
        result.stderr.contains("docs/report.pdf"),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("--force"), "{}", result.stderr);
    assert_eq!(snapshot(&out), before);

    let forced = build_in(
        tmp.path(),
        &site,
        &["--force", "--output", out.to_str().unwrap()],
    );
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
    assert!(out.join(".blocpress-output").is_file());
    assert!(
        !out.join("docs/report.pdf").exists(),
        "--force replaces the folder"
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join("public-leak/secret.txt")).unwrap(),
        "keep me"
    );
    no_leftovers(tmp.path());
}

#[test]
fn an_empty_folder_is_accepted_and_gets_the_marker() {
    let (tmp, site) = setup();
    let out = tmp.path().join("empty");
    fs::create_dir_all(&out).unwrap();
    let result = build(&site, &out);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    // The marker lists exactly the files written.
    let marker = fs::read_to_string(out.join(".blocpress-output")).unwrap();
    let listed: Vec<&str> = marker.lines().filter(|l| !l.starts_with('#')).collect();
    let written: Vec<String> = snapshot(&out)
        .into_keys()
        .filter(|k| k != ".blocpress-output")
        .collect();
    assert_eq!(listed, written);
}

#[test]
fn files_added_to_a_built_output_are_refused_and_kept() {
    let (tmp, site) = setup();
    let out = tmp.path().join("public");
    assert_eq!(build(&site, &out).code, Some(0));
    fs::write(out.join("news/added-by-hand.html"), "mine").unwrap();
    let before = snapshot(&out);
    let result = build(&site, &out);
    assert_refused(&result, "holds files blocpress did not write");
    assert!(
        result.stderr.contains("news/added-by-hand.html"),
        "{}",
        result.stderr
    );
    assert_eq!(snapshot(&out), before);
}

#[test]
fn hidden_entries_survive_good_and_failed_builds() {
    let (tmp, site) = setup();
    let out = tmp.path().join("public");
    assert_eq!(build(&site, &out).code, Some(0));
    fs::create_dir_all(out.join(".git/refs")).unwrap();
    fs::write(out.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    fs::write(out.join(".nojekyll"), "").unwrap();
    fs::write(out.join(".gitkeep"), "").unwrap();
    fs::create_dir_all(out.join(".well-known")).unwrap();
    fs::write(out.join(".well-known/security.txt"), "Contact: x\n").unwrap();
    let hidden = |out: &Path| -> BTreeMap<String, Vec<u8>> {
        snapshot(out)
            .into_iter()
            .filter(|(k, _)| k.starts_with('.') && k != ".blocpress-output")
            .collect()
    };
    let kept = hidden(&out);
    assert_eq!(kept.len(), 4);

    // A good build that drops a page: the page goes, the hidden entries stay.
    fs::remove_file(site.join("content/news/2013/2013-12-20-cham-diem.md")).unwrap();
    let result = build(&site, &out);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert!(!out.join("news/cham-diem/index.html").exists());
    assert_eq!(hidden(&out), kept);

    // A failed build: everything stays.
    let before = snapshot(&out);
    fs::write(site.join("content/news/x.md"), "---\ntitle: x\n").unwrap();
    assert_eq!(build(&site, &out).code, Some(1));
    assert_eq!(snapshot(&out), before);
    no_leftovers(tmp.path());
}

#[test]
fn a_leftover_staging_folder_is_cleared_and_nothing_beside_the_output_is_touched() {
    let (tmp, site) = setup();
    let out = tmp.path().join("public");
    // An interrupted build left its staging folder (with a file) behind.
    fs::create_dir_all(tmp.path().join(".public.blocpress-new/news")).unwrap();
    fs::write(tmp.path().join(".public.blocpress-new/news/half.html"), "x").unwrap();
    let beside = |tmp: &Path| -> BTreeMap<String, Vec<u8>> {
        snapshot(tmp)
            .into_iter()
            .filter(|(k, _)| !k.starts_with("public/") && !k.starts_with(".public."))
            .collect()
    };
    let before = beside(tmp.path());
    for _ in 0..3 {
        let result = build(&site, &out);
        assert_eq!(result.code, Some(0), "{}", result.stderr);
    }
    assert_eq!(
        beside(tmp.path()),
        before,
        "files beside the output changed"
    );
    no_leftovers(tmp.path());
}

#[test]
fn the_default_output_is_public_inside_the_site() {
    let (tmp, site) = setup();
    let result = build_in(tmp.path(), &site, &[]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert!(site.join("public/.blocpress-output").is_file());
    assert!(site.join("public/index.html").is_file());
    // public/ is not content: a second build, run from inside the site, neither reads nor
    // refuses it.
    let again = build_in(&site, &site, &[]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    no_leftovers(&site);
}

#[test]
fn failed_render_keeps_the_output_and_leaves_no_staging() {
    let (tmp, site) = setup();
    let out = tmp.path().join("public");
    assert_eq!(build(&site, &out).code, Some(0));
    let before = snapshot(&out);
    // Loads fine, fails while rendering: the staging folder exists by then.
    fs::create_dir_all(site.join("themes/default/templates")).unwrap();
    fs::write(
        site.join("themes/default/templates/news.html"),
        "{% extends \"base.html\" %}{% block content %}{{ news.nope.deeper }}{% endblock %}",
    )
    .unwrap();
    let result = build(&site, &out);
    assert_refused(&result, "themes/default/templates/news.html:1:");
    assert_eq!(snapshot(&out), before);
    no_leftovers(tmp.path());
}

// ---- escaping ---------------------------------------------------------------------------

/// A payload that must never reach HTML, XML or SVG output unescaped.
const PAYLOAD: &str = "<x-pwn a=1>\"'&";

fn hostile_site(site: &Path) {
    let p = PAYLOAD;
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let w = |rel: &str, text: String| {
        let path = site.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    w(
        "site.yaml",
        format!(
            "title: {t}\nbase_url: https://thidua.example.vn/khoi/\ndescription: {t}\nbloc:\n  province: {t}\n  leader: hoi-luat-gia\nmetrics:\n  conferences: {{ label: {t}, unit: {t} }}\n  participants: {{ label: {t}, unit: {t} }}\n  new_members: {{ label: {t}, unit: {t} }}\nextra:\n  note: {t}\n",
            t = q(&format!("Khối {p}"))
        ),
    );
    w(
        "content/associations/hoi-luat-gia/profile.yaml",
        format!(
            "name: {t}\nshort_name: {t}\norder: 1\ndescription: {t}\nleader: {t}\nphone: {t}\naddress: {t}\nemail: {e}\nwebsite: {u}\nmetrics:\n  constitution_opinions: {{ label: {t}, unit: {t} }}\n",
            t = q(&format!("Hội {p}")),
            e = q("a@b.vn\"><x-pwn"),
            u = q("https://x.vn/\"><x-pwn")
        ),
    );
    w(
        "content/associations/hoi-luat-gia/2013-h1.yaml",
        format!(
            "summary: {t}\nmetrics:\n  conferences: 35\n  participants: 534\nhighlights: [{t}]\nplans: [{t}]\n",
            t = q(&format!("<script>alert(1)</script> {p}"))
        ),
    );
    w(
        "content/news/2013-06-21-so-ket.md",
        format!(
            "---\ntitle: {t}\ndate: 2013-06-21\nsummary: {t}\nassociations: [hoi-luat-gia]\nperiod: 2013-h1\ntags: [{t}]\nauthor: {t}\nimage: {i}\nimage_alt: {t}\n---\n<script>alert(2)</script>\n\n<img src=x onerror=alert(3)>\n\n[a](javascript:alert(4)) [b](JaVaScRiPt:alert(5)) [c](data:text/html,x) [d](java&#x09;script:alert(6))\n\n<iframe src=x></iframe> <svg><animate onbegin=alert(7)></svg> <x-pwn>\n\n![alt \"<x-pwn>](/a.png \"t\\\"<x-pwn>\")\n\n```\"><x-pwn>\ncode\n```\n\n## head {{#x\"><x-pwn}}\n\n## click {{onclick=alert(8) .c}}\n",
            t = q(&format!("Tin {p}")),
            i = q("/a.png\"><x-pwn")
        ),
    );
    // The body's image exists (a missing one is an error): a 1×1 PNG the pipeline publishes.
    let mut png = Vec::new();
    image::DynamicImage::new_rgb8(1, 1)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    fs::create_dir_all(site.join("static")).unwrap();
    fs::write(site.join("static/a.png"), png).unwrap();
    w(
        "content/periods/2013-h1.md",
        format!(
            "---\ntitle: {t}\nlocation: {t}\nsummary: {t}\nhost: hoi-luat-gia\n---\n<x-pwn>\n",
            t = q(&format!("Kỳ {p}"))
        ),
    );
    w(
        "content/pages/gioi-thieu.md",
        format!(
            "---\ntitle: {t}\nmenu: 1\n---\n<x-pwn>\n",
            t = q(&format!("Trang {p}"))
        ),
    );
    w(
        "content/scoring/2013.yaml",
        format!(
            "title: {t}\ngroups:\n  - title: {t}\n    criteria:\n      - {{ id: {t}, title: {t}, max: 10 }}\nscores:\n  hoi-luat-gia: {{ {t}: 9 }}\n  lien-minh-htx: {{ {t}: 8 }}\nawards:\n  hoi-luat-gia: {t}\nadjustments:\n  lien-minh-htx: [{{ points: 1, reason: {t} }}]\n",
            t = q(&format!("C {p}"))
        ),
    );
}

/// The markup files of an output, with the escaped text of `<content type="html">` in feeds
/// left as it is: there the HTML of an entry is itself escaped once more, on purpose.
fn markup_files(out: &Path) -> Vec<(String, String)> {
    snapshot(out)
        .into_iter()
        .filter(|(k, _)| [".html", ".xml", ".svg"].iter().any(|e| k.ends_with(e)))
        .map(|(k, v)| (k, String::from_utf8_lossy(&v).into_owned()))
        .collect()
}

#[test]
fn every_yaml_and_front_matter_string_is_escaped_and_raw_html_neutralised() {
    let (tmp, site) = setup();
    hostile_site(&site);
    let out = tmp.path().join("public");
    let result = build(&site, &out);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    let files = markup_files(&out);
    assert!(files.len() > 20);
    let mut seen_payload = false;
    for (name, text) in &files {
        let lower = text.to_lowercase();
        for bad in [
            "<x-pwn",
            "<script>alert",
            "<img src=x",
            "<iframe",
            "<svg><animate",
            "href=\"javascript:",
            "href=\"data:",
            "src=\"javascript:",
            "onclick=",
        ] {
            assert!(!lower.contains(bad), "{name} contains `{bad}`");
        }
        seen_payload |= text.contains("&lt;x-pwn") || text.contains("\\u003cx-pwn");
    }
    assert!(seen_payload, "the payload text is shown, escaped");
    // The scheme checks say what they removed.
    assert!(
        result.stderr.contains("`javascript:` scheme removed"),
        "{}",
        result.stderr
    );
}

#[test]
fn raw_html_passes_only_when_the_site_opts_in() {
    let (tmp, site) = setup();
    fs::write(
        site.join("content/news/raw.md"),
        "---\ntitle: Raw\ndate: 2013-01-01\n---\n<b class=\"x\">đậm</b>\n\n<video src=\"/v.mp4\"></video>\n",
    )
    .unwrap();
    let out = tmp.path().join("public");
    assert_eq!(build(&site, &out).code, Some(0));
    let page = fs::read_to_string(out.join("news/raw/index.html")).unwrap();
    assert!(page.contains("&lt;b class="), "{page}");
    assert!(!page.contains("<video"), "{page}");

    let config = fs::read_to_string(site.join("site.yaml")).unwrap();
    fs::write(
        site.join("site.yaml"),
        config.replace("unsafe_html: false", "unsafe_html: true"),
    )
    .unwrap();
    assert_eq!(build(&site, &out).code, Some(0));
    let page = fs::read_to_string(out.join("news/raw/index.html")).unwrap();
    assert!(page.contains("<b class=\"x\">đậm</b>"), "{page}");
    assert!(page.contains("<video src=\"/v.mp4\"></video>"), "{page}");
}
