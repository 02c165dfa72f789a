//! The search benchmark (`cargo bench -p boardpack --bench search`): a synthetic ten-year
//! archive — 20 committees × 11 meetings a year × 10 years = 2,200 meetings, 10 items each
//! with a paper (cover sheet, a PDF of a few KB of realistic text), a minute with a
//! resolution, and an action on every other item — imported as an archive (which reads the
//! PDFs' text), then typical queries timed through `Boardpack::search`. Prints the figures
//! the README's Performance section reports. Deterministic: the same archive every run.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use sha2::{Digest, Sha256};

use boardpack::archive::{Archive, ArchiveFile, FORMAT, VERSION};
use boardpack::{ArchiveScope, Boardpack};
use boardpack_core::agenda::{AgendaItem, Lead, Purpose};
use boardpack_core::minutes::{Action, Minute, Outcome};
use boardpack_core::paper::{Attachment, CoverSheet, Paper};
use boardpack_core::{
    ActionId, AgendaItemId, Committee, CommitteeId, Meeting, MeetingId, MeetingStatus,
    MinuteRefPattern, Organisation, OrganisationId, PaperId, QuorumRule, Session,
};

const COMMITTEES: usize = 20;
const MEETINGS_A_YEAR: usize = 11;
const YEARS: usize = 10;
const ITEMS: usize = 10;
const RUNS: usize = 30;
const LIMIT: usize = 20;

const COMMITTEE_NAMES: [(&str, &str); COMMITTEES] = [
    ("Trust Board", "TB"),
    ("Audit and Risk Committee", "ARC"),
    ("Quality Committee", "QC"),
    ("Finance and Investment Committee", "FIC"),
    ("People Committee", "PC"),
    ("Charitable Funds Committee", "CFC"),
    ("Remuneration Committee", "REM"),
    ("Research and Innovation Committee", "RIC"),
    ("Digital Committee", "DC"),
    ("Estates and Sustainability Committee", "ESC"),
    ("Council of Governors", "COG"),
    ("Executive Management Board", "EMB"),
    ("Strategy Committee", "SC"),
    ("Patient Safety Group", "PSG"),
    ("Mental Health Act Committee", "MHA"),
    ("Clinical Effectiveness Group", "CEG"),
    ("Infection Prevention Committee", "IPC"),
    ("Safeguarding Committee", "SGC"),
    ("Health and Safety Committee", "HSC"),
    ("Workforce Planning Group", "WPG"),
];

const TOPICS: [&str; 40] = [
    "elective recovery",
    "urgent and emergency care",
    "workforce",
    "finance",
    "patient experience",
    "infection prevention",
    "maternity services",
    "cancer performance",
    "sepsis screening",
    "mental health",
    "safeguarding",
    "estates maintenance",
    "digital transformation",
    "cyber security",
    "cost improvement",
    "capital programme",
    "medicines management",
    "theatre productivity",
    "diagnostic waiting times",
    "outpatient transformation",
    "stroke services",
    "paediatric care",
    "research governance",
    "nurse staffing",
    "medical staffing",
    "health inequalities",
    "freedom to speak up",
    "complaints handling",
    "discharge planning",
    "ambulance handovers",
    "pressure ulcers",
    "falls prevention",
    "end of life care",
    "learning disabilities",
    "agency spending",
    "sustainability",
    "procurement",
    "information governance",
    "clinical audit",
    "equality and diversity",
];

const NAMES: [&str; 20] = [
    "Carol Fenwick",
    "John Adeyemi",
    "Sarah Whitfield",
    "Rajesh Patel",
    "Bridget Okafor",
    "Hazel Brennan",
    "Ian Crowe",
    "Aisha Rahman",
    "Tim O'Neill",
    "Martin Hughes",
    "Stephen Ward",
    "Louise Grant",
    "Kirsty Lamb",
    "Hannah Rowe",
    "Toby Sanders",
    "Gemma Thompson",
    "Harjit Kaur",
    "Piotr Nowak",
    "Rhys Evans",
    "Fiona Campbell",
];

