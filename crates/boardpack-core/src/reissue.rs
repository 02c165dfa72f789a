//! Issuing a pack, and re-issuing it with a change list.
//!
//! An **issue** records a pack as it was sent to members: its kind (public or full), its
//! version (1, 2, … per meeting and kind), when and by whom it was issued, the file's
//! SHA-256, and for each paper its letter, title, the hashes of its document and
//! appendices and its pages in the issued pack ([`PackIssue`], [`IssuedPaper`]).
//!
//! A **re-issue** compares the last issue of that kind with the pack as it would be now
//! ([`changes`]): papers whose document or appendices were replaced, papers added and
//! papers withdrawn. The next version opens with a change list built from those changes
//! ([`ChangeList`], laid out by [`crate::pack::plan_issue`]) and every page's footer names
//! the version. A **supplement** holds only the change list and the replaced and added
//! papers, so members who annotated the earlier version can add it to what they hold.

use chrono::{NaiveDate, NaiveDateTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::check::Check;
use crate::ids::{AgendaItemId, MeetingId, PaperId};
use crate::pack::PackPlan;
use crate::paper::Paper;
use crate::validate::{line, long_date, ValidationError, TITLE_MAX};
use boardpack_pdf::layout::{Block, Cell, Table};

/// Which pack was issued: the public pack (Part 1 only) or the full pack.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PackKind {
    Public,
    Full,
}

impl PackKind {
    pub fn from_public(public: bool) -> PackKind {
        if public {
            PackKind::Public
        } else {
            PackKind::Full
        }
    }

    pub fn is_public(self) -> bool {
        self == PackKind::Public
    }

    /// "public", "full": as stored and as the command line prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            PackKind::Public => "public",
            PackKind::Full => "full",
        }
    }
}

impl std::str::FromStr for PackKind {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "public" => Ok(PackKind::Public),
            "full" => Ok(PackKind::Full),
            _ => Err(ValidationError::BadId {
                what: "pack kind",
                value: s.to_owned(),
            }),
        }
    }
}

/// One paper as it was in an issued pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct IssuedPaper {
    pub paper_id: PaperId,
    /// The agenda item it was a paper of.
    pub item_id: AgendaItemId,
    /// "E", "A1".
    pub letter: String,
    pub title: String,
    /// SHA-256 of its document, when it had one.
    #[serde(default)]
    pub document_sha256: Option<String>,
    /// SHA-256 of each appendix, in order.
    #[serde(default)]
    pub appendix_sha256: Vec<String>,
    /// Its first and last page in the issued pack (its cover sheet included), 1-based.
    pub first_page: u32,
    pub last_page: u32,
}

/// A pack as issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PackIssue {
    pub meeting_id: MeetingId,
    pub kind: PackKind,
    /// 1, 2, … for each meeting and kind.
    pub version: u32,
    /// Local time, by the clock exports take their creation time from.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub issued_at: NaiveDateTime,
    /// Who issued it: a name, as given.
    pub issued_by: String,
    pub pages: u32,
    /// SHA-256 of the issued file, kept in the blob store.
    pub file_sha256: String,
    #[ts(type = "number")]
    pub file_size: u64,
    pub papers: Vec<IssuedPaper>,
}

impl Check for PackIssue {
    fn check(&self) -> Result<(), ValidationError> {
        if self.version == 0 {
            return Err(ValidationError::OutOfRange {
                min: 1,
                field: "pack issue version",
                value: 0,
                max: u64::from(u32::MAX),
            });
        }
        line("issued by", &self.issued_by, TITLE_MAX)?;
        if !is_sha256(&self.file_sha256) {
            return Err(ValidationError::BadId {
                what: "issued file's SHA-256",
                value: self.file_sha256.clone(),
            });
        }
        for p in &self.papers {
            line("issued paper title", &p.title, TITLE_MAX)?;
            line("issued paper letter", &p.letter, 10)?;
            let hashes = p.document_sha256.iter().chain(&p.appendix_sha256);
            if let Some(bad) = hashes.into_iter().find(|h| !is_sha256(h)) {
                return Err(ValidationError::BadId {
                    what: "issued paper's SHA-256",
                    value: bad.clone(),
                });
            }
            if p.first_page == 0 || p.last_page < p.first_page || p.last_page > self.pages {
                return Err(ValidationError::OutOfRange {
                    min: 1,
                    field: "issued paper's pages",
                    value: u64::from(p.last_page),
                    max: u64::from(self.pages),
                });
            }
        }
        Ok(())
    }
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// What happened to a paper since the last issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PackChangeKind {
    /// Its document or an appendix was replaced, added or removed.
    Replaced,
    /// Not in the last issue.
    Added,
    /// In the last issue, not in this one (the paper or its item was removed).
    Withdrawn,
}

