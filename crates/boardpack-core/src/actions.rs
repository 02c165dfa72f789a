//! The action log: every action from a committee's minutes, carried from meeting to meeting
//! until it is complete or closed. Each action has a status (open, on track, at risk,
//! overdue, complete, closed with a reason), a history of dated updates, and a RAG rating
//! that the log and its PDF colour by. "Overdue" is also worked out from the due date: an
//! action still in hand after its due date counts as overdue whatever was last recorded.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::columns::{fit, Document, Fit};
use crate::ids::{ActionId, ActionUpdateId, AgendaItemId, MeetingId};
use crate::minutes::Action;
use crate::validate::short_date;
use boardpack_pdf::layout::{Block, Cell, Colour, Style, Table};

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

/// The log as it stood at the end of `date`: actions raised at meetings after it are left
/// out, and so are updates dated after it; an action whose later updates are left out takes
/// the status its last update by then gave it (open when it had none), and "overdue" is
/// judged on `date`.
pub fn as_at(entries: Vec<ActionEntry>, date: NaiveDate) -> Vec<ActionEntry> {
    entries
        .into_iter()
        .filter(|e| e.meeting_date <= date)
        .map(|mut e| {
            let recorded = e.history.len();
            e.history.retain(|u| u.date <= date);
            if e.history.len() < recorded {
                e.action.status = e
                    .history
                    .iter()
                    .enumerate()
                    .max_by_key(|(k, u)| (u.date, *k))
                    .map(|(_, u)| u.status)
                    .unwrap_or_default();
            }
            e.status = e.action.status.on(e.action.due, date);
            e.rag = e.status.rag();
            e
        })
        .collect()
}

/// The title of a printed log: "Trust Board – public action log (all actions), as at 3 Dec
/// 2026".
pub fn action_log_title(committee: &str, public: bool, all: bool, as_at: NaiveDate) -> String {
    format!(
        "{committee} – {}action log{}, as at {}",
        if public { "public " } else { "" },
        if all { " (all actions)" } else { "" },
        short_date(as_at)
    )
}

