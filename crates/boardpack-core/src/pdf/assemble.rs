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

use super::font::{char_width, FontStyle};
use super::inspect::PdfProblem;

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
    // Pack page k (0-based) is object k + 1; the page tree root and the footer font follow.
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
        next: total as u32 + 3,
        borrowed: HashMap::new(),
    };
    let pages_root: ObjectId = (total as u32 + 1, 0);
    let font_id: ObjectId = (total as u32 + 2, 0);
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
                let mut geometry =
                    import_page(&mut import, &mut out, page, page_id(k), pages_root, font_id);
                geometry.balance = prepared.balance(run.first + i);
                let footer = run
                    .footer
                    .as_deref()
                    .map(|prefix| format!("{prefix} · Page {} of {total}", k + 1));
                finish_page(
                    &mut out,
                    page_id(k),
                    &geometry,
                    footer.as_deref(),
                    &mut prefixes,
                );
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
    out.objects.insert(
        font_id,
        Object::Dictionary(dict(vec![
            ("Type", name("Font")),
            ("Subtype", name("Type1")),
            ("BaseFont", name("Helvetica")),
            ("Encoding", name("WinAnsiEncoding")),
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

/// Loads a source, refusing what cannot be read or needs a password.
fn load(bytes: &[u8]) -> Result<Document, PdfProblem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(PdfProblem::Empty);
    }
    let doc = catch_unwind(|| Document::load_mem(bytes))
        .map_err(|_| PdfProblem::Damaged("the PDF reader gave up on it".into()))?
        .map_err(|e| PdfProblem::Damaged(e.to_string()))?;
    if doc.is_encrypted() {
        return Err(PdfProblem::Encrypted);
    }
    Ok(doc)
}

// ---------------------------------------------------------------------------------------
// Page tree

/// A page of a source with the attributes it inherits from its ancestors.
#[derive(Debug, Clone)]
struct SourcePage {
    id: ObjectId,
    media_box: Option<Object>,
    crop_box: Option<Object>,
    resources: Option<Object>,
    rotate: Option<Object>,
}

#[derive(Debug)]
struct PageTree {
    pages: Vec<SourcePage>,
    /// The catalog and the page tree's inner nodes: never copied (references become null).
    nodes: BTreeSet<ObjectId>,
}

/// Walks the page tree from the catalog, top down, carrying inheritable attributes and
/// refusing loops (a node reached twice).
fn walk_pages(doc: &Document) -> Result<PageTree, PdfProblem> {
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .ok()
        .zip(doc.catalog().ok())
        .and_then(|(catalog_id, c)| {
            c.get(b"Pages")
                .and_then(Object::as_reference)
                .ok()
                .map(|p| (catalog_id, p))
        });
    let Some((catalog_id, root)) = root else {
        return Err(PdfProblem::Damaged("it has no page tree".into()));
    };
    let mut nodes = BTreeSet::new();
    nodes.insert(catalog_id);
    let mut pages = Vec::new();
    let mut seen = BTreeSet::new();
    let top = SourcePage {
        id: root,
        media_box: None,
        crop_box: None,
        resources: None,
        rotate: None,
    };
    let mut stack = vec![top];
    while let Some(mut node) = stack.pop() {
        if !seen.insert(node.id) {
            return Err(PdfProblem::PageTreeLoop);
        }
        if seen.len() > 1_000_000 {
            return Err(PdfProblem::Damaged(
                "its page tree is implausibly large".into(),
            ));
        }
        let Ok(d) = doc.get_dictionary(node.id) else {
            continue;
        };
        for (key, slot) in [
            (&b"MediaBox"[..], &mut node.media_box),
            (b"CropBox", &mut node.crop_box),
            (b"Resources", &mut node.resources),
            (b"Rotate", &mut node.rotate),
        ] {
            if let Ok(v) = d.get(key) {
                if !matches!(v, Object::Null) {
                    *slot = Some(v.clone());
                }
            }
        }
        let is_pages = d
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Pages")
            || d.has(b"Kids");
        if is_pages {
            nodes.insert(node.id);
            let kids = match d.get(b"Kids") {
                Ok(Object::Array(k)) => Some(k),
                Ok(Object::Reference(r)) => doc.get_object(*r).and_then(Object::as_array).ok(),
                _ => None,
            };
            for kid in kids.into_iter().flatten().rev() {
                if let Ok(k) = kid.as_reference() {
                    stack.push(SourcePage {
                        id: k,
                        ..node.clone()
                    });
                }
            }
        } else {
            pages.push(node);
        }
    }
    if pages.is_empty() {
        return Err(PdfProblem::NoPages);
    }
    Ok(PageTree { pages, nodes })
}

// ---------------------------------------------------------------------------------------
// Copying objects

/// The pack being built: objects by their final number.
#[derive(Debug)]
struct Output {
    objects: BTreeMap<ObjectId, Object>,
    next: u32,
    /// Streams copied from a source: the pack holds their dictionary (with an empty
    /// content); the data is written straight from the source (index, source object).
    borrowed: HashMap<ObjectId, (usize, ObjectId)>,
}

impl Output {
    fn reserve(&mut self) -> ObjectId {
        let id = (self.next, 0);
        self.next += 1;
        id
    }

    fn add(&mut self, object: Object) -> ObjectId {
        let id = self.reserve();
        self.objects.insert(id, object);
        id
    }

    /// Follows a reference inside the pack (one level is all the pack ever needs, but a
    /// chain is followed a few steps).
    fn resolve<'o>(&'o self, mut object: &'o Object) -> &'o Object {
        for _ in 0..8 {
            match object {
                Object::Reference(id) => match self.objects.get(id) {
                    Some(o) => object = o,
                    None => return &Object::Null,
                },
                _ => return object,
            }
        }
        &Object::Null
    }
}

/// Copies objects from one source into the pack, renumbering as it goes.
struct Import<'a> {
    doc: &'a Document,
    /// Index of the source.
    source: usize,
    /// Source object → pack object, for everything copied or queued.
    map: HashMap<ObjectId, ObjectId>,
    /// Source objects given a pack number but not copied yet.
    queue: VecDeque<ObjectId>,
    /// Source page → the pack page it became (first occurrence).
    page_map: HashMap<ObjectId, ObjectId>,
    /// Never copied: the catalog and the page tree's inner nodes.
    blocked: &'a BTreeSet<ObjectId>,
    /// Named destinations of the source (name → destination, unresolved).
    names: &'a HashMap<Vec<u8>, Object>,
    /// The source's pages in order.
    pages: Vec<ObjectId>,
}

impl Import<'_> {
    /// What a reference to `old` becomes in the pack: a page of the pack, `null` (missing,
    /// a page left out, the page tree), or a newly numbered copy (queued).
    fn map_ref(&mut self, old: ObjectId, out: &mut Output) -> Object {
        if let Some(&new) = self.page_map.get(&old) {
            return Object::Reference(new);
        }
        if let Some(&new) = self.map.get(&old) {
            return Object::Reference(new);
        }
        if self.blocked.contains(&old) || self.is_page(old) || !self.doc.objects.contains_key(&old)
        {
            return Object::Null;
        }
        let new = out.reserve();
        self.map.insert(old, new);
        self.queue.push_back(old);
        Object::Reference(new)
    }

    /// A page object that is not in the pack (pages in the pack are in `page_map`).
    fn is_page(&self, id: ObjectId) -> bool {
        matches!(self.doc.objects.get(&id), Some(Object::Dictionary(d))
            if d.get(b"Type").and_then(Object::as_name).is_ok_and(|n| n == b"Page"))
    }

    /// Copies everything queued (and what it references) into the pack.
    fn drain(&mut self, out: &mut Output) {
        while let Some(old) = self.queue.pop_front() {
            let Some(&new) = self.map.get(&old) else {
                continue;
            };
            let mut object = match self.doc.objects.get(&old) {
                // Stream data is not copied: the writer takes it from the source.
                Some(Object::Stream(s)) => {
                    let mut dict = s.dict.clone();
                    dict.set("Length", Object::Integer(s.content.len() as i64));
                    out.borrowed.insert(new, (self.source, old));
                    Object::Stream(Stream {
                        dict,
                        content: Vec::new(),
                        allows_compression: s.allows_compression,
                        start_position: None,
                    })
                }
                Some(o) => o.clone(),
                None => Object::Null,
            };
            self.rewrite(&mut object, out);
            out.objects.insert(new, object);
        }
    }

    /// Rewrites references inside a direct object, and named or dangling destinations.
    fn rewrite(&mut self, object: &mut Object, out: &mut Output) {
        match object {
            Object::Reference(id) => *object = self.map_ref(*id, out),
            Object::Array(items) => {
                for item in items {
                    self.rewrite(item, out);
                }
            }
            Object::Dictionary(d) => self.rewrite_dict(d, out),
            Object::Stream(s) => self.rewrite_dict(&mut s.dict, out),
            _ => {}
        }
    }

    fn rewrite_dict(&mut self, d: &mut Dictionary, out: &mut Output) {
        let goto = d
            .get(b"S")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"GoTo");
        let mut dropped: Vec<Vec<u8>> = Vec::new();
        for (key, value) in d.iter_mut() {
            if key == b"Dest" || (goto && key == b"D") {
                match self.destination(value) {
                    Some(dest) => *value = Object::Array(dest),
                    None => dropped.push(key.clone()),
                }
            } else {
                self.rewrite(value, out);
            }
        }
        for key in dropped {
            d.remove(&key);
        }
    }

    /// A destination (explicit, named, indirect, or a dictionary with `/D`) as an explicit
    /// destination in the pack, or `None` when its page is not in the pack.
    fn destination(&self, dest: &Object) -> Option<Vec<Object>> {
        let explicit = self.explicit(dest, 0)?;
        let (page, rest) = explicit.split_first()?;
        let page = match page {
            Object::Reference(id) => *self.page_map.get(id)?,
            // Some producers write a page number (0-based) where a local link needs the
            // page object.
            Object::Integer(n) => {
                let old = self.pages.get(usize::try_from(*n).ok()?)?;
                *self.page_map.get(old)?
            }
            _ => return None,
        };
        let mut result = Vec::with_capacity(explicit.len());
        result.push(Object::Reference(page));
        for item in rest {
            let item = match item {
                Object::Reference(id) => match self.doc.get_object(*id) {
                    Ok(o @ (Object::Integer(_) | Object::Real(_) | Object::Name(_))) => o.clone(),
                    _ => Object::Null,
                },
                o => o.clone(),
            };
            result.push(item);
        }
        Some(result)
    }

    /// Resolves a destination in the source to an explicit destination array (source
    /// object numbers).
    fn explicit(&self, dest: &Object, depth: usize) -> Option<Vec<Object>> {
        if depth > 8 {
            return None;
        }
        match dest {
            Object::Array(a) => Some(a.clone()),
            Object::Name(n) | Object::String(n, _) => {
                self.explicit(self.names.get(n.as_slice())?, depth + 1)
            }
            Object::Reference(id) => self.explicit(self.doc.get_object(*id).ok()?, depth + 1),
            Object::Dictionary(d) => self.explicit(d.get(b"D").ok()?, depth + 1),
            _ => None,
        }
    }

    /// The source's own outline, re-targeted to the pack's pages; entries whose page is
    /// not in the pack are left out (their children move up).
    fn adopt_outline(&mut self, out: &mut Output) -> Vec<OutNode> {
        let first = self
            .doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"Outlines").ok())
            .cloned()
            .and_then(|o| deref_dict(self.doc, &o))
            .and_then(|d| d.get(b"First").ok().cloned());
        let mut seen = BTreeSet::new();
        match first {
            Some(first) => self.outline_level(&first, 0, &mut seen, out),
            None => Vec::new(),
        }
    }

    fn outline_level(
        &mut self,
        first: &Object,
        depth: usize,
        seen: &mut BTreeSet<ObjectId>,
        out: &mut Output,
    ) -> Vec<OutNode> {
        let mut nodes = Vec::new();
        if depth > MAX_DEPTH {
            return nodes;
        }
        let mut next = first.as_reference().ok();
        while let Some(id) = next {
            if !seen.insert(id) {
                break;
            }
            let Ok(item) = self.doc.get_dictionary(id).cloned() else {
                break;
            };
            next = item.get(b"Next").and_then(Object::as_reference).ok();
            let children = match item.get(b"First") {
                Ok(f) => self.outline_level(&f.clone(), depth + 1, seen, out),
                Err(_) => Vec::new(),
            };
            let title = match item.get(b"Title") {
                Ok(Object::String(s, _)) => s.clone(),
                Ok(Object::Reference(r)) => match self.doc.get_object(*r) {
                    Ok(Object::String(s, _)) => s.clone(),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
            let target = if let Ok(dest) = item.get(b"Dest") {
                self.destination(dest).map(Target::Dest)
            } else if let Ok(action) = item.get(b"A") {
                let action = deref_dict(self.doc, action);
                match action {
                    Some(a)
                        if a.get(b"S")
                            .and_then(Object::as_name)
                            .is_ok_and(|n| n == b"GoTo") =>
                    {
                        a.get(b"D")
                            .ok()
                            .and_then(|d| self.destination(d))
                            .map(Target::Dest)
                    }
                    Some(a) => {
                        let mut a = Object::Dictionary(a);
                        self.rewrite(&mut a, out);
                        self.drain(out);
                        Some(Target::Action(a))
                    }
                    None => None,
                }
            } else {
                None
            };
            let open = item
                .get(b"Count")
                .and_then(Object::as_i64)
                .is_ok_and(|c| c > 0);
            match target {
                Some(target) => nodes.push(OutNode {
                    title: Object::String(title, StringFormat::Literal),
                    target: Some(target),
                    open,
                    children,
                }),
                None if !children.is_empty() => nodes.extend(children),
                None => {}
            }
        }
        nodes
    }

    /// The source's embedded files (catalog `/Names /EmbeddedFiles`), copied into the pack.
    fn attachments(&mut self, out: &mut Output) -> Vec<(Vec<u8>, Object)> {
        let root = self
            .doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"Names").ok())
            .cloned()
            .and_then(|n| deref_dict(self.doc, &n))
            .and_then(|n| n.get(b"EmbeddedFiles").ok().cloned());
        let mut pairs = Vec::new();
        if let Some(root) = root {
            name_tree(self.doc, &root, &mut pairs);
        }
        let mut result = Vec::with_capacity(pairs.len());
        for (key, mut spec) in pairs {
            self.rewrite(&mut spec, out);
            result.push((key, spec));
        }
        self.drain(out);
        result
    }

    /// Adds the source's interactive form fields that came along with its pages (their
    /// widgets are page annotations) to the pack's form.
    fn form(&mut self, out: &mut Output, form: &mut Form, source: usize) {
        let Some(acro) = self
            .doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"AcroForm").ok())
            .and_then(|a| deref_dict(self.doc, a))
        else {
            return;
        };
        let fields = match acro.get(b"Fields") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(Object::Reference(r)) => self
                .doc
                .get_object(*r)
                .and_then(Object::as_array)
                .cloned()
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let mut any = false;
        for field in fields {
            let Ok(old) = field.as_reference() else {
                continue;
            };
            let Some(&new) = self.map.get(&old) else {
                continue;
            };
            if form.fields.contains(&new) {
                continue;
            }
            any = true;
            form.fields.push(new);
            // Two papers' fields with one name would share a value: rename the later one.
            if let Some(Object::Dictionary(d)) = out.objects.get_mut(&new) {
                if let Ok(Object::String(t, _)) = d.get(b"T") {
                    let title = decode_text_string(t);
                    if !form.names.insert(title.clone()) {
                        let renamed = format!("{title} ({})", source + 1);
                        form.names.insert(renamed.clone());
                        d.set("T", text_string(&renamed));
                    }
                }
            }
        }
        if !any {
            return;
        }
        if acro
            .get(b"NeedAppearances")
            .and_then(Object::as_bool)
            .unwrap_or(false)
        {
            form.need_appearances = true;
        }
        if form.da.is_none() {
            form.da = acro.get(b"DA").ok().cloned();
        }
        if let Some(dr) = acro.get(b"DR").ok().and_then(|d| deref_dict(self.doc, d)) {
            for (category, entries) in dr.iter() {
                let Some(entries) = deref_dict(self.doc, entries) else {
                    continue;
                };
                let slot = form.dr.entry(category.clone()).or_default();
                for (key, value) in entries.iter() {
                    if slot.has(key) {
                        continue;
                    }
                    let mut value = value.clone();
                    self.rewrite(&mut value, out);
                    slot.set(key.clone(), value);
                }
            }
            self.drain(out);
        }
    }

    /// Adds the source's optional content groups (layers) that came along with its pages,
    /// keeping those its default view hides hidden.
    fn optional_content(&self, oc: &mut OptionalContent) {
        let Some(props) = self
            .doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"OCProperties").ok())
            .and_then(|p| deref_dict(self.doc, p))
        else {
            return;
        };
        let refs = |o: Option<&Object>| -> Vec<ObjectId> {
            let items = match o {
                Some(Object::Array(a)) => a.clone(),
                Some(Object::Reference(r)) => self
                    .doc
                    .get_object(*r)
                    .and_then(Object::as_array)
                    .cloned()
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            items
                .iter()
                .filter_map(|i| i.as_reference().ok())
                .filter_map(|old| self.map.get(&old).copied())
                .collect()
        };
        for id in refs(props.get(b"OCGs").ok()) {
            if !oc.groups.contains(&id) {
                oc.groups.push(id);
            }
        }
        let default = props.get(b"D").ok().and_then(|d| deref_dict(self.doc, d));
        if let Some(d) = default {
            for id in refs(d.get(b"OFF").ok()) {
                if !oc.off.contains(&id) {
                    oc.off.push(id);
                }
            }
        }
    }
}

