//! Use cases of the board pack: gathering a meeting's agenda, papers and registers into a
//! [`boardpack_core::pack::PackPlan`], and writing the pack.

use std::collections::BTreeMap;

use boardpack_core::agenda::Lead;
use boardpack_core::pack::{plan, PackInput, PackPlan};
use boardpack_core::MeetingId;

use crate::error::{Error, Result};
use crate::setup::no_meeting;
use crate::store::{agenda as a, committees as c, papers as p, risks as r};
use crate::Boardpack;

impl Boardpack {
    /// The plan of a meeting's pack, public or private.
    pub fn pack_plan(&self, meeting_id: MeetingId, public: bool) -> Result<PackPlan> {
        let summary = self.meeting(meeting_id)?;
        self.store
            .read(|conn| {
                let meeting = &summary.meeting;
                let committee = c::committee(conn, meeting.committee_id)?
                    .ok_or_else(|| no_meeting(meeting_id))?;
                let organisation = c::organisations(conn)?
                    .into_iter()
                    .find(|o| o.id == committee.organisation_id)
                    .ok_or_else(|| no_meeting(meeting_id))?;
                let items = a::items(conn, Some(meeting_id))?;
                let papers = p::papers(conn, Some(meeting_id))?;
                let people = c::people(conn)?;
                let members = c::memberships(conn, Some(committee.id))?;
                let leads: BTreeMap<_, _> = items
                    .iter()
                    .map(|i| {
                        let text = match &i.lead {
                            Lead::None => String::new(),
                            Lead::Member { person_id } => {
                                let name = people
                                    .iter()
                                    .find(|p| p.id == *person_id)
                                    .map(|p| p.name.clone())
                                    .unwrap_or_default();
                                match members.iter().find(|m| m.person_id == *person_id) {
                                    Some(m) if !m.role.is_empty() => format!("{name}, {}", m.role),
                                    _ => name,
                                }
                            }
                            Lead::Invitee { name, role } if role.is_empty() => name.clone(),
                            Lead::Invitee { name, role } => format!("{name}, {role}"),
                        };
                        (i.id, text)
                    })
                    .collect();
                let objectives = r::objectives(conn, Some(organisation.id))?;
                let risks = r::risks(conn, Some(organisation.id))?;
                let input = PackInput {
                    organisation: &organisation,
                    committee: &committee,
                    meeting,
                    chair: summary.chair_name.as_deref(),
                    items: &items,
                    papers: &papers,
                    leads: &leads,
                    objectives: &objectives,
                    risks: &risks,
                    public,
                };
                Ok(plan(&input))
            })
            .map_err(|e: Error| e)
    }
}
