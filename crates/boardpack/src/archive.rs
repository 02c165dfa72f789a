//! The archive format: everything Boardpack holds, in and out, losslessly. An archive is a
//! folder or a `.zip` holding `archive.json` and the attached files under `files/`; a bare
//! JSON file is accepted too, its attachments named by paths relative to it. The format is
//! versioned and documented in `docs/archive.md` (prose) and `docs/archive.schema.json`.
//!
//! Export writes to a temporary sibling and renames it into place, so a failed export leaves
//! nothing behind. Import checks the whole archive (format, version, references, file
//! hashes) before it changes anything, then writes in one transaction: all or nothing.
//! Records are matched by id, so importing the same archive twice changes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use boardpack_core::actions::ActionUpdate;
use boardpack_core::agenda::AgendaItem;
use boardpack_core::attendance::{Attendee, MemberAttendance};
use boardpack_core::interests::{Declaration, Interest};
use boardpack_core::minutes::{Minute, MinutesVersion};
use boardpack_core::paper::{Objective, Paper};
use boardpack_core::risk::Risk;
use boardpack_core::{Committee, Meeting, MeetingId, Membership, Organisation, Person};

use crate::blobstore::BlobRef;
use crate::error::{Error, Result};
use crate::setup::no_meeting;
use crate::store::{
    actions as ac, agenda as ag, blobs as b, committees as c, meetings as m, papers as pp,
    risks as r, room as rm,
};
use crate::Boardpack;

/// The value of `format` in every archive.
pub const FORMAT: &str = "boardpack-archive";
/// The archive version this build writes (and the newest it reads).
pub const VERSION: u32 = 4;

/// What an archive holds: everything, or one meeting with what it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ArchiveScope {
    Everything,
    Meeting { meeting_id: MeetingId },
}

/// One attached file: where it is inside the archive and what it must contain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArchiveFile {
    /// Relative to `archive.json`, with `/` separators: "files/<sha256>.pdf".
    pub path: String,
    /// Checked on import when given; always written on export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    #[serde(default = "pdf")]
    pub media_type: String,
}

fn pdf() -> String {
    "application/pdf".into()
}

/// Everything Boardpack holds, or one meeting with what it needs: `archive.json`. See
/// docs/archive.md.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    /// Always "boardpack-archive".
    #[schemars(extend("const" = FORMAT))]
    pub format: String,
    /// The version of the format the archive was written in: 2 adds objectives, risks,
    /// agenda items, papers and committee settings; 3 adds attendance, attendees,
    /// interests, declarations and minutes; 4 adds each action's status, action updates,
    /// minutes versions, a person's phone and an organisation's bulletin wording. Older
    /// archives are read with empty lists and defaults.
    #[schemars(range(min = 1, max = VERSION))]
    pub version: u32,
    pub scope: ArchiveScope,
    /// An organisation's `bulletin_wording` may be absent (archives written before the
    /// bulletin): it is then empty, the default wording.
    #[serde(default)]
    pub organisations: Vec<Organisation>,
    #[serde(default)]
    pub committees: Vec<Committee>,
    /// A person's `phone` may be absent (archives written before the bulletin): it is then
    /// empty.
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub memberships: Vec<Membership>,
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// Since version 2: each organisation's strategic objectives.
    #[serde(default)]
    pub objectives: Vec<Objective>,
    /// Since version 2: risk registers (BAF and operational).
    #[serde(default)]
    pub risks: Vec<Risk>,
    /// Since version 2: agenda items of the meetings.
    #[serde(default)]
    pub agenda_items: Vec<AgendaItem>,
    /// Since version 2: papers with their cover sheets; attachments name their file by
    /// `sha256` (or, in a hand-written archive, by its path in `files`).
    #[serde(default)]
    pub papers: Vec<Paper>,
    /// Since version 3: members' attendance at meetings.
    #[serde(default)]
    pub attendance: Vec<MemberAttendance>,
    /// Since version 3: others in attendance.
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    /// Since version 3: the register of interests.
    #[serde(default)]
    pub interests: Vec<Interest>,
    /// Since version 3: declarations of interest at items.
    #[serde(default)]
    pub declarations: Vec<Declaration>,
    /// Since version 3: the minutes of items, with their actions (since version 4, each
    /// action with its status).
    #[serde(default)]
    pub minutes: Vec<Minute>,
    /// Since version 4: the history of updates to actions.
    #[serde(default)]
    pub action_updates: Vec<ActionUpdate>,
    /// Since version 4: kept versions of minutes (the approved ones among them).
    #[serde(default)]
    pub minutes_versions: Vec<MinutesVersion>,
    #[serde(default)]
    pub files: Vec<ArchiveFile>,
}

