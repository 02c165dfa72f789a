//! The year in figures against the demo: each Trust Board member's attendance worked out by
//! hand from the demo's two meetings (141 on 5 November 2026: apologies from Martin Hughes
//! and Kirsty Lamb; 142 on 3 December 2026: apologies from Martin Hughes and Professor
//! Aisha Rahman), the period's first and last days, a member who joined between the two
//! meetings, a deputy, and the PDF and CSV files.

use boardpack_core::attendance::{MemberAttendance, Presence};
use boardpack_core::MemberKind;
use chrono::NaiveDate;

use boardpack::MemberDetails;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn attendance(f: &boardpack_core::year::YearFigures) -> Vec<(String, u32, u32)> {
    f.attendance
        .iter()
        .map(|m| (m.name.clone(), m.attended, m.possible))
        .collect()
}

fn expected(changes: &[(&str, u32, u32)]) -> Vec<(String, u32, u32)> {
    let mut rows: Vec<(String, u32, u32)> = [
        "Dame Helen Marsh",
        "John Adeyemi",
        "Sarah Whitfield",
        "Dr Rajesh Patel",
        "Carol Fenwick",
        "Darren Leigh",
        "Hazel Brennan",
        "Colonel (Retd) Ian Crowe",
        "Professor Aisha Rahman",
        "Tim O’Neill",
        "Bridget Okafor",
        "Martin Hughes",
        "Stephen Ward",
        "Louise Grant",
        "Kirsty Lamb",
        // Not Hannah Rowe: the secretary is not a member.
    ]
    .iter()
    .map(|n| (n.to_string(), 2, 2))
    .collect();
    for (name, attended, possible) in changes {
        let row = rows.iter_mut().find(|r| r.0 == *name).expect(name);
        *row = (name.to_string(), *attended, *possible);
    }
    rows
}

#[test]
fn the_demo_boards_attendance_is_as_counted_by_hand() {
    let (_dir, app) = crate::demo_on(d(2026, 12, 10));
    let tb = app.committee_by_code("TB").unwrap();
    let f = app
        .year_figures(tb.id, d(2026, 4, 1), d(2027, 3, 31))
        .unwrap();
    let counted: Vec<(u32, NaiveDate)> = f.meetings.iter().map(|m| (m.number, m.date)).collect();
    assert_eq!(counted, [(141, d(2026, 11, 5)), (142, d(2026, 12, 3))]);
    assert_eq!(
        attendance(&f),
        expected(&[
            ("Professor Aisha Rahman", 1, 2),
            ("Martin Hughes", 0, 2),
            ("Kirsty Lamb", 1, 2),
        ])
    );
    let hughes = f
        .attendance
        .iter()
        .find(|m| m.name == "Martin Hughes")
        .unwrap();
    assert_eq!((hughes.apologies, hughes.deputised), (2, 0));
    // The Audit Committee has met not at all.
    let ac = app.committee_by_code("AC").unwrap();
    let f = app
        .year_figures(ac.id, d(2026, 4, 1), d(2027, 3, 31))
        .unwrap();
    assert!(f.meetings.is_empty() && f.attendance.is_empty());
}

#[test]
fn meetings_on_the_periods_first_and_last_days_count() {
    let (_dir, app) = crate::demo_on(d(2026, 12, 10));
    let tb = app.committee_by_code("TB").unwrap();
    let numbers = |from, to| -> Vec<u32> {
        app.year_figures(tb.id, from, to)
            .unwrap()
            .meetings
            .iter()
            .map(|m| m.number)
            .collect()
    };
    assert_eq!(numbers(d(2026, 11, 5), d(2026, 12, 3)), [141, 142]);
    assert_eq!(numbers(d(2026, 11, 5), d(2026, 11, 5)), [141]);
    assert_eq!(numbers(d(2026, 12, 3), d(2026, 12, 3)), [142]);
    assert!(numbers(d(2026, 11, 6), d(2026, 12, 2)).is_empty());
    let err = app
        .year_figures(tb.id, d(2026, 12, 4), d(2026, 12, 3))
        .unwrap_err();
    assert!(err.to_string().contains("give --from before --to"), "{err}");
}