/// The pack's interactive form, gathered from the papers.
#[derive(Debug, Default)]
struct Form {
    fields: Vec<ObjectId>,
    names: BTreeSet<String>,
    dr: BTreeMap<Vec<u8>, Dictionary>,
    da: Option<Object>,
    need_appearances: bool,
}

impl Form {
    fn finish(self) -> Option<Dictionary> {
        if self.fields.is_empty() {
            return None;
        }
        let mut d = Dictionary::new();
        d.set(
            "Fields",
            Object::Array(self.fields.into_iter().map(Object::Reference).collect()),
        );
        if !self.dr.is_empty() {
            let mut dr = Dictionary::new();
            for (category, entries) in self.dr {
                dr.set(category, Object::Dictionary(entries));
            }
            d.set("DR", Object::Dictionary(dr));
        }
        if let Some(da) = self.da {
            d.set("DA", da);
        }
        if self.need_appearances {
            d.set("NeedAppearances", Object::Boolean(true));
        }
        Some(d)
    }
}

/// The pack's optional content (layers), gathered from the papers.
#[derive(Debug, Default)]
struct OptionalContent {
    groups: Vec<ObjectId>,
    off: Vec<ObjectId>,
}

impl OptionalContent {
    fn finish(self) -> Option<Dictionary> {
        if self.groups.is_empty() {
            return None;
        }
        let refs =
            |ids: Vec<ObjectId>| Object::Array(ids.into_iter().map(Object::Reference).collect());
        let mut default = Dictionary::new();
        default.set("OFF", refs(self.off));
        let mut d = Dictionary::new();
        d.set("OCGs", refs(self.groups));
        d.set("D", Object::Dictionary(default));
        Some(d)
    }
}

