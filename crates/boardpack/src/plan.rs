//! Use cases of the forward plan: a committee's work programme read from the cover sheets'
//! "scheduled date of the next paper", the agenda it proposes for a coming meeting, and
//! adding the proposals the secretary accepts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use boardpack_core::agenda::{schedule, AgendaItem, StandingKind};
use boardpack_core::forward_plan::{
    forward_plan, propose_agenda, PlanEntry, PlanSource, ProposalSource, ProposedItem,
};
use boardpack_core::paper::assign_letters;
use boardpack_core::{AgendaItemId, Committee, CommitteeId, MeetingId, Session};
use rusqlite::Connection;

use crate::actions::{committee_actions, no_committee};
use crate::agenda::{AgendaView, NewItem};
use crate::error::Result;
use crate::setup::no_meeting;
use crate::store::{agenda as a, committees as c, meetings as m, papers as p};
use crate::Boardpack;

/// A committee's forward plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ForwardPlan {
    pub committee_id: CommitteeId,
    pub committee_name: String,
    pub entries: Vec<PlanEntry>,
}

fn plan_of(conn: &Connection, committee: &Committee) -> Result<Vec<PlanEntry>> {
    let meetings = m::meetings(conn, Some(committee.id))?;
    let mut items: Vec<AgendaItem> = Vec::new();
    let mut papers = Vec::new();
    let mut letters = std::collections::BTreeMap::new();
    for mt in &meetings {
        let its = a::items(conn, Some(mt.id))?;
        let ps = p::papers(conn, Some(mt.id))?;
        letters.extend(assign_letters(&schedule(&its, mt.start_time), &ps));
        items.extend(its);
        papers.extend(ps);
    }
    let sources: Vec<PlanSource<'_>> = papers
        .iter()
        .filter_map(|paper| {
            let item = items.iter().find(|i| i.id == paper.item_id)?;
            let meeting = meetings.iter().find(|mt| mt.id == item.meeting_id)?;
            Some(PlanSource {
                meeting,
                item,
                paper,
                letter: format!(
                    "Paper {}",
                    letters.get(&paper.id).cloned().unwrap_or_default()
                ),
            })
        })
        .collect();
    Ok(forward_plan(&sources, &meetings, &items))
}

impl Boardpack {
    /// A committee's forward plan: each topic's next paper, earliest first, with the
    /// meeting it falls to.
    pub fn forward_plan(&self, committee: CommitteeId) -> Result<ForwardPlan> {
        self.store.read(|conn| {
            let cm = c::committee(conn, committee)?.ok_or_else(|| no_committee(committee))?;
            Ok(ForwardPlan {
                committee_id: cm.id,
                committee_name: cm.name.clone(),
                entries: plan_of(conn, &cm)?,
            })
        })
    }

    /// What the agenda of a coming meeting should have and does not yet: missing standing
    /// items, the forward plan's papers due at it, and the action log while actions from
    /// earlier meetings are open (as at `today`).
    pub fn propose_agenda(
        &self,
        meeting: MeetingId,
        today: NaiveDate,
    ) -> Result<Vec<ProposedItem>> {
        self.store.read(|conn| {
            let mt = m::meeting(conn, meeting)?.ok_or_else(|| no_meeting(meeting))?;
            let cm = c::committee(conn, mt.committee_id)?.ok_or_else(|| no_meeting(meeting))?;
            let plan = plan_of(conn, &cm)?;
            let agenda = a::items(conn, Some(meeting))?;
            let open = committee_actions(conn, &cm, today)?
                .iter()
                .filter(|e| e.meeting_date < mt.date && !e.status.is_done())
                .count() as u32;
            Ok(propose_agenda(
                &mt,
                &cm.standing_items,
                &plan,
                &agenda,
                open,
            ))
        })
    }

    /// Adds the accepted proposals to the meeting's agenda: standing items in their place
    /// among the opening or closing items, the rest before the closing items.
    pub fn accept_proposals(
        &self,
        meeting: MeetingId,
        accepted: &[ProposedItem],
    ) -> Result<AgendaView> {
        for proposal in accepted {
            let standing = match &proposal.source {
                ProposalSource::Standing { standing } => Some(*standing),
                ProposalSource::MattersArising { .. } => Some(StandingKind::ActionLog),
                ProposalSource::ForwardPlan { .. } => None,
            };
            let (_, _, minutes, _) =
                standing
                    .map(|s| s.template())
                    .unwrap_or(("", proposal.purpose, 15, true));
            let added = self.add_item(&NewItem {
                meeting_id: meeting,
                parent_id: None,
                title: proposal.title.clone(),
                purpose: proposal.purpose,
                lead: proposal.lead.clone(),
                duration_minutes: minutes,
                session: proposal.session,
                private_reason: proposal.private_reason.clone(),
                confidential: false,
                for_bulletin: false,
                paper_expected: proposal.paper_expected,
            })?;
            if let Some(kind) = standing {
                self.make_standing(added.id, kind)?;
            }
        }
        self.agenda(meeting)
    }

    /// Marks a new item as a standing item and moves it among its kind: an opening item
    /// after the last opening standing item, a closing one to the end.
    fn make_standing(&self, id: AgendaItemId, kind: StandingKind) -> Result<()> {
        self.store.write(|tx| {
            let Some(mut item) = a::item(tx, id)? else {
                return Ok(());
            };
            let mut all = a::items(tx, Some(item.meeting_id))?;
            boardpack_core::agenda::normalise(&mut all);
            let mut tops: Vec<AgendaItem> = all
                .into_iter()
                .filter(|i| i.parent_id.is_none() && i.id != id)
                .collect();
            tops.sort_by_key(|i| (i.position, i.id));
            let at = if kind.closes() {
                // The end of the item's own part (Part 2 follows the public business).
                match item.session {
                    Session::Public => tops
                        .iter()
                        .take_while(|i| i.session == Session::Public)
                        .count(),
                    Session::Private => tops.len(),
                }
            } else {
                tops.iter()
                    .take_while(|i| i.standing.is_some_and(|s| !s.closes()))
                    .count()
            };
            item.standing = Some(kind);
            tops.insert(at, item);
            for (k, mut i) in tops.into_iter().enumerate() {
                i.position = k as u32;
                a::upsert_item(tx, &i)?;
            }
            Ok(())
        })
    }
}
