//! Integration tests of the application library, one binary for all (faster to link):
//! each module tests one area through the public API, on a fresh database in a temp folder.

#![allow(clippy::unwrap_used)] // test helpers may fail loudly

pub mod agenda;
mod archive;
mod between;
mod bulletin;
mod pack;
mod room;
mod search;
mod setup;
mod store;

use boardpack::Boardpack;
use tempfile::TempDir;

/// A fresh, empty database in its own temp folder (kept alive by the returned guard).
pub fn fresh() -> (TempDir, Boardpack) {
    let dir = tempfile::tempdir().unwrap();
    let app = Boardpack::open(&dir.path().join("board.sqlite")).unwrap();
    (dir, app)
}

/// A database holding the demo.
pub fn demo() -> (TempDir, Boardpack) {
    let (dir, app) = fresh();
    app.load_demo().unwrap();
    (dir, app)
}
