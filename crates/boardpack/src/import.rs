//! Importing what secretariats keep in spreadsheets: a committee's members, and its
//! members' register of interests, from CSV files (what Excel, LibreOffice and Google Sheets
//! all save; UTF-8, or Windows-1252 as older Excel saves it; commas, semicolons or tabs).
//!
//! An import is previewed first: every row with what it would do (add, update, nothing)
//! and every problem named, row by row. Nothing is saved by a preview. Applying re-reads
//! the file, refuses it whole if any row has a problem, and otherwise writes every row in
//! one transaction. Rows are matched to what is stored (members by initials, then name;
//! interests by member, category and description), so importing the same file again
//! updates rather than duplicates. The checks on each value are the core's; this module
//! reads files and matches rows, and must not decide what a valid value is.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use boardpack_core::interests::{Interest, InterestCategory};
use boardpack_core::validate::{email, initials, initials_from_name, phone, sheet_date};
use boardpack_core::{
    Committee, CommitteeId, InterestId, MemberKind, Membership, MembershipId, Person, PersonId,
};

use crate::error::{Error, Result};
use crate::store::{committees as c, room as r};
use crate::Boardpack;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportKind {
    Members,
    Interests,
}

impl ImportKind {
    /// The columns a file of this kind may have, the required ones first, as its first
    /// line names them.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ImportKind::Members => &[
                "name",
                "kind",
                "initials",
                "role",
                "voting",
                "organisation",
                "phone",
                "email",
                "from",
                "to",
            ],
            ImportKind::Interests => &[
                "member",
                "category",
                "description",
                "organisation",
                "from",
                "to",
                "declared",
                "action",
                "keywords",
            ],
        }
    }

    fn required(self) -> &'static [&'static str] {
        match self {
            ImportKind::Members => &["name", "kind"],
            ImportKind::Interests => &["member", "category", "description"],
        }
    }

    /// The column a heading names: the heading lower-cased without spaces or punctuation,
    /// and the words spreadsheets commonly use.
    fn column(self, heading: &str) -> Option<&'static str> {
        let h: String = heading
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let found = match self {
            ImportKind::Members => match h.as_str() {
                "name" | "fullname" | "membername" => "name",
                "kind" | "membertype" | "seat" | "type" | "kindofseat" => "kind",
                "initials" => "initials",
                "role" | "jobtitle" | "title" => "role",
                "voting" | "vote" | "votes" | "votingmember" => "voting",
                "organisation" | "organization" | "body" => "organisation",
                "phone" | "telephone" | "tel" | "phonenumber" => "phone",
                "email" | "emailaddress" | "mail" => "email",
                "from" | "start" | "startdate" | "memberfrom" | "appointed" => "from",
                "to" | "end" | "enddate" | "memberto" | "until" => "to",
                _ => return None,
            },
            ImportKind::Interests => match h.as_str() {
                "member" | "initials" | "name" | "membername" => "member",
                "category" | "type" | "typeofinterest" | "interesttype" => "category",
                "description" | "interest" | "details" | "descriptionofinterest" => "description",
                "organisation" | "organization" | "company" | "body" => "organisation",
                "from" | "start" | "startdate" | "datefrom" | "relevantfrom" => "from",
                "to" | "end" | "enddate" | "dateto" | "relevantto" => "to",
                "declared" | "datedeclared" | "declaredon" | "declarationdate" => "declared",
                "action"
                | "actiontaken"
                | "mitigation"
                | "actiontakenormitigation"
                | "actionormitigation" => "action",
                "keywords" | "keyword" => "keywords",
                _ => return None,
            },
        };
        Some(found)
    }
}

/// What importing a row would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RowAction {
    Add,
    Update,
    Unchanged,
}

/// One row of the file as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportRow {
    /// The row's line in the file (the heading is line 1).
    pub line: u32,
    /// "John Adler (JA), Chief Executive, Executive director".
    pub summary: String,
    pub action: RowAction,
    /// Each problem as a sentence; the row is imported only when there are none.
    pub problems: Vec<String>,
}

