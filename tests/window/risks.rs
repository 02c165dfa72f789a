//! The risk registers screen: a risk added in the form is listed on its register with its
//! ratings coloured by band, and a strategic objective added and saved is kept by the
//! library in the order shown.

use boardpack_core::risk::RiskRegister;

use crate::driver::with_app;
use crate::{board_with_chair, TempDb};

#[tokio::test]
async fn a_risk_and_an_objective_added_in_the_window_are_saved() {
    let db = TempDb::new();
    let committee = board_with_chair(&db);

    with_app("risks", &db.path, move |w| async move {
        w.click("#risks-button").await;
        w.wait_for_text("#risks-heading", "Risk registers").await;

        w.click("#add-risk-baf").await;
        w.fill("#risk-reference", "PR 1").await;
        w.fill("#risk-owner", "Chief Nurse").await;
        w.fill(
            "#risk-title",
            "There is a risk that ambulance handover delays harm patients",
        )
        .await;
        w.fill("#risk-current", "16").await;
        w.fill("#risk-target", "8").await;
        w.press_enter("#risk-target").await;
        w.wait_for_text("#risks-notice", "Risk PR 1 saved.").await;
        let row = w
            .text("[data-testid=register-baf] [data-testid=risk-row]")
            .await;
        assert!(row.contains("PR 1") && row.contains("Chief Nurse"), "{row}");
        assert_eq!(
            w.find_all("[data-testid=register-baf] .band-extreme")
                .await
                .len(),
            1,
            "16 is in the extreme band"
        );
        assert_eq!(
            w.find_all("[data-testid=register-baf] .band-high")
                .await
                .len(),
            1,
            "8 is in the high band"
        );
        w.keep_screenshot("risk-registers-baf").await;

        // A rating off the 5 × 5 scale is refused with the library's sentence.
        w.click("#add-risk-operational").await;
        w.fill("#risk-reference", "3045").await;
        w.fill(
            "#risk-title",
            "There is a risk that theatre ventilation fails",
        )
        .await;
        w.fill("#risk-current", "30").await;
        w.fill("#risk-target", "4").await;
        w.click("#risk-submit").await;
        w.wait_for_text("#risks-error", "30").await;

        w.fill(
            "#new-objective",
            "Safe, high quality, patient centred healthcare",
        )
        .await;
        w.press_enter("#new-objective").await;
        // Objectives are grouped under headings the organisation sets; a new one takes the
        // heading of the one above it until it is changed.
        w.fill("#objective-heading-0", "Our patients").await;
        w.fill("#new-objective", "Financially sustainable NHS organisation")
            .await;
        w.click("#add-objective").await;
        w.fill("#objective-heading-1", "Our enablers").await;
        w.click("#save-objectives").await;
        w.wait_for_text("#risks-notice", "Objectives saved.").await;
        w.keep_screenshot("risk-registers").await;
    })
    .await;

    let app = db.open();
    let risks = app.risks(committee.organisation_id).expect("risks");
    assert_eq!(risks.len(), 1, "only the valid risk was saved");
    assert_eq!(risks[0].register, RiskRegister::Baf);
    assert_eq!(risks[0].current_rating, 16);
    let objectives = app
        .objectives(committee.organisation_id)
        .expect("objectives");
    let texts: Vec<(&str, &str)> = objectives
        .iter()
        .map(|o| (o.heading.as_str(), o.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (
                "Our patients",
                "Safe, high quality, patient centred healthcare"
            ),
            ("Our enablers", "Financially sustainable NHS organisation")
        ]
    );
}
