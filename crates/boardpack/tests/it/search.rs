//! Search across the archive: what is found and in what order, the text of attached PDFs,
//! private items found and marked, the index following edits and deletes, upgrades and
//! imports, and queries that must never fail.

use std::path::Path;

use boardpack::agenda::NewItem;
use boardpack::papers::{NewPaper, PaperEdit};
use boardpack::{Boardpack, SearchHit, SearchKind};
use boardpack_core::agenda::{Lead, Purpose};
use boardpack_core::meeting::NewMeeting;
use boardpack_core::minutes::{Action, Minute};
use boardpack_core::paper::CoverSheet;
use boardpack_core::{ActionId, AgendaItemId, MeetingId, Session};

use super::agenda::corpus;

fn new_meeting(app: &Boardpack, date: &str) -> MeetingId {
    let tb = app.committee_by_code("TB").unwrap();
    app.add_meeting(&NewMeeting {
        committee_id: tb.id,
        number: None,
        date: date.into(),
        start_time: "09:30".into(),
        end_time: "12:30".into(),
        venue: "Board Room".into(),
        chair_id: None,
        session: Session::Public,
    })
    .unwrap()
    .id
}

fn add_item(app: &Boardpack, meeting: MeetingId, title: &str) -> AgendaItemId {
    app.add_item(&NewItem {
        meeting_id: meeting,
        parent_id: None,
        title: title.into(),
        purpose: Purpose::Discussion,
        lead: Lead::None,
        duration_minutes: 10,
        session: Session::Public,
        private_reason: String::new(),
        confidential: false,
        for_bulletin: false,
        paper_expected: true,
    })
    .unwrap()
    .id
}

fn search(app: &Boardpack, query: &str) -> Vec<SearchHit> {
    app.search(query, 50).unwrap()
}

/// Each hit as one line: kind, item number, paper letter, title.
fn lines(hits: &[SearchHit]) -> Vec<String> {
    hits.iter()
        .map(|h| {
            format!(
                "{} {} {} {}",
                h.kind.as_str(),
                h.item_number.as_deref().unwrap_or("-"),
                h.paper_letter.as_deref().unwrap_or("-"),
                h.title
            )
        })
        .collect()
}

fn matched(hit: &SearchHit) -> Vec<String> {
    hit.snippet
        .iter()
        .filter(|p| p.matched)
        .map(|p| p.text.to_lowercase())
        .collect()
}

#[test]
fn a_title_match_ranks_above_a_body_mention() {
    let (_dir, app) = super::demo();
    let m = new_meeting(&app, "2027-01-14");
    // A paper that mentions the word in its cover sheet, added first…
    let annual = add_item(&app, m, "Annual complaints report");
    let paper = app
        .add_paper(&NewPaper {
            item_id: annual,
            title: String::new(),
            authors: "Carol Fenwick".into(),
            sponsor: String::new(),
            letter: String::new(),
            file: None,
        })
        .unwrap();
    app.update_paper(&PaperEdit {
        id: paper.id,
        title: "Annual complaints report 2026".into(),
        authors: "Carol Fenwick".into(),
        sponsor: "Carol Fenwick, Chief Nurse".into(),
        letter: String::new(),
        cover: CoverSheet {
            context: "Complaints about discharge fell; complaints about the phlebotomy service rose after its move.".into(),
            ..CoverSheet::default()
        },
        received_on: String::new(),
    })
    .unwrap();
    // …then an item with the word in its title.
    let clinic = add_item(&app, m, "Phlebotomy service redesign");

    let hits = search(&app, "phlebotomy");
    assert_eq!(
        lines(&hits),
        [
            "item 7 - Phlebotomy service redesign",
            "paper 6 A Annual complaints report 2026",
        ]
    );
    let top = &hits[0];
    assert_eq!(top.item_id, Some(clinic));
    assert_eq!(top.meeting_id, m);
    assert_eq!(top.meeting, "Trust Board 143 – 14 January 2027");
    assert!(!top.private);
    assert_eq!(matched(top), ["phlebotomy"]);
    let second = &hits[1];
    assert_eq!(second.paper_id, Some(paper.id));
    assert_eq!(
        second.item_title.as_deref(),
        Some("Annual complaints report")
    );
    assert_eq!(
        second.paper_title.as_deref(),
        Some("Annual complaints report 2026")
    );
    assert!(
        second
            .snippet_text("[", "]")
            .contains("complaints about the [phlebotomy]"),
        "{:?}",
        second.snippet
    );

    // Prefixes and several words: every word must be there, each as the start of a word.
    assert_eq!(lines(&search(&app, "phleb")), lines(&hits));
    assert_eq!(
        lines(&search(&app, "complaints phlebotomy")),
        ["paper 6 A Annual complaints report 2026"]
    );
    assert_eq!(
        lines(&search(&app, "“phlebotomy service” redesign")),
        ["item 7 - Phlebotomy service redesign"]
    );
    assert!(search(&app, "phlebotomy zzyzx").is_empty());
    // The limit is honoured.
    assert_eq!(app.search("phlebotomy", 1).unwrap().len(), 1);
    assert!(app.search("phlebotomy", 0).unwrap().is_empty());
}

