//! The commands the web UI invokes. Each one takes typed arguments, makes one call into
//! [`Boardpack`] and maps its error to an [`ErrorReport`] (`{code, message}`), which the
//! UI's `api.ts` turns into a `CommandError`. Argument names stay snake_case on both sides,
//! as in the generated TypeScript bindings.

pub mod agenda;
pub mod between;
pub mod papers;
pub mod risks;
pub mod search;
pub mod setup;
pub mod timetable;

use std::path::Path;

use boardpack::{Boardpack, CommitteeSummary, ErrorReport, MeetingSummary, MemberSummary};
use boardpack_core::meeting::NewMeeting;
use boardpack_core::{CommitteeId, Meeting, MeetingId};
use tauri::State;

type Answer<T> = Result<T, ErrorReport>;

/// The database the app was started on, or why it could not be opened.
#[derive(Debug)]
pub struct Database {
    /// Where the database is (or was looked for); `None` when even that is unknown.
    path: Option<String>,
    opened: Result<Boardpack, ErrorReport>,
}

impl Database {
    /// Opens the database the way the CLI does: the explicit path, else `BOARDPACK_DB`,
    /// else the default file. Failure is kept, not raised.
    pub fn open(explicit: Option<&Path>) -> Database {
        match boardpack::paths::database_path(explicit) {
            Ok(path) => Database {
                path: Some(path.display().to_string()),
                opened: Boardpack::open(&path).map_err(ErrorReport::from),
            },
            Err(e) => Database {
                path: None,
                opened: Err(e.into()),
            },
        }
    }

    /// The open database, or the error that kept it shut.
    pub fn handle(&self) -> Answer<&Boardpack> {
        self.opened.as_ref().map_err(Clone::clone)
    }
}

/// The database file's path, for the window to show. Answers even when the file could not
/// be opened, so the user sees which file is at fault.
#[tauri::command(rename_all = "snake_case")]
pub async fn database_path(db: State<'_, Database>) -> Answer<String> {
    match (&db.path, &db.opened) {
        (Some(path), _) => Ok(path.clone()),
        (None, Err(report)) => Err(report.clone()),
        (None, Ok(handle)) => Ok(handle.db_path().display().to_string()),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_committees(db: State<'_, Database>) -> Answer<Vec<CommitteeSummary>> {
    Ok(db.handle()?.committees()?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_meetings(db: State<'_, Database>) -> Answer<Vec<MeetingSummary>> {
    Ok(db.handle()?.meetings()?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_members(
    db: State<'_, Database>,
    committee_id: CommitteeId,
) -> Answer<Vec<MemberSummary>> {
    Ok(db.handle()?.members(committee_id)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_meeting(db: State<'_, Database>, meeting: NewMeeting) -> Answer<Meeting> {
    Ok(db.handle()?.add_meeting(&meeting)?)
}

/// Loads the demo trust, its Trust Board and a meeting (idempotent); answers the meeting.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_demo(db: State<'_, Database>) -> Answer<MeetingId> {
    Ok(db.handle()?.load_demo()?)
}
