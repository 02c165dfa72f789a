//! The timetable's verbs: `timetable --meeting ID` (a meeting's dates with their weekdays),
//! `committee timetable` (a committee's rules), `organisation holidays` (whose bank
//! holidays apply) and `export calendar` (a committee's meetings and deadlines as an
//! iCalendar file). Each parses, calls one use case and prints as the rest of the command
//! does; no rule lives here.

use std::path::Path;

use boardpack::Boardpack;
use boardpack_core::timetable::{DeadlineKind, HolidayRegion};

/// Prints a meeting's timetable, one date a line: what, the date with its weekday, the
/// rule, where it stands (tab-separated); the meeting itself between the pack and the
/// minutes.
pub fn show(app: &Boardpack, meeting: &str) -> boardpack::Result<()> {
    let tt = app.meeting_timetable(meeting.parse()?)?;
    for line in &tt.deadlines {
        if line.kind == DeadlineKind::MinutesDue {
            out!("Meeting\t{}\t\t", tt.meeting_date_text);
        }
        out!(
            "{}\t{}\t{}\t{}",
            line.label,
            line.date_text,
            line.rule,
            line.state_text
        );
    }
    say!(
        "Working days skip weekends and the bank holidays of {}; clear days leave out both the day the pack is issued and the day of the meeting.",
        tt.region_label
    );
    Ok(())
}

/// Sets a committee's timetable rules; what is not given stays as it is. Prints the
/// committee's id.
pub fn rules(
    app: &Boardpack,
    committee: &str,
    papers_due: Option<u32>,
    pack_issue: Option<u32>,
    minutes_due: Option<u32>,
) -> boardpack::Result<()> {
    let committee = app.committee_by_code(committee)?;
    let mut rules = committee.timetable_rules();
    rules.papers_due_days = papers_due.unwrap_or(rules.papers_due_days);
    rules.pack_issue_days = pack_issue.unwrap_or(rules.pack_issue_days);
    rules.minutes_due_days = minutes_due.unwrap_or(rules.minutes_due_days);
    let committee = app.set_timetable_rules(committee.id, rules)?;
    out!("{}", committee.id);
    Ok(())
}

/// Sets whose bank holidays the organisation keeps; prints its id.
pub fn holidays(app: &Boardpack, organisation: &str, region: &str) -> boardpack::Result<()> {
    let region: HolidayRegion = region.parse()?;
    let org = app.organisation_by_name(organisation)?;
    let org = app.set_holiday_region(org.id, region)?;
    say!(
        "{} keeps the bank holidays of {}.",
        org.name,
        region.label()
    );
    out!("{}", org.id);
    Ok(())
}

/// Writes a committee's calendar; prints the file's path.
pub fn calendar(app: &Boardpack, committee: &str, out: &Path) -> boardpack::Result<()> {
    let committee = app.committee_by_code(committee)?;
    let summary = app.export_calendar(committee.id, out)?;
    for m in &summary.missing {
        say!("Warning: {m} Those meetings are in the calendar without their deadlines.");
    }
    say!(
        "Wrote the calendar of {}: {} meeting(s), {} event(s).",
        committee.name,
        summary.meetings,
        summary.events
    );
    out!("{}", out.display());
    Ok(())
}
