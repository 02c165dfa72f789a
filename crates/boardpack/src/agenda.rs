//! Use cases of the agenda builder: a meeting's agenda as the screens and the CLI show it
//! (numbered, timed, with paper letters), adding, editing (whole, or field by field for
//! scripts), reordering, moving and deleting items (never losing papers or minutes unless
//! asked), and the standing items a new meeting starts with.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use boardpack_core::agenda::{
    apply_move, change_session, check_new_item, insertion_position, normalise, overrun_minutes,
    schedule, AgendaItem, Lead, Move, Purpose, Slot,
};
use boardpack_core::paper::{assign_letters, Paper};
use boardpack_core::validate::required;
use boardpack_core::{AgendaItemId, Committee, MeetingId, Session};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::setup::{no_meeting, MeetingSummary};
use crate::store::{agenda as a, committees as c, meetings as m, papers as p, room as rm};
use crate::Boardpack;

/// A paper as the agenda lists it, with its letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PaperRow {
    pub paper: Paper,
    pub letter: String,
}

/// One row of the agenda: the item, its number and times, who leads it, its papers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgendaRow {
    pub item: AgendaItem,
    pub slot: Slot,
    /// "John Adeyemi, Chief Executive" or the invitee's name.
    pub lead_name: String,
    /// "To APPROVE" where the committee uses verbs, else "Decision".
    pub purpose_text: String,
    pub papers: Vec<PaperRow>,
}

/// A meeting's agenda, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgendaView {
    pub meeting: MeetingSummary,
    pub committee: Committee,
    pub rows: Vec<AgendaRow>,
    /// Minutes the agenda runs past the meeting's end time.
    pub overrun_minutes: Option<u32>,
}

/// What a user supplies to add an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewItem {
    pub meeting_id: MeetingId,
    /// Add as a sub-item of this item.
    pub parent_id: Option<AgendaItemId>,
    pub title: String,
    pub purpose: Purpose,
    pub lead: Lead,
    pub duration_minutes: u32,
    pub session: Session,
    pub private_reason: String,
    pub confidential: bool,
    pub for_bulletin: bool,
    pub paper_expected: bool,
}

fn no_item(id: AgendaItemId) -> Error {
    Error::NotFound {
        what: "agenda item with the id",
        key: id.to_string(),
        hint: "It may have been deleted; reload the agenda.",
    }
}

/// The standing items a new meeting of `committee` starts with.
pub(crate) fn standing_items(committee: &Committee, meeting: MeetingId) -> Vec<AgendaItem> {
    let opening = committee.standing_items.iter().filter(|k| !k.closes());
    let closing = committee.standing_items.iter().filter(|k| k.closes());
    opening
        .chain(closing)
        .enumerate()
        .map(|(k, kind)| {
            let (title, purpose, minutes, paper_expected) = kind.template();
            AgendaItem {
                id: AgendaItemId(Uuid::now_v7()),
                meeting_id: meeting,
                parent_id: None,
                position: k as u32,
                title: title.into(),
                purpose,
                lead: Lead::None,
                duration_minutes: minutes,
                session: Session::Public,
                private_reason: String::new(),
                confidential: false,
                for_bulletin: false,
                paper_expected,
                standing: Some(*kind),
            }
        })
        .collect()
}

/// Writes new positions (and parents) for items whose place changed.
fn save_order(
    tx: &rusqlite::Transaction<'_>,
    before: &[AgendaItem],
    after: &[AgendaItem],
) -> Result<()> {
    for item in after {
        let old = before.iter().find(|b| b.id == item.id);
        if old.is_none_or(|o| o.position != item.position || o.parent_id != item.parent_id) {
            a::upsert_item(tx, item)?;
        }
    }
    Ok(())
}