/// A page that appears in the pack a second time gets its own copies of its annotations
/// (an annotation belongs to one page), pointing back at it.
fn repeat_annotations(d: &mut Dictionary, out: &mut Output, page: ObjectId) {
    let annots = match d.get(b"Annots") {
        Ok(a) => match out.resolve(a) {
            Object::Array(a) => a.clone(),
            _ => return,
        },
        Err(_) => return,
    };
    let mut copies = Vec::with_capacity(annots.len());
    for a in annots {
        let annot = match &a {
            Object::Reference(id) => out.objects.get(id).cloned(),
            Object::Dictionary(_) => Some(a.clone()),
            _ => None,
        };
        if let Some(Object::Dictionary(mut annot)) = annot {
            if annot.has(b"P") {
                annot.set("P", Object::Reference(page));
            }
            copies.push(Object::Reference(out.add(Object::Dictionary(annot))));
        }
    }
    d.set("Annots", Object::Array(copies));
}

/// A PDF text string (UTF-16BE with a byte-order mark, or PDFDocEncoding, read as Latin-1
/// which agrees with it for letters) as Rust text.
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// The dictionary `object` is or refers to, cloned.
fn deref_dict(doc: &Document, object: &Object) -> Option<Dictionary> {
    match object {
        Object::Dictionary(d) => Some(d.clone()),
        Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
        _ => None,
    }
}

