#!/usr/bin/env bash
# Accessibility of what Boardpack publishes, checked by two programs nobody here wrote: the
# demo's public documents (every meeting's public pack and public minutes, the bulletin,
# the public action log and the register) are exported with the `boardpack` command and
# each goes through both offline PDF/UA-1 checkers (scripts/a11y-check.sh). Any failure
# fails the run, naming the document and the rule. Needs the command built (cargo build
# -p boardpack-cli, or `cargo test`, which builds it) and the checkers (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

bin="${CARGO_TARGET_DIR:-target}/debug/boardpack"
[ -x "$bin" ] || { echo "$bin is missing: run 'cargo build -p boardpack-cli' first." >&2; exit 1; }
BOARDPACK_CHECKS_VENV="$(checks_venv)"
export BOARDPACK_CHECKS_VENV

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/demo.sqlite"
"$bin" --db "$db" demo >/dev/null

files=()
export_doc() { # export_doc NAME ARGS… — one document, into $work/NAME.pdf
  local name="$1"; shift
  "$bin" --db "$db" export "$@" --out "$work/$name.pdf" >/dev/null
  files+=("$work/$name.pdf")
}
while IFS=$'\t' read -r id code date _title; do
  # A meeting whose papers are not all in has no pack (the demo's past meeting); any other
  # refusal fails.
  if said="$("$bin" --db "$db" export pack --meeting "$id" --public --out "$work/pack-public-$code-$date.pdf" 2>&1)"; then
    files+=("$work/pack-public-$code-$date.pdf")
  else
    case "$said" in *"The pack cannot be built yet"*) ;; *) echo "$said" >&2; exit 1 ;; esac
  fi
  export_doc "minutes-public-$code-$date" minutes --meeting "$id" --public
  # A meeting with nothing marked for the bulletin has no bulletin; any other refusal fails.
  if ! said="$("$bin" --db "$db" export bulletin --meeting "$id" --out "$work/bulletin-$code-$date.pdf" 2>&1)"; then
    case "$said" in *"Nothing is marked for the bulletin"*) continue ;; *) echo "$said" >&2; exit 1 ;; esac
  fi
  files+=("$work/bulletin-$code-$date.pdf")
done < <("$bin" --db "$db" meetings)
while read -r code; do
  export_doc "actions-public-$code" actions --committee "$code" --public
  export_doc "register-$code" register --committee "$code"
done < <("$bin" --db "$db" meetings | cut -f2 | sort -u)

echo "checking ${#files[@]} documents: ${files[*]##*/}"
scripts/a11y-check.sh "${files[@]}"
