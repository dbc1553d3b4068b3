#!/usr/bin/env bash
# Per packet: tcp.stream must equal tshark -2's. Per stream: tcp.completeness must equal the value
# tshark -2 shows on the stream's last frame (on the frame that opened a conversation without a
# SYN, tshark shows only the bits later frames added).
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here/../shared/captures"
pass=0; fail=0
for f in $(find . -type f \( -name '*.pcap' -o -name '*.pcapng' \) | sed 's|^\./||' | sort); do
  got=$("$here/tcplens" packets -r "$f" -T fields -e frame.number -e tcp.stream -e tcp.completeness 2>/dev/null; true)
  [ -s "$here/testdata/tshark/$f.streams.tsv" ] || { [ -z "$got" ] && { pass=$((pass+1)); continue; }; }
  exp="$here/testdata/tshark/$f.streams.tsv"
  s1=$(diff <(echo "$got" | cut -f1,2) <(cut -f1,2 "$exp") | grep -c "^[<>]")
  major() { awk -F'\t' '$2!="" {v[$2]=$3} END {for (k in v) print k"\t"v[k]}' | sort -k1,1n; }
  s2=$(diff <(echo "$got" | major) <(major < "$exp") | grep '^[<>]')
  if [ "$s1" = 0 ] && [ -z "$s2" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "DIFF $f: $s1 stream lines; completeness: $(echo $s2)"; fi
done
echo "$pass passed, $fail failed"
