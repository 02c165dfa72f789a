//! Use cases in the room: attendance and quorum through the meeting, the register of
//! interests and declarations (with likely conflicts flagged for the chair), live minutes
//! saved as they are typed, and the draft minutes and register of interests as PDFs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use boardpack_core::actions::ActionStatus;
use boardpack_core::agenda::{schedule, AgendaItem, Slot};
use boardpack_core::attendance::{quorum_through, Attendee, MemberAttendance, QuorumAt};
use boardpack_core::interests::{likely_conflicts, Declaration, Interest, LikelyConflict};
use boardpack_core::minutes::Minute;
use boardpack_core::minutes_doc::{
    minutes_blocks, minutes_check, minutes_head, minutes_marking, minutes_title, register_blocks,
    MinutesInput,
};
use boardpack_core::readiness::Problem;
use boardpack_core::{
    ActionId, AgendaItemId, AttendeeId, Committee, CommitteeId, DeclarationId, InterestId,
    MeetingId, Membership, Person, PersonId,
};

use crate::agenda::ReadinessReport;
use crate::error::{Error, Result};
use crate::setup::{no_meeting, MeetingSummary};
use crate::snapshot::MeetingSnapshot;
use crate::store::{agenda as a, committees as c, meetings as m, room as r};
use crate::Boardpack;

/// A member of the committee with their attendance at the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberRow {
    pub membership: Membership,
    pub person: Person,
    pub attendance: Option<MemberAttendance>,
}

/// An item as the minute-taker sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinuteRow {
    pub item: AgendaItem,
    pub slot: Slot,
    /// "TB 26/085".
    pub reference: String,
    pub minute: Minute,
}

/// Everything the room screens show for a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoomView {
    pub meeting: MeetingSummary,
    pub committee: Committee,
    pub members: Vec<MemberRow>,
    pub attendees: Vec<Attendee>,
    /// At the start (item_id null) and at every item.
    pub quorum: Vec<QuorumAt>,
    pub declarations: Vec<Declaration>,
    pub conflicts: Vec<LikelyConflict>,
    pub interests: Vec<Interest>,
    pub rows: Vec<MinuteRow>,
    /// When the meeting closed, as recorded.
    #[ts(type = "string | null")]
    pub closed_at: Option<NaiveTime>,
    /// The minutes' own readiness list: what stands between the draft and minutes that
    /// can be issued, blocking problems first.
    pub minutes_problems: Vec<Problem>,
}

fn nil_or_new<T>(id: Uuid, make: impl Fn(Uuid) -> T) -> T {
    make(if id.is_nil() { Uuid::now_v7() } else { id })
}

impl Boardpack {
    fn committee_of(
        conn: &rusqlite::Connection,
        meeting: MeetingId,
    ) -> Result<(boardpack_core::Meeting, Committee)> {
        let mt = m::meeting(conn, meeting)?.ok_or_else(|| no_meeting(meeting))?;
        let cm = c::committee(conn, mt.committee_id)?.ok_or_else(|| no_meeting(meeting))?;
        Ok((mt, cm))
    }

    /// The meeting as the room sees it: attendance, quorum by item, declarations, likely
    /// conflicts, and the minutes so far.
    pub fn room(&self, meeting_id: MeetingId) -> Result<RoomView> {
        Ok(room_view(&self.snapshot(meeting_id)?))
    }

    /// Records a member's attendance.
    pub fn set_attendance(&self, att: &MemberAttendance) -> Result<()> {
        self.store.write(|tx| {
            let (_, committee) = Self::committee_of(tx, att.meeting_id)?;
            crate::approval::ensure_open(tx, att.meeting_id)?;
            if !c::memberships(tx, Some(committee.id))?
                .iter()
                .any(|x| x.person_id == att.person_id)
            {
                return Err(Error::Conflict(format!(
                    "That person is not a member of {}: record them as in attendance instead.",
                    committee.name
                )));
            }
            if let (Some(arr), Some(left)) = (att.arrived, att.left) {
                if left <= arr {
                    return Err(Error::Conflict(
                        "A member cannot leave before they arrive: check the times.".into(),
                    ));
                }
            }
            r::upsert_attendance(tx, att)
        })
    }

    /// Adds (nil id) or updates someone in attendance. Initials left empty are made from
    /// the name ("Dr Femi Oduya" → "FO").
    pub fn save_attendee(&self, attendee: &Attendee) -> Result<Attendee> {
        let name = boardpack_core::validate::required("name", &attendee.name)?;
        let initials = match attendee.initials.trim() {
            "" => boardpack_core::validate::initials_from_name(&name),
            given => boardpack_core::validate::initials(given)?,
        };
        let a = Attendee {
            id: nil_or_new(attendee.id.0, AttendeeId),
            name,
            initials,
            ..attendee.clone()
        };
        self.store.write(|tx| {
            Self::committee_of(tx, a.meeting_id)?;
            crate::approval::ensure_open(tx, a.meeting_id)?;
            r::upsert_attendee(tx, &a)?;
            Ok(a)
        })
    }

