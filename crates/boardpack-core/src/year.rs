//! The year in figures: a committee's meetings over a period, as annual reports publish
//! them — each member's attendance ("Jane Smith 9/10", with the deputies who came in their
//! place), the time planned by purpose and by strategic objective, the actions opened,
//! closed and overdue, and the declarations of interest made. Plain inputs in, a
//! [`YearFigures`] out, then that as a printable document or a CSV file.
//!
//! What counts:
//! - a meeting counts when it is dated in the period (both ends included) and its attendance
//!   has been recorded; a meeting of the period without attendance is listed as not counted;
//! - the committee's secretary is not a member and is left out of the attendance;
//! - a member's possible meetings are the counted meetings held while they held a seat
//!   (their membership's dates, both ends included); they attended when recorded present. A
//!   deputy who came in their place is shown beside them and does not count as the
//!   member's attendance, as NHS annual reports count it;
//! - time is the agenda's planned minutes of every item of the counted meetings. Boardpack
//!   records no start or end time for each item, so the time actually taken by purpose or
//!   objective is "not recorded"; a meeting's own length is known when its start and the
//!   time it closed are recorded;
//! - an item's time counts towards every objective its papers' cover sheets answer "Yes"
//!   to, so the objectives' times may add up to more than the whole;
//! - actions opened are those raised at meetings in the period; closed, those whose first
//!   update marking them complete or closed is dated in the period; overdue, those still in
//!   hand after their due date at the end of the period.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use boardpack_pdf::layout::{Bar, BarChart, Block, Cell, PageSetup, Table};

use crate::actions::{as_at, ActionEntry, ActionStatus};
use crate::agenda::{schedule, AgendaItem, Purpose};
use crate::attendance::{MemberAttendance, Presence};
use crate::columns::Document;
use crate::interests::{Declaration, DeclarationAction};
use crate::minutes::MeetingClosed;
use crate::paper::{Answer, Objective, Paper};
use crate::validate::{long_date, short_date};
use crate::{Committee, Meeting, MeetingId, Membership, Person, PersonId};

/// What the figures are made from: everything of one committee (the application reads it
/// in one go); the period picks what counts.
#[derive(Debug, Clone, Copy)]
pub struct YearInput<'a> {
    pub committee: &'a Committee,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The committee's meetings.
    pub meetings: &'a [Meeting],
    /// The committee's memberships, in its own order.
    pub memberships: &'a [Membership],
    pub people: &'a [Person],
    pub attendance: &'a [MemberAttendance],
    /// The agenda items of the committee's meetings.
    pub items: &'a [AgendaItem],
    pub papers: &'a [Paper],
    /// The organisation's strategic objectives, in its order.
    pub objectives: &'a [Objective],
    pub declarations: &'a [Declaration],
    pub closings: &'a [MeetingClosed],
    /// The committee's action log, each action with its whole history.
    pub actions: &'a [ActionEntry],
    /// The day the action log is judged on: the end of the period, or today when the
    /// period has not ended yet (an action is not overdue on a day still to come).
    pub as_at: NaiveDate,
}

/// A meeting of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodMeeting {
    pub id: MeetingId,
    pub number: u32,
    pub date: NaiveDate,
}

/// Who came in a member's place, and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeputyCount {
    pub deputy: String,
    pub times: u32,
}

/// One member's attendance over the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberYear {
    pub person_id: PersonId,
    pub name: String,
    /// Their role at the last counted meeting they could attend.
    pub role: String,
    pub attended: u32,
    /// Counted meetings held while they held a seat.
    pub possible: u32,
    pub deputised: u32,
    pub apologies: u32,
    pub absent: u32,
    /// Possible meetings with nothing recorded for them.
    pub not_recorded: u32,
    pub deputies: Vec<DeputyCount>,
}

/// Time planned under one heading (a purpose, an objective).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeSpent {
    pub label: String,
    pub items: u32,
    pub planned_minutes: u32,
}

/// A counted meeting's length: planned (its agenda) and minuted (from its start to the
/// time it closed, when both are recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingTime {
    pub number: u32,
    pub date: NaiveDate,
    pub planned_minutes: u32,
    pub minuted_minutes: Option<u32>,
}

/// An action still in hand after its due date at the end of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverdueAction {
    pub reference: String,
    pub text: String,
    pub lead: String,
    pub due: NaiveDate,
}

/// The action log over the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionFigures {
    /// The day "still open" and "overdue" are judged on ([`YearInput::as_at`]).
    pub as_at: NaiveDate,
    pub opened: u32,
    pub closed: u32,
    /// Still in hand at the end of the period (overdue ones included).
    pub open_at_end: u32,
    pub overdue: Vec<OverdueAction>,
}

/// A declaration of interest made at a counted meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclarationMade {
    pub date: NaiveDate,
    pub meeting_number: u32,
    /// "11.1 Award of contract – …" (a confidential item's title is not given).
    pub item: String,
    pub name: String,
    pub text: String,
    pub action: DeclarationAction,
}

/// The year in figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearFigures {
    pub committee: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The meetings counted, by date.
    pub meetings: Vec<PeriodMeeting>,
    /// Meetings of the period left out because their attendance is not recorded.
    pub not_counted: Vec<PeriodMeeting>,
    pub attendance: Vec<MemberYear>,
    /// The four purposes, in their usual order.
    pub by_purpose: Vec<TimeSpent>,
    /// The objectives with time against them, in the organisation's order, then the time
    /// linked to none.
    pub by_objective: Vec<TimeSpent>,
    pub meeting_times: Vec<MeetingTime>,
    pub actions: ActionFigures,
    pub declarations: Vec<DeclarationMade>,
}

/// The label of the time linked to no objective.
pub const NO_OBJECTIVE: &str = "Not linked to an objective";

/// Why a period is refused: it must run forwards.
pub fn check_period(from: NaiveDate, to: NaiveDate) -> Result<(), String> {
    if from > to {
        return Err(format!(
            "The period starts on {} after it ends on {}: give --from before --to.",
            long_date(from),
            long_date(to)
        ));
    }
    Ok(())
}

