//! The board pack as a plan: which pages come in which order (front cover, agenda, then
//! for each paper its cover sheet, document and appendices), the page each paper starts
//! on, the bookmarks, and the generated pages themselves (laid out, not yet written).
//! Writing the plan to bytes is [`boardpack_pdf::write_pack`]'s job; choosing what goes in
//! (public or private) is decided here, once, so no private item can slip into a public
//! pack through another path.

use std::collections::BTreeMap;

use crate::agenda::{schedule, AgendaItem, Slot};
use crate::coversheet::{summary_blocks, summary_pages, CoverHeading};
use crate::ids::{AgendaItemId, PaperId};
use crate::meeting::{Meeting, MeetingStatus, Session};
use crate::model::{Committee, Organisation};
use crate::paper::{assign_letters, Answer, Objective, Paper, RiskLinks};
use crate::reissue::{IssueOptions, PackChangeKind};
use crate::risk::{Risk, RiskRegister};
use crate::validate::long_date;
use boardpack_pdf::layout::{
    layout, Align, Block, Cell, Colour, Flow, Laid, LinkTarget, Span, Table, TickMark,
};

/// Everything a pack is made from; the application gathers it from the store.
#[derive(Debug, Clone, Copy)]
pub struct PackInput<'a> {
    pub organisation: &'a Organisation,
    pub committee: &'a Committee,
    pub meeting: &'a Meeting,
    pub chair: Option<&'a str>,
    pub items: &'a [AgendaItem],
    pub papers: &'a [Paper],
    /// "John Adeyemi, Chief Executive" by item.
    pub leads: &'a BTreeMap<AgendaItemId, String>,
    pub objectives: &'a [Objective],
    pub risks: &'a [Risk],
    /// The public pack leaves out private items and their papers entirely.
    pub public: bool,
    /// The organisation's logo, for the front cover.
    pub logo: Option<&'a std::sync::Arc<boardpack_pdf::Image>>,
}

pub use boardpack_pdf::pack::{Pack, PageSource, PlannedBookmark, PlannedRun};

/// A paper's place in the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPaper {
    pub paper_id: PaperId,
    pub letter: String,
    /// 1-based pack page where its cover sheet starts.
    pub first_page: usize,
    pub cover_pages: usize,
    pub document_pages: usize,
    pub appendix_pages: usize,
}

/// The plan of a pack: the pages in order as the engine writes them (generated pages, runs,
/// bookmarks), where each paper starts, and the pack's title.
#[derive(Debug, Clone)]
pub struct PackPlan {
    pub pack: Pack,
    pub papers: Vec<PlannedPaper>,
    pub total_pages: usize,
    /// "Trust Board – 3 December 2026 – public pack".
    pub title: String,
}

/// The file name a pack is offered under: "Trust Board 2026-12-03 pack (public).pdf". The
/// committee's name is kept as written, except characters that no file system takes
/// (`/ \ : * ? " < > |` and control characters), which become spaces.
pub fn file_name(committee_name: &str, date: chrono::NaiveDate, public: bool) -> String {
    let kind = if public { "public" } else { "private" };
    format!(
        "{} {} pack ({kind}).pdf",
        file_stem(committee_name),
        date.format("%Y-%m-%d")
    )
}

/// A committee's name as the start of a file name: kept as written, except characters that
/// no file system takes, which become spaces; "Meeting" when nothing is left.
pub(crate) fn file_stem(committee_name: &str) -> String {
    let name: String = committee_name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        "Meeting".into()
    } else {
        name
    }
}

/// Whether an item is in the pack: everything in the private pack; in the public pack,
/// nothing of a meeting held in private, and of a public meeting the public items whose
/// parents are public too. The one place that decides what of a meeting is public: the
/// public pack, the bulletin ([`crate::bulletin::eligible`]), the public minutes and the
/// public action log all ask it. It fails closed: an item whose parent cannot be found, or
/// whose parents loop, is private.
pub fn included(meeting: &Meeting, item: &AgendaItem, items: &[AgendaItem], public: bool) -> bool {
    if !public {
        return true;
    }
    if meeting.session != Session::Public || item.meeting_id != meeting.id {
        return false;
    }
    let mut current = item;
    // A parent chain longer than the agenda loops.
    for _ in 0..=items.len() {
        if current.session != Session::Public {
            return false;
        }
        let Some(parent) = current.parent_id else {
            return true;
        };
        match items.iter().find(|i| i.id == parent) {
            Some(p) if p.id != current.id => current = p,
            _ => return false,
        }
    }
    false
}

/// A public document asked of a meeting held in private: everything about such a meeting
/// is confidential, so it has no public pack, bulletin or minutes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{meeting} is held in private, so it has no {document}: nothing of a private meeting is published. Export the private version instead, or make the meeting public if it was set to private by mistake.")]
pub struct PrivateMeeting {
    /// "Trust Board – 3 December 2026".
    pub meeting: String,
    /// "public pack", "public bulletin", "public minutes".
    pub document: &'static str,
}

/// Refuses a public document of a meeting held in private ([`PrivateMeeting`]).
pub fn check_public(
    committee: &Committee,
    meeting: &Meeting,
    document: &'static str,
) -> Result<(), PrivateMeeting> {
    if meeting.session == Session::Public {
        Ok(())
    } else {
        Err(PrivateMeeting {
            meeting: meeting.title(committee),
            document,
        })
    }
}

const GREY: Colour = Colour::GREY;

/// The marking every page of a Part 2 item's cover sheet and papers carries in the full
/// pack.
pub const PART_2_MARKING: &str = "CONFIDENTIAL – Part 2";

/// The marking of every cover sheet and paper of a meeting held in private (it has no
/// Part 1).
pub const PRIVATE_MEETING_MARKING: &str = "CONFIDENTIAL – meeting held in private";

