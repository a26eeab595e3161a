#!/usr/bin/env bash
# The demo, on a fresh clone: build ugc, start the TokPortal simulator with its
# clock before the campaign's dates, plan and apply campaigns/ugc-wave-1.yaml,
# then show that a second plan has nothing left to do.
#   bash scripts/demo.sh
# UGC_BUILD_DIR picks the build directory (default: build); UGC_SKIP_BUILD=1
# uses the ugc binary already built there.
# Nothing outside a temp directory is written besides the build; the
# simulator is stopped however the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${UGC_BUILD_DIR:-build}"
campaign="campaigns/ugc-wave-1.yaml"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

if [ "${UGC_SKIP_BUILD:-0}" != "1" ]; then
  step "Building ugc (UGC_SETUP=demo scripts/setup.sh $build_dir)"
  UGC_SETUP=demo UGC_BUILD_TARGET=ugc bash scripts/setup.sh "$build_dir"
fi
ugc="$(pwd)/$build_dir/ugc"

work="$(mktemp -d)"
sim_pid=""
cleanup() {
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

step "Starting the simulator (ugc sim --port 0 --clock 2027-01-15)"
"$ugc" sim --port 0 --clock 2027-01-15 >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
url=""
for _ in $(seq 1 150); do
  url="$(grep -Eo 'http://[0-9.]+:[0-9]+[^[:space:]]*' "$work/sim.out" | head -n1 || true)"
  [ -n "$url" ] && break
  kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.err" >&2; echo "demo: ugc sim exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "demo: ugc sim printed no URL" >&2; exit 1; }
case "$url" in */api/ext*) ;; *) url="${url%/}/api/ext" ;; esac
echo "simulator at $url"

# A demo key in the real format (sk_ + 64 hex); the simulator accepts any well-formed key.
export TOKPORTAL_API_KEY="sk_$(openssl rand -hex 32)"
export TOKPORTAL_BASE_URL="$url"
state="$work/state.db"

step "ugc plan $campaign"
set +e
"$ugc" plan "$campaign" --state "$state"
code=$?
set -e
[ "$code" -le 2 ] || exit "$code"

step "ugc apply $campaign --auto-approve"
"$ugc" apply "$campaign" --state "$state" --auto-approve

step "ugc plan $campaign --detailed-exitcode (expect: no changes, exit 0)"
set +e
"$ugc" plan "$campaign" --state "$state" --detailed-exitcode
code=$?
set -e
if [ "$code" -ne 0 ]; then
  echo "demo: the second plan still has changes (exit $code)" >&2
  exit 1
fi
echo
echo "Second plan: no changes (exit 0). The campaign is applied; the simulator is stopped on exit."
