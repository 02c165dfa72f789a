//! Writing the documents that are mostly one wide table (the register of interests, the
//! action log) on the page their columns need, under the organisation's letterhead, with
//! the organisation as the PDF's author.

use std::path::Path;

use boardpack_core::columns::Document;
use boardpack_core::Organisation;

use crate::error::Result;
use crate::Boardpack;

impl Boardpack {
    /// Lays out `doc` under the letterhead of `org` and `title`, with "title · Page N of M"
    /// at the foot of each page, and saves it at `out` whole or not at all; returns its
    /// page count. Its CreationDate is the time it was exported (the Boardpack's clock),
    /// whatever date it is as at.
    pub(crate) fn write_table_document(
        &self,
        org: &Organisation,
        title: &str,
        doc: Document,
        document_id: [u8; 16],
        out: &Path,
    ) -> Result<u32> {
        let logo = self.logo_image(org)?;
        let mut blocks = boardpack_core::letterhead::letterhead(&org.name, logo.as_ref());
        blocks.push(boardpack_pdf::Block::heading(0, title));
        blocks.extend(doc.blocks);
        let flow = boardpack_pdf::Flow {
            page: doc.page,
            style: boardpack_pdf::Style::default(),
            blocks,
        };
        let mut laid = boardpack_pdf::layout(&flow);
        laid.stamp_footer(&flow.page, title, |n, m| format!("Page {n} of {m}"));
        self.write_laid(laid, title, org, document_id, out)
    }
}
