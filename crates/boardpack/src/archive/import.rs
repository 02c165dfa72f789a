//! Importing an archive, which may come from anyone: the use case behind `boardpack
//! archive import` and the desktop's restore. In order, before anything changes:
//!
//! 1. `archive.json` is read with a cap and parsed ([`super::parse`]).
//! 2. Every record goes through the domain's own checks ([`Check`]: the limits the CLI and
//!    the desktop keep), ids must be unique, files must be listed once, as PDFs.
//! 3. Every listed file is copied, capped, into a staging file beside the blob store,
//!    hashed, and checked as a PDF; every one must be a paper's, an appendix's or an
//!    earlier version's ([`resolve_attachments`]); then papers are checked like the rest.
//! 4. References are checked against the archive and the database together: committees,
//!    people, meetings, leads, a cover sheet's objectives and risks, and the agenda's shape
//!    (an item's parent is a top-level item of the same meeting: no item is its own
//!    parent, no parents loop).
//! 5. Records already in the database with other contents are listed; unless the caller
//!    asked to replace them, the import stops there with [`Error::WouldOverwrite`].
//!
//! Then the staged files are kept and the records written in one transaction, actions'
//! statuses made to agree with their latest updates. It must not write anything before
//! step 5 has passed, and must never hold more than one attached file in memory.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Display;
use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};

use boardpack_core::agenda::{AgendaItem, Lead};
use boardpack_core::check::Check;
use boardpack_core::validate::clip;
use boardpack_core::{AgendaItemId, MeetingId};

use super::source::{size_text, ImportLimits, Source};
use super::{bad, parse, Archive, ArchiveScope, ImportSummary};
use crate::blobstore::BlobRef;
use crate::error::{Error, Result};
use crate::store::{
    actions as ac, agenda as ag, blobs as b, committees as c, meetings as m, papers as pp,
    risks as r, room as rm,
};
use crate::Boardpack;

/// How to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Put the archive's version of records that the database holds with other contents
    /// (restoring an older backup undoes what changed since). Without it such an import
    /// is refused with [`Error::WouldOverwrite`], listing them.
    pub replace: bool,
    pub limits: ImportLimits,
}

/// A file of the archive, copied into the blob store's staging area and checked.
struct Staged {
    blob: BlobRef,
    /// Until it is kept in the blob store.
    file: Option<tempfile::NamedTempFile>,
    pages: u32,
    /// A tagged PDF (derived from its bytes, so read again here rather than carried).
    tagged: bool,
}

/// "The archive's agenda item “Finance report”: the item title is … Nothing was imported."
fn record_error(record: &str, e: impl Display) -> Error {
    let text = e.to_string();
    // The check's sentence continues ours: "The item title" → "the item title".
    let mut chars = text.chars();
    let text = match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_ascii_uppercase() && !second.is_uppercase() => {
            format!("{}{}", first.to_ascii_lowercase(), &text[1..])
        }
        _ => text,
    };
    bad(format!(
        "The archive's {record}: {text} Nothing was imported."
    ))
}

fn quoted(text: &str) -> String {
    format!("“{}”", clip(text))
}

/// Refuses two records of one kind with the same key.
fn unique<T, K: Ord + Display>(what: &str, items: &[T], key: impl Fn(&T) -> K) -> Result<()> {
    let mut seen = BTreeSet::new();
    for x in items {
        let k = key(x);
        if seen.contains(&k) {
            return Err(bad(format!(
                "The archive holds two {what} with the id {k}: every record must have an id of its own. Nothing was imported."
            )));
        }
        seen.insert(k);
    }
    Ok(())
}

