#!/usr/bin/env bash
# Diffs tcplens against the recorded tshark output for the judged field set, capture by capture.
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here/../shared/captures"
pass=0; fail=0
for f in $(find . -type f \( -name '*.pcap' -o -name '*.pcapng' \) | sed 's|^\./||' | sort); do
  exp="$here/testdata/tshark/$f.judged.tsv"
  got=$("$here/tcplens" packets -r "$f" -T fields -e frame.number -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst \
        -e tcp.srcport -e tcp.dstport -e tcp.seq_raw -e tcp.ack_raw -e tcp.flags -e tcp.len -e tcp.window_size_value \
        -e udp.srcport 2>/dev/null)
  if diff -q <(echo -n "$got") <(head -c -0 "$exp" | sed '$a\' | sed '/^$/d' ) >/dev/null 2>&1 || [ "$got" == "$(cat "$exp")" ]; then
    pass=$((pass+1))
  else
    fail=$((fail+1)); echo "DIFF $f: $(diff <(echo "$got") "$exp" | grep -c '^[<>]') lines"
  fi
done
echo "$pass passed, $fail failed"
