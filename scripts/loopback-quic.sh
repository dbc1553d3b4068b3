#!/usr/bin/env bash
# Makes a QUIC sample and its key log from ngtcp2's example client (gtlsclient, GnuTLS, which
# writes its secrets to SSLKEYLOGFILE) and example server (gtlsserver) on loopback, with a
# throwaway self-signed certificate (HTTP/3, QUIC version 1):
#   scripts/loopback-quic.sh          samples/loopback-quic.pcap (+ .keys): one request on port
#                                     44433, two on one connection to the same server, one to a
#                                     second server on 44434 that validates addresses with a Retry
#                                     first (-V). The client sends with GSO, so lo shows some
#                                     datagrams of several packets larger than a path would carry.
#   scripts/loopback-quic.sh suites   samples/loopback-quic-suites.pcap (+ .keys): the suites and
#                                     the key update the first lacks, on port 44438: one request
#                                     with TLS_CHACHA20_POLY1305_SHA256 (ChaCha20 header
#                                     protection), one with TLS_AES_256_GCM_SHA384, a 120 KB
#                                     download during which the client updates its keys (RFC 9001,
#                                     section 6: 1-RTT packets in key phase 1).
# Needs root (tcpdump on lo) and the Debian packages ngtcp2-client and ngtcp2-server.
set -euo pipefail
. "$(dirname "$0")/loopback-lib.sh"
mode=${1:-main}
command -v gtlsclient >/dev/null || { echo "needs ngtcp2's examples: apt-get install -y ngtcp2-client ngtcp2-server" >&2; exit 2; }
loopback_work
throwaway_certificate
mkdir htdocs
printf 'hello from tcplens test\n' > htdocs/a.txt
head -c 3000 /dev/zero | tr '\0' 'q' > htdocs/b.txt
head -c 120000 /dev/zero | tr '\0' 'k' > htdocs/k.txt
export SSLKEYLOGFILE="$work/keys.log"
get() { timeout 10 gtlsclient -q --exit-on-all-streams-close "$@" > /dev/null 2>&1; }
tls13() { echo "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+$1"; }
case "$mode" in
  main)
    name=loopback-quic
    gtlsserver -q -d htdocs 127.0.0.1 44433 key.pem cert.pem > /dev/null 2>&1 &
    gtlsserver -q -V -d htdocs 127.0.0.1 44434 key.pem cert.pem > /dev/null 2>&1 &
    sleep 1
    tcpdump -i lo -w capture.pcap -U "udp port 44433 or udp port 44434" 2>/dev/null & dump=$!; sleep 1
    get 127.0.0.1 44433 https://127.0.0.1:44433/a.txt
    get 127.0.0.1 44433 https://127.0.0.1:44433/a.txt https://127.0.0.1:44433/b.txt
    get 127.0.0.1 44434 https://127.0.0.1:44434/b.txt ;;
  suites)
    name=loopback-quic-suites
    gtlsserver -q -d htdocs 127.0.0.1 44438 key.pem cert.pem > /dev/null 2>&1 &
    sleep 1
    tcpdump -i lo -w capture.pcap -U "udp port 44438" 2>/dev/null & dump=$!; sleep 1
    get --ciphers="$(tls13 CHACHA20-POLY1305)" 127.0.0.1 44438 https://127.0.0.1:44438/a.txt
    get --ciphers="$(tls13 AES-256-GCM)" 127.0.0.1 44438 https://127.0.0.1:44438/a.txt
    get --ciphers="$(tls13 AES-128-GCM)" --key-update=1ms 127.0.0.1 44438 https://127.0.0.1:44438/k.txt ;;
  *) echo "usage: scripts/loopback-quic.sh [suites]" >&2; exit 2 ;;
esac
sleep 1
# Stop tcpdump so that it writes everything it captured.
kill "$dump"; wait "$dump" 2>/dev/null || true
cp capture.pcap "$here/samples/$name.pcap"
cp keys.log "$here/samples/$name.keys"
echo "wrote samples/$name.pcap ($(tshark -r capture.pcap 2>/dev/null | wc -l) packets) and samples/$name.keys"
