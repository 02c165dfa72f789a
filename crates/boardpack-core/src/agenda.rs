//! The agenda: items in order, their numbers (1, 2, 5.1 …), their start times computed
//! from the meeting's start and each item's duration, and the standing items every
//! meeting of a committee opens and closes with. Pure rules over a list of items; the
//! application stores them and passes them in.

use chrono::{NaiveTime, TimeDelta};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;

use crate::ids::{AgendaItemId, MeetingId, PersonId};
use crate::meeting::Session;
use crate::validate::ValidationError;

/// Why an item is on the agenda: what the meeting is asked to do with it. Cover sheets tick
/// one or more of the same four.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Purpose {
    Decision,
    Discussion,
    Assurance,
    Noting,
}

impl Purpose {
    pub const ALL: [Purpose; 4] = [
        Purpose::Decision,
        Purpose::Discussion,
        Purpose::Assurance,
        Purpose::Noting,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Decision => "decision",
            Purpose::Discussion => "discussion",
            Purpose::Assurance => "assurance",
            Purpose::Noting => "noting",
        }
    }

    /// "Decision", as cover sheets print it.
    pub fn label(self) -> &'static str {
        match self {
            Purpose::Decision => "Decision",
            Purpose::Discussion => "Discussion",
            Purpose::Assurance => "Assurance",
            Purpose::Noting => "Noting",
        }
    }

    /// The agenda verb committees that use that style print: "To APPROVE".
    pub fn verb(self) -> &'static str {
        match self {
            Purpose::Decision => "To APPROVE",
            Purpose::Discussion => "To DISCUSS",
            Purpose::Assurance => "To RECEIVE",
            Purpose::Noting => "To NOTE",
        }
    }

    /// What the purpose means, as the seeds' cover sheets explain it.
    pub fn description(self) -> &'static str {
        match self {
            Purpose::Decision => "To formally receive a report and approve its recommendations or a particular course of action",
            Purpose::Discussion => "To discuss, in depth, a report noting its implications without formally approving a recommendation or action",
            Purpose::Assurance => "To assure the Board that systems and processes are in place, or to advise a gap along with a treatment plan",
            Purpose::Noting => "For noting without the need for discussion",
        }
    }
}

impl fmt::Display for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Purpose {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Purpose::ALL
            .into_iter()
            .find(|p| p.as_str() == wanted)
            .ok_or_else(|| ValidationError::NotOneOf {
                what: "purpose",
                value: s.to_owned(),
                choices: "decision, discussion, assurance, noting",
            })
    }
}

/// Who presents an item: a member of the committee, or a named invitee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum Lead {
    None,
    Member { person_id: PersonId },
    Invitee { name: String, role: String },
}

impl Lead {
    /// How agendas and packs name the lead: "John Adeyemi, Chief Executive" (a member's
    /// role on the committee), or the invitee's name and role.
    pub fn describe(
        &self,
        people: &[crate::model::Person],
        members: &[crate::model::Membership],
    ) -> String {
        let with_role = |name: String, role: &str| {
            if role.is_empty() {
                name
            } else {
                format!("{name}, {role}")
            }
        };
        match self {
            Lead::None => String::new(),
            Lead::Member { person_id } => {
                let name = people
                    .iter()
                    .find(|p| p.id == *person_id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                let role = members
                    .iter()
                    .find(|m| m.person_id == *person_id)
                    .map(|m| m.role.as_str())
                    .unwrap_or("");
                with_role(name, role)
            }
            Lead::Invitee { name, role } => with_role(name.clone(), role),
        }
    }
}

/// The standing items a committee's meetings open and close with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StandingKind {
    WelcomeAndApologies,
    Quorum,
    DeclarationsOfInterest,
    PreviousMinutes,
    ActionLog,
    AnyOtherBusiness,
    DateOfNextMeeting,
}

impl StandingKind {
    pub const ALL: [StandingKind; 7] = [
        StandingKind::WelcomeAndApologies,
        StandingKind::Quorum,
        StandingKind::DeclarationsOfInterest,
        StandingKind::PreviousMinutes,
        StandingKind::ActionLog,
        StandingKind::AnyOtherBusiness,
        StandingKind::DateOfNextMeeting,
    ];

    /// Whether the item closes the meeting (after the substantive business).
    pub fn closes(self) -> bool {
        matches!(
            self,
            StandingKind::AnyOtherBusiness | StandingKind::DateOfNextMeeting
        )
    }

    /// The item as a new meeting's agenda has it: title, purpose, minutes, paper expected.
    pub fn template(self) -> (&'static str, Purpose, u32, bool) {
        match self {
            StandingKind::WelcomeAndApologies => (
                "Welcome and apologies for absence",
                Purpose::Noting,
                2,
                false,
            ),
            StandingKind::Quorum => ("Confirmation of quorum", Purpose::Noting, 1, false),
            StandingKind::DeclarationsOfInterest => {
                ("Declarations of interest", Purpose::Noting, 2, false)
            }
            StandingKind::PreviousMinutes => (
                "Minutes of the previous meeting",
                Purpose::Decision,
                5,
                true,
            ),
            StandingKind::ActionLog => (
                "Action log and matters arising",
                Purpose::Assurance,
                5,
                true,
            ),
            StandingKind::AnyOtherBusiness => ("Any other business", Purpose::Noting, 5, false),
            StandingKind::DateOfNextMeeting => {
                ("Date and time of next meeting", Purpose::Noting, 1, false)
            }
        }
    }
}

