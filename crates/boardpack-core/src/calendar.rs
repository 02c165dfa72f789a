//! A committee's calendar as an iCalendar file (RFC 5545), which Outlook and Google
//! Calendar import: one event per meeting (its date, times and venue when they are known;
//! all day otherwise) and one all-day event per deadline of its timetable (papers due, the
//! pack issued, draft minutes to the chair).
//!
//! Each event's UID is made from the meeting's stable id and the kind of event
//! (`meeting-<id>@boardpack`, `papers-due-<id>@boardpack`…), so importing a later export
//! updates the events instead of adding them again. Lines end in CRLF and are folded at 75
//! octets, text is escaped, and the time stamp (`DTSTAMP`) is passed in: the same input
//! gives the same bytes. Times are the meeting's own, in Europe/London.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use crate::ids::MeetingId;
use crate::meeting::Meeting;
use crate::timetable::{day_text, DeadlineKind, Timetable, TimetableError};

/// The longest a content line may be, in octets, before it is folded (RFC 5545 §3.1).
pub const LINE_OCTETS: usize = 75;

/// The `PRODID` every calendar Boardpack writes carries.
pub const PRODID: &str = "-//Boardpack//Boardpack calendar//EN";

/// Europe/London as a VTIMEZONE (GMT, and BST from the last Sunday of March to the last
/// Sunday of October), which every `TZID` in the file refers to.
const LONDON: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19810329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19961027T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no line is longer than [`LINE_OCTETS`] octets (a
/// continuation line starts with one space, which counts), never inside a UTF-8 character,
/// each line ended by CRLF.
pub fn fold_line(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

/// What goes into a committee's calendar.
#[derive(Debug, Clone, Copy)]
pub struct CalendarInput<'a> {
    /// "Trust Board".
    pub committee_name: &'a str,
    /// The organisation's name, for the calendar's own name.
    pub organisation_name: &'a str,
    /// Each meeting with its timetable, or why the timetable could not be worked out (then
    /// only the meeting is in the calendar).
    pub meetings: &'a [(Meeting, Result<Timetable, TimetableError>)],
    /// When the file is written, in UTC: every event's `DTSTAMP`.
    pub stamp: NaiveDateTime,
}

/// The stable UID of one event: `meeting-<id>@boardpack`, `papers-due-<id>@boardpack`…
pub fn uid(meeting: MeetingId, kind: Option<DeadlineKind>) -> String {
    let slug = kind.map_or("meeting", DeadlineKind::slug);
    format!("{slug}-{}@boardpack", meeting.0)
}

fn date_value(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// The calendar as the text of an `.ics` file.
pub fn calendar(input: &CalendarInput<'_>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            escape_text(&format!(
                "{} – {}",
                input.committee_name, input.organisation_name
            ))
        ),
    ];
    if input.meetings.iter().any(|(m, _)| m.start_time.is_some()) {
        lines.extend(LONDON.iter().map(|l| (*l).to_owned()));
    }
    let stamp = input.stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut meetings: Vec<&(Meeting, Result<Timetable, TimetableError>)> =
        input.meetings.iter().collect();
    meetings.sort_by_key(|(m, _)| (m.date, m.number, m.id));
    for (meeting, timetable) in meetings {
        let when = day_text(meeting.date, i32::MAX);
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", uid(meeting.id, None)));
        lines.push(format!("DTSTAMP:{stamp}"));
        match meeting.start_time {
            Some(start) => {
                let at = |t: chrono::NaiveTime| {
                    format!("{}T{}", date_value(meeting.date), t.format("%H%M%S"))
                };
                lines.push(format!("DTSTART;TZID=Europe/London:{}", at(start)));
                if let Some(end) = meeting.end_time.filter(|e| *e > start) {
                    lines.push(format!("DTEND;TZID=Europe/London:{}", at(end)));
                }
            }
            None => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", date_value(meeting.date)));
                lines.push(format!(
                    "DTEND;VALUE=DATE:{}",
                    date_value(meeting.date + TimeDelta::days(1))
                ));
            }
        }
        lines.push(format!(
            "SUMMARY:{}",
            escape_text(&format!(
                "{} (meeting {})",
                input.committee_name, meeting.number
            ))
        ));
        if !meeting.venue.trim().is_empty() {
            lines.push(format!("LOCATION:{}", escape_text(meeting.venue.trim())));
        }
        let mut description = format!(
            "{} meeting {}, {when}.",
            input.committee_name, meeting.number
        );
        if let Err(e) = timetable {
            description.push('\n');
            description.push_str(&e.to_string());
        }
        lines.push(format!("DESCRIPTION:{}", escape_text(&description)));
        lines.push("SEQUENCE:0".into());
        lines.push("END:VEVENT".into());
        let Ok(tt) = timetable else {
            continue;
        };
        for kind in DeadlineKind::ALL {
            let date = tt.date(kind);
            lines.push("BEGIN:VEVENT".into());
            lines.push(format!("UID:{}", uid(meeting.id, Some(kind))));
            lines.push(format!("DTSTAMP:{stamp}"));
            lines.push(format!("DTSTART;VALUE=DATE:{}", date_value(date)));
            lines.push(format!(
                "DTEND;VALUE=DATE:{}",
                date_value(date + TimeDelta::days(1))
            ));
            lines.push(format!(
                "SUMMARY:{}",
                escape_text(&format!("{}: {}", input.committee_name, kind.label()))
            ));
            lines.push(format!(
                "DESCRIPTION:{}",
                escape_text(&format!(
                    "{} for the {} meeting on {when} ({}).",
                    kind.label(),
                    input.committee_name,
                    tt.rules.describe(kind)
                ))
            ));
            lines.push("TRANSP:TRANSPARENT".into());
            lines.push("SEQUENCE:0".into());
            lines.push("END:VEVENT".into());
        }
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        fold_line(line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::CommitteeId;
    use crate::meeting::{MeetingStatus, Session};
    use crate::timetable::{HolidayRegion, TimetableRules};
    use chrono::NaiveTime;
    use uuid::Uuid;

    #[test]
    fn escapes_text() {
        assert_eq!(
            escape_text("Room 1, Level 2; \\ Block\r\nNext\nline"),
            "Room 1\\, Level 2\\; \\\\ Block\\nNext\\nline"
        );
        assert_eq!(escape_text("plain\u{7}"), "plain");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        fold_line(&"a".repeat(75), &mut out);
        assert_eq!(out, format!("{}\r\n", "a".repeat(75)));
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "é".repeat(100));
        fold_line(&long, &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= LINE_OCTETS, "{} octets: {line}", line.len());
        }
        let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines.len() > 2);
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        // Unfolding gives the line back.
        assert_eq!(out.trim_end_matches("\r\n").replace("\r\n ", ""), long);
        // The first line of 'é's stops at 74 octets rather than split a character.
        assert_eq!(lines[0].len(), 8 + 66);
    }

    fn meeting(n: u128, date: NaiveDate, start: Option<(u32, u32)>) -> Meeting {
        Meeting {
            id: MeetingId(Uuid::from_u128(n)),
            committee_id: CommitteeId(Uuid::nil()),
            number: n as u32,
            date,
            start_time: start.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
            end_time: start.and_then(|(h, m)| NaiveTime::from_hms_opt(h + 2, m, 0)),
            venue: "Boardroom, Level 1; Leicester Royal Infirmary".into(),
            chair_id: None,
            session: Session::Public,
            status: MeetingStatus::Planning,
        }
    }

    #[test]
    fn writes_meetings_and_deadlines() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let rules = TimetableRules::default();
        let timed = meeting(1, d(2026, 12, 17), Some((9, 30)));
        let all_day = meeting(2, d(2029, 1, 11), None);
        let meetings = vec![
            (
                all_day.clone(),
                Timetable::new(HolidayRegion::EnglandWales, rules, all_day.date),
            ),
            (
                timed.clone(),
                Timetable::new(HolidayRegion::EnglandWales, rules, timed.date),
            ),
        ];
        let text = calendar(&CalendarInput {
            committee_name: "Trust Board",
            organisation_name: "Riverside University Hospitals NHS Trust",
            meetings: &meetings,
            stamp: d(2026, 12, 2).and_hms_opt(10, 22, 0).unwrap(),
        });
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2 + 3);
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("UID:meeting-{}@boardpack\r\n", Uuid::from_u128(1))));
        assert!(unfolded.contains(&format!(
            "UID:papers-due-{}@boardpack\r\n",
            Uuid::from_u128(1)
        )));
        assert!(unfolded.contains("DTSTART;TZID=Europe/London:20261217T093000\r\n"));
        assert!(unfolded.contains("DTEND;TZID=Europe/London:20261217T113000\r\n"));
        // Papers 10 working days before Thursday 17 December 2026: Thursday 3 December.
        assert!(unfolded.contains("DTSTART;VALUE=DATE:20261203\r\nDTEND;VALUE=DATE:20261204\r\n"));
        assert!(unfolded.contains("LOCATION:Boardroom\\, Level 1\\; Leicester Royal Infirmary\r\n"));
        assert!(unfolded.contains("DTSTAMP:20261202T102200Z\r\n"));
        // 2029 is beyond the bank-holiday data: the meeting is there, all day, with no
        // deadlines, and its description says why.
        assert!(unfolded.contains("DTSTART;VALUE=DATE:20290111\r\nDTEND;VALUE=DATE:20290112\r\n"));
        assert!(!unfolded.contains(&format!("papers-due-{}", Uuid::from_u128(2))));
        assert!(unfolded.contains("not for 2029"));
        // The meeting of 2026 comes first.
        assert!(unfolded.find("20261217T093000").unwrap() < unfolded.find("20290111").unwrap());
        for line in text.split("\r\n") {
            assert!(line.len() <= LINE_OCTETS, "{line}");
        }
    }
}
