//! The timetable's use cases: a meeting's dates (papers due, the pack issued, draft
//! minutes to the chair) as they stand today, a committee's rules, the organisation's
//! bank-holiday region, and a committee's calendar as an iCalendar file. The rules and the
//! calendar's text are the core's ([`boardpack_core::timetable`],
//! [`boardpack_core::calendar`]); here they meet the store and the clock.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use boardpack_core::calendar::{calendar, CalendarInput};
use boardpack_core::readiness::progress;
use boardpack_core::timetable::{
    deadlines, long_date, Deadline, HolidayRegion, Timetable, TimetableRules,
};
use boardpack_core::{Committee, CommitteeId, MeetingId, Organisation, OrganisationId};

use crate::error::{Error, Result};
use crate::setup::{no_committee_id, no_meeting, no_organisation};
use crate::store::{agenda as a, committees as c, meetings as m, papers as p};
use crate::Boardpack;

/// A meeting's timetable as the meeting page and `boardpack timetable` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeetingTimetable {
    pub meeting_id: MeetingId,
    #[ts(type = "string")]
    pub meeting_date: NaiveDate,
    /// "Thursday 3 December 2026".
    pub meeting_date_text: String,
    /// Whose bank holidays are skipped.
    pub region: HolidayRegion,
    /// "England and Wales".
    pub region_label: String,
    pub rules: TimetableRules,
    /// Papers due, the pack issued, draft minutes to the chair, as they stand today.
    pub deadlines: Vec<Deadline>,
}

/// What a calendar export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CalendarSummary {
    /// Meetings in the calendar.
    pub meetings: usize,
    /// Events in all: each meeting, and each deadline of those whose timetable could be
    /// worked out.
    pub events: usize,
    /// Years of meetings whose deadlines are left out because Boardpack holds no bank
    /// holidays for them, with the sentence saying so.
    pub missing: Vec<String>,
}

impl Boardpack {
    /// A meeting's timetable as it stands today; refused with [`Error::NoHolidays`] when a
    /// date falls in a year whose bank holidays Boardpack does not hold.
    pub fn meeting_timetable(&self, meeting_id: MeetingId) -> Result<MeetingTimetable> {
        // Only what the timetable needs (not a whole snapshot, whose logo is decoded).
        let (meeting, committee, organisation, items, papers) = self.store.read(|conn| {
            let meeting = m::meeting(conn, meeting_id)?.ok_or_else(|| no_meeting(meeting_id))?;
            let committee = c::committee(conn, meeting.committee_id)?
                .ok_or_else(|| no_committee_id(meeting.committee_id))?;
            let organisation = c::organisation(conn, committee.organisation_id)?
                .ok_or_else(|| no_organisation(committee.organisation_id))?;
            let items = a::items(conn, Some(meeting_id))?;
            let papers = p::papers(conn, Some(meeting_id))?;
            Ok((meeting, committee, organisation, items, papers))
        })?;
        let tt = Timetable::new(
            organisation.holiday_region,
            committee.timetable_rules(),
            meeting.date,
        )?;
        let lines = deadlines(&tt, self.clock.today(), progress(&meeting, &items, &papers));
        Ok(MeetingTimetable {
            meeting_id,
            meeting_date: meeting.date,
            meeting_date_text: long_date(meeting.date),
            region: tt.region,
            region_label: tt.region.label().to_owned(),
            rules: tt.rules,
            deadlines: lines,
        })
    }

    /// The file name to offer for a committee's calendar: "Trust Board calendar.ics".
    pub fn calendar_file_name(&self, committee_id: CommitteeId) -> Result<String> {
        let committee = self
            .store
            .read(|conn| c::committee(conn, committee_id))?
            .ok_or_else(|| no_committee_id(committee_id))?;
        let name: String = committee
            .name
            .chars()
            .map(|ch| {
                if ch.is_alphanumeric() || ch == ' ' || ch == '-' {
                    ch
                } else {
                    '_'
                }
            })
            .collect();
        Ok(format!("{} calendar.ics", name.trim()))
    }

    /// Sets a committee's timetable rules: papers due so many working days before a
    /// meeting, the pack issued so many clear days before (more than that, the papers'
    /// date first), draft minutes so many working days after; each at most 90.
    pub fn set_timetable_rules(
        &self,
        committee_id: CommitteeId,
        rules: TimetableRules,
    ) -> Result<Committee> {
        boardpack_core::validate::deadlines(
            rules.papers_due_days,
            rules.pack_issue_days,
            rules.minutes_due_days,
        )?;
        self.store.write(|tx| {
            let committee =
                c::committee(tx, committee_id)?.ok_or_else(|| no_committee_id(committee_id))?;
            let committee = Committee {
                paper_deadline_days: rules.papers_due_days,
                pack_issue_days: rules.pack_issue_days,
                minutes_due_days: rules.minutes_due_days,
                ..committee
            };
            c::upsert_committee(tx, &committee)?;
            Ok(committee)
        })
    }

    /// Sets whose bank holidays the organisation's timetables skip.
    pub fn set_holiday_region(
        &self,
        organisation_id: OrganisationId,
        region: HolidayRegion,
    ) -> Result<Organisation> {
        self.store.write(|tx| {
            let org = c::organisation(tx, organisation_id)?
                .ok_or_else(|| no_organisation(organisation_id))?;
            let org = Organisation {
                holiday_region: region,
                ..org
            };
            c::upsert_organisation(tx, &org)?;
            Ok(org)
        })
    }

    /// Writes a committee's calendar to `out` (an `.ics` file, RFC 5545): each meeting and
    /// its timetable's deadlines, each event with a UID made from the meeting's id, so a
    /// later export imported again updates the events. A meeting whose deadlines need a
    /// year without bank-holiday data is written without them, and the summary says so.
    pub fn export_calendar(
        &self,
        committee_id: CommitteeId,
        out: &Path,
    ) -> Result<CalendarSummary> {
        let (committee, organisation, meetings) = self.store.read(|conn| {
            let committee =
                c::committee(conn, committee_id)?.ok_or_else(|| no_committee_id(committee_id))?;
            let organisation = c::organisation(conn, committee.organisation_id)?
                .ok_or_else(|| no_organisation(committee.organisation_id))?;
            let meetings = m::meetings(conn, Some(committee_id))?;
            Ok((committee, organisation, meetings))
        })?;
        let rules = committee.timetable_rules();
        let with_timetables: Vec<_> = meetings
            .into_iter()
            .map(|meeting| {
                let tt = Timetable::new(organisation.holiday_region, rules, meeting.date);
                (meeting, tt)
            })
            .collect();
        let mut missing: Vec<String> = Vec::new();
        for (_, tt) in &with_timetables {
            if let Err(e) = tt {
                let sentence = e.to_string();
                if !missing.contains(&sentence) {
                    missing.push(sentence);
                }
            }
        }
        let text = calendar(&CalendarInput {
            committee_name: &committee.name,
            organisation_name: &organisation.name,
            meetings: &with_timetables,
            stamp: self.clock.now_utc(),
        });
        crate::save_document(out, |file| {
            file.write_all(text.as_bytes())
                .map_err(Error::io("write", out))
        })?;
        let dated = with_timetables.iter().filter(|(_, tt)| tt.is_ok()).count();
        Ok(CalendarSummary {
            meetings: with_timetables.len(),
            events: with_timetables.len() + 3 * dated,
            missing,
        })
    }
}
