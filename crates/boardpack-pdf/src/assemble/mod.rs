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
//! Papers that arrive tagged keep their tags (see `structure.rs`): each tagged source's
//! structure tree is rebuilt inside its chunk and handed on with the first page each of its
//! top-level elements marks; the pack writes one structure tree (a `Document` element, one
//! `Sect` per top-level bookmark, i.e. the front cover, the agenda and each agenda item,
//! holding the elements of the runs it covers in page order) and one parent tree that
//! every source's keys are offset into. What the assembler draws itself, the footer and a
//! marking, is a pagination artifact, drawn after the footer stream closed whatever marked
//! content the page left open. When every source that gives pages is tagged the catalog
//! says `/MarkInfo << /Marked true >>`. When some source is untagged the pack still carries
//! the tree of the tagged ones (a reader that follows the tree reads those papers as their
//! authors tagged them) but makes no `/MarkInfo` claim: the untagged papers' content is not
//! marked, so saying the pack is tagged would be false (and PDF/UA fails either way).
//!
//! It must not do I/O, read the clock or use randomness: the same sources, plan and
//! options give byte-identical output. It must not panic on a malformed paper; every
//! refusal is an [`AssembleError`] that names the paper and says what to do. It does not
//! decide what goes into a pack or in which order: that is the caller's plan.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::io::Write;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use thiserror::Error;

use crate::font::{char_width, FontStyle, Unprintable};
use crate::inspect::PdfProblem;
use crate::layout::Colour;
use crate::options::PdfOptions;

mod chunk;
mod footer;
mod import;
mod ink;
mod outline;
mod serialize;
mod structure;

pub(crate) use chunk::{build_chunk, Chunk};
pub(crate) use import::load;

use chunk::*;
use footer::*;
use import::*;
pub(crate) use ink::Clear;
use outline::*;
use serialize::*;
use structure::*;

/// One input PDF: a paper, an appendix, or the pages Boardpack generated.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// How errors name it, e.g. "Paper E (Finance report)".
    pub name: String,
    pub bytes: &'a [u8],
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
    /// A marking printed at the head of each of these pages (a protective marking such as
    /// "CONFIDENTIAL"), the caller's words; `None`: none.
    pub marking: Option<String>,
}

