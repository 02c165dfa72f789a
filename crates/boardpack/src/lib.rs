//! Boardpack's application library: the one place where the domain ([`boardpack_core`])
//! meets storage. It owns the SQLite store, the blob store beside it and the archive format,
//! and offers the use cases that both shells call: the `boardpack` command and the desktop
//! app. A shell parses its input, calls one method of [`Boardpack`] and shows the result or
//! the [`Error`]; it never touches SQL or files itself.

pub mod actions;
pub mod agenda;
pub mod approval;
pub mod archive;
pub mod blobstore;
pub mod bulletin;
pub mod demo;
mod document;
pub mod error;
pub mod import;
pub mod interests;
pub mod issue;
pub mod labels;
pub mod logo;
pub mod pack;
pub mod papers;
pub mod paths;
pub mod plan;
mod repair;
pub mod risks;
pub mod room;
pub mod schema;
pub mod search;
mod setup;
pub mod snapshot;
mod staging;
mod store;
pub mod timetable;
pub mod year;

use std::path::Path;

pub use archive::{ArchiveScope, ImportSummary};
pub use blobstore::{BlobRef, BlobStore};
pub use error::{Error, ErrorCode, ErrorReport, Result};
pub use logo::LogoImage;
pub use search::{IndexSummary, SearchHit, SearchKind, SnippetPart};
pub use setup::{
    setup_choices, CommitteeSettings, CommitteeSummary, MeetingSummary, MemberDetails,
    MemberSummary, NewCommittee, NewMember, OrganisationDetails, SetupChoices, StandingChoice,
};
pub use snapshot::MeetingSnapshot;
pub use store::SCHEMA_VERSION;

use store::Store;

/// Today's date on this computer: the one place the application reads the calendar.
/// Everything below it takes the date as an argument, or asks the [`Clock`] the
/// [`Boardpack`] was opened with.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Where a [`Boardpack`] gets today's date from (the date a paper is received, say). The
/// shells open with [`SystemClock`]; tests pass a [`FixedClock`] so the same input gives
/// the same data.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn today(&self) -> chrono::NaiveDate;

    /// The local date and time, in whole seconds: what a document records as the time it
    /// was made (its CreationDate). The start of [`Clock::today`] unless a clock knows
    /// better.
    fn now(&self) -> chrono::NaiveDateTime {
        self.today().and_time(chrono::NaiveTime::MIN)
    }

    /// The date and time in UTC, in whole seconds: a calendar's time stamp. [`Clock::now`]
    /// unless a clock knows better.
    fn now_utc(&self) -> chrono::NaiveDateTime {
        self.now()
    }
}

/// The computer's calendar ([`today()`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self) -> chrono::NaiveDate {
        today()
    }

    fn now(&self) -> chrono::NaiveDateTime {
        use chrono::Timelike;
        let now = chrono::Local::now().naive_local();
        now.with_nanosecond(0).unwrap_or(now)
    }

    fn now_utc(&self) -> chrono::NaiveDateTime {
        use chrono::Timelike;
        let now = chrono::Utc::now().naive_utc();
        now.with_nanosecond(0).unwrap_or(now)
    }
}

/// A clock that always says the same date.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub chrono::NaiveDate);

impl Clock for FixedClock {
    fn today(&self) -> chrono::NaiveDate {
        self.0
    }
}

/// A PDF's document id made from a stable seed (a meeting's id and the kind of document),
/// so the same document always gets the same id and the same bytes.
pub(crate) fn document_id(seed: &str) -> [u8; 16] {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(seed.as_bytes());
    let mut id = [0u8; 16];
    id.copy_from_slice(&hash[..16]);
    id
}

/// The folder a document is to be saved in, which must exist.
pub(crate) fn out_folder(out: &Path) -> Result<&Path> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if parent.is_dir() {
        Ok(parent)
    } else {
        Err(Error::OutFolderMissing(parent.to_path_buf()))
    }
}

/// Saves a document the user asked for at `out`, whole or not at all: written to a
/// temporary file beside it (see [`staging`]), flushed, made readable like any saved document, then renamed
/// into place. `write` gets the temporary file.
pub(crate) fn save_document<T>(
    out: &Path,
    write: impl FnOnce(&mut std::fs::File) -> Result<T>,
) -> Result<T> {
    let parent = out_folder(out)?;
    let mut tmp = staging::file_in(parent)?;
    let value = write(tmp.as_file_mut())?;
    tmp.as_file().sync_all().map_err(Error::io("write", out))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist(out)
        .map_err(|e| Error::io("write", out)(e.error))?;
    Ok(value)
}

/// An open Boardpack database and its blob store: the handle every use case hangs on.
#[derive(Debug)]
pub struct Boardpack {
    store: Store,
    blobs: BlobStore,
    /// Serialized parts of earlier pack builds (bounded; see `boardpack_pdf::PackCache`).
    pack_cache: std::sync::Mutex<boardpack_pdf::PackCache>,
    clock: Box<dyn Clock>,
}

impl Boardpack {
    /// Opens the database at `path` (creating it if needed), migrating it to this build's
    /// schema. Today's date comes from the computer's calendar ([`SystemClock`]).
    pub fn open(path: &Path) -> Result<Boardpack> {
        Boardpack::open_with_clock(path, Box::new(SystemClock))
    }

    /// [`Boardpack::open`] with the clock given.
    pub fn open_with_clock(path: &Path, clock: Box<dyn Clock>) -> Result<Boardpack> {
        let store = Store::open(path)?;
        let blobs = BlobStore::beside(path);
        let app = Boardpack {
            store,
            blobs,
            pack_cache: Default::default(),
            clock,
        };
        // Files stored before Boardpack read whether PDFs are tagged are read once, so
        // the readiness check never opens a file.
        app.read_tagged()?;
        Ok(app)
    }

    /// Opens the database at `path`, which must exist: for commands that only read (or
    /// change what is there), so a mistyped path is refused with [`Error::NoDatabase`]
    /// instead of becoming a new, empty database. Today's date comes from [`SystemClock`].
    pub fn open_existing(path: &Path) -> Result<Boardpack> {
        let store = Store::open_existing(path)?;
        let blobs = BlobStore::beside(path);
        let app = Boardpack {
            store,
            blobs,
            pack_cache: Default::default(),
            clock: Box::new(SystemClock),
        };
        app.read_tagged()?;
        Ok(app)
    }

    /// When a document written now was made, by this Boardpack's clock: its PDF
    /// CreationDate. Never the meeting's date, which may be days ahead.
    pub(crate) fn export_time(&self) -> chrono::NaiveDateTime {
        self.clock.now()
    }

    /// How long a write waits for another Boardpack writing to the same database before it
    /// gives up with [`Error::Busy`] (10 seconds unless set).
    pub fn set_busy_wait(&self, wait: std::time::Duration) -> Result<()> {
        self.store.set_busy_wait(wait)
    }

    /// Opens the database named by `BOARDPACK_DB`, or the default one in the OS app-data
    /// folder (created on first use).
    pub fn open_default() -> Result<Boardpack> {
        Boardpack::open(&paths::database_path(None)?)
    }

    pub fn db_path(&self) -> &Path {
        self.store.path()
    }

    pub fn blobs(&self) -> &BlobStore {
        &self.blobs
    }
}
