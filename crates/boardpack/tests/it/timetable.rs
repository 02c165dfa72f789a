//! The timetable through the library: a meeting's dates as they stand on a day, the
//! organisation's bank holidays, readiness's warnings, and the committee's calendar.

use boardpack_core::readiness::{ProblemKind, Severity};
use boardpack_core::timetable::{DeadlineKind, DeadlineState, HolidayRegion, TimetableRules};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn the_demo_meetings_dates_as_they_stand() {
    // Monday 30 November 2026: the papers' and the pack's dates have passed.
    let (_dir, app) = super::demo_on(d(2026, 11, 30));
    let meeting = app.meetings().unwrap()[0].meeting.clone();
    assert_eq!(meeting.date, d(2026, 12, 3));
    let tt = app.meeting_timetable(meeting.id).unwrap();
    let dates: Vec<_> = tt.deadlines.iter().map(|l| (l.kind, l.date)).collect();
    assert_eq!(
        dates,
        [
            (DeadlineKind::PapersDue, d(2026, 11, 25)),
            (DeadlineKind::PackIssue, d(2026, 11, 26)),
            (DeadlineKind::MinutesDue, d(2026, 12, 17)),
        ]
    );
    assert_eq!(tt.deadlines[1].state, DeadlineState::Missed);
    // 1, 2, 3, 4, 7 … 11, 14 … 17 December.
    assert_eq!(
        tt.deadlines[2].state,
        DeadlineState::Coming {
            working_days: Some(13)
        }
    );
    let report = app.readiness(meeting.id, d(2026, 11, 30)).unwrap();
    let pack = report
        .problems
        .iter()
        .find(|p| {
            matches!(
                p.kind,
                ProblemKind::Timetable {
                    deadline: DeadlineKind::PackIssue,
                    missed: true,
                    ..
                }
            )
        })
        .expect("the missed pack date is warned of");
    assert_eq!(pack.severity, Severity::Warning);
    assert_eq!(
        pack.message,
        "The pack was due to be issued by Thursday 26 November (4 clear days before the meeting) and has not been issued: issue it as soon as it is ready."
    );

    // Scotland keeps St Andrew's Day (Monday 30 November 2026): each date before it moves.
    let org = app.organisations().unwrap()[0].id;
    app.set_holiday_region(org, HolidayRegion::Scotland)
        .unwrap();
    let tt = app.meeting_timetable(meeting.id).unwrap();
    assert_eq!(tt.region_label, "Scotland");
    assert_eq!(tt.deadlines[0].date, d(2026, 11, 24));
    assert_eq!(tt.deadlines[1].date, d(2026, 11, 25));
    // Editing the organisation's details keeps its region.
    let o = app.organisations().unwrap()[0].clone();
    let o = app
        .update_organisation(
            o.id,
            &boardpack::OrganisationDetails {
                name: o.name.clone(),
                short_name: o.short_name.clone(),
                language: o.language.clone(),
                bulletin_wording: o.bulletin_wording.clone(),
            },
        )
        .unwrap();
    assert_eq!(o.holiday_region, HolidayRegion::Scotland);
}

#[test]
fn rules_are_checked_and_a_missing_year_is_named() {
    let (_dir, app) = super::demo_on(d(2026, 11, 30));
    let board = app.committee_by_code("TB").unwrap();
    let err = app
        .set_timetable_rules(
            board.id,
            TimetableRules {
                papers_due_days: 4,
                pack_issue_days: 4,
                minutes_due_days: 10,
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(
        app.committee_by_code("TB").unwrap(),
        board,
        "nothing changed"
    );
    let later = app
        .add_meeting(&boardpack_core::meeting::NewMeeting {
            committee_id: board.id,
            number: None,
            date: "2029-01-11".into(),
            start_time: String::new(),
            end_time: String::new(),
            venue: String::new(),
            chair_id: None,
            session: boardpack_core::Session::Public,
        })
        .unwrap();
    let err = app.meeting_timetable(later.id).unwrap_err();
    assert_eq!(err.code(), "no_holidays");
    assert!(err.to_string().contains("not for 2029"), "{err}");
}

#[test]
fn the_calendar_is_the_same_bytes_for_the_same_data() {
    let (dir, app) = super::demo_on(d(2026, 11, 30));
    let board = app.committee_by_code("TB").unwrap();
    let first = dir.path().join("tb.ics");
    let second = dir.path().join("tb-again.ics");
    let summary = app.export_calendar(board.id, &first).unwrap();
    assert_eq!((summary.meetings, summary.events), (2, 8));
    assert!(summary.missing.is_empty());
    app.export_calendar(board.id, &second).unwrap();
    let text = std::fs::read_to_string(&first).unwrap();
    assert_eq!(text, std::fs::read_to_string(&second).unwrap());
    assert!(text.contains("DTSTAMP:20261130T000000Z\r\n"), "{text}");
    assert_eq!(
        app.calendar_file_name(board.id).unwrap(),
        "Trust Board calendar.ics"
    );
}
