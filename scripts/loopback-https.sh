#!/usr/bin/env bash
# Makes samples/loopback-https.pcap, its key log samples/loopback-https.keys, and
# samples/loopback-https-dsb.pcapng (the same packets with the key log inside, in a decryption
# secrets block, as `editcap --inject-secrets` writes it): six HTTPS requests on loopback, one
# per AEAD cipher suite tcplens opens (TLS 1.2 AES-128-GCM, ChaCha20-Poly1305, AES-256-GCM; TLS
# 1.3 AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305), from curl to a Python HTTPS server with a
# throwaway self-signed certificate, curl writing its secrets to SSLKEYLOGFILE; then a seventh
# whose 3 KB response head crosses TCP segments (lo's MTU set to 1500 for it, then back); then
# five with CBC suites, to a second server that also speaks TLS 1.0 and 1.1: TLS 1.2
# ECDHE-ECDSA-AES128-SHA and -AES256-SHA384 with encrypt-then-MAC (OpenSSL's default), TLS 1.2
# ECDHE-ECDSA-AES128-SHA256 without it (openssl s_client -no_etm), TLS 1.0 and TLS 1.1.
# Needs root (tcpdump on lo), python3, openssl, curl, editcap. Ports 44301 and 44302.
set -euo pipefail
. "$(dirname "$0")/loopback-lib.sh"
# Whatever happens, lo gets its MTU back (the seventh request lowers it) and the servers stop.
mtu=$(cat /sys/class/net/lo/mtu)
loopback_work
throwaway_certificate
cat > server.py <<'PY'
import http.server, socket, ssl, sys
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = b"hello from tcplens test\n"
        big = self.path == "/big"
        if big:
            # Corked: the head's last bytes wait for the body's record, and leave in one segment with it.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
        self.send_response(200); self.send_header("Content-Type", "text/plain")
        if big:
            self.send_header("X-Padding", "p" * 3000)
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
        if big:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 0)
    def log_message(self, *a): pass
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
port = int(sys.argv[1])
if port == 44302:
    # The legacy server: TLS 1.0 and 1.1 and every suite OpenSSL still has.
    ctx.minimum_version = ssl.TLSVersion.TLSv1
    ctx.set_ciphers("ALL:@SECLEVEL=0")
ctx.load_cert_chain("cert.pem", "key.pem")
ctx.set_alpn_protocols(["http/1.1"])
s = http.server.HTTPServer(("127.0.0.1", port), H)
s.socket = ctx.wrap_socket(s.socket, server_side=True)
s.serve_forever()
PY
python3 -W ignore server.py 44301 & python3 -W ignore server.py 44302 & sleep 1
tcpdump -i lo -w capture.pcap -U "tcp port 44301 or tcp port 44302" 2>/dev/null & sleep 1
export SSLKEYLOGFILE="$work/keys.log"
get() { curl -sk "$@" > /dev/null; }
get --tlsv1.2 --tls-max 1.2 --ciphers ECDHE-ECDSA-AES128-GCM-SHA256 https://127.0.0.1:44301/a
get --tlsv1.2 --tls-max 1.2 --ciphers ECDHE-ECDSA-CHACHA20-POLY1305 https://127.0.0.1:44301/b
get --tlsv1.2 --tls-max 1.2 --ciphers ECDHE-ECDSA-AES256-GCM-SHA384 https://127.0.0.1:44301/c
get --tlsv1.3 --tls13-ciphers TLS_AES_128_GCM_SHA256 https://127.0.0.1:44301/d
get --tlsv1.3 --tls13-ciphers TLS_AES_256_GCM_SHA384 https://127.0.0.1:44301/e
get --tlsv1.3 --tls13-ciphers TLS_CHACHA20_POLY1305_SHA256 https://127.0.0.1:44301/f
# A response head of 3 KB in one record, on a link of 1500 bytes: TCP carries the record in
# several segments, and the server's cork puts the body's record (written next) in the last one,
# so that the frame ends a record put together from earlier segments and holds the next record too.
ip link set lo mtu 1500
get --tlsv1.3 --tls13-ciphers TLS_AES_128_GCM_SHA256 https://127.0.0.1:44301/big || true
ip link set lo mtu "$mtu"
get --tlsv1.2 --tls-max 1.2 --ciphers ECDHE-ECDSA-AES128-SHA https://127.0.0.1:44302/g
get --tlsv1.2 --tls-max 1.2 --ciphers ECDHE-ECDSA-AES256-SHA384 https://127.0.0.1:44302/h
printf 'GET /i HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' | timeout 3 openssl s_client \
  -connect 127.0.0.1:44302 -tls1_2 -cipher ECDHE-ECDSA-AES128-SHA256 -no_etm -keylogfile "$work/keys.log" \
  -quiet -ign_eof > /dev/null 2>&1 || true
get --tlsv1.0 --tls-max 1.0 --ciphers 'ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0' https://127.0.0.1:44302/j
get --tlsv1.1 --tls-max 1.1 --ciphers 'ECDHE-ECDSA-AES256-SHA:@SECLEVEL=0' https://127.0.0.1:44302/k
sleep 1; kill %3; sleep 1
cp capture.pcap "$here/samples/loopback-https.pcap"
cp keys.log "$here/samples/loopback-https.keys"
editcap --inject-secrets tls,keys.log capture.pcap "$here/samples/loopback-https-dsb.pcapng"
