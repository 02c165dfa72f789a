//! Mutation testing: the corpus PDFs and a valid archive, damaged at random (seeded, so a
//! failure can be replayed), fed to Boardpack as a user would feed them: attached to a
//! paper and put in a pack, or imported. Every input must be taken or refused with a
//! sentence; none may panic, abort, or leave a pack that does not open.
//!
//! CI runs a few hundred (`BOARDPACK_MUTATIONS`, default 200); `scripts/mutate.sh` runs
//! 10,000 of each and reports peak memory.

use std::path::{Path, PathBuf};

use boardpack::agenda::NewItem;
use boardpack::papers::{NewPaper, PaperEdit};
use boardpack::ArchiveScope;
use boardpack_core::agenda::{AgendaItem, Lead, Purpose};
use boardpack_core::meeting::NewMeeting;
use boardpack_core::Session;

/// xorshift64*: small, seeded, the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Tokens that matter to a PDF or zip reader, spliced in to reach deeper than random bytes.
const TOKENS: &[&[u8]] = &[
    b"obj",
    b"endobj",
    b"stream",
    b"endstream",
    b"xref",
    b"trailer",
    b"startxref",
    b"/Length 99999999999",
    b"/Count -1",
    b"/Kids [1 0 R]",
    b"/Parent 2 0 R",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"4294967296 0 R",
    b"/Filter /FlateDecode",
    b"\x00\x00\x00\x00",
    b"\xff\xff\xff\xff\xff\xff\xff\xff",
    b"PK\x03\x04",
    b"\"parent_id\":",
    b"null",
    b"-1",
];

/// One random change: flip bytes, cut, splice a token, repeat or drop a span.
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        if b.is_empty() {
            b.extend_from_slice(TOKENS[rng.below(TOKENS.len())]);
            continue;
        }
        let at = rng.below(b.len());
        match rng.below(6) {
            0 => {
                for _ in 0..1 + rng.below(16) {
                    let i = rng.below(b.len());
                    b[i] ^= 1 << rng.below(8);
                }
            }
            1 => b.truncate(at),
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                b.splice(at..at, t.iter().copied());
            }
            3 => {
                let len = rng.below(4096).min(b.len() - at);
                let span = b[at..at + len].to_vec();
                let to = rng.below(b.len());
                b.splice(to..to, span);
            }
            4 => {
                let len = rng.below(4096).min(b.len() - at);
                b.drain(at..at + len);
            }
            _ => {
                // A digit run changed to another number (lengths, offsets, counts).
                if let Some(i) = (at..b.len()).find(|&i| b[i].is_ascii_digit()) {
                    let n = format!("{}", rng.next() % 10_000_000_000);
                    b.splice(i..i + 1, n.bytes());
                }
            }
        }
    }
    b
}

