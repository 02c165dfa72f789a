//! Attach-time checks of a PDF: is it a PDF at all, can it be opened without a password,
//! is its structure sound enough to merge, how many pages has it, and which of its pages
//! hold data that cannot be decoded. Every refusal is a [`PdfProblem`] that says what is
//! wrong in words a secretariat can pass to an author.
//!
//! Opening ([`open`]) puts right what qpdf puts right when it reads a file, so the check,
//! the text reader and the pack agree on what a file is: page-tree nodes written as direct
//! objects become indirect ones, a page referenced twice becomes two pages (a copy, as
//! qpdf makes), and abbreviated filter names (`/Fl`, `/AHx`…) get their full names. What
//! lopdf cannot open at all is refused here; the application may then repair the file
//! with qpdf and try again. [`clean`] rewrites a file whose streams cannot be decoded
//! with those streams emptied, so a pack made from it stays a valid PDF.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use thiserror::Error;

/// What a PDF that can be attached looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfFacts {
    pub pages: u32,
    /// Encrypted with an owner password only: it opens without a password (as in any
    /// viewer), and the pack carries its pages unencrypted.
    pub owner_password_only: bool,
    /// Pages (1-based) that use a stream whose data cannot be decoded: a viewer shows them
    /// with something missing, and a pack carrying that data would not be a valid PDF.
    /// [`clean`] empties those streams.
    pub damaged_pages: Vec<u32>,
    /// Streams whose data cannot be decoded, on a page or not.
    pub damaged_streams: usize,
    /// A tagged PDF: its catalog has a structure tree with at least one element and says
    /// `/MarkInfo << /Marked true >>` (see [`is_tagged`]). Screen readers read such a file
    /// by its structure; an untagged one is a heap of glyphs to them.
    pub tagged: bool,
}

/// Largest size a stream is decoded to when checking it can be.
const CHECK_LIMIT: usize = 256 * 1024 * 1024;

/// Full names of the abbreviated filter names (ISO 32000-1, table 94: inline-image
/// abbreviations, which some producers also write on streams).
const FILTER_NAMES: [(&[u8], &[u8]); 7] = [
    (b"AHx", b"ASCIIHexDecode"),
    (b"A85", b"ASCII85Decode"),
    (b"LZW", b"LZWDecode"),
    (b"Fl", b"FlateDecode"),
    (b"RL", b"RunLengthDecode"),
    (b"CCF", b"CCITTFaxDecode"),
    (b"DCT", b"DCTDecode"),
];

/// Filters qpdf decodes when it checks a file (and so a pack): data under them must
/// decode.
const CHECKED_FILTERS: [&[u8]; 5] = [
    b"FlateDecode",
    b"LZWDecode",
    b"ASCII85Decode",
    b"ASCIIHexDecode",
    b"RunLengthDecode",
];

/// Why a file cannot be attached.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PdfProblem {
    #[error("the file is empty")]
    Empty,
    #[error(
        "it is not a PDF (it does not start with %PDF); save or export it as PDF and attach that"
    )]
    NotPdf,
    #[error("it is protected by a password; ask the author for a copy without a password")]
    Encrypted,
    #[error("it is damaged and cannot be read ({0}); ask the author to save it again as PDF")]
    Damaged(String),
    #[error("it has no pages")]
    NoPages,
    #[error("its page tree loops back on itself, so its pages cannot be listed; ask the author to save it again as PDF")]
    PageTreeLoop,
}

/// Checks `bytes` can be attached as a paper or appendix, counts its pages and finds the
/// pages whose data cannot be decoded.
pub fn inspect(bytes: &[u8]) -> Result<PdfFacts, PdfProblem> {
    let doc = open(bytes)?;
    facts(&doc)
}

