//! The year in figures of a committee ([`boardpack_core::year`]): everything it needs read
//! in one go, the figures worked out, and written as a PDF (charts, each with the table
//! behind it) or a CSV file (one long `section,name,measure,value` table).

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use boardpack_core::year::{check_period, year_blocks, year_csv, year_figures, year_title};
use boardpack_core::year::{YearFigures, YearInput};
use boardpack_core::CommitteeId;

use crate::actions::{committee_actions, no_committee};
use crate::error::{Error, Result};
use crate::store::{agenda as a, committees as c, meetings as m, papers as p, risks, room as r};
use crate::Boardpack;

/// What an export of the year in figures wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct YearExport {
    pub path: String,
    /// The meetings counted.
    pub meetings: u32,
    /// Meetings of the period left out: their attendance is not recorded.
    pub not_counted: u32,
    /// Pages of a PDF; zero for CSV.
    pub pages: u32,
}

/// The file kinds the year in figures is written as, by the extension of the file named.
fn kind_of(out: &Path) -> Result<&'static str> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => Ok("pdf"),
        "csv" => Ok("csv"),
        _ => Err(Error::Conflict(format!(
            "Cannot tell what to write to {}: name the file .pdf for a printable report or .csv for a spreadsheet.",
            out.display()
        ))),
    }
}

impl Boardpack {
    /// A committee's figures over a period (both days included).
    pub fn year_figures(
        &self,
        committee: CommitteeId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<YearFigures> {
        check_period(from, to).map_err(Error::Conflict)?;
        self.store.read(|conn| {
            let cm = c::committee(conn, committee)?.ok_or_else(|| no_committee(committee))?;
            let meetings = m::meetings(conn, Some(cm.id))?;
            let memberships = c::memberships(conn, Some(cm.id))?;
            let people = c::people(conn)?;
            let mut attendance = Vec::new();
            let mut items = Vec::new();
            let mut papers = Vec::new();
            let mut declarations = Vec::new();
            let mut closings = Vec::new();
            for mt in meetings.iter().filter(|x| x.date >= from && x.date <= to) {
                attendance.extend(r::attendance(conn, Some(mt.id))?);
                items.extend(a::items(conn, Some(mt.id))?);
                papers.extend(p::paper_details(conn, Some(mt.id))?);
                declarations.extend(r::declarations(conn, Some(mt.id))?);
                closings.extend(r::closings(conn, Some(mt.id))?);
            }
            let objectives = risks::objectives(conn, Some(cm.organisation_id))?;
            let actions = committee_actions(conn, &cm, to)?;
            Ok(year_figures(&YearInput {
                committee: &cm,
                from,
                to,
                meetings: &meetings,
                memberships: &memberships,
                people: &people,
                attendance: &attendance,
                items: &items,
                papers: &papers,
                objectives: &objectives,
                declarations: &declarations,
                closings: &closings,
                actions: &actions,
                as_at: self.clock.today().min(to),
            }))
        })
    }

    /// Writes a committee's year in figures over a period as a PDF or a CSV file, by the
    /// extension of `out`. The CSV starts with a byte-order mark, so spreadsheet programs
    /// read it as UTF-8.
    pub fn export_year(
        &self,
        committee: CommitteeId,
        from: NaiveDate,
        to: NaiveDate,
        out: &Path,
    ) -> Result<YearExport> {
        let kind = kind_of(out)?;
        let figures = self.year_figures(committee, from, to)?;
        let pages = if kind == "csv" {
            let csv = year_csv(&figures);
            crate::save_document(out, |file| {
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
            let title = year_title(&figures);
            let doc = year_blocks(&figures);
            let id = crate::document_id(&format!("year/{committee}/{from}/{to}"));
            self.write_table_document(&organisation, &title, doc, id, out)?
        };
        Ok(YearExport {
            path: out.display().to_string(),
            meetings: figures.meetings.len() as u32,
            not_counted: figures.not_counted.len() as u32,
            pages,
        })
    }
}
