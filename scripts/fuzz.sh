#!/usr/bin/env bash
# Bounded libFuzzer runs of every fuzz target (everything that arrives from
# outside: campaign files, saved plans, API responses, webhook bodies).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 20 s, every target)
# Targets are fuzz/<name>_fuzz.cpp, seeded from fuzz/corpus/<name>/. They are
# built in UGC_FUZZ_BUILD_DIR (default build-fuzz; scripts/test.sh passes its
# clang sanitizer build, which already has them) with clang, libFuzzer, ASan
# and UBSan. Each runs from its seeds into a scratch corpus; any crash, leak or
# timeout fails the run and leaves the input in <build>/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-20}"
shift || true
build_dir="${UGC_FUZZ_BUILD_DIR:-build-fuzz}"
targets=("$@")
if ((${#targets[@]} == 0)); then
  for src in fuzz/*_fuzz.cpp; do targets+=("$(basename "$src" .cpp)"); done
fi

if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DUGC_FUZZ=ON \
    -DUGC_SANITIZE=ON -DUGC_WERROR=ON >/dev/null
fi
cmake --build "$build_dir" -j"$(nproc)" --target "${targets[@]}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for target in "${targets[@]}"; do
  name="${target%_fuzz}"
  mkdir -p "$work/$name"
  cp fuzz/corpus/"$name"/* "$work/$name"/
  echo "fuzz: $target for ${seconds}s"
  status=0
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$build_dir/fuzz/$target" "$work/$name" \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build_dir/fuzz/" -print_final_stats=1 >"$work/$name.log" 2>&1 || status=$?
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$work/$name.log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$work/$name.log"
    echo "fuzz: $target FAILED (exit $status)"
    exit 1
  fi
done