/// One line of a change list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackChange {
    pub kind: PackChangeKind,
    pub paper_id: PaperId,
    pub letter: String,
    pub title: String,
    /// Its pages in the new document (none for a withdrawn paper, or before the new
    /// document is planned).
    pub pages: Option<(u32, u32)>,
}

impl PackChange {
    /// "Paper E (Estates update) replaced".
    pub fn describe(&self) -> String {
        let what = match self.kind {
            PackChangeKind::Replaced => "replaced",
            PackChangeKind::Added => "added",
            PackChangeKind::Withdrawn => "withdrawn",
        };
        format!("Paper {} ({}) {what}", self.letter, self.title)
    }

    /// "pages 45–52", "page 7", or "" (withdrawn).
    pub fn page_text(&self) -> String {
        match self.pages {
            Some((a, b)) if a == b => format!("page {a}"),
            Some((a, b)) => format!("pages {a}–{b}"),
            None => String::new(),
        }
    }

    /// "Paper E (Estates update) replaced (pages 45–52)", "Paper G (…) withdrawn".
    pub fn sentence(&self) -> String {
        match self.pages {
            Some(_) => format!("{} ({})", self.describe(), self.page_text()),
            None => self.describe(),
        }
    }
}

/// The changes from the papers of the last issue (`previous`) to the papers of the pack
/// as it would be issued now (`current`), in the order of the new pack, withdrawn papers
/// last in the order they had. A paper is replaced when its document or appendices differ
/// (by hash); a paper deleted and another added in its place (same item and letter) is
/// one replacement. A paper whose letter or pages moved but whose files are the same is
/// not a change. Pages are those of `current`.
pub fn changes(previous: &[IssuedPaper], current: &[IssuedPaper]) -> Vec<PackChange> {
    let change = |kind, p: &IssuedPaper, pages| PackChange {
        kind,
        paper_id: p.paper_id,
        letter: p.letter.clone(),
        title: p.title.clone(),
        pages,
    };
    let same_files = |a: &IssuedPaper, b: &IssuedPaper| {
        a.document_sha256 == b.document_sha256 && a.appendix_sha256 == b.appendix_sha256
    };
    let mut out = Vec::new();
    let mut matched = Vec::new();
    for p in current {
        let pages = Some((p.first_page, p.last_page));
        let before = previous
            .iter()
            .find(|q| q.paper_id == p.paper_id)
            .or_else(|| {
                // A paper put in place of a deleted one: same item, same letter.
                previous.iter().find(|q| {
                    q.item_id == p.item_id
                        && q.letter == p.letter
                        && !current.iter().any(|c| c.paper_id == q.paper_id)
                })
            });
        match before {
            Some(q) => {
                matched.push(q.paper_id);
                if !same_files(q, p) {
                    out.push(change(PackChangeKind::Replaced, p, pages));
                }
            }
            None => out.push(change(PackChangeKind::Added, p, pages)),
        }
    }
    for q in previous {
        if !matched.contains(&q.paper_id) {
            out.push(change(PackChangeKind::Withdrawn, q, None));
        }
    }
    out
}

/// The version the next issue of `kind` gets: one more than the last of that kind.
pub fn next_version(issues: &[PackIssue], kind: PackKind) -> u32 {
    issues
        .iter()
        .filter(|i| i.kind == kind)
        .map(|i| i.version)
        .max()
        .unwrap_or(0)
        + 1
}

/// The last issue of `kind`, if any.
pub fn last_issue(issues: &[PackIssue], kind: PackKind) -> Option<&PackIssue> {
    issues
        .iter()
        .filter(|i| i.kind == kind)
        .max_by_key(|i| i.version)
}

