//! Rows of `attendance`, `attendee`, `meeting_closed`, `interest`, `declaration`, `minute`
//! and `action`.

use boardpack_core::check::Check;
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use boardpack_core::attendance::{Attendee, MemberAttendance};
use boardpack_core::interests::{Declaration, Interest};
use boardpack_core::minutes::{Action, MeetingClosed, Minute};
use boardpack_core::{AgendaItemId, MeetingId, PersonId};

use super::{id_col, json_col, parse_col, to_json};
use crate::error::Result;

/// A snake_case enum as its text.
pub(crate) fn word<T: serde::Serialize>(v: &T) -> String {
    to_json(v).trim_matches('"').to_owned()
}

pub(crate) fn from_word<T: serde::de::DeserializeOwned>(
    row: &Row<'_>,
    idx: usize,
) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse_col(idx, serde_json::from_str(&format!("\"{text}\"")))
}

fn time_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveTime>> {
    let t: Option<String> = row.get(idx)?;
    t.map(|t| parse_col(idx, NaiveTime::parse_from_str(&t, "%H:%M")))
        .transpose()
}

pub(crate) fn date_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let t: Option<String> = row.get(idx)?;
    t.map(|t| parse_col(idx, NaiveDate::parse_from_str(&t, "%Y-%m-%d")))
        .transpose()
}

fn hhmm(t: Option<NaiveTime>) -> Option<String> {
    t.map(|t| t.format("%H:%M").to_string())
}

