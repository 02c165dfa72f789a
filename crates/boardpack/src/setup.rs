//! Use cases that set up who meets and when: organisations, committees, members and
//! meetings, and the lists the shells show of them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use boardpack_core::meeting::NewMeeting;
use boardpack_core::validate::{committee_code, initials, initials_from_name, phone, required};
use boardpack_core::{
    Committee, CommitteeId, Meeting, MeetingId, MeetingStatus, MemberKind, Membership,
    MembershipId, MinuteRefPattern, Organisation, OrganisationId, Person, PersonId, QuorumRule,
};

use boardpack_core::model::default_standing_items;

use crate::error::{Error, Result};
use crate::store::{committees as c, meetings as m};
use crate::Boardpack;

/// What a user supplies to create a committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewCommittee {
    /// The organisation's name. Empty: the only organisation in the database.
    pub organisation: String,
    pub name: String,
    pub code: String,
    /// Empty: "CODE {yy}/{seq}".
    pub minute_ref_pattern: String,
    /// None: one third of voting members with an executive and a non-executive director.
    pub quorum: Option<QuorumRule>,
}

/// What a user supplies to seat someone on a committee. A person with the same name and
/// initials is reused, so one person can sit on several committees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewMember {
    pub committee_code: String,
    pub name: String,
    /// Empty: made from the name.
    pub initials: String,
    pub role: String,
    pub kind: MemberKind,
    /// The body they come from, when not the committee's own.
    pub organisation: String,
    /// Their telephone number, which the public bulletin gives when they lead an item
    /// ("0116 258 8940"); empty when not known. Given for someone already known, it
    /// replaces the number on record.
    #[serde(default)]
    pub phone: String,
}

/// A committee as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommitteeSummary {
    pub committee: Committee,
    pub organisation_name: String,
    pub member_count: u32,
    pub quorum_text: String,
}

/// A meeting as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeetingSummary {
    pub meeting: Meeting,
    pub committee_code: String,
    pub committee_name: String,
    /// "Trust Board – 4 July 2019".
    pub title: String,
    pub chair_name: Option<String>,
}

/// A member as lists show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberSummary {
    pub membership: Membership,
    pub person: Person,
}

fn new_id() -> Uuid {
    Uuid::now_v7()
}

fn no_committee(code: &str) -> Error {
    Error::NotFound {
        what: "committee with the code",
        key: code.to_owned(),
        hint: "Check the code, or add the committee first.",
    }
}

impl Boardpack {
    /// Adds an organisation.
    pub fn add_organisation(&self, name: &str, short_name: &str) -> Result<Organisation> {
        let org = Organisation {
            id: OrganisationId(new_id()),
            name: required("organisation name", name)?,
            short_name: short_name.trim().to_owned(),
            bulletin_wording: String::new(),
        };
        self.store.write(|tx| c::upsert_organisation(tx, &org))?;
        Ok(org)
    }

    pub fn organisations(&self) -> Result<Vec<Organisation>> {
        self.store.read(c::organisations)
    }

    /// The organisation that holds a meeting (its committee's).
    pub fn meeting_organisation(&self, meeting_id: MeetingId) -> Result<Organisation> {
        self.store.read(|conn| {
            let meeting = m::meeting(conn, meeting_id)?.ok_or_else(|| no_meeting(meeting_id))?;
            let committee =
                c::committee(conn, meeting.committee_id)?.ok_or_else(|| no_meeting(meeting_id))?;
            c::organisation(conn, committee.organisation_id)?.ok_or_else(|| no_meeting(meeting_id))
        })
    }

    /// The organisation of that name or short name; left empty, the database's only one.
    pub fn organisation_by_name(&self, name: &str) -> Result<Organisation> {
        let wanted = name.trim();
        let orgs = self.organisations()?;
        if wanted.is_empty() {
            return match <[Organisation; 1]>::try_from(orgs) {
                Ok([only]) => Ok(only),
                Err(orgs) if orgs.is_empty() => Err(Error::Conflict(
                    "There is no organisation yet: add a committee with its organisation first."
                        .into(),
                )),
                Err(_) => Err(Error::Conflict(
                    "There are several organisations: name the one you mean.".into(),
                )),
            };
        }
        orgs.into_iter()
            .find(|o| o.name == wanted || o.short_name == wanted)
            .ok_or_else(|| Error::NotFound {
                what: "organisation called",
                key: wanted.to_owned(),
                hint: "Check the name, or use its short name.",
            })
    }

