//! Rows of `paper` and `attachment`.

use boardpack_core::check::Check;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use boardpack_core::paper::{Attachment, Paper};
use boardpack_core::{AgendaItemId, MeetingId, PaperId};

use super::{id_col, json_col, parse_col, to_json};
use crate::error::Result;

const COLS: &str =
    "p.id, p.item_id, p.position, p.letter_override, p.title, p.authors, p.sponsor, p.cover, p.received_on";

fn paper_from_row(row: &Row<'_>) -> rusqlite::Result<Paper> {
    let received: Option<String> = row.get(8)?;
    Ok(Paper {
        id: id_col(row, 0)?,
        item_id: id_col(row, 1)?,
        position: row.get(2)?,
        letter_override: row.get(3)?,
        title: row.get(4)?,
        authors: row.get(5)?,
        sponsor: row.get(6)?,
        cover: json_col(row, 7)?,
        received_on: received
            .map(|d| parse_col(8, NaiveDate::parse_from_str(&d, "%Y-%m-%d")))
            .transpose()?,
        document: None,
        appendices: Vec::new(),
        history: Vec::new(),
    })
}

/// Writes a paper and replaces its attachment rows.
pub(crate) fn upsert_paper(conn: &Transaction<'_>, p: &Paper) -> Result<()> {
    p.check()?;
    conn.execute(
        "INSERT INTO paper (id, item_id, position, letter_override, title, authors, sponsor,
             cover, received_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(id) DO UPDATE SET item_id = excluded.item_id,
             position = excluded.position, letter_override = excluded.letter_override,
             title = excluded.title, authors = excluded.authors, sponsor = excluded.sponsor,
             cover = excluded.cover, received_on = excluded.received_on",
        params![
            p.id.to_string(),
            p.item_id.to_string(),
            p.position,
            p.letter_override,
            p.title,
            p.authors,
            p.sponsor,
            to_json(&p.cover),
            p.received_on.map(|d| d.format("%Y-%m-%d").to_string()),
        ],
    )?;
    conn.execute(
        "DELETE FROM attachment WHERE paper_id = ?1",
        [p.id.to_string()],
    )?;
    let mut insert = conn.prepare(
        "INSERT INTO attachment (paper_id, role, position, sha256, file_name, title, pages, size)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let rows = p
        .document
        .iter()
        .map(|a| ("document", 0, a))
        .chain(
            p.appendices
                .iter()
                .enumerate()
                .map(|(k, a)| ("appendix", k, a)),
        )
        .chain(p.history.iter().enumerate().map(|(k, a)| ("history", k, a)));
    for (role, position, a) in rows {
        insert.execute(params![
            p.id.to_string(),
            role,
            position as i64,
            a.sha256,
            a.file_name,
            a.title,
            a.pages,
            a.size as i64
        ])?;
    }
    Ok(())
}

fn attach(conn: &Connection, papers: &mut [Paper]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT role, sha256, file_name, title, pages, size FROM attachment
         WHERE paper_id = ?1 ORDER BY role, position",
    )?;
    for p in papers.iter_mut() {
        let rows = stmt.query_map([p.id.to_string()], |r| {
            let role: String = r.get(0)?;
            Ok((
                role,
                Attachment {
                    sha256: r.get(1)?,
                    file_name: r.get(2)?,
                    title: r.get(3)?,
                    pages: r.get(4)?,
                    size: r.get::<_, i64>(5)? as u64,
                },
            ))
        })?;
        for row in rows {
            let (role, a) = row?;
            match role.as_str() {
                "document" => p.document = Some(a),
                "appendix" => p.appendices.push(a),
                _ => p.history.push(a),
            }
        }
    }
    Ok(())
}

/// The papers of a meeting's items, or every paper.
pub(crate) fn papers(conn: &Connection, meeting: Option<MeetingId>) -> Result<Vec<Paper>> {
    let mut out = paper_details(conn, meeting)?;
    attach(conn, &mut out)?;
    Ok(out)
}

/// As [`papers`], without their files: `document`, `appendices` and `history` are empty.
/// Enough to letter and name them.
pub(crate) fn paper_details(conn: &Connection, meeting: Option<MeetingId>) -> Result<Vec<Paper>> {
    let filter = super::owned_by("i.meeting_id", meeting.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM paper p JOIN agenda_item i ON i.id = p.item_id
         WHERE {filter} ORDER BY p.item_id, p.position, p.id"
    ))?;
    let out = stmt
        .query_map([meeting.map(|m| m.to_string())], paper_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

pub(crate) fn paper(conn: &Connection, id: PaperId) -> Result<Option<Paper>> {
    let found = conn
        .query_row(
            &format!("SELECT {COLS} FROM paper p WHERE p.id = ?1"),
            [id.to_string()],
            paper_from_row,
        )
        .optional()?;
    let mut found: Vec<Paper> = found.into_iter().collect();
    attach(conn, &mut found)?;
    Ok(found.pop())
}

pub(crate) fn papers_of_item(conn: &Connection, item: AgendaItemId) -> Result<Vec<Paper>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS} FROM paper p WHERE p.item_id = ?1 ORDER BY p.position, p.id"
    ))?;
    let mut out: Vec<Paper> = stmt
        .query_map([item.to_string()], paper_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    attach(conn, &mut out)?;
    Ok(out)
}

pub(crate) fn delete_paper(conn: &Transaction<'_>, id: PaperId) -> Result<()> {
    conn.execute(
        "DELETE FROM attachment WHERE paper_id = ?1",
        [id.to_string()],
    )?;
    conn.execute("DELETE FROM paper WHERE id = ?1", [id.to_string()])?;
    Ok(())
}
