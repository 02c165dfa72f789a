//! Page layout for the pages Boardpack makes (cover sheets, agendas, minutes, reports): a
//! [`Flow`] of [`Block`]s in, a plain [`Laid`] plan out — pages of positioned text runs,
//! lines and rectangles, link areas, and where every anchor and heading landed. Callers read
//! the plan ("on which page does item 7 start?", "is the executive summary one page?") before
//! anything is written, and [`super::write()`] turns it into PDF bytes.
//!
//! This module must not know about PDF syntax, printpdf or lopdf, and must stay pure: no
//! clock, no files, no randomness. It measures text only through [`super::font`], so what it
//! wraps is exactly what the writer prints.
//!
//! Coordinates are PostScript points (1/72 in) with the origin at the **top-left** corner of
//! the page and y growing downwards; text runs are placed by their baseline.

use std::collections::BTreeMap;

use super::font::{self, FontStyle};

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Colour {
    pub const BLACK: Colour = Colour::rgb(0, 0, 0);
    pub const WHITE: Colour = Colour::rgb(255, 255, 255);
    /// Secondary text (footers, captions).
    pub const GREY: Colour = Colour::rgb(0x59, 0x59, 0x59);
    /// Table borders and rules.
    pub const BORDER: Colour = Colour::rgb(0xA6, 0xA6, 0xA6);
    /// Table header shading.
    pub const SHADE: Colour = Colour::rgb(0xE8, 0xED, 0xEE);
    /// NHS Blue (Pantone 300), for links and accents.
    pub const NHS_BLUE: Colour = Colour::rgb(0x00, 0x5E, 0xB8);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Colour {
        Colour { r, g, b }
    }
}

/// Paper size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    pub width: f32,
    pub height: f32,
    pub margin_top: f32,
    pub margin_right: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
}

impl PageSetup {
    /// A4 portrait with 20 mm margins (25 mm at the foot, leaving room for a footer).
    pub fn a4() -> PageSetup {
        PageSetup {
            width: 210.0 * MM,
            height: 297.0 * MM,
            margin_top: 20.0 * MM,
            margin_right: 20.0 * MM,
            margin_bottom: 25.0 * MM,
            margin_left: 20.0 * MM,
        }
    }

    pub fn content_width(&self) -> f32 {
        (self.width - self.margin_left - self.margin_right).max(1.0)
    }

    pub fn content_height(&self) -> f32 {
        (self.height - self.margin_top - self.margin_bottom).max(1.0)
    }
}

impl Default for PageSetup {
    fn default() -> Self {
        PageSetup::a4()
    }
}

/// Type sizes, spacing and colours.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// Body text size, points.
    pub body_size: f32,
    /// Line height as a multiple of the type size.
    pub leading: f32,
    /// Sizes of heading levels 0 (document title) to 3; deeper levels use level 3.
    pub heading_sizes: [f32; 4],
    /// Space after a paragraph, list or table, points.
    pub paragraph_gap: f32,
    /// Type size inside tables.
    pub table_size: f32,
    /// Padding inside table cells.
    pub cell_padding: f32,
    pub text_colour: Colour,
    pub heading_colour: Colour,
    pub link_colour: Colour,
    pub border_colour: Colour,
    pub header_fill: Colour,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            body_size: 11.0,
            leading: 1.3,
            heading_sizes: [18.0, 14.0, 12.0, 11.0],
            paragraph_gap: 7.0,
            table_size: 10.0,
            cell_padding: 4.0,
            text_colour: Colour::BLACK,
            heading_colour: Colour::BLACK,
            link_colour: Colour::NHS_BLUE,
            border_colour: Colour::BORDER,
            header_fill: Colour::SHADE,
        }
    }
}

impl Style {
    fn heading_size(&self, level: u8) -> f32 {
        self.heading_sizes[usize::from(level.min(3))]
    }
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// The top of a page of the same document (0-based index).
    Page(usize),
    /// A point on a page of the same document (0-based index; y from the top).
    PagePoint { page: usize, y: f32 },
    /// A named anchor ([`Block::Anchor`] or a heading's anchor); layout turns these into
    /// [`LinkTarget::PagePoint`] when the anchor is in the same flow.
    Anchor(String),
    /// A web address.
    Uri(String),
}

/// A run of text in one face. Paragraph text is a list of spans.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Span {
    pub text: String,
    pub style: FontStyle,
    /// Overrides the paragraph's colour.
    pub colour: Option<Colour>,
    pub link: Option<LinkTarget>,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }

    pub fn bold(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            style: FontStyle::Bold,
            ..Span::default()
        }
    }

    pub fn italic(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            style: FontStyle::Italic,
            ..Span::default()
        }
    }

    /// Makes the span a link (drawn in the link colour unless it has its own).
    pub fn link(mut self, target: LinkTarget) -> Span {
        self.link = Some(target);
        self
    }

    pub fn colour(mut self, colour: Colour) -> Span {
        self.colour = Some(colour);
        self
    }
}