/// The resolution a public meeting passes before its private business (Public Bodies
/// (Admission to Meetings) Act 1960, section 1(2)).
pub const RESOLUTION: &str = "The Board will resolve that representatives of the press and other members of the public be excluded from the remainder of the meeting, having regard to the confidential nature of the business to be transacted, publicity on which would be prejudicial to the public interest (Public Bodies (Admission to Meetings) Act 1960, section 1(2)).";

/// Whether an item is confidential business in this pack: in a full pack, a Part 2 item
/// of a public meeting, or any item of a meeting held in private. Such items' cover sheets
/// and papers carry [`marking`] on every page.
pub fn confidential(meeting: &Meeting, item: &AgendaItem, items: &[AgendaItem]) -> bool {
    meeting.session == Session::Private || crate::agenda::part(item, items) == Session::Private
}

/// The words marking a confidential item's pages: the organisation's own wording when it
/// has set one, else "CONFIDENTIAL – Part 2", or for a meeting held in private
/// "CONFIDENTIAL – meeting held in private".
pub fn marking(meeting: &Meeting, organisation: &Organisation) -> String {
    let own = organisation.confidential_marking.trim();
    if !own.is_empty() {
        own.to_owned()
    } else if meeting.session == Session::Private {
        PRIVATE_MEETING_MARKING.to_owned()
    } else {
        PART_2_MARKING.to_owned()
    }
}

/// What the front cover and the agenda call the pack: "Public pack", "Full pack – contains
/// confidential papers", or "Full pack" when the meeting has no confidential business.
fn pack_label(input: &PackInput<'_>) -> &'static str {
    if input.public {
        "Public pack"
    } else if input
        .items
        .iter()
        .any(|i| confidential(input.meeting, i, input.items))
    {
        "Full pack – contains confidential papers"
    } else {
        "Full pack"
    }
}

fn date_and_time(meeting: &Meeting) -> String {
    let day = meeting.date.format("%A").to_string();
    let span = meeting.time_span();
    if span.is_empty() {
        format!("{day} {}", long_date(meeting.date))
    } else {
        format!("{day} {}, {span}", long_date(meeting.date))
    }
}

fn cover_blocks(input: &PackInput<'_>) -> Vec<Block> {
    let m = input.meeting;
    let mut b = crate::letterhead::letterhead(&input.organisation.name, input.logo);
    b.extend([
        Block::Rule,
        // The title stays where it is with or without a logo above.
        Block::Space((150.0 - crate::letterhead::logo_height(input.logo)).max(24.0)),
        Block::heading(0, input.committee.name.clone()),
        Block::heading(1, format!("Meeting {} – papers", m.number)),
        Block::Space(12.0),
        Block::markup(&format!("**{}**", date_and_time(m))),
        Block::para(m.venue.clone()),
    ]);
    if let Some(chair) = input.chair {
        b.push(Block::para(format!("Chair: {chair}")));
    }
    b.push(Block::Space(24.0));
    let label = pack_label(input);
    b.push(Block::heading(1, label));
    let note = if input.public {
        "Papers for the business held in public (Part 1). The business taken in private is not included."
    } else if m.session == Session::Private {
        "The meeting is held in private: every paper in this pack is confidential and is marked so on every page. Not for publication."
    } else if label == "Full pack" {
        "Papers for the whole meeting. All its business is held in public."
    } else {
        &format!(
            "Papers for the whole meeting: the business held in public (Part 1), then the confidential business taken in private (Part 2), whose pages are marked “{}”. Not for publication.",
            marking(m, input.organisation)
        )
    };
    b.push(Block::spans(vec![Span::plain(note).colour(GREY)]));
    if m.status < MeetingStatus::PackIssued {
        b.push(Block::Space(36.0));
        b.push(Block::heading(0, "DRAFT"));
        b.push(Block::spans(vec![Span::plain(
            "This pack has not been issued yet.",
        )
        .colour(GREY)]));
    }
    b
}

/// The agenda's rows, in order, as the pack shows them.
struct AgendaLine<'a> {
    slot: &'a Slot,
    item: &'a AgendaItem,
    papers: Vec<(&'a Paper, String)>,
    /// Part 2 business of a public meeting.
    part_2: bool,
    /// The marking its cover sheets and papers carry on every page (full pack only).
    marking: Option<String>,
}

impl AgendaLine<'_> {
    /// The title the agenda prints: the paper's own when the item has one paper, so the
    /// agenda and the paper name it alike; the item's otherwise.
    fn title(&self) -> String {
        match self.papers.as_slice() {
            [(paper, _)] if !paper.title.trim().is_empty() => paper.title.trim().to_owned(),
            _ => self.item.title.clone(),
        }
    }
}

/// A row across the whole agenda table: a part's heading, or the resolution between them.
fn spanning_row(blocks: Vec<Block>, shaded: bool) -> Vec<Cell> {
    let cell = Cell::blocks(blocks).span(6);
    vec![if shaded {
        cell.fill(Colour::SHADE)
    } else {
        cell
    }]
}

