//! Tables become rows of cells: column widths, cells that span columns, cells holding
//! blocks, header rows repeated on every page a table runs onto, rows that split across pages.

use super::*;

#[derive(Debug, Clone)]
pub(super) struct RowCell {
    x: f32,
    w: f32,
    fill: Option<Colour>,
    /// Taken from the front as a row splits across pages.
    units: std::collections::VecDeque<Unit>,
    /// Sum of the units' heights (f64: a cell may hold a very long text).
    height: f64,
    /// How many of the units are lines (draw something).
    lines: usize,
}

impl RowCell {
    fn new(x: f32, w: f32, fill: Option<Colour>, units: Vec<Unit>) -> RowCell {
        let height = units.iter().map(|u| f64::from(u.height)).sum();
        let lines = units.iter().filter(|u| !blank(u)).count();
        RowCell {
            x,
            w,
            fill,
            units: units.into(),
            height,
            lines,
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) table: usize,
    pub(super) header: bool,
    cells: Vec<RowCell>,
    padding: f32,
    border: Option<Colour>,
    pub(super) marks: Vec<Mark>,
    pub(super) keep_with_next: bool,
    /// The row may break between lines when it does not fit ([`Table::split_rows`]).
    pub(super) breaks: bool,
}

/// Whether a unit draws nothing (the space between paragraphs in a cell).
fn blank(u: &Unit) -> bool {
    u.items.is_empty() && u.links.is_empty() && u.marks.is_empty()
}

/// Lines (units that draw something) a row must keep on each side of a break.
const MIN_LINES: usize = 2;

/// Where a cell's units may break so that the first part fits in `room`: the number of
/// units before the break, or `None` when no break is good (fewer than [`MIN_LINES`]
/// lines would stand on either side, or the break would part lines kept together).
/// `lines` is how many of the units are lines; the cost is that of the units that fit.
fn break_point(
    units: &std::collections::VecDeque<Unit>,
    lines: usize,
    room: f32,
    leave: bool,
) -> Option<usize> {
    let mut used = 0.0;
    let mut fit = 0;
    let mut head = 0;
    while fit < units.len() && used + units[fit].height <= room {
        used += units[fit].height;
        head += usize::from(!blank(&units[fit]));
        fit += 1;
    }
    // Everything fits (and need not leave lines for the next page), or only space is left.
    if (fit == units.len() && !leave) || head == lines && fit < units.len() {
        return Some(fit);
    }
    // Back from the most that fits to the first good break: the last line before it is
    // not kept with the one after, and enough lines follow it.
    let mut k = fit;
    while k > 0 {
        let last = (0..k).rev().find(|&i| !blank(&units[i]))?;
        if !units[last].keep_with_next && lines - head >= MIN_LINES {
            break;
        }
        k = last;
        head -= 1;
    }
    if head >= MIN_LINES {
        Some(k)
    } else if leave {
        // This cell cannot leave lines behind; it stays whole with the first part.
        Some(units.len())
    } else {
        None
    }
}

impl Row {
    pub(super) fn height(&self) -> f32 {
        let content = self
            .cells
            .iter()
            .map(|c| c.height as f32)
            .fold(0.0, f32::max);
        content + 2.0 * self.padding
    }

    /// Splits off the part that fits in `avail`; `self` keeps the rest. Always moves at
    /// least one unit of the first non-empty cell so pagination makes progress.
    pub(super) fn split(&mut self, avail: f32) -> Row {
        let room = (avail - 2.0 * self.padding).max(0.0);
        let mut head_cells = Vec::with_capacity(self.cells.len());
        let mut moved_any = false;
        for cell in &mut self.cells {
            let mut used = 0.0;
            let mut n = 0;
            while n < cell.units.len() && used + cell.units[n].height <= room {
                used += cell.units[n].height;
                n += 1;
            }
            if n == 0 && !moved_any && !cell.units.is_empty() {
                n = 1;
            }
            moved_any |= n > 0;
            let head: Vec<Unit> = cell.units.drain(..n).collect();
            let cut = RowCell::new(cell.x, cell.w, cell.fill, head);
            cell.height = (cell.height - cut.height).max(0.0);
            cell.lines -= cut.lines;
            if cell.units.is_empty() {
                cell.height = 0.0;
            }
            head_cells.push(cut);
        }
        Row {
            table: self.table,
            header: self.header,
            cells: head_cells,
            padding: self.padding,
            border: self.border,
            marks: std::mem::take(&mut self.marks),
            keep_with_next: false,
            breaks: self.breaks,
        }
    }

