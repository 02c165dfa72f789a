//! The public bulletin of the demo meeting, written and read back: its list of reports with
//! lead contact points and telephones, the standard wording, the papers behind it with
//! bookmarks and page numbers, and nothing of the private item that is marked for it too.

use lopdf::{Document, Object};

use super::pack::built::{outline, page_numbers, pages_text};

/// The demo's private item (marked for the bulletin by mistake): every trace of it, from its
/// title, reason, lead, cover sheet and paper.
const PRIVATE: &[&str] = &[
    "car park",
    "Car park",
    "Calder",
    "decking",
    "6.85m",
    "Commercial in confidence",
    "Kirsty Lamb",
    "Award of contract",
];

fn export() -> (tempfile::TempDir, boardpack::Boardpack, std::path::PathBuf) {
    // On a fixed clock: a document records when it was made, so builds compare byte for byte.
    let (dir, app) = super::demo_on(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let out = dir.path().join("bulletin.pdf");
    let report = app.export_bulletin(meeting, &out).unwrap();
    assert_eq!(report.bytes, std::fs::metadata(&out).unwrap().len());
    assert_eq!(report.lines.len(), 2);
    (dir, app, out)
}

/// All of a file's text, words joined by single spaces.
fn words(pages: &[String]) -> String {
    pages
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_demo_bulletin_lists_its_reports_and_attaches_the_public_papers() {
    let (_dir, app, out) = export();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let plan = app.bulletin_plan(meeting).unwrap();
    let pages = pages_text(&out);
    let text = words(&pages);
    for needle in [
        "RIVERSIDE UNIVERSITY HOSPITALS NHS TRUST",
        "Trust Board Bulletin – 3 December 2026",
        "The following reports are attached to this Bulletin as items for noting, and are circulated to Trust Board members and recipients of public Trust Board papers accordingly:",
        // Line 1: the paper's title carries its date; the lead's role on the Board and phone.
        "People, Process and Performance Committee – chair's report, 20 November 2026 – Lead contact point Bridget Okafor, Non-Executive Director (0161 496 0150) – paper 1.",
        // Line 2 wraps at the hyphen of "Non-Executive": checked either side of it.
        "Audit Committee minutes (12 November 2026) – Lead contact point Tim O’Neill, Non-",
        "Executive Director and Audit Committee Chair (0161 496 0149) – paper 2.",
        // The default wording, with the meeting put in.
        "It is intended that these papers will not be discussed at the formal Trust Board meeting on 3 December 2026, unless members wish to raise specific points on the reports.",
        "Any queries should be directed to the specified lead contact point in the first instance.",
        "with the prior agreement of the Chair.",
        // Each paper's own text.
        "The Freedom to Speak Up report showed 41 concerns raised in the quarter",
        "Kestrel Audit LLP presented its plan for the audit of the 2026/27 accounts",
    ] {
        assert!(text.contains(needle), "the bulletin lacks {needle:?}:\n{text}");
    }
    // Nothing of the private item, though it is marked for the bulletin; nor the public
    // papers that are not marked.
    let private = app
        .agenda(meeting)
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.item.title.contains("car park"))
        .unwrap();
    assert!(private.item.for_bulletin && private.item.session == boardpack_core::Session::Private);
    for needle in PRIVATE
        .iter()
        .chain(&["Chief Executive's monthly update", "Winter plan"])
    {
        assert!(!text.contains(needle), "the bulletin mentions {needle:?}");
    }
    let raw = std::fs::read(&out).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    assert!(!raw.contains("car park") && !raw.contains("Calder"));

    // Page numbers and footers, as the pack's.
    let total = plan.pages.total_pages;
    assert_eq!(total, 3);
    for (k, page) in pages.iter().take(total).enumerate() {
        assert!(
            page.contains(&format!("Page {} of {total}", k + 1)),
            "page {}",
            k + 1
        );
        // One footer: the papers carry no page numbers of their own besides the pack's.
        assert_eq!(page.matches("Page ").count(), 1, "page {}: {page}", k + 1);
    }
    assert!(pages[0].contains("Trust Board · 3 December 2026 · Bulletin · Page 1 of 3"));
    assert!(pages[2].contains("Trust Board · 3 December 2026 · Bulletin paper 2 · Page 3 of 3"));

    // Bookmarks: the bulletin, then each paper, the paper's own bookmarks beneath.
    let doc = Document::load(&out).unwrap();
    let numbers = page_numbers(&doc);
    assert_eq!(numbers.len(), total);
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut marks = Vec::new();
    outline(
        &doc,
        outlines.get(b"First").and_then(Object::as_reference).ok(),
        &numbers,
        0,
        &mut marks,
    );
    let top: Vec<(String, u32)> = marks
        .iter()
        .filter(|(depth, ..)| *depth == 0)
        .map(|(_, title, page)| (title.clone(), *page))
        .collect();
    assert_eq!(
        top,
        [
            ("Bulletin".to_string(), 1),
            (
                "Paper 1 – People, Process and Performance Committee – chair's report, 20 November 2026".into(),
                2
            ),
            ("Paper 2 – Audit Committee minutes".into(), 3),
        ]
    );
    assert!(
        marks.contains(&(1, "3. External audit plan 2026/27".into(), 3)),
        "the paper's own bookmarks are adopted: {marks:?}"
    );

    super::assert_qpdf_accepts(&out);
}

#[test]
fn the_same_meeting_gives_the_same_bytes() {
    let (dir, app, out) = export();
    let first = std::fs::read(&out).unwrap();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    // Again with what the first build cached, and after a pack build used the cache.
    app.export_pack(
        meeting,
        true,
        &dir.path().join("pack.pdf"),
        boardpack::today(),
        &mut |_| {},
    )
    .unwrap();
    let again = dir.path().join("again.pdf");
    app.export_bulletin(meeting, &again).unwrap();
    assert!(
        std::fs::read(&again).unwrap() == first,
        "a rebuild changed the bytes"
    );
    let (_d2, _a2, fresh) = export();
    assert!(
        std::fs::read(fresh).unwrap() == first,
        "another database gave other bytes"
    );
}

#[test]
fn a_meeting_with_nothing_for_the_bulletin_writes_no_file() {
    let (dir, app) = super::demo();
    let board = app.committee_by_code("TB").unwrap();
    let meeting = app
        .add_meeting(&boardpack_core::meeting::NewMeeting {
            committee_id: board.id,
            number: None,
            date: "2027-01-14".into(),
            start_time: "09:30".into(),
            end_time: String::new(),
            venue: String::new(),
            chair_id: None,
            session: boardpack_core::Session::Public,
        })
        .unwrap();
    let out = dir.path().join("bulletin.pdf");
    let err = app.export_bulletin(meeting.id, &out).unwrap_err();
    assert_eq!(err.code(), "bulletin_not_ready");
    assert_eq!(
        err.to_string(),
        "Nothing is marked for the bulletin at Trust Board – 14 January 2027: tick “For the bulletin” on the public items to include."
    );
    assert!(!out.exists());
    assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .contains("boardpack-pack")));
    let err = app
        .export_bulletin(meeting.id, &dir.path().join("no such folder").join("b.pdf"))
        .unwrap_err();
    assert_eq!(err.code(), "folder_missing");
}

#[test]
fn a_bulletin_is_offered_under_the_committee_and_date() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    assert_eq!(
        app.bulletin_file_name(meeting).unwrap(),
        "Trust Board 2026-12-03 bulletin.pdf"
    );
    // Its wording is the organisation's that holds the meeting.
    assert_eq!(
        app.meeting_organisation(meeting).unwrap().name,
        "Riverside University Hospitals NHS Trust"
    );
}
