//! Use cases of issuing a pack ([`boardpack_core::reissue`]): issuing and re-issuing it
//! with a change list, the list of issues, what changed since the last one, and the
//! supplement.
//!
//! A supplement records nothing: it is what members who hold the last issue add to it.
//! The record is the next issue, whose change list lists the same changes; so a
//! secretariat that sends a supplement issues the full pack too (for the record and for
//! members who want a clean copy), and the supplement is made before that issue.

use boardpack_core::meeting::MeetingStatus;
use boardpack_core::pack::PackPlan;
use boardpack_core::reissue::{
    self, ChangeList, IssueOptions, PackChange, PackChangeKind, PackIssue, PackKind,
};
use boardpack_core::validate::long_date;
use boardpack_core::MeetingId;
use boardpack_pdf::PdfOptions;

use crate::error::{Error, Result};
use crate::pack::{PackProgress, PackReport};
use crate::snapshot::MeetingSnapshot;
use crate::store::{blobs as b, issues as i, meetings as m};
use crate::Boardpack;

/// What has changed in a meeting's pack of one kind since it was last issued.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PackChanges {
    pub kind: PackKind,
    /// The last issue of that kind, if the pack was issued.
    pub last: Option<PackIssue>,
    /// The version the next issue would be.
    pub next_version: u32,
    /// Since the last issue; pages are those of the pack as it would be issued now
    /// without a change list (the issued version opens with it, one page or more later).
    pub changes: Vec<PackChange>,
}

/// What issuing wrote and recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct IssueReport {
    pub issue: PackIssue,
    /// The changes its change list lists (empty for version 1).
    pub changes: Vec<PackChange>,
    pub pack: PackReport,
}

/// Who issues a pack when no name is given: the computer's user name from the
/// environment (`USER`, or `USERNAME` on Windows), else "Boardpack".
pub fn default_issuer() -> String {
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_owned())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "Boardpack".into())
}

impl Boardpack {
    /// The issues of a meeting's packs, public then full, oldest first.
    pub fn pack_issues(&self, meeting_id: MeetingId) -> Result<Vec<PackIssue>> {
        self.meeting(meeting_id)?;
        self.store.read(|conn| i::issues(conn, Some(meeting_id)))
    }

    /// What has changed in the pack of `public`'s kind since its last issue.
    pub fn pack_changes(&self, meeting_id: MeetingId, public: bool) -> Result<PackChanges> {
        let snapshot = self.snapshot(meeting_id)?;
        let issues = self.pack_issues(meeting_id)?;
        let kind = PackKind::from_public(public);
        let plan = snapshot.pack_plan(public)?;
        let current = reissue::issued_papers(&plan, &snapshot.papers);
        let last = reissue::last_issue(&issues, kind).cloned();
        let changes = last
            .as_ref()
            .map(|l| reissue::changes(&l.papers, &current))
            .unwrap_or_default();
        Ok(PackChanges {
            kind,
            next_version: reissue::next_version(&issues, kind),
            last,
            changes,
        })
    }

