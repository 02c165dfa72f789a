//! What the window shows when it opens: on an empty database the first-run setup, with
//! the demo one click away (and loading it fills the lists); on a file that is not a
//! Boardpack database it still opens and shows the library's sentence instead of crashing.

use boardpack::{Boardpack, ErrorReport};

use crate::driver::with_app;
use crate::{open, TempDb};

#[tokio::test]
async fn an_empty_database_opens_on_the_setup_and_offers_the_demo() {
    let db = TempDb::new();
    let path = db.path.clone();

    with_app("demo", &db.path, move |w| async move {
        w.wait_for_text("#first-run", "Set up Boardpack").await;
        w.wait_for_text("#first-run", "Load demo meeting").await;
        // The content security policy holds: the page cannot turn strings into code.
        let eval = w
            .run_js("try { eval('1 + 1'); return 'allowed'; } catch (e) { return e.name; }")
            .await;
        assert_eq!(eval, "EvalError", "eval is refused by the CSP");
        let new_meeting = w.find("#new-meeting-button").await;
        assert!(
            !new_meeting.is_enabled().await.expect("enabled state"),
            "no committee yet"
        );
        w.keep_screenshot("empty-database").await;

        w.click("#load-demo-empty").await;
        w.wait_for_text("#notice", "Demo loaded").await;

        // The lists show what the library now holds.
        let app = open(&path);
        let committees = app.committees().expect("committees");
        let meetings = app.meetings().expect("meetings");
        assert!(
            !committees.is_empty() && !meetings.is_empty(),
            "the demo has data"
        );
        assert_eq!(
            w.find_all("[data-testid=committee-row]").await.len(),
            committees.len()
        );
        assert_eq!(
            w.find_all("[data-testid=meeting-row]").await.len(),
            meetings.len()
        );
        let first = &meetings[0];
        let row = w
            .text(&format!("[data-meeting-id=\"{}\"]", first.meeting.id))
            .await;
        assert!(
            row.contains(&first.title) && row.contains(&first.committee_code),
            "{row}"
        );

        // Choosing the demo meeting's committee shows its members, chair first.
        let board = committees
            .iter()
            .find(|c| c.committee.id == first.meeting.committee_id)
            .expect("the meeting's committee is listed");
        let members = app.members(board.committee.id).expect("members");
        w.click(&format!(
            "[data-testid=committee-row][data-code=\"{}\"]",
            board.committee.code
        ))
        .await;
        if let Some(chair) = members.first() {
            w.wait_for_text("[data-testid=member-list]", &chair.person.name)
                .await;
        }
        // The toolbar's demo button is still there, and loading again changes nothing.
        w.click("#load-demo-button").await;
        w.wait_for_text("#notice", "Demo loaded").await;
        assert_eq!(
            open(&path).meetings().expect("meetings").len(),
            meetings.len()
        );
        w.keep_screenshot("demo-loaded").await;
    })
    .await;
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_explained_in_the_window() {
    let db = TempDb::new();
    let junk = b"These are the minutes, typed into the wrong file.\n".repeat(20);
    std::fs::write(&db.path, &junk).expect("the junk file is written");
    let expected =
        ErrorReport::from(Boardpack::open(&db.path).expect_err("not a database")).message;

    with_app("not-a-database", &db.path, move |w| async move {
        let shown = w.wait_for_text("#load-error", &expected).await;
        assert!(
            shown.contains("Boardpack cannot show this database"),
            "{shown}"
        );
        for button in ["#new-meeting-button", "#load-demo-button"] {
            let enabled = w
                .find(button)
                .await
                .is_enabled()
                .await
                .expect("enabled state");
            assert!(
                !enabled,
                "{button} is disabled while the database cannot be read"
            );
        }
        w.keep_screenshot("not-a-database").await;
    })
    .await;

    assert_eq!(
        std::fs::read(&db.path).expect("still there"),
        junk,
        "the file is untouched"
    );
}
