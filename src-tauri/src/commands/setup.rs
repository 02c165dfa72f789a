//! Commands of the first-run setup and the Settings screens: the organisation (details,
//! logo), committees (settings, quorum preview, retirement), members (add, edit, end, the
//! committee's order), the register of interests (entries, nil returns, the register for a
//! year and its PDF) and CSV imports (preview, then import). Each is one call into
//! [`boardpack::Boardpack`]; today's date is read here, the shell's edge, and passed in.

use std::path::PathBuf;

use boardpack::import::{ImportKind, ImportPreview};
use boardpack::interests::{InterestDetails, RegisterView};
use boardpack::{
    CommitteeSettings, MemberDetails, MemberSummary, OrganisationDetails, SetupChoices,
};
use boardpack_core::interests::{Interest, NilReturn};
use boardpack_core::validate::parse_date;
use boardpack_core::{
    Committee, CommitteeId, InterestId, MembershipId, Organisation, OrganisationId, Person,
    PersonId, QuorumPreview, QuorumRule,
};
use tauri::ipc::Response;
use tauri::{AppHandle, State};

use super::{Answer, Database};

/// The kinds of seat, categories of interest and standing items screens offer, with
/// their labels, and a new committee's defaults.
#[tauri::command(rename_all = "snake_case")]
pub async fn setup_choices(db: State<'_, Database>) -> Answer<SetupChoices> {
    Ok(db.handle()?.setup_choices())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_organisation(
    db: State<'_, Database>,
    details: OrganisationDetails,
) -> Answer<Organisation> {
    Ok(db.handle()?.create_organisation(&details)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_organisation(
    db: State<'_, Database>,
    id: OrganisationId,
    details: OrganisationDetails,
) -> Answer<Organisation> {
    Ok(db.handle()?.update_organisation(id, &details)?)
}

/// Sets the logo from the image file at `file` (checked, scaled, stored as PNG).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_logo(
    db: State<'_, Database>,
    organisation_id: OrganisationId,
    file: PathBuf,
) -> Answer<Organisation> {
    Ok(db.handle()?.set_logo(organisation_id, &file)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn remove_logo(
    db: State<'_, Database>,
    organisation_id: OrganisationId,
) -> Answer<Organisation> {
    Ok(db.handle()?.remove_logo(organisation_id)?)
}

/// The logo's PNG bytes, sent as binary (empty when there is no logo).
#[tauri::command(rename_all = "snake_case")]
pub async fn organisation_logo(
    db: State<'_, Database>,
    organisation_id: OrganisationId,
) -> Answer<Response> {
    let logo = db.handle()?.organisation_logo(organisation_id)?;
    Ok(Response::new(logo.map(|l| l.png).unwrap_or_default()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_committee(
    db: State<'_, Database>,
    organisation_id: OrganisationId,
    settings: CommitteeSettings,
) -> Answer<Committee> {
    Ok(db.handle()?.create_committee(organisation_id, &settings)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_committee(
    db: State<'_, Database>,
    id: CommitteeId,
    settings: CommitteeSettings,
) -> Answer<Committee> {
    Ok(db.handle()?.update_committee(id, &settings)?)
}

/// Retires a committee as of today, or (`retire` false) reinstates it.
#[tauri::command(rename_all = "snake_case")]
pub async fn retire_committee(
    db: State<'_, Database>,
    id: CommitteeId,
    retire: bool,
) -> Answer<Committee> {
    let on = retire.then(boardpack::today);
    Ok(db.handle()?.retire_committee(id, on)?)
}

/// The quorum rule in plain English on the committee's voting members today.
#[tauri::command(rename_all = "snake_case")]
pub async fn quorum_preview(
    db: State<'_, Database>,
    committee_id: Option<CommitteeId>,
    rule: QuorumRule,
) -> Answer<QuorumPreview> {
    Ok(db
        .handle()?
        .quorum_preview(committee_id, &rule, boardpack::today())?)
}

/// Everyone Boardpack knows, to seat someone already on another committee.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_people(db: State<'_, Database>) -> Answer<Vec<Person>> {
    Ok(db.handle()?.people()?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_member(
    db: State<'_, Database>,
    committee_id: CommitteeId,
    details: MemberDetails,
) -> Answer<MemberSummary> {
    Ok(db.handle()?.add_membership(committee_id, &details)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_member(
    db: State<'_, Database>,
    id: MembershipId,
    details: MemberDetails,
) -> Answer<MemberSummary> {
    Ok(db.handle()?.update_membership(id, &details)?)
}

/// Ends a membership on `to` (YYYY-MM-DD, the last day).
#[tauri::command(rename_all = "snake_case")]
pub async fn end_member(
    db: State<'_, Database>,
    id: MembershipId,
    to: String,
) -> Answer<MemberSummary> {
    let to = parse_date(&to).map_err(boardpack::Error::from)?;
    Ok(db.handle()?.end_membership(id, to)?)
}

/// Sets the committee's own order: every membership once, first to last.
#[tauri::command(rename_all = "snake_case")]
pub async fn reorder_members(
    db: State<'_, Database>,
    committee_id: CommitteeId,
    order: Vec<MembershipId>,
) -> Answer<Vec<MemberSummary>> {
    Ok(db.handle()?.reorder_members(committee_id, &order)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn committee_register(
    db: State<'_, Database>,
    committee_id: CommitteeId,
    year: i32,
) -> Answer<RegisterView> {
    Ok(db.handle()?.register(committee_id, year)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_interest(db: State<'_, Database>, details: InterestDetails) -> Answer<Interest> {
    Ok(db.handle()?.add_interest(&details, boardpack::today())?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_interest(
    db: State<'_, Database>,
    id: InterestId,
    details: InterestDetails,
) -> Answer<Interest> {
    Ok(db
        .handle()?
        .update_interest(id, &details, boardpack::today())?)
}

/// Ends an entry on `to` (YYYY-MM-DD, the last day it was held).
#[tauri::command(rename_all = "snake_case")]
pub async fn end_interest(db: State<'_, Database>, id: InterestId, to: String) -> Answer<Interest> {
    let to = parse_date(&to).map_err(boardpack::Error::from)?;
    Ok(db.handle()?.end_interest(id, to)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_interest(db: State<'_, Database>, id: InterestId) -> Answer<()> {
    Ok(db.handle()?.delete_interest(id)?)
}

/// Records a nil return for `year`, made today.
#[tauri::command(rename_all = "snake_case")]
pub async fn record_nil_return(
    db: State<'_, Database>,
    person_id: PersonId,
    year: i32,
) -> Answer<NilReturn> {
    Ok(db
        .handle()?
        .record_nil_return(person_id, year, boardpack::today())?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn remove_nil_return(
    db: State<'_, Database>,
    person_id: PersonId,
    year: i32,
) -> Answer<()> {
    Ok(db.handle()?.remove_nil_return(person_id, year)?)
}

/// What importing the CSV file at `file` would do, row by row. Saves nothing.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_import(
    db: State<'_, Database>,
    committee_id: CommitteeId,
    kind: ImportKind,
    file: PathBuf,
) -> Answer<ImportPreview> {
    Ok(db
        .handle()?
        .preview_import(committee_id, kind, &file, boardpack::today())?)
}

/// Imports the CSV file at `file`: every row, or nothing if any row has a problem.
#[tauri::command(rename_all = "snake_case")]
pub async fn run_import(
    db: State<'_, Database>,
    committee_id: CommitteeId,
    kind: ImportKind,
    file: PathBuf,
) -> Answer<ImportPreview> {
    Ok(db
        .handle()?
        .import(committee_id, kind, &file, boardpack::today())?)
}

/// Where to offer to save a committee's register as at today, in Documents.
#[tauri::command(rename_all = "snake_case")]
pub async fn register_default_path(
    app: AppHandle,
    db: State<'_, Database>,
    committee_id: CommitteeId,
) -> Answer<String> {
    let name = db
        .handle()?
        .register_file_name(committee_id, boardpack::today())?;
    Ok(crate::pack::documents(&app)
        .join(name)
        .display()
        .to_string())
}

/// Writes a committee's register of interests as at today to `out`; answers the pages.
/// `open_pack` may then open it.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_register(
    app: AppHandle,
    db: State<'_, Database>,
    committee_id: CommitteeId,
    out: PathBuf,
) -> Answer<u32> {
    crate::pack::full_path(&out, "register")?;
    let pages = db
        .handle()?
        .export_register(committee_id, boardpack::today(), &out)?;
    crate::pack::remember(&app, out);
    Ok(pages)
}
