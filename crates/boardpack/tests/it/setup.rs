//! Setting up committees, members and meetings, and their refusals.

use boardpack::{NewCommittee, NewMember};
use boardpack_core::meeting::NewMeeting;
use boardpack_core::{MemberKind, Session};

fn committee(org: &str, name: &str, code: &str) -> NewCommittee {
    NewCommittee {
        organisation: org.into(),
        name: name.into(),
        code: code.into(),
        minute_ref_pattern: String::new(),
        quorum: None,
    }
}

fn member(code: &str, name: &str, kind: MemberKind) -> NewMember {
    NewMember {
        committee_code: code.into(),
        name: name.into(),
        initials: String::new(),
        role: "Member".into(),
        kind,
        organisation: String::new(),
        phone: String::new(),
    }
}

fn meeting(committee_id: boardpack_core::CommitteeId, date: &str) -> NewMeeting {
    NewMeeting {
        committee_id,
        number: None,
        date: date.into(),
        start_time: "09:00".into(),
        end_time: "12:00".into(),
        venue: "8th Floor Conference Room".into(),
        chair_id: None,
        session: Session::Public,
    }
}

#[test]
fn committees_need_an_organisation_and_a_unique_code() {
    let (_dir, app) = super::fresh();
    let err = app
        .add_committee(&committee("", "System Leadership Team", "SLT"))
        .unwrap_err();
    assert!(err.to_string().contains("no organisation yet"), "{err}");
    let slt = app
        .add_committee(&committee("LLR", "System Leadership Team", "SLT"))
        .unwrap();
    assert_eq!(slt.minute_ref_pattern.format(2019, 85), "SLT 19/85");
    // With one organisation, it need not be named again.
    app.add_committee(&committee("", "Clinical Leadership Group", "CLG"))
        .unwrap();
    let err = app
        .add_committee(&committee("", "Another", "SLT"))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("already a committee with the code SLT"),
        "{err}"
    );
    let err = app
        .add_committee(&committee("", "Lower", "slt"))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(app.committees().unwrap().len(), 2);
}

#[test]
fn members_and_meetings() {
    let (_dir, app) = super::fresh();
    let slt = app
        .add_committee(&committee("LLR", "System Leadership Team", "SLT"))
        .unwrap();
    let chair = app
        .add_member(&member("SLT", "Toby Sanders", MemberKind::Chair))
        .unwrap();
    assert_eq!(chair.person.initials, "TS");
    let err = app
        .add_member(&member("SLT", "Toby Sanders", MemberKind::Chair))
        .unwrap_err();
    assert!(err.to_string().contains("already a member"), "{err}");
    let err = app
        .add_member(&member("XYZ", "Someone", MemberKind::Chair))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "There is no committee with the code “XYZ”. Check the code, or add the committee first."
    );

    let first = app.add_meeting(&meeting(slt.id, "2017-05-18")).unwrap();
    let second = app.add_meeting(&meeting(slt.id, "2017-06-22")).unwrap();
    assert_eq!((first.number, second.number), (1, 2));
    // The committee's only chair chairs by default.
    assert_eq!(second.chair_id, Some(chair.person.id));
    let listed = app.meetings().unwrap();
    assert_eq!(listed[0].meeting.id, second.id, "most recent first");
    assert_eq!(listed[0].title, "System Leadership Team – 22 June 2017");

    let err = app.add_meeting(&meeting(slt.id, "2019-02-30")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "2019-02-30 is not a real date: February 2019 has 28 days."
    );
    assert_eq!(app.meetings().unwrap().len(), 2);
}

#[test]
fn telephone_numbers_are_kept_for_the_bulletin() {
    let (_dir, app) = super::fresh();
    app.add_committee(&committee("LLR", "System Leadership Team", "SLT"))
        .unwrap();
    app.add_committee(&committee("", "Trust Board", "TB"))
        .unwrap();
    let adler = app
        .add_member(&NewMember {
            phone: " 0116  258 8940 ".into(),
            ..member("SLT", "John Adler", MemberKind::ExecutiveDirector)
        })
        .unwrap();
    assert_eq!(adler.person.phone, "0116 258 8940");
    // Seated again elsewhere without a number: the one on record stays.
    let again = app
        .add_member(&member("TB", "John Adler", MemberKind::ExecutiveDirector))
        .unwrap();
    assert_eq!(again.person.id, adler.person.id);
    assert_eq!(again.person.phone, "0116 258 8940");
    let changed = app.set_phone(adler.person.id, "0116 258 5000").unwrap();
    assert_eq!(changed.phone, "0116 258 5000");
    let err = app
        .set_phone(adler.person.id, "call the office")
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(
        err.to_string().contains("is not a telephone number"),
        "{err}"
    );
    let err = app
        .add_member(&NewMember {
            phone: "n/a".into(),
            ..member("SLT", "Toby Sanders", MemberKind::Chair)
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let slt = app.committee_by_code("SLT").unwrap();
    let members = app.members(slt.id).unwrap();
    assert_eq!(members.len(), 1, "the refused member was not added");
    assert_eq!(members[0].person.phone, "0116 258 5000");
    assert_eq!(app.set_phone(adler.person.id, "").unwrap().phone, "");
}

#[test]
fn an_organisation_sets_its_bulletin_wording() {
    let (_dir, app) = super::fresh();
    let err = app.organisation_by_name("").unwrap_err();
    assert!(err.to_string().contains("no organisation yet"), "{err}");
    app.add_committee(&committee(
        "University Hospitals of Leicester NHS Trust",
        "Trust Board",
        "TB",
    ))
    .unwrap();
    let org = app.organisation_by_name("").unwrap();
    assert_eq!(org.bulletin_wording, "", "the default wording");
    let text = "It is intended that this paper will not be discussed at the formal {committee} meeting on {date}.\nThis approach was agreed by the Trust Board on 10 June 2004 (point 7 of paper Q).";
    let saved = app
        .set_bulletin_wording(org.id, &format!("  {text}\n"))
        .unwrap();
    assert_eq!(saved.bulletin_wording, text);
    let err = app
        .set_bulletin_wording(org.id, "Discussed on {day}.")
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("“{day}”"), "{err}");
    let now = app
        .organisation_by_name("University Hospitals of Leicester NHS Trust")
        .unwrap();
    assert_eq!(
        now.bulletin_wording, text,
        "a refused wording changes nothing"
    );
    let err = app.organisation_by_name("UHL").unwrap_err();
    assert_eq!(err.code(), "not_found");
    app.add_committee(&committee(
        "Leicestershire Partnership NHS Trust",
        "Board",
        "LPT",
    ))
    .unwrap();
    let err = app.organisation_by_name("").unwrap_err();
    assert!(err.to_string().contains("several organisations"), "{err}");
    assert_eq!(
        app.set_bulletin_wording(org.id, "")
            .unwrap()
            .bulletin_wording,
        ""
    );
}
