//! The pages Boardpack writes are tagged (PDF/UA-1): the structure tree read back with
//! lopdf and held against what was laid out — headings in order and without gaps, a known
//! sentence as the marked content of its paragraph (the very glyphs), table header cells
//! with their scope, a figure's description and box, tick boxes read as words, a link's
//! element and description, every piece of content either tagged or an artifact, and the
//! catalog and metadata that claim PDF/UA.

use std::collections::BTreeMap;

use boardpack_pdf::{
    layout, write, Block, Cell, Flow, Item, Laid, LinkTarget, PdfOptions, Role, Span, Table,
    TickMark,
};
use chrono::NaiveDate;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

fn opts() -> PdfOptions {
    PdfOptions {
        title: "Minutes of the Trust Board".into(),
        author: "Trust Secretary".into(),
        subject: "Minutes".into(),
        created: NaiveDate::from_ymd_opt(2026, 12, 3)
            .and_then(|d| d.and_hms_opt(16, 0, 0))
            .expect("date"),
        lang: "cy".into(),
        document_id: *b"boardpack-ua-001",
    }
}

const SENTENCE: &str = "The Board approved the winter plan subject to the staffing review.";

fn logo() -> std::sync::Arc<boardpack_pdf::Image> {
    std::sync::Arc::new(boardpack_pdf::Image {
        width: 2,
        height: 1,
        rgb: vec![0, 94, 184, 255, 255, 255],
        alpha: None,
        description: "Northfield NHS Trust logo".into(),
    })
}

fn blocks() -> Vec<Block> {
    let mut rows = Vec::new();
    for k in 0..60 {
        rows.push(vec![
            Cell::text(format!("TB 26/{k:03}")),
            Cell::text(format!("Item {k}")),
            Cell::text("JA"),
        ]);
    }
    rows.push(vec![
        Cell::text("Spanning two columns").span(2),
        Cell::text("DL"),
    ]);
    vec![
        Block::Image {
            image: logo(),
            width: 80.0,
            align: boardpack_pdf::Align::Right,
        },
        // Levels 1 and 3 in the plan: H1 and H2 in the file (no level is skipped).
        Block::heading(1, "Minutes"),
        Block::para(SENTENCE),
        Block::heading(3, "Actions"),
        Block::bullets(&["First point", "Second point"]),
        Block::tick(TickMark::Cross, "For decision"),
        Block::Choices(vec![
            ("Assurance".into(), TickMark::Empty),
            ("Noting".into(), TickMark::Tick),
        ]),
        Block::spans(vec![
            Span::plain("Read the "),
            Span::plain("published papers").link(LinkTarget::Uri("https://example.nhs.uk".into())),
            Span::plain(" online."),
        ]),
        Block::Table(Table::new(
            vec![0.2, 0.6, 0.2],
            vec![vec![
                Cell::text("Minute"),
                Cell::text("Item"),
                Cell::text("Lead"),
            ]],
            rows,
        )),
    ]
}

fn laid() -> Laid {
    let flow = Flow::new(blocks());
    let mut laid = layout(&flow);
    laid.stamp_footer(&flow.page, "Minutes of the Trust Board", |n, m| {
        format!("Page {n} of {m}")
    });
    laid
}

struct Written {
    doc: Document,
    pages: Vec<ObjectId>,
}

fn written(laid: &Laid) -> Written {
    let bytes = write(laid, &[], &opts()).expect("write");
    let doc = Document::load_mem(&bytes).expect("parse");
    let pages = doc.get_pages().into_values().collect();
    Written { doc, pages }
}

impl Written {
    fn dict(&self, o: &Object) -> Dictionary {
        match o {
            Object::Reference(id) => self.doc.get_dictionary(*id).expect("dict").clone(),
            Object::Dictionary(d) => d.clone(),
            other => panic!("not a dictionary: {other:?}"),
        }
    }

    fn catalog(&self) -> Dictionary {
        self.doc.catalog().expect("catalog").clone()
    }

    /// Every structure element, depth first, with its depth and object id.
    fn elements(&self) -> Vec<(usize, ObjectId, Dictionary)> {
        let root = self.dict(self.catalog().get(b"StructTreeRoot").expect("tree"));
        let mut out = Vec::new();
        fn walk(
            w: &Written,
            o: &Object,
            depth: usize,
            out: &mut Vec<(usize, ObjectId, Dictionary)>,
        ) {
            let Object::Reference(id) = o else { return };
            let d = w.dict(o);
            if d.get(b"S").is_err() {
                return;
            }
            out.push((depth, *id, d.clone()));
            if let Ok(Object::Array(kids)) = d.get(b"K") {
                for k in kids {
                    walk(w, k, depth + 1, out);
                }
            }
        }
        if let Ok(Object::Array(kids)) = root.get(b"K") {
            for k in kids {
                walk(self, k, 0, &mut out);
            }
        }
        out
    }

