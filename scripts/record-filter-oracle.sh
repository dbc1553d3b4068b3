#!/bin/bash
# Records which packets tshark selects for each display filter of testdata/filters/expressions.txt
# on each capture of testdata/filters/captures.txt, into testdata/tshark/filters/<capture>.tsv:
# one line per expression, "EXPRESSION<TAB>FRAMES" (frame numbers as ranges, "1-3,7"; "-" for
# none; "error" when tshark rejects the filter). Needs tshark; the tests only read the result.
#   scripts/record-filter-oracle.sh [PARALLEL]
set -eu
cd "$(dirname "$0")/.."
parallel=${1:-2}
mkdir -p testdata/tshark/filters

one_capture() {
    local capture=$1 file
    case "$capture" in samples/*) file=$capture ;; *) file=../shared/captures/$capture ;; esac
    local target=testdata/tshark/filters/$(echo "$capture" | tr '/' '_').tsv
    grep -v '^#' testdata/filters/expressions.txt | grep . | while IFS= read -r expr; do
        if frames=$(tshark -n -2 -r "$file" -Y "$expr" -T fields -e frame.number 2>/dev/null </dev/null); then
            printf '%s\t%s\n' "$expr" "$(printf '%s\n' "$frames" | grep . | awk '
                { n = $1 + 0; if (a == "") { a = n; b = n } else if (n == b + 1) { b = n } else { out(); a = n; b = n } }
                function out() { s = s (s == "" ? "" : ",") (a == b ? a : a "-" b) }
                END { if (a != "") out(); print (s == "" ? "-" : s) }')"
        else
            printf '%s\terror\n' "$expr"
        fi
    done > "$target.tmp"
    mv "$target.tmp" "$target"
}
export -f one_capture
grep -v '^#' testdata/filters/captures.txt | grep . | xargs -P "$parallel" -I{} bash -c 'one_capture "$1"' _ {}