/// One item on a meeting's agenda. `position` orders items among their siblings; a
/// sub-item has a `parent_id` (one level only: 5.1, never 5.1.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub meeting_id: MeetingId,
    pub parent_id: Option<AgendaItemId>,
    pub position: u32,
    pub title: String,
    pub purpose: Purpose,
    pub lead: Lead,
    pub duration_minutes: u32,
    pub session: Session,
    /// Why the item is taken in private (required when it is).
    pub private_reason: String,
    /// A private item whose very title must not appear in the public pack.
    pub confidential: bool,
    /// Listed in the public bulletin ("for noting").
    pub for_bulletin: bool,
    /// Whether the item needs a paper; a missing one is a readiness problem.
    pub paper_expected: bool,
    pub standing: Option<StandingKind>,
}

/// An item's computed place: its number and its start and end times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Slot {
    pub item_id: AgendaItemId,
    /// "5" or "5.1".
    pub number: String,
    #[ts(type = "string | null")]
    pub start: Option<NaiveTime>,
    #[ts(type = "string | null")]
    pub end: Option<NaiveTime>,
    pub depth: u8,
}

/// Which part of the meeting an item is taken in: Part 1, the business held in public
/// ([`Session::Public`]), or Part 2, the private business taken after the resolution to
/// exclude the press and public ([`Session::Private`]). An item is in Part 2 when it or its
/// parent is private; like [`crate::pack::included`] it fails closed (a sub-item whose
/// parent cannot be found is in Part 2).
pub fn part(item: &AgendaItem, items: &[AgendaItem]) -> Session {
    if item.session == Session::Private {
        return Session::Private;
    }
    match item.parent_id {
        None => Session::Public,
        Some(p) => match items.iter().find(|i| i.id == p) {
            Some(parent) if parent.id != item.id && parent.parent_id.is_none() => parent.session,
            _ => Session::Private,
        },
    }
}

/// Puts an agenda in its parts' order: every Part 1 (public) item before every Part 2
/// (private) item, each part keeping its own order; positions are rewritten 0, 1, 2… among
/// siblings. A private sub-item of a public item (which the builder no longer lets anyone
/// make) comes out to Part 2 as an item of its own, just where its parent's place would put
/// it. [`schedule`] reads every agenda through it, so whatever is stored (older data, an
/// imported archive) every document shows the parts in order; the agenda builder's writes
/// store the normalised order, so what the screens show is what is kept.
pub fn normalise(items: &mut [AgendaItem]) {
    let top_session: std::collections::HashMap<AgendaItemId, (Session, u32)> = items
        .iter()
        .filter(|i| i.parent_id.is_none())
        .map(|i| (i.id, (i.session, i.position)))
        .collect();
    // (part, position, place among a parent's hoisted sub-items, id) orders the top level.
    let mut tops: Vec<((u8, u32, u32, AgendaItemId), usize)> = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let key = match item.parent_id {
            None => Some((
                u8::from(item.session == Session::Private),
                item.position,
                0,
                item.id,
            )),
            Some(p) => match top_session.get(&p) {
                Some((Session::Public, at)) if item.session == Session::Private => {
                    Some((1, *at, 1 + item.position, item.id))
                }
                _ => None,
            },
        };
        if let Some(key) = key {
            tops.push((key, k));
        }
    }
    tops.sort();
    for (n, (_, k)) in tops.iter().enumerate() {
        items[*k].parent_id = None;
        items[*k].position = n as u32;
    }
    let mut children: Vec<(AgendaItemId, u32, AgendaItemId, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(k, i)| i.parent_id.map(|p| (p, i.position, i.id, k)))
        .collect();
    children.sort();
    let mut last = None;
    let mut n = 0;
    for (parent, _, _, k) in children {
        if last != Some(parent) {
            last = Some(parent);
            n = 0;
        }
        items[k].position = n;
        n += 1;
    }
}