/// Step 2: the archive on its own — unique ids, every record within the domain's limits,
/// files listed once and as PDFs.
fn check_records(a: &Archive) -> Result<()> {
    unique("organisations", &a.organisations, |x| x.id)?;
    unique("committees", &a.committees, |x| x.id)?;
    unique("committees", &a.committees, |x| clip(&x.code))
        .map_err(|_| bad("The archive holds two committees with the same code: codes must differ. Nothing was imported."))?;
    unique("people", &a.people, |x| x.id)?;
    unique("memberships", &a.memberships, |x| x.id)?;
    unique("meetings", &a.meetings, |x| x.id)?;
    unique("objectives", &a.objectives, |x| x.id)?;
    unique("risks", &a.risks, |x| x.id)?;
    unique("agenda items", &a.agenda_items, |x| x.id)?;
    unique("papers", &a.papers, |x| x.id)?;
    unique("attendance records", &a.attendance, |x| {
        format!("{}/{}", x.meeting_id, x.person_id)
    })?;
    unique("attendees", &a.attendees, |x| x.id)?;
    unique("closing times", &a.meetings_closed, |x| x.meeting_id)?;
    unique("interests", &a.interests, |x| x.id)?;
    unique("declarations", &a.declarations, |x| x.id)?;
    unique("minutes", &a.minutes, |x| x.item_id)?;
    let actions: Vec<_> = a.minutes.iter().flat_map(|m| &m.actions).collect();
    unique("actions", &actions, |x| x.id)?;
    unique("action updates", &a.action_updates, |x| x.id)?;
    unique("versions of minutes", &a.minutes_versions, |x| {
        format!("{}/{}", x.meeting_id, x.version)
    })?;
    unique("pack issues", &a.pack_issues, |x| {
        format!("{}/{}/{}", x.meeting_id, x.kind.as_str(), x.version)
    })?;
    unique("files", &a.files, |x| clip(&x.path))?;
    let mut numbers = BTreeSet::new();
    for x in &a.meetings {
        if !numbers.insert((x.committee_id, x.number)) {
            return Err(bad(format!(
                "The archive holds two meetings numbered {} of the same committee. Nothing was imported.",
                x.number
            )));
        }
    }

    for x in &a.organisations {
        x.check()
            .map_err(|e| record_error(&format!("organisation {}", quoted(&x.name)), e))?;
    }
    for x in &a.committees {
        x.check().map_err(|e| {
            record_error(
                &format!("committee {} ({})", quoted(&x.name), clip(&x.code)),
                e,
            )
        })?;
    }
    for x in &a.people {
        x.check()
            .map_err(|e| record_error(&format!("person {}", quoted(&x.name)), e))?;
    }
    for x in &a.memberships {
        x.check()
            .map_err(|e| record_error(&format!("membership {}", x.id), e))?;
    }
    for x in &a.meetings {
        x.check().map_err(|e| {
            record_error(&format!("meeting of {} (number {})", x.date, x.number), e)
        })?;
    }
    for x in &a.objectives {
        x.check()
            .map_err(|e| record_error(&format!("strategic objective {}", x.id), e))?;
    }
    for x in &a.risks {
        x.check()
            .map_err(|e| record_error(&format!("risk {}", clip(&x.reference)), e))?;
    }
    for x in &a.agenda_items {
        x.check()
            .map_err(|e| record_error(&format!("agenda item {}", quoted(&x.title)), e))?;
    }
    // Papers are checked once their attachments point at the files (resolve_attachments):
    // a hand-written archive names them by path.
    for x in &a.attendance {
        x.check().map_err(|e| {
            record_error(
                &format!(
                    "attendance of person {} at meeting {}",
                    x.person_id, x.meeting_id
                ),
                e,
            )
        })?;
    }
    for x in &a.attendees {
        x.check()
            .map_err(|e| record_error(&format!("attendee {}", quoted(&x.name)), e))?;
    }
    for x in &a.interests {
        x.check()
            .map_err(|e| record_error(&format!("interest {}", x.id), e))?;
    }
    for x in &a.declarations {
        x.check()
            .map_err(|e| record_error(&format!("declaration {}", x.id), e))?;
    }
    for x in &a.minutes {
        x.check()
            .map_err(|e| record_error(&format!("minute of agenda item {}", x.item_id), e))?;
    }
    for x in &a.action_updates {
        x.check()
            .map_err(|e| record_error(&format!("action update {}", x.id), e))?;
    }
    for x in &a.pack_issues {
        x.check().map_err(|e| {
            record_error(
                &format!(
                    "version {} of the {} pack of meeting {}",
                    x.version,
                    x.kind.as_str(),
                    x.meeting_id
                ),
                e,
            )
        })?;
    }
    for x in &a.minutes_versions {
        x.check().map_err(|e| {
            record_error(
                &format!(
                    "version {} of the minutes of meeting {}",
                    x.version, x.meeting_id
                ),
                e,
            )
        })?;
    }
    for f in &a.files {
        if !matches!(
            f.media_type.as_str(),
            "application/pdf" | "image/png" | "image/jpeg"
        ) {
            return Err(bad(format!(
                "The archive lists {} as {}: an archive carries only papers' PDFs (application/pdf) and logos (image/png, image/jpeg). Nothing was imported.",
                clip(&f.path),
                clip(&f.media_type)
            )));
        }
        if let Some(sha) = &f.sha256 {
            let hex = sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit());
            if !hex {
                return Err(bad(format!(
                    "The archive lists {} with the SHA-256 “{}”, which is not one (64 hexadecimal digits). Nothing was imported.",
                    clip(&f.path),
                    clip(sha)
                )));
            }
        }
    }
    Ok(())
}

