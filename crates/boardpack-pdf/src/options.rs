//! The one set of document-level facts every PDF Boardpack writes carries: title, author,
//! subject, language, the creation time and the document id. Writing a page ([`crate::write()`]),
//! assembling papers ([`crate::assemble()`]) and writing a whole pack
//! ([`crate::write_pack()`]) all take this same struct. It reads no clock and invents no id:
//! both are passed in, so the same input gives the same bytes.

use chrono::NaiveDateTime;

/// Document information and identity of a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PdfOptions {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// Written as both the creation and the modification date, as local time without an
    /// offset.
    pub created: NaiveDateTime,
    /// The first (permanent) and second (instance) part of the trailer `/ID`.
    pub document_id: [u8; 16],
    /// The language of its text, as a BCP 47 tag ("en-GB", "cy"): the catalog's `/Lang`,
    /// which screen readers use to choose a voice. An implausible tag is written as
    /// [`DEFAULT_LANG`].
    pub lang: String,
}

/// The language of a document whose organisation has not said otherwise.
pub const DEFAULT_LANG: &str = "en-GB";