fn agenda_blocks(
    input: &PackInput<'_>,
    lines: &[AgendaLine<'_>],
    first_page: &BTreeMap<PaperId, (usize, usize)>,
    left_out: usize,
) -> Vec<Block> {
    let m = input.meeting;
    let mut b = vec![
        Block::markup(&format!("**{}**", input.organisation.name.to_uppercase())),
        Block::heading(0, format!("{} – agenda", input.committee.name)),
        Block::markup(&format!("**Meeting {}** · {}", m.number, date_and_time(m))),
        Block::para(m.venue.clone()),
        Block::markup(&format!("**{}**", pack_label(input))),
        Block::Space(6.0),
    ];
    let header = vec![["Item", "Time", "Business", "Purpose", "Paper", "Page"]
        .iter()
        .enumerate()
        .map(|(k, h)| figure_heading(k, &[5], h))
        .collect::<Vec<_>>()];
    let has_part_2 = lines.iter().any(|l| l.part_2) || (input.public && left_out > 0);
    let part_heading = |text: &str| spanning_row(vec![Block::markup(&format!("**{text}**"))], true);
    let resolution = || {
        let mut blocks = vec![Block::markup(
            "**Resolution to exclude the press and public**",
        )];
        blocks.push(Block::para(RESOLUTION));
        if input.public {
            blocks.push(Block::markup(
                "**Further business will be taken in private.**",
            ));
        }
        spanning_row(blocks, false)
    };
    let mut rows = Vec::new();
    let mut keep = Vec::new();
    let mut in_part_2 = false;
    if has_part_2 {
        keep.push(rows.len());
        rows.push(part_heading("Part 1 – business to be held in public"));
    }
    for line in lines {
        if line.part_2 && !in_part_2 {
            in_part_2 = true;
            keep.push(rows.len());
            rows.push(resolution());
            keep.push(rows.len());
            rows.push(part_heading(
                "Part 2 – business to be taken in private (confidential)",
            ));
        }
        let item = line.item;
        let link = line
            .papers
            .first()
            .and_then(|(p, _)| first_page.get(&p.id))
            .map(|(_, gen_index)| LinkTarget::Page(*gen_index));
        let linked = |text: String, bold: bool| {
            let span = if bold {
                Span::bold(text)
            } else {
                Span::plain(text)
            };
            match &link {
                Some(t) => span.link(t.clone()),
                None => span,
            }
        };
        let mut business = vec![Block::spans(vec![linked(
            line.title(),
            line.slot.depth == 0,
        )])];
        let lead = input.leads.get(&item.id).cloned().unwrap_or_default();
        if !lead.is_empty() {
            business.push(Block::spans(vec![Span::plain(lead).colour(GREY)]));
        }
        let purpose = if input.committee.agenda_verbs {
            item.purpose.verb()
        } else {
            item.purpose.label()
        };
        let letters: Vec<String> = line.papers.iter().map(|(_, l)| l.clone()).collect();
        let pages: Vec<String> = line
            .papers
            .iter()
            .filter_map(|(p, _)| first_page.get(&p.id).map(|(page, _)| page.to_string()))
            .collect();
        rows.push(vec![
            Cell::spans(vec![linked(line.slot.number.clone(), false)]),
            Cell::text(
                line.slot
                    .start
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
            ),
            Cell::blocks(business),
            Cell::text(purpose),
            Cell::spans(vec![linked(letters.join(", "), false)]),
            Cell::spans(vec![linked(pages.join(", "), false)]).align(Align::Right),
        ]);
    }
    if input.public && left_out > 0 {
        rows.push(resolution());
    }
    let mut table = Table::new(vec![0.08, 0.09, 0.5, 0.15, 0.09, 0.09], header, rows);
    // Never 1–3 rows alone on the agenda's last page.
    table.widows = 4;
    table.keep_with_next = keep;
    b.push(Block::Table(table));
    b
}

/// The agenda laid out: in the usual type, or tighter when that saves a page (`tight`
/// forces the choice made for the provisional layout, so both agree).
fn agenda_layout(blocks: Vec<Block>, tight: Option<bool>) -> (Laid, bool) {
    let tight_flow = |blocks: Vec<Block>| {
        let mut flow = Flow::new(blocks);
        flow.style.table_size = 9.0;
        flow.style.cell_padding = 2.5;
        flow.style.paragraph_gap = 4.0;
        flow
    };
    match tight {
        Some(true) => (layout(&tight_flow(blocks)), true),
        Some(false) => (layout(&Flow::new(blocks)), false),
        None => {
            let usual = layout(&Flow::new(blocks.clone()));
            if usual.pages.len() > 1 {
                let tighter = layout(&tight_flow(blocks));
                if tighter.pages.len() < usual.pages.len() {
                    return (tighter, true);
                }
            }
            (usual, false)
        }
    }
}

fn tick(on: bool) -> TickMark {
    if on {
        TickMark::Cross
    } else {
        TickMark::Empty
    }
}

fn risk_rows(links: &RiskLinks, risks: &[Risk], register: RiskRegister) -> Vec<Vec<Cell>> {
    links
        .risks
        .iter()
        .filter_map(|id| risks.iter().find(|r| r.id == *id && r.register == register))
        .map(|r| {
            let mut row = vec![
                Cell::text(r.reference.clone()),
                Cell::text(r.title.clone()),
                Cell::text(r.current_rating.to_string()).align(Align::Right),
                Cell::text(r.target_rating.to_string()).align(Align::Right),
            ];
            if register == RiskRegister::Operational {
                row.push(Cell::text(r.owner.clone()));
            }
            row
        })
        .collect()
}

/// A table heading, right-aligned over a column of figures (`figures`: those columns).
fn figure_heading(k: usize, figures: &[usize], text: &str) -> Cell {
    let cell = Cell::bold(text);
    if figures.contains(&k) {
        cell.align(Align::Right)
    } else {
        cell
    }
}

/// The strategic objectives and the answer for each, one a row.
/// The objectives the cover sheet asks about, grouped under the headings the organisation
/// sets. One group (or none) is one table of objective and answer; groups are set two
/// side by side ("Our patients" beside "Our enablers"), each pair under a row of their
/// headings, so grouping costs no more height than the list it groups. Objectives not
/// grouped are a group headed "Strategic objective".
fn objectives_tables(objectives: &[Objective], c: &crate::paper::CoverSheet) -> Vec<Block> {
    let groups: Vec<(&str, Vec<&Objective>)> = crate::paper::objective_groups(objectives)
        .into_iter()
        .map(|(heading, list)| {
            let heading = if heading.is_empty() {
                "Strategic objective"
            } else {
                heading
            };
            (heading, list)
        })
        .collect();
    let answer = |o: &Objective| Cell::text(answer_text(c.objectives.get(&o.id).copied()));
    if groups.len() < 2 {
        let (heading, list) = groups
            .into_iter()
            .next()
            .unwrap_or(("Strategic objective", Vec::new()));
        return vec![Block::Table(Table::new(
            vec![0.8, 0.2],
            vec![vec![Cell::bold(heading), Cell::bold("Considered")]],
            list.into_iter()
                .map(|o| vec![Cell::text(o.text.clone()), answer(o)])
                .collect(),
        ))];
    }
    let heads = |pair: &[(&str, Vec<&Objective>)]| -> Vec<Cell> {
        pair.iter()
            .flat_map(|(h, _)| [Cell::bold(*h), Cell::bold("Considered")])
            .chain(if pair.len() == 1 {
                vec![Cell::text(""), Cell::text("")]
            } else {
                Vec::new()
            })
            .collect()
    };
    let mut pairs = groups.chunks(2);
    let first = pairs.next().unwrap_or(&[]);
    let mut rows = Vec::new();
    let mut keep = Vec::new();
    for (k, pair) in std::iter::once(first).chain(pairs).enumerate() {
        if k > 0 {
            // A later pair's headings head its rows, shaded like the table's heading row.
            keep.push(rows.len());
            rows.push(
                heads(pair)
                    .into_iter()
                    .map(|cell| cell.fill(Colour::SHADE))
                    .collect(),
            );
        }
        let depth = pair.iter().map(|(_, l)| l.len()).max().unwrap_or(0);
        for r in 0..depth {
            let mut row = Vec::new();
            for side in 0..2 {
                match pair.get(side).and_then(|(_, l)| l.get(r)) {
                    Some(o) => row.extend([Cell::text(o.text.clone()), answer(o)]),
                    None => row.extend([Cell::text(""), Cell::text("")]),
                }
            }
            rows.push(row);
        }
    }
    let mut table = Table::new(vec![0.37, 0.13, 0.37, 0.13], vec![heads(first)], rows);
    table.keep_with_next = keep;
    vec![Block::Table(table)]
}

fn answer_text(a: Option<Answer>) -> &'static str {
    a.map_or("[Not answered]", |a| match a {
        Answer::Yes => "[Yes]",
        Answer::No => "[No]",
        Answer::NotApplicable => "[Not applicable]",
    })
}

