//! The New meeting journey: a secretary fills the form and presses Enter, and the meeting
//! is in the list, in the database and in `boardpack meetings`; a date that does not exist
//! is refused with the core's own sentence and nothing is saved.

use std::process::Command;

use boardpack_core::meeting::NewMeeting;
use boardpack_core::{MeetingStatus, Session};
use boardpack_e2e::cli_binary;
use fantoccini::key::Key;

use crate::driver::with_app;
use crate::{board_with_chair, open, TempDb};

#[tokio::test]
async fn a_meeting_made_in_the_form_is_listed_saved_and_seen_by_the_cli() {
    let db = TempDb::new();
    let committee = board_with_chair(&db);
    let path = db.path.clone();
    let committee_id = committee.id.to_string();

    with_app("new-meeting", &db.path, move |w| async move {
        assert_eq!(w.title().await, "Boardpack");
        assert_eq!(w.text("#db-path").await, path.display().to_string());
        // The sidebar shows the committee with its code and size.
        let row = w.text("[data-testid=committee-row][data-code=TB]").await;
        assert!(
            row.contains("Trust Board") && row.contains("1 member"),
            "{row}"
        );
        w.wait_for_text("#no-meetings", "No meetings yet").await;

        w.click("#new-meeting-button").await;
        w.select("#nm-committee", &committee_id).await;
        w.fill("#nm-date", "2031-03-05").await;
        w.fill("#nm-start", "09:30").await;
        w.fill("#nm-end", "12:45").await;
        w.click("#nm-session-private").await;
        w.fill("#nm-venue", "Boardroom, Northfield General Hospital")
            .await;
        w.keep_screenshot("new-meeting-form").await;
        w.press_enter("#nm-venue").await;

        w.wait_for_text(
            "#notice",
            "Meeting created: Trust Board – 5 March 2031 (meeting 1).",
        )
        .await;
        let rows = w.find_all("[data-testid=meeting-row]").await;
        assert_eq!(rows.len(), 1, "one meeting in the list");
        let row = w.text("[data-testid=meeting-row]").await;
        for wanted in [
            "Wed 5 Mar 2031",
            "09:30–12:45",
            "Trust Board – 5 March 2031",
            "TB",
            "Private",
            "Planning",
        ] {
            assert!(row.contains(wanted), "the row shows {wanted:?}: {row}");
        }
        assert!(
            w.find_all("#new-meeting-form").await.is_empty(),
            "the form closed"
        );
        w.keep_screenshot("new-meeting-created").await;
    })
    .await;

    // Saved, with what was typed, through the library…
    let meetings = db.open().meetings().expect("the meetings are listed");
    assert_eq!(meetings.len(), 1);
    let m = &meetings[0].meeting;
    assert_eq!(m.committee_id, committee.id);
    assert_eq!(m.date.to_string(), "2031-03-05");
    assert_eq!(
        m.start_time.map(|t| t.to_string()).as_deref(),
        Some("09:30:00")
    );
    assert_eq!(
        m.end_time.map(|t| t.to_string()).as_deref(),
        Some("12:45:00")
    );
    assert_eq!(m.venue, "Boardroom, Northfield General Hospital");
    assert_eq!(m.session, Session::Private);
    assert_eq!(m.status, MeetingStatus::Planning);
    assert_eq!(m.number, 1);
    assert_eq!(meetings[0].chair_name.as_deref(), Some("Margaret Okafor"));

    // …and as the `boardpack` command lists it.
    let out = Command::new(cli_binary())
        .arg("--db")
        .arg(&db.path)
        .arg("meetings")
        .env_remove("BOARDPACK_DB")
        .output()
        .expect("boardpack runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "boardpack meetings failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout.trim_end(),
        format!("{}\tTB\t2031-03-05\tTrust Board – 5 March 2031", m.id),
        "boardpack meetings"
    );
}

#[tokio::test]
async fn a_date_that_does_not_exist_is_refused_with_a_sentence_and_nothing_is_saved() {
    let db = TempDb::new();
    let committee = board_with_chair(&db);
    // The sentence the core gives for this date: the window must show exactly it.
    let expected = NewMeeting {
        committee_id: committee.id,
        number: None,
        date: "2031-02-30".into(),
        start_time: String::new(),
        end_time: String::new(),
        venue: String::new(),
        chair_id: None,
        session: Session::Public,
    }
    .validate()
    .expect_err("30 February is refused")
    .to_string();

    with_app("invalid-date", &db.path, move |w| async move {
        w.click("#new-meeting-button").await;
        w.fill("#nm-date", "2031-02-30").await;
        w.click("#nm-submit").await;
        let shown = w.wait_for_text("#nm-error", &expected).await;
        assert_eq!(shown.trim(), expected);
        // The form stays open with what was typed, so it can be corrected.
        let date = w
            .find("#nm-date")
            .await
            .prop("value")
            .await
            .expect("the date field's value");
        assert_eq!(date.as_deref(), Some("2031-02-30"));
        assert!(w.find_all("[data-testid=meeting-row]").await.is_empty());
        w.keep_screenshot("invalid-date").await;

        // A number that is not a number is caught before it is sent.
        w.fill("#nm-date", "2031-02-28").await;
        w.fill("#nm-number", "twelve").await;
        w.press_enter("#nm-number").await;
        w.wait_for_text("#nm-error", "“twelve” is not a meeting number")
            .await;

        // Escape closes the form and gives the focus back to the button that opened it.
        w.press("#nm-number", Key::Escape).await;
        let start = std::time::Instant::now();
        while !w.find_all("#new-meeting-form").await.is_empty() {
            assert!(start.elapsed().as_secs() < 10, "Escape closes the form");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(w.focused_id().await, "new-meeting-button");
        let ring = w
            .run_js("return document.activeElement.matches(':focus-visible');")
            .await;
        assert_eq!(ring, true, "the focus ring is shown");
        w.keep_screenshot("focus-after-escape").await;
    })
    .await;

    assert!(
        open(&db.path).meetings().expect("listed").is_empty(),
        "nothing was saved"
    );
}
