//! The pack plan: what goes in, in which order, on which page; and that nothing private
//! reaches the public pack.

use boardpack_core::pack::PageSource;

#[test]
fn the_private_plan_holds_everything_in_agenda_order() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let plan = app.pack_plan(meeting, false).unwrap();
    let letters: Vec<&str> = plan.papers.iter().map(|p| p.letter.as_str()).collect();
    assert_eq!(letters, ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]);
    // Page numbers add up: each paper starts after the previous one's cover sheet,
    // document and appendices.
    let mut expected = plan.papers[0].first_page;
    for p in &plan.papers {
        assert_eq!(p.first_page, expected, "Paper {}", p.letter);
        expected += p.cover_pages + p.document_pages + p.appendix_pages;
    }
    assert_eq!(plan.total_pages, expected - 1);
    let counted: usize = plan
        .pack
        .runs
        .iter()
        .map(|r| match &r.source {
            PageSource::Generated { count, .. } => *count,
            PageSource::Attachment { pages, .. } => *pages,
        })
        .sum();
    assert_eq!(counted, plan.total_pages);
    // Bookmarks: front cover, agenda, then one per top-level item; 11.1 and 11.2 nest.
    let titles: Vec<&str> = plan
        .pack
        .bookmarks
        .iter()
        .map(|b| b.title.as_str())
        .collect();
    assert_eq!(
        titles[..3],
        [
            "Front cover",
            "Agenda",
            "1. Welcome and apologies for absence"
        ]
    );
    assert_eq!(titles.len(), 2 + 15);
    let winter = plan
        .pack
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
        .pack
        .bookmarks
        .iter()
        .find(|b| b.title.starts_with("6. "))
        .unwrap();
    assert_eq!(ceo.children.len(), 3, "cover sheet, paper, appendix");
    // The agenda (its own run of pages) shows where each paper starts.
    let PageSource::Generated { first, count } = plan.pack.runs[1].source else {
        panic!("the agenda is generated")
    };
    let agenda_text: String = plan.pack.generated.pages[first..first + count]
        .iter()
        .map(|p| p.text())
        .collect();
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
    let secret = private.papers.iter().find(|p| p.letter == "J").unwrap();
    assert!(public.papers.iter().all(|p| p.paper_id != secret.paper_id));
    let paper = app.paper(secret.paper_id).unwrap();
    let doc = paper.document.unwrap().sha256;
    assert!(public.pack.runs.iter().all(|r| r.source
        != PageSource::Attachment {
            file: doc.clone(),
            pages: 2
        }));
    let all_text: String = public
        .pack
        .generated
        .pages
        .iter()
        .map(|p| p.text())
        .collect();
    for needle in [
        "car park",
        "Calder",
        "Commercial in confidence",
        "Kirsty Lamb",
        "Full pack",
        "CONFIDENTIAL",
        "Part 2 –",
    ] {
        assert!(
            !all_text.contains(needle),
            "the public pack mentions {needle:?}"
        );
    }
    assert!(all_text.contains("Further business will be taken in private."));
    assert!(all_text.contains("Resolution to exclude the press and public"));
    assert!(all_text.contains("Public pack"));
    assert!(!all_text.contains("Private session"));
    assert!(public
        .pack
        .bookmarks
        .iter()
        .all(|b| !b.title.contains("car park")));
    assert!(public.total_pages < private.total_pages);
}

/// The text runs of the plan's agenda pages, in order, with their page and baseline.
fn agenda_runs(plan: &boardpack_core::pack::PackPlan) -> Vec<(usize, f32, String)> {
    let PageSource::Generated { first, count } = plan.pack.runs[1].source else {
        panic!("the agenda is generated")
    };
    let mut runs = Vec::new();
    for (k, page) in plan.pack.generated.pages[first..first + count]
        .iter()
        .enumerate()
    {
        for item in &page.items {
            if let boardpack_pdf::layout::Item::Text(run) = item {
                runs.push((k, run.y, run.text.clone()));
            }
        }
    }
    runs
}