    /// Adds a committee. The organisation is found by name, or created when the database
    /// has none by that name; left empty, it is the database's only organisation.
    pub fn add_committee(&self, new: &NewCommittee) -> Result<Committee> {
        let name = required("committee name", &new.name)?;
        let code = committee_code(&new.code)?;
        let pattern = if new.minute_ref_pattern.trim().is_empty() {
            MinuteRefPattern::default_for(&code)
        } else {
            MinuteRefPattern::new(&new.minute_ref_pattern)?
        };
        let quorum = new.quorum.unwrap_or_default();
        quorum.validate()?;
        self.store.write(|tx| {
            if c::committee_by_code(tx, &code)?.is_some() {
                return Err(Error::Conflict(format!(
                    "There is already a committee with the code {code}: choose another code."
                )));
            }
            let orgs = c::organisations(tx)?;
            let wanted = new.organisation.trim();
            let organisation_id = if wanted.is_empty() {
                match orgs.as_slice() {
                    [only] => only.id,
                    [] => return Err(Error::Conflict(
                        "There is no organisation yet: name the organisation the committee belongs to.".into(),
                    )),
                    _ => return Err(Error::Conflict(
                        "There are several organisations: name the one the committee belongs to.".into(),
                    )),
                }
            } else if let Some(o) = orgs.iter().find(|o| o.name == wanted || o.short_name == wanted) {
                o.id
            } else {
                let org = Organisation {
                    id: OrganisationId(new_id()),
                    name: wanted.to_owned(),
                    short_name: String::new(),
                    bulletin_wording: String::new(),
                };
                c::upsert_organisation(tx, &org)?;
                org.id
            };
            let committee = Committee {
                id: CommitteeId(new_id()),
                organisation_id,
                name,
                code,
                minute_ref_pattern: pattern,
                quorum,
                paper_deadline_days: 7,
                agenda_verbs: false,
                standing_items: default_standing_items(),
            };
            c::upsert_committee(tx, &committee)?;
            Ok(committee)
        })
    }

    /// Every committee with its organisation and size, by name.
    pub fn committees(&self) -> Result<Vec<CommitteeSummary>> {
        self.store.read(|conn| {
            let orgs = c::organisations(conn)?;
            let members = c::memberships(conn, None)?;
            Ok(c::committees(conn)?
                .into_iter()
                .map(|committee| CommitteeSummary {
                    organisation_name: orgs
                        .iter()
                        .find(|o| o.id == committee.organisation_id)
                        .map(|o| o.name.clone())
                        .unwrap_or_default(),
                    member_count: members
                        .iter()
                        .filter(|m| m.committee_id == committee.id)
                        .count() as u32,
                    quorum_text: committee.quorum.describe(),
                    committee,
                })
                .collect())
        })
    }

    pub fn committee_by_code(&self, code: &str) -> Result<Committee> {
        let code = code.trim();
        self.store
            .read(|conn| c::committee_by_code(conn, code))?
            .ok_or_else(|| no_committee(code))
    }

    /// Seats a person on a committee.
    pub fn add_member(&self, new: &NewMember) -> Result<MemberSummary> {
        let name = required("name", &new.name)?;
        let inits = if new.initials.trim().is_empty() {
            initials_from_name(&name)
        } else {
            initials(&new.initials)?
        };
        let phone = phone(&new.phone)?;
        self.store.write(|tx| {
            let committee = c::committee_by_code(tx, new.committee_code.trim())?
                .ok_or_else(|| no_committee(new.committee_code.trim()))?;
            let person = match c::person_by_name(tx, &name, &inits)? {
                Some(p) if !phone.is_empty() && p.phone != phone => {
                    let p = Person { phone, ..p };
                    c::upsert_person(tx, &p)?;
                    p
                }
                Some(p) => p,
                None => {
                    let p = Person {
                        id: PersonId(new_id()),
                        name: name.clone(),
                        initials: inits.clone(),
                        organisation: new.organisation.trim().to_owned(),
                        phone,
                    };
                    c::upsert_person(tx, &p)?;
                    p
                }
            };
            if c::memberships(tx, Some(committee.id))?
                .iter()
                .any(|m| m.person_id == person.id)
            {
                return Err(Error::Conflict(format!(
                    "{name} ({inits}) is already a member of {}.",
                    committee.name
                )));
            }
            let membership = Membership {
                id: MembershipId(new_id()),
                committee_id: committee.id,
                person_id: person.id,
                kind: new.kind,
                role: new.role.trim().to_owned(),
            };
            c::upsert_membership(tx, &membership)?;
            Ok(MemberSummary { membership, person })
        })
    }

    /// Records a person's telephone number (empty: none), which the public bulletin gives
    /// when they lead an item.
    pub fn set_phone(&self, person_id: PersonId, number: &str) -> Result<Person> {
        let number = phone(number)?;
        self.store.write(|tx| {
            let person = c::person(tx, person_id)?.ok_or(Error::NotFound {
                what: "person with the id",
                key: person_id.to_string(),
                hint: "List the committee's members to find them.",
            })?;
            let person = Person {
                phone: number,
                ..person
            };
            c::upsert_person(tx, &person)?;
            Ok(person)
        })
    }

