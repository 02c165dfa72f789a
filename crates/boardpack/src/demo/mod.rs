//! The demo: a realistic, fictional NHS trust ("Riverside University Hospitals NHS Trust")
//! with its Trust Board, an Audit Committee and a Trust Board meeting, so a new user (and
//! every test) has something true-to-life to work on. Ids are fixed, so loading the demo
//! twice changes nothing and prints the same meeting id. Later features add their data
//! here (agenda, papers, attendance, minutes).

use chrono::NaiveDate;
use chrono::NaiveTime;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use boardpack_core::{
    Committee, CommitteeId, Meeting, MeetingId, MeetingStatus, MemberKind, Membership,
    MembershipId, MinuteRefPattern, Organisation, OrganisationId, Person, PersonId, QuorumMinimum,
    QuorumRule, Session,
};

use crate::error::{Error, Result};
use crate::store::{committees as c, meetings as m};
use crate::Boardpack;

/// A fixed UUID v7 for a demo record: a fixed timestamp (1 January 2026) and bits taken
/// from a hash of the record's label.
fn demo_id(label: &str) -> Uuid {
    let hash = Sha256::digest(label.as_bytes());
    let mut counter = [0u8; 10];
    counter.copy_from_slice(&hash[..10]);
    uuid::Builder::from_unix_timestamp_millis(1_767_225_600_000, &counter).into_uuid()
}

/// The demo Trust Board's members: name, initials, role, kind, home organisation.
const BOARD: &[(&str, &str, &str, MemberKind)] = &[
    ("Dame Helen Marsh", "HM", "Trust Chair", MemberKind::Chair),
    (
        "John Adeyemi",
        "JAd",
        "Chief Executive",
        MemberKind::ExecutiveDirector,
    ),
    (
        "Sarah Whitfield",
        "SW",
        "Chief Financial Officer",
        MemberKind::ExecutiveDirector,
    ),
    (
        "Dr Rajesh Patel",
        "RP",
        "Medical Director",
        MemberKind::ExecutiveDirector,
    ),
    (
        "Carol Fenwick",
        "CF",
        "Chief Nurse",
        MemberKind::ExecutiveDirector,
    ),
    (
        "Darren Leigh",
        "DL",
        "Chief Operating Officer",
        MemberKind::ExecutiveDirector,
    ),
    (
        "Hazel Brennan",
        "HB",
        "Director of People and Organisational Development",
        MemberKind::ExecutiveDirector,
    ),
    (
        "Colonel (Retd) Ian Crowe",
        "IC",
        "Non-Executive Director",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Professor Aisha Rahman",
        "AR",
        "Non-Executive Director (University of Northbridge)",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Tim O’Neill",
        "TO'N",
        "Non-Executive Director and Audit Committee Chair",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Bridget Okafor",
        "BO",
        "Non-Executive Director",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Martin Hughes",
        "MH",
        "Non-Executive Director",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Stephen Ward",
        "SWa",
        "Director of Corporate and Legal Affairs",
        MemberKind::InAttendance,
    ),
    (
        "Louise Grant",
        "LG",
        "Director of Strategy and Communications",
        MemberKind::InAttendance,
    ),
    (
        "Kirsty Lamb",
        "KL",
        "Director of Estates and Facilities",
        MemberKind::InAttendance,
    ),
    (
        "Hannah Rowe",
        "HR",
        "Corporate and Committee Services Officer",
        MemberKind::Secretary,
    ),
];

/// Audit Committee: (member's name as on the board, role, kind).
const AUDIT: &[(&str, &str, MemberKind)] = &[
    ("Tim O’Neill", "Committee Chair", MemberKind::Chair),
    (
        "Bridget Okafor",
        "Non-Executive Director",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Martin Hughes",
        "Non-Executive Director",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Sarah Whitfield",
        "Chief Financial Officer",
        MemberKind::InAttendance,
    ),
    (
        "Stephen Ward",
        "Director of Corporate and Legal Affairs",
        MemberKind::InAttendance,
    ),
    (
        "Hannah Rowe",
        "Corporate and Committee Services Officer",
        MemberKind::Secretary,
    ),
];