#[test]
fn meetings_items_papers_minutes_and_actions_are_all_found() {
    let (_dir, app) = super::demo();
    let demo = app.meetings().unwrap()[0].meeting.id;
    // A meeting by its committee and date.
    let hits = search(&app, "trust board december 2026");
    assert_eq!(hits[0].kind, SearchKind::Meeting);
    assert_eq!(hits[0].meeting_id, demo);
    assert_eq!(hits[0].title, "Trust Board 142 – 3 December 2026");
    assert_eq!(hits[0].item_id, None);
    // A paper by its sponsor; an item by its lead (a member, by name).
    let by_sponsor = search(&app, "Whitfield chief financial");
    assert!(by_sponsor.iter().any(
        |h| h.kind == SearchKind::Paper && h.title.starts_with("Finance and use of resources")
    ));
    let by_lead = search(&app, "Kirsty Lamb");
    assert!(
        by_lead.iter().any(|h| h.kind == SearchKind::Item
            && h.title == "Award of contract – Riverside car park decking scheme"),
        "{:?}",
        lines(&by_lead)
    );
    // Minutes and actions, placed at their item.
    let m = new_meeting(&app, "2027-02-11");
    let item = add_item(&app, m, "Estates strategy");
    app.save_minute(&Minute {
        item_id: item,
        discussion: "The board discussed the backlog of maintenance at the Woolhampton site."
            .into(),
        outcome: None,
        amendments: String::new(),
        resolutions: vec!["approve the Woolhampton disposal in principle".into()],
        actions: vec![Action {
            id: ActionId(uuid::Uuid::nil()),
            text: "Bring the Quenby valuation to the March board".into(),
            lead: "KL".into(),
            due: None,
            status: Default::default(),
        }],
    })
    .unwrap();
    assert_eq!(
        lines(&search(&app, "woolhampton")),
        ["minute 6 - Estates strategy"]
    );
    let action = search(&app, "quenby");
    assert_eq!(lines(&action), ["action 6 - Estates strategy"]);
    assert_eq!(action[0].item_id, Some(item));
    assert_eq!(action[0].meeting_id, m);
}