/// What importing a file would do, row by row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub kind: ImportKind,
    /// The file's name.
    pub file: String,
    pub rows: Vec<ImportRow>,
    /// Problems with the file as a whole (no heading line, a required column missing).
    pub problems: Vec<String>,
    /// What was ignored, for the user to know (columns Boardpack does not read).
    pub notes: Vec<String>,
    pub adds: u32,
    pub updates: u32,
    pub unchanged: u32,
    /// Whether it can be imported: no problems anywhere and at least one row.
    pub ready: bool,
}

impl ImportPreview {
    /// Every problem, each with its line: what an error or a terminal lists.
    pub fn all_problems(&self) -> Vec<String> {
        self.problems
            .iter()
            .cloned()
            .chain(self.rows.iter().flat_map(|r| {
                r.problems
                    .iter()
                    .map(move |p| format!("Line {}: {p}", r.line))
            }))
            .collect()
    }
}

/// A file read as text: UTF-8 (a byte-order mark dropped), else Windows-1252.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// A Windows-1252 byte as its character (0x80–0x9F hold curly quotes, dashes and the euro).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The delimiter of a CSV file: the most frequent of comma, semicolon and tab on its first
/// line (Excel in much of Europe saves with semicolons).
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

/// A table: the columns found (by heading position), and each non-empty row with its line.
struct Table {
    columns: BTreeMap<&'static str, usize>,
    rows: Vec<(u32, Vec<String>)>,
    problems: Vec<String>,
    notes: Vec<String>,
}

impl Table {
    fn get<'a>(&self, row: &'a [String], column: &str) -> &'a str {
        self.columns
            .get(column)
            .and_then(|k| row.get(*k))
            .map_or("", |s| s.trim())
    }
}

/// The line (from 1) a record starting at byte `at` of `text` is on. The csv reader's own
/// line count and offset include the blank lines it skipped before the record, so those are
/// passed over first.
fn line_at(text: &str, at: u64) -> usize {
    let bytes = text.as_bytes();
    let mut at = (at as usize).min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    bytes[..at].iter().filter(|b| **b == b'\n').count() + 1
}

fn read_table(kind: ImportKind, bytes: &[u8]) -> Table {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(&text))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut table = Table {
        columns: BTreeMap::new(),
        rows: Vec::new(),
        problems: Vec::new(),
        notes: Vec::new(),
    };
    let mut headings: Option<Vec<String>> = None;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(&text, p.byte()));
                table.problems.push(format!(
                    "Line {line} could not be read as CSV ({e}): save the sheet again as CSV and re-import it."
                ));
                break;
            }
        };
        let line = record.position().map_or(0, |p| line_at(&text, p.byte())) as u32;
        let cells: Vec<String> = record.iter().map(|s| s.trim().to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if headings.is_none() {
            headings = Some(cells);
            continue;
        }
        table.rows.push((line, cells));
    }
    let Some(headings) = headings else {
        table.problems.push(format!(
            "The file is empty: its first line must name the columns, for example {}.",
            kind.columns().join(",")
        ));
        return table;
    };
    let mut ignored = Vec::new();
    for (k, h) in headings.iter().enumerate() {
        match kind.column(h) {
            Some(col) if !table.columns.contains_key(col) => {
                table.columns.insert(col, k);
            }
            Some(col) => table.problems.push(format!(
                "Two columns are headed as “{col}” (“{h}” is the second): keep one."
            )),
            None if h.is_empty() => {}
            None => ignored.push(format!("“{h}”")),
        }
    }
    if !ignored.is_empty() {
        table.notes.push(format!(
            "Ignored column(s) {}: Boardpack reads {}.",
            ignored.join(", "),
            kind.columns().join(", ")
        ));
    }
    for col in kind.required() {
        if !table.columns.contains_key(col) {
            table.problems.push(format!(
                "The file has no “{col}” column: its first line must name the columns, for example {}.",
                kind.columns().join(",")
            ));
        }
    }
    if table.problems.is_empty() && table.rows.is_empty() {
        table
            .problems
            .push("The file has a heading line but no rows to import.".into());
    }
    table
}

fn yes_no(text: &str) -> Option<Option<bool>> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" => Some(None),
        "yes" | "y" | "true" | "1" | "voting" => Some(Some(true)),
        "no" | "n" | "false" | "0" | "non-voting" | "non voting" => Some(Some(false)),
        _ => None,
    }
}

