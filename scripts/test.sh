#!/usr/bin/env bash
# Quick start, step 2: install what is missing, build everything and run the whole test
# suite with CTest. Same environment variables as scripts/build.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
build=${SSELAB_BUILD_DIR:-$root/build}
jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir "$build" --output-on-failure --parallel "$jobs" --timeout 600