#[test]
fn the_text_of_attached_documents_and_appendices_is_found() {
    let (_dir, app) = super::demo();
    // In the body of the quality report (and nowhere else).
    let hits = search(&app, "sepsis screening");
    assert_eq!(hits.len(), 1, "{:?}", lines(&hits));
    let h = &hits[0];
    assert_eq!(h.kind, SearchKind::Document);
    assert_eq!(
        h.paper_title.as_deref(),
        Some("Quality and patient safety report")
    );
    assert!(
        h.title.ends_with(".pdf"),
        "a document is named by its file: {}",
        h.title
    );
    assert!(h.item_number.is_some() && h.paper_letter.is_some());
    assert_eq!(matched(h).join(" "), "sepsis screening");
    // In the Chief Executive's report and in its appendix: one hit for each file.
    let hits = search(&app, "SHMI");
    let titles: Vec<&str> = hits.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(hits.len(), 2, "{titles:?}");
    assert!(titles.contains(&"Appendix 1 – Quality and Performance Dashboard"));
    assert!(hits
        .iter()
        .all(|h| h.kind == SearchKind::Document && h.paper_id == hits[0].paper_id));
}

#[test]
fn a_pdf_attached_by_path_is_searchable_and_one_without_text_still_attaches() {
    let (_dir, app) = super::demo();
    let m = new_meeting(&app, "2027-01-14");
    let item = add_item(&app, m, "Research governance");
    let file = corpus("004-pdflatex-4-pages_pdflatex-4-pages.pdf");
    let paper = app
        .add_paper(&NewPaper {
            item_id: item,
            title: "Research governance report".into(),
            authors: String::new(),
            sponsor: String::new(),
            letter: String::new(),
            file: Some(file.display().to_string()),
        })
        .unwrap();
    let hits = search(&app, "huardest gefburn");
    assert_eq!(
        lines(&hits),
        ["document 6 A 004-pdflatex-4-pages_pdflatex-4-pages.pdf"]
    );
    assert_eq!(hits[0].paper_id, Some(paper.id));
    // The same file attached to another paper: found there too, read once.
    let other = add_item(&app, m, "Research strategy");
    app.add_paper(&NewPaper {
        item_id: other,
        title: String::new(),
        authors: String::new(),
        sponsor: String::new(),
        letter: String::new(),
        file: Some(file.display().to_string()),
    })
    .unwrap();
    assert_eq!(search(&app, "huardest").len(), 2);
    // A blank page has no words: attached all the same, and nothing breaks.
    let blank = app
        .add_appendix(paper.id, &corpus("027-blank-push-pop_blank.pdf"), "Blank")
        .unwrap();
    assert_eq!(blank.appendices.len(), 1);
    assert_eq!(search(&app, "huardest").len(), 2);
    // Replacing the document: the old file's words no longer lead to this paper.
    app.attach_document(
        paper.id,
        &corpus("002-trivial-libre-office-writer_002-trivial-libre-office-writer.pdf"),
    )
    .unwrap();
    let hits = search(&app, "huardest");
    assert_eq!(
        lines(&hits),
        ["document 7 B 004-pdflatex-4-pages_pdflatex-4-pages.pdf"]
    );
    assert!(search(&app, "sadipscing")
        .iter()
        .any(|h| h.paper_id == Some(paper.id)));
}

#[test]
fn private_items_are_found_and_marked_private() {
    let (_dir, app) = super::demo();
    let hits = search(&app, "decking");
    assert!(
        hits.len() >= 3,
        "item, paper and document: {:?}",
        lines(&hits)
    );
    for h in &hits {
        let private = h
            .item_title
            .as_deref()
            .is_some_and(|t| t.starts_with("Award of contract"));
        assert_eq!(h.private, private, "{:?}", lines(std::slice::from_ref(h)));
    }
    assert!(hits.iter().any(|h| h.private && h.kind == SearchKind::Item));
    assert!(hits
        .iter()
        .any(|h| h.private && h.kind == SearchKind::Document));
    // Public business is not marked.
    assert!(search(&app, "winter plan").iter().all(|h| !h.private));
}