fn optional_sheet_date(text: &str, problems: &mut Vec<String>) -> Option<NaiveDate> {
    if text.trim().is_empty() {
        return None;
    }
    match sheet_date(text) {
        Ok(d) => Some(d),
        Err(e) => {
            problems.push(e.to_string());
            None
        }
    }
}

/// A member row made ready: the person and membership to write.
struct MemberPlan {
    person: Person,
    membership: Membership,
    new_membership: bool,
}

/// An interest row made ready.
struct InterestPlan {
    interest: Interest,
}

enum Plan {
    Members(Vec<MemberPlan>),
    Interests(Vec<InterestPlan>),
}

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn plan_members(
    conn: &rusqlite::Connection,
    committee: &Committee,
    table: &Table,
    preview: &mut ImportPreview,
) -> Result<Vec<MemberPlan>> {
    let people = c::people(conn)?;
    let seats = c::memberships(conn, Some(committee.id))?;
    let seated: Vec<(&Membership, &Person)> = seats
        .iter()
        .filter_map(|m| Some((m, people.iter().find(|p| p.id == m.person_id)?)))
        .collect();
    let mut plans = Vec::new();
    let mut seen: Vec<(u32, String, String)> = Vec::new();
    for (line, row) in &table.rows {
        let mut problems = Vec::new();
        let name = table.get(row, "name").to_owned();
        if name.is_empty() {
            problems.push("The name is empty: give the member's full name.".to_owned());
        }
        let typed = table.get(row, "initials");
        let inits = match initials(
            if typed.is_empty() {
                initials_from_name(&name)
            } else {
                typed.to_owned()
            }
            .as_str(),
        ) {
            Ok(i) => i,
            Err(e) => {
                if !name.is_empty() {
                    problems.push(e.to_string());
                }
                String::new()
            }
        };
        let kind_text = table.get(row, "kind");
        let kind = if kind_text.is_empty() {
            problems.push("The kind is empty: give one of chair, vice_chair, executive_director, non_executive_director, associate, voting_member, in_attendance, secretary.".to_owned());
            None
        } else {
            match kind_text.parse::<MemberKind>() {
                Ok(k) => Some(k),
                Err(e) => {
                    problems.push(e.to_string());
                    None
                }
            }
        };
        let voting = match yes_no(table.get(row, "voting")) {
            Some(v) => v,
            None => {
                problems.push(format!(
                    "“{}” is not a voting answer: write yes or no, or leave it empty for the kind's usual answer.",
                    table.get(row, "voting")
                ));
                None
            }
        };
        let phone = phone(table.get(row, "phone")).unwrap_or_else(|e| {
            problems.push(e.to_string());
            String::new()
        });
        let email = email(table.get(row, "email")).unwrap_or_else(|e| {
            problems.push(e.to_string());
            String::new()
        });
        let from = optional_sheet_date(table.get(row, "from"), &mut problems);
        let to = optional_sheet_date(table.get(row, "to"), &mut problems);
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                problems.push(format!(
                    "The membership cannot end ({t}) before it begins ({f})."
                ));
            }
        }
        if !inits.is_empty() {
            if let Some((other, _, other_name)) = seen.iter().find(|(_, i, _)| same(i, &inits)) {
                problems.push(format!(
                    "The initials {inits} are also on line {other} ({other_name}): initials must be unique within the committee, so give one of them different initials."
                ));
            }
            seen.push((*line, inits.clone(), name.clone()));
        }
        // Match: the committee's member with these initials, else one of this name.
        let by_initials = seated.iter().find(|(_, p)| same(&p.initials, &inits));
        let by_name = seated.iter().find(|(_, p)| same(&p.name, &name));
        let found = match (by_initials, by_name) {
            (Some(a), _) if same(&a.1.name, &name) => Some(*a),
            (Some(a), _) => {
                if !inits.is_empty() && !name.is_empty() {
                    problems.push(format!(
                        "The initials {inits} belong to {} on {} already: give {name} different initials, or correct the name.",
                        a.1.name, committee.name
                    ));
                }
                None
            }
            (None, Some(b)) => Some(*b),
            (None, None) => None,
        };
        let (Some(kind), true) = (kind, problems.is_empty()) else {
            preview.rows.push(ImportRow {
                line: *line,
                summary: if name.is_empty() {
                    format!("Line {line}")
                } else {
                    name.clone()
                },
                action: RowAction::Add,
                problems,
            });
            continue;
        };
        let given = |typed: &str, kept: &str| {
            if typed.is_empty() {
                kept.to_owned()
            } else {
                typed.to_owned()
            }
        };
        let organisation = table.get(row, "organisation");
        let role = table.get(row, "role");
        let (person, membership, action, new_membership) = match found {
            Some((m, p)) => {
                let person = Person {
                    name: name.clone(),
                    initials: inits.clone(),
                    organisation: given(organisation, &p.organisation),
                    phone: given(&phone, &p.phone),
                    email: given(&email, &p.email),
                    ..(*p).clone()
                };
                let membership = Membership {
                    kind,
                    role: given(role, &m.role),
                    voting: voting.unwrap_or(if kind == m.kind {
                        m.voting
                    } else {
                        kind.votes_by_default()
                    }),
                    from: from.or(m.from),
                    to: to.or(m.to),
                    ..(*m).clone()
                };
                let action = if person == *p && membership == *m {
                    RowAction::Unchanged
                } else {
                    RowAction::Update
                };
                (person, membership, action, false)
            }
            None => {
                let known = people
                    .iter()
                    .find(|p| same(&p.name, &name) && same(&p.initials, &inits));
                let person = match known {
                    Some(p) => Person {
                        organisation: given(organisation, &p.organisation),
                        phone: given(&phone, &p.phone),
                        email: given(&email, &p.email),
                        ..p.clone()
                    },
                    None => Person {
                        id: PersonId(Uuid::now_v7()),
                        name: name.clone(),
                        initials: inits.clone(),
                        organisation: organisation.to_owned(),
                        phone,
                        email,
                    },
                };
                let membership = Membership {
                    id: MembershipId(Uuid::now_v7()),
                    committee_id: committee.id,
                    person_id: person.id,
                    kind,
                    role: role.to_owned(),
                    voting: voting.unwrap_or_else(|| kind.votes_by_default()),
                    position: 0,
                    from,
                    to,
                };
                (person, membership, RowAction::Add, true)
            }
        };
        preview.rows.push(ImportRow {
            line: *line,
            summary: format!(
                "{} ({}){}, {}",
                person.name,
                person.initials,
                if membership.role.is_empty() {
                    String::new()
                } else {
                    format!(", {}", membership.role)
                },
                kind.label()
            ),
            action,
            problems: Vec::new(),
        });
        plans.push(MemberPlan {
            person,
            membership,
            new_membership,
        });
    }
    Ok(plans)
}

