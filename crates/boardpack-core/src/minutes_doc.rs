//! The draft minutes and the register of interests as documents: layout blocks in the
//! conventional shape of the seeds' minutes (heading; Present, In attendance and
//! Apologies; then each item by its minute reference with its discussion, declarations,
//! RESOLVED blocks and actions, the lead responsible beside them; the date of the next
//! meeting) and of a publishable register. Writing them is the PDF engine's job.

use chrono::NaiveDate;

use crate::agenda::{AgendaItem, Slot};
use crate::attendance::{Attendee, MemberAttendance, Presence, QuorumAt};
use crate::interests::{Declaration, Interest};
use crate::meeting::{Meeting, MeetingStatus};
use crate::minutes::Minute;
use crate::model::{Committee, Membership, Organisation, Person};
use crate::validate::long_date;
use boardpack_pdf::layout::{Block, Cell, Colour, Span, Table};

/// Everything the minutes are made from.
#[derive(Debug, Clone, Copy)]
pub struct MinutesInput<'a> {
    pub organisation: &'a Organisation,
    pub committee: &'a Committee,
    pub meeting: &'a Meeting,
    pub chair: Option<&'a str>,
    pub people: &'a [Person],
    pub members: &'a [Membership],
    pub attendance: &'a [MemberAttendance],
    pub attendees: &'a [Attendee],
    /// Items in agenda order with their minute references.
    pub items: &'a [(&'a Slot, &'a AgendaItem, String)],
    pub minutes: &'a [Minute],
    pub declarations: &'a [Declaration],
    pub quorum: &'a [QuorumAt],
    pub next_meeting: Option<&'a Meeting>,
    /// Public minutes leave private items out (the caller passes only public items) and
    /// say so.
    pub public: bool,
    pub private_items_left_out: usize,
    /// The organisation's logo, for the heading.
    pub logo: Option<&'a std::sync::Arc<boardpack_pdf::Image>>,
}

