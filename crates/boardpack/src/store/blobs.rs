//! Rows of `blob`: the index of what the content-addressed blob store holds.

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
