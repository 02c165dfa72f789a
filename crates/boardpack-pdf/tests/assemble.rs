//! Pack assembly end to end: every real-world paper the attach check accepts goes into one
//! pack with generated pages in front; the pack is read back with lopdf (pages, outline,
//! links), checked by qpdf and pdftotext when they are installed, and byte-identical for
//! identical inputs. Hand-made nasty files (rotation inherited from the page tree, crop
//! boxes offset from media boxes, inherited resources, unbalanced graphics state, named
//! destinations, a missing object, a looping page tree) check the traps one by one.

use std::path::{Path, PathBuf};
use std::process::Command;

use boardpack_pdf::{
    assemble, inspect, layout, write, AssembleError, Block, Bookmark, Flow, LinkTarget, Paragraph,
    PdfOptions, PdfProblem, Run, Source, Span,
};
use chrono::NaiveDate;
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream, StringFormat};

const PREFIX: &str = "Trust Board – 3 December 2026 · Chair’s pack";

fn opts() -> PdfOptions {
    PdfOptions {
        title: "Trust Board – 3 December 2026".into(),
        author: "Trust Secretary".into(),
        subject: "Board pack".into(),
        created: NaiveDate::from_ymd_opt(2026, 11, 26)
            .and_then(|d| d.and_hms_opt(17, 5, 0))
            .expect("date"),
        lang: "en-GB".into(),
        document_id: *b"boardpack-pack-1",
    }
}

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/realworld")
}

/// The corpus files the attach check accepts, in name order.
fn accepted_corpus() -> Vec<(String, Vec<u8>)> {
    let dir = corpus();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the shared corpus is expected at {}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    paths.sort();
    let files: Vec<_> = paths
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            inspect(&bytes).ok()?;
            Some((file_name(p), bytes))
        })
        .collect();
    assert!(
        files.len() >= 25,
        "corpus looks incomplete: {}",
        files.len()
    );
    files
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Generated pages as the engine writes them: a cover (page 0) linking to the agenda
/// (page 2), a cover sheet (page 1), and an agenda linking to the cover sheet and cover.
fn generated() -> Vec<u8> {
    let link = |text: &str, page: usize| {
        Block::Paragraph(Paragraph::new(vec![
            Span::plain(text).link(LinkTarget::Page(page))
        ]))
    };
    let blocks = vec![
        Block::heading(0, "Trust Board pack"),
        link("Go to the agenda", 2),
        Block::PageBreak,
        Block::heading(1, "Cover sheet: Paper A"),
        Block::para("The Board is asked to note the report."),
        Block::PageBreak,
        Block::heading(1, "Agenda"),
        link("Paper A cover sheet", 1),
        link("Back to the cover", 0),
    ];
    let laid = layout(&Flow::new(blocks));
    assert_eq!(laid.pages.len(), 3);
    let w = PdfOptions {
        title: "Generated".into(),
        author: "Boardpack".into(),
        subject: "Generated pages".into(),
        created: opts().created,
        lang: "en-GB".into(),
        document_id: *b"boardpack-gen--1",
    };
    write(&laid, &[], &w).expect("generated pages")
}

fn run(source: usize, first: usize, count: usize) -> Run {
    Run {
        source,
        first,
        count,
        footer: Some(PREFIX.into()),
        marking: None,
    }
}

fn mark(title: &str, run: usize) -> Bookmark {
    Bookmark {
        title: title.into(),
        run,
        children: vec![],
        adopt_outline_of: None,
    }
}

fn no_progress() -> impl FnMut(usize, usize) {
    |_, _| {}
}

// ---------------------------------------------------------------------------------------
// Reading a pack back

struct Pack {
    doc: Document,
    pages: Vec<ObjectId>,
}

impl Pack {
    fn read(bytes: &[u8]) -> Pack {
        let doc = Document::load_mem(bytes).expect("the pack reads back");
        let pages = doc.get_pages().into_values().collect();
        Pack { doc, pages }
    }

    fn index(&self, id: ObjectId) -> Option<usize> {
        self.pages.iter().position(|&p| p == id)
    }

    fn deref<'a>(&'a self, o: &'a Object) -> &'a Object {
        match o {
            Object::Reference(id) => self.doc.get_object(*id).unwrap_or(&Object::Null),
            o => o,
        }
    }

    /// Page index an explicit destination (or an action / outline item holding one) opens.
    fn target(&self, holder: &Dictionary) -> Option<usize> {
        let dest = match holder.get(b"Dest") {
            Ok(d) => self.deref(d),
            Err(_) => {
                let a = self.deref(holder.get(b"A").ok()?).as_dict().ok()?;
                if a.get(b"S").ok()?.as_name().ok()? != b"GoTo" {
                    return None;
                }
                self.deref(a.get(b"D").ok()?)
            }
        };
        let arr = dest.as_array().expect("destinations are explicit arrays");
        self.index(arr.first()?.as_reference().ok()?)
    }

    /// (page index, link target page or URI) of every link annotation.
    fn links(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (i, &p) in self.pages.iter().enumerate() {
            let page = self.doc.get_dictionary(p).expect("page");
            let Ok(annots) = page.get(b"Annots") else {
                continue;
            };
            for a in self.deref(annots).as_array().expect("annots") {
                let a = self.deref(a).as_dict().expect("annot");
                if a.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link") {
                    continue;
                }
                let uri = a
                    .get(b"A")
                    .ok()
                    .and_then(|x| self.deref(x).as_dict().ok())
                    .and_then(|x| x.get(b"URI").ok())
                    .and_then(|u| u.as_str().ok());
                match (uri, self.target(a)) {
                    (Some(u), _) => out.push((i, String::from_utf8_lossy(u).into_owned())),
                    (None, Some(t)) => out.push((i, format!("page {t}"))),
                    (None, None) => out.push((i, "nowhere".into())),
                }
            }
        }
        out
    }

    /// (depth, title, target page) of every outline entry, in order.
    fn outline(&self) -> Vec<(usize, String, Option<usize>)> {
        let mut out = Vec::new();
        let catalog = self.doc.catalog().expect("catalog");
        let Ok(root) = catalog.get(b"Outlines") else {
            return out;
        };
        let root = self.deref(root).as_dict().expect("outlines");
        let mut count_ok = true;
        self.outline_level(root.get(b"First").ok(), 0, &mut out, &mut count_ok);
        assert!(count_ok, "an outline /Count is wrong");
        out
    }

    fn outline_level(
        &self,
        first: Option<&Object>,
        depth: usize,
        out: &mut Vec<(usize, String, Option<usize>)>,
        count_ok: &mut bool,
    ) {
        let mut next = first.and_then(|f| f.as_reference().ok());
        let mut guard = 0;
        while let Some(id) = next {
            guard += 1;
            assert!(guard < 10_000, "outline loops");
            let item = self.doc.get_dictionary(id).expect("outline item");
            let title = decode_text(item.get(b"Title").and_then(Object::as_str).unwrap_or(b""));
            out.push((depth, title, self.target(item)));
            if item.has(b"First") {
                let before = out.len();
                self.outline_level(item.get(b"First").ok(), depth + 1, out, count_ok);
                let children = out[before..].iter().filter(|e| e.0 == depth + 1).count();
                let count = item.get(b"Count").and_then(Object::as_i64).unwrap_or(0);
                if count.unsigned_abs() < children as u64 {
                    *count_ok = false;
                }
            }
            next = item.get(b"Next").and_then(Object::as_reference).ok();
        }
    }
}

