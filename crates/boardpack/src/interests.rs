//! Keeping the register of interests: entries added, edited, ended and (when made by
//! mistake and never declared at a meeting) deleted; nil returns for a year; and a
//! committee's register for a year, with who has made no declaration for it. The rules
//! (categories, who has declared) are the core's (`boardpack_core::interests`); the PDF of
//! the register is `room.rs`'s `export_register`. Declarations at meetings are `room.rs`'s.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use boardpack_core::interests::{declared_for, undeclared, Interest, InterestCategory, NilReturn};
use boardpack_core::validate::required;
use boardpack_core::{CommitteeId, InterestId, Membership, Person, PersonId};

use crate::error::{Error, Result};
use crate::setup::optional_date;
use crate::store::{committees as c, room as r};
use crate::Boardpack;

/// An entry on the register as a user gives it. Dates are as typed (YYYY-MM-DD, or
/// empty); an empty `declared_on` is today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InterestDetails {
    pub person_id: PersonId,
    pub category: InterestCategory,
    /// "Non-executive director of Calder Construction Ltd".
    pub description: String,
    /// "Calder Construction Ltd".
    pub organisation: String,
    pub from: String,
    pub to: String,
    pub declared_on: String,
    /// The action taken or mitigation agreed.
    pub action: String,
    /// Further words that flag the interest on an agenda ("car park").
    pub keywords: Vec<String>,
}

/// One member's part of a committee's register for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegisterRow {
    pub membership: Membership,
    pub person: Person,
    /// Every entry of theirs, current and ended, by category.
    pub interests: Vec<Interest>,
    /// Their nil return for the year, if they made one.
    pub nil_return: Option<NilReturn>,
    /// Whether they have made a declaration for the year (a nil return, or an entry
    /// declared in it).
    pub declared: bool,
}

/// A committee's register of interests for a year: its members in the committee's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegisterView {
    pub committee_id: CommitteeId,
    pub year: i32,
    pub rows: Vec<RegisterRow>,
    /// Members who have made no declaration for the year, in the committee's order.
    pub undeclared: Vec<PersonId>,
}

fn no_interest(id: InterestId) -> Error {
    Error::NotFound {
        what: "interest with the id",
        key: id.to_string(),
        hint: "Reload the register.",
    }
}

fn no_person(id: PersonId) -> Error {
    Error::NotFound {
        what: "person with the id",
        key: id.to_string(),
        hint: "Reload the list of members.",
    }
}

/// An entry checked: description required, dates real and in order, `declared_on`
/// defaulting to `today`.
fn checked(id: InterestId, d: &InterestDetails, today: NaiveDate) -> Result<Interest> {
    let from = optional_date(&d.from)?;
    let to = optional_date(&d.to)?;
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err(Error::Conflict(format!(
                "An interest cannot end ({t}) before it starts ({f}): check the dates."
            )));
        }
    }
    let mut keywords: Vec<String> = Vec::new();
    for k in &d.keywords {
        let k = k.trim();
        if !k.is_empty() && !keywords.iter().any(|x| x.eq_ignore_ascii_case(k)) {
            keywords.push(k.to_owned());
        }
    }
    Ok(Interest {
        id,
        person_id: d.person_id,
        category: d.category,
        description: required("description of the interest", &d.description)?,
        organisation: d.organisation.trim().to_owned(),
        keywords,
        from,
        to,
        declared_on: Some(optional_date(&d.declared_on)?.unwrap_or(today)),
        action: d.action.trim().to_owned(),
    })
}

impl Boardpack {
    /// Adds an entry to a person's register of interests.
    pub fn add_interest(&self, details: &InterestDetails, today: NaiveDate) -> Result<Interest> {
        let interest = checked(InterestId(Uuid::now_v7()), details, today)?;
        self.store.write(|tx| {
            c::person(tx, interest.person_id)?.ok_or_else(|| no_person(interest.person_id))?;
            r::upsert_interest(tx, &interest)?;
            Ok(interest)
        })
    }

    /// Changes an entry on the register.
    pub fn update_interest(
        &self,
        id: InterestId,
        details: &InterestDetails,
        today: NaiveDate,
    ) -> Result<Interest> {
        let interest = checked(id, details, today)?;
        self.store.write(|tx| {
            r::interest(tx, id)?.ok_or_else(|| no_interest(id))?;
            c::person(tx, interest.person_id)?.ok_or_else(|| no_person(interest.person_id))?;
            r::upsert_interest(tx, &interest)?;
            Ok(interest)
        })
    }

    /// Ends an entry: the interest was held until `to` (the last day). It stays on the
    /// register's history.
    pub fn end_interest(&self, id: InterestId, to: NaiveDate) -> Result<Interest> {
        self.store.write(|tx| {
            let before = r::interest(tx, id)?.ok_or_else(|| no_interest(id))?;
            if let Some(from) = before.from.filter(|f| *f > to) {
                return Err(Error::Conflict(format!(
                    "The interest began on {from}, so it cannot end on {to}: choose a later date."
                )));
            }
            let interest = Interest {
                to: Some(to),
                ..before
            };
            r::upsert_interest(tx, &interest)?;
            Ok(interest)
        })
    }