/// Where a text starts on the agenda, as (page, y from the top): what comes first reads first.
fn agenda_place(runs: &[(usize, f32, String)], text: &str) -> (usize, f32) {
    runs.iter()
        .find(|(_, _, t)| t.starts_with(text))
        .map(|(p, y, _)| (*p, *y))
        .unwrap_or_else(|| panic!("the agenda has no {text:?}"))
}

/// Part 1 (the public business, the closing items included), then the resolution to exclude
/// the press and public, then Part 2: in numbers, in times, and on the agenda's pages.
#[test]
fn private_business_comes_after_all_public_business_with_the_resolution_between() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let view = app.agenda(meeting).unwrap();
    let rows: Vec<(String, String, boardpack_core::Session)> = view
        .rows
        .iter()
        .filter(|r| r.slot.depth == 0)
        .map(|r| {
            (
                r.slot.number.clone(),
                r.slot.start.unwrap().format("%H:%M").to_string(),
                r.item.session,
            )
        })
        .collect();
    let last = rows.last().unwrap();
    assert_eq!(
        (last.0.as_str(), last.2),
        ("15", boardpack_core::Session::Private),
        "{rows:?}"
    );
    assert!(rows[..14]
        .iter()
        .all(|r| r.2 == boardpack_core::Session::Public));
    // Timed after the date of the next meeting (11:45, one minute), not at 11:40.
    assert_eq!(last.1, "11:46");
    assert_eq!(rows[12].1, "11:40", "any other business");

    let plan = app.pack_plan(meeting, false).unwrap();
    let runs = agenda_runs(&plan);
    let order = [
        "Part 1 – business to be held in public",
        "Date and time of next meeting",
        "Resolution to exclude the press and public",
        "Part 2 – business to be taken in private",
        "Award of contract – Riverside car park decking",
    ]
    .map(|t| agenda_place(&runs, t));
    for pair in order.windows(2) {
        assert!(
            pair[0].0 < pair[1].0 || (pair[0].0 == pair[1].0 && pair[0].1 < pair[1].1),
            "{order:?}"
        );
    }
    // The private item's bookmark comes last, numbered after the public items.
    assert_eq!(
        plan.pack.bookmarks.last().unwrap().title,
        "15. Award of contract – Riverside car park decking scheme"
    );
}

/// The public pack numbers its items 1, 2, 3… without a gap: the private item, numbered
/// after them, is simply not there.
#[test]
fn the_public_packs_numbers_run_without_gaps() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let public = app.pack_plan(meeting, true).unwrap();
    let numbers: Vec<u32> = public.pack.bookmarks[2..]
        .iter()
        .map(|b| b.title.split('.').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(numbers, (1..=14).collect::<Vec<u32>>());
    let runs = agenda_runs(&public);
    let resolution = agenda_place(&runs, "Resolution to exclude the press and public");
    let aob = agenda_place(&runs, "Date and time of next meeting");
    assert!(aob < resolution, "the resolution closes the public agenda");
    assert!(runs.iter().all(|(_, _, t)| !t.starts_with("Part 2")));
}

/// The agenda names each paper as the paper names itself.
#[test]
fn the_agenda_gives_each_paper_its_own_title() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let plan = app.pack_plan(meeting, false).unwrap();
    let text: String = agenda_runs(&plan)
        .into_iter()
        .map(|(_, _, t)| t)
        .collect::<Vec<_>>()
        .join(" ");
    for paper in app
        .agenda(meeting)
        .unwrap()
        .rows
        .iter()
        .flat_map(|r| &r.papers)
    {
        // Wrapped in its cell, the title reads with spaces where its lines break.
        let words: Vec<&str> = paper.paper.title.split_whitespace().collect();
        assert!(
            text.contains(&words.join(" ")) || {
                let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
                flat.contains(&words.join(" "))
            },
            "the agenda does not name {:?}",
            paper.paper.title
        );
    }
    assert!(!text.contains("Finance and use of resources report, month 7"));
}

