//! Use cases for papers: adding a paper to an item, attaching its document and appendices
//! (checked, then copied into the blob store; what they replace is kept in the paper's
//! history), editing its details and cover sheet (also as JSON in the archive's shape, for
//! scripts), and deleting it. A cover sheet is checked against the organisation's
//! objectives and risks however it arrives. An attached file's text
//! is read for search as it is attached (see `search.rs`).

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use boardpack_core::agenda::{schedule, AgendaItem};
use boardpack_core::paper::{assign_letters, check_letter, Attachment, CoverSheet, Paper};
use boardpack_core::validate::required;
use boardpack_core::{AgendaItemId, PaperId};
use boardpack_pdf::{inspect, pages_phrase, PdfProblem};

/// How the title of a paper's history entry begins when it is the original of a file
/// Boardpack repaired as it was attached.
pub const REPAIRED_PREFIX: &str = "Original, before repair, of";

use crate::error::{Error, Result};
use crate::setup::no_meeting;
use crate::store::{
    agenda as a, blobs as b, committees as c, meetings as m, papers as p, risks as r,
};
use crate::Boardpack;

/// Another paper of the meeting whose letter a save changed: choosing a letter for one
/// paper moves the letters assigned in agenda order around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Relettered {
    pub paper_id: PaperId,
    pub title: String,
    pub was: String,
    pub now: String,
    /// The sentence to show: which paper, its new letter and its old one.
    pub sentence: String,
}

/// A paper as saved, and the other papers whose letters the save changed (empty when none
/// did: shells show each, since papers already sent out carry the old letters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PaperSaved {
    pub paper: Paper,
    pub relettered: Vec<Relettered>,
}

/// Every paper's letter in a meeting, as the agenda and the pack show them.
fn letters_of(
    tx: &rusqlite::Connection,
    meeting: boardpack_core::MeetingId,
) -> Result<(Vec<Paper>, std::collections::BTreeMap<PaperId, String>)> {
    let items = a::items(tx, Some(meeting))?;
    let papers = p::papers(tx, Some(meeting))?;
    let letters = assign_letters(&schedule(&items, None), &papers);
    Ok((papers, letters))
}

/// Runs `save` (which writes paper `saved` in meeting `meeting`) and lists the other papers
/// whose letters it changed.
fn reporting_letters(
    tx: &rusqlite::Connection,
    meeting: boardpack_core::MeetingId,
    save: impl FnOnce() -> Result<Paper>,
) -> Result<PaperSaved> {
    let (_, before) = letters_of(tx, meeting)?;
    let paper = save()?;
    let (papers, after) = letters_of(tx, meeting)?;
    let relettered = papers
        .iter()
        .filter(|other| other.id != paper.id)
        .filter_map(|other| {
            let was = before.get(&other.id)?;
            let now = after.get(&other.id)?;
            (was != now).then(|| Relettered {
                paper_id: other.id,
                title: other.title.clone(),
                was: was.clone(),
                now: now.clone(),
                sentence: format!(
                    "Paper {was} “{}” is now paper {now}: anything already sent out still calls it {was}.",
                    boardpack_core::validate::clip(&other.title)
                ),
            })
        })
        .collect::<Vec<_>>();
    // In the order of their old letters, as a reader of the last pack met them.
    let mut relettered = relettered;
    relettered.sort_by_key(|r| letter_order(&r.was));
    Ok(PaperSaved { paper, relettered })
}

/// Sorts letters as a pack runs: A … Z, AA …; C1 after C and before D.
fn letter_order(letter: &str) -> (usize, String, u32) {
    let split = letter
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(letter.len());
    let (alpha, number) = letter.split_at(split);
    (alpha.len(), alpha.to_owned(), number.parse().unwrap_or(0))
}

/// What a user supplies to add a paper to an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewPaper {
    pub item_id: AgendaItemId,
    /// Empty: the item's title.
    pub title: String,
    pub authors: String,
    pub sponsor: String,
    /// Empty: assigned in agenda order.
    pub letter: String,
    /// The main document, if it is to hand.
    pub file: Option<String>,
}

