//! Issuing packs: version 1, a re-issue after one paper is replaced (its change list lists
//! exactly that change, every footer names the version, the supplement holds exactly that
//! paper's pages), versions counted per kind, and a public issue and supplement that never
//! name a Part 2 paper. Pages are counted with `pdfinfo` and text read with `pdftotext`
//! (poppler-utils): a missing tool fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use boardpack::Boardpack;
use boardpack_core::reissue::PackChangeKind;
use boardpack_core::{MeetingId, PaperId};

use crate::{demo_on, pdf_text};

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// The number of pages `pdfinfo` counts.
fn pages(path: &Path) -> u32 {
    let out = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo (poppler-utils) is needed: apt-get install poppler-utils");
    assert!(out.status.success(), "pdfinfo failed on {}", path.display());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count")
}

/// The text of pages `first..=last`, words joined by single spaces.
fn words_of(path: &Path, first: u32, last: u32) -> String {
    let out = Command::new("pdftotext")
        .args(["-f", &first.to_string(), "-l", &last.to_string()])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed: apt-get install poppler-utils");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(path: &Path) -> String {
    pdf_text(path, false)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A PDF of `paragraphs` paragraphs, about three to a page.
fn new_version(dir: &Path, name: &str, paragraphs: usize) -> PathBuf {
    use boardpack_pdf::{simple_document, Block, PdfOptions};
    let opts = PdfOptions {
        title: name.into(),
        author: "Author".into(),
        subject: String::new(),
        created: Default::default(),
        lang: boardpack_pdf::DEFAULT_LANG.into(),
        document_id: [3; 16],
    };
    let blocks = (0..paragraphs)
        .map(|k| Block::para(format!("{name}, paragraph {k}: ").repeat(30)))
        .collect();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, simple_document(name, blocks, &opts).unwrap()).unwrap();
    path
}

fn meeting(app: &Boardpack) -> MeetingId {
    app.meetings().unwrap()[0].meeting.id
}

/// The paper lettered `letter` in the full pack, and its title.
fn paper(app: &Boardpack, m: MeetingId, letter: &str) -> (PaperId, String) {
    let plan = app.pack_plan(m, false).unwrap();
    let id = plan
        .papers
        .iter()
        .find(|p| p.letter == letter)
        .unwrap()
        .paper_id;
    (id, app.paper(id).unwrap().title)
}

fn issue(
    app: &Boardpack,
    m: MeetingId,
    public: bool,
    out: &Path,
    force: bool,
) -> boardpack::Result<boardpack::issue::IssueReport> {
    app.issue_pack(
        m,
        public,
        out,
        "Company Secretary",
        force,
        day(),
        &mut |_| {},
    )
}