/// Spans from light markup: `**bold**` and `*italic*`. A marker without its partner is kept
/// as a literal asterisk.
pub fn markup(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut rest = text;
    let mut plain = String::new();
    while let Some(pos) = rest.find('*') {
        plain.push_str(&rest[..pos]);
        let after = &rest[pos..];
        let (marker, style) = if after.starts_with("**") {
            ("**", FontStyle::Bold)
        } else {
            ("*", FontStyle::Italic)
        };
        let inner = &after[marker.len()..];
        match inner.find(marker) {
            Some(end) if end > 0 => {
                if !plain.is_empty() {
                    spans.push(Span::plain(std::mem::take(&mut plain)));
                }
                spans.push(Span {
                    text: inner[..end].to_string(),
                    style,
                    ..Span::default()
                });
                rest = &inner[end + marker.len()..];
            }
            _ => {
                plain.push_str(marker);
                rest = inner;
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        spans.push(Span::plain(plain));
    }
    spans
}

/// Horizontal alignment of the lines of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Centre,
    Right,
}

/// A paragraph: inline spans, wrapped to the column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    /// Type size; the body size when `None`.
    pub size: Option<f32>,
    pub align: Align,
    /// Space after; the style's paragraph gap when `None`.
    pub space_after: Option<f32>,
    /// Left indent, points.
    pub indent: f32,
    /// Keep the last line on the same page as the first line of the next block.
    pub keep_with_next: bool,
    /// Default colour of the text; the style's text colour when `None`.
    pub colour: Option<Colour>,
}

impl Paragraph {
    pub fn new(spans: Vec<Span>) -> Paragraph {
        Paragraph {
            spans,
            ..Paragraph::default()
        }
    }
}

/// How list items are labelled.
#[derive(Debug, Clone, PartialEq)]
pub enum ListStyle {
    /// "•"
    Bullet,
    /// "1.", "2.", … from `start`.
    Numbered { start: u32 },
    /// "(a)", "(b)", …
    Lettered,
    /// One label per item, as given ("1.1", "1.2", …); missing labels are blank.
    Labels(Vec<String>),
}

/// A list with hanging indents.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub style: ListStyle,
    pub items: Vec<Vec<Span>>,
    /// Nesting level: each level indents by one label column.
    pub level: u8,
}

/// How a tick box is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TickMark {
    #[default]
    Empty,
    Cross,
    Tick,
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub blocks: Vec<Block>,
    pub fill: Option<Colour>,
    /// How many columns the cell covers (at least 1).
    pub span: usize,
}

impl Cell {
    /// A cell with one plain paragraph.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::spans(vec![Span::plain(text)])
    }

    /// A cell with one bold paragraph.
    pub fn bold(text: impl Into<String>) -> Cell {
        Cell::spans(vec![Span::bold(text)])
    }

    pub fn spans(spans: Vec<Span>) -> Cell {
        Cell::blocks(vec![Block::Paragraph(Paragraph {
            spans,
            space_after: Some(0.0),
            ..Paragraph::default()
        })])
    }

    pub fn blocks(blocks: Vec<Block>) -> Cell {
        Cell {
            blocks,
            fill: None,
            span: 1,
        }
    }

    pub fn fill(mut self, colour: Colour) -> Cell {
        self.fill = Some(colour);
        self
    }

    pub fn span(mut self, columns: usize) -> Cell {
        self.span = columns.max(1);
        self
    }

    /// Sets the alignment of every paragraph in the cell.
    pub fn align(mut self, align: Align) -> Cell {
        for block in &mut self.blocks {
            if let Block::Paragraph(p) = block {
                p.align = align;
            }
        }
        self
    }
}

/// A table. Header rows repeat at the top of every page the table runs onto; a body row
/// moves whole to the next page unless it is taller than a page, when it is split.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column widths as fractions of the column width (normalised to sum to one).
    pub columns: Vec<f32>,
    pub header: Vec<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
    /// Thin borders round every cell.
    pub borders: bool,
    /// Shading of header cells (`None`: unshaded).
    pub header_fill: Option<Colour>,
    /// Type size; the style's table size when `None`.
    pub size: Option<f32>,
}

impl Table {
    /// A bordered table with shaded header row(s).
    pub fn new(columns: Vec<f32>, header: Vec<Vec<Cell>>, rows: Vec<Vec<Cell>>) -> Table {
        Table {
            columns,
            header,
            rows,
            borders: true,
            header_fill: Some(Colour::SHADE),
            size: None,
        }
    }
}

/// A unit of content in a flow.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading; level 0 is the document title. Headings stay on the page of what follows
    /// them and are listed in [`Laid::headings`] (for bookmarks).
    Heading {
        level: u8,
        text: String,
        anchor: Option<String>,
    },
    Paragraph(Paragraph),
    List(List),
    Table(Table),
    /// A tick box followed by its label.
    TickBox {
        mark: TickMark,
        label: Vec<Span>,
    },
    /// Tick boxes set side by side on a line ("☒ For decision  ☐ For assurance").
    Choices(Vec<(String, TickMark)>),
    /// A thin horizontal line across the column.
    Rule,
    /// Vertical space, points (dropped at the top of a page).
    Space(f32),
    PageBreak,
    /// A named place: records the page and position of what follows.
    Anchor(String),
    /// Blocks that stay on one page if they fit on one.
    KeepTogether(Vec<Block>),
}

