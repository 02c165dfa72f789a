//! The errors of every use case. Each variant's message is a sentence a user can act on
//! (the CLI prints it, the desktop shows it); [`Error::code`] is a stable word the UI can
//! branch on. Only add a variant when a caller or a user needs to tell it apart.

use std::path::PathBuf;

use boardpack_core::ValidationError;
use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum Error {
    #[error("{0}")]
    Invalid(#[from] ValidationError),

    #[error("The folder {} does not exist: create it first, or choose another database path.", .0.display())]
    DbFolderMissing(PathBuf),

    #[error("The folder {} does not exist: create it first, or choose another folder to save in.", .0.display())]
    OutFolderMissing(PathBuf),

    #[error("Cannot open the database {}: {reason}. Check the path and that you may write there.", path.display())]
    DbOpen { path: PathBuf, reason: String },

    #[error("{} is not a Boardpack database (it is not an SQLite file). Choose another database path; nothing was changed.", .0.display())]
    NotADatabase(PathBuf),

    #[error("There is no Boardpack database at {}: check the path.", .0.display())]
    NoDatabase(PathBuf),

    #[error("Another Boardpack (another window or a script) is writing to {} and did not finish within 10 seconds: nothing was saved. Try again in a moment.", .0.display())]
    Busy(PathBuf),

    #[error("The database {} is read-only: {why}, so nothing was saved. Make the file writable, or copy it somewhere you may write and open the copy.", path.display())]
    ReadOnly { path: PathBuf, why: &'static str },

    #[error("The database {} was written by a newer Boardpack (schema version {found}; this Boardpack knows up to {known}). Install the newer Boardpack to open it; nothing was changed.", path.display())]
    DbTooNew {
        path: PathBuf,
        found: usize,
        known: usize,
    },

    #[error(
        "Boardpack cannot find its data folder on this system: set BOARDPACK_DB or pass --db FILE."
    )]
    NoDataDir,

    #[error("There is no {what} “{key}”. {hint}")]
    NotFound {
        what: &'static str,
        key: String,
        hint: &'static str,
    },

    #[error("{0}")]
    Conflict(String),

    #[error("Cannot attach {file}: {problem}.")]
    Attachment { file: String, problem: String },

    #[error("Cannot use {file} as the logo: {problem}.")]
    Logo { file: String, problem: String },

    /// A spreadsheet import refused whole: every problem, each with its line.
    #[error("Nothing was imported from {file}: correct {} and import it again. {}", if problems.len() == 1 { "this problem".to_owned() } else { format!("these {} problems", problems.len()) }, problems.join(" "))]
    ImportProblems { file: String, problems: Vec<String> },

    #[error("The pack cannot be built yet: {}", problems.join(" "))]
    NotReady { problems: Vec<String> },

    #[error("The pack could not be built: {0} No file was written.")]
    Pack(String),

    /// A public document of a meeting held in private.
    #[error("{0}")]
    Private(String),

    /// The meeting has nothing for the bulletin, or a marked item lacks its paper.
    #[error("{0}")]
    Bulletin(#[from] boardpack_core::bulletin::BulletinError),

    #[error("{0}")]
    Archive(String),

    /// A timetable needs a year whose bank holidays Boardpack does not hold.
    #[error("{0}")]
    NoHolidays(#[from] boardpack_core::timetable::TimetableError),

    /// Importing would put an archive's version over records the database holds with other
    /// contents (an older backup over newer work); `records` names each.
    #[error("Importing {archive} would overwrite {} that {} different in this database: {}. Nothing was imported. To put the archive's versions back (undoing what changed since it was made), import it again and choose to replace them (--replace on the command line); records added since stay.", count(records.len()), if records.len() == 1 { "is" } else { "are" }, first_few(records))]
    WouldOverwrite {
        archive: String,
        records: Vec<String>,
    },

    #[error("The search for “{query}” could not be run ({reason}). Try other words; if it keeps happening, report it.")]
    Search { query: String, reason: String },

    #[error("Cannot {action} {}: {source}.", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("The database refused the change ({0}); nothing was saved. If this keeps happening, export an archive and report it.")]
    Database(#[from] rusqlite::Error),
}

impl Error {
    /// A stable, machine-readable word for the kind of error, for the UI to act on.
    pub fn code(&self) -> &'static str {
        self.kind().as_str()
    }

    /// The kind of error, as the UI matches on it.
    pub fn kind(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) => ErrorCode::InvalidInput,
            Error::DbFolderMissing(_) | Error::DbOpen { .. } | Error::NoDataDir => {
                ErrorCode::DatabaseUnavailable
            }
            Error::OutFolderMissing(_) => ErrorCode::FolderMissing,
            Error::NotADatabase(_) => ErrorCode::NotADatabase,
            Error::NoDatabase(_) => ErrorCode::NoDatabase,
            Error::Busy(_) => ErrorCode::Busy,
            Error::ReadOnly { .. } => ErrorCode::ReadOnly,
            Error::DbTooNew { .. } => ErrorCode::DatabaseTooNew,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::Attachment { .. } => ErrorCode::BadAttachment,
            Error::Logo { .. } => ErrorCode::BadLogo,
            Error::ImportProblems { .. } => ErrorCode::ImportProblems,
            Error::NotReady { .. } => ErrorCode::NotReady,
            Error::Pack(_) => ErrorCode::PackFailed,
            Error::Private(_) => ErrorCode::PrivateMeeting,
            Error::Bulletin(_) => ErrorCode::BulletinNotReady,
            Error::Archive(_) => ErrorCode::BadArchive,
            Error::NoHolidays(_) => ErrorCode::NoHolidays,
            Error::WouldOverwrite { .. } => ErrorCode::WouldOverwrite,
            Error::Search { .. } => ErrorCode::SearchFailed,
            Error::Io { .. } => ErrorCode::Io,
            Error::Database(_) => ErrorCode::Database,
        }
    }

    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    }
}

