//! The minutes and the register of interests as documents: layout blocks in the
//! conventional shape of the seeds' minutes (the committee, where and when it met, held in
//! public or in private; Present, In attendance and Apologies in the committee's own order;
//! then each item by its minute reference, citing its papers, with its discussion,
//! declarations, RESOLVED blocks and each action with its lead beside it; the time the
//! meeting closed; the date of the next meeting; once approved, the approval and room for
//! the chair's signature) and of a publishable register; and the minutes' own readiness
//! list ([`minutes_check`]). Writing them is the PDF engine's job.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveTime};

use crate::agenda::{AgendaItem, Slot, StandingKind};
use crate::attendance::{Attendee, MemberAttendance, Presence, QuorumAt};
use crate::ids::AgendaItemId;
use crate::interests::{Declaration, Interest};
use crate::meeting::{Meeting, MeetingStatus, Session};
use crate::minutes::Minute;
use crate::model::{Committee, MemberKind, Membership, Organisation, Person};
use crate::readiness::{Problem, ProblemKind, Severity};
use crate::validate::long_date;
use boardpack_pdf::layout::{Block, Cell, Colour, Paragraph, Span, Table};

/// The marking at the head of every page of minutes that hold business taken in private.
pub const CONFIDENTIAL: &str = "CONFIDENTIAL";

/// How a meeting's minutes were approved: by which committee, when, at which minute and
/// with what amendments. Approved minutes print it at their head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesApproval {
    /// "Trust Board".
    pub committee: String,
    pub date: NaiveDate,
    /// The minute of the approving meeting: "TB 26/012" (empty when not known).
    pub reference: String,
    /// Empty when approved as they stood.
    pub amendments: String,
}

impl MinutesApproval {
    /// "Approved by the Trust Board on 3 December 2026, minute TB 26/012, with amendments:
    /// …".
    pub fn sentence(&self) -> String {
        let mut s = format!(
            "Approved by the {} on {}",
            self.committee,
            long_date(self.date)
        );
        if !self.reference.trim().is_empty() {
            s.push_str(&format!(", minute {}", self.reference.trim()));
        }
        let amendments = self.amendments.trim();
        if amendments.is_empty() {
            s.push('.');
        } else {
            s.push_str(&format!(", with amendments: {amendments}"));
            if !amendments.ends_with(['.', '!', '?']) {
                s.push('.');
            }
        }
        s
    }
}

/// Everything the minutes are made from.
#[derive(Debug, Clone, Copy)]
pub struct MinutesInput<'a> {
    pub organisation: &'a Organisation,
    pub committee: &'a Committee,
    pub meeting: &'a Meeting,
    pub chair: Option<&'a str>,
    pub people: &'a [Person],
    /// The committee's members on the day, in its own order (the one the secretary sets).
    pub members: &'a [Membership],
    pub attendance: &'a [MemberAttendance],
    pub attendees: &'a [Attendee],
    /// Items in agenda order with their minute references.
    pub items: &'a [(&'a Slot, &'a AgendaItem, String)],
    pub minutes: &'a [Minute],
    /// Every declaration made at the meeting (the public minutes say where those made on
    /// private items are recorded, without naming them).
    pub declarations: &'a [Declaration],
    pub quorum: &'a [QuorumAt],
    pub next_meeting: Option<&'a Meeting>,
    /// Public minutes leave private items out (the caller passes only public items) and
    /// say so.
    pub public: bool,
    /// The meeting's items taken in private (Part 2), as the packs decide it
    /// ([`crate::pack::included`]).
    pub private: &'a BTreeSet<AgendaItemId>,
    /// The letters of each item's papers, as the pack gives them ("C").
    pub letters: &'a BTreeMap<AgendaItemId, Vec<String>>,
    /// How the minutes were approved, once they are.
    pub approval: Option<&'a MinutesApproval>,
    /// When the meeting closed, as the minute-taker recorded it.
    pub closed_at: Option<NaiveTime>,
    /// The organisation's logo, for the heading.
    pub logo: Option<&'a std::sync::Arc<boardpack_pdf::Image>>,
}

