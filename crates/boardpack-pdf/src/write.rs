//! Writes laid pages ([`crate::layout::LaidPage`]) to PDF bytes, directly as PDF objects
//! (lopdf): each page's content stream (shaped text through [`crate::embed`], lines and
//! rectangles), the fonts it used (embedded, subset, with ToUnicode maps), link
//! annotations, a nested outline (bookmarks), the document information dictionary and the
//! trailer `/ID`. The same pages, outline and options give the same bytes, byte for byte.
//!
//! This module must not make layout decisions (it draws exactly what it is given), read the
//! clock, or invent ids: the creation time and the document id are passed in. It refuses
//! text it cannot print ([`PdfWriteError::Unprintable`]) rather than draw a stand-in.

use chrono::NaiveDateTime;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use thiserror::Error;

use crate::embed::{self, Fonts, ShowError, TextState};
use crate::font::Unprintable;
use std::sync::Arc;

use crate::layout::{Colour, Image, Item, Laid, LaidPage, LinkTarget, OutlineEntry};
use crate::options::PdfOptions;
use crate::tags::{self, Kind, LinkTag, PageMarks, PageTags};

/// Why pages could not be written. Apart from [`PdfWriteError::Unprintable`] (text no
/// embedded face can print), each is a fault in the caller's plan or in this program,
/// never in the user's data.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PdfWriteError {
    #[error("there are no pages to write")]
    NoPages,
    #[error("the embedded fonts could not be read")]
    Fonts,
    #[error("{0}")]
    Unprintable(Unprintable),
    #[error("a link on page {from} points to page {to}, but the document has {pages} pages")]
    LinkOutOfRange {
        from: usize,
        to: usize,
        pages: usize,
    },
    #[error("a link on page {from} points to \"{anchor}\", which is not in the document")]
    UnknownAnchor { from: usize, anchor: String },
    #[error("the bookmark \"{title}\" points to page {to}, but the document has {pages} pages")]
    OutlineOutOfRange {
        title: String,
        to: usize,
        pages: usize,
    },
    #[error("the PDF could not be assembled: {0}")]
    Assemble(String),
}

impl From<lopdf::Error> for PdfWriteError {
    fn from(e: lopdf::Error) -> Self {
        PdfWriteError::Assemble(e.to_string())
    }
}

impl From<ShowError> for PdfWriteError {
    fn from(e: ShowError) -> Self {
        match e {
            ShowError::Fonts => PdfWriteError::Fonts,
            ShowError::Unprintable(u) => PdfWriteError::Unprintable(u),
        }
    }
}

/// Writes a laid document with the given outline and document information to PDF bytes:
/// tagged (PDF/UA-1) when the layout gave it a structure ([`Laid::structure`]).
pub fn write(
    laid: &Laid,
    outline: &[OutlineEntry],
    opts: &PdfOptions,
) -> Result<Vec<u8>, PdfWriteError> {
    let mut doc = document(laid, outline, opts)?;
    let mut out = Vec::with_capacity(64 * 1024);
    doc.save_to(&mut out)
        .map_err(|e| PdfWriteError::Assemble(e.to_string()))?;
    Ok(out)
}