/// The text of a paper's cover sheet in a plan (the generated run whose footer names it).
fn cover_text(plan: &boardpack_core::pack::PackPlan, letter: &str) -> String {
    let footer = format!("· Paper {letter}");
    plan.pack
        .runs
        .iter()
        .filter(|r| r.footer.ends_with(&footer))
        .filter_map(|r| match r.source {
            PageSource::Generated { first, count } => Some(
                plan.pack.generated.pages[first..first + count]
                    .iter()
                    .map(|p| p.text())
                    .collect::<String>(),
            ),
            PageSource::Attachment { .. } => None,
        })
        .collect()
}

/// No full stop inside a bracketed answer; no sentence about page limits that are not set;
/// a typed date written as the pack writes dates.
#[test]
fn cover_sheets_print_only_what_is_set_as_the_seeds_do() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let plan = app.pack_plan(meeting, false).unwrap();
    let c = cover_text(&plan, "C");
    let flat = c.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("[Not applicable]"), "{flat}");
    assert!(!flat.contains(".]"), "{flat}");
    assert!(flat.contains("Papers should not exceed 7 pages."), "{flat}");
    let paper = app
        .agenda(meeting)
        .unwrap()
        .rows
        .iter()
        .flat_map(|r| r.papers.clone())
        .find(|p| p.letter == "C")
        .unwrap()
        .paper;
    let mut cover = paper.cover.clone();
    cover.summary_page_limit = 0;
    cover.paper_page_limit = 0;
    cover.previous_consideration = vec![boardpack_core::paper::PreviousConsideration {
        meeting: "Executive Strategy Board".into(),
        date: "19/11/2026".into(),
        purpose: None,
        outcome: String::new(),
    }];
    app.update_paper(&boardpack::papers::PaperEdit {
        id: paper.id,
        title: paper.title.clone(),
        authors: paper.authors.clone(),
        sponsor: paper.sponsor.clone(),
        letter: String::new(),
        cover,
        received_on: String::new(),
    })
    .unwrap();
    let plan = app.pack_plan(meeting, false).unwrap();
    let c = cover_text(&plan, "C");
    assert!(!c.contains("should not exceed"), "{c}");
    assert!(!c.contains("0 pages"), "{c}");
    assert!(
        c.contains("19 November 2026") && !c.contains("19/11/2026"),
        "{c}"
    );
    assert!(cover_text(&plan, "D").contains("should not exceed"));
}

/// Figures in the pack's tables are right-aligned: the agenda's page numbers and the
/// cover sheets' risk ratings end at one right edge, their column's heading's.
#[test]
fn figures_in_tables_are_right_aligned() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let plan = app.pack_plan(meeting, false).unwrap();
    let right_edges = |pages: &[boardpack_pdf::layout::LaidPage], heading: &str| {
        let mut heads = Vec::new();
        let mut figures = Vec::new();
        for page in pages {
            for item in &page.items {
                if let boardpack_pdf::layout::Item::Text(run) = item {
                    let right = run.x + run.width();
                    // A heading may wrap: its last word ends where its column does.
                    if run.text == heading || run.text.ends_with(&format!(" {heading}")) {
                        heads.push(right);
                    } else if !run.text.is_empty()
                        && run
                            .text
                            .chars()
                            .all(|c| c.is_ascii_digit() || c == ',' || c == ' ')
                    {
                        figures.push((run.x, right));
                    }
                }
            }
        }
        (heads, figures)
    };
    // The agenda: every page number ends where "Page" does.
    let PageSource::Generated { first, count } = plan.pack.runs[1].source else {
        panic!("the agenda is generated")
    };
    let (heads, figures) = right_edges(&plan.pack.generated.pages[first..first + count], "Page");
    let edge = heads[0];
    let pages: Vec<&(f32, f32)> = figures.iter().filter(|(x, _)| *x > edge - 40.0).collect();
    assert!(pages.len() >= 10, "{figures:?}");
    for (_, right) in pages {
        assert!(
            (right - edge).abs() < 0.5,
            "a page number ends at {right}, the column at {edge}"
        );
    }
    // Paper G's cover sheet: the BAF table's ratings end where "Rating" does.
    let g = plan
        .pack
        .runs
        .iter()
        .find(|r| r.footer.ends_with("· Paper G"))
        .unwrap();
    let PageSource::Generated { first, count } = g.source else {
        panic!("the cover sheet is generated")
    };
    let (heads, figures) = right_edges(&plan.pack.generated.pages[first..first + count], "Rating");
    assert_eq!(heads.len(), 2, "current and target rating");
    let ratings: Vec<&(f32, f32)> = figures
        .iter()
        .filter(|(_, r)| heads.iter().any(|h| (r - h).abs() < 40.0))
        .collect();
    assert!(
        ratings.len() >= 12,
        "six risks, two ratings each: {figures:?}"
    );
    for (_, right) in ratings {
        assert!(
            heads.iter().any(|h| (right - h).abs() < 0.5),
            "a rating ends at {right}, the columns at {heads:?}"
        );
    }
}

