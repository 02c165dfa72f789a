//! A pack keeps its papers' tags: two tagged papers (made with typst, PDF/UA-1; the .typ
//! sources are beside them in tests/fixtures) go into one pack, which must have one
//! structure tree (Document, a Sect per agenda item, the papers' tables, header cells and
//! figure with its alternative text), one parent tree that every page's and annotation's
//! key and every marked-content id resolves through, and footers marked as artifacts. An
//! untagged paper next to a tagged one, and papers whose structure tree is broken, still
//! give a valid pack.
//!
//! Set `BOARDPACK_KEEP_TAGGED=dir` to keep the packs written (to run the PDF/UA checkers on
//! them by hand).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

use boardpack_pdf::{
    assemble, write_pack, Bookmark, FilesInMemory, Pack, PackCache, PageSource, PdfOptions,
    PlannedBookmark, PlannedRun, Run, Source,
};
use chrono::NaiveDate;
use lopdf::{Dictionary, Document, Object, ObjectId};

fn opts() -> PdfOptions {
    PdfOptions {
        title: "Trust Board – 3 December 2026".into(),
        author: "Trust Secretary".into(),
        subject: "Board pack".into(),
        created: NaiveDate::from_ymd_opt(2026, 11, 26)
            .and_then(|d| d.and_hms_opt(17, 5, 0))
            .expect("date"),
        document_id: *b"boardpack-tagged",
        lang: "en-GB".into(),
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const ALT: &str = "Bar chart: surplus rising from 0.4 million in April to 1.2 million in November";

fn pages_of(bytes: &[u8]) -> usize {
    boardpack_pdf::inspect(bytes).expect("inspect").pages as usize
}

/// A pack of `papers`, one agenda item each: "1. <name>", "2. <name>"…
fn pack_of(papers: &[(&str, &[u8])]) -> Vec<u8> {
    let sources: Vec<Source> = papers
        .iter()
        .map(|(n, b)| Source {
            name: (*n).to_owned(),
            bytes: b,
        })
        .collect();
    let runs: Vec<Run> = papers
        .iter()
        .enumerate()
        .map(|(i, (_, b))| Run {
            source: i,
            first: 0,
            count: pages_of(b),
            footer: Some(format!("Trust Board · Paper {}", i + 1)),
            marking: (i == 1).then(|| "CONFIDENTIAL".to_owned()),
        })
        .collect();
    let outline: Vec<Bookmark> = papers
        .iter()
        .enumerate()
        .map(|(i, (n, _))| Bookmark {
            title: format!("{}. {n}", i + 1),
            run: i,
            children: vec![],
            adopt_outline_of: Some(i),
        })
        .collect();
    assemble(&sources, &runs, &outline, &opts(), &mut |_, _| {}).expect("the pack assembles")
}

fn keep(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("BOARDPACK_KEEP_TAGGED") {
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(PathBuf::from(dir).join(name), bytes);
    }
}

fn qpdf_check(name: &str, bytes: &[u8]) {
    let dir = std::env::temp_dir().join(format!("boardpack-tagged-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    match Command::new("qpdf").arg("--check").arg(&path).output() {
        Ok(out) => {
            let text = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && !text.contains("WARNING"),
                "qpdf --check {name}: {text}"
            );
        }
        Err(e) => panic!("qpdf is needed for this test: {e}"),
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

fn name_of(d: &Dictionary, key: &[u8]) -> String {
    d.get(key)
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

fn text(doc: &Document, o: &Object) -> String {
    let bytes = match o {
        Object::String(s, _) => s.clone(),
        Object::Reference(id) => match doc.get_object(*id) {
            Ok(Object::String(s, _)) => s.clone(),
            _ => return String::new(),
        },
        _ => return String::new(),
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

fn kids(doc: &Document, d: &Dictionary) -> Vec<Object> {
    match d.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(Object::Reference(id)) => match doc.get_object(*id) {
            Ok(Object::Array(a)) => a.clone(),
            _ => vec![Object::Reference(*id)],
        },
        Ok(o) => vec![o.clone()],
        Err(_) => vec![],
    }
}

/// What the pack's structure tree holds.
#[derive(Debug, Default)]
struct Tree {
    /// Every element: (id, type, parent).
    elems: Vec<(ObjectId, String, Option<ObjectId>)>,
    /// (page, mcid) → the elements referencing it.
    content: BTreeMap<(ObjectId, i64), Vec<ObjectId>>,
    /// Annotation → element (object references).
    objects: BTreeMap<ObjectId, ObjectId>,
    alts: Vec<(String, String)>,
    /// Element ids (/ID) and each table cell's /Headers.
    ids: BTreeMap<Vec<u8>, ObjectId>,
    /// How many elements have an /ID (more than `ids` holds: two share one).
    with_id: usize,
    headers: Vec<Vec<u8>>,
}

fn read_tree(doc: &Document) -> (ObjectId, Tree) {
    let catalog = doc.catalog().expect("catalog");
    let root_id = catalog
        .get(b"StructTreeRoot")
        .and_then(Object::as_reference)
        .expect("the pack has a structure tree");
    let root = doc.get_dictionary(root_id).expect("root");
    let mut tree = Tree::default();
    let mut stack: Vec<(Object, Option<ObjectId>, Option<ObjectId>)> = kids(doc, root)
        .into_iter()
        .map(|k| (k, Some(root_id), None))
        .collect();
    let mut seen = BTreeSet::new();
    while let Some((kid, parent, page)) = stack.pop() {
        match kid {
            Object::Integer(mcid) => {
                let page = page.expect("an MCID with no page");
                tree.content
                    .entry((page, mcid))
                    .or_default()
                    .push(parent.expect("parent"));
            }
            Object::Reference(id) => {
                let d = doc.get_dictionary(id).expect("an element is a dictionary");
                assert!(seen.insert(id), "element {id:?} reached twice");
                assert_eq!(name_of(d, b"Type"), "StructElem");
                let p = d.get(b"P").and_then(Object::as_reference).ok();
                assert_eq!(p, parent, "the /P of {id:?} is its parent");
                let s = name_of(d, b"S");
                if let Ok(alt) = d.get(b"Alt") {
                    tree.alts.push((s.clone(), text(doc, alt)));
                }
                if let Ok(Object::String(i, _)) = d.get(b"ID") {
                    tree.ids.insert(i.clone(), id);
                    tree.with_id += 1;
                }
                let attrs = match d.get(b"A") {
                    Ok(Object::Array(a)) => a.clone(),
                    Ok(o) => vec![o.clone()],
                    Err(_) => vec![],
                };
                for a in &attrs {
                    if let Some(Ok(Object::Array(h))) = dict(doc, a).map(|a| a.get(b"Headers")) {
                        for h in h {
                            if let Object::String(s, _) = h {
                                tree.headers.push(s.clone());
                            }
                        }
                    }
                }
                tree.elems.push((id, s, parent));
                let pg = d.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                for k in kids(doc, d).into_iter().rev() {
                    stack.push((k, Some(id), pg));
                }
            }
            Object::Dictionary(d) => {
                let pg = d.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                match name_of(&d, b"Type").as_str() {
                    "MCR" => {
                        let mcid = d.get(b"MCID").and_then(Object::as_i64).expect("MCID");

                        tree.content
                            .entry((pg.expect("MCR page"), mcid))
                            .or_default()
                            .push(parent.expect("parent"));
                    }
                    "OBJR" => {
                        let obj = d.get(b"Obj").and_then(Object::as_reference).expect("Obj");
                        tree.objects.insert(obj, parent.expect("parent"));
                    }
                    other => panic!("unexpected kid {other}"),
                }
            }
            other => panic!("unexpected kid {other:?}"),
        }
    }
    (root_id, tree)
}

/// The pack's parent tree (a flat /Nums, as the pack writes it).
fn parent_tree(doc: &Document, root: ObjectId) -> (BTreeMap<i64, Object>, i64) {
    let root = doc.get_dictionary(root).expect("root");
    let tree = dict(doc, root.get(b"ParentTree").expect("a ParentTree")).expect("dict");
    let nums = tree.get(b"Nums").and_then(Object::as_array).expect("Nums");
    let mut map = BTreeMap::new();
    for pair in nums.chunks(2) {
        let key = pair[0].as_i64().expect("key");
        assert!(
            map.insert(key, pair[1].clone()).is_none(),
            "key {key} twice"
        );
    }
    let next = root
        .get(b"ParentTreeNextKey")
        .and_then(Object::as_i64)
        .expect("ParentTreeNextKey");
    (map, next)
}

/// The marked-content ids a page's content uses, and the marked-content depth at which the
/// footer's artifact opens (one per footer).
fn page_marks(doc: &Document, page: ObjectId) -> (Vec<i64>, Vec<i64>) {
    let content = doc.get_page_content(page);
    let ops = lopdf::content::Content::decode(&content).expect("the content parses");
    let mut depth = 0i64;
    let mut mcids = Vec::new();
    let mut artifacts = Vec::new();
    for op in &ops.operations {
        match op.operator.as_str() {
            "BDC" => {
                if let Some(Object::Dictionary(d)) = op.operands.get(1) {
                    if let Ok(n) = d.get(b"MCID").and_then(Object::as_i64) {
                        mcids.push(n);
                    }
                    if name_of(d, b"Type") == "Pagination" {
                        assert_eq!(op.operands[0].as_name().ok(), Some(&b"Artifact"[..]));
                        artifacts.push(depth);
                    }
                }
                depth += 1;
            }
            "BMC" => depth += 1,
            "EMC" => depth -= 1,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "marked content left open on a page");
    (mcids, artifacts)
}

#[test]
fn a_pack_of_tagged_papers_keeps_their_tags_in_one_tree() {
    let report = fixture("tagged-report.pdf");
    let links = fixture("tagged-links.pdf");
    let bytes = pack_of(&[("Finance report", &report), ("Estates update", &links)]);
    keep("two-tagged.pdf", &bytes);
    qpdf_check("two-tagged.pdf", &bytes);
    assert_eq!(
        bytes,
        pack_of(&[("Finance report", &report), ("Estates update", &links)]),
        "the same papers give the same bytes"
    );
    let doc = Document::load_mem(&bytes).expect("the pack reads back");
    let catalog = doc.catalog().expect("catalog");
    let marked = catalog
        .get(b"MarkInfo")
        .ok()
        .and_then(|m| dict(&doc, m))
        .and_then(|m| m.get(b"Marked").and_then(Object::as_bool).ok());
    assert_eq!(marked, Some(true), "every paper is tagged: so is the pack");
    let roots = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| name_of(d, b"Type") == "StructTreeRoot")
        .count();
    assert_eq!(roots, 1, "one structure tree");

    let (root, tree) = read_tree(&doc);
    // Document → one Sect per agenda item, titled from its bookmark.
    let tops: Vec<&(ObjectId, String, Option<ObjectId>)> = tree
        .elems
        .iter()
        .filter(|(_, _, p)| *p == Some(root))
        .collect();
    assert_eq!(tops.len(), 1);
    assert_eq!(tops[0].1, "Document");
    let document = tops[0].0;
    let sects: Vec<ObjectId> = tree
        .elems
        .iter()
        .filter(|(_, _, p)| *p == Some(document))
        .map(|(id, s, _)| {
            assert_eq!(s, "Sect");
            *id
        })
        .collect();
    let titles: Vec<String> = sects
        .iter()
        .map(|s| {
            text(
                &doc,
                doc.get_dictionary(*s).expect("sect").get(b"T").expect("/T"),
            )
        })
        .collect();
    assert_eq!(titles, ["1. Finance report", "2. Estates update"]);
    // The papers' structure survives, typed as standard types.
    let types: BTreeSet<&str> = tree.elems.iter().map(|(_, s, _)| s.as_str()).collect();
    for t in [
        "H1", "H2", "P", "Table", "TR", "TH", "TD", "Figure", "Link", "L", "LI",
    ] {
        assert!(types.contains(t), "no {t} in {types:?}");
    }
    assert_eq!(
        tree.elems.iter().filter(|e| e.1 == "Document").count(),
        1,
        "a paper's own Document element is unwrapped"
    );
    // typst's custom types (Strong, Em…) are resolved to the standard type they map to.
    let standard = [
        "Document", "Part", "Art", "Sect", "Div", "Caption", "P", "H1", "H2", "L", "LI", "Lbl",
        "LBody", "Table", "THead", "TBody", "TR", "TH", "TD", "Span", "Link", "Figure",
    ];
    for (_, s, _) in &tree.elems {
        assert!(standard.contains(&s.as_str()), "{s} is not a standard type");
    }
    assert!(
        tree.alts.contains(&("Figure".to_owned(), ALT.to_owned())),
        "the figure keeps its alternative text: {:?}",
        tree.alts
    );
    // Every header a cell names is an element id of the pack, and a TH; the two papers'
    // ids (typst numbers them alike) do not clash.
    assert!(!tree.headers.is_empty() || tree.ids.is_empty());
    for h in &tree.headers {
        let el = tree
            .ids
            .get(h)
            .unwrap_or_else(|| panic!("header {:?} names no element", String::from_utf8_lossy(h)));
        let s = tree.elems.iter().find(|e| e.0 == *el).map(|e| e.1.as_str());
        assert_eq!(s, Some("TH"));
    }
    let id_tree = doc
        .get_dictionary(root)
        .ok()
        .and_then(|r| r.get(b"IDTree").ok())
        .and_then(|t| dict(&doc, t))
        .and_then(|t| t.get(b"Names").and_then(Object::as_array).ok())
        .map_or(0, |n| n.len() / 2);
    assert_eq!(id_tree, tree.ids.len(), "the IDTree names every element id");

    // Every page's key is in the parent tree; every marked-content id of its content is
    // referenced once by the tree and the parent tree says by which element.
    let (parents, next_key) = parent_tree(&doc, root);
    assert!(parents.keys().all(|&k| k < next_key));
    let pages = doc.get_pages();
    assert_eq!(pages.len(), pages_of(&report) + pages_of(&links));
    let mut used = 0;
    for (&n, &page) in &pages {
        let d = doc.get_dictionary(page).expect("page");
        let (mcids, artifacts) = page_marks(&doc, page);
        assert!(!mcids.is_empty(), "page {n} has tagged content");
        let key = d
            .get(b"StructParents")
            .and_then(Object::as_i64)
            .unwrap_or_else(|_| panic!("page {n} has no /StructParents"));
        let array = match parents.get(&key) {
            Some(Object::Array(a)) => a.clone(),
            Some(Object::Reference(id)) => doc
                .get_object(*id)
                .and_then(Object::as_array)
                .cloned()
                .expect("array"),
            other => panic!("page {n}: key {key} gives {other:?}"),
        };
        for mcid in &mcids {
            let by = tree
                .content
                .get(&(page, *mcid))
                .unwrap_or_else(|| panic!("page {n}: MCID {mcid} is not in the tree"));
            assert_eq!(
                by.len(),
                1,
                "page {n}: MCID {mcid} referenced {} times",
                by.len()
            );
            assert_eq!(
                array
                    .get(*mcid as usize)
                    .and_then(|o| o.as_reference().ok()),
                Some(by[0]),
                "page {n}: the parent tree names the element holding MCID {mcid}"
            );
            used += 1;
        }
        // The footer (and the second paper's marking) are artifacts outside the paper's
        // marked content.
        let expected = if n > pages_of(&report) as u32 { 2 } else { 1 };
        assert_eq!(artifacts, vec![0; expected], "page {n}");
        // Annotations: each link is described and points back into the tree.
        if let Ok(annots) = d.get(b"Annots").and_then(Object::as_array) {
            assert_eq!(name_of(d, b"Tabs"), "S");
            for a in annots {
                let id = a.as_reference().expect("annotation reference");
                let ad = doc.get_dictionary(id).expect("annotation");
                if name_of(ad, b"Subtype") != "Link" {
                    continue;
                }
                assert!(ad.has(b"Contents"), "a link without a description");
                let key = ad
                    .get(b"StructParent")
                    .and_then(Object::as_i64)
                    .expect("a tagged link has a /StructParent");
                let el = parents.get(&key).and_then(|o| o.as_reference().ok());
                assert_eq!(el, tree.objects.get(&id).copied());
                let s = tree
                    .elems
                    .iter()
                    .find(|e| Some(e.0) == el)
                    .map(|e| e.1.as_str());
                assert_eq!(s, Some("Link"));
                used += 1;
            }
        }
    }
    // Every content reference in the tree is to content that exists.
    assert_eq!(used, tree.content.len() + tree.objects.len());
}

#[test]
fn the_cache_and_the_order_of_papers_change_nothing_but_their_place() {
    let report = fixture("tagged-report.pdf");
    let links = fixture("tagged-links.pdf");
    let mut files = FilesInMemory::new();
    files.add("r", "Paper A (Finance report)", report.clone());
    files.add("l", "Paper B (Estates update)", links.clone());
    let run = |file: &str, pages: usize| PlannedRun {
        source: PageSource::Attachment {
            file: file.into(),
            pages,
        },
        footer: "Trust Board".into(),
        marking: None,
    };
    let mark = |title: &str, run: usize| PlannedBookmark {
        title: title.into(),
        run,
        adopt_outline: true,
        children: vec![],
    };
    let pack = |order: &[(&str, usize)]| Pack {
        generated: Default::default(),
        runs: order.iter().map(|&(f, p)| run(f, p)).collect(),
        bookmarks: order
            .iter()
            .enumerate()
            .map(|(i, &(f, _))| mark(f, i))
            .collect(),
    };
    // The report twice (two papers made alike: typst gives their tables the same ids).
    files.add("r2", "Paper C (Finance report, again)", report.clone());
    let a = pack(&[("r", pages_of(&report)), ("l", pages_of(&links))]);
    let b = pack(&[
        ("r2", pages_of(&report)),
        ("l", pages_of(&links)),
        ("r", pages_of(&report)),
    ]);
    let write = |p: &Pack, files: &mut FilesInMemory, cache: Option<&mut PackCache>| {
        let mut out = Vec::new();
        write_pack(p, files, &opts(), cache, &mut |_, _| {}, &mut out).expect("pack");
        out
    };
    let plain_a = write(&a, &mut files, None);
    let plain_b = write(&b, &mut files, None);
    let mut cache = PackCache::default();
    assert_eq!(write(&a, &mut files, Some(&mut cache)), plain_a);
    // The first two papers' parts come from the cache, relocated; only the new one is read.
    let reads = files.reads.len();
    assert_eq!(write(&b, &mut files, Some(&mut cache)), plain_b);
    assert_eq!(
        files.reads.len(),
        reads + 1,
        "the cached papers were read again"
    );
    assert_eq!(files.reads.back().map(String::as_str), Some("r2"));
    for bytes in [&plain_a, &plain_b] {
        let doc = Document::load_mem(bytes).expect("pack");
        let (root, tree) = read_tree(&doc);
        let (parents, next) = parent_tree(&doc, root);
        assert_eq!(parents.len() as i64, next);
        for h in &tree.headers {
            assert!(tree.ids.contains_key(h), "a header names no element");
        }
        assert_eq!(tree.ids.len(), tree.with_id, "two elements share an id");
    }
    qpdf_check("order-b.pdf", &plain_b);
}

#[test]
fn an_untagged_paper_beside_a_tagged_one_gives_a_valid_pack_not_claimed_tagged() {
    let report = fixture("tagged-report.pdf");
    // The same paper with its tags taken away: no StructTreeRoot, no MarkInfo.
    let mut doc = Document::load_mem(&fixture("tagged-links.pdf")).expect("load");
    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .expect("root");
    if let Ok(c) = doc.get_dictionary_mut(catalog_id) {
        c.remove(b"StructTreeRoot");
        c.remove(b"MarkInfo");
    }
    let mut untagged = Vec::new();
    doc.save_to(&mut untagged).expect("save");
    assert_eq!(boardpack_pdf::assemble::keeps_tags(&untagged), Ok(false));
    let bytes = pack_of(&[("Estates update", &untagged), ("Finance report", &report)]);
    keep("untagged-and-tagged.pdf", &bytes);
    qpdf_check("untagged-and-tagged.pdf", &bytes);
    let doc = Document::load_mem(&bytes).expect("pack");
    let marked = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"MarkInfo").ok())
        .and_then(|m| dict(&doc, m))
        .and_then(|m| m.get(b"Marked").and_then(Object::as_bool).ok());
    assert_ne!(
        marked,
        Some(true),
        "a pack with an untagged paper is not claimed tagged"
    );
    let (root, tree) = read_tree(&doc);
    let types: BTreeSet<&str> = tree.elems.iter().map(|(_, s, _)| s.as_str()).collect();
    assert!(types.contains("Table") && types.contains("Figure"));
    // The untagged paper's pages carry no key; the tagged one's do, and resolve.
    let (parents, _) = parent_tree(&doc, root);
    for (n, page) in doc.get_pages() {
        let key = doc
            .get_dictionary(page)
            .ok()
            .and_then(|d| d.get(b"StructParents").and_then(Object::as_i64).ok());
        if (n as usize) <= pages_of(&untagged) {
            assert_eq!(key, None, "page {n} of the untagged paper");
        } else {
            assert!(key.is_some_and(|k| parents.contains_key(&k)), "page {n}");
        }
    }
}

/// The report with its structure tree damaged by `damage(doc, elements)`.
fn damaged(damage: impl Fn(&mut Document, &[ObjectId])) -> Vec<u8> {
    let mut doc = Document::load_mem(&fixture("tagged-report.pdf")).expect("load");
    let mut elems: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict()
                .is_ok_and(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"StructElem"))
        })
        .map(|(id, _)| *id)
        .collect();
    elems.sort();
    damage(&mut doc, &elems);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

fn has_tree(bytes: &[u8]) -> bool {
    let doc = Document::load_mem(bytes).expect("pack");
    let has = doc.catalog().is_ok_and(|c| c.has(b"StructTreeRoot"));
    has
}

#[test]
fn a_broken_structure_tree_drops_the_tags_not_the_paper() {
    let links = fixture("tagged-links.pdf");
    let set_k = |doc: &mut Document, id: ObjectId, k: Object| {
        if let Ok(d) = doc.get_dictionary_mut(id) {
            d.set("K", k);
        }
    };
    // An element whose kids include itself: a loop.
    let looped = damaged(|doc, e| {
        let mut k = match doc.get_dictionary(e[3]).and_then(|d| d.get(b"K")) {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => vec![],
        };
        k.push(Object::Reference(e[3]));
        set_k(doc, e[3], Object::Array(k));
    });
    // Two elements each other's parent and child.
    let p_loop = damaged(|doc, e| {
        set_k(doc, e[1], Object::Reference(e[2]));
        set_k(doc, e[2], Object::Reference(e[1]));
        if let Ok(d) = doc.get_dictionary_mut(e[1]) {
            d.set("P", Object::Reference(e[2]));
        }
    });
    // Kids that are not elements at all (a string, a number object, a missing object).
    let junk = damaged(|doc, e| {
        let number = doc.add_object(Object::Integer(7));
        set_k(
            doc,
            e[0],
            Object::Array(vec![
                Object::string_literal("junk"),
                Object::Reference(number),
                Object::Reference((999_999, 0)),
                Object::Real(1.5),
            ]),
        );
        set_k(doc, e[5], Object::Reference(number));
    });
    assert_eq!(boardpack_pdf::assemble::keeps_tags(&looped), Ok(false));
    assert_eq!(boardpack_pdf::assemble::keeps_tags(&junk), Ok(true));
    assert_eq!(boardpack_pdf::assemble::keeps_tags(&links), Ok(true));
    for (name, paper, tagged) in [
        ("looped", &looped, false),
        ("p-loop", &p_loop, false),
        ("junk", &junk, true),
    ] {
        let started = std::time::Instant::now();
        let bytes = pack_of(&[(name, paper), ("Estates update", &links)]);
        assert!(started.elapsed().as_secs() < 20, "{name}: too slow");
        qpdf_check(&format!("{name}.pdf"), &bytes);
        assert!(has_tree(&bytes), "{name}: the other paper keeps its tags");
        let doc = Document::load_mem(&bytes).expect("pack");
        let first_page = doc.get_pages()[&1];
        let key = doc
            .get_dictionary(first_page)
            .ok()
            .and_then(|d| d.get(b"StructParents").ok().cloned());
        assert_eq!(key.is_some(), tagged, "{name}: the damaged paper's tags");
        // What is kept still reads as one tree.
        read_tree(&doc);
    }
}

#[test]
fn a_link_the_paper_left_out_of_its_tree_gets_a_link_element() {
    let mut doc = Document::load_mem(&fixture("tagged-links.pdf")).expect("load");
    let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
    let mut removed = 0;
    for id in ids {
        let Ok(d) = doc.get_dictionary_mut(id) else {
            continue;
        };
        if d.get(b"S").and_then(Object::as_name).ok() == Some(b"Link") {
            // Keep the link text's marked content, drop the object reference.
            let kept: Vec<Object> = match d.get(b"K") {
                Ok(Object::Array(a)) => a
                    .iter()
                    .filter(|k| !matches!(k, Object::Dictionary(o) if o.has(b"Obj")))
                    .cloned()
                    .collect(),
                _ => vec![],
            };
            removed += 1;
            d.set("K", Object::Array(kept));
        }
        if d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Link") {
            d.remove(b"StructParent");
            d.remove(b"Contents");
        }
    }
    assert_eq!(removed, 1);
    let mut paper = Vec::new();
    doc.save_to(&mut paper).expect("save");
    let bytes = pack_of(&[("Estates update", &paper)]);
    qpdf_check("link-outside-tree.pdf", &bytes);
    let doc = Document::load_mem(&bytes).expect("pack");
    let (root, tree) = read_tree(&doc);
    let (parents, _) = parent_tree(&doc, root);
    let page = doc.get_pages()[&1];
    let annots = doc
        .get_dictionary(page)
        .and_then(|d| d.get(b"Annots"))
        .and_then(Object::as_array)
        .expect("the link is kept")
        .clone();
    assert_eq!(annots.len(), 1);
    let link = annots[0].as_reference().expect("reference");
    let ad = doc.get_dictionary(link).expect("annotation");
    assert_eq!(
        text(&doc, ad.get(b"Contents").expect("a description is added")),
        "Link to https://www.example.nhs.uk/estates"
    );
    let key = ad
        .get(b"StructParent")
        .and_then(Object::as_i64)
        .expect("key");
    let el = parents.get(&key).and_then(|o| o.as_reference().ok());
    assert_eq!(el, tree.objects.get(&link).copied());
    let s = tree
        .elems
        .iter()
        .find(|e| Some(e.0) == el)
        .map(|e| e.1.clone());
    assert_eq!(s.as_deref(), Some("Link"));
}

#[test]
fn elements_on_pages_the_pack_leaves_out_are_dropped_and_a_repeated_page_is_tagged_once() {
    let report = fixture("tagged-report.pdf");
    assert_eq!(pages_of(&report), 2);
    let sources = [Source {
        name: "Finance report".into(),
        bytes: &report,
    }];
    // Page 2 only, then page 2 again.
    let runs: Vec<Run> = (0..2)
        .map(|_| Run {
            source: 0,
            first: 1,
            count: 1,
            footer: Some("Trust Board".into()),
            marking: None,
        })
        .collect();
    let outline = [Bookmark {
        title: "Risks".into(),
        run: 0,
        children: vec![],
        adopt_outline_of: None,
    }];
    let bytes = assemble(&sources, &runs, &outline, &opts(), &mut |_, _| {}).expect("pack");
    qpdf_check("subset.pdf", &bytes);
    let doc = Document::load_mem(&bytes).expect("pack");
    let (root, tree) = read_tree(&doc);
    let types: BTreeSet<&str> = tree.elems.iter().map(|(_, s, _)| s.as_str()).collect();
    assert!(types.contains("H1") && types.contains("P"), "{types:?}");
    for gone in ["Table", "TH", "Figure", "H2"] {
        assert!(
            !types.contains(gone),
            "{gone} is on page 1, which the pack left out"
        );
    }
    let pages = doc.get_pages();
    let key = |n: u32| {
        doc.get_dictionary(pages[&n])
            .ok()
            .and_then(|d| d.get(b"StructParents").and_then(Object::as_i64).ok())
    };
    assert!(key(1).is_some());
    assert_eq!(
        key(2),
        None,
        "the repeated page carries no second set of tags"
    );
    let (parents, next) = parent_tree(&doc, root);
    assert_eq!((parents.len(), next), (1, 1));
    for (page, _) in tree.content.keys() {
        assert_eq!(
            *page, pages[&1],
            "content is referenced on its first occurrence"
        );
    }
    let (mcids, _) = page_marks(&doc, pages[&1]);
    assert_eq!(mcids.len(), tree.content.len());
}

/// Generated pages as a pack has them: a cover, an agenda, and two cover sheets, each laid
/// out on its own and joined (each part a section of the cover's document).
fn generated_pages() -> boardpack_pdf::Laid {
    use boardpack_pdf::{layout, Block, Flow, Laid};
    let part = |title: &str, text: &str| {
        layout(&Flow::new(vec![
            Block::heading(1, title),
            Block::para(text),
        ]))
    };
    let mut laid = Laid::default();
    laid.join(layout(&Flow::new(vec![
        Block::heading(0, "Trust Board pack"),
        Block::para("Meeting in public, 3 December 2026."),
    ])));
    laid.join(part("Agenda", "1. Finance report. 2. Estates update."));
    laid.join(part(
        "Cover sheet: Paper A",
        "The Board is asked to note the report.",
    ));
    laid.join(part(
        "Cover sheet: Paper B",
        "The Board is asked to note the update.",
    ));
    assert_eq!(laid.pages.len(), 4);
    laid
}

#[test]
fn generated_pages_and_papers_share_one_section_per_agenda_item() {
    let report = fixture("tagged-report.pdf");
    let links = fixture("tagged-links.pdf");
    let mut files = FilesInMemory::new();
    files.add("r", "Paper A (Finance report)", report.clone());
    files.add("l", "Paper B (Estates update)", links.clone());
    let gen = |first: usize| PlannedRun {
        source: PageSource::Generated { first, count: 1 },
        footer: "Trust Board".into(),
        marking: None,
    };
    let paper = |file: &str, pages: usize| PlannedRun {
        source: PageSource::Attachment {
            file: file.into(),
            pages,
        },
        footer: "Trust Board".into(),
        marking: None,
    };
    let mark = |title: &str, run: usize, children: Vec<PlannedBookmark>| PlannedBookmark {
        title: title.into(),
        run,
        adopt_outline: false,
        children,
    };
    let pack = Pack {
        generated: generated_pages(),
        runs: vec![
            gen(0),
            gen(1),
            gen(2),
            paper("r", pages_of(&report)),
            gen(3),
            paper("l", pages_of(&links)),
        ],
        bookmarks: vec![
            mark("Front cover", 0, vec![]),
            mark("Agenda", 1, vec![]),
            mark("1. Finance report", 2, vec![mark("Paper A", 3, vec![])]),
            // An item with no papers shares the agenda's run: it makes no section.
            mark("2. Apologies", 1, vec![]),
            mark("3. Estates update", 4, vec![mark("Paper B", 5, vec![])]),
        ],
    };
    let mut bytes = Vec::new();
    write_pack(&pack, &mut files, &opts(), None, &mut |_, _| {}, &mut bytes).expect("pack");
    keep("generated-and-papers.pdf", &bytes);
    qpdf_check("generated-and-papers.pdf", &bytes);
    let doc = Document::load_mem(&bytes).expect("pack");
    let (root, tree) = read_tree(&doc);
    let parent: BTreeMap<ObjectId, ObjectId> = tree
        .elems
        .iter()
        .filter_map(|(id, _, p)| p.map(|p| (*id, p)))
        .collect();
    let document = tree
        .elems
        .iter()
        .find(|e| e.2 == Some(root))
        .map(|e| e.0)
        .expect("Document");
    // Each section and the pack pages its content is on.
    let number: BTreeMap<ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let mut sections: Vec<(String, BTreeSet<u32>)> = Vec::new();
    let sect_ids: Vec<ObjectId> = kids(&doc, doc.get_dictionary(document).expect("doc"))
        .iter()
        .map(|k| k.as_reference().expect("a section"))
        .collect();
    for s in &sect_ids {
        let d = doc.get_dictionary(*s).expect("sect");
        assert_eq!(name_of(d, b"S"), "Sect");
        sections.push((text(&doc, d.get(b"T").expect("/T")), BTreeSet::new()));
    }
    for ((page, _), by) in &tree.content {
        let mut at = by[0];
        while let Some(&p) = parent.get(&at) {
            if let Some(i) = sect_ids.iter().position(|s| *s == p) {
                sections[i].1.insert(number[page]);
                break;
            }
            at = p;
        }
    }
    let expected: Vec<(String, BTreeSet<u32>)> = [
        ("Front cover", vec![1]),
        ("Agenda", vec![2]),
        ("1. Finance report", vec![3, 4, 5]),
        ("3. Estates update", vec![6, 7]),
    ]
    .into_iter()
    .map(|(t, p)| (t.to_owned(), p.into_iter().collect()))
    .collect();
    assert_eq!(sections, expected);
    let marked = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"MarkInfo").ok())
        .and_then(|m| dict(&doc, m))
        .and_then(|m| m.get(b"Marked").and_then(Object::as_bool).ok());
    assert_eq!(marked, Some(true));
}

