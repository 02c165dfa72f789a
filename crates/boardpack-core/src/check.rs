//! What a whole record must be before it is kept: every field within its limit (titles
//! 500 characters, summaries 20,000, a minute 100,000, durations 1–1,440 minutes, meeting
//! numbers 1–99,999, years 1900–2200), no control characters, codes, initials, letters,
//! telephone numbers and quorum rules as their own checks in [`crate::validate`] want them.
//!
//! [`Check::check`] is run by the store before every write and by the archive import on
//! every record it reads, so the command line, the desktop and an archive cannot take in
//! different things. It checks one record alone; rules between records (a parent on the
//! same agenda, a lead who exists) belong to whoever sees them together. It changes nothing:
//! trimming and defaults are the use cases' job.

use crate::actions::ActionUpdate;
use crate::agenda::{AgendaItem, Lead};
use crate::attendance::{Attendee, MemberAttendance};
use crate::interests::{Declaration, Interest};
use crate::meeting::Meeting;
use crate::minutes::{Minute, MinutesVersion};
use crate::model::{Committee, Membership, Organisation, Person};
use crate::paper::{Attachment, CoverSheet, NextPaper, Objective, Paper, RiskLinks};
use crate::risk::Risk;
use crate::validate::{
    at_most, duration, line, meeting_number, prose, year, ValidationError, MINUTE_MAX, SUMMARY_MAX,
    TITLE_MAX,
};

/// The most entries a list inside one record may have (questions, resolutions, actions,
/// appendices, linked risks…).
pub const LIST_MAX: usize = 1000;

/// The longest confidentiality marking: it prints on one line at the head of a page.
pub const MARKING_MAX: usize = 80;

/// A record that can say whether it may be kept.
pub trait Check {
    /// `Ok` when every field is within its limits; else the first problem, naming the field.
    fn check(&self) -> Result<(), ValidationError>;
}

fn list<T>(field: &'static str, items: &[T]) -> Result<(), ValidationError> {
    if items.len() > LIST_MAX {
        return Err(ValidationError::OutOfRange {
            min: 0,
            field,
            value: items.len() as u64,
            max: LIST_MAX as u64,
        });
    }
    Ok(())
}

fn required_line(field: &'static str, text: &str) -> Result<(), ValidationError> {
    if text.trim().is_empty() {
        return Err(ValidationError::Empty { field });
    }
    line(field, text, TITLE_MAX)
}

impl Check for Organisation {
    fn check(&self) -> Result<(), ValidationError> {
        required_line("organisation name", &self.name)?;
        line("organisation's short name", &self.short_name, TITLE_MAX)?;
        prose("bulletin wording", &self.bulletin_wording, SUMMARY_MAX)?;
        crate::bulletin::check_wording(&self.bulletin_wording)?;
        line(
            "confidential marking",
            &self.confidential_marking,
            MARKING_MAX,
        )?;
        Ok(())
    }
}

impl Check for Committee {
    fn check(&self) -> Result<(), ValidationError> {
        required_line("committee name", &self.name)?;
        if crate::validate::committee_code(&self.code)? != self.code {
            return Err(ValidationError::Code(self.code.clone()));
        }
        line(
            "minute-reference pattern",
            self.minute_ref_pattern.as_str(),
            100,
        )?;
        crate::MinuteRefPattern::new(self.minute_ref_pattern.as_str())?;
        self.quorum.validate()?;
        at_most("paper deadline (days)", self.paper_deadline_days, 365)?;
        at_most("pack issue (days)", self.pack_issue_days, 365)?;
        at_most("draft minutes (days)", self.minutes_due_days, 365)?;
        list("standing items", &self.standing_items)
    }
}

impl Check for Person {
    fn check(&self) -> Result<(), ValidationError> {
        required_line("name", &self.name)?;
        crate::validate::initials(&self.initials)?;
        line("person's organisation", &self.organisation, TITLE_MAX)?;
        if crate::validate::phone(&self.phone)? != self.phone {
            return Err(ValidationError::Phone(self.phone.clone()));
        }
        Ok(())
    }
}

