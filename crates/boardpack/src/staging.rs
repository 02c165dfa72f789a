//! Temporary files and folders beside a document being saved, and the sweeping up of ones a
//! crashed Boardpack left behind.
//!
//! Every document is written to a temporary beside its destination and renamed into place
//! (a rename is atomic only within one folder). Should the process die first (a kill -9, a
//! power cut), the temporary stays, and a synced publishing folder would carry it off. So a
//! temporary is named `.boardpack-<pid>-<random>.partial`: hidden, plainly unfinished, and
//! saying which process owns it. Before making a temporary, Boardpack removes those in the
//! same folder whose process is no longer running; a live export's are left alone.

use crate::error::{Error, Result};
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

const PREFIX: &str = ".boardpack-";
const SUFFIX: &str = ".partial";

/// How old a temporary of an unknown owner must be before it is taken as abandoned (one of
/// an earlier Boardpack, named without its process, or where liveness cannot be asked).
const ABANDONED_AFTER: Duration = Duration::from_secs(6 * 60 * 60);

/// A temporary file in `dir`, after sweeping up stale temporaries.
pub(crate) fn file_in(dir: &Path) -> Result<tempfile::NamedTempFile> {
    sweep(dir);
    tempfile::Builder::new()
        .prefix(&format!("{PREFIX}{}-", std::process::id()))
        .suffix(SUFFIX)
        .tempfile_in(dir)
        .map_err(Error::io("write in", dir))
}

/// A temporary folder in `dir`, after sweeping up stale temporaries.
pub(crate) fn dir_in(dir: &Path) -> Result<tempfile::TempDir> {
    sweep(dir);
    tempfile::Builder::new()
        .prefix(&format!("{PREFIX}{}-", std::process::id()))
        .suffix(SUFFIX)
        .tempdir_in(dir)
        .map_err(Error::io("write in", dir))
}

/// Removes the temporaries in `dir` that no running process owns. Best effort: a folder
/// that cannot be listed, or an entry that cannot be removed, is left as it is (the save
/// itself reports any real problem with the folder).
pub(crate) fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_stale(name, || {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
        }) {
            continue;
        }
        let path = entry.path();
        // Never follow a link out of the folder: a link is removed as a link.
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => {
                let _ = fs::remove_dir_all(&path);
            }
            Ok(_) => {
                let _ = fs::remove_file(&path);
            }
            Err(_) => {}
        }
    }
}

/// Whether an entry called `name` is a temporary of Boardpack's that nobody will finish:
/// its process has ended, or (owner unknown) it is older than [`ABANDONED_AFTER`].
fn is_stale(name: &str, age: impl FnOnce() -> Option<Duration>) -> bool {
    let Some(rest) = name.strip_prefix(PREFIX) else {
        return false;
    };
    let owner = rest
        .strip_suffix(SUFFIX)
        .and_then(|r| r.split_once('-'))
        .and_then(|(pid, _)| pid.parse::<u32>().ok());
    match owner.map(alive) {
        Some(Some(true)) => false,
        Some(Some(false)) => true,
        // An earlier Boardpack's temporary (".boardpack-XXXX.pdf", ".boardpack-export-XXXX")
        // or a platform that cannot say: only when it is clearly abandoned.
        _ => age().is_some_and(|a| a > ABANDONED_AFTER),
    }
}

/// Whether process `pid` is running; `None` where that cannot be asked (no `/proc`).
fn alive(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(true);
    }
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return None;
    }
    Some(proc.join(pid.to_string()).exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true")
            .spawn()
            .expect("spawn true");
        let pid = child.id();
        child.wait().expect("wait");
        pid
    }

    #[test]
    fn only_temporaries_of_ended_processes_are_stale() {
        let old = || Some(ABANDONED_AFTER * 2);
        let new = || Some(Duration::from_secs(5));
        let me = std::process::id();
        assert!(!is_stale(&format!(".boardpack-{me}-abc.partial"), old));
        assert!(is_stale(
            &format!(".boardpack-{}-abc.partial", dead_pid()),
            new
        ));
        assert!(is_stale(".boardpack-4294967295-abc.partial", new));
        // Named before processes were: only when long abandoned.
        assert!(!is_stale(".boardpack-Xa3f.pdf", new));
        assert!(is_stale(".boardpack-Xa3f.pdf", old));
        assert!(is_stale(".boardpack-export-Xa3f", old));
        // Not ours, however old.
        assert!(!is_stale("board-pack.pdf", old));
        assert!(!is_stale(".tmpXa3f", old));
    }

    #[test]
    fn a_sweep_removes_what_a_dead_process_left_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dead_pid();
        let litter = dir.path().join(format!(".boardpack-{dead}-Qx7.partial"));
        fs::write(&litter, b"%PDF-1.7 half").unwrap();
        let litter_dir = dir.path().join(format!(".boardpack-{dead}-Zz1.partial"));
        fs::create_dir(&litter_dir).unwrap();
        fs::write(litter_dir.join("archive.json"), b"{").unwrap();
        let mine = file_in(dir.path()).unwrap();
        fs::write(dir.path().join("pack.pdf"), b"%PDF").unwrap();
        sweep(dir.path());
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mine_name = mine
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(mine_name.starts_with(&format!(".boardpack-{}-", std::process::id())));
        assert!(mine_name.ends_with(".partial"));
        assert_eq!(left, [mine_name, "pack.pdf".to_owned()]);
    }
}
