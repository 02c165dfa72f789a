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
