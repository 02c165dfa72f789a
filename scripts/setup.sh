#!/usr/bin/env bash
# Installs what Boardpack needs to build, run and test on a Debian/Ubuntu machine, and
# nothing that is already there: system packages (apt-get), the UI's npm packages, and
# tauri-driver for the window tests. Safe to run again; used by test.sh and CI.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

# The app's build needs, plus: WebKitWebDriver and a virtual display for the window
# tests, qpdf and poppler-utils for the checks on PDFs; then the Python checkers (lib.sh).
# shellcheck disable=SC2046
ensure_packages $(app_packages) webkit2gtk-driver xvfb qpdf poppler-utils
require_cargo

# The UI's packages, exactly as locked; skipped when node_modules matches the lock file.
if [ ! -f ui/node_modules/.package-lock.json ] || ! cmp -s ui/package-lock.json ui/node_modules/.lock-stamp; then
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  cp ui/package-lock.json ui/node_modules/.lock-stamp
fi

tauri_driver_path >/dev/null
checks_venv >/dev/null
