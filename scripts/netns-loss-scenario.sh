#!/usr/bin/env bash
# Records samples/netns-loss.pcap: two bulk transfers between two network namespaces of this
# machine (10.77.0.1 -> 10.77.0.2:46000, over a veth pair with segmentation offloads off), where
# the receiver's input drops 3% of the data segments at random (nftables). What Linux then does
# is what the generated captures never show: duplicate ACKs with SACK blocks, fast
# retransmissions, timeouts, out-of-order arrivals, a full receive window. Needs root, iproute2,
# nftables, ethtool, tcpdump and python3; the tests only read the capture and tshark's views of it
# (scripts/record-tshark-oracle.sh). Each run drops other segments, so the capture differs.
set -euo pipefail
out=${1:-$(cd "$(dirname "$0")/.." && pwd)/samples/netns-loss.pcap}
a=tcplens_a; b=tcplens_b
cleanup() { ip netns del $a 2>/dev/null || true; ip netns del $b 2>/dev/null || true; }
trap cleanup EXIT
cleanup
ip netns add $a; ip netns add $b
ip link add tl_va type veth peer name tl_vb
ip link set tl_va netns $a; ip link set tl_vb netns $b
ip -n $a addr add 10.77.0.1/24 dev tl_va; ip -n $b addr add 10.77.0.2/24 dev tl_vb
for ns in $a $b; do ip -n $ns link set lo up; done
ip -n $a link set tl_va up; ip -n $b link set tl_vb up
# One packet per segment on the wire (no GSO/TSO super-packets), so that single segments drop.
ip netns exec $a ethtool -K tl_va tso off gso off gro off >/dev/null
ip netns exec $b ethtool -K tl_vb tso off gso off gro off >/dev/null
ip netns exec $b nft add table inet loss
ip netns exec $b nft add chain inet loss in '{ type filter hook input priority 0; }'
ip netns exec $b nft add rule inet loss in tcp dport 46000 numgen random mod 100 lt 3 drop
program=$(mktemp); trap 'cleanup; rm -f "$program"' EXIT
cat > "$program" <<'PY'
import socket, sys, time
if sys.argv[1] == 'server':
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('10.77.0.2', 46000)); s.listen(4)
    for i in range(2):
        c, _ = s.accept(); n = 0
        while True:
            d = c.recv(65536)
            if not d: break
            n += len(d)
        c.send(b'got %d\n' % n); c.close()
else:
    time.sleep(0.5)
    for size in (400000, 150000):
        c = socket.socket(); c.connect(('10.77.0.2', 46000))
        c.sendall(b'z' * size); c.shutdown(socket.SHUT_WR); c.recv(100); c.close()
PY
# Captured at the sender: every segment it sent, retransmissions included, and every ACK back.
ip netns exec $a tcpdump -i tl_va -U -w "$out" 'tcp port 46000' 2>/dev/null & capture=$!
sleep 1
ip netns exec $b timeout 60 python3 "$program" server & server=$!
ip netns exec $a timeout 60 python3 "$program" client
wait $server
sleep 1; kill $capture; wait $capture 2>/dev/null || true
echo "recorded $out" >&2
