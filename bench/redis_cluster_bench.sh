#!/usr/bin/env bash
# Runs build/bin/redis_store_bench against two fresh loopback clusters (3 masters and
# 1 master, scripts/redis-cluster.sh), stopping them afterwards. Arguments go to the
# benchmark (e.g. --benchmark_filter=BM_Search). SSELAB_REDIS_BENCH_PAIRS as there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SSELAB_BUILD_DIR:-$root/build}
work=$(mktemp -d)
cleanup() {
  "$root/scripts/redis-cluster.sh" stop "$work/c3" 2>/dev/null || true
  "$root/scripts/redis-cluster.sh" stop "$work/c1" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
SSELAB_BIN=$build/bin/sselab "$root/scripts/redis-cluster.sh" start "$work/c3" --port 7301 >/dev/null
SSELAB_BIN=$build/bin/sselab "$root/scripts/redis-cluster.sh" start "$work/c1" --port 7401 \
  --masters 1 >/dev/null
SSELAB_REDIS_CLUSTER=$work/c3 SSELAB_REDIS_CLUSTER_1=$work/c1 "$build/bin/redis_store_bench" "$@"