impl MinutesInput<'_> {
    fn person(&self, id: crate::ids::PersonId) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// Whether attendance has been recorded at all: without it the minutes say nothing of
    /// who was there or of the quorum.
    pub fn attendance_recorded(&self) -> bool {
        !self.attendance.is_empty()
    }

    fn is_private(&self, item: &AgendaItem) -> bool {
        self.private.contains(&item.id)
    }

    /// Whether these minutes hold business taken in private, and so are confidential.
    pub fn confidential(&self) -> bool {
        !self.public
            && (self.meeting.session == Session::Private
                || self.items.iter().any(|(_, i, _)| self.is_private(i)))
    }
}

/// "Tim O’Neill (TO'N)"; the name alone when there are no initials.
fn named(name: &str, initials: &str) -> String {
    if initials.trim().is_empty() {
        name.to_owned()
    } else {
        format!("{name} ({})", initials.trim())
    }
}

fn paragraphs(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut bullets: Vec<String> = Vec::new();
    for para in text.split('\n') {
        let line = para.trim();
        if let Some(b) = line.strip_prefix("- ").or_else(|| line.strip_prefix("• ")) {
            bullets.push(b.to_owned());
            continue;
        }
        if !bullets.is_empty() {
            out.push(Block::bullets(&std::mem::take(&mut bullets)));
        }
        if !line.is_empty() {
            out.push(Block::para(line));
        }
    }
    if !bullets.is_empty() {
        out.push(Block::bullets(&bullets));
    }
    out
}

/// "held in public", "held in private", or both for full minutes of a meeting that went
/// into private session.
fn held(input: &MinutesInput<'_>) -> &'static str {
    if input.public {
        "held in public"
    } else if input.meeting.session == Session::Private {
        "held in private"
    } else if input.confidential() {
        "held in public and in private"
    } else {
        "held in public"
    }
}

/// The title of the minutes: "Minutes of the Trust Board meeting held in public".
pub fn minutes_title(input: &MinutesInput<'_>) -> String {
    format!(
        "Minutes of the {} meeting {}",
        input.committee.name,
        held(input)
    )
}

/// The marking every page carries, if any, when the minutes hold business taken in
/// private: the organisation's own confidentiality wording when it has set one (the words
/// its confidential papers carry), else [`CONFIDENTIAL`].
pub fn minutes_marking(input: &MinutesInput<'_>) -> Option<String> {
    input.confidential().then(|| {
        let own = input.organisation.confidential_marking.trim();
        if own.is_empty() { CONFIDENTIAL } else { own }.to_owned()
    })
}

/// What stands above the minutes' title: the organisation's logo and name.
pub fn minutes_head(input: &MinutesInput<'_>) -> Vec<Block> {
    crate::letterhead::letterhead(&input.organisation.name, input.logo)
}

/// "(Paper C)", "(Papers C and D)"; empty without papers.
fn citation(letters: &[String]) -> String {
    match letters {
        [] => String::new(),
        [one] => format!(" (Paper {one})"),
        [rest @ .., last] => format!(" (Papers {} and {last})", rest.join(", ")),
    }
}

/// "09:30 to 12:45": the start and the recorded close (else the planned end).
fn times(input: &MinutesInput<'_>) -> String {
    let m = input.meeting;
    let end = input.closed_at.or(m.end_time);
    match (m.start_time, end) {
        (Some(s), Some(e)) => format!("{} to {}", s.format("%H:%M"), e.format("%H:%M")),
        (Some(s), None) => format!("from {}", s.format("%H:%M")),
        (None, Some(e)) => format!("until {}", e.format("%H:%M")),
        (None, None) => String::new(),
    }
}

/// The next meeting as minutes give it.
fn next_meeting_text(input: &MinutesInput<'_>) -> String {
    match input.next_meeting {
        Some(n) => format!(
            "The next meeting will be held on {} {}{}{}.",
            n.date.format("%A"),
            long_date(n.date),
            n.start_time
                .map(|t| format!(" at {}", t.format("%H:%M")))
                .unwrap_or_default(),
            if n.venue.is_empty() {
                String::new()
            } else {
                format!(", {}", n.venue)
            }
        ),
        None => "The date of the next meeting is to be confirmed.".into(),
    }
}

/// "Martin Hughes (MH), Non-Executive Director" for each member who sent apologies, in
/// the committee's order.
fn apologies(input: &MinutesInput<'_>) -> Vec<String> {
    ordered_members(input)
        .into_iter()
        .filter_map(|m| {
            let a = input
                .attendance
                .iter()
                .find(|a| a.person_id == m.person_id)?;
            if a.presence != Presence::Apologies {
                return None;
            }
            let p = input.person(m.person_id)?;
            Some(if m.role.is_empty() {
                named(&p.name, &p.initials)
            } else {
                format!("{}, {}", named(&p.name, &p.initials), m.role)
            })
        })
        .collect()
}

/// The members in the committee's own order, with the meeting's chair first.
fn ordered_members<'a>(input: &MinutesInput<'a>) -> Vec<&'a Membership> {
    let mut members: Vec<&Membership> = input.members.iter().collect();
    let chair = input.meeting.chair_id;
    members.sort_by_key(|m| {
        let chairs = match chair {
            Some(c) => m.person_id == c,
            None => m.kind == MemberKind::Chair,
        };
        (!chairs, m.position)
    });
    members
}

