//! The verbs that set up and run the organisation: the register of interests (`interest
//! add|end|nil|list`), importing members and interests from CSV files (`import members|
//! interests [--dry-run]`), a committee's minute numbering and retirement, ending and
//! ordering memberships, and the organisation's logo and language. Each parses, calls one
//! use case and prints as the rest of the command does; no rule lives here.

use std::path::PathBuf;

use clap::Subcommand;

use boardpack::import::{ImportKind, ImportPreview, RowAction};
use boardpack::interests::InterestDetails;
use boardpack::Boardpack;
use boardpack_core::interests::InterestCategory;
use boardpack_core::validate::{parse_date, parse_year as year};

#[derive(Debug, Subcommand)]
pub enum InterestCmd {
    /// Add an entry to a member's register of interests; prints its id.
    Add {
        #[arg(long, value_name = "CODE")]
        committee: String,
        /// The member's initials (or full name).
        #[arg(long, value_name = "INITIALS")]
        member: String,
        /// financial, non_financial_professional, non_financial_personal or indirect (NHS
        /// England's categories).
        #[arg(long)]
        category: String,
        #[arg(long)]
        description: String,
        /// The organisation involved.
        #[arg(long, default_value = "")]
        organisation: String,
        /// YYYY-MM-DD: when the interest began.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// YYYY-MM-DD: when it ended, if it has.
        #[arg(long, value_name = "DATE", default_value = "")]
        to: String,
        /// The action taken or mitigation agreed.
        #[arg(long, default_value = "")]
        action: String,
        /// YYYY-MM-DD: when it was declared (default today).
        #[arg(long, value_name = "DATE", default_value = "")]
        declared: String,
        /// Words that flag the interest on an agenda, such as "car park" (repeatable).
        #[arg(long = "keyword", value_name = "WORDS")]
        keywords: Vec<String>,
    },
    /// End an entry: the interest was held until DATE; prints its id.
    End {
        #[arg(value_name = "ID")]
        id: String,
        /// YYYY-MM-DD: the last day it was held.
        #[arg(long, value_name = "DATE")]
        to: String,
    },
    /// Record a nil return: the member has no interests to declare for the year; prints the
    /// person's id.
    Nil {
        #[arg(long, value_name = "CODE")]
        committee: String,
        #[arg(long, value_name = "INITIALS")]
        member: String,
        #[arg(long, value_name = "YYYY")]
        year: String,
        /// YYYY-MM-DD: when the return was made (default today).
        #[arg(long, value_name = "DATE", default_value = "")]
        on: String,
    },
    /// A committee's register for a year: id, initials, category, description,
    /// organisation, from, to, declared, action; then nil returns; who has not declared
    /// goes to stderr.
    List {
        #[arg(long, value_name = "CODE")]
        committee: String,
        /// YYYY (default this year).
        #[arg(long, value_name = "YYYY")]
        year: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// A committee's members from a CSV file with the columns name, kind and optionally
    /// initials, role, voting, organisation, phone, email, from, to. Members already on the
    /// committee (by initials, then name) are updated, not added again.
    Members {
        #[arg(long, value_name = "CODE")]
        committee: String,
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
        /// Show what would be done, row by row, and save nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// The committee's members' interests from a CSV file with the columns member
    /// (initials or name), category, description and optionally organisation, from, to,
    /// declared, action, keywords. The same interest again is updated, not added again.
    Interests {
        #[arg(long, value_name = "CODE")]
        committee: String,
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
        /// Show what would be done, row by row, and save nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

fn date_or_today(text: &str) -> boardpack::Result<chrono::NaiveDate> {
    if text.trim().is_empty() {
        Ok(boardpack::today())
    } else {
        Ok(parse_date(text)?)
    }
}

pub fn interest(app: &Boardpack, cmd: InterestCmd) -> boardpack::Result<()> {
    match cmd {
        InterestCmd::Add {
            committee,
            member,
            category,
            description,
            organisation,
            from,
            to,
            action,
            declared,
            keywords,
        } => {
            let committee = app.committee_by_code(&committee)?;
            let category: InterestCategory = category.parse()?;
            let person = app.member_by(committee.id, &member)?.person;
            let interest = app.add_interest(
                &InterestDetails {
                    person_id: person.id,
                    category,
                    description,
                    organisation,
                    from,
                    to,
                    declared_on: declared,
                    action,
                    keywords,
                },
                boardpack::today(),
            )?;
            out!("{}", interest.id);
        }
        InterestCmd::End { id, to } => {
            let interest = app.end_interest(id.parse()?, parse_date(&to)?)?;
            out!("{}", interest.id);
        }
        InterestCmd::Nil {
            committee,
            member,
            year: y,
            on,
        } => {
            let committee = app.committee_by_code(&committee)?;
            let person = app.member_by(committee.id, &member)?.person;
            let nil = app.record_nil_return(person.id, year(&y)?, date_or_today(&on)?)?;
            out!("{}", nil.person_id);
        }
        InterestCmd::List { committee, year: y } => {
            let committee = app.committee_by_code(&committee)?;
            let y = match y {
                Some(y) => year(&y)?,
                None => chrono::Datelike::year(&boardpack::today()),
            };
            let register = app.register(committee.id, y)?;
            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            for row in &register.rows {
                for i in &row.interests {
                    out!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        i.id,
                        row.person.initials,
                        i.category.as_str(),
                        i.description,
                        i.organisation,
                        day(i.from),
                        day(i.to),
                        day(i.declared_on),
                        i.action
                    );
                }
                if let Some(nil) = &row.nil_return {
                    out!(
                        "nil\t{}\t{}\t{}",
                        row.person.initials,
                        nil.year,
                        nil.declared_on
                    );
                }
            }
            let missing: Vec<String> = register
                .rows
                .iter()
                .filter(|r| register.undeclared.contains(&r.person.id))
                .map(|r| r.person.initials.clone())
                .collect();
            if missing.is_empty() {
                eprintln!("Every member has declared for {y}.");
            } else {
                eprintln!("Not yet declared for {y}: {}.", missing.join(", "));
            }
        }
    }
    Ok(())
}

fn print_preview(p: &ImportPreview) {
    for row in &p.rows {
        let what = if !row.problems.is_empty() {
            "problem"
        } else {
            match row.action {
                RowAction::Add => "add",
                RowAction::Update => "update",
                RowAction::Unchanged => "unchanged",
            }
        };
        out!("line {}\t{what}\t{}", row.line, row.summary);
        for problem in &row.problems {
            out!("line {}\tproblem\t{problem}", row.line);
        }
    }
    for problem in &p.problems {
        out!("file\tproblem\t{problem}");
    }
    for note in &p.notes {
        eprintln!("Note: {note}");
    }
}

pub fn import(app: &Boardpack, cmd: ImportCmd) -> boardpack::Result<std::process::ExitCode> {
    let (kind, committee, file, dry_run) = match cmd {
        ImportCmd::Members {
            committee,
            file,
            dry_run,
        } => (ImportKind::Members, committee, file, dry_run),
        ImportCmd::Interests {
            committee,
            file,
            dry_run,
        } => (ImportKind::Interests, committee, file, dry_run),
    };
    let committee = app.committee_by_code(&committee)?;
    if dry_run {
        let preview = app.preview_import(committee.id, kind, &file, boardpack::today())?;
        print_preview(&preview);
        if preview.ready {
            eprintln!(
                "Ready to import: {} to add, {} to update, {} unchanged. Nothing was saved (--dry-run).",
                preview.adds, preview.updates, preview.unchanged
            );
            return Ok(std::process::ExitCode::SUCCESS);
        }
        eprintln!(
            "Not ready: {} problem(s) to correct first. Nothing was saved.",
            preview.all_problems().len()
        );
        return Ok(std::process::ExitCode::FAILURE);
    }
    let done = app.import(committee.id, kind, &file, boardpack::today())?;
    for note in &done.notes {
        eprintln!("Note: {note}");
    }
    eprintln!(
        "Imported into {}: {} added, {} updated, {} unchanged.",
        committee.name, done.adds, done.updates, done.unchanged
    );
    Ok(std::process::ExitCode::SUCCESS)
}

/// `committee numbering`: the number of the year's first minute recorded in Boardpack.
pub fn numbering(app: &Boardpack, code: &str, y: &str, next: Option<u32>) -> boardpack::Result<()> {
    let committee = app.committee_by_code(code)?;
    let committee = app.set_numbering(committee.id, year(y)?, next)?;
    let y = year(y)?;
    eprintln!(
        "{}'s first minute of {y} recorded in Boardpack is {}.",
        committee.name,
        committee
            .minute_ref_pattern
            .format(y, committee.first_minute(y))
    );
    out!("{}", committee.id);
    Ok(())
}

/// `committee retire`: retire from a date (default today), or reinstate.
pub fn retire(app: &Boardpack, code: &str, on: &str, reinstate: bool) -> boardpack::Result<()> {
    let committee = app.committee_by_code(code)?;
    let on = if reinstate {
        None
    } else {
        Some(date_or_today(on)?)
    };
    let committee = app.retire_committee(committee.id, on)?;
    out!("{}", committee.id);
    Ok(())
}

/// `member end`: the last day of a membership.
pub fn end_member(app: &Boardpack, code: &str, member: &str, to: &str) -> boardpack::Result<()> {
    let committee = app.committee_by_code(code)?;
    let m = app.member_by(committee.id, member)?;
    let m = app.end_membership(m.membership.id, parse_date(to)?)?;
    out!("{}", m.membership.id);
    Ok(())
}

/// `member order`: the committee's own order, given as initials; those not named keep their
/// order after them.
pub fn order_members(app: &Boardpack, code: &str, members: &[String]) -> boardpack::Result<()> {
    let committee = app.committee_by_code(code)?;
    let mut order = Vec::new();
    for m in members {
        let found = app.member_by(committee.id, m)?;
        if !order.contains(&found.membership.id) {
            order.push(found.membership.id);
        }
    }
    for m in app.members(committee.id)? {
        if !order.contains(&m.membership.id) {
            order.push(m.membership.id);
        }
    }
    for m in app.reorder_members(committee.id, &order)? {
        out!("{}\t{}", m.person.initials, m.person.name);
    }
    Ok(())
}

/// `organisation logo`: set (from a PNG or JPEG) or remove the logo.
pub fn logo(app: &Boardpack, organisation: &str, file: Option<PathBuf>) -> boardpack::Result<()> {
    let org = app.organisation_by_name(organisation)?;
    let org = match file {
        Some(file) => app.set_logo(org.id, &file)?,
        None => app.remove_logo(org.id)?,
    };
    if let Some(logo) = &org.logo {
        eprintln!(
            "{}'s logo is stored: {} × {} pixels.",
            org.name, logo.width, logo.height
        );
    }
    out!("{}", org.id);
    Ok(())
}

/// `organisation language`: the language of the organisation's documents.
pub fn language(app: &Boardpack, organisation: &str, tag: &str) -> boardpack::Result<()> {
    let org = app.organisation_by_name(organisation)?;
    let org = app.update_organisation(
        org.id,
        &boardpack::OrganisationDetails {
            name: org.name.clone(),
            short_name: org.short_name.clone(),
            language: tag.to_owned(),
            bulletin_wording: org.bulletin_wording.clone(),
        },
    )?;
    out!("{}", org.id);
    Ok(())
}
