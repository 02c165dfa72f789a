//! The archive format: lossless round trips, the schema, and all-or-nothing imports.

use std::fs;
use std::path::Path;

use boardpack::archive::{Archive, FORMAT};
use boardpack::{ArchiveScope, Boardpack};

/// The archive's schema, generated from the types (`docs/archive.schema.json` is this
/// schema, written by `schema::the_schema_file_is_written_from_the_types`).
fn schema_validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&boardpack::schema::archive_schema())
        .unwrap()
}

fn assert_matches_schema(json: &[u8]) {
    let value: serde_json::Value = serde_json::from_slice(json).unwrap();
    let validator = schema_validator();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "archive.json breaks the schema: {errors:#?}"
    );
}

/// Every file in a folder, by relative path, with its bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.push((rel, fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn export_import_export_is_lossless_for_folders_and_zips() {
    let (dir, app) = super::demo();
    // A stored file travels too.
    let blob = app
        .blobs()
        .put_bytes(b"%PDF-1.7\n% a paper\n", "application/pdf")
        .unwrap();
    drop(blob);
    let everything = ArchiveScope::Everything;
    let first = dir.path().join("first");
    app.export_archive(&everything, &first).unwrap();
    let first_zip = dir.path().join("first.zip");
    app.export_archive(&everything, &first_zip).unwrap();
    assert_matches_schema(&fs::read(first.join("archive.json")).unwrap());

    for source in [&first, &first_zip] {
        let (dir2, fresh) = super::fresh();
        let summary = fresh.import_archive(source).unwrap();
        assert_eq!(
            (summary.committees, summary.people, summary.meetings),
            (2, 16, 2)
        );
        let second = dir2.path().join("second");
        fresh.export_archive(&everything, &second).unwrap();
        assert_eq!(
            tree(&first),
            tree(&second),
            "round trip through {}",
            source.display()
        );
        let second_zip = dir2.path().join("second.zip");
        fresh.export_archive(&everything, &second_zip).unwrap();
        assert_eq!(
            fs::read(&first_zip).unwrap(),
            fs::read(&second_zip).unwrap()
        );
        assert_eq!(fresh.meetings().unwrap(), app.meetings().unwrap());
        assert_eq!(fresh.committees().unwrap(), app.committees().unwrap());
    }
}

#[test]
fn the_demo_archive_uses_every_field_of_the_schema() {
    // A guard against the schema and the code drifting apart: the demo archive must be
    // valid, and an archive with an unknown field must be rejected by both.
    let (_dir, app) = super::demo();
    let archive = app.archive(&ArchiveScope::Everything).unwrap();
    let mut value = serde_json::to_value(&archive).unwrap();
    assert!(schema_validator().is_valid(&value));
    value["meetings"][0]["colour"] = "blue".into();
    assert!(!schema_validator().is_valid(&value));
    let text = serde_json::to_vec(&value).unwrap();
    let err = boardpack::archive::parse(&text, "archive.json").unwrap_err();
    assert!(err.to_string().contains("unknown field `colour`"), "{err}");
}

#[test]
fn archives_without_telephones_or_bulletin_wording_still_import() {
    // Archives written before a person's `phone` and an organisation's `bulletin_wording`
    // existed (version 3 and earlier) leave them out; they import as empty.
    let (_dir, app) = super::demo();
    let org = app.organisations().unwrap()[0].id;
    app.set_bulletin_wording(org, "Queries to the {short_name} board office.")
        .unwrap();
    let mut value = serde_json::to_value(app.archive(&ArchiveScope::Everything).unwrap()).unwrap();
    assert_eq!(
        value["organisations"][0]["bulletin_wording"],
        "Queries to the {short_name} board office."
    );
    assert!(value["people"][0]["phone"]
        .as_str()
        .unwrap()
        .starts_with("0161 496 0"));
    assert!(schema_validator().is_valid(&value));
    value["papers"] = serde_json::json!([]);
    value["files"] = serde_json::json!([]);
    for org in value["organisations"].as_array_mut().unwrap() {
        org.as_object_mut().unwrap().remove("bulletin_wording");
    }
    for person in value["people"].as_array_mut().unwrap() {
        person.as_object_mut().unwrap().remove("phone");
    }
    assert!(schema_validator().is_valid(&value));
    let (dir2, fresh) = super::fresh();
    let src = dir2.path().join("old");
    fs::create_dir(&src).unwrap();
    fs::write(src.join("archive.json"), value.to_string()).unwrap();
    fresh.import_archive(&src).unwrap();
    assert_eq!(fresh.organisations().unwrap()[0].bulletin_wording, "");
    let board = fresh.committee_by_code("TB").unwrap();
    assert!(fresh
        .members(board.id)
        .unwrap()
        .iter()
        .all(|m| m.person.phone.is_empty()));
}

