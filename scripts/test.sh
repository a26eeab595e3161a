#!/usr/bin/env bash
# Sets up, builds and runs every test: a normal build, then an ASan+UBSan build
# that is also a non-unity build (each file its own translation unit, so a
# missing include or a file-scope name clash cannot hide in a batch).
# Warnings are errors in both (UGC_WERROR). UGC_SKIP_SANITIZE=1 skips the
# second build (for a quick local loop).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh build -DUGC_WERROR=ON
(cd build && ctest --output-on-failure -j"$(nproc)")

if [ "${UGC_SKIP_SANITIZE:-0}" != "1" ]; then
  scripts/setup.sh build-asan -DUGC_WERROR=ON -DUGC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_UNITY_BUILD=OFF
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  (cd build-asan && ctest --output-on-failure -j"$(nproc)")
fi

# A bounded libFuzzer run of the campaign parser (longer runs: scripts/fuzz.sh 3600).
if [ "${UGC_SKIP_FUZZ:-0}" != "1" ]; then
  scripts/fuzz.sh "${UGC_FUZZ_SECONDS:-60}"
fi
