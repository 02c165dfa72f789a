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

/// A seat as it stands for one item: the seat's kind, whether it votes, whether it is
/// filled at all, and whether by a deputy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seat {
    pub kind: MemberKind,
    /// Only voting seats count towards quorum.
    pub voting: bool,
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
    matches!(
        kind,
        MemberKind::NonExecutiveDirector
            | MemberKind::Chair
            | MemberKind::ViceChair
            | MemberKind::Associate
    )
}

/// The quorum rule applied to a committee as it stands, in one sentence ("at least 4 of
/// 12 voting members, including 1 executive and 1 non-executive director; deputies
/// count"), with what would make it impossible to meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuorumPreview {
    pub text: String,
    /// Why no meeting of the committee as it stands could be quorate; empty when one
    /// could.
    pub problems: Vec<String>,
}

/// The voting seats of a committee by kind, for [`QuorumRule::preview`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VotingSeats {
    pub total: u32,
    pub executive: u32,
    pub non_executive: u32,
}

impl VotingSeats {
    /// Counts the voting seats among `seats` (kind, votes).
    pub fn count(seats: impl IntoIterator<Item = (MemberKind, bool)>) -> VotingSeats {
        let mut out = VotingSeats::default();
        for (kind, voting) in seats {
            if voting {
                out.total += 1;
                out.executive += u32::from(is_executive(kind));
                out.non_executive += u32::from(is_non_executive(kind));
            }
        }
        out
    }
}

/// "No executive director", "1 executive director", "2 executive directors".
fn directors(n: u32, what: &str) -> String {
    match n {
        0 => format!("No {what}"),
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
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
        let voting: Vec<&Seat> = seats.iter().filter(|s| s.voting).collect();
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
                "{} present; {} needed.",
                directors(executive_present, "executive director"),
                self.min_executive
            ));
        }
        if non_executive_present < self.min_non_executive {
            shortfalls.push(format!(
                "{} present; {} needed.",
                directors(non_executive_present, "non-executive director"),
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
        text.push_str(self.deputies_words());
        text
    }

    fn deputies_words(&self) -> &'static str {
        if self.deputies_count {
            "; deputies count"
        } else {
            "; deputies do not count"
        }
    }

    /// The rule applied to a committee's voting seats, in plain English, and what would
    /// keep any meeting from being quorate.
    pub fn preview(&self, seats: VotingSeats) -> QuorumPreview {
        let required = self.required(seats.total);
        let share = match self.minimum {
            QuorumMinimum::Fixed { .. } => String::new(),
            QuorumMinimum::Fraction {
                numerator: 1,
                denominator: 2,
            } => " (half)".to_owned(),
            QuorumMinimum::Fraction {
                numerator: 1,
                denominator: 3,
            } => " (one third)".to_owned(),
            QuorumMinimum::Fraction {
                numerator,
                denominator,
            } => format!(" ({numerator}/{denominator})"),
        };
        let mut text = format!(
            "at least {required} of {} voting member{}{share}",
            seats.total,
            if seats.total == 1 { "" } else { "s" }
        );
        let mut kinds = Vec::new();
        if self.min_executive > 0 {
            kinds.push(format!("{} executive", self.min_executive));
        }
        if self.min_non_executive > 0 {
            kinds.push(format!("{} non-executive", self.min_non_executive));
        }
        if !kinds.is_empty() {
            let plural = self.min_executive.max(self.min_non_executive) > 1;
            text.push_str(&format!(
                ", including {} director{}",
                kinds.join(" and "),
                if plural { "s" } else { "" }
            ));
        }
        text.push_str(self.deputies_words());
        let mut problems = Vec::new();
        if seats.total == 0 {
            problems.push(
                "The committee has no voting members yet: add them, or mark seats as voting."
                    .to_owned(),
            );
        } else if required > seats.total {
            problems.push(format!(
                "The rule needs {required} voting members but the committee has {}: no meeting could be quorate.",
                seats.total
            ));
        }
        if self.min_executive > seats.executive && seats.total > 0 {
            problems.push(format!(
                "The rule needs {} but the committee has {}.",
                directors(self.min_executive, "voting executive director"),
                seats.executive
            ));
        }
        if self.min_non_executive > seats.non_executive && seats.total > 0 {
            problems.push(format!(
                "The rule needs {} (the chair counts) but the committee has {}.",
                directors(self.min_non_executive, "voting non-executive director"),
                seats.non_executive
            ));
        }
        QuorumPreview { text, problems }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MemberKind::*;

    fn seat(kind: MemberKind, present: bool) -> Seat {
        Seat {
            kind,
            voting: kind.votes_by_default(),
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
            vec!["No non-executive director present; 1 needed."]
        );
    }

    #[test]
    fn shortfalls_count_directors_in_words_not_with_a_bracketed_plural() {
        let rule = QuorumRule {
            min_executive: 2,
            min_non_executive: 3,
            ..QuorumRule::default()
        };
        let out = rule.evaluate(&board(2, 1));
        assert_eq!(
            out.shortfalls,
            vec![
                "3 of 12 voting members present; 4 needed.",
                "1 executive director present; 2 needed.",
                "2 non-executive directors present; 3 needed."
            ]
        );
        assert!(out.shortfalls.iter().all(|s| !s.contains("(s)")));
    }

    #[test]
    fn deputies_count_only_when_configured() {
        let mut seats = board(2, 1); // 14 voting seats: 5 needed.
        seats.push(Seat {
            kind: ExecutiveDirector,
            voting: true,
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

    #[test]
    fn previews_the_rule_on_the_committee_as_it_stands() {
        let board = VotingSeats::count(board(0, 0).iter().map(|s| (s.kind, s.voting)));
        assert_eq!(
            board,
            VotingSeats {
                total: 12,
                executive: 6,
                non_executive: 6
            }
        );
        let p = QuorumRule::default().preview(board);
        assert_eq!(
            p.text,
            "at least 4 of 12 voting members (one third), including 1 executive and 1 non-executive director; deputies count"
        );
        assert!(p.problems.is_empty());
        let strict = QuorumRule {
            minimum: QuorumMinimum::Fixed { members: 13 },
            min_executive: 7,
            min_non_executive: 2,
            deputies_count: false,
        };
        let p = strict.preview(board);
        assert_eq!(
            p.text,
            "at least 13 of 12 voting members, including 7 executive and 2 non-executive directors; deputies do not count"
        );
        assert_eq!(p.problems.len(), 2, "{:?}", p.problems);
        assert!(p.problems[0].contains("no meeting could be quorate"));
        let empty = QuorumRule::default().preview(VotingSeats::default());
        assert_eq!(
            empty.text,
            "at least 0 of 0 voting members (one third), including 1 executive and 1 non-executive director; deputies count"
        );
        assert_eq!(empty.problems.len(), 1);
        // An associate without a vote is not counted; given a vote, they count as a
        // non-executive.
        let seats = VotingSeats::count([(Associate, false), (Associate, true), (Chair, true)]);
        assert_eq!((seats.total, seats.non_executive), (2, 2));
    }
}
