//! In the room: the minute-taker's journey through the demo meeting. Mark a member's
//! apologies and watch the quorum figures follow; record a declaration of interest at an
//! item (the member then shows as withdrawn); type the minutes of two items, with
//! resolutions and an action, moving between items with Alt+Down; then kill the app with
//! SIGKILL while typing, start it again on the same database, and find the minutes there,
//! in the window and through the library. At most the last second of typing may be lost.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use boardpack::room::RoomView;
use boardpack_core::attendance::Presence;
use boardpack_core::interests::DeclarationAction;
use boardpack_core::{MeetingId, MemberKind};
use fantoccini::key::Key;

use crate::driver::{with_app, Window};
use crate::{open, TempDb};

/// Typed, then given time to be saved, before the crash.
const FIRST_PART: &str = "The Board discussed the draft strategy at length.";
/// Typed just before the crash: it may be lost.
const LAST_PART: &str = " Members asked for a summary for staff.";

fn room(db: &Path, meeting: MeetingId) -> RoomView {
    open(db).room(meeting).expect("the room view")
}

/// Opens the meeting's page from the list, then its room.
async fn open_room(w: &Window, meeting: MeetingId) {
    w.click(&format!(
        "[data-meeting-id=\"{meeting}\"] [data-testid=meeting-title]"
    ))
    .await;
    w.click("#take-minutes").await;
    w.find("[data-testid=room] [data-testid=quorum-start]")
        .await;
}

/// The value of the field `css` selects ("" when there is none).
async fn value(w: &Window, css: &str) -> String {
    let v = w
        .run_js(&format!(
            "const e = document.querySelector({css:?}); return e ? e.value : '';"
        ))
        .await;
    v.as_str().unwrap_or_default().to_owned()
}

