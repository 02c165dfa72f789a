//! The `boardpack` command as a script or a user runs it: the real binary, a temp database,
//! stdout and stderr read back. (These live beside the binary because cargo hands an
//! integration test only its own package's binaries; the window tests are in `tests/`.)

#![allow(clippy::unwrap_used)] // test helpers may fail loudly

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.sqlite");
        Db { _dir: dir, path }
    }

    fn dir(&self) -> &Path {
        self.path.parent().unwrap()
    }

    /// Runs `boardpack --db <this db> args…`.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_boardpack"))
            .arg("--db")
            .arg(&self.path)
            .args(args)
            .env_remove("BOARDPACK_DB")
            .output()
            .unwrap()
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "boardpack {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects failure; returns stderr, checked to be one sentence on one line
    /// with no panic or backtrace.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(1), "boardpack {args:?} should fail");
        assert!(out.stdout.is_empty(), "nothing on stdout when failing");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(
            err.starts_with("Error: ") && err.trim_end().ends_with('.'),
            "{err}"
        );
        assert!(
            !err.contains("panicked") && !err.contains("backtrace"),
            "{err}"
        );
        err
    }
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4
}

#[test]
fn demo_then_meetings_lists_the_demo_meeting() {
    let db = Db::new();
    let id = db.ok(&["demo"]);
    let id = id.trim();
    assert!(is_uuid(id), "the id alone on stdout: {id:?}");
    // Loading it again is harmless and prints the same id.
    assert_eq!(db.ok(&["demo"]).trim(), id);
    let meetings = db.ok(&["meetings"]);
    assert_eq!(
        meetings,
        format!(
            "{id}\tTB\t2026-12-03\tTrust Board – 3 December 2026\n\
             019b76da-a800-7f02-9a6f-954a1c7cbbc0\tTB\t2026-11-05\tTrust Board – 5 November 2026\n"
        )
    );
    let committees = db.ok(&["committees"]);
    assert!(
        committees.contains("\tTB\tTrust Board\tRiverside University Hospitals NHS Trust\t16\n"),
        "{committees}"
    );
    let members = db.ok(&["members", "--committee", "TB"]);
    assert_eq!(members.lines().count(), 16);
    assert!(
        members
            .lines()
            .next()
            .unwrap()
            .contains("\tHM\tDame Helen Marsh\tchair\tTrust Chair"),
        "{members}"
    );
    let kinds = |kind: &str| {
        members
            .lines()
            .filter(|l| l.split('\t').nth(3) == Some(kind))
            .count()
    };
    assert_eq!(
        (kinds("executive_director"), kinds("non_executive_director")),
        (6, 5)
    );
    assert!(kinds("in_attendance") >= 2 && kinds("secretary") == 1);
}

#[test]
fn a_committee_its_members_and_a_meeting() {
    let db = Db::new();
    let id = db.ok(&[
        "committee",
        "add",
        "--name",
        "System Leadership Team",
        "--code",
        "SLT",
        "--organisation",
        "LLR Health and Care",
    ]);
    assert!(is_uuid(id.trim()));
    db.ok(&[
        "member",
        "add",
        "--committee",
        "SLT",
        "--name",
        "Toby Sanders",
        "--initials",
        "TS",
        "--role",
        "LLR STP Lead",
        "--kind",
        "chair",
    ]);
    db.ok(&[
        "member",
        "add",
        "--committee",
        "SLT",
        "--name",
        "Tim O’Neill",
        "--initials",
        "TO'N",
        "--role",
        "Deputy Chief Executive",
        "--kind",
        "voting_member",
        "--organisation",
        "Rutland County Council",
    ]);
    let m = db.ok(&[
        "meeting",
        "add",
        "--committee",
        "SLT",
        "--date",
        "2017-06-22",
        "--start",
        "09:00",
        "--end",
        "12:00",
        "--venue",
        "St Johns House",
        "--number",
        "19",
    ]);
    let m = m.trim();
    assert!(is_uuid(m));
    assert_eq!(
        db.ok(&["meetings"]),
        format!("{m}\tSLT\t2017-06-22\tSystem Leadership Team – 22 June 2017\n")
    );
    let members = db.ok(&["members", "--committee", "SLT"]);
    assert!(
        members.contains("\tTO'N\tTim O’Neill\tvoting_member\tDeputy Chief Executive\n"),
        "{members}"
    );
}

#[test]
fn bad_input_gets_one_clear_sentence_and_changes_nothing() {
    let db = Db::new();
    db.ok(&["demo"]);
    let before = db.ok(&["meetings"]);
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "meeting",
                "add",
                "--committee",
                "TB",
                "--date",
                "2019-02-30",
            ],
            "2019-02-30 is not a real date: February 2019 has 28 days.",
        ),
        (
            &[
                "meeting",
                "add",
                "--committee",
                "TB",
                "--date",
                "30/02/2019",
            ],
            "“30/02/2019” is not a date: write it as YYYY-MM-DD",
        ),
        (
            &[
                "meeting",
                "add",
                "--committee",
                "TB",
                "--date",
                "2027-01-14",
                "--start",
                "9am",
            ],
            "“9am” is not a time",
        ),
        (
            &[
                "meeting",
                "add",
                "--committee",
                "TB",
                "--date",
                "2027-01-14",
                "--start",
                "12:00",
                "--end",
                "10:00",
            ],
            "The meeting cannot end (10:00) before it starts (12:00).",
        ),
        (
            &[
                "meeting",
                "add",
                "--committee",
                "ZZZ",
                "--date",
                "2027-01-14",
            ],
            "There is no committee with the code “ZZZ”.",
        ),
        (
            &[
                "meeting",
                "add",
                "--committee",
                "TB",
                "--date",
                "2027-01-14",
                "--number",
                "142",
            ],
            "Trust Board already has meeting number 142",
        ),
        (
            &[
                "member",
                "add",
                "--committee",
                "TB",
                "--name",
                "A N Other",
                "--kind",
                "boss",
            ],
            "“boss” is not a member kind",
        ),
        (
            &[
                "committee",
                "add",
                "--name",
                "Trust Board 2",
                "--code",
                "TB",
            ],
            "There is already a committee with the code TB",
        ),
        (
            &[
                "archive",
                "export",
                "--meeting",
                "not-an-id",
                "--out",
                "x.zip",
            ],
            "“not-an-id” is not a meeting id",
        ),
        (
            &["archive", "import", "/no/such/archive.zip"],
            "There is no archive at /no/such/archive.zip",
        ),
    ];
    for (args, expect) in cases {
        let err = db.fails(args);
        assert!(err.contains(expect), "boardpack {args:?}: {err}");
    }
    assert_eq!(db.ok(&["meetings"]), before);
}

