//! Reading a paper and copying the objects its chosen pages need into the output: loading
//! (with password and damage checks), walking the page tree from the catalog (refusing loops),
//! renumbering objects (references to missing objects become `null` first), inherited page
//! attributes put onto each page, named destinations made explicit, form fields, layers and
//! annotations kept. It never rewrites a page's content stream.

use super::*;

/// Loads a source, refusing what cannot be read or needs a password, and putting right
/// what the attach check puts right (see [`crate::inspect`]).
pub(crate) fn load(bytes: &[u8]) -> Result<Document, PdfProblem> {
    crate::inspect::open(bytes)
}

// ---------------------------------------------------------------------------------------
// Page tree

/// A page of a source with the attributes it inherits from its ancestors.
#[derive(Debug, Clone)]
pub(super) struct SourcePage {
    pub(super) id: ObjectId,
    media_box: Option<Object>,
    crop_box: Option<Object>,
    resources: Option<Object>,
    rotate: Option<Object>,
}

#[derive(Debug)]
pub(super) struct PageTree {
    pub(super) pages: Vec<SourcePage>,
    /// The catalog and the page tree's inner nodes: never copied (references become null).
    pub(super) nodes: BTreeSet<ObjectId>,
}

/// Walks the page tree from the catalog, top down, carrying inheritable attributes and
/// refusing loops (a node reached twice).
pub(super) fn walk_pages(doc: &Document) -> Result<PageTree, PdfProblem> {
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

/// One source's objects as they are copied, by symbolic number (see [`super::chunk`]).
#[derive(Debug, Default)]
pub(super) struct Output {
    pub(super) objects: BTreeMap<ObjectId, Object>,
    /// The next local number.
    pub(super) next: u32,
    /// Streams copied from the source: the chunk holds their dictionary (with an empty
    /// content); the data is taken from the source object when the chunk is written.
    pub(super) borrowed: HashMap<ObjectId, ObjectId>,
}

impl Output {
    pub(super) fn reserve(&mut self) -> ObjectId {
        let id = (self.next, LOCAL);
        self.next += 1;
        id
    }

    pub(super) fn add(&mut self, object: Object) -> ObjectId {
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
pub(super) struct Import<'a> {
    pub(super) doc: &'a Document,
    /// Source object → pack object, for everything copied or queued.
    pub(super) map: HashMap<ObjectId, ObjectId>,
    /// Source objects given a pack number but not copied yet.
    pub(super) queue: VecDeque<ObjectId>,
    /// Source page → the pack page it became (first occurrence).
    pub(super) page_map: HashMap<ObjectId, ObjectId>,
    /// Never copied: the catalog and the page tree's inner nodes.
    pub(super) blocked: &'a BTreeSet<ObjectId>,
    /// Named destinations of the source (name → destination, unresolved).
    pub(super) names: &'a HashMap<Vec<u8>, Object>,
    /// The source's pages in order.
    pub(super) pages: Vec<ObjectId>,
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
    pub(super) fn drain(&mut self, out: &mut Output) {
        while let Some(old) = self.queue.pop_front() {
            let Some(&new) = self.map.get(&old) else {
                continue;
            };
            let mut object = match self.doc.objects.get(&old) {
                // Stream data is not copied: the writer takes it from the source.
                Some(Object::Stream(s)) => {
                    let mut dict = s.dict.clone();
                    dict.set("Length", Object::Integer(s.content.len() as i64));
                    out.borrowed.insert(new, old);
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
    pub(super) fn rewrite(&mut self, object: &mut Object, out: &mut Output) {
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
    pub(super) fn adopt_outline(&mut self, out: &mut Output) -> Vec<OutNode> {
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
    pub(super) fn attachments(&mut self, out: &mut Output) -> Vec<(Vec<u8>, Object)> {
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

    /// The source's interactive form fields that came along with its pages (their widgets
    /// are page annotations), renamed where a name is taken already.
    pub(super) fn form(&mut self, out: &mut Output, inputs: &FormInputs) -> Option<FormPart> {
        let acro = self
            .doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"AcroForm").ok())
            .and_then(|a| deref_dict(self.doc, a))?;
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
        let mut part = FormPart::default();
        for field in fields {
            let Ok(old) = field.as_reference() else {
                continue;
            };
            let Some(&new) = self.map.get(&old) else {
                continue;
            };
            if part.fields.contains(&new) {
                continue;
            }
            part.fields.push(new);
            // Two papers' fields with one name would share a value: rename the later one.
            if let Some(Object::Dictionary(d)) = out.objects.get_mut(&new) {
                if let Ok(Object::String(t, _)) = d.get(b"T") {
                    let title = decode_text_string(t);
                    if inputs.taken.contains(&title) || part.names.contains(&title) {
                        let renamed = format!("{title} ({})", inputs.source + 1);
                        part.names.push(renamed.clone());
                        d.set("T", text_string(&renamed));
                    } else {
                        part.names.push(title);
                    }
                }
            }
        }
        if part.fields.is_empty() {
            return None;
        }
        part.need_appearances = acro
            .get(b"NeedAppearances")
            .and_then(Object::as_bool)
            .unwrap_or(false);
        part.da = acro.get(b"DA").ok().cloned();
        if let Some(dr) = acro.get(b"DR").ok().and_then(|d| deref_dict(self.doc, d)) {
            for (category, entries) in dr.iter() {
                let Some(entries) = deref_dict(self.doc, entries) else {
                    continue;
                };
                for (key, value) in entries.iter() {
                    let mut value = value.clone();
                    self.rewrite(&mut value, out);
                    part.dr.push((category.clone(), key.clone(), value));
                }
            }
            self.drain(out);
        }
        Some(part)
    }

    /// Adds the source's optional content groups (layers) that came along with its pages,
    /// keeping those its default view hides hidden.
    pub(super) fn optional_content(&self) -> OcPart {
        let mut oc = OcPart::default();
        let Some(props) = self
            .doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"OCProperties").ok())
            .and_then(|p| deref_dict(self.doc, p))
        else {
            return oc;
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
        oc
    }
}

/// One source's form fields, with what its form dictionary says.
#[derive(Debug, Clone, Default)]
pub(super) struct FormPart {
    pub(super) fields: Vec<ObjectId>,
    /// The names its fields take (after renaming).
    pub(super) names: Vec<String>,
    /// Default resources: (category, key, value).
    pub(super) dr: Vec<(Vec<u8>, Vec<u8>, Object)>,
    pub(super) da: Option<Object>,
    pub(super) need_appearances: bool,
}

/// The pack's interactive form, gathered from the papers.
#[derive(Debug, Default)]
pub(super) struct Form {
    fields: Vec<ObjectId>,
    pub(super) names: BTreeSet<String>,
    dr: BTreeMap<Vec<u8>, Dictionary>,
    da: Option<Object>,
    need_appearances: bool,
}

impl Form {
    /// Adds a source's fields (pack numbers); an earlier source's resources win.
    pub(super) fn merge(&mut self, part: FormPart) {
        self.fields.extend(part.fields);
        self.names.extend(part.names);
        for (category, key, value) in part.dr {
            let slot = self.dr.entry(category).or_default();
            if !slot.has(&key) {
                slot.set(key, value);
            }
        }
        if self.da.is_none() {
            self.da = part.da;
        }
        self.need_appearances |= part.need_appearances;
    }

    pub(super) fn finish(self) -> Option<Dictionary> {
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

/// One source's optional content groups (layers) and those its default view hides.
#[derive(Debug, Clone, Default)]
pub(super) struct OcPart {
    pub(super) groups: Vec<ObjectId>,
    pub(super) off: Vec<ObjectId>,
}

/// The pack's optional content (layers), gathered from the papers.
#[derive(Debug, Default)]
pub(super) struct OptionalContent {
    groups: Vec<ObjectId>,
    off: Vec<ObjectId>,
}

impl OptionalContent {
    pub(super) fn merge(&mut self, part: OcPart) {
        for id in part.groups {
            if !self.groups.contains(&id) {
                self.groups.push(id);
            }
        }
        for id in part.off {
            if !self.off.contains(&id) {
                self.off.push(id);
            }
        }
    }

    pub(super) fn finish(self) -> Option<Dictionary> {
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
pub(super) fn repeat_annotations(d: &mut Dictionary, out: &mut Output, page: ObjectId) {
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
pub(super) fn decode_text_string(bytes: &[u8]) -> String {
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
pub(super) fn deref_dict(doc: &Document, object: &Object) -> Option<Dictionary> {
    match object {
        Object::Dictionary(d) => Some(d.clone()),
        Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
        _ => None,
    }
}

/// All (key, value) pairs of a name tree, in tree order, refusing loops.
pub(super) fn name_tree(doc: &Document, root: &Object, pairs: &mut Vec<(Vec<u8>, Object)>) {
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
pub(super) fn named_destinations(doc: &Document) -> HashMap<Vec<u8>, Object> {
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
// Page geometry and importing one page

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub(super) llx: f32,
    pub(super) lly: f32,
    pub(super) urx: f32,
    pub(super) ury: f32,
}

impl Rect {
    pub(super) fn from_object(
        doc_get: impl Fn(&Object) -> Option<f32>,
        object: &Object,
    ) -> Option<Rect> {
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

    pub(super) fn intersect(self, other: Rect) -> Option<Rect> {
        let r = Rect {
            llx: self.llx.max(other.llx),
            lly: self.lly.max(other.lly),
            urx: self.urx.min(other.urx),
            ury: self.ury.min(other.ury),
        };
        (r.width() > 0.0 && r.height() > 0.0).then_some(r)
    }

    pub(super) fn width(self) -> f32 {
        self.urx - self.llx
    }

    pub(super) fn height(self) -> f32 {
        self.ury - self.lly
    }
}

/// What the footer and bookmarks need to know about a page of the pack.
#[derive(Debug, Clone)]
pub(super) struct PageGeometry {
    /// CropBox ∩ MediaBox, in default user space.
    pub(super) visible: Rect,
    /// 0, 90, 180 or 270.
    pub(super) rotate: i64,
    /// Graphics-state imbalance of the original content.
    pub(super) balance: Balance,
    /// The page's content streams, in order (pack numbers).
    pub(super) contents: Vec<Object>,
}

/// Copies one page of a source into the pack as `new_id` (its content not yet wrapped).
pub(super) fn import_page(
    import: &mut Import,
    out: &mut Output,
    page: &SourcePage,
    new_id: ObjectId,
    footer_fonts: &[String],
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
    d.set("Parent", Object::Reference(PAGES_ROOT));
    // A leaf of the page tree is a page whatever its /Type says (a damaged file's may be
    // missing or wrong); readers skip a kid that is not typed /Page.
    d.set("Type", Object::Name(b"Page".to_vec()));
    if import.page_map.get(&page.id) != Some(&new_id) {
        repeat_annotations(&mut d, out, new_id);
    }

    // The page's own resources, with the footer's fonts under names that cannot clash.
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
    for (i, font) in footer_fonts.iter().enumerate() {
        fonts.set(
            font.as_str(),
            Object::Reference((i as u32, FOOTER_FONT_KIND)),
        );
    }
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
