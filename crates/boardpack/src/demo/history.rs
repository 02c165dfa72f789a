//! The demo's previous Trust Board (141, 5 November 2026): a short agenda with its
//! attendance, minutes and actions, approved with an amendment at meeting 142, whose action
//! log reports on its actions. It gives the action log, minutes approval, approved minutes
//! and the minute numbering something real to show.

use chrono::NaiveDate;

use boardpack_core::actions::{ActionStatus, ActionUpdate};
use boardpack_core::agenda::{schedule, AgendaItem, Lead, Purpose, StandingKind};
use boardpack_core::attendance::{MemberAttendance, Presence};
use boardpack_core::minutes::{
    minute_references, Action, Minute, MinutedItem, MinutesSnapshot, MinutesVersion, Outcome,
};
use boardpack_core::{
    ActionId, ActionUpdateId, AgendaItemId, Committee, Meeting, MeetingId, MeetingStatus, Session,
};

use super::demo_id;
use crate::error::Result;
use crate::store::{actions as x, agenda as a, committees as c, meetings as m, room as r};

fn date(y: i32, mo: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, mo, d).unwrap_or_default()
}

/// Items of meeting 141: title, standing kind, purpose.
const ITEMS: &[(&str, Option<StandingKind>, Purpose)] = &[
    (
        "Welcome and apologies for absence",
        Some(StandingKind::WelcomeAndApologies),
        Purpose::Noting,
    ),
    (
        "Declarations of interest",
        Some(StandingKind::DeclarationsOfInterest),
        Purpose::Noting,
    ),
    (
        "Minutes of the previous meeting",
        Some(StandingKind::PreviousMinutes),
        Purpose::Decision,
    ),
    (
        "Action log and matters arising",
        Some(StandingKind::ActionLog),
        Purpose::Assurance,
    ),
    (
        "Chief Executive's monthly update report – October 2026",
        None,
        Purpose::Assurance,
    ),
    ("Winter plan 2026/27", None, Purpose::Decision),
    (
        "Finance and use of resources report – month 6",
        None,
        Purpose::Assurance,
    ),
    (
        "Any other business",
        Some(StandingKind::AnyOtherBusiness),
        Purpose::Noting,
    ),
];

fn item_id(title: &str) -> AgendaItemId {
    AgendaItemId(demo_id(&format!("item/141/{title}")))
}

fn action(label: &str, text: &str, lead: &str, due: NaiveDate) -> Action {
    Action {
        id: ActionId(demo_id(&format!("action/141/{label}"))),
        text: text.into(),
        lead: lead.into(),
        due: Some(due),
        status: ActionStatus::Open,
    }
}

