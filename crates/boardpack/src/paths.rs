//! Where the database lives: `--db FILE` if given, else `BOARDPACK_DB`, else
//! `boardpack.sqlite` in the OS app-data folder (on Linux `~/.local/share/boardpack/`).
//! The CLI and the desktop app use this same rule, so they share one database.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The environment variable that names the database file.
pub const DB_ENV: &str = "BOARDPACK_DB";

/// Chooses the database file: the explicit path, then `BOARDPACK_DB`, then the default
/// (whose folder is created). An explicit path's folder must already exist.
pub fn database_path(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs =
        directories::ProjectDirs::from("org", "Boardpack", "boardpack").ok_or(Error::NoDataDir)?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir).map_err(Error::io("create the data folder", dir))?;
    Ok(dir.join("boardpack.sqlite"))
}
