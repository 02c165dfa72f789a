//! Writing a whole pack in one call ([`write_pack`]): the pages Boardpack laid out (cover,
//! agenda, cover sheets) and the attached papers, in the order a [`Pack`] gives, with a
//! footer on every page and the bookmarks. The domain's plans (the board pack, the
//! bulletin) are built from these types, so nothing translates between them.
//!
//! Papers are streamed: each is read (through [`PackFiles`]), parsed, written out and let
//! go before the next, so the memory a build needs is bounded by its largest paper, not
//! the sum. The generated pages go from their layout straight into the pack, never written
//! to bytes and parsed back. A [`PackCache`] kept by the caller between builds holds each
//! source's part of the pack already serialized (relocatable: see `assemble/chunk.rs`), so
//! a rebuild after one paper changed reads and parses only that paper, even when its page
//! count changed and every later page number moved. Using the cache changes no byte.
//!
//! Like the rest of the crate it does no I/O of its own (files come through the caller's
//! [`PackFiles`], the pack goes to the caller's writer), reads no clock and decides
//! nothing about what goes in.

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::sync::Arc;

use crate::assemble::{
    assemble_with, build_chunk, load, AssembleError, Bookmark, Chunk, ChunkSpec, FormInputs, Run,
};
use crate::layout::Laid;
use crate::options::PdfOptions;

/// Where a run of pages comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PageSource {
    /// Pages `first..first + count` of the generated pages.
    Generated { first: usize, count: usize },
    /// All pages of an attached file, named as the caller's file store names it (its
    /// SHA-256); `pages` is its page count as counted when it was attached.
    Attachment { file: String, pages: usize },
}

/// A run of pages in pack order, with the footer its pages carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRun {
    pub source: PageSource,
    /// "Trust Board · 3 December 2026 · Paper E"; the page number is added when stamped.
    pub footer: String,
    /// Printed at the head of every page of the run ("CONFIDENTIAL – Part 2"), with the
    /// page's own content kept clear of it; `None`: no marking.
    pub marking: Option<String>,
}

impl PlannedRun {
    /// Its number of pages.
    pub fn pages(&self) -> usize {
        match &self.source {
            PageSource::Generated { count, .. } => *count,
            PageSource::Attachment { pages, .. } => *pages,
        }
    }
}

/// A bookmark of the pack: its title, the run it opens, and its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedBookmark {
    pub title: String,
    pub run: usize,
    /// Nest the attached document's own bookmarks beneath.
    pub adopt_outline: bool,
    pub children: Vec<PlannedBookmark>,
}

/// A pack as the engine writes it: the generated pages, the runs of pages in order, the
/// bookmarks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pack {
    pub generated: Laid,
    pub runs: Vec<PlannedRun>,
    pub bookmarks: Vec<PlannedBookmark>,
}

impl Pack {
    /// Its number of pages.
    pub fn total_pages(&self) -> usize {
        self.runs.iter().map(PlannedRun::pages).sum()
    }
}

/// Where [`write_pack`] gets the attached files.
pub trait PackFiles {
    /// The bytes of `file` (as named in [`PageSource::Attachment`]). Called at most once
    /// per file and build, and not at all for a file the cache holds.
    fn read(&mut self, file: &str) -> Result<Vec<u8>, String>;
    /// How errors name `file`: "Paper E (Finance report)".
    fn name(&self, file: &str) -> String;
}

/// Most a [`PackCache`] keeps by default, counted as the size of what it holds.
pub const PACK_CACHE_BYTES: usize = 128 * 1024 * 1024;

/// What a caller keeps between builds of packs so that rebuilding after a change is quick:
/// each source's part of the pack, serialized and relocatable, by the file and the pages
/// taken (so a new version of a paper is a new entry and nothing goes stale), and the part
/// made of the generated pages (by the pages themselves). Entries are let go least recently
/// used first beyond the bound; a part bigger than the bound is not kept. Using the cache
/// changes no byte of the pack.
pub struct PackCache {
    limit: usize,
    parts: HashMap<(String, ChunkSpec), (Arc<Chunk>, u64)>,
    bytes: usize,
    clock: u64,
    generated: Option<(Laid, ChunkSpec, Arc<Chunk>)>,
}

impl Default for PackCache {
    fn default() -> Self {
        PackCache::new(PACK_CACHE_BYTES)
    }
}

impl std::fmt::Debug for PackCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackCache")
            .field("parts", &self.parts.len())
            .field("bytes", &self.bytes)
            .field("generated", &self.generated.is_some())
            .finish()
    }
}

impl PackCache {
    /// A cache that keeps at most about `limit` bytes.
    pub fn new(limit: usize) -> PackCache {
        PackCache {
            limit,
            parts: HashMap::new(),
            bytes: 0,
            clock: 0,
            generated: None,
        }
    }

    /// How many attached files' parts it holds.
    pub fn files(&self) -> usize {
        self.parts.len()
    }

    /// About how many bytes it holds.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Whether it holds the generated pages' part.
    pub fn has_generated(&self) -> bool {
        self.generated.is_some()
    }

    fn part(&mut self, key: &(String, ChunkSpec)) -> Option<Arc<Chunk>> {
        self.clock += 1;
        let clock = self.clock;
        self.parts.get_mut(key).map(|(c, used)| {
            *used = clock;
            Arc::clone(c)
        })
    }

