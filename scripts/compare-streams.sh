#!/usr/bin/env bash
# Per packet: tcp.stream must equal tshark -2's. Per stream: tcp.completeness must equal the value
# tshark -2 shows on most of the stream's frames (tshark gives the frame that opened a
# SYN-ACK-first conversation a value without that conversation's later bits: an artefact).
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here/../shared/captures"
pass=0; fail=0
for f in $(find . -type f \( -name '*.pcap' -o -name '*.pcapng' \) | sed 's|^\./||' | sort); do
  got=$("$here/tcplens" packets -r "$f" -T fields -e frame.number -e tcp.stream -e tcp.completeness 2>/dev/null; true)
  [ -s "$here/testdata/tshark/$f.streams.tsv" ] || { [ -z "$got" ] && { pass=$((pass+1)); continue; }; }
  exp="$here/testdata/tshark/$f.streams.tsv"
  s1=$(diff <(echo "$got" | cut -f1,2) <(cut -f1,2 "$exp") | grep -c "^[<>]")
  major() { awk -F'\t' '$2!="" {n[$2"\t"$3]++} END {for (k in n) print k"\t"n[k]}' | sort -k1,1n -k3,3nr | awk -F'\t' '!seen[$1]++ {print $1"\t"$2}'; }
  s2=$(diff <(echo "$got" | major) <(major < "$exp") | grep '^[<>]')
  if [ "$s1" = 0 ] && [ -z "$s2" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "DIFF $f: $s1 stream lines; completeness: $(echo $s2)"; fi
done
echo "$pass passed, $fail failed"