/// Works out the figures.
pub fn year_figures(input: &YearInput) -> YearFigures {
    let in_period = |d: NaiveDate| d >= input.from && d <= input.to;
    let recorded: BTreeSet<MeetingId> = input.attendance.iter().map(|a| a.meeting_id).collect();
    let mut period: Vec<&Meeting> = input
        .meetings
        .iter()
        .filter(|m| m.committee_id == input.committee.id && in_period(m.date))
        .collect();
    period.sort_by_key(|m| (m.date, m.number));
    let as_period = |m: &&Meeting| PeriodMeeting {
        id: m.id,
        number: m.number,
        date: m.date,
    };
    let (counted, left): (Vec<&Meeting>, Vec<&Meeting>) =
        period.into_iter().partition(|m| recorded.contains(&m.id));
    let counted_ids: BTreeSet<MeetingId> = counted.iter().map(|m| m.id).collect();

    // Attendance, member by member in the committee's order.
    // The secretary serves the committee and is not one of its members: annual reports
    // leave them out of the attendance table.
    let seated = |m: &Membership| {
        m.committee_id == input.committee.id && m.kind != crate::model::MemberKind::Secretary
    };
    let mut order: Vec<PersonId> = Vec::new();
    for m in input.memberships {
        if seated(m) && !order.contains(&m.person_id) {
            order.push(m.person_id);
        }
    }
    let mut attendance = Vec::new();
    for person in order {
        let seats: Vec<&Membership> = input
            .memberships
            .iter()
            .filter(|m| m.person_id == person && seated(m))
            .collect();
        let mut row = MemberYear {
            person_id: person,
            name: input
                .people
                .iter()
                .find(|p| p.id == person)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            role: String::new(),
            attended: 0,
            possible: 0,
            deputised: 0,
            apologies: 0,
            absent: 0,
            not_recorded: 0,
            deputies: Vec::new(),
        };
        for mt in &counted {
            let Some(seat) = seats.iter().find(|s| s.current_on(mt.date)) else {
                continue;
            };
            row.possible += 1;
            row.role = seat.role.clone();
            let a = input
                .attendance
                .iter()
                .find(|a| a.meeting_id == mt.id && a.person_id == person);
            match a.map(|a| a.presence) {
                Some(Presence::Present) => row.attended += 1,
                Some(Presence::Apologies) => row.apologies += 1,
                Some(Presence::Absent) => row.absent += 1,
                Some(Presence::Deputy) => {
                    row.deputised += 1;
                    let name = a
                        .map(|a| a.deputy.split_whitespace().collect::<Vec<_>>().join(" "))
                        .filter(|d| !d.is_empty())
                        .unwrap_or_else(|| "A deputy (not named)".to_owned());
                    match row.deputies.iter_mut().find(|d| d.deputy == name) {
                        Some(d) => d.times += 1,
                        None => row.deputies.push(DeputyCount {
                            deputy: name,
                            times: 1,
                        }),
                    }
                }
                None => row.not_recorded += 1,
            }
        }
        if row.possible > 0 {
            attendance.push(row);
        }
    }

    // Time planned, by purpose and by objective.
    let items: Vec<&AgendaItem> = input
        .items
        .iter()
        .filter(|i| counted_ids.contains(&i.meeting_id))
        .collect();
    let by_purpose = Purpose::ALL
        .iter()
        .map(|p| {
            let of: Vec<&&AgendaItem> = items.iter().filter(|i| i.purpose == *p).collect();
            TimeSpent {
                label: p.label().to_owned(),
                items: of.len() as u32,
                planned_minutes: of.iter().map(|i| i.duration_minutes).sum(),
            }
        })
        .collect();
    let mut objective_time: BTreeMap<usize, TimeSpent> = BTreeMap::new();
    let mut unlinked = TimeSpent {
        label: NO_OBJECTIVE.to_owned(),
        items: 0,
        planned_minutes: 0,
    };
    for item in &items {
        let linked: BTreeSet<usize> = input
            .papers
            .iter()
            .filter(|p| p.item_id == item.id)
            .flat_map(|p| {
                p.cover
                    .objectives
                    .iter()
                    .filter(|(_, a)| **a == Answer::Yes)
                    .filter_map(|(id, _)| input.objectives.iter().position(|o| o.id == *id))
            })
            .collect();
        if linked.is_empty() {
            unlinked.items += 1;
            unlinked.planned_minutes += item.duration_minutes;
        }
        for k in linked {
            let t = objective_time.entry(k).or_insert_with(|| TimeSpent {
                label: input.objectives[k].text.trim().to_owned(),
                items: 0,
                planned_minutes: 0,
            });
            t.items += 1;
            t.planned_minutes += item.duration_minutes;
        }
    }
    let mut by_objective: Vec<TimeSpent> = objective_time.into_values().collect();
    if unlinked.items > 0 {
        by_objective.push(unlinked);
    }

    let meeting_times = counted
        .iter()
        .map(|mt| {
            let closed = input
                .closings
                .iter()
                .find(|c| c.meeting_id == mt.id)
                .map(|c| c.at);
            let minuted = match (mt.start_time, closed) {
                (Some(s), Some(c)) if c > s => Some((c - s).num_minutes() as u32),
                _ => None,
            };
            MeetingTime {
                number: mt.number,
                date: mt.date,
                planned_minutes: items
                    .iter()
                    .filter(|i| i.meeting_id == mt.id)
                    .map(|i| i.duration_minutes)
                    .sum(),
                minuted_minutes: minuted,
            }
        })
        .collect();

    // Actions: opened in the period, closed in it, where they stood at its end.
    let mine: Vec<ActionEntry> = input
        .actions
        .iter()
        .filter(|e| input.meetings.iter().any(|m| m.id == e.meeting_id))
        .cloned()
        .collect();
    let opened = mine.iter().filter(|e| in_period(e.meeting_date)).count() as u32;
    let closed = mine
        .iter()
        .filter(|e| {
            e.history
                .iter()
                .filter(|u| u.status.is_done())
                .map(|u| u.date)
                .min()
                .is_some_and(in_period)
        })
        .count() as u32;
    let judged = input.as_at.clamp(input.from, input.to);
    let at_end = as_at(mine, judged);
    let open_at_end = at_end.iter().filter(|e| !e.status.is_done()).count() as u32;
    let overdue = at_end
        .iter()
        .filter(|e| e.status == ActionStatus::Overdue)
        .filter_map(|e| {
            Some(OverdueAction {
                reference: e.reference.clone(),
                text: e.action.text.clone(),
                lead: e.action.lead.clone(),
                due: e.action.due?,
            })
        })
        .collect();

    // Declarations at counted meetings, in meeting and agenda order.
    let mut declarations = Vec::new();
    for mt in &counted {
        let agenda: Vec<AgendaItem> = input
            .items
            .iter()
            .filter(|i| i.meeting_id == mt.id)
            .cloned()
            .collect();
        for slot in schedule(&agenda, mt.start_time) {
            let Some(item) = agenda.iter().find(|i| i.id == slot.item_id) else {
                continue;
            };
            for d in input.declarations.iter().filter(|d| d.item_id == item.id) {
                let title = if item.confidential {
                    "a confidential item taken in private".to_owned()
                } else {
                    item.title.trim().to_owned()
                };
                declarations.push(DeclarationMade {
                    date: mt.date,
                    meeting_number: mt.number,
                    item: format!("Item {}: {title}", slot.number),
                    name: input
                        .people
                        .iter()
                        .find(|p| p.id == d.person_id)
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    text: d.text.split_whitespace().collect::<Vec<_>>().join(" "),
                    action: d.action,
                });
            }
        }
    }

    YearFigures {
        committee: input.committee.name.clone(),
        from: input.from,
        to: input.to,
        meetings: counted.iter().map(as_period).collect(),
        not_counted: left.iter().map(as_period).collect(),
        attendance,
        by_purpose,
        by_objective,
        meeting_times,
        actions: ActionFigures {
            as_at: judged,
            opened,
            closed,
            open_at_end,
            overdue,
        },
        declarations,
    }
}

