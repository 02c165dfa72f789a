//! Rows of `blob`: the index of what the content-addressed blob store holds.

use boardpack_core::accessibility::TaggedFiles;
use boardpack_core::MeetingId;
use rusqlite::{params, Connection, Transaction};

use crate::blobstore::BlobRef;
use crate::error::Result;

pub(crate) fn insert_blob(conn: &Transaction<'_>, b: &BlobRef) -> Result<()> {
    conn.execute(
        "INSERT INTO blob (sha256, size, media_type) VALUES (?1, ?2, ?3)
         ON CONFLICT(sha256) DO NOTHING",
        params![b.sha256, b.size as i64, b.media_type],
    )?;
    Ok(())
}

pub(crate) fn blobs(conn: &Connection) -> Result<Vec<BlobRef>> {
    let mut stmt = conn.prepare("SELECT sha256, size, media_type FROM blob ORDER BY sha256")?;
    let rows = stmt.query_map([], |r| {
        Ok(BlobRef {
            sha256: r.get(0)?,
            size: r.get::<_, i64>(1)? as u64,
            media_type: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records whether a stored PDF is tagged (migration 0014).
pub(crate) fn set_tagged(conn: &Transaction<'_>, sha256: &str, tagged: bool) -> Result<()> {
    conn.prepare_cached("UPDATE blob SET tagged = ?2 WHERE sha256 = ?1")?
        .execute(params![sha256, tagged])?;
    Ok(())
}

/// The stored PDFs not yet read for whether they are tagged.
pub(crate) fn untold_tagged(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT sha256 FROM blob WHERE tagged IS NULL AND media_type = 'application/pdf'
         ORDER BY sha256",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The files attached to a meeting's papers (any role) that are tagged PDFs.
pub(crate) fn tagged_files(conn: &Connection, meeting: MeetingId) -> Result<TaggedFiles> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT b.sha256 FROM blob b
         JOIN attachment a ON a.sha256 = b.sha256
         JOIN paper p ON p.id = a.paper_id
         JOIN agenda_item i ON i.id = p.item_id
         WHERE i.meeting_id = ?1 AND b.tagged = 1",
    )?;
    let rows = stmt.query_map([meeting.to_string()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