/// All (key, value) pairs of a name tree, in tree order, refusing loops.
fn name_tree(doc: &Document, root: &Object, pairs: &mut Vec<(Vec<u8>, Object)>) {
    let mut seen = BTreeSet::new();
    let mut stack = vec![(root.clone(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            continue;
        }
        if let Object::Reference(id) = node {
            if !seen.insert(id) {
                continue;
            }
        }
        let Some(d) = deref_dict(doc, &node) else {
            continue;
        };
        if let Ok(names) = d.get(b"Names").and_then(|n| match n {
            Object::Reference(r) => doc.get_object(*r).and_then(Object::as_array),
            n => n.as_array(),
        }) {
            for pair in names.chunks(2) {
                if let [Object::String(key, _), value] = pair {
                    pairs.push((key.clone(), value.clone()));
                }
            }
        }
        if let Ok(kids) = d.get(b"Kids").and_then(Object::as_array) {
            for kid in kids.iter().rev() {
                stack.push((kid.clone(), depth + 1));
            }
        }
    }
}

/// The source's named destinations: catalog `/Dests` and the `/Names /Dests` tree.
fn named_destinations(doc: &Document) -> HashMap<Vec<u8>, Object> {
    let mut names = HashMap::new();
    let Ok(catalog) = doc.catalog() else {
        return names;
    };
    if let Some(dests) = catalog.get(b"Dests").ok().and_then(|d| deref_dict(doc, d)) {
        for (key, value) in dests.iter() {
            names.insert(key.clone(), value.clone());
        }
    }
    if let Some(tree) = catalog
        .get(b"Names")
        .ok()
        .and_then(|n| deref_dict(doc, n))
        .and_then(|n| n.get(b"Dests").ok().cloned())
    {
        let mut pairs = Vec::new();
        name_tree(doc, &tree, &mut pairs);
        for (key, value) in pairs {
            names.entry(key).or_insert(value);
        }
    }
    names
}

// ---------------------------------------------------------------------------------------
// Pages and the footer

#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    llx: f32,
    lly: f32,
    urx: f32,
    ury: f32,
}

impl Rect {
    fn from_object(doc_get: impl Fn(&Object) -> Option<f32>, object: &Object) -> Option<Rect> {
        let Object::Array(a) = object else {
            return None;
        };
        if a.len() != 4 {
            return None;
        }
        let v: Vec<f32> = a.iter().filter_map(&doc_get).collect();
        if v.len() != 4 || v.iter().any(|x| !x.is_finite()) {
            return None;
        }
        let r = Rect {
            llx: v[0].min(v[2]),
            lly: v[1].min(v[3]),
            urx: v[0].max(v[2]),
            ury: v[1].max(v[3]),
        };
        (r.width() > 0.0 && r.height() > 0.0).then_some(r)
    }

    fn intersect(self, other: Rect) -> Option<Rect> {
        let r = Rect {
            llx: self.llx.max(other.llx),
            lly: self.lly.max(other.lly),
            urx: self.urx.min(other.urx),
            ury: self.ury.min(other.ury),
        };
        (r.width() > 0.0 && r.height() > 0.0).then_some(r)
    }

    fn width(self) -> f32 {
        self.urx - self.llx
    }

    fn height(self) -> f32 {
        self.ury - self.lly
    }
}

/// What the footer and bookmarks need to know about a page of the pack.
#[derive(Debug, Clone)]
struct PageGeometry {
    /// CropBox ∩ MediaBox, in default user space.
    visible: Rect,
    /// 0, 90, 180 or 270.
    rotate: i64,
    /// Graphics-state imbalance of the original content.
    balance: Balance,
    /// The page's content streams, in order (pack numbers).
    contents: Vec<Object>,
}

/// Copies one page of a source into the pack as `new_id` (its content not yet wrapped).
fn import_page(
    import: &mut Import,
    out: &mut Output,
    page: &SourcePage,
    new_id: ObjectId,
    parent: ObjectId,
    font_id: ObjectId,
) -> PageGeometry {
    let mut d = import
        .doc
        .get_dictionary(page.id)
        .cloned()
        .unwrap_or_default();
    d.remove(b"Parent");
    d.remove(b"B"); // article beads: the pack has no article threads
    for (key, value) in [
        ("MediaBox", &page.media_box),
        ("CropBox", &page.crop_box),
        ("Resources", &page.resources),
        ("Rotate", &page.rotate),
    ] {
        match value {
            Some(v) => d.set(key, v.clone()),
            None => {
                d.remove(key.as_bytes());
            }
        }
    }

    // Geometry, read from the source before references are renumbered.
    let number = |o: &Object| -> Option<f32> {
        match o {
            Object::Reference(id) => import.doc.get_object(*id).ok()?.as_float().ok(),
            o => o.as_float().ok(),
        }
    };
    let deref = |o: &Object| -> Object {
        match o {
            Object::Reference(id) => import.doc.get_object(*id).cloned().unwrap_or(Object::Null),
            o => o.clone(),
        }
    };
    let media = page
        .media_box
        .as_ref()
        .and_then(|m| Rect::from_object(number, &deref(m)));
    let crop = page
        .crop_box
        .as_ref()
        .and_then(|c| Rect::from_object(number, &deref(c)));
    if media.is_none() {
        d.set("MediaBox", rect_object(DEFAULT_BOX));
    }
    if crop.is_none() {
        d.remove(b"CropBox");
    }
    let media = media.unwrap_or(DEFAULT_BOX);
    let visible = crop.and_then(|c| c.intersect(media)).unwrap_or(media);
    let rotate = page
        .rotate
        .as_ref()
        .and_then(|r| number(&deref(r)))
        .map_or(0, quarter_turns);
    if page.rotate.is_some() {
        d.set("Rotate", Object::Integer(rotate));
    }

    let mut page_object = Object::Dictionary(d);
    import.rewrite(&mut page_object, out);
    import.drain(out);
    let Object::Dictionary(mut d) = page_object else {
        return PageGeometry {
            visible,
            rotate,
            balance: Balance::default(),
            contents: Vec::new(),
        };
    };
    d.set("Parent", Object::Reference(parent));
    if import.page_map.get(&page.id) != Some(&new_id) {
        repeat_annotations(&mut d, out, new_id);
    }

    // The page's own resources, with the footer font under a name that cannot clash.
    let mut resources = match d.get(b"Resources") {
        Ok(r) => match out.resolve(r) {
            Object::Dictionary(r) => r.clone(),
            _ => Dictionary::new(),
        },
        Err(_) => Dictionary::new(),
    };
    let mut fonts = match resources.get(b"Font") {
        Ok(f) => match out.resolve(f) {
            Object::Dictionary(f) => f.clone(),
            _ => Dictionary::new(),
        },
        Err(_) => Dictionary::new(),
    };
    fonts.set(FOOTER_FONT, Object::Reference(font_id));
    resources.set("Font", Object::Dictionary(fonts));
    d.set("Resources", Object::Dictionary(resources));

    // The original content streams, in order.
    let mut contents = Vec::new();
    match d.get(b"Contents").map(|c| (c.clone(), out.resolve(c))) {
        Ok((Object::Reference(id), Object::Stream(_))) => contents.push(Object::Reference(id)),
        Ok((_, Object::Array(items))) => {
            for item in items {
                if let Object::Reference(id) = item {
                    if matches!(out.objects.get(id), Some(Object::Stream(_))) {
                        contents.push(Object::Reference(*id));
                    }
                }
            }
        }
        _ => {}
    }
    out.objects.insert(new_id, Object::Dictionary(d));
    PageGeometry {
        visible,
        rotate,
        // Filled in by the caller from the source (scanned once per source page).
        balance: Balance::default(),
        contents,
    }
}

