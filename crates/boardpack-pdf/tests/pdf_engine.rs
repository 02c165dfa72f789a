//! The generated-page PDF engine end to end: layout decisions (pagination, headings kept
//! with what follows, table headers repeated, anchors), and the written bytes read back
//! with lopdf (pages, outline, links, text), checked by qpdf and pdftotext when they are
//! installed, and identical for identical inputs.

use std::path::PathBuf;
use std::process::Command;

use boardpack_pdf::{
    layout, page_count, simple_document, simple_layout, write, Block, Cell, Flow, Item, LaidPage,
    LinkTarget, OutlineEntry, PdfOptions, Span, Table, TickMark,
};
use chrono::NaiveDate;
use lopdf::{Document, Object, ObjectId};

#[path = "engine/scripts.rs"]
mod scripts;

fn opts() -> PdfOptions {
    PdfOptions {
        title: "Chief Executive’s Monthly Update Report – July 2019".into(),
        author: "John Adler".into(),
        subject: "Trust Board paper E".into(),
        created: NaiveDate::from_ymd_opt(2019, 7, 4)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .expect("date"),
        lang: "en-GB".into(),
        document_id: *b"boardpack-test-1",
    }
}

const LOREM: &str =
    "The more comprehensive monthly Quality and Performance report continues to be \
    reviewed in depth at a joint meeting of the People, Process and Performance Committee and \
    Quality and Outcomes Committee. The month 2 quality and performance report is published on \
    the Trust’s website, and the Board is asked to note the **key risks** identified in it.";

/// A realistic multi-page chief executive's report.
fn report_blocks() -> Vec<Block> {
    let mut blocks = vec![
        Block::heading_anchored(1, "1. Introduction", "intro"),
        Block::markup("My monthly update report this month focuses on:"),
        Block::bullets(&[
            "the Board Quality and Performance Dashboard attached at appendix 1;",
            "the Board Assurance Framework (BAF) and Organisational Risk Register;",
            "key issues relating to our Quality Strategy and Annual Priorities, and",
            "a range of other issues which I think it is important to highlight.",
        ]),
        Block::heading(1, "2. Financial position"),
        Block::markup(
            "At month 2 the Trust reported a deficit of £28.9m against a planned deficit of \
             £27.1m – an adverse variance of £1.8m. Tim O’Neill, Director of IM&T, presented \
             the “digital first” programme.",
        ),
        Block::heading(2, "2.1 Capital programme"),
        Block::para(LOREM),
        Block::tick(TickMark::Cross, "Enabled by excellent IM&T"),
        Block::tick(TickMark::Empty, "Financially sustainable NHS organisation"),
        Block::Choices(vec![
            ("For decision".into(), TickMark::Empty),
            ("For assurance".into(), TickMark::Tick),
            ("For information".into(), TickMark::Empty),
        ]),
    ];
    for i in 3..=8 {
        blocks.push(Block::heading(
            1,
            format!("{i}. Quality and performance item {i}"),
        ));
        for _ in 0..3 {
            blocks.push(Block::markup(LOREM));
        }
        blocks.push(Block::numbered(&[
            "Note the report.",
            "Approve the **actions** in section 2.",
        ]));
    }
    blocks.push(Block::heading(1, "9. Quality dashboard"));
    blocks.push(Block::Table(dashboard(40)));
    blocks.push(Block::Anchor("end".into()));
    blocks.push(Block::Paragraph(boardpack_pdf::Paragraph::new(vec![
        Span::plain("Back to the "),
        Span::plain("introduction").link(LinkTarget::Anchor("intro".into())),
        Span::plain(", or see the "),
        Span::plain("full report").link(LinkTarget::Uri(
            "https://www.leicestershospitals.nhs.uk/".into(),
        )),
        Span::plain("."),
    ])));
    blocks
}

fn dashboard(rows: usize) -> Table {
    Table::new(
        vec![0.4, 0.2, 0.2, 0.2],
        vec![vec![
            Cell::text("Indicator"),
            Cell::text("Target"),
            Cell::text("May 2019"),
            Cell::text("Trend"),
        ]],
        (0..rows)
            .map(|i| {
                vec![
                    Cell::text(format!("Indicator {i}: 4 hour ED wait – all types")),
                    Cell::text("95%"),
                    Cell::text(format!("{}.{}%", 70 + i % 20, i % 10)),
                    Cell::text(if i % 3 == 0 { "Improving" } else { "Stable" }),
                ]
            })
            .collect(),
    )
}