impl Check for Membership {
    fn check(&self) -> Result<(), ValidationError> {
        line("role", &self.role, TITLE_MAX)
    }
}

impl Check for Meeting {
    fn check(&self) -> Result<(), ValidationError> {
        meeting_number(u64::from(self.number))?;
        year("meeting date", self.date)?;
        if let (Some(start), Some(end)) = (self.start_time, self.end_time) {
            if end <= start {
                return Err(ValidationError::EndBeforeStart { start, end });
            }
        }
        line("venue", &self.venue, TITLE_MAX)
    }
}

impl Check for Lead {
    fn check(&self) -> Result<(), ValidationError> {
        if let Lead::Invitee { name, role } = self {
            line("lead's name", name, TITLE_MAX)?;
            line("lead's role", role, TITLE_MAX)?;
        }
        Ok(())
    }
}

impl Check for AgendaItem {
    fn check(&self) -> Result<(), ValidationError> {
        required_line("item title", &self.title)?;
        duration(self.duration_minutes)?;
        prose(
            "reason for taking the item in private",
            &self.private_reason,
            SUMMARY_MAX,
        )?;
        if self.parent_id == Some(self.id) {
            return Err(ValidationError::Agenda(
                "an item cannot be its own sub-item".into(),
            ));
        }
        self.lead.check()
    }
}

impl Check for Attachment {
    fn check(&self) -> Result<(), ValidationError> {
        let hex = self.sha256.len() == 64
            && self
                .sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !hex {
            return Err(ValidationError::FileHash(self.sha256.clone()));
        }
        line("attachment's file name", &self.file_name, TITLE_MAX)?;
        line("attachment's title", &self.title, TITLE_MAX)
    }
}

impl Check for RiskLinks {
    fn check(&self) -> Result<(), ValidationError> {
        list("linked risks", &self.risks)?;
        prose("reason no risk is linked", &self.reason, SUMMARY_MAX)
    }
}

impl Check for CoverSheet {
    fn check(&self) -> Result<(), ValidationError> {
        list("previous considerations", &self.previous_consideration)?;
        for p in &self.previous_consideration {
            line("previous consideration's meeting", &p.meeting, TITLE_MAX)?;
            line("previous consideration's date", &p.date, TITLE_MAX)?;
            line("previous consideration's outcome", &p.outcome, TITLE_MAX)?;
        }
        prose("executive summary: context", &self.context, SUMMARY_MAX)?;
        list("executive summary: questions", &self.questions)?;
        for q in &self.questions {
            prose("executive summary: question", q, SUMMARY_MAX)?;
        }
        prose(
            "executive summary: conclusion",
            &self.conclusion,
            SUMMARY_MAX,
        )?;
        prose(
            "executive summary: input sought",
            &self.input_sought,
            SUMMARY_MAX,
        )?;
        if self.objectives.len() > LIST_MAX {
            return Err(ValidationError::OutOfRange {
                min: 0,
                field: "strategic objectives",
                value: self.objectives.len() as u64,
                max: LIST_MAX as u64,
            });
        }
        self.risk_register.check()?;
        self.baf.check()?;
        prose("new risk", &self.new_risk, SUMMARY_MAX)?;
        prose(
            "Equality Impact Assessment",
            &self.equality_impact,
            SUMMARY_MAX,
        )?;
        prose(
            "Patient and Public Involvement",
            &self.public_involvement,
            SUMMARY_MAX,
        )?;
        match &self.next_paper {
            NextPaper::Date { date } => {
                year("date of the next paper", *date)?;
            }
            NextPaper::Meeting { meeting } => line("next paper's meeting", meeting, TITLE_MAX)?,
            NextPaper::Unset | NextPaper::Tbc | NextPaper::NonePlannedYet => {}
        }
        at_most("summary page limit", self.summary_page_limit, 1000)?;
        at_most("paper page limit", self.paper_page_limit, 10_000)?;
        Ok(())
    }
}