fn plan_interests(
    conn: &rusqlite::Connection,
    committee: &Committee,
    table: &Table,
    today: NaiveDate,
    preview: &mut ImportPreview,
) -> Result<Vec<InterestPlan>> {
    let people = c::people(conn)?;
    let members: Vec<&Person> = c::memberships(conn, Some(committee.id))?
        .iter()
        .filter_map(|m| people.iter().find(|p| p.id == m.person_id))
        .collect();
    let stored = r::interests(conn, None)?;
    let mut plans: Vec<InterestPlan> = Vec::new();
    let mut seen: Vec<(u32, PersonId, InterestCategory, String)> = Vec::new();
    for (line, row) in &table.rows {
        let mut problems = Vec::new();
        let who = table.get(row, "member");
        let person = members
            .iter()
            .find(|p| p.initials == who)
            .or_else(|| {
                members
                    .iter()
                    .find(|p| same(&p.initials, who) || same(&p.name, who))
            })
            .copied();
        if person.is_none() {
            problems.push(if who.is_empty() {
                "The member is empty: give their initials or name as the committee's list has them.".to_owned()
            } else {
                format!(
                    "No member of {} has the initials or name “{who}”: add them as a member first, or correct the cell.",
                    committee.name
                )
            });
        }
        let category = match table.get(row, "category").parse::<InterestCategory>() {
            Ok(c) => Some(c),
            Err(e) => {
                problems.push(e.to_string());
                None
            }
        };
        let description = table.get(row, "description").to_owned();
        if description.is_empty() {
            problems.push("The description is empty: say what the interest is.".to_owned());
        }
        let from = optional_sheet_date(table.get(row, "from"), &mut problems);
        let to = optional_sheet_date(table.get(row, "to"), &mut problems);
        let declared = optional_sheet_date(table.get(row, "declared"), &mut problems);
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                problems.push(format!(
                    "The interest cannot end ({t}) before it starts ({f})."
                ));
            }
        }
        if let (Some(p), Some(cat)) = (person, category) {
            if let Some((other, ..)) = seen
                .iter()
                .find(|(_, sp, sc, sd)| *sp == p.id && *sc == cat && same(sd, &description))
            {
                problems.push(format!(
                    "The same interest of {} is also on line {other}: keep one line.",
                    p.name
                ));
            }
            seen.push((*line, p.id, cat, description.clone()));
        }
        let (Some(person), Some(category), true) = (person, category, problems.is_empty()) else {
            preview.rows.push(ImportRow {
                line: *line,
                summary: if description.is_empty() {
                    format!("Line {line}")
                } else {
                    description.clone()
                },
                action: RowAction::Add,
                problems,
            });
            continue;
        };
        let keywords: Vec<String> = table
            .get(row, "keywords")
            .split([';', ','])
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned)
            .collect();
        let existing = stored.iter().find(|i| {
            i.person_id == person.id && i.category == category && same(&i.description, &description)
        });
        let organisation = table.get(row, "organisation");
        let action_text = table.get(row, "action");
        let (interest, action) = match existing {
            Some(i) => {
                let next = Interest {
                    description: description.clone(),
                    organisation: if organisation.is_empty() {
                        i.organisation.clone()
                    } else {
                        organisation.to_owned()
                    },
                    keywords: if keywords.is_empty() {
                        i.keywords.clone()
                    } else {
                        keywords
                    },
                    from: from.or(i.from),
                    to: to.or(i.to),
                    declared_on: declared.or(i.declared_on),
                    action: if action_text.is_empty() {
                        i.action.clone()
                    } else {
                        action_text.to_owned()
                    },
                    ..i.clone()
                };
                let action = if next == *i {
                    RowAction::Unchanged
                } else {
                    RowAction::Update
                };
                (next, action)
            }
            None => (
                Interest {
                    id: InterestId(Uuid::now_v7()),
                    person_id: person.id,
                    category,
                    description: description.clone(),
                    organisation: organisation.to_owned(),
                    keywords,
                    from,
                    to,
                    declared_on: Some(declared.unwrap_or(today)),
                    action: action_text.to_owned(),
                },
                RowAction::Add,
            ),
        };
        preview.rows.push(ImportRow {
            line: *line,
            summary: format!(
                "{} ({}): {} – {}",
                person.name,
                person.initials,
                category.label(),
                description
            ),
            action,
            problems: Vec::new(),
        });
        plans.push(InterestPlan { interest });
    }
    Ok(plans)
}

