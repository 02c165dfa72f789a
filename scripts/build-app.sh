#!/usr/bin/env bash
# Builds the desktop app: the web UI into ui/dist (npm ci only when node_modules does not
# match package-lock.json), then the boardpack-desktop binary in the mode that embeds
# ui/dist (`--features tauri/custom-protocol`; a plain `cargo build` would make a dev
# build that looks for a dev server). Debug profile. Prints the binary's path last.
# Needs: Rust, Node/npm, libwebkit2gtk-4.1-dev (scripts/run-app.sh or setup.sh install them).
set -euo pipefail
cd "$(dirname "$0")/.."

# The UI's packages, exactly as locked (the same stamp scripts/setup.sh uses).
if [ ! -f ui/node_modules/.package-lock.json ] || ! cmp -s ui/package-lock.json ui/node_modules/.lock-stamp; then
  echo "build-app: installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  cp ui/package-lock.json ui/node_modules/.lock-stamp
fi

echo "build-app: building the UI (type check, then bundle into ui/dist)"
(cd ui && npm run --silent build)

echo "build-app: building boardpack-desktop"
# Always this one feature set, so this build and clippy share their compiled dependencies.
cargo build -p boardpack-desktop --features tauri/custom-protocol

target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
binary="$target_dir/debug/boardpack-desktop"
if [ ! -x "$binary" ]; then
  echo "build-app: expected the app at $binary, but it is not there." >&2
  exit 1
fi
echo "build-app: the app is $binary"
