//! The engine's linearity benchmark (`cargo bench -p boardpack-pdf --bench linear`): lays
//! out and writes ever longer text — 100 KB to 12 MB — as one paragraph, as many
//! paragraphs, as one table cell (where a paper's title sits on its cover sheet) and as one
//! heading, and prints the time per megabyte of text for each size. Layout and writing are
//! linear when that figure stays flat as the text grows; the last column gives each size's
//! figure over the smallest one's. A smaller run of mixed-script text (Arabic, Hebrew,
//! Devanagari, Chinese) shows the same for shaped text.
//!
//! `LINEAR_BENCH_MAX_MB` caps the largest size (default 12).

use std::hint::black_box;
use std::time::{Duration, Instant};

use boardpack_pdf::{layout, write, Block, Cell, Flow, Paragraph, PdfOptions, Span, Table};

const LATIN: &str =
    "The Trust Board is asked to note the report and the assurance it gives on quality, \
finance and performance; activity was 4.2% above plan, with £28.9m of savings delivered. ";

const MIXED: &str = "Interpreting services: خدمات الترجمة الفورية متاحة للمرضى وعائلاتهم. \
שירותי תרגום זמינים. दुभाषिया सेवाएँ उपलब्ध हैं। 口译服务可供患者及其家属使用。 ";

fn text_of(seed: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + seed.len());
    while s.len() < bytes {
        s.push_str(seed);
    }
    s
}

fn opts() -> PdfOptions {
    PdfOptions {
        title: "Linearity".into(),
        author: "Boardpack".into(),
        subject: String::new(),
        created: chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap_or_default(),
        lang: "en-GB".into(),
        document_id: [1; 16],
    }
}

#[derive(Clone, Copy)]
enum Shape {
    OneParagraph,
    ManyParagraphs,
    TableCell,
    Heading,
}

impl Shape {
    fn name(self) -> &'static str {
        match self {
            Shape::OneParagraph => "one paragraph",
            Shape::ManyParagraphs => "paragraphs of 1 KB",
            Shape::TableCell => "one table cell",
            Shape::Heading => "one heading",
        }
    }

    fn blocks(self, text: &str) -> Vec<Block> {
        match self {
            Shape::OneParagraph => vec![Block::para(text)],
            Shape::ManyParagraphs => {
                let mut blocks = Vec::new();
                let mut rest = text;
                while !rest.is_empty() {
                    let mut cut = rest.len().min(1024);
                    while !rest.is_char_boundary(cut) {
                        cut += 1;
                    }
                    blocks.push(Block::Paragraph(Paragraph::new(vec![Span::plain(
                        &rest[..cut],
                    )])));
                    rest = &rest[cut..];
                }
                blocks
            }
            Shape::TableCell => vec![Block::Table(Table::new(
                vec![0.3, 0.7],
                vec![],
                vec![vec![Cell::bold("Report title"), Cell::text(text)]],
            ))],
            Shape::Heading => vec![Block::heading(1, text), Block::para("Introduction.")],
        }
    }
}

struct Timing {
    layout: Duration,
    write: Duration,
    pages: usize,
    bytes: usize,
}

fn run(shape: Shape, text: &str) -> Timing {
    let flow = Flow::new(shape.blocks(text));
    let t = Instant::now();
    let laid = layout(black_box(&flow));
    let layout_time = t.elapsed();
    let t = Instant::now();
    let pdf = write(&laid, &[], &opts()).expect("write");
    let write_time = t.elapsed();
    Timing {
        layout: layout_time,
        write: write_time,
        pages: laid.page_count(),
        bytes: black_box(pdf).len(),
    }
}

fn per_mb(d: Duration, bytes: usize) -> f64 {
    d.as_secs_f64() * 1000.0 / (bytes as f64 / 1_000_000.0)
}

fn table(title: &str, seed: &str, sizes: &[usize], shapes: &[Shape]) {
    println!("\n{title}");
    println!(
        "| text | size | pages | layout ms | write ms | layout ms/MB | write ms/MB | total ms/MB | ÷ smallest |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for &shape in shapes {
        let mut first: Option<f64> = None;
        for &size in sizes {
            let text = text_of(seed, size);
            // The best of a few runs for small sizes, one for the largest.
            let repeats = if size <= 1_000_000 { 3 } else { 1 };
            let mut best: Option<Timing> = None;
            for _ in 0..repeats {
                let t = run(shape, &text);
                if best
                    .as_ref()
                    .is_none_or(|b| t.layout + t.write < b.layout + b.write)
                {
                    best = Some(t);
                }
            }
            let Some(t) = best else { continue };
            let total = per_mb(t.layout + t.write, text.len());
            let ratio = total / *first.get_or_insert(total);
            println!(
                "| {} | {:.1} MB | {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.2} |",
                shape.name(),
                text.len() as f64 / 1e6,
                t.pages,
                t.layout.as_secs_f64() * 1000.0,
                t.write.as_secs_f64() * 1000.0,
                per_mb(t.layout, text.len()),
                per_mb(t.write, text.len()),
                total,
                ratio,
            );
            let _ = t.bytes;
        }
    }
}

fn main() {
    let max_mb: usize = std::env::var("LINEAR_BENCH_MAX_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let sizes: Vec<usize> = [100_000, 300_000, 1_000_000, 3_000_000, 12_000_000]
        .into_iter()
        .filter(|&s| s <= max_mb * 1_000_000)
        .collect();
    table(
        "Latin text (Liberation Sans)",
        LATIN,
        &sizes,
        &[
            Shape::OneParagraph,
            Shape::ManyParagraphs,
            Shape::TableCell,
            Shape::Heading,
        ],
    );
    let mixed: Vec<usize> = sizes.iter().copied().filter(|&s| s <= 3_000_000).collect();
    table(
        "Mixed scripts (Arabic, Hebrew, Devanagari, Chinese: shaped)",
        MIXED,
        &mixed,
        &[Shape::OneParagraph, Shape::ManyParagraphs],
    );
}
