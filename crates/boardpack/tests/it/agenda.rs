//! The agenda builder and papers: standing items, numbering, reordering, moving and
//! deleting items without losing what was not asked to go, attaching PDFs.

use std::path::{Path, PathBuf};

use boardpack::actions::NewActionUpdate;
use boardpack::agenda::{ItemChanges, NewItem};
use boardpack::papers::{NewPaper, PaperEdit};
use boardpack::Boardpack;
use boardpack_core::actions::ActionStatus;
use boardpack_core::agenda::{Lead, Move, Purpose};
use boardpack_core::interests::{Declaration, DeclarationAction};
use boardpack_core::meeting::NewMeeting;
use boardpack_core::minutes::{Action, Minute};
use boardpack_core::{ActionId, AgendaItemId, DeclarationId, MeetingId, Session};

fn new_meeting(app: &Boardpack, date: &str) -> MeetingId {
    let tb = app.committee_by_code("TB").unwrap();
    app.add_meeting(&NewMeeting {
        committee_id: tb.id,
        number: None,
        date: date.into(),
        start_time: "09:30".into(),
        end_time: "10:30".into(),
        venue: "Board Room".into(),
        chair_id: None,
        session: Session::Public,
    })
    .unwrap()
    .id
}

fn item(meeting: MeetingId, title: &str, minutes: u32) -> NewItem {
    NewItem {
        meeting_id: meeting,
        parent_id: None,
        title: title.into(),
        purpose: Purpose::Discussion,
        lead: Lead::None,
        duration_minutes: minutes,
        session: Session::Public,
        private_reason: String::new(),
        confidential: false,
        for_bulletin: false,
        paper_expected: true,
    }
}

fn titles(app: &Boardpack, meeting: MeetingId) -> Vec<String> {
    app.agenda(meeting)
        .unwrap()
        .rows
        .iter()
        .map(|r| format!("{} {}", r.slot.number, r.item.title))
        .collect()
}

pub fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/realworld")
        .join(name)
}

#[test]
fn a_new_meeting_starts_with_the_standing_items_and_new_items_go_before_aob() {
    let (_dir, app) = super::demo();
    let m = new_meeting(&app, "2027-01-14");
    assert_eq!(
        titles(&app, m),
        [
            "1 Welcome and apologies for absence",
            "2 Confirmation of quorum",
            "3 Declarations of interest",
            "4 Minutes of the previous meeting",
            "5 Action log and matters arising",
            "6 Any other business",
            "7 Date and time of next meeting"
        ]
    );
    let finance = app.add_item(&item(m, "Finance report", 20)).unwrap();
    let mut sub = item(m, "Capital programme", 10);
    sub.parent_id = Some(finance.id);
    app.add_item(&sub).unwrap();
    app.add_item(&item(m, "Quality report", 30)).unwrap();
    let view = app.agenda(m).unwrap();
    let shown: Vec<String> = view
        .rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r.slot.number,
                r.slot.start.unwrap().format("%H:%M"),
                r.item.title
            )
        })
        .collect();
    assert_eq!(
        &shown[5..],
        [
            "6 09:45 Finance report",
            "6.1 10:05 Capital programme",
            "7 10:15 Quality report",
            "8 10:45 Any other business",
            "9 10:50 Date and time of next meeting"
        ]
    );
    assert_eq!(view.overrun_minutes, Some(21), "ends 10:51 against 10:30");
}

#[test]
fn reordering_renumbers_and_bad_moves_are_refused() {
    let (_dir, app) = super::demo();
    let m = new_meeting(&app, "2027-01-14");
    let a = app.add_item(&item(m, "Alpha", 5)).unwrap();
    let b = app.add_item(&item(m, "Beta", 5)).unwrap();
    app.move_item(b.id, Move::Up).unwrap();
    assert_eq!(&titles(&app, m)[5..7], ["6 Beta", "7 Alpha"]);
    app.move_item(a.id, Move::Indent).unwrap();
    assert_eq!(&titles(&app, m)[5..7], ["6 Beta", "6.1 Alpha"]);
    let err = app.move_item(a.id, Move::Indent).unwrap_err();
    assert_eq!(
        err.to_string(),
        "That agenda move is not possible: agenda items nest one level deep only (5.1, not 5.1.1)."
    );
    app.move_item(a.id, Move::Outdent).unwrap();
    app.move_item(
        a.id,
        Move::To {
            parent: None,
            index: 0,
        },
    )
    .unwrap();
    assert_eq!(titles(&app, m)[0], "1 Alpha");
}