/// The papers of a planned pack as an issue records them: letter, title, hashes, pages.
pub fn issued_papers(plan: &PackPlan, papers: &[Paper]) -> Vec<IssuedPaper> {
    plan.papers
        .iter()
        .filter_map(|planned| {
            let paper = papers.iter().find(|p| p.id == planned.paper_id)?;
            let pages = planned.cover_pages + planned.document_pages + planned.appendix_pages;
            Some(IssuedPaper {
                paper_id: paper.id,
                item_id: paper.item_id,
                letter: planned.letter.clone(),
                title: paper.title.clone(),
                document_sha256: paper.document.as_ref().map(|d| d.sha256.clone()),
                appendix_sha256: paper.appendices.iter().map(|a| a.sha256.clone()).collect(),
                first_page: planned.first_page as u32,
                last_page: (planned.first_page + pages.max(1) - 1) as u32,
            })
        })
        .collect()
}

/// The change list a re-issued pack or a supplement opens with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeList {
    /// "Version 2, issued 28 November 2026".
    pub heading: String,
    /// "Changes since version 1, issued 20 November 2026. Page numbers are those of this
    /// version."
    pub intro: String,
    pub changes: Vec<PackChange>,
}

impl ChangeList {
    /// The change list of version `version` issued on `date`, against `previous`.
    pub fn for_version(
        version: u32,
        date: NaiveDate,
        previous: &PackIssue,
        changes: Vec<PackChange>,
    ) -> ChangeList {
        ChangeList {
            heading: format!("Version {version}, issued {}", long_date(date)),
            intro: format!(
                "Changes since version {}, issued {}. Page numbers are those of this version.",
                previous.version,
                long_date(previous.issued_at.date())
            ),
            changes,
        }
    }

    /// The change list of a supplement to `previous`, made on `date`.
    pub fn for_supplement(date: NaiveDate, previous: &PackIssue, changes: Vec<PackChange>) -> Self {
        ChangeList {
            heading: format!(
                "Supplement to version {}, issued {}",
                previous.version,
                long_date(previous.issued_at.date())
            ),
            intro: format!(
                "Made on {}. It holds the papers replaced or added since version {}; page numbers are those of this supplement. Put each paper in place of the one it replaces, and set aside the papers withdrawn.",
                long_date(date),
                previous.version
            ),
            changes,
        }
    }

    /// The change list as blocks: its heading, what it compares, and a table of the
    /// changes (change, pages) with a header row. The pages sit in a column of their own,
    /// so the list takes the same room whatever the page numbers are.
    pub fn blocks(&self) -> Vec<Block> {
        let rows = self
            .changes
            .iter()
            .map(|c| {
                vec![
                    Cell::text(c.describe()),
                    Cell::text(match c.pages {
                        Some(_) => c.page_text(),
                        None => "not in this pack".to_owned(),
                    }),
                ]
            })
            .collect();
        let mut blocks = vec![
            Block::heading(0, self.heading.clone()),
            Block::para(self.intro.clone()),
            Block::Space(6.0),
        ];
        if self.changes.is_empty() {
            blocks.push(Block::para("No paper was replaced, added or withdrawn."));
            return blocks;
        }
        blocks.push(Block::Table(Table::new(
            vec![0.72, 0.28],
            vec![vec![Cell::bold("Change"), Cell::bold("Pages")]],
            rows,
        )));
        blocks
    }
}