impl Boardpack {
    /// Loads the demo trust, its committees and the Trust Board meeting; returns that
    /// meeting's id. Loading it again changes nothing.
    pub fn load_demo(&self) -> Result<MeetingId> {
        let meeting_id = MeetingId(demo_id("meeting/TB/142"));
        self.store.write(|tx| {
            if m::meeting(tx, meeting_id)?.is_some() {
                return Ok(meeting_id);
            }
            let org = Organisation {
                id: OrganisationId(demo_id("organisation")),
                name: "Riverside University Hospitals NHS Trust".into(),
                short_name: "RUH".into(),
            };
            c::upsert_organisation(tx, &org)?;
            let board = Committee {
                id: CommitteeId(demo_id("committee/TB")),
                organisation_id: org.id,
                name: "Trust Board".into(),
                code: "TB".into(),
                minute_ref_pattern: MinuteRefPattern::new("TB {yy}/{seq:03}")?,
                quorum: QuorumRule::default(),
            };
            let audit = Committee {
                id: CommitteeId(demo_id("committee/AC")),
                organisation_id: org.id,
                name: "Audit Committee".into(),
                code: "AC".into(),
                minute_ref_pattern: MinuteRefPattern::new("AC/{yy}/{seq:02}")?,
                quorum: QuorumRule {
                    minimum: QuorumMinimum::Fixed { members: 2 },
                    min_executive: 0,
                    min_non_executive: 2,
                    deputies_count: false,
                },
            };
            for committee in [&board, &audit] {
                if c::committee_by_code(tx, &committee.code)?.is_some() {
                    return Err(Error::Conflict(format!(
                        "This database already has a committee with the code {}, so the demo cannot be loaded into it. Load the demo into a new database (--db).",
                        committee.code
                    )));
                }
                c::upsert_committee(tx, committee)?;
            }
            let mut people = Vec::new();
            for (name, initials, role, kind) in BOARD {
                let person = Person {
                    id: PersonId(demo_id(&format!("person/{name}"))),
                    name: (*name).into(),
                    initials: (*initials).into(),
                    organisation: String::new(),
                };
                c::upsert_person(tx, &person)?;
                c::upsert_membership(
                    tx,
                    &Membership {
                        id: MembershipId(demo_id(&format!("membership/TB/{name}"))),
                        committee_id: board.id,
                        person_id: person.id,
                        kind: *kind,
                        role: (*role).into(),
                    },
                )?;
                people.push(person);
            }
            for (name, role, kind) in AUDIT {
                let person = people
                    .iter()
                    .find(|p| p.name == *name)
                    .ok_or_else(|| Error::Conflict(format!("demo member {name} missing")))?;
                c::upsert_membership(
                    tx,
                    &Membership {
                        id: MembershipId(demo_id(&format!("membership/AC/{name}"))),
                        committee_id: audit.id,
                        person_id: person.id,
                        kind: *kind,
                        role: (*role).into(),
                    },
                )?;
            }
            let at = |h, min| NaiveTime::from_hms_opt(h, min, 0);
            let chair = people.first().map(|p| p.id);
            let meeting = Meeting {
                id: meeting_id,
                committee_id: board.id,
                number: 142,
                date: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default(),
                start_time: at(9, 30),
                end_time: at(13, 0),
                venue: "Board Room, Level 1, Riverside House, Riverside Road, Northbridge NB1 4RH"
                    .into(),
                chair_id: chair,
                session: Session::Public,
                status: MeetingStatus::Planning,
            };
            m::upsert_meeting(tx, &meeting)?;
            Ok(meeting_id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_ids_are_stable_uuid_v7() {
        let a = demo_id("meeting/TB/142");
        assert_eq!(a, demo_id("meeting/TB/142"));
        assert_ne!(a, demo_id("meeting/TB/141"));
        assert_eq!(a.get_version_num(), 7);
    }
}
