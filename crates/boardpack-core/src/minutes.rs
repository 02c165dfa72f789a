//! Minutes: what was said and decided at each item (discussion, outcome, "It was
//! RESOLVED to …", actions with a lead and a date), and the minute references that number
//! a committee's minutes through the year across its meetings ("SLT 19/85").

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agenda::Slot;
use crate::ids::{ActionId, AgendaItemId, MeetingId};
use crate::minute_ref::MinuteRefPattern;

/// What the meeting did with an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    Approved,
    ApprovedWithAmendments,
    NotApproved,
    Noted,
    Received,
    Deferred,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Approved => "Approved",
            Outcome::ApprovedWithAmendments => "Approved with amendments",
            Outcome::NotApproved => "Not approved",
            Outcome::Noted => "Noted",
            Outcome::Received => "Received",
            Outcome::Deferred => "Deferred",
        }
    }
}

/// An action arising from an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Action {
    pub id: ActionId,
    pub text: String,
    /// Initials of the lead, as minutes print them ("TS").
    pub lead: String,
    #[ts(type = "string | null")]
    pub due: Option<NaiveDate>,
    /// Where it stands; changed only by recording an update on the action log (saving a
    /// minute keeps it).
    #[serde(default)]
    pub status: crate::actions::ActionStatus,
}

/// The minute of one agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Minute {
    pub item_id: AgendaItemId,
    /// Paragraphs separated by blank lines; lines starting "- " are bullets.
    pub discussion: String,
    pub outcome: Option<Outcome>,
    /// The amendments, when approved with amendments.
    pub amendments: String,
    /// Each one completes "It was RESOLVED to …".
    pub resolutions: Vec<String>,
    pub actions: Vec<Action>,
}

impl Minute {
    pub fn empty(item_id: AgendaItemId) -> Minute {
        Minute {
            item_id,
            discussion: String::new(),
            outcome: None,
            amendments: String::new(),
            resolutions: Vec::new(),
            actions: Vec::new(),
        }
    }
}

/// When a meeting closed, as the minute-taker records it: the minutes end "The meeting
/// closed at 12:40", and their heading gives it as the end time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MeetingClosed {
    pub meeting_id: MeetingId,
    #[ts(type = "string")]
    pub at: NaiveTime,
}

/// An item as its minutes were recorded: its reference, number and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MinutedItem {
    pub item_id: AgendaItemId,
    pub reference: String,
    pub number: String,
    pub title: String,
}

/// A meeting's minutes as they stood at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MinutesSnapshot {
    pub items: Vec<MinutedItem>,
    pub minutes: Vec<Minute>,
}

/// One kept version of a meeting's minutes. Approval records one and freezes the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MinutesVersion {
    pub meeting_id: MeetingId,
    /// 1, 2, …
    pub version: u32,
    #[ts(type = "string")]
    pub recorded_on: NaiveDate,
    /// "Approved by the Trust Board on 7 January 2027, minute TB 27/003, with amendments:
    /// …".
    pub note: String,
    /// The item of the later meeting that approved them.
    #[serde(default)]
    pub approved_at: Option<AgendaItemId>,
    pub snapshot: MinutesSnapshot,
}

/// Minute references for a meeting's items: numbered on from the minutes of the
/// committee's earlier meetings in the same calendar year. `earlier` lists, for each
/// earlier meeting of the committee, its date and how many minutes it had; `first` is the
/// number of the year's first minute recorded in Boardpack
/// ([`crate::Committee::first_minute`]: 1, unless the committee carries on its numbering
/// from before).
pub fn minute_references(
    pattern: &MinuteRefPattern,
    date: NaiveDate,
    earlier: &[(MeetingId, NaiveDate, usize)],
    slots: &[Slot],
    first: u32,
) -> BTreeMap<AgendaItemId, String> {
    let before: usize = earlier
        .iter()
        .filter(|(_, d, _)| d.year() == date.year() && *d < date)
        .map(|(_, _, n)| n)
        .sum();
    slots
        .iter()
        .enumerate()
        .map(|(k, s)| {
            (
                s.item_id,
                pattern.format(date.year(), first.max(1) + (before + k) as u32),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn slots(n: usize) -> Vec<Slot> {
        (0..n)
            .map(|k| Slot {
                item_id: AgendaItemId(Uuid::from_u128(k as u128)),
                number: (k + 1).to_string(),
                start: None,
                end: None,
                depth: 0,
            })
            .collect()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn references_run_on_through_the_year_and_restart_in_a_new_one() {
        let p = MinuteRefPattern::new("SLT {yy}/{seq}").unwrap();
        let m = |n| MeetingId(Uuid::from_u128(n));
        let earlier = [
            (m(1), d(2019, 1, 17), 40),
            (m(2), d(2019, 5, 18), 44),
            (m(3), d(2018, 12, 20), 30),
            (m(4), d(2019, 7, 1), 9),
        ];
        let refs = minute_references(&p, d(2019, 6, 22), &earlier, &slots(15), 1);
        let first = &refs[&AgendaItemId(Uuid::from_u128(0))];
        let last = &refs[&AgendaItemId(Uuid::from_u128(14))];
        assert_eq!((first.as_str(), last.as_str()), ("SLT 19/85", "SLT 19/99"));
        let refs = minute_references(&p, d(2020, 1, 16), &earlier, &slots(2), 1);
        assert_eq!(refs[&AgendaItemId(Uuid::from_u128(0))], "SLT 20/1");
        let ccbp = MinuteRefPattern::new("CCBP/{yy}/{seq}").unwrap();
        let refs = minute_references(
            &ccbp,
            d(2018, 6, 21),
            &[(m(9), d(2018, 5, 17), 41)],
            &slots(1),
            1,
        );
        assert_eq!(refs[&AgendaItemId(Uuid::from_u128(0))], "CCBP/18/42");
        // A committee that carries on its numbering: its first minute of 2024 recorded
        // here is 112, and later meetings that year follow on.
        let qc = MinuteRefPattern::new("QC {yy}/{seq}").unwrap();
        let refs = minute_references(&qc, d(2024, 6, 6), &[], &slots(3), 112);
        assert_eq!(refs[&AgendaItemId(Uuid::from_u128(0))], "QC 24/112");
        assert_eq!(refs[&AgendaItemId(Uuid::from_u128(2))], "QC 24/114");
        let refs = minute_references(
            &qc,
            d(2024, 7, 4),
            &[(m(5), d(2024, 6, 6), 3)],
            &slots(1),
            112,
        );
        assert_eq!(refs[&AgendaItemId(Uuid::from_u128(0))], "QC 24/115");
    }
}
