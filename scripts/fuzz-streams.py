#!/usr/bin/python3
"""Differential test of tcp.stream and tcp.completeness against tshark -2, on random dialogues.

Writes captures of a few TCP conversations on a handful of address and port pairs (IPv4 or IPv6,
some with 802.1Q tags that differ by direction; few pairs, so that the same 4-tuple comes back:
port reuse, retransmitted SYNs, SYNs after FIN or RST), each packet's
flags, sequence and acknowledgment numbers drawn from what real stacks and broken ones send
(the next number, an old one, a new ISN, a wrong ack, data on a SYN), with small and large time
gaps. Each capture is read by tcplens and by tshark -2; per packet tcp.stream must be equal, per
stream tcp.completeness must be equal on the stream's last frame (compare-streams.sh's rule);
with --frames, on every frame too, and with --fields, the fields named on every frame.
Differences are printed with the capture's name and kept in OUT_DIR for a test to be made of.

Needs tshark (the oracle); the test suite does not run this.
Usage: scripts/fuzz-streams.py [-n CAPTURES] [-s SEED] [-o OUT_DIR] [--frames] [--fields "F1 F2 ..."]
"""
import argparse
import collections
import os
import random
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TCPLENS = os.path.join(HERE, "..", "tcplens")

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(src, dst, sport, dport, seq, ack, flags, payload, window=8192, options=b"", vlan=None):
    """An Ethernet frame (802.1Q-tagged when vlan is given) of IPv4 or IPv6, by the addresses' length."""
    tcp_len = 20 + len(options)
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, (tcp_len // 4) << 4,
                      flags, window, 0, 0) + options + payload
    if len(src) == 16:
        pseudo = struct.pack("!16s16sIxxxB", src, dst, len(tcp), 6)
        tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
        ip = struct.pack("!IHBB16s16s", 6 << 28, len(tcp), 6, 64, src, dst)
        ethertype = b"\x86\xdd"
    else:
        pseudo = struct.pack("!4s4sBBH", src, dst, 0, 6, len(tcp))
        tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, src, dst)
        ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
        ethertype = b"\x08\x00"
    tag = b"" if vlan is None else b"\x81\x00" + struct.pack("!H", vlan)
    return b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + tag + ethertype + ip + tcp


class Endpoint:
    def __init__(self, rnd):
        self.isn = rnd.getrandbits(32)
        self.next = self.isn
        self.sent_syn = False


def dialogue(rnd, packets):
    """One capture's packets: (seconds, bytes)."""
    # IPv6 in a third of the captures; in another third, 802.1Q tags that differ by direction and
    # change now and then (tshark keys conversations without them).
    if rnd.random() < 0.33:
        hosts = [bytes.fromhex("20010db8" + "0" * 23 + "1"), bytes.fromhex("20010db8" + "0" * 23 + "2")]
    else:
        hosts = [bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])]
    tagged = rnd.random() < 0.5
    tuples = [(1000 + rnd.randrange(3), 80 + rnd.randrange(2)) for _ in range(rnd.randrange(1, 4))]
    state = {}
    t = 1_000_000.0
    out = []
    for _ in range(packets):
        tup = rnd.choice(tuples)
        if tup not in state or rnd.random() < 0.05:
            state[tup] = [Endpoint(rnd), Endpoint(rnd)]
        ends = state[tup]
        side = rnd.randrange(2) if rnd.random() < 0.6 else (0 if not ends[0].sent_syn else 1)
        me, peer = ends[side], ends[1 - side]
        kind = rnd.choices(["syn", "synack", "ack", "data", "fin", "rst", "rstack", "finack_data", "syn_data"],
                           [12, 10, 25, 20, 12, 5, 5, 3, 2])[0]
        flags = {"syn": SYN, "synack": SYN | ACK, "ack": ACK, "data": PSH | ACK, "fin": FIN | ACK,
                 "rst": RST, "rstack": RST | ACK, "finack_data": FIN | PSH | ACK, "syn_data": SYN}[kind]
        if rnd.random() < 0.05:
            flags &= ~ACK  # a FIN or data without ACK, as broken stacks and scanners send
        payload = b""
        if kind in ("data", "finack_data", "syn_data") or (kind == "rst" and rnd.random() < 0.2):
            payload = bytes(rnd.randrange(256) for _ in range(rnd.choice([1, 10, 100])))
        # Sequence number: mostly the next one; sometimes an old one, a new ISN or a random one.
        r = rnd.random()
        if flags & SYN:
            if r < 0.15:
                me.isn = rnd.getrandbits(32)  # a new ISN (port reuse when the conversation closed)
            seq = me.isn
            me.next = (me.isn + 1 + len(payload)) & 0xFFFFFFFF
            me.sent_syn = True
        else:
            seq = me.next if r < 0.8 else ((me.next - rnd.choice([1, 10, 100])) & 0xFFFFFFFF if r < 0.9
                                           else rnd.getrandbits(32))
            me.next = (seq + len(payload) + (1 if flags & FIN else 0)) & 0xFFFFFFFF
        r = rnd.random()
        ack = 0
        if flags & ACK:
            ack = peer.next if r < 0.85 else ((peer.next + rnd.choice([-1, 1, 1000])) & 0xFFFFFFFF if r < 0.95
                                             else rnd.getrandbits(32))
        elif rnd.random() < 0.1:
            ack = rnd.getrandbits(32)  # an ACK field without the ACK bit
        src, dst = (hosts[0], hosts[1]) if side == 0 else (hosts[1], hosts[0])
        sport, dport = tup if side == 0 else (tup[1], tup[0])
        options = b""
        if flags & SYN and rnd.random() < 0.7:
            options = b"\x02\x04\x05\xb4\x01\x03\x03\x07"  # MSS 1460, NOP, window scale 7
        t += rnd.choice([0.001, 0.01, 0.2, 1.0]) if rnd.random() < 0.97 else rnd.choice([70.0, 130.0, 400.0])
        vlan = (10 + side + 10 * rnd.randrange(2)) if tagged and rnd.random() < 0.8 else None
        out.append((t, frame(src, dst, sport, dport, seq, ack, flags, payload, options=options, vlan=vlan)))
    return out


