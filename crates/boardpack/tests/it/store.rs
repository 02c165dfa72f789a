//! Opening databases: migrations, upgrades from old files, refusals, atomic writes.

use boardpack::{Boardpack, Error, SCHEMA_VERSION};
use boardpack_core::meeting::NewMeeting;
use boardpack_core::{MeetingStatus, Session};

#[test]
fn upgrades_a_version_1_database_without_losing_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("fixtures/v1.sql")).unwrap();
    }
    let app = Boardpack::open(&path).unwrap();
    let meetings = app.meetings().unwrap();
    assert_eq!(meetings.len(), 1);
    let m = &meetings[0];
    assert_eq!(m.title, "System Leadership Team – 22 June 2017");
    assert_eq!(m.meeting.number, 19);
    assert_eq!(m.meeting.status, MeetingStatus::Held);
    assert_eq!(m.chair_name.as_deref(), Some("Toby Sanders"));
    let slt = app.committee_by_code("SLT").unwrap();
    // The deadlines of old (7 and 5 calendar days, the defaults then) in working days
    // (schema 13): papers 5 working days before, the pack 3 clear days, minutes 10.
    assert_eq!(
        (
            slt.paper_deadline_days,
            slt.pack_issue_days,
            slt.minutes_due_days
        ),
        (5, 3, 10)
    );
    assert_eq!(
        app.organisations().unwrap()[0].holiday_region,
        boardpack_core::timetable::HolidayRegion::EnglandWales
    );
    let members = app.members(slt.id).unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(members[1].person.initials, "TO'N");
    // Columns added since (schema 6) read as empty.
    assert_eq!(members[1].person.phone, "");
    assert_eq!(app.organisations().unwrap()[0].bulletin_wording, "");
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version as usize, SCHEMA_VERSION);
    // The upgraded database accepts new data of the newer schema: an archive export lists
    // the blob table (schema version 2) without failing.
    assert!(app
        .archive(&boardpack::ArchiveScope::Everything)
        .unwrap()
        .files
        .is_empty());
}

#[test]
fn refuses_a_database_newer_than_the_code_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE x(y); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Boardpack::open(&path).unwrap_err();
    assert!(matches!(err, Error::DbTooNew { found: 99, .. }), "{err:?}");
    assert!(err.to_string().contains("newer Boardpack"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn refuses_files_that_are_not_sqlite_and_missing_folders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite");
    std::fs::write(
        &path,
        "Minutes of the last meeting, in a text file.\n".repeat(40),
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Boardpack::open(&path).unwrap_err();
    assert_eq!(err.code(), "not_a_database", "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);

    let err = Boardpack::open(&dir.path().join("no/such/folder/x.sqlite")).unwrap_err();
    assert!(matches!(err, Error::DbFolderMissing(_)), "{err:?}");
    assert!(err.to_string().starts_with("The folder "), "{err}");

    let err = Boardpack::open(dir.path()).unwrap_err();
    assert!(err.to_string().contains("it is a folder"), "{err}");
}

#[test]
fn uses_wal() {
    let (dir, app) = super::fresh();
    app.load_demo().unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("board.sqlite")).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(app);
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let (_dir, app) = super::demo();
    let before = app.meetings().unwrap();
    let board = app.committee_by_code("TB").unwrap();
    // Number 142 is taken by the demo meeting: the whole write is refused.
    let err = app
        .add_meeting(&NewMeeting {
            committee_id: board.id,
            number: Some(142),
            date: "2027-01-14".into(),
            start_time: "09:30".into(),
            end_time: String::new(),
            venue: String::new(),
            chair_id: None,
            session: Session::Public,
        })
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(
        err.to_string().contains("already has meeting number 142"),
        "{err}"
    );
    assert_eq!(app.meetings().unwrap(), before);
}

/// While another Boardpack holds the write lock, a write waits (SQLite retrying) and goes
/// through once it is free; if it stays taken past the wait, the sentence says another
/// Boardpack is writing and to try again, and nothing is saved.
#[test]
fn a_busy_database_waits_then_says_another_boardpack_is_writing() {
    use std::time::{Duration, Instant};
    let (dir, app) = super::fresh();
    let path = dir.path().join("board.sqlite");
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    app.set_busy_wait(Duration::from_millis(400)).unwrap();
    let started = Instant::now();
    let err = app.add_organisation("Riverside", "RUH").unwrap_err();
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(err.code(), "busy");
    assert_eq!(
        err.to_string(),
        format!("Another Boardpack (another window or a script) is writing to {} and did not finish within 10 seconds: nothing was saved. Try again in a moment.", path.display())
    );
    assert!(app.organisations().unwrap().is_empty());
    // Held briefly: the write waits for it and goes through.
    app.set_busy_wait(Duration::from_secs(10)).unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        other.execute_batch("COMMIT").unwrap();
    });
    app.add_organisation("Riverside", "RUH").unwrap();
    release.join().unwrap();
    assert_eq!(app.organisations().unwrap().len(), 1);
}

/// A database file that may not be written opens for reading; every change is refused
/// with a sentence of its own.
#[test]
fn a_read_only_database_is_read_and_says_why_it_cannot_be_changed() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, app) = super::demo();
    let path = dir.path().join("board.sqlite");
    let meetings = app.meetings().unwrap();
    drop(app);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let app = Boardpack::open(&path).unwrap();
    assert_eq!(app.meetings().unwrap(), meetings);
    let err = app.add_organisation("Another trust", "").unwrap_err();
    assert_eq!(err.code(), "read_only");
    assert_eq!(
        err.to_string(),
        format!("The database {} is read-only: its file may not be written, so nothing was saved. Make the file writable, or copy it somewhere you may write and open the copy.", path.display())
    );
    // Documents are still written from it.
    let out = dir.path().join("pack.pdf");
    app.export_pack(
        meetings[0].meeting.id,
        false,
        &out,
        boardpack::today(),
        &mut |_| {},
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
}

/// A database that does not exist is refused by `open_existing` (what only reads), with
/// no file made; `open` creates it.
#[test]
fn open_existing_refuses_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo.sqlite");
    let err = Boardpack::open_existing(&path).unwrap_err();
    assert_eq!(err.code(), "no_database");
    assert_eq!(
        err.to_string(),
        format!(
            "There is no Boardpack database at {}: check the path.",
            path.display()
        )
    );
    assert!(!path.exists());
    Boardpack::open(&path).unwrap();
    Boardpack::open_existing(&path).unwrap();
}
