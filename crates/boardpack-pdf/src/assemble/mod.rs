//! Assembling the pack: the pages Boardpack generated (cover, agenda, cover sheets) and the
//! papers' own PDFs, bytes in, one PDF out, with a footer ("… · Page N of M") stamped on
//! every page, the pack's bookmarks (optionally adopting each paper's own bookmarks), and
//! the papers' internal links, form fields, layers and attached files kept working.
//!
//! It exists because a naive page merge breaks real papers: inherited page attributes are
//! lost, named destinations dangle, outlines and forms are dropped, page trees that loop
//! hang the merge, and a footer appended after content that leaves its graphics state
//! unbalanced comes out shrunk or shifted. So this module does its own import: it walks
//! each page tree from the catalog (refusing loops), copies exactly the objects the chosen
//! pages need (renumbered, with references to missing objects turned into `null` first),
//! puts inherited attributes onto each page, turns named destinations into explicit ones,
//! and wraps the original content streams between two small new streams. The originals are
//! decoded only to count what they leave open (`q`, `BT`, `BDC`), never rewritten.
//!
//! It must not do I/O, read the clock or use randomness: the same sources, plan and
//! options give byte-identical output. It must not panic on a malformed paper; every
//! refusal is an [`AssembleError`] that names the paper and says what to do. It does not
//! decide what goes into a pack or in which order: that is the caller's plan.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use chrono::NaiveDateTime;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use thiserror::Error;

use crate::font::{char_width, FontStyle, Unprintable};
use crate::inspect::PdfProblem;
use crate::layout::Colour;

mod footer;
mod import;
mod outline;
mod serialize;

use footer::*;
use import::*;
use outline::*;
use serialize::*;

/// One input PDF: a paper, an appendix, or the pages Boardpack generated.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// How errors name it, e.g. "Paper E (Finance report)".
    pub name: String,
    pub bytes: &'a [u8],
}

/// A source read and checked once, ready to be assembled any number of times: the parsed
/// document, its page tree and named destinations, and (worked out on first use, then kept)
/// what each page's content leaves open. Nothing in it is changed by assembling, so a
/// caller may keep it (behind an `Arc`) and assemble it into later packs: the output is the
/// same bytes as from [`Source`]s.
#[derive(Debug)]
pub struct Prepared {
    doc: Document,
    tree: PageTree,
    names: HashMap<Vec<u8>, Object>,
    balances: Vec<OnceLock<Balance>>,
    size: usize,
}

impl Prepared {
    /// Parses `bytes`, refusing what cannot be read, needs a password, has no pages or a
    /// page tree that loops.
    pub fn parse(bytes: &[u8]) -> Result<Prepared, PdfProblem> {
        let doc = load(bytes)?;
        let tree = walk_pages(&doc)?;
        let names = named_destinations(&doc);
        let balances = tree.pages.iter().map(|_| OnceLock::new()).collect();
        Ok(Prepared {
            doc,
            tree,
            names,
            balances,
            size: bytes.len(),
        })
    }

    /// Its number of pages.
    pub fn pages(&self) -> usize {
        self.tree.pages.len()
    }

    /// The size of the file it was parsed from: about what it holds in memory (stream data
    /// is kept as stored, compressed), for callers that bound a cache.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Graphics-state balance of page `i` (position in the page tree), scanned once.
    fn balance(&self, i: usize) -> Balance {
        *self.balances[i].get_or_init(|| page_balance(&self.doc, self.tree.pages[i].id))
    }
}

/// One input of [`assemble_to`]: a prepared source and how errors name it.
#[derive(Debug, Clone)]
pub struct PreparedSource<'a> {
    pub name: String,
    pub prepared: &'a Prepared,
}

/// A run of consecutive pages from one source, in pack order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Index into the sources.
    pub source: usize,
    /// First page, 0-based, within the source.
    pub first: usize,
    pub count: usize,
    /// Footer prefix for these pages, e.g. "Trust Board · 3 December 2026 · Paper E"; the
    /// footer reads "<prefix> · Page N of M". `None`: no footer on these pages.
    pub footer: Option<String>,
}

