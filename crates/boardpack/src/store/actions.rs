//! Rows of `action_update` (the history of actions) and `minutes_version` (kept versions of
//! minutes), and the status column of `action`.

use boardpack_core::check::Check;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use boardpack_core::actions::ActionUpdate;
use boardpack_core::minutes::MinutesVersion;
use boardpack_core::{ActionId, AgendaItemId, MeetingId};

use super::room::{date_col, from_word, word};
use super::{id_col, json_col, parse_col, to_json};
use crate::error::Result;

/// The item whose minute holds an action, when the action exists.
pub(crate) fn action_minute(conn: &Connection, id: ActionId) -> Result<Option<AgendaItemId>> {
    Ok(conn
        .query_row(
            "SELECT item_id FROM action WHERE id = ?1",
            [id.to_string()],
            |r| id_col(r, 0),
        )
        .optional()?)
}

/// The id of every action.
pub(crate) fn action_ids(conn: &Connection) -> Result<Vec<ActionId>> {
    let mut stmt = conn.prepare("SELECT id FROM action ORDER BY id")?;
    let rows = stmt.query_map([], |r| id_col(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn set_status(conn: &Transaction<'_>, u: &ActionUpdate) -> Result<()> {
    conn.execute(
        "UPDATE action SET status = ?2 WHERE id = ?1",
        params![u.action_id.to_string(), word(&u.status)],
    )?;
    Ok(())
}

pub(crate) fn upsert_update(conn: &Transaction<'_>, u: &ActionUpdate) -> Result<()> {
    u.check()?;
    conn.execute(
        "INSERT INTO action_update (id, action_id, date, status, note, meeting_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(id) DO UPDATE SET action_id = excluded.action_id, date = excluded.date,
             status = excluded.status, note = excluded.note, meeting_id = excluded.meeting_id",
        params![
            u.id.to_string(),
            u.action_id.to_string(),
            u.date.format("%Y-%m-%d").to_string(),
            word(&u.status),
            u.note,
            u.meeting_id.map(|m| m.to_string()),
        ],
    )?;
    Ok(())
}

/// Every recorded update, oldest first (by date, then as recorded).
pub(crate) fn updates(conn: &Connection) -> Result<Vec<ActionUpdate>> {
    let mut stmt = conn.prepare(
        "SELECT id, action_id, date, status, note, meeting_id FROM action_update
         ORDER BY date, id",
    )?;
    let rows = stmt.query_map([], |r| {
        let meeting: Option<String> = r.get(5)?;
        Ok(ActionUpdate {
            id: id_col(r, 0)?,
            action_id: id_col(r, 1)?,
            date: date_col(r, 2)?.unwrap_or_default(),
            status: from_word(r, 3)?,
            note: r.get(4)?,
            meeting_id: meeting
                .map(|m| parse_col(5, m.parse::<MeetingId>()))
                .transpose()?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes the recorded history of `ids` (an import replacing minutes that drop them).
pub(crate) fn delete_updates_of(conn: &Transaction<'_>, ids: &[ActionId]) -> Result<()> {
    let list: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    conn.execute(
        "DELETE FROM action_update WHERE action_id IN (SELECT value FROM json_each(?1))",
        [to_json(&list)],
    )?;
    Ok(())
}

/// Which of `ids` have a recorded history.
pub(crate) fn with_history(conn: &Connection, ids: &[ActionId]) -> Result<Vec<ActionId>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT action_id FROM action_update
         WHERE action_id IN (SELECT value FROM json_each(?1)) ORDER BY action_id",
    )?;
    let list: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    let rows = stmt.query_map([to_json(&list)], |r| id_col(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_version(conn: &Transaction<'_>, v: &MinutesVersion) -> Result<()> {
    v.check()?;
    conn.execute(
        "INSERT INTO minutes_version (meeting_id, version, recorded_on, note, approved_at, snapshot)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(meeting_id, version) DO UPDATE SET recorded_on = excluded.recorded_on,
             note = excluded.note, approved_at = excluded.approved_at,
             snapshot = excluded.snapshot",
        params![
            v.meeting_id.to_string(),
            v.version,
            v.recorded_on.format("%Y-%m-%d").to_string(),
            v.note,
            v.approved_at.map(|i| i.to_string()),
            to_json(&v.snapshot),
        ],
    )?;
    Ok(())
}

/// The kept versions of one meeting's minutes (or of every meeting's), oldest first.
pub(crate) fn versions(
    conn: &Connection,
    meeting: Option<MeetingId>,
) -> Result<Vec<MinutesVersion>> {
    let filter = super::owned_by("meeting_id", meeting.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT meeting_id, version, recorded_on, note, approved_at, snapshot FROM minutes_version
         WHERE {filter} ORDER BY meeting_id, version"
    ))?;
    let rows = stmt.query_map([meeting.map(|m| m.to_string())], |r| {
        let approved: Option<String> = r.get(4)?;
        Ok(MinutesVersion {
            meeting_id: id_col(r, 0)?,
            version: r.get(1)?,
            recorded_on: date_col(r, 2)?.unwrap_or_default(),
            note: r.get(3)?,
            approved_at: approved.map(|a| parse_col(4, a.parse())).transpose()?,
            snapshot: json_col(r, 5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