fn count() -> usize {
    std::env::var("BOARDPACK_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

fn seed() -> u64 {
    std::env::var("BOARDPACK_MUTATION_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_261_201)
        | 1
}

fn corpus_pdfs() -> Vec<(String, Vec<u8>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(super::agenda::corpus(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// The sentence a user would see is one sentence that says what to do, not a fault.
fn is_a_sentence(e: &boardpack::Error) -> bool {
    let s = e.to_string();
    !s.is_empty() && e.code() != "database" && !s.contains("panicked")
}

#[test]
fn mutated_papers_are_taken_into_a_valid_pack_or_refused_with_a_sentence() {
    let (dir, app) = super::demo();
    let demo = app.meetings().unwrap()[0].meeting.id;
    let complete = app
        .agenda(demo)
        .unwrap()
        .rows
        .iter()
        .flat_map(|r| r.papers.clone())
        .next()
        .unwrap()
        .paper
        .cover;
    let tb = app.committee_by_code("TB").unwrap();
    let meeting = app
        .add_meeting(&NewMeeting {
            committee_id: tb.id,
            number: None,
            date: "2027-02-11".into(),
            start_time: "09:00".into(),
            end_time: "18:00".into(),
            venue: "Board Room".into(),
            chair_id: None,
            session: Session::Public,
        })
        .unwrap()
        .id;
    for row in app.agenda(meeting).unwrap().rows {
        app.update_item(&AgendaItem {
            paper_expected: false,
            ..row.item
        })
        .unwrap();
    }
    let item = app
        .add_item(&NewItem {
            meeting_id: meeting,
            parent_id: None,
            title: "Mutated paper".into(),
            purpose: Purpose::Noting,
            lead: Lead::None,
            duration_minutes: 5,
            session: Session::Public,
            private_reason: String::new(),
            confidential: false,
            for_bulletin: false,
            paper_expected: false,
        })
        .unwrap();
    let corpus = corpus_pdfs();
    let mut rng = Rng(seed());
    let file = dir.path().join("mutated.pdf");
    let out = dir.path().join("pack.pdf");
    let (mut taken, mut refused, mut packs) = (0, 0, 0);
    let n = count();
    for round in 0..n {
        let (name, original) = &corpus[rng.below(corpus.len())];
        let bytes = mutate(&mut rng, original);
        std::fs::write(&file, &bytes).unwrap();
        let what = format!("round {round} (seed {}, from {name})", seed());
        match app.add_paper(&NewPaper {
            item_id: item.id,
            title: "Mutated paper".into(),
            authors: "Author".into(),
            sponsor: "Sponsor".into(),
            letter: String::new(),
            file: Some(file.display().to_string()),
        }) {
            Ok(paper) => {
                taken += 1;
                // Every fourth paper taken goes into a pack, which must open and count its
                // pages, or be refused with a sentence.
                if taken % 4 == 1 {
                    app.update_paper(&PaperEdit {
                        id: paper.id,
                        title: paper.title.clone(),
                        authors: "Author".into(),
                        sponsor: "Sponsor".into(),
                        letter: String::new(),
                        cover: complete.clone(),
                        received_on: String::new(),
                    })
                    .unwrap();
                    match app.export_pack(meeting, false, &out, boardpack::today(), &mut |_| {}) {
                        Ok(report) => {
                            packs += 1;
                            let doc = lopdf::Document::load(&out)
                                .unwrap_or_else(|e| panic!("{what}: the pack does not open: {e}"));
                            assert_eq!(doc.get_pages().len(), report.pages as usize, "{what}");
                        }
                        Err(e) => assert!(is_a_sentence(&e), "{what}: {e}"),
                    }
                }
                app.delete_paper(paper.id).unwrap();
            }
            Err(e) => {
                refused += 1;
                assert_eq!(e.code(), "bad_attachment", "{what}: {e}");
            }
        }
    }
    eprintln!("{n} mutated papers: {taken} taken ({packs} packs made), {refused} refused");
    assert_eq!(taken + refused, n);
}

/// A well-formed archive.json with values changed: a string, number, null, id or list
/// put where the reader expects something else, or the same record twice.
fn mutate_json(rng: &mut Rng, json: &[u8]) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(json).unwrap();
    for _ in 0..1 + rng.below(2) {
        // Choose a random value by walking down, as a JSON pointer.
        let mut pointer = String::new();
        let mut at = &v;
        loop {
            let (key, next) = match at {
                serde_json::Value::Object(m) if !m.is_empty() && rng.below(10) != 0 => {
                    let (k, next) = m.iter().nth(rng.below(m.len())).unwrap();
                    (k.replace('~', "~0").replace('/', "~1"), next)
                }
                serde_json::Value::Array(a) if !a.is_empty() && rng.below(10) != 0 => {
                    let i = rng.below(a.len());
                    (i.to_string(), &a[i])
                }
                _ => break,
            };
            pointer.push('/');
            pointer.push_str(&key);
            at = next;
        }
        if rng.below(8) == 0 {
            // The same record twice.
            if let Some((parent, _)) = pointer.rsplit_once('/') {
                let dup = v.pointer(&pointer).cloned().unwrap();
                if let Some(serde_json::Value::Array(a)) = v.pointer_mut(parent) {
                    a.push(dup);
                    continue;
                }
            }
        }
        let at = v.pointer_mut(&pointer).unwrap();
        // Mostly a value of the same kind (what gets past the parser to the checks).
        let same_kind = rng.below(3) != 0;
        *at = match (same_kind, &*at) {
            (true, serde_json::Value::String(s)) => match rng.below(4) {
                0 => serde_json::json!(""),
                1 => serde_json::json!(format!("{s}\u{1b}[2J")),
                2 => serde_json::json!(s.repeat(1 + rng.below(40))),
                _ => serde_json::json!("01890000-0000-7000-8000-000000000000"),
            },
            (true, serde_json::Value::Number(_)) => match rng.below(3) {
                0 => serde_json::json!(0),
                1 => serde_json::json!(-1),
                _ => serde_json::json!(u32::MAX),
            },
            (true, serde_json::Value::Bool(b)) => serde_json::json!(!b),
            _ => match rng.below(8) {
                0 => serde_json::Value::Null,
                1 => serde_json::json!(-1),
                2 => serde_json::json!(u64::MAX),
                3 => serde_json::json!(""),
                4 => serde_json::json!("\u{1b}[31m\u{0}"),
                5 => serde_json::json!([]),
                6 => serde_json::json!("01890000-0000-7000-8000-000000000000"),
                _ => serde_json::json!("x".repeat(rng.below(600))),
            },
        };
    }
    serde_json::to_vec(&v).unwrap()
}

/// The demo's archive as one zip, and its archive.json alone.
fn demo_archive(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    let (_d, demo) = super::demo();
    let zip = dir.join("demo.zip");
    demo.export_archive(&ArchiveScope::Everything, &zip)
        .unwrap();
    let folder = dir.join("demo-folder");
    demo.export_archive(&ArchiveScope::Everything, &folder)
        .unwrap();
    (
        std::fs::read(&zip).unwrap(),
        std::fs::read(folder.join("archive.json")).unwrap(),
    )
}

#[test]
fn mutated_archives_import_whole_or_are_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let (zip, json) = demo_archive(dir.path());
    let mut rng = Rng(seed() ^ 0xA5A5);
    let n = count().div_ceil(4);
    let (mut imported, mut refused) = (0, 0);
    for round in 0..n {
        let (_db_dir, app) = super::fresh();
        let path = if round % 3 == 0 {
            let p = dir.path().join("mutated.zip");
            std::fs::write(&p, mutate(&mut rng, &zip)).unwrap();
            p
        } else {
            // The folder archive, its files as they were, its archive.json changed.
            let folder = dir.path().join("demo-folder");
            let changed = if round % 3 == 1 {
                mutate_json(&mut rng, &json)
            } else {
                mutate(&mut rng, &json)
            };
            std::fs::write(folder.join("archive.json"), changed).unwrap();
            folder
        };
        let what = format!("round {round} (seed {})", seed() ^ 0xA5A5);
        match app.import_archive(&path) {
            Ok(_) => {
                imported += 1;
                // What was imported reads back and exports again.
                app.archive(&ArchiveScope::Everything)
                    .unwrap_or_else(|e| panic!("{what}: {e}"));
            }
            Err(e) => {
                refused += 1;
                assert!(is_a_sentence(&e), "{what}: {e}");
            }
        }
    }
    eprintln!("{n} mutated archives: {imported} imported, {refused} refused");
}
