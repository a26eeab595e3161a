#!/usr/bin/env bash
# plan_scale.sh: times the `ugc` process end to end, as users run it, on
# generated campaigns of 2,000 / 20,000 / 200,000 slots (50 markets x 2
# platforms x 20/200/2000 videos): `ugc validate`, `ugc expand`, and `ugc plan`
# against an empty and a fully applied state in each format (text, json,
# markdown, text with --out), then the ratios: plan / validate at each size and
# 200k / 20k. Wall and CPU (user + system) seconds and peak RSS come from
# /usr/bin/time; ratios use CPU time, which a busy machine disturbs less than
# wall time. Figures only, nothing is asserted.
#
#   bench/plan_scale.sh [BUILD_DIR] [SIZES...]     e.g. bench/plan_scale.sh build-rel 2000 20000
#
# BUILD_DIR holds ugc and bench/plan_bench (default: build). Use an optimised
# build. RUNS (default 3; 1 at 200k) runs per row, the fastest kept.
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

# measure KEY RUNS CMD...: the run of least CPU time of RUNS runs: its wall and
# CPU seconds and peak RSS (KiB).
measure() {
  local key=$1 runs=$2
  shift 2
  local best_w="" best_c="" best_m="" i
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
      local rc=$?
      # ugc plan --detailed-exitcode is not used; any non-zero exit is a failure.
      echo "plan_scale.sh: '$*' exited $rc:" >&2; tail -5 "$work/err" >&2; exit 1
    }
    read -r w u s m <"$work/time"
    c=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u + s}')
    if [ -z "$best_c" ] || awk -v a="$c" -v b="$best_c" 'BEGIN{exit !(a<b)}'; then best_w=$w; best_c=$c; best_m=$m; fi
  done
  wall[$key]=$best_w
  cpu[$key]=$best_c
  rss[$key]=$best_m
  printf '%-34s wall %7.2f s  cpu %7.2f s  %8.1f MiB   (%s bytes out)\n' "$key" "$best_w" "$best_c" \
    "$(awk -v m="$best_m" 'BEGIN{print m/1024}')" "$(stat -c %s "$work/out")"
}

formats=(text json markdown)
for n in "${sizes[@]}"; do
  videos=$((n / 100))
  runs=${RUNS:-$([ "$n" -ge 200000 ] && echo 1 || echo 3)}
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
echo "== plan / validate (CPU time, memory) at each size"
for n in "${sizes[@]}"; do
  for state in empty applied; do
    for f in "${formats[@]}"; do
      k="$n plan $state $f"
      printf '%-34s cpu %6sx   rss %6sx\n' "$k" "$(ratio "${cpu[$k]}" "${cpu[$n validate]}")" \
        "$(ratio "${rss[$k]}" "${rss[$n validate]}")"
    done
  done
done
big=200000 small=20000
if [ -n "${cpu[$big validate]:-}" ] && [ -n "${cpu[$small validate]:-}" ]; then
  echo
  echo "== $big / $small (CPU time, memory); linear is 10x"
  for k in validate expand "plan empty text" "plan empty json" "plan empty markdown" "plan empty text --out" \
    "plan applied text" "plan applied json" "plan applied markdown" "plan applied text --out"; do
    printf '%-28s cpu %6sx   rss %6sx\n' "$k" "$(ratio "${cpu[$big $k]}" "${cpu[$small $k]}")" \
      "$(ratio "${rss[$big $k]}" "${rss[$small $k]}")"
  done
fi
