//! One meeting read once: [`MeetingSnapshot`] holds everything the readiness check, the
//! pack plan, the bulletin, the room view and the minutes are made from, read in one read
//! transaction (so they all see the same data). A use case that needs several of them
//! (exporting a pack is the readiness check, the plan and the writing) reads the snapshot
//! once and hands values down; no stage goes back to the store.
//!
//! It must not write, and it decides nothing itself: the rules are the core's, called here
//! with the snapshot's values.

use std::collections::BTreeMap;

use boardpack_core::accessibility::{AccessibilityInput, AccessibilityReport, TaggedFiles};
use boardpack_core::agenda::{schedule, AgendaItem};
use boardpack_core::attendance::{Attendee, MemberAttendance};
use boardpack_core::bulletin::{BulletinInput, BulletinPlan};
use boardpack_core::interests::{Declaration, Interest};
use boardpack_core::minutes::{minute_references, Minute, Outcome};
use boardpack_core::minutes_doc::MinutesApproval;
use boardpack_core::pack::{PackInput, PackPlan};
use boardpack_core::paper::{Objective, Paper};
use boardpack_core::readiness::ReadinessInput;
use boardpack_core::risk::Risk;
use boardpack_core::{
    AgendaItemId, Committee, Meeting, MeetingId, MeetingStatus, Membership, Organisation, Person,
};

use crate::agenda::ReadinessReport;
use crate::error::{Error, Result};
use crate::setup::{no_meeting, summarise, MeetingSummary};
use crate::store::{
    actions as x, agenda as a, blobs as b, committees as c, meetings as m, papers as p, risks as r,
    room as rm,
};
use crate::Boardpack;

/// A meeting and everything about it that documents are made from, as read at one moment.
#[derive(Debug, Clone)]
pub struct MeetingSnapshot {
    pub summary: MeetingSummary,
    pub committee: Committee,
    pub organisation: Organisation,
    pub items: Vec<AgendaItem>,
    pub papers: Vec<Paper>,
    /// Everyone (leads, contact points and members are people).
    pub people: Vec<Person>,
    /// The committee's members.
    pub members: Vec<Membership>,
    pub objectives: Vec<Objective>,
    pub risks: Vec<Risk>,
    pub attendance: Vec<MemberAttendance>,
    pub attendees: Vec<Attendee>,
    pub declarations: Vec<Declaration>,
    /// The register of interests of everyone.
    pub interests: Vec<Interest>,
    pub minutes: Vec<Minute>,
    /// Minute references of the meeting's items, numbered on through the committee's year.
    pub minute_refs: BTreeMap<AgendaItemId, String>,
    /// The committee's next meeting after this one, if any.
    pub next_meeting: Option<Meeting>,
    /// The organisation's logo as documents draw it.
    pub logo: Option<std::sync::Arc<boardpack_pdf::Image>>,
    /// When the meeting closed, as recorded.
    pub closed_at: Option<chrono::NaiveTime>,
    /// How its minutes were approved, once they are: at which later meeting's item, on
    /// what date, with what amendments.
    pub approval: Option<MinutesApproval>,
    /// The files attached to its papers that are tagged PDFs (by SHA-256), as read when
    /// they were stored.
    pub tagged: TaggedFiles,
}

/// A meeting's minute references, numbered on through the committee's year, and the
/// committee's next meeting after it.
fn references(
    conn: &rusqlite::Connection,
    committee: &Committee,
    meeting: &Meeting,
) -> Result<(BTreeMap<AgendaItemId, String>, Option<Meeting>)> {
    let items = a::items(conn, Some(meeting.id))?;
    let slots = schedule(&items, meeting.start_time);
    let mut earlier = Vec::new();
    let mut next_meeting: Option<Meeting> = None;
    for other in m::meetings(conn, Some(committee.id))? {
        if other.id == meeting.id {
            continue;
        }
        earlier.push((other.id, other.date, a::items(conn, Some(other.id))?.len()));
        if other.date > meeting.date && next_meeting.as_ref().is_none_or(|n| other.date < n.date) {
            next_meeting = Some(other);
        }
    }
    let refs = minute_references(
        &committee.minute_ref_pattern,
        meeting.date,
        &earlier,
        &slots,
        committee.first_minute(chrono::Datelike::year(&meeting.date)),
    );
    Ok((refs, next_meeting))
}