/// The agenda builder keeps Part 2 (private business) after all of Part 1: a private item
/// is added at the end of Part 2, a public one before the closing items of Part 1; moves
/// and session changes keep the parts apart, and say why when they refuse.
#[test]
fn the_builder_keeps_private_items_together_in_part_2() {
    let (_dir, app) = super::demo();
    let m = new_meeting(&app, "2027-01-14");
    let private = |title: &str| NewItem {
        session: Session::Private,
        private_reason: "Commercial in confidence".into(),
        ..item(m, title, 10)
    };
    let land = app.add_item(&private("Land sale")).unwrap();
    let quality = app.add_item(&item(m, "Quality report", 10)).unwrap();
    let contract = app.add_item(&private("Contract award")).unwrap();
    assert_eq!(
        &titles(&app, m)[5..],
        [
            "6 Quality report",
            "7 Any other business",
            "8 Date and time of next meeting",
            "9 Land sale",
            "10 Contract award"
        ]
    );
    // Up from the top of Part 2 is refused; dragged above the public items, it lands at
    // the start of Part 2.
    let err = app.move_item(land.id, Move::Up).unwrap_err().to_string();
    assert!(
        err.contains("“Land sale” is the first item of Part 2"),
        "{err}"
    );
    app.move_item(
        contract.id,
        Move::To {
            parent: None,
            index: 0,
        },
    )
    .unwrap();
    assert_eq!(&titles(&app, m)[8..], ["9 Contract award", "10 Land sale"]);
    // A private sub-item of a public item is refused.
    let err = app
        .add_item(&NewItem {
            parent_id: Some(quality.id),
            ..private("Staffing costs")
        })
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("cannot be a sub-item of the public item “Quality report”"),
        "{err}"
    );
    let err = app
        .move_item(contract.id, Move::Indent)
        .unwrap_err()
        .to_string();
    assert!(err.contains("private business"), "{err}");
    // Made private, the quality report moves to the start of Part 2; made public again, to
    // the end of Part 1 before the closing items.
    app.edit_item(
        quality.id,
        &boardpack::agenda::ItemChanges {
            session: Some(Session::Private),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        &titles(&app, m)[5..],
        [
            "6 Any other business",
            "7 Date and time of next meeting",
            "8 Quality report",
            "9 Contract award",
            "10 Land sale"
        ]
    );
    let mut back = app
        .agenda(m)
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.item.id == quality.id)
        .unwrap()
        .item;
    back.session = Session::Public;
    app.update_item(&back).unwrap();
    assert_eq!(titles(&app, m)[5], "6 Quality report");
    // The stored order is the shown order: moves by the shown positions do what they say.
    let rows = app.agenda(m).unwrap().rows;
    let positions: Vec<u32> = rows
        .iter()
        .filter(|r| r.slot.depth == 0)
        .map(|r| r.item.position)
        .collect();
    assert_eq!(positions, (0..10).collect::<Vec<u32>>());
}

#[test]
fn deleting_an_item_with_papers_needs_confirmation_and_moving_keeps_them() {
    let (_dir, app) = super::demo();
    let m1 = new_meeting(&app, "2027-01-14");
    let m2 = new_meeting(&app, "2027-02-11");
    let it = app.add_item(&item(m1, "Estates strategy", 20)).unwrap();
    let paper = app
        .add_paper(&NewPaper {
            item_id: it.id,
            title: String::new(),
            authors: "Kirsty Lamb".into(),
            sponsor: String::new(),
            letter: String::new(),
            file: Some(
                corpus("004-pdflatex-4-pages_pdflatex-4-pages.pdf")
                    .display()
                    .to_string(),
            ),
        })
        .unwrap();
    assert_eq!(
        paper.title, "Estates strategy",
        "defaults to the item's title"
    );
    assert_eq!(paper.document.as_ref().unwrap().pages, 4);
    let err = app.delete_item(it.id, false).unwrap_err();
    assert!(err.to_string().contains("has 1 paper:"), "{err}");
    assert_eq!(
        app.agenda(m1)
            .unwrap()
            .rows
            .iter()
            .filter(|r| r.item.id == it.id)
            .count(),
        1
    );
    // Moving to another meeting takes the paper along.
    app.move_item_to_meeting(it.id, m2).unwrap();
    let moved = app.agenda(m2).unwrap();
    let row = moved.rows.iter().find(|r| r.item.id == it.id).unwrap();
    assert_eq!(row.papers.len(), 1);
    assert_eq!(row.slot.number, "6");
    assert!(app
        .agenda(m1)
        .unwrap()
        .rows
        .iter()
        .all(|r| r.item.id != it.id));
    app.delete_item(it.id, true).unwrap();
    assert!(app.paper(paper.id).is_err());
}