impl Block {
    pub fn heading(level: u8, text: impl Into<String>) -> Block {
        Block::Heading {
            level,
            text: text.into(),
            anchor: None,
        }
    }

    pub fn heading_anchored(
        level: u8,
        text: impl Into<String>,
        anchor: impl Into<String>,
    ) -> Block {
        Block::Heading {
            level,
            text: text.into(),
            anchor: Some(anchor.into()),
        }
    }

    /// A plain paragraph.
    pub fn para(text: impl Into<String>) -> Block {
        Block::Paragraph(Paragraph::new(vec![Span::plain(text)]))
    }

    /// A paragraph from [`markup`].
    pub fn markup(text: &str) -> Block {
        Block::Paragraph(Paragraph::new(markup(text)))
    }

    pub fn spans(spans: Vec<Span>) -> Block {
        Block::Paragraph(Paragraph::new(spans))
    }

    /// A bulleted list of markup items.
    pub fn bullets<S: AsRef<str>>(items: &[S]) -> Block {
        Block::List(List {
            style: ListStyle::Bullet,
            items: items.iter().map(|s| markup(s.as_ref())).collect(),
            level: 0,
        })
    }

    /// A numbered list of markup items.
    pub fn numbered<S: AsRef<str>>(items: &[S]) -> Block {
        Block::List(List {
            style: ListStyle::Numbered { start: 1 },
            items: items.iter().map(|s| markup(s.as_ref())).collect(),
            level: 0,
        })
    }

    pub fn tick(mark: TickMark, label: impl Into<String>) -> Block {
        Block::TickBox {
            mark,
            label: markup(&label.into()),
        }
    }
}

/// A document to lay out: page setup, style and blocks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Flow {
    pub page: PageSetup,
    pub style: Style,
    pub blocks: Vec<Block>,
}

impl Flow {
    /// A4 with the default style.
    pub fn new(blocks: Vec<Block>) -> Flow {
        Flow {
            page: PageSetup::a4(),
            style: Style::default(),
            blocks,
        }
    }
}

/// A run of text in one face, size and colour, placed by its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    /// Only characters the face can draw (see [`font::printable`]).
    pub text: String,
    pub style: FontStyle,
    pub size: f32,
    pub colour: Colour,
}

/// A drawing primitive on a laid page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        colour: Colour,
    },
    /// `y` is the top edge.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Colour>,
        /// Stroke colour and line width.
        stroke: Option<(Colour, f32)>,
    },
}

/// A clickable area. `y` is the top edge.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkArea {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub target: LinkTarget,
}

/// One laid page.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidPage {
    pub width: f32,
    pub height: f32,
    /// In painting order.
    pub items: Vec<Item>,
    pub links: Vec<LinkArea>,
}

impl LaidPage {
    pub fn blank(setup: &PageSetup) -> LaidPage {
        LaidPage {
            width: setup.width,
            height: setup.height,
            items: Vec::new(),
            links: Vec::new(),
        }
    }

    /// The text of the page's runs in painting order, one run per line (for tests and
    /// previews).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for item in &self.items {
            if let Item::Text(run) = item {
                out.push_str(&run.text);
                out.push('\n');
            }
        }
        out
    }
}

/// Where something landed: page index (0-based) and y from the top of the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    pub page: usize,
    pub y: f32,
}

/// A heading as laid, for bookmarks and tables of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidHeading {
    pub level: u8,
    pub title: String,
    pub at: Position,
}

/// A bookmark in the document outline, with its children.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    /// Target page, 0-based.
    pub page: usize,
    /// Target y from the top of the page; the top of the page when `None`.
    pub y: Option<f32>,
    pub children: Vec<OutlineEntry>,
}

impl OutlineEntry {
    pub fn new(title: impl Into<String>, page: usize) -> OutlineEntry {
        OutlineEntry {
            title: title.into(),
            page,
            y: None,
            children: Vec::new(),
        }
    }
}

/// The result of layout.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Laid {
    pub pages: Vec<LaidPage>,
    pub anchors: BTreeMap<String, Position>,
    pub headings: Vec<LaidHeading>,
}

