//! The readiness check: everything that stands between a meeting's agenda and an issued
//! pack, as one list. Missing papers, unattached documents, empty cover-sheet fields,
//! private items without a reason and duplicate letters block the pack; page limits
//! exceeded, late papers, papers that are not tagged PDFs (screen readers cannot read them)
//! and an overrunning agenda are warnings, as are the timetable's deadlines (papers due, the
//! pack issued, draft minutes to the chair) as each comes within [`WARN_WITHIN`] working
//! days and once it is missed. Today's date is passed in.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accessibility::untagged_files;
use crate::agenda::{overrun_minutes, schedule, AgendaItem, Slot};
use crate::ids::{AgendaItemId, PaperId};
use crate::meeting::MeetingStatus;
use crate::meeting::{Meeting, Session};
use crate::paper::{assign_letters, CoverField, Objective, Paper};
use crate::timetable::{
    day_text, deadlines, DeadlineKind, DeadlineState, Progress, Timetable, TimetableError,
    WARN_WITHIN,
};

/// Whether a problem stops the pack being issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    Blocking,
    Warning,
}

/// What kind of problem it is, for the UI to link to the right screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ProblemKind {
    MissingPaper,
    MissingDocument,
    CoverField {
        field: CoverField,
    },
    PrivateWithoutReason,
    DuplicateLetter {
        letter: String,
    },
    PaperTooLong {
        pages: u32,
        limit: u32,
    },
    SummaryTooLong {
        pages: u32,
        limit: u32,
    },
    Late {
        #[ts(type = "string")]
        received: NaiveDate,
        #[ts(type = "string")]
        deadline: NaiveDate,
    },
    Overdue {
        #[ts(type = "string")]
        deadline: NaiveDate,
    },
    Overrun {
        minutes: u32,
    },
    /// The minutes: no attendance has been recorded for the meeting.
    NoAttendance,
    /// The minutes: an item has no minute.
    EmptyMinute,
    /// The minutes: an action has no lead, or one who is neither a member nor in
    /// attendance.
    ActionLead {
        lead: String,
    },
    /// The minutes: the time the meeting closed is not recorded.
    NoCloseTime,
    /// A paper's document or appendix is not a tagged PDF, so screen readers cannot read
    /// it and no document it goes in is PDF/UA-1.
    NotTagged {
        /// How the pack names the file: "Paper E (Estates update), Appendix 1".
        file: String,
    },
    /// The timetable: a deadline is near, today, or missed (`missed`).
    Timetable {
        deadline: DeadlineKind,
        #[ts(type = "string")]
        date: NaiveDate,
        missed: bool,
    },
    /// The timetable cannot be worked out: Boardpack holds no bank holidays for `year`.
    NoHolidays {
        year: i32,
    },
}

/// One thing to put right before the pack goes out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Problem {
    pub severity: Severity,
    pub kind: ProblemKind,
    pub item_id: Option<AgendaItemId>,
    pub paper_id: Option<PaperId>,
    /// A sentence naming the item or paper and what to do.
    pub message: String,
}

/// What the check looks at.
#[derive(Debug, Clone, Copy)]
pub struct ReadinessInput<'a> {
    pub meeting: &'a Meeting,
    pub items: &'a [AgendaItem],
    pub papers: &'a [Paper],
    pub objectives: &'a [Objective],
    /// The meeting's timetable (papers due, pack issue, draft minutes), or the year whose
    /// bank holidays are missing.
    pub timetable: &'a Result<Timetable, TimetableError>,
    /// Pages each paper's executive summary takes on its cover sheet (from the layout);
    /// papers not listed are taken to fit.
    pub summary_pages: &'a std::collections::BTreeMap<PaperId, u32>,
    /// The attached files that are tagged PDFs (by SHA-256); any other file attached to a
    /// paper of the meeting is warned about, whether or not the paper is published:
    /// members who use screen readers read the full pack too.
    pub tagged: &'a crate::accessibility::TaggedFiles,
    pub today: NaiveDate,
}