fn texts(page: &LaidPage) -> Vec<(f32, String)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some((t.y, t.text.clone())),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Layout

#[test]
fn a_long_flow_paginates_and_anchors_report_their_pages() {
    let flow = Flow::new(report_blocks());
    let laid = layout(&flow);
    assert!(laid.page_count() >= 4, "{} pages", laid.page_count());
    assert_eq!(page_count(&flow), laid.page_count());
    assert_eq!(laid.anchors["intro"].page, 0);
    let last = laid.page_count() - 1;
    assert_eq!(laid.anchors["end"].page, last);
    // Every text run sits inside the margins.
    let setup = flow.page;
    for page in &laid.pages {
        for (y, text) in texts(page) {
            assert!(
                y > setup.margin_top && y < setup.height - setup.margin_bottom,
                "{text} at {y}"
            );
        }
    }
    // The dashboard heading is on the page its anchor-free table starts on.
    let h = laid
        .headings
        .iter()
        .find(|h| h.title == "9. Quality dashboard")
        .expect("heading");
    assert!(laid.pages[h.at.page].text().contains("Indicator 0:"));
}

#[test]
fn headings_are_kept_with_the_next_block() {
    // Fill a page to just above the bottom, then a heading: it must move to the next page.
    for filler in 1..60 {
        let mut blocks: Vec<Block> = (0..filler)
            .map(|i| Block::para(format!("Line {i}")))
            .collect();
        blocks.push(Block::heading(1, "Keep me"));
        blocks.push(Block::para(LOREM));
        let laid = layout(&Flow::new(blocks));
        let h = &laid.headings[0];
        let page = &laid.pages[h.at.page];
        let t = page.text();
        let after = &t[t.find("Keep me").expect("heading text")..];
        assert!(
            after.lines().count() >= 3,
            "filler {filler}: heading alone at the foot:\n{t}"
        );
    }
}

#[test]
fn table_header_repeats_on_every_page() {
    let laid = layout(&Flow::new(vec![Block::Table(dashboard(120))]));
    assert!(laid.page_count() >= 3);
    for (i, page) in laid.pages.iter().enumerate() {
        let first = texts(page)
            .into_iter()
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .expect("text");
        assert_eq!(
            first.1, "Indicator",
            "page {i} does not start with the header"
        );
    }
    let rows: usize = laid
        .pages
        .iter()
        .map(|p| {
            p.text()
                .lines()
                .filter(|l| l.starts_with("Indicator "))
                .count()
        })
        .sum();
    assert_eq!(rows, 120, "every row once");
}

/// Rows of a table on each page, by their "Indicator N:" text.
fn rows_per_page(laid: &boardpack_pdf::Laid) -> Vec<usize> {
    laid.pages
        .iter()
        .map(|p| {
            p.text()
                .lines()
                .filter(|l| l.starts_with("Indicator "))
                .count()
        })
        .collect()
}

/// With `widows` set, a table never leaves fewer rows than that alone on its last page
/// (it breaks earlier, the header repeated); without it, lengths that spill one row do.
#[test]
fn a_table_leaves_no_widowed_rows_on_its_last_page() {
    let mut seen_widow = false;
    for rows in 20..60 {
        let plain = layout(&Flow::new(vec![Block::Table(dashboard(rows))]));
        let counts = rows_per_page(&plain);
        seen_widow |= counts.len() > 1 && counts.last().is_some_and(|n| *n < 4);
        let mut table = dashboard(rows);
        table.widows = 4;
        let laid = layout(&Flow::new(vec![Block::Table(table)]));
        let counts = rows_per_page(&laid);
        assert_eq!(counts.iter().sum::<usize>(), rows, "{rows}: every row once");
        if counts.len() > 1 {
            assert!(
                counts.last().is_some_and(|n| *n >= 4),
                "{rows} rows: {counts:?}"
            );
            let last = laid.pages.last().expect("page");
            assert!(last.text().starts_with("Indicator\n"), "the header repeats");
        }
    }
    assert!(
        seen_widow,
        "some length spills fewer than 4 rows without the rule"
    );
    // A row kept with the next never ends a page.
    for rows in 20..60 {
        let mut table = dashboard(rows);
        table.keep_with_next = (0..rows).filter(|k| k % 5 == 4).collect();
        let laid = layout(&Flow::new(vec![Block::Table(table)]));
        let counts = rows_per_page(&laid);
        let mut done = 0;
        for n in &counts[..counts.len() - 1] {
            done += n;
            assert!(done % 5 != 0, "{rows}: row {} ends a page", done - 1);
        }
    }
}