fn facts(doc: &Document) -> Result<PdfFacts, PdfProblem> {
    let pages = page_ids(doc)?;
    if pages.is_empty() {
        return Err(PdfProblem::NoPages);
    }
    let bad = undecodable(doc);
    let damaged_pages = if bad.is_empty() {
        Vec::new()
    } else {
        pages
            .iter()
            .enumerate()
            .filter(|(_, &id)| reaches_any(doc, id, &bad))
            .map(|(i, _)| i as u32 + 1)
            .collect()
    };
    Ok(PdfFacts {
        pages: pages.len() as u32,
        owner_password_only: doc.was_encrypted(),
        damaged_pages,
        damaged_streams: bad.len(),
        tagged: tagged(doc) && crate::assemble::tree_is_kept(doc),
    })
}

/// Whether `bytes` is a tagged PDF, as [`PdfFacts::tagged`] says (its catalog claims it,
/// and the pack's assembler would keep its tree whole): for a file already
/// attached, without the other checks. A file that cannot be opened is not tagged. Never
/// panics.
pub fn is_tagged(bytes: &[u8]) -> bool {
    open(bytes).is_ok_and(|doc| tagged(&doc) && crate::assemble::tree_is_kept(&doc))
}

/// How many references in a row are followed to reach an object: a chain longer than
/// this (or a reference to itself) is broken.
const MAX_INDIRECTION: usize = 16;

/// An object with references followed (at most [`MAX_INDIRECTION`] of them); `None` when
/// one is missing or the chain does not end.
fn resolve<'a>(doc: &'a Document, mut object: &'a Object) -> Option<&'a Object> {
    for _ in 0..MAX_INDIRECTION {
        match object {
            Object::Reference(id) => object = doc.objects.get(id)?,
            other => return Some(other),
        }
    }
    None
}

/// The catalog's `/StructTreeRoot` is a dictionary whose `/K` holds at least one
/// structure element (a dictionary), and its `/MarkInfo` says `/Marked true`. Anything
/// else, a broken tree included, is untagged. Looks at the root and its kids only, so it
/// takes the same time on any file.
fn tagged(doc: &Document) -> bool {
    let Some(catalog) = doc
        .trailer
        .get(b"Root")
        .ok()
        .and_then(|r| resolve(doc, r))
        .and_then(|c| c.as_dict().ok())
    else {
        return false;
    };
    let dict = |key: &[u8]| {
        catalog
            .get(key)
            .ok()
            .and_then(|o| resolve(doc, o))
            .and_then(|o| match o {
                Object::Dictionary(d) => Some(d),
                Object::Stream(s) => Some(&s.dict),
                _ => None,
            })
    };
    let marked = dict(b"MarkInfo")
        .and_then(|m| m.get(b"Marked").ok())
        .and_then(|m| resolve(doc, m))
        .is_some_and(|m| matches!(m, Object::Boolean(true)));
    if !marked {
        return false;
    }
    let Some(kids) = dict(b"StructTreeRoot")
        .and_then(|root| root.get(b"K").ok())
        .and_then(|k| resolve(doc, k))
    else {
        return false;
    };
    let element = |o: &Object| resolve(doc, o).is_some_and(|e| e.as_dict().is_ok());
    match kids {
        Object::Array(items) => items.iter().any(element),
        Object::Dictionary(_) => true,
        _ => false,
    }
}

/// Opens a PDF the way every part of the engine does: refusing what is empty, not a PDF,
/// damaged beyond lopdf's repair or protected by a password, then putting right what
/// qpdf puts right (see the module's documentation). Never panics.
pub(crate) fn open(bytes: &[u8]) -> Result<Document, PdfProblem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(PdfProblem::Empty);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfProblem::NotPdf);
    }
    let mut doc = std::panic::catch_unwind(|| Document::load_mem(bytes))
        .map_err(|_| PdfProblem::Damaged("the PDF reader gave up on it".into()))?
        .map_err(|e| PdfProblem::Damaged(e.to_string()))?;
    if doc.is_encrypted() {
        return Err(PdfProblem::Encrypted);
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        full_filter_names(&mut doc);
        normalize_page_tree(&mut doc)
    }))
    .map_err(|_| PdfProblem::Damaged("the PDF reader gave up on it".into()))??;
    Ok(doc)
}