/// Closes gaps in sibling positions after an item leaves.
fn compact(items: &mut [AgendaItem], parent: Option<AgendaItemId>) {
    let mut sibs: Vec<&mut AgendaItem> =
        items.iter_mut().filter(|i| i.parent_id == parent).collect();
    sibs.sort_by_key(|i| (i.position, i.id));
    for (k, i) in sibs.into_iter().enumerate() {
        i.position = k as u32;
    }
}

impl Boardpack {
    /// A meeting's agenda: numbered, timed, with leads and lettered papers.
    pub fn agenda(&self, meeting_id: MeetingId) -> Result<AgendaView> {
        let summary = self.meeting(meeting_id)?;
        self.store.read(|conn| {
            let committee = c::committee(conn, summary.meeting.committee_id)?
                .ok_or_else(|| no_meeting(meeting_id))?;
            // In their parts' order (Part 1, then Part 2), as the builder stores them, so
            // the positions the window moves by are the ones a move starts from.
            let mut items = a::items(conn, Some(meeting_id))?;
            normalise(&mut items);
            let papers = p::papers(conn, Some(meeting_id))?;
            let people = c::people(conn)?;
            let members = c::memberships(conn, Some(committee.id))?;
            let slots = schedule(&items, summary.meeting.start_time);
            let letters = assign_letters(&slots, &papers);
            let overrun = overrun_minutes(
                &items,
                &slots,
                summary.meeting.start_time,
                summary.meeting.end_time,
            )
            .map(|m| u32::try_from(m).unwrap_or(u32::MAX));
            let rows = slots
                .into_iter()
                .filter_map(|slot| {
                    let item = items.iter().find(|i| i.id == slot.item_id)?.clone();
                    let lead_name = item.lead.describe(&people, &members);
                    let purpose_text = if committee.agenda_verbs {
                        item.purpose.verb()
                    } else {
                        item.purpose.label()
                    }
                    .to_owned();
                    let mut mine: Vec<PaperRow> = papers
                        .iter()
                        .filter(|p| p.item_id == item.id)
                        .map(|p| PaperRow {
                            letter: letters.get(&p.id).cloned().unwrap_or_default(),
                            paper: p.clone(),
                        })
                        .collect();
                    mine.sort_by_key(|r| (r.paper.position, r.paper.id));
                    Some(AgendaRow {
                        item,
                        slot,
                        lead_name,
                        purpose_text,
                        papers: mine,
                    })
                })
                .collect();
            Ok(AgendaView {
                meeting: summary.clone(),
                committee,
                rows,
                overrun_minutes: overrun,
            })
        })
    }

    /// Adds an item: a sub-item goes last under its parent; a top-level item goes at the
    /// end of its part (a public item at the end of Part 1, a private one at the end of
    /// Part 2), before that part's closing standing items (any other business, date of
    /// next meeting). A private item cannot be a sub-item of a public one.
    pub fn add_item(&self, new: &NewItem) -> Result<AgendaItem> {
        let title = required("item title", &new.title)?;
        self.store.write(|tx| {
            m::meeting(tx, new.meeting_id)?.ok_or_else(|| no_meeting(new.meeting_id))?;
            let mut items = a::items(tx, Some(new.meeting_id))?;
            let before = items.clone();
            normalise(&mut items);
            if let Some(parent) = new.parent_id {
                let p = items
                    .iter()
                    .find(|i| i.id == parent)
                    .ok_or_else(|| no_item(parent))?;
                if p.parent_id.is_some() {
                    return Err(boardpack_core::ValidationError::Agenda(
                        "agenda items nest one level deep only (5.1, not 5.1.1)".into(),
                    )
                    .into());
                }
            }
            check_new_item(&items, &title, new.parent_id, new.session)?;
            let position = match new.parent_id {
                Some(parent) => items.iter().filter(|i| i.parent_id == Some(parent)).count() as u32,
                None => insertion_position(&items, new.session),
            };
            for i in items
                .iter_mut()
                .filter(|i| i.parent_id == new.parent_id && i.position >= position)
            {
                i.position += 1;
            }
            let item = AgendaItem {
                id: AgendaItemId(Uuid::now_v7()),
                meeting_id: new.meeting_id,
                parent_id: new.parent_id,
                position,
                title,
                purpose: new.purpose,
                lead: new.lead.clone(),
                duration_minutes: new.duration_minutes,
                session: new.session,
                private_reason: new.private_reason.trim().to_owned(),
                confidential: new.confidential,
                for_bulletin: new.for_bulletin,
                paper_expected: new.paper_expected,
                standing: None,
            };
            save_order(tx, &before, &items)?;
            a::upsert_item(tx, &item)?;
            Ok(item)
        })
    }