/// [`write`], stopping short of the bytes: the finished document as lopdf objects, which
/// the pack's assembler takes straight in (it never writes the generated pages out only to
/// parse them again).
pub fn document(
    laid: &Laid,
    outline: &[OutlineEntry],
    opts: &PdfOptions,
) -> Result<Document, PdfWriteError> {
    let pages = &laid.pages;
    if pages.is_empty() {
        return Err(PdfWriteError::NoPages);
    }
    check_targets(pages, outline)?;
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let resources_id = doc.new_object_id();
    let page_ids: Vec<ObjectId> = pages.iter().map(|_| doc.new_object_id()).collect();
    let mut fonts = Fonts::new();
    let mut images = Images::default();
    let mut tags = Vec::with_capacity(pages.len());
    for (page, &page_id) in pages.iter().zip(&page_ids) {
        let (content, page_tags) = page_content(page, &laid.structure, &mut fonts, &mut images)?;
        tags.push(page_tags);
        let content_id = doc.add_object(embed::compressed(Dictionary::new(), content));
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Page".to_vec()));
        dict.set("Parent", Object::Reference(pages_id));
        dict.set(
            "MediaBox",
            Object::Array(vec![
                Object::Integer(0),
                Object::Integer(0),
                real(page.width),
                real(page.height),
            ]),
        );
        dict.set("Resources", Object::Reference(resources_id));
        dict.set("Contents", Object::Reference(content_id));
        if !laid.structure.is_empty() {
            // Tab order follows the structure.
            dict.set("Tabs", Object::Name(b"S".to_vec()));
        }
        doc.objects.insert(page_id, Object::Dictionary(dict));
    }
    let font_refs = fonts.write(&mut |o| doc.add_object(o));
    let mut font_dict = Dictionary::new();
    for (name, id) in font_refs {
        font_dict.set(name, Object::Reference(id));
    }
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(font_dict));
    if !images.0.is_empty() {
        resources.set(
            "XObject",
            Object::Dictionary(images.write(&mut |o| doc.add_object(o))),
        );
    }
    doc.objects
        .insert(resources_id, Object::Dictionary(resources));
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set(
        "Kids",
        Object::Array(page_ids.iter().map(|&id| Object::Reference(id)).collect()),
    );
    tree.set("Count", Object::Integer(pages.len() as i64));
    doc.objects.insert(pages_id, Object::Dictionary(tree));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog_id));
    finish(doc, laid, &tags, &page_ids, outline, opts)
}

fn check_targets(pages: &[LaidPage], outline: &[OutlineEntry]) -> Result<(), PdfWriteError> {
    let n = pages.len();
    for (from, page) in pages.iter().enumerate() {
        for link in &page.links {
            match &link.target {
                LinkTarget::Page(to) | LinkTarget::PagePoint { page: to, .. } if *to >= n => {
                    return Err(PdfWriteError::LinkOutOfRange {
                        from,
                        to: *to,
                        pages: n,
                    });
                }
                LinkTarget::Anchor(anchor) => {
                    return Err(PdfWriteError::UnknownAnchor {
                        from,
                        anchor: anchor.clone(),
                    });
                }
                _ => {}
            }
        }
    }
    fn walk(entries: &[OutlineEntry], n: usize) -> Result<(), PdfWriteError> {
        for e in entries {
            if e.page >= n {
                return Err(PdfWriteError::OutlineOutOfRange {
                    title: e.title.clone(),
                    to: e.page,
                    pages: n,
                });
            }
            walk(&e.children, n)?;
        }
        Ok(())
    }
    walk(outline, n)
}

fn colour_ops(out: &mut Vec<u8>, c: Colour, op: &[u8]) {
    for v in [c.r, c.g, c.b] {
        embed::num(out, f32::from(v) / 255.0, 3);
        out.push(b' ');
    }
    out.extend_from_slice(op);
    out.push(b'\n');
}

/// Rounds to 1/100 pt, which keeps content streams short and identical across platforms.
fn coord(out: &mut Vec<u8>, v: f32) {
    embed::num(out, v, 2);
}

/// The pictures a document draws, each written once however many pages show it.
#[derive(Default)]
struct Images(Vec<Arc<Image>>);

impl Images {
    /// The resource name of `image` ("Im0"…), adding it the first time.
    fn name(&mut self, image: &Arc<Image>) -> String {
        let index = match self
            .0
            .iter()
            .position(|i| Arc::ptr_eq(i, image) || **i == **image)
        {
            Some(i) => i,
            None => {
                self.0.push(image.clone());
                self.0.len() - 1
            }
        };
        format!("Im{index}")
    }

    /// Writes each picture as an image XObject (Flate-compressed RGB, with its alpha as a
    /// soft mask); the XObject resource dictionary.
    fn write(&self, add: &mut dyn FnMut(Object) -> ObjectId) -> Dictionary {
        let mut names = Dictionary::new();
        for (k, image) in self.0.iter().enumerate() {
            let header = |colour: &[u8]| {
                let mut d = Dictionary::new();
                d.set("Type", Object::Name(b"XObject".to_vec()));
                d.set("Subtype", Object::Name(b"Image".to_vec()));
                d.set("Width", Object::Integer(i64::from(image.width)));
                d.set("Height", Object::Integer(i64::from(image.height)));
                d.set("ColorSpace", Object::Name(colour.to_vec()));
                d.set("BitsPerComponent", Object::Integer(8));
                d
            };
            let mut dict = header(b"DeviceRGB");
            if let Some(alpha) = &image.alpha {
                let mask = add(Object::Stream(embed::compressed(
                    header(b"DeviceGray"),
                    alpha.clone(),
                )));
                dict.set("SMask", Object::Reference(mask));
            }
            let id = add(Object::Stream(embed::compressed(dict, image.rgb.clone())));
            names.set(format!("Im{k}"), Object::Reference(id));
        }
        names
    }
}

