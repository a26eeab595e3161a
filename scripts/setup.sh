#!/usr/bin/env bash
# Installs the Debian packages ugc needs (only those missing) and builds ugc
# (every target, or only UGC_BUILD_TARGET when set).
#   [UGC_SETUP=demo|test] scripts/setup.sh [BUILD_DIR] [extra cmake args...]
# UGC_SETUP=demo: only what building and running ugc needs (scripts/demo.sh);
# test (the default, scripts/test.sh): also the test tools (clang, sanitizer
# and fuzzing runtime, Chromium, node-ajv, the packaging tools).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ pkg-config git sqlite3
  libyaml-cpp-dev libcurl4-openssl-dev zlib1g-dev nlohmann-json3-dev libsqlite3-dev
  libspdlog-dev doctest-dev libcli11-dev libcpp-httplib-dev libssl-dev
  openssl ccache libpq-dev  # libpq: the PostgreSQL state backend
  libmimalloc-dev           # the process heap (src/core/heap.cpp)
)
test_packages=(
  node-ajv curl clang libclang-rt-14-dev jq
  chromium fonts-dejavu-core  # the analytics report test opens the report in headless Chromium
  dpkg-dev file               # the package test: cpack's Depends come from dpkg-shlibdeps
  postgresql postgresql-common  # the tests start a throwaway PostgreSQL server
)
case "${UGC_SETUP:-test}" in
  demo) ;;
  test) packages+=("${test_packages[@]}") ;;
  *) echo "setup: UGC_SETUP must be demo or test, not '${UGC_SETUP}'" >&2; exit 2 ;;
esac
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir="${1:-build}"
shift || true
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)" ${UGC_BUILD_TARGET:+--target "$UGC_BUILD_TARGET"}