/// The quorum at the start in a sentence.
fn quorum_sentence(q: &QuorumAt) -> String {
    if q.outcome.quorate {
        "The meeting was confirmed as quorate.".to_owned()
    } else {
        format!(
            "The meeting was not quorate at its start: {}",
            q.outcome.shortfalls.join(" ")
        )
    }
}

/// The minutes as blocks (the title is added by the writer).
pub fn minutes_blocks(input: &MinutesInput<'_>) -> Vec<Block> {
    let m = input.meeting;
    let recorded = input.attendance_recorded();
    let mut b = Vec::new();
    if let Some(approval) = input.approval {
        b.push(Block::spans(vec![Span::bold(approval.sentence())]));
    } else if m.status >= MeetingStatus::MinutesApproved {
        b.push(Block::spans(vec![Span::bold("Approved.")]));
    } else {
        b.push(Block::spans(vec![Span::bold(
            "DRAFT – subject to approval at the next meeting",
        )
        .colour(Colour::rgb(0xA0, 0x10, 0x10))]));
    }
    // When and where, as the seeds head their minutes.
    let mut heading = vec![Block::markup(&format!(
        "**Date:** {} {}",
        m.date.format("%A"),
        long_date(m.date)
    ))];
    let when = times(input);
    if !when.is_empty() {
        heading.push(Block::markup(&format!("**Time:** {when}")));
    }
    if !m.venue.trim().is_empty() {
        heading.push(Block::markup(&format!("**Venue:** {}", m.venue.trim())));
    }
    if let Some(chair) = input.chair {
        heading.push(Block::markup(&format!("**Chair:** {chair}")));
    }
    for block in &mut heading {
        if let Block::Paragraph(p) = block {
            p.space_after = Some(2.0);
        }
    }
    heading.push(Block::Space(6.0));
    b.extend(heading);

    // Present (voting members), in attendance (officers, the secretary, others), apologies.
    let mut present = Vec::new();
    let mut attending = Vec::new();
    for member in ordered_members(input) {
        let Some(p) = input.person(member.person_id) else {
            continue;
        };
        let a = input
            .attendance
            .iter()
            .find(|a| a.person_id == member.person_id);
        match a.map(|a| a.presence) {
            Some(Presence::Present) => {
                let mut notes = Vec::new();
                if Some(member.person_id) == m.chair_id && member.kind != MemberKind::Chair {
                    notes.push("In the chair".to_owned());
                }
                let note = a.map(|a| a.note.trim().to_owned()).unwrap_or_default();
                if !note.is_empty() {
                    notes.push(note);
                } else if member.kind == MemberKind::Secretary {
                    notes.push("Minutes".into());
                }
                if let Some(t) = a.and_then(|a| a.arrived) {
                    notes.push(format!("Arrived {}", t.format("%H:%M")));
                }
                if let Some(t) = a.and_then(|a| a.left) {
                    notes.push(format!("Left {}", t.format("%H:%M")));
                }
                let row = vec![
                    Cell::text(named(&p.name, &p.initials)),
                    Cell::text(member.role.clone()),
                    Cell::text(notes.join("; ")),
                ];
                if member.voting {
                    present.push(row);
                } else {
                    attending.push(row);
                }
            }
            Some(Presence::Deputy) => present.push(vec![
                Cell::text(a.map(|a| a.deputy.clone()).unwrap_or_default()),
                Cell::text(format!(
                    "Deputising for {}, {}",
                    named(&p.name, &p.initials),
                    member.role
                )),
                Cell::text(String::new()),
            ]),
            _ => {}
        }
    }
    attending.extend(input.attendees.iter().map(|a| {
        vec![
            Cell::text(named(&a.name, &a.initials)),
            Cell::text(a.role.clone()),
            Cell::text(if a.minute_taker && a.note.is_empty() {
                "Minutes".to_owned()
            } else {
                a.note.clone()
            }),
        ]
    }));
    let header = |cols: &[&str]| vec![cols.iter().map(|c| Cell::bold(*c)).collect::<Vec<_>>()];
    b.push(Block::heading(2, "Present"));
    if !recorded {
        b.push(Block::para("Attendance has not been recorded."));
    } else if present.is_empty() {
        b.push(Block::para("No voting member was present."));
    } else {
        b.push(Block::Table(Table::new(
            vec![0.33, 0.47, 0.2],
            header(&["Name", "Role", "Note"]),
            present,
        )));
    }
    if !attending.is_empty() {
        b.push(Block::heading(2, "In attendance"));
        b.push(Block::Table(Table::new(
            vec![0.33, 0.47, 0.2],
            header(&["Name", "Role", "Note"]),
            attending,
        )));
    }
    if recorded {
        let apologies = apologies(input);
        b.push(Block::heading(2, "Apologies"));
        if apologies.is_empty() {
            b.push(Block::para("None."));
        } else {
            b.push(Block::bullets(&apologies));
        }
        let quorum_item = input
            .items
            .iter()
            .any(|(_, i, _)| i.standing == Some(StandingKind::Quorum));
        if let (Some(start), false) = (input.quorum.first(), quorum_item) {
            b.push(Block::para(quorum_sentence(start)));
        }
    }

    // The items, in the seeds' table layout: Part 1, then Part 2 when the minutes hold
    // both.
    let parts = !input.public
        && input.meeting.session == Session::Public
        && input.items.iter().any(|(_, i, _)| input.is_private(i))
        && input.items.iter().any(|(_, i, _)| !input.is_private(i));
    let table = |rows: Vec<Vec<Cell>>| {
        Block::Table(
            Table::new(
                vec![0.14, 0.7, 0.16],
                header(&["Item", "Discussion", "Lead"]),
                rows,
            )
            .split_rows(),
        )
    };
    let next_item = input
        .items
        .iter()
        .any(|(_, i, _)| i.standing == Some(StandingKind::DateOfNextMeeting));
    // Part 1 holds the public items and Part 2 the private ones, each in agenda order.
    let mut order: Vec<&(&Slot, &AgendaItem, String)> = input.items.iter().collect();
    if parts {
        order.sort_by_key(|(_, i, _)| input.is_private(i));
        b.push(Block::heading(2, "Part 1: business held in public"));
    }
    let mut rows = Vec::new();
    let mut in_part_two = false;
    for (k, (slot, item, reference)) in order.iter().enumerate() {
        if parts && !in_part_two && input.is_private(item) {
            in_part_two = true;
            if !rows.is_empty() {
                b.push(table(std::mem::take(&mut rows)));
            }
            b.push(Block::heading(2, "Part 2: business taken in private"));
            b.push(Block::para(exclusion(input)));
        }
        let last = k + 1 == order.len();
        rows.extend(item_rows(input, slot, item, reference, last));
    }
    if !rows.is_empty() {
        b.push(table(rows));
    }
    if input.public && !input.private.is_empty() {
        b.push(Block::KeepTogether(vec![
            Block::Space(6.0),
            Block::para(exclusion(input)),
            Block::para("The remaining business was taken in private and is minuted separately."),
        ]));
    }
    if !next_item {
        b.push(Block::heading(2, "Date of next meeting"));
        b.push(Block::para(next_meeting_text(input)));
    }
    if input.approval.is_some() || m.status >= MeetingStatus::MinutesApproved {
        b.push(Block::KeepTogether(vec![
            Block::Space(14.0),
            Block::para("Signed as a correct record:"),
            Block::Space(26.0),
            Block::para("Signed: ……………………………………………………  Chair"),
            Block::Space(18.0),
            Block::para("Date: ……………………………………………………"),
        ]));
    }
    b
}

