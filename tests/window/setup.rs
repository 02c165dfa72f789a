//! A newcomer's first day, entirely in the window (never the CLI, never the demo): on an
//! empty database they set up the organisation with its logo, its first committee with a
//! quorum rule, six members put in the order the minutes should list them (by keyboard),
//! the register of interests (one entry typed, one imported from a CSV file after a bad
//! file was refused), a nil return, the register exported; then they create a meeting and
//! export a ready pack. Along the way the screens are checked for labels on every field,
//! visible focus and no keyboard traps, and pictured.

use fantoccini::key::Key;

use boardpack_core::interests::InterestCategory;
use boardpack_core::{MemberKind, QuorumMinimum};

use crate::driver::{with_app, Window};
use crate::pack::{open_meeting, page_count, pdf_text};
use crate::{open, TempDb};

/// Whether the first page of a PDF draws a picture (an image XObject in its resources).
fn first_page_has_a_picture(path: &std::path::Path) -> bool {
    let doc = lopdf::Document::load(path).expect("a PDF");
    let Some((_, &page)) = doc.get_pages().iter().next() else {
        return false;
    };
    let (own, inherited) = doc.get_page_resources(page).expect("resources");
    let mut dicts: Vec<&lopdf::Dictionary> = own.into_iter().collect();
    dicts.extend(
        inherited
            .into_iter()
            .filter_map(|id| doc.get_dictionary(id).ok()),
    );
    dicts.iter().any(|d| {
        let x = match d.get(b"XObject") {
            Ok(lopdf::Object::Reference(r)) => doc.get_dictionary(*r).ok(),
            Ok(lopdf::Object::Dictionary(x)) => Some(x),
            _ => None,
        };
        x.is_some_and(|x| {
            x.iter().any(|(_, v)| {
                v.as_reference()
                    .and_then(|r| doc.get_object(r))
                    .and_then(lopdf::Object::as_stream)
                    .is_ok_and(|s| {
                        s.dict.get(b"Subtype").and_then(lopdf::Object::as_name).ok()
                            == Some(b"Image")
                    })
            })
        })
    })
}

/// Every visible field has a label a screen reader can read.
async fn all_labelled(w: &Window, screen: &str) {
    let missing = w.unlabelled_fields().await;
    assert!(
        missing.is_empty(),
        "fields without a label on {screen}: {missing:?}"
    );
}

/// The focused element shows that it has the focus (the yellow focus style or an outline).
async fn focus_is_visible(w: &Window) {
    let shown = w
        .run_js(
            "const e = document.activeElement; const s = getComputedStyle(e);
             return e !== document.body && e.matches(':focus-visible') &&
                ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) ||
                 s.backgroundColor === 'rgb(255, 235, 59)' || s.boxShadow !== 'none');",
        )
        .await;
    let what = w.focused_id().await;
    assert_eq!(shown, true, "the focus on {what:?} is visible");
}

/// Tabs `n` times from where the focus is: each press moves it on (no keyboard trap) and
/// the focus stays visible. Returns the ids passed.
async fn tab_through(w: &Window, n: usize) -> Vec<String> {
    let mut seen = Vec::new();
    let mark = "const e = document.activeElement; if (!e.dataset.tabSeen) e.dataset.tabSeen = String(Math.random()); return e.dataset.tabSeen;";
    let mut last = w.run_js(mark).await;
    for _ in 0..n {
        w.press_focused(Key::Tab).await;
        let now = w.run_js(mark).await;
        assert_ne!(
            now,
            last,
            "Tab did not move the focus from {:?}",
            w.focused_id().await
        );
        focus_is_visible(w).await;
        seen.push(w.focused_id().await);
        last = now;
    }
    seen
}

async fn add_member(w: &Window, name: &str, initials: &str, kind: &str, role: &str) {
    w.click("#member-add").await;
    w.find("#member-form").await;
    w.fill("#mf-name", name).await;
    w.fill("#mf-initials", initials).await;
    w.select("#mf-kind", kind).await;
    w.fill("#mf-role", role).await;
    w.press_enter("#mf-role").await;
    w.wait_for_text("[data-testid=members-status]", &format!("{name} added"))
        .await;
    assert_eq!(
        w.focused_id().await,
        "member-add",
        "the focus returns to Add"
    );
}

