//! The `boardpack` command: Boardpack's headless surface for scripts and tests. It parses
//! arguments, calls one use case of the `boardpack` library and prints the result: ids alone
//! on stdout, lists as tab-separated lines, errors as one sentence on stderr with a non-zero
//! exit. It holds no business rule of its own.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgGroup, Args, Parser, Subcommand};

/// Prints one line on stdout, like `println!`, but a closed pipe (`boardpack meetings |
/// head -1`) ends the command quietly, as any Unix tool does, instead of as a fault.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::print_line(format_args!($($arg)*))
    };
}

/// Prints one line on stderr, like `eprintln!`, with control characters made visible
/// ([`terminal_safe`]).
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::say_line(format_args!($($arg)*))
    };
}

mod between;
mod issue;
mod setup;
mod timetable;

/// Text as it may reach a terminal: control characters other than tab and line feed (an
/// escape sequence that would recolour, move the cursor or retitle the window; a carriage
/// return that would overwrite the line) are shown as `\u{1b}` instead of acting. Records
/// cannot hold them, but an older database or a mistyped argument echoed in an error can.
fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\t' && c != '\n')
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && c != '\t' && c != '\n' {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn say_line(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let text = line.to_string();
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{}", terminal_safe(&text));
}

fn print_line(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let text = line.to_string();
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(terminal_safe(&text).as_bytes())
        .and_then(|()| stdout.write_all(b"\n"))
    {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        say!("Error: cannot write the output ({e}).");
        std::process::exit(1);
    }
}

use boardpack::agenda::{ItemChanges, NewItem};
use boardpack::papers::NewPaper;
use boardpack::{ArchiveScope, Boardpack, NewCommittee, NewMember};
use boardpack_core::agenda::{Lead, Move, Purpose};
use boardpack_core::meeting::NewMeeting;
use boardpack_core::readiness::Severity;
use boardpack_core::{AgendaItemId, MeetingId, MemberKind, Session};

#[derive(Debug, Parser)]
#[command(
    name = "boardpack",
    version,
    about = "Board and committee papers, packs and minutes for public bodies."
)]
struct Cli {
    /// The database file (default: BOARDPACK_DB, else boardpack.sqlite in the OS app-data folder).
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load a demo NHS trust with a Trust Board meeting; prints the meeting id.
    Demo,
    /// Add committees, carry on their minute numbering, retire them.
    #[command(subcommand)]
    Committee(CommitteeCmd),
    /// List committees: id, code, name, organisation, members.
    Committees,
    /// Add members to a committee, record their telephone numbers, end memberships, set
    /// the committee's order.
    #[command(subcommand)]
    Member(MemberCmd),
    /// Set an organisation's standard bulletin wording, logo or document language.
    #[command(subcommand)]
    Organisation(OrganisationCmd),
    /// List a committee's members: id, initials, name, kind, role.
    Members {
        #[arg(long, value_name = "CODE")]
        committee: String,
    },
    /// Add meetings.
    #[command(subcommand)]
    Meeting(MeetingCmd),
    /// List meetings: id, committee code, date, title.
    Meetings,
    /// Move everything, or one meeting, in and out of the archive format.
    #[command(subcommand)]
    Archive(ArchiveCmd),
    /// Add agenda items.
    #[command(subcommand)]
    Item(ItemCmd),
    /// Show a meeting's agenda: number, start, item id, title, purpose, lead, papers.
    Agenda {
        #[arg(long, value_name = "ID")]
        meeting: String,
    },
    /// Add papers and attach their documents.
    #[command(subcommand)]
    Paper(PaperCmd),
    /// A meeting's timetable: when papers are due, the pack is issued, the meeting is held
    /// and draft minutes go to the chair, each with its weekday and where it stands
    /// (tab-separated). Working days skip weekends and bank holidays; clear days leave out
    /// both the day of issue and the day of the meeting.
    Timetable {
        #[arg(long, value_name = "ID")]
        meeting: String,
    },
    /// The readiness report of a meeting (BLOCKING and warning lines), then its accessibility
    /// report (a line per export: accessibility, the export, PDF/UA-1 or not, why); exits 0
    /// when nothing blocks the pack, 1 otherwise.
    Check {
        #[arg(long, value_name = "ID")]
        meeting: String,
    },
    /// Write documents: the board pack, the minutes, the register, the public bulletin.
    #[command(subcommand)]
    Export(ExportCmd),
    /// Issue the pack (recorded as version 1, 2, …), list the versions, write a supplement.
    #[command(subcommand)]
    Pack(issue::PackCmd),
    /// The action log: list actions and record updates.
    #[command(subcommand)]
    Action(between::ActionCmd),
    /// Approve minutes at the next meeting; list their kept versions.
    #[command(subcommand, name = "minutes")]
    MinutesOf(between::MinutesCmd),
    /// A committee's forward plan: due, topic, session, meeting it falls to.
    Plan {
        #[arg(long, value_name = "CODE")]
        committee: String,
    },
    /// The items a meeting's agenda should have: standing items, the forward plan's papers, the action log.
    Propose {
        #[arg(long, value_name = "ID")]
        meeting: String,
        /// Add them all to the agenda.
        #[arg(long)]
        accept: bool,
    },
    /// Search meetings, items, papers and cover sheets, attached documents, minutes and
    /// actions; best first, one a line: kind, meeting, item number, paper letter, title,
    /// the words around the match ([marked]).
    Search {
        /// Words to find; each finds the words that begin with it ("finan" finds finance).
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        /// The most results to show.
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
    },
    /// Read the text of attached papers that search does not know yet (after an upgrade).
    Reindex,
    /// The register of interests: add and end entries, record nil returns, list it.
    #[command(subcommand)]
    Interest(setup::InterestCmd),
    /// Import members or interests from a CSV file (--dry-run shows what would happen).
    #[command(subcommand)]
    Import(setup::ImportCmd),
}