/// A date someone typed, as the rest of the document writes dates ("19 November 2026"): a
/// date in a form Boardpack reads (2026-11-19, 19/11/2026, 19th November 2026, 19 Nov 2026)
/// is written out in full; anything else ("ESB November") is kept as typed.
pub fn written_date(text: &str) -> String {
    let t = text.trim();
    if let Ok(d) = crate::validate::sheet_date(t) {
        return long_date(d);
    }
    // "19th November 2026", "1st Dec 2026": the ordinal's letters go.
    let words: Vec<String> = t
        .split_whitespace()
        .enumerate()
        .map(|(k, w)| {
            let w = w.trim_end_matches(',');
            if k == 0 {
                let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
                let suffix = &w[digits.len()..];
                if !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && ["st", "nd", "rd", "th", ""].contains(&suffix.to_ascii_lowercase().as_str())
                {
                    return digits.to_owned();
                }
            }
            w.to_owned()
        })
        .collect();
    let plain = words.join(" ");
    for format in ["%d %B %Y", "%d %b %Y"] {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(&plain, format) {
            return long_date(d);
        }
    }
    t.to_owned()
}

/// A cover sheet's answer in brackets, as the seeds print them: "[Not applicable]", with
/// no full stop inside the brackets.
fn bracket(text: &str) -> String {
    let text = text.trim();
    let text = match text.strip_suffix('.') {
        Some(rest) if !rest.ends_with('.') => rest.trim_end(),
        _ => text,
    };
    if text.is_empty() {
        "[Not completed]".into()
    } else {
        format!("[{text}]")
    }
}

/// A confidential paper's notice on its cover sheet: the marking, and why the item is
/// taken in private (as recorded on the item).
#[derive(Debug, Clone, Copy)]
pub struct Confidential<'a> {
    /// "CONFIDENTIAL – Part 2".
    pub marking: &'a str,
    /// "Commercial in confidence: contract negotiations are not concluded (Freedom of
    /// Information Act 2000, section 43)."; empty when none is recorded.
    pub reason: &'a str,
}

fn confidential_notice(c: &Confidential<'_>) -> Block {
    let mut spans = vec![Span::bold(format!("{}.", c.marking.trim_end_matches('.')))];
    let reason = c.reason.trim();
    spans.push(Span::plain(" Taken in private. "));
    if reason.is_empty() {
        spans.push(Span::plain("No reason is recorded."));
    } else {
        spans.push(Span::bold("Reason: "));
        spans.push(Span::plain(reason.to_owned()));
    }
    let mut table = Table::new(
        vec![1.0],
        vec![],
        vec![vec![Cell::spans(spans).fill(Colour::SHADE)]],
    );
    table.header_fill = None;
    Block::Table(table)
}

/// The whole cover sheet of a paper, laid out like the seeds' cover sheets; a confidential
/// paper's sheet opens with its notice (the marking and the reason it is taken in private).
pub fn cover_sheet_blocks(
    input: &PackInput<'_>,
    paper: &Paper,
    letter: &str,
    agenda_page: usize,
    confidential: Option<Confidential<'_>>,
) -> Vec<Block> {
    sheet_blocks(input, paper, letter, Some(agenda_page), confidential)
}

