//! Page layout for the pages Boardpack makes (cover sheets, agendas, minutes, reports): a
//! [`Flow`] of [`Block`]s in, a plain [`Laid`] plan out — pages of positioned text runs,
//! lines and rectangles, link areas, and where every anchor and heading landed. Callers read
//! the plan ("on which page does item 7 start?", "is the executive summary one page?") before
//! anything is written, and [`crate::write()`] turns it into PDF bytes.
//!
//! This module must not know about PDF syntax or lopdf, and must stay pure: no clock, no
//! files, no randomness. It measures text only by shaping it ([`crate::shape`], with the
//! faces of [`crate::font`]), and hands the writer the shaped glyphs, so what it wraps is
//! exactly what the writer prints.
//!
//! Coordinates are PostScript points (1/72 in) with the origin at the **top-left** corner of
//! the page and y growing downwards; text runs are placed by their baseline.

use std::collections::BTreeMap;

use crate::font::{self, FaceId, FontStyle};
pub use crate::shape::Glyph;

mod blocks;
mod paginate;
mod table;
mod wrap;

use blocks::*;
use paginate::*;
use table::*;
use wrap::*;

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
    /// The space above and below headings, as a multiple of the usual (1: the usual).
    pub heading_gap: f32,
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
            heading_gap: 1.0,
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
/// moves whole to the next page unless it is taller than a page, when it is split, or the
/// table lets its rows break ([`Table::split_rows`]).
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
    /// A body row that does not fit in what is left of a page breaks between the lines of
    /// its cells (at least two lines on each side, never between lines a paragraph keeps
    /// together), rather than moving whole and leaving a gap: for tables of long rows,
    /// such as minutes.
    pub split_rows: bool,
    /// Padding inside its cells; the style's when `None`.
    pub padding: Option<f32>,
    /// The fewest body rows a page the table runs onto may hold at its end: a table that
    /// would leave fewer alone on its last page breaks earlier (0 or 1: no such rule).
    pub widows: usize,
    /// Body rows (by index) kept on the same page as the row after them, such as a row
    /// that heads the rows below it.
    pub keep_with_next: Vec<usize>,
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
            split_rows: false,
            padding: None,
            widows: 0,
            keep_with_next: Vec::new(),
        }
    }

    /// Lets rows break across pages between lines ([`Table::split_rows`]).
    pub fn split_rows(mut self) -> Table {
        self.split_rows = true;
        self
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
    /// An entry in the document outline at the position of what follows, with nothing
    /// drawn: listed in [`Laid::headings`] like a heading of `level` (a bookmark for each
    /// row of a table, say).
    Bookmark {
        level: u8,
        title: String,
    },
    /// Blocks that stay on one page if they fit on one.
    KeepTogether(Vec<Block>),
    /// A picture (an organisation's logo) `width` points wide, its height in proportion,
    /// placed at the left, centre or right of the column.
    Image {
        image: std::sync::Arc<Image>,
        width: f32,
        align: Align,
    },
}

/// A raster picture to place: 8-bit RGB pixels row by row, with an optional 8-bit alpha
/// channel, and what it shows in words (for those who cannot see it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    /// `width × height × 3` bytes.
    pub rgb: Vec<u8>,
    /// `width × height` bytes, or none when every pixel is opaque.
    pub alpha: Option<Vec<u8>>,
    /// "Northfield NHS Foundation Trust logo".
    pub description: String,
}

impl Image {
    /// Whether the pixel buffers match the size (a plan's fault otherwise).
    pub fn is_whole(&self) -> bool {
        let n = self.width as usize * self.height as usize;
        n > 0 && self.rgb.len() == n * 3 && self.alpha.as_ref().is_none_or(|a| a.len() == n)
    }
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

/// A run of shaped text in one face, size and colour, placed by its baseline (its left
/// end at `x`): what it says, and the glyphs that show it. A line of mixed scripts or
/// directions is several runs.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    /// What the run says, in reading (logical) order.
    pub text: String,
    /// The style asked for: bold in a face without a bold design is emboldened when
    /// written ([`TextRun::emboldened`]).
    pub style: FontStyle,
    /// The face the glyphs are in.
    pub face: FaceId,
    pub size: f32,
    pub colour: Colour,
    /// The run reads right to left: its glyphs are drawn in the reverse of reading order.
    pub rtl: bool,
    /// The glyphs in drawing order (left to right); each `cluster` is a byte offset in
    /// `text`, so every glyph knows the characters it shows.
    pub glyphs: Vec<Glyph>,
}

