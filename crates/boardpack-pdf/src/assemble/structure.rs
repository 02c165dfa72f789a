//! Keeping a tagged paper's structure tree (its logical structure: headings, tables,
//! figures with their alternative text…) when its pages go into the pack.
//!
//! A source is *tagged* when its catalog has a `/StructTreeRoot` and `/MarkInfo` says
//! `/Marked true`. Its tree is read once, before its pages are imported (so no structure
//! element is ever copied as a plain object), and checked: an element reached twice (a loop
//! or a shared child), a tree deeper than [`MAX_STRUCT_DEPTH`] or larger than
//! [`MAX_ELEMENTS`], or marked-content ids so sparse that the parent tree would be huge,
//! make the tree *broken*: the paper is then treated as untagged (its pages are kept, its
//! tags are not), never refused.
//!
//! The tree is then rebuilt in the chunk, with symbolic numbers like everything else:
//! - an element whose content (marked-content ids, marked-content references, object
//!   references) lies only on pages the pack does not take is dropped; an element with no
//!   content at all (an empty table cell) is kept with its parent;
//! - `/Pg` points at the page's first occurrence in the pack; a page taken twice keeps its
//!   tags on its first occurrence only (the second carries no `/StructParents`, and its
//!   annotations' copies no `/StructParent`);
//! - the parent tree is rebuilt from the elements, not copied: each page (first occurrence),
//!   form XObject named by a marked-content reference and annotation named by an object
//!   reference gets a chunk-local key, written as a fixup that the pack offsets into one
//!   pack-wide `/ParentTree`; stale keys anywhere else in the paper are removed;
//! - custom structure types are resolved through the paper's own `/RoleMap` to the standard
//!   type in the element's `/S` (a chunk is made without knowing the other papers, so two
//!   papers mapping one custom name differently cannot clash); the paper's role map still
//!   goes into the pack's (first paper wins a name), minus entries that would remap a
//!   standard type;
//! - a top-level `/Document` element is unwrapped (the pack has its own), its `/Lang` (or
//!   the paper's catalog `/Lang`) moving onto its children so a paper in another language
//!   keeps it;
//! - element ids (`/ID`, and the `/Headers` of table cells that name them) are prefixed with
//!   a number unique to the chunk's place in the pack (a fixup inside the string), because
//!   two papers made by the same tool use the same ids; the pack writes one `/IDTree`.
//!
//! The top-level elements that survive are handed to the pack with the first page each
//! marks; the pack puts each in the section (`Sect`) of the run that holds that page.

use super::*;

/// Deepest structure tree kept.
pub(super) const MAX_STRUCT_DEPTH: usize = 256;
/// Most structure elements one paper may have for its tags to be kept.
pub(super) const MAX_ELEMENTS: usize = 2_000_000;
/// Largest marked-content id kept (a larger one is dropped with its reference).
const MAX_MCID: i64 = 1 << 20;

/// The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4).
const STANDARD: &[&[u8]] = &[
    b"Document",
    b"Part",
    b"Art",
    b"Sect",
    b"Div",
    b"BlockQuote",
    b"Caption",
    b"TOC",
    b"TOCI",
    b"Index",
    b"NonStruct",
    b"Private",
    b"P",
    b"H",
    b"H1",
    b"H2",
    b"H3",
    b"H4",
    b"H5",
    b"H6",
    b"L",
    b"LI",
    b"Lbl",
    b"LBody",
    b"Table",
    b"TR",
    b"TH",
    b"TD",
    b"THead",
    b"TBody",
    b"TFoot",
    b"Span",
    b"Quote",
    b"Note",
    b"Reference",
    b"BibEntry",
    b"Code",
    b"Link",
    b"Annot",
    b"Ruby",
    b"RB",
    b"RT",
    b"RP",
    b"Warichu",
    b"WT",
    b"WP",
    b"Figure",
    b"Formula",
    b"Form",
];

pub(super) fn is_standard(s: &[u8]) -> bool {
    STANDARD.contains(&s)
}

/// A kid of a structure element in the source.
#[derive(Debug)]
enum Kid {
    Elem(usize),
    /// Marked content: on `page` (source page), or inside the form XObject `stm`.
    Content {
        page: Option<ObjectId>,
        mcid: i64,
        stm: Option<ObjectId>,
    },
    /// An object (an annotation) on `page`.
    Obj {
        page: Option<ObjectId>,
        obj: ObjectId,
    },
}