#[test]
fn edits_and_deletes_keep_the_index_current() {
    let (_dir, app) = super::demo();
    let m = new_meeting(&app, "2027-01-14");
    let id = add_item(&app, m, "Zephyrine ward reconfiguration");
    assert_eq!(search(&app, "zephyrine").len(), 1);

    // Renamed: the old title is gone, the new one found.
    let mut item = app
        .agenda(m)
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.item.id == id)
        .unwrap()
        .item;
    item.title = "Marigold ward reconfiguration".into();
    app.update_item(&item).unwrap();
    assert!(search(&app, "zephyrine").is_empty());
    assert_eq!(
        lines(&search(&app, "marigold")),
        ["item 6 - Marigold ward reconfiguration"]
    );
    // Moved down the agenda: found under its new number.
    add_item(&app, m, "Another item");
    app.move_item(id, boardpack_core::agenda::Move::Down)
        .unwrap();
    assert_eq!(
        lines(&search(&app, "marigold")),
        ["item 7 - Marigold ward reconfiguration"]
    );

    // A paper's cover sheet edited, then the paper deleted.
    let paper = app
        .add_paper(&NewPaper {
            item_id: id,
            title: "Marigold ward options appraisal".into(),
            authors: String::new(),
            sponsor: String::new(),
            letter: String::new(),
            file: Some(
                corpus("004-pdflatex-4-pages_pdflatex-4-pages.pdf")
                    .display()
                    .to_string(),
            ),
        })
        .unwrap();
    let edit = |context: &str| PaperEdit {
        id: paper.id,
        title: paper.title.clone(),
        authors: String::new(),
        sponsor: String::new(),
        letter: String::new(),
        cover: CoverSheet {
            context: context.into(),
            questions: vec!["Does the Board support the Foxglove option?".into()],
            ..CoverSheet::default()
        },
        received_on: String::new(),
    };
    app.update_paper(&edit("Options for the Quillfeather wing."))
        .unwrap();
    assert_eq!(search(&app, "quillfeather").len(), 1);
    app.update_paper(&edit("Options for the east wing."))
        .unwrap();
    assert!(search(&app, "quillfeather").is_empty());
    assert_eq!(search(&app, "foxglove").len(), 1);
    // Saving the cover sheet again keeps the document's text found.
    assert_eq!(search(&app, "huardest").len(), 1);
    app.delete_paper(paper.id).unwrap();
    assert!(search(&app, "foxglove").is_empty());
    assert!(
        search(&app, "huardest").is_empty(),
        "the deleted paper's document"
    );

    // A minute rewritten, an action dropped.
    let minute = |discussion: &str, actions: Vec<Action>| Minute {
        item_id: id,
        discussion: discussion.into(),
        outcome: None,
        amendments: String::new(),
        resolutions: Vec::new(),
        actions,
    };
    let saved = app
        .save_minute(&minute(
            "Members asked about Pellucid staffing.",
            vec![Action {
                id: ActionId(uuid::Uuid::nil()),
                text: "Circulate the Tamarisk rota".into(),
                lead: "CF".into(),
                due: None,
                status: Default::default(),
            }],
        ))
        .unwrap();
    assert_eq!(search(&app, "pellucid").len(), 1);
    assert_eq!(search(&app, "tamarisk").len(), 1);
    app.save_minute(&minute("Members asked about night staffing.", Vec::new()))
        .unwrap();
    assert!(search(&app, "pellucid").is_empty());
    assert!(search(&app, "tamarisk").is_empty());
    assert_eq!(saved.actions.len(), 1);

    // The item deleted: nothing of it is left.
    app.save_minute(&minute("", Vec::new())).unwrap();
    let deletable = add_item(&app, m, "Yarrowby decommissioning");
    assert_eq!(search(&app, "yarrowby").len(), 1);
    app.delete_item(deletable, false).unwrap();
    assert!(search(&app, "yarrowby").is_empty());

    // The new meeting itself, by its committee and date.
    assert!(search(&app, "Trust Board January 2027")
        .iter()
        .any(|h| h.kind == SearchKind::Meeting && h.meeting_id == m));
}

