#!/usr/bin/env bash
# Makes samples/loopback-tls13-keyupdate.pcapng, its key log inside (a decryption secrets block, as
# `editcap --inject-secrets` writes it, so that tshark and tcplens open it unasked in every view):
# one TLS 1.3 connection on loopback port 443 between openssl s_client and s_server (echo mode,
# a throwaway certificate), where after the first data the client sends a KeyUpdate asking for
# one back (s_client's "K" command), the server answers with its own, and both sides send data
# and their close_notify alerts under the updated keys (RFC 8446, section 4.6.3). The key log is
# what s_client wrote: the first traffic secrets, which Wireshark updates itself, and OpenSSL's
# own *_TRAFFIC_SECRET_N lines, which no NSS reader takes.
# Needs root (tcpdump on lo, port 443), openssl, editcap.
set -euo pipefail
. "$(dirname "$0")/loopback-lib.sh"
loopback_work
throwaway_certificate
(sleep 0.5; echo "server says hello"; sleep 1.5; echo "server again"; sleep 1.5) |
  timeout 6 openssl s_server -accept 443 -key key.pem -cert cert.pem -tls1_3 -quiet > /dev/null 2>&1 &
sleep 0.3
tcpdump -i lo -w capture.pcap -U "tcp port 443" 2>/dev/null & sleep 0.5
(sleep 0.6; echo "client hello one"; sleep 0.5; echo "K"; sleep 0.5; echo "client after update"; sleep 1.2; echo "last words"; sleep 0.8) |
  timeout 5 openssl s_client -connect 127.0.0.1:443 -tls1_3 -keylogfile keys.log > /dev/null 2>&1 || true
sleep 1; kill %2; wait %2 2>/dev/null || true
editcap --inject-secrets tls,keys.log capture.pcap "$here/samples/loopback-tls13-keyupdate.pcapng"
echo "wrote samples/loopback-tls13-keyupdate.pcapng"