/// The resolution that takes a meeting into private session.
fn exclusion(input: &MinutesInput<'_>) -> String {
    format!(
        "The {} resolved that representatives of the press and other members of the public be excluded from the remainder of the meeting, having regard to the confidential nature of the business to be transacted, publicity on which would be prejudicial to the public interest (section 1(2), Public Bodies (Admission to Meetings) Act 1960).",
        input.committee.name
    )
}

/// "Bridget Okafor (BO) – non-executive director … – withdrew from the decision."
fn declaration_text(input: &MinutesInput<'_>, d: &Declaration, sep: &str) -> String {
    let who = input
        .person(d.person_id)
        .map(|p| named(&p.name, &p.initials))
        .unwrap_or_default();
    let what = if d.text.is_empty() {
        String::new()
    } else {
        format!("{sep}{}", d.text)
    };
    format!("{who}{what} – {}.", d.action.minute_text())
}

/// The standing "declarations of interest" item: every declaration on an item these
/// minutes hold; public minutes say where those on private items are, without naming them.
fn declarations_blocks(input: &MinutesInput<'_>) -> Vec<Block> {
    let mut listed = Vec::new();
    let mut elsewhere = false;
    for d in input.declarations {
        match input.items.iter().find(|(_, i, _)| i.id == d.item_id) {
            Some((_, it, r)) if !(input.public && input.is_private(it)) => listed.push(format!(
                "{r} – {}. {}",
                it.title,
                declaration_text(input, d, ", ")
            )),
            _ => elsewhere = true,
        }
    }
    let elsewhere = input.public && elsewhere;
    let mut out = Vec::new();
    if listed.is_empty() {
        out.push(Block::para(if elsewhere {
            "There were no declarations of interest on the items taken in public."
        } else {
            "There were no declarations of interest on the items of business."
        }));
    } else {
        out.push(Block::para(
            "The following declarations of interest were noted:",
        ));
        out.push(Block::bullets(&listed));
    }
    if elsewhere {
        out.push(Block::para(
            "Declarations made on items taken in private are recorded in the private minutes.",
        ));
    }
    out
}

