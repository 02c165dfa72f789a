//! A meeting held in private is private throughout: whatever its items' own flags say,
//! nothing of it reaches a public document. Its public pack, bulletin and minutes are
//! refused with a sentence; the public action log leaves out its actions and the updates
//! reported at it. The last test exports every public document there is and looks for the
//! meeting's words in the text (pdftotext) and in the decompressed bytes of each file.

use std::path::{Path, PathBuf};

use boardpack::agenda::NewItem;
use boardpack::papers::{NewPaper, PaperEdit};
use boardpack::Boardpack;
use boardpack_core::actions::ActionStatus;
use boardpack_core::agenda::{AgendaItem, Lead, Purpose};
use boardpack_core::attendance::Attendee;
use boardpack_core::interests::{Declaration, DeclarationAction};
use boardpack_core::meeting::NewMeeting;
use boardpack_core::minutes::{Action, Minute};
use boardpack_core::{ActionId, AttendeeId, DeclarationId, MeetingId, Session};
use tempfile::TempDir;

/// Words only the private meeting uses, each in another place: an item's title, its
/// paper's text, its cover sheet, the minute's discussion, a resolution, an action, a
/// declaration, an attendee, and an update reported at the meeting on an older action.
const SECRET: &[&str] = &[
    "Quillfeather",
    "Zorvathian",
    "Marrowgate",
    "Vintrelle",
    "Oskelund",
    "Ochreline",
    "Wexcombe",
    "Yarrowby",
    "Galloworth",
];

/// The demo, plus a Trust Board meeting held in private whose items are all flagged
/// public and marked for the bulletin, with a paper, minutes, an action, a declaration, an
/// attendee, and an update reported at it on an action of the public meeting.
struct World {
    dir: TempDir,
    app: Boardpack,
    public: MeetingId,
    private: MeetingId,
}

fn paper_pdf(dir: &Path) -> PathBuf {
    use boardpack_pdf::{simple_document, Block, PdfOptions};
    let opts = PdfOptions {
        title: "Estates options".into(),
        author: "Director of Estates".into(),
        subject: String::new(),
        created: Default::default(),
        lang: boardpack_pdf::DEFAULT_LANG.into(),
        document_id: [7; 16],
    };
    let bytes = simple_document(
        "Estates options",
        vec![Block::para(
            "The Zorvathian site could be sold to fund the new wing; the figures follow.",
        )],
        &opts,
    )
    .unwrap();
    let path = dir.join("estates.pdf");
    std::fs::write(&path, bytes).unwrap();
    path
}

fn world() -> World {
    let (dir, app) = super::demo();
    let public = app.meetings().unwrap()[0].meeting.id;
    let tb = app.committee_by_code("TB").unwrap();
    let private = app
        .add_meeting(&NewMeeting {
            committee_id: tb.id,
            number: None,
            date: "2027-01-14".into(),
            start_time: "09:00".into(),
            end_time: "17:00".into(),
            venue: "Board Room".into(),
            chair_id: None,
            session: Session::Private,
        })
        .unwrap()
        .id;
    // Standing items need no papers here, so the private pack can be built.
    for row in app.agenda(private).unwrap().rows {
        app.update_item(&AgendaItem {
            paper_expected: false,
            ..row.item
        })
        .unwrap();
    }
    let item = app
        .add_item(&NewItem {
            meeting_id: private,
            parent_id: None,
            title: "Quillfeather estate disposal".into(),
            purpose: Purpose::Noting,
            lead: Lead::None,
            duration_minutes: 20,
            // The item's own flags say public and for the bulletin: the meeting's session
            // overrules them.
            session: Session::Public,
            private_reason: String::new(),
            confidential: false,
            for_bulletin: true,
            paper_expected: true,
        })
        .unwrap();
    let complete = app
        .agenda(public)
        .unwrap()
        .rows
        .iter()
        .flat_map(|r| r.papers.clone())
        .next()
        .unwrap()
        .paper
        .cover;
    let paper = app
        .add_paper(&NewPaper {
            item_id: item.id,
            title: "Estates options".into(),
            authors: "Director of Estates".into(),
            sponsor: "Chief Executive".into(),
            letter: String::new(),
            file: Some(paper_pdf(dir.path()).display().to_string()),
        })
        .unwrap();
    let mut cover = complete;
    cover.context = "The Marrowgate land has been valued.".into();
    app.update_paper(&PaperEdit {
        id: paper.id,
        title: paper.title,
        authors: "Director of Estates".into(),
        sponsor: "Chief Executive".into(),
        letter: String::new(),
        cover,
        received_on: String::new(),
    })
    .unwrap();
    app.save_minute(&Minute {
        item_id: item.id,
        discussion: "The Board discussed the Vintrelle offer at length.".into(),
        outcome: None,
        amendments: String::new(),
        resolutions: vec!["accept the Oskelund valuation".into()],
        actions: vec![Action {
            id: ActionId(uuid::Uuid::now_v7()),
            text: "Instruct Ochreline agents".into(),
            lead: "JAd".into(),
            due: chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
            status: ActionStatus::Open,
        }],
    })
    .unwrap();
    let room = app.room(private).unwrap();
    let member = room.members[0].person.id;
    app.declare(&Declaration {
        id: DeclarationId(uuid::Uuid::now_v7()),
        item_id: item.id,
        person_id: member,
        interest_id: None,
        text: "Trustee of the Wexcombe charity".into(),
        action: DeclarationAction::DeclarationOnly,
    })
    .unwrap();
    app.save_attendee(&Attendee {
        id: AttendeeId(uuid::Uuid::now_v7()),
        meeting_id: private,
        name: "Tamsin Yarrowby".into(),
        initials: String::new(),
        role: "Land agent".into(),
        note: String::new(),
        items: vec![],
        minute_taker: false,
    })
    .unwrap();
    // An action of the public meeting before, updated at the private one.
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 14).unwrap();
    let older = app
        .action_log(tb.id, today, boardpack::actions::LogFilter::All)
        .unwrap()
        .entries
        .into_iter()
        .find(|e| !e.private && e.meeting_id != private)
        .unwrap();
    app.update_action(&boardpack::actions::NewActionUpdate {
        action_id: older.action.id,
        status: ActionStatus::AtRisk,
        note: "Delayed by the Galloworth negotiation".into(),
        date: today,
        meeting_id: Some(private),
    })
    .unwrap();
    World {
        dir,
        app,
        public,
        private,
    }
}