    /// Writes the meeting's pack to `out` as [`Boardpack::export_pack`] does and records
    /// the issue in one transaction: its kind, version, time (this Boardpack's clock), who
    /// issued it (`by`), its pages, the file (kept in the blob store) and each paper's
    /// letter, title, hashes and pages. The meeting's status becomes "pack issued" (if it
    /// was still being planned), so no issued pack says "DRAFT".
    ///
    /// A re-issue (version 2 on) opens with the change list since the last issue of its
    /// kind and names its version in every footer. When nothing has changed it is refused
    /// unless `force`: sending the same pack again as a new version confuses more than it
    /// helps.
    #[allow(clippy::too_many_arguments)]
    pub fn issue_pack(
        &self,
        meeting_id: MeetingId,
        public: bool,
        out: &std::path::Path,
        by: &str,
        force: bool,
        today: chrono::NaiveDate,
        progress: &mut dyn FnMut(PackProgress),
    ) -> Result<IssueReport> {
        let by = match by.trim() {
            "" => "Boardpack".to_owned(),
            name => name.to_owned(),
        };
        let mut snapshot = self.snapshot(meeting_id)?;
        // What is issued is no longer a draft.
        let meeting = &mut snapshot.summary.meeting;
        let was = meeting.status;
        meeting.status = meeting.status.max(MeetingStatus::PackIssued);
        let kind = PackKind::from_public(public);
        let issues = self.pack_issues(meeting_id)?;
        let version = reissue::next_version(&issues, kind);
        let last = reissue::last_issue(&issues, kind);
        let at = self.export_time();
        let mut options = IssueOptions::default();
        let mut changes = Vec::new();
        if let Some(last) = last {
            let plan = snapshot.pack_plan(public)?;
            changes = reissue::changes(
                &last.papers,
                &reissue::issued_papers(&plan, &snapshot.papers),
            );
            if changes.is_empty() && !force {
                return Err(Error::Conflict(format!(
                    "Nothing has changed in the {} pack since version {} was issued on {}: no paper was replaced, added or withdrawn. Send version {} again, or issue version {version} all the same (--force on the command line).",
                    kind.as_str(),
                    last.version,
                    long_date(last.issued_at.date()),
                    last.version,
                )));
            }
            options.footer_label = Some(format!("Version {version}"));
            options.change_list = Some(ChangeList::for_version(
                version,
                at.date(),
                last,
                changes.clone(),
            ));
        }
        let (plan, pack) = self.write_issue(
            &snapshot,
            public,
            out,
            today,
            &options,
            &format!("issue/{version}"),
            progress,
        )?;
        let blob = self.blobs.put_file(out, "application/pdf")?;
        let papers = reissue::issued_papers(&plan, &snapshot.papers);
        // The change list as printed: pages of this version.
        let changes = fill_pages(changes, &papers);
        let issue = PackIssue {
            meeting_id,
            kind,
            version,
            issued_at: at,
            issued_by: by,
            pages: plan.total_pages as u32,
            file_sha256: blob.sha256.clone(),
            file_size: blob.size,
            papers,
        };
        self.store.write(|tx| {
            let now = i::issues(tx, Some(meeting_id))?;
            if reissue::next_version(&now, kind) != version {
                return Err(Error::Conflict(format!(
                    "Another issue of the {} pack was recorded while this one was being written: nothing was recorded. Look at the versions and issue again if needed.",
                    kind.as_str()
                )));
            }
            b::insert_blob(tx, &blob)?;
            i::insert_issue(tx, &issue)?;
            if was < MeetingStatus::PackIssued {
                if let Some(mut meeting) = m::meeting(tx, meeting_id)? {
                    meeting.status = MeetingStatus::PackIssued;
                    m::upsert_meeting(tx, &meeting)?;
                }
            }
            Ok(())
        })?;
        Ok(IssueReport {
            issue,
            changes,
            pack,
        })
    }