/// (page, target page) of the internal links of a paper as it was attached, resolving its
/// named destinations independently of the code under test.
fn original_links(bytes: &[u8]) -> Vec<(usize, usize)> {
    let doc = Document::load_mem(bytes).expect("paper");
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let deref = |o: &Object| -> Object {
        match o {
            Object::Reference(id) => doc.get_object(*id).cloned().unwrap_or(Object::Null),
            o => o.clone(),
        }
    };
    let mut names: Vec<(Vec<u8>, Object)> = Vec::new();
    let catalog = doc.catalog().expect("catalog");
    if let Ok(d) = catalog.get(b"Dests") {
        for (k, v) in deref(d).as_dict().expect("dests").iter() {
            names.push((k.clone(), deref(v)));
        }
    }
    let mut stack: Vec<Object> = catalog
        .get(b"Names")
        .ok()
        .map(deref)
        .and_then(|n| n.as_dict().ok()?.get(b"Dests").ok().cloned())
        .into_iter()
        .collect();
    while let Some(node) = stack.pop() {
        let node = deref(&node);
        let Ok(node) = node.as_dict() else { continue };
        if let Ok(list) = node.get(b"Names").map(deref) {
            for pair in list.as_array().expect("names").chunks(2) {
                names.push((pair[0].as_str().expect("key").to_vec(), deref(&pair[1])));
            }
        }
        if let Ok(kids) = node.get(b"Kids").map(deref) {
            stack.extend(kids.as_array().expect("kids").iter().cloned());
        }
    }
    let page_of = |dest: &Object| -> Option<usize> {
        let mut dest = deref(dest);
        for _ in 0..4 {
            dest = match dest {
                Object::Name(n) | Object::String(n, _) => names
                    .iter()
                    .find(|(k, _)| *k == n)
                    .map(|(_, v)| v.clone())?,
                Object::Dictionary(d) => deref(d.get(b"D").ok()?),
                Object::Array(a) => {
                    let id = a.first()?.as_reference().ok()?;
                    return pages.iter().position(|&p| p == id);
                }
                _ => return None,
            };
        }
        None
    };
    let mut links = Vec::new();
    for (i, &p) in pages.iter().enumerate() {
        let Ok(annots) = doc.get_dictionary(p).expect("page").get(b"Annots") else {
            continue;
        };
        for a in deref(annots).as_array().expect("annots") {
            let a = deref(a);
            let a = a.as_dict().expect("annot");
            let target = match a.get(b"Dest") {
                Ok(d) => page_of(d),
                Err(_) => a
                    .get(b"A")
                    .ok()
                    .map(deref)
                    .and_then(|x| x.as_dict().ok()?.get(b"D").ok().cloned())
                    .and_then(|d| page_of(&d)),
            };
            if let Some(t) = target {
                links.push((i, t));
            }
        }
    }
    links
}

fn decode_text(b: &[u8]) -> String {
    if b.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = b[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        b.iter().map(|&c| c as char).collect()
    }
}