/// "2 h 30 min", "45 min", "0 min".
pub fn duration_text(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The document's title: "Trust Board – the year in figures, 1 April 2026 to 31 March
/// 2027".
pub fn year_title(f: &YearFigures) -> String {
    format!(
        "{} – the year in figures, {} to {}",
        f.committee,
        long_date(f.from),
        long_date(f.to)
    )
}

/// "5 November 2026 (meeting 141)" for each meeting, joined as a sentence.
fn meeting_list(meetings: &[PeriodMeeting]) -> String {
    let parts: Vec<String> = meetings
        .iter()
        .map(|m| format!("{} (meeting {})", long_date(m.date), m.number))
        .collect();
    join_and(&parts)
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The attendance chart's sentence: "Bar chart of attendance: Jane Smith 9 of 10 meetings,
/// …".
pub fn attendance_alt(f: &YearFigures) -> String {
    let parts: Vec<String> = f
        .attendance
        .iter()
        .map(|m| {
            let mut s = format!(
                "{} {} of {}",
                m.name,
                m.attended,
                plural(m.possible, "meeting", "meetings")
            );
            if m.deputised > 0 {
                s.push_str(&format!(" (a deputy came to {})", m.deputised));
            }
            s
        })
        .collect();
    format!("Bar chart of attendance: {}.", parts.join(", "))
}

fn time_alt(what: &str, rows: &[TimeSpent]) -> String {
    let parts: Vec<String> = rows
        .iter()
        .map(|t| format!("{} {}", t.label, duration_text(t.planned_minutes)))
        .collect();
    format!(
        "Bar chart of the time planned {what}: {}.",
        parts.join(", ")
    )
}

fn time_chart(what: &str, rows: &[TimeSpent]) -> BarChart {
    let mut chart = BarChart::new(
        time_alt(what, rows),
        rows.iter()
            .map(|t| Bar {
                label: t.label.clone(),
                value: f64::from(t.planned_minutes),
                of: None,
                value_label: duration_text(t.planned_minutes),
            })
            .collect(),
    );
    chart.unit = "minutes planned".into();
    chart
}

/// A paragraph introducing what follows, kept on its page.
fn intro(text: &str) -> Block {
    Block::Paragraph(boardpack_pdf::layout::Paragraph {
        keep_with_next: true,
        ..boardpack_pdf::layout::Paragraph::new(vec![boardpack_pdf::layout::Span::plain(text)])
    })
}

/// A chart and the table behind it, kept on one page when they fit on one.
fn with_chart(chart: Block, table: Table) -> Block {
    Block::KeepTogether(vec![chart, Block::Table(table)])
}

/// A table kept on one page when it fits on one.
fn kept(table: Table) -> Block {
    Block::KeepTogether(vec![Block::Table(table)])
}

/// A header row; the columns of numbers (`numbers`, by index) are headed at the right,
/// over their figures.
fn header_aligned(cells: &[&str], numbers: &[usize]) -> Vec<Vec<Cell>> {
    vec![cells
        .iter()
        .enumerate()
        .map(|(k, h)| {
            let c = Cell::bold(*h);
            if numbers.contains(&k) {
                c.align(boardpack_pdf::layout::Align::Right)
            } else {
                c
            }
        })
        .collect()]
}

fn header(cells: &[&str]) -> Vec<Vec<Cell>> {
    header_aligned(cells, &[])
}

fn right(text: impl Into<String>) -> Cell {
    Cell::text(text).align(boardpack_pdf::layout::Align::Right)
}

/// The figures as a printable document (after the letterhead and title the caller sets):
/// what was counted, then each figure as a chart followed by the table behind it.
pub fn year_blocks(f: &YearFigures) -> Document {
    let mut b = Vec::new();
    let period = format!("{} to {}", long_date(f.from), long_date(f.to));
    if f.meetings.is_empty() {
        b.push(Block::para(format!(
            "The {} held no meeting with its attendance recorded from {period}, so there are no figures to give.",
            f.committee
        )));
    } else {
        b.push(Block::para(format!(
            "Figures for the {} from {period}, counting {}: {}.",
            f.committee,
            plural(f.meetings.len() as u32, "meeting", "meetings"),
            meeting_list(&f.meetings)
        )));
    }
    if !f.not_counted.is_empty() {
        b.push(Block::para(format!(
            "Not counted, because their attendance has not been recorded: {}.",
            meeting_list(&f.not_counted)
        )));
    }
    if f.meetings.is_empty() {
        return Document {
            page: PageSetup::a4(),
            blocks: b,
        };
    }

    // Attendance.
    b.push(Block::heading(1, "Attendance"));
    b.push(intro(
        "Each member’s attendance out of the meetings held while they were a member. A deputy who came in a member’s place is shown beside them and is not counted as the member’s attendance.",
    ));
    let mut chart = BarChart::new(
        attendance_alt(f),
        f.attendance
            .iter()
            .map(|m| Bar {
                label: m.name.clone(),
                value: f64::from(m.attended),
                of: Some(f64::from(m.possible)),
                value_label: format!("{}/{}", m.attended, m.possible),
            })
            .collect(),
    );
    chart.unit = "meetings attended (blue) out of those possible (grey)".into();
    b.push(Block::Chart(chart));
    let rows: Vec<Vec<Cell>> = f
        .attendance
        .iter()
        .map(|m| {
            let deputies = m
                .deputies
                .iter()
                .map(|d| format!("{} ({})", d.deputy, d.times))
                .collect::<Vec<_>>()
                .join("\n");
            let mut other = Vec::new();
            if m.apologies > 0 {
                other.push(format!("apologies {}", m.apologies));
            }
            if m.absent > 0 {
                other.push(format!("absent {}", m.absent));
            }
            if m.not_recorded > 0 {
                other.push(format!("not recorded {}", m.not_recorded));
            }
            vec![
                Cell::spans(vec![
                    boardpack_pdf::layout::Span::bold(m.name.clone()),
                    boardpack_pdf::layout::Span::plain(if m.role.trim().is_empty() {
                        String::new()
                    } else {
                        format!("\n{}", m.role.trim())
                    }),
                ]),
                right(format!("{}/{}", m.attended, m.possible)),
                Cell::text(if deputies.is_empty() {
                    "–".to_owned()
                } else {
                    deputies
                }),
                Cell::text(if other.is_empty() {
                    "–".to_owned()
                } else {
                    other.join(", ")
                }),
            ]
        })
        .collect();
    let mut t = Table::new(
        vec![0.4, 0.14, 0.26, 0.2],
        header_aligned(
            &["Member", "Attended", "Deputised by (times)", "Not attended"],
            &[1],
        ),
        rows,
    );
    t.widows = 2;
    b.push(Block::Table(t));

    // Time by purpose.
    b.push(Block::heading(1, "Time by purpose"));
    b.push(intro(
        "The time the agendas planned for items of each purpose. Boardpack records no start or end time for each item, so the time actually taken by purpose is not recorded.",
    ));
    let chart = Block::Chart(time_chart("by purpose", &f.by_purpose));
    let total_items: u32 = f.by_purpose.iter().map(|t| t.items).sum();
    let total: u32 = f.by_purpose.iter().map(|t| t.planned_minutes).sum();
    let mut rows: Vec<Vec<Cell>> = f
        .by_purpose
        .iter()
        .map(|t| {
            vec![
                Cell::text(t.label.clone()),
                right(t.items.to_string()),
                right(duration_text(t.planned_minutes)),
                Cell::text("Not recorded"),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::bold("All items"),
        right(total_items.to_string()),
        right(duration_text(total)),
        Cell::text("Not recorded"),
    ]);
    b.push(with_chart(
        chart,
        Table::new(
            vec![0.34, 0.16, 0.25, 0.25],
            header_aligned(
                &["Purpose", "Items", "Time planned", "Time minuted"],
                &[1, 2],
            ),
            rows,
        ),
    ));

    // Meeting lengths.
    b.push(Block::heading(2, "Length of each meeting"));
    b.push(Block::para(
        "Planned: the agenda’s items added up. Minuted: from the start to the time the minutes record the meeting closed.",
    ));
    let rows = f
        .meeting_times
        .iter()
        .map(|m| {
            vec![
                Cell::text(format!("{} (meeting {})", short_date(m.date), m.number)),
                right(duration_text(m.planned_minutes)),
                right(
                    m.minuted_minutes
                        .map(duration_text)
                        .unwrap_or_else(|| "Not recorded".into()),
                ),
            ]
        })
        .collect();
    b.push(kept(Table::new(
        vec![0.5, 0.25, 0.25],
        header_aligned(&["Meeting", "Planned", "Minuted"], &[1, 2]),
        rows,
    )));

    // Time by objective.
    b.push(Block::heading(1, "Time by strategic objective"));
    if f.by_objective.is_empty() {
        b.push(Block::para("No item of these meetings was on the agenda."));
    } else {
        b.push(intro(
            "The time planned for items whose papers’ cover sheets say they bear on each strategic objective. An item that bears on several counts towards each, so these times add up to more than the time planned in all.",
        ));
        let chart = Block::Chart(time_chart("by strategic objective", &f.by_objective));
        let rows = f
            .by_objective
            .iter()
            .map(|t| {
                vec![
                    Cell::text(t.label.clone()),
                    right(t.items.to_string()),
                    right(duration_text(t.planned_minutes)),
                ]
            })
            .collect();
        b.push(with_chart(
            chart,
            Table::new(
                vec![0.6, 0.15, 0.25],
                header_aligned(&["Strategic objective", "Items", "Time planned"], &[1, 2]),
                rows,
            ),
        ));
    }

    // Actions.
    b.push(Block::heading(1, "Actions"));
    let a = &f.actions;
    b.push(kept(Table::new(
        vec![0.75, 0.25],
        header_aligned(&["Action log", "Actions"], &[1]),
        vec![
            vec![
                Cell::text("Opened at meetings in the period"),
                right(a.opened.to_string()),
            ],
            vec![
                Cell::text("Completed or closed in the period"),
                right(a.closed.to_string()),
            ],
            vec![
                Cell::text(format!("Still open on {}", long_date(a.as_at))),
                right(a.open_at_end.to_string()),
            ],
            vec![
                Cell::text(format!("Of those, overdue on {}", long_date(a.as_at))),
                right(a.overdue.len().to_string()),
            ],
        ],
    )));
    if !a.overdue.is_empty() {
        b.push(intro(&format!("Overdue on {}:", long_date(a.as_at))));
        let rows = a
            .overdue
            .iter()
            .map(|o| {
                vec![
                    Cell::text(o.reference.clone()),
                    Cell::text(o.text.clone()),
                    Cell::text(o.lead.clone()),
                    Cell::text(short_date(o.due)),
                ]
            })
            .collect();
        b.push(Block::Table(Table::new(
            vec![0.16, 0.54, 0.12, 0.18],
            header(&["Minute", "Action", "Lead", "Due"]),
            rows,
        )));
    }

    // Declarations.
    b.push(Block::heading(1, "Declarations of interest"));
    if f.declarations.is_empty() {
        b.push(Block::para(
            "No declaration of interest was made at these meetings.",
        ));
    } else {
        b.push(intro(&format!(
            "{} made at these meetings:",
            plural(
                f.declarations.len() as u32,
                "declaration of interest was",
                "declarations of interest were"
            )
        )));
        let rows = f
            .declarations
            .iter()
            .map(|d| {
                vec![
                    Cell::text(format!(
                        "{}\n(meeting {})",
                        short_date(d.date),
                        d.meeting_number
                    )),
                    Cell::text(d.name.clone()),
                    Cell::text(d.item.clone()),
                    Cell::text(format!("{} ({})", d.text, d.action.minute_text())),
                ]
            })
            .collect();
        b.push(Block::Table(Table::new(
            vec![0.17, 0.2, 0.28, 0.35],
            header(&["Meeting", "Member", "Item", "Declared"]),
            rows,
        )));
    }
    Document {
        page: PageSetup::a4(),
        blocks: b,
    }
}

/// The figures as CSV: one long table of `section,name,measure,value` (RFC 4180, CRLF line
/// ends), which a spreadsheet filters and pivots without guessing at layout. Cells a
/// spreadsheet would read as a formula are defused.
pub fn year_csv(f: &YearFigures) -> String {
    let mut out = String::new();
    let mut row = |section: &str, name: &str, measure: &str, value: String| {
        crate::actions::push_row(
            &mut out,
            [
                section.to_owned(),
                name.to_owned(),
                measure.to_owned(),
                value,
            ]
            .into_iter(),
        );
    };
    row("section", "name", "measure", "value".into());
    row("period", &f.committee, "from", f.from.to_string());
    row("period", &f.committee, "to", f.to.to_string());
    for m in &f.meetings {
        row(
            "meeting counted",
            &format!("Meeting {}", m.number),
            "date",
            m.date.to_string(),
        );
    }
    for m in &f.not_counted {
        row(
            "meeting not counted",
            &format!("Meeting {}", m.number),
            "date (attendance not recorded)",
            m.date.to_string(),
        );
    }
    for m in &f.attendance {
        row("attendance", &m.name, "role", m.role.clone());
        row("attendance", &m.name, "attended", m.attended.to_string());
        row("attendance", &m.name, "possible", m.possible.to_string());
        row("attendance", &m.name, "deputised", m.deputised.to_string());
        row("attendance", &m.name, "apologies", m.apologies.to_string());
        row("attendance", &m.name, "absent", m.absent.to_string());
        row(
            "attendance",
            &m.name,
            "not recorded",
            m.not_recorded.to_string(),
        );
        for d in &m.deputies {
            row(
                "attendance",
                &m.name,
                &format!("deputised by {}", d.deputy),
                d.times.to_string(),
            );
        }
    }
    for t in &f.by_purpose {
        row("time by purpose", &t.label, "items", t.items.to_string());
        row(
            "time by purpose",
            &t.label,
            "planned minutes",
            t.planned_minutes.to_string(),
        );
        row(
            "time by purpose",
            &t.label,
            "minuted minutes",
            "not recorded".into(),
        );
    }
    for t in &f.by_objective {
        row("time by objective", &t.label, "items", t.items.to_string());
        row(
            "time by objective",
            &t.label,
            "planned minutes",
            t.planned_minutes.to_string(),
        );
    }
    for m in &f.meeting_times {
        let name = format!("Meeting {}", m.number);
        row(
            "meeting length",
            &name,
            "planned minutes",
            m.planned_minutes.to_string(),
        );
        row(
            "meeting length",
            &name,
            "minuted minutes",
            m.minuted_minutes
                .map(|v| v.to_string())
                .unwrap_or_else(|| "not recorded".into()),
        );
    }
    let a = &f.actions;
    row("actions", "actions", "opened", a.opened.to_string());
    row("actions", "actions", "closed", a.closed.to_string());
    row(
        "actions",
        "actions",
        "open at end",
        a.open_at_end.to_string(),
    );
    row(
        "actions",
        "actions",
        "overdue at end",
        a.overdue.len().to_string(),
    );
    for o in &a.overdue {
        row(
            "overdue action",
            &o.reference,
            &format!("{} (lead {})", o.text, o.lead),
            o.due.to_string(),
        );
    }
    row(
        "declarations",
        "declarations",
        "count",
        f.declarations.len().to_string(),
    );
    for d in &f.declarations {
        row(
            "declaration",
            &d.name,
            &format!("{} meeting {}: {}", d.date, d.meeting_number, d.item),
            format!("{} ({})", d.text, d.action.minute_text()),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::{ActionUpdate, Rag};
    use crate::agenda::Lead;
    use crate::minutes::Action;
    use crate::paper::CoverSheet;
    use crate::{
        ActionId, ActionUpdateId, AgendaItemId, CommitteeId, DeclarationId, MeetingStatus,
        MemberKind, MembershipId, ObjectiveId, OrganisationId, PaperId, QuorumRule, Session,
    };
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    struct World {
        committee: Committee,
        meetings: Vec<Meeting>,
        memberships: Vec<Membership>,
        people: Vec<Person>,
        attendance: Vec<MemberAttendance>,
        items: Vec<AgendaItem>,
        papers: Vec<Paper>,
        objectives: Vec<Objective>,
        declarations: Vec<Declaration>,
        closings: Vec<MeetingClosed>,
        actions: Vec<ActionEntry>,
    }

    impl World {
        fn figures(&self, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> YearFigures {
            year_figures(&YearInput {
                committee: &self.committee,
                from,
                to,
                meetings: &self.meetings,
                memberships: &self.memberships,
                people: &self.people,
                attendance: &self.attendance,
                items: &self.items,
                papers: &self.papers,
                objectives: &self.objectives,
                declarations: &self.declarations,
                closings: &self.closings,
                actions: &self.actions,
                as_at: today,
            })
        }
    }

    fn person(n: u128, name: &str) -> Person {
        Person {
            id: PersonId(id(n)),
            name: name.into(),
            initials: name.chars().take(2).collect(),
            organisation: String::new(),
            phone: String::new(),
            email: String::new(),
        }
    }

    fn seat(n: u128, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Membership {
        Membership {
            id: MembershipId(id(1000 + n)),
            committee_id: CommitteeId(id(1)),
            person_id: PersonId(id(n)),
            kind: MemberKind::NonExecutiveDirector,
            role: format!("Role {n}"),
            voting: true,
            position: n as u32,
            from,
            to,
        }
    }

    fn meeting(n: u32, date: NaiveDate) -> Meeting {
        Meeting {
            id: MeetingId(id(100 + u128::from(n))),
            committee_id: CommitteeId(id(1)),
            number: n,
            date,
            start_time: chrono::NaiveTime::from_hms_opt(9, 30, 0),
            end_time: None,
            venue: String::new(),
            chair_id: None,
            session: Session::Public,
            status: MeetingStatus::Held,
        }
    }

    fn item(n: u128, meeting: &Meeting, purpose: Purpose, minutes: u32) -> AgendaItem {
        AgendaItem {
            id: AgendaItemId(id(500 + n)),
            meeting_id: meeting.id,
            parent_id: None,
            position: n as u32,
            title: format!("Item {n}"),
            purpose,
            lead: Lead::None,
            duration_minutes: minutes,
            session: Session::Public,
            private_reason: String::new(),
            confidential: false,
            for_bulletin: false,
            paper_expected: false,
            standing: None,
        }
    }

    fn presence(m: &Meeting, p: u128, presence: Presence, deputy: &str) -> MemberAttendance {
        MemberAttendance {
            meeting_id: m.id,
            person_id: PersonId(id(p)),
            presence,
            deputy: deputy.into(),
            arrived: None,
            left: None,
            note: String::new(),
        }
    }

    /// A committee meeting on 1 April 2026, 1 October 2026 and 31 March 2027 (the period's
    /// first and last days), with one meeting before and one after, and one in the period
    /// with no attendance recorded. Ann sits all year; Ben joins on 1 June 2026; Cat leaves
    /// on 30 September 2026; Dan is represented twice by deputies.
    fn world() -> World {
        let committee = Committee {
            id: CommitteeId(id(1)),
            organisation_id: OrganisationId(id(2)),
            name: "Trust Board".into(),
            code: "TB".into(),
            minute_ref_pattern: crate::MinuteRefPattern::new("TB {yy}/{seq}").unwrap(),
            quorum: QuorumRule::default(),
            paper_deadline_days: 7,
            agenda_verbs: false,
            standing_items: Vec::new(),
            pack_issue_days: 5,
            minutes_due_days: 10,
            numbering: Vec::new(),
            retired_on: None,
        };
        let before = meeting(1, d(2026, 3, 31));
        let first = meeting(2, d(2026, 4, 1));
        let middle = meeting(3, d(2026, 10, 1));
        let unrecorded = meeting(4, d(2026, 11, 5));
        let last = meeting(5, d(2027, 3, 31));
        let after = meeting(6, d(2027, 4, 1));
        let people = vec![
            person(11, "Ann Able"),
            person(12, "Ben Baker"),
            person(13, "Cat Cole"),
            person(14, "Dan Dee"),
        ];
        let memberships = vec![
            seat(11, None, None),
            seat(12, Some(d(2026, 6, 1)), None),
            seat(13, None, Some(d(2026, 9, 30))),
            seat(14, None, None),
        ];
        let mut attendance = Vec::new();
        for m in [&before, &first, &middle, &last, &after] {
            for p in 11..=13 {
                attendance.push(presence(m, p, Presence::Present, ""));
            }
        }
        attendance.push(presence(&before, 14, Presence::Present, ""));
        attendance.push(presence(
            &first,
            14,
            Presence::Deputy,
            "Eve Ellis, Deputy Director",
        ));
        attendance.push(presence(&middle, 14, Presence::Apologies, ""));
        attendance.push(presence(
            &last,
            14,
            Presence::Deputy,
            "Eve  Ellis, Deputy Director",
        ));
        // Ann sent apologies to the last meeting after all.
        attendance.retain(|a| !(a.meeting_id == last.id && a.person_id == PersonId(id(11))));
        attendance.push(presence(&last, 11, Presence::Apologies, ""));
        let items = vec![
            item(1, &first, Purpose::Decision, 30),
            item(2, &first, Purpose::Noting, 5),
            item(3, &middle, Purpose::Assurance, 45),
            item(4, &last, Purpose::Decision, 20),
            item(5, &before, Purpose::Decision, 999),
            item(6, &unrecorded, Purpose::Discussion, 999),
        ];
        let objectives = vec![
            Objective {
                id: ObjectiveId(id(21)),
                organisation_id: OrganisationId(id(2)),
                position: 0,
                heading: String::new(),
                text: "Safe care".into(),
            },
            Objective {
                id: ObjectiveId(id(22)),
                organisation_id: OrganisationId(id(2)),
                position: 1,
                heading: String::new(),
                text: "Sound finances".into(),
            },
        ];
        let mut cover = CoverSheet::default();
        cover.objectives.insert(ObjectiveId(id(21)), Answer::Yes);
        cover.objectives.insert(ObjectiveId(id(22)), Answer::No);
        let mut cover2 = CoverSheet::default();
        cover2.objectives.insert(ObjectiveId(id(21)), Answer::Yes);
        cover2.objectives.insert(ObjectiveId(id(22)), Answer::Yes);
        let paper = |n: u128, item: u128, cover: CoverSheet| Paper {
            id: PaperId(id(700 + n)),
            item_id: AgendaItemId(id(500 + item)),
            position: 0,
            letter_override: None,
            title: format!("Paper {n}"),
            authors: String::new(),
            sponsor: String::new(),
            document: None,
            appendices: Vec::new(),
            history: Vec::new(),
            cover,
            received_on: None,
        };
        let papers = vec![paper(1, 1, cover), paper(2, 3, cover2)];
        let declarations = vec![Declaration {
            id: DeclarationId(id(800)),
            item_id: AgendaItemId(id(504)),
            person_id: PersonId(id(12)),
            interest_id: None,
            text: "director of  Calder Ltd".into(),
            action: DeclarationAction::WithdrewFromDecision,
        }];
        let closings = vec![MeetingClosed {
            meeting_id: first.id,
            at: chrono::NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
        }];
        let entry =
            |n: u128, m: &Meeting, due: NaiveDate, history: Vec<ActionUpdate>| ActionEntry {
                action: Action {
                    id: ActionId(id(900 + n)),
                    text: format!("Action {n}"),
                    lead: "AA".into(),
                    due: Some(due),
                    status: history.last().map(|u| u.status).unwrap_or_default(),
                },
                reference: format!("TB {n}"),
                meeting_id: m.id,
                meeting_label: String::new(),
                meeting_date: m.date,
                item_id: AgendaItemId(id(501)),
                item_title: String::new(),
                private: false,
                status: ActionStatus::Open,
                rag: Rag::Green,
                history,
            };
        let update = |n: u128, date: NaiveDate, status: ActionStatus| ActionUpdate {
            id: ActionUpdateId(id(950 + n)),
            action_id: ActionId(id(900 + n)),
            date,
            status,
            note: "done".into(),
            meeting_id: None,
        };
        let actions = vec![
            // Raised before the period, completed in it.
            entry(
                1,
                &before,
                d(2026, 5, 1),
                vec![update(1, d(2026, 5, 1), ActionStatus::Complete)],
            ),
            // Raised in it, still open and overdue at its end.
            entry(2, &first, d(2026, 6, 1), Vec::new()),
            // Raised in it, due after its end: open, not overdue.
            entry(3, &last, d(2027, 6, 1), Vec::new()),
            // Raised in it, closed after its end: open (and overdue) at its end.
            entry(
                4,
                &middle,
                d(2026, 12, 1),
                vec![update(4, d(2027, 4, 2), ActionStatus::Closed)],
            ),
        ];
        World {
            committee,
            meetings: vec![before, first, middle, unrecorded, last, after],
            memberships,
            people,
            attendance,
            items,
            papers,
            objectives,
            declarations,
            closings,
            actions,
        }
    }

    fn year(w: &World) -> YearFigures {
        w.figures(d(2026, 4, 1), d(2027, 3, 31), d(2027, 6, 30))
    }

    #[test]
    fn meetings_on_the_first_and_last_day_count_and_unrecorded_ones_are_listed() {
        let f = year(&world());
        let counted: Vec<u32> = f.meetings.iter().map(|m| m.number).collect();
        assert_eq!(counted, [2, 3, 5]);
        let left: Vec<u32> = f.not_counted.iter().map(|m| m.number).collect();
        assert_eq!(left, [4]);
    }

    #[test]
    fn possible_meetings_follow_the_membership_dates() {
        let f = year(&world());
        let got: Vec<(&str, u32, u32, u32, u32)> = f
            .attendance
            .iter()
            .map(|m| {
                (
                    m.name.as_str(),
                    m.attended,
                    m.possible,
                    m.deputised,
                    m.apologies,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Ann Able", 2, 3, 0, 1),
                // Joined on 1 June: not a member at the first meeting.
                ("Ben Baker", 2, 2, 0, 0),
                // Left on 30 September: only the first meeting.
                ("Cat Cole", 1, 1, 0, 0),
                ("Dan Dee", 0, 3, 2, 1),
            ]
        );
        // Deputies are counted by name, spaces tidied.
        assert_eq!(
            f.attendance[3].deputies,
            [DeputyCount {
                deputy: "Eve Ellis, Deputy Director".into(),
                times: 2
            }]
        );
        let alt = attendance_alt(&f);
        assert!(
            alt.starts_with("Bar chart of attendance: Ann Able 2 of 3 meetings, Ben Baker 2 of 2 meetings, Cat Cole 1 of 1 meeting, Dan Dee 0 of 3 meetings (a deputy came to 2)."),
            "{alt}"
        );
    }

    #[test]
    fn a_member_who_joined_mid_year_counts_only_meetings_since() {
        let w = world();
        // A period that ends before Ben joined: he is left out altogether.
        let f = w.figures(d(2026, 4, 1), d(2026, 5, 31), d(2027, 1, 1));
        assert!(f.attendance.iter().all(|m| m.name != "Ben Baker"));
        assert_eq!(f.attendance.len(), 3);
    }

    #[test]
    fn time_by_purpose_and_objective_is_planned_time_of_counted_meetings() {
        let f = year(&world());
        let purpose: Vec<(&str, u32, u32)> = f
            .by_purpose
            .iter()
            .map(|t| (t.label.as_str(), t.items, t.planned_minutes))
            .collect();
        assert_eq!(
            purpose,
            [
                ("Decision", 2, 50),
                ("Discussion", 0, 0),
                ("Assurance", 1, 45),
                ("Noting", 1, 5)
            ]
        );
        let objective: Vec<(&str, u32, u32)> = f
            .by_objective
            .iter()
            .map(|t| (t.label.as_str(), t.items, t.planned_minutes))
            .collect();
        assert_eq!(
            objective,
            [
                ("Safe care", 2, 75),
                ("Sound finances", 1, 45),
                (NO_OBJECTIVE, 2, 25)
            ]
        );
        let lengths: Vec<(u32, u32, Option<u32>)> = f
            .meeting_times
            .iter()
            .map(|m| (m.number, m.planned_minutes, m.minuted_minutes))
            .collect();
        assert_eq!(lengths, [(2, 35, Some(90)), (3, 45, None), (5, 20, None)]);
    }

    #[test]
    fn actions_opened_closed_and_overdue_at_the_end() {
        let f = year(&world());
        let a = &f.actions;
        assert_eq!((a.opened, a.closed, a.open_at_end), (3, 1, 3));
        let overdue: Vec<&str> = a.overdue.iter().map(|o| o.reference.as_str()).collect();
        assert_eq!(overdue, ["TB 2", "TB 4"]);
        assert_eq!(a.as_at, d(2027, 3, 31));
        // Judged today when the period has not ended: action 4 is not yet due.
        let w = world();
        let f = w.figures(d(2026, 4, 1), d(2027, 3, 31), d(2026, 10, 2));
        assert_eq!(f.actions.as_at, d(2026, 10, 2));
        let overdue: Vec<&str> = f
            .actions
            .overdue
            .iter()
            .map(|o| o.reference.as_str())
            .collect();
        assert_eq!(overdue, ["TB 2"]);
    }

    #[test]
    fn declarations_name_the_member_and_the_item() {
        let mut w = world();
        let f = year(&w);
        assert_eq!(f.declarations.len(), 1);
        let dec = &f.declarations[0];
        assert_eq!(
            (
                dec.name.as_str(),
                dec.item.as_str(),
                dec.text.as_str(),
                dec.meeting_number
            ),
            ("Ben Baker", "Item 1: Item 4", "director of Calder Ltd", 5)
        );
        // A confidential item's title is not given.
        w.items[3].confidential = true;
        w.items[3].session = Session::Private;
        w.items[3].private_reason = "Commercial".into();
        let f = year(&w);
        assert_eq!(
            f.declarations[0].item,
            "Item 1: a confidential item taken in private"
        );
    }

    #[test]
    fn a_backwards_period_is_refused() {
        let err = check_period(d(2027, 4, 1), d(2027, 3, 31)).unwrap_err();
        assert!(err.contains("give --from before --to"), "{err}");
        assert!(check_period(d(2027, 3, 31), d(2027, 3, 31)).is_ok());
    }

    #[test]
    fn csv_is_a_long_table_and_defuses_formulas() {
        let mut w = world();
        w.people[0].name = "=HYPERLINK(\"http://x\")".into();
        w.people[1].name = "+44 Ben".into();
        w.people[2].name = "@Cat".into();
        w.people[3].name = "\tDan".into();
        w.declarations[0].text = "-1+2".into();
        let f = year(&w);
        let csv = year_csv(&f);
        let mut lines = csv.split("\r\n");
        assert_eq!(lines.next(), Some("section,name,measure,value"));
        assert!(
            csv.contains("attendance,\"'=HYPERLINK(\"\"http://x\"\")\",attended,2\r\n"),
            "{csv}"
        );
        assert!(csv.contains("attendance,'+44 Ben,possible,2\r\n"), "{csv}");
        assert!(csv.contains("attendance,'@Cat,possible,1\r\n"), "{csv}");
        assert!(
            csv.contains("attendance,'\tDan,deputised by Eve Ellis, Deputy Director,2\r\n")
                || csv.contains(
                    "attendance,'\tDan,\"deputised by Eve Ellis, Deputy Director\",2\r\n"
                ),
            "{csv}"
        );
        assert!(
            csv.contains(",\"'-1+2 (withdrew from the decision)\"\r\n")
                || csv.contains(",'-1+2 (withdrew from the decision)\r\n"),
            "{csv}"
        );
        assert!(csv.contains("time by purpose,Decision,planned minutes,50\r\n"));
        assert!(csv.contains("time by purpose,Decision,minuted minutes,not recorded\r\n"));
        // Every row has four fields.
        let mut reader_rows = 0;
        for line in csv.split("\r\n").filter(|l| !l.is_empty()) {
            let mut fields = 1;
            let mut quoted = false;
            for c in line.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ',' if !quoted => fields += 1,
                    _ => {}
                }
            }
            assert_eq!(fields, 4, "{line}");
            reader_rows += 1;
        }
        assert!(reader_rows > 40);
    }

    #[test]
    fn the_document_has_a_chart_and_table_for_each_figure() {
        let f = year(&world());
        let doc = year_blocks(&f);
        let flat: Vec<&Block> = doc
            .blocks
            .iter()
            .flat_map(|b| match b {
                Block::KeepTogether(inner) => inner.iter().collect::<Vec<_>>(),
                other => vec![other],
            })
            .collect();
        let charts: Vec<&BarChart> = flat
            .iter()
            .filter_map(|b| match b {
                Block::Chart(c) => Some(c),
                _ => None,
            })
            .collect();
        assert_eq!(charts.len(), 3);
        assert_eq!(charts[0].bars[3].value_label, "0/3");
        assert_eq!(charts[0].bars[3].of, Some(3.0));
        assert!(
            charts[1].alt.contains("Decision 50 min"),
            "{}",
            charts[1].alt
        );
        // Every chart is followed by its table.
        for (k, b) in flat.iter().enumerate() {
            if matches!(b, Block::Chart(_)) {
                assert!(
                    matches!(flat.get(k + 1), Some(Block::Table(_))),
                    "block {k}"
                );
            }
        }
        assert_eq!(duration_text(150), "2 h 30 min");
        assert_eq!(duration_text(120), "2 h");
        assert_eq!(duration_text(0), "0 min");
    }

    #[test]
    fn a_period_without_meetings_says_so_and_draws_no_chart() {
        let w = world();
        let f = w.figures(d(2028, 4, 1), d(2029, 3, 31), d(2026, 1, 1));
        assert!(f.meetings.is_empty() && f.attendance.is_empty());
        let doc = year_blocks(&f);
        assert_eq!(doc.blocks.len(), 1);
        assert!(matches!(&doc.blocks[0], Block::Paragraph(p)
            if p.spans[0].text.contains("held no meeting with its attendance recorded from 1 April 2028 to 31 March 2029")));
        // Overdue is never judged before the period starts.
        assert_eq!(f.actions.as_at, d(2028, 4, 1));
    }
}
