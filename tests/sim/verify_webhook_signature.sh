#!/bin/sh
# Independent check of a TokPortal webhook signature (docs/tokportal-api.md §9.4),
# written against the contract with openssl only, so it shares no code with
# the simulator.
#   usage: verify_webhook_signature.sh SIGNING_SECRET SIGNATURE_HEADER BODY_FILE [TOLERANCE_SECONDS]
# SIGNATURE_HEADER is the TokPortal-Signature value "t=<unix>,v1=<hex>".
# Exit 0 when valid; 1 when invalid (message on stderr); 2 on usage errors.
set -eu
[ $# -ge 3 ] || { echo "usage: $0 SECRET SIGNATURE_HEADER BODY_FILE [TOLERANCE]" >&2; exit 2; }
secret=$1 header=$2 body=$3 tolerance=${4:-300}
[ -r "$body" ] || { echo "cannot read body file $body" >&2; exit 2; }

t='' v1=''
old_ifs=$IFS
IFS=','
for part in $header; do
  part=$(printf '%s' "$part" | sed 's/^ *//; s/ *$//')
  case $part in
    t=*) t=${part#t=} ;;
    v1=*) v1=${part#v1=} ;;
  esac
done
IFS=$old_ifs
[ -n "$t" ] && [ -n "$v1" ] || { echo "signature header lacks t or v1" >&2; exit 1; }
case $t in *[!0-9]*) echo "t is not unix seconds" >&2; exit 1 ;; esac

now=$(date +%s)
skew=$((now - t)); [ $skew -lt 0 ] && skew=$((-skew))
[ $skew -le "$tolerance" ] || { echo "timestamp outside tolerance ($skew s)" >&2; exit 1; }

expected=$( { printf '%s.' "$t"; cat "$body"; } | openssl dgst -sha256 -hmac "$secret" | awk '{print $NF}')
[ ${#v1} -eq ${#expected} ] || { echo "signature length mismatch" >&2; exit 1; }
[ "$v1" = "$expected" ] || { echo "signature mismatch" >&2; exit 1; }
exit 0
