//! Accessibility of what a meeting publishes: which attached papers are tagged PDFs, and
//! for every document Boardpack exports for a meeting, whether it comes out as tagged
//! PDF/UA-1 (the form the Public Sector Bodies Accessibility Regulations 2018 expect of a
//! published PDF) and, when not, which papers stop it.
//!
//! Boardpack tags every page it lays out itself (front cover, agenda, cover sheets,
//! minutes, bulletin, registers), and a pack keeps the tags of papers that arrive tagged,
//! so a document is PDF/UA-1 exactly when every attached file in it is tagged. Which files
//! are tagged is a fact of their bytes, read when they are attached
//! (`boardpack_pdf::PdfFacts::tagged`) and handed in here by SHA-256; this module opens no
//! file. What each document holds is decided where it always is: [`crate::pack::included`]
//! for the packs, [`crate::bulletin::lines`] for the bulletin.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agenda::{schedule, AgendaItem};
use crate::bulletin::BulletinInput;
use crate::ids::PaperId;
use crate::meeting::{Meeting, Session};
use crate::model::{Committee, Membership, Organisation, Person};
use crate::paper::{assign_letters, Attachment, Paper};

/// The SHA-256 of every attached file known to be a tagged PDF. A file not in it is taken
/// as untagged (a file that has not been read yet cannot be vouched for).
pub type TaggedFiles = BTreeSet<String>;

/// What the author of an untagged paper should do, in the words of the readiness check.
pub const ASK_FOR_TAGS: &str = "ask the author to export it with document structure tags (Word: Save as PDF, Options, 'Document structure tags for accessibility')";

/// An attached file (a paper's document or one of its appendices) that is not a tagged PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UntaggedFile {
    pub paper_id: PaperId,
    /// How the pack names it: "Paper E (Estates update)", "Paper E (Estates update),
    /// Appendix 1 – Quality dashboard".
    pub name: String,
    /// Its SHA-256.
    pub sha256: String,
}

impl UntaggedFile {
    /// The readiness warning about it: "Paper E (Estates update) is not a tagged PDF, so
    /// screen readers cannot read it: ask the author to export it with document structure
    /// tags (…)."
    pub fn warning(&self) -> String {
        format!(
            "{} is not a tagged PDF, so screen readers cannot read it: {ASK_FOR_TAGS}.",
            self.name
        )
    }
}

/// The files of a paper that are not tagged PDFs (its document, then its appendices), named
/// with its letter. Files replaced or removed (its history) go in no document and are left
/// out.
pub fn untagged_files(paper: &Paper, letter: &str, tagged: &TaggedFiles) -> Vec<UntaggedFile> {
    let named = format!("Paper {letter} ({})", paper.title.trim());
    let appendix = |k: usize, a: &Attachment| {
        if a.title.trim().is_empty() {
            format!("{named}, Appendix {}", k + 1)
        } else {
            format!("{named}, {}", a.title.trim())
        }
    };
    paper
        .document
        .iter()
        .map(|a| (named.clone(), a))
        .chain(
            paper
                .appendices
                .iter()
                .enumerate()
                .map(|(k, a)| (appendix(k, a), a)),
        )
        .filter(|(_, a)| !tagged.contains(&a.sha256))
        .map(|(name, a)| UntaggedFile {
            paper_id: paper.id,
            name,
            sha256: a.sha256.clone(),
        })
        .collect()
}

/// A document Boardpack exports (`boardpack export …`), as the accessibility report lists
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportKind {
    PublicPack,
    FullPack,
    Bulletin,
    PublicMinutes,
    FullMinutes,
    PublicActionLog,
    FullActionLog,
    Register,
}

impl ExportKind {
    /// Every export, in the order the report lists them.
    pub const ALL: [ExportKind; 8] = [
        ExportKind::PublicPack,
        ExportKind::FullPack,
        ExportKind::Bulletin,
        ExportKind::PublicMinutes,
        ExportKind::FullMinutes,
        ExportKind::PublicActionLog,
        ExportKind::FullActionLog,
        ExportKind::Register,
    ];

