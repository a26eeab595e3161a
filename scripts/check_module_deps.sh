#!/usr/bin/env bash
# Fails when a module includes a header of a module it may not depend on.
#   scripts/check_module_deps.sh [ROOT]   (default: the repository)
# The table is ROOT/CMakeLists.txt's `ugc_module(<m> DEPS ...)` lines, the same
# lines that make the link lines: module m may include ugc/<m>/ and ugc/<d>/ for
# every ugc_<d> reachable through DEPS. Checked: src/<m>/, include/ugc/<m>/ and
# tests/<m>/. Run by ctest as "build: module dependencies".
set -euo pipefail

root="${1:-$(dirname "$0")/..}"
table="$root/CMakeLists.txt"

declare -A deps     # module -> its direct ugc_* DEPS, without the prefix
modules=()
while read -r line; do
  # "ugc_module(plan      DEPS ugc_expand ugc_state)"
  words="${line#ugc_module(}"
  words="${words%%)*}"
  read -r -a fields <<<"$words"
  name="${fields[0]}"
  modules+=("$name")
  deps[$name]=""
  for w in "${fields[@]:1}"; do
    [[ "$w" == ugc_* ]] && deps[$name]+=" ${w#ugc_}"
  done
done < <(grep -E '^ugc_module\(' "$table" || true)

if ((${#modules[@]} == 0)); then
  echo "$table: no ugc_module(...) lines: no dependency table to check against" >&2
  exit 1
fi

errors=0
complain() {
  echo "$1" >&2
  errors=$((errors + 1))
}

# The modules m may include: itself and everything reachable through DEPS.
declare -A allowed
for m in "${modules[@]}"; do
  seen=" $m "
  todo="${deps[$m]}"
  while [ -n "${todo// /}" ]; do
    read -r d todo <<<"$todo"
    [[ "$seen" == *" $d "* ]] && continue
    if [[ -z "${deps[$d]+set}" ]]; then
      complain "$table: module $m depends on ugc_$d, which is no ugc_module"
      continue
    fi
    seen+="$d "
    todo+=" ${deps[$d]}"
  done
  allowed[$m]="$seen"
done

# A directory for a module the table does not know would escape the check.
for dir in "$root"/src/*/ "$root"/include/ugc/*/; do
  [ -d "$dir" ] || continue
  m="$(basename "$dir")"
  [[ -n "${deps[$m]+set}" ]] || complain "${dir#"$root"/}: not a module of $table (add a ugc_module line)"
done

# Reads "file:line:#include ..." lines (grep -n) of module m's files; prints
# "V <message>" per forbidden include and "N <count>" of includes naming a
# module. One awk pass per directory: a fork per include took minutes.
# "ugc/plan/x.hpp" names plan; a tests/ helper "state/state_fixture.hpp" names
# state (when state is a module); "../x.hpp" hides what it names.
classify_includes() {
  awk -v m="$1" -v allowed="$2" -v modules=" ${modules[*]} " '
    {
      i = index($0, ":"); file = substr($0, 1, i - 1); rest = substr($0, i + 1)
      i = index(rest, ":"); line = substr(rest, 1, i - 1); text = substr(rest, i + 1)
      if (!match(text, /[<"][^>"]*[>"]/)) next
      path = substr(text, RSTART + 1, RLENGTH - 2)
      target = ""
      if (path ~ /^\.\.\//) target = ".."
      else if (path ~ /^ugc\/[^\/]+\//) { split(path, p, "/"); target = p[2] }
      else if (path ~ /^[^\/]+\//) { split(path, p, "/"); if (index(modules, " " p[1] " ")) target = p[1] }
      if (target == "") next
      count++
      where = file ":" line ": module " m
      if (target == "..") print "V " where " includes a path with ../ (it hides which module it reaches)"
      else if (!index(allowed, " " target " ")) {
        uses = allowed; sub(/ $/, "", uses)
        print "V " where " may not include ugc/" target "/ (it may use:" uses ")"
      }
    }
    END { print "N " count + 0 }'
}

includes=0
for m in "${modules[@]}"; do
  for dir in "src/$m" "include/ugc/$m" "tests/$m"; do
    [ -d "$root/$dir" ] || continue
    while IFS= read -r out; do
      case "$out" in
        "V "*) complain "${out#V }" ;;
        "N "*) includes=$((includes + ${out#N })) ;;
      esac
    done < <(cd "$root" && { grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' \
                               --include='*.cpp' --include='*.hpp' --include='*.h' "$dir" || true; } |
               classify_includes "$m" "${allowed[$m]}")
  done
done

if ((errors > 0)); then
  echo "module dependencies: $errors violation(s) of the ugc_module DEPS table in $table" >&2
  exit 1
fi
echo "module dependencies: $includes includes in ${#modules[@]} modules follow the ugc_module DEPS table"