/// The readiness report, blocking problems first, then in agenda order.
pub fn check(input: &ReadinessInput<'_>) -> Vec<Problem> {
    let slots: Vec<Slot> = schedule(input.items, input.meeting.start_time);
    let letters = assign_letters(&slots, input.papers);
    let papers_due = input.timetable.as_ref().ok().map(|t| t.papers_due);
    let year = input.meeting.date.year();
    let mut out = Vec::new();
    for slot in &slots {
        let Some(item) = input.items.iter().find(|i| i.id == slot.item_id) else {
            continue;
        };
        let named = format!("Item {} ({})", slot.number, item.title);
        if item.session == Session::Private && item.private_reason.trim().is_empty() {
            out.push(Problem {
                severity: Severity::Blocking,
                kind: ProblemKind::PrivateWithoutReason,
                item_id: Some(item.id),
                paper_id: None,
                message: format!("{named} is taken in private but gives no reason: record why it is confidential."),
            });
        }
        let mut papers: Vec<&Paper> = input
            .papers
            .iter()
            .filter(|p| p.item_id == item.id)
            .collect();
        papers.sort_by_key(|p| (p.position, p.id));
        if item.paper_expected && papers.is_empty() {
            let (severity, kind, message) = match papers_due {
                Some(deadline) if input.today > deadline => (Severity::Blocking, ProblemKind::Overdue { deadline }, format!("{named} has no paper, which was due on {}: chase the author or mark the item as having no paper.", day_text(deadline, year))),
                Some(deadline) => (Severity::Blocking, ProblemKind::MissingPaper, format!("{named} has no paper yet (due {}): add it, or mark the item as having no paper.", day_text(deadline, year))),
                None => (Severity::Blocking, ProblemKind::MissingPaper, format!("{named} has no paper yet: add it, or mark the item as having no paper.")),
            };
            out.push(Problem {
                severity,
                kind,
                item_id: Some(item.id),
                paper_id: None,
                message,
            });
        }
        for paper in papers {
            let letter = letters.get(&paper.id).cloned().unwrap_or_default();
            let pname = format!("Paper {letter} ({})", paper.title);
            let mut push = |severity, kind, message: String| {
                out.push(Problem {
                    severity,
                    kind,
                    item_id: Some(item.id),
                    paper_id: Some(paper.id),
                    message,
                });
            };
            match &paper.document {
                None => push(Severity::Blocking, ProblemKind::MissingDocument, format!("{pname} has no document attached: attach the PDF.")),
                Some(doc) if doc.pages > paper.cover.paper_page_limit && paper.cover.paper_page_limit > 0 => push(
                    Severity::Warning,
                    ProblemKind::PaperTooLong { pages: doc.pages, limit: paper.cover.paper_page_limit },
                    format!("{pname} has {} pages; papers should not exceed {}: ask the author to shorten it or move detail to an appendix.", doc.pages, paper.cover.paper_page_limit),
                ),
                Some(_) => {}
            }
            let fields = paper.missing_fields(input.objectives);
            for field in fields {
                push(
                    Severity::Blocking,
                    ProblemKind::CoverField { field },
                    format!(
                        "{pname}: the cover sheet's {} is empty: fill it in.",
                        field.label()
                    ),
                );
            }
            let summary = input.summary_pages.get(&paper.id).copied().unwrap_or(0);
            if paper.cover.summary_page_limit > 0 && summary > paper.cover.summary_page_limit {
                push(
                    Severity::Warning,
                    ProblemKind::SummaryTooLong { pages: summary, limit: paper.cover.summary_page_limit },
                    format!("{pname}: the executive summary runs to {summary} pages; it should not exceed {}.", paper.cover.summary_page_limit),
                );
            }
            if let Some((received, deadline)) =
                paper.received_on.zip(papers_due).filter(|(r, d)| r > d)
            {
                push(
                    Severity::Warning,
                    ProblemKind::Late { received, deadline },
                    format!(
                        "{pname} arrived on {}, after the deadline of {}.",
                        day_text(received, year),
                        day_text(deadline, year)
                    ),
                );
            }
            for file in untagged_files(paper, &letter, input.tagged) {
                push(
                    Severity::Warning,
                    ProblemKind::NotTagged {
                        file: file.name.clone(),
                    },
                    file.warning(),
                );
            }
        }
    }
    let mut seen = std::collections::BTreeMap::new();
    for p in input.papers {
        if let Some(l) = &p.letter_override {
            if seen.insert(l.clone(), p.id).is_some() {
                out.push(Problem {
                    severity: Severity::Blocking,
                    kind: ProblemKind::DuplicateLetter { letter: l.clone() },
                    item_id: Some(p.item_id),
                    paper_id: Some(p.id),
                    message: format!("Two papers have the letter {l}: change one of them."),
                });
            }
        }
    }
    if let Some(minutes) = overrun_minutes(
        input.items,
        &slots,
        input.meeting.start_time,
        input.meeting.end_time,
    ) {
        out.push(Problem {
            severity: Severity::Warning,
            kind: ProblemKind::Overrun { minutes: minutes as u32 },
            item_id: None,
            paper_id: None,
            message: format!("The agenda runs {minutes} minutes past the meeting's end time: shorten items or move one to a later meeting."),
        });
    }
    timetable_warnings(input, &mut out);
    // Stable: blocking first, agenda order kept within each severity.
    out.sort_by_key(|p| p.severity);
    out
}

