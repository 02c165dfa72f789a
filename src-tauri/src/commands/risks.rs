//! Commands of the risk registers screen and the cover sheet's governance questions: the
//! organisations, their strategic objectives and their risks (BAF and operational); and an
//! organisation's standard bulletin wording.

use boardpack::risks::NewRisk;
use boardpack_core::paper::{Objective, ObjectiveEntry};
use boardpack_core::risk::Risk;
use boardpack_core::{MeetingId, Organisation, OrganisationId};
use tauri::State;

use super::{Answer, Database};

#[tauri::command(rename_all = "snake_case")]
pub async fn list_organisations(db: State<'_, Database>) -> Answer<Vec<Organisation>> {
    Ok(db.handle()?.organisations()?)
}

/// The organisation that holds a meeting.
#[tauri::command(rename_all = "snake_case")]
pub async fn meeting_organisation(
    db: State<'_, Database>,
    meeting_id: MeetingId,
) -> Answer<Organisation> {
    Ok(db.handle()?.meeting_organisation(meeting_id)?)
}

/// Sets the standard wording an organisation's bulletins print (empty: the default).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_bulletin_wording(
    db: State<'_, Database>,
    organisation_id: OrganisationId,
    wording: String,
) -> Answer<Organisation> {
    Ok(db
        .handle()?
        .set_bulletin_wording(organisation_id, &wording)?)
}

/// Sets the organisation's own marking for the pages of confidential (Part 2) papers in
/// the full pack (empty: "CONFIDENTIAL – Part 2").
#[tauri::command(rename_all = "snake_case")]
pub async fn set_confidential_marking(
    db: State<'_, Database>,
    organisation_id: OrganisationId,
    marking: String,
) -> Answer<Organisation> {
    Ok(db
        .handle()?
        .set_confidential_marking(organisation_id, &marking)?)
}

/// The wording bulletins print when an organisation has not set its own.
#[tauri::command(rename_all = "snake_case")]
pub async fn default_bulletin_wording() -> Answer<String> {
    Ok(boardpack_core::bulletin::DEFAULT_WORDING.to_owned())
}

/// An organisation's risks, BAF first, by reference.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_risks(
    db: State<'_, Database>,
    organisation_id: OrganisationId,
) -> Answer<Vec<Risk>> {
    Ok(db.handle()?.risks(organisation_id)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_risk(db: State<'_, Database>, risk: NewRisk) -> Answer<Risk> {
    Ok(db.handle()?.add_risk(&risk)?)
}

/// Saves an edited risk (closing one is `open: false`; risks are never deleted).
#[tauri::command(rename_all = "snake_case")]
pub async fn update_risk(db: State<'_, Database>, risk: Risk) -> Answer<Risk> {
    Ok(db.handle()?.update_risk(&risk)?)
}

/// An organisation's strategic objectives, in order.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_objectives(
    db: State<'_, Database>,
    organisation_id: OrganisationId,
) -> Answer<Vec<Objective>> {
    Ok(db.handle()?.objectives(organisation_id)?)
}

/// Replaces the list of objectives, in order, each with its heading; entries with an id
/// keep it, so cover-sheet answers stay attached.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_objectives(
    db: State<'_, Database>,
    organisation_id: OrganisationId,
    objectives: Vec<ObjectiveEntry>,
) -> Answer<Vec<Objective>> {
    Ok(db.handle()?.set_objectives(organisation_id, &objectives)?)
}