    /// "Public pack", "Register of interests".
    pub fn label(self) -> &'static str {
        match self {
            ExportKind::PublicPack => "Public pack",
            ExportKind::FullPack => "Full pack",
            ExportKind::Bulletin => "Public bulletin",
            ExportKind::PublicMinutes => "Public minutes",
            ExportKind::FullMinutes => "Full minutes",
            ExportKind::PublicActionLog => "Public action log",
            ExportKind::FullActionLog => "Full action log",
            ExportKind::Register => "Register of interests",
        }
    }
}

/// How an export comes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Conformance {
    /// Tagged PDF/UA-1, every page of it.
    PdfUa1,
    /// Some of its papers are not tagged PDFs: screen readers cannot read those pages.
    NotTagged,
    /// This meeting has no such document (a public pack of a meeting held in private, a
    /// bulletin with nothing marked for it…).
    NotMade,
}

impl Conformance {
    /// "PDF/UA-1", "not PDF/UA-1", "not made".
    pub fn label(self) -> &'static str {
        match self {
            Conformance::PdfUa1 => "PDF/UA-1",
            Conformance::NotTagged => "not PDF/UA-1",
            Conformance::NotMade => "not made",
        }
    }
}

/// One line of the report: an export, how it comes out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportAccessibility {
    pub export: ExportKind,
    /// "Public pack".
    pub label: String,
    pub conformance: Conformance,
    /// "PDF/UA-1", "not PDF/UA-1", "not made".
    pub conformance_label: String,
    /// The attached files in it that are not tagged PDFs, in pack order.
    pub untagged: Vec<UntaggedFile>,
    /// Why, as a sentence: "Paper E (Estates update) is not a tagged PDF; everything else
    /// in it is tagged."
    pub message: String,
}

/// The accessibility report of a meeting: a line for every export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AccessibilityReport {
    pub exports: Vec<ExportAccessibility>,
}

impl AccessibilityReport {
    /// The line of one export.
    pub fn get(&self, export: ExportKind) -> Option<&ExportAccessibility> {
        self.exports.iter().find(|e| e.export == export)
    }
}

/// What the report is made from.
#[derive(Debug, Clone, Copy)]
pub struct AccessibilityInput<'a> {
    pub organisation: &'a Organisation,
    pub committee: &'a Committee,
    pub meeting: &'a Meeting,
    pub items: &'a [AgendaItem],
    pub papers: &'a [Paper],
    pub people: &'a [Person],
    pub members: &'a [Membership],
    pub tagged: &'a TaggedFiles,
}

