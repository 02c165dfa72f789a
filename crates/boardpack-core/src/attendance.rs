//! Attendance and quorum through the meeting: who is present, sent apologies, is absent or
//! is represented by a deputy; who is in attendance without a seat; arrivals and
//! departures; and, from those and the declarations of interest, whether the meeting is
//! quorate at the start and at every item. The minute-taker records; these rules judge.

use chrono::NaiveTime;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agenda::Slot;
use crate::ids::{AgendaItemId, AttendeeId, MeetingId, PersonId};
use crate::interests::{Declaration, DeclarationAction};
use crate::model::Membership;
use crate::quorum::{QuorumOutcome, QuorumRule, Seat};

/// What a member did about the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Presence {
    Present,
    Apologies,
    Absent,
    /// Represented by a named deputy.
    Deputy,
}

impl Presence {
    pub fn label(self) -> &'static str {
        match self {
            Presence::Present => "Present",
            Presence::Apologies => "Apologies",
            Presence::Absent => "Absent",
            Presence::Deputy => "Represented by a deputy",
        }
    }
}

/// A member's attendance at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MemberAttendance {
    pub meeting_id: MeetingId,
    pub person_id: PersonId,
    pub presence: Presence,
    /// The deputy's name and role when `presence` is `Deputy`.
    pub deputy: String,
    /// Arrived after the start.
    #[ts(type = "string | null")]
    pub arrived: Option<NaiveTime>,
    /// Left before the end.
    #[ts(type = "string | null")]
    pub left: Option<NaiveTime>,
    /// "Left the meeting during item 7".
    pub note: String,
}

/// Someone in attendance who holds no seat: an officer presenting an item, the
/// minute-taker, an observer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Attendee {
    pub id: AttendeeId,
    pub meeting_id: MeetingId,
    pub name: String,
    /// As the minutes use them, like members' ("FO"): an officer who leads an action is
    /// named by them. Empty: none (archives before version 6 leave them out).
    #[serde(default)]
    pub initials: String,
    pub role: String,
    /// "Minutes", "for item 91".
    pub note: String,
    /// Present only for these items; empty: the whole meeting.
    pub items: Vec<AgendaItemId>,
    pub minute_taker: bool,
}

/// Whether a member counts at a moment of the meeting: present (or deputised), arrived
/// by then and not yet gone.
pub fn present_at(a: &MemberAttendance, at: Option<NaiveTime>) -> bool {
    if !matches!(a.presence, Presence::Present | Presence::Deputy) {
        return false;
    }
    let Some(at) = at else {
        return true;
    };
    a.arrived.is_none_or(|t| t <= at) && a.left.is_none_or(|t| t > at)
}

/// The quorum at one moment: at the start, or at an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuorumAt {
    /// None: the start of the meeting.
    pub item_id: Option<AgendaItemId>,
    pub outcome: QuorumOutcome,
    /// Names of members not counted at this item because of a declared interest.
    pub withdrawn: Vec<PersonId>,
}

/// Judges the quorum at the start and at every item, taking late arrivals, departures and
/// withdrawals for declared interests into account.
pub fn quorum_through(
    rule: &QuorumRule,
    members: &[Membership],
    attendance: &[MemberAttendance],
    declarations: &[Declaration],
    slots: &[Slot],
    start: Option<NaiveTime>,
) -> Vec<QuorumAt> {
    let seats_at = |at: Option<NaiveTime>, withdrawn: &[PersonId]| -> Vec<Seat> {
        members
            .iter()
            .map(|m| {
                let a = attendance.iter().find(|a| a.person_id == m.person_id);
                let present =
                    a.is_some_and(|a| present_at(a, at)) && !withdrawn.contains(&m.person_id);
                Seat {
                    kind: m.kind,
                    voting: m.voting,
                    present,
                    by_deputy: a.is_some_and(|a| a.presence == Presence::Deputy),
                }
            })
            .collect()
    };
    let mut out = vec![QuorumAt {
        item_id: None,
        outcome: rule.evaluate(&seats_at(start, &[])),
        withdrawn: Vec::new(),
    }];
    for slot in slots {
        let withdrawn: Vec<PersonId> = declarations
            .iter()
            .filter(|d| d.item_id == slot.item_id && d.action.removes_from_quorum())
            .map(|d| d.person_id)
            .collect();
        out.push(QuorumAt {
            item_id: Some(slot.item_id),
            outcome: rule.evaluate(&seats_at(slot.start.or(start), &withdrawn)),
            withdrawn,
        });
    }
    out
}

