//! The public bulletin: the short document a board circulates with its public papers to list
//! the reports it receives for noting without discussion, each with its lead contact point,
//! followed by the organisation's standard wording and the papers themselves. The shape is
//! that of a real trust bulletin ("Trust Board Bulletin – 3 August 2017": the reports, each
//! "Title (date) – Lead contact point Name, Role (telephone) – paper 1", then two paragraphs
//! of standard wording).
//!
//! What goes in is decided here, once, by [`eligible`]: an item marked for the bulletin that
//! the public pack would hold ([`crate::pack::included`]) and that is not confidential. A
//! private item never reaches a bulletin, whatever its tick says. The result is a
//! [`PackPlan`], so the pack's writer assembles it (papers, footers, bookmarks) and nothing
//! here writes PDF. Pure: no clock, no files.

use thiserror::Error;

use crate::agenda::{schedule, AgendaItem, Lead};
use crate::meeting::Meeting;
use crate::model::{Committee, Membership, Organisation, Person};
use crate::pack::{Pack, PackPlan, PageSource, PlannedBookmark, PlannedPaper, PlannedRun};
use crate::paper::{Attachment, Paper};
use crate::validate::{long_date, ValidationError};
use crate::PaperId;
use boardpack_pdf::layout::{layout, Block, Flow, List, ListStyle, Span};

/// The standard wording when an organisation has not set its own: the two paragraphs of a
/// real trust's bulletin, with the meeting put in by [`PLACEHOLDERS`].
pub const DEFAULT_WORDING: &str = "It is intended that these papers will not be discussed at the formal {committee} meeting on {date}, unless members wish to raise specific points on the reports.

Any queries should be directed to the specified lead contact point in the first instance. In the event of any further outstanding issues, these may be raised at the {committee} meeting with the prior agreement of the Chair.";

/// The placeholders the standard wording may use, and what each becomes.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("committee", "the committee's name: “Trust Board”"),
    ("date", "the meeting's date: “3 December 2026”"),
    ("number", "the meeting's number: “142”"),
    ("organisation", "the organisation's name"),
    ("short_name", "the organisation's short name: “RUH”"),
];

/// Everything a bulletin is made from; the application gathers it from the store.
#[derive(Debug, Clone, Copy)]
pub struct BulletinInput<'a> {
    pub organisation: &'a Organisation,
    pub committee: &'a Committee,
    pub meeting: &'a Meeting,
    pub items: &'a [AgendaItem],
    pub papers: &'a [Paper],
    pub people: &'a [Person],
    /// The committee's memberships (a lead's role is their role on the committee).
    pub members: &'a [Membership],
    /// The organisation's logo, for the heading.
    pub logo: Option<&'a std::sync::Arc<boardpack_pdf::Image>>,
}

/// One report for noting: a line of the bulletin's list and the paper attached behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulletinLine {
    /// 1, 2, … in agenda order: "paper 1".
    pub number: usize,
    pub paper_id: PaperId,
    pub title: String,
    /// The date of the paper's latest previous consideration (for a committee's minutes or
    /// its chair's report, that committee's meeting), when one is recorded.
    pub date: String,
    /// "John Adeyemi, Chief Executive" ([`Lead::describe`]); empty when the item has none.
    pub lead: String,
    /// The lead's telephone number; empty when not known (and for invitees).
    pub phone: String,
    pub document: Attachment,
    pub appendices: Vec<Attachment>,
}

impl BulletinLine {
    /// The title as the list prints it, in bold: "Audit Committee minutes (12 November 2026)".
    pub fn heading(&self) -> String {
        if self.date.is_empty() {
            self.title.clone()
        } else {
            format!("{} ({})", self.title, self.date)
        }
    }

    /// "Lead contact point John Adeyemi, Chief Executive (0161 555 0141)"; empty without a lead.
    pub fn contact(&self) -> String {
        match (self.lead.is_empty(), self.phone.is_empty()) {
            (true, _) => String::new(),
            (false, true) => format!("Lead contact point {}", self.lead),
            (false, false) => format!("Lead contact point {} ({})", self.lead, self.phone),
        }
    }