/// What a standing item says of itself when nobody has typed its minute: the apologies,
/// the quorum, the declarations, the next meeting.
fn standing_blocks(input: &MinutesInput<'_>, kind: StandingKind, typed: bool) -> Vec<Block> {
    let recorded = input.attendance_recorded();
    match kind {
        StandingKind::WelcomeAndApologies if recorded && !typed => {
            vec![
                Block::para("The Chair welcomed members and those in attendance to the meeting."),
                Block::para(if apologies(input).is_empty() {
                    "No apologies were received."
                } else {
                    "Apologies were noted as recorded above."
                }),
            ]
        }
        StandingKind::Quorum if recorded => input
            .quorum
            .first()
            .map(|q| vec![Block::para(quorum_sentence(q))])
            .unwrap_or_default(),
        StandingKind::DeclarationsOfInterest => declarations_blocks(input),
        StandingKind::DateOfNextMeeting if !typed => {
            vec![Block::para(next_meeting_text(input))]
        }
        _ => Vec::new(),
    }
}

fn typed(minute: Option<&Minute>) -> bool {
    minute.is_some_and(|m| {
        !m.discussion.trim().is_empty()
            || m.outcome.is_some()
            || !m.resolutions.is_empty()
            || !m.actions.is_empty()
    })
}