/// The accessibility report: for every export, tagged PDF/UA-1 or not, and which papers
/// stop it.
pub fn report(input: &AccessibilityInput<'_>) -> AccessibilityReport {
    let slots = schedule(input.items, input.meeting.start_time);
    let letters = assign_letters(&slots, input.papers);
    let letter = |p: &Paper| letters.get(&p.id).cloned().unwrap_or_default();
    // A paper's files in agenda order, for the items a pack holds.
    let in_pack = |public: bool| -> (usize, Vec<UntaggedFile>) {
        let mut files = 0;
        let mut untagged = Vec::new();
        for slot in &slots {
            let Some(item) = input.items.iter().find(|i| i.id == slot.item_id) else {
                continue;
            };
            if !crate::pack::included(input.meeting, item, input.items, public) {
                continue;
            }
            let mut papers: Vec<&Paper> = input
                .papers
                .iter()
                .filter(|p| p.item_id == item.id)
                .collect();
            papers.sort_by_key(|p| (p.position, p.id));
            for paper in papers {
                files += usize::from(paper.document.is_some()) + paper.appendices.len();
                untagged.extend(untagged_files(paper, &letter(paper), input.tagged));
            }
        }
        (files, untagged)
    };
    let private_meeting = input.meeting.session != Session::Public;
    let not_made =
        |export: ExportKind, why: String| line(export, Conformance::NotMade, vec![], why);
    let private = |document: &str| {
        format!(
            "the meeting is held in private, so it has no {document}: nothing of it is published."
        )
    };
    let mut exports = Vec::new();
    for export in ExportKind::ALL {
        exports.push(match export {
            ExportKind::PublicPack if private_meeting => not_made(export, private("public pack")),
            ExportKind::PublicPack | ExportKind::FullPack => {
                let (files, untagged) = in_pack(export == ExportKind::PublicPack);
                of_files(export, files, untagged)
            }
            ExportKind::Bulletin => {
                let bulletin = BulletinInput {
                    organisation: input.organisation,
                    committee: input.committee,
                    meeting: input.meeting,
                    items: input.items,
                    papers: input.papers,
                    people: input.people,
                    members: input.members,
                    logo: None,
                };
                match crate::bulletin::lines(&bulletin) {
                    Ok(lines) => {
                        let mut files = 0;
                        let mut untagged = Vec::new();
                        for l in &lines {
                            if let Some(paper) = input.papers.iter().find(|p| p.id == l.paper_id) {
                                files += 1 + paper.appendices.len();
                                untagged.extend(untagged_files(
                                    paper,
                                    &letter(paper),
                                    input.tagged,
                                ));
                            }
                        }
                        of_files(export, files, untagged)
                    }
                    Err(crate::bulletin::BulletinError::PrivateMeeting(_)) => {
                        not_made(export, private("public bulletin"))
                    }
                    // Why it cannot be made yet, and what to do.
                    Err(e) => not_made(export, e.to_string()),
                }
            }
            ExportKind::PublicMinutes if private_meeting => {
                not_made(export, private("public minutes"))
            }
            ExportKind::PublicMinutes
            | ExportKind::FullMinutes
            | ExportKind::PublicActionLog
            | ExportKind::FullActionLog
            | ExportKind::Register => line(
                export,
                Conformance::PdfUa1,
                vec![],
                "Boardpack makes every page of it, tagged.".into(),
            ),
        });
    }
    AccessibilityReport { exports }
}

/// The line of a document made of Boardpack's own pages and `files` attached files, of
/// which `untagged` are not tagged PDFs.
fn of_files(export: ExportKind, files: usize, untagged: Vec<UntaggedFile>) -> ExportAccessibility {
    if untagged.is_empty() {
        let message = match files {
            0 => "Boardpack makes every page of it, tagged.".to_owned(),
            1 => "Boardpack's own pages are tagged, and so is the one file attached.".to_owned(),
            n => format!("Boardpack's own pages are tagged, and so are all {n} files attached."),
        };
        return line(export, Conformance::PdfUa1, untagged, message);
    }
    let names: Vec<&str> = untagged.iter().map(|u| u.name.as_str()).collect();
    let message = match names.split_last() {
        Some((last, init)) if !init.is_empty() => format!(
            "{} and {last} are not tagged PDFs ({} of the {files} files attached); everything else in it is tagged.",
            init.join(", "),
            names.len()
        ),
        _ => format!(
            "{} is not a tagged PDF; everything else in it is tagged.",
            names.join("")
        ),
    };
    line(export, Conformance::NotTagged, untagged, message)
}

