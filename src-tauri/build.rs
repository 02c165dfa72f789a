//! Tauri's build step: reads tauri.conf.json and the capabilities, and embeds the icons.
//! With `tauri/custom-protocol` on, `generate_context!` also embeds ui/dist, so build the
//! UI first (scripts/build-app.sh does both).

fn main() {
    tauri_build::build()
}