#[test]
fn a_row_taller_than_a_page_is_split() {
    let long: Vec<Block> = (0..90)
        .map(|i| Block::para(format!("Discussion point {i}.")))
        .collect();
    let table = Table::new(
        vec![0.2, 0.6, 0.2],
        vec![vec![
            Cell::text("ITEM"),
            Cell::text("DISCUSSION"),
            Cell::text("LEAD"),
        ]],
        vec![
            vec![
                Cell::text("CCBP/18/42"),
                Cell::blocks(long),
                Cell::text("Chair"),
            ],
            vec![
                Cell::text("CCBP/18/43"),
                Cell::text("Apologies received"),
                Cell::text(""),
            ],
        ],
    );
    let laid = layout(&Flow::new(vec![
        Block::para("Minutes"),
        Block::Table(table),
    ]));
    assert!(laid.page_count() >= 2);
    let all: String = laid.pages.iter().map(LaidPage::text).collect();
    for i in 0..90 {
        assert!(
            all.contains(&format!("Discussion point {i}.")),
            "point {i} lost"
        );
    }
    assert!(
        laid.pages[1].text().starts_with("ITEM"),
        "header repeated after the split"
    );
}

#[test]
fn nothing_is_drawn_past_the_right_margin() {
    let flow = Flow::new(report_blocks());
    let right = flow.page.width - flow.page.margin_right;
    for page in layout(&flow).pages {
        for item in &page.items {
            let edge = match item {
                Item::Text(t) => t.x + boardpack_pdf::font::text_width(&t.text, t.style, t.size),
                Item::Rect { x, w, .. } | Item::Image { x, w, .. } => x + w,
                Item::Line { x1, x2, .. } => x1.max(*x2),
                Item::Begin(_) | Item::End => continue,
            };
            assert!(edge <= right + 0.01, "{item:?} ends at {edge} > {right}");
        }
    }
}

#[test]
fn keep_together_moves_a_block_whole() {
    let signature = Block::KeepTogether(vec![
        Block::para("Signed as a correct record:"),
        Block::Space(30.0),
        Block::para("Chair"),
        Block::para("Date"),
    ]);
    for filler in 40..56 {
        let mut blocks: Vec<Block> = (0..filler)
            .map(|i| Block::para(format!("Line {i}")))
            .collect();
        blocks.push(signature.clone());
        let laid = layout(&Flow::new(blocks));
        let on = |needle: &str| {
            laid.pages
                .iter()
                .position(|p| p.text().lines().any(|l| l == needle))
        };
        assert_eq!(
            on("Signed as a correct record:"),
            on("Date"),
            "filler {filler}"
        );
    }
}

#[test]
fn list_labels_hang_and_cells_span_columns() {
    let list = Block::List(boardpack_pdf::List {
        style: boardpack_pdf::ListStyle::Labels(vec!["1.1".into(), "1.2".into()]),
        items: vec![
            boardpack_pdf::markup(&LOREM.replace("**", "")),
            boardpack_pdf::markup("Short."),
        ],
        level: 0,
    });
    let table = Table::new(
        vec![1.0, 1.0, 2.0],
        vec![vec![Cell::text("A"), Cell::text("B"), Cell::text("C")]],
        vec![vec![
            Cell::text("Spanning two").span(2),
            Cell::text("third"),
        ]],
    );
    let laid = layout(&Flow::new(vec![list, Block::Table(table)]));
    let runs: Vec<_> = laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    let label = runs.iter().find(|t| t.text == "1.1").expect("label");
    let first = runs
        .iter()
        .find(|t| t.text.starts_with("The more"))
        .expect("first line");
    let second = runs
        .iter()
        .find(|t| t.y > first.y && t.x > label.x)
        .expect("second line");
    assert!(first.x > label.x + 10.0);
    assert!((second.x - first.x).abs() < 0.01, "hanging indent");
    let span = runs
        .iter()
        .find(|t| t.text == "Spanning two")
        .expect("span");
    let third = runs.iter().find(|t| t.text == "third").expect("third");
    let c = runs.iter().find(|t| t.text == "C").expect("C");
    assert!(
        (third.x - c.x).abs() < 0.01,
        "the spanning cell covers columns A and B"
    );
    assert!(span.x < third.x);
}