/// The editable details of a paper: everything but its attachments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PaperEdit {
    pub id: PaperId,
    pub title: String,
    pub authors: String,
    pub sponsor: String,
    /// Empty: assigned in agenda order.
    pub letter: String,
    pub cover: CoverSheet,
    /// YYYY-MM-DD or empty.
    pub received_on: String,
}

/// What Boardpack did to the files attached between `before` (the paper as it was, `None`
/// for a new paper) and `after`: one sentence per file it had to repair, from the titles
/// of the originals it kept in the history.
pub fn repair_notes(before: Option<&Paper>, after: &Paper) -> Vec<String> {
    let old = before.map_or(0, |p| p.history.len());
    after
        .history
        .iter()
        .skip(old)
        .filter(|a| a.title.starts_with(REPAIRED_PREFIX))
        .map(|a| a.title.clone())
        .collect()
}

/// A file copied into the blob store, with its text for search when that is not kept yet,
/// and, when Boardpack had to repair it, the original as attached (kept in the paper's
/// history; its title says what was done).
struct Stored {
    attachment: Attachment,
    text: Option<String>,
    original: Option<Attachment>,
    /// Whether the stored file, and the original when there is one, are tagged PDFs.
    tagged: bool,
    original_tagged: bool,
}

fn no_paper(id: PaperId) -> Error {
    Error::NotFound {
        what: "paper with the id",
        key: id.to_string(),
        hint: "It may have been deleted; reload the agenda.",
    }
}

fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

impl Boardpack {
    /// Reads whether each stored PDF not read yet is a tagged PDF, and records it: once,
    /// for the files stored before schema version 14 (when the database is opened), and
    /// for the demo's. The files are read outside the transaction, the answers written in
    /// one. A file missing from the blob store stays unread (the pack cannot be made
    /// without it anyway); one that cannot be opened is untagged. Returns how many were
    /// read.
    pub(crate) fn read_tagged(&self) -> Result<usize> {
        if self.store.read_only() {
            return Ok(0);
        }
        let pending = self.store.read(b::untold_tagged)?;
        if pending.is_empty() {
            return Ok(0);
        }
        let found: Vec<(String, bool)> = pending
            .into_iter()
            .filter_map(|sha| {
                let bytes = self.blobs.read(&sha).ok()?;
                Some((sha, boardpack_pdf::is_tagged(&bytes)))
            })
            .collect();
        self.store.write(|tx| {
            for (sha, tagged) in &found {
                b::set_tagged(tx, sha, *tagged)?;
            }
            Ok(found.len())
        })
    }

