# Shared by the scripts in this folder (source it; it is not a command): install missing
# Debian packages, and find tauri-driver. One place, so run-app.sh, setup.sh and e2e.sh
# agree on how things get installed.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# ensure_packages PKG… — apt-get installs those of PKG… that are not installed yet
# (one `apt-get update` first, only when something is missing).
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The packages that building and running the desktop app needs (Node and npm only when
# the machine has none).
app_packages() {
  local p=(build-essential pkg-config libwebkit2gtk-4.1-dev)
  command -v node >/dev/null 2>&1 || p+=(nodejs)
  command -v npm >/dev/null 2>&1 || p+=(npm)
  echo "${p[@]}"
}

require_cargo() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "Rust is not installed. Install it with rustup (https://rustup.rs), then run this again." >&2
    exit 1
  fi
}

# Prints the path of tauri-driver, installing it with cargo when it is missing.
tauri_driver_path() {
  local bin="${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver"
  if command -v tauri-driver >/dev/null 2>&1; then command -v tauri-driver; return; fi
  if [ ! -x "$bin" ]; then
    echo "installing tauri-driver" >&2
    cargo install tauri-driver --version "^2" --locked --quiet >&2
  fi
  echo "$bin"
}

# The Python tools the tests use to check Boardpack's output with programs nobody here
# wrote: two offline PDF/UA-1 checkers (page-validation's `page`, and `pdfua`), typst to
# make tagged test papers, and icalendar to read the exported calendars. Exact versions, in
# their own virtual environment (BOARDPACK_CHECKS_VENV, default ~/.cache/boardpack/checks);
# prints the environment's folder.
CHECKS_REQUIREMENTS="page-validation==0.11.0 pdfua==0.1.3 typst==0.15.2 icalendar==7.3.2"
checks_venv() {
  local venv="${BOARDPACK_CHECKS_VENV:-$HOME/.cache/boardpack/checks}"
  if [ ! -f "$venv/.stamp" ] || [ "$(cat "$venv/.stamp")" != "$CHECKS_REQUIREMENTS" ]; then
    command -v python3 >/dev/null 2>&1 || ensure_packages python3 python3-venv
    echo "installing the checkers ($CHECKS_REQUIREMENTS)" >&2
    rm -rf "$venv"
    python3 -m venv "$venv" >&2
    # shellcheck disable=SC2086
    "$venv/bin/pip" install --quiet --disable-pip-version-check $CHECKS_REQUIREMENTS >&2
    echo "$CHECKS_REQUIREMENTS" > "$venv/.stamp"
  fi
  echo "$venv"
}
