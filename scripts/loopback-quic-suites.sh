#!/usr/bin/env bash
# Makes samples/loopback-quic-suites.pcap and its key log samples/loopback-quic-suites.keys: the
# cipher suites and the key update samples/loopback-quic.pcap does not have, from ngtcp2's example
# client (gtlsclient, GnuTLS) to its example server on loopback: one HTTP/3 request with
# TLS_CHACHA20_POLY1305_SHA256 (ChaCha20 header protection), one with TLS_AES_256_GCM_SHA384, and a
# 120 KB download during which the client updates its keys (RFC 9001, section 6: 1-RTT packets
# with the key phase bit set, "KP1"). Needs root (tcpdump on lo) and the Debian packages
# ngtcp2-client and ngtcp2-server. Port 44438.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
command -v gtlsclient >/dev/null || { echo "needs ngtcp2's examples: apt-get install -y ngtcp2-client ngtcp2-server" >&2; exit 2; }
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout key.pem -out cert.pem \
  -days 3650 -subj "/CN=tcplens.test" 2>/dev/null
mkdir htdocs
printf 'hello from tcplens test\n' > htdocs/a.txt
head -c 120000 /dev/zero | tr '\0' 'k' > htdocs/k.txt
gtlsserver -q -d htdocs 127.0.0.1 44438 key.pem cert.pem > /dev/null 2>&1 &
sleep 1
tcpdump -i lo -w capture.pcap -U "udp port 44438" 2>/dev/null & sleep 1
export SSLKEYLOGFILE="$work/keys.log"
tls13() { echo "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+$1"; }
get() { timeout 10 gtlsclient -q --exit-on-all-streams-close "$@" > /dev/null 2>&1; }
get --ciphers="$(tls13 CHACHA20-POLY1305)" 127.0.0.1 44438 https://127.0.0.1:44438/a.txt
get --ciphers="$(tls13 AES-256-GCM)" 127.0.0.1 44438 https://127.0.0.1:44438/a.txt
get --ciphers="$(tls13 AES-128-GCM)" --key-update=1ms 127.0.0.1 44438 https://127.0.0.1:44438/k.txt
sleep 1
kill %2; wait %2 2>/dev/null || true
cp capture.pcap "$here/samples/loopback-quic-suites.pcap"
cp keys.log "$here/samples/loopback-quic-suites.keys"
echo "wrote samples/loopback-quic-suites.pcap ($(tshark -r capture.pcap 2>/dev/null | wc -l) packets) and its key log"