    /// Saves an edited item (title, purpose, lead, duration, session, flags). Its place on
    /// the agenda changes through [`Boardpack::move_item`], and when its session changes:
    /// an item made private moves to the start of Part 2, one made public to the end of
    /// Part 1 ([`change_session`], which also refuses a private sub-item of a public item).
    pub fn update_item(&self, edited: &AgendaItem) -> Result<AgendaItem> {
        let title = required("item title", &edited.title)?;
        self.store.write(|tx| {
            let old = a::item(tx, edited.id)?.ok_or_else(|| no_item(edited.id))?;
            let (parent_id, position) = resession(tx, &old, edited.session)?;
            let item = AgendaItem {
                title,
                private_reason: edited.private_reason.trim().to_owned(),
                meeting_id: old.meeting_id,
                parent_id,
                position,
                ..edited.clone()
            };
            a::upsert_item(tx, &item)?;
            Ok(item)
        })
    }

    /// Reorders the agenda (up, down, to a place, in and out of the item above).
    pub fn move_item(&self, id: AgendaItemId, mv: Move) -> Result<()> {
        self.store.write(|tx| {
            let item = a::item(tx, id)?.ok_or_else(|| no_item(id))?;
            let before = a::items(tx, Some(item.meeting_id))?;
            let mut after = before.clone();
            apply_move(&mut after, id, mv)?;
            save_order(tx, &before, &after)
        })
    }

    /// Moves an item, with its sub-items and papers, to another meeting's agenda.
    pub fn move_item_to_meeting(&self, id: AgendaItemId, to: MeetingId) -> Result<()> {
        self.store.write(|tx| {
            let mut item = a::item(tx, id)?.ok_or_else(|| no_item(id))?;
            m::meeting(tx, to)?.ok_or_else(|| no_meeting(to))?;
            if item.meeting_id == to {
                return Ok(());
            }
            let from = item.meeting_id;
            let mut source = a::items(tx, Some(from))?;
            let source_before = source.clone();
            let children: Vec<AgendaItem> = source
                .iter()
                .filter(|i| i.parent_id == Some(id))
                .cloned()
                .collect();
            source.retain(|i| i.id != id && i.parent_id != Some(id));
            compact(&mut source, item.parent_id);
            save_order(tx, &source_before, &source)?;
            let mut target = a::items(tx, Some(to))?;
            let target_before = target.clone();
            normalise(&mut target);
            let position = insertion_position(&target, item.session);
            for i in target
                .iter_mut()
                .filter(|i| i.parent_id.is_none() && i.position >= position)
            {
                i.position += 1;
            }
            save_order(tx, &target_before, &target)?;
            item.meeting_id = to;
            item.parent_id = None;
            item.position = position;
            a::upsert_item(tx, &item)?;
            for mut child in children {
                child.meeting_id = to;
                a::upsert_item(tx, &child)?;
            }
            Ok(())
        })
    }