/// Panics, saying what to install, when a tool the checks need is missing: a missing tool
/// fails the test loudly instead of skipping its check.
fn require(name: &str) {
    let found = Command::new(name).arg("--version").output().is_ok()
        || Command::new(name).arg("-v").output().is_ok();
    assert!(
        found,
        "{name} is needed by this test: apt-get install qpdf poppler-utils (scripts/setup.sh does)"
    );
}

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let path =
        std::env::temp_dir().join(format!("boardpack-assemble-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

/// qpdf --check passes, without warnings.
fn qpdf_check(name: &str, bytes: &[u8]) {
    require("qpdf");
    let path = temp(name, bytes);
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "qpdf --check failed:\n{text}");
    assert!(!text.contains("WARNING"), "qpdf --check warns:\n{text}");
    let _ = std::fs::remove_file(path);
}

/// Text of each page, by pdftotext.
fn page_texts(name: &str, bytes: &[u8]) -> Option<Vec<String>> {
    require("pdftotext");
    let path = temp(name, bytes);
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let _ = std::fs::remove_file(path);
    assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// A word's box: x, y from the top, width, height.
type WordBox = (f32, f32, f32, f32);

/// Every word of each page as displayed (its text and box: x, y from the top, w, h), by
/// `pdftotext -cropbox -bbox`, in reading order.
fn page_words(name: &str, bytes: &[u8]) -> Vec<Vec<(String, WordBox)>> {
    require("pdftotext");
    let path = temp(name, bytes);
    let out = Command::new("pdftotext")
        .args(["-cropbox", "-bbox"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let _ = std::fs::remove_file(path);
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |line: &str, key: &str| -> f32 {
        let start = line.find(&format!("{key}=\"")).expect(key) + key.len() + 2;
        let end = line[start..].find('"').expect("quote") + start;
        line[start..end].parse().expect("number")
    };
    let mut pages: Vec<Vec<(String, WordBox)>> = Vec::new();
    for line in html.lines() {
        if line.contains("<page ") {
            pages.push(Vec::new());
        } else if line.contains("<word ") {
            let (x0, y0, x1, y1) = (
                attr(line, "xMin"),
                attr(line, "yMin"),
                attr(line, "xMax"),
                attr(line, "yMax"),
            );
            let text = line
                .split_once('>')
                .and_then(|(_, rest)| rest.split_once("</word>"))
                .map(|(t, _)| t.to_owned())
                .unwrap_or_default();
            if let Some(page) = pages.last_mut() {
                page.push((text, (x0, y0, x1 - x0, y1 - y0)));
            }
        }
    }
    pages
}

/// The lowest "Page" word of each page as displayed (x, y from the top, w, h), by
/// `pdftotext -cropbox -bbox`.
fn footer_words(name: &str, bytes: &[u8]) -> Option<Vec<Option<WordBox>>> {
    Some(
        page_words(name, bytes)
            .into_iter()
            .map(|words| {
                words
                    .into_iter()
                    .filter(|(t, _)| t == "Page")
                    .map(|(_, b)| b)
                    .fold(None, |low: Option<WordBox>, b| match low {
                        Some(l) if l.1 >= b.1 => Some(l),
                        _ => Some(b),
                    })
            })
            .collect(),
    )
}

/// The footer's words on each page ("<prefix> · Page N of M", found from its "Page" word
/// by the prefix's length) and the page's other words: the footer must cover none of them.
fn footer_covers_nothing(name: &str, bytes: &[u8], prefix: &str) {
    let before = prefix.split_whitespace().count() + 1;
    for (i, words) in page_words(name, bytes).into_iter().enumerate() {
        let page = i + 1;
        let Some(at) = words
            .iter()
            .enumerate()
            .filter(|(_, (t, _))| t == "Page")
            .max_by(|a, b| a.1 .1 .1.total_cmp(&b.1 .1 .1))
            .map(|(k, _)| k)
        else {
            panic!("page {page}: no footer");
        };
        let footer = at.saturating_sub(before)..(at + 4).min(words.len());
        let boxes: Vec<WordBox> = words[footer.clone()].iter().map(|(_, b)| *b).collect();
        let x0 = boxes.iter().map(|b| b.0).fold(f32::MAX, f32::min);
        let y0 = boxes.iter().map(|b| b.1).fold(f32::MAX, f32::min);
        let x1 = boxes.iter().map(|b| b.0 + b.2).fold(f32::MIN, f32::max);
        let y1 = boxes.iter().map(|b| b.1 + b.3).fold(f32::MIN, f32::max);
        for (k, (text, b)) in words.iter().enumerate() {
            if footer.contains(&k) {
                continue;
            }
            let apart = b.0 + b.2 <= x0 || b.0 >= x1 || b.1 + b.3 <= y0 || b.1 >= y1;
            assert!(
                apart,
                "page {page}: the footer ({x0:.1},{y0:.1})–({x1:.1},{y1:.1}) covers the page's own word “{text}” at {b:?}"
            );
        }
    }
}

/// Each page's size as displayed: CropBox ∩ MediaBox, turned by /Rotate.
fn displayed_sizes(pack: &Pack) -> Vec<(f32, f32)> {
    let boxed = |d: &Dictionary, key: &[u8]| -> Option<[f32; 4]> {
        let a = pack.deref(d.get(key).ok()?).as_array().ok()?;
        let v: Vec<f32> = a
            .iter()
            .filter_map(|x| pack.deref(x).as_float().ok())
            .collect();
        (v.len() == 4).then(|| {
            [
                v[0].min(v[2]),
                v[1].min(v[3]),
                v[0].max(v[2]),
                v[1].max(v[3]),
            ]
        })
    };
    pack.pages
        .iter()
        .map(|&p| {
            let d = pack.doc.get_dictionary(p).expect("page");
            let m = boxed(d, b"MediaBox").expect("every page has its MediaBox");
            let c = boxed(d, b"CropBox").unwrap_or(m);
            let (w, h) = (
                c[2].min(m[2]) - c[0].max(m[0]),
                c[3].min(m[3]) - c[1].max(m[1]),
            );
            let rotate = d.get(b"Rotate").and_then(Object::as_i64).unwrap_or(0);
            if rotate.rem_euclid(180) == 90 {
                (h, w)
            } else {
                (w, h)
            }
        })
        .collect()
}

/// The footer of every page reads "<prefix> · Page N of M", upright, centred at the bottom
/// of the page as displayed.
fn check_footers(name: &str, bytes: &[u8], prefix: &str, total: usize) {
    if let Some(texts) = page_texts(name, bytes) {
        assert_eq!(texts.len(), total, "pdftotext page count");
        for (i, t) in texts.iter().enumerate() {
            let want = format!("{prefix} · Page {} of {total}", i + 1);
            let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(&want),
                "page {}: no footer “{want}” in:\n{t}",
                i + 1
            );
        }
    }
    footer_covers_nothing(name, bytes, prefix);
    let sizes = displayed_sizes(&Pack::read(bytes));
    if let Some(words) = footer_words(name, bytes) {
        assert_eq!(words.len(), total);
        for (i, (word, (w, h))) in words.iter().zip(sizes).enumerate() {
            let page = i + 1;
            let (x, y, bw, bh) = word.unwrap_or_else(|| panic!("page {page}: no footer word"));
            assert!(bw > bh, "page {page}: footer is not upright ({bw}×{bh})");
            if w > 300.0 {
                assert!(
                    (6.0..9.0).contains(&bh),
                    "page {page}: footer is {bh}pt high"
                );
            }
            // At the foot, with no descender within 10 mm of the edge (office printers print
            // no nearer), on any page tall enough for that.
            let gap = h - (y + bh);
            if h >= 300.0 {
                assert!(
                    (28.3..50.0).contains(&gap),
                    "page {page}: footer {gap}pt from the foot (y {y} on {w}×{h})"
                );
            } else {
                assert!(
                    y + bh <= h + 0.5 && y + bh > h / 2.0,
                    "page {page}: footer not at the bottom (y {y} on {w}×{h})"
                );
            }
            assert!(
                x >= -0.5 && x + bw <= w + 0.5,
                "page {page}: footer off the page"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// The corpus

#[test]
fn every_accepted_corpus_file_assembles_into_one_valid_pack() {
    let files = accepted_corpus();
    let generated = generated();
    let mut sources = vec![Source {
        name: "Generated pages".into(),
        bytes: &generated,
    }];
    for (name, bytes) in &files {
        sources.push(Source {
            name: name.clone(),
            bytes,
        });
    }
    // Cover, agenda, cover sheet (generated pages reordered), then every paper.
    let mut runs = vec![run(0, 0, 1), run(0, 2, 1), run(0, 1, 1)];
    let mut outline = vec![mark("Cover", 0), mark("Agenda", 1), mark("Cover sheet", 2)];
    for (i, (name, bytes)) in files.iter().enumerate() {
        let pages = inspect(bytes).expect("accepted").pages as usize;
        runs.push(run(i + 1, 0, pages));
        outline.push(Bookmark {
            adopt_outline_of: Some(i + 1),
            ..mark(name, runs.len() - 1)
        });
    }
    let total: usize = runs.iter().map(|r| r.count).sum();
    let starts: Vec<usize> = runs
        .iter()
        .scan(0, |a, r| {
            let s = *a;
            *a += r.count;
            Some(s)
        })
        .collect();

    let mut calls = Vec::new();
    let bytes = assemble(&sources, &runs, &outline, &opts(), &mut |d, t| {
        calls.push((d, t))
    })
    .expect("the corpus assembles");
    assert_eq!(calls.last(), Some(&(total + 1, total + 1)));
    assert!(calls.windows(2).all(|w| w[0].0 < w[1].0));

    let pack = Pack::read(&bytes);
    assert_eq!(pack.pages.len(), total);
    assert_eq!(pack.doc.version, "1.7");
    let info = pack
        .doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|i| pack.doc.get_dictionary(i))
        .expect("info");
    assert_eq!(
        info.get(b"Producer").and_then(Object::as_str).ok(),
        Some(&b"Boardpack"[..])
    );
    assert_eq!(
        info.get(b"CreationDate").and_then(Object::as_str).ok(),
        Some(&b"D:20261126170500"[..])
    );
    assert_eq!(
        pack.doc
            .catalog()
            .and_then(|c| c.get(b"PageMode"))
            .and_then(Object::as_name)
            .ok(),
        Some(&b"UseOutlines"[..])
    );

    // Outline: one top-level entry per run, opening its first page.
    let entries = pack.outline();
    let top: Vec<_> = entries.iter().filter(|e| e.0 == 0).collect();
    assert_eq!(top.len(), outline.len());
    for (entry, (m, &start)) in top.iter().zip(outline.iter().zip(&starts)) {
        assert_eq!(entry.1, m.title);
        assert_eq!(entry.2, Some(start), "{}", m.title);
    }
    // Adopted outlines: 006's bookmarks sit under its entry and open its pages.
    let at = |needle: &str| {
        files
            .iter()
            .position(|(n, _)| n.contains(needle))
            .map(|i| i + 3)
            .expect("file in corpus")
    };
    let r006 = at("006-pdflatex-outline");
    let pos = entries
        .iter()
        .position(|e| e.0 == 0 && e.1.contains("006-pdflatex-outline"))
        .expect("006 entry");
    let adopted: Vec<_> = entries[pos + 1..].iter().take_while(|e| e.0 > 0).collect();
    assert!(adopted.len() >= 3, "006 outline adopted: {adopted:?}");
    for e in &adopted {
        let p = e.2.expect("adopted entry has a target");
        assert!(
            p >= starts[r006] && p < starts[r006] + runs[r006].count,
            "{e:?} outside 006's pages"
        );
    }
    // Every outline target is a page of the pack.
    assert!(entries.iter().all(|e| e.2.is_none_or(|p| p < total)));

    // Links: generated pages keep pointing at the right (reordered) pages.
    let links = pack.links();
    assert!(
        links.contains(&(0, "page 1".into())),
        "cover → agenda: {links:?}"
    );
    assert!(
        links.contains(&(1, "page 2".into())),
        "agenda → cover sheet"
    );
    assert!(links.contains(&(1, "page 0".into())), "agenda → cover");
    // 006's internal links (named destinations) go to its own pages.
    let own: Vec<_> = links
        .iter()
        .filter(|(p, _)| *p >= starts[r006] && *p < starts[r006] + runs[r006].count)
        .collect();
    assert!(own.len() >= 3, "006 links: {own:?}");
    for (_, t) in &own {
        let p: usize = t
            .strip_prefix("page ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("006 link goes {t}"));
        assert!(p >= starts[r006] && p < starts[r006] + runs[r006].count);
    }
    // … and to the same pages as in the paper itself.
    let expected: Vec<(usize, String)> = original_links(&files[r006 - 3].1)
        .into_iter()
        .map(|(from, to)| (starts[r006] + from, format!("page {}", starts[r006] + to)))
        .collect();
    assert!(!expected.is_empty());
    let got: Vec<(usize, String)> = own.into_iter().cloned().collect();
    assert_eq!(got, expected);
    // 016's web link survives.
    let r016 = at("016-libre-office-link");
    assert!(links.contains(&(starts[r016], "https://martin-thoma.com/".into())));
    assert!(
        links.iter().all(|(_, t)| t != "nowhere"),
        "a link lost its target"
    );

    keep("corpus", &bytes);
    qpdf_check("corpus.pdf", &bytes);
    check_footers("corpus.pdf", &bytes, PREFIX, total);

    // Deterministic.
    let again = assemble(&sources, &runs, &outline, &opts(), &mut no_progress()).expect("again");
    assert!(again == bytes, "two assemblies differ");
}

#[test]
fn each_accepted_corpus_file_assembles_alone() {
    for (name, bytes) in accepted_corpus() {
        let pages = inspect(&bytes).expect("accepted").pages as usize;
        let sources = [Source {
            name: name.clone(),
            bytes: &bytes,
        }];
        let runs = [run(0, 0, pages)];
        let outline = [Bookmark {
            adopt_outline_of: Some(0),
            ..mark(&name, 0)
        }];
        let out = assemble(&sources, &runs, &outline, &opts(), &mut no_progress())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let pack = Pack::read(&out);
        assert_eq!(pack.pages.len(), pages, "{name}");
        qpdf_check(&name, &out);
    }
}

#[test]
fn a_page_subset_drops_links_and_bookmarks_to_pages_left_out() {
    let files = accepted_corpus();
    let (name, bytes) = files
        .iter()
        .find(|(n, _)| n.contains("006-pdflatex-outline"))
        .expect("006");
    let sources = [Source {
        name: name.clone(),
        bytes,
    }];
    // Only its first page.
    let runs = [run(0, 0, 1)];
    let outline = [Bookmark {
        adopt_outline_of: Some(0),
        ..mark("Paper", 0)
    }];
    let out = assemble(&sources, &runs, &outline, &opts(), &mut no_progress()).expect("subset");
    let pack = Pack::read(&out);
    assert_eq!(pack.pages.len(), 1);
    for e in pack.outline() {
        assert_eq!(e.2, Some(0), "{e:?}");
    }
    for (_, t) in pack.links() {
        assert!(
            t == "page 0" || t == "nowhere" || t.starts_with("http"),
            "{t}"
        );
    }
    qpdf_check("subset.pdf", &out);
}

// ---------------------------------------------------------------------------------------
// Nasty files

fn content(ops: &str) -> Object {
    Object::Stream(Stream::new(dictionary! {}, ops.as_bytes().to_vec()))
}

fn rect(a: f32, b: f32, c: f32, d: f32) -> Object {
    Object::Array(vec![a.into(), b.into(), c.into(), d.into()])
}

/// Four pages that hit the traps:
/// 1. Rotate 90, MediaBox and Resources inherited from the root, content leaves two `q`
///    open with a scaled and shifted matrix.
/// 2. Rotate 0 of its own, CropBox offset from the MediaBox, a link to page 1 through a
///    named destination (catalog /Dests), an XObject reference to a missing object.
/// 3. Under an inner Pages node with Rotate 270; content with an extra `Q` and a text
///    object left open; a GoTo action to a name in the /Names /Dests tree (page 4).
/// 4. Rotate 180 and a CropBox.
fn nasty() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let root = doc.new_object_id();
    let inner = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let text =
        |label: &str| format!("BT /F1 20 Tf 100 400 Td ({label}) Tj ET 0 0 1 rg 0 0 50 50 re f ");
    let c1 = doc.add_object(content(&format!(
        "q q 0.5 0 0 0.5 200 300 cm {}",
        text("Rotated 90 inherited")
    )));
    let c2 = doc.add_object(content(&format!(
        "{} BT /F1 12 Tf 110 110 Td (Crop corner) Tj ET",
        text("Cropped page")
    )));
    let c3 = doc.add_object(content(&format!(
        "Q Q 0.5 0 0 0.5 0 0 cm {} BT /F1 10 Tf 10 10 Td (open text) Tj",
        text("Rotated 270")
    )));
    let c4 = doc.add_object(content(&text("Rotated 180")));
    let link = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(100.0, 390.0, 300.0, 420.0),
        "Dest" => Object::Name(b"first".to_vec()),
    });
    let action = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(100.0, 390.0, 300.0, 420.0),
        "A" => dictionary! { "S" => "GoTo", "D" => Object::String(b"last".to_vec(), StringFormat::Literal) },
    });
    let page1 = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => root, "Contents" => c1,
    });
    let page2 = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => root, "Contents" => vec![c2.into()],
        "Rotate" => 0, "MediaBox" => rect(0.0, 0.0, 612.0, 792.0),
        "CropBox" => rect(100.0, 100.0, 500.0, 600.0),
        "Resources" => dictionary! {
            "Font" => dictionary! { "F1" => font },
            "XObject" => dictionary! { "Im1" => Object::Reference((999, 0)) },
        },
        "Annots" => vec![link.into()],
    });
    let page3 = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => inner, "Contents" => c3, "Annots" => vec![action.into()],
    });
    let page4 = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => root, "Contents" => c4, "Rotate" => 180,
        "CropBox" => rect(50.0, 50.0, 562.0, 742.0),
    });
    doc.objects.insert(
        inner,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Parent" => root, "Kids" => vec![page3.into()], "Count" => 1,
            "Rotate" => 270,
        }),
    );
    doc.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page1.into(), page2.into(), inner.into(), page4.into()],
            "Count" => 4, "Rotate" => 90, "MediaBox" => rect(0.0, 0.0, 612.0, 792.0),
            "Resources" => resources,
        }),
    );
    let dests = doc.add_object(dictionary! {
        "Names" => vec![Object::String(b"last".to_vec(), StringFormat::Literal),
                        vec![page4.into(), "Fit".into()].into()],
    });
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog", "Pages" => root,
        "Dests" => dictionary! { "first" => vec![page1.into(), "XYZ".into(), Object::Null, 700.into(), Object::Null] },
        "Names" => dictionary! { "Dests" => dests },
    });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save nasty");
    out
}