#[test]
fn a_meeting_archive_holds_the_meeting_and_what_it_needs() {
    let (dir, app) = super::demo();
    let board = app.committee_by_code("TB").unwrap();
    let meeting = app.meetings().unwrap()[0].meeting.clone();
    let out = dir.path().join("meeting.zip");
    let archive = app
        .export_archive(
            &ArchiveScope::Meeting {
                meeting_id: meeting.id,
            },
            &out,
        )
        .unwrap();
    assert_eq!(archive.meetings, vec![meeting.clone()]);
    assert_eq!(archive.committees.len(), 1);
    assert_eq!(archive.committees[0].id, board.id);
    assert_eq!(archive.people.len(), 16);
    assert_eq!(archive.memberships.len(), 16);
    let (_d2, fresh) = super::fresh();
    fresh.import_archive(&out).unwrap();
    assert_eq!(fresh.meeting(meeting.id).unwrap().meeting, meeting);
}

#[test]
fn importing_twice_changes_nothing() {
    let (dir, app) = super::demo();
    let out = dir.path().join("a.zip");
    app.export_archive(&ArchiveScope::Everything, &out).unwrap();
    app.import_archive(&out).unwrap();
    app.import_archive(&out).unwrap();
    assert_eq!(app.meetings().unwrap().len(), 2);
    assert_eq!(app.committees().unwrap().len(), 2);
}