/// Every demo cover sheet fits on one page, as the seed's does; a sheet spills onto a
/// second only when its summary itself is long.
#[test]
fn a_cover_sheet_takes_one_page_unless_its_summary_is_long() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let plan = app.pack_plan(meeting, false).unwrap();
    for p in &plan.papers {
        assert_eq!(p.cover_pages, 1, "Paper {}", p.letter);
    }
    let paper = app
        .agenda(meeting)
        .unwrap()
        .rows
        .iter()
        .flat_map(|r| r.papers.clone())
        .find(|p| p.letter == "G")
        .unwrap()
        .paper;
    let mut cover = paper.cover.clone();
    cover.context = "The review covers each principal risk in turn, its controls, the assurance received in the quarter and the gaps that remain. ".repeat(25);
    app.update_paper(&boardpack::papers::PaperEdit {
        id: paper.id,
        title: paper.title.clone(),
        authors: paper.authors.clone(),
        sponsor: paper.sponsor.clone(),
        letter: String::new(),
        cover,
        received_on: String::new(),
    })
    .unwrap();
    let plan = app.pack_plan(meeting, false).unwrap();
    let g = plan.papers.iter().find(|p| p.letter == "G").unwrap();
    assert!(g.cover_pages >= 2, "a long summary spills");
}

pub mod built {
    //! The written pack, parsed back (its helpers read the bulletin too).

    use std::collections::BTreeMap;
    use std::path::Path;

    use lopdf::{Document, Object, ObjectId};

    fn build(public: bool) -> (tempfile::TempDir, boardpack::Boardpack, Vec<u8>) {
        let (dir, app) =
            super::super::demo_on(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        let meeting = app.meetings().unwrap()[0].meeting.id;
        let out = dir
            .path()
            .join(if public { "public.pdf" } else { "private.pdf" });
        let mut stages = Vec::new();
        let report = app
            .export_pack(meeting, public, &out, boardpack::today(), &mut |p| {
                stages.push(p.stage)
            })
            .unwrap();
        assert!(stages.contains(&"Assembling".to_string()));
        let bytes = std::fs::read(&out).unwrap();
        assert_eq!(report.bytes, bytes.len() as u64);
        (dir, app, bytes)
    }

    /// Each page's text, as `pdftotext -layout` reads it.
    pub fn pages_text(path: &Path) -> Vec<String> {
        crate::pdf_text(path, true)
            .split('\u{c}')
            .map(str::to_owned)
            .collect()
    }

    pub fn page_numbers(doc: &Document) -> BTreeMap<ObjectId, u32> {
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect()
    }

    /// The outline from `first` on, as (depth, title, page) in reading order.
    pub fn outline(
        doc: &Document,
        first: Option<ObjectId>,
        pages: &BTreeMap<ObjectId, u32>,
        depth: usize,
        out: &mut Vec<(usize, String, u32)>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let d = doc.get_dictionary(id).unwrap();
            let title = match d.get(b"Title").unwrap() {
                Object::String(bytes, _) => lopdf::decode_text_string(&Object::String(
                    bytes.clone(),
                    lopdf::StringFormat::Literal,
                ))
                .unwrap_or_default(),
                _ => String::new(),
            };
            let dest = d.get(b"Dest").and_then(Object::as_array).unwrap();
            let page = pages[&dest[0].as_reference().unwrap()];
            out.push((depth, title, page));
            outline(
                doc,
                d.get(b"First").and_then(Object::as_reference).ok(),
                pages,
                depth + 1,
                out,
            );
            next = d.get(b"Next").and_then(Object::as_reference).ok();
        }
    }