/// "1 record", "12 records".
fn count(n: usize) -> String {
    if n == 1 {
        "1 record".into()
    } else {
        format!("{n} records")
    }
}

/// The first three of a list, and how many more.
fn first_few(items: &[String]) -> String {
    let shown = items.iter().take(3).cloned().collect::<Vec<_>>().join("; ");
    match items.len().saturating_sub(3) {
        0 => shown,
        more => format!("{shown}; and {more} more"),
    }
}

/// The stable kinds of error, in snake case on the wire (`not_ready`, `would_overwrite`…):
/// exported to TypeScript so the UI's comparisons are checked by its compiler.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    InvalidInput,
    DatabaseUnavailable,
    FolderMissing,
    NotADatabase,
    NoDatabase,
    Busy,
    ReadOnly,
    DatabaseTooNew,
    NotFound,
    Conflict,
    BadAttachment,
    BadLogo,
    ImportProblems,
    NotReady,
    PackFailed,
    PrivateMeeting,
    BulletinNotReady,
    BadArchive,
    WouldOverwrite,
    /// A timetable needs a year whose bank holidays Boardpack does not hold.
    NoHolidays,
    SearchFailed,
    Io,
    Database,
    /// A failure of the desktop shell itself (opening a file with the system's viewer).
    Internal,
}

impl ErrorCode {
    /// The code as the wire and the CLI's tests spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::DatabaseUnavailable => "database_unavailable",
            ErrorCode::FolderMissing => "folder_missing",
            ErrorCode::NotADatabase => "not_a_database",
            ErrorCode::NoDatabase => "no_database",
            ErrorCode::Busy => "busy",
            ErrorCode::ReadOnly => "read_only",
            ErrorCode::DatabaseTooNew => "database_too_new",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::BadAttachment => "bad_attachment",
            ErrorCode::BadLogo => "bad_logo",
            ErrorCode::ImportProblems => "import_problems",
            ErrorCode::NotReady => "not_ready",
            ErrorCode::PackFailed => "pack_failed",
            ErrorCode::PrivateMeeting => "private_meeting",
            ErrorCode::BulletinNotReady => "bulletin_not_ready",
            ErrorCode::BadArchive => "bad_archive",
            ErrorCode::WouldOverwrite => "would_overwrite",
            ErrorCode::NoHolidays => "no_holidays",
            ErrorCode::SearchFailed => "search_failed",
            ErrorCode::Io => "io",
            ErrorCode::Database => "database",
            ErrorCode::Internal => "internal",
        }
    }
}

/// An error as it crosses into the UI: the stable [`Error::code`] and the sentence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
    /// The separate problems the sentence sums up, for the UI to list one by one (for
    /// `not_ready`, each problem that blocks the pack; for `would_overwrite`, each record
    /// the archive would overwrite); absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> Self {
        let details = match e {
            Error::NotReady { problems } | Error::ImportProblems { problems, .. } => {
                problems.clone()
            }
            Error::WouldOverwrite { records, .. } => records.clone(),
            _ => Vec::new(),
        };
        ErrorReport {
            code: e.kind(),
            message: e.to_string(),
            details,
        }
    }
}

impl From<Error> for ErrorReport {
    fn from(e: Error) -> Self {
        ErrorReport::from(&e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wire name (serde, and so TypeScript) and `as_str` (the CLI's tests) agree.
    #[test]
    fn each_code_is_spelled_the_same_on_the_wire_and_in_rust() {
        for code in [
            ErrorCode::InvalidInput,
            ErrorCode::DatabaseUnavailable,
            ErrorCode::FolderMissing,
            ErrorCode::NotADatabase,
            ErrorCode::NoDatabase,
            ErrorCode::Busy,
            ErrorCode::ReadOnly,
            ErrorCode::DatabaseTooNew,
            ErrorCode::NotFound,
            ErrorCode::Conflict,
            ErrorCode::BadAttachment,
            ErrorCode::BadLogo,
            ErrorCode::ImportProblems,
            ErrorCode::NotReady,
            ErrorCode::PackFailed,
            ErrorCode::PrivateMeeting,
            ErrorCode::BulletinNotReady,
            ErrorCode::BadArchive,
            ErrorCode::WouldOverwrite,
            ErrorCode::SearchFailed,
            ErrorCode::Io,
            ErrorCode::Database,
            ErrorCode::Internal,
        ] {
            let wire = serde_json::to_value(code).unwrap();
            assert_eq!(wire, serde_json::Value::String(code.as_str().into()));
        }
        let report = ErrorReport::from(&Error::Conflict("x".into()));
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["code"], "conflict");
    }
}