/// How far the meeting has got against its timetable: papers expected and not in (an item
/// expecting a paper has none, or a paper has no document), whether the pack is issued and
/// the minutes approved.
pub fn progress(meeting: &Meeting, items: &[AgendaItem], papers: &[Paper]) -> Progress {
    let no_paper = items
        .iter()
        .filter(|i| i.paper_expected && !papers.iter().any(|p| p.item_id == i.id))
        .count();
    let no_document = papers
        .iter()
        .filter(|p| p.document.is_none() && items.iter().any(|i| i.id == p.item_id))
        .count();
    Progress {
        papers_missing: no_paper + no_document,
        pack_issued: meeting.status >= MeetingStatus::PackIssued,
        minutes_approved: meeting.status >= MeetingStatus::MinutesApproved,
    }
}

/// The timetable's warnings: each deadline within [`WARN_WITHIN`] working days, today, or
/// missed; or why there is no timetable. Papers and the pack are warned of until the
/// meeting, draft minutes from the meeting on. Never blocking.
fn timetable_warnings(input: &ReadinessInput<'_>, out: &mut Vec<Problem>) {
    let meeting = input.meeting;
    let today = input.today;
    let tt = match input.timetable {
        Ok(tt) => tt,
        Err(e) => {
            out.push(Problem {
                severity: Severity::Warning,
                kind: ProblemKind::NoHolidays { year: e.year() },
                item_id: None,
                paper_id: None,
                message: e.to_string(),
            });
            return;
        }
    };
    let progress = progress(meeting, input.items, input.papers);
    let year = meeting.date.year();
    for line in deadlines(tt, today, progress) {
        let when = day_text(line.date, year);
        let rule = &line.rule;
        let soon = match line.state {
            DeadlineState::Coming {
                working_days: Some(n),
            } => (n <= WARN_WITHIN).then(|| {
                if n == 1 {
                    ", in 1 working day".to_owned()
                } else {
                    format!(", in {n} working days")
                }
            }),
            DeadlineState::Coming { working_days: None } => {
                let days = (line.date - today).num_days();
                (days <= 7).then(|| format!(", in {days} days"))
            }
            DeadlineState::Today => Some(", today".to_owned()),
            _ => None,
        };
        let missed = matches!(line.state, DeadlineState::Missed | DeadlineState::Passed);
        let message = match line.kind {
            DeadlineKind::PapersDue if today <= meeting.date => {
                let n = progress.papers_missing;
                let still = if n == 1 {
                    "1 paper is still missing".to_owned()
                } else {
                    format!("{n} papers are still missing")
                };
                if missed {
                    Some(format!("Papers were due on {when} ({rule}): {still}."))
                } else {
                    soon.map(|soon| format!("Papers are due on {when} ({rule}){soon}: {still}."))
                }
            }
            DeadlineKind::PackIssue if today <= meeting.date => {
                if missed {
                    Some(format!("The pack was due to be issued by {when} ({rule}) and has not been issued: issue it as soon as it is ready."))
                } else {
                    soon.map(|soon| {
                        format!("The pack is due to be issued by {when} ({rule}){soon}.")
                    })
                }
            }
            DeadlineKind::MinutesDue if today >= meeting.date => {
                if missed {
                    Some(format!("The draft minutes were due with the chair by {when} ({rule}): send them if they have not gone."))
                } else {
                    soon.map(|soon| {
                        format!(
                            "The draft minutes are due with the chair by {when} ({rule}){soon}."
                        )
                    })
                }
            }
            _ => None,
        };
        if let Some(message) = message {
            out.push(Problem {
                severity: Severity::Warning,
                kind: ProblemKind::Timetable {
                    deadline: line.kind,
                    date: line.date,
                    missed,
                },
                item_id: None,
                paper_id: None,
                message,
            });
        }
    }
}

