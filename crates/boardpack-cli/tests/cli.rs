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
        r#"{"format":"boardpack-archive","version":5,"scope":{"kind":"everything"}}"#,
    )
    .unwrap();
    let err = fresh.fails(&["archive", "import", bad.to_str().unwrap()]);
    assert!(
        err.contains("is archive version 5; this Boardpack reads versions 1 to 4"),
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
    db.ok(&["archive", "import", folder.to_str().unwrap()]);
    let out = db.run(&["check", "--meeting", m]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
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
            "1\t2027-01-07\tApproved by the Trust Board on 7 January 2027 (minute TB 27/"
        ),
        "{versions}"
    );
    let err = db.fails(&["minutes", "approve", "--meeting", &january]);
    assert!(err.contains("can no longer be changed"), "{err}");
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
    // contract in private.
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
            "8 Award of contract: car park decking",
            "9 Any other business",
            "10 Date and time of next meeting"
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
        .find(|l| l.contains("Chief Executive's monthly report"))
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
    cover.as_object_mut().unwrap().remove("input_sought");
    cover["next_paper"] = serde_json::json!({"kind": "someday"});
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
    assert!(row[5].starts_with("John Adeyemi"), "{row:?}");
    db.ok(&["item", "move", &b, "--before", &a]);
    let order: Vec<String> = rows(&db).iter().map(|r| r[3].clone()).collect();
    let at = |t: &str| order.iter().position(|o| o == t).unwrap();
    assert_eq!(at("Quality report") + 1, at("Estates strategy 2027–2032"));
    db.ok(&["item", "move", &b, "--after", &a]);
    let order: Vec<String> = rows(&db).iter().map(|r| r[3].clone()).collect();
    assert_eq!(
        order.iter().position(|o| o == "Quality report"),
        order
            .iter()
            .position(|o| o == "Estates strategy 2027–2032")
            .map(|k| k + 1)
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
        .find(|l| l.ends_with("Paper A"))
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
