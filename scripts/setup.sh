#!/usr/bin/env bash
# Installs the Debian packages ugc needs (only those missing) and builds ugc
# (every target, or only UGC_BUILD_TARGET when set).
#   scripts/setup.sh [BUILD_DIR] [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ pkg-config git sqlite3
  libyaml-cpp-dev libcurl4-openssl-dev zlib1g-dev nlohmann-json3-dev libsqlite3-dev
  libspdlog-dev doctest-dev libcli11-dev libcpp-httplib-dev libssl-dev
  postgresql postgresql-common libpq-dev  # the PostgreSQL state backend; tests start a throwaway server
  node-ajv openssl curl ccache clang libclang-rt-14-dev jq
  chromium fonts-dejavu-core  # the analytics report test opens the report in headless Chromium
)
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