fn name_with_initials(p: &Person) -> String {
    format!("{} ({})", p.name, p.initials)
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

/// The title of the minutes: "Minutes of the Trust Board meeting 142".
pub fn minutes_title(input: &MinutesInput<'_>) -> String {
    format!(
        "Minutes of the {}{} meeting {}",
        if input.public { "public " } else { "" },
        input.committee.name,
        input.meeting.number
    )
}

/// The minutes as blocks (the title is added by the writer).
/// What stands above the minutes' title: the organisation's logo and name.
pub fn minutes_head(input: &MinutesInput<'_>) -> Vec<Block> {
    crate::letterhead::letterhead(&input.organisation.name, input.logo)
}

pub fn minutes_blocks(input: &MinutesInput<'_>) -> Vec<Block> {
    let m = input.meeting;
    let person = |id| input.people.iter().find(|p| p.id == id);
    let mut b = Vec::new();
    if m.status < MeetingStatus::MinutesApproved {
        b.push(Block::spans(vec![Span::bold(
            "DRAFT – subject to approval at the next meeting",
        )
        .colour(Colour::rgb(0xA0, 0x10, 0x10))]));
    }
    b.push(Block::markup(&format!(
        "Held on **{} {}**{} in {}",
        m.date.format("%A"),
        long_date(m.date),
        m.start_time
            .map(|t| format!(" at {}", t.format("%H:%M")))
            .unwrap_or_default(),
        if m.venue.is_empty() {
            "the usual venue"
        } else {
            &m.venue
        }
    )));
    if let Some(chair) = input.chair {
        b.push(Block::markup(&format!("**Chair:** {chair}")));
    }
    // Present (voting members), in attendance (officers, the secretary, others), apologies.
    let mut present = Vec::new();
    let mut attending = Vec::new();
    let mut apologies = Vec::new();
    for member in input.members {
        let Some(p) = person(member.person_id) else {
            continue;
        };
        let a = input
            .attendance
            .iter()
            .find(|a| a.person_id == member.person_id);
        match a.map(|a| a.presence) {
            Some(Presence::Present) => {
                let mut note = a.map(|a| a.note.clone()).unwrap_or_default();
                if member.kind == crate::model::MemberKind::Secretary && note.is_empty() {
                    note = "Minutes".into();
                }
                if let Some(t) = a.and_then(|a| a.arrived) {
                    note = format!(
                        "Arrived {}{}{note}",
                        t.format("%H:%M"),
                        if note.is_empty() { "" } else { "; " }
                    );
                }
                if let Some(t) = a.and_then(|a| a.left) {
                    note = format!(
                        "{note}{}Left {}",
                        if note.is_empty() { "" } else { "; " },
                        t.format("%H:%M")
                    );
                }
                let row = vec![
                    Cell::text(name_with_initials(p)),
                    Cell::text(member.role.clone()),
                    Cell::text(note),
                ];
                if member.voting {
                    present.push(row);
                } else {
                    attending.push(row);
                }
            }
            Some(Presence::Deputy) => present.push(vec![
                Cell::text(a.map(|a| a.deputy.clone()).unwrap_or_default()),
                Cell::text(format!("Deputising for {}, {}", p.name, member.role)),
                Cell::text(String::new()),
            ]),
            Some(Presence::Apologies) => apologies.push(format!("{}, {}", p.name, member.role)),
            _ => {}
        }
    }
    attending.extend(input.attendees.iter().map(|a| {
        vec![
            Cell::text(a.name.clone()),
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
    if present.is_empty() {
        b.push(Block::para("No attendance has been recorded."));
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
    b.push(Block::heading(2, "Apologies"));
    if apologies.is_empty() {
        b.push(Block::para("None."));
    } else {
        b.push(Block::bullets(&apologies));
    }
    if let Some(start) = input.quorum.first() {
        b.push(Block::para(if start.outcome.quorate {
            "The meeting was confirmed as quorate.".to_owned()
        } else {
            format!(
                "The meeting was not quorate at its start: {}",
                start.outcome.shortfalls.join(" ")
            )
        }));
    }
    // The items, in the seeds' table layout.
    let mut rows = Vec::new();
    for (slot, item, reference) in input.items {
        let minute = input.minutes.iter().find(|x| x.item_id == item.id);
        let mut cell = vec![Block::markup(&format!("**{}**", item.title))];
        let decls: Vec<String> = input
            .declarations
            .iter()
            .filter(|d| d.item_id == item.id)
            .map(|d| {
                let who = person(d.person_id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                let what = if d.text.is_empty() {
                    String::new()
                } else {
                    format!(" – {}", d.text)
                };
                format!("{who}{what} – {}.", d.action.minute_text())
            })
            .collect();
        if !decls.is_empty() {
            cell.push(Block::markup("*Declarations of interest:*"));
            cell.push(Block::bullets(&decls));
        }
        if let Some(q) = input.quorum.iter().find(|q| q.item_id == Some(item.id)) {
            if !q.outcome.quorate {
                cell.push(Block::markup(&format!(
                    "**The meeting was not quorate for this item.** {}",
                    q.outcome.shortfalls.join(" ")
                )));
            }
        }
        match item.standing {
            Some(crate::agenda::StandingKind::DeclarationsOfInterest) => {
                let all: Vec<String> = input
                    .declarations
                    .iter()
                    .filter_map(|d| {
                        let (_, it, r) = input.items.iter().find(|(_, i, _)| i.id == d.item_id)?;
                        let who = person(d.person_id)
                            .map(|p| p.name.clone())
                            .unwrap_or_default();
                        let what = if d.text.is_empty() {
                            String::new()
                        } else {
                            format!(", {}", d.text)
                        };
                        Some(format!(
                            "{r} – {}. {who}{what} – {}.",
                            it.title,
                            d.action.minute_text()
                        ))
                    })
                    .collect();
                if all.is_empty() {
                    cell.push(Block::para(
                        "There were no declarations of interest on the items of business.",
                    ));
                } else {
                    cell.push(Block::para(
                        "The following declarations of interest were noted:",
                    ));
                    cell.push(Block::bullets(&all));
                }
            }
            Some(crate::agenda::StandingKind::Quorum) => {
                if let Some(start) = input.quorum.first() {
                    cell.push(Block::para(if start.outcome.quorate {
                        "The meeting was confirmed as quorate.".to_owned()
                    } else {
                        format!(
                            "The meeting was not quorate: {}",
                            start.outcome.shortfalls.join(" ")
                        )
                    }));
                }
            }
            _ => {}
        }
        let mut leads = Vec::new();
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
                cell.push(Block::markup(&format!("**ACTION:** {}{due}", a.text)));
                leads.push(a.lead.clone());
            }
        }
        rows.push(vec![
            Cell::text(reference.clone()),
            Cell::blocks(cell),
            Cell::text(leads.join(", ")),
        ]);
        let _ = slot;
    }
    b.push(Block::Table(Table::new(
        vec![0.14, 0.7, 0.16],
        header(&["Item", "Discussion", "Lead responsible"]),
        rows,
    )));
    if input.public && input.private_items_left_out > 0 {
        b.push(Block::para(
            "The remaining business was taken in private and is minuted separately.",
        ));
    }
    b.push(Block::heading(2, "Date of next meeting"));
    b.push(Block::para(match input.next_meeting {
        Some(n) => format!(
            "{} {}{}{}",
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
        None => "To be confirmed.".into(),
    }));
    b
}

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
