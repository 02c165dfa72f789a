//! Reading an archive someone else made, which may be hostile: a folder, a `.zip` or a bare
//! `archive.json`. Only ordinary files are read — never a link, a named pipe or a device,
//! checked before opening and again on the open file — and every read has a hard cap (per
//! file, for `archive.json`, and in all), counted as bytes arrive, so a forged size or a
//! zip bomb is refused in bounded memory. Nothing here trusts a size an archive declares.
//!
//! It must not decide what an archive means: that is `import.rs`'s job.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// The most an import reads: per attached file, for `archive.json`, and in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportLimits {
    /// One attached file (a paper, an appendix): 200 MB.
    pub file: u64,
    /// `archive.json`: 1 GB.
    pub json: u64,
    /// Every attached file together: 4 GB.
    pub total: u64,
}

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            file: 200 * MB,
            json: 1000 * MB,
            total: 4000 * MB,
        }
    }
}

const MB: u64 = 1000 * 1000;

/// The most entries a folder archive may hold, and how deep its folders may go.
const FOLDER_ENTRIES_MAX: usize = 1_000_000;
const FOLDER_DEPTH_MAX: usize = 16;

/// "200 MB", "1 GB", or bytes when the cap is not a round number (tests use small caps).
pub(crate) fn size_text(bytes: u64) -> String {
    if bytes >= 1000 * MB && bytes % (1000 * MB) == 0 {
        format!("{} GB", bytes / (1000 * MB))
    } else if bytes >= MB && bytes % MB == 0 {
        format!("{} MB", bytes / MB)
    } else {
        format!("{bytes} bytes")
    }
}

fn bad(msg: impl Into<String>) -> Error {
    Error::Archive(msg.into())
}

/// Opens an ordinary file for reading without following a link (when `follow` is false)
/// and without waiting on a named pipe, then checks what was opened is an ordinary file.
fn open_regular(path: &Path, follow: bool) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
        if !follow {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    #[cfg(not(unix))]
    let _ = follow;
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other("not an ordinary file"));
    }
    Ok(file)
}

/// What a folder entry is, in words, when it is not an ordinary file or folder.
fn special(kind: fs::FileType) -> Option<&'static str> {
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    if kind.is_symlink() {
        return Some("a link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe");
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// Copies at most `cap` bytes from `from` to `to`; more is `too_big()`, a failed read or
/// write is `damaged(e)`. Returns the number of bytes copied.
fn copy_capped(
    from: &mut dyn Read,
    to: &mut dyn Write,
    cap: u64,
    too_big: impl FnOnce() -> Error,
    damaged: impl FnOnce(io::Error) -> Error,
) -> Result<u64> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut copied = 0u64;
    let failed = loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok(copied),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => break e,
        };
        copied += n as u64;
        if copied > cap {
            return Err(too_big());
        }
        if let Err(e) = to.write_all(&buf[..n]) {
            break e;
        }
    };
    Err(damaged(failed))
}

/// Where an archive is read from.
pub(crate) enum Source {
    Folder(PathBuf),
    Bare {
        json: PathBuf,
        base: PathBuf,
    },
    Zip {
        path: PathBuf,
        zip: Box<zip::ZipArchive<File>>,
    },
}