/// Waits until the room says everything typed is saved.
async fn wait_saved(w: &Window) {
    let start = Instant::now();
    loop {
        let state = w.text("#room-save-state").await;
        if state.trim() == "Saved" {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the minutes were never saved: {state:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Types `text` where the keyboard focus is in the element `css` selects.
async fn type_into(w: &Window, css: &str, text: &str) {
    w.find(css)
        .await
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("cannot type into {css:?}: {e}"));
}

/// The process ids of the app started on `db` (its command line names the file).
fn app_pids(db: &Path) -> Vec<u32> {
    let wanted = db.display().to_string();
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let args: Vec<String> = cmdline
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let is_app = args
            .first()
            .is_some_and(|a| a.ends_with("/boardpack-desktop"));
        if is_app && args.iter().any(|a| a == &wanted) {
            pids.push(pid);
        }
    }
    pids
}

#[tokio::test]
async fn the_minute_taker_records_attendance_declarations_and_minutes_that_survive_a_crash() {
    let db = TempDb::new();
    let path = db.path.clone();
    let meeting = db.open().load_demo().expect("the demo loads");
    let before = room(&path, meeting);

    // A member counted in the quorum and present at the start: they send apologies.
    let counted = |k: MemberKind| {
        matches!(
            k,
            MemberKind::Chair
                | MemberKind::ExecutiveDirector
                | MemberKind::NonExecutiveDirector
                | MemberKind::VotingMember
        )
    };
    let apologising = before
        .members
        .iter()
        .find(|m| {
            counted(m.membership.kind)
                && m.membership.kind != MemberKind::Chair
                && m.attendance
                    .as_ref()
                    .is_some_and(|a| a.presence == Presence::Present && a.arrived.is_none())
        })
        .expect("a member present from the start")
        .clone();
    let declaring = before
        .members
        .iter()
        .find(|m| {
            counted(m.membership.kind)
                && m.person.id != apologising.person.id
                && m.attendance
                    .as_ref()
                    .is_some_and(|a| a.presence == Presence::Present)
        })
        .expect("another member present")
        .clone();
    let start_present = before.quorum[0].outcome.present;
    // Two neighbouring items with no minutes yet: A, then B (Alt+Down from A).
    let at = before
        .rows
        .windows(2)
        .position(|w| {
            w.iter().all(|r| {
                r.minute.discussion.is_empty() && r.minute.actions.is_empty() && r.slot.depth == 0
            })
        })
        .expect("two neighbouring items without minutes");
    let (item_a, item_b) = (before.rows[at].clone(), before.rows[at + 1].clone());

    let run_path = path.clone();
    let (a_id, b_id) = (item_a.item.id, item_b.item.id);
    let (a_title, b_title) = (item_a.item.title.clone(), item_b.item.title.clone());
    let (apol_id, decl) = (apologising.person.id, declaring.clone());
    let started = Instant::now();
    with_app("room", &path, move |w| async move {
        open_room(&w, meeting).await;
        let start = w.text("[data-testid=quorum-start]").await;
        assert!(
            start.contains(&format!("{start_present} of ")),
            "the start's quorum shows {start_present} present: {start}"
        );

        // Attendance: apologies from one member; the quorum follows.
        w.click("#room-tab-attendance").await;
        w.click(&format!(
            "[data-testid=attendance-row][data-person-id=\"{apol_id}\"] [data-presence=apologies]"
        ))
        .await;
        let now = w
            .wait_for_text(
                "[data-testid=quorum-start]",
                &format!("{} of ", start_present - 1),
            )
            .await;
        eprintln!("quorum after apologies: {now}");
        w.keep_screenshot("room-attendance").await;

        // Item A: a declaration of interest, the member withdrawing from the discussion.
        w.click("#room-tab-minutes").await;
        w.click(&format!("[data-testid=room-item][data-item-id=\"{a_id}\"]"))
            .await;
        w.wait_for_text("#room-item-heading", &item_a.item.title)
            .await;
        w.select("#declare-person", &decl.person.id.to_string())
            .await;
        w.fill(
            "#declare-text",
            "Trustee of the Northfield Hospitals Charity",
        )
        .await;
        w.select("#declare-action", "withdrew_from_discussion")
            .await;
        w.click("#declare-submit").await;
        w.wait_for_text(
            "[data-testid=room-declarations]",
            "Trustee of the Northfield",
        )
        .await;
        w.wait_for_text("[data-testid=quorum-withdrawn]", &decl.person.name)
            .await;
        w.run_js("document.querySelector('[data-testid=room-declarations]').scrollIntoView();")
            .await;
        w.keep_screenshot("room-declaration").await;

        // Item A's minute: discussion, outcome, two resolutions (Enter adds the second),
        // one action.
        // WebDriver types "\n" as nothing in a textarea: Enter makes the new line.
        let enter = char::from(Key::Enter).to_string();
        w.fill("#room-discussion", "The Board received the report.")
            .await;
        type_into(
            &w,
            "#room-discussion",
            &format!("{enter}- Members welcomed the progress."),
        )
        .await;
        w.select("#room-outcome", "approved").await;
        w.click("#room-add-resolution").await;
        type_into(&w, "#room-resolution-0", "APPROVE the recommendations.").await;
        type_into(&w, "#room-resolution-0", &enter).await;
        type_into(&w, "#room-resolution-1", "NOTE the risks in section 3.").await;
        w.click("#room-add-action").await;
        type_into(
            &w,
            "#room-action-text-0",
            "Report progress to the March Board",
        )
        .await;
        type_into(&w, "#room-action-lead-0", "KL").await;
        type_into(&w, "#room-action-due-0", "2027-03-04").await;
        wait_saved(&w).await;
        w.keep_screenshot("room-minutes-item-a").await;

        // Alt+Down: on to item B, and type it; the app is killed mid-typing.
        let alt_down: String = [char::from(Key::Alt), char::from(Key::Down)]
            .iter()
            .collect();
        type_into(&w, "#room-discussion", &alt_down).await;
        w.wait_for_text("#room-item-heading", &item_b.item.title)
            .await;
        assert_eq!(
            value(&w, "#room-discussion").await,
            "",
            "item B starts empty"
        );
        type_into(&w, "#room-discussion", FIRST_PART).await;
        tokio::time::sleep(Duration::from_millis(1200)).await;
        w.keep_screenshot("room-minutes-item-b").await;
        type_into(&w, "#room-discussion", LAST_PART).await;
        let pids = app_pids(&run_path);
        assert!(!pids.is_empty(), "the app's process is found");
        for pid in pids {
            let status = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status()
                .expect("kill runs");
            assert!(status.success(), "kill -KILL {pid}");
        }
        eprintln!("killed the app mid-typing");
    })
    .await;
    eprintln!("first session: {:.1} s", started.elapsed().as_secs_f64());

    // The library holds what was typed, but for at most the last second.
    let after = room(&path, meeting);
    let row = |id| {
        after
            .rows
            .iter()
            .find(|r| r.item.id == id)
            .expect("the item")
    };
    let a = &row(a_id).minute;
    assert_eq!(
        a.discussion,
        "The Board received the report.\n- Members welcomed the progress."
    );
    assert_eq!(a.outcome, Some(boardpack_core::minutes::Outcome::Approved));
    assert_eq!(
        a.resolutions,
        [
            "APPROVE the recommendations.",
            "NOTE the risks in section 3."
        ]
    );
    assert_eq!(a.actions.len(), 1, "{:?}", a.actions);
    assert_eq!(a.actions[0].text, "Report progress to the March Board");
    assert_eq!(a.actions[0].lead, "KL");
    assert_eq!(
        a.actions[0].due.map(|d| d.to_string()).as_deref(),
        Some("2027-03-04")
    );
    let b = &row(b_id).minute;
    assert!(
        b.discussion.starts_with(FIRST_PART),
        "the part typed more than a second before the crash is saved: {:?}",
        b.discussion
    );
    eprintln!(
        "after the crash, item B holds {} of {} characters",
        b.discussion.len(),
        FIRST_PART.len() + LAST_PART.len()
    );
    let apologies = after
        .members
        .iter()
        .find(|m| m.person.id == apologising.person.id)
        .and_then(|m| m.attendance.clone())
        .expect("attendance");
    assert_eq!(apologies.presence, Presence::Apologies);
    assert_eq!(after.quorum[0].outcome.present, start_present - 1);
    assert!(
        after.declarations.iter().any(|d| d.item_id == a_id
            && d.person_id == declaring.person.id
            && d.action == DeclarationAction::WithdrewFromDiscussion),
        "the declaration is recorded"
    );

    // A new session on the same database shows it all in the window.
    let saved_b = b.discussion.clone();
    with_app("room-restart", &path, move |w| async move {
        open_room(&w, meeting).await;
        w.click(&format!("[data-testid=room-item][data-item-id=\"{b_id}\"]"))
            .await;
        w.wait_for_text("#room-item-heading", &b_title).await;
        assert_eq!(value(&w, "#room-discussion").await, saved_b);
        let alt_up: String = [char::from(Key::Alt), char::from(Key::Up)].iter().collect();
        type_into(&w, "#room-discussion", &alt_up).await;
        w.wait_for_text("#room-item-heading", &a_title).await;
        assert!(value(&w, "#room-discussion")
            .await
            .starts_with("The Board received the report."));
        assert_eq!(
            value(&w, "#room-action-text-0").await,
            "Report progress to the March Board"
        );
        assert_eq!(
            value(&w, "#room-resolution-1").await,
            "NOTE the risks in section 3."
        );
        w.wait_for_text(
            "[data-testid=room-declarations]",
            "Trustee of the Northfield",
        )
        .await;
        w.keep_screenshot("room-after-restart").await;
    })
    .await;
    eprintln!("whole journey: {:.1} s", started.elapsed().as_secs_f64());
}
