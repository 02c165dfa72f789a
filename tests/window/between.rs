//! Between meetings, in the window: on the demo's December meeting, the action log shows
//! November's actions still in hand; the secretary records an update (and is told a closure
//! needs its reason), then exports the log as CSV. Checked afterwards through the library.

use boardpack::actions::LogFilter;
use boardpack_core::actions::ActionStatus;

use crate::driver::with_app;
use crate::TempDb;

#[tokio::test]
async fn the_secretary_updates_an_action_and_exports_the_log() {
    let db = TempDb::new();
    let app = db.open();
    let meeting = app.load_demo().expect("the demo loads");
    let committee = app
        .meeting(meeting)
        .expect("the demo meeting")
        .meeting
        .committee_id;
    let staffing = app
        .matters_arising(meeting, boardpack::today())
        .expect("matters arising")
        .into_iter()
        .find(|e| e.action.text.contains("escalation-bed staffing"))
        .expect("November's staffing action is in hand");
    drop(app);
    let out = db.path.with_file_name("actions.csv");
    let out_text = out.display().to_string();
    let id = staffing.action.id.to_string();

    with_app("between", &db.path, move |w| async move {
        w.click(&format!(
            "[data-meeting-id=\"{meeting}\"] [data-testid=meeting-title]"
        ))
        .await;
        let row = format!("[data-testid=action-row][data-action-id=\"{id}\"]");
        w.wait_for_text(&row, "escalation-bed staffing").await;
        w.wait_for_text(&format!("{row} [data-testid=action-status]"), "On track")
            .await;

        // Closing without a reason is refused with the sentence that says what to do.
        let open = format!("[data-testid=action-update-open][data-action-id=\"{id}\"]");
        w.click(&open).await;
        assert_eq!(w.focused_id().await, "action-status", "the form takes the focus");
        w.select("#action-status", "closed").await;
        w.click("[data-testid=action-record]").await;
        w.wait_for_text("[data-testid=action-update-error]", "with a reason")
            .await;

        // At risk, with a note: the row shows it at once.
        w.select("#action-status", "at_risk").await;
        w.fill("#action-note", "The staffing model slips to February.")
            .await;
        w.click("[data-testid=action-record]").await;
        w.wait_for_text("[data-testid=action-log-notice]", "is now at risk")
            .await;
        w.wait_for_text(&format!("{row} [data-testid=action-status]"), "At risk")
            .await;
        w.wait_for_text(&row, "The staffing model slips to February.")
            .await;
        let focused = w
            .run_js("const e = document.activeElement; return e ? e.getAttribute('data-action-id') : null;")
            .await;
        assert_eq!(focused.as_str(), Some(id.as_str()), "the focus returns to the row's Update button");

        // The log as a CSV file.
        w.select("#action-scope", "all").await;
        w.fill("#actions-export-path", &out_text).await;
        w.click("[data-testid=actions-export-run]").await;
        w.wait_for_text("[data-testid=actions-export-result]", "actions.csv")
            .await;
        w.keep_screenshot("between-action-log").await;
    })
    .await;

    let app = db.open();
    let log = app
        .action_log(committee, boardpack::today(), LogFilter::All)
        .expect("the log");
    let entry = log
        .entries
        .iter()
        .find(|e| e.action.id == staffing.action.id)
        .expect("the action is on the log");
    assert_eq!(entry.action.status, ActionStatus::AtRisk);
    let last = entry.history.last().expect("an update was recorded");
    assert_eq!(last.note, "The staffing model slips to February.");
    assert_eq!(last.meeting_id, Some(meeting));
    assert_eq!(last.date.to_string(), "2026-12-03", "dated as the meeting");
    let csv = std::fs::read_to_string(&out).expect("the CSV was written");
    assert!(
        csv.contains("The staffing model slips to February."),
        "{csv}"
    );
}

#[tokio::test]
async fn january_approves_decembers_minutes_which_then_cannot_change() {
    let db = TempDb::new();
    let app = db.open();
    let december = app.load_demo().expect("the demo loads");
    let board = app
        .meeting(december)
        .expect("the demo meeting")
        .meeting
        .committee_id;
    let january = app
        .add_meeting(&boardpack_core::NewMeeting {
            committee_id: board,
            number: None,
            date: "2027-01-07".into(),
            start_time: "09:30".into(),
            end_time: "13:00".into(),
            venue: "Board Room".into(),
            chair_id: None,
            session: boardpack_core::Session::Public,
        })
        .expect("January's meeting")
        .id;
    let item = app
        .agenda(january)
        .expect("January's agenda")
        .rows
        .into_iter()
        .find(|r| r.item.standing == Some(boardpack_core::agenda::StandingKind::PreviousMinutes))
        .expect("a standing item for the previous minutes")
        .item
        .id;
    drop(app);

    with_app("approval", &db.path, move |w| async move {
        w.click(&format!(
            "[data-meeting-id=\"{january}\"] [data-testid=meeting-title]"
        ))
        .await;
        w.click("#take-minutes").await;
        w.click("#room-tab-minutes").await;
        w.click(&format!("[data-testid=room-item][data-item-id=\"{item}\"]"))
            .await;
        // No attendance is recorded for January yet, so the room warns it is inquorate.
        w.click("#move-anyway").await;
        w.wait_for_text("[data-testid=minutes-approval]", "meeting of Thu 3 Dec 2026")
            .await;
        // With amendments, the text is required.
        w.click("#approval-amended").await;
        w.click("[data-testid=approval-record]").await;
        w.wait_for_text("[data-testid=approval-error]", "Say what the amendments are")
            .await;
        w.fill("#approval-amendments", "Item 8: the deficit is £5.3m.")
            .await;
        w.click("[data-testid=approval-record]").await;
        w.wait_for_text(
            "[data-testid=approval-notice]",
            "Approved by the Trust Board on 7 January 2027",
        )
        .await;
        w.wait_for_text("[data-testid=minutes-version]", "Version 1").await;
        // The approving minute now says so, in the words of the seed.
        w.wait_until(
            "the discussion records the amendment",
            "const e = document.getElementById('room-discussion'); return !!e && e.value.includes('approved subject to the following amendment: Item 8');",
        )
        .await;

        // December's room is read-only now.
        w.click("#room-close").await;
        w.click("#back-to-meetings").await;
        w.click(&format!(
            "[data-meeting-id=\"{december}\"] [data-testid=meeting-title]"
        ))
        .await;
        w.click("#take-minutes").await;
        w.find("[data-testid=room-read-only]").await;
        w.click("#room-tab-minutes").await;
        let disabled = w
            .run_js("const e = document.getElementById('room-discussion'); return !!e && e.closest('fieldset').disabled;")
            .await;
        assert_eq!(disabled, serde_json::Value::Bool(true), "December's minute cannot be typed in");
        w.keep_screenshot("approval-read-only").await;
    })
    .await;

    let app = db.open();
    assert_eq!(
        app.meeting(december).expect("December").meeting.status,
        boardpack_core::MeetingStatus::MinutesApproved
    );
    let versions = app.minutes_versions(december).expect("versions");
    assert_eq!(versions.len(), 1);
    assert!(versions[0]
        .note
        .ends_with("with amendments: Item 8: the deficit is £5.3m."));
}
