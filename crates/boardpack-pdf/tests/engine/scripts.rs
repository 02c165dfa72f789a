//! Text in every script Boardpack carries a face for: it prints in that face, reads back in
//! reading order (through the engine's own `extract_text` and through poppler's
//! `pdftotext`), right-to-left text is drawn right to left, Indic conjuncts are formed, mixed
//! directions wrap in reading order, and a character no face has is refused by name.

use std::process::Command;

use boardpack_pdf::{
    extract_text, layout, simple_document, write, Block, Flow, Item, LaidPage, PdfWriteError, Span,
    TextRun,
};

use super::{opts, require, scratch};

/// One sample per script: (what it is, text in reading order).
const SAMPLES: &[(&str, &str)] = &[
    ("Arabic heading", "تقرير الجودة"),
    ("Chinese heading", "董事会报告"),
    (
        "English",
        "Quality and safety report: £28.9m saved, O’Neill – “digital first”.",
    ),
    ("Polish", "Zażółć gęślą jaźń – sprawozdanie zarządu."),
    ("Greek", "Έκθεση του διοικητικού συμβουλίου."),
    ("Russian", "Отчёт совета директоров больницы."),
    ("Arabic", "تقرير مجلس الإدارة عن الجودة والسلامة"),
    ("Urdu", "بورڈ کی رپورٹ اور مریضوں کی حفاظت"),
    ("Persian", "گزارش هیئت مدیره درباره کیفیت"),
    ("Hebrew", "דוח הדירקטוריון על איכות ובטיחות"),
    ("Hindi", "बोर्ड की रिपोर्ट और रोगी सुरक्षा"),
    ("Bengali", "বোর্ডের প্রতিবেদন এবং রোগীর নিরাপত্তা"),
    ("Panjabi", "ਬੋਰਡ ਦੀ ਰਿਪੋਰਟ ਅਤੇ ਮਰੀਜ਼ ਦੀ ਸੁਰੱਖਿਆ"),
    ("Gujarati", "બોર્ડનો અહેવાલ અને દર્દીની સલામતી"),
    ("Tamil", "வாரிய அறிக்கை மற்றும் நோயாளி பாதுகாப்பு"),
    ("Tigrinya", "ናይ ቦርድ ጸብጻብ"),
    ("Chinese", "董事会关于质量与安全的报告"),
    ("Japanese", "取締役会の品質と安全に関する報告"),
    ("Korean", "이사회 품질 및 안전 보고서"),
    ("Symbols", "✓ agreed ✗ declined ☐ open ☒ closed"),
];

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn document(blocks: Vec<Block>) -> Vec<u8> {
    simple_document("Scripts", blocks, &opts()).expect("every sample prints")
}

fn sample_blocks() -> Vec<Block> {
    SAMPLES
        .iter()
        .flat_map(|(name, text)| {
            if name.ends_with("heading") {
                vec![Block::heading(2, *text)]
            } else {
                vec![Block::heading(2, *name), Block::para(*text)]
            }
        })
        .collect()
}

fn runs(page: &LaidPage) -> Vec<&TextRun> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