/// What a source page's content streams leave open (`q`, `BT`, marked content), scanned
/// from their decoded data. Streams that cannot be decoded are skipped: a viewer cannot
/// draw them either.
fn page_balance(doc: &Document, page: ObjectId) -> Balance {
    let mut streams: Vec<&Stream> = Vec::new();
    let stream_at = |id: &ObjectId| match doc.objects.get(id) {
        Some(Object::Stream(s)) => Some(s),
        _ => None,
    };
    let contents = doc
        .get_dictionary(page)
        .ok()
        .and_then(|d| d.get(b"Contents").ok());
    let items = match contents {
        Some(Object::Reference(id)) => match doc.objects.get(id) {
            Some(Object::Stream(s)) => {
                streams.push(s);
                None
            }
            Some(Object::Array(items)) => Some(items),
            _ => None,
        },
        Some(Object::Array(items)) => Some(items),
        _ => None,
    };
    for item in items.into_iter().flatten() {
        if let Object::Reference(id) = item {
            streams.extend(stream_at(id));
        }
    }
    let mut balance = Balance::default();
    for s in streams {
        let data = catch_unwind(AssertUnwindSafe(|| {
            if s.dict.has(b"Filter") {
                s.decompressed_content_with_limit(MAX_CONTENT).ok()
            } else {
                None
            }
        }))
        .ok()
        .flatten();
        match data {
            Some(data) => balance.scan(&data),
            None if !s.dict.has(b"Filter") => balance.scan(&s.content),
            None => {}
        }
    }
    balance
}

const FOOTER_FONT: &str = "BPFooterF1";

/// A /Rotate value as 0, 90, 180 or 270 (negative and oversized values wrap; values that
/// are not multiples of 90, which the format forbids, go to the nearest).
fn quarter_turns(degrees: f32) -> i64 {
    if !degrees.is_finite() {
        return 0;
    }
    ((degrees / 90.0).round() as i64).rem_euclid(4) * 90
}

/// Wraps the page's content between a leading stream of `q`s and a trailing stream that
/// closes what the content left open, restores the initial graphics state and draws the
/// footer.
fn finish_page(
    out: &mut Output,
    page_id: ObjectId,
    geometry: &PageGeometry,
    footer: Option<&str>,
    prefixes: &mut HashMap<usize, ObjectId>,
) {
    let b = geometry.balance;
    // Enough `q`s that the content's own extra `Q`s never pop past them.
    let opening = (1 - b.min_depth).max(1) as usize;
    let prefix = *prefixes.entry(opening).or_insert_with(|| {
        out.add(Object::Stream(Stream::new(
            Dictionary::new(),
            "q\n".repeat(opening).into_bytes(),
        )))
    });
    let mut tail = String::from("\n");
    if b.in_text {
        tail.push_str("ET\n");
    }
    for _ in 0..b.marked {
        tail.push_str("EMC\n");
    }
    let closing = (opening as i64 + b.depth).max(0);
    for _ in 0..closing {
        tail.push_str("Q\n");
    }
    if let Some(text) = footer {
        tail.push_str(&footer_content(text, geometry.visible, geometry.rotate));
    }
    let suffix = out.add(Object::Stream(Stream::new(
        Dictionary::new(),
        tail.into_bytes(),
    )));
    let mut contents = Vec::with_capacity(geometry.contents.len() + 2);
    contents.push(Object::Reference(prefix));
    contents.extend(geometry.contents.iter().cloned());
    contents.push(Object::Reference(suffix));
    if let Some(Object::Dictionary(d)) = out.objects.get_mut(&page_id) {
        d.set("Contents", Object::Array(contents));
    }
}

/// The footer's drawing operators: a white box and the text, centred at the bottom of the
/// visible area as the page is displayed (turned by its /Rotate).
fn footer_content(text: &str, visible: Rect, rotate: i64) -> String {
    let (w, h) = (visible.width(), visible.height());
    // Display space: origin at the displayed bottom-left, x to the right, y up.
    let (display_w, matrix) = match rotate {
        90 => (h, [0.0, 1.0, -1.0, 0.0, visible.urx, visible.lly]),
        180 => (w, [-1.0, 0.0, 0.0, -1.0, visible.urx, visible.ury]),
        270 => (h, [0.0, -1.0, 1.0, 0.0, visible.llx, visible.ury]),
        _ => (w, [1.0, 0.0, 0.0, 1.0, visible.llx, visible.lly]),
    };
    let (codes, width_at_1) = win_ansi(text);
    // Shrunk to fit a narrow page (however small: the text is always all there).
    let mut size = FOOTER_SIZE;
    let margin = (display_w * 0.05).min(6.0);
    if width_at_1 > 0.0 && width_at_1 * size > display_w - 2.0 * margin {
        size = (display_w - 2.0 * margin) / width_at_1;
    }
    let text_w = width_at_1 * size;
    let x = (display_w - text_w) / 2.0;
    let scale = size / FOOTER_SIZE;
    let baseline = 7.0 * scale;
    let pad = 4.0 * scale;
    let mut hex = String::with_capacity(codes.len() * 2);
    for c in &codes {
        hex.push_str(&format!("{c:02X}"));
    }
    format!(
        "q\n{} cm\n1 g\n{} {} {} {} re f\n0 g\nBT\n/{FOOTER_FONT} {} Tf\n{} {} Td\n<{hex}> Tj\nET\nQ\n",
        matrix.iter().map(|v| num(*v)).collect::<Vec<_>>().join(" "),
        num(x - pad),
        num(baseline - 3.0 * scale),
        num(text_w + 2.0 * pad),
        num(11.0 * scale),
        num(size),
        num(x),
        num(baseline),
    )
}