/// One page's content stream, and what its marked content belongs to.
fn page_content(
    page: &LaidPage,
    structure: &[crate::layout::StructElem],
    fonts: &mut Fonts,
    images: &mut Images,
) -> Result<(Vec<u8>, PageTags), PdfWriteError> {
    let h = page.height;
    let mut out = Vec::with_capacity(1024);
    let mut fill: Option<Colour> = None;
    let mut stroke: Option<Colour> = None;
    let mut line_width: Option<f32> = None;
    let mut text: Option<TextState> = None;
    let mut marks = PageMarks::new(structure);
    // Opens the marked-content sequence content of `kind` belongs in (a sequence holds
    // whole text objects, so any open one ends first).
    fn mark(
        kind: Kind,
        marks: &mut PageMarks,
        text: &mut Option<TextState>,
        out: &mut Vec<u8>,
    ) -> tags::Mc {
        let want = marks.want(kind);
        if marks.enabled() && !marks.is_open(want) {
            if text.take().is_some() {
                out.extend_from_slice(b"ET\n");
            }
            marks.switch(want, out);
        }
        want
    }
    for item in &page.items {
        if marks.marker(item) {
            continue;
        }
        match item {
            Item::Begin(_) | Item::End => {}
            Item::Text(run) => {
                if run.glyphs.is_empty() {
                    continue;
                }
                mark(Kind::Text, &mut marks, &mut text, &mut out);
                let state = text.get_or_insert_with(|| {
                    out.extend_from_slice(b"BT\n");
                    TextState::default()
                });
                if fill != Some(run.colour) {
                    colour_ops(&mut out, run.colour, b"rg");
                    fill = Some(run.colour);
                }
                if fonts.show(run, run.x, h - run.y, run.colour, state, &mut out)? {
                    stroke = None;
                    line_width = None;
                }
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                colour: c,
            } => {
                mark(Kind::Drawing, &mut marks, &mut text, &mut out);
                if text.take().is_some() {
                    out.extend_from_slice(b"ET\n");
                }
                set_stroke(&mut out, *c, *width, &mut stroke, &mut line_width);
                coord(&mut out, *x1);
                out.push(b' ');
                coord(&mut out, h - y1);
                out.extend_from_slice(b" m ");
                coord(&mut out, *x2);
                out.push(b' ');
                coord(&mut out, h - y2);
                out.extend_from_slice(b" l S\n");
            }
            Item::Image {
                x,
                y,
                w,
                h: ih,
                image,
            } => {
                if !image.is_whole() {
                    return Err(PdfWriteError::Assemble(format!(
                        "the picture “{}” has pixels that do not match its size",
                        image.description
                    )));
                }
                let want = mark(Kind::Image, &mut marks, &mut text, &mut out);
                marks.figure_box(want, [*x, h - y - ih, x + w, h - y]);
                if text.take().is_some() {
                    out.extend_from_slice(b"ET\n");
                }
                let name = images.name(image);
                out.extend_from_slice(b"q ");
                coord(&mut out, *w);
                out.extend_from_slice(b" 0 0 ");
                coord(&mut out, *ih);
                out.push(b' ');
                coord(&mut out, *x);
                out.push(b' ');
                coord(&mut out, h - y - ih);
                out.extend_from_slice(format!(" cm /{name} Do Q\n").as_bytes());
            }
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                fill: f,
                stroke: s,
            } => {
                let op: &[u8] = match (f, s) {
                    (Some(_), Some(_)) => b"B",
                    (Some(_), None) => b"f",
                    (None, Some(_)) => b"S",
                    (None, None) => continue,
                };
                mark(Kind::Drawing, &mut marks, &mut text, &mut out);
                if text.take().is_some() {
                    out.extend_from_slice(b"ET\n");
                }
                if let Some(c) = f {
                    if fill != Some(*c) {
                        colour_ops(&mut out, *c, b"rg");
                        fill = Some(*c);
                    }
                }
                if let Some((c, width)) = s {
                    set_stroke(&mut out, *c, *width, &mut stroke, &mut line_width);
                }
                coord(&mut out, *x);
                out.push(b' ');
                coord(&mut out, h - y - rh);
                out.push(b' ');
                coord(&mut out, *w);
                out.push(b' ');
                coord(&mut out, *rh);
                out.extend_from_slice(b" re ");
                out.extend_from_slice(op);
                out.push(b'\n');
            }
        }
    }
    if text.is_some() {
        out.extend_from_slice(b"ET\n");
    }
    marks.end(&mut out);
    let tags = PageTags {
        mcids: std::mem::take(&mut marks.mcids),
        boxes: std::mem::take(&mut marks.boxes),
    };
    Ok((out, tags))
}

