//! The pack benchmark (`cargo bench -p boardpack --bench pack`): a meeting of 40 papers,
//! about 600 pages of real and realistic PDFs, and one of 200 papers, about 3,200 pages,
//! each built into the full private pack (cover, linked agenda, cover sheets, bookmarks,
//! footer on every page) and compared in the same run with `qpdf --empty --pages` merging
//! the same documents. Also measured: rebuilds after one paper changed (same page count,
//! and a page count that moves every later page number), and the peak memory of a build in
//! a fresh child process against the size of the input. Prints the figures the README's
//! Performance section reports; `PACK_BENCH=40` or `PACK_BENCH=200` runs one case only.
//!
//! The pack's speed and memory targets live here, not in timed tests (a window test once
//! timed the export; it now only checks what the export wrote).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use boardpack::agenda::NewItem;
use boardpack::papers::{NewPaper, PaperEdit};
use boardpack::Boardpack;
use boardpack_core::agenda::{Lead, Purpose};
use boardpack_core::meeting::NewMeeting;
use boardpack_core::{MeetingId, Session};
use boardpack_pdf::{Block, Cell, PdfOptions, Table};

const RUNS: usize = 5;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/realworld")
}

/// A realistic report of about `pages` pages: numbered sections of prose and a table.
fn report(k: usize, pages: usize) -> Vec<u8> {
    let mut blocks = Vec::new();
    for s in 0..pages * 2 {
        blocks.push(Block::heading(
            1,
            format!("{}. Performance against plan, area {}", s + 1, k),
        ));
        for p in 0..3 {
            blocks.push(Block::para(format!(
                "{}.{} Activity in the period was 4.{p}% above plan; the division reports £{}.{}m of savings delivered against a target of £28.9m, with the remainder forecast to be delivered by the year end subject to the recovery actions agreed with the executive team.",
                s + 1, p + 1, k, s
            )));
        }
        if s % 2 == 0 {
            blocks.push(Block::Table(Table::new(
                vec![0.4, 0.2, 0.2, 0.2],
                vec![vec![
                    Cell::bold("Measure"),
                    Cell::bold("Plan"),
                    Cell::bold("Actual"),
                    Cell::bold("Variance"),
                ]],
                (0..6)
                    .map(|r| {
                        vec![
                            Cell::text(format!("Indicator {r}")),
                            Cell::text("92%"),
                            Cell::text(format!("{}%", 85 + r)),
                            Cell::text(format!("-{}", 7 - r)),
                        ]
                    })
                    .collect(),
            )));
        }
    }
    let opts = PdfOptions {
        title: format!("Report {k}"),
        author: "Benchmark".into(),
        subject: String::new(),
        created: Default::default(),
        lang: boardpack_pdf::DEFAULT_LANG.into(),
        document_id: [k as u8; 16],
    };
    boardpack_pdf::simple_document(&format!("Divisional report {k}"), blocks, &opts)
        .expect("report")
}

fn pages_of(bytes: &[u8]) -> usize {
    boardpack_pdf::inspect(bytes).map_or(0, |f| f.pages as usize)
}

/// Corpus pages with pictures, charts and patterns (0.04–0.45 MB each) that reports carry.
const PICTURES: [&str; 5] = [
    "003-pdflatex-image_pdflatex-image.pdf",
    "011-google-doc-document_google-doc-document.pdf",
    "019-grayscale-image_grayscale-image.pdf",
    "023-cmyk-image_cmyk-image.pdf",
    "027-onlyoffice-image_Patterns.pdf",
];

/// A realistic paper of exactly `pages` pages: the text of [`report`] with a picture or
/// chart page from the corpus after every seventh page (put together with the pack's own
/// assembler, without footers), so it weighs what a real board paper weighs.
fn paper(k: usize, pages: usize) -> Vec<u8> {
    use boardpack_pdf::assemble::{assemble, Run, Source};
    let text = report(k, pages);
    let text_pages = pages_of(&text);
    let pictures: Vec<Vec<u8>> = PICTURES
        .iter()
        .map(|f| std::fs::read(corpus().join(f)).expect("corpus picture"))
        .collect();
    let mut sources = vec![Source {
        name: "text".into(),
        bytes: &text,
    }];
    sources.extend(pictures.iter().map(|b| Source {
        name: "picture".into(),
        bytes: b,
    }));
    let (mut runs, mut t, mut p) = (Vec::new(), 0, k);
    for n in 0..pages {
        let run = if n % 8 == 7 {
            p += 1;
            Run {
                source: 1 + p % PICTURES.len(),
                first: 0,
                count: 1,
                footer: None,
                marking: None,
            }
        } else {
            t += 1;
            Run {
                source: 0,
                first: (t - 1) % text_pages,
                count: 1,
                footer: None,
                marking: None,
            }
        };
        runs.push(run);
    }
    let opts = PdfOptions {
        title: format!("Report {k}"),
        author: "Benchmark".into(),
        subject: String::new(),
        created: Default::default(),
        lang: boardpack_pdf::DEFAULT_LANG.into(),
        document_id: [k as u8; 16],
    };
    assemble(&sources, &runs, &[], &opts, &mut |_, _| {}).expect("paper")
}

