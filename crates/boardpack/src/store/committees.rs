//! Rows of `organisation`, `committee`, `person`, `membership` and `nil_return`.

use boardpack_core::check::Check;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use boardpack_core::interests::NilReturn;
use boardpack_core::timetable::{HolidayRegion, TimetableRules};
use boardpack_core::{
    Committee, CommitteeId, Logo, Membership, MembershipId, MinuteRefPattern, Organisation,
    OrganisationId, Person, PersonId, QuorumRule,
};

use super::parse_col;
use super::room::date_col;

fn ymd(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}
use crate::error::Result;

fn uuid_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<uuid::Uuid> {
    let text: String = row.get(idx)?;
    parse_col(idx, uuid::Uuid::parse_str(&text))
}

const ORGANISATION_COLS: &str = "id, name, short_name, bulletin_wording, language, logo_sha256, logo_media_type, logo_width, logo_height, confidential_marking, holiday_region";

pub(crate) fn organisation_from_row(row: &Row<'_>) -> rusqlite::Result<Organisation> {
    let logo: Option<String> = row.get(5)?;
    Ok(Organisation {
        id: OrganisationId(uuid_col(row, 0)?),
        name: row.get(1)?,
        short_name: row.get(2)?,
        bulletin_wording: row.get(3)?,
        confidential_marking: row.get(9)?,
        holiday_region: {
            let region: String = row.get(10)?;
            parse_col(10, region.parse::<HolidayRegion>())?
        },
        language: row.get(4)?,
        logo: match logo {
            Some(sha256) => Some(Logo {
                sha256,
                media_type: row.get(6)?,
                width: row.get(7)?,
                height: row.get(8)?,
            }),
            None => None,
        },
    })
}

/// Saves an organisation. Its logo's blob must be in the `blob` table already.
pub(crate) fn upsert_organisation(conn: &Transaction<'_>, o: &Organisation) -> Result<()> {
    o.check()?;
    let logo = o.logo.as_ref();
    conn.execute(
        "INSERT INTO organisation (id, name, short_name, bulletin_wording, language, logo_sha256,
             logo_media_type, logo_width, logo_height, confidential_marking, holiday_region)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
             bulletin_wording = excluded.bulletin_wording, language = excluded.language,
             logo_sha256 = excluded.logo_sha256, logo_media_type = excluded.logo_media_type,
             logo_width = excluded.logo_width, logo_height = excluded.logo_height,
             confidential_marking = excluded.confidential_marking,
             holiday_region = excluded.holiday_region",
        params![
            o.id.to_string(),
            o.name,
            o.short_name,
            o.bulletin_wording,
            o.language,
            logo.map(|l| l.sha256.as_str()),
            logo.map_or("", |l| l.media_type.as_str()),
            logo.map_or(0, |l| l.width),
            logo.map_or(0, |l| l.height),
            o.confidential_marking,
            o.holiday_region.as_str(),
        ],
    )?;
    Ok(())
}

pub(crate) fn organisations(conn: &Connection) -> Result<Vec<Organisation>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ORGANISATION_COLS} FROM organisation ORDER BY name, id"
    ))?;
    let rows = stmt.query_map([], organisation_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One organisation, by id.
pub(crate) fn organisation(conn: &Connection, id: OrganisationId) -> Result<Option<Organisation>> {
    Ok(conn
        .query_row(
            &format!("SELECT {ORGANISATION_COLS} FROM organisation WHERE id = ?1"),
            [id.to_string()],
            organisation_from_row,
        )
        .optional()?)
}

const COMMITTEE_COLS: &str = "id, organisation_id, name, code, minute_ref_pattern, quorum, paper_deadline_days, agenda_verbs, standing_items, pack_issue_days, numbering, retired_on, minutes_due_days";

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
        pack_issue_days: row.get(9)?,
        numbering: super::json_col(row, 10)?,
        retired_on: date_col(row, 11)?,
        minutes_due_days: row.get(12)?,
    })
}

pub(crate) fn upsert_committee(conn: &Transaction<'_>, c: &Committee) -> Result<()> {
    c.check()?;
    let quorum = serde_json::to_string(&c.quorum)
        .map_err(|e| crate::Error::Conflict(format!("The quorum rule could not be saved: {e}.")))?;
    conn.execute(
        "INSERT INTO committee (id, organisation_id, name, code, minute_ref_pattern, quorum,
             paper_deadline_days, agenda_verbs, standing_items, pack_issue_days, numbering,
             retired_on, minutes_due_days)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT(id) DO UPDATE SET organisation_id = excluded.organisation_id,
             name = excluded.name, code = excluded.code,
             minute_ref_pattern = excluded.minute_ref_pattern, quorum = excluded.quorum,
             paper_deadline_days = excluded.paper_deadline_days,
             agenda_verbs = excluded.agenda_verbs, standing_items = excluded.standing_items,
             pack_issue_days = excluded.pack_issue_days, numbering = excluded.numbering,
             retired_on = excluded.retired_on, minutes_due_days = excluded.minutes_due_days",
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
            c.pack_issue_days,
            super::to_json(&c.numbering),
            ymd(c.retired_on),
            c.minutes_due_days,
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
        email: row.get(5)?,
    })
}

pub(crate) fn upsert_person(conn: &Transaction<'_>, p: &Person) -> Result<()> {
    p.check()?;
    conn.execute(
        "INSERT INTO person (id, name, initials, organisation, phone, email)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, initials = excluded.initials,
             organisation = excluded.organisation, phone = excluded.phone,
             email = excluded.email",
        params![
            p.id.to_string(),
            p.name,
            p.initials,
            p.organisation,
            p.phone,
            p.email
        ],
    )?;
    Ok(())
}