#[test]
fn a_blank_flow_still_has_one_page() {
    assert_eq!(page_count(&Flow::new(vec![])), 1);
}

// ---------------------------------------------------------------------------------------
// Writing

fn page_index(doc: &Document, id: ObjectId) -> Option<usize> {
    doc.get_pages().values().position(|p| *p == id)
}

fn dest_page(doc: &Document, dest: &Object) -> Option<usize> {
    let id = dest.as_array().ok()?.first()?.as_reference().ok()?;
    page_index(doc, id)
}

fn decode_text(o: &Object) -> String {
    match o {
        Object::String(b, _) if b.starts_with(&[0xFE, 0xFF]) => {
            let units: Vec<u16> = b[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        Object::String(b, _) => String::from_utf8_lossy(b).into_owned(),
        _ => String::new(),
    }
}

/// (depth, title, page) of every outline entry, in order.
fn outline(doc: &Document) -> Vec<(usize, String, usize)> {
    fn walk(
        doc: &Document,
        first: Option<ObjectId>,
        depth: usize,
        out: &mut Vec<(usize, String, usize)>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let d = doc.get_dictionary(id).expect("outline item");
            let title = decode_text(d.get(b"Title").expect("title"));
            let page = dest_page(doc, d.get(b"Dest").expect("dest")).expect("dest page");
            out.push((depth, title, page));
            walk(
                doc,
                d.get(b"First").and_then(Object::as_reference).ok(),
                depth + 1,
                out,
            );
            next = d.get(b"Next").and_then(Object::as_reference).ok();
        }
    }
    let mut out = Vec::new();
    let root = doc
        .catalog()
        .expect("catalog")
        .get(b"Outlines")
        .and_then(Object::as_reference);
    if let Ok(root) = root {
        let first = doc
            .get_dictionary(root)
            .expect("outlines")
            .get(b"First")
            .and_then(Object::as_reference)
            .ok();
        walk(doc, first, 0, &mut out);
    }
    out
}

/// (page, kind, target) of every link annotation.
fn links(doc: &Document) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        let page = doc.get_dictionary(page_id).expect("page");
        let Ok(annots) = page.get(b"Annots").and_then(Object::as_array) else {
            continue;
        };
        for a in annots {
            let a = doc
                .get_dictionary(a.as_reference().expect("indirect annotation"))
                .expect("annot");
            let action = a.get(b"A").and_then(Object::as_dict).expect("action");
            let target = match action.get(b"S").and_then(Object::as_name).expect("S") {
                b"GoTo" => format!(
                    "page {}",
                    dest_page(doc, action.get(b"D").expect("D")).expect("page")
                ),
                b"URI" => decode_text(action.get(b"URI").expect("URI")),
                other => String::from_utf8_lossy(other).into_owned(),
            };
            out.push((i, target));
        }
    }
    out
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("boardpack-pdf-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// Panics, saying what to install, when a tool the checks need is missing (a missing
/// tool fails the test instead of skipping its check).
fn require(name: &str) {
    assert!(
        Command::new(name).arg("-v").output().is_ok()
            || Command::new(name).arg("--version").output().is_ok(),
        "{name} is needed by this test: apt-get install qpdf poppler-utils (scripts/setup.sh does)"
    );
}

#[test]
fn written_report_reads_back() {
    let title = "Chief Executive’s Monthly Update Report – July 2019";
    let laid = simple_layout(title, report_blocks());
    let bytes = simple_document(title, report_blocks(), &opts()).expect("write");
    let doc = Document::load_mem(&bytes).expect("lopdf reads it");
    assert_eq!(doc.get_pages().len(), laid.page_count());

    // Outline: the level-1 and level-2 headings, nested, pointing at their pages.
    let got = outline(&doc);
    let want: Vec<(usize, String, usize)> = laid
        .headings
        .iter()
        .filter(|h| h.level >= 1)
        .map(|h| (usize::from(h.level) - 1, h.title.clone(), h.at.page))
        .collect();
    assert_eq!(got, want);
    assert!(got
        .iter()
        .any(|(d, t, _)| *d == 1 && t == "2.1 Capital programme"));

    // Links: one internal link back to the introduction (page 1), one to the web.
    let l = links(&doc);
    let last = laid.page_count() - 1;
    assert!(l.contains(&(last, "page 0".to_string())), "{l:?}");
    assert!(
        l.contains(&(last, "https://www.leicestershospitals.nhs.uk/".to_string())),
        "{l:?}"
    );

    // Info and ID.
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("info");
    let info = doc.get_dictionary(info).expect("info dict");
    assert_eq!(
        decode_text(info.get(b"Title").expect("title")),
        opts().title
    );
    assert_eq!(
        decode_text(info.get(b"Producer").expect("producer")),
        "Boardpack"
    );
    assert_eq!(
        decode_text(info.get(b"CreationDate").expect("date")),
        "D:20190704093000"
    );
    let id = doc
        .trailer
        .get(b"ID")
        .and_then(Object::as_array)
        .expect("ID");
    assert_eq!(id[0].as_str().expect("id"), b"boardpack-test-1");

    // Text, through lopdf.
    let text = doc.extract_text(&[1, 2]).expect("text");
    for needle in ["Tim O’Neill", "£28.9m", "IM&T", "–", "“digital first”"] {
        assert!(
            text.contains(needle),
            "{needle:?} missing from lopdf text:\n{text}"
        );
    }

    // Text through poppler, and structure through qpdf.
    let path = scratch("report.pdf");
    std::fs::write(&path, &bytes).expect("write temp");
    {
        require("pdftotext");
        let out = Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&out.stdout);
        for needle in [
            "Tim O’Neill",
            "£28.9m",
            "IM&T",
            "–",
            "Page 1 of",
            "Indicator 39",
        ] {
            assert!(
                text.contains(needle),
                "{needle:?} missing from pdftotext output"
            );
        }
    }
    {
        require("qpdf");
        let out = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf");
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "qpdf --check failed:\n{report}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            report.contains("No syntax or stream encoding errors"),
            "{report}"
        );
    }
    assert!(
        bytes.len() < 200_000,
        "fonts should be subset: {} bytes",
        bytes.len()
    );
}

