#!/usr/bin/env bash
# Installs what Boardpack needs to build, run and test on a Debian/Ubuntu machine, and
# nothing that is already there: system packages (apt-get), the UI's npm packages, and
# tauri-driver for the window tests. Safe to run again; used by run-app.sh, test.sh and CI.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Build: webkit for the window; e2e: WebKitWebDriver and a virtual display; checks on PDFs.
packages=(build-essential pkg-config libwebkit2gtk-4.1-dev webkit2gtk-driver xvfb qpdf poppler-utils)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: Rust is not installed. Install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

# The UI's packages, exactly as locked; skipped when node_modules matches the lock file.
if [ ! -f ui/node_modules/.package-lock.json ] || ! cmp -s ui/package-lock.json ui/node_modules/.lock-stamp; then
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  cp ui/package-lock.json ui/node_modules/.lock-stamp
fi

# The WebDriver bridge for the window tests.
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --version "^2" --locked --quiet
fi