impl TextRun {
    /// Width of the run, in points.
    pub fn width(&self) -> f32 {
        let units: i64 = self.glyphs.iter().map(|g| i64::from(g.advance)).sum();
        units as f32 * crate::shape::scale(self.face, self.size)
    }

    /// Bold was asked for, and the face has no bold design.
    pub fn emboldened(&self) -> bool {
        self.style == FontStyle::Bold && !self.face.is_bold()
    }
}

/// The standard structure type of an element of a document's structure tree (PDF 1.7,
/// 14.8.4), which assistive technology reads: headings, paragraphs, lists, tables, links
/// and figures, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Document,
    Sect,
    /// A heading, levels 1 to 6.
    H(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    TH,
    TD,
    Link,
    Figure,
    Span,
}

impl Role {
    /// Its PDF name (`H1`…`H6` for headings).
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Sect => "Sect",
            Role::H(level) => match level {
                0 | 1 => "H1",
                2 => "H2",
                3 => "H3",
                4 => "H4",
                5 => "H5",
                _ => "H6",
            },
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Link => "Link",
            Role::Figure => "Figure",
            Role::Span => "Span",
        }
    }

    /// Parts of a table, written even when empty so every row has all its cells.
    pub fn is_table_part(self) -> bool {
        matches!(self, Role::Table | Role::TR | Role::TH | Role::TD)
    }
}

/// One element of a laid document's structure tree. Elements are listed parents first, in
/// reading order; the content of the pages names the element it belongs to with
/// [`Item::Begin`] and [`Item::End`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StructElem {
    pub role: Option<Role>,
    /// Index of its parent in [`Laid::structure`]; `None` for the root (the Document).
    pub parent: Option<usize>,
    /// What a picture shows, in words.
    pub alt: Option<String>,
    /// What the element says when what is drawn is not text: a tick box reads "For
    /// decision: selected". Drawings inside such an element are its content, not
    /// decoration.
    pub actual_text: Option<String>,
    /// A section's title.
    pub title: Option<String>,
    /// A header cell heads its column (`true`) or its row.
    pub column_header: bool,
    /// Columns a table cell spans (0 or 1: one).
    pub col_span: usize,
}

impl StructElem {
    pub fn new(role: Role, parent: Option<usize>) -> StructElem {
        StructElem {
            role: Some(role),
            parent,
            ..StructElem::default()
        }
    }

    /// Its role (a Span when none was given).
    pub fn role(&self) -> Role {
        self.role.unwrap_or(Role::Span)
    }
}

