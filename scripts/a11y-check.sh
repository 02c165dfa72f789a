#!/usr/bin/env bash
# Checks PDFs against PDF/UA-1 with two independent offline checkers from PyPI, installed by
# scripts/setup.sh in the checkers' virtual environment (scripts/lib.sh, checks_venv):
# `pdfua` and the PDF/UA-1 profile of `page-validation`. Prints every failure of every file,
# naming the checker and the rule, and fails when there is any.
#   scripts/a11y-check.sh FILE.pdf…
set -euo pipefail
# The files as given, from where the command was run.
files=()
for f in "$@"; do
  case "$f" in /*) files+=("$f") ;; *) files+=("$PWD/$f") ;; esac
done
set -- ${files[@]+"${files[@]}"}
cd "$(dirname "$0")/.."
. scripts/lib.sh

[ "$#" -gt 0 ] || { echo "usage: scripts/a11y-check.sh FILE.pdf…" >&2; exit 2; }
venv="${BOARDPACK_CHECKS_VENV:-$(checks_venv)}"
[ -x "$venv/bin/pdfua" ] || { echo "the PDF/UA checkers are missing in $venv: run scripts/setup.sh" >&2; exit 1; }

failed=0
for f in "$@"; do
  [ -f "$f" ] || { echo "$f: no such file" >&2; failed=1; continue; }
  bad=0
  if ! said="$("$venv/bin/pdfua" check "$f" 2>&1)"; then
    echo "✘ pdfua: $f"
    printf '%s\n' "$said" | sed 's/^/    /'
    bad=1
  fi
  if ! said="$("$venv/bin/python" - "$f" <<'PY' 2>&1
import sys
import page
r = page.validate_pdf(sys.argv[1], profile="ua1")
for f in r.failures:
    print(f"{f.rule_id}: {f.message}")
sys.exit(0 if r.is_compliant else 1)
PY
  )"; then
    echo "✘ page-validation (PDF/UA-1): $f"
    printf '%s\n' "$said" | sed 's/^/    /'
    bad=1
  fi
  if [ "$bad" = 1 ]; then failed=1; else echo "✔ $f (pdfua, page-validation PDF/UA-1)"; fi
done
exit "$failed"