    /// Checks a PDF, copies it into the blob store and reads its text for search (unless
    /// that file's text is kept already). Nothing is recorded in the database here: the
    /// caller does that in its transaction, with [`Boardpack::record_blob`].
    fn store_pdf(&self, path: &Path, title: &str) -> Result<Stored> {
        let name = file_label(path);
        let refuse = |problem: String| Error::Attachment {
            file: name.clone(),
            problem,
        };
        let bytes = std::fs::read(path).map_err(|e| {
            refuse(match e.kind() {
                std::io::ErrorKind::NotFound => format!("there is no file at {}", path.display()),
                std::io::ErrorKind::PermissionDenied => "you may not read it".into(),
                _ if path.is_dir() => "it is a folder, not a file".into(),
                _ => format!("it cannot be read ({e})"),
            })
        })?;
        // A file the engine cannot open is repaired with qpdf where qpdf can read it; one
        // whose streams cannot be decoded has them emptied. Either way the original is
        // kept (in the paper's history) and its title says what happened.
        let (bytes, facts, note) = match inspect(&bytes) {
            Ok(facts) if facts.damaged_streams == 0 => (bytes, facts, None),
            Ok(facts) => match boardpack_pdf::clean(&bytes) {
                Ok(Some((cleaned, after))) => {
                    let note = format!(
                        "{} has data that cannot be decoded; Boardpack removed it so the pack stays a valid PDF (something may be missing there: ask the author for a sound copy)",
                        pages_phrase(&facts.damaged_pages)
                    );
                    (cleaned, after, Some((bytes, note)))
                }
                _ => (bytes, facts, None),
            },
            Err(
                problem @ (PdfProblem::Damaged(_)
                | PdfProblem::Encrypted
                | PdfProblem::NoPages
                | PdfProblem::PageTreeLoop),
            ) => {
                let repaired = crate::repair::with_qpdf(&bytes)
                    .and_then(|r| inspect(&r).ok().map(|f| (r, f)))
                    .filter(|(_, f)| f.damaged_streams == 0);
                match repaired {
                    Some((repaired, facts)) => {
                        let note = format!(
                            "Boardpack could not read it as attached ({problem}), so it repaired it with qpdf"
                        );
                        (repaired, facts, Some((bytes, note)))
                    }
                    None => return Err(refuse(problem.to_string())),
                }
            }
            Err(problem) => return Err(refuse(problem.to_string())),
        };
        let original_tagged = note
            .as_ref()
            .is_some_and(|(original, _)| boardpack_pdf::is_tagged(original));
        let original = match note {
            Some((original, note)) => {
                let blob = self.blobs.put_bytes(&original, "application/pdf")?;
                Some(Attachment {
                    sha256: blob.sha256,
                    file_name: name.clone(),
                    title: format!("{REPAIRED_PREFIX} {name}: {note}."),
                    pages: facts.pages,
                    size: blob.size,
                })
            }
            None => None,
        };
        let blob = self.blobs.put_bytes(&bytes, "application/pdf")?;
        let text = self.text_to_index(&blob.sha256, &bytes)?;
        Ok(Stored {
            attachment: Attachment {
                sha256: blob.sha256,
                file_name: name,
                title: title.trim().to_owned(),
                pages: facts.pages,
                size: blob.size,
            },
            text,
            original,
            tagged: facts.tagged,
            original_tagged,
        })
    }

    /// Records a stored file (and a repaired file's original) in the blob index, with its
    /// text for search and whether it is tagged.
    fn record_blob(tx: &rusqlite::Transaction<'_>, stored: &Stored) -> Result<()> {
        let files = std::iter::once((&stored.attachment, stored.tagged))
            .chain(stored.original.iter().map(|o| (o, stored.original_tagged)));
        for (a, tagged) in files {
            b::insert_blob(
                tx,
                &crate::BlobRef {
                    sha256: a.sha256.clone(),
                    size: a.size,
                    media_type: "application/pdf".into(),
                },
            )?;
            b::set_tagged(tx, &a.sha256, tagged)?;
        }
        Self::keep_file_text(tx, &stored.attachment.sha256, stored.text.as_deref())
    }

    /// Adds a paper to an item, with its document when given.
    pub fn add_paper(&self, new: &NewPaper) -> Result<Paper> {
        Ok(self.add_paper_reporting(new)?.paper)
    }

