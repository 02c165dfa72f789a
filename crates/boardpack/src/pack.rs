//! Use cases of the board pack: gathering a meeting's agenda, papers and registers into a
//! [`boardpack_core::pack::PackPlan`], and writing the pack.

use std::collections::BTreeMap;

use boardpack_core::pack::PackPlan;
use boardpack_core::MeetingId;
use boardpack_pdf::{PackCache, PdfOptions};

use crate::error::{Error, Result};
use crate::{out_folder, Boardpack};

impl Boardpack {
    /// The plan of a meeting's pack, public or private.
    pub fn pack_plan(&self, meeting_id: MeetingId, public: bool) -> Result<PackPlan> {
        self.snapshot(meeting_id)?.pack_plan(public)
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
        // Read once: the readiness check, the plan and the writing all use this snapshot.
        let snapshot = self.snapshot(meeting_id)?;
        if public {
            snapshot.check_public("public pack")?;
        }
        let readiness = snapshot.readiness(today);
        let (blocking, warnings): (Vec<_>, Vec<_>) = readiness
            .problems
            .into_iter()
            .partition(|p| p.severity == boardpack_core::readiness::Severity::Blocking);
        if !blocking.is_empty() {
            return Err(Error::NotReady {
                problems: blocking.into_iter().map(|p| p.message).collect(),
            });
        }
        out_folder(out)?;
        report("Laying out", 0, 1);
        let plan = snapshot.pack_plan(public)?;
        let summary = &snapshot.summary;
        let meeting = &summary.meeting;
        let opts = PdfOptions {
            title: plan.title.clone(),
            author: snapshot.organisation.name.clone(),
            subject: summary.title.clone(),
            created: self.export_time(),
            lang: snapshot.organisation.language.clone(),
            document_id: crate::document_id(&format!(
                "{}/{}",
                meeting.id,
                if public { "public" } else { "private" }
            )),
        };
        let names = snapshot.file_names(&plan);
        let written = self.write_plan(&plan, &names, &opts, out, &mut report)?;
        Ok(PackReport {
            path: out.display().to_string(),
            pages: plan.total_pages as u32,
            bytes: written,
            public,
            warnings: warnings.into_iter().map(|p| p.message).collect(),
        })
    }

    /// Writes a planned pack (or bulletin, which is planned the same way) to `out` through
    /// [`boardpack_pdf::write_pack`]: attached files are read from the blob store one at a
    /// time as the engine asks for them (or not at all when the open `Boardpack`'s cache
    /// holds them), and the pack goes into a temporary file renamed into place, so on any
    /// error no file is left. Returns the number of bytes written.
    pub(crate) fn write_plan(
        &self,
        plan: &PackPlan,
        names: &BTreeMap<String, String>,
        opts: &PdfOptions,
        out: &std::path::Path,
        report: &mut dyn FnMut(&str, usize, usize),
    ) -> Result<u64> {
        out_folder(out)?;
        let mut files = BlobFiles {
            blobs: &self.blobs,
            names,
        };
        let mut cache = self.cache();
        // Written to the file as it is assembled: the pack is never whole in memory.
        let written = crate::save_document(out, |file| {
            let mut file = std::io::BufWriter::with_capacity(256 * 1024, file);
            let written = boardpack_pdf::write_pack(
                &plan.pack,
                &mut files,
                opts,
                Some(&mut cache),
                &mut |done, total| report("Assembling", done, total),
                &mut file,
            )
            .map_err(|e| Error::Pack(format!("{e}.")))?;
            std::io::Write::flush(&mut file).map_err(Error::io("write", out))?;
            report("Writing", 0, 1);
            Ok(written)
        })?;
        report("Writing", 1, 1);
        Ok(written)
    }
}

/// The blob store as the pack engine's source of attached files.
struct BlobFiles<'a> {
    blobs: &'a crate::blobstore::BlobStore,
    names: &'a BTreeMap<String, String>,
}

impl boardpack_pdf::PackFiles for BlobFiles<'_> {
    fn read(&mut self, file: &str) -> std::result::Result<Vec<u8>, String> {
        self.blobs.read(file).map_err(|e| e.to_string())
    }

    fn name(&self, file: &str) -> String {
        self.names
            .get(file)
            .cloned()
            .unwrap_or_else(|| file.to_owned())
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

impl Boardpack {
    fn cache(&self) -> std::sync::MutexGuard<'_, PackCache> {
        // What an open `Boardpack` keeps between pack builds (see `PackCache`): the
        // serialized parts of attached papers and of the generated pages.
        // A panic while the lock was held leaves nothing half-done worth refusing.
        self.pack_cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper_pdf(title: &str, paragraphs: usize) -> Vec<u8> {
        use boardpack_pdf::{simple_document, Block};
        let blocks = (0..paragraphs)
            .map(|i| Block::para(format!("{title}: paragraph {i} of the paper, long enough to wrap across the width of the page at least once or twice.")))
            .collect();
        let opts = PdfOptions {
            title: title.into(),
            author: "Author".into(),
            subject: String::new(),
            created: Default::default(),
            lang: boardpack_pdf::DEFAULT_LANG.into(),
            document_id: [9; 16],
        };
        simple_document(title, blocks, &opts).expect("pdf")
    }

    /// A build that uses what earlier builds kept gives the bytes a fresh `Boardpack` gives:
    /// unchanged, after a paper changed keeping its length, and after one changed length.
    #[test]
    fn rebuilds_from_the_cache_are_byte_identical_to_fresh_builds() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("board.sqlite");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        // Every build is stamped with the clock's time: one fixed clock, the same bytes.
        let open =
            || Boardpack::open_with_clock(&db, Box::new(crate::FixedClock(today))).expect("open");
        let app = open();
        app.load_demo().expect("demo");
        let meeting = app.meetings().expect("meetings")[0].meeting.id;
        let build = |app: &Boardpack, name: &str| {
            let out = dir.path().join(name);
            app.export_pack(meeting, false, &out, today, &mut |_| {})
                .expect("pack");
            std::fs::read(out).expect("read")
        };
        let first = build(&app, "1.pdf");
        assert!(app.cache().files() > 1 && app.cache().has_generated());
        assert!(build(&app, "2.pdf") == first, "unchanged rebuild");
        let fresh = open();
        assert!(build(&fresh, "3.pdf") == first, "fresh build");

        let paper = app.pack_plan(meeting, false).expect("plan").papers[1].paper_id;
        let pages = app
            .paper(paper)
            .expect("paper")
            .document
            .expect("document")
            .pages;
        for (k, paragraphs) in [(0, 1), (1, 1), (2, 40)] {
            let file = dir.path().join(format!("new-{k}.pdf"));
            std::fs::write(&file, paper_pdf(&format!("Version {k}"), paragraphs)).expect("write");
            app.attach_document(paper, &file).expect("attach");
            let now = app
                .paper(paper)
                .expect("paper")
                .document
                .expect("document")
                .pages;
            let cached = build(&app, "cached.pdf");
            let fresh = build(&open(), "fresh.pdf");
            assert!(cached == fresh, "version {k}: {pages} pages, now {now}");
            assert!(cached != first);
        }
    }
}