pub(crate) fn people(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, initials, organisation, phone, email FROM person ORDER BY name, id",
    )?;
    let rows = stmt.query_map([], person_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn person(conn: &Connection, id: PersonId) -> Result<Option<Person>> {
    Ok(conn
        .query_row(
            "SELECT id, name, initials, organisation, phone, email FROM person WHERE id = ?1",
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
            "SELECT id, name, initials, organisation, phone, email FROM person
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
        voting: row.get(5)?,
        position: row.get(6)?,
        from: date_col(row, 7)?,
        to: date_col(row, 8)?,
    })
}

pub(crate) fn upsert_membership(conn: &Transaction<'_>, m: &Membership) -> Result<()> {
    m.check()?;
    conn.execute(
        "INSERT INTO membership (id, committee_id, person_id, kind, role, voting, position,
             from_date, to_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(id) DO UPDATE SET committee_id = excluded.committee_id,
             person_id = excluded.person_id, kind = excluded.kind, role = excluded.role,
             voting = excluded.voting, position = excluded.position,
             from_date = excluded.from_date, to_date = excluded.to_date",
        params![
            m.id.to_string(),
            m.committee_id.to_string(),
            m.person_id.to_string(),
            m.kind.as_str(),
            m.role,
            m.voting,
            m.position,
            ymd(m.from),
            ymd(m.to),
        ],
    )?;
    Ok(())
}

/// Memberships of one committee, or of all when `committee` is `None`, in the committee's
/// own order (the one the secretary sets; ties by kind and name).
pub(crate) fn memberships(
    conn: &Connection,
    committee: Option<CommitteeId>,
) -> Result<Vec<Membership>> {
    let filter = super::owned_by("m.committee_id", committee.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.committee_id, m.person_id, m.kind, m.role, m.voting, m.position,
             m.from_date, m.to_date FROM membership m
         JOIN person p ON p.id = m.person_id
         WHERE {filter}
         ORDER BY m.committee_id, m.position,
             CASE m.kind WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1
                 WHEN 'executive_director' THEN 2 WHEN 'non_executive_director' THEN 3
                 WHEN 'associate' THEN 4 WHEN 'voting_member' THEN 5
                 WHEN 'in_attendance' THEN 6 ELSE 7 END,
             p.name, m.id"
    ))?;
    let rows = stmt.query_map([committee.map(|c| c.to_string())], membership_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One membership, by id.
pub(crate) fn membership(conn: &Connection, id: MembershipId) -> Result<Option<Membership>> {
    Ok(conn
        .query_row(
            "SELECT id, committee_id, person_id, kind, role, voting, position, from_date, to_date
             FROM membership WHERE id = ?1",
            [id.to_string()],
            membership_from_row,
        )
        .optional()?)
}

/// Sets the places of a committee's memberships in one go: `order[k]` gets position k.
pub(crate) fn set_positions(conn: &Transaction<'_>, order: &[MembershipId]) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE membership SET position = ?2 WHERE id = ?1")?;
    for (k, id) in order.iter().enumerate() {
        stmt.execute(params![id.to_string(), k as i64])?;
    }
    Ok(())
}

pub(crate) fn upsert_nil_return(conn: &Transaction<'_>, n: &NilReturn) -> Result<()> {
    conn.execute(
        "INSERT INTO nil_return (person_id, year, declared_on) VALUES (?1, ?2, ?3)
         ON CONFLICT(person_id, year) DO UPDATE SET declared_on = excluded.declared_on",
        params![
            n.person_id.to_string(),
            n.year,
            n.declared_on.format("%Y-%m-%d").to_string()
        ],
    )?;
    Ok(())
}

pub(crate) fn delete_nil_return(conn: &Transaction<'_>, person: PersonId, year: i32) -> Result<()> {
    conn.execute(
        "DELETE FROM nil_return WHERE person_id = ?1 AND year = ?2",
        params![person.to_string(), year],
    )?;
    Ok(())
}

/// Nil returns of one person, or of everyone when `person` is `None`.
pub(crate) fn nil_returns(conn: &Connection, person: Option<PersonId>) -> Result<Vec<NilReturn>> {
    let filter = super::owned_by("person_id", person.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT person_id, year, declared_on FROM nil_return WHERE {filter}
         ORDER BY person_id, year"
    ))?;
    let rows = stmt.query_map([person.map(|p| p.to_string())], |r| {
        Ok(NilReturn {
            person_id: super::id_col(r, 0)?,
            year: r.get(1)?,
            declared_on: date_col(r, 2)?.ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(
                    2,
                    rusqlite::types::Type::Null,
                    "a nil return without its date".into(),
                )
            })?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Migration 13's data step: each committee's paper deadline and pack issue, set in
/// calendar days before, turned into working days and clear days
/// ([`TimetableRules::from_calendar_days`]), so its deadlines fall about where they did.
pub(crate) fn timetable_in_working_days(tx: &Transaction<'_>) -> rusqlite_migration::HookResult {
    let rows: Vec<(String, u32, u32)> = tx
        .prepare("SELECT id, paper_deadline_days, pack_issue_days FROM committee")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut write = tx.prepare(
        "UPDATE committee SET paper_deadline_days = ?2, pack_issue_days = ?3 WHERE id = ?1",
    )?;
    for (id, papers, issue) in rows {
        let (papers, issue) = TimetableRules::from_calendar_days(papers, issue);
        write.execute(params![id, papers, issue])?;
    }
    Ok(())
}