/// Gives abbreviated filter names on streams their full names.
fn full_filter_names(doc: &mut Document) {
    let full = |n: &mut Vec<u8>| {
        if let Some((_, long)) = FILTER_NAMES
            .iter()
            .find(|(short, _)| *short == n.as_slice())
        {
            *n = long.to_vec();
        }
    };
    for object in doc.objects.values_mut() {
        if let Object::Stream(s) = object {
            match s.dict.get_mut(b"Filter") {
                Ok(Object::Name(n)) => full(n),
                Ok(Object::Array(items)) => {
                    for item in items {
                        if let Object::Name(n) = item {
                            full(n);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Makes the page tree a tree of indirect objects: a kid written as a direct dictionary
/// becomes an object of its own; a page or node reached a second time (not through a loop)
/// becomes a copy, as qpdf does. A node that is its own ancestor is a loop and refused.
fn normalize_page_tree(doc: &mut Document) -> Result<(), PdfProblem> {
    let Some(root) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok())
    else {
        return Ok(());
    };
    let mut seen = BTreeSet::new();
    // (node, its ancestors' ids)
    let mut stack: Vec<(ObjectId, Vec<ObjectId>)> = vec![(root, Vec::new())];
    seen.insert(root);
    while let Some((id, path)) = stack.pop() {
        if seen.len() > 1_000_000 {
            return Err(PdfProblem::Damaged(
                "its page tree is implausibly large".into(),
            ));
        }
        let Ok(node) = doc.get_dictionary(id) else {
            continue;
        };
        if !is_pages(node) {
            continue;
        }
        let kids = match node.get(b"Kids") {
            Ok(Object::Array(k)) => k.clone(),
            Ok(Object::Reference(r)) => match doc.get_object(*r) {
                Ok(Object::Array(k)) => k.clone(),
                _ => continue,
            },
            _ => continue,
        };
        let mut changed = false;
        let mut new_kids = Vec::with_capacity(kids.len());
        for kid in kids {
            let kid_id = match kid {
                Object::Dictionary(d) => {
                    changed = true;
                    doc.add_object(Object::Dictionary(d))
                }
                Object::Reference(k) => {
                    if k == id || path.contains(&k) {
                        return Err(PdfProblem::PageTreeLoop);
                    }
                    if seen.contains(&k) {
                        // Reached before by another way: a copy of its own.
                        match doc.get_object(k) {
                            Ok(Object::Dictionary(d)) => {
                                let copy = Object::Dictionary(d.clone());
                                changed = true;
                                doc.add_object(copy)
                            }
                            _ => k,
                        }
                    } else {
                        k
                    }
                }
                other => {
                    new_kids.push(other);
                    continue;
                }
            };
            seen.insert(kid_id);
            let mut kid_path = path.clone();
            kid_path.push(id);
            stack.push((kid_id, kid_path));
            new_kids.push(Object::Reference(kid_id));
        }
        if changed {
            if let Ok(Object::Dictionary(node)) = doc.get_object_mut(id) {
                node.set("Kids", Object::Array(new_kids));
            }
        }
    }
    Ok(())
}

fn is_pages(d: &Dictionary) -> bool {
    d.get(b"Type")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == b"Pages")
        || d.has(b"Kids")
}

/// Streams whose data does not decode under a filter qpdf checks.
fn undecodable(doc: &Document) -> BTreeSet<ObjectId> {
    let mut bad = BTreeSet::new();
    for (&id, object) in &doc.objects {
        if let Object::Stream(s) = object {
            if !decodes(s) {
                bad.insert(id);
            }
        }
    }
    bad
}

/// What a stream's data decodes to, judged as qpdf judges it when it checks a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decoded {
    /// The data, decoded through every filter.
    Data(Vec<u8>),
    /// The data does not decode under a filter qpdf checks (a pack carrying it would fail
    /// `qpdf --check`).
    Undecodable,
    /// Not checked: a filter qpdf does not decode when it checks (DCTDecode, JBIG2…), or
    /// more than `limit` bytes decoded.
    Unchecked,
}

/// Decodes a stream's data through its filters, at most `limit` bytes after each. Flate
/// data is inflated strictly (lopdf's reader forgives a wrong header or corrupt data and
/// returns what it got, where qpdf reports an error; a stream that ends before its last
/// block is a qpdf warning). As in qpdf, the zlib checksum and anything after the end of
/// the compressed data are not checked.
pub(crate) fn decode(s: &Stream, limit: usize) -> Decoded {
    let filters: Vec<&[u8]> = match s.dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n.as_slice()],
        Ok(Object::Array(items)) => items.iter().filter_map(|i| i.as_name().ok()).collect(),
        _ => return Decoded::Data(s.content.clone()),
    };
    if !filters.iter().all(|f| CHECKED_FILTERS.contains(f)) {
        return Decoded::Unchecked;
    }
    let params: Vec<Option<&Object>> = match s.dict.get(b"DecodeParms") {
        Ok(Object::Array(p)) => (0..filters.len()).map(|i| p.get(i)).collect(),
        Ok(p) => std::iter::once(Some(p))
            .chain(std::iter::repeat(None))
            .take(filters.len())
            .collect(),
        Err(_) => vec![None; filters.len()],
    };
    let mut data: std::borrow::Cow<[u8]> = std::borrow::Cow::Borrowed(&s.content);
    for (filter, params) in filters.into_iter().zip(params) {
        let predictor = params
            .and_then(|p| p.as_dict().ok())
            .and_then(|p| p.get(b"Predictor").ok())
            .and_then(|p| p.as_i64().ok())
            .is_some_and(|p| p > 1);
        let step = match filter {
            b"FlateDecode" => match inflate(&data, limit) {
                // A predictor is applied by lopdf, which inflates the (sound) data again.
                Decoded::Data(_) if predictor => lopdf_decode(&data, filter, params, limit),
                other => other,
            },
            _ => lopdf_decode(&data, filter, params, limit),
        };
        match step {
            Decoded::Data(d) => data = std::borrow::Cow::Owned(d),
            other => return other,
        }
    }
    Decoded::Data(data.into_owned())
}

/// `data` through one filter with its parameters, by lopdf's decoder.
fn lopdf_decode(data: &[u8], filter: &[u8], params: Option<&Object>, limit: usize) -> Decoded {
    let mut dict = Dictionary::new();
    dict.set("Filter", Object::Name(filter.to_vec()));
    if let Some(p) = params {
        dict.set("DecodeParms", p.clone());
    }
    let s = Stream::new(dict, data.to_vec()).with_compression(false);
    match std::panic::catch_unwind(|| s.decompressed_content_with_limit(limit)) {
        Ok(Ok(d)) => Decoded::Data(d),
        Ok(Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
            ..
        }))) => Decoded::Unchecked,
        _ => Decoded::Undecodable,
    }
}