    #[test]
    fn the_private_pack_has_every_page_footer_bookmark_and_link() {
        let (dir, app, bytes) = build(false);
        let meeting = app.meetings().unwrap()[0].meeting.id;
        let plan = app.pack_plan(meeting, false).unwrap();
        let doc = Document::load_mem(&bytes).unwrap();
        let pages = page_numbers(&doc);
        assert_eq!(pages.len(), plan.total_pages);

        // The footer on every page, attached pages included.
        let path = dir.path().join("private.pdf");
        let texts = pages_text(&path);
        let total = plan.total_pages;
        for (k, text) in texts.iter().take(total).enumerate() {
            let want = format!("Page {} of {total}", k + 1);
            assert!(text.contains(&want), "page {}: no footer {want:?}", k + 1);
            assert!(
                text.contains("Trust Board · 3 December 2026"),
                "page {}",
                k + 1
            );
        }
        let paper_e = plan.papers.iter().find(|p| p.letter == "E").unwrap();
        assert!(
            texts[paper_e.first_page].contains("Paper E · Page"),
            "the paper's own pages carry its letter"
        );

        // Bookmarks: titles and targets.
        let catalog = doc.catalog().unwrap();
        let outlines = doc
            .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
            .unwrap();
        let mut marks = Vec::new();
        outline(
            &doc,
            outlines.get(b"First").and_then(Object::as_reference).ok(),
            &pages,
            0,
            &mut marks,
        );
        assert_eq!(marks[0], (0, "Front cover".into(), 1));
        assert_eq!(marks[1], (0, "Agenda".into(), 2));
        let e = marks
            .iter()
            .position(|(d, t, _)| *d == 0 && t.starts_with("8. Finance"))
            .unwrap();
        assert_eq!(marks[e].2 as usize, paper_e.first_page);
        assert_eq!(
            marks[e + 1],
            (1, "Cover sheet".into(), paper_e.first_page as u32)
        );
        assert_eq!(
            marks[e + 2].1,
            "Paper E – Finance and use of resources report – month 7"
        );
        assert_eq!(
            marks[e + 2].2 as usize,
            paper_e.first_page + paper_e.cover_pages
        );

        // Every agenda link lands on its paper's first page.
        let agenda_page = pages
            .iter()
            .find(|(_, n)| **n == 2)
            .map(|(id, _)| *id)
            .unwrap();
        let mut targets = std::collections::BTreeSet::new();
        for annot in doc.get_page_annotations(agenda_page).unwrap() {
            if annot.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link") {
                continue;
            }
            let dest = annot
                .get(b"Dest")
                .or_else(|_| {
                    annot
                        .get(b"A")
                        .and_then(Object::as_dict)
                        .and_then(|a| a.get(b"D"))
                })
                .and_then(Object::as_array)
                .unwrap();
            targets.insert(pages[&dest[0].as_reference().unwrap()] as usize);
        }
        let firsts: std::collections::BTreeSet<usize> = plan
            .papers
            .iter()
            .filter(|p| p.first_page < 100)
            .map(|p| p.first_page)
            .collect();
        assert!(!targets.is_empty());
        assert!(
            targets.is_subset(&firsts),
            "agenda links {targets:?} vs paper starts {firsts:?}"
        );
        // The first agenda page links the papers of the standing items and the first substantive ones.
        assert!(targets.contains(&plan.papers[0].first_page));