/// A drawing primitive on a laid page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// What follows, up to the matching [`Item::End`], is the content of structure element
    /// `n` ([`Laid::structure`]); they nest. Text outside every element is a page artifact
    /// (a footer, a running header), and lines and boxes are decoration unless they are
    /// the whole of an element with an actual text (a tick box) or a figure.
    Begin(usize),
    /// Ends the innermost [`Item::Begin`].
    End,
    Text(TextRun),
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        colour: Colour,
    },
    /// A picture drawn in the box whose top-left corner is (`x`, `y`).
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: std::sync::Arc<Image>,
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
    /// The Link element of [`Laid::structure`] holding its text, if any.
    pub elem: Option<usize>,
    /// What the link says (its text), which a screen reader announces.
    pub description: String,
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
    /// The document's structure tree: the Document element first, then every element,
    /// parents before children, in reading order. Empty for pages laid out by hand, which
    /// are written untagged.
    pub structure: Vec<StructElem>,
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
    /// Its structure joins this one's: its Document element becomes a section of this
    /// document (or, when this one has none, this one takes `other`'s whole).
    pub fn append(&mut self, mut other: Laid) {
        let offset = self.pages.len();
        for page in &mut other.pages {
            for link in &mut page.links {
                match &mut link.target {
                    LinkTarget::Page(p) => *p += offset,
                    LinkTarget::PagePoint { page, .. } => *page += offset,
                    LinkTarget::Anchor(_) | LinkTarget::Uri(_) => {}
                }
            }
        }
        for (name, mut at) in std::mem::take(&mut other.anchors) {
            at.page += offset;
            self.anchors.entry(name).or_insert(at);
        }
        for mut h in std::mem::take(&mut other.headings) {
            h.at.page += offset;
            self.headings.push(h);
        }
        self.join(other);
    }

    /// Adds `other`'s pages after these as they are: their links already count pages in
    /// the joined document (a pack's agenda pointing at cover sheets laid out before it).
    /// Its structure becomes a section of this document's, and its anchors and headings
    /// are left out.
    pub fn join(&mut self, other: Laid) {
        let base = self.structure.len();
        let root = if base == 0 { None } else { Some(0) };
        for (k, mut elem) in other.structure.into_iter().enumerate() {
            elem.parent = match elem.parent {
                Some(p) => Some(p + base),
                None => root,
            };
            if k == 0 && root.is_some() && elem.role == Some(Role::Document) {
                elem.role = Some(Role::Sect);
            }
            self.structure.push(elem);
        }
        for mut page in other.pages {
            if base > 0 {
                for link in &mut page.links {
                    if let Some(e) = &mut link.elem {
                        *e += base;
                    }
                }
                for item in &mut page.items {
                    if let Item::Begin(e) = item {
                        *e += base;
                    }
                }
            }
            self.pages.push(page);
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
        // The left text is shortened once for each width it gets (the right text's width
        // changes only when the page number gains a digit).
        let mut left_cache: Option<(f32, Vec<TextRun>)> = None;
        for (i, page) in self.pages.iter_mut().enumerate() {
            let (right_runs, right_w) = wrap::single_line(
                &right(i + 1, total),
                FontStyle::Regular,
                size,
                Colour::GREY,
                crate::shape::Base::Ltr,
            );
            let max_left = setup.content_width() - right_w - 12.0;
            if !left.trim().is_empty() {
                let runs = match &left_cache {
                    Some((w, runs)) if *w == max_left => runs.clone(),
                    _ => {
                        let (runs, _) = wrap::truncated_line(
                            left,
                            FontStyle::Regular,
                            size,
                            Colour::GREY,
                            max_left,
                        );
                        left_cache = Some((max_left, runs.clone()));
                        runs
                    }
                };
                for mut run in runs {
                    run.x += setup.margin_left;
                    run.y = baseline;
                    page.items.push(Item::Text(run));
                }
            }
            for mut run in right_runs {
                run.x += setup.width - setup.margin_right - right_w;
                run.y = baseline;
                page.items.push(Item::Text(run));
            }
        }
    }
}

impl Laid {
    /// Draws `text` centred in bold at the head of every page, in the top margin above
    /// the text area (a protective marking such as "CONFIDENTIAL"). Its baseline is at
    /// 60% of the margin, so it stays clear of the text below and of the paper's edge.
    pub fn stamp_header(&mut self, setup: &PageSetup, text: &str, colour: Colour) {
        if text.trim().is_empty() {
            return;
        }
        let size = 10.0;
        let baseline = 0.6 * setup.margin_top;
        let (runs, w) =
            wrap::truncated_line(text, FontStyle::Bold, size, colour, setup.content_width());
        let x = setup.margin_left + (setup.content_width() - w).max(0.0) / 2.0;
        for page in &mut self.pages {
            for run in &runs {
                let mut run = run.clone();
                run.x += x;
                run.y = baseline;
                page.items.push(Item::Text(run));
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

/// One line of text, not wrapped: its runs from x = 0 (baseline at y = 0), and its width.
pub(crate) fn line(
    text: &str,
    style: FontStyle,
    size: f32,
    colour: Colour,
    base: crate::shape::Base,
) -> (Vec<TextRun>, f32) {
    wrap::single_line(text, style, size, colour, base)
}

/// Lays out a flow onto pages. Links to anchors in the flow are resolved.
pub fn layout(flow: &Flow) -> Laid {
    let tables = std::cell::Cell::new(0);
    let tagger = Tagger::new(&flow.blocks);
    let ctx = Ctx {
        style: &flow.style,
        size: flow.style.body_size,
        bold: false,
        tables: &tables,
        tagger: &tagger,
        parent: 0,
    };
    let pieces = blocks_to_pieces(&flow.blocks, flow.page.content_width(), &ctx);
    let mut laid = paginate(pieces, &flow.page);
    laid.structure = tagger.finish();
    laid.resolve_links();
    laid
}

/// How many pages a flow takes.
pub fn page_count(flow: &Flow) -> usize {
    layout(flow).page_count()
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
                        let right = run.x + run.width();
                        assert!(right <= width + 0.01, "{right} > {width}: {:?}", run.text);
                    }
                }
            }
        }
    }
}
