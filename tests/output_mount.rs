//! Issue 21, "the output": a build into an output folder that is a mount point (a Docker bind
//! mount, a small partition) never leaves a mix of old and new files, even when the disk fills
//! up; and nothing outside the output is ever deleted or written through a symbolic link
//! inside it. The real cases need root (`mount`); without it they say they are skipped, and the
//! link case runs through the `BLOCPRESS_TEST_SWAP_FAILS` seam instead.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use support::{Site, snapshot, stderr};

/// Unmounts on drop, so a failing test leaves no mount behind.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn mount(args: &[&str], at: &Path) -> Option<Mount> {
    let status = Command::new("mount")
        .args(args)
        .arg(at)
        .stderr(Stdio::null())
        .status()
        .ok()?;
    status.success().then(|| Mount(at.to_path_buf()))
}

fn build(site: &Site, out: &Path, extra: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_blocpress"));
    command
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(out)
        .args(extra)
        .env("BLOCPRESS_LANG", "en");
    for (k, v) in env {
        command.env(k, v);
    }
    let output = command.output().unwrap();
    support::assert_no_panic(&output);
    output
}

/// What a build left in the output or beside it besides the site: staging folders, temporary
/// files, backups.
fn leftovers(out: &Path) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().strip_prefix(out).unwrap().display().to_string())
        .filter(|rel| rel.contains(".blocpress-") && rel != ".blocpress-output")
        .collect();
    if let Ok(beside) = std::fs::read_dir(out.parent().unwrap()) {
        found.extend(
            beside
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains(".blocpress-")),
        );
    }
    found
}

fn free_bytes(path: &Path) -> u64 {
    let stat = rustix::fs::statvfs(path).unwrap();
    stat.f_bavail * stat.f_frsize
}

#[test]
fn a_full_disk_under_a_mount_point_output_leaves_the_old_site_whole() {
    let site = Site::new("valid-base");
    let holder = tempfile::tempdir().unwrap();
    let out = holder.path().join("public");
    std::fs::create_dir(&out).unwrap();
    let Some(_mount) = mount(&["-t", "tmpfs", "-o", "size=2m", "tmpfs"], &out) else {
        eprintln!(
            "skipped a_full_disk_under_a_mount_point_output_leaves_the_old_site_whole: needs root to mount a small tmpfs (mount -t tmpfs)"
        );
        return;
    };
    let first = build(&site, &out, &[], &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&out);
    assert!(before.contains_key("news/so-ket/index.html"));

    // A new title changes many pages; a large file (written last) does not fit.
    site.edit(
        "content/news/2013-06-21-so-ket.md",
        "title: ",
        "title: Đã sửa – ",
    );
    let big = free_bytes(&out) + (256 << 10);
    std::fs::write(
        site.root().join("static/zz-big.bin"),
        vec![7u8; big as usize],
    )
    .unwrap();
    let failed = build(&site, &out, &[], &[]);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    let said = stderr(&failed);
    assert!(said.contains("error[E470]"), "{said}");
    assert!(
        snapshot(&out) == before,
        "a failed build changed the published site (a mix of old and new files)"
    );
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));

    // With room again, the next build publishes the whole new site.
    std::fs::remove_file(site.root().join("static/zz-big.bin")).unwrap();
    let again = build(&site, &out, &[], &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        support::read(&out, "news/so-ket/index.html").contains("Đã sửa"),
        "the new build was not published"
    );
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

/// A folder of the output replaced by a link to a folder outside it; a build (forced, since the
/// link is not blocpress's) must neither delete nor write anything outside.
fn link_inside_the_output_is_never_followed(env: &[(&str, &str)], out: &Path, site: &Site) {
    let first = build(site, out, &[], env);
    assert!(first.status.success(), "{}", stderr(&first));
    // Outside: a copy of the news pages (they look like the output's own) and a file of its own.
    let outside = tempfile::tempdir().unwrap();
    support::copy_dir(&out.join("news"), outside.path());
    std::fs::write(outside.path().join("so-tay.txt"), "sổ tay của văn phòng").unwrap();
    let kept = snapshot(outside.path());
    std::fs::remove_dir_all(out.join("news")).unwrap();
    std::os::unix::fs::symlink(outside.path(), out.join("news")).unwrap();
    // One news item removed: its page is stale and is cleaned up; another one changes.
    std::fs::remove_file(
        site.root()
            .join("content/news/2013/2013-12-20-cham-diem.md"),
    )
    .unwrap();
    site.edit(
        "content/news/2013-06-21-so-ket.md",
        "title: ",
        "title: Đã sửa – ",
    );
    let output = build(site, out, &["--force"], env);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        snapshot(outside.path()) == kept,
        "files outside the output were deleted or written through the link"
    );
    let news = std::fs::symlink_metadata(out.join("news")).unwrap();
    assert!(
        news.is_dir(),
        "the link is replaced by the output's own folder"
    );
    assert!(support::read(out, "news/so-ket/index.html").contains("Đã sửa"));
    assert!(!out.join("news/cham-diem").exists());
    assert!(leftovers(out).is_empty(), "{:?}", leftovers(out));
}

#[test]
fn a_link_inside_a_mount_point_output_is_removed_as_a_link_never_followed() {
    let site = Site::new("valid-base");
    let holder = tempfile::tempdir().unwrap();
    let out = holder.path().join("public");
    std::fs::create_dir(&out).unwrap();
    let backing = tempfile::tempdir().unwrap();
    match mount(&["--bind", backing.path().to_str().unwrap()], &out) {
        Some(_mount) => link_inside_the_output_is_never_followed(&[], &out, &site),
        None => {
            eprintln!("cannot bind-mount here: testing through BLOCPRESS_TEST_SWAP_FAILS");
            link_inside_the_output_is_never_followed(
                &[("BLOCPRESS_TEST_SWAP_FAILS", "1")],
                &out,
                &site,
            );
        }
    }
}

#[test]
fn a_link_inside_an_output_built_in_place_is_never_followed() {
    let site = Site::new("valid-base");
    let out = site.out();
    link_inside_the_output_is_never_followed(&[("BLOCPRESS_TEST_SWAP_FAILS", "1")], &out, &site);
}

#[test]
fn a_link_inside_an_ordinary_output_is_never_followed() {
    let site = Site::new("valid-base");
    let out = site.out();
    link_inside_the_output_is_never_followed(&[], &out, &site);
}