    pub fn remove_attendee(&self, id: AttendeeId) -> Result<()> {
        self.store.write(|tx| {
            if let Some(meeting) = r::attendee_meeting(tx, id)? {
                crate::approval::ensure_open(tx, meeting)?;
            }
            r::delete_attendee(tx, id)
        })
    }

    /// Records the time the meeting closed (`None` forgets it): the minutes end "The
    /// meeting closed at …" and give it as the meeting's end.
    pub fn set_closed(&self, meeting: MeetingId, at: Option<NaiveTime>) -> Result<()> {
        self.store.write(|tx| {
            let (mt, _) = Self::committee_of(tx, meeting)?;
            crate::approval::ensure_open(tx, meeting)?;
            if let (Some(at), Some(start)) = (at, mt.start_time) {
                if at <= start {
                    return Err(Error::Conflict(format!(
                        "The meeting started at {}, so it cannot have closed at {}: check the time.",
                        start.format("%H:%M"),
                        at.format("%H:%M")
                    )));
                }
            }
            r::set_closed(tx, meeting, at)
        })
    }

    /// The minutes' own readiness list: attendance not recorded, items with no minute
    /// (blocking), actions whose lead is not known, the close time not recorded.
    pub fn minutes_readiness(&self, meeting: MeetingId) -> Result<ReadinessReport> {
        let problems = self.room(meeting)?.minutes_problems;
        Ok(ReadinessReport {
            blocking: boardpack_core::readiness::blocks(&problems),
            problems,
            accessibility: None,
        })
    }

    /// A person's registered interests (everyone's when `None`).
    pub fn interests(&self, person: Option<PersonId>) -> Result<Vec<Interest>> {
        self.store.read(|conn| r::interests(conn, person))
    }

    /// Adds (nil id) or updates an entry on the register of interests.
    pub fn save_interest(&self, interest: &Interest) -> Result<Interest> {
        let i = Interest {
            id: nil_or_new(interest.id.0, InterestId),
            description: boardpack_core::validate::required(
                "description of the interest",
                &interest.description,
            )?,
            ..interest.clone()
        };
        if let (Some(f), Some(t)) = (i.from, i.to) {
            if t < f {
                return Err(Error::Conflict(
                    "An interest cannot end before it starts: check the dates.".into(),
                ));
            }
        }
        self.store.write(|tx| {
            if !c::people(tx)?.iter().any(|x| x.id == i.person_id) {
                return Err(Error::NotFound {
                    what: "person with the id",
                    key: i.person_id.to_string(),
                    hint: "Reload the list of members.",
                });
            }
            r::upsert_interest(tx, &i)?;
            Ok(i)
        })
    }

    /// Records (nil id) or updates a declaration of interest at an item.
    pub fn declare(&self, declaration: &Declaration) -> Result<Declaration> {
        let d = Declaration {
            id: nil_or_new(declaration.id.0, DeclarationId),
            ..declaration.clone()
        };
        self.store.write(|tx| {
            a::item(tx, d.item_id)?.ok_or(Error::NotFound {
                what: "agenda item with the id",
                key: d.item_id.to_string(),
                hint: "Reload the agenda.",
            })?;
            crate::approval::ensure_item_open(tx, d.item_id)?;
            r::upsert_declaration(tx, &d)?;
            Ok(d)
        })
    }

    pub fn remove_declaration(&self, id: DeclarationId) -> Result<()> {
        self.store.write(|tx| {
            if let Some(item) = r::declaration_item(tx, id)? {
                crate::approval::ensure_item_open(tx, item)?;
            }
            r::delete_declaration(tx, id)
        })
    }

