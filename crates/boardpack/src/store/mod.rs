//! The SQLite store: opening the one database file, its versioned migrations, and the
//! reads and writes of each table (one submodule per group of tables). SQL lives only in
//! this module. Every write runs in a transaction ([`Store::write`]), so a failed use case
//! leaves the database as it was, and every record is checked whole
//! ([`boardpack_core::check::Check`]) before it is written, so no path into the database
//! (a use case, the demo, an archive) can store what the domain refuses.

use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

pub(crate) mod actions;
pub(crate) mod agenda;
pub(crate) mod blobs;
pub(crate) mod committees;
pub(crate) mod issues;
pub(crate) mod meetings;
pub(crate) mod papers;
pub(crate) mod risks;
pub(crate) mod room;
pub(crate) mod search;

/// The schema, one migration per version, applied in one transaction keyed by SQLite's
/// `user_version`. Never edit a released migration: add the next one.
const MIGRATION_LIST: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_initial.sql")),
    M::up(include_str!("migrations/0002_blobs.sql")),
    M::up(include_str!("migrations/0003_agenda_papers.sql")),
    M::up(include_str!("migrations/0004_room.sql")),
    M::up(include_str!("migrations/0005_between_meetings.sql")),
    M::up(include_str!("migrations/0006_bulletin.sql")),
    M::up(include_str!("migrations/0007_search.sql")),
    M::up(include_str!("migrations/0008_setup.sql")),
    M::up(COVER_TEXT),
    M::up(include_str!("migrations/0010_objective_headings.sql")),
    M::up(include_str!("migrations/0011_minutes.sql")),
    M::up(include_str!("migrations/0012_confidential_marking.sql")),
    M::up(TIMETABLE),
    M::up(include_str!("migrations/0014_tagged_files.sql")),
    M::up(include_str!("migrations/0015_pack_issues.sql")),
];

/// Migration 0009, whose data step needs the domain (see [`MIGRATIONS`]).
const COVER_TEXT: &str = include_str!("migrations/0009_cover_text.sql");

/// Migration 0013, whose data step turns calendar days into working days (see
/// [`MIGRATIONS`]).
const TIMETABLE: &str = include_str!("migrations/0013_timetable.sql");

/// [`MIGRATION_LIST`], with the data steps that need Rust: each runs inside its
/// migration's transaction, right after the migration's SQL.
pub(crate) static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    let list = MIGRATION_LIST.iter().map(|m| {
        if *m == M::up(COVER_TEXT) {
            // Each cover sheet's search text, which only the domain computes.
            M::up_with_hook(COVER_TEXT, papers::fill_cover_text)
        } else if *m == M::up(TIMETABLE) {
            // The committees' deadlines in working days, as the core converts them.
            M::up_with_hook(TIMETABLE, committees::timetable_in_working_days)
        } else {
            m.clone()
        }
    });
    Migrations::new(list.collect())
});

/// The schema version this build writes.
pub const SCHEMA_VERSION: usize = MIGRATION_LIST.len();

/// How long a write waits for another Boardpack (another window, a script) to finish its
/// own before giving up with [`Error::Busy`]. SQLite retries in that time, backing off.
pub(crate) const BUSY_WAIT: Duration = Duration::from_secs(10);