const WARDS: [&str; 20] = [
    "Larch", "Willow", "Rowan", "Hazel", "Beech", "Cedar", "Maple", "Alder", "Aspen", "Juniper",
    "Linden", "Holly", "Yew", "Elm", "Oak", "Ash", "Birch", "Poplar", "Sycamore", "Hawthorn",
];

/// Syllables of suppliers' names: 30³ names, so most papers name a supplier no other does.
const SYLLABLES: [&str; 30] = [
    "cal", "der", "brook", "ash", "worth", "pen", "gar", "ton", "mer", "vale", "stan", "ley",
    "ford", "by", "wick", "rid", "ing", "ham", "bury", "mont", "ros", "tel", "dun", "kirk", "lan",
    "mor", "hal", "sted", "win", "cot",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const SENTENCES: [&str; 14] = [
    "The {committee} received the {topic} report for {month} {year}, which showed performance of {pct} per cent against a standard of {pct2} per cent.",
    "Members noted that {topic} remains a pressure for the trust and asked for assurance on the recovery trajectory by {month}.",
    "{name} explained that {ward} ward had seen an increase in demand, and that staffing was being reviewed with the divisional team.",
    "The cost improvement programme is forecast to deliver {num} million pounds against a plan of {num2} million pounds.",
    "Patients and families told us that communication about {topic} could be better, and the patient experience team is working with {ward} ward.",
    "The risk relating to {topic} is rated {risk} on the Board Assurance Framework, with a target rating of {risk2}.",
    "An audit of {topic} by the internal auditors gave reasonable assurance, with {num} recommendations to be completed by {month} {year}.",
    "The contract with {supplier} for {topic} services was extended for twelve months following a review of value for money.",
    "Infection prevention and control measures were reinforced on {ward} ward after {num} cases were reported in {month}.",
    "The workforce report shows vacancy rates of {pct} per cent among registered nurses and agency spending of {num} million pounds.",
    "It was agreed that the {topic} action plan would return to the {committee} in {month} with a progress report.",
    "Quality and safety indicators for {topic} are within expected limits, and the mortality index remains below {num3}.",
    "The divisional director for {topic} presented the business case, which requires capital investment of {num} million pounds over three years.",
    "Staff survey results for {ward} ward show engagement of {pct} per cent, and the people plan sets out actions on wellbeing and retention.",
];

/// A small deterministic generator (xorshift*), so every run builds the same archive.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Skewed towards the start of the list, as some topics come up far more than others.
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    fn supplier(&mut self) -> String {
        let name: String = (0..3).map(|_| self.pick(&SYLLABLES)).collect();
        let mut c = name.chars();
        let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or('X');
        format!("{first}{} Ltd", c.as_str())
    }

    fn sentence(&mut self, committee: &str, topic: &str, date: NaiveDate) -> String {
        let template = self.pick(&SENTENCES);
        let month = MONTHS[self.below(12)];
        template
            .replace("{committee}", committee)
            .replace("{topic}", topic)
            .replace("{month}", month)
            .replace("{year}", &date.format("%Y").to_string())
            .replace(
                "{pct}",
                &format!("{}.{}", 60 + self.below(39), self.below(10)),
            )
            .replace("{pct2}", &format!("{}", 85 + self.below(14)))
            .replace("{name}", self.pick(&NAMES))
            .replace("{ward}", self.pick(&WARDS))
            .replace(
                "{num}",
                &format!("{}.{}", 1 + self.below(40), self.below(10)),
            )
            .replace(
                "{num2}",
                &format!("{}.{}", 1 + self.below(40), self.below(10)),
            )
            .replace("{num3}", &format!("{}", 95 + self.below(10)))
            .replace("{risk}", &format!("{}", 4 + self.below(21)))
            .replace("{risk2}", &format!("{}", 1 + self.below(8)))
            .replace("{supplier}", &self.supplier())
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A plain PDF of the lines given, 45 lines a page, in Helvetica: what a word processor's
/// simplest export looks like, made in microseconds.
fn pdf(lines: &[String]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids: Vec<Object> = Vec::new();
    for chunk in lines.chunks(45) {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 10.into()]),
            Operation::new("TL", vec![14.into()]),
            Operation::new("Td", vec![56.into(), 780.into()]),
        ];
        for line in chunk {
            ops.push(Operation::new(
                "Tj",
                vec![Object::string_literal(line.as_str())],
            ));
            ops.push(Operation::new("T*", vec![]));
        }
        ops.push(Operation::new("ET", vec![]));
        let content = Content { operations: ops }.encode().expect("content");
        let contents = doc.add_object(Stream::new(dictionary! {}, content));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => contents,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("pdf");
    out
}