/// How a meeting's minutes were approved: its latest kept version that records an
/// approval, with the approving item's minute reference and amendments.
fn approval(
    conn: &rusqlite::Connection,
    committee: &Committee,
    meeting: &Meeting,
) -> Result<Option<MinutesApproval>> {
    if meeting.status != MeetingStatus::MinutesApproved {
        return Ok(None);
    }
    let Some(version) = x::versions(conn, Some(meeting.id))?
        .into_iter()
        .rev()
        .find(|v| v.approved_at.is_some())
    else {
        return Ok(None);
    };
    let mut reference = String::new();
    let mut amendments = String::new();
    if let Some(item) = version
        .approved_at
        .and_then(|i| a::item(conn, i).transpose())
    {
        let item = item?;
        if let Some(at) = m::meeting(conn, item.meeting_id)? {
            reference = references(conn, committee, &at)?
                .0
                .remove(&item.id)
                .unwrap_or_default();
        }
        if let Some(minute) = rm::minute(conn, item.id)? {
            if minute.outcome == Some(Outcome::ApprovedWithAmendments) {
                amendments = minute.amendments;
            }
        }
    }
    Ok(Some(MinutesApproval {
        committee: committee.name.clone(),
        date: version.recorded_on,
        reference,
        amendments,
    }))
}

impl Boardpack {
    /// Reads a meeting and everything documents about it are made from, in one read
    /// transaction.
    pub fn snapshot(&self, meeting_id: MeetingId) -> Result<MeetingSnapshot> {
        self.store.read(|conn| {
            let meeting = m::meeting(conn, meeting_id)?.ok_or_else(|| no_meeting(meeting_id))?;
            let committee =
                c::committee(conn, meeting.committee_id)?.ok_or_else(|| no_meeting(meeting_id))?;
            let organisation = c::organisation(conn, committee.organisation_id)?
                .ok_or_else(|| no_meeting(meeting_id))?;
            let people = c::people(conn)?;
            let items = a::items(conn, Some(meeting_id))?;
            let (minute_refs, next_meeting) = references(conn, &committee, &meeting)?;
            let logo = self.logo_image(&organisation)?;
            Ok(MeetingSnapshot {
                logo,
                closed_at: rm::closings(conn, Some(meeting_id))?.first().map(|x| x.at),
                approval: approval(conn, &committee, &meeting)?,
                summary: summarise(meeting, &committee, &people),
                members: c::memberships(conn, Some(committee.id))?,
                objectives: r::objectives(conn, Some(organisation.id))?,
                risks: r::risks(conn, Some(organisation.id))?,
                papers: p::papers(conn, Some(meeting_id))?,
                tagged: b::tagged_files(conn, meeting_id)?,
                attendance: rm::attendance(conn, Some(meeting_id))?,
                attendees: rm::attendees(conn, Some(meeting_id))?,
                declarations: rm::declarations(conn, Some(meeting_id))?,
                interests: rm::interests(conn, None)?,
                minutes: rm::minutes(conn, Some(meeting_id))?,
                minute_refs,
                next_meeting,
                items,
                people,
                committee,
                organisation,
            })
        })
    }
}

impl MeetingSnapshot {
    pub fn meeting(&self) -> &Meeting {
        &self.summary.meeting
    }

    /// The readiness check as at `today`.
    pub fn readiness(&self, today: chrono::NaiveDate) -> ReadinessReport {
        let summary_pages = self
            .papers
            .iter()
            .map(|paper| (paper.id, boardpack_core::coversheet::summary_pages(paper)))
            .collect();
        let timetable = self.timetable();
        let problems = boardpack_core::readiness::check(&ReadinessInput {
            meeting: self.meeting(),
            items: &self.items,
            papers: &self.papers,
            objectives: &self.objectives,
            timetable: &timetable,
            summary_pages: &summary_pages,
            tagged: &self.tagged,
            today,
        });
        ReadinessReport {
            blocking: boardpack_core::readiness::blocks(&problems),
            problems,
            accessibility: Some(self.accessibility()),
        }
    }

