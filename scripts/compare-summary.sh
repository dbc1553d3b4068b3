#!/usr/bin/env bash
# Compares tcplens's default packet lines with tshark's where tshark's line is plain TCP, UDP or
# ARP (no expert annotation, no application protocol: those come with later decoders).
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here/../shared/captures"
total=0; bad=0
for f in $(find . -type f \( -name '*.pcap' -o -name '*.pcapng' \) | sed 's|^\./||' | sort); do
  exp="$here/testdata/tshark/$f.summary.txt"
  "$here/tcplens" packets -r "$f" 2>/dev/null > /tmp/sum.got
  while IFS= read -r line; do
    n=$(echo "$line" | awk '{print $1}')
    total=$((total+1))
    got=$(sed -n "${n}p" /tmp/sum.got)
    if [ "$got" != "$line" ]; then bad=$((bad+1)); echo "$f"; echo "  want: $line"; echo "  got:  $got"; fi
  done < <(grep -P '^\s*\d+\s+\S+\s+\S+ → \S+\s+(TCP|UDP|ARP) ' "$exp" | grep -v '\[TCP\|reassembled\|\[Illegal\|\[Malformed\|\[Packet size')
done
echo "summary lines: $((total-bad)) of $total identical"