impl Source {
    /// Opens the archive at `path`: a folder (checked to hold only ordinary files), a zip,
    /// or a bare JSON file. The path itself may be a link the user chose; nothing inside
    /// a folder archive may.
    pub(crate) fn open(path: &Path) -> Result<Source> {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(bad(format!(
                    "There is no archive at {}: check the path.",
                    path.display()
                )))
            }
            Err(e) => return Err(Error::io("read", path)(e)),
        };
        if meta.is_dir() {
            scan_folder(path)?;
            let json = path.join("archive.json");
            if !fs::symlink_metadata(&json).is_ok_and(|m| m.is_file()) {
                return Err(bad(format!(
                    "The folder {} holds no archive.json, so it is not a Boardpack archive.",
                    path.display()
                )));
            }
            return Ok(Source::Folder(path.to_path_buf()));
        }
        if !meta.is_file() {
            return Err(bad(format!(
                "{} is {}, not a file or a folder, so it cannot be an archive. Nothing was imported.",
                path.display(),
                special(meta.file_type()).unwrap_or("a special file")
            )));
        }
        let mut f = open_regular(path, true).map_err(Error::io("read", path))?;
        let mut head = [0u8; 4];
        let n = f.read(&mut head).map_err(Error::io("read", path))?;
        if n == 4 && &head == b"PK\x03\x04" {
            let file = open_regular(path, true).map_err(Error::io("read", path))?;
            let zip = zip::ZipArchive::new(file).map_err(|e| {
                bad(format!(
                    "{} is not a readable zip file ({e}). Nothing was imported.",
                    path.display()
                ))
            })?;
            return Ok(Source::Zip {
                path: path.to_path_buf(),
                zip: Box::new(zip),
            });
        }
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Source::Bare {
            json: path.to_path_buf(),
            base,
        })
    }

    pub(crate) fn json_name(&self) -> String {
        match self {
            Source::Folder(dir) => dir.join("archive.json").display().to_string(),
            Source::Bare { json, .. } => json.display().to_string(),
            Source::Zip { path, .. } => format!("archive.json in {}", path.display()),
        }
    }

    /// The bytes of `archive.json`, at most `limits.json` of them.
    pub(crate) fn read_json(&mut self, limits: &ImportLimits) -> Result<Vec<u8>> {
        let name = self.json_name();
        let too_big = || {
            bad(format!(
                "{name} is larger than the {} Boardpack reads: it is not an archive Boardpack wrote. Nothing was imported.",
                size_text(limits.json)
            ))
        };
        let mut out = Vec::new();
        match self {
            Source::Folder(dir) => {
                let p = dir.join("archive.json");
                let mut f = open_regular(&p, false).map_err(Error::io("read", &p))?;
                copy_capped(
                    &mut f,
                    &mut out,
                    limits.json,
                    too_big,
                    Error::io("read", &p),
                )?;
            }
            Source::Bare { json, .. } => {
                let p = json.clone();
                let mut f = open_regular(&p, true).map_err(Error::io("read", &p))?;
                copy_capped(
                    &mut f,
                    &mut out,
                    limits.json,
                    too_big,
                    Error::io("read", &p),
                )?;
            }
            Source::Zip { path, zip } => {
                let shown = path.display().to_string();
                let mut entry = zip.by_name("archive.json").map_err(|_| {
                    bad(format!("The zip file {shown} holds no archive.json, so it is not a Boardpack archive."))
                })?;
                if !entry.is_file() || entry.is_symlink() {
                    return Err(bad(format!(
                        "archive.json in {shown} is not an ordinary file. Nothing was imported."
                    )));
                }
                if entry.size() > limits.json {
                    return Err(too_big());
                }
                copy_capped(&mut entry, &mut out, limits.json, too_big, |e| {
                    bad(format!(
                        "The zip file {shown} is damaged ({e}). Nothing was imported."
                    ))
                })?;
            }
        }
        Ok(out)
    }

    /// Copies the attached file at `rel` (relative to `archive.json`, `/`-separated) into
    /// `to`, reading at most `cap` bytes; returns how many there were. Refuses a path that
    /// leaves the archive, and anything but an ordinary file, without opening it.
    pub(crate) fn copy_file(
        &mut self,
        rel: &str,
        cap: u64,
        to: &mut dyn Write,
        too_big: impl FnOnce() -> Error,
    ) -> Result<u64> {
        let relative = Path::new(rel);
        let escapes = relative.is_absolute()
            || rel.is_empty()
            || relative
                .components()
                .any(|c| !matches!(c, Component::Normal(_)));
        if escapes {
            return Err(bad(format!(
                "The attached file path “{}” must stay inside the archive (no leading /, no .. or .). Nothing was imported.",
                boardpack_core::validate::clip(rel)
            )));
        }
        let missing = || {
            bad(format!("The attached file {rel} named in archive.json is missing from the archive. Nothing was imported."))
        };
        match self {
            Source::Folder(dir) | Source::Bare { base: dir, .. } => {
                // Every folder on the way must be a folder, not a link to one elsewhere.
                let mut at = dir.clone();
                let parts: Vec<_> = relative.components().collect();
                for (k, part) in parts.iter().enumerate() {
                    at.push(part);
                    let meta = match fs::symlink_metadata(&at) {
                        Ok(m) => m,
                        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(missing()),
                        Err(e) => return Err(Error::io("read", &at)(e)),
                    };
                    let last = k + 1 == parts.len();
                    let ok = if last { meta.is_file() } else { meta.is_dir() };
                    if !ok {
                        return Err(bad(format!(
                            "The archive's {rel} is {}, not an ordinary file: an archive holds only its papers' PDFs. Nothing was imported.",
                            special(meta.file_type()).unwrap_or("a folder")
                        )));
                    }
                }
                let mut f = open_regular(&at, false).map_err(|e| {
                    bad(format!(
                        "The archive's {rel} cannot be read as an ordinary file ({e}). Nothing was imported."
                    ))
                })?;
                copy_capped(&mut f, to, cap, too_big, Error::io("read", &at))
            }
            Source::Zip { path, zip } => {
                let shown = path.display().to_string();
                let mut entry = zip.by_name(rel).map_err(|_| missing())?;
                if !entry.is_file() || entry.is_symlink() {
                    return Err(bad(format!(
                        "The archive's {rel} is not an ordinary file: an archive holds only its papers' PDFs. Nothing was imported."
                    )));
                }
                if entry.size() > cap {
                    return Err(too_big());
                }
                copy_capped(&mut entry, to, cap, too_big, |e| {
                    bad(format!(
                        "The zip file {shown} is damaged at {rel} ({e}). Nothing was imported."
                    ))
                })
            }
        }
    }
}

