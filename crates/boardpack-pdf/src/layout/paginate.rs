//! Pieces fill pages: keeping headings with what follows, splitting tables between rows,
//! moving whatever does not fit to the next page, and recording where every anchor and
//! heading landed.

use super::*;

#[derive(Debug, Clone)]
pub(super) enum Piece {
    Unit(Unit),
    Row(Row),
    Space(f32),
    PageBreak,
}

impl Piece {
    fn keep_with_next(&self) -> bool {
        match self {
            Piece::Unit(u) => u.keep_with_next,
            Piece::Row(r) => r.keep_with_next,
            Piece::Space(_) | Piece::PageBreak => false,
        }
    }

    pub(super) fn set_keep_with_next(&mut self) {
        match self {
            Piece::Unit(u) => u.keep_with_next = true,
            Piece::Row(r) => r.keep_with_next = true,
            Piece::Space(_) | Piece::PageBreak => {}
        }
    }

    pub(super) fn marks_mut(&mut self) -> Option<&mut Vec<Mark>> {
        match self {
            Piece::Unit(u) => Some(&mut u.marks),
            Piece::Row(r) => Some(&mut r.marks),
            Piece::Space(_) | Piece::PageBreak => None,
        }
    }
}

/// Items placed on a page (absolute coordinates) and the marks met on the way.
#[derive(Debug, Default)]
pub(super) struct Placed {
    pub(super) items: Vec<Item>,
    pub(super) links: Vec<LinkArea>,
    marks: Vec<(Mark, f32)>,
}

impl Placed {
    /// Places `unit` with its top-left corner at (x0, y0).
    pub(super) fn place(&mut self, unit: Unit, x0: f32, y0: f32) {
        for m in unit.marks {
            self.marks.push((m, y0));
        }
        for mut item in unit.items {
            shift_item(&mut item, x0, y0);
            self.items.push(item);
        }
        for mut link in unit.links {
            link.x += x0;
            link.y += y0;
            self.links.push(link);
        }
    }
}

