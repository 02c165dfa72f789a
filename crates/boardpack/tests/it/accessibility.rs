//! Tagged papers and the accessibility report: whether each attached file is a tagged PDF
//! is read when it is stored (and once, on opening, for files stored before), kept with
//! its blob, read again by an import, and turned into readiness warnings and a line per
//! export.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use boardpack::{ArchiveScope, Boardpack};
use boardpack_core::accessibility::{Conformance, ExportKind};
use boardpack_core::readiness::ProblemKind;
use boardpack_core::{MeetingId, PaperId};

/// The typst-made fixtures of the engine's tests: one PDF/UA-1, one without tags.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../boardpack-pdf/tests/fixtures")
        .join(name)
}

fn tagged_pdf() -> PathBuf {
    fixture("a11yreport-tagged.pdf")
}

fn untagged_pdf() -> PathBuf {
    fixture("a11yreport-untagged.pdf")
}

/// The files attached to the meeting's papers that are tagged, read from their bytes here
/// (what the store says is what is tested).
fn tagged_in_fact(app: &Boardpack, meeting: MeetingId) -> BTreeSet<String> {
    app.snapshot(meeting)
        .unwrap()
        .papers
        .iter()
        .flat_map(|p| p.document.iter().chain(&p.appendices))
        .filter(|a| boardpack_pdf::is_tagged(&app.blobs().read(&a.sha256).unwrap()))
        .map(|a| a.sha256.clone())
        .collect()
}

/// The papers warned of as not tagged.
fn warned(app: &Boardpack, meeting: MeetingId) -> BTreeSet<PaperId> {
    app.readiness(meeting, boardpack::today())
        .unwrap()
        .problems
        .iter()
        .filter(|p| matches!(p.kind, ProblemKind::NotTagged { .. }))
        .filter_map(|p| p.paper_id)
        .collect()
}

