//! Issuing a meeting's pack from the window: what changed since the last issue, the
//! versions issued, and issuing (off the UI thread, with progress, like exporting). Each
//! command calls one use case of [`boardpack::issue`].

use std::path::PathBuf;

use boardpack::issue::{IssueReport, PackChanges};
use boardpack::pack::PackProgress;
use boardpack::{ErrorCode, ErrorReport};
use boardpack_core::reissue::PackIssue;
use boardpack_core::MeetingId;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::commands::Database;

type Answer<T> = Result<T, ErrorReport>;

/// What changed in the public or full pack since it was last issued.
#[tauri::command(rename_all = "snake_case")]
pub async fn pack_changes(
    db: State<'_, Database>,
    meeting_id: MeetingId,
    public: bool,
) -> Answer<PackChanges> {
    Ok(db.handle()?.pack_changes(meeting_id, public)?)
}

/// The issues of a meeting's packs, public then full, oldest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn pack_issues(db: State<'_, Database>, meeting_id: MeetingId) -> Answer<Vec<PackIssue>> {
    Ok(db.handle()?.pack_issues(meeting_id)?)
}

/// Issues the pack into `out` and records the issue (by the computer's user); `force`
/// issues a new version though nothing changed.
#[tauri::command(rename_all = "snake_case")]
pub async fn issue_pack(
    app: AppHandle,
    meeting_id: MeetingId,
    public: bool,
    out: PathBuf,
    force: bool,
    on_progress: Channel<PackProgress>,
) -> Answer<IssueReport> {
    crate::pack::full_path(&out, "pack")?;
    let worker = app.clone();
    let target = out.clone();
    let issued = tauri::async_runtime::spawn_blocking(move || {
        let db = worker.state::<Database>();
        db.handle()?
            .issue_pack(
                meeting_id,
                public,
                &target,
                &boardpack::issue::default_issuer(),
                force,
                boardpack::today(),
                &mut |step| {
                    let _ = on_progress.send(step);
                },
            )
            .map_err(ErrorReport::from)
    })
    .await
    .map_err(|e| ErrorReport {
        code: ErrorCode::Internal,
        message: format!("Boardpack stopped on an internal fault while issuing the pack ({e}). Nothing was recorded; please report this."),
        details: Vec::new(),
    })??;
    crate::pack::remember(&app, out);
    Ok(issued)
}