impl Run {
    /// The bands its pages' own content is kept clear of.
    pub(crate) fn clear(&self) -> Clear {
        Clear {
            foot: self.footer.is_some(),
            head: self.marking.is_some(),
        }
    }
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

/// Why a pack cannot be assembled.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AssembleError {
    /// A source cannot be read (damaged, password-protected, no pages, looping page tree).
    #[error("{name}: {problem}")]
    Unreadable { name: String, problem: PdfProblem },
    /// A source's file could not be read from where the caller keeps it.
    #[error("{name} could not be read ({reason})")]
    Missing { name: String, reason: String },
    /// The plan asks for pages a source does not have (it changed since it was attached?).
    #[error("{name}: the pack needs its pages {from} to {to}, but it has only {pages} pages; attach the paper again")]
    PagesMissing {
        name: String,
        from: usize,
        to: usize,
        pages: usize,
    },
    /// The pages Boardpack generated could not be written (a fault in the plan or in this
    /// program).
    #[error("the pack's own pages could not be written ({0})")]
    Generated(crate::write::PdfWriteError),
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
/// A marking's text size in points (bold).
const MARKING_SIZE: f32 = 9.0;
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
/// pack and a last one for the end of the file.
pub fn assemble(
    sources: &[Source],
    runs: &[Run],
    outline: &[Bookmark],
    opts: &PdfOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<u8>, AssembleError> {
    let mut bytes = Vec::new();
    let name_of = |s: usize| sources[s].name.clone();
    let mut load =
        |s: usize, spec: &ChunkSpec, form: &FormInputs| -> Result<Arc<Chunk>, AssembleError> {
            let source = &sources[s];
            let doc = load(source.bytes).map_err(|problem| AssembleError::Unreadable {
                name: source.name.clone(),
                problem,
            })?;
            build_chunk(doc, &source.name, spec, form).map(Arc::new)
        };
    assemble_with(
        sources.len(),
        &name_of,
        &mut load,
        runs,
        outline,
        opts,
        progress,
        &mut bytes,
    )?;
    Ok(bytes)
}

/// Whether a paper's tags would be kept in a pack: its catalog says it is tagged
/// (`/StructTreeRoot`, `/MarkInfo /Marked true`) and its structure tree is sound (no loops,
/// not absurdly deep or large). Stricter than [`crate::is_tagged`], which looks at the
/// tree's root only: a paper whose tree loops passes that but loses its tags here.
pub fn keeps_tags(bytes: &[u8]) -> Result<bool, PdfProblem> {
    Ok(tree_is_kept(&load(bytes)?))
}

/// Whether a pack would keep this opened document's structure tree ([`keeps_tags`]); what
/// [`crate::inspect()`] reports as [`crate::PdfFacts::tagged`], so readiness and the
/// accessibility report promise exactly what the pack does.
pub(crate) fn tree_is_kept(doc: &Document) -> bool {
    read_tree(doc, &mut BTreeSet::new()).is_some()
}

/// Which pages of a source the pack takes (its runs' `(first, count)` in pack order),
/// whether its own bookmarks are adopted, and which footer fonts its pages name: all a
/// source's [`Chunk`] depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ChunkSpec {
    /// Each run's first page, count, and the bands its pages keep clear of.
    pub(crate) runs: Vec<(usize, usize, Clear)>,
    pub(crate) adopt: bool,
    /// The resource names of the pack's footer fonts (which faces its footers need), in
    /// the order the chunk refers to them.
    pub(crate) footer_fonts: Vec<String>,
}

/// What a source's form fields are renamed against: the names earlier sources took, and
/// the source's place (a clash is renamed "name (place)").
#[derive(Debug)]
pub(crate) struct FormInputs {
    pub(crate) taken: BTreeSet<String>,
    pub(crate) source: usize,
}

/// How [`assemble_with`] gets source `s`'s part of the pack.
pub(crate) type LoadChunk<'a> =
    dyn FnMut(usize, &ChunkSpec, &FormInputs) -> Result<Arc<Chunk>, AssembleError> + 'a;

/// The engine under [`assemble`] and [`crate::write_pack`]: numbers every object of the
/// pack before any is written (pages 1…T, the page tree, the footer's fonts, one footer
/// stream per page, then each source's objects in a block of their own), asks `load` for one
/// source's [`Chunk`] at a time, writes it and lets it go, and ends with the outline,
/// catalog, information and cross-reference stream. So at most one source is ever held in
/// memory (plus what the caller keeps), and a chunk kept from an earlier pack is written
/// again by relocating its numbers.
#[allow(clippy::too_many_arguments)]
pub(crate) fn assemble_with(
    sources: usize,
    name_of: &dyn Fn(usize) -> String,
    load: &mut LoadChunk,
    runs: &[Run],
    outline: &[Bookmark],
    opts: &PdfOptions,
    progress: &mut dyn FnMut(usize, usize),
    target: &mut dyn Write,
) -> Result<u64, AssembleError> {
    let total = check_plan(sources, name_of, runs, outline)?;
    let steps = total + 1;
    let failed = |e: std::io::Error| AssembleError::Write(e.to_string());
    let run_start: Vec<usize> = runs
        .iter()
        .scan(0, |at, r| {
            let start = *at;
            *at += r.count;
            Some(start)
        })
        .collect();
    let adopted = adopted_sources(outline);
    let t = total as u32;
    let mut w = Counting {
        inner: target,
        written: 0,
    };
    w.write_all(HEADER).map_err(failed)?;
    let mut offsets: Vec<(u32, u64)> = Vec::with_capacity(total * 4);
    // The footer's fonts, made (and written) before any page: they follow the page tree.
    let mut fonts = PackObjects {
        next: t + 2,
        objects: Vec::new(),
    };
    let mut footer = Footer::new(runs, &mut |o| fonts.add(o))?;
    for (number, object) in &fonts.objects {
        offsets.push((*number, w.written));
        write_indirect(&mut w, *number, object, None).map_err(failed)?;
    }
    let footer_fonts: Vec<u32> = footer.resources.iter().map(|(_, id)| id.0).collect();
    let footer_names: Vec<String> = footer.resources.iter().map(|(n, _)| n.clone()).collect();
    // Then one footer stream per page, then each source's block.
    let tails = fonts.next;
    drop(fonts);
    // Then the structure tree's root, its Document element and one Sect per section,
    // numbered now because the papers' top-level elements point at them.
    let sections = sections(outline, runs.len());
    let struct_root = tails
        .checked_add(t)
        .ok_or_else(|| AssembleError::Plan("the pack has too many objects".into()))?;
    let document = struct_root + 1;
    let sect_ids: Vec<u32> = (0..sections.titles.len() as u32)
        .map(|i| document + 1 + i)
        .collect();
    let mut next = (document + 1)
        .checked_add(sect_ids.len() as u32)
        .ok_or_else(|| AssembleError::Plan("the pack has too many objects".into()))?;
    let mut tags = Tags::new();
    let mut adopted_outlines: HashMap<usize, Vec<OutNode>> = HashMap::new();
    let mut page_boxes: Vec<Option<(Rect, i64)>> = vec![None; total];
    let mut attachments: Vec<(String, Object)> = Vec::new();
    let mut form = Form::default();
    let mut oc = OptionalContent::default();
    let mut done = 0;

    for s in 0..sources {
        let uses: Vec<usize> = (0..runs.len()).filter(|&r| runs[r].source == s).collect();
        if uses.is_empty() && !adopted.contains(&s) {
            continue;
        }
        let spec = ChunkSpec {
            runs: uses
                .iter()
                .map(|&r| (runs[r].first, runs[r].count, runs[r].clear()))
                .collect(),
            adopt: adopted.contains(&s),
            footer_fonts: footer_names.clone(),
        };
        // Pack page of each of the source's page occurrences, in run order.
        let pack_of: Vec<usize> = uses
            .iter()
            .flat_map(|&r| run_start[r]..run_start[r] + runs[r].count)
            .collect();
        let footer_of: Vec<(Option<&str>, Option<&str>)> = uses
            .iter()
            .flat_map(|&r| {
                std::iter::repeat_n(
                    (runs[r].footer.as_deref(), runs[r].marking.as_deref()),
                    runs[r].count,
                )
            })
            .collect();
        // The run of each of the source's page occurrences.
        let run_of: Vec<usize> = uses
            .iter()
            .flat_map(|&r| std::iter::repeat_n(r, runs[r].count))
            .collect();
        let inputs = FormInputs {
            taken: form.names.clone(),
            source: s,
        };
        let chunk = load(s, &spec, &inputs)?;
        if chunk.pages.len() != pack_of.len() {
            return Err(AssembleError::Plan(format!(
                "{} gave {} pages where {} were planned",
                name_of(s),
                chunk.pages.len(),
                pack_of.len()
            )));
        }
        // Each top-level structure element goes into the section of the run holding the
        // first page it marks.
        let top_parents: Vec<u32> = chunk
            .meta
            .structure
            .iter()
            .flat_map(|part| &part.tops)
            .map(|&(_, j)| {
                run_of
                    .get(j as usize)
                    .and_then(|&r| sections.of_run[r])
                    .map_or(document, |i| sect_ids[i])
            })
            .collect();
        let place = Placement {
            base: next,
            pack_of: &pack_of,
            pages_root: t + 1,
            footer_fonts: &footer_fonts,
            tails,
            keys: tags.next_key,
            top_parents: &top_parents,
        };
        next = next
            .checked_add(chunk.locals)
            .ok_or_else(|| AssembleError::Plan("the pack has too many objects".into()))?;
        emit(&chunk, &place, &mut w, &mut offsets).map_err(failed)?;
        for (j, page) in chunk.pages.iter().enumerate() {
            let k = pack_of[j];
            let (prefix, marking) = footer_of[j];
            let mut stamp = prefix
                .map(|prefix| footer.content(prefix, k + 1, total, page.visible, page.rotate))
                .unwrap_or_default();
            if let Some(text) = marking {
                stamp.push_str(&footer.marking(text, page.visible, page.rotate));
            }
            let tail = tail_content(page, Some(stamp.as_str()).filter(|s| !s.is_empty()));
            offsets.push((place.tail(k), w.written));
            write_indirect(
                &mut w,
                place.tail(k),
                &Object::Dictionary(dict(vec![("Length", Object::Integer(tail.len() as i64))])),
                Some(tail.as_bytes()),
            )
            .map_err(failed)?;
            page_boxes[k] = Some((page.visible, page.rotate));
            done += 1;
            progress(done, steps);
        }
        let meta = chunk.meta.relocated(&place);
        if let Some(nodes) = meta.outline {
            adopted_outlines.insert(s, nodes);
        }
        for (name, spec) in meta.attachments {
            // Keys sort in pack order and cannot clash between papers.
            let key = format!("{:03} {}", s + 1, decode_text_string(&name));
            attachments.push((key, spec));
        }
        if let Some(part) = meta.form {
            form.merge(part);
        }
        oc.merge(meta.optional_content);
        match (meta.structure, chunk.meta.structure.as_ref()) {
            (Some(part), Some(symbolic)) => {
                let places: Vec<(usize, u32)> = symbolic
                    .tops
                    .iter()
                    .map(|&(_, j)| {
                        let r = run_of.get(j as usize).copied().unwrap_or(0);
                        (
                            pack_of.get(j as usize).copied().unwrap_or(0),
                            sections.of_run[r].map_or(u32::MAX, |i| i as u32),
                        )
                    })
                    .collect();
                tags.merge(part, &places);
            }
            _ if chunk.pages.is_empty() => {}
            _ => tags.all = false,
        }
    }

    // What belongs to the pack as a whole, numbered after the last source's block.
    let mut pack = PackObjects {
        next,
        objects: Vec::new(),
    };
    let pages_root = t + 1;
    pack.objects.push((
        pages_root,
        Object::Dictionary(dict(vec![
            ("Type", name("Pages")),
            (
                "Kids",
                Object::Array((1..=t).map(|k| Object::Reference((k, 0))).collect()),
            ),
            ("Count", Object::Integer(total as i64)),
        ])),
    ));
    let tree = outline_nodes(outline, &run_start, &page_boxes, &mut adopted_outlines);
    let mut catalog = dict(vec![
        ("Type", name("Catalog")),
        ("Pages", Object::Reference((pages_root, 0))),
    ]);
    if !tree.is_empty() {
        let root = pack.reserve();
        let (first, last, count) = write_outline(&mut pack, &tree, root);
        pack.objects.push((
            root.0,
            Object::Dictionary(dict(vec![
                ("Type", name("Outlines")),
                ("First", Object::Reference(first)),
                ("Last", Object::Reference(last)),
                ("Count", Object::Integer(count)),
            ])),
        ));
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", name("UseOutlines"));
    }
    // The document-level part of PDF/UA (language, title shown, XMP metadata), and the
    // structure tree: claimed as a tagged document only when every source was tagged.
    let metadata = pack.add(Object::Stream(crate::ua::metadata(opts)));
    let all = tags.all && tags.any;
    let root = tags.any.then(|| {
        tags.write(
            &mut pack,
            struct_root,
            document,
            &sect_ids,
            &sections.titles,
        )
    });
    crate::ua::mark_catalog(&mut catalog, opts, metadata, root.filter(|_| all));
    if let Some(root) = root {
        catalog.set("StructTreeRoot", Object::Reference(root));
    }
    if !attachments.is_empty() {
        attachments.sort_by(|a, b| a.0.cmp(&b.0));
        let mut flat = Vec::with_capacity(attachments.len() * 2);
        for (key, spec) in attachments {
            flat.push(text_string(&key));
            flat.push(spec);
        }
        let tree = pack.add(Object::Dictionary(dict(vec![(
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
    let catalog_id = pack.add(Object::Dictionary(catalog));
    let date = Object::String(
        opts.created
            .format("D:%Y%m%d%H%M%S")
            .to_string()
            .into_bytes(),
        StringFormat::Literal,
    );
    let info_id = pack.add(Object::Dictionary(dict(vec![
        ("Title", text_string(&opts.title)),
        ("Author", text_string(&opts.author)),
        ("Subject", text_string(&opts.subject)),
        ("Creator", text_string("Boardpack")),
        ("Producer", text_string("Boardpack")),
        ("CreationDate", date.clone()),
        ("ModDate", date),
    ])));
    for (number, object) in &pack.objects {
        offsets.push((*number, w.written));
        write_indirect(&mut w, *number, object, None).map_err(failed)?;
    }
    let written = finish_file(
        &mut w,
        offsets,
        pack.next,
        catalog_id,
        info_id,
        opts.document_id,
    )
    .map_err(failed)?;
    progress(steps, steps);
    Ok(written)
}

fn adopted_sources(outline: &[Bookmark]) -> BTreeSet<usize> {
    let mut set = BTreeSet::new();
    collect_adopted(outline, &mut set);
    set
}

/// The objects that belong to the pack as a whole (page tree, outline, catalog…), with
/// their final numbers.
#[derive(Debug)]
pub(super) struct PackObjects {
    pub(super) next: u32,
    pub(super) objects: Vec<(u32, Object)>,
}

impl PackObjects {
    pub(super) fn reserve(&mut self) -> ObjectId {
        let id = (self.next, 0);
        self.next += 1;
        id
    }

    pub(super) fn add(&mut self, object: Object) -> ObjectId {
        let id = self.reserve();
        self.objects.push((id.0, object));
        id
    }
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

    fn footer_for(prefix: &str) -> Result<(Footer, PackObjects), AssembleError> {
        let mut out = PackObjects {
            next: 1,
            objects: Vec::new(),
        };
        let runs = [Run {
            source: 0,
            first: 0,
            count: 1,
            footer: Some(prefix.to_owned()),
            marking: None,
        }];
        Footer::new(&runs, &mut |o| out.add(o)).map(|f| (f, out))
    }

    #[test]
    fn footer_text_is_set_in_embedded_faces() {
        let (footer, out) = footer_for("Board · 3 – O’Neill € ✓ · لجنة التدقيق").expect("footer");
        let names: Vec<&str> = footer.resources.iter().map(|(n, _)| n.as_str()).collect();
        // Liberation Sans, Noto Naskh Arabic, Noto Sans Symbols 2: all embedded.
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names.iter().all(|n| n.starts_with(FOOTER_FONT)));
        for (_, id) in &footer.resources {
            let Some((_, Object::Dictionary(font))) = out.objects.iter().find(|(n, _)| *n == id.0)
            else {
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
            // The artifact's BDC, then `q`, then the matrix.
            f.lines().nth(2).unwrap_or_default().to_string()
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

    /// The pack's own writer writes what lopdf's `save_to` writes for the same objects (it
    /// exists so the pack is streamed to its file, a paper at a time).
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
            let mut ours = Vec::new();
            let mut w = Counting {
                inner: &mut ours,
                written: 0,
            };
            w.write_all(HEADER).expect("header");
            let mut offsets = Vec::new();
            for (old, mut object) in objects {
                renumber_refs(&mut object, &renumber);
                let new = renumber[&old];
                theirs.max_id = theirs.max_id.max(new.0);
                if !matches!(object.type_name(), Ok(n) if n == b"ObjStm" || n == b"XRef" || n == b"Linearized")
                {
                    offsets.push((new.0, w.written));
                    let data = match &object {
                        Object::Stream(s) => Some(s.content.clone()),
                        _ => None,
                    };
                    write_indirect(&mut w, new.0, &object, data.as_deref()).expect("write");
                }
                theirs.objects.insert(new, object);
            }
            let n = finish_file(
                &mut w,
                offsets,
                theirs.max_id + 1,
                renumber[&catalog],
                renumber[&info],
                [7; 16],
            )
            .expect("finish");
            assert_eq!(n as usize, ours.len());
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

    /// The same sources give the same bytes every time; a pack reads back.
    #[test]
    fn the_same_sources_assemble_to_the_same_bytes_every_time() {
        let files = corpus();
        let sources: Vec<Source> = files
            .iter()
            .enumerate()
            .map(|(i, b)| Source {
                name: format!("file {i}"),
                bytes: b,
            })
            .collect();
        let runs: Vec<Run> = files
            .iter()
            .enumerate()
            .map(|(i, b)| Run {
                source: i,
                first: 0,
                count: crate::inspect(b).expect("inspect").pages as usize,
                footer: Some(format!("File {i}")),
                marking: None,
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
        let opts = PdfOptions {
            title: "Pack".into(),
            author: "Author".into(),
            subject: "Subject".into(),
            created: chrono::NaiveDateTime::default(),
            lang: "en-GB".into(),
            document_id: [1; 16],
        };
        let expected = assemble(&sources, &runs, &outline, &opts, &mut |_, _| {}).expect("pack");
        let again = assemble(&sources, &runs, &outline, &opts, &mut |_, _| {}).expect("pack");
        assert!(again == expected);
        let doc = Document::load_mem(&expected).expect("the pack reads back");
        let pages: usize = runs.iter().map(|r| r.count).sum();
        assert_eq!(doc.get_pages().len(), pages);
    }
}