#[test]
fn same_inputs_give_the_same_bytes() {
    let a = simple_document("Finance report", report_blocks(), &opts()).expect("a");
    let b = simple_document("Finance report", report_blocks(), &opts()).expect("b");
    assert!(a == b, "two writes differ");
    let mut other = opts();
    other.document_id[0] ^= 1;
    let c = simple_document("Finance report", report_blocks(), &other).expect("c");
    assert!(a != c, "document id not written");
}

#[test]
fn explicit_outline_and_page_links() {
    let flow = Flow::new(vec![
        Block::para("Agenda"),
        Block::Paragraph(boardpack_pdf::Paragraph::new(vec![Span::plain(
            "Item 2, page 3",
        )
        .link(LinkTarget::Page(2))])),
        Block::PageBreak,
        Block::para("Paper A"),
        Block::PageBreak,
        Block::para("Paper B"),
    ]);
    let laid = layout(&flow);
    assert_eq!(laid.page_count(), 3);
    let mut a = OutlineEntry::new("Item 1 – Paper A", 1);
    a.children.push(OutlineEntry::new("Appendix", 2));
    let outline_in = vec![OutlineEntry::new("Agenda", 0), a];
    let bytes = write(&laid, &outline_in, &opts()).expect("write");
    let doc = Document::load_mem(&bytes).expect("read");
    assert_eq!(
        outline(&doc),
        vec![
            (0, "Agenda".to_string(), 0),
            (0, "Item 1 – Paper A".to_string(), 1),
            (1, "Appendix".to_string(), 2)
        ]
    );
    assert_eq!(links(&doc), vec![(0, "page 2".to_string())]);
    // A link to a page lands at its top: /XYZ with the page's height, not null (which
    // keeps whatever height the reader was at, landing mid-page).
    let (_, first) = doc.get_pages().into_iter().next().expect("page");
    let annots = doc
        .get_dictionary(first)
        .and_then(|p| p.get(b"Annots"))
        .and_then(Object::as_array)
        .expect("annots");
    let link = doc
        .get_dictionary(annots[0].as_reference().expect("ref"))
        .expect("link");
    let dest = link
        .get(b"A")
        .and_then(Object::as_dict)
        .and_then(|a| a.get(b"D"))
        .and_then(Object::as_array)
        .expect("destination");
    assert_eq!(dest[1].as_name().ok(), Some(&b"XYZ"[..]));
    let top = dest[3].as_float().expect("a top, not null");
    assert!((top - laid.pages[2].height).abs() < 0.01, "{dest:?}");
}

