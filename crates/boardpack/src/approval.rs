//! Approving minutes: the "minutes of the previous meeting" item of a committee's next
//! meeting records that the minutes were approved, or approved with amendments (the
//! amendment text). A copy of the minutes as approved is kept as a version, and from then
//! on the minutes, attendance and declarations of that meeting are read-only.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use boardpack_core::agenda::StandingKind;
use boardpack_core::minutes::{Minute, MinutedItem, MinutesSnapshot, MinutesVersion, Outcome};
use boardpack_core::validate::long_date;
use boardpack_core::{AgendaItemId, Meeting, MeetingId, MeetingStatus};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::setup::no_meeting;
use crate::store::{actions as x, agenda as a, committees as c, meetings as m, room as r};
use crate::Boardpack;

/// What the meeting decided about the previous meeting's minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesDecision {
    /// The "minutes of the previous meeting" item of the approving meeting.
    pub item_id: AgendaItemId,
    /// Approved, approved with amendments, or not approved.
    pub outcome: Outcome,
    /// The amendments, when approved with amendments.
    pub amendments: String,
    #[ts(type = "string")]
    pub date: NaiveDate,
}

/// Which meeting's minutes an item approves, and whether they are approved yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApprovalState {
    /// The earlier meeting whose minutes the item takes, when there is one.
    pub previous: Option<Meeting>,
    pub versions: Vec<MinutesVersion>,
}

fn approved_error(conn: &Connection, mt: &Meeting) -> Result<Error> {
    let cm = c::committee(conn, mt.committee_id)?.ok_or_else(|| no_meeting(mt.id))?;
    let when = x::versions(conn, Some(mt.id))?
        .into_iter()
        .rev()
        .find(|v| v.approved_at.is_some())
        .map(|v| format!(" on {}", long_date(v.recorded_on)))
        .unwrap_or_default();
    Ok(Error::Conflict(format!(
        "The minutes of the {} meeting of {} were approved{when} and can no longer be changed. Record any correction in the minutes of a later meeting.",
        cm.name,
        long_date(mt.date)
    )))
}

/// Refuses a change to a meeting whose minutes are approved.
pub(crate) fn ensure_open(conn: &Connection, meeting: MeetingId) -> Result<()> {
    let mt = m::meeting(conn, meeting)?.ok_or_else(|| no_meeting(meeting))?;
    if mt.status == MeetingStatus::MinutesApproved {
        return Err(approved_error(conn, &mt)?);
    }
    Ok(())
}

/// [`ensure_open`] for the meeting of an item.
pub(crate) fn ensure_item_open(conn: &Connection, item: AgendaItemId) -> Result<()> {
    match a::item(conn, item)? {
        Some(i) => ensure_open(conn, i.meeting_id),
        None => Ok(()),
    }
}

/// The committee's latest meeting before `mt`.
fn previous_meeting(conn: &Connection, mt: &Meeting) -> Result<Option<Meeting>> {
    Ok(m::meetings(conn, Some(mt.committee_id))?
        .into_iter()
        .filter(|o| o.id != mt.id && (o.date, o.number) < (mt.date, mt.number))
        .max_by_key(|o| (o.date, o.number)))
}

/// A meeting's minutes as they stand, with each item's reference, number and title.
fn snapshot(b: &Boardpack, meeting: MeetingId) -> Result<MinutesSnapshot> {
    let room = b.room(meeting)?;
    Ok(MinutesSnapshot {
        items: room
            .rows
            .iter()
            .map(|row| MinutedItem {
                item_id: row.item.id,
                reference: row.reference.clone(),
                number: row.slot.number.clone(),
                title: row.item.title.clone(),
            })
            .collect(),
        minutes: room
            .rows
            .into_iter()
            .map(|row| row.minute)
            .filter(|mn| *mn != Minute::empty(mn.item_id))
            .collect(),
    })
}

impl Boardpack {
    /// The earlier meeting a "minutes of the previous meeting" item takes, and the kept
    /// versions of its minutes.
    pub fn approval_state(&self, item: AgendaItemId) -> Result<ApprovalState> {
        self.store.read(|conn| {
            let it = a::item(conn, item)?.ok_or(Error::NotFound {
                what: "agenda item with the id",
                key: item.to_string(),
                hint: "Reload the agenda.",
            })?;
            let mt = m::meeting(conn, it.meeting_id)?.ok_or_else(|| no_meeting(it.meeting_id))?;
            let previous = previous_meeting(conn, &mt)?;
            let versions = match &previous {
                Some(p) => x::versions(conn, Some(p.id))?,
                None => Vec::new(),
            };
            Ok(ApprovalState { previous, versions })
        })
    }

    /// The item of a meeting at which it decides on the previous meeting's minutes: its
    /// "minutes of the previous meeting" standing item.
    pub fn previous_minutes_item(&self, meeting: MeetingId) -> Result<AgendaItemId> {
        self.store.read(|conn| {
            m::meeting(conn, meeting)?.ok_or_else(|| no_meeting(meeting))?;
            a::items(conn, Some(meeting))?
                .into_iter()
                .find(|i| i.standing == Some(StandingKind::PreviousMinutes))
                .map(|i| i.id)
                .ok_or_else(|| {
                    Error::Conflict(
                        "That meeting's agenda has no “Minutes of the previous meeting” item: add it (it is a standing item) and try again.".into(),
                    )
                })
        })
    }