#[test]
fn nasty_pages_keep_their_look_links_and_a_clean_footer() {
    let bytes = nasty();
    let sources = [Source {
        name: "Paper N (Nasty)".into(),
        bytes: &bytes,
    }];
    let runs = [run(0, 0, 4)];
    let out = assemble(
        &sources,
        &runs,
        &[mark("Nasty", 0)],
        &opts(),
        &mut no_progress(),
    )
    .expect("nasty assembles");
    render("nasty", &out);
    let pack = Pack::read(&out);
    assert_eq!(pack.pages.len(), 4);
    let page = |i: usize| pack.doc.get_dictionary(pack.pages[i]).expect("page");
    // Inherited attributes are on the pages themselves.
    assert_eq!(
        page(0).get(b"Rotate").and_then(Object::as_i64).ok(),
        Some(90)
    );
    assert_eq!(
        page(2).get(b"Rotate").and_then(Object::as_i64).ok(),
        Some(270)
    );
    assert_eq!(
        page(3).get(b"Rotate").and_then(Object::as_i64).ok(),
        Some(180)
    );
    assert!(page(0).has(b"MediaBox"));
    let fonts = |i: usize| {
        let r = pack.deref(page(i).get(b"Resources").expect("resources"));
        let f = pack.deref(r.as_dict().expect("dict").get(b"Font").expect("fonts"));
        f.as_dict()
            .expect("fonts")
            .iter()
            .map(|(k, _)| k.clone())
            .collect::<Vec<_>>()
    };
    // The page's own font, and the footer's (Liberation Sans, embedded) beside it.
    assert_eq!(fonts(0), vec![b"F1".to_vec(), b"BPFooterF0".to_vec()]);
    // The missing XObject became null.
    let xobjects = pack.deref(
        pack.deref(page(1).get(b"Resources").expect("resources"))
            .as_dict()
            .expect("dict")
            .get(b"XObject")
            .expect("xobjects"),
    );
    assert!(matches!(
        xobjects.as_dict().expect("dict").get(b"Im1"),
        Ok(Object::Null) | Err(_)
    ));
    // Named destinations became explicit ones on the right pages.
    let links = pack.links();
    assert_eq!(links, vec![(1, "page 0".into()), (2, "page 3".into())]);

    qpdf_check("nasty.pdf", &out);
    check_footers("nasty.pdf", &out, PREFIX, 4);
    let texts = page_texts("nasty-text.pdf", &out);
    if let Some(t) = texts {
        assert!(t[0].contains("Rotated 90 inherited"));
        assert!(t[2].contains("Rotated 270"));
    }
}