    fn keep(&mut self, key: (String, ChunkSpec), chunk: &Arc<Chunk>) {
        self.clock += 1;
        if chunk.size() > self.limit {
            return;
        }
        if let Some((old, _)) = self.parts.remove(&key) {
            self.bytes -= old.size();
        }
        self.bytes += chunk.size();
        self.parts.insert(key, (Arc::clone(chunk), self.clock));
        while self.bytes > self.limit {
            let Some(oldest) = self
                .parts
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some((c, _)) = self.parts.remove(&oldest) {
                self.bytes -= c.size();
            }
        }
    }
}

/// Writes `pack` to `out`: the generated pages and each attached file (read through
/// `files`, or taken from `cache`) in plan order, a footer "<run's footer> · Page N of M"
/// on every page (and a run's marking at the head of its pages), each page's own content
/// kept clear of them, the bookmarks (adopting papers' own where asked), document information
/// from `opts`. `progress(done, total)` advances one step per page and a last one at the
/// end. Returns the number of bytes written. The same pack, files and options give the
/// same bytes, with or without a cache.
pub fn write_pack(
    pack: &Pack,
    files: &mut dyn PackFiles,
    opts: &PdfOptions,
    mut cache: Option<&mut PackCache>,
    progress: &mut dyn FnMut(usize, usize),
    out: &mut dyn Write,
) -> Result<u64, AssembleError> {
    // Source 0 is the generated pages; then each attached file once, in order of first use.
    let mut keys: Vec<&str> = Vec::new();
    let mut runs = Vec::with_capacity(pack.runs.len());
    for r in &pack.runs {
        let (source, first, count) = match &r.source {
            PageSource::Generated { first, count } => (0, *first, *count),
            PageSource::Attachment { file, pages } => {
                let at = match keys.iter().position(|k| k == file) {
                    Some(at) => at,
                    None => {
                        keys.push(file);
                        keys.len() - 1
                    }
                };
                (1 + at, 0, *pages)
            }
        };
        runs.push(Run {
            source,
            first,
            count,
            footer: Some(r.footer.clone()),
            marking: r.marking.clone(),
        });
    }
    fn convert(b: &PlannedBookmark, runs: &[Run]) -> Bookmark {
        Bookmark {
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
    let outline: Vec<Bookmark> = pack.bookmarks.iter().map(|b| convert(b, &runs)).collect();
    let names: Vec<String> = std::iter::once("the pack's own pages".to_owned())
        .chain(keys.iter().map(|k| files.name(k)))
        .collect();
    let name_of = |s: usize| names[s].clone();
    let mut load_source =
        |s: usize, spec: &ChunkSpec, form: &FormInputs| -> Result<Arc<Chunk>, AssembleError> {
            if s == 0 {
                if let Some(c) = cache.as_deref_mut() {
                    if let Some((pages, kept_spec, chunk)) = &c.generated {
                        if pages == &pack.generated && kept_spec == spec && chunk.fits(form) {
                            return Ok(Arc::clone(chunk));
                        }
                    }
                }
                let doc = crate::write::document(&pack.generated, &[], opts)
                    .map_err(AssembleError::Generated)?;
                let chunk = Arc::new(build_chunk(doc, &names[0], spec, form)?);
                if let Some(c) = cache.as_deref_mut() {
                    c.generated = Some((pack.generated.clone(), spec.clone(), Arc::clone(&chunk)));
                }
                return Ok(chunk);
            }
            let file = keys[s - 1];
            let key = (file.to_owned(), spec.clone());
            if let Some(c) = cache.as_deref_mut() {
                if let Some(chunk) = c.part(&key).filter(|chunk| chunk.fits(form)) {
                    return Ok(chunk);
                }
            }
            let bytes = files.read(file).map_err(|reason| AssembleError::Missing {
                name: names[s].clone(),
                reason,
            })?;
            // Parsed, and the bytes let go before the part is built.
            let doc = load(&bytes).map_err(|problem| AssembleError::Unreadable {
                name: names[s].clone(),
                problem,
            })?;
            drop(bytes);
            let chunk = Arc::new(build_chunk(doc, &names[s], spec, form)?);
            if let Some(c) = cache.as_deref_mut() {
                c.keep(key, &chunk);
            }
            Ok(chunk)
        };
    if pack.generated.pages.is_empty() && runs.iter().any(|r| r.source == 0) {
        return Err(AssembleError::Plan(
            "the pack takes generated pages, but none were laid out".into(),
        ));
    }
    assemble_with(
        1 + keys.len(),
        &name_of,
        &mut load_source,
        &runs,
        &outline,
        opts,
        progress,
        out,
    )
}

/// Files held in memory, by name: for tests and tools that have the bytes already.
#[derive(Debug, Default)]
pub struct FilesInMemory {
    files: HashMap<String, (String, Vec<u8>)>,
    /// Names of the files read, in order (a test can see what the cache spared).
    pub reads: VecDeque<String>,
}

impl FilesInMemory {
    pub fn new() -> FilesInMemory {
        FilesInMemory::default()
    }

    /// Adds `bytes` as `file`, named `name` in errors.
    pub fn add(&mut self, file: &str, name: &str, bytes: Vec<u8>) {
        self.files.insert(file.to_owned(), (name.to_owned(), bytes));
    }
}

impl PackFiles for FilesInMemory {
    fn read(&mut self, file: &str) -> Result<Vec<u8>, String> {
        self.reads.push_back(file.to_owned());
        self.files
            .get(file)
            .map(|(_, b)| b.clone())
            .ok_or_else(|| "there is no such file".to_owned())
    }

    fn name(&self, file: &str) -> String {
        self.files
            .get(file)
            .map_or_else(|| file.to_owned(), |(n, _)| n.clone())
    }
}