/// An item's rows: the minute itself, then one row per action with its lead beside it.
/// The last item also records when the meeting closed, as the seeds do.
fn item_rows(
    input: &MinutesInput<'_>,
    slot: &Slot,
    item: &AgendaItem,
    reference: &str,
    last: bool,
) -> Vec<Vec<Cell>> {
    let _ = slot;
    let minute = input.minutes.iter().find(|x| x.item_id == item.id);
    let letters = input
        .letters
        .get(&item.id)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut cell = vec![
        Block::Bookmark {
            level: 2,
            title: format!("{reference} {}", item.title),
        },
        Block::Paragraph(Paragraph {
            keep_with_next: true,
            ..Paragraph::new(vec![
                Span::bold(item.title.clone()),
                Span::plain(citation(letters)),
            ])
        }),
    ];
    let decls: Vec<String> = input
        .declarations
        .iter()
        .filter(|d| d.item_id == item.id)
        .map(|d| declaration_text(input, d, " – "))
        .collect();
    if !decls.is_empty() {
        cell.push(Block::markup("*Declarations of interest:*"));
        cell.push(Block::bullets(&decls));
    }
    if input.attendance_recorded() {
        if let Some(q) = input.quorum.iter().find(|q| q.item_id == Some(item.id)) {
            if !q.outcome.quorate {
                cell.push(Block::markup(&format!(
                    "**The meeting was not quorate for this item.** {}",
                    q.outcome.shortfalls.join(" ")
                )));
            }
        }
    }
    if let Some(kind) = item.standing {
        cell.extend(standing_blocks(input, kind, typed(minute)));
    }
    let mut rows = Vec::new();
    let mut actions = Vec::new();
    if let Some(minute) = minute {
        cell.extend(paragraphs(&minute.discussion));
        if let Some(o) = minute.outcome {
            let amend = if minute.amendments.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", minute.amendments.trim())
            };
            cell.push(Block::markup(&format!("*Outcome:* {}{amend}", o.label())));
        }
        if !minute.resolutions.is_empty() {
            cell.push(Block::markup("It was **RESOLVED** to:"));
            cell.push(Block::bullets(&minute.resolutions));
        }
        for a in &minute.actions {
            let due = a
                .due
                .map(|d| format!(" (by {})", long_date(d)))
                .unwrap_or_default();
            actions.push((
                vec![Block::spans(vec![
                    Span::bold("ACTION: "),
                    Span::plain(format!("{}{due}", a.text)),
                ])],
                a.lead.clone(),
            ));
        }
    }
    // Public minutes of a meeting that went on in private end before it closed.
    let went_private = input.public && !input.private.is_empty();
    let closing = (last && !went_private && input.closed_at.is_some()).then(|| {
        Block::para(format!(
            "The meeting closed at {}.",
            input.closed_at.unwrap_or_default().format("%H:%M")
        ))
    });
    if actions.is_empty() {
        cell.extend(closing.clone());
    }
    rows.push(vec![
        Cell::text(reference.to_owned()),
        Cell::blocks(cell),
        Cell::text(""),
    ]);
    let n = actions.len();
    for (k, (mut blocks, lead)) in actions.into_iter().enumerate() {
        if k + 1 == n {
            blocks.extend(closing.clone());
        }
        rows.push(vec![Cell::text(""), Cell::blocks(blocks), Cell::text(lead)]);
    }
    rows
}

