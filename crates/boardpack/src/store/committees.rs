//! Rows of `organisation`, `committee`, `person` and `membership`.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use boardpack_core::{
    Committee, CommitteeId, Membership, MembershipId, MinuteRefPattern, Organisation,
    OrganisationId, Person, PersonId, QuorumRule,
};

use super::parse_col;
use crate::error::Result;

fn uuid_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<uuid::Uuid> {
    let text: String = row.get(idx)?;
    parse_col(idx, uuid::Uuid::parse_str(&text))
}

pub(crate) fn organisation_from_row(row: &Row<'_>) -> rusqlite::Result<Organisation> {
    Ok(Organisation {
        id: OrganisationId(uuid_col(row, 0)?),
        name: row.get(1)?,
        short_name: row.get(2)?,
        bulletin_wording: row.get(3)?,
    })
}

pub(crate) fn upsert_organisation(conn: &Transaction<'_>, o: &Organisation) -> Result<()> {
    conn.execute(
        "INSERT INTO organisation (id, name, short_name, bulletin_wording) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
             bulletin_wording = excluded.bulletin_wording",
        params![o.id.to_string(), o.name, o.short_name, o.bulletin_wording],
    )?;
    Ok(())
}

pub(crate) fn organisations(conn: &Connection) -> Result<Vec<Organisation>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, short_name, bulletin_wording FROM organisation ORDER BY name, id",
    )?;
    let rows = stmt.query_map([], organisation_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One organisation, by id.
pub(crate) fn organisation(conn: &Connection, id: OrganisationId) -> Result<Option<Organisation>> {
    Ok(conn
        .query_row(
            "SELECT id, name, short_name, bulletin_wording FROM organisation WHERE id = ?1",
            [id.to_string()],
            organisation_from_row,
        )
        .optional()?)
}

const COMMITTEE_COLS: &str = "id, organisation_id, name, code, minute_ref_pattern, quorum, paper_deadline_days, agenda_verbs, standing_items";

fn committee_from_row(row: &Row<'_>) -> rusqlite::Result<Committee> {
    let pattern: String = row.get(4)?;
    let quorum: String = row.get(5)?;
    Ok(Committee {
        id: CommitteeId(uuid_col(row, 0)?),
        organisation_id: OrganisationId(uuid_col(row, 1)?),
        name: row.get(2)?,
        code: row.get(3)?,
        minute_ref_pattern: parse_col(4, MinuteRefPattern::new(&pattern))?,
        quorum: parse_col(5, serde_json::from_str::<QuorumRule>(&quorum))?,
        paper_deadline_days: row.get(6)?,
        agenda_verbs: row.get(7)?,
        standing_items: super::json_col(row, 8)?,
    })
}

pub(crate) fn upsert_committee(conn: &Transaction<'_>, c: &Committee) -> Result<()> {
    let quorum = serde_json::to_string(&c.quorum)
        .map_err(|e| crate::Error::Conflict(format!("The quorum rule could not be saved: {e}.")))?;
    conn.execute(
        "INSERT INTO committee (id, organisation_id, name, code, minute_ref_pattern, quorum,
             paper_deadline_days, agenda_verbs, standing_items)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(id) DO UPDATE SET organisation_id = excluded.organisation_id,
             name = excluded.name, code = excluded.code,
             minute_ref_pattern = excluded.minute_ref_pattern, quorum = excluded.quorum,
             paper_deadline_days = excluded.paper_deadline_days,
             agenda_verbs = excluded.agenda_verbs, standing_items = excluded.standing_items",
        params![
            c.id.to_string(),
            c.organisation_id.to_string(),
            c.name,
            c.code,
            c.minute_ref_pattern.as_str(),
            quorum,
            c.paper_deadline_days,
            c.agenda_verbs,
            super::to_json(&c.standing_items),
        ],
    )?;
    Ok(())
}

