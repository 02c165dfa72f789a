//! Archives made by someone else, possibly to do harm: links out of the archive, named
//! pipes, devices, files nothing refers to, forged zip sizes, zip bombs, records the CLI
//! would refuse, and older backups over newer work. Each is refused with a sentence that
//! names what is wrong, nothing is read from outside the archive, and nothing changes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use boardpack::archive::{ImportLimits, ImportOptions};
use boardpack::{ArchiveScope, Boardpack};
use serde_json::{json, Value};

/// The demo exported as a folder archive, and a fresh database to import into.
struct Setup {
    dir: tempfile::TempDir,
    app: Boardpack,
    archive: PathBuf,
}

fn setup() -> Setup {
    let (demo_dir, demo) = super::demo();
    let (dir, app) = super::fresh();
    let archive = dir.path().join("incoming");
    demo.export_archive(&ArchiveScope::Everything, &archive)
        .unwrap();
    drop(demo_dir);
    Setup { dir, app, archive }
}

impl Setup {
    fn json(&self) -> Value {
        serde_json::from_slice(&fs::read(self.archive.join("archive.json")).unwrap()).unwrap()
    }

    fn write_json(&self, value: &Value) {
        fs::write(self.archive.join("archive.json"), value.to_string()).unwrap();
    }

    /// The first listed file's path inside the archive.
    fn first_file(&self) -> PathBuf {
        self.archive
            .join(self.json()["files"][0]["path"].as_str().unwrap())
    }

    /// Imports and expects a refusal with `code`; checks the database and the blob store
    /// are as they were. Returns the sentence.
    fn refused(&self, code: &str) -> String {
        self.refused_with(code, &ImportOptions::default())
    }

    fn refused_with(&self, code: &str, options: &ImportOptions) -> String {
        let before = self.app.archive(&ArchiveScope::Everything).unwrap();
        let blobs_before = blob_files(self.app.blobs().root());
        let err = self
            .app
            .import_archive_with(&self.archive, options)
            .unwrap_err();
        assert_eq!(err.code(), code, "{err}");
        assert_eq!(self.app.archive(&ArchiveScope::Everything).unwrap(), before);
        assert_eq!(blob_files(self.app.blobs().root()), blobs_before, "{err}");
        err.to_string()
    }
}

/// Every file under the blob store, staging area included.
fn blob_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Runs `f` on a thread and fails the test if it has not finished in 60 s (a FIFO that
/// blocks the import would otherwise hang the test run).
fn within_a_minute<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the import hung")
}

#[test]
fn a_link_to_a_file_outside_the_archive_is_refused_and_never_read() {
    let s = setup();
    let target = s.first_file();
    fs::remove_file(&target).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", &target).unwrap();
    let err = s.refused("bad_archive");
    assert!(err.contains("holds a link (files/"), "{err}");
    // Not carried into the blob store, so not into any later backup either.
    let passwd = fs::read("/etc/passwd").unwrap();
    for f in blob_files(s.app.blobs().root()) {
        assert_ne!(fs::read(&f).unwrap(), passwd);
    }
    // A link nothing lists is refused too: the folder holds only ordinary files.
    fs::remove_file(&target).unwrap();
    let s = setup();
    std::os::unix::fs::symlink("/etc", s.archive.join("files/elsewhere")).unwrap();
    let err = s.refused("bad_archive");
    assert!(err.contains("holds a link (files/elsewhere)"), "{err}");
    // A folder on the way that is a link to another folder.
    let s = setup();
    let files = s.archive.join("files");
    let real = s.dir.path().join("real-files");
    fs::rename(&files, &real).unwrap();
    std::os::unix::fs::symlink(&real, &files).unwrap();
    let err = s.refused("bad_archive");
    assert!(err.contains("holds a link (files)"), "{err}");
}