    /// Each page's operations, decoded.
    fn ops(&self, page: usize) -> Vec<lopdf::content::Operation> {
        let data = self.doc.get_page_content(self.pages[page]);
        Content::decode(&data).expect("decode").operations
    }

    /// The parent tree as key → entry.
    fn parent_tree(&self) -> BTreeMap<i64, Object> {
        let root = self.dict(self.catalog().get(b"StructTreeRoot").expect("tree"));
        let tree = self.dict(root.get(b"ParentTree").expect("parent tree"));
        let Ok(Object::Array(nums)) = tree.get(b"Nums") else {
            panic!("no Nums")
        };
        nums.chunks(2)
            .map(|p| (p[0].as_i64().expect("key"), p[1].clone()))
            .collect()
    }
}

fn name(d: &Dictionary, key: &[u8]) -> String {
    String::from_utf8_lossy(d.get(key).and_then(Object::as_name).unwrap_or(b"")).into_owned()
}

fn text(d: &Dictionary, key: &[u8]) -> Option<String> {
    match d.get(key).ok()? {
        Object::String(bytes, _) if bytes.starts_with(&[0xFE, 0xFF]) => Some(
            String::from_utf16(
                &bytes[2..]
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect::<Vec<_>>(),
            )
            .expect("utf-16"),
        ),
        Object::String(bytes, _) => Some(String::from_utf8_lossy(bytes).into_owned()),
        _ => None,
    }
}

/// The MCID a BDC operation opens, if it opens one.
fn mcid(op: &lopdf::content::Operation) -> Option<i64> {
    if op.operator != "BDC" {
        return None;
    }
    match op.operands.get(1) {
        Some(Object::Dictionary(d)) => d.get(b"MCID").ok()?.as_i64().ok(),
        _ => None,
    }
}

/// The glyph ids shown by text operators (two-byte codes, Identity-H).
fn glyphs(ops: &[lopdf::content::Operation]) -> Vec<u16> {
    let mut out = Vec::new();
    for op in ops {
        let strings: Vec<&Object> = match op.operator.as_str() {
            "Tj" => op.operands.iter().collect(),
            "TJ" => match op.operands.first() {
                Some(Object::Array(a)) => a.iter().collect(),
                _ => vec![],
            },
            _ => vec![],
        };
        for s in strings {
            if let Object::String(b, _) = s {
                out.extend(b.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])));
            }
        }
    }
    out
}

#[test]
fn the_catalog_and_metadata_claim_pdf_ua_in_the_documents_language() {
    let w = written(&laid());
    let catalog = w.catalog();
    assert_eq!(text(&catalog, b"Lang").as_deref(), Some("cy"));
    let mark = w.dict(catalog.get(b"MarkInfo").expect("MarkInfo"));
    assert_eq!(
        mark.get(b"Marked").and_then(Object::as_bool).ok(),
        Some(true)
    );
    let prefs = w.dict(catalog.get(b"ViewerPreferences").expect("prefs"));
    assert_eq!(
        prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(),
        Some(true)
    );
    let meta = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .expect("metadata");
    let stream = w
        .doc
        .get_object(meta)
        .and_then(Object::as_stream)
        .expect("stream");
    let xmp = String::from_utf8(stream.content.clone()).expect("utf-8");
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(
        xmp.contains(">Minutes of the Trust Board</rdf:li>"),
        "{xmp}"
    );
    for page in &w.pages {
        let d = w.doc.get_dictionary(*page).expect("page");
        assert_eq!(name(d, b"Tabs"), "S");
    }
}

