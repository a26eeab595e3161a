#!/usr/bin/env bash
# Bounded fuzz run of the campaign parser (libFuzzer + ASan/UBSan, clang).
#   scripts/fuzz.sh [SECONDS]   (default 60)
# Builds build-fuzz with clang, instruments the whole manifest module, runs the
# target from the seed corpus into a scratch corpus, fails on any crash.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
build_dir="${UGC_FUZZ_BUILD_DIR:-build-fuzz}"
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DUGC_FUZZ=ON -DUGC_WERROR=ON \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target campaign_parse_fuzz

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp fuzz/corpus/campaign/* "$work"/
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  "$build_dir/fuzz/campaign_parse_fuzz" "$work" \
  -max_total_time="$seconds" -runs=2000000 -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$build_dir/fuzz/" -print_final_stats=1