/// [`cover_sheet_blocks`], without the link back to the agenda when there is none (in a
/// supplement).
fn sheet_blocks(
    input: &PackInput<'_>,
    paper: &Paper,
    letter: &str,
    agenda_page: Option<usize>,
    confidential: Option<Confidential<'_>>,
) -> Vec<Block> {
    let date = long_date(input.meeting.date);
    let heading = CoverHeading {
        committee: &input.committee.name,
        letter,
        date: &date,
        agenda_page,
    };
    let c = &paper.cover;
    let mut b: Vec<Block> = confidential
        .iter()
        .flat_map(|c| [confidential_notice(c), Block::Space(4.0)])
        .collect();
    b.extend(summary_blocks(paper, &heading));
    b.push(Block::heading(1, "Purpose of the report"));
    b.push(Block::Choices(
        crate::agenda::Purpose::ALL
            .iter()
            .map(|p| (p.label().to_string(), tick(c.purposes.contains(p))))
            .collect(),
    ));
    b.push(Block::heading(2, "Previous consideration"));
    if c.previous_consideration.is_empty() {
        b.push(Block::para("This paper has not been considered elsewhere."));
    } else {
        b.push(Block::Table(Table::new(
            vec![0.45, 0.2, 0.35],
            vec![["Meeting", "Date", "Purpose or outcome"]
                .iter()
                .map(|h| Cell::bold(*h))
                .collect()],
            c.previous_consideration
                .iter()
                .map(|p| {
                    vec![
                        Cell::text(p.meeting.clone()),
                        Cell::text(written_date(&p.date)),
                        Cell::text(p.outcome_text()),
                    ]
                })
                .collect(),
        )));
    }
    b.push(Block::heading(1, "For Reference"));
    let reference = b.len();
    b.push(Block::markup(
        "1. The following **objectives** were considered when preparing this report:",
    ));
    b.extend(objectives_tables(input.objectives, c));
    b.push(Block::markup(
        "2. This matter relates to the following **governance** initiatives:",
    ));
    b.push(Block::markup(&format!(
        "a. Organisational Risk Register {}",
        answer_text(c.risk_register.answer)
    )));
    let reg = risk_rows(&c.risk_register, input.risks, RiskRegister::Operational);
    if !reg.is_empty() {
        b.push(Block::Table(Table::new(
            vec![0.14, 0.41, 0.15, 0.15, 0.15],
            vec![[
                "Datix Risk ID",
                "Operational Risk Title",
                "Current Rating",
                "Target Rating",
                "CMG",
            ]
            .iter()
            .enumerate()
            .map(|(k, h)| figure_heading(k, &[2, 3], h))
            .collect()],
            reg,
        )));
    }
    if c.risk_register.answer == Some(Answer::No) {
        b.push(Block::para(format!("Why not: {}", c.risk_register.reason)));
    }
    b.push(Block::markup(&format!(
        "b. Board Assurance Framework {}",
        answer_text(c.baf.answer)
    )));
    let baf = risk_rows(&c.baf, input.risks, RiskRegister::Baf);
    if !baf.is_empty() {
        b.push(Block::Table(Table::new(
            vec![0.19, 0.51, 0.15, 0.15],
            vec![[
                "Principal Risk No.",
                "Principal Risk Title",
                "Current Rating",
                "Target Rating",
            ]
            .iter()
            .enumerate()
            .map(|(k, h)| figure_heading(k, &[2, 3], h))
            .collect()],
            baf,
        )));
    }
    if c.baf.answer == Some(Answer::No) {
        b.push(Block::para(format!("Why not: {}", c.baf.reason)));
    }
    if !c.new_risk.trim().is_empty() {
        b.push(Block::markup(&format!(
            "c. **New risk** identified in this paper: {}",
            c.new_risk.trim()
        )));
    }
    b.push(Block::markup(&format!(
        "3. Related **Patient and Public Involvement** actions taken, or to be taken: {}",
        bracket(&c.public_involvement)
    )));
    b.push(Block::markup(&format!(
        "4. Results of any **Equality Impact Assessment**, relating to this matter: {}",
        bracket(&c.equality_impact)
    )));
    b.push(Block::markup(&format!(
        "5. Scheduled date for the **next paper** on this topic: {}",
        bracket(&c.next_paper.text())
    )));
    let summary = summary_pages(paper);
    let complies = |ok: bool| {
        if ok {
            "[My paper does comply]"
        } else {
            "[My paper does not comply]"
        }
    };
    // The page limits, when set (0: no limit, and nothing to say).
    let mut point = 6;
    if c.summary_page_limit > 0 {
        b.push(Block::markup(&format!(
            "{point}. Executive Summaries should not exceed **{} page{}**. {}",
            c.summary_page_limit,
            if c.summary_page_limit == 1 { "" } else { "s" },
            complies(summary <= c.summary_page_limit)
        )));
        point += 1;
    }
    if c.paper_page_limit > 0 {
        b.push(Block::markup(&format!(
            "{point}. Papers should not exceed **{} page{}.** {}",
            c.paper_page_limit,
            if c.paper_page_limit == 1 { "" } else { "s" },
            complies(paper.pages() <= c.paper_page_limit)
        )));
    }
    // The numbered points of "For Reference" close up, and its tables take no more room
    // than their text, as on the seeds' sheets.
    for block in &mut b[reference..] {
        match block {
            Block::Paragraph(p) => {
                p.space_after.get_or_insert(2.5);
            }
            Block::Table(t) => {
                t.size.get_or_insert(8.5);
                t.padding.get_or_insert(1.5);
            }
            _ => {}
        }
    }
    b
}

/// Builds the plan of a pack. `attachment_pages` is not needed: page counts come from the
/// papers' attachments, which were counted when they were attached. A public pack of a
/// meeting held in private is refused.
pub fn plan(input: &PackInput<'_>) -> Result<PackPlan, PrivateMeeting> {
    plan_issue(input, &IssueOptions::default())
}