#[test]
fn hostile_queries_find_nothing_or_something_but_never_fail() {
    let (_dir, app) = super::demo();
    for q in [
        "",
        "   ",
        "\"",
        "\"\"",
        "\"winter",
        "winter\"",
        "*",
        "**",
        "winter*",
        "*winter",
        "AND",
        "OR",
        "NOT",
        "winter AND",
        "AND winter",
        "winter OR plan",
        "NOT winter",
        "NEAR(winter plan, 2)",
        "NEAR(",
        "title:winter",
        "{title body}: winter",
        "^winter",
        "winter + plan",
        "-winter",
        "- + * ^ : ( ) { } [ ]",
        "O'Neill",
        "Tim O’Neill",
        "it's",
        "'",
        "''",
        "2026/27",
        "£5.3m",
        "100%",
        "covid-19",
        "a",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z",
        "; DROP TABLE meeting; --",
        "\u{0}",
        "winter\u{0}plan",
        "\u{2}winter\u{3}",
        "🙂",
        "Ærø Škoda naïve café",
        "\\",
        "%",
        "_",
        "🙂 winter",
    ] {
        let hits = app
            .search(q, 20)
            .unwrap_or_else(|e| panic!("{q:?} failed: {e}"));
        if q.trim().is_empty() || q == "\"" || q == "*" {
            assert!(hits.is_empty(), "{q:?}");
        }
    }
    let long = "winter ".repeat(2000);
    app.search(&long, 20).unwrap();
    // Operators are words like any other: "winter AND" looks for both words.
    assert!(!search(&app, "winter plan").is_empty());
    // Either kind of apostrophe.
    assert_eq!(
        lines(&search(&app, "O’Neill")),
        lines(&search(&app, "o'neill"))
    );
}

/// A database as Boardpack wrote it at schema version 4 (before search), holding a meeting,
/// an item, a paper with its document and cover sheet, a minute and an action.
fn version_4_database(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(include_str!("fixtures/v1.sql")).unwrap();
    for sql in [
        include_str!("../../src/store/migrations/0002_blobs.sql"),
        include_str!("../../src/store/migrations/0003_agenda_papers.sql"),
        include_str!("../../src/store/migrations/0004_room.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    let pdf = std::fs::read(corpus("004-pdflatex-4-pages_pdflatex-4-pages.pdf")).unwrap();
    let blob = boardpack::BlobStore::beside(path)
        .put_bytes(&pdf, "application/pdf")
        .unwrap();
    let meeting = "01900000-0000-7000-8000-000000000007";
    let item = "01900000-0000-7000-8000-000000000010";
    let cover = serde_json::to_string(&CoverSheet {
        context: "The Better Care Fund plan for Rutland.".into(),
        ..CoverSheet::default()
    })
    .unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO blob VALUES ('{sha}', {size}, 'application/pdf');
         INSERT INTO agenda_item (id, meeting_id, position, title, purpose, lead,
             duration_minutes, session)
         VALUES ('{item}', '{meeting}', 0, 'Sustainability and transformation plan',
             'discussion', '{{\"kind\":\"member\",\"person_id\":\"01900000-0000-7000-8000-000000000004\"}}',
             30, 'private');
         INSERT INTO paper (id, item_id, position, title, cover)
         VALUES ('01900000-0000-7000-8000-000000000011', '{item}', 0, 'STP update', '{cover}');
         INSERT INTO attachment VALUES ('01900000-0000-7000-8000-000000000011', 'document', 0,
             '{sha}', 'stp.pdf', '', 4, {size});
         INSERT INTO minute (item_id, discussion, resolutions)
         VALUES ('{item}', 'The team reviewed the workforce trajectory.', '[\"endorse the plan\"]');
         INSERT INTO action VALUES ('01900000-0000-7000-8000-000000000012', '{item}', 0,
             'Share the trajectory with Healthwatch', 'TS', NULL);
         PRAGMA user_version = 4;",
        sha = blob.sha256,
        size = blob.size,
    ))
    .unwrap();
}