#[derive(Debug, Subcommand)]
enum ExportCmd {
    /// The bundled PDF board pack: cover, linked agenda, cover sheets, papers, bookmarks, page numbers.
    Pack {
        #[arg(long, value_name = "ID")]
        meeting: String,
        /// The public pack: private items and their papers left out.
        #[arg(long)]
        public: bool,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// The minutes (draft, or approved once they are): attendance, each item by its minute
    /// reference, resolutions, actions; warns of what the minutes' readiness list finds.
    Minutes {
        #[arg(long, value_name = "ID")]
        meeting: String,
        /// The public minutes: private items left out.
        #[arg(long)]
        public: bool,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// A committee's action log as a PDF or a CSV file (by the extension of --out).
    Actions {
        #[arg(long, value_name = "CODE")]
        committee: String,
        #[arg(long, value_name = "FILE.pdf|FILE.csv")]
        out: PathBuf,
        /// Complete and closed actions too.
        #[arg(long)]
        all: bool,
        /// The public log: actions from private items left out.
        #[arg(long)]
        public: bool,
        /// The log as it stood on this date (YYYY-MM-DD): meetings after it, their actions
        /// and updates after it left out. Default: today, with everything recorded.
        #[arg(long, value_name = "DATE")]
        as_at: Option<String>,
    },
    /// A committee's year in figures over a period, as annual reports publish them: each
    /// member's attendance (with deputies), the time planned by purpose and by strategic
    /// objective, actions opened, closed and overdue, declarations of interest. A PDF with
    /// charts and the tables behind them, or a CSV file (by the extension of --out).
    Year {
        #[arg(long, value_name = "CODE")]
        committee: String,
        /// The first day of the period (YYYY-MM-DD); a meeting on it counts.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// The last day of the period (YYYY-MM-DD); a meeting on it counts.
        #[arg(long, value_name = "DATE")]
        to: String,
        #[arg(long, value_name = "FILE.pdf|FILE.csv")]
        out: PathBuf,
    },
    /// The public bulletin: the reports for noting with their lead contact points, the
    /// standard wording, then those papers. Private items are never in it.
    Bulletin {
        #[arg(long, value_name = "ID")]
        meeting: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// A committee's calendar as an iCalendar file (RFC 5545) for Outlook or Google
    /// Calendar: each meeting and its deadlines (papers due, pack issued, draft minutes),
    /// each event with a stable UID, so importing a later export updates the events.
    Calendar {
        #[arg(long, value_name = "CODE")]
        committee: String,
        #[arg(long, value_name = "FILE.ics")]
        out: PathBuf,
    },
    /// A committee's register of interests, ready to publish: its members by surname, their
    /// interests with the date declared and the action taken, and nil returns.
    Register {
        #[arg(long, value_name = "CODE")]
        committee: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// The register as it stood on this date (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE")]
        as_at: Option<String>,
    },
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
struct ProgressBar {
    on: bool,
    last: String,
}

impl ProgressBar {
    fn new() -> ProgressBar {
        ProgressBar {
            on: std::io::stderr().is_terminal(),
            last: String::new(),
        }
    }

    fn show(&mut self, p: &boardpack::pack::PackProgress) {
        if !self.on {
            return;
        }
        let width = 30usize;
        let filled = if p.total == 0 {
            0
        } else {
            (p.done as usize * width / p.total as usize).min(width)
        };
        let line = format!(
            "\r[{}{}] {:<14} {}/{}",
            "#".repeat(filled),
            " ".repeat(width - filled),
            p.stage,
            p.done,
            p.total
        );
        if line != self.last {
            eprint!("{line}");
            self.last = line;
        }
    }

    fn finish(&self) {
        if self.on && !self.last.is_empty() {
            eprint!("\r{}\r", " ".repeat(self.last.len()));
        }
    }
}

#[derive(Debug, Subcommand)]
enum ItemCmd {
    /// Add an item to a meeting's agenda (before any other business); prints its id.
    Add {
        #[arg(long, value_name = "ID")]
        meeting: String,
        #[arg(long)]
        title: String,
        /// decision, discussion, assurance or noting.
        #[arg(long, default_value = "discussion")]
        purpose: String,
        /// A member's name or initials, or an invitee's name.
        #[arg(long, default_value = "")]
        lead: String,
        /// Duration in minutes.
        #[arg(long, default_value_t = 15)]
        minutes: u32,
        /// Taken in private (give --reason).
        #[arg(long)]
        private: bool,
        /// Why the item is taken in private.
        #[arg(long, default_value = "")]
        reason: String,
        /// Add as a sub-item of this item.
        #[arg(long, value_name = "ITEM-ID")]
        under: Option<String>,
        /// The item needs no paper.
        #[arg(long)]
        no_paper: bool,
        /// List the item's papers in the public bulletin, for noting (public items only).
        #[arg(long)]
        bulletin: bool,
    },
    /// Change an item: only what is given changes; prints its id.
    #[command(group(ArgGroup::new("change").required(true).multiple(true)))]
    Edit {
        #[arg(value_name = "ITEM-ID")]
        id: String,
        #[arg(long, group = "change")]
        title: Option<String>,
        /// decision, discussion, assurance or noting.
        #[arg(long, group = "change")]
        purpose: Option<String>,
        /// A member's name or initials, or an invitee's name ("" for none).
        #[arg(long, group = "change")]
        lead: Option<String>,
        /// Duration in minutes.
        #[arg(long, group = "change")]
        minutes: Option<u32>,
        /// Take it in private (give --reason).
        #[arg(long, group = "change", conflicts_with = "public")]
        private: bool,
        /// Why the item is taken in private.
        #[arg(long, group = "change")]
        reason: Option<String>,
        /// Take it in public (clears the reason for privacy).
        #[arg(long, group = "change", conflicts_with = "reason")]
        public: bool,
        /// The item needs no paper.
        #[arg(long, group = "change", conflicts_with = "paper_expected")]
        no_paper: bool,
        /// The item needs a paper.
        #[arg(long, group = "change")]
        paper_expected: bool,
        /// List the item's papers in the public bulletin, for noting.
        #[arg(long, group = "change", conflicts_with = "no_bulletin")]
        bulletin: bool,
        /// Leave the item's papers out of the public bulletin.
        #[arg(long, group = "change")]
        no_bulletin: bool,
    },
    /// Move an item next to another, at that item's level (a sub-item beside a sub-item);
    /// its sub-items and papers go with it. Prints its id.
    #[command(group(ArgGroup::new("place").required(true)))]
    Move {
        #[arg(value_name = "ITEM-ID")]
        id: String,
        /// Just before this item.
        #[arg(long, value_name = "ITEM-ID", group = "place")]
        before: Option<String>,
        /// Just after this item.
        #[arg(long, value_name = "ITEM-ID", group = "place")]
        after: Option<String>,
    },
    /// Delete an item. Refused when papers, sub-items or minutes would be lost, unless
    /// --with-papers confirms they go too.
    Remove {
        #[arg(value_name = "ITEM-ID")]
        id: String,
        /// Delete its papers, sub-items and minutes with it.
        #[arg(long)]
        with_papers: bool,
    },
}

#[derive(Debug, Subcommand)]
enum PaperCmd {
    /// Add a paper to an item, with its PDF; prints the paper's id.
    Add {
        #[arg(long, value_name = "ITEM-ID")]
        item: String,
        #[arg(long, value_name = "FILE.pdf")]
        file: Option<PathBuf>,
        #[arg(long, default_value = "")]
        title: String,
        #[arg(long, default_value = "")]
        author: String,
        #[arg(long, default_value = "")]
        sponsor: String,
        /// A letter of your choosing (default: assigned in agenda order).
        #[arg(long, default_value = "")]
        letter: String,
    },
    /// Attach (or replace) a paper's document; the old one is kept in its history.
    Attach {
        #[arg(long, value_name = "PAPER-ID")]
        paper: String,
        #[arg(long, value_name = "FILE.pdf")]
        file: PathBuf,
    },
    /// Add an appendix to a paper.
    Appendix {
        #[arg(long, value_name = "PAPER-ID")]
        paper: String,
        #[arg(long, value_name = "FILE.pdf")]
        file: PathBuf,
        #[arg(long, default_value = "")]
        title: String,
    },
    /// Print a paper's cover sheet as JSON, in the archive's shape; with --from, replace it
    /// (checked against the archive's schema and the organisation's objectives and risks)
    /// and print the paper's id.
    Cover {
        #[arg(long, value_name = "PAPER-ID")]
        paper: String,
        /// The new cover sheet, as the command prints it ("-" reads standard input).
        #[arg(long, value_name = "FILE.json")]
        from: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum CommitteeCmd {
    /// Add a committee; prints its id.
    Add {
        #[arg(long)]
        name: String,
        /// Short code such as SLT or TB.
        #[arg(long)]
        code: String,
        /// The organisation's name (needed when the database has none, or several).
        #[arg(long, default_value = "")]
        organisation: String,
        /// Minute-reference pattern, such as "SLT {yy}/{seq}" (the default) or "CCBP/{yy}/{seq:02}".
        #[arg(long, default_value = "")]
        minute_ref: String,
    },
    /// Carry on the minute numbering from before Boardpack: N is the number of the year's
    /// first minute recorded here (QC 24/112); prints the committee's id.
    Numbering {
        #[arg(long, value_name = "CODE")]
        committee: String,
        #[arg(long, value_name = "YYYY")]
        year: String,
        /// The next minute number; leave out with --clear.
        #[arg(long, value_name = "N", required_unless_present = "clear")]
        next: Option<u32>,
        /// Number that year from 1 again.
        #[arg(long, conflicts_with = "next")]
        clear: bool,
    },
    /// Set the committee's timetable: papers due N working days before a meeting, the pack
    /// issued N clear days before (working days between the day of issue and the meeting,
    /// neither counted), draft minutes to the chair within N working days after; what is
    /// left out stays as it is. Prints the committee's id.
    Timetable {
        #[arg(long, value_name = "CODE")]
        committee: String,
        /// Working days before the meeting (default 10).
        #[arg(long, value_name = "N")]
        papers_due: Option<u32>,
        /// Clear days before the meeting (default 5); fewer than the papers' working days.
        #[arg(long, value_name = "N")]
        pack_issue: Option<u32>,
        /// Working days after the meeting (default 10).
        #[arg(long, value_name = "N")]
        minutes_due: Option<u32>,
    },
    /// Retire a committee (it keeps its meetings but takes no new ones), or reinstate it.
    Retire {
        #[arg(long, value_name = "CODE")]
        committee: String,
        /// YYYY-MM-DD (default today).
        #[arg(long, value_name = "DATE", default_value = "")]
        on: String,
        #[arg(long)]
        reinstate: bool,
    },
}

#[derive(Debug, Subcommand)]
enum MemberCmd {
    /// Add a member to a committee; prints the membership id.
    Add {
        #[arg(long, value_name = "CODE")]
        committee: String,
        #[arg(long)]
        name: String,
        /// As the minutes use them, such as JA or TO'N (default: made from the name).
        #[arg(long, default_value = "")]
        initials: String,
        /// The role as minutes print it, such as "Chief Executive".
        #[arg(long, default_value = "")]
        role: String,
        /// chair, vice_chair, executive_director, non_executive_director, associate, voting_member, in_attendance or secretary.
        #[arg(long)]
        kind: String,
        /// The body they come from, when not the committee's own.
        #[arg(long, default_value = "")]
        organisation: String,
        /// Their telephone number, which the public bulletin gives when they lead an item.
        #[arg(long, default_value = "")]
        phone: String,
    },
    /// Record a member's telephone number (empty: none); prints the person's id.
    Phone {
        #[arg(long, value_name = "CODE")]
        committee: String,
        /// The member's name or initials.
        #[arg(long)]
        member: String,
        /// Such as "0116 258 8940"; "" removes it.
        #[arg(long)]
        phone: String,
    },
    /// End a membership on a date (the last day); prints the membership id.
    End {
        #[arg(long, value_name = "CODE")]
        committee: String,
        /// The member's initials or name.
        #[arg(long)]
        member: String,
        /// YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        to: String,
    },
    /// Set the committee's own order (the minutes list attendees in it): members by
    /// initials, first to last; those not named follow in their present order.
    Order {
        #[arg(long, value_name = "CODE")]
        committee: String,
        #[arg(required = true, value_name = "INITIALS")]
        members: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
enum OrganisationCmd {
    /// Set the standard wording the public bulletin prints after its list of reports, one
    /// paragraph per line. {committee}, {date}, {number}, {organisation} and {short_name}
    /// take the meeting's values. Prints the organisation's id.
    Wording {
        /// The organisation's name or short name (default: the database's only one).
        #[arg(long, default_value = "")]
        organisation: String,
        /// The wording itself.
        #[arg(long, conflicts_with_all = ["file", "default"], required_unless_present_any = ["file", "default"])]
        text: Option<String>,
        /// Read the wording from this UTF-8 text file.
        #[arg(long, value_name = "FILE", conflicts_with = "default")]
        file: Option<PathBuf>,
        /// Go back to Boardpack's default wording.
        #[arg(long)]
        default: bool,
    },
    /// Set whose bank holidays the timetable skips: england-wales (the default), scotland
    /// or northern-ireland; prints the organisation's id.
    Holidays {
        /// The organisation's name or short name (default: the database's only one).
        #[arg(long, default_value = "")]
        organisation: String,
        #[arg(long, value_name = "england-wales|scotland|northern-ireland")]
        region: String,
    },
    /// Set the organisation's own wording for the marking on every page of a confidential
    /// (Part 2) cover sheet and paper in the full pack, one line of at most 80 characters;
    /// prints the organisation's id.
    Marking {
        /// The organisation's name or short name (default: the database's only one).
        #[arg(long, default_value = "")]
        organisation: String,
        /// The marking ("RESTRICTED – not for publication").
        #[arg(long, conflicts_with = "default", required_unless_present = "default")]
        text: Option<String>,
        /// Go back to Boardpack's "CONFIDENTIAL – Part 2".
        #[arg(long)]
        default: bool,
    },
    /// Set the organisation's logo from a PNG or JPEG (checked, scaled, stored as PNG), or
    /// remove it; prints the organisation's id.
    Logo {
        #[arg(long, default_value = "")]
        organisation: String,
        #[arg(long, value_name = "FILE", required_unless_present = "remove")]
        file: Option<PathBuf>,
        #[arg(long, conflicts_with = "file")]
        remove: bool,
    },
    /// Set the language of the organisation's documents (a tag such as en-GB or cy-GB).
    Language {
        #[arg(long, default_value = "")]
        organisation: String,
        #[arg(long, value_name = "TAG")]
        tag: String,
    },
}

#[derive(Debug, Args)]
struct MeetingAdd {
    #[arg(long, value_name = "CODE")]
    committee: String,
    /// YYYY-MM-DD.
    #[arg(long)]
    date: String,
    /// HH:MM.
    #[arg(long, default_value = "")]
    start: String,
    /// HH:MM.
    #[arg(long, default_value = "")]
    end: String,
    #[arg(long, default_value = "")]
    venue: String,
    /// The meeting number (default: the committee's next).
    #[arg(long)]
    number: Option<u32>,
    /// public or private.
    #[arg(long, default_value = "public")]
    session: String,
}

#[derive(Debug, Subcommand)]
enum MeetingCmd {
    /// Add a meeting; prints its id.
    Add(MeetingAdd),
}

#[derive(Debug, Subcommand)]
enum ArchiveCmd {
    /// Write an archive: a folder, or a .zip when PATH ends in .zip.
    Export {
        /// Export only this meeting (with its committee and members).
        #[arg(long, value_name = "ID")]
        meeting: Option<String>,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Import an archive: a folder, a .zip or a bare archive.json (all or nothing).
    /// Records this database holds with other contents are listed and left alone unless
    /// --replace is given.
    Import {
        path: PathBuf,
        /// Put the archive's version of records that differ here (restoring an older
        /// backup undoes what changed since; records added since stay).
        #[arg(long)]
        replace: bool,
    },
}

/// Finds the lead named on the command line: a member of the meeting's committee by name
/// or initials, else an invitee of that name.
fn lead_for(app: &Boardpack, meeting: MeetingId, text: &str) -> boardpack::Result<Lead> {
    app.lead_named(meeting, text)
}

/// Reads a file named on the command line ("-": standard input).
fn read_input(path: &Path) -> boardpack::Result<Vec<u8>> {
    let io = |source| boardpack::Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(io)?;
        Ok(bytes)
    } else {
        std::fs::read(path).map_err(io)
    }
}

impl Command {
    /// Whether the command brings data into being and so may create the database: the
    /// demo, a first committee, an archive. Every other command needs one that exists, so a
    /// mistyped `--db` is refused instead of becoming a new, empty database.
    fn may_create_database(&self) -> bool {
        matches!(
            self,
            Command::Demo
                | Command::Committee(CommitteeCmd::Add { .. })
                | Command::Archive(ArchiveCmd::Import { .. })
        )
    }
}

fn run(cli: Cli) -> boardpack::Result<ExitCode> {
    let path = boardpack::paths::database_path(cli.db.as_deref())?;
    let app = if cli.command.may_create_database() {
        Boardpack::open(&path)?
    } else {
        Boardpack::open_existing(&path)?
    };
    match cli.command {
        Command::Demo => out!("{}", app.load_demo()?),
        Command::Committee(CommitteeCmd::Add {
            name,
            code,
            organisation,
            minute_ref,
        }) => {
            let committee = app.add_committee(&NewCommittee {
                organisation,
                name,
                code,
                minute_ref_pattern: minute_ref,
                quorum: None,
            })?;
            out!("{}", committee.id);
        }
        Command::Committee(CommitteeCmd::Numbering {
            committee,
            year,
            next,
            clear: _,
        }) => setup::numbering(&app, &committee, &year, next)?,
        Command::Committee(CommitteeCmd::Retire {
            committee,
            on,
            reinstate,
        }) => setup::retire(&app, &committee, &on, reinstate)?,
        Command::Committee(CommitteeCmd::Timetable {
            committee,
            papers_due,
            pack_issue,
            minutes_due,
        }) => timetable::rules(&app, &committee, papers_due, pack_issue, minutes_due)?,
        Command::Organisation(OrganisationCmd::Holidays {
            organisation,
            region,
        }) => timetable::holidays(&app, &organisation, &region)?,
        Command::Timetable { meeting } => timetable::show(&app, &meeting)?,
        Command::Export(ExportCmd::Calendar { committee, out }) => {
            timetable::calendar(&app, &committee, &out)?
        }
        Command::Member(MemberCmd::End {
            committee,
            member,
            to,
        }) => setup::end_member(&app, &committee, &member, &to)?,
        Command::Member(MemberCmd::Order { committee, members }) => {
            setup::order_members(&app, &committee, &members)?
        }
        Command::Organisation(OrganisationCmd::Logo {
            organisation,
            file,
            remove: _,
        }) => setup::logo(&app, &organisation, file)?,
        Command::Organisation(OrganisationCmd::Language { organisation, tag }) => {
            setup::language(&app, &organisation, &tag)?
        }
        Command::Interest(cmd) => setup::interest(&app, cmd)?,
        Command::Import(cmd) => return setup::import(&app, cmd),
        Command::Committees => {
            for s in app.committees()? {
                out!(
                    "{}\t{}\t{}\t{}\t{}",
                    s.committee.id,
                    s.committee.code,
                    s.committee.name,
                    s.organisation_name,
                    s.member_count
                );
            }
        }
        Command::Member(MemberCmd::Add {
            committee,
            name,
            initials,
            role,
            kind,
            organisation,
            phone,
        }) => {
            let kind: MemberKind = kind.parse()?;
            let member = app.add_member(&NewMember {
                committee_code: committee,
                name,
                initials,
                role,
                kind,
                organisation,
                phone,
            })?;
            out!("{}", member.membership.id);
        }
        Command::Member(MemberCmd::Phone {
            committee,
            member,
            phone,
        }) => {
            let committee = app.committee_by_code(&committee)?;
            let wanted = member.trim();
            let found = app
                .members(committee.id)?
                .into_iter()
                .find(|m| m.person.name.eq_ignore_ascii_case(wanted) || m.person.initials == wanted)
                .ok_or_else(|| {
                    boardpack::Error::Conflict(format!(
                        "{} has no member named “{wanted}”: give a member's name or initials as `boardpack members --committee {}` lists them.",
                        committee.name, committee.code
                    ))
                })?;
            let person = app.set_phone(found.person.id, &phone)?;
            out!("{}", person.id);
        }
        Command::Organisation(OrganisationCmd::Marking {
            organisation,
            text,
            default,
        }) => {
            let org = app.organisation_by_name(&organisation)?;
            let marking = if default {
                String::new()
            } else {
                text.unwrap_or_default()
            };
            let org = app.set_confidential_marking(org.id, &marking)?;
            out!("{}", org.id);
        }
        Command::Organisation(OrganisationCmd::Wording {
            organisation,
            text,
            file,
            default,
        }) => {
            let org = app.organisation_by_name(&organisation)?;
            let wording = match (text, file) {
                _ if default => String::new(),
                (Some(text), _) => text,
                (None, Some(file)) => {
                    std::fs::read_to_string(&file).map_err(|source| boardpack::Error::Io {
                        action: "read",
                        path: file.clone(),
                        source,
                    })?
                }
                (None, None) => String::new(),
            };
            let org = app.set_bulletin_wording(org.id, &wording)?;
            out!("{}", org.id);
        }
        Command::Members { committee } => {
            let committee = app.committee_by_code(&committee)?;
            for m in app.members(committee.id)? {
                out!(
                    "{}\t{}\t{}\t{}\t{}",
                    m.membership.id,
                    m.person.initials,
                    m.person.name,
                    m.membership.kind,
                    m.membership.role
                );
            }
        }
        Command::Meeting(MeetingCmd::Add(a)) => {
            let committee = app.committee_by_code(&a.committee)?;
            let session: Session = a.session.parse()?;
            let meeting = app.add_meeting(&NewMeeting {
                committee_id: committee.id,
                number: a.number,
                date: a.date,
                start_time: a.start,
                end_time: a.end,
                venue: a.venue,
                chair_id: None,
                session,
            })?;
            out!("{}", meeting.id);
        }
        Command::Meetings => {
            for s in app.meetings()? {
                out!(
                    "{}\t{}\t{}\t{}",
                    s.meeting.id,
                    s.committee_code,
                    s.meeting.date,
                    s.title
                );
            }
        }
        Command::Archive(ArchiveCmd::Export { meeting, out }) => {
            let scope = match meeting {
                Some(id) => ArchiveScope::Meeting {
                    meeting_id: id.parse::<MeetingId>()?,
                },
                None => ArchiveScope::Everything,
            };
            app.export_archive(&scope, &out)?;
            out!("{}", out.display());
        }
        Command::Archive(ArchiveCmd::Import { path, replace }) => {
            let s = app.import_archive_with(
                &path,
                &boardpack::archive::ImportOptions {
                    replace,
                    ..Default::default()
                },
            )?;
            say!(
                "Imported {} organisation(s), {} committee(s), {} people, {} membership(s), {} meeting(s), {} agenda item(s), {} paper(s), {} risk(s) and {} file(s).",
                s.organisations, s.committees, s.people, s.memberships, s.meetings, s.agenda_items, s.papers, s.risks, s.files
            );
            if s.replaced > 0 {
                say!(
                    "Replaced {} record(s) with the archive's version.",
                    s.replaced
                );
            }
        }
        Command::Item(ItemCmd::Add {
            meeting,
            title,
            purpose,
            lead,
            minutes,
            private,
            reason,
            under,
            no_paper,
            bulletin,
        }) => {
            let meeting_id: MeetingId = meeting.parse()?;
            let lead = lead_for(&app, meeting_id, &lead)?;
            let item = app.add_item(&NewItem {
                meeting_id,
                parent_id: under.map(|u| u.parse::<AgendaItemId>()).transpose()?,
                title,
                purpose: purpose.parse::<Purpose>()?,
                lead,
                duration_minutes: minutes,
                session: if private {
                    Session::Private
                } else {
                    Session::Public
                },
                private_reason: reason,
                confidential: false,
                for_bulletin: bulletin,
                paper_expected: !no_paper,
            })?;
            out!("{}", item.id);
        }
        Command::Item(ItemCmd::Edit {
            id,
            title,
            purpose,
            lead,
            minutes,
            private,
            reason,
            public,
            no_paper,
            paper_expected,
            bulletin,
            no_bulletin,
        }) => {
            let flag = |on: bool, off: bool| (on || off).then_some(on);
            let item = app.edit_item(
                id.parse()?,
                &ItemChanges {
                    title,
                    purpose: purpose.map(|p| p.parse::<Purpose>()).transpose()?,
                    lead,
                    duration_minutes: minutes,
                    session: flag(private, public).map(|private| {
                        if private {
                            Session::Private
                        } else {
                            Session::Public
                        }
                    }),
                    private_reason: reason,
                    paper_expected: flag(paper_expected, no_paper),
                    for_bulletin: flag(bulletin, no_bulletin),
                },
            )?;
            out!("{}", item.id);
        }
        Command::Item(ItemCmd::Move { id, before, after }) => {
            let id: AgendaItemId = id.parse()?;
            let mv = match (before, after) {
                (Some(b), _) => Move::Before { item: b.parse()? },
                (None, Some(a)) => Move::After { item: a.parse()? },
                (None, None) => {
                    return Err(boardpack::Error::Conflict(
                        "Say where the item goes: --before ITEM-ID or --after ITEM-ID.".into(),
                    ))
                }
            };
            app.move_item(id, mv)?;
            out!("{id}");
        }
        Command::Item(ItemCmd::Remove { id, with_papers }) => {
            app.delete_item(id.parse()?, with_papers)?;
        }
        Command::Agenda { meeting } => {
            let view = app.agenda(meeting.parse()?)?;
            for row in view.rows {
                let start = row
                    .slot
                    .start
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default();
                let letters: Vec<String> = row
                    .papers
                    .iter()
                    .map(|p| format!("Paper {}", p.letter))
                    .collect();
                out!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    row.slot.number,
                    start,
                    row.item.id,
                    row.item.title,
                    row.purpose_text,
                    row.lead_name,
                    letters.join(", ")
                );
            }
            if let Some(over) = view.overrun_minutes {
                say!("Warning: the agenda runs {over} minutes past the meeting's end time.");
            }
        }
        Command::Paper(PaperCmd::Add {
            item,
            file,
            title,
            author,
            sponsor,
            letter,
        }) => {
            let saved = app.add_paper_reporting(&NewPaper {
                item_id: item.parse()?,
                title,
                authors: author,
                sponsor,
                letter,
                file: file.map(|f| f.display().to_string()),
            })?;
            for note in boardpack::papers::repair_notes(None, &saved.paper) {
                say!("Note: {note}");
            }
            for r in &saved.relettered {
                say!("{}", r.sentence);
            }
            out!("{}", saved.paper.id);
        }
        Command::Paper(PaperCmd::Attach { paper, file }) => {
            let before = app.paper(paper.parse()?)?;
            let paper = app.attach_document(before.id, &file)?;
            for note in boardpack::papers::repair_notes(Some(&before), &paper) {
                say!("Note: {note}");
            }
            out!("{}", paper.id);
        }
        Command::Paper(PaperCmd::Appendix { paper, file, title }) => {
            let before = app.paper(paper.parse()?)?;
            let paper = app.add_appendix(before.id, &file, &title)?;
            for note in boardpack::papers::repair_notes(Some(&before), &paper) {
                say!("Note: {note}");
            }
            out!("{}", paper.id);
        }
        Command::Paper(PaperCmd::Cover { paper, from: None }) => {
            out!("{}", app.cover_sheet_json(paper.parse()?)?);
        }
        Command::Paper(PaperCmd::Cover {
            paper,
            from: Some(file),
        }) => {
            let json = read_input(&file)?;
            let name = if file == Path::new("-") {
                "the cover sheet on standard input".to_owned()
            } else {
                file.display().to_string()
            };
            let paper = app.replace_cover_sheet(paper.parse()?, &json, &name)?;
            out!("{}", paper.id);
        }
        Command::Check { meeting } => {
            let report = app.readiness(meeting.parse()?, boardpack::today())?;
            for p in &report.problems {
                let tag = match p.severity {
                    Severity::Blocking => "BLOCKING",
                    Severity::Warning => "warning",
                };
                out!("{tag}\t{}", p.message);
            }
            // The accessibility section: a line per export, whether it comes out as tagged
            // PDF/UA-1 and why not.
            for e in report.accessibility.iter().flat_map(|a| &a.exports) {
                out!(
                    "accessibility\t{}\t{}\t{}",
                    e.label,
                    e.conformance_label,
                    e.message
                );
            }
            if report.blocking {
                say!(
                    "The pack cannot be issued yet: {} problem(s) block it.",
                    report
                        .problems
                        .iter()
                        .filter(|p| p.severity == Severity::Blocking)
                        .count()
                );
                return Ok(ExitCode::FAILURE);
            }
            say!(
                "Ready: nothing blocks the pack{}.",
                if report.problems.is_empty() {
                    ""
                } else {
                    " (see the warnings)"
                }
            );
        }
        Command::Export(ExportCmd::Pack {
            meeting,
            public,
            out,
        }) => {
            let mut bar = ProgressBar::new();
            let result = app.export_pack(
                meeting.parse()?,
                public,
                &out,
                boardpack::today(),
                &mut |p| bar.show(&p),
            );
            bar.finish();
            let report = result?;
            for w in &report.warnings {
                say!("Warning: {w}");
            }
            say!(
                "Wrote the {} pack: {} pages, {} KB.",
                if report.public { "public" } else { "private" },
                report.pages,
                report.bytes.div_ceil(1024)
            );
            out!("{}", out.display());
        }
        Command::Export(ExportCmd::Minutes {
            meeting,
            public,
            out,
        }) => {
            let meeting = meeting.parse()?;
            let pages = app.export_minutes(meeting, public, &out)?;
            let approved = app.meeting(meeting)?.meeting.status
                == boardpack_core::MeetingStatus::MinutesApproved;
            say!(
                "Wrote the {}{}minutes: {pages} page(s).",
                if approved { "approved " } else { "draft " },
                if public { "public " } else { "" }
            );
            for p in app.minutes_readiness(meeting)?.problems {
                say!("Warning: {}", p.message);
            }
            out!("{}", out.display());
        }
        Command::Export(ExportCmd::Bulletin { meeting, out }) => {
            let report = app.export_bulletin(meeting.parse()?, &out)?;
            say!(
                "Wrote the bulletin: {} report(s) for noting, {} pages, {} KB.",
                report.lines.len(),
                report.pages,
                report.bytes.div_ceil(1024)
            );
            out!("{}", out.display());
        }
        Command::Export(ExportCmd::Register {
            committee,
            out,
            as_at,
        }) => {
            let committee = app.committee_by_code(&committee)?;
            let as_at = match as_at {
                Some(t) => boardpack_core::validate::parse_date(&t)?,
                None => boardpack::today(),
            };
            let pages = app.export_register(committee.id, as_at, &out)?;
            say!(
                "Wrote the register of interests of {}: {pages} page(s).",
                committee.name
            );
            out!("{}", out.display());
        }
        Command::Export(ExportCmd::Year {
            committee,
            from,
            to,
            out,
        }) => {
            let committee = app.committee_by_code(&committee)?;
            let from = boardpack_core::validate::parse_date(&from)?;
            let to = boardpack_core::validate::parse_date(&to)?;
            let done = app.export_year(committee.id, from, to, &out)?;
            say!(
                "Wrote the year in figures of {}: {} meeting(s) counted{}{}.",
                committee.name,
                done.meetings,
                if done.not_counted > 0 {
                    format!(", {} left out (attendance not recorded)", done.not_counted)
                } else {
                    String::new()
                },
                if done.pages > 0 {
                    format!(", {} page(s)", done.pages)
                } else {
                    String::new()
                }
            );
            out!("{}", out.display());
        }
        Command::Export(ExportCmd::Actions {
            committee,
            out,
            all,
            public,
            as_at,
        }) => between::export_actions(&app, &committee, all, public, as_at, &out)?,
        Command::Action(cmd) => between::action(&app, cmd)?,
        Command::Pack(cmd) => issue::pack(&app, cmd)?,
        Command::MinutesOf(cmd) => return between::minutes(&app, cmd),
        Command::Plan { committee } => between::plan(&app, &committee)?,
        Command::Propose { meeting, accept } => between::propose(&app, &meeting, accept)?,
        Command::Search { query, limit } => {
            let query = query.join(" ");
            let hits = app.search(&query, limit)?;
            let cell = |s: &str| s.replace(['\t', '\n'], " ");
            for h in &hits {
                let kind = if h.private {
                    format!("{}, private", h.kind.as_str())
                } else {
                    h.kind.as_str().to_owned()
                };
                out!(
                    "{kind}\t{}\t{}\t{}\t{}\t{}",
                    cell(&h.meeting),
                    h.item_number.as_deref().unwrap_or(""),
                    h.paper_letter.as_deref().unwrap_or(""),
                    cell(&h.title),
                    cell(&h.snippet_text("[", "]"))
                );
            }
            if hits.is_empty() {
                say!("Nothing found for “{}”.", query.trim());
            }
        }
        Command::Reindex => {
            let s = app.index_files()?;
            say!(
                "Read the text of {} attached file(s); {} had no text to read{}.",
                s.files,
                s.without_text,
                if s.missing > 0 {
                    format!(" and {} are missing from the blob store", s.missing)
                } else {
                    String::new()
                }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        say!(
            "Error: Boardpack stopped on an internal fault ({info}). Nothing more was saved; please report this."
        );
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            // clap repeats what was typed: shown safely, like every other line.
            say!("{}", e.render().to_string().trim_end());
            std::process::exit(e.exit_code());
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            say!("Error: {e}");
            ExitCode::FAILURE
        }
    }
}