fn line(
    export: ExportKind,
    conformance: Conformance,
    untagged: Vec<UntaggedFile>,
    message: String,
) -> ExportAccessibility {
    ExportAccessibility {
        export,
        label: export.label().to_owned(),
        conformance,
        conformance_label: conformance.label().to_owned(),
        untagged,
        message: capitalise(&message),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::{Lead, Purpose};
    use crate::ids::{AgendaItemId, CommitteeId, MeetingId, OrganisationId};
    use crate::meeting::MeetingStatus;
    use crate::paper::CoverSheet;
    use crate::{MinuteRefPattern, QuorumRule};
    use uuid::Uuid;

    struct World {
        organisation: Organisation,
        committee: Committee,
        meeting: Meeting,
        items: Vec<AgendaItem>,
        papers: Vec<Paper>,
        tagged: TaggedFiles,
    }

    impl World {
        fn report(&self) -> AccessibilityReport {
            report(&AccessibilityInput {
                organisation: &self.organisation,
                committee: &self.committee,
                meeting: &self.meeting,
                items: &self.items,
                papers: &self.papers,
                people: &[],
                members: &[],
                tagged: &self.tagged,
            })
        }

        /// An item with one paper, its document `sha` (tagged or not), for the bulletin or
        /// not, public or private.
        fn item(
            &mut self,
            n: u128,
            title: &str,
            session: Session,
            bulletin: bool,
            sha: char,
            tagged: bool,
        ) {
            let item_id = AgendaItemId(Uuid::from_u128(100 + n));
            self.items.push(AgendaItem {
                id: item_id,
                meeting_id: self.meeting.id,
                parent_id: None,
                position: n as u32,
                title: title.into(),
                purpose: Purpose::Noting,
                lead: Lead::None,
                duration_minutes: 5,
                session,
                private_reason: "Commercial interests".into(),
                confidential: false,
                for_bulletin: bulletin,
                paper_expected: true,
                standing: None,
            });
            let sha256 = sha.to_string().repeat(64);
            if tagged {
                self.tagged.insert(sha256.clone());
            }
            self.papers.push(Paper {
                id: PaperId(Uuid::from_u128(200 + n)),
                item_id,
                position: 0,
                letter_override: None,
                title: title.into(),
                authors: String::new(),
                sponsor: String::new(),
                document: Some(Attachment {
                    sha256,
                    file_name: "paper.pdf".into(),
                    title: String::new(),
                    pages: 3,
                    size: 1000,
                }),
                appendices: vec![],
                history: vec![],
                cover: CoverSheet::default(),
                received_on: None,
            });
        }
    }

    fn world() -> World {
        let organisation = Organisation {
            id: OrganisationId(Uuid::from_u128(1)),
            name: "Riverside University Hospitals NHS Trust".into(),
            short_name: "RUH".into(),
            bulletin_wording: String::new(),
            confidential_marking: String::new(),
            language: crate::model::DEFAULT_LANGUAGE.into(),
            holiday_region: Default::default(),
            logo: None,
        };
        let committee = Committee {
            id: CommitteeId(Uuid::from_u128(2)),
            organisation_id: organisation.id,
            name: "Trust Board".into(),
            code: "TB".into(),
            minute_ref_pattern: MinuteRefPattern::default_for("TB"),
            quorum: QuorumRule::default(),
            paper_deadline_days: 7,
            agenda_verbs: false,
            standing_items: vec![],
            pack_issue_days: 5,
            minutes_due_days: 10,
            numbering: vec![],
            retired_on: None,
        };
        let meeting = Meeting {
            id: MeetingId(Uuid::from_u128(3)),
            committee_id: committee.id,
            number: 142,
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("date"),
            start_time: None,
            end_time: None,
            venue: String::new(),
            chair_id: None,
            session: Session::Public,
            status: MeetingStatus::Planning,
        };
        World {
            organisation,
            committee,
            meeting,
            items: vec![],
            papers: vec![],
            tagged: TaggedFiles::new(),
        }
    }

    /// Each line as "label: conformance: message", as `boardpack check` shows them.
    fn lines(r: &AccessibilityReport) -> Vec<String> {
        r.exports
            .iter()
            .map(|e| format!("{}: {}: {}", e.label, e.conformance_label, e.message))
            .collect()
    }

    #[test]
    fn every_export_is_pdf_ua_when_every_paper_is_tagged() {
        let mut w = world();
        w.item(1, "Quality report", Session::Public, true, 'a', true);
        w.item(2, "Finance report", Session::Public, false, 'b', true);
        w.item(3, "Estates contract", Session::Private, false, 'c', true);
        assert_eq!(
            lines(&w.report()),
            [
                "Public pack: PDF/UA-1: Boardpack's own pages are tagged, and so are all 2 files attached.",
                "Full pack: PDF/UA-1: Boardpack's own pages are tagged, and so are all 3 files attached.",
                "Public bulletin: PDF/UA-1: Boardpack's own pages are tagged, and so is the one file attached.",
                "Public minutes: PDF/UA-1: Boardpack makes every page of it, tagged.",
                "Full minutes: PDF/UA-1: Boardpack makes every page of it, tagged.",
                "Public action log: PDF/UA-1: Boardpack makes every page of it, tagged.",
                "Full action log: PDF/UA-1: Boardpack makes every page of it, tagged.",
                "Register of interests: PDF/UA-1: Boardpack makes every page of it, tagged.",
            ]
        );
    }

    /// An untagged paper stops exactly the documents it goes in, and is named there.
    #[test]
    fn an_untagged_paper_stops_the_documents_it_is_in() {
        let mut w = world();
        w.item(1, "Quality report", Session::Public, true, 'a', true);
        w.item(2, "Finance report", Session::Public, false, 'b', false);
        w.item(3, "Estates contract", Session::Private, false, 'c', false);
        let r = w.report();
        let public = r.get(ExportKind::PublicPack).expect("public pack");
        assert_eq!(public.conformance, Conformance::NotTagged);
        assert_eq!(
            public.message,
            "Paper B (Finance report) is not a tagged PDF; everything else in it is tagged."
        );
        assert_eq!(public.untagged.len(), 1);
        assert_eq!(public.untagged[0].paper_id, w.papers[1].id);
        let full = r.get(ExportKind::FullPack).expect("full pack");
        assert_eq!(
            full.message,
            "Paper B (Finance report) and Paper C (Estates contract) are not tagged PDFs (2 of the 3 files attached); everything else in it is tagged."
        );
        // The bulletin holds only the quality report, which is tagged.
        assert_eq!(
            r.get(ExportKind::Bulletin).expect("bulletin").conformance,
            Conformance::PdfUa1
        );
        // Its appendices count too.
        w.papers[0].appendices.push(Attachment {
            sha256: "d".repeat(64),
            file_name: "dashboard.pdf".into(),
            title: "Appendix 1 – Quality dashboard".into(),
            pages: 1,
            size: 10,
        });
        let bulletin = w
            .report()
            .get(ExportKind::Bulletin)
            .cloned()
            .expect("bulletin");
        assert_eq!(bulletin.conformance, Conformance::NotTagged);
        assert_eq!(
            bulletin.message,
            "Paper A (Quality report), Appendix 1 – Quality dashboard is not a tagged PDF; everything else in it is tagged."
        );
    }

    /// What a meeting has no such document of is said, not judged.
    #[test]
    fn documents_a_meeting_does_not_have_are_not_made() {
        let mut w = world();
        w.item(1, "Quality report", Session::Public, false, 'a', false);
        let r = w.report();
        let bulletin = r.get(ExportKind::Bulletin).expect("bulletin");
        assert_eq!(bulletin.conformance, Conformance::NotMade);
        assert!(
            bulletin
                .message
                .starts_with("Nothing is marked for the bulletin"),
            "{}",
            bulletin.message
        );
        w.meeting.session = Session::Private;
        let r = w.report();
        let not_made: Vec<ExportKind> = r
            .exports
            .iter()
            .filter(|e| e.conformance == Conformance::NotMade)
            .map(|e| e.export)
            .collect();
        assert_eq!(
            not_made,
            [
                ExportKind::PublicPack,
                ExportKind::Bulletin,
                ExportKind::PublicMinutes
            ]
        );
        assert_eq!(
            r.get(ExportKind::PublicPack).expect("public pack").message,
            "The meeting is held in private, so it has no public pack: nothing of it is published."
        );
        assert_eq!(
            r.get(ExportKind::FullPack).expect("full pack").conformance,
            Conformance::NotTagged
        );
        assert_eq!(r.exports.len(), ExportKind::ALL.len());
    }
}
