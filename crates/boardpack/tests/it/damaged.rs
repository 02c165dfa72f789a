//! Damaged papers as they are attached: a file whose streams cannot be decoded is taken
//! with those streams emptied, and one the engine cannot open is repaired with qpdf; either
//! way the original is kept in the paper's history, a note says what was done, and the
//! pack made with the paper passes `qpdf --check`.

use boardpack::papers::repair_notes;
use lopdf::{dictionary, Document, Object, Stream};

/// Two pages; page 2's content stream claims Flate but holds plain text.
fn undecodable_on_page_2() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let kids: Vec<Object> = (0..2)
        .map(|k| {
            let mut content = Stream::new(
                dictionary! {},
                format!("BT /F1 24 Tf 72 700 Td (Page {}) Tj ET", k + 1).into_bytes(),
            );
            if k == 1 {
                content.dict.set("Filter", "FlateDecode");
            }
            let content = doc.add_object(content);
            doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Contents" => content,
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 2 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// A page-tree node with a stray `<`: lopdf reads no pages in it, qpdf reads one.
const BROKEN_TREE: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj <<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>endobj\n4 0 obj<</Length 36>>stream\nBT /F1 24 Tf 72 100 Td (Hello) Tj ET\nendstream\nendobj\ntrailer<</Root 1 0 R/Size 5>>\n%%EOF\n";

#[test]
fn a_damaged_paper_is_put_right_its_original_kept_and_the_pack_is_sound() {
    let (dir, app) = super::demo();
    let meeting = app.meetings().unwrap()[0].meeting.id;
    let paper = app.pack_plan(meeting, false).unwrap().papers[0].paper_id;

    let file = dir.path().join("undecodable.pdf");
    let bytes = undecodable_on_page_2();
    std::fs::write(&file, &bytes).unwrap();
    let before = app.paper(paper).unwrap();
    let after = app.attach_document(paper, &file).unwrap();
    let notes = repair_notes(Some(&before), &after);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("page 2 has data that cannot be decoded"),
        "{}",
        notes[0]
    );
    let document = after.document.clone().unwrap();
    assert_eq!(document.pages, 2);
    let stored = app.blobs().read(&document.sha256).unwrap();
    assert_eq!(
        boardpack_pdf::inspect(&stored).unwrap().damaged_streams,
        0,
        "the attached copy is clean"
    );
    let original = after.history.last().unwrap();
    assert_eq!(app.blobs().read(&original.sha256).unwrap(), bytes);

    let file = dir.path().join("broken-tree.pdf");
    std::fs::write(&file, BROKEN_TREE).unwrap();
    assert!(boardpack_pdf::inspect(BROKEN_TREE).is_err());
    let before = after;
    let after = app.add_appendix(paper, &file, "Broken page tree").unwrap();
    let notes = repair_notes(Some(&before), &after);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("repaired it with qpdf"), "{}", notes[0]);
    assert_eq!(after.appendices.last().unwrap().pages, 1);
    let original = after.history.last().unwrap();
    assert_eq!(app.blobs().read(&original.sha256).unwrap(), BROKEN_TREE);

    let out = dir.path().join("pack.pdf");
    app.export_pack(meeting, false, &out, boardpack::today(), &mut |_| {})
        .unwrap();
    crate::assert_qpdf_accepts(&out);
}
