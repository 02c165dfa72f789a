//! Who meets: organisations, committees, people and their memberships. Plain data with
//! serde and TypeScript bindings; the rules about them live beside the types they constrain
//! (a membership current on a date, the minute number a committee's year starts at, the
//! kinds of seat and whether they vote). Nothing here reads a file, a clock or a database.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;

use crate::agenda::StandingKind;
use crate::ids::{CommitteeId, MembershipId, OrganisationId, PersonId};
use crate::minute_ref::MinuteRefPattern;
use crate::quorum::QuorumRule;
use crate::validate::ValidationError;

/// A public body that holds meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Organisation {
    pub id: OrganisationId,
    /// Full name as printed on papers: "University Hospitals of Leicester NHS Trust".
    pub name: String,
    /// Short name used in running text: "UHL".
    pub short_name: String,
    /// The standard wording the public bulletin prints after its list of reports, with
    /// placeholders for the meeting ([`crate::bulletin::PLACEHOLDERS`]). Empty: the default
    /// wording ([`crate::bulletin::DEFAULT_WORDING`]).
    #[serde(default)]
    pub bulletin_wording: String,
    /// The organisation's own wording for the marking every page of a confidential
    /// (Part 2) cover sheet and paper carries in the full pack ("RESTRICTED – not for
    /// publication"). Empty: "CONFIDENTIAL – Part 2" ([`crate::pack::PART_2_MARKING`]).
    #[serde(default)]
    pub confidential_marking: String,
    /// Whose bank holidays the timetable skips: England and Wales (the default),
    /// Scotland or Northern Ireland (archive version 7).
    #[serde(default)]
    pub holiday_region: crate::timetable::HolidayRegion,
    /// The language of its documents as a BCP 47 tag ("en-GB", "cy-GB"): what a PDF's
    /// `/Lang` says, so screen readers pronounce it right.
    #[serde(default = "default_language")]
    pub language: String,
    /// Its logo, as the pack's front cover, the minutes and the bulletin carry it: a PNG
    /// in the blob store. None: no logo.
    #[serde(default)]
    pub logo: Option<Logo>,
}

/// The language documents are in unless the organisation says otherwise.
pub const DEFAULT_LANGUAGE: &str = "en-GB";

fn default_language() -> String {
    DEFAULT_LANGUAGE.to_owned()
}

/// An organisation's logo: a checked image kept in the blob store, named by its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Logo {
    pub sha256: String,
    /// "image/png" (logos are stored as PNG, whatever they came as).
    pub media_type: String,
    /// In pixels.
    pub width: u32,
    pub height: u32,
}

/// Where a committee's minute numbering carries on from in a year: a committee that
/// adopts Boardpack part-way through a year sets its next minute number, so its first
/// minute recorded here is, say, "QC 24/112".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NumberingStart {
    pub year: i32,
    /// The number of the year's first minute recorded in Boardpack.
    pub next: u32,
}

/// A board or committee of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Committee {
    pub id: CommitteeId,
    pub organisation_id: OrganisationId,
    /// "System Leadership Team".
    pub name: String,
    /// "SLT": unique across the database, used on the command line and in minute references.
    pub code: String,
    /// How minutes are referenced: "SLT {yy}/{seq}".
    pub minute_ref_pattern: MinuteRefPattern,
    /// When the meeting is quorate, as in the standing orders.
    pub quorum: QuorumRule,
    /// Papers are due this many working days before a meeting (the timetable: weekends
    /// and the organisation's bank holidays skipped). Archives before version 7 gave
    /// calendar days, which import turns into working days.
    #[serde(default = "default_deadline_days")]
    pub paper_deadline_days: u32,
    /// Whether the agenda prints purposes as verbs ("To APPROVE", "To NOTE").
    #[serde(default)]
    pub agenda_verbs: bool,
    /// The standing items each new meeting's agenda starts with, in order.
    #[serde(default = "default_standing_items")]
    pub standing_items: Vec<StandingKind>,
    /// The pack is issued this many clear days before a meeting: that many working days
    /// lie between the day it is issued and the day of the meeting, neither counted (see
    /// [`crate::timetable`]). It goes out no earlier than papers are due. Archives before
    /// version 7 gave calendar days, which import turns into clear working days.
    #[serde(default = "default_issue_days")]
    pub pack_issue_days: u32,
    /// Draft minutes go to the chair within this many working days after a meeting
    /// (archive version 7; default 10).
    #[serde(default = "default_minutes_days")]
    pub minutes_due_days: u32,
    /// Minute numbering carried on from before Boardpack, one entry per year at most.
    #[serde(default)]
    pub numbering: Vec<NumberingStart>,
    /// The day the committee was retired (stood down or merged): it keeps its meetings
    /// and papers, but new meetings cannot be added. None: it is active.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub retired_on: Option<NaiveDate>,
}

