#!/usr/bin/env bash
# The README's main job: sets up, builds, and runs examples/sqlite end to end on an embedded SQLite
# database (see scripts/example.sh for what the run does).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
exec ./scripts/example.sh "${BUILD_DIR:-build}" examples/sqlite
