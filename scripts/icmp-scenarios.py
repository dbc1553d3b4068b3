#!/usr/bin/python3
"""Writes samples/icmp-messages.pcap: one ICMP or ICMPv6 message of each kind whose summary line
tcplens writes as tshark 4.0 does (scripts/record-tshark-oracle.sh records tshark's views).
Built with scapy (Debian's python3-scapy).

  frames 1-3     an echo request, its reply (tshark: "(request in 1)"), a reply to no request
  frames 4-34    destination unreachable (codes 0-16), source quench, redirect (codes 0-4), time
                 exceeded (0-2), parameter problem (0-3), each quoting a UDP datagram
  frames 35-56   the other ICMP types (timestamp, information and address mask messages with
                 their identifiers, router solicitation, unknown types) and an echo request with
                 an unusual code
  frames 57-75   ICMPv6 errors with every code and some unknown ones
  frames 76-103  ICMPv6 echo with its reply, multicast listener messages, Neighbor Discovery
                 with and without link-layer address options and with each NA flag, and
                 informational types that carry no body tcplens reads
  frames 104-107 router advertisements: the "Mobile IP" codes 0 and 16 and unknown codes

Usage: /usr/bin/python3 scripts/icmp-scenarios.py [OUT.pcap]
"""
import sys
from scapy.all import Ether, IP, ICMP, UDP, Raw, wrpcap
from scapy.layers.inet6 import (IPv6, ICMPv6Unknown, ICMPv6EchoRequest, ICMPv6EchoReply, ICMPv6MLQuery,
                                ICMPv6MLReport, ICMPv6MLDone, ICMPv6ND_RS, ICMPv6ND_RA, ICMPv6ND_NS,
                                ICMPv6ND_NA, ICMPv6ND_Redirect, ICMPv6MLReport2, ICMPv6NDOptSrcLLAddr,
                                ICMPv6NDOptDstLLAddr)

A, B = "192.0.2.1", "192.0.2.2"
A6, B6 = "2001:db8::1", "2001:db8::2"
QUOTE = bytes(IP(src=B, dst="198.51.100.7") / UDP(sport=5353, dport=33434))[:28]
QUOTE6 = bytes(IPv6(src=B6, dst="2001:db8::9") / UDP(sport=5353, dport=33434))[:48]


def frames():
    out = [Ether() / IP(src=A, dst=B, ttl=64) / ICMP(type=8, id=0x1234, seq=1) / Raw(b"abcdefgh"),
           Ether() / IP(src=B, dst=A, ttl=57) / ICMP(type=0, id=0x1234, seq=1) / Raw(b"abcdefgh"),
           Ether() / IP(src=B, dst=A, ttl=57) / ICMP(type=0, id=0x1234, seq=9) / Raw(b"abcdefgh")]
    for kind, codes in ((3, range(0, 17)), (4, [0, 1]), (5, range(0, 5)), (11, [0, 1, 2]), (12, [0, 1, 2, 3])):
        out += [Ether() / IP(src=A, dst=B) / ICMP(type=kind, code=code) / Raw(QUOTE) for code in codes]
    for kind in (1, 2, 6, 7, 9, 10, 13, 14, 15, 16, 17, 18, 19, 30, 37, 40, 41, 42, 43, 165, 255):
        out.append(Ether() / IP(src=A, dst=B) / ICMP(type=kind, code=0) / Raw(b"\x00" * 12))
    out.append(Ether() / IP(src=A, dst=B) / ICMP(type=8, code=3, id=1, seq=2))
    for kind, codes in ((1, range(0, 9)), (2, [0, 1]), (3, [0, 1, 2]), (4, range(0, 5))):
        out += [Ether() / IPv6(src=A6, dst=B6) / ICMPv6Unknown(type=kind, code=code, msgbody=b"\x00\x00\x05\xdc" + QUOTE6)
                for code in codes]
    out += [Ether() / IPv6(src=A6, dst=B6, hlim=64) / ICMPv6EchoRequest(id=0x4321, seq=7),
            Ether() / IPv6(src=B6, dst=A6, hlim=60) / ICMPv6EchoReply(id=0x4321, seq=7),
            Ether() / IPv6(src=B6, dst=A6, hlim=60) / ICMPv6EchoReply(id=0x4321, seq=8),
            Ether() / IPv6(src="fe80::1", dst="ff02::1") / ICMPv6MLQuery(),
            Ether() / IPv6(src="fe80::1", dst="ff02::1") / ICMPv6MLReport(),
            Ether() / IPv6(src="fe80::1", dst="ff02::1") / ICMPv6MLDone(),
            Ether() / IPv6(src="fe80::1", dst="ff02::2") / ICMPv6ND_RS() / ICMPv6NDOptSrcLLAddr(lladdr="00:11:22:33:44:55"),
            Ether() / IPv6(src="fe80::1", dst="ff02::2") / ICMPv6ND_RS(),
            Ether() / IPv6(src="fe80::1", dst="ff02::1") / ICMPv6ND_RA() / ICMPv6NDOptSrcLLAddr(lladdr="00:11:22:33:44:66"),
            Ether() / IPv6(src="fe80::1", dst="ff02::1") / ICMPv6ND_RA(),
            Ether() / IPv6(src="fe80::1", dst="ff02::1:ff00:2") / ICMPv6ND_NS(tgt=B6)
            / ICMPv6NDOptSrcLLAddr(lladdr="00:11:22:33:44:55"),
            Ether() / IPv6(src="::", dst="ff02::1:ff00:2") / ICMPv6ND_NS(tgt=B6),
            Ether() / IPv6(src="fe80::2", dst="fe80::1") / ICMPv6ND_NA(tgt=B6, R=1, S=1, O=1)
            / ICMPv6NDOptDstLLAddr(lladdr="00:11:22:33:44:77"),
            Ether() / IPv6(src="fe80::2", dst="fe80::1") / ICMPv6ND_NA(tgt=B6, R=0, S=1, O=0),
            Ether() / IPv6(src="fe80::2", dst="fe80::1") / ICMPv6ND_NA(tgt=B6, R=0, S=0, O=0),
            Ether() / IPv6(src="fe80::2", dst="fe80::1") / ICMPv6ND_Redirect(tgt="fe80::9", dst="2001:db8::5"),
            Ether() / IPv6(src="fe80::1", dst="ff02::16") / ICMPv6MLReport2()]
    for kind in (100, 127, 141, 142, 144, 150, 200, 255, 5):
        out.append(Ether() / IPv6(src=A6, dst=B6) / ICMPv6Unknown(type=kind, code=0, msgbody=b"\x00" * 8))
    for code in (0, 1, 16, 17):
        out.append(Ether() / IP(src=A, dst=B) / ICMP(type=9, code=code) / Raw(b"\x00" * 12))
    for i, p in enumerate(out):
        p.time = 1700000000 + i * 0.001
    return out


if __name__ == "__main__":
    wrpcap(sys.argv[1] if len(sys.argv) > 1 else "samples/icmp-messages.pcap", frames())
