#!/usr/bin/python3
"""Writes samples/provider-bridging.pcap: TCP connections carried the way a provider's Ethernet
carries its customers' frames, each a whole conversation (three-way handshake, request,
response, four-way teardown). Built with scapy (Debian's python3-scapy); tshark decodes all of
them (scripts/record-tshark-oracle.sh records its views), and so does Zeek (802.1ad tags and,
since Zeek 6.0, 802.1ah).

  client port 47101  802.1ah provider backbone bridging (MAC-in-MAC): backbone addresses, the
                     I-TAG (I-SID 0x001234, priority 3), the customer's addresses, IPv4
  client port 47102  802.1ad backbone tag (VID 100), then the 802.1ah I-TAG (I-SID 0xabcdef, drop
                     eligible, customer addresses used), then the customer's 802.1Q tag (VID 42), IPv4
  client port 47103  802.1ad service tag (EtherType 0x88a8, VID 7) over an 802.1Q customer tag
                     (VID 42): QinQ with the standard TPID, IPv6 inside
  client port 47104  802.1BR E-Tag (EtherType 0x893f, a port extender's channels 5 and 7) carrying
                     IPv4; tshark decodes it, Zeek does not (its conn.log has no row for it)

Usage: /usr/bin/python3 scripts/provider-bridging-scenarios.py [OUT.pcap]
"""
import struct
import sys
from scapy.all import Ether, Raw, wrpcap
from scenario_conversation import conversation

BACKBONE_A, BACKBONE_B = "02:00:00:00:00:0a", "02:00:00:00:00:0b"
CUSTOMER_A, CUSTOMER_B = "02:00:00:00:01:0a", "02:00:00:00:01:0b"
BRIDGED = dict(path="/bridged", host="customer", mss=1460)


def mac(text):
    return bytes.fromhex(text.replace(":", ""))


def customer_addresses(side):
    """The customer frame's destination and source addresses."""
    return (mac(CUSTOMER_B) + mac(CUSTOMER_A)) if side == 0 else (mac(CUSTOMER_A) + mac(CUSTOMER_B))


def i_tag(priority, drop, use_customer_addresses, isid):
    return struct.pack("!I", priority << 29 | drop << 28 | use_customer_addresses << 27 | isid)


def backbone(side, ethertype, body):
    return Ether(src=BACKBONE_A if side == 0 else BACKBONE_B, dst=BACKBONE_B if side == 0 else BACKBONE_A,
                 type=ethertype) / Raw(body)


frames = []


def emit(frame):
    frame.time = 1700000000 + len(frames) * 0.01
    frames.append(frame)


for side, p in conversation(47101, "10.21.0.1", "10.21.0.2", **BRIDGED):
    emit(backbone(side, 0x88E7, i_tag(3, 0, 0, 0x001234) + customer_addresses(side) + struct.pack("!H", 0x0800)
                  + bytes(p)))
for side, p in conversation(47102, "10.22.0.1", "10.22.0.2", **BRIDGED):
    emit(backbone(side, 0x88A8, struct.pack("!HH", 100, 0x88E7) + i_tag(5, 1, 1, 0xABCDEF) + customer_addresses(side)
                  + struct.pack("!HHH", 0x8100, 42, 0x0800) + bytes(p)))
for side, p in conversation(47103, "fd21::1", "fd21::2", sport=443, **BRIDGED):
    emit(backbone(side, 0x88A8, struct.pack("!HHHH", 0x2007, 0x8100, 42, 0x86DD) + bytes(p)))

for side, p in conversation(47104, "10.24.0.1", "10.24.0.2", **BRIDGED):
    channels = (3 << 13 | 0x005, 0x007) if side == 0 else (3 << 13 | 0x007, 0x005)
    emit(backbone(side, 0x893F, struct.pack("!HHBBH", channels[0], channels[1], 0, 0, 0x0800) + bytes(p)))

out = sys.argv[1] if len(sys.argv) > 1 else "samples/provider-bridging.pcap"
wrpcap(out, frames)
print(f"wrote {len(frames)} frames to {out}")
