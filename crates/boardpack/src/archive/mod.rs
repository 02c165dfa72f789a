//! The archive format: everything Boardpack holds, in and out, losslessly. An archive is a
//! folder or a `.zip` holding `archive.json` and the attached files under `files/`; a bare
//! JSON file is accepted too, its attachments named by paths relative to it. The format is
//! versioned and documented in `docs/archive.md` (prose) and `docs/archive.schema.json`.
//!
//! Export writes to a temporary sibling and renames it into place, so a failed export leaves
//! nothing behind, and carries only the files its papers refer to. Import (`import.rs`)
//! treats every archive as possibly hostile: it reads only ordinary files, with hard caps
//! (`source.rs`), runs every record through the same domain checks as the CLI and the
//! desktop, checks references, and will not silently overwrite records that differ, all
//! before it changes anything; then it writes in one transaction: all or nothing. Records
//! are matched by id, so importing the same archive twice changes nothing.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use boardpack_core::actions::ActionUpdate;
use boardpack_core::agenda::AgendaItem;
use boardpack_core::attendance::{Attendee, MemberAttendance};
use boardpack_core::interests::{Declaration, Interest, NilReturn};
use boardpack_core::minutes::{MeetingClosed, Minute, MinutesVersion};
use boardpack_core::paper::{Objective, Paper};
use boardpack_core::reissue::PackIssue;
use boardpack_core::risk::Risk;
use boardpack_core::{Committee, Meeting, MeetingId, Membership, Organisation, Person};

use crate::error::{Error, Result};
use crate::setup::no_meeting;
use crate::store::{
    actions as ac, agenda as ag, blobs as b, committees as c, issues as is, meetings as m,
    papers as pp, risks as r, room as rm,
};
use crate::Boardpack;

mod import;
mod source;

pub use import::ImportOptions;
pub use source::ImportLimits;

/// The value of `format` in every archive.
pub const FORMAT: &str = "boardpack-archive";
/// The archive version this build writes (and the newest it reads).
pub const VERSION: u32 = 7;

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
    /// minutes versions, a person's phone and an organisation's bulletin wording; 5 adds
    /// an organisation's language and logo, memberships' votes, order and dates, and nil
    /// returns to the register; 6 adds the initials of those in attendance, the time each
    /// meeting closed, objectives' headings, a previous consideration's outcome in words
    /// and an organisation's own confidentiality marking; 7 adds the timetable: a
    /// committee's `paper_deadline_days` and `pack_issue_days` count working days and
    /// clear days (earlier versions' calendar days are turned into them on import), its
    /// `minutes_due_days`, and an organisation's `holiday_region`; and the packs as issued
    /// (`pack_issues`) and their files. Older archives are read with empty lists and
    /// defaults.
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
    /// Since version 5: nil returns to the register of interests.
    #[serde(default)]
    pub nil_returns: Vec<NilReturn>,
    /// Since version 6: when meetings closed, as recorded for their minutes.
    #[serde(default)]
    pub meetings_closed: Vec<MeetingClosed>,
    /// Since version 7: each issue of a meeting's public or full pack (version, time, who
    /// issued it, each paper's hashes and pages); the issued file is among `files`.
    #[serde(default)]
    pub pack_issues: Vec<PackIssue>,
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
    /// Records that were in the database already with other contents and now hold the
    /// archive's (only with [`ImportOptions::replace`]).
    pub replaced: u32,
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
                nil_returns: c::nil_returns(conn, None)?,
                meetings_closed: rm::closings(conn, None)?,
                pack_issues: is::issues(conn, None)?,
                files: Vec::new(),
            };
            let all_blobs = b::blobs(conn)?;
            match scope {
                ArchiveScope::Everything => {}
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
                    archive
                        .meetings_closed
                        .retain(|x| x.meeting_id == meeting.id);
                    archive.interests.retain(|x| people.contains(&x.person_id));
                    archive
                        .nil_returns
                        .retain(|x| people.contains(&x.person_id));
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
                    archive.pack_issues.retain(|x| x.meeting_id == meeting.id);
                    for x in &mut archive.action_updates {
                        // Reported at a later meeting, which this archive does not carry.
                        x.meeting_id = x.meeting_id.filter(|m| *m == meeting.id);
                    }
                    for x in &mut archive.minutes_versions {
                        // The approving item belongs to another meeting, not in this archive.
                        x.approved_at = x.approved_at.filter(|i| items.contains(i));
                    }
                }
            }
            // The files the papers and logos refer to, and no others (a deleted paper's file
            // stays in the blob store but is no longer anyone's): import refuses
            // unreferenced files.
            let used: BTreeSet<&str> = archive
                .papers
                .iter()
                .flat_map(|p| p.document.iter().chain(&p.appendices).chain(&p.history))
                .map(|a| a.sha256.as_str())
                .chain(logos(&archive))
                .chain(archive.pack_issues.iter().map(|i| i.file_sha256.as_str()))
                .collect();
            let blobs: Vec<_> = all_blobs
                .into_iter()
                .filter(|b| used.contains(b.sha256.as_str()))
                .collect();
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
            archive.nil_returns.sort_by_key(|x| (x.person_id, x.year));
            archive.meetings_closed.sort_by_key(|x| x.meeting_id);
            archive
                .pack_issues
                .sort_by_key(|x| (x.meeting_id, x.kind, x.version));
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
            let mut tmp = crate::staging::file_in(parent)?;
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
            let tmp = crate::staging::dir_in(parent)?;
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
}

