//! Commands of the timetable: a meeting's dates as they stand today, the organisation's
//! bank-holiday region, and a committee's calendar as an `.ics` file. Each is one call into
//! [`boardpack::Boardpack`].

use std::path::PathBuf;

use boardpack::timetable::{CalendarSummary, MeetingTimetable};
use boardpack_core::timetable::HolidayRegion;
use boardpack_core::{CommitteeId, MeetingId, Organisation, OrganisationId};
use tauri::{AppHandle, State};

use super::{Answer, Database};

/// A meeting's timetable: papers due, the pack issued, draft minutes to the chair, each
/// with where it stands today.
#[tauri::command(rename_all = "snake_case")]
pub async fn meeting_timetable(
    db: State<'_, Database>,
    meeting_id: MeetingId,
) -> Answer<MeetingTimetable> {
    Ok(db.handle()?.meeting_timetable(meeting_id)?)
}

/// Sets whose bank holidays the organisation's timetables skip.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_holiday_region(
    db: State<'_, Database>,
    organisation_id: OrganisationId,
    region: HolidayRegion,
) -> Answer<Organisation> {
    Ok(db.handle()?.set_holiday_region(organisation_id, region)?)
}

/// Where to offer to save a committee's calendar, in Documents.
#[tauri::command(rename_all = "snake_case")]
pub async fn calendar_default_path(
    app: AppHandle,
    db: State<'_, Database>,
    committee_id: CommitteeId,
) -> Answer<String> {
    let name = db.handle()?.calendar_file_name(committee_id)?;
    Ok(crate::pack::documents(&app)
        .join(name)
        .display()
        .to_string())
}

/// Writes a committee's calendar (meetings and their deadlines) to `out`.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_calendar(
    db: State<'_, Database>,
    committee_id: CommitteeId,
    out: PathBuf,
) -> Answer<CalendarSummary> {
    crate::pack::full_path(&out, "calendar")?;
    Ok(db.handle()?.export_calendar(committee_id, &out)?)
}
