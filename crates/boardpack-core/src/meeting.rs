//! Meetings: one sitting of a committee, its session and where it is in its life
//! (planning → pack issued → held → minutes approved).

use chrono::{NaiveDate, NaiveTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;

use crate::ids::{CommitteeId, MeetingId, PersonId};
use crate::model::Committee;
use crate::validate::{long_date, ValidationError};

/// Whether a meeting (or, later, an agenda item) is held in public or in private.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Session {
    Public,
    Private,
}

impl Session {
    pub fn as_str(self) -> &'static str {
        match self {
            Session::Public => "public",
            Session::Private => "private",
        }
    }
}

impl FromStr for Session {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "public" => Ok(Session::Public),
            "private" => Ok(Session::Private),
            _ => Err(ValidationError::NotOneOf {
                what: "session",
                value: s.to_owned(),
                choices: "public, private",
            }),
        }
    }
}

/// Where a meeting is in its life. Meetings only move forward.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MeetingStatus {
    Planning,
    PackIssued,
    Held,
    MinutesApproved,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 4] = [
        MeetingStatus::Planning,
        MeetingStatus::PackIssued,
        MeetingStatus::Held,
        MeetingStatus::MinutesApproved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Planning => "planning",
            MeetingStatus::PackIssued => "pack_issued",
            MeetingStatus::Held => "held",
            MeetingStatus::MinutesApproved => "minutes_approved",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MeetingStatus::Planning => "planning",
            MeetingStatus::PackIssued => "pack issued",
            MeetingStatus::Held => "held",
            MeetingStatus::MinutesApproved => "minutes approved",
        }
    }

    /// Checks a change of status: forward only (a step may be skipped, say when a meeting
    /// is recorded after the fact), never back.
    pub fn advance_to(self, to: MeetingStatus) -> Result<MeetingStatus, ValidationError> {
        if to > self {
            Ok(to)
        } else {
            Err(ValidationError::StatusOrder {
                from: self.label(),
                to: to.label(),
            })
        }
    }
}

impl fmt::Display for MeetingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MeetingStatus {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        MeetingStatus::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| ValidationError::NotOneOf {
                what: "meeting status",
                value: s.to_owned(),
                choices: "planning, pack_issued, held, minutes_approved",
            })
    }
}

/// One sitting of a committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Meeting {
    pub id: MeetingId,
    pub committee_id: CommitteeId,
    /// The committee's running meeting number (the 142nd Trust Board).
    pub number: u32,
    #[ts(type = "string")]
    pub date: NaiveDate,
    #[ts(type = "string | null")]
    pub start_time: Option<NaiveTime>,
    #[ts(type = "string | null")]
    pub end_time: Option<NaiveTime>,
    pub venue: String,
    pub chair_id: Option<crate::PersonId>,
    pub session: Session,
    pub status: MeetingStatus,
}

impl Meeting {
    /// The title lists and headings use: "Trust Board – 4 July 2019".
    pub fn title(&self, committee: &Committee) -> String {
        format!("{} – {}", committee.name, long_date(self.date))
    }

    /// The time span as papers print it: "09:30–13:00", or just the start.
    pub fn time_span(&self) -> String {
        match (self.start_time, self.end_time) {
            (Some(s), Some(e)) => format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")),
            (Some(s), None) => s.format("%H:%M").to_string(),
            _ => String::new(),
        }
    }
}

/// What a user supplies to create a meeting; the application fills in the id and, when no
/// number is given, the committee's next number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewMeeting {
    pub committee_id: CommitteeId,
    pub number: Option<u32>,
    /// YYYY-MM-DD, checked by [`NewMeeting::validate`].
    pub date: String,
    /// HH:MM or empty.
    pub start_time: String,
    /// HH:MM or empty.
    pub end_time: String,
    pub venue: String,
    pub chair_id: Option<PersonId>,
    pub session: Session,
}

/// A [`NewMeeting`] whose text fields have been checked and parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidMeeting {
    pub date: NaiveDate,
    pub start_time: Option<NaiveTime>,
    pub end_time: Option<NaiveTime>,
    pub venue: String,
}

impl NewMeeting {
    /// Parses the date and times and checks they make sense together.
    pub fn validate(&self) -> Result<ValidMeeting, ValidationError> {
        let date = crate::validate::parse_date(&self.date)?;
        let opt_time = |t: &str| {
            if t.trim().is_empty() {
                Ok(None)
            } else {
                crate::validate::parse_time(t).map(Some)
            }
        };
        let start_time = opt_time(&self.start_time)?;
        let end_time = opt_time(&self.end_time)?;
        if let (Some(start), Some(end)) = (start_time, end_time) {
            if end <= start {
                return Err(ValidationError::EndBeforeStart { start, end });
            }
        }
        Ok(ValidMeeting {
            date,
            start_time,
            end_time,
            venue: self.venue.trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_meeting(date: &str, start: &str, end: &str) -> NewMeeting {
        NewMeeting {
            committee_id: CommitteeId(uuid::Uuid::nil()),
            number: None,
            date: date.into(),
            start_time: start.into(),
            end_time: end.into(),
            venue: " Board Room ".into(),
            chair_id: None,
            session: Session::Public,
        }
    }

    #[test]
    fn statuses_only_move_forward() {
        use MeetingStatus::*;
        assert_eq!(Planning.advance_to(PackIssued).unwrap(), PackIssued);
        assert_eq!(Planning.advance_to(Held).unwrap(), Held);
        assert_eq!(
            Held.advance_to(Planning).unwrap_err().to_string(),
            "A meeting cannot go from “held” to “planning”: meetings move planning → pack issued → held → minutes approved."
        );
        assert!(Held.advance_to(Held).is_err());
    }

    #[test]
    fn new_meetings_are_checked() {
        let ok = new_meeting("2019-07-04", "09:00", "12:00")
            .validate()
            .unwrap();
        assert_eq!(ok.venue, "Board Room");
        assert!(new_meeting("2019-07-04", "", "")
            .validate()
            .unwrap()
            .start_time
            .is_none());
        assert!(matches!(
            new_meeting("2019-07-04", "12:00", "09:00").validate(),
            Err(ValidationError::EndBeforeStart { .. })
        ));
        assert!(matches!(
            new_meeting("2019-02-30", "", "").validate(),
            Err(ValidationError::DayOutOfRange { .. })
        ));
        assert!(matches!(
            new_meeting("2019-07-04", "9am", "").validate(),
            Err(ValidationError::TimeFormat(_))
        ));
    }

    #[test]
    fn sessions_parse() {
        assert_eq!("Private".parse::<Session>().unwrap(), Session::Private);
        assert!("secret".parse::<Session>().is_err());
    }
}