impl Committee {
    /// The number of the first minute recorded in Boardpack in `year`: the numbering
    /// carried on from before, else 1.
    pub fn first_minute(&self, year: i32) -> u32 {
        self.numbering
            .iter()
            .find(|n| n.year == year)
            .map_or(1, |n| n.next.max(1))
    }

    /// The committee's timetable rules, in working days.
    pub fn timetable_rules(&self) -> crate::timetable::TimetableRules {
        crate::timetable::TimetableRules {
            papers_due_days: self.paper_deadline_days,
            pack_issue_days: self.pack_issue_days,
            minutes_due_days: self.minutes_due_days,
        }
    }

    /// Whether the committee is retired.
    pub fn is_retired(&self) -> bool {
        self.retired_on.is_some()
    }
}

fn default_deadline_days() -> u32 {
    crate::timetable::DEFAULT_PAPERS_DUE
}

fn default_issue_days() -> u32 {
    crate::timetable::DEFAULT_PACK_ISSUE
}

fn default_minutes_days() -> u32 {
    crate::timetable::DEFAULT_MINUTES_DUE
}

/// All standing items, in the usual order.
pub fn default_standing_items() -> Vec<StandingKind> {
    StandingKind::ALL.to_vec()
}

/// A person who sits on, attends or serves one or more committees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Person {
    pub id: PersonId,
    /// "Tim O’Neill".
    pub name: String,
    /// As the minutes use them: "TO'N".
    pub initials: String,
    /// The body the person comes from, when it is not the committee's own: "Rutland County
    /// Council". Empty when they belong to the organisation that holds the meeting.
    pub organisation: String,
    /// The telephone number the public bulletin gives for them as a lead contact point:
    /// "0116 258 8940". Empty when not known.
    #[serde(default)]
    pub phone: String,
    /// Their email address; empty when not known.
    #[serde(default)]
    pub email: String,
}

/// The kind of seat a person holds on a committee. Whether a seat votes (and so counts
/// towards quorum) is set on the membership; the kind gives the usual answer: chair,
/// vice-chair, directors and voting members vote; associate non-executive directors,
/// those in attendance and the secretary do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MemberKind {
    Chair,
    ViceChair,
    ExecutiveDirector,
    NonExecutiveDirector,
    /// An associate non-executive director: sits with the board, usually without a vote.
    Associate,
    VotingMember,
    InAttendance,
    Secretary,
}

/// A kind of seat as a screen offers it: the stored word and the label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct KindChoice {
    pub kind: MemberKind,
    pub label: String,
    /// Whether a seat of this kind votes unless the membership says otherwise.
    pub votes_by_default: bool,
}

impl MemberKind {
    pub const ALL: [MemberKind; 8] = [
        MemberKind::Chair,
        MemberKind::ViceChair,
        MemberKind::ExecutiveDirector,
        MemberKind::NonExecutiveDirector,
        MemberKind::Associate,
        MemberKind::VotingMember,
        MemberKind::InAttendance,
        MemberKind::Secretary,
    ];
    const CHOICES: &'static str = "chair, vice_chair, executive_director, non_executive_director, associate, voting_member, in_attendance, secretary";

    /// Every kind with its label, in the order screens offer them.
    pub fn choices() -> Vec<KindChoice> {
        MemberKind::ALL
            .into_iter()
            .map(|kind| KindChoice {
                kind,
                label: kind.label().to_owned(),
                votes_by_default: kind.votes_by_default(),
            })
            .collect()
    }

    /// The name used on the command line, in the database and in archives.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberKind::Chair => "chair",
            MemberKind::ViceChair => "vice_chair",
            MemberKind::ExecutiveDirector => "executive_director",
            MemberKind::NonExecutiveDirector => "non_executive_director",
            MemberKind::Associate => "associate",
            MemberKind::VotingMember => "voting_member",
            MemberKind::InAttendance => "in_attendance",
            MemberKind::Secretary => "secretary",
        }
    }

    /// How the kind reads on screen and in minutes.
    pub fn label(self) -> &'static str {
        match self {
            MemberKind::Chair => "Chair",
            MemberKind::ViceChair => "Vice-chair",
            MemberKind::ExecutiveDirector => "Executive director",
            MemberKind::NonExecutiveDirector => "Non-executive director",
            MemberKind::Associate => "Associate non-executive director",
            MemberKind::VotingMember => "Voting member",
            MemberKind::InAttendance => "In attendance",
            MemberKind::Secretary => "Secretary",
        }
    }

    /// Whether a seat of this kind carries a vote (and so counts towards quorum) unless
    /// its membership says otherwise.
    pub fn votes_by_default(self) -> bool {
        !matches!(
            self,
            MemberKind::Associate | MemberKind::InAttendance | MemberKind::Secretary
        )
    }
}