    /// Saves an item's minute as it is typed: one small transaction. Actions without an
    /// id get one.
    pub fn save_minute(&self, minute: &Minute) -> Result<Minute> {
        let mut saved = minute.clone();
        for action in &mut saved.actions {
            if action.id.0.is_nil() {
                action.id = ActionId(Uuid::now_v7());
            }
            action.lead = action.lead.trim().to_owned();
        }
        self.store.write(|tx| {
            a::item(tx, saved.item_id)?.ok_or(Error::NotFound {
                what: "agenda item with the id",
                key: saved.item_id.to_string(),
                hint: "Reload the agenda.",
            })?;
            crate::approval::ensure_item_open(tx, saved.item_id)?;
            // The status of an action changes only through the action log: keep it.
            let before = r::minute(tx, saved.item_id)?.map(|m| m.actions).unwrap_or_default();
            for action in &mut saved.actions {
                action.status = before
                    .iter()
                    .find(|b| b.id == action.id)
                    .map_or(ActionStatus::Open, |b| b.status);
            }
            let removed: Vec<ActionId> = before
                .iter()
                .filter(|b| !saved.actions.iter().any(|a| a.id == b.id))
                .map(|b| b.id)
                .collect();
            if let Some(kept) = crate::store::actions::with_history(tx, &removed)?.first() {
                let text = before
                    .iter()
                    .find(|b| b.id == *kept)
                    .map(|b| b.text.clone())
                    .unwrap_or_default();
                return Err(Error::Conflict(format!(
                    "The action “{text}” has updates on the action log, so it cannot be deleted: close it on the action log instead, with the reason."
                )));
            }
            r::upsert_minute(tx, &saved)?;
            Ok(saved)
        })
    }

    /// Writes the minutes (public: private items left out) as a PDF: a draft, or the
    /// approved minutes once they are approved. Minutes holding private business are marked
    /// CONFIDENTIAL on every page. A meeting held in private has no public minutes.
    pub fn export_minutes(&self, meeting_id: MeetingId, public: bool, out: &Path) -> Result<u32> {
        let snapshot = self.snapshot(meeting_id)?;
        if public {
            snapshot.check_public("public minutes")?;
        }
        let view = room_view(&snapshot);
        let (title, head, blocks, marking) =
            with_minutes_input(&snapshot, &view, public, |input| {
                (
                    minutes_title(input),
                    minutes_head(input),
                    minutes_blocks(input),
                    minutes_marking(input),
                )
            });
        let id = crate::document_id(&format!("minutes/{meeting_id}/{public}"));
        let mut laid = boardpack_pdf::headed_layout(head, &title, blocks);
        if let Some(marking) = marking {
            laid.stamp_header(
                &boardpack_pdf::PageSetup::a4(),
                &marking,
                boardpack_pdf::Colour::rgb(0xA0, 0x10, 0x10),
            );
        }
        self.write_laid(laid, &title, &snapshot.organisation, id, out)
    }

    /// Writes a committee's register of interests as a publishable PDF, as at `as_at`.
    pub fn export_register(
        &self,
        committee: CommitteeId,
        as_at: chrono::NaiveDate,
        out: &Path,
    ) -> Result<u32> {
        let (org, cm, members, people, interests, nil_returns) = self.store.read(|conn| {
            let cm = c::committee(conn, committee)?.ok_or(Error::NotFound {
                what: "committee with the id",
                key: committee.to_string(),
                hint: "Reload the list.",
            })?;
            let org = c::organisation(conn, cm.organisation_id)?.ok_or(Error::NotFound {
                what: "organisation of the committee",
                key: cm.code.clone(),
                hint: "Reload the list.",
            })?;
            Ok((
                org,
                cm.clone(),
                c::memberships(conn, Some(committee))?
                    .into_iter()
                    .filter(|x| x.current_on(as_at))
                    .collect::<Vec<_>>(),
                c::people(conn)?,
                r::interests(conn, None)?,
                c::nil_returns(conn, None)?,
            ))
        })?;
        let title = format!("Register of interests – {}", cm.name);
        let doc = register_blocks(&cm, &members, &people, &interests, &nil_returns, as_at);
        let id = crate::document_id(&format!("register/{committee}/{as_at}"));
        self.write_table_document(&org, &title, doc, id, out)
    }

    /// Writes laid pages atomically, with bookmarks for their headings of levels 1 and 2;
    /// returns the page count.
    pub(crate) fn write_laid(
        &self,
        laid: boardpack_pdf::Laid,
        title: &str,
        organisation: &boardpack_core::model::Organisation,
        document_id: [u8; 16],
        out: &Path,
    ) -> Result<u32> {
        let opts = boardpack_pdf::PdfOptions {
            title: title.into(),
            author: organisation.name.clone(),
            subject: title.into(),
            created: self.export_time(),
            lang: organisation.language.clone(),
            document_id,
        };
        let bytes = boardpack_pdf::write(&laid, &laid.outline(2), &opts)
            .map_err(|e| Error::Pack(format!("{title}: {e}.")))?;
        crate::save_document(out, |file| {
            std::io::Write::write_all(file, &bytes).map_err(Error::io("write", out))
        })?;
        Ok(laid.pages.len() as u32)
    }
}

