#!/usr/bin/env bash
# Quick start, step 2: install what is missing, build everything and run the whole test
# suite with CTest. Same environment variables as scripts/build.sh. The Redis Cluster store's
# tests get a cluster of their own (scripts/redis-cluster.sh, in BUILD/redis-cluster, ports
# SSELAB_TEST_REDIS_PORT.. +5, default 26001; the cluster bus takes -1000), stopped when the suite ends.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
build=${SSELAB_BUILD_DIR:-$root/build}
build=$(cd "$build" && pwd)  # absolute: CTest runs each test in a directory of its own
jobs=$(nproc 2>/dev/null || echo 2)
cluster=$build/redis-cluster
SSELAB_BIN=$build/bin/sselab "$root/scripts/redis-cluster.sh" start "$cluster" \
  --port "${SSELAB_TEST_REDIS_PORT:-26001}" >/dev/null
trap '"$root/scripts/redis-cluster.sh" stop "$cluster"' EXIT
export SSELAB_TEST_REDIS_CLUSTER=$cluster
ctest --test-dir "$build" --output-on-failure --parallel "$jobs" --timeout 600