/// One bookmark of the pack's outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bookmark {
    pub title: String,
    /// The run whose first page the bookmark opens.
    pub run: usize,
    pub children: Vec<Bookmark>,
    /// Nest this source's own bookmarks under this entry (after `children`), re-targeted to
    /// the pack's pages; entries whose page is not in the pack are left out.
    pub adopt_outline_of: Option<usize>,
}

/// Document information and identity of the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssembleOptions {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// Written as the creation and modification date.
    pub created: NaiveDateTime,
    /// Both halves of the trailer `/ID`.
    pub document_id: [u8; 16],
}

/// Why a pack cannot be assembled.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AssembleError {
    /// A source cannot be read (damaged, password-protected, no pages, looping page tree).
    #[error("{name}: {problem}")]
    Unreadable { name: String, problem: PdfProblem },
    /// The plan asks for pages a source does not have (it changed since it was attached?).
    #[error("{name}: the pack needs its pages {from} to {to}, but it has only {pages} pages; attach the paper again")]
    PagesMissing {
        name: String,
        from: usize,
        to: usize,
        pages: usize,
    },
    /// The plan is inconsistent (a bug in the caller, not in a paper).
    #[error("the pack plan is inconsistent: {0}")]
    Plan(String),
    /// Writing the finished pack failed.
    #[error("the pack could not be written: {0}")]
    Write(String),
    /// A footer holds a character no embedded face can print.
    #[error("a page footer cannot be printed: {0}")]
    Unprintable(Unprintable),
}

/// Largest size a content stream is decoded to when checking its graphics-state balance.
const MAX_CONTENT: usize = 64 * 1024 * 1024;
/// How deep outlines, name trees and reference chains are followed.
const MAX_DEPTH: usize = 64;
/// Footer text size in points (shrunk on pages too narrow for it).
const FOOTER_SIZE: f32 = 8.0;
/// Page size assumed when a page and its ancestors have no usable MediaBox (US Letter, as
/// viewers assume).
const DEFAULT_BOX: Rect = Rect {
    llx: 0.0,
    lly: 0.0,
    urx: 612.0,
    ury: 792.0,
};