    /// The kept versions of a meeting's minutes, oldest first.
    pub fn minutes_versions(&self, meeting: MeetingId) -> Result<Vec<MinutesVersion>> {
        self.store.read(|conn| {
            m::meeting(conn, meeting)?.ok_or_else(|| no_meeting(meeting))?;
            x::versions(conn, Some(meeting))
        })
    }

    /// Records the meeting's decision on the previous meeting's minutes at its "minutes of
    /// the previous meeting" item. Approval (with or without amendments) keeps a version of
    /// the minutes as approved and makes them read-only; "not approved" leaves them open
    /// for correction. Returns the version kept, if any.
    pub fn decide_minutes(&self, decision: &MinutesDecision) -> Result<Option<MinutesVersion>> {
        let amendments = decision.amendments.trim().to_owned();
        match decision.outcome {
            Outcome::Approved | Outcome::NotApproved => {}
            Outcome::ApprovedWithAmendments if amendments.is_empty() => {
                return Err(Error::Conflict(
                    "Say what the amendments are: approval with amendments records their text in the minutes.".into(),
                ))
            }
            Outcome::ApprovedWithAmendments => {}
            other => {
                return Err(Error::Conflict(format!(
                    "Minutes are approved, approved with amendments, or not approved; “{}” does not apply to them.",
                    other.label()
                )))
            }
        }
        // Check and find the meeting first; the snapshot reads through the room view.
        let (item, meeting, previous, committee) = self.store.read(|conn| {
            let it = a::item(conn, decision.item_id)?.ok_or(Error::NotFound {
                what: "agenda item with the id",
                key: decision.item_id.to_string(),
                hint: "Reload the agenda.",
            })?;
            if it.standing != Some(StandingKind::PreviousMinutes) {
                return Err(Error::Conflict(format!(
                    "“{}” is not the item for the minutes of the previous meeting: record the approval at that item.",
                    it.title
                )));
            }
            let mt = m::meeting(conn, it.meeting_id)?.ok_or_else(|| no_meeting(it.meeting_id))?;
            ensure_open(conn, mt.id)?;
            let cm = c::committee(conn, mt.committee_id)?.ok_or_else(|| no_meeting(mt.id))?;
            let prev = previous_meeting(conn, &mt)?.ok_or_else(|| {
                Error::Conflict(format!(
                    "The {} has no meeting before {} whose minutes this meeting could approve.",
                    cm.name,
                    long_date(mt.date)
                ))
            })?;
            if prev.status == MeetingStatus::MinutesApproved {
                return Err(approved_error(conn, &prev)?);
            }
            Ok((it, mt, prev, cm))
        })?;
        let snap = snapshot(self, previous.id)?;
        let reference = {
            let room = self.room(meeting.id)?;
            room.rows
                .iter()
                .find(|row| row.item.id == item.id)
                .map(|row| row.reference.clone())
                .unwrap_or_default()
        };
        self.store.write(|tx| {
            let mut minute = r::minute(tx, item.id)?.unwrap_or_else(|| Minute::empty(item.id));
            minute.outcome = Some(decision.outcome);
            minute.amendments = amendments.clone();
            if minute.discussion.trim().is_empty() {
                minute.discussion = match decision.outcome {
                    Outcome::Approved => format!(
                        "The minutes of the meeting held on {} were approved as an accurate record.",
                        long_date(previous.date)
                    ),
                    Outcome::ApprovedWithAmendments => format!(
                        "The minutes of the meeting held on {} were approved subject to the following amendment: {amendments}",
                        long_date(previous.date)
                    ),
                    _ => format!(
                        "The minutes of the meeting held on {} were not approved; corrected minutes will come to the next meeting.",
                        long_date(previous.date)
                    ),
                };
            }
            r::upsert_minute(tx, &minute)?;
            if decision.outcome == Outcome::NotApproved {
                return Ok(None);
            }
            let version = x::versions(tx, Some(previous.id))?
                .last()
                .map_or(1, |v| v.version + 1);
            // The approval as the approved minutes print it.
            let note = boardpack_core::minutes_doc::MinutesApproval {
                committee: committee.name.clone(),
                date: decision.date,
                reference: reference.clone(),
                amendments: if decision.outcome == Outcome::ApprovedWithAmendments {
                    amendments.clone()
                } else {
                    String::new()
                },
            }
            .sentence();
            let kept = MinutesVersion {
                meeting_id: previous.id,
                version,
                recorded_on: decision.date,
                note,
                approved_at: Some(item.id),
                snapshot: snap.clone(),
            };
            x::insert_version(tx, &kept)?;
            let mut approved = previous.clone();
            approved.status = MeetingStatus::MinutesApproved;
            m::upsert_meeting(tx, &approved)?;
            Ok(Some(kept))
        })
    }
}