/// Writes meeting 141 with its minutes, their approval at `next` (meeting 142), and the
/// updates on 141's actions reported at 142.
pub(super) fn load_previous_meeting(
    tx: &rusqlite::Transaction<'_>,
    board: &Committee,
    next: &Meeting,
) -> Result<()> {
    let meeting = Meeting {
        id: MeetingId(demo_id("meeting/TB/141")),
        committee_id: board.id,
        number: 141,
        date: date(2026, 11, 5),
        start_time: next.start_time,
        end_time: next.end_time,
        venue: next.venue.clone(),
        chair_id: next.chair_id,
        session: Session::Public,
        status: MeetingStatus::MinutesApproved,
    };
    m::upsert_meeting(tx, &meeting)?;
    let items: Vec<AgendaItem> = ITEMS
        .iter()
        .enumerate()
        .map(|(k, (title, standing, purpose))| AgendaItem {
            id: item_id(title),
            meeting_id: meeting.id,
            parent_id: None,
            position: k as u32,
            title: (*title).into(),
            purpose: *purpose,
            lead: Lead::None,
            duration_minutes: if standing.is_some() { 5 } else { 30 },
            session: Session::Public,
            private_reason: String::new(),
            confidential: false,
            for_bulletin: false,
            paper_expected: standing.is_none(),
            standing: *standing,
        })
        .collect();
    for i in &items {
        a::upsert_item(tx, i)?;
    }

    let winter = [
        action(
            "winter/1",
            "Publish the winter communications plan for patients and staff",
            "DL",
            date(2026, 11, 27),
        ),
        action(
            "winter/2",
            "Agree the escalation-bed staffing model with the People, Process and Performance Committee",
            "HB",
            date(2027, 1, 31),
        ),
    ];
    let finance = [action(
        "finance/1",
        "Report the agency spend trajectory against the cap",
        "SW",
        date(2026, 12, 3),
    )];
    // Everyone came but those whose apologies the draft minutes (paper A) record.
    let people = c::people(tx)?;
    for member in c::memberships(tx, Some(board.id))? {
        let initials = people
            .iter()
            .find(|p| p.id == member.person_id)
            .map(|p| p.initials.as_str())
            .unwrap_or_default();
        r::upsert_attendance(
            tx,
            &MemberAttendance {
                meeting_id: meeting.id,
                person_id: member.person_id,
                presence: if super::papers::NOVEMBER_APOLOGIES.contains(&initials) {
                    Presence::Apologies
                } else {
                    Presence::Present
                },
                deputy: String::new(),
                arrived: None,
                left: None,
                note: String::new(),
            },
        )?;
    }
    let minutes = [
        Minute {
            item_id: item_id("Minutes of the previous meeting"),
            discussion: "The minutes of the meeting held on 1 October 2026 were approved as an accurate record.".into(),
            outcome: Some(Outcome::Approved),
            amendments: String::new(),
            resolutions: vec!["APPROVE the minutes of the meeting held on 1 October 2026.".into()],
            actions: Vec::new(),
        },
        Minute {
            item_id: item_id("Action log and matters arising"),
            discussion: "The Board reviewed the action log; the actions due by the meeting had been completed, and there were no matters arising.".into(),
            outcome: Some(Outcome::Received),
            amendments: String::new(),
            resolutions: vec!["RECEIVE the action log.".into()],
            actions: Vec::new(),
        },
        Minute {
            item_id: item_id("Chief Executive's monthly update report – October 2026"),
            discussion: "JAd presented the report. The Board welcomed the reduction in twelve-hour waits in the emergency department.".into(),
            outcome: Some(Outcome::Received),
            amendments: String::new(),
            resolutions: vec!["RECEIVE the report.".into()],
            actions: Vec::new(),
        },
        Minute {
            item_id: item_id("Winter plan 2026/27"),
            discussion: "DL presented the winter plan, including 38 escalation beds and the rapid-assessment area.\n- NEDs asked how the escalation beds would be staffed; HB described the bank and agency controls.".into(),
            outcome: Some(Outcome::Approved),
            amendments: String::new(),
            resolutions: vec!["APPROVE the winter plan 2026/27.".into()],
            actions: winter.to_vec(),
        },
        Minute {
            item_id: item_id("Finance and use of resources report – month 6"),
            discussion: "SW reported a deficit of £4.6m against a plan of £4.1m, driven by agency spend. The capital programme is £41.2m.".into(),
            outcome: Some(Outcome::Noted),
            amendments: String::new(),
            resolutions: vec!["NOTE the month 6 position.".into()],
            actions: finance.to_vec(),
        },
        Minute {
            item_id: item_id("Any other business"),
            discussion: "There was no other business.".into(),
            outcome: None,
            amendments: String::new(),
            resolutions: Vec::new(),
            actions: Vec::new(),
        },
    ];
    for mn in &minutes {
        r::upsert_minute(tx, mn)?;
    }
    r::set_closed(tx, meeting.id, chrono::NaiveTime::from_hms_opt(12, 35, 0))?;

    // Approved at meeting 142, whose own references number on from 141's.
    let slots = schedule(&items, meeting.start_time);
    let refs = minute_references(&board.minute_ref_pattern, meeting.date, &[], &slots, 1);
    let next_items = a::items(tx, Some(next.id))?;
    let next_refs = minute_references(
        &board.minute_ref_pattern,
        next.date,
        &[(meeting.id, meeting.date, items.len())],
        &schedule(&next_items, next.start_time),
        1,
    );
    let approving = AgendaItemId(demo_id(&format!(
        "item/{:?}",
        Some(StandingKind::PreviousMinutes)
    )));
    let snapshot = MinutesSnapshot {
        items: slots
            .iter()
            .filter_map(|s| {
                let i = items.iter().find(|i| i.id == s.item_id)?;
                Some(MinutedItem {
                    item_id: i.id,
                    reference: refs.get(&i.id).cloned().unwrap_or_default(),
                    number: s.number.clone(),
                    title: i.title.clone(),
                })
            })
            .collect(),
        minutes: minutes.to_vec(),
    };
    x::insert_version(
        tx,
        &MinutesVersion {
            meeting_id: meeting.id,
            version: 1,
            recorded_on: next.date,
            note: format!(
                "Approved by the Trust Board on 3 December 2026, minute {}, with amendments: Minute TB 26/007: the capital programme is £41.2m, not £42.1m.",
                next_refs.get(&approving).cloned().unwrap_or_default()
            ),
            approved_at: Some(approving),
            snapshot,
        },
    )?;

    let updates = [
        (
            &winter[0],
            "winter/1",
            ActionStatus::Complete,
            "Published on 20 November; the staff briefing followed on 24 November.",
        ),
        (
            &winter[1],
            "winter/2",
            ActionStatus::OnTrack,
            "A joint session with the People, Process and Performance Committee is booked for 12 January.",
        ),
        (
            &finance[0],
            "finance/1",
            ActionStatus::AtRisk,
            "The trajectory is in the month 7 report; agency spend is still above the cap.",
        ),
    ];
    for (act, label, status, note) in updates {
        let u = ActionUpdate {
            id: ActionUpdateId(demo_id(&format!("action-update/141/{label}"))),
            action_id: act.id,
            date: next.date,
            status,
            note: note.into(),
            meeting_id: Some(next.id),
        };
        x::upsert_update(tx, &u)?;
        x::set_status(tx, &u)?;
    }
    Ok(())
}
