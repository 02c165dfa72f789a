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
        "Date of next meeting",
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
