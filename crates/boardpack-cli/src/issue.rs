//! Commands for issuing packs: issue (and re-issue with a change list), the versions
//! issued, and the supplement of what changed since the last issue.

use std::path::PathBuf;

use clap::Subcommand;

use boardpack::Boardpack;
use boardpack_core::reissue::PackIssue;
use boardpack_core::validate::long_date;

use crate::ProgressBar;

#[derive(Debug, Subcommand)]
pub enum PackCmd {
    /// Write the pack and record it as issued (version 1, 2, … per kind). A re-issue opens
    /// with the list of papers replaced, added or withdrawn since the last issue, and every
    /// page's footer names its version.
    Issue {
        #[arg(long, value_name = "ID")]
        meeting: String,
        /// The public pack (private items and their papers left out); else the full pack.
        #[arg(long)]
        public: bool,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// Who issues it (default: your user name).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// Issue a new version even though no paper changed since the last issue.
        #[arg(long)]
        force: bool,
    },
    /// The issued versions, one a line: version, kind, issued at, by, pages, file SHA-256.
    Versions {
        #[arg(long, value_name = "ID")]
        meeting: String,
    },
    /// What changed since the last issue, one a line (nothing printed when nothing did).
    Changes {
        #[arg(long, value_name = "ID")]
        meeting: String,
        #[arg(long)]
        public: bool,
    },
    /// Write a supplement to the last issue: the change list, then the replaced and added
    /// papers with their cover sheets. It records no issue.
    Supplement {
        #[arg(long, value_name = "ID")]
        meeting: String,
        #[arg(long)]
        public: bool,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
}

fn line(i: &PackIssue) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}",
        i.version,
        i.kind.as_str(),
        i.issued_at.format("%Y-%m-%d %H:%M:%S"),
        i.issued_by,
        i.pages,
        i.file_sha256
    )
}

pub fn pack(app: &Boardpack, cmd: PackCmd) -> boardpack::Result<()> {
    match cmd {
        PackCmd::Issue {
            meeting,
            public,
            out,
            by,
            force,
        } => {
            let by = by.unwrap_or_else(boardpack::issue::default_issuer);
            let mut bar = ProgressBar::new();
            let result = app.issue_pack(
                meeting.parse()?,
                public,
                &out,
                &by,
                force,
                boardpack::today(),
                &mut |p| bar.show(&p),
            );
            bar.finish();
            let report = result?;
            for w in &report.pack.warnings {
                say!("Warning: {w}");
            }
            let issue = &report.issue;
            say!(
                "Issued version {} of the {} pack on {} ({} pages).",
                issue.version,
                issue.kind.as_str(),
                long_date(issue.issued_at.date()),
                issue.pages
            );
            for c in &report.changes {
                say!("  {}", c.sentence());
            }
            out!("{}", out.display());
        }
        PackCmd::Versions { meeting } => {
            let issues = app.pack_issues(meeting.parse()?)?;
            if issues.is_empty() {
                say!("No pack of this meeting has been issued yet.");
            }
            for i in &issues {
                out!("{}", line(i));
            }
        }
        PackCmd::Changes { meeting, public } => {
            let changes = app.pack_changes(meeting.parse()?, public)?;
            match &changes.last {
                None => say!(
                    "The {} pack has not been issued yet: its first issue will be version 1.",
                    changes.kind.as_str()
                ),
                Some(last) if changes.changes.is_empty() => say!(
                    "Nothing has changed since version {} issued on {}.",
                    last.version,
                    long_date(last.issued_at.date())
                ),
                Some(last) => say!(
                    "Changes since version {} issued on {} (pages as in the pack without its change list):",
                    last.version,
                    long_date(last.issued_at.date())
                ),
            }
            for c in &changes.changes {
                out!("{}", c.sentence());
            }
        }
        PackCmd::Supplement {
            meeting,
            public,
            out,
        } => {
            let mut bar = ProgressBar::new();
            let result = app.export_supplement(
                meeting.parse()?,
                public,
                &out,
                boardpack::today(),
                &mut |p| bar.show(&p),
            );
            bar.finish();
            let report = result?;
            say!("Wrote the supplement: {} pages.", report.pages);
            out!("{}", out.display());
        }
    }
    Ok(())
}