/// The demo, with its first paper attached as an untagged PDF and its second as a tagged
/// one.
fn demo_with_both() -> (tempfile::TempDir, Boardpack, MeetingId, PaperId, PaperId) {
    let (dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let plan = app.pack_plan(meeting, false).unwrap();
    let (untagged, tagged) = (plan.papers[0].paper_id, plan.papers[1].paper_id);
    app.attach_document(untagged, &untagged_pdf()).unwrap();
    app.attach_document(tagged, &tagged_pdf()).unwrap();
    (dir, app, meeting, untagged, tagged)
}

#[test]
fn an_untagged_paper_is_warned_of_and_stops_the_packs() {
    let (_dir, app, meeting, untagged, tagged) = demo_with_both();
    let report = app.readiness(meeting, boardpack::today()).unwrap();
    let plan = app.pack_plan(meeting, false).unwrap();
    let letter = &plan.papers[0].letter;
    let title = &app.paper(untagged).unwrap().title;
    let expected = format!(
        "Paper {letter} ({title}) is not a tagged PDF, so screen readers cannot read it: ask the author to export it with document structure tags (Word: Save as PDF, Options, 'Document structure tags for accessibility')."
    );
    let warning = report
        .problems
        .iter()
        .find(|p| p.paper_id == Some(untagged) && matches!(p.kind, ProblemKind::NotTagged { .. }))
        .expect("the untagged paper is warned of");
    assert_eq!(warning.message, expected);
    assert_eq!(
        warning.severity,
        boardpack_core::readiness::Severity::Warning
    );
    assert!(!warned(&app, meeting).contains(&tagged));
    // Every other paper is warned of exactly when its file is not tagged, in fact.
    let in_fact = tagged_in_fact(&app, meeting);
    for paper in app.snapshot(meeting).unwrap().papers {
        let Some(doc) = &paper.document else { continue };
        assert_eq!(
            warned(&app, meeting).contains(&paper.id),
            !in_fact.contains(&doc.sha256)
                || paper
                    .appendices
                    .iter()
                    .any(|a| !in_fact.contains(&a.sha256)),
            "{}",
            paper.title
        );
    }

    // The report: the full pack is not PDF/UA-1 and names the untagged paper; the files
    // Boardpack makes alone are.
    let accessibility = report.accessibility.expect("the meeting's report");
    assert_eq!(accessibility, app.accessibility(meeting).unwrap());
    let full = accessibility.get(ExportKind::FullPack).unwrap();
    assert_eq!(full.conformance, Conformance::NotTagged);
    assert!(full
        .untagged
        .iter()
        .any(|u| u.paper_id == untagged && u.name == format!("Paper {letter} ({title})")));
    assert!(full.untagged.iter().all(|u| u.paper_id != tagged));
    for export in [
        ExportKind::FullMinutes,
        ExportKind::FullActionLog,
        ExportKind::Register,
    ] {
        assert_eq!(
            accessibility.get(export).unwrap().conformance,
            Conformance::PdfUa1
        );
    }
    // The minutes' own list carries no report.
    assert!(app
        .minutes_readiness(meeting)
        .unwrap()
        .accessibility
        .is_none());
}

/// Files stored before the fact was kept (schema 13) are read once when the database is
/// opened; a file missing from the blob store is left unread and does not stop the opening.
#[test]
fn files_stored_before_are_read_when_the_database_opens() {
    let (dir, app, meeting, untagged, tagged) = demo_with_both();
    let before = app.readiness(meeting, boardpack::today()).unwrap();
    let tagged_sha = app.paper(tagged).unwrap().document.unwrap().sha256;
    let untagged_sha = app.paper(untagged).unwrap().document.unwrap().sha256;
    drop(app);
    let db = dir.path().join("board.sqlite");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let unread = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM blob WHERE tagged IS NULL AND media_type = 'application/pdf'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(
        unread(&conn),
        0,
        "every stored PDF was read as it was stored"
    );
    let stored: i64 = conn
        .query_row(
            "SELECT tagged FROM blob WHERE sha256 = ?1",
            [&tagged_sha],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 1);
    conn.execute("UPDATE blob SET tagged = NULL", []).unwrap();
    // One stored file goes missing.
    let missing = boardpack::BlobStore::beside(&db).path(&untagged_sha);
    let kept = std::fs::read(&missing).unwrap();
    std::fs::remove_file(&missing).unwrap();

    let app = Boardpack::open(&db).unwrap();
    assert_eq!(unread(&conn), 1, "only the missing file is left unread");
    // It is taken as untagged meanwhile.
    assert!(warned(&app, meeting).contains(&untagged));
    drop(app);
    std::fs::write(&missing, kept).unwrap();
    let app = Boardpack::open_existing(&db).unwrap();
    assert_eq!(unread(&conn), 0);
    assert_eq!(app.readiness(meeting, boardpack::today()).unwrap(), before);
}

/// A database from before migration 0014 (the column dropped, the version set back) is
/// upgraded and its files read as it opens, in one go.
#[test]
fn the_upgrade_to_0014_reads_every_stored_file() {
    let (dir, app, meeting, _, _) = demo_with_both();
    let before = app.readiness(meeting, boardpack::today()).unwrap();
    drop(app);
    let db = dir.path().join("board.sqlite");
    let conn = rusqlite::Connection::open(&db).unwrap();
    // Back to schema 13: undo 0014 (the column) and what came after it (0015's table).
    conn.execute_batch(
        "ALTER TABLE blob DROP COLUMN tagged; DROP TABLE pack_issue; PRAGMA user_version = 13;",
    )
    .unwrap();
    assert_eq!(
        boardpack::SCHEMA_VERSION,
        15,
        "undo the migrations after 0014 here too"
    );
    drop(conn);
    let app = Boardpack::open(&db).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (unread, tagged): (i64, i64) = conn
        .query_row(
            "SELECT count(*) FILTER (WHERE tagged IS NULL), count(*) FILTER (WHERE tagged = 1)
             FROM blob WHERE media_type = 'application/pdf'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(unread, 0);
    assert!(tagged >= 1, "the tagged fixture reads as tagged");
    assert_eq!(app.readiness(meeting, boardpack::today()).unwrap(), before);
}

/// The fact is derived from the files, so the archive does not carry it: an import reads
/// it again.
#[test]
fn an_import_reads_the_files_again() {
    let (dir, app, meeting, _, _) = demo_with_both();
    let out = dir.path().join("archive");
    app.export_archive(&ArchiveScope::Everything, &out).unwrap();
    let json = std::fs::read_to_string(out.join("archive.json")).unwrap();
    assert!(
        !json.contains("\"tagged\""),
        "the archive carries no derived fact"
    );
    let (_fresh_dir, fresh) = super::fresh();
    fresh.import_archive(&out).unwrap();
    assert_eq!(
        fresh.accessibility(meeting).unwrap(),
        app.accessibility(meeting).unwrap()
    );
    assert_eq!(
        fresh.readiness(meeting, boardpack::today()).unwrap(),
        app.readiness(meeting, boardpack::today()).unwrap()
    );
}

/// The demo's report is the truth about its files. Its papers are written by the engine,
/// so once the engine tags what it writes, every export of the demo is PDF/UA-1.
#[test]
fn the_demo_report_follows_its_files() {
    let (_dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let in_fact = tagged_in_fact(&app, meeting);
    let snapshot = app.snapshot(meeting).unwrap();
    assert_eq!(snapshot.tagged, in_fact);
    let files: BTreeSet<String> = snapshot
        .papers
        .iter()
        .flat_map(|p| p.document.iter().chain(&p.appendices))
        .map(|a| a.sha256.clone())
        .collect();
    let report = app.accessibility(meeting).unwrap();
    let full = report.get(ExportKind::FullPack).unwrap();
    let untagged: BTreeSet<String> = full.untagged.iter().map(|u| u.sha256.clone()).collect();
    assert_eq!(
        untagged,
        files.difference(&in_fact).cloned().collect::<BTreeSet<_>>()
    );
    for line in &report.exports {
        if line.conformance != Conformance::NotMade {
            assert_eq!(
                line.conformance == Conformance::PdfUa1,
                line.untagged.is_empty(),
                "{}: {}",
                line.label,
                line.message
            );
        }
    }
    // The demo's papers are made by the engine, tagged (issue 13 item 4): every export of
    // the demo is PDF/UA-1 or not made at all.
    assert!(!files.is_empty());
    assert_eq!(in_fact, files, "the demo's papers are tagged PDFs");
    assert!(report
        .exports
        .iter()
        .all(|l| l.conformance != Conformance::NotTagged));
    assert!(report
        .exports
        .iter()
        .any(|l| l.export == ExportKind::PublicPack && l.conformance == Conformance::PdfUa1));
}