/// Keeps a pack in the temp folder (boardpack-<name>.pdf) for a person to look at.
fn keep(name: &str, bytes: &[u8]) -> Option<PathBuf> {
    let path = std::env::temp_dir().join(format!("boardpack-{name}.pdf"));
    std::fs::write(&path, bytes).ok().map(|_| path)
}

/// Keeps the pack and renders it at 50 dpi into the temp folder, for a person to look at
/// (when pdftoppm exists).
fn render(name: &str, bytes: &[u8]) {
    let Some(path) = keep(name, bytes) else {
        return;
    };
    require("pdftoppm");
    let _ = Command::new("pdftoppm")
        .args(["-r", "50", "-png", "-cropbox"])
        .arg(&path)
        .arg(std::env::temp_dir().join(format!("boardpack-{name}")))
        .status();
}

#[test]
fn a_looping_page_tree_is_refused_by_name() {
    let mut doc = Document::with_version("1.5");
    let root = doc.new_object_id();
    let inner = doc.add_object(dictionary! {
        "Type" => "Pages", "Kids" => vec![root.into()], "Count" => 1, "Parent" => root,
    });
    doc.objects.insert(
        root,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![inner.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    let sources = [Source {
        name: "Paper E (Finance report)".into(),
        bytes: &bytes,
    }];
    let err = assemble(&sources, &[run(0, 0, 1)], &[], &opts(), &mut no_progress())
        .expect_err("a loop is refused");
    assert_eq!(
        err,
        AssembleError::Unreadable {
            name: "Paper E (Finance report)".into(),
            problem: PdfProblem::PageTreeLoop
        }
    );
    assert!(err
        .to_string()
        .starts_with("Paper E (Finance report): its page tree loops back on itself"));
}

#[test]
fn bad_plans_and_bad_sources_are_errors_not_panics() {
    let bytes = nasty();
    let good = Source {
        name: "Paper N".into(),
        bytes: &bytes,
    };
    let check = |sources: &[Source], runs: &[Run], outline: &[Bookmark]| {
        assemble(sources, runs, outline, &opts(), &mut no_progress()).expect_err("refused")
    };
    assert!(matches!(
        check(std::slice::from_ref(&good), &[run(0, 2, 5)], &[]),
        AssembleError::PagesMissing {
            from: 3,
            to: 7,
            pages: 4,
            ..
        }
    ));
    assert!(matches!(
        check(std::slice::from_ref(&good), &[], &[]),
        AssembleError::Plan(_)
    ));
    assert!(matches!(
        check(std::slice::from_ref(&good), &[run(1, 0, 1)], &[]),
        AssembleError::Plan(_)
    ));
    assert!(matches!(
        check(
            std::slice::from_ref(&good),
            &[run(0, 0, 1)],
            &[mark("x", 3)]
        ),
        AssembleError::Plan(_)
    ));
    for junk in [&b""[..], b"%PDF-1.4\n garbage", b"PK\x03\x04"] {
        let s = [Source {
            name: "Paper X".into(),
            bytes: junk,
        }];
        let e = check(&s, &[run(0, 0, 1)], &[]);
        assert!(e.to_string().starts_with("Paper X: "), "{e}");
    }
    // Every truncation of a real file is refused or assembled, never a panic.
    let path = corpus().join("004-pdflatex-4-pages_pdflatex-4-pages.pdf");
    let full = std::fs::read(path).expect("004");
    for cut in (0..full.len()).step_by(full.len() / 40 + 1) {
        let s = [Source {
            name: "Cut".into(),
            bytes: &full[..cut],
        }];
        let _ = assemble(&s, &[run(0, 0, 1)], &[], &opts(), &mut no_progress());
    }
}

#[test]
fn mangled_papers_are_assembled_or_refused_never_a_panic() {
    // A fixed pseudo-random sequence, so a failure can be reproduced.
    let mut seed: u64 = 0x2026_1203;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let noise = b"qQ[]<>()/0 1R\n%e";
    for needle in [
        "004-pdflatex",
        "006-pdflatex",
        "012-libreoffice",
        "016-libre",
    ] {
        let (name, original) = corpus_file(needle);
        let pages = inspect(&original).expect("accepted").pages as usize;
        for round in 0..40 {
            let mut bytes = original.clone();
            for _ in 0..1 + round % 8 {
                let at = next() % bytes.len();
                bytes[at] = noise[next() % noise.len()];
            }
            let sources = [Source {
                name: format!("{name} mangled {round}"),
                bytes: &bytes,
            }];
            let outline = [Bookmark {
                adopt_outline_of: Some(0),
                ..mark("Mangled", 0)
            }];
            // Ok or a named refusal; a panic fails the test.
            if let Err(e) = assemble(
                &sources,
                &[run(0, 0, pages)],
                &outline,
                &opts(),
                &mut no_progress(),
            ) {
                assert!(e.to_string().contains("mangled"), "{e}");
            }
        }
    }
}

#[test]
fn a_run_without_a_footer_gets_none() {
    // Every page of a run without a footer has none; the others do.
    let bytes = nasty();
    let sources = [Source {
        name: "Paper N".into(),
        bytes: &bytes,
    }];
    let runs = [
        Run {
            footer: None,
            marking: None,
            ..run(0, 0, 1)
        },
        run(0, 1, 3),
    ];
    let out = assemble(&sources, &runs, &[], &opts(), &mut no_progress()).expect("pack");
    if let Some(t) = page_texts("nofooter.pdf", &out) {
        assert!(!t[0].contains("Page 1 of 4"));
        assert!(t[1].contains("Page 2 of 4"));
    }
    let pack = Pack::read(&out);
    assert!(pack
        .doc
        .catalog()
        .expect("catalog")
        .get(b"Outlines")
        .is_err());
}

#[test]
fn a_footer_in_arabic_prints_in_embedded_faces() {
    // A committee named in Arabic: the footer is shaped, set right to left in Noto Naskh
    // Arabic beside Liberation Sans, both embedded, and reads back in order.
    let gen = generated();
    let sources = [Source {
        name: "Generated".into(),
        bytes: &gen,
    }];
    let prefix = "لجنة التدقيق · 3 December 2026 · Paper A";
    let runs = [Run {
        footer: Some(prefix.into()),
        marking: None,
        ..run(0, 0, 3)
    }];
    let out = assemble(&sources, &runs, &[], &opts(), &mut no_progress()).expect("pack");
    qpdf_check("arabic-footer.pdf", &out);
    if let Some(texts) = page_texts("arabic-footer.pdf", &out) {
        for (i, t) in texts.iter().enumerate() {
            let t: String = t
                .chars()
                .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}'))
                .collect();
            let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains("لجنة التدقيق"), "page {}: {flat}", i + 1);
            assert!(flat.contains(&format!("Page {} of 3", i + 1)), "{flat}");
        }
    }
    let text = boardpack_pdf::extract_text(&out, 100_000)
        .expect("text")
        .text;
    // The Arabic reads in its own order. (The "3" after it joins the right-to-left run
    // under the bidi rules, as on screen, so extraction may put it either side.)
    for page in 1..=3 {
        assert!(
            text.contains("لجنة التدقيق")
                && text.contains(&format!("December 2026 · Paper A · Page {page} of 3")),
            "{text}"
        );
    }
    // Every font of every page is embedded.
    let pack = Pack::read(&out);
    for (_, object) in pack.doc.objects.iter() {
        if let Ok(d) = object.as_dict() {
            if d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor") {
                assert!(
                    d.has(b"FontFile2") || d.has(b"FontFile") || d.has(b"FontFile3"),
                    "a font is not embedded: {d:?}"
                );
            }
        }
    }
    // A footer with a character no face has is refused, naming it.
    let runs = [Run {
        footer: Some("Board 😀".into()),
        marking: None,
        ..run(0, 0, 3)
    }];
    let err = assemble(&sources, &runs, &[], &opts(), &mut no_progress()).expect_err("refused");
    assert!(err.to_string().contains("U+1F600"), "{err}");
}