pub(crate) fn committees(conn: &Connection) -> Result<Vec<Committee>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COMMITTEE_COLS} FROM committee ORDER BY name, id"
    ))?;
    let rows = stmt.query_map([], committee_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn committee(conn: &Connection, id: CommitteeId) -> Result<Option<Committee>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COMMITTEE_COLS} FROM committee WHERE id = ?1"),
            [id.to_string()],
            committee_from_row,
        )
        .optional()?)
}

pub(crate) fn committee_by_code(conn: &Connection, code: &str) -> Result<Option<Committee>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COMMITTEE_COLS} FROM committee WHERE code = ?1"),
            [code],
            committee_from_row,
        )
        .optional()?)
}

fn person_from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: PersonId(uuid_col(row, 0)?),
        name: row.get(1)?,
        initials: row.get(2)?,
        organisation: row.get(3)?,
        phone: row.get(4)?,
    })
}

pub(crate) fn upsert_person(conn: &Transaction<'_>, p: &Person) -> Result<()> {
    conn.execute(
        "INSERT INTO person (id, name, initials, organisation, phone) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, initials = excluded.initials,
             organisation = excluded.organisation, phone = excluded.phone",
        params![
            p.id.to_string(),
            p.name,
            p.initials,
            p.organisation,
            p.phone
        ],
    )?;
    Ok(())
}

pub(crate) fn people(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn
        .prepare("SELECT id, name, initials, organisation, phone FROM person ORDER BY name, id")?;
    let rows = stmt.query_map([], person_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn person(conn: &Connection, id: PersonId) -> Result<Option<Person>> {
    Ok(conn
        .query_row(
            "SELECT id, name, initials, organisation, phone FROM person WHERE id = ?1",
            [id.to_string()],
            person_from_row,
        )
        .optional()?)
}

pub(crate) fn person_by_name(
    conn: &Connection,
    name: &str,
    initials: &str,
) -> Result<Option<Person>> {
    Ok(conn
        .query_row(
            "SELECT id, name, initials, organisation, phone FROM person
             WHERE name = ?1 AND initials = ?2 ORDER BY id LIMIT 1",
            [name, initials],
            person_from_row,
        )
        .optional()?)
}

fn membership_from_row(row: &Row<'_>) -> rusqlite::Result<Membership> {
    let kind: String = row.get(3)?;
    Ok(Membership {
        id: MembershipId(uuid_col(row, 0)?),
        committee_id: CommitteeId(uuid_col(row, 1)?),
        person_id: PersonId(uuid_col(row, 2)?),
        kind: parse_col(3, kind.parse())?,
        role: row.get(4)?,
    })
}

pub(crate) fn upsert_membership(conn: &Transaction<'_>, m: &Membership) -> Result<()> {
    conn.execute(
        "INSERT INTO membership (id, committee_id, person_id, kind, role) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET committee_id = excluded.committee_id,
             person_id = excluded.person_id, kind = excluded.kind, role = excluded.role",
        params![
            m.id.to_string(),
            m.committee_id.to_string(),
            m.person_id.to_string(),
            m.kind.as_str(),
            m.role
        ],
    )?;
    Ok(())
}

/// Memberships of one committee, or of all when `committee` is `None`, in seat order
/// (chair first, then by kind and name).
pub(crate) fn memberships(
    conn: &Connection,
    committee: Option<CommitteeId>,
) -> Result<Vec<Membership>> {
    let filter = super::owned_by("m.committee_id", committee.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.committee_id, m.person_id, m.kind, m.role FROM membership m
         JOIN person p ON p.id = m.person_id
         WHERE {filter}
         ORDER BY m.committee_id,
             CASE m.kind WHEN 'chair' THEN 0 WHEN 'executive_director' THEN 1
                 WHEN 'non_executive_director' THEN 2 WHEN 'voting_member' THEN 3
                 WHEN 'in_attendance' THEN 4 ELSE 5 END,
             p.name, m.id"
    ))?;
    let rows = stmt.query_map([committee.map(|c| c.to_string())], membership_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