/// Breaks text into lines of about 90 characters.
fn wrap(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("a line");
        if line.len() + word.len() > 90 {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

struct Built {
    archive: Archive,
    files: Vec<(String, Vec<u8>)>,
    /// A supplier named in exactly one paper.
    rare: String,
    text_bytes: usize,
}

fn build() -> Built {
    let mut rng = Rng(0x5EED_B0A2_D9AC_4001);
    let id = |rng: &mut Rng| {
        let hi = rng.next();
        let lo = rng.next();
        uuid::Builder::from_random_bytes(((u128::from(hi) << 64) | u128::from(lo)).to_be_bytes())
            .into_uuid()
    };
    let org = Organisation {
        id: OrganisationId(id(&mut rng)),
        name: "Northbridge Teaching Hospitals NHS Foundation Trust".into(),
        short_name: "NTH".into(),
        bulletin_wording: String::new(),
        confidential_marking: String::new(),
        holiday_region: Default::default(),
        language: "en-GB".into(),
        logo: None,
    };
    let mut a = Archive {
        format: FORMAT.into(),
        version: VERSION,
        scope: ArchiveScope::Everything,
        organisations: vec![org.clone()],
        committees: Vec::new(),
        people: Vec::new(),
        memberships: Vec::new(),
        meetings: Vec::new(),
        objectives: Vec::new(),
        risks: Vec::new(),
        agenda_items: Vec::new(),
        papers: Vec::new(),
        attendance: Vec::new(),
        attendees: Vec::new(),
        interests: Vec::new(),
        declarations: Vec::new(),
        minutes: Vec::new(),
        action_updates: Vec::new(),
        minutes_versions: Vec::new(),
        nil_returns: Vec::new(),
        meetings_closed: Vec::new(),
        pack_issues: Vec::new(),
        files: Vec::new(),
    };
    let mut files = Vec::new();
    let mut suppliers: std::collections::BTreeMap<String, usize> = Default::default();
    let mut text_bytes = 0;
    for (k, (name, code)) in COMMITTEE_NAMES.iter().enumerate() {
        let committee = Committee {
            id: CommitteeId(id(&mut rng)),
            organisation_id: org.id,
            name: (*name).into(),
            code: (*code).into(),
            minute_ref_pattern: MinuteRefPattern::new(&format!("{code} {{yy}}/{{seq}}"))
                .expect("pattern"),
            quorum: QuorumRule::default(),
            paper_deadline_days: 7,
            agenda_verbs: false,
            standing_items: Vec::new(),
            pack_issue_days: 5,
            minutes_due_days: 10,
            numbering: Vec::new(),
            retired_on: None,
        };
        let mut number = 0;
        for year in 0..YEARS {
            for m in 0..MEETINGS_A_YEAR {
                number += 1;
                // Monthly but August; the committee's own day of the month.
                let month = if m >= 7 { m + 2 } else { m + 1 };
                let date = NaiveDate::from_ymd_opt(2016 + year as i32, month as u32, 1 + k as u32)
                    .expect("date");
                let meeting = Meeting {
                    id: MeetingId(id(&mut rng)),
                    committee_id: committee.id,
                    number,
                    date,
                    start_time: None,
                    end_time: None,
                    venue: format!("Meeting room {}, Northbridge House", 1 + k % 4),
                    chair_id: None,
                    session: Session::Public,
                    status: MeetingStatus::MinutesApproved,
                };
                for position in 0..ITEMS {
                    let topic = TOPICS[rng.skewed(TOPICS.len())];
                    let title = match rng.below(4) {
                        0 => format!("{} report", capitalised(topic)),
                        1 => format!("{} update", capitalised(topic)),
                        2 => format!("Quarterly review of {topic}"),
                        _ => format!("{} assurance report", capitalised(topic)),
                    };
                    let private = rng.below(10) == 0;
                    let lead = rng.pick(&NAMES);
                    let item = AgendaItem {
                        id: AgendaItemId(id(&mut rng)),
                        meeting_id: meeting.id,
                        parent_id: None,
                        position: position as u32,
                        title: title.clone(),
                        purpose: [
                            Purpose::Decision,
                            Purpose::Discussion,
                            Purpose::Assurance,
                            Purpose::Noting,
                        ][rng.below(4)],
                        lead: Lead::Invitee {
                            name: lead.into(),
                            role: String::new(),
                        },
                        duration_minutes: 15,
                        session: if private {
                            Session::Private
                        } else {
                            Session::Public
                        },
                        private_reason: if private {
                            "Commercial in confidence".into()
                        } else {
                            String::new()
                        },
                        confidential: false,
                        for_bulletin: false,
                        paper_expected: true,
                        standing: None,
                    };
                    // The paper: a few KB of prose naming one supplier.
                    let supplier = rng.supplier();
                    *suppliers.entry(supplier.clone()).or_default() += 1;
                    let mut body = format!(
                        "NORTHBRIDGE TEACHING HOSPITALS NHS FOUNDATION TRUST. REPORT TO: {}. DATE: {}. REPORT BY: {lead}. SUBJECT: {title}. ",
                        name.to_uppercase(),
                        date.format("%-d %B %Y")
                    );
                    for _ in 0..(18 + rng.below(10)) {
                        body.push_str(&rng.sentence(name, topic, date));
                        body.push(' ');
                    }
                    body.push_str(&format!(
                        "The {topic} work is supported by {supplier} under contract reference {}.",
                        10_000 + rng.below(90_000)
                    ));
                    text_bytes += body.len();
                    let bytes = pdf(&wrap(&body));
                    let sha = hex::encode(Sha256::digest(&bytes));
                    let path = format!("files/{sha}.pdf");
                    a.files.push(ArchiveFile {
                        path: path.clone(),
                        sha256: Some(sha.clone()),
                        size: Some(bytes.len() as u64),
                        media_type: "application/pdf".into(),
                    });
                    let attachment = Attachment {
                        sha256: sha,
                        file_name: format!("{}.pdf", title.to_lowercase().replace(' ', "-")),
                        title: String::new(),
                        pages: 1,
                        size: bytes.len() as u64,
                    };
                    files.push((path, bytes));
                    let sentence = |rng: &mut Rng| rng.sentence(name, topic, date);
                    a.papers.push(Paper {
                        id: PaperId(id(&mut rng)),
                        item_id: item.id,
                        position: 0,
                        letter_override: None,
                        title: format!("{title} – {}", date.format("%B %Y")),
                        authors: lead.into(),
                        sponsor: format!("{}, Executive Director", rng.pick(&NAMES)),
                        document: Some(attachment),
                        appendices: Vec::new(),
                        history: Vec::new(),
                        cover: CoverSheet {
                            context: format!("{} {}", sentence(&mut rng), sentence(&mut rng)),
                            questions: vec![format!("Is the {name} assured on {topic}?")],
                            conclusion: sentence(&mut rng),
                            input_sought: "The committee is asked to note the report.".into(),
                            equality_impact: "No adverse impact identified.".into(),
                            ..CoverSheet::default()
                        },
                        received_on: Some(date),
                    });
                    a.minutes.push(Minute {
                        item_id: item.id,
                        discussion: format!(
                            "{} {} {}",
                            sentence(&mut rng),
                            sentence(&mut rng),
                            sentence(&mut rng)
                        ),
                        outcome: Some(Outcome::Noted),
                        amendments: String::new(),
                        resolutions: vec![format!("note the {topic} report")],
                        actions: if position % 2 == 0 {
                            vec![Action {
                                id: ActionId(id(&mut rng)),
                                text: format!(
                                    "Bring an update on {topic} on {} ward to the next meeting",
                                    rng.pick(&WARDS)
                                ),
                                lead: lead.into(),
                                due: None,
                                status: Default::default(),
                            }]
                        } else {
                            Vec::new()
                        },
                    });
                    a.agenda_items.push(item);
                }
                a.meetings.push(meeting);
            }
        }
        a.committees.push(committee);
    }
    let rare = suppliers
        .iter()
        .filter(|(_, n)| **n == 1)
        .nth(1000)
        .map(|(s, _)| s.trim_end_matches(" Ltd").to_owned())
        .expect("a supplier named once");
    Built {
        archive: a,
        files,
        rare,
        text_bytes,
    }
}

fn main() {
    // SEARCH_BENCH_DB=FILE keeps the archive's database there and, when it exists already,
    // times the queries on it without building it again (for working on the queries).
    let dir = tempfile::tempdir().expect("tempdir");
    let db = std::env::var_os("SEARCH_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("search.sqlite"));
    let reuse = db.exists();
    let t = Instant::now();
    let built = build();
    let folder = dir.path().join("archive");
    if !reuse {
        std::fs::create_dir_all(folder.join("files")).expect("folder");
        for (path, bytes) in &built.files {
            std::fs::write(folder.join(path), bytes).expect("file");
        }
        std::fs::write(
            folder.join("archive.json"),
            serde_json::to_vec(&built.archive).expect("json"),
        )
        .expect("archive.json");
    }
    let generated = t.elapsed();
    let app = Boardpack::open(&db).expect("open");
    let t = Instant::now();
    if !reuse {
        app.import_archive(&folder).expect("import");
    }
    let imported = t.elapsed();
    let db_mb = std::fs::metadata(&db).map_or(0, |m| m.len()) as f64 / 1e6
        + std::fs::metadata(db.with_extension("sqlite-wal")).map_or(0, |m| m.len()) as f64 / 1e6;

    let queries: Vec<(&str, String)> = vec![
        ("common word", "patients".into()),
        ("very common word (every paper)", "trust".into()),
        ("rare word (one paper)", built.rare.to_lowercase()),
        ("prefix", "finan".into()),
        ("short prefix", "mat".into()),
        ("two words", "sepsis screening".into()),
        ("quoted phrase", "\"cost improvement programme\"".into()),
        ("committee and month", "audit committee march 2021".into()),
        ("name with apostrophe", "O'Neill".into()),
    ];
    let mut rows = Vec::new();
    let mut all = Vec::new();
    for (what, q) in &queries {
        let hits = app.search(q, LIMIT).expect("search");
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t = Instant::now();
            let n = app.search(q, LIMIT).expect("search").len();
            times.push(t.elapsed());
            assert_eq!(n, hits.len());
        }
        all.extend(times.iter().copied());
        times.sort();
        rows.push((what, q, hits.len(), times[RUNS / 2], times[RUNS - 1]));
    }
    all.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let a = &built.archive;
    println!(
        "Search benchmark: {} committees, {} meetings, {} agenda items, {} papers with a PDF each ({:.1} MB of text), {} minutes; database with its write-ahead log {:.0} MB",
        a.committees.len(),
        a.meetings.len(),
        a.agenda_items.len(),
        a.papers.len(),
        built.text_bytes as f64 / 1e6,
        a.minutes.len(),
        db_mb
    );
    if reuse {
        println!("Database reused from SEARCH_BENCH_DB (built by an earlier run)");
    } else {
        println!(
            "Built in {:.0} s: archive and its {} PDFs generated in {:.0} s, imported (records indexed as written, then the PDFs' text read) in {:.0} s",
            (generated + imported).as_secs_f64(),
            built.files.len(),
            generated.as_secs_f64(),
            imported.as_secs_f64()
        );
    }
    println!("| query | hits | median of {RUNS} | worst |");
    println!("|---|---|---|---|");
    for (what, q, n, median, worst) in &rows {
        println!(
            "| {what}: `{q}` | {n} | {:.1} ms | {:.1} ms |",
            ms(*median),
            ms(*worst)
        );
    }
    println!(
        "| all queries (target < 50 ms) | | {:.1} ms | {:.1} ms |",
        ms(all[all.len() / 2]),
        ms(all[all.len() - 1])
    );
}