/// Writes `archive.json` text into a new folder and tries to import it into the demo
/// database; returns the error sentence and checks nothing changed.
fn import_error(json: &str, extra_files: &[(&str, &[u8])]) -> String {
    let (dir, app) = super::demo();
    let before = app.archive(&ArchiveScope::Everything).unwrap();
    let src = dir.path().join("incoming");
    fs::create_dir(&src).unwrap();
    fs::write(src.join("archive.json"), json).unwrap();
    for (name, bytes) in extra_files {
        let p = src.join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    let err = app.import_archive(&src).unwrap_err();
    assert_eq!(err.code(), "bad_archive", "{err}");
    let after = app.archive(&ArchiveScope::Everything).unwrap();
    assert_eq!(before, after, "a failed import changed the database");
    err.to_string()
}

/// The demo's archive without its papers and files (the cases below break other parts).
fn demo_archive_json() -> serde_json::Value {
    let (_dir, app) = super::demo();
    let mut value = serde_json::to_value(app.archive(&ArchiveScope::Everything).unwrap()).unwrap();
    value["papers"] = serde_json::json!([]);
    value["files"] = serde_json::json!([]);
    value
}

#[test]
fn malformed_archives_are_refused_whole() {
    let err = import_error("{ \"format\": ", &[]);
    assert!(err.contains("is not valid JSON"), "{err}");

    let err = import_error(r#"{"format":"something-else","version":1}"#, &[]);
    assert!(err.contains("is not a Boardpack archive"), "{err}");

    let err = import_error(
        &format!(r#"{{"format":"{FORMAT}","version":8,"scope":{{"kind":"everything"}}}}"#),
        &[],
    );
    assert!(
        err.contains("is archive version 8; this Boardpack reads versions 1 to 7"),
        "{err}"
    );

    // A missing attachment.
    let mut value = demo_archive_json();
    value["files"] = serde_json::json!([{ "path": "files/ceo-report.pdf" }]);
    let err = import_error(&value.to_string(), &[]);
    assert!(
        err.contains("files/ceo-report.pdf named in archive.json is missing"),
        "{err}"
    );

    // A damaged attachment.
    value["files"] = serde_json::json!([{ "path": "files/a.pdf", "sha256": "0".repeat(64) }]);
    let err = import_error(&value.to_string(), &[("files/a.pdf", b"%PDF-1.4")]);
    assert!(err.contains("files/a.pdf is damaged"), "{err}");

    // A path escaping the archive.
    value["files"] = serde_json::json!([{ "path": "../../etc/passwd" }]);
    let err = import_error(&value.to_string(), &[]);
    assert!(err.contains("must stay inside the archive"), "{err}");

    // A dangling reference, after otherwise good records: nothing at all is written.
    let mut value = demo_archive_json();
    value["files"] = serde_json::json!([]);
    value["meetings"][0]["id"] = "01900000-0000-7000-8000-0000000000aa".into();
    value["meetings"][0]["number"] = 500.into();
    value["meetings"][0]["chair_id"] = "01900000-0000-7000-8000-0000000000bb".into();
    let err = import_error(&value.to_string(), &[]);
    assert!(
        err.contains("refers to person 01900000-0000-7000-8000-0000000000bb"),
        "{err}"
    );

    // A committee code clash with a different committee.
    let mut value = demo_archive_json();
    value["committees"][0]["id"] = "01900000-0000-7000-8000-0000000000cc".into();
    value["memberships"] = serde_json::json!([]);
    value["meetings"] = serde_json::json!([]);
    let err = import_error(&value.to_string(), &[]);
    assert!(
        err.contains("which a different committee in this database already has"),
        "{err}"
    );

    // A date that does not exist.
    let mut value = demo_archive_json();
    value["meetings"][0]["date"] = "2019-02-30".into();
    let err = import_error(&value.to_string(), &[]);
    assert!(err.contains("does not match the archive format"), "{err}");
}

#[test]
fn a_bare_json_file_brings_its_attachments_by_relative_path() {
    // A hand-written archive: one paper whose document is named by its path, with no
    // hash, size or page count; Boardpack works them out from the file.
    let (_demo_dir, demo) = super::demo();
    let mut value = serde_json::to_value(demo.archive(&ArchiveScope::Everything).unwrap()).unwrap();
    let real_pdf = demo
        .blobs()
        .read(value["papers"][0]["document"]["sha256"].as_str().unwrap())
        .unwrap();
    let papers = value["papers"].as_array_mut().unwrap();
    papers.truncate(1);
    papers[0]["document"]["sha256"] = "papers/ceo-report.pdf".into();
    papers[0]["document"]["pages"] = 0.into();
    papers[0]["appendices"] = serde_json::json!([]);
    value["files"] = serde_json::json!([{ "path": "papers/ceo-report.pdf" }]);

    let (dir, app) = super::fresh();
    fs::create_dir(dir.path().join("papers")).unwrap();
    fs::write(dir.path().join("papers/ceo-report.pdf"), &real_pdf).unwrap();
    let json = dir.path().join("hand-written.json");
    fs::write(&json, value.to_string()).unwrap();
    let summary = app.import_archive(&json).unwrap();
    assert_eq!((summary.files, summary.papers), (1, 1));
    let archive: Archive = app.archive(&ArchiveScope::Everything).unwrap();
    let doc = archive.papers[0].document.clone().unwrap();
    assert_eq!(doc.size, real_pdf.len() as u64);
    assert!(doc.pages >= 1);
    assert_eq!(app.blobs().read(&doc.sha256).unwrap(), real_pdf);
    assert_eq!(
        archive.files[0].sha256.as_deref(),
        Some(doc.sha256.as_str())
    );
}

#[test]
fn a_zip_that_is_not_a_zip_and_an_empty_folder_are_refused() {
    let (dir, app) = super::fresh();
    let fake = dir.path().join("fake.zip");
    fs::write(&fake, b"PK\x03\x04 not really a zip").unwrap();
    let err = app.import_archive(&fake).unwrap_err().to_string();
    assert!(err.contains("is not a readable zip file"), "{err}");
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let err = app.import_archive(&empty).unwrap_err().to_string();
    assert!(err.contains("holds no archive.json"), "{err}");
    let err = app
        .import_archive(&dir.path().join("absent.zip"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("There is no archive at"), "{err}");
    // Exporting over a non-empty folder is refused; nothing is half-written.
    let err = app
        .export_archive(&ArchiveScope::Everything, empty.parent().unwrap())
        .unwrap_err();
    assert!(
        err.to_string().contains("already exists and is not empty"),
        "{err}"
    );
    let _ = Boardpack::open(&dir.path().join("board.sqlite")).unwrap();
}

/// The demo with everything the setup screens add: a logo and language, numbering carried
/// on, a retired committee, an email, a non-voting seat, an ended membership, the
/// committee's own order, an interest with its date declared and action, a nil return.
fn demo_with_everything_new() -> (tempfile::TempDir, Boardpack) {
    use super::organisation::{d, png_logo};
    let (dir, app) = super::demo();
    let org = app.organisations().unwrap()[0].clone();
    app.set_logo_bytes(org.id, "logo.png", &png_logo(400, 160))
        .unwrap();
    app.update_organisation(
        org.id,
        &boardpack::OrganisationDetails {
            name: org.name.clone(),
            short_name: org.short_name.clone(),
            language: "cy-GB".into(),
            bulletin_wording: String::new(),
        },
    )
    .unwrap();
    let board = app.committee_by_code("TB").unwrap();
    app.set_numbering(board.id, 2027, Some(112)).unwrap();
    let audit = app.committee_by_code("AC").unwrap();
    app.retire_committee(audit.id, Some(d(2027, 3, 31)))
        .unwrap();
    let mut members = app.members(board.id).unwrap();
    members.reverse();
    let order: Vec<_> = members.iter().map(|m| m.membership.id).collect();
    app.reorder_members(board.id, &order).unwrap();
    let m = &members[0];
    app.update_membership(
        m.membership.id,
        &boardpack::MemberDetails {
            person_id: None,
            name: m.person.name.clone(),
            initials: m.person.initials.clone(),
            role: m.membership.role.clone(),
            kind: boardpack_core::MemberKind::Associate,
            voting: Some(true),
            organisation: m.person.organisation.clone(),
            phone: m.person.phone.clone(),
            email: "someone@nhs.net".into(),
            from: "2024-04-01".into(),
            to: String::new(),
        },
    )
    .unwrap();
    app.end_membership(members[1].membership.id, d(2027, 1, 31))
        .unwrap();
    app.add_interest(
        &boardpack::interests::InterestDetails {
            person_id: members[2].person.id,
            category: boardpack_core::interests::InterestCategory::NonFinancialProfessional,
            description: "Fellow of the Royal College of Physicians".into(),
            organisation: "Royal College of Physicians".into(),
            from: "2010-01-01".into(),
            to: String::new(),
            declared_on: "2026-04-07".into(),
            action: "None needed".into(),
            keywords: vec![],
        },
        d(2026, 5, 1),
    )
    .unwrap();
    app.record_nil_return(members[3].person.id, 2026, d(2026, 4, 9))
        .unwrap();
    (dir, app)
}

#[test]
fn everything_the_setup_screens_add_travels_in_the_archive() {
    let (dir, app) = demo_with_everything_new();
    let first = dir.path().join("first");
    let archive = app
        .export_archive(&ArchiveScope::Everything, &first)
        .unwrap();
    assert_matches_schema(&fs::read(first.join("archive.json")).unwrap());
    let logo = archive.organisations[0].logo.clone().unwrap();
    assert!(archive
        .files
        .iter()
        .any(|f| f.sha256.as_deref() == Some(logo.sha256.as_str()) && f.path.ends_with(".png")));
    // The demo's nil returns, with the one recorded here in place of the demo's for that
    // member.
    assert_eq!(
        archive.nil_returns.len(),
        app.nil_returns(None).unwrap().len()
    );
    let tb = app.committee_by_code("TB").unwrap();
    let recorded = app.members(tb.id).unwrap()[3].person.id;
    assert!(archive.nil_returns.iter().any(|n| n.person_id == recorded
        && n.declared_on == chrono::NaiveDate::from_ymd_opt(2026, 4, 9).unwrap()));

    let (dir2, fresh) = super::fresh();
    fresh.import_archive(&first).unwrap();
    let second = dir2.path().join("second");
    fresh
        .export_archive(&ArchiveScope::Everything, &second)
        .unwrap();
    assert_eq!(tree(&first), tree(&second), "lossless");
    assert_eq!(fresh.organisations().unwrap(), app.organisations().unwrap());
    assert_eq!(
        fresh.organisation_logo(logo_org(&fresh)).unwrap(),
        app.organisation_logo(logo_org(&app)).unwrap()
    );
    let board = fresh.committee_by_code("TB").unwrap();
    assert_eq!(board.first_minute(2027), 112);
    assert!(fresh.committee_by_code("AC").unwrap().is_retired());
    assert_eq!(
        fresh.members(board.id).unwrap(),
        app.members(board.id).unwrap()
    );
    assert_eq!(
        fresh.register(board.id, 2026).unwrap(),
        app.register(board.id, 2026).unwrap()
    );

    // One meeting's archive carries the logo too.
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let one = dir.path().join("one.zip");
    let archive = app
        .export_archive(
            &ArchiveScope::Meeting {
                meeting_id: meeting,
            },
            &one,
        )
        .unwrap();
    assert!(archive
        .files
        .iter()
        .any(|f| f.sha256.as_deref() == Some(logo.sha256.as_str())));
    let (_d3, other) = super::fresh();
    other.import_archive(&one).unwrap();
    assert!(other.organisation_logo(logo_org(&other)).unwrap().is_some());
}

fn logo_org(app: &Boardpack) -> boardpack_core::OrganisationId {
    app.organisations().unwrap()[0].id
}

#[test]
fn version_4_archives_import_with_votes_from_kinds() {
    let (_dir, app) = super::demo();
    let mut value = serde_json::to_value(app.archive(&ArchiveScope::Everything).unwrap()).unwrap();
    value["version"] = 4.into();
    value["papers"] = serde_json::json!([]);
    value["files"] = serde_json::json!([]);
    value.as_object_mut().unwrap().remove("nil_returns");
    for org in value["organisations"].as_array_mut().unwrap() {
        let o = org.as_object_mut().unwrap();
        o.remove("language");
        o.remove("logo");
    }
    for c in value["committees"].as_array_mut().unwrap() {
        let c = c.as_object_mut().unwrap();
        for k in ["pack_issue_days", "numbering", "retired_on"] {
            c.remove(k);
        }
    }
    for m in value["memberships"].as_array_mut().unwrap() {
        let m = m.as_object_mut().unwrap();
        for k in ["voting", "position", "from", "to"] {
            m.remove(k);
        }
    }
    for i in value["interests"].as_array_mut().unwrap() {
        let i = i.as_object_mut().unwrap();
        i.remove("declared_on");
        i.remove("action");
    }
    assert!(schema_validator().is_valid(&value));
    let (dir2, fresh) = super::fresh();
    let src = dir2.path().join("v4.json");
    fs::write(&src, value.to_string()).unwrap();
    fresh.import_archive(&src).unwrap();
    let org = &fresh.organisations().unwrap()[0];
    assert_eq!((org.language.as_str(), org.logo.is_none()), ("en-GB", true));
    let board = fresh.committee_by_code("TB").unwrap();
    for m in fresh.members(board.id).unwrap() {
        assert_eq!(m.membership.voting, m.membership.kind.votes_by_default());
    }
}

#[test]
fn a_logo_the_archive_does_not_carry_is_refused() {
    let (_dir, app) = demo_with_everything_new();
    let mut value = serde_json::to_value(app.archive(&ArchiveScope::Everything).unwrap()).unwrap();
    value["papers"] = serde_json::json!([]);
    value["files"] = serde_json::json!([]);
    value["organisations"][0]["logo"]["sha256"] = "ab".repeat(32).into();
    let err = import_error(&value.to_string(), &[]);
    assert!(
        err.contains("has a logo") && err.contains("not among the archive's files"),
        "{err}"
    );
}
