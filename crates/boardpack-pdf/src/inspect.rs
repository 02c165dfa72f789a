//! Attach-time checks of a PDF: is it a PDF at all, can it be opened without a password,
//! is its structure sound enough to merge, and how many pages has it. Every refusal is a
//! [`PdfProblem`] that says what is wrong in words a secretariat can pass to an author.

use std::collections::BTreeSet;

use lopdf::{Document, Object, ObjectId};
use thiserror::Error;

/// What a PDF that can be attached looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfFacts {
    pub pages: u32,
    /// Encrypted with an owner password only: it opens without a password (as in any
    /// viewer), and the pack carries its pages unencrypted.
    pub owner_password_only: bool,
}

/// Why a file cannot be attached.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PdfProblem {
    #[error("the file is empty")]
    Empty,
    #[error(
        "it is not a PDF (it does not start with %PDF); save or export it as PDF and attach that"
    )]
    NotPdf,
    #[error("it is protected by a password; ask the author for a copy without a password")]
    Encrypted,
    #[error("it is damaged and cannot be read ({0}); ask the author to save it again as PDF")]
    Damaged(String),
    #[error("it has no pages")]
    NoPages,
    #[error("its page tree loops back on itself, so its pages cannot be listed; ask the author to save it again as PDF")]
    PageTreeLoop,
}

/// Checks `bytes` can be attached as a paper or appendix, and counts its pages.
pub fn inspect(bytes: &[u8]) -> Result<PdfFacts, PdfProblem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(PdfProblem::Empty);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfProblem::NotPdf);
    }
    let doc = std::panic::catch_unwind(|| Document::load_mem(bytes))
        .map_err(|_| PdfProblem::Damaged("the PDF reader gave up on it".into()))?
        .map_err(|e| PdfProblem::Damaged(e.to_string()))?;
    if doc.is_encrypted() {
        return Err(PdfProblem::Encrypted);
    }
    let pages = page_ids(&doc)?;
    if pages.is_empty() {
        return Err(PdfProblem::NoPages);
    }
    Ok(PdfFacts {
        pages: pages.len() as u32,
        owner_password_only: doc.was_encrypted(),
    })
}

/// The document's pages in order, walking the page tree from the catalog and refusing
/// loops (which would otherwise never end).
pub fn page_ids(doc: &Document) -> Result<Vec<ObjectId>, PdfProblem> {
    let root = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok())
        .ok_or_else(|| PdfProblem::Damaged("it has no page tree".into()))?;
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            return Err(PdfProblem::PageTreeLoop);
        }
        let Ok(dict) = doc.get_dictionary(id) else {
            continue;
        };
        let is_pages = dict
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Pages")
            || dict.has(b"Kids");
        if is_pages {
            if let Ok(kids) = dict.get(b"Kids").and_then(Object::as_array) {
                for kid in kids.iter().rev() {
                    if let Ok(k) = kid.as_reference() {
                        stack.push(k);
                    }
                }
            }
        } else {
            out.push(id);
        }
        if seen.len() > 1_000_000 {
            return Err(PdfProblem::Damaged(
                "its page tree is implausibly large".into(),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_pdf() {
        assert_eq!(inspect(b""), Err(PdfProblem::Empty));
        assert_eq!(inspect(b"  \n"), Err(PdfProblem::Empty));
        assert_eq!(inspect(b"PK\x03\x04 a word file"), Err(PdfProblem::NotPdf));
        assert!(matches!(
            inspect(b"%PDF-1.4\n garbage"),
            Err(PdfProblem::Damaged(_))
        ));
    }
}