impl Check for Paper {
    fn check(&self) -> Result<(), ValidationError> {
        required_line("paper title", &self.title)?;
        line("author(s)", &self.authors, TITLE_MAX)?;
        line("sponsor", &self.sponsor, TITLE_MAX)?;
        if let Some(letter) = &self.letter_override {
            if crate::paper::check_letter(letter)? != *letter {
                return Err(ValidationError::Letter(letter.clone()));
            }
        }
        list("appendices", &self.appendices)?;
        list("attachment history", &self.history)?;
        for a in self
            .document
            .iter()
            .chain(&self.appendices)
            .chain(&self.history)
        {
            a.check()?;
        }
        Check::check(&self.cover)?;
        if let Some(d) = self.received_on {
            year("date the paper was received", d)?;
        }
        Ok(())
    }
}

impl Check for Objective {
    fn check(&self) -> Result<(), ValidationError> {
        if self.text.trim().is_empty() {
            return Err(ValidationError::Empty {
                field: "strategic objective",
            });
        }
        line("strategic objective's heading", &self.heading, TITLE_MAX)?;
        prose("strategic objective", &self.text, SUMMARY_MAX)
    }
}

impl Check for Risk {
    fn check(&self) -> Result<(), ValidationError> {
        self.validate()?;
        line("risk reference", &self.reference, TITLE_MAX)?;
        line("risk title", &self.title, TITLE_MAX)?;
        line("risk owner", &self.owner, TITLE_MAX)
    }
}

impl Check for MemberAttendance {
    fn check(&self) -> Result<(), ValidationError> {
        line("deputy's name", &self.deputy, TITLE_MAX)?;
        line("attendance note", &self.note, TITLE_MAX)
    }
}

impl Check for Attendee {
    fn check(&self) -> Result<(), ValidationError> {
        required_line("attendee's name", &self.name)?;
        if !self.initials.is_empty() {
            crate::validate::initials(&self.initials)?;
        }
        line("attendee's role", &self.role, TITLE_MAX)?;
        line("attendee's note", &self.note, TITLE_MAX)?;
        list("attendee's items", &self.items)
    }
}

impl Check for Interest {
    fn check(&self) -> Result<(), ValidationError> {
        prose("interest", &self.description, SUMMARY_MAX)?;
        line("interest's organisation", &self.organisation, TITLE_MAX)?;
        list("interest's keywords", &self.keywords)?;
        for k in &self.keywords {
            line("interest's keyword", k, TITLE_MAX)?;
        }
        for d in self.from.iter().chain(&self.to) {
            year("date of the interest", *d)?;
        }
        Ok(())
    }
}

impl Check for Declaration {
    fn check(&self) -> Result<(), ValidationError> {
        prose("declaration", &self.text, SUMMARY_MAX)
    }
}

impl Check for Minute {
    fn check(&self) -> Result<(), ValidationError> {
        prose("minute", &self.discussion, MINUTE_MAX)?;
        prose("amendments", &self.amendments, SUMMARY_MAX)?;
        list("resolutions", &self.resolutions)?;
        for r in &self.resolutions {
            prose("resolution", r, SUMMARY_MAX)?;
        }
        list("actions", &self.actions)?;
        for a in &self.actions {
            prose("action", &a.text, SUMMARY_MAX)?;
            line("action's lead", &a.lead, TITLE_MAX)?;
            if let Some(due) = a.due {
                year("action's due date", due)?;
            }
        }
        Ok(())
    }
}

impl Check for ActionUpdate {
    fn check(&self) -> Result<(), ValidationError> {
        year("date of the update", self.date)?;
        prose("update", &self.note, 4000)
    }
}

