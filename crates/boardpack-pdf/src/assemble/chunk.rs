//! One source's part of the pack, serialized once and relocatable: its page objects and
//! everything they need, as bytes with the object numbers left out and noted as fixups.
//! Numbers are symbolic while a source is imported (a local object, the page of the j-th
//! page occurrence, that page's footer stream, the page tree, the i-th of the footer's
//! fonts); writing the chunk into a pack fills them in. So a paper whose bytes are kept from an earlier
//! pack is written again by copying, even when pages before it came or went and every
//! number moved. A chunk holds no page number or footer text: those live in the footer
//! streams, which are written fresh for every pack.

use super::ink::{apply, fit, Affine, Ink};
use super::*;

/// Symbolic object numbers inside a chunk: the generation field says which kind.
pub(super) const LOCAL: u16 = 0xB001;
/// The page object of occurrence j (the j-th page the pack takes from the source).
pub(super) const OCCURRENCE: u16 = 0xB002;
/// The footer stream of occurrence j's page.
pub(super) const TAIL: u16 = 0xB003;
pub(super) const PAGES_ROOT: ObjectId = (0, 0xB004);
/// The i-th of the footer's fonts (the Type0 font named `ChunkSpec::footer_fonts[i]`).
pub(super) const FOOTER_FONT_KIND: u16 = 0xB005;
/// A parent-tree key (written as a bare number, not a reference): the chunk's i-th key.
pub(super) const STRUCT_KEY: u16 = 0xB006;
/// The structure element holding the chunk's i-th top-level element (its section).
pub(super) const TOP_PARENT: u16 = 0xB007;
/// The number that makes the chunk's structure element ids unique in the pack (written
/// inside a string).
pub(super) const ID_PREFIX: ObjectId = (0, 0xB008);

/// What the footer stream of a page needs to know about it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PagePart {
    pub(super) visible: Rect,
    pub(super) rotate: i64,
    pub(super) balance: Balance,
}

/// A source's pack-level contributions, with symbolic numbers until relocated.
#[derive(Debug, Clone, Default)]
pub(super) struct Meta {
    pub(super) outline: Option<Vec<OutNode>>,
    pub(super) attachments: Vec<(Vec<u8>, Object)>,
    pub(super) form: Option<FormPart>,
    pub(super) optional_content: OcPart,
    /// The structure tree kept (a tagged paper); `None`: untagged, or its tree was broken.
    pub(super) structure: Option<StructPart>,
}

/// Where a number goes in a chunk's bytes (position), which symbolic number (number, kind),
/// and whether it opens an object. Twelve bytes: a chunk holds one per reference.
#[derive(Debug, Clone, Copy)]
struct Fixup {
    pos: u32,
    number: u32,
    kind: u16,
    opens: bool,
}

/// One source, ready to be written into any pack that takes the same pages of it.
#[derive(Debug)]
pub(crate) struct Chunk {
    bytes: Vec<u8>,
    /// Where a number goes (position in `bytes`), which one, and whether it opens an object.
    fixups: Vec<Fixup>,
    /// How many local objects it numbers.
    pub(super) locals: u32,
    /// Per page occurrence, in the order the pack takes them.
    pub(super) pages: Vec<PagePart>,
    pub(super) meta: Meta,
    /// The inputs its form fields were renamed against, when it has any: the chunk fits a
    /// pack only where they are the same.
    form_inputs: Option<(BTreeSet<String>, usize)>,
}

impl Chunk {
    /// About what it holds in memory, for callers that bound a cache.
    pub(crate) fn size(&self) -> usize {
        self.bytes.len()
            + self.fixups.len() * std::mem::size_of::<Fixup>()
            + self.pages.len() * 48
            + self.meta.structure.as_ref().map_or(0, StructPart::size)
            + 256
    }

    /// Whether it can be written at this place of a pack (form-field renaming agrees).
    pub(crate) fn fits(&self, form: &FormInputs) -> bool {
        match &self.form_inputs {
            None => true,
            Some((taken, source)) => *source == form.source && *taken == form.taken,
        }
    }
}