#[test]
fn a_reissue_after_replacing_one_paper_lists_exactly_that_change_and_the_supplement_holds_its_pages(
) {
    let (dir, app) = demo_on(day());
    let dir = dir.path();
    let m = meeting(&app);
    let v1 = dir.join("v1.pdf");
    let first = issue(&app, m, false, &v1, false).unwrap();
    assert_eq!(first.issue.version, 1);
    assert!(first.changes.is_empty());
    assert_eq!(pages(&v1), first.issue.pages);
    assert_eq!(first.issue.issued_by, "Company Secretary");
    // Version 1 keeps the plain footer, and is no longer a draft.
    let text = words(&v1);
    assert!(!text.contains("Version"), "{text}");
    assert!(!text.contains("DRAFT"), "{text}");
    // The issued file is in the blob store.
    assert_eq!(
        app.blobs().read(&first.issue.file_sha256).unwrap(),
        std::fs::read(&v1).unwrap()
    );

    // Nothing changed: refused, with what to do.
    let err = issue(&app, m, false, &dir.join("same.pdf"), false)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Nothing has changed") && err.contains("--force"),
        "{err}"
    );
    assert!(!dir.join("same.pdf").exists());

    let (e, title) = paper(&app, m, "E");
    app.attach_document(e, &new_version(dir, "Finance v2", 9))
        .unwrap();
    let changes = app.pack_changes(m, false).unwrap();
    assert_eq!(changes.next_version, 2);
    assert_eq!(changes.changes.len(), 1, "{:?}", changes.changes);
    assert_eq!(changes.changes[0].kind, PackChangeKind::Replaced);
    assert_eq!(changes.changes[0].letter, "E");
    // The public pack has its own versions: not issued yet.
    assert!(app.pack_changes(m, true).unwrap().last.is_none());

    // The supplement, against version 1: the change list, then paper E whole.
    let supplement = dir.join("supplement.pdf");
    let report = app
        .export_supplement(m, false, &supplement, day(), &mut |_| {})
        .unwrap();
    assert_eq!(pages(&supplement), report.pages);

    let v2 = dir.join("v2.pdf");
    let second = issue(&app, m, false, &v2, false).unwrap();
    assert_eq!(second.issue.version, 2);
    assert_eq!(pages(&v2), second.issue.pages);
    assert_eq!(second.changes.len(), 1);
    let (a, b) = second.changes[0].pages.unwrap();
    let issued_e = second
        .issue
        .papers
        .iter()
        .find(|p| p.paper_id == e)
        .unwrap();
    assert_eq!((issued_e.first_page, issued_e.last_page), (a, b));
    // The change list comes right after the front cover, before the agenda.
    let change_page = words_of(&v2, 2, 2);
    assert!(
        change_page.contains("Version 2, issued 20 November 2026"),
        "{change_page}"
    );
    assert!(
        change_page.contains(&format!("Paper E ({title}) replaced")),
        "{change_page}"
    );
    assert!(
        change_page.contains(&format!("pages {a}–{b}")),
        "{change_page}"
    );
    assert_eq!(change_page.matches(" replaced").count(), 1, "{change_page}");
    assert!(
        change_page.contains("Change Pages"),
        "the table's header row: {change_page}"
    );
    assert!(!change_page.contains(" added") && !change_page.contains(" withdrawn"));
    assert!(words_of(&v2, 3, 3).contains("agenda"));
    // Pages a–b are paper E's: its cover sheet first, its new document after.
    assert!(words_of(&v2, a, a).contains(&title));
    assert!(words_of(&v2, a, b).contains("Finance v2, paragraph 8"));
    // Every page names the version in its footer.
    for page in [1, 2, a, b, second.issue.pages] {
        let w = words_of(&v2, page, page);
        assert!(w.contains("Version 2"), "page {page}: {w}");
    }

    // The supplement holds the change list and exactly paper E's pages.
    assert_eq!(report.pages, 1 + (b - a + 1));
    let s = words(&supplement);
    assert!(s.contains("Supplement to version 1"), "{s}");
    assert!(s.contains(&format!("Paper E ({title}) replaced")), "{s}");
    assert!(s.contains("Finance v2, paragraph 8"), "{s}");
    let (_, d_title) = paper(&app, m, "D");
    assert!(!s.contains(&d_title), "only the changed paper: {s}");

    // Versions per kind: the public pack starts at 1; the full pack goes on at 3 (forced).
    let p1 = issue(&app, m, true, &dir.join("p1.pdf"), false).unwrap();
    assert_eq!(p1.issue.version, 1);
    let v3 = issue(&app, m, false, &dir.join("v3.pdf"), true).unwrap();
    assert_eq!(v3.issue.version, 3);
    assert!(
        words_of(&dir.join("v3.pdf"), 2, 2).contains("No paper was replaced, added or withdrawn")
    );
    let versions: Vec<(String, u32)> = app
        .pack_issues(m)
        .unwrap()
        .iter()
        .map(|i| (i.kind.as_str().to_owned(), i.version))
        .collect();
    assert_eq!(
        versions,
        [
            ("full".into(), 1),
            ("full".into(), 2),
            ("full".into(), 3),
            ("public".into(), 1)
        ]
    );
}

#[test]
fn added_and_withdrawn_papers_are_listed_with_their_pages() {
    let (dir, app) = demo_on(day());
    let dir = dir.path();
    let m = meeting(&app);
    issue(&app, m, false, &dir.join("v1.pdf"), false).unwrap();
    let (g, g_title) = paper(&app, m, "G");
    let item = app.paper(g).unwrap().item_id;
    app.delete_paper(g).unwrap();
    // The item goes on without a paper.
    let no_paper = boardpack::agenda::ItemChanges {
        paper_expected: Some(false),
        ..Default::default()
    };
    app.edit_item(item, &no_paper).unwrap();
    let changes = app.pack_changes(m, false).unwrap().changes;
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].kind, PackChangeKind::Withdrawn);
    let v2 = dir.join("v2.pdf");
    let second = issue(&app, m, false, &v2, false).unwrap();
    let text = words_of(&v2, 2, 2);
    assert!(
        text.contains(&format!("Paper G ({g_title}) withdrawn")),
        "{text}"
    );
    assert!(second.issue.papers.iter().all(|p| p.paper_id != g));
}

