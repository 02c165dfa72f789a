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