#[tokio::test]
async fn a_newcomer_sets_up_the_organisation_and_reaches_a_ready_pack() {
    let db = TempDb::new();
    let files = tempfile::tempdir().expect("a temp folder");
    // A JPEG logo, as many trusts keep theirs; it is stored as a PNG.
    let logo = files.path().join("northfield-logo.jpg");
    std::fs::copy(
        boardpack_e2e::workspace_root().join("crates/boardpack/tests/it/fixtures/logo.jpg"),
        &logo,
    )
    .expect("the logo is copied");
    let bad_csv = files.path().join("interests-bad.csv");
    std::fs::write(
        &bad_csv,
        "member,category,description,organisation,from\n\
         SO,shares,Shareholder,Calder Construction Ltd,2024-04-01\n\
         SO,financial,Director,Calder Construction Ltd,April 2024\n",
    )
    .expect("the bad CSV is written");
    let good_csv = files.path().join("interests.csv");
    std::fs::write(
        &good_csv,
        "Initials,Type of interest,Description,Organisation,From,Action taken\n\
         SO,Non-financial professional,Trustee,Northfield Hospice,01/09/2019,Withdraws from hospice contract decisions\n",
    )
    .expect("the CSV is written");
    let register_pdf = files.path().join("register.pdf");
    let pack_pdf = files.path().join("Trust Board pack.pdf");
    let (logo_path, bad_path, good_path) = (
        logo.display().to_string(),
        bad_csv.display().to_string(),
        good_csv.display().to_string(),
    );
    let (register_out, pack_out) = (register_pdf.clone(), pack_pdf.clone());
    let db_path = db.path.clone();

    with_app("setup", &db.path, move |w| async move {
        // Step 1: the organisation, with its logo.
        w.wait_for_text("#first-run", "Step 1 of 2").await;
        assert_eq!(w.focused_id().await, "org-name", "the first field has the focus");
        assert!(!w.find("#new-meeting-button").await.is_enabled().await.expect("state"));
        all_labelled(&w, "the organisation step").await;
        w.fill("#org-name", "Northfield NHS Foundation Trust").await;
        // By keyboard: Tab moves on to the short name, visibly.
        w.press_focused(Key::Tab).await;
        assert_eq!(w.focused_id().await, "org-short-name");
        focus_is_visible(&w).await;
        w.fill("#org-short-name", "NFT").await;
        w.fill("#org-language", "en-GB").await;
        w.fill("#org-marking", "RESTRICTED – Part 2").await;
        w.fill("#org-logo-path", &logo_path).await;
        w.click("#org-logo-use").await;
        w.wait_for_text("[data-testid=org-logo-pending]", "northfield-logo.jpg")
            .await;
        w.keep_screenshot("setup-1-organisation").await;
        w.click("#org-save").await;

        // Step 2: the first committee, with its quorum rule and the standing items a first
        // meeting needs (no previous minutes or action log yet).
        w.wait_for_text("#first-run", "Step 2 of 2").await;
        w.find("#brand-logo").await;
        assert_eq!(w.focused_id().await, "cm-name");
        w.fill("#cm-name", "Trust Board").await;
        w.fill("#cm-code", "TB").await;
        w.click("#cm-min-fixed").await;
        w.fill("#cm-fixed", "3").await;
        w.wait_for_text(
            "[data-testid=quorum-preview]",
            "at least 3 of 0 voting members, including 1 executive and 1 non-executive director; deputies count",
        )
        .await;
        w.click("#cm-deputies").await;
        w.wait_for_text("[data-testid=quorum-preview]", "deputies do not count")
            .await;
        w.click("#cm-standing-previous_minutes").await;
        w.click("#cm-standing-action_log").await;
        all_labelled(&w, "the committee step").await;
        w.keep_screenshot("setup-2-committee").await;
        w.click("#cm-save").await;

        // On to the members, in Settings.
        w.wait_for_text("#settings-notice", "Trust Board is set up").await;
        w.wait_for_text("[data-testid=no-members]", "No members yet").await;
        add_member(&w, "Sam Okoro", "SO", "executive_director", "Chief Executive").await;
        all_labelled(&w, "the members list").await;
        add_member(&w, "Priya Shah", "PS", "non_executive_director", "Non-executive Director").await;
        add_member(&w, "Ruth Evans", "RE", "chair", "Trust Chair").await;
        add_member(&w, "Tom Hughes", "TH", "executive_director", "Director of Finance").await;
        add_member(&w, "Grace Lee", "GL", "non_executive_director", "Senior Independent Director").await;
        // A typing slip is refused with the library's sentence, and nothing is added.
        w.click("#member-add").await;
        w.fill("#mf-name", "Gareth Lloyd").await;
        w.fill("#mf-initials", "GL").await;
        all_labelled(&w, "the member form").await;
        w.press_enter("#mf-initials").await;
        w.wait_for_text("#member-error", "already uses the initials GL").await;
        assert_eq!(w.focused_id().await, "member-error");
        w.press("#mf-name", Key::Escape).await;
        add_member(&w, "Ann Clarke", "AC", "secretary", "Company Secretary").await;

        // The chair went to the top; the rest are put in order by keyboard.
        let order = |w: Window| async move {
            w.run_js("return [...document.querySelectorAll('[data-testid=member-row]')].map(r => r.dataset.initials);")
                .await
        };
        assert_eq!(order(w.clone()).await, serde_json::json!(["RE", "SO", "PS", "TH", "GL", "AC"]));
        w.chord("[data-testid=member-handle][data-initials=PS]", &[Key::Alt, Key::Up], "")
            .await;
        w.wait_for_text("[data-testid=members-status]", "Priya Shah moved to place 2 of 6")
            .await;
        w.chord("[data-testid=member-handle][data-initials=GL]", &[Key::Alt, Key::Up], "")
            .await;
        w.wait_for_text("[data-testid=members-status]", "Grace Lee moved to place 4 of 6")
            .await;
        // The focus stays on Grace Lee's row, so Alt+Up again moves her on.
        assert_eq!(
            w.run_js("return document.activeElement.dataset.initials;").await,
            "GL"
        );
        w.chord("[data-testid=member-handle][data-initials=GL]", &[Key::Alt, Key::Up], "")
            .await;
        w.wait_for_text("[data-testid=members-status]", "Grace Lee moved to place 3 of 6")
            .await;
        assert_eq!(order(w.clone()).await, serde_json::json!(["RE", "PS", "GL", "SO", "TH", "AC"]));
        w.keep_screenshot("setup-3-members").await;

        // The committee's settings now preview the rule on its five voting members.
        w.click("#tab-settings").await;
        w.wait_for_text(
            "[data-testid=quorum-preview]",
            "at least 3 of 5 voting members, including 1 executive and 1 non-executive director; deputies do not count",
        )
        .await;
        all_labelled(&w, "the committee settings").await;

        // The register of interests: nobody has declared yet.
        w.click("#tab-register").await;
        w.wait_for_text("[data-testid=undeclared]", "Not yet declared").await;
        w.click("[data-testid=register-person][data-initials=PS] [data-testid=interest-add]")
            .await;
        w.find("#interest-form").await;
        assert_eq!(w.focused_id().await, "ir-category");
        all_labelled(&w, "the interest form").await;
        w.select("#ir-category", "financial").await;
        w.fill("#ir-description", "Director and shareholder").await;
        w.fill("#ir-organisation", "Calder Construction Ltd").await;
        w.fill("#ir-from", "2024-04-01").await;
        w.fill("#ir-action", "Withdraws from decisions on the car park contract").await;
        w.fill("#ir-keywords", "car park, decking").await;
        w.click("#ir-save").await;
        w.wait_for_text("[data-testid=register-status]", "Saved: Director and shareholder")
            .await;

        // A spreadsheet with bad rows is previewed with each problem named, and cannot be
        // imported; the corrected one is previewed, then imported.
        w.fill("#import-interests-file-path", &bad_path).await;
        w.click("#import-interests-file-use").await;
        w.wait_for_text("[data-testid=import-interests-summary]", "cannot be imported yet")
            .await;
        let rows = w.text("[data-testid=import-interests-rows]").await;
        assert!(rows.contains("“shares” is not a category of interest"), "{rows}");
        assert!(rows.contains("“April 2024” is not a date"), "{rows}");
        assert!(!w.find("#import-interests-confirm").await.is_enabled().await.expect("state"));
        all_labelled(&w, "the import preview").await;
        w.keep_screenshot("setup-4-import-refused").await;
        w.fill("#import-interests-file-path", &good_path).await;
        w.click("#import-interests-file-use").await;
        w.wait_for_text("[data-testid=import-interests-summary]", "1 to add").await;
        w.click("#import-interests-confirm").await;
        w.wait_for_text("[data-testid=import-interests-done]", "Imported: 1 added")
            .await;
        w.wait_for_text("[data-testid=register-section]", "Trustee (Northfield Hospice)")
            .await;
        w.click("[data-testid=register-person][data-initials=RE] [data-testid=nil-return]")
            .await;
        w.wait_for_text("[data-testid=register-status]", "nil return recorded").await;
        let undeclared = w.text("[data-testid=undeclared]").await;
        for name in ["Grace Lee", "Tom Hughes", "Ann Clarke"] {
            assert!(undeclared.contains(name), "{undeclared}");
        }
        for name in ["Ruth Evans", "Priya Shah", "Sam Okoro"] {
            assert!(!undeclared.contains(name), "{name} declared: {undeclared}");
        }
        w.keep_screenshot("setup-5-register").await;
        w.fill("#register-path", &register_out.display().to_string()).await;
        w.click("#register-path-export").await;
        w.wait_for_text("[data-testid=register-status]", "Wrote the register of interests")
            .await;

        // The settings screen has no keyboard trap: Tab runs on through it.
        w.click("#tab-register").await;
        let passed = tab_through(&w, 25).await;
        assert!(passed.iter().any(|id| id.starts_with("ir-year")), "{passed:?}");

        // A meeting, and its pack.
        w.click("#settings-back").await;
        w.click("#new-meeting-button").await;
        w.fill("#nm-date", "2031-04-03").await;
        w.fill("#nm-start", "10:00").await;
        w.fill("#nm-end", "12:00").await;
        w.fill("#nm-venue", "Boardroom, Northfield General Hospital").await;
        w.press_enter("#nm-venue").await;
        w.wait_for_text("#notice", "Meeting created: Trust Board – 3 April 2031 (meeting 1).")
            .await;
        w.keep_screenshot("setup-6-meeting").await;
        let meeting = open(&db_path).meetings().expect("meetings")[0].meeting.id;
        open_meeting(&w, meeting).await;
        w.click("#pack-kind-private").await;
        w.fill("#pack-path", &pack_out.display().to_string()).await;
        w.click("#pack-path-export").await;
        w.wait_for_text("#pack-result [data-testid=pack-result-summary]", "Wrote ")
            .await;
        w.keep_screenshot("setup-7-pack").await;
    })
    .await;

    // What the window set up is in the database.
    let app = db.open();
    let org = &app.organisations().expect("organisations")[0];
    assert_eq!(org.name, "Northfield NHS Foundation Trust");
    assert_eq!(org.language, "en-GB");
    assert_eq!(org.confidential_marking, "RESTRICTED – Part 2");
    let logo = app
        .organisation_logo(org.id)
        .expect("the logo reads")
        .expect("there is a logo");
    assert_eq!(
        (
            logo.logo.width,
            logo.logo.height,
            logo.logo.media_type.as_str()
        ),
        (300, 120, "image/png")
    );
    let board = app.committee_by_code("TB").expect("the committee");
    assert_eq!(board.quorum.minimum, QuorumMinimum::Fixed { members: 3 });
    assert!(!board.quorum.deputies_count);
    assert_eq!(board.standing_items.len(), 5);
    let members = app.members(board.id).expect("members");
    let initials: Vec<&str> = members.iter().map(|m| m.person.initials.as_str()).collect();
    assert_eq!(initials, ["RE", "PS", "GL", "SO", "TH", "AC"]);
    assert_eq!(members[0].membership.kind, MemberKind::Chair);
    assert!(!members[5].membership.voting, "the secretary does not vote");
    let interests = app.interests(None).expect("interests");
    assert_eq!(interests.len(), 2);
    assert!(interests
        .iter()
        .any(|i| i.category == InterestCategory::NonFinancialProfessional
            && i.description == "Trustee"));
    assert_eq!(app.nil_returns(None).expect("nil returns").len(), 1);
    assert!(page_count(&register_pdf) >= 1);
    let register_text = pdf_text(&register_pdf);
    assert!(
        register_text.contains("Calder Construction Ltd"),
        "{register_text}"
    );
    // A ready pack: exported, with the committee's name on it.
    assert!(page_count(&pack_pdf) >= 2);
    let pack_text = pdf_text(&pack_pdf);
    assert!(pack_text.contains("Trust Board"), "{pack_text}");
    // The logo chosen in the first step heads the pack's front cover and the register.
    for pdf in [&pack_pdf, &register_pdf] {
        assert!(
            first_page_has_a_picture(pdf),
            "no logo on the first page of {}",
            pdf.display()
        );
    }
    let meeting = app.meetings().expect("meetings")[0].meeting.id;
    let readiness = app
        .readiness(meeting, boardpack::today())
        .expect("readiness");
    assert!(!readiness.blocking, "{:?}", readiness.problems);
}
