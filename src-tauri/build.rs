//! Tauri's build step: reads tauri.conf.json and the capabilities, and embeds the icons.
//! With `tauri/custom-protocol` on, `generate_context!` also embeds ui/dist, so build the
//! UI first (scripts/build-app.sh does both).
//!
//! `generate_context!` does not compile at all when ui/dist is missing, which would stop
//! `cargo clippy`/`cargo check` of the app on a fresh clone. So when it is missing, this
//! writes a one-page stand-in that says how to build the real UI (and warns); the next
//! `npm run build` replaces it.

use std::path::Path;

const STAND_IN: &str = "<!doctype html>
<html lang=\"en-GB\">
  <head><meta charset=\"UTF-8\" /><title>Boardpack</title></head>
  <body>
    <h1>Boardpack</h1>
    <p>This build has no user interface: ui/dist was missing when it was compiled.
    Build the app with scripts/build-app.sh, which builds the interface first.</p>
  </body>
</html>
";

fn main() {
    ensure_frontend_dist();
    tauri_build::build()
}

fn ensure_frontend_dist() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/dist");
    // Run again whenever ui/dist changes or goes away.
    println!("cargo:rerun-if-changed=../ui/dist");
    if dist.exists() {
        return;
    }
    let written = std::fs::create_dir_all(&dist)
        .and_then(|()| std::fs::write(dist.join("index.html"), STAND_IN));
    match written {
        Ok(()) => println!(
            "cargo:warning=ui/dist was missing, so this build embeds a stand-in page; run scripts/build-app.sh to build the real UI"
        ),
        Err(e) => println!(
            "cargo:warning=ui/dist is missing and could not be created ({e}); run scripts/build-app.sh"
        ),
    }
}