    /// Adds a paper to an item, and lists the other papers whose letters that changed (a
    /// chosen letter moves the ones assigned around it).
    pub fn add_paper_reporting(&self, new: &NewPaper) -> Result<PaperSaved> {
        let letter_override = if new.letter.trim().is_empty() {
            None
        } else {
            Some(check_letter(&new.letter)?)
        };
        let stored = new
            .file
            .as_deref()
            .map(|f| self.store_pdf(Path::new(f), ""))
            .transpose()?;
        let today = self.clock.today();
        self.store.write(|tx| {
            let item = a::item(tx, new.item_id)?.ok_or(Error::NotFound {
                what: "agenda item with the id",
                key: new.item_id.to_string(),
                hint: "List the agenda to find its items' ids.",
            })?;
            if let Some(l) = &letter_override {
                ensure_letter_free(tx, item.meeting_id, l, None)?;
            }
            let title = if new.title.trim().is_empty() {
                item.title.clone()
            } else {
                required("paper title", &new.title)?
            };
            let position = p::papers_of_item(tx, item.id)?.len() as u32;
            let paper = Paper {
                id: PaperId(Uuid::now_v7()),
                item_id: item.id,
                position,
                letter_override,
                title,
                authors: new.authors.trim().to_owned(),
                sponsor: new.sponsor.trim().to_owned(),
                document: stored.as_ref().map(|s| s.attachment.clone()),
                appendices: Vec::new(),
                history: stored.iter().filter_map(|s| s.original.clone()).collect(),
                cover: CoverSheet {
                    purposes: [item.purpose].into(),
                    ..CoverSheet::default()
                },
                received_on: Some(today),
            };
            if let Some(s) = &stored {
                Self::record_blob(tx, s)?;
            }
            reporting_letters(tx, item.meeting_id, || {
                p::upsert_paper(tx, &paper)?;
                Ok(paper)
            })
        })
    }

    pub fn paper(&self, id: PaperId) -> Result<Paper> {
        self.store
            .read(|conn| p::paper(conn, id))?
            .ok_or_else(|| no_paper(id))
    }

    /// Attaches (or re-attaches) a paper's main document; the one it replaces is kept in
    /// the paper's history.
    pub fn attach_document(&self, id: PaperId, file: &Path) -> Result<Paper> {
        let doc = self.store_pdf(file, "")?;
        let today = self.clock.today();
        self.store.write(|tx| {
            let mut paper = p::paper(tx, id)?.ok_or_else(|| no_paper(id))?;
            Self::record_blob(tx, &doc)?;
            if let Some(old) = paper.document.replace(doc.attachment.clone()) {
                paper.history.push(old);
            }
            paper.history.extend(doc.original.clone());
            paper.received_on = Some(today);
            p::upsert_paper(tx, &paper)?;
            Ok(paper)
        })
    }

    /// Adds an appendix at the end of a paper's appendices.
    pub fn add_appendix(&self, id: PaperId, file: &Path, title: &str) -> Result<Paper> {
        let appendix = self.store_pdf(file, title)?;
        self.store.write(|tx| {
            let mut paper = p::paper(tx, id)?.ok_or_else(|| no_paper(id))?;
            Self::record_blob(tx, &appendix)?;
            let appendix_original = appendix.original.clone();
            let mut appendix = appendix.attachment.clone();
            if appendix.title.is_empty() {
                appendix.title = format!("Appendix {}", paper.appendices.len() + 1);
            }
            paper.appendices.push(appendix);
            paper.history.extend(appendix_original.clone());
            p::upsert_paper(tx, &paper)?;
            Ok(paper)
        })
    }

    /// Removes an appendix from a paper (it stays in the paper's history).
    pub fn remove_appendix(&self, id: PaperId, index: usize) -> Result<Paper> {
        self.store.write(|tx| {
            let mut paper = p::paper(tx, id)?.ok_or_else(|| no_paper(id))?;
            if index >= paper.appendices.len() {
                return Err(Error::Conflict(format!(
                    "Paper “{}” has no appendix {}.",
                    paper.title,
                    index + 1
                )));
            }
            let old = paper.appendices.remove(index);
            paper.history.push(old);
            p::upsert_paper(tx, &paper)?;
            Ok(paper)
        })
    }

    /// Saves a paper's details and cover sheet (checked against the organisation's
    /// objectives and risks).
    pub fn update_paper(&self, edit: &PaperEdit) -> Result<Paper> {
        Ok(self.update_paper_reporting(edit)?.paper)
    }

