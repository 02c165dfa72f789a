//! Commands for the work between meetings: the action log, approving minutes, and the
//! forward plan with the agenda it proposes.

use std::process::ExitCode;

use clap::Subcommand;

use boardpack::actions::{AsAt, LogFilter, NewActionUpdate};
use boardpack::approval::MinutesDecision;
use boardpack::Boardpack;
use boardpack_core::actions::ActionStatus;
use boardpack_core::minutes::Outcome;
use boardpack_core::readiness::Severity;
use boardpack_core::validate::parse_date;
use boardpack_core::MeetingId;

#[derive(Debug, Subcommand)]
pub enum ActionCmd {
    /// A committee's action log: id, minute, status, RAG, due, lead, action, latest update.
    List {
        #[arg(long, value_name = "CODE")]
        committee: String,
        /// Complete and closed actions too.
        #[arg(long)]
        all: bool,
        /// The log as it stood on this date (YYYY-MM-DD): later meetings, their actions and
        /// later updates left out, overdue judged by it. Default: today, with everything
        /// recorded.
        #[arg(long, value_name = "DATE")]
        as_at: Option<String>,
    },
    /// Record an update: a new status and a note (closing needs the reason as its note).
    Update {
        #[arg(value_name = "ACTION-ID")]
        id: String,
        /// open, on-track, at-risk, overdue, complete or closed.
        #[arg(long)]
        status: String,
        #[arg(long, default_value = "")]
        note: String,
        /// YYYY-MM-DD (default today).
        #[arg(long)]
        date: Option<String>,
        /// The meeting at which the update was reported.
        #[arg(long, value_name = "ID")]
        meeting: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum MinutesCmd {
    /// Record, at a meeting, its decision on the previous meeting's minutes. Approval keeps
    /// a version of them and makes them read-only.
    Approve {
        /// The meeting that approves (its "minutes of the previous meeting" item records it).
        #[arg(long, value_name = "ID")]
        meeting: String,
        /// Approved subject to these amendments.
        #[arg(long, default_value = "")]
        amendments: String,
        /// The minutes were not approved (they stay open for correction).
        #[arg(long, conflicts_with = "amendments")]
        not_approved: bool,
        /// YYYY-MM-DD (default: the approving meeting's date).
        #[arg(long)]
        date: Option<String>,
    },
    /// The kept versions of a meeting's minutes: version, date, note.
    Versions {
        #[arg(long, value_name = "ID")]
        meeting: String,
    },
    /// Record the time the meeting closed: the minutes end "The meeting closed at HH:MM".
    Close {
        #[arg(long, value_name = "ID")]
        meeting: String,
        /// HH:MM.
        #[arg(long, value_name = "HH:MM", required_unless_present = "clear")]
        at: Option<String>,
        /// Forget the time recorded.
        #[arg(long, conflicts_with = "at")]
        clear: bool,
    },
    /// The minutes' readiness list: what stands between the draft and minutes that can be
    /// issued; exits 0 when nothing blocks them, 1 otherwise.
    Check {
        #[arg(long, value_name = "ID")]
        meeting: String,
    },
}

fn as_at(text: Option<String>) -> boardpack::Result<chrono::NaiveDate> {
    Ok(match text {
        Some(t) => parse_date(&t)?,
        None => boardpack::today(),
    })
}

/// The day a log is for: as it stood on the date given, or today with everything recorded.
fn log_day(text: Option<String>) -> boardpack::Result<AsAt> {
    Ok(match text {
        Some(t) => AsAt::Date(parse_date(&t)?),
        None => AsAt::Today(boardpack::today()),
    })
}

pub fn action(app: &Boardpack, cmd: ActionCmd) -> boardpack::Result<()> {
    match cmd {
        ActionCmd::List {
            committee,
            all,
            as_at: date,
        } => {
            let committee = app.committee_by_code(&committee)?;
            let filter = if all { LogFilter::All } else { LogFilter::Open };
            for e in app
                .action_log(committee.id, log_day(date)?, filter)?
                .entries
            {
                out!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    e.action.id,
                    e.reference,
                    e.status.label(),
                    e.rag.label(),
                    e.action.due.map(|d| d.to_string()).unwrap_or_default(),
                    e.action.lead,
                    e.action.text,
                    e.latest_note()
                );
            }
        }
        ActionCmd::Update {
            id,
            status,
            note,
            date,
            meeting,
        } => {
            let status: ActionStatus = status.parse().map_err(boardpack::Error::Conflict)?;
            let recorded = app.update_action(&NewActionUpdate {
                action_id: id.parse()?,
                status,
                note,
                date: as_at(date)?,
                meeting_id: meeting.map(|m| m.parse()).transpose()?,
            })?;
            out!("{}", recorded.id);
        }
    }
    Ok(())
}

pub fn minutes(app: &Boardpack, cmd: MinutesCmd) -> boardpack::Result<ExitCode> {
    match cmd {
        MinutesCmd::Approve {
            meeting,
            amendments,
            not_approved,
            date,
        } => {
            let meeting: MeetingId = meeting.parse()?;
            let item = app.previous_minutes_item(meeting)?;
            let outcome = if not_approved {
                Outcome::NotApproved
            } else if amendments.trim().is_empty() {
                Outcome::Approved
            } else {
                Outcome::ApprovedWithAmendments
            };
            let date = match date {
                Some(t) => parse_date(&t)?,
                None => app.meeting(meeting)?.meeting.date,
            };
            match app.decide_minutes(&MinutesDecision {
                item_id: item,
                outcome,
                amendments,
                date,
            })? {
                Some(v) => {
                    say!("{}", v.note);
                    out!("{}", v.version);
                }
                None => say!("Recorded: the minutes were not approved."),
            }
        }
        MinutesCmd::Versions { meeting } => {
            for v in app.minutes_versions(meeting.parse()?)? {
                out!("{}\t{}\t{}", v.version, v.recorded_on, v.note);
            }
        }
        MinutesCmd::Close { meeting, at, clear } => {
            let at = if clear {
                None
            } else {
                at.map(|t| boardpack_core::validate::parse_time(&t))
                    .transpose()?
            };
            app.set_closed(meeting.parse()?, at)?;
            match at {
                Some(t) => say!("Recorded: the meeting closed at {}.", t.format("%H:%M")),
                None => say!("The closing time is no longer recorded."),
            }
        }
        MinutesCmd::Check { meeting } => {
            let report = app.minutes_readiness(meeting.parse()?)?;
            for p in &report.problems {
                let tag = match p.severity {
                    Severity::Blocking => "BLOCKING",
                    Severity::Warning => "warning",
                };
                out!("{tag}\t{}", p.message);
            }
            let blocking = report
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Blocking)
                .count();
            if blocking > 0 {
                say!("The minutes are not ready to issue: {blocking} problem(s) stand in the way.");
                return Ok(ExitCode::FAILURE);
            }
            say!(
                "The minutes are ready to issue{}.",
                if report.problems.is_empty() {
                    ""
                } else {
                    " (see the warnings)"
                }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `boardpack plan`: a committee's forward plan.
pub fn plan(app: &Boardpack, committee: &str) -> boardpack::Result<()> {
    let committee = app.committee_by_code(committee)?;
    let meetings = app.meetings()?;
    for e in app.forward_plan(committee.id)?.entries {
        let at = e
            .scheduled_meeting_id
            .and_then(|id| meetings.iter().find(|m| m.meeting.id == id))
            .map(|m| format!("{} ({})", m.title, m.meeting.date))
            .unwrap_or_else(|| "no meeting yet".into());
        out!(
            "{}\t{}\t{}\t{}\t{}",
            e.due_text,
            e.title,
            e.session.as_str(),
            at,
            if e.on_agenda { "on the agenda" } else { "" }
        );
    }
    Ok(())
}

/// `boardpack propose`: the agenda the forward plan and the action log propose.
pub fn propose(app: &Boardpack, meeting: &str, accept: bool) -> boardpack::Result<()> {
    let meeting: MeetingId = meeting.parse()?;
    let proposals = app.propose_agenda(meeting, boardpack::today())?;
    for p in &proposals {
        out!("{}\t{}\t{}", p.title, p.session.as_str(), p.reason);
    }
    if accept && !proposals.is_empty() {
        app.accept_proposals(meeting, &proposals)?;
        say!("Added {} item(s) to the agenda.", proposals.len());
    } else if proposals.is_empty() {
        say!("Nothing to propose: the agenda has its standing items and everything the forward plan schedules for it.");
    }
    Ok(())
}

/// `boardpack export actions`.
pub fn export_actions(
    app: &Boardpack,
    committee: &str,
    all: bool,
    public: bool,
    date: Option<String>,
    out: &std::path::Path,
) -> boardpack::Result<()> {
    let committee = app.committee_by_code(committee)?;
    let filter = if all { LogFilter::All } else { LogFilter::Open };
    let report = app.export_actions(committee.id, log_day(date)?, filter, public, out)?;
    if report.pages > 0 {
        say!(
            "Wrote the action log of {}: {} action(s), {} page(s).",
            committee.name,
            report.actions,
            report.pages
        );
    } else {
        say!(
            "Wrote the action log of {}: {} action(s).",
            committee.name,
            report.actions
        );
    }
    out!("{}", out.display());
    Ok(())
}
