//! The forward plan (work programme): when each topic is next due back at a committee, read
//! from the "scheduled date of the next paper" on the cover sheets, and the agenda it
//! proposes for a coming meeting: the committee's standing items, the papers the forward
//! plan schedules for it, and the action log while actions are open.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agenda::{AgendaItem, Lead, Purpose, StandingKind};
use crate::ids::{MeetingId, PaperId};
use crate::meeting::{Meeting, Session};
use crate::paper::{NextPaper, Paper};
use crate::validate::long_date;

/// A paper on an earlier agenda, with where it was taken.
#[derive(Debug, Clone)]
pub struct PlanSource<'a> {
    pub meeting: &'a Meeting,
    pub item: &'a AgendaItem,
    pub paper: &'a Paper,
    /// "Paper E".
    pub letter: String,
}

/// One topic on the forward plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanEntry {
    /// The paper's title: the topic.
    pub title: String,
    pub purpose: Purpose,
    pub lead: Lead,
    /// A topic first taken in private stays private.
    pub session: Session,
    pub private_reason: String,
    pub paper_id: PaperId,
    /// The meeting that last took the topic, and the paper's letter there.
    pub from_meeting_id: MeetingId,
    #[ts(type = "string")]
    pub from_date: NaiveDate,
    pub from_letter: String,
    /// As the cover sheet says it ("7 January 2027", "March 2027 Trust Board").
    pub due_text: String,
    /// The day from which the next paper is due: the date, or the first of the month a
    /// meeting name gives.
    #[ts(type = "string | null")]
    pub due_from: Option<NaiveDate>,
    /// The first of the committee's meetings on or after `due_from`, when there is one.
    pub scheduled_meeting_id: Option<MeetingId>,
    /// That meeting's agenda already has an item of the same title.
    pub on_agenda: bool,
}

/// Reads "March 2027" (or "Mar 2027") anywhere in a meeting name.
pub fn month_in(text: &str) -> Option<NaiveDate> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    words.windows(2).find_map(|w| {
        let month = MONTHS
            .iter()
            .position(|m| w[0].starts_with(m) && (w[0].len() == 3 || w[0].len() > 3))?;
        let year: i32 = w[1].parse().ok().filter(|y| (1900..=2200).contains(y))?;
        NaiveDate::from_ymd_opt(year, month as u32 + 1, 1)
    })
}

fn same_topic(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// The forward plan of one committee: for each topic (paper title), its latest paper's
/// next-paper date, scheduled into the first meeting on or after it. Topics with no
/// further paper planned, and the papers of standing items, are left out. `meetings` and `items` are the committee's.
pub fn forward_plan(
    sources: &[PlanSource<'_>],
    meetings: &[Meeting],
    items: &[AgendaItem],
) -> Vec<PlanEntry> {
    let mut latest: Vec<&PlanSource<'_>> = Vec::new();
    // Standing items (the previous minutes, the action log) come back by themselves.
    for s in sources.iter().filter(|s| s.item.standing.is_none()) {
        match latest
            .iter_mut()
            .find(|l| same_topic(&l.paper.title, &s.paper.title))
        {
            Some(l) if l.meeting.date < s.meeting.date => *l = s,
            Some(_) => {}
            None => latest.push(s),
        }
    }
    let mut plan: Vec<PlanEntry> = latest
        .into_iter()
        .filter_map(|s| {
            let (due_text, due_from) = match &s.paper.cover.next_paper {
                NextPaper::Date { date } => (long_date(*date), Some(*date)),
                NextPaper::Meeting { meeting } => (meeting.clone(), month_in(meeting)),
                NextPaper::Tbc => ("TBC".to_owned(), None),
                NextPaper::Unset | NextPaper::NonePlannedYet => return None,
            };
            let scheduled = due_from.and_then(|from| {
                meetings
                    .iter()
                    .filter(|m| m.date >= from && m.date > s.meeting.date)
                    .min_by_key(|m| (m.date, m.number))
            });
            let on_agenda = scheduled.is_some_and(|m| {
                items
                    .iter()
                    .any(|i| i.meeting_id == m.id && same_topic(&i.title, &s.paper.title))
            });
            Some(PlanEntry {
                title: s.paper.title.clone(),
                purpose: s.item.purpose,
                lead: s.item.lead.clone(),
                session: s.item.session,
                private_reason: s.item.private_reason.clone(),
                paper_id: s.paper.id,
                from_meeting_id: s.meeting.id,
                from_date: s.meeting.date,
                from_letter: s.letter.clone(),
                due_text,
                due_from,
                scheduled_meeting_id: scheduled.map(|m| m.id),
                on_agenda,
            })
        })
        .collect();
    plan.sort_by(|a, b| {
        (a.due_from.is_none(), a.due_from, &a.title).cmp(&(
            b.due_from.is_none(),
            b.due_from,
            &b.title,
        ))
    });
    plan
}

/// Why an item is proposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ProposalSource {
    /// One of the committee's standing items, missing from the agenda.
    Standing { standing: StandingKind },
    /// Due back by the forward plan.
    ForwardPlan {
        paper_id: PaperId,
        from_meeting_id: MeetingId,
        due_text: String,
    },
    /// Actions are open: the action log must come back.
    MattersArising { open_actions: u32 },
}

/// An item the agenda of a coming meeting should have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposedItem {
    pub title: String,
    pub purpose: Purpose,
    pub lead: Lead,
    pub session: Session,
    pub private_reason: String,
    pub paper_expected: bool,
    pub source: ProposalSource,
    /// One sentence for the secretary: "Due 7 January 2027 (Paper E at the meeting of 3
    /// December 2026)."
    pub reason: String,
}

