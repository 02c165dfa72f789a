//! Use cases of the action log: every action from a committee's minutes across its
//! meetings, with where it stands today; the actions a meeting's "matters arising" item
//! reviews; recording an update (status and note, with its history kept); and the log as a
//! PDF or a CSV file.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use boardpack_core::actions::{
    action_log_blocks, action_log_csv, action_log_title, as_at, check_update, public_log, sort_log,
    ActionEntry, ActionStatus, ActionUpdate,
};
use boardpack_core::agenda::schedule;
use boardpack_core::minutes::minute_references;
use boardpack_core::{ActionId, ActionUpdateId, Committee, CommitteeId, MeetingId};

use crate::error::{Error, Result};
use crate::store::{actions as x, agenda as a, committees as c, meetings as m, room as r};
use crate::Boardpack;

/// A committee's action log as at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionLog {
    pub committee_id: CommitteeId,
    pub committee_name: String,
    #[ts(type = "string")]
    pub as_at: NaiveDate,
    pub entries: Vec<ActionEntry>,
}

/// The day a log is drawn up for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsAt {
    /// Everything recorded so far, with actions past their due date on this day counted
    /// overdue: the log as the window shows it. A bare date means this.
    Today(NaiveDate),
    /// The log as it stood at the end of this day: the meetings after it, the actions they
    /// raised and the updates dated after it are left out, and each action has the status
    /// recorded by then ([`boardpack_core::actions::as_at`]).
    Date(NaiveDate),
}

impl AsAt {
    /// The day overdue actions are judged by, which the log is dated.
    pub fn day(self) -> NaiveDate {
        match self {
            AsAt::Today(d) | AsAt::Date(d) => d,
        }
    }
}

impl From<NaiveDate> for AsAt {
    fn from(today: NaiveDate) -> AsAt {
        AsAt::Today(today)
    }
}

/// An update to record against an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewActionUpdate {
    pub action_id: ActionId,
    pub status: ActionStatus,
    pub note: String,
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// The meeting at which it was reported, if any.
    pub meeting_id: Option<MeetingId>,
}

/// Which actions a log shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LogFilter {
    /// Still in hand (open, on track, at risk, overdue).
    Open,
    All,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionsExport {
    pub path: String,
    pub actions: u32,
    /// Pages of a PDF; zero for CSV.
    pub pages: u32,
}

fn no_action(id: ActionId) -> Error {
    Error::NotFound {
        what: "action with the id",
        key: id.to_string(),
        hint: "It may have been removed from the minutes; reload the action log.",
    }
}

pub(crate) fn no_committee(id: CommitteeId) -> Error {
    Error::NotFound {
        what: "committee with the id",
        key: id.to_string(),
        hint: "Reload the list.",
    }
}

/// Every action of a committee, as at `today`, oldest meeting first.
pub(crate) fn committee_actions(
    conn: &rusqlite::Connection,
    committee: &Committee,
    today: NaiveDate,
) -> Result<Vec<ActionEntry>> {
    let meetings = m::meetings(conn, Some(committee.id))?;
    let mut items = BTreeMap::new();
    for mt in &meetings {
        items.insert(mt.id, a::items(conn, Some(mt.id))?);
    }
    let counts: Vec<_> = meetings
        .iter()
        .map(|mt| (mt.id, mt.date, items[&mt.id].len()))
        .collect();
    let mut history: BTreeMap<ActionId, Vec<ActionUpdate>> = BTreeMap::new();
    for u in x::updates(conn)? {
        history.entry(u.action_id).or_default().push(u);
    }
    let mut out = Vec::new();
    for mt in &meetings {
        let its = &items[&mt.id];
        let minutes = r::minutes(conn, Some(mt.id))?;
        if minutes.iter().all(|mn| mn.actions.is_empty()) {
            continue;
        }
        let slots = schedule(its, mt.start_time);
        let earlier: Vec<_> = counts
            .iter()
            .filter(|(id, _, _)| *id != mt.id)
            .cloned()
            .collect();
        let refs = minute_references(
            &committee.minute_ref_pattern,
            mt.date,
            &earlier,
            &slots,
            committee.first_minute(chrono::Datelike::year(&mt.date)),
        );
        for mn in minutes {
            let item = its.iter().find(|i| i.id == mn.item_id);
            for action in mn.actions {
                let status = action.status.on(action.due, today);
                out.push(ActionEntry {
                    reference: refs.get(&mn.item_id).cloned().unwrap_or_default(),
                    meeting_id: mt.id,
                    meeting_label: format!("{} {}", committee.name, mt.number),
                    meeting_date: mt.date,
                    item_id: mn.item_id,
                    item_title: item.map(|i| i.title.clone()).unwrap_or_default(),
                    private: item.is_none_or(|i| !boardpack_core::pack::included(mt, i, its, true)),
                    status,
                    rag: status.rag(),
                    history: history.remove(&action.id).unwrap_or_default(),
                    action,
                });
            }
        }
    }
    sort_log(&mut out);
    Ok(out)
}