impl fmt::Display for MemberKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MemberKind {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let wanted = match wanted.as_str() {
            "ned" | "non_executive" => "non_executive_director",
            "executive" | "exec" => "executive_director",
            "vicechair" | "deputy_chair" => "vice_chair",
            "associate_non_executive_director" | "associate_non_executive" | "associate_ned" => {
                "associate"
            }
            "member" => "voting_member",
            "attendee" => "in_attendance",
            other => other,
        };
        MemberKind::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| ValidationError::NotOneOf {
                what: "member kind",
                value: s.to_owned(),
                choices: Self::CHOICES,
            })
    }
}

/// A person's seat on a committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Membership {
    pub id: MembershipId,
    pub committee_id: CommitteeId,
    pub person_id: PersonId,
    pub kind: MemberKind,
    /// The role as the minutes print it: "Chief Executive", "Director of Public Health".
    pub role: String,
    /// Whether the seat carries a vote and so counts towards quorum (archives before
    /// version 5 leave it out: then the kind's usual answer).
    #[serde(default = "yes")]
    pub voting: bool,
    /// Where the member comes in the committee's own order, which the secretary sets and
    /// the minutes list attendees by (0 first).
    #[serde(default)]
    pub position: u32,
    /// When the membership began; None: before anything Boardpack holds.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    /// When it ended (the last day); None: it continues.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
}

fn yes() -> bool {
    true
}

impl Membership {
    /// Whether the person held the seat on `date`.
    pub fn current_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| t >= date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_kinds_parse_from_cli_words() {
        assert_eq!(
            "non-executive director".parse::<MemberKind>().unwrap(),
            MemberKind::NonExecutiveDirector
        );
        assert_eq!(
            "NED".parse::<MemberKind>().unwrap(),
            MemberKind::NonExecutiveDirector
        );
        assert_eq!("chair".parse::<MemberKind>().unwrap(), MemberKind::Chair);
        let err = "boss".parse::<MemberKind>().unwrap_err().to_string();
        assert!(
            err.starts_with("“boss” is not a member kind: choose one of chair,"),
            "{err}"
        );
        for kind in MemberKind::ALL {
            assert_eq!(kind.as_str().parse::<MemberKind>().unwrap(), kind);
        }
    }

    #[test]
    fn attendees_do_not_vote() {
        assert!(MemberKind::Chair.votes_by_default());
        assert!(MemberKind::ViceChair.votes_by_default());
        assert!(MemberKind::NonExecutiveDirector.votes_by_default());
        assert!(!MemberKind::Associate.votes_by_default());
        assert!(!MemberKind::InAttendance.votes_by_default());
        assert!(!MemberKind::Secretary.votes_by_default());
        assert_eq!(
            "Associate non-executive director"
                .parse::<MemberKind>()
                .unwrap(),
            MemberKind::Associate
        );
        assert_eq!(
            "vice-chair".parse::<MemberKind>().unwrap(),
            MemberKind::ViceChair
        );
    }

    #[test]
    fn memberships_and_numbering_by_date() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let m = Membership {
            id: MembershipId(uuid::Uuid::nil()),
            committee_id: CommitteeId(uuid::Uuid::nil()),
            person_id: PersonId(uuid::Uuid::nil()),
            kind: MemberKind::VotingMember,
            role: String::new(),
            voting: true,
            position: 0,
            from: Some(d(2024, 4, 1)),
            to: Some(d(2025, 3, 31)),
        };
        assert!(!m.current_on(d(2024, 3, 31)));
        assert!(m.current_on(d(2024, 4, 1)));
        assert!(m.current_on(d(2025, 3, 31)));
        assert!(!m.current_on(d(2025, 4, 1)));
        let c: Committee = serde_json::from_value(serde_json::json!({
            "id": uuid::Uuid::nil(), "organisation_id": uuid::Uuid::nil(),
            "name": "Quality Committee", "code": "QC",
            "minute_ref_pattern": "QC {yy}/{seq}",
            "quorum": QuorumRule::default(),
            "numbering": [{"year": 2024, "next": 112}],
        }))
        .unwrap();
        assert_eq!((c.first_minute(2024), c.first_minute(2025)), (112, 1));
        assert_eq!(
            (c.pack_issue_days, c.paper_deadline_days, c.minutes_due_days),
            (5, 10, 10)
        );
        assert!(!c.is_retired());
    }
}