    /// Writes a supplement to the last issue of the pack of `public`'s kind: the change
    /// list, then each replaced or added paper with its cover sheet, so members can add it
    /// to the version they hold. It records nothing (see the module's documentation).
    pub fn export_supplement(
        &self,
        meeting_id: MeetingId,
        public: bool,
        out: &std::path::Path,
        today: chrono::NaiveDate,
        progress: &mut dyn FnMut(PackProgress),
    ) -> Result<PackReport> {
        let snapshot = self.snapshot(meeting_id)?;
        let kind = PackKind::from_public(public);
        let issues = self.pack_issues(meeting_id)?;
        let Some(last) = reissue::last_issue(&issues, kind) else {
            return Err(Error::Conflict(format!(
                "The {} pack of this meeting has not been issued yet, so there is nothing to supplement. Issue the pack first.",
                kind.as_str()
            )));
        };
        let plan = snapshot.pack_plan(public)?;
        let changes = reissue::changes(
            &last.papers,
            &reissue::issued_papers(&plan, &snapshot.papers),
        );
        if !changes.iter().any(|c| c.kind != PackChangeKind::Withdrawn) {
            return Err(Error::Conflict(format!(
                "No paper has been replaced or added since version {} of the {} pack was issued on {}, so a supplement would hold no paper.{}",
                last.version,
                kind.as_str(),
                long_date(last.issued_at.date()),
                if changes.is_empty() {
                    String::new()
                } else {
                    " To tell members of withdrawn papers, issue the pack again: its change list says which.".to_owned()
                }
            )));
        }
        let committee = &snapshot.committee.name;
        let date = long_date(snapshot.meeting().date);
        let options = IssueOptions {
            footer_label: Some(format!("Supplement to version {}", last.version)),
            change_list: Some(ChangeList::for_supplement(
                self.export_time().date(),
                last,
                changes,
            )),
            supplement: true,
            title: Some(format!(
                "{committee} – {date} – supplement to version {} of the {} pack",
                last.version,
                kind.as_str()
            )),
        };
        let (_, report) = self.write_issue(
            &snapshot,
            public,
            out,
            today,
            &options,
            &format!("supplement/{}", last.version),
            progress,
        )?;
        Ok(report)
    }

    /// Checks, plans and writes a pack as [`Boardpack::export_pack`] does, planned with
    /// `options`.
    #[allow(clippy::too_many_arguments)]
    fn write_issue(
        &self,
        snapshot: &MeetingSnapshot,
        public: bool,
        out: &std::path::Path,
        today: chrono::NaiveDate,
        options: &IssueOptions,
        seed: &str,
        progress: &mut dyn FnMut(PackProgress),
    ) -> Result<(PackPlan, PackReport)> {
        let mut report = |stage: &str, done: usize, total: usize| {
            progress(PackProgress {
                stage: stage.into(),
                done: done as u32,
                total: total as u32,
            })
        };
        report("Checking", 0, 1);
        if public {
            snapshot.check_public("public pack")?;
        }
        let (blocking, warnings): (Vec<_>, Vec<_>) = snapshot
            .readiness(today)
            .problems
            .into_iter()
            .partition(|p| p.severity == boardpack_core::readiness::Severity::Blocking);
        if !blocking.is_empty() {
            return Err(Error::NotReady {
                problems: blocking.into_iter().map(|p| p.message).collect(),
            });
        }
        crate::out_folder(out)?;
        report("Laying out", 0, 1);
        let plan = snapshot.pack_plan_issue(public, options)?;
        let meeting = snapshot.meeting();
        let opts = PdfOptions {
            title: plan.title.clone(),
            author: snapshot.organisation.name.clone(),
            subject: snapshot.summary.title.clone(),
            created: self.export_time(),
            lang: snapshot.organisation.language.clone(),
            document_id: crate::document_id(&format!(
                "{}/{}/{seed}",
                meeting.id,
                if public { "public" } else { "private" }
            )),
        };
        let names = snapshot.file_names(&plan);
        let written = self.write_plan(&plan, &names, &opts, out, &mut report)?;
        let pack = PackReport {
            path: out.display().to_string(),
            pages: plan.total_pages as u32,
            bytes: written,
            public,
            warnings: warnings.into_iter().map(|p| p.message).collect(),
        };
        Ok((plan, pack))
    }
}

/// The changes with their pages in the issued pack.
fn fill_pages(mut changes: Vec<PackChange>, papers: &[reissue::IssuedPaper]) -> Vec<PackChange> {
    for c in &mut changes {
        c.pages = papers
            .iter()
            .find(|p| p.paper_id == c.paper_id && c.kind != PackChangeKind::Withdrawn)
            .map(|p| (p.first_page, p.last_page));
    }
    changes
}