    /// Deletes an entry made by mistake. One declared at a meeting stays (end it instead).
    pub fn delete_interest(&self, id: InterestId) -> Result<()> {
        self.store.write(|tx| {
            let before = r::interest(tx, id)?.ok_or_else(|| no_interest(id))?;
            if r::interest_declared(tx, id)? {
                return Err(Error::Conflict(format!(
                    "“{}” was declared at a meeting, so it stays on the register: end it instead, with the date it ended.",
                    before.description
                )));
            }
            r::delete_interest(tx, id)
        })
    }

    /// Records that a person has no interests to declare for `year`, as of `declared_on`.
    /// Refused while an entry of theirs is current on that day.
    pub fn record_nil_return(
        &self,
        person_id: PersonId,
        year: i32,
        declared_on: NaiveDate,
    ) -> Result<NilReturn> {
        boardpack_core::validate::parse_year(&year.to_string())?;
        let nil = NilReturn {
            person_id,
            year,
            declared_on,
        };
        self.store.write(|tx| {
            let person = c::person(tx, person_id)?.ok_or_else(|| no_person(person_id))?;
            if let Some(i) = r::interests(tx, Some(person_id))?
                .into_iter()
                .find(|i| i.current_on(declared_on))
            {
                return Err(Error::Conflict(format!(
                    "{} has an interest on the register on {declared_on} (“{}”), so the return is not nil: end that interest first if it no longer holds.",
                    person.name, i.description
                )));
            }
            c::upsert_nil_return(tx, &nil)?;
            Ok(nil)
        })
    }

    /// Withdraws a nil return recorded by mistake.
    pub fn remove_nil_return(&self, person_id: PersonId, year: i32) -> Result<()> {
        self.store
            .write(|tx| c::delete_nil_return(tx, person_id, year))
    }

    /// A committee's register of interests for `year`: the members who sat on it at any
    /// time that year, in its order, each with their entries and nil return, and who has
    /// made no declaration for the year.
    pub fn register(&self, committee_id: CommitteeId, year: i32) -> Result<RegisterView> {
        let first = NaiveDate::from_ymd_opt(year, 1, 1)
            .ok_or(boardpack_core::ValidationError::YearText(year.to_string()))?;
        let last = NaiveDate::from_ymd_opt(year, 12, 31)
            .ok_or(boardpack_core::ValidationError::YearText(year.to_string()))?;
        self.store.read(|conn| {
            c::committee(conn, committee_id)?.ok_or(Error::NotFound {
                what: "committee with the id",
                key: committee_id.to_string(),
                hint: "Reload the list.",
            })?;
            let people = c::people(conn)?;
            let interests = r::interests(conn, None)?;
            let nils = c::nil_returns(conn, None)?;
            let rows: Vec<RegisterRow> = c::memberships(conn, Some(committee_id))?
                .into_iter()
                .filter(|m| m.from.is_none_or(|f| f <= last) && m.to.is_none_or(|t| t >= first))
                .filter_map(|membership| {
                    let person = people
                        .iter()
                        .find(|p| p.id == membership.person_id)?
                        .clone();
                    let mine: Vec<Interest> = interests
                        .iter()
                        .filter(|i| i.person_id == person.id)
                        .cloned()
                        .collect();
                    Some(RegisterRow {
                        declared: declared_for(person.id, year, &mine, &nils),
                        nil_return: nils
                            .iter()
                            .find(|n| n.person_id == person.id && n.year == year)
                            .cloned(),
                        interests: mine,
                        membership,
                        person,
                    })
                })
                .collect();
            let ids: Vec<PersonId> = rows.iter().map(|r| r.person.id).collect();
            Ok(RegisterView {
                committee_id,
                year,
                undeclared: undeclared(&ids, year, &interests, &nils),
                rows,
            })
        })
    }

    /// The file name to offer for a committee's register as at a date: "Trust Board
    /// register of interests 2026-12-03.pdf".
    pub fn register_file_name(
        &self,
        committee_id: CommitteeId,
        as_at: NaiveDate,
    ) -> Result<String> {
        let committee = self
            .store
            .read(|conn| c::committee(conn, committee_id))?
            .ok_or(Error::NotFound {
                what: "committee with the id",
                key: committee_id.to_string(),
                hint: "Reload the list.",
            })?;
        let name: String = committee
            .name
            .chars()
            .map(|ch| if "/\\:*?\"<>|".contains(ch) { '-' } else { ch })
            .collect();
        Ok(format!("{name} register of interests {as_at}.pdf"))
    }

    /// Every nil return (everyone's when `person` is None).
    pub fn nil_returns(&self, person: Option<PersonId>) -> Result<Vec<NilReturn>> {
        self.store.read(|conn| c::nil_returns(conn, person))
    }
}