// ---------------------------------------------------------------------------------------
// What else comes along: forms, layers, attachments, encryption, repeated pages

fn corpus_file(needle: &str) -> (String, Vec<u8>) {
    accepted_corpus()
        .into_iter()
        .find(|(n, _)| n.contains(needle))
        .unwrap_or_else(|| panic!("{needle} in the corpus"))
}

fn whole(sources: &[Source]) -> Vec<Run> {
    sources
        .iter()
        .enumerate()
        .map(|(i, s)| run(i, 0, inspect(s.bytes).expect("accepted").pages as usize))
        .collect()
}

#[test]
fn forms_layers_and_attachments_come_along() {
    let form = corpus_file("012-libreoffice-form");
    let latex_form = corpus_file("010-pdflatex-forms");
    let layers = corpus_file("018-base64-image");
    let attached = corpus_file("025-attachment");
    let sources: Vec<Source> = [&form, &latex_form, &layers, &attached, &form]
        .iter()
        .map(|(name, bytes)| Source {
            name: name.clone(),
            bytes,
        })
        .collect();
    let runs = whole(&sources);
    let out = assemble(&sources, &runs, &[], &opts(), &mut no_progress()).expect("pack");
    qpdf_check("extras.pdf", &out);
    let pack = Pack::read(&out);
    let catalog = pack.doc.catalog().expect("catalog");

    // The form: every root field of both papers, names unique (the second copy of 012
    // renamed), filled-in values kept.
    let acro = pack
        .deref(catalog.get(b"AcroForm").expect("AcroForm"))
        .as_dict()
        .expect("dict");
    let fields = pack
        .deref(acro.get(b"Fields").expect("Fields"))
        .as_array()
        .expect("array");
    let names: Vec<String> = fields
        .iter()
        .map(|f| {
            let f = pack.deref(f).as_dict().expect("field");
            decode_text(f.get(b"T").and_then(Object::as_str).unwrap_or(b""))
        })
        .collect();
    let original = |bytes: &[u8]| {
        let d = Document::load_mem(bytes).expect("load");
        let a = d
            .catalog()
            .and_then(|c| c.get(b"AcroForm"))
            .expect("AcroForm");
        let a = match a {
            Object::Reference(r) => d.get_dictionary(*r).expect("dict").clone(),
            a => a.as_dict().expect("dict").clone(),
        };
        match a.get(b"Fields").expect("Fields") {
            Object::Reference(r) => d
                .get_object(*r)
                .and_then(Object::as_array)
                .expect("a")
                .len(),
            f => f.as_array().expect("array").len(),
        }
    };
    assert_eq!(
        names.len(),
        2 * original(&form.1) + original(&latex_form.1),
        "{names:?}"
    );
    let unique: std::collections::BTreeSet<_> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "field names clash: {names:?}");
    let values: Vec<String> = fields
        .iter()
        .filter_map(|f| pack.deref(f).as_dict().ok()?.get(b"V").ok()?.as_str().ok())
        .map(decode_text)
        .collect();
    assert!(values.iter().any(|v| v == "Alice"), "{values:?}");

    // Layers.
    if Document::load_mem(&layers.1)
        .ok()
        .and_then(|d| d.catalog().ok().map(|c| c.has(b"OCProperties")))
        .unwrap_or(false)
    {
        let oc = pack.deref(catalog.get(b"OCProperties").expect("OCProperties"));
        let groups = oc.as_dict().expect("dict").get(b"OCGs").expect("OCGs");
        assert!(!groups.as_array().expect("array").is_empty());
    }

    // The attached file, named after its paper's place in the pack.
    let names = pack
        .deref(catalog.get(b"Names").expect("Names"))
        .as_dict()
        .expect("dict");
    let files = pack.deref(names.get(b"EmbeddedFiles").expect("EmbeddedFiles"));
    let list = pack
        .deref(files.as_dict().expect("dict").get(b"Names").expect("Names"))
        .as_array()
        .expect("array");
    assert_eq!(list.len(), 2);
    assert_eq!(decode_text(list[0].as_str().expect("key")), "004 image.png");
    {
        require("qpdf");
        let path = temp("extras-attach.pdf", &out);
        let listed = Command::new("qpdf")
            .arg("--list-attachments")
            .arg(&path)
            .output()
            .expect("qpdf");
        let _ = std::fs::remove_file(path);
        assert!(String::from_utf8_lossy(&listed.stdout).contains("image.png"));
    }
}

