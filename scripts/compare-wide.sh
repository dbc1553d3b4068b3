#!/usr/bin/env bash
# Column-by-column comparison of the wide field set against tshark: prints, per field, how many
# captures differ, and an example line.
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here/../shared/captures"
names=($(cat "$here/testdata/tshark/wide-fields.txt"))
fields=$(printf -- '-e %s ' "${names[@]}")
for f in $(find . -type f \( -name '*.pcap' -o -name '*.pcapng' \) | sed 's|^\./||' | sort); do
  "$here/tcplens" packets -r "$f" -T fields $fields -E occurrence=a > /tmp/wide.got 2>/dev/null
  for i in "${!names[@]}"; do
    col=$((i+1))
    if ! cmp -s <(cut -f$col /tmp/wide.got) <(cut -f$col "$here/testdata/tshark/$f.wide.tsv"); then
      ex=$(diff <(cut -f1,$col /tmp/wide.got) <(cut -f1,$col "$here/testdata/tshark/$f.wide.tsv") | grep '^[<>]' | head -2 | tr '\n' ' ')
      echo "${names[$i]}	$f	$ex"
    fi
  done
done > /tmp/wide.diffs
cut -f1 /tmp/wide.diffs | sort | uniq -c | sort -rn
