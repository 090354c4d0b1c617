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
# shellcheck disable=SC2086
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${SSELAB_BUILD_TYPE:-Release}" \
  ${SSELAB_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" --parallel "$jobs" --target "${SSELAB_TARGET:-all}"
