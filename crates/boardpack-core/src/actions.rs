//! The action log: every action from a committee's minutes, carried from meeting to meeting
//! until it is complete or closed. Each action has a status (open, on track, at risk,
//! overdue, complete, closed with a reason), a history of dated updates, and a RAG rating
//! that the log and its PDF colour by. "Overdue" is also worked out from the due date: an
//! action still in hand after its due date counts as overdue whatever was last recorded.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{ActionId, ActionUpdateId, AgendaItemId, MeetingId};
use crate::minutes::Action;
use crate::validate::long_date;
use boardpack_pdf::layout::{Block, Cell, Colour, Table};

/// Where an action stands.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActionStatus {
    #[default]
    Open,
    OnTrack,
    AtRisk,
    Overdue,
    Complete,
    /// Closed without being completed (overtaken, merged, no longer needed): needs a reason.
    Closed,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 6] = [
        ActionStatus::Open,
        ActionStatus::OnTrack,
        ActionStatus::AtRisk,
        ActionStatus::Overdue,
        ActionStatus::Complete,
        ActionStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::OnTrack => "on_track",
            ActionStatus::AtRisk => "at_risk",
            ActionStatus::Overdue => "overdue",
            ActionStatus::Complete => "complete",
            ActionStatus::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::OnTrack => "On track",
            ActionStatus::AtRisk => "At risk",
            ActionStatus::Overdue => "Overdue",
            ActionStatus::Complete => "Complete",
            ActionStatus::Closed => "Closed",
        }
    }

    /// Complete or closed: off the open log.
    pub fn is_done(self) -> bool {
        matches!(self, ActionStatus::Complete | ActionStatus::Closed)
    }

    /// The status the log shows on `today`: an action still in hand after its due date is
    /// overdue.
    pub fn on(self, due: Option<NaiveDate>, today: NaiveDate) -> ActionStatus {
        match due {
            Some(due) if !self.is_done() && due < today => ActionStatus::Overdue,
            _ => self,
        }
    }

    pub fn rag(self) -> Rag {
        match self {
            ActionStatus::Overdue => Rag::Red,
            ActionStatus::AtRisk => Rag::Amber,
            ActionStatus::Open | ActionStatus::OnTrack => Rag::Green,
            ActionStatus::Complete => Rag::Blue,
            ActionStatus::Closed => Rag::Grey,
        }
    }
}

impl std::str::FromStr for ActionStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        ActionStatus::ALL
            .into_iter()
            .find(|x| x.as_str() == key)
            .ok_or_else(|| {
                format!(
                    "“{s}” is not an action status: use one of open, on-track, at-risk, overdue, complete or closed."
                )
            })
    }
}

/// Red, amber, green, plus blue for complete and grey for closed (the "BRAG" scale NHS
/// action logs use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Rag {
    Red,
    Amber,
    Green,
    Blue,
    Grey,
}

impl Rag {
    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
            Rag::Blue => "Blue",
            Rag::Grey => "Grey",
        }
    }

    /// A light fill for the status cell, dark text stays readable on it.
    pub fn fill(self) -> Colour {
        match self {
            Rag::Red => Colour::rgb(0xF4, 0xB6, 0xB0),
            Rag::Amber => Colour::rgb(0xFF, 0xD9, 0x8A),
            Rag::Green => Colour::rgb(0xBF, 0xE3, 0xBF),
            Rag::Blue => Colour::rgb(0xB9, 0xD3, 0xF0),
            Rag::Grey => Colour::rgb(0xDD, 0xDD, 0xDD),
        }
    }
}

/// One dated update in an action's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ActionUpdate {
    pub id: ActionUpdateId,
    pub action_id: ActionId,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub status: ActionStatus,
    /// What happened; for a closed action, why it was closed.
    pub note: String,
    /// The meeting at which the update was reported, when it was.
    #[serde(default)]
    pub meeting_id: Option<MeetingId>,
}

/// Checks an update before it is recorded.
pub fn check_update(status: ActionStatus, note: &str) -> Result<(), String> {
    if status == ActionStatus::Closed && note.trim().is_empty() {
        return Err(
            "An action can only be closed with a reason: say why it is closed without being completed (for example “superseded by action TB 26/091”)."
                .into(),
        );
    }
    if note.chars().count() > 4000 {
        return Err("An update is limited to 4,000 characters: shorten the note.".into());
    }
    Ok(())
}