#[test]
fn reattaching_keeps_earlier_versions_and_letters_can_be_chosen() {
    let (_dir, app) = super::demo();
    let m = new_meeting(&app, "2027-01-14");
    let it = app.add_item(&item(m, "Research strategy", 20)).unwrap();
    let paper = app
        .add_paper(&NewPaper {
            item_id: it.id,
            title: "Research strategy 2027–2030".into(),
            authors: String::new(),
            sponsor: String::new(),
            letter: String::new(),
            file: Some(
                corpus("001-trivial_minimal-document.pdf")
                    .display()
                    .to_string(),
            ),
        })
        .unwrap();
    let first = paper.document.clone().unwrap();
    let paper = app
        .attach_document(
            paper.id,
            &corpus("006-pdflatex-outline_pdflatex-outline.pdf"),
        )
        .unwrap();
    assert_eq!(paper.history, vec![first.clone()]);
    assert_eq!(
        app.blobs().read(&first.sha256).unwrap(),
        std::fs::read(corpus("001-trivial_minimal-document.pdf")).unwrap()
    );
    let paper = app
        .add_appendix(
            paper.id,
            &corpus("019-grayscale-image_grayscale-image.pdf"),
            "",
        )
        .unwrap();
    assert_eq!(paper.appendices[0].title, "Appendix 1");
    let paper = app.remove_appendix(paper.id, 0).unwrap();
    assert!(paper.appendices.is_empty());
    assert_eq!(paper.history.len(), 2);

    // The paper is lettered after the standing items' papers of this new meeting (none).
    let row = |app: &Boardpack| {
        app.agenda(m)
            .unwrap()
            .rows
            .into_iter()
            .find(|r| r.item.id == it.id)
            .unwrap()
    };
    assert_eq!(row(&app).papers[0].letter, "A");
    let edit = |letter: &str| PaperEdit {
        id: paper.id,
        title: paper.title.clone(),
        authors: "Aisha Rahman".into(),
        sponsor: "Rajesh Patel".into(),
        letter: letter.into(),
        cover: paper.cover.clone(),
        received_on: "2027-01-02".into(),
    };
    app.update_paper(&edit("R")).unwrap();
    assert_eq!(row(&app).papers[0].letter, "R");
    let err = app.update_paper(&edit("r")).unwrap_err();
    assert!(err.to_string().contains("“r” is not usable"), "{err}");
    let err = app
        .update_paper(&PaperEdit {
            received_on: "2027-02-30".into(),
            ..edit("R")
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("February 2027 has 28 days"),
        "{err}"
    );
}

#[test]
fn duplicate_letters_are_refused() {
    let (_dir, app) = super::demo();
    let m = new_meeting(&app, "2027-01-14");
    let a = app.add_item(&item(m, "A", 5)).unwrap();
    let b = app.add_item(&item(m, "B", 5)).unwrap();
    let np = |i: AgendaItemId, l: &str| NewPaper {
        item_id: i,
        title: String::new(),
        authors: String::new(),
        sponsor: String::new(),
        letter: l.into(),
        file: None,
    };
    app.add_paper(&np(a.id, "Q")).unwrap();
    let err = app.add_paper(&np(b.id, "Q")).unwrap_err();
    assert_eq!(err.to_string(), "Another paper of this meeting already has the letter Q: choose a different letter, or leave it blank to have one assigned.");
}

#[test]
fn bad_files_are_refused_at_attach_time_and_nothing_is_half_stored() {
    let (dir, app) = super::demo();
    let m = new_meeting(&app, "2027-01-14");
    let it = app.add_item(&item(m, "Audit report", 10)).unwrap();
    let empty = dir.path().join("empty.pdf");
    std::fs::write(&empty, b"").unwrap();
    let word = dir.path().join("report.docx");
    std::fs::write(&word, b"PK\x03\x04 word document").unwrap();
    let truncated = dir.path().join("truncated.pdf");
    let full = std::fs::read(corpus("004-pdflatex-4-pages_pdflatex-4-pages.pdf")).unwrap();
    std::fs::write(&truncated, &full[..full.len() / 3]).unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            corpus("005-libreoffice-writer-password_libreoffice-writer-password.pdf"),
            "it is protected by a password",
        ),
        (empty, "the file is empty"),
        (word, "it is not a PDF"),
        (dir.path().join("vanished.pdf"), "there is no file at"),
        (truncated, "Cannot attach truncated.pdf: "),
    ];
    let before = app.archive(&boardpack::ArchiveScope::Everything).unwrap();
    for (file, expect) in cases {
        let err = app
            .add_paper(&NewPaper {
                item_id: it.id,
                title: String::new(),
                authors: String::new(),
                sponsor: String::new(),
                letter: String::new(),
                file: Some(file.display().to_string()),
            })
            .unwrap_err();
        assert_eq!(err.code(), "bad_attachment");
        assert!(
            err.to_string().contains(expect),
            "{}: {err}",
            file.display()
        );
    }
    assert_eq!(
        app.archive(&boardpack::ArchiveScope::Everything).unwrap(),
        before
    );
}

