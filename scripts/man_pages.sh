#!/usr/bin/env bash
# scripts/man_pages.sh UGC_BINARY OUT_DIR
# Writes OUT_DIR/ugc.1.gz and one OUT_DIR/ugc-<command>.1.gz per command, made
# from the same `--help` text the binary prints (so the pages cannot disagree
# with it). Run by the build (target ugc_man_pages) whenever ugc is relinked.
set -euo pipefail
ugc=$1
out=$2
mkdir -p "$out"
rm -f "$out"/*.1.gz
version=$("$ugc" --version)

# Help text as roff: backslashes escaped, lines starting with . or ' kept literal.
as_roff() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }

# page NAME SUMMARY COMMAND...: the man page of `COMMAND --help`.
page() {
  local name=$1 summary=$2
  shift 2
  {
    echo ".TH \"${name^^}\" 1 \"\" \"$version\" \"ugc manual\""
    echo ".SH NAME"
    echo "$name \\- $summary" | as_roff
    echo ".SH DESCRIPTION"
    echo ".nf"
    "$@" --help | as_roff
    echo ".fi"
    echo ".SH SEE ALSO"
    if [ "$name" = ugc ]; then
      echo "ugc-<command>(1) for each command; /usr/share/ugc/schemas/ for the JSON Schemas."
    else
      echo "ugc(1)"
    fi
  } | gzip -9n >"$out/$name.1.gz"
}

page ugc "distribute approved creator videos across markets through the TokPortal API" "$ugc"
"$ugc" --help | sed -n '/^Subcommands:/,$p' | sed -n 's/^  \([a-z][a-z-]*\)  *\(.*\)$/\1\t\2/p' |
  while IFS=$'\t' read -r command summary; do
    page "ugc-$command" "$summary" "$ugc" "$command"
  done