/// A tagged paper whose marked content sits in a form XObject drawn on its page (as some
/// producers draw headers and logos), named by a marked-content reference with `/Stm`.
fn xobject_paper() -> Vec<u8> {
    use lopdf::{dictionary, Stream};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let form = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 300.into(), 50.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            "StructParents" => 1,
        },
        b"/P <</MCID 0>> BDC BT /F1 12 Tf 10 20 Td (In the form) Tj ET EMC".to_vec(),
    ));
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"/P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (On the page) Tj ET EMC q 1 0 0 1 72 600 cm /Fm0 Do Q"
            .to_vec(),
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content,
        "Resources" => dictionary! { "XObject" => dictionary! { "Fm0" => form } },
        "StructParents" => 0,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let root = doc.new_object_id();
    let document = doc.new_object_id();
    let on_page = doc.add_object(dictionary! {
        "Type" => "StructElem", "S" => "P", "P" => document, "Pg" => page, "K" => 0,
    });
    let in_form = doc.add_object(dictionary! {
        "Type" => "StructElem", "S" => "P", "P" => document,
        "K" => dictionary! { "Type" => "MCR", "Pg" => page, "Stm" => form, "MCID" => 0 },
    });
    doc.objects.insert(
        document,
        Object::Dictionary(dictionary! {
            "Type" => "StructElem", "S" => "Document", "P" => root,
            "K" => vec![on_page.into(), in_form.into()],
        }),
    );
    let parents = doc.add_object(dictionary! {
        "Nums" => vec![0.into(), vec![on_page.into()].into(), 1.into(), vec![in_form.into()].into()],
    });
    doc.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => "StructTreeRoot", "K" => document,
            "ParentTree" => parents, "ParentTreeNextKey" => 2,
        }),
    );
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog", "Pages" => pages_id, "StructTreeRoot" => root,
        "MarkInfo" => dictionary! { "Marked" => true },
    });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