/// The agenda in reading order (parents before their sub-items), numbered and timed: Part 1
/// (public business) first, then Part 2 (private business), whatever order the items were
/// stored in ([`normalise`]), so the public items are numbered 1… without a gap and the
/// private ones after them. A parent with sub-items runs for its own minutes, then its
/// sub-items run in turn. Times never wrap round the clock: an item that would start or end
/// after midnight has no time.
pub fn schedule(items: &[AgendaItem], start: Option<NaiveTime>) -> Vec<Slot> {
    let mut ordered = items.to_vec();
    normalise(&mut ordered);
    let items = &ordered[..];
    let mut tops: Vec<&AgendaItem> = items.iter().filter(|i| i.parent_id.is_none()).collect();
    tops.sort_by_key(|i| (i.position, i.id));
    let mut out = Vec::with_capacity(items.len());
    // Minutes from the meeting's start.
    let mut elapsed: i64 = 0;
    let at = |minutes: i64| {
        let t = start?;
        let (time, wrapped) = t.overflowing_add_signed(TimeDelta::minutes(minutes));
        (wrapped == 0).then_some(time)
    };
    let mut advance = |minutes: u32| {
        let begin = elapsed;
        elapsed += i64::from(minutes);
        (at(begin), at(elapsed))
    };
    for (n, top) in tops.iter().enumerate() {
        let (s, e) = advance(top.duration_minutes);
        out.push(Slot {
            item_id: top.id,
            number: (n + 1).to_string(),
            start: s,
            end: e,
            depth: 0,
        });
        let mut children: Vec<&AgendaItem> = items
            .iter()
            .filter(|i| i.parent_id == Some(top.id) && i.id != top.id)
            .collect();
        children.sort_by_key(|i| (i.position, i.id));
        for (k, child) in children.iter().enumerate() {
            let (s, e) = advance(child.duration_minutes);
            out.push(Slot {
                item_id: child.id,
                number: format!("{}.{}", n + 1, k + 1),
                start: s,
                end: e,
                depth: 1,
            });
        }
    }
    out
}

/// How far the agenda runs past the meeting's end, in minutes (None when it fits or when
/// the meeting has no times): the scheduled items' minutes from the start, so an agenda
/// that runs past midnight is measured too.
pub fn overrun_minutes(
    items: &[AgendaItem],
    slots: &[Slot],
    meeting_start: Option<NaiveTime>,
    meeting_end: Option<NaiveTime>,
) -> Option<i64> {
    let (start, end) = (meeting_start?, meeting_end?);
    let total: i64 = slots
        .iter()
        .filter_map(|s| items.iter().find(|i| i.id == s.item_id))
        .map(|i| i64::from(i.duration_minutes))
        .sum();
    let over = total - (end - start).num_minutes();
    (over > 0).then_some(over)
}

/// Where an item moves to when reordered: among its siblings (`Up`/`Down`), to a given
/// index, in and out of the item above (`Indent`/`Outdent`), or next to another item, at
/// that item's level (`Before`/`After`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Move {
    Up,
    Down,
    /// To this index among its (new) siblings under `parent`.
    To {
        parent: Option<AgendaItemId>,
        index: u32,
    },
    Indent,
    Outdent,
    /// Just before `item`, as its sibling (a sub-item if `item` is one).
    Before {
        item: AgendaItemId,
    },
    /// Just after `item`, as its sibling.
    After {
        item: AgendaItemId,
    },
}