/// Where a chunk lands in a pack: its block of local numbers, where its occurrences' pages
/// are, and the pack's own numbers it refers to (the page tree, the footer's fonts, the
/// first footer stream).
#[derive(Debug)]
pub(super) struct Placement<'a> {
    pub(super) base: u32,
    pub(super) pack_of: &'a [usize],
    pub(super) pages_root: u32,
    /// The footer's Type0 fonts, in the order of `ChunkSpec::footer_fonts`.
    pub(super) footer_fonts: &'a [u32],
    /// The footer stream of pack page 1; page k's is `tails + k`.
    pub(super) tails: u32,
    /// The pack's parent-tree key of the chunk's first key.
    pub(super) keys: u32,
    /// The structure element each of the chunk's top-level elements goes under.
    pub(super) top_parents: &'a [u32],
}

impl Placement<'_> {
    /// The pack object number a symbolic number stands for.
    pub(super) fn real(&self, id: ObjectId) -> u32 {
        let page = |j: u32| self.pack_of.get(j as usize).map(|&k| k as u32);
        // A chunk and its placement are made for each other (the pack checks the page
        // count, the spec fixes the fonts): the page tree stands in for what cannot be.
        match id.1 {
            LOCAL => self.base + id.0,
            OCCURRENCE => page(id.0).map_or(self.pages_root, |k| k + 1),
            TAIL => page(id.0).map_or(self.pages_root, |k| self.tail(k as usize)),
            FOOTER_FONT_KIND => self
                .footer_fonts
                .get(id.0 as usize)
                .copied()
                .unwrap_or(self.pages_root),
            STRUCT_KEY => self.keys + id.0,
            TOP_PARENT => self
                .top_parents
                .get(id.0 as usize)
                .copied()
                .unwrap_or(self.pages_root),
            // Unique in the pack: the chunk's first object number.
            k if k == ID_PREFIX.1 => self.base,
            // The page tree; nothing else is ever numbered symbolically.
            _ => self.pages_root,
        }
    }

    /// The footer stream of pack page `k` (0-based).
    pub(super) fn tail(&self, k: usize) -> u32 {
        self.tails + k as u32
    }

    fn relocate(&self, object: &mut Object) {
        match object {
            Object::Reference(id) => *id = (self.real(*id), 0),
            Object::Array(items) => items.iter_mut().for_each(|o| self.relocate(o)),
            Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| self.relocate(o)),
            Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| self.relocate(o)),
            _ => {}
        }
    }

    fn relocate_id(&self, id: ObjectId) -> ObjectId {
        (self.real(id), 0)
    }
}

impl Meta {
    /// The contributions with pack numbers.
    pub(super) fn relocated(&self, place: &Placement) -> Meta {
        let mut meta = self.clone();
        if let Some(nodes) = &mut meta.outline {
            relocate_nodes(nodes, place);
        }
        for (_, spec) in &mut meta.attachments {
            place.relocate(spec);
        }
        if let Some(form) = &mut meta.form {
            for f in &mut form.fields {
                *f = place.relocate_id(*f);
            }
            for (_, _, value) in &mut form.dr {
                place.relocate(value);
            }
            if let Some(da) = &mut form.da {
                place.relocate(da);
            }
        }
        let oc = &mut meta.optional_content;
        for id in oc.groups.iter_mut().chain(oc.off.iter_mut()) {
            *id = place.relocate_id(*id);
        }
        if let Some(part) = &mut meta.structure {
            for (id, _) in &mut part.tops {
                *id = place.relocate_id(*id);
            }
            part.parents.iter_mut().for_each(|p| place.relocate(p));
            for (_, value) in &mut part.class_map {
                place.relocate(value);
            }
            for (key, id) in &mut part.ids {
                *key = pack_id(place.real(ID_PREFIX), key);
                *id = place.relocate_id(*id);
            }
        }
        meta
    }
}

