#!/usr/bin/python3
"""Writes samples/tunnels.pcap: TCP connections carried by the tunnels a capture point on a
data-centre or provider network sees, each a whole conversation (three-way handshake, request,
response, four-way teardown) inside its encapsulation. This machine's kernel has no GRE, VXLAN or
Geneve devices, so the packets are built with scapy (Debian's python3-scapy) instead of played
by a real stack; tshark decodes all of them (scripts/record-tshark-oracle.sh records its views).

  client port 47001  GRE (RFC 2784) over IPv4, carrying IPv4
  client port 47002  GRE with checksum, key and sequence number (RFC 2890), carrying Ethernet
  client port 47003  VXLAN (RFC 7348, UDP 4789, VNI 42), carrying Ethernet and IPv4
  client port 47004  Geneve (RFC 8926, UDP 6081, VNI 77, one 8-byte option), carrying Ethernet and IPv6
  client port 47005  GRE over IPv6, carrying IPv4
  client port 47006  GTP-U (3GPP TS 29.281, UDP 2152, with sequence numbers), carrying IPv4
  client port 47007  ERSPAN type II (GRE 0x88be with sequence numbers): a mirrored Ethernet frame
  client port 47008  ERSPAN type III (GRE 0x22eb) with its platform-specific subheader
  client port 47009  AYIYA (UDP 5072, SixXS's IPv6 tunnel): identity, SHA-1 signature, IPv6 inside
  client port 47010  Teredo (RFC 4380, UDP 3544): IPv6 from a Teredo address; the first reply
                     carries an origin indication, the client's first packet an authentication header
  client port 47011  PPTP's enhanced GRE (version 1, RFC 2637) carrying PPP (RFC 1661) carrying
                     IPv4: sequence numbers, acknowledgments piggybacked and once alone, the
                     server's PPP frames with address, control and protocol field compressed away
  client port 47012  GRE-in-UDP (RFC 8086, UDP 4754) carrying IPv4, from a different source port
                     each way
  client port 47013  Aruba's GRE (protocol type 0x8200, and 0x8210 from the other end) carrying the
                     wireless client's 802.11 data frames (to the access point plain, from it QoS
                     data) with LLC/SNAP and IPv4
  client port 47014  VXLAN-GPE (UDP 4790, next protocol NSH) carrying a Network Service Header
                     (RFC 8300, MD type 1, service path 10, index 255) carrying IPv4
  client port 47015  NSH directly over Ethernet (EtherType 0x894f, MD type 2 without metadata)
                     carrying an Ethernet frame; tshark decodes both, Zeek neither (its conn.log
                     has no row for these two connections)
  client port 47016  L2TP version 2 (RFC 2661, UDP 1701 both ways) carrying PPP carrying IPv4: the
                     client's data messages with the length bit and full PPP headers, the LNS's with
                     sequence numbers and PPP's address and control compressed away, a ZLB control
                     message and a Hello between; tshark decodes it, Zeek does not

Usage: /usr/bin/python3 scripts/tunnel-scenarios.py [OUT.pcap]
"""
import sys
from scapy.all import Ether, IP, IPv6, UDP, GRE, Raw, LLC, SNAP, wrpcap
from scapy.layers.dot11 import Dot11, Dot11QoS
from scapy.layers.vxlan import VXLAN
from scapy.contrib.geneve import GENEVE
from scapy.contrib.gtp import GTP_U_Header
from scapy.contrib.erspan import ERSPAN_II, ERSPAN_III, ERSPAN_PlatformSpecific
from scenario_conversation import conversation

OUTER_A, OUTER_B = "192.0.2.1", "192.0.2.2"
MAC_A, MAC_B = "02:00:00:00:00:0a", "02:00:00:00:00:0b"
INNER_MAC_A, INNER_MAC_B = "02:00:00:00:01:0a", "02:00:00:00:01:0b"


def outer(side, ipv6=False, proto=None):
    """Ethernet and IP from tunnel end A (side 0) or B; proto when what follows is raw bytes (GRE version 1)."""
    ip = IPv6(src="2001:db8::a" if side == 0 else "2001:db8::b", dst="2001:db8::b" if side == 0 else "2001:db8::a") \
        if ipv6 else IP(src=OUTER_A if side == 0 else OUTER_B, dst=OUTER_B if side == 0 else OUTER_A)
    if proto is not None:
        ip.proto = proto
    return Ether(src=MAC_A if side == 0 else MAC_B, dst=MAC_B if side == 0 else MAC_A) / ip