/// Builds the minutes' input from a meeting's snapshot and room view (public: the public
/// items only) and hands it to `f`.
fn with_minutes_input<R>(
    s: &MeetingSnapshot,
    view: &RoomView,
    public: bool,
    f: impl FnOnce(&MinutesInput<'_>) -> R,
) -> R {
    let meeting = &view.meeting.meeting;
    let private: BTreeSet<AgendaItemId> = s
        .items
        .iter()
        .filter(|i| !boardpack_core::pack::included(meeting, i, &s.items, true))
        .map(|i| i.id)
        .collect();
    let items: Vec<(&Slot, &AgendaItem, String)> = view
        .rows
        .iter()
        .filter(|r| !public || !private.contains(&r.item.id))
        .map(|r| (&r.slot, &r.item, r.reference.clone()))
        .collect();
    // The papers' letters, as the pack gives them, in each item's order.
    let letters_of =
        boardpack_core::paper::assign_letters(&schedule(&s.items, meeting.start_time), &s.papers);
    let mut papers: Vec<&boardpack_core::paper::Paper> = s.papers.iter().collect();
    papers.sort_by_key(|p| (p.position, p.id));
    let mut letters: BTreeMap<AgendaItemId, Vec<String>> = BTreeMap::new();
    for p in papers {
        if let Some(l) = letters_of.get(&p.id) {
            letters.entry(p.item_id).or_default().push(l.clone());
        }
    }
    let memberships: Vec<Membership> = view.members.iter().map(|x| x.membership.clone()).collect();
    let attendance: Vec<MemberAttendance> = view
        .members
        .iter()
        .filter_map(|x| x.attendance.clone())
        .collect();
    let input = MinutesInput {
        organisation: &s.organisation,
        committee: &view.committee,
        meeting,
        chair: view.meeting.chair_name.as_deref(),
        people: &s.people,
        members: &memberships,
        attendance: &attendance,
        attendees: &view.attendees,
        items: &items,
        minutes: &s.minutes,
        declarations: &view.declarations,
        quorum: &view.quorum,
        next_meeting: s.next_meeting.as_ref(),
        public,
        private: &private,
        letters: &letters,
        approval: s.approval.as_ref(),
        closed_at: s.closed_at,
        logo: s.logo.as_ref(),
    };
    f(&input)
}

/// The room view of a meeting, from its snapshot.
fn room_view(s: &MeetingSnapshot) -> RoomView {
    let meeting = s.meeting();
    let committee = &s.committee;
    let slots = schedule(&s.items, meeting.start_time);
    // Those who sat on the committee on the day, in its own order.
    let memberships: Vec<Membership> = s
        .members
        .iter()
        .filter(|x| x.current_on(meeting.date))
        .cloned()
        .collect();
    let quorum = quorum_through(
        &committee.quorum,
        &memberships,
        &s.attendance,
        &s.declarations,
        &slots,
        meeting.start_time,
    );
    let member_ids: Vec<PersonId> = memberships.iter().map(|x| x.person_id).collect();
    let interests: Vec<Interest> = s
        .interests
        .iter()
        .filter(|i| member_ids.contains(&i.person_id))
        .cloned()
        .collect();
    let conflicts = likely_conflicts(&s.items, &s.papers, &interests, &member_ids, meeting.date);
    let rows = slots
        .iter()
        .filter_map(|slot| {
            let item = s.items.iter().find(|i| i.id == slot.item_id)?.clone();
            let minute = s
                .minutes
                .iter()
                .find(|x| x.item_id == item.id)
                .cloned()
                .unwrap_or_else(|| Minute::empty(item.id));
            Some(MinuteRow {
                reference: s.minute_refs.get(&item.id).cloned().unwrap_or_default(),
                item,
                slot: slot.clone(),
                minute,
            })
        })
        .collect();
    let members = memberships
        .into_iter()
        .filter_map(|membership| {
            let person = s
                .people
                .iter()
                .find(|x| x.id == membership.person_id)?
                .clone();
            let attendance = s
                .attendance
                .iter()
                .find(|x| x.person_id == person.id)
                .cloned();
            Some(MemberRow {
                membership,
                person,
                attendance,
            })
        })
        .collect();
    let mut view = RoomView {
        meeting: s.summary.clone(),
        committee: committee.clone(),
        members,
        attendees: s.attendees.clone(),
        quorum,
        declarations: s.declarations.clone(),
        conflicts,
        interests,
        rows,
        closed_at: s.closed_at,
        minutes_problems: Vec::new(),
    };
    view.minutes_problems = with_minutes_input(s, &view, false, minutes_check);
    view
}
