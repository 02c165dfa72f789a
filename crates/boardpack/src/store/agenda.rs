//! Rows of `agenda_item`.

use boardpack_core::check::Check;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use boardpack_core::agenda::AgendaItem;
use boardpack_core::{AgendaItemId, MeetingId};

use super::{id_col, json_col, parse_col, to_json};
use crate::error::Result;

const COLS: &str = "id, meeting_id, parent_id, position, title, purpose, lead, duration_minutes,
    session, private_reason, confidential, for_bulletin, paper_expected, standing";

fn item_from_row(row: &Row<'_>) -> rusqlite::Result<AgendaItem> {
    let parent: Option<String> = row.get(2)?;
    let purpose: String = row.get(5)?;
    let session: String = row.get(8)?;
    let standing: Option<String> = row.get(13)?;
    Ok(AgendaItem {
        id: id_col(row, 0)?,
        meeting_id: id_col(row, 1)?,
        parent_id: parent.map(|p| parse_col(2, p.parse())).transpose()?,
        position: row.get(3)?,
        title: row.get(4)?,
        purpose: parse_col(5, purpose.parse())?,
        lead: json_col(row, 6)?,
        duration_minutes: row.get(7)?,
        session: parse_col(8, session.parse())?,
        private_reason: row.get(9)?,
        confidential: row.get(10)?,
        for_bulletin: row.get(11)?,
        paper_expected: row.get(12)?,
        standing: standing
            .map(|s| parse_col(13, serde_json::from_str(&format!("\"{s}\""))))
            .transpose()?,
    })
}

pub(crate) fn upsert_item(conn: &Transaction<'_>, i: &AgendaItem) -> Result<()> {
    i.check()?;
    let standing = i.standing.map(|s| to_json(&s).trim_matches('"').to_owned());
    conn.execute(
        "INSERT INTO agenda_item (id, meeting_id, parent_id, position, title, purpose, lead,
             duration_minutes, session, private_reason, confidential, for_bulletin,
             paper_expected, standing)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT(id) DO UPDATE SET meeting_id = excluded.meeting_id,
             parent_id = excluded.parent_id, position = excluded.position,
             title = excluded.title, purpose = excluded.purpose, lead = excluded.lead,
             duration_minutes = excluded.duration_minutes, session = excluded.session,
             private_reason = excluded.private_reason, confidential = excluded.confidential,
             for_bulletin = excluded.for_bulletin, paper_expected = excluded.paper_expected,
             standing = excluded.standing",
        params![
            i.id.to_string(),
            i.meeting_id.to_string(),
            i.parent_id.map(|p| p.to_string()),
            i.position,
            i.title,
            i.purpose.as_str(),
            to_json(&i.lead),
            i.duration_minutes,
            i.session.as_str(),
            i.private_reason,
            i.confidential,
            i.for_bulletin,
            i.paper_expected,
            standing,
        ],
    )?;
    Ok(())
}

/// A meeting's items (any order; the agenda rules sort them), or every item.
pub(crate) fn items(conn: &Connection, meeting: Option<MeetingId>) -> Result<Vec<AgendaItem>> {
    let filter = super::owned_by("meeting_id", meeting.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM agenda_item WHERE {filter}
         ORDER BY meeting_id, parent_id IS NOT NULL, position, id"
    ))?;
    let rows = stmt.query_map([meeting.map(|m| m.to_string())], item_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn item(conn: &Connection, id: AgendaItemId) -> Result<Option<AgendaItem>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLS} FROM agenda_item WHERE id = ?1"),
            [id.to_string()],
            item_from_row,
        )
        .optional()?)
}

pub(crate) fn delete_item(conn: &Transaction<'_>, id: AgendaItemId) -> Result<()> {
    conn.execute("DELETE FROM agenda_item WHERE id = ?1", [id.to_string()])?;
    Ok(())
}