    /// The whole line as plain text, as the seed prints it:
    /// "Title (date) – Lead contact point Name, Role (phone) – paper 1".
    pub fn text(&self) -> String {
        let contact = self.contact();
        if contact.is_empty() {
            format!("{} – paper {}", self.heading(), self.number)
        } else {
            format!("{} – {contact} – paper {}", self.heading(), self.number)
        }
    }

    fn spans(&self) -> Vec<Span> {
        let contact = self.contact();
        let middle = if contact.is_empty() {
            " – ".to_owned()
        } else {
            format!(" – {contact} – ")
        };
        vec![
            Span::bold(self.heading()),
            Span::plain(middle),
            Span::bold(format!("paper {}", self.number)),
            Span::plain("."),
        ]
    }
}

/// Why a meeting has no bulletin yet; each message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BulletinError {
    #[error("Nothing is marked for the bulletin at {meeting}: tick “For the bulletin” on the public items to include.{}", private_note(*private_marked))]
    NothingMarked {
        /// "Trust Board – 3 December 2026".
        meeting: String,
        /// Items marked for the bulletin that are private or confidential (never included).
        private_marked: usize,
    },
    #[error("{item} is marked for the bulletin but has no paper: add its paper, or untick “For the bulletin”.")]
    NoPaper { item: String },
    #[error("Paper “{paper}” ({item}) has no document attached: attach it, or untick “For the bulletin” on the item.")]
    NoDocument { paper: String, item: String },
    /// A meeting held in private has no bulletin.
    #[error("{0}")]
    PrivateMeeting(#[from] crate::pack::PrivateMeeting),
}

fn private_note(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => " (One item taken in private is marked, but private items never go in the bulletin.)"
            .into(),
        n => format!(
            " ({n} items taken in private are marked, but private items never go in the bulletin.)"
        ),
    }
}

/// Whether an item's papers go in the public bulletin: it is marked for the bulletin, the
/// public pack would hold it (so never an item of a meeting held in private), and neither
/// it nor its parent is confidential. The one place that decides.
pub fn eligible(meeting: &Meeting, item: &AgendaItem, items: &[AgendaItem]) -> bool {
    let parent_confidential = item
        .parent_id
        .and_then(|p| items.iter().find(|i| i.id == p))
        .is_some_and(|p| p.confidential);
    item.for_bulletin
        && crate::pack::included(meeting, item, items, true)
        && !item.confidential
        && !parent_confidential
}

/// The reports for noting, in agenda order and numbered: the papers of the [`eligible`]
/// items. Refuses a meeting held in private, a marked item without a paper, a paper without
/// its document, and a meeting with nothing to list.
pub fn lines(input: &BulletinInput<'_>) -> Result<Vec<BulletinLine>, BulletinError> {
    crate::pack::check_public(input.committee, input.meeting, "public bulletin")?;
    let slots = schedule(input.items, input.meeting.start_time);
    let mut out: Vec<BulletinLine> = Vec::new();
    let mut private_marked = 0;
    for slot in &slots {
        let Some(item) = input.items.iter().find(|i| i.id == slot.item_id) else {
            continue;
        };
        if !eligible(input.meeting, item, input.items) {
            private_marked += usize::from(item.for_bulletin);
            continue;
        }
        let named = format!("Item {} ({})", slot.number, item.title);
        let mut papers: Vec<&Paper> = input
            .papers
            .iter()
            .filter(|p| p.item_id == item.id)
            .collect();
        papers.sort_by_key(|p| (p.position, p.id));
        if papers.is_empty() {
            return Err(BulletinError::NoPaper { item: named });
        }
        let lead = item.lead.describe(input.people, input.members);
        let phone = match &item.lead {
            Lead::Member { person_id } => input
                .people
                .iter()
                .find(|p| p.id == *person_id)
                .map(|p| p.phone.trim().to_owned())
                .unwrap_or_default(),
            Lead::None | Lead::Invitee { .. } => String::new(),
        };
        for paper in papers {
            let Some(document) = &paper.document else {
                return Err(BulletinError::NoDocument {
                    paper: paper.title.clone(),
                    item: format!("item {}", slot.number),
                });
            };
            let date = paper
                .cover
                .previous_consideration
                .last()
                .map(|p| crate::pack::written_date(&p.date))
                .unwrap_or_default();
            out.push(BulletinLine {
                number: out.len() + 1,
                paper_id: paper.id,
                title: paper.title.trim().to_owned(),
                date,
                lead: lead.clone(),
                phone: phone.clone(),
                document: document.clone(),
                appendices: paper.appendices.clone(),
            });
        }
    }
    if out.is_empty() {
        return Err(BulletinError::NothingMarked {
            meeting: input.meeting.title(input.committee),
            private_marked,
        });
    }
    Ok(out)
}

