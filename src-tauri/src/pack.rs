//! The board pack's commands: where to save it by default, building it (off the UI thread,
//! with progress streamed to the window through a [`Channel`]), and opening a pack this
//! run wrote in the system's PDF viewer. The pack itself is
//! [`boardpack::Boardpack::export_pack`]'s work; these commands only carry it. The public
//! bulletin ([`boardpack::Boardpack::export_bulletin`]) is exported and opened the same way.
//!
//! The window may open only files the app itself exported in this run: `open_pack` checks
//! the path against that list and then asks the opener plugin's Rust side to open it. So the
//! webview gets no opener permission at all, which is tighter than any path scope a
//! capability can state for a file the user names at run time.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use boardpack::bulletin::BulletinReport;
use boardpack::pack::{PackProgress, PackReport};
use boardpack::{ErrorCode, ErrorReport};
use boardpack_core::MeetingId;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::commands::Database;

type Answer<T> = Result<T, ErrorReport>;

/// The packs written in this run: the only files `open_pack` opens.
#[derive(Debug, Default)]
struct Exported(Mutex<Vec<PathBuf>>);

impl Exported {
    fn of(app: &AppHandle) -> State<'_, Exported> {
        // Managed on first use, so main.rs only registers the commands.
        app.manage(Exported::default());
        app.state::<Exported>()
    }

    fn paths(&self) -> MutexGuard<'_, Vec<PathBuf>> {
        // A list of paths cannot be left half-changed, so a poisoned lock is still good.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn add(&self, path: PathBuf) {
        let mut paths = self.paths();
        if !paths.contains(&path) {
            paths.push(path);
        }
    }

    fn contains(&self, path: &Path) -> bool {
        self.paths().iter().any(|p| p == path)
    }
}

/// Lets `open_pack` open another document this run wrote (the register of interests).
pub(crate) fn remember(app: &AppHandle, path: PathBuf) {
    Exported::of(app).add(path);
}

fn report(code: ErrorCode, message: String) -> ErrorReport {
    ErrorReport {
        code,
        message,
        details: Vec::new(),
    }
}

/// Where to offer to save a meeting's pack: the committee, date and kind as the file name
/// ("Trust Board 2026-12-03 pack (public).pdf"), in the user's Documents folder (their home
/// folder if there is none).
#[tauri::command(rename_all = "snake_case")]
pub async fn pack_default_path(
    app: AppHandle,
    db: State<'_, Database>,
    meeting_id: MeetingId,
    public: bool,
) -> Answer<String> {
    let name = db.handle()?.pack_file_name(meeting_id, public)?;
    Ok(documents(&app).join(name).display().to_string())
}

/// The user's Documents folder, or their home folder if there is none.
pub(crate) fn documents(app: &AppHandle) -> PathBuf {
    let paths = app.path();
    paths
        .document_dir()
        .ok()
        .filter(|d| d.is_dir())
        .or_else(|| paths.home_dir().ok())
        .unwrap_or_default()
}

/// Refuses a relative path: the window must say where the file goes.
pub(crate) fn full_path(out: &Path, what: &str) -> Answer<()> {
    if out.is_absolute() {
        Ok(())
    } else {
        Err(report(
            ErrorCode::InvalidInput,
            format!(
                "“{}” is not a full path: give the folder the {what} goes in as well as the file name.",
                out.display()
            ),
        ))
    }
}

/// Where to offer to save a meeting's public bulletin: "Trust Board 2026-12-03
/// bulletin.pdf" in the user's Documents folder (their home folder if there is none).
#[tauri::command(rename_all = "snake_case")]
pub async fn bulletin_default_path(
    app: AppHandle,
    db: State<'_, Database>,
    meeting_id: MeetingId,
) -> Answer<String> {
    let name = db.handle()?.bulletin_file_name(meeting_id)?;
    Ok(documents(&app).join(name).display().to_string())
}

/// Builds a meeting's public bulletin into `out` on a worker thread; `open_pack` may then
/// open it.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_bulletin(
    app: AppHandle,
    meeting_id: MeetingId,
    out: PathBuf,
) -> Answer<BulletinReport> {
    full_path(&out, "bulletin")?;
    let worker = app.clone();
    let target = out.clone();
    let built = tauri::async_runtime::spawn_blocking(move || {
        let db = worker.state::<Database>();
        db.handle()?
            .export_bulletin(meeting_id, &target)
            .map_err(ErrorReport::from)
    })
    .await
    .map_err(|e| {
        report(
            ErrorCode::Internal,
            format!("Boardpack stopped on an internal fault while building the bulletin ({e}). No file was written; please report this."),
        )
    })??;
    Exported::of(&app).add(out);
    Ok(built)
}

/// Builds a meeting's pack (public or private) into `out`, sending each step to
/// `on_progress`. The build runs on a worker thread, so the window stays responsive.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_pack(
    app: AppHandle,
    meeting_id: MeetingId,
    public: bool,
    out: PathBuf,
    on_progress: Channel<PackProgress>,
) -> Answer<PackReport> {
    full_path(&out, "pack")?;
    let worker = app.clone();
    let target = out.clone();
    let built = tauri::async_runtime::spawn_blocking(move || {
        let db = worker.state::<Database>();
        db.handle()?
            .export_pack(meeting_id, public, &target, boardpack::today(), &mut |step| {
                // A window that has gone away just stops listening; the build goes on.
                let _ = on_progress.send(step);
            })
            .map_err(ErrorReport::from)
    })
    .await
    .map_err(|e| {
        report(
            ErrorCode::Internal,
            format!("Boardpack stopped on an internal fault while building the pack ({e}). No file was written; please report this."),
        )
    })??;
    Exported::of(&app).add(out);
    Ok(built)
}

/// Opens a pack or bulletin this run exported in the system's default PDF viewer.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_pack(app: AppHandle, path: PathBuf) -> Answer<()> {
    if !Exported::of(&app).contains(&path) {
        return Err(report(
            ErrorCode::NotFound,
            format!(
                "Boardpack opens only the packs it has just written, and {} is not one of them. Open it from your file manager instead.",
                path.display()
            ),
        ));
    }
    tauri_plugin_opener::open_path(&path, None::<&str>).map_err(|e| {
        report(
            ErrorCode::Io,
            format!(
                "Cannot open {} ({e}). Open it from your file manager instead.",
                path.display()
            ),
        )
    })
}
