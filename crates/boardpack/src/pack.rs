//! Use cases of the board pack: gathering a meeting's agenda, papers and registers into a
//! [`boardpack_core::pack::PackPlan`], and writing the pack.

use std::collections::BTreeMap;

use boardpack_core::agenda::Lead;
use boardpack_core::pack::{plan, PackInput, PackPlan};
use boardpack_core::MeetingId;

use crate::error::{Error, Result};
use crate::setup::no_meeting;
use crate::store::{agenda as a, committees as c, papers as p, risks as r};
use crate::Boardpack;

impl Boardpack {
    /// The plan of a meeting's pack, public or private.
    pub fn pack_plan(&self, meeting_id: MeetingId, public: bool) -> Result<PackPlan> {
        let summary = self.meeting(meeting_id)?;
        self.store
            .read(|conn| {
                let meeting = &summary.meeting;
                let committee = c::committee(conn, meeting.committee_id)?
                    .ok_or_else(|| no_meeting(meeting_id))?;
                let organisation = c::organisations(conn)?
                    .into_iter()
                    .find(|o| o.id == committee.organisation_id)
                    .ok_or_else(|| no_meeting(meeting_id))?;
                let items = a::items(conn, Some(meeting_id))?;
                let papers = p::papers(conn, Some(meeting_id))?;
                let people = c::people(conn)?;
                let members = c::memberships(conn, Some(committee.id))?;
                let leads: BTreeMap<_, _> = items
                    .iter()
                    .map(|i| {
                        let text = match &i.lead {
                            Lead::None => String::new(),
                            Lead::Member { person_id } => {
                                let name = people
                                    .iter()
                                    .find(|p| p.id == *person_id)
                                    .map(|p| p.name.clone())
                                    .unwrap_or_default();
                                match members.iter().find(|m| m.person_id == *person_id) {
                                    Some(m) if !m.role.is_empty() => format!("{name}, {}", m.role),
                                    _ => name,
                                }
                            }
                            Lead::Invitee { name, role } if role.is_empty() => name.clone(),
                            Lead::Invitee { name, role } => format!("{name}, {role}"),
                        };
                        (i.id, text)
                    })
                    .collect();
                let objectives = r::objectives(conn, Some(organisation.id))?;
                let risks = r::risks(conn, Some(organisation.id))?;
                let input = PackInput {
                    organisation: &organisation,
                    committee: &committee,
                    meeting,
                    chair: summary.chair_name.as_deref(),
                    items: &items,
                    papers: &papers,
                    leads: &leads,
                    objectives: &objectives,
                    risks: &risks,
                    public,
                };
                Ok(plan(&input))
            })
            .map_err(|e: Error| e)
    }
}

/// How far a pack build has got, for progress bars.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PackProgress {
    /// "Checking", "Laying out", "Reading papers", "Assembling", "Writing".
    pub stage: String,
    pub done: u32,
    pub total: u32,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PackReport {
    pub path: String,
    pub pages: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    pub public: bool,
    /// Readiness warnings that did not block the pack.
    pub warnings: Vec<String>,
}

