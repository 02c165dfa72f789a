//! Commands of the meeting page: the agenda (read, add, edit, reorder, move to another
//! meeting, delete) and the readiness list. Each is one call into [`boardpack::Boardpack`];
//! the UI reloads the agenda after a change, so numbers always come from the library.

use boardpack::agenda::{AgendaView, NewItem, ReadinessReport};
use boardpack_core::agenda::{AgendaItem, Move};
use boardpack_core::{AgendaItemId, MeetingId};
use tauri::State;

use super::{Answer, Database};

/// A meeting's agenda: numbered, timed, with leads and lettered papers.
#[tauri::command(rename_all = "snake_case")]
pub async fn meeting_agenda(db: State<'_, Database>, meeting_id: MeetingId) -> Answer<AgendaView> {
    Ok(db.handle()?.agenda(meeting_id)?)
}

/// What stands between the agenda and an issued pack, judged today.
#[tauri::command(rename_all = "snake_case")]
pub async fn meeting_readiness(
    db: State<'_, Database>,
    meeting_id: MeetingId,
) -> Answer<ReadinessReport> {
    Ok(db.handle()?.readiness(meeting_id, boardpack::today())?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_item(db: State<'_, Database>, item: NewItem) -> Answer<AgendaItem> {
    Ok(db.handle()?.add_item(&item)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_item(db: State<'_, Database>, item: AgendaItem) -> Answer<AgendaItem> {
    Ok(db.handle()?.update_item(&item)?)
}

/// Reorders the agenda: up, down, to a place, in and out of the item above.
#[tauri::command(rename_all = "snake_case")]
pub async fn move_item(db: State<'_, Database>, id: AgendaItemId, to: Move) -> Answer<()> {
    Ok(db.handle()?.move_item(id, to)?)
}

/// Moves an item, with its sub-items and papers, to another meeting's agenda.
#[tauri::command(rename_all = "snake_case")]
pub async fn move_item_to_meeting(
    db: State<'_, Database>,
    id: AgendaItemId,
    meeting_id: MeetingId,
) -> Answer<()> {
    Ok(db.handle()?.move_item_to_meeting(id, meeting_id)?)
}

/// Deletes an item; one with papers or sub-items only when `with_papers` confirms it.
#[tauri::command(rename_all = "snake_case")]
pub async fn delete_item(
    db: State<'_, Database>,
    id: AgendaItemId,
    with_papers: bool,
) -> Answer<()> {
    Ok(db.handle()?.delete_item(id, with_papers)?)
}