impl Boardpack {
    /// Imports an archive: a folder holding `archive.json`, a `.zip`, or a bare JSON file.
    /// Nothing changes unless all of it can be imported; records the database holds with
    /// other contents are not overwritten (see [`Boardpack::import_archive_with`]).
    pub fn import_archive(&self, path: &Path) -> Result<ImportSummary> {
        self.import_archive_with(path, &ImportOptions::default())
    }

    /// Imports an archive as [`Boardpack::import_archive`] does, with options: whether to
    /// replace records that differ, and the caps on what is read.
    pub fn import_archive_with(
        &self,
        path: &Path,
        options: &ImportOptions,
    ) -> Result<ImportSummary> {
        let limits = options.limits;
        let mut source = Source::open(path)?;
        let mut archive = parse(&source.read_json(&limits)?, &source.json_name())?;
        check_records(&archive)?;

        // Step 3: every file, capped, into staging; hashed and checked as a PDF one at a
        // time, so no more than one is ever in memory.
        let mut staged: BTreeMap<String, Staged> = BTreeMap::new();
        let mut total = 0u64;
        for f in &archive.files {
            let mut file = self.blobs.staging_file()?;
            let mut hashing = Hashing {
                hasher: Sha256::new(),
                to: file.as_file_mut(),
            };
            let left = limits.total.saturating_sub(total);
            let cap = limits.file.min(left);
            let size = source.copy_file(&f.path, cap, &mut hashing, || {
                bad(if cap < limits.file {
                    format!(
                        "The archive's files add up to more than the {} Boardpack takes in one import (an archive whose files swell when unpacked is refused). Nothing was imported.",
                        size_text(limits.total)
                    )
                } else {
                    format!(
                        "The attached file {} is larger than the {} Boardpack takes for one file (an archive whose files swell when unpacked is refused). Nothing was imported.",
                        clip(&f.path),
                        size_text(limits.file)
                    )
                })
            })?;
            total += size;
            let sha = hex::encode(hashing.hasher.finalize());
            if let Some(expected) = &f.sha256 {
                if !expected.eq_ignore_ascii_case(&sha) {
                    return Err(bad(format!(
                        "The attached file {} is damaged: its contents do not match the SHA-256 in archive.json. Nothing was imported.",
                        f.path
                    )));
                }
            }
            if f.size.is_some_and(|s| s != size) {
                return Err(bad(format!(
                    "The attached file {} has {size} bytes but archive.json says {}. Nothing was imported.",
                    f.path,
                    f.size.unwrap_or_default()
                )));
            }
            let bytes = std::fs::read(file.path()).map_err(Error::io("read", file.path()))?;
            if f.media_type != "application/pdf" {
                // A logo: a PNG or JPEG by its bytes, not only by its name.
                let image = bytes.starts_with(b"\x89PNG\r\n\x1a\n")
                    || bytes.starts_with(&[0xFF, 0xD8, 0xFF]);
                if !image {
                    return Err(bad(format!(
                        "The file {} is listed as {} but is not a PNG or JPEG image. Nothing was imported.",
                        clip(&f.path),
                        f.media_type
                    )));
                }
            }
            let facts = match f.media_type.as_str() {
                "application/pdf" => {
                    boardpack_pdf::inspect(&bytes).map(|facts| (facts.pages, facts.tagged))
                }
                _ => Ok((0, false)),
            };
            let (pages, tagged) = match facts {
                Ok(facts) => facts,
                Err(problem) => {
                    return Err(bad(format!(
                        "The attached file {} cannot be used: {problem}. An archive carries only papers' PDFs. Nothing was imported.",
                        f.path
                    )))
                }
            };
            drop(bytes);
            staged.insert(
                f.path.clone(),
                Staged {
                    blob: BlobRef {
                        sha256: sha,
                        size,
                        media_type: f.media_type.clone(),
                    },
                    file: Some(file),
                    pages,
                    tagged,
                },
            );
        }
        resolve_attachments(&mut archive, &staged)?;
        for x in &archive.papers {
            x.check()
                .map_err(|e| record_error(&format!("paper {}", quoted(&x.title)), e))?;
        }
        self.check_references(&archive)?;

        // Step 5: what would be overwritten.
        let overwritten = self.overwritten(&archive)?;
        if !overwritten.records.is_empty() && !options.replace {
            return Err(Error::WouldOverwrite {
                archive: path.display().to_string(),
                records: overwritten.records,
            });
        }

        for s in staged.values_mut() {
            if let Some(file) = s.file.take() {
                self.blobs.keep(file, &s.blob.sha256)?;
            }
        }
        let touched: BTreeSet<_> = archive
            .minutes
            .iter()
            .flat_map(|m| m.actions.iter().map(|a| a.id))
            .chain(archive.action_updates.iter().map(|u| u.action_id))
            .collect();
        self.store.write(|tx| {
            for o in &archive.organisations {
                c::upsert_organisation(tx, o)?;
            }
            for x in &archive.committees {
                if let Some(other) = c::committee_by_code(tx, &x.code)? {
                    if other.id != x.id {
                        return Err(bad(format!(
                            "The archive's committee {} uses the code {}, which a different committee in this database already has. Change one of the codes; nothing was imported.",
                            x.name, x.code
                        )));
                    }
                }
                c::upsert_committee(tx, x)?;
            }
            for p in &archive.people {
                c::upsert_person(tx, p)?;
            }
            for x in &archive.memberships {
                c::upsert_membership(tx, x).map_err(|e| clash(e, "membership"))?;
            }
            for x in &archive.meetings {
                if let Some(other) = m::meeting_by_number(tx, x.committee_id, x.number)? {
                    if other.id != x.id {
                        return Err(bad(format!(
                            "The archive's meeting of {} is number {}, which a different meeting in this database already has. Nothing was imported.",
                            x.date, x.number
                        )));
                    }
                }
                m::upsert_meeting(tx, x)?;
            }
            for s in staged.values() {
                b::insert_blob(tx, &s.blob)?;
                if s.blob.media_type == "application/pdf" {
                    b::set_tagged(tx, &s.blob.sha256, s.tagged)?;
                }
            }
            for x in &archive.objectives {
                r::upsert_objective(tx, x)?;
            }
            for x in &archive.risks {
                r::upsert_risk(tx, x)?;
            }
            // Parents before sub-items, so every parent exists when its children arrive.
            let mut items: Vec<&AgendaItem> = archive.agenda_items.iter().collect();
            items.sort_by_key(|i| i.parent_id.is_some());
            for x in items {
                ag::upsert_item(tx, x)?;
            }
            for x in &archive.papers {
                pp::upsert_paper(tx, x)?;
            }
            for x in &archive.attendance {
                rm::upsert_attendance(tx, x)?;
            }
            for x in &archive.attendees {
                rm::upsert_attendee(tx, x)?;
            }
            for x in &archive.meetings_closed {
                rm::set_closed(tx, x.meeting_id, Some(x.at))?;
            }
            for x in &archive.interests {
                rm::upsert_interest(tx, x)?;
            }
            for x in &archive.declarations {
                rm::upsert_declaration(tx, x)?;
            }
            // Actions the archive's minutes no longer have go, with their history (the
            // caller agreed: they were listed as overwritten).
            ac::delete_updates_of(tx, &overwritten.removed_actions)?;
            for x in &archive.minutes {
                rm::upsert_minute(tx, x)?;
            }
            for x in &archive.action_updates {
                ac::upsert_update(tx, x)?;
            }
            for x in &archive.minutes_versions {
                ac::insert_version(tx, x)?;
            }
            for x in &archive.pack_issues {
                crate::store::issues::insert_issue(tx, x)?;
            }
            for x in &archive.nil_returns {
                c::upsert_nil_return(tx, x)?;
            }
            // An action's status is its latest update's, whichever side each came from.
            let mut latest = BTreeMap::new();
            for u in ac::updates(tx)? {
                if touched.contains(&u.action_id) {
                    latest.insert(u.action_id, u);
                }
            }
            for u in latest.values() {
                ac::set_status(tx, u)?;
            }
            Ok(())
        })?;
        // The search index is derived: the records' entries came with them (triggers); the
        // text of the files is read now.
        self.index_files()?;
        Ok(ImportSummary {
            organisations: archive.organisations.len() as u32,
            committees: archive.committees.len() as u32,
            people: archive.people.len() as u32,
            memberships: archive.memberships.len() as u32,
            meetings: archive.meetings.len() as u32,
            agenda_items: archive.agenda_items.len() as u32,
            papers: archive.papers.len() as u32,
            risks: archive.risks.len() as u32,
            minutes: archive.minutes.len() as u32,
            files: staged.len() as u32,
            replaced: overwritten.records.len() as u32,
        })
    }