#[test]
fn upgrading_a_version_4_database_fills_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.sqlite");
    version_4_database(&path);
    let app = Boardpack::open(&path).unwrap();
    assert_eq!(
        lines(&search(&app, "system leadership june 2017")),
        ["meeting - - System Leadership Team 19 – 22 June 2017"]
    );
    let find = |q: &str| lines(&search(&app, q));
    assert_eq!(
        find("transformation"),
        ["item 1 - Sustainability and transformation plan"]
    );
    assert_eq!(
        find("O'Neill"),
        ["item 1 - Sustainability and transformation plan"]
    );
    assert_eq!(find("better care fund"), ["paper 1 A STP update"]);
    assert_eq!(
        find("workforce trajectory"),
        ["minute 1 - Sustainability and transformation plan"]
    );
    assert_eq!(
        find("endorse"),
        ["minute 1 - Sustainability and transformation plan"]
    );
    assert_eq!(
        find("healthwatch"),
        ["action 1 - Sustainability and transformation plan"]
    );
    assert!(search(&app, "transformation").iter().all(|h| h.private));
    // The files attached before the upgrade are read once the application indexes them.
    assert!(find("huardest").is_empty());
    let summary = app.index_files().unwrap();
    assert_eq!(
        (summary.files, summary.without_text, summary.missing),
        (1, 0, 0)
    );
    assert_eq!(find("huardest"), ["document 1 A stp.pdf"]);
    // Nothing is read twice.
    assert_eq!(app.index_files().unwrap().files, 0);
}

