//! Writes laid pages ([`crate::layout::LaidPage`]) to PDF bytes: page content and embedded
//! fonts through printpdf, then one pass through lopdf for what printpdf cannot do or does
//! not do deterministically — link annotations, a nested outline (bookmarks), the document
//! information dictionary and the trailer `/ID`. The same pages, outline and options give
//! the same bytes, byte for byte.
//!
//! This module must not make layout decisions (it draws exactly what it is given), read the
//! clock, or invent ids: the creation time and the document id are passed in.

use chrono::NaiveDateTime;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};
use thiserror::Error;

use crate::font::{self, FontStyle};
use crate::layout::{Colour, Item, LaidPage, LinkTarget, OutlineEntry};
use crate::options::PdfOptions;
use crate::subset;

/// Why pages could not be written. Each is a fault in the caller's plan or in this program,
/// never in the user's data.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PdfWriteError {
    #[error("there are no pages to write")]
    NoPages,
    #[error("the embedded fonts could not be read")]
    Fonts,
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

/// Writes `pages` with the given outline and document information to PDF bytes.
pub fn write(
    pages: &[LaidPage],
    outline: &[OutlineEntry],
    opts: &PdfOptions,
) -> Result<Vec<u8>, PdfWriteError> {
    let mut doc = document(pages, outline, opts)?;
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| PdfWriteError::Assemble(e.to_string()))?;
    Ok(out)
}

/// [`write`], stopping short of the bytes: the finished document as lopdf objects, which
/// the pack's assembler takes straight in (it never writes the generated pages out only to
/// parse them again).
pub fn document(
    pages: &[LaidPage],
    outline: &[OutlineEntry],
    opts: &PdfOptions,
) -> Result<Document, PdfWriteError> {
    if pages.is_empty() {
        return Err(PdfWriteError::NoPages);
    }
    check_targets(pages, outline)?;
    let (bytes, tags) = render(pages)?;
    finish(&bytes, &tags, pages, outline, opts)
}

/// Subset tags ("ABCDEF") by the PostScript name of the face they tag.
type SubsetTags = Vec<(&'static str, String)>;

/// A subset tag (six capital letters, ISO 32000-1 9.6.4) derived from the face and the
/// characters it carries, so it is the same for the same text and differs between subsets.
fn subset_tag(style: FontStyle, chars: &std::collections::BTreeSet<char>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for b in style.postscript_name().bytes() {
        eat(b);
    }
    for c in chars {
        for b in (*c as u32).to_be_bytes() {
            eat(b);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
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

fn font_id(style: FontStyle) -> FontId {
    FontId(
        match style {
            FontStyle::Regular => "FR",
            FontStyle::Bold => "FB",
            FontStyle::Italic => "FI",
        }
        .to_string(),
    )
}

fn colour(c: Colour) -> Color {
    Color::Rgb(Rgb {
        r: f32::from(c.r) / 255.0,
        g: f32::from(c.g) / 255.0,
        b: f32::from(c.b) / 255.0,
        icc_profile: None,
    })
}

/// Rounds to 1/100 pt, which keeps content streams short and identical across platforms.
fn r(v: f32) -> Pt {
    Pt((v * 100.0).round() / 100.0)
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: r(x), y: r(y) },
        bezier: false,
    }
}

/// Page content and fonts through printpdf.
fn render(pages: &[LaidPage]) -> Result<(Vec<u8>, SubsetTags), PdfWriteError> {
    let faces = font::faces().ok_or(PdfWriteError::Fonts)?;
    let mut doc = PdfDocument::new("");
    let mut tags = SubsetTags::new();
    // Which glyphs each face needs, so the embedded programs carry only those.
    let mut used: [std::collections::BTreeSet<char>; 3] = Default::default();
    for page in pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                used[style_index(run.style)].extend(run.text.chars());
            }
        }
    }
    for style in FontStyle::ALL {
        let chars = &used[style_index(style)];
        if chars.is_empty() {
            continue;
        }
        let mut parsed = faces.get(style).parsed.clone();
        let gids: Vec<u16> = chars
            .iter()
            .filter_map(|c| parsed.lookup_glyph_index(*c as u32))
            .collect();
        if let Some(program) = subset::subset_truetype(font::font_bytes(style), &gids) {
            parsed.original_bytes = program;
            tags.push((style.postscript_name(), subset_tag(style, chars)));
        }
        doc.resources
            .fonts
            .map
            .insert(font_id(style), PdfFont::new(parsed));
    }

    let mut out_pages = Vec::with_capacity(pages.len());
    for page in pages {
        out_pages.push(PdfPage::new(
            printpdf::Mm::from(Pt(page.width)),
            printpdf::Mm::from(Pt(page.height)),
            page_ops(page),
        ));
    }
    doc.with_pages(out_pages);
    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    Ok((doc.save(&save, &mut warnings), tags))
}

fn style_index(style: FontStyle) -> usize {
    match style {
        FontStyle::Regular => 0,
        FontStyle::Bold => 1,
        FontStyle::Italic => 2,
    }
}