    /// Step 4: every id an archive refers to must be in the archive or already in the
    /// database, and the agenda must keep its shape once both are put together.
    fn check_references(&self, a: &Archive) -> Result<()> {
        self.store.read(|conn| {
            let orgs: BTreeSet<_> = a.organisations.iter().map(|x| x.id).chain(c::organisations(conn)?.into_iter().map(|x| x.id)).collect();
            let committees: BTreeSet<_> = a.committees.iter().map(|x| x.id).chain(c::committees(conn)?.into_iter().map(|x| x.id)).collect();
            let people: BTreeSet<_> = a.people.iter().map(|x| x.id).chain(c::people(conn)?.into_iter().map(|x| x.id)).collect();
            let missing = |what: &str, id: &dyn Display, from: &str| {
                bad(format!("The archive's {from} refers to {what} {id}, which is neither in the archive nor in this database. Nothing was imported."))
            };
            for x in &a.committees {
                if !orgs.contains(&x.organisation_id) {
                    return Err(missing("organisation", &x.organisation_id, &format!("committee {}", x.code)));
                }
            }
            for x in &a.memberships {
                if !committees.contains(&x.committee_id) {
                    return Err(missing("committee", &x.committee_id, &format!("membership {}", x.id)));
                }
                if !people.contains(&x.person_id) {
                    return Err(missing("person", &x.person_id, &format!("membership {}", x.id)));
                }
            }
            for x in &a.meetings {
                if !committees.contains(&x.committee_id) {
                    return Err(missing("committee", &x.committee_id, &format!("meeting of {}", x.date)));
                }
                if let Some(chair) = x.chair_id.filter(|p| !people.contains(p)) {
                    return Err(missing("person", &chair, &format!("meeting of {}", x.date)));
                }
            }
            let meetings: BTreeSet<_> = a.meetings.iter().map(|x| x.id).chain(m::meetings(conn, None)?.into_iter().map(|x| x.id)).collect();
            // The agenda as it will be: the database's items, the archive's over them.
            let mut agenda: BTreeMap<AgendaItemId, (MeetingId, Option<AgendaItemId>)> = ag::items(conn, None)?
                .into_iter()
                .map(|x| (x.id, (x.meeting_id, x.parent_id)))
                .collect();
            for x in &a.agenda_items {
                agenda.insert(x.id, (x.meeting_id, x.parent_id));
            }
            for x in a.objectives.iter().map(|o| (o.organisation_id, "objective")).chain(a.risks.iter().map(|r| (r.organisation_id, "risk"))) {
                if !orgs.contains(&x.0) {
                    return Err(missing("organisation", &x.0, x.1));
                }
            }
            let objectives: BTreeSet<_> = a.objectives.iter().map(|x| x.id).chain(r::objectives(conn, None)?.into_iter().map(|x| x.id)).collect();
            let risks: BTreeSet<_> = a.risks.iter().map(|x| x.id).chain(r::risks(conn, None)?.into_iter().map(|x| x.id)).collect();
            for x in &a.agenda_items {
                let named = format!("agenda item {}", quoted(&x.title));
                if !meetings.contains(&x.meeting_id) {
                    return Err(missing("meeting", &x.meeting_id, &named));
                }
                if let Lead::Member { person_id } = &x.lead {
                    if !people.contains(person_id) {
                        return Err(missing("lead", person_id, &named));
                    }
                }
            }
            // Every sub-item's parent: on the agenda, of the same meeting, a top-level item.
            // Checked over the whole agenda as it will be, so an archive cannot make a
            // database item's parent loop either.
            let archive_items: BTreeMap<_, _> = a.agenda_items.iter().map(|x| (x.id, x)).collect();
            for (id, (meeting, parent)) in &agenda {
                let Some(parent) = parent else { continue };
                // What the archive brings or touches; the database's own agenda is its own.
                if !archive_items.contains_key(id) && !archive_items.contains_key(parent) {
                    continue;
                }
                let named = || match archive_items.get(id) {
                    Some(x) => format!("agenda item {}", quoted(&x.title)),
                    None => format!("agenda item {id} (in this database)"),
                };
                let Some((parent_meeting, grandparent)) = agenda.get(parent) else {
                    return Err(missing("agenda item", parent, &named()));
                };
                if parent == id {
                    return Err(bad(format!("The archive's {} is its own parent: an item cannot be its own sub-item. Nothing was imported.", named())));
                }
                if parent_meeting != meeting {
                    return Err(bad(format!("The archive's {} is a sub-item of an item of another meeting ({parent}). Nothing was imported.", named())));
                }
                if let Some(grandparent) = grandparent {
                    return Err(bad(if grandparent == id {
                        format!("The archive's {} and its parent {parent} are each other's parents: parents cannot loop. Nothing was imported.", named())
                    } else {
                        format!("The archive's {} is a sub-item of a sub-item ({parent}): agenda items nest one level deep only (5.1, not 5.1.1). Nothing was imported.", named())
                    }));
                }
            }
            let items: BTreeSet<_> = agenda.keys().copied().collect();
            for x in &a.papers {
                let named = format!("paper {}", quoted(&x.title));
                if !items.contains(&x.item_id) {
                    return Err(missing("agenda item", &x.item_id, &named));
                }
                for id in x.cover.objectives.keys() {
                    if !objectives.contains(id) {
                        return Err(missing("strategic objective", id, &format!("{named} (its cover sheet)")));
                    }
                }
                for id in x.cover.risk_register.risks.iter().chain(&x.cover.baf.risks) {
                    if !risks.contains(id) {
                        return Err(missing("risk", id, &format!("{named} (its cover sheet)")));
                    }
                }
            }
            for x in &a.attendance {
                if !meetings.contains(&x.meeting_id) || !people.contains(&x.person_id) {
                    return Err(missing("meeting or person", &x.person_id, "attendance record"));
                }
            }
            for x in &a.meetings_closed {
                if !meetings.contains(&x.meeting_id) {
                    return Err(missing("meeting", &x.meeting_id, "closing time"));
                }
            }
            for x in &a.attendees {
                if !meetings.contains(&x.meeting_id) {
                    return Err(missing("meeting", &x.meeting_id, &format!("attendee {}", quoted(&x.name))));
                }
                if let Some(i) = x.items.iter().find(|i| !items.contains(i)) {
                    return Err(missing("agenda item", i, &format!("attendee {}", quoted(&x.name))));
                }
            }
            let interests: BTreeSet<_> = a.interests.iter().map(|x| x.id).chain(rm::interests(conn, None)?.into_iter().map(|x| x.id)).collect();
            for x in &a.nil_returns {
                if !people.contains(&x.person_id) {
                    return Err(missing("person", &x.person_id, "nil return"));
                }
            }
            for o in &a.organisations {
                let Some(logo) = &o.logo else { continue };
                let carried = a
                    .files
                    .iter()
                    .any(|f| f.sha256.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(&logo.sha256)));
                if !carried && !self.blobs.contains(&logo.sha256) {
                    return Err(bad(format!(
                        "The archive's organisation {} has a logo ({}) that is not among the archive's files. Nothing was imported.",
                        quoted(&o.name),
                        clip(&logo.sha256)
                    )));
                }
            }
            for x in &a.interests {
                if !people.contains(&x.person_id) {
                    return Err(missing("person", &x.person_id, "interest"));
                }
            }
            for x in &a.declarations {
                if !items.contains(&x.item_id) || !people.contains(&x.person_id) {
                    return Err(missing("agenda item or person", &x.item_id, "declaration"));
                }
                if let Some(i) = x.interest_id.filter(|i| !interests.contains(i)) {
                    return Err(missing("interest", &i, "declaration"));
                }
            }
            for x in &a.minutes {
                if !items.contains(&x.item_id) {
                    return Err(missing("agenda item", &x.item_id, "minute"));
                }
            }
            let actions: BTreeSet<_> = a
                .minutes
                .iter()
                .flat_map(|x| x.actions.iter().map(|a| a.id))
                .chain(ac::action_ids(conn)?)
                .collect();
            for x in &a.action_updates {
                if !actions.contains(&x.action_id) {
                    return Err(missing("action", &x.action_id, "action update"));
                }
            }
            for x in &a.pack_issues {
                if !meetings.contains(&x.meeting_id) {
                    return Err(missing("meeting", &x.meeting_id, "pack issue"));
                }
                let carried = a.files.iter().any(|f| {
                    f.sha256
                        .as_deref()
                        .is_some_and(|s| s.eq_ignore_ascii_case(&x.file_sha256))
                });
                if !carried && !self.blobs.contains(&x.file_sha256) {
                    return Err(bad(format!(
                        "Version {} of the {} pack of meeting {} refers to the issued file {}, which is not among the archive's files. Nothing was imported.",
                        x.version,
                        x.kind.as_str(),
                        x.meeting_id,
                        clip(&x.file_sha256)
                    )));
                }
            }
            for x in &a.minutes_versions {
                if !meetings.contains(&x.meeting_id) {
                    return Err(missing("meeting", &x.meeting_id, "minutes version"));
                }
                if let Some(i) = x.approved_at.filter(|i| !items.contains(i)) {
                    return Err(missing("agenda item", &i, "minutes version"));
                }
            }
            for x in &a.action_updates {
                if let Some(mt) = x.meeting_id.filter(|mt| !meetings.contains(mt)) {
                    return Err(missing("meeting", &mt, "action update"));
                }
            }
            Ok(())
        })
    }

    /// Step 5: the records the database holds with other contents than the archive's, in
    /// words ("Trust Board meeting 142 (3 December 2026)"), and the actions that replacing
    /// the minutes would remove.
    fn overwritten(&self, incoming: &Archive) -> Result<Overwritten> {
        let current = self.archive(&ArchiveScope::Everything)?;
        let mut out = Overwritten::default();
        let committee_name = |id| {
            current
                .committees
                .iter()
                .chain(&incoming.committees)
                .find(|c| c.id == id)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        };
        let person_name = |id| {
            current
                .people
                .iter()
                .chain(&incoming.people)
                .find(|p| p.id == id)
                .map(|p| quoted(&p.name))
                .unwrap_or_else(|| format!("person {id}"))
        };
        let meeting_name = |id: MeetingId| {
            current
                .meetings
                .iter()
                .chain(&incoming.meetings)
                .find(|m| m.id == id)
                .map(|m| {
                    format!(
                        "{} meeting {} ({})",
                        committee_name(m.committee_id),
                        m.number,
                        boardpack_core::validate::long_date(m.date)
                    )
                })
                .unwrap_or_else(|| format!("meeting {id}"))
        };
        let item_name = |id: AgendaItemId| {
            current
                .agenda_items
                .iter()
                .chain(&incoming.agenda_items)
                .find(|i| i.id == id)
                .map(|i| format!("{} ({})", quoted(&i.title), meeting_name(i.meeting_id)))
                .unwrap_or_else(|| format!("item {id}"))
        };
        /// The database's records that the archive has with other contents.
        fn changed<'a, T: PartialEq, K: Ord>(
            incoming: &'a [T],
            current: &'a [T],
            key: impl Fn(&T) -> K,
        ) -> impl Iterator<Item = &'a T> {
            let now: BTreeMap<K, &T> = current.iter().map(|x| (key(x), x)).collect();
            incoming
                .iter()
                .filter_map(move |x| now.get(&key(x)).filter(|c| **c != x).copied())
        }
        let r = &mut out.records;
        for x in changed(&incoming.organisations, &current.organisations, |x| x.id) {
            r.push(format!("organisation {}", quoted(&x.name)));
        }
        for x in changed(&incoming.committees, &current.committees, |x| x.id) {
            r.push(format!("committee {}", quoted(&x.name)));
        }
        for x in changed(&incoming.people, &current.people, |x| x.id) {
            r.push(format!("person {}", quoted(&x.name)));
        }
        for x in changed(&incoming.memberships, &current.memberships, |x| x.id) {
            r.push(format!(
                "membership of {} on {}",
                person_name(x.person_id),
                committee_name(x.committee_id)
            ));
        }
        for x in changed(&incoming.meetings, &current.meetings, |x| x.id) {
            r.push(meeting_name(x.id));
        }
        for x in changed(&incoming.objectives, &current.objectives, |x| x.id) {
            r.push(format!("strategic objective {}", quoted(&x.text)));
        }
        for x in changed(&incoming.risks, &current.risks, |x| x.id) {
            r.push(format!("risk {}", clip(&x.reference)));
        }
        for x in changed(&incoming.agenda_items, &current.agenda_items, |x| x.id) {
            r.push(format!("agenda item {}", item_name(x.id)));
        }
        for x in changed(&incoming.papers, &current.papers, |x| x.id) {
            r.push(format!("paper {}", quoted(&x.title)));
        }
        for x in changed(&incoming.attendance, &current.attendance, |x| {
            (x.meeting_id, x.person_id)
        }) {
            r.push(format!(
                "attendance of {} at {}",
                person_name(x.person_id),
                meeting_name(x.meeting_id)
            ));
        }
        for x in changed(&incoming.meetings_closed, &current.meetings_closed, |x| {
            x.meeting_id
        }) {
            r.push(format!("the time {} closed", meeting_name(x.meeting_id)));
        }
        for x in changed(&incoming.attendees, &current.attendees, |x| x.id) {
            r.push(format!(
                "attendee {} at {}",
                quoted(&x.name),
                meeting_name(x.meeting_id)
            ));
        }
        for x in changed(&incoming.interests, &current.interests, |x| x.id) {
            r.push(format!("interest of {}", person_name(x.person_id)));
        }
        for x in changed(&incoming.declarations, &current.declarations, |x| x.id) {
            r.push(format!(
                "declaration by {} at {}",
                person_name(x.person_id),
                item_name(x.item_id)
            ));
        }
        for x in changed(&incoming.minutes, &current.minutes, |x| x.item_id) {
            r.push(format!("minutes of {}", item_name(x.item_id)));
        }
        let updates: BTreeMap<_, usize> =
            current
                .action_updates
                .iter()
                .fold(BTreeMap::new(), |mut counts, u| {
                    *counts.entry(u.action_id).or_insert(0) += 1;
                    counts
                });
        for x in &incoming.minutes {
            let Some(now) = current.minutes.iter().find(|m| m.item_id == x.item_id) else {
                continue;
            };
            for gone in now
                .actions
                .iter()
                .filter(|a| !x.actions.iter().any(|b| b.id == a.id))
            {
                let history = match updates.get(&gone.id).copied().unwrap_or(0) {
                    0 => String::new(),
                    1 => " and its update".into(),
                    n => format!(" and its {n} updates"),
                };
                r.push(format!(
                    "action {} of {}, which the archive does not have (it would be removed{history})",
                    quoted(&gone.text),
                    item_name(x.item_id)
                ));
                out.removed_actions.push(gone.id);
            }
        }
        for x in changed(&incoming.action_updates, &current.action_updates, |x| x.id) {
            r.push(format!("update of {} to an action", x.date));
        }
        for x in changed(&incoming.pack_issues, &current.pack_issues, |x| {
            (x.meeting_id, x.kind, x.version)
        }) {
            r.push(format!(
                "version {} of the {} pack of {}",
                x.version,
                x.kind.as_str(),
                meeting_name(x.meeting_id)
            ));
        }
        for x in changed(&incoming.minutes_versions, &current.minutes_versions, |x| {
            (x.meeting_id, x.version)
        }) {
            r.push(format!(
                "version {} of the minutes of {}",
                x.version,
                meeting_name(x.meeting_id)
            ));
        }
        Ok(out)
    }
}