/// The minutes' own readiness list: what stands between the draft and minutes that can be
/// issued. Attendance not recorded and items with no minute block them; an action whose
/// lead is neither a member nor in attendance, and a close time not recorded, are warnings.
/// Give it the full minutes' input (every item).
pub fn minutes_check(input: &MinutesInput<'_>) -> Vec<Problem> {
    let mut out = Vec::new();
    if !input.attendance_recorded() {
        out.push(Problem {
            severity: Severity::Blocking,
            kind: ProblemKind::NoAttendance,
            item_id: None,
            paper_id: None,
            message: "No attendance has been recorded: record who was present, who sent apologies and who was absent, so the minutes can list them and judge the quorum.".into(),
        });
    }
    let known: BTreeSet<String> = input
        .members
        .iter()
        .filter_map(|m| input.person(m.person_id))
        .map(|p| p.initials.trim().to_lowercase())
        .chain(
            input
                .attendees
                .iter()
                .map(|a| a.initials.trim().to_lowercase()),
        )
        .filter(|i| !i.is_empty())
        .collect();
    for (slot, item, reference) in input.items {
        let named = format!("Item {} ({reference}, {})", slot.number, item.title);
        let minute = input.minutes.iter().find(|x| x.item_id == item.id);
        let has_children = input
            .items
            .iter()
            .any(|(_, i, _)| i.parent_id == Some(item.id));
        let speaks_for_itself = match item.standing {
            Some(StandingKind::WelcomeAndApologies | StandingKind::Quorum) => {
                input.attendance_recorded()
            }
            Some(StandingKind::DeclarationsOfInterest | StandingKind::DateOfNextMeeting) => true,
            _ => false,
        };
        if !typed(minute) && !has_children && !speaks_for_itself {
            out.push(Problem {
                severity: Severity::Blocking,
                kind: ProblemKind::EmptyMinute,
                item_id: Some(item.id),
                paper_id: None,
                message: format!("{named} has no minute: record what was discussed or decided."),
            });
        }
        for action in minute.map(|m| m.actions.as_slice()).unwrap_or_default() {
            let lead = action.lead.trim();
            let leads: Vec<&str> = lead
                .split(['/', ','])
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let unknown: Vec<&str> = leads
                .iter()
                .copied()
                .filter(|l| !known.contains(&l.to_lowercase()))
                .collect();
            let message = if leads.is_empty() {
                format!(
                    "{named}: the action “{}” has no lead: give the initials of who will carry it out.",
                    action.text
                )
            } else if !unknown.is_empty() {
                format!(
                    "{named}: the action “{}” is led by {}, who is neither a member nor in attendance: correct the initials, or record them in attendance with these initials.",
                    action.text,
                    unknown.join(", ")
                )
            } else {
                continue;
            };
            out.push(Problem {
                severity: Severity::Warning,
                kind: ProblemKind::ActionLead {
                    lead: lead.to_owned(),
                },
                item_id: Some(item.id),
                paper_id: None,
                message,
            });
        }
    }
    if input.closed_at.is_none() {
        out.push(Problem {
            severity: Severity::Warning,
            kind: ProblemKind::NoCloseTime,
            item_id: None,
            paper_id: None,
            message: "The time the meeting closed is not recorded: record it, so the minutes end with “The meeting closed at …”.".into(),
        });
    }
    out.sort_by_key(|p| p.severity);
    out
}

#[cfg(test)]
#[path = "minutes_doc_tests.rs"]
mod tests;

