//! Who meets: organisations, committees, people and their memberships. Plain data with
//! serde and TypeScript bindings; the rules about them live beside the types they constrain.

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
    /// Papers are due this many days before a meeting.
    #[serde(default = "default_deadline_days")]
    pub paper_deadline_days: u32,
    /// Whether the agenda prints purposes as verbs ("To APPROVE", "To NOTE").
    #[serde(default)]
    pub agenda_verbs: bool,
    /// The standing items each new meeting's agenda starts with, in order.
    #[serde(default = "default_standing_items")]
    pub standing_items: Vec<StandingKind>,
}

fn default_deadline_days() -> u32 {
    7
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
}

/// The kind of seat a person holds on a committee. Chair, directors and voting members
/// count towards quorum; attendees and the secretary do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MemberKind {
    Chair,
    ExecutiveDirector,
    NonExecutiveDirector,
    VotingMember,
    InAttendance,
    Secretary,
}

impl MemberKind {
    pub const ALL: [MemberKind; 6] = [
        MemberKind::Chair,
        MemberKind::ExecutiveDirector,
        MemberKind::NonExecutiveDirector,
        MemberKind::VotingMember,
        MemberKind::InAttendance,
        MemberKind::Secretary,
    ];
    const CHOICES: &'static str = "chair, executive_director, non_executive_director, voting_member, in_attendance, secretary";

    /// The name used on the command line, in the database and in archives.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberKind::Chair => "chair",
            MemberKind::ExecutiveDirector => "executive_director",
            MemberKind::NonExecutiveDirector => "non_executive_director",
            MemberKind::VotingMember => "voting_member",
            MemberKind::InAttendance => "in_attendance",
            MemberKind::Secretary => "secretary",
        }
    }

    /// How the kind reads on screen and in minutes.
    pub fn label(self) -> &'static str {
        match self {
            MemberKind::Chair => "Chair",
            MemberKind::ExecutiveDirector => "Executive director",
            MemberKind::NonExecutiveDirector => "Non-executive director",
            MemberKind::VotingMember => "Voting member",
            MemberKind::InAttendance => "In attendance",
            MemberKind::Secretary => "Secretary",
        }
    }

    /// Whether this seat carries a vote and so counts towards quorum.
    pub fn is_voting(self) -> bool {
        !matches!(self, MemberKind::InAttendance | MemberKind::Secretary)
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
        assert!(MemberKind::Chair.is_voting());
        assert!(MemberKind::NonExecutiveDirector.is_voting());
        assert!(!MemberKind::InAttendance.is_voting());
        assert!(!MemberKind::Secretary.is_voting());
    }
}
