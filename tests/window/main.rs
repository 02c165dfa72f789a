//! End-to-end journeys through the real Boardpack window: the built desktop app, started by
//! tauri-driver on a temp database, driven with WebDriver as a user would (typing, clicking,
//! pressing Enter), and checked afterwards through the `boardpack` command and the library.
//!
//! Run with scripts/e2e.sh, which builds the app and the CLI, starts tauri-driver under
//! Xvfb and runs `cargo test -p boardpack-e2e --features window --test window --
//! --test-threads=1` (tauri-driver serves one session at a time).
//!
//! Modules, one per screen or situation:

/// The meeting page: the agenda builder, keyboard moves, the paper editor, readiness.
mod agenda;
/// Between meetings: the action log on the meeting page.
mod between;
/// Exporting the public bulletin from the meeting page, with the organisation's wording.
mod bulletin;
/// Opening the window: driving it, waiting for it, screenshots.
mod driver;
/// The meeting list and the New meeting form.
mod meetings;
/// Exporting the board pack from the meeting page.
mod pack;
/// The risk registers and strategic objectives screen.
mod risks;
/// In the room: attendance, quorum, declarations and live minutes that survive a crash.
mod room;
/// Searching the whole archive from the header's search box.
mod search;
/// A newcomer's first run: organisation, committee, members, interests, a ready pack.
mod setup;
/// What the window shows on an empty database, on a broken one, and after loading the demo.
mod startup;

use std::path::{Path, PathBuf};

use boardpack::{Boardpack, NewCommittee, NewMember};
use boardpack_core::{Committee, MemberKind};

/// A temp database for one test, removed when dropped.
#[derive(Debug)]
struct TempDb {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl TempDb {
    /// A path in a fresh temp folder; the file is not created.
    fn new() -> TempDb {
        let dir = tempfile::tempdir().expect("a temp folder");
        let path = dir.path().join("board.sqlite");
        TempDb { _dir: dir, path }
    }

    /// Opens it through the library, as the app does.
    fn open(&self) -> Boardpack {
        open(&self.path)
    }
}

fn open(path: &Path) -> Boardpack {
    Boardpack::open(path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()))
}

/// A database with one committee (Trust Board, TB, of "Northfield NHS Trust") and its chair,
/// set up through the library before the app starts.
fn board_with_chair(db: &TempDb) -> Committee {
    let app = db.open();
    let committee = app
        .add_committee(&NewCommittee {
            organisation: "Northfield NHS Trust".into(),
            name: "Trust Board".into(),
            code: "TB".into(),
            minute_ref_pattern: String::new(),
            quorum: None,
        })
        .expect("the committee is added");
    app.add_member(&NewMember {
        committee_code: "TB".into(),
        name: "Margaret Okafor".into(),
        initials: String::new(),
        role: "Trust Chair".into(),
        kind: MemberKind::Chair,
        organisation: String::new(),
        phone: String::new(),
    })
    .expect("the chair is added");
    committee
}