/// Zlib data inflated strictly, as qpdf inflates it: a bad header, corrupt data or data
/// that ends before the last block is undecodable; the checksum (and anything after it)
/// is not checked.
fn inflate(data: &[u8], limit: usize) -> Decoded {
    if data.is_empty() {
        return Decoded::Data(Vec::new());
    }
    // The zlib header: deflate, a window of at most 32 KiB, the check bits, no preset
    // dictionary.
    let header_ok = data.len() >= 2
        && data[0] & 0x0F == 8
        && data[0] >> 4 <= 7
        && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0
        && data[1] & 0x20 == 0;
    if !header_ok {
        return Decoded::Undecodable;
    }
    let input = &data[2..];
    let mut raw = flate2::Decompress::new(false);
    let mut out: Vec<u8> = Vec::with_capacity(input.len().saturating_mul(4).min(limit));
    loop {
        if out.len() == out.capacity() {
            if out.len() >= limit {
                return Decoded::Unchecked;
            }
            out.reserve_exact(out.len().max(64 * 1024).min(limit - out.len()));
        }
        let (taken, given) = (raw.total_in(), raw.total_out());
        let rest = input.get(taken as usize..).unwrap_or_default();
        match raw.decompress_vec(rest, &mut out, flate2::FlushDecompress::None) {
            Ok(flate2::Status::StreamEnd) => return Decoded::Data(out),
            // With room to write, no progress means the input ran out before the end.
            Ok(_) if raw.total_in() == taken && raw.total_out() == given => {
                return Decoded::Undecodable
            }
            Ok(_) => {}
            Err(_) => return Decoded::Undecodable,
        }
    }
}

