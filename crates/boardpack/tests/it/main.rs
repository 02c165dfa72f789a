//! Integration tests of the application library, one binary for all (faster to link):
//! each module tests one area through the public API, on a fresh database in a temp folder.

#![allow(clippy::unwrap_used)] // test helpers may fail loudly

mod accessibility;
pub mod agenda;
mod archive;
mod between;
mod bulletin;
mod cover_sheet;
mod damaged;
mod demo_papers;
mod hostile;
mod issue;
mod metadata;
mod mutate;
mod organisation;
mod pack;
mod privacy;
mod register;
mod room;
mod schema;
mod search;
mod setup;
mod store;
mod timetable;
mod ui_contract;
mod year;

use std::path::Path;
use std::process::Command;

use boardpack::Boardpack;
use tempfile::TempDir;

/// The text of a PDF as `pdftotext` reads it (`-layout` keeps the columns of tables).
pub fn pdf_text(path: &Path, layout: bool) -> String {
    let mut cmd = Command::new("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd.arg(path).arg("-").output().unwrap();
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `qpdf --check` passes on the file. qpdf must be installed (scripts/setup.sh installs
/// it): a missing tool fails the test rather than skipping the check.
pub fn assert_qpdf_accepts(path: &Path) {
    assert!(
        Command::new("qpdf").arg("--version").output().is_ok(),
        "qpdf is needed to check PDFs: apt-get install qpdf (scripts/setup.sh does)"
    );
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(path)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

/// A fresh, empty database in its own temp folder (kept alive by the returned guard).
pub fn fresh() -> (TempDir, Boardpack) {
    let dir = tempfile::tempdir().unwrap();
    let app = Boardpack::open(&dir.path().join("board.sqlite")).unwrap();
    (dir, app)
}

/// A database holding the demo, opened with a clock fixed on `date` (documents record
/// it as the time they were made, so builds on it give the same bytes).
pub fn demo_on(date: chrono::NaiveDate) -> (TempDir, Boardpack) {
    let dir = tempfile::tempdir().unwrap();
    let app = Boardpack::open_with_clock(
        &dir.path().join("board.sqlite"),
        Box::new(boardpack::FixedClock(date)),
    )
    .unwrap();
    app.load_demo().unwrap();
    (dir, app)
}

/// A database holding the demo.
pub fn demo() -> (TempDir, Boardpack) {
    let (dir, app) = fresh();
    app.load_demo().unwrap();
    (dir, app)
}