#[test]
fn a_password_protected_paper_is_refused_by_name() {
    let path = corpus().join("005-libreoffice-writer-password_libreoffice-writer-password.pdf");
    let bytes = std::fs::read(path).expect("005");
    let sources = [Source {
        name: "Paper C (Estates strategy)".into(),
        bytes: &bytes,
    }];
    let err =
        assemble(&sources, &[run(0, 0, 1)], &[], &opts(), &mut no_progress()).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "Paper C (Estates strategy): it is protected by a password; ask the author for a copy \
         without a password"
    );
}

#[test]
fn an_owner_password_only_paper_is_carried_unencrypted() {
    use lopdf::encryption::crypt_filters::{Aes128CryptFilter, CryptFilter};
    use lopdf::{EncryptionState, EncryptionVersion, Permissions};
    use std::sync::Arc;

    let mut doc = Document::load_mem(&nasty()).expect("nasty");
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
            Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
        ]),
    );
    let filter: Arc<dyn CryptFilter> = Arc::new(Aes128CryptFilter);
    let version = EncryptionVersion::V4 {
        document: &doc,
        encrypt_metadata: true,
        crypt_filters: [(b"StdCF".to_vec(), filter)].into_iter().collect(),
        stream_filter: b"StdCF".to_vec(),
        string_filter: b"StdCF".to_vec(),
        owner_password: "owner secret",
        user_password: "",
        permissions: Permissions::PRINTABLE,
    };
    let state = EncryptionState::try_from(version).expect("encryption");
    doc.encrypt(&state).expect("encrypt");
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    assert!(inspect(&bytes).expect("accepted").owner_password_only);

    let sources = [Source {
        name: "Paper O".into(),
        bytes: &bytes,
    }];
    let out = assemble(&sources, &[run(0, 0, 4)], &[], &opts(), &mut no_progress())
        .expect("owner-password-only papers assemble");
    let pack = Pack::read(&out);
    assert!(!pack.doc.trailer.has(b"Encrypt"));
    assert_eq!(pack.pages.len(), 4);
    qpdf_check("owner.pdf", &out);
    check_footers("owner.pdf", &out, PREFIX, 4);
}

