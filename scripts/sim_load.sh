#!/usr/bin/env bash
# Load test of `ugc sim` with wrk: requests/s and latency percentiles (p50/p90/p99)
# for a GET (one bundle) and a POST (create bundle), rate limit opened wide.
# Usage: scripts/sim_load.sh [UGC_BINARY] [SECONDS] [CONNECTIONS] [THREADS]
set -euo pipefail
BIN=${1:-build/ugc}
SECS=${2:-10}
CONNS=${3:-16}
THREADS=${4:-2}
KEY=sk_$(printf 'a%.0s' $(seq 64))
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

"$BIN" sim --port 0 --clock 2027-03-01 --credits 1000000000 \
  --rate-capacity 1000000000 --rate-refill 1000000000 >"$work/out" &
pid=$!
for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.05; done
BASE=$(sed -n 's/.*listening on //p' "$work/out")
echo "sim at $BASE"

ID=$(curl -sS -X POST "$BASE/bundles" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
  -d '{"bundle_type":"account_and_videos","country":"USA","videos_quantity":3}' |
  grep -o '"bundle_id":"[0-9a-f-]*"' | head -1 | cut -d'"' -f4)

cat >"$work/get.lua" <<LUA
wrk.headers["X-API-Key"] = "$KEY"
LUA
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["X-API-Key"] = "$KEY"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"bundle_type":"account_and_videos","platform":"tiktok","country":"FR","videos_quantity":3}'
LUA

echo "== GET /bundles/{id} ($SECS s, $CONNS connections, $THREADS threads)"
wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency -s "$work/get.lua" "$BASE/bundles/$ID" |
  grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors"
echo "== POST /bundles ($SECS s, $CONNS connections, $THREADS threads)"
wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency -s "$work/post.lua" "$BASE/bundles" |
  grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors"