#[derive(Debug)]
struct Elem {
    id: ObjectId,
    /// Its own `/Pg` (source page).
    page: Option<ObjectId>,
    kids: Vec<Kid>,
}

/// A tagged source's structure tree as read (source numbers).
#[derive(Debug)]
pub(super) struct SourceTree {
    elems: Vec<Elem>,
    /// The top-level elements after unwrapping `Document`, with the language they inherit.
    tops: Vec<(usize, Option<Object>)>,
    role_map: BTreeMap<Vec<u8>, Vec<u8>>,
    class_map: Vec<(Vec<u8>, Object)>,
}

/// The source objects that belong to the structure tree (its root and elements): never
/// copied as plain objects.
pub(super) fn struct_objects(doc: &Document) -> BTreeSet<ObjectId> {
    let mut ids = BTreeSet::new();
    let Ok(catalog) = doc.catalog() else {
        return ids;
    };
    if let Ok(Object::Reference(root)) = catalog.get(b"StructTreeRoot") {
        ids.insert(*root);
    }
    ids
}

/// Reads a tagged source's structure tree; `None` when it is untagged or its tree is
/// broken. `ids` collects every element reached (whatever the outcome).
pub(super) fn read_tree(doc: &Document, ids: &mut BTreeSet<ObjectId>) -> Option<SourceTree> {
    let catalog = doc.catalog().ok()?;
    let marked = catalog
        .get(b"MarkInfo")
        .ok()
        .and_then(|m| deref_dict(doc, m))
        .and_then(|m| {
            let v = m.get(b"Marked").ok()?;
            doc.dereference(v).ok().and_then(|(_, v)| v.as_bool().ok())
        })
        .unwrap_or(false);
    let root = catalog
        .get(b"StructTreeRoot")
        .ok()
        .and_then(|r| deref_dict(doc, r))?;
    if !marked {
        return None;
    }
    let mut reader = Reader {
        doc,
        elems: Vec::new(),
        seen: ids,
    };
    let mut tops = Vec::new();
    for kid in kids_of(doc, root.get(b"K").ok()) {
        if let Some(Kid::Elem(e)) = reader.kid(kid, None, 0).ok()? {
            tops.push(e);
        }
    }
    let elems = reader.elems;
    let mut role_map = BTreeMap::new();
    if let Some(map) = root.get(b"RoleMap").ok().and_then(|m| deref_dict(doc, m)) {
        for (key, value) in map.iter() {
            if let Ok(Object::Name(to)) = doc.dereference(value).map(|(_, o)| o) {
                role_map.insert(key.clone(), to.clone());
            }
        }
    }
    let mut class_map = Vec::new();
    if let Some(map) = root.get(b"ClassMap").ok().and_then(|m| deref_dict(doc, m)) {
        for (key, value) in map.iter() {
            class_map.push((key.clone(), value.clone()));
        }
    }
    // Unwrap top-level Document elements (the pack has its own), carrying the language.
    let lang = catalog.get(b"Lang").ok().and_then(|l| text_of(doc, l));
    let mut unwrapped: Vec<(usize, Option<Object>)> = Vec::new();
    let mut stack: Vec<(usize, Option<Object>)> =
        tops.into_iter().rev().map(|e| (e, lang.clone())).collect();
    while let Some((e, lang)) = stack.pop() {
        let elem = &elems[e];
        let dict = doc.get_dictionary(elem.id).ok();
        let s = dict
            .and_then(|d| d.get(b"S").ok())
            .and_then(|s| s.as_name().ok())
            .map(|s| standard_type(s, &role_map));
        let only_elems = elem.kids.iter().all(|k| matches!(k, Kid::Elem(_)));
        if s.as_deref() == Some(b"Document") && only_elems {
            let own = dict
                .and_then(|d| d.get(b"Lang").ok())
                .and_then(|l| text_of(doc, l))
                .or(lang);
            for kid in elem.kids.iter().rev() {
                if let Kid::Elem(k) = kid {
                    stack.push((*k, own.clone()));
                }
            }
        } else {
            unwrapped.push((e, lang));
        }
    }
    Some(SourceTree {
        elems,
        tops: unwrapped,
        role_map,
        class_map,
    })
}

/// A text string, direct or referenced.
fn text_of(doc: &Document, o: &Object) -> Option<Object> {
    match doc.dereference(o).ok()?.1 {
        s @ Object::String(..) => Some(s.clone()),
        _ => None,
    }
}

