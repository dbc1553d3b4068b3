#!/usr/bin/env bash
# Records tshark 4.0's "follow" output (ascii, hex, raw) for the streams listed in
# testdata/follow/streams.txt ("capture stream" per line), and its follow,tls output for those in
# testdata/follow/tls-streams.txt (captures that carry their TLS secrets), the expected data of
# FollowCommandTest.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${CAPTURES:-$here/../shared/captures}
out=$here/testdata/tshark/follow
command -v tshark >/dev/null || { echo "tshark is not installed: apt-get install -y tshark" >&2; exit 1; }
mkdir -p "$out"
while read -r capture stream; do
  [ -z "$capture" ] && continue
  for mode in ascii hex raw; do
    name=$(echo "$capture" | tr '/' '_').$stream.$mode.txt
    f="$captures/$capture"; [ -f "$f" ] || f="$here/$capture"
    tshark -q -n -r "$f" -z "follow,tcp,$mode,$stream" > "$out/$name" 2>/dev/null || true
  done
done < "$here/testdata/follow/streams.txt"
while read -r capture stream; do
  [ -z "$capture" ] && continue
  for mode in ascii hex raw; do
    name=$(echo "$capture" | tr '/' '_').$stream.tls.$mode.txt
    f="$captures/$capture"; [ -f "$f" ] || f="$here/$capture"
    tshark -q -n -r "$f" -z "follow,tls,$mode,$stream" > "$out/$name" 2>/dev/null || true
  done
done < "$here/testdata/follow/tls-streams.txt"
echo "recorded $(ls "$out" | wc -l) files into $out"