fn set_stroke(
    out: &mut Vec<u8>,
    c: Colour,
    width: f32,
    stroke: &mut Option<Colour>,
    line_width: &mut Option<f32>,
) {
    if *stroke != Some(c) {
        colour_ops(out, c, b"RG");
        *stroke = Some(c);
    }
    if *line_width != Some(width) {
        coord(out, width);
        out.extend_from_slice(b" w\n");
        *line_width = Some(width);
    }
}

/// PDF date string for a naive (local, offset unknown) time.
fn pdf_date(t: &NaiveDateTime) -> String {
    t.format("D:%Y%m%d%H%M%S").to_string()
}

/// A PDF text string: literal when plain ASCII, UTF-16BE with a byte-order mark otherwise.
pub(crate) fn text_string(s: &str) -> Object {
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

pub(crate) fn real(v: f32) -> Object {
    Object::Real((v * 100.0).round() / 100.0)
}

fn destination(page_id: ObjectId, top: Option<f32>) -> Object {
    Object::Array(vec![
        Object::Reference(page_id),
        Object::Name(b"XYZ".to_vec()),
        Object::Null,
        top.map_or(Object::Null, real),
        Object::Null,
    ])
}

/// Links, the structure tree, outline, catalog, metadata, info and `/ID`.
fn finish(
    mut doc: Document,
    laid: &Laid,
    tags: &[PageTags],
    page_ids: &[ObjectId],
    outline: &[OutlineEntry],
    opts: &PdfOptions,
) -> Result<Document, PdfWriteError> {
    let pages = &laid.pages;
    let mut link_tags = Vec::new();
    // Link annotations.
    for (index, (page, &page_id)) in pages.iter().zip(page_ids).enumerate() {
        let mut annots = Vec::with_capacity(page.links.len());
        for link in &page.links {
            let action = match &link.target {
                // The top of the page, whatever part of the page the reader was looking at.
                LinkTarget::Page(to) => {
                    goto(page_ids.get(*to).copied(), pages.get(*to).map(|p| p.height))
                }
                LinkTarget::PagePoint { page: to, y } => {
                    let top = pages.get(*to).map(|p| p.height - y);
                    goto(page_ids.get(*to).copied(), top)
                }
                LinkTarget::Uri(uri) => {
                    let mut a = Dictionary::new();
                    a.set("S", Object::Name(b"URI".to_vec()));
                    a.set(
                        "URI",
                        Object::String(uri.as_bytes().to_vec(), StringFormat::Literal),
                    );
                    Some(a)
                }
                LinkTarget::Anchor(_) => None,
            };
            let Some(action) = action else { continue };
            let mut annot = Dictionary::new();
            annot.set("Type", Object::Name(b"Annot".to_vec()));
            annot.set("Subtype", Object::Name(b"Link".to_vec()));
            annot.set(
                "Rect",
                Object::Array(vec![
                    real(link.x),
                    real(page.height - link.y - link.h),
                    real(link.x + link.w),
                    real(page.height - link.y),
                ]),
            );
            annot.set(
                "Border",
                Object::Array(vec![
                    Object::Integer(0),
                    Object::Integer(0),
                    Object::Integer(0),
                ]),
            );
            annot.set("P", Object::Reference(page_id));
            annot.set("A", Object::Dictionary(action));
            // What a screen reader announces: the link's words, or where it goes.
            let said = match (&link.description, &link.target) {
                (d, _) if !d.trim().is_empty() => d.trim().to_string(),
                (_, LinkTarget::Uri(uri)) => format!("Link to {uri}"),
                (_, LinkTarget::Page(to) | LinkTarget::PagePoint { page: to, .. }) => {
                    format!("Go to page {}", to + 1)
                }
                (_, LinkTarget::Anchor(a)) => format!("Go to {a}"),
            };
            annot.set("Contents", text_string(&said));
            let annot_id = doc.add_object(annot);
            link_tags.push(LinkTag {
                elem: link.elem,
                page: index,
                annot: annot_id,
            });
            annots.push(Object::Reference(annot_id));
        }
        let page_dict = doc.get_object_mut(page_id)?.as_dict_mut()?;
        if annots.is_empty() {
            page_dict.remove(b"Annots");
        } else {
            page_dict.set("Annots", Object::Array(annots));
        }
    }

    // Outline.
    let outline_root = if outline.is_empty() {
        None
    } else {
        let root_id = doc.new_object_id();
        let (first, last, count) = write_outline(&mut doc, outline, root_id, pages, page_ids);
        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"Outlines".to_vec()));
        root.set("First", Object::Reference(first));
        root.set("Last", Object::Reference(last));
        root.set("Count", Object::Integer(count));
        doc.objects.insert(root_id, Object::Dictionary(root));
        Some(root_id)
    };
    let tree = if laid.structure.is_empty() {
        None
    } else {
        Some(tags::write_tree(
            &mut doc,
            &laid.structure,
            tags,
            &link_tags,
            page_ids,
        )?)
    };
    let metadata = doc.add_object(crate::ua::metadata(opts));
    {
        let catalog = doc.catalog_mut()?;
        crate::ua::mark_catalog(catalog, opts, metadata, tree);
        match outline_root {
            Some(root) => {
                catalog.set("Outlines", Object::Reference(root));
                catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
            }
            None => {
                catalog.remove(b"Outlines");
                catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
            }
        }
    }

    // Document information.
    let date = pdf_date(&opts.created);
    let mut info = Dictionary::new();
    info.set("Title", text_string(&opts.title));
    info.set("Author", text_string(&opts.author));
    info.set("Subject", text_string(&opts.subject));
    info.set("Creator", text_string("Boardpack"));
    info.set("Producer", text_string("Boardpack"));
    info.set(
        "CreationDate",
        Object::String(date.clone().into_bytes(), StringFormat::Literal),
    );
    info.set(
        "ModDate",
        Object::String(date.into_bytes(), StringFormat::Literal),
    );
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", Object::Reference(info_id));
    let id = Object::String(opts.document_id.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    Ok(doc)
}