/// Parses `archive.json`, telling a wrong format and an unknown version apart from bad JSON.
/// The text is parsed once for its format and version (the rest skipped, not kept) and then
/// straight into an [`Archive`], so memory stays near the size of the archive itself.
pub fn parse(json: &[u8], name: &str) -> Result<Archive> {
    #[derive(Deserialize)]
    struct Head {
        #[serde(default)]
        format: Option<serde_json::Value>,
        #[serde(default)]
        version: Option<serde_json::Value>,
    }
    let head: Head = serde_json::from_slice(json).map_err(|e| {
        bad(format!(
            "{name} is not valid JSON ({e}). Nothing was imported."
        ))
    })?;
    if head.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(bad(format!(
            "{name} is not a Boardpack archive: it lacks \"format\": \"{FORMAT}\". Nothing was imported."
        )));
    }
    match head.version.as_ref().and_then(|v| v.as_u64()) {
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
    let mismatch = |e: serde_json::Error| {
        bad(format!(
            "{name} does not match the archive format: {e}. Nothing was imported."
        ))
    };
    let version = head.version.as_ref().and_then(|v| v.as_u64()).unwrap_or(0);
    if version < 7 {
        // Older archives lack what cannot be defaulted by a constant: go through a value.
        let mut value: serde_json::Value = serde_json::from_slice(json).map_err(mismatch)?;
        if version < 5 {
            fill_defaults(&mut value);
        }
        working_days(&mut value);
        return serde_json::from_value(value).map_err(mismatch);
    }
    serde_json::from_slice(json).map_err(mismatch)
}

/// The logos' blobs of an archive's organisations.
pub(crate) fn logos(archive: &Archive) -> impl Iterator<Item = &str> {
    archive
        .organisations
        .iter()
        .filter_map(|o| o.logo.as_ref())
        .map(|l| l.sha256.as_str())
}

/// Turns the calendar days a committee's deadlines were set in before version 7 into the
/// timetable's working days and clear days, as migration 13 does for a database
/// ([`boardpack_core::timetable::TimetableRules::from_calendar_days`]). Values that are not
/// whole numbers are left for the format check to refuse.
fn working_days(value: &mut serde_json::Value) {
    let Some(committees) = value.get_mut("committees").and_then(|c| c.as_array_mut()) else {
        return;
    };
    for c in committees.iter_mut().filter_map(|c| c.as_object_mut()) {
        let days = |key: &str| {
            c.get(key)
                .and_then(|v| v.as_u64())
                .and_then(|v| u32::try_from(v).ok())
        };
        // Left out, each had its default then: 7 and 5 days.
        let (papers, clear) = boardpack_core::timetable::TimetableRules::from_calendar_days(
            days("paper_deadline_days").unwrap_or(7),
            days("pack_issue_days").unwrap_or(5),
        );
        c.insert("paper_deadline_days".into(), papers.into());
        c.insert("pack_issue_days".into(), clear.into());
    }
}

/// Fills in what an older archive leaves out and cannot be defaulted by a constant: a
/// membership's vote (before version 5) follows its kind.
fn fill_defaults(value: &mut serde_json::Value) {
    let Some(memberships) = value.get_mut("memberships").and_then(|m| m.as_array_mut()) else {
        return;
    };
    for m in memberships.iter_mut().filter_map(|m| m.as_object_mut()) {
        if m.contains_key("voting") {
            continue;
        }
        let kind = m
            .get("kind")
            .cloned()
            .and_then(|k| serde_json::from_value::<boardpack_core::MemberKind>(k).ok());
        if let Some(kind) = kind {
            m.insert("voting".into(), kind.votes_by_default().into());
        }
    }
}
