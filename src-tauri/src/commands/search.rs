//! The search box: one command that searches the whole archive (meetings, items, papers
//! and cover sheets, attached documents, minutes and actions), best first.

use boardpack::SearchHit;
use tauri::State;

use super::{Answer, Database};

#[tauri::command(rename_all = "snake_case")]
pub async fn search(
    db: State<'_, Database>,
    query: String,
    limit: usize,
) -> Answer<Vec<SearchHit>> {
    Ok(db.handle()?.search(&query, limit)?)
}