/// What an import brought in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportSummary {
    pub organisations: u32,
    pub committees: u32,
    pub people: u32,
    pub memberships: u32,
    pub meetings: u32,
    pub agenda_items: u32,
    pub papers: u32,
    pub risks: u32,
    pub minutes: u32,
    pub files: u32,
}

fn bad(msg: impl Into<String>) -> Error {
    Error::Archive(msg.into())
}

fn extension_for(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        _ => "",
    }
}

impl Boardpack {
    /// Gathers the archive of `scope` from the database (files not yet read).
    pub fn archive(&self, scope: &ArchiveScope) -> Result<Archive> {
        self.store.read(|conn| {
            let mut archive = Archive {
                format: FORMAT.into(),
                version: VERSION,
                scope: scope.clone(),
                organisations: c::organisations(conn)?,
                committees: c::committees(conn)?,
                people: c::people(conn)?,
                memberships: c::memberships(conn, None)?,
                meetings: m::meetings(conn, None)?,
                objectives: r::objectives(conn, None)?,
                risks: r::risks(conn, None)?,
                agenda_items: ag::items(conn, None)?,
                papers: pp::papers(conn, None)?,
                attendance: rm::attendance(conn, None)?,
                attendees: rm::attendees(conn, None)?,
                interests: rm::interests(conn, None)?,
                declarations: rm::declarations(conn, None)?,
                minutes: rm::minutes(conn, None)?,
                action_updates: ac::updates(conn)?,
                minutes_versions: ac::versions(conn, None)?,
                files: Vec::new(),
            };
            let all_blobs = b::blobs(conn)?;
            let blobs = match scope {
                ArchiveScope::Everything => all_blobs,
                ArchiveScope::Meeting { meeting_id } => {
                    let meeting =
                        m::meeting(conn, *meeting_id)?.ok_or_else(|| no_meeting(*meeting_id))?;
                    archive.meetings.retain(|x| x.id == meeting.id);
                    archive.committees.retain(|x| x.id == meeting.committee_id);
                    archive
                        .memberships
                        .retain(|x| x.committee_id == meeting.committee_id);
                    let orgs: BTreeSet<_> = archive
                        .committees
                        .iter()
                        .map(|x| x.organisation_id)
                        .collect();
                    archive.organisations.retain(|x| orgs.contains(&x.id));
                    let people: BTreeSet<_> = archive
                        .memberships
                        .iter()
                        .map(|x| x.person_id)
                        .chain(meeting.chair_id)
                        .collect();
                    archive.people.retain(|x| people.contains(&x.id));
                    archive
                        .objectives
                        .retain(|x| orgs.contains(&x.organisation_id));
                    archive.risks.retain(|x| orgs.contains(&x.organisation_id));
                    archive.agenda_items.retain(|x| x.meeting_id == meeting.id);
                    let items: BTreeSet<_> = archive.agenda_items.iter().map(|x| x.id).collect();
                    archive.papers.retain(|x| items.contains(&x.item_id));
                    archive.attendance.retain(|x| x.meeting_id == meeting.id);
                    archive.attendees.retain(|x| x.meeting_id == meeting.id);
                    archive.interests.retain(|x| people.contains(&x.person_id));
                    archive.declarations.retain(|x| items.contains(&x.item_id));
                    archive.minutes.retain(|x| items.contains(&x.item_id));
                    let actions: BTreeSet<_> = archive
                        .minutes
                        .iter()
                        .flat_map(|x| x.actions.iter().map(|a| a.id))
                        .collect();
                    archive
                        .action_updates
                        .retain(|x| actions.contains(&x.action_id));
                    archive
                        .minutes_versions
                        .retain(|x| x.meeting_id == meeting.id);
                    for x in &mut archive.action_updates {
                        // Reported at a later meeting, which this archive does not carry.
                        x.meeting_id = x.meeting_id.filter(|m| *m == meeting.id);
                    }
                    for x in &mut archive.minutes_versions {
                        // The approving item belongs to another meeting, not in this archive.
                        x.approved_at = x.approved_at.filter(|i| items.contains(i));
                    }
                    let used: BTreeSet<&str> = archive
                        .papers
                        .iter()
                        .flat_map(|p| p.document.iter().chain(&p.appendices).chain(&p.history))
                        .map(|a| a.sha256.as_str())
                        .collect();
                    all_blobs
                        .into_iter()
                        .filter(|b| used.contains(b.sha256.as_str()))
                        .collect()
                }
            };
            // Canonical order: by id (UUID v7, so by creation), which makes exports of
            // the same data identical byte for byte.
            archive.organisations.sort_by_key(|x| x.id);
            archive.committees.sort_by_key(|x| x.id);
            archive.people.sort_by_key(|x| x.id);
            archive.memberships.sort_by_key(|x| x.id);
            archive.meetings.sort_by_key(|x| x.id);
            archive.objectives.sort_by_key(|x| x.id);
            archive.risks.sort_by_key(|x| x.id);
            archive.agenda_items.sort_by_key(|x| x.id);
            archive.papers.sort_by_key(|x| x.id);
            archive
                .attendance
                .sort_by_key(|x| (x.meeting_id, x.person_id));
            archive.attendees.sort_by_key(|x| x.id);
            archive.interests.sort_by_key(|x| x.id);
            archive.declarations.sort_by_key(|x| x.id);
            archive.minutes.sort_by_key(|x| x.item_id);
            archive.action_updates.sort_by_key(|x| x.id);
            archive
                .minutes_versions
                .sort_by_key(|x| (x.meeting_id, x.version));
            archive.files = blobs
                .into_iter()
                .map(|blob| ArchiveFile {
                    path: format!("files/{}{}", blob.sha256, extension_for(&blob.media_type)),
                    sha256: Some(blob.sha256),
                    size: Some(blob.size),
                    media_type: blob.media_type,
                })
                .collect();
            Ok(archive)
        })
    }

