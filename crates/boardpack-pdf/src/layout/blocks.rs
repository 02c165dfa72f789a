//! Blocks become pieces: headings, paragraphs, lists and tick boxes turned into the lines,
//! spaces and breaks that pagination places (tables are `table`'s, line breaking `wrap`'s).

use super::*;

#[derive(Debug, Clone, Copy)]
pub(super) struct Ctx<'a> {
    pub(super) style: &'a Style,
    /// Body type size in this context (smaller in tables).
    pub(super) size: f32,
    /// Set regular spans in bold (table header cells).
    pub(super) bold: bool,
    /// Counter numbering the tables of the flow.
    pub(super) tables: &'a std::cell::Cell<usize>,
    /// The structure tree being built.
    pub(super) tagger: &'a Tagger,
    /// The element new elements go under.
    pub(super) parent: usize,
}

impl Ctx<'_> {
    /// Adds an element of `role` under the current parent; its index.
    pub(super) fn add(&self, role: Role) -> usize {
        self.tagger.add(StructElem::new(role, Some(self.parent)))
    }

    /// The same context with new elements going under `parent`.
    pub(super) fn under(&self, parent: usize) -> Ctx<'_> {
        Ctx { parent, ..*self }
    }
}

/// Builds a flow's structure tree as its blocks are laid out: elements in reading order,
/// parents first, and heading levels made consecutive (the flow's shallowest heading is H1
/// and no level is skipped), as PDF/UA asks.
#[derive(Debug)]
pub(super) struct Tagger {
    elems: std::cell::RefCell<Vec<StructElem>>,
    /// The shallowest heading level in the flow.
    top: u8,
    /// The last heading level given (0: none yet).
    last: std::cell::Cell<u8>,
}

impl Tagger {
    /// A tree with its Document element, for `blocks`.
    pub(super) fn new(blocks: &[Block]) -> Tagger {
        fn shallowest(blocks: &[Block]) -> Option<u8> {
            blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Heading { level, .. } => Some(*level),
                    Block::KeepTogether(inner) => shallowest(inner),
                    _ => None,
                })
                .min()
        }
        Tagger {
            elems: std::cell::RefCell::new(vec![StructElem::new(Role::Document, None)]),
            top: shallowest(blocks).unwrap_or(0),
            last: std::cell::Cell::new(0),
        }
    }

    pub(super) fn add(&self, elem: StructElem) -> usize {
        let mut elems = self.elems.borrow_mut();
        elems.push(elem);
        elems.len() - 1
    }

    pub(super) fn set(&self, e: usize, f: impl FnOnce(&mut StructElem)) {
        if let Some(elem) = self.elems.borrow_mut().get_mut(e) {
            f(elem);
        }
    }

    /// The heading role for a heading of `level`: relative to the flow's shallowest, and
    /// at most one deeper than the heading before it.
    fn heading(&self, level: u8) -> Role {
        let relative = level.saturating_sub(self.top).saturating_add(1);
        let h = relative.min(self.last.get().saturating_add(1)).clamp(1, 6);
        self.last.set(h);
        Role::H(h)
    }

    pub(super) fn finish(self) -> Vec<StructElem> {
        self.elems.into_inner()
    }
}

/// Marks every unit that draws something as the content of element `e`.
pub(super) fn tag_units(units: &mut [Unit], e: usize) {
    for u in units {
        if !u.items.is_empty() {
            u.items.insert(0, Item::Begin(e));
            u.items.push(Item::End);
        }
    }
}

