//! The minute-taker's commands ("in the room"): the room view of a meeting, attendance,
//! others in attendance, declarations of interest, live minutes saved as they are typed,
//! the time the meeting closed, and the minutes as a PDF. Each is one call into [`boardpack::Boardpack`]; quorum,
//! likely conflicts and minute references come back from the library in the room view.

use std::path::PathBuf;

use boardpack::room::RoomView;
use boardpack::ErrorReport;
use boardpack_core::attendance::{Attendee, MemberAttendance};
use boardpack_core::interests::Declaration;
use boardpack_core::minutes::Minute;
use boardpack_core::validate::parse_time;
use boardpack_core::{AttendeeId, DeclarationId, MeetingId};
use tauri::{AppHandle, State};

use crate::commands::Database;

type Answer<T> = Result<T, ErrorReport>;

/// Everything the room screens show: members and attendance, quorum at the start and at
/// every item, declarations, likely conflicts, and the minutes so far.
#[tauri::command(rename_all = "snake_case")]
pub async fn meeting_room(db: State<'_, Database>, meeting_id: MeetingId) -> Answer<RoomView> {
    Ok(db.handle()?.room(meeting_id)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_attendance(db: State<'_, Database>, attendance: MemberAttendance) -> Answer<()> {
    Ok(db.handle()?.set_attendance(&attendance)?)
}

/// Adds (nil id) or updates someone in attendance who holds no seat.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_attendee(db: State<'_, Database>, attendee: Attendee) -> Answer<Attendee> {
    Ok(db.handle()?.save_attendee(&attendee)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn remove_attendee(db: State<'_, Database>, id: AttendeeId) -> Answer<()> {
    Ok(db.handle()?.remove_attendee(id)?)
}

/// Records (nil id) or updates a declaration of interest at an item.
#[tauri::command(rename_all = "snake_case")]
pub async fn declare(db: State<'_, Database>, declaration: Declaration) -> Answer<Declaration> {
    Ok(db.handle()?.declare(&declaration)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn remove_declaration(db: State<'_, Database>, id: DeclarationId) -> Answer<()> {
    Ok(db.handle()?.remove_declaration(id)?)
}

/// Saves an item's minute as it is typed (one small transaction); new actions get ids.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_minute(db: State<'_, Database>, minute: Minute) -> Answer<Minute> {
    Ok(db.handle()?.save_minute(&minute)?)
}

/// Records when the meeting closed ("HH:MM"; null forgets it): the minutes end "The
/// meeting closed at …".
#[tauri::command(rename_all = "snake_case")]
pub async fn set_meeting_closed(
    db: State<'_, Database>,
    meeting_id: MeetingId,
    at: Option<String>,
) -> Answer<()> {
    let at = at
        .filter(|t| !t.trim().is_empty())
        .map(|t| parse_time(t.trim()))
        .transpose()
        .map_err(boardpack::Error::from)?;
    Ok(db.handle()?.set_closed(meeting_id, at)?)
}

/// The folder to offer for the draft minutes: the user's Documents folder, else home.
#[tauri::command(rename_all = "snake_case")]
pub async fn documents_folder(app: AppHandle) -> Answer<String> {
    Ok(crate::pack::documents(&app).display().to_string())
}

/// Writes the draft minutes (public: private items left out) to `out`; answers the pages.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_minutes(
    db: State<'_, Database>,
    meeting_id: MeetingId,
    public: bool,
    out: PathBuf,
) -> Answer<u32> {
    crate::pack::full_path(&out, "minutes")?;
    Ok(db.handle()?.export_minutes(meeting_id, public, &out)?)
}
