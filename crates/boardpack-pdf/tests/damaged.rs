//! Papers that qpdf reads although they are not quite right, made here (no binaries in the
//! repository): pages written as direct objects, a page referenced twice, abbreviated
//! filter names, a content stream whose data cannot be decoded. Each is accepted with the
//! page count qpdf gives, and a pack made from it passes `qpdf --check`. A page tree that
//! really loops, and a file with no pages, stay refused.

use std::io::Write;
use std::process::Command;

use boardpack_pdf::{assemble, clean, inspect, PdfOptions, PdfProblem, Run, Source};
use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{dictionary, Document, Object, Stream};

fn opts() -> PdfOptions {
    PdfOptions {
        title: "Pack".into(),
        author: "Secretary".into(),
        subject: "Damaged papers".into(),
        created: Default::default(),
        lang: "en-GB".into(),
        document_id: [3; 16],
    }
}

/// A one-object-per-page document whose page tree's kids are `kids` (built by the caller
/// from the page dictionaries it is given).
fn document(build: impl FnOnce(&mut Document, Vec<Object>) -> Vec<Object>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let page_dicts: Vec<Object> = (0..2)
        .map(|k| {
            let content = doc.add_object(Stream::new(
                dictionary! {},
                format!("BT /F1 24 Tf 72 700 Td (Page {}) Tj ET", k + 1).into_bytes(),
            ));
            Object::Dictionary(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
                "Contents" => content,
            })
        })
        .collect();
    let kids = build(&mut doc, page_dicts);
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    bytes
}

fn require(name: &str) {
    assert!(
        Command::new(name).arg("--version").output().is_ok(),
        "{name} is needed by this test: apt-get install qpdf (scripts/setup.sh does)"
    );
}

/// A file name in the temp folder that no other test of this run uses: the tests run in
/// parallel, and two of them writing one name read each other's file (or none).
fn scratch(what: &str) -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("bp-damaged-{what}-{}-{n}.pdf", std::process::id()))
}

/// Pages as qpdf counts them.
fn qpdf_pages(bytes: &[u8]) -> usize {
    require("qpdf");
    let path = scratch("pages");
    std::fs::write(&path, bytes).expect("write");
    let out = Command::new("qpdf")
        .arg("--show-npages")
        .arg(&path)
        .output()
        .expect("qpdf");
    let _ = std::fs::remove_file(path);
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("a page count")
}

/// `qpdf --check`'s exit code: 0 sound, 2 errors, 3 warnings.
fn qpdf_check(bytes: &[u8]) -> Option<i32> {
    require("qpdf");
    let path = scratch("check");
    std::fs::write(&path, bytes).expect("write");
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf");
    let _ = std::fs::remove_file(path);
    out.status.code()
}

