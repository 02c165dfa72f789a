//! Use cases that set up who meets and when: organisations (name, language, logo, bulletin
//! wording), committees (their settings, numbering carried on, retirement), members (add,
//! edit, end, the committee's own order) and meetings, and the lists the shells show of
//! them. Every rule a value must meet is the core's; this module finds, checks against what
//! is stored, and writes in one transaction. It must not decode images (`logo.rs`) or read
//! spreadsheets (`import.rs`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use boardpack_core::agenda::StandingKind;
use boardpack_core::interests::{CategoryChoice, InterestCategory};
use boardpack_core::meeting::NewMeeting;
use boardpack_core::validate::{
    committee_code, deadlines, email, initials, initials_from_name, language_tag, parse_date,
    phone, required,
};
use boardpack_core::{
    Committee, CommitteeId, KindChoice, Meeting, MeetingId, MeetingStatus, MemberKind, Membership,
    MembershipId, MinuteRefPattern, NumberingStart, Organisation, OrganisationId, Person, PersonId,
    QuorumPreview, QuorumRule, VotingSeats,
};

use boardpack_core::model::{default_standing_items, DEFAULT_LANGUAGE};

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

/// What a user supplies to create or change an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrganisationDetails {
    /// "Northfield NHS Foundation Trust".
    pub name: String,
    /// "NFT".
    pub short_name: String,
    /// A BCP 47 tag; empty: en-GB.
    pub language: String,
    /// The bulletin's standard wording; empty: Boardpack's default.
    pub bulletin_wording: String,
}

/// A committee's settings, as its settings screen edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommitteeSettings {
    pub name: String,
    pub code: String,
    /// Empty: "CODE {yy}/{seq}".
    pub minute_ref_pattern: String,
    pub quorum: QuorumRule,
    /// Papers due, in working days before the meeting.
    pub paper_deadline_days: u32,
    /// The pack issued, in clear days before the meeting (working days between the day of
    /// issue and the meeting, neither counted).
    pub pack_issue_days: u32,
    /// Draft minutes to the chair, in working days after the meeting.
    pub minutes_due_days: u32,
    pub agenda_verbs: bool,
    pub standing_items: Vec<StandingKind>,
    /// Minute numbering carried on from before Boardpack, a year at most once.
    pub numbering: Vec<NumberingStart>,
}

impl CommitteeSettings {
    /// The settings of a new committee with this name and code: the usual rule, deadlines
    /// and standing items.
    pub fn new(name: &str, code: &str) -> CommitteeSettings {
        CommitteeSettings {
            name: name.to_owned(),
            code: code.to_owned(),
            minute_ref_pattern: String::new(),
            quorum: QuorumRule::default(),
            paper_deadline_days: boardpack_core::timetable::DEFAULT_PAPERS_DUE,
            pack_issue_days: boardpack_core::timetable::DEFAULT_PACK_ISSUE,
            minutes_due_days: boardpack_core::timetable::DEFAULT_MINUTES_DUE,
            agenda_verbs: false,
            standing_items: default_standing_items(),
            numbering: Vec::new(),
        }
    }

    /// The settings a committee has now.
    pub fn of(c: &Committee) -> CommitteeSettings {
        CommitteeSettings {
            name: c.name.clone(),
            code: c.code.clone(),
            minute_ref_pattern: c.minute_ref_pattern.to_string(),
            quorum: c.quorum,
            paper_deadline_days: c.paper_deadline_days,
            pack_issue_days: c.pack_issue_days,
            minutes_due_days: c.minutes_due_days,
            agenda_verbs: c.agenda_verbs,
            standing_items: c.standing_items.clone(),
            numbering: c.numbering.clone(),
        }
    }
}

/// What a user supplies to seat someone on a committee or change their seat. Dates are as
/// typed (YYYY-MM-DD, or empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberDetails {
    /// Someone Boardpack knows already (sitting on another committee): their details below
    /// update that one person. None: a new person, unless one of the same name and
    /// initials exists.
    pub person_id: Option<PersonId>,
    pub name: String,
    /// Empty: made from the name.
    pub initials: String,
    pub role: String,
    pub kind: MemberKind,
    /// Whether the seat votes; None: as the kind usually does.
    pub voting: Option<bool>,
    pub organisation: String,
    pub phone: String,
    pub email: String,
    pub from: String,
    pub to: String,
}