        crate::assert_qpdf_accepts(&path);
    }

    /// Every page of the Part 2 paper's cover sheet and document, and no other page, is
    /// marked CONFIDENTIAL – Part 2 in the full pack; the cover sheet gives the reason the
    /// item is taken in private; the front cover says which pack it is.
    #[test]
    fn the_full_pack_marks_every_page_of_part_2_and_only_those() {
        let (dir, app, _) = build(false);
        let meeting = app.meetings().unwrap()[0].meeting.id;
        let plan = app.pack_plan(meeting, false).unwrap();
        let texts = pages_text(&dir.path().join("private.pdf"));
        let j = plan.papers.iter().find(|p| p.letter == "J").unwrap();
        let part_2 = j.first_page..j.first_page + j.cover_pages + j.document_pages;
        assert!(j.document_pages > 0);
        for (k, text) in texts.iter().take(plan.total_pages).enumerate() {
            let page = k + 1;
            // The marking heads the page.
            let head = text.lines().map(str::trim).find(|l| !l.is_empty());
            assert_eq!(
                head == Some("CONFIDENTIAL – Part 2"),
                part_2.contains(&page),
                "page {page}: {head:?}"
            );
        }
        let cover = &texts[j.first_page - 1];
        let flat = cover.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Reason: Commercial in confidence: contract negotiations are not concluded (Freedom of Information Act 2000, section 43)."),
            "{cover}"
        );
        assert!(texts[0].contains("Full pack – contains confidential papers"));
        assert!(!texts[0].contains("Private session"));

        let (dir, _app, _) = build(true);
        let texts = pages_text(&dir.path().join("public.pdf"));
        assert!(texts.iter().all(|t| !t.contains("CONFIDENTIAL")));
        assert!(texts[0].contains("Public pack"));
    }

    #[test]
    fn two_builds_are_byte_identical() {
        let (_d1, _a1, first) = build(false);
        let (_d2, _a2, second) = build(false);
        assert!(first == second, "the same meeting gave different bytes");
        let (_d3, _a3, public) = build(true);
        assert!(public != first);
    }

    #[test]
    fn the_public_pack_contains_no_text_of_any_private_item_or_paper() {
        let (dir, app, bytes) = build(true);
        let text = pages_text(&dir.path().join("public.pdf")).join("\n");
        // Every word of the private paper's title, body and cover sheet is absent.
        for needle in [
            "car park",
            "Calder",
            "decking",
            "6.85m",
            "Commercial in confidence",
            "Author(s): Kirsty Lamb",
            "Paper J",
        ] {
            assert!(
                !text.contains(needle),
                "the public pack mentions {needle:?}"
            );
        }
        let doc = Document::load_mem(&bytes).unwrap();
        assert!(
            doc.get_pages().len()
                < app
                    .pack_plan(app.meetings().unwrap()[0].meeting.id, false)
                    .unwrap()
                    .total_pages
        );
        // Nor do its bookmarks or metadata.
        let raw = String::from_utf8_lossy(&bytes);
        assert!(!raw.contains("car park") && !raw.contains("Calder"));
    }

    #[test]
    fn a_blocked_meeting_writes_no_file_and_says_why() {
        let (dir, app) = super::super::demo();
        let tb = app.committee_by_code("TB").unwrap();
        let m = app
            .add_meeting(&boardpack_core::meeting::NewMeeting {
                committee_id: tb.id,
                number: None,
                date: "2027-01-14".into(),
                start_time: "09:30".into(),
                end_time: String::new(),
                venue: String::new(),
                chair_id: None,
                session: boardpack_core::Session::Public,
            })
            .unwrap();
        let out = dir.path().join("pack.pdf");
        let err = app
            .export_pack(m.id, false, &out, boardpack::today(), &mut |_| {})
            .unwrap_err();
        assert_eq!(err.code(), "not_ready");
        assert!(err.to_string().starts_with("The pack cannot be built yet: Item 4 (Minutes of the previous meeting) has no paper"), "{err}");
        // The UI lists the problems one by one.
        let report = boardpack::ErrorReport::from(&err);
        assert!(
            report.details[0].starts_with("Item 4 (Minutes of the previous meeting) has no paper"),
            "{report:?}"
        );
        assert!(report
            .details
            .iter()
            .all(|d| err.to_string().contains(d.as_str())));
        assert!(!out.exists());
        assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("boardpack-pack")));
    }
}

