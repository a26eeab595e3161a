#!/usr/bin/env bash
# plan_scale.sh: times the `ugc` process end to end, as users run it, on
# generated campaigns of 2,000 / 20,000 / 200,000 slots (50 markets x 2
# platforms x 20/200/2000 videos): `ugc validate`, `ugc expand`, and `ugc plan`
# against an empty and a fully applied state in each format (text, json,
# markdown, text with --out), then the ratios: plan / validate at each size and
# 200k / 20k, in wall time, CPU time (user + system) and peak RSS. `ugc plan`
# lints on a second thread, so its wall time is below its CPU time on two or
# more cores. Figures only, nothing is asserted.
#
#   bench/plan_scale.sh [BUILD_DIR] [SIZES...]     e.g. bench/plan_scale.sh build-rel 2000 20000
#
# BUILD_DIR holds ugc and bench/plan_bench (default: build). Use an optimised
# build. RUNS (default 5) runs per row; each figure is its least: a busy host
# only adds (first touches of memory cost a virtual machine most).
set -euo pipefail

build=${1:-build}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(2000 20000 200000)
ugc="$build/ugc"
gen="$build/bench/plan_bench"
for tool in "$ugc" "$gen" /usr/bin/time; do
  [ -x "$tool" ] || { echo "plan_scale.sh: $tool not found or not executable (build ugc and plan_bench)" >&2; exit 1; }
done
"$ugc" --version  # names the heap: the figures depend on it (docs/design.md, plan at scale)
work=$(mktemp -d "${TMPDIR:-/tmp}/ugc-plan-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT

declare -A wall cpu rss

# measure KEY RUNS CMD...: of RUNS runs, the least wall and CPU seconds (each
# its own minimum: noise only adds) to the millisecond (bash's `time`), and
# the peak RSS (KiB, /usr/bin/time).
TIMEFORMAT='%3R %3U %3S'
measure() {
  local key=$1 runs=$2
  shift 2
  local best_w="" best_c="" best_m="" i w u s m c
  for ((i = 0; i < runs; i++)); do
    { time /usr/bin/time -f "%M" -o "$work/rss" "$@" >"$work/out" 2>"$work/err"; } 2>"$work/time" || {
      local rc=$?
      # ugc plan --detailed-exitcode is not used; any non-zero exit is a failure.
      echo "plan_scale.sh: '$*' exited $rc:" >&2; tail -5 "$work/err" >&2; exit 1
    }
    read -r w u s <"$work/time"
    read -r m <"$work/rss"
    c=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.3f", u + s}')
    if [ -z "$best_c" ] || awk -v a="$c" -v b="$best_c" 'BEGIN{exit !(a<b)}'; then best_c=$c; fi
    if [ -z "$best_w" ] || awk -v a="$w" -v b="$best_w" 'BEGIN{exit !(a<b)}'; then best_w=$w; fi
    if [ -z "$best_m" ] || [ "$m" -lt "$best_m" ]; then best_m=$m; fi
  done
  wall[$key]=$best_w
  cpu[$key]=$best_c
  rss[$key]=$best_m
  printf '%-34s wall %7.3f s  cpu %7.3f s  %8.1f MiB   (%s bytes out)\n' "$key" "$best_w" "$best_c" \
    "$(awk -v m="$best_m" 'BEGIN{print m/1024}')" "$(stat -c %s "$work/out")"
}

formats=(text json markdown)
for n in "${sizes[@]}"; do
  videos=$((n / 100))
  runs=${RUNS:-5}
  camp="$work/c$n.yaml" db="$work/s$n.db"
  echo "== $n slots (50 markets x 2 platforms x $videos videos), $runs run(s) per row"
  "$gen" --markets 50 --platforms 2 --videos "$videos" --write-campaign "$camp" --write-applied-state "$db" >/dev/null
  measure "$n validate" "$runs" "$ugc" validate "$camp"
  measure "$n expand" "$runs" "$ugc" expand "$camp"
  for state in empty applied; do
    st="$work/none.db"
    [ "$state" = applied ] && st="$db"
    for f in "${formats[@]}"; do
      measure "$n plan $state $f" "$runs" "$ugc" plan "$camp" --state "$st" --as-of 2027-02-01 --no-color --format "$f"
    done
    measure "$n plan $state text --out" "$runs" "$ugc" plan "$camp" --state "$st" --as-of 2027-02-01 --no-color \
      --out "$work/plan.json"
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }
echo
echo "== plan / validate (wall time: plan lints on a second thread; CPU time; memory) at each size"
for n in "${sizes[@]}"; do
  for state in empty applied; do
    for f in "${formats[@]}"; do
      k="$n plan $state $f"
      printf '%-34s wall %6sx   cpu %6sx   rss %6sx\n' "$k" "$(ratio "${wall[$k]}" "${wall[$n validate]}")" \
        "$(ratio "${cpu[$k]}" "${cpu[$n validate]}")" "$(ratio "${rss[$k]}" "${rss[$n validate]}")"
    done
  done
done
big=200000 small=20000
if [ -n "${cpu[$big validate]:-}" ] && [ -n "${cpu[$small validate]:-}" ]; then
  echo
  echo "== $big / $small (wall time, CPU time, memory); linear is 10x"
  for k in validate expand "plan empty text" "plan empty json" "plan empty markdown" "plan empty text --out" \
    "plan applied text" "plan applied json" "plan applied markdown" "plan applied text --out"; do
    printf '%-28s wall %6sx   cpu %6sx   rss %6sx\n' "$k" "$(ratio "${wall[$big $k]}" "${wall[$small $k]}")" \
      "$(ratio "${cpu[$big $k]}" "${cpu[$small $k]}")" "$(ratio "${rss[$big $k]}" "${rss[$small $k]}")"
  done
fi
