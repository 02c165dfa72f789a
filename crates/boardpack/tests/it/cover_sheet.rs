//! The cover sheet's format: objectives grouped under the organisation's headings, and a
//! previous consideration recorded in words instead of a purpose.

use boardpack_core::paper::ObjectiveEntry;

/// The text of the first page that holds `needle` and the page after it (where a long
/// cover sheet may run on), as `pdftotext -layout` reads it.
fn page_with(pages: &[String], needle: &str) -> String {
    let at = pages
        .iter()
        .position(|p| p.contains(needle))
        .unwrap_or_else(|| panic!("no page holds {needle:?}"));
    let end = (at + 2).min(pages.len());
    pages[at..end].join("\n")
}

fn pack_pages(public: bool) -> Vec<String> {
    let (dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let out = dir.path().join("pack.pdf");
    app.export_pack(meeting, public, &out, boardpack::today(), &mut |_| {})
        .unwrap();
    super::pack::built::pages_text(&out)
}

#[test]
fn objectives_print_grouped_under_the_organisations_headings_in_its_order() {
    let pages = pack_pages(false);
    let sheet = page_with(&pages, "Safe, high quality, patient centred healthcare");
    let at = |s: &str| {
        sheet
            .find(s)
            .unwrap_or_else(|| panic!("{s:?} not on the cover sheet:\n{sheet}"))
    };
    // Two groups side by side: their headings on one row, then their objectives, each
    // group in its own order, "Our patients" on the left.
    assert!(at("Our patients") < at("Our enablers"));
    assert!(at("Our enablers") < at("Safe, high quality, patient centred healthcare"));
    assert!(at("Safe, high quality") < at("A caring, professional, engaged workforce"));
    assert!(at("A caring, professional") < at("Effective, integrated emergency care"));
    assert!(at("Effective, integrated") < at("Consistently meeting national access"));
    assert!(at("Financially sustainable NHS") < at("Enabled by excellent IM&T"));
    // Every objective is grouped, so the plain heading is not used.
    assert!(!sheet.contains("Strategic objective"), "{sheet}");
}

#[test]
fn a_previous_consideration_can_be_recorded_in_words() {
    let pages = pack_pages(false);
    let sheet = page_with(&pages, "Trust Board development session");
    let flat = sheet.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Purpose or outcome"), "{flat}");
    assert!(
        flat.contains("Discussed at the November development session; no formal outcome"),
        "{flat}"
    );
    // The rows with a purpose still print it.
    assert!(flat.contains("Assurance"), "{flat}");
}

#[test]
fn headings_are_kept_with_the_objectives_and_ungrouped_ones_print_under_the_plain_heading() {
    let (dir, app) = super::demo();
    let org = app.organisations().unwrap()[0].id;
    let mut list: Vec<ObjectiveEntry> = app
        .objectives(org)
        .unwrap()
        .into_iter()
        .map(|o| ObjectiveEntry {
            id: Some(o.id),
            heading: o.heading,
            text: o.text,
        })
        .collect();
    let kept = list[0].id;
    list[0].heading = "  Our patients  ".into();
    // The last objective taken out of its group prints under the plain heading.
    list.last_mut().unwrap().heading = String::new();
    let saved = app.set_objectives(org, &list).unwrap();
    assert_eq!(
        saved[0].id,
        kept.unwrap(),
        "an existing objective keeps its id"
    );
    assert_eq!(saved[0].heading, "Our patients", "headings are trimmed");
    let read = app.objectives(org).unwrap();
    assert_eq!(read, saved);
    let groups = boardpack_core::paper::objective_groups(&read);
    let headings: Vec<&str> = groups.iter().map(|(h, _)| *h).collect();
    assert_eq!(headings, ["Our patients", "Our enablers", ""]);

    let meeting = app.meetings().unwrap()[0].meeting.id;
    let out = dir.path().join("pack.pdf");
    app.export_pack(meeting, false, &out, boardpack::today(), &mut |_| {})
        .unwrap();
    let pages = super::pack::built::pages_text(&out);
    let sheet = page_with(&pages, "Safe, high quality, patient centred healthcare");
    // A third group, the objective not grouped, follows the first two under its own
    // heading row ("Strategic objective").
    let at = |s: &str| sheet.find(s).unwrap_or_else(|| panic!("{s:?}:\n{sheet}"));
    assert!(at("Our enablers") < at("Financially sustainable NHS"));
    assert!(at("Financially sustainable NHS") < at("Strategic objective"));
    assert!(at("Strategic objective") < at("Enabled by excellent IM&T"));

    // A heading too long or holding control characters is refused by name.
    list[1].heading = "x".repeat(501);
    let err = app.set_objectives(org, &list).unwrap_err().to_string();
    assert!(err.contains("heading"), "{err}");
}

/// An organisation's own wording for the confidentiality marking heads every page of the
/// Part 2 paper in the full pack instead of "CONFIDENTIAL – Part 2", stays through edits
/// of the organisation's details and travels in the archive; too long or with control
/// characters it is refused by name; empty, the default comes back.
#[test]
fn the_organisation_sets_its_own_confidentiality_marking() {
    let (dir, app) = super::demo();
    let org = app.organisations().unwrap()[0].clone();
    let own = "RESTRICTED – not for publication";
    app.set_confidential_marking(org.id, &format!("  {own} "))
        .unwrap();
    // Editing the organisation's details keeps it.
    app.update_organisation(
        org.id,
        &boardpack::OrganisationDetails {
            name: org.name.clone(),
            short_name: "RUH".into(),
            language: org.language.clone(),
            bulletin_wording: String::new(),
        },
    )
    .unwrap();
    assert_eq!(app.organisations().unwrap()[0].confidential_marking, own);

    let meeting = app.meetings().unwrap()[0].meeting.id;
    let plan = app.pack_plan(meeting, false).unwrap();
    let out = dir.path().join("pack.pdf");
    app.export_pack(meeting, false, &out, boardpack::today(), &mut |_| {})
        .unwrap();
    let texts = super::pack::built::pages_text(&out);
    let j = plan.papers.iter().find(|p| p.letter == "J").unwrap();
    let part_2 = j.first_page..j.first_page + j.cover_pages + j.document_pages;
    for (k, text) in texts.iter().take(plan.total_pages).enumerate() {
        let head = text.lines().map(str::trim).find(|l| !l.is_empty());
        assert_eq!(
            head == Some(own),
            part_2.contains(&(k + 1)),
            "page {}",
            k + 1
        );
        assert!(!text.contains("CONFIDENTIAL – Part 2"), "page {}", k + 1);
    }

    // The archive carries it.
    let archive = app.archive(&boardpack::ArchiveScope::Everything).unwrap();
    assert_eq!(archive.organisations[0].confidential_marking, own);

    for bad in ["x".repeat(81), "RESTRICTED\u{7}".to_owned()] {
        let err = app
            .set_confidential_marking(org.id, &bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains("confidential marking"), "{err}");
    }
    app.set_confidential_marking(org.id, "").unwrap();
    app.export_pack(meeting, false, &out, boardpack::today(), &mut |_| {})
        .unwrap();
    let texts = super::pack::built::pages_text(&out);
    assert!(texts[j.first_page - 1].contains("CONFIDENTIAL – Part 2"));
}