#[test]
fn every_script_prints_in_its_face_and_reads_back_in_order() {
    let laid = boardpack_pdf::simple_layout("Scripts", sample_blocks());
    let faces: Vec<&str> = laid
        .pages
        .iter()
        .flat_map(|p| runs(p).into_iter().map(|r| r.face.postscript_name()))
        .collect();
    for face in [
        "LiberationSans",
        "NotoNaskhArabic-Regular",
        "NotoSansHebrew-Regular",
        "NotoSansDevanagari-Regular",
        "NotoSansBengali-Regular",
        "NotoSansGurmukhi-Regular",
        "NotoSansGujarati-Regular",
        "NotoSansTamil-Regular",
        "NotoSansEthiopic-Regular",
        "NotoSansSymbols2-Regular",
        "DroidSansFallback",
        "NotoNaskhArabic-Bold",
    ] {
        assert!(faces.contains(&face), "{face} not used: {faces:?}");
    }
    // No glyph is the .notdef box.
    for page in &laid.pages {
        for run in runs(page) {
            assert!(run.glyphs.iter().all(|g| g.id != 0), "{:?}", run.text);
        }
    }

    let bytes = document(sample_blocks());
    let ours = flat(&extract_text(&bytes, 1_000_000).expect("text").text);
    for (name, text) in SAMPLES {
        assert!(
            ours.contains(&flat(text)),
            "{name}: {text:?} not read back by extract_text from:\n{ours}"
        );
    }
    {
        require("pdftotext");
        let path = scratch("scripts.pdf");
        std::fs::write(&path, &bytes).expect("write");
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext");
        // Poppler marks right-to-left stretches with embedding characters: not text.
        let theirs: String = String::from_utf8_lossy(&out.stdout)
            .chars()
            .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
            .collect();
        let theirs = flat(&theirs);
        for (name, text) in SAMPLES {
            assert!(
                theirs.contains(&flat(text)),
                "{name}: {text:?} not read back by pdftotext from:\n{theirs}"
            );
        }
    }
}

#[test]
fn right_to_left_text_is_drawn_right_to_left() {
    for text in ["שלום עולם", "مرحبا بالعالم"] {
        let laid = layout(&Flow::new(vec![Block::para(text)]));
        let page = &laid.pages[0];
        let rs = runs(page);
        assert_eq!(rs.len(), 1, "{rs:?}");
        let run = rs[0];
        assert!(run.rtl);
        assert_eq!(run.text, text);
        // Drawn left to right, the glyphs go from the end of the text to its start.
        let first = run.glyphs.first().map(|g| g.cluster);
        let last = run.glyphs.last().map(|g| g.cluster);
        assert_eq!(last, Some(0), "{:?}", run.glyphs);
        assert!(first > last);
        // A right-to-left paragraph starts at the right margin.
        let right = run.x + run.width();
        assert!(
            (right - (page.width - 20.0 * boardpack_pdf::MM)).abs() < 0.5,
            "{right}"
        );
    }
}

#[test]
fn indic_conjuncts_and_vowel_signs_are_formed() {
    // क्ष is one conjunct glyph; in कि the vowel sign is drawn before the consonant.
    let laid = layout(&Flow::new(vec![Block::para("क्ष कि")]));
    let rs = runs(&laid.pages[0]);
    let run = rs
        .iter()
        .find(|r| r.text.contains('क'))
        .expect("Devanagari run");
    let clusters: Vec<u32> = run.glyphs.iter().map(|g| g.cluster).collect();
    // क्ष: bytes 0..9 → one glyph; space; कि: two glyphs of the cluster at byte 10.
    assert_eq!(
        clusters.iter().filter(|&&c| c == 0).count(),
        1,
        "{clusters:?}"
    );
    let ki: Vec<_> = run.glyphs.iter().filter(|g| g.cluster == 10).collect();
    assert_eq!(ki.len(), 2, "{:?}", run.glyphs);
    let bytes = document(vec![Block::para("क्ष कि संस्कृत")]);
    let text = extract_text(&bytes, 10_000).expect("text").text;
    assert!(text.contains("क्ष कि संस्कृत"), "{text}");
}