impl Boardpack {
    /// Builds a meeting's pack and writes it to `out` (via a temporary file renamed into
    /// place: on any error no file is left). The readiness check runs first; problems
    /// that block the pack are listed in the error. The same meeting always gives the
    /// same bytes.
    pub fn export_pack(
        &self,
        meeting_id: MeetingId,
        public: bool,
        out: &std::path::Path,
        today: chrono::NaiveDate,
        progress: &mut dyn FnMut(PackProgress),
    ) -> Result<PackReport> {
        let mut report = |stage: &str, done: usize, total: usize| {
            progress(PackProgress {
                stage: stage.into(),
                done: done as u32,
                total: total as u32,
            })
        };
        report("Checking", 0, 1);
        let readiness = self.readiness(meeting_id, today)?;
        let (blocking, warnings): (Vec<_>, Vec<_>) = readiness
            .problems
            .into_iter()
            .partition(|p| p.severity == boardpack_core::readiness::Severity::Blocking);
        if !blocking.is_empty() {
            return Err(Error::NotReady {
                problems: blocking.into_iter().map(|p| p.message).collect(),
            });
        }
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        if !parent.is_dir() {
            return Err(Error::OutFolderMissing(parent.to_path_buf()));
        }
        report("Laying out", 0, 1);
        let summary = self.meeting(meeting_id)?;
        let plan = self.pack_plan(meeting_id, public)?;
        let meeting = &summary.meeting;
        let created = meeting
            .date
            .and_time(meeting.start_time.unwrap_or_default());
        let document_id = {
            use sha2::{Digest, Sha256};
            let hash = Sha256::digest(format!(
                "{}/{}",
                meeting.id,
                if public { "public" } else { "private" }
            ));
            let mut id = [0u8; 16];
            id.copy_from_slice(&hash[..16]);
            id
        };
        let write_opts = boardpack_core::pdf::WriteOptions {
            title: plan.title.clone(),
            author: summary.committee_name.clone(),
            subject: summary.title.clone(),
            created,
            document_id,
        };
        let generated =
            boardpack_core::pdf::write(&plan.generated, &[], &write_opts).map_err(|e| {
                Error::Pack(format!("the pack's own pages could not be written ({e})."))
            })?;

        // Each attached file once, read from the blob store and checked against its hash.
        let mut hashes: Vec<&str> = Vec::new();
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        for planned in &plan.papers {
            let paper = self.paper(planned.paper_id)?;
            let label = format!("Paper {} ({})", planned.letter, paper.title);
            for (k, a) in paper.document.iter().chain(&paper.appendices).enumerate() {
                let name = if k == 0 && paper.document.is_some() {
                    label.clone()
                } else {
                    format!("{label}, {}", a.title)
                };
                names.entry(a.sha256.clone()).or_insert(name);
            }
        }
        for run in &plan.runs {
            if let boardpack_core::pack::PageSource::Attachment { sha256, .. } = &run.source {
                if !hashes.contains(&sha256.as_str()) {
                    hashes.push(sha256);
                }
            }
        }
        let mut files = Vec::with_capacity(hashes.len());
        for (k, sha) in hashes.iter().enumerate() {
            report("Reading papers", k, hashes.len());
            let bytes = self.blobs.read(sha).map_err(|e| {
                Error::Pack(format!(
                    "{}: {e}",
                    names
                        .get(*sha)
                        .cloned()
                        .unwrap_or_else(|| (*sha).to_owned())
                ))
            })?;
            files.push(bytes);
        }
        let mut sources = vec![boardpack_core::pdf::assemble::Source {
            name: "the pack's own pages".into(),
            bytes: &generated,
        }];
        for (sha, bytes) in hashes.iter().zip(&files) {
            sources.push(boardpack_core::pdf::assemble::Source {
                name: names
                    .get(*sha)
                    .cloned()
                    .unwrap_or_else(|| (*sha).to_owned()),
                bytes,
            });
        }
        let runs: Vec<boardpack_core::pdf::assemble::Run> = plan
            .runs
            .iter()
            .map(|r| match &r.source {
                boardpack_core::pack::PageSource::Generated { first, count } => {
                    boardpack_core::pdf::assemble::Run {
                        source: 0,
                        first: *first,
                        count: *count,
                        footer: Some(r.footer.clone()),
                    }
                }
                boardpack_core::pack::PageSource::Attachment { sha256, pages } => {
                    boardpack_core::pdf::assemble::Run {
                        source: 1 + hashes.iter().position(|h| h == sha256).unwrap_or(0),
                        first: 0,
                        count: *pages,
                        footer: Some(r.footer.clone()),
                    }
                }
            })
            .collect();
        fn convert(
            b: &boardpack_core::pack::PlannedBookmark,
            runs: &[boardpack_core::pdf::assemble::Run],
        ) -> boardpack_core::pdf::assemble::Bookmark {
            boardpack_core::pdf::assemble::Bookmark {
                title: b.title.clone(),
                run: b.run,
                children: b.children.iter().map(|c| convert(c, runs)).collect(),
                adopt_outline_of: if b.adopt_outline {
                    runs.get(b.run).map(|r| r.source)
                } else {
                    None
                },
            }
        }
        let outline: Vec<_> = plan.bookmarks.iter().map(|b| convert(b, &runs)).collect();
        let opts = boardpack_core::pdf::assemble::AssembleOptions {
            title: plan.title.clone(),
            author: summary.committee_name.clone(),
            subject: summary.title.clone(),
            created,
            document_id,
        };
        let bytes = boardpack_core::pdf::assemble::assemble(
            &sources,
            &runs,
            &outline,
            &opts,
            &mut |done, total| report("Assembling", done, total),
        )
        .map_err(|e| Error::Pack(format!("{e}.")))?;
        report("Writing", 0, 1);
        let mut tmp = tempfile::Builder::new()
            .prefix(".boardpack-pack-")
            .suffix(".pdf")
            .tempfile_in(parent)
            .map_err(Error::io("write the pack in", parent))?;
        std::io::Write::write_all(&mut tmp, &bytes).map_err(Error::io("write", out))?;
        tmp.as_file().sync_all().map_err(Error::io("write", out))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // A pack is for sharing: readable like any document the user saves.
            let _ = tmp
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644));
        }
        tmp.persist(out)
            .map_err(|e| Error::io("write", out)(e.error))?;
        report("Writing", 1, 1);
        Ok(PackReport {
            path: out.display().to_string(),
            pages: plan.total_pages as u32,
            bytes: bytes.len() as u64,
            public,
            warnings: warnings.into_iter().map(|p| p.message).collect(),
        })
    }
}

impl Boardpack {
    /// The file name to offer when saving a meeting's pack, such as
    /// "Trust Board 2026-12-03 pack (public).pdf".
    pub fn pack_file_name(&self, meeting_id: MeetingId, public: bool) -> Result<String> {
        let summary = self.meeting(meeting_id)?;
        Ok(boardpack_core::pack::file_name(
            &summary.committee_name,
            summary.meeting.date,
            public,
        ))
    }
}