/// A `/K` value as a list of kids (an array, a referenced array, or one kid).
fn kids_of(doc: &Document, k: Option<&Object>) -> Vec<Object> {
    match k {
        None | Some(Object::Null) => Vec::new(),
        Some(Object::Array(a)) => a.clone(),
        Some(Object::Reference(id)) => match doc.get_object(*id) {
            Ok(Object::Array(a)) => a.clone(),
            Ok(_) => vec![Object::Reference(*id)],
            Err(_) => Vec::new(),
        },
        Some(o) => vec![o.clone()],
    }
}

/// The standard type `s` maps to through `role_map` (itself when standard or unmapped).
pub(super) fn standard_type(s: &[u8], role_map: &BTreeMap<Vec<u8>, Vec<u8>>) -> Vec<u8> {
    let mut at = s;
    for _ in 0..16 {
        if is_standard(at) {
            return at.to_vec();
        }
        match role_map.get(at) {
            Some(to) => at = to,
            None => break,
        }
    }
    s.to_vec()
}

/// Broken structure: the paper's tags are dropped.
struct Broken;

struct Reader<'a> {
    doc: &'a Document,
    elems: Vec<Elem>,
    seen: &'a mut BTreeSet<ObjectId>,
}

impl Reader<'_> {
    /// Reads one kid; `page` is the `/Pg` of the element holding it (or an ancestor's).
    fn kid(
        &mut self,
        kid: Object,
        page: Option<ObjectId>,
        depth: usize,
    ) -> Result<Option<Kid>, Broken> {
        let pg = |d: &Dictionary| d.get(b"Pg").and_then(Object::as_reference).ok();
        match kid {
            Object::Integer(mcid) => Ok(Some(Kid::Content {
                page,
                mcid,
                stm: None,
            })),
            Object::Reference(id) => {
                let Ok(d) = self.doc.get_dictionary(id) else {
                    return Ok(None);
                };
                if is_content_ref(d) {
                    return Ok(self.content(d, page));
                }
                if !d.has(b"S") {
                    return Ok(None);
                }
                if depth >= MAX_STRUCT_DEPTH || !self.seen.insert(id) {
                    return Err(Broken);
                }
                if self.elems.len() >= MAX_ELEMENTS {
                    return Err(Broken);
                }
                let index = self.elems.len();
                let own = pg(d);
                self.elems.push(Elem {
                    id,
                    page: own,
                    kids: Vec::new(),
                });
                let inherited = own.or(page);
                let mut kids = Vec::new();
                for k in kids_of(self.doc, d.get(b"K").ok()) {
                    if let Some(k) = self.kid(k, inherited, depth + 1)? {
                        kids.push(k);
                    }
                }
                self.elems[index].kids = kids;
                Ok(Some(Kid::Elem(index)))
            }
            Object::Dictionary(d) if is_content_ref(&d) => Ok(self.content(&d, page)),
            _ => Ok(None),
        }
    }

    /// A marked-content or object reference.
    fn content(&self, d: &Dictionary, page: Option<ObjectId>) -> Option<Kid> {
        let page = d.get(b"Pg").and_then(Object::as_reference).ok().or(page);
        if let Ok(obj) = d.get(b"Obj").and_then(Object::as_reference) {
            return Some(Kid::Obj { page, obj });
        }
        let mcid = match d.get(b"MCID").ok().map(|o| self.doc.dereference(o)) {
            Some(Ok((_, Object::Integer(n)))) => *n,
            _ => return None,
        };
        let stm = d.get(b"Stm").and_then(Object::as_reference).ok();
        Some(Kid::Content { page, mcid, stm })
    }
}

fn is_content_ref(d: &Dictionary) -> bool {
    let ty = d.get(b"Type").and_then(Object::as_name).ok();
    matches!(ty, Some(b"MCR") | Some(b"OBJR"))
        || (ty.is_none() && !d.has(b"S") && (d.has(b"MCID") || d.has(b"Obj")))
}

/// A tagged source's part of the pack's structure, with symbolic numbers until relocated.
#[derive(Debug, Clone, Default)]
pub(super) struct StructPart {
    /// The top-level elements kept, with the first page occurrence each marks.
    pub(super) tops: Vec<(ObjectId, u32)>,
    /// The parent tree's values by chunk-local key.
    pub(super) parents: Vec<Object>,
    /// Custom type → standard type.
    pub(super) role_map: Vec<(Vec<u8>, Vec<u8>)>,
    pub(super) class_map: Vec<(Vec<u8>, Object)>,
    /// Element ids (without the chunk's prefix) and their elements.
    pub(super) ids: Vec<(Vec<u8>, ObjectId)>,
}