impl DeclarationAction {
    /// Whether the declarer stops counting towards quorum for the item.
    pub fn removes_from_quorum(self) -> bool {
        !matches!(self, DeclarationAction::DeclarationOnly)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{CommitteeId, DeclarationId, MembershipId};
    use crate::model::MemberKind::{self, *};
    use uuid::Uuid;

    fn person(n: u128) -> PersonId {
        PersonId(Uuid::from_u128(n))
    }

    fn seat(n: u128, kind: MemberKind) -> Membership {
        Membership {
            id: MembershipId(Uuid::from_u128(1000 + n)),
            committee_id: CommitteeId(Uuid::nil()),
            person_id: person(n),
            kind,
            role: String::new(),
            voting: kind.votes_by_default(),
            position: n as u32,
            from: None,
            to: None,
        }
    }

    fn att(n: u128, presence: Presence) -> MemberAttendance {
        MemberAttendance {
            meeting_id: MeetingId(Uuid::nil()),
            person_id: person(n),
            presence,
            deputy: String::new(),
            arrived: None,
            left: None,
            note: String::new(),
        }
    }

    fn t(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    fn slot(n: u128, start: Option<NaiveTime>) -> Slot {
        Slot {
            item_id: AgendaItemId(Uuid::from_u128(n)),
            number: n.to_string(),
            start,
            end: None,
            depth: 0,
        }
    }

    /// A board of six: chair, two NEDs, three executives; one third = 2 needed, with one
    /// executive and one non-executive.
    fn board() -> Vec<Membership> {
        vec![
            seat(1, Chair),
            seat(2, NonExecutiveDirector),
            seat(3, NonExecutiveDirector),
            seat(4, ExecutiveDirector),
            seat(5, ExecutiveDirector),
            seat(6, ExecutiveDirector),
        ]
    }

    fn quorate(at: &[QuorumAt]) -> Vec<bool> {
        at.iter().map(|q| q.outcome.quorate).collect()
    }

    #[test]
    fn late_arrival_and_early_departure_change_the_quorum_by_item() {
        let rule = QuorumRule::default();
        let mut a4 = att(4, Presence::Present);
        a4.arrived = t(10, 0);
        let mut a2 = att(2, Presence::Present);
        a2.left = t(11, 0);
        let attendance = vec![
            a2,
            a4,
            att(1, Presence::Apologies),
            att(3, Presence::Absent),
        ];
        let slots = [slot(10, t(9, 30)), slot(11, t(10, 15)), slot(12, t(11, 30))];
        let q = quorum_through(&rule, &board(), &attendance, &[], &slots, t(9, 30));
        // Start and item 10: no executive yet. Item 11: both. Item 12: the NED has gone.
        assert_eq!(quorate(&q), [false, false, true, false]);
        assert_eq!(
            q[3].outcome.shortfalls,
            [
                "1 of 6 voting members present; 2 needed.",
                "No non-executive director present; 1 needed."
            ]
        );
    }

    #[test]
    fn withdrawal_for_an_interest_counts_against_the_item_only() {
        let rule = QuorumRule::default();
        let attendance = vec![att(2, Presence::Present), att(4, Presence::Present)];
        let slots = [slot(10, None), slot(11, None)];
        let declaration = Declaration {
            id: DeclarationId(Uuid::nil()),
            item_id: AgendaItemId(Uuid::from_u128(11)),
            person_id: person(2),
            interest_id: None,
            text: "Director of the supplier".into(),
            action: DeclarationAction::WithdrewFromDecision,
        };
        let q = quorum_through(
            &rule,
            &board(),
            &attendance,
            std::slice::from_ref(&declaration),
            &slots,
            None,
        );
        assert_eq!(quorate(&q), [true, true, false]);
        assert_eq!(q[2].withdrawn, [person(2)]);
        let only = Declaration {
            action: DeclarationAction::DeclarationOnly,
            ..declaration
        };
        let q = quorum_through(&rule, &board(), &attendance, &[only], &slots, None);
        assert_eq!(quorate(&q), [true, true, true]);
    }

    #[test]
    fn deputies_count_as_configured_and_the_non_executive_rule_alone_can_fail() {
        let mut rule = QuorumRule::default();
        let mut d = att(2, Presence::Deputy);
        d.deputy = "A N Other, Deputy".into();
        let attendance = vec![d, att(4, Presence::Present), att(5, Presence::Present)];
        assert!(
            quorum_through(&rule, &board(), &attendance, &[], &[], None)[0]
                .outcome
                .quorate
        );
        rule.deputies_count = false;
        let q = quorum_through(&rule, &board(), &attendance, &[], &[], None);
        assert!(!q[0].outcome.quorate);
        assert_eq!(
            q[0].outcome.shortfalls,
            ["No non-executive director present; 1 needed."]
        );
    }
}