/// [`plan`] for an issue ([`crate::reissue`]): the version in every footer, the change list
/// (its pages filled in from this plan), or a supplement of the changed papers only.
///
/// The change list comes right after the front cover, before the agenda: it is the first
/// thing a member opening version 2 needs ("what do I have to read again?"), the cover
/// still says which meeting and pack this is, and the agenda keeps its place as the
/// contents page it links from. Company secretaries put a re-issue note in the same
/// place on paper: inside the cover, on top of the agenda.
pub fn plan_issue(input: &PackInput<'_>, issue: &IssueOptions) -> Result<PackPlan, PrivateMeeting> {
    if input.public {
        check_public(input.committee, input.meeting, "public pack")?;
    }
    let slots = schedule(input.items, input.meeting.start_time);
    let letters = assign_letters(&slots, input.papers);
    let mut lines = Vec::new();
    let mut left_out = 0;
    for slot in &slots {
        let Some(item) = input.items.iter().find(|i| i.id == slot.item_id) else {
            continue;
        };
        if !included(input.meeting, item, input.items, input.public) {
            left_out += 1;
            continue;
        }
        let mut papers: Vec<(&Paper, String)> = input
            .papers
            .iter()
            .filter(|p| p.item_id == item.id)
            .filter(|p| !issue.supplement || supplemented(issue, p.id))
            .map(|p| (p, letters.get(&p.id).cloned().unwrap_or_default()))
            .collect();
        papers.sort_by_key(|(p, _)| (p.position, p.id));
        if issue.supplement && papers.is_empty() {
            continue;
        }
        let part_2 = input.meeting.session == Session::Public
            && crate::agenda::part(item, input.items) == Session::Private;
        // Only the full pack holds confidential papers; each of their pages is marked.
        let marking = (!input.public && confidential(input.meeting, item, input.items))
            .then(|| marking(input.meeting, input.organisation));
        lines.push(AgendaLine {
            slot,
            item,
            papers,
            part_2,
            marking,
        });
    }

    let mut base_footer = format!(
        "{} · {}",
        input.committee.name,
        long_date(input.meeting.date)
    );
    if let Some(label) = &issue.footer_label {
        base_footer = format!("{base_footer} · {label}");
    }
    // The change list's length does not depend on the page numbers it prints (they have a
    // column of their own): laid out now with provisional numbers, again once they are known.
    let change_list = |first_page: &dyn Fn(PaperId) -> Option<(u32, u32)>| {
        issue.change_list.as_ref().map(|list| {
            let mut list = list.clone();
            for c in &mut list.changes {
                if c.kind != PackChangeKind::Withdrawn {
                    c.pages = first_page(c.paper_id);
                }
            }
            layout(&Flow::new(list.blocks()))
        })
    };
    let change_len = change_list(&|_| Some((9999, 9999))).map_or(0, |l| l.pages.len());
    // Lay out the cover sheets first: their lengths fix every later page number.
    let agenda_gen_page = 1 + change_len;
    let mut sheets: Vec<(PaperId, String, Laid, &Paper)> = Vec::new();
    for line in &lines {
        let notice = line.marking.as_deref().map(|marking| Confidential {
            marking,
            reason: &line.item.private_reason,
        });
        for (paper, letter) in &line.papers {
            let agenda_page = (!issue.supplement).then_some(agenda_gen_page);
            let blocks = sheet_blocks(input, paper, letter, agenda_page, notice);
            let mut laid = layout(&crate::coversheet::cover_flow(blocks.clone()));
            // A sheet a little too long for one page is set tighter, when that fits it.
            if laid.pages.len() > 1 {
                let tight = layout(&crate::coversheet::tight_cover_flow(blocks));
                if tight.pages.len() == 1 {
                    laid = tight;
                }
            }
            sheets.push((paper.id, letter.clone(), laid, paper));
        }
    }
    let cover = if issue.supplement {
        Laid::default()
    } else {
        layout(&Flow::new(cover_blocks(input)))
    };
    // The agenda's length does not depend on the page numbers it prints (they fit their
    // column), so lay it out once with provisional numbers, then again with the real ones.
    let provisional: BTreeMap<PaperId, (usize, usize)> =
        sheets.iter().map(|(id, ..)| (*id, (9999, 0))).collect();
    let (provisional, tight) =
        agenda_layout(agenda_blocks(input, &lines, &provisional, left_out), None);
    let agenda_len = if issue.supplement {
        0
    } else {
        provisional.pages.len()
    };
    let mut first_page = BTreeMap::new();
    let mut planned = Vec::new();
    let mut pack_page = cover.pages.len() + change_len + agenda_len + 1;
    let mut gen_page = cover.pages.len() + change_len + agenda_len;
    for (id, letter, pages, paper) in &sheets {
        first_page.insert(*id, (pack_page, gen_page));
        let document_pages = paper.document.as_ref().map_or(0, |d| d.pages as usize);
        let appendix_pages: usize = paper.appendices.iter().map(|a| a.pages as usize).sum();
        planned.push(PlannedPaper {
            paper_id: *id,
            letter: letter.clone(),
            first_page: pack_page,
            cover_pages: pages.pages.len(),
            document_pages,
            appendix_pages,
        });
        pack_page += pages.pages.len() + document_pages + appendix_pages;
        gen_page += pages.pages.len();
    }
    let (agenda, _) = agenda_layout(
        agenda_blocks(input, &lines, &first_page, left_out),
        Some(tight),
    );
    let changes = change_list(&|id| {
        planned.iter().find(|p| p.paper_id == id).map(|p| {
            let pages = p.cover_pages + p.document_pages + p.appendix_pages;
            (
                p.first_page as u32,
                (p.first_page + pages.max(1) - 1) as u32,
            )
        })
    });

    // One document of the generated pages, its structure one section per part; their
    // links already count pages in it.
    let mut generated = Laid::default();
    let cover_len = cover.pages.len();
    generated.join(cover);
    if let Some(changes) = changes {
        // Provisional and real numbers take the same room; a page more or less would
        // move every later page, so it is refused here rather than printed wrong.
        assert_eq!(
            changes.pages.len(),
            change_len,
            "the change list kept its length"
        );
        generated.join(changes);
    }
    let agenda_first = generated.pages.len();
    if !issue.supplement {
        generated.join(agenda);
    }
    let mut runs = vec![PlannedRun {
        source: PageSource::Generated {
            first: 0,
            count: generated.pages.len(),
        },
        footer: base_footer.clone(),
        marking: None,
    }];
    let mut bookmarks = vec![PlannedBookmark {
        title: "Front cover".into(),
        run: 0,
        adopt_outline: false,
        children: vec![],
    }];
    // The agenda gets a run of its own so its bookmark can target it.
    runs[0] = PlannedRun {
        source: PageSource::Generated {
            first: 0,
            count: cover_len,
        },
        footer: base_footer.clone(),
        marking: None,
    };
    if change_len > 0 {
        runs.push(PlannedRun {
            source: PageSource::Generated {
                first: cover_len,
                count: change_len,
            },
            footer: base_footer.clone(),
            marking: None,
        });
        bookmarks.push(PlannedBookmark {
            title: "Changes in this version".into(),
            run: runs.len() - 1,
            adopt_outline: false,
            children: vec![],
        });
    }
    if issue.supplement {
        // No front cover and no agenda: the change list comes first.
        runs.remove(0);
        bookmarks.remove(0);
        for b in &mut bookmarks {
            b.run -= 1;
        }
    } else {
        runs.push(PlannedRun {
            source: PageSource::Generated {
                first: agenda_first,
                count: generated.pages.len() - agenda_first,
            },
            footer: base_footer.clone(),
            marking: None,
        });
        bookmarks.push(PlannedBookmark {
            title: "Agenda".into(),
            run: runs.len() - 1,
            adopt_outline: false,
            children: vec![],
        });
    }
    let agenda_run = runs.len().saturating_sub(1);

    let mut sheets = sheets.into_iter();
    let mut item_marks: Vec<(Option<AgendaItemId>, AgendaItemId, PlannedBookmark)> = Vec::new();
    for line in &lines {
        let mut paper_marks = Vec::new();
        let mut item_run = None;
        for (paper, letter) in &line.papers {
            let Some((_, _, pages, _)) = sheets.next() else {
                continue;
            };
            let footer = format!("{base_footer} · Paper {letter}");
            let first = generated.pages.len();
            let count = pages.pages.len();
            generated.join(pages);
            runs.push(PlannedRun {
                source: PageSource::Generated { first, count },
                footer: footer.clone(),
                marking: line.marking.clone(),
            });
            let sheet_run = runs.len() - 1;
            item_run.get_or_insert(sheet_run);
            let mut children = vec![PlannedBookmark {
                title: "Cover sheet".into(),
                run: sheet_run,
                adopt_outline: false,
                children: vec![],
            }];
            if let Some(doc) = &paper.document {
                runs.push(PlannedRun {
                    source: PageSource::Attachment {
                        file: doc.sha256.clone(),
                        pages: doc.pages as usize,
                    },
                    footer: footer.clone(),
                    marking: line.marking.clone(),
                });
                children.push(PlannedBookmark {
                    title: format!("Paper {letter} – {}", paper.title),
                    run: runs.len() - 1,
                    adopt_outline: true,
                    children: vec![],
                });
            }
            for (k, a) in paper.appendices.iter().enumerate() {
                runs.push(PlannedRun {
                    source: PageSource::Attachment {
                        file: a.sha256.clone(),
                        pages: a.pages as usize,
                    },
                    footer: footer.clone(),
                    marking: line.marking.clone(),
                });
                let title = if a.title.is_empty() {
                    format!("Appendix {}", k + 1)
                } else {
                    a.title.clone()
                };
                children.push(PlannedBookmark {
                    title,
                    run: runs.len() - 1,
                    adopt_outline: true,
                    children: vec![],
                });
            }
            paper_marks.push(PlannedBookmark {
                title: format!("Paper {letter} – {}", paper.title),
                run: sheet_run,
                adopt_outline: false,
                children,
            });
        }
        // One paper: its parts sit directly under the item; several: one entry each.
        let children = if paper_marks.len() == 1 {
            paper_marks.pop().map(|p| p.children).unwrap_or_default()
        } else {
            paper_marks
        };
        let mark = PlannedBookmark {
            title: format!("{}. {}", line.slot.number, line.title()),
            run: item_run.unwrap_or(agenda_run),
            adopt_outline: false,
            children,
        };
        // A sub-item by its place in the agenda (a private sub-item of a public item is an
        // item of its own in Part 2).
        let parent = line.item.parent_id.filter(|_| line.slot.depth > 0);
        item_marks.push((parent, line.item.id, mark));
    }
    // Sub-items nest under their parent's bookmark.
    let mut tops: Vec<(AgendaItemId, PlannedBookmark)> = Vec::new();
    for (parent, id, mark) in item_marks {
        match parent.and_then(|p| tops.iter_mut().find(|(t, _)| *t == p)) {
            Some((_, top)) => top.children.push(mark),
            None => tops.push((id, mark)),
        }
    }
    bookmarks.extend(tops.into_iter().map(|(_, m)| m));
    let total_pages = pack_page - 1;
    Ok(PackPlan {
        pack: Pack {
            generated,
            runs,
            bookmarks,
        },
        papers: planned,
        total_pages,
        title: issue.title.clone().unwrap_or_else(|| {
            format!(
                "{} – {} – {} pack",
                input.committee.name,
                long_date(input.meeting.date),
                if input.public { "public" } else { "full" }
            )
        }),
    })
}

