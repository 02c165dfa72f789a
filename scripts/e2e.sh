#!/usr/bin/env bash
# End-to-end tests in the real app window. Installs what is missing (WebKitWebDriver, Xvfb,
# webkit headers, tauri-driver), builds the app (scripts/build-app.sh) and the `boardpack`
# command, starts a virtual display and tauri-driver, runs the window tests one at a time
# (tauri-driver serves one session at a time), and always stops tauri-driver (SIGTERM, so
# it stops WebKitWebDriver too; SIGKILL would orphan it and hang the run) and Xvfb.
# Extra arguments go to the test binary, e.g. `scripts/e2e.sh demo` runs the demo test.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib.sh
started=$SECONDS
step() { printf '\n=== e2e: %s (%ss)\n' "$*" "$((SECONDS - started))"; }

step "system packages and tauri-driver"
# shellcheck disable=SC2046
ensure_packages $(app_packages) webkit2gtk-driver xvfb poppler-utils
tauri_driver="$(tauri_driver_path)"

step "building the app"
scripts/build-app.sh

step "building the boardpack command and the window tests"
cargo build -p boardpack-cli
cargo test -p boardpack-e2e --features window --test window --no-run

work="$(mktemp -d)"
xvfb_pid=""
driver_pid=""
cleanup() {
  local status=$?
  if [ -n "$driver_pid" ] && kill -0 "$driver_pid" 2>/dev/null; then
    kill -TERM "$driver_pid" 2>/dev/null || true
    wait "$driver_pid" 2>/dev/null || true
  fi
  if [ -n "$xvfb_pid" ] && kill -0 "$xvfb_pid" 2>/dev/null; then
    kill -TERM "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$work/tauri-driver.log" ]; then
    echo "--- tauri-driver's log (last 40 lines)" >&2
    tail -n 40 "$work/tauri-driver.log" >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "starting Xvfb and tauri-driver"
# Xvfb picks a free display and writes its number to fd 5.
Xvfb -displayfd 5 -screen 0 1400x900x24 -nolisten tcp 5>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -s "$work/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || { cat "$work/xvfb.log" >&2; echo "e2e: Xvfb did not start" >&2; exit 1; }
  sleep 0.1
done
[ -s "$work/display" ] || { echo "e2e: Xvfb gave no display number" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$work/display")"

port="${TAURI_DRIVER_PORT:-4444}"
native_port="${TAURI_DRIVER_NATIVE_PORT:-$((port + 1))}"
"$tauri_driver" --port "$port" --native-port "$native_port" >"$work/tauri-driver.log" 2>&1 &
driver_pid=$!
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$driver_pid" 2>/dev/null || { cat "$work/tauri-driver.log" >&2; echo "e2e: tauri-driver did not start" >&2; exit 1; }
  sleep 0.1
done
echo "display $DISPLAY, tauri-driver on port $port"

step "running the window tests"
TAURI_DRIVER_URL="http://127.0.0.1:$port" \
  cargo test -p boardpack-e2e --features window --test window -- --test-threads=1 "$@"

step "done; screenshots in ${CARGO_TARGET_DIR:-target}/e2e-screenshots"