/// Checks wording an organisation sets: every `{name}` must be one of [`PLACEHOLDERS`].
/// Returns it trimmed; empty means the default wording.
pub fn check_wording(text: &str) -> Result<String, ValidationError> {
    let text = text.trim();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let token = &after[..close];
        if !PLACEHOLDERS.iter().any(|(name, _)| *name == token) {
            return Err(ValidationError::WordingPlaceholder {
                token: token.to_owned(),
                known: PLACEHOLDERS
                    .iter()
                    .map(|(name, _)| format!("{{{name}}}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        rest = &after[close + 1..];
    }
    Ok(text.to_owned())
}

/// The organisation's wording (or the default) for a meeting, placeholders filled in, one
/// paragraph per non-empty line.
pub fn wording(input: &BulletinInput<'_>) -> Vec<String> {
    let text = if input.organisation.bulletin_wording.trim().is_empty() {
        DEFAULT_WORDING
    } else {
        input.organisation.bulletin_wording.trim()
    };
    let values = [
        ("{committee}", input.committee.name.clone()),
        ("{date}", long_date(input.meeting.date)),
        ("{number}", input.meeting.number.to_string()),
        ("{organisation}", input.organisation.name.clone()),
        ("{short_name}", input.organisation.short_name.clone()),
    ];
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            values
                .iter()
                .fold(line.to_owned(), |acc, (key, value)| acc.replace(key, value))
        })
        .collect()
}

/// The bulletin's title: "Trust Board Bulletin – 3 December 2026".
pub fn title(committee: &Committee, meeting: &Meeting) -> String {
    format!("{} Bulletin – {}", committee.name, long_date(meeting.date))
}

/// The bulletin's own page(s): the organisation, the title and date, the reports for noting
/// and the standard wording.
pub fn blocks(input: &BulletinInput<'_>, lines: &[BulletinLine]) -> Vec<Block> {
    let committee = &input.committee.name;
    let mut b = crate::letterhead::letterhead(&input.organisation.name, input.logo);
    b.extend([
        Block::Rule,
        Block::Space(18.0),
        Block::heading(0, title(input.committee, input.meeting)),
        Block::Space(6.0),
        Block::para(format!(
            "The following reports are attached to this Bulletin as items for noting, and are circulated to {committee} members and recipients of public {committee} papers accordingly:"
        )),
        Block::List(List {
            style: ListStyle::Bullet,
            items: lines.iter().map(BulletinLine::spans).collect(),
            level: 0,
        }),
        Block::Space(6.0),
    ]);
    b.extend(wording(input).into_iter().map(Block::para));
    b
}

/// The file name a bulletin is offered under: "Trust Board 2026-12-03 bulletin.pdf".
pub fn file_name(committee_name: &str, date: chrono::NaiveDate) -> String {
    format!(
        "{} {} bulletin.pdf",
        crate::pack::file_stem(committee_name),
        date.format("%Y-%m-%d")
    )
}

/// A bulletin planned: its lines, and its pages in order as a [`PackPlan`] (the bulletin's
/// own pages, then each paper's document and appendices), so the pack's writer assembles it.
/// In `pages.papers`, `letter` holds the paper's number ("1", "2", …) and `cover_pages` is 0.
#[derive(Debug, Clone)]
pub struct BulletinPlan {
    pub lines: Vec<BulletinLine>,
    pub pages: PackPlan,
}

/// Plans the bulletin of a meeting.
pub fn plan(input: &BulletinInput<'_>) -> Result<BulletinPlan, BulletinError> {
    let lines = lines(input)?;
    let generated = layout(&Flow::new(blocks(input, &lines)));
    let base = format!(
        "{} · {}",
        input.committee.name,
        long_date(input.meeting.date)
    );
    let mut runs = vec![PlannedRun {
        source: PageSource::Generated {
            first: 0,
            count: generated.pages.len(),
        },
        footer: format!("{base} · Bulletin"),
        marking: None,
    }];
    let mut bookmarks = vec![PlannedBookmark {
        title: "Bulletin".into(),
        run: 0,
        adopt_outline: false,
        children: vec![],
    }];
    let mut papers = Vec::new();
    let mut next_page = generated.pages.len() + 1;
    for line in &lines {
        let footer = format!("{base} · Bulletin paper {}", line.number);
        let attachment_run = |a: &Attachment| PlannedRun {
            source: PageSource::Attachment {
                file: a.sha256.clone(),
                pages: a.pages as usize,
            },
            footer: footer.clone(),
            marking: None,
        };
        runs.push(attachment_run(&line.document));
        let document_run = runs.len() - 1;
        let title = format!("Paper {} – {}", line.number, line.title);
        let mut appendix_marks = Vec::new();
        for (k, a) in line.appendices.iter().enumerate() {
            runs.push(attachment_run(a));
            appendix_marks.push(PlannedBookmark {
                title: if a.title.is_empty() {
                    format!("Appendix {}", k + 1)
                } else {
                    a.title.clone()
                },
                run: runs.len() - 1,
                adopt_outline: true,
                children: vec![],
            });
        }
        // Without appendices the paper's own bookmarks nest under its entry; with them, the
        // document gets an entry of its own first, so its bookmarks stay before theirs.
        bookmarks.push(if appendix_marks.is_empty() {
            PlannedBookmark {
                title,
                run: document_run,
                adopt_outline: true,
                children: vec![],
            }
        } else {
            let mut children = vec![PlannedBookmark {
                title: line.title.clone(),
                run: document_run,
                adopt_outline: true,
                children: vec![],
            }];
            children.extend(appendix_marks);
            PlannedBookmark {
                title,
                run: document_run,
                adopt_outline: false,
                children,
            }
        });
        let document_pages = line.document.pages as usize;
        let appendix_pages: usize = line.appendices.iter().map(|a| a.pages as usize).sum();
        papers.push(PlannedPaper {
            paper_id: line.paper_id,
            letter: line.number.to_string(),
            first_page: next_page,
            cover_pages: 0,
            document_pages,
            appendix_pages,
        });
        next_page += document_pages + appendix_pages;
    }
    Ok(BulletinPlan {
        lines,
        pages: PackPlan {
            pack: Pack {
                generated,
                runs,
                bookmarks,
            },
            papers,
            total_pages: next_page - 1,
            title: title(input.committee, input.meeting),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::Purpose;
    use crate::ids::{
        AgendaItemId, CommitteeId, MeetingId, MembershipId, OrganisationId, PersonId,
    };
    use crate::meeting::{MeetingStatus, Session};
    use crate::model::MemberKind;
    use crate::paper::{CoverSheet, PreviousConsideration};
    use crate::{MinuteRefPattern, QuorumRule};
    use uuid::Uuid;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    struct World {
        organisation: Organisation,
        committee: Committee,
        meeting: Meeting,
        items: Vec<AgendaItem>,
        papers: Vec<Paper>,
        people: Vec<Person>,
        members: Vec<Membership>,
    }

    impl World {
        fn input(&self) -> BulletinInput<'_> {
            BulletinInput {
                organisation: &self.organisation,
                committee: &self.committee,
                meeting: &self.meeting,
                items: &self.items,
                papers: &self.papers,
                people: &self.people,
                members: &self.members,
                logo: None,
            }
        }

        /// An item at `position` (top level) and one paper on it with a document.
        fn item(&mut self, n: u128, position: u32, title: &str, lead: Lead) -> AgendaItemId {
            let item_id = AgendaItemId(id(100 + n));
            self.items.push(AgendaItem {
                id: item_id,
                meeting_id: self.meeting.id,
                parent_id: None,
                position,
                title: title.into(),
                purpose: Purpose::Noting,
                lead,
                duration_minutes: 5,
                session: Session::Public,
                private_reason: String::new(),
                confidential: false,
                for_bulletin: true,
                paper_expected: true,
                standing: None,
            });
            self.paper(n, item_id, &format!("{title} paper"));
            item_id
        }

        fn paper(&mut self, n: u128, item_id: AgendaItemId, title: &str) -> PaperId {
            let paper_id = PaperId(id(200 + n + 10 * self.papers.len() as u128));
            self.papers.push(Paper {
                id: paper_id,
                item_id,
                position: self.papers.iter().filter(|p| p.item_id == item_id).count() as u32,
                letter_override: None,
                title: title.into(),
                authors: String::new(),
                sponsor: String::new(),
                document: Some(Attachment {
                    sha256: format!("{:064x}", 200 + n + 10 * self.papers.len() as u128),
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
            paper_id
        }

        fn get(&mut self, item: AgendaItemId) -> &mut AgendaItem {
            self.items
                .iter_mut()
                .find(|i| i.id == item)
                .expect("the item")
        }
    }

    fn world() -> World {
        let organisation = Organisation {
            id: OrganisationId(id(1)),
            name: "Riverside University Hospitals NHS Trust".into(),
            short_name: "RUH".into(),
            bulletin_wording: String::new(),
            confidential_marking: String::new(),
            holiday_region: Default::default(),
            language: crate::model::DEFAULT_LANGUAGE.into(),
            logo: None,
        };
        let committee = Committee {
            id: CommitteeId(id(2)),
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
            id: MeetingId(id(3)),
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
        let people = vec![
            Person {
                id: PersonId(id(10)),
                name: "John Adeyemi".into(),
                initials: "JAd".into(),
                organisation: String::new(),
                phone: "0161 555 0141".into(),
                email: String::new(),
            },
            Person {
                id: PersonId(id(11)),
                name: "Tim O’Neill".into(),
                initials: "TO'N".into(),
                organisation: String::new(),
                phone: String::new(),
                email: String::new(),
            },
        ];
        let members = vec![
            Membership {
                id: MembershipId(id(20)),
                committee_id: committee.id,
                person_id: people[0].id,
                kind: MemberKind::ExecutiveDirector,
                role: "Chief Executive".into(),
                voting: true,
                position: 0,
                from: None,
                to: None,
            },
            Membership {
                id: MembershipId(id(21)),
                committee_id: committee.id,
                person_id: people[1].id,
                kind: MemberKind::NonExecutiveDirector,
                role: "Audit Committee Chair".into(),
                voting: true,
                position: 1,
                from: None,
                to: None,
            },
        ];
        World {
            organisation,
            committee,
            meeting,
            items: vec![],
            papers: vec![],
            people,
            members,
        }
    }

    fn ceo() -> Lead {
        Lead::Member {
            person_id: PersonId(id(10)),
        }
    }

    fn texts(w: &World) -> Vec<String> {
        lines(&w.input())
            .expect("lines")
            .iter()
            .map(BulletinLine::text)
            .collect()
    }

    #[test]
    fn lines_follow_the_agenda_and_are_numbered_like_the_seed() {
        let mut w = world();
        // Added out of order: the agenda's order decides.
        let later = w.item(1, 5, "System Leadership Team minutes", ceo());
        w.item(
            2,
            2,
            "Audit Committee minutes",
            Lead::Member {
                person_id: PersonId(id(11)),
            },
        );
        w.papers[0].cover.previous_consideration = vec![PreviousConsideration {
            meeting: "System Leadership Team".into(),
            date: "22 June 2017".into(),
            purpose: None,
            outcome: String::new(),
        }];
        w.paper(3, later, "System Leadership Team action notes");
        assert_eq!(
            texts(&w),
            [
                "Audit Committee minutes paper – Lead contact point Tim O’Neill, Audit Committee Chair – paper 1",
                "System Leadership Team minutes paper (22 June 2017) – Lead contact point John Adeyemi, Chief Executive (0161 555 0141) – paper 2",
                "System Leadership Team action notes – Lead contact point John Adeyemi, Chief Executive (0161 555 0141) – paper 3",
            ]
        );
    }

    #[test]
    fn invitees_and_items_without_a_lead_have_no_telephone() {
        let mut w = world();
        w.item(
            1,
            1,
            "Charity report",
            Lead::Invitee {
                name: "Ann Lee".into(),
                role: "Charity Director".into(),
            },
        );
        w.item(2, 2, "Register of seals", Lead::None);
        assert_eq!(
            texts(&w),
            [
                "Charity report paper – Lead contact point Ann Lee, Charity Director – paper 1",
                "Register of seals paper – paper 2",
            ]
        );
    }

    #[test]
    fn private_and_confidential_items_never_go_in_whatever_their_tick() {
        let mut w = world();
        w.item(1, 1, "Public report", ceo());
        let private = w.item(2, 2, "Estates contract award", ceo());
        w.get(private).session = Session::Private;
        w.get(private).private_reason = "Commercial in confidence".into();
        let confidential = w.item(3, 3, "Confidential public report", ceo());
        w.get(confidential).confidential = true;
        // A public sub-item of a private item is left out with its parent.
        let parent = w.item(4, 4, "Private parent", ceo());
        w.get(parent).session = Session::Private;
        let child = w.item(5, 0, "Public child", ceo());
        w.get(child).parent_id = Some(parent);
        let unmarked = w.item(6, 6, "Not marked", ceo());
        w.get(unmarked).for_bulletin = false;
        let plan = plan(&w.input()).expect("plan");
        assert_eq!(
            plan.lines
                .iter()
                .map(|l| l.title.as_str())
                .collect::<Vec<_>>(),
            ["Public report paper"]
        );
        let text: String = plan
            .pages
            .pack
            .generated
            .pages
            .iter()
            .map(|p| p.text())
            .collect();
        for needle in [
            "Estates",
            "Confidential",
            "Private parent",
            "Public child",
            "Not marked",
        ] {
            assert!(!text.contains(needle), "{needle}");
        }
        let allowed = &w.papers[0].document.as_ref().expect("doc").sha256;
        assert!(plan.pages.pack.runs.iter().all(|r| match &r.source {
            PageSource::Attachment { file, .. } => file == allowed,
            PageSource::Generated { .. } => true,
        }));
    }

    #[test]
    fn a_meeting_held_in_private_has_no_bulletin_whatever_its_items_say() {
        let mut w = world();
        let report = w.item(1, 1, "Public report", ceo());
        assert!(eligible(&w.meeting, &w.items[0], &w.items));
        w.meeting.session = Session::Private;
        assert!(!eligible(&w.meeting, &w.items[0], &w.items));
        assert_eq!(w.get(report).session, Session::Public);
        assert_eq!(
            plan(&w.input()).unwrap_err().to_string(),
            "Trust Board – 3 December 2026 is held in private, so it has no public bulletin: nothing of a private meeting is published. Export the private version instead, or make the meeting public if it was set to private by mistake."
        );
    }

    #[test]
    fn a_meeting_with_nothing_marked_says_what_to_do() {
        let mut w = world();
        let private = w.item(1, 1, "Estates contract award", ceo());
        w.get(private).session = Session::Private;
        assert_eq!(
            plan(&w.input()).unwrap_err().to_string(),
            "Nothing is marked for the bulletin at Trust Board – 3 December 2026: tick “For the bulletin” on the public items to include. (One item taken in private is marked, but private items never go in the bulletin.)"
        );
        w.get(private).for_bulletin = false;
        assert_eq!(
            plan(&w.input()).unwrap_err().to_string(),
            "Nothing is marked for the bulletin at Trust Board – 3 December 2026: tick “For the bulletin” on the public items to include."
        );
    }

    #[test]
    fn a_marked_item_needs_its_paper_and_document() {
        let mut w = world();
        w.item(1, 1, "Charity report", ceo());
        w.papers[0].document = None;
        assert_eq!(
            lines(&w.input()).unwrap_err().to_string(),
            "Paper “Charity report paper” (item 1) has no document attached: attach it, or untick “For the bulletin” on the item."
        );
        w.papers.clear();
        assert_eq!(
            lines(&w.input()).unwrap_err(),
            BulletinError::NoPaper {
                item: "Item 1 (Charity report)".into()
            }
        );
    }

    #[test]
    fn the_plan_puts_the_papers_after_the_bulletin_with_bookmarks_and_footers() {
        let mut w = world();
        w.item(1, 1, "Charity report", ceo());
        w.item(2, 2, "Audit Committee minutes", ceo());
        w.papers[1].appendices = vec![Attachment {
            sha256: "f".repeat(64),
            file_name: "a.pdf".into(),
            title: "Appendix A – Internal audit plan".into(),
            pages: 2,
            size: 10,
        }];
        let plan = plan(&w.input()).expect("plan");
        let pages = &plan.pages;
        assert_eq!(pages.pack.generated.pages.len(), 1);
        assert_eq!(pages.total_pages, 1 + 3 + 3 + 2);
        assert_eq!(pages.title, "Trust Board Bulletin – 3 December 2026");
        let firsts: Vec<(String, usize)> = pages
            .papers
            .iter()
            .map(|p| (p.letter.clone(), p.first_page))
            .collect();
        assert_eq!(firsts, [("1".into(), 2), ("2".into(), 5)]);
        let footers: Vec<&str> = pages.pack.runs.iter().map(|r| r.footer.as_str()).collect();
        assert_eq!(
            footers,
            [
                "Trust Board · 3 December 2026 · Bulletin",
                "Trust Board · 3 December 2026 · Bulletin paper 1",
                "Trust Board · 3 December 2026 · Bulletin paper 2",
                "Trust Board · 3 December 2026 · Bulletin paper 2",
            ]
        );
        let marks: Vec<(&str, usize, bool, Vec<&str>)> = pages
            .pack
            .bookmarks
            .iter()
            .map(|b| {
                (
                    b.title.as_str(),
                    b.run,
                    b.adopt_outline,
                    b.children.iter().map(|c| c.title.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            marks,
            [
                ("Bulletin", 0, false, vec![]),
                ("Paper 1 – Charity report paper", 1, true, vec![]),
                (
                    "Paper 2 – Audit Committee minutes paper",
                    2,
                    false,
                    vec![
                        "Audit Committee minutes paper",
                        "Appendix A – Internal audit plan"
                    ]
                ),
            ]
        );
        // Words as laid out, lines joined.
        let text = pages.pack.generated.pages[0]
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for needle in [
            "RIVERSIDE UNIVERSITY HOSPITALS NHS TRUST",
            "Trust Board Bulletin – 3 December 2026",
            "paper 1",
            "Lead contact point John Adeyemi, Chief Executive (0161",
            "It is intended that these papers will not be discussed at the formal Trust Board meeting on 3 December 2026",
        ] {
            assert!(text.contains(needle), "{needle:?} in {text}");
        }
    }

    #[test]
    fn the_wording_is_the_organisations_with_the_meeting_put_in() {
        let mut w = world();
        w.item(1, 1, "Charity report", ceo());
        assert_eq!(wording(&w.input()).len(), 2, "the default's two paragraphs");
        w.organisation.bulletin_wording = "Circulated for the {committee} meeting {number} on {date}.\n\n  \nQueries to the {short_name} board office ({organisation}).".into();
        assert_eq!(
            wording(&w.input()),
            [
                "Circulated for the Trust Board meeting 142 on 3 December 2026.",
                "Queries to the RUH board office (Riverside University Hospitals NHS Trust).",
            ]
        );
        assert_eq!(
            check_wording("  As agreed on {date}. {x "),
            Ok("As agreed on {date}. {x".into())
        );
        assert_eq!(
            check_wording("Meeting on {when}").unwrap_err().to_string(),
            "The bulletin wording uses “{when}”, which Boardpack does not know: use {committee}, {date}, {number}, {organisation}, {short_name}."
        );
        assert_eq!(
            check_wording(DEFAULT_WORDING).as_deref(),
            Ok(DEFAULT_WORDING)
        );
    }

    #[test]
    fn a_bulletin_is_offered_under_the_committee_and_date() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
        assert_eq!(
            file_name("Trust Board", date),
            "Trust Board 2026-12-03 bulletin.pdf"
        );
        assert_eq!(
            file_name("Audit: Risk", date),
            "Audit Risk 2026-12-03 bulletin.pdf"
        );
    }
}
