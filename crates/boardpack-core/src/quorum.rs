//! Quorum: the standing orders' rule for when enough members are present to do business,
//! for example "at least one third of voting members, including at least one executive and
//! one non-executive director". This module holds the rule and judges a given attendance
//! against it; who is present at which item is the minute-taker's record, passed in.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::MemberKind;
use crate::validate::ValidationError;

/// How many voting members must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum QuorumMinimum {
    /// A fixed number of voting members.
    Fixed { members: u32 },
    /// A fraction of the voting membership, rounded up ("one third": 1/3).
    Fraction { numerator: u32, denominator: u32 },
}

/// A committee's quorum rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct QuorumRule {
    pub minimum: QuorumMinimum,
    /// Executive directors (the chief executive included) that must be among them.
    pub min_executive: u32,
    /// Non-executive directors (the chair included) that must be among them.
    pub min_non_executive: u32,
    /// Whether a named deputy standing in for a member counts towards quorum.
    pub deputies_count: bool,
}

impl Default for QuorumRule {
    /// One third of voting members, with at least one executive and one non-executive
    /// director; deputies count. The commonest rule in NHS trust standing orders.
    fn default() -> Self {
        QuorumRule {
            minimum: QuorumMinimum::Fraction {
                numerator: 1,
                denominator: 3,
            },
            min_executive: 1,
            min_non_executive: 1,
            deputies_count: true,
        }
    }
}

/// A voting seat as it stands for one item: the seat's kind, whether it is filled at all,
/// and whether by a deputy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seat {
    pub kind: MemberKind,
    pub present: bool,
    pub by_deputy: bool,
}

/// The verdict of a quorum check, with the counts behind it so the app can explain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuorumOutcome {
    pub quorate: bool,
    pub voting_members: u32,
    pub required: u32,
    pub present: u32,
    pub executive_present: u32,
    pub non_executive_present: u32,
    /// Why the meeting is not quorate, one sentence per unmet condition.
    pub shortfalls: Vec<String>,
}

fn is_executive(kind: MemberKind) -> bool {
    kind == MemberKind::ExecutiveDirector
}

fn is_non_executive(kind: MemberKind) -> bool {
    matches!(kind, MemberKind::NonExecutiveDirector | MemberKind::Chair)
}

impl QuorumRule {
    /// Checks the rule can ever be met.
    pub fn validate(&self) -> Result<(), ValidationError> {
        match self.minimum {
            QuorumMinimum::Fixed { members: 0 } => Err(ValidationError::Quorum(
                "a quorum of zero members would let anyone decide; require at least one.".into(),
            )),
            QuorumMinimum::Fraction {
                numerator,
                denominator,
            } if numerator == 0 || denominator == 0 || numerator > denominator => {
                Err(ValidationError::Quorum(format!(
                    "{numerator}/{denominator} is not a fraction of the membership between 0 and 1."
                )))
            }
            _ => Ok(()),
        }
    }

    /// Members required out of `voting_members`.
    pub fn required(&self, voting_members: u32) -> u32 {
        match self.minimum {
            QuorumMinimum::Fixed { members } => members,
            QuorumMinimum::Fraction {
                numerator,
                denominator,
            } => (voting_members * numerator).div_ceil(denominator.max(1)),
        }
    }

    /// Judges the seats of the voting membership as they stand for one item.
    pub fn evaluate(&self, seats: &[Seat]) -> QuorumOutcome {
        let voting: Vec<&Seat> = seats.iter().filter(|s| s.kind.is_voting()).collect();
        let counts = |s: &&&Seat| s.present && (!s.by_deputy || self.deputies_count);
        let present: Vec<&&Seat> = voting.iter().filter(counts).collect();
        let voting_members = voting.len() as u32;
        let required = self.required(voting_members);
        let n = present.len() as u32;
        let executive_present = present.iter().filter(|s| is_executive(s.kind)).count() as u32;
        let non_executive_present =
            present.iter().filter(|s| is_non_executive(s.kind)).count() as u32;
        let mut shortfalls = Vec::new();
        if n < required {
            shortfalls.push(format!(
                "{n} of {voting_members} voting members present; {required} needed."
            ));
        }
        if executive_present < self.min_executive {
            shortfalls.push(format!(
                "{executive_present} executive director(s) present; {} needed.",
                self.min_executive
            ));
        }
        if non_executive_present < self.min_non_executive {
            shortfalls.push(format!(
                "{non_executive_present} non-executive director(s) present; {} needed.",
                self.min_non_executive
            ));
        }
        QuorumOutcome {
            quorate: shortfalls.is_empty(),
            voting_members,
            required,
            present: n,
            executive_present,
            non_executive_present,
            shortfalls,
        }
    }

