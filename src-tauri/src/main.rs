//! Boardpack's desktop app: opens the database (`--db FILE`, else `BOARDPACK_DB`, else the
//! OS app-data folder, the same rule as the `boardpack` command) and shows the web UI of
//! `ui/` in one window. This crate is a shell: it parses, calls one method of
//! [`boardpack::Boardpack`] per command and hands back the result or an
//! [`boardpack::ErrorReport`]. No SQL and no business rule belong here.
//!
//! A database that cannot be opened does not stop the app: the window opens anyway and
//! every command answers with the error, so the user reads the sentence and can act on it.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod issue;
mod menu;
mod pack;
mod room;

use std::path::PathBuf;

use clap::Parser;
use tauri::Manager;

use commands::Database;

/// Command-line options. Unknown options are refused (clap prints why and exits).
#[derive(Debug, Parser)]
#[command(name = "boardpack-desktop", version, about = "Boardpack's desktop app")]
struct Options {
    /// The database file (default: BOARDPACK_DB, else boardpack.sqlite in the app-data folder).
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
}

fn main() {
    let options = Options::parse();
    let database = Database::open(options.db.as_deref());
    if let Err(report) = database.handle() {
        eprintln!("boardpack-desktop: {}", report.message);
    }
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(database)
        .setup(|app| {
            menu::install(app)?;
            // Files attached before search existed (an upgraded database) are read once,
            // off the window's thread; search finds their words as they are read.
            let app = app.handle().clone();
            std::thread::spawn(move || {
                if let Ok(boardpack) = app.state::<Database>().handle() {
                    if let Err(e) = boardpack.index_files() {
                        eprintln!("boardpack-desktop: attached papers' text not read: {e}");
                    }
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::database_path,
            commands::list_committees,
            commands::list_meetings,
            commands::list_members,
            commands::create_meeting,
            commands::load_demo,
            pack::pack_default_path,
            pack::export_pack,
            pack::open_pack,
            issue::pack_changes,
            issue::pack_issues,
            issue::issue_pack,
            pack::bulletin_default_path,
            pack::export_bulletin,
            room::meeting_room,
            room::set_attendance,
            room::save_attendee,
            room::remove_attendee,
            room::declare,
            room::remove_declaration,
            room::save_minute,
            room::set_meeting_closed,
            room::documents_folder,
            room::export_minutes,
            commands::agenda::meeting_agenda,
            commands::agenda::meeting_readiness,
            commands::agenda::add_item,
            commands::agenda::update_item,
            commands::agenda::move_item,
            commands::agenda::move_item_to_meeting,
            commands::agenda::delete_item,
            commands::papers::add_paper,
            commands::papers::get_paper,
            commands::papers::attach_document,
            commands::papers::add_appendix,
            commands::papers::remove_appendix,
            commands::papers::update_paper,
            commands::papers::delete_paper,
            commands::risks::list_organisations,
            commands::risks::meeting_organisation,
            commands::risks::set_bulletin_wording,
            commands::risks::set_confidential_marking,
            commands::risks::default_bulletin_wording,
            commands::risks::list_risks,
            commands::risks::add_risk,
            commands::risks::update_risk,
            commands::risks::list_objectives,
            commands::risks::set_objectives,
            commands::between::action_log,
            commands::between::matters_arising,
            commands::between::update_action,
            commands::between::export_actions,
            commands::between::export_year,
            commands::between::approval_state,
            commands::between::decide_minutes,
            commands::between::forward_plan,
            commands::between::propose_agenda,
            commands::between::accept_proposals,
            commands::between::backup,
            commands::between::restore,
            commands::search::search,
            commands::setup::setup_choices,
            commands::setup::create_organisation,
            commands::setup::update_organisation,
            commands::setup::set_logo,
            commands::setup::remove_logo,
            commands::setup::organisation_logo,
            commands::setup::create_committee,
            commands::setup::update_committee,
            commands::setup::retire_committee,
            commands::setup::quorum_preview,
            commands::setup::list_people,
            commands::setup::add_member,
            commands::setup::update_member,
            commands::setup::end_member,
            commands::setup::reorder_members,
            commands::setup::committee_register,
            commands::setup::add_interest,
            commands::setup::update_interest,
            commands::setup::end_interest,
            commands::setup::delete_interest,
            commands::setup::record_nil_return,
            commands::setup::remove_nil_return,
            commands::setup::preview_import,
            commands::setup::run_import,
            commands::setup::register_default_path,
            commands::setup::export_register,
            commands::timetable::meeting_timetable,
            commands::timetable::set_holiday_region,
            commands::timetable::calendar_default_path,
            commands::timetable::export_calendar,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("boardpack-desktop: the window could not be started: {e}");
        std::process::exit(1);
    }
}