/// The register of interests of a committee's members, as published.
pub fn register_blocks(
    committee: &Committee,
    members: &[Membership],
    people: &[Person],
    interests: &[Interest],
    nil_returns: &[crate::interests::NilReturn],
    as_at: NaiveDate,
) -> crate::columns::Document {
    use crate::columns::{fit, Document, Fit};
    use crate::validate::short_date;
    let year = chrono::Datelike::year(&as_at);
    let mut b = vec![Block::para(format!(
        "Members of the {} as at {}, listed by surname, with the interests they have declared, the date each was declared and the action taken to manage it. A nil return means the member has declared that they have no interests for {year}.",
        committee.name,
        short_date(as_at)
    ))];
    // Everyone who sits with the committee except its secretary, by surname.
    let mut sitting: Vec<(&Person, &Membership)> = members
        .iter()
        .filter(|m| m.kind != crate::model::MemberKind::Secretary)
        .filter_map(|m| Some((people.iter().find(|p| p.id == m.person_id)?, m)))
        .collect();
    sitting.sort_by_cached_key(|(p, m)| (crate::interests::surname_key(&p.name), m.position));
    let dash = || Cell::text("–");
    let mut rows = Vec::new();
    for (p, m) in sitting {
        let mut mine: Vec<&Interest> = interests
            .iter()
            .filter(|i| {
                i.person_id == p.id
                    && i.current_on(as_at)
                    && i.declared_on.is_none_or(|d| d <= as_at)
            })
            .collect();
        mine.sort_by_key(|i| (i.category, i.declared_on, i.description.clone()));
        if mine.is_empty() {
            let nil = nil_returns
                .iter()
                .find(|n| n.person_id == p.id && n.year == year && n.declared_on <= as_at);
            rows.push(match nil {
                Some(n) => vec![
                    Cell::text(p.name.clone()),
                    Cell::text(m.role.clone()),
                    Cell::text("Nil return: no interests to declare"),
                    dash(),
                    Cell::text(short_date(n.declared_on)),
                    dash(),
                ],
                None => vec![
                    Cell::text(p.name.clone()),
                    Cell::text(m.role.clone()),
                    Cell::text(format!("No declaration received for {year}")),
                    dash(),
                    dash(),
                    dash(),
                ],
            });
        }
        for (k, i) in mine.iter().enumerate() {
            let held = match (i.from, i.to) {
                (Some(f), Some(t)) => format!("\n{} to {}", short_date(f), short_date(t)),
                (Some(f), None) => format!("\nSince {}", short_date(f)),
                (None, Some(t)) => format!("\nUntil {}", short_date(t)),
                (None, None) => String::new(),
            };
            let kind = i.category.label();
            rows.push(vec![
                Cell::text(if k == 0 {
                    p.name.clone()
                } else {
                    String::new()
                }),
                Cell::text(if k == 0 {
                    m.role.clone()
                } else {
                    String::new()
                }),
                Cell::text(format!(
                    "{}{}{held}",
                    i.description,
                    if i.organisation.is_empty() {
                        String::new()
                    } else {
                        format!("\n{}", i.organisation)
                    }
                )),
                Cell::text(kind.strip_suffix(" interest").unwrap_or(kind)),
                match i.declared_on {
                    Some(d) => Cell::text(short_date(d)),
                    None => Cell::text("Not recorded"),
                },
                if i.action.trim().is_empty() {
                    dash()
                } else {
                    Cell::text(i.action.trim())
                },
            ]);
        }
    }
    let header: Vec<Cell> = [
        "Name",
        "Role",
        "Interest",
        "Type",
        "Date declared",
        "Action taken or mitigation",
    ]
    .iter()
    .map(|h| Cell::bold(*h))
    .collect();
    let fits = [
        Fit::Content { max_mm: 60.0 },
        Fit::Share {
            min_mm: 38.0,
            weight: 1.3,
        },
        Fit::Share {
            min_mm: 50.0,
            weight: 1.5,
        },
        Fit::Share {
            min_mm: 28.0,
            weight: 0.5,
        },
        Fit::Content { max_mm: 30.0 },
        Fit::Share {
            min_mm: 50.0,
            weight: 1.5,
        },
    ];
    let style = boardpack_pdf::layout::Style::default();
    let (page, columns) = fit(&fits, &header, &rows, &style);
    b.push(Block::Table(Table::new(columns, vec![header], rows)));
    Document { page, blocks: b }
}
