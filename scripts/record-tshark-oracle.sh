#!/usr/bin/env bash
# Records what tshark 4.0 prints for every capture in ../shared/captures, as the expected data
# the test suite compares against. Run by a developer with tshark installed; the tests never
# run tshark. Output: testdata/tshark/<capture path>.<view>.txt
# Usage: scripts/record-tshark-oracle.sh [SAMPLE...]   (SAMPLEs, e.g. samples/x.pcap: only those)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${CAPTURES:-$here/../shared/captures}
out=$here/testdata/tshark
command -v tshark >/dev/null || { echo "tshark is not installed: apt-get install -y tshark" >&2; exit 1; }
tshark --version | head -1 > "$out/VERSION"

# The field set the foundation issue is judged on.
judged=(-e frame.number -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst -e tcp.srcport -e tcp.dstport
        -e tcp.seq_raw -e tcp.ack_raw -e tcp.flags -e tcp.len -e tcp.window_size_value -e udp.srcport)
# A wider set: time, lengths, link layer, relative numbers, options, checksums.
wide=()
for name in $(cat "$out/wide-fields.txt"); do wide+=(-e "$name"); done

# Wireshark's TCP sequence analysis (issue 5): every expert flag and its companion values.
expert=()
for name in $(cat "$out/expert-fields.txt"); do expert+=(-e "$name"); done

# Records the expert view alone (ONLY=expert re-records just it, one pass per capture).
record_expert() {
  local f=$1
  mkdir -p "$out/$(dirname "$f")"
  tshark -n -r "$f" -T fields -E occurrence=a "${expert[@]}" -Y tcp > "$out/$f.expert.tsv" 2>/dev/null || true
}

# The application layer (issue 6): TLS handshakes as the issue judges them, TLS records, HTTP and
# FTP messages, DNS (mDNS, LLMNR) messages, SSH, SMTP, IMAP. Fields lists in testdata/tshark/{tls,tls-records,http,ftp,ftp-data,dns,ssh,smtp,imap}-fields.txt; a view is
# written only for a capture where its filter selects something.
app_view() {
  local f=$1 view=$2 filter=$3
  local args=()
  for name in $(cat "$out/$view-fields.txt"); do args+=(-e "$name"); done
  tshark -n -r "$f" -Y "$filter" -T fields -E occurrence=a "${args[@]}" > "$out/$f.$view.tsv" 2>/dev/null || true
  [ -s "$out/$f.$view.tsv" ] || rm -f "$out/$f.$view.tsv"
}
record_app() {
  local f=$1
  mkdir -p "$out/$(dirname "$f")"
  app_view "$f" tls tls.handshake
  app_view "$f" tls-records tls
  app_view "$f" http http
  app_view "$f" ftp ftp
  app_view "$f" ftp-data ftp-data
  app_view "$f" dns "dns or mdns or llmnr"
  app_view "$f" ssh ssh
  app_view "$f" smtp smtp
  app_view "$f" imap imap
  # Every frame's protocol stack, for the captures ApplicationParityTest.frameProtocolsAreTsharks reads.
  case "$f" in
    tcpdump/ssh.pcap|zeek/tls_tls13-ech.pcap|zeek/wikipedia.pcap|suricata-verify/bug-6244-tcp-rst-with-data.pcap)
      tshark -n -r "$f" -T fields -e frame.number -e frame.protocols > "$out/$f.protocols.tsv" 2>/dev/null || true ;;
  esac
}

# Tunnels (GRE, ERSPAN, VXLAN, Geneve, GTP-U): their headers' fields, with the addresses and ports of
# every layer, for the packets a tunnel carries; written only for a capture that has any.
record_tunnels() {
  local f=$1
  local args=()
  for name in $(cat "$out/tunnel-fields.txt"); do args+=(-e "$name"); done
  mkdir -p "$out/$(dirname "$f")"
  tshark -n -r "$f" -Y "gre or erspan or vxlan or geneve or gtp or ayiya or teredo or ieee8021ah or ieee8021ad or nsh or etag or l2tp" -T fields -E occurrence=a "${args[@]}" > "$out/$f.tunnels.tsv" 2>/dev/null || true
  [ -s "$out/$f.tunnels.tsv" ] || rm -f "$out/$f.tunnels.tsv"
}

# TCP's other fields on every TCP packet: option lengths, SACK, Fast Open and experimental options,
# the connection's expert notes, the stream's times, malformed headers (ONLY=tcp-detail re-records
# just it). Field list in testdata/tshark/tcp-detail-fields.txt.
record_tcp_detail() {
  local f=$1
  local args=()
  for name in $(cat "$out/tcp-detail-fields.txt"); do args+=(-e "$name"); done
  mkdir -p "$out/$(dirname "$f")"
  tshark -n -r "$f" -Y tcp -T fields -E occurrence=a "${args[@]}" > "$out/$f.tcp-detail.tsv" 2>/dev/null || true
}

# Records the TCP endpoints table (ONLY=endpoints re-records just it).
record_endpoints() {
  local f=$1
  mkdir -p "$out/$(dirname "$f")"
  tshark -n -q -r "$f" -z endpoints,tcp > "$out/$f.endpoints-tcp.txt" 2>/dev/null || true
}