/// Everything readable in a PDF: its text as pdftotext reads it, and its bytes with every
/// stream decompressed (bookmarks, metadata, annotations), strings in UTF-16 turned back
/// into text.
fn readable(path: &Path) -> String {
    let mut doc = lopdf::Document::load(path).unwrap();
    doc.decompress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let mut all = super::pdf_text(path, false);
    all.push_str(&String::from_utf8_lossy(&bytes));
    // Text strings, some in UTF-16BE (bookmark titles, document information).
    fn strings(object: &lopdf::Object, all: &mut String) {
        match object {
            lopdf::Object::String(..) => {
                if let Ok(text) = lopdf::decode_text_string(object) {
                    all.push('\n');
                    all.push_str(&text);
                }
            }
            lopdf::Object::Array(items) => items.iter().for_each(|o| strings(o, all)),
            lopdf::Object::Dictionary(d) => d.iter().for_each(|(_, o)| strings(o, all)),
            lopdf::Object::Stream(s) => s.dict.iter().for_each(|(_, o)| strings(o, all)),
            _ => {}
        }
    }
    for object in doc.objects.values() {
        strings(object, &mut all);
    }
    all
}

fn assert_none_of(what: &str, text: &str) {
    for word in SECRET {
        assert!(!text.contains(word), "{what} carries “{word}”");
    }
}

#[test]
fn a_public_pack_of_a_private_meeting_is_refused_with_a_sentence() {
    let w = world();
    let out = w.dir.path().join("public.pdf");
    let err = w
        .app
        .export_pack(w.private, true, &out, boardpack::today(), &mut |_| {})
        .unwrap_err();
    assert_eq!(err.code(), "private_meeting");
    assert_eq!(
        err.to_string(),
        "Trust Board – 14 January 2027 is held in private, so it has no public pack: nothing of a private meeting is published. Export the private version instead, or make the meeting public if it was set to private by mistake."
    );
    assert!(!out.exists());
    assert_eq!(
        w.app.pack_plan(w.private, true).unwrap_err().code(),
        "private_meeting"
    );
    // The private pack is still there for the Board, with everything in it.
    let private = w.dir.path().join("private.pdf");
    w.app
        .export_pack(w.private, false, &private, boardpack::today(), &mut |_| {})
        .unwrap();
    let text = readable(&private);
    // The agenda names the item by its paper's title ("Estates options").
    for word in ["Estates options", "Zorvathian", "Marrowgate"] {
        assert!(text.contains(word), "the private pack lacks {word}");
    }
}

#[test]
fn a_bulletin_of_a_private_meeting_is_refused_though_its_items_are_marked() {
    let w = world();
    let out = w.dir.path().join("bulletin.pdf");
    let err = w.app.export_bulletin(w.private, &out).unwrap_err();
    assert_eq!(err.code(), "private_meeting");
    assert!(
        err.to_string().starts_with(
            "Trust Board – 14 January 2027 is held in private, so it has no public bulletin"
        ),
        "{err}"
    );
    assert!(!out.exists());
    assert!(w.app.bulletin_plan(w.private).is_err());
}

