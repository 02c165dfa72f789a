//! Rows of `risk` and `objective`.

use boardpack_core::check::Check;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use boardpack_core::paper::Objective;
use boardpack_core::risk::Risk;
use boardpack_core::{OrganisationId, RiskId};

use super::{id_col, parse_col};
use crate::error::Result;

const RISK_COLS: &str =
    "id, organisation_id, register, reference, title, current_rating, target_rating, owner, open";

fn risk_from_row(row: &Row<'_>) -> rusqlite::Result<Risk> {
    let register: String = row.get(2)?;
    Ok(Risk {
        id: id_col(row, 0)?,
        organisation_id: id_col(row, 1)?,
        register: parse_col(2, serde_json::from_str(&format!("\"{register}\"")))?,
        reference: row.get(3)?,
        title: row.get(4)?,
        current_rating: row.get(5)?,
        target_rating: row.get(6)?,
        owner: row.get(7)?,
        open: row.get(8)?,
    })
}

pub(crate) fn upsert_risk(conn: &Transaction<'_>, r: &Risk) -> Result<()> {
    r.check()?;
    let register = super::to_json(&r.register).trim_matches('"').to_owned();
    conn.execute(
        "INSERT INTO risk (id, organisation_id, register, reference, title, current_rating,
             target_rating, owner, open)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(id) DO UPDATE SET organisation_id = excluded.organisation_id,
             register = excluded.register, reference = excluded.reference,
             title = excluded.title, current_rating = excluded.current_rating,
             target_rating = excluded.target_rating, owner = excluded.owner, open = excluded.open",
        params![
            r.id.to_string(),
            r.organisation_id.to_string(),
            register,
            r.reference,
            r.title,
            r.current_rating,
            r.target_rating,
            r.owner,
            r.open
        ],
    )?;
    Ok(())
}

/// An organisation's risks (or everyone's), BAF first, by reference.
pub(crate) fn risks(conn: &Connection, org: Option<OrganisationId>) -> Result<Vec<Risk>> {
    let filter = super::owned_by("organisation_id", org.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RISK_COLS} FROM risk WHERE {filter}
         ORDER BY organisation_id, register, reference, id"
    ))?;
    let rows = stmt.query_map([org.map(|o| o.to_string())], risk_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn risk(conn: &Connection, id: RiskId) -> Result<Option<Risk>> {
    Ok(conn
        .query_row(
            &format!("SELECT {RISK_COLS} FROM risk WHERE id = ?1"),
            [id.to_string()],
            risk_from_row,
        )
        .optional()?)
}

pub(crate) fn upsert_objective(conn: &Transaction<'_>, o: &Objective) -> Result<()> {
    o.check()?;
    conn.execute(
        "INSERT INTO objective (id, organisation_id, position, heading, text)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET organisation_id = excluded.organisation_id,
             position = excluded.position, heading = excluded.heading, text = excluded.text",
        params![
            o.id.to_string(),
            o.organisation_id.to_string(),
            o.position,
            o.heading,
            o.text
        ],
    )?;
    Ok(())
}

pub(crate) fn objectives(conn: &Connection, org: Option<OrganisationId>) -> Result<Vec<Objective>> {
    let filter = super::owned_by("organisation_id", org.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, organisation_id, position, heading, text FROM objective
         WHERE {filter} ORDER BY organisation_id, position, id"
    ))?;
    let rows = stmt.query_map([org.map(|o| o.to_string())], |r| {
        Ok(Objective {
            id: id_col(r, 0)?,
            organisation_id: id_col(r, 1)?,
            position: r.get(2)?,
            heading: r.get(3)?,
            text: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn delete_objective(
    conn: &Transaction<'_>,
    id: boardpack_core::ObjectiveId,
) -> Result<()> {
    conn.execute("DELETE FROM objective WHERE id = ?1", [id.to_string()])?;
    Ok(())
}