/// Gives each link of a paragraph's lines a Link element under `parent` holding the text
/// it covers (one element for a link that runs on to the next line), and its description.
pub(super) fn tag_links(units: &mut [Unit], parent: usize, ctx: &Ctx) {
    // The link element open at the end of the previous line, with its target.
    let mut open: Option<(usize, LinkTarget)> = None;
    let mut texts: Vec<(usize, String)> = Vec::new();
    for u in units.iter_mut() {
        let mut next_open = None;
        let n = u.links.len();
        for k in 0..n {
            let (lx, lw, target) = {
                let l = &u.links[k];
                (l.x, l.w, l.target.clone())
            };
            let inside = |item: &Item| match item {
                Item::Text(run) => run.x >= lx - 0.01 && run.x + run.width() <= lx + lw + 0.01,
                _ => false,
            };
            let first = u.items.iter().position(inside);
            let last = u.items.iter().rposition(inside);
            let e = match &open {
                Some((e, t)) if k == 0 && *t == target => *e,
                _ => ctx.tagger.add(StructElem::new(Role::Link, Some(parent))),
            };
            if let (Some(a), Some(b)) = (first, last) {
                let said: Vec<String> = u.items[a..=b]
                    .iter()
                    .filter_map(|i| match i {
                        Item::Text(run) => Some(run.text.clone()),
                        _ => None,
                    })
                    .collect();
                match texts.iter_mut().find(|(x, _)| *x == e) {
                    Some((_, t)) => {
                        t.push(' ');
                        t.push_str(&said.join(" "));
                    }
                    None => texts.push((e, said.join(" "))),
                }
                u.items.insert(b + 1, Item::End);
                u.items.insert(a, Item::Begin(e));
            }
            u.links[k].elem = Some(e);
            if k + 1 == n {
                next_open = Some((e, target));
            }
        }
        open = next_open;
    }
    for u in units.iter_mut() {
        for l in &mut u.links {
            if let Some((_, t)) = l.elem.and_then(|e| texts.iter().find(|(x, _)| *x == e)) {
                l.description = t.split_whitespace().collect::<Vec<_>>().join(" ");
            }
        }
    }
}