#[test]
fn a_pack_is_offered_under_the_committee_and_date() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    assert_eq!(
        app.pack_file_name(meeting, true).unwrap(),
        "Trust Board 2026-12-03 pack (public).pdf"
    );
    assert_eq!(
        app.pack_file_name(meeting, false).unwrap(),
        "Trust Board 2026-12-03 pack (private).pdf"
    );
}

#[test]
fn every_usable_corpus_file_goes_into_a_valid_pack() {
    use boardpack::agenda::NewItem;
    use boardpack::papers::{NewPaper, PaperEdit};
    use boardpack_core::agenda::{AgendaItem, Lead, Purpose};
    use boardpack_core::meeting::NewMeeting;
    use boardpack_core::Session;

    let (dir, app) = super::demo();
    let demo = app.meetings().unwrap()[0].meeting.id;
    let complete = app
        .agenda(demo)
        .unwrap()
        .rows
        .iter()
        .flat_map(|r| r.papers.clone())
        .next()
        .unwrap()
        .paper
        .cover;
    let tb = app.committee_by_code("TB").unwrap();
    let meeting = app
        .add_meeting(&NewMeeting {
            committee_id: tb.id,
            number: None,
            date: "2027-02-11".into(),
            start_time: "09:00".into(),
            end_time: "18:00".into(),
            venue: "Board Room".into(),
            chair_id: None,
            session: Session::Public,
        })
        .unwrap()
        .id;
    for row in app.agenda(meeting).unwrap().rows {
        app.update_item(&AgendaItem {
            paper_expected: false,
            ..row.item
        })
        .unwrap();
    }
    let mut refused = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(super::agenda::corpus(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let item = app
            .add_item(&NewItem {
                meeting_id: meeting,
                parent_id: None,
                title: name.clone(),
                purpose: Purpose::Noting,
                lead: Lead::None,
                duration_minutes: 5,
                session: Session::Public,
                private_reason: String::new(),
                confidential: false,
                for_bulletin: false,
                paper_expected: true,
            })
            .unwrap();
        match app.add_paper(&NewPaper {
            item_id: item.id,
            title: name.clone(),
            authors: "Author".into(),
            sponsor: "Sponsor".into(),
            letter: String::new(),
            file: Some(path.display().to_string()),
        }) {
            Ok(paper) => {
                app.update_paper(&PaperEdit {
                    id: paper.id,
                    title: paper.title,
                    authors: "Author".into(),
                    sponsor: "Sponsor".into(),
                    letter: String::new(),
                    cover: complete.clone(),
                    received_on: String::new(),
                })
                .unwrap();
            }
            Err(e) => {
                // Refused at attach time with a sentence: the item goes, so the pack can be built.
                assert_eq!(e.code(), "bad_attachment", "{name}: {e}");
                refused.push(name);
                app.delete_item(item.id, true).unwrap();
            }
        }
    }
    assert!(refused.len() <= 3, "refused: {refused:?}");
    let out = dir.path().join("corpus-pack.pdf");
    let report = app
        .export_pack(meeting, false, &out, boardpack::today(), &mut |_| {})
        .unwrap();
    let doc = lopdf::Document::load(&out).unwrap();
    assert_eq!(doc.get_pages().len(), report.pages as usize);
    crate::assert_qpdf_accepts(&out);
}

#[test]
fn a_pack_for_a_missing_folder_says_which_folder() {
    let (dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let out = dir.path().join("no such folder").join("pack.pdf");
    let err = app
        .export_pack(meeting, true, &out, boardpack::today(), &mut |_| {})
        .unwrap_err();
    assert_eq!(err.code(), "folder_missing");
    assert_eq!(
        err.to_string(),
        format!(
            "The folder {} does not exist: create it first, or choose another folder to save in.",
            dir.path().join("no such folder").display()
        )
    );
}