/// An action as the log shows it: where it came from, who leads, when it is due, where it
/// stands and what has happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionEntry {
    pub action: Action,
    /// The minute reference of the item it arose from ("TB 26/085").
    pub reference: String,
    pub meeting_id: MeetingId,
    /// "Trust Board 142".
    pub meeting_label: String,
    #[ts(type = "string")]
    pub meeting_date: NaiveDate,
    pub item_id: AgendaItemId,
    pub item_title: String,
    /// Arose from an item the public pack would not hold (an item taken in private, or any
    /// item of a meeting held in private, as [`crate::pack::included`] decides): left out of
    /// public logs.
    pub private: bool,
    /// The status as shown today (an action past its due date is overdue).
    pub status: ActionStatus,
    pub rag: Rag,
    /// Oldest first.
    pub history: Vec<ActionUpdate>,
}

impl ActionEntry {
    /// The latest note, for a one-line log.
    pub fn latest_note(&self) -> &str {
        self.history
            .iter()
            .rev()
            .find(|u| !u.note.trim().is_empty())
            .map(|u| u.note.as_str())
            .unwrap_or("")
    }
}

/// The public action log made from the whole one: the entries that arose from public
/// business ([`ActionEntry::private`] is false), and of their history only the updates not
/// reported at a meeting held in private (`private_meetings`), since what such a meeting
/// heard is confidential too. Every public log, PDF or CSV, is made by this.
pub fn public_log(
    entries: Vec<ActionEntry>,
    private_meetings: &std::collections::BTreeSet<MeetingId>,
) -> Vec<ActionEntry> {
    entries
        .into_iter()
        .filter(|e| !e.private && !private_meetings.contains(&e.meeting_id))
        .map(|mut e| {
            e.history
                .retain(|u| u.meeting_id.is_none_or(|m| !private_meetings.contains(&m)));
            e
        })
        .collect()
}

/// Orders a log: oldest meeting first, then as minuted.
pub fn sort_log(entries: &mut [ActionEntry]) {
    entries.sort_by(|a, b| {
        (a.meeting_date, &a.reference, a.action.id).cmp(&(
            b.meeting_date,
            &b.reference,
            b.action.id,
        ))
    });
}

/// The action log as a printable document (after a title the caller sets): a key, then a
/// table of actions with their RAG-coloured status and latest update.
pub fn action_log_blocks(
    organisation: &str,
    committee: &str,
    as_at: NaiveDate,
    entries: &[ActionEntry],
) -> Vec<Block> {
    let mut b = vec![
        Block::markup(&format!("**{}**", organisation.to_uppercase())),
        Block::para(format!(
            "Actions arising from the minutes of the {committee}, as at {}. Red: overdue. Amber: at risk. Green: open or on track. Blue: complete. Grey: closed.",
            long_date(as_at)
        )),
    ];
    if entries.is_empty() {
        b.push(Block::para("There are no actions on the log."));
        return b;
    }
    let rows = entries
        .iter()
        .map(|e| {
            let due = e.action.due.map(long_date).unwrap_or_else(|| "—".into());
            vec![
                Cell::text(format!("{}\n{}", e.reference, long_date(e.meeting_date))),
                Cell::text(format!("{}\n({})", e.action.text, e.item_title)),
                Cell::text(e.action.lead.clone()),
                Cell::text(due),
                Cell::bold(e.status.label()).fill(e.rag.fill()),
                Cell::text(e.latest_note().to_owned()),
            ]
        })
        .collect();
    b.push(Block::Table(Table::new(
        vec![0.13, 0.31, 0.08, 0.12, 0.13, 0.23],
        vec![
            ["Minute", "Action", "Lead", "Due", "Status", "Latest update"]
                .iter()
                .map(|h| Cell::bold(*h))
                .collect(),
        ],
        rows,
    )));
    b
}