/// A pack of `bytes` alone (footer on every page) passes `qpdf --check` with no error.
fn packs_cleanly(name: &str, bytes: &[u8]) {
    require("qpdf");
    let pages = inspect(bytes).expect("accepted").pages as usize;
    let sources = [Source {
        name: name.into(),
        bytes,
    }];
    let runs = [Run {
        source: 0,
        first: 0,
        count: pages,
        footer: Some("Board".into()),
        marking: None,
    }];
    let pack = assemble(&sources, &runs, &[], &opts(), &mut |_, _| {}).expect("pack");
    let path = scratch(&format!("pack-{name}"));
    std::fs::write(&path, &pack).expect("write");
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf");
    let _ = std::fs::remove_file(&path);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{name}: qpdf --check of the pack:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn pages_written_as_direct_objects_are_pages() {
    let bytes = document(|_, pages| pages);
    assert_eq!(qpdf_pages(&bytes), 2);
    assert_eq!(inspect(&bytes).expect("accepted").pages, 2);
    packs_cleanly("direct.pdf", &bytes);
}

#[test]
fn a_page_referenced_twice_is_two_pages() {
    let bytes = document(|doc, pages| {
        let first = doc.add_object(pages[0].clone());
        vec![first.into(), first.into()]
    });
    assert_eq!(qpdf_pages(&bytes), 2);
    assert_eq!(inspect(&bytes).expect("accepted").pages, 2);
    packs_cleanly("twice.pdf", &bytes);
}

#[test]
fn a_page_tree_that_loops_is_still_refused() {
    let bytes = document(|doc, pages| {
        let page = doc.add_object(pages[0].clone());
        // The root's own id is the first object: make a kid that lists the root again.
        let root = (1, 0);
        let inner = doc.add_object(
            dictionary! { "Type" => "Pages", "Kids" => vec![root.into()], "Count" => 1 },
        );
        vec![page.into(), inner.into()]
    });
    assert_eq!(inspect(&bytes), Err(PdfProblem::PageTreeLoop));
}

#[test]
fn abbreviated_filter_names_are_read() {
    let bytes = document(|doc, pages| {
        let mut ids = Vec::new();
        for page in pages {
            let Object::Dictionary(mut d) = page else {
                unreachable!()
            };
            let content = d
                .get(b"Contents")
                .and_then(Object::as_reference)
                .expect("c");
            if let Ok(Object::Stream(s)) = doc.get_object_mut(content) {
                // An unbalanced `q` the footer must close, deflated (lopdf's `compress`
                // leaves data this short as it is) behind an abbreviated filter name.
                let data = [b"q ".as_slice(), &s.content].concat();
                let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
                z.write_all(&data).expect("deflate");
                s.set_content(z.finish().expect("deflate"));
                s.dict.set("Filter", Object::Name(b"Fl".to_vec()));
            }
            d.remove(b"Parent");
            ids.push(doc.add_object(Object::Dictionary(d)).into());
        }
        ids
    });
    assert_eq!(qpdf_pages(&bytes), 2);
    assert_eq!(qpdf_check(&bytes), Some(0), "the file itself is sound");
    let facts = inspect(&bytes).expect("accepted");
    assert_eq!((facts.pages, facts.damaged_streams), (2, 0));
    packs_cleanly("abbreviated.pdf", &bytes);
}

#[test]
fn a_stream_that_cannot_be_decoded_is_named_by_page_and_left_out_of_the_pack() {
    let bytes = document(|doc, pages| {
        let mut ids = Vec::new();
        for (k, page) in pages.into_iter().enumerate() {
            let Object::Dictionary(d) = page else {
                unreachable!()
            };
            if k == 1 {
                let content = d
                    .get(b"Contents")
                    .and_then(Object::as_reference)
                    .expect("c");
                if let Ok(Object::Stream(s)) = doc.get_object_mut(content) {
                    s.dict.set("Filter", "FlateDecode");
                    s.set_content(b"this is not deflate data at all".to_vec());
                }
            }
            ids.push(doc.add_object(Object::Dictionary(d)).into());
        }
        ids
    });
    let facts = inspect(&bytes).expect("accepted, with a warning");
    assert_eq!(facts.pages, 2);
    assert_eq!(facts.damaged_pages, [2]);
    assert_eq!(boardpack_pdf::pages_phrase(&facts.damaged_pages), "page 2");
    // A pack of it as it is leaves the undecodable data out…
    packs_cleanly("undecodable.pdf", &bytes);
    // …and a cleaned copy has none left.
    let (cleaned, after) = clean(&bytes).expect("clean").expect("something to clean");
    assert_eq!((after.pages, after.damaged_pages.as_slice()), (2, &[2][..]));
    assert_eq!(inspect(&cleaned).expect("accepted").damaged_streams, 0);
    assert!(clean(&cleaned).expect("clean").is_none());
}

#[test]
fn a_file_without_pages_stays_refused() {
    let bytes = document(|_, _| Vec::new());
    assert_eq!(inspect(&bytes), Err(PdfProblem::NoPages));
}