/// `text` in WinAnsiEncoding (characters it lacks become a plain stand-in or "?") and its
/// width at 1pt in Helvetica (measured with Liberation Sans, its metric twin).
fn win_ansi(text: &str) -> (Vec<u8>, f32) {
    let mut codes = Vec::with_capacity(text.len());
    let mut width = 0.0;
    for c in text.chars() {
        let (code, shown) = match win_ansi_code(c) {
            Some(code) => (code, c),
            None => match c {
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' => (b'-', '-'),
                '\u{00A0}' | '\t' | '\u{2000}'..='\u{200A}' | '\u{202F}' => (b' ', ' '),
                c if c.is_control() => continue,
                _ => (b'?', '?'),
            },
        };
        codes.push(code);
        width += char_width(shown, FontStyle::Regular, 1.0);
    }
    (codes, width)
}

/// The WinAnsiEncoding code of `c`, if it has one.
fn win_ansi_code(c: char) -> Option<u8> {
    let code = match c {
        ' '..='~' => c as u8,
        '\u{00A1}'..='\u{00FF}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(code)
}

fn num(v: f32) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    if r == 0.0 {
        return "0".into();
    }
    let s = format!("{r:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// What a page's content leaves open, found by scanning its operators (strings, comments,
/// dictionaries and inline image data are skipped, so a "Q" inside them does not count).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Balance {
    /// `q`s minus `Q`s at the end.
    depth: i64,
    /// The lowest `depth` reached (negative when the content restores more than it saved).
    min_depth: i64,
    /// Ends inside a text object (`BT` without `ET`).
    in_text: bool,
    /// Marked-content sequences left open.
    marked: i64,
}

impl Balance {
    fn scan(&mut self, data: &[u8]) {
        let n = data.len();
        let mut i = 0;
        while i < n {
            match data[i] {
                b'%' => {
                    while i < n && data[i] != b'\n' && data[i] != b'\r' {
                        i += 1;
                    }
                }
                b'(' => i = skip_string(data, i),
                b'<' => {
                    if data.get(i + 1) == Some(&b'<') {
                        i += 2;
                    } else {
                        while i < n && data[i] != b'>' {
                            i += 1;
                        }
                        i += 1;
                    }
                }
                b'/' => {
                    i += 1;
                    while i < n && is_regular(data[i]) {
                        i += 1;
                    }
                }
                c if !is_regular(c) => i += 1,
                _ => {
                    let start = i;
                    while i < n && is_regular(data[i]) {
                        i += 1;
                    }
                    match &data[start..i] {
                        b"q" => self.depth += 1,
                        b"Q" => {
                            self.depth -= 1;
                            self.min_depth = self.min_depth.min(self.depth);
                        }
                        b"BT" => self.in_text = true,
                        b"ET" => self.in_text = false,
                        b"BMC" | b"BDC" => self.marked += 1,
                        b"EMC" => self.marked = (self.marked - 1).max(0),
                        b"BI" => i = skip_inline_image(data, i),
                        _ => {}
                    }
                }
            }
        }
    }
}

fn is_regular(c: u8) -> bool {
    !matches!(
        c,
        b'\0'
            | b'\t'
            | b'\n'
            | b'\x0C'
            | b'\r'
            | b' '
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

fn is_white(c: u8) -> bool {
    matches!(c, b'\0' | b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// Index just past the literal string starting at `start` (an opening parenthesis).
fn skip_string(data: &[u8], start: usize) -> usize {
    let mut nest = 0usize;
    let mut i = start + 1;
    while i < data.len() {
        match data[i] {
            b'\\' => i += 1,
            b'(' => nest += 1,
            b')' => {
                if nest == 0 {
                    return i + 1;
                }
                nest -= 1;
            }
            _ => {}
        }
        i += 1;
    }
    data.len()
}

/// Index just past the `EI` that ends the inline image whose `BI` ends at `from`.
fn skip_inline_image(data: &[u8], from: usize) -> usize {
    let n = data.len();
    let mut i = from;
    // The image dictionary, up to the ID operator.
    while i + 2 <= n {
        if data[i] == b'I'
            && data[i + 1] == b'D'
            && i > 0
            && !is_regular(data[i - 1])
            && (i + 2 == n || is_white(data[i + 2]))
        {
            i += 3;
            break;
        }
        if data[i] == b'(' {
            i = skip_string(data, i);
            continue;
        }
        i += 1;
    }
    // The image data, up to whitespace, EI, and whitespace or the end.
    while i + 2 <= n {
        if data[i] == b'E'
            && data[i + 1] == b'I'
            && i > 0
            && is_white(data[i - 1])
            && (i + 2 == n || !is_regular(data[i + 2]))
        {
            return i + 2;
        }
        i += 1;
    }
    n
}

// ---------------------------------------------------------------------------------------
// Outline

#[derive(Debug, Clone)]
enum Target {
    Dest(Vec<Object>),
    Action(Object),
}

#[derive(Debug, Clone)]
struct OutNode {
    title: Object,
    target: Option<Target>,
    open: bool,
    children: Vec<OutNode>,
}

fn outline_nodes(
    marks: &[Bookmark],
    run_start: &[usize],
    pages: &[Option<PageGeometry>],
    adopted: &mut HashMap<usize, Vec<OutNode>>,
) -> Vec<OutNode> {
    marks
        .iter()
        .map(|m| {
            let k = run_start.get(m.run).copied().unwrap_or(0);
            let mut children = outline_nodes(&m.children, run_start, pages, adopted);
            if let Some(s) = m.adopt_outline_of {
                if let Some(nodes) = adopted.get(&s) {
                    children.extend(nodes.iter().cloned());
                }
            }
            OutNode {
                title: text_string(&m.title),
                target: Some(Target::Dest(page_top((k as u32 + 1, 0), pages.get(k)))),
                open: !m.children.is_empty(),
                children,
            }
        })
        .collect()
}

/// A destination showing the top of the page as displayed.
fn page_top(page: ObjectId, geometry: Option<&Option<PageGeometry>>) -> Vec<Object> {
    let Some(Some(g)) = geometry else {
        return vec![Object::Reference(page), name("Fit")];
    };
    let v = g.visible;
    let (left, top) = match g.rotate {
        90 => (v.llx, v.lly),
        180 => (v.urx, v.lly),
        270 => (v.urx, v.ury),
        _ => (v.llx, v.ury),
    };
    vec![
        Object::Reference(page),
        name("XYZ"),
        Object::Real(left),
        Object::Real(top),
        Object::Null,
    ]
}

/// How many entries are visible under `nodes` when their parent is open.
fn visible(nodes: &[OutNode]) -> i64 {
    nodes
        .iter()
        .map(|n| 1 + if n.open { visible(&n.children) } else { 0 })
        .sum()
}

/// Writes `nodes` as siblings under `parent`; returns (first, last, visible count).
fn write_outline(
    out: &mut Output,
    nodes: &[OutNode],
    parent: ObjectId,
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = nodes.iter().map(|_| out.reserve()).collect();
    for (i, node) in nodes.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", node.title.clone());
        d.set("Parent", Object::Reference(parent));
        if i > 0 {
            d.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            d.set("Next", Object::Reference(*next));
        }
        match &node.target {
            Some(Target::Dest(dest)) => d.set("Dest", Object::Array(dest.clone())),
            Some(Target::Action(a)) => d.set("A", a.clone()),
            None => {}
        }
        if !node.children.is_empty() {
            let (first, last, _) = write_outline(out, &node.children, ids[i]);
            d.set("First", Object::Reference(first));
            d.set("Last", Object::Reference(last));
            let n = visible(&node.children);
            d.set("Count", Object::Integer(if node.open { n } else { -n }));
        }
        out.objects.insert(ids[i], Object::Dictionary(d));
    }
    let first = ids.first().copied().unwrap_or(parent);
    let last = ids.last().copied().unwrap_or(parent);
    (first, last, visible(nodes))
}

// ---------------------------------------------------------------------------------------
// Writing

/// Drops what nothing refers to, numbers the rest 1, 2, … in order, and writes them to
/// `target` as they go, the data of borrowed streams straight from their source: the same
/// bytes lopdf's `Document::save_to` writes for these objects (a PDF 1.7 file with an
/// uncompressed cross-reference stream), without a second copy of the pack in memory.
fn write(
    out: Output,
    docs: &[Option<&Document>],
    catalog: ObjectId,
    info: ObjectId,
    id: [u8; 16],
    target: &mut dyn Write,
) -> Result<u64, AssembleError> {
    let failed = |e: std::io::Error| AssembleError::Write(e.to_string());
    let Output {
        mut objects,
        borrowed,
        ..
    } = out;
    // Reachable from the catalog and the information dictionary.
    let mut reachable = BTreeSet::new();
    let mut stack = vec![catalog, info];
    while let Some(id) = stack.pop() {
        if !reachable.insert(id) {
            continue;
        }
        if let Some(o) = objects.get(&id) {
            collect_refs(o, &mut stack);
        }
    }
    objects.retain(|id, _| reachable.contains(id));
    let renumber: HashMap<ObjectId, ObjectId> = objects
        .keys()
        .enumerate()
        .map(|(i, &old)| (old, (i as u32 + 1, 0)))
        .collect();
    let mut w = Counting {
        inner: target,
        written: 0,
    };
    w.write_all(b"%PDF-1.7\n%\xBB\xAD\xC0\xDE\n")
        .map_err(failed)?;
    let mut offsets: BTreeMap<u32, u32> = BTreeMap::new();
    let mut max = 0;
    for (old, mut object) in objects {
        renumber_refs(&mut object, &renumber);
        let new = renumber.get(&old).copied().unwrap_or(old);
        max = max.max(new.0);
        // lopdf regenerates these on save, so it never writes a copied one.
        if matches!(object.type_name(), Ok(n) if n == b"ObjStm" || n == b"XRef" || n == b"Linearized")
        {
            continue;
        }
        offsets.insert(new.0, w.written as u32);
        let data = match borrowed.get(&old) {
            Some(&(source, from)) => match docs
                .get(source)
                .copied()
                .flatten()
                .and_then(|d| d.objects.get(&from))
            {
                Some(Object::Stream(s)) => Some(&s.content[..]),
                _ => Some(&[][..]),
            },
            None => None,
        };
        write_indirect(&mut w, new.0, &object, data).map_err(failed)?;
    }
    // The cross-reference stream, numbered after the last object.
    let xref_id = max + 1;
    let xref_start = w.written;
    offsets.insert(xref_id, xref_start as u32);
    let mut index = Vec::new();
    let mut entries = Vec::with_capacity(offsets.len() * 7);
    let mut section: Option<(u32, i64)> = None;
    for (&n, &offset) in &offsets {
        section = match section {
            Some((start, len)) if start as i64 + len == n as i64 => Some((start, len + 1)),
            Some((start, len)) => {
                index.extend([Object::Integer(start as i64), Object::Integer(len)]);
                Some((n, 1))
            }
            None => Some((n, 1)),
        };
        entries.push(1u8);
        entries.extend(offset.to_be_bytes());
        entries.extend(0u16.to_be_bytes());
    }
    if let Some((start, len)) = section {
        index.extend([Object::Integer(start as i64), Object::Integer(len)]);
    }
    let re = |id: ObjectId| Object::Reference(renumber.get(&id).copied().unwrap_or(id));
    let id = Object::String(id.to_vec(), StringFormat::Hexadecimal);
    let length = entries.len() as i64;
    let trailer = dict(vec![
        ("Root", re(catalog)),
        ("Info", re(info)),
        ("ID", Object::Array(vec![id.clone(), id])),
        ("Type", name("XRef")),
        ("Size", Object::Integer(i64::from(xref_id) + 1)),
        (
            "W",
            Object::Array(vec![
                Object::Integer(1),
                Object::Integer(4),
                Object::Integer(2),
            ]),
        ),
        ("Index", Object::Array(index)),
        ("Length", Object::Integer(length)),
    ]);
    write_indirect(
        &mut w,
        xref_id,
        &Object::Dictionary(trailer),
        Some(&entries),
    )
    .map_err(failed)?;
    write!(w, "\nstartxref\n{xref_start}\n%%EOF").map_err(failed)?;
    w.flush().map_err(failed)?;
    Ok(w.written)
}

/// `N 0 obj … endobj` as lopdf frames it; `data` given: `object` is the dictionary of a
/// stream with this data.
fn write_indirect(
    w: &mut Counting,
    number: u32,
    object: &Object,
    data: Option<&[u8]>,
) -> std::io::Result<()> {
    let (separator, end) = match data {
        Some(_) => (false, true),
        None => (need_separator(object), need_end_separator(object)),
    };
    write!(w, "{number} 0 obj\n{}", if separator { " " } else { "" })?;
    match (data, object) {
        (Some(data), Object::Stream(s)) => write_stream(w, &s.dict, data)?,
        (Some(data), Object::Dictionary(d)) => write_stream(w, d, data)?,
        _ => write_object(w, object)?,
    }
    writeln!(w, "{}\nendobj", if end { " " } else { "" })
}

fn write_stream(w: &mut dyn Write, dict: &Dictionary, data: &[u8]) -> std::io::Result<()> {
    write_dictionary(w, dict)?;
    w.write_all(b"stream\n")?;
    w.write_all(data)?;
    w.write_all(b"\nendstream")
}

// The object syntax exactly as lopdf 0.47 writes it (its `Writer` is not public); the
// tests compare the two on every object of the corpus.

fn need_separator(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

fn need_end_separator(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Name(_)
            | Object::Reference(_)
            | Object::Stream(_)
    )
}

fn write_object(w: &mut dyn Write, object: &Object) -> std::io::Result<()> {
    match object {
        Object::Null => w.write_all(b"null"),
        Object::Boolean(true) => w.write_all(b"true"),
        Object::Boolean(false) => w.write_all(b"false"),
        Object::Integer(v) => write!(w, "{v}"),
        Object::Real(v) => {
            let text = v.to_string();
            w.write_all(text.as_bytes())?;
            if v.is_finite() && !text.contains('.') {
                w.write_all(b".0")?;
            }
            Ok(())
        }
        Object::Name(n) => write_name(w, n),
        Object::String(text, StringFormat::Literal) => write_literal(w, text),
        Object::String(text, StringFormat::Hexadecimal) => {
            w.write_all(b"<")?;
            for byte in text {
                write!(w, "{byte:02X}")?;
            }
            w.write_all(b">")
        }
        Object::Array(items) => {
            w.write_all(b"[")?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 && need_separator(item) {
                    w.write_all(b" ")?;
                }
                write_object(w, item)?;
            }
            w.write_all(b"]")
        }
        Object::Dictionary(d) => write_dictionary(w, d),
        Object::Stream(s) => write_stream(w, &s.dict, &s.content),
        Object::Reference(id) => write!(w, "{} {} R", id.0, id.1),
    }
}

fn write_dictionary(w: &mut dyn Write, d: &Dictionary) -> std::io::Result<()> {
    w.write_all(b"<<")?;
    for (key, value) in d {
        write_name(w, key)?;
        if need_separator(value) {
            w.write_all(b" ")?;
        }
        write_object(w, value)?;
    }
    w.write_all(b">>")
}

fn write_name(w: &mut dyn Write, name: &[u8]) -> std::io::Result<()> {
    w.write_all(b"/")?;
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            write!(w, "#{byte:02X}")?;
        } else {
            w.write_all(&[byte])?;
        }
    }
    Ok(())
}

/// A literal string: backslashes, carriage returns and unbalanced parentheses escaped.
fn write_literal(w: &mut dyn Write, text: &[u8]) -> std::io::Result<()> {
    let mut escape = vec![false; text.len()];
    let mut open = Vec::new();
    let mut any = false;
    for (i, &byte) in text.iter().enumerate() {
        match byte {
            b'(' => open.push(i),
            // An unbalanced closing parenthesis (the guard pops its match).
            b')' if open.pop().is_none() => {
                escape[i] = true;
                any = true;
            }
            b')' => {}
            b'\\' | b'\r' => {
                escape[i] = true;
                any = true;
            }
            _ => {}
        }
    }
    for i in open {
        escape[i] = true;
        any = true;
    }
    w.write_all(b"(")?;
    if any {
        for (i, &byte) in text.iter().enumerate() {
            if escape[i] {
                w.write_all(&[b'\\', if byte == b'\r' { b'r' } else { byte }])?;
            } else {
                w.write_all(&[byte])?;
            }
        }
    } else {
        w.write_all(text)?;
    }
    w.write_all(b")")
}

/// A writer that counts what passes through (for the cross-reference offsets).
struct Counting<'w> {
    inner: &'w mut dyn Write,
    written: u64,
}