    /// The least of the row that can stand on a page: its first part up to the earliest
    /// good break when it breaks between lines, else all of it. What a header row kept
    /// with it needs below it.
    pub(super) fn least_height(&self) -> f32 {
        if !self.breaks || self.header {
            return self.height();
        }
        let part = |cell: &RowCell| -> f64 {
            let total_lines = cell.lines;
            let mut lines = 0;
            let mut h = 0.0;
            for u in &cell.units {
                h += f64::from(u.height);
                if !blank(u) {
                    lines += 1;
                    let rest = total_lines - lines;
                    if lines >= MIN_LINES && rest >= MIN_LINES && !u.keep_with_next {
                        return h;
                    }
                }
            }
            h
        };
        let content = self
            .cells
            .iter()
            .map(|c| part(c) as f32)
            .fold(0.0, f32::max);
        content + 2.0 * self.padding
    }

    /// Breaks the row between lines so that its first part fits in `avail`, when every cell
    /// can break well there ([`break_point`]): the part that fits is returned, `self`
    /// keeps the rest (without the space that would open it). `None`: the row should move
    /// whole.
    /// With `leave`, the row breaks even when it would fit, so that at least two of its
    /// lines go on with what it is kept with (cells too short to leave any stay whole).
    pub(super) fn break_lines(&mut self, avail: f32, leave: bool) -> Option<Row> {
        if !self.breaks || self.header {
            return None;
        }
        let room = avail - 2.0 * self.padding;
        if room <= 0.0 {
            return None;
        }
        let points: Vec<usize> = self
            .cells
            .iter()
            .map(|c| break_point(&c.units, c.lines, room, leave))
            .collect::<Option<_>>()?;
        if points
            .iter()
            .zip(&self.cells)
            .all(|(&k, c)| k == c.units.len())
        {
            return None;
        }
        let mut head_cells = Vec::with_capacity(self.cells.len());
        for (cell, k) in self.cells.iter_mut().zip(points) {
            let head: Vec<Unit> = cell.units.drain(..k).collect();
            let mut dropped = 0.0;
            while cell.units.front().is_some_and(blank) {
                dropped += cell.units.pop_front().map_or(0.0, |u| f64::from(u.height));
            }
            let cut = RowCell::new(cell.x, cell.w, cell.fill, head);
            cell.height = (cell.height - cut.height - dropped).max(0.0);
            cell.lines -= cut.lines;
            head_cells.push(cut);
        }
        Some(Row {
            table: self.table,
            header: false,
            cells: head_cells,
            padding: self.padding,
            border: self.border,
            marks: std::mem::take(&mut self.marks),
            keep_with_next: false,
            breaks: true,
        })
    }

    /// The row drawn again as decoration (a header row repeated on a page a table runs
    /// onto): the same drawing, read once only, where the table starts.
    pub(super) fn untagged(&self) -> Row {
        let mut row = self.clone();
        row.marks.clear();
        for cell in &mut row.cells {
            for unit in &mut cell.units {
                unit.items
                    .retain(|i| !matches!(i, Item::Begin(_) | Item::End));
                for link in &mut unit.links {
                    link.elem = None;
                }
            }
        }
        row
    }

