#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this): installs what is
# missing, then formatting, lints, unit/integration tests, the accessibility (PDF/UA-1) of
# the documents the demo publishes, the freshness of the generated
# TypeScript bindings, the UI type check, and the end-to-end tests in the real app window.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "setup"
scripts/setup.sh

step "format"
cargo fmt --all -- --check

step "lint (library, CLI, tests)"
cargo clippy --all-targets --locked -- -D warnings

step "the domain crate depends on neither Tauri nor SQLite"
if cargo tree -p boardpack-core -e normal --locked | grep -qiE '\b(tauri|rusqlite|libsqlite3-sys)\b'; then
  cargo tree -p boardpack-core -e normal -i rusqlite 2>/dev/null || true
  echo "boardpack-core must not depend on tauri or rusqlite (ARCHITECTURE.md)." >&2
  exit 1
fi

step "unit and integration tests"
# ts-rs rewrites ui/src/bindings while these run; start from empty so stale files show.
# The archive's JSON Schema (docs/archive.schema.json) is rewritten from the types too.
rm -rf ui/src/bindings
cargo test --locked

step "every public document of the demo is PDF/UA-1 (two offline checkers)"
scripts/check-documents.sh

step "generated TypeScript bindings and archive schema are committed and current"
if [ -n "$(git status --porcelain -- ui/src/bindings)" ]; then
  git status --short -- ui/src/bindings
  echo "ui/src/bindings is stale: run 'cargo test' and commit the result." >&2
  exit 1
fi
if [ -n "$(git status --porcelain -- docs/archive.schema.json)" ]; then
  git --no-pager diff --stat -- docs/archive.schema.json
  echo "docs/archive.schema.json is stale: run 'cargo test' and commit the result." >&2
  exit 1
fi

step "UI type check"
(cd ui && npm run --silent check)

step "build the desktop app"
scripts/build-app.sh

step "lint (desktop app)"
cargo clippy -p boardpack-desktop --features tauri/custom-protocol --locked -- -D warnings

step "end-to-end tests in the real window"
scripts/e2e.sh

step "all tests passed"
