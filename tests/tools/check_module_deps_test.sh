#!/usr/bin/env bash
# Proves scripts/check_module_deps.sh can fail: on the fixture tree (a state
# source including plan, a core test including state, a plan source including
# through ../) it must exit non-zero and name each file, line and forbidden
# module, and nothing else (the allowed includes beside them pass).
#   tests/tools/check_module_deps_test.sh CHECK_SCRIPT FIXTURE_ROOT
set -uo pipefail
check="$1"
fixture="$2"

out="$(bash "$check" "$fixture" 2>&1)"
status=$?
echo "$out"

fail() {
  echo "FAIL: $1" >&2
  exit 1
}
[ "$status" -eq 1 ] || fail "expected exit 1 on the fixture, got $status"
expected=(
  "src/state/store.cpp:4: module state may not include ugc/plan/ (it may use: state core)"
  "tests/core/error_test.cpp:3: module core may not include ugc/state/ (it may use: core)"
  "src/plan/diff.cpp:6: module plan includes a path with ../ (it hides which module it reaches)"
  "module dependencies: 3 violation(s) of the ugc_module DEPS table in $fixture/CMakeLists.txt"
)
for line in "${expected[@]}"; do
  grep -qxF "$line" <<<"$out" || fail "missing: $line"
done
[ "$(wc -l <<<"$out")" -eq "${#expected[@]}" ] || fail "unexpected extra output"
echo "PASS"