    /// Deletes an item. An item with papers, sub-items or minutes (a minute's text, its
    /// actions, declarations of interest at it) is deleted only when `with_papers` confirms
    /// that they go too; otherwise nothing changes. Never deleted: an item whose actions
    /// have updates on the action log, or one that records the approval of an earlier
    /// meeting's minutes; nor the minutes of a meeting whose minutes are approved.
    pub fn delete_item(&self, id: AgendaItemId, with_papers: bool) -> Result<()> {
        self.store.write(|tx| {
            let item = a::item(tx, id)?.ok_or_else(|| no_item(id))?;
            let mut items = a::items(tx, Some(item.meeting_id))?;
            let doomed: Vec<AgendaItemId> = items.iter().filter(|i| i.id == id || i.parent_id == Some(id)).map(|i| i.id).collect();
            let mut papers = Vec::new();
            let mut records = rm::ItemRecords::default();
            for d in &doomed {
                papers.extend(p::papers_of_item(tx, *d)?);
                records.add(&rm::item_records(tx, *d)?);
            }
            if records.approvals > 0 {
                return Err(Error::Conflict(format!(
                    "“{}” records the approval of an earlier meeting's minutes, which must stay on the record: it cannot be deleted.",
                    item.title
                )));
            }
            if records.actions_with_updates > 0 {
                return Err(Error::Conflict(format!(
                    "“{}” has {} on the action log with updates recorded: close {} on the action log instead of deleting the item.",
                    item.title,
                    count(records.actions_with_updates, "action", "actions"),
                    if records.actions_with_updates == 1 { "it" } else { "them" }
                )));
            }
            let mut lost = Vec::new();
            if !papers.is_empty() {
                lost.push(count(papers.len(), "paper", "papers"));
            }
            if doomed.len() > 1 {
                lost.push(count(doomed.len() - 1, "sub-item", "sub-items"));
            }
            if records.has_minutes() {
                lost.push(records.describe());
            }
            if !with_papers && !lost.is_empty() {
                return Err(Error::Conflict(format!(
                    "“{}” has {}: move them elsewhere first, or confirm that they are deleted with it.",
                    item.title,
                    and_list(&lost)
                )));
            }
            if records.has_minutes() {
                crate::approval::ensure_open(tx, item.meeting_id)?;
            }
            for paper in &papers {
                p::delete_paper(tx, paper.id)?;
            }
            for d in &doomed {
                rm::delete_item_records(tx, *d)?;
            }
            for mut attendee in rm::attendees(tx, Some(item.meeting_id))? {
                // Someone present "for item 7" only: the item goes from their list.
                if attendee.items.iter().any(|i| doomed.contains(i)) {
                    attendee.items.retain(|i| !doomed.contains(i));
                    rm::upsert_attendee(tx, &attendee)?;
                }
            }
            for d in doomed.iter().rev() {
                if *d != id {
                    a::delete_item(tx, *d)?;
                }
            }
            a::delete_item(tx, id)?;
            let before = items.clone();
            items.retain(|i| !doomed.contains(&i.id));
            compact(&mut items, item.parent_id);
            save_order(tx, &before, &items)
        })
    }

    /// The lead a script or the command line names: a member of the meeting's committee by
    /// name (any case) or initials, else an invitee of that name; empty: no lead.
    pub fn lead_named(&self, meeting: MeetingId, text: &str) -> Result<Lead> {
        self.store.read(|conn| lead_named(conn, meeting, text))
    }

    /// Changes the fields of an item that `changes` gives, and keeps the rest: the one call
    /// a script makes to edit an item (the window saves the whole item with
    /// [`Boardpack::update_item`]). Made public, an item is no longer confidential and its
    /// reason for privacy is cleared.
    pub fn edit_item(&self, id: AgendaItemId, changes: &ItemChanges) -> Result<AgendaItem> {
        let title = changes
            .title
            .as_deref()
            .map(|t| required("item title", t))
            .transpose()?;
        self.store.write(|tx| {
            let mut item = a::item(tx, id)?.ok_or_else(|| no_item(id))?;
            if let Some(title) = title {
                item.title = title;
            }
            if let Some(purpose) = changes.purpose {
                item.purpose = purpose;
            }
            if let Some(lead) = &changes.lead {
                item.lead = lead_named(tx, item.meeting_id, lead)?;
            }
            if let Some(minutes) = changes.duration_minutes {
                item.duration_minutes = minutes;
            }
            if let Some(session) = changes.session {
                (item.parent_id, item.position) = resession(tx, &item, session)?;
                item.session = session;
                if session == Session::Public {
                    item.confidential = false;
                    item.private_reason.clear();
                }
            }
            if let Some(reason) = &changes.private_reason {
                item.private_reason = reason.trim().to_owned();
            }
            if let Some(expected) = changes.paper_expected {
                item.paper_expected = expected;
            }
            if let Some(bulletin) = changes.for_bulletin {
                item.for_bulletin = bulletin;
            }
            a::upsert_item(tx, &item)?;
            Ok(item)
        })
    }
}