/// The plain text of spans.
fn plain(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a tick box says: "For decision: selected".
fn tick_text(label: &str, mark: TickMark) -> String {
    let state = match mark {
        TickMark::Empty => "not selected",
        TickMark::Cross | TickMark::Tick => "selected",
    };
    if label.is_empty() {
        state.to_string()
    } else {
        format!("{label}: {state}")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Mark {
    Anchor(String),
    Heading(u8, String),
}

/// An unbreakable horizontal slice: a line of text, a rule, a row of tick boxes. Its items
/// are relative to its own top-left corner.
#[derive(Debug, Clone, Default)]
pub(super) struct Unit {
    pub(super) height: f32,
    pub(super) items: Vec<Item>,
    pub(super) links: Vec<LinkArea>,
    pub(super) marks: Vec<Mark>,
    pub(super) keep_with_next: bool,
}

pub(super) fn blocks_to_pieces(blocks: &[Block], width: f32, ctx: &Ctx) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut pending: Vec<Mark> = Vec::new();
    for block in blocks {
        let start = out.len();
        block_to_pieces(block, width, ctx, &mut out);
        if !pending.is_empty() {
            if let Some(marks) = out[start..].iter_mut().find_map(Piece::marks_mut) {
                let mut moved = std::mem::take(&mut pending);
                moved.append(marks);
                *marks = moved;
            }
        }
        match block {
            Block::Anchor(name) => pending.push(Mark::Anchor(name.clone())),
            Block::Bookmark { level, title } => pending.push(Mark::Heading(*level, title.clone())),
            _ => {}
        }
    }
    if !pending.is_empty() {
        out.push(Piece::Unit(Unit {
            marks: pending,
            ..Unit::default()
        }));
    }
    out
}

pub(super) fn block_to_pieces(block: &Block, width: f32, ctx: &Ctx, out: &mut Vec<Piece>) {
    let style = ctx.style;
    match block {
        Block::Heading {
            level,
            text,
            anchor,
        } => {
            let size = if ctx.size < style.body_size {
                ctx.size
            } else {
                style.heading_size(*level)
            };
            let before = style.heading_gap
                * match level {
                    0 => 0.0,
                    1 => 14.0,
                    2 => 10.0,
                    _ => 7.0,
                };
            let after = style.heading_gap
                * match level {
                    0 => 10.0,
                    1 => 6.0,
                    _ => 4.0,
                };
            if before > 0.0 {
                out.push(Piece::Space(before));
            }
            let spans = vec![Span {
                text: text.clone(),
                style: FontStyle::Bold,
                colour: Some(style.heading_colour),
                link: None,
            }];
            let mut units = paragraph_units(&spans, width, size, Align::Left, style, false);
            let e = ctx.add(ctx.tagger.heading(*level));
            tag_units(&mut units, e);
            if let Some(first) = units.first_mut() {
                let mut marks = Vec::new();
                if let Some(a) = anchor {
                    marks.push(Mark::Anchor(a.clone()));
                }
                marks.push(Mark::Heading(*level, text.clone()));
                first.marks = marks;
            }
            for mut u in units {
                u.keep_with_next = true;
                out.push(Piece::Unit(u));
            }
            out.push(Piece::Space(after));
        }
        Block::Paragraph(p) => {
            let size = p.size.unwrap_or(ctx.size);
            let mut spans = p.spans.clone();
            if let Some(colour) = p.colour {
                for s in &mut spans {
                    s.colour.get_or_insert(colour);
                }
            }
            let mut units = paragraph_units(
                &spans,
                (width - p.indent).max(1.0),
                size,
                p.align,
                style,
                ctx.bold,
            );
            let e = ctx.add(Role::P);
            tag_links(&mut units, e, ctx);
            tag_units(&mut units, e);
            let n = units.len();
            for (i, mut u) in units.into_iter().enumerate() {
                if p.indent != 0.0 {
                    shift_unit(&mut u, p.indent);
                }
                // No orphans or widows: the first two and last two lines stay together.
                u.keep_with_next =
                    (n >= 2 && (i == 0 || i + 2 == n)) || (i + 1 == n && p.keep_with_next);
                out.push(Piece::Unit(u));
            }
            let gap = p
                .space_after
                .unwrap_or(style.paragraph_gap * ctx.size / style.body_size);
            if gap > 0.0 {
                out.push(Piece::Space(gap));
            }
        }
        Block::List(list) => list_pieces(list, width, ctx, out),
        Block::Table(table) => table_pieces(table, width, ctx, out),
        Block::TickBox { mark, label } => {
            let size = ctx.size;
            let line_h = size * style.leading;
            let box_size = (size * 0.8).round();
            let gap = size * 0.6;
            let label_x = box_size + gap;
            let mut units = paragraph_units(
                label,
                (width - label_x).max(1.0),
                size,
                Align::Left,
                style,
                ctx.bold,
            );
            // The box and its label read as one: "For decision: selected".
            let e = ctx.add(Role::P);
            let said = tick_text(&plain(label), *mark);
            ctx.tagger.set(e, |el| el.actual_text = Some(said));
            if units.is_empty() {
                units.push(Unit {
                    height: line_h,
                    ..Unit::default()
                });
            }
            let n = units.len();
            for (i, u) in units.iter_mut().enumerate() {
                shift_unit(u, label_x);
                if i == 0 {
                    let top = baseline_in(line_h, size) - box_size * 0.9;
                    draw_tick_box(&mut u.items, 0.0, top, box_size, *mark, style.text_colour);
                }
                u.keep_with_next = n >= 2 && (i == 0 || i + 2 == n);
            }
            tag_units(&mut units, e);
            out.extend(units.into_iter().map(Piece::Unit));
            out.push(Piece::Space(
                style.paragraph_gap * 0.5 * ctx.size / style.body_size,
            ));
        }
        Block::Choices(options) => {
            let size = ctx.size;
            let line_h = size * style.leading;
            let box_size = (size * 0.8).round();
            let gap = size * 0.4;
            let between = size * 1.6;
            let text_style = if ctx.bold {
                FontStyle::Bold
            } else {
                FontStyle::Regular
            };
            let baseline = baseline_in(line_h, size);
            let mut unit = Unit {
                height: line_h,
                ..Unit::default()
            };
            let mut x = 0.0;
            let p = ctx.add(Role::P);
            for (label, mark) in options {
                let e = ctx.under(p).add(Role::Span);
                let said = tick_text(label.trim(), *mark);
                ctx.tagger.set(e, |el| el.actual_text = Some(said));
                let (runs, label_w) = single_line(
                    label,
                    text_style,
                    size,
                    style.text_colour,
                    crate::shape::Base::Auto,
                );
                let w = box_size + gap + label_w;
                if x > 0.0 && x + w > width {
                    out.push(Piece::Unit(std::mem::replace(
                        &mut unit,
                        Unit {
                            height: line_h,
                            ..Unit::default()
                        },
                    )));
                    x = 0.0;
                }
                unit.items.push(Item::Begin(e));
                draw_tick_box(
                    &mut unit.items,
                    x,
                    baseline - box_size * 0.9,
                    box_size,
                    *mark,
                    style.text_colour,
                );
                for mut run in runs {
                    run.x += x + box_size + gap;
                    run.y = baseline;
                    unit.items.push(Item::Text(run));
                }
                unit.items.push(Item::End);
                x += w + between;
            }
            out.push(Piece::Unit(unit));
            out.push(Piece::Space(
                style.paragraph_gap * ctx.size / style.body_size,
            ));
        }
        Block::Rule => {
            let h = ctx.size * 0.9;
            out.push(Piece::Unit(Unit {
                height: h,
                items: vec![Item::Line {
                    x1: 0.0,
                    y1: h / 2.0,
                    x2: width,
                    y2: h / 2.0,
                    width: 0.75,
                    colour: style.border_colour,
                }],
                ..Unit::default()
            }));
        }
        Block::Image {
            image,
            width: wanted,
            align,
        } => {
            if image.width == 0 || image.height == 0 {
                return;
            }
            let w = wanted.clamp(1.0, width);
            let h = w * image.height as f32 / image.width as f32;
            let x = match align {
                Align::Left => 0.0,
                Align::Centre => (width - w) / 2.0,
                Align::Right => width - w,
            };
            let e = ctx.add(Role::Figure);
            let alt = image.description.trim();
            ctx.tagger.set(e, |f| {
                f.alt = Some(if alt.is_empty() {
                    "Picture".to_string()
                } else {
                    alt.to_string()
                });
            });
            out.push(Piece::Unit(Unit {
                height: h,
                items: vec![
                    Item::Begin(e),
                    Item::Image {
                        x,
                        y: 0.0,
                        w,
                        h,
                        image: image.clone(),
                    },
                    Item::End,
                ],
                ..Unit::default()
            }));
        }
        Block::Chart(chart) => chart_pieces(chart, width, ctx, out),
        Block::Space(h) => out.push(Piece::Space(h.max(0.0))),
        Block::PageBreak => out.push(Piece::PageBreak),
        Block::Anchor(_) | Block::Bookmark { .. } => {}
        Block::KeepTogether(blocks) => {
            let mut inner = blocks_to_pieces(blocks, width, ctx);
            // Trailing space is not part of what must stay together.
            let last_content = inner
                .iter()
                .rposition(|p| matches!(p, Piece::Unit(_) | Piece::Row(_)));
            if let Some(last) = last_content {
                for p in &mut inner[..last] {
                    p.set_keep_with_next();
                }
            }
            out.extend(inner);
        }
    }
}

/// Moves a unit's items and links right by `dx`.
pub(super) fn shift_unit(u: &mut Unit, dx: f32) {
    for item in &mut u.items {
        shift_item(item, dx, 0.0);
    }
    for l in &mut u.links {
        l.x += dx;
    }
}

/// Baseline of a line of type `size` centred in a line box of height `line_h`.
pub(super) fn baseline_in(line_h: f32, size: f32) -> f32 {
    let asc = font::ascent(FontStyle::Regular, size);
    let desc = font::descent(FontStyle::Regular, size);
    (line_h - (asc + desc)) / 2.0 + asc
}

pub(super) fn draw_tick_box(
    items: &mut Vec<Item>,
    x: f32,
    y: f32,
    s: f32,
    mark: TickMark,
    colour: Colour,
) {
    items.push(Item::Rect {
        x,
        y,
        w: s,
        h: s,
        fill: None,
        stroke: Some((colour, 0.75)),
    });
    let inset = s * 0.22;
    let line = |x1: f32, y1: f32, x2: f32, y2: f32| Item::Line {
        x1,
        y1,
        x2,
        y2,
        width: 1.1,
        colour,
    };
    match mark {
        TickMark::Empty => {}
        TickMark::Cross => {
            items.push(line(x + inset, y + inset, x + s - inset, y + s - inset));
            items.push(line(x + inset, y + s - inset, x + s - inset, y + inset));
        }
        TickMark::Tick => {
            items.push(line(x + inset, y + s * 0.55, x + s * 0.42, y + s - inset));
            items.push(line(
                x + s * 0.42,
                y + s - inset,
                x + s - inset * 0.8,
                y + inset,
            ));
        }
    }
}

pub(super) fn list_pieces(list: &List, width: f32, ctx: &Ctx, out: &mut Vec<Piece>) {
    let style = ctx.style;
    let size = ctx.size;
    let label_style = if ctx.bold {
        FontStyle::Bold
    } else {
        FontStyle::Regular
    };
    let labels: Vec<String> = (0..list.items.len())
        .map(|i| match &list.style {
            ListStyle::Bullet => "•".to_string(),
            ListStyle::Numbered { start } => format!("{}.", u64::from(*start) + i as u64),
            ListStyle::Lettered => format!("({})", letters(i)),
            ListStyle::Labels(l) => l.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    let label_runs: Vec<(Vec<TextRun>, f32)> = labels
        .iter()
        .map(|l| {
            single_line(
                l,
                label_style,
                size,
                style.text_colour,
                crate::shape::Base::Auto,
            )
        })
        .collect();
    let widest = label_runs.iter().map(|(_, w)| *w).fold(0.0, f32::max);
    let hang = (widest + size * 0.8).max(size * 1.6);
    let indent = f32::from(list.level) * size * 1.6;
    let text_x = indent + hang;
    let line_h = size * style.leading;
    let baseline = baseline_in(line_h, size);
    let l = ctx.add(Role::L);
    for (i, (spans, (label, _))) in list.items.iter().zip(&label_runs).enumerate() {
        let mut units = paragraph_units(
            spans,
            (width - text_x).max(1.0),
            size,
            Align::Left,
            style,
            ctx.bold,
        );
        let li = ctx.under(l).add(Role::LI);
        let lbl = ctx.under(li).add(Role::Lbl);
        let body = ctx.under(li).add(Role::LBody);
        let p = ctx.under(body).add(Role::P);
        tag_links(&mut units, p, ctx);
        tag_units(&mut units, p);
        let n = units.len();
        for (j, mut u) in units.into_iter().enumerate() {
            shift_unit(&mut u, text_x);
            if j == 0 && !label.is_empty() {
                // The label first: it is read before the item.
                let mut head = vec![Item::Begin(lbl)];
                for run in label {
                    let mut run = run.clone();
                    run.x += indent;
                    run.y = baseline;
                    head.push(Item::Text(run));
                }
                head.push(Item::End);
                u.items.splice(0..0, head);
            }
            u.keep_with_next = n >= 2 && (j == 0 || j + 2 == n);
            out.push(Piece::Unit(u));
        }
        if i + 1 < list.items.len() {
            out.push(Piece::Space(size * 0.3));
        }
    }
    out.push(Piece::Space(style.paragraph_gap * size / style.body_size));
}

/// "a", "b", … "z", "aa", "ab", …
pub(super) fn letters(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}