#[test]
fn a_named_pipe_or_a_device_is_refused_without_waiting_on_it() {
    let s = setup();
    let target = s.first_file();
    fs::remove_file(&target).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&target)
        .status()
        .unwrap();
    assert!(made.success());
    let (app, archive) = (s.app, s.archive.clone());
    let err = within_a_minute(move || {
        let e = app.import_archive(&archive).unwrap_err();
        (e.code(), e.to_string(), app)
    });
    assert_eq!(err.0, "bad_archive");
    assert!(err.1.contains("holds a named pipe (files/"), "{}", err.1);
    assert!(err.2.meetings().unwrap().is_empty());
    // A device as the archive itself: refused, not read until memory runs out.
    let (_dir, app) = super::fresh();
    let err = within_a_minute(move || app.import_archive(Path::new("/dev/zero")).unwrap_err());
    assert_eq!(
        err.to_string(),
        "/dev/zero is a device, not a file or a folder, so it cannot be an archive. Nothing was imported."
    );
}

#[test]
fn only_pdfs_that_papers_refer_to_are_taken() {
    // An extra PDF no paper refers to.
    let s = setup();
    let mut value = s.json();
    let extra = "files/extra.pdf";
    fs::copy(s.first_file(), s.archive.join(extra)).unwrap();
    value["files"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "path": extra }));
    s.write_json(&value);
    let err = s.refused("bad_archive");
    assert!(
        err.contains(
            "carries files/extra.pdf, which no paper, appendix or earlier version refers to"
        ),
        "{err}"
    );
    // A file listed as something other than a PDF.
    let s = setup();
    let mut value = s.json();
    value["files"][0]["media_type"] = "text/plain".into();
    s.write_json(&value);
    let err = s.refused("bad_archive");
    assert!(
        err.contains("as text/plain: an archive carries only papers' PDFs"),
        "{err}"
    );
    // A paper's file that is not a PDF at all.
    let s = setup();
    let mut value = s.json();
    fs::write(s.first_file(), b"root:x:0:0:root:/root:/bin/bash\n").unwrap();
    for f in value["files"].as_array_mut().unwrap() {
        f.as_object_mut().unwrap().remove("sha256");
        f.as_object_mut().unwrap().remove("size");
    }
    s.write_json(&value);
    let err = s.refused("bad_archive");
    assert!(err.contains("cannot be used: "), "{err}");
}