    /// Writes the archive of `scope` to `out`: a `.zip` file, or else a new folder.
    pub fn export_archive(&self, scope: &ArchiveScope, out: &Path) -> Result<Archive> {
        let archive = self.archive(scope)?;
        let json = serde_json::to_vec_pretty(&archive)
            .map_err(|e| bad(format!("The archive could not be written as JSON: {e}.")))?;
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !parent.is_dir() {
            return Err(Error::OutFolderMissing(parent.to_path_buf()));
        }
        let is_zip = out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        if is_zip {
            let mut tmp = tempfile::NamedTempFile::new_in(parent)
                .map_err(Error::io("write the archive in", parent))?;
            {
                let mut zip = zip::ZipWriter::new(tmp.as_file_mut());
                // A fixed timestamp keeps zips of the same data identical.
                let options = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated)
                    .last_modified_time(zip::DateTime::default());
                let zip_err = |e: zip::result::ZipError| {
                    bad(format!(
                        "The zip file {} could not be written: {e}.",
                        out.display()
                    ))
                };
                zip.start_file("archive.json", options).map_err(zip_err)?;
                zip.write_all(&json).map_err(Error::io("write", out))?;
                for f in &archive.files {
                    let sha = f.sha256.as_deref().unwrap_or_default();
                    let bytes = self.blobs.read(sha)?;
                    zip.start_file(
                        f.path.as_str(),
                        options.compression_method(zip::CompressionMethod::Stored),
                    )
                    .map_err(zip_err)?;
                    zip.write_all(&bytes).map_err(Error::io("write", out))?;
                }
                zip.finish().map_err(zip_err)?;
            }
            tmp.as_file().sync_all().map_err(Error::io("write", out))?;
            tmp.persist(out)
                .map_err(|e| Error::io("write", out)(e.error))?;
        } else {
            if out.exists()
                && fs::read_dir(out)
                    .map_err(Error::io("read", out))?
                    .next()
                    .is_some()
            {
                return Err(bad(format!(
                    "{} already exists and is not empty: choose a new folder, or a name ending in .zip.",
                    out.display()
                )));
            }
            let tmp = tempfile::Builder::new()
                .prefix(".boardpack-export-")
                .tempdir_in(parent)
                .map_err(Error::io("write the archive in", parent))?;
            fs::write(tmp.path().join("archive.json"), &json)
                .map_err(Error::io("write", tmp.path()))?;
            for f in &archive.files {
                let dest = tmp.path().join(&f.path);
                if let Some(dir) = dest.parent() {
                    fs::create_dir_all(dir).map_err(Error::io("write", dir))?;
                }
                let sha = f.sha256.as_deref().unwrap_or_default();
                fs::write(&dest, self.blobs.read(sha)?).map_err(Error::io("write", &dest))?;
            }
            if out.exists() {
                fs::remove_dir(out).map_err(Error::io("replace", out))?;
            }
            let kept = tmp.keep();
            fs::rename(&kept, out).map_err(Error::io("write", out))?;
        }
        Ok(archive)
    }

    /// Imports an archive: a folder holding `archive.json`, a `.zip`, or a bare JSON file.
    /// Nothing changes unless all of it can be imported.
    pub fn import_archive(&self, path: &Path) -> Result<ImportSummary> {
        let mut source = Source::open(path)?;
        let mut archive = parse(&source.read_json()?, &source.json_name())?;
        // Read and check every file before touching the database.
        let mut files: BTreeMap<String, (BlobRef, Vec<u8>)> = BTreeMap::new();
        for f in &archive.files {
            let bytes = source.read_file(&f.path)?;
            let sha = hex::encode(Sha256::digest(&bytes));
            if let Some(expected) = &f.sha256 {
                if !expected.eq_ignore_ascii_case(&sha) {
                    return Err(bad(format!(
                        "The attached file {} is damaged: its contents do not match the SHA-256 in archive.json. Nothing was imported.",
                        f.path
                    )));
                }
            }
            if f.size.is_some_and(|s| s != bytes.len() as u64) {
                return Err(bad(format!(
                    "The attached file {} has {} bytes but archive.json says {}. Nothing was imported.",
                    f.path,
                    bytes.len(),
                    f.size.unwrap_or_default()
                )));
            }
            let blob = BlobRef {
                sha256: sha,
                size: bytes.len() as u64,
                media_type: f.media_type.clone(),
            };
            files.insert(f.path.clone(), (blob, bytes));
        }
        resolve_attachments(&mut archive, &files)?;
        self.check_references(&archive)?;
        for (blob, bytes) in files.values() {
            // Content-addressed: writing a blob the database never refers to is harmless.
            self.blobs.put_bytes(bytes, &blob.media_type)?;
        }
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
            for (blob, _) in files.values() {
                b::insert_blob(tx, blob)?;
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
            for x in &archive.interests {
                rm::upsert_interest(tx, x)?;
            }
            for x in &archive.declarations {
                rm::upsert_declaration(tx, x)?;
            }
            for x in &archive.minutes {
                rm::upsert_minute(tx, x)?;
            }
            for x in &archive.action_updates {
                ac::upsert_update(tx, x)?;
            }
            for x in &archive.minutes_versions {
                ac::insert_version(tx, x)?;
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
            files: files.len() as u32,
        })
    }

    /// Every id an archive refers to must be in the archive or already in the database.
    fn check_references(&self, a: &Archive) -> Result<()> {
        self.store.read(|conn| {
            let orgs: BTreeSet<_> = a.organisations.iter().map(|x| x.id).chain(c::organisations(conn)?.into_iter().map(|x| x.id)).collect();
            let committees: BTreeSet<_> = a.committees.iter().map(|x| x.id).chain(c::committees(conn)?.into_iter().map(|x| x.id)).collect();
            let people: BTreeSet<_> = a.people.iter().map(|x| x.id).chain(c::people(conn)?.into_iter().map(|x| x.id)).collect();
            let missing = |what: &str, id: &dyn std::fmt::Display, from: &str| {
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
            let items: BTreeSet<_> = a.agenda_items.iter().map(|x| x.id).chain(ag::items(conn, None)?.into_iter().map(|x| x.id)).collect();
            for x in a.objectives.iter().map(|o| (o.organisation_id, "objective")).chain(a.risks.iter().map(|r| (r.organisation_id, "risk"))) {
                if !orgs.contains(&x.0) {
                    return Err(missing("organisation", &x.0, x.1));
                }
            }
            for x in &a.risks {
                x.validate().map_err(|e| bad(format!("The archive's risk {}: {e} Nothing was imported.", x.reference)))?;
            }
            for x in &a.agenda_items {
                if !meetings.contains(&x.meeting_id) {
                    return Err(missing("meeting", &x.meeting_id, &format!("agenda item “{}”", x.title)));
                }
                if let Some(parent) = x.parent_id.filter(|p| !items.contains(p)) {
                    return Err(missing("agenda item", &parent, &format!("agenda item “{}”", x.title)));
                }
            }
            for x in &a.papers {
                if !items.contains(&x.item_id) {
                    return Err(missing("agenda item", &x.item_id, &format!("paper “{}”", x.title)));
                }
            }
            for x in &a.attendance {
                if !meetings.contains(&x.meeting_id) || !people.contains(&x.person_id) {
                    return Err(missing("meeting or person", &x.person_id, "attendance record"));
                }
            }
            for x in &a.attendees {
                if !meetings.contains(&x.meeting_id) {
                    return Err(missing("meeting", &x.meeting_id, &format!("attendee {}", x.name)));
                }
            }
            let interests: BTreeSet<_> = a.interests.iter().map(|x| x.id).chain(rm::interests(conn, None)?.into_iter().map(|x| x.id)).collect();
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
}

/// Points every attachment at a file the archive carries: a `sha256` that names a file's
/// path (hand-written archives) becomes that file's hash, and pages and size are taken
/// from the file itself. An attachment whose file is not in the archive (nor already in
/// the blob store) refuses the import.
fn resolve_attachments(
    archive: &mut Archive,
    files: &BTreeMap<String, (BlobRef, Vec<u8>)>,
) -> Result<()> {
    for paper in &mut archive.papers {
        let title = paper.title.clone();
        for a in paper
            .document
            .iter_mut()
            .chain(paper.appendices.iter_mut())
            .chain(paper.history.iter_mut())
        {
            let found = files.get(&a.sha256).or_else(|| {
                files
                    .values()
                    .find(|(b, _)| b.sha256.eq_ignore_ascii_case(&a.sha256))
            });
            let Some((blob, bytes)) = found else {
                return Err(bad(format!(
                    "The paper “{title}” refers to the file {}, which is not in the archive. Nothing was imported.",
                    a.sha256
                )));
            };
            let facts = boardpack_pdf::inspect(bytes).map_err(|p| {
                bad(format!("The paper “{title}” has an attachment ({}) that cannot be used: {p}. Nothing was imported.", a.file_name))
            })?;
            a.sha256 = blob.sha256.clone();
            a.size = blob.size;
            a.pages = facts.pages;
        }
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

/// Parses `archive.json`, telling a wrong format and an unknown version apart from bad JSON.
pub fn parse(json: &[u8], name: &str) -> Result<Archive> {
    let value: serde_json::Value = serde_json::from_slice(json).map_err(|e| {
        bad(format!(
            "{name} is not valid JSON ({e}). Nothing was imported."
        ))
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(bad(format!(
            "{name} is not a Boardpack archive: it lacks \"format\": \"{FORMAT}\". Nothing was imported."
        )));
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if (1..=u64::from(VERSION)).contains(&v) => {}
        Some(v) => {
            return Err(bad(format!(
                "{name} is archive version {v}; this Boardpack reads versions 1 to {VERSION}. Install a newer Boardpack to import it. Nothing was imported."
            )))
        }
        None => {
            return Err(bad(format!(
                "{name} has no archive version number. Nothing was imported."
            )))
        }
    }
    serde_json::from_value(value).map_err(|e| {
        bad(format!(
            "{name} does not match the archive format: {e}. Nothing was imported."
        ))
    })
}

/// Where an archive is read from.
enum Source {
    Folder(PathBuf),
    Bare {
        json: PathBuf,
        base: PathBuf,
    },
    Zip {
        path: PathBuf,
        zip: zip::ZipArchive<File>,
    },
}

impl Source {
    fn open(path: &Path) -> Result<Source> {
        if !path.exists() {
            return Err(bad(format!(
                "There is no archive at {}: check the path.",
                path.display()
            )));
        }
        if path.is_dir() {
            if !path.join("archive.json").is_file() {
                return Err(bad(format!(
                    "The folder {} holds no archive.json, so it is not a Boardpack archive.",
                    path.display()
                )));
            }
            return Ok(Source::Folder(path.to_path_buf()));
        }
        let mut head = [0u8; 4];
        let mut f = File::open(path).map_err(Error::io("read", path))?;
        let n = f.read(&mut head).map_err(Error::io("read", path))?;
        if n == 4 && &head == b"PK\x03\x04" {
            let file = File::open(path).map_err(Error::io("read", path))?;
            let zip = zip::ZipArchive::new(file).map_err(|e| {
                bad(format!(
                    "{} is not a readable zip file ({e}). Nothing was imported.",
                    path.display()
                ))
            })?;
            return Ok(Source::Zip {
                path: path.to_path_buf(),
                zip,
            });
        }
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Source::Bare {
            json: path.to_path_buf(),
            base,
        })
    }

    fn json_name(&self) -> String {
        match self {
            Source::Folder(dir) => dir.join("archive.json").display().to_string(),
            Source::Bare { json, .. } => json.display().to_string(),
            Source::Zip { path, .. } => format!("archive.json in {}", path.display()),
        }
    }

    fn read_json(&mut self) -> Result<Vec<u8>> {
        match self {
            Source::Folder(dir) => {
                let p = dir.join("archive.json");
                fs::read(&p).map_err(Error::io("read", p))
            }
            Source::Bare { json, .. } => fs::read(&*json).map_err(Error::io("read", json.clone())),
            Source::Zip { path, .. } => {
                let shown = path.display().to_string();
                self.read_zip_entry("archive.json").map_err(|_| {
                    bad(format!("The zip file {shown} holds no archive.json, so it is not a Boardpack archive."))
                })
            }
        }
    }

    fn read_file(&mut self, rel: &str) -> Result<Vec<u8>> {
        let relative = Path::new(rel);
        if relative.is_absolute()
            || relative.components().any(|c| {
                matches!(
                    c,
                    Component::ParentDir | Component::RootDir | Component::Prefix(_)
                )
            })
        {
            return Err(bad(format!(
                "The attached file path “{rel}” must stay inside the archive (no leading /, no ..). Nothing was imported."
            )));
        }
        let missing = |rel: &str| {
            bad(format!("The attached file {rel} named in archive.json is missing from the archive. Nothing was imported."))
        };
        match self {
            Source::Folder(dir) | Source::Bare { base: dir, .. } => {
                let p = dir.join(relative);
                fs::read(&p).map_err(|e| {
                    if e.kind() == std::io::ErrorKind::NotFound {
                        missing(rel)
                    } else {
                        Error::io("read", p)(e)
                    }
                })
            }
            Source::Zip { .. } => self.read_zip_entry(rel).map_err(|_| missing(rel)),
        }
    }

    fn read_zip_entry(&mut self, name: &str) -> Result<Vec<u8>> {
        let Source::Zip { path, zip } = self else {
            return Err(bad("not a zip"));
        };
        let mut entry = zip.by_name(name).map_err(|e| bad(e.to_string()))?;
        let mut out = Vec::with_capacity(entry.size() as usize);
        entry
            .read_to_end(&mut out)
            .map_err(|e| bad(format!("The zip file {} is damaged ({e}).", path.display())))?;
        Ok(out)
    }
}