def inner_frame(side, packet):
    return Ether(src=INNER_MAC_A if side == 0 else INNER_MAC_B, dst=INNER_MAC_B if side == 0 else INNER_MAC_A) / packet


frames = []
sequence = [0]


def emit(frame):
    frame.time = 1700000000 + len(frames) * 0.01
    frames.append(frame)


for side, p in conversation(47001, "10.1.0.1", "10.1.0.2"):
    emit(outer(side) / GRE(proto=0x0800) / p)
for side, p in conversation(47002, "10.2.0.1", "10.2.0.2", isn_c=4294967000):
    sequence[0] += 1
    emit(outer(side) / GRE(chksum_present=1, key_present=1, seqnum_present=1, key=0x2a, seqence_number=sequence[0],
                            proto=0x6558) / inner_frame(side, p))
for side, p in conversation(47003, "10.3.0.1", "10.3.0.2"):
    emit(outer(side) / UDP(sport=49152 + side, dport=4789) / VXLAN(vni=42, flags=0x08) / inner_frame(side, p))
for side, p in conversation(47004, "fd00::1", "fd00::2", sport=443):
    emit(outer(side) / UDP(sport=50000 + side, dport=6081)
         / GENEVE(vni=77, proto=0x6558, optionlen=2, options=b"\x01\x02\x03\x01\x00\x00\x00\x07")
         / inner_frame(side, p))
for side, p in conversation(47005, "10.5.0.1", "10.5.0.2"):
    emit(outer(side, ipv6=True) / GRE(proto=0x0800) / p)
for n, (side, p) in enumerate(conversation(47006, "10.6.0.1", "10.6.0.2")):
    emit(outer(side) / UDP(sport=2152, dport=2152)
         / GTP_U_Header(S=1, seq=n, gtp_type=255, teid=0x1000 + side) / p)

for n, (side, p) in enumerate(conversation(47007, "10.7.0.1", "10.7.0.2")):
    emit(outer(side) / GRE(seqnum_present=1, seqence_number=n, proto=0x88BE)
         / ERSPAN_II(ver=1, vlan=7, session_id=100 + side, index=n) / inner_frame(side, p))
for n, (side, p) in enumerate(conversation(47008, "10.8.0.1", "10.8.0.2")):
    emit(outer(side) / GRE(seqnum_present=1, seqence_number=n, proto=0x22EB)
         / ERSPAN_III(ver=2, vlan=8, session_id=200, timestamp=1000 + n, o=1) / ERSPAN_PlatformSpecific(platf_id=3)
         / inner_frame(side, p))

for side, p in conversation(47009, "2001:db8:4c::2", "2001:db8:b002::68"):
    # idlen 4 (16-byte identity), idtype 1 (IPv6 address), siglen 5 (20 bytes), SHA-1, shared
    # secret, opcode 1 (forward), next header 41 (IPv6); the epoch, then identity and signature.
    identity = bytes.fromhex("20010db8004c00000000000000000002" if side == 0 else "20010db800000000000000000000ffff")
    header = bytes([0x41, 0x52, 0x11, 41]) + (1257655296 + len(frames)).to_bytes(4, "big") + identity + bytes(range(20))
    emit(outer(side) / UDP(sport=53859 if side == 0 else 5072, dport=5072 if side == 0 else 53859) / Raw(header) / p)
for n, (side, p) in enumerate(conversation(47010, "2001:0:4137:9e50:8000:f12a:b9c8:2815", "2001:db8:4860::68")):
    prefix = b""
    if n == 0:
        # Authentication header: client id "ab", 3-byte value, 8-byte nonce, confirmation 0.
        prefix = b"\x00\x01\x02\x03ab" + b"xyz" + bytes(range(8)) + b"\x00"
    elif n == 1:
        # Origin indication: port 3797 and address 192.168.2.16, both inverted.
        prefix = b"\x00\x00" + (3797 ^ 0xFFFF).to_bytes(2, "big") + bytes(b ^ 0xFF for b in bytes([192, 168, 2, 16]))
    emit(outer(side) / UDP(sport=3797 if side == 0 else 3544, dport=3544 if side == 0 else 3797) / Raw(prefix) / p)