/// Walks a folder archive and refuses it if anything in it is not an ordinary file or
/// folder (a link, a named pipe, a device, a socket), or if it is implausibly large.
fn scan_folder(root: &Path) -> Result<()> {
    let mut stack = vec![(root.to_path_buf(), 0usize)];
    let mut seen = 0usize;
    while let Some((dir, depth)) = stack.pop() {
        for entry in fs::read_dir(&dir).map_err(Error::io("read", &dir))? {
            let entry = entry.map_err(Error::io("read", &dir))?;
            seen += 1;
            if seen > FOLDER_ENTRIES_MAX {
                return Err(bad(format!(
                    "The folder {} holds more than {FOLDER_ENTRIES_MAX} files, more than any archive Boardpack writes. Nothing was imported.",
                    root.display()
                )));
            }
            // The entry's own type: a link is a link, not what it points to.
            let kind = entry.file_type().map_err(Error::io("read", entry.path()))?;
            let rel = entry
                .path()
                .strip_prefix(root)
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            if let Some(what) = special(kind) {
                return Err(bad(format!(
                    "The archive folder {} holds {what} ({rel}): an archive holds only ordinary files, and Boardpack does not follow links or read pipes and devices. Remove it; nothing was imported.",
                    root.display()
                )));
            }
            if kind.is_dir() {
                if depth + 1 > FOLDER_DEPTH_MAX {
                    return Err(bad(format!(
                        "The archive folder {} nests folders more than {FOLDER_DEPTH_MAX} deep ({rel}). Nothing was imported.",
                        root.display()
                    )));
                }
                stack.push((entry.path(), depth + 1));
            }
        }
    }
    Ok(())
}