#[test]
fn upgrading_to_the_cover_text_column_keeps_every_paper_entry_as_it_was() {
    // Schema 7 took a cover sheet's search text from its JSON with paths written in SQL;
    // since 0009 the domain computes it (CoverSheet::search_text) and the store keeps it
    // beside the cover sheet. Upgrading fills it for the papers already there, and the
    // index holds the very same text for them as before.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v7.sqlite");
    version_4_database(&path);
    let cover = CoverSheet {
        purposes: [Purpose::Assurance, Purpose::Noting].into(),
        previous_consideration: vec![
            boardpack_core::paper::PreviousConsideration {
                meeting: "Executive Strategy Board".into(),
                date: "ESB May".into(),
                purpose: Some(Purpose::Discussion),
                outcome: String::new(),
            },
            boardpack_core::paper::PreviousConsideration {
                meeting: String::new(),
                date: "June".into(),
                purpose: None,
                outcome: String::new(),
            },
        ],
        context: "The Better Care Fund plan for Rutland.".into(),
        questions: vec![
            "Is the plan affordable?".into(),
            String::new(),
            "Who leads it?".into(),
        ],
        conclusion: "The plan is on track.".into(),
        input_sought: "Note the progress.".into(),
        risk_register: boardpack_core::paper::RiskLinks {
            answer: Some(boardpack_core::paper::Answer::No),
            risks: Vec::new(),
            reason: "Current risk rating is low".into(),
        },
        baf: boardpack_core::paper::RiskLinks::default(),
        new_risk: "Winter pressures on reablement".into(),
        equality_impact: " ".into(),
        public_involvement: "Healthwatch Rutland consulted".into(),
        next_paper: boardpack_core::paper::NextPaper::Meeting {
            meeting: "August 2019 System Leadership Team".into(),
        },
        ..CoverSheet::default()
    };
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        include_str!("../../src/store/migrations/0005_between_meetings.sql"),
        include_str!("../../src/store/migrations/0006_bulletin.sql"),
        include_str!("../../src/store/migrations/0007_search.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute(
        "UPDATE paper SET authors = 'Tim O''Neill', cover = ?1",
        [serde_json::to_string(&cover).unwrap()],
    )
    .unwrap();
    conn.pragma_update(None, "user_version", 7).unwrap();
    let entry = |conn: &rusqlite::Connection| -> String {
        conn.query_row(
            "SELECT body FROM search_entry WHERE kind = 'paper'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let before = entry(&conn);
    assert!(before.contains("Healthwatch Rutland"), "{before}");
    drop(conn);

    let app = Boardpack::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(entry(&conn), before, "the same text as the JSON paths gave");
    assert_eq!(before, format!("Tim O'Neill\n{}", cover.search_text()));
    let kept: String = conn
        .query_row("SELECT cover_text FROM paper", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, cover.search_text());
    let find = |q: &str| lines(&search(&app, q));
    for q in [
        "reablement",
        "august 2019 system",
        "affordable",
        "executive strategy",
    ] {
        assert_eq!(find(q), ["paper 1 A STP update"], "{q}");
    }
    // Edited after the upgrade: the application writes the text with the cover sheet.
    let paper = app
        .paper("01900000-0000-7000-8000-000000000011".parse().unwrap())
        .unwrap();
    app.update_paper(&PaperEdit {
        id: paper.id,
        title: paper.title.clone(),
        authors: paper.authors.clone(),
        sponsor: paper.sponsor.clone(),
        letter: String::new(),
        cover: CoverSheet {
            new_risk: "Domiciliary care capacity".into(),
            ..cover
        },
        received_on: String::new(),
    })
    .unwrap();
    assert!(find("reablement").is_empty());
    assert_eq!(find("domiciliary"), ["paper 1 A STP update"]);
}

#[test]
fn an_imported_archive_is_searchable_at_once() {
    let (dir, app) = super::demo();
    let out = dir.path().join("archive");
    app.export_archive(&boardpack::ArchiveScope::Everything, &out)
        .unwrap();
    let (_fresh_dir, fresh) = super::fresh();
    fresh.import_archive(&out).unwrap();
    for q in ["sepsis", "SHMI", "decking", "winter plan"] {
        assert_eq!(lines(&search(&fresh, q)), lines(&search(&app, q)), "{q}");
    }
    assert_eq!(search(&fresh, "sepsis").len(), 1);
    // The archive carries no search index: it is derived data.
    let json = std::fs::read_to_string(out.join("archive.json")).unwrap();
    assert!(
        !json.contains("Sepsis screening"),
        "no extracted text in the archive"
    );
}

#[test]
fn renamed_people_committees_and_venues_are_found_by_their_new_names() {
    let (dir, app) = super::demo();
    let contract = "Award of contract – Riverside car park decking scheme";
    let items_led_by = |app: &Boardpack, q: &str| -> Vec<String> {
        search(app, q)
            .into_iter()
            .filter(|h| h.kind == SearchKind::Item)
            .map(|h| h.title)
            .collect()
    };
    assert_eq!(items_led_by(&app, "Kirsty Lamb"), [contract]);
    // Changed behind the library's back (no screen renames yet): the triggers still follow.
    let conn = rusqlite::Connection::open(dir.path().join("board.sqlite")).unwrap();
    conn.execute_batch(
        "UPDATE person SET name = 'Kirsty Ollerenshaw' WHERE name = 'Kirsty Lamb';
         UPDATE committee SET name = 'Board of Directors' WHERE code = 'TB';
         UPDATE meeting SET venue = 'Quarrybank Lecture Theatre' WHERE number = 142;",
    )
    .unwrap();
    assert!(items_led_by(&app, "Kirsty Lamb").is_empty());
    assert_eq!(items_led_by(&app, "ollerenshaw"), [contract]);
    let meeting = search(&app, "board of directors december");
    assert_eq!(meeting[0].kind, SearchKind::Meeting);
    assert_eq!(
        meeting[0].meeting,
        "Board of Directors 142 – 3 December 2026"
    );
    assert_eq!(
        lines(&search(&app, "quarrybank")),
        ["meeting - - Board of Directors 142 – 3 December 2026"]
    );
}