sent = [0, 0]
for n, (side, p) in enumerate(conversation(47011, "172.16.44.3", "10.11.0.2")):
    sent[side] += 1
    # The client sends full PPP headers (ff 03 00 21); the server compresses them to one byte (21).
    ppp = b"\xff\x03\x00\x21" if side == 0 else b"\x21"
    payload = ppp + bytes(p)
    ack = sent[1 - side] if n % 2 == 1 else None
    flags = 0x3001 | (0x0080 if ack is not None else 0)
    header = flags.to_bytes(2, "big") + (0x880B).to_bytes(2, "big") + len(payload).to_bytes(2, "big") \
        + (0x4000 + side).to_bytes(2, "big") + sent[side].to_bytes(4, "big") + (ack.to_bytes(4, "big") if ack else b"")
    emit(outer(side, proto=47) / Raw(header + payload))
    if n == 2:
        # An acknowledgment alone: GRE with the A flag and no payload.
        emit(outer(1, proto=47) / Raw((0x2081).to_bytes(2, "big") + (0x880B).to_bytes(2, "big") + (0).to_bytes(2, "big")
                            + (0x4001).to_bytes(2, "big") + sent[0].to_bytes(4, "big")))

for side, p in conversation(47012, "10.12.0.1", "10.12.0.2"):
    emit(outer(side) / UDP(sport=51000 + side, dport=4754) / GRE(proto=0x0800) / p)
STATION, ACCESS_POINT = "02:00:00:00:02:0a", "02:00:00:00:02:0b"
for side, p in conversation(47013, "10.13.0.1", "10.13.0.2"):
    if side == 0:
        wireless = Dot11(type=2, subtype=0, FCfield="to-DS", addr1=ACCESS_POINT, addr2=STATION, addr3=INNER_MAC_B)
    else:
        wireless = Dot11(type=2, subtype=8, FCfield="from-DS", addr1=STATION, addr2=ACCESS_POINT, addr3=INNER_MAC_B) \
            / Dot11QoS(TID=5)
    emit(outer(side) / GRE(proto=0x8200 if side == 0 else 0x8210) / wireless / LLC() / SNAP() / p)



def nsh(next_protocol, md_type, context=b""):
    """An NSH base and service path header (TTL 63), then the context headers."""
    length = (8 + len(context)) // 4
    return bytes([63 >> 2, ((63 & 3) << 6) | length, md_type, next_protocol]) + (10 << 8 | 255).to_bytes(4, "big") + context


for side, p in conversation(47014, "10.14.0.1", "10.14.0.2"):
    gpe = bytes([0x0C, 0, 0, 4]) + (77 << 8).to_bytes(4, "big")
    emit(outer(side) / UDP(sport=52000 + side, dport=4790) / Raw(gpe + nsh(1, 1, bytes(range(16)))) / p)
for side, p in conversation(47015, "10.15.0.1", "10.15.0.2"):
    emit(Ether(src=MAC_A if side == 0 else MAC_B, dst=MAC_B if side == 0 else MAC_A, type=0x894F)
         / Raw(nsh(3, 2)) / inner_frame(side, p))

sent = [0, 0]
for n, (side, p) in enumerate(conversation(47016, "10.16.0.1", "10.16.0.2")):
    if side == 0:
        ppp = b"\xff\x03\x00\x21" + bytes(p)
        header = (0x4002).to_bytes(2, "big") + (8 + len(ppp)).to_bytes(2, "big") + (7).to_bytes(2, "big") + (3).to_bytes(2, "big")
    else:
        ppp = b"\x00\x21" + bytes(p)
        header = (0x0802).to_bytes(2, "big") + (9).to_bytes(2, "big") + (4).to_bytes(2, "big") \
            + sent[1].to_bytes(2, "big") + sent[0].to_bytes(2, "big")
    sent[side] += 1
    emit(outer(side) / UDP(sport=1701, dport=1701) / Raw(header + ppp))
    if n == 2:
        # A ZLB acknowledgment, then a Hello (message type AVP 6): control messages, flags 0xc802.
        emit(outer(1) / UDP(sport=1701, dport=1701) / Raw(bytes.fromhex("c802000c0009000000010002")))
        emit(outer(0) / UDP(sport=1701, dport=1701) / Raw(bytes.fromhex("c80200140007000000020001" "8008000000000006")))

out = sys.argv[1] if len(sys.argv) > 1 else "samples/tunnels.pcap"
wrpcap(out, frames)
print(f"wrote {len(frames)} frames to {out}", file=sys.stderr)
