//! Repairing an attached PDF that the document engine cannot open, with qpdf (Debian's
//! `qpdf` command, run as a subprocess): qpdf rebuilds damaged cross-reference tables and
//! page trees, reads files encrypted with an empty user password and names that lopdf
//! does not parse, and writes a clean copy, which the engine then checks like any file.
//! The engine itself stays pure (no processes, no files); this is the application's
//! fallback, and the caller keeps the original in the paper's history and says so.
//!
//! It must never hang or fail loudly: qpdf missing, failing or taking too long means "no
//! repair", and the original refusal stands.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long qpdf may take over one file.
const QPDF_TIME: Duration = Duration::from_secs(60);

/// A copy of `bytes` as qpdf writes it (decrypted, cross-reference and page tree rebuilt),
/// or `None` when qpdf is not installed, cannot read the file either, or takes too long.
pub(crate) fn with_qpdf(bytes: &[u8]) -> Option<Vec<u8>> {
    let dir = tempfile::tempdir().ok()?;
    let input = dir.path().join("in.pdf");
    let output = dir.path().join("out.pdf");
    std::fs::write(&input, bytes).ok()?;
    let mut child = Command::new("qpdf")
        .arg("--decrypt")
        .arg(&input)
        .arg(&output)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        // Not read: a piped stderr that fills (qpdf warns about every damaged object) would
        // stop qpdf until the time runs out.
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < QPDF_TIME => {
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    };
    // 0: fine; 3: read with warnings (what a repair is); 2: errors.
    match status.code() {
        Some(0) | Some(3) => std::fs::read(&output).ok().filter(|b| !b.is_empty()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file whose cross-reference offsets are all wrong: qpdf puts it right, and the
    /// result opens. A test that needs qpdf fails when it is missing (scripts/setup.sh
    /// installs it).
    #[test]
    fn qpdf_repairs_a_file_the_engine_refuses() {
        let status = Command::new("qpdf").arg("--version").output();
        assert!(
            status.is_ok(),
            "qpdf is needed for this test: apt-get install qpdf (scripts/setup.sh does)"
        );
        let pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\nxref\n0 4\n0000000000 65535 f \n0000000999 00000 n \n0000000999 00000 n \n0000000999 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n9999\n%%EOF";
        let repaired = with_qpdf(pdf).expect("qpdf repairs it");
        let facts = boardpack_pdf::inspect(&repaired).expect("the repaired copy opens");
        assert_eq!(facts.pages, 1);
        assert!(with_qpdf(b"not a pdf at all").is_none());
    }
}
