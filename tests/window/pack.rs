//! Exporting the board pack from the meeting page, the way a user does when the Save dialog
//! is not wanted: type the path, press Export, watch the progress, read the result. The
//! files are then checked outside the app: lopdf counts the pages, `pdftotext` reads the
//! footers, and the public pack must hold nothing of the demo's private item.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use boardpack_core::meeting::NewMeeting;
use boardpack_core::{MeetingId, Session};

use crate::driver::{with_app, Window};
use crate::TempDb;

/// The demo's private item, which only the private pack may contain.
const PRIVATE_ITEM: &str = "car park";

/// The text of a PDF, as `pdftotext` (poppler-utils) reads it.
pub(crate) fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("cannot run pdftotext (install poppler-utils): {e}"));
    assert!(
        output.status.success(),
        "pdftotext failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The number of pages lopdf finds in the file.
pub(crate) fn page_count(path: &Path) -> usize {
    let doc = lopdf::Document::load(path)
        .unwrap_or_else(|e| panic!("{} is not a PDF lopdf can read: {e}", path.display()));
    doc.get_pages().len()
}

/// Opens the meeting's page from the meeting list.
pub(crate) async fn open_meeting(w: &Window, meeting: MeetingId) {
    w.click(&format!(
        "[data-meeting-id=\"{meeting}\"] [data-testid=meeting-title]"
    ))
    .await;
    w.find("#pack-export [data-testid=pack-export-panel]").await;
}

/// Waits until the field `css` holds a value ending with `wanted`; returns the value.
pub(crate) async fn wait_for_value(w: &Window, css: &str, wanted: &str) -> String {
    let start = Instant::now();
    loop {
        let value = w
            .run_js(&format!(
                "const e = document.querySelector({css:?}); return e ? e.value : '';"
            ))
            .await;
        let value = value.as_str().unwrap_or_default().to_owned();
        if value.ends_with(wanted) {
            return value;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{css:?} never ended with {wanted:?}; last seen: {value:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Records, in the page, every state the progress bar shows: `[aria-valuenow, text]`.
const WATCH_PROGRESS: &str = "
    window.packSteps = [];
    const note = () => {
        const bar = document.querySelector('[role=progressbar]');
        if (!bar) return;
        const step = [Number(bar.getAttribute('aria-valuenow')), bar.getAttribute('aria-valuetext')];
        const last = window.packSteps[window.packSteps.length - 1];
        if (!last || last[1] !== step[1]) window.packSteps.push(step);
    };
    window.packWatch && window.packWatch.disconnect();
    window.packWatch = new MutationObserver(note);
    window.packWatch.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });";

/// Exports through the typed-path form and waits for the result; returns the pages the
/// window reports ("Wrote 35 pages (511 KB) to …") and the progress bar's states.
async fn export_typed(
    w: &Window,
    kind: &str,
    out: &Path,
    shot: &str,
) -> (usize, Vec<(u64, String)>) {
    w.click(&format!("#pack-kind-{kind}")).await;
    w.fill("#pack-path", &out.display().to_string()).await;
    w.run_js(WATCH_PROGRESS).await;
    w.click("#pack-path-export").await;
    // The bar is pictured if it is still on screen once the first steps are in.
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        let state = w
            .run_js(
                "const bar = document.querySelector('[role=progressbar]');
                 return bar ? Number(bar.getAttribute('aria-valuenow'))
                            : (document.querySelector('#pack-result, #pack-error') ? -1 : 0);",
            )
            .await;
        let now = state.as_i64().unwrap_or_default();
        if now < 0 {
            break;
        }
        if now > 0 {
            let _ = w.screenshot(&format!("{shot}-progress")).await;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let summary = w
        .wait_for_text("#pack-result [data-testid=pack-result-summary]", "Wrote ")
        .await;
    assert!(
        summary.contains(&out.display().to_string()),
        "the result names the file: {summary}"
    );
    assert_eq!(
        w.focused_id().await,
        "pack-result",
        "the focus moves to the result"
    );
    w.keep_screenshot(shot).await;
    let steps = w
        .run_js("window.packWatch.disconnect(); return window.packSteps;")
        .await;
    let steps: Vec<(u64, String)> =
        serde_json::from_value(steps).expect("the recorded steps are [number, text] pairs");
    // "Wrote 35 pages (511 KB) to …"
    let pages = summary
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no page count in {summary:?}"));
    (pages, steps)
}

/// The bar moved forward only, within 0..=100, and showed the assembly of the pages.
fn check_steps(kind: &str, steps: &[(u64, String)]) {
    assert!(
        steps.len() >= 3,
        "the {kind} build showed its progress: {steps:?}"
    );
    assert!(
        steps.windows(2).all(|w| w[0].0 <= w[1].0) && steps.iter().all(|s| s.0 <= 100),
        "the {kind} bar only moves forward: {steps:?}"
    );
    // The longest stage is always seen; the last ones may end in the same frame as the
    // build, when the bar gives way to the result.
    assert!(
        steps.iter().any(|s| s.1.contains("Assembling")),
        "the {kind} build showed its assembly: {steps:?}"
    );
}

#[tokio::test]
async fn the_private_and_public_packs_are_exported_from_the_meeting_page() {
    let db = TempDb::new();
    let app = db.open();
    let meeting = app.load_demo().expect("the demo loads");
    let folder = tempfile::tempdir().expect("a temp folder");
    // A longer private pack, so that its progress can be watched: the private item's
    // paper gets appendices (copies of the demo's own private pack).
    let filler = folder.path().join("filler.pdf");
    app.export_pack(meeting, false, &filler, boardpack::today(), &mut |_| {})
        .expect("the demo's pack builds");
    let private_paper = app
        .agenda(meeting)
        .expect("the demo's agenda")
        .rows
        .into_iter()
        .find(|r| r.item.session == Session::Private && !r.papers.is_empty())
        .expect("the demo has a private item with a paper")
        .papers[0]
        .paper
        .id;
    for k in 1..=20 {
        app.add_appendix(private_paper, &filler, &format!("Background {k}"))
            .expect("the appendix is attached");
    }
    drop(app);
    let private = folder.path().join("Trust Board private pack.pdf");
    let public = folder.path().join("public pack.pdf");
    let (private_out, public_out) = (private.clone(), public.clone());

    let pages = std::sync::Arc::new(std::sync::Mutex::new((0, 0)));
    let seen = pages.clone();
    with_app("pack", &db.path, move |w| async move {
        open_meeting(&w, meeting).await;
        // The field offers the pack's usual name; choosing Public offers the public one.
        wait_for_value(
            &w,
            "#pack-path",
            "Trust Board 2026-12-03 pack (private).pdf",
        )
        .await;
        w.click("#pack-kind-public").await;
        wait_for_value(&w, "#pack-path", "Trust Board 2026-12-03 pack (public).pdf").await;

        let (private_pages, steps) =
            export_typed(&w, "private", &private_out, "pack-private").await;
        check_steps("private", &steps);
        eprintln!("the private build's progress: {steps:?}");
        let (public_pages, steps) = export_typed(&w, "public", &public_out, "pack-public").await;
        check_steps("public", &steps);
        // The window may open the packs it wrote, and nothing else.
        let refused = w
            .run_js(
                "return window.__TAURI_INTERNALS__.invoke('open_pack', { path: '/etc/hostname' })
                    .then(() => 'opened', (e) => e.code);",
            )
            .await;
        assert_eq!(
            refused, "not_found",
            "open_pack refuses a file it did not write"
        );
        *seen.lock().expect("not poisoned") = (private_pages, public_pages);
    })
    .await;
    // How fast the pack is built is measured by `cargo bench -p boardpack --bench pack`,
    // not here.

    let (private_pages, public_pages) = *pages.lock().expect("not poisoned");
    assert_eq!(page_count(&private), private_pages, "the private pack");
    assert_eq!(page_count(&public), public_pages, "the public pack");
    assert!(public_pages < private_pages, "the public pack is shorter");

    let text = pdf_text(&private);
    assert!(
        text.contains(&format!("Page 1 of {private_pages}")),
        "the private pack's footers count its pages"
    );
    assert!(
        text.to_lowercase().contains(PRIVATE_ITEM),
        "the private pack holds the private item"
    );
    let text = pdf_text(&public);
    assert!(text.contains(&format!("Page 1 of {public_pages}")));
    assert!(
        !text.to_lowercase().contains(PRIVATE_ITEM),
        "the public pack holds nothing of the private item"
    );
}

#[tokio::test]
async fn a_meeting_that_is_not_ready_lists_what_blocks_its_pack() {
    let db = TempDb::new();
    let app = db.open();
    app.load_demo().expect("the demo loads");
    let board = app.committee_by_code("TB").expect("the demo's board");
    // A new meeting's standing items have no papers yet, which blocks the pack.
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
    let problems = match app.export_pack(
        meeting,
        false,
        &db.path.with_file_name("never.pdf"),
        boardpack::today(),
        &mut |_| {},
    ) {
        Err(e) => boardpack::ErrorReport::from(e).details,
        Ok(_) => panic!("a new meeting's pack is blocked"),
    };
    assert!(!problems.is_empty());
    let folder = tempfile::tempdir().expect("a temp folder");
    let out = folder.path().join("blocked.pdf");
    let target = out.clone();

    with_app("pack-not-ready", &db.path, move |w| async move {
        open_meeting(&w, meeting).await;
        w.fill("#pack-path", &target.display().to_string()).await;
        w.press_enter("#pack-path").await;
        w.wait_for_text("#pack-error", "The private pack cannot be built yet")
            .await;
        let listed = w.find_all("[data-testid=pack-problems] li").await;
        assert_eq!(listed.len(), problems.len(), "one line per problem");
        for (li, problem) in listed.iter().zip(&problems) {
            assert_eq!(&li.text().await.expect("text"), problem);
        }
        assert_eq!(
            w.focused_id().await,
            "pack-error",
            "the focus moves to the error"
        );
        w.keep_screenshot("pack-not-ready").await;
    })
    .await;
    assert!(!out.exists(), "no file is written");
}

/// Issuing from the meeting page: version 1; then (through the library, as another window
/// would) a paper is replaced; the page lists exactly that change since version 1, and
/// issuing again makes version 2, whose file opens with the change list and names its
/// version in its footers.
#[tokio::test]
async fn a_pack_is_issued_a_paper_replaced_and_the_pack_reissued_with_its_change() {
    let db = TempDb::new();
    let app = db.open();
    let meeting = app.load_demo().expect("the demo loads");
    drop(app);
    let folder = tempfile::tempdir().expect("a temp folder");
    let v1 = folder.path().join("pack v1.pdf");
    let v2 = folder.path().join("pack v2.pdf");

    let target = v1.clone();
    with_app("pack-issue", &db.path, move |w| async move {
        open_meeting(&w, meeting).await;
        w.find("#pack-issue [data-testid=pack-issues-panel]").await;
        w.wait_for_text("[data-testid=pack-changes]", "has not been issued yet")
            .await;
        // The field offers the pack's usual name with its version.
        wait_for_value(&w, "#issue-path", "pack (private) v1.pdf").await;
        w.fill("#issue-path", &target.display().to_string()).await;
        w.click("#issue-pack").await;
        w.wait_for_text(
            "[data-testid=issue-result]",
            "Version 1 of the full pack is issued",
        )
        .await;
        assert_eq!(
            w.focused_id().await,
            "issue-result",
            "the focus moves to the result"
        );
        w.wait_for_text(
            "[data-testid=pack-changes]",
            "Nothing has changed since version 1",
        )
        .await;
        w.wait_for_text("[data-testid=pack-versions]", "Version 1, full pack")
            .await;
        w.find("#issue-pack-anyway").await;
    })
    .await;
    assert!(v1.is_file(), "version 1 is written");

    // The finance report is replaced by a longer document.
    let app = db.open();
    let filler = folder.path().join("new finance report.pdf");
    app.export_pack(meeting, true, &filler, boardpack::today(), &mut |_| {})
        .expect("a PDF to attach");
    let row = app
        .agenda(meeting)
        .expect("the demo's agenda")
        .rows
        .into_iter()
        .find(|r| r.item.title.starts_with("Finance") && !r.papers.is_empty())
        .expect("the demo has a finance report");
    let paper = &row.papers[0].paper;
    let title = paper.title.clone();
    app.attach_document(paper.id, &filler)
        .expect("the new version is attached");
    drop(app);

    let target = v2.clone();
    let wanted = format!("({title}) replaced (pages ");
    with_app("pack-reissue", &db.path, move |w| async move {
        open_meeting(&w, meeting).await;
        w.wait_for_text(
            "[data-testid=pack-changes]",
            "Changes since version 1 issued on",
        )
        .await;
        let listed = w.find_all("[data-testid=pack-change-list] li").await;
        assert_eq!(listed.len(), 1, "exactly the one change is listed");
        let line = listed[0].text().await.expect("text");
        assert!(line.contains(&wanted), "{line}");
        w.keep_screenshot("pack-changes").await;
        wait_for_value(&w, "#issue-path", "pack (private) v2.pdf").await;
        w.fill("#issue-path", &target.display().to_string()).await;
        w.click("#issue-pack").await;
        w.wait_for_text(
            "[data-testid=issue-result]",
            "Version 2 of the full pack is issued",
        )
        .await;
        w.wait_for_text("[data-testid=pack-versions]", "Version 2, full pack")
            .await;
        assert_eq!(w.find_all("[data-testid=pack-versions] li").await.len(), 2);
    })
    .await;
    // Words joined by single spaces: a long title may wrap in the change list's table.
    let text = pdf_text(&v2)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("Version 2, issued"),
        "the change list opens version 2"
    );
    assert!(text.contains(&format!("({title}) replaced")), "{text}");
    let pages = page_count(&v2);
    assert!(
        text.contains(&format!("Version 2 · Page 1 of {pages}")),
        "the footers name the version"
    );
}