    /// For every export, whether it comes out as tagged PDF/UA-1.
    pub fn accessibility(&self) -> AccessibilityReport {
        boardpack_core::accessibility::report(&AccessibilityInput {
            organisation: &self.organisation,
            committee: &self.committee,
            meeting: self.meeting(),
            items: &self.items,
            papers: &self.papers,
            people: &self.people,
            members: &self.members,
            tagged: &self.tagged,
        })
    }

    /// The meeting's timetable under its committee's rules and its organisation's bank
    /// holidays, or the year the holiday data lacks.
    pub fn timetable(
        &self,
    ) -> std::result::Result<
        boardpack_core::timetable::Timetable,
        boardpack_core::timetable::TimetableError,
    > {
        boardpack_core::timetable::Timetable::new(
            self.organisation.holiday_region,
            self.committee.timetable_rules(),
            self.meeting().date,
        )
    }

    /// Refuses a public document (`document`: "public pack", "public minutes"…) of a
    /// meeting held in private, with the sentence of [`boardpack_core::pack::PrivateMeeting`].
    pub fn check_public(&self, document: &'static str) -> Result<()> {
        boardpack_core::pack::check_public(&self.committee, self.meeting(), document)
            .map_err(|e| Error::Private(e.to_string()))
    }

    /// The plan of the pack, public or private. A public pack of a meeting held in private
    /// is refused.
    pub fn pack_plan(&self, public: bool) -> Result<PackPlan> {
        self.pack_plan_issue(public, &boardpack_core::reissue::IssueOptions::default())
    }

    /// [`MeetingSnapshot::pack_plan`] for an issue: the version in the footers, a change
    /// list, or a supplement ([`boardpack_core::pack::plan_issue`]).
    pub fn pack_plan_issue(
        &self,
        public: bool,
        issue: &boardpack_core::reissue::IssueOptions,
    ) -> Result<PackPlan> {
        let leads: BTreeMap<_, _> = self
            .items
            .iter()
            .map(|i| (i.id, i.lead.describe(&self.people, &self.members)))
            .collect();
        boardpack_core::pack::plan_issue(
            &PackInput {
                organisation: &self.organisation,
                committee: &self.committee,
                meeting: self.meeting(),
                chair: self.summary.chair_name.as_deref(),
                items: &self.items,
                papers: &self.papers,
                leads: &leads,
                objectives: &self.objectives,
                risks: &self.risks,
                public,
                logo: self.logo.as_ref(),
            },
            issue,
        )
        .map_err(|e| Error::Private(e.to_string()))
    }

    /// The plan of the public bulletin.
    pub fn bulletin_plan(&self) -> Result<BulletinPlan> {
        Ok(boardpack_core::bulletin::plan(&BulletinInput {
            organisation: &self.organisation,
            committee: &self.committee,
            meeting: self.meeting(),
            items: &self.items,
            papers: &self.papers,
            people: &self.people,
            members: &self.members,
            logo: self.logo.as_ref(),
        })?)
    }

    /// How the pack's errors name each attached file (by SHA-256): "Paper E (Finance
    /// report)", "Paper E (Finance report), Appendix 1".
    pub(crate) fn file_names(&self, plan: &PackPlan) -> BTreeMap<String, String> {
        let mut names = BTreeMap::new();
        for planned in &plan.papers {
            let Some(paper) = self.papers.iter().find(|p| p.id == planned.paper_id) else {
                continue;
            };
            let label = format!("Paper {} ({})", planned.letter, paper.title);
            for (k, a) in paper.document.iter().chain(&paper.appendices).enumerate() {
                let name = if k == 0 && paper.document.is_some() {
                    label.clone()
                } else {
                    format!("{label}, {}", a.title)
                };
                names.entry(a.sha256.clone()).or_insert(name);
            }
        }
        names
    }
}