#[test]
fn marked_content_inside_a_form_xobject_keeps_its_own_parent_tree_entry() {
    let paper = xobject_paper();
    let links = fixture("tagged-links.pdf");
    // The XObject paper second, so its keys are offset past the first paper's.
    let bytes = pack_of(&[("Estates update", &links), ("Logo paper", &paper)]);
    qpdf_check("xobject.pdf", &bytes);
    let doc = Document::load_mem(&bytes).expect("pack");
    let (root, _) = read_tree(&doc);
    let (parents, next) = parent_tree(&doc, root);
    assert_eq!(parents.len() as i64, next);
    let page = doc.get_pages()[&2];
    let xobjects = doc
        .get_dictionary(page)
        .and_then(|d| d.get(b"Resources"))
        .ok()
        .and_then(|r| dict(&doc, r))
        .and_then(|r| r.get(b"XObject").ok())
        .and_then(|x| dict(&doc, x))
        .expect("the page's XObjects");
    let form = xobjects
        .get(b"Fm0")
        .and_then(Object::as_reference)
        .expect("the form");
    let key = doc
        .get_object(form)
        .and_then(Object::as_stream)
        .and_then(|s| s.dict.get(b"StructParents"))
        .and_then(Object::as_i64)
        .expect("the form keeps a /StructParents key");
    let page_key = doc
        .get_dictionary(page)
        .and_then(|d| d.get(b"StructParents"))
        .and_then(Object::as_i64)
        .expect("page key");
    assert_ne!(key, page_key);
    let element = |k: i64| match parents.get(&k) {
        Some(Object::Array(a)) => a.first().and_then(|o| o.as_reference().ok()),
        _ => None,
    };
    let (on_page, in_form) = (
        element(page_key).expect("page"),
        element(key).expect("form"),
    );
    assert_ne!(on_page, in_form);
    // The form's element points at it through a marked-content reference.
    let k = doc
        .get_dictionary(in_form)
        .and_then(|d| d.get(b"K"))
        .ok()
        .and_then(|k| dict(&doc, k))
        .expect("an MCR");
    assert_eq!(
        k.get(b"Stm").and_then(Object::as_reference).ok(),
        Some(form)
    );
    assert_eq!(k.get(b"Pg").and_then(Object::as_reference).ok(), Some(page));
}
