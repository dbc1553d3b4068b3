#!/usr/bin/env bash
# Compares the speed of `tcplens conns -T csv` at two commits on the same capture, for a change
# whose effect is smaller than the shared machine's noise between runs (often +-15%). Each round
# runs both commits at the same time, each pinned to one of two cores, and swaps the cores
# between rounds: the neighbours' load and a slower core then fall on both alike, and the totals
# over an even number of rounds compare the commits alone. Each commit runs through its own
# launcher (./tcplens of a worktree under target/ab), so launcher flags are measured too. Prints
# each round, the totals of wall and user time, peak memory, and whether the outputs are equal.
# Both runs share the memory bus and the last-level cache, so the figures are for comparing, not
# for the target (scripts/bench-conns.sh measures that, on one core alone).
# Usage: scripts/ab-conns.sh REV_A REV_B FILE [ROUNDS]   (ROUNDS even, default 4; needs 2 CPUs)
# OPTS_A and OPTS_B, when set, are the TCPLENS_JAVA_OPTS of each side: with REV_A = REV_B the
# script compares JVM settings instead of commits.
# The worktrees stay for the next comparison; `git worktree remove target/ab/REV` removes one.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rev_a=${1:?first commit}; rev_b=${2:?second commit}; file=${3:?capture file}; rounds=${4:-4}
command -v /usr/bin/time >/dev/null || { echo "ab-conns: needs GNU time (apt-get install -y time)" >&2; exit 2; }
[ "$(nproc)" -ge 2 ] || { echo "ab-conns: needs two CPUs" >&2; exit 2; }
tree() {
  local dir="$here/target/ab/$1"
  if [ ! -d "$dir" ]; then
    mkdir -p "$here/target/ab"
    git -C "$here" worktree add --detach "$dir" "$1" >/dev/null 2>&1
  fi
  "$dir/tcplens" --version >/dev/null   # build outside the timing
  echo "$dir"
}
dir_a=$(tree "$(git -C "$here" rev-parse --short "$rev_a")")
dir_b=$(tree "$(git -C "$here" rev-parse --short "$rev_b")")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
total_a=0; total_b=0; user_a=0; user_b=0; peak_a=0; peak_b=0
for i in $(seq "$rounds"); do
  if [ $((i % 2)) = 1 ]; then core_a=0; core_b=1; else core_a=1; core_b=0; fi
  /usr/bin/time -f '%e %U %M' -o "$tmp/a" env TCPLENS_JAVA_OPTS="${OPTS_A:-${TCPLENS_JAVA_OPTS:-}}" taskset -c $core_a "$dir_a/tcplens" conns -r "$file" -T csv > "$tmp/out_a" 2> "$tmp/err_a" &
  /usr/bin/time -f '%e %U %M' -o "$tmp/b" env TCPLENS_JAVA_OPTS="${OPTS_B:-${TCPLENS_JAVA_OPTS:-}}" taskset -c $core_b "$dir_b/tcplens" conns -r "$file" -T csv > "$tmp/out_b" 2> "$tmp/err_b" &
  wait
  for side in a b; do
    # GNU time writes "Command exited with non-zero status N" before the figures of a failed run.
    if grep -q '^Command' "$tmp/$side"; then
      # (The JVM writes its own start-up errors to standard output.)
      echo "ab-conns: run $side of round $i failed:" >&2; cat "$tmp/err_$side" >&2; head -5 "$tmp/out_$side" >&2; exit 1
    fi
  done
  read -r wa ua ma < "$tmp/a"; read -r wb ub mb < "$tmp/b"
  echo "round $i: $rev_a ${wa}s (user ${ua}s, CPU $core_a, $((ma / 1024)) MB)  $rev_b ${wb}s (user ${ub}s, CPU $core_b, $((mb / 1024)) MB)"
  total_a=$(echo "$total_a + $wa" | bc); total_b=$(echo "$total_b + $wb" | bc)
  user_a=$(echo "$user_a + $ua" | bc); user_b=$(echo "$user_b + $ub" | bc)
  [ "$ma" -gt "$peak_a" ] && peak_a=$ma; [ "$mb" -gt "$peak_b" ] && peak_b=$mb
done
echo "total wall: $rev_a ${total_a}s, $rev_b ${total_b}s (ratio $rev_b/$rev_a $(echo "scale=3; $total_b / $total_a" | bc))"
echo "total user: $rev_a ${user_a}s, $rev_b ${user_b}s"
echo "peak RSS: $rev_a $((peak_a / 1024)) MB, $rev_b $((peak_b / 1024)) MB"
if cmp -s "$tmp/out_a" "$tmp/out_b"; then echo "outputs: identical"; else echo "outputs: DIFFERENT"; fi
