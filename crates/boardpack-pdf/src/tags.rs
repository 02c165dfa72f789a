//! Tagging the pages [`crate::write()`] draws (PDF 1.7, 14.7–14.8; PDF/UA-1, 7.1): each
//! piece of content is marked as belonging to an element of the laid structure
//! ([`crate::layout::StructElem`]) with a marked-content id, or as an artifact (footers,
//! running headers, rules, cell borders and shading), and at the end the structure tree is
//! written: one `StructElem` per element that has content (table parts always, so every
//! row keeps its cells), kids in reading order, the parent tree that maps each page's
//! marked-content ids and each link annotation back to its element.
//!
//! It decides nothing about what the elements are (layout does) and draws nothing.

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::layout::{Item, Role, StructElem};

/// The marked-content sequence content is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mc {
    /// Content of element `n`.
    Elem(usize),
    /// Running text that is not part of the document's reading (footers, headers).
    Pagination,
    /// Decoration: rules, borders, shading.
    Layout,
}

/// What kind of content an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Image,
    Drawing,
}

/// The marking of one page as it is written.
#[derive(Debug)]
pub(crate) struct PageMarks<'a> {
    structure: &'a [StructElem],
    stack: Vec<usize>,
    open: Option<Mc>,
    /// The element of each marked-content id of the page, in order.
    pub(crate) mcids: Vec<usize>,
    /// Each figure's box on the page (PDF user space: llx, lly, urx, ury).
    pub(crate) boxes: Vec<(usize, [f32; 4])>,
}

