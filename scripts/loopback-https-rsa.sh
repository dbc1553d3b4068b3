#!/usr/bin/env bash
# Makes samples/loopback-https-rsa.pcap and the server's throwaway RSA private key
# samples/loopback-https-rsa.key (PKCS #8 PEM, no password; the same key in PKCS #1's form in
# samples/loopback-https-rsa.pkcs1.key): HTTPS requests on loopback whose
# TLS key exchange is RSA (the client encrypts the pre-master secret to the server's certificate
# key), so that the server's private key alone opens them, as Wireshark's RSA keys list does:
#   44311  TLS 1.2 AES128-GCM-SHA256 with the extended master secret (RFC 7627, OpenSSL's default)
#   44311  TLS 1.2 AES256-SHA256 (CBC, encrypt-then-MAC)
#   44312  TLS 1.2 AES128-SHA without the extended master secret (the server does not offer it)
#   44312  TLS 1.0 AES256-SHA
#   44311  TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256: forward secret, the key does not open it
#   44311  TLS 1.2 AES128-GCM-SHA256 twice from openssl s_client: the second connection resumes the
#          first's session with its ticket (RFC 5077), an abbreviated handshake without a key exchange
#   44313  TLS 1.2 AES128-SHA twice, to openssl s_server -no_ticket -www: the second resumes by
#          session ID
# curl talks to a Python HTTPS server. Needs root (tcpdump on lo), python3, openssl, curl.
set -euo pipefail
. "$(dirname "$0")/loopback-lib.sh"
loopback_work
throwaway_certificate rsa
cat > server.py <<'PY'
import http.server, ssl, sys
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = b"hello over RSA key exchange\n"
        self.send_response(200); self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
port = int(sys.argv[1])
ctx.set_ciphers("ALL:@SECLEVEL=0")
if port == 44312:
    # The legacy server: TLS 1.0 too, and no extended master secret (SSL_OP_NO_EXTENDED_MASTER_SECRET).
    ctx.minimum_version = ssl.TLSVersion.TLSv1
    ctx.options |= 0x1
ctx.load_cert_chain("cert.pem", "key.pem")
s = http.server.HTTPServer(("127.0.0.1", port), H)
s.socket = ctx.wrap_socket(s.socket, server_side=True)
s.serve_forever()
PY
python3 -W ignore server.py 44311 & python3 -W ignore server.py 44312 &
# Resumption by session ID: openssl s_server's session cache, without tickets.
openssl s_server -quiet -accept 44313 -key key.pem -cert cert.pem -tls1_2 -cipher AES128-SHA -no_ticket -www > /dev/null 2>&1 &
sleep 1
tcpdump -i lo -w capture.pcap -U "tcp port 44311 or tcp port 44312 or tcp port 44313" 2>/dev/null & sleep 1
get() { curl -sk "$@" > /dev/null; }
get --tlsv1.2 --tls-max 1.2 --ciphers AES128-GCM-SHA256 https://127.0.0.1:44311/gcm
get --tlsv1.2 --tls-max 1.2 --ciphers AES256-SHA256 https://127.0.0.1:44311/cbc
get --tlsv1.2 --tls-max 1.2 --ciphers AES128-SHA https://127.0.0.1:44312/no-ems
get --tlsv1 --tls-max 1.0 --ciphers 'AES256-SHA:@SECLEVEL=0' https://127.0.0.1:44312/tls10
get --tlsv1.2 --tls-max 1.2 --ciphers ECDHE-RSA-AES128-GCM-SHA256 https://127.0.0.1:44311/ecdhe
# Resumption: openssl s_client keeps the first connection's session and offers it on the second.
resume() {
  local port=$1 cipher=$2 path=$3
  printf 'GET /%s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' "$path" |
    openssl s_client -quiet -connect 127.0.0.1:$port -tls1_2 -cipher "$cipher" -sess_out sess.pem > /dev/null 2>&1 || true
  printf 'GET /%s-resumed HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' "$path" |
    openssl s_client -quiet -connect 127.0.0.1:$port -tls1_2 -cipher "$cipher" -sess_in sess.pem > /dev/null 2>&1 || true
}
resume 44311 AES128-GCM-SHA256 ticket
resume 44313 AES128-SHA id
sleep 1; kill %4; wait %4 2>/dev/null || true
cp capture.pcap "$here/samples/loopback-https-rsa.pcap"
cp key.pem "$here/samples/loopback-https-rsa.key"
openssl rsa -in key.pem -traditional -out "$here/samples/loopback-https-rsa.pkcs1.key" 2>/dev/null
echo "wrote samples/loopback-https-rsa.pcap and samples/loopback-https-rsa.key"