/// Whether a stream's data decodes (streams under filters qpdf does not check, such as
/// DCTDecode, count as decoding; so does one too large to check).
fn decodes(s: &Stream) -> bool {
    !s.dict.has(b"Filter") || decode(s, CHECK_LIMIT) != Decoded::Undecodable
}

/// Whether anything in `bad` can be reached from page `page` (its contents, resources,
/// annotations…), not following the page tree back up.
fn reaches_any(doc: &Document, page: ObjectId, bad: &BTreeSet<ObjectId>) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![page];
    while let Some(id) = stack.pop() {
        if bad.contains(&id) {
            return true;
        }
        if !seen.insert(id) || seen.len() > 100_000 {
            continue;
        }
        let Ok(object) = doc.get_object(id) else {
            continue;
        };
        let mut push = |o: &Object| collect(o, &mut stack);
        match object {
            Object::Dictionary(d) => {
                for (k, v) in d.iter() {
                    if k != b"Parent" && k != b"P" {
                        push(v);
                    }
                }
            }
            Object::Stream(s) => s.dict.iter().for_each(|(_, v)| push(v)),
            o => push(o),
        }
    }
    false
}

fn collect(o: &Object, stack: &mut Vec<ObjectId>) {
    match o {
        Object::Reference(id) => stack.push(*id),
        Object::Array(items) => items.iter().for_each(|i| collect(i, stack)),
        Object::Dictionary(d) => d.iter().for_each(|(_, v)| collect(v, stack)),
        _ => {}
    }
}

/// A PDF rewritten so a pack made from it stays valid: opened as [`open`] opens it, with
/// every stream whose data cannot be decoded emptied (its filter removed). `None` when
/// nothing needs emptying (the file is fine as it is). The facts are those of the result.
pub fn clean(bytes: &[u8]) -> Result<Option<(Vec<u8>, PdfFacts)>, PdfProblem> {
    let mut doc = open(bytes)?;
    let before = facts(&doc)?;
    if before.damaged_streams == 0 {
        return Ok(None);
    }
    for id in undecodable(&doc) {
        if let Ok(Object::Stream(s)) = doc.get_object_mut(id) {
            s.dict.remove(b"Filter");
            s.dict.remove(b"DecodeParms");
            s.set_content(Vec::new());
        }
    }
    let mut out = Vec::with_capacity(bytes.len());
    doc.save_to(&mut out)
        .map_err(|e| PdfProblem::Damaged(e.to_string()))?;
    let mut after = inspect(&out)?;
    // Where the damage was is still worth telling.
    after.damaged_pages = before.damaged_pages;
    after.damaged_streams = before.damaged_streams;
    Ok(Some((out, after)))
}

/// The pages (1-based) as a phrase: "page 3", "pages 2 and 5", "pages 1, 4 and 9".
pub fn pages_phrase(pages: &[u32]) -> String {
    let list: Vec<String> = pages.iter().map(u32::to_string).collect();
    match list.as_slice() {
        [] => "no page".into(),
        [one] => format!("page {one}"),
        [init @ .., last] => format!("pages {} and {last}", init.join(", ")),
    }
}