#[test]
fn bad_targets_are_refused() {
    let laid = layout(&Flow::new(vec![Block::Paragraph(
        boardpack_pdf::Paragraph::new(vec![
            Span::plain("nowhere").link(LinkTarget::Anchor("missing".into()))
        ]),
    )]));
    assert!(write(&laid, &[], &opts()).is_err());
    assert!(write(&laid, &[OutlineEntry::new("x", 5)], &opts()).is_err());
    assert!(write(&boardpack_pdf::Laid::default(), &[], &opts()).is_err());
}

#[test]
fn a_picture_is_drawn_once_with_its_transparency_and_a_malformed_one_is_refused() {
    let (w, h) = (40u32, 20u32);
    let n = (w * h) as usize;
    let logo = std::sync::Arc::new(boardpack_pdf::Image {
        width: w,
        height: h,
        rgb: vec![0x20; n * 3],
        alpha: Some((0..n).map(|k| (k % 256) as u8).collect()),
        description: "Northfield NHS Trust logo".into(),
    });
    let picture = |image: &std::sync::Arc<boardpack_pdf::Image>| Block::Image {
        image: image.clone(),
        width: 120.0,
        align: boardpack_pdf::Align::Right,
    };
    let flow = Flow::new(vec![
        picture(&logo),
        Block::para("Under the logo."),
        Block::PageBreak,
        picture(&logo),
    ]);
    let laid = layout(&flow);
    assert_eq!(laid.pages.len(), 2);
    // Right-aligned, 120 pt wide, its proportions kept.
    let right = flow.page.width - flow.page.margin_right;
    // The picture is a figure of the structure, read by its description.
    assert_eq!(laid.pages[0].items[0], Item::Begin(1));
    assert_eq!(laid.structure[1].role, Some(boardpack_pdf::Role::Figure));
    assert_eq!(
        laid.structure[1].alt.as_deref(),
        Some(logo.description.as_str())
    );
    match &laid.pages[0].items[1] {
        Item::Image { x, w, h, .. } => {
            assert!((x + w - right).abs() < 0.01 && (*w - 120.0).abs() < 0.01);
            assert!((*h - 60.0).abs() < 0.01);
        }
        other => panic!("{other:?}"),
    }
    let bytes = write(&laid, &[], &opts()).expect("pdf");
    let doc = Document::load_mem(&bytes).expect("parse");
    let images: Vec<_> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .collect();
    // One picture and its soft mask, however many pages draw it.
    assert_eq!(images.len(), 2);
    assert!(images.iter().any(|s| s.dict.has(b"SMask")));
    let broken = std::sync::Arc::new(boardpack_pdf::Image {
        rgb: vec![0; 5],
        ..(*logo).clone()
    });
    let laid = layout(&Flow::new(vec![picture(&broken)]));
    let err = write(&laid, &[], &opts()).expect_err("refused");
    assert!(
        err.to_string().contains("Northfield NHS Trust logo"),
        "{err}"
    );
}

/// A minutes-like table: a reference, a long discussion of one-line points, a lead.
fn minutes_table(points: usize, split: bool) -> Table {
    let discussion: Vec<Block> = (0..points)
        .map(|i| Block::para(format!("Point {i} of the discussion.")))
        .collect();
    let table = Table::new(
        vec![0.15, 0.7, 0.15],
        vec![vec![
            Cell::text("Item"),
            Cell::text("Discussion"),
            Cell::text("Lead"),
        ]],
        vec![vec![
            Cell::text("TB 26/012"),
            Cell::blocks(discussion),
            Cell::text("SW"),
        ]],
    );
    if split {
        table.split_rows()
    } else {
        table
    }
}

/// The lowest baseline of text on a page.
fn lowest(page: &LaidPage) -> f32 {
    texts(page).iter().map(|t| t.0).fold(0.0, f32::max)
}