    /// The rule in words, as standing orders put it.
    pub fn describe(&self) -> String {
        let base = match self.minimum {
            QuorumMinimum::Fixed { members } => format!("at least {members} voting members"),
            QuorumMinimum::Fraction {
                numerator: 1,
                denominator: 2,
            } => "at least half of the voting members".to_owned(),
            QuorumMinimum::Fraction {
                numerator: 1,
                denominator: 3,
            } => "at least one third of the voting members".to_owned(),
            QuorumMinimum::Fraction {
                numerator,
                denominator,
            } => format!("at least {numerator}/{denominator} of the voting members"),
        };
        let count = |n: u32, what: &str| {
            let word = match n {
                1 => "one".to_owned(),
                2 => "two".to_owned(),
                3 => "three".to_owned(),
                n => n.to_string(),
            };
            format!("{word} {what}{}", if n == 1 { "" } else { "s" })
        };
        let mut including = Vec::new();
        if self.min_executive > 0 {
            including.push(count(self.min_executive, "executive director"));
        }
        if self.min_non_executive > 0 {
            including.push(count(self.min_non_executive, "non-executive director"));
        }
        let mut text = base;
        if !including.is_empty() {
            text.push_str(", including at least ");
            text.push_str(&including.join(" and "));
        }
        text.push_str(if self.deputies_count {
            "; deputies count"
        } else {
            "; deputies do not count"
        });
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MemberKind::*;

    fn seat(kind: MemberKind, present: bool) -> Seat {
        Seat {
            kind,
            present,
            by_deputy: false,
        }
    }

    fn board(present_neds: usize, present_execs: usize) -> Vec<Seat> {
        let mut seats = vec![seat(Chair, false)];
        seats.extend((0..5).map(|i| seat(NonExecutiveDirector, i < present_neds)));
        seats.extend((0..6).map(|i| seat(ExecutiveDirector, i < present_execs)));
        seats.push(seat(Secretary, true));
        seats.push(seat(InAttendance, true));
        seats
    }

    #[test]
    fn one_third_with_both_kinds() {
        let rule = QuorumRule::default();
        // 12 voting seats: 4 needed.
        let ok = rule.evaluate(&board(2, 2));
        assert!(ok.quorate, "{ok:?}");
        assert_eq!((ok.voting_members, ok.required, ok.present), (12, 4, 4));
        let short = rule.evaluate(&board(1, 2));
        assert!(!short.quorate);
        assert_eq!(
            short.shortfalls,
            vec!["3 of 12 voting members present; 4 needed."]
        );
    }

    #[test]
    fn fails_on_non_executive_count_alone() {
        let out = QuorumRule::default().evaluate(&board(0, 6));
        assert!(!out.quorate);
        assert_eq!(
            out.shortfalls,
            vec!["0 non-executive director(s) present; 1 needed."]
        );
    }

    #[test]
    fn deputies_count_only_when_configured() {
        let mut seats = board(2, 1); // 14 voting seats: 5 needed.
        seats.push(Seat {
            kind: ExecutiveDirector,
            present: true,
            by_deputy: true,
        });
        seats.push(seat(VotingMember, true));
        let mut rule = QuorumRule::default();
        assert!(rule.evaluate(&seats).quorate);
        rule.deputies_count = false;
        assert!(!rule.evaluate(&seats).quorate);
    }

    #[test]
    fn fixed_rules_and_descriptions() {
        let rule = QuorumRule {
            minimum: QuorumMinimum::Fixed { members: 3 },
            min_executive: 0,
            min_non_executive: 0,
            deputies_count: false,
        };
        assert!(rule.evaluate(&board(1, 2)).quorate);
        assert!(!rule.evaluate(&board(1, 1)).quorate);
        assert_eq!(
            rule.describe(),
            "at least 3 voting members; deputies do not count"
        );
        assert_eq!(
            QuorumRule::default().describe(),
            "at least one third of the voting members, including at least one executive director and one non-executive director; deputies count"
        );
        assert!(QuorumRule {
            minimum: QuorumMinimum::Fraction {
                numerator: 4,
                denominator: 3
            },
            ..QuorumRule::default()
        }
        .validate()
        .is_err());
    }
}