/// Whether a paper goes in a supplement: it was replaced or added.
fn supplemented(issue: &IssueOptions, paper: PaperId) -> bool {
    issue.change_list.as_ref().is_some_and(|l| {
        l.changes
            .iter()
            .any(|c| c.paper_id == paper && c.kind != PackChangeKind::Withdrawn)
    })
}

#[cfg(test)]
mod tests {
    use super::{file_name, included};
    use crate::agenda::{AgendaItem, Lead, Purpose};
    use crate::ids::{AgendaItemId, CommitteeId, MeetingId};
    use crate::meeting::{Meeting, MeetingStatus, Session};

    fn item(n: u128, parent: Option<u128>, session: Session) -> AgendaItem {
        AgendaItem {
            id: AgendaItemId(uuid::Uuid::from_u128(n)),
            meeting_id: MeetingId(uuid::Uuid::from_u128(1)),
            parent_id: parent.map(|p| AgendaItemId(uuid::Uuid::from_u128(p))),
            position: n as u32,
            title: format!("Item {n}"),
            purpose: Purpose::Noting,
            lead: Lead::None,
            duration_minutes: 5,
            session,
            private_reason: String::new(),
            confidential: false,
            for_bulletin: false,
            paper_expected: false,
            standing: None,
        }
    }

