//! Rows of `meeting`.

use boardpack_core::check::Check;
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use boardpack_core::{CommitteeId, Meeting, MeetingId, PersonId};

use super::parse_col;
use crate::error::Result;

const COLS: &str =
    "id, committee_id, number, date, start_time, end_time, venue, chair_id, session, status";

fn time_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveTime>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| parse_col(idx, NaiveTime::parse_from_str(&t, "%H:%M")))
        .transpose()
}

fn meeting_from_row(row: &Row<'_>) -> rusqlite::Result<Meeting> {
    let id: String = row.get(0)?;
    let committee: String = row.get(1)?;
    let date: String = row.get(3)?;
    let chair: Option<String> = row.get(7)?;
    let session: String = row.get(8)?;
    let status: String = row.get(9)?;
    Ok(Meeting {
        id: parse_col(0, id.parse::<MeetingId>())?,
        committee_id: parse_col(1, committee.parse::<CommitteeId>())?,
        number: row.get(2)?,
        date: parse_col(3, NaiveDate::parse_from_str(&date, "%Y-%m-%d"))?,
        start_time: time_col(row, 4)?,
        end_time: time_col(row, 5)?,
        venue: row.get(6)?,
        chair_id: chair
            .map(|c| parse_col(7, c.parse::<PersonId>()))
            .transpose()?,
        session: parse_col(8, session.parse())?,
        status: parse_col(9, status.parse())?,
    })
}

fn hhmm(t: Option<NaiveTime>) -> Option<String> {
    t.map(|t| t.format("%H:%M").to_string())
}

pub(crate) fn upsert_meeting(conn: &Transaction<'_>, m: &Meeting) -> Result<()> {
    m.check()?;
    conn.execute(
        "INSERT INTO meeting (id, committee_id, number, date, start_time, end_time, venue,
             chair_id, session, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT(id) DO UPDATE SET committee_id = excluded.committee_id,
             number = excluded.number, date = excluded.date, start_time = excluded.start_time,
             end_time = excluded.end_time, venue = excluded.venue, chair_id = excluded.chair_id,
             session = excluded.session, status = excluded.status",
        params![
            m.id.to_string(),
            m.committee_id.to_string(),
            m.number,
            m.date.format("%Y-%m-%d").to_string(),
            hhmm(m.start_time),
            hhmm(m.end_time),
            m.venue,
            m.chair_id.map(|c| c.to_string()),
            m.session.as_str(),
            m.status.as_str(),
        ],
    )?;
    Ok(())
}

/// All meetings, most recent first, or those of one committee.
pub(crate) fn meetings(conn: &Connection, committee: Option<CommitteeId>) -> Result<Vec<Meeting>> {
    let filter = super::owned_by("committee_id", committee.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM meeting WHERE {filter}
         ORDER BY date DESC, start_time DESC, id"
    ))?;
    let rows = stmt.query_map([committee.map(|c| c.to_string())], meeting_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn meeting(conn: &Connection, id: MeetingId) -> Result<Option<Meeting>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLS} FROM meeting WHERE id = ?1"),
            [id.to_string()],
            meeting_from_row,
        )
        .optional()?)
}

/// The meeting of a committee with a given number, if any.
pub(crate) fn meeting_by_number(
    conn: &Connection,
    committee: CommitteeId,
    number: u32,
) -> Result<Option<Meeting>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLS} FROM meeting WHERE committee_id = ?1 AND number = ?2"),
            params![committee.to_string(), number],
            meeting_from_row,
        )
        .optional()?)
}

/// The number after the committee's highest meeting number (1 for its first meeting).
pub(crate) fn next_number(conn: &Connection, committee: CommitteeId) -> Result<u64> {
    let max: Option<i64> = conn.query_row(
        "SELECT MAX(number) FROM meeting WHERE committee_id = ?1",
        [committee.to_string()],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(max.unwrap_or(0)).unwrap_or(0) + 1)
}
