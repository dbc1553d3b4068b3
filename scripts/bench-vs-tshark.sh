#!/usr/bin/env bash
# Runs tcplens and tshark on the same capture, same fields, in one run, and prints the ratio.
# Usage: scripts/bench-vs-tshark.sh FILE [RUNS]   (make FILE with ../shared/bench/pcapgen.c)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
file=${1:?capture file}; runs=${2:-3}
fields=(-e frame.number -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst -e tcp.srcport -e tcp.dstport
        -e tcp.seq_raw -e tcp.ack_raw -e tcp.flags -e tcp.len -e tcp.window_size_value -e udp.srcport)
"$here/tcplens" --version >/dev/null   # build outside the timing
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_of() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
t=(); s=()
for i in $(seq "$runs"); do
  t+=("$(time_of "$here/tcplens" packets -r "$file" -T fields "${fields[@]}")")
  s+=("$(time_of tshark -n -r "$file" -T fields "${fields[@]}")")
done
tm=$(printf '%s\n' "${t[@]}" | median); sm=$(printf '%s\n' "${s[@]}" | median)
echo "tcplens packets -T fields: median ${tm}s over $runs runs"
echo "tshark -T fields:          median ${sm}s over $runs runs"
echo "ratio tshark/tcplens: $(echo "scale=1; $sm / $tm" | bc)"
cmp <("$here/tcplens" packets -r "$file" -T fields "${fields[@]}" 2>/dev/null) \
    <(tshark -n -r "$file" -T fields "${fields[@]}" 2>/dev/null) && echo "outputs identical"