impl Boardpack {
    /// Reads a CSV file and plans its rows against what is stored: the preview, and what
    /// applying it would write.
    fn plan_import(
        &self,
        committee_id: CommitteeId,
        kind: ImportKind,
        file: &Path,
        today: NaiveDate,
    ) -> Result<(ImportPreview, Plan)> {
        let bytes = std::fs::read(file).map_err(Error::io("read", file))?;
        if bytes.len() > 5 * 1024 * 1024 {
            return Err(Error::Conflict(format!(
                "{} is over 5 MB, far larger than a committee's members or register: check it is the right file.",
                file.display()
            )));
        }
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".xlsx") || lower.ends_with(".xls") || lower.ends_with(".ods") {
            return Err(Error::Conflict(format!(
                "{name} is a spreadsheet workbook: save it as CSV (in Excel: File → Save As → CSV UTF-8) and import that file."
            )));
        }
        let table = read_table(kind, &bytes);
        let mut preview = ImportPreview {
            kind,
            file: name,
            rows: Vec::new(),
            problems: table.problems.clone(),
            notes: table.notes.clone(),
            adds: 0,
            updates: 0,
            unchanged: 0,
            ready: false,
        };
        let plan = self.store.read(|conn| {
            let committee = c::committee(conn, committee_id)?.ok_or(Error::NotFound {
                what: "committee with the id",
                key: committee_id.to_string(),
                hint: "Reload the list.",
            })?;
            if !preview.problems.is_empty() {
                return Ok(Plan::Members(Vec::new()));
            }
            Ok(match kind {
                ImportKind::Members => {
                    Plan::Members(plan_members(conn, &committee, &table, &mut preview)?)
                }
                ImportKind::Interests => Plan::Interests(plan_interests(
                    conn,
                    &committee,
                    &table,
                    today,
                    &mut preview,
                )?),
            })
        })?;
        for row in &preview.rows {
            if row.problems.is_empty() {
                match row.action {
                    RowAction::Add => preview.adds += 1,
                    RowAction::Update => preview.updates += 1,
                    RowAction::Unchanged => preview.unchanged += 1,
                }
            }
        }
        preview.ready = preview.problems.is_empty()
            && !preview.rows.is_empty()
            && preview.rows.iter().all(|r| r.problems.is_empty());
        Ok((preview, plan))
    }

    /// What importing `file` into a committee would do, row by row, with every problem
    /// named. Saves nothing.
    pub fn preview_import(
        &self,
        committee_id: CommitteeId,
        kind: ImportKind,
        file: &Path,
        today: NaiveDate,
    ) -> Result<ImportPreview> {
        Ok(self.plan_import(committee_id, kind, file, today)?.0)
    }

    /// Imports `file` into a committee: all its rows in one transaction, or, if any row has
    /// a problem, nothing at all. Answers what was done.
    pub fn import(
        &self,
        committee_id: CommitteeId,
        kind: ImportKind,
        file: &Path,
        today: NaiveDate,
    ) -> Result<ImportPreview> {
        let (preview, plan) = self.plan_import(committee_id, kind, file, today)?;
        if !preview.ready {
            return Err(Error::ImportProblems {
                file: preview.file.clone(),
                problems: preview.all_problems(),
            });
        }
        self.store.write(|tx| {
            match &plan {
                Plan::Members(plans) => {
                    let mut order: Vec<MembershipId> = c::memberships(tx, Some(committee_id))?
                        .iter()
                        .map(|m| m.id)
                        .collect();
                    for p in plans {
                        c::upsert_person(tx, &p.person)?;
                        c::upsert_membership(tx, &p.membership)?;
                        if p.new_membership {
                            order.push(p.membership.id);
                        }
                    }
                    c::set_positions(tx, &order)?;
                }
                Plan::Interests(plans) => {
                    for p in plans {
                        r::upsert_interest(tx, &p.interest)?;
                    }
                }
            }
            Ok(())
        })?;
        Ok(preview)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_spreadsheets_save() {
        assert_eq!(decode(b"\xEF\xBB\xBFname"), "name");
        // Windows-1252: O’Neill with a curly apostrophe, and an é.
        assert_eq!(decode(b"Tim O\x92Neill, Ren\xE9e"), "Tim O’Neill, Renée");
        assert_eq!(delimiter("name;kind;role\n"), b';');
        assert_eq!(delimiter("name,kind\n"), b',');
        assert_eq!(delimiter("name\tkind\n"), b'\t');
        assert_eq!(delimiter("name\n"), b',');
        let t = read_table(
            ImportKind::Members,
            b"Full name,Kind,Notes\n\nJohn Adler,Executive director,x\n",
        );
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].0, 3, "blank lines keep their numbers");
        assert_eq!(t.get(&t.rows[0].1, "name"), "John Adler");
        assert_eq!(
            t.notes,
            ["Ignored column(s) “Notes”: Boardpack reads name, kind, initials, role, voting, organisation, phone, email, from, to."]
        );
        let t = read_table(ImportKind::Interests, b"member,description\nJA,Shares\n");
        assert_eq!(
            t.problems,
            ["The file has no “category” column: its first line must name the columns, for example member,category,description,organisation,from,to,declared,action,keywords."]
        );
        assert!(!read_table(ImportKind::Members, b"").problems.is_empty());
    }
}
