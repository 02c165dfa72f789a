//! A ready-made report: title, blocks and a running footer ("Page N of M"), laid out on A4
//! and written in one call, with bookmarks from the headings. The demo uses it to make
//! realistic papers (a chief executive's report, a finance report, a quality dashboard);
//! real pack pages build their own flows. This module must not grow options: anything more
//! particular belongs in a caller's own [`Flow`].

use crate::layout::{layout, Block, Flow, Laid};
use crate::options::PdfOptions;
use crate::write::{write, PdfWriteError};

/// Lays out `title` (as a level-0 heading) followed by `blocks`, with a footer carrying the
/// title and "Page N of M" on every page.
pub fn simple_layout(title: &str, blocks: Vec<Block>) -> Laid {
    headed_layout(Vec::new(), title, blocks)
}

/// [`simple_layout`] with a letterhead (`head`: a logo, the organisation's name) above the
/// title.
pub fn headed_layout(head: Vec<Block>, title: &str, blocks: Vec<Block>) -> Laid {
    let mut all = Vec::with_capacity(head.len() + blocks.len() + 1);
    all.extend(head);
    all.push(Block::heading(0, title));
    all.extend(blocks);
    let flow = Flow::new(all);
    let mut laid = layout(&flow);
    laid.stamp_footer(&flow.page, title, |n, m| format!("Page {n} of {m}"));
    laid
}

/// [`simple_layout`], written to PDF bytes with bookmarks for headings of levels 1–3.
pub fn simple_document(
    title: &str,
    blocks: Vec<Block>,
    opts: &PdfOptions,
) -> Result<Vec<u8>, PdfWriteError> {
    let laid = simple_layout(title, blocks);
    write(&laid, &laid.outline(3), opts)
}