    /// The meeting's session, the item's and its parents' decide; anything that cannot be
    /// followed (a missing parent, a loop, another meeting's item) is private.
    #[test]
    fn what_is_public_follows_the_meeting_the_item_and_its_parents() {
        let mut meeting = Meeting {
            id: MeetingId(uuid::Uuid::from_u128(1)),
            committee_id: CommitteeId(uuid::Uuid::from_u128(2)),
            number: 1,
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("a date"),
            start_time: None,
            end_time: None,
            venue: String::new(),
            chair_id: None,
            session: Session::Public,
            status: MeetingStatus::Planning,
        };
        let items = vec![
            item(10, None, Session::Public),
            item(11, Some(10), Session::Public),
            item(12, None, Session::Private),
            item(13, Some(12), Session::Public),
            item(14, Some(99), Session::Public),
            item(15, Some(15), Session::Public),
            item(16, Some(17), Session::Public),
            item(17, Some(16), Session::Public),
        ];
        let public: Vec<u128> = items
            .iter()
            .filter(|i| included(&meeting, i, &items, true))
            .map(|i| i.id.0.as_u128())
            .collect();
        assert_eq!(public, [10, 11]);
        assert!(items.iter().all(|i| included(&meeting, i, &items, false)));
        let mut elsewhere = item(10, None, Session::Public);
        elsewhere.meeting_id = MeetingId(uuid::Uuid::from_u128(3));
        assert!(!included(&meeting, &elsewhere, &items, true));
        meeting.session = Session::Private;
        assert!(items.iter().all(|i| !included(&meeting, i, &items, true)));
        assert!(items.iter().all(|i| included(&meeting, i, &items, false)));
    }

    /// An agenda a little too long for its pages is set tighter when that saves a page,
    /// and kept in the usual type otherwise.
    #[test]
    fn the_agenda_is_tightened_when_that_saves_a_page() {
        use boardpack_pdf::layout::{Block, Cell, Flow, Table};
        let agenda = |n: usize| {
            let rows = (0..n)
                .map(|k| {
                    vec![
                        Cell::text(format!("{}", k + 1)),
                        Cell::text("09:30"),
                        Cell::blocks(vec![
                            Block::para(format!("Item {k} of the agenda")),
                            Block::para("John Adeyemi, Chief Executive"),
                        ]),
                        Cell::text("Noting"),
                    ]
                })
                .collect();
            vec![Block::Table(Table::new(
                vec![0.1, 0.1, 0.6, 0.2],
                vec![vec![
                    Cell::bold("Item"),
                    Cell::bold("Time"),
                    Cell::bold("Business"),
                    Cell::bold("Purpose"),
                ]],
                rows,
            ))]
        };
        let mut saved = 0;
        for n in 5..60 {
            let usual = boardpack_pdf::layout::layout(&Flow::new(agenda(n)))
                .pages
                .len();
            let (laid, tight) = super::agenda_layout(agenda(n), None);
            assert!(laid.pages.len() <= usual);
            assert_eq!(tight, laid.pages.len() < usual, "{n} rows");
            saved += usize::from(tight);
            // The provisional choice is kept when the real page numbers go in.
            let (again, _) = super::agenda_layout(agenda(n), Some(tight));
            assert_eq!(again.pages.len(), laid.pages.len());
        }
        assert!(saved > 0, "some length fits on fewer pages when tightened");
    }

    /// Dates typed on a cover sheet print as the rest of the pack prints dates.
    #[test]
    fn typed_dates_are_written_as_the_document_writes_dates() {
        use super::written_date;
        for typed in [
            "2026-11-19",
            "19/11/2026",
            "19.11.2026",
            "19th November 2026",
            "19 Nov 2026",
            " 19 November 2026 ",
        ] {
            assert_eq!(written_date(typed), "19 November 2026", "{typed}");
        }
        assert_eq!(written_date("1st Dec 2026"), "1 December 2026");
        assert_eq!(written_date("ESB November"), "ESB November");
        assert_eq!(written_date("31/02/2026"), "31/02/2026");
    }

    #[test]
    fn a_pack_is_offered_under_the_committee_date_and_kind() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("a date");
        assert_eq!(
            file_name("Trust Board", date, true),
            "Trust Board 2026-12-03 pack (public).pdf"
        );
        assert_eq!(
            file_name("Trust Board", date, false),
            "Trust Board 2026-12-03 pack (private).pdf"
        );
        assert_eq!(
            file_name("Audit / Risk: \"Q3\"\t", date, false),
            "Audit Risk Q3 2026-12-03 pack (private).pdf"
        );
        assert_eq!(
            file_name(" / ", date, true),
            "Meeting 2026-12-03 pack (public).pdf"
        );
    }
}
