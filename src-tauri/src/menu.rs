//! The window's menu bar. "File" offers the backup of everything and its restore, the
//! demo, and quit. A chosen item is passed to the web UI as a `menu` event carrying the
//! item's id; the UI asks where (a native dialog) and calls the command, as its own buttons
//! do, so the menu holds no logic of its own.

use tauri::menu::{MenuBuilder, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder};
use tauri::{App, Emitter};

/// The ids the UI listens for.
pub const BACKUP: &str = "backup";
pub const RESTORE: &str = "restore";
pub const DEMO: &str = "demo";

pub fn install(app: &mut App) -> tauri::Result<()> {
    let backup = MenuItemBuilder::with_id(BACKUP, "Back up everything…")
        .accelerator("CmdOrCtrl+Shift+B")
        .build(app)?;
    let restore = MenuItemBuilder::with_id(RESTORE, "Restore from a backup…").build(app)?;
    let demo = MenuItemBuilder::with_id(DEMO, "Load the demo meeting").build(app)?;
    let quit = PredefinedMenuItem::quit(app, Some("Quit"))?;
    let file = SubmenuBuilder::new(app, "File")
        .items(&[&backup, &restore])
        .separator()
        .item(&demo)
        .separator()
        .item(&quit)
        .build()?;
    let menu = MenuBuilder::new(app).item(&file).build()?;
    app.set_menu(menu)?;
    app.on_menu_event(|handle, event| {
        let id = event.id().as_ref();
        if [BACKUP, RESTORE, DEMO].contains(&id) {
            if let Err(e) = handle.emit("menu", id) {
                eprintln!("boardpack-desktop: the menu could not reach the window: {e}");
            }
        }
    });
    Ok(())
}