#[test]
fn a_page_used_twice_gets_its_own_annotations() {
    let bytes = nasty();
    let sources = [Source {
        name: "Paper N".into(),
        bytes: &bytes,
    }];
    // Page 2 (with a link to page 1) twice, then page 1.
    let runs = [run(0, 1, 1), run(0, 1, 1), run(0, 0, 1)];
    let out = assemble(&sources, &runs, &[], &opts(), &mut no_progress()).expect("pack");
    let pack = Pack::read(&out);
    let annots = |i: usize| {
        let page = pack.doc.get_dictionary(pack.pages[i]).expect("page");
        pack.deref(page.get(b"Annots").expect("annots"))
            .as_array()
            .expect("array")
            .clone()
    };
    assert_ne!(
        annots(0),
        annots(1),
        "the repeated page shares annotation objects"
    );
    assert_eq!(
        pack.links(),
        vec![(0, "page 2".into()), (1, "page 2".into())]
    );
    qpdf_check("twice.pdf", &out);
    check_footers("twice.pdf", &out, PREFIX, 3);
}

// ---------------------------------------------------------------------------------------
// The footer and the marking, in the pack's own coordinates

/// A one-page A4 paper whose text runs from 5 mm above its foot to 5 mm below its head, with
/// a link at its foot.
fn edge_to_edge() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let content =
        b"BT /F1 10 Tf 72 14 Td (Foot line) Tj ET BT /F1 10 Tf 72 818 Td (Head line) Tj ET"
            .to_vec();
    let contents = doc.add_object(Stream::new(dictionary! {}, content));
    let pages = doc.new_object_id();
    let link = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Link",
        "Rect" => vec![72.into(), 10.into(), 140.into(), 24.into()],
        "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal("https://example.org") },
    });
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "Contents" => contents,
        "Annots" => vec![link.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    bytes
}

/// The operations of one of a page's content streams.
fn operations(doc: &Document, stream: &Object) -> Vec<lopdf::content::Operation> {
    let id = stream.as_reference().expect("a stream reference");
    let s = doc
        .get_object(id)
        .and_then(Object::as_stream)
        .expect("stream");
    let data = s
        .decompressed_content()
        .unwrap_or_else(|_| s.content.clone());
    lopdf::content::Content::decode(&data)
        .expect("content")
        .operations
}

fn numbers(op: &lopdf::content::Operation) -> Vec<f32> {
    op.operands
        .iter()
        .filter_map(|o| o.as_float().ok())
        .collect()
}

/// The footer's baseline is 12 mm up (its descenders more than 10 mm from the edge), the
/// marking's capitals more than 10 mm below the head, and a paper whose own text runs to
/// within 5 mm of both edges is moved (shrunk just enough) so that neither covers it; its
/// link moves with it. Without a footer or marking the same page is left as it is.
#[test]
fn the_footer_and_marking_keep_10_mm_from_the_edges_and_clear_of_the_paper() {
    const MM: f32 = 72.0 / 25.4;
    let paper = edge_to_edge();
    let sources = [Source {
        name: "Edge to edge".into(),
        bytes: &paper,
    }];
    let runs = [Run {
        marking: Some("CONFIDENTIAL – Part 2".into()),
        ..run(0, 0, 1)
    }];
    let out = assemble(&sources, &runs, &[], &opts(), &mut no_progress()).expect("pack");
    let doc = Document::load_mem(&out).expect("read back");
    let page = *doc.get_pages().values().next().expect("a page");
    let d = doc.get_dictionary(page).expect("page");
    let contents = d
        .get(b"Contents")
        .and_then(Object::as_array)
        .expect("contents");
    // The leading stream sets the transform the paper's content is drawn under.
    let lead = operations(&doc, &contents[0]);
    let cm = lead
        .iter()
        .find(|o| o.operator == "cm")
        .expect("the paper is moved");
    let m = numbers(cm);
    let at = |x: f32, y: f32| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
    let scale = m[0];
    assert!(scale < 1.0 && scale > 0.9, "shrunk a little: {m:?}");
    // The foot line's descenders and the head line's ascenders, where they now are.
    let (_, foot) = at(72.0, 14.0 - 3.0);
    let (_, head) = at(72.0, 818.0 + 10.0);
    assert!(foot >= 16.0 * MM - 0.1, "the paper's foot line at {foot}");
    assert!(
        head <= 842.0 - 16.0 * MM + 0.1,
        "the paper's head line at {head}"
    );
    // Its link moved with it.
    let annots = d.get(b"Annots").and_then(Object::as_array).expect("annots");
    let link = doc
        .get_dictionary(annots[0].as_reference().expect("ref"))
        .expect("link");
    let rect: Vec<f32> = link
        .get(b"Rect")
        .and_then(Object::as_array)
        .expect("rect")
        .iter()
        .filter_map(|o| o.as_float().ok())
        .collect();
    let (want_x, want_y) = at(72.0, 10.0);
    assert!(
        (rect[0] - want_x).abs() < 0.01 && (rect[1] - want_y).abs() < 0.01,
        "{rect:?}"
    );
    // The last stream draws the footer, then the marking: each a Tm in display space.
    let tail = operations(&doc, contents.last().expect("tail"));
    let text_at: Vec<Vec<f32>> = tail
        .iter()
        .filter(|o| o.operator == "Tm")
        .map(numbers)
        .collect();
    let footer = text_at.first().expect("a footer");
    let marking = text_at.last().expect("a marking");
    // 8 pt type descends about 1.7 pt; 9 pt capitals rise about 6.5 pt.
    assert!(
        footer[5] - 0.25 * 8.0 >= 10.0 * MM,
        "footer baseline {}",
        footer[5]
    );
    assert!(
        footer[5] + 8.0 <= 16.0 * MM,
        "footer above the band: {}",
        footer[5]
    );
    assert!(
        842.0 - (marking[5] + 0.75 * 9.0) >= 10.0 * MM,
        "marking at {}",
        marking[5]
    );
    assert!(
        marking[5] - 0.25 * 9.0 >= 842.0 - 16.0 * MM,
        "marking below the band"
    );

    // No footer or marking: nothing to keep clear of, so nothing moves.
    let bare = [Run {
        footer: None,
        ..run(0, 0, 1)
    }];
    let out = assemble(&sources, &bare, &[], &opts(), &mut no_progress()).expect("pack");
    let doc = Document::load_mem(&out).expect("read back");
    let page = *doc.get_pages().values().next().expect("a page");
    let contents = doc
        .get_dictionary(page)
        .and_then(|d| d.get(b"Contents"))
        .and_then(Object::as_array)
        .expect("contents");
    assert!(operations(&doc, &contents[0])
        .iter()
        .all(|o| o.operator != "cm"));
}
