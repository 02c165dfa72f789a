//! Commands of the paper editor: adding a paper to an item, reading it, attaching its
//! document and appendices (by a path from the native Open dialog or typed by the user),
//! saving its details and cover sheet, deleting it.

use std::path::PathBuf;

use boardpack::papers::{NewPaper, PaperEdit, PaperSaved};
use boardpack_core::paper::Paper;
use boardpack_core::PaperId;
use tauri::State;

use super::{Answer, Database};

#[tauri::command(rename_all = "snake_case")]
pub async fn add_paper(db: State<'_, Database>, paper: NewPaper) -> Answer<PaperSaved> {
    Ok(db.handle()?.add_paper_reporting(&paper)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_paper(db: State<'_, Database>, id: PaperId) -> Answer<Paper> {
    Ok(db.handle()?.paper(id)?)
}

/// Attaches (or replaces) the paper's document; the one replaced stays in its history.
#[tauri::command(rename_all = "snake_case")]
pub async fn attach_document(db: State<'_, Database>, id: PaperId, file: PathBuf) -> Answer<Paper> {
    Ok(db.handle()?.attach_document(id, &file)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_appendix(
    db: State<'_, Database>,
    id: PaperId,
    file: PathBuf,
    title: String,
) -> Answer<Paper> {
    Ok(db.handle()?.add_appendix(id, &file, &title)?)
}

/// Removes the appendix at `index` (0-based); it stays in the paper's history.
#[tauri::command(rename_all = "snake_case")]
pub async fn remove_appendix(db: State<'_, Database>, id: PaperId, index: usize) -> Answer<Paper> {
    Ok(db.handle()?.remove_appendix(id, index)?)
}

/// Saves the paper's details and cover sheet; the answer lists papers re-lettered by it.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_paper(db: State<'_, Database>, edit: PaperEdit) -> Answer<PaperSaved> {
    Ok(db.handle()?.update_paper_reporting(&edit)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_paper(db: State<'_, Database>, id: PaperId) -> Answer<()> {
    Ok(db.handle()?.delete_paper(id)?)
}