/// What the agenda of `meeting` should have and does not yet: the committee's standing
/// items, the forward plan's papers scheduled for it, and the action log while
/// `open_actions` is not zero.
pub fn propose_agenda(
    meeting: &Meeting,
    standing: &[StandingKind],
    plan: &[PlanEntry],
    agenda: &[AgendaItem],
    open_actions: u32,
) -> Vec<ProposedItem> {
    let mut out = Vec::new();
    let has = |kind: StandingKind| agenda.iter().any(|i| i.standing == Some(kind));
    let mut kinds: Vec<StandingKind> = standing.to_vec();
    if open_actions > 0 && !kinds.contains(&StandingKind::ActionLog) {
        kinds.push(StandingKind::ActionLog);
    }
    for kind in kinds {
        if has(kind) {
            continue;
        }
        let (title, purpose, _, paper_expected) = kind.template();
        let (source, reason) = if kind == StandingKind::ActionLog && open_actions > 0 {
            (
                ProposalSource::MattersArising { open_actions },
                format!(
                    "{open_actions} action{} from earlier meetings {} still open.",
                    if open_actions == 1 { "" } else { "s" },
                    if open_actions == 1 { "is" } else { "are" }
                ),
            )
        } else {
            (
                ProposalSource::Standing { standing: kind },
                "A standing item of the committee.".to_owned(),
            )
        };
        out.push(ProposedItem {
            title: title.to_owned(),
            purpose,
            lead: Lead::None,
            session: meeting.session,
            private_reason: String::new(),
            paper_expected,
            source,
            reason,
        });
    }
    for e in plan
        .iter()
        .filter(|e| e.scheduled_meeting_id == Some(meeting.id) && !e.on_agenda)
    {
        out.push(ProposedItem {
            title: e.title.clone(),
            purpose: e.purpose,
            lead: e.lead.clone(),
            session: e.session,
            private_reason: e.private_reason.clone(),
            paper_expected: true,
            source: ProposalSource::ForwardPlan {
                paper_id: e.paper_id,
                from_meeting_id: e.from_meeting_id,
                due_text: e.due_text.clone(),
            },
            reason: format!(
                "Due {} ({} at the meeting of {}).",
                e.due_text,
                e.from_letter,
                long_date(e.from_date)
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{AgendaItemId, CommitteeId};
    use crate::meeting::MeetingStatus;
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn meeting(n: u128, date: NaiveDate) -> Meeting {
        Meeting {
            id: MeetingId(Uuid::from_u128(n)),
            committee_id: CommitteeId(Uuid::from_u128(99)),
            number: n as u32,
            date,
            start_time: None,
            end_time: None,
            venue: String::new(),
            chair_id: None,
            session: Session::Public,
            status: MeetingStatus::Planning,
        }
    }

    fn item(n: u128, meeting: &Meeting, title: &str, session: Session) -> AgendaItem {
        AgendaItem {
            id: AgendaItemId(Uuid::from_u128(n)),
            meeting_id: meeting.id,
            parent_id: None,
            position: n as u32,
            title: title.into(),
            purpose: Purpose::Assurance,
            lead: Lead::Invitee {
                name: "Sam Patel".into(),
                role: "Director of Finance".into(),
            },
            duration_minutes: 10,
            session,
            private_reason: if session == Session::Private {
                "Commercial interests".into()
            } else {
                String::new()
            },
            confidential: false,
            for_bulletin: false,
            paper_expected: true,
            standing: None,
        }
    }

    fn paper(n: u128, item: &AgendaItem, next: NextPaper) -> Paper {
        Paper {
            id: PaperId(Uuid::from_u128(n)),
            item_id: item.id,
            position: 0,
            letter_override: None,
            title: item.title.clone(),
            authors: String::new(),
            sponsor: String::new(),
            document: None,
            appendices: Vec::new(),
            history: Vec::new(),
            cover: crate::paper::CoverSheet {
                next_paper: next,
                ..Default::default()
            },
            received_on: None,
        }
    }

    #[test]
    fn reads_a_month_from_a_meeting_name() {
        assert_eq!(month_in("August 2019 Trust Board"), Some(d(2019, 8, 1)));
        assert_eq!(month_in("Trust Board, Mar 2027"), Some(d(2027, 3, 1)));
        assert_eq!(month_in("the next meeting"), None);
        assert_eq!(month_in("May 99"), None);
    }

    #[test]
    fn schedules_each_topic_into_the_first_meeting_on_or_after_its_date() {
        let m1 = meeting(1, d(2026, 12, 3));
        let m2 = meeting(2, d(2027, 1, 7));
        let m3 = meeting(3, d(2027, 3, 4));
        let finance = item(10, &m1, "Finance report", Session::Public);
        let car_park = item(11, &m1, "Car park contract", Session::Private);
        let quality = item(12, &m1, "Quality report", Session::Public);
        let strategy = item(13, &m1, "Strategy refresh", Session::Public);
        let p1 = paper(
            20,
            &finance,
            NextPaper::Date {
                date: d(2027, 1, 1),
            },
        );
        let p2 = paper(
            21,
            &car_park,
            NextPaper::Meeting {
                meeting: "March 2027 Trust Board".into(),
            },
        );
        let p3 = paper(22, &quality, NextPaper::NonePlannedYet);
        let p4 = paper(23, &strategy, NextPaper::Tbc);
        let mut log = item(14, &m1, "Action log", Session::Public);
        log.standing = Some(StandingKind::ActionLog);
        let p5 = paper(
            24,
            &log,
            NextPaper::Date {
                date: d(2027, 1, 1),
            },
        );
        let src = |p: &'static str, i, paper| PlanSource {
            meeting: &m1,
            item: i,
            paper,
            letter: p.into(),
        };
        let sources = vec![
            src("Paper A", &finance, &p1),
            src("Paper B", &car_park, &p2),
            src("Paper C", &quality, &p3),
            src("Paper D", &strategy, &p4),
            src("Paper E", &log, &p5),
        ];
        let meetings = vec![m1.clone(), m2.clone(), m3.clone()];
        let items = vec![finance.clone(), car_park.clone(), quality.clone()];
        let plan = forward_plan(&sources, &meetings, &items);
        let titles: Vec<&str> = plan.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Finance report", "Car park contract", "Strategy refresh"]
        );
        assert_eq!(plan[0].scheduled_meeting_id, Some(m2.id));
        assert_eq!(plan[1].scheduled_meeting_id, Some(m3.id));
        assert_eq!(plan[1].session, Session::Private);
        assert_eq!(plan[2].scheduled_meeting_id, None);

        // The January meeting gets the finance report, the action log (open actions) and
        // its missing standing items; not the March topic.
        let proposal = propose_agenda(&m2, &[StandingKind::PreviousMinutes], &plan, &[], 3);
        let titles: Vec<&str> = proposal.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Minutes of the previous meeting",
                "Action log and matters arising",
                "Finance report"
            ]
        );
        assert_eq!(
            proposal[2].reason,
            "Due 1 January 2027 (Paper A at the meeting of 3 December 2026)."
        );
        // Once the January agenda has the finance report, it is no longer proposed.
        let mut items = items;
        items.push(item(30, &m2, "Finance  Report", Session::Public));
        let plan = forward_plan(&sources, &meetings, &items);
        assert!(plan[0].on_agenda);
        let proposal = propose_agenda(&m2, &[], &plan, &items[3..], 0);
        assert!(proposal.is_empty());
        // The private topic is proposed in private, with its reason.
        let march = propose_agenda(&m3, &[], &plan, &[], 0);
        assert_eq!(march[0].session, Session::Private);
        assert_eq!(march[0].private_reason, "Commercial interests");
    }

    #[test]
    fn a_later_paper_on_the_same_topic_replaces_the_earlier_date() {
        let m1 = meeting(1, d(2026, 10, 1));
        let m2 = meeting(2, d(2026, 12, 3));
        let m3 = meeting(3, d(2027, 2, 4));
        let a = item(10, &m1, "Finance report", Session::Public);
        let b = item(11, &m2, "Finance report", Session::Public);
        let pa = paper(
            20,
            &a,
            NextPaper::Date {
                date: d(2026, 12, 1),
            },
        );
        let pb = paper(
            21,
            &b,
            NextPaper::Date {
                date: d(2027, 2, 1),
            },
        );
        let sources = vec![
            PlanSource {
                meeting: &m2,
                item: &b,
                paper: &pb,
                letter: "Paper C".into(),
            },
            PlanSource {
                meeting: &m1,
                item: &a,
                paper: &pa,
                letter: "Paper A".into(),
            },
        ];
        let plan = forward_plan(
            &sources,
            &[m1.clone(), m2.clone(), m3.clone()],
            &[a.clone(), b.clone()],
        );
        assert_eq!(plan.len(), 1);
        assert_eq!(plan[0].scheduled_meeting_id, Some(m3.id));
        assert_eq!(plan[0].from_letter, "Paper C");
    }
}