#[test]
fn every_corpus_file_attaches_or_is_refused_with_a_reason() {
    let (_dir, app) = super::demo();
    let m = new_meeting(&app, "2027-01-14");
    let it = app.add_item(&item(m, "Corpus", 10)).unwrap();
    let mut accepted = 0;
    for entry in std::fs::read_dir(corpus("")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        match app.add_paper(&NewPaper {
            item_id: it.id,
            title: String::new(),
            authors: String::new(),
            sponsor: String::new(),
            letter: String::new(),
            file: Some(path.display().to_string()),
        }) {
            Ok(p) => {
                accepted += 1;
                assert!(p.document.unwrap().pages >= 1);
            }
            Err(e) => {
                let text = e.to_string();
                assert_eq!(e.code(), "bad_attachment", "{text}");
                assert!(
                    text.starts_with("Cannot attach ") && text.ends_with('.'),
                    "{text}"
                );
            }
        }
    }
    assert!(accepted >= 30, "only {accepted} accepted");
}

/// The desktop's edits go through the same limits as the command line: an edited item, a
/// cover sheet and a minute are refused whole, naming the field, and nothing changes.
#[test]
fn edits_keep_the_field_limits_and_change_nothing_when_refused() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let view = app.agenda(meeting).unwrap();
    let row = view.rows.iter().find(|r| !r.papers.is_empty()).unwrap();
    let err = app
        .update_item(&boardpack_core::agenda::AgendaItem {
            title: "t".repeat(50_000),
            ..row.item.clone()
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "The item title is 50,000 characters long, more than the 500 Boardpack takes: shorten it."
    );
    let err = app
        .update_item(&boardpack_core::agenda::AgendaItem {
            duration_minutes: u32::MAX,
            ..row.item.clone()
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let paper = &row.papers[0].paper;
    let mut cover = paper.cover.clone();
    cover.context = "Context\u{1b}[8m hidden".into();
    let err = app
        .update_paper(&boardpack::papers::PaperEdit {
            id: paper.id,
            title: paper.title.clone(),
            authors: paper.authors.clone(),
            sponsor: paper.sponsor.clone(),
            letter: String::new(),
            cover,
            received_on: String::new(),
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("The executive summary: context contains a control character (U+001B)"),
        "{err}"
    );
    let err = app
        .save_minute(&boardpack_core::minutes::Minute {
            discussion: "word ".repeat(25_000),
            ..boardpack_core::minutes::Minute::empty(row.item.id)
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "The minute is 125,000 characters long, more than the 100,000 Boardpack takes: shorten it."
    );
    assert_eq!(app.agenda(meeting).unwrap(), view);
}

/// Every paper's letter on a meeting's agenda.
fn letters(
    app: &Boardpack,
    meeting: MeetingId,
) -> std::collections::BTreeMap<boardpack_core::PaperId, String> {
    app.agenda(meeting)
        .unwrap()
        .rows
        .into_iter()
        .flat_map(|r| r.papers)
        .map(|p| (p.paper.id, p.letter))
        .collect()
}

#[test]
fn choosing_a_letter_reports_every_other_paper_it_reletters() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let before = letters(&app, meeting);
    assert!(before.values().any(|l| l == "A"), "{before:?}");
    let last_item = app.agenda(meeting).unwrap().rows.last().unwrap().item.id;
    // Letter A chosen for a new paper on the last item: the papers lettered in agenda
    // order move along, and each is named.
    let saved = app
        .add_paper_reporting(&NewPaper {
            item_id: last_item,
            title: "Late paper".into(),
            authors: String::new(),
            sponsor: String::new(),
            letter: "A".into(),
            file: None,
        })
        .unwrap();
    let after = letters(&app, meeting);
    assert_eq!(after[&saved.paper.id], "A");
    let moved: std::collections::BTreeMap<_, _> = before
        .iter()
        .filter(|(id, l)| after[*id] != **l)
        .map(|(id, l)| (*id, (l.clone(), after[id].clone())))
        .collect();
    assert!(
        !moved.is_empty(),
        "choosing A should move the paper that was A"
    );
    let reported: std::collections::BTreeMap<_, _> = saved
        .relettered
        .iter()
        .map(|r| (r.paper_id, (r.was.clone(), r.now.clone())))
        .collect();
    assert_eq!(reported, moved, "every change reported, and only those");
    for r in &saved.relettered {
        assert_eq!(
            r.sentence,
            format!(
                "Paper {} “{}” is now paper {}: anything already sent out still calls it {}.",
                r.was, r.title, r.now, r.was
            )
        );
    }
    // Saving without changing a letter reports nothing.
    let paper = app.paper(saved.paper.id).unwrap();
    let again = app
        .update_paper_reporting(&PaperEdit {
            id: paper.id,
            title: paper.title.clone(),
            authors: paper.authors.clone(),
            sponsor: paper.sponsor.clone(),
            letter: "A".into(),
            cover: paper.cover.clone(),
            received_on: String::new(),
        })
        .unwrap();
    assert!(again.relettered.is_empty(), "{:?}", again.relettered);
}

#[test]
fn a_script_edits_only_what_it_names() {
    let (_dir, app) = super::demo();
    let m = new_meeting(&app, "2027-01-14");
    let it = app.add_item(&item(m, "Estates strategy", 20)).unwrap();
    let edited = app
        .edit_item(
            it.id,
            &ItemChanges {
                title: Some(" Estates strategy 2027–2032 ".into()),
                lead: Some("Kirsty Lamb".into()),
                duration_minutes: Some(25),
                session: Some(Session::Private),
                private_reason: Some("Commercial interests".into()),
                ..ItemChanges::default()
            },
        )
        .unwrap();
    assert_eq!(edited.title, "Estates strategy 2027–2032");
    assert!(
        matches!(edited.lead, Lead::Member { .. }),
        "a member by name"
    );
    assert_eq!(
        (
            edited.duration_minutes,
            edited.session,
            edited.private_reason.as_str()
        ),
        (25, Session::Private, "Commercial interests")
    );
    assert_eq!(edited.purpose, Purpose::Discussion, "not named: kept");
    assert!(edited.paper_expected, "kept");
    // An unknown name is an invitee; "" is no lead.
    let invitee = app
        .edit_item(
            it.id,
            &ItemChanges {
                lead: Some("Dr Ama Owusu".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        invitee.lead,
        Lead::Invitee {
            name: "Dr Ama Owusu".into(),
            role: String::new()
        }
    );
    let public = app
        .edit_item(
            it.id,
            &ItemChanges {
                session: Some(Session::Public),
                lead: Some(String::new()),
                purpose: Some(Purpose::Decision),
                paper_expected: Some(false),
                for_bulletin: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (
            public.session,
            public.private_reason.as_str(),
            public.lead.clone()
        ),
        (Session::Public, "", Lead::None),
        "made public, its reason for privacy goes"
    );
    assert!(!public.paper_expected && public.for_bulletin);
    assert_eq!(public.purpose, Purpose::Decision);
    let stored = app.agenda(m).unwrap();
    assert_eq!(
        stored
            .rows
            .iter()
            .find(|r| r.item.id == it.id)
            .unwrap()
            .item,
        public
    );
    let err = app
        .edit_item(
            it.id,
            &ItemChanges {
                title: Some("  ".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.to_string(), "The item title must not be empty.");
}

#[test]
fn items_move_before_and_after_others() {
    let (_dir, app) = super::demo();
    let m = new_meeting(&app, "2027-01-14");
    let finance = app.add_item(&item(m, "Finance report", 20)).unwrap();
    let quality = app.add_item(&item(m, "Quality report", 20)).unwrap();
    let mut sub = item(m, "Capital programme", 10);
    sub.parent_id = Some(finance.id);
    let capital = app.add_item(&sub).unwrap();
    app.move_item(quality.id, Move::Before { item: finance.id })
        .unwrap();
    assert_eq!(
        titles(&app, m)[5..8],
        [
            "6 Quality report",
            "7 Finance report",
            "7.1 Capital programme"
        ]
    );
    app.move_item(quality.id, Move::After { item: capital.id })
        .unwrap();
    assert_eq!(
        titles(&app, m)[5..8],
        [
            "6 Finance report",
            "6.1 Capital programme",
            "6.2 Quality report"
        ]
    );
    let err = app
        .move_item(finance.id, Move::After { item: capital.id })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "That agenda move is not possible: an item cannot move among its own sub-items."
    );
}

#[test]
fn deleting_an_item_with_minutes_needs_confirmation_and_never_loses_the_action_log() {
    let (_dir, app) = super::demo();
    let m = new_meeting(&app, "2027-01-14");
    let it = app.add_item(&item(m, "Estates strategy", 20)).unwrap();
    let tb = app.committee_by_code("TB").unwrap();
    let person = app.members(tb.id).unwrap()[0].person.id;
    app.declare(&Declaration {
        id: DeclarationId(uuid::Uuid::nil()),
        item_id: it.id,
        person_id: person,
        interest_id: None,
        text: "Director of a building firm".into(),
        action: DeclarationAction::WithdrewFromDecision,
    })
    .unwrap();
    let minute = app
        .save_minute(&Minute {
            discussion: "The board discussed the estates strategy.".into(),
            actions: vec![Action {
                id: ActionId(uuid::Uuid::nil()),
                text: "Cost the car park options".into(),
                lead: "KL".into(),
                due: None,
                status: ActionStatus::Open,
            }],
            ..Minute::empty(it.id)
        })
        .unwrap();
    let err = app.delete_item(it.id, false).unwrap_err().to_string();
    assert_eq!(
        err,
        "“Estates strategy” has its minutes, 1 action and 1 declaration of interest: move them elsewhere first, or confirm that they are deleted with it."
    );
    // An action with updates on the log is never deleted with its item.
    app.update_action(&NewActionUpdate {
        action_id: minute.actions[0].id,
        status: ActionStatus::OnTrack,
        note: "Quotes requested".into(),
        date: chrono::NaiveDate::from_ymd_opt(2027, 1, 20).unwrap(),
        meeting_id: None,
    })
    .unwrap();
    let err = app.delete_item(it.id, true).unwrap_err().to_string();
    assert!(
        err.contains("has 1 action on the action log with updates recorded"),
        "{err}"
    );
    assert!(titles(&app, m)
        .iter()
        .any(|t| t.ends_with("Estates strategy")));
    // Without that history, confirmed, all of it goes.
    app.save_minute(&Minute {
        discussion: "The board discussed the estates strategy.".into(),
        ..Minute::empty(it.id)
    })
    .unwrap_err(); // the action with updates cannot be dropped from the minute either
    let other = app.add_item(&item(m, "Car parking", 10)).unwrap();
    app.save_minute(&Minute {
        resolutions: vec!["approve the charges".into()],
        ..Minute::empty(other.id)
    })
    .unwrap();
    app.delete_item(other.id, true).unwrap();
    assert!(titles(&app, m).iter().all(|t| !t.ends_with("Car parking")));
    // An empty minute (opened in the room, nothing typed) loses nothing: no confirmation.
    let empty = app.add_item(&item(m, "Any questions", 5)).unwrap();
    app.save_minute(&Minute::empty(empty.id)).unwrap();
    app.delete_item(empty.id, false).unwrap();
}