    /// Sets the standard wording an organisation's bulletins print after their list of
    /// reports; placeholders such as {committee} and {date} take the meeting's values (see
    /// [`boardpack_core::bulletin::PLACEHOLDERS`]). Empty: the default wording.
    pub fn set_bulletin_wording(
        &self,
        organisation_id: OrganisationId,
        wording: &str,
    ) -> Result<Organisation> {
        let wording = boardpack_core::bulletin::check_wording(wording)?;
        self.store.write(|tx| {
            let org = c::organisations(tx)?
                .into_iter()
                .find(|o| o.id == organisation_id)
                .ok_or(Error::NotFound {
                    what: "organisation with the id",
                    key: organisation_id.to_string(),
                    hint: "Reload the list.",
                })?;
            let org = Organisation {
                bulletin_wording: wording,
                ..org
            };
            c::upsert_organisation(tx, &org)?;
            Ok(org)
        })
    }

    /// A committee's members in seat order (chair first).
    pub fn members(&self, committee: CommitteeId) -> Result<Vec<MemberSummary>> {
        self.store.read(|conn| {
            let people = c::people(conn)?;
            Ok(c::memberships(conn, Some(committee))?
                .into_iter()
                .filter_map(|membership| {
                    let person = people
                        .iter()
                        .find(|p| p.id == membership.person_id)?
                        .clone();
                    Some(MemberSummary { membership, person })
                })
                .collect())
        })
    }

    /// Creates a meeting in planning. Without a number it takes the committee's next;
    /// without a chair, the committee's chair when it has exactly one.
    pub fn add_meeting(&self, new: &NewMeeting) -> Result<Meeting> {
        let valid = new.validate()?;
        self.store.write(|tx| {
            let committee = c::committee(tx, new.committee_id)?.ok_or(Error::NotFound {
                what: "committee with the id",
                key: new.committee_id.to_string(),
                hint: "It may have been deleted; reload the list.",
            })?;
            let number = match new.number {
                Some(0) => {
                    return Err(Error::Conflict(
                        "Meeting numbers start at 1: choose a number from 1, or leave it out.".into(),
                    ))
                }
                Some(n) => {
                    if let Some(other) = m::meeting_by_number(tx, committee.id, n)? {
                        return Err(Error::Conflict(format!(
                            "{} already has meeting number {n} (on {}): choose another number, or leave it out to take the next one.",
                            committee.name, other.date
                        )));
                    }
                    n
                }
                None => m::next_number(tx, committee.id)?,
            };
            let members = c::memberships(tx, Some(committee.id))?;
            let chair_id = match new.chair_id {
                Some(id) => {
                    if !members.iter().any(|m| m.person_id == id) {
                        return Err(Error::Conflict(format!(
                            "The chosen chair is not a member of {}: add them as a member first.",
                            committee.name
                        )));
                    }
                    Some(id)
                }
                None => {
                    let chairs: Vec<_> =
                        members.iter().filter(|m| m.kind == MemberKind::Chair).collect();
                    match chairs.as_slice() {
                        [only] => Some(only.person_id),
                        _ => None,
                    }
                }
            };
            let meeting = Meeting {
                id: MeetingId(new_id()),
                committee_id: committee.id,
                number,
                date: valid.date,
                start_time: valid.start_time,
                end_time: valid.end_time,
                venue: valid.venue,
                chair_id,
                session: new.session,
                status: MeetingStatus::Planning,
            };
            m::upsert_meeting(tx, &meeting)?;
            for item in crate::agenda::standing_items(&committee, meeting.id) {
                crate::store::agenda::upsert_item(tx, &item)?;
            }
            Ok(meeting)
        })
    }

    /// Every meeting, most recent first.
    pub fn meetings(&self) -> Result<Vec<MeetingSummary>> {
        self.store.read(|conn| {
            let committees = c::committees(conn)?;
            let people = c::people(conn)?;
            Ok(m::meetings(conn, None)?
                .into_iter()
                .filter_map(|meeting| {
                    let committee = committees.iter().find(|c| c.id == meeting.committee_id)?;
                    Some(summarise(meeting, committee, &people))
                })
                .collect())
        })
    }

    pub fn meeting(&self, id: MeetingId) -> Result<MeetingSummary> {
        self.store.read(|conn| {
            let meeting = m::meeting(conn, id)?.ok_or_else(|| no_meeting(id))?;
            let committee =
                c::committee(conn, meeting.committee_id)?.ok_or_else(|| no_meeting(id))?;
            Ok(summarise(meeting, &committee, &c::people(conn)?))
        })
    }
}

pub(crate) fn no_meeting(id: MeetingId) -> Error {
    Error::NotFound {
        what: "meeting with the id",
        key: id.to_string(),
        hint: "List the meetings to find its id.",
    }
}

pub(crate) fn summarise(
    meeting: Meeting,
    committee: &Committee,
    people: &[Person],
) -> MeetingSummary {
    MeetingSummary {
        title: meeting.title(committee),
        committee_code: committee.code.clone(),
        committee_name: committee.name.clone(),
        chair_name: meeting
            .chair_id
            .and_then(|id| people.iter().find(|p| p.id == id))
            .map(|p| p.name.clone()),
        meeting,
    }
}