struct Fixture {
    _dir: tempfile::TempDir,
    db: PathBuf,
    meeting: MeetingId,
    files: Vec<PathBuf>,
    input_bytes: u64,
}

fn fixture(papers: usize, target_pages: usize) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("bench.sqlite");
    let app = Boardpack::open(&db).expect("open");
    let demo = app.load_demo().expect("demo");
    let template = app
        .agenda(demo)
        .expect("agenda")
        .rows
        .iter()
        .flat_map(|r| r.papers.clone())
        .next()
        .expect("a demo paper")
        .paper;
    let tb = app.committee_by_code("TB").expect("TB");
    let meeting = app
        .add_meeting(&NewMeeting {
            committee_id: tb.id,
            number: None,
            date: "2027-03-04".into(),
            start_time: "09:00".into(),
            end_time: "17:00".into(),
            venue: "Board Room".into(),
            chair_id: None,
            session: Session::Public,
        })
        .expect("meeting")
        .id;
    for row in app.agenda(meeting).expect("agenda").rows {
        app.update_item(&boardpack_core::agenda::AgendaItem {
            paper_expected: false,
            ..row.item
        })
        .expect("standing item");
    }
    // Every corpus file the attach check accepts (many producers, images, forms, the
    // 117-page GeoTopo), then reports with charts and pictures up to ~600 pages.
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .filter(|p| boardpack_pdf::inspect(&std::fs::read(p).unwrap_or_default()).is_ok())
        .collect();
    files.sort();
    let real_pages: usize = files
        .iter()
        .map(|p| pages_of(&std::fs::read(p).expect("read")))
        .sum();
    let reports = papers.saturating_sub(files.len()).max(1);
    let per_report = target_pages.saturating_sub(real_pages) / reports;
    for k in 0..reports {
        let path = dir.path().join(format!("report-{k}.pdf"));
        // Between 0.75 and 1.25 times the average, summing to about the target.
        let pages = (per_report * (3 + (k % 5) % 3) / 4).max(8);
        std::fs::write(&path, paper(k, pages)).expect("write report");
        files.push(path);
    }
    let mut input_bytes = 0;
    for (n, file) in files.iter().enumerate() {
        input_bytes += std::fs::metadata(file).expect("size").len();
        let item = app
            .add_item(&NewItem {
                meeting_id: meeting,
                parent_id: None,
                title: format!("Report {n}"),
                purpose: Purpose::Assurance,
                lead: Lead::None,
                duration_minutes: 10,
                session: Session::Public,
                private_reason: String::new(),
                confidential: false,
                for_bulletin: false,
                paper_expected: true,
            })
            .expect("item");
        let paper = app
            .add_paper(&NewPaper {
                item_id: item.id,
                title: format!("Report {n}"),
                authors: "Author".into(),
                sponsor: "Sponsor".into(),
                letter: String::new(),
                file: Some(file.display().to_string()),
            })
            .expect("paper");
        app.update_paper(&PaperEdit {
            id: paper.id,
            title: paper.title.clone(),
            authors: "Author".into(),
            sponsor: "Sponsor".into(),
            letter: String::new(),
            cover: template.cover.clone(),
            received_on: String::new(),
        })
        .expect("cover");
    }
    Fixture {
        _dir: dir,
        db,
        meeting,
        files,
        input_bytes,
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn main() {
    // Child mode: one build, then report this process's peak memory.
    if let (Ok(db), Ok(meeting), Ok(out)) = (
        std::env::var("BENCH_DB"),
        std::env::var("BENCH_MEETING"),
        std::env::var("BENCH_OUT"),
    ) {
        let app = Boardpack::open(Path::new(&db)).expect("open");
        let before = peak_rss_kib();
        let trace = std::env::var_os("BENCH_TRACE").is_some();
        let mut last = 0;
        app.export_pack(
            meeting.parse().expect("id"),
            false,
            Path::new(&out),
            boardpack::today(),
            &mut |p| {
                let now = peak_rss_kib();
                if trace && now > last + 512 {
                    eprintln!("{} {}/{}: {} KiB", p.stage, p.done, p.total, now);
                    last = now;
                }
            },
        )
        .expect("pack");
        println!("{before} {}", peak_rss_kib());
        return;
    }
    let only = std::env::var("PACK_BENCH").ok();
    for (papers, pages) in [(40, 600), (200, 3200)] {
        if only.as_deref().is_some_and(|o| o != papers.to_string()) {
            continue;
        }
        case(papers, pages);
    }
}

fn case(papers: usize, target_pages: usize) {
    let f = fixture(papers, target_pages);
    let out = f._dir.path().join("pack.pdf");
    let build = |app: &Boardpack| {
        let t = Instant::now();
        app.export_pack(f.meeting, false, &out, boardpack::today(), &mut |_| {})
            .expect("pack");
        t.elapsed()
    };
    let plan = Boardpack::open(&f.db)
        .expect("open")
        .pack_plan(f.meeting, false)
        .expect("plan");
    let attached: usize = plan.papers.iter().map(|p| p.document_pages).sum();

    // Full builds and qpdf, interleaved so both see the same load: a fresh `Boardpack`
    // each time, so nothing is cached.
    let qpdf_out = f._dir.path().join("qpdf.pdf");
    let mut full = Vec::new();
    let mut qpdf = Vec::new();
    for _ in 0..RUNS {
        let app = Boardpack::open(&f.db).expect("open");
        full.push(build(&app));
        let t = Instant::now();
        let status = Command::new("qpdf")
            .arg("--empty")
            .arg("--pages")
            .args(&f.files)
            .arg("--")
            .arg(&qpdf_out)
            .status();
        match status {
            Ok(s) if s.success() || s.code() == Some(3) => qpdf.push(t.elapsed()),
            Ok(s) => panic!("qpdf failed ({s}) merging the benchmark's papers"),
            Err(e) => panic!("qpdf is needed to compare with (apt-get install qpdf): {e}"),
        }
    }
    // Rebuilds in one open `Boardpack` (as the desktop app keeps it), after a first build:
    // nothing changed; the last report replaced by a new version of the same length; by a
    // new version one or more pages longer (every later page number shifts).
    let app = Boardpack::open(&f.db).expect("open");
    build(&app);
    let unchanged: Vec<Duration> = (0..RUNS).map(|_| build(&app)).collect();
    let agenda = app.agenda(f.meeting).expect("agenda");
    let changed = agenda
        .rows
        .iter()
        .rev()
        .find_map(|r| r.papers.first().cloned())
        .expect("paper")
        .paper;
    let pages = changed.document.as_ref().map_or(20, |d| d.pages as usize);
    let rebuild = |k: usize, pages: usize| {
        let file = f._dir.path().join(format!("changed-{k}.pdf"));
        std::fs::write(&file, paper(k, pages)).expect("changed");
        app.attach_document(changed.id, &file).expect("attach");
        build(&app)
    };
    let same: Vec<Duration> = (0..RUNS).map(|run| rebuild(100 + run, pages)).collect();
    let longer: Vec<Duration> = (0..RUNS)
        .map(|run| rebuild(200 + run, pages + 1 + run))
        .collect();
    // Peak memory of one build in a fresh process.
    let child = Command::new(std::env::current_exe().expect("exe"))
        .stderr(std::process::Stdio::inherit())
        .env("BENCH_DB", &f.db)
        .env("BENCH_MEETING", f.meeting.to_string())
        .env("BENCH_OUT", f._dir.path().join("child.pdf"))
        .output()
        .expect("child");
    let text = String::from_utf8_lossy(&child.stdout);
    let mut nums = text
        .split_whitespace()
        .filter_map(|n| n.parse::<u64>().ok());
    let (base, peak) = (nums.next().unwrap_or(0), nums.next().unwrap_or(0));

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let full_m = median(full);
    let q = median(qpdf);
    let input_mb = f.input_bytes as f64 / 1e6;
    let ratio_target = if papers > 100 { 0.25 } else { 0.2 };
    println!(
        "\nPack benchmark: {} papers, {attached} attached pages, {} pages in the pack, {input_mb:.1} MB of input",
        f.files.len(),
        plan.total_pages,
    );
    println!("| measure | value | target |");
    println!("|---|---|---|");
    println!(
        "| full pack (fresh `Boardpack`), median of {RUNS} | {:.0} ms | |",
        ms(full_m)
    );
    println!(
        "| qpdf --empty --pages, same documents, median of {RUNS} | {:.0} ms | |",
        ms(q)
    );
    println!(
        "| pack ÷ qpdf | {:.3} | ≤ {ratio_target} |",
        ms(full_m) / ms(q)
    );
    for (what, times) in [
        ("nothing changed", unchanged),
        ("one paper changed, same page count", same),
        ("one paper changed, page count changed", longer),
    ] {
        let m = median(times);
        println!(
            "| rebuild, {what}, median of {RUNS} | {:.0} ms = {:.3} × full | ≤ 0.3 |",
            ms(m),
            ms(m) / ms(full_m)
        );
    }
    // MB = 10^6 bytes throughout.
    let peak_mb = (peak * 1024) as f64 / 1e6;
    let target = if papers > 100 {
        format!("≤ 2 × input + 64 MB = {:.0} MB", 2.0 * input_mb + 64.0)
    } else {
        format!("≤ 3 × input = {:.1} MB", 3.0 * input_mb)
    };
    println!(
        "| peak memory of a build, fresh process (high-water mark) | {peak_mb:.1} MB = {:.2} × input | {target} |",
        (peak * 1024) as f64 / f.input_bytes as f64
    );
    println!(
        "| of which before the build (open database, code) | {:.1} MB | |",
        (base * 1024) as f64 / 1e6,
    );
}