impl Check for MinutesVersion {
    fn check(&self) -> Result<(), ValidationError> {
        if self.version == 0 || self.version > 9_999 {
            return Err(ValidationError::OutOfRange {
                field: "version of the minutes",
                value: u64::from(self.version),
                min: 1,
                max: 9_999,
            });
        }
        year("date the minutes were recorded", self.recorded_on)?;
        prose("note on the minutes", &self.note, SUMMARY_MAX)?;
        for item in &self.snapshot.items {
            line("minuted item's title", &item.title, TITLE_MAX)?;
            line("minute reference", &item.reference, TITLE_MAX)?;
            line("item number", &item.number, TITLE_MAX)?;
        }
        for m in &self.snapshot.minutes {
            m.check()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::Purpose;
    use crate::ids::{AgendaItemId, MeetingId};
    use crate::meeting::Session;

    fn item() -> AgendaItem {
        AgendaItem {
            id: AgendaItemId(uuid::Uuid::from_u128(1)),
            meeting_id: MeetingId(uuid::Uuid::from_u128(2)),
            parent_id: None,
            position: 0,
            title: "Finance report".into(),
            purpose: Purpose::Noting,
            lead: Lead::None,
            duration_minutes: 10,
            session: Session::Public,
            private_reason: String::new(),
            confidential: false,
            for_bulletin: false,
            paper_expected: true,
            standing: None,
        }
    }

    #[test]
    fn every_field_keeps_its_limit() {
        assert!(item().check().is_ok());
        let long = AgendaItem {
            title: "x".repeat(501),
            ..item()
        };
        assert_eq!(
            long.check().unwrap_err().to_string(),
            "The item title is 501 characters long, more than the 500 Boardpack takes: shorten it."
        );
        assert!(AgendaItem {
            title: "é".repeat(500),
            ..item()
        }
        .check()
        .is_ok());
        let escape = AgendaItem {
            title: "Finance \u{1b}[31mreport".into(),
            ..item()
        };
        assert_eq!(
            escape.check().unwrap_err().to_string(),
            "The item title contains a control character (U+001B), which cannot be printed: remove it (it can come in with text copied from a terminal)."
        );
        for minutes in [0, 1441, u32::MAX] {
            let e = AgendaItem {
                duration_minutes: minutes,
                ..item()
            }
            .check()
            .unwrap_err();
            assert!(matches!(e, ValidationError::Duration(_)), "{minutes}");
        }
        let own = AgendaItem {
            parent_id: Some(item().id),
            ..item()
        };
        assert!(own.check().is_err());
        // Prose keeps its line breaks but not escapes.
        let minute = Minute {
            discussion: "First paragraph.\n\n- a bullet\tand a tab".into(),
            ..Minute::empty(item().id)
        };
        assert!(minute.check().is_ok());
        let minute = Minute {
            discussion: "x".repeat(100_001),
            ..Minute::empty(item().id)
        };
        assert_eq!(
            minute.check().unwrap_err().to_string(),
            "The minute is 100,001 characters long, more than the 100,000 Boardpack takes: shorten it."
        );
        let minute = Minute {
            discussion: "bell \u{7}".into(),
            ..Minute::empty(item().id)
        };
        assert!(minute.check().is_err());
    }

    #[test]
    fn numbers_and_years_stay_plausible() {
        use chrono::NaiveDate;
        let m = Meeting {
            id: MeetingId(uuid::Uuid::from_u128(2)),
            committee_id: crate::CommitteeId(uuid::Uuid::from_u128(3)),
            number: 142,
            date: NaiveDate::from_ymd_opt(2026, 12, 3).expect("date"),
            start_time: None,
            end_time: None,
            venue: String::new(),
            chair_id: None,
            session: Session::Public,
            status: crate::MeetingStatus::Planning,
        };
        assert!(m.check().is_ok());
        assert_eq!(
            Meeting {
                number: u32::MAX,
                ..m.clone()
            }
            .check()
            .unwrap_err()
            .to_string(),
            "Meeting numbers run from 1 to 99,999; 4294967295 is not one."
        );
        assert!(Meeting {
            number: 0,
            ..m.clone()
        }
        .check()
        .is_err());
        assert_eq!(
            Meeting {
                date: NaiveDate::from_ymd_opt(1850, 1, 1).expect("date"),
                ..m.clone()
            }
            .check()
            .unwrap_err()
            .to_string(),
            "The meeting date 1850-01-01 is not a plausible date: use a year from 1900 to 2200."
        );
        assert!(crate::validate::parse_date("2201-01-01").is_err());
        assert!(crate::validate::parse_date("1900-01-01").is_ok());
    }

    #[test]
    fn echoed_values_are_clipped() {
        let e = crate::validate::committee_code(&"X".repeat(10_000)).unwrap_err();
        assert!(e.to_string().chars().count() < 200, "{e}");
        assert!(e.to_string().contains("…"));
    }
}
