//! Searching from the header: a secretary types a word that is only inside an attached PDF,
//! the hits appear as she types, Enter opens the best one in the paper editor; private
//! business is marked; Escape closes the list and a second Escape clears the box; the arrow
//! keys choose another hit (a minute, which opens its item selected on the agenda); a click
//! opens a hit too.

use fantoccini::key::Key;

use crate::driver::{with_app, Window};
use crate::TempDb;

const BOX: &str = "#search-input";

/// The hits listed now: (kind, title, private).
async fn hits(w: &Window) -> Vec<(String, String, bool)> {
    let listed = w
        .run_js(
            "return [...document.querySelectorAll('[data-testid=search-hit]')].map(h => [
                h.dataset.kind,
                h.querySelector('[data-testid=search-hit-title]').textContent.trim(),
                !!h.querySelector('.badge-private'),
            ]);",
        )
        .await;
    let rows = listed.as_array().cloned().unwrap_or_default();
    rows.iter()
        .map(|row| {
            let text = |k: usize| row[k].as_str().unwrap_or_default().to_owned();
            (text(0), text(1), row[2].as_bool().unwrap_or(false))
        })
        .collect()
}

#[tokio::test]
async fn a_search_finds_text_inside_a_paper_and_opens_it() {
    let db = TempDb::new();
    let app = db.open();
    let meeting = app.load_demo().expect("the demo");
    // What the library finds, for the window to agree with.
    let expected = app.search("sepsis", 20).expect("search");
    assert_eq!(expected.len(), 1, "one paper mentions sepsis");
    let quality = expected[0].clone();
    let winter_item = app
        .agenda(meeting)
        .expect("agenda")
        .rows
        .into_iter()
        .find(|r| r.item.title == "Winter plan 2026/27")
        .expect("the winter plan item")
        .item
        .id;
    drop(app);

    with_app("search", &db.path, move |w| async move {
        w.find("[data-testid=meeting-row]").await;

        // Typed, not submitted: the hits come as the typing pauses.
        w.fill(BOX, "sepsis").await;
        w.wait_for_text("[data-testid=search-panel]", "Sepsis").await;
        let listed = hits(&w).await;
        assert_eq!(
            listed,
            [("document".to_owned(), quality.title.clone(), false)],
            "the library's one hit"
        );
        let place = w.text("[data-testid=search-hit]").await;
        assert!(
            place.contains(&quality.meeting)
                && place.contains(&format!(
                    "paper {}",
                    quality.paper_letter.as_deref().unwrap_or("?")
                )),
            "{place}"
        );
        w.keep_screenshot("search-hits").await;

        // Enter opens the paper in the editor, on its meeting's page.
        w.press(BOX, Key::Enter).await;
        w.wait_for_text(
            "#paper-heading",
            quality.paper_title.as_deref().unwrap_or("?"),
        )
        .await;
        w.wait_for_text("#meeting-heading", "Trust Board").await;
        assert!(
            w.find_all("[data-testid=search-panel]").await.is_empty(),
            "the list closes once a hit is open"
        );

        // Private business is found and marked.
        w.fill(BOX, "decking").await;
        w.wait_for_text("[data-testid=search-panel]", "Award of contract")
            .await;
        let listed = hits(&w).await;
        assert!(listed.len() >= 3, "{listed:?}");
        assert!(listed.iter().all(|(_, _, private)| *private), "{listed:?}");

        // Escape closes the list and keeps the words; a second Escape clears them.
        w.press(BOX, Key::Escape).await;
        w.wait_until(
            "the list closes",
            "return !document.querySelector('[data-testid=search-panel]');",
        )
        .await;
        assert_eq!(w.focused_id().await, "search-input");
        assert!(
            w.find_all("#paper-editor").await.len() == 1,
            "Escape in the box does not close the paper editor"
        );
        w.press(BOX, Key::Escape).await;
        w.wait_until(
            "the box is cleared",
            "return document.getElementById('search-input').value === '';",
        )
        .await;

        // The arrow keys choose: the item's minute is listed below the item and its paper;
        // Enter on it shows the minuted item, selected on the agenda.
        w.fill(BOX, "winter plan").await;
        w.wait_for_text("[data-testid=search-panel]", "Winter plan 2026/27")
            .await;
        let listed = hits(&w).await;
        let minute_at = listed
            .iter()
            .position(|(kind, title, _)| kind == "minute" && title == "Winter plan 2026/27")
            .unwrap_or_else(|| panic!("the minute is listed: {listed:?}"));
        assert!(minute_at > 0 && minute_at + 1 < listed.len(), "{listed:?}");
        for _ in 0..=minute_at {
            w.press(BOX, Key::Down).await;
        }
        // One too far, then back up one.
        w.press(BOX, Key::Up).await;
        w.wait_until(
            "the minute's hit is the chosen one",
            &format!(
                "const a = document.getElementById('search-input').getAttribute('aria-activedescendant');
                 return a === 'search-hit-{minute_at}';"
            ),
        )
        .await;
        w.press(BOX, Key::Enter).await;
        // The paper editor closes; the item's row is selected and has the focus.
        w.wait_until(
            "the winter plan row has the focus",
            &format!(
                "const f = document.activeElement;
                 return !!f && f.getAttribute('data-item-id') === '{winter_item}'
                     && f.classList.contains('selected');"
            ),
        )
        .await;
        assert!(w.find_all("#paper-editor").await.is_empty());

        // A click opens a hit too.
        w.fill(BOX, "sepsis").await;
        w.wait_for_text("[data-testid=search-panel]", "Sepsis").await;
        w.click("[data-testid=search-hit]").await;
        w.wait_for_text(
            "#paper-heading",
            quality.paper_title.as_deref().unwrap_or("?"),
        )
        .await;

        // Nothing to find says so.
        w.fill(BOX, "zzyzx").await;
        w.wait_for_text("[data-testid=search-empty]", "Nothing found for “zzyzx”")
            .await;
        w.keep_screenshot("search-nothing-found").await;
    })
    .await;
}
