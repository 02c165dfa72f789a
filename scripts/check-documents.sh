#!/usr/bin/env bash
# Accessibility of what Boardpack publishes, checked by two programs nobody here wrote: the
# demo's public documents (every meeting's public pack and public minutes, the bulletin,
# the public action log, the register and the year in figures) are exported with the
# `boardpack` command, packs of papers that arrived tagged are made by the engine's tests,
# and each goes through both offline PDF/UA-1 checkers (scripts/a11y-check.sh). Any failure
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
  export_doc "year-$code" year --committee "$code" --from 2026-04-01 --to 2027-03-31
done < <("$bin" --db "$db" meetings | cut -f2 | sort -u)

# Packs of papers that arrived tagged (typst-made PDF/UA-1 fixtures with headings, tables,
# figures and links), as the engine's tests assemble them: their tags are kept, so the
# pack is PDF/UA-1 as a whole.
BOARDPACK_KEEP_TAGGED="$work/tagged" cargo test -q --locked -p boardpack-pdf --test tagged >/dev/null
for f in two-tagged generated-and-papers; do
  [ -f "$work/tagged/$f.pdf" ] || { echo "the tagged-papers test did not write $f.pdf" >&2; exit 1; }
  files+=("$work/tagged/$f.pdf")
done

echo "checking ${#files[@]} documents: ${files[*]##*/}"
scripts/a11y-check.sh "${files[@]}"
