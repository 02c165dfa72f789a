//! The pack plan: what goes in, in which order, on which page; and that nothing private
//! reaches the public pack.

use boardpack_core::pack::PageSource;

#[test]
fn the_private_plan_holds_everything_in_agenda_order() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let plan = app.pack_plan(meeting, false).unwrap();
    let letters: Vec<&str> = plan.papers.iter().map(|p| p.letter.as_str()).collect();
    assert_eq!(letters, ["A", "B", "C", "D", "E", "F", "G", "H", "I"]);
    // Page numbers add up: each paper starts after the previous one's cover sheet,
    // document and appendices.
    let mut expected = plan.papers[0].first_page;
    for p in &plan.papers {
        assert_eq!(p.first_page, expected, "Paper {}", p.letter);
        expected += p.cover_pages + p.document_pages + p.appendix_pages;
    }
    assert_eq!(plan.total_pages, expected - 1);
    let counted: usize = plan
        .runs
        .iter()
        .map(|r| match &r.source {
            PageSource::Generated { count, .. } => *count,
            PageSource::Attachment { pages, .. } => *pages,
        })
        .sum();
    assert_eq!(counted, plan.total_pages);
    // Bookmarks: front cover, agenda, then one per top-level item; 11.1 and 11.2 nest.
    let titles: Vec<&str> = plan.bookmarks.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(
        titles[..3],
        [
            "Front cover",
            "Agenda",
            "1. Welcome and apologies for absence"
        ]
    );
    assert_eq!(titles.len(), 2 + 14);
    let winter = plan
        .bookmarks
        .iter()
        .find(|b| b.title == "11. Winter plan 2026/27")
        .unwrap();
    let kids: Vec<&str> = winter.children.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(
        kids,
        [
            "Cover sheet",
            "Paper H – Winter plan 2026/27",
            "11.1. Urgent and emergency care",
            "11.2. Industrial action contingency"
        ]
    );
    let ceo = plan
        .bookmarks
        .iter()
        .find(|b| b.title.starts_with("6. "))
        .unwrap();
    assert_eq!(ceo.children.len(), 3, "cover sheet, paper, appendix");
    // The agenda shows where each paper starts.
    let agenda_text: String = plan.generated[1].text();
    assert!(
        agenda_text.contains("Award of contract – Riverside car park decking"),
        "{agenda_text}"
    );
    assert!(agenda_text.contains(&plan.papers[2].first_page.to_string()));
}

#[test]
fn the_public_plan_leaves_out_private_items_entirely() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let private = app.pack_plan(meeting, false).unwrap();
    let public = app.pack_plan(meeting, true).unwrap();
    let secret = private.papers.iter().find(|p| p.letter == "I").unwrap();
    assert!(public.papers.iter().all(|p| p.paper_id != secret.paper_id));
    let paper = app.paper(secret.paper_id).unwrap();
    let doc = paper.document.unwrap().sha256;
    assert!(public.runs.iter().all(|r| r.source
        != PageSource::Attachment {
            sha256: doc.clone(),
            pages: 2
        }));
    let all_text: String = public.generated.iter().map(|p| p.text()).collect();
    for needle in [
        "car park",
        "Calder",
        "Commercial in confidence",
        "Kirsty Lamb",
        "Private session",
    ] {
        assert!(
            !all_text.contains(needle),
            "the public pack mentions {needle:?}"
        );
    }
    assert!(all_text.contains("Further business will be taken in private."));
    assert!(all_text.contains("PUBLIC SESSION"));
    assert!(public
        .bookmarks
        .iter()
        .all(|b| !b.title.contains("car park")));
    assert!(public.total_pages < private.total_pages);
}