fn relocate_nodes(nodes: &mut [OutNode], place: &Placement) {
    for node in nodes {
        place.relocate(&mut node.title);
        match &mut node.target {
            Some(Target::Dest(dest)) => dest.iter_mut().for_each(|o| place.relocate(o)),
            Some(Target::Action(a)) => place.relocate(a),
            None => {}
        }
        relocate_nodes(&mut node.children, place);
    }
}

/// Reads the pages `spec` asks for out of `doc` (and what they need) into a chunk; `doc` is
/// used up as its streams move into the chunk.
pub(crate) fn build_chunk(
    doc: Document,
    name: &str,
    spec: &ChunkSpec,
    form_inputs: &FormInputs,
) -> Result<Chunk, AssembleError> {
    let tree = walk_pages(&doc).map_err(|problem| AssembleError::Unreadable {
        name: name.to_owned(),
        problem,
    })?;
    for &(first, count, _) in &spec.runs {
        if first + count > tree.pages.len() {
            return Err(AssembleError::PagesMissing {
                name: name.to_owned(),
                from: first + 1,
                to: first + count,
                pages: tree.pages.len(),
            });
        }
    }
    let names = named_destinations(&doc);
    let occurrences: Vec<(usize, Clear)> = spec
        .runs
        .iter()
        .flat_map(|&(f, c, clear)| (f..f + c).map(move |i| (i, clear)))
        .collect();
    // Where each of the source's pages lands (first occurrence wins for links).
    let mut page_map: HashMap<ObjectId, ObjectId> = HashMap::new();
    for (j, &(i, _)) in occurrences.iter().enumerate() {
        page_map
            .entry(tree.pages[i].id)
            .or_insert((j as u32, OCCURRENCE));
    }
    // The structure tree is read first, so none of its elements is copied as a plain
    // object (they are rebuilt by `graft`).
    let mut blocked = tree.nodes.clone();
    blocked.extend(struct_objects(&doc));
    let source_tree = read_tree(&doc, &mut blocked);
    let mut out = Output::default();
    let mut balances: HashMap<usize, (Balance, Ink)> = HashMap::new();
    let mut undecodable: BTreeSet<ObjectId> = BTreeSet::new();
    let mut prefixes: HashMap<usize, ObjectId> = HashMap::new();
    let mut pages = Vec::with_capacity(occurrences.len());
    let mut meta = Meta::default();
    let mut form_inputs_used = None;
    {
        let mut import = Import {
            doc: &doc,
            map: HashMap::new(),
            queue: VecDeque::new(),
            page_map,
            blocked: &blocked,
            names: &names,
            pages: tree.pages.iter().map(|p| p.id).collect(),
        };
        for (j, &(i, clear)) in occurrences.iter().enumerate() {
            let page = &tree.pages[i];
            let occurrence = (j as u32, OCCURRENCE);
            let mut geometry =
                import_page(&mut import, &mut out, page, occurrence, &spec.footer_fonts);
            let (balance, ink) = *balances.entry(i).or_insert_with(|| {
                let (balance, ink, bad) = page_balance(&doc, page.id);
                undecodable.extend(bad);
                (balance, ink)
            });
            geometry.balance = balance;
            let fitted = fit(geometry.visible, geometry.rotate, ink, clear);
            if let Some(m) = &fitted {
                move_annotations(&mut out, occurrence, m);
            }
            finish_page(&mut out, occurrence, &geometry, fitted, &mut prefixes);
            pages.push(PagePart {
                visible: geometry.visible,
                rotate: geometry.rotate,
                balance: geometry.balance,
            });
        }
        if spec.adopt {
            meta.outline = Some(import.adopt_outline(&mut out));
        }
        meta.attachments = import.attachments(&mut out);
        meta.form = import.form(&mut out, form_inputs);
        if meta.form.is_some() {
            form_inputs_used = Some((form_inputs.taken.clone(), form_inputs.source));
        }
        meta.optional_content = import.optional_content();
        sweep(&mut out, source_tree.is_some(), occurrences.len());
        meta.structure = source_tree
            .as_ref()
            .and_then(|t| graft(t, &mut import, &mut out, occurrences.len()));
    }
    let (mut bytes, mut fixups) = serialize_chunk(out.objects, &out.borrowed, &undecodable, doc)
        .map_err(|e| AssembleError::Write(e.to_string()))?;
    // A chunk may be kept for later packs: hold no spare capacity.
    bytes.shrink_to_fit();
    fixups.shrink_to_fit();
    Ok(Chunk {
        bytes,
        fixups,
        locals: out.next,
        pages,
        meta,
        form_inputs: form_inputs_used,
    })
}