fn ymd(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

pub(crate) fn upsert_attendance(conn: &Transaction<'_>, a: &MemberAttendance) -> Result<()> {
    a.check()?;
    conn.execute(
        "INSERT INTO attendance (meeting_id, person_id, presence, deputy, arrived, left_at, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(meeting_id, person_id) DO UPDATE SET presence = excluded.presence,
             deputy = excluded.deputy, arrived = excluded.arrived, left_at = excluded.left_at,
             note = excluded.note",
        params![
            a.meeting_id.to_string(),
            a.person_id.to_string(),
            word(&a.presence),
            a.deputy,
            hhmm(a.arrived),
            hhmm(a.left),
            a.note
        ],
    )?;
    Ok(())
}

pub(crate) fn attendance(
    conn: &Connection,
    meeting: Option<MeetingId>,
) -> Result<Vec<MemberAttendance>> {
    let filter = super::owned_by("meeting_id", meeting.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT meeting_id, person_id, presence, deputy, arrived, left_at, note FROM attendance
         WHERE {filter} ORDER BY meeting_id, person_id"
    ))?;
    let rows = stmt.query_map([meeting.map(|m| m.to_string())], |r| {
        Ok(MemberAttendance {
            meeting_id: id_col(r, 0)?,
            person_id: id_col(r, 1)?,
            presence: from_word(r, 2)?,
            deputy: r.get(3)?,
            arrived: time_col(r, 4)?,
            left: time_col(r, 5)?,
            note: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn upsert_attendee(conn: &Transaction<'_>, a: &Attendee) -> Result<()> {
    a.check()?;
    conn.execute(
        "INSERT INTO attendee (id, meeting_id, name, role, note, items, minute_taker, initials)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(id) DO UPDATE SET meeting_id = excluded.meeting_id, name = excluded.name,
             role = excluded.role, note = excluded.note, items = excluded.items,
             minute_taker = excluded.minute_taker, initials = excluded.initials",
        params![
            a.id.to_string(),
            a.meeting_id.to_string(),
            a.name,
            a.role,
            a.note,
            to_json(&a.items),
            a.minute_taker,
            a.initials
        ],
    )?;
    Ok(())
}

/// Those in attendance, in the order they were recorded (ids are UUID v7), the
/// minute-taker last.
pub(crate) fn attendees(conn: &Connection, meeting: Option<MeetingId>) -> Result<Vec<Attendee>> {
    let filter = super::owned_by("meeting_id", meeting.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, meeting_id, name, role, note, items, minute_taker, initials FROM attendee
         WHERE {filter} ORDER BY meeting_id, minute_taker, id"
    ))?;
    let rows = stmt.query_map([meeting.map(|m| m.to_string())], |r| {
        Ok(Attendee {
            id: id_col(r, 0)?,
            meeting_id: id_col(r, 1)?,
            initials: r.get(7)?,
            name: r.get(2)?,
            role: r.get(3)?,
            note: r.get(4)?,
            items: json_col(r, 5)?,
            minute_taker: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records when a meeting closed, or (`None`) forgets it.
pub(crate) fn set_closed(
    conn: &Transaction<'_>,
    meeting: MeetingId,
    at: Option<NaiveTime>,
) -> Result<()> {
    match at {
        Some(at) => conn.execute(
            "INSERT INTO meeting_closed (meeting_id, closed_at) VALUES (?1, ?2)
             ON CONFLICT(meeting_id) DO UPDATE SET closed_at = excluded.closed_at",
            params![meeting.to_string(), hhmm(Some(at))],
        )?,
        None => conn.execute(
            "DELETE FROM meeting_closed WHERE meeting_id = ?1",
            [meeting.to_string()],
        )?,
    };
    Ok(())
}

/// When meetings closed (one meeting's, or all).
pub(crate) fn closings(
    conn: &Connection,
    meeting: Option<MeetingId>,
) -> Result<Vec<MeetingClosed>> {
    let filter = super::owned_by("meeting_id", meeting.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT meeting_id, closed_at FROM meeting_closed WHERE {filter} ORDER BY meeting_id"
    ))?;
    let rows = stmt.query_map([meeting.map(|m| m.to_string())], |r| {
        Ok(MeetingClosed {
            meeting_id: id_col(r, 0)?,
            at: parse_col(
                1,
                NaiveTime::parse_from_str(&r.get::<_, String>(1)?, "%H:%M"),
            )?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The meeting an attendee attended, when the attendee exists.
pub(crate) fn attendee_meeting(
    conn: &Connection,
    id: boardpack_core::AttendeeId,
) -> Result<Option<MeetingId>> {
    Ok(conn
        .query_row(
            "SELECT meeting_id FROM attendee WHERE id = ?1",
            [id.to_string()],
            |r| id_col(r, 0),
        )
        .optional()?)
}

/// The item a declaration was made at, when the declaration exists.
pub(crate) fn declaration_item(
    conn: &Connection,
    id: boardpack_core::DeclarationId,
) -> Result<Option<AgendaItemId>> {
    Ok(conn
        .query_row(
            "SELECT item_id FROM declaration WHERE id = ?1",
            [id.to_string()],
            |r| id_col(r, 0),
        )
        .optional()?)
}

pub(crate) fn delete_attendee(
    conn: &Transaction<'_>,
    id: boardpack_core::AttendeeId,
) -> Result<()> {
    conn.execute("DELETE FROM attendee WHERE id = ?1", [id.to_string()])?;
    Ok(())
}

pub(crate) fn upsert_interest(conn: &Transaction<'_>, i: &Interest) -> Result<()> {
    i.check()?;
    conn.execute(
        "INSERT INTO interest (id, person_id, category, description, organisation, keywords, from_date, to_date, declared_on, action)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT(id) DO UPDATE SET person_id = excluded.person_id, category = excluded.category,
             description = excluded.description, organisation = excluded.organisation,
             keywords = excluded.keywords, from_date = excluded.from_date, to_date = excluded.to_date,
             declared_on = excluded.declared_on, action = excluded.action",
        params![i.id.to_string(), i.person_id.to_string(), word(&i.category), i.description, i.organisation, to_json(&i.keywords), ymd(i.from), ymd(i.to), ymd(i.declared_on), i.action],
    )?;
    Ok(())
}

const INTEREST_COLS: &str = "id, person_id, category, description, organisation, keywords, from_date, to_date, declared_on, action";

fn interest_from_row(r: &Row<'_>) -> rusqlite::Result<Interest> {
    Ok(Interest {
        id: id_col(r, 0)?,
        person_id: id_col(r, 1)?,
        category: from_word(r, 2)?,
        description: r.get(3)?,
        organisation: r.get(4)?,
        keywords: json_col(r, 5)?,
        from: date_col(r, 6)?,
        to: date_col(r, 7)?,
        declared_on: date_col(r, 8)?,
        action: r.get(9)?,
    })
}

/// One entry on the register, by id.
pub(crate) fn interest(
    conn: &Connection,
    id: boardpack_core::InterestId,
) -> Result<Option<Interest>> {
    Ok(conn
        .query_row(
            &format!("SELECT {INTEREST_COLS} FROM interest WHERE id = ?1"),
            [id.to_string()],
            interest_from_row,
        )
        .optional()?)
}

/// Whether a declaration at a meeting names the interest.
pub(crate) fn interest_declared(conn: &Connection, id: boardpack_core::InterestId) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM declaration WHERE interest_id = ?1 LIMIT 1",
            [id.to_string()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub(crate) fn delete_interest(
    conn: &Transaction<'_>,
    id: boardpack_core::InterestId,
) -> Result<()> {
    conn.execute("DELETE FROM interest WHERE id = ?1", [id.to_string()])?;
    Ok(())
}

pub(crate) fn interests(conn: &Connection, person: Option<PersonId>) -> Result<Vec<Interest>> {
    let filter = super::owned_by("person_id", person.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {INTEREST_COLS} FROM interest WHERE {filter} ORDER BY person_id, category, id"
    ))?;
    let rows = stmt.query_map([person.map(|p| p.to_string())], interest_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn upsert_declaration(conn: &Transaction<'_>, d: &Declaration) -> Result<()> {
    d.check()?;
    conn.execute(
        "INSERT INTO declaration (id, item_id, person_id, interest_id, text, action)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(id) DO UPDATE SET item_id = excluded.item_id, person_id = excluded.person_id,
             interest_id = excluded.interest_id, text = excluded.text, action = excluded.action",
        params![
            d.id.to_string(),
            d.item_id.to_string(),
            d.person_id.to_string(),
            d.interest_id.map(|i| i.to_string()),
            d.text,
            word(&d.action)
        ],
    )?;
    Ok(())
}

pub(crate) fn declarations(
    conn: &Connection,
    meeting: Option<MeetingId>,
) -> Result<Vec<Declaration>> {
    let filter = super::owned_by("i.meeting_id", meeting.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT d.id, d.item_id, d.person_id, d.interest_id, d.text, d.action FROM declaration d
         JOIN agenda_item i ON i.id = d.item_id
         WHERE {filter} ORDER BY d.item_id, d.id"
    ))?;
    let rows = stmt.query_map([meeting.map(|m| m.to_string())], |r| {
        let interest: Option<String> = r.get(3)?;
        Ok(Declaration {
            id: id_col(r, 0)?,
            item_id: id_col(r, 1)?,
            person_id: id_col(r, 2)?,
            interest_id: interest.map(|i| parse_col(3, i.parse())).transpose()?,
            text: r.get(4)?,
            action: from_word(r, 5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn delete_declaration(
    conn: &Transaction<'_>,
    id: boardpack_core::DeclarationId,
) -> Result<()> {
    conn.execute("DELETE FROM declaration WHERE id = ?1", [id.to_string()])?;
    Ok(())
}

/// Saves a minute and its actions (each with the status it carries); actions no longer in
/// the minute are removed (the use case refuses when one has history).
pub(crate) fn upsert_minute(conn: &Transaction<'_>, m: &Minute) -> Result<()> {
    m.check()?;
    conn.execute(
        "INSERT INTO minute (item_id, discussion, outcome, amendments, resolutions)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(item_id) DO UPDATE SET discussion = excluded.discussion,
             outcome = excluded.outcome, amendments = excluded.amendments,
             resolutions = excluded.resolutions",
        params![
            m.item_id.to_string(),
            m.discussion,
            m.outcome.map(|o| word(&o)),
            m.amendments,
            to_json(&m.resolutions)
        ],
    )?;
    let keep: Vec<String> = m.actions.iter().map(|a| a.id.to_string()).collect();
    conn.execute(
        "DELETE FROM action WHERE item_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))",
        params![m.item_id.to_string(), to_json(&keep)],
    )?;
    for (k, a) in m.actions.iter().enumerate() {
        conn.execute(
            "INSERT INTO action (id, item_id, position, text, lead, due, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(id) DO UPDATE SET item_id = excluded.item_id,
                 position = excluded.position, text = excluded.text, lead = excluded.lead,
                 due = excluded.due, status = excluded.status",
            params![
                a.id.to_string(),
                m.item_id.to_string(),
                k as i64,
                a.text,
                a.lead,
                ymd(a.due),
                word(&a.status)
            ],
        )?;
    }
    Ok(())
}

fn actions_of(conn: &Connection, item: AgendaItemId) -> Result<Vec<Action>> {
    let mut stmt = conn.prepare(
        "SELECT id, text, lead, due, status FROM action WHERE item_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt.query_map([item.to_string()], |r| {
        Ok(Action {
            id: id_col(r, 0)?,
            text: r.get(1)?,
            lead: r.get(2)?,
            due: date_col(r, 3)?,
            status: from_word(r, 4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn minute(conn: &Connection, item: AgendaItemId) -> Result<Option<Minute>> {
    let found = conn
        .query_row(
            "SELECT item_id, discussion, outcome, amendments, resolutions FROM minute WHERE item_id = ?1",
            [item.to_string()],
            |r| {
                let outcome: Option<String> = r.get(2)?;
                Ok(Minute {
                    item_id: id_col(r, 0)?,
                    discussion: r.get(1)?,
                    outcome: outcome.map(|o| parse_col(2, serde_json::from_str(&format!("\"{o}\"")))).transpose()?,
                    amendments: r.get(3)?,
                    resolutions: json_col(r, 4)?,
                    actions: Vec::new(),
                })
            },
        )
        .optional()?;
    match found {
        Some(mut m) => {
            m.actions = actions_of(conn, item)?;
            Ok(Some(m))
        }
        None => Ok(None),
    }
}

/// The minutes of a meeting's items (or every minute), with their actions.
pub(crate) fn minutes(conn: &Connection, meeting: Option<MeetingId>) -> Result<Vec<Minute>> {
    let filter = super::owned_by("i.meeting_id", meeting.is_some());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.item_id FROM minute m JOIN agenda_item i ON i.id = m.item_id
         WHERE {filter} ORDER BY m.item_id"
    ))?;
    let ids: Vec<AgendaItemId> = stmt
        .query_map([meeting.map(|m| m.to_string())], |r| id_col(r, 0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for id in ids {
        if let Some(m) = minute(conn, id)? {
            out.push(m);
        }
    }
    Ok(out)
}

/// What the minutes hold about one item, and what refers to it: whether deleting the item
/// loses anything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ItemRecords {
    /// A minute with any text, outcome or resolution.
    pub minute: bool,
    pub actions: usize,
    /// Actions with updates on the action log.
    pub actions_with_updates: usize,
    pub declarations: usize,
    /// Kept versions of minutes that this item approved.
    pub approvals: usize,
}

impl ItemRecords {
    pub fn add(&mut self, other: &ItemRecords) {
        self.minute |= other.minute;
        self.actions += other.actions;
        self.actions_with_updates += other.actions_with_updates;
        self.declarations += other.declarations;
        self.approvals += other.approvals;
    }

    /// Whether there are minutes to lose: a minute, actions or declarations.
    pub fn has_minutes(&self) -> bool {
        self.minute || self.actions > 0 || self.declarations > 0
    }

    /// "its minutes, 2 actions and 1 declaration of interest", for a sentence.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.minute {
            parts.push("its minutes".to_owned());
        }
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        if self.actions > 0 {
            parts.push(plural(self.actions, "action", "actions"));
        }
        if self.declarations > 0 {
            parts.push(plural(
                self.declarations,
                "declaration of interest",
                "declarations of interest",
            ));
        }
        match parts.as_slice() {
            [rest @ .., last] if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => parts.concat(),
        }
    }
}

/// [`ItemRecords`] of one item.
pub(crate) fn item_records(conn: &Connection, item: AgendaItemId) -> Result<ItemRecords> {
    Ok(conn.query_row(
        "SELECT
             EXISTS (SELECT 1 FROM minute m WHERE m.item_id = ?1
                     AND (m.discussion <> '' OR m.outcome IS NOT NULL OR m.amendments <> ''
                          OR m.resolutions <> '[]')),
             (SELECT count(*) FROM action a WHERE a.item_id = ?1),
             (SELECT count(*) FROM action a WHERE a.item_id = ?1
                  AND EXISTS (SELECT 1 FROM action_update u WHERE u.action_id = a.id)),
             (SELECT count(*) FROM declaration d WHERE d.item_id = ?1),
             (SELECT count(*) FROM minutes_version v WHERE v.approved_at = ?1)",
        [item.to_string()],
        |r| {
            Ok(ItemRecords {
                minute: r.get(0)?,
                actions: r.get::<_, i64>(1)? as usize,
                actions_with_updates: r.get::<_, i64>(2)? as usize,
                declarations: r.get::<_, i64>(3)? as usize,
                approvals: r.get::<_, i64>(4)? as usize,
            })
        },
    )?)
}

/// Deletes an item's minute, its actions and the declarations made at it (the use case has
/// checked that no action has updates).
pub(crate) fn delete_item_records(conn: &Transaction<'_>, item: AgendaItemId) -> Result<()> {
    let id = item.to_string();
    conn.execute("DELETE FROM action WHERE item_id = ?1", [&id])?;
    conn.execute("DELETE FROM minute WHERE item_id = ?1", [&id])?;
    conn.execute("DELETE FROM declaration WHERE item_id = ?1", [&id])?;
    Ok(())
}