#[test]
fn headings_lists_and_tables_have_their_roles_in_reading_order() {
    let w = written(&laid());
    let els = w.elements();
    let roles: Vec<String> = els.iter().map(|(_, _, d)| name(d, b"S")).collect();
    assert_eq!(roles[0], "Document");
    let headings: Vec<&str> = roles
        .iter()
        .map(String::as_str)
        .filter(|r| r.starts_with('H'))
        .collect();
    assert_eq!(headings, ["H1", "H2"], "consecutive levels");
    // Figure first (the logo), then the heading, then the sentence's paragraph.
    let top: Vec<&str> = els
        .iter()
        .filter(|(depth, ..)| *depth == 1)
        .map(|(_, _, d)| d.get(b"S").and_then(Object::as_name).unwrap_or(b""))
        .map(|n| std::str::from_utf8(n).unwrap_or(""))
        .collect();
    assert_eq!(
        top,
        ["Figure", "H1", "P", "H2", "L", "P", "P", "P", "Table"],
        "{roles:?}"
    );
    let count = |r: &str| roles.iter().filter(|x| *x == r).count();
    assert_eq!(count("LI"), 2);
    assert_eq!(count("Lbl"), 2);
    assert_eq!(
        count("TR"),
        62,
        "one header row and 61 body rows, each once"
    );
    assert_eq!(count("TH"), 3);
    for (_, _, d) in els.iter().filter(|(_, _, d)| name(d, b"S") == "TH") {
        let a = w.dict(d.get(b"A").expect("attributes"));
        assert_eq!(name(&a, b"O"), "Table");
        assert_eq!(name(&a, b"Scope"), "Column");
    }
    let spanning = els
        .iter()
        .filter(|(_, _, d)| name(d, b"S") == "TD")
        .filter_map(|(_, _, d)| d.get(b"A").ok().map(|a| w.dict(a)))
        .filter_map(|a| a.get(b"ColSpan").ok().and_then(|v| v.as_i64().ok()))
        .collect::<Vec<_>>();
    assert_eq!(spanning, [2]);
    // Every row has its three columns.
    for (_, _, tr) in els.iter().filter(|(_, _, d)| name(d, b"S") == "TR") {
        let Ok(Object::Array(cells)) = tr.get(b"K") else {
            panic!("row without cells")
        };
        let columns: i64 = cells
            .iter()
            .map(|c| {
                let d = w.dict(c);
                d.get(b"A")
                    .ok()
                    .map(|a| w.dict(a))
                    .and_then(|a| a.get(b"ColSpan").ok().and_then(|v| v.as_i64().ok()))
                    .unwrap_or(1)
            })
            .sum();
        assert_eq!(columns, 3);
    }
}

#[test]
fn a_known_sentence_is_the_marked_content_of_its_paragraph() {
    let laid = laid();
    // Where layout put the sentence: its element, page and glyphs.
    let (page, elem, wanted) = laid
        .pages
        .iter()
        .enumerate()
        .find_map(|(p, page)| {
            let mut open = Vec::new();
            for item in &page.items {
                match item {
                    Item::Begin(e) => open.push(*e),
                    Item::End => {
                        open.pop();
                    }
                    Item::Text(run) if run.text == SENTENCE => {
                        let ids: Vec<u16> = run.glyphs.iter().map(|g| g.id).collect();
                        return Some((p, *open.last().expect("tagged"), ids));
                    }
                    _ => {}
                }
            }
            None
        })
        .expect("the sentence is laid on one line");
    assert_eq!(laid.structure[elem].role, Some(Role::P));
    let w = written(&laid);
    let ops = w.ops(page);
    // Its one marked-content sequence shows exactly its glyphs.
    let start = (0..ops.len())
        .find(|&i| {
            let op = &ops[i];
            let end = ops[i..]
                .iter()
                .position(|o| o.operator == "EMC")
                .map_or(ops.len(), |k| i + k);
            op.operands.first().and_then(|o| o.as_name().ok()) == Some(b"P")
                && mcid(op).is_some()
                && glyphs(&ops[i..end]) == wanted
        })
        .expect("a P sequence showing the sentence");
    let id = mcid(&ops[start]).expect("mcid");
    // The parent tree maps it to a P element whose kids include it.
    let tree = w.parent_tree();
    let Some(Object::Array(entries)) = tree.get(&(page as i64)) else {
        panic!("no entry")
    };
    let elem = w.dict(&entries[id as usize]);
    assert_eq!(name(&elem, b"S"), "P");
    let Ok(Object::Array(kids)) = elem.get(b"K") else {
        panic!("no kids")
    };
    assert!(kids.iter().any(|k| k.as_i64().ok() == Some(id)));
    assert_eq!(
        elem.get(b"Pg").and_then(Object::as_reference).ok(),
        Some(w.pages[page])
    );
}

