#!/usr/bin/env bash
# The README's test command: installs dependencies, builds, and runs the whole test suite
# (unit tests, acceptance tests through the provider binary, and the examples through terraform when present).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh -DATLAS_WERROR=ON
cd "${BUILD_DIR:-build}"
ctest --output-on-failure -j2 --timeout 900