/// The words screens offer in their choices, with labels from the core: kinds of seat,
/// categories of interest, standing items, and the defaults of a new committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SetupChoices {
    pub kinds: Vec<KindChoice>,
    pub categories: Vec<CategoryChoice>,
    pub standing_items: Vec<StandingChoice>,
    pub new_committee: CommitteeSettings,
    pub default_language: String,
    /// Whose bank holidays the timetable may skip.
    pub holiday_regions: Vec<boardpack_core::timetable::RegionChoice>,
    /// How the timetable counts working days and clear days.
    pub timetable_help: String,
}

/// A standing item as a committee's settings offer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StandingChoice {
    pub kind: StandingKind,
    pub title: String,
}

/// The choices screens offer (see [`SetupChoices`]).
pub fn setup_choices() -> SetupChoices {
    SetupChoices {
        kinds: MemberKind::choices(),
        categories: InterestCategory::choices(),
        standing_items: StandingKind::ALL
            .into_iter()
            .map(|kind| StandingChoice {
                kind,
                title: kind.template().0.to_owned(),
            })
            .collect(),
        new_committee: CommitteeSettings::new("", ""),
        default_language: DEFAULT_LANGUAGE.to_owned(),
        holiday_regions: boardpack_core::timetable::HolidayRegion::choices(),
        timetable_help: boardpack_core::timetable::HELP.to_owned(),
    }
}

/// A date as typed: YYYY-MM-DD, or empty for none.
pub(crate) fn optional_date(text: &str) -> Result<Option<NaiveDate>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        Ok(Some(parse_date(text)?))
    }
}

