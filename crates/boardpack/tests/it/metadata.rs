//! What a document says about itself: the organisation as its Author, and the time it was
//! exported as its CreationDate (from the Boardpack's clock), never the meeting's date.

use std::path::Path;

use boardpack::actions::LogFilter;
use chrono::{NaiveDate, Timelike};
use lopdf::{Document, Object};

/// The Info dictionary's entry `key`, as text.
fn info(path: &Path, key: &[u8]) -> String {
    let doc = Document::load(path).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let value = doc.get_dictionary(info).unwrap().get(key).unwrap().clone();
    match value {
        Object::String(..) => lopdf::decode_text_string(&value).unwrap(),
        other => panic!("{other:?}"),
    }
}

/// Each document the demo meeting exports, by name.
fn exports(app: &boardpack::Boardpack, dir: &Path) -> Vec<(&'static str, std::path::PathBuf)> {
    let meeting = app
        .meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.meeting.date == NaiveDate::from_ymd_opt(2026, 12, 3).unwrap())
        .unwrap()
        .meeting
        .id;
    let path = |n: &str| dir.join(n);
    app.export_pack(
        meeting,
        false,
        &path("pack.pdf"),
        boardpack::today(),
        &mut |_| {},
    )
    .unwrap();
    app.export_pack(
        meeting,
        true,
        &path("public.pdf"),
        boardpack::today(),
        &mut |_| {},
    )
    .unwrap();
    app.export_bulletin(meeting, &path("bulletin.pdf")).unwrap();
    app.export_minutes(meeting, false, &path("minutes.pdf"))
        .unwrap();
    app.export_minutes(meeting, true, &path("public-minutes.pdf"))
        .unwrap();
    let board = app.meetings().unwrap()[0].meeting.committee_id;
    let as_at = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    app.export_actions(board, as_at, LogFilter::All, false, &path("actions.pdf"))
        .unwrap();
    app.export_register(board, as_at, &path("register.pdf"))
        .unwrap();
    [
        "pack",
        "public",
        "bulletin",
        "minutes",
        "public-minutes",
        "actions",
        "register",
    ]
    .into_iter()
    .map(|n| (n, path(&format!("{n}.pdf"))))
    .collect()
}

#[test]
fn documents_name_the_organisation_and_the_time_they_were_exported() {
    // The meeting is on 3 December; the documents are exported on 26 November.
    let (dir, app) = super::demo_on(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
    let org = app.organisations().unwrap()[0].name.clone();
    for (name, path) in exports(&app, dir.path()) {
        assert_eq!(info(&path, b"Author"), org, "{name}");
        let created = info(&path, b"CreationDate");
        assert!(created.starts_with("D:20261126"), "{name}: {created}");
        assert_eq!(info(&path, b"ModDate"), created, "{name}");
    }
}

#[test]
fn documents_exported_now_are_never_dated_in_the_future() {
    let (dir, app) = super::demo();
    let before = chrono::Local::now().naive_local();
    let docs = exports(&app, dir.path());
    let after = chrono::Local::now().naive_local();
    for (name, path) in docs {
        let created = info(&path, b"CreationDate");
        let stamp = chrono::NaiveDateTime::parse_from_str(&created[2..16], "%Y%m%d%H%M%S")
            .unwrap_or_else(|e| panic!("{name}: {created}: {e}"));
        assert!(
            stamp >= before.with_nanosecond(0).unwrap() && stamp <= after,
            "{name}: {stamp} is not between {before} and {after}"
        );
    }
}
