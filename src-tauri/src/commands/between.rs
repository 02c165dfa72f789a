//! Commands of the work between meetings: the action log and its updates, approving the
//! previous meeting's minutes, the forward plan with the agenda it proposes, and the backup
//! (an archive of everything) with its restore.

use std::path::PathBuf;

use boardpack::actions::{ActionLog, ActionsExport, LogFilter, NewActionUpdate};
use boardpack::approval::{ApprovalState, MinutesDecision};
use boardpack::plan::ForwardPlan;
use boardpack::{ArchiveScope, ImportSummary};
use boardpack_core::actions::{ActionEntry, ActionUpdate};
use boardpack_core::agenda::AgendaItem;
use boardpack_core::forward_plan::ProposedItem;
use boardpack_core::minutes::MinutesVersion;
use boardpack_core::{AgendaItemId, CommitteeId, MeetingId};
use tauri::State;

use super::{Answer, Database};

#[tauri::command(rename_all = "snake_case")]
pub async fn action_log(
    db: State<'_, Database>,
    committee_id: CommitteeId,
    filter: LogFilter,
) -> Answer<ActionLog> {
    Ok(db
        .handle()?
        .action_log(committee_id, boardpack::today(), filter)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn matters_arising(
    db: State<'_, Database>,
    meeting_id: MeetingId,
) -> Answer<Vec<ActionEntry>> {
    Ok(db
        .handle()?
        .matters_arising(meeting_id, boardpack::today())?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_action(
    db: State<'_, Database>,
    update: NewActionUpdate,
) -> Answer<ActionUpdate> {
    Ok(db.handle()?.update_action(&update)?)
}

/// Writes the action log to `out` (.pdf or .csv).
#[tauri::command(rename_all = "snake_case")]
pub async fn export_actions(
    db: State<'_, Database>,
    committee_id: CommitteeId,
    filter: LogFilter,
    public: bool,
    out: PathBuf,
) -> Answer<ActionsExport> {
    crate::pack::full_path(&out, "action log")?;
    Ok(db
        .handle()?
        .export_actions(committee_id, boardpack::today(), filter, public, &out)?)
}

/// Writes a committee's year in figures over a period (dates as YYYY-MM-DD, both days
/// included) to `out` (.pdf or .csv). `open_pack` may then open it.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_year(
    app: tauri::AppHandle,
    db: State<'_, Database>,
    committee_id: CommitteeId,
    from: String,
    to: String,
    out: PathBuf,
) -> Answer<boardpack::year::YearExport> {
    crate::pack::full_path(&out, "year in figures")?;
    let from = boardpack_core::validate::parse_date(&from).map_err(boardpack::Error::from)?;
    let to = boardpack_core::validate::parse_date(&to).map_err(boardpack::Error::from)?;
    let done = db.handle()?.export_year(committee_id, from, to, &out)?;
    crate::pack::remember(&app, out);
    Ok(done)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn approval_state(
    db: State<'_, Database>,
    item_id: AgendaItemId,
) -> Answer<ApprovalState> {
    Ok(db.handle()?.approval_state(item_id)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn decide_minutes(
    db: State<'_, Database>,
    decision: MinutesDecision,
) -> Answer<Option<MinutesVersion>> {
    Ok(db.handle()?.decide_minutes(&decision)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn forward_plan(
    db: State<'_, Database>,
    committee_id: CommitteeId,
) -> Answer<ForwardPlan> {
    Ok(db.handle()?.forward_plan(committee_id)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn propose_agenda(
    db: State<'_, Database>,
    meeting_id: MeetingId,
) -> Answer<Vec<ProposedItem>> {
    Ok(db
        .handle()?
        .propose_agenda(meeting_id, boardpack::today())?)
}

/// Adds the accepted proposals; answers the meeting's items afterwards.
#[tauri::command(rename_all = "snake_case")]
pub async fn accept_proposals(
    db: State<'_, Database>,
    meeting_id: MeetingId,
    accepted: Vec<ProposedItem>,
) -> Answer<Vec<AgendaItem>> {
    let view = db.handle()?.accept_proposals(meeting_id, &accepted)?;
    Ok(view.rows.into_iter().map(|r| r.item).collect())
}

/// Backs up everything (all organisations, meetings, papers and their files) to a .zip.
#[tauri::command(rename_all = "snake_case")]
pub async fn backup(db: State<'_, Database>, out: PathBuf) -> Answer<String> {
    crate::pack::full_path(&out, "backup")?;
    db.handle()?
        .export_archive(&ArchiveScope::Everything, &out)?;
    Ok(out.display().to_string())
}

/// Restores a backup (or any archive) into this database: all of it, or nothing. Records
/// that differ here are overwritten only with `replace` (the window asks first, after a
/// `would_overwrite` answer listing them).
#[tauri::command(rename_all = "snake_case")]
pub async fn restore(
    db: State<'_, Database>,
    path: PathBuf,
    replace: bool,
) -> Answer<ImportSummary> {
    crate::pack::full_path(&path, "backup")?;
    let options = boardpack::archive::ImportOptions {
        replace,
        ..Default::default()
    };
    Ok(db.handle()?.import_archive_with(&path, &options)?)
}