fn goto(page_id: Option<ObjectId>, top: Option<f32>) -> Option<Dictionary> {
    let page_id = page_id?;
    let mut a = Dictionary::new();
    a.set("S", Object::Name(b"GoTo".to_vec()));
    a.set("D", destination(page_id, top));
    Some(a)
}

/// Writes `entries` as siblings under `parent`; returns (first, last, visible count).
fn write_outline(
    doc: &mut Document,
    entries: &[OutlineEntry],
    parent: ObjectId,
    pages: &[LaidPage],
    page_ids: &[ObjectId],
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    let mut count = 0;
    for (i, entry) in entries.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Title", text_string(&entry.title));
        dict.set("Parent", Object::Reference(parent));
        if i > 0 {
            dict.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            dict.set("Next", Object::Reference(*next));
        }
        if let Some(&page_id) = page_ids.get(entry.page) {
            let top = match (entry.y, pages.get(entry.page)) {
                (Some(y), Some(p)) => Some(p.height - y),
                (None, Some(p)) => Some(p.height),
                _ => None,
            };
            dict.set("Dest", destination(page_id, top));
        }
        count += 1;
        if !entry.children.is_empty() {
            let (first, last, n) = write_outline(doc, &entry.children, ids[i], pages, page_ids);
            dict.set("First", Object::Reference(first));
            dict.set("Last", Object::Reference(last));
            dict.set("Count", Object::Integer(n));
            count += n;
        }
        doc.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let first = ids.first().copied().unwrap_or(parent);
    let last = ids.last().copied().unwrap_or(parent);
    (first, last, count)
}