/// The action log as CSV (RFC 4180, CRLF line ends, every field quoted when it needs it),
/// one row per action with its history summarised.
pub fn action_log_csv(entries: &[ActionEntry]) -> String {
    let mut out = String::new();
    let header = [
        "Minute",
        "Meeting",
        "Meeting date",
        "Item",
        "Action",
        "Lead",
        "Due",
        "Status",
        "RAG",
        "Latest update",
        "History",
    ];
    push_row(&mut out, header.iter().map(|s| s.to_string()));
    for e in entries {
        let history = e
            .history
            .iter()
            .map(|u| {
                if u.note.trim().is_empty() {
                    format!("{} {}", u.date, u.status.label())
                } else {
                    format!("{} {}: {}", u.date, u.status.label(), u.note.trim())
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        push_row(
            &mut out,
            [
                e.reference.clone(),
                e.meeting_label.clone(),
                e.meeting_date.to_string(),
                e.item_title.clone(),
                e.action.text.clone(),
                e.action.lead.clone(),
                e.action.due.map(|d| d.to_string()).unwrap_or_default(),
                e.status.label().to_owned(),
                e.rag.label().to_owned(),
                e.latest_note().to_owned(),
                history,
            ]
            .into_iter(),
        );
    }
    out
}

fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    let mut first = true;
    for f in fields {
        if !first {
            out.push(',');
        }
        first = false;
        // A leading = + - @ (after any spaces), TAB or CR makes spreadsheets evaluate a
        // cell (OWASP's CSV injection list): prefix a quote mark so a minute cannot carry
        // a formula into someone's spreadsheet.
        let f = if f.starts_with(['\t', '\r'])
            || f.trim_start_matches(' ').starts_with(['=', '+', '-', '@'])
        {
            format!("'{f}")
        } else {
            f
        };
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_action_in_hand_past_its_due_date_is_overdue() {
        let today = d(2026, 11, 23);
        let due = Some(d(2026, 11, 1));
        assert_eq!(ActionStatus::OnTrack.on(due, today), ActionStatus::Overdue);
        assert_eq!(ActionStatus::AtRisk.on(due, today), ActionStatus::Overdue);
        assert_eq!(
            ActionStatus::Complete.on(due, today),
            ActionStatus::Complete
        );
        assert_eq!(ActionStatus::Closed.on(due, today), ActionStatus::Closed);
        assert_eq!(
            ActionStatus::Open.on(Some(today), today),
            ActionStatus::Open
        );
        assert_eq!(ActionStatus::Open.on(None, today), ActionStatus::Open);
        assert_eq!(ActionStatus::Overdue.rag(), Rag::Red);
        assert_eq!(ActionStatus::AtRisk.rag(), Rag::Amber);
        assert_eq!(ActionStatus::Complete.rag(), Rag::Blue);
    }

    #[test]
    fn closing_needs_a_reason_and_statuses_parse_as_people_type_them() {
        assert!(check_update(ActionStatus::Closed, "  ").is_err());
        assert!(check_update(ActionStatus::Closed, "Superseded").is_ok());
        assert!(check_update(ActionStatus::Complete, "").is_ok());
        assert_eq!(
            "On track".parse::<ActionStatus>(),
            Ok(ActionStatus::OnTrack)
        );
        assert_eq!("at-risk".parse::<ActionStatus>(), Ok(ActionStatus::AtRisk));
        assert!("done".parse::<ActionStatus>().is_err());
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_defuses_formulas() {
        let id = ActionId(Uuid::from_u128(1));
        let entry = ActionEntry {
            action: Action {
                id,
                text: "Report back, with \"costs\"".into(),
                lead: "JA".into(),
                due: Some(d(2027, 1, 7)),
                status: ActionStatus::Closed,
            },
            reference: "TB 26/085".into(),
            meeting_id: MeetingId(Uuid::from_u128(2)),
            meeting_label: "Trust Board 142".into(),
            meeting_date: d(2026, 12, 3),
            item_id: AgendaItemId(Uuid::from_u128(3)),
            item_title: "=HYPERLINK(\"x\")".into(),
            private: false,
            status: ActionStatus::Closed,
            rag: Rag::Grey,
            history: vec![ActionUpdate {
                id: ActionUpdateId(Uuid::from_u128(4)),
                action_id: id,
                date: d(2027, 1, 7),
                status: ActionStatus::Closed,
                note: "Superseded".into(),
                meeting_id: None,
            }],
        };
        let csv = action_log_csv(&[entry]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].starts_with("Minute,Meeting,Meeting date"));
        assert!(lines[1].starts_with("TB 26/085,Trust Board 142,2026-12-03,\"'=HYPERLINK(\"\"x\"\")\",\"Report back, with \"\"costs\"\"\",JA,2027-01-07,Closed,Grey,Superseded,2027-01-07 Closed: Superseded"));
    }

    #[test]
    fn csv_defuses_every_formula_opening_owasp_lists() {
        let row = |f: &str| {
            let mut out = String::new();
            push_row(&mut out, [f.to_owned()].into_iter());
            out.trim_end_matches("\r\n").to_owned()
        };
        assert_eq!(row("=1+1"), "'=1+1");
        assert_eq!(row("+1"), "'+1");
        assert_eq!(row("-1"), "'-1");
        assert_eq!(row("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(row("\t=1+1"), "'\t=1+1");
        assert_eq!(row("\rcmd"), "\"'\rcmd\"");
        assert_eq!(row("   =cmd|' /C calc'!A0"), "'   =cmd|' /C calc'!A0");
        assert_eq!(row("  @x"), "'  @x");
        // Ordinary text is left as it is.
        assert_eq!(row("Report back"), "Report back");
        assert_eq!(row("  indented"), "  indented");
        assert_eq!(row("a=b"), "a=b");
    }
}
