#!/usr/bin/env bash
# Makes samples/loopback-quic.pcap and its key log samples/loopback-quic.keys: HTTP/3 over QUIC
# version 1 on loopback, from ngtcp2's example client (gtlsclient, GnuTLS, which writes its
# secrets to SSLKEYLOGFILE) to its example server (gtlsserver) with a throwaway self-signed
# certificate: one request on port 44433, two on one connection to the same server, and one to a
# second server on port 44434 that validates addresses with a Retry first (-V). The client sends
# with GSO, so lo shows some datagrams of several packets larger than a path would carry.
# Needs root (tcpdump on lo) and the Debian packages ngtcp2-client and ngtcp2-server.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
command -v gtlsclient >/dev/null || { echo "needs ngtcp2's examples: apt-get install -y ngtcp2-client ngtcp2-server" >&2; exit 2; }
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout key.pem -out cert.pem \
  -days 3650 -subj "/CN=tcplens.test" 2>/dev/null
mkdir htdocs
printf 'hello from tcplens test\n' > htdocs/a.txt
head -c 3000 /dev/zero | tr '\0' 'q' > htdocs/b.txt
gtlsserver -q -d htdocs 127.0.0.1 44433 key.pem cert.pem > /dev/null 2>&1 &
gtlsserver -q -V -d htdocs 127.0.0.1 44434 key.pem cert.pem > /dev/null 2>&1 &
sleep 1
tcpdump -i lo -w capture.pcap -U "udp port 44433 or udp port 44434" 2>/dev/null & sleep 1
export SSLKEYLOGFILE="$work/keys.log"
get() { timeout 10 gtlsclient -q --exit-on-all-streams-close "$@" > /dev/null 2>&1; }
get 127.0.0.1 44433 https://127.0.0.1:44433/a.txt
get 127.0.0.1 44433 https://127.0.0.1:44433/a.txt https://127.0.0.1:44433/b.txt
get 127.0.0.1 44434 https://127.0.0.1:44434/b.txt
sleep 1
kill %3; wait %3 2>/dev/null || true
cp capture.pcap "$here/samples/loopback-quic.pcap"
cp keys.log "$here/samples/loopback-quic.keys"
echo "wrote samples/loopback-quic.pcap ($(tshark -r capture.pcap 2>/dev/null | wc -l) packets) and samples/loopback-quic.keys"