#[test]
fn unusable_database_paths_are_refused() {
    let db = Db::new();
    let out = Command::new(env!("CARGO_BIN_EXE_boardpack"))
        .args(["--db", "/no/such/folder/board.sqlite", "meetings"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Error: The folder /no/such/folder does not exist: create it first, or choose another database path.\n"
    );
    std::fs::write(&db.path, "not a database ".repeat(100)).unwrap();
    let err = db.fails(&["meetings"]);
    assert!(err.contains("is not a Boardpack database"), "{err}");
    // BOARDPACK_DB is honoured.
    let other = db.dir().join("other.sqlite");
    let out = Command::new(env!("CARGO_BIN_EXE_boardpack"))
        .arg("demo")
        .env("BOARDPACK_DB", &other)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(other.is_file());
}

#[test]
fn archives_round_trip_through_the_command() {
    let db = Db::new();
    let meeting = db.ok(&["demo"]);
    let zip = db.dir().join("all.zip");
    db.ok(&["archive", "export", "--out", zip.to_str().unwrap()]);
    let folder = db.dir().join("one-meeting");
    db.ok(&[
        "archive",
        "export",
        "--meeting",
        meeting.trim(),
        "--out",
        folder.to_str().unwrap(),
    ]);
    assert!(folder.join("archive.json").is_file());

    let fresh = Db::new();
    let out = fresh.run(&["archive", "import", zip.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .starts_with("Imported 1 organisation(s), 2 committee(s), 16 people"));
    assert_eq!(fresh.ok(&["meetings"]), db.ok(&["meetings"]));
    let again = fresh.dir().join("again.zip");
    fresh.ok(&["archive", "export", "--out", again.to_str().unwrap()]);
    assert_eq!(std::fs::read(&zip).unwrap(), std::fs::read(&again).unwrap());

    let bad = db.dir().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format":"boardpack-archive","version":8,"scope":{"kind":"everything"}}"#,
    )
    .unwrap();
    let err = fresh.fails(&["archive", "import", bad.to_str().unwrap()]);
    assert!(
        err.contains("is archive version 8; this Boardpack reads versions 1 to 7"),
        "{err}"
    );
}

fn corpus(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/realworld")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn check_fails_on_a_missing_cover_field_and_passes_once_it_is_filled() {
    let db = Db::new();
    let demo = db.ok(&["demo"]);
    let demo = demo.trim();
    // The demo meeting is ready.
    let out = db.run(&["check", "--meeting", demo]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A new meeting: items, a paper with its PDF; its cover sheet is not filled in.
    db.ok(&[
        "committee",
        "add",
        "--name",
        "Audit Committee 2",
        "--code",
        "AC2",
    ]);
    db.ok(&[
        "member",
        "add",
        "--committee",
        "AC2",
        "--name",
        "Tim O’Neill",
        "--initials",
        "TO'N",
        "--role",
        "Chair",
        "--kind",
        "chair",
    ]);
    let m = db.ok(&[
        "meeting",
        "add",
        "--committee",
        "AC2",
        "--date",
        "2099-03-05",
        "--start",
        "14:00",
        "--end",
        "16:00",
    ]);
    let m = m.trim();
    let item = db.ok(&[
        "item",
        "add",
        "--meeting",
        m,
        "--title",
        "Internal audit progress report",
        "--purpose",
        "assurance",
        "--lead",
        "TO'N",
        "--minutes",
        "20",
    ]);
    let item = item.trim();
    let paper = db.ok(&[
        "paper",
        "add",
        "--item",
        item,
        "--file",
        &corpus("004-pdflatex-4-pages_pdflatex-4-pages.pdf"),
        "--author",
        "Head of Internal Audit",
        "--sponsor",
        "Sarah Whitfield",
    ]);
    assert!(is_uuid(paper.trim()));
    let agenda = db.ok(&["agenda", "--meeting", m]);
    assert!(
        agenda
            .contains("\tInternal audit progress report\tAssurance\tTim O’Neill, Chair\tPaper A\n"),
        "{agenda}"
    );

    let out = db.run(&["check", "--meeting", m]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("BLOCKING\tPaper A (Internal audit progress report): the cover sheet's executive summary: context is empty: fill it in."), "{report}");

    // Fill the cover sheet through the archive format and check again.
    let folder = db.dir().join("meeting");
    db.ok(&[
        "archive",
        "export",
        "--meeting",
        m,
        "--out",
        folder.to_str().unwrap(),
    ]);
    let json_path = folder.join("archive.json");
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    let objectives: serde_json::Map<String, serde_json::Value> = value["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["id"].as_str().unwrap().to_owned(), "yes".into()))
        .collect();
    assert_eq!(
        objectives.len(),
        9,
        "the organisation's objectives travel with the meeting"
    );
    for p in value["papers"].as_array_mut().unwrap() {
        let c = &mut p["cover"];
        c["objectives"] = objectives.clone().into();
        c["context"] = "Progress against the internal audit plan 2098/99.".into();
        c["questions"] = serde_json::json!(["Is the Committee assured by progress?"]);
        c["conclusion"] = "The Committee is asked to note progress.".into();
        c["input_sought"] = "Views on the plan.".into();
        c["risk_register"] =
            serde_json::json!({"answer": "not_applicable", "risks": [], "reason": ""});
        c["baf"] = serde_json::json!({"answer": "no", "risks": [], "reason": "Current risk rating is low"});
        c["equality_impact"] = "N/A".into();
        c["public_involvement"] = "N/A".into();
        c["next_paper"] = serde_json::json!({"kind": "tbc"});
    }
    // The papers of the standing items are still missing: mark those items as needing none.
    for i in value["agenda_items"].as_array_mut().unwrap() {
        if !i["standing"].is_null() {
            i["paper_expected"] = false.into();
        }
    }
    std::fs::write(&json_path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
    // Records that differ are named, and changed only when asked.
    let err = db.fails(&["archive", "import", folder.to_str().unwrap()]);
    assert!(
        err.contains("would overwrite 3 records that are different in this database: agenda item “Minutes of the previous meeting” (Audit Committee 2 meeting 1 (5 March 2099)); agenda item “Action log and matters arising” (Audit Committee 2 meeting 1 (5 March 2099)); paper “Internal audit progress report”. Nothing was imported."),
        "{err}"
    );
    let out = db.run(&["archive", "import", "--replace", folder.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("Replaced 3 record(s) with the archive's version."));
    let out = db.run(&["check", "--meeting", m]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// A typst-made fixture of the engine's tests: `a11yreport-tagged.pdf` (PDF/UA-1) or
/// `a11yreport-untagged.pdf`.
fn pdf_fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../boardpack-pdf/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// `check` warns of a paper attached as an untagged PDF and lists, per export, whether it
/// comes out as tagged PDF/UA-1; a tagged copy of the paper puts both right.
#[test]
fn check_names_untagged_papers_and_reports_each_export() {
    let db = Db::new();
    db.ok(&["demo"]);
    let m = db.ok(&[
        "meeting",
        "add",
        "--committee",
        "TB",
        "--date",
        "2099-03-05",
        "--start",
        "10:00",
        "--end",
        "12:00",
    ]);
    let m = m.trim();
    let mut papers = Vec::new();
    for (title, file) in [
        ("Estates update", "a11yreport-untagged.pdf"),
        ("Quality report", "a11yreport-tagged.pdf"),
    ] {
        let item = db.ok(&[
            "item",
            "add",
            "--meeting",
            m,
            "--title",
            title,
            "--purpose",
            "noting",
            "--minutes",
            "10",
        ]);
        let paper = db.ok(&[
            "paper",
            "add",
            "--item",
            item.trim(),
            "--file",
            &pdf_fixture(file),
            "--author",
            "Director of Estates",
            "--sponsor",
            "Sarah Whitfield",
        ]);
        papers.push(paper.trim().to_owned());
    }
    let warning = "warning\tPaper A (Estates update) is not a tagged PDF, so screen readers cannot read it: ask the author to export it with document structure tags (Word: Save as PDF, Options, 'Document structure tags for accessibility').\n";
    let report = String::from_utf8(db.run(&["check", "--meeting", m]).stdout).unwrap();
    assert!(report.contains(warning), "{report}");
    assert!(
        !report.contains("Paper B (Quality report) is not a tagged PDF"),
        "{report}"
    );
    let accessibility: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("accessibility\t"))
        .collect();
    let untagged = "not PDF/UA-1\tPaper A (Estates update) is not a tagged PDF; everything else in it is tagged.";
    let made = "PDF/UA-1\tBoardpack makes every page of it, tagged.";
    assert_eq!(
        accessibility,
        [
            format!("accessibility\tPublic pack\t{untagged}"),
            format!("accessibility\tFull pack\t{untagged}"),
            "accessibility\tPublic bulletin\tnot made\tNothing is marked for the bulletin at Trust Board – 5 March 2099: tick “For the bulletin” on the public items to include.".into(),
            format!("accessibility\tPublic minutes\t{made}"),
            format!("accessibility\tFull minutes\t{made}"),
            format!("accessibility\tPublic action log\t{made}"),
            format!("accessibility\tFull action log\t{made}"),
            format!("accessibility\tRegister of interests\t{made}"),
        ],
        "{report}"
    );

    // The author sends a tagged copy: no warning, and both packs are PDF/UA-1.
    db.ok(&[
        "paper",
        "attach",
        "--paper",
        &papers[0],
        "--file",
        &pdf_fixture("a11yreport-tagged.pdf"),
    ]);
    let report = String::from_utf8(db.run(&["check", "--meeting", m]).stdout).unwrap();
    assert!(!report.contains("is not a tagged PDF"), "{report}");
    for pack in ["Public pack", "Full pack"] {
        assert!(
            report.contains(&format!("accessibility\t{pack}\tPDF/UA-1\tBoardpack's own pages are tagged, and so are all 2 files attached.\n")),
            "{report}"
        );
    }
}

#[test]
fn attaching_a_bad_file_is_one_sentence() {
    let db = Db::new();
    db.ok(&["demo"]);
    let m = db.ok(&[
        "meeting",
        "add",
        "--committee",
        "TB",
        "--date",
        "2027-01-14",
    ]);
    let item = db.ok(&[
        "item",
        "add",
        "--meeting",
        m.trim(),
        "--title",
        "Private matter",
        "--private",
    ]);
    let err = db.fails(&[
        "paper",
        "add",
        "--item",
        item.trim(),
        "--file",
        &corpus("005-libreoffice-writer-password_libreoffice-writer-password.pdf"),
    ]);
    assert_eq!(err, "Error: Cannot attach 005-libreoffice-writer-password_libreoffice-writer-password.pdf: it is protected by a password; ask the author for a copy without a password.\n");
    let err = db.fails(&[
        "item",
        "add",
        "--meeting",
        m.trim(),
        "--title",
        "X",
        "--purpose",
        "vote",
    ]);
    assert!(err.contains("“vote” is not a purpose"), "{err}");
    let out = db.run(&["check", "--meeting", m.trim()]);
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("is taken in private but gives no reason"),
        "{report}"
    );
}

#[test]
fn exports_the_pack_the_minutes_and_the_register() {
    let db = Db::new();
    let m = db.ok(&["demo"]);
    let m = m.trim();
    for (args, file) in [
        (vec!["export", "pack", "--meeting", m], "pack.pdf"),
        (
            vec!["export", "pack", "--public", "--meeting", m],
            "public.pdf",
        ),
        (vec!["export", "minutes", "--meeting", m], "minutes.pdf"),
        (
            vec!["export", "register", "--committee", "TB"],
            "register.pdf",
        ),
    ] {
        let out = db.dir().join(file);
        let mut all = args.clone();
        all.extend(["--out", out.to_str().unwrap()]);
        assert_eq!(db.ok(&all).trim(), out.to_str().unwrap());
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{file}");
        // Tagged, in the organisation's language (British English unless it says).
        let said = String::from_utf8_lossy(&bytes);
        assert!(said.contains("<pdfuaid:part>1</pdfuaid:part>"), "{file}");
        assert!(said.contains("<rdf:li>en-GB</rdf:li>"), "{file}");
    }
    // An organisation publishing in Welsh: its documents say so, for screen readers.
    db.ok(&["organisation", "language", "--tag", "cy-GB"]);
    for args in [
        vec!["export", "minutes", "--meeting", m],
        vec!["export", "pack", "--public", "--meeting", m],
    ] {
        let out = db.dir().join("welsh.pdf");
        let mut all = args.clone();
        all.extend(["--out", out.to_str().unwrap()]);
        db.ok(&all);
        let bytes = std::fs::read(&out).unwrap();
        let said = String::from_utf8_lossy(&bytes);
        assert!(said.contains("<rdf:li>cy-GB</rdf:li>"), "{args:?}");
        assert!(!said.contains("<rdf:li>en-GB</rdf:li>"), "{args:?}");
    }
    let err = db.fails(&[
        "export",
        "minutes",
        "--meeting",
        m,
        "--out",
        "/no/such/folder/m.pdf",
    ]);
    assert!(
        err.contains("The folder /no/such/folder does not exist"),
        "{err}"
    );
    let err = db.fails(&[
        "export",
        "register",
        "--committee",
        "NOPE",
        "--out",
        "r.pdf",
    ]);
    assert!(
        err.contains("There is no committee with the code “NOPE”"),
        "{err}"
    );
}

#[test]
fn the_minutes_readiness_list_and_the_closing_time_from_the_command() {
    let db = Db::new();
    let m = db.ok(&["demo"]);
    let m = m.trim();
    // The demo's minutes are complete.
    assert_eq!(db.ok(&["minutes", "check", "--meeting", m]), "");
    // Forgetting the closing time leaves a warning, which export repeats.
    db.ok(&["minutes", "close", "--meeting", m, "--clear"]);
    let list = db.ok(&["minutes", "check", "--meeting", m]);
    assert!(
        list.starts_with("warning\tThe time the meeting closed is not recorded"),
        "{list}"
    );
    let out = db.dir().join("minutes.pdf");
    let run = db.run(&[
        "export",
        "minutes",
        "--meeting",
        m,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success());
    let said = String::from_utf8(run.stderr).unwrap();
    assert!(
        said.contains("Warning: The time the meeting closed is not recorded"),
        "{said}"
    );
    assert!(!pdf_words(&out).contains("The meeting closed at"));
    db.ok(&["minutes", "close", "--meeting", m, "--at", "12:40"]);
    db.ok(&[
        "export",
        "minutes",
        "--meeting",
        m,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(pdf_words(&out).contains("The meeting closed at 12:40."));
    let err = db.fails(&["minutes", "close", "--meeting", m, "--at", "08:00"]);
    assert!(err.contains("cannot have closed at 08:00"), "{err}");
    // A meeting with nothing recorded: the list blocks, and the command exits 1.
    let board = db.ok(&["meetings"]);
    assert!(board.contains(m));
    let january = db
        .ok(&[
            "meeting",
            "add",
            "--committee",
            "TB",
            "--date",
            "2027-01-07",
            "--start",
            "09:30",
        ])
        .trim()
        .to_owned();
    let run = db.run(&["minutes", "check", "--meeting", &january]);
    assert_eq!(run.status.code(), Some(1));
    let list = String::from_utf8(run.stdout).unwrap();
    assert!(
        list.starts_with("BLOCKING\tNo attendance has been recorded"),
        "{list}"
    );
}

#[test]
fn between_meetings_actions_approval_and_the_forward_plan() {
    let db = Db::new();
    let december = db.ok(&["demo"]).trim().to_owned();
    let january = db
        .ok(&[
            "meeting",
            "add",
            "--committee",
            "TB",
            "--date",
            "2027-01-07",
            "--start",
            "09:30",
        ])
        .trim()
        .to_owned();

    // The forward plan sends the December papers due in January to the new meeting.
    let plan = db.ok(&["plan", "--committee", "TB"]);
    assert!(
        plan.contains("January 2027 Trust Board\tFinance and use of resources report – month 7\tpublic\tTrust Board – 7 January 2027"),
        "{plan}"
    );
    let proposed = db.ok(&["propose", "--meeting", &january, "--accept"]);
    assert!(
        proposed.contains("Due January 2027 Trust Board (Paper"),
        "{proposed}"
    );
    let agenda = db.ok(&["agenda", "--meeting", &january]);
    assert!(
        agenda.contains("Finance and use of resources report – month 7"),
        "{agenda}"
    );

    // The action log as at the January meeting: overdue actions are red.
    let log = db.ok(&[
        "action",
        "list",
        "--committee",
        "TB",
        "--as-at",
        "2027-01-07",
    ]);
    let line = log
        .lines()
        .find(|l| l.contains("theatre ventilation"))
        .unwrap();
    assert!(line.contains("\tOverdue\tRed\t2026-12-17\tKL\t"), "{line}");
    let id = line.split('\t').next().unwrap();
    let err = db.fails(&["action", "update", id, "--status", "done"]);
    assert!(err.contains("is not an action status"), "{err}");
    let err = db.fails(&["action", "update", id, "--status", "closed"]);
    assert!(err.contains("only be closed with a reason"), "{err}");
    db.ok(&[
        "action",
        "update",
        id,
        "--status",
        "complete",
        "--note",
        "Taken to FIC",
        "--date",
        "2027-01-07",
        "--meeting",
        &january,
    ]);
    let log = db.ok(&[
        "action",
        "list",
        "--committee",
        "TB",
        "--as-at",
        "2027-01-07",
    ]);
    assert!(
        !log.contains("theatre ventilation"),
        "complete: off the open log"
    );
    let all = db.ok(&[
        "action",
        "list",
        "--committee",
        "TB",
        "--all",
        "--as-at",
        "2027-01-07",
    ]);
    assert!(all.contains("\tComplete\tBlue\t2026-12-17\tKL\tBring the revised theatre ventilation case to the Finance and Investment Committee\tTaken to FIC"), "{all}");

    // Exports by extension.
    let csv = db.dir().join("actions.csv");
    db.ok(&[
        "export",
        "actions",
        "--committee",
        "TB",
        "--all",
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(std::fs::read_to_string(&csv)
        .unwrap()
        .contains(",Complete,Blue,Taken to FIC,"));
    let pdf = db.dir().join("actions.pdf");
    db.ok(&[
        "export",
        "actions",
        "--committee",
        "TB",
        "--public",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let err = db.fails(&["export", "actions", "--committee", "TB", "--out", "log.txt"]);
    assert!(err.contains("name the file .pdf"), "{err}");

    // January approves December's minutes with an amendment; they are then frozen.
    let version = db.ok(&[
        "minutes",
        "approve",
        "--meeting",
        &january,
        "--amendments",
        "Item 8: £5.3m",
    ]);
    assert_eq!(version.trim(), "1");
    let versions = db.ok(&["minutes", "versions", "--meeting", &december]);
    assert!(
        versions.starts_with(
            "1\t2027-01-07\tApproved by the Trust Board on 7 January 2027, minute TB 27/"
        ),
        "{versions}"
    );
    let err = db.fails(&["minutes", "approve", "--meeting", &january]);
    assert!(err.contains("can no longer be changed"), "{err}");
}

#[test]
fn the_action_log_and_register_as_at_a_date() {
    let db = Db::new();
    db.ok(&["demo"]);
    // On 1 December the December meeting has not happened: its actions and the updates
    // reported at it are not on the log, and what was due in November is overdue.
    let list = db.ok(&[
        "action",
        "list",
        "--committee",
        "TB",
        "--all",
        "--as-at",
        "2026-12-01",
    ]);
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(
        list.lines()
            .any(|l| l.contains("\tOverdue\tRed\t2026-11-27\tDL\t")),
        "{list}"
    );
    assert!(!list.contains("Circulate the governance"), "{list}");
    assert!(!list.contains("Published on 20 November"), "{list}");
    let pdf = db.dir().join("log.pdf");
    let said = db.run(&[
        "export",
        "actions",
        "--committee",
        "TB",
        "--all",
        "--as-at",
        "2026-12-01",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(said.status.success());
    assert!(
        String::from_utf8_lossy(&said.stderr).contains("3 action(s)"),
        "{said:?}"
    );
    let words = pdf_words(&pdf);
    assert!(
        words.contains("action log (all actions), as at 1 Dec 2026"),
        "{words}"
    );
    assert!(words.contains("27 Nov 2026"), "{words}");
    assert!(!words.contains("Circulate the governance"), "{words}");
    let info = |path: &Path| {
        let out = Command::new("pdfinfo")
            .arg(path)
            .output()
            .expect("pdfinfo (poppler-utils) is installed");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let facts = info(&pdf);
    assert!(facts.contains("841.89 x 595.28"), "landscape A4: {facts}");
    assert!(
        facts.contains("Author:          Riverside University Hospitals NHS Trust"),
        "{facts}"
    );

    // The register as it stood in May: Dr Patel declared his interest in June.
    let register = db.dir().join("register.pdf");
    db.ok(&[
        "export",
        "register",
        "--committee",
        "TB",
        "--as-at",
        "2026-05-01",
        "--out",
        register.to_str().unwrap(),
    ]);
    let words = pdf_words(&register);
    assert!(words.contains("as at 1 May 2026"), "{words}");
    assert!(!words.contains("Riverside Medical Group"), "{words}");
    assert!(words.contains("Calder Construction Ltd"), "{words}");
    let err = db.fails(&[
        "export",
        "register",
        "--committee",
        "TB",
        "--as-at",
        "May 2026",
        "--out",
        register.to_str().unwrap(),
    ]);
    assert!(err.contains("is not a date"), "{err}");
}

/// The text of a PDF, as `pdftotext` (poppler-utils) reads it, words joined by single spaces.
fn pdf_words(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn exports_the_bulletin_with_the_organisations_wording_and_members_telephones() {
    let db = Db::new();
    let m = db.ok(&["demo"]);
    let m = m.trim();
    let out = db.dir().join("bulletin.pdf");
    let run = db.run(&[
        "export",
        "bulletin",
        "--meeting",
        m,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success());
    assert_eq!(
        String::from_utf8_lossy(&run.stdout).trim(),
        out.to_str().unwrap()
    );
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.starts_with("Wrote the bulletin: 2 report(s) for noting, "),
        "{said}"
    );
    let text = pdf_words(&out);
    assert!(
        text.contains("Trust Board Bulletin – 3 December 2026"),
        "{text}"
    );
    // (The line wraps at the hyphen of "Non-Executive", which pdftotext joins up.)
    assert!(
        text.contains(
            "Audit Committee minutes (12 November 2026) – Lead contact point Tim O’Neill, Non"
        ),
        "{text}"
    );
    assert!(
        text.contains("Audit Committee Chair (0161 496 0149) – paper 2."),
        "{text}"
    );
    assert!(!text.contains("car park"), "the private item stays out");

    // The organisation's own wording, and a member's new number.
    let org = db.ok(&[
        "organisation",
        "wording",
        "--text",
        "This approach was agreed by the {committee} on 10 June 2004.\nQueries to the {short_name} board office.",
    ]);
    assert!(is_uuid(org.trim()), "{org}");
    let err = db.fails(&["organisation", "wording", "--text", "Held on {when}."]);
    assert!(
        err.contains("uses “{when}”, which Boardpack does not know"),
        "{err}"
    );
    let person = db.ok(&[
        "member",
        "phone",
        "--committee",
        "TB",
        "--member",
        "TO'N",
        "--phone",
        "0161 496 0999",
    ]);
    assert!(is_uuid(person.trim()), "{person}");
    let err = db.fails(&[
        "member",
        "phone",
        "--committee",
        "TB",
        "--member",
        "Nobody",
        "--phone",
        "1",
    ]);
    assert!(
        err.contains("Trust Board has no member named “Nobody”"),
        "{err}"
    );
    db.ok(&[
        "export",
        "bulletin",
        "--meeting",
        m,
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = pdf_words(&out);
    assert!(text.contains("This approach was agreed by the Trust Board on 10 June 2004. Queries to the RUH board office."), "{text}");
    assert!(!text.contains("It is intended that these papers"), "{text}");
    assert!(text.contains("(0161 496 0999) – paper 2"), "{text}");
    let wording = db.dir().join("wording.txt");
    std::fs::write(
        &wording,
        "Circulated with the papers for meeting {number}.\n",
    )
    .unwrap();
    db.ok(&[
        "organisation",
        "wording",
        "--organisation",
        "RUH",
        "--file",
        wording.to_str().unwrap(),
    ]);
    db.ok(&[
        "export",
        "bulletin",
        "--meeting",
        m,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(pdf_words(&out).contains("Circulated with the papers for meeting 142."));
    db.ok(&["organisation", "wording", "--default"]);
    // The organisation's own confidentiality marking, and back to the default.
    let org = db.ok(&["organisation", "marking", "--text", "RESTRICTED – Part 2"]);
    assert!(is_uuid(org.trim()), "{org}");
    let err = db.fails(&["organisation", "marking", "--text", &"x".repeat(81)]);
    assert!(err.contains("confidential marking"), "{err}");
    db.ok(&["organisation", "marking", "--default"]);
    db.ok(&[
        "export",
        "bulletin",
        "--meeting",
        m,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(pdf_words(&out).contains("It is intended that these papers will not be discussed at the formal Trust Board meeting on 3 December 2026"));

    // A new meeting: nothing marked yet.
    let next = db.ok(&[
        "meeting",
        "add",
        "--committee",
        "TB",
        "--date",
        "2027-01-14",
    ]);
    let next = next.trim();
    let second = db.dir().join("january.pdf");
    let err = db.fails(&[
        "export",
        "bulletin",
        "--meeting",
        next,
        "--out",
        second.to_str().unwrap(),
    ]);
    assert_eq!(err, "Error: Nothing is marked for the bulletin at Trust Board – 14 January 2027: tick “For the bulletin” on the public items to include.\n");
    assert!(!second.exists());
    // A member added with a telephone number leads a marked item with its paper.
    db.ok(&[
        "member",
        "add",
        "--committee",
        "TB",
        "--name",
        "Priya Nandra",
        "--role",
        "Head of Charity",
        "--kind",
        "in_attendance",
        "--phone",
        "0161 496 0500",
    ]);
    let item = db.ok(&[
        "item",
        "add",
        "--meeting",
        next,
        "--title",
        "Charity annual report",
        "--purpose",
        "noting",
        "--lead",
        "Priya Nandra",
        "--bulletin",
    ]);
    db.ok(&[
        "paper",
        "add",
        "--item",
        item.trim(),
        "--title",
        "Riverside Hospitals Charity annual report",
        "--file",
        &corpus("004-pdflatex-4-pages_pdflatex-4-pages.pdf"),
    ]);
    db.ok(&[
        "export",
        "bulletin",
        "--meeting",
        next,
        "--out",
        second.to_str().unwrap(),
    ]);
    let text = pdf_words(&second);
    assert!(text.contains("Riverside Hospitals Charity annual report – Lead contact point Priya Nandra, Head of Charity (0161 496 0500) – paper 1."), "{text}");
    // A marked item without its paper stops the bulletin, and says so.
    db.ok(&[
        "item",
        "add",
        "--meeting",
        next,
        "--title",
        "Charitable funds report",
        "--purpose",
        "noting",
        "--bulletin",
        "--no-paper",
    ]);
    let err = db.fails(&[
        "export",
        "bulletin",
        "--meeting",
        next,
        "--out",
        second.to_str().unwrap(),
    ]);
    assert!(err.contains("(Charitable funds report) is marked for the bulletin but has no paper: add its paper, or untick “For the bulletin”."), "{err}");
}

#[test]
fn search_prints_one_result_a_line_best_first() {
    let db = Db::new();
    db.ok(&["demo"]);
    // The private contract: its item, its paper and the text of its document, each marked
    // private, the item's title match first.
    let out = db.ok(&["search", "decking", "scheme", "--limit", "5"]);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert!(lines.len() >= 3, "{out}");
    assert!(lines.iter().all(|l| l.len() == 6), "six columns: {out}");
    let first = &lines[0];
    assert_eq!(first[0], "item, private", "{out}");
    assert_eq!(first[1], "Trust Board 142 – 3 December 2026");
    assert!(first[2].parse::<u32>().is_ok(), "item number: {out}");
    assert_eq!(first[3], "", "an item has no paper letter");
    assert_eq!(
        first[4],
        "Award of contract – Riverside car park decking scheme"
    );
    assert!(first[5].contains("[decking] [scheme]"), "{out}");
    assert!(
        lines
            .iter()
            .any(|l| l[0] == "document, private" && !l[3].is_empty()),
        "the contract's document, with its paper letter: {out}"
    );
    // Text found only inside an attached PDF.
    let out = db.ok(&["search", "sepsis"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("document\t"), "{out}");
    assert!(out.contains("[Sepsis] screening"), "{out}");
    // Nothing found, or nothing to look for: no result, no error.
    for q in ["zzyzx", "\"", "*", "( - )", ""] {
        let out = db.run(&["search", q]);
        assert_eq!(out.status.code(), Some(0), "{q:?}");
        assert!(out.stdout.is_empty(), "{q:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("Nothing found"),
            "{q:?}"
        );
    }
    // A usage error names the missing query.
    let out = db.run(&["search"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn reindex_reads_the_text_of_files_search_does_not_know() {
    let db = Db::new();
    db.ok(&["demo"]);
    let out = db.run(&["reindex"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Read the text of 0 attached file(s); 0 had no text to read.\n",
        "the demo's files are read as it loads"
    );
}

/// Field limits hold on the command line as everywhere: durations, meeting numbers, long
/// titles and control characters are refused with a sentence, and nothing changes.
#[test]
fn field_limits_are_kept_on_the_command_line() {
    let db = Db::new();
    let meeting = db.ok(&["demo"]);
    let meeting = meeting.trim();
    let before = db.ok(&["agenda", "--meeting", meeting]);
    let long = "x".repeat(600);
    let cases: &[(&[&str], &str)] = &[
        (
            &["item", "add", "--meeting", meeting, "--title", "Overnight", "--minutes", "4294967295"],
            "An item runs from 1 to 1,440 minutes (a whole day); 4294967295 is not a duration Boardpack can schedule.",
        ),
        (
            &["item", "add", "--meeting", meeting, "--title", "Instant", "--minutes", "0"],
            "An item runs from 1 to 1,440 minutes",
        ),
        (
            &["item", "add", "--meeting", meeting, "--title", &long],
            "The item title is 600 characters long, more than the 500 Boardpack takes: shorten it.",
        ),
        (
            &["item", "add", "--meeting", meeting, "--title", "Finance \u{1b}[31mreport"],
            "The item title contains a control character (U+001B)",
        ),
        (
            &["meeting", "add", "--committee", "TB", "--date", "2027-01-14", "--number", "4294967295"],
            "Meeting numbers run from 1 to 99,999; 4294967295 is not one.",
        ),
        (
            &["meeting", "add", "--committee", "TB", "--date", "2027-01-14", "--venue", "Room\u{7}"],
            "The venue contains a control character (U+0007)",
        ),
        (
            &["meeting", "add", "--committee", "TB", "--date", "1066-10-14"],
            "The date 1066-10-14 is not a plausible date: use a year from 1900 to 2200.",
        ),
    ];
    for (args, expect) in cases {
        let err = db.fails(args);
        assert!(err.contains(expect), "boardpack {args:?}: {err}");
    }
    assert_eq!(db.ok(&["agenda", "--meeting", meeting]), before);
    // The highest number is usable; after it the next meeting needs a number given.
    db.ok(&[
        "meeting",
        "add",
        "--committee",
        "TB",
        "--date",
        "2027-01-14",
        "--number",
        "99999",
    ]);
    let err = db.fails(&[
        "meeting",
        "add",
        "--committee",
        "TB",
        "--date",
        "2027-02-11",
    ]);
    assert!(
        err.contains("Trust Board has used meeting numbers up to 99,999, the highest there is: give this meeting a number that is free."),
        "{err}"
    );
    db.ok(&[
        "meeting",
        "add",
        "--committee",
        "TB",
        "--date",
        "2027-02-11",
        "--number",
        "143",
    ]);
}

/// A terminal escape typed into an argument comes back in the error as text, never as an
/// escape the terminal would act on.
#[test]
fn escapes_are_never_echoed_raw_to_the_terminal() {
    let db = Db::new();
    db.ok(&["demo"]);
    for args in [
        &[
            "committee",
            "add",
            "--name",
            "X",
            "--code",
            "\u{1b}]0;pwned\u{7}",
        ][..],
        &["meeting", "add", "--committee", "TB", "--date", "\u{1b}[2J"][..],
        &["item", "add", "--meeting", "\u{1b}[31m", "--title", "T"][..],
    ] {
        let out = db.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
        assert!(err.contains("\\u{1b}"), "{err}");
    }
    // clap's own complaints carry no escape either.
    let out = db.run(&[
        "item",
        "add",
        "--meeting",
        "x",
        "--title",
        "T",
        "--minutes",
        "\u{1b}[2J",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        !err.contains('\u{1b}') && err.contains("--minutes"),
        "{err:?}"
    );
}

/// Commands that only read refuse a database that does not exist, and leave no file
/// behind; those that bring data in may create it.
#[test]
fn a_mistyped_database_is_refused_by_commands_that_only_read() {
    let db = Db::new();
    let id = "0190a5c4-6b1e-7c3d-8e2f-0123456789ab";
    let out = db.dir().join("pack.pdf");
    let out = out.to_str().unwrap();
    for args in [
        &["meetings"][..],
        &["committees"][..],
        &["agenda", "--meeting", id][..],
        &["check", "--meeting", id][..],
        &["search", "winter"][..],
        &["export", "pack", "--meeting", id, "--out", out][..],
        &["export", "bulletin", "--meeting", id, "--out", out][..],
        &["action", "list", "--committee", "TB"][..],
        &[
            "meeting",
            "add",
            "--committee",
            "TB",
            "--date",
            "2027-01-14",
        ][..],
        &["reindex"][..],
    ] {
        let err = db.fails(args);
        assert_eq!(
            err,
            format!(
                "Error: There is no Boardpack database at {}: check the path.\n",
                db.path.display()
            ),
            "{args:?}"
        );
        assert!(!db.path.exists(), "{args:?} created the database");
    }
    db.ok(&[
        "committee",
        "add",
        "--name",
        "Trust Board",
        "--code",
        "TB",
        "--organisation",
        "RUH",
    ]);
    assert!(db.path.is_file());
    assert_eq!(db.ok(&["meetings"]), "");
}

/// A public pack, bulletin or minutes of a meeting held in private is refused.
#[test]
fn public_documents_of_a_private_meeting_are_refused() {
    let db = Db::new();
    db.ok(&["demo"]);
    let meeting = db.ok(&[
        "meeting",
        "add",
        "--committee",
        "TB",
        "--date",
        "2027-01-14",
        "--session",
        "private",
    ]);
    let meeting = meeting.trim();
    let out = db.dir().join("public.pdf");
    let out = out.to_str().unwrap();
    for (args, document) in [
        (
            &[
                "export",
                "pack",
                "--meeting",
                meeting,
                "--public",
                "--out",
                out,
            ][..],
            "public pack",
        ),
        (
            &["export", "bulletin", "--meeting", meeting, "--out", out][..],
            "public bulletin",
        ),
        (
            &[
                "export",
                "minutes",
                "--meeting",
                meeting,
                "--public",
                "--out",
                out,
            ][..],
            "public minutes",
        ),
    ] {
        let err = db.fails(args);
        assert_eq!(
            err,
            format!("Error: Trust Board – 14 January 2027 is held in private, so it has no {document}: nothing of a private meeting is published. Export the private version instead, or make the meeting public if it was set to private by mistake.\n")
        );
        assert!(!Path::new(out).exists());
    }
}

/// A zip of a few megabytes that inflates to 2 GB is refused by the real command with a
/// sentence, having read no more than the cap, in bounded memory (the process's peak
/// resident size, from wait4, stays far below the cap).
#[test]
fn a_zip_bomb_is_refused_in_bounded_memory() {
    use std::io::Write;
    let db = Db::new();
    db.ok(&["demo"]);
    let folder = db.dir().join("backup");
    db.ok(&["archive", "export", "--out", folder.to_str().unwrap()]);
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("archive.json")).unwrap()).unwrap();
    let bomb = value["files"][0]["path"].as_str().unwrap().to_owned();
    value["files"][0].as_object_mut().unwrap().remove("size");
    value["files"][0].as_object_mut().unwrap().remove("sha256");
    let zip_path = db.dir().join("bomb.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
            .large_file(true);
        zip.start_file("archive.json", options).unwrap();
        zip.write_all(value.to_string().as_bytes()).unwrap();
        zip.start_file(bomb.as_str(), options).unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..2048 {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
    }
    assert!(std::fs::metadata(&zip_path).unwrap().len() < 16_000_000);
    let fresh = Db::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_boardpack"))
        .arg("--db")
        .arg(&fresh.path)
        .args(["archive", "import"])
        .arg(&zip_path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The kernel's high-water mark of the process's resident memory, read until it exits.
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    let status = loop {
        if let Ok(text) = std::fs::read_to_string(&status_file) {
            if let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak_kb = peak_kb.max(kb);
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    assert_eq!(status.code(), Some(1));
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(
        err,
        format!("Error: The attached file {bomb} is larger than the 200 MB Boardpack takes for one file (an archive whose files swell when unpacked is refused). Nothing was imported.\n")
    );
    assert!(peak_kb > 0, "the child's memory was never read");
    assert!(
        peak_kb < 100 * 1024,
        "the import peaked at {} MB",
        peak_kb / 1024
    );
    assert_eq!(fresh.ok(&["meetings"]), "");
}

/// Names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_export_killed_half_way_leaves_no_litter_after_the_next() {
    let db = Db::new();
    let m = db.ok(&["demo"]);
    let m = m.trim();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("pack.pdf");
    let out = out.to_str().unwrap();
    // kill -9 an export while its temporary is there (watched for; tried a few times,
    // since an export can finish before the watcher sees it).
    let mut caught = false;
    for _ in 0..40 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_boardpack"))
            .arg("--db")
            .arg(&db.path)
            .args(["export", "pack", "--meeting", m, "--out", out])
            .env_remove("BOARDPACK_DB")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        loop {
            let partial = names_in(out_dir.path())
                .iter()
                .any(|n| n.ends_with(".partial"));
            if partial {
                child.kill().unwrap(); // SIGKILL: nothing of the export's own runs.
                child.wait().unwrap();
                caught = true;
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
        }
        if caught {
            break;
        }
        std::fs::remove_file(out).ok();
    }
    let pid_of_a_dead_process = {
        let mut c = Command::new("true").spawn().unwrap();
        let pid = c.id();
        c.wait().unwrap();
        pid
    };
    eprintln!("caught a live export: {caught}");
    if !caught {
        // Never seen in time: leave what a killed export leaves, under a dead process.
        std::fs::write(
            out_dir
                .path()
                .join(format!(".boardpack-{pid_of_a_dead_process}-k9x.partial")),
            b"%PDF-1.7 half a pack",
        )
        .unwrap();
    }
    let litter = names_in(out_dir.path());
    assert!(
        litter
            .iter()
            .any(|n| n.starts_with(".boardpack-") && n.ends_with(".partial")),
        "{litter:?}"
    );
    // The next export there sweeps it up; only the document remains.
    db.ok(&["export", "pack", "--meeting", m, "--out", out]);
    let mut names = names_in(out_dir.path());
    names.retain(|n| n != "pack.pdf");
    assert!(names.is_empty(), "left behind: {names:?}");
}

#[test]
fn choosing_a_letter_in_use_says_which_papers_are_relettered() {
    let db = Db::new();
    let m = db.ok(&["demo"]);
    let m = m.trim();
    let item = db.ok(&["item", "add", "--meeting", m, "--title", "Late business"]);
    let out = db.run(&[
        "paper",
        "add",
        "--item",
        item.trim(),
        "--title",
        "Late paper",
        "--letter",
        "A",
    ]);
    assert!(out.status.success());
    assert!(is_uuid(String::from_utf8(out.stdout).unwrap().trim()));
    let said = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = said.lines().collect();
    assert!(!lines.is_empty(), "the papers moved along are named");
    assert!(
        lines[0].starts_with("Paper A “")
            && lines[0].ends_with("is now paper B: anything already sent out still calls it A."),
        "{said}"
    );
    for line in &lines {
        assert!(line.contains("is now paper"), "{said}");
    }
}

/// A board with three members, set up through the command.
fn board_of_three() -> Db {
    let db = Db::new();
    db.ok(&[
        "committee",
        "add",
        "--name",
        "Trust Board",
        "--code",
        "TB",
        "--organisation",
        "Northfield NHS Trust",
    ]);
    for (name, initials, kind) in [
        ("Ruth Evans", "RE", "chair"),
        ("Bridget Okafor", "BO", "non_executive_director"),
        ("Sam Okoro", "SO", "executive_director"),
    ] {
        db.ok(&[
            "member",
            "add",
            "--committee",
            "TB",
            "--name",
            name,
            "--initials",
            initials,
            "--kind",
            kind,
        ]);
    }
    db
}

#[test]
fn the_register_of_interests_is_kept_from_the_command() {
    let db = board_of_three();
    let id = db.ok(&[
        "interest",
        "add",
        "--committee",
        "TB",
        "--member",
        "BO",
        "--category",
        "financial",
        "--description",
        "Director of Calder Construction Ltd",
        "--organisation",
        "Calder Construction Ltd",
        "--from",
        "2024-04-01",
        "--action",
        "Withdraws from decisions on the car park",
        "--declared",
        "2026-04-07",
        "--keyword",
        "car park",
    ]);
    let id = id.trim();
    assert!(is_uuid(id), "{id:?}");
    db.ok(&[
        "interest",
        "nil",
        "--committee",
        "TB",
        "--member",
        "RE",
        "--year",
        "2026",
        "--on",
        "2026-04-09",
    ]);
    let out = db.run(&["interest", "list", "--committee", "TB", "--year", "2026"]);
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        list,
        format!(
            "nil\tRE\t2026\t2026-04-09\n\
             {id}\tBO\tfinancial\tDirector of Calder Construction Ltd\tCalder Construction Ltd\t2024-04-01\t\t2026-04-07\tWithdraws from decisions on the car park\n"
        )
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "Not yet declared for 2026: SO.\n"
    );
    assert_eq!(
        db.ok(&["interest", "end", id, "--to", "2026-06-30"]).trim(),
        id
    );
    assert!(db
        .ok(&["interest", "list", "--committee", "TB", "--year", "2026"])
        .contains("\t2024-04-01\t2026-06-30\t"));

    // Bad input: one sentence, and nothing saved.
    let before = db.ok(&["interest", "list", "--committee", "TB", "--year", "2026"]);
    let err = db.fails(&[
        "interest",
        "add",
        "--committee",
        "TB",
        "--member",
        "SO",
        "--category",
        "shares",
        "--description",
        "Shares",
        "--from",
        "2024-04-01",
    ]);
    assert_eq!(
        err,
        "Error: “shares” is not a category of interest: choose one of financial, non_financial_professional, non_financial_personal, indirect.\n"
    );
    let err = db.fails(&[
        "interest",
        "add",
        "--committee",
        "TB",
        "--member",
        "SO",
        "--category",
        "financial",
        "--description",
        "Shares",
        "--from",
        "01/04/2024",
    ]);
    assert_eq!(
        err,
        "Error: “01/04/2024” is not a date: write it as YYYY-MM-DD, for example 2019-07-04.\n"
    );
    let err = db.fails(&[
        "interest",
        "add",
        "--committee",
        "TB",
        "--member",
        "ZZ",
        "--category",
        "financial",
        "--description",
        "Shares",
        "--from",
        "2024-04-01",
    ]);
    assert!(
        err.contains("Trust Board has no member with the initials or name “ZZ”"),
        "{err}"
    );
    let err = db.fails(&[
        "interest",
        "nil",
        "--committee",
        "TB",
        "--member",
        "SO",
        "--year",
        "26",
    ]);
    assert!(err.contains("“26” is not a year"), "{err}");
    assert_eq!(
        db.ok(&["interest", "list", "--committee", "TB", "--year", "2026"]),
        before
    );
}

#[test]
fn imports_preview_with_dry_run_and_refuse_bad_files_whole() {
    let db = board_of_three();
    let members = db.dir().join("members.csv");
    std::fs::write(
        &members,
        "name,initials,kind,role,from\n\
         Tom Hughes,TH,executive director,Director of Finance,2024-04-01\n\
         Tara Hill,TH,non-executive director,,\n\
         Grace Lee,GL,boss,,\n\
         Gail Lewis,GLe,voting member,,1st April 2024\n",
    )
    .unwrap();
    let before = db.ok(&["members", "--committee", "TB"]);
    let out = db.run(&[
        "import",
        "members",
        "--committee",
        "TB",
        members.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(1), "not ready");
    let stdout = String::from_utf8(out.stdout).unwrap();
    for wanted in [
        "line 2\tadd\tTom Hughes (TH), Director of Finance, Executive director",
        "line 3\tproblem\tThe initials TH are also on line 2 (Tom Hughes): initials must be unique within the committee, so give one of them different initials.",
        "line 4\tproblem\t“boss” is not a member kind: choose one of chair, vice_chair, executive_director, non_executive_director, associate, voting_member, in_attendance, secretary.",
        "line 5\tproblem\t“1st April 2024” is not a date: write it as YYYY-MM-DD (2024-04-01) or DD/MM/YYYY (01/04/2024).",
    ] {
        assert!(stdout.contains(wanted), "{wanted:?} in:\n{stdout}");
    }
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("Nothing was saved."));
    let err = db.fails(&[
        "import",
        "members",
        "--committee",
        "TB",
        members.to_str().unwrap(),
    ]);
    assert!(
        err.starts_with("Error: Nothing was imported from members.csv: correct these 3 problems and import it again. Line 3: The initials TH"),
        "{err}"
    );
    assert_eq!(
        db.ok(&["members", "--committee", "TB"]),
        before,
        "nothing saved"
    );

    // Fixed, it imports; again, it changes nothing.
    std::fs::write(
        &members,
        "name,initials,kind,role\n\
         Tom Hughes,TH,executive director,Director of Finance\n\
         Bridget Okafor,BO,non-executive director,Senior Independent Director\n",
    )
    .unwrap();
    let out = db.run(&[
        "import",
        "members",
        "--committee",
        "TB",
        members.to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8(out.stderr).unwrap().contains(
        "Ready to import: 1 to add, 1 to update, 0 unchanged. Nothing was saved (--dry-run)."
    ));
    assert_eq!(
        db.ok(&["members", "--committee", "TB"]),
        before,
        "a dry run saves nothing"
    );
    let out = db.run(&[
        "import",
        "members",
        "--committee",
        "TB",
        members.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "Imported into Trust Board: 1 added, 1 updated, 0 unchanged.\n"
    );
    let listed = db.ok(&["members", "--committee", "TB"]);
    assert_eq!(listed.lines().count(), 4);
    assert!(listed
        .contains("\tBO\tBridget Okafor\tnon_executive_director\tSenior Independent Director\n"));
    let out = db.run(&[
        "import",
        "members",
        "--committee",
        "TB",
        members.to_str().unwrap(),
    ]);
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("0 added, 0 updated, 2 unchanged"));

    // Interests: an unknown category, a date in the wrong format, an unknown member.
    let interests = db.dir().join("interests.csv");
    std::fs::write(
        &interests,
        "member,category,description,from\n\
         BO,bribes,Director of Calder,2024-04-01\n\
         BO,financial,Director of Calder,2024/04/01\n\
         XX,indirect,Spouse,\n",
    )
    .unwrap();
    let err = db.fails(&[
        "import",
        "interests",
        "--committee",
        "TB",
        interests.to_str().unwrap(),
    ]);
    assert!(
        err.contains("Line 2: “bribes” is not a category of interest"),
        "{err}"
    );
    assert!(err.contains("Line 3: “2024/04/01” is not a date"), "{err}");
    assert!(
        err.contains("Line 4: No member of Trust Board has the initials or name “XX”"),
        "{err}"
    );
    let out = db.run(&["interest", "list", "--committee", "TB"]);
    assert!(out.stdout.is_empty(), "nothing saved");
    std::fs::write(
        &interests,
        "member,category,description,from,declared\n\
         BO,financial,Director of Calder,01/04/2024,07/04/2026\n",
    )
    .unwrap();
    db.ok(&[
        "import",
        "interests",
        "--committee",
        "TB",
        interests.to_str().unwrap(),
    ]);
    let again = db.run(&[
        "import",
        "interests",
        "--committee",
        "TB",
        interests.to_str().unwrap(),
    ]);
    assert!(String::from_utf8(again.stderr)
        .unwrap()
        .contains("0 added, 0 updated, 1 unchanged"));
    assert_eq!(
        db.ok(&["interest", "list", "--committee", "TB", "--year", "2026"])
            .lines()
            .count(),
        1,
        "updated, not duplicated"
    );
}

#[test]
fn numbering_order_ending_retiring_and_the_logo() {
    let db = board_of_three();
    db.ok(&[
        "committee",
        "add",
        "--name",
        "Quality Committee",
        "--code",
        "QC",
        "--minute-ref",
        "QC {yy}/{seq}",
    ]);
    db.ok(&[
        "member",
        "add",
        "--committee",
        "QC",
        "--name",
        "Ruth Evans",
        "--initials",
        "RE",
        "--kind",
        "chair",
    ]);
    let out = db.run(&[
        "committee",
        "numbering",
        "--committee",
        "QC",
        "--year",
        "2024",
        "--next",
        "112",
    ]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "Quality Committee's first minute of 2024 recorded in Boardpack is QC 24/112.\n"
    );
    let meeting = db.ok(&[
        "meeting",
        "add",
        "--committee",
        "QC",
        "--date",
        "2024-06-06",
    ]);
    let agenda = db.ok(&["agenda", "--meeting", meeting.trim()]);
    assert!(!agenda.is_empty());
    let err = db.fails(&[
        "committee",
        "numbering",
        "--committee",
        "QC",
        "--year",
        "2024",
        "--next",
        "0",
    ]);
    assert!(err.contains("next minute number"), "{err}");

    // The committee's own order.
    let order = db.ok(&["member", "order", "--committee", "TB", "SO", "RE"]);
    assert_eq!(order, "SO\tSam Okoro\nRE\tRuth Evans\nBO\tBridget Okafor\n");
    let members = db.ok(&["members", "--committee", "TB"]);
    let initials: Vec<&str> = members
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap())
        .collect();
    assert_eq!(initials, ["SO", "RE", "BO"]);

    // Ending a membership, and retiring a committee.
    db.ok(&[
        "member",
        "end",
        "--committee",
        "TB",
        "--member",
        "SO",
        "--to",
        "2026-03-31",
    ]);
    let err = db.fails(&[
        "member",
        "end",
        "--committee",
        "TB",
        "--member",
        "SO",
        "--to",
        "31/03/2026",
    ]);
    assert!(err.contains("is not a date"), "{err}");
    db.ok(&[
        "committee",
        "retire",
        "--committee",
        "QC",
        "--on",
        "2024-12-31",
    ]);
    let err = db.fails(&[
        "meeting",
        "add",
        "--committee",
        "QC",
        "--date",
        "2025-01-09",
    ]);
    assert!(err.contains("was retired on 2024-12-31"), "{err}");
    db.ok(&["committee", "retire", "--committee", "QC", "--reinstate"]);
    db.ok(&[
        "meeting",
        "add",
        "--committee",
        "QC",
        "--date",
        "2025-01-09",
    ]);

    // The logo: a real image is stored; anything else is one sentence.
    let jpeg =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../boardpack/tests/it/fixtures/logo.jpg");
    let out = db.run(&["organisation", "logo", "--file", jpeg.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "Northfield NHS Trust's logo is stored: 300 × 120 pixels.\n"
    );
    let not_image = db.dir().join("logo.png");
    std::fs::write(&not_image, "not a picture").unwrap();
    let err = db.fails(&[
        "organisation",
        "logo",
        "--file",
        not_image.to_str().unwrap(),
    ]);
    assert!(
        err.contains("Cannot use logo.png as the logo: it is not a PNG or JPEG image"),
        "{err}"
    );
    let err = db.fails(&["organisation", "language", "--tag", "English"]);
    assert!(err.contains("is not a language tag"), "{err}");
    db.ok(&["organisation", "language", "--tag", "cy-GB"]);
}

#[test]
fn a_shell_script_builds_a_whole_meeting_and_exports_its_pack() {
    // scripts/script-a-meeting.sh uses the command alone: committee, members, meeting,
    // agenda edits, papers with PDFs, every cover sheet from JSON, `check`, the packs.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("board.sqlite");
    let out = dir.path().join("packs");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/script-a-meeting.sh");
    let run = Command::new("bash")
        .arg(&script)
        .arg(&db)
        .arg(&out)
        .arg(corpus("004-pdflatex-4-pages_pdflatex-4-pages.pdf"))
        .arg(corpus("011-google-doc-document_google-doc-document.pdf"))
        .arg(corpus(
            "002-trivial-libre-office-writer_002-trivial-libre-office-writer.pdf",
        ))
        .arg(corpus("006-pdflatex-outline_pdflatex-outline.pdf"))
        .env("BOARDPACK", env!("CARGO_BIN_EXE_boardpack"))
        .env_remove("BOARDPACK_DB")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "the script failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stderr.contains("Ready: nothing blocks the pack"),
        "{stderr}"
    );
    // The agenda as edited: the previous minutes gone, the finance report moved first, the
    // capital programme out on its own after the chief executive's report, and the decking
    // contract in private, so in Part 2 after all the public business.
    let agenda: Vec<(String, String)> = stdout
        .lines()
        .filter(|l| l.split('\t').count() == 7)
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            (cells[0].to_owned(), cells[3].to_owned())
        })
        .collect();
    let titles: Vec<String> = agenda.iter().map(|(n, t)| format!("{n} {t}")).collect();
    assert_eq!(
        titles,
        [
            "1 Welcome and apologies for absence",
            "2 Confirmation of quorum",
            "3 Declarations of interest",
            "4 Action log and matters arising",
            "5 Finance report: month 10",
            "6 Chief Executive's report",
            "7 Capital programme",
            "8 Any other business",
            "9 Date and time of next meeting",
            "10 Award of contract: car park decking"
        ]
    );
    let pack = out.join("pack.pdf");
    let public = out.join("public-pack.pdf");
    assert!(
        stdout.contains(&format!("{}\n", pack.display())),
        "{stdout}"
    );
    let full = pdf_words(&pack);
    for words in [
        "The Chief Executive's monthly report",
        "The trust forecasts a breakeven position",
        "Tenders for the Riverside car park decking scheme closed in February.",
        "Executive Management Board",
    ] {
        assert!(full.contains(words), "the pack lacks “{words}”");
    }
    let open = pdf_words(&public);
    assert!(open.contains("The trust forecasts a breakeven position"));
    assert!(
        !open.contains("Riverside car park decking"),
        "the private item's paper stays out of the public pack"
    );
}

#[test]
fn cover_sheets_print_as_json_and_are_replaced_from_a_file() {
    let db = Db::new();
    let meeting = db.ok(&["demo"]);
    let agenda = db.ok(&["agenda", "--meeting", meeting.trim()]);
    let ceo_item = agenda
        .lines()
        .find(|l| l.contains("Chief Executive's monthly"))
        .and_then(|l| l.split('\t').nth(2))
        .unwrap()
        .to_owned();
    let paper = archive_paper_of(&db, &ceo_item);
    let printed = db.ok(&["paper", "cover", "--paper", &paper]);
    let mut cover: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert!(cover["context"]
        .as_str()
        .unwrap()
        .contains("monthly update report"));
    cover["context"] = "A quieter month: the Zanzibar ward reopened.".into();
    let file = db.dir().join("cover.json");
    std::fs::write(&file, serde_json::to_vec_pretty(&cover).unwrap()).unwrap();
    let id = db.ok(&[
        "paper",
        "cover",
        "--paper",
        &paper,
        "--from",
        file.to_str().unwrap(),
    ]);
    assert_eq!(id.trim(), paper);
    let again: serde_json::Value =
        serde_json::from_str(&db.ok(&["paper", "cover", "--paper", &paper])).unwrap();
    assert_eq!(again, cover);
    assert!(db.ok(&["search", "zanzibar"]).starts_with("paper\t"));

    // A bad file: one sentence naming the field; nothing changes.
    let mut unknown = cover.clone();
    unknown["next_paper"] = serde_json::json!({"kind": "someday"});
    std::fs::write(&file, serde_json::to_vec(&unknown).unwrap()).unwrap();
    let err = db.fails(&[
        "paper",
        "cover",
        "--paper",
        &paper,
        "--from",
        file.to_str().unwrap(),
    ]);
    assert!(
        err.contains(
            "the field “next_paper” of the cover sheet is not valid: unknown variant `someday`"
        ),
        "{err}"
    );
    cover.as_object_mut().unwrap().remove("input_sought");
    std::fs::write(&file, serde_json::to_vec(&cover).unwrap()).unwrap();
    let err = db.fails(&[
        "paper",
        "cover",
        "--paper",
        &paper,
        "--from",
        file.to_str().unwrap(),
    ]);
    assert!(err.contains("lacks the field “input_sought”"), "{err}");
    std::fs::write(&file, b"{\"context\": 5,").unwrap();
    let err = db.fails(&[
        "paper",
        "cover",
        "--paper",
        &paper,
        "--from",
        file.to_str().unwrap(),
    ]);
    assert!(err.contains("is not valid JSON"), "{err}");
    let err = db.fails(&[
        "paper",
        "cover",
        "--paper",
        &paper,
        "--from",
        "/no/such/cover.json",
    ]);
    assert!(
        err.starts_with("Error: Cannot read /no/such/cover.json"),
        "{err}"
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&db.ok(&["paper", "cover", "--paper", &paper]))
            .unwrap(),
        again
    );
    // Standard input works too.
    let mut child = Command::new(env!("CARGO_BIN_EXE_boardpack"))
        .args([
            "--db",
            db.path.to_str().unwrap(),
            "paper",
            "cover",
            "--paper",
            &paper,
            "--from",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(br#"{"context": "x"}"#).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("Error: the cover sheet on standard input lacks the field"),
        "{err}"
    );
}

/// The id of the paper on an item, from the meeting's archive.
fn archive_paper_of(db: &Db, item: &str) -> String {
    let folder = db.dir().join(format!("archive-{item}"));
    db.ok(&["archive", "export", "--out", folder.to_str().unwrap()]);
    let value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("archive.json")).unwrap()).unwrap();
    value["papers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["item_id"] == item)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn items_are_edited_moved_and_removed_from_the_command() {
    let db = Db::new();
    let demo = db.ok(&["demo"]);
    let m = db.ok(&[
        "meeting",
        "add",
        "--committee",
        "TB",
        "--date",
        "2099-03-05",
        "--start",
        "10:00",
    ]);
    let m = m.trim();
    let rows = |db: &Db| -> Vec<Vec<String>> {
        db.ok(&["agenda", "--meeting", m])
            .lines()
            .map(|l| l.split('\t').map(str::to_owned).collect())
            .collect()
    };
    let add = |title: &str| {
        db.ok(&["item", "add", "--meeting", m, "--title", title])
            .trim()
            .to_owned()
    };
    let a = add("Estates strategy");
    let b = add("Quality report");
    let id = db.ok(&[
        "item",
        "edit",
        &a,
        "--title",
        "Estates strategy 2027–2032",
        "--purpose",
        "decision",
        "--lead",
        "JA",
        "--minutes",
        "25",
        "--private",
        "--reason",
        "Commercial interests",
        "--no-paper",
    ]);
    assert_eq!(id.trim(), a);
    let row = rows(&db).into_iter().find(|r| r[2] == a).unwrap();
    assert_eq!(
        (row[3].as_str(), row[4].as_str()),
        ("Estates strategy 2027–2032", "Decision")
    );
    assert_eq!(row[5], "JA", "the member named, by initials: {row:?}");
    db.ok(&["item", "move", &b, "--before", &a]);
    let order: Vec<String> = rows(&db).iter().map(|r| r[3].clone()).collect();
    let at = |t: &str| order.iter().position(|o| o == t).unwrap();
    assert_eq!(at("Quality report") + 1, at("Estates strategy 2027–2032"));
    // After the private item is in Part 2: the public report stays at the end of Part 1,
    // just before it.
    db.ok(&["item", "move", &b, "--after", &a]);
    let order: Vec<String> = rows(&db).iter().map(|r| r[3].clone()).collect();
    assert_eq!(
        order.iter().position(|o| o == "Quality report"),
        order
            .iter()
            .position(|o| o == "Estates strategy 2027–2032")
            .map(|k| k - 1)
    );

    // Usage errors are clap's (exit 2): nothing to change, or nowhere to go.
    assert_eq!(db.run(&["item", "edit", &a]).status.code(), Some(2));
    assert_eq!(db.run(&["item", "move", &a]).status.code(), Some(2));
    assert_eq!(
        db.run(&["item", "edit", &a, "--public", "--private"])
            .status
            .code(),
        Some(2)
    );
    let err = db.fails(&["item", "move", &a, "--after", &a]);
    assert!(err.contains("cannot move next to itself"), "{err}");
    let err = db.fails(&["item", "edit", "nope", "--minutes", "5"]);
    assert!(err.contains("is not an agenda item id"), "{err}");

    // Removing an item with a paper needs --with-papers; the demo meeting's items have
    // papers and minutes.
    let demo_rows = db.ok(&["agenda", "--meeting", demo.trim()]);
    let with_paper = demo_rows
        .lines()
        .find(|l| l.ends_with("Paper C"))
        .and_then(|l| l.split('\t').nth(2))
        .unwrap()
        .to_owned();
    let err = db.fails(&["item", "remove", &with_paper]);
    assert!(err.contains("has 1 paper"), "{err}");
    assert!(
        err.contains("confirm that they are deleted with it"),
        "{err}"
    );
    assert!(db
        .ok(&["agenda", "--meeting", demo.trim()])
        .contains(&with_paper));
    assert_eq!(db.ok(&["item", "remove", &with_paper, "--with-papers"]), "");
    assert!(!db
        .ok(&["agenda", "--meeting", demo.trim()])
        .contains(&with_paper));
    assert_eq!(db.ok(&["item", "remove", &b]), "");
    let err = db.fails(&["item", "remove", &b]);
    assert!(err.contains("There is no agenda item"), "{err}");
}

/// The Python virtual environment with the independent checkers (scripts/setup.sh makes
/// it through scripts/lib.sh `checks_venv`). Missing, the test fails: it must not pass
/// without having checked anything.
fn checks_python() -> PathBuf {
    let venv = std::env::var_os("BOARDPACK_CHECKS_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache/boardpack/checks")
        });
    let python = venv.join("bin/python");
    assert!(
        python.is_file(),
        "The checkers' virtual environment is missing ({} not found): run scripts/setup.sh, or set BOARDPACK_CHECKS_VENV to a venv with the icalendar package.",
        python.display()
    );
    python
}

#[test]
fn the_timetable_of_the_demo_meeting_and_its_rules() {
    let db = Db::new();
    let id = db.ok(&["demo"]);
    let id = id.trim();
    // The demo's Trust Board: papers 6 working days before, the pack 4 clear days before,
    // draft minutes within 10 working days, for Thursday 3 December 2026.
    let lines: Vec<Vec<String>> = db
        .ok(&["timetable", "--meeting", id])
        .lines()
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect();
    let cols = |k: usize| lines.iter().map(|l| l[k].as_str()).collect::<Vec<_>>();
    assert_eq!(
        cols(0),
        [
            "Papers due",
            "Pack issued",
            "Meeting",
            "Draft minutes to the chair"
        ]
    );
    assert_eq!(
        cols(1),
        [
            "Wednesday 25 November 2026",
            "Thursday 26 November 2026",
            "Thursday 3 December 2026",
            "Thursday 17 December 2026"
        ]
    );
    assert_eq!(
        cols(2),
        [
            "6 working days before the meeting",
            "4 clear days before the meeting",
            "",
            "10 working days after the meeting"
        ]
    );
    // In Scotland St Andrew's Day (Monday 30 November 2026) is a bank holiday: papers are
    // due a day earlier, and the pack too.
    let org = db.ok(&["organisation", "holidays", "--region", "scotland"]);
    assert!(is_uuid(org.trim()), "{org}");
    let out = db.ok(&["timetable", "--meeting", id]);
    assert!(
        out.starts_with("Papers due\tTuesday 24 November 2026\t"),
        "{out}"
    );
    assert!(
        out.contains("Pack issued\tWednesday 25 November 2026\t"),
        "{out}"
    );
    let err = db.fails(&["organisation", "holidays", "--region", "wales"]);
    assert!(
        err.contains("use england-wales, scotland or northern-ireland"),
        "{err}"
    );
    // The committee's rules; what is not given stays.
    db.ok(&["organisation", "holidays", "--region", "england-wales"]);
    let tb = db.ok(&[
        "committee",
        "timetable",
        "--committee",
        "TB",
        "--papers-due",
        "10",
    ]);
    assert!(is_uuid(tb.trim()), "{tb}");
    let out = db.ok(&["timetable", "--meeting", id]);
    assert!(
        out.starts_with(
            "Papers due\tThursday 19 November 2026\t10 working days before the meeting\t"
        ),
        "{out}"
    );
    assert!(
        out.contains("Pack issued\tThursday 26 November 2026\t4 clear days before the meeting\t"),
        "{out}"
    );
    let err = db.fails(&[
        "committee",
        "timetable",
        "--committee",
        "TB",
        "--papers-due",
        "5",
        "--pack-issue",
        "5",
    ]);
    assert!(
        err.contains("make the paper deadline at least 6 working days"),
        "{err}"
    );
    // A meeting whose dates need a year Boardpack holds no bank holidays for: refused with
    // the year named, never guessed; readiness warns of it.
    let later = db.ok(&[
        "meeting",
        "add",
        "--committee",
        "TB",
        "--date",
        "2029-01-11",
    ]);
    let err = db.fails(&["timetable", "--meeting", later.trim()]);
    assert!(err.contains("not for 2029"), "{err}");
    let out = db.run(&["check", "--meeting", later.trim()]);
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report
            .lines()
            .any(|l| l.starts_with("warning\t") && l.contains("not for 2029")),
        "{report}"
    );
}

#[test]
fn the_demo_committee_calendar_parses_with_an_independent_parser() {
    let python = checks_python();
    let db = Db::new();
    let id = db.ok(&["demo"]);
    let id = id.trim();
    let first = db.dir().join("tb.ics");
    let second = db.dir().join("tb-again.ics");
    let out = db.ok(&[
        "export",
        "calendar",
        "--committee",
        "TB",
        "--out",
        first.to_str().unwrap(),
    ]);
    assert_eq!(out.trim(), first.to_str().unwrap());
    // A changed rule moves a deadline but keeps every UID.
    db.ok(&[
        "committee",
        "timetable",
        "--committee",
        "TB",
        "--minutes-due",
        "5",
    ]);
    db.ok(&[
        "export",
        "calendar",
        "--committee",
        "TB",
        "--out",
        second.to_str().unwrap(),
    ]);
    let previous = "019b76da-a800-7f02-9a6f-954a1c7cbbc0";
    let expect = |uid: &str, value: &str| format!("--expect={uid}@boardpack={value}");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/ics-check.py");
    let mut args = vec![
        script.display().to_string(),
        first.display().to_string(),
        first.display().to_string(),
        "--events=8".to_owned(),
        expect(&format!("meeting-{id}"), "20261203T093000"),
        expect(&format!("papers-due-{id}"), "20261125"),
        expect(&format!("pack-issue-{id}"), "20261126"),
        expect(&format!("minutes-due-{id}"), "20261217"),
        expect(&format!("meeting-{previous}"), "20261105T093000"),
        expect(&format!("papers-due-{previous}"), "20261028"),
        expect(&format!("pack-issue-{previous}"), "20261029"),
        expect(&format!("minutes-due-{previous}"), "20261119"),
    ];
    let run = |args: &[String]| {
        let out = Command::new(&python).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "ics-check failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&args);
    // The second export: the minutes 5 working days after each meeting (Thursday 10
    // December, Thursday 12 November), the rest as before.
    args[1] = second.display().to_string();
    args[2] = second.display().to_string();
    args[7] = expect(&format!("minutes-due-{id}"), "20261210");
    args[11] = expect(&format!("minutes-due-{previous}"), "20261112");
    run(&args);
    // Between the two exports, the same UIDs: a re-import updates the events.
    run(&[
        script.display().to_string(),
        first.display().to_string(),
        second.display().to_string(),
        "--events=8".to_owned(),
    ]);
    // And the checker does compare dates.
    args[1] = first.display().to_string();
    args[2] = first.display().to_string();
    let out = Command::new(&python).args(&args).output().unwrap();
    assert!(!out.status.success(), "the checker compares dates");
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(
        text.contains("LOCATION:Board Room\\, Level 1\\, Riverside House"),
        "{text}"
    );
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn the_year_in_figures_from_the_command() {
    let db = Db::new();
    db.ok(&["demo"]);
    let year = |out: &Path, from: &str, to: &str| {
        vec![
            "export".to_string(),
            "year".into(),
            "--committee".into(),
            "TB".into(),
            "--from".into(),
            from.into(),
            "--to".into(),
            to.into(),
            "--out".into(),
            out.display().to_string(),
        ]
    };
    let csv = db.dir().join("year.csv");
    let v = year(&csv, "2026-04-01", "2027-03-31");
    let out = db.run(&args(&v));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        csv.display().to_string()
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("2 meeting(s) counted"), "{said}");
    let text = std::fs::read_to_string(&csv).unwrap();
    for line in [
        "attendance,Martin Hughes,attended,0",
        "attendance,Martin Hughes,possible,2",
        "attendance,Kirsty Lamb,attended,1",
        "attendance,Professor Aisha Rahman,attended,1",
        "attendance,Dame Helen Marsh,attended,2",
    ] {
        assert!(
            text.contains(&format!("{line}\r\n")),
            "{line} missing:\n{text}"
        );
    }
    let pdf = db.dir().join("year.pdf");
    db.ok(&args(&year(&pdf, "2026-04-01", "2027-03-31")));
    assert!(pdf_words(&pdf).contains("0/2"));

    let err = db.fails(&args(&year(
        &db.dir().join("year.xlsx"),
        "2026-04-01",
        "2027-03-31",
    )));
    assert!(err.contains("name the file .pdf"), "{err}");
    let err = db.fails(&args(&year(&pdf, "2026-04-31", "2027-03-31")));
    assert!(err.contains("not a real date"), "{err}");
    let err = db.fails(&args(&year(&pdf, "2027-04-01", "2027-03-31")));
    assert!(err.contains("give --from before --to"), "{err}");
    let mut v = year(&pdf, "2026-04-01", "2027-03-31");
    v[3] = "NOPE".into();
    let err = db.fails(&args(&v));
    assert!(err.contains("no committee with the code “NOPE”"), "{err}");
}

/// `pack issue` records version 1, refuses an unchanged re-issue with what to do, and
/// after a paper is replaced issues version 2 with its change list; `pack versions` lists
/// them, `pack changes` says what changed, and `pack supplement` writes only the change
/// list and the replaced paper.
#[test]
fn packs_are_issued_listed_reissued_and_supplemented() {
    let db = Db::new();
    let meeting = db.ok(&["demo"]).trim().to_owned();
    let v1 = db.dir().join("v1.pdf");
    let said = db.run(&[
        "pack",
        "issue",
        "--meeting",
        &meeting,
        "--out",
        v1.to_str().unwrap(),
        "--by",
        "Company Secretary",
    ]);
    assert!(said.status.success(), "{said:?}");
    assert_eq!(
        String::from_utf8_lossy(&said.stdout).trim(),
        v1.to_str().unwrap()
    );
    assert!(String::from_utf8_lossy(&said.stderr).contains("Issued version 1 of the full pack"));
    let err = db.fails(&[
        "pack",
        "issue",
        "--meeting",
        &meeting,
        "--out",
        db.dir().join("again.pdf").to_str().unwrap(),
    ]);
    assert!(
        err.contains("Nothing has changed") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(db.ok(&["pack", "changes", "--meeting", &meeting]), "");

    // Replace the finance report (item 8).
    let item = db
        .ok(&["agenda", "--meeting", &meeting])
        .lines()
        .find(|l| l.starts_with("8\t"))
        .unwrap()
        .split('\t')
        .nth(2)
        .unwrap()
        .to_owned();
    let paper = archive_paper_of(&db, &item);
    db.ok(&[
        "paper",
        "attach",
        "--paper",
        &paper,
        "--file",
        &corpus("004-pdflatex-4-pages_pdflatex-4-pages.pdf"),
    ]);
    let changes = db.ok(&["pack", "changes", "--meeting", &meeting]);
    assert_eq!(changes.lines().count(), 1, "{changes}");
    assert!(
        changes.starts_with("Paper E (") && changes.contains(") replaced (pages "),
        "{changes}"
    );

    let supplement = db.dir().join("supplement.pdf");
    db.ok(&[
        "pack",
        "supplement",
        "--meeting",
        &meeting,
        "--out",
        supplement.to_str().unwrap(),
    ]);
    let v2 = db.dir().join("v2.pdf");
    db.ok(&[
        "pack",
        "issue",
        "--meeting",
        &meeting,
        "--out",
        v2.to_str().unwrap(),
        "--by",
        "Deputy",
    ]);
    let versions = db.ok(&["pack", "versions", "--meeting", &meeting]);
    let lines: Vec<Vec<&str>> = versions.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2, "{versions}");
    assert_eq!(
        (lines[0][0], lines[0][1], lines[0][3]),
        ("1", "full", "Company Secretary")
    );
    assert_eq!(
        (lines[1][0], lines[1][1], lines[1][3]),
        ("2", "full", "Deputy")
    );
    assert_eq!(lines[1][5].len(), 64, "the file's SHA-256");
    let words = pdf_words(&v2);
    assert!(words.contains("Version 2, issued"), "{words}");
    assert!(words.contains(") replaced"), "{words}");
    let s = pdf_words(&supplement);
    assert!(s.contains("Supplement to version 1"), "{s}");
    // A public pack has versions of its own.
    db.ok(&[
        "pack",
        "issue",
        "--public",
        "--meeting",
        &meeting,
        "--out",
        db.dir().join("p1.pdf").to_str().unwrap(),
    ]);
    let versions = db.ok(&["pack", "versions", "--meeting", &meeting]);
    assert!(
        versions.lines().any(|l| l.starts_with("1\tpublic\t")),
        "{versions}"
    );
}
