//! Rows of `pack_issue`: the packs as issued, with their papers as JSON.

use boardpack_core::check::Check;
use boardpack_core::reissue::PackIssue;
use boardpack_core::MeetingId;
use rusqlite::{params, Connection, Transaction};

use super::{id_col, json_col, parse_col, to_json};
use crate::error::Result;

pub(crate) fn insert_issue(conn: &Transaction<'_>, i: &PackIssue) -> Result<()> {
    i.check()?;
    conn.execute(
        "INSERT INTO pack_issue (meeting_id, kind, version, issued_at, issued_by, pages,
             file_sha256, file_size, papers)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(meeting_id, kind, version) DO UPDATE SET issued_at = excluded.issued_at,
             issued_by = excluded.issued_by, pages = excluded.pages,
             file_sha256 = excluded.file_sha256, file_size = excluded.file_size,
             papers = excluded.papers",
        params![
            i.meeting_id.to_string(),
            i.kind.as_str(),
            i.version,
            i.issued_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            i.issued_by,
            i.pages,
            i.file_sha256,
            i.file_size as i64,
            to_json(&i.papers),
        ],
    )?;
    Ok(())
}

/// The issues of one meeting's packs (or of every meeting's), by meeting, kind and version.
pub(crate) fn issues(conn: &Connection, meeting: Option<MeetingId>) -> Result<Vec<PackIssue>> {
    let filter = super::owned_by("meeting_id", meeting.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT meeting_id, kind, version, issued_at, issued_by, pages, file_sha256, file_size,
             papers
         FROM pack_issue WHERE {filter} ORDER BY meeting_id, kind, version"
    ))?;
    let rows = stmt.query_map([meeting.map(|m| m.to_string())], |r| {
        let kind: String = r.get(1)?;
        let at: String = r.get(3)?;
        Ok(PackIssue {
            meeting_id: id_col(r, 0)?,
            kind: parse_col(1, kind.parse())?,
            version: r.get(2)?,
            issued_at: parse_col(
                3,
                chrono::NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S"),
            )?,
            issued_by: r.get(4)?,
            pages: r.get(5)?,
            file_sha256: r.get(6)?,
            file_size: r.get::<_, i64>(7)? as u64,
            papers: json_col(r, 8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
