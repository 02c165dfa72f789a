//! The agenda and papers journey: a secretary opens a meeting, adds an item, moves it by
//! keyboard (the numbers follow the library's answer and the new number is read out), adds
//! a paper, attaches its PDF by path, fills the cover sheet in the form, saves with Ctrl+S,
//! and the readiness list loses the problems that were put right. Checked afterwards
//! through the library.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use boardpack::risks::NewRisk;
use boardpack_core::meeting::NewMeeting;
use boardpack_core::paper::{Answer, NextPaper, ObjectiveEntry};
use boardpack_core::risk::RiskRegister;
use boardpack_core::Session;
use fantoccini::key::Key;

use crate::driver::{with_app, Window};
use crate::{board_with_chair, TempDb};

/// A real four-page PDF from the shared corpus, found from this package's folder.
fn corpus_pdf() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/realworld/004-pdflatex-4-pages_pdflatex-4-pages.pdf")
}

/// The agenda number the row of item `id` shows, once it shows `wanted`.
async fn wait_for_number(w: &Window, id: &str, wanted: &str) {
    let start = Instant::now();
    loop {
        let rows = w
            .find_all(&format!("[data-testid=agenda-row][data-item-id=\"{id}\"]"))
            .await;
        let seen = match rows.first() {
            Some(row) => row.attr("data-number").await.ok().flatten(),
            None => None,
        };
        if seen.as_deref() == Some(wanted) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "item {id} never became number {wanted}; last seen {seen:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn an_item_is_added_moved_by_keyboard_and_its_paper_made_ready() {
    let db = TempDb::new();
    let committee = board_with_chair(&db);
    let app = db.open();
    let org = committee.organisation_id;
    app.set_objectives(
        org,
        &[ObjectiveEntry {
            id: None,
            heading: String::new(),
            text: "Safe, high quality, patient centred healthcare".into(),
        }],
    )
    .expect("an objective");
    app.add_risk(&NewRisk {
        organisation_id: org,
        register: RiskRegister::Baf,
        reference: "PR 1".into(),
        title: "There is a risk that ambulance handover delays harm patients".into(),
        current_rating: 16,
        target_rating: 8,
        owner: "Chief Operating Officer".into(),
    })
    .expect("a BAF risk");
    let meeting = app
        .add_meeting(&NewMeeting {
            committee_id: committee.id,
            number: None,
            date: "2031-03-05".into(),
            start_time: "09:30".into(),
            end_time: "12:30".into(),
            venue: "Boardroom".into(),
            chair_id: None,
            session: Session::Public,
        })
        .expect("a meeting");
    let standing = app.agenda(meeting.id).expect("the agenda").rows;
    // The new item goes before the closing standing items (any other business, next meeting).
    let closing = standing
        .iter()
        .filter(|r| r.item.standing.is_some_and(|k| k.closes()))
        .count();
    let added_number = (standing.len() - closing + 1).to_string();
    let above_number = (standing.len() - closing).to_string();
    let pdf = corpus_pdf();
    assert!(pdf.is_file(), "the corpus file is at {}", pdf.display());
    let pdf_path = pdf.display().to_string();
    let meeting_id = meeting.id.to_string();
    drop(app);

    let expected_number = added_number.clone();
    let item_id = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let item_out = item_id.clone();
    with_app("agenda", &db.path, move |w| async move {
        // Open the meeting from the list.
        w.click(&format!(
            "[data-meeting-id=\"{meeting_id}\"] [data-testid=meeting-title]"
        ))
        .await;
        w.wait_for_text("#meeting-heading", "Trust Board – 5 March 2031")
            .await;
        assert_eq!(
            w.find_all("[data-testid=agenda-row]").await.len(),
            standing.len()
        );
        w.wait_for_text("#readiness", "Readiness").await;
        w.keep_screenshot("agenda-meeting-page").await;

        // Add an item through the form.
        w.click("#add-item-button").await;
        w.fill("#item-title", "Chief Executive's report").await;
        w.fill("#item-minutes", "20").await;
        w.select("#item-purpose", "assurance").await;
        w.keep_screenshot("agenda-add-item").await;
        w.press_enter("#item-title").await;
        w.wait_for_text(
            "#meeting-notice",
            &format!("Item {added_number} added: Chief Executive's report."),
        )
        .await;
        let id = w
            .run_js("return document.activeElement.dataset.itemId || '';")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(!id.is_empty(), "the new item's row has the focus");
        *item_out.lock().expect("the lock") = id.clone();
        let row = format!("[data-testid=agenda-row][data-item-id=\"{id}\"]");
        wait_for_number(&w, &id, &added_number).await;

        // Alt+Up moves it above the item before it; the new number is read out.
        w.chord(&row, &[Key::Alt, Key::Up], "").await;
        wait_for_number(&w, &id, &above_number).await;
        w.wait_for_text(
            "#move-status",
            &format!("“Chief Executive's report” is now item {above_number}."),
        )
        .await;
        assert_eq!(
            w.run_js("return document.activeElement.dataset.itemId || '';")
                .await,
            serde_json::Value::String(id.clone()),
            "the moved row keeps the focus"
        );
        // Alt+Right makes it a sub-item of the item above; Alt+Left brings it back out.
        let below = (standing.len() - closing - 1).to_string();
        w.chord(&row, &[Key::Alt, Key::Right], "").await;
        wait_for_number(&w, &id, &format!("{below}.1")).await;
        w.wait_for_text("#move-status", &format!("is now item {below}.1."))
            .await;
        w.keep_screenshot("agenda-indented").await;
        w.chord(&row, &[Key::Alt, Key::Left], "").await;
        wait_for_number(&w, &id, &above_number).await;
        // Alt+Down puts it back where it was added.
        w.chord(&row, &[Key::Alt, Key::Down], "").await;
        wait_for_number(&w, &id, &added_number).await;
        w.keep_screenshot("agenda-moved").await;

        // Add a paper: the editor opens, and the readiness list asks for its document.
        w.click(&format!("{row} [data-testid=add-paper]")).await;
        w.find("#paper-editor").await;
        w.wait_for_text("#readiness", "has no document attached")
            .await;
        w.wait_for_text(
            "#readiness",
            "the cover sheet's executive summary: context is empty",
        )
        .await;

        // Attach the PDF through the path field (the native dialog is not drivable).
        w.fill("#document-path", &pdf_path).await;
        w.click("#attach-path-button").await;
        w.wait_for_text("[data-testid=paper-document]", "4 pages")
            .await;
        w.wait_for_text("[data-testid=paper-compliance]", "4 pages — complies")
            .await;
        w.run_js("document.querySelector('main.content').scrollTop = 0;")
            .await;
        w.keep_screenshot("agenda-paper-attached").await;
        // Only the panes scroll: nothing in the long form lengthens the window itself.
        assert_eq!(
            w.run_js("return document.scrollingElement.scrollHeight <= window.innerHeight;")
                .await,
            true,
            "the window itself does not scroll"
        );

        // Fill the cover sheet.
        w.fill("#paper-authors", "John Adler and Stephen Ward")
            .await;
        w.fill("#paper-sponsor", "John Adler").await;
        w.fill(
            "#cover-context",
            "The Chief Executive's monthly update report to the Trust Board is attached.",
        )
        .await;
        w.click("#add-question").await;
        w.fill(
            "#cover-question-0",
            "Does the Trust Board have any questions or comments about our performance?",
        )
        .await;
        w.fill(
            "#cover-conclusion",
            "The Trust Board is asked to consider and comment upon the issues identified.",
        )
        .await;
        w.fill(
            "#cover-input",
            "We would welcome the Board's input regarding the content of this report.",
        )
        .await;
        w.click("[data-testid=objective-yes]").await;
        w.click("#gov-risk_register-no").await;
        w.fill("#gov-risk_register-reason", "Current risk rating is low")
            .await;
        w.click("#gov-baf-yes").await;
        w.click("[data-testid=governance-baf] .risk-option input")
            .await;
        w.fill("#cover-ppi", "N/A").await;
        w.fill("#cover-eia", "N/A").await;
        w.click("#next-meeting").await;
        w.fill("#next-meeting-value", "April 2031 Trust Board")
            .await;
        w.wait_for_text("#save-state", "Unsaved changes").await;
        w.keep_screenshot("agenda-cover-sheet").await;

        // Ctrl+S saves; the cover-sheet and document problems leave the readiness list.
        w.chord("#cover-eia", &[Key::Control], "s").await;
        w.wait_for_text("#save-state", "All changes saved").await;
        w.wait_for_text("#paper-notice", "Saved paper A").await;
        w.wait_until(
            "the readiness list has no problem about the paper's cover sheet or document",
            "const t = document.getElementById('readiness').innerText;
             return !t.includes(\"cover sheet's\") && !t.includes('no document attached');",
        )
        .await;
        w.keep_screenshot("agenda-readiness-after-save").await;

        // Back to the agenda: the row lists Paper A with its pages.
        w.click("#paper-back").await;
        w.wait_for_text(&format!("{row} [data-testid=paper-link]"), "Paper A")
            .await;
        w.keep_screenshot("agenda-with-paper").await;
    })
    .await;

    // Saved through the library as the window showed it.
    let app = db.open();
    let id = item_id.lock().expect("the lock").clone();
    let view = app.agenda(meeting.id).expect("the agenda");
    let row = view
        .rows
        .iter()
        .find(|r| r.item.id.to_string() == id)
        .expect("the item is on the agenda");
    assert_eq!(row.slot.number, expected_number);
    assert_eq!(row.item.duration_minutes, 20);
    assert_eq!(row.papers.len(), 1);
    let paper = &row.papers[0].paper;
    assert_eq!(paper.authors, "John Adler and Stephen Ward");
    assert_eq!(paper.document.as_ref().map(|d| d.pages), Some(4));
    assert_eq!(paper.cover.questions.len(), 1);
    assert_eq!(paper.cover.baf.answer, Some(Answer::Yes));
    assert_eq!(paper.cover.baf.risks.len(), 1);
    assert_eq!(paper.cover.risk_register.answer, Some(Answer::No));
    assert_eq!(
        paper.cover.next_paper,
        NextPaper::Meeting {
            meeting: "April 2031 Trust Board".into()
        }
    );
    let ready = app
        .readiness(meeting.id, boardpack::today())
        .expect("readiness");
    assert!(
        !ready.problems.iter().any(|p| p.paper_id == Some(paper.id)
            && p.severity == boardpack_core::readiness::Severity::Blocking),
        "no blocking problem left on the paper: {:?}",
        ready.problems
    );
}

#[tokio::test]
async fn the_demo_meeting_opens_with_its_papers_and_a_paper_opens_with_nothing_unsaved() {
    let db = TempDb::new();
    let app = db.open();
    let meeting = app.load_demo().expect("the demo loads");
    let view = app.agenda(meeting).expect("the agenda");
    let (row, paper) = view
        .rows
        .iter()
        .find_map(|r| r.papers.first().map(|p| (r.clone(), p.clone())))
        .expect("the demo has papers");
    let objectives = app
        .objectives(view.committee.organisation_id)
        .expect("objectives")
        .len();
    let meeting_id = meeting.to_string();
    let rows = view.rows.len();
    drop(app);

    with_app("demo-agenda", &db.path, move |w| async move {
        w.click(&format!(
            "[data-meeting-id=\"{meeting_id}\"] [data-testid=meeting-title]"
        ))
        .await;
        w.wait_for_text("#meeting-heading", &view.meeting.title).await;
        assert_eq!(w.find_all("[data-testid=agenda-row]").await.len(), rows);
        w.keep_screenshot("demo-agenda").await;

        let link = format!("[data-testid=paper-link][data-paper-id=\"{}\"]", paper.paper.id);
        w.wait_for_text(&link, &format!("Paper {}", paper.letter))
            .await;
        w.click(&link).await;
        w.wait_for_text("#paper-heading", &paper.paper.title).await;
        w.find("#paper-form").await;
        // Every objective is answered, and a paper just opened has nothing unsaved.
        assert_eq!(
            w.find_all("#paper-form input[name^=obj-]:checked").await.len(),
            objectives
        );
        assert_eq!(w.text("#save-state").await, "All changes saved");
        w.keep_screenshot("demo-paper").await;

        // Escape goes back to the agenda, with the focus on the paper's item.
        w.press("#paper-title", Key::Escape).await;
        w.wait_until(
            "the agenda is back with the focus on the item",
            &format!(
                "return !!document.activeElement && document.activeElement.dataset.itemId === '{}';",
                row.item.id
            ),
        )
        .await;
    })
    .await;
}