/// A zip whose entries are made by `add` (name, bytes, deflated?, declared size to forge).
fn zip_archive(path: &Path, entries: &[(&str, &[u8], bool)]) {
    let file = fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    for (name, bytes, deflate) in entries {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(if *deflate {
                zip::CompressionMethod::Deflated
            } else {
                zip::CompressionMethod::Stored
            })
            .large_file(true);
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// Replaces every ZIP64 size field equal to `real` with `forged`.
fn forge_zip64_sizes(path: &Path, real: u64, forged: u64) {
    let mut bytes = fs::read(path).unwrap();
    let needle = real.to_le_bytes();
    let mut k = 0;
    let mut changed = 0;
    while k + 4 + 8 <= bytes.len() {
        // The ZIP64 extra field: id 0x0001, then its length, then the sizes.
        if bytes[k..k + 2] == [1, 0] && bytes[k + 4..k + 12] == needle {
            bytes[k + 4..k + 12].copy_from_slice(&forged.to_le_bytes());
            changed += 1;
        }
        k += 1;
    }
    assert!(changed > 0, "no ZIP64 size found to forge");
    fs::write(path, bytes).unwrap();
}

#[test]
fn a_forged_zip64_size_is_refused_without_allocating_it() {
    let s = setup();
    let json = fs::read(s.archive.join("archive.json")).unwrap();
    let zip = s.dir.path().join("forged.zip");
    zip_archive(&zip, &[("archive.json", &json, false)]);
    forge_zip64_sizes(&zip, json.len() as u64, 1 << 62);
    let err = s.app.import_archive(&zip).unwrap_err();
    assert_eq!(err.code(), "bad_archive");
    assert!(
        err.to_string()
            .contains("is larger than the 1 GB Boardpack reads")
            || err.to_string().contains("is not a readable zip file"),
        "{err}"
    );
    assert!(s.app.meetings().unwrap().is_empty());
}

#[test]
fn a_zip_bomb_is_refused_within_the_caps() {
    // A paper that inflates to 1 GB of zeros from about a megabyte of zip.
    let s = setup();
    let mut value = s.json();
    let bomb_name = value["files"][0]["path"].as_str().unwrap().to_owned();
    value["files"][0].as_object_mut().unwrap().remove("size");
    value["files"][0].as_object_mut().unwrap().remove("sha256");
    let json = value.to_string();
    let zip = s.dir.path().join("bomb.zip");
    {
        let file = fs::File::create(&zip).unwrap();
        let mut w = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
            .large_file(true);
        w.start_file("archive.json", options).unwrap();
        w.write_all(json.as_bytes()).unwrap();
        w.start_file(bomb_name.as_str(), options).unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..1024 {
            w.write_all(&zeros).unwrap();
        }
        w.finish().unwrap();
    }
    let size = fs::metadata(&zip).unwrap().len();
    assert!(size < 8_000_000, "the bomb is {size} bytes");
    let err = s.app.import_archive(&zip).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("The attached file {bomb_name} is larger than the 200 MB Boardpack takes for one file (an archive whose files swell when unpacked is refused). Nothing was imported.")
    );
    assert!(s.app.meetings().unwrap().is_empty());
    assert!(blob_files(s.app.blobs().root()).is_empty());
}

#[test]
fn every_cap_holds_and_says_which() {
    let s = setup();
    let small = |file, json, total| ImportOptions {
        replace: false,
        limits: ImportLimits { file, json, total },
    };
    let files: Vec<u64> = s.json()["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["size"].as_u64().unwrap())
        .collect();
    let biggest = *files.iter().max().unwrap();
    let all: u64 = files.iter().sum();
    let err = s.refused_with("bad_archive", &small(biggest - 1, 1 << 30, 1 << 40));
    assert!(
        err.contains(&format!(
            "larger than the {} bytes Boardpack takes for one file",
            biggest - 1
        )),
        "{err}"
    );
    let err = s.refused_with("bad_archive", &small(biggest, 1 << 30, all - 1));
    assert!(
        err.contains(&format!(
            "The archive's files add up to more than the {} bytes Boardpack takes in one import",
            all - 1
        )),
        "{err}"
    );
    let err = s.refused_with("bad_archive", &small(biggest, 1000, all));
    assert!(
        err.contains("archive.json is larger than the 1000 bytes Boardpack reads"),
        "{err}"
    );
    // Exactly at the caps: imported.
    s.app
        .import_archive_with(&s.archive, &small(biggest, 1 << 30, all))
        .unwrap();
}

/// Records the command line would refuse are refused from an archive too, each with a
/// sentence that names the record; nothing is imported.
/// One hostile record: what it is, how it spoils the archive, what the refusal says.
type Case = (&'static str, Box<dyn Fn(&mut Value)>, &'static str);

#[test]
fn records_are_checked_as_the_command_line_checks_them() {
    let cases: Vec<Case> = vec![
        (
            "invalid code",
            Box::new(|v| v["committees"][0]["code"] = "tb board".into()),
            "(tb board): “tb board” is not a committee code",
        ),
        (
            "quorum 0/0",
            Box::new(|v| {
                v["committees"][0]["quorum"]["minimum"] =
                    json!({"kind": "fraction", "numerator": 0, "denominator": 0})
            }),
            "the quorum rule is impossible: 0/0 is not a fraction",
        ),
        (
            "bad letter",
            Box::new(|v| v["papers"][0]["letter_override"] = "c2x".into()),
            "is not usable: use one to three characters",
        ),
        (
            "own parent",
            Box::new(|v| {
                let id = v["agenda_items"][5]["id"].clone();
                v["agenda_items"][5]["parent_id"] = id;
            }),
            "an item cannot be its own sub-item. Nothing was imported.",
        ),
        (
            "parent cycle",
            Box::new(|v| {
                let a = v["agenda_items"][5]["id"].clone();
                let b = v["agenda_items"][6]["id"].clone();
                v["agenda_items"][5]["parent_id"] = b;
                v["agenda_items"][6]["parent_id"] = a;
            }),
            "are each other's parents: parents cannot loop. Nothing was imported.",
        ),
        (
            "dangling lead",
            Box::new(|v| {
                v["agenda_items"][5]["lead"] =
                    json!({"kind": "member", "person_id": "01900000-0000-7000-8000-0000000000dd"})
            }),
            "refers to lead 01900000-0000-7000-8000-0000000000dd, which is neither in the archive nor in this database",
        ),
        (
            "dangling objective",
            Box::new(|v| {
                v["papers"][0]["cover"]["objectives"] =
                    json!({"01900000-0000-7000-8000-0000000000ee": "yes"})
            }),
            "(its cover sheet) refers to strategic objective 01900000-0000-7000-8000-0000000000ee",
        ),
        (
            "dangling risk",
            Box::new(|v| {
                v["papers"][0]["cover"]["baf"] = json!({"answer": "yes", "risks": ["01900000-0000-7000-8000-0000000000ff"], "reason": ""})
            }),
            "(its cover sheet) refers to risk 01900000-0000-7000-8000-0000000000ff",
        ),
        (
            "duplicate ids",
            Box::new(|v| {
                let first = v["people"][0].clone();
                let mut copy = v["people"][1].clone();
                copy["id"] = first["id"].clone();
                v["people"].as_array_mut().unwrap().push(copy);
            }),
            "The archive holds two people with the id ",
        ),
        (
            "a 50 MB title",
            Box::new(|v| v["agenda_items"][5]["title"] = "x".repeat(50_000_000).into()),
            "the item title is 50,000,000 characters long, more than the 500 Boardpack takes",
        ),
        (
            "escape in a title",
            Box::new(|v| v["agenda_items"][5]["title"] = "Finance \u{1b}[2J report".into()),
            "the item title contains a control character (U+001B)",
        ),
        (
            "duration",
            Box::new(|v| v["agenda_items"][5]["duration_minutes"] = 4_294_967_295u32.into()),
            "an item runs from 1 to 1,440 minutes",
        ),
        (
            "meeting number",
            Box::new(|v| v["meetings"][0]["number"] = 4_294_967_295u32.into()),
            "meeting numbers run from 1 to 99,999; 4294967295 is not one.",
        ),
        (
            "year",
            Box::new(|v| v["meetings"][0]["date"] = "0203-12-03".into()),
            "the meeting date 0203-12-03 is not a plausible date",
        ),
    ];
    for (name, change, expect) in cases {
        let s = setup();
        let mut value = s.json();
        change(&mut value);
        s.write_json(&value);
        let err = s.refused("bad_archive");
        assert!(err.contains(expect), "{name}: {err}");
        assert!(err.starts_with("The archive"), "{name}: {err}");
        assert!(err.ends_with("Nothing was imported."), "{name}: {err}");
        assert!(err.len() < 2000, "{name}: the sentence repeats the value");
    }
}

/// The case of the issue: an item that is its own parent no longer disappears from the
/// agenda while the readiness check says Ready; it never gets in.
#[test]
fn an_item_that_is_its_own_parent_never_reaches_the_agenda() {
    let s = setup();
    let mut value = s.json();
    let id = value["agenda_items"][5]["id"].clone();
    value["agenda_items"][5]["parent_id"] = id;
    s.write_json(&value);
    s.refused("bad_archive");
    // Into a database that already has the meeting: refused too, nothing changes.
    let s2 = setup();
    s2.app.import_archive(&s2.archive).unwrap();
    fs::remove_dir_all(&s2.archive).unwrap();
    fs::create_dir_all(s2.archive.join("files")).unwrap();
    let mut only_items = value.clone();
    for key in [
        "papers",
        "files",
        "minutes",
        "declarations",
        "action_updates",
        "minutes_versions",
        "attendance",
        "attendees",
    ] {
        only_items[key] = json!([]);
    }
    s2.write_json(&only_items);
    let err = s2.refused("bad_archive");
    assert!(err.contains("an item cannot be its own sub-item"), "{err}");
}

/// Restoring an older backup over newer work names what it would undo and needs
/// `replace`; with it, the archive's versions come back, records added since stay, and
/// every action's status agrees with its latest update.
#[test]
fn an_older_backup_over_newer_work_needs_replace() {
    use boardpack::actions::{LogFilter, NewActionUpdate};
    use boardpack_core::actions::ActionStatus;
    let (dir, app) = super::demo();
    let backup = dir.path().join("backup.zip");
    app.export_archive(&ArchiveScope::Everything, &backup)
        .unwrap();
    // Work since the backup: an item renamed, an action updated at risk.
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let row = app.agenda(meeting).unwrap().rows[5].clone();
    let renamed = boardpack_core::agenda::AgendaItem {
        title: format!("{} (revised)", row.item.title),
        ..row.item.clone()
    };
    app.update_item(&renamed).unwrap();
    let tb = app.committee_by_code("TB").unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
    let action = app
        .action_log(tb.id, today, LogFilter::Open)
        .unwrap()
        .entries[0]
        .clone();
    app.update_action(&NewActionUpdate {
        action_id: action.action.id,
        status: ActionStatus::AtRisk,
        note: "Slipping".into(),
        date: today,
        meeting_id: None,
    })
    .unwrap();
    let before = app.archive(&ArchiveScope::Everything).unwrap();

    let err = app.import_archive(&backup).unwrap_err();
    assert_eq!(err.code(), "would_overwrite");
    let text = err.to_string();
    assert!(
        text.contains(&format!("would overwrite 2 records that are different in this database: agenda item “{}” (Trust Board meeting 142 (3 December 2026))", renamed.title)),
        "{text}"
    );
    assert!(text.contains("minutes of “"), "{text}");
    assert!(text.contains("--replace"), "{text}");
    assert_eq!(boardpack::ErrorReport::from(&err).details.len(), 2);
    assert_eq!(app.archive(&ArchiveScope::Everything).unwrap(), before);

    let summary = app
        .import_archive_with(
            &backup,
            &ImportOptions {
                replace: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(summary.replaced, 2);
    let after = app.agenda(meeting).unwrap().rows[5].item.clone();
    assert_eq!(after.title, row.item.title);
    // The update made since stays in the history, and the status follows it.
    let log = app.action_log(tb.id, today, LogFilter::All).unwrap();
    for e in &log.entries {
        if let Some(last) = e.history.last() {
            assert_eq!(e.action.status, last.status, "{}", e.action.text);
        }
    }
    let kept = log
        .entries
        .iter()
        .find(|e| e.action.id == action.action.id)
        .unwrap();
    assert_eq!(kept.action.status, ActionStatus::AtRisk);
    // Importing the same backup again changes nothing and needs no replace.
    let again = app.archive(&ArchiveScope::Everything).unwrap();
    let err = app.import_archive(&backup);
    assert!(err.is_err(), "the status still differs from the backup's");
    assert_eq!(app.archive(&ArchiveScope::Everything).unwrap(), again);
}

/// An action added since the backup, with an update, is named as going; with `replace` it
/// goes with its history, and the database stays consistent (no raw constraint error).
#[test]
fn replacing_minutes_removes_actions_added_since_with_their_history() {
    use boardpack::actions::{LogFilter, NewActionUpdate};
    use boardpack_core::actions::ActionStatus;
    use boardpack_core::minutes::Action;
    let (dir, app) = super::demo();
    let backup = dir.path().join("backup");
    app.export_archive(&ArchiveScope::Everything, &backup)
        .unwrap();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let room = app.room(meeting).unwrap();
    let row = room
        .rows
        .iter()
        .find(|r| r.item.standing.is_none())
        .unwrap();
    let mut minute = app
        .save_minute(&boardpack_core::minutes::Minute::empty(row.item.id))
        .unwrap();
    let added = Action {
        id: boardpack_core::ActionId(uuid::Uuid::now_v7()),
        text: "Report back on the ward refurbishment".into(),
        lead: "JAd".into(),
        due: None,
        status: ActionStatus::Open,
    };
    minute.actions.push(added.clone());
    app.save_minute(&minute).unwrap();
    app.update_action(&NewActionUpdate {
        action_id: added.id,
        status: ActionStatus::OnTrack,
        note: "Started".into(),
        date: chrono::NaiveDate::from_ymd_opt(2027, 1, 10).unwrap(),
        meeting_id: None,
    })
    .unwrap();
    let err = app.import_archive(&backup).unwrap_err();
    assert!(
        err.to_string()
            .contains("action “Report back on the ward refurbishment”")
            || boardpack::ErrorReport::from(&err).details.iter().any(|d| d
                .contains("“Report back on the ward refurbishment” of “")
                && d.contains("it would be removed and its update")),
        "{err}"
    );
    app.import_archive_with(
        &backup,
        &ImportOptions {
            replace: true,
            ..Default::default()
        },
    )
    .unwrap();
    let tb = app.committee_by_code("TB").unwrap();
    let log = app
        .action_log(tb.id, boardpack::today(), LogFilter::All)
        .unwrap();
    assert!(log.entries.iter().all(|e| e.action.id != added.id));
}