/// Applies a move to the agenda, rewriting `parent_id` and `position` of the items that
/// change (the agenda is [`normalise`]d first). Items keep their ids; numbers follow from
/// [`schedule`]. Returns an error when the move makes no sense (indenting the first item,
/// nesting two levels deep) or would put private business among public business: moving
/// up or down across the line between Part 1 and Part 2, or taking a private item under a
/// public one, is refused with a sentence that says what to do; moved to a place in the
/// other part (dragged there, or next to an item of it), an item lands at its own part's
/// edge instead.
pub fn apply_move(
    items: &mut [AgendaItem],
    id: AgendaItemId,
    mv: Move,
) -> Result<(), ValidationError> {
    normalise(items);
    let invalid = |why: &str| ValidationError::Agenda(why.to_owned());
    let item = items
        .iter()
        .find(|i| i.id == id)
        .cloned()
        .ok_or_else(|| invalid("that item is not on this agenda"))?;
    let siblings = |items: &[AgendaItem], parent: Option<AgendaItemId>| -> Vec<AgendaItemId> {
        let mut s: Vec<&AgendaItem> = items.iter().filter(|i| i.parent_id == parent).collect();
        s.sort_by_key(|i| (i.position, i.id));
        s.into_iter().map(|i| i.id).collect()
    };
    let has_children = items.iter().any(|i| i.parent_id == Some(id));
    let (new_parent, new_index) = match mv {
        Move::Up | Move::Down => {
            let sib = siblings(items, item.parent_id);
            let at = sib.iter().position(|x| *x == id).unwrap_or(0);
            let to = if mv == Move::Up {
                at.checked_sub(1)
                    .ok_or_else(|| invalid("the item is already first"))?
            } else if at + 1 < sib.len() {
                at + 1
            } else {
                return Err(invalid("the item is already last"));
            };
            (item.parent_id, to)
        }
        Move::To { parent, index } => {
            if parent == Some(id) {
                return Err(invalid("an item cannot go inside itself"));
            }
            if let Some(p) = parent {
                let parent_item = items
                    .iter()
                    .find(|i| i.id == p)
                    .ok_or_else(|| invalid("the new parent item is not on this agenda"))?;
                if parent_item.parent_id.is_some() || has_children {
                    return Err(invalid(
                        "agenda items nest one level deep only (5.1, not 5.1.1)",
                    ));
                }
            }
            (parent, index as usize)
        }
        Move::Indent => {
            if item.parent_id.is_some() {
                return Err(invalid(
                    "agenda items nest one level deep only (5.1, not 5.1.1)",
                ));
            }
            if has_children {
                return Err(invalid("an item with sub-items cannot become a sub-item"));
            }
            let sib = siblings(items, None);
            let at = sib.iter().position(|x| *x == id).unwrap_or(0);
            let above = at
                .checked_sub(1)
                .map(|k| sib[k])
                .ok_or_else(|| invalid("the first item has no item above to go under"))?;
            let count = siblings(items, Some(above)).len();
            (Some(above), count)
        }
        Move::Before { item: other } | Move::After { item: other } => {
            if other == id {
                return Err(invalid("an item cannot move next to itself"));
            }
            let target = items
                .iter()
                .find(|i| i.id == other)
                .ok_or_else(|| invalid("the other item is not on this agenda"))?;
            if target.parent_id == Some(id) {
                return Err(invalid("an item cannot move among its own sub-items"));
            }
            if target.parent_id.is_some() && has_children {
                return Err(invalid("an item with sub-items cannot become a sub-item"));
            }
            let mut sib = siblings(items, target.parent_id);
            sib.retain(|x| *x != id);
            let at = sib.iter().position(|x| *x == other).unwrap_or(0);
            let after = matches!(mv, Move::After { .. });
            (target.parent_id, at + usize::from(after))
        }
        Move::Outdent => {
            let parent = item
                .parent_id
                .ok_or_else(|| invalid("the item is not a sub-item"))?;
            let top = siblings(items, None);
            let at = top.iter().position(|x| *x == parent).unwrap_or(0);
            (None, at + 1)
        }
    };
    let new_index = keep_parts(items, &item, new_parent, new_index, mv)?;
    // Rebuild the old and the new sibling lists with the item in its new place.
    let mut old = siblings(items, item.parent_id);
    old.retain(|x| *x != id);
    let mut new = if new_parent == item.parent_id {
        old.clone()
    } else {
        siblings(items, new_parent)
    };
    new.retain(|x| *x != id);
    new.insert(new_index.min(new.len()), id);
    for it in items.iter_mut() {
        if let Some(k) = new.iter().position(|x| *x == it.id) {
            it.position = k as u32;
            it.parent_id = new_parent;
        } else if let Some(k) = old.iter().position(|x| *x == it.id) {
            it.position = k as u32;
        }
    }
    Ok(())
}

/// Checks a move's destination against the parts of the meeting: a private item never goes
/// under a public one, and at the top level each item stays in its own part (Part 1, the
/// public business, then Part 2, the private business). Returns the index it lands at:
/// `index`, or the edge of its part when a move to a place (`To`, `Before`, `After`) points
/// into the other part; a step (`Up`, `Down`, `Outdent`) across the line is refused.
fn keep_parts(
    items: &[AgendaItem],
    item: &AgendaItem,
    new_parent: Option<AgendaItemId>,
    index: usize,
    mv: Move,
) -> Result<usize, ValidationError> {
    let refuse = |text: String| Err(ValidationError::AgendaPart(text));
    if let Some(p) = new_parent {
        let parent = items.iter().find(|i| i.id == p);
        if item.session == Session::Private
            && parent.is_some_and(|p| part(p, items) == Session::Public)
        {
            return refuse(format!(
                "“{}” is private business, so it cannot be a sub-item of the public item “{}”: private items stay together in Part 2, after the public business. Make it public first, or keep it as an item of its own.",
                item.title,
                parent.map(|p| p.title.as_str()).unwrap_or_default()
            ));
        }
        return Ok(index);
    }
    let mut tops: Vec<&AgendaItem> = items
        .iter()
        .filter(|i| i.parent_id.is_none() && i.id != item.id)
        .collect();
    tops.sort_by_key(|i| (i.position, i.id));
    let public = tops
        .iter()
        .take_while(|i| i.session == Session::Public)
        .count();
    let (lo, hi) = match item.session {
        Session::Public => (0, public),
        Session::Private => (public, tops.len()),
    };
    if (lo..=hi).contains(&index) {
        return Ok(index);
    }
    match (mv, item.session) {
        (Move::Up, _) => refuse(format!(
            "“{}” is the first item of Part 2, the private business, which is taken after all the public business: it cannot move above the public items. To take it in public, make it public first.",
            item.title
        )),
        (Move::Down, _) => refuse(format!(
            "“{}” is the last item of Part 1, the business held in public: the private business of Part 2 follows it. To take it in private, make it private first.",
            item.title
        )),
        (Move::Outdent, Session::Public) => refuse(format!(
            "“{}” is public, so it cannot stand on its own among the private business of Part 2: make it private first, or move it into Part 1.",
            item.title
        )),
        _ => Ok(index.clamp(lo, hi)),
    }
}

