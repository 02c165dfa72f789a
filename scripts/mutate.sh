#!/usr/bin/env bash
# The mutation run (issue 10): 10,000 damaged corpus PDFs attached and packed, and 2,500
# damaged archives imported (seeded: BOARDPACK_MUTATION_SEED), with the peak memory of the
# whole run. CI runs the same tests with 200; this is the long run. Usage:
#   scripts/mutate.sh [count] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
seed="${2:-20261201}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
cargo test --locked --test it --no-run 2>/dev/null
# GNU time's "Maximum resident set size" is the largest of the test process and cargo.
BOARDPACK_MUTATIONS="$count" BOARDPACK_MUTATION_SEED="$seed" \
  /usr/bin/time -v -o "$report" \
  cargo test --locked --test it mutate -- --nocapture --test-threads 1 2>&1 |
  grep -E "mutated|test result|panicked"
peak_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$report")"
echo "peak memory: $((peak_kb / 1024)) MB (limit 1024 MB)"
test "$peak_kb" -lt $((1024 * 1024))
