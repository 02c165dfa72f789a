//! Rows of `search_entry` and queries of `search_fts` (schema in
//! `migrations/0007_search.sql`). Records' rows are kept current by triggers; this module
//! writes only the extracted text of attached files and runs the search itself.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use boardpack_core::{AgendaItemId, MeetingId, PaperId};

use super::{id_col, parse_col};
use crate::error::Result;

/// Marks around a matched word in a snippet: control characters, which neither records
/// nor extracted text contain (extraction drops them).
pub(crate) const MATCH_START: char = '\u{2}';
pub(crate) const MATCH_END: char = '\u{3}';

/// What was found, with the ids that place it; the use case adds names and numbers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// meeting, item, paper, minute, action, or `document` (a file's text).
    pub kind: String,
    /// bm25: lower is better.
    pub score: f64,
    /// The best few words, matches between [`MATCH_START`] and [`MATCH_END`].
    pub snippet: String,
    pub meeting_id: MeetingId,
    pub item_id: Option<AgendaItemId>,
    pub paper_id: Option<PaperId>,
    /// For a document: the attachment's role (`document` or `appendix`), title, file name.
    pub attachment: Option<(String, String, String)>,
}

/// The best `limit` entries matching `expression` (FTS5 syntax, already made safe), placed
/// in their meetings. A file attached to several papers gives a hit for each; a file that
/// is no longer attached (a replaced document) gives none.
pub(crate) fn search(conn: &Connection, expression: &str, limit: usize) -> Result<Vec<Found>> {
    // The FTS query is ranked and cut first (FTS5 sorts by rank itself and the snippet is
    // made only for the rows kept), then each entry is placed by joins on primary keys,
    // the kept rows first (CROSS JOIN: the planner would otherwise scan every attachment).
    let mut stmt = conn.prepare_cached(
        "WITH top AS MATERIALIZED (
             SELECT e.kind, e.ref, search_fts.rank AS score,
                    snippet(search_fts, -1, char(2), char(3), '…', 16) AS snip
             FROM search_fts JOIN search_entry e ON e.id = search_fts.rowid
             WHERE search_fts MATCH ?1
             ORDER BY search_fts.rank
             LIMIT ?2
         )
         SELECT 'meeting', t.score, t.snip, t.ref, NULL, NULL, NULL, NULL, NULL
             FROM top t WHERE t.kind = 'meeting'
         UNION ALL
         SELECT t.kind, t.score, t.snip, i.meeting_id, i.id, NULL, NULL, NULL, NULL
             FROM top t CROSS JOIN agenda_item i ON i.id = t.ref WHERE t.kind IN ('item', 'minute')
         UNION ALL
         SELECT 'paper', t.score, t.snip, i.meeting_id, i.id, p.id, NULL, NULL, NULL
             FROM top t CROSS JOIN paper p ON p.id = t.ref JOIN agenda_item i ON i.id = p.item_id
             WHERE t.kind = 'paper'
         UNION ALL
         SELECT 'action', t.score, t.snip, i.meeting_id, i.id, NULL, NULL, NULL, NULL
             FROM top t CROSS JOIN action a ON a.id = t.ref JOIN agenda_item i ON i.id = a.item_id
             WHERE t.kind = 'action'
         UNION ALL
         SELECT 'document', t.score, t.snip, i.meeting_id, i.id, p.id, f.role, f.title,
                f.file_name
             FROM top t
             CROSS JOIN attachment f ON f.sha256 = t.ref AND f.role IN ('document', 'appendix')
             JOIN paper p ON p.id = f.paper_id JOIN agenda_item i ON i.id = p.item_id
             WHERE t.kind = 'file'",
    )?;
    let rows = stmt.query_map(params![expression, limit as i64], |r| {
        let item: Option<String> = r.get(4)?;
        let paper: Option<String> = r.get(5)?;
        let role: Option<String> = r.get(6)?;
        Ok(Found {
            kind: r.get(0)?,
            score: r.get(1)?,
            snippet: r.get(2)?,
            meeting_id: id_col(r, 3)?,
            item_id: item.map(|i| parse_col(4, i.parse())).transpose()?,
            paper_id: paper.map(|p| parse_col(5, p.parse())).transpose()?,
            attachment: match role {
                Some(role) => Some((role, r.get(7)?, r.get(8)?)),
                None => None,
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether the text of the file with this SHA-256 has been extracted already.
pub(crate) fn has_file_text(conn: &Connection, sha256: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM search_entry WHERE kind = 'file' AND ref = ?1",
            [sha256],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Keeps the text extracted from a file (empty when it had none to read). A file's text is
/// written once: a second writer of the same file changes nothing.
pub(crate) fn put_file_text(conn: &Transaction<'_>, sha256: &str, text: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO search_entry (kind, ref, title, body) VALUES ('file', ?1, '', ?2)
         ON CONFLICT (kind, ref) DO NOTHING",
        params![sha256, text],
    )?;
    Ok(())
}

/// The files attached to papers (as a document or an appendix) whose text has not been
/// extracted yet: those of a database upgraded to search, or just imported.
pub(crate) fn files_without_text(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT f.sha256 FROM attachment f
         WHERE f.role IN ('document', 'appendix')
           AND NOT EXISTS (SELECT 1 FROM search_entry e WHERE e.kind = 'file' AND e.ref = f.sha256)
         ORDER BY f.sha256",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
