//! Use cases of the agenda builder: a meeting's agenda as the screens and the CLI show it
//! (numbered, timed, with paper letters), adding, editing, reordering, moving and deleting
//! items, and the standing items a new meeting starts with.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use boardpack_core::agenda::{
    apply_move, insertion_position, overrun_minutes, schedule, AgendaItem, Lead, Move, Purpose,
    Slot,
};
use boardpack_core::paper::{assign_letters, Paper};
use boardpack_core::validate::required;
use boardpack_core::{AgendaItemId, Committee, MeetingId, Session};

use crate::error::{Error, Result};
use crate::setup::{no_meeting, MeetingSummary};
use crate::store::{agenda as a, committees as c, meetings as m, papers as p};
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
            let items = a::items(conn, Some(meeting_id))?;
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

    /// Adds an item: a sub-item goes last under its parent; a top-level item goes before
    /// the closing standing items (any other business, date of next meeting).
    pub fn add_item(&self, new: &NewItem) -> Result<AgendaItem> {
        let title = required("item title", &new.title)?;
        self.store.write(|tx| {
            m::meeting(tx, new.meeting_id)?.ok_or_else(|| no_meeting(new.meeting_id))?;
            let mut items = a::items(tx, Some(new.meeting_id))?;
            let before = items.clone();
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
            let position = match new.parent_id {
                Some(parent) => items.iter().filter(|i| i.parent_id == Some(parent)).count() as u32,
                None => insertion_position(&items),
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
    /// the agenda changes only through [`Boardpack::move_item`].
    pub fn update_item(&self, edited: &AgendaItem) -> Result<AgendaItem> {
        let title = required("item title", &edited.title)?;
        self.store.write(|tx| {
            let old = a::item(tx, edited.id)?.ok_or_else(|| no_item(edited.id))?;
            let item = AgendaItem {
                title,
                private_reason: edited.private_reason.trim().to_owned(),
                meeting_id: old.meeting_id,
                parent_id: old.parent_id,
                position: old.position,
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
            let position = insertion_position(&target);
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

    /// Deletes an item. An item with papers or sub-items is deleted only when
    /// `with_papers` confirms that they go too; otherwise nothing changes.
    pub fn delete_item(&self, id: AgendaItemId, with_papers: bool) -> Result<()> {
        self.store.write(|tx| {
            let item = a::item(tx, id)?.ok_or_else(|| no_item(id))?;
            let mut items = a::items(tx, Some(item.meeting_id))?;
            let doomed: Vec<AgendaItemId> = items.iter().filter(|i| i.id == id || i.parent_id == Some(id)).map(|i| i.id).collect();
            let mut papers = Vec::new();
            for d in &doomed {
                papers.extend(p::papers_of_item(tx, *d)?);
            }
            if !with_papers && (!papers.is_empty() || doomed.len() > 1) {
                return Err(Error::Conflict(format!(
                    "“{}” has {} paper(s) and {} sub-item(s): move them elsewhere first, or confirm that they are deleted with it.",
                    item.title,
                    papers.len(),
                    doomed.len() - 1
                )));
            }
            for paper in &papers {
                p::delete_paper(tx, paper.id)?;
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
}

/// The readiness report of a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReadinessReport {
    pub problems: Vec<boardpack_core::readiness::Problem>,
    /// Whether any problem blocks the pack.
    pub blocking: bool,
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
}
