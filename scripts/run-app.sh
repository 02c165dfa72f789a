#!/usr/bin/env bash
# Builds and opens the Boardpack desktop app: the README's "run the app" command.
# Installs what is missing first (webkit headers, a C toolchain, Node/npm, with sudo when
# not root), builds with scripts/build-app.sh, then starts the app on the default database
# (BOARDPACK_DB, else boardpack.sqlite in the app-data folder). Arguments go to the app:
#   scripts/run-app.sh --db ~/boards/trust.sqlite
# An empty database offers "Load demo meeting" in the window.
set -euo pipefail
here="$PWD"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

. scripts/lib.sh
# shellcheck disable=SC2046
ensure_packages $(app_packages)
require_cargo

scripts/build-app.sh

target_dir="${CARGO_TARGET_DIR:-target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-app: there is no display to open the window on: run this in a desktop session (or under xvfb-run for a headless check)." >&2
  exit 1
fi
# Back in the caller's folder, so a relative --db path means what they typed.
cd "$here"
exec "$target_dir/debug/boardpack-desktop" "$@"