#[test]
fn mixed_directions_wrap_in_reading_order() {
    let text = "The committee heard from the interpreting service (خدمة الترجمة الفورية للمرضى \
                وعائلاتهم في المستشفى) and noted the report on שירותי תרגום before closing.";
    let width = 160.0;
    let mut flow = Flow::new(vec![Block::para(text)]);
    flow.page.margin_left = 0.0;
    flow.page.margin_right = flow.page.width - width;
    let laid = layout(&flow);
    let page = &laid.pages[0];
    // Lines by baseline, their runs left to right.
    let mut lines: Vec<Vec<&TextRun>> = Vec::new();
    for run in runs(page) {
        match lines.last_mut() {
            Some(line) if (line[0].y - run.y).abs() < 0.01 => line.push(run),
            _ => lines.push(vec![run]),
        }
    }
    assert!(lines.len() >= 5, "{}", lines.len());
    for line in &lines {
        let mut x = 0.0f32;
        for run in line {
            assert!(run.x >= x - 0.01, "runs overlap: {line:?}");
            x = run.x + run.width();
        }
        assert!(x <= width + 0.01, "line too wide: {x}");
    }
    // Read in reading order (each line's runs by their place in the text), the lines give
    // back the paragraph: nothing lost, nothing moved between lines.
    let mut read = String::new();
    let mut cursor = 0;
    for line in &lines {
        let mut parts: Vec<(usize, &str)> = line
            .iter()
            .map(|r| {
                let at = text[cursor..]
                    .find(r.text.as_str())
                    .map_or(usize::MAX, |p| cursor + p);
                (at, r.text.as_str())
            })
            .collect();
        parts.sort();
        for (at, part) in &parts {
            assert!(
                *at != usize::MAX,
                "{part:?} is not in the paragraph after {cursor}"
            );
            read.push_str(part);
            cursor = cursor.max(at + part.len());
        }
    }
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    assert_eq!(squeeze(&read), squeeze(text));
    // On a line holding Arabic words, the first of them in reading order is to the right.
    let arabic_line = lines
        .iter()
        .find(|l| l.iter().filter(|r| r.rtl).count() == 1 && l.iter().any(|r| r.text.contains(' ')))
        .expect("a line with Arabic");
    let rtl = arabic_line.iter().find(|r| r.rtl).expect("rtl run");
    let words: Vec<&str> = rtl.text.split_whitespace().collect();
    assert!(words.len() >= 2, "{words:?}");
    let units: f32 = rtl.glyphs.iter().map(|g| g.advance as f32).sum();
    let scale = rtl.width() / units.max(1.0);
    // Where the glyph of each word's first character is drawn.
    let at = |w: &str| -> f32 {
        let byte = rtl.text.find(w).unwrap_or(0) as u32;
        let mut x = rtl.x;
        for g in &rtl.glyphs {
            if g.cluster == byte {
                return x;
            }
            x += g.advance as f32 * scale;
        }
        x
    };
    assert!(at(words[0]) > at(words[1]), "{words:?} not right to left");
    // And it all reads back in order from the PDF: every word in its place. (Drawn text
    // does not say on which side of a right-to-left stretch a bracket between it and
    // left-to-right text belongs; poppler and `extract_text` both guess, so brackets are
    // left out of the comparison.)
    let bytes = write(&laid, &[], &opts()).expect("write");
    let back = flat(
        &extract_text(&bytes, 10_000)
            .expect("text")
            .text
            .replace(['(', ')'], " "),
    );
    for phrase in [
        "The committee heard from the interpreting service",
        "خدمة الترجمة الفورية",
        "שירותי תרגום",
        "before closing.",
    ] {
        assert!(back.contains(phrase), "{phrase} not in {back}");
    }
}

#[test]
fn a_character_no_face_has_is_refused_by_name() {
    let err = simple_document(
        "Agenda",
        vec![Block::para("Welcome 😀 to the Trust Board")],
        &opts(),
    )
    .expect_err("an emoji cannot print");
    let PdfWriteError::Unprintable(u) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(u.character, '😀');
    assert!(
        u.text.contains("Welcome 😀 to the Trust Board"),
        "{}",
        u.text
    );
    let said = err.to_string();
    assert!(
        said.contains("U+1F600") && said.contains("cannot be printed"),
        "{said}"
    );
    // In a title, a table cell, a list: the same.
    let table = boardpack_pdf::Table::new(
        vec![1.0],
        vec![],
        vec![vec![boardpack_pdf::Cell::spans(vec![Span::bold(
            "Risk \u{E000}",
        )])]],
    );
    let err = simple_document("Risks", vec![Block::Table(table)], &opts()).expect_err("refused");
    assert!(matches!(err, PdfWriteError::Unprintable(ref u) if u.character == '\u{E000}'));
}

#[test]
fn mixed_scripts_give_the_same_bytes_every_time() {
    let a = document(sample_blocks());
    let b = document(sample_blocks());
    assert_eq!(a, b);
}
