//! Rows of `paper` and `attachment`. The columns of `paper` are listed once ([`COLUMNS`]),
//! with how a paper gives each value; the statements are made from that list.

use boardpack_core::check::Check;
use chrono::NaiveDate;
use std::sync::LazyLock;

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};
use rusqlite_migration::{HookError, HookResult};

use boardpack_core::paper::{Attachment, CoverSheet, Paper};
use boardpack_core::{AgendaItemId, MeetingId, PaperId};

use super::{id_col, json_col, parse_col, to_json};
use crate::error::Result;

/// The columns of `paper`, each with how a paper gives its value: the one list every
/// statement below is made from. `cover_text` is the cover sheet's search text
/// ([`CoverSheet::search_text`](boardpack_core::paper::CoverSheet::search_text)), derived
/// data that the search index reads (migration 0009) and nothing reads back.
/// A column's name and how a paper gives its value.
type Column = (&'static str, fn(&Paper) -> Value);

const COLUMNS: &[Column] = &[
    ("id", |p| p.id.to_string().into()),
    ("item_id", |p| p.item_id.to_string().into()),
    ("position", |p| p.position.into()),
    ("letter_override", |p| p.letter_override.clone().into()),
    ("title", |p| p.title.clone().into()),
    ("authors", |p| p.authors.clone().into()),
    ("sponsor", |p| p.sponsor.clone().into()),
    ("cover", |p| to_json(&p.cover).into()),
    ("received_on", |p| {
        p.received_on
            .map(|d| d.format("%Y-%m-%d").to_string())
            .into()
    }),
    ("cover_text", |p| p.cover.search_text().into()),
];

/// `p.id, p.item_id, …`: what the queries select (every column but the derived one).
static SELECT: LazyLock<String> = LazyLock::new(|| {
    COLUMNS
        .iter()
        .filter(|(c, _)| *c != "cover_text")
        .map(|(c, _)| format!("p.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
});

/// Inserts a paper, or updates every column of the one with its id.
static UPSERT: LazyLock<String> = LazyLock::new(|| {
    let names: Vec<&str> = COLUMNS.iter().map(|(c, _)| *c).collect();
    let slots: Vec<String> = (1..=names.len()).map(|k| format!("?{k}")).collect();
    let updates: Vec<String> = names
        .iter()
        .filter(|c| **c != "id")
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    format!(
        "INSERT INTO paper ({}) VALUES ({}) ON CONFLICT(id) DO UPDATE SET {}",
        names.join(", "),
        slots.join(", "),
        updates.join(", ")
    )
});

/// Reads a paper selected with [`SELECT`], its columns found by name.
fn paper_from_row(row: &Row<'_>) -> rusqlite::Result<Paper> {
    let at = |name: &str| row.as_ref().column_index(name);
    let received_at = at("received_on")?;
    let received: Option<String> = row.get(received_at)?;
    Ok(Paper {
        id: id_col(row, at("id")?)?,
        item_id: id_col(row, at("item_id")?)?,
        position: row.get(at("position")?)?,
        letter_override: row.get(at("letter_override")?)?,
        title: row.get(at("title")?)?,
        authors: row.get(at("authors")?)?,
        sponsor: row.get(at("sponsor")?)?,
        cover: json_col(row, at("cover")?)?,
        received_on: received
            .map(|d| parse_col(received_at, NaiveDate::parse_from_str(&d, "%Y-%m-%d")))
            .transpose()?,
        document: None,
        appendices: Vec::new(),
        history: Vec::new(),
    })
}

/// Writes a paper (its cover sheet's search text with it) and replaces its attachment rows.
pub(crate) fn upsert_paper(conn: &Transaction<'_>, p: &Paper) -> Result<()> {
    p.check()?;
    conn.prepare_cached(&UPSERT)?
        .execute(params_from_iter(COLUMNS.iter().map(|(_, value)| value(p))))?;
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
        "SELECT {} FROM paper p JOIN agenda_item i ON i.id = p.item_id
         WHERE {filter} ORDER BY p.item_id, p.position, p.id",
        *SELECT
    ))?;
    let out = stmt
        .query_map([meeting.map(|m| m.to_string())], paper_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

pub(crate) fn paper(conn: &Connection, id: PaperId) -> Result<Option<Paper>> {
    let found = conn
        .query_row(
            &format!("SELECT {} FROM paper p WHERE p.id = ?1", *SELECT),
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
        "SELECT {} FROM paper p WHERE p.item_id = ?1 ORDER BY p.position, p.id",
        *SELECT
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

/// The data step of migration 0009: the search text of every cover sheet already stored,
/// computed by the domain and written beside it, inside the migration's transaction.
pub(crate) fn fill_cover_text(tx: &Transaction<'_>) -> HookResult {
    let covers: Vec<(String, String)> = tx
        .prepare("SELECT id, cover FROM paper")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut write = tx.prepare("UPDATE paper SET cover_text = ?2 WHERE id = ?1")?;
    for (id, json) in covers {
        let cover: CoverSheet = serde_json::from_str(&json).map_err(|e| {
            HookError::Hook(format!(
                "the cover sheet of paper {id} cannot be read ({e})"
            ))
        })?;
        let text = cover.search_text();
        if !text.is_empty() {
            write.execute(params![id, text])?;
        }
    }
    Ok(())
}