/// What importing an archive would overwrite.
#[derive(Debug, Default)]
struct Overwritten {
    /// In words, one per record.
    records: Vec<String>,
    /// Actions in the database that the archive's minutes do not have.
    removed_actions: Vec<boardpack_core::ActionId>,
}

/// Feeds what is written to a hash as well.
struct Hashing<'a> {
    hasher: Sha256,
    to: &'a mut std::fs::File,
}

impl Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.to.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.to.flush()
    }
}

/// Points every attachment at a file the archive carries: a `sha256` that names a file's
/// path (hand-written archives) becomes that file's hash, and pages and size are taken
/// from the file itself. An attachment whose file is not in the archive refuses the
/// import, and so does a file no attachment refers to: an archive carries papers' PDFs and
/// nothing else.
fn resolve_attachments(archive: &mut Archive, files: &BTreeMap<String, Staged>) -> Result<()> {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for paper in &mut archive.papers {
        let title = paper.title.clone();
        for a in paper
            .document
            .iter_mut()
            .chain(paper.appendices.iter_mut())
            .chain(paper.history.iter_mut())
        {
            let found = files.get_key_value(&a.sha256).or_else(|| {
                files
                    .iter()
                    .find(|(_, s)| s.blob.sha256.eq_ignore_ascii_case(&a.sha256))
            });
            let Some((path, staged)) = found else {
                return Err(bad(format!(
                    "The paper {} refers to the file {}, which is not in the archive. Nothing was imported.",
                    quoted(&title),
                    clip(&a.sha256)
                )));
            };
            used.insert(path.as_str());
            a.sha256 = staged.blob.sha256.clone();
            a.size = staged.blob.size;
            a.pages = staged.pages;
        }
    }
    // Every organisation's logo is an image the archive carries (or, in an archive of
    // part of a database, one the blob store holds already: checked with the references).
    for o in &archive.organisations {
        let Some(logo) = &o.logo else { continue };
        if !matches!(logo.media_type.as_str(), "image/png" | "image/jpeg") {
            return Err(bad(format!(
                "The archive's organisation {} has a logo of type “{}”: logos are image/png or image/jpeg. Nothing was imported.",
                quoted(&o.name),
                clip(&logo.media_type)
            )));
        }
        if let Some((path, _)) = files
            .iter()
            .find(|(_, s)| s.blob.sha256.eq_ignore_ascii_case(&logo.sha256))
        {
            used.insert(path.as_str());
        }
    }
    // Every issued pack's file.
    for x in &archive.pack_issues {
        if let Some((path, _)) = files
            .iter()
            .find(|(_, s)| s.blob.sha256.eq_ignore_ascii_case(&x.file_sha256))
        {
            used.insert(path.as_str());
        }
    }
    if let Some(path) = files.keys().find(|p| !used.contains(p.as_str())) {
        return Err(bad(format!(
            "The archive carries {}, which no paper, appendix or earlier version refers to: an archive carries only its papers' PDFs. Remove it from archive.json and the archive; nothing was imported.",
            clip(path)
        )));
    }
    Ok(())
}

fn clash(e: Error, what: &str) -> Error {
    match e {
        Error::Database(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            bad(format!("A {what} in the archive clashes with one already in this database (the same person on the same committee under another id). Nothing was imported."))
        }
        other => other,
    }
}