impl Laid {
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Nested outline entries from the headings of levels `1..=max_level` (the title, level
    /// 0, is left out: it is the document itself).
    pub fn outline(&self, max_level: u8) -> Vec<OutlineEntry> {
        let mut root: Vec<OutlineEntry> = Vec::new();
        // Levels of the open entries, outermost first.
        let mut stack: Vec<u8> = Vec::new();
        for h in &self.headings {
            if h.level == 0 || h.level > max_level {
                continue;
            }
            while stack.last().is_some_and(|&l| l >= h.level) {
                stack.pop();
            }
            let entry = OutlineEntry {
                title: h.title.clone(),
                page: h.at.page,
                y: Some(h.at.y),
                children: Vec::new(),
            };
            descend(&mut root, stack.len()).push(entry);
            stack.push(h.level);
        }
        root
    }

    /// Appends `other`'s pages after these, shifting its page indices, anchors and links.
    pub fn append(&mut self, other: Laid) {
        let offset = self.pages.len();
        for mut page in other.pages {
            for link in &mut page.links {
                match &mut link.target {
                    LinkTarget::Page(p) => *p += offset,
                    LinkTarget::PagePoint { page, .. } => *page += offset,
                    LinkTarget::Anchor(_) | LinkTarget::Uri(_) => {}
                }
            }
            self.pages.push(page);
        }
        for (name, mut at) in other.anchors {
            at.page += offset;
            self.anchors.entry(name).or_insert(at);
        }
        for mut h in other.headings {
            h.at.page += offset;
            self.headings.push(h);
        }
    }

    /// Turns links to anchors this document knows into links to their pages. Links to
    /// unknown anchors are left alone (the writer refuses them).
    pub fn resolve_links(&mut self) {
        for page in &mut self.pages {
            for link in &mut page.links {
                if let LinkTarget::Anchor(name) = &link.target {
                    if let Some(at) = self.anchors.get(name) {
                        link.target = LinkTarget::PagePoint {
                            page: at.page,
                            y: at.y,
                        };
                    }
                }
            }
        }
    }

    /// Draws a footer on every page: `left` at the left margin and `right(n, m)` ("Page n of
    /// m", 1-based) at the right margin, in small grey type below the text area.
    pub fn stamp_footer(
        &mut self,
        setup: &PageSetup,
        left: &str,
        right: impl Fn(usize, usize) -> String,
    ) {
        let total = self.pages.len();
        let size = 8.5;
        let baseline = setup.height - setup.margin_bottom + 0.55 * setup.margin_bottom;
        let left_text = font::printable(left, FontStyle::Regular).into_owned();
        for (i, page) in self.pages.iter_mut().enumerate() {
            let right_text = font::printable(&right(i + 1, total), FontStyle::Regular).into_owned();
            let right_w = font::text_width(&right_text, FontStyle::Regular, size);
            let max_left = setup.content_width() - right_w - 12.0;
            if !left_text.is_empty() {
                let shown = truncate_to(&left_text, FontStyle::Regular, size, max_left);
                page.items.push(Item::Text(TextRun {
                    x: setup.margin_left,
                    y: baseline,
                    text: shown,
                    style: FontStyle::Regular,
                    size,
                    colour: Colour::GREY,
                }));
            }
            if !right_text.is_empty() {
                page.items.push(Item::Text(TextRun {
                    x: setup.width - setup.margin_right - right_w,
                    y: baseline,
                    text: right_text,
                    style: FontStyle::Regular,
                    size,
                    colour: Colour::GREY,
                }));
            }
        }
    }
}

/// The children list `depth` levels down the last entries of `list`.
fn descend(list: &mut Vec<OutlineEntry>, depth: usize) -> &mut Vec<OutlineEntry> {
    if depth == 0 || list.is_empty() {
        return list;
    }
    let last = list.len() - 1;
    descend(&mut list[last].children, depth - 1)
}

/// Shortens `text` with an ellipsis to fit `width`.
fn truncate_to(text: &str, style: FontStyle, size: f32, width: f32) -> String {
    if font::text_width(text, style, size) <= width {
        return text.to_string();
    }
    let ell = font::char_width('…', style, size);
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = font::char_width(c, style, size);
        if w + cw + ell > width {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Lays out a flow onto pages. Links to anchors in the flow are resolved.
pub fn layout(flow: &Flow) -> Laid {
    let tables = std::cell::Cell::new(0);
    let ctx = Ctx {
        style: &flow.style,
        size: flow.style.body_size,
        bold: false,
        tables: &tables,
    };
    let pieces = blocks_to_pieces(&flow.blocks, flow.page.content_width(), &ctx);
    let mut laid = paginate(pieces, &flow.page);
    laid.resolve_links();
    laid
}

/// How many pages a flow takes.
pub fn page_count(flow: &Flow) -> usize {
    layout(flow).page_count()
}

// ---------------------------------------------------------------------------------------
// Internals: blocks become pieces (lines, table rows, spaces, breaks), pieces fill pages.

#[derive(Debug, Clone, Copy)]
struct Ctx<'a> {
    style: &'a Style,
    /// Body type size in this context (smaller in tables).
    size: f32,
    /// Set regular spans in bold (table header cells).
    bold: bool,
    /// Counter numbering the tables of the flow.
    tables: &'a std::cell::Cell<usize>,
}

#[derive(Debug, Clone, PartialEq)]
enum Mark {
    Anchor(String),
    Heading(u8, String),
}

/// An unbreakable horizontal slice: a line of text, a rule, a row of tick boxes. Its items
/// are relative to its own top-left corner.
#[derive(Debug, Clone, Default)]
struct Unit {
    height: f32,
    items: Vec<Item>,
    links: Vec<LinkArea>,
    marks: Vec<Mark>,
    keep_with_next: bool,
}

#[derive(Debug, Clone)]
struct RowCell {
    x: f32,
    w: f32,
    fill: Option<Colour>,
    units: Vec<Unit>,
}

#[derive(Debug, Clone)]
struct Row {
    table: usize,
    header: bool,
    cells: Vec<RowCell>,
    padding: f32,
    border: Option<Colour>,
    marks: Vec<Mark>,
    keep_with_next: bool,
}

impl Row {
    fn height(&self) -> f32 {
        let content = self
            .cells
            .iter()
            .map(|c| c.units.iter().map(|u| u.height).sum::<f32>())
            .fold(0.0, f32::max);
        content + 2.0 * self.padding
    }

    /// Splits off the part that fits in `avail`; `self` keeps the rest. Always moves at
    /// least one unit of the first non-empty cell so pagination makes progress.
    fn split(&mut self, avail: f32) -> Row {
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
            let rest = cell.units.split_off(n);
            let head = std::mem::replace(&mut cell.units, rest);
            head_cells.push(RowCell {
                x: cell.x,
                w: cell.w,
                fill: cell.fill,
                units: head,
            });
        }
        Row {
            table: self.table,
            header: self.header,
            cells: head_cells,
            padding: self.padding,
            border: self.border,
            marks: std::mem::take(&mut self.marks),
            keep_with_next: false,
        }
    }

    /// Draws the row at (x0, y0) with the given height.
    fn draw(&self, x0: f32, y0: f32, height: f32, out: &mut Placed) {
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
        for cell in &self.cells {
            let mut y = y0 + self.padding;
            for unit in &cell.units {
                out.place(unit, x0 + cell.x + self.padding, y);
                y += unit.height;
            }
        }
        if let Some(border) = self.border {
            for cell in &self.cells {
                out.items.push(Item::Rect {
                    x: x0 + cell.x,
                    y: y0,
                    w: cell.w,
                    h: height,
                    fill: None,
                    stroke: Some((border, 0.5)),
                });
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Piece {
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

    fn set_keep_with_next(&mut self) {
        match self {
            Piece::Unit(u) => u.keep_with_next = true,
            Piece::Row(r) => r.keep_with_next = true,
            Piece::Space(_) | Piece::PageBreak => {}
        }
    }

    fn marks_mut(&mut self) -> Option<&mut Vec<Mark>> {
        match self {
            Piece::Unit(u) => Some(&mut u.marks),
            Piece::Row(r) => Some(&mut r.marks),
            Piece::Space(_) | Piece::PageBreak => None,
        }
    }
}

/// Items placed on a page (absolute coordinates) and the marks met on the way.
#[derive(Debug, Default)]
struct Placed {
    items: Vec<Item>,
    links: Vec<LinkArea>,
    marks: Vec<(Mark, f32)>,
}

impl Placed {
    fn place(&mut self, unit: &Unit, x0: f32, y0: f32) {
        for m in &unit.marks {
            self.marks.push((m.clone(), y0));
        }
        for item in &unit.items {
            self.items.push(offset_item(item, x0, y0));
        }
        for link in &unit.links {
            self.links.push(LinkArea {
                x: link.x + x0,
                y: link.y + y0,
                w: link.w,
                h: link.h,
                target: link.target.clone(),
            });
        }
    }
}

fn offset_item(item: &Item, dx: f32, dy: f32) -> Item {
    match item {
        Item::Text(run) => Item::Text(TextRun {
            x: run.x + dx,
            y: run.y + dy,
            ..run.clone()
        }),
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            colour,
        } => Item::Line {
            x1: x1 + dx,
            y1: y1 + dy,
            x2: x2 + dx,
            y2: y2 + dy,
            width: *width,
            colour: *colour,
        },
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => Item::Rect {
            x: x + dx,
            y: y + dy,
            w: *w,
            h: *h,
            fill: *fill,
            stroke: *stroke,
        },
    }
}

fn blocks_to_pieces(blocks: &[Block], width: f32, ctx: &Ctx) -> Vec<Piece> {
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
        if let Block::Anchor(name) = block {
            pending.push(Mark::Anchor(name.clone()));
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

fn block_to_pieces(block: &Block, width: f32, ctx: &Ctx, out: &mut Vec<Piece>) {
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
            let before = match level {
                0 => 0.0,
                1 => 14.0,
                2 => 10.0,
                _ => 7.0,
            };
            let after = match level {
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
            let units = paragraph_units(
                &spans,
                (width - p.indent).max(1.0),
                size,
                p.align,
                style,
                ctx.bold,
            );
            let n = units.len();
            for (i, mut u) in units.into_iter().enumerate() {
                if p.indent != 0.0 {
                    u.items = u
                        .items
                        .iter()
                        .map(|it| offset_item(it, p.indent, 0.0))
                        .collect();
                    for l in &mut u.links {
                        l.x += p.indent;
                    }
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
            let units = paragraph_units(
                label,
                (width - label_x).max(1.0),
                size,
                Align::Left,
                style,
                ctx.bold,
            );
            let n = units.len();
            for (i, mut u) in units.into_iter().enumerate() {
                u.items = u
                    .items
                    .iter()
                    .map(|it| offset_item(it, label_x, 0.0))
                    .collect();
                for l in &mut u.links {
                    l.x += label_x;
                }
                if i == 0 {
                    let top = baseline_in(line_h, size) - box_size * 0.9;
                    draw_tick_box(&mut u.items, 0.0, top, box_size, *mark, style.text_colour);
                }
                u.keep_with_next = n >= 2 && (i == 0 || i + 2 == n);
                out.push(Piece::Unit(u));
            }
            if n == 0 {
                let mut u = Unit {
                    height: line_h,
                    ..Unit::default()
                };
                let top = baseline_in(line_h, size) - box_size * 0.9;
                draw_tick_box(&mut u.items, 0.0, top, box_size, *mark, style.text_colour);
                out.push(Piece::Unit(u));
            }
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
            for (label, mark) in options {
                let label = font::printable(label, text_style).into_owned();
                let w = box_size + gap + font::text_width(&label, text_style, size);
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
                draw_tick_box(
                    &mut unit.items,
                    x,
                    baseline - box_size * 0.9,
                    box_size,
                    *mark,
                    style.text_colour,
                );
                unit.items.push(Item::Text(TextRun {
                    x: x + box_size + gap,
                    y: baseline,
                    text: label,
                    style: text_style,
                    size,
                    colour: style.text_colour,
                }));
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
        Block::Space(h) => out.push(Piece::Space(h.max(0.0))),
        Block::PageBreak => out.push(Piece::PageBreak),
        Block::Anchor(_) => {}
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

/// Baseline of a line of type `size` centred in a line box of height `line_h`.
fn baseline_in(line_h: f32, size: f32) -> f32 {
    let asc = font::ascent(FontStyle::Regular, size);
    let desc = font::descent(FontStyle::Regular, size);
    (line_h - (asc + desc)) / 2.0 + asc
}

fn draw_tick_box(items: &mut Vec<Item>, x: f32, y: f32, s: f32, mark: TickMark, colour: Colour) {
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

fn list_pieces(list: &List, width: f32, ctx: &Ctx, out: &mut Vec<Piece>) {
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
    let widest = labels
        .iter()
        .map(|l| font::text_width(&font::printable(l, label_style), label_style, size))
        .fold(0.0, f32::max);
    let hang = (widest + size * 0.8).max(size * 1.6);
    let indent = f32::from(list.level) * size * 1.6;
    let text_x = indent + hang;
    let line_h = size * style.leading;
    let baseline = baseline_in(line_h, size);
    for (i, (spans, label)) in list.items.iter().zip(&labels).enumerate() {
        let units = paragraph_units(
            spans,
            (width - text_x).max(1.0),
            size,
            Align::Left,
            style,
            ctx.bold,
        );
        let n = units.len();
        for (j, mut u) in units.into_iter().enumerate() {
            u.items = u
                .items
                .iter()
                .map(|it| offset_item(it, text_x, 0.0))
                .collect();
            for l in &mut u.links {
                l.x += text_x;
            }
            if j == 0 && !label.is_empty() {
                u.items.push(Item::Text(TextRun {
                    x: indent,
                    y: baseline,
                    text: font::printable(label, label_style).into_owned(),
                    style: label_style,
                    size,
                    colour: style.text_colour,
                }));
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
fn letters(mut i: usize) -> String {
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

fn table_pieces(table: &Table, width: f32, ctx: &Ctx, out: &mut Vec<Piece>) {
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
    let padding = style.cell_padding;
    let border = table.borders.then_some(style.border_colour);
    let make_row = |cells: &[Cell], header: bool| -> Row {
        let cell_ctx = Ctx {
            style,
            size,
            bold: header || ctx.bold,
            tables: ctx.tables,
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
            col = end;
            let inner = (w - 2.0 * padding).max(1.0);
            let units = cell_units(&cell.blocks, inner, &cell_ctx);
            let fill = cell.fill.or(if header { table.header_fill } else { None });
            row_cells.push(RowCell { x, w, fill, units });
        }
        if col < ncols {
            // Short rows are padded with empty cells so borders close.
            row_cells.push(RowCell {
                x: edges[col],
                w: edges[ncols] - edges[col],
                fill: if header { table.header_fill } else { None },
                units: Vec::new(),
            });
        }
        Row {
            table: id,
            header,
            cells: row_cells,
            padding,
            border,
            marks: Vec::new(),
            keep_with_next: header,
        }
    };
    for cells in &table.header {
        out.push(Piece::Row(make_row(cells, true)));
    }
    for cells in &table.rows {
        out.push(Piece::Row(make_row(cells, false)));
    }
    out.push(Piece::Space(
        style.paragraph_gap * ctx.size / style.body_size,
    ));
}

/// Lays blocks into a table cell: a stack of units (nested tables become whole units).
fn cell_units(blocks: &[Block], width: f32, ctx: &Ctx) -> Vec<Unit> {
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
    let blank = |u: &Unit| u.items.is_empty() && u.links.is_empty() && u.marks.is_empty();
    while units.last().is_some_and(blank) {
        units.pop();
    }
    let lead = units.iter().take_while(|u| blank(u)).count();
    units.drain(..lead);
    units
}

/// A word-wrapping token.
#[derive(Debug, Clone)]
struct Tok {
    text: String,
    style: FontStyle,
    colour: Colour,
    link: Option<LinkTarget>,
    width: f32,
    kind: TokKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Space,
    Break,
}

fn tokenize(spans: &[Span], size: f32, style: &Style, force_bold: bool) -> Vec<Tok> {
    let mut toks = Vec::new();
    for span in spans {
        let face = if force_bold && span.style == FontStyle::Regular {
            FontStyle::Bold
        } else {
            span.style
        };
        let colour = span.colour.unwrap_or(if span.link.is_some() {
            style.link_colour
        } else {
            style.text_colour
        });
        let mut word = String::new();
        let flush = |word: &mut String, toks: &mut Vec<Tok>| {
            if !word.is_empty() {
                let text = font::printable(word, face).into_owned();
                word.clear();
                let width = font::text_width(&text, face, size);
                toks.push(Tok {
                    text,
                    style: face,
                    colour,
                    link: span.link.clone(),
                    width,
                    kind: TokKind::Word,
                });
            }
        };
        for c in span.text.chars() {
            match c {
                '\n' => {
                    flush(&mut word, &mut toks);
                    toks.push(Tok {
                        text: String::new(),
                        style: face,
                        colour,
                        link: None,
                        width: 0.0,
                        kind: TokKind::Break,
                    });
                }
                ' ' | '\t' | '\r' => {
                    flush(&mut word, &mut toks);
                    let space = Tok {
                        text: " ".to_string(),
                        style: face,
                        colour,
                        link: span.link.clone(),
                        width: font::char_width(' ', face, size),
                        kind: TokKind::Space,
                    };
                    match toks.last_mut() {
                        // A break opportunity after a hyphen becomes a real space.
                        Some(last) if last.kind == TokKind::Space => {
                            if last.text.is_empty() {
                                *last = space;
                            }
                        }
                        _ => toks.push(space),
                    }
                }
                '-' | '/' | '–' | '—' if !word.is_empty() => {
                    // A line may break after a hyphen, dash or slash inside a word.
                    word.push(c);
                    flush(&mut word, &mut toks);
                    toks.push(Tok {
                        text: String::new(),
                        style: face,
                        colour,
                        link: span.link.clone(),
                        width: 0.0,
                        kind: TokKind::Space,
                    });
                }
                c => word.push(c),
            }
        }
        flush(&mut word, &mut toks);
    }
    toks
}

/// Words glued together (no space between them, possibly in different faces).
type Glued = Vec<Tok>;

/// Breaks a glued word wider than `width` into pieces that fit (at least one character
/// each).
fn break_word(glued: Glued, width: f32, size: f32) -> Vec<Glued> {
    let mut out: Vec<Glued> = Vec::new();
    let mut cur: Glued = Vec::new();
    let mut cur_w = 0.0;
    for tok in glued {
        let mut piece = String::new();
        let mut piece_w = 0.0;
        for c in tok.text.chars() {
            let cw = font::char_width(c, tok.style, size);
            if cur_w + piece_w + cw > width && (cur_w + piece_w) > 0.0 {
                if !piece.is_empty() {
                    cur.push(Tok {
                        text: std::mem::take(&mut piece),
                        width: piece_w,
                        ..tok.clone()
                    });
                }
                out.push(std::mem::take(&mut cur));
                cur_w = 0.0;
                piece_w = 0.0;
            }
            piece.push(c);
            piece_w += cw;
        }
        if !piece.is_empty() {
            cur_w += piece_w;
            cur.push(Tok {
                text: piece,
                width: piece_w,
                ..tok
            });
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Wraps spans into lines of at most `width` points; each line is a list of tokens.
fn wrap(toks: Vec<Tok>, width: f32, size: f32) -> Vec<Vec<Tok>> {
    // Group into glued words separated by spaces and breaks.
    enum G {
        Word(Glued),
        Space(Tok),
        Break,
    }
    let mut groups: Vec<G> = Vec::new();
    for tok in toks {
        match tok.kind {
            TokKind::Word => match groups.last_mut() {
                Some(G::Word(g)) => g.push(tok),
                _ => groups.push(G::Word(vec![tok])),
            },
            TokKind::Space => groups.push(G::Space(tok)),
            TokKind::Break => groups.push(G::Break),
        }
    }
    let mut lines: Vec<Vec<Tok>> = Vec::new();
    let mut line: Vec<Tok> = Vec::new();
    let mut line_w = 0.0;
    let mut space: Option<Tok> = None;
    for g in groups {
        match g {
            G::Break => {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
                space = None;
            }
            G::Space(t) => {
                if !line.is_empty() {
                    space = Some(t);
                }
            }
            G::Word(glued) => {
                let w: f32 = glued.iter().map(|t| t.width).sum();
                let space_w = space.as_ref().map_or(0.0, |s| s.width);
                if !line.is_empty() && line_w + space_w + w <= width {
                    if let Some(s) = space.take() {
                        line.push(s);
                    }
                    line.extend(glued);
                    line_w += space_w + w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                space = None;
                if w <= width {
                    line.extend(glued);
                    line_w = w;
                } else {
                    let mut parts = break_word(glued, width, size);
                    let last = parts.pop().unwrap_or_default();
                    for p in parts {
                        lines.push(p);
                    }
                    line_w = last.iter().map(|t| t.width).sum();
                    line = last;
                }
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lays out spans as a paragraph: one unit per line.
fn paragraph_units(
    spans: &[Span],
    width: f32,
    size: f32,
    align: Align,
    style: &Style,
    force_bold: bool,
) -> Vec<Unit> {
    let toks = tokenize(spans, size, style, force_bold);
    if toks.iter().all(|t| t.kind == TokKind::Space) {
        return Vec::new();
    }
    let line_h = size * style.leading;
    let baseline = baseline_in(line_h, size);
    let mut units = Vec::new();
    for line in wrap(toks, width, size) {
        let line_w: f32 = line.iter().map(|t| t.width).sum();
        let mut x = match align {
            Align::Left => 0.0,
            Align::Centre => ((width - line_w) / 2.0).max(0.0),
            Align::Right => (width - line_w).max(0.0),
        };
        let mut unit = Unit {
            height: line_h,
            ..Unit::default()
        };
        // Merge neighbouring tokens with the same face, colour and link into one run.
        let mut i = 0;
        while i < line.len() {
            let first = &line[i];
            let mut text = String::new();
            let mut w = 0.0;
            let mut j = i;
            while j < line.len()
                && line[j].style == first.style
                && line[j].colour == first.colour
                && line[j].link == first.link
            {
                text.push_str(&line[j].text);
                w += line[j].width;
                j += 1;
            }
            if !text.trim().is_empty() {
                unit.items.push(Item::Text(TextRun {
                    x,
                    y: baseline,
                    text,
                    style: first.style,
                    size,
                    colour: first.colour,
                }));
            }
            if let Some(target) = &first.link {
                unit.links.push(LinkArea {
                    x,
                    y: 0.0,
                    w,
                    h: line_h,
                    target: target.clone(),
                });
            }
            x += w;
            i = j;
        }
        units.push(unit);
    }
    units
}

fn paginate(pieces: Vec<Piece>, setup: &PageSetup) -> Laid {
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
                                chain_h += r.height();
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
                                let mut hr = hr.clone();
                                hr.marks.clear();
                                hr.draw(x0, top + y, hh, &mut page);
                                y += hh;
                            }
                            body_start = y;
                        }
                    }
                }
                match piece {
                    Piece::Unit(u) => {
                        page.place(&u, x0, top + y);
                        y += u.height;
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
                            // Taller than what is left of a fresh page: split it.
                            let head = row.split(content_h - y);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_parses_bold_and_italic() {
        let spans = markup("The **objectives** were *considered* * here");
        let styles: Vec<_> = spans.iter().map(|s| (s.text.as_str(), s.style)).collect();
        assert_eq!(
            styles,
            vec![
                ("The ", FontStyle::Regular),
                ("objectives", FontStyle::Bold),
                (" were ", FontStyle::Regular),
                ("considered", FontStyle::Italic),
                (" * here", FontStyle::Regular),
            ]
        );
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        paragraph_units(
            &[Span::plain(text)],
            width,
            11.0,
            Align::Left,
            &Style::default(),
            false,
        )
        .iter()
        .map(|u| {
            u.items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(t) => Some(t.text.clone()),
                    _ => None,
                })
                .collect()
        })
        .collect()
    }

    #[test]
    fn lines_break_at_spaces_and_after_hyphens() {
        let w = font::text_width("People, Process and", FontStyle::Regular, 11.0) + 1.0;
        assert_eq!(
            lines("People, Process and Performance", w),
            ["People, Process and", "Performance"]
        );
        let w = font::text_width("non-", FontStyle::Regular, 11.0) + 1.0;
        assert_eq!(lines("non-executive", w)[0], "non-");
        // Hard line breaks are kept; runs of spaces collapse.
        assert_eq!(lines("a  b\nc", 400.0), ["a b", "c"]);
        assert_eq!(
            lines("well- known and/or 2018–19", 400.0),
            ["well- known and/or 2018–19"]
        );
    }

    #[test]
    fn letters_count_like_a_spreadsheet() {
        assert_eq!(letters(0), "a");
        assert_eq!(letters(25), "z");
        assert_eq!(letters(26), "aa");
    }

    #[test]
    fn wrapped_lines_fit_the_column() {
        let text = "The Chief Executive’s monthly update report to the Trust Board for July 2019 \
                    is attached. Supercalifragilisticexpialidociousandmuchmuchlongerthanacolumn \
                    words are broken. £28.9m – IM&T.";
        for width in [40.0, 90.0, 200.0, 451.0] {
            let units = paragraph_units(
                &[Span::plain(text)],
                width,
                11.0,
                Align::Left,
                &Style::default(),
                false,
            );
            assert!(units.len() > 1);
            for u in &units {
                for item in &u.items {
                    if let Item::Text(run) = item {
                        let right = run.x + font::text_width(&run.text, run.style, run.size);
                        assert!(right <= width + 0.01, "{right} > {width}: {:?}", run.text);
                    }
                }
            }
        }
    }
}