/// Writes `objects` (symbolic numbers) as bytes with fixups; a borrowed stream's data is
/// taken out of the source document as it is written, except that a content stream that
/// cannot be decoded (`undecodable`, source numbers) is written empty.
fn serialize_chunk(
    objects: BTreeMap<ObjectId, Object>,
    borrowed: &HashMap<ObjectId, ObjectId>,
    undecodable: &BTreeSet<ObjectId>,
    doc: Document,
) -> std::io::Result<(Vec<u8>, Vec<Fixup>)> {
    // Only the borrowed streams' data is still needed from the source: keep that and let
    // the rest of the parsed document go before the chunk grows.
    let mut doc = doc;
    let mut data_of: HashMap<ObjectId, Vec<u8>> = HashMap::with_capacity(borrowed.len());
    for from in borrowed.values() {
        if let Some(Object::Stream(s)) = doc.objects.get_mut(from) {
            data_of.insert(*from, std::mem::take(&mut s.content));
        }
    }
    drop(doc);
    let mut sink = ChunkSink {
        bytes: Vec::new(),
        fixups: Vec::new(),
    };
    for (id, mut object) in objects {
        let data = match borrowed.get(&id) {
            Some(from) if undecodable.contains(from) => {
                if let Object::Stream(s) = &mut object {
                    s.dict.remove(b"Filter");
                    s.dict.remove(b"DecodeParms");
                    s.dict.set("Length", Object::Integer(0));
                }
                Some(Vec::new())
            }
            Some(from) => Some(data_of.remove(from).unwrap_or_default()),
            None => None,
        };
        // A copied object stream or cross-reference stream means nothing in the pack.
        let object = match object.type_name() {
            Ok(n) if n == b"ObjStm" || n == b"XRef" || n == b"Linearized" => Object::Null,
            _ => object,
        };
        let data = if matches!(object, Object::Null) {
            None
        } else {
            data
        };
        sink.note(id, true)?;
        write_body(&mut sink, &object, data.as_deref())?;
    }
    Ok((sink.bytes, sink.fixups))
}

/// Collects a chunk's bytes, noting where numbers go instead of writing them.
struct ChunkSink {
    bytes: Vec<u8>,
    fixups: Vec<Fixup>,
}

impl ChunkSink {
    fn note(&mut self, id: ObjectId, opens: bool) -> std::io::Result<()> {
        let pos = u32::try_from(self.bytes.len()).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, "a paper larger than 4 GB")
        })?;
        self.fixups.push(Fixup {
            pos,
            number: id.0,
            kind: id.1,
            opens,
        });
        Ok(())
    }
}

impl Write for ChunkSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.bytes.extend_from_slice(buf);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink for ChunkSink {
    fn reference(&mut self, id: ObjectId) -> std::io::Result<()> {
        self.note(id, false)?;
        // A parent-tree key is a number, not a reference.
        if id.1 != STRUCT_KEY {
            self.bytes.extend_from_slice(b" 0 R");
        }
        Ok(())
    }

