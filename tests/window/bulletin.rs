//! Exporting the public bulletin from the meeting page, as a user does: set the
//! organisation's standard wording in the bulletin panel (an unknown placeholder is refused
//! with the library's sentence), type where to save, press Export, read the lines the result
//! lists. The file is then checked outside the app: lopdf counts its pages, and `pdftotext`
//! finds the title, each line with its telephone and paper number, the wording with the
//! meeting put in, the papers' own text, and nothing of the demo's private item (which is
//! marked for the bulletin by mistake).

use std::sync::{Arc, Mutex};

use boardpack_core::meeting::NewMeeting;
use boardpack_core::Session;
use fantoccini::key::Key;

use crate::driver::with_app;
use crate::pack::{open_meeting, page_count, pdf_text, wait_for_value};
use crate::TempDb;

/// The wording typed into the panel: two paragraphs, with placeholders.
const WORDING: &str = "It is intended that these papers will not be discussed at the formal {committee} meeting on {date}, unless members wish to raise specific points on the reports.\nThis approach was agreed by the {committee} on 10 June 2004 (point 7 of paper Q).";

/// The words of a text, joined by single spaces (pdftotext breaks lines where the PDF does).
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_public_bulletin_is_exported_from_the_meeting_page() {
    let db = TempDb::new();
    let app = db.open();
    let meeting = app.load_demo().expect("the demo loads");
    let organisation = app.organisations().expect("the organisations")[0].id;
    drop(app);
    let folder = tempfile::tempdir().expect("a temp folder");
    let out = folder.path().join("Trust Board bulletin.pdf");
    let target = out.clone();
    let seen = Arc::new(Mutex::new((0usize, String::new())));
    let kept = seen.clone();

    with_app("bulletin", &db.path, move |w| async move {
        open_meeting(&w, meeting).await;
        w.find("#bulletin-export [data-testid=bulletin-export-panel]")
            .await;
        // The field offers the bulletin's usual name.
        wait_for_value(&w, "#bulletin-path", "Trust Board 2026-12-03 bulletin.pdf").await;

        // The organisation's standard wording: a mistake first, then the real thing.
        w.click("#bulletin-wording-details summary").await;
        w.fill("#bulletin-wording", "Discussed on {day}.").await;
        w.click("#bulletin-wording-save").await;
        w.wait_for_text(
            "[data-testid=bulletin-wording-error]",
            "The bulletin wording uses “{day}”, which Boardpack does not know",
        )
        .await;
        // Typed as a user types it: Enter between the paragraphs.
        let typed = WORDING.replace('\n', &char::from(Key::Enter).to_string());
        w.fill("#bulletin-wording", &typed).await;
        w.click("#bulletin-wording-save").await;
        w.wait_for_text(
            "[data-testid=bulletin-wording-status]",
            "Saved: bulletins use this wording.",
        )
        .await;

        w.fill("#bulletin-path", &target.display().to_string()).await;
        w.click("#bulletin-path-export").await;
        let summary = w
            .wait_for_text(
                "#bulletin-result [data-testid=bulletin-result-summary]",
                "Wrote ",
            )
            .await;
        assert!(
            summary.contains(&target.display().to_string()),
            "the result names the file: {summary}"
        );
        assert_eq!(
            w.focused_id().await,
            "bulletin-result",
            "the focus moves to the result"
        );
        let lines = w.text("[data-testid=bulletin-lines]").await;
        assert!(
            lines.contains("People, Process and Performance Committee – chair's report, 20 November 2026 – Lead contact point Bridget Okafor, Non-Executive Director (0161 496 0150) – paper 1"),
            "{lines}"
        );
        assert!(
            lines.contains("Audit Committee minutes (12 November 2026) – Lead contact point Tim O’Neill, Non-Executive Director and Audit Committee Chair (0161 496 0149) – paper 2"),
            "{lines}"
        );
        assert!(!lines.to_lowercase().contains("car park"), "{lines}");
        w.keep_screenshot("bulletin").await;
        // "Wrote 3 pages (120 KB) to …"
        let pages = summary
            .split_whitespace()
            .nth(1)
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no page count in {summary:?}"));
        *kept.lock().expect("not poisoned") = (pages, lines);
    })
    .await;

    let (pages, _) = seen.lock().expect("not poisoned").clone();
    assert_eq!(
        page_count(&out),
        pages,
        "the window's page count is the file's"
    );
    let text = words(&pdf_text(&out));
    for needle in [
        "RIVERSIDE UNIVERSITY HOSPITALS NHS TRUST",
        "Trust Board Bulletin – 3 December 2026",
        "Lead contact point Bridget Okafor, Non-Executive Director (0161 496 0150) – paper 1.",
        "Audit Committee Chair (0161 496 0149) – paper 2.",
        // The wording as typed, with the meeting put in.
        "It is intended that these papers will not be discussed at the formal Trust Board meeting on 3 December 2026, unless members wish to raise specific points on the reports.",
        "This approach was agreed by the Trust Board on 10 June 2004 (point 7 of paper Q).",
        // The papers behind the list.
        "The Freedom to Speak Up report showed 41 concerns raised in the quarter",
        "Kestrel Audit LLP presented its plan",
        &format!("Bulletin paper 2 · Page {pages} of {pages}"),
    ] {
        assert!(text.contains(needle), "the bulletin lacks {needle:?}: {text}");
    }
    for needle in [
        "car park",
        "calder",
        "decking",
        "commercial in confidence",
        "kirsty lamb",
    ] {
        assert!(
            !text.to_lowercase().contains(needle),
            "the bulletin holds {needle:?} of the private item"
        );
    }
    // The wording was saved for the organisation, as typed.
    let app = db.open();
    let saved = app
        .organisations()
        .expect("the organisations")
        .into_iter()
        .find(|o| o.id == organisation)
        .expect("the demo's organisation");
    assert_eq!(saved.bulletin_wording, WORDING);
}

#[tokio::test]
async fn a_meeting_with_nothing_for_the_bulletin_says_what_to_do() {
    let db = TempDb::new();
    let app = db.open();
    app.load_demo().expect("the demo loads");
    let board = app.committee_by_code("TB").expect("the demo's board");
    let meeting = app
        .add_meeting(&NewMeeting {
            committee_id: board.id,
            number: None,
            date: "2027-01-14".into(),
            start_time: "09:30".into(),
            end_time: String::new(),
            venue: String::new(),
            chair_id: None,
            session: Session::Public,
        })
        .expect("the meeting is added")
        .id;
    drop(app);
    let folder = tempfile::tempdir().expect("a temp folder");
    let out = folder.path().join("empty bulletin.pdf");
    let target = out.clone();

    with_app("bulletin-empty", &db.path, move |w| async move {
        open_meeting(&w, meeting).await;
        w.fill("#bulletin-path", &target.display().to_string()).await;
        w.press_enter("#bulletin-path").await;
        w.wait_for_text(
            "#bulletin-error",
            "Nothing is marked for the bulletin at Trust Board – 14 January 2027: tick “For the bulletin” on the public items to include.",
        )
        .await;
        assert_eq!(
            w.focused_id().await,
            "bulletin-error",
            "the focus moves to the error"
        );
        w.keep_screenshot("bulletin-empty").await;
    })
    .await;
    assert!(!out.exists(), "no file is written");
}