impl<'a> PageMarks<'a> {
    pub(crate) fn new(structure: &'a [StructElem]) -> PageMarks<'a> {
        PageMarks {
            structure,
            stack: Vec::new(),
            open: None,
            mcids: Vec::new(),
            boxes: Vec::new(),
        }
    }

    /// Whether the document is tagged at all (pages laid out by hand are not).
    pub(crate) fn enabled(&self) -> bool {
        !self.structure.is_empty()
    }

    /// Follows a structure marker; `false` for any other item.
    pub(crate) fn marker(&mut self, item: &Item) -> bool {
        match item {
            Item::Begin(e) => {
                self.stack.push(*e);
                true
            }
            Item::End => {
                self.stack.pop();
                true
            }
            _ => false,
        }
    }

    /// The sequence content of `kind` belongs in, where it is now.
    pub(crate) fn want(&self, kind: Kind) -> Mc {
        let elem = self
            .stack
            .last()
            .copied()
            .filter(|&e| e < self.structure.len());
        match (kind, elem) {
            (Kind::Text | Kind::Image, Some(e)) => Mc::Elem(e),
            (Kind::Text, None) => Mc::Pagination,
            (Kind::Image, None) => Mc::Layout,
            (Kind::Drawing, Some(e)) => {
                let el = &self.structure[e];
                if el.actual_text.is_some() || el.role() == Role::Figure {
                    Mc::Elem(e)
                } else {
                    Mc::Layout
                }
            }
            (Kind::Drawing, None) => Mc::Layout,
        }
    }

    /// Whether `want` is the sequence already open.
    pub(crate) fn is_open(&self, want: Mc) -> bool {
        self.open == Some(want)
    }

    /// Closes the open sequence and opens `want` (the caller has ended any text object).
    pub(crate) fn switch(&mut self, want: Mc, out: &mut Vec<u8>) {
        if self.open.is_some() {
            out.extend_from_slice(b"EMC\n");
        }
        match want {
            Mc::Elem(e) => {
                let mcid = self.mcids.len();
                self.mcids.push(e);
                let role = self.structure[e].role().name();
                out.extend_from_slice(format!("/{role} <</MCID {mcid}>> BDC\n").as_bytes());
            }
            Mc::Pagination => {
                out.extend_from_slice(b"/Artifact <</Type /Pagination>> BDC\n");
            }
            Mc::Layout => out.extend_from_slice(b"/Artifact <</Type /Layout>> BDC\n"),
        }
        self.open = Some(want);
    }

    /// Notes a figure's picture at this box.
    pub(crate) fn figure_box(&mut self, want: Mc, bbox: [f32; 4]) {
        if let Mc::Elem(e) = want {
            match self.boxes.iter_mut().find(|(x, _)| *x == e) {
                Some((_, b)) => {
                    b[0] = b[0].min(bbox[0]);
                    b[1] = b[1].min(bbox[1]);
                    b[2] = b[2].max(bbox[2]);
                    b[3] = b[3].max(bbox[3]);
                }
                None => self.boxes.push((e, bbox)),
            }
        }
    }

    /// Closes the open sequence at the end of the page (after any text object).
    pub(crate) fn end(&mut self, out: &mut Vec<u8>) {
        if self.open.take().is_some() {
            out.extend_from_slice(b"EMC\n");
        }
    }
}

/// What one page contributed: its marked-content ids' elements and its figures' boxes.
#[derive(Debug, Default)]
pub(crate) struct PageTags {
    pub(crate) mcids: Vec<usize>,
    pub(crate) boxes: Vec<(usize, [f32; 4])>,
}

/// A link annotation to attach to the tree: its element (`None`: one is made for it), page
/// and object.
#[derive(Debug)]
pub(crate) struct LinkTag {
    pub(crate) elem: Option<usize>,
    pub(crate) page: usize,
    pub(crate) annot: ObjectId,
}

#[derive(Debug, Clone, Copy)]
enum Kid {
    Elem(usize),
    Mcid { page: usize, mcid: usize },
    Objr { page: usize, annot: ObjectId },
}

/// Writes the structure tree of a tagged document: every element with content, the
/// parent tree, `/StructParents` on each page and `/StructParent` on each link annotation.
/// Returns the `StructTreeRoot`.
pub(crate) fn write_tree(
    doc: &mut Document,
    structure: &[StructElem],
    pages: &[PageTags],
    links: &[LinkTag],
    page_ids: &[ObjectId],
) -> Result<ObjectId, lopdf::Error> {
    let mut elems: Vec<StructElem> = structure.to_vec();
    if elems.is_empty() {
        elems.push(StructElem::new(Role::Document, None));
    }
    // A link with no element of its own gets one, under the Document.
    let mut link_elem = Vec::with_capacity(links.len());
    for link in links {
        match link.elem.filter(|&e| e < elems.len()) {
            Some(e) => link_elem.push(e),
            None => {
                elems.push(StructElem::new(Role::Link, Some(0)));
                link_elem.push(elems.len() - 1);
            }
        }
    }
    let n = elems.len();
    // A parent must come before its child; anything else hangs from the Document.
    let parent: Vec<Option<usize>> = elems
        .iter()
        .enumerate()
        .map(|(i, e)| {
            if i == 0 {
                None
            } else {
                Some(e.parent.filter(|&p| p < i).unwrap_or(0))
            }
        })
        .collect();
    type Key = (usize, usize);
    let mut own: Vec<Vec<(Key, Kid)>> = vec![Vec::new(); n];
    let mut first: Vec<Option<Key>> = vec![None; n];
    let mut note = |e: usize, key: Key, kid: Kid, own: &mut Vec<Vec<(Key, Kid)>>| {
        own[e].push((key, kid));
        first[e] = Some(first[e].map_or(key, |f| f.min(key)));
    };
    for (page, tags) in pages.iter().enumerate() {
        for (mcid, &e) in tags.mcids.iter().enumerate() {
            if e < n {
                note(e, (page, mcid), Kid::Mcid { page, mcid }, &mut own);
            }
        }
    }
    for (link, &e) in links.iter().zip(&link_elem) {
        note(
            e,
            (link.page, usize::MAX),
            Kid::Objr {
                page: link.page,
                annot: link.annot,
            },
            &mut own,
        );
    }
    for e in (1..n).rev() {
        if let (Some(p), Some(f)) = (parent[e], first[e]) {
            first[p] = Some(first[p].map_or(f, |g| g.min(f)));
        }
    }
    // Table parts are kept when their table has content, so that rows stay regular.
    let table_of = |mut e: usize| -> Option<usize> {
        for _ in 0..n {
            if elems[e].role() == Role::Table {
                return Some(e);
            }
            e = parent[e]?;
        }
        None
    };
    let keep: Vec<bool> = (0..n)
        .map(|e| {
            e == 0
                || first[e].is_some()
                || (elems[e].role().is_table_part()
                    && table_of(e).is_some_and(|t| first[t].is_some()))
        })
        .collect();
    // Only elements whose ancestors are all kept (a kept cell of a dropped table is not).
    let mut kept = vec![false; n];
    for e in 0..n {
        kept[e] = keep[e] && parent[e].is_none_or(|p| kept[p]);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in 1..n {
        if let (true, Some(p)) = (kept[e], parent[e]) {
            children[p].push(e);
        }
    }
    let ids: Vec<Option<ObjectId>> = (0..n)
        .map(|e| kept[e].then(|| doc.new_object_id()))
        .collect();
    let root_id = doc.new_object_id();
    for e in 0..n {
        let Some(id) = ids[e] else { continue };
        // Kids in reading order: child elements (by their first content; an empty one
        // right after the sibling before it) merged with the element's own content.
        let mut kids: Vec<(Key, Kid)> = Vec::new();
        let mut last = (0, 0);
        for &c in &children[e] {
            let key = first[c].unwrap_or(last);
            last = key;
            kids.push((key, Kid::Elem(c)));
        }
        let mut merged: Vec<Kid> = Vec::with_capacity(kids.len() + own[e].len());
        let (mut a, mut b) = (kids.into_iter().peekable(), own[e].iter().peekable());
        loop {
            let take_own = match (a.peek(), b.peek()) {
                (None, None) => break,
                (Some(_), None) => false,
                (None, Some(_)) => true,
                (Some((ka, _)), Some((kb, _))) => kb < ka,
            };
            if take_own {
                merged.extend(b.next().map(|(_, k)| *k));
            } else {
                merged.extend(a.next().map(|(_, k)| k));
            }
        }
        let home = own[e].iter().find_map(|(_, k)| match k {
            Kid::Mcid { page, .. } => Some(*page),
            _ => None,
        });
        let el = &elems[e];
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"StructElem".to_vec()));
        dict.set("S", Object::Name(el.role().name().as_bytes().to_vec()));
        let parent_ref = parent[e].and_then(|p| ids[p]).unwrap_or(root_id);
        dict.set("P", Object::Reference(parent_ref));
        if let Some(page) = home.and_then(|p| page_ids.get(p)) {
            dict.set("Pg", Object::Reference(*page));
        }
        let k: Vec<Object> = merged
            .into_iter()
            .filter_map(|kid| match kid {
                Kid::Elem(c) => ids[c].map(Object::Reference),
                Kid::Mcid { page, mcid } if Some(page) == home => {
                    Some(Object::Integer(mcid as i64))
                }
                Kid::Mcid { page, mcid } => {
                    let mut r = Dictionary::new();
                    r.set("Type", Object::Name(b"MCR".to_vec()));
                    r.set("Pg", Object::Reference(*page_ids.get(page)?));
                    r.set("MCID", Object::Integer(mcid as i64));
                    Some(Object::Dictionary(r))
                }
                Kid::Objr { page, annot } => {
                    let mut r = Dictionary::new();
                    r.set("Type", Object::Name(b"OBJR".to_vec()));
                    r.set("Pg", Object::Reference(*page_ids.get(page)?));
                    r.set("Obj", Object::Reference(annot));
                    Some(Object::Dictionary(r))
                }
            })
            .collect();
        dict.set("K", Object::Array(k));
        if let Some(title) = &el.title {
            dict.set("T", crate::write::text_string(title));
        }
        if let Some(alt) = &el.alt {
            dict.set("Alt", crate::write::text_string(alt));
        }
        if let Some(text) = &el.actual_text {
            dict.set("ActualText", crate::write::text_string(text));
        }
        let mut attrs = Dictionary::new();
        match el.role() {
            Role::TH | Role::TD => {
                attrs.set("O", Object::Name(b"Table".to_vec()));
                if el.role() == Role::TH {
                    let scope: &[u8] = if el.column_header { b"Column" } else { b"Row" };
                    attrs.set("Scope", Object::Name(scope.to_vec()));
                }
                if el.col_span > 1 {
                    attrs.set("ColSpan", Object::Integer(el.col_span as i64));
                }
            }
            Role::Figure => {
                let bbox = pages
                    .iter()
                    .flat_map(|p| &p.boxes)
                    .find(|(x, _)| *x == e)
                    .map(|(_, b)| *b);
                if let Some(b) = bbox {
                    attrs.set("O", Object::Name(b"Layout".to_vec()));
                    attrs.set(
                        "BBox",
                        Object::Array(b.iter().map(|v| crate::write::real(*v)).collect()),
                    );
                    attrs.set("Placement", Object::Name(b"Block".to_vec()));
                }
            }
            _ => {}
        }
        // An owner alone says nothing.
        if attrs.len() > 1 {
            dict.set("A", Object::Dictionary(attrs));
        }
        doc.objects.insert(id, Object::Dictionary(dict));
    }