#[test]
fn every_piece_of_content_is_tagged_or_an_artifact_and_the_parent_tree_agrees() {
    let w = written(&laid());
    let tree = w.parent_tree();
    let painting = ["Tj", "TJ", "S", "f", "B", "Do", "re"];
    for (p, page) in w.pages.iter().enumerate() {
        let ops = w.ops(p);
        let mut depth = 0;
        let mut mcids = Vec::new();
        let mut artifact_text = 0;
        let mut inside_artifact = false;
        for op in &ops {
            match op.operator.as_str() {
                "BDC" => {
                    assert_eq!(depth, 0, "sequences do not nest in generated pages");
                    depth += 1;
                    inside_artifact =
                        op.operands.first().and_then(|o| o.as_name().ok()) == Some(b"Artifact");
                    mcids.extend(mcid(op));
                }
                "EMC" => depth -= 1,
                o if painting.contains(&o) => {
                    assert_eq!(depth, 1, "page {p}: {o} outside any marked content");
                    if inside_artifact && (o == "Tj" || o == "TJ") {
                        artifact_text += 1;
                    }
                }
                _ => {}
            }
        }
        assert_eq!(depth, 0);
        assert!(artifact_text > 0, "the footer is an artifact");
        assert_eq!(mcids, (0..mcids.len() as i64).collect::<Vec<_>>());
        let d = w.doc.get_dictionary(*page).expect("page");
        let key = d
            .get(b"StructParents")
            .and_then(|o| o.as_i64())
            .expect("key");
        let Some(Object::Array(entries)) = tree.get(&key) else {
            panic!("no entry")
        };
        assert_eq!(entries.len(), mcids.len(), "page {p}");
        assert!(entries.iter().all(|e| matches!(e, Object::Reference(_))));
    }
}

#[test]
fn pictures_ticks_and_links_are_read_in_words() {
    let w = written(&laid());
    let els = w.elements();
    let figure = els
        .iter()
        .find(|(_, _, d)| name(d, b"S") == "Figure")
        .map(|(_, _, d)| d.clone())
        .expect("figure");
    assert_eq!(
        text(&figure, b"Alt").as_deref(),
        Some("Northfield NHS Trust logo")
    );
    let layout = w.dict(figure.get(b"A").expect("layout attributes"));
    let Ok(Object::Array(bbox)) = layout.get(b"BBox") else {
        panic!("no BBox")
    };
    assert_eq!(bbox.len(), 4);
    let actual: Vec<String> = els
        .iter()
        .filter_map(|(_, _, d)| text(d, b"ActualText"))
        .collect();
    assert_eq!(
        actual,
        [
            "For decision: selected",
            "Assurance: not selected",
            "Noting: selected"
        ]
    );
    // The link: its annotation says what it is and hangs from the Link element holding its
    // words.
    let annots = w
        .doc
        .get_dictionary(w.pages[0])
        .expect("page")
        .get(b"Annots")
        .and_then(Object::as_array)
        .expect("annotations")
        .clone();
    assert_eq!(annots.len(), 1);
    let annot_id = annots[0].as_reference().expect("ref");
    let annot = w.doc.get_dictionary(annot_id).expect("annot").clone();
    assert_eq!(
        text(&annot, b"Contents").as_deref(),
        Some("published papers")
    );
    let key = annot
        .get(b"StructParent")
        .and_then(|o| o.as_i64())
        .expect("key");
    let link = w.dict(w.parent_tree().get(&key).expect("entry"));
    assert_eq!(name(&link, b"S"), "Link");
    let Ok(Object::Array(kids)) = link.get(b"K") else {
        panic!("no kids")
    };
    assert!(
        kids.iter().any(|k| k.as_i64().is_ok()),
        "holds the link's words"
    );
    assert!(kids.iter().any(|k| {
        matches!(k, Object::Dictionary(d) if d.get(b"Obj").and_then(Object::as_reference).ok() == Some(annot_id))
    }));
}

#[test]
fn pages_laid_out_by_hand_are_written_untagged_and_say_nothing_false() {
    let mut laid = laid();
    laid.structure.clear();
    for page in &mut laid.pages {
        page.items
            .retain(|i| !matches!(i, Item::Begin(_) | Item::End));
        for l in &mut page.links {
            l.elem = None;
        }
    }
    let w = written(&laid);
    let catalog = w.catalog();
    assert!(!catalog.has(b"MarkInfo") && !catalog.has(b"StructTreeRoot"));
    assert!(catalog.has(b"Lang") && catalog.has(b"Metadata"));
    assert!(w.ops(0).iter().all(|op| op.operator != "BDC"));
}
