//! Shared helpers for the end-to-end tests: where the built programs are and where tests
//! leave what a person should look at (screenshots). Tests here run what a user runs (the
//! desktop app and the `boardpack` command, both built beforehand by scripts/e2e.sh), so
//! these helpers find binaries and never build anything themselves.

use std::path::{Path, PathBuf};

/// The workspace's root folder (this package lives in `tests/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// Cargo's target folder: `CARGO_TARGET_DIR` if set, else `target/` at the root.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// A debug binary of this workspace, or a panic that says how to build it.
fn built_binary(name: &str, build: &str) -> PathBuf {
    let path = target_dir().join("debug").join(name);
    assert!(
        path.is_file(),
        "{} is missing: build it first with `{build}` (scripts/e2e.sh does).",
        path.display()
    );
    path
}

/// The desktop app, built with its UI embedded by scripts/build-app.sh.
pub fn app_binary() -> PathBuf {
    built_binary("boardpack-desktop", "scripts/build-app.sh")
}

/// The `boardpack` command.
pub fn cli_binary() -> PathBuf {
    built_binary("boardpack", "cargo build -p boardpack-cli")
}

/// Where tests save screenshots: `target/e2e-screenshots/`, created on first use.
pub fn screenshot_dir() -> PathBuf {
    let dir = target_dir().join("e2e-screenshots");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {e}", dir.display());
    }
    dir
}
