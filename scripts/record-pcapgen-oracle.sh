#!/usr/bin/env bash
# Records what tshark 4.0 says (two passes) about the streams and completeness of captures made by
# ../shared/bench/pcapgen.c, as expected data for TsharkParityTest. Each testdata/tshark/pcapgen/NAME.options
# holds one line of generator options; the generator is deterministic, so the test makes the same
# capture, checks its SHA-256 against NAME.sha256 (a changed generator says so plainly), and
# compares with NAME.streams.tsv. Run by a developer with tshark and gcc; the tests never run tshark.
# Usage: scripts/record-pcapgen-oracle.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$here/testdata/tshark/pcapgen
command -v tshark >/dev/null || { echo "tshark is not installed: apt-get install -y tshark" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
gcc -O2 -o "$work/pcapgen" "$here/../shared/bench/pcapgen.c"
for options in "$out"/*.options; do
  name=$(basename "$options" .options)
  # shellcheck disable=SC2046 # the options are one line of words
  "$work/pcapgen" -o "$work/$name.pcap" $(cat "$options") 2>/dev/null
  sha256sum "$work/$name.pcap" | cut -d' ' -f1 > "$out/$name.sha256"
  tshark -n -2 -r "$work/$name.pcap" -T fields -e frame.number -e tcp.stream -e tcp.completeness > "$out/$name.streams.tsv"
  echo "$name: $(wc -l < "$out/$name.streams.tsv") frames, $(cut -f2 "$out/$name.streams.tsv" | sort -u | grep -c .) streams"
done
