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
