//! Rebuilds the crate when the built-in theme changes: `include_dir!` embeds
//! `themes/default/` but cannot tell Cargo about the files it read, so this script fingerprints
//! the folder and hands the fingerprint to the compiler as an environment variable.

use std::hash::{Hash, Hasher};
use std::path::Path;

fn visit(dir: &Path, hasher: &mut std::collections::hash_map::DefaultHasher) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).collect())
        .unwrap_or_default();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        path.hash(hasher);
        if path.is_dir() {
            visit(&path, hasher);
        } else if let Ok(bytes) = std::fs::read(&path) {
            bytes.hash(hasher);
        }
    }
}

fn main() {
    let theme = Path::new("themes/default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    visit(theme, &mut hasher);
    println!(
        "cargo:rustc-env=BLOCPRESS_THEME_FINGERPRINT={:x}",
        hasher.finish()
    );
    git_rev();
}

/// `BLOCPRESS_GIT_REV`: the commit being built, which `blocpress init` pins in the site's
/// publishing workflow. Re-run when HEAD or its branch moves; empty outside a Git checkout.
fn git_rev() {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let rev = git(&["rev-parse", "HEAD"]).unwrap_or_default();
    println!("cargo:rustc-env=BLOCPRESS_GIT_REV={rev}");
    if let Some(head) = git(&["rev-parse", "--git-path", "HEAD"]) {
        println!("cargo:rerun-if-changed={head}");
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"])
        && let Some(path) = git(&["rev-parse", "--git-path", &branch])
    {
        println!("cargo:rerun-if-changed={path}");
    }
}