/// A public issue and its supplement never contain, nor name, a Part 2 paper, though it
/// changed too.
#[test]
fn a_public_reissue_and_supplement_never_name_a_part_2_paper() {
    let (dir, app) = demo_on(day());
    let dir = dir.path();
    let m = meeting(&app);
    let full = app.pack_plan(m, false).unwrap();
    let public = app.pack_plan(m, true).unwrap();
    let private: Vec<PaperId> = full
        .papers
        .iter()
        .filter(|p| !public.papers.iter().any(|q| q.paper_id == p.paper_id))
        .map(|p| p.paper_id)
        .collect();
    assert!(!private.is_empty(), "the demo has Part 2 papers");
    issue(&app, m, true, &dir.join("p1.pdf"), false).unwrap();
    let secret = app.paper(private[0]).unwrap().title;
    app.attach_document(private[0], &new_version(dir, "Zorvathian terms", 2))
        .unwrap();
    // Only a Part 2 paper changed: nothing changed in the public pack.
    assert!(app.pack_changes(m, true).unwrap().changes.is_empty());
    let (c, c_title) = paper(&app, m, "C");
    app.attach_document(c, &new_version(dir, "Chief Executive v2", 2))
        .unwrap();
    let changes = app.pack_changes(m, true).unwrap().changes;
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].paper_id, c);
    let supplement = dir.join("p-supplement.pdf");
    app.export_supplement(m, true, &supplement, day(), &mut |_| {})
        .unwrap();
    let p2 = dir.join("p2.pdf");
    let report = issue(&app, m, true, &p2, false).unwrap();
    assert!(report
        .issue
        .papers
        .iter()
        .all(|p| !private.contains(&p.paper_id)));
    for file in [&supplement, &p2] {
        let text = words(file);
        assert!(text.contains(&format!("({c_title}) replaced")), "{text}");
        for word in [secret.as_str(), "Zorvathian"] {
            assert!(!text.contains(word), "{} names {word}", file.display());
        }
        let bytes = {
            let mut doc = lopdf::Document::load(file).unwrap();
            doc.decompress();
            let mut out = Vec::new();
            doc.save_to(&mut out).unwrap();
            String::from_utf8_lossy(&out).into_owned()
        };
        assert!(!bytes.contains("Zorvathian"), "{}", file.display());
    }
    // The full pack's first issue lists no change list at all: version 1.
    let f1 = issue(&app, m, false, &dir.join("f1.pdf"), false).unwrap();
    assert_eq!(f1.issue.version, 1);
}

/// Issues and their files travel in the archive: exported, imported into an empty
/// database, the same issues and the same issued bytes; an archive of version 6 (before
/// issues) imports with none.
#[test]
fn issues_and_their_files_round_trip_through_the_archive() {
    let (dir, app) = demo_on(day());
    let dir = dir.path();
    let m = meeting(&app);
    let first = issue(&app, m, false, &dir.join("v1.pdf"), false).unwrap();
    let out = dir.join("backup.zip");
    let archive = app
        .export_archive(&boardpack::ArchiveScope::Meeting { meeting_id: m }, &out)
        .unwrap();
    assert_eq!(archive.pack_issues, vec![first.issue.clone()]);
    assert!(archive
        .files
        .iter()
        .any(|f| f.sha256.as_deref() == Some(first.issue.file_sha256.as_str())));

    let other = tempfile::tempdir().unwrap();
    let copy = Boardpack::open(&other.path().join("copy.sqlite")).unwrap();
    copy.import_archive(&out).unwrap();
    assert_eq!(copy.pack_issues(m).unwrap(), vec![first.issue.clone()]);
    assert_eq!(
        copy.blobs().read(&first.issue.file_sha256).unwrap(),
        std::fs::read(dir.join("v1.pdf")).unwrap()
    );
    // The next issue in the copy is version 2.
    assert_eq!(copy.pack_changes(m, false).unwrap().next_version, 2);

    // Version 6: no pack_issues at all.
    let folder = dir.join("v6");
    let everything = app
        .export_archive(&boardpack::ArchiveScope::Everything, &folder)
        .unwrap();
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("archive.json")).unwrap()).unwrap();
    let object = value.as_object_mut().unwrap();
    object.remove("pack_issues");
    object.insert("version".into(), 6.into());
    let issued = format!("files/{}.pdf", first.issue.file_sha256);
    let files = object["files"].as_array_mut().unwrap();
    files.retain(|f| f["path"] != issued.as_str());
    std::fs::remove_file(folder.join(&issued)).unwrap();
    std::fs::write(
        folder.join("archive.json"),
        serde_json::to_vec(&value).unwrap(),
    )
    .unwrap();
    assert!(!everything.pack_issues.is_empty());
    let older = tempfile::tempdir().unwrap();
    let old = Boardpack::open(&older.path().join("old.sqlite")).unwrap();
    old.import_archive(&folder).unwrap();
    assert!(old.pack_issues(m).unwrap().is_empty());
}
