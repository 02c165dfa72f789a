//! Use cases of the board pack: gathering a meeting's agenda, papers and registers into a
//! [`boardpack_core::pack::PackPlan`], and writing the pack.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use boardpack_core::pack::{plan, PackInput, PackPlan};
use boardpack_core::MeetingId;
use boardpack_pdf::assemble::{AssembleError, Prepared, PreparedSource};

use crate::error::{Error, Result};
use crate::setup::no_meeting;
use crate::store::{agenda as a, committees as c, papers as p, risks as r};
use crate::{out_folder, Boardpack};

impl Boardpack {
    /// The plan of a meeting's pack, public or private.
    pub fn pack_plan(&self, meeting_id: MeetingId, public: bool) -> Result<PackPlan> {
        let summary = self.meeting(meeting_id)?;
        self.store
            .read(|conn| {
                let meeting = &summary.meeting;
                let committee = c::committee(conn, meeting.committee_id)?
                    .ok_or_else(|| no_meeting(meeting_id))?;
                let organisation = c::organisation(conn, committee.organisation_id)?
                    .ok_or_else(|| no_meeting(meeting_id))?;
                let items = a::items(conn, Some(meeting_id))?;
                let papers = p::papers(conn, Some(meeting_id))?;
                let people = c::people(conn)?;
                let members = c::memberships(conn, Some(committee.id))?;
                let leads: BTreeMap<_, _> = items
                    .iter()
                    .map(|i| (i.id, i.lead.describe(&people, &members)))
                    .collect();
                let objectives = r::objectives(conn, Some(organisation.id))?;
                let risks = r::risks(conn, Some(organisation.id))?;
                let logo = self.logo_image(&organisation)?;
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
                    logo: logo.as_ref(),
                };
                plan(&input).map_err(|e| Error::Private(e.to_string()))
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
        if public {
            self.check_public(meeting_id, "public pack")?;
        }
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
        out_folder(out)?;
        report("Laying out", 0, 1);
        let summary = self.meeting(meeting_id)?;
        let plan = self.pack_plan(meeting_id, public)?;
        let meeting = &summary.meeting;
        let info = DocumentInfo {
            author: summary.committee_name.clone(),
            subject: summary.title.clone(),
            created: meeting
                .date
                .and_time(meeting.start_time.unwrap_or_default()),
            document_id: crate::document_id(&format!(
                "{}/{}",
                meeting.id,
                if public { "public" } else { "private" }
            )),
        };
        let written = self.write_plan(&plan, &info, out, &mut report)?;
        Ok(PackReport {
            path: out.display().to_string(),
            pages: plan.total_pages as u32,
            bytes: written,
            public,
            warnings: warnings.into_iter().map(|p| p.message).collect(),
        })
    }

    /// Writes a planned pack (or bulletin, which is planned the same way) to `out`: the
    /// generated pages, then each attached file read from the blob store (or the cache),
    /// assembled with footers and bookmarks into a temporary file renamed into place, so on
    /// any error no file is left. Returns the number of bytes written.
    pub(crate) fn write_plan(
        &self,
        plan: &PackPlan,
        info: &DocumentInfo,
        out: &std::path::Path,
        report: &mut dyn FnMut(&str, usize, usize),
    ) -> Result<u64> {
        out_folder(out)?;
        let created = info.created;
        let document_id = info.document_id;
        let write_opts = boardpack_pdf::WriteOptions {
            title: plan.title.clone(),
            author: info.author.clone(),
            subject: info.subject.clone(),
            created,
            document_id,
        };
        // The generated pages: written and parsed again only when they changed.
        let generated_key = {
            use sha2::{Digest, Sha256};
            let mut hasher = HashWriter(Sha256::new());
            let _ = std::fmt::Write::write_fmt(
                &mut hasher,
                format_args!("{:?}{:?}", plan.generated, write_opts),
            );
            <[u8; 32]>::from(hasher.0.finalize())
        };
        let cached = self
            .cache()
            .generated
            .as_ref()
            .filter(|(key, _)| *key == generated_key)
            .map(|(_, p)| Arc::clone(p));
        let generated = match cached {
            Some(p) => p,
            None => {
                let bytes =
                    boardpack_pdf::write(&plan.generated, &[], &write_opts).map_err(|e| {
                        Error::Pack(format!("the pack's own pages could not be written ({e})."))
                    })?;
                let p = Arc::new(Prepared::parse(&bytes).map_err(|problem| {
                    Error::Pack(format!(
                        "{}.",
                        AssembleError::Unreadable {
                            name: "the pack's own pages".into(),
                            problem
                        }
                    ))
                })?);
                self.cache().generated = Some((generated_key, Arc::clone(&p)));
                p
            }
        };

        // Each attached file once, read from the blob store and checked against its hash,
        // or kept from an earlier build.
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
        let name_of = |sha: &str| names.get(sha).cloned().unwrap_or_else(|| sha.to_owned());
        let mut files: Vec<Option<Arc<Prepared>>> = {
            let mut cache = self.cache();
            hashes.iter().map(|sha| cache.paper(sha)).collect()
        };
        for (k, (sha, slot)) in hashes.iter().zip(&mut files).enumerate() {
            report("Reading papers", k, hashes.len());
            if slot.is_some() {
                continue;
            }
            // Read, parsed, and the bytes let go before the next file is read.
            let bytes = self
                .blobs
                .read(sha)
                .map_err(|e| Error::Pack(format!("{}: {e}", name_of(sha))))?;
            let prepared = Prepared::parse(&bytes).map_err(|problem| {
                Error::Pack(format!(
                    "{}.",
                    AssembleError::Unreadable {
                        name: name_of(sha),
                        problem
                    }
                ))
            })?;
            *slot = Some(Arc::new(prepared));
        }
        let files: Vec<Arc<Prepared>> = files.into_iter().flatten().collect();
        {
            let mut cache = self.cache();
            for (sha, p) in hashes.iter().zip(&files) {
                cache.keep(sha, p);
            }
        }
        let mut sources = vec![PreparedSource {
            name: "the pack's own pages".into(),
            prepared: &generated,
        }];
        for (sha, prepared) in hashes.iter().zip(&files) {
            sources.push(PreparedSource {
                name: name_of(sha),
                prepared,
            });
        }
        let runs: Vec<boardpack_pdf::assemble::Run> = plan
            .runs
            .iter()
            .map(|r| match &r.source {
                boardpack_core::pack::PageSource::Generated { first, count } => {
                    boardpack_pdf::assemble::Run {
                        source: 0,
                        first: *first,
                        count: *count,
                        footer: Some(r.footer.clone()),
                    }
                }
                boardpack_core::pack::PageSource::Attachment { sha256, pages } => {
                    boardpack_pdf::assemble::Run {
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
            runs: &[boardpack_pdf::assemble::Run],
        ) -> boardpack_pdf::assemble::Bookmark {
            boardpack_pdf::assemble::Bookmark {
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
        let opts = boardpack_pdf::assemble::AssembleOptions {
            title: plan.title.clone(),
            author: info.author.clone(),
            subject: info.subject.clone(),
            created,
            document_id,
        };
        // Written to the file as it is assembled: the pack is never whole in memory.
        let written = crate::save_document(out, |file| {
            let mut file = std::io::BufWriter::with_capacity(256 * 1024, file);
            let written = boardpack_pdf::assemble::assemble_to(
                &sources,
                &runs,
                &outline,
                &opts,
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

/// What a written pack or bulletin says about itself: its document information and the
/// identity that keeps rebuilds byte-identical.
#[derive(Debug, Clone)]
pub(crate) struct DocumentInfo {
    pub author: String,
    pub subject: String,
    pub created: chrono::NaiveDateTime,
    pub document_id: [u8; 16],
}

impl Boardpack {
    /// Refuses a public document (`document`: "public pack", "public minutes"…) of a
    /// meeting held in private, with the sentence of [`boardpack_core::pack::PrivateMeeting`].
    pub(crate) fn check_public(&self, meeting_id: MeetingId, document: &'static str) -> Result<()> {
        let summary = self.meeting(meeting_id)?;
        let committee = self
            .store
            .read(|conn| c::committee(conn, summary.meeting.committee_id))?
            .ok_or_else(|| no_meeting(meeting_id))?;
        boardpack_core::pack::check_public(&committee, &summary.meeting, document)
            .map_err(|e| Error::Private(e.to_string()))
    }

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

/// Most a [`PackCache`] keeps of attached papers, counted as the size of their files (a
/// parsed paper holds about that much: its streams stay compressed).
pub(crate) const PACK_CACHE_BYTES: usize = 128 * 1024 * 1024;

/// What an open [`Boardpack`] keeps between pack builds so that rebuilding after a change
/// is quick: each attached paper parsed (by its SHA-256, so a new version is a new entry
/// and nothing goes stale), and the generated pages of the last build (by a hash of their
/// layout and document information). Papers are let go least recently used first once they
/// add up to more than [`PACK_CACHE_BYTES`]; a paper bigger than that is not kept. Using
/// the cache changes no byte of the pack.
#[derive(Default)]
pub(crate) struct PackCache {
    papers: HashMap<String, (Arc<Prepared>, u64)>,
    bytes: usize,
    clock: u64,
    generated: Option<([u8; 32], Arc<Prepared>)>,
}

impl PackCache {
    /// A kept paper, marked as just used.
    fn paper(&mut self, sha: &str) -> Option<Arc<Prepared>> {
        self.clock += 1;
        let clock = self.clock;
        self.papers.get_mut(sha).map(|(p, used)| {
            *used = clock;
            Arc::clone(p)
        })
    }

    /// Keeps a paper (marked as just used), letting go of the least recently used ones
    /// beyond the bound.
    fn keep(&mut self, sha: &str, prepared: &Arc<Prepared>) {
        self.clock += 1;
        if let Some((_, used)) = self.papers.get_mut(sha) {
            *used = self.clock;
            return;
        }
        if prepared.size() > PACK_CACHE_BYTES {
            return;
        }
        self.bytes += prepared.size();
        self.papers
            .insert(sha.to_owned(), (Arc::clone(prepared), self.clock));
        while self.bytes > PACK_CACHE_BYTES {
            let Some(oldest) = self
                .papers
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some((p, _)) = self.papers.remove(&oldest) {
                self.bytes -= p.size();
            }
        }
    }
}

impl std::fmt::Debug for PackCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackCache")
            .field("papers", &self.papers.len())
            .field("bytes", &self.bytes)
            .field("generated", &self.generated.is_some())
            .finish()
    }
}

/// Feeds formatted text to a hash without building the string.
struct HashWriter(sha2::Sha256);

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        sha2::Digest::update(&mut self.0, s.as_bytes());
        Ok(())
    }
}

impl Boardpack {
    fn cache(&self) -> std::sync::MutexGuard<'_, PackCache> {
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
        use boardpack_pdf::{simple_document, Block, WriteOptions};
        let blocks = (0..paragraphs)
            .map(|i| Block::para(format!("{title}: paragraph {i} of the paper, long enough to wrap across the width of the page at least once or twice.")))
            .collect();
        let opts = WriteOptions {
            title: title.into(),
            author: "Author".into(),
            subject: String::new(),
            created: Default::default(),
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
        let app = Boardpack::open(&db).expect("open");
        app.load_demo().expect("demo");
        let meeting = app.meetings().expect("meetings")[0].meeting.id;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        let build = |app: &Boardpack, name: &str| {
            let out = dir.path().join(name);
            app.export_pack(meeting, false, &out, today, &mut |_| {})
                .expect("pack");
            std::fs::read(out).expect("read")
        };
        let first = build(&app, "1.pdf");
        assert!(app.cache().papers.len() > 1 && app.cache().generated.is_some());
        assert!(build(&app, "2.pdf") == first, "unchanged rebuild");
        let fresh = Boardpack::open(&db).expect("open");
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
            let fresh = build(&Boardpack::open(&db).expect("open"), "fresh.pdf");
            assert!(cached == fresh, "version {k}: {pages} pages, now {now}");
            assert!(cached != first);
        }
    }

    #[test]
    fn the_cache_lets_go_of_the_least_recently_used_papers() {
        let small = Arc::new(Prepared::parse(&paper_pdf("Small", 1)).expect("parse"));
        let mut cache = PackCache::default();
        let n = PACK_CACHE_BYTES / small.size() + 1;
        for k in 0..n + 5 {
            cache.keep(&format!("{k}"), &small);
            // "0" stays in use all along.
            cache.paper("0");
        }
        assert!(cache.bytes <= PACK_CACHE_BYTES);
        assert_eq!(cache.bytes, cache.papers.len() * small.size());
        assert!(cache.paper("0").is_some(), "recently used");
        assert!(cache.paper("1").is_none(), "least recently used");
        assert!(cache.paper(&format!("{}", n + 4)).is_some());
    }
}
