//! In the room: attendance and quorum by item, likely conflicts, live minutes, and the
//! minutes and register PDFs read back as text.

use boardpack_core::attendance::{MemberAttendance, Presence};
use boardpack_core::minutes::{Action, Outcome};
use boardpack_core::ActionId;

fn pdf_text(path: &std::path::Path) -> String {
    super::pdf_text(path, false)
}

#[test]
fn the_demo_room_knows_quorum_conflicts_and_references() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let room = app.room(meeting).unwrap();
    assert!(room.quorum[0].outcome.quorate, "{:?}", room.quorum[0]);
    // Bridget Okafor withdrew from the car park decision: not counted for that item only.
    let contract = room
        .rows
        .iter()
        .find(|r| r.item.title.starts_with("Award of contract"))
        .unwrap();
    let okafor = room
        .members
        .iter()
        .find(|m| m.person.name == "Bridget Okafor")
        .unwrap()
        .person
        .id;
    let at_contract = room
        .quorum
        .iter()
        .find(|q| q.item_id == Some(contract.item.id))
        .unwrap();
    assert_eq!(at_contract.withdrawn, [okafor]);
    // The chair is warned of her interest in the item before it comes up.
    assert!(room.conflicts.iter().any(|c| c.item_id == contract.item.id
        && c.person_id == okafor
        && c.matched == "Calder Construction Ltd"
        || c.matched == "car park"));
    // Minute references run in agenda order from the pattern, on from the eight minutes
    // of November's meeting.
    let refs: Vec<&str> = room.rows.iter().map(|r| r.reference.as_str()).collect();
    assert_eq!(refs[0], "TB 26/009");
    assert_eq!(refs[refs.len() - 1], format!("TB 26/{:03}", refs.len() + 8));
}

#[test]
fn late_arrival_shows_in_the_quorum_of_early_items() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let room = app.room(meeting).unwrap();
    // Leave only two NEDs and the late COO among the executives: before 10:00 there is no
    // executive director present.
    for m in &room.members {
        let keep = [
            "Dame Helen Marsh",
            "Tim O’Neill",
            "Darren Leigh",
            "Colonel (Retd) Ian Crowe",
        ]
        .contains(&m.person.name.as_str());
        let mut a = m.attendance.clone().unwrap();
        if !keep {
            a.presence = Presence::Apologies;
        }
        app.set_attendance(&a).unwrap();
    }
    let room = app.room(meeting).unwrap();
    let quorate: Vec<(String, bool)> = room
        .rows
        .iter()
        .map(|r| {
            (
                r.slot.number.clone(),
                room.quorum
                    .iter()
                    .find(|q| q.item_id == Some(r.item.id))
                    .unwrap()
                    .outcome
                    .quorate,
            )
        })
        .collect();
    assert_eq!(quorate[0], ("1".into(), false), "09:30: no executive yet");
    let after_ten = quorate.iter().find(|(n, _)| n == "7").unwrap();
    assert!(after_ten.1, "10:05: the COO has arrived");
    let err = app
        .set_attendance(&MemberAttendance {
            left: chrono::NaiveTime::from_hms_opt(9, 0, 0),
            ..room.members[0].attendance.clone().unwrap()
        })
        .err();
    assert!(err.is_none(), "leaving without an arrival time is fine");
}