/// Where a new top-level item of `session` goes, as an index among the top-level items in
/// their parts' order ([`normalise`] the agenda first): a public item at the end of Part 1
/// and a private one at the end of Part 2, each before its part's closing standing items
/// (any other business, date of next meeting) when it has them.
pub fn insertion_position(items: &[AgendaItem], session: Session) -> u32 {
    let mut tops: Vec<&AgendaItem> = items.iter().filter(|i| i.parent_id.is_none()).collect();
    tops.sort_by_key(|i| (i.session == Session::Private, i.position, i.id));
    let (start, end) = match session {
        Session::Public => (
            0,
            tops.iter()
                .take_while(|i| i.session == Session::Public)
                .count(),
        ),
        Session::Private => (
            tops.iter()
                .take_while(|i| i.session == Session::Public)
                .count(),
            tops.len(),
        ),
    };
    tops[start..end]
        .iter()
        .position(|i| i.standing.is_some_and(StandingKind::closes))
        .map_or(end, |k| start + k) as u32
}

/// Checks where a new item may go: a private item cannot be a sub-item of a public one.
pub fn check_new_item(
    items: &[AgendaItem],
    title: &str,
    parent: Option<AgendaItemId>,
    session: Session,
) -> Result<(), ValidationError> {
    let Some(parent) = parent.and_then(|p| items.iter().find(|i| i.id == p)) else {
        return Ok(());
    };
    if session == Session::Private && part(parent, items) == Session::Public {
        return Err(ValidationError::AgendaPart(format!(
            "“{title}” is private business, so it cannot be a sub-item of the public item “{}”: private items stay together in Part 2, after the public business. Add it as an item of its own (it goes at the end of Part 2), or make “{}” private.",
            parent.title, parent.title
        )));
    }
    Ok(())
}

