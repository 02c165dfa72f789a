//! Boardpack's document engine: checking attached papers ([`inspect()`]), laying out and
//! writing the pages Boardpack makes (cover sheets, agendas, minutes, reports), assembling
//! them with the papers into one pack ([`write_pack()`], with one [`PdfOptions`] for every
//! document it writes; [`assemble()`] for PDFs already in memory), and reading an attached
//! paper's words for search ([`extract_text`]). Bytes in, bytes out: no files, no clock, no
//! randomness.
//!
//! It knows nothing of committees, meetings or papers as the domain sees them: the domain
//! crate builds its plans from this crate's input types ([`Block`], [`Flow`], [`Pack`]…) and
//! this crate decides how they look.
//!
//! Making a page is two steps (build a plain plan, then write it): [`layout()`] turns a
//! [`Flow`] of [`Block`]s into a [`Laid`] plan — positioned text, lines and boxes per page,
//! and where each anchor and heading landed — and [`write()`] turns the plan into PDF bytes.
//! Text is shaped once, in layout, with the embedded faces of [`font`] (every script a UK
//! public body meets, but emoji); the laid runs carry their glyphs, which the writer draws
//! and embeds.

pub mod assemble;
mod embed;
pub mod font;
pub mod inspect;
pub mod layout;
mod options;
pub mod pack;
mod shape;
pub mod simple;
mod subset;
mod tags;
pub mod text;
mod ua;
pub mod write;

pub use assemble::{assemble, AssembleError, Bookmark, Run, Source};
pub use font::{FaceId, FontStyle, Unprintable};
pub use inspect::{clean, inspect, is_tagged, pages_phrase, PdfFacts, PdfProblem};
pub use layout::{
    layout, markup, page_count, Align, Block, Cell, Colour, Flow, Glyph, Image, Item, Laid,
    LaidHeading, LaidPage, LinkArea, LinkTarget, List, ListStyle, OutlineEntry, PageSetup,
    Paragraph, Position, Role, Span, StructElem, Style, Table, TextRun, TickMark, MM,
};
pub use options::{PdfOptions, DEFAULT_LANG};
pub use pack::{
    write_pack, FilesInMemory, Pack, PackCache, PackFiles, PageSource, PlannedBookmark, PlannedRun,
};
pub use simple::{headed_layout, simple_document, simple_layout};
pub use text::{extract_text, PdfText};
pub use write::{write, PdfWriteError};