/// Whether anything in the report blocks the pack.
pub fn blocks(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Blocking)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::{Lead, Purpose};
    use crate::ids::{CommitteeId, MeetingId, ObjectiveId, OrganisationId};
    use crate::meeting::MeetingStatus;
    use crate::paper::{Answer, Attachment, CoverSheet, NextPaper, RiskLinks};
    use chrono::NaiveTime;
    use std::collections::BTreeMap;
    use uuid::Uuid;

    fn meeting() -> Meeting {
        Meeting {
            id: MeetingId(Uuid::nil()),
            committee_id: CommitteeId(Uuid::nil()),
            number: 1,
            // A Thursday: papers due Thursday 3 December, the pack by Wednesday 9 December.
            date: NaiveDate::from_ymd_opt(2026, 12, 17).unwrap(),
            start_time: NaiveTime::from_hms_opt(9, 0, 0),
            end_time: NaiveTime::from_hms_opt(10, 0, 0),
            venue: String::new(),
            chair_id: None,
            session: Session::Public,
            status: MeetingStatus::Planning,
        }
    }

    fn item(n: u128, title: &str, minutes: u32) -> AgendaItem {
        AgendaItem {
            id: AgendaItemId(Uuid::from_u128(n)),
            meeting_id: MeetingId(Uuid::nil()),
            parent_id: None,
            position: n as u32,
            title: title.into(),
            purpose: Purpose::Assurance,
            lead: Lead::None,
            duration_minutes: minutes,
            session: Session::Public,
            private_reason: String::new(),
            confidential: false,
            for_bulletin: false,
            paper_expected: true,
            standing: None,
        }
    }

    fn objective() -> Objective {
        Objective {
            id: ObjectiveId(Uuid::from_u128(7)),
            organisation_id: OrganisationId(Uuid::nil()),
            position: 0,
            heading: String::new(),
            text: "Safe, high quality, patient centred healthcare".into(),
        }
    }

    fn complete_paper(item: u128, pages: u32) -> Paper {
        let mut cover = CoverSheet::default();
        cover.purposes.insert(Purpose::Assurance);
        cover.context = "The monthly report.".into();
        cover.questions = vec!["Any questions?".into()];
        cover.conclusion = "Comment.".into();
        cover.input_sought = "Views.".into();
        cover.objectives.insert(objective().id, Answer::Yes);
        cover.risk_register = RiskLinks {
            answer: Some(Answer::NotApplicable),
            ..Default::default()
        };
        cover.baf = RiskLinks {
            answer: Some(Answer::NotApplicable),
            ..Default::default()
        };
        cover.equality_impact = "N/A".into();
        cover.public_involvement = "N/A".into();
        cover.next_paper = NextPaper::Tbc;
        Paper {
            id: PaperId(Uuid::from_u128(100 + item)),
            item_id: AgendaItemId(Uuid::from_u128(item)),
            position: 0,
            letter_override: None,
            title: "Chief Executive's monthly update report".into(),
            authors: "John Adler".into(),
            sponsor: "John Adler".into(),
            document: Some(Attachment {
                sha256: "0".repeat(64),
                file_name: "ceo.pdf".into(),
                title: String::new(),
                pages,
                size: 1,
            }),
            appendices: vec![],
            history: vec![],
            cover,
            received_on: NaiveDate::from_ymd_opt(2026, 11, 20),
        }
    }

    /// The check with every attached file a tagged PDF.
    fn run(items: &[AgendaItem], papers: &[Paper], today: (i32, u32, u32)) -> Vec<Problem> {
        run_for(&meeting(), items, papers, today)
    }

    /// Every attached file of `papers`, as tagged.
    fn all_tagged(papers: &[Paper]) -> crate::accessibility::TaggedFiles {
        papers
            .iter()
            .flat_map(|p| p.document.iter().chain(&p.appendices))
            .map(|a| a.sha256.clone())
            .collect()
    }

    fn run_for(
        m: &Meeting,
        items: &[AgendaItem],
        papers: &[Paper],
        today: (i32, u32, u32),
    ) -> Vec<Problem> {
        run_with(m, items, papers, today, &all_tagged(papers))
    }

    fn run_tagged(
        items: &[AgendaItem],
        papers: &[Paper],
        today: (i32, u32, u32),
        tagged: &crate::accessibility::TaggedFiles,
    ) -> Vec<Problem> {
        run_with(&meeting(), items, papers, today, tagged)
    }

    fn run_with(
        m: &Meeting,
        items: &[AgendaItem],
        papers: &[Paper],
        today: (i32, u32, u32),
        tagged: &crate::accessibility::TaggedFiles,
    ) -> Vec<Problem> {
        let objectives = [objective()];
        let summary = BTreeMap::new();
        let timetable = Timetable::new(
            crate::timetable::HolidayRegion::EnglandWales,
            crate::timetable::TimetableRules::default(),
            m.date,
        );
        check(&ReadinessInput {
            meeting: m,
            items,
            papers,
            objectives: &objectives,
            timetable: &timetable,
            summary_pages: &summary,
            tagged,
            today: NaiveDate::from_ymd_opt(today.0, today.1, today.2).unwrap(),
        })
    }

    fn attachment(sha: char, title: &str) -> Attachment {
        Attachment {
            sha256: sha.to_string().repeat(64),
            file_name: "paper.pdf".into(),
            title: title.into(),
            pages: 2,
            size: 1,
        }
    }

    /// A paper attached as an untagged PDF is a warning naming it (and each untagged
    /// appendix), on private items too; tagged files and replaced ones are not.
    #[test]
    fn warns_of_each_untagged_file() {
        let mut private = item(2, "Estates update", 10);
        private.session = Session::Private;
        private.private_reason = "Commercial interests".into();
        let items = [item(1, "Chief Executive's report", 20), private];
        let mut ceo = complete_paper(1, 3);
        ceo.document = Some(attachment('a', ""));
        ceo.appendices = vec![
            attachment('b', "Appendix 1 – Quality dashboard"),
            attachment('c', ""),
        ];
        ceo.history = vec![attachment('d', "")];
        let mut estates = complete_paper(2, 3);
        estates.title = "Estates update".into();
        estates.document = Some(attachment('e', ""));
        let tagged = ["b", "c"].iter().map(|c| c.repeat(64)).collect();
        let problems = run_tagged(&items, &[ceo, estates.clone()], (2019, 6, 1), &tagged);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Paper A (Chief Executive's monthly update report) is not a tagged PDF, so screen readers cannot read it: ask the author to export it with document structure tags (Word: Save as PDF, Options, 'Document structure tags for accessibility').",
                "Paper B (Estates update) is not a tagged PDF, so screen readers cannot read it: ask the author to export it with document structure tags (Word: Save as PDF, Options, 'Document structure tags for accessibility').",
            ]
        );
        assert!(!blocks(&problems));
        assert_eq!(problems[1].paper_id, Some(estates.id));
        assert_eq!(
            problems[1].kind,
            ProblemKind::NotTagged {
                file: "Paper B (Estates update)".into()
            }
        );
        // Untagged appendices are named by their titles, or their place.
        let none = Default::default();
        let problems = run_tagged(&items[..1], &[complete_paper(1, 3)], (2019, 6, 1), &none);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        let mut ceo = complete_paper(1, 3);
        ceo.appendices = vec![
            attachment('b', "Appendix 1 – Quality dashboard"),
            attachment('c', " "),
        ];
        let only_document = ["0"].iter().map(|c| c.repeat(64)).collect();
        let messages: Vec<String> = run_tagged(&items[..1], &[ceo], (2019, 6, 1), &only_document)
            .into_iter()
            .map(|p| p.message)
            .collect();
        assert_eq!(
            messages,
            [
                "Paper A (Chief Executive's monthly update report), Appendix 1 – Quality dashboard is not a tagged PDF, so screen readers cannot read it: ask the author to export it with document structure tags (Word: Save as PDF, Options, 'Document structure tags for accessibility').",
                "Paper A (Chief Executive's monthly update report), Appendix 2 is not a tagged PDF, so screen readers cannot read it: ask the author to export it with document structure tags (Word: Save as PDF, Options, 'Document structure tags for accessibility').",
            ]
        );
    }

    fn messages(problems: &[Problem], kind: fn(&ProblemKind) -> bool) -> Vec<&str> {
        problems
            .iter()
            .filter(|p| kind(&p.kind))
            .map(|p| p.message.as_str())
            .collect()
    }

    fn timetable(k: &ProblemKind) -> bool {
        matches!(k, ProblemKind::Timetable { .. })
    }

    #[test]
    fn warns_as_each_deadline_nears_and_once_missed() {
        let items = [item(1, "Chief Executive's report", 30)];
        // Monday 30 November: papers due Thursday 3 December, in 3 working days.
        let problems = run(&items, &[], (2026, 11, 30));
        assert_eq!(
            messages(&problems, timetable),
            ["Papers are due on Thursday 3 December (10 working days before the meeting), in 3 working days: 1 paper is still missing."]
        );
        assert!(problems
            .iter()
            .filter(|p| timetable(&p.kind))
            .all(|p| p.severity == Severity::Warning));
        // Friday 4 December: the papers' date is missed, the pack's is 3 working days off.
        let problems = run(&items, &[], (2026, 12, 4));
        assert_eq!(
            messages(&problems, timetable),
            [
                "Papers were due on Thursday 3 December (10 working days before the meeting): 1 paper is still missing.",
                "The pack is due to be issued by Wednesday 9 December (5 clear days before the meeting), in 3 working days.",
            ]
        );
        // With every paper in, only the pack is warned of; on the day, it says today.
        let problems = run(&items, &[complete_paper(1, 7)], (2026, 12, 9));
        assert_eq!(
            messages(&problems, timetable),
            ["The pack is due to be issued by Wednesday 9 December (5 clear days before the meeting), today."]
        );
        let problems = run(&items, &[complete_paper(1, 7)], (2026, 12, 10));
        assert_eq!(
            messages(&problems, timetable),
            ["The pack was due to be issued by Wednesday 9 December (5 clear days before the meeting) and has not been issued: issue it as soon as it is ready."]
        );
        // Issued: nothing more until the meeting.
        let mut issued = meeting();
        issued.status = MeetingStatus::PackIssued;
        let problems = run_for(&issued, &items, &[complete_paper(1, 7)], (2026, 12, 10));
        assert!(messages(&problems, timetable).is_empty(), "{problems:#?}");
        // After the meeting, the draft minutes: due Tuesday 5 January 2027, across
        // Christmas, Boxing Day's substitute and New Year's Day.
        let mut held = meeting();
        held.status = MeetingStatus::Held;
        let problems = run_for(&held, &items, &[complete_paper(1, 7)], (2026, 12, 18));
        assert!(messages(&problems, timetable).is_empty(), "{problems:#?}");
        let problems = run_for(&held, &items, &[complete_paper(1, 7)], (2026, 12, 31));
        assert_eq!(
            messages(&problems, timetable),
            ["The draft minutes are due with the chair by Tuesday 5 January 2027 (10 working days after the meeting), in 2 working days."]
        );
        let problems = run_for(&held, &items, &[complete_paper(1, 7)], (2027, 1, 6));
        assert!(messages(&problems, timetable)[0].starts_with("The draft minutes were due"));
        let mut approved = held.clone();
        approved.status = MeetingStatus::MinutesApproved;
        let problems = run_for(&approved, &items, &[complete_paper(1, 7)], (2027, 1, 6));
        assert!(messages(&problems, timetable).is_empty(), "{problems:#?}");
    }

    #[test]
    fn a_year_without_bank_holidays_is_named_not_guessed() {
        let mut m = meeting();
        m.date = NaiveDate::from_ymd_opt(2029, 3, 1).unwrap();
        let items = [item(1, "Chief Executive's report", 30)];
        let problems = run_for(&m, &items, &[], (2029, 2, 20));
        assert!(problems
            .iter()
            .any(|p| p.kind == ProblemKind::NoHolidays { year: 2029 }
                && p.severity == Severity::Warning
                && p.message.contains("not for 2029")));
        // The missing paper is still reported, with no made-up date.
        assert!(problems.iter().any(|p| p.message
            == "Item 1 (Chief Executive's report) has no paper yet: add it, or mark the item as having no paper."));
    }

    #[test]
    fn a_complete_meeting_is_ready() {
        let items = [item(1, "Chief Executive's report", 30)];
        let problems = run(&items, &[complete_paper(1, 7)], (2026, 11, 1));
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn names_each_problem() {
        let mut private = item(2, "Estates contract award", 20);
        private.session = Session::Private;
        let items = [
            item(1, "Chief Executive's report", 30),
            private,
            item(3, "Quality report", 30),
        ];
        let mut long = complete_paper(1, 12);
        long.received_on = NaiveDate::from_ymd_opt(2026, 12, 7);
        long.cover.equality_impact.clear();
        let problems = run(&items, &[long], (2026, 11, 1));
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Paper A (Chief Executive's monthly update report): the cover sheet's Equality Impact Assessment is empty: fill it in.",
                // The private item is taken in Part 2, after the public items.
                "Item 2 (Quality report) has no paper yet (due Thursday 3 December): add it, or mark the item as having no paper.",
                "Item 3 (Estates contract award) is taken in private but gives no reason: record why it is confidential.",
                "Item 3 (Estates contract award) has no paper yet (due Thursday 3 December): add it, or mark the item as having no paper.",
                "Paper A (Chief Executive's monthly update report) has 12 pages; papers should not exceed 7: ask the author to shorten it or move detail to an appendix.",
                "Paper A (Chief Executive's monthly update report) arrived on Monday 7 December, after the deadline of Thursday 3 December.",
                "The agenda runs 20 minutes past the meeting's end time: shorten items or move one to a later meeting.",
            ]
        );
        assert!(blocks(&problems));
        let overdue = run(&items[2..], &[], (2026, 12, 5));
        assert!(
            matches!(overdue[0].kind, ProblemKind::Overdue { .. }),
            "{overdue:?}"
        );
    }

    #[test]
    fn warnings_alone_do_not_block() {
        let items = [item(1, "Chief Executive's report", 90)];
        let problems = run(&items, &[complete_paper(1, 9)], (2026, 11, 1));
        assert_eq!(problems.len(), 2);
        assert!(!blocks(&problems));
    }
}
