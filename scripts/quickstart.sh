#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, and run the main job — an
# overview of every scheme over a synthetic corpus on the embedded RocksDB store.
# Arguments are passed to `sselab overview` (see `build/bin/sselab overview --help`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
SSELAB_TARGET=sselab_cli "$root/scripts/build.sh"
exec "${SSELAB_BUILD_DIR:-$root/build}/bin/sselab" overview "$@"