#[test]
fn a_member_who_joined_mid_year_and_a_deputy_are_counted_fairly() {
    let (_dir, app) = crate::demo_on(d(2026, 12, 10));
    let tb = app.committee_by_code("TB").unwrap();
    let meeting_142 = app
        .meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.meeting.number == 142)
        .unwrap()
        .meeting;
    let newcomer = app
        .add_membership(
            tb.id,
            &MemberDetails {
                person_id: None,
                name: "Nadia Newcomer".into(),
                initials: "NN".into(),
                role: "Non-Executive Director".into(),
                kind: MemberKind::NonExecutiveDirector,
                voting: None,
                organisation: String::new(),
                phone: String::new(),
                email: String::new(),
                from: "2026-11-20".into(),
                to: String::new(),
            },
        )
        .unwrap();
    let record = |person, presence, deputy: &str| {
        app.set_attendance(&MemberAttendance {
            meeting_id: meeting_142.id,
            person_id: person,
            presence,
            deputy: deputy.into(),
            arrived: None,
            left: None,
            note: String::new(),
        })
        .unwrap()
    };
    record(newcomer.person.id, Presence::Present, "");
    let f = app
        .year_figures(tb.id, d(2026, 4, 1), d(2027, 3, 31))
        .unwrap();
    let hughes = f
        .attendance
        .iter()
        .find(|m| m.name == "Martin Hughes")
        .unwrap()
        .person_id;
    record(
        hughes,
        Presence::Deputy,
        "Dr Jo Bloggs, Deputy Director of Finance",
    );
    let f = app
        .year_figures(tb.id, d(2026, 4, 1), d(2027, 3, 31))
        .unwrap();
    let mut want = expected(&[
        ("Professor Aisha Rahman", 1, 2),
        ("Martin Hughes", 0, 2),
        ("Kirsty Lamb", 1, 2),
    ]);
    // Seated after meeting 141: one possible meeting, attended.
    want.push(("Nadia Newcomer".into(), 1, 1));
    assert_eq!(attendance(&f), want);
    let hughes = f
        .attendance
        .iter()
        .find(|m| m.name == "Martin Hughes")
        .unwrap();
    assert_eq!((hughes.apologies, hughes.deputised), (1, 1));
    assert_eq!(hughes.deputies.len(), 1);
    assert_eq!(
        (hughes.deputies[0].deputy.as_str(), hughes.deputies[0].times),
        ("Dr Jo Bloggs, Deputy Director of Finance", 1)
    );
}

#[test]
fn the_year_is_written_as_a_pdf_with_charts_and_as_a_csv() {
    let (dir, app) = crate::demo_on(d(2026, 12, 10));
    let tb = app.committee_by_code("TB").unwrap();
    let pdf = dir.path().join("year.pdf");
    let done = app
        .export_year(tb.id, d(2026, 4, 1), d(2027, 3, 31), &pdf)
        .unwrap();
    assert_eq!((done.meetings, done.not_counted), (2, 0));
    assert!(done.pages >= 2);
    crate::assert_qpdf_accepts(&pdf);
    let text = crate::pdf_text(&pdf, false);
    for words in [
        "Trust Board – the year in figures, 1 April 2026 to 31 March 2027",
        "Attendance",
        "Martin Hughes",
        "0/2",
        "Time by purpose",
        "Not recorded",
        "Time by strategic objective",
        "Declarations of interest",
        "Bridget Okafor",
    ] {
        assert!(text.contains(words), "{words} missing from:\n{text}");
    }
    // The same file again: byte for byte.
    let again = dir.path().join("again.pdf");
    app.export_year(tb.id, d(2026, 4, 1), d(2027, 3, 31), &again)
        .unwrap();
    assert_eq!(std::fs::read(&pdf).unwrap(), std::fs::read(&again).unwrap());

    let csv = dir.path().join("year.csv");
    let done = app
        .export_year(tb.id, d(2026, 4, 1), d(2027, 3, 31), &csv)
        .unwrap();
    assert_eq!(done.pages, 0);
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with("\u{feff}section,name,measure,value\r\n".as_bytes()));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("attendance,Martin Hughes,attended,0\r\n"));
    assert!(text.contains("attendance,Martin Hughes,possible,2\r\n"));
    assert!(text.contains("meeting counted,Meeting 142,date,2026-12-03\r\n"));

    let err = app
        .export_year(
            tb.id,
            d(2026, 4, 1),
            d(2027, 3, 31),
            &dir.path().join("year.xlsx"),
        )
        .unwrap_err();
    assert!(err.to_string().contains("name the file .pdf"), "{err}");
}