    fn prefixed_string(&mut self, rest: &[u8]) -> std::io::Result<()> {
        let mut literal = Vec::with_capacity(rest.len() + 2);
        write_literal(&mut literal, rest)?;
        self.bytes.push(b'(');
        self.note(ID_PREFIX, false)?;
        self.bytes.push(b'-');
        self.bytes.extend_from_slice(&literal[1..]);
        Ok(())
    }
}

/// Writes a chunk at its place, noting where each of its objects starts.
pub(super) fn emit(
    chunk: &Chunk,
    place: &Placement,
    w: &mut Counting,
    offsets: &mut Vec<(u32, u64)>,
) -> std::io::Result<()> {
    let mut at = 0;
    let mut digits = [0u8; 10];
    for f in &chunk.fixups {
        let pos = f.pos as usize;
        w.write_all(&chunk.bytes[at..pos])?;
        let number = place.real((f.number, f.kind));
        if f.opens {
            offsets.push((number, w.written));
        }
        w.write_all(decimal(number, &mut digits))?;
        at = pos;
    }
    w.write_all(&chunk.bytes[at..])
}

/// The footer stream of a page: close what the content left open, restore the initial
/// graphics state, draw the footer (`footer`: its operators, from `Footer::content`).
pub(super) fn tail_content(page: &PagePart, footer: Option<&str>) -> String {
    let b = page.balance;
    let mut tail = String::from("\n");
    if b.in_text {
        tail.push_str("ET\n");
    }
    for _ in 0..b.marked {
        tail.push_str("EMC\n");
    }
    let closing = (opening(b) as i64 + b.depth).max(0);
    for _ in 0..closing {
        tail.push_str("Q\n");
    }
    if let Some(ops) = footer {
        tail.push_str(ops);
    }
    tail
}

/// How many `q`s go before a page's content: enough that its own extra `Q`s never pop past
/// them.
pub(super) fn opening(b: Balance) -> usize {
    (1 - b.min_depth).max(1) as usize
}

/// `n` in decimal, written into `buf`.
fn decimal(mut n: u32, buf: &mut [u8; 10]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

/// Moves a page's annotations (links, form fields…) with its content when the content is
/// shifted or shrunk: their rectangles and quadrilaterals go through `m`.
fn move_annotations(out: &mut Output, page: ObjectId, m: &Affine) {
    let annots: Vec<ObjectId> = match out.objects.get(&page) {
        Some(Object::Dictionary(d)) => match d.get(b"Annots") {
            Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
            Ok(Object::Reference(id)) => match out.objects.get(id) {
                Some(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    let number = |o: &Object| o.as_float().ok();
    for id in annots {
        let Some(Object::Dictionary(annot)) = out.objects.get_mut(&id) else {
            continue;
        };
        if let Some(r) = annot
            .get(b"Rect")
            .ok()
            .and_then(|r| Rect::from_object(number, r))
        {
            let corners = [
                apply(m, r.llx, r.lly),
                apply(m, r.urx, r.lly),
                apply(m, r.llx, r.ury),
                apply(m, r.urx, r.ury),
            ];
            let min = |f: fn(&(f32, f32)) -> f32| corners.iter().map(f).fold(f32::MAX, f32::min);
            let max = |f: fn(&(f32, f32)) -> f32| corners.iter().map(f).fold(f32::MIN, f32::max);
            annot.set(
                "Rect",
                rect_object(Rect {
                    llx: min(|p| p.0),
                    lly: min(|p| p.1),
                    urx: max(|p| p.0),
                    ury: max(|p| p.1),
                }),
            );
        }
        if let Ok(Object::Array(q)) = annot.get(b"QuadPoints") {
            let v: Vec<f32> = q.iter().filter_map(number).collect();
            if v.len() == q.len() && v.len() % 2 == 0 {
                let moved = v
                    .chunks_exact(2)
                    .flat_map(|p| {
                        let (x, y) = apply(m, p[0], p[1]);
                        [Object::Real(x), Object::Real(y)]
                    })
                    .collect();
                annot.set("QuadPoints", Object::Array(moved));
            }
        }
    }
}
