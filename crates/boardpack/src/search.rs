//! Search across the whole archive: meetings, agenda items, papers and their cover sheets,
//! the text of attached documents and appendices, minutes and actions, ranked with titles
//! above bodies. The index is derived data (see `store/migrations/0007_search.sql`): records
//! keep it current through triggers; the text of an attached PDF is extracted here, once per
//! file, when it is attached, imported or (after an upgrade) indexed.
//!
//! Search is for the secretariat: private items are found like any other, and each hit says
//! whether it is private so the screens can mark it. What users type is never handed to
//! FTS5 as syntax: it becomes quoted words, each matched as a prefix.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use boardpack_core::agenda::{schedule, AgendaItem, Slot};
use boardpack_core::paper::{assign_letters, Paper};
use boardpack_core::validate::long_date;
use boardpack_core::{AgendaItemId, Committee, Meeting, MeetingId, PaperId, Session};

use crate::error::{Error, Result};
use crate::store::search::{self as s, MATCH_END, MATCH_START};
use crate::store::{agenda as a, committees as c, meetings as m, papers as p};
use crate::Boardpack;

/// The most characters of an attached file's text that search keeps (about 60 pages of
/// prose); the rest of a longer file is not searchable.
pub const FILE_TEXT_LIMIT: usize = 200_000;

/// The most results one search returns.
pub const MAX_LIMIT: usize = 200;

/// What kind of thing a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SearchKind {
    Meeting,
    Item,
    /// A paper's title, authors, sponsor or cover sheet.
    Paper,
    /// The text of a paper's attached document or of an appendix.
    Document,
    Minute,
    Action,
}

impl SearchKind {
    /// A word for lists: "item", "document"…
    pub fn as_str(self) -> &'static str {
        match self {
            SearchKind::Meeting => "meeting",
            SearchKind::Item => "item",
            SearchKind::Paper => "paper",
            SearchKind::Document => "document",
            SearchKind::Minute => "minute",
            SearchKind::Action => "action",
        }
    }

    fn parse(word: &str) -> Option<SearchKind> {
        [
            SearchKind::Meeting,
            SearchKind::Item,
            SearchKind::Paper,
            SearchKind::Document,
            SearchKind::Minute,
            SearchKind::Action,
        ]
        .into_iter()
        .find(|k| k.as_str() == word)
    }
}

/// A run of a snippet's text, matched by the query or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SnippetPart {
    pub text: String,
    pub matched: bool,
}

/// One result: what was found, where it sits (meeting, item, paper), and a few words around
/// the match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub meeting_id: MeetingId,
    /// "Trust Board 142 – 3 December 2026".
    pub meeting: String,
    #[ts(type = "string")]
    pub meeting_date: NaiveDate,
    /// The item found, or the item of the paper, document, minute or action found.
    pub item_id: Option<AgendaItemId>,
    /// "5" or "5.1".
    pub item_number: Option<String>,
    pub item_title: Option<String>,
    /// The paper found, or the paper whose document or appendix was found.
    pub paper_id: Option<PaperId>,
    pub paper_letter: Option<String>,
    pub paper_title: Option<String>,
    /// What was found, as a list names it: the meeting, the item's or paper's title, the
    /// appendix's title or the document's file name, the minuted item's title.
    pub title: String,
    /// The best few words, the matched ones marked.
    pub snippet: Vec<SnippetPart>,
    /// Taken in private: the item (or the item it sits under), or the whole meeting.
    pub private: bool,
}