/// Assembles the pack: `runs` in order, the outline, the footer on every page of a run that
/// has one. `progress(done, total)` is called as work advances: one step per page of the
/// pack and a last one for writing the file.
pub fn assemble(
    sources: &[Source],
    runs: &[Run],
    outline: &[Bookmark],
    opts: &AssembleOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<u8>, AssembleError> {
    check_plan(sources.len(), &|s| sources[s].name.clone(), runs, outline)?;
    let adopted = adopted_sources(outline);
    // Only the sources the pack uses are read (an unused one may be damaged).
    let mut prepared = Vec::with_capacity(sources.len());
    for (s, source) in sources.iter().enumerate() {
        if runs.iter().any(|r| r.source == s) || adopted.contains(&s) {
            let p = Prepared::parse(source.bytes).map_err(|problem| AssembleError::Unreadable {
                name: source.name.clone(),
                problem,
            })?;
            prepared.push(Some(p));
        } else {
            prepared.push(None);
        }
    }
    let inputs: Vec<(&str, Option<&Prepared>)> = sources
        .iter()
        .zip(&prepared)
        .map(|(s, p)| (s.name.as_str(), p.as_ref()))
        .collect();
    let mut bytes = Vec::new();
    assemble_inner(&inputs, runs, outline, opts, progress, &mut bytes)?;
    Ok(bytes)
}

/// [`assemble`] from sources parsed beforehand (and perhaps kept from an earlier pack),
/// writing the pack to `target` as it goes rather than building it in memory; returns the
/// number of bytes written. Give it a buffered writer. The bytes are exactly those
/// [`assemble`] returns for the same files.
pub fn assemble_to(
    sources: &[PreparedSource],
    runs: &[Run],
    outline: &[Bookmark],
    opts: &AssembleOptions,
    progress: &mut dyn FnMut(usize, usize),
    target: &mut dyn Write,
) -> Result<u64, AssembleError> {
    let inputs: Vec<(&str, Option<&Prepared>)> = sources
        .iter()
        .map(|s| (s.name.as_str(), Some(s.prepared)))
        .collect();
    assemble_inner(&inputs, runs, outline, opts, progress, target)
}

fn adopted_sources(outline: &[Bookmark]) -> BTreeSet<usize> {
    let mut set = BTreeSet::new();
    collect_adopted(outline, &mut set);
    set
}

fn assemble_inner(
    sources: &[(&str, Option<&Prepared>)],
    runs: &[Run],
    outline: &[Bookmark],
    opts: &AssembleOptions,
    progress: &mut dyn FnMut(usize, usize),
    target: &mut dyn Write,
) -> Result<u64, AssembleError> {
    let total = check_plan(sources.len(), &|s| sources[s].0.to_owned(), runs, outline)?;
    let steps = total + 1;
    // Pack page k (0-based) is object k + 1; the page tree root follows, then the footer's
    // fonts.
    let run_start: Vec<usize> = runs
        .iter()
        .scan(0, |at, r| {
            let start = *at;
            *at += r.count;
            Some(start)
        })
        .collect();
    let mut out = Output {
        objects: BTreeMap::new(),
        next: total as u32 + 2,
        borrowed: HashMap::new(),
    };
    let pages_root: ObjectId = (total as u32 + 1, 0);
    let mut footer = Footer::new(runs, &mut out)?;
    let page_id = |k: usize| -> ObjectId { (k as u32 + 1, 0) };

    let adopted = adopted_sources(outline);
    let mut adopted_outlines: HashMap<usize, Vec<OutNode>> = HashMap::new();
    let mut page_boxes: Vec<Option<PageGeometry>> = vec![None; total];
    let mut attachments: Vec<(String, Object)> = Vec::new();
    let mut prefixes: HashMap<usize, ObjectId> = HashMap::new();
    let mut form = Form::default();
    let mut oc = OptionalContent::default();
    let mut done = 0;

    for (s, &(source_name, prepared)) in sources.iter().enumerate() {
        let uses: Vec<usize> = (0..runs.len()).filter(|&r| runs[r].source == s).collect();
        if uses.is_empty() && !adopted.contains(&s) {
            continue;
        }
        let Some(prepared) = prepared else {
            return Err(AssembleError::Plan(format!(
                "{source_name} is used but was not read"
            )));
        };
        let tree = &prepared.tree;
        for &r in &uses {
            let run = &runs[r];
            if run.first + run.count > tree.pages.len() {
                return Err(AssembleError::PagesMissing {
                    name: source_name.to_owned(),
                    from: run.first + 1,
                    to: run.first + run.count,
                    pages: tree.pages.len(),
                });
            }
        }
        // Where each of the source's pages lands (first occurrence wins for links).
        let mut page_map: HashMap<ObjectId, ObjectId> = HashMap::new();
        for &r in &uses {
            let run = &runs[r];
            for i in 0..run.count {
                let old = tree.pages[run.first + i].id;
                page_map.entry(old).or_insert(page_id(run_start[r] + i));
            }
        }
        let mut import = Import {
            doc: &prepared.doc,
            source: s,
            map: HashMap::new(),
            queue: VecDeque::new(),
            page_map,
            blocked: &tree.nodes,
            names: &prepared.names,
            pages: tree.pages.iter().map(|p| p.id).collect(),
        };

        for &r in &uses {
            let run = &runs[r];
            for i in 0..run.count {
                let k = run_start[r] + i;
                let page = &tree.pages[run.first + i];
                let mut geometry = import_page(
                    &mut import,
                    &mut out,
                    page,
                    page_id(k),
                    pages_root,
                    &footer.resources,
                );
                geometry.balance = prepared.balance(run.first + i);
                let stamp = run
                    .footer
                    .as_deref()
                    .map(|prefix| (&mut footer, prefix, k + 1, total));
                finish_page(&mut out, page_id(k), &geometry, stamp, &mut prefixes);
                page_boxes[k] = Some(geometry);
                done += 1;
                progress(done, steps);
            }
        }
        if adopted.contains(&s) {
            let nodes = import.adopt_outline(&mut out);
            adopted_outlines.insert(s, nodes);
        }
        for (name, spec) in import.attachments(&mut out) {
            // Keys sort in pack order and cannot clash between papers.
            let key = format!("{:03} {}", s + 1, decode_text_string(&name));
            attachments.push((key, spec));
        }
        import.form(&mut out, &mut form, s);
        import.optional_content(&mut oc);
    }

    // Page tree: one flat node.
    let kids: Vec<Object> = (0..total).map(|k| Object::Reference(page_id(k))).collect();
    out.objects.insert(
        pages_root,
        Object::Dictionary(dict(vec![
            ("Type", name("Pages")),
            ("Kids", Object::Array(kids)),
            ("Count", Object::Integer(total as i64)),
        ])),
    );

    // Outline.
    let tree = outline_nodes(outline, &run_start, &page_boxes, &mut adopted_outlines);
    let mut catalog = dict(vec![
        ("Type", name("Catalog")),
        ("Pages", Object::Reference(pages_root)),
    ]);
    if !tree.is_empty() {
        let root = out.add(Object::Null);
        let (first, last, count) = write_outline(&mut out, &tree, root);
        out.objects.insert(
            root,
            Object::Dictionary(dict(vec![
                ("Type", name("Outlines")),
                ("First", Object::Reference(first)),
                ("Last", Object::Reference(last)),
                ("Count", Object::Integer(count)),
            ])),
        );
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", name("UseOutlines"));
    }
    if !attachments.is_empty() {
        attachments.sort_by(|a, b| a.0.cmp(&b.0));
        let mut flat = Vec::with_capacity(attachments.len() * 2);
        for (key, spec) in attachments {
            flat.push(text_string(&key));
            flat.push(spec);
        }
        let tree = out.add(Object::Dictionary(dict(vec![(
            "Names",
            Object::Array(flat),
        )])));
        catalog.set(
            "Names",
            Object::Dictionary(dict(vec![("EmbeddedFiles", Object::Reference(tree))])),
        );
    }
    if let Some(acro_form) = form.finish() {
        catalog.set("AcroForm", Object::Dictionary(acro_form));
    }
    if let Some(properties) = oc.finish() {
        catalog.set("OCProperties", Object::Dictionary(properties));
    }
    let catalog_id = out.add(Object::Dictionary(catalog));

    let date = Object::String(
        opts.created
            .format("D:%Y%m%d%H%M%S")
            .to_string()
            .into_bytes(),
        StringFormat::Literal,
    );
    let info_id = out.add(Object::Dictionary(dict(vec![
        ("Title", text_string(&opts.title)),
        ("Author", text_string(&opts.author)),
        ("Subject", text_string(&opts.subject)),
        ("Creator", text_string("Boardpack")),
        ("Producer", text_string("Boardpack")),
        ("CreationDate", date.clone()),
        ("ModDate", date),
    ])));

    let docs: Vec<Option<&Document>> = sources.iter().map(|s| s.1.map(|p| &p.doc)).collect();
    let written = write(out, &docs, catalog_id, info_id, opts.document_id, target)?;
    progress(steps, steps);
    Ok(written)
}

/// Checks the plan's indices; returns the number of pages of the pack.
fn check_plan(
    sources: usize,
    name_of: &dyn Fn(usize) -> String,
    runs: &[Run],
    outline: &[Bookmark],
) -> Result<usize, AssembleError> {
    let mut total = 0usize;
    for (i, run) in runs.iter().enumerate() {
        if run.source >= sources {
            return Err(AssembleError::Plan(format!(
                "part {} of the pack takes pages from source {}, but there are {} sources",
                i + 1,
                run.source + 1,
                sources
            )));
        }
        if run.count == 0 {
            return Err(AssembleError::Plan(format!(
                "part {} of the pack ({}) has no pages",
                i + 1,
                name_of(run.source)
            )));
        }
        total = total.saturating_add(run.count);
    }
    if total == 0 {
        return Err(AssembleError::Plan("the pack has no pages".into()));
    }
    if total >= (u32::MAX / 4) as usize {
        return Err(AssembleError::Plan("the pack has too many pages".into()));
    }
    fn check(marks: &[Bookmark], runs: usize, sources: usize) -> Result<(), AssembleError> {
        for m in marks {
            if m.run >= runs {
                return Err(AssembleError::Plan(format!(
                    "bookmark “{}” opens part {} of the pack, but it has {} parts",
                    m.title,
                    m.run + 1,
                    runs
                )));
            }
            if m.adopt_outline_of.is_some_and(|s| s >= sources) {
                return Err(AssembleError::Plan(format!(
                    "bookmark “{}” adopts the bookmarks of a source that does not exist",
                    m.title
                )));
            }
            check(&m.children, runs, sources)?;
        }
        Ok(())
    }
    check(outline, runs.len(), sources)?;
    Ok(total)
}

fn collect_adopted(marks: &[Bookmark], set: &mut BTreeSet<usize>) {
    for m in marks {
        if let Some(s) = m.adopt_outline_of {
            set.insert(s);
        }
        collect_adopted(&m.children, set);
    }
}

// ---------------------------------------------------------------------------------------
// Small builders

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

fn dict(entries: Vec<(&str, Object)>) -> Dictionary {
    let mut d = Dictionary::new();
    for (k, v) in entries {
        d.set(k, v);
    }
    d
}

fn rect_object(r: Rect) -> Object {
    Object::Array(vec![
        Object::Real(r.llx),
        Object::Real(r.lly),
        Object::Real(r.urx),
        Object::Real(r.ury),
    ])
}

/// A PDF text string: literal when plain ASCII, UTF-16BE with a byte-order mark otherwise.
fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn scan(s: &str) -> Balance {
        let mut b = Balance::default();
        b.scan(s.as_bytes());
        b
    }

    #[test]
    fn balance_counts_operators_not_strings_or_names() {
        assert_eq!(scan("q 1 0 0 1 0 0 cm Q").depth, 0);
        let b = scan("q q (Q) Tj /Q gs % Q\n<51> Tj");
        assert_eq!((b.depth, b.min_depth), (2, 0));
        let b = scan("Q Q q");
        assert_eq!((b.depth, b.min_depth), (-1, -2));
        let b = scan("BT /F1 1 Tf (a\\) Q) Tj /P <</MCID 0>> BDC");
        assert!(b.in_text);
        assert_eq!((b.depth, b.marked), (0, 1));
        let b = scan("q BI /W 1 /H 1 ID \x00Q q\x01 EI Q");
        assert_eq!((b.depth, b.min_depth), (0, 0));
    }

    fn footer_for(prefix: &str) -> Result<(Footer, Output), AssembleError> {
        let mut out = Output {
            objects: BTreeMap::new(),
            next: 1,
            borrowed: HashMap::new(),
        };
        let runs = [Run {
            source: 0,
            first: 0,
            count: 1,
            footer: Some(prefix.to_owned()),
        }];
        Footer::new(&runs, &mut out).map(|f| (f, out))
    }

    #[test]
    fn footer_text_is_set_in_embedded_faces() {
        let (footer, out) = footer_for("Board · 3 – O’Neill € ✓ · لجنة التدقيق").expect("footer");
        let names: Vec<&str> = footer.resources.iter().map(|(n, _)| n.as_str()).collect();
        // Liberation Sans, Noto Naskh Arabic, Noto Sans Symbols 2: all embedded.
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names.iter().all(|n| n.starts_with(FOOTER_FONT)));
        for (_, id) in &footer.resources {
            let Some(Object::Dictionary(font)) = out.objects.get(id) else {
                panic!("no font object");
            };
            assert_eq!(font.get(b"Subtype").ok(), Some(&name("Type0")));
            assert!(font.has(b"ToUnicode"));
        }
        let refused = footer_for("Board 😀").err().map(|e| e.to_string());
        assert!(
            refused.as_deref().is_some_and(|e| e.contains("U+1F600")),
            "{refused:?}"
        );
    }

    #[test]
    fn rotation_wraps_to_quarter_turns() {
        assert_eq!(quarter_turns(0.0), 0);
        assert_eq!(quarter_turns(-90.0), 270);
        assert_eq!(quarter_turns(450.0), 90);
        assert_eq!(quarter_turns(179.0), 180);
        assert_eq!(quarter_turns(f32::MAX), quarter_turns(f32::MAX));
        assert_eq!(quarter_turns(f32::NAN), 0);
    }

    #[test]
    fn footer_is_turned_with_the_page_into_the_visible_area() {
        let visible = Rect {
            llx: 10.0,
            lly: 20.0,
            urx: 410.0,
            ury: 620.0,
        };
        let (mut footer, _) = footer_for("Board").expect("footer");
        let mut cm = |rotate| {
            let f = footer.content("Board", 1, 2, visible, rotate);
            f.lines().nth(1).unwrap_or_default().to_string()
        };
        assert_eq!(cm(0), "1 0 0 1 10 20 cm");
        assert_eq!(cm(90), "0 1 -1 0 410 20 cm");
        assert_eq!(cm(180), "-1 0 0 -1 410 620 cm");
        assert_eq!(cm(270), "0 -1 1 0 10 620 cm");
        // Centred across the displayed width; 8pt unless the page is too narrow.
        let f = footer.content("Board", 1, 2, visible, 0);
        assert!(f.contains("/BPFooterF0 8 Tf"), "{f}");
        let tiny = Rect {
            llx: 0.0,
            lly: 0.0,
            urx: 40.0,
            ury: 40.0,
        };
        let f = footer.content("Board", 1, 2, tiny, 0);
        assert!(
            f.contains("/BPFooterF0 ") && !f.contains("/BPFooterF0 8 Tf"),
            "{f}"
        );
    }

    #[test]
    fn crop_box_is_cut_to_the_media_box() {
        let media = Rect {
            llx: 0.0,
            lly: 0.0,
            urx: 612.0,
            ury: 792.0,
        };
        let number = |o: &Object| o.as_float().ok();
        let crop = Rect::from_object(
            number,
            &Object::Array(vec![
                Object::Integer(700),
                Object::Integer(800),
                Object::Integer(100),
                Object::Real(50.5),
            ]),
        );
        assert_eq!(
            crop.and_then(|c| c.intersect(media)),
            Some(Rect {
                llx: 100.0,
                lly: 50.5,
                urx: 612.0,
                ury: 792.0
            })
        );
        assert_eq!(Rect::from_object(number, &Object::Array(vec![])), None);
        let outside = Rect {
            llx: 700.0,
            lly: 0.0,
            urx: 800.0,
            ury: 10.0,
        };
        assert_eq!(outside.intersect(media), None);
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(595.276), "595.276");
        assert_eq!(num(3.0), "3");
    }

    fn corpus() -> Vec<Vec<u8>> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/realworld");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        paths.sort();
        paths
            .iter()
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .filter_map(|p| std::fs::read(p).ok())
            .filter(|b| crate::inspect(b).is_ok())
            .collect()
    }

    /// The pack's own writer writes what lopdf's `save_to` writes for the same objects (it
    /// exists so the pack need not be built in memory, nor its streams copied).
    #[test]
    fn the_writer_writes_what_lopdf_writes() {
        for bytes in corpus() {
            let doc = Document::load_mem(&bytes).expect("load");
            let catalog = doc
                .trailer
                .get(b"Root")
                .and_then(Object::as_reference)
                .expect("root");
            let mut objects = doc.objects.clone();
            let info = (doc.max_id + 1, 0);
            objects.insert(
                info,
                Object::Dictionary(dict(vec![("Title", text_string("(A) \\ ) (b"))])),
            );
            let output = Output {
                objects: objects.clone(),
                next: 0,
                borrowed: HashMap::new(),
            };
            let mut ours = Vec::new();
            let n = write(output, &[], catalog, info, [7; 16], &mut ours).expect("write");
            assert_eq!(n as usize, ours.len());

            let mut reachable = BTreeSet::new();
            let mut stack = vec![catalog, info];
            while let Some(id) = stack.pop() {
                if reachable.insert(id) {
                    if let Some(o) = objects.get(&id) {
                        collect_refs(o, &mut stack);
                    }
                }
            }
            objects.retain(|id, _| reachable.contains(id));
            let renumber: HashMap<ObjectId, ObjectId> = objects
                .keys()
                .enumerate()
                .map(|(i, &old)| (old, (i as u32 + 1, 0)))
                .collect();
            let mut theirs = Document::with_version("1.7");
            for (old, mut object) in objects {
                renumber_refs(&mut object, &renumber);
                let new = renumber[&old];
                theirs.max_id = theirs.max_id.max(new.0);
                theirs.objects.insert(new, object);
            }
            theirs
                .trailer
                .set("Root", Object::Reference(renumber[&catalog]));
            theirs
                .trailer
                .set("Info", Object::Reference(renumber[&info]));
            let id = Object::String(vec![7; 16], StringFormat::Hexadecimal);
            theirs
                .trailer
                .set("ID", Object::Array(vec![id.clone(), id]));
            let mut expected = Vec::new();
            theirs.save_to(&mut expected).expect("save");
            assert!(
                ours == expected,
                "{} bytes against {}",
                ours.len(),
                expected.len()
            );
        }
    }

    /// Prepared sources give the bytes `assemble` gives, and again when reused.
    #[test]
    fn prepared_sources_assemble_to_the_same_bytes_every_time() {
        let files = corpus();
        let sources: Vec<Source> = files
            .iter()
            .enumerate()
            .map(|(i, b)| Source {
                name: format!("file {i}"),
                bytes: b,
            })
            .collect();
        let prepared: Vec<Prepared> = files
            .iter()
            .map(|b| Prepared::parse(b).expect("parse"))
            .collect();
        let runs: Vec<Run> = prepared
            .iter()
            .enumerate()
            .map(|(i, p)| Run {
                source: i,
                first: 0,
                count: p.pages(),
                footer: Some(format!("File {i}")),
            })
            .collect();
        let outline: Vec<Bookmark> = (0..runs.len())
            .map(|i| Bookmark {
                title: format!("File {i}"),
                run: i,
                children: vec![],
                adopt_outline_of: Some(i),
            })
            .collect();
        let opts = AssembleOptions {
            title: "Pack".into(),
            author: "Author".into(),
            subject: "Subject".into(),
            created: NaiveDateTime::default(),
            document_id: [1; 16],
        };
        let expected = assemble(&sources, &runs, &outline, &opts, &mut |_, _| {}).expect("pack");
        let named: Vec<PreparedSource> = prepared
            .iter()
            .enumerate()
            .map(|(i, p)| PreparedSource {
                name: format!("file {i}"),
                prepared: p,
            })
            .collect();
        for _ in 0..2 {
            let mut bytes = Vec::new();
            let n = assemble_to(&named, &runs, &outline, &opts, &mut |_, _| {}, &mut bytes)
                .expect("pack");
            assert_eq!(n as usize, bytes.len());
            assert!(bytes == expected);
        }
        Document::load_mem(&expected).expect("the pack reads back");
    }
}