# Records tshark's views of one capture; $1 is its path relative to the current directory.
record() {
  local f=$1
  mkdir -p "$out/$(dirname "$f")"
  case "${ONLY:-}" in
    expert) record_expert "$f" ;;
    endpoints) record_endpoints "$f" ;;
    app) record_app "$f" ;;
    tunnels) record_tunnels "$f" ;;
    tcp-detail) record_tcp_detail "$f" ;;
    wide) tshark -n -r "$f" -T fields "${wide[@]}" -E occurrence=a > "$out/$f.wide.tsv" 2>/dev/null || true ;;
    *) record_expert "$f"; record_endpoints "$f"; record_app "$f"; record_tunnels "$f"; record_tcp_detail "$f" ;;
  esac
  [ -n "${ONLY:-}" ] && return
  # tshark prints what it read before a damaged record and then an error on stderr.
  tshark -n -r "$f" -T fields "${judged[@]}" > "$out/$f.judged.tsv" 2> "$out/$f.stderr.raw" || true
  grep -v "^Running as user" "$out/$f.stderr.raw" > "$out/$f.stderr.txt" || true
  rm -f "$out/$f.stderr.raw"
  [ -s "$out/$f.stderr.txt" ] || rm -f "$out/$f.stderr.txt"
  tshark -n -r "$f" -T fields "${wide[@]}" -E occurrence=a > "$out/$f.wide.tsv" 2>/dev/null || true
  tshark -n -r "$f" > "$out/$f.summary.txt" 2>/dev/null || true
  # Connection view: stream per packet, and completeness as the two-pass analysis (-2) ends it.
  tshark -n -2 -r "$f" -T fields -e frame.number -e tcp.stream -e tcp.completeness > "$out/$f.streams.tsv" 2>/dev/null || true
}

if [ $# -gt 0 ]; then
  for f in "$@"; do (cd "$here" && record "$f"); done
  exit 0
fi
(cd "$captures" && find . -type f \( -name '*.pcap' -o -name '*.pcapng' \) | sed 's|^\./||' | sort) |
  while read -r f; do (cd "$captures" && record "$f"); done
# The samples shipped in this repository.
(cd "$here" && record samples/loopback-http.pcap)
(cd "$here" && record samples/loopback-scenarios.pcap)
(cd "$here" && record samples/netns-loss.pcap)
(cd "$here" && record samples/tunnels.pcap)
(cd "$here" && record samples/stream-corner-cases.pcap)
(cd "$here" && record samples/tcp-option-cases.pcap)
(cd "$here" && record samples/provider-bridging.pcap)
(cd "$here" && record samples/icmp-messages.pcap)
(cd "$here" && record samples/loopback-https.pcap)
(cd "$here" && record samples/loopback-https-dsb.pcapng)
(cd "$here" && record samples/loopback-https-rsa.pcap)
(cd "$here" && record samples/loopback-tls13-keyupdate.pcapng)
(cd "$here" && record samples/loopback-quic.pcap)
(cd "$here" && record samples/loopback-quic-suites.pcap)
(cd "$here" && record samples/loopback-http2.pcap)
(cd "$here" && record samples/loopback-h2c.pcap)
(cd "$here" && record samples/loopback-h2c-upgrade.pcap)
# The RSA key exchanges opened with the server's private key (tshark's RSA keys list).
(cd "$here" && tshark -n -r samples/loopback-https-rsa.pcap -o 'uat:rsa_keys:"samples/loopback-https-rsa.key",""' \
  > "$out/samples/loopback-https-rsa.pcap.rsa-summary.txt" 2>/dev/null)
# The first with its key log named as tshark names it (the second carries the same secrets).
(cd "$here" && tshark -n -r samples/loopback-https.pcap -o tls.keylog_file:samples/loopback-https.keys \
  > "$out/samples/loopback-https.pcap.keylog-summary.txt" 2>/dev/null)
for q in loopback-quic loopback-quic-suites loopback-http2; do
  (cd "$here" && tshark -n -r samples/$q.pcap -o tls.keylog_file:samples/$q.keys \
    > "$out/samples/$q.pcap.keylog-summary.txt" 2>/dev/null)
done
# HTTP/2's fields with its key log (Http2SummaryTest).
(cd "$here" && tshark -n -r samples/loopback-http2.pcap -o tls.keylog_file:samples/loopback-http2.keys -T fields \
  -e frame.number -e frame.protocols -e http2.magic -e http2.type -e http2.streamid -e http2.length -e http2.flags \
  -e http2.header.name -e http2.header.value -e http2.headers.method -e http2.headers.path -e http2.headers.status \
  -e http2.headers.authority -e http2.headers.scheme > "$out/samples/loopback-http2.pcap.keylog-http2.tsv" 2>/dev/null)
# Cleartext HTTP/2's (no key log needed).
(cd "$here" && tshark -n -r samples/loopback-h2c.pcap -T fields \
  -e frame.number -e frame.protocols -e http2.magic -e http2.type -e http2.streamid -e http2.length -e http2.flags \
  -e http2.header.name -e http2.header.value -e http2.headers.method -e http2.headers.path -e http2.headers.status \
  -e http2.headers.authority -e http2.headers.scheme > "$out/samples/loopback-h2c.pcap.http2.tsv" 2>/dev/null)
(cd "$here" && tshark -n -r samples/loopback-h2c-upgrade.pcap -T fields \
  -e frame.number -e frame.protocols -e http2.magic -e http2.type -e http2.streamid -e http2.length -e http2.flags \
  -e http2.header.name -e http2.header.value -e http2.headers.method -e http2.headers.path -e http2.headers.status \
  -e http2.headers.authority -e http2.headers.scheme > "$out/samples/loopback-h2c-upgrade.pcap.http2.tsv" 2>/dev/null)
echo "recorded $(find "$out" -name '*.judged.tsv' | wc -l) captures into $out"
