//! Setting up and running the organisation as the window does it: the organisation with
//! its language and logo, committees with every setting (quorum preview, numbering carried
//! on, retirement), members added, edited, ended and put in the committee's order.

use std::path::Path;

use boardpack::{CommitteeSettings, MemberDetails, OrganisationDetails};
use boardpack_core::meeting::NewMeeting;
use boardpack_core::{MemberKind, QuorumMinimum, QuorumRule, Session};
use chrono::NaiveDate;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A PNG of `width` × `height`, a blue square on white, made here.
pub fn png_logo(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, width, height);
    e.set_color(png::ColorType::Rgb);
    e.set_depth(png::BitDepth::Eight);
    let mut w = e.write_header().unwrap();
    let data: Vec<u8> = (0..width * height)
        .flat_map(|k| {
            let (x, y) = (k % width, k / width);
            if x > width / 4 && x < 3 * width / 4 && y > height / 4 && y < 3 * height / 4 {
                [0, 94, 184]
            } else {
                [255, 255, 255]
            }
        })
        .collect();
    w.write_image_data(&data).unwrap();
    w.finish().unwrap();
    out
}

pub fn details(name: &str) -> OrganisationDetails {
    OrganisationDetails {
        name: name.into(),
        short_name: "NFT".into(),
        language: String::new(),
        bulletin_wording: String::new(),
    }
}

pub fn member(name: &str, initials: &str, kind: MemberKind) -> MemberDetails {
    MemberDetails {
        person_id: None,
        name: name.into(),
        initials: initials.into(),
        role: String::new(),
        kind,
        voting: None,
        organisation: String::new(),
        phone: String::new(),
        email: String::new(),
        from: String::new(),
        to: String::new(),
    }
}

fn meeting(committee_id: boardpack_core::CommitteeId, date: &str) -> NewMeeting {
    NewMeeting {
        committee_id,
        number: None,
        date: date.into(),
        start_time: "10:00".into(),
        end_time: "12:00".into(),
        venue: String::new(),
        chair_id: None,
        session: Session::Public,
    }
}

