//! The content-addressed blob store: attached files are copied into a folder beside the
//! database and named by the SHA-256 of their bytes, so moving or deleting the original
//! loses nothing and the same file is stored once. Writes go to a temporary file in the
//! store and are renamed into place, so a blob is either whole or absent.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};

/// A stored file: its hash (which is its name), size and media type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BlobRef {
    pub sha256: String,
    #[ts(type = "number")]
    pub size: u64,
    pub media_type: String,
}

#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
}

impl BlobStore {
    /// The blob folder that belongs to the database at `db`: `board.sqlite` keeps its files
    /// in `board.blobs/`.
    pub fn beside(db: &Path) -> BlobStore {
        let stem = db
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "boardpack".into());
        BlobStore {
            root: db.with_file_name(format!("{stem}.blobs")),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the blob with this hash lives (whether or not it is there).
    pub fn path(&self, sha256: &str) -> PathBuf {
        let (dir, rest) = sha256.split_at(2.min(sha256.len()));
        self.root.join(dir).join(rest)
    }

    pub fn contains(&self, sha256: &str) -> bool {
        self.path(sha256).is_file()
    }

    /// Copies the file at `src` into the store, hashing it on the way.
    pub fn put_file(&self, src: &Path, media_type: &str) -> Result<BlobRef> {
        let file = File::open(src).map_err(Error::io("read", src))?;
        self.put_reader(file, media_type).map_err(|e| match e {
            Error::Io {
                action: "read",
                source,
                ..
            } => Error::Io {
                action: "read",
                path: src.to_path_buf(),
                source,
            },
            other => other,
        })
    }

    /// Stores `bytes`.
    pub fn put_bytes(&self, bytes: &[u8], media_type: &str) -> Result<BlobRef> {
        self.put_reader(bytes, media_type)
    }

    /// A temporary file in the store's own folder for a file being brought in: put in
    /// place by [`BlobStore::keep`] once it is known to be good, deleted if dropped.
    pub(crate) fn staging_file(&self) -> Result<tempfile::NamedTempFile> {
        let tmp_dir = self.root.join("tmp");
        fs::create_dir_all(&tmp_dir).map_err(Error::io("create the blob folder", &tmp_dir))?;
        crate::staging::file_in(&tmp_dir)
    }

    /// Puts a staged file in place under its hash (unless the store has it already).
    pub(crate) fn keep(&self, tmp: tempfile::NamedTempFile, sha256: &str) -> Result<()> {
        let dest = self.path(sha256);
        if !dest.is_file() {
            let dir = dest.parent().unwrap_or(&self.root);
            fs::create_dir_all(dir).map_err(Error::io("create the blob folder", dir))?;
            tmp.as_file()
                .sync_all()
                .map_err(Error::io("write to the blob folder", &dest))?;
            tmp.persist(&dest)
                .map_err(|e| Error::io("write to the blob folder", &dest)(e.error))?;
        }
        Ok(())
    }

    fn put_reader(&self, mut reader: impl Read, media_type: &str) -> Result<BlobRef> {
        let tmp_dir = self.root.join("tmp");
        let mut tmp = self.staging_file()?;
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Error::io("read", &tmp_dir)(e)),
            };
            hasher.update(&buf[..n]);
            tmp.write_all(&buf[..n])
                .map_err(Error::io("write to the blob folder", &tmp_dir))?;
            size += n as u64;
        }
        let sha256 = hex::encode(hasher.finalize());
        self.keep(tmp, &sha256)?;
        Ok(BlobRef {
            sha256,
            size,
            media_type: media_type.to_owned(),
        })
    }

    /// The bytes of a stored blob, checked against their hash.
    pub fn read(&self, sha256: &str) -> Result<Vec<u8>> {
        let path = self.path(sha256);
        let bytes = fs::read(&path).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                Error::Conflict(format!(
                    "The stored file {sha256} is missing from {}. Restore that folder from a backup or re-import an archive.",
                    self.root.display()
                ))
            } else {
                Error::io("read", &path)(e)
            }
        })?;
        if hex::encode(Sha256::digest(&bytes)) != sha256 {
            return Err(Error::Conflict(format!(
                "The stored file {} is damaged (its contents no longer match its hash). Restore it from a backup or re-import an archive.",
                path.display()
            )));
        }
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_by_content_and_survives_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::beside(&dir.path().join("board.sqlite"));
        assert_eq!(store.root(), dir.path().join("board.blobs"));
        let original = dir.path().join("paper.pdf");
        fs::write(&original, b"%PDF-1.4 hello").unwrap();
        let a = store.put_file(&original, "application/pdf").unwrap();
        fs::remove_file(&original).unwrap();
        assert_eq!(a.size, 14);
        assert_eq!(store.read(&a.sha256).unwrap(), b"%PDF-1.4 hello");
        // The same bytes are stored once.
        let b = store
            .put_bytes(b"%PDF-1.4 hello", "application/pdf")
            .unwrap();
        assert_eq!(a, b);
        // A damaged blob is noticed.
        fs::write(store.path(&a.sha256), b"tampered").unwrap();
        assert!(store
            .read(&a.sha256)
            .unwrap_err()
            .to_string()
            .contains("damaged"));
    }

    #[test]
    fn missing_source_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::beside(&dir.path().join("board.sqlite"));
        let err = store
            .put_file(&dir.path().join("gone.pdf"), "application/pdf")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("Cannot read ") && err.contains("gone.pdf"),
            "{err}"
        );
    }
}