fn page_ops(page: &LaidPage) -> Vec<Op> {
    let h = page.height;
    let mut ops = Vec::new();
    let mut fill: Option<Colour> = None;
    let mut stroke: Option<(Colour, f32)> = None;
    let mut in_text = false;
    let mut font_state: Option<(FontStyle, f32)> = None;
    let set_fill = |ops: &mut Vec<Op>, c: Colour, fill: &mut Option<Colour>| {
        if *fill != Some(c) {
            ops.push(Op::SetFillColor { col: colour(c) });
            *fill = Some(c);
        }
    };
    let set_stroke = |ops: &mut Vec<Op>, c: Colour, w: f32, stroke: &mut Option<(Colour, f32)>| {
        if stroke.map(|s| s.0) != Some(c) {
            ops.push(Op::SetOutlineColor { col: colour(c) });
        }
        if stroke.map(|s| s.1) != Some(w) {
            ops.push(Op::SetOutlineThickness { pt: r(w) });
        }
        *stroke = Some((c, w));
    };
    for item in &page.items {
        match item {
            Item::Text(run) => {
                if run.text.is_empty() {
                    continue;
                }
                if !in_text {
                    ops.push(Op::StartTextSection);
                    in_text = true;
                    font_state = None;
                }
                if font_state != Some((run.style, run.size)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_id(run.style)),
                        size: r(run.size),
                    });
                    font_state = Some((run.style, run.size));
                }
                set_fill(&mut ops, run.colour, &mut fill);
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(r(run.x), r(h - run.y)),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(run.text.clone())],
                });
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                colour: c,
            } => {
                if in_text {
                    ops.push(Op::EndTextSection);
                    in_text = false;
                }
                set_stroke(&mut ops, *c, *width, &mut stroke);
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*x1, h - y1), point(*x2, h - y2)],
                        is_closed: false,
                    },
                });
            }
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                fill: f,
                stroke: s,
            } => {
                if in_text {
                    ops.push(Op::EndTextSection);
                    in_text = false;
                }
                let mode = match (f, s) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    (None, Some(_)) => PaintMode::Stroke,
                    (None, None) => continue,
                };
                if let Some(c) = f {
                    set_fill(&mut ops, *c, &mut fill);
                }
                if let Some((c, width)) = s {
                    set_stroke(&mut ops, *c, *width, &mut stroke);
                }
                let mut rect = Rect::from_xywh(r(*x), r(h - y - rh), r(*w), r(*rh));
                rect.mode = Some(mode);
                ops.push(Op::DrawRectangle { rectangle: rect });
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// PDF date string for a naive (local, offset unknown) time.
fn pdf_date(t: &NaiveDateTime) -> String {
    t.format("D:%Y%m%d%H%M%S").to_string()
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

fn real(v: f32) -> Object {
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

/// Links, outline, info and `/ID` through lopdf.
fn finish(
    bytes: &[u8],
    tags: &SubsetTags,
    pages: &[LaidPage],
    outline: &[OutlineEntry],
    opts: &PdfOptions,
) -> Result<Document, PdfWriteError> {
    let mut doc = Document::load_mem(bytes)?;
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if page_ids.len() != pages.len() {
        return Err(PdfWriteError::Assemble(format!(
            "{} pages were laid but {} were written",
            pages.len(),
            page_ids.len()
        )));
    }

    // printpdf names a subset font as if it were whole: tag it.
    for obj in doc.objects.values_mut() {
        if let Object::Dictionary(dict) = obj {
            retag(dict, tags);
        }
    }

    // Link annotations.
    for (page, &page_id) in pages.iter().zip(&page_ids) {
        let mut annots = Vec::with_capacity(page.links.len());
        for link in &page.links {
            let action = match &link.target {
                LinkTarget::Page(to) => goto(page_ids.get(*to).copied(), None),
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
            annots.push(Object::Reference(doc.add_object(annot)));
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
        let (first, last, count) = write_outline(&mut doc, outline, root_id, pages, &page_ids);
        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"Outlines".to_vec()));
        root.set("First", Object::Reference(first));
        root.set("Last", Object::Reference(last));
        root.set("Count", Object::Integer(count));
        doc.objects.insert(root_id, Object::Dictionary(root));
        Some(root_id)
    };
    {
        let catalog = doc.catalog_mut()?;
        catalog.set(
            "Lang",
            Object::String(b"en-GB".to_vec(), StringFormat::Literal),
        );
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

    // Document information, replacing printpdf's in place.
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
    let info_id = match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(info));
            id
        }
        Err(_) => doc.add_object(info),
    };
    doc.trailer.set("Info", Object::Reference(info_id));
    let id = Object::String(opts.document_id.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));

    Ok(doc)
}

/// Prefixes the subset tag to the font names in a font or font descriptor dictionary.
fn retag(dict: &mut Dictionary, tags: &SubsetTags) {
    for key in [&b"BaseFont"[..], &b"FontName"[..]] {
        if let Ok(Object::Name(name)) = dict.get_mut(key) {
            if let Some((ps, tag)) = tags.iter().find(|(ps, _)| ps.as_bytes() == name.as_slice()) {
                *name = format!("{tag}+{ps}").into_bytes();
            }
        }
    }
    if let Ok(Object::Array(descendants)) = dict.get_mut(b"DescendantFonts") {
        for d in descendants {
            if let Object::Dictionary(d) = d {
                retag(d, tags);
            }
        }
    }
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