impl Boardpack {
    /// A committee's action log as at a day (today, or as it stood on a date: see
    /// [`AsAt`]): the open actions, or all of them.
    pub fn action_log(
        &self,
        committee: CommitteeId,
        when: impl Into<AsAt>,
        filter: LogFilter,
    ) -> Result<ActionLog> {
        let when = when.into();
        let today = when.day();
        self.store.read(|conn| {
            let cm = c::committee(conn, committee)?.ok_or_else(|| no_committee(committee))?;
            let mut entries = committee_actions(conn, &cm, today)?;
            if let AsAt::Date(date) = when {
                entries = as_at(entries, date);
            }
            if filter == LogFilter::Open {
                entries.retain(|e| !e.status.is_done());
            }
            // A log of everything recorded is as at the latest thing it holds when that is
            // after today (a meeting minuted ahead of its date, an update dated ahead), so
            // its heading never claims a day before what it lists.
            let as_at_day = match when {
                AsAt::Date(date) => date,
                AsAt::Today(today) => entries
                    .iter()
                    .flat_map(|e| {
                        std::iter::once(e.meeting_date).chain(e.history.iter().map(|u| u.date))
                    })
                    .fold(today, NaiveDate::max),
            };
            Ok(ActionLog {
                committee_id: cm.id,
                committee_name: cm.name.clone(),
                as_at: as_at_day,
                entries,
            })
        })
    }

    /// The actions a meeting's "action log and matters arising" item reviews: those from
    /// the committee's earlier meetings still in hand, and any updated at this meeting.
    pub fn matters_arising(
        &self,
        meeting: MeetingId,
        today: NaiveDate,
    ) -> Result<Vec<ActionEntry>> {
        self.store.read(|conn| {
            let mt = m::meeting(conn, meeting)?.ok_or_else(|| crate::setup::no_meeting(meeting))?;
            let cm = c::committee(conn, mt.committee_id)?
                .ok_or_else(|| crate::setup::no_meeting(meeting))?;
            let mut entries = committee_actions(conn, &cm, today)?;
            entries.retain(|e| {
                e.meeting_date < mt.date
                    && (!e.status.is_done()
                        || e.history.iter().any(|u| u.meeting_id == Some(meeting)))
            });
            Ok(entries)
        })
    }

    /// Records an update: the action takes the new status, and the update joins its
    /// history. Closing needs a reason (the note).
    pub fn update_action(&self, update: &NewActionUpdate) -> Result<ActionUpdate> {
        check_update(update.status, &update.note).map_err(Error::Conflict)?;
        let recorded = ActionUpdate {
            id: ActionUpdateId(Uuid::now_v7()),
            action_id: update.action_id,
            date: update.date,
            status: update.status,
            note: update.note.trim().to_owned(),
            meeting_id: update.meeting_id,
        };
        self.store.write(|tx| {
            x::action_minute(tx, update.action_id)?.ok_or_else(|| no_action(update.action_id))?;
            if let Some(mid) = update.meeting_id {
                m::meeting(tx, mid)?.ok_or_else(|| crate::setup::no_meeting(mid))?;
            }
            x::upsert_update(tx, &recorded)?;
            x::set_status(tx, &recorded)?;
            Ok(recorded)
        })
    }

    /// Writes a committee's action log as at a day ([`AsAt`]) as a PDF or a CSV file, by
    /// the extension of `out`. The public log ([`boardpack_core::actions::public_log`])
    /// leaves out actions from items taken in private and from meetings held in private,
    /// and updates reported at those. The PDF is landscape when its columns need it.
    pub fn export_actions(
        &self,
        committee: CommitteeId,
        when: impl Into<AsAt>,
        filter: LogFilter,
        public: bool,
        out: &Path,
    ) -> Result<ActionsExport> {
        let when = when.into();
        let today = when.day();
        let ext = out
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if ext != "pdf" && ext != "csv" {
            return Err(Error::Conflict(format!(
                "Cannot tell what to write to {}: name the file .pdf for a printable log or .csv for a spreadsheet.",
                out.display()
            )));
        }
        let mut log = self.action_log(committee, when, filter)?;
        if public {
            let private_meetings = self.store.read(|conn| {
                Ok(m::meetings(conn, None)?
                    .into_iter()
                    .filter(|x| x.session != boardpack_core::Session::Public)
                    .map(|x| x.id)
                    .collect())
            })?;
            log.entries = public_log(std::mem::take(&mut log.entries), &private_meetings);
        }
        let pages = if ext == "csv" {
            let csv = action_log_csv(&log.entries);
            crate::save_document(out, |file| {
                // A byte-order mark, so spreadsheet programs read the file as UTF-8.
                std::io::Write::write_all(file, "\u{feff}".as_bytes())
                    .and_then(|_| std::io::Write::write_all(file, csv.as_bytes()))
                    .map_err(Error::io("write", out))
            })?;
            0
        } else {
            let organisation = self.store.read(|conn| {
                let cm = c::committee(conn, committee)?.ok_or_else(|| no_committee(committee))?;
                c::organisation(conn, cm.organisation_id)?.ok_or_else(|| no_committee(committee))
            })?;
            let title = action_log_title(
                &log.committee_name,
                public,
                filter == LogFilter::All,
                log.as_at,
            );
            let doc = action_log_blocks(&log.committee_name, &log.entries);
            let id = crate::document_id(&format!(
                "actions/{committee}/{today}/{}/{filter:?}/{public}",
                matches!(when, AsAt::Date(_))
            ));
            self.write_table_document(&organisation, &title, doc, id, out)?
        };
        Ok(ActionsExport {
            path: out.display().to_string(),
            actions: log.entries.len() as u32,
            pages,
        })
    }
}