/// Changes an item's session and moves it to its new part: an item made private goes to
/// the start of Part 2, one made public to the end of Part 1 (before the closing standing
/// items); sub-items move with their parent. Refused with a sentence: a sub-item made
/// private under a public item, or an item made public while it has private sub-items.
pub fn change_session(
    items: &mut [AgendaItem],
    id: AgendaItemId,
    session: Session,
) -> Result<(), ValidationError> {
    normalise(items);
    let Some(item) = items.iter().find(|i| i.id == id).cloned() else {
        return Err(ValidationError::Agenda(
            "that item is not on this agenda".into(),
        ));
    };
    if item.session == session {
        return Ok(());
    }
    if let Some(p) = item.parent_id {
        if session == Session::Private {
            let parent = items.iter().find(|i| i.id == p);
            if parent.is_some_and(|p| part(p, items) == Session::Public) {
                return Err(ValidationError::AgendaPart(format!(
                    "“{}” is a sub-item of the public item “{}”, so it cannot be taken in private: private items stay together in Part 2, after the public business. Move it out of “{}” first (it then goes to Part 2 when made private), or make “{}” private too.",
                    item.title,
                    parent.map(|p| p.title.as_str()).unwrap_or_default(),
                    parent.map(|p| p.title.as_str()).unwrap_or_default(),
                    parent.map(|p| p.title.as_str()).unwrap_or_default()
                )));
            }
        }
        if let Some(it) = items.iter_mut().find(|i| i.id == id) {
            it.session = session;
        }
        return Ok(());
    }
    if session == Session::Public {
        let private_kids: Vec<&str> = items
            .iter()
            .filter(|i| i.parent_id == Some(id) && i.session == Session::Private)
            .map(|i| i.title.as_str())
            .collect();
        if !private_kids.is_empty() {
            return Err(ValidationError::AgendaPart(format!(
                "“{}” has private sub-items ({}), which must stay in Part 2 with the private business: make them public first, or move them out, before taking “{}” in public.",
                item.title,
                private_kids
                    .iter()
                    .map(|t| format!("“{t}”"))
                    .collect::<Vec<_>>()
                    .join(", "),
                item.title
            )));
        }
    }
    let others: Vec<AgendaItem> = items.iter().filter(|i| i.id != id).cloned().collect();
    let at = match session {
        Session::Public => insertion_position(&others, Session::Public),
        Session::Private => others
            .iter()
            .filter(|i| i.parent_id.is_none() && i.session == Session::Public)
            .count() as u32,
    };
    let mut tops: Vec<AgendaItemId> = others
        .iter()
        .filter(|i| i.parent_id.is_none())
        .map(|i| (i.session == Session::Private, i.position, i.id))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|(_, _, id)| id)
        .collect();
    tops.insert((at as usize).min(tops.len()), id);
    for it in items.iter_mut() {
        if it.id == id {
            it.session = session;
        }
        if let Some(k) = tops.iter().position(|t| *t == it.id) {
            it.position = k as u32;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn item(n: u128, parent: Option<u128>, position: u32, minutes: u32) -> AgendaItem {
        AgendaItem {
            id: AgendaItemId(Uuid::from_u128(n)),
            meeting_id: MeetingId(Uuid::nil()),
            parent_id: parent.map(|p| AgendaItemId(Uuid::from_u128(p))),
            position,
            title: format!("Item {n}"),
            purpose: Purpose::Noting,
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

    fn numbers(items: &[AgendaItem]) -> Vec<(u128, String)> {
        schedule(items, None)
            .into_iter()
            .map(|s| (s.item_id.0.as_u128(), s.number))
            .collect()
    }

    fn id(n: u128) -> AgendaItemId {
        AgendaItemId(Uuid::from_u128(n))
    }

    #[test]
    fn numbers_and_times_follow_the_order() {
        let items = vec![
            item(1, None, 0, 5),
            item(2, None, 1, 20),
            item(3, Some(2), 0, 10),
            item(4, Some(2), 1, 15),
            item(5, None, 2, 5),
        ];
        let slots = schedule(&items, NaiveTime::from_hms_opt(9, 0, 0));
        let shown: Vec<(String, String)> = slots
            .iter()
            .map(|s| {
                (
                    s.number.clone(),
                    s.start.unwrap().format("%H:%M").to_string(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("1", "09:00"),
                ("2", "09:05"),
                ("2.1", "09:25"),
                ("2.2", "09:35"),
                ("3", "09:50")
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        let nine = NaiveTime::from_hms_opt(9, 0, 0);
        assert_eq!(
            overrun_minutes(&items, &slots, nine, NaiveTime::from_hms_opt(10, 0, 0)),
            None
        );
        assert_eq!(
            overrun_minutes(&items, &slots, nine, NaiveTime::from_hms_opt(9, 45, 0)),
            Some(10)
        );
    }

    /// Long agendas stop showing times at midnight instead of wrapping round to the
    /// morning, and their overrun is still measured.
    #[test]
    fn times_never_wrap_round_the_clock() {
        let items = vec![
            item(1, None, 0, 600),
            item(2, None, 1, 1440),
            item(3, None, 2, 30),
        ];
        let evening = NaiveTime::from_hms_opt(13, 0, 0);
        let slots = schedule(&items, evening);
        let times: Vec<_> = slots.iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(times[0], (evening, NaiveTime::from_hms_opt(23, 0, 0)));
        assert_eq!(times[1], (NaiveTime::from_hms_opt(23, 0, 0), None));
        assert_eq!(times[2], (None, None));
        assert_eq!(
            overrun_minutes(&items, &slots, evening, NaiveTime::from_hms_opt(17, 0, 0)),
            Some(2070 - 240)
        );
    }

    #[test]
    fn moves_before_and_after_another_item_take_its_level() {
        // 1, 2 (2.1, 2.2), 3
        let mut items = vec![
            item(1, None, 0, 5),
            item(2, None, 1, 5),
            item(21, Some(2), 0, 5),
            item(22, Some(2), 1, 5),
            item(3, None, 2, 5),
        ];
        let n = |pairs: &[(u128, &str)]| {
            pairs
                .iter()
                .map(|(a, b)| (*a, b.to_string()))
                .collect::<Vec<_>>()
        };
        apply_move(&mut items, id(3), Move::Before { item: id(1) }).unwrap();
        assert_eq!(
            numbers(&items),
            n(&[(3, "1"), (1, "2"), (2, "3"), (21, "3.1"), (22, "3.2")])
        );
        apply_move(&mut items, id(3), Move::After { item: id(2) }).unwrap();
        assert_eq!(
            numbers(&items),
            n(&[(1, "1"), (2, "2"), (21, "2.1"), (22, "2.2"), (3, "3")])
        );
        // Next to a sub-item: it becomes one.
        apply_move(&mut items, id(1), Move::After { item: id(21) }).unwrap();
        assert_eq!(
            numbers(&items),
            n(&[(2, "1"), (21, "1.1"), (1, "1.2"), (22, "1.3"), (3, "2")])
        );
        // And back out, before its old parent.
        apply_move(&mut items, id(1), Move::Before { item: id(2) }).unwrap();
        assert_eq!(
            numbers(&items),
            n(&[(1, "1"), (2, "2"), (21, "2.1"), (22, "2.2"), (3, "3")])
        );
        // Within the same siblings, after the last.
        apply_move(&mut items, id(21), Move::After { item: id(22) }).unwrap();
        assert_eq!(
            numbers(&items),
            n(&[(1, "1"), (2, "2"), (22, "2.1"), (21, "2.2"), (3, "3")])
        );
        let refused = |items: &mut Vec<AgendaItem>, who: u128, mv: Move| {
            apply_move(items, id(who), mv).unwrap_err().to_string()
        };
        assert!(refused(&mut items, 2, Move::After { item: id(2) }).contains("next to itself"));
        assert!(refused(&mut items, 2, Move::Before { item: id(21) }).contains("its own sub-items"));
        assert!(refused(&mut items, 2, Move::Before { item: id(9) }).contains("not on this agenda"));
        // An item with sub-items cannot go under another item.
        items.push(item(31, Some(3), 0, 5));
        let err = refused(&mut items, 2, Move::After { item: id(31) });
        assert!(
            err.contains("with sub-items cannot become a sub-item"),
            "{err}"
        );
    }

    #[test]
    fn moves_renumber() {
        let mut items = vec![
            item(1, None, 0, 5),
            item(2, None, 1, 5),
            item(3, None, 2, 5),
        ];
        apply_move(&mut items, id(3), Move::Up).unwrap();
        assert_eq!(
            numbers(&items),
            [(1, "1"), (3, "2"), (2, "3")].map(|(a, b)| (a, b.to_string()))
        );
        apply_move(&mut items, id(2), Move::Indent).unwrap();
        assert_eq!(
            numbers(&items),
            [(1, "1"), (3, "2"), (2, "2.1")].map(|(a, b)| (a, b.to_string()))
        );
        assert!(
            apply_move(&mut items, id(2), Move::Indent).is_err(),
            "two levels"
        );
        assert!(
            apply_move(&mut items, id(3), Move::Indent).is_err(),
            "has sub-items"
        );
        apply_move(&mut items, id(2), Move::Outdent).unwrap();
        assert_eq!(
            numbers(&items),
            [(1, "1"), (3, "2"), (2, "3")].map(|(a, b)| (a, b.to_string()))
        );
        apply_move(
            &mut items,
            id(2),
            Move::To {
                parent: None,
                index: 0,
            },
        )
        .unwrap();
        assert_eq!(
            numbers(&items),
            [(2, "1"), (1, "2"), (3, "3")].map(|(a, b)| (a, b.to_string()))
        );
        assert!(apply_move(&mut items, id(2), Move::Up).is_err());
        assert!(apply_move(
            &mut items,
            id(1),
            Move::To {
                parent: Some(id(1)),
                index: 0
            }
        )
        .is_err());
    }

    #[test]
    fn new_items_go_before_the_closing_standing_items() {
        let mut a = item(1, None, 0, 5);
        a.standing = Some(StandingKind::WelcomeAndApologies);
        let b = item(2, None, 1, 5);
        let mut c = item(3, None, 2, 5);
        c.standing = Some(StandingKind::AnyOtherBusiness);
        assert_eq!(
            insertion_position(&[a.clone(), b.clone(), c.clone()], Session::Public),
            2
        );
        assert_eq!(
            insertion_position(&[a.clone(), b.clone()], Session::Public),
            2
        );
        // A private item goes at the end of Part 2, after the public closing items.
        assert_eq!(
            insertion_position(&[a.clone(), b.clone(), c.clone()], Session::Private),
            3
        );
        let mut d = item(4, None, 3, 5);
        d.session = Session::Private;
        assert_eq!(insertion_position(&[a, b, c, d], Session::Private), 4);
    }

    fn private(mut i: AgendaItem) -> AgendaItem {
        i.session = Session::Private;
        i
    }

    /// Private items come after every public item in numbers and times, whatever order
    /// they were stored in; a private sub-item of a public item comes out into Part 2.
    #[test]
    fn part_2_follows_part_1_whatever_the_stored_order() {
        let items = vec![
            item(1, None, 0, 10),
            private(item(2, None, 1, 15)),
            item(3, None, 2, 20),
            item(31, Some(3), 0, 5),
            private(item(32, Some(3), 1, 5)),
            item(4, None, 3, 5),
            private(item(5, None, 4, 10)),
        ];
        let slots = schedule(&items, NaiveTime::from_hms_opt(9, 0, 0));
        let shown: Vec<(u128, String, String)> = slots
            .iter()
            .map(|s| {
                (
                    s.item_id.0.as_u128(),
                    s.number.clone(),
                    s.start.unwrap().format("%H:%M").to_string(),
                )
            })
            .collect();
        let want: Vec<(u128, String, String)> = [
            (1, "1", "09:00"),
            (3, "2", "09:10"),
            (31, "2.1", "09:30"),
            (4, "3", "09:35"),
            (2, "4", "09:40"),
            (32, "5", "09:55"),
            (5, "6", "10:00"),
        ]
        .into_iter()
        .map(|(a, b, c)| (a, b.to_string(), c.to_string()))
        .collect();
        assert_eq!(shown, want);
        // Normalising stores the same order.
        let mut stored = items.clone();
        normalise(&mut stored);
        let by_id = |n: u128| stored.iter().find(|i| i.id == id(n)).unwrap();
        assert_eq!((by_id(2).position, by_id(2).parent_id), (3, None));
        assert_eq!((by_id(32).position, by_id(32).parent_id), (4, None));
        assert_eq!((by_id(4).position, by_id(5).position), (2, 5));
        assert_eq!(part(by_id(31), &stored), Session::Public);
        let mut under_private = item(6, Some(5), 0, 5);
        under_private.session = Session::Public;
        assert_eq!(part(&under_private, &stored), Session::Private);
        assert_eq!(part(&item(7, Some(99), 0, 5), &stored), Session::Private);
    }

    #[test]
    fn moves_keep_private_business_in_part_2() {
        // 1, 2, 3 public; 4, 5 private.
        let mut items = vec![
            item(1, None, 0, 5),
            item(2, None, 1, 5),
            item(3, None, 2, 5),
            private(item(4, None, 3, 5)),
            private(item(5, None, 4, 5)),
        ];
        let order = |items: &[AgendaItem]| -> Vec<u128> {
            schedule(items, None)
                .iter()
                .map(|s| s.item_id.0.as_u128())
                .collect()
        };
        let err = apply_move(&mut items, id(4), Move::Up)
            .unwrap_err()
            .to_string();
        assert!(err.contains("first item of Part 2"), "{err}");
        assert!(err.contains("make it public first"), "{err}");
        let err = apply_move(&mut items, id(3), Move::Down)
            .unwrap_err()
            .to_string();
        assert!(err.contains("last item of Part 1"), "{err}");
        let err = apply_move(&mut items, id(4), Move::Indent)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("cannot be a sub-item of the public item"),
            "{err}"
        );
        // Dropped among the public items, a private item lands at the start of Part 2; a
        // public one dropped among the private items lands at the end of Part 1.
        apply_move(
            &mut items,
            id(5),
            Move::To {
                parent: None,
                index: 0,
            },
        )
        .unwrap();
        assert_eq!(order(&items), [1, 2, 3, 5, 4]);
        apply_move(&mut items, id(1), Move::After { item: id(4) }).unwrap();
        assert_eq!(order(&items), [2, 3, 1, 5, 4]);
        apply_move(&mut items, id(4), Move::Before { item: id(2) }).unwrap();
        assert_eq!(order(&items), [2, 3, 1, 4, 5]);
        // Within a part, moves work as before.
        apply_move(&mut items, id(5), Move::Up).unwrap();
        assert_eq!(order(&items), [2, 3, 1, 5, 4]);
        // A public item may sit under a private one (it is taken in private then), but
        // cannot come out on its own into Part 2.
        apply_move(
            &mut items,
            id(1),
            Move::To {
                parent: Some(id(4)),
                index: 0,
            },
        )
        .unwrap();
        assert_eq!(
            numbers(&items),
            [(2, "1"), (3, "2"), (5, "3"), (4, "4"), (1, "4.1")].map(|(a, b)| (a, b.to_string()))
        );
        let err = apply_move(&mut items, id(1), Move::Outdent)
            .unwrap_err()
            .to_string();
        assert!(err.contains("make it private first"), "{err}");
    }

    #[test]
    fn changing_an_items_session_moves_it_to_its_part() {
        let mut a = item(1, None, 0, 5);
        a.standing = Some(StandingKind::WelcomeAndApologies);
        let mut aob = item(9, None, 3, 5);
        aob.standing = Some(StandingKind::AnyOtherBusiness);
        let mut items = vec![
            a,
            item(2, None, 1, 5),
            item(21, Some(2), 0, 5),
            item(3, None, 2, 5),
            aob,
            private(item(4, None, 4, 5)),
        ];
        let order = |items: &[AgendaItem]| -> Vec<u128> {
            schedule(items, None)
                .iter()
                .map(|s| s.item_id.0.as_u128())
                .collect()
        };
        change_session(&mut items, id(2), Session::Private).unwrap();
        assert_eq!(order(&items), [1, 3, 9, 2, 21, 4]);
        change_session(&mut items, id(4), Session::Public).unwrap();
        assert_eq!(order(&items), [1, 3, 4, 9, 2, 21]);
        // A sub-item of a public item cannot be made private; a parent with private
        // sub-items cannot be made public.
        let err = change_session(&mut items, id(31), Session::Private);
        assert!(err.is_err());
        items.push(item(31, Some(3), 0, 5));
        let err = change_session(&mut items, id(31), Session::Private)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("sub-item of the public item “Item 3”"),
            "{err}"
        );
        change_session(&mut items, id(21), Session::Private).unwrap();
        let err = change_session(&mut items, id(2), Session::Public)
            .unwrap_err()
            .to_string();
        assert!(err.contains("has private sub-items (“Item 21”)"), "{err}");
        let err = check_new_item(&items, "Land sale", Some(id(3)), Session::Private)
            .unwrap_err()
            .to_string();
        assert!(err.contains("“Land sale” is private business"), "{err}");
        assert!(check_new_item(&items, "Land sale", Some(id(2)), Session::Private).is_ok());
        assert!(check_new_item(&items, "Land sale", None, Session::Private).is_ok());
    }

    #[test]
    fn purposes_read_as_verbs() {
        assert_eq!(Purpose::Decision.verb(), "To APPROVE");
        assert_eq!(Purpose::Noting.verb(), "To NOTE");
        assert_eq!("assurance".parse::<Purpose>().unwrap(), Purpose::Assurance);
        assert!("vote".parse::<Purpose>().is_err());
    }
}