/// Moves an item by (dx, dy).
pub(super) fn shift_item(item: &mut Item, dx: f32, dy: f32) {
    match item {
        Item::Text(run) => {
            run.x += dx;
            run.y += dy;
        }
        Item::Line { x1, y1, x2, y2, .. } => {
            *x1 += dx;
            *y1 += dy;
            *x2 += dx;
            *y2 += dy;
        }
        Item::Rect { x, y, .. } | Item::Image { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
        Item::Begin(_) | Item::End => {}
    }
}

pub(super) fn paginate(pieces: Vec<Piece>, setup: &PageSetup) -> Laid {
    let content_h = setup.content_height();
    let x0 = setup.margin_left;
    let top = setup.margin_top;
    let mut laid = Laid::default();
    let mut headers: BTreeMap<usize, Vec<Row>> = BTreeMap::new();
    let mut page = Placed::default();
    // y within the content area; `body_start` is where content starts after repeated
    // table headers.
    let mut y = 0.0;
    let mut body_start = 0.0;
    let mut has_content = false;

    let finish = |page: &mut Placed, laid: &mut Laid| {
        let index = laid.pages.len();
        let placed = std::mem::take(page);
        for (mark, my) in placed.marks {
            let at = Position { page: index, y: my };
            match mark {
                Mark::Anchor(name) => {
                    laid.anchors.entry(name).or_insert(at);
                }
                Mark::Heading(level, title) => laid.headings.push(LaidHeading { level, title, at }),
            }
        }
        laid.pages.push(LaidPage {
            width: setup.width,
            height: setup.height,
            items: placed.items,
            links: placed.links,
        });
    };

    let mut queue: std::collections::VecDeque<Piece> = pieces.into();
    while let Some(piece) = queue.pop_front() {
        match piece {
            Piece::PageBreak => {
                if has_content {
                    finish(&mut page, &mut laid);
                    y = 0.0;
                    body_start = 0.0;
                    has_content = false;
                }
            }
            Piece::Space(h) => {
                if y > body_start {
                    y += h;
                }
            }
            Piece::Unit(_) | Piece::Row(_) => {
                let mut piece = piece;
                // A row of a table whose rows break, short of room: it breaks between lines
                // here when its cells allow, rather than moving whole and leaving a gap.
                if let Piece::Row(row) = &mut piece {
                    if y > body_start && y + row.height() > content_h {
                        if let Some(head) = row.break_lines(content_h - y, false) {
                            let hh = head.height();
                            head.draw(x0, top + y, hh, &mut page);
                            finish(&mut page, &mut laid);
                            y = 0.0;
                            body_start = 0.0;
                            has_content = false;
                            queue.push_front(piece);
                            continue;
                        }
                    }
                }
                let h = match &piece {
                    Piece::Unit(u) => u.height,
                    Piece::Row(r) => r.height(),
                    _ => 0.0,
                };
                // Height of the chain this piece starts (itself and everything it keeps
                // with), up to the first piece that does not keep with the next.
                let mut chain_h = h;
                if piece.keep_with_next() {
                    for next in queue.iter() {
                        match next {
                            Piece::Space(s) => chain_h += s,
                            Piece::PageBreak => break,
                            Piece::Unit(u) => {
                                chain_h += u.height;
                                if !u.keep_with_next {
                                    break;
                                }
                            }
                            Piece::Row(r) => {
                                chain_h += r.least_height();
                                if !r.keep_with_next {
                                    break;
                                }
                            }
                        }
                        if chain_h > content_h {
                            break;
                        }
                    }
                }
                let needed = if chain_h <= content_h - body_start {
                    chain_h
                } else {
                    h
                };
                // A breaking row that fits, kept with what does not: it breaks so that
                // some of its lines go over with what it keeps with.
                if let Piece::Row(row) = &mut piece {
                    if row.keep_with_next
                        && y > body_start
                        && y + h <= content_h
                        && y + needed > content_h
                    {
                        if let Some(head) = row.break_lines(content_h - y, true) {
                            let hh = head.height();
                            head.draw(x0, top + y, hh, &mut page);
                            finish(&mut page, &mut laid);
                            y = 0.0;
                            body_start = 0.0;
                            has_content = false;
                            queue.push_front(piece);
                            continue;
                        }
                    }
                }
                if y > body_start && y + needed > content_h {
                    finish(&mut page, &mut laid);
                    y = 0.0;
                    body_start = 0.0;
                    has_content = false;
                }
                // A table continuing onto a fresh page repeats its header rows.
                if let Piece::Row(row) = &piece {
                    if !row.header && y == 0.0 {
                        if let Some(hs) = headers.get(&row.table) {
                            for hr in hs {
                                let hh = hr.height();
                                hr.untagged().draw(x0, top + y, hh, &mut page);
                                y += hh;
                            }
                            body_start = y;
                        }
                    }
                }
                match piece {
                    Piece::Unit(u) => {
                        let h = u.height;
                        page.place(u, x0, top + y);
                        y += h;
                        has_content = true;
                    }
                    Piece::Row(mut row) => {
                        if row.header {
                            headers.entry(row.table).or_default().push(row.clone());
                        }
                        let rh = row.height();
                        if y + rh <= content_h || (row.header && y == 0.0) {
                            row.draw(x0, top + y, rh, &mut page);
                            y += rh;
                            has_content = true;
                        } else {
                            // Taller than what is left of a fresh page: split it, between
                            // lines where the table allows and the cells can.
                            let avail = content_h - y;
                            let head = match row.break_lines(avail, false) {
                                Some(head) => head,
                                None => row.split(avail),
                            };
                            let hh = head.height();
                            head.draw(x0, top + y, hh, &mut page);
                            finish(&mut page, &mut laid);
                            y = 0.0;
                            body_start = 0.0;
                            has_content = false;
                            row.keep_with_next = false;
                            queue.push_front(Piece::Row(row));
                        }
                    }
                    Piece::Space(_) | Piece::PageBreak => {}
                }
            }
        }
    }
    if has_content || laid.pages.is_empty() {
        finish(&mut page, &mut laid);
    }
    laid
}
