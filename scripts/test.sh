#!/usr/bin/env bash
# Sets up, builds and runs every test, as CI does:
#  1. a normal build (g++, RelWithDebInfo) and the whole doctest suite;
#  2. a sanitizer build (clang, ASan+UBSan, -O1 as ASan advises, with the
#     libFuzzer targets) and the whole suite again;
#  3. a bounded run of every fuzz target in that build (scripts/fuzz.sh).
# Both builds are unity builds with warnings as errors (UGC_WERROR), under two
# compilers so each one's warnings count. Knobs for a quick local loop:
# UGC_SKIP_SANITIZE=1 skips 2 and 3, UGC_SKIP_FUZZ=1 skips 3,
# UGC_FUZZ_SECONDS (per target, default 20).
set -euo pipefail
cd "$(dirname "$0")/.."

# -g1 (line tables): enough for stack traces, and builds a third faster than -g.
UGC_SETUP=test scripts/setup.sh build -DUGC_WERROR=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
(cd build && ctest --output-on-failure -j"$(nproc)")

if [ "${UGC_SKIP_SANITIZE:-0}" != "1" ]; then
  CC=clang CXX=clang++ UGC_SETUP=test scripts/setup.sh build-asan -DUGC_WERROR=ON -DUGC_SANITIZE=ON -DUGC_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g1 -O1"
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  (cd build-asan && ctest --output-on-failure -j"$(nproc)")

  if [ "${UGC_SKIP_FUZZ:-0}" != "1" ]; then
    UGC_FUZZ_BUILD_DIR=build-asan scripts/fuzz.sh "${UGC_FUZZ_SECONDS:-20}"
  fi
fi