#[test]
fn an_organisation_is_set_up_with_its_language_and_logo() {
    let (dir, app) = super::fresh();
    let org = app
        .create_organisation(&details("Northfield NHS Foundation Trust"))
        .unwrap();
    assert_eq!(org.language, "en-GB");
    assert_eq!(org.logo, None);
    let err = app
        .create_organisation(&details("northfield nhs foundation trust"))
        .unwrap_err();
    assert!(err.to_string().contains("already an organisation"), "{err}");
    let err = app
        .update_organisation(
            org.id,
            &OrganisationDetails {
                language: "Welsh".into(),
                ..details("Northfield NHS Foundation Trust")
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let org = app
        .update_organisation(
            org.id,
            &OrganisationDetails {
                language: "cy-gb".into(),
                bulletin_wording: "Queries to the {short_name} board office.".into(),
                ..details("Northfield NHS Foundation Trust")
            },
        )
        .unwrap();
    assert_eq!(org.language, "cy-GB");

    // A large logo is scaled and kept in the blob store; the original may go.
    let file = dir.path().join("logo.png");
    std::fs::write(&file, png_logo(2000, 800)).unwrap();
    let org = app.set_logo(org.id, &file).unwrap();
    std::fs::remove_file(&file).unwrap();
    let logo = org.logo.clone().unwrap();
    assert_eq!(
        (logo.width, logo.height, logo.media_type.as_str()),
        (1000, 400, "image/png")
    );
    let stored = app.organisation_logo(org.id).unwrap().unwrap();
    assert_eq!(stored.logo, logo);
    assert!(stored.png.starts_with(b"\x89PNG"));
    assert!(app.blobs().contains(&logo.sha256));
    // Changing the details keeps the logo.
    let org = app
        .update_organisation(org.id, &details("Northfield NHS Foundation Trust"))
        .unwrap();
    assert_eq!(org.logo.as_ref(), Some(&logo));

    // What is not a usable image is refused and the logo stays.
    let bad = dir.path().join("logo.png");
    std::fs::write(&bad, b"%PDF-1.7 a paper, not a picture").unwrap();
    let err = app.set_logo(org.id, &bad).unwrap_err();
    assert_eq!(err.code(), "bad_logo");
    assert_eq!(
        err.to_string(),
        "Cannot use logo.png as the logo: it is not a PNG or JPEG image; save the logo as PNG (best) or JPEG and choose it again."
    );
    assert_eq!(app.organisations().unwrap()[0].logo.as_ref(), Some(&logo));
    let org = app.remove_logo(org.id).unwrap();
    assert_eq!(org.logo, None);
    assert!(app.organisation_logo(org.id).unwrap().is_none());
}

#[test]
fn a_jpeg_logo_is_stored_as_png() {
    let (_dir, app) = super::fresh();
    let org = app.create_organisation(&details("Northfield")).unwrap();
    let jpeg = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/logo.jpg");
    let org = app.set_logo(org.id, &jpeg).unwrap();
    let logo = org.logo.unwrap();
    assert_eq!(logo.media_type, "image/png");
    assert_eq!((logo.width, logo.height), (300, 120));
    let cmyk = jpeg.with_file_name("cmyk.jpg");
    let err = app.set_logo(org.id, &cmyk).unwrap_err().to_string();
    assert!(err.contains("CMYK"), "{err}");
}

#[test]
fn committees_take_every_setting_and_preview_their_quorum() {
    let (_dir, app) = super::fresh();
    let org = app.create_organisation(&details("Northfield")).unwrap();
    let settings = CommitteeSettings {
        minute_ref_pattern: "QC {yy}/{seq}".into(),
        quorum: QuorumRule {
            minimum: QuorumMinimum::Fixed { members: 3 },
            min_executive: 1,
            min_non_executive: 1,
            deputies_count: false,
        },
        paper_deadline_days: 10,
        pack_issue_days: 7,
        minutes_due_days: 10,
        ..CommitteeSettings::new("Quality Committee", "QC")
    };
    let qc = app.create_committee(org.id, &settings).unwrap();
    assert_eq!((qc.paper_deadline_days, qc.pack_issue_days), (10, 7));
    let preview = app
        .quorum_preview(Some(qc.id), &qc.quorum, d(2024, 5, 1))
        .unwrap();
    assert_eq!(
        preview.text,
        "at least 3 of 0 voting members, including 1 executive and 1 non-executive director; deputies do not count"
    );
    assert!(!preview.problems.is_empty());
    for (name, initials, kind) in [
        ("Ruth Evans", "RE", MemberKind::Chair),
        ("Sam Okoro", "SO", MemberKind::ExecutiveDirector),
        ("Priya Shah", "PS", MemberKind::NonExecutiveDirector),
        ("Alan Wood", "AW", MemberKind::Associate),
    ] {
        app.add_membership(qc.id, &member(name, initials, kind))
            .unwrap();
    }
    let preview = app
        .quorum_preview(Some(qc.id), &qc.quorum, d(2024, 5, 1))
        .unwrap();
    assert_eq!(
        preview.text,
        "at least 3 of 3 voting members, including 1 executive and 1 non-executive director; deputies do not count"
    );
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);

    // Refusals name the setting.
    let err = app
        .update_committee(
            qc.id,
            &CommitteeSettings {
                paper_deadline_days: 3,
                ..settings.clone()
            },
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("make the paper deadline at least 8 working days"),
        "{err}"
    );
    let tb = app
        .create_committee(org.id, &CommitteeSettings::new("Trust Board", "TB"))
        .unwrap();
    let err = app
        .update_committee(
            tb.id,
            &CommitteeSettings {
                code: "QC".into(),
                ..CommitteeSettings::new("Trust Board", "TB")
            },
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("already a committee with the code QC"),
        "{err}"
    );
    let err = app
        .update_committee(
            qc.id,
            &CommitteeSettings {
                numbering: vec![
                    boardpack_core::NumberingStart {
                        year: 2024,
                        next: 112,
                    },
                    boardpack_core::NumberingStart {
                        year: 2024,
                        next: 5,
                    },
                ],
                ..settings.clone()
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("given twice"), "{err}");
    // Standing items: the ones chosen, in order, once.
    let qc = app
        .update_committee(
            qc.id,
            &CommitteeSettings {
                standing_items: vec![
                    boardpack_core::agenda::StandingKind::WelcomeAndApologies,
                    boardpack_core::agenda::StandingKind::AnyOtherBusiness,
                    boardpack_core::agenda::StandingKind::WelcomeAndApologies,
                ],
                ..settings.clone()
            },
        )
        .unwrap();
    assert_eq!(qc.standing_items.len(), 2);
    let m = app.add_meeting(&meeting(qc.id, "2024-06-06")).unwrap();
    assert_eq!(app.agenda(m.id).unwrap().rows.len(), 2);
}

#[test]
fn numbering_carries_on_into_the_minute_references() {
    let (_dir, app) = super::fresh();
    let org = app.create_organisation(&details("Northfield")).unwrap();
    let qc = app
        .create_committee(
            org.id,
            &CommitteeSettings {
                minute_ref_pattern: "QC {yy}/{seq}".into(),
                ..CommitteeSettings::new("Quality Committee", "QC")
            },
        )
        .unwrap();
    let qc = app.set_numbering(qc.id, 2024, Some(112)).unwrap();
    assert_eq!(qc.first_minute(2024), 112);
    let june = app.add_meeting(&meeting(qc.id, "2024-06-06")).unwrap();
    let july = app.add_meeting(&meeting(qc.id, "2024-07-04")).unwrap();
    let next_year = app.add_meeting(&meeting(qc.id, "2025-01-09")).unwrap();
    let refs = |id| {
        app.room(id)
            .unwrap()
            .rows
            .iter()
            .map(|r| r.reference.clone())
            .collect::<Vec<_>>()
    };
    let june_refs = refs(june.id);
    assert_eq!(june_refs[0], "QC 24/112");
    let n = june_refs.len() as u32;
    assert_eq!(refs(july.id)[0], format!("QC 24/{}", 112 + n));
    assert_eq!(refs(next_year.id)[0], "QC 25/1");
    // Cleared, 2024 numbers from 1 again.
    app.set_numbering(qc.id, 2024, None).unwrap();
    assert_eq!(refs(june.id)[0], "QC 24/1");
    assert!(app.set_numbering(qc.id, 24, Some(5)).is_err());
    assert!(app.set_numbering(qc.id, 2024, Some(0)).is_err());
}

#[test]
fn retired_committees_keep_their_meetings_and_take_no_new_ones() {
    let (_dir, app) = super::fresh();
    let org = app.create_organisation(&details("Northfield")).unwrap();
    let c = app
        .create_committee(
            org.id,
            &CommitteeSettings::new("Charitable Funds Committee", "CFC"),
        )
        .unwrap();
    let m = app.add_meeting(&meeting(c.id, "2024-06-06")).unwrap();
    app.retire_committee(c.id, Some(d(2024, 12, 31))).unwrap();
    let err = app.add_meeting(&meeting(c.id, "2025-01-09")).unwrap_err();
    assert!(
        err.to_string().contains("was retired on 2024-12-31"),
        "{err}"
    );
    assert!(app.meeting(m.id).is_ok());
    assert!(app.committees().unwrap()[0].committee.is_retired());
    app.retire_committee(c.id, None).unwrap();
    app.add_meeting(&meeting(c.id, "2025-01-09")).unwrap();
}

#[test]
fn members_are_added_edited_ended_and_ordered() {
    let (_dir, app) = super::fresh();
    let org = app.create_organisation(&details("Northfield")).unwrap();
    let tb = app
        .create_committee(org.id, &CommitteeSettings::new("Trust Board", "TB"))
        .unwrap();
    let ac = app
        .create_committee(org.id, &CommitteeSettings::new("Audit Committee", "AC"))
        .unwrap();
    let ceo = app
        .add_membership(
            tb.id,
            &member("Sam Okoro", "SO", MemberKind::ExecutiveDirector),
        )
        .unwrap();
    let ned = app
        .add_membership(
            tb.id,
            &MemberDetails {
                email: "priya.shah@nhs.net".into(),
                from: "2024-04-01".into(),
                ..member("Priya Shah", "PS", MemberKind::NonExecutiveDirector)
            },
        )
        .unwrap();
    // A chair goes to the top; an associate does not vote unless told.
    let chair = app
        .add_membership(tb.id, &member("Ruth Evans", "RE", MemberKind::Chair))
        .unwrap();
    let assoc = app
        .add_membership(tb.id, &member("Alan Wood", "AW", MemberKind::Associate))
        .unwrap();
    assert!(!assoc.membership.voting);
    let order = |c| {
        app.members(c)
            .unwrap()
            .iter()
            .map(|m| m.person.initials.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(order(tb.id), ["RE", "SO", "PS", "AW"]);

    // Initials are unique within a committee, and the refusal suggests others.
    let err = app
        .add_membership(
            tb.id,
            &member("Patrick Smith", "PS", MemberKind::VotingMember),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Priya Shah (PS) already uses the initials PS on Trust Board: give Patrick Smith different initials, for example PaS."
    );
    // Someone on two committees is one person with two memberships.
    let same = app
        .add_membership(
            ac.id,
            &MemberDetails {
                person_id: Some(ned.person.id),
                role: "Audit Committee Chair".into(),
                ..member("Priya Shah", "PS", MemberKind::Chair)
            },
        )
        .unwrap();
    assert_eq!(same.person.id, ned.person.id);
    assert_eq!(
        same.person.email, "priya.shah@nhs.net",
        "kept when not given again"
    );
    assert_eq!(app.people().unwrap().len(), 4);

    // Editing the person changes them on every committee.
    let edited = app
        .update_membership(
            ned.membership.id,
            &MemberDetails {
                phone: "0161 496 0142".into(),
                role: "Senior Independent Director".into(),
                voting: Some(true),
                from: "2024-04-01".into(),
                ..member("Priya Shah-Patel", "PSP", MemberKind::NonExecutiveDirector)
            },
        )
        .unwrap();
    assert_eq!(edited.membership.role, "Senior Independent Director");
    assert_eq!(
        app.members(ac.id).unwrap()[0].person.name,
        "Priya Shah-Patel"
    );
    let err = app
        .update_membership(
            ned.membership.id,
            &member("Priya Shah-Patel", "RE", MemberKind::NonExecutiveDirector),
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("already uses the initials RE"),
        "{err}"
    );
    let err = app
        .update_membership(
            ned.membership.id,
            &MemberDetails {
                email: "priya at nhs".into(),
                ..member("Priya Shah-Patel", "PSP", MemberKind::NonExecutiveDirector)
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");

    // The secretary's order: every member once.
    let new_order = [
        chair.membership.id,
        ned.membership.id,
        ceo.membership.id,
        assoc.membership.id,
    ];
    let listed = app.reorder_members(tb.id, &new_order).unwrap();
    assert_eq!(listed[1].person.initials, "PSP");
    assert_eq!(order(tb.id), ["RE", "PSP", "SO", "AW"]);
    assert!(app.reorder_members(tb.id, &new_order[..3]).is_err());

    // An ended membership no longer counts at meetings after its last day.
    let err = app
        .end_membership(ned.membership.id, d(2024, 3, 1))
        .unwrap_err();
    assert!(err.to_string().contains("began on 2024-04-01"), "{err}");
    app.end_membership(ceo.membership.id, d(2025, 3, 31))
        .unwrap();
    let before = app.add_meeting(&meeting(tb.id, "2025-03-06")).unwrap();
    let after = app.add_meeting(&meeting(tb.id, "2025-04-03")).unwrap();
    let seated = |id| {
        app.room(id)
            .unwrap()
            .members
            .iter()
            .map(|m| m.person.initials.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(seated(before.id), ["RE", "PSP", "SO", "AW"]);
    assert_eq!(
        seated(after.id),
        ["RE", "PSP", "AW"],
        "in the committee's order"
    );
}

#[test]
fn minutes_list_attendees_in_the_committees_order() {
    let (dir, app) = super::fresh();
    let org = app.create_organisation(&details("Northfield")).unwrap();
    let tb = app
        .create_committee(org.id, &CommitteeSettings::new("Trust Board", "TB"))
        .unwrap();
    let mut ids = Vec::new();
    for (name, initials, kind) in [
        ("Ruth Evans", "RE", MemberKind::Chair),
        ("Alan Zeller", "AZ", MemberKind::NonExecutiveDirector),
        ("Beth Young", "BY", MemberKind::ExecutiveDirector),
    ] {
        ids.push(
            app.add_membership(tb.id, &member(name, initials, kind))
                .unwrap(),
        );
    }
    app.reorder_members(
        tb.id,
        &[
            ids[0].membership.id,
            ids[2].membership.id,
            ids[1].membership.id,
        ],
    )
    .unwrap();
    let m = app.add_meeting(&meeting(tb.id, "2025-03-06")).unwrap();
    for s in &ids {
        app.set_attendance(&boardpack_core::attendance::MemberAttendance {
            meeting_id: m.id,
            person_id: s.person.id,
            presence: boardpack_core::attendance::Presence::Present,
            deputy: String::new(),
            arrived: None,
            left: None,
            note: String::new(),
        })
        .unwrap();
    }
    let out = dir.path().join("minutes.pdf");
    app.export_minutes(m.id, false, &out).unwrap();
    let text = super::pdf_text(&out, false);
    let at = |who: &str| text.find(who).unwrap_or_else(|| panic!("{who} in {text}"));
    assert!(at("Ruth Evans (RE)") < at("Beth Young (BY)"));
    assert!(
        at("Beth Young (BY)") < at("Alan Zeller (AZ)"),
        "not by name: {text}"
    );
}

/// The images each page of a PDF draws, as (page, width, height) of the XObjects its
/// resources name.
fn images_by_page(path: &Path) -> Vec<(u32, i64, i64)> {
    let doc = lopdf::Document::load(path).unwrap();
    let mut out = Vec::new();
    for (n, page) in doc.get_pages() {
        let (res, ids) = doc.get_page_resources(page).unwrap();
        let mut dicts: Vec<&lopdf::Dictionary> = res.into_iter().collect();
        for id in ids {
            dicts.push(doc.get_dictionary(id).unwrap());
        }
        for d in dicts {
            let Ok(x) = d.get(b"XObject") else { continue };
            let x = match x {
                lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
                lopdf::Object::Dictionary(d) => d,
                _ => continue,
            };
            for (_, v) in x.iter() {
                let s = doc.get_object(v.as_reference().unwrap()).unwrap();
                let s = s.as_stream().unwrap();
                if s.dict.get(b"Subtype").unwrap().as_name().unwrap() == b"Image" {
                    let w = s.dict.get(b"Width").unwrap().as_i64().unwrap();
                    let h = s.dict.get(b"Height").unwrap().as_i64().unwrap();
                    out.push((n, w, h));
                }
            }
        }
    }
    out
}

/// The logo is on the pack's front cover, at the head of the minutes, the bulletin and
/// the register of interests, and nowhere without one.
#[test]
fn the_logo_heads_the_documents() {
    let (dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let org = app.organisations().unwrap()[0].clone();
    let docs = |tag: &str| {
        let pack = dir.path().join(format!("pack-{tag}.pdf"));
        app.export_pack(meeting, false, &pack, boardpack::today(), &mut |_| {})
            .unwrap();
        let minutes = dir.path().join(format!("minutes-{tag}.pdf"));
        app.export_minutes(meeting, false, &minutes).unwrap();
        let bulletin = dir.path().join(format!("bulletin-{tag}.pdf"));
        app.export_bulletin(meeting, &bulletin).unwrap();
        [pack, minutes, bulletin]
    };
    for path in docs("plain") {
        assert!(images_by_page(&path).is_empty(), "{}", path.display());
    }
    let file = dir.path().join("logo.png");
    std::fs::write(&file, png_logo(600, 200)).unwrap();
    app.set_logo(org.id, &file).unwrap();
    for path in docs("logo") {
        let images = images_by_page(&path);
        assert!(
            images.contains(&(1, 600, 200)),
            "{}: {images:?}",
            path.display()
        );
        super::assert_qpdf_accepts(&path);
    }
    // The logo is drawn on the pack's cover, not on every page of it.
    let words = super::pdf_text(&dir.path().join("pack-logo.pdf"), false);
    assert!(words.contains("RIVERSIDE UNIVERSITY HOSPITALS NHS TRUST"));
}