    /// Draws the row at (x0, y0) with the given height.
    pub(super) fn draw(self, x0: f32, y0: f32, height: f32, out: &mut Placed) {
        for cell in &self.cells {
            if let Some(fill) = cell.fill {
                out.items.push(Item::Rect {
                    x: x0 + cell.x,
                    y: y0,
                    w: cell.w,
                    h: height,
                    fill: Some(fill),
                    stroke: None,
                });
            }
        }
        let mut frames = Vec::with_capacity(self.cells.len());
        for cell in self.cells {
            let mut y = y0 + self.padding;
            for unit in cell.units {
                let h = unit.height;
                out.place(unit, x0 + cell.x + self.padding, y);
                y += h;
            }
            frames.push((cell.x, cell.w));
        }
        if let Some(border) = self.border {
            for (cx, cw) in frames {
                out.items.push(Item::Rect {
                    x: x0 + cx,
                    y: y0,
                    w: cw,
                    h: height,
                    fill: None,
                    stroke: Some((border, 0.5)),
                });
            }
        }
    }
}

pub(super) fn table_pieces(table: &Table, width: f32, ctx: &Ctx, out: &mut Vec<Piece>) {
    let style = ctx.style;
    let ncols = table.columns.len().max(1);
    let total: f32 = table.columns.iter().map(|f| f.max(0.0)).sum();
    let fractions: Vec<f32> = if total > 0.0 {
        table.columns.iter().map(|f| f.max(0.0) / total).collect()
    } else {
        vec![1.0 / ncols as f32; ncols]
    };
    let mut edges = Vec::with_capacity(ncols + 1);
    let mut acc = 0.0;
    edges.push(0.0);
    for f in &fractions {
        acc += f * width;
        edges.push(acc);
    }
    let id = ctx.tables.get();
    ctx.tables.set(id + 1);
    let size = table
        .size
        .unwrap_or(style.table_size * ctx.size / style.body_size);
    let padding = table.padding.unwrap_or(style.cell_padding);
    let border = table.borders.then_some(style.border_colour);
    let t = ctx.add(Role::Table);
    let make_row = |cells: &[Cell], header: bool| -> Row {
        let tr = ctx.under(t).add(Role::TR);
        let cell_elem = |span: usize| {
            let c = ctx.under(tr).add(if header { Role::TH } else { Role::TD });
            ctx.tagger.set(c, |e| {
                e.col_span = span;
                e.column_header = header;
            });
            c
        };
        let mut col = 0;
        let mut row_cells = Vec::with_capacity(cells.len());
        for cell in cells {
            if col >= ncols {
                break;
            }
            let end = (col + cell.span.max(1)).min(ncols);
            let x = edges[col];
            let w = edges[end] - x;
            let cell_ctx = Ctx {
                style,
                size,
                bold: header || ctx.bold,
                tables: ctx.tables,
                tagger: ctx.tagger,
                parent: cell_elem(end - col),
            };
            col = end;
            let inner = (w - 2.0 * padding).max(1.0);
            let units = cell_units(&cell.blocks, inner, &cell_ctx);
            let fill = cell.fill.or(if header { table.header_fill } else { None });
            row_cells.push(RowCell::new(x, w, fill, units));
        }
        if col < ncols {
            cell_elem(ncols - col);
            // Short rows are padded with empty cells so borders close.
            row_cells.push(RowCell::new(
                edges[col],
                edges[ncols] - edges[col],
                if header { table.header_fill } else { None },
                Vec::new(),
            ));
        }
        Row {
            table: id,
            header,
            cells: row_cells,
            padding,
            border,
            marks: Vec::new(),
            keep_with_next: header,
            breaks: table.split_rows,
        }
    };
    for cells in &table.header {
        out.push(Piece::Row(make_row(cells, true)));
    }
    let first_body = out.len();
    let n = table.rows.len();
    // The last `widows` rows go to a page together: each keeps with the one after it.
    let widows_from = n.saturating_sub(table.widows.max(1));
    for (k, cells) in table.rows.iter().enumerate() {
        let mut row = make_row(cells, false);
        if (k >= widows_from && k + 1 < n) || table.keep_with_next.contains(&k) {
            row.keep_with_next = true;
        }
        out.push(Piece::Row(row));
    }
    // A table whose rows break never ends a page with a last row of a single line: that
    // row keeps with the one before it, which breaks to go over with it.
    if table.split_rows && table.rows.len() >= 2 {
        let short = match out.last() {
            Some(Piece::Row(last)) => last.cells.iter().all(|c| c.lines < MIN_LINES),
            _ => false,
        };
        if short {
            if let Some(Piece::Row(before)) = out.get_mut(first_body + table.rows.len() - 2) {
                before.keep_with_next = true;
            }
        }
    }
    out.push(Piece::Space(
        style.paragraph_gap * ctx.size / style.body_size,
    ));
}

/// Lays blocks into a table cell: a stack of units (nested tables become whole units).
pub(super) fn cell_units(blocks: &[Block], width: f32, ctx: &Ctx) -> Vec<Unit> {
    let pieces = blocks_to_pieces(blocks, width, ctx);
    let mut units = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Unit(u) => units.push(u),
            Piece::Row(row) => {
                let h = row.height();
                let mut placed = Placed::default();
                row.draw(0.0, 0.0, h, &mut placed);
                units.push(Unit {
                    height: h,
                    items: placed.items,
                    links: placed.links,
                    marks: Vec::new(),
                    keep_with_next: false,
                });
            }
            Piece::Space(h) => units.push(Unit {
                height: h,
                ..Unit::default()
            }),
            Piece::PageBreak => {}
        }
    }
    // Leading and trailing space add nothing inside a cell.
    while units.last().is_some_and(blank) {
        units.pop();
    }
    let lead = units.iter().take_while(|u| blank(u)).count();
    units.drain(..lead);
    units
}