impl SearchHit {
    /// The snippet as one line, each match wrapped in `open` and `close`.
    pub fn snippet_text(&self, open: &str, close: &str) -> String {
        self.snippet
            .iter()
            .map(|p| {
                if p.matched {
                    format!("{open}{}{close}", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }
}

/// What indexing the attached files did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexSummary {
    /// Files whose text was read.
    pub files: u32,
    /// Of those, files with no text to read (scanned, damaged or odd PDFs): they are still
    /// attached, only not searchable by their words.
    pub without_text: u32,
    /// Files named by papers but missing from the blob store.
    pub missing: u32,
}

/// Words and phrases a query may hold at most; more are ignored.
const MAX_TERMS: usize = 16;

/// Turns what a user typed into a safe FTS5 expression: each word (or each "quoted phrase")
/// becomes a quoted string, so no character is syntax, and each is matched as a prefix
/// when it ends in two or more letters or digits ("finan" finds "finance" and "financial").
/// Words with no letter or digit in them are dropped; `None` when nothing is left.
pub(crate) fn match_expression(query: &str) -> Option<String> {
    let mut phrases: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let flush = |current: &mut String, phrases: &mut Vec<String>| {
        let phrase: String = current
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        current.clear();
        if phrase.chars().any(char::is_alphanumeric) {
            phrases.push(phrase);
        }
    };
    for c in query.chars() {
        match c {
            '"' | '“' | '”' | '„' => {
                flush(&mut current, &mut phrases);
                quoted = !quoted;
            }
            c if c.is_whitespace() && !quoted => flush(&mut current, &mut phrases),
            c => current.push(c),
        }
    }
    // An unmatched quote: what follows it is words, like the rest.
    if quoted {
        let rest = std::mem::take(&mut current);
        for word in rest.split_whitespace() {
            current.push_str(word);
            flush(&mut current, &mut phrases);
        }
    }
    flush(&mut current, &mut phrases);
    let terms: Vec<String> = phrases
        .into_iter()
        .take(MAX_TERMS)
        .map(|phrase| {
            let last_word = phrase
                .rsplit(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .map_or(0, |w| w.chars().count());
            let star = if last_word >= 2 { "*" } else { "" };
            format!("\"{}\"{star}", phrase.replace('"', ""))
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Splits a snippet from the index into matched and unmatched runs, whitespace folded.
fn snippet_parts(snippet: &str) -> Vec<SnippetPart> {
    let marker = |c: char| c == MATCH_START || c == MATCH_END;
    let folded = snippet
        .split(|c: char| c.is_whitespace() || (c.is_control() && !marker(c)))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut text = String::new();
    let mut matched = false;
    let mut push = |text: &mut String, matched: bool| {
        if !text.is_empty() {
            parts.push(SnippetPart {
                text: std::mem::take(text),
                matched,
            });
        }
    };
    for c in folded.chars() {
        if marker(c) {
            push(&mut text, matched);
            matched = c == MATCH_START;
        } else {
            text.push(c);
        }
    }
    push(&mut text, matched);
    parts
}

/// A meeting as hits name it, with its agenda's numbers and letters.
struct Place {
    meeting: Meeting,
    label: String,
    items: Vec<AgendaItem>,
    slots: Vec<Slot>,
    papers: Vec<Paper>,
    letters: BTreeMap<PaperId, String>,
}

impl Place {
    fn load(conn: &rusqlite::Connection, id: MeetingId) -> Result<Option<Place>> {
        let Some(meeting) = m::meeting(conn, id)? else {
            return Ok(None);
        };
        let committee: Option<Committee> = c::committee(conn, meeting.committee_id)?;
        let name = committee.map(|c| c.name).unwrap_or_default();
        let label = format!("{name} {} – {}", meeting.number, long_date(meeting.date));
        let items = a::items(conn, Some(id))?;
        let slots = schedule(&items, meeting.start_time);
        let papers = p::paper_details(conn, Some(id))?;
        let letters = assign_letters(&slots, &papers);
        Ok(Some(Place {
            meeting,
            label,
            items,
            slots,
            papers,
            letters,
        }))
    }

    fn item(&self, id: AgendaItemId) -> Option<&AgendaItem> {
        self.items.iter().find(|i| i.id == id)
    }

    /// An item is private when it, or the item it sits under, or its meeting is.
    fn private(&self, item: Option<&AgendaItem>) -> bool {
        let private = |i: &AgendaItem| i.session == Session::Private;
        self.meeting.session == Session::Private
            || item.is_some_and(|i| {
                private(i) || i.parent_id.and_then(|p| self.item(p)).is_some_and(private)
            })
    }
}

impl Boardpack {
    /// Searches everything: meetings, items, papers and cover sheets, attached documents
    /// and appendices, minutes and actions. Best first; at most `limit` hits (and never
    /// more than [`MAX_LIMIT`]). An empty query, or one with no word in it, finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        // What people type in a search box is short; a pasted page searches by its first
        // thousand characters instead of becoming a query of thousands of terms.
        const QUERY_MAX: usize = 1000;
        let query = match query.char_indices().nth(QUERY_MAX) {
            Some((at, _)) => &query[..at],
            None => query,
        };
        let limit = limit.min(MAX_LIMIT);
        let Some(expression) = match_expression(query) else {
            return Ok(Vec::new());
        };
        if limit == 0 {
            return Ok(Vec::new());
        }
        let failed = |e: Error| match e {
            Error::Database(e) => Error::Search {
                query: query.trim().to_owned(),
                reason: e.to_string(),
            },
            other => other,
        };
        self.store
            .read(|conn| {
                // A file no longer attached takes a place in the ranking but yields no hit,
                // so ask for a few more than wanted.
                let found = s::search(conn, &expression, limit + limit / 2 + 4)?;
                let mut places: BTreeMap<MeetingId, Option<Place>> = BTreeMap::new();
                let mut hits: Vec<(f64, SearchHit)> = Vec::with_capacity(found.len());
                for f in found {
                    let place = match places.entry(f.meeting_id) {
                        std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                        std::collections::btree_map::Entry::Vacant(e) => {
                            e.insert(Place::load(conn, f.meeting_id)?)
                        }
                    };
                    let Some(place) = place else {
                        continue;
                    };
                    if let Some(hit) = hit(place, &f) {
                        hits.push((f.score, hit));
                    }
                }
                // Best score first; among equals, the latest meeting first, then by kind.
                hits.sort_by(|(x, a), (y, b)| {
                    x.total_cmp(y)
                        .then(b.meeting_date.cmp(&a.meeting_date))
                        .then(a.meeting_id.cmp(&b.meeting_id))
                        .then(a.kind.cmp(&b.kind))
                });
                hits.truncate(limit);
                Ok(hits.into_iter().map(|(_, h)| h).collect())
            })
            .map_err(failed)
    }

    /// Extracts and keeps the text of every attached file that has none yet: after an
    /// upgrade, an import, or the demo. A file is read once; one that yields no text is
    /// recorded as such and not read again. The database is not held while a file is read.
    pub fn index_files(&self) -> Result<IndexSummary> {
        let pending = self.store.read(s::files_without_text)?;
        let mut summary = IndexSummary::default();
        for sha in pending {
            let Ok(bytes) = self.blobs.read(&sha) else {
                summary.missing += 1;
                continue;
            };
            let text = file_text(&bytes);
            summary.files += 1;
            if text.is_empty() {
                summary.without_text += 1;
            }
            self.store.write(|tx| s::put_file_text(tx, &sha, &text))?;
        }
        Ok(summary)
    }

    /// The text to keep for a file about to be attached, or `None` when its text is kept
    /// already. Call before the write that attaches it, which keeps the text with
    /// [`Boardpack::keep_file_text`].
    pub(crate) fn text_to_index(&self, sha256: &str, bytes: &[u8]) -> Result<Option<String>> {
        if self.store.read(|conn| s::has_file_text(conn, sha256))? {
            return Ok(None);
        }
        Ok(Some(file_text(bytes)))
    }

    /// Keeps a file's extracted text, in the transaction that attaches the file.
    pub(crate) fn keep_file_text(
        tx: &rusqlite::Transaction<'_>,
        sha256: &str,
        text: Option<&str>,
    ) -> Result<()> {
        match text {
            Some(text) => s::put_file_text(tx, sha256, text),
            None => Ok(()),
        }
    }
}

/// The searchable text of a PDF: empty when none can be read.
fn file_text(bytes: &[u8]) -> String {
    boardpack_pdf::extract_text(bytes, FILE_TEXT_LIMIT)
        .map(|t| t.text)
        .unwrap_or_default()
}

/// Names and numbers a found entry from its meeting's agenda.
fn hit(place: &Place, f: &s::Found) -> Option<SearchHit> {
    let kind = SearchKind::parse(&f.kind)?;
    let item = f.item_id.and_then(|id| place.item(id));
    let paper = f
        .paper_id
        .and_then(|id| place.papers.iter().find(|p| p.id == id));
    let number = f.item_id.and_then(|id| {
        place
            .slots
            .iter()
            .find(|s| s.item_id == id)
            .map(|s| s.number.clone())
    });
    let title = match kind {
        SearchKind::Meeting => place.label.clone(),
        SearchKind::Item | SearchKind::Minute | SearchKind::Action => item?.title.clone(),
        SearchKind::Paper => paper?.title.clone(),
        SearchKind::Document => match &f.attachment {
            Some((_, title, _)) if !title.is_empty() => title.clone(),
            Some((_, _, file_name)) => file_name.clone(),
            None => paper?.title.clone(),
        },
    };
    Some(SearchHit {
        kind,
        meeting_id: place.meeting.id,
        meeting: place.label.clone(),
        meeting_date: place.meeting.date,
        item_id: item.map(|i| i.id),
        item_number: number,
        item_title: item.map(|i| i.title.clone()),
        paper_id: paper.map(|p| p.id),
        paper_letter: paper.and_then(|p| place.letters.get(&p.id).cloned()),
        paper_title: paper.map(|p| p.title.clone()),
        title,
        snippet: snippet_parts(&f.snippet),
        private: place.private(item),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_become_quoted_prefix_terms() {
        let check = |q: &str, want: Option<&str>| {
            assert_eq!(match_expression(q).as_deref(), want, "{q:?}");
        };
        check("", None);
        check("   ", None);
        check("*", None);
        check("\"", None);
        check("- ' \" * ( ) :", None);
        check("finan", Some("\"finan\"*"));
        check("finan*", Some("\"finan*\"*"));
        check("winter plan", Some("\"winter\"* \"plan\"*"));
        check("\"winter plan\" 2026", Some("\"winter plan\"* \"2026\"*"));
        check("“car park” decking", Some("\"car park\"* \"decking\"*"));
        check("covid-19", Some("\"covid-19\"*"));
        check("O'Neill", Some("\"O'Neill\"*"));
        check(
            "finance AND audit",
            Some("\"finance\"* \"AND\"* \"audit\"*"),
        );
        check("NOT", Some("\"NOT\"*"));
        check("a", Some("\"a\""));
        check("plan B", Some("\"plan\"* \"B\""));
        check("\"unclosed quote", Some("\"unclosed\"* \"quote\"*"));
        check("title:winter", Some("\"title:winter\"*"));
        check("NEAR(a b)", Some("\"NEAR(a\" \"b)\""));
        check("tab\tand\u{0}nul", Some("\"tab\"* \"and nul\"*"));
        let many = "word ".repeat(100);
        assert_eq!(
            match_expression(&many)
                .unwrap()
                .matches("\"word\"*")
                .count(),
            MAX_TERMS
        );
    }

    #[test]
    fn snippets_split_into_marked_runs() {
        let s = format!(
            "The {MATCH_START}winter{MATCH_END} plan,\n\n  {MATCH_START}approved{MATCH_END}…"
        );
        let parts = snippet_parts(&s);
        let shown: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.matched)).collect();
        assert_eq!(
            shown,
            [
                ("The ", false),
                ("winter", true),
                (" plan, ", false),
                ("approved", true),
                ("…", false)
            ]
        );
        assert!(snippet_parts("").is_empty());
    }
}