#[test]
fn long_rows_break_between_lines_with_two_lines_either_side() {
    let setup = boardpack_pdf::PageSetup::a4();
    let bottom = setup.height - setup.margin_bottom;
    for filler in (20..52).step_by(3) {
        let blocks = |split| {
            let mut b: Vec<Block> = (0..filler)
                .map(|i| Block::para(format!("Filler {i}")))
                .collect();
            b.push(Block::Table(minutes_table(24, split)));
            b
        };
        let laid = layout(&Flow::new(blocks(true)));
        let on_page = |p: &LaidPage| p.text().lines().filter(|l| l.starts_with("Point ")).count();
        let counts: Vec<usize> = laid.pages.iter().map(on_page).collect();
        assert_eq!(
            counts.iter().sum::<usize>(),
            24,
            "filler {filler}: {counts:?}"
        );
        // Never a lone line on either side of a break.
        assert!(
            counts.iter().all(|&n| n == 0 || n >= 2),
            "filler {filler}: {counts:?}"
        );
        let first = counts.iter().position(|&n| n > 0).unwrap();
        let moved = !laid.pages[first].text().contains("Filler");
        if moved || counts[first] < 24 {
            // The row broke, or moved to a page of its own: the page before the break is
            // filled to within three lines (a break needs two lines above it, and the
            // row's padding).
            let page = if counts[first] < 24 { first } else { first - 1 };
            let gap = bottom - lowest(&laid.pages[page]);
            assert!(
                gap < 3.0 * 13.0 + 12.0,
                "filler {filler}: a gap of {gap} pt on page {page}: {counts:?}"
            );
        }
        // The continuation repeats the header row.
        if counts[first] < 24 {
            assert!(laid.pages[first + 1].text().starts_with("Item"));
        }
        // Without the table's leave, the row moves whole (below a page long).
        let whole = layout(&Flow::new(blocks(false)));
        let whole_counts: Vec<usize> = whole.pages.iter().map(on_page).collect();
        assert!(
            whole_counts.contains(&24),
            "filler {filler}: {whole_counts:?}"
        );
    }
    // Some filler makes it break (not move) for certain.
    let mut b: Vec<Block> = (0..30)
        .map(|i| Block::para(format!("Filler {i}")))
        .collect();
    b.push(Block::Table(minutes_table(24, true)));
    let laid = layout(&Flow::new(b));
    assert!(laid.pages[0].text().contains("Point 0 of"));
    assert!(laid.pages[1].text().contains("Point 23 of"));
}

#[test]
fn a_row_breaks_only_where_its_blocks_allow() {
    // Headings inside the cell stay with the line after them; a paragraph's first two and
    // last two lines stay together.
    let mut cell = Vec::new();
    for i in 0..12 {
        cell.push(Block::heading(3, format!("Heading {i}")));
        cell.push(Block::para(format!("Said {i}a.")));
        cell.push(Block::para(format!("Said {i}b.")));
    }
    cell.push(Block::para(
        "The Board discussed the plan at length. ".repeat(12),
    ));
    let mut heading_last = 0;
    for filler in 20..50 {
        let mut b: Vec<Block> = (0..filler)
            .map(|i| Block::para(format!("Filler {i}")))
            .collect();
        b.push(Block::Table(
            Table::new(
                vec![0.2, 0.8],
                vec![],
                vec![vec![Cell::text("TB 26/013"), Cell::blocks(cell.clone())]],
            )
            .split_rows(),
        ));
        let laid = layout(&Flow::new(b));
        for (i, p) in laid.pages.iter().enumerate() {
            let mut lines: Vec<(f32, String)> = texts(p)
                .into_iter()
                .filter(|t| !t.1.starts_with("Filler") && !t.1.starts_with("TB 26"))
                .collect();
            lines.sort_by(|a, b| a.0.total_cmp(&b.0));
            if let Some(last) = lines.last() {
                assert!(
                    !last.1.starts_with("Heading") || i + 1 == laid.pages.len(),
                    "filler {filler}: page {i} ends on {:?}",
                    last.1
                );
            }
            let long = lines
                .iter()
                .filter(|l| l.1.contains("Board") || l.1.starts_with("plan"))
                .count();
            assert!(
                long == 0 || long >= 2,
                "filler {filler}, page {i}: {long} line(s)"
            );
            if lines.last().is_some_and(|l| l.1.starts_with("Said")) {
                heading_last += 1;
            }
        }
    }
    assert!(heading_last > 0);
}