/// The numbering starts checked: a year at most once, each with a number from 1.
fn checked_numbering(numbering: &[NumberingStart]) -> Result<Vec<NumberingStart>> {
    let mut out: Vec<NumberingStart> = Vec::new();
    for n in numbering {
        boardpack_core::validate::parse_year(&n.year.to_string())?;
        boardpack_core::validate::number_in("next minute number", n.next, 1, 99_999)?;
        if out.iter().any(|o| o.year == n.year) {
            return Err(Error::Conflict(format!(
                "The numbering for {} is given twice: keep one next minute number per year.",
                n.year
            )));
        }
        out.push(*n);
    }
    out.sort_by_key(|n| n.year);
    Ok(out)
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
        self.create_organisation(&OrganisationDetails {
            name: name.to_owned(),
            short_name: short_name.to_owned(),
            language: String::new(),
            bulletin_wording: String::new(),
        })
    }

    /// Creates an organisation from what the setup screen gathered.
    pub fn create_organisation(&self, details: &OrganisationDetails) -> Result<Organisation> {
        let org = Organisation {
            id: OrganisationId(new_id()),
            logo: None,
            ..checked_organisation(details)?
        };
        self.store.write(|tx| {
            if c::organisations(tx)?
                .iter()
                .any(|o| o.name.eq_ignore_ascii_case(&org.name))
            {
                return Err(Error::Conflict(format!(
                    "There is already an organisation called {}: change that one under Settings instead.",
                    org.name
                )));
            }
            c::upsert_organisation(tx, &org)
        })?;
        Ok(org)
    }

    /// Changes an organisation's name, short name, language and bulletin wording (its logo
    /// has its own use cases).
    pub fn update_organisation(
        &self,
        id: OrganisationId,
        details: &OrganisationDetails,
    ) -> Result<Organisation> {
        let checked = checked_organisation(details)?;
        self.store.write(|tx| {
            let before = c::organisation(tx, id)?.ok_or_else(|| no_organisation(id))?;
            // The logo, the confidentiality marking and the bank-holiday region have
            // setters of their own.
            let org = Organisation {
                id,
                logo: before.logo,
                confidential_marking: before.confidential_marking,
                holiday_region: before.holiday_region,
                ..checked
            };
            c::upsert_organisation(tx, &org)?;
            Ok(org)
        })
    }

    /// The choices screens offer (kinds of seat, categories of interest, standing items).
    pub fn setup_choices(&self) -> SetupChoices {
        setup_choices()
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
                    confidential_marking: String::new(),
                    holiday_region: Default::default(),
                    language: DEFAULT_LANGUAGE.to_owned(),
                    logo: None,
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
                paper_deadline_days: boardpack_core::timetable::DEFAULT_PAPERS_DUE,
                agenda_verbs: false,
                standing_items: default_standing_items(),
                pack_issue_days: boardpack_core::timetable::DEFAULT_PACK_ISSUE,
                minutes_due_days: boardpack_core::timetable::DEFAULT_MINUTES_DUE,
                numbering: Vec::new(),
                retired_on: None,
            };
            c::upsert_committee(tx, &committee)?;
            Ok(committee)
        })
    }

    /// Creates a committee of an organisation with all its settings (the window's way).
    pub fn create_committee(
        &self,
        organisation_id: OrganisationId,
        settings: &CommitteeSettings,
    ) -> Result<Committee> {
        self.save_committee(None, organisation_id, settings)
    }

    /// Changes a committee's settings. Its meetings keep their numbers; minute references
    /// follow the new pattern and numbering wherever they are shown next.
    pub fn update_committee(
        &self,
        id: CommitteeId,
        settings: &CommitteeSettings,
    ) -> Result<Committee> {
        let org = self
            .store
            .read(|conn| c::committee(conn, id))?
            .ok_or_else(|| no_committee_id(id))?
            .organisation_id;
        self.save_committee(Some(id), org, settings)
    }

    fn save_committee(
        &self,
        id: Option<CommitteeId>,
        organisation_id: OrganisationId,
        s: &CommitteeSettings,
    ) -> Result<Committee> {
        let name = required("committee name", &s.name)?;
        let code = committee_code(&s.code)?;
        let pattern = if s.minute_ref_pattern.trim().is_empty() {
            MinuteRefPattern::default_for(&code)
        } else {
            MinuteRefPattern::new(&s.minute_ref_pattern)?
        };
        s.quorum.validate()?;
        deadlines(s.paper_deadline_days, s.pack_issue_days, s.minutes_due_days)?;
        let numbering = checked_numbering(&s.numbering)?;
        let mut standing = Vec::new();
        for k in &s.standing_items {
            if !standing.contains(k) {
                standing.push(*k);
            }
        }
        self.store.write(|tx| {
            c::organisation(tx, organisation_id)?.ok_or_else(|| no_organisation(organisation_id))?;
            let before = match id {
                Some(id) => Some(c::committee(tx, id)?.ok_or_else(|| no_committee_id(id))?),
                None => None,
            };
            if let Some(other) = c::committee_by_code(tx, &code)? {
                if Some(other.id) != id {
                    return Err(Error::Conflict(format!(
                        "There is already a committee with the code {code} ({}): choose another code.",
                        other.name
                    )));
                }
            }
            let committee = Committee {
                id: id.unwrap_or_else(|| CommitteeId(new_id())),
                organisation_id,
                name,
                code,
                minute_ref_pattern: pattern,
                quorum: s.quorum,
                paper_deadline_days: s.paper_deadline_days,
                agenda_verbs: s.agenda_verbs,
                standing_items: standing,
                pack_issue_days: s.pack_issue_days,
                minutes_due_days: s.minutes_due_days,
                numbering,
                retired_on: before.and_then(|b| b.retired_on),
            };
            c::upsert_committee(tx, &committee)?;
            Ok(committee)
        })
    }

    /// Sets where a committee's minute numbering carries on from in `year` (`next` is the
    /// number of the year's first minute recorded in Boardpack); None goes back to 1.
    pub fn set_numbering(
        &self,
        id: CommitteeId,
        year: i32,
        next: Option<u32>,
    ) -> Result<Committee> {
        boardpack_core::validate::parse_year(&year.to_string())?;
        if let Some(n) = next {
            boardpack_core::validate::number_in("next minute number", n, 1, 99_999)?;
        }
        self.store.write(|tx| {
            let mut committee = c::committee(tx, id)?.ok_or_else(|| no_committee_id(id))?;
            committee.numbering.retain(|n| n.year != year);
            if let Some(next) = next {
                committee.numbering.push(NumberingStart { year, next });
                committee.numbering.sort_by_key(|n| n.year);
            }
            c::upsert_committee(tx, &committee)?;
            Ok(committee)
        })
    }

    /// Retires a committee from `on` (None: reinstates it). A retired committee keeps its
    /// meetings, papers and minutes; it takes no new meetings.
    pub fn retire_committee(&self, id: CommitteeId, on: Option<NaiveDate>) -> Result<Committee> {
        self.store.write(|tx| {
            let committee = Committee {
                retired_on: on,
                ..c::committee(tx, id)?.ok_or_else(|| no_committee_id(id))?
            };
            c::upsert_committee(tx, &committee)?;
            Ok(committee)
        })
    }

    /// The quorum rule in plain English on a committee's voting members as they stand
    /// today (none for a committee not yet made), with what would make it impossible.
    pub fn quorum_preview(
        &self,
        committee: Option<CommitteeId>,
        rule: &QuorumRule,
        today: NaiveDate,
    ) -> Result<QuorumPreview> {
        let seats = match committee {
            Some(id) => self.store.read(|conn| c::memberships(conn, Some(id)))?,
            None => Vec::new(),
        };
        let seats = VotingSeats::count(
            seats
                .iter()
                .filter(|m| m.current_on(today))
                .map(|m| (m.kind, m.voting)),
        );
        Ok(rule.preview(seats))
    }

    /// Every committee with its organisation and size, by name.
    pub fn committees(&self) -> Result<Vec<CommitteeSummary>> {
        let today = self.clock.today();
        self.store.read(|conn| {
            let orgs = c::organisations(conn)?;
            let members: Vec<Membership> = c::memberships(conn, None)?
                .into_iter()
                .filter(|m| m.current_on(today))
                .collect();
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

    /// Seats a person on a committee (the command line's way: the committee by code, a
    /// person of the same name and initials reused).
    pub fn add_member(&self, new: &NewMember) -> Result<MemberSummary> {
        let committee = self.committee_by_code(&new.committee_code)?;
        self.add_membership(
            committee.id,
            &MemberDetails {
                person_id: None,
                name: new.name.clone(),
                initials: new.initials.clone(),
                role: new.role.clone(),
                kind: new.kind,
                voting: None,
                organisation: new.organisation.clone(),
                phone: new.phone.clone(),
                email: String::new(),
                from: String::new(),
                to: String::new(),
            },
        )
    }

    /// Seats someone on a committee: a person Boardpack knows (by id, or by the same name
    /// and initials) or a new one. A chair goes to the top of the committee's order,
    /// anyone else to the bottom. Initials must be unique within the committee.
    pub fn add_membership(
        &self,
        committee_id: CommitteeId,
        details: &MemberDetails,
    ) -> Result<MemberSummary> {
        let d = checked_member(details)?;
        self.store.write(|tx| {
            let committee =
                c::committee(tx, committee_id)?.ok_or_else(|| no_committee_id(committee_id))?;
            let person = resolve_person(tx, &d)?;
            let seats = c::memberships(tx, Some(committee.id))?;
            if seats.iter().any(|m| m.person_id == person.id) {
                return Err(Error::Conflict(format!(
                    "{} ({}) is already a member of {}: edit their membership instead.",
                    person.name, person.initials, committee.name
                )));
            }
            check_initials_free(tx, &committee, &person, None)?;
            c::upsert_person(tx, &person)?;
            let mut order: Vec<MembershipId> = seats.iter().map(|m| m.id).collect();
            let membership = Membership {
                id: MembershipId(new_id()),
                committee_id: committee.id,
                person_id: person.id,
                kind: d.kind,
                role: d.role.clone(),
                voting: d.voting,
                position: 0,
                from: d.from,
                to: d.to,
            };
            c::upsert_membership(tx, &membership)?;
            if d.kind == MemberKind::Chair {
                order.insert(0, membership.id);
            } else {
                order.push(membership.id);
            }
            c::set_positions(tx, &order)?;
            let membership = Membership {
                position: order
                    .iter()
                    .position(|id| *id == membership.id)
                    .unwrap_or(0) as u32,
                ..membership
            };
            Ok(MemberSummary { membership, person })
        })
    }

    /// Changes a member's seat (role, kind, vote, dates) and the person's details (name,
    /// initials, organisation, telephone, email), which every committee they sit on shares.
    pub fn update_membership(
        &self,
        id: MembershipId,
        details: &MemberDetails,
    ) -> Result<MemberSummary> {
        let d = checked_member(details)?;
        self.store.write(|tx| {
            let before = c::membership(tx, id)?.ok_or_else(|| no_membership(id))?;
            let old = c::person(tx, before.person_id)?.ok_or_else(|| no_membership(id))?;
            let person = Person {
                id: old.id,
                name: d.name.clone(),
                initials: d.initials.clone(),
                organisation: d.organisation.clone(),
                phone: d.phone.clone(),
                email: d.email.clone(),
            };
            // New initials must be free on every committee the person sits on.
            for m in c::memberships(tx, None)?
                .iter()
                .filter(|m| m.person_id == person.id)
            {
                let other = c::committee(tx, m.committee_id)?
                    .ok_or_else(|| no_committee_id(m.committee_id))?;
                check_initials_free(tx, &other, &person, Some(person.id))?;
            }
            c::upsert_person(tx, &person)?;
            let membership = Membership {
                kind: d.kind,
                role: d.role.clone(),
                voting: d.voting,
                from: d.from,
                to: d.to,
                ..before
            };
            c::upsert_membership(tx, &membership)?;
            Ok(MemberSummary { membership, person })
        })
    }

    /// Ends a membership on `to` (the last day). The person, their attendance and their
    /// register of interests stay; they no longer count at meetings after that day.
    pub fn end_membership(&self, id: MembershipId, to: NaiveDate) -> Result<MemberSummary> {
        self.store.write(|tx| {
            let before = c::membership(tx, id)?.ok_or_else(|| no_membership(id))?;
            if before.from.is_some_and(|f| f > to) {
                return Err(Error::Conflict(format!(
                    "The membership began on {}, so it cannot end on {to}: choose a later date.",
                    before.from.map(|f| f.to_string()).unwrap_or_default()
                )));
            }
            let person = c::person(tx, before.person_id)?.ok_or_else(|| no_membership(id))?;
            let membership = Membership {
                to: Some(to),
                ..before
            };
            c::upsert_membership(tx, &membership)?;
            Ok(MemberSummary { membership, person })
        })
    }

    /// Sets the committee's own order of its members, the order the minutes list them in:
    /// `order` names every membership of the committee once.
    pub fn reorder_members(
        &self,
        committee_id: CommitteeId,
        order: &[MembershipId],
    ) -> Result<Vec<MemberSummary>> {
        self.store.write(|tx| {
            let committee =
                c::committee(tx, committee_id)?.ok_or_else(|| no_committee_id(committee_id))?;
            let mut have: Vec<MembershipId> = c::memberships(tx, Some(committee_id))?
                .iter()
                .map(|m| m.id)
                .collect();
            let mut given = order.to_vec();
            have.sort();
            given.sort();
            if have != given {
                return Err(Error::Conflict(format!(
                    "The order given does not name each member of {} once: reload the list and try again.",
                    committee.name
                )));
            }
            c::set_positions(tx, order)
        })?;
        self.members(committee_id)
    }

    /// A committee's member named by initials (exactly, else ignoring case) or full name.
    pub fn member_by(
        &self,
        committee_id: CommitteeId,
        name_or_initials: &str,
    ) -> Result<MemberSummary> {
        let wanted = name_or_initials.trim();
        let members = self.members(committee_id)?;
        let found = members
            .iter()
            .find(|m| m.person.initials == wanted)
            .or_else(|| {
                members.iter().find(|m| {
                    m.person.initials.eq_ignore_ascii_case(wanted)
                        || m.person.name.eq_ignore_ascii_case(wanted)
                })
            })
            .cloned();
        match found {
            Some(m) => Ok(m),
            None => {
                let committee = self
                    .store
                    .read(|conn| c::committee(conn, committee_id))?
                    .ok_or_else(|| no_committee_id(committee_id))?;
                Err(Error::Conflict(format!(
                    "{} has no member with the initials or name “{wanted}”: give them as `boardpack members --committee {}` lists them.",
                    committee.name, committee.code
                )))
            }
        }
    }

    /// Everyone Boardpack knows, by name: to seat someone who already sits on another
    /// committee as the same person.
    pub fn people(&self) -> Result<Vec<Person>> {
        self.store.read(c::people)
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

    /// Sets the organisation's own wording for the marking on every page of a confidential
    /// (Part 2) cover sheet and paper in the full pack ("RESTRICTED – not for
    /// publication"); one line of at most 80 characters. Empty: "CONFIDENTIAL – Part 2".
    pub fn set_confidential_marking(
        &self,
        organisation_id: OrganisationId,
        marking: &str,
    ) -> Result<Organisation> {
        self.store.write(|tx| {
            let org = c::organisation(tx, organisation_id)?
                .ok_or_else(|| no_organisation(organisation_id))?;
            let org = Organisation {
                confidential_marking: marking.trim().to_owned(),
                ..org
            };
            c::upsert_organisation(tx, &org)?;
            Ok(org)
        })
    }

    /// A committee's members in the committee's own order (ended memberships too; see
    /// [`Membership::current_on`]).
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
            if let Some(on) = committee.retired_on {
                return Err(Error::Conflict(format!(
                    "{} was retired on {on}: reinstate it under Settings to add a meeting.",
                    committee.name
                )));
            }
            let number = match new.number {
                Some(0) => {
                    return Err(Error::Conflict(
                        "Meeting numbers start at 1: choose a number from 1, or leave it out.".into(),
                    ))
                }
                Some(n) => {
                    let n = boardpack_core::validate::meeting_number(u64::from(n))?;
                    if let Some(other) = m::meeting_by_number(tx, committee.id, n)? {
                        return Err(Error::Conflict(format!(
                            "{} already has meeting number {n} (on {}): choose another number, or leave it out to take the next one.",
                            committee.name, other.date
                        )));
                    }
                    n
                }
                None => {
                    let next = m::next_number(tx, committee.id)?;
                    boardpack_core::validate::meeting_number(next).map_err(|_| {
                        Error::Conflict(format!(
                            "{} has used meeting numbers up to 99,999, the highest there is: give this meeting a number that is free.",
                            committee.name
                        ))
                    })?
                }
            };
            let members: Vec<Membership> = c::memberships(tx, Some(committee.id))?
                .into_iter()
                .filter(|m| m.current_on(valid.date))
                .collect();
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

pub(crate) fn no_committee_id(id: CommitteeId) -> Error {
    Error::NotFound {
        what: "committee with the id",
        key: id.to_string(),
        hint: "It may have been removed; reload the list.",
    }
}

pub(crate) fn no_organisation(id: OrganisationId) -> Error {
    Error::NotFound {
        what: "organisation with the id",
        key: id.to_string(),
        hint: "Reload the list.",
    }
}

fn no_membership(id: MembershipId) -> Error {
    Error::NotFound {
        what: "membership with the id",
        key: id.to_string(),
        hint: "Reload the committee's members.",
    }
}

/// An organisation's details checked (no id or logo yet).
fn checked_organisation(d: &OrganisationDetails) -> Result<Organisation> {
    let short_name = d.short_name.trim().to_owned();
    if short_name.chars().count() > 20 {
        return Err(Error::Conflict(format!(
            "The short name “{short_name}” is too long: use up to 20 characters, as running text would, for example UHL."
        )));
    }
    Ok(Organisation {
        id: OrganisationId(Uuid::nil()),
        name: required("organisation name", &d.name)?,
        short_name,
        bulletin_wording: boardpack_core::bulletin::check_wording(&d.bulletin_wording)?,
        confidential_marking: String::new(),
        holiday_region: Default::default(),
        language: language_tag(&d.language)?,
        logo: None,
    })
}

/// A member's details checked: required name, initials (made from the name when empty),
/// telephone, email and dates; the vote from the kind unless given.
struct CheckedMember {
    person_id: Option<PersonId>,
    name: String,
    initials: String,
    role: String,
    kind: MemberKind,
    voting: bool,
    organisation: String,
    phone: String,
    email: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

fn checked_member(d: &MemberDetails) -> Result<CheckedMember> {
    let name = required("name", &d.name)?;
    let initials = if d.initials.trim().is_empty() {
        initials(&initials_from_name(&name))?
    } else {
        initials(&d.initials)?
    };
    let from = optional_date(&d.from)?;
    let to = optional_date(&d.to)?;
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err(Error::Conflict(format!(
                "A membership cannot end ({t}) before it begins ({f}): check the dates."
            )));
        }
    }
    Ok(CheckedMember {
        person_id: d.person_id,
        name,
        initials,
        role: d.role.trim().to_owned(),
        kind: d.kind,
        voting: d.voting.unwrap_or_else(|| d.kind.votes_by_default()),
        organisation: d.organisation.trim().to_owned(),
        phone: phone(&d.phone)?,
        email: email(&d.email)?,
        from,
        to,
    })
}

/// The person a new seat is for: the one named by id (their details updated), one of the
/// same name and initials, or a new one.
fn resolve_person(tx: &rusqlite::Transaction<'_>, d: &CheckedMember) -> Result<Person> {
    let known = match d.person_id {
        Some(id) => Some(c::person(tx, id)?.ok_or(Error::NotFound {
            what: "person with the id",
            key: id.to_string(),
            hint: "Reload the list of people.",
        })?),
        None => c::person_by_name(tx, &d.name, &d.initials)?,
    };
    Ok(match known {
        Some(p) => Person {
            name: d.name.clone(),
            initials: d.initials.clone(),
            organisation: if d.organisation.is_empty() {
                p.organisation
            } else {
                d.organisation.clone()
            },
            phone: if d.phone.is_empty() {
                p.phone
            } else {
                d.phone.clone()
            },
            email: if d.email.is_empty() {
                p.email
            } else {
                d.email.clone()
            },
            id: p.id,
        },
        None => Person {
            id: PersonId(new_id()),
            name: d.name.clone(),
            initials: d.initials.clone(),
            organisation: d.organisation.clone(),
            phone: d.phone.clone(),
            email: d.email.clone(),
        },
    })
}

/// Refuses initials another member of the committee already has (`except` the person
/// being edited).
fn check_initials_free(
    tx: &rusqlite::Transaction<'_>,
    committee: &Committee,
    person: &Person,
    except: Option<PersonId>,
) -> Result<()> {
    let people = c::people(tx)?;
    for m in c::memberships(tx, Some(committee.id))? {
        if Some(m.person_id) == except || m.person_id == person.id {
            continue;
        }
        if let Some(other) = people.iter().find(|p| p.id == m.person_id) {
            if other.initials.eq_ignore_ascii_case(&person.initials) {
                return Err(Error::Conflict(format!(
                    "{} ({}) already uses the initials {} on {}: give {} different initials, for example {}.",
                    other.name,
                    other.initials,
                    other.initials,
                    committee.name,
                    person.name,
                    suggest_initials(&person.name, &other.initials)
                )));
            }
        }
    }
    Ok(())
}

/// Initials for `name` that differ from `taken`: the first name's second letter added
/// ("John Adler" with JA taken → "JoA").
fn suggest_initials(name: &str, taken: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut out = String::new();
    for (k, w) in words.iter().enumerate() {
        let mut letters = w.chars().filter(|c| c.is_alphabetic());
        if let Some(first) = letters.next() {
            out.extend(first.to_uppercase());
            if k == 0 {
                if let Some(second) = letters.next() {
                    out.extend(second.to_lowercase());
                }
            }
        }
    }
    if out.eq_ignore_ascii_case(taken) {
        // Two letters of the first and last names: "JoAd".
        out = words
            .iter()
            .take(1)
            .chain(words.last().filter(|_| words.len() > 1))
            .flat_map(|w| w.chars().filter(|c| c.is_alphabetic()).take(2))
            .enumerate()
            .map(|(k, c)| {
                if k % 2 == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
    }
    out.chars().take(6).collect()
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