#[test]
fn public_minutes_of_a_private_meeting_are_refused() {
    let w = world();
    let out = w.dir.path().join("minutes.pdf");
    let err = w.app.export_minutes(w.private, true, &out).unwrap_err();
    assert_eq!(err.code(), "private_meeting");
    assert!(err.to_string().contains("has no public minutes"), "{err}");
    assert!(!out.exists());
    // The minutes themselves are the Board's.
    w.app.export_minutes(w.private, false, &out).unwrap();
    let text = readable(&out);
    for word in [
        "Quillfeather",
        "Vintrelle",
        "Oskelund",
        "Ochreline",
        "Wexcombe",
        "Yarrowby",
    ] {
        assert!(text.contains(word), "the private minutes lack {word}");
    }
}

fn export_log(w: &World, public: bool, name: &str) -> String {
    let tb = w.app.committee_by_code("TB").unwrap();
    let out = w.dir.path().join(name);
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 20).unwrap();
    w.app
        .export_actions(
            tb.id,
            today,
            boardpack::actions::LogFilter::All,
            public,
            &out,
        )
        .unwrap();
    if name.ends_with(".csv") {
        std::fs::read_to_string(&out).unwrap()
    } else {
        readable(&out)
    }
}

#[test]
fn the_public_action_log_as_pdf_leaves_out_a_private_meetings_actions_and_updates() {
    let w = world();
    let full = export_log(&w, false, "all.pdf");
    assert!(full.contains("Ochreline") && full.contains("Galloworth"));
    let public = export_log(&w, true, "public.pdf");
    assert_none_of("the public action log (PDF)", &public);
    // The public meeting's actions are still there.
    assert!(public.contains("TB 26/"), "{public}");
}

#[test]
fn the_public_action_log_as_csv_leaves_out_a_private_meetings_actions_and_updates() {
    let w = world();
    let full = export_log(&w, false, "all.csv");
    assert!(full.contains("Ochreline") && full.contains("Galloworth"));
    let public = export_log(&w, true, "public.csv");
    assert_none_of("the public action log (CSV)", &public);
    assert!(public.lines().count() > 2, "{public}");
    // The on-screen log marks the private meeting's action private.
    let tb = w.app.committee_by_code("TB").unwrap();
    let log = w
        .app
        .action_log(
            tb.id,
            boardpack::today(),
            boardpack::actions::LogFilter::All,
        )
        .unwrap();
    assert!(log
        .entries
        .iter()
        .filter(|e| e.meeting_id == w.private)
        .all(|e| e.private));
}

/// Every public document Boardpack makes, of both meetings, and the committee's public
/// action log in both forms: none carries a word of the private meeting, by text
/// extraction or in the decompressed bytes. The refused ones leave no file.
#[test]
fn no_public_document_carries_a_word_of_a_private_meeting() {
    let w = world();
    let today = boardpack::today();
    let tb = w.app.committee_by_code("TB").unwrap();
    let mut written = Vec::new();
    for meeting in [w.public, w.private] {
        let pack = w.dir.path().join(format!("{meeting}-pack.pdf"));
        let bulletin = w.dir.path().join(format!("{meeting}-bulletin.pdf"));
        let minutes = w.dir.path().join(format!("{meeting}-minutes.pdf"));
        let results = [
            (
                pack.clone(),
                w.app
                    .export_pack(meeting, true, &pack, today, &mut |_| {})
                    .map(|_| ()),
            ),
            (
                bulletin.clone(),
                w.app.export_bulletin(meeting, &bulletin).map(|_| ()),
            ),
            (
                minutes.clone(),
                w.app.export_minutes(meeting, true, &minutes).map(|_| ()),
            ),
        ];
        for (path, result) in results {
            match result {
                Ok(()) => written.push(path),
                Err(e) => {
                    assert_eq!(meeting, w.private, "{e}");
                    assert_eq!(e.code(), "private_meeting");
                    assert!(!path.exists());
                }
            }
        }
    }
    for (filter, name) in [
        (boardpack::actions::LogFilter::All, "all"),
        (boardpack::actions::LogFilter::Open, "open"),
    ] {
        for ext in ["pdf", "csv"] {
            let out = w.dir.path().join(format!("actions-{name}.{ext}"));
            w.app
                .export_actions(tb.id, today, filter, true, &out)
                .unwrap();
            written.push(out);
        }
    }
    // The public meeting's pack, bulletin and minutes, and four action logs.
    assert_eq!(written.len(), 7, "{written:?}");
    for path in &written {
        let text = if path.extension().is_some_and(|e| e == "csv") {
            std::fs::read_to_string(path).unwrap()
        } else {
            super::assert_qpdf_accepts(path);
            readable(path)
        };
        assert!(text.len() > 500, "{} is nearly empty", path.display());
        assert_none_of(&path.display().to_string(), &text);
    }
}