#[test]
fn bookmarks_mark_rows_without_drawing_anything() {
    let rows: Vec<Vec<Cell>> = (0..60)
        .map(|i| {
            vec![
                Cell::text(format!("TB 26/{i:03}")),
                Cell::blocks(vec![
                    Block::Bookmark {
                        level: 2,
                        title: format!("TB 26/{i:03} Item {i}"),
                    },
                    Block::markup(&format!("**Item {i}**")),
                    Block::para("Discussed and noted."),
                ]),
            ]
        })
        .collect();
    let laid = layout(&Flow::new(vec![
        Block::heading(0, "Minutes"),
        Block::heading(2, "Present"),
        Block::Table(Table::new(vec![0.2, 0.8], vec![], rows)),
    ]));
    let outline = laid.outline(2);
    let titles: Vec<&str> = outline.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles.len(), 61, "{titles:?}");
    assert_eq!(titles[0], "Present");
    assert_eq!(titles[1], "TB 26/000 Item 0");
    assert_eq!(titles[60], "TB 26/059 Item 59");
    // Each bookmark lands on the page and at the height of its row's first line.
    for (k, e) in outline.iter().enumerate().skip(1) {
        let page = &laid.pages[e.page];
        let y = texts(page)
            .into_iter()
            .find(|t| t.1 == format!("Item {}", k - 1))
            .map(|t| t.0)
            .expect("the item's title is on the bookmark's page");
        let at = e.y.expect("a position");
        assert!(at < y && y - at < 20.0, "{}: {at} vs {y}", e.title);
    }
    // Nothing drawn says the bookmark's title.
    assert!(!laid
        .pages
        .iter()
        .any(|p| p.text().contains("TB 26/000 Item 0")));
}

#[test]
fn a_header_marking_stands_in_the_top_margin_of_every_page() {
    let mut laid = layout(&Flow::new(report_blocks()));
    assert!(laid.page_count() >= 2);
    let setup = boardpack_pdf::PageSetup::a4();
    laid.stamp_header(&setup, "CONFIDENTIAL", boardpack_pdf::Colour::BLACK);
    for page in &laid.pages {
        let runs: Vec<&boardpack_pdf::TextRun> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if t.text == "CONFIDENTIAL" => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(runs.len(), 1);
        let run = runs[0];
        // Above the text area, at least 10 mm from the paper's edge, centred.
        assert!(run.y < setup.margin_top - 3.0 && run.y > 10.0 * boardpack_pdf::MM);
        let middle = run.x + run.width() / 2.0;
        assert!((middle - setup.width / 2.0).abs() < 1.0);
        let highest_other = texts(page)
            .into_iter()
            .filter(|t| t.1 != "CONFIDENTIAL")
            .map(|t| t.0)
            .fold(f32::MAX, f32::min);
        assert!(highest_other > run.y + 10.0);
    }
}

#[test]
fn a_table_whose_rows_break_never_leaves_its_one_line_last_row_alone() {
    let discussion: Vec<Block> = (0..12)
        .map(|i| Block::para(format!("Point {i} of the discussion.")))
        .collect();
    let mut alone = 0;
    for filler in 20..60 {
        let mut b: Vec<Block> = (0..filler)
            .map(|i| Block::para(format!("Filler {i}")))
            .collect();
        b.push(Block::Table(
            Table::new(
                vec![0.15, 0.7, 0.15],
                vec![vec![
                    Cell::text("Item"),
                    Cell::text("Discussion"),
                    Cell::text("Lead"),
                ]],
                vec![
                    vec![
                        Cell::text("TB 26/024"),
                        Cell::blocks(discussion.clone()),
                        Cell::text(""),
                    ],
                    vec![
                        Cell::text(""),
                        Cell::text("ACTION: the last, one line."),
                        Cell::text("KL"),
                    ],
                ],
            )
            .split_rows(),
        ));
        let laid = layout(&Flow::new(b));
        let last = laid.pages.last().unwrap().text();
        if last.contains("ACTION: the last") && !last.contains("Filler") {
            let lines = last
                .lines()
                .filter(|l| l.starts_with("Point ") || l.starts_with("ACTION"))
                .count();
            assert!(
                lines >= 3,
                "filler {filler}: the last page holds {lines} line(s)"
            );
            alone += 1;
        }
        let all: String = laid.pages.iter().map(LaidPage::text).collect();
        assert_eq!(all.matches("Point ").count(), 12, "filler {filler}");
    }
    assert!(
        alone > 0,
        "some filler puts the last row on a page of its own"
    );
}