/// Moves an item whose session changes to its new part ([`change_session`]), saving the
/// other items' new places; returns the item's own parent and position to save with it.
fn resession(
    tx: &rusqlite::Transaction<'_>,
    item: &AgendaItem,
    session: Session,
) -> Result<(Option<AgendaItemId>, u32)> {
    let before = a::items(tx, Some(item.meeting_id))?;
    let mut after = before.clone();
    change_session(&mut after, item.id, session)?;
    let others: Vec<AgendaItem> = after.iter().filter(|i| i.id != item.id).cloned().collect();
    save_order(tx, &before, &others)?;
    Ok(after
        .iter()
        .find(|i| i.id == item.id)
        .map_or((item.parent_id, item.position), |i| {
            (i.parent_id, i.position)
        }))
}

/// What a script changes of an item: each field given replaces the item's, the others stay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemChanges {
    pub title: Option<String>,
    pub purpose: Option<Purpose>,
    /// A member's name or initials, or an invitee's name; empty: no lead.
    pub lead: Option<String>,
    pub duration_minutes: Option<u32>,
    pub session: Option<Session>,
    pub private_reason: Option<String>,
    pub paper_expected: Option<bool>,
    pub for_bulletin: Option<bool>,
}

/// See [`Boardpack::lead_named`].
fn lead_named(conn: &Connection, meeting: MeetingId, text: &str) -> Result<Lead> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Lead::None);
    }
    let mt = m::meeting(conn, meeting)?.ok_or_else(|| no_meeting(meeting))?;
    let people = c::people(conn)?;
    let found = c::memberships(conn, Some(mt.committee_id))?
        .into_iter()
        .filter_map(|ms| people.iter().find(|p| p.id == ms.person_id))
        .find(|p| p.name.eq_ignore_ascii_case(text) || p.initials == text)
        .map(|p| p.id);
    Ok(match found {
        Some(person_id) => Lead::Member { person_id },
        None => Lead::Invitee {
            name: text.to_owned(),
            role: String::new(),
        },
    })
}

/// "1 paper", "3 papers".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "a", "a and b", "a, b and c".
fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The readiness report of a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReadinessReport {
    pub problems: Vec<boardpack_core::readiness::Problem>,
    /// Whether any problem blocks the pack.
    pub blocking: bool,
    /// For every export of the meeting, whether it comes out as tagged PDF/UA-1, shown
    /// beside the problems; `None` in the minutes' own list.
    pub accessibility: Option<boardpack_core::accessibility::AccessibilityReport>,
}

impl Boardpack {
    /// Everything that stands between the meeting's agenda and an issued pack, judged on
    /// `today`.
    pub fn readiness(
        &self,
        meeting_id: MeetingId,
        today: chrono::NaiveDate,
    ) -> Result<ReadinessReport> {
        Ok(self.snapshot(meeting_id)?.readiness(today))
    }

    /// For every document Boardpack exports for the meeting, whether it comes out as tagged
    /// PDF/UA-1 and, when not, which papers stop it. Opens no file: whether each attached
    /// file is tagged was read when it was stored.
    pub fn accessibility(
        &self,
        meeting_id: MeetingId,
    ) -> Result<boardpack_core::accessibility::AccessibilityReport> {
        Ok(self.snapshot(meeting_id)?.accessibility())
    }
}