/// The database connection. Rusqlite connections are not `Sync`, so one is shared behind a
/// mutex: the desktop and the CLI both make one call at a time.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    conn: Mutex<Connection>,
    /// The file is read-only: reads work, every write is refused with [`Error::ReadOnly`].
    read_only: bool,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// Refuses files that are not SQLite and databases newer than this build.
    pub fn open(path: &Path) -> Result<Store> {
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !parent.is_dir() {
            return Err(Error::DbFolderMissing(parent.to_path_buf()));
        }
        if path.is_dir() {
            return Err(Error::DbOpen {
                path: path.to_path_buf(),
                reason: "it is a folder, not a file".into(),
            });
        }
        // A file without write permission is opened for reading only (as root too, who
        // could write it anyway): its owner meant it not to change.
        let read_only = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
        let open_err = |e: rusqlite::Error| classify_open_error(path, e);
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let mut conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(BUSY_WAIT).map_err(open_err)?;
        // Reading the header is the first thing that fails on a file that is not SQLite.
        let found: usize = conn
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .map_err(open_err)? as usize;
        if found > SCHEMA_VERSION {
            return Err(Error::DbTooNew {
                path: path.to_path_buf(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        if read_only {
            if found < SCHEMA_VERSION {
                return Err(Error::ReadOnly {
                    path: path.to_path_buf(),
                    why: "it was written by an older Boardpack and must be brought up to date before it can be read",
                });
            }
        } else {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(open_err)?;
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(open_err)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        if !read_only {
            MIGRATIONS.to_latest(&mut conn).map_err(|e| match e {
                rusqlite_migration::Error::RusqliteError { err, .. }
                    if matches!(
                        err.sqlite_error_code(),
                        Some(
                            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                        )
                    ) =>
                {
                    Error::Busy(path.to_path_buf())
                }
                e => Error::DbOpen {
                    path: path.to_path_buf(),
                    reason: format!("its schema could not be brought up to date ({e})"),
                },
            })?;
        }
        Ok(Store {
            path: path.to_path_buf(),
            conn: Mutex::new(conn),
            read_only,
        })
    }

    /// Opens the database at `path`, which must exist already: for what only reads, a
    /// mistyped path must not quietly become a new, empty database.
    pub fn open_existing(path: &Path) -> Result<Store> {
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !parent.is_dir() {
            return Err(Error::DbFolderMissing(parent.to_path_buf()));
        }
        match std::fs::symlink_metadata(path) {
            Ok(_) => Store::open(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(Error::NoDatabase(path.to_path_buf()))
            }
            Err(e) => Err(Error::DbOpen {
                path: path.to_path_buf(),
                reason: e.to_string(),
            }),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file was opened for reading only.
    pub(crate) fn read_only(&self) -> bool {
        self.read_only
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written transaction (it rolls
        // back on drop), so a poisoned lock is safe to take over.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on a read view of the database: one deferred transaction, so everything `f`
    /// reads is one consistent snapshot, with SQLite's `query_only` set, so nothing in it
    /// can write. The handle is a plain `&Connection`: the row functions that write take a
    /// `&Transaction`, which only [`Store::write`] hands out, so a write inside `read` does
    /// not compile (and `query_only` refuses one that gets past that).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Deferred)?;
        tx.pragma_update(None, "query_only", true)?;
        let out = f(&tx);
        tx.pragma_update(None, "query_only", false)?;
        tx.commit()?;
        out
    }

    /// Runs `f` in one immediate transaction: all of it is saved, or none of it. The row
    /// functions that write take the `&Transaction` it hands out. While another Boardpack
    /// is writing, the transaction waits (SQLite retrying) up to [`BUSY_WAIT`], then gives
    /// up with [`Error::Busy`]; a read-only file refuses with [`Error::ReadOnly`].
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnly {
                path: self.path.clone(),
                why: "its file may not be written",
            });
        }
        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| self.classify(e))?;
        let out = f(&tx).map_err(|e| match e {
            Error::Database(e) => self.classify(e),
            other => other,
        })?;
        tx.commit().map_err(|e| self.classify(e))?;
        Ok(out)
    }

    /// A database error as users should hear it: busy and read-only have their own
    /// sentences.
    fn classify(&self, e: rusqlite::Error) -> Error {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy(self.path.clone())
            }
            Some(rusqlite::ErrorCode::ReadOnly) => Error::ReadOnly {
                path: self.path.clone(),
                why: "its file or folder may not be written",
            },
            _ => Error::Database(e),
        }
    }

    /// Sets how long writes wait for another Boardpack (tests shorten it).
    pub(crate) fn set_busy_wait(&self, wait: Duration) -> Result<()> {
        self.lock().busy_timeout(wait)?;
        Ok(())
    }
}

fn classify_open_error(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase(path.to_path_buf()),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            Error::Busy(path.to_path_buf())
        }
        Some(rusqlite::ErrorCode::CannotOpen)
        | Some(rusqlite::ErrorCode::PermissionDenied)
        | Some(rusqlite::ErrorCode::ReadOnly) => Error::DbOpen {
            path: path.to_path_buf(),
            reason: "the file cannot be opened for writing".into(),
        },
        _ => Error::DbOpen {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
    }
}

/// The condition of a query for the rows of one owner (`?1`), or of all when `?1` is
/// null, as two statements: a single `?1 IS NULL OR column = ?1` makes SQLite scan the whole
/// table even when an owner is given, so one meeting's rows would cost the archive's.
pub(crate) fn owned_by(column: &str, given: bool) -> String {
    if given {
        format!("{column} = ?1")
    } else {
        "?1 IS NULL".to_owned()
    }
}

/// Reads a JSON column into its Rust type.
pub(crate) fn json_col<T: serde::de::DeserializeOwned>(
    row: &rusqlite::Row<'_>,
    idx: usize,
) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse_col(idx, serde_json::from_str(&text))
}

/// Writes a value as JSON for a column.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Our own plain data types always serialise.
    serde_json::to_string(value).unwrap_or_default()
}

/// Reads a text column holding an id.
pub(crate) fn id_col<T: std::str::FromStr>(
    row: &rusqlite::Row<'_>,
    idx: usize,
) -> rusqlite::Result<T>
where
    T::Err: std::fmt::Display,
{
    let text: String = row.get(idx)?;
    parse_col(idx, text.parse::<T>())
}

/// Maps a column holding text that Rust parses (a date, an enum, JSON) into a row error.
pub(crate) fn parse_col<T, E: std::fmt::Display>(
    idx: usize,
    r: std::result::Result<T, E>,
) -> rusqlite::Result<T> {
    r.map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            e.to_string().into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }

    /// A read is a read: SQLite refuses a write made through its handle, and the database
    /// is writable again afterwards.
    #[test]
    fn a_read_cannot_write() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("t.sqlite")).expect("open");
        let refused = store.read(|conn| {
            conn.execute("CREATE TABLE t (x)", [])?;
            Ok(())
        });
        assert!(refused.is_err(), "a write inside read was allowed");
        store
            .write(|tx| {
                tx.execute("CREATE TABLE t (x)", [])?;
                Ok(())
            })
            .expect("a write after a read");
    }
}
