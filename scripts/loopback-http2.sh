#!/usr/bin/env bash
# Makes samples/loopback-http2.pcap and its key log samples/loopback-http2.keys: HTTP/2 over TLS
# 1.3 on loopback, from curl (writing its secrets to SSLKEYLOGFILE) to nghttpd (Debian's
# nghttp2-server) with a throwaway self-signed certificate. Three connections: one GET of a small
# page; three requests on one connection (streams 1, 3, 5: a page, a 100 KB file whose DATA frames
# cross TLS records and TCP segments, and a missing path, 404); a POST with a body. lo's MTU is set
# to 1500 for the capture (then back), so that large records cross segments as on a real link.
# `scripts/loopback-http2.sh h2c` makes samples/loopback-h2c.pcap instead: cleartext HTTP/2 with
# prior knowledge on port 8080 (an HTTP port to Wireshark), the page and the 100 KB file on two
# connections (nghttpd sends its SETTINGS before the client's preface arrives).
# `scripts/loopback-http2.sh upgrade` makes samples/loopback-h2c-upgrade.pcap: curl asks an
# HTTP/1.1 server on port 8080 to upgrade to h2c (RFC 7540, 3.2), the server (Python's h2, Debian's
# python3-h2) answers 101 Switching Protocols and its HTTP/2 frames in the same segment.
# Needs root (tcpdump on lo), openssl, curl, nghttpd (python3-h2 for upgrade). Ports 44303 and 8080.
set -euo pipefail
. "$(dirname "$0")/loopback-lib.sh"
mtu=$(cat /sys/class/net/lo/mtu)
loopback_work
throwaway_certificate
mkdir www
printf '<!doctype html>\n<title>tcplens</title>\n<p>hello over HTTP/2</p>\n' > www/index.html
# Deterministic bytes, so that a rerun makes the same bodies.
python3 -c 'import sys; sys.stdout.write("".join("line %05d of the tcplens HTTP/2 sample\n" % i for i in range(2600)))' > www/big.txt
printf '{"ok": true}\n' > www/data.json
ip link set lo mtu 1500
if [ "${1:-}" = upgrade ]; then
  cat > server.py <<'PY'
import socket, h2.connection, h2.config
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', 8080)); s.listen(1)
c, _ = s.accept()
buf = b''
while b'\r\n\r\n' not in buf:
    buf += c.recv(65536)
head = buf.split(b'\r\n\r\n')[0].decode('latin-1')
settings = [l.split(':', 1)[1].strip() for l in head.split('\r\n') if l.lower().startswith('http2-settings:')][0]
conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=False))
conn.initiate_upgrade_connection(settings_header=settings)
body = b'hello after an upgrade\n'
conn.send_headers(1, [(':status', '200'), ('content-type', 'text/plain'), ('content-length', str(len(body)))])
conn.send_data(1, body, end_stream=True)
c.sendall(b'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n' + conn.data_to_send())
c.settimeout(1)
try:
    while True:
        d = c.recv(65536)
        if not d:
            break
        conn.receive_data(d)
        c.sendall(conn.data_to_send())
except Exception:
    pass
c.close()
PY
  # Debian's python3, where python3-h2 installs its module.
  /usr/bin/python3 server.py & sleep 1
  tcpdump -i lo -w upgrade.pcap -U "tcp port 8080" 2>/dev/null & sleep 1
  curl -s --http2 http://127.0.0.1:8080/upgrade > /dev/null || true
  sleep 2; kill %2; sleep 1
  cp upgrade.pcap "$here/samples/loopback-h2c-upgrade.pcap"
  exit 0
fi
if [ "${1:-}" = h2c ]; then
  nghttpd --no-tls -d www 8080 >/dev/null 2>&1 &
  sleep 1
  tcpdump -i lo -w h2c.pcap -U "tcp port 8080" 2>/dev/null & sleep 1
  curl -s --http2-prior-knowledge http://127.0.0.1:8080/index.html > /dev/null || true
  curl -s --http2-prior-knowledge http://127.0.0.1:8080/big.txt > /dev/null || true
  sleep 1; kill %2; sleep 1
  cp h2c.pcap "$here/samples/loopback-h2c.pcap"
  exit 0
fi
nghttpd -d www 44303 key.pem cert.pem >/dev/null 2>&1 &
sleep 1
tcpdump -i lo -w capture.pcap -U "tcp port 44303" 2>/dev/null & sleep 1
export SSLKEYLOGFILE="$work/keys.log"
get() { curl -sk --http2 "$@" > /dev/null || true; }
get https://127.0.0.1:44303/index.html
get https://127.0.0.1:44303/index.html https://127.0.0.1:44303/big.txt https://127.0.0.1:44303/missing
get -d 'name=tcplens&kind=sample' https://127.0.0.1:44303/data.json
sleep 1; kill %2; sleep 1
cp capture.pcap "$here/samples/loopback-http2.pcap"
cp keys.log "$here/samples/loopback-http2.keys"
