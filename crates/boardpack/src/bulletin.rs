//! Use cases of the public bulletin: gathering a meeting into a
//! [`boardpack_core::bulletin::BulletinPlan`] and writing it, with the public papers it lists
//! attached, through the pack's writer. What goes in is the core's decision
//! ([`boardpack_core::bulletin::eligible`]); nothing here chooses items.

use boardpack_core::bulletin::BulletinPlan;
use boardpack_core::MeetingId;

use crate::error::Result;
use crate::out_folder;
use crate::Boardpack;

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BulletinReport {
    pub path: String,
    pub pages: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    /// The reports listed, as the bulletin prints them: "Title (date) – Lead contact point
    /// Name, Role (telephone) – paper 1".
    pub lines: Vec<String>,
}

impl Boardpack {
    /// The plan of a meeting's bulletin: its lines and its pages.
    pub fn bulletin_plan(&self, meeting_id: MeetingId) -> Result<BulletinPlan> {
        self.snapshot(meeting_id)?.bulletin_plan()
    }

    /// Writes a meeting's public bulletin to `out` (via a temporary file renamed into place:
    /// on any error no file is left): the bulletin's page, then the papers it lists with
    /// their appendices, with bookmarks and page numbers. The same meeting always gives the
    /// same bytes.
    pub fn export_bulletin(
        &self,
        meeting_id: MeetingId,
        out: &std::path::Path,
    ) -> Result<BulletinReport> {
        let snapshot = self.snapshot(meeting_id)?;
        snapshot.check_public("public bulletin")?;
        out_folder(out)?;
        let plan = snapshot.bulletin_plan()?;
        let summary = &snapshot.summary;
        let opts = boardpack_pdf::PdfOptions {
            title: plan.pages.title.clone(),
            author: snapshot.organisation.name.clone(),
            subject: format!("{} – public bulletin", summary.title),
            created: self.export_time(),
            lang: snapshot.organisation.language.clone(),
            document_id: crate::document_id(&format!("bulletin/{meeting_id}")),
        };
        let bytes = self.write_plan(
            &plan.pages,
            &snapshot.file_names(&plan.pages),
            &opts,
            out,
            &mut |_, _, _| {},
        )?;
        Ok(BulletinReport {
            path: out.display().to_string(),
            pages: plan.pages.total_pages as u32,
            bytes,
            lines: plan.lines.iter().map(|l| l.text()).collect(),
        })
    }

    /// The file name to offer when saving a meeting's bulletin, such as
    /// "Trust Board 2026-12-03 bulletin.pdf".
    pub fn bulletin_file_name(&self, meeting_id: MeetingId) -> Result<String> {
        let summary = self.meeting(meeting_id)?;
        Ok(boardpack_core::bulletin::file_name(
            &summary.committee_name,
            summary.meeting.date,
        ))
    }
}