/// The action log as a printable document (after the title and letterhead the caller
/// sets): a key, then a table of actions with their RAG-coloured status and latest update.
/// Dates are short ("3 Dec 2026") and never wrap; the page is landscape when the columns
/// need it.
pub fn action_log_blocks(committee: &str, entries: &[ActionEntry]) -> Document {
    let mut b = vec![Block::para(format!(
        "Actions arising from the minutes of the {committee}. Red: overdue. Amber: at risk. Green: open or on track. Blue: complete. Grey: closed."
    ))];
    if entries.is_empty() {
        b.push(Block::para("There are no actions on the log."));
        return Document {
            page: boardpack_pdf::layout::PageSetup::a4(),
            blocks: b,
        };
    }
    let rows: Vec<Vec<Cell>> = entries
        .iter()
        .map(|e| {
            let due = e.action.due.map(short_date).unwrap_or_else(|| "–".into());
            let update = e
                .history
                .iter()
                .rev()
                .find(|u| !u.note.trim().is_empty())
                .map(|u| format!("{}: {}", short_date(u.date), u.note.trim()))
                .unwrap_or_default();
            vec![
                Cell::text(format!("{}\n{}", e.reference, short_date(e.meeting_date))),
                Cell::text(format!("{}\n({})", e.action.text, e.item_title)),
                Cell::text(e.action.lead.clone()),
                Cell::text(due),
                Cell::bold(e.status.label()).fill(e.rag.fill()),
                Cell::text(update),
            ]
        })
        .collect();
    let header: Vec<Cell> = ["Minute", "Action", "Lead", "Due", "Status", "Latest update"]
        .iter()
        .map(|h| Cell::bold(*h))
        .collect();
    let fits = [
        Fit::Content { max_mm: 40.0 },
        Fit::Share {
            min_mm: 60.0,
            weight: 1.4,
        },
        Fit::Content { max_mm: 25.0 },
        Fit::Content { max_mm: 30.0 },
        Fit::Content { max_mm: 30.0 },
        Fit::Share {
            min_mm: 55.0,
            weight: 1.0,
        },
    ];
    let (page, columns) = fit(&fits, &header, &rows, &Style::default());
    b.push(Block::Table(Table::new(columns, vec![header], rows)));
    Document { page, blocks: b }
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

pub(crate) fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
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

    fn entry(
        n: u128,
        meeting: NaiveDate,
        due: NaiveDate,
        updates: &[(NaiveDate, ActionStatus)],
    ) -> ActionEntry {
        let id = ActionId(Uuid::from_u128(n));
        let status = updates.last().map(|u| u.1).unwrap_or_default();
        ActionEntry {
            action: Action {
                id,
                text: format!("Action {n}"),
                lead: "SW".into(),
                due: Some(due),
                status,
            },
            reference: format!("TB 26/{n:03}"),
            meeting_id: MeetingId(Uuid::from_u128(100 + n)),
            meeting_label: "Trust Board".into(),
            meeting_date: meeting,
            item_id: AgendaItemId(Uuid::from_u128(200 + n)),
            item_title: "Finance report".into(),
            private: false,
            status: status.on(Some(due), d(2027, 3, 1)),
            rag: status.on(Some(due), d(2027, 3, 1)).rag(),
            history: updates
                .iter()
                .enumerate()
                .map(|(k, (date, status))| ActionUpdate {
                    id: ActionUpdateId(Uuid::from_u128(300 + n * 10 + k as u128)),
                    action_id: id,
                    date: *date,
                    status: *status,
                    note: format!("Update of {date}"),
                    meeting_id: None,
                })
                .collect(),
        }
    }

    #[test]
    fn the_log_as_at_a_date_leaves_out_later_meetings_and_updates() {
        let nov = d(2026, 11, 5);
        let dec = d(2026, 12, 3);
        let log = vec![
            // Raised in November; at risk on 3 December, complete in January.
            entry(
                1,
                nov,
                d(2026, 12, 31),
                &[
                    (dec, ActionStatus::AtRisk),
                    (d(2027, 1, 7), ActionStatus::Complete),
                ],
            ),
            // Raised in November, due 27 November, complete on 3 December.
            entry(2, nov, d(2026, 11, 27), &[(dec, ActionStatus::Complete)]),
            // Raised on 3 December.
            entry(3, dec, d(2027, 1, 14), &[]),
        ];
        let first = as_at(log.clone(), d(2026, 12, 1));
        assert_eq!(first.len(), 2, "December's action is not raised yet");
        assert!(first.iter().all(|e| e.history.is_empty()));
        assert_eq!(first[0].status, ActionStatus::Open);
        assert_eq!(first[0].action.status, ActionStatus::Open);
        assert_eq!(
            (first[1].status, first[1].rag),
            (ActionStatus::Overdue, Rag::Red),
            "due 27 November and not yet reported complete"
        );
        assert_eq!(first[1].latest_note(), "");

        let third = as_at(log.clone(), dec);
        assert_eq!(third.len(), 3, "on the day of a meeting its actions count");
        assert_eq!(third[0].status, ActionStatus::AtRisk);
        assert_eq!(third[0].history.len(), 1);
        assert_eq!(third[1].status, ActionStatus::Complete);

        let later = as_at(log.clone(), d(2027, 3, 1));
        assert_eq!(later[0].status, ActionStatus::Complete);
        assert_eq!(later[0].history.len(), 2);
        assert_eq!(later[2].status, ActionStatus::Overdue, "due 14 January");
    }

    #[test]
    fn the_printed_log_has_short_dates_and_turns_landscape_for_its_columns() {
        let dec = d(2026, 12, 3);
        let log = as_at(
            vec![entry(
                1,
                dec,
                d(2027, 1, 14),
                &[(dec, ActionStatus::OnTrack)],
            )],
            dec,
        );
        assert_eq!(
            action_log_title("Trust Board", true, false, dec),
            "Trust Board – public action log, as at 3 Dec 2026"
        );
        let doc = action_log_blocks("Trust Board", &log);
        assert!(crate::columns::is_landscape(&doc.page));
        let laid = boardpack_pdf::layout::layout(&boardpack_pdf::layout::Flow {
            page: doc.page,
            style: Style::default(),
            blocks: doc.blocks,
        });
        let text = laid.pages[0].text();
        for line in ["TB 26/001", "3 Dec 2026", "14 Jan 2027", "On track"] {
            assert!(
                text.lines().any(|l| l == line),
                "{line:?} on a line of its own: {text}"
            );
        }
        assert!(text.contains("3 Dec 2026: Update of 2026-12-03"), "{text}");
        assert!(!text.contains("December"), "{text}");
        let empty = action_log_blocks("Trust Board", &[]);
        assert!(!crate::columns::is_landscape(&empty.page));
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