    /// Saves a paper's details and cover sheet, and lists the other papers whose letters
    /// that changed.
    pub fn update_paper_reporting(&self, edit: &PaperEdit) -> Result<PaperSaved> {
        let title = required("paper title", &edit.title)?;
        let letter_override = if edit.letter.trim().is_empty() {
            None
        } else {
            Some(check_letter(&edit.letter)?)
        };
        let received_on = if edit.received_on.trim().is_empty() {
            None
        } else {
            Some(boardpack_core::validate::parse_date(&edit.received_on)?)
        };
        self.store.write(|tx| {
            let mut paper = p::paper(tx, edit.id)?.ok_or_else(|| no_paper(edit.id))?;
            let item = a::item(tx, paper.item_id)?.ok_or_else(|| no_paper(edit.id))?;
            if let Some(l) = &letter_override {
                ensure_letter_free(tx, item.meeting_id, l, Some(paper.id))?;
            }
            check_cover(tx, &item, &edit.cover)?;
            paper.title = title;
            paper.authors = edit.authors.trim().to_owned();
            paper.sponsor = edit.sponsor.trim().to_owned();
            paper.letter_override = letter_override;
            paper.cover = edit.cover.clone();
            paper.received_on = received_on;
            reporting_letters(tx, item.meeting_id, || {
                p::upsert_paper(tx, &paper)?;
                Ok(paper)
            })
        })
    }

    /// A paper's cover sheet as JSON in the archive's shape (as `archive.json` holds it in
    /// the paper's `cover`), for a script to read and hand back to
    /// [`Boardpack::replace_cover_sheet`].
    pub fn cover_sheet_json(&self, id: PaperId) -> Result<String> {
        let paper = self.paper(id)?;
        serde_json::to_string_pretty(&paper.cover).map_err(|e| {
            Error::Archive(format!(
                "The cover sheet could not be written as JSON: {e}."
            ))
        })
    }

    /// Replaces a paper's cover sheet with one given as JSON in the archive's shape:
    /// checked against the archive's schema (errors name the field), then by the same
    /// rules as [`Boardpack::update_paper`] (objectives and risks of the organisation).
    /// `name` names the source in errors ("cover.json").
    pub fn replace_cover_sheet(&self, id: PaperId, json: &[u8], name: &str) -> Result<Paper> {
        let cover = crate::schema::cover_sheet_from_json(json, name)?;
        self.store.write(|tx| {
            let mut paper = p::paper(tx, id)?.ok_or_else(|| no_paper(id))?;
            let item = a::item(tx, paper.item_id)?.ok_or_else(|| no_paper(id))?;
            check_cover(tx, &item, &cover)?;
            paper.cover = cover;
            p::upsert_paper(tx, &paper)?;
            Ok(paper)
        })
    }

    /// Deletes a paper. Its files stay in the blob store.
    pub fn delete_paper(&self, id: PaperId) -> Result<()> {
        self.store.write(|tx| {
            p::paper(tx, id)?.ok_or_else(|| no_paper(id))?;
            p::delete_paper(tx, id)
        })
    }
}

/// Checks a cover sheet against the objectives and risks of the organisation whose
/// meeting the paper's item is on.
fn check_cover(tx: &rusqlite::Connection, item: &AgendaItem, cover: &CoverSheet) -> Result<()> {
    let meeting = m::meeting(tx, item.meeting_id)?.ok_or_else(|| no_meeting(item.meeting_id))?;
    let committee =
        c::committee(tx, meeting.committee_id)?.ok_or_else(|| no_meeting(item.meeting_id))?;
    let org = Some(committee.organisation_id);
    cover.check(&r::objectives(tx, org)?, &r::risks(tx, org)?)?;
    Ok(())
}

/// Refuses a letter another paper of the meeting has chosen. (Assigned letters step
/// around chosen ones, so they never clash.)
fn ensure_letter_free(
    tx: &rusqlite::Connection,
    meeting: boardpack_core::MeetingId,
    letter: &str,
    except: Option<PaperId>,
) -> Result<()> {
    let papers = p::papers(tx, Some(meeting))?;
    let clash = papers
        .iter()
        .filter(|p| Some(p.id) != except)
        .any(|p| p.letter_override.as_deref() == Some(letter));
    if clash {
        return Err(boardpack_core::ValidationError::DuplicateLetter(letter.to_owned()).into());
    }
    Ok(())
}
