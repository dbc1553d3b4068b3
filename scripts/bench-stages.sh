#!/usr/bin/env bash
# Where a cold `conns -T csv` run's time goes, stage by stage (tcplens-bench's StageScan): each
# stage is its own JVM run with the launcher's flags, pinned to one core, and adds one part of
# the work to the stage before it, so the difference of two medians is what that part costs,
# start-up and JIT warm-up included. `floor` is the JVM's floor for the job (flowscan's work in
# plain Java); `conns` is the command itself. Rounds alternate the stages so that the shared
# machine's noise falls on all of them.
# Usage: [CORES=LIST] scripts/bench-stages.sh FILE [ROUNDS]   (FILE: a pcapgen capture)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
file=${1:?capture file (little-endian classic pcap of Ethernet frames, as pcapgen writes)}
rounds=${2:-3}
command -v /usr/bin/time >/dev/null || { echo "bench-stages: needs GNU time (apt-get install -y time)" >&2; exit 2; }
pin=(taskset -c "${CORES-0}")
bench="$here/tcplens-bench/target/benchmarks.jar"
"$here/tcplens" --version >/dev/null   # builds the command-line jar when it is stale
(cd "$here" && mvn -q -B -ntp package -DskipTests -pl tcplens-bench -am) >&2
# The launcher's JVM flags (./tcplens), so that the stages compare with the command.
flags=(-XX:+UseParallelGC -Xms896m -Xmx896m -Xshare:auto -XX:FreqInlineSize=100 -XX:InlineSmallCode=1000)
grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null \
  && flags+=(-XX:+UseTransparentHugePages)
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1"   # as the launcher does
stages=(floor read decode conversations track judge csv conns)
declare -A times
tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
for r in $(seq "$rounds"); do
  for s in "${stages[@]}"; do
    if [ "$s" = conns ]; then
      cmd=(java "${flags[@]}" -jar "$here/tcplens-cli/target/tcplens.jar" conns -r "$file" -T csv)
    else
      cmd=(java "${flags[@]}" -cp "$bench" io.tcplens.bench.StageScan "$s" "$file")
    fi
    /usr/bin/time -f '%e %U' -o "$tmp" "${pin[@]}" "${cmd[@]}" > /dev/null
    read -r wall user < "$tmp"
    times[$s]+="$wall "
    echo "round $r: $s ${wall}s (user ${user}s)"
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median wall seconds over $rounds rounds (CPUs ${CORES-0}); 'adds' is the difference to the stage above:"
previous=
for s in "${stages[@]}"; do
  m=$(echo "${times[$s]}" | median)
  if [ -n "$previous" ] && [ "$s" != read ]; then
    printf '%-14s %6.2f s  adds %6.2f s\n' "$s" "$m" "$(echo "$m - $previous" | bc)"
  else
    printf '%-14s %6.2f s\n' "$s" "$m"
  fi
  previous=$m
done
