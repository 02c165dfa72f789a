//! Every real-world PDF in ../shared/corpus/realworld is either accepted with a sensible
//! page count or refused with a reason; none may panic. The expected outcome of each file
//! is pinned here, so a change in what Boardpack accepts is a deliberate one.

use std::path::PathBuf;

use boardpack_pdf::inspect;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/realworld")
}

/// Where each corpus file's expected outcome is pinned, one line per file.
const OUTCOMES: &str = "tests/corpus-outcomes.txt";

/// Each file's outcome as `inspect` gives it: "ok, N pages" (with what else the facts
/// say) or "refused: <reason>".
fn outcome(bytes: &[u8]) -> String {
    match inspect(bytes) {
        Ok(f) => {
            let mut line = format!("ok, {} pages", f.pages);
            if f.owner_password_only {
                line.push_str(", owner password only");
            }
            if !f.damaged_pages.is_empty() {
                line.push_str(&format!(
                    ", undecodable data on {}",
                    boardpack_pdf::pages_phrase(&f.damaged_pages)
                ));
            }
            line
        }
        Err(p) => format!("refused: {p}"),
    }
}

/// Every corpus file's outcome is the one pinned in `tests/corpus-outcomes.txt`. After a
/// deliberate change, `BOARDPACK_BLESS=1 cargo test -p boardpack-pdf --test corpus`
/// rewrites the file; review its diff.
#[test]
fn every_corpus_file_is_accepted_or_refused_as_pinned() {
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
        let bytes = std::fs::read(path).expect("read");
        report.push_str(&format!(
            "{}: {}\n",
            path.file_name().expect("name").to_string_lossy(),
            outcome(&bytes)
        ));
    }
    let pinned_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(OUTCOMES);
    if std::env::var_os("BOARDPACK_BLESS").is_some() {
        std::fs::write(&pinned_path, &report).expect("write the outcomes");
        return;
    }
    let pinned = std::fs::read_to_string(&pinned_path).expect("the pinned outcomes");
    let pinned_lines: Vec<&str> = pinned.lines().collect();
    let lines: Vec<&str> = report.lines().collect();
    for line in &lines {
        assert!(
            pinned_lines.contains(line),
            "outcome changed or new: {line}\n(BOARDPACK_BLESS=1 rewrites {OUTCOMES})"
        );
    }
    assert_eq!(
        lines.len(),
        pinned_lines.len(),
        "files went missing from the corpus:\n{report}"
    );
}

/// Distinct words of four or more letters, lower-cased. Only words in Latin letters count:
/// `pdftotext` prints right-to-left text in visual order, search keeps reading order.
fn words(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && w.chars().all(|c| c < '\u{0250}'))
        .map(str::to_lowercase)
        .collect()
}

/// The text search keeps of every usable corpus file (the producers are many: LaTeX,
/// LibreOffice, Google Docs, ReportLab, PDFKit, ImageMagick) holds the words poppler's
/// `pdftotext` reads in it: nine in ten at least, so a word in a paper is found.
#[test]
fn the_text_of_every_usable_corpus_file_has_the_words_pdftotext_reads() {
    use boardpack_pdf::extract_text;
    let mut names: Vec<_> = std::fs::read_dir(corpus())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    names.sort();
    let mut report = String::new();
    let mut short = Vec::new();
    for path in &names {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(facts) = inspect(&bytes) else {
            // Refused at attach time; reading it must still not panic.
            let _ = extract_text(&bytes, 200_000);
            continue;
        };
        let ours = extract_text(&bytes, 200_000).unwrap_or_else(|e| panic!("{name}: {e}"));
        let theirs = std::process::Command::new("pdftotext")
            .arg(path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is needed to check extracted text");
        let theirs = words(&String::from_utf8_lossy(&theirs.stdout));
        let found = theirs.intersection(&words(&ours.text)).count();
        report.push_str(&format!(
            "{name}: {found} of {} words; {} of {} pages without text\n",
            theirs.len(),
            ours.pages_without_text,
            facts.pages
        ));
        if found * 10 < theirs.len() * 9 {
            short.push(name);
        }
    }
    println!("{report}");
    assert!(
        short.is_empty(),
        "too few words read from {short:?}:\n{report}"
    );
    // A blank page and a page that is only a picture have no text, and say so.
    for name in [
        "027-blank-push-pop_blank.pdf",
        "019-grayscale-image_grayscale-image.pdf",
    ] {
        let text = extract_text(&std::fs::read(corpus().join(name)).unwrap(), 1000).unwrap();
        assert_eq!(
            (text.text.as_str(), text.pages_without_text),
            ("", 1),
            "{name}"
        );
    }
}
