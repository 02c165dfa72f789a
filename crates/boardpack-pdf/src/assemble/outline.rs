//! The pack's bookmarks: the planned outline, with each adopted paper's own bookmarks nested
//! beneath its entry, written as an outline tree whose targets are the top of a page.

use super::*;

#[derive(Debug, Clone)]
pub(super) enum Target {
    Dest(Vec<Object>),
    Action(Object),
}

#[derive(Debug, Clone)]
pub(super) struct OutNode {
    pub(super) title: Object,
    pub(super) target: Option<Target>,
    pub(super) open: bool,
    pub(super) children: Vec<OutNode>,
}

pub(super) fn outline_nodes(
    marks: &[Bookmark],
    run_start: &[usize],
    pages: &[Option<(Rect, i64)>],
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
pub(super) fn page_top(page: ObjectId, geometry: Option<&Option<(Rect, i64)>>) -> Vec<Object> {
    let Some(Some((v, rotate))) = geometry else {
        return vec![Object::Reference(page), name("Fit")];
    };
    let (left, top) = match rotate {
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
pub(super) fn visible(nodes: &[OutNode]) -> i64 {
    nodes
        .iter()
        .map(|n| 1 + if n.open { visible(&n.children) } else { 0 })
        .sum()
}

/// Writes `nodes` as siblings under `parent`; returns (first, last, visible count).
pub(super) fn write_outline(
    out: &mut PackObjects,
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
        out.objects.push((ids[i].0, Object::Dictionary(d)));
    }
    let first = ids.first().copied().unwrap_or(parent);
    let last = ids.last().copied().unwrap_or(parent);
    (first, last, visible(nodes))
}
