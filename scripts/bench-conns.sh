#!/usr/bin/env bash
# The connection engine's speed target, measured: `tcplens conns -T csv` on a capture (make one with
# ../shared/bench/pcapgen.c, e.g. -P 10000000), next to flowscan (the near-the-limit C scanner,
# ../shared/bench/flowscan.c) in the same runs, alternating, so that the shared machine's noise
# falls on both. Prints each run (with tcplens's collector pauses), the medians, packets per second,
# the ratio to flowscan, tcplens's peak resident memory, and whether the issue's target (3M
# packets/s, peak memory under 1 GiB) is met. The target is for one core, so both run pinned to CPU
# 0 (CORES=0,1 for two cores, CORES= for no pinning; the verdict is printed only for one core). With
# TSHARK=1, also `tshark -q -z conv,tcp` once (about 190 s and 8 GB on 10M packets). When tcpdump is
# installed, `tcpdump -r FILE -w /dev/null` runs in the same rounds as a second yardstick of the
# machine: on a 10M-packet capture both yardsticks' medians are compared with the reference figures
# of ../shared/bench/README.md (flowscan 2.0 s, tcpdump 3.4 s on that machine), and tcplens's rate
# is scaled by each ratio, as an estimate of what the reference machine would measure. The verdict
# is still judged on the rate measured here.
# Usage: [CORES=LIST] scripts/bench-conns.sh FILE [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
file=${1:?capture file (classic pcap)}; runs=${2:-3}
command -v /usr/bin/time >/dev/null || { echo "bench-conns: needs GNU time (apt-get install -y time)" >&2; exit 2; }
cores=${CORES-0}
pin=()
[ -n "$cores" ] && pin=(taskset -c "$cores")
"$here/tcplens" --version >/dev/null   # build outside the timing
scanner="$here/target/flowscan"
if [ ! -x "$scanner" ] || [ "$here/../shared/bench/flowscan.c" -nt "$scanner" ]; then
  mkdir -p "$here/target"
  gcc -O2 -o "$scanner" "$here/../shared/bench/flowscan.c"
fi
packets=$("$scanner" "$file" | sed -n 's/^packets=\([0-9]*\).*/\1/p')
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Wall seconds, peak RSS (kB), user and system CPU seconds and minor page faults of one command,
# its output discarded. The last three say where a slow run went: on the shared VM this was
# measured on, a page fault costs about 12 us (a C program touching 1 GiB: 3.2 s with 4 KiB
# pages, 2.0 s with huge pages), so the memory a run touches for the first time is a real cost.
measure() { /usr/bin/time -f '%e %M %U %S %R' -o "$tmp" "$@" > /dev/null 2>> "$tmp.err" || { cat "$tmp.err" >&2; exit 1; }; cat "$tmp"; }
tmp=$(mktemp); trap 'rm -f "$tmp" "$tmp.err" "$tmp.gc"' EXIT
t=(); f=(); d=(); m=(); dm=
tcpdump=$(command -v tcpdump || true)
for i in $(seq "$runs"); do
  # The collector's pauses, logged to a file (not the output): on the 10M-packet capture they
  # were 1.2-1.3 s of a 9 s run (README, the night round of 2026-12-06).
  rm -f "$tmp.gc"
  read -r tl rss user sys faults < <(TCPLENS_JAVA_OPTS="${TCPLENS_JAVA_OPTS:-} -Xlog:gc:file=$tmp.gc" \
    measure "${pin[@]}" "$here/tcplens" conns -r "$file" -T csv)
  gc=$({ grep -h 'Pause' "$tmp.gc" 2>/dev/null || true; } | awk '{n++; s += $NF + 0} END {printf "%d pauses, %.2fs", n, s / 1000}')
  read -r tf _ < <(measure "${pin[@]}" "$scanner" "$file")
  td=
  if [ -n "$tcpdump" ]; then
    read -r td _ < <(measure "${pin[@]}" "$tcpdump" -r "$file" -w /dev/null)
    d+=("$td")
  fi
  t+=("$tl"); f+=("$tf"); m+=("$rss")
  echo "run $i: tcplens conns ${tl}s (user ${user}s, system ${sys}s, $faults page faults, peak RSS $((rss / 1024)) MB, collector $gc), flowscan ${tf}s${td:+, tcpdump -w /dev/null ${td}s}"
done
tm=$(printf '%s\n' "${t[@]}" | median); fm=$(printf '%s\n' "${f[@]}" | median)
peak=$(printf '%s\n' "${m[@]}" | sort -n | tail -1)
rate=$(echo "$packets / $tm" | bc)
echo "packets: $packets; CPUs: ${cores:-not pinned}"
echo "tcplens conns -T csv: median ${tm}s over $runs runs = $rate packets/s, peak RSS $((peak / 1024)) MB"
echo "flowscan:             median ${fm}s = $(echo "$packets / $fm" | bc) packets/s"
echo "ratio tcplens/flowscan: $(echo "scale=2; $tm / $fm" | bc)"
if [ "${#d[@]}" -gt 0 ]; then
  dm=$(printf '%s\n' "${d[@]}" | median)
  echo "tcpdump -w /dev/null: median ${dm}s; ratio tcplens/tcpdump: $(echo "scale=2; $tm / $dm" | bc)"
fi
if [ "$packets" = 10000000 ]; then
  # The reference machine's figures for a 10M-packet capture (../shared/bench/README.md).
  ref_flowscan=2.0; ref_tcpdump=3.4
  scaled() { echo "$packets * $1 / ($tm * $2)" | bc; }
  ratio_of() { printf '%.2f' "$(echo "scale=4; $1 / $2" | bc)"; }
  echo "this machine's time against the reference figures: flowscan $(ratio_of "$fm" "$ref_flowscan")x${dm:+, tcpdump $(ratio_of "$dm" "$ref_tcpdump")x}"
  echo "estimate for the reference machine: $(scaled "$fm" "$ref_flowscan") packets/s by the flowscan ratio${dm:+, $(scaled "$dm" "$ref_tcpdump") by the tcpdump ratio} (not the verdict, which is judged on the rate measured here)"
fi
if [ "$cores" != 0 ]; then
  echo "target (>= 3M packets/s on one core, < 1 GiB): not judged (run with CORES=0)"
elif [ "$rate" -ge 3000000 ] && [ "$peak" -lt 1048576 ]; then
  echo "target (>= 3M packets/s on one core, < 1 GiB): met"
else
  echo "target (>= 3M packets/s on one core, < 1 GiB): NOT met"
fi
if [ "${TSHARK:-0}" = 1 ]; then
  read -r ts trss < <(measure tshark -n -q -z conv,tcp -r "$file")
  echo "tshark -q -z conv,tcp: ${ts}s, peak RSS $((trss / 1024)) MB; ratio tshark/tcplens $(echo "scale=1; $ts / $tm" | bc)"
fi