impl Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn collect_refs(object: &Object, stack: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => stack.push(*id),
        Object::Array(items) => items.iter().for_each(|o| collect_refs(o, stack)),
        Object::Dictionary(d) => d.iter().for_each(|(_, o)| collect_refs(o, stack)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, o)| collect_refs(o, stack)),
        _ => {}
    }
}

fn renumber_refs(object: &mut Object, map: &HashMap<ObjectId, ObjectId>) {
    match object {
        Object::Reference(id) => match map.get(id) {
            Some(new) => *id = *new,
            None => *object = Object::Null,
        },
        Object::Array(items) => items.iter_mut().for_each(|o| renumber_refs(o, map)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| renumber_refs(o, map)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| renumber_refs(o, map)),
        _ => {}
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

    fn scan(s: &str) -> Balance {
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

    #[test]
    fn win_ansi_maps_typographic_punctuation() {
        let (codes, width) = win_ansi("Board · 3 – O’Neill € ✓");
        assert!(codes.contains(&0xB7));
        assert!(codes.contains(&0x96));
        assert!(codes.contains(&0x92));
        assert!(codes.contains(&0x80));
        assert_eq!(codes.last(), Some(&b'?'));
        assert!(width > 5.0 && width < 15.0, "{width}");
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
        let cm = |rotate| {
            let f = footer_content("Board · Page 1 of 2", visible, rotate);
            f.lines().nth(1).unwrap_or_default().to_string()
        };
        assert_eq!(cm(0), "1 0 0 1 10 20 cm");
        assert_eq!(cm(90), "0 1 -1 0 410 20 cm");
        assert_eq!(cm(180), "-1 0 0 -1 410 620 cm");
        assert_eq!(cm(270), "0 -1 1 0 10 620 cm");
        // Centred across the displayed width; 8pt unless the page is too narrow.
        let f = footer_content("Board · Page 1 of 2", visible, 0);
        assert!(f.contains("/BPFooterF1 8 Tf"), "{f}");
        let tiny = Rect {
            llx: 0.0,
            lly: 0.0,
            urx: 40.0,
            ury: 40.0,
        };
        let f = footer_content("Board · Page 1 of 2", tiny, 0);
        assert!(!f.contains("/BPFooterF1 8 Tf"), "{f}");
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
            .filter(|b| crate::pdf::inspect(b).is_ok())
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