/// The document's pages in order, walking the page tree from the catalog and refusing
/// loops (which would otherwise never end).
pub fn page_ids(doc: &Document) -> Result<Vec<ObjectId>, PdfProblem> {
    let root = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok())
        .ok_or_else(|| PdfProblem::Damaged("it has no page tree".into()))?;
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            return Err(PdfProblem::PageTreeLoop);
        }
        let Ok(dict) = doc.get_dictionary(id) else {
            continue;
        };
        let is_pages = dict
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Pages")
            || dict.has(b"Kids");
        if is_pages {
            if let Ok(kids) = dict.get(b"Kids").and_then(Object::as_array) {
                for kid in kids.iter().rev() {
                    if let Ok(k) = kid.as_reference() {
                        stack.push(k);
                    }
                }
            }
        } else {
            out.push(id);
        }
        if seen.len() > 1_000_000 {
            return Err(PdfProblem::Damaged(
                "its page tree is implausibly large".into(),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flate(data: Vec<u8>) -> Stream {
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        Stream::new(dict, data).with_compression(false)
    }

    /// Flate data is judged as `qpdf --check` judges it (measured with qpdf 11): a wrong
    /// header, corrupt data or a stream cut short fail; a wrong checksum, bytes after the
    /// end and no data at all pass.
    #[test]
    fn flate_data_decodes_as_qpdf_decodes_it() {
        use std::io::Write;
        let plain = b"0 0 m 100 100 l S ".repeat(50);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&plain).expect("deflate");
        let z = z.finish().expect("deflate");
        let limit = 1 << 20;
        assert_eq!(
            decode(&flate(z.clone()), limit),
            Decoded::Data(plain.clone())
        );
        let mut wrong_sum = z.clone();
        *wrong_sum.last_mut().expect("bytes") ^= 0xFF;
        assert_eq!(
            decode(&flate(wrong_sum), limit),
            Decoded::Data(plain.clone())
        );
        let trailing = [z.as_slice(), b"\r\n garbage"].concat();
        assert_eq!(
            decode(&flate(trailing), limit),
            Decoded::Data(plain.clone())
        );
        assert_eq!(decode(&flate(Vec::new()), limit), Decoded::Data(Vec::new()));
        for bad in [
            z[..z.len() / 2].to_vec(),
            z[2..].to_vec(),
            plain.clone(),
            b"this is not deflate data at all".to_vec(),
        ] {
            assert_eq!(decode(&flate(bad), limit), Decoded::Undecodable);
        }
        assert_eq!(decode(&flate(z), 100), Decoded::Unchecked);
        // Under a filter qpdf does not decode, nothing is judged.
        let mut dct = flate(b"not a jpeg".to_vec());
        dct.dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
        assert!(decodes(&dct));
    }

    /// Made by the PyPI `typst` package from the `.typ` files beside them: one as PDF/UA-1,
    /// one with tags turned off.
    const TAGGED: &[u8] = include_bytes!("../tests/fixtures/a11yreport-tagged.pdf");
    const UNTAGGED: &[u8] = include_bytes!("../tests/fixtures/a11yreport-untagged.pdf");

    #[test]
    fn tells_a_tagged_pdf_from_an_untagged_one() {
        let facts = inspect(TAGGED).expect("accepted");
        assert!(facts.tagged);
        assert_eq!(facts.pages, 1);
        assert!(is_tagged(TAGGED));
        assert!(!inspect(UNTAGGED).expect("accepted").tagged);
        assert!(!is_tagged(UNTAGGED));
        // What cannot be opened is not tagged.
        assert!(!is_tagged(b""));
        assert!(!is_tagged(b"%PDF-1.7\n garbage"));
    }

    /// The tagged file with its catalog changed by `f`, saved again.
    fn changed(f: impl FnOnce(&mut Document, ObjectId)) -> Vec<u8> {
        let mut doc = Document::load_mem(TAGGED).expect("loads");
        let catalog = doc
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .expect("catalog");
        f(&mut doc, catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("saves");
        out
    }

    fn set(doc: &mut Document, id: ObjectId, key: &str, value: Object) {
        doc.get_dictionary_mut(id)
            .expect("dictionary")
            .set(key, value);
    }

    fn struct_root(doc: &Document, catalog: ObjectId) -> ObjectId {
        doc.get_dictionary(catalog)
            .and_then(|c| c.get(b"StructTreeRoot"))
            .and_then(Object::as_reference)
            .expect("a structure tree root")
    }

    /// Tagged means both a structure tree with an element and `/Marked true`; anything
    /// broken in between reads as untagged, and nothing loops or panics.
    #[test]
    fn a_broken_or_half_tagged_file_is_not_tagged() {
        // The saved-again file is still tagged: what follows tests the changes alone.
        assert!(is_tagged(&changed(|_, _| {})));
        let cases: Vec<(&str, Vec<u8>)> = vec![
            (
                "no MarkInfo",
                changed(|d, c| {
                    d.get_dictionary_mut(c)
                        .expect("catalog")
                        .remove(b"MarkInfo");
                }),
            ),
            (
                "Marked false",
                changed(|d, c| {
                    let mut mark = Dictionary::new();
                    mark.set("Marked", false);
                    set(d, c, "MarkInfo", Object::Dictionary(mark));
                }),
            ),
            (
                "Marked as a name",
                changed(|d, c| {
                    let mut mark = Dictionary::new();
                    mark.set("Marked", Object::Name(b"true".to_vec()));
                    set(d, c, "MarkInfo", Object::Dictionary(mark));
                }),
            ),
            (
                "no structure tree",
                changed(|d, c| {
                    d.get_dictionary_mut(c)
                        .expect("catalog")
                        .remove(b"StructTreeRoot");
                }),
            ),
            (
                "a structure tree with no kids",
                changed(|d, c| {
                    let root = struct_root(d, c);
                    set(d, root, "K", Object::Array(vec![]));
                }),
            ),
            (
                "kids that are missing objects",
                changed(|d, c| {
                    let root = struct_root(d, c);
                    set(
                        d,
                        root,
                        "K",
                        Object::Array(vec![Object::Reference((99_999, 0))]),
                    );
                }),
            ),
            (
                "kids that are not elements",
                changed(|d, c| {
                    let root = struct_root(d, c);
                    set(d, root, "K", Object::Array(vec![0.into(), Object::Null]));
                }),
            ),
            (
                "a structure tree root that is a number",
                changed(|d, c| set(d, c, "StructTreeRoot", 7.into())),
            ),
            (
                "a structure tree root that refers to itself",
                changed(|d, c| {
                    let id = d.new_object_id();
                    d.objects.insert(id, Object::Reference(id));
                    set(d, c, "StructTreeRoot", Object::Reference(id));
                }),
            ),
            (
                "references in a ring",
                changed(|d, c| {
                    let a = d.new_object_id();
                    let b = d.new_object_id();
                    d.objects.insert(a, Object::Reference(b));
                    d.objects.insert(b, Object::Reference(a));
                    let root = struct_root(d, c);
                    set(d, root, "K", Object::Reference(a));
                }),
            ),
        ];
        for (what, bytes) in cases {
            assert!(
                inspect(&bytes).is_ok(),
                "{what}: still a PDF that can be attached"
            );
            assert!(!is_tagged(&bytes), "{what}: read as tagged");
        }
        // Written indirectly, the same facts still count.
        let indirect = changed(|d, c| {
            let yes = d.add_object(Object::Boolean(true));
            let mut mark = Dictionary::new();
            mark.set("Marked", Object::Reference(yes));
            let mark = d.add_object(Object::Dictionary(mark));
            set(d, c, "MarkInfo", Object::Reference(mark));
            let root = struct_root(d, c);
            let kids = d
                .get_dictionary(root)
                .and_then(|r| r.get(b"K"))
                .expect("kids")
                .clone();
            let kids = d.add_object(kids);
            set(d, root, "K", Object::Reference(kids));
        });
        assert!(is_tagged(&indirect));
    }

    /// Cut anywhere, the tagged file is never a panic, whatever it reads as.
    #[test]
    fn a_cut_tagged_file_never_panics() {
        for len in (0..TAGGED.len()).step_by(97) {
            let _ = is_tagged(&TAGGED[..len]);
            let _ = inspect(&TAGGED[..len]);
        }
    }

    #[test]
    fn refuses_what_is_not_a_pdf() {
        assert_eq!(inspect(b""), Err(PdfProblem::Empty));
        assert_eq!(inspect(b"  \n"), Err(PdfProblem::Empty));
        assert_eq!(inspect(b"PK\x03\x04 a word file"), Err(PdfProblem::NotPdf));
        assert!(matches!(
            inspect(b"%PDF-1.4\n garbage"),
            Err(PdfProblem::Damaged(_))
        ));
    }
}