    // The parent tree: page i's marked-content ids under key i, link k under pages + k.
    let mut nums = Vec::with_capacity(2 * (pages.len() + links.len()));
    for (i, tags) in pages.iter().enumerate() {
        let refs: Vec<Object> = tags
            .mcids
            .iter()
            .map(|&e| {
                ids.get(e)
                    .copied()
                    .flatten()
                    .map_or(Object::Null, Object::Reference)
            })
            .collect();
        nums.push(Object::Integer(i as i64));
        nums.push(Object::Array(refs));
        if let Some(page) = page_ids.get(i) {
            doc.get_object_mut(*page)?
                .as_dict_mut()?
                .set("StructParents", Object::Integer(i as i64));
        }
    }
    for (k, (link, &e)) in links.iter().zip(&link_elem).enumerate() {
        let key = (pages.len() + k) as i64;
        nums.push(Object::Integer(key));
        nums.push(ids[e].map_or(Object::Null, Object::Reference));
        doc.get_object_mut(link.annot)?
            .as_dict_mut()?
            .set("StructParent", Object::Integer(key));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree_id = doc.add_object(parent_tree);
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    if let Some(doc_elem) = ids[0] {
        root.set("K", Object::Array(vec![Object::Reference(doc_elem)]));
    }
    root.set("ParentTree", Object::Reference(parent_tree_id));
    root.set(
        "ParentTreeNextKey",
        Object::Integer((pages.len() + links.len()) as i64),
    );
    doc.objects.insert(root_id, Object::Dictionary(root));
    Ok(root_id)
}