/// How a pack is planned for an issue (see [`crate::pack::plan_issue`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueOptions {
    /// "Version 2": added to every page's footer ("Trust Board · 3 December 2026 ·
    /// Version 2 · Paper E · Page 46 of 120"). Version 1 keeps the plain footer: a pack
    /// issued once needs no version to tell it from another.
    pub footer_label: Option<String>,
    /// The change list: right after the front cover, before the agenda.
    pub change_list: Option<ChangeList>,
    /// A supplement: the change list and the replaced and added papers only (no front
    /// cover, no agenda).
    pub supplement: bool,
    /// The document's title instead of the pack's ("… – supplement to version 1").
    pub title: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn paper(n: u128, item: u128, letter: &str, doc: &str, pages: (u32, u32)) -> IssuedPaper {
        IssuedPaper {
            paper_id: PaperId(Uuid::from_u128(n)),
            item_id: AgendaItemId(Uuid::from_u128(item)),
            letter: letter.into(),
            title: format!("Paper {n}"),
            document_sha256: Some(doc.repeat(64)),
            appendix_sha256: vec![],
            first_page: pages.0,
            last_page: pages.1,
        }
    }

    #[test]
    fn nothing_changed_is_no_change_even_when_pages_move() {
        let before = vec![
            paper(1, 10, "A", "a", (3, 5)),
            paper(2, 11, "B", "b", (6, 9)),
        ];
        let mut after = before.clone();
        after[1].first_page = 7;
        after[1].last_page = 10;
        after[1].letter = "C".into();
        assert_eq!(changes(&before, &after), vec![]);
    }

    #[test]
    fn replaced_added_and_withdrawn_in_the_new_order_withdrawn_last() {
        let before = vec![
            paper(1, 10, "A", "a", (3, 5)),
            paper(2, 11, "B", "b", (6, 9)),
            paper(3, 12, "C", "c", (10, 12)),
        ];
        let mut after = vec![
            paper(1, 10, "A", "a", (4, 6)),
            paper(2, 11, "B", "d", (7, 12)),
            paper(4, 13, "C", "e", (13, 14)),
        ];
        let got = changes(&before, &after);
        let lines: Vec<String> = got.iter().map(PackChange::sentence).collect();
        assert_eq!(
            lines,
            [
                "Paper B (Paper 2) replaced (pages 7–12)",
                "Paper C (Paper 4) added (pages 13–14)",
                "Paper C (Paper 3) withdrawn",
            ]
        );
        // An appendix added is a replacement too.
        after[0].appendix_sha256.push("f".repeat(64));
        assert_eq!(changes(&before, &after)[0].kind, PackChangeKind::Replaced);
    }

    #[test]
    fn a_paper_deleted_and_attached_again_under_its_item_and_letter_is_replaced() {
        let before = vec![paper(1, 10, "A", "a", (3, 5))];
        let after = vec![paper(2, 10, "A", "b", (3, 7))];
        let got = changes(&before, &after);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].sentence(), "Paper A (Paper 2) replaced (pages 3–7)");
        // The same file again: no change at all.
        let after = vec![paper(2, 10, "A", "a", (3, 5))];
        assert_eq!(changes(&before, &after), vec![]);
    }

    #[test]
    fn versions_count_per_kind() {
        let issue = |kind, version| PackIssue {
            meeting_id: MeetingId(Uuid::from_u128(1)),
            kind,
            version,
            issued_at: NaiveDate::from_ymd_opt(2026, 11, 20)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .expect("time"),
            issued_by: "Company Secretary".into(),
            pages: 10,
            file_sha256: "0".repeat(64),
            file_size: 1,
            papers: vec![],
        };
        let issues = vec![
            issue(PackKind::Full, 1),
            issue(PackKind::Full, 2),
            issue(PackKind::Public, 1),
        ];
        assert_eq!(next_version(&issues, PackKind::Full), 3);
        assert_eq!(next_version(&issues, PackKind::Public), 2);
        assert_eq!(next_version(&[], PackKind::Public), 1);
        assert_eq!(
            last_issue(&issues, PackKind::Full).map(|i| i.version),
            Some(2)
        );
        assert!(issues[0].check().is_ok());
        let mut bad = issues[0].clone();
        bad.papers.push(paper(1, 1, "A", "a", (3, 11)));
        assert!(bad.check().is_err(), "pages beyond the pack");
        let list = ChangeList::for_version(2, issues[0].issued_at.date(), &issues[0], vec![]);
        assert_eq!(list.heading, "Version 2, issued 20 November 2026");
    }

    #[test]
    fn single_pages_read_as_one_page() {
        let mut c = changes(&[], &[paper(1, 1, "K", "a", (7, 7))]).remove(0);
        assert_eq!(c.sentence(), "Paper K (Paper 1) added (page 7)");
        c.pages = None;
        assert_eq!(c.page_text(), "");
    }
}
