#!/usr/bin/env bash
# Configures and builds sselab. Environment:
#   SSELAB_BUILD_DIR   build directory (default: build)
#   SSELAB_BUILD_TYPE  CMake build type (default: Release)
#   SSELAB_CMAKE_ARGS  extra CMake arguments, e.g. "-DSSELAB_SANITIZE=ON"
#   SSELAB_TARGET      target to build (default: all)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SSELAB_BUILD_DIR:-$root/build}
jobs=$(nproc 2>/dev/null || echo 2)
# A new build directory gets Ninja: it compiles a target's files while the libraries they
# depend on are still being built, where Make waits for each library in turn. A directory
# configured before keeps its generator (CMake refuses to switch).
generator=()
if [ ! -f "$build/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then
  generator=(-G Ninja)
fi
# shellcheck disable=SC2086
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE="${SSELAB_BUILD_TYPE:-Release}" \
  ${SSELAB_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" --parallel "$jobs" --target "${SSELAB_TARGET:-all}"