#[test]
fn minutes_are_saved_as_typed_and_print_like_the_seeds() {
    let (dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let room = app.room(meeting).unwrap();
    let quality = room
        .rows
        .iter()
        .find(|r| r.item.title == "Quality and patient safety report")
        .unwrap();
    let mut minute = quality.minute.clone();
    minute.discussion =
        "CF presented the report.\n- Sepsis screening reached 91%.\n- Falls with harm fell by 22%."
            .into();
    minute.outcome = Some(Outcome::Received);
    minute.resolutions =
        vec!["RECEIVE the report and take assurance from the actions described.".into()];
    minute.actions = vec![Action {
        id: ActionId(uuid::Uuid::nil()),
        text: "Extend the falls collaborative to the surgical wards".into(),
        lead: "CF".into(),
        due: chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
        status: Default::default(),
    }];
    let saved = app.save_minute(&minute).unwrap();
    assert!(!saved.actions[0].id.0.is_nil());
    let again = app.room(meeting).unwrap();
    assert_eq!(
        again
            .rows
            .iter()
            .find(|r| r.item.id == quality.item.id)
            .unwrap()
            .minute,
        saved
    );

    let out = dir.path().join("minutes.pdf");
    app.export_minutes(meeting, false, &out).unwrap();
    let text = pdf_text(&out);
    for needle in [
        "DRAFT",
        "Present",
        "In attendance",
        "Apologies",
        "Martin Hughes",
        "The meeting was confirmed as quorate.",
        // Meeting 141 in November had eight minutes: December's run on from TB 26/009.
        "TB 26/015",
        "RESOLVED",
        "Extend the falls collaborative",
        "withdrew from the decision",
        "The next meeting will be held on",
        "Dr Femi Oduya",
    ] {
        assert!(text.contains(needle), "minutes lack {needle:?}");
    }
    let public = dir.path().join("public-minutes.pdf");
    app.export_minutes(meeting, true, &public).unwrap();
    let text = pdf_text(&public);
    for needle in ["car park", "Calder", "decking"] {
        assert!(!text.contains(needle), "public minutes mention {needle:?}");
    }
    assert!(text.contains("taken in private"));
}

#[test]
fn the_register_of_interests_is_published_as_at_a_date() {
    let (dir, app) = super::demo();
    let tb = app.committee_by_code("TB").unwrap();
    let out = dir.path().join("register.pdf");
    app.export_register(
        tb.id,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        &out,
    )
    .unwrap();
    let text = pdf_text(&out);
    assert!(text.contains("Register of interests – Trust Board"));
    assert!(text.contains("Calder"));
    assert!(text.contains("Nil"));
    // Before the interests began, nobody had any.
    app.export_register(
        tb.id,
        chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        &out,
    )
    .unwrap();
    assert!(!pdf_text(&out).contains("Calder"));
}

/// The demo's two meetings: December (142, draft) and November (141, approved at 142).
fn meetings(app: &boardpack::Boardpack) -> (boardpack_core::MeetingId, boardpack_core::MeetingId) {
    let all = app.meetings().unwrap();
    let find = |n: u32| {
        all.iter()
            .find(|m| m.meeting.number == n)
            .unwrap()
            .meeting
            .id
    };
    (find(142), find(141))
}

#[test]
fn the_demo_minutes_are_ready_to_issue_and_read_like_the_seeds() {
    let (dir, app) = super::demo();
    let (december, november) = meetings(&app);
    for m in [december, november] {
        let report = app.minutes_readiness(m).unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
    let full = dir.path().join("full.pdf");
    let pages = app.export_minutes(december, false, &full).unwrap();
    super::assert_qpdf_accepts(&full);
    let texts = super::pack::built::pages_text(&full);
    let texts: Vec<&String> = texts.iter().filter(|t| !t.trim().is_empty()).collect();
    assert_eq!(texts.len() as u32, pages);
    // Every page of minutes holding private business is marked.
    for (k, t) in texts.iter().enumerate() {
        assert!(
            t.trim_start().starts_with("CONFIDENTIAL"),
            "page {} is not marked: {t}",
            k + 1
        );
    }
    let text = pdf_text(&full);
    for needle in [
        "Minutes of the Trust Board meeting held in public and in private",
        "Date: Thursday 3 December 2026",
        "Time: 09:30 to 12:50",
        "Venue: Board Room, Level 1, Riverside House",
        "Part 2: business taken in private",
        "(Paper C)",
        "Dr Femi Oduya (FO)",
        "Professor Aisha Rahman (AR), Non-Executive Director",
        "The meeting closed at 12:50.",
    ] {
        assert!(text.contains(needle), "the minutes lack {needle:?}: {text}");
    }
    assert!(!text.contains("(s)"), "{text}");
    // Every minute item has a bookmark.
    let doc = lopdf::Document::load(&full).unwrap();
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut marks = Vec::new();
    super::pack::built::outline(
        &doc,
        outlines
            .get(b"First")
            .and_then(lopdf::Object::as_reference)
            .ok(),
        &super::pack::built::page_numbers(&doc),
        0,
        &mut marks,
    );
    let room = app.room(december).unwrap();
    for row in &room.rows {
        let title = format!("{} {}", row.reference, row.item.title);
        assert!(
            marks.iter().any(|(_, t, _)| *t == title),
            "no bookmark {title}: {marks:?}"
        );
    }
    // The public minutes: unmarked, and truthful about declarations on private items.
    let public = dir.path().join("public.pdf");
    app.export_minutes(december, true, &public).unwrap();
    let text = pdf_text(&public);
    assert!(!text.contains("CONFIDENTIAL"));
    assert!(text.contains("Minutes of the Trust Board meeting held in public"));
    assert!(text.contains("Declarations made on items taken in private are recorded in the"));
    assert!(!text.contains("There were no declarations of interest on the items of business"));
    assert!(!text.contains("The meeting closed"));
    // November's minutes, approved at December's meeting, say so.
    let approved = dir.path().join("approved.pdf");
    app.export_minutes(november, false, &approved).unwrap();
    let text = pdf_text(&approved).replace('\n', " ");
    assert!(
        text.contains("Approved by the Trust Board on 3 December 2026, minute TB 26/012, with amendments: Minute TB 26/007: the capital programme is £41.2m, not £42.1m."),
        "{text}"
    );
    assert!(text.contains("Signed as a correct record:"));
    assert!(!text.contains("DRAFT"));
    assert!(text.contains("Martin Hughes (MH), Non-Executive Director"));
    assert!(text.contains("Kirsty Lamb (KL), Director of Estates and Facilities"));
    assert!(text.contains("The meeting closed at 12:35."));
}

#[test]
fn minutes_without_attendance_say_so_and_judge_no_quorum() {
    let (dir, app) = super::demo();
    let meeting = app
        .add_meeting(&boardpack_core::meeting::NewMeeting {
            committee_id: app.committee_by_code("TB").unwrap().id,
            number: Some(143),
            date: "2027-01-07".into(),
            start_time: "09:30".into(),
            end_time: String::new(),
            venue: String::new(),
            chair_id: None,
            session: boardpack_core::Session::Public,
        })
        .unwrap();
    let report = app.minutes_readiness(meeting.id).unwrap();
    assert!(report.blocking);
    assert!(report.problems[0]
        .message
        .starts_with("No attendance has been recorded"));
    let out = dir.path().join("january.pdf");
    app.export_minutes(meeting.id, false, &out).unwrap();
    let text = pdf_text(&out);
    assert!(text.contains("Attendance has not been recorded."));
    assert!(!text.contains("quorate"), "{text}");
}

#[test]
fn the_close_is_recorded_checked_and_kept_with_initials_in_the_archive() {
    let (dir, app) = super::demo();
    let (december, november) = meetings(&app);
    let err = app
        .set_closed(december, chrono::NaiveTime::from_hms_opt(9, 0, 0))
        .unwrap_err()
        .to_string();
    assert!(err.contains("cannot have closed at 09:00"), "{err}");
    // November's minutes are approved: read-only.
    assert!(app
        .set_closed(november, chrono::NaiveTime::from_hms_opt(12, 0, 0))
        .is_err());
    app.set_closed(december, chrono::NaiveTime::from_hms_opt(12, 55, 0))
        .unwrap();
    assert_eq!(
        app.room(december).unwrap().closed_at,
        chrono::NaiveTime::from_hms_opt(12, 55, 0)
    );
    // Initials left empty are made from the name, without the title.
    let saved = app
        .save_attendee(&boardpack_core::attendance::Attendee {
            id: boardpack_core::AttendeeId(uuid::Uuid::nil()),
            meeting_id: december,
            name: "Dr Priya Nandra".into(),
            initials: String::new(),
            role: "External auditor".into(),
            note: String::new(),
            items: vec![],
            minute_taker: false,
        })
        .unwrap();
    assert_eq!(saved.initials, "PN");
    let archive = app.archive(&boardpack::ArchiveScope::Everything).unwrap();
    assert!(archive
        .meetings_closed
        .iter()
        .any(|c| c.meeting_id == december
            && Some(c.at) == chrono::NaiveTime::from_hms_opt(12, 55, 0)));
    assert!(archive.attendees.iter().any(|a| a.initials == "PN"));
    let out = dir.path().join("archive");
    app.export_archive(&boardpack::ArchiveScope::Everything, &out)
        .unwrap();
    let (_fresh_dir, fresh) = super::fresh();
    fresh.import_archive(&out).unwrap();
    let again = fresh.archive(&boardpack::ArchiveScope::Everything).unwrap();
    assert_eq!(again.meetings_closed, archive.meetings_closed);
    assert_eq!(again.attendees, archive.attendees);
}

#[test]
fn minutes_carry_on_the_committees_numbering() {
    let (dir, app) = super::demo();
    let (december, _) = meetings(&app);
    let board = app.committee_by_code("TB").unwrap();
    app.set_numbering(board.id, 2026, Some(112)).unwrap();
    let out = dir.path().join("numbered.pdf");
    app.export_minutes(december, false, &out).unwrap();
    let text = pdf_text(&out);
    // November had eight minutes from 112: December's run on from TB 26/120.
    assert!(text.contains("TB 26/120"), "{text}");
    assert!(!text.contains("TB 26/009"));
}