impl StructPart {
    pub(super) fn size(&self) -> usize {
        let values: usize = self
            .parents
            .iter()
            .map(|p| match p {
                Object::Array(a) => a.len() * 48 + 48,
                _ => 48,
            })
            .sum();
        values + (self.tops.len() + self.ids.len() * 2) * 48
    }
}

/// What pass one finds out about an element: whether it is kept and the first occurrence
/// of the content it keeps.
#[derive(Debug, Clone, Copy, Default)]
struct Fate {
    has_content: bool,
    kept: bool,
    first: Option<u32>,
}

/// Prefix marking a string whose start is the chunk's id prefix (a fixup).
pub(super) const ID_PREFIXED: &[u8] = b"\xffBPID\xff";

/// Builds the chunk's structure from the source tree, after the pages are imported:
/// writes the kept elements into `out`, sets the keys of pages, XObjects and annotations.
/// `None`: nothing to keep (the tree is then treated as broken: too sparse).
pub(super) fn graft(
    tree: &SourceTree,
    import: &mut Import,
    out: &mut Output,
    occurrences: usize,
) -> Option<StructPart> {
    let occurrence = |page: Option<ObjectId>, import: &Import| -> Option<u32> {
        match import.page_map.get(&page?) {
            Some(&(j, OCCURRENCE)) => Some(j),
            _ => None,
        }
    };
    // Pass one: children before parents (elements are numbered parent first).
    let mut fates = vec![Fate::default(); tree.elems.len()];
    for e in (0..tree.elems.len()).rev() {
        let mut fate = Fate::default();
        for kid in &tree.elems[e].kids {
            let (has, kept, first) = match kid {
                // A child without content is kept with its parent, but does not keep it.
                Kid::Elem(k) => {
                    let f = fates[*k];
                    (f.has_content, f.kept && f.has_content, f.first)
                }
                Kid::Content { page, stm, mcid } => {
                    let j = occurrence(*page, import);
                    let ok = (0..MAX_MCID).contains(mcid)
                        && j.is_some()
                        && stm.is_none_or(|s| import.map.contains_key(&s));
                    (true, ok, j.filter(|_| ok))
                }
                Kid::Obj { page, obj } => {
                    let j = occurrence(*page, import);
                    let ok = import.map.contains_key(obj) && j.is_some();
                    (true, ok, j.filter(|_| ok))
                }
            };
            fate.has_content |= has;
            fate.kept |= kept;
            fate.first = match (fate.first, first) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        if !fate.has_content {
            // No content at all (an empty cell): it goes where its parent goes.
            fate.kept = true;
        }
        fates[e] = fate;
    }

    let mut graft = Graft {
        tree,
        fates: &fates,
        pages: BTreeMap::new(),
        streams: BTreeMap::new(),
        annots: Vec::new(),
        annotated: BTreeSet::new(),
        ids: Vec::new(),
        slots: 0,
        mcids: 0,
    };
    let mut part = StructPart::default();
    for (e, lang) in &tree.tops {
        let f = fates[*e];
        if !f.kept || !f.has_content {
            continue;
        }
        let parent = (part.tops.len() as u32, TOP_PARENT);
        let id = graft.element(*e, parent, lang.as_ref(), None, import, out);
        part.tops
            .push((id, f.first.unwrap_or(0).min(occurrences as u32)));
    }
    // A link the paper left out of its tree still needs a Link element (PDF/UA): one of
    // its own, top-level, on the link's page.
    let mut firsts: Vec<u32> = import
        .page_map
        .values()
        .filter(|id| id.1 == OCCURRENCE)
        .map(|id| id.0)
        .collect();
    firsts.sort_unstable();
    for j in firsts {
        let page = (j, OCCURRENCE);
        let annots: Vec<ObjectId> = match out.objects.get(&page) {
            Some(Object::Dictionary(d)) => match d.get(b"Annots") {
                Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
                Ok(Object::Reference(r)) => match out.objects.get(r) {
                    Some(Object::Array(a)) => {
                        a.iter().filter_map(|o| o.as_reference().ok()).collect()
                    }
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        for a in annots {
            let Some(Object::Dictionary(ad)) = out.objects.get(&a) else {
                continue;
            };
            let link = ad
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Link");
            if !link || graft.annotated.contains(&a) {
                continue;
            }
            let mut d = dict(vec![
                ("Type", name("StructElem")),
                ("S", name("Link")),
                ("P", Object::Reference((part.tops.len() as u32, TOP_PARENT))),
                (
                    "K",
                    Object::Dictionary(dict(vec![
                        ("Type", name("OBJR")),
                        ("Pg", Object::Reference(page)),
                        ("Obj", Object::Reference(a)),
                    ])),
                ),
            ]);
            if let Ok(contents) = ad.get(b"Contents") {
                d.set("Alt", contents.clone());
            }
            let id = out.add(Object::Dictionary(d));
            graft.annotated.insert(a);
            graft.annots.push((a, id));
            part.tops.push((id, j));
        }
    }
    graft.finish_counts();
    // A parent tree far sparser than its content is a damaged (or hostile) paper.
    if graft.slots > 8 * graft.mcids + 65_536 {
        return None;
    }
    // Keys: pages in pack order, then XObjects, then annotations.
    let mut keys: Vec<(ObjectId, &str, Object)> = Vec::new();
    let array = |m: &BTreeMap<i64, ObjectId>| {
        let len = m.keys().next_back().map_or(0, |&n| n as usize + 1);
        let mut a = vec![Object::Null; len];
        for (&n, &e) in m {
            a[n as usize] = Object::Reference(e);
        }
        Object::Array(a)
    };
    for (&j, m) in &graft.pages {
        keys.push(((j, OCCURRENCE), "StructParents", array(m)));
    }
    for (&s, m) in &graft.streams {
        keys.push((s, "StructParents", array(m)));
    }
    for &(a, e) in &graft.annots {
        keys.push((a, "StructParent", Object::Reference(e)));
    }
    for (key, (holder, entry, value)) in keys.into_iter().enumerate() {
        let set = |d: &mut Dictionary| d.set(entry, Object::Reference((key as u32, STRUCT_KEY)));
        match out.objects.get_mut(&holder) {
            Some(Object::Dictionary(d)) => set(d),
            Some(Object::Stream(s)) => set(&mut s.dict),
            _ => {}
        }
        part.parents.push(value);
    }
    for (from, to) in &tree.role_map {
        if !is_standard(from) {
            part.role_map
                .push((from.clone(), standard_type(to, &tree.role_map)));
        }
    }
    for (name, value) in &tree.class_map {
        let mut value = value.clone();
        import.rewrite(&mut value, out);
        part.class_map.push((name.clone(), value));
    }
    import.drain(out);
    part.ids = graft.ids;
    Some(part)
}

struct Graft<'t> {
    tree: &'t SourceTree,
    fates: &'t [Fate],
    /// Occurrence → MCID → element.
    pages: BTreeMap<u32, BTreeMap<i64, ObjectId>>,
    /// Form XObject (local) → MCID → element.
    streams: BTreeMap<ObjectId, BTreeMap<i64, ObjectId>>,
    /// Annotation (local) → element, in the order found.
    annots: Vec<(ObjectId, ObjectId)>,
    /// The annotations in `annots`.
    annotated: BTreeSet<ObjectId>,
    ids: Vec<(Vec<u8>, ObjectId)>,
    /// Parent tree array slots and marked-content ids, to refuse a hostile sparse tree.
    slots: usize,
    mcids: usize,
}

impl Graft<'_> {
    /// Writes element `e` (kept) and its kept descendants; returns its local id.
    fn element(
        &mut self,
        e: usize,
        parent: ObjectId,
        lang: Option<&Object>,
        inherited: Option<ObjectId>,
        import: &mut Import,
        out: &mut Output,
    ) -> ObjectId {
        let elem = &self.tree.elems[e];
        let id = out.reserve();
        // Everything but what is rebuilt here, in its order.
        let mut d = Dictionary::new();
        if let Ok(source) = import.doc.get_dictionary(elem.id) {
            for (key, value) in source.iter() {
                if !matches!(key.as_slice(), b"P" | b"K" | b"Pg" | b"Type") {
                    d.set(key.clone(), value.clone());
                }
            }
        }
        let mut object = Object::Dictionary(d);
        import.rewrite(&mut object, out);
        import.drain(out);
        let Object::Dictionary(mut d) = object else {
            return id;
        };
        d.set("Type", name("StructElem"));
        if let Ok(Object::Name(s)) = d.get(b"S") {
            let s = standard_type(s, &self.tree.role_map);
            d.set("S", Object::Name(s));
        }
        d.set("P", Object::Reference(parent));
        if let (Some(lang), false) = (lang, d.has(b"Lang")) {
            d.set("Lang", lang.clone());
        }
        if let Ok(Object::String(s, _)) = d.get(b"ID") {
            let s = s.clone();
            self.ids.push((s.clone(), id));
            d.set("ID", prefixed(&s));
        }
        prefix_headers(&mut d, out);
        let own_page = elem.page.and_then(|p| import.page_map.get(&p).copied());
        if let Some(page) = own_page {
            d.set("Pg", Object::Reference(page));
        }
        let inherited = elem.page.or(inherited);
        let mut kids = Vec::new();
        for kid in &elem.kids {
            match kid {
                Kid::Elem(k) => {
                    if self.fates[*k].kept {
                        kids.push(Object::Reference(
                            self.element(*k, id, None, inherited, import, out),
                        ));
                    }
                }
                Kid::Content { page, mcid, stm } => {
                    let Some(&occ) = page.and_then(|p| import.page_map.get(&p)) else {
                        continue;
                    };
                    if !(0..MAX_MCID).contains(mcid) {
                        continue;
                    }
                    match stm {
                        None => {
                            let m = self.pages.entry(occ.0).or_default();
                            if m.contains_key(mcid) {
                                continue;
                            }
                            m.insert(*mcid, id);
                            self.mcids += 1;
                            if own_page == Some(occ) {
                                kids.push(Object::Integer(*mcid));
                            } else {
                                kids.push(Object::Dictionary(dict(vec![
                                    ("Type", name("MCR")),
                                    ("Pg", Object::Reference(occ)),
                                    ("MCID", Object::Integer(*mcid)),
                                ])));
                            }
                        }
                        Some(s) => {
                            let Some(&local) = import.map.get(s) else {
                                continue;
                            };
                            let m = self.streams.entry(local).or_default();
                            if m.contains_key(mcid) {
                                continue;
                            }
                            m.insert(*mcid, id);
                            self.mcids += 1;
                            kids.push(Object::Dictionary(dict(vec![
                                ("Type", name("MCR")),
                                ("Pg", Object::Reference(occ)),
                                ("Stm", Object::Reference(local)),
                                ("MCID", Object::Integer(*mcid)),
                            ])));
                        }
                    }
                }
                Kid::Obj { page, obj } => {
                    let Some(&occ) = page.and_then(|p| import.page_map.get(&p)) else {
                        continue;
                    };
                    let Some(&local) = import.map.get(obj) else {
                        continue;
                    };
                    if !self.annotated.insert(local) {
                        continue;
                    }
                    self.annots.push((local, id));
                    kids.push(Object::Dictionary(dict(vec![
                        ("Type", name("OBJR")),
                        ("Pg", Object::Reference(occ)),
                        ("Obj", Object::Reference(local)),
                    ])));
                }
            }
        }
        match kids.len() {
            0 => {}
            1 => {
                d.set("K", kids.pop().unwrap_or(Object::Null));
            }
            _ => d.set("K", Object::Array(kids)),
        }
        out.objects.insert(id, Object::Dictionary(d));
        id
    }

    /// Counts the slots the parent tree arrays will take.
    fn finish_counts(&mut self) {
        self.slots = self
            .pages
            .values()
            .chain(self.streams.values())
            .map(|m| m.keys().next_back().map_or(0, |&n| n as usize + 1))
            .sum();
    }
}

/// An element id as written in the chunk: the chunk's prefix (a fixup) goes before it.
fn prefixed(id: &[u8]) -> Object {
    let mut s = ID_PREFIXED.to_vec();
    s.extend_from_slice(id);
    Object::String(s, StringFormat::Literal)
}

/// The id as the pack writes it: `<prefix>-<id>`.
pub(super) fn pack_id(prefix: u32, id: &[u8]) -> Vec<u8> {
    let mut s = format!("{prefix}-").into_bytes();
    s.extend_from_slice(id);
    s
}

/// Table cells name their headers by id (`/Headers` in a `/Table` attribute): prefixed
/// like the ids.
fn prefix_headers(d: &mut Dictionary, out: &mut Output) {
    let fix = |attr: &mut Dictionary| {
        if let Ok(Object::Array(headers)) = attr.get_mut(b"Headers") {
            for h in headers.iter_mut() {
                if let Object::String(s, _) = h {
                    *h = prefixed(s);
                }
            }
        }
    };
    let mut refs = Vec::new();
    match d.get_mut(b"A") {
        Ok(Object::Dictionary(a)) => fix(a),
        Ok(Object::Array(items)) => {
            for item in items.iter_mut() {
                match item {
                    Object::Dictionary(a) => fix(a),
                    Object::Reference(r) => refs.push(*r),
                    _ => {}
                }
            }
        }
        Ok(Object::Reference(r)) => refs.push(*r),
        _ => {}
    }
    for r in refs {
        if let Some(Object::Dictionary(a)) = out.objects.get_mut(&r) {
            fix(a);
        }
    }
}

/// Removes parent-tree keys the paper carried (they mean nothing in the pack), gives each
/// link annotation without one a description, and (tagged papers) asks for the structure
/// tab order on pages with annotations. Runs before [`graft`] sets the new keys.
pub(super) fn sweep(out: &mut Output, tagged: bool, occurrences: usize) {
    let mut links = Vec::new();
    for (id, object) in out.objects.iter_mut() {
        let d = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &mut s.dict,
            _ => continue,
        };
        d.remove(b"StructParents");
        d.remove(b"StructParent");
        let link = d
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Link");
        if link && !d.has(b"Contents") {
            links.push((*id, d.get(b"A").ok().cloned()));
        }
    }
    for (id, action) in links {
        let action = match action {
            Some(Object::Reference(r)) => out.objects.get(&r).cloned(),
            a => a,
        };
        let uri = match action {
            Some(Object::Dictionary(a)) => match a.get(b"URI") {
                Ok(Object::String(u, _)) => Some(String::from_utf8_lossy(u).into_owned()),
                _ => None,
            },
            _ => None,
        };
        let text = match uri {
            Some(u) => format!("Link to {u}"),
            None => "Link to another place in this paper".to_owned(),
        };
        if let Some(Object::Dictionary(d)) = out.objects.get_mut(&id) {
            d.set("Contents", text_string(&text));
        }
    }
    if tagged {
        for j in 0..occurrences {
            if let Some(Object::Dictionary(d)) = out.objects.get_mut(&(j as u32, OCCURRENCE)) {
                if d.has(b"Annots") {
                    d.set("Tabs", name("S"));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The pack's tree

/// The pack's sections: one per top-level bookmark (the front cover, the agenda, each
/// agenda item), running from the bookmark's run to the next one's. Runs before the first
/// bookmark belong to no section (their elements go straight under the Document).
#[derive(Debug)]
pub(super) struct Sections {
    pub(super) titles: Vec<String>,
    /// Each run's section.
    pub(super) of_run: Vec<Option<usize>>,
}

pub(super) fn sections(outline: &[Bookmark], runs: usize) -> Sections {
    let mut starts: Vec<(usize, &str)> =
        outline.iter().map(|b| (b.run, b.title.as_str())).collect();
    starts.sort_by_key(|&(run, _)| run);
    // An item with no pages of its own shares its run with the one before: the first wins.
    starts.dedup_by_key(|&mut (run, _)| run);
    let mut of_run = vec![None; runs];
    let mut at = None;
    let mut next = 0;
    for (r, slot) in of_run.iter_mut().enumerate() {
        while next < starts.len() && starts[next].0 <= r {
            at = Some(next);
            next += 1;
        }
        *slot = at;
    }
    Sections {
        titles: starts.iter().map(|&(_, t)| t.to_owned()).collect(),
        of_run,
    }
}

/// The tagged papers' contributions, gathered as they are written (pack numbers).
#[derive(Debug)]
pub(super) struct Tags {
    /// Some source was tagged.
    pub(super) any: bool,
    /// Every source that gave pages was tagged.
    pub(super) all: bool,
    /// The parent-tree key the next tagged source starts at.
    pub(super) next_key: u32,
    /// Top-level elements: (section or `u32::MAX`, first pack page, arrival, element).
    tops: Vec<(u32, usize, usize, ObjectId)>,
    parents: Vec<(u32, Object)>,
    role_map: BTreeMap<Vec<u8>, Vec<u8>>,
    class_map: BTreeMap<Vec<u8>, Object>,
    ids: BTreeMap<Vec<u8>, ObjectId>,
}

impl Tags {
    pub(super) fn new() -> Tags {
        Tags {
            any: false,
            all: true,
            next_key: 0,
            tops: Vec::new(),
            parents: Vec::new(),
            role_map: BTreeMap::new(),
            class_map: BTreeMap::new(),
            ids: BTreeMap::new(),
        }
    }

    /// Adds a source's part (relocated); `places` gives each top-level element's first pack
    /// page and section.
    pub(super) fn merge(&mut self, part: StructPart, places: &[(usize, u32)]) {
        self.any = true;
        let keys = part.parents.len() as u32;
        for (k, value) in part.parents.into_iter().enumerate() {
            self.parents.push((self.next_key + k as u32, value));
        }
        self.next_key += keys;
        for (&(id, _), &(page, section)) in part.tops.iter().zip(places) {
            let arrival = self.tops.len();
            self.tops.push((section, page, arrival, id));
        }
        // The first paper to name a custom type, a class or an id keeps it.
        for (from, to) in part.role_map {
            self.role_map.entry(from).or_insert(to);
        }
        for (name, value) in part.class_map {
            self.class_map.entry(name).or_insert(value);
        }
        for (key, id) in part.ids {
            self.ids.entry(key).or_insert(id);
        }
    }

    /// Writes the structure tree root (`root`), the Document element, the sections that
    /// hold something, the parent tree and id tree; returns the root.
    pub(super) fn write(
        mut self,
        pack: &mut PackObjects,
        root: u32,
        document: u32,
        sect_ids: &[u32],
        titles: &[String],
    ) -> ObjectId {
        self.tops
            .sort_by_key(|&(_, page, arrival, _)| (page, arrival));
        let mut in_section: Vec<Vec<ObjectId>> = vec![Vec::new(); sect_ids.len()];
        // The Document's children with the first page each holds.
        let mut children: Vec<(usize, u8, usize, u32)> = Vec::new();
        let mut first_page: Vec<Option<usize>> = vec![None; sect_ids.len()];
        for &(section, page, arrival, id) in &self.tops {
            match in_section.get_mut(section as usize) {
                Some(kids) => {
                    kids.push(id);
                    first_page[section as usize].get_or_insert(page);
                }
                None => children.push((page, 1, arrival, id.0)),
            }
        }
        for (i, kids) in in_section.iter().enumerate() {
            if kids.is_empty() {
                continue;
            }
            let page = first_page[i].unwrap_or(0);
            children.push((page, 0, i, sect_ids[i]));
            let mut d = dict(vec![
                ("Type", name("StructElem")),
                ("S", name("Sect")),
                ("P", Object::Reference((document, 0))),
                ("T", text_string(titles.get(i).map_or("", String::as_str))),
                (
                    "K",
                    Object::Array(kids.iter().map(|&k| Object::Reference(k)).collect()),
                ),
            ]);
            if titles.get(i).is_none_or(String::is_empty) {
                d.remove(b"T");
            }
            pack.objects.push((sect_ids[i], Object::Dictionary(d)));
        }
        // A section sorts before a loose element starting on the same page.
        children.sort_by_key(|&(page, rank, order, _)| (page, rank, order));
        pack.objects.push((
            document,
            Object::Dictionary(dict(vec![
                ("Type", name("StructElem")),
                ("S", name("Document")),
                ("P", Object::Reference((root, 0))),
                (
                    "K",
                    Object::Array(
                        children
                            .iter()
                            .map(|&(_, _, _, id)| Object::Reference((id, 0)))
                            .collect(),
                    ),
                ),
            ])),
        ));
        let mut nums = Vec::with_capacity(self.parents.len() * 2);
        for (key, value) in self.parents {
            nums.push(Object::Integer(i64::from(key)));
            nums.push(value);
        }
        let parent_tree = pack.add(Object::Dictionary(dict(vec![(
            "Nums",
            Object::Array(nums),
        )])));
        let mut d = dict(vec![
            ("Type", name("StructTreeRoot")),
            ("K", Object::Reference((document, 0))),
            ("ParentTree", Object::Reference(parent_tree)),
            (
                "ParentTreeNextKey",
                Object::Integer(i64::from(self.next_key)),
            ),
        ]);
        if !self.ids.is_empty() {
            let mut names = Vec::with_capacity(self.ids.len() * 2);
            for (key, id) in self.ids {
                names.push(Object::String(key, StringFormat::Literal));
                names.push(Object::Reference(id));
            }
            let tree = pack.add(Object::Dictionary(dict(vec![(
                "Names",
                Object::Array(names),
            )])));
            d.set("IDTree", Object::Reference(tree));
        }
        if !self.role_map.is_empty() {
            let mut map = Dictionary::new();
            for (from, to) in self.role_map {
                map.set(from, Object::Name(to));
            }
            d.set("RoleMap", Object::Dictionary(map));
        }
        if !self.class_map.is_empty() {
            let mut map = Dictionary::new();
            for (class, value) in self.class_map {
                map.set(class, value);
            }
            d.set("ClassMap", Object::Dictionary(map));
        }
        pack.objects.push((root, Object::Dictionary(d)));
        (root, 0)
    }
}