def write_pcap(path, packets):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for t, data in packets:
            sec = int(t)
            f.write(struct.pack("<IIII", sec, int(round((t - sec) * 1e6)), len(data), len(data)))
            f.write(data)


def fields(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def last_completeness(rows):
    last = {}
    for row in rows:
        if len(row) >= 3 and row[1] != "":
            last[row[1]] = row[2]
    return last


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("-s", type=int, default=1)
    ap.add_argument("-o", default="/tmp/fuzz-streams")
    ap.add_argument("--frames", action="store_true", help="also compare every frame's tcp.completeness")
    ap.add_argument("--fields", default="", help="more fields to compare on every frame (space-separated)")
    a = ap.parse_args()
    os.makedirs(a.o, exist_ok=True)
    failed = 0
    extra = a.fields.split()
    field_counts = collections.Counter()
    for i in range(a.n):
        rnd = random.Random(a.s * 1_000_003 + i)
        path = os.path.join(a.o, "f%d-%d.pcap" % (a.s, i))
        write_pcap(path, dialogue(rnd, rnd.randrange(4, 40)))
        e = ["-e", "frame.number", "-e", "tcp.stream", "-e", "tcp.completeness"]
        got = fields([TCPLENS, "packets", "-r", path, "-T", "fields"] + e)
        want = fields(["tshark", "-2", "-n", "-r", path, "-T", "fields"] + e)
        streams_differ = [(g, w) for g, w in zip(got, want) if g[:2] != w[:2]] or len(got) != len(want)
        cg, cw = last_completeness(got), last_completeness(want)
        frames_differ = [w[0] for g, w in zip(got, want) if g != w]
        if extra:
            more = ["-e", "frame.number"] + [x for name in extra for x in ("-e", name)]
            g2 = fields([TCPLENS, "packets", "-r", path, "-T", "fields"] + more)
            # One pass: tshark -2 numbers every frame with the bases as the last frames left them.
            w2 = fields(["tshark", "-n", "-r", path, "-T", "fields"] + more)
            for g, w in zip(g2, w2):
                if g != w:
                    frames_differ.append(w[0])
                    names = [extra[k] for k in range(len(extra)) if k + 1 < len(g) and k + 1 < len(w) and g[k + 1] != w[k + 1]]
                    field_counts.update(names)
        if (a.frames or extra) and frames_differ and not (streams_differ or cg != cw):
            failed += 1
            print("DIFF %s: the stream's final values agree; frames %s show other values" % (path, ",".join(frames_differ)))
        elif streams_differ or cg != cw:
            failed += 1
            print("DIFF %s: streams %s; completeness tcplens %s tshark %s" % (
                path, "differ" if streams_differ else "equal",
                {k: v for k, v in cg.items() if cw.get(k) != v}, {k: v for k, v in cw.items() if cg.get(k) != v}))
        else:
            os.remove(path)
    print("%d captures, %d differ" % (a.n, failed))
    if field_counts:
        print("frames differing per field: " + ", ".join("%s %d" % kv for kv in field_counts.most_common()))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
